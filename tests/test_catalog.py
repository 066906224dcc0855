"""The catalog: discovery, documentation, parameter spaces and closed forms of the classic games."""

from __future__ import annotations

import inspect as pyinspect

import pytest
import sympy
from hypothesis import given, settings

from games import catalog
from games.catalog import classic
from games.errors import ParameterError
from games.normal_form import NormalFormGame
from games.testing import points
from games.conditions import compare, sign

CLASSIC = sorted(classic.CATALOG)


def test_names_include_classics_and_are_sorted():
    names = catalog.names()
    assert names == sorted(names)
    assert set(CLASSIC) <= set(names)
    assert {"prisoners_dilemma", "battle_of_the_sexes", "matching_pennies", "stag_hunt", "chicken",
            "hawk_dove", "inspection", "volunteers_dilemma", "public_goods"} <= set(names)


@pytest.mark.parametrize("slug", CLASSIC)
def test_each_classic_loads_documented_and_cited(slug):
    game = catalog.load(slug)
    assert isinstance(game, NormalFormGame)
    fn = catalog.factory(slug)
    doc = pyinspect.getdoc(fn)
    assert "References" in doc and "Examples" in doc
    assert catalog.describe(slug) == doc.splitlines()[0] and catalog.describe(slug).endswith(".")
    for p in game.space.parameters:
        assert p.latex and p.description, (slug, p)
    # keyword options only, documented
    for name, par in pyinspect.signature(fn).parameters.items():
        assert par.kind in (par.KEYWORD_ONLY, par.POSITIONAL_OR_KEYWORD)
        assert name in doc


@pytest.mark.parametrize("slug", CLASSIC)
def test_symbolic_and_numeric_versions_agree(slug):
    sym = catalog.load(slug, symbolic=True)
    num = catalog.load(slug, symbolic=False)
    assert sym.is_symbolic and not num.is_symbolic and num.is_exact
    # the public defaults are exactly what symbolic=False fills in
    specs = catalog.defaults(slug)
    assert set(specs) == set(sym.space.names)
    assert sym.subs(specs).payoffs.tolist() == num.payoffs.tolist()
    assert sym.players == num.players and sym.strategies == num.strategies


def test_unknown_slug_lists_close_matches():
    with pytest.raises(KeyError) as info:
        catalog.load("prisoner_dilema")
    assert isinstance(info.value, ValueError)
    msg = str(info.value)
    assert "'prisoners_dilemma'" in msg and "prisoner_dilema" in msg
    with pytest.raises(ValueError, match="catalog slug"):
        catalog.describe("no_such_game_at_all")


def test_keyword_values_become_a_numeric_game_and_partial_values_keep_symbols():
    g = classic.inspection(gain=2, fine="3/2", inspection_cost=1, detection_value=1, damage=1)
    assert not g.is_symbolic and g.payoff(("violate", "inspect")) == (sympy.Rational(-3, 2), 0)
    part = classic.inspection(fine=5)
    assert part.space.names == ("gain", "inspection_cost", "detection_value", "damage")
    assert part.payoff(("violate", "inspect"))[0] == -5
    flt = classic.hawk_dove(value=1.5, cost=3.0)
    assert not flt.is_exact and flt.payoff(("hawk", "hawk")) == (-0.75, -0.75)


@pytest.mark.parametrize("factory, kwargs, constraint", [
    (classic.volunteers_dilemma, dict(benefit=1, cost=2), "cost < benefit"),
    (classic.hawk_dove, dict(value=5, cost=3), "value < cost"),
    (classic.public_goods, dict(multiplier=4), "multiplier < 3"),
    (classic.prisoners_dilemma, dict(temptation=2, reward=3, punishment=1, sucker=0), "temptation > reward"),
    (classic.inspection, dict(fine=-1), "fine > 0"),
    (classic.inspection, dict(inspection_cost=10, detection_value=1, damage=1), "inspection_cost < "),
])
def test_values_outside_the_space_are_rejected(factory, kwargs, constraint):
    with pytest.raises(ParameterError, match=constraint):
        factory(**kwargs)


def test_partial_values_that_break_a_constraint_with_symbols_left_are_kept_as_constraint():
    g = classic.volunteers_dilemma(2, cost=1)
    assert g.space.names == ("benefit",)
    assert g.space.contains({"benefit": 2}) and not g.space.contains({"benefit": sympy.Rational(1, 2)})


@pytest.mark.parametrize("n", [0, 1, 11, 2.5, True])
def test_bad_player_count(n):
    with pytest.raises(ParameterError, match="n_players"):
        classic.volunteers_dilemma(n)


