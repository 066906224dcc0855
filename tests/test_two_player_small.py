"""Small two-player games: the 2 x 2 closed form and the float path's exact payoffs.

* :func:`solvers._support._two_by_two_points` (nondegenerate 2 x 2 games in
  closed form) against the polytope traversal it replaces, on integer games
  with many ties (degenerate ones must be left to the traversal) and on float
  games, with and without a support cap;
* float games: the payoffs returned are the exact payoffs of the exact
  equilibria, correctly rounded (checked against ``Fraction`` arithmetic on
  the floats' binary values), and the profiles' regret is below the float
  tolerance;
* against nashpy's support enumeration (an independent implementation) on
  random float 2 x 2 games, which are nondegenerate with probability one.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import solvers._support as S
from games.normal_form import NormalFormGame
from solvers.nash import equilibria


def _as_fractions(out):
    X, Y, pairs, degenerate, capped = out
    Xf = [tuple(Fraction(a, t) for a in nums) for nums, t in X]
    Yf = [tuple(Fraction(a, t) for a in nums) for nums, t in Y]
    return sorted((Xf[i], Yf[j]) for i, j in pairs), degenerate, capped


def _traversal_only(Ai, Bi, max_k):
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(S, "_two_by_two_points", lambda *a: None)
        return S.extreme_equilibria_integer_points(Ai, Bi, max_k=max_k)


@settings(max_examples=150)
@given(st.lists(st.integers(-2, 2), min_size=8, max_size=8), st.sampled_from([None, 1, 2]))
def test_closed_form_equals_traversal_on_small_integers(vals, max_k):
    """Payoffs in {-2..2}: about half the games tie somewhere (degenerate)."""
    Ai = S.integer_matrix([vals[0:2], vals[2:4]])
    Bi = S.integer_matrix([vals[4:6], vals[6:8]])
    closed = S._two_by_two_points(Ai, Bi, max_k)
    ties = Ai[0][0] == Ai[1][0] or Ai[0][1] == Ai[1][1] or Bi[0][0] == Bi[0][1] \
        or Bi[1][0] == Bi[1][1]
    assert (closed is None) == ties  # exactly the degenerate games are left to the traversal
    full = _traversal_only(Ai, Bi, max_k)
    if closed is not None:
        assert _as_fractions(closed) == _as_fractions(full)
        assert not full[3]  # the traversal agrees: nondegenerate
    # the public result is the same either way
    assert _as_fractions(S.extreme_equilibria_integer_points(Ai, Bi, max_k=max_k)) \
        == _as_fractions(full)


@settings(max_examples=60)
@given(st.integers(0, 2 ** 32 - 1), st.sampled_from([None, 1]))
def test_closed_form_equals_traversal_on_floats(seed, max_k):
    rng = np.random.default_rng(seed)
    scale = 10.0 ** rng.integers(-8, 9)
    Ai = S.float_integer_transform(rng.standard_normal((2, 2)) * scale)[0]
    Bi = S.float_integer_transform(rng.standard_normal((2, 2)))[0]
    closed = S._two_by_two_points(Ai, Bi, max_k)
    assert closed is not None
    assert _as_fractions(closed) == _as_fractions(_traversal_only(Ai, Bi, max_k))


def test_degenerate_two_by_two_keeps_its_continuum():
    # column player indifferent against the first row: the equilibria
    # ((1, 0), (q, 1 - q)) for q in [1/2, 1] form one component
    g = NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 1], [0, 2]])
    with pytest.warns(Warning, match="continua"):
        res = equilibria(g)
    assert res.degenerate and res.complete
    assert sorted(tuple(map(tuple, e.profile)) for e in res) == sorted([
        ((1, 0), (1, 0)), ((1, 0), (Fraction(1, 2), Fraction(1, 2))), ((0, 1), (0, 1))])
    assert len(res.components) == 2


def test_matching_pennies_and_battle_of_the_sexes_in_floats():
    # the unique equilibrium of matching pennies and the mixed one of the
    # battle of the sexes (Osborne 2004, secs. 4.1, 4.3): (2/3, 1/3), (1/3, 2/3)
    mp = equilibria(NormalFormGame.from_bimatrix([[1.0, -1.0], [-1.0, 1.0]], [[-1.0, 1.0], [1.0, -1.0]]))
    assert [e.profile for e in mp] == [((0.5, 0.5), (0.5, 0.5))]
    assert mp[0].payoffs == (0.0, 0.0)
    bos = equilibria(NormalFormGame.from_bimatrix([[2.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 2.0]]))
    assert [e.profile for e in bos] == [((1.0, 0.0), (1.0, 0.0)), ((0.0, 1.0), (0.0, 1.0)),
                                        ((2 / 3, 1 / 3), (1 / 3, 2 / 3))]
    assert bos[2].payoffs == (2 / 3, 2 / 3)
    assert not bos.degenerate and bos.complete and bos.components == ((0,), (1,), (2,))


def _exact_payoffs(A, B, x_exact, y_exact):
    Af = [[Fraction(v) for v in row] for row in A.tolist()]
    Bf = [[Fraction(v) for v in row] for row in B.tolist()]
    u1 = sum(x * Af[i][j] * y for i, x in enumerate(x_exact) for j, y in enumerate(y_exact))
    u2 = sum(x * Bf[i][j] * y for i, x in enumerate(x_exact) for j, y in enumerate(y_exact))
    return u1, u2


@settings(max_examples=40)
@given(st.integers(2, 5), st.integers(2, 5), st.integers(0, 2 ** 32 - 1))
def test_float_payoffs_are_the_exact_payoffs_rounded(m, n, seed):
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((m, n)) * 10.0 ** rng.integers(-5, 6)
    B = rng.standard_normal((m, n))
    res = equilibria(NormalFormGame.from_bimatrix(A, B))
    assert res.complete and len(res) % 2 == 1  # nondegenerate: an odd number (Wilson 1971)
    TA, TB = S.float_integer_transform(A), S.float_integer_transform(B)
    for M, (Mi, shift, k) in ((A, TA), (B, TB)):  # the transform is exact and invertible
        assert all(Fraction(v) == Fraction(Mi[i][j] + shift, 2 ** k)
                   for i, row in enumerate(M.tolist()) for j, v in enumerate(row))
    X, Y, pairs, _, _ = S.extreme_equilibria_integer_points(TA[0], TB[0])
    exact = {}
    for i, j in pairs:
        x = tuple(Fraction(a, X[i][1]) for a in X[i][0])
        y = tuple(Fraction(a, Y[j][1]) for a in Y[j][0])
        exact[(tuple(map(float, x)), tuple(map(float, y)))] = _exact_payoffs(A, B, x, y)
    assert len(exact) == len(res)
    tol = S.float_tol(res.game)
    for e in res:
        u1, u2 = exact[e.profile]
        assert e.payoffs == (float(u1), float(u2))
        assert max(e.regret(res.game)) <= tol


def test_two_by_two_against_nashpy():
    nashpy = pytest.importorskip("nashpy")
    rng = np.random.default_rng(20261130)
    for _ in range(200):
        A, B = rng.standard_normal((2, 2)), rng.standard_normal((2, 2))
        ours = sorted((tuple(e.profile[0]), tuple(e.profile[1])) for e in
                      equilibria(NormalFormGame.from_bimatrix(A, B)))
        theirs = sorted((tuple(x), tuple(y)) for x, y in nashpy.Game(A, B).support_enumeration())
        assert len(ours) == len(theirs)
        for (x, y), (xt, yt) in zip(ours, theirs):
            assert np.allclose(x, xt, atol=1e-9) and np.allclose(y, yt, atol=1e-9)
