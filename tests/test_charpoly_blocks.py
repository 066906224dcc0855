"""Fraction-free characteristic polynomials of symbolic Jacobian blocks, and the tables built on them.

``scaled_characteristic_polynomial`` computes ``det(lambda I - M)`` of a
matrix of rational functions as ``sum_k c_k d^(-k) lambda^(n-k)`` (Berkowitz
on the polynomial matrix ``d M``, in python-flint) and the Hurwitz minors
``Delta_j(c) d^(-j(j+1)/2)``. Checked here against sympy's characteristic
polynomial and :func:`hurwitz_minors` at exact rational points, against the
closed forms of the Hurwitz minors of a quartic (Gantmacher 1959, ch. XV,
sec. 6), and on a four-population game whose interior block is 4x4.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import sympy
from hypothesis import given, settings, strategies as st

from games.conditions import factored_determinant, scaled_characteristic_polynomial
from games.normal_form import NormalFormGame
from solvers.evolution import replicator, stability
from solvers.evolution.routh_hurwitz import classify_eigenvalues, hurwitz_minors

X, Y, Z = sympy.symbols("x y z")
ATOMS = [X, Y, Z, sympy.Integer(1), sympy.Integer(2), sympy.Integer(-3)]
DENOMINATORS = [sympy.Integer(1), X, Y + 1, sympy.Integer(2), X - Z, X * Y + 1]

entry = st.tuples(st.sampled_from(ATOMS), st.sampled_from(ATOMS), st.sampled_from(ATOMS),
                  st.sampled_from(DENOMINATORS), st.booleans()).map(
    lambda t: 0 if t[4] else (t[0] * t[1] + t[2]) / t[3])


@st.composite
def matrices(draw):
    n = draw(st.integers(1, 4))
    return sympy.Matrix(n, n, draw(st.lists(entry, min_size=n * n, max_size=n * n)))


def _coefficients(M):
    coefficient, minor = scaled_characteristic_polynomial(M)
    n = M.shape[0]
    return ([coefficient(k) for k in range(n + 1)], [minor(j) for j in range(1, n + 1)],
            [minor(j, mirrored=True) for j in range(1, n + 1)])


@settings(max_examples=30, deadline=None)
@given(matrices(), st.lists(st.fractions(-5, 5, max_denominator=4), min_size=3, max_size=3))
def test_coefficients_and_minors_equal_sympy_at_rational_points(M, values):
    coeffs, hz, hm = _coefficients(M)
    point = {s: sympy.Rational(v.numerator, v.denominator) for s, v in zip((X, Y, Z), values)}
    Mp = M.xreplace(point)
    if any(e.has(sympy.zoo, sympy.nan) for e in Mp):
        return  # a pole of an entry
    ref = Mp.charpoly(sympy.Symbol("lam")).all_coeffs()
    assert [c.xreplace(point) for c in coeffs] == ref
    assert [h.xreplace(point) for h in hz] == hurwitz_minors(ref)
    assert [h.xreplace(point) for h in hm] == hurwitz_minors([c * (-1) ** k for k, c in enumerate(ref)])


@settings(max_examples=40, deadline=None)
@given(matrices(), st.lists(st.sampled_from([X, 1 - X, X * Y, 1 / (Y + 1), sympy.Integer(1)]), min_size=5,
                            max_size=5), st.lists(st.fractions(-5, 5, max_denominator=4), min_size=3, max_size=3))
def test_factored_determinant_equals_sympy_at_rational_points(M, row_factors, values):
    """Rows scaled by share-like factors, as in a replicator Jacobian: the determinant is unchanged in value."""
    n = M.shape[0]
    M = sympy.diag(*row_factors[:n]) * M
    det = factored_determinant(M)
    point = {s: sympy.Rational(v.numerator, v.denominator) for s, v in zip((X, Y, Z), values)}
    Mp = M.xreplace(point)
    if any(e.has(sympy.zoo, sympy.nan) for e in Mp) or det.xreplace(point).has(sympy.zoo, sympy.nan):
        return  # a pole of an entry
    assert det.xreplace(point) == Mp.det()
    for f in sympy.Mul.make_args(det):
        base = f.base if f.is_Pow else f
        assert base.is_number or sympy.Poly(base, X, Y, Z).is_irreducible


def test_factored_determinant_of_a_replicator_like_block():
    """Shares x(1 - x) out of every row: the determinant is their product times a small one."""
    a, b, c = sympy.symbols("a b c", positive=True)
    x = a / (a + b)
    y = b / (b + c)
    J = sympy.Matrix([[0, x * (1 - x) * (a - c)], [y * (1 - y) * (b + c), 0]])
    det = factored_determinant(J)
    assert sympy.cancel(det - J.det()) == 0
    assert sympy.cancel(det - (-(a * b * b * c) * (a - c) * (b + c) / ((a + b) ** 2 * (b + c) ** 2))) == 0
    assert factored_determinant(sympy.Matrix([[sympy.sqrt(a), 1], [1, 1]])) is None
    assert factored_determinant(sympy.Matrix([[0, 0], [a, b]])) == 0
    assert factored_determinant(sympy.Matrix([[0, a], [0, b]])) == 0  # a zero column


def test_quartic_minors_have_their_closed_forms():
    """Companion matrix of l^4 + a1 l^3 + a2 l^2 + a3 l + a4, scaled by 1/s: a_k -> a_k / s^k."""
    a1, a2, a3, a4, s = sympy.symbols("a1:5 s")
    C = sympy.Matrix([[0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [-a4, -a3, -a2, -a1]]) / s
    coefficient, minor = scaled_characteristic_polynomial(C)
    assert [sympy.cancel(coefficient(k) - v) for k, v in
            enumerate([1, a1 / s, a2 / s**2, a3 / s**3, a4 / s**4])] == [0] * 5
    d2 = a1 * a2 - a3
    d3 = a3 * d2 - a1**2 * a4
    closed = [a1 / s, d2 / s**3, d3 / s**6, a4 * d3 / s**10]
    assert [sympy.cancel(minor(j) - v) for j, v in enumerate(closed, start=1)] == [0] * 4
    # minors come back factored: Delta_4 = a4 * Delta_3 / s^10 as a product
    assert a4 in sympy.Mul.make_args(minor(4))


def test_bad_matrices_are_refused_with_what_was_expected():
    for func in (scaled_characteristic_polynomial, factored_determinant):
        with pytest.raises(TypeError, match="a sympy Matrix"):
            func([[X, 1], [0, 1]])
        with pytest.raises(ValueError, match=r"square matrix.*shape \(2, 3\)"):
            func(sympy.Matrix([[X, 1, 2], [0, 1, 3]]))
        with pytest.raises(ValueError, match="at least one row"):
            func(sympy.zeros(0, 0))


def test_not_a_rational_function_and_bad_indices():
    assert scaled_characteristic_polynomial(sympy.Matrix([[sympy.sqrt(X), 1], [0, 1]])) is None
    assert scaled_characteristic_polynomial(sympy.Matrix([[sympy.Float(0.5), 1], [0, X]])) is None
    coefficient, minor = scaled_characteristic_polynomial(sympy.Matrix([[X, 1], [0, 1]]))
    with pytest.raises(ValueError, match="k must be in 0..2"):
        coefficient(3)
    with pytest.raises(ValueError, match="j must be in 1..2"):
        minor(0)


def _ring(n_pop=4):
    """Populations on a ring, two strategies each (12 positive parameters for four populations)."""
    a = sympy.symbols(f"a1:{n_pop + 1}", positive=True)
    b = sympy.symbols(f"b1:{n_pop + 1}", positive=True)
    c = sympy.symbols(f"c1:{n_pop + 1}", positive=True)
    pay = np.empty((2,) * n_pop + (n_pop,), dtype=object)
    for prof in itertools.product(range(2), repeat=n_pop):
        for i in range(n_pop):
            nxt, prv = prof[(i + 1) % n_pop], prof[(i - 1) % n_pop]
            pay[prof + (i,)] = a[i] * (1 - nxt) - c[i] if prof[i] == 0 else b[i] * (1 - prv)
    return NormalFormGame(pay)


def test_four_population_ring_table_matches_numeric_eigenvalues():
    """The full table of a 4-population game (a 4x4 interior block) agrees with numeric eigenvalues.

    Its interior Jacobian couples each population to its two neighbours only
    (a bipartite pattern), so its eigenvalues come in pairs +-mu: the trace
    and a_3 vanish, the point is never stable nor unstable, and the table
    says so.
    """
    dyn = replicator(_ring())
    tab = stability(dyn)
    assert len(tab) == 25  # 16 vertices, 8 points on faces, the interior point
    interior = [r for r in tab if all(len(s) == 2 for s in r.point.support)]
    assert len(interior) == 1
    assert {c for c, _ in interior[0].classes} <= {"saddle", "centre", "non-hyperbolic"}
    rng = np.random.default_rng(5)
    checked = 0
    for _ in range(8):
        vals = {s: sympy.Rational(int(rng.integers(1, 40)), int(rng.integers(1, 8))) for s in dyn.space.symbols}
        for row in tab:
            if row.point.condition.xreplace(vals) is not sympy.true:
                continue
            ev = np.linalg.eigvals(np.array(row.jacobian.xreplace(vals).evalf().tolist(), dtype=float))
            holding = [c for c, cond in row.classes if cond.xreplace(vals) is sympy.true]
            assert len(holding) <= 1, row.label
            numeric = classify_eigenvalues(ev) if not np.any(np.abs(ev.real) < 1e-9) else None
            if row.exact and numeric is not None:
                assert holding == [numeric], row.label
            if numeric in ("stable", "unstable"):
                assert holding == [numeric], row.label  # Routh-Hurwitz is exact for these two
            checked += 1
    assert checked >= 16 * 8


def test_greenwashing_full_table_matches_numeric_eigenvalues():
    """A catalog tripartite model whose interior determinant expands to ~10^5 terms: factored, it is solved.

    The interior block's trace is zero (a population's payoff difference
    does not depend on its own share), so the interior point is never
    asymptotically stable; the other classes are checked against numeric
    eigenvalues at sampled parameter points where each rest point exists.
    """
    from games import catalog

    dyn = replicator(catalog.load("greenwashing_regulation"))
    tab = stability(dyn)
    assert len(tab) == 15  # 8 vertices, 6 face points, the interior point
    rng = np.random.default_rng(11)
    checked = 0
    for _ in range(10):
        cols = dyn.space.sample_columns(1, rng=rng)
        vals = {dyn.space.symbol(n): sympy.Rational(float(cols[n][0])).limit_denominator(1000)
                for n in dyn.space.names}
        for row in tab:
            if row.point.condition.xreplace(vals) is not sympy.true:
                continue
            ev = np.linalg.eigvals(np.array(row.jacobian.xreplace(vals).evalf().tolist(), dtype=float))
            if np.any(np.abs(ev.real) < 1e-9):
                continue
            holding = [c for c, cond in row.classes if cond.xreplace(vals) is sympy.true]
            assert holding == [classify_eigenvalues(ev)], row.label
            checked += 1
    assert checked >= 8 * 10
