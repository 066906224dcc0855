"""Stability classes of a triangular Jacobian from realised sign patterns (a fast exact path).

At a vertex of multi-population replicator dynamics the Jacobian is
triangular (after a permutation): its eigenvalues are the diagonal entries,
each a rational function of the parameters, and every stability class is a
Boolean function of their signs. This module decides which sign patterns
occur on the parameter space and writes each class's condition from them:

1. each eigenvalue is put in sign-normal form ``e = c * K * P`` (``K`` of
   sign known from the symbols' assumptions, ``P`` the product of the
   remaining odd factors, factored exactly by python-flint);
2. sampled points of the space give candidate sign patterns, each *proved*
   by exact rational evaluation at one point (and an exact membership check
   of that point); points on ``P = 0`` are built by solving ``P`` for a
   variable it is linear in;
3. only a question no witness answers goes to the condition engine (z3):
   one query per decision, none per pruning candidate that a witness settles.

The result is exact: a class is kept only if a witness or z3 shows it
possible (or z3 cannot decide), and a conjunct is dropped only when z3
proves it implied by the others.

References
----------
.. [1] D. Friedman, "Evolutionary games in economics", Econometrica 59(3)
   (1991) 637-666 (eigenvalues at vertices are the deviation gains).
.. [2] L. de Moura and N. Bjorner, "Z3: an efficient SMT solver", TACAS 2008.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

import numpy as np
import sympy
from sympy.logic.boolalg import Boolean

from games.conditions import decide, is_satisfiable
from games.errors import ParameterError
from solvers.evolution.factoring import normalize_relation_fast, sign_normal_form

__all__ = ["simplify_conjunction", "triangular_classes"]

_N_SAMPLES = 192
_REL_TOL = 1e-9


class _Atom:
    """One eigenvalue in sign-normal form: ``sign(e) = sgn * sign(P)``."""

    def __init__(self, e: sympy.Expr):
        self.expr = e
        self.sgn, self.poly, self.symbols = sign_normal_form(e)
        self.gt = normalize_relation_fast(sympy.Gt(e, 0))
        self.lt = normalize_relation_fast(sympy.Lt(e, 0))
        self.eq = normalize_relation_fast(sympy.Eq(e, 0))
        self.ne = normalize_relation_fast(sympy.Ne(e, 0))

    @property
    def constant(self) -> bool:
        return self.poly is None

    def rel(self, s: int) -> Boolean:
        return {1: self.gt, -1: self.lt, 0: self.eq}[s]

    def exact_sign(self, point: dict) -> int:
        if self.poly is None:
            return self.sgn
        v = _eval_exact(self.poly, self.symbols, point)
        return self.sgn * ((v > 0) - (v < 0))

    def numeric(self, cols: dict, n: int) -> np.ndarray:
        if self.poly is None:
            return np.full(n, float(self.sgn))
        return self.sgn * _eval_numeric(self.poly, self.symbols, cols, n)


def _eval_exact(poly: Any, symbols: tuple, point: dict) -> Fraction:
    vals = [point[s] for s in symbols]
    total = Fraction(0)
    for monom, coeff in poly.terms():
        t = Fraction(int(coeff))
        for v, k in zip(vals, monom):
            if k:
                t *= v ** int(k)
        total += t
    return total


def _eval_numeric(poly: Any, symbols: tuple, cols: dict, n: int) -> np.ndarray:
    """Signs (+1, -1, or 0 when too close to zero to trust) of P at the sampled rows."""
    arrs = [cols[s.name] for s in symbols]
    total = np.zeros(n)
    scale = np.zeros(n)
    for monom, coeff in poly.terms():
        t = np.full(n, float(int(coeff)))
        for a, k in zip(arrs, monom):
            if k:
                t = t * a ** int(k)
        total += t
        scale += np.abs(t)
    out = np.sign(total)
    out[np.abs(total) <= _REL_TOL * np.maximum(scale, 1.0)] = 0
    return out


class _Context:
    """Samples of one parameter space, shared by the rows of one table."""

    def __init__(self, space: Any, n: int = _N_SAMPLES):
        self.space = space
        try:
            self.cols = space.sample_columns(n, rng=0) if len(space) else {}
        except ParameterError:
            self.cols = None
        self.n = n if self.cols else 0
        self.atoms: dict = {}
        self.sat_cache: dict = {}

    def atom(self, e: sympy.Expr) -> _Atom:
        if e not in self.atoms:
            self.atoms[e] = _Atom(e)
        return self.atoms[e]

    def exact_point(self, row: int, override: dict | None = None) -> dict | None:
        """The sampled row as exact rationals (with overrides), if it lies in the space."""
        pt = {self.space.symbol(nm): Fraction(float(self.cols[nm][row])) for nm in self.space.names}
        if override:
            pt.update(override)
        if not self.space.contains({s.name: sympy.Rational(v.numerator, v.denominator) for s, v in pt.items()}):
            return None
        return pt

    def satisfiable(self, cond: Boolean) -> bool | None:
        if cond in (sympy.true, sympy.false):
            return cond is sympy.true
        if cond not in self.sat_cache:
            try:
                self.sat_cache[cond] = is_satisfiable(cond, self.space)
            except (ValueError, TypeError, ParameterError):
                self.sat_cache[cond] = None
        return self.sat_cache[cond]

    def valid(self, cond: Boolean) -> bool:
        """Proved valid on the space by z3 (False also when undecided)."""
        try:
            d = decide(cond, self.space)
        except (ValueError, TypeError, ParameterError):
            return False
        return d.status == "always" and d.method == "z3"


def context(dyn: Any) -> _Context:
    """The shared samples and caches of a Replicator's space (kept in its cache)."""
    return dyn.cached("sign_context", lambda: _Context(dyn.space))


