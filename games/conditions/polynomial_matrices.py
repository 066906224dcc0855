"""Characteristic polynomials and determinants of matrices of rational functions, fraction free and factored.

Part of the condition engine :mod:`games.conditions`. The Jacobian of a
replicator dynamic at a symbolic rest point is a matrix of rational
functions whose expanded characteristic polynomial or determinant can have
hundreds of thousands of terms. Here the entries are carried into
python-flint's multivariate integer polynomials (through
:mod:`games.conditions.factoring`), the computation is division free, and
every result comes back as a product of irreducible factors.
"""

from __future__ import annotations

from typing import Any

import sympy

from games.errors import fmt_error
from games.conditions.factoring import NotRational, flint_context, flint_factor_list, flint_to_sympy, to_flint

__all__ = ["scaled_characteristic_polynomial", "factored_determinant"]


def _square(func: str, M: Any) -> Any:
    """``M`` as a sympy Matrix, checked to be square and non-empty."""
    if not isinstance(M, sympy.MatrixBase):
        raise TypeError(fmt_error(func, "M", "a sympy Matrix", M))
    if M.shape[0] != M.shape[1] or M.shape[0] == 0:
        raise ValueError(fmt_error(func, "M", "a square matrix with at least one row", f"shape {M.shape}"))
    return M


def _matrix_fractions(M: Any) -> tuple | None:
    """``(symbols, ctx, [(numerator, denominator), ...])`` of a matrix's entries row by row, or None.

    None when an entry is not a rational function with rational coefficients
    (or has a zero denominator).
    """
    symbols = tuple(sorted(M.free_symbols, key=lambda s: s.name))
    ctx = flint_context(symbols)
    index = {s: i for i, s in enumerate(symbols)}
    try:
        fr = [to_flint(sympy.sympify(e), ctx, index) for e in M]
    except NotRational:
        return None
    if any(den.is_zero() for _, den in fr):
        return None
    return symbols, ctx, fr


def _lcm(a: Any, b: Any) -> Any:
    return a * (b / a.gcd(b))


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

    Raises
    ------
    TypeError
        If ``M`` is not a sympy Matrix.
    ValueError
        If ``M`` is not square or has no rows.

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
    M = _square("factored_determinant", M)
    n = M.shape[0]
    entries = _matrix_fractions(M)
    if entries is None:
        return None
    symbols, ctx, fr = entries
    zero, one = ctx.constant(0), ctx.constant(1)
    rows, numerators, denominators = [], [], []
    for i in range(n):
        row = fr[i * n:(i + 1) * n]
        g, lcm = zero, one
        for num, den in row:
            if not num.is_zero():
                g = num if g.is_zero() else g.gcd(num)
                lcm = _lcm(lcm, den)
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
        c, facs = flint_factor_list(p, symbols)
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

    Raises
    ------
    TypeError
        If ``M`` is not a sympy Matrix.
    ValueError
        If ``M`` is not square or has no rows.

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
    M = _square("scaled_characteristic_polynomial", M)
    n = M.shape[0]
    entries = _matrix_fractions(M)
    if entries is None:
        return None
    symbols, ctx, fr = entries
    d = ctx.constant(1)
    for _, den in fr:
        d = _lcm(d, den)
    if d.leading_coefficient() < 0:
        d = -d
    P = [[(num * d) / den for num, den in fr[i * n:(i + 1) * n]] for i in range(n)]
    c = _berkowitz(P, ctx.constant(1))
    dc, dfacs = d.factor()

    def factored(p: Any, power: int) -> sympy.Expr:
        """``p * d**(-power)``, each factor irreducible."""
        cn, facs = flint_factor_list(p, symbols)
        if cn == 0:
            return sympy.Integer(0)
        out = [cn / sympy.Integer(int(dc)) ** power]
        out += [f ** k for f, k in facs]
        out += [flint_to_sympy(f, symbols) ** (-int(k) * power) for f, k in dfacs]
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
