"""Exact factoring and sign-normal forms of rational expressions, fast (python-flint).

Part of the condition engine :mod:`games.conditions`. Conditions are sign
conditions on rational functions of the parameters; sympy's ``factor`` and
``together`` dominate their cost. Here an expression is carried into
python-flint's multivariate integer polynomials (``fmpz_mpoly``), where
``gcd`` and ``factor`` are exact and fast, and brought back. Expressions
that are not rational functions of their symbols (radicals, floats,
functions) fall back to sympy, so results are always exact.

:func:`factor_expr` is ``sympy.factor(sympy.together(e))`` up to the order
of factors; :func:`cancel_expr` is ``sympy.cancel``; :func:`sign_form` and
:func:`sign_normal_form` write the sign of a rational function as a known
sign times the sign of one polynomial (the fast path of
:func:`games.conditions.normalize_relation`).

References
----------
.. [1] The FLINT team, *FLINT: Fast Library for Number Theory*,
   ``fmpz_mpoly_factor`` (multivariate factorisation over the integers).
"""

from __future__ import annotations

import functools
import math
from typing import Any

import flint
import sympy
from sympy.logic.boolalg import Boolean

__all__ = ["cancel_expr", "factor_expr", "sign_form", "sign_normal_form", "clear_factoring_caches"]


class NotRational(ValueError):
    """The expression is not a rational function with rational coefficients (radicals, floats, functions).

    Examples
    --------
    >>> isinstance(NotRational(sympy.sqrt(2)), ValueError)
    True
    """


def flint_context(symbols: tuple) -> Any:
    """python-flint's ring of integer polynomials in one generator ``v0, v1, ...`` per symbol (lex order).

    Parameters
    ----------
    symbols : tuple of sympy.Symbol
        The variables, in the order of the generators.

    Returns
    -------
    flint.fmpz_mpoly_ctx

    Examples
    --------
    >>> flint_context(sympy.symbols("a b")).gens()
    (v0, v1)
    """
    names = tuple(f"v{i}" for i in range(len(symbols))) or ("v0",)
    return flint.fmpz_mpoly_ctx.get(names, "lex")


def to_flint(e: sympy.Expr, ctx: Any, index: dict) -> tuple:
    """A rational function as ``(numerator, denominator)`` in python-flint, products never expanded twice.

    Parameters
    ----------
    e : sympy.Expr
        A rational function of ``index``'s symbols with rational coefficients.
    ctx : flint.fmpz_mpoly_ctx
        From :func:`flint_context`.
    index : dict
        ``{symbol: generator index}``.

    Returns
    -------
    (flint.fmpz_mpoly, flint.fmpz_mpoly)
        Numerator and denominator; the fraction is not reduced.

    Raises
    ------
    NotRational
        For radicals, floats, functions, or a division by zero.

    Examples
    --------
    >>> a, b = sympy.symbols("a b")
    >>> to_flint(a / b + 1, flint_context((a, b)), {a: 0, b: 1})
    (v0 + v1, v1)
    """
    if e.is_Symbol:
        return ctx.gens()[index[e]], ctx.constant(1)
    if e.is_Integer:
        return ctx.constant(int(e)), ctx.constant(1)
    if e.is_Rational:
        return ctx.constant(int(e.p)), ctx.constant(int(e.q))
    if e.is_Add:
        num, den = ctx.constant(0), ctx.constant(1)
        for a in e.args:
            n, d = to_flint(a, ctx, index)
            if d == den:
                num = num + n
            else:
                g = den.gcd(d)
                dg = d / g if not g.is_one() else d
                num = num * dg + n * (den / g if not g.is_one() else den)
                den = den * dg
        return num, den
    if e.is_Mul:
        num, den = ctx.constant(1), ctx.constant(1)
        for a in e.args:
            n, d = to_flint(a, ctx, index)
            num, den = num * n, den * d
        return num, den
    if e.is_Pow and e.exp.is_Integer:
        n, d = to_flint(e.base, ctx, index)
        k = int(e.exp)
        if k >= 0:
            return n ** k, d ** k
        if n.is_zero():
            raise NotRational(e)
        return d ** (-k), n ** (-k)
    raise NotRational(e)


