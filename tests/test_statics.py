"""Comparative statics: known signs from the literature, ambiguity, the implicit function theorem, bad input."""

from __future__ import annotations

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from games import catalog
from games.errors import ParameterError
from games.parameters import ParameterSpace
from games import conditions
from solvers.equilibrium import Equilibrium
from solvers.statics import NotDifferentiable, StaticsTable, comparative_statics, implicit_statics

DISCOUNTS = ParameterSpace({"d1": "(0, 1)", "d2": "(0, 1)"})


def test_rubinstein_share_from_bargain():
    # Rubinstein (1982), Econometrica 50(1): 97-109; Osborne & Rubinstein (1990), Bargaining and
    # Markets, Prop. 3.3: the first proposer's share (1 - d2)/(1 - d1 d2) rises in d1, falls in d2.
    from games.bargaining import AlternatingOffers
    from solvers.bargaining import bargain

    out = bargain(AlternatingOffers(("d1", "d2"), space=DISCOUNTS))
    t = comparative_statics(out, space=DISCOUNTS)
    d1, d2 = DISCOUNTS.symbols
    share = (1 - d2) / (1 - d1 * d2)
    r1 = t.row("d1", "share.player 1")
    assert sympy.simplify(r1.expression - share) == 0
    assert sympy.simplify(r1.derivative - sympy.diff(share, d1)) == 0
    assert (r1.sign, r1.established) == ("+", "proved")
    r2 = t.row("d2", "share.player 1")
    assert (r2.sign, r2.established) == ("-", "proved")
    # the responder's share moves the other way
    assert t.sign("d1", "share.player 2") == "-" and t.sign("d2", "share.player 2") == "+"


def test_rubinstein_share_as_expression():
    d1, d2 = DISCOUNTS.symbols
    t = comparative_statics((1 - d2) / (1 - d1 * d2), space=DISCOUNTS)
    assert [(r.parameter, r.sign, r.proved) for r in t] == [("d1", "+", True), ("d2", "-", True)]
    assert all(r.method in ("assumptions", "factors", "z3") for r in t)


def test_tsebelis_inspection_game():
    # Tsebelis (1989), APSR 83(1): 77-91: the equilibrium violation rate k/(v + d) does not depend on
    # the fine; the inspection rate g/(g + f) falls with it.
    from solvers.nash import equilibria

    game = catalog.load("inspection")
    eqs = equilibria(game)
    assert len(eqs) == 1
    t = comparative_statics(eqs[0], space=game.space)
    viol = t.row("fine", "inspectee.violate")
    assert viol.derivative == 0 and (viol.sign, viol.established) == ("0", "proved")
    insp = t.row("fine", "inspector.inspect")
    g, f = game.space["gain"], game.space["fine"]
    assert sympy.simplify(insp.derivative + g / (g + f) ** 2) == 0
    assert (insp.sign, insp.established) == ("-", "proved")
    # the violation rate rises with the inspection cost and falls with the damage (inspector's payoffs)
    assert t.sign("inspection_cost", "inspectee.violate") == "+"
    assert t.sign("damage", "inspectee.violate") == "-"
    # the inspectee's payoff is the constant 0: skipped
    assert "payoff.inspectee" not in t.quantities
    assert "payoff.inspector" in t.quantities


@pytest.mark.parametrize("domain, constraints", [("(1, oo)", []), ("positive_integer", ["N >= 2"])])
def test_volunteers_dilemma_nobody_volunteers(domain, constraints):
    # Diekmann (1985), JCR 29(4): 605-610: each abstains with q = (c/b)^(1/(N-1)), so nobody volunteers
    # with probability (c/b)^(N/(N-1)), which rises with N.
    s = ParameterSpace({"b": "positive", "c": "positive", "N": domain}, ["c < b", *constraints])
    t = comparative_statics("(c/b)**(N/(N - 1))", wrt="N", space=s)
    assert (t[0].sign, t[0].established, t[0].method) == ("+", "proved", "factors")


def test_volunteers_dilemma_closed_form_matches_solver():
    # cross-check of the closed form with the solver on the numeric 3-player game (b, c = 2, 1)
    from solvers.nash import equilibria

    eqs = equilibria(catalog.load("volunteers_dilemma", n_players=3, symbolic=False))
    sym = [e for e in eqs if len(set(e.profile)) == 1 and not e.is_pure]
    assert len(sym) == 1
    q = float(sym[0].profile[0][1])
    assert q == pytest.approx(0.5 ** 0.5)
    assert q ** 3 == pytest.approx(0.5 ** 1.5)


