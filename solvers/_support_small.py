"""Exact answers for support systems that are linear or reduce to one quadratic.

On a support profile where at most three players mix, the indifference
equations of a numeric game need no interval search:

* one player mixes: the equations are constants (the other players are pure);
* two players mix: each one's indifference is linear in the *other's*
  probabilities, so the system splits into two small linear systems, solved
  exactly over the integers (python-flint ``fmpz_mat.nullspace``);
* three players mix, each over two strategies: player ``a``'s equation is
  affine in ``x_b`` with coefficients affine in ``x_c`` (and ``b``'s in
  ``x_a``), so eliminating ``x_a`` and ``x_b`` leaves one quadratic in
  ``x_c`` whose roots are the only candidates (McKelvey and McLennan 1997
  bound the totally mixed equilibria of a 2x2x2 game by 2);
* four players mix, each over two strategies: resultants eliminate three
  probabilities and leave one integer polynomial in the fourth (on random
  2x2x2x2 games of degree 15, with a factor of degree 9, McKelvey and
  McLennan's bound for 2x2x2x2); its real roots are isolated by certified
  balls (python-flint ``fmpz_poly.complex_roots``), the other probabilities
  follow by back-substitution in ball arithmetic, and every sign is read
  from a ball that excludes zero, else the profile is not answered here.

Payoffs come scaled to integers per player (a positive factor changes no
sign), candidates are exact rationals, numbers ``u + v sqrt(d)`` or (four mixers)
arb balls around a unique solution, and every sign -- positive
probabilities, indifference, no profitable deviation -- is decided exactly
or from a rigorous enclosure. A degenerate system (a solution set that is not finite, a
root where the elimination divides by zero) is not answered here: the
caller's general path takes it.

References
----------
.. [1] R. D. McKelvey and A. McLennan (1997), "The maximal number of regular
   totally mixed Nash equilibria", *J. Econ. Theory* 72: 411-425.
.. [2] R. S. Datta (2003), "Using computer algebra to find Nash equilibria",
   *Proc. ISSAC 2003*: 74-79 (support systems as polynomial systems).
.. [3] B. Mishra (1993), *Algorithmic Algebra*, Springer, ch. 7
   (resultants, their ideal membership and specialization).
.. [4] F. Johansson (2017), "Arb: efficient arbitrary-precision
   midpoint-radius interval arithmetic", *IEEE Trans. Computers* 66: 1281-1292.
"""

from __future__ import annotations

from fractions import Fraction
from math import isqrt

import operator

import numpy as np

__all__ = ["integer_payoffs", "solve_small_support", "exact_value"]


def integer_payoffs(Q) -> "_Payoffs":
    """Per-player integer payoff arrays, held as flat lists of Python ints (no overflow).

    Parameters
    ----------
    Q : list of numpy.ndarray
        One integer array of shape ``(m_1, ..., m_n)`` per player (each
        player's payoffs times a positive factor).

    Returns
    -------
    object
        The payoffs in the form :func:`solve_small_support` reads.

    Examples
    --------
    >>> integer_payoffs([np.array([[1, 2], [3, 4]]), np.zeros((2, 2), dtype=int)]).flat[0]
    [1, 2, 3, 4]
    """
    return _Payoffs(Q)


class _Payoffs:
    """Integer payoffs of every player as flat lists (C order) with the strides of the game."""

    def __init__(self, Q):
        self.shape = tuple(Q[0].shape)
        self.flat = [q.reshape(-1).tolist() for q in Q]
        self.strides = [int(np.prod(self.shape[j + 1:], dtype=np.int64))
                        for j in range(len(self.shape))]

    def rows(self, m, supp, mixers):
        """Player m's payoffs: one row per strategy of m, over the other mixers' supports.

        A row runs over the product of the supports of the mixers other than
        ``m`` (in player order, the last fastest); pure players are fixed.
        """
        st = self.strides
        offs = [sum(S[0] * st[j] for j, S in enumerate(supp) if j != m and j not in mixers)]
        for j in mixers:
            if j != m:
                offs = [o + t * st[j] for o in offs for t in supp[j]]
        flat, sm = self.flat[m], st[m]
        return [[flat[o + s * sm] for o in offs] for s in range(self.shape[m])]


