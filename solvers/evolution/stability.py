"""Stability tables of replicator dynamics: every rest point, its eigenvalues and classes.

:func:`stability` linearises at each rest point found by
:func:`~solvers.evolution.rest_points.rest_points`. The Jacobian (in reduced
coordinates) is split into strongly connected blocks (it is block triangular
after a permutation, e.g. diagonal at every vertex of a multi-population
game), and each block is classified exactly
(:mod:`solvers.evolution.routh_hurwitz`).

The classes are ``"stable"`` (all eigenvalues with negative real part:
asymptotically stable; at a vertex of multi-population dynamics this is a
strict Nash equilibrium, i.e. an ESS), ``"unstable"`` (all real parts
positive: a source), ``"saddle"`` (real parts of both signs, none zero),
``"centre"`` (all real parts zero, no zero eigenvalue) and
``"non-hyperbolic"`` (some zero real part otherwise). A zero real part is
never called stable. Each class carries its parameter condition, simplified
on the game's :class:`~games.parameters.ParameterSpace`. The result classes
live in :mod:`solvers.evolution.tables` and are re-exported here.

References
----------
.. [1] D. Friedman, "Evolutionary games in economics", Econometrica 59(3)
   (1991) 637-666.
.. [2] R. Selten, "A note on evolutionarily stable strategies in asymmetric
   animal conflicts", Journal of Theoretical Biology 84 (1980) 93-101.
.. [3] F. R. Gantmacher, *The Theory of Matrices*, vol. 2, Chelsea, 1959,
   ch. XV (Routh-Hurwitz criterion, Orlando's formula).
"""

from __future__ import annotations

from typing import Any

import sympy
from sympy.logic.boolalg import Boolean

from solvers.limits import call_with_time_limit, check_time_limit
from games.errors import UnsupportedGame, fmt_error
from solvers.evolution.conditions import is_float_game, quick_satisfiable, simplify_on_space
from games.conditions import normalize_relation
from solvers.evolution.replicator import Replicator
from solvers.evolution.rest_points import RestPoint, clean_expr, rest_points
from solvers.evolution.routh_hurwitz import LAMBDA, classify_jacobian, jacobian_blocks
from solvers.evolution.sign_patterns import context, triangular_classes
from solvers.evolution.tables import StabilityRow, StabilityTable, StableRegime

__all__ = [
    "CLASSES",
    "StabilityRow",
    "StabilityTable",
    "StableRegime",
    "stability",
]

#: The stability classes, in table order.
CLASSES = ("stable", "unstable", "saddle", "centre", "non-hyperbolic")


def _analyse(dyn: Replicator, p: RestPoint, floaty: bool, simplify: bool, ctx: Any = None) -> StabilityRow:
    vals = dict(zip(dyn.state, p.coordinates))
    J = sympy.Matrix(dyn.jacobian.xreplace(vals)).applyfunc(lambda e: clean_expr(e, floaty))
    order = jacobian_blocks(J)
    if (ctx is not None and not floaty and p.condition is sympy.true and all(len(b) == 1 for b in order)
            and J.free_symbols):
        fast = _triangular_row(dyn, p, J, order, ctx)
        if fast is not None:
            return fast
    shares = [v for sup, prof in zip(p.support, p.profile) if len(sup) > 1 for v in (prof[s] for s in sup)]
    eig, cp, by_class, exact = classify_jacobian(J, order, shares, floaty)
    classes = []
    for c, cond in by_class.items():
        if cond is sympy.false:
            continue
        if cond is not sympy.true and cond.free_symbols:
            cond = _normalize(cond)
            if simplify and p.is_vertex:
                full = simplify_on_space(sympy.And(p.condition, cond), dyn)
            else:
                full = sympy.And(p.condition, cond)
                if quick_satisfiable(full, dyn) is False:
                    continue
        else:
            full = p.condition if cond is sympy.true else sympy.false
            if full is sympy.false:
                continue
        if full is not sympy.false:
            classes.append((c, full))
    return StabilityRow(p, sympy.ImmutableMatrix(J), eig, cp, tuple(classes), exact)


