"""Isolated equilibria of exact n-player games next to a continuum of solutions.

When the indifference system of a support profile has a positive-dimensional
solution set (after removing the components where a probability vanishes),
its nonsingular solutions are still isolated (inverse function theorem; Rudin
1976, Thm. 9.24) and are found by saturating with the Jacobian determinant
(Cox, Little and O'Shea 2015, ch. 4 sec. 4). A continuum is reported only
when singular solutions may meet the region of equilibria.

The games below are built so that every indifference condition factors:
player ``i``'s gain from ``a`` over ``b`` is ``L_i * C_i``, with ``L_i``
linear in one opponent's probability and ``C_i`` in two others'. The
solutions of the totally mixed system are the unions over the 16 choices of
one factor per player (each a linear system, solved here by sympy), which
gives the expected equilibria independently of the solver.
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from games.normal_form import NormalFormGame
from solvers.nash import equilibria
from solvers.support_numeric import numeric_enumeration, rational_payoffs, solve_numeric_support

X = sympy.symbols("x1:5")  # x_j: player j's probability of "a"
R = sympy.Rational
MIXED = ((0, 1),) * 4

# (L_i, C_i) per player: the curve C_1 = ... = C_4 = 0 is x2 = x3 = x4 = x1 + 2
# (outside the probabilities), the isolated point L_1 = ... = L_4 = 0 is
# (7/17, 11/17, 3/17, 7/17), where no C_i vanishes (a nonsingular solution).
OUTSIDE_LINE = [(17 * X[1] - 11, X[2] - X[3]), (17 * X[2] - 3, X[3] - X[0] - 2),
                (17 * X[3] - 7, X[0] - X[1] + 2), (17 * X[0] - 7, X[1] - X[2])]
# The same with the C_i shifted off the pure profiles (no payoff ties): the curve is
# x4 = x3 + 1/2, x1 = x4 - 3, x2 = x1 + 2, x3 = x2 + 1/2 (outside the probabilities).
SHIFTED = [(17 * X[1] - 11, 2 * X[2] - 2 * X[3] + 1), (17 * X[2] - 3, X[3] - X[0] - 3),
           (17 * X[3] - 7, X[0] - X[1] + 2), (17 * X[0] - 7, 2 * X[1] - 2 * X[2] + 1)]
# The C_i cycle through x3 = x4 = x1 = x2: a line of totally mixed equilibria
# x1 = x2 = x3 = x4 = t, 0 < t < 1, inside the probabilities, beside isolated ones.
INSIDE_LINE = [(17 * X[1] - 11, X[2] - X[3]), (17 * X[2] - 3, X[3] - X[0]),
               (17 * X[3] - 5, X[0] - X[1]), (17 * X[0] - 7, X[1] - X[2])]


def _game(factors, exact=True):
    gain = [sympy.lambdify(X, L * C) for L, C in factors]

    def u(p):
        x = [int(s == "a") for s in p]
        return [gain[i](*x) * x[i] for i in range(4)]  # "b" pays 0

    g = NormalFormGame.from_payoff_function(u, [("a", "b")] * 4)
    return g if exact else NormalFormGame(np.asarray(g.payoffs, dtype=float))


def _isolated_box_points(factors):
    """Totally mixed solutions of the factored system that are isolated and nonsingular."""
    eqs = [L * C for L, C in factors]
    J = sympy.Matrix(eqs).jacobian(X)
    out = set()
    for choice in itertools.product((0, 1), repeat=4):
        sol = sympy.solve([f[c] for f, c in zip(factors, choice)], X, dict=True)
        for s in sol:
            if len(s) < 4 or any(v.free_symbols for v in s.values()):
                continue  # a line: not an isolated solution
            pt = tuple(s[x] for x in X)
            if all(0 < v < 1 for v in pt) and J.subs(dict(zip(X, pt))).det() != 0:
                out.add(pt)
    return sorted(out)


def _vec(profile):
    return [float(v) for s in profile for v in s]


def _same_sets(a, b, tol=1e-9):
    """Equal as sets of profiles, compared numerically."""
    va, vb = [_vec(p) for p in a], [_vec(p) for p in b]
    near = lambda u, v: len(u) == len(v) and all(abs(x - y) <= tol for x, y in zip(u, v))
    return len(va) == len(vb) and all(any(near(u, v) for v in vb) for u in va) \
        and all(any(near(u, v) for u in va) for v in vb)


def _solve(game, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return equilibria(game, **kw)


def _profile(point):
    return tuple((v, 1 - v) for v in point)


# ------------------------------------------------------------------ reproducers


@pytest.mark.parametrize("factors", [OUTSIDE_LINE, SHIFTED], ids=["outside_line", "shifted"])
def test_isolated_equilibrium_beside_a_curve_outside_the_box(factors):
    expected = _profile((R(7, 17), R(11, 17), R(3, 17), R(7, 17)))
    assert _isolated_box_points(factors) == [tuple(s[0] for s in expected)]
    game = _game(factors)
    status, found = solve_numeric_support(rational_payoffs(game), MIXED)
    assert status == "points"  # the curve meets no probability vector
    assert [prof for prof, _, _ in found] == [expected]
    res = _solve(game)
    [e] = [e for e in res if all(v != 0 for s in e.profile for v in s)]
    assert e.profile == expected and all(isinstance(v, sympy.Rational) for s in e.profile
                                         for v in s)
    assert e.verify(game) is e and all(r == 0 for r in e.regret(game))
    assert (("a", "b"),) * 4 not in res.continua
    # the float game (certified interval path) has the same equilibria
    fres = _solve(_game(factors, exact=False))
    assert _same_sets([e.profile for e in res], [e.profile for e in fres])
    assert fres.complete == res.complete


def test_shifted_reproducer_is_complete():
    # no payoff ties: every support profile is settled and nothing is a continuum
    for exact in (True, False):
        res = _solve(_game(SHIFTED, exact=exact))
        assert res.complete and res.continua == ()
        assert len(res) == 3


def test_reproducer_under_a_time_limit_runs_in_the_worker():
    game = _game(OUTSIDE_LINE)
    assert _same_sets([e.profile for e in _solve(game, time_limit=120)],
                      [e.profile for e in _solve(game)])


# ------------------------------------------------------------ genuine continua


def test_square_system_with_a_line_of_equilibria_keeps_its_isolated_points():
    game = _game(INSIDE_LINE)
    expected = _isolated_box_points(INSIDE_LINE)
    # by hand: x1 = x2 = 7/17, x3 = x4 = 3/17; the four L_i; x1 = x4 = 5/17, x2 = x3 = 11/17
    assert expected == sorted([(R(7, 17), R(7, 17), R(3, 17), R(3, 17)),
                               (R(7, 17), R(11, 17), R(3, 17), R(5, 17)),
                               (R(5, 17), R(11, 17), R(11, 17), R(5, 17))])
    status, found = solve_numeric_support(rational_payoffs(game), MIXED)
    assert status == "continuum"
    assert sorted(tuple(s[0] for s in prof) for prof, _, _ in found) == expected
    eqs, continua, _ = numeric_enumeration(game, None, report=lambda item: None)
    assert MIXED in continua
    mixed = sorted(tuple(s[0] for s in e.profile) for e in eqs
                   if all(v != 0 for s in e.profile for v in s))
    assert mixed == expected
    res = _solve(game)
    assert not res.complete and (("a", "b"),) * 4 in res.continua
    for e in res:
        assert all(r == 0 for r in e.regret(game))
    # a point of the line is an equilibrium the enumeration cannot list: the continuum is real
    t = R(1, 3)
    assert all(sympy.expand((L * C).subs(dict(zip(X, (t,) * 4)))) == 0 for L, C in INSIDE_LINE)


def test_cyclic_indifference_has_only_a_continuum():
    # player i is indifferent iff x_{i+1} = x_{i+2} (cyclically): the totally mixed
    # equilibria are the line x1 = x2 = x3 = x4; the Jacobian determinant vanishes identically
    game = _game([(X[1] - X[2], 1), (X[2] - X[3], 1), (X[3] - X[0], 1), (X[0] - X[1], 1)])
    status, found = solve_numeric_support(rational_payoffs(game), MIXED)
    assert (status, found) == ("continuum", [])
    res = _solve(game)
    assert not res.complete and (("a", "b"),) * 4 in res.continua


def test_player_indifferent_everywhere_mixes_freely():
    # players 1 and 2 play matching pennies whatever player 3 does; player 3 always
    # gets 0, so ((1/2, 1/2), (1/2, 1/2), (t, 1 - t)) is an equilibrium for every t
    # (an indifference equation that vanishes: the system is not square)
    P = np.zeros((2, 2, 2, 3), dtype=int)
    for a, b, c in itertools.product(range(2), repeat=3):
        P[a, b, c] = [1 if a == b else -1, -1 if a == b else 1, 0]
    game = NormalFormGame(P.tolist())
    status, found = solve_numeric_support(rational_payoffs(game), ((0, 1),) * 3)
    assert (status, found) == ("continuum", [])
    res = _solve(game)
    assert not res.complete and tuple(game.strategies) in res.continua
    half = (R(1, 2), R(1, 2))
    assert sorted(e.profile for e in res) == [(half, half, (0, 1)), (half, half, (1, 0))]


# ------------------------------------------------- exact and float paths agree


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(-2, 2), min_size=24, max_size=24))
def test_exact_and_float_paths_agree_on_small_integer_games(values):
    P = np.array(values).reshape(2, 2, 2, 3)
    game = NormalFormGame(P.tolist())
    res = _solve(game)
    fres = _solve(NormalFormGame(P.astype(float)))
    if res.complete:
        for e in res:
            assert e.verify(game) is e
            assert all(sympy.simplify(r) == 0 for r in e.regret(game))
    if res.complete and fres.complete:
        assert _same_sets([e.profile for e in res], [e.profile for e in fres])