class _Quad:
    """An exact number ``u + v sqrt(d)`` (``u, v`` Fractions, ``d`` a positive non-square int)."""

    __slots__ = ("u", "v", "d")

    def __init__(self, u, v, d):
        self.u, self.v, self.d = u, v, d

    def _coerce(self, o):
        return (o.u, o.v) if isinstance(o, _Quad) else (o, 0)

    def __add__(self, o):
        u, v = self._coerce(o)
        return _Quad(self.u + u, self.v + v, self.d)

    __radd__ = __add__

    def __sub__(self, o):
        u, v = self._coerce(o)
        return _Quad(self.u - u, self.v - v, self.d)

    def __rsub__(self, o):
        u, v = self._coerce(o)
        return _Quad(u - self.u, v - self.v, self.d)

    def __neg__(self):
        return _Quad(-self.u, -self.v, self.d)

    def __mul__(self, o):
        u, v = self._coerce(o)
        return _Quad(self.u * u + self.v * v * self.d, self.u * v + self.v * u, self.d)

    __rmul__ = __mul__

    def __truediv__(self, o):
        u, v = self._coerce(o)
        norm = u * u - v * v * self.d  # nonzero unless o == 0 (d is not a square)
        return self * _Quad(Fraction(u) / norm, Fraction(-v) / norm, self.d)

    def sign(self) -> int:
        su, sv = _sgn(self.u), _sgn(self.v)
        if sv == 0 or su == sv:
            return su if su else sv
        if su == 0:
            return sv
        # opposite signs: compare u**2 with v**2 d
        return su if self.u * self.u > self.v * self.v * self.d else sv

    def __float__(self):
        k = 256  # sqrt(d) to 256 bits: far below a float's resolution of these probabilities
        root = Fraction(isqrt(self.d << (2 * k)), 1 << k)
        return float(Fraction(self.u) + Fraction(self.v) * root)


def exact_value(v):
    """A number of :func:`solve_small_support`'s output as a sympy number; None for a ball.

    Fractions become Rationals and ``u + v sqrt(d)`` becomes
    ``u + v*sqrt(d)`` (``sqrt`` of the integer ``d`` needs no factoring);
    the balls of the four-mixer path have no exact form here.

    Examples
    --------
    >>> from fractions import Fraction
    >>> exact_value(Fraction(1, 2)), exact_value(_Quad(Fraction(1), Fraction(1, 2), 5))
    (1/2, 1 + sqrt(5)/2)
    """
    import sympy

    if isinstance(v, Fraction):
        return sympy.Rational(v.numerator, v.denominator)
    if isinstance(v, _Quad):
        return sympy.Rational(v.u) + sympy.Rational(v.v) * sympy.sqrt(sympy.Integer(v.d))
    return None


def _sgn(x) -> int:
    if isinstance(x, _Quad):
        return x.sign()
    return (x > 0) - (x < 0)


def _payoff_rows(pay, supp, mixers, sig):
    """Each player's payoff (up to a positive factor) of each of its strategies at ``sig``."""
    out = []
    for m in range(len(supp)):
        w = [1]
        for j in mixers:
            if j != m:
                w = [u * v for u in w for v in sig[j]]
        out.append([sum(map(operator.mul, r, w)) for r in pay.rows(m, supp, mixers)])
    return out


def _is_equilibrium(pay, supp, mixers, sig) -> bool:
    """Exact check: probabilities positive, support strategies tied, no better strategy."""
    if any(_sgn(p) <= 0 for j in mixers for p in sig[j]):
        return False
    for m, row in enumerate(_payoff_rows(pay, supp, mixers, sig)):
        base = row[supp[m][0]]
        for t in range(len(row)):
            diff = _sgn(row[t] - base)
            if diff > 0 or (diff != 0 and t in supp[m]):
                return False
    return True


