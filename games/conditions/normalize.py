"""Normal forms of relations: exactly simplified differences, known-sign factors cleared.

Part of the condition engine :mod:`games.conditions`.
"""

from __future__ import annotations

from typing import Any, Iterable

import sympy
from sympy.logic.boolalg import Boolean

from games.conditions.factoring import sign_form


__all__ = ["known_sign", "canonical_difference", "normalize_relation", "merge_equalities", "normalize_boolean"]


def known_sign(e: sympy.Expr) -> int | None:
    if e.is_positive:
        return 1
    if e.is_negative:
        return -1
    if e.is_zero:
        return 0
    return None


_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


_RELATIONS = {"<": sympy.StrictLessThan, "<=": sympy.LessThan, ">": sympy.StrictGreaterThan,
              ">=": sympy.GreaterThan, "==": sympy.Eq, "!=": sympy.Ne}


# the truth of "0 op 0"
_ZERO_TRUTH = {"<": False, "<=": True, ">": False, ">=": True, "==": True, "!=": False}


def _numer_denom(lhs: Any, rhs: Any = 0) -> tuple[sympy.Expr, sympy.Expr, bool]:
    """``(p, q, zero)`` with ``lhs - rhs == p/q`` (``together``, factors kept) and ``zero``
    telling whether the difference is identically zero (``p`` expands to 0)."""
    d = sympy.sympify(lhs) - sympy.sympify(rhs)
    if d.is_Rational:
        return d, sympy.Integer(1), d == 0
    try:
        num, den = sympy.fraction(sympy.together(d))
    except (sympy.PolynomialError, TypeError, ValueError):  # e.g. Piecewise: keep it as written
        return d, sympy.Integer(1), False
    return num, den, sympy.expand(num) == 0


def canonical_difference(lhs: Any, rhs: Any = 0) -> sympy.Expr:
    """``lhs - rhs`` as one fraction ``p/q``, exactly simplified: ``0`` when identically zero.

    An identically zero difference becomes ``0``, however it was written;
    otherwise the numerator is expanded over the common denominator. Square
    roots and other non-rational parts are treated as generators.

    Examples
    --------
    >>> f, g = sympy.symbols("f g", positive=True)
    >>> canonical_difference(-f*g/(g + f) + g*(1 - g/(g + f)))
    0
    >>> canonical_difference(1/f, 1/g)
    (-f + g)/(f*g)
    """
    num, den, zero = _numer_denom(lhs, rhs)
    if zero:
        return sympy.Integer(0)
    return sympy.expand(num) / den


def normalize_relation(rel: sympy.core.relational.Relational, *, fast: bool = False) -> Boolean:
    """Rewrite ``a op b`` readably: clear known-sign factors and denominators, positive terms left.

    The difference ``a - b`` is first put in lowest terms exactly
    (:func:`canonical_difference`); an identically zero difference decides
    ``=``, ``<=``, ``>=`` true and ``<``, ``>``, ``!=`` false. Known-sign
    factors are cleared using only the symbols' own assumptions (positive,
    nonnegative, ...).

    With ``fast=True`` the difference is factored completely over the
    integers by python-flint (:func:`~games.conditions.factoring.sign_form`)
    and every factor of known sign is cleared: ``P op' 0`` with ``P`` the
    product of the factors of unknown sign. This is much faster on large
    rational functions and clears factors the default misses (a known-sign
    factor hidden in an expanded numerator), so the printed form may differ
    (``f > g`` for ``g < f``); the relation is exactly equivalent wherever
    ``a - b`` is defined. Relations it cannot handle (radicals, floats, a
    squared factor of unknown sign) take the default path.

    Examples
    --------
    >>> f, g, k = sympy.symbols("f g k", positive=True)
    >>> normalize_relation(sympy.Lt(k*(g - f), 0))
    g < f
    >>> normalize_relation(sympy.Gt(g/(g + f), sympy.Rational(1, 2)))
    g > f
    >>> zero = -f*g/(g + f) + g*(1 - g/(g + f))
    >>> normalize_relation(sympy.Gt(zero, 0)), normalize_relation(sympy.Le(zero, 0))
    (False, True)
    >>> normalize_relation(sympy.Lt(k*(g - f), 0), fast=True)
    f > g
    >>> normalize_relation(sympy.Gt(f**2 + f*g - f*k - g*k, 0), fast=True)
    f > k
    """
    if not isinstance(rel, sympy.core.relational.Relational):
        return rel
    if fast:
        out = _normalize_fast(rel)
        if out is not None:
            return out
    op = rel.rel_op
    num, den, zero = _numer_denom(rel.lhs, rel.rhs)
    if zero:
        return sympy.true if _ZERO_TRUTH[op] else sympy.false
    d = num / den
    if d.is_number:
        res = sympy.sympify(rel.func(d, 0))
        return res if res in (sympy.true, sympy.false) else rel.func(d, 0)
    flip = False
    sd = known_sign(den)
    if sd is None:
        expr = sympy.expand(num) / den
    else:
        if sd < 0:
            flip = not flip
        coeff, factors = sympy.factor_terms(num).as_coeff_mul()
        keep = []
        for fct in factors:
            s = known_sign(fct)
            if s is None:
                keep.append(fct)
            elif s == 0:  # cannot happen for a canonical nonzero numerator; be safe
                return sympy.true if _ZERO_TRUTH[op] else sympy.false
            elif s < 0:
                flip = not flip
        if coeff < 0:
            flip = not flip
        if op in ("==", "!=") and not keep:
            return sympy.false if op == "==" else sympy.true
        expr = sympy.expand(sympy.Mul(*keep))
        if not keep:
            # only known-sign factors: the sign of the difference is known
            expr = sympy.Integer(-1 if flip else 1)
            return sympy.sympify(rel.func(expr, 0))
    if expr.is_number:
        return sympy.sympify(rel.func(expr if not flip else -expr, 0))
    if flip:
        op = _FLIP[op]
    return _relation(expr, op)