def _patterns(atoms: Sequence[_Atom], ctx: _Context) -> set:
    """Sign patterns (tuples of -1/0/+1) proved to occur on the space by exact witnesses."""
    found: set = set()
    if ctx.cols is None:
        return found
    if ctx.n == 0:  # no parameters: one point
        found.add(tuple(a.exact_sign({}) for a in atoms))
        return found
    S = np.stack([a.numeric(ctx.cols, ctx.n) for a in atoms], axis=1)
    seen: dict = {}
    for r in range(ctx.n):
        key = tuple(int(v) for v in S[r])
        if 0 in key or key in seen:
            continue
        seen[key] = r
    for key, r in seen.items():
        pt = ctx.exact_point(r)
        if pt is not None:
            found.add(tuple(a.exact_sign(pt) for a in atoms))
    # points on P_i = 0: solve P_i for a variable it is linear in
    for i, a in enumerate(atoms):
        if a.poly is None:
            continue
        for j, s in enumerate(a.symbols):
            degs = [int(m[j]) for m in a.poly.monoms()]
            if max(degs) != 1:
                continue
            for r in range(min(ctx.n, 24)):
                pt = ctx.exact_point(r)
                if pt is None:
                    continue
                c1 = Fraction(0)
                c0 = Fraction(0)
                for monom, coeff in a.poly.terms():
                    t = Fraction(int(coeff))
                    for sym, k in zip(a.symbols, monom):
                        if k and sym != s:
                            t *= pt[sym] ** int(k)
                    if monom[j]:
                        c1 += t
                    else:
                        c0 += t
                if c1 == 0:
                    continue
                pt2 = ctx.exact_point(r, {s: -c0 / c1})
                if pt2 is None:
                    continue
                found.add(tuple(b.exact_sign(pt2) for b in atoms))
                break
            else:
                continue
            break
    return found


def _cls(pattern: tuple) -> str:
    if 0 in pattern:
        return "non-hyperbolic"
    if all(s < 0 for s in pattern):
        return "stable"
    if all(s > 0 for s in pattern):
        return "unstable"
    return "saddle"


def _prune_and(parts: list, patterns: set, signs: list, ctx: _Context) -> list:
    """Drop conjuncts implied by the others; a witness pattern keeps a conjunct without z3.

    ``parts[k]`` says atom ``signs[k][0]`` has sign ``signs[k][1]``.
    """
    keep = list(range(len(parts)))
    for k in list(keep):
        others = [m for m in keep if m != k]
        i, s = signs[k]
        if any(p[i] != s and all(p[signs[m][0]] == signs[m][1] for m in others) for p in patterns):
            continue
        if ctx.valid(sympy.Implies(sympy.And(*[parts[m] for m in others]), parts[k])):
            keep.remove(k)
    return [parts[m] for m in keep]