def _indifference_nullspace(pay, supp, i, j):
    """Integer basis of the vectors y over S_j making player i indifferent on S_i (j mixes)."""
    import flint

    T = pay.rows(i, supp, (i, j))  # m_i rows of k_j entries
    S = supp[i]
    k = len(supp[j])
    M = flint.fmpz_mat(len(S) - 1, k, [a - b for s in S[1:] for a, b in zip(T[s], T[S[0]])])
    basis, nullity = M.nullspace()
    return [[int(basis[r, c]) for r in range(k)] for c in range(nullity)]


def _two_mixers(pay, supp, i, j):
    sig = {}
    status = "point"
    for own, other in ((i, j), (j, i)):
        basis = _indifference_nullspace(pay, supp, own, other)
        if not basis or (len(basis) == 1 and sum(basis[0]) == 0):
            return []  # no probability vector of `other` makes `own` indifferent
        if len(basis) > 1:
            status = "degenerate"  # a continuum of candidates (unless the other side is empty)
            continue
        y = basis[0]
        sig[other] = [-v for v in y] if sum(y) < 0 else y  # probabilities times sum(y) > 0
    if status == "degenerate":
        return None
    if _is_equilibrium(pay, supp, (i, j), sig):
        return [{q: [Fraction(v, sum(y)) for v in y] for q, y in sig.items()}]
    return []


def _binary_coefficients(pay, supp, own, mixers):
    """Coefficients ``V[t1][t2]`` of player ``own``'s equation (second minus first strategy)."""
    T = pay.rows(own, supp, mixers)
    S = supp[own]
    d = [a - b for a, b in zip(T[S[1]], T[S[0]])]
    return [d[:2], d[2:]]  # axes: the two other mixers, in player order


def _affine_in_first(V):
    """``E = D(y) x + N(y)`` for ``E = sum V[s][t] sx(s) sy(t)``, ``sx = (x, 1-x)``: (D, N)."""
    W0 = (V[0][1], V[0][0] - V[0][1])  # sum_t V[0][t] sy(t) as c0 + c1 y
    W1 = (V[1][1], V[1][0] - V[1][1])
    return (W0[0] - W1[0], W0[1] - W1[1]), W1


def _three_binary_mixers(pay, supp, a, b, c):
    # E_a(x_b, x_c) = Da(x_c) x_b + Na(x_c);  E_b(x_a, x_c) = Db(x_c) x_a + Nb(x_c)
    (Da, Na) = _affine_in_first(_binary_coefficients(pay, supp, a, (a, b, c)))
    (Db, Nb) = _affine_in_first(_binary_coefficients(pay, supp, b, (a, b, c)))
    Vc = _binary_coefficients(pay, supp, c, (a, b, c))  # axes (x_a, x_b)
    # E_c = c00 + c10 x_a + c01 x_b + c11 x_a x_b
    c00 = Vc[1][1]
    c10 = Vc[0][1] - Vc[1][1]
    c01 = Vc[1][0] - Vc[1][1]
    c11 = Vc[0][0] - Vc[0][1] - Vc[1][0] + Vc[1][1]

    def mul(p, q):
        return (p[0] * q[0], p[0] * q[1] + p[1] * q[0], p[1] * q[1])

    # x_a = -Nb/Db, x_b = -Na/Da; E_c * Da * Db = P(x_c)
    terms = (mul(Da, Db), mul(Nb, Da), mul(Na, Db), mul(Na, Nb))
    coef = [c00 * terms[0][k] - c10 * terms[1][k] - c01 * terms[2][k] + c11 * terms[3][k]
            for k in range(3)]
    C0, C1, C2 = (int(v) for v in coef)
    if C2:
        disc = C1 * C1 - 4 * C2 * C0
        if disc < 0:
            return []
        r = isqrt(disc)
        if r * r == disc:
            roots = {Fraction(-C1 + r, 2 * C2), Fraction(-C1 - r, 2 * C2)}
        else:
            roots = {_Quad(Fraction(-C1, 2 * C2), Fraction(s, 2 * C2), disc) for s in (1, -1)}
    elif C1:
        roots = {Fraction(-C0, C1)}
    else:
        return [] if C0 else None  # P == 0: not a finite set of candidates
    out = []
    for xc in sorted(roots, key=float):
        if _sgn(xc) <= 0 or _sgn(1 - xc) <= 0:
            continue  # not a probability: no equilibrium with this support has it
        da, db = Da[0] + Da[1] * xc, Db[0] + Db[1] * xc
        if _sgn(da) == 0 or _sgn(db) == 0:
            return None  # the elimination divided by zero: degenerate
        xb = -(Na[0] + Na[1] * xc) / da
        xa = -(Nb[0] + Nb[1] * xc) / db
        sig = {k: [x, 1 - x] for k, x in ((a, xa), (b, xb), (c, xc))}
        if _is_equilibrium(pay, supp, (a, b, c), sig):
            out.append(sig)
    return out