def test_ambiguous_sign_has_both_witnesses():
    s = ParameterSpace({"a": "positive", "b": "(0, 2)"})
    t = comparative_statics("a**2*(b - 1)", wrt="a", space=s)
    r = t[0]
    assert r.sign == "ambiguous" and r.proved
    assert set(r.witnesses) == {"+", "-"}
    a, b = s.symbols
    for sgn, pt in r.witnesses.items():
        val = r.derivative.subs({a: pt["a"], b: pt["b"]})
        assert (val > 0) if sgn == "+" else (val < 0)
        assert s.contains(pt)


def test_sampled_sign_reports_points():
    s = ParameterSpace({"a": "(0, 1/2)"})
    t = comparative_statics("exp(a) - a**3 - 2*a", space=s)
    r = t[0]
    assert (r.sign, r.established) == ("-", "sampled")
    assert r.n_samples == conditions.N_SAMPLES


def test_condition_restricts_the_space():
    a = sympy.Symbol("a", positive=True)
    s = ParameterSpace({"a": "positive"})
    eq = Equilibrium(((1, 0),), (a * (a - 2),), condition=a > 1, space=s)
    t = comparative_statics(eq, space=s)
    assert [(r.quantity, r.sign, r.proved) for r in t] == [("payoff.player 1", "+", True)]
    assert t[0].condition == (s["a"] > 1)
    free = comparative_statics(a * (a - 2), space=s)
    assert free[0].sign == "ambiguous"


def test_kinks_resolved_by_the_space():
    s = ParameterSpace({"a": "positive"}, ["a > 2"])
    t = comparative_statics("Max(a, 1) + Abs(1 - a)", space=s)
    assert t[0].derivative == 2 and t[0].sign == "+"


@pytest.mark.parametrize("expr", ["Abs(a - 1)", "Max(a, 1)", "Piecewise((a, a < 1), (1, True))",
                                  "floor(a)"])
def test_kink_in_the_parameter_is_an_error(expr):
    with pytest.raises(NotDifferentiable, match="differentiable in a"):
        comparative_statics(expr, space=ParameterSpace({"a": "positive"}))


def test_kink_in_another_parameter_is_fine():
    s = ParameterSpace({"a": "positive", "c": "positive"})
    t = comparative_statics("Max(a, 1)*c", wrt="c", space=s)
    assert t[0].sign == "+"
    with pytest.raises(NotDifferentiable):
        comparative_statics("Max(a, 1)*c", wrt="a", space=s)


def test_bad_wrt():
    with pytest.raises(ParameterError, match=r"comparative_statics\(\): wrt must be parameters among"):
        comparative_statics("a*b", wrt="z", space=ParameterSpace({"a": "real", "b": "real"}))


def test_contradictory_space():
    # an empty space is refused where it is declared, before any solver sees it
    with pytest.raises(ParameterError, match="constraints must be satisfiable"):
        ParameterSpace({"a": "real"}, ["a > 1", "a < 0"])


def test_target_must_be_an_expression():
    with pytest.raises(TypeError, match="target must be"):
        comparative_statics(object(), space=ParameterSpace({"a": "real"}))
    with pytest.raises(TypeError, match="not a condition"):
        comparative_statics(sympy.Symbol("a") > 1, space=ParameterSpace({"a": "real"}))


def test_unknown_symbol_in_target():
    with pytest.raises(ParameterError, match="unknown: z"):
        comparative_statics("a*z", space=ParameterSpace({"a": "real"}))


def test_custom_targets_protocol():
    class Custom:
        space = ParameterSpace({"x": "positive"})

        def to_statics_targets(self):
            x = self.space["x"]
            return {"welfare": x / (1 + x), "risk": (1 - x, x < 1)}

    t = comparative_statics(Custom())
    assert [(r.quantity, r.sign) for r in t] == [("welfare", "+"), ("risk", "-")]
    assert t.row("x", "risk").condition == (Custom.space["x"] < 1)


def test_latex_and_repr():
    t = comparative_statics((1 - DISCOUNTS["d2"]) / (1 - DISCOUNTS["d1"] * DISCOUNTS["d2"]), space=DISCOUNTS)
    tex = t.to_latex()
    for token in (r"\toprule", r"\midrule", r"\bottomrule", "proved"):
        assert token in tex
    assert t._repr_latex_() == t.to_latex(header=False) and tex.endswith(t._repr_latex_())
    assert "d1" in repr(t) and len(t.to_dict()["rows"]) == 2
    assert isinstance(t, StaticsTable) and t.quantities == (str(t[0].expression),)