def test_hawk_dove_constraint_optional():
    assert classic.hawk_dove().space.constraints
    assert not classic.hawk_dove(assume_cost_exceeds_value=False).space.constraints


def test_prisoners_dilemma_ordering_proved_on_space():
    g = classic.prisoners_dilemma(symbolic=True)
    # defect strictly dominates cooperate for the row player everywhere on the space
    A = g.player_payoffs(0)
    assert compare(A[1, 0], A[0, 0], g.space) == ">" and compare(A[1, 1], A[0, 1], g.space) == ">"
    # mutual cooperation beats mutual defection
    assert compare(A[0, 0], A[1, 1], g.space) == ">"


def test_inspection_closed_forms_tsebelis():
    """Tsebelis (1989): q* = k/(v+d) makes the inspector indifferent, p* = g/(g+f) the inspectee."""
    g = classic.inspection()
    s = g.space
    q = s["inspection_cost"] / (s["detection_value"] + s["damage"])
    p = s["gain"] / (s["gain"] + s["fine"])
    inspectee_violate = g.expected_payoffs([(1, 0), (p, 1 - p)])[0]
    inspectee_comply = g.expected_payoffs([(0, 1), (p, 1 - p)])[0]
    assert sympy.simplify(inspectee_violate - inspectee_comply) == 0
    insp_inspect = g.expected_payoffs([(q, 1 - q), (1, 0)])[1]
    insp_not = g.expected_payoffs([(q, 1 - q), (0, 1)])[1]
    assert sympy.simplify(insp_inspect - insp_not) == 0
    assert s["fine"] not in q.free_symbols
    assert sign(sympy.diff(p, s["fine"]), s).sign == "-"
    # probabilities inside (0, 1) everywhere on the space
    assert compare(q, 1, s) == "<" and compare(p, 1, s) == "<"


@pytest.mark.parametrize("n", [2, 3, 4, 6])
def test_volunteers_dilemma_symmetric_indifference(n):
    """Diekmann (1985): abstaining with q = (c/b)^(1/(N-1)) makes everyone indifferent."""
    g = classic.volunteers_dilemma(n, benefit=3, cost=1)
    q = sympy.Rational(1, 3) ** sympy.Rational(1, n - 1)
    others = [(1 - q, q)] * (n - 1)
    vol = g.expected_payoffs([(1, 0)] + others)[0]
    abst = g.expected_payoffs([(0, 1)] + others)[0]
    assert abs(float(vol - abst)) < 1e-12
    assert sympy.simplify(vol - 2) == 0


def test_public_goods_free_riding_dominant_on_space():
    g = classic.public_goods(4)
    P = g.player_payoffs(0)
    gain = sympy.simplify(P[(1, 0, 1, 0)] - P[(0, 0, 1, 0)])
    e, r = g.space["endowment"], g.space["multiplier"]
    assert sympy.simplify(gain - e * (1 - r / 4)) == 0
    assert sign(gain, g.space).sign == "+"
    assert g.space.constraints == (r > 1, r < 4)


@settings(max_examples=25, deadline=None)
@given(points(classic.inspection().space, exact=True))
def test_subs_equals_factory_with_values(pt):
    assert classic.inspection().subs(pt) == classic.inspection(**pt)


def test_volunteers_dilemma_failure_probability_rises_with_n():
    """Diekmann (1985): in the symmetric equilibrium nobody volunteers w.p. (c/b)^(N/(N-1)), rising in N."""
    ratio = sympy.Rational(1, 2)
    fail = [ratio ** sympy.Rational(n, n - 1) for n in range(2, 9)]
    assert all(float(a) < float(b) for a, b in zip(fail, fail[1:]))
    g = classic.volunteers_dilemma(4, benefit=2, cost=1)
    q = ratio ** sympy.Rational(1, 3)
    # probability that the good is not produced, read off the game: each abstains w.p. q
    payoff = g.expected_payoffs([(1 - q, q)] * 4)[0]
    # E[payoff] = b (1 - q^N) - c (1 - q); solve for q^N
    assert abs(float((2 - payoff - (1 - q)) / 2) - float(fail[2])) < 1e-12


def test_slug_index_matches_the_registry():
    # loading one model imports only its module through the index; the index must name
    # exactly the registry's slugs, each with the module that defines it
    import importlib

    from games import catalog

    registry = catalog._discover()
    assert set(catalog._INDEX) == set(registry)
    for slug, module in catalog._INDEX.items():
        mod = importlib.import_module(f"games.catalog.{module}")
        assert mod.CATALOG[slug] is registry[slug]