def _binary_equation(pay, supp, own, mixers, x):
    """Player ``own``'s indifference (second minus first strategy) as a polynomial in ``x``.

    ``x`` maps each other mixer to the generator that is its probability of
    its first support strategy; the equation is multi-affine in them.
    """
    T = pay.rows(own, supp, mixers)
    S = supp[own]
    d = [u - v for u, v in zip(T[S[1]], T[S[0]])]
    poly = 0
    others = [j for j in mixers if j != own]
    for k, c in enumerate(d):
        if not c:
            continue
        term = c
        for q, j in enumerate(others):  # the last mixer varies fastest
            bit = (k >> (len(others) - 1 - q)) & 1
            term = term * (x[j] if bit == 0 else 1 - x[j])
        poly = poly + term
    return poly


def _ball_sign(v):
    """Sign of an arb ball: 1, -1, or None when the ball contains 0."""
    return 1 if v > 0 else -1 if v < 0 else None


def _ball_eval(poly, vals):
    """Value of an integer polynomial (``to_dict`` form) at balls ``vals`` (None: absent)."""
    import flint

    tot = flint.arb(0)
    for mono, c in poly.items():
        t = flint.arb(int(c))
        for v, e in zip(vals, mono):
            if e:
                t = t * v ** e
        tot += t
    return tot


def _affine_parts(poly, var):
    """``(A, B)`` as dicts with ``poly = A * x_var + B`` (poly affine in ``x_var``)."""
    A, B = {}, {}
    for mono, c in poly.to_dict().items():
        (A if mono[var] else B)[mono[:var] + (0,) + mono[var + 1:]] = c
    return A, B


def _four_binary_mixers(pay, supp, mixers):
    """Equilibria where four players mix over two strategies each, or None if undecided.

    Resultants eliminate three probabilities (each indifference equation is
    affine in each other mixer's probability): with ``E_a .. E_d`` the
    equations, ``G = Res_{x_a}(E_c, E_d)``, ``H = Res_{x_a}(E_c, E_b)``,
    ``R1 = Res_{x_b}(E_a, G)``, ``R2 = Res_{x_b}(E_a, H)`` and
    ``U = Res_{x_c}(R1, R2)``, all in the ideal of the equations, so every
    solution has ``U(x_d) = 0``. Each real root ``r`` of ``U`` in (0, 1) is
    isolated (certified balls), ``x_c`` is the common root of ``R1(., r)`` and
    ``R2(., r)``, ``x_b = -eB / eA`` from ``E_a`` and ``x_a`` from ``E_c``;
    where every leading coefficient and divisor is certified nonzero, that
    point is the one solution with ``x_d = r``. Every sign is read from arb
    balls; an undecided one returns None (the caller's general path).
    """
    import flint

    ctx = flint.fmpz_mpoly_ctx.get(("x", 4), "lex")
    gens = ctx.gens()
    x = dict(zip(mixers, gens))
    E = [_binary_equation(pay, supp, m, mixers, x) for m in mixers]
    if any(not isinstance(e, flint.fmpz_mpoly) for e in E):
        return None  # an equation that is a constant: degenerate
    names = ctx.names()

    def res(f, g, v):
        # the resultant lies in the ideal of f and g only if one of them has the variable
        if f.degrees()[v] == 0 and g.degrees()[v] == 0:
            raise ZeroDivisionError
        return f.resultant(g, names[v])

    try:
        G = res(E[2], E[3], 0)
        H = res(E[2], E[1], 0)
        R1 = res(E[0], G, 1)
        R2 = res(E[0], H, 1)
        Upoly = res(R1, R2, 2)
    except ZeroDivisionError:
        return None  # an equation free of the variable eliminated: not this elimination
    if Upoly.is_zero():
        return None
    coeffs = [0] * (Upoly.degrees()[3] + 1)
    for mono, c in Upoly.to_dict().items():
        coeffs[mono[3]] = int(c)
    U = flint.fmpz_poly(coeffs)
    X = flint.fmpz_poly([0, 1])
    while U.degree() > 0 and U(0) == 0:
        U = U // X  # roots at 0 and 1: no interior probability
    while U.degree() > 0 and U(1) == 0:
        U = U // (X - 1)
    if U.degree() <= 0:
        return []
    q = flint.fmpz_poly(U.coeffs()[::-1])(flint.fmpz_poly([1, 1])).coeffs()
    signs = [v > 0 for v in q if v]
    if all(sg == signs[0] for sg in signs):
        return []  # Descartes: (1 + t)^n U(1 / (1 + t)) has no positive root
    old = flint.ctx.prec
    try:
        for prec in (256, 1024):
            flint.ctx.prec = prec
            out = _four_binary_points(pay, supp, mixers, E, G, H, R1, R2, U)
            if out is not None:
                return out
        return None
    finally:
        flint.ctx.prec = old


