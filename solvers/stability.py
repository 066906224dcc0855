"""Rest points of replicator dynamics and their stability, with parameter conditions.

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
from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping, Sequence

import networkx as nx
import numpy as np
import sympy
from sympy.logic.boolalg import Boolean

from games.errors import ParameterError, UnsupportedGame, fmt_error
from games.conditions import is_satisfiable, normalize_relation, sign, simplify_condition
from solvers.replicator import Replicator

__all__ = [
    "RestPoint",
    "RestPoints",
    "StabilityRow",
    "StabilityTable",
    "StableRegime",
    "rest_points",
    "stability",
    "CLASSES",
]

#: The stability classes, in table order.
CLASSES = ("stable", "unstable", "saddle", "centre", "non-hyperbolic")

LAMBDA = sympy.Symbol("lambda")

_FLOAT_TOL = 1e-9


# --------------------------------------------------------------------------- #
# rest points
# --------------------------------------------------------------------------- #

@dataclass(frozen=True, eq=False)
class RestPoint:
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


@dataclass(frozen=True, eq=False)
class RestPoints:
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

    def __repr__(self) -> str:
        extra = f", {len(self.continua)} continua" if self.continua else ""
        un = f", {len(self.unsolved)} unsolved supports" if self.unsolved else ""
        return f"RestPoints({len(self.points)} points{extra}{un})"


def _is_float_game(dyn: Replicator) -> bool:
    pay = np.asarray(dyn.game.payoffs, dtype=object).reshape(-1)
    return any(isinstance(v, (float, sympy.Float)) for v in pay)


def _clean(e: Any, floaty: bool) -> sympy.Expr:
    e = sympy.sympify(e)
    if e.free_symbols:
        e = sympy.cancel(e) if not e.has(sympy.Pow) or not _has_radical(e) else sympy.expand(e)
        return e
    if floaty:
        v = complex(e.evalf())
        if abs(v.imag) < _FLOAT_TOL:
            v = v.real
            return sympy.Float(0.0) if abs(v) < _FLOAT_TOL else sympy.Float(v)
        return sympy.Float(v.real) + sympy.I * sympy.Float(v.imag)
    return sympy.nsimplify(e) if e.is_Float else sympy.simplify(e) if _has_radical(e) else e


def _has_radical(e: sympy.Basic) -> bool:
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


def _simplify(cond: Boolean, dyn: Replicator) -> Boolean:
    if cond in (sympy.true, sympy.false):
        return cond
    if not cond.free_symbols:
        return cond
    try:
        return simplify_condition(cond, dyn.space)
    except (ParameterError, TypeError, ValueError):
        return cond


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
            if floaty and not e.free_symbols and abs(complex(e)) < _FLOAT_TOL:
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
        coords = tuple(_clean(vals[x], floaty) for x in dyn.state)
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
                    conds.append(sympy.true if float(v) > _FLOAT_TOL else sympy.false)
                else:
                    conds.append(_positive(v))
        for c in coords:
            conds.extend(_reality(c))
            if c.free_symbols - set(dyn.state):
                den = sympy.fraction(sympy.together(c))[1]
                if den.free_symbols:
                    conds.append(sympy.Ne(den, 0))
        cond = _simplify(sympy.And(*conds), dyn)
        if cond is sympy.false:
            continue
        kind = _kind(dyn, support)
        label = _support_label(dyn, support)
        if missing or any(set(c.free_symbols) & set(dyn.state) for c in coords):
            continua.append(RestPoint(coords, prof, support, cond, kind, label, isolated=False))
        else:
            points.append(RestPoint(coords, prof, support, cond, kind, label))
    return points, continua, True


def rest_points(dyn: Replicator, *, vertices_only: bool = False) -> RestPoints:
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

    Returns
    -------
    RestPoints

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
    floaty = _is_float_game(dyn)
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
        if not ok:
            unsolved.append(support)
        points.extend(pts)
        continua.extend(cont)
    return RestPoints(tuple(points), tuple(continua), tuple(unsolved))


# --------------------------------------------------------------------------- #
# eigenvalue classification
# --------------------------------------------------------------------------- #

def _charpoly_coeffs(M: sympy.Matrix) -> list:
    """Coefficients [1, a1, ..., an] of det(lambda I - M)."""
    p = M.charpoly(LAMBDA)
    return [sympy.expand(c) for c in p.all_coeffs()]


def _hurwitz(a: list) -> list:
    """Leading Hurwitz minors Delta_1..Delta_n of a monic polynomial [1, a1, ..., an]."""
    n = len(a) - 1

    def coef(k):
        return a[k] if 0 <= k <= n else sympy.Integer(0)

    H = sympy.Matrix(n, n, lambda i, j: coef(2 * (j + 1) - (i + 1)))
    return [sympy.expand(H[:k, :k].det(method="berkowitz")) for k in range(1, n + 1)]


def _mirror(a: list) -> list:
    """Coefficients of (-1)^n p(-lambda): its roots are the negatives of p's."""
    return [c * (-1) ** k for k, c in enumerate(a)]


