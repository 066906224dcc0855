"""Logit quantal-response path (McKelvey and Palfrey 1995; Turocy 2005)."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from games.errors import UnsupportedGame
from games.normal_form import NormalFormGame
from solvers.nash import equilibria
from solvers.quantal_response import quantal_response_path

R = sympy.Rational


def test_matching_pennies_stays_at_center():
    game = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    path = quantal_response_path(game)
    for prof in path.profiles:  # every QRE of matching pennies is (1/2, 1/2)^2
        assert np.allclose(np.array(prof), 0.5, atol=1e-8)
    assert path.equilibrium.profile == ((R(1, 2), R(1, 2)), (R(1, 2), R(1, 2)))


def test_random_3x3x2_equilibrium_verified_and_enumerated():
    P = np.random.default_rng(0).integers(-9, 10, (3, 3, 2, 3))
    game = NormalFormGame(P.tolist())
    path = quantal_response_path(game)
    assert path.converged and path.lambdas[0] == 0 and path.lambdas[-1] >= 1e5
    e = path.equilibrium
    assert all(r == 0 for r in e.regret(game))
    res = equilibria(game, method="logit")
    assert not res.complete and res[0].profile == e.profile


def test_float_game_limit_matches_pygambit_logit():
    gbt = pytest.importorskip("pygambit")
    P = np.random.default_rng(5).standard_normal((2, 2, 2, 3))
    game = NormalFormGame(P)
    ours = quantal_response_path(game).equilibrium
    g = gbt.Game.from_arrays(*[P[..., i] for i in range(3)])
    theirs = gbt.nash.logit_solve(g).equilibria[0]
    t = np.array([float(theirs[s]) for p in g.players for s in p.strategies])
    o = np.array([float(x) for s in ours.profile for x in s])
    assert np.allclose(t, o, atol=1e-4)


def test_symbolic_refused():
    a = sympy.Symbol("a", positive=True)
    game = NormalFormGame.from_bimatrix([[a, 0], [0, 1]], [[1, 0], [0, a]])
    with pytest.raises(UnsupportedGame, match="subs"):
        quantal_response_path(game)


def test_exact_solve_at_path_end_keeps_time_limit():
    P = np.random.default_rng(0).integers(-9, 10, (3, 3, 2, 3))
    game = NormalFormGame(P.tolist())
    with pytest.raises(UnsupportedGame, match="time_limit"):
        quantal_response_path(game, time_limit=1e-3)
    with pytest.raises(UnsupportedGame, match="time_limit"):
        equilibria(game, method="logit", time_limit=1e-3)
    res = equilibria(game, method="logit", time_limit=60)
    assert all(r == 0 for r in res[0].regret(game))


def test_bad_time_limit():
    game = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    with pytest.raises(ValueError, match="time_limit"):
        quantal_response_path(game, time_limit=-1)
