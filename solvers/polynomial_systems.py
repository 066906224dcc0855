"""All isolated real solutions of a system of polynomial equations over the rationals.

The method terminates on every input and misses no isolated solution:

1. a Groebner basis in degree-reverse-lexicographic order (Buchberger's
   algorithm, :func:`sympy.groebner`) decides whether the complex solution
   set is empty, finite or positive-dimensional;
2. for a finite set, a generic linear form ``t = sum c_k x_k`` is adjoined
   and the basis is converted to lexicographic order with ``t`` last (FGLM).
   By the shape lemma the basis then reads ``x_k - f_k(t)`` and ``h(t)``;
3. ``h`` is factored over the rationals; the real roots of each irreducible
   factor are isolated exactly (rational intervals, Descartes/Vincent-Akritas
   via :meth:`sympy.Poly.intervals`), and every solution coordinate is the
   polynomial ``f_k`` at that root.

Signs of polynomials at a solution are decided with certainty: the
polynomial is reduced modulo the irreducible factor (zero exactly when the
remainder vanishes), otherwise evaluated with exact rational interval
arithmetic on an isolating interval that is bisected until the enclosure
excludes zero.

References
----------
.. [1] D. A. Cox, J. Little and D. O'Shea (2015), *Ideals, Varieties, and
   Algorithms*, 4th ed., Springer, ch. 2-3 (Groebner bases, elimination).
.. [2] J. C. Faugere, P. Gianni, D. Lazard and T. Mora (1993), "Efficient
   computation of zero-dimensional Groebner bases by change of ordering",
   *J. Symbolic Computation* 16: 329-344 (FGLM).
.. [3] Y. N. Lakshman (1991), "A single exponential bound on the complexity
   of computing Groebner bases of zero dimensional ideals", in *Effective
   Methods in Algebraic Geometry*, Birkhauser (shape lemma, generic forms).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

import sympy

__all__ = ["RealAlgebraicPoint", "PolynomialSolutions", "real_solutions"]

_T = sympy.Symbol("_t_elim")


def _frac(c) -> Fraction:
    c = sympy.Rational(c) if not isinstance(c, Fraction) else c
    return c if isinstance(c, Fraction) else Fraction(int(c.p), int(c.q))


def _coeffs(poly: sympy.Poly) -> list[Fraction]:
    """Coefficients, highest degree first, as Fractions."""
    return [_frac(c) for c in poly.all_coeffs()]


def _horner(coeffs: Sequence[Fraction], x: Fraction) -> Fraction:
    v = Fraction(0)
    for c in coeffs:
        v = v * x + c
    return v


def _horner_interval(coeffs: Sequence[Fraction], lo: Fraction, hi: Fraction):
    """Exact rational enclosure of a polynomial over ``[lo, hi]`` (interval Horner)."""
    a = b = Fraction(0)
    for c in coeffs:
        prods = (a * lo, a * hi, b * lo, b * hi)
        a, b = min(prods) + c, max(prods) + c
    return a, b


@dataclass(frozen=True, eq=False)
class RealAlgebraicPoint:
    """A real solution: coordinates ``f_k(r)`` at a real root ``r`` of an irreducible ``h``.

    Attributes
    ----------
    minpoly : sympy.Poly
        Irreducible over the rationals, in the auxiliary variable.
    index : int
        Which real root of ``minpoly`` (0 = smallest), as in :class:`sympy.CRootOf`.
    coords : tuple of sympy.Poly
        Coordinate polynomials, reduced modulo ``minpoly``.
    gens : tuple of sympy.Symbol
        The unknowns, in the order of ``coords``.
    """

    minpoly: sympy.Poly
    index: int
    coords: tuple
    gens: tuple
    interval: list  # [lo, hi] Fractions isolating the root; refined in place

    @property
    def is_rational(self) -> bool:
        """Whether every coordinate is rational (the root is rational)."""
        return self.minpoly.degree() == 1

    def _root_expr(self):
        if self.is_rational:
            a, b = self.minpoly.all_coeffs()
            return -sympy.Rational(b) / sympy.Rational(a)
        return sympy.rootof(self.minpoly.as_expr(), _T, self.index, radicals=True)

    def reduce(self, expr) -> sympy.Poly:
        """``expr`` (a polynomial in ``gens`` over QQ) as a polynomial in the root, reduced."""
        sub = {g: c.as_expr() for g, c in zip(self.gens, self.coords)}
        p = sympy.Poly(sympy.sympify(expr).xreplace(sub), _T, domain="QQ")
        return p.rem(self.minpoly)

    def value(self, expr):
        """Exact sympy value of a polynomial ``expr`` in ``gens`` at this point."""
        p = self.reduce(expr)
        if p.is_zero:
            return sympy.Integer(0)
        if self.is_rational or p.degree() <= 0:
            return sympy.Rational(p.eval(self._root_expr())) if self.is_rational else \
                sympy.Rational(p.LC())
        r = self._root_expr()
        v = p.as_expr().xreplace({_T: r})
        if self.minpoly.degree() == 2:
            v = sympy.radsimp(sympy.expand(v))
        return v

    def sign(self, expr) -> int:
        """The sign (-1, 0, 1) of a polynomial ``expr`` in ``gens`` at this point, decided exactly."""
        p = self.reduce(expr)
        if p.is_zero:
            return 0
        co = _coeffs(p)
        if self.is_rational:
            v = _horner(co, _frac(self._root_expr()))
            return (v > 0) - (v < 0)
        h = _coeffs(self.minpoly)
        lo, hi = self.interval
        s_lo = _horner(h, lo)
        while True:
            a, b = _horner_interval(co, lo, hi)
            if a > 0:
                return 1
            if b < 0:
                return -1
            mid = (lo + hi) / 2
            s_mid = _horner(h, mid)
            if s_mid == 0:  # cannot happen for an irreducible h of degree > 1
                lo = hi = mid
            elif (s_mid > 0) == (s_lo > 0):
                lo, s_lo = mid, s_mid
            else:
                hi = mid
            self.interval[0], self.interval[1] = lo, hi

    def approx(self, expr, digits: int = 15) -> float:
        """A float approximation of ``expr`` at this point."""
        return float(sympy.N(self.value(expr), digits))


@dataclass(frozen=True)
class PolynomialSolutions:
    """The real solutions of a polynomial system.

    Attributes
    ----------
    dimension : int
        0 for a finite (possibly empty) complex solution set, 1 if it is
        positive-dimensional (then ``points`` is empty), -1 if it is empty.
    points : tuple of RealAlgebraicPoint
        All real solutions when ``dimension <= 0``.
    """

    dimension: int
    points: tuple = ()


def _is_shape(G, gens) -> bool:
    """Whether a lex basis (t last) is ``x_k - f_k(t)`` for every k, plus ``h(t)``."""
    polys = G.polys
    if len(polys) != len(gens) + 1:
        return False
    for k, p in enumerate(polys[:-1]):
        monos = p.monoms()
        lead = monos[0]
        if lead != tuple(1 if j == k else 0 for j in range(len(gens) + 1)):
            return False
        if any(m[:-1] != (0,) * len(gens) for m in monos[1:]):
            return False
    return all(m[:-1] == (0,) * len(gens) for m in polys[-1].monoms())


def real_solutions(polys: Sequence, gens: Sequence[sympy.Symbol]) -> PolynomialSolutions:
    """All isolated real solutions of ``polys = 0`` (rational coefficients).

    Parameters
    ----------
    polys : sequence of sympy expressions
        Polynomials in ``gens`` with rational coefficients.
    gens : sequence of sympy.Symbol
        The unknowns.

    Returns
    -------
    PolynomialSolutions
        ``dimension`` -1 (no complex solution), 0 (finitely many; ``points``
        lists every real one) or 1 (positive-dimensional).

    Raises
    ------
    ArithmeticError
        If no generic linear form put the system in shape position (not
        seen in practice; the caller reports the system as unsolved).

    References
    ----------
    .. [1] Cox, Little and O'Shea (2015), *Ideals, Varieties, and
       Algorithms*, ch. 2-3.

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> sol = real_solutions([x**2 + y**2 - 1, x - y], [x, y])
    >>> sol.dimension, len(sol.points)
    (0, 2)
    >>> [sol.points[0].value(x), sol.points[1].value(x)]
    [-sqrt(2)/2, sqrt(2)/2]
    >>> real_solutions([x * y - x], [x, y]).dimension
    1
    """
    gens = tuple(gens)
    eqs = [sympy.expand(p) for p in polys]
    eqs = [p for p in eqs if p != 0]
    if not gens:
        return PolynomialSolutions(-1 if eqs else 0, () if eqs else ())
    if not eqs:
        return PolynomialSolutions(1)
    G = sympy.groebner(eqs, *gens, order="grevlex", domain="QQ")
    if list(G.exprs) == [1]:
        return PolynomialSolutions(-1)
    if not G.is_zero_dimensional:
        return PolynomialSolutions(1)
    base = list(G.exprs)
    for attempt in range(4):
        if attempt == 0 and len(gens) == 1:
            form = gens[0]
        else:
            form = sum((k + 1 + attempt * 7) ** (1 + (k % 2)) * g for k, g in enumerate(gens))
        Gt = sympy.groebner(base + [_T - form], *gens, _T, order="grevlex", domain="QQ")
        L = Gt.fglm("lex")
        if _is_shape(L, gens):
            break
        if attempt == 2:
            # a multiple root spoils the shape lemma: pass to the radical of the eliminant
            h_sqf = sympy.Poly(L.exprs[-1], _T).sqf_part()
            base = base + [h_sqf.as_expr().xreplace({_T: form})]
    else:
        raise ArithmeticError("real_solutions(): no generic linear form gave a basis in shape "
                              "position")
    h = sympy.Poly(L.exprs[-1], _T, domain="QQ")
    # the basis element k is x_k - f_k(t)
    coords_full = [-sympy.Poly(g - gens[k], _T, domain="QQ") for k, g in enumerate(L.exprs[:-1])]
    points = []
    _, factors = h.factor_list()
    for fac, _mult in factors:
        fac = sympy.Poly(fac, _T, domain="QQ")
        if fac.degree() < 1:
            continue
        coords = tuple(c.rem(fac) for c in coords_full)
        for idx, ((lo, hi), _m) in enumerate(fac.intervals()):
            points.append(RealAlgebraicPoint(fac, idx, coords, gens,
                                             [Fraction(int(lo.p), int(lo.q)),
                                              Fraction(int(hi.p), int(hi.q))]))
    return PolynomialSolutions(0, tuple(points))