def flint_to_sympy(p: Any, symbols: tuple) -> sympy.Expr:
    """A python-flint polynomial as an expanded sympy expression in ``symbols``.

    Examples
    --------
    >>> a, b = sympy.symbols("a b")
    >>> v0, v1 = flint_context((a, b)).gens()
    >>> flint_to_sympy(2 * v0 * v1 - 3, (a, b))
    2*a*b - 3
    """
    terms = []
    for monom, coeff in p.terms():
        t = sympy.Integer(int(coeff))
        factors = [s ** k for s, k in zip(symbols, monom) if k]
        terms.append(sympy.Mul(t, *factors))
    return sympy.Add(*terms)


def _fraction(e: sympy.Expr) -> tuple:
    """(symbols, numerator, denominator), reduced, the denominator's leading coefficient positive."""
    symbols = tuple(sorted(e.free_symbols, key=lambda s: s.name))
    ctx = flint_context(symbols)
    num, den = to_flint(e, ctx, {s: i for i, s in enumerate(symbols)})
    if den.is_zero():
        raise NotRational(e)
    g = num.gcd(den)
    if not g.is_one() and not num.is_zero():
        num, den = num / g, den / g
    if den.leading_coefficient() < 0:
        num, den = -num, -den
    return symbols, num, den


def flint_factor_list(p: Any, symbols: tuple) -> tuple:
    """``(constant, [(factor, exponent), ...])`` of a python-flint polynomial, factors as sympy expressions.

    Examples
    --------
    >>> a, b = sympy.symbols("a b")
    >>> v0, v1 = flint_context((a, b)).gens()
    >>> flint_factor_list(2 * v0**2 - 2 * v1**2, (a, b))
    (2, [(a - b, 1), (a + b, 1)])
    """
    if p.is_zero():
        return sympy.Integer(0), []
    c, facs = p.factor()
    return sympy.Integer(int(c)), [(flint_to_sympy(f, symbols), int(k)) for f, k in facs]


@functools.lru_cache(maxsize=8192)
def _factor_cached(e: sympy.Expr) -> sympy.Expr:
    try:
        symbols, num, den = _fraction(e)
    except NotRational:
        return sympy.factor(sympy.together(e))
    cn, fn = flint_factor_list(num, symbols)
    if cn == 0:
        return sympy.Integer(0)
    cd, fd = flint_factor_list(den, symbols)
    out = [cn / cd] + [f ** k for f, k in fn] + [f ** (-k) for f, k in fd]
    return sympy.Mul(*out)


def factor_expr(e: Any) -> sympy.Expr:
    """``e`` as one fraction, numerator and denominator fully factored over the integers.

    Equal to ``sympy.factor(sympy.together(e))`` (up to the order and signs of
    factors); expressions that are not rational functions go to sympy.

    Examples
    --------
    >>> a, b = sympy.symbols("a b")
    >>> factor_expr(a**2 - b**2) == (a - b) * (a + b)
    True
    >>> sympy.simplify(factor_expr(1/a - 1/b) - (b - a)/(a*b))
    0
    """
    e = sympy.sympify(e)
    if e.is_number or e.is_Symbol:
        return e
    return _factor_cached(e)


@functools.lru_cache(maxsize=8192)
def _cancel_cached(e: sympy.Expr) -> sympy.Expr:
    try:
        symbols, num, den = _fraction(e)
    except NotRational:
        return sympy.cancel(sympy.together(e))
    n = flint_to_sympy(num, symbols)
    if den.is_one():
        return n
    return n / flint_to_sympy(den, symbols)