class _Signs:
    """Signs of expressions at a rest point, from assumptions and the point's positive shares.

    No solver calls: a factor's sign is known from the symbols' assumptions,
    or because the rest point's shares are positive where it exists (each
    share ``n/d > 0`` ties the signs of ``n`` and ``d``; a union-find with
    parity propagates these ties). Unknown signs stay symbolic, to be decided
    later by the condition engine.
    """

    def __init__(self, shares: Sequence[sympy.Expr], floaty: bool):
        self.floaty = floaty
        self.parent: dict = {}
        self.parity: dict = {}
        self.known: dict = {}
        self.cache: dict = {}
        for p in shares:
            self._learn(p)

    # union-find with parity: sign(f) = parity(f) * sign(root)
    def _find(self, f):
        if f not in self.parent:
            self.parent[f], self.parity[f] = f, 1
            return f, 1
        par = 1
        node = f
        while self.parent[node] != node:
            par *= self.parity[node]
            node = self.parent[node]
        return node, par

    def _union(self, f, g, rel):
        """Record sign(f) = rel * sign(g)."""
        rf, pf = self._find(f)
        rg, pg = self._find(g)
        if rf == rg:
            return
        # sign(rf) = pf*sign(f) = pf*rel*sign(g) = pf*rel*pg*sign(rg)
        self.parent[rf] = rg
        self.parity[rf] = pf * rel * pg
        if rf in self.known and rg not in self.known:
            self.known[rg] = self.known[rf] * self.parity[rf]

    def _flat(self, e: sympy.Expr, ex: int, acc: list) -> None:
        """Irreducible factors of e**ex, factoring sums one at a time (never expanding a product)."""
        if e.is_Mul:
            for a in e.args:
                self._flat(a, ex, acc)
            return
        if e.is_Pow and e.exp.is_Integer:
            self._flat(e.base, ex * int(e.exp), acc)
            return
        if e.is_Add:
            f = sympy.factor(sympy.together(e))
            if f.is_Mul or (f.is_Pow and f.exp.is_Integer):
                self._flat(f, ex, acc)
                return
            num, den = sympy.fraction(f)
            if den != 1:
                self._flat(num, ex, acc)
                self._flat(den, -ex, acc)
                return
            acc.append((f, ex))
            return
        acc.append((e, ex))

    def _factors(self, e: sympy.Expr):
        """(constant sign, {normalised factor: odd exponent?}) with known-sign factors folded."""
        acc: list = []
        self._flat(sympy.sympify(e), 1, acc)
        const = 1
        out: dict = {}
        for base, ex in acc:
            ex = sympy.Integer(ex)
            if not ex.is_Integer:
                return None
            if base.is_number:
                if base == 0:
                    return 0, {}
                if base.is_real is False:
                    return None
                v = float(base)
                const *= (1 if v > 0 else -1) ** int(ex)
                continue
            if ex % 2 == 0:
                continue  # squares of nonzero factors are positive (zero excluded elsewhere)
            if base.is_positive or (ex < 0 and base.is_nonnegative):
                continue  # a denominator is nonzero where the point exists
            if base.is_negative or (ex < 0 and base.is_nonpositive):
                const = -const
                continue
            if base.could_extract_minus_sign():
                base = -base
                const = -const
            out[base] = out.get(base, 0) ^ 1
        return const, {f: 1 for f, odd in out.items() if odd}

    def _learn(self, share: sympy.Expr) -> None:
        r = self._factors(share)
        if r is None or r[0] == 0:
            return
        const, facs = r
        unknown = []
        for f in facs:
            root, par = self._find(f)
            if root in self.known:
                const *= self.known[root] * par
            else:
                unknown.append((root, par))
        if len(unknown) == 1:
            root, par = unknown[0]
            self.known[root] = const * par  # share > 0
        elif len(unknown) == 2:
            (r1, p1), (r2, p2) = unknown
            # const * p1 s(r1) * p2 s(r2) > 0  ->  s(r1) = const*p1*p2 * s(r2)
            self._union(r1, r2, const * p1 * p2)

    def sign(self, e: Any) -> str | None:
        """'+', '-', '0' or None (unknown)."""
        e = sympy.sympify(e)
        if e in self.cache:
            return self.cache[e]
        out = None
        if e == 0:
            out = "0"
        elif not e.free_symbols:
            v = complex(e.evalf())
            if abs(v.imag) > _FLOAT_TOL:
                out = None
            elif self.floaty and abs(v.real) < _FLOAT_TOL:
                out = "0"
            elif v.real == 0:
                out = "0"
            else:
                out = "+" if v.real > 0 else "-"
        elif e.is_positive:
            out = "+"
        elif e.is_negative:
            out = "-"
        else:
            r = self._factors(e)
            if r is not None:
                const, facs = r
                if const == 0:
                    out = "0"
                else:
                    sg = const
                    roots: dict = {}
                    for f in facs:
                        root, par = self._find(f)
                        if root in self.known:
                            sg *= self.known[root] * par
                        else:
                            sg *= par
                            roots[root] = roots.get(root, 0) ^ 1
                    if not any(roots.values()):
                        out = "+" if sg > 0 else "-"
        self.cache[e] = out
        return out

    # relations, folded to true/false when the sign is known
    def lt0(self, e):
        s = self.sign(e)
        return sympy.true if s == "-" else sympy.false if s in ("+", "0") else sympy.Lt(e, 0)

    def gt0(self, e):
        s = self.sign(e)
        return sympy.true if s == "+" else sympy.false if s in ("-", "0") else sympy.Gt(e, 0)

    def eq0(self, e):
        s = self.sign(e)
        return sympy.true if s == "0" else sympy.false if s in ("+", "-") else sympy.Eq(e, 0)


