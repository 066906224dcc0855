"""Tests of solvers.nash.equilibria: literature closed forms, properties, cross-checks."""

from __future__ import annotations

import itertools
import warnings

import nashpy
import numpy as np
import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from games.catalog import classic
from games.errors import GovgamesWarning, UnsupportedGame
from games.normal_form import NormalFormGame
from games.testing import bimatrix_games, is_degenerate_bimatrix, normal_form_games, points
from solvers.nash import equilibria
from solvers.pure import pure_equilibria

R = sympy.Rational


def profiles(eqs):
    return [e.profile for e in eqs]


def as_float_set(eqs, digits=6):
    return sorted(tuple(round(float(p), digits) + 0.0 for s in e.profile for p in s) for e in eqs)


def assert_zero_regret(eqs, game, tol=1e-8):
    for e in eqs:
        for r in e.regret(game):
            if game.is_exact:
                assert r == 0
            else:
                assert float(r) <= tol


# ----------------------------------------------------------- classic games
# Closed forms: Osborne (2004), An Introduction to Game Theory, ch. 2-4.

CLASSICS = [
    pytest.param(classic.prisoners_dilemma, [((0, 1), (0, 1))], id="osborne2004_pd"),
    pytest.param(classic.battle_of_the_sexes,
                 [((1, 0), (1, 0)), ((0, 1), (0, 1)), ((R(2, 3), R(1, 3)), (R(1, 3), R(2, 3)))],
                 id="osborne2004_bos"),
    pytest.param(classic.matching_pennies, [((R(1, 2), R(1, 2)), (R(1, 2), R(1, 2)))],
                 id="osborne2004_matching_pennies"),
    # stag hunt (4,0 / 3,3): mixed at P(stag) = 3/4
    pytest.param(classic.stag_hunt,
                 [((1, 0), (1, 0)), ((0, 1), (0, 1)), ((R(3, 4), R(1, 4)), (R(3, 4), R(1, 4)))],
                 id="osborne2004_stag_hunt"),
    # chicken (0 / -1, 1 / -10): mixed at P(swerve) = 9/10
    pytest.param(classic.chicken,
                 [((1, 0), (0, 1)), ((0, 1), (1, 0)), ((R(9, 10), R(1, 10)), (R(9, 10), R(1, 10)))],
                 id="osborne2004_chicken"),
]


@pytest.mark.parametrize("factory, expected", CLASSICS)
def test_classic_equilibrium_sets_exact(factory, expected):
    game = factory()
    eqs = equilibria(game)
    assert sorted(map(str, profiles(eqs))) == sorted(map(str, expected))
    assert eqs.complete and not eqs.degenerate and eqs.exact
    assert all(isinstance(p, sympy.Rational) for e in eqs for s in e.profile for p in s)
    assert_zero_regret(eqs, game)


@pytest.mark.parametrize("factory, expected", CLASSICS)
def test_classic_equilibrium_sets_float(factory, expected):
    game = factory()
    fgame = NormalFormGame(game.float_payoffs(), players=game.players, strategies=game.strategies)
    got = as_float_set(equilibria(fgame))
    want = sorted(tuple(round(float(p), 6) + 0.0 for s in prof for p in s) for prof in expected)
    assert got == want


def test_pure_equilibria_listed_first():
    eqs = equilibria(classic.battle_of_the_sexes())
    assert [e.kind for e in eqs] == ["pure", "pure", "mixed"]
    assert eqs[2].payoffs == (R(2, 3), R(2, 3))


def test_symbolic_battle_of_the_sexes():
    game = classic.battle_of_the_sexes(symbolic=True)
    h, l = game.space["high"], game.space["low"]
    eqs = equilibria(game)
    assert len(eqs) == 3
    mixed = eqs[2]
    assert sympy.simplify(mixed.profile[0][0] - h / (h + l)) == 0
    assert sympy.simplify(mixed.profile[1][0] - l / (h + l)) == 0
    assert all(e.condition is sympy.true for e in eqs)


# ----------------------------------------------------------- inspection game