def cancel_expr(e: Any) -> sympy.Expr:
    """``e`` as one reduced fraction ``p/q`` of expanded polynomials (``sympy.cancel``, by flint).

    Examples
    --------
    >>> a, b = sympy.symbols("a b")
    >>> cancel_expr((a**2 - b**2) / (a - b))
    a + b
    """
    e = sympy.sympify(e)
    if e.is_number or e.is_Symbol:
        return e
    return _cancel_cached(e)


def _known_sign(f: sympy.Expr) -> int | None:
    """Sign of a factor from the symbols' assumptions: +1, -1 or None."""
    syms = f.free_symbols
    if syms and all(s.is_positive for s in syms):
        coeffs = [t.as_coeff_Mul()[0] for t in sympy.Add.make_args(f)]
        if all(c > 0 for c in coeffs):
            return 1
        if all(c < 0 for c in coeffs):
            return -1
    if f.is_positive:
        return 1
    if f.is_negative:
        return -1
    return None


def _factor_exponents(e: sympy.Expr, ctx: Any, index: dict, power: int, acc: list) -> int:
    """Irreducible factors of ``e**power`` into ``acc`` (pairs ``[factor, exponent]``), products kept apart.

    A product is factored piece by piece (never multiplied out); a factor met
    twice, in a numerator or a denominator, adds up its exponents. Returns the
    sign of the rational constant (0 when ``e`` is zero).
    """
    if e.is_Mul:
        sgn = 1
        for arg in e.args:
            sgn *= _factor_exponents(arg, ctx, index, power, acc)
        return sgn
    if e.is_Pow and e.exp.is_Integer and not e.base.is_number:
        return _factor_exponents(e.base, ctx, index, power * int(e.exp), acc)
    num, den = to_flint(e, ctx, index)
    if num.is_zero():
        return 0
    sgn = 1
    for p, sign in ((num, 1), (den, -1)):
        c, facs = p.factor()
        if c < 0 and power % 2:
            sgn = -sgn
        for f, k in facs:
            for item in acc:
                if item[0] == f:
                    item[1] += sign * int(k) * power
                    break
            else:
                acc.append([f, sign * int(k) * power])
    return sgn


#: A product of unknown-sign factors is written expanded up to this many terms (estimated), else as a product.
_EXPAND_TERMS = 120


@functools.lru_cache(maxsize=8192)
def _sign_form_cached(d: sympy.Expr) -> tuple | None:
    """``d = c * P * K`` with ``K`` of known sign: ``(sign of c*K, P)``, or None.

    ``P`` is the product of the factors of unknown sign with odd exponent in
    the numerator and denominator (a denominator factor's sign is that of the
    factor; it is nonzero wherever ``d`` is defined), expanded when small;
    ``(0, 0)`` for ``d == 0``.
    """
    symbols = tuple(sorted(d.free_symbols, key=lambda s: s.name))
    ctx = flint_context(symbols)
    acc: list = []
    try:
        sgn = _factor_exponents(d, ctx, {s: i for i, s in enumerate(symbols)}, 1, acc)
    except NotRational:
        return None
    if sgn == 0:
        return 0, sympy.Integer(0)
    keep = []
    for f, k in acc:
        if k == 0:
            continue  # cancelled between a numerator and a denominator
        fs = flint_to_sympy(f, symbols)
        s = _known_sign(fs)
        if s is not None:
            if s < 0 and k % 2:
                sgn = -sgn
            continue
        if k % 2 == 0:
            # an even power of an unknown-sign factor: nonnegative, zero on f = 0
            return None
        keep.append((f, fs))
    if math.prod(len(f) for f, _ in keep) <= _EXPAND_TERMS:
        return sgn, flint_to_sympy(math.prod((f for f, _ in keep), start=ctx.constant(1)), symbols)
    return sgn, sympy.Mul(*[fs for _, fs in keep])


