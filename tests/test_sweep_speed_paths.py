"""The blocked evaluation of sweeps and compiled results equals one whole-array evaluation, bit for bit.

``sweep(eqs, points)`` (the regime: which equilibria hold) and
``CompiledEquilibria`` evaluate their lambdified conditions, profiles and
payoffs on cache-sized blocks of points, compute the regime codes by
shifting, and assemble the result record block by record block. These tests
compare every byte of their output with a direct evaluation of the same
lambdified functions on whole arrays, with the regime code defined as
``sum(eq<k> << k)``, on points with ties (conditions exactly at 0), division
by zero, infinities and NaN. At exact non-degenerate points the regime bits
are also checked against the exact truth of each condition
(``Equilibrium.holds_at``).
"""

from __future__ import annotations

import functools
import importlib
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from games.errors import GameError
from games.normal_form import NormalFormGame
from games.parameters import ParameterSpace
from solvers.equilibrium import Equilibrium, EquilibriumSet
from solvers.nash import equilibria
from solvers.pure import pure_equilibria
from solvers.sweep import sweep
from tests.test_sweep import _club as _club_pure

compiled_mod = importlib.import_module("solvers.compiled")
sweep_mod = importlib.import_module("solvers.sweep")

SPECIALS = np.array([0.0, -0.0, np.nan, np.inf, -np.inf, 1e300, -1e300, 5e-324, -1e-310, 1e-300])


# --- games -------------------------------------------------------------------------------------

def _club_game() -> NormalFormGame:
    """The 2x2x2 participation game of ``tests/test_sweep.py`` (five parameters)."""
    return _club_pure()[0]


@functools.lru_cache(maxsize=None)
def _club(kind: str):
    game = _club_game()
    return game, (equilibria(game) if kind == "all" else pure_equilibria(game))


def _space2() -> ParameterSpace:
    return ParameterSpace({"a": "real", "b": "real"})


coefficients = st.tuples(st.integers(-2, 2), st.integers(-2, 2), st.integers(-2, 2))


@st.composite
def symbolic_games(draw, n_players: int):
    """A 2x..x2 game whose payoffs are ``c0 + c1 a + c2 b`` with small integer coefficients."""
    sp = _space2()
    a, b = sp["a"], sp["b"]
    coef = draw(st.lists(coefficients, min_size=n_players * 2 ** n_players, max_size=n_players * 2 ** n_players))
    table = {}
    for j, prof in enumerate(np.ndindex(*(2,) * n_players)):
        table[tuple("xy"[s] for s in prof)] = [c0 + c1 * a + c2 * b
                                               for c0, c1, c2 in coef[j * n_players:(j + 1) * n_players]]
    return NormalFormGame.from_payoff_function(lambda p: table[tuple(p)], [("x", "y")] * n_players, space=sp)


# --- points ------------------------------------------------------------------------------------

def _hard_columns(names: tuple, n: int, seed: int) -> dict[str, np.ndarray]:
    """Random points; half the coordinates on a grid of halves (ties), some special values, some equal pairs."""
    rng = np.random.default_rng(seed)
    k = len(names)
    x = rng.uniform(-2, 2, (n, k))
    grid = rng.random((n, k)) < 0.5
    x[grid] = rng.integers(-4, 5, int(grid.sum())) / 2
    special = rng.random((n, k)) < 0.08
    x[special] = rng.choice(SPECIALS, int(special.sum()))
    if k > 1:  # a coordinate equal to another one: denominators like a - b vanish
        rows = np.flatnonzero(rng.random(n) < 0.2)
        i, j = rng.integers(0, k, 2)
        x[rows, i] = x[rows, j]
    return {nm: np.ascontiguousarray(x[:, q]) for q, nm in enumerate(names)}


# --- the whole-array definitions ---------------------------------------------------------------

def _code_type(m: int):
    return np.uint8 if m <= 8 else np.uint16 if m <= 16 else np.uint32 if m <= 32 else np.uint64


def _codes_by_definition(holds: np.ndarray) -> np.ndarray:
    """``sum(holds[k] << k)`` over the first 64 rows, summed in uint64 (distinct bits: no carry)."""
    m = holds.shape[0]
    r = min(m, 64)
    bits = holds[:r].astype(np.uint64) << np.arange(r, dtype=np.uint64)[:, None]
    return bits.sum(axis=0, dtype=np.uint64).astype(_code_type(m))


