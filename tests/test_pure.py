"""Tests of solvers.pure: vectorised pure equilibria against a direct check."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import sympy
from hypothesis import given, settings

from games.catalog import classic
from games.errors import UnsupportedGame
from games.normal_form import NormalFormGame
from games.testing import normal_form_games
from solvers.pure import pure_equilibria, pure_equilibrium_mask


def brute_force(game):
    """Pure equilibria by the definition, one profile and deviation at a time."""
    out = []
    for prof in itertools.product(*(range(k) for k in game.shape)):
        ok = True
        for i in range(game.n_players):
            tol = 0
            if not game.is_exact:  # documented relative tolerance of float games
                tol = 1e-12 * max(1.0, float(np.abs(game.payoffs[..., i]).max()))
            here = game.payoffs[prof + (i,)]
            for t in range(game.shape[i]):
                dev = prof[:i] + (t,) + prof[i + 1:]
                if game.payoffs[dev + (i,)] > here + tol:
                    ok = False
        if ok:
            out.append(prof)
    return out


def as_indices(eqs):
    return [tuple(s.index(1) for s in e.profile) for e in eqs]


@settings(max_examples=60, deadline=None)
@given(normal_form_games(n_players=3, max_strategies=3, exact=True, min_value=-3, max_value=3))
def test_matches_definition_exact_three_players(game):
    assert as_indices(pure_equilibria(game)) == brute_force(game)


@settings(max_examples=60, deadline=None)
@given(normal_form_games(n_players=2, max_strategies=5, exact=False))
def test_matches_definition_float(game):
    assert as_indices(pure_equilibria(game)) == brute_force(game)


@settings(max_examples=30, deadline=None)
@given(normal_form_games(n_players=2, max_strategies=4, exact=True, max_denominator=7))
def test_exact_rationals_ties_exact(game):
    eqs = pure_equilibria(game)
    assert as_indices(eqs) == brute_force(game)
    for e in eqs:
        assert e.regret(game) == (0,) * game.n_players
        assert e.kind == "pure" and e.condition is sympy.true


def test_prisoners_dilemma():
    # Osborne (2004), ch. 2: (defect, defect) is the unique equilibrium.
    game = classic.prisoners_dilemma()
    (e,) = pure_equilibria(game)
    assert e.profile == ((0, 1), (0, 1)) and e.payoffs == (1, 1)


def test_matching_pennies_has_none():
    assert len(pure_equilibria(classic.matching_pennies())) == 0


def test_volunteers_dilemma_pure():
    # exactly one volunteer (Diekmann 1985)
    game = classic.volunteers_dilemma(4, symbolic=False)
    eqs = pure_equilibria(game)
    assert sorted(as_indices(eqs)) == sorted(
        tuple(0 if j == i else 1 for j in range(4)) for i in range(4))


def test_large_numeric_game_is_vectorised():
    rng = np.random.default_rng(0)
    P = rng.integers(0, 3, size=(12, 12, 12, 3)).astype(float)
    game = NormalFormGame(P)
    mask = pure_equilibrium_mask(game)
    assert mask.shape == (12, 12, 12)
    assert sorted(as_indices(pure_equilibria(game))) == sorted(brute_force(game))


def test_big_integers_exact():
    big = 10**30
    game = NormalFormGame.from_bimatrix([[big, 0], [big + 1, 0]], [[1, 0], [1, 0]])
    assert as_indices(pure_equilibria(game)) == [(1, 0)]  # exact: big + 1 > big
    fgame = NormalFormGame(game.float_payoffs())
    assert as_indices(pure_equilibria(fgame)) == [(0, 0), (1, 0)]  # floats tie


def test_symbolic_conditions():
    # the inspection game without k < v + d: (violate, not inspect) iff k >= v + d
    g, f, k, v, d = sympy.symbols("g f k v d", positive=True)
    game = NormalFormGame.from_bimatrix([[-f, g], [0, 0]], [[v - k, -d], [-k, 0]])
    (e,) = pure_equilibria(game)
    assert e.profile == ((1, 0), (0, 1))
    from games.conditions import is_valid
    assert is_valid(sympy.Equivalent(e.condition, k >= v + d), game.space) is True


def test_symbolic_catalog_inspection_has_none():
    # with k < v + d imposed, no pure equilibrium survives (Tsebelis 1989)
    assert len(pure_equilibria(classic.inspection())) == 0


def test_symbolic_bos_true_conditions():
    eqs = pure_equilibria(classic.battle_of_the_sexes(symbolic=True))
    assert as_indices(eqs) == [(0, 0), (1, 1)]
    assert all(e.condition is sympy.true for e in eqs)


@settings(max_examples=15, deadline=None)
@given(normal_form_games(n_players=2, max_strategies=3, exact=True, min_value=-3, max_value=3))
def test_symbolic_at_point_equals_numeric(game):
    # add a parameter a > 0 to one payoff: at any point the symbolic answer
    # equals the numeric one
    a = sympy.Symbol("a", positive=True)
    P = np.array(game.payoffs)
    P[(0,) * game.n_players + (0,)] = P[(0,) * game.n_players + (0,)] + a - 1
    sym = NormalFormGame(P)
    for val in (sympy.Rational(1, 2), 1, 3):
        pt = {"a": val}
        got = [e.profile for e in pure_equilibria(sym) if e.holds_at(pt)]
        assert got == [e.profile for e in pure_equilibria(sym.subs(pt))]


def test_bad_input():
    with pytest.raises(TypeError, match="game must be a NormalFormGame"):
        pure_equilibria("pd")
    with pytest.raises(UnsupportedGame, match="numeric"):
        pure_equilibrium_mask(classic.inspection())