def sign_form(d: Any) -> tuple | None:
    """``d = c * P * K`` with ``K`` of known sign: ``(sign of c*K, P)``, or None.

    ``d`` is brought to one reduced fraction whose numerator and denominator
    are factored over the integers (python-flint); ``P`` (expanded) is the
    product of the factors of unknown sign, each of odd exponent (a
    denominator factor counts like a numerator one: it is nonzero wherever
    ``d`` is defined). ``(0, 0)`` when ``d`` cancels to zero; None when
    ``d`` is not a rational function with rational coefficients, or has a
    factor of unknown sign with an even exponent.

    Examples
    --------
    >>> f, g, k = sympy.symbols("f g k", positive=True)
    >>> sign_form(k * (g - f) / (f + g))
    (-1, f - g)
    >>> sign_form(sympy.sqrt(f) - g) is None
    True
    """
    d = sympy.sympify(d)
    if d.is_number:
        return None
    return _sign_form_cached(d)


def sign_normal_form(e: sympy.Expr) -> tuple:
    """The sign of a rational function as that of one polynomial: ``sign(e) = sgn * sign(P)``.

    ``e`` is brought to one reduced fraction, numerator and denominator are
    factored over the integers (python-flint), and the factors whose sign
    the symbols' assumptions fix are folded into ``sgn``. ``P`` is the
    product of the remaining factors (each of odd exponent); a factor of a
    denominator counts like one of the numerator, since it is nonzero
    wherever ``e`` is defined.

    Parameters
    ----------
    e : sympy.Expr
        A non-constant rational function of its symbols with rational
        coefficients.

    Returns
    -------
    sgn : int
        -1, 0 or +1 (0 only when ``e`` cancels to zero).
    poly : flint.fmpz_mpoly or None
        ``P`` in the generators ``v0, v1, ...`` standing for ``symbols``;
        None when the sign of ``e`` is ``sgn`` everywhere.
    symbols : tuple of sympy.Symbol
        The free symbols of ``e`` sorted by name (empty when ``poly`` is None).

    Raises
    ------
    ValueError
        If ``e`` is not a rational function with rational coefficients
        (radicals, floats, complex numbers), or has a factor of unknown sign
        with an even exponent (then its sign is no plain sign of ``P``).
    TypeError
        If ``e`` is a number: a constant's sign is read directly, not here.

    References
    ----------
    .. [1] The FLINT team, *FLINT: Fast Library for Number Theory*,
       ``fmpz_mpoly_factor`` (multivariate factorisation over the integers).

    Examples
    --------
    >>> a, b = sympy.symbols("a b", positive=True)
    >>> sgn, poly, symbols = sign_normal_form(-a * (a - b) / (a + b))
    >>> sgn, poly, symbols
    (-1, v0 - v1, (a, b))
    >>> sign_normal_form(a * b)
    (1, None, ())
    >>> try:
    ...     sign_normal_form(sympy.sqrt(a) - b)
    ... except ValueError as err:
    ...     print("not a rational function:", err)
    not a rational function: sqrt(a)
    """
    if e.is_number:
        if e.is_real is False or e.has(sympy.Float):
            raise NotRational(e)
        return (int(e > 0) - int(e < 0)), None, ()
    symbols, num, den = _fraction(e)
    if num.is_zero():
        return 0, None, ()
    keep = num.context().constant(1)
    sgn = 1
    for p in (num, den):
        c, facs = p.factor()
        if c < 0:
            sgn = -sgn
        for f, k in facs:
            s = _known_sign(flint_to_sympy(f, symbols))
            if s is not None:
                if s < 0 and k % 2:
                    sgn = -sgn
                continue
            if k % 2 == 0:
                raise NotRational(e)  # an even power of an unknown sign: not a plain sign atom
            keep = keep * f
    if keep.is_constant():
        return sgn, None, ()
    return sgn, keep, symbols


def clear_factoring_caches() -> None:
    """Empty the factoring caches (for cold-cache timings).

    Examples
    --------
    >>> clear_factoring_caches()
    """
    _factor_cached.cache_clear()
    _cancel_cached.cache_clear()
    _sign_form_cached.cache_clear()
