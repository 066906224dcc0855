"""Alternating-offers bargaining: literature closed forms, properties, cross-checks."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
import sympy
from hypothesis import given, settings, strategies as st

from games.bargaining import AlternatingOffers
from games.parameters import ParameterSpace
from solvers.bargaining import bargain, preferred_horizon
from games.conditions import sign
from solvers.nash_bargaining import nash_bargaining
from tests.bargaining_cases import ALL

# --- literature table ---------------------------------------------------------


@pytest.mark.parametrize("case", ALL)
def test_closed_forms(case):
    out = bargain(AlternatingOffers(**case.kwargs))
    assert out.shares[0] == sympy.Rational(case.share1.numerator, case.share1.denominator), case.source
    assert sympy.simplify(out.shares[0] + out.shares[1] - 1) == 0


def test_brw_limit_is_nash_bargaining():
    # Binmore-Rubinstein-Wolinsky 1986: as the breakdown probability -> 0 the SPE tends to the NBS.
    s = ParameterSpace({"p": "(0, 1)", "b1": "[0, 1/2]", "b2": "[0, 1/2]"})
    out = bargain(AlternatingOffers(None, breakdown="p", breakdown_payoffs=("b1", "b2"), space=s))
    lim = sympy.limit(out.shares[0], s["p"], 0)
    nbs = nash_bargaining(disagreement=("b1", "b2"), space=s).shares[0]
    assert sympy.simplify(lim - nbs) == 0
    assert sympy.simplify(lim - (1 + s["b1"] - s["b2"]) / 2) == 0


def test_kalai_asymmetric_nbs():
    # Kalai 1977: linear frontier, x1 = d1 + w1/(w1+w2) (S - d1 - d2).
    r = nash_bargaining(disagreement=("1/10", "1/5"), weights=(1, 2))
    assert r.shares[0] == sympy.Rational(1, 10) + sympy.Rational(1, 3) * sympy.Rational(7, 10)
    s = ParameterSpace({"a": "(0, 1)"})
    r = nash_bargaining(("x", "y**a"), weights=(2, 1), space=s)
    assert sympy.simplify(r.shares[0] - 2 / (2 + s["a"])) == 0


def test_outside_option_cases_partition():
    s = ParameterSpace({"d1": "(0, 1)", "d2": "(0, 1)", "w": "[0, 1]"})
    out = bargain(AlternatingOffers(("d1", "d2"), outside_options=(0, "w"), space=s))
    assert {c.label for c in out.cases} == {"no outside option binds", "outside option of player 2 binds"}
    for pt in s.sample(30, rng=3):
        held = [c for c in out.cases if (h := c.at(s.point(pt))) is not None and h.condition is sympy.true]
        assert len(held) == 1
        num = bargain(AlternatingOffers((pt["d1"], pt["d2"]), outside_options=(0, pt["w"])))
        assert abs(float(out.at(pt).shares[1]) - float(num.shares[1])) < 1e-9
        rub = (1 - pt["d1"]) / (1 - pt["d1"] * pt["d2"]) * pt["d2"]  # responder's share without the option
        assert abs(float(num.shares[1]) - max(rub, pt["w"])) < 1e-9  # outside option principle


def test_symbolic_deadline_parity_and_limit():
    s = ParameterSpace({"a": "(0, 1)", "b": "(0, 1)", "T": "positive_integer"})
    out = bargain(AlternatingOffers(("a", "b"), horizon="T", space=s))
    for T in range(1, 9):
        got = out.at({"a": "1/2", "b": "1/2", "T": T}).shares[0]
        assert got == sympy.Rational(_stahl(T).numerator, _stahl(T).denominator)
    assert out.limit is not None


def _stahl(T):
    return (1 - F(-1, 2) ** T) / F(3, 2)


def test_preferred_horizon_regions():
    s = ParameterSpace({"dG": "(0, 1)", "dS": "(0, 1)", "D": "[0, 1]"})
    g = AlternatingOffers(("dG", "dS"), players=("G", "S"), disagreement=("D", 0), space=s)
    assert preferred_horizon(g, deadline=3).choice == "deadline"
    h = preferred_horizon(g, deadline=2)
    # Even deadline: G prefers it iff its disagreement payoff beats dG times its Rubinstein share.
    for pt in s.sample(20, rng=5):
        rub = (1 - pt["dS"]) / (1 - pt["dG"] * pt["dS"])
        want = pt["D"] > pt["dG"] * rub
        assert (h.prefer_deadline.xreplace(s.point(pt)) is sympy.true) == want


def test_catalog_comparative_statics():
    from games.catalog.negotiation import limited_vs_indefinite_negotiation
    g = limited_vs_indefinite_negotiation(horizon=None, disagreement=False)
    x = bargain(g).shares[0]
    s = g.space
    assert sign(sympy.diff(x, s["delta_G"]), s).sign == "+"
    assert sign(sympy.diff(x, s["delta_S"]), s).sign == "-"
    g = limited_vs_indefinite_negotiation(horizon=None, disagreement=False, outside_option=True)
    out = bargain(g)
    binds = [c for c in out.cases if "binds" in c.label and "no" not in c.label][0]
    assert sign(sympy.diff(binds.shares[0], g.space["w_S"]), g.space).sign == "-"


# --- independent numeric recursion (written separately from the solver) ------------


def _direct(S, d1, d2, T, disc=(1, 1), w=None, p=0, b=(0, 0), c=(0, 0), first=0):
    """Values at round 1 by explicit backward induction over rounds, as floats."""
    dl = [float(disc[0]), float(disc[1])]
    vals = None
    for t in range(T, 0, -1):
        j = first if t % 2 == 1 else 1 - first
        k = 1 - j
        if t == T:
            ck = [d1, d2][k]
        else:
            ck = p * b[k] + (1 - p) * (dl[k] * vals[k] - c[k])
        need = ck if w is None else max(w[k], ck)
        need = max(need, 0.0)
        v = [0.0, 0.0]
        v[j], v[k] = S - need, need
        vals = v
    return vals


@settings(max_examples=40, deadline=None)
@given(st.floats(0.05, 0.95), st.floats(0.05, 0.95), st.integers(1, 12), st.floats(0, 0.4), st.floats(0, 0.4),
       st.floats(0, 0.3), st.booleans(), st.integers(0, 1))
def test_matches_direct_recursion(d1, d2, T, w1, w2, p, use_w, first):
    w = (w1, w2) if use_w else None
    g = AlternatingOffers((d1, d2), horizon=T, outside_options=w, breakdown=p, breakdown_payoffs=(0.1, 0.2),
                          disagreement=(0.05, 0.1), first=first)
    out = bargain(g)
    want = _direct(1.0, 0.05, 0.1, T, (d1, d2), w, p, (0.1, 0.2), first=first)
    assert abs(float(out.shares[0]) - want[0]) < 1e-9
    assert 0 <= float(out.shares[0]) <= 1 and abs(float(out.shares[0]) + float(out.shares[1]) - 1) < 1e-12


@settings(max_examples=30, deadline=None)
@given(st.fractions(F(1, 20), F(1, 2), max_denominator=20), st.fractions(F(1, 20), F(1, 2), max_denominator=20),
       st.integers(1, 10))
def test_costs_deadline_matches_direct(c1, c2, T):
    out = bargain(AlternatingOffers(costs=(c1, c2), horizon=T))
    want = _direct(1.0, 0.0, 0.0, T, c=(float(c1), float(c2)))
    assert abs(float(out.shares[0]) - want[0]) < 1e-12


@settings(max_examples=40, deadline=None)
@given(st.floats(0.05, 0.95), st.floats(0.05, 0.95))
def test_deadline_tends_to_indefinite_and_monotone(d1, d2):
    inf = bargain(AlternatingOffers((d1, d2)))
    far = bargain(AlternatingOffers((d1, d2), horizon=400))
    assert abs(float(far.shares[0]) - float(inf.shares[0])) < 1e-8
    up = bargain(AlternatingOffers((d1, min(d2 + 0.01, 0.99))))
    assert float(up.shares[1]) > float(inf.shares[1])  # own share increasing in own delta
    up1 = bargain(AlternatingOffers((min(d1 + 0.01, 0.99), d2)))
    assert float(up1.shares[0]) > float(inf.shares[0])


@settings(max_examples=15, deadline=None)
@given(st.sampled_from([F(1, 4), F(1, 3), F(1, 2), F(3, 5)]), st.sampled_from([F(1, 4), F(1, 2), F(2, 3)]),
       st.integers(1, 6))
def test_symbolic_at_equals_numeric(a, b, T):
    s = ParameterSpace({"a": "(0, 1)", "b": "(0, 1)"})
    sym = bargain(AlternatingOffers(("a", "b"), horizon=T, space=s)).at({"a": a, "b": b})
    num = bargain(AlternatingOffers((a, b), horizon=T))
    assert sym.shares == num.shares
    want = _direct(1.0, 0.0, 0.0, T, (a, b))
    assert abs(float(num.shares[0]) - want[0]) < 1e-12


def test_game_tree_cross_check():
    from games.extensive_form import GameTree, decision, terminal
    from solvers.backward_induction import subgame_perfect

    grid = [F(i, 4) for i in range(5)]
    delta = F(1, 2)

    def node(t, T, who):
        other = 1 - who
        acts = {}
        for x in grid:  # x: share kept by the proposer
            pay = [None, None]
            pay[who], pay[other] = x * delta ** (t - 1), (1 - x) * delta ** (t - 1)
            rej = node(t + 1, T, other) if t < T else terminal((0, 0))
            acts[f"keep {x}"] = decision(f"P{other + 1}", {"Accept": terminal(tuple(pay)), "Reject": rej})
        return decision(f"P{who + 1}", acts)

    for T in (1, 2, 3):
        tree = GameTree.build(("P1", "P2"), node(1, T, 0))
        spe = subgame_perfect(tree, tie_break=("Accept",))
        want = bargain(AlternatingOffers(delta, horizon=T)).shares
        assert any(tuple(e.payoffs) == tuple(want) for e in spe), (T, [e.payoffs for e in spe])


# --- bad input -------------------------------------------------------------------


@pytest.mark.parametrize("kwargs, match", [
    ({"discount": 0}, "discount"), ({"discount": 1.2}, "discount"), ({"discount": "1/2", "horizon": -1}, "horizon"),
    ({"discount": "1/2", "horizon": 0}, "horizon"), ({"discount": "1/2", "breakdown": "3/2"}, "breakdown"),
    ({"discount": "1/2", "outside_options": (1, 1)}, "outside_options"), ({"discount": 1}, "discount"),
    ({"discount": "1/2", "disagreement": (-1, 0)}, "disagreement"),
])
def test_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        AlternatingOffers(**kwargs)


def test_rebuild_and_hash():
    s = ParameterSpace({"a": "(0, 1)", "b": "(0, 1)"})
    for g in (AlternatingOffers(("a", "b"), horizon=3, space=s), AlternatingOffers(costs=("1/10", "1/5")),
              AlternatingOffers(0.5, outside_options=(0, 0.2), breakdown=0.1)):
        h = AlternatingOffers.from_dict(g.to_dict())
        assert h == g and hash(h) == hash(g)