@dataclass
class _BlockFlags:
    neg: Boolean        # all real parts < 0
    pos: Boolean        # all real parts > 0
    zero_re: Boolean    # some real part == 0
    centre: Boolean     # all real parts == 0, no zero eigenvalue
    eigenvalues: list | None
    exact: bool = True


def _numeric_block(M: sympy.Matrix, floaty: bool) -> _BlockFlags:
    A = np.array(M.evalf(30).tolist(), dtype=complex).real.astype(float)
    ev = np.linalg.eigvals(A)
    tol = _FLOAT_TOL * max(1.0, float(np.max(np.abs(A))) if A.size else 1.0)
    re = ev.real
    a = _charpoly_coeffs(M)
    zero_eig = (a[-1] == 0) if not floaty else abs(complex(a[-1])) < tol
    if floaty:
        zero_re = bool(np.any(np.abs(re) <= tol))
    else:
        # exact: a root with zero real part is a zero root or a pair +-i w (Orlando: Delta_{n-1} = 0)
        dn1 = _hurwitz(a)[-2] if len(a) > 2 else sympy.Integer(1)
        zero_re = bool(zero_eig) or (dn1 == 0 and bool(np.any(np.abs(re) <= 1e-7)))
    neg = (not zero_re) and bool(np.all(re < 0))
    pos = (not zero_re) and bool(np.all(re > 0))
    centre = zero_re and not zero_eig and bool(np.all(np.abs(re) <= (tol if floaty else 1e-7)))
    eig = None
    if not floaty:
        r = sympy.roots(sympy.Poly(a, LAMBDA), cubics=False, quartics=False)
        if sum(r.values()) == len(a) - 1:
            eig = [e for e, m in r.items() for _ in range(m)]
    else:
        eig = [sympy.Float(v.real) if abs(v.imag) < tol else sympy.Float(v.real) + sympy.I * sympy.Float(v.imag)
               for v in ev]
    T, F = sympy.true, sympy.false
    return _BlockFlags(T if neg else F, T if pos else F, T if zero_re else F, T if centre else F, eig)


def _block_flags(M: sympy.Matrix, floaty: bool, sg: _Signs) -> _BlockFlags:
    n = M.shape[0]
    if n == 1:
        a = M[0, 0]
        return _BlockFlags(sg.lt0(a), sg.gt0(a), sg.eq0(a), sympy.false, [a])
    symbolic = bool(M.free_symbols)
    if not symbolic and (floaty or n >= 3):
        return _numeric_block(M, floaty)
    if n == 2:
        F = M.applyfunc(_lite)
        T = _lite(F[0, 0] + F[1, 1])
        D = _lite(F[0, 0] * F[1, 1] - F[0, 1] * F[1, 0])
        if T == 0:
            root = sympy.sqrt(-D)
            eig = [root, -root]
        else:
            root = sympy.sqrt(_lite(T ** 2 / 4 - D))
            eig = [T / 2 + root, T / 2 - root]
        return _BlockFlags(
            neg=sympy.And(sg.lt0(T), sg.gt0(D)),
            pos=sympy.And(sg.gt0(T), sg.gt0(D)),
            zero_re=sympy.Or(sg.eq0(D), sympy.And(sg.eq0(T), sg.gt0(D))),
            centre=sympy.And(sg.eq0(T), sg.gt0(D)),
            eigenvalues=eig)
    if n == 3:
        return _block3(M, sg)
    a = _coeffs_factored(M)
    eig = None
    if not symbolic:
        r = sympy.roots(sympy.Poly(sympy.expand(sum(c * LAMBDA ** (n - k) for k, c in enumerate(a))), LAMBDA),
                        cubics=False, quartics=False)
        eig = [e for e, m in r.items() for _ in range(m)] if sum(r.values()) == n else None
    hz = _hurwitz_factored(a)
    hm = _hurwitz_factored(_mirror(a))
    neg = _all(sg.gt0(d) for d in hz)
    pos = _all(sg.gt0(d) for d in hm)
    # a pair with lambda_i + lambda_j = 0 makes Delta_{n-1} vanish (also for real +-w: conservative)
    zero_re = sympy.Or(sg.eq0(a[-1]), sg.eq0(hz[-2]))
    return _BlockFlags(neg, pos, zero_re, sympy.false, eig, exact=False)