def _four_binary_points(pay, supp, mixers, E, G, H, R1, R2, U):
    """The back-substitution of :func:`_four_binary_mixers` at the current arb precision."""
    r1, r2 = R1.to_dict(), R2.to_dict()
    deg2 = R2.degrees()[2]
    if deg2 == 0:
        return None
    eA, eB = _affine_parts(E[0], 1)  # E_a = eA(x_c, x_d) x_b + eB
    cA, cB = _affine_parts(E[2], 0)  # E_c = cA(x_b, x_d) x_a + cB
    bA, bB = _affine_parts(E[1], 0)  # E_b = bA(x_c, x_d) x_a + bB
    hA, hB = _affine_parts(H, 1)  # H = hA(x_c, x_d) x_b + hB
    G = G.to_dict()
    out = []
    for root, _ in U.complex_roots():
        if root.imag != 0:
            continue  # certified nonreal
        r = root.real
        if r.upper() < 0 or r.lower() > 1:
            continue
        if not (r > 0 and r < 1):
            return None  # too close to 0 or 1 to tell
        a = [_ball_eval({(k[3],): c for k, c in r2.items() if k[2] == i}, (r,))
             for i in range(deg2 + 1)]
        if _ball_sign(a[deg2]) is None:
            return None  # the leading coefficient may vanish: the resultant says nothing
        if deg2 == 1:
            zs = [-a[0] / a[1]]
        elif deg2 == 2:
            disc = a[1] * a[1] - 4 * a[2] * a[0]
            sd = _ball_sign(disc)
            if sd is None:
                return None
            if sd < 0:
                continue  # both roots nonreal: no real solution with x_d = r
            w = disc.sqrt()
            zs = [(-a[1] + w) / (2 * a[2]), (-a[1] - w) / (2 * a[2])]
            nz = [_ball_sign(_ball_eval(r1, (None, None, z, r))) is not None for z in zs]
            if nz == [True, False]:
                zs = zs[1:]
            elif nz == [False, True]:
                zs = zs[:1]
            else:
                return None  # cannot tell which root is common
        else:
            return None
        z = zs[0]
        # x_b = -eB / eA is in (0, 1) only if |eB| < |eA|: a certified |eB| > |eA| rules
        # the point out even where eA might vanish (no x_b solves E_a = 0 in (0, 1) then)
        da, nb = _ball_eval(eA, (None, None, z, r)), _ball_eval(eB, (None, None, z, r))
        if abs(nb) > abs(da):
            continue
        if _ball_sign(da) is None:
            # E_a may vanish identically here: H (affine in x_b) fixes x_b, and G must vanish
            if not _ruled_out(hA, hB, G, (None, None, z, r), 1):
                return None
            continue
        xb = -nb / da
        dc, nc = _ball_eval(cA, (None, xb, None, r)), _ball_eval(cB, (None, xb, None, r))
        if abs(nc) > abs(dc):
            continue
        if _ball_sign(dc) is None:
            # E_c may vanish identically here: E_b fixes x_a, and E_d must vanish
            if not _ruled_out(bA, bB, E[3].to_dict(), (None, xb, z, r), 0):
                return None
            continue
        xa = -nc / dc
        vals = (xa, xb, z, r)
        sig = {m: [v, 1 - v] for m, v in zip(mixers, vals)}
        signs = [_ball_sign(p) for m in mixers for p in sig[m]]
        if None in signs:
            return None
        if min(signs) < 0:
            continue
        verdict = _ball_equilibrium(pay, supp, mixers, sig)
        if verdict is None:
            return None
        if verdict:
            out.append(sig)
    return out


