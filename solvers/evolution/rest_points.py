"""Rest points of replicator dynamics, each with the condition where it exists.

:func:`rest_points` enumerates every support profile (one nonempty set of
strategies per population): a pure profile is a vertex and always a rest
point; on a larger support the strategies in use must earn equal payoffs,
a polynomial system sympy solves exactly where it can. Each solution comes
with the condition under which it lies in the state space (every share
strictly positive on its support, denominators nonzero, square roots real).

:func:`stability` linearises at each rest point. The Jacobian (in reduced
coordinates) is split into strongly connected blocks (it is block triangular
after a permutation, e.g. diagonal at every vertex of a multi-population
game), and each block is classified exactly:

* 1x1 block ``a``: the sign of ``a``;
* 2x2 block: trace and determinant;
* 3x3 block: the Routh-Hurwitz conditions, plus Orlando's formula for roots
  with zero real part (exact);
* larger symbolic blocks: Routh-Hurwitz for stability, with a possibly
  conservative split between saddle and non-hyperbolic (``exact=False``).

The classes are ``"stable"`` (all eigenvalues with negative real part:
asymptotically stable; at a vertex of multi-population dynamics this is a
strict Nash equilibrium, i.e. an ESS), ``"unstable"`` (all real parts
positive: a source), ``"saddle"`` (real parts of both signs, none zero),
``"centre"`` (all real parts zero, no zero eigenvalue) and
``"non-hyperbolic"`` (some zero real part otherwise). A zero real part is
never called stable. Each class carries its parameter condition, simplified
on the game's :class:`~games.parameters.ParameterSpace` by
:mod:`games.conditions`.

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

import itertools
from dataclasses import dataclass
from typing import Any, Iterator, Mapping, Sequence

import sympy
from sympy.logic.boolalg import Boolean

from solvers.results import Result
from solvers.limits import call_with_time_limit, check_time_limit
from games.values import FLOAT_TOLERANCE
from games.errors import UnsupportedGame, fmt_error
from solvers.evolution._serialize import dump_expr, load_expr
from solvers.evolution.conditions import is_float_game, simplify_on_space
from games.conditions import cancel_expr
from solvers.evolution.replicator import Replicator

__all__ = [
    "RestPoint",
    "RestPoints",
    "clean_expr",
    "has_radical",
    "rest_points",
]



# --------------------------------------------------------------------------- #
# rest points
# --------------------------------------------------------------------------- #

@dataclass(frozen=True, eq=False)
class RestPoint(Result):
    """A rest point of replicator dynamics (possibly existing only under a condition).

    Attributes
    ----------
    coordinates : tuple
        Reduced coordinates, in the order of ``Replicator.state`` (sympy
        expressions in the parameters, or numbers).
    profile : tuple of tuple
        The full mixed strategy of each population.
    support : tuple of tuple of int
        The strategies each population uses.
    condition : sympy Boolean
        Where the point lies in the state space with exactly this support.
    kind : {"vertex", "edge", "face", "interior"}
    label : str
        Vertices: the strategy names of the pure profile; else the support.
    isolated : bool
        False for a continuum of rest points (``coordinates`` then contain
        free state symbols).
    """

    coordinates: tuple
    profile: tuple
    support: tuple
    condition: Boolean
    kind: str
    label: str
    isolated: bool = True

    def _hashable_content(self) -> tuple:
        return (self.coordinates, self.support, self.condition, self.isolated)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RestPoint):
            return NotImplemented
        return self._hashable_content() == other._hashable_content()

    def __hash__(self) -> int:
        return hash(self._hashable_content())

    def __repr__(self) -> str:
        cond = "" if self.condition is sympy.true else f", if {self.condition}"
        return f"RestPoint({self.kind} {self.label}: {self.coordinates}{cond})"

    def to_dict(self) -> dict:
        """A plain mapping (sympy values as ``srepr`` strings); :meth:`from_dict` rebuilds it.

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> from solvers.replicator import replicator
        >>> p = rest_points(replicator(NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])))[0]
        >>> RestPoint.from_dict(p.to_dict()) == p
        True
        """
        return {"coordinates": dump_expr(self.coordinates), "profile": dump_expr(self.profile),
                "support": [list(s) for s in self.support], "condition": dump_expr(self.condition),
                "kind": self.kind, "label": self.label, "isolated": self.isolated}

    @classmethod
    def from_dict(cls, d: Mapping) -> "RestPoint":
        """Rebuild from :meth:`to_dict`."""
        return cls(load_expr(d["coordinates"]), load_expr(d["profile"]), tuple(tuple(s) for s in d["support"]),
                   load_expr(d["condition"]), d["kind"], d["label"], d["isolated"])

    @property
    def is_vertex(self) -> bool:
        """Whether the point is a pure profile."""
        return self.kind == "vertex"

    def to_latex(self) -> str:
        """The coordinates as a LaTeX tuple.

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> from solvers.replicator import replicator
        >>> g = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> rest_points(replicator(g))[0].to_latex()
        '\\\\left(1, 1\\\\right)'
        """
        return r"\left(" + ", ".join(sympy.latex(c) for c in self.coordinates) + r"\right)"

    def _latex(self, printer: Any) -> str:
        return self.to_latex()

    def _repr_latex_(self) -> str:
        return "$" + self.to_latex() + "$"


@dataclass(frozen=True, eq=False)
class RestPoints(Result):
    """All rest points found by :func:`rest_points` (a sequence of :class:`RestPoint`).

    Attributes
    ----------
    points : tuple of RestPoint
        Isolated rest points (vertices first).
    continua : tuple of RestPoint
        Continua of rest points (``isolated=False``), with their conditions.
    unsolved : tuple of tuple
        Supports whose equal-payoff system sympy could not solve: rest points
        with those supports, if any, are *not* reported.
    complete : bool
        True when no support was left unsolved.
    """

    points: tuple
    continua: tuple = ()
    unsolved: tuple = ()

    @property
    def complete(self) -> bool:
        """Whether every support was solved."""
        return not self.unsolved

    def __len__(self) -> int:
        return len(self.points)

    def __iter__(self) -> Iterator[RestPoint]:
        return iter(self.points)

    def __getitem__(self, i):
        return self.points[i]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RestPoints):
            return NotImplemented
        return (self.points, self.continua, self.unsolved) == (other.points, other.continua, other.unsolved)

    def __hash__(self) -> int:
        return hash((self.points, self.continua, self.unsolved))

    def to_dict(self) -> dict:
        """A plain mapping; :meth:`from_dict` rebuilds equal rest points.

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> from solvers.replicator import replicator
        >>> rp = rest_points(replicator(NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])))
        >>> RestPoints.from_dict(rp.to_dict()) == rp
        True
        """
        return {"points": [p.to_dict() for p in self.points], "continua": [p.to_dict() for p in self.continua],
                "unsolved": [[list(s) for s in sup] for sup in self.unsolved]}

    @classmethod
    def from_dict(cls, d: Mapping) -> "RestPoints":
        """Rebuild from :meth:`to_dict`."""
        return cls(tuple(RestPoint.from_dict(p) for p in d["points"]),
                   tuple(RestPoint.from_dict(p) for p in d["continua"]),
                   tuple(tuple(tuple(s) for s in sup) for sup in d["unsolved"]))

    def to_latex(self) -> str:
        """The isolated rest points as a LaTeX set of coordinate tuples.

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> from solvers.replicator import replicator
        >>> print(rest_points(replicator(NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]))).to_latex())
        \\left\\{\\left(1, 1\\right), \\left(1, 0\\right), \\left(0, 1\\right), \\left(0, 0\\right)\\right\\}
        """
        return r"\left\{" + ", ".join(p.to_latex() for p in self.points) + r"\right\}"

    def _latex(self, printer: Any) -> str:
        return self.to_latex()

    def _repr_latex_(self) -> str:
        return "$" + self.to_latex() + "$"

    def __repr__(self) -> str:
        extra = f", {len(self.continua)} continua" if self.continua else ""
        un = f", {len(self.unsolved)} unsolved supports" if self.unsolved else ""
        return f"RestPoints({len(self.points)} points{extra}{un})"


def clean_expr(e: Any, floaty: bool) -> sympy.Expr:
    """A coordinate or Jacobian entry in the normal form the stability analysis expects.

    Symbolic expressions become one reduced fraction (expanded instead when
    they hold radicals); numbers of a float game become floats, with parts
    below :data:`FLOAT_TOLERANCE` set to zero; numbers of an exact game stay
    exact (a stray float is made rational, radicals are simplified).

    Parameters
    ----------
    e : sympy.Expr or number
    floaty : bool
        Whether the game is a float game (:func:`is_float_game`).

    Returns
    -------
    sympy.Expr

    Examples
    --------
    >>> a = sympy.Symbol("a", positive=True)
    >>> clean_expr(1 / a + 1, False)
    (a + 1)/a
    >>> clean_expr(sympy.Float(1e-12) + 2 * sympy.I * 1e-13, True)
    0.0
    >>> clean_expr(sympy.Float(0.25), False)
    1/4
    """
    e = sympy.sympify(e)
    if e.free_symbols:
        e = cancel_expr(e) if not e.has(sympy.Pow) or not has_radical(e) else sympy.expand(e)
        return e
    if floaty:
        v = complex(e.evalf())
        if abs(v.imag) < FLOAT_TOLERANCE:
            v = v.real
            return sympy.Float(0.0) if abs(v) < FLOAT_TOLERANCE else sympy.Float(v)
        return sympy.Float(v.real) + sympy.I * sympy.Float(v.imag)
    return sympy.nsimplify(e) if e.is_Float else sympy.simplify(e) if has_radical(e) else e


def has_radical(e: sympy.Basic) -> bool:
    """Whether ``e`` contains a power with a non-integer exponent (a square root, ...).

    Examples
    --------
    >>> a = sympy.Symbol("a", positive=True)
    >>> has_radical(sympy.sqrt(a) + 1), has_radical(a ** 2 / (a + 1))
    (True, False)
    """
    return any(not p.exp.is_Integer for p in e.atoms(sympy.Pow))


def _reality(e: sympy.Expr) -> list:
    """Conditions for the even roots inside ``e`` to be real."""
    out = []
    for p in e.atoms(sympy.Pow):
        if p.exp.is_Rational and not p.exp.is_Integer and p.exp.q % 2 == 0:
            out.append(sympy.Ge(p.base, 0))
    return out


def _positive(v: sympy.Expr) -> Boolean:
    """``v > 0`` with the denominator cleared when its sign is known (it is nonzero where v exists)."""
    num, den = sympy.fraction(sympy.together(v))
    if den.is_positive or (den.is_nonnegative and den.free_symbols):
        return sympy.Gt(sympy.expand(num), 0)
    if den.is_negative or (den.is_nonpositive and den.free_symbols):
        return sympy.Lt(sympy.expand(num), 0)
    return sympy.Gt(sympy.expand(num * den), 0)


def _support_label(dyn: Replicator, support: Sequence[Sequence[int]]) -> str:
    parts = []
    for strat, sup in zip(dyn.strategies, support):
        names = [strat[i] for i in sup]
        parts.append(names[0] if len(names) == 1 else "{" + "/".join(names) + "}")
    return "(" + ", ".join(parts) + ")"


def _kind(dyn: Replicator, support) -> str:
    dims = sum(len(s) - 1 for s in support)
    if dims == 0:
        return "vertex"
    if dims == dyn.dimension:
        return "interior"
    return "edge" if dims == 1 else "face"


def _solve_support(dyn: Replicator, support: tuple, floaty: bool):
    """Rest points with exactly this support: (isolated points, continua, solved?)."""
    sub = {}
    unknowns = []
    for blk, sup, strat in zip(dyn.blocks, support, dyn.strategies):
        k = len(strat)
        last_free = k - 1 in sup
        free_in = [s for s in sup if s < k - 1]
        for s in range(k - 1):
            if s not in sup:
                sub[dyn.state[blk[s]]] = sympy.Integer(0)
        if not last_free:
            # the last strategy is unused: the last support strategy takes the slack
            anchor = sup[-1]
            others = [dyn.state[blk[s]] for s in sup if s != anchor]
            sub[dyn.state[blk[anchor]]] = sympy.Integer(1) - sympy.Add(*others)
            unknowns.extend(others)
        else:
            unknowns.extend(dyn.state[blk[s]] for s in free_in)
    eqs = []
    for i, sup in enumerate(support):
        u = dyn.fitness[i]
        ref = u[sup[-1]]
        for s in sup[:-1]:
            eqs.append(sympy.expand((u[s] - ref).xreplace(sub)))
    param_conds = []
    state_eqs = []
    unk = set(unknowns)
    for e in eqs:
        if e == 0:
            continue
        if e.free_symbols & unk:
            state_eqs.append(e)
        else:
            if floaty and not e.free_symbols and abs(complex(e)) < FLOAT_TOLERANCE:
                continue
            param_conds.append(sympy.Eq(e, 0))
    base_cond = sympy.And(*param_conds)
    if base_cond is sympy.false:
        return [], [], True
    if not unknowns:
        sols = [{}]
    elif not state_eqs:
        sols = [{}]
    else:
        try:
            sols = sympy.solve(state_eqs, unknowns, dict=True)
        except (NotImplementedError, sympy.PolynomialError):
            return [], [], False
    points, continua = [], []
    for sol in sols:
        full = {x: sympy.sympify(v) for x, v in sol.items()}
        missing = [x for x in unknowns if x not in full]
        vals = {}
        for x in dyn.state:
            if x in sub:
                v = sub[x].xreplace(full)
            elif x in full:
                v = full[x]
            else:
                v = x
            vals[x] = v
        # substitute twice: anchored coordinates refer to solved unknowns
        vals = {x: sympy.sympify(v).xreplace(full) for x, v in vals.items()}
        coords = tuple(clean_expr(vals[x], floaty) for x in dyn.state)
        if any(c.has(sympy.I) and not c.free_symbols and floaty for c in coords):
            continue
        if any(not c.free_symbols and c.is_real is False for c in coords):
            continue
        prof = dyn.to_profile(coords)
        conds = [base_cond]
        for sup, p in zip(support, prof):
            if len(sup) == 1:
                continue
            for s in sup:
                v = p[s]
                if floaty and not v.free_symbols:
                    conds.append(sympy.true if float(v) > FLOAT_TOLERANCE else sympy.false)
                else:
                    conds.append(_positive(v))
        for c in coords:
            conds.extend(_reality(c))
            if c.free_symbols - set(dyn.state):
                den = sympy.fraction(sympy.together(c))[1]
                if den.free_symbols:
                    conds.append(sympy.Ne(den, 0))
        cond = simplify_on_space(sympy.And(*conds), dyn)
        if cond is sympy.false:
            continue
        kind = _kind(dyn, support)
        label = _support_label(dyn, support)
        if missing or any(set(c.free_symbols) & set(dyn.state) for c in coords):
            continua.append(RestPoint(coords, prof, support, cond, kind, label, isolated=False))
        else:
            points.append(RestPoint(coords, prof, support, cond, kind, label))
    return points, continua, True


def rest_points(dyn: Replicator, *, vertices_only: bool = False, time_limit: float | None = None) -> RestPoints:
    """All rest points of replicator dynamics, each with the condition where it exists.

    Vertices are always rest points. For every larger support the
    equal-payoff conditions are solved with sympy; supports it cannot solve
    are listed in ``RestPoints.unsolved`` (rest points there are *not found*,
    not absent). Solutions are generic: special parameter values where the
    equal-payoff system degenerates (a zero denominator) are excluded by the
    stated condition, and continua are reported separately.

    Parameters
    ----------
    dyn : Replicator
    vertices_only : bool
        Only the vertices (pure profiles), which are always rest points.
    time_limit : float, optional
        Seconds. The computation runs in a worker process that is stopped at
        the limit, even inside sympy or z3 (:mod:`solvers.limits`).

    Returns
    -------
    RestPoints

    Raises
    ------
    UnsupportedGame
        If ``dyn`` is not a Replicator.
    ValueError
        If ``time_limit`` is not a positive number or None.
    TimeLimitExceeded
        At the limit; ``.partial`` holds the rest points found so far.

    Examples
    --------
    Matching pennies: four vertices and the interior point (1/2, 1/2).

    >>> from games.normal_form import NormalFormGame
    >>> from solvers.replicator import replicator
    >>> mp = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> [p.coordinates for p in rest_points(replicator(mp))]
    [(1, 1), (1, 0), (0, 1), (0, 0), (1/2, 1/2)]
    """
    if not isinstance(dyn, Replicator):
        raise UnsupportedGame(fmt_error("rest_points", "dyn", "a Replicator (see solvers.replicator)", dyn))
    time_limit = check_time_limit("rest_points", time_limit)
    if time_limit is not None:
        return call_with_time_limit(_rest_points, dyn, vertices_only=vertices_only, time_limit=time_limit,
                                    name="rest_points")
    return _rest_points(dyn, vertices_only=vertices_only)


def _rest_points(dyn: Replicator, *, vertices_only: bool, report: Any = None) -> RestPoints:
    floaty = is_float_game(dyn)
    per_pop = []
    for strat in dyn.strategies:
        k = len(strat)
        subsets = [c for r in range(1, k + 1) for c in itertools.combinations(range(k), r)]
        per_pop.append(subsets)
    supports = sorted(itertools.product(*per_pop), key=lambda s: sum(len(x) for x in s))
    if vertices_only:
        supports = [sup for sup in supports if all(len(x) == 1 for x in sup)]
    points, continua, unsolved = [], [], []
    for support in supports:
        pts, cont, ok = _solve_support(dyn, support, floaty)
        if report is not None:
            for p in pts:
                report(p)
        if not ok:
            unsolved.append(support)
        points.extend(pts)
        continua.extend(cont)
    return RestPoints(tuple(points), tuple(continua), tuple(unsolved))