def _all(conds) -> Boolean:
    """Lazy conjunction: stops at the first false (later conditions may be costly)."""
    out = []
    for c in conds:
        if c is sympy.false:
            return sympy.false
        out.append(c)
    return sympy.And(*out)


def _block3(M: sympy.Matrix, sg: "_Signs") -> _BlockFlags:
    """Exact classification of a symbolic 3x3 block from its characteristic polynomial.

    With ``p = l^3 + a1 l^2 + a2 l + a3``: all roots in the left half-plane iff
    ``a1 > 0, a3 > 0, a1 a2 > a3`` (Routh-Hurwitz); a root on the imaginary
    axis iff ``a3 = 0`` or ``a1 a2 = a3`` with ``a2 > 0`` (then
    ``p = (l + a1)(l^2 + a2)``). Costly coefficients are built only when needed.
    """
    F = M.applyfunc(_lite)
    a1 = _lite(-(F[0, 0] + F[1, 1] + F[2, 2]))
    det = (F[0, 0] * (F[1, 1] * F[2, 2] - F[1, 2] * F[2, 1]) - F[0, 1] * (F[1, 0] * F[2, 2] - F[1, 2] * F[2, 0])
           + F[0, 2] * (F[1, 0] * F[2, 1] - F[1, 1] * F[2, 0]))
    a3 = _lite(-det)
    cache = {}

    def a2():
        if "a2" not in cache:
            cache["a2"] = _lite(F[0, 0] * F[1, 1] - F[0, 1] * F[1, 0] + F[0, 0] * F[2, 2] - F[0, 2] * F[2, 0]
                                + F[1, 1] * F[2, 2] - F[1, 2] * F[2, 1])
        return cache["a2"]

    def d2():
        if "d2" not in cache:
            cache["d2"] = _lite(-a3) if a1 == 0 else _lite(a1 * a2() - a3)
        return cache["d2"]

    neg = _all(f() for f in (lambda: sg.gt0(a1), lambda: sg.gt0(a3), lambda: sg.gt0(d2())))
    pos = _all(f() for f in (lambda: sg.lt0(a1), lambda: sg.lt0(a3), lambda: sg.lt0(d2())))
    z3_ = sg.eq0(a3)
    if z3_ is sympy.true:
        zero_re = sympy.true
    else:
        e2 = sg.eq0(d2())
        zero_re = sympy.Or(z3_, sympy.And(e2, sg.gt0(a2()))) if e2 is not sympy.false else z3_
    return _BlockFlags(neg, pos, zero_re, sympy.false, None)


def _raw_det(M: sympy.Matrix) -> sympy.Expr:
    """Laplace expansion with no simplification (sizes here are small)."""
    n = M.shape[0]
    if n == 1:
        return M[0, 0]
    return sympy.Add(*[(-1) ** j * M[0, j] * _raw_det(M.minor_submatrix(0, j)) for j in range(n) if M[0, j] != 0])


def _lite(e: Any) -> sympy.Expr:
    """Light normal form: products stay products (factors simplified one by one), sums are cancelled."""
    e = sympy.sympify(e)
    if not e.free_symbols or e.is_Symbol:
        return e
    if e.is_Mul:
        return sympy.Mul(*[_lite(a) for a in e.args])
    if e.is_Pow and e.exp.is_Integer:
        return _lite(e.base) ** e.exp
    if e.is_Add:
        return sympy.cancel(sympy.together(e))
    return e


def _fac(e: sympy.Expr) -> sympy.Expr:
    return _lite(e)