def triangular_classes(eigenvalues: Sequence[Any], space: Any, ctx: _Context | None = None) -> dict | None:
    """Stability classes of a matrix with these (real, rational-function) eigenvalues.

    Parameters
    ----------
    eigenvalues : sequence of sympy.Expr
        The diagonal of a triangular Jacobian.
    space : ParameterSpace
    ctx : optional
        Shared samples and caches for several calls on the same space.

    Returns
    -------
    dict or None
        ``{class: condition}`` for every class possible on the space (in the
        order of :data:`solvers.evolution.stability.CLASSES`), or None when an
        eigenvalue is not a rational function with rational coefficients
        (the caller then uses the general path).

    Examples
    --------
    >>> from games.parameters import ParameterSpace
    >>> sp = ParameterSpace({"a": "positive", "b": "positive"})
    >>> a, b = sp["a"], sp["b"]
    >>> triangular_classes([a - b, -a], sp)
    {'stable': a < b, 'saddle': a > b, 'non-hyperbolic': Eq(a, b)}
    """
    if ctx is None:
        ctx = _Context(space)
    try:
        atoms_all = [ctx.atom(sympy.sympify(e)) for e in eigenvalues]
    except (TypeError, ValueError):  # not a rational function
        return None
    # distinct atoms (an eigenvalue and its negative share one atom)
    atoms: list = []
    for a in atoms_all:
        if a.poly is None:
            continue
        if not any(b.poly is not None and (b.poly == a.poly or b.poly == -a.poly) and b.symbols == a.symbols
                   for b in atoms):
            atoms.append(a)
    const = [a.sgn for a in atoms_all if a.poly is None]
    if 0 in const:
        return {"non-hyperbolic": sympy.true}

    # each atom's signs: witnesses first, z3 for the signs no witness shows
    patterns = _patterns(atoms, ctx) if atoms else {()}
    possible = []
    for i, a in enumerate(atoms):
        seen = {p[i] for p in patterns}
        sg = set()
        for s in (-1, 0, 1):
            if s in seen or ctx.satisfiable(a.rel(s)) is not False:
                sg.add(s)
        possible.append(sg)
    live = [i for i in range(len(atoms)) if len(possible[i]) > 1]
    fixed = {i: next(iter(possible[i])) for i in range(len(atoms)) if len(possible[i]) == 1}
    if any(len(p) == 0 for p in possible):
        return {}

    def full_pattern(i_signs: dict) -> tuple:
        # pattern over all eigenvalues from atom signs
        out = []
        for a in atoms_all:
            if a.poly is None:
                out.append(a.sgn)
                continue
            for i, b in enumerate(atoms):
                if b.symbols == a.symbols and (b.poly == a.poly or b.poly == -a.poly):
                    flip = 1 if b.poly == a.poly else -1
                    out.append(i_signs[i] * flip * a.sgn * b.sgn)
                    break
        return tuple(out)

    realised = {_cls(full_pattern(dict(enumerate(p)))) for p in patterns}

    def eig_atom(k: int) -> tuple:
        """(atom index, factor) with sign(eigenvalue k) = factor * sign(atom)."""
        a = atoms_all[k]
        for i, b in enumerate(atoms):
            if b.symbols == a.symbols and a.poly is not None and (b.poly == a.poly or b.poly == -a.poly):
                return i, (1 if b.poly == a.poly else -1) * a.sgn * b.sgn
        return None, a.sgn

    out: dict = {}
    # stable / unstable: every eigenvalue has the sign s
    for cls, s in (("stable", -1), ("unstable", 1)):
        need: dict = {}
        ok = True
        for k in range(len(atoms_all)):
            i, f = eig_atom(k)
            want = s * f if i is not None else None
            if i is None:
                if f != s:
                    ok = False
                continue
            if need.get(i, want) != want or want not in possible[i]:
                ok = False
            need[i] = want
        if not ok:
            continue
        items = [(i, w) for i, w in need.items() if i not in fixed]
        parts = [atoms[i].rel(w) for i, w in items]
        cond = sympy.And(*parts)
        if cls not in realised and ctx.satisfiable(cond) is False:
            continue
        parts = _prune_and(parts, patterns, items, ctx)
        out[cls] = sympy.And(*parts)
    # saddle: no zero, both signs present
    zero_atoms = [i for i in live if 0 in possible[i]]
    nonzero = sympy.And(*[atoms[i].ne for i in zero_atoms])
    neg_any, pos_any = [], []
    for k in range(len(atoms_all)):
        i, f = eig_atom(k)
        if i is None:
            (neg_any if f < 0 else pos_any).append(sympy.true)
            continue
        for s, bucket in ((-1, neg_any), (1, pos_any)):
            w = s * f
            if w in possible[i]:
                bucket.append(sympy.true if i in fixed else atoms[i].rel(w))
    either = sympy.And(sympy.Or(*neg_any), sympy.Or(*pos_any))
    strict = set(sympy.And.make_args(either))
    # e != 0 is implied by a conjunct e < 0 or e > 0
    nonzero = [atoms[i].ne for i in zero_atoms if atoms[i].lt not in strict and atoms[i].gt not in strict]
    saddle = sympy.And(*nonzero, either)
    if saddle is not sympy.false and ("saddle" in realised or ctx.satisfiable(saddle) is not False):
        out["saddle"] = saddle
    # non-hyperbolic: some zero eigenvalue
    if zero_atoms or any(0 in possible[i] for i in fixed):
        nh = sympy.Or(*[atoms[i].eq for i in zero_atoms], *[sympy.true for i in fixed if fixed[i] == 0])
        if nh is not sympy.false:
            out["non-hyperbolic"] = nh
    order = ("stable", "unstable", "saddle", "centre", "non-hyperbolic")
    return {c: out[c] for c in order if c in out}