def _regime_whole(eqs, cols: dict[str, np.ndarray]) -> np.ndarray:
    """The sweep's structured array computed with one call of the lambdified conditions on whole arrays."""
    space = eqs.space
    conds = tuple(e.condition for e in eqs)
    n = len(next(iter(cols.values())))
    holds = np.empty((len(conds), n), dtype=bool)
    if conds:
        f = sweep_mod._lambdified(tuple(space.symbols), conds)
        with np.errstate(all="ignore"):
            for k, v in enumerate(f(*[cols[nm] for nm in space.names])):
                holds[k] = v
    dtype = ([(p, np.float64) for p in cols] + [(f"eq{k}", bool) for k in range(len(conds))]
             + [("regime", _code_type(len(conds)))])
    data = np.empty(n, dtype=dtype)
    for p in cols:
        data[p] = cols[p]
    for k in range(len(conds)):
        data[f"eq{k}"] = holds[k]
    data["regime"] = _codes_by_definition(holds)
    return data


def _columns_whole(col, args: list, size: int) -> np.ndarray:
    out = np.empty((col.m, size), dtype=col.dtype)
    if len(col.const):
        out[col.const] = col.const_vals
    if col.f is not None:
        for j, v in zip(col.var, col.f(*args)):
            out[j] = v
    return out