def _coeffs_factored(M: sympy.Matrix) -> list:
    """[1, a1, ..., an] of det(lambda I - M), kept factored (explicit formulas up to 3x3)."""
    n = M.shape[0]
    F = M.applyfunc(_fac)
    if n == 1:
        return [sympy.Integer(1), _fac(-F[0, 0])]
    if n == 2:
        return [sympy.Integer(1), _fac(-(F[0, 0] + F[1, 1])), _fac(F[0, 0] * F[1, 1] - F[0, 1] * F[1, 0])]
    if n == 3:
        a1 = _fac(-(F[0, 0] + F[1, 1] + F[2, 2]))
        a2 = _fac(F[0, 0] * F[1, 1] - F[0, 1] * F[1, 0] + F[0, 0] * F[2, 2] - F[0, 2] * F[2, 0]
                  + F[1, 1] * F[2, 2] - F[1, 2] * F[2, 1])
        det = (F[0, 0] * (F[1, 1] * F[2, 2] - F[1, 2] * F[2, 1]) - F[0, 1] * (F[1, 0] * F[2, 2] - F[1, 2] * F[2, 0])
               + F[0, 2] * (F[1, 0] * F[2, 1] - F[1, 1] * F[2, 0]))
        return [sympy.Integer(1), a1, a2, _fac(-det)]
    return [_fac(c) for c in F.charpoly(LAMBDA).all_coeffs()]


def _hurwitz_factored(a: list) -> list:
    n = len(a) - 1
    if n == 3:
        d2 = _fac(a[1] * a[2] - a[3]) if a[1] != 0 else _fac(-a[3])
        return [a[1], d2, _fac(a[3] * d2)]
    return [_fac(d) for d in _hurwitz(a)]


def _blocks(J: sympy.Matrix) -> list:
    """Index blocks of J in an order that makes it block triangular (SCCs of its pattern)."""
    n = J.shape[0]
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    for i in range(n):
        for j in range(n):
            if i != j and J[i, j] != 0:
                G.add_edge(i, j)
    C = nx.condensation(G)
    return [sorted(C.nodes[c]["members"]) for c in nx.topological_sort(C)]


def _tidy(cond: Boolean) -> Boolean:
    """Merge ``e != 0`` with ``e >= 0`` (or ``e <= 0``) inside a conjunction into a strict relation."""
    if isinstance(cond, sympy.Or):
        return sympy.Or(*[_tidy(a) for a in cond.args])
    if not isinstance(cond, sympy.And):
        return cond
    args = [_tidy(a) for a in cond.args]
    nes = {sympy.expand(a.lhs - a.rhs): a for a in args if isinstance(a, sympy.Ne)}
    out = []
    used = set()
    for a in args:
        if isinstance(a, (sympy.Ge, sympy.Le)):
            d = sympy.expand(a.lhs - a.rhs)
            key = d if d in nes else (-d if -d in nes else None)
            if key is not None:
                used.add(key)
                out.append(sympy.Gt(a.lhs, a.rhs) if isinstance(a, sympy.Ge) else sympy.Lt(a.lhs, a.rhs))
                continue
        out.append(a)
    out = [a for a in out if not (isinstance(a, sympy.Ne) and sympy.expand(a.lhs - a.rhs) in used)]
    return sympy.And(*out)


def _classes(flags: list) -> dict:
    zero_any = sympy.Or(*[f.zero_re for f in flags])
    centre = sympy.And(*[f.centre for f in flags])
    out = {
        "stable": sympy.And(*[f.neg for f in flags]),
        "unstable": sympy.And(*[f.pos for f in flags]),
        "saddle": _tidy(sympy.And(sympy.Not(zero_any), sympy.Or(*[sympy.Not(f.neg) for f in flags]),
                                  sympy.Or(*[sympy.Not(f.pos) for f in flags]))),
        "centre": centre,
        "non-hyperbolic": sympy.And(zero_any, sympy.Not(centre)),
    }
    return out


# --------------------------------------------------------------------------- #
# results
# --------------------------------------------------------------------------- #

@dataclass(frozen=True, eq=False)
class StabilityRow:
    """One rest point with its Jacobian eigenvalues and stability classes.

    Attributes
    ----------
    point : RestPoint
    jacobian : sympy.ImmutableMatrix
        The Jacobian at the point (reduced coordinates).
    eigenvalues : tuple or None
        Eigenvalues (with multiplicity) when sympy can write them in closed
        form without the cubic formula; ``None`` otherwise (the class
        conditions still are exact, from the characteristic polynomial).
    charpoly : sympy.Expr
        ``det(lambda I - J)`` in the symbol ``lambda``.
    classes : tuple of (str, sympy Boolean)
        Each possible class with its condition (the point's existence
        condition included); classes impossible on the space are omitted.
    exact : bool
        False when the saddle / non-hyperbolic split is conservative (symbolic
        blocks of size four or more).
    """

    point: RestPoint
    jacobian: sympy.ImmutableMatrix
    eigenvalues: tuple | None
    charpoly: sympy.Expr
    classes: tuple
    exact: bool = True

    def condition(self, cls: str) -> Boolean:
        """The condition for class ``cls`` (``sympy.false`` if impossible).

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> from solvers.replicator import replicator
        >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> stability(replicator(pd))[3].condition("stable")
        True
        """
        if cls not in CLASSES:
            raise ValueError(fmt_error("StabilityRow.condition", "cls", f"one of {CLASSES}", cls))
        return dict(self.classes).get(cls, sympy.false)

    @property
    def classification(self) -> str | None:
        """The class if it holds on the whole space, else None."""
        for c, cond in self.classes:
            if cond is sympy.true:
                return c
        return None

    @property
    def label(self) -> str:
        """The rest point's label."""
        return self.point.label

    def __repr__(self) -> str:
        cls = ", ".join(f"{c}" + ("" if v is sympy.true else f" if {v}") for c, v in self.classes)
        return f"StabilityRow({self.point.label} {self.point.coordinates}: {cls})"


