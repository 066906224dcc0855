"""Pure equilibria on the integer fast path (solvers.pure) against the definition.

A profile ``s`` is a pure Nash equilibrium iff ``u_i(s) >= u_i(t, s_-i)`` for
every player ``i`` and strategy ``t`` (Nash 1951, "Non-cooperative games",
Annals of Mathematics 54(2); Osborne and Rubinstein 1994, *A Course in Game
Theory*, def. 14.1). The brute force below applies this definition to the
payoffs as given (Python ``Fraction``/``int``), independently of the
library's conversion to sympy and of its integer scaling.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import solvers.pure as pure_module
from games.catalog import load
from games.errors import GameError, ParameterError
from games.normal_form import NormalFormGame
from solvers.pure import pure_equilibria, pure_equilibrium_mask


def brute_force(payoffs: dict, shape: tuple) -> list:
    """Pure equilibria by the definition; ``payoffs[profile]`` is the tuple of exact payoffs."""
    out = []
    for prof in itertools.product(*(range(k) for k in shape)):
        if all(payoffs[prof][i] >= payoffs[prof[:i] + (t,) + prof[i + 1:]][i]
               for i in range(len(shape)) for t in range(shape[i])):
            out.append(prof)
    return out


def as_indices(eqs) -> list:
    return [tuple(s.index(1) for s in e.profile) for e in eqs]


@st.composite
def exact_tables(draw, values, max_players=4):
    """(shape, {profile: payoffs}) with 2..max_players players; small value sets make ties common."""
    n = draw(st.integers(2, max_players))
    shape = tuple(draw(st.lists(st.integers(1, 3 if n < 4 else 2), min_size=n, max_size=n)))
    table = {prof: tuple(draw(values) for _ in range(n))
             for prof in itertools.product(*(range(k) for k in shape))}
    return shape, table


def game_of(shape: tuple, table: dict, convert=lambda v: v) -> NormalFormGame:
    arr = np.empty(shape + (len(shape),), dtype=object)
    for prof, pay in table.items():
        for i, v in enumerate(pay):
            arr[prof + (i,)] = convert(v)
    return NormalFormGame(arr)


small_fractions = st.builds(Fraction, st.integers(-3, 3), st.sampled_from([1, 2, 3, 6]))
# far beyond int64 after scaling: the object-array path of the integer comparison
huge = st.builds(lambda k, r: k * 2**70 + r, st.integers(-2, 2), st.integers(-1, 1))


@settings(max_examples=60)
@given(exact_tables(small_fractions))
def test_rational_games_match_the_definition(data):
    shape, table = data
    game = game_of(shape, table)
    eqs = pure_equilibria(game)
    want = brute_force(table, shape)
    assert sorted(as_indices(eqs)) == want
    assert eqs.complete and all(e.exact for e in eqs)
    for e, prof in zip(sorted(eqs, key=lambda e: as_indices([e])[0]), want):
        # exact payoffs at the profile, and zero regret by the library's independent mixed-profile check
        assert tuple(Fraction(int(v.p), int(v.q)) for v in e.payoffs) == table[prof]
        assert e.regret(game) == (0,) * len(shape)
    mask = pure_equilibrium_mask(game)
    assert sorted(zip(*map(list, np.nonzero(mask)))) == [tuple(p) for p in want]


@settings(max_examples=30)
@given(exact_tables(huge, max_players=3))
def test_payoffs_beyond_int64_are_compared_exactly(data):
    shape, table = data
    eqs = pure_equilibria(game_of(shape, table, sympy.Integer))
    assert sorted(as_indices(eqs)) == brute_force(table, shape)


@settings(max_examples=30)
@given(exact_tables(st.integers(-2, 2), max_players=3))
def test_float_copies_with_exact_ties_agree(data):
    shape, table = data
    eqs = pure_equilibria(game_of(shape, table, float))
    assert not eqs.exact
    assert sorted(as_indices(eqs)) == brute_force(table, shape)
    assert all(isinstance(v, float) for e in eqs for v in e.payoffs)


def test_all_ties_make_every_profile_an_equilibrium():
    shape = (2, 3, 2)
    table = {p: (Fraction(1, 3),) * 3 for p in itertools.product(*(range(k) for k in shape))}
    assert len(pure_equilibria(game_of(shape, table))) == 12


def test_the_certificate_rejects_a_wrong_candidate(monkeypatch):
    # a faulty best-response mask proposing every profile must be caught by the per-profile check
    pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    monkeypatch.setattr(pure_module, "_mask", lambda P, n, exact: np.ones(P.shape[:-1], dtype=bool))
    with pytest.raises(GameError, match="gains"):
        pure_equilibria(pd)


def test_symbolic_conditions_are_checked_against_every_deviation(monkeypatch):
    # (s1, s1) is an equilibrium iff a >= 1: a simplification that loses this must be caught
    a = sympy.Symbol("a", positive=True)
    g = NormalFormGame.from_bimatrix([[a, 0], [1, 0]], [[a, 1], [0, 0]])
    monkeypatch.setattr(pure_module, "simplify_condition", lambda cond, space: sympy.true)
    with pytest.raises(GameError, match="does not imply"):
        pure_equilibria(g)


def test_symbolic_equilibria_verify_and_agree_with_the_numeric_game():
    game = load("collective_inaction")
    eqs = pure_equilibria(game)
    for e in eqs:
        e.verify(game)  # the per-deviation z3 check of Equilibrium.verify
    cols = game.space.sample_columns(200, rng=3)
    ok = np.asarray(game.space.mask(cols), dtype=bool)
    checked = 0
    for i in np.nonzero(ok)[0][:6]:
        point = {n: sympy.Rational(str(round(float(cols[n][i]), 2))) for n in game.space.names}
        try:
            game.space.point(point, func="test")
        except ParameterError:  # rounding left the space
            continue
        here = sorted(as_indices([e for e in eqs if e.holds_at(point)]))
        assert here == sorted(as_indices(pure_equilibria(game.subs(point))))
        checked += 1
    assert checked >= 3


@settings(max_examples=40)
@given(st.lists(st.one_of(small_fractions, huge, st.builds(Fraction, st.integers(-10**20, 10**20),
                                                             st.integers(1, 10**6))), min_size=1, max_size=12))
def test_integer_array_scales_exactly(values):
    # sympy Rationals take the direct path, Fractions the hashing one: both exact, same result
    from games.values import as_integer_array

    arr = np.empty(len(values), dtype=object)
    arr[:] = [sympy.Rational(v.numerator, v.denominator) for v in values]
    ints, den = as_integer_array(arr)
    assert [Fraction(int(k), den) for k in ints] == values
    assert den == math.lcm(*(v.denominator for v in values))
    frac = np.empty(len(values), dtype=object)
    frac[:] = values
    ref, ref_den = as_integer_array(frac)
    assert den == ref_den and ints.dtype == ref.dtype and ints.tolist() == ref.tolist()
