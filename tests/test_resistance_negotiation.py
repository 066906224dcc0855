"""The resistance–negotiation model (MODELS.md §1; Yang & Lei 2023) solved by backward induction.

Expected regimes are derived by hand in the factory's docstring (Notes): command–obedience,
resistance–negotiation (the bureau indifferent between commanding-then-compromising and
consulting), collapse of the pilot, plus the two cases with a < w and r >= w that the team's
first derivation missed.
"""

from __future__ import annotations

import pytest
import sympy
from hypothesis import given, settings

from games import catalog
from games.catalog.resistance_negotiation import resistance_negotiation, resistance_negotiation_space
from games.testing import points
from games import conditions
from solvers.backward_induction import outcome_regimes, subgame_perfect

R = sympy.Rational
CO = ("Command", "Obey")
RN_COMPROMISE = ("Command", "Resist", "Compromise", "Accept")
RN_CONSULT = ("Consult", "Accept")
COLLAPSE_COMPROMISE = ("Command", "Resist", "Compromise", "Withdraw")
COLLAPSE_CONSULT = ("Consult", "Withdraw")
COLLAPSE_LEVERAGE = ("Command", "Resist", "Leverage", "Withdraw")

BASE = dict(reform_gain=4, workload=2, soft_power=1, authority=3, mobilisation_cost=1, voice_cost=R(1, 2),
            pilot_failure=5, concession=3)

# (point, expected set of SPE paths, expected bureau payoff)
CASES = [
    pytest.param(BASE, {CO}, 4, id="command-obedience: a>=w, r>=w, sigma+k<r"),
    pytest.param(dict(BASE, soft_power=3), {RN_COMPROMISE, RN_CONSULT}, 1,
                 id="resistance-negotiation: a>=w, r>=w, sigma+k>r"),
    pytest.param(dict(BASE, workload=4, authority=1), {COLLAPSE_COMPROMISE, COLLAPSE_CONSULT}, -5,
                 id="collapse: a<w, r<w"),
    pytest.param(dict(BASE, workload=4, authority=5, soft_power=9), {COLLAPSE_COMPROMISE, COLLAPSE_CONSULT}, -5,
                 id="collapse: a>=w, r<w, sigma+k>g+L"),
    pytest.param(dict(BASE, workload=4, authority=5, soft_power=2), {CO}, 4,
                 id="command-obedience: a>=w, r<w, sigma+k<g+L"),
    pytest.param(dict(reform_gain=1, pilot_failure=1, mobilisation_cost=R(1, 2), soft_power=0, concession=5,
                      workload=3, authority=R(5, 2), voice_cost=1), {CO}, 1,
                 id="correction: a<w, r>=w, sigma+k<=r-g-L, w<=a+v gives obedience"),
    pytest.param(dict(reform_gain=1, pilot_failure=1, mobilisation_cost=R(1, 2), soft_power=0, concession=5,
                      workload=3, authority=1, voice_cost=1), {COLLAPSE_LEVERAGE}, R(-3, 2),
                 id="correction: a<w, r>=w, sigma+k<r-g-L, w>a+v gives collapse after mobilisation"),
]


@pytest.fixture(scope="module")
def symbolic_spe():
    return subgame_perfect(resistance_negotiation())


@pytest.mark.parametrize("point, paths, bureau", CASES)
def test_regimes_at_concrete_points(point, paths, bureau, symbolic_spe):
    numeric = subgame_perfect(resistance_negotiation(**point))
    assert {e.path for e in numeric} == paths
    assert {e.payoffs[0] for e in numeric} == {bureau}
    at = symbolic_spe.at(point)
    assert {e.path for e in at} == paths
    assert {(e.path, e.payoffs) for e in at} == {(e.path, e.payoffs) for e in numeric}


