"""n-player and symbolic support enumeration: exact, terminating, honest about limits."""

from __future__ import annotations

import tracemalloc
import warnings

import numpy as np
import pytest
import sympy
from hypothesis import assume, given, settings

from games.errors import GovgamesWarning, UnsupportedGame
from games.normal_form import NormalFormGame
from games.testing import normal_form_games
from solvers.nash import equilibria
from solvers.support_enumeration import iter_support_profiles, n_support_profiles

R = sympy.Rational


def _float_profiles(eqs):
    return [np.concatenate([np.array([float(sympy.N(p, 30)) for p in s]) for s in e.profile])
            for e in eqs]


def _quiet(f, *a, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GovgamesWarning)
        return f(*a, **kw)


def _gambit_enumpoly(P):
    gbt = pytest.importorskip("pygambit")
    arrays = [np.asarray(P[..., i]) for i in range(P.shape[-1])]
    g = gbt.Game.from_arrays(*arrays)
    res = gbt.nash.enumpoly_solve(g)
    out = []
    for prof in res.equilibria:
        out.append(np.array([float(prof[s]) for p in g.players for s in p.strategies]))
    return out


def test_support_profiles_are_lazy_and_counted():
    assert n_support_profiles((3, 3, 3)) == 7 ** 3
    gen = iter_support_profiles((12, 12, 12))
    first = next(gen)
    assert first == ((0,), (0,), (0,))
    assert sum(1 for _ in iter_support_profiles((3, 2, 2), 2)) == 6 * 3 * 3


def test_random_3x3x2_exact_and_all_verified():
    # the fault case: payoffs np.random.default_rng(0).integers(-9, 10, (3, 3, 2, 3))
    P = np.random.default_rng(0).integers(-9, 10, (3, 3, 2, 3))
    game = NormalFormGame(P.tolist())
    eqs = _quiet(equilibria, game, time_limit=120)
    assert len(eqs) >= 1
    for e in eqs:  # exact zero regret (algebraic entries: certified to 50 digits)
        for r in e.regret(game):
            assert abs(float(sympy.N(r, 50))) < 1e-30
    ours = _float_profiles(eqs)
    for theirs in _gambit_enumpoly(P):
        assert any(np.allclose(theirs, o, atol=1e-6) for o in ours)


@pytest.mark.parametrize("shape", [(3, 3, 2, 3), (4, 4, 4, 3)])
def test_random_games_keep_time_limit(shape):
    P = np.random.default_rng(0).integers(-9, 10, shape)
    game = NormalFormGame(P.tolist())
    try:
        res = _quiet(equilibria, game, time_limit=3)
    except UnsupportedGame as exc:
        assert 'method="logit"' in str(exc)
    else:
        assert len(res) >= 1
    part = _quiet(equilibria, game, time_limit=3, on_time_limit="partial")
    if not part.complete:
        assert part.unsolved or part.continua
    for e in part:
        for r in e.regret(game):
            assert abs(float(sympy.N(r, 50))) < 1e-30


def test_large_game_refused_without_allocation():
    P = np.random.default_rng(1).integers(-9, 10, (12, 12, 12, 3))
    game = NormalFormGame(P.tolist())
    tracemalloc.start()
    try:
        with pytest.raises(UnsupportedGame, match="logit"):
            equilibria(game, time_limit=5)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 200 * 2 ** 20


def test_continuum_reported():
    # players 1 and 2 play matching pennies, player 3 is indifferent everywhere:
    # ((1/2, 1/2), (1/2, 1/2), sigma_3) is an equilibrium for every sigma_3.
    def payoff(p):
        a, b, c = p
        return (1 if a == b else -1, -1 if a == b else 1, 0)

    game = NormalFormGame.from_payoff_function(payoff, [("H", "T")] * 3)
    with pytest.warns(GovgamesWarning, match="continuum"):
        eqs = equilibria(game)
    assert eqs.degenerate and not eqs.complete
    assert (("H", "T"), ("H", "T"), ("H", "T")) in eqs.continua
    half = (R(1, 2), R(1, 2))
    assert {e.profile for e in eqs} == {(half, half, (1, 0)), (half, half, (0, 1))}


def test_three_player_pennies_unique():
    # Jordan (1993), GEB 5: 368-386: the unique equilibrium is (1/2, 1/2)^3
    game = NormalFormGame.from_payoff_function(
        lambda p: (int(p[0] == p[1]), int(p[1] == p[2]), int(p[2] != p[0])), [("H", "T")] * 3)
    eqs = equilibria(game, time_limit=30)
    assert eqs.complete and [e.profile for e in eqs] == [((R(1, 2), R(1, 2)),) * 3]


@settings(max_examples=6, deadline=None)
@given(normal_form_games(n_players=3, min_strategies=2, max_strategies=2, exact=True,
                         min_value=-5, max_value=5))