def test_inspection_game_symbolic_tsebelis():
    # Tsebelis (1989), APSR 83(1): the violation rate depends only on the
    # inspector's payoffs; the fine only lowers the inspection rate.
    game = classic.inspection()
    sp = game.space
    g, f, k, v, d = (sp[n] for n in ("gain", "fine", "inspection_cost", "detection_value", "damage"))
    eqs = equilibria(game)
    assert len(eqs) == 1 and eqs.complete
    (e,) = eqs
    violate, inspect = e.profile[0][0], e.profile[1][0]
    assert sympy.simplify(violate - k / (v + d)) == 0
    assert sympy.simplify(inspect - g / (g + f)) == 0
    assert sympy.diff(violate, f) == 0
    assert sympy.simplify(sympy.diff(inspect, f)) != 0
    assert e.condition is sympy.true  # k < v + d is part of the space
    assert sympy.simplify(e.payoffs[0]) == 0
    assert sympy.simplify(e.payoffs[1] + d * k / (v + d)) == 0
    assert pure_equilibria(game) == pure_equilibria(game) and len(pure_equilibria(game)) == 0


def test_inspection_game_condition_when_cost_unconstrained():
    # Without k < v + d, the mixed equilibrium needs it as its condition and the
    # profile (violate, not inspect) is a pure equilibrium when k >= v + d.
    g, f, k, v, d = sympy.symbols("g f k v d", positive=True)
    game = NormalFormGame.from_bimatrix([[-f, g], [0, 0]], [[v - k, -d], [-k, 0]])
    eqs = equilibria(game)
    conds = {e.kind: e.condition for e in eqs}
    assert set(conds) == {"pure", "mixed"}
    from games.conditions import is_valid
    assert is_valid(sympy.Equivalent(conds["mixed"], k < v + d), game.space) is True
    pure = [e for e in eqs if e.kind == "pure"]
    assert len(pure) == 1 and pure[0].profile == ((1, 0), (0, 1))
    assert pure[0].holds_at({"g": 1, "f": 1, "k": 5, "v": 1, "d": 1})
    assert not pure[0].holds_at({"g": 1, "f": 1, "k": 1, "v": 1, "d": 1})


def test_inspection_numeric_matches_closed_form():
    game = classic.inspection(symbolic=False)  # g, f, k, v, d = 1, 3, 1, 2, 2
    (e,) = equilibria(game)
    assert e.profile == ((R(1, 4), R(3, 4)), (R(1, 4), R(3, 4)))


# ----------------------------------------------------------- n players

def test_three_player_matching_pennies_unique_equilibrium():
    # Jordan (1993), "Three problems in learning mixed-strategy Nash
    # equilibria", GEB 5: 368-386: player 1 wants to match 2, player 2 to
    # match 3, player 3 to mismatch 1; the unique equilibrium is (1/2, 1/2)^3.
    def payoff(prof):
        a, b, c = prof
        return (int(a == b), int(b == c), int(c != a))

    game = NormalFormGame.from_payoff_function(payoff, [("H", "T")] * 3)
    eqs = equilibria(game)
    half = (R(1, 2), R(1, 2))
    assert profiles(eqs) == [(half, half, half)]
    assert eqs.complete and not eqs.degenerate
    assert_zero_regret(eqs, game)


@pytest.mark.parametrize("n", [2, 3])
def test_volunteers_dilemma_symmetric_equilibrium(n):
    # Diekmann (1985), J. Conflict Resolution 29: 605-610: q^(N-1) = c/b.
    game = classic.volunteers_dilemma(n)
    b, c = game.space["benefit"], game.space["cost"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GovgamesWarning)
        eqs = equilibria(game)
    full = [e for e in eqs if all(len(s) == 2 for s in e.support)]
    assert len(full) == 1
    q = full[0].profile[0][1]  # probability of abstaining
    assert all(s[1] == q for s in full[0].profile)
    pt = {"benefit": 3, "cost": 1}
    assert float(q.subs({b: 3, c: 1})) == pytest.approx((1 / 3) ** (1 / (n - 1)))
    # pure equilibria: exactly one volunteer
    pure = [e for e in eqs if e.kind == "pure"]
    assert len(pure) == n
    assert all(sum(1 for s in e.profile if s[0] == 1) == 1 for e in pure)
    # cross-check: the symbolic solution at a point equals the numeric solve there
    num = equilibria(game.subs(pt))
    assert as_float_set(eqs.at(pt)) == as_float_set(num)


@pytest.mark.parametrize("n", [4, 5])
def test_volunteers_dilemma_closed_form_is_equilibrium(n):
    # q = (c/b)^(1/(N-1)) makes every player indifferent (Diekmann 1985).
    game = classic.volunteers_dilemma(n, symbolic=False)  # b = 2, c = 1
    q = R(1, 2) ** R(1, n - 1)
    prof = tuple((1 - q, q) for _ in range(n))
    dev = [game.expected_payoffs([[1, 0]] + [[1 - q, q]] * (n - 1))[0],
           game.expected_payoffs([[0, 1]] + [[1 - q, q]] * (n - 1))[0]]
    assert sympy.simplify(dev[0] - dev[1]) == 0
    from solvers.equilibrium import Equilibrium
    from solvers._algebraic import verify_algebraic
    verify_algebraic(Equilibrium(prof, game.expected_payoffs(prof)), game)


