"""Tests of solvers.dominance.iterated_dominance."""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from hypothesis import given, settings

from games.catalog import classic
from games.normal_form import NormalFormGame
from games.testing import bimatrix_games
from solvers.dominance import DominanceResult, Elimination, dominated_strategies, iterated_dominance
from solvers.nash import equilibria

R = sympy.Rational


def test_prisoners_dilemma_solved():
    r = iterated_dominance(classic.prisoners_dilemma())
    assert isinstance(r, DominanceResult) and r.solved
    assert r.game.strategies == (("defect",), ("defect",))
    assert [e.reason for e in r.eliminated] == ["strict pure", "strict pure"]
    assert all(e.round == 1 for e in r.eliminated)


def test_mixed_dominance_exact():
    # Myerson (1991), sec. 1.8-style example: the third row is dominated only
    # by the half-half mixture of the first two.
    g = NormalFormGame.from_bimatrix([[3, 0], [0, 3], [1, 1]], [[1, 0], [0, 1], [2, 2]])
    r = iterated_dominance(g)
    e = r.eliminated[0]
    assert e == Elimination("Player 1", "s3", (("s1", R(1, 2)), ("s2", R(1, 2))), "strict mixed", 1)
    assert r.surviving[0] == (0, 1)


def test_mixed_dominance_float_and_margin():
    g = NormalFormGame.from_bimatrix(np.array([[3.0, 0.0], [0.0, 3.0], [1.49, 1.49]]), np.zeros((3, 2)))
    r = iterated_dominance(g)
    assert r.eliminated and r.eliminated[0].reason == "strict mixed"
    # at 1.5 the mixture only ties: not strictly dominated
    g2 = NormalFormGame.from_bimatrix([[3, 0], [0, 3], [R(3, 2), R(3, 2)]], np.zeros((3, 2), dtype=int))
    assert iterated_dominance(g2).eliminated == ()
    w = iterated_dominance(g2, weak=False)
    assert w.surviving == ((0, 1, 2), (0, 1))


def test_iterated_rounds_gibbons():
    # Gibbons (1992), A Primer in Game Theory, fig. 1.1.1: Right, then Down,
    # then Left are eliminated; (Up, Middle) remains.
    A = [[1, 1, 0], [0, 0, 2]]
    B = [[0, 2, 1], [3, 1, 0]]
    g = NormalFormGame.from_bimatrix(A, B, strategies=(("Up", "Down"), ("Left", "Middle", "Right")))
    r = iterated_dominance(g)
    assert [(e.strategy, e.round) for e in r.eliminated] == [("Right", 1), ("Down", 2), ("Left", 3)]
    assert r.game.strategies == (("Up",), ("Middle",)) and r.solved


def test_weak_dominance_order_documented():
    # Osborne & Rubinstein (1994), A Course in Game Theory, ex. 63.2-type game:
    # T and B are each weakly dominated by M; the outcome of iterated weak
    # dominance depends on the order. Ours removes one strategy per round,
    # scanning players then strategies in index order: T, then B.
    A = [[1, 0], [1, 2], [0, 2]]
    B = [[1, 0], [1, 1], [0, 1]]
    g = NormalFormGame.from_bimatrix(A, B, strategies=(("T", "M", "B"), ("L", "R")))
    assert iterated_dominance(g).eliminated == ()
    r = iterated_dominance(g, weak=True)
    assert [(e.strategy, e.round, e.reason) for e in r.eliminated] == [
        ("T", 1, "weak pure"), ("B", 2, "weak pure")]
    assert r.game.strategies == (("M",), ("L", "R"))


def test_symbolic_pure_dominance():
    # symbolic prisoner's dilemma: defect strictly dominates cooperate on the space
    g = classic.prisoners_dilemma(symbolic=True)
    r = iterated_dominance(g)
    assert r.solved and r.game.strategies == (("defect",), ("defect",))


def test_symbolic_undecided_keeps_strategy():
    a = sympy.Symbol("a", positive=True)
    g = NormalFormGame.from_bimatrix([[a, a], [1, 1]], [[0, 0], [0, 0]])
    assert iterated_dominance(g).eliminated == ()  # a > 1 or a < 1 depends on a


def test_dominated_strategies_by_name_and_errors():
    g = classic.prisoners_dilemma()
    assert dominated_strategies(g, "prisoner 1")[0][0] == 0
    with pytest.raises(ValueError, match="player must be one of"):
        dominated_strategies(g, "nobody")
    with pytest.raises(TypeError, match="weak must be True or False"):
        iterated_dominance(g, weak="yes")
    with pytest.raises(ValueError, match="max_rounds"):
        iterated_dominance(g, max_rounds=-1)


def eq_set(eqs):
    return {tuple(tuple(p) for p in e.profile) for e in eqs}


@settings(max_examples=30, deadline=None)
@given(bimatrix_games(max_strategies=4, exact=True, degenerate=False))
def test_strict_elimination_preserves_equilibria(game):
    # Strictly dominated strategies are never used in equilibrium, so the
    # equilibria of the reduced game, padded with zeros, are the game's.
    r = iterated_dominance(game)
    full = eq_set(equilibria(game))
    red = set()
    for e in equilibria(r.game):
        prof = []
        for i, sigma in enumerate(e.profile):
            vec = [sympy.Integer(0)] * game.shape[i]
            for pos, orig in enumerate(r.surviving[i]):
                vec[orig] = sigma[pos]
            prof.append(tuple(vec))
        red.add(tuple(prof))
    assert red == full


@settings(max_examples=30, deadline=None)
@given(bimatrix_games(max_strategies=4, exact=True))
def test_eliminated_strategies_are_dominated_exactly(game):
    r = iterated_dominance(game)
    for e in r.eliminated:
        assert e.reason.startswith("strict")
        assert sum(w for _, w in e.dominated_by) == 1


@settings(max_examples=20, deadline=None)
@given(bimatrix_games(max_strategies=4, exact=True, max_denominator=20))
def test_float_agrees_with_exact(exact):
    game = NormalFormGame(exact.float_payoffs())
    assert iterated_dominance(game).surviving == iterated_dominance(exact).surviving
