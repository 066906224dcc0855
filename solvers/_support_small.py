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
  bound the totally mixed equilibria of a 2x2x2 game by 2).

Payoffs come scaled to integers per player (a positive factor changes no
sign), candidates are exact rationals or numbers ``u + v sqrt(d)``, and every
sign -- positive probabilities, indifference, no profitable deviation -- is
decided exactly. A degenerate system (a solution set that is not finite, a
root where the elimination divides by zero) is not answered here: the
caller's general path takes it.

References
----------
.. [1] R. D. McKelvey and A. McLennan (1997), "The maximal number of regular
   totally mixed Nash equilibria", *J. Econ. Theory* 72: 411-425.
.. [2] R. S. Datta (2003), "Using computer algebra to find Nash equilibria",
   *Proc. ISSAC 2003*: 74-79 (support systems as polynomial systems).
"""

from __future__ import annotations

from fractions import Fraction
from math import isqrt

import operator

import numpy as np

__all__ = ["integer_payoffs", "solve_small_support"]


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
        ``None`` when this module does not decide the profile (more than three
        players mix, three mix and one over more than two strategies, or a
        degenerate system); otherwise every equilibrium with this support, each
        a tuple of probability vectors of exact numbers (``Fraction`` or
        ``u + v sqrt(d)``, convertible by ``float``).

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
