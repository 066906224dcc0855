"""Certified interval settlement of support systems against the exact solver.

Every support profile the interval pass settles must agree with the exact
Groebner solver (:func:`solvers.support_numeric.solve_numeric_support`):
the same equilibria, each inside its certified box; profiles it leaves
undecided are the exact solver's business. The boxes are checked against
exact values (rational, or algebraic evaluated to 40 digits).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from games.normal_form import NormalFormGame
from solvers.support_intervals import payoff_enclosure, settle_supports
from solvers.support_numeric import rational_payoffs, solve_numeric_support
from solvers.support_profiles import iter_support_profiles


def _groups(shape):
    groups = {}
    for supp in iter_support_profiles(shape):
        if any(len(S) > 1 for S in supp):
            groups.setdefault(tuple(map(len, supp)), []).append(supp)
    return groups


def _free(prof, supp):
    """The free coordinates (all support probabilities but each player's last)."""
    return [prof[j][s] for j, S in enumerate(supp) for s in S[:-1]]


def _check_game(P):
    game = NormalFormGame(P)
    F = rational_payoffs(game)
    lo, hi = payoff_enclosure(F)
    settled = 0
    for sups in _groups(game.shape).values():
        for supp, res in zip(sups, settle_supports(lo, hi, sups)):
            if res is None:
                continue
            settled += 1
            status, found = solve_numeric_support(F, supp)
            assert status == "points", (supp, status)
            assert len(res) == len(found), supp
            for prof, _, _ in found:
                exact = [sympy.N(v, 40) for v in _free(prof, supp)]
                boxes = [b for _, b in res
                         if all(b[0][c] <= v <= b[1][c] for c, v in enumerate(exact))]
                assert len(boxes) == 1, (supp, prof)
    return settled


# floats with few significant digits: the exact solver's coefficients stay small
payoff = st.integers(-10_000, 10_000).map(lambda v: v / 1000)


@settings(max_examples=20, deadline=None)
@given(st.sampled_from([(2, 2, 2), (3, 2, 2), (2, 2, 2, 2)]), st.data())
def test_float_games_agree_with_the_exact_solver(shape, data):
    P = np.array(data.draw(st.lists(payoff, min_size=int(np.prod(shape)) * len(shape),
                                    max_size=int(np.prod(shape)) * len(shape))))
    _check_game(P.reshape(shape + (len(shape),)))


@settings(max_examples=25, deadline=None)
@given(st.sampled_from([(2, 2, 2), (3, 2, 2)]), st.data())
def test_integer_games_with_ties_agree_where_settled(shape, data):
    size = int(np.prod(shape)) * len(shape)
    P = np.array(data.draw(st.lists(st.integers(-2, 2), min_size=size, max_size=size)))
    _check_game(P.reshape(shape + (len(shape),)).tolist())


def test_random_3x3x3_games_are_settled_completely():
    # standard-normal payoffs are generic: every support profile is settled, and the
    # equilibria agree with the exact solver's (which takes seconds per game)
    P = np.random.default_rng(1001).standard_normal((3, 3, 3, 3))
    groups = _groups((3, 3, 3))
    lo, hi = payoff_enclosure(rational_payoffs(NormalFormGame(P)))
    assert all(r is not None for sups in groups.values() for r in settle_supports(lo, hi, sups))
    assert _check_game(P) == sum(map(len, groups.values()))


def test_three_player_matching_pennies_box_holds_one_half():
    # Jordan's three-player matching pennies (Jordan 1993, Games Econ. Behav. 5: 368-386):
    # the unique equilibrium has every player mixing 1/2-1/2
    P = np.zeros((2, 2, 2, 3))
    for a, b, c in itertools.product(range(2), repeat=3):
        P[a, b, c] = [1 if a == b else -1, 1 if b == c else -1, 1 if c != a else -1]
    lo, hi = payoff_enclosure(rational_payoffs(NormalFormGame(P)))
    [res] = settle_supports(lo, hi, [((0, 1), (0, 1), (0, 1))])
    [(prof, (blo, bhi))] = res
    assert np.allclose(prof, 0.5, atol=1e-14)
    assert (blo <= 0.5).all() and (bhi >= 0.5).all() and (bhi - blo).max() < 1e-12


def test_non_float_payoffs_are_enclosed():
    F = np.array([Fraction(1, 3), Fraction(-2, 7), Fraction(5)], dtype=object)
    lo, hi = payoff_enclosure(F)
    assert all(lo[i] <= F[i] <= hi[i] for i in range(3))
    assert lo[2] == hi[2] == 5 and lo[0] < hi[0]


def test_bad_batches_are_refused():
    P = np.zeros((2, 2, 2))
    with pytest.raises(ValueError, match="same sizes"):
        settle_supports(P, P, [((0, 1), (0,)), ((0,), (0, 1))])
    with pytest.raises(ValueError, match="must mix"):
        settle_supports(P, P, [((0,), (0,))])
    with pytest.raises(ValueError, match="sorted tuple of distinct strategies"):
        settle_supports(P, P, [((0, 5), (0, 1))])
    with pytest.raises(ValueError, match="sorted tuple of distinct strategies"):
        settle_supports(P, P, [((1, 0), (0, 1))])
    with pytest.raises(ValueError, match="sorted tuple of distinct strategies"):
        settle_supports(P, P, [((0, 1),)])
    with pytest.raises(ValueError, match="equal payoff arrays"):
        settle_supports(P, P[..., :1], [((0, 1), (0, 1))])


def test_small_chunks_give_the_same_answers(monkeypatch):
    # boxes are processed in chunks bounded by the vertex values' memory; the chunking
    # must not change any answer
    import solvers.support_intervals as si

    P = np.random.default_rng(1002).standard_normal((3, 3, 3, 3))
    lo, hi = payoff_enclosure(rational_payoffs(NormalFormGame(P)))
    groups = [g for k, g in _groups((3, 3, 3)).items() if sum(k) >= 7]

    def answers():
        return [[[tuple(np.round(np.concatenate(p), 12)) for p, _ in r] if r is not None else None
                 for r in settle_supports(lo, hi, sups)] for sups in groups]

    default = answers()
    monkeypatch.setattr(si, "_CHUNK_FLOATS", 64)
    assert answers() == default
    assert any(any(r) for g in default for r in g if r is not None)
