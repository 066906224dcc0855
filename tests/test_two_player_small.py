"""Small two-player games: the 2 x 2 closed form and the float path's exact payoffs.

* :func:`solvers._small_bimatrix.two_by_two_points` (nondegenerate 2 x 2 games in
  closed form) against the polytope traversal it replaces, on integer games
  with many ties (degenerate ones must be left to the traversal) and on float
  games, with and without a support cap;
* :func:`solvers._small_bimatrix.two_by_two_float` and
  :func:`~solvers._small_bimatrix.small_bimatrix_float` (up to 3 x 3; the
  float result built directly) against the general path: the same floats,
  payoffs, kinds, order, components and flags, and None on degenerate
  games (or a mixed probability below float range); textbook games;
* float games: the payoffs returned are the exact payoffs of the exact
  equilibria, correctly rounded (checked against ``Fraction`` arithmetic on
  the floats' binary values), and the profiles' regret is below the float
  tolerance;
* against nashpy's support enumeration (an independent implementation) on
  random float 2 x 2 games, which are nondegenerate with probability one.
"""

from __future__ import annotations

import math
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import solvers._support as S
import solvers._small_bimatrix as T2
import solvers.nash as nash
from games.normal_form import NormalFormGame
from solvers.nash import equilibria


def _as_fractions(out):
    X, Y, pairs, degenerate, capped = out
    Xf = [tuple(Fraction(a, t) for a in nums) for nums, t in X]
    Yf = [tuple(Fraction(a, t) for a in nums) for nums, t in Y]
    return sorted((Xf[i], Yf[j]) for i, j in pairs), degenerate, capped


def _traversal_only(Ai, Bi, max_k):
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(T2, "two_by_two_points", lambda *a: None)
        return S.extreme_equilibria_integer_points(Ai, Bi, max_k=max_k)


@settings(max_examples=150)
@given(st.lists(st.integers(-2, 2), min_size=8, max_size=8), st.sampled_from([None, 1, 2]))
def test_closed_form_equals_traversal_on_small_integers(vals, max_k):
    """Payoffs in {-2..2}: about half the games tie somewhere (degenerate)."""
    Ai = S.integer_matrix([vals[0:2], vals[2:4]])
    Bi = S.integer_matrix([vals[4:6], vals[6:8]])
    closed = T2.two_by_two_points(Ai, Bi, max_k)
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
    closed = T2.two_by_two_points(Ai, Bi, max_k)
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


def _general_path(game):
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(nash, "two_by_two_float", lambda g: None)
        mp.setattr(nash, "small_bimatrix_float", lambda g: None)
        with warnings.catch_warnings():  # degenerate games warn of continua
            warnings.simplefilter("ignore")
            return equilibria(game)


def _summary(es):
    # repr tells -0.0 from 0.0 (the exact 0 rounds to 0.0)
    return ([(repr(e.profile), repr(e.payoffs), e.kind, e.method) for e in es], es.degenerate,
            es.components, es.complete, es.method, es.exact)


payoff_values = st.one_of(
    st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
    st.integers(-3, 3).map(float),  # ties: degenerate games
    st.sampled_from([0.1, 0.2, 0.3, 1 / 3, 2 / 3, 5e-324, -5e-324, 1e300, -1e300, 2.0**-1074 * 3,
                     -0.0]),
    st.floats(-1e-300, 1e-300, allow_nan=False),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(payoff_values, min_size=8, max_size=8))
def test_float_closed_form_is_the_general_path(values):
    A = np.array(values[:4]).reshape(2, 2)
    B = np.array(values[4:]).reshape(2, 2)
    g = NormalFormGame.from_bimatrix(A, B)
    general = _general_path(g)
    fast = T2.two_by_two_float(g)
    degenerate = (A[0, 0] == A[1, 0] or A[0, 1] == A[1, 1] or B[0, 0] == B[0, 1]
                  or B[1, 0] == B[1, 1])
    assert degenerate == general.degenerate
    if fast is None:  # only a degenerate game, or a mixed probability that rounds to 0 or 1
        if not degenerate:
            a = [Fraction(v) for v in values]
            q = (a[3] - a[1]) / (a[0] - a[1] - a[2] + a[3])
            p = (a[7] - a[6]) / (a[4] - a[5] - a[6] + a[7])
            assert 0 < p < 1 and 0 < q < 1
            assert 0.0 in (float(p), float(1 - p), float(q), float(1 - q))
        return
    assert not general.degenerate
    assert _summary(fast) == _summary(general)
    assert _summary(equilibria(g)) == _summary(general)
    for e in fast:
        assert max(e.regret(g)) <= S.float_tol(g)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from([(2, 3), (3, 2), (3, 3)]), st.data())
def test_small_closed_form_is_the_general_path(shape, data):
    # up to 3 x 3: support enumeration in integers, or None on a degenerate game
    m, n = shape
    values = data.draw(st.lists(payoff_values, min_size=2 * m * n, max_size=2 * m * n))
    A = np.array(values[:m * n]).reshape(m, n)
    B = np.array(values[m * n:]).reshape(m, n)
    g = NormalFormGame.from_bimatrix(A, B)
    general = _general_path(g)
    fast = T2.small_bimatrix_float(g)
    if fast is None:
        return  # degenerate, underdetermined, or a probability below float range
    assert not general.degenerate
    assert _summary(fast) == _summary(general)
    assert _summary(equilibria(g)) == _summary(general)
    for e in fast:
        assert max(e.regret(g)) <= S.float_tol(g)