def test_volunteers_n_player_agrees_with_two_player_solver():
    game = classic.volunteers_dilemma(2, symbolic=False)
    bim = NormalFormGame.from_bimatrix(game.payoffs[..., 0], game.payoffs[..., 1])
    from solvers.nash import _support_enumeration_general
    a = equilibria(bim)
    b = _support_enumeration_general(game, None, None, None)
    assert as_float_set(a) == as_float_set(b)


def test_n_player_float_game():
    def payoff(prof):
        a, b, c = prof
        return (float(a == b), float(b == c), float(c != a))

    game = NormalFormGame.from_payoff_function(payoff, [("H", "T")] * 3)
    eqs = equilibria(game)
    assert as_float_set(eqs) == [(0.5,) * 6]
    assert not eqs.exact


def test_n_player_continuum_is_reported():
    # all payoffs equal: every profile is an equilibrium
    game = NormalFormGame(np.zeros((2, 2, 2, 3), dtype=int).tolist())
    with pytest.warns(GovgamesWarning, match="continuum"):
        eqs = equilibria(game)
    assert eqs.degenerate and not eqs.complete
    assert len(pure_equilibria(game)) == 8
    assert len(eqs) >= 8


# ----------------------------------------------------------- degenerate games

def test_degenerate_game_components():
    # von Stengel (2007), AGT ch. 3, eq. (3.7)-type degenerate game: the
    # column player is indifferent at the top row, giving a continuum.
    A = [[3, 3], [2, 5], [0, 6]]
    B = [[3, 3], [2, 6], [3, 1]]
    game = NormalFormGame.from_bimatrix(A, B)
    with pytest.warns(GovgamesWarning, match="continua"):
        eqs = equilibria(game)
    assert eqs.degenerate and eqs.complete
    big = [c for c in eqs.components if len(c) > 1]
    assert big
    # every mixture inside a component is an equilibrium (checked exactly)
    from solvers.equilibrium import Equilibrium
    for comp in eqs.components:
        xs = {eqs[i].profile[0] for i in comp}
        ys = {eqs[i].profile[1] for i in comp}
        for x, y in itertools.product(xs, ys):
            assert any(eqs[i].profile == (x, y) for i in comp)
        xm = tuple(sum(v) / len(xs) for v in zip(*xs))
        ym = tuple(sum(v) / len(ys) for v in zip(*ys))
        mid = Equilibrium((xm, ym), game.expected_payoffs([xm, ym]))
        assert mid.verify(game) is mid
    # the pure equilibrium (top row, left column) lies in a component with a mixed one
    assert ((1, 0, 0), (1, 0)) in profiles(eqs)


def test_all_zero_game_is_one_component():
    game = NormalFormGame.from_bimatrix(np.zeros((2, 3), dtype=int), np.zeros((2, 3), dtype=int))
    with pytest.warns(GovgamesWarning):
        eqs = equilibria(game)
    assert len(eqs) == 6  # all pure profiles are the extreme points
    assert eqs.components == (tuple(range(6)),)


# ----------------------------------------------------------- methods, guards

def test_nashpy_methods_agree_on_float_game():
    rng = np.random.default_rng(1)
    A, B = rng.standard_normal((4, 4)), rng.standard_normal((4, 4))
    game = NormalFormGame.from_bimatrix(A, B)
    ours = as_float_set(equilibria(game))
    assert as_float_set(equilibria(game, method="vertex_enumeration")) == ours
    assert as_float_set(equilibria(game, method="support_enumeration")) == ours
    one = equilibria(game, method="lemke_howson")
    assert len(one) == 1 and not one.complete
    assert as_float_set(one)[0] in ours


def test_nashpy_gets_float64_from_small_int_dtypes():
    # nashpy overflows on int8 payoffs; the game stores exact ints and the
    # solver hands nashpy float64 copies.
    A = np.array([[100, -100], [-100, 100]], dtype=np.int8)
    game = NormalFormGame.from_bimatrix(A.astype(float), (-A).astype(float))
    (e,) = equilibria(game, method="support_enumeration")
    assert e.profile == ((0.5, 0.5), (0.5, 0.5))


