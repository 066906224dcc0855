"""Fast paths give the same answers as the straightforward ones they replace.

* ``games.values.value_array`` (vectorised payoff conversion) against
  :func:`games.values.to_value` entry by entry (the rules of STYLE.md item 5:
  ints, Fractions and decimal strings exact, floats float64, narrow numpy
  dtypes widened, bools and non-finite values refused with the same error);
* ``as_integer_array`` against ``fractions.Fraction`` arithmetic;
* :class:`solvers.equilibrium.CompiledEquilibria` and :func:`solvers.sweep.sweep`
  against :meth:`Equilibrium.at` point by point, including payoffs whose
  formulas contain complex infinity (a ``Piecewise`` payoff);
* lazy imports: ``import govgames`` loads no solver, tree, z3 or matplotlib
  code, and every public name still resolves.
"""

from __future__ import annotations

import math
import pickle
import subprocess
import sys
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from games import catalog
from games.errors import InvalidPayoffs
from games.normal_form import NormalFormGame
from games.parameters import ParameterSpace
from games.values import as_integer_array, to_value, value_array
from solvers.equilibrium import Equilibrium, EquilibriumSet
from solvers.nash import equilibria
from solvers.sweep import sweep


# --- payoff conversion ---------------------------------------------------------------------------

def _reference(values) -> tuple[str, list]:
    """The rules, one entry at a time through to_value (the conversion before the fast paths)."""
    arr = np.array(values, dtype=object)
    vals = [to_value(v, func="f", arg="payoffs") for v in arr.reshape(-1)]
    if any(isinstance(v, sympy.Basic) and not v.is_number for v in vals):
        return "symbolic", [sympy.Float(v) if isinstance(v, float) else v for v in vals]
    if any(isinstance(v, float) for v in vals):
        return "float", [float(v) for v in vals]
    return "exact", vals


def _same(got, want) -> None:
    kind, arr = got
    assert kind == want[0]
    assert not arr.flags.writeable
    flat = arr.reshape(-1).tolist()
    assert len(flat) == len(want[1])
    for g, w in zip(flat, want[1]):
        assert g == w and type(g) is type(w), (g, w)
    if kind == "float":
        assert arr.dtype == np.float64
    else:
        assert arr.dtype == object


INT_DTYPES = [np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64]


@settings(max_examples=40)
@given(st.sampled_from(INT_DTYPES).flatmap(
    lambda dt: hnp.arrays(dt, hnp.array_shapes(min_dims=1, max_dims=3, max_side=4))))
def test_integer_arrays_become_exact_integers(arr):
    _same(value_array(arr, func="f", arg="payoffs"), _reference(arr))


@settings(max_examples=40)
@given(st.sampled_from([np.float16, np.float32, np.float64]).flatmap(
    lambda dt: hnp.arrays(dt, hnp.array_shapes(min_dims=1, max_dims=3, max_side=4),
                          elements=st.floats(-1e4, 1e4, width=16 if dt is np.float16 else 32
                                             if dt is np.float32 else 64))))
def test_float_arrays_become_float64(arr):
    got = value_array(arr, func="f", arg="payoffs")
    _same(got, _reference(arr))
    assert np.array_equal(got[1], arr.astype(np.float64))  # widened exactly


_entries = st.one_of(st.integers(-10**30, 10**30),
                     st.fractions(max_denominator=50).map(lambda f: f if f.denominator > 1 else f.numerator),
                     st.floats(-1e6, 1e6), st.integers(-5, 5).map(sympy.Integer),
                     st.fractions(max_denominator=9).map(lambda f: sympy.Rational(f.numerator, f.denominator)))


@settings(max_examples=60)
@given(st.lists(_entries, min_size=1, max_size=12))
def test_python_numbers_follow_the_rules(values):
    _same(value_array(values, func="f", arg="payoffs"), _reference(values))