def _compiled_whole(comp, cols: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """``CompiledEquilibria``'s output from one call of each lambdified function on whole arrays."""
    args = [np.asarray(cols[nm], dtype=float) for nm in comp.names]
    size = len(args[0])
    n, w, p = comp._n, comp._width, comp._np
    with np.errstate(all="ignore"):
        holds = _columns_whole(comp._cond, args, size)
        prof = _columns_whole(comp._prof, args, size).reshape(n, w, size)
        pay = _columns_whole(comp._pay, args, size).reshape(n, p, size)
    np.copyto(prof, np.nan, where=~holds[:, None, :])
    np.copyto(pay, np.nan, where=~holds[:, None, :])
    return {"holds": holds, "profiles": prof.transpose(0, 2, 1), "payoffs": pay.transpose(0, 2, 1)}


def _same_bytes(x: np.ndarray, y: np.ndarray) -> bool:
    return x.dtype == y.dtype and x.shape == y.shape and np.ascontiguousarray(x).tobytes() == \
        np.ascontiguousarray(y).tobytes()


def _check_equal_to_whole(eqs, cols: dict[str, np.ndarray], block: int, chunksize: int | None) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(compiled_mod, "EVAL_BLOCK", block)
        mp.setattr(sweep_mod, "EVAL_BLOCK", block)
        mp.setattr(sweep_mod, "ASSEMBLE_ROWS", 3 * block + 1)
        res = sweep(eqs, cols, chunksize=chunksize, check=False)
        comp = eqs.compile()
        got = comp(cols)
        full = sweep(comp, cols, chunksize=chunksize, check=False)
    want = _regime_whole(eqs, cols)
    assert _same_bytes(res.data, want)
    assert res.result_names == tuple(f"eq{k}" for k in range(len(eqs))) + ("regime",)
    ref = _compiled_whole(comp, cols)
    for key in ("holds", "profiles", "payoffs"):
        assert _same_bytes(got[key], ref[key]), key
    for k in range(len(eqs)):
        assert _same_bytes(full.data[f"eq{k}"], ref["holds"][k])
        for j in range(ref["profiles"].shape[2]):
            assert _same_bytes(full.data[f"eq{k}.p{j}"], ref["profiles"][k, :, j])
        for i in range(ref["payoffs"].shape[2]):
            assert _same_bytes(full.data[f"eq{k}.u{i}"], ref["payoffs"][k, :, i])


def _check_exact_truth(eqs, seed: int, n: int = 6) -> int:
    """At dyadic points with no vanishing denominator, the float regime bits are the exact truth.

    Sums and products of small dyadic numbers are exact in float64, and a
    quotient by a non-zero number keeps its sign, so each condition's float
    value equals its exact value there, ties included.
    """
    space = eqs.space
    rng = np.random.default_rng(seed)
    grid = rng.integers(-8, 9, (n, len(space.names))) / 4
    cols = {nm: np.ascontiguousarray(grid[:, q]) for q, nm in enumerate(space.names)}
    res = sweep(eqs, cols, check=False)
    checked = 0
    for i in range(n):
        pt = {sym: sympy.Rational(Fraction(float(grid[i, q]))) for q, sym in enumerate(space.symbols)}
        denominators = [sympy.denom(sympy.together(r.lhs - r.rhs)).xreplace(pt)
                        for e in eqs for r in e.condition.atoms(sympy.core.relational.Relational)]
        if any(d == 0 for d in denominators):
            continue
        want = [eqs[k].holds_at({s.name: v for s, v in pt.items()}) for k in range(len(eqs))]
        got = [bool(res.data[f"eq{k}"][i]) for k in range(len(eqs))]
        assert got == want, (pt, got, want)
        assert int(res.data["regime"][i]) == sum(1 << k for k in range(len(eqs)) if want[k])
        checked += 1
    return checked


# --- tests -------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["all", "pure"])
def test_club_game_regime_equals_whole_array_evaluation_at_default_block(kind):
    # more points than three blocks and a chunk boundary inside a block
    _, eqs = _club(kind)
    assert sweep_mod.EVAL_BLOCK == compiled_mod.EVAL_BLOCK
    cols = _hard_columns(eqs.space.names, 3 * sweep_mod.EVAL_BLOCK + 1234, seed=11)
    _check_equal_to_whole(eqs, cols, sweep_mod.EVAL_BLOCK, chunksize=10_000)
    assert _check_exact_truth(eqs, seed=5, n=12) >= 6


@settings(max_examples=12)
@given(seed=st.integers(0, 2 ** 32 - 1), n=st.integers(1, 300), block=st.integers(1, 70),
       chunksize=st.none() | st.integers(1, 400), kind=st.sampled_from(["all", "pure"]))
def test_club_game_regime_any_block_and_chunk(seed, n, block, chunksize, kind):
    _, eqs = _club(kind)
    _check_equal_to_whole(eqs, _hard_columns(eqs.space.names, n, seed), block, chunksize)


@pytest.mark.filterwarnings("ignore::games.errors.GovgamesWarning")
@settings(max_examples=5)
@given(game=symbolic_games(2), seed=st.integers(0, 2 ** 32 - 1), n=st.integers(1, 200),
       block=st.integers(1, 40))
def test_random_symbolic_2x2_all_equilibria(game, seed, n, block):
    try:
        eqs = equilibria(game)
    except GameError:  # a refused game is not this test's subject
        assume(False)
    _check_equal_to_whole(eqs, _hard_columns(eqs.space.names, n, seed), block, None)
    _check_exact_truth(eqs, seed)


@settings(max_examples=10)
@given(game=symbolic_games(3), seed=st.integers(0, 2 ** 32 - 1), n=st.integers(1, 200),
       block=st.integers(1, 40), chunksize=st.none() | st.integers(1, 100))
def test_random_symbolic_2x2x2_pure_equilibria(game, seed, n, block, chunksize):
    eqs = pure_equilibria(game)
    _check_equal_to_whole(eqs, _hard_columns(eqs.space.names, n, seed), block, chunksize)
    _check_exact_truth(eqs, seed)


@settings(max_examples=40)
@given(m=st.integers(0, 70), n=st.integers(0, 50), seed=st.integers(0, 2 ** 32 - 1))
def test_bit_codes_are_the_sum_of_shifted_bits(m, n, seed):
    holds = np.random.default_rng(seed).random((m, n)) < 0.5
    got = sweep_mod._bit_codes(holds)
    assert _same_bytes(got, _codes_by_definition(holds))
    # written into a strided slice of a larger array, as a block of a chunk
    out = np.full(2 * n + 3, 7, dtype=_code_type(m))
    sweep_mod._bit_codes(holds, out[1:2 * n + 1:2])
    assert _same_bytes(out[1:2 * n + 1:2], _codes_by_definition(holds))
    assert (out[0::2] == 7).all() and out[-1] == 7


def test_bit_codes_known_values():
    holds = np.array([[1, 0, 1, 0], [0, 0, 1, 1], [1, 0, 1, 0]], dtype=bool)
    assert sweep_mod._bit_codes(holds).tolist() == [0b101, 0, 0b111, 0b010]
    assert sweep_mod._bit_codes(holds).dtype == np.uint8
    wide = np.zeros((17, 2), dtype=bool)
    wide[16, 1] = True
    assert sweep_mod._bit_codes(wide).tolist() == [0, 1 << 16] and sweep_mod._bit_codes(wide).dtype == np.uint32


@settings(max_examples=15)
@given(n=st.integers(1, 400), chunksize=st.integers(1, 450), rows=st.integers(1, 100),
       seed=st.integers(0, 2 ** 32 - 1))
def test_blocked_assembly_of_function_results(n, chunksize, rows, seed):
    """Mixed result types (float, bool, int, a name clash) assembled over blocks and chunks."""
    x = np.random.default_rng(seed).normal(size=n)

    def fn(cols):
        v = cols["x"]
        return {"x": v * 2, "pos": v > 0, "k": np.floor(v * 10).astype(np.int64), "sq": v ** 2}

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sweep_mod, "ASSEMBLE_ROWS", rows)
        res = sweep(fn, {"x": x}, vectorized=True, chunksize=chunksize)
    assert res.result_names == ("result.x", "pos", "k", "sq")
    assert res.data.dtype.names == ("x", "result.x", "pos", "k", "sq")
    assert _same_bytes(res.data["x"], x)
    assert _same_bytes(res.data["result.x"], x * 2)
    assert _same_bytes(res.data["pos"], x > 0)
    assert _same_bytes(res.data["k"], np.floor(x * 10).astype(np.int64))
    assert _same_bytes(res.data["sq"], x ** 2)


