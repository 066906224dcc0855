import pytest
import sympy
from hypothesis import given, settings, strategies as st

from games.errors import ParameterError
from games.parameters import ParameterSpace
from games.conditions import compare, decide, is_satisfiable, is_valid, sign, simplify_condition

S = ParameterSpace({"g": "positive", "f": "positive", "k": "positive", "d1": "(0, 1)", "d2": "(0, 1)"},
                   constraints=["f > g"])


@pytest.mark.parametrize("cond, status", [
    ("f > g", "always"), ("g > f", "never"), ("f > 2*g", "sometimes"),
    ("d1*d2 < 1", "always"), ("(1 - d2)/(1 - d1*d2) <= 1", "always"),
    ("d1**2 + d2**2 < 2*d1*d2", "never"),
])
def test_decide_by_z3(cond, status):
    d = decide(cond, S)
    assert (d.status, d.method) == (status, "z3")
    if status == "sometimes":
        assert S.sympify(cond).xreplace({S[k]: v for k, v in d.witness_true.items()}) is sympy.true
        assert S.sympify(cond).xreplace({S[k]: v for k, v in d.witness_false.items()}) is sympy.false


def test_non_polynomial_falls_back_to_sampling():
    # witnesses found by sampling and checked by exact substitution prove "sometimes"
    d = decide("exp(g) > 1 + g + g**2", S)
    assert (d.status, d.method, d.established) == ("sometimes", "exact", "proved") and d.n_samples > 0
    cond = S.sympify("exp(g) > 1 + g + g**2")
    assert cond.subs(S["g"], sympy.Rational(d.witness_true["g"])) is sympy.true
    assert cond.subs(S["g"], sympy.Rational(d.witness_false["g"])) is sympy.false
    # a sample never proves "always": status unknown, evidence "always"
    d = decide("exp(g) > g", S)
    assert (d.status, d.established, d.evidence) == ("unknown", "sampled", "always")
    assert is_valid("exp(g) > g", S) is None and is_satisfiable("exp(g) > g", S) is True


def test_simplify_drops_implied_and_decides():
    assert simplify_condition("k*(g - f) < 0", S) is sympy.true
    assert simplify_condition("(g - f)/k > 0", S) is sympy.false
    c = simplify_condition(sympy.And(S.sympify("k > 2*g"), S.sympify("k > g"), S.sympify("f > g")), S)
    assert c == sympy.Gt(S["k"], 2 * S["g"])


def test_compare_and_sign():
    assert compare(S["f"], S["g"], S) == ">"
    assert compare(S["k"], S["g"], S) is None
    assert compare(sympy.Rational(1, 2), 0.5) == "="
    share = (1 - S["d2"]) / (1 - S["d1"] * S["d2"])
    assert sign(sympy.diff(share, S["d1"]), S).sign == "+"
    assert sign(sympy.diff(share, S["d2"]), S).sign == "-"
    amb = sign(S["d1"] - S["d2"], S)
    assert amb.sign == "ambiguous" and set(amb.witnesses) == {"+", "-"}
    assert sign(S["k"] ** 2, S).method == "assumptions"


def test_unknown_symbols_are_rejected():
    with pytest.raises(ParameterError, match="unknown"):
        decide("zz > 1", S)


@given(st.fractions(-5, 5), st.fractions(-5, 5), st.fractions(-5, 5))
@settings(max_examples=40)
def test_satisfiable_and_valid_agree_with_linear_truth(a, b, c):
    # a*d1 + b*d2 > c over the open unit square: satisfiable iff max over the closure exceeds c
    space = ParameterSpace({"d1": "(0, 1)", "d2": "(0, 1)"})
    cond = sympy.Gt(a * space["d1"] + b * space["d2"], c)
    hi = max(a, 0) + max(b, 0)
    lo = min(a, 0) + min(b, 0)
    assert is_satisfiable(cond, space) == (hi > c)
    # the infimum lo is attained on the open square only when a = b = 0
    assert is_valid(cond, space) == (lo > c or (lo == c and (a, b) != (0, 0)))