def test_outcome_regime_conditions_exact(symbolic_spe):
    """Proposition 1: the region of each outcome, checked for equivalence with the hand derivation by z3."""
    space = resistance_negotiation_space()
    g, w, s, a, k, v, L, r = (space[n] for n in space.names)
    expected = {
        CO: sympy.Or(sympy.And(a >= w, r >= w, s + k <= r), sympy.And(a >= w, r <= w, s + k <= g + L),
                     sympy.And(a <= w, r >= w, w <= a + v, s + k <= r - g - L)),
        RN_COMPROMISE: sympy.Or(sympy.And(a >= w, r >= w, s + k >= r), sympy.And(a <= w, r >= w, s + k >= r - g - L)),
        RN_CONSULT: sympy.Or(sympy.And(a >= w, r >= w, s + k >= r), sympy.And(a <= w, r >= w, s + k >= r - g - L)),
        COLLAPSE_COMPROMISE: sympy.Or(sympy.And(a <= w, r <= w), sympy.And(a >= w, r <= w, s + k >= g + L)),
        COLLAPSE_CONSULT: sympy.Or(sympy.And(a <= w, r <= w), sympy.And(a >= w, r <= w, s + k >= g + L)),
        COLLAPSE_LEVERAGE: sympy.And(r >= w, w >= a + v, s + k <= r - g - L),
    }
    regs = outcome_regimes(symbolic_spe)
    assert {x.path for x in regs} == set(expected)
    for reg in regs:
        assert conditions.is_valid(sympy.Equivalent(reg.condition, expected[reg.path]), space) is True, reg.path


def test_switch_at_sigma_equals_r_minus_k():
    """Comparative statics: with a >= w and r >= w obedience turns into negotiation at sigma = r - k."""
    below = subgame_perfect(resistance_negotiation(**dict(BASE, soft_power=R(19, 10))))
    above = subgame_perfect(resistance_negotiation(**dict(BASE, soft_power=R(21, 10))))
    at = subgame_perfect(resistance_negotiation(**dict(BASE, soft_power=2)))
    assert {e.path for e in below} == {CO}
    assert {e.path for e in above} == {RN_COMPROMISE, RN_CONSULT}
    assert {e.path for e in at} == {CO, RN_COMPROMISE, RN_CONSULT}  # the tie boundary reports all
    # the reform gain does not move the switch
    for gain in (1, 10):
        assert {e.path for e in subgame_perfect(resistance_negotiation(**dict(BASE, reform_gain=gain,
                                                                               soft_power=R(19, 10))))} == {CO}


def test_tie_break_toward_obeying_and_commanding():
    spe = subgame_perfect(resistance_negotiation(), tie_break=("Obey", "Accept", "Command"))
    assert {e.path for e in spe} == {CO, RN_COMPROMISE, COLLAPSE_COMPROMISE, COLLAPSE_LEVERAGE}
    point = dict(BASE, soft_power=2)
    assert [e.path for e in spe.at(point)] == [CO]


def test_catalog_entry_and_space():
    t = catalog.load("resistance_negotiation")
    assert t == resistance_negotiation()
    space = t.space
    assert space.parameter("soft_power").latex == r"\sigma" and space.parameter("soft_power").domain == "nonnegative"
    assert all(p.description for p in space.parameters)
    assert [str(c) for c in space.constraints] == ["voice_cost < concession"]


@settings(max_examples=20, deadline=None)
@given(points(resistance_negotiation_space(), exact=True))
def test_symbolic_equals_numeric_at_random_points(symbolic_spe, point):
    numeric = subgame_perfect(resistance_negotiation(**point))
    at = symbolic_spe.at(point)
    assert {(e.path, e.payoffs) for e in at} == {(e.path, e.payoffs) for e in numeric}



def test_core_regimes_generic(symbolic_spe):
    """EquilibriumSet.regimes(): eight open regions, each with the SPE outcomes that hold there."""
    regs = symbolic_spe.regimes()
    outcomes = sorted(tuple(sorted(symbolic_spe[i].path for i in r.members)) for r in regs)
    assert outcomes == sorted([
        (CO,), (CO,), (CO,), (COLLAPSE_LEVERAGE,),
        tuple(sorted((RN_COMPROMISE, RN_CONSULT))), tuple(sorted((RN_COMPROMISE, RN_CONSULT))),
        tuple(sorted((COLLAPSE_COMPROMISE, COLLAPSE_CONSULT))), tuple(sorted((COLLAPSE_COMPROMISE, COLLAPSE_CONSULT))),
    ])