def test_nan_semantics_of_a_division_condition_are_kept():
    """At ``a == b`` the float value of ``(b - c)/(a - b) > 0`` is ``inf * (b - c) > 0`` (not an error)."""
    space = ParameterSpace({"a": "real", "b": "real", "c": "real"})
    a, b, c = space["a"], space["b"], space["c"]
    eqs = EquilibriumSet([Equilibrium(((1, 0),), (0,), condition=(b - c) / (a - b) > 0),
                          Equilibrium(((0, 1),), (0,), condition=a <= b)], space=space)
    cols = {"a": np.array([1.0, 1.0, 1.0, 2.0, np.nan, np.inf]), "b": np.array([1.0, 1.0, 1.0, 1.0, 0.0, np.inf]),
            "c": np.array([0.0, 2.0, 1.0, 0.5, 0.0, 0.0])}
    res = sweep(eqs, cols, check=False)
    # 1/(a-b) = +inf at a == b; inf*1 > 0, inf*(-1) < 0, inf*0 = nan; nan and inf - inf give False
    assert res.data["eq0"].tolist() == [True, False, False, True, False, False]
    assert res.data["eq1"].tolist() == [True, True, True, False, False, True]
    assert res.data["regime"].tolist() == [3, 2, 2, 1, 0, 2]
    assert _same_bytes(res.data, _regime_whole(eqs, cols))


def test_zero_points_give_the_columns_of_one_point():
    # an equilibrium set's (or its compiled form's) result columns are known without a
    # point: a sweep over none has them all, empty (it had only the parameter columns)
    game = _club_game()
    eqs = _club("pure")[1]
    for obj in (eqs, eqs.compile()):
        none = sweep(obj, {nm: np.ones(0) for nm in game.space.names})
        one = sweep(obj, {nm: np.ones(1) for nm in game.space.names})
        assert none.data.dtype == one.data.dtype and len(none.data) == 0
    assert {"eq0", "regime"} <= set(sweep(eqs, {nm: np.ones(0) for nm in game.space.names}).data.dtype.names)


def test_zero_points_of_a_set_without_parameters():
    # no parameter, no point: an empty result, not a StopIteration from the empty chunk
    ne = equilibria(NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]]))
    for obj in (ne, ne.compile()):
        assert len(sweep(obj, {}).data) == 0