def test_stability_table_target():
    from games.normal_form import NormalFormGame
    from solvers.replicator import replicator
    from solvers.stability import stability

    a = sympy.Symbol("a", positive=True)
    # a symmetric coordination game: the interior rest point of the 2x2 dynamics moves with a
    g = NormalFormGame.from_bimatrix([[a, 0], [0, 1]], [[a, 0], [0, 1]])
    tab = stability(replicator(g))
    t = comparative_statics(tab, wrt="a")
    inner = [r for r in t if r.expression.free_symbols]
    assert inner
    for r in inner:
        # the mixed point 1/(1 + a) falls in a
        assert sympy.simplify(r.expression - 1 / (1 + a)) == 0 and r.sign == "-"


def test_implicit_single_equation_matches_explicit():
    # contest effort: v/(e + 1)^2 = c, explicitly e = sqrt(v/c) - 1
    s = ParameterSpace({"e": "positive", "v": "positive", "c": "positive"})
    t = implicit_statics("v/(e + 1)**2 - c", "e", space=s)
    e, v, c = s.symbols
    sol = sympy.sqrt(v / c) - 1
    for r in t:
        th = s.symbol(r.parameter)
        assert sympy.simplify(r.derivative.subs(e, sol) - sympy.diff(sol, th)) == 0
    assert [r.sign for r in t] == ["+", "-"]


def test_implicit_cournot_system():
    # Cournot duopoly with linear demand p = a - q1 - q2 and costs c1, c2 (Tirole 1988, ch. 5):
    # q1* = (a - 2 c1 + c2)/3, so dq1/dc1 = -2/3, dq1/dc2 = 1/3, dq1/da = 1/3.
    s = ParameterSpace({"a": "positive", "c1": "positive", "c2": "positive"})
    t = implicit_statics(["a - 2*q1 - q2 - c1", "a - q1 - 2*q2 - c2"], ["q1", "q2"], space=s)
    got = {(r.quantity, r.parameter): r.derivative for r in t}
    R = sympy.Rational
    assert got == {("q1", "a"): R(1, 3), ("q2", "a"): R(1, 3), ("q1", "c1"): R(-2, 3),
                   ("q2", "c1"): R(1, 3), ("q1", "c2"): R(1, 3), ("q2", "c2"): R(-2, 3)}
    assert all(r.proved for r in t)


def test_implicit_singular_jacobian():
    s = ParameterSpace({"a": "positive"})
    with pytest.raises(NotDifferentiable, match="nonsingular"):
        implicit_statics(["x + y - a", "2*x + 2*y - 2*a"], ["x", "y"], space=s)
    with pytest.raises(ParameterError, match="one per equation"):
        implicit_statics(["x - a"], ["x", "y"], space=s)
    with pytest.raises(ParameterError, match="wrt"):
        implicit_statics("x - a", "x", wrt="x", space=s)


@settings(max_examples=30, deadline=None)
@given(st.integers(-3, 3), st.integers(-3, 3), st.integers(-3, 3))
def test_signs_agree_with_values(c0, c1, c2):
    # d/da (c1 a^2 + c2 a b + c0 b) = 2 c1 a + c2 b on the unit square; every claimed sign and every
    # witness must agree with the derivative's values
    s = ParameterSpace({"a": "(0, 1)", "b": "(0, 1)"})
    a, b = s.symbols
    t = comparative_statics(c1 * a ** 2 + c2 * a * b + c0 * b, wrt="a", space=s)
    if c1 == 0 and c2 == 0:
        assert len(t) == 0 or t[0].sign == "0"
        return
    r = t[0]
    assert r.proved
    for sgn, pt in r.witnesses.items():
        val = r.derivative.subs({a: pt["a"], b: pt["b"]})
        assert (val > 0) if sgn == "+" else (val < 0)
    for pt in s.sample(20, rng=1):
        val = float(r.derivative.subs({a: pt["a"], b: pt["b"]}))
        if r.sign == "+":
            assert val > 0
        elif r.sign == "-":
            assert val < 0
        elif r.sign == "0":
            assert val == 0
    expected = "+" if c1 >= 0 and c2 >= 0 else "-" if c1 <= 0 and c2 <= 0 else "ambiguous"
    if c1 != 0 and c2 != 0 and (c1 > 0) != (c2 > 0):
        # 2 c1 a + c2 b changes sign on the open square whatever the magnitudes
        expected = "ambiguous"
    assert r.sign == expected
