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

from games.conditions import decide, is_satisfiable, normalize_relation, sign_normal_form, witness_sampler
from games.conditions.samples import eval_exact, eval_signs
from games.errors import ParameterError

__all__ = ["triangular_classes"]


class _Atom:
    """One eigenvalue in sign-normal form: ``sign(e) = sgn * sign(P)``."""

    def __init__(self, e: sympy.Expr):
        self.expr = e
        self.sgn, self.poly, self.symbols = sign_normal_form(e)
        self.gt = normalize_relation(sympy.Gt(e, 0), fast=True)
        self.lt = normalize_relation(sympy.Lt(e, 0), fast=True)
        self.eq = normalize_relation(sympy.Eq(e, 0), fast=True)
        self.ne = normalize_relation(sympy.Ne(e, 0), fast=True)

    @property
    def constant(self) -> bool:
        return self.poly is None

    def rel(self, s: int) -> Boolean:
        return {1: self.gt, -1: self.lt, 0: self.eq}[s]

    def exact_sign(self, point: dict) -> int:
        if self.poly is None:
            return self.sgn
        v = eval_exact(self.poly, self.symbols, point)
        return self.sgn * ((v > 0) - (v < 0))

    def numeric(self, cols: dict, n: int) -> np.ndarray:
        if self.poly is None:
            return np.full(n, float(self.sgn))
        return self.sgn * eval_signs(self.poly, self.symbols, cols, n)


class _Context:
    """The engine's shared samples of one parameter space, and the atoms of one table."""

    def __init__(self, space: Any):
        self.space = space
        self.sampler = witness_sampler(space)
        self.cols, self.n = self.sampler.cols, self.sampler.n
        self.atoms: dict = {}
        self.sat_cache: dict = {}

    def atom(self, e: sympy.Expr) -> _Atom:
        if e not in self.atoms:
            self.atoms[e] = _Atom(e)
        return self.atoms[e]

    def exact_point(self, row: int, override: dict | None = None) -> dict | None:
        """The sampled row as exact rationals (with overrides), if it lies in the space."""
        return self.sampler.exact_point(row, override)

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
