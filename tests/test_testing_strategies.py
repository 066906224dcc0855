"""The hypothesis strategies of games.testing."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings, strategies as st
from hypothesis.errors import InvalidArgument

from games.catalog import classic
from games.normal_form import NormalFormGame
from games.parameters import ParameterSpace
from games.testing import bimatrix_games, is_degenerate_bimatrix, normal_form_games, points

SPACES = [
    ParameterSpace({"gain": "positive", "fine": "positive"}, ["fine > gain"]),
    ParameterSpace({"delta": "(0, 1)", "T": "positive_integer", "x": "real", "y": "[-1, 2]"}),
    ParameterSpace({"n": "integer", "m": "nonpositive"}, ["n > 3", "m < -2"]),
    classic.prisoners_dilemma(symbolic=True).space,  # four ordering constraints: rarely hit by chance
    classic.inspection().space,
    ParameterSpace(),
]


@pytest.mark.parametrize("space", SPACES, ids=lambda s: ",".join(s.names) or "empty")
@pytest.mark.parametrize("exact", [False, True])
def test_points_lie_in_space(space, exact):
    @settings(max_examples=30, deadline=None)
    @given(points(space, exact=exact))
    def check(pt):
        assert set(pt) == set(space.names)
        assert space.contains(pt)
        for p in space.parameters:
            v = pt[p.name]
            if p.is_integer:
                assert float(v) == int(v)
            elif exact:
                assert isinstance(v, Fraction)
            else:
                assert isinstance(v, float)
    check()


def test_points_keep_margin_from_open_bounds():
    space = ParameterSpace({"delta": "(0, 1)"})

    @settings(max_examples=50, deadline=None)
    @given(points(space, margin=0.01))
    def check(pt):
        assert 0.01 <= pt["delta"] <= 0.99
    check()


@pytest.mark.parametrize("kwargs", [dict(width=0), dict(width=float("nan")), dict(margin=-1),
                                    dict(margin=6), dict(max_denominator=0)])
def test_points_bad_arguments_raise_eagerly(kwargs):
    with pytest.raises(InvalidArgument):
        points(SPACES[0], **kwargs)


def test_points_requires_a_space():
    with pytest.raises(InvalidArgument, match="ParameterSpace"):
        points({"a": "positive"})


@settings(max_examples=40, deadline=None)
@given(normal_form_games(n_players=3, min_strategies=2, max_strategies=3, min_value=-2, max_value=5))
def test_normal_form_games_respect_bounds_exact(game):
    assert isinstance(game, NormalFormGame) and game.n_players == 3 and game.is_exact
    assert all(2 <= k <= 3 for k in game.shape)
    vals = game.payoffs.reshape(-1)
    assert all(isinstance(v, sympy.Integer) and -2 <= v <= 5 for v in vals)


@settings(max_examples=40, deadline=None)
@given(normal_form_games(exact=False, min_value=-1, max_value=1, max_strategies=2))
def test_normal_form_games_floats(game):
    assert not game.is_exact and game.payoffs.dtype == np.float64
    assert np.all(np.abs(game.payoffs) <= 1)


@settings(max_examples=30, deadline=None)
@given(normal_form_games(n_players=st.integers(1, 4), max_strategies=st.just(2), max_denominator=5,
                         exact=st.just(True)))
def test_arguments_accept_strategies(game):
    assert 1 <= game.n_players <= 4 and all(k <= 2 for k in game.shape)
    assert all(v.q <= 5 for v in game.payoffs.reshape(-1))


@settings(max_examples=20, deadline=None)
@given(normal_form_games(shape=(3, 1, 2)))
def test_fixed_shape(game):
    assert game.shape == (3, 1, 2)


@pytest.mark.parametrize("kwargs", [dict(n_players=0), dict(min_strategies=0), dict(min_strategies=3, max_strategies=2),
                                    dict(min_value=2, max_value=1), dict(min_value=float("inf")),
                                    dict(min_value=0.2, max_value=0.8), dict(max_strategies=20, n_players=4),
                                    dict(shape=(2, 0)), dict(shape="2x2"), dict(exact="yes"),
                                    dict(n_players=2.0)])
def test_normal_form_games_bad_arguments_raise_eagerly(kwargs):
    with pytest.raises(InvalidArgument):
        normal_form_games(**kwargs)


@pytest.mark.parametrize("kwargs", [dict(shape=(2, 2, 2)), dict(degenerate="maybe"), dict(min_strategies=0)])
def test_bimatrix_games_bad_arguments_raise_eagerly(kwargs):
    with pytest.raises(InvalidArgument):
        bimatrix_games(**kwargs)


@settings(max_examples=40, deadline=None)
@given(bimatrix_games(shape=st.tuples(st.integers(1, 3), st.integers(1, 3))))
def test_bimatrix_games_shape(game):
    assert game.n_players == 2 and all(1 <= k <= 3 for k in game.shape)


def _brute_degenerate(game, grid=840) -> bool:
    """Degeneracy by brute force on a grid of mixed strategies (small integer games only)."""
    P = [[[int(game.payoffs[i, j, p]) for j in range(game.shape[1])] for i in range(game.shape[0])]
         for p in range(2)]
    m, n = game.shape
    sides = [(P[1], m, n), ([[P[0][i][j] for i in range(m)] for j in range(n)], n, m)]
    for M, rows, cols in sides:
        for counts in itertools.product(range(grid + 1), repeat=rows - 1):
            last = grid - sum(counts)
            if last < 0:
                continue
            x = list(counts) + [last]  # integer weights: grid * probabilities
            pay = [sum(x[i] * M[i][j] for i in range(rows)) for j in range(cols)]
            if sum(1 for v in pay if v == max(pay)) > sum(1 for v in x if v > 0):
                return True
    return False


VON_STENGEL_DEGENERATE = NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])


def test_is_degenerate_known_examples():
    # the 3x2 example game of von Stengel (2002), Handbook of Game Theory 3, ch. 45, made degenerate
    # by a tie in the top row of B (von Stengel's own definition of degeneracy)
    assert is_degenerate_bimatrix(VON_STENGEL_DEGENERATE)
    assert not is_degenerate_bimatrix(NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]],
                                                                   [[3, 2], [2, 6], [3, 1]]))
    assert not is_degenerate_bimatrix(classic.matching_pennies())
    assert not is_degenerate_bimatrix(classic.battle_of_the_sexes())
    # a mixed strategy (1/2, 1/2) of the row player makes all three columns best replies
    assert is_degenerate_bimatrix(NormalFormGame.from_bimatrix([[0, 0, 0], [0, 0, 0]],
                                                               [[2, 0, 1], [0, 2, 1]]))


@settings(max_examples=60, deadline=None)
@given(bimatrix_games(max_strategies=2, min_value=-2, max_value=2))
def test_is_degenerate_agrees_with_brute_force_2x2(game):
    # with at most 2 strategies and payoffs in [-2, 2], a mixed strategy making two columns
    # indifferent is t = d1/(d1 - d0) with |d| <= 4: its denominator divides 840 = lcm(1..8)
    assert is_degenerate_bimatrix(game) == _brute_degenerate(game)


@settings(max_examples=40, deadline=None)
@given(bimatrix_games(max_strategies=3, min_value=-3, max_value=3))
def test_degeneracy_invariant_under_player_swap(game):
    swapped = NormalFormGame(np.transpose(game.payoffs, (1, 0, 2))[..., ::-1])
    assert is_degenerate_bimatrix(game) == is_degenerate_bimatrix(swapped)


@settings(max_examples=30, deadline=None)
@given(bimatrix_games(degenerate=False, max_strategies=3))
def test_nondegenerate_filter(game):
    assert not is_degenerate_bimatrix(game)


@settings(max_examples=30, deadline=None)
@given(bimatrix_games(degenerate=True, max_strategies=3))
def test_degenerate_filter(game):
    assert is_degenerate_bimatrix(game)


@settings(max_examples=30, deadline=None)
@given(bimatrix_games(degenerate=False, exact=False, shape=(3, 3)))
def test_nondegenerate_float_games(game):
    assert not game.is_exact and not is_degenerate_bimatrix(game)


def test_is_degenerate_rejects_symbolic_and_n_player():
    with pytest.raises(InvalidArgument):
        is_degenerate_bimatrix(classic.inspection())
    with pytest.raises(InvalidArgument):
        is_degenerate_bimatrix(classic.volunteers_dilemma(3, symbolic=False))