@settings(max_examples=30)
@given(st.lists(st.integers(-10**25, 10**25), min_size=1, max_size=12), st.integers(0, 11))
def test_lists_with_a_symbol_stay_symbolic(values, where):
    a = sympy.Symbol("a")
    values = list(values)
    values[where % len(values)] = a + 1
    _same(value_array(values, func="f", arg="payoffs"), _reference(values))


@pytest.mark.parametrize("bad", [
    np.array([[1, 2], [3, 4]], dtype=bool),
    np.array([1.0, np.nan]),
    np.array([[np.inf, 1.0]], dtype=np.float32),
    [1, True],
    [1.5, float("-inf")],
    [Fraction(1, 2), float("nan")],
    np.array([1 + 2j, 3]),
])
def test_refusals_are_those_of_to_value(bad):
    with pytest.raises(InvalidPayoffs) as ref:
        _reference(bad)
    with pytest.raises(InvalidPayoffs) as got:
        value_array(bad, func="f", arg="payoffs")
    assert str(got.value) == str(ref.value)


def test_games_built_from_numpy_lists_and_fractions_are_equal():
    P = np.arange(-6, 6).reshape(2, 3, 2)
    lists = NormalFormGame(P.tolist())
    for arr in (P.astype(np.int8), P.astype(np.int16), P):
        g = NormalFormGame(arr)
        assert g == lists and g.is_exact
        assert all(type(v) is type(sympy.Integer(int(v))) for v in g.payoffs.reshape(-1))
    frac = NormalFormGame([[[Fraction(1, 2), 1], [0, 0]], [[0, 0], [1, Fraction(1, 2)]]])
    strings = NormalFormGame([[["1/2", "1"], ["0", "0"]], [["0", "0"], ["1", "0.5"]]])
    assert frac == strings and frac.payoffs[0, 0, 0] == sympy.Rational(1, 2)
    assert NormalFormGame(np.arange(8, dtype=np.uint64).reshape(2, 2, 2)) == NormalFormGame(
        np.arange(8).reshape(2, 2, 2).tolist())
    g = NormalFormGame.from_bimatrix(np.array([[1, 2]], dtype=np.int8), np.array([[0.5, 1.5]], dtype=np.float32))
    assert g.payoffs.dtype == np.float64 and g.payoffs.tolist() == [[[1.0, 0.5], [2.0, 1.5]]]
    src = np.array([[3, 0], [5, 1]])
    g = NormalFormGame.from_bimatrix(src, src.T)
    src[0, 0] = 99  # the game keeps its own copy
    assert g.payoffs[0, 0, 0] == 3


@settings(max_examples=40)
@given(st.lists(st.one_of(st.integers(-10**20, 10**20), st.fractions(max_denominator=30)), min_size=1,
                max_size=15))
def test_as_integer_array_is_the_common_denominator_form(values):
    ints, den = as_integer_array(np.array(values, dtype=object))
    fr = [Fraction(v) for v in values]
    assert den == math.lcm(*(f.denominator for f in fr))
    assert [int(v) for v in ints] == [int(f * den) for f in fr]


# --- compiled equilibria and sweeps --------------------------------------------------------------

def _compare_with_at(eqs: EquilibriumSet, cols: dict[str, np.ndarray]) -> None:
    out = eqs.compile()(cols)
    n = len(next(iter(cols.values())))
    for i in range(n):
        pt = {k: float(v[i]) for k, v in cols.items()}
        for k, e in enumerate(eqs):
            at = e.at(pt)
            assert out["holds"][k, i] == (at is not None), (k, pt)
            if at is None:
                assert np.isnan(out["profiles"][k, i]).all() and np.isnan(out["payoffs"][k, i]).all()
            else:
                want = [float(x) for v in at.profile for x in v]
                assert np.allclose(out["profiles"][k, i], want, rtol=1e-12, atol=1e-12)
                assert np.allclose(out["payoffs"][k, i], [float(x) for x in at.payoffs], rtol=1e-12, atol=1e-12)


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_compiled_inspection_game_matches_at(seed):
    game = catalog.load("inspection")
    eqs = equilibria(game)
    _compare_with_at(eqs, game.space.sample_columns(6, rng=seed))