_OPS = {"<": lambda v: v < 0, "<=": lambda v: v <= 0, ">": lambda v: v > 0, ">=": lambda v: v >= 0,
        "!=": lambda v: v != 0}


class _Literal:
    """A normalised relation ``lhs op rhs`` read as ``sign(P) * sgn op 0``."""

    def __init__(self, rel: Boolean):
        self.rel = rel
        self.op = rel.rel_op
        self.sgn, self.poly, self.symbols = sign_normal_form(rel.lhs - rel.rhs)

    def numeric(self, cols: dict, n: int) -> np.ndarray:
        """True where the relation surely holds at the sampled rows (near-zero values count as unknown)."""
        v = np.full(n, float(self.sgn)) if self.poly is None else self.sgn * _eval_numeric(
            self.poly, self.symbols, cols, n)
        out = _OPS[self.op](v)
        if self.poly is not None:
            out &= v != 0 if self.op != "!=" else True
        return out

    def exact(self, point: dict) -> bool:
        if self.poly is None:
            v = self.sgn
        else:
            p = _eval_exact(self.poly, self.symbols, point)
            v = self.sgn * ((p > 0) - (p < 0))
        return bool(_OPS[self.op](v))


def simplify_conjunction(cond: Boolean, ctx: _Context) -> Boolean | None:
    """Simplify a conjunction of strict or weak inequalities (and ``!=``) on the space.

    Each relation is normalised (:func:`~.factoring.normalize_relation_fast`);
    satisfiability and the redundancy of each conjunct are settled by exact
    witnesses at sampled points where possible, by z3 otherwise (one query per
    question no witness answers). Returns None when ``cond`` is not such a
    conjunction (equalities, disjunctions, radicals): the caller then uses
    :func:`games.conditions.simplify_condition`.

    Examples
    --------
    >>> from games.parameters import ParameterSpace
    >>> sp = ParameterSpace({"a": "positive", "b": "positive"})
    >>> a, b = sp["a"], sp["b"]
    >>> simplify_conjunction(sympy.And(a > 2*b, a > b, a > 0), _Context(sp))
    a > 2*b
    """
    if ctx.cols is None or ctx.n == 0:
        return None
    rels = []
    for c in sympy.And.make_args(cond):
        if c is sympy.true:
            continue
        if not isinstance(c, sympy.core.relational.Relational) or c.rel_op == "==":
            return None
        r = normalize_relation_fast(c)
        if r is sympy.false:
            return sympy.false
        if r is sympy.true:
            continue
        if not isinstance(r, sympy.core.relational.Relational) or r.rel_op == "==":
            return None
        rels.append(r)
    rels = list(dict.fromkeys(rels))
    if not rels:
        return sympy.true
    try:
        lits = [_Literal(r) for r in rels]
    except (TypeError, ValueError):  # not a rational function
        return None
    M = np.stack([lit.numeric(ctx.cols, ctx.n) for lit in lits], axis=1)
    cache: dict = {}

    def witness(mask_rows: np.ndarray, want: dict) -> bool:
        """An exactly verified sampled point where literal k has truth want[k]."""
        for r in np.nonzero(mask_rows)[0][:4]:
            if r not in cache:
                pt = ctx.exact_point(int(r))
                cache[r] = None if pt is None else [lit.exact(pt) for lit in lits]
            vals = cache[r]
            if vals is not None and all(vals[k] == w for k, w in want.items()):
                return True
        return False

    keep = list(range(len(lits)))
    if not witness(M.all(axis=1), {k: True for k in keep}):
        if ctx.satisfiable(sympy.And(*rels)) is False:
            return sympy.false
    for k in list(keep):
        others = [m for m in keep if m != k]
        rows = M[:, others].all(axis=1) & ~M[:, k] if others else ~M[:, k]
        # a row where literal k fails must be exact: numeric "not surely true" may be a zero
        want = {m: True for m in others}
        want[k] = False
        if witness(rows, want):
            continue
        if ctx.valid(sympy.Implies(sympy.And(*[rels[m] for m in others]), rels[k])):
            keep.remove(k)
    return sympy.And(*[rels[m] for m in keep])
