"""Every solver result prints like a sympy object and speaks one protocol (see solvers/results.py).

The examples are those of the rebuild meta-test (tests/test_rebuild.py), so a
new result class gets these checks as soon as it is given examples there.
"""

import inspect
import re

import pytest
import sympy
from sympy.logic.boolalg import Boolean

from games.bargaining import AlternatingOffers
from games.normal_form import NormalFormGame
from games.parameters import ParameterSpace
from solvers.attrition import optimism_two_period, war_of_attrition
from solvers.bargaining import BargainingCase, BargainingOutcome, bargain, preferred_horizon
from solvers.dominance import iterated_dominance
from solvers.equilibrium import Equilibrium, EquilibriumSet
from solvers.nash import equilibria
from solvers.replicator import replicator
from solvers.results import MAX_STR, Regime, Result
from solvers.screening import ScreeningRegime, screening_two_types, screening_uniform
from solvers.simulation import simulate
from solvers.stability import stability
from solvers.statics import comparative_statics
from test_rebuild import result_examples

R = sympy.Rational
CLASSES = list(result_examples())


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_latex_goes_through_sympys_printer(cls):
    for x in result_examples()[cls]:
        tex = x.to_latex()
        assert isinstance(tex, str) and tex
        assert sympy.latex(x) == tex
        # inside a bigger expression the printer dispatches to _latex as well
        assert tex in sympy.latex([x])
        assert "Printer" not in tex and "object at 0x" not in tex
        note = x._repr_latex_()  # math ($...$) or, for tables, a tabular
        assert note.startswith("$") and note.endswith("$") or note.startswith(r"\begin{tabular}")


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_str_and_repr_are_short_summaries(cls):
    for x in result_examples()[cls]:
        for s in (str(x), repr(x)):
            assert s and "object at 0x" not in s
            assert len(s) <= MAX_STR + 100


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_protocol_attributes(cls):
    assert issubclass(cls, Result)
    for name in ("to_dict", "from_dict", "to_latex", "_latex", "_repr_latex_"):
        assert callable(getattr(cls, name)), name
    at = getattr(cls, "at", None)
    if at is not None:
        params = list(inspect.signature(at).parameters)
        assert params[:2] == ["self", "point"], f"{cls.__name__}.at{params}"
    for x in result_examples()[cls]:
        if hasattr(x, "condition"):
            assert isinstance(x.condition, Boolean), f"{cls.__name__}.condition must be an attribute"
        for flag in ("exact", "complete"):
            if hasattr(x, flag):
                assert isinstance(getattr(x, flag), bool)


def test_one_regime_type():
    assert ScreeningRegime is Regime and BargainingCase is Regime
    ex = result_examples()
    assert all(type(r) is Regime for r in ex[EquilibriumSet][1].regimes())
    assert all(type(c) is Regime for o in ex[BargainingOutcome] for c in o.cases)


# --- printing names players and strategies, and stays short -------------------------------------

def test_str_names_players_and_strategies():
    g = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("gov", "firm"),
                                     strategies=(("C", "D"), ("cheat", "obey")))
    eq = equilibria(g)[0]
    assert str(eq) == "gov: D; firm: obey | payoffs (1, 1)"
    assert "gov: D" in str(iterated_dominance(g)) and "firm: obey" in str(iterated_dominance(g))
    tr = simulate(replicator(g), None, [[0.5, 0.5]], 1)
    assert "gov: C, D" in str(tr) and "firm: cheat, obey" in str(tr)
    s = ParameterSpace({"dG": "(0, 1)", "dS": "(0, 1)"})
    out = bargain(AlternatingOffers(("dG", "dS"), players=("G", "S"), space=s))
    assert str(out) == "BargainingOutcome([stationary (Rubinstein)] shares G (dS - 1)/(dG*dS - 1), " \
                       "S dS*(dG - 1)/(dG*dS - 1))"