@dataclass(frozen=True)
class StableRegime:
    """A set of rest points that are asymptotically stable together, and where.

    Attributes
    ----------
    points : tuple of str
        Labels of the stable rest points (empty: none is stable).
    condition : sympy Boolean
        The parameter region where exactly these are asymptotically stable.
    """

    points: tuple
    condition: Boolean


@dataclass(frozen=True, eq=False)
class StabilityTable:
    """The stability table of replicator dynamics (a sequence of :class:`StabilityRow`).

    Attributes
    ----------
    dyn : Replicator
    rows : tuple of StabilityRow
    continua : tuple of RestPoint
        Continua of rest points (never asymptotically stable points).
    unsolved : tuple
        Supports whose rest points sympy could not find.
    point : dict or None
        The parameter point, for tables produced by :meth:`at`.
    """

    dyn: Replicator
    rows: tuple
    continua: tuple = ()
    unsolved: tuple = ()
    point: Mapping | None = None
    _cache: dict = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[StabilityRow]:
        return iter(self.rows)

    def __getitem__(self, i):
        if isinstance(i, str):
            for r in self.rows:
                if r.label == i:
                    return r
            raise KeyError(i)
        return self.rows[i]

    def __repr__(self) -> str:
        return "StabilityTable(\n" + "\n".join("  " + repr(r) for r in self.rows) + "\n)"

    @property
    def complete(self) -> bool:
        """Whether every support was solved."""
        return not self.unsolved

    def find(self, coordinates: Sequence[Any]) -> StabilityRow:
        """The row whose rest point has these coordinates.

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> from solvers.replicator import replicator
        >>> sh = NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]])
        >>> stability(replicator(sh)).find((1, 1)).classification
        'stable'
        """
        target = tuple(sympy.sympify(c) for c in coordinates)
        for r in self.rows:
            if len(r.point.coordinates) == len(target) and all(
                    sympy.simplify(a - b) == 0 for a, b in zip(r.point.coordinates, target)):
                return r
        raise KeyError(coordinates)

    # --- numbers at a point ---------------------------------------------------
    def at(self, point: Mapping[Any, Any]) -> "StabilityTable":
        """The table at a parameter point: numeric coordinates, eigenvalues, one class per row.

        Rows whose existence condition fails at the point are dropped. (At
        a degenerate point where new continua appear, analyse
        ``stability(dyn.subs(point))`` instead.)

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> from solvers.replicator import replicator
        >>> a = sympy.Symbol("a", positive=True)
        >>> g = NormalFormGame.from_bimatrix([[a, 0], [0, 1]], [[a, 0], [0, 1]])
        >>> t = stability(replicator(g)).at({"a": 2})
        >>> [(r.point.coordinates, r.classification) for r in t]
        [((1, 1), 'stable'), ((1, 0), 'unstable'), ((0, 1), 'unstable'), ((0, 0), 'stable'), ((1/3, 1/3), 'saddle')]
        """
        vals = self.dyn._point_values(point, "StabilityTable.at")
        rows = []
        for r in self.rows:
            ok = r.point.condition.xreplace(vals) if r.point.condition is not sympy.true else sympy.true
            if ok not in (sympy.true, sympy.false):
                ok = _num_bool(ok)
            if ok is not sympy.true:
                continue
            coords = tuple(_num(c.xreplace(vals)) for c in r.point.coordinates)
            J = sympy.ImmutableMatrix(r.jacobian.xreplace(vals)).applyfunc(_num)
            if r.eigenvalues is not None:
                eig = tuple(_num(e.xreplace(vals)) for e in r.eigenvalues)
            else:
                eig = tuple(sympy.sympify(complex(v)) for v in np.linalg.eigvals(
                    np.array(J.evalf().tolist(), dtype=complex)))
            cls = None
            for c, cond in r.classes:
                v = cond.xreplace(vals)
                if v not in (sympy.true, sympy.false):
                    v = _num_bool(v)
                if v is sympy.true:
                    cls = c
                    break
            if cls is None:
                cls = _classify_numeric(np.array([complex(e) for e in eig]))
            prof = self.dyn.to_profile(coords)
            pt = RestPoint(coords, prof, r.point.support, sympy.true, r.point.kind, r.point.label)
            rows.append(StabilityRow(pt, J, eig, r.charpoly.xreplace(vals), ((cls, sympy.true),), r.exact))
        return StabilityTable(self.dyn.subs(point) if self.dyn.free_symbols else self.dyn, tuple(rows),
                              (), self.unsolved, dict(point))

    # --- regimes ----------------------------------------------------------------
    def stable_sets(self, *, max_points: int = 12) -> tuple:
        """The sets of rest points that are asymptotically stable together, with their regions.

        Enumerates the combinations of stable / not stable over the rows that
        can be stable, pruning combinations that are unsatisfiable on the
        space (z3). Bistability shows as a regime with two points.

        Returns
        -------
        tuple of StableRegime

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> from solvers.replicator import replicator
        >>> sh = NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]])
        >>> [r.points for r in stability(replicator(sh)).stable_sets()]
        [('(s1, s1)', '(s2, s2)')]
        """
        if "stable_sets" in self._cache:
            return self._cache["stable_sets"]
        cands = [(r.label, r.condition("stable")) for r in self.rows if r.condition("stable") is not sympy.false]
        if len(cands) > max_points:
            raise UnsupportedGame(fmt_error("StabilityTable.stable_sets", "table",
                                            f"at most {max_points} possibly stable rest points", len(cands)))
        out = []

        def rec(i, chosen, cond):
            if i == len(cands):
                c = _simplify(cond, self.dyn)
                if c is not sympy.false:
                    out.append(StableRegime(tuple(chosen), c))
                return
            lab, st = cands[i]
            for include in (True, False):
                new = sympy.And(cond, st if include else sympy.Not(st))
                if new is sympy.false:
                    continue
                try:
                    sat = _quick_sat(new, self.dyn) if new.free_symbols else (new is not sympy.false)
                except ValueError:  # z3 model numbers too large to convert: undecided, kept
                    sat = None
                if sat is False:
                    continue
                rec(i + 1, chosen + [lab] if include else chosen, new)

        rec(0, [], sympy.true)
        res = tuple(out)
        self._cache["stable_sets"] = res
        return res

    # --- LaTeX ----------------------------------------------------------------
    def to_latex(self, *, signs: bool = True) -> str:
        """The stability table papers print: rest point, eigenvalues, signs, stability.

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> from solvers.replicator import replicator
        >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> print(stability(replicator(pd)).to_latex().splitlines()[4])
        $\\left(1, 1\\right)$ & $2$, $2$ & $(+, +)$ & unstable \\\\
        """
        lines = [r"\begin{tabular}{llll}", r"\hline",
                 r"Rest point & Eigenvalues & Signs & Stability \\", r"\hline"]
        space = self.dyn.space
        for r in self.rows:
            pt = "$" + r.point.to_latex() + "$"
            if r.point.condition is not sympy.true:
                pt += " if $" + sympy.latex(r.point.condition) + "$"
            if r.eigenvalues is None:
                eig = "roots of $" + sympy.latex(r.charpoly) + "$"
                sg = "--"
            else:
                eig = ", ".join("$" + sympy.latex(e) + "$" for e in r.eigenvalues)
                sg = "--"
                if signs and r.point.condition is sympy.true:
                    sg = "$(" + ", ".join(_sign_symbol(e, space) for e in r.eigenvalues) + ")$"
            parts = []
            for c, cond in r.classes:
                name = "ESS" if (c == "stable" and r.point.is_vertex) else (
                    "asymptotically stable" if c == "stable" else c)
                parts.append(name if cond is sympy.true else f"{name} if ${sympy.latex(cond)}$")
            lines.append(f"{pt} & {eig} & {sg} & {'; '.join(parts)} \\\\")
        lines += [r"\hline", r"\end{tabular}"]
        return "\n".join(lines)

    def _repr_latex_(self) -> str:
        return self.to_latex()


