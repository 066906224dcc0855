"""A 3x3x3 game with exactly five Nash equilibria (two pure, three mixed), known in closed form.

Construction: the third player's first strategy is strictly dominant (it pays her 1, the
others 0, whatever the others do), so in every equilibrium she plays it, and the
equilibria are those of the 3x3 bimatrix game between players 1 and 2 when she does.
That bimatrix game is nondegenerate with five equilibria, computed by hand from the
indifference conditions (and listed below); the payoffs of players 1 and 2 against the
third player's other strategies are arbitrary (they never matter in equilibrium).
"""

import numpy as np
import pytest
import sympy

from games.normal_form import NormalFormGame
from solvers import equilibria

R = sympy.Rational
A = [[9, 1, 9], [7, 6, 2], [0, 5, 5]]
B = [[6, 0, 2], [5, 9, 7], [1, 4, 8]]
# the five equilibria of (A, B), each a (x, y) pair
KNOWN = {
    ((1, 0, 0), (1, 0, 0)),
    ((0, 1, 0), (0, 1, 0)),
    ((R(2, 5), R(3, 5), 0), (R(5, 7), R(2, 7), 0)),
    ((0, R(2, 3), R(1, 3)), (0, R(3, 4), R(1, 4))),
    ((R(11, 28), R(15, 28), R(1, 14)), (R(2, 25), R(11, 20), R(37, 100))),
}


def _game() -> NormalFormGame:
    rng = np.random.default_rng(7)
    pay = np.zeros((3, 3, 3, 3), dtype=np.int64)
    for i in range(3):
        for j in range(3):
            pay[i, j, 0, 0], pay[i, j, 0, 1] = A[i][j], B[i][j]
            for k in (1, 2):  # against the third player's dominated strategies: arbitrary
                pay[i, j, k, 0], pay[i, j, k, 1] = rng.integers(-9, 10, 2)
            pay[i, j, 0, 2] = 1  # strictly dominant for the third player
    return NormalFormGame(pay, players=("row", "column", "third"))


def test_the_bimatrix_equilibria_solve_their_indifference_conditions():
    # the hand-derived values: every used strategy is a best reply, exactly
    for x, y in KNOWN:
        Ay = [sum(a * q for a, q in zip(row, y)) for row in A]
        xB = [sum(x[i] * B[i][j] for i in range(3)) for j in range(3)]
        assert all(Ay[i] == max(Ay) for i in range(3) if x[i] != 0)
        assert all(xB[j] == max(xB) for j in range(3) if y[j] != 0)


def test_three_player_game_has_exactly_the_five_known_equilibria():
    eqs = equilibria(_game(), time_limit=120)
    assert eqs.complete and not eqs.degenerate
    got = {(tuple(e.profile[0]), tuple(e.profile[1])) for e in eqs}
    assert got == KNOWN
    assert all(tuple(e.profile[2]) == (1, 0, 0) for e in eqs)
    assert sum(e.is_pure for e in eqs) == 2 and len(eqs) == 5
    for e in eqs:
        assert all(r == 0 for r in e.regret(_game()))


def test_pygambit_finds_no_other_equilibrium():
    gbt = pytest.importorskip("pygambit")
    g = _game()
    pg = gbt.Game.from_arrays(*[np.asarray(g.payoffs[..., i], dtype=int) for i in range(3)])
    res = gbt.nash.enumpoly_solve(pg)
    ours = [np.array([float(p) for s in e.profile for p in s]) for e in equilibria(g, time_limit=120)]
    for eq in res.equilibria:
        v = np.array([float(eq[pl][st]) for pl in pg.players for st in pl.strategies])
        assert any(np.allclose(v, o, atol=1e-6) for o in ours)