def _ruled_out(A, B, other, vals, var) -> bool:
    """Whether ``A x + B = 0`` (A certified nonzero) and ``other = 0`` provably fail together.

    ``A``, ``B``, ``other`` are polynomial dicts; ``vals`` the balls of the
    other variables, ``var`` the index of ``x``.
    """
    a = _ball_eval(A, vals)
    if _ball_sign(a) is None:
        return False
    v = list(vals)
    v[var] = -_ball_eval(B, vals) / a
    return _ball_sign(_ball_eval(other, tuple(v))) is not None


def _ball_equilibrium(pay, supp, mixers, sig):
    """No profitable deviation at a solution given by balls: True, False or None (undecided).

    The support strategies are tied exactly (the point solves the
    equations); only strategies outside the supports are compared.
    """
    for m, row in enumerate(_payoff_rows(pay, supp, mixers, sig)):
        base = row[supp[m][0]]
        for t in range(len(row)):
            if t in supp[m]:
                continue
            sg = _ball_sign(row[t] - base)
            if sg is None:
                return None
            if sg > 0:
                return False
    return True


def solve_small_support(pay, supp):
    """Equilibria with exactly the supports ``supp``, when the system is linear or quadratic.

    Parameters
    ----------
    pay : object
        The payoffs of every player scaled by a positive factor to integers
        (:func:`integer_payoffs` of one integer array per player).
    supp : tuple of tuples of int
        One sorted tuple of strategy indices per player; at least one player mixes.

    Returns
    -------
    list or None
        ``None`` when this module does not decide the profile (more than four
        players mix, three or four mix and one over more than two strategies,
        a degenerate system, or a sign no enclosure decides); otherwise every
        equilibrium with this support, each a tuple of probability vectors
        (``Fraction``, ``u + v sqrt(d)`` or, with four mixers, a python-flint
        ``arb`` ball of radius far below a float's resolution around the
        exact value; all convertible by ``float``).

    Examples
    --------
    Matching pennies, both players mixing:

    >>> pay = integer_payoffs([np.array([[1, -1], [-1, 1]]), np.array([[-1, 1], [1, -1]])])
    >>> [[float(p) for p in s] for s in solve_small_support(pay, ((0, 1), (0, 1)))[0]]
    [[0.5, 0.5], [0.5, 0.5]]
    """
    mixers = tuple(j for j, S in enumerate(supp) if len(S) > 1)
    if len(mixers) == 1:
        (i,) = mixers
        T = pay.rows(i, supp, mixers)
        if any(T[s] != T[supp[i][0]] for s in supp[i][1:]):
            return []  # a constant indifference equation that fails
        return None
    if len(mixers) == 2:
        sigs = _two_mixers(pay, supp, *mixers)
    elif len(mixers) == 3 and all(len(supp[j]) == 2 for j in mixers):
        sigs = _three_binary_mixers(pay, supp, *mixers)
    elif len(mixers) == 4 and all(len(supp[j]) == 2 for j in mixers):
        sigs = _four_binary_mixers(pay, supp, mixers)
    else:
        return None
    if sigs is None:
        return None
    out = []
    for sig in sigs:
        prof = []
        for j, S in enumerate(supp):
            vec = [Fraction(0)] * pay.shape[j]
            if j in sig:
                for s, p in zip(S, sig[j]):
                    vec[s] = p
            else:
                vec[S[0]] = Fraction(1)
            prof.append(tuple(vec))
        out.append(tuple(prof))
    return out
