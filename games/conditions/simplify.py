"""Simplifying conditions on a space: decided parts replaced, implied conjuncts dropped.

Part of the condition engine :mod:`games.conditions`.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import sympy
from sympy.logic.boolalg import Boolean

from games.errors import ParameterError, fmt_error
from games.parameters import ParameterSpace
from games.conditions.base import as_boolean, space_of
from games.conditions.decide import decide, is_satisfiable, is_valid
from games.conditions.factoring import sign_normal_form
from games.conditions.normalize import merge_equalities, normalize_boolean, normalize_relation
from games.conditions.samples import eval_exact, eval_signs, witness_sampler

__all__ = ["SatContext", "simplify_condition", "reduce_condition", "require_condition", "clear_caches"]


class SatContext:
    """Satisfiability questions on one space, for solvers that ask many.

    A thin front end to the engine's cached queries: :meth:`sat` is
    :func:`is_satisfiable` and :meth:`simplify` drops conjuncts implied by
    the others.

    Examples
    --------
    >>> s = ParameterSpace({"a": "positive", "b": "positive"})
    >>> ctx = SatContext(s)
    >>> ctx.sat(sympy.Lt(s["a"], 0)), ctx.simplify([s["a"] > 2 * s["b"], s["a"] > s["b"]])
    (False, a > 2*b)
    """

    def __init__(self, space: ParameterSpace) -> None:
        self.space = space

    def sat(self, cond: Any) -> bool | None:
        """True / False / None (undecided): does ``cond`` hold somewhere on the space?"""
        return is_satisfiable(cond, self.space)

    def simplify(self, atoms: Any) -> Boolean:
        """A conjunction of ``atoms`` without conjuncts implied by the others; true/false when decided."""
        atoms = sorted(set(atoms), key=sympy.default_sort_key)
        whole = sympy.And(*atoms)
        if self.sat(whole) is False:
            return sympy.false
        if self.sat(sympy.Not(whole)) is False:
            return sympy.true
        i = 0
        while i < len(atoms) and len(atoms) > 1:
            rest = atoms[:i] + atoms[i + 1:]
            if self.sat(sympy.And(*rest, sympy.Not(atoms[i]))) is False:
                atoms.pop(i)
            else:
                i += 1
        return sympy.And(*atoms)


@functools.lru_cache(maxsize=4096)
def _simplify(cond: Boolean, space: ParameterSpace) -> Boolean:
    cond = normalize_boolean(cond)
    if cond in (sympy.true, sympy.false):
        return cond
    # checked sample points that show the condition both true and false settle
    # "sometimes" without z3 (the decision below could only return that)
    rels = sympy.And.make_args(cond)
    table = _WitnessTable.of(rels, space)
    shown = table is not None and table.find({k: True for k in range(len(rels))}) \
        and any(table.find({k: False}) for k in range(len(rels)))
    if not shown:
        d = decide(cond, space)
        if d.status == "always" and d.method != "sampled":
            return sympy.true
        if d.status == "never" and d.method != "sampled":
            return sympy.false
    if isinstance(cond, sympy.And):
        parts = [_simplify(a, space) for a in cond.args]
        if any(p is sympy.false for p in parts):
            return sympy.false
        parts = merge_equalities(dict.fromkeys(p for p in parts if p is not sympy.true))
        if parts is sympy.false:
            return sympy.false
        # drop conjuncts implied by the others (on the space); a checked point
        # where the others hold and this one fails keeps it without z3
        table = _WitnessTable.of(parts, space)
        index = {p: k for k, p in enumerate(parts)}
        i = 0
        while i < len(parts) and len(parts) > 1:
            if table is not None:
                want = {index[q]: True for q in parts if q is not parts[i]}
                want[index[parts[i]]] = False
                if table.find(want):
                    i += 1
                    continue
            rest = sympy.And(*(parts[:i] + parts[i + 1:]))
            dd = decide(sympy.Implies(rest, parts[i]), space)
            if dd.status == "always" and dd.method == "z3":
                parts.pop(i)
            else:
                i += 1
        return sympy.And(*parts)
    if isinstance(cond, sympy.Or):
        parts = [_simplify(a, space) for a in cond.args]
        if any(p is sympy.true for p in parts):
            return sympy.true
        parts = list(dict.fromkeys(p for p in parts if p is not sympy.false))
        i = 0
        while i < len(parts) and len(parts) > 1:
            rest = sympy.Or(*(parts[:i] + parts[i + 1:]))
            dd = decide(sympy.Implies(parts[i], rest), space)
            if dd.status == "always" and dd.method == "z3":
                parts.pop(i)
            else:
                i += 1
        return sympy.Or(*parts)
    return cond


_OPS = {"<": lambda v: v < 0, "<=": lambda v: v <= 0, ">": lambda v: v > 0, ">=": lambda v: v >= 0,
        "!=": lambda v: v != 0}


class _Literal:
    """A normalised relation ``lhs op rhs`` read as ``sgn * sign(P) op 0``."""

    def __init__(self, rel: Boolean) -> None:
        self.op = rel.rel_op
        self.sgn, self.poly, self.symbols = sign_normal_form(rel.lhs - rel.rhs)

    def surely(self, cols: dict, n: int) -> np.ndarray:
        """True at the rows where the relation surely holds (near-zero values count as unknown)."""
        v = np.full(n, float(self.sgn)) if self.poly is None else self.sgn * eval_signs(
            self.poly, self.symbols, cols, n)
        out = _OPS[self.op](v)
        if self.poly is not None and self.op != "!=":
            out &= v != 0
        return out

    def exact(self, point: dict) -> bool:
        if self.poly is None:
            v = self.sgn
        else:
            p = eval_exact(self.poly, self.symbols, point)
            v = self.sgn * ((p > 0) - (p < 0))
        return bool(_OPS[self.op](v))


class _WitnessTable:
    """The shared sample points of a space against a list of relations, checked exactly on demand.

    ``find(want)`` is True only for a sample point inside the space where
    relation ``k`` has the truth value ``want[k]`` for every ``k``, by exact
    rational evaluation: a proof that such a point exists.
    """

    def __init__(self, w, lits) -> None:
        self.w, self.lits = w, lits
        self.M = np.stack([lit.surely(w.cols, w.n) for lit in lits], axis=1)
        self._exact: dict = {}

    @classmethod
    def of(cls, rels, space: ParameterSpace) -> "_WitnessTable | None":
        """The table for a list of inequalities between rational functions; None otherwise."""
        if not rels or any(not isinstance(r, sympy.core.relational.Relational) or r.rel_op == "=="
                           or r.has(sympy.Float) for r in rels):
            return None
        w = witness_sampler(space)
        if w.cols is None or w.n == 0:
            return None
        try:
            lits = [_Literal(r) for r in rels]
        except (TypeError, ValueError, ZeroDivisionError):  # not a rational function
            return None
        return cls(w, lits)

    def find(self, want: dict) -> bool:
        # a row not "surely true" may be a zero of the relation: every candidate is checked exactly
        rows = np.ones(self.w.n, dtype=bool)
        for k, v in want.items():
            rows &= self.M[:, k] if v else ~self.M[:, k]
        for r in np.flatnonzero(rows)[:4].tolist():
            if r not in self._exact:
                pt = self.w.exact_point(r)
                self._exact[r] = None if pt is None else [lit.exact(pt) for lit in self.lits]
            vals = self._exact[r]
            if vals is not None and all(vals[k] == v for k, v in want.items()):
                return True
        return False


def _proved_valid(cond: Boolean, space: ParameterSpace) -> bool:
    try:
        d = decide(cond, space)
    except (ValueError, TypeError, ParameterError):
        return False
    return d.status == "always" and d.method == "z3"


@functools.lru_cache(maxsize=4096)
def _witness_conjunction(cond: Boolean, space: ParameterSpace) -> Boolean | None:
    """A conjunction of inequalities pruned witness-first; None where that does not apply.

    Each relation is normalised (``fast=True``); satisfiability and the
    redundancy of each conjunct are settled by sampled points checked
    exactly where possible, by z3 otherwise (one query per question no
    witness answers).
    """
    w = witness_sampler(space)
    if w.cols is None or w.n == 0:
        return None
    rels = []
    for c in sympy.And.make_args(cond):
        if c is sympy.true:
            continue
        if not isinstance(c, sympy.core.relational.Relational) or c.rel_op == "==":
            return None
        r = normalize_relation(c, fast=True)
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
    M = np.stack([lit.surely(w.cols, w.n) for lit in lits], axis=1)
    cache: dict = {}

    def witness(rows: np.ndarray, want: dict) -> bool:
        """An exactly checked sampled point where literal k has truth want[k]."""
        for r in np.nonzero(rows)[0][:4]:
            if r not in cache:
                pt = w.exact_point(int(r))
                cache[r] = None if pt is None else [lit.exact(pt) for lit in lits]
            vals = cache[r]
            if vals is not None and all(vals[k] == v for k, v in want.items()):
                return True
        return False

    keep = list(range(len(lits)))
    if not witness(M.all(axis=1), {k: True for k in keep}):
        try:
            sat = is_satisfiable(sympy.And(*rels), space)
        except (ValueError, TypeError, ParameterError):
            sat = None
        if sat is False:
            return sympy.false
    for k in list(keep):
        others = [m for m in keep if m != k]
        rows = M[:, others].all(axis=1) & ~M[:, k] if others else ~M[:, k]
        # a row where literal k fails must be exact: numeric "not surely true" may be a zero
        want = {m: True for m in others}
        want[k] = False
        if witness(rows, want):
            continue
        if _proved_valid(sympy.Implies(sympy.And(*[rels[m] for m in others]), rels[k]), space):
            keep.remove(k)
    return sympy.And(*[rels[m] for m in keep])


def simplify_condition(cond: Any, space: ParameterSpace | None = None, *, witnesses: bool = False) -> Boolean:
    """Simplify a parameter condition on a space.

    Provably false conditions become ``sympy.false``, provably true ones
    ``sympy.true``; relations are normalised (known-sign factors cleared) and
    conjuncts implied by the others (on the space) are dropped.

    With ``witnesses=True`` a conjunction of inequalities (``<``, ``<=``,
    ``>``, ``>=``, ``!=``) between rational functions is simplified
    witness-first: its relations are normalised with
    ``normalize_relation(..., fast=True)``, and whether it is satisfiable and
    whether each conjunct is implied by the others are settled by the space's
    shared sample points (:func:`~games.conditions.samples.witness_sampler`),
    each checked by exact rational evaluation; z3 is asked only the questions
    no witness answers. Other conditions take the default path. Both paths
    are exact: a conjunct is dropped only when z3 proves it implied.

    Examples
    --------
    >>> space = ParameterSpace({"g": "positive", "f": "positive", "k": "positive"}, ["f > g"])
    >>> simplify_condition("k*(g - f) < 0", space)
    True
    >>> simplify_condition("(g > 2*f) | (k > g)", space)
    k > g
    >>> simplify_condition(sympy.And(space.sympify("k > 2*g"), space.sympify("k > g")), space)
    k > 2*g
    >>> simplify_condition(sympy.And(space.sympify("k*(k - g) > 0"), space.sympify("k > f")), space,
    ...                    witnesses=True)
    f < k
    """
    space = space_of(cond, space)
    cond = as_boolean(cond, space, "simplify_condition")
    if witnesses and cond not in (sympy.true, sympy.false):
        out = _witness_conjunction(cond, space)
        if out is not None:
            return out
    return _simplify(cond, space)


def reduce_condition(cond: Any, space: ParameterSpace | None = None, *, simplify: bool = True) -> Boolean:
    """``true`` / ``false`` where the engine decides ``cond`` on the space, else the condition.

    With ``simplify=True`` an undecided condition is simplified
    (:func:`simplify_condition`); with ``simplify=False`` only its decided
    conjuncts are replaced by ``true``/``false``. Conditions on integer
    parameters (nonlinear integer arithmetic is undecidable) are returned as
    they are.

    Examples
    --------
    >>> s = ParameterSpace({"d": "(0, 1)", "a": "positive"})
    >>> reduce_condition("d < 1", s), reduce_condition("d > 1", s), reduce_condition("(a > d) & (d < 1)", s)
    (True, False, a > d)
    """
    space = space_of(cond, space)
    cond = as_boolean(cond, space, "reduce_condition")
    if cond in (sympy.true, sympy.false) or not len(space) \
            or any(s.is_integer for s in cond.free_symbols):
        return cond
    if is_satisfiable(cond, space) is False:
        return sympy.false
    if is_valid(cond, space) is True:
        return sympy.true
    if simplify:
        return simplify_condition(cond, space)
    if isinstance(cond, sympy.And):
        return sympy.And(*[reduce_condition(a, space, simplify=False) for a in cond.args])
    return cond


def require_condition(cond: Any, space: ParameterSpace, *, func: str, arg: str, expected: str,
                      got: Any) -> None:
    """Raise :class:`~games.errors.ParameterError` unless ``cond`` can hold somewhere on the space.

    For argument checks: ``require_condition(d < 1, space, func="bargain",
    arg="discount", expected="in (0, 1)", got=d)``.

    Examples
    --------
    >>> s = ParameterSpace({"d": "positive"})
    >>> require_condition(s["d"] < 1, s, func="f", arg="d", expected="below 1", got=s["d"])
    >>> require_condition(s["d"] < 0, s, func="f", arg="d", expected="negative", got=s["d"])
    Traceback (most recent call last):
    ...
    games.errors.ParameterError: f(): d must be negative; got d
    """
    cond = sympy.sympify(cond)
    if cond is sympy.false or (cond is not sympy.true and len(space) and is_satisfiable(cond, space) is False):
        raise ParameterError(fmt_error(func, arg, expected, got))


def clear_caches() -> None:
    """Empty the engine's caches: decisions, simplifications, samples, factorisations (for cold-cache timings).

    Examples
    --------
    >>> clear_caches()
    """
    from games.conditions.factoring import clear_factoring_caches
    from games.conditions.translate import clear_z3_caches

    _simplify.cache_clear()
    _witness_conjunction.cache_clear()
    witness_sampler.cache_clear()
    clear_factoring_caches()
    clear_z3_caches()