def test_big_results_print_short():
    a = sympy.Symbol("a", positive=True)
    eqs = EquilibriumSet([Equilibrium(((1, 0),), (a + k,), condition=a > k) for k in range(2000)])
    assert len(str(eqs)) <= MAX_STR + 100 and len(repr(eqs)) <= MAX_STR + 100
    assert re.search(r"\n  \.\.\. and \d+ more$", str(eqs))
    syms = sympy.symbols("p0:60", positive=True)
    t = comparative_statics(sum(syms), space=ParameterSpace.from_symbols(syms))
    assert len(t) == 60 and re.search(r"\n  \.\.\. and \d+ more$", str(t)) and len(str(t)) <= MAX_STR + 100
    long = Regime(a > 1, label="x", data={"v": tuple(range(5000))})
    assert len(str(long)) < 300 and len(repr(long)) < 400


# --- evaluation at a point ----------------------------------------------------------------------

def test_regime_at_substitutes_payload_and_condition():
    s = ParameterSpace({"mu": "(0, 1)", "d": "(0, 1)"})
    out = screening_two_types(2, 1, "mu", "d", space=s)
    r = out.regime("screening")
    # Fudenberg-Tirole (1991, sec. 10.2): the screening price is (1 - delta) high + delta low
    at = r.at({"mu": R(3, 5), "d": R(1, 2)})
    assert at.condition is sympy.true and at.prices == (R(3, 2), 1) and at.profit == R(11, 10)
    assert r.at({"mu": R(1, 10), "d": R(1, 2)}) is None          # pooling holds there
    assert out.at({"mu": R(1, 10), "d": R(1, 2)}).name == "pooling"
    assert r.at({"mu": 0.6, "d": 0.5}).profit == pytest.approx(1.1)
    assert r.holds_at({"mu": R(3, 5), "d": R(1, 2)}) is True


def test_bargaining_case_at_takes_a_point():
    s = ParameterSpace({"d": "(0, 1)"})
    case = bargain(AlternatingOffers("d", space=s)).cases[0]
    # Rubinstein (1982): with a common discount factor d the first proposer gets 1/(1 + d)
    assert case.at({"d": R(1, 2)}).shares == (R(2, 3), R(1, 3))
    assert case.at({s["d"]: R(1, 3)}).shares == (R(3, 4), R(1, 4))


def test_at_agrees_with_solving_at_the_point():
    d = ParameterSpace({"d": "(0, 1)"})
    assert screening_uniform("d", space=d).at({"d": R(1, 2)}) == screening_uniform(R(1, 2))
    p = ParameterSpace({"p1": "[0, 1]", "p2": "[0, 1]", "d": "(0, 1)"})
    assert optimism_two_period("p1", "p2", "d", space=p).at({"p1": R(3, 4), "p2": R(3, 4), "d": R(9, 10)}) == \
        optimism_two_period("3/4", "3/4", "9/10")
    w = ParameterSpace({"V": "positive", "c": "positive"})
    assert war_of_attrition("V", "c", space=w).at({"V": 4, "c": 1}) == war_of_attrition(4, 1)
    b = ParameterSpace({"dG": "(0, 1)", "dS": "(0, 1)"})
    h = preferred_horizon(AlternatingOffers(("dG", "dS"), players=("G", "S"), space=b), deadline=3)
    hn = preferred_horizon(AlternatingOffers(("1/2", "2/3"), players=("G", "S")), deadline=3)
    at = h.at({"dG": R(1, 2), "dS": R(2, 3)})
    assert at.choice == hn.choice == "deadline"
    assert sympy.simplify(at.difference - hn.difference) == 0


def test_statics_rows_of_a_stability_table_use_state_names():
    s = ParameterSpace({"a": "positive"})
    g = NormalFormGame.from_bimatrix([[s["a"], 0], [3, 3]], [[s["a"], 3], [0, 3]], space=s)
    dyn = replicator(g, state_names=("x", "y"))
    t = comparative_statics(stability(dyn), space=s)
    assert t.quantities and all("[" not in q for q in t.quantities)
    assert any(q.endswith(".x") for q in t.quantities) and any(q.endswith(".y") for q in t.quantities)
