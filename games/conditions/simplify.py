"""Simplifying conditions on a space: decided parts replaced, implied conjuncts dropped.

Part of the condition engine :mod:`games.conditions`.
"""

from __future__ import annotations

import functools
from typing import Any

import sympy
from sympy.logic.boolalg import Boolean

from games.errors import ParameterError, fmt_error
from games.parameters import ParameterSpace
from games.conditions.base import as_boolean, space_of
from games.conditions.decide import decide, is_satisfiable, is_valid
from games.conditions.normalize import merge_equalities, normalize_boolean

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
    d = decide(cond, space)
    if d.status == "always" and d.method != "sampled":
        return sympy.true
    if d.status == "never" and d.method != "sampled":
        return sympy.false
    if isinstance(cond, sympy.And):
        parts = [_simplify(a, space) for a in cond.args]
        if any(p is sympy.false for p in parts):
            return sympy.false
        parts = merge_equalities(list(dict.fromkeys(p for p in parts if p is not sympy.true)))
        # drop conjuncts implied by the others (on the space)
        i = 0
        while i < len(parts) and len(parts) > 1:
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


def simplify_condition(cond: Any, space: ParameterSpace | None = None) -> Boolean:
    """Simplify a parameter condition on a space.

    Provably false conditions become ``sympy.false``, provably true ones
    ``sympy.true``; relations are normalised (known-sign factors cleared) and
    conjuncts implied by the others (on the space) are dropped.

    Examples
    --------
    >>> space = ParameterSpace({"g": "positive", "f": "positive", "k": "positive"}, ["f > g"])
    >>> simplify_condition("k*(g - f) < 0", space)
    True
    >>> simplify_condition("(g > 2*f) | (k > g)", space)
    k > g
    >>> simplify_condition(sympy.And(space.sympify("k > 2*g"), space.sympify("k > g")), space)
    k > 2*g
    """
    space = space_of(cond, space)
    cond = as_boolean(cond, space, "simplify_condition")
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
    """Empty the engine's caches of decisions and simplifications (for benchmarks with cold caches).

    Examples
    --------
    >>> clear_caches()
    """
    from games.conditions.translate import clear_z3_caches

    _simplify.cache_clear()
    clear_z3_caches()
