"""Parameter conditions of replicator dynamics: float or exact, simplification, quick satisfiability.

The rest points and stability classes of :mod:`solvers.evolution` carry
conditions on the game's :class:`~games.parameters.ParameterSpace`. The
helpers here decide how those are handled for one :class:`Replicator`:
whether its game is computed in floats (:func:`is_float_game`), how a
condition is simplified on its space (:func:`simplify_on_space`, with the
sign-pattern fast path of :mod:`solvers.evolution.sign_patterns` first),
and a cheap satisfiability check (:func:`quick_satisfiable`: a sampled
witness first, z3 only for small conditions).

References
----------
.. [1] L. de Moura and N. Bjorner, "Z3: an efficient SMT solver", TACAS 2008.
"""

from __future__ import annotations

import numpy as np
import sympy
from sympy.logic.boolalg import Boolean

from games.conditions import is_satisfiable, simplify_condition
from games.errors import ParameterError
from solvers.evolution.replicator import Replicator
from solvers.evolution.sign_patterns import context, simplify_conjunction

__all__ = ["is_float_game", "quick_satisfiable", "simplify_on_space"]


def is_float_game(dyn: Replicator) -> bool:
    """Whether the game has a float payoff (then rest points and eigenvalues are computed in floats).

    Parameters
    ----------
    dyn : Replicator

    Returns
    -------
    bool
        True if some payoff is a Python or sympy float; False for exact games
        (integers, rationals, symbols).

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> from solvers.evolution.replicator import replicator
    >>> is_float_game(replicator(NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])))
    False
    >>> is_float_game(replicator(NormalFormGame.from_bimatrix([[3.5, 0], [5, 1]], [[3, 5], [0, 1]])))
    True
    """
    pay = np.asarray(dyn.game.payoffs, dtype=object).reshape(-1)
    return any(isinstance(v, (float, sympy.Float)) for v in pay)


def simplify_on_space(cond: Boolean, dyn: Replicator) -> Boolean:
    """A parameter condition simplified on the dynamics' parameter space.

    For exact games a conjunction of sign conditions is first simplified
    from the sign patterns realised on the space
    (:func:`~solvers.evolution.sign_patterns.simplify_conjunction`); otherwise,
    or when that does not apply, by
    :func:`games.conditions.simplify_condition`. A condition the engine
    cannot handle is returned unchanged.

    Parameters
    ----------
    cond : sympy Boolean
    dyn : Replicator
        Supplies the :class:`~games.parameters.ParameterSpace`.

    Returns
    -------
    sympy Boolean
        Equivalent to ``cond`` on the space.

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> from solvers.evolution.replicator import replicator
    >>> a = sympy.Symbol("a", positive=True)
    >>> dyn = replicator(NormalFormGame.from_bimatrix([[a, 0], [0, 1]], [[a, 0], [0, 1]]))
    >>> simplify_on_space(sympy.And(a > 0, a - 1 > 0), dyn)
    a > 1
    """
    if cond in (sympy.true, sympy.false):
        return cond
    if not cond.free_symbols:
        return cond
    if not is_float_game(dyn):
        fast = simplify_conjunction(cond, context(dyn))
        if fast is not None:
            return fast
    try:
        return simplify_condition(cond, dyn.space)
    except (ParameterError, TypeError, ValueError):
        return cond


def _size(e: sympy.Basic, limit: int = 10_000) -> int:
    """Number of nodes of an expression tree (counting stops at ``limit``)."""
    n = 0
    for _ in sympy.preorder_traversal(e):
        n += 1
        if n >= limit:
            break
    return n


def quick_satisfiable(cond: Boolean, dyn: Replicator) -> bool | None:
    """Whether ``cond`` holds somewhere on the dynamics' parameter space, cheaply.

    A witness among 64 sampled points of the space (fixed seed) answers
    True; otherwise conditions with at most 150 nodes go to the exact check
    :func:`games.conditions.is_satisfiable` (z3). Larger conditions, and
    those z3 cannot decide, stay undecided.

    Parameters
    ----------
    cond : sympy Boolean
    dyn : Replicator
        Supplies the :class:`~games.parameters.ParameterSpace`.

    Returns
    -------
    bool or None
        True if satisfiable, False if proved unsatisfiable, None if undecided.

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> from solvers.evolution.replicator import replicator
    >>> a = sympy.Symbol("a", positive=True)
    >>> dyn = replicator(NormalFormGame.from_bimatrix([[a, 0], [0, 1]], [[a, 0], [0, 1]]))
    >>> quick_satisfiable(a > 1, dyn), quick_satisfiable(sympy.And(a > 1, a < 1), dyn)
    (True, False)
    """
    if not cond.has(sympy.Eq):
        try:
            cols = dyn.space.sample_columns(64, rng=0)
            f = sympy.lambdify(dyn.space.symbols, cond, modules="numpy")
            with np.errstate(all="ignore"):
                val = np.asarray(f(*(cols[n] for n in dyn.space.names)), dtype=bool)
            if val.any():
                return True
        except (TypeError, ValueError, NameError, ParameterError):
            pass
    if _size(cond) > 150:
        return None  # too large for a quick exact check: kept, undecided
    try:
        return is_satisfiable(cond, dyn.space)
    except ValueError:  # z3 model numbers too large to convert: undecided, kept
        return None