def _normalize_fast(rel: sympy.core.relational.Relational) -> Boolean | None:
    """The ``fast=True`` path of :func:`normalize_relation`; None where it does not apply."""
    d = rel.lhs - rel.rhs
    if d.is_number or d.has(sympy.Float):
        return None
    form = sign_form(d)
    if form is None:
        return None
    op = rel.rel_op
    sgn, expr = form
    if sgn == 0:
        return sympy.true if _ZERO_TRUTH[op] else sympy.false
    if expr.is_number:
        return sympy.sympify(rel.func(sympy.Integer(sgn), 0))
    if sgn < 0:
        op = _FLIP[op]
    # not evaluated: the factors of known sign are gone, and evaluating asks costly assumptions
    return _relation(expr, op, evaluate=False)


def _relation(expr, op: str, evaluate: bool = True) -> Boolean:
    """``expr op 0`` written with positive terms on the left, negative ones moved right."""
    terms = sympy.Add.make_args(expr)
    lhs = sympy.Add(*[t for t in terms if t.could_extract_minus_sign() is False])
    rhs = sympy.Add(*[-t for t in terms if t.could_extract_minus_sign() is True])
    if lhs == 0 and rhs != 0:
        # "0 > x" reads better as "x < 0"
        lhs, rhs = rhs, sympy.Integer(0)
        op = _FLIP[op]
    return _RELATIONS[op](lhs, rhs, evaluate=evaluate)


def merge_equalities(parts: Iterable) -> list | Boolean:
    """A conjunction's parts with ``x >= y`` and ``y >= x`` (in any spelling) merged into ``x = y``.

    Each inequality is read as ``d > 0`` or ``d >= 0`` with ``d`` expanded;
    two weak ones with opposite ``d`` become ``Eq(d, 0)`` (normalised).
    When one of the two is strict (``x > y`` with ``y >= x`` or ``y > x``)
    the conjunction is empty and ``sympy.false`` is returned. Other parts
    are kept in their order; the equalities come last.

    Parameters
    ----------
    parts : iterable of sympy Boolean
        The conjuncts.

    Returns
    -------
    list or sympy.false

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> merge_equalities([x >= y, x > 0, y - x >= 0])
    [x > 0, Eq(x, y)]
    >>> merge_equalities([x > y, x <= y])
    False
    """
    parts = list(parts)
    signed: dict = {}  # expanded d -> [(index, strict)] for the parts saying d > 0 / d >= 0
    for i, p in enumerate(parts):
        if isinstance(p, (sympy.GreaterThan, sympy.StrictGreaterThan, sympy.LessThan, sympy.StrictLessThan)):
            d = sympy.expand(p.lhs - p.rhs)
            if isinstance(p, (sympy.LessThan, sympy.StrictLessThan)):
                d = -d
            signed.setdefault(d, []).append((i, isinstance(p, (sympy.StrictGreaterThan, sympy.StrictLessThan))))
    drop: set = set()
    add = []
    done: set = set()
    for d, lst in signed.items():
        neg = signed.get(-d)
        if not neg or d in done:
            continue
        done |= {d, -d}
        if any(st for _, st in lst + neg):
            return sympy.false
        drop |= {i for i, _ in lst + neg}
        key = -d if d.could_extract_minus_sign() else d
        add.append(normalize_relation(sympy.Eq(key, 0)))
    return [p for k, p in enumerate(parts) if k not in drop] + add


def normalize_boolean(c: Boolean) -> Boolean:
    """Every relation in ``c`` normalised (:func:`normalize_relation`).

    ``Piecewise`` sides are left whole: split into cases, a branch's domain
    (a square root's radicand >= 0) would apply to the whole condition.
    """
    if isinstance(c, sympy.core.relational.Relational):
        return normalize_relation(c)
    if isinstance(c, (sympy.And, sympy.Or, sympy.Not, sympy.Implies, sympy.Equivalent, sympy.Xor,
                      sympy.ITE)):
        return c.func(*[normalize_boolean(a) for a in c.args])
    return c