def test_2x2x2_agrees_with_pygambit_enumpoly(game):
    eqs = _quiet(equilibria, game, time_limit=60)
    assume(eqs.complete and not eqs.degenerate)
    ours = _float_profiles(eqs)
    P = np.array(game.float_payoffs(), dtype=float)
    theirs = _gambit_enumpoly(P)
    for t in theirs:
        assert any(np.allclose(t, o, atol=1e-6) for o in ours)
    for e in eqs:
        for r in e.regret(game):
            assert abs(float(sympy.N(r, 50))) < 1e-30


def test_cooperative_supply_chain_returns_within_limit():
    from games import catalog

    game = catalog.load("cooperative_supply_chain")
    res = _quiet(equilibria, game, time_limit=20, on_time_limit="partial")
    assert res.complete or res.unsolved or res.continua


def test_bad_on_time_limit():
    game = NormalFormGame(np.zeros((2, 2, 2, 3), dtype=int).tolist())
    with pytest.raises(ValueError, match="on_time_limit"):
        equilibria(game, on_time_limit="ignore")


def _nau_game():
    # Nau, Gomez Canovas and Hansen (2004), "On the geometry of Nash equilibria and
    # correlated equilibria", IJGT 32: 443-453; payoffs as in Gambit's sample
    # 2x2x2-nau.nfg: 3 pure equilibria, 2 incompletely mixed, and a continuum of
    # completely mixed equilibria.
    P = np.zeros((2, 2, 2, 3), dtype=int)
    P[0, 0, 0], P[1, 0, 0], P[0, 1, 0] = (0, 0, 2), (3, 0, 0), (0, 3, 0)
    P[0, 0, 1], P[1, 1, 1] = (1, 1, 0), (0, 0, 3)
    return P, NormalFormGame(P.tolist())


def _pure_equilibria(P):
    """Independent brute force: pure profiles where no player gains by deviating."""
    shape = P.shape[:-1]
    out = set()
    for prof in np.ndindex(*shape):
        ok = True
        for i in range(len(shape)):
            for t in range(shape[i]):
                dev = list(prof)
                dev[i] = t
                if P[tuple(dev) + (i,)] > P[prof + (i,)]:
                    ok = False
        if ok:
            out.add(prof)
    return out


def test_nau_continuum_reported_not_hanging():
    P, game = _nau_game()
    with pytest.warns(GovgamesWarning, match="continuum"):
        eqs = equilibria(game, time_limit=60)
    assert eqs.degenerate and not eqs.complete
    full = (("s1", "s2"),) * 3
    assert full in eqs.continua  # the continuum of completely mixed equilibria
    pure = {tuple(s.index(1) for s in e.profile) for e in eqs if e.kind == "pure"}
    assert pure == _pure_equilibria(P) and len(pure) == 3
    for e in eqs:
        assert all(r == 0 for r in e.regret(game))


def test_continuum_without_equilibria_is_not_flagged():
    # player 3 is indifferent, players 1 and 2 play a game with a strictly dominant
    # strategy: the supports where player 3 mixes have a continuum of solutions of the
    # indifference equations, and it holds equilibria only where 1 and 2 play (s1, s1).
    def payoff(p):
        a, b, c = p
        return (int(a == "s1"), int(b == "s1"), 0)

    game = NormalFormGame.from_payoff_function(payoff, [("s1", "s2")] * 3)
    eqs = _quiet(equilibria, game, time_limit=60)
    assert eqs.continua == ((("s1",), ("s1",), ("s1", "s2")),)


def _zero_regret(e, game):
    for r in e.regret(game):
        assert r == 0 or abs(float(sympy.N(r, 50))) < 1e-40


@settings(max_examples=5, deadline=None)
@given(normal_form_games(n_players=3, min_strategies=2, max_strategies=3, exact=True,
                         min_value=-4, max_value=4))
def test_small_games_zero_regret_and_contain_enumpoly(game):
    assume(game.shape[1:] == (2, 2) and n_support_profiles(game.shape) <= 63)
    eqs = _quiet(equilibria, game, time_limit=60)
    for e in eqs:
        _zero_regret(e, game)
    pure = {tuple(s.index(1) for s in e.profile) for e in eqs if e.kind == "pure"}
    P = np.array(game.float_payoffs(), dtype=float)
    assert pure == _pure_equilibria(P)
    if eqs.complete:
        ours = _float_profiles(eqs)
        for t in _gambit_enumpoly(P):
            assert any(np.allclose(t, o, atol=1e-6) for o in ours)


def test_symbolic_at_point_equals_numeric_solve():
    a = sympy.Symbol("a", positive=True)

    def payoff(p):
        x, y, z = p
        u1 = a if x == y == "H" else (1 if x == y == "T" else 0)
        return (u1, int(y == z), int(z != x))

    game = NormalFormGame.from_payoff_function(payoff, [("H", "T")] * 3)
    sym = _quiet(equilibria, game, time_limit=120)
    for val in (R(1, 2), R(2), R(5)):
        point = {a: val}
        num = equilibria(game.subs(point), time_limit=60)
        at = sym.at(point)
        assert num.complete
        assert sorted(e.profile for e in at) == sorted(e.profile for e in num)
