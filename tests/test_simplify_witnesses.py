"""``simplify_condition`` settles with checked sample points what z3 would only confirm.

The default simplification decides a condition (always / never / sometimes)
and drops each conjunct implied by the others, asking z3. An exactly checked
sample point where the condition holds and one where it fails prove it
"sometimes"; a checked point where the other conjuncts hold and this one
fails proves it is not implied. Those questions are then not asked: the
result must be the same condition, object for object, with far fewer z3
queries (the pure equilibria of the governance catalog's three-population
models).
"""

from __future__ import annotations

import warnings

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import games.conditions.simplify as simp
import games.conditions.translate as translate
from games import catalog
from games.conditions import clear_caches, is_valid, simplify_condition
from games.parameters import ParameterSpace
from solvers.pure import pure_equilibria

SPACE = ParameterSpace({"a": "positive", "b": "positive", "c": "real"}, ["a < b + 1"])
A, B, C = (SPACE[n] for n in "abc")
MONOMIALS = (sympy.Integer(1), A, B, C, A * B)
OPS = (sympy.Lt, sympy.Le, sympy.Gt, sympy.Ge)


@st.composite
def conjunctions(draw):
    rels = []
    for _ in range(draw(st.integers(1, 4))):
        coeffs = draw(st.lists(st.integers(-3, 3), min_size=len(MONOMIALS), max_size=len(MONOMIALS)))
        poly = sum(k * m for k, m in zip(coeffs, MONOMIALS))
        rels.append(draw(st.sampled_from(OPS))(poly, 0))
    return sympy.And(*rels)


def _without_witnesses(cond, monkeypatch):
    monkeypatch.setattr(simp._WitnessTable, "of", classmethod(lambda cls, rels, space: None))
    try:
        clear_caches()
        return simplify_condition(cond, SPACE)
    finally:
        monkeypatch.undo()
        clear_caches()


@settings(max_examples=30, deadline=None)
@given(conjunctions())
def test_witness_shortcuts_give_the_same_condition(cond):
    with pytest.MonkeyPatch.context() as mp:
        plain = _without_witnesses(cond, mp)
    clear_caches()
    fast = simplify_condition(cond, SPACE)
    assert fast == plain  # the same object: only questions with a proved answer were skipped


def _z3_queries(monkeypatch, fn):
    calls = []
    real = translate._z3_check_locked

    def counting(*args, **kw):
        calls.append(args[0])
        return real(*args, **kw)

    monkeypatch.setattr(translate, "_z3_check_locked", counting)
    clear_caches()
    out = fn()
    monkeypatch.setattr(translate, "_z3_check_locked", real)
    return out, len(calls)


@pytest.mark.parametrize("name", ["collective_inaction", "cooperative_supply_chain"])
def test_pure_equilibria_of_catalog_models_without_a_z3_storm(name, monkeypatch):
    warnings.simplefilter("ignore")
    game = catalog.load(name)
    fast, n_fast = _z3_queries(monkeypatch, lambda: pure_equilibria(game))
    monkeypatch.setattr(simp._WitnessTable, "of", classmethod(lambda cls, rels, space: None))
    plain, n_plain = _z3_queries(monkeypatch, lambda: pure_equilibria(game))
    monkeypatch.undo()
    assert [(e.profile, e.condition) for e in fast] == [(e.profile, e.condition) for e in plain]
    # one validity check per equilibrium, a few for the profiles that are never equilibria;
    # without the witnesses every kept conjunct cost two queries (59 and 120 of them)
    assert n_fast <= len(fast) + 7
    assert n_plain >= 4 * n_fast


def test_collective_inaction_pure_conditions_are_the_strict_nash_inequalities():
    # collective inaction (funder, target, organisation) is an equilibrium iff no one gains by
    # switching: the funder's gain alpha*U - c_F - h from funding is <= 0 and so on (Selten 1980)
    game = catalog.load("collective_inaction")
    s = {n: game.space[n] for n in game.space.names}
    eqs = {e.profile: e.condition for e in pure_equilibria(game)}
    cond = eqs[((0, 1), (0, 1), (0, 1))]
    assert is_valid(sympy.Equivalent(cond, s["R"] <= s["b"] + s["c_O"]), game.space) is True
