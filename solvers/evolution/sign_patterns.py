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
3. a question about one sign pattern (is this class possible? is this
   conjunct implied by the others?) is first put to a targeted search: the
   sampled rows nearest the wanted signs are moved, one atom at a time,
   along a variable its ``P`` is linear in (to the root, or past it inside
   the variable's domain), and the result is again checked exactly;
4. only a question no witness answers goes to the condition engine (z3):
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

import functools
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
        self._rels: dict = {}

    def _rel(self, key: str) -> Boolean:
        if key not in self._rels:
            rel = {"gt": sympy.Gt, "lt": sympy.Lt, "eq": sympy.Eq, "ne": sympy.Ne}[key]
            self._rels[key] = normalize_relation(rel(self.expr, 0), fast=True)
        return self._rels[key]

    gt = property(lambda self: self._rel("gt"))
    lt = property(lambda self: self._rel("lt"))
    eq = property(lambda self: self._rel("eq"))
    ne = property(lambda self: self._rel("ne"))

    @property
    def constant(self) -> bool:
        return self.poly is None

    def rel(self, s: int) -> Boolean:
        return self._rel({1: "gt", -1: "lt", 0: "eq"}[s])

    @functools.cached_property
    def linear(self) -> tuple:
        """Indices of the symbols ``P`` has degree 1 in."""
        if self.poly is None:
            return ()
        return tuple(j for j, d in enumerate(self.poly.degrees()) if int(d) == 1)

    @functools.cached_property
    def may_vanish(self) -> bool:
        """Whether ``e = 0`` is where ``P = 0`` (no symbolic denominator: ``e`` is defined there)."""
        # a negative power of a symbolic base is a (possibly vanishing) denominator
        return not any(p.exp.is_negative and p.base.free_symbols for p in self.expr.atoms(sympy.Pow))

    def exact_sign(self, point: dict) -> int:
        if self.poly is None:
            return self.sgn
        v = eval_exact(self.poly, self.symbols, point)
        return self.sgn * ((v > 0) - (v < 0))

    def root(self, j: int, point: dict) -> tuple | None:
        """Where ``P = 0`` along symbol ``j`` (``P`` linear in it), the others as at ``point``.

        Returns ``(root, sign of c1)`` with ``P = c1 * (x - root)`` on that
        line, so ``sign(P) = sign(c1) * sign(x - root)``; None when ``c1``
        vanishes at ``point``.
        """
        s = self.symbols[j]
        c1 = Fraction(0)
        c0 = Fraction(0)
        for monom, coeff in self.poly.terms():
            t = Fraction(int(coeff))
            for sym, k in zip(self.symbols, monom):
                if k and sym != s:
                    t *= point[sym] ** int(k)
            if monom[j]:
                c1 += t
            else:
                c0 += t
        if c1 == 0:
            return None
        return -c0 / c1, (1 if c1 > 0 else -1)

    def numeric(self, cols: dict, n: int) -> np.ndarray:
        if self.poly is None:
            return np.full(n, float(self.sgn))
        return self.sgn * eval_signs(self.poly, self.symbols, cols, n)


def _fraction(v: Any) -> Fraction | None:
    """A sympy Rational as a Fraction; None for other numbers."""
    if v is None or not getattr(v, "is_Rational", False):
        return None
    return Fraction(int(v.p), int(v.q))


class _Context:
    """The engine's shared samples of one parameter space, and the atoms of one table."""

    def __init__(self, space: Any):
        self.space = space
        self.sampler = witness_sampler(space)
        self.cols, self.n = self.sampler.cols, self.sampler.n
        self.atoms: dict = {}
        self.sat_cache: dict = {}
        self._rows: dict = {}
        # per-symbol domain bounds as fractions (lower, upper, lower open, upper open, integer)
        self.bounds: dict = {}
        self._fast = not space.constraints
        for prm, sym in zip(space.parameters, space.symbols):
            lo, hi, lo_open, hi_open = prm.bounds
            flo, fhi = _fraction(lo), _fraction(hi)
            if (lo is not None and flo is None) or (hi is not None and fhi is None):
                self._fast = False  # a bound such as sqrt(2): the space decides membership
            self.bounds[sym] = (flo, fhi, lo_open, hi_open, prm.is_integer)
        self._symbols = {sym: sym for sym in self.bounds}

    def atom(self, e: sympy.Expr) -> _Atom:
        if e not in self.atoms:
            a = _Atom(e)
            # the space's own symbol objects: point lookups then match by identity
            a.symbols = tuple(self._symbols.get(s, s) for s in a.symbols)
            self.atoms[e] = a
        return self.atoms[e]

    def _inside(self, pt: dict) -> bool:
        """Exact membership of a point of fractions in a space given by domain bounds only."""
        for sym, (lo, hi, lo_open, hi_open, integer) in self.bounds.items():
            v = pt[sym]
            if integer and v.denominator != 1:
                return False
            if lo is not None and (v < lo or (lo_open and v == lo)):
                return False
            if hi is not None and (v > hi or (hi_open and v == hi)):
                return False
        return True

    def exact_point(self, row: int, override: dict | None = None) -> dict | None:
        """The sampled row as exact rationals (with overrides), if it lies in the space."""
        if not self._fast:
            return self.sampler.exact_point(row, override)
        if row not in self._rows:
            pt = {sym: Fraction(float(self.cols[sym.name][row])) for sym in self.bounds}
            self._rows[row] = (pt, self._inside(pt))
        base, inside = self._rows[row]
        if not override:
            return base if inside else None
        pt = dict(base)
        pt.update(override)
        return pt if self._inside(pt) else None

    def domain_signs(self, a: _Atom) -> set | None:
        """The signs of ``a`` on the space, read exactly from one parameter's domain; None if not that simple.

        Applies when ``P`` is linear in a single parameter (real, rational
        bounds, no constraint of the space) and ``a`` has no symbolic
        denominator: ``P = c1 * (x - root)`` then takes the sign of ``c1``
        above the root, the opposite below it and 0 at it, wherever the
        domain reaches.
        """
        if not self._fast or a.poly is None or len(a.symbols) != 1 or a.linear != (0,) or not a.may_vanish:
            return None
        lo, hi, lo_open, hi_open, integer = self.bounds[a.symbols[0]]
        if integer:
            return None
        root, c1 = a.root(0, {})
        side = set()
        if hi is None or hi > root:
            side.add(1)
        if lo is None or lo < root:
            side.add(-1)
        if ((lo is None or lo < root or (lo == root and not lo_open))
                and (hi is None or hi > root or (hi == root and not hi_open))):
            side.add(0)
        return {a.sgn * c1 * t for t in side}

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


class _Witnesses:
    """Sign patterns of some atoms proved to occur on the space, each by one exact point.

    Sampled rows give candidates (float signs); every pattern kept was
    evaluated exactly at a point whose membership in the space was checked
    exactly. :meth:`find` looks for a point with prescribed signs: the
    sampled rows closest to them, then repaired one atom at a time by moving
    a parameter the atom's polynomial is linear in (to its root, or past it
    on the wanted side, inside the parameter's domain).
    """

    #: sampled rows a search starts from
    STARTS = 6

    def __init__(self, atoms: Sequence[_Atom], ctx: _Context):
        self.atoms = list(atoms)
        self.ctx = ctx
        self.found: set = set()
        self.signs = None  # float signs, shape (n, len(atoms))
        if not self.atoms:
            self.found.add(())
            return
        if ctx.cols is None:
            return
        if ctx.n == 0:  # no parameters: one point
            self.found.add(tuple(a.exact_sign({}) for a in self.atoms))
            return
        self.signs = np.stack([a.numeric(ctx.cols, ctx.n) for a in self.atoms], axis=1)
        self._sampled()
        self._on_zero_sets()

    def _pattern(self, pt: dict) -> tuple:
        return tuple(a.exact_sign(pt) for a in self.atoms)

    def _sampled(self) -> None:
        seen: dict = {}
        for r in range(self.ctx.n):
            key = tuple(int(v) for v in self.signs[r])
            if 0 in key or key in seen:
                continue
            seen[key] = r
        for r in seen.values():
            pt = self.ctx.exact_point(r)
            if pt is not None:
                self.found.add(self._pattern(pt))

    def _on_zero_sets(self) -> None:
        """Points on ``P_i = 0``: ``P_i`` solved for a variable it is linear in."""
        ctx = self.ctx
        for a in self.atoms:
            if a.poly is None:
                continue
            for j in a.linear:
                s = a.symbols[j]
                for r in range(min(ctx.n, 24)):
                    pt = ctx.exact_point(r)
                    if pt is None:
                        continue
                    root = a.root(j, pt)
                    if root is None:
                        continue
                    pt2 = ctx.exact_point(r, {s: root[0]})
                    if pt2 is None:
                        continue
                    self.found.add(self._pattern(pt2))
                    break
                else:
                    continue
                break

    def known(self, targets: dict) -> tuple | None:
        """A found pattern meeting ``targets`` (atom index -> allowed signs), if any."""
        for p in self.found:
            if all(p[i] in allowed for i, allowed in targets.items()):
                return p
        return None

    def find(self, targets: dict) -> tuple | None:
        """A pattern meeting ``targets`` (atom index -> allowed signs), proved at an exact point; or None.

        None means only that no point was found: the question then goes to
        the condition engine.
        """
        p = self.known(targets)
        if p is not None or self.signs is None:
            return p
        # e = 0 only where P = 0 and e is defined (no vanishing denominator)
        targets = {i: tuple(t for t in allowed if t != 0 or self.atoms[i].may_vanish)
                   for i, allowed in targets.items()}
        if any(not allowed for allowed in targets.values()):
            return None
        miss = np.zeros(self.ctx.n, dtype=int)
        for i, allowed in targets.items():
            miss += ~np.isin(self.signs[:, i], [t for t in allowed if t != 0])
        for r in np.argsort(miss, kind="stable")[: self.STARTS]:
            pt = self.ctx.exact_point(int(r))
            if pt is None:
                continue
            p = self._repair(pt, targets)
            if p is not None:
                return p
        return None

    def _repair(self, pt: dict, targets: dict) -> tuple | None:
        """Move ``pt`` until every target holds, one atom at a time; the pattern there or None."""
        pattern = self._pattern(pt)
        bad = {i for i, allowed in targets.items() if pattern[i] not in allowed}
        for _ in range(len(targets) + 1):
            if not bad:
                self.found.add(pattern)
                return pattern
            step = self._step(pt, targets, bad)
            if step is None:
                return None
            pt, pattern, bad = step
        return None

    def _step(self, pt: dict, targets: dict, bad: set) -> tuple | None:
        """One move fixing an unmet target and breaking none; ``(point, pattern, unmet)`` or None."""
        ctx = self.ctx
        for i in sorted(bad):
            a = self.atoms[i]
            # prefer symbols no other target atom depends on
            others = [set(self.atoms[k].symbols) for k in targets if k != i]
            order = sorted(a.linear, key=lambda j: sum(a.symbols[j] in o for o in others))
            for want in targets[i]:
                for j in order:
                    sym = a.symbols[j]
                    root = a.root(j, pt)
                    if root is None:
                        continue
                    x = _beside(root[0], want * a.sgn * root[1], ctx.bounds.get(sym))
                    if x is None:
                        continue
                    pt2 = dict(pt)
                    pt2[sym] = x
                    if ctx._fast:
                        if not ctx._inside(pt2):
                            continue
                    elif not ctx.space.contains({k.name: sympy.Rational(v.numerator, v.denominator)
                                                 for k, v in pt2.items()}):
                        continue
                    pattern = self._pattern(pt2)
                    bad2 = {k for k, allowed in targets.items() if pattern[k] not in allowed}
                    if i not in bad2 and bad2 <= bad:
                        self.found.add(pattern)
                        return pt2, pattern, bad2
        return None


def _beside(root: Fraction, side: int, bounds: tuple | None) -> Fraction | None:
    """A value at ``root`` (``side == 0``), or above / below it (``side`` = +1 / -1) inside ``bounds``."""
    lo, hi, lo_open, hi_open, integer = bounds if bounds is not None else (None, None, True, True, False)
    if integer:
        return None
    if side == 0:
        return root
    if side > 0:
        m = root if lo is None else max(root, lo)
        if hi is None:
            return m + 1
        return (m + hi) / 2 if m < hi else None
    m = root if hi is None else min(root, hi)
    if lo is None:
        return m - 1
    return (m + lo) / 2 if m > lo else None


def _cls(pattern: tuple) -> str:
    if 0 in pattern:
        return "non-hyperbolic"
    if all(s < 0 for s in pattern):
        return "stable"
    if all(s > 0 for s in pattern):
        return "unstable"
    return "saddle"


def _prune_and(parts: list, wit: _Witnesses, signs: list, ctx: _Context) -> list:
    """Drop conjuncts implied by the others; a witness pattern keeps a conjunct without z3.

    ``parts[k]`` says atom ``signs[k][0]`` has sign ``signs[k][1]``.
    """
    keep = list(range(len(parts)))
    for k in list(keep):
        i, s = signs[k]
        targets = {signs[m][0]: (signs[m][1],) for m in keep if m != k}
        targets[i] = (-s, 0)
        if wit.find(targets) is not None:
            continue
        others = [m for m in keep if m != k]
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
    wit = _Witnesses(atoms, ctx)
    possible = []
    for i, a in enumerate(atoms):
        dom = ctx.domain_signs(a)
        if dom is not None:
            possible.append(dom)
            continue
        seen = {p[i] for p in wit.found}
        sg = set()
        for s in (-1, 0, 1):
            if s in seen or wit.find({i: (s,)}) is not None or ctx.satisfiable(a.rel(s)) is not False:
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

    realised = {_cls(full_pattern(dict(enumerate(p)))) for p in wit.found}

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
        if (cls not in realised and wit.find({i: (w,) for i, w in need.items()}) is None
                and ctx.satisfiable(cond) is False):
            continue
        parts = _prune_and(parts, wit, items, ctx)
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
