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

__all__ = ["cancel_expr", "factor_expr", "sign_form", "sign_normal_form", "scaled_characteristic_polynomial",
           "factored_determinant", "clear_factoring_caches"]


class _NotRational(ValueError):
    """The expression is not a rational function with rational coefficients."""


def _ctx(symbols: tuple) -> Any:
    names = tuple(f"v{i}" for i in range(len(symbols))) or ("v0",)
    return flint.fmpz_mpoly_ctx.get(names, "lex")


def _to_flint(e: sympy.Expr, ctx: Any, index: dict) -> tuple:
    """(numerator, denominator) as fmpz_mpoly, denominators not reduced."""
    if e.is_Symbol:
        return ctx.gens()[index[e]], ctx.constant(1)
    if e.is_Integer:
        return ctx.constant(int(e)), ctx.constant(1)
    if e.is_Rational:
        return ctx.constant(int(e.p)), ctx.constant(int(e.q))
    if e.is_Add:
        num, den = ctx.constant(0), ctx.constant(1)
        for a in e.args:
            n, d = _to_flint(a, ctx, index)
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
            n, d = _to_flint(a, ctx, index)
            num, den = num * n, den * d
        return num, den
    if e.is_Pow and e.exp.is_Integer:
        n, d = _to_flint(e.base, ctx, index)
        k = int(e.exp)
        if k >= 0:
            return n ** k, d ** k
        if n.is_zero():
            raise _NotRational(e)
        return d ** (-k), n ** (-k)
    raise _NotRational(e)


def _to_sympy(p: Any, symbols: tuple) -> sympy.Expr:
    terms = []
    for monom, coeff in p.terms():
        t = sympy.Integer(int(coeff))
        factors = [s ** k for s, k in zip(symbols, monom) if k]
        terms.append(sympy.Mul(t, *factors))
    return sympy.Add(*terms)


def _fraction(e: sympy.Expr) -> tuple:
    """(symbols, numerator, denominator), reduced, the denominator's leading coefficient positive."""
    symbols = tuple(sorted(e.free_symbols, key=lambda s: s.name))
    ctx = _ctx(symbols)
    num, den = _to_flint(e, ctx, {s: i for i, s in enumerate(symbols)})
    if den.is_zero():
        raise _NotRational(e)
    g = num.gcd(den)
    if not g.is_one() and not num.is_zero():
        num, den = num / g, den / g
    if den.leading_coefficient() < 0:
        num, den = -num, -den
    return symbols, num, den


def _factor_list(p: Any, symbols: tuple) -> tuple:
    """(rational constant, [(sympy factor, exponent)]) of a flint polynomial."""
    if p.is_zero():
        return sympy.Integer(0), []
    c, facs = p.factor()
    return sympy.Integer(int(c)), [(_to_sympy(f, symbols), int(k)) for f, k in facs]


@functools.lru_cache(maxsize=8192)
def _factor_cached(e: sympy.Expr) -> sympy.Expr:
    try:
        symbols, num, den = _fraction(e)
    except _NotRational:
        return sympy.factor(sympy.together(e))
    cn, fn = _factor_list(num, symbols)
    if cn == 0:
        return sympy.Integer(0)
    cd, fd = _factor_list(den, symbols)
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
    except _NotRational:
        return sympy.cancel(sympy.together(e))
    n = _to_sympy(num, symbols)
    if den.is_one():
        return n
    return n / _to_sympy(den, symbols)


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
    num, den = _to_flint(e, ctx, index)
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
    ctx = _ctx(symbols)
    acc: list = []
    try:
        sgn = _factor_exponents(d, ctx, {s: i for i, s in enumerate(symbols)}, 1, acc)
    except _NotRational:
        return None
    if sgn == 0:
        return 0, sympy.Integer(0)
    keep = []
    for f, k in acc:
        if k == 0:
            continue  # cancelled between a numerator and a denominator
        fs = _to_sympy(f, symbols)
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
        return sgn, _to_sympy(math.prod((f for f, _ in keep), start=ctx.constant(1)), symbols)
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
            raise _NotRational(e)
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
            s = _known_sign(_to_sympy(f, symbols))
            if s is not None:
                if s < 0 and k % 2:
                    sgn = -sgn
                continue
            if k % 2 == 0:
                raise _NotRational(e)  # an even power of an unknown sign: not a plain sign atom
            keep = keep * f
    if keep.is_constant():
        return sgn, None, ()
    return sgn, keep, symbols


