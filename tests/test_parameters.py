import numpy as np
import pytest
import sympy
from hypothesis import given, settings, strategies as st

from games.errors import ParameterError
from games.parameters import Parameter, ParameterSpace


def make_space():
    return ParameterSpace(
        {"gain": ("positive", "g", "offender's gain"),
         "fine": ("positive", "f", "fine when caught"),
         "delta": ("(0, 1)", r"\delta", "discount factor"),
         "n": "positive_integer"},
        constraints=["fine > gain"])


def test_symbols_carry_domain_assumptions():
    s = make_space()
    assert s["gain"].is_positive and s["delta"].is_positive
    assert s["n"].is_integer and s["n"].is_positive
    assert ParameterSpace({"x": "nonnegative"})["x"].is_nonnegative
    assert ParameterSpace({"x": "[0, 1]"})["x"].is_nonnegative
    assert ParameterSpace({"x": "real"})["x"].is_positive is None


@pytest.mark.parametrize("point, violated", [
    ({"gain": 2, "fine": 1, "delta": 0.5, "n": 1}, "fine > gain"),
    ({"gain": 1, "fine": 2, "delta": 1, "n": 1}, "delta < 1"),
    ({"gain": -1, "fine": 2, "delta": 0.5, "n": 1}, "gain > 0"),
    ({"gain": 1, "fine": 2, "delta": 0.5, "n": 1.5}, "n integer"),
])
def test_check_names_the_violated_constraint(point, violated):
    s = make_space()
    assert not s.contains(point)
    with pytest.raises(ParameterError, match=violated):
        s.check(point)


@pytest.mark.parametrize("point, match", [
    ({"gain": 1, "fine": 2, "delta": 0.5}, "missing"),
    ({"gain": 1, "fine": 2, "delta": 0.5, "n": 1, "zeta": 3}, "unknown parameter 'zeta'"),
    ({"gain": float("nan"), "fine": 2, "delta": 0.5, "n": 1}, "finite"),
    ([1, 2], "mapping"),
])
def test_bad_points(point, match):
    with pytest.raises(ParameterError, match=match):
        make_space().check(point)


def test_exact_values_stay_exact():
    pt = make_space().check({"gain": 1, "fine": "5/2", "delta": "0.5", "n": 3})
    assert pt[make_space()["fine"]] == sympy.Rational(5, 2)
    assert pt[make_space()["delta"]] == sympy.Rational(1, 2)


def test_sample_respects_constraints():
    s = make_space()
    pts = s.sample(200, rng=1)
    assert len(pts) == 200 and all(s.contains(p) for p in pts)
    cols = s.sample_columns(50, rng=np.random.default_rng(3))
    assert np.all(cols["fine"] > cols["gain"]) and np.all((0 < cols["delta"]) & (cols["delta"] < 1))
    assert np.array_equal(s.sample_columns(10, rng=7)["gain"], s.sample_columns(10, rng=7)["gain"])


def test_contradictory_constraints_are_refused_at_construction():
    # a in (0, 1) and a > 2: no point; refused when the space is built, not when first sampled
    with pytest.raises(ParameterError, match=r"constraints must be satisfiable.*\(a: \(0, 1\)\).*contradict"):
        ParameterSpace({"a": "(0, 1)"}, ["a > 2"])


def test_grid_filters_points_outside():
    s = make_space()
    g = s.grid({"gain": [1, 2, 3], "fine": [2.5]}, fixed={"delta": 0.9, "n": 2})
    assert g["gain"].tolist() == [1, 2]
    g2 = s.grid({"delta": 4}, fixed={"gain": 1, "fine": 2, "n": 1})
    assert len(g2["delta"]) == 4 and np.all((g2["delta"] > 0) & (g2["delta"] < 1))


def test_value_semantics_and_rebuild():
    s = make_space()
    assert s == make_space() and hash(s) == hash(make_space())
    assert ParameterSpace.from_dict(s.to_dict()) == s
    assert s != s.restrict("gain < 1")
    with pytest.raises(AttributeError):
        s.foo = 1


@pytest.mark.parametrize("kwargs, match", [
    (dict(parameters={"a": "bogus"}), "domain"),
    (dict(parameters={"a": "(1, 0)"}), "lower < upper"),
    (dict(parameters={"a": "positive"}, constraints=["b > 0"]), "unknown: b"),
    (dict(parameters={"a": "positive"}, constraints=["a + 1"]), "relations"),
    (dict(parameters={"1a": "positive"}), "identifier"),
])
def test_bad_spaces(kwargs, match):
    with pytest.raises(ParameterError, match=match):
        ParameterSpace(**kwargs)


def test_latex_names():
    s = make_space()
    assert s.latex("fine - gain") == "- g + f" or s.latex("fine - gain") == "f - g"
    assert Parameter("delta", "(0, 1)", latex=r"\delta").latex_name() == r"\delta"


@given(st.floats(0.01, 0.99), st.floats(0.01, 5))
@settings(max_examples=50)
def test_contains_agrees_with_mask(d, g):
    s = make_space()
    pt = {"gain": g, "fine": 2.5, "delta": d, "n": 1}
    cols = {k: np.array([v], dtype=float) for k, v in pt.items()}
    assert s.contains(pt) == bool(s.mask(cols)[0])