def _triangular_row(dyn: Replicator, p: RestPoint, J: sympy.Matrix, order: list, ctx: Any) -> StabilityRow | None:
    """A row whose Jacobian is triangular: classes from sign patterns (:mod:`.sign_patterns`)."""
    eig = tuple(J[b[0], b[0]] for b in order)
    classes = triangular_classes(eig, dyn.space, ctx)
    if classes is None:
        return None
    cp = sympy.Mul(*[LAMBDA - e for e in eig])
    return StabilityRow(p, sympy.ImmutableMatrix(J), eig, cp, tuple(classes.items()), True)


def _normalize(cond: Boolean) -> Boolean:
    """Readable relations (known-sign factors cleared), structure kept."""
    if isinstance(cond, sympy.core.relational.Relational):
        try:
            return normalize_relation(cond, fast=True)
        except (TypeError, ValueError):
            return cond
    if isinstance(cond, (sympy.And, sympy.Or, sympy.Not)):
        return cond.func(*[_normalize(a) for a in cond.args])
    return cond


def stability(dyn: Replicator, *, simplify: bool = True, vertices_only: bool = False,
              time_limit: float | None = None) -> StabilityTable:
    """Stability table of replicator dynamics: every rest point, its eigenvalues and classes.

    Parameters
    ----------
    dyn : Replicator
        From :func:`solvers.replicator.replicator`.
    simplify : bool, optional
        Simplify each class condition on the space with
        :func:`games.conditions.simplify_condition` (default). With
        ``False`` conditions are only normalised and impossible classes
        dropped (one satisfiability check each): faster for large models.
    vertices_only : bool, optional
        Only the vertices: the table papers print, and fast (the Jacobian is
        diagonal there for multi-population dynamics). The table then says
        nothing of edge, face and interior rest points.

    time_limit : float, optional
        Seconds. The computation runs in a worker process that is stopped at
        the limit, even inside sympy or z3 (:mod:`solvers.limits`).

    Returns
    -------
    StabilityTable

    Raises
    ------
    UnsupportedGame
        If ``dyn`` is not a Replicator.
    ValueError
        If ``time_limit`` is not a positive number or None.
    TimeLimitExceeded
        At the limit; ``.partial`` holds the rows (:class:`StabilityRow`)
        finished so far.

    Examples
    --------
    The stag hunt: both pure coordination outcomes are stable (ESS), the
    off-diagonal vertices are sources and the mixed rest point a saddle.

    >>> from games.normal_form import NormalFormGame
    >>> from solvers.replicator import replicator
    >>> sh = NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    >>> [(r.point.coordinates, r.eigenvalues, r.classification) for r in stability(replicator(sh))]
    [((1, 1), (-1, -1), 'stable'), ((1, 0), (3, 1), 'unstable'), ((0, 1), (1, 3), 'unstable'), ((0, 0), (-3, -3), 'stable'), ((3/4, 3/4), (3/4, -3/4), 'saddle')]

    Matching pennies: the interior rest point is a centre, never stable.

    >>> mp = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> stability(replicator(mp))[-1].classification
    'centre'
    """
    if not isinstance(dyn, Replicator):
        raise UnsupportedGame(fmt_error("stability", "dyn", "a Replicator (see solvers.replicator)", dyn))
    time_limit = check_time_limit("stability", time_limit)
    if time_limit is not None:
        return call_with_time_limit(_stability, dyn, simplify=simplify, vertices_only=vertices_only,
                                    time_limit=time_limit, name="stability")
    return _stability(dyn, simplify=simplify, vertices_only=vertices_only)


def _stability(dyn: Replicator, *, simplify: bool, vertices_only: bool, report: Any = None) -> StabilityTable:
    rp = rest_points(dyn, vertices_only=vertices_only)
    floaty = is_float_game(dyn)
    ctx = context(dyn) if not floaty else None
    rows = []
    for p in rp.points:
        rows.append(_analyse(dyn, p, floaty, simplify, ctx))
        if report is not None:
            report(rows[-1])
    rows = tuple(rows)
    return StabilityTable(dyn, rows, rp.continua, rp.unsolved)