def factored_determinant(M: Any) -> sympy.Expr | None:
    """The determinant of a square matrix of rational functions, as a product of irreducible factors.

    Each row's entries are written over their least common denominator and
    the greatest common divisor of their numerators is taken out, then each
    column's; the determinant is the product of those factors and of the
    determinant of the remaining polynomial matrix (fraction-free
    elimination). The Jacobian of a replicator dynamic at a rest point has
    the rest point's shares as row factors, so the matrix left is small
    even where the expanded determinant has hundreds of thousands of terms.
    Factoring is done by FLINT.

    Parameters
    ----------
    M : sympy.Matrix
        A square matrix, shape ``(n, n)``, of rational functions with
        rational coefficients.

    Returns
    -------
    sympy.Expr or None
        ``det(M)``, factored (``0`` when it vanishes); None when an entry
        is not a rational function with rational coefficients.

    References
    ----------
    .. [1] E. H. Bareiss, "Sylvester's identity and multistep
       integer-preserving Gaussian elimination", *Mathematics of
       Computation* 22 (1968), 565-578.

    Examples
    --------
    >>> a, b, x = sympy.symbols("a b x")
    >>> factored_determinant(sympy.Matrix([[x * (1 - x) * a, x * (1 - x) * b], [1 / a, 1 / b]]))
    -x*(a - b)*(a + b)*(x - 1)/(a*b)
    >>> factored_determinant(sympy.Matrix([[x * (1 - x) * a, x * (1 - x)], [1, 1 / a]]))
    0
    >>> factored_determinant(sympy.Matrix([[x * a, x], [1, 1 / b]]))
    x*(a - b)/b
    """
    n = M.shape[0]
    symbols = tuple(sorted(M.free_symbols, key=lambda s: s.name))
    ctx = _ctx(symbols)
    index = {s: i for i, s in enumerate(symbols)}
    zero, one = ctx.constant(0), ctx.constant(1)
    rows = []
    try:
        fr = [_to_flint(sympy.sympify(e), ctx, index) for e in M]
    except _NotRational:
        return None
    numerators, denominators = [], []
    for i in range(n):
        row = fr[i * n:(i + 1) * n]
        if any(den.is_zero() for _, den in row):
            return None
        g, lcm = zero, one
        for num, den in row:
            if not num.is_zero():
                g = num if g.is_zero() else g.gcd(num)
                lcm = lcm * (den / lcm.gcd(den))
        if g.is_zero():
            return sympy.Integer(0)
        rows.append([(num / g) * (lcm / den) if not num.is_zero() else zero for num, den in row])
        numerators.append(g)
        denominators.append(lcm)
    for j in range(n):
        g = zero
        for row in rows:
            if not row[j].is_zero():
                g = row[j] if g.is_zero() else g.gcd(row[j])
        if g.is_zero():
            return sympy.Integer(0)  # a zero column
        if not g.is_one():
            for row in rows:
                row[j] = row[j] / g
            numerators.append(g)
    det = _det(rows)
    if det.is_zero():
        return sympy.Integer(0)
    out = []
    for p, sign in [(det, 1)] + [(p, 1) for p in numerators] + [(p, -1) for p in denominators]:
        c, facs = _factor_list(p, symbols)
        out.append(c ** sign)
        out += [f ** (k * sign) for f, k in facs]
    return sympy.Mul(*out)


def _berkowitz(A: list, one: Any) -> list:
    """``[1, c1, ..., cn]`` of ``det(lambda I - A)``, division free (entries of any commutative ring).

    Adds one row and column at a time: with ``A' = [[B, u], [v, a]]``,
    ``p_A' = T p_B`` for the lower triangular Toeplitz matrix ``T`` whose
    first column is ``1, -a, -v u, -v B u, ..., -v B^(r-1) u``.
    """
    p = [one, -A[0][0]]
    for r in range(1, len(A)):
        u = [A[i][r] for i in range(r)]
        col = [one, -A[r][r]]
        w = u
        for _ in range(r):
            col.append(-sum((A[r][i] * w[i] for i in range(r)), one * 0))
            w = [sum((A[i][j] * w[j] for j in range(r)), one * 0) for i in range(r)]
        p = [sum((col[k - j] * p[j] for j in range(len(p)) if 0 <= k - j < len(col)), one * 0)
             for k in range(r + 2)]
    return p


def _det(M: list) -> Any:
    """Determinant by fraction-free elimination with exact divisions (Bareiss 1968), rows swapped at zero pivots."""
    n = len(M)
    if n == 1:
        return M[0][0]
    if n == 2:
        return M[0][0] * M[1][1] - M[0][1] * M[1][0]
    A = [list(row) for row in M]
    sign, prev = 1, None
    for k in range(n - 1):
        if A[k][k].is_zero():
            swap = next((i for i in range(k + 1, n) if not A[i][k].is_zero()), None)
            if swap is None:
                return A[0][0] * 0
            A[k], A[swap] = A[swap], A[k]
            sign = -sign
        for i in range(k + 1, n):
            for j in range(k + 1, n):
                v = A[i][j] * A[k][k] - A[i][k] * A[k][j]
                A[i][j] = v if prev is None else v / prev
        prev = A[k][k]
    return A[n - 1][n - 1] if sign > 0 else -A[n - 1][n - 1]