def _sign_symbol(e: sympy.Expr, space) -> str:
    e = sympy.sympify(e)
    if e.has(sympy.I) or _has_radical(e):
        return "?"
    if not e.free_symbols:
        return "+" if e > 0 else ("-" if e < 0 else "0")
    try:
        s = sign(e, space).sign
    except (ParameterError, TypeError, ValueError):
        return "?"
    return {"+": "+", "-": "-", "0": "0", "ambiguous": r"\pm", "nonnegative": r"\geq 0",
            "nonpositive": r"\leq 0"}.get(s, "?")


def _num(e: Any) -> sympy.Expr:
    e = sympy.sympify(e)
    if e.free_symbols:
        return e
    if e.is_Rational:
        return e
    if e.has(sympy.Float):
        v = complex(e.evalf())
        return sympy.Float(v.real) if abs(v.imag) < 1e-12 else sympy.Float(v.real) + sympy.I * sympy.Float(v.imag)
    s = sympy.nsimplify(e) if e.is_Float else sympy.simplify(e)
    return s


def _num_bool(cond: Boolean) -> Boolean:
    """Decide a relation between numbers (radicals, floats) numerically; never bool() on symbols."""
    if cond in (sympy.true, sympy.false) or cond.free_symbols:
        return cond
    try:
        v = cond.evalf(30)
        if v in (sympy.true, sympy.false):
            return v
        v = cond.func(*[_num_bool(a) if isinstance(a, Boolean) else a.evalf(30) for a in cond.args])
        return v if v in (sympy.true, sympy.false) else cond
    except (TypeError, ValueError):
        return cond


