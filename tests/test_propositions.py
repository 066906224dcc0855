"""Propositions: hypothesis finds and shrinks planted counterexamples; z3 proves polynomial claims."""

from __future__ import annotations

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from games.errors import ParameterError
from games.parameters import ParameterSpace
from solvers.propositions import PropositionResult, check_proposition, prove_proposition

REALS = ParameterSpace({"x": "real"})
DISCOUNTS = ParameterSpace({"d1": "(0, 1)", "d2": "(0, 1)"})


def test_planted_counterexample_is_found_and_shrunk():
    r = check_proposition(lambda p: p["x"] < 3, REALS, rng=0)
    assert isinstance(r, PropositionResult) and r.status == "fails" and not r
    # shrinking drives the counterexample to the boundary of the failing region
    assert r.counterexample == {"x": 3.0}
    assert r.method == "hypothesis" and not r.proved


def test_planted_counterexample_two_parameters():
    s = ParameterSpace({"x": "real", "n": "positive_integer"})
    r = check_proposition(lambda p: not (p["x"] >= 3 and p["n"] >= 4), s, rng=1)
    assert r.counterexample == {"x": 3.0, "n": 4}


def test_true_claim_holds():
    # Rubinstein (1982): the first proposer's share (1 - d2)/(1 - d1 d2) lies in (0, 1)
    r = check_proposition(lambda p: 0 < (1 - p["d2"]) / (1 - p["d1"] * p["d2"]) < 1, DISCOUNTS,
                          max_examples=150, rng=3)
    assert r.status == "holds" and r and not r.proved and r.n_examples >= 100
    assert "no counterexample" in str(r)


def test_seeded_runs_are_deterministic():
    claim = lambda p: p["d1"] * p["d2"] < 0.5  # noqa: E731
    a = check_proposition(claim, DISCOUNTS, rng=7)
    b = check_proposition(claim, DISCOUNTS, rng=7)
    assert a == b and a.status == "fails"
    assert a.counterexample["d1"] * a.counterexample["d2"] >= 0.5


def test_constraints_are_respected():
    s = ParameterSpace({"g": "positive", "f": "positive"}, ["f > g"])
    assert check_proposition(lambda p: p["f"] > p["g"], s, rng=0).status == "holds"
    r = check_proposition(lambda p: p["f"] > 2 * p["g"], s, rng=0)
    assert r.status == "fails" and s.contains(r.counterexample)
    assert r.counterexample["f"] <= 2 * r.counterexample["g"]


def test_predicate_errors_are_counterexamples():
    r = check_proposition(lambda p: 1 / (p["x"] - 2) < 100, ParameterSpace({"x": "(0, 5)"}), rng=0)
    assert r.status == "fails" and "ZeroDivisionError" in r.error


def test_condition_claims():
    r = check_proposition("x**2 >= 2*x - 1", REALS, rng=0)
    assert r.status == "holds"
    r = check_proposition("x**2 > 2*x - 1", REALS, rng=0)  # fails exactly at x = 1
    assert r.status in ("holds", "fails")
    if r.status == "fails":
        assert r.counterexample["x"] == 1


def test_prove_with_z3():
    # Rubinstein with a common discount factor: the proposer's share 1/(1 + d) exceeds 1/2
    r = prove_proposition("1/(1 + d1) > 1/2", DISCOUNTS)
    assert (r.status, r.method, r.proved) == ("holds", "z3", True)
    # the share rises in own patience: proved from the derivative's sign claim
    r = prove_proposition("d2*(1 - d2)/(1 - d1*d2)**2 > 0", DISCOUNTS)
    assert r.proved and r.holds


def test_prove_refutes_with_exact_counterexample():
    r = prove_proposition("x**2 > x", REALS)
    assert (r.status, r.method, r.proved) == ("fails", "z3", True)
    x = sympy.Rational(r.counterexample["x"])
    assert not x ** 2 > x
    r = prove_proposition("x > x + 1", REALS)
    assert r.status == "fails" and r.counterexample is not None


def test_prove_falls_back_to_hypothesis():
    r = prove_proposition("exp(x) >= 1 + x", REALS, rng=0)
    assert (r.status, r.method, r.proved) == ("holds", "hypothesis", False)
    r = prove_proposition(lambda p: p["x"] < 1, REALS, rng=0)
    assert r.method == "hypothesis" and r.counterexample == {"x": 1.0}


def test_bad_input():
    with pytest.raises(ParameterError, match="space must be a ParameterSpace"):
        check_proposition(lambda p: True, {"x": "real"})
    with pytest.raises(ValueError, match="max_examples must be a positive integer"):
        check_proposition(lambda p: True, REALS, max_examples=0)
    with pytest.raises(ValueError, match="rng must be"):
        check_proposition(lambda p: True, REALS, rng=-1)
    with pytest.raises(TypeError, match="claim must be a condition"):
        prove_proposition("x + 1", REALS)
    with pytest.raises(ParameterError, match="unknown: y"):
        prove_proposition("y > 0", REALS)
    # an empty space is refused where it is declared
    with pytest.raises(ParameterError, match="constraints must be satisfiable"):
        ParameterSpace({"x": "real"}, ["x > 1", "x < 0"])


@pytest.mark.parametrize("t", [-3, 0, 1, 4])
def test_threshold_counterexamples_shrink_to_the_threshold(t):
    # "x < t" fails; the shrunk counterexample is the simplest failing value: t itself for t >= 0,
    # else 0 (hypothesis shrinks toward 0)
    r = check_proposition(lambda p: p["x"] < t, REALS, rng=t + 5)
    assert r.counterexample == {"x": float(max(t, 0))}


@settings(max_examples=30, deadline=None)
@given(st.integers(-5, 5), st.integers(1, 4))
def test_z3_verdicts_agree_with_the_claim(t, k):
    # property: for "x**k < t", z3's verdict matches the mathematics, and a refutation's point refutes
    x = REALS["x"]
    claim = sympy.Lt(x ** k, t)
    r = prove_proposition(claim, REALS)
    assert r.proved and r.method in ("z3", "assumptions")  # sympy itself decides x**2 < 0
    # x**k < t fails somewhere on the reals always (x**k is unbounded above)
    assert r.status == "fails"
    cx = sympy.nsimplify(r.counterexample["x"])
    assert not (cx ** k < t)
    r2 = prove_proposition(sympy.Ge(x ** (2 * k), t), REALS)
    assert r2.status == ("holds" if t <= 0 else "fails")


def test_points_are_decided_exactly_not_in_rounded_floats():
    # near x = 0 both sides of exp(x) >= 1 + x agree to hundreds of digits (the gap is
    # x**2 / 2); the claim is decided at the exact binary value of the point, with
    # guaranteed precision, so no rounding makes a counterexample or hides one
    tiny = {"x": 1.6161143534360522e-239}
    assert check_proposition("exp(x) >= 1 + x", REALS, rng=0).status == "holds"
    assert check_proposition(lambda p: True, REALS, rng=0).status == "holds"
    r = check_proposition("exp(x) >= 1 + 1.0001*x", REALS, rng=0)
    x = sympy.Rational(r.counterexample["x"])
    assert r.status == "fails" and (sympy.exp(x) - 1 - sympy.Rational("1.0001") * x).evalf(30) < 0
    t = sympy.Rational(tiny["x"])  # where 15-digit floats said "1.0 >= 1.0" or worse
    assert (sympy.exp(t) - 1 - t).evalf(20, strict=True, maxn=4000) > 0