def test_compiled_broadcasts_and_pickles():
    a = sympy.Symbol("a", positive=True)
    b = sympy.Symbol("b", positive=True)
    eqs = EquilibriumSet([Equilibrium(((a / (a + b), b / (a + b)),), (a * b,), condition=a > b),
                          Equilibrium(((1, 0),), (2,), condition=a <= b)])
    comp = eqs.compile()
    grid = comp(a=np.linspace(0.5, 2, 4)[:, None], b=np.array([1.0, 3.0])[None, :])
    assert grid["holds"].shape == (2, 8) and grid["profiles"].shape == (2, 8, 2)
    aa, bb = np.broadcast_arrays(np.linspace(0.5, 2, 4)[:, None], np.array([1.0, 3.0])[None, :])
    flat = comp(a=aa.ravel(), b=bb.ravel())
    for key in ("holds", "profiles", "payoffs"):
        assert np.array_equal(grid[key], flat[key], equal_nan=key != "holds")
    again = pickle.loads(pickle.dumps(comp))
    out = again(a=aa.ravel(), b=bb.ravel())
    assert np.array_equal(out["profiles"], flat["profiles"], equal_nan=True)
    # the constant equilibrium: profile (1, 0) and payoff 2 wherever it holds
    held = flat["holds"][1]
    assert np.all(flat["profiles"][1, held] == [1.0, 0.0]) and np.all(flat["payoffs"][1, held] == 2.0)


def _piecewise_game() -> NormalFormGame:
    # a coordination game whose (1, 1) payoffs are sign(a): its mixed equilibrium's formulas
    # contain complex infinity on the branch a <= 0, which sympy's numpy printer cannot print
    sp = ParameterSpace({"a": "real"})
    s = sympy.Piecewise((1, sp["a"] > 0), (-1, True))
    return NormalFormGame.from_bimatrix([[s, 0], [0, 1]], [[1, 0], [0, s]], space=sp)


def test_piecewise_payoffs_with_complex_infinity_compile_and_sweep():
    game = _piecewise_game()
    eqs = equilibria(game)
    assert any(e.is_symbolic and any(sympy.sympify(x).has(sympy.zoo) for v in e.profile for x in v)
               for e in eqs)
    cols = {"a": np.array([-2.0, -0.5, 0.5, 2.0])}
    out = eqs.compile()(cols)
    # against re-solving the game at each point (the sign of a is all that matters)
    for i, av in enumerate(cols["a"]):
        direct = equilibria(game.subs({"a": sympy.Rational(int(av * 2), 2)}))
        want = sorted(tuple(float(x) for v in e.profile for x in v) for e in direct)
        got = sorted(tuple(out["profiles"][k, i].tolist()) for k in range(len(eqs)) if out["holds"][k, i])
        assert np.allclose(got, want), (av, got, want)
        pays = sorted(tuple(out["payoffs"][k, i].tolist()) for k in range(len(eqs)) if out["holds"][k, i])
        assert np.allclose(pays, sorted(tuple(float(x) for x in e.payoffs) for e in direct))
    # a > 0: the coordination game with payoffs 1 has the mixed equilibrium (1/2, 1/2) for both
    mixed = [k for k, e in enumerate(eqs) if not e.is_pure]
    assert len(mixed) == 1
    k = mixed[0]
    assert out["holds"][k].tolist() == [False, False, True, True]
    assert np.allclose(out["profiles"][k, 2:], 0.5)
    res = sweep(eqs, cols)
    assert res.data[f"eq{k}"].tolist() == [False, False, True, True]
    res = sweep(eqs.compile(), cols)
    assert np.allclose(res.data[f"eq{k}.p0"][2:], 0.5) and np.isnan(res.data[f"eq{k}.p0"][:2]).all()
    from solvers.regimes import regime_map

    # regime_map over conditions that contain complex infinity (its lambdify of conditions)
    cond = eqs[k].condition
    assert cond.has(sympy.zoo)
    sp2 = ParameterSpace({"a": "real", "b": "real"})
    m = regime_map({"mixed": cond, "no mixed": sympy.Not(cond)}, "a", "b", resolution=5, x_range=(-1, 1),
                   y_range=(0, 1), space=sp2)
    xs = np.linspace(-1, 1, 5)
    assert m.grid.tolist() == [[0 if xv > 0 else 1 for xv in xs]] * 5