@pytest.mark.parametrize("shape", [(2, 3), (3, 2), (3, 3)])
def test_small_closed_form_takes_generic_games(shape):
    # standard-normal payoffs are nondegenerate with probability one: never deferred,
    # and the result is the general path's
    rng = np.random.default_rng(sum(shape))
    for _ in range(300):
        g = NormalFormGame.from_bimatrix(rng.standard_normal(shape), rng.standard_normal(shape))
        fast = T2.small_bimatrix_float(g)
        assert fast is not None
        assert _summary(fast) == _summary(_general_path(g))
        assert len(fast) % 2 == 1  # nondegenerate: an odd number (Wilson 1971)


def test_small_closed_form_defers_degenerate_games():
    # a tie at a best response; three best responses to a mixture of two (the
    # column player is indifferent among all columns at x = (1/2, 1/2, 0)); the
    # row player's differences parallel (full-support equations underdetermined)
    tie = NormalFormGame.from_bimatrix([[1.0, 0.0, 0.0], [1.0, 2.0, 0.0], [0.0, 0.0, 3.0]],
                                       [[1.0, 0.5, 0.0], [0.0, 0.5, 2.0], [2.0, 1.0, 0.0]])
    three = NormalFormGame.from_bimatrix([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
                                         [[2.0, 1.0, 0.0], [0.0, 1.0, 2.0], [0.5, 3.0, 0.5]])
    line = NormalFormGame.from_bimatrix([[1.0, 2.0, 3.0], [2.0, 3.0, 4.0], [3.0, 4.0, 5.0]],
                                        [[3.0, 1.0, 2.0], [1.0, 2.0, 3.0], [2.0, 3.0, 1.0]])
    for g in (tie, three):
        assert T2.small_bimatrix_float(g) is None
        assert _general_path(g).degenerate
    assert T2.small_bimatrix_float(line) is None
    for g in (tie, three, line):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            assert _summary(equilibria(g)) == _summary(_general_path(g))


def test_negative_zero_payoff_is_reported_as_zero():
    # the exact payoff 0 of a -0.0 entry rounds to 0.0, as the general path gives it
    g = NormalFormGame.from_bimatrix([[-0.0, 1.0], [-1.0, 0.0]], [[2.0, 1.0], [0.0, 1.0]])
    assert [repr(e.payoffs) for e in equilibria(g)] == ["(0.0, 2.0)"]
    assert _summary(equilibria(g)) == _summary(_general_path(g))


def test_mixed_probability_below_float_range_defers():
    # the mixed equilibrium q = 2^-1074 / (3 + 2^-1074) rounds to a pure profile:
    # the general path lists the two as one
    A = np.array([[3.0, 0.0], [0.0, 2.0**-1074]])
    g = NormalFormGame.from_bimatrix(A, A)
    assert T2.two_by_two_float(g) is None
    assert [e.profile for e in equilibria(g)] == [((1.0, 0.0), (1.0, 0.0)),
                                                  ((0.0, 1.0), (0.0, 1.0))]


@pytest.mark.parametrize("A, B, expected", [
    # prisoner's dilemma: mutual defection only
    ([[3.0, 0.0], [5.0, 1.0]], [[3.0, 5.0], [0.0, 1.0]], [(((0.0, 1.0), (0.0, 1.0)), (1.0, 1.0))]),
    # chicken / hawk-dove with V = 2, C = 4: two asymmetric pure equilibria and
    # the mixed one playing hawk with probability V / C = 1/2 (Maynard Smith 1982)
    ([[-1.0, 2.0], [0.0, 1.0]], [[-1.0, 0.0], [2.0, 1.0]],
     [(((1.0, 0.0), (0.0, 1.0)), (2.0, 0.0)), (((0.0, 1.0), (1.0, 0.0)), (0.0, 2.0)),
      (((0.5, 0.5), (0.5, 0.5)), (0.5, 0.5))]),
])
def test_textbook_games(A, B, expected):
    es = equilibria(NormalFormGame.from_bimatrix(A, B))
    assert [(e.profile, e.payoffs) for e in es] == expected
    assert es.complete and not es.degenerate and es.components == tuple((k,) for k in range(len(es)))


def test_inspection_game_is_the_correct_rounding_of_the_closed_form():
    # inspection game (Tsebelis 1989): inspect with probability g / p, violate
    # with probability c / p; every float is the rounding of the exact value
    gain, fine, cost, penalty = 0.3, 0.7, 0.1, 0.9
    A = [[-cost, -cost], [-penalty, 0.0]]  # the inspector: inspect / not, against violate / comply
    B = [[gain - fine, 0.0], [gain, 0.0]]  # the inspectee: violate / comply
    es = equilibria(NormalFormGame.from_bimatrix(A, B))
    (e,) = es
    a = [[Fraction(v) for v in row] for row in A]
    b = [[Fraction(v) for v in row] for row in B]
    q = (a[1][1] - a[0][1]) / (a[0][0] - a[0][1] - a[1][0] + a[1][1])
    p = (b[1][1] - b[1][0]) / (b[0][0] - b[0][1] - b[1][0] + b[1][1])
    assert e.profile == ((float(p), float(1 - p)), (float(q), float(1 - q)))
    assert e.payoffs == (float(a[0][0] * q + a[0][1] * (1 - q)), float(b[0][0] * p + b[1][0] * (1 - p)))
    assert math.isclose(p, Fraction(3, 7)) and math.isclose(q, Fraction(1, 9))
