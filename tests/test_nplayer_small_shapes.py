"""Small n-player games: the exact linear/quadratic path and the enumeration built on it.

Support profiles where two players mix (a linear system), or three or four mix
over two strategies each (one quadratic; resultants and certified root
isolation), are answered by :mod:`solvers._support_small`;
every answer is checked here against the exact Groebner solver
(:func:`solvers.support_numeric.solve_numeric_support`), and the whole
enumeration against that solver run on every support profile (brute force).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from games.normal_form import NormalFormGame
from solvers._support_small import integer_payoffs, solve_small_support
from solvers.support_numeric import (_comparison_payoffs, numeric_enumeration, rational_payoffs,
                                     solve_numeric_support)
from solvers.support_intervals import settle_supports
from solvers.support_profiles import iter_support_profiles

SHAPES = [(2, 2, 2), (2, 3, 2), (3, 2, 2), (2, 2, 2, 2)]


def _vec(prof):
    return [float(x) for s in prof for x in s]


def _close(a, b, tol=1e-12):
    return len(a) == len(b) and all(abs(x - y) <= tol for x, y in zip(a, b))


def _game(shape, values, kind):
    P = np.array(values, dtype=float).reshape(shape + (len(shape),))
    return NormalFormGame(P if kind == "float" else P.astype(int))


def _games(draw_values):
    return st.sampled_from(SHAPES).flatmap(
        lambda shape: st.tuples(st.just(shape), st.lists(
            draw_values, min_size=math.prod(shape) * len(shape),
            max_size=math.prod(shape) * len(shape))))


FLOATS = st.floats(-10, 10, allow_nan=False).map(lambda v: round(v, 3))
SMALL_INTS = st.integers(-1, 1)


def _check_small_against_exact(game):
    F = rational_payoffs(game)
    pay = integer_payoffs(_comparison_payoffs(F))
    decided = 0
    for supp in iter_support_profiles(game.shape):
        if all(len(S) == 1 for S in supp):
            continue
        small = solve_small_support(pay, supp)
        if small is None:
            continue
        decided += 1
        status, found = solve_numeric_support(F, supp)
        assert status == "points", supp  # a decided profile is never a continuum
        ours = sorted(_vec(p) for p in small)
        exact = sorted(_vec(p) for p, _, _ in found)
        assert len(ours) == len(exact), (supp, ours, exact)
        assert all(_close(a, b) for a, b in zip(ours, exact)), (supp, ours, exact)
    return decided


@settings(max_examples=12)
@given(st.sampled_from(SHAPES), st.integers(0, 2**32 - 1))
def test_small_path_matches_exact_solver_float(shape, seed):
    P = np.random.default_rng(seed).standard_normal(shape + (len(shape),))
    assert _check_small_against_exact(NormalFormGame(P)) > 0


@settings(max_examples=12)
@given(_games(FLOATS))
def test_small_path_matches_exact_solver_short_floats(case):
    shape, values = case
    _check_small_against_exact(_game(shape, values, "float"))


@settings(max_examples=12)
@given(_games(SMALL_INTS))
def test_small_path_matches_exact_solver_degenerate_ints(case):
    # payoffs in {-1, 0, 1}: ties everywhere; decided profiles must still agree exactly
    shape, values = case
    _check_small_against_exact(_game(shape, values, "int"))


def _brute_force(game):
    """Every equilibrium, by the exact solver on every support profile."""
    F = rational_payoffs(game)
    out, continua = [], []
    for supp in iter_support_profiles(game.shape):
        status, found = solve_numeric_support(F, supp)
        if status == "continuum":
            continua.append(supp)
        out.extend(_vec(p) for p, _, _ in found)
    return sorted(out), continua


@settings(max_examples=8)
@given(st.sampled_from([(2, 2, 2), (2, 3, 2)]).flatmap(
    lambda shape: st.tuples(st.just(shape), st.integers(0, 2**32 - 1))))
def test_enumeration_equals_brute_force_on_random_float_games(case):
    shape, seed = case
    game = NormalFormGame(np.random.default_rng(seed).standard_normal(shape + (len(shape),)))
    eqs, continua, _ = numeric_enumeration(game, None, report=lambda item: None)
    expected, expected_continua = _brute_force(game)
    assert continua == expected_continua == []
    got = sorted(_vec(e.profile) for e in eqs)
    assert len(got) == len(expected)
    assert all(_close(a, b, 1e-9) for a, b in zip(got, expected))
    for e in eqs:  # zero regret up to float rounding
        assert max(float(r) for r in e.regret(game)) <= 1e-9


def test_jordan_cyclic_matching_pennies_unique_mixed_equilibrium():
    # Jordan (1993), "Three problems in learning mixed-strategy Nash equilibria",
    # GEB 5: 368-386: player 1 matches 2, 2 matches 3, 3 mismatches 1; the unique
    # equilibrium has every player mixing 1/2-1/2.
    P = np.zeros((2, 2, 2, 3), dtype=int)
    for a, b, c in np.ndindex(2, 2, 2):
        P[a, b, c] = [int(a == b), int(b == c), int(c != a)]
    for game in (NormalFormGame(P), NormalFormGame(P.astype(float))):
        eqs, continua, _ = numeric_enumeration(game, None, report=lambda item: None)
        assert continua == [] and len(eqs) == 1
        half = sympy.Rational(1, 2) if game.is_exact else 0.5
        assert eqs[0].profile == ((half, half),) * 3


def test_two_irrational_totally_mixed_equilibria_closed_form():
    # A 2x2x2 game built so that, with x_i = P(player i plays 0), player 1 is
    # indifferent iff x2 + x3 = 1, player 2 iff x1 = x3, player 3 iff x1 x2 = 1/5:
    # the totally mixed equilibria are (r, 1 - r, r) with r(1 - r) = 1/5,
    # r = (5 -+ sqrt 5)/10 -- two of them, McKelvey and McLennan's (1997, J. Econ.
    # Theory 72: 411-425) maximum for 2x2x2 games.
    D = [np.array([[1, 0], [0, -1]]) * 5,      # player 1: over (s2, s3)
         np.array([[0, 1], [-1, 0]]) * 5,      # player 2: over (s1, s3)
         np.array([[4, -1], [-1, -1]])]        # player 3: over (s1, s2)
    P = np.zeros((2, 2, 2, 3), dtype=int)
    for a, b, c in np.ndindex(2, 2, 2):
        P[a, b, c] = [D[0][b, c] * (a == 0), D[1][a, c] * (b == 0), D[2][a, b] * (c == 0)]
    roots = sorted(((5 - math.sqrt(5)) / 10, (5 + math.sqrt(5)) / 10))
    expected = sorted([r, 1 - r, 1 - r, r, r, 1 - r] for r in roots)
    pay = integer_payoffs(_comparison_payoffs(rational_payoffs(NormalFormGame(P))))
    small = sorted(_vec(p) for p in solve_small_support(pay, ((0, 1),) * 3))
    assert all(_close(a, b) for a, b in zip(small, expected)) and len(small) == 2
    for game in (NormalFormGame(P), NormalFormGame(P.astype(float))):
        eqs, _, _ = numeric_enumeration(game, None, report=lambda item: None)
        mixed = sorted(_vec(e.profile) for e in eqs if all(x != 0 for s in e.profile for x in s))
        assert len(mixed) == 2 and all(_close(a, b) for a, b in zip(mixed, expected))
        if game.is_exact:  # exact algebraic values: verify() demands exactly zero regret
            for e in eqs:
                e.verify(game)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_contains_every_pygambit_enumpoly_equilibrium(seed):
    gbt = pytest.importorskip("pygambit")
    shape = (2, 2, 2, 2) if seed == 2 else (2, 2, 2)
    P = np.random.default_rng(1000 + seed).standard_normal(shape + (len(shape),))
    game = NormalFormGame(P)
    eqs, continua, _ = numeric_enumeration(game, None, report=lambda item: None)
    assert continua == []
    ours = [_vec(e.profile) for e in eqs]
    g = gbt.Game.from_arrays(*[P[..., i] for i in range(len(shape))])
    theirs = gbt.nash.enumpoly_solve(g).equilibria
    assert theirs  # enumpoly may miss some, never ours
    for eq in theirs:
        vec = [float(eq[p][s]) for p in g.players for s in p.strategies]
        assert any(_close(vec, v, 1e-6) for v in ours), vec


def _four_mixer_profiles(game):
    """The answer of the four-binary-mixer path on the fully mixed 2x2x2x2 profile."""
    pay = integer_payoffs(_comparison_payoffs(rational_payoffs(game)))
    return solve_small_support(pay, ((0, 1),) * 4)


@settings(max_examples=25)
@given(st.integers(0, 2**32 - 1), st.sampled_from([None, 1, 2]))
def test_four_binary_mixers_match_certified_interval_search(seed, digits):
    # the resultant path against the certified interval search on the same profile
    P = np.random.default_rng(seed).standard_normal((2, 2, 2, 2, 4))
    if digits is not None:
        P = np.round(P, digits)
    ours = _four_mixer_profiles(NormalFormGame(P))
    theirs = settle_supports(P, P, [((0, 1),) * 4])[0]
    if ours is None or theirs is None:  # one side undecided: nothing to compare
        return
    a = sorted(_vec(p) for p in ours)
    b = sorted(_vec(p) for p, _ in theirs)
    assert len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b)), (a, b)
    for prof in a:
        assert all(0 < v < 1 for v in prof)


@settings(max_examples=6)
@given(st.integers(0, 2**32 - 1))
def test_four_binary_mixers_match_exact_solver_on_small_ints(seed):
    # ties and vanishing coefficients: whatever the path decides agrees with Groebner bases
    game = NormalFormGame(np.random.default_rng(seed).integers(-2, 3, (2, 2, 2, 2, 4)))
    ours = _four_mixer_profiles(game)
    if ours is None:
        return
    status, found = solve_numeric_support(rational_payoffs(game), ((0, 1),) * 4)
    assert status == "points"
    a = sorted(_vec(p) for p in ours)
    b = sorted(_vec(p) for p, _, _ in found)
    assert len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b)), (a, b)


def test_four_players_two_irrational_totally_mixed_equilibria_closed_form():
    # x_i = P(player i plays 0). Player 1 is indifferent iff x2 = x3, player 2 iff
    # x3 = x4, player 3 iff x4 = 1 - x1, player 4 iff 5 x1 x2 = 1: the totally mixed
    # equilibria are x1 = 1 - y, x2 = x3 = x4 = y with y (1 - y) = 1/5,
    # y = (5 -+ sqrt 5)/10 (two of McKelvey and McLennan's (1997) at most 9).
    P = np.zeros((2, 2, 2, 2, 4), dtype=int)
    for s in np.ndindex(2, 2, 2, 2):
        z = [int(t == 0) for t in s]
        D = [10 * (z[1] - z[2]), 10 * (z[2] - z[3]), 10 * (z[3] - 1 + z[0]), 5 * z[0] * z[1] - 1]
        P[s] = [D[i] * z[i] for i in range(4)]
    expected = sorted([1 - y, y] + [y, 1 - y] * 3
                      for y in ((5 - math.sqrt(5)) / 10, (5 + math.sqrt(5)) / 10))
    small = sorted(_vec(p) for p in _four_mixer_profiles(NormalFormGame(P)))
    assert len(small) == 2 and all(_close(a, b) for a, b in zip(small, expected))
    eqs, continua, _ = numeric_enumeration(NormalFormGame(P.astype(float)), None,
                                           report=lambda item: None)
    mixed = sorted(_vec(e.profile) for e in eqs if all(x != 0 for s in e.profile for x in s))
    assert len(mixed) == 2 and all(_close(a, b) for a, b in zip(mixed, expected))
    assert ((0, 1),) * 4 not in continua  # (the zero payoffs make continua elsewhere)


def test_four_player_cyclic_matching_pennies():
    # Jordan's (1993) cycle with four players: i matches i + 1, player 4 mismatches
    # player 1. Each player is indifferent iff the next one mixes 1/2-1/2, and no pure
    # profile is stable (an odd number of mismatches): the equilibrium is all 1/2.
    # Its equations each hold one variable; the resultant path must not answer it.
    P = np.zeros((2, 2, 2, 2, 4), dtype=int)
    for a, b, c, d in np.ndindex(2, 2, 2, 2):
        P[a, b, c, d] = [int(a == b), int(b == c), int(c == d), int(d != a)]
    assert _four_mixer_profiles(NormalFormGame(P)) is None
    for game in (NormalFormGame(P), NormalFormGame(P.astype(float))):
        eqs, continua, _ = numeric_enumeration(game, None, report=lambda item: None)
        half = sympy.Rational(1, 2) if game.is_exact else 0.5
        assert continua == [] and [e.profile for e in eqs] == [((half, half),) * 4]


# --- inputs from outside: degenerate boxes, huge and tiny scales, irrational constants -----------

def test_degenerate_2x3x2_game_where_every_certified_box_is_undecided():
    # payoffs in {-1, 0, 1}: on the support ((0, 1), (0, 1, 2), (0, 1)) every certified box
    # belongs to an undecided profile (the interval search used to crash on the empty batch)
    P = [[[[1, -1, -1], [1, -1, -1]], [[-1, -1, 1], [1, 1, 1]], [[0, 0, 0], [-1, -1, 1]]],
         [[[1, 1, -1], [1, 1, 0]], [[-1, 0, 1], [1, 1, 0]], [[-1, -1, 0], [-1, 1, 0]]]]
    game = NormalFormGame(P)
    eqs, continua, _ = numeric_enumeration(game, None, report=lambda item: None)
    expected, expected_continua = _brute_force(game)
    assert sorted(_vec(e.profile) for e in eqs) == expected
    assert continua == expected_continua
    for e in eqs:
        assert all(r == 0 for r in e.regret(game))


BASE = [[[[0, 2, -3], [1, 0, 0]], [[-2, 1, 2], [3, 1, -1]]],
        [[[2, -1, 0], [-3, -3, 3]], [[-1, 2, 1], [-2, 0, 0]]]]


@pytest.mark.parametrize("scale", [10 ** 200, 10 ** 400, sympy.Rational(1, 10 ** 60)],
                         ids=["1e200", "1e400", "1e-60"])
def test_exact_games_at_extreme_scales_have_the_same_equilibria(scale):
    # a positive factor changes no best response; one equilibrium has sqrt(3505) in it, and its
    # certificate must be exact at every scale (a fixed 1e-40 tolerance rejected it at 1e200)
    from solvers.nash import equilibria

    base = [e.profile for e in equilibria(NormalFormGame(BASE))]
    scaled = equilibria(NormalFormGame((np.array(BASE, dtype=object) * scale).tolist()))
    assert [e.profile for e in scaled] == base
    assert any(e.profile[0][0].has(sympy.sqrt(3505)) for e in scaled)


@pytest.mark.parametrize("scale", [1e250, 1e308 / 3])
def test_float_games_near_the_float_limit(scale):
    from solvers.nash import equilibria

    base = [_vec(e.profile) for e in equilibria(NormalFormGame(np.array(BASE, dtype=float)))]
    got = [_vec(e.profile) for e in equilibria(NormalFormGame(np.array(BASE, dtype=float) * scale))]
    assert len(got) == len(base) == 3
    assert all(_close(a, b, 1e-12) for a, b in zip(got, base))


def test_an_algebraic_profile_that_is_not_an_equilibrium_is_rejected_at_any_scale():
    from games.errors import GameError
    from solvers._support import make_equilibrium

    tiny = (np.array([[1, 0], [0, 1]], dtype=object) * sympy.Rational(1, 10 ** 60)).tolist()
    game = NormalFormGame.from_bimatrix(tiny, tiny)
    x = (sympy.sqrt(2) / 2, 1 - sympy.sqrt(2) / 2)  # not an equilibrium of a coordination game
    with pytest.raises(GameError, match="gains"):
        make_equilibrium(game, (x, x), (0, 0))


@pytest.mark.parametrize("constant", [sympy.sqrt(2), sympy.pi])
def test_irrational_constant_payoffs_get_a_clear_refusal(constant):
    from games.errors import UnsupportedGame
    from solvers.nash import equilibria
    from solvers.pure import pure_equilibria

    for game in (NormalFormGame.from_bimatrix([[constant, 0], [0, 1]], [[1, 0], [0, 2]]),
                 NormalFormGame((np.array(BASE, dtype=object) * constant).tolist())):
        for solve in (equilibria, pure_equilibria):
            with pytest.raises(UnsupportedGame, match="as a float, or as a parameter"):
                solve(game)


def test_exact_four_player_game_with_a_degree_nine_root():
    # integer 2x2x2x2 game whose fully mixed equilibrium is a root of a degree-9 polynomial
    # (McKelvey and McLennan 1997: at most 9 totally mixed equilibria); its certificate
    # evaluates each root once, and the support ties hold to 185 digits of the payoff scale
    from solvers.nash import equilibria

    P = np.random.default_rng(4).integers(-9, 10, (2, 2, 2, 2, 4))
    game = NormalFormGame(P.tolist())
    eqs = equilibria(game)
    roots = [e for e in eqs if any(x.has(sympy.CRootOf) for s in e.profile for x in s)]
    assert len(eqs) == 4 and len(roots) == 1
    assert all(abs(sympy.N(r, 50)) < 1e-40 for r in roots[0].regret(game))
    # the float game (certified by interval arithmetic, not by this certificate) agrees
    got = sorted(_vec(e.profile) for e in equilibria(NormalFormGame(P.astype(float))))
    want = sorted(_vec(e.profile) for e in eqs)
    assert len(got) == len(want) and all(_close(a, b, 1e-12) for a, b in zip(got, want))


def test_exact_three_mixer_roots_need_no_factoring_of_huge_discriminants():
    # the small path's u + v sqrt(d) is taken as it is; solving the quadratic again made sympy
    # factor a discriminant of thousands of bits (minutes at payoffs of 10^400)
    from solvers.nash import equilibria

    B = np.random.default_rng(23).integers(-9, 10, (2, 2, 2, 3)).astype(object)
    base = equilibria(NormalFormGame(B.tolist()))
    big = equilibria(NormalFormGame((B * 10 ** 400).tolist()), time_limit=60)
    assert big.complete and [e.profile for e in big] == [e.profile for e in base]
    mixed = [e for e in big if any(x.has(sympy.sqrt(2265)) for s in e.profile for x in s)]
    assert len(mixed) == 1 and mixed[0].profile[2][0] == sympy.Rational(57, 80) - sympy.sqrt(2265) / 240


def test_a_root_expression_is_zero_only_when_its_minimal_polynomial_divides_it():
    # a rational function of one root r of x^9 - 3x + 1 (irreducible): zero exactly when the
    # polynomial divides its numerator; a rational within 1e-240 of r is not r (the 10^-185
    # rule for several roots would have called r - q zero)
    from solvers._algebraic import algebraic_sign as _algebraic_sign

    x = sympy.Symbol("x")
    r = sympy.CRootOf(x ** 9 - 3 * x + 1, 1)
    q = sympy.nsimplify(sympy.N(r, 260), rational=True, tolerance=sympy.Rational(1, 10 ** 240))
    one = sympy.Integer(1)
    assert _algebraic_sign(r - q, one) == (1 if sympy.N(r - q, 400) > 0 else -1)
    assert _algebraic_sign(q - r, one) == -_algebraic_sign(r - q, one)
    assert _algebraic_sign((r ** 9 - 3 * r + 1) * (r ** 2 + 5) / (r - 7), one) == 0
    assert _algebraic_sign(r ** 9 - 3 * r, one) == -1  # = -1 exactly