def test_regime_codes_are_the_bit_masks():
    # more than 8, 16 and 32 equilibria: the codes' types widen, bits beyond 64 are dropped
    x = sympy.Symbol("x", real=True)
    for m in (3, 9, 17, 33, 70):
        eqs = EquilibriumSet([Equilibrium(((1,),), (k,), condition=x > k / m) for k in range(m)],
                             space=ParameterSpace({"x": "real"}))
        xs = np.linspace(-0.1, 1.1, 25)
        res = sweep(eqs, {"x": xs})
        want = [sum(1 << k for k in range(min(m, 64)) if xv > k / m) for xv in xs]
        assert res.data["regime"].tolist() == want
        assert res.data["regime"].dtype.itemsize == (1 if m <= 8 else 2 if m <= 16 else 4 if m <= 32 else 8)


# --- lazy imports --------------------------------------------------------------------------------

def _loaded_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
                         capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_import_govgames_loads_nothing_heavy():
    mods = _loaded_after("import govgames")
    heavy = {"networkx", "z3", "matplotlib", "solvers.nash", "games.extensive_form", "games.conditions"}
    assert not heavy & mods, heavy & mods
    mods = _loaded_after("from solvers import equilibria, pure_equilibria, sweep")
    assert not {"networkx", "z3", "matplotlib"} & mods


def test_a_report_without_figures_does_not_load_matplotlib():
    # the tables it prints live in govgames.tables; only drawing needs matplotlib
    mods = _loaded_after("import warnings\nwarnings.simplefilter('ignore')\nimport govgames as gg\n"
                         "assert 'Pure equilibria' in str(gg.analyze())")
    assert "matplotlib" not in mods and "govgames.tables" in mods
    from govgames.figures import tables as figure_tables
    import govgames.tables

    assert all(getattr(figure_tables, n) is getattr(govgames.tables, n) for n in figure_tables.__all__)


def test_every_public_name_resolves_and_submodules_do_not_hide_functions():
    import govgames
    import solvers
    import solvers.sequence_form  # noqa: F401 - a submodule named like a public function
    import solvers.sweep  # noqa: F401

    assert set(solvers.__all__) <= set(govgames.__all__)
    assert {"Report", "analyze", "NormalFormGame", "catalog"} <= set(govgames.__all__)
    for name in ("support_enumeration", "iter_support_profiles", "n_support_profiles", "quantal_response_path",
                 "QuantalResponsePath", "logit_equilibrium", "count_subgame_perfect", "TreeEquilibriumSet",
                 "sequence_form", "sequence_form_lemke", "sequence_form_equilibria", "sequence_form_zero_sum",
                 "Result", "Regime"):
        assert name in solvers.__all__
    for name in solvers.__all__:
        obj = getattr(solvers, name)
        assert not isinstance(obj, type(sys)), name
        assert getattr(govgames, name) is obj
    from solvers.trees import sequence_form
    from solvers.sweep import sweep as sweep_function

    assert solvers.sequence_form is sequence_form and solvers.sweep is sweep_function
    import games

    for name in games.__all__:
        assert getattr(games, name) is not None
    with pytest.raises(AttributeError):
        solvers.no_such_solver  # noqa: B018