def scaled_characteristic_polynomial(M: Any) -> tuple | None:
    """The characteristic polynomial of a matrix of rational functions, factored, and its Hurwitz minors on demand.

    With ``d`` the least common denominator of the entries of ``M`` and
    ``P = d M`` (a polynomial matrix), ``det(lambda I - M) = sum_k c_k
    d^(-k) lambda^(n-k)`` where ``[1, c_1, ..., c_n]`` are the coefficients
    of ``det(lambda I - P)`` (Berkowitz's division-free algorithm, in
    python-flint's ``fmpz_mpoly``). The leading Hurwitz minors scale the same
    way: ``Delta_j(a) = Delta_j(c) d^(-j(j+1)/2)`` for ``a_k = c_k d^(-k)``
    (each term of ``Delta_j`` has weighted degree ``j(j+1)/2``). Every
    returned expression is a product of irreducible integer polynomials,
    factored by FLINT, so no large polynomial is ever expanded or factored
    by sympy.

    Parameters
    ----------
    M : sympy.Matrix
        A square matrix of rational functions with rational coefficients, shape ``(n, n)``.

    Returns
    -------
    (coefficient, hurwitz_minor) or None
        Two functions, each computing its value once, when first asked
        for (factoring and, for the minors, the determinants are the costly
        part for large blocks): ``coefficient(k)`` is the factored ``a_k``
        of ``det(lambda I - M) = lambda^n + a_1 lambda^(n-1) + ... + a_n``
        (``0 <= k <= n``); ``hurwitz_minor(j, mirrored=False)`` the factored
        Hurwitz minor ``Delta_j`` (``1 <= j <= n``) of that polynomial, or
        with ``mirrored=True`` of ``(-1)^n p(-lambda)`` (roots negated).
        Both raise ``ValueError`` for an index out of range. None when an
        entry is not a rational function with rational coefficients
        (radicals, floats).

    References
    ----------
    .. [1] S. J. Berkowitz, "On computing the determinant in small parallel
       time using a small number of processors", *Information Processing
       Letters* 18 (1984), 147-150.
    .. [2] F. R. Gantmacher, *The Theory of Matrices*, vol. 2, Chelsea, 1959,
       ch. XV (Hurwitz matrix and its minors).

    Examples
    --------
    >>> a, b = sympy.symbols("a b")
    >>> coefficient, hurwitz_minor = scaled_characteristic_polynomial(sympy.Matrix([[0, 1 / a], [-b, -1]]))
    >>> [coefficient(k) for k in range(3)]
    [1, 1, b/a]
    >>> hurwitz_minor(1), hurwitz_minor(2), hurwitz_minor(2, mirrored=True)
    (1, b/a, -b/a)
    """
    n = M.shape[0]
    symbols = tuple(sorted(M.free_symbols, key=lambda s: s.name))
    ctx = _ctx(symbols)
    index = {s: i for i, s in enumerate(symbols)}
    try:
        fr = [_to_flint(sympy.sympify(e), ctx, index) for e in M]
    except _NotRational:
        return None
    d = ctx.constant(1)
    for _, den in fr:
        if den.is_zero():
            return None
        g = d.gcd(den)
        d = d * (den / g)
    if d.leading_coefficient() < 0:
        d = -d
    P = [[(num * d) / den for num, den in fr[i * n:(i + 1) * n]] for i in range(n)]
    c = _berkowitz(P, ctx.constant(1))
    dc, dfacs = d.factor()

    def factored(p: Any, power: int) -> sympy.Expr:
        """``p * d**(-power)``, each factor irreducible."""
        cn, facs = _factor_list(p, symbols)
        if cn == 0:
            return sympy.Integer(0)
        out = [cn / sympy.Integer(int(dc)) ** power]
        out += [f ** k for f, k in facs]
        out += [_to_sympy(f, symbols) ** (-int(k) * power) for f, k in dfacs]
        return sympy.Mul(*out)

    negated = [ck if k % 2 == 0 else -ck for k, ck in enumerate(c)]
    cache: dict = {}

    def coefficient(k: int) -> sympy.Expr:
        if not 0 <= k <= n:
            raise ValueError(f"coefficient(): k must be in 0..{n}; got {k!r}")
        if ("a", k) not in cache:
            cache["a", k] = factored(c[k], k)
        return cache["a", k]

    def hurwitz_minor(j: int, mirrored: bool = False) -> sympy.Expr:
        if not 1 <= j <= n:
            raise ValueError(f"hurwitz_minor(): j must be in 1..{n}; got {j!r}")
        key = (j, bool(mirrored))
        if key not in cache:
            co = negated if mirrored else c
            H = [[co[2 * col - row] if 0 <= 2 * col - row <= n else ctx.constant(0) for col in range(1, j + 1)]
                 for row in range(1, j + 1)]
            cache[key] = factored(_det(H), j * (j + 1) // 2)
        return cache[key]

    return coefficient, hurwitz_minor


def clear_factoring_caches() -> None:
    """Empty the factoring caches (for cold-cache timings).

    Examples
    --------
    >>> clear_factoring_caches()
    """
    _factor_cached.cache_clear()
    _cancel_cached.cache_clear()
    _sign_form_cached.cache_clear()
