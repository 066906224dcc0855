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


# --------------------------------------------------------------------------
# fast paths of the engine: exact, and equal to the default paths
# --------------------------------------------------------------------------

def test_merge_equalities_merges_weak_pairs_and_refutes_strict_ones():
    from games.conditions import merge_equalities
    f, g, k = S["f"], S["g"], S["k"]
    # x >= y and y >= x (any spelling) is x = y; other parts keep their order
    head, eq = merge_equalities([f - g >= k, k > 1, k >= f - g])

    def is_f_eq_g_plus_k(r):
        return isinstance(r, sympy.Eq) and sympy.expand(r.lhs - r.rhs) in (f - g - k, g + k - f)

    assert head == (k > 1) and is_f_eq_g_plus_k(eq)
    # a strict inequality with its reverse (weak or strict) is empty
    assert merge_equalities([f > g + k, g + k >= f]) is sympy.false
    assert merge_equalities([f - g > k, k - f + g > 0]) is sympy.false
    assert merge_equalities([f > g, f >= g]) == [f > g, f >= g]
    # the engine's simplifier and the trees' case split share it
    merged = sympy.And.make_args(simplify_condition(sympy.And(f - g >= k, k >= f - g, k > 1), S))
    assert len(merged) == 2 and (k > 1) in merged and any(is_f_eq_g_plus_k(r) for r in merged)


@settings(max_examples=15, deadline=None)
@given(st.lists(st.tuples(st.integers(-3, 3), st.sampled_from(["g", "f", "k", "d1", "1"])), min_size=1, max_size=3),
       st.lists(st.tuples(st.integers(-3, 3), st.sampled_from(["g", "f", "k", "d2", "1"])), min_size=1, max_size=2),
       st.sampled_from([sympy.Lt, sympy.Le, sympy.Gt, sympy.Ge, sympy.Ne, sympy.Eq]))
def test_fast_normal_form_is_equivalent_and_exact(p, q, rel):
    from games.conditions import factor_expr, normalize_relation
    lin = [sympy.Add(*[c * (S[n] if n != "1" else 1) for c, n in part]) for part in (p, q)]
    r = rel(lin[0] * (S["k"] + S["g"]), lin[1] * S["d1"])
    fast, slow = normalize_relation(r, fast=True), normalize_relation(r)
    assert is_valid(sympy.Equivalent(fast, slow), S) is True
    assert is_valid(sympy.Equivalent(fast, r), S) is True
    e = lin[0] / (lin[1] ** 2 + 1)
    assert sympy.cancel(factor_expr(e) - e) == 0


def test_witness_simplification_proves_each_step():
    from games.conditions import is_satisfiable as sat, sampled_witness
    f, g, k = S["f"], S["g"], S["k"]
    cond = sympy.And(k * (k - 2 * g) > 0, k > g, f > g, k * f > 0)
    out = simplify_condition(cond, S, witnesses=True)
    # k > 2g implies k > g; f > g and k*f > 0 hold on the whole space
    assert out == sympy.Gt(k, 2 * g, evaluate=False) or out == sympy.Lt(2 * g, k, evaluate=False)
    assert is_valid(sympy.Equivalent(out, simplify_condition(cond, S)), S) is True
    assert simplify_condition(sympy.And(k > f, f > k + g), S, witnesses=True) is sympy.false
    pt = sampled_witness(k > 3 * f, S)
    assert pt is not None and (k > 3 * f).xreplace({S[n]: sympy.Rational(v) for n, v in pt.items()}) is sympy.true
    assert sat(k > 3 * f, S, witnesses=True) is True and sat(g > f, S, witnesses=True) is False


def test_equalities_written_with_operators_are_relations():
    s = ParameterSpace({"a": "positive", "b": "positive"})
    # Python would compare the expressions structurally; the parser reads Ne/Eq
    assert s.sympify("a != b") == sympy.Ne(s["a"], s["b"])
    assert s.sympify("a == 2*b") == sympy.Eq(s["a"], 2 * s["b"])
    assert decide("a != b", s).status == "sometimes"
    assert decide("sqrt(a**2) - Abs(a) != 0", s).status == "never"


def test_sign_of_a_relation_is_a_clear_error():
    with pytest.raises(TypeError, match=r"sign\(\): expr must be an expression \(for a condition, use decide\)"):
        sign("a > 1", ParameterSpace({"a": "real"}))


def test_xor_and_ite_conditions_are_decided_by_z3():
    """Xor and ITE reach z3 like And/Or/Implies (they were left to sampling, undecided)."""
    from games.conditions import holds_at

    space = ParameterSpace({"a": "positive", "c": "positive", "u": "positive"})
    a, c, u = space["a"], space["c"], space["u"]
    # one condition written in two orientations: never different
    same = sympy.Xor(sympy.And(c < u * a, u > 1), sympy.And(u * a > c, u > 1))
    d = decide(same, space)
    assert (d.status, d.method) == ("never", "z3")
    assert simplify_condition(same, space) is sympy.false
    parity = sympy.Xor(u > 1, u > 2, u > 3)  # an odd number true: u in (1, 2] or u > 3
    d = decide(parity, space)
    assert (d.status, d.method) == ("sometimes", "z3")
    assert holds_at(parity, d.witness_true, space) is True
    assert holds_at(parity, d.witness_false, space) is False
    assert decide(sympy.Implies(u > 3, parity), space).status == "always"
    assert decide(sympy.And(u > 2, u < 3, parity), space).status == "never"
    ite = sympy.ITE(u > 1, a > 0, u < 0)  # a > 0 always; u < 0 never on the space
    assert decide(sympy.Equivalent(ite, u > 1), space).status == "always"