def _classify_numeric(ev: np.ndarray, tol: float = 1e-9) -> str:
    re = ev.real
    zero = np.abs(re) <= tol
    if zero.any():
        if zero.all() and np.all(np.abs(ev) > tol):
            return "centre"
        return "non-hyperbolic"
    if np.all(re < 0):
        return "stable"
    if np.all(re > 0):
        return "unstable"
    return "saddle"


def _analyse(dyn: Replicator, p: RestPoint, floaty: bool, simplify: bool) -> StabilityRow:
    vals = dict(zip(dyn.state, p.coordinates))
    J = sympy.Matrix(dyn.jacobian.xreplace(vals)).applyfunc(lambda e: _clean(e, floaty))
    order = _blocks(J)
    shares = [v for sup, prof in zip(p.support, p.profile) if len(sup) > 1 for v in (prof[s] for s in sup)]
    sg = _Signs(shares, floaty)
    flags = [_block_flags(J.extract(b, b), floaty, sg) for b in order]
    eig = None
    if all(f.eigenvalues is not None for f in flags):
        eig = tuple(sympy.sympify(e) for f in flags for e in f.eigenvalues)
    cp = sympy.Integer(1)
    for b in order:
        blk = J.extract(b, b)
        if len(b) <= 2:
            co = _coeffs_factored(blk)
            cp *= sympy.Add(*[c * LAMBDA ** (len(co) - 1 - k) for k, c in enumerate(co)])
        else:
            # kept unexpanded: expanding a symbolic 3x3 characteristic polynomial is costly
            cp *= _raw_det(LAMBDA * sympy.eye(len(b)) - blk)
    classes = []
    for c, cond in _classes(flags).items():
        if cond is sympy.false:
            continue
        if cond is not sympy.true and cond.free_symbols:
            cond = _normalize(cond)
            if simplify and p.is_vertex:
                full = _simplify(sympy.And(p.condition, cond), dyn)
            else:
                full = sympy.And(p.condition, cond)
                if _quick_sat(full, dyn) is False:
                    continue
        else:
            full = p.condition if cond is sympy.true else sympy.false
            if full is sympy.false:
                continue
        if full is not sympy.false:
            classes.append((c, full))
    return StabilityRow(p, sympy.ImmutableMatrix(J), eig, cp, tuple(classes), all(f.exact for f in flags))


def _quick_sat(cond: Boolean, dyn: Replicator) -> bool | None:
    """Satisfiable on the space? A sampled witness first; z3 only for small conditions."""
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
    if len(str(cond)) > 600:
        return None  # too large for a quick exact check: kept, undecided
    try:
        return is_satisfiable(cond, dyn.space)
    except ValueError:  # z3 model numbers too large to convert: undecided, kept
        return None


def _normalize(cond: Boolean) -> Boolean:
    """Readable relations (known-sign factors cleared), structure kept."""
    if isinstance(cond, sympy.core.relational.Relational):
        try:
            return normalize_relation(cond)
        except (TypeError, ValueError):
            return cond
    if isinstance(cond, (sympy.And, sympy.Or, sympy.Not)):
        return cond.func(*[_normalize(a) for a in cond.args])
    return cond


def stability(dyn: Replicator, *, simplify: bool = True, vertices_only: bool = False) -> StabilityTable:
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

    Returns
    -------
    StabilityTable

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
    rp = rest_points(dyn, vertices_only=vertices_only)
    floaty = _is_float_game(dyn)
    rows = tuple(_analyse(dyn, p, floaty, simplify) for p in rp.points)
    return StabilityTable(dyn, rows, rp.continua, rp.unsolved)