def test_lemke_howson_exact_game_gives_exact_equilibrium():
    game = classic.battle_of_the_sexes()
    (e,) = equilibria(game, method="lemke_howson")
    assert e.exact and e.verify(game) is e
    assert all(isinstance(p, sympy.Rational) for s in e.profile for p in s)


def test_size_guard_suggests_lemke_howson():
    rng = np.random.default_rng(0)
    game = NormalFormGame.from_bimatrix(rng.standard_normal((20, 20)), rng.standard_normal((20, 20)))
    with pytest.raises(UnsupportedGame, match="lemke_howson"):
        equilibria(game)
    assert len(equilibria(game, method="lemke_howson")) == 1


def test_time_limit_refuses_up_front():
    rng = np.random.default_rng(0)
    game = NormalFormGame.from_bimatrix(rng.standard_normal((10, 10)), rng.standard_normal((10, 10)))
    with pytest.raises(UnsupportedGame, match="time_limit"):  # (passed before the first check)
        equilibria(game, time_limit=1e-9)


def test_max_support_size():
    game = classic.battle_of_the_sexes()
    eqs = equilibria(game, max_support_size=1)
    assert len(eqs) == 2 and not eqs.complete


@pytest.mark.parametrize("kwargs, match", [
    (dict(method="simplex"), "method must be one of"),
    (dict(time_limit=-1), "time_limit must be a positive number"),
    (dict(max_support_size=0), "max_support_size must be a positive integer"),
])
def test_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        equilibria(classic.matching_pennies(), **kwargs)


def test_not_a_game():
    with pytest.raises(TypeError, match="game must be a NormalFormGame"):
        equilibria([[1, 2], [3, 4]])


def test_symbolic_rejects_nashpy_methods():
    with pytest.raises(UnsupportedGame, match="method"):
        equilibria(classic.inspection(), method="lemke_howson")


# ----------------------------------------------------------- properties

@settings(max_examples=40, deadline=None)
@given(bimatrix_games(max_strategies=4, exact=True))
def test_exact_equilibria_have_zero_regret(game):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GovgamesWarning)
        eqs = equilibria(game)
    assert len(eqs) >= 1
    assert_zero_regret(eqs, game)
    if not eqs.degenerate:
        assert len(eqs) % 2 == 1  # Lemke-Howson oddness theorem (nondegenerate games)


@settings(max_examples=40, deadline=None)
@given(bimatrix_games(max_strategies=4, exact=True), st.data())
def test_pure_equilibria_are_among_all(game, data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GovgamesWarning)
        eqs = equilibria(game)
    allp = set(profiles(eqs))
    assert set(profiles(pure_equilibria(game))) <= allp
    assert {e.profile for e in eqs if e.kind == "pure"} == set(profiles(pure_equilibria(game)))


@settings(max_examples=30, deadline=None)
@given(bimatrix_games(max_strategies=4, exact=True, degenerate=False),
       st.integers(1, 5), st.integers(-5, 5), st.integers(1, 5), st.integers(-5, 5), st.randoms())
def test_invariance_affine_and_relabelling(game, a1, b1, a2, b2, rnd):
    m, n = game.shape
    A, B = game.payoffs[..., 0], game.payoffs[..., 1]
    rows, cols = list(range(m)), list(range(n))
    rnd.shuffle(rows)
    rnd.shuffle(cols)
    A2 = (A * a1 + b1)[np.ix_(rows, cols)]
    B2 = (B * a2 + b2)[np.ix_(rows, cols)]
    g2 = NormalFormGame.from_bimatrix(A2, B2)
    e1 = {e.profile for e in equilibria(game)}
    e2 = {(tuple(x[rows.index(i)] for i in range(m)), tuple(y[cols.index(j)] for j in range(n)))
          for x, y in profiles(equilibria(g2))}
    assert e1 == e2


@st.composite
def float_bimatrix(draw, min_strategies=2, max_strategies=4):
    # well-scaled floats with 3 decimals: generic (nondegenerate) almost surely
    m = draw(st.integers(min_strategies, max_strategies))
    n = draw(st.integers(min_strategies, max_strategies))
    vals = draw(st.lists(st.integers(-10_000, 10_000), min_size=2 * m * n, max_size=2 * m * n))
    arr = np.array(vals, dtype=float).reshape(m, n, 2) / 1000.0
    return NormalFormGame(arr)


