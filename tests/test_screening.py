"""Hidden information, optimism and attrition: closed forms and properties."""

from __future__ import annotations

import math

import pytest
import sympy
from hypothesis import given, settings, strategies as st

from games.errors import ParameterError
from games.parameters import ParameterSpace
from solvers.attrition import optimism_two_period, war_of_attrition
from solvers.screening import screening_two_types, screening_uniform

R = sympy.Rational


# Concrete priors, values h = 2, l = 1 (regimes as in Fudenberg-Tirole 1991 §10.2; profits derived there).
@pytest.mark.parametrize("mu, ds, db, regime, profit", [
    pytest.param(R(1, 4), R(1, 2), R(1, 2), "pooling", 1, id="ft1991_pooling_mu025"),
    pytest.param(R(3, 4), R(1, 2), R(1, 4), "screening", R(23, 16), id="ft1991_screening_mu075"),
    pytest.param(R(3, 4), R(1, 2), R(3, 4), "high-price", R(5, 4), id="ft1991_highprice_mu075"),
])
def test_two_type_regimes(mu, ds, db, regime, profit):
    r = screening_two_types(2, 1, mu, ds, discount_buyer=db).at({})
    assert r.name == regime and r.profit == profit


def _profits(h, l, mu, ds, db):
    pool = l
    scr = mu * ((1 - db) * h + db * l) + (1 - mu) * ds * l
    high = mu * h - (1 - ds) * (1 - mu) * h * l / (h - l) if mu * h > l else -math.inf
    return pool, scr, high


@settings(max_examples=40, deadline=None)
@given(st.floats(0.05, 0.95), st.floats(0.05, 0.95), st.floats(0.05, 0.95), st.floats(1.1, 4))
def test_regime_is_seller_optimum(mu, ds, db, h):
    r = screening_two_types(h, 1.0, mu, ds, discount_buyer=db).at({})
    assert abs(float(r.profit) - max(_profits(h, 1.0, mu, ds, db))) < 1e-9


def test_symbolic_regions_partition():
    s = ParameterSpace({"mu": "(0, 1)", "d": "(0, 1)"})
    out = screening_two_types(2, 1, "mu", "d", space=s)
    for pt in s.sample(40, rng=2):
        sub = s.point(pt)
        held = [r.name for r in out.regimes if sympy.sympify(r.condition).xreplace(sub) is sympy.true]
        assert len(held) == 1
        num = screening_two_types(2, 1, pt["mu"], pt["d"]).at({})
        assert held[0] == num.name


def test_equal_discounts_regions():
    # Hand derivation (h = 2, l = 1, delta_s = delta_b = d): screening beats pooling iff mu > 1/2
    # and beats the high price iff d + 2 mu < 2, so screening is strictly optimal on a
    # non-empty region for every d (cross-checked by brute force in test_screening_bruteforce.py).
    s = ParameterSpace({"mu": "(0, 1)", "d": "(0, 1)"})
    out = screening_two_types(2, 1, "mu", "d", space=s)
    for pt in s.sample(40, rng=3):
        mu, d = pt["mu"], pt["d"]
        expected = "pooling" if mu <= 0.5 else "screening" if d + 2 * mu <= 2 else "high-price"
        assert out.at(pt).name == expected
    r = screening_two_types(2, 1, R(3, 5), R(1, 2)).at({})
    assert r.name == "screening" and r.profit == R(11, 10) and r.prices == (R(3, 2), 1)


def test_uniform_closed_form():
    # Fudenberg-Tirole 1991 §10.2: p1 = (2-d)^2 / (2(4-3d)), p2 = (2-d)/(2(4-3d)).
    r = screening_uniform(R(1, 2))
    assert r.prices == (R(9, 20), R(3, 10)) and r.cutoff == R(3, 5)


@settings(max_examples=20, deadline=None)
@given(st.floats(0.05, 0.95), st.floats(0.05, 0.95))
def test_uniform_is_optimal_on_grid(ds, db):
    r = screening_uniform(ds, discount_buyer=db)
    best = max(k / 1000 * (1 - db / 2) * (1 - k / 1000) + ds * (k / 1000) ** 2 / 4 for k in range(1001))
    assert float(r.profit) >= best - 1e-12 and float(r.profit) - best < 1e-5


def test_optimism_delay_condition():
    # Yildiz 2011: delay iff delta (p1 + p2) > 1.
    assert optimism_two_period(R(3, 4), R(3, 4), R(9, 10)).delay is sympy.true
    assert optimism_two_period(R(1, 2), R(1, 2), R(9, 10)).delay is sympy.false
    out = optimism_two_period(R(1, 4), R(1, 2), R(4, 5))
    assert out.shares_if_agreement == (R(3, 5), R(2, 5))


def test_war_of_attrition():
    # Maynard Smith 1974 / Bishop-Cannings 1978: hazard c/V, full dissipation.
    w = war_of_attrition(10, 2)
    assert w.hazard == R(1, 5) and w.expected_duration == R(5, 2) and w.expected_total_cost == 10
    assert w.dissipation == 1 and w.expected_payoff == 0


@pytest.mark.parametrize("call", [
    lambda: screening_two_types(1, 2, R(1, 2), R(1, 2)),
    lambda: screening_two_types(2, 1, R(3, 2), R(1, 2)),
    lambda: screening_uniform(R(3, 2)),
    lambda: optimism_two_period(R(3, 2), 0, R(1, 2)),
    lambda: war_of_attrition(-1, 1),
])
def test_bad_input(call):
    with pytest.raises(ParameterError):
        call()