@settings(max_examples=25, deadline=None)
@given(float_bimatrix())
def test_agrees_with_nashpy_vertex_enumeration(game):
    assume(not is_degenerate_bimatrix(game))
    A = np.array(game.payoffs[..., 0], dtype=np.float64)
    B = np.array(game.payoffs[..., 1], dtype=np.float64)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = list(nashpy.Game(A, B).vertex_enumeration())
    ref = sorted(tuple(round(float(p), 5) + 0.0 for s in prof for p in s) for prof in theirs)
    ref = sorted(set(ref))
    ours = sorted(set(as_float_set(equilibria(game), 5)))
    assert ours == ref


@settings(max_examples=30, deadline=None)
@given(bimatrix_games(max_strategies=4, exact=True, degenerate=False))
def test_float_and_exact_agree(game):
    fgame = NormalFormGame(game.float_payoffs(), players=game.players, strategies=game.strategies)
    assert as_float_set(equilibria(game)) == as_float_set(equilibria(fgame))


@settings(max_examples=25, deadline=None)
@given(bimatrix_games(max_strategies=3, exact=True, degenerate=True))
def test_degenerate_components_are_convex_sets_of_equilibria(game):
    from solvers.equilibrium import Equilibrium
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GovgamesWarning)
        eqs = equilibria(game)
    assert eqs.degenerate
    covered = set()
    for comp in eqs.components:
        covered |= set(comp)
        xs = sorted({eqs[i].profile[0] for i in comp})
        ys = sorted({eqs[i].profile[1] for i in comp})
        xm = tuple(sum(v) / len(xs) for v in zip(*xs))
        ym = tuple(sum(v) / len(ys) for v in zip(*ys))
        Equilibrium((xm, ym), game.expected_payoffs([xm, ym])).verify(game)
    assert covered == set(range(len(eqs)))


@settings(max_examples=20, deadline=None)
@given(points(classic.inspection().space))
def test_symbolic_at_point_equals_numeric_solve(point):
    game = classic.inspection()
    sym = equilibria(game).at(point)
    num = equilibria(game.subs(point))
    assert as_float_set(sym, 5) == as_float_set(num, 5)


@settings(max_examples=10, deadline=None)
@given(points(classic.battle_of_the_sexes(symbolic=True).space))
def test_symbolic_bos_at_point_equals_numeric_solve(point):
    game = classic.battle_of_the_sexes(symbolic=True)
    assert as_float_set(equilibria(game).at(point), 5) == as_float_set(equilibria(game.subs(point)), 5)


@settings(max_examples=10, deadline=None)
@given(normal_form_games(n_players=3, min_strategies=2, max_strategies=2, exact=True,
                         min_value=-3, max_value=3))
def test_three_player_equilibria_have_zero_regret(game):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GovgamesWarning)
        eqs = equilibria(game)
    assume(not eqs.degenerate)
    assert len(eqs) >= 1  # Nash (1951)
    for e in eqs:
        e.verify(game) if all(getattr(p, "is_Rational", False) for s in e.profile for p in s) else None
    pure = set(profiles(pure_equilibria(game)))
    assert pure <= set(profiles(eqs))


# ----------------------------------------------------------- pygambit cross-check

def test_pygambit_extreme_equilibria_in_components():
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(3)
    for _ in range(30):
        m, n = rng.integers(2, 5, size=2)
        A = rng.integers(-2, 3, size=(m, n))
        B = rng.integers(-2, 3, size=(m, n))
        game = NormalFormGame.from_bimatrix(A.tolist(), B.tolist())
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", GovgamesWarning)
            eqs = equilibria(game)
        g = gbt.Game.from_arrays(A, B)
        res = gbt.nash.enummixed_solve(g, rational=True)
        ours = set(profiles(eqs))
        theirs = set()
        for prof in res.equilibria:
            p1, p2 = list(g.players)
            x = tuple(R(str(prof[s])) for s in p1.strategies)
            y = tuple(R(str(prof[s])) for s in p2.strategies)
            assert (x, y) in ours
            theirs.add((x, y))
        # enummixed lists exactly the extreme equilibria
        assert ours == theirs


def test_symbolic_structural_ties_reported_as_continuum():
    # the column player is indifferent everywhere: continua on the whole space
    a = sympy.Symbol("a", positive=True)
    game = NormalFormGame.from_bimatrix([[a, 0], [0, 1]], [[0, 0], [0, 0]])
    with pytest.warns(GovgamesWarning, match="continuum"):
        eqs = equilibria(game)
    assert eqs.degenerate and not eqs.complete
    assert {e.profile for e in eqs if e.kind == "pure"} == {((1, 0), (1, 0)), ((0, 1), (0, 1))}
