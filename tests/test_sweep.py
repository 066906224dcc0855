"""Sweeps: in-process, on executors and on a dask LocalCluster; failures name their point."""

from __future__ import annotations

import functools
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from games import catalog
from games.errors import GameError, ParameterError
from games.normal_form import NormalFormGame
from games.parameters import ParameterSpace
from solvers.nash import equilibria
from solvers.pure import pure_equilibria
from solvers.sweep import SweepError, SweepResult, sweep


@functools.lru_cache(maxsize=1)
def _club():
    """A 3-player participation game (2x2x2) with five parameters and many pure regimes."""
    sp = ParameterSpace({"a": "real", "b": "real", "c1": "real", "c2": "real", "c3": "real"})
    a, b = sp["a"], sp["b"]
    c = [sp["c1"], sp["c2"], sp["c3"]]

    def pay(prof):
        k = sum(1 for s in prof if s == "join")
        return [b * k - c[i] if s == "join" else a * k for i, s in enumerate(prof)]

    game = NormalFormGame.from_payoff_function(pay, [("join", "stay")] * 3, space=sp)
    return game, pure_equilibria(game)


def _points(n, seed=0):
    game, _ = _club()
    rng = np.random.default_rng(seed)
    return {nm: rng.uniform(-2, 2, n) for nm in game.space.names}


def test_in_process_matches_direct_solves():
    game, eqs = _club()
    pts = _points(40)
    res = sweep(eqs, pts)
    assert isinstance(res, SweepResult) and len(res) == 40
    assert res.point_names == game.space.names
    assert res.result_names == tuple(f"eq{k}" for k in range(len(eqs))) + ("regime",)
    for i in range(40):
        pt = {nm: float(pts[nm][i]) for nm in game.space.names}
        direct = {e.profile for e in pure_equilibria(game.subs(pt))}
        held = {tuple(tuple(float(x) for x in v) for v in eqs[k].profile)
                for k in range(len(eqs)) if res.data[f"eq{k}"][i]}
        assert held == {tuple(tuple(float(x) for x in v) for v in p) for p in direct}
        assert res.data["regime"][i] == sum(1 << k for k in range(len(eqs)) if res.data[f"eq{k}"][i])


def test_dask_local_cluster_equals_in_process():
    distributed = pytest.importorskip("distributed")
    _, eqs = _club()
    pts = _points(5000)
    local = sweep(eqs, pts)
    with distributed.LocalCluster(processes=False, n_workers=1, threads_per_worker=2,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        res = sweep(eqs, pts, executor=client, chunksize=700)
        assert res.executor == "dask" and res.n_chunks == 8
        assert np.array_equal(res.data, local.data)
        with pytest.raises(SweepError) as info:
            sweep(lambda p: 1 / (p["x"] - 0.5), {"x": [0.0, 1.0, 0.5, 2.0]}, executor=client, chunksize=2)
        assert info.value.point == {"x": 0.5}
        assert isinstance(info.value.original, ZeroDivisionError)


def test_thread_and_process_pools_equal_in_process():
    _, eqs = _club()
    pts = _points(3000, seed=1)
    local = sweep(eqs, pts)
    with ThreadPoolExecutor(2) as ex:
        assert np.array_equal(sweep(eqs, pts, executor=ex).data, local.data)
    with ProcessPoolExecutor(2) as ex:
        res = sweep(eqs, pts, executor=ex)
        assert res.executor == "ProcessPoolExecutor"
        assert np.array_equal(res.data, local.data)


def test_per_point_failure_names_the_point():
    with pytest.raises(SweepError, match=r"failed at point \{'x': 2\.0\}") as info:
        sweep(lambda p: 1 / (p["x"] - 2), {"x": np.arange(5.0)})
    assert info.value.point == {"x": 2.0}
    assert isinstance(info.value.__cause__, ZeroDivisionError)
    assert isinstance(info.value, GameError)


def test_vectorised_failure_is_located():
    def fn(cols):
        x = cols["x"]
        if np.any(x == 13.0):
            raise ValueError("bad x")
        return x * 2

    with pytest.raises(SweepError, match="row 13") as info:
        sweep(fn, {"x": np.arange(40.0)}, vectorized=True, chunksize=16)
    assert info.value.point == {"x": 13.0} and isinstance(info.value.original, ValueError)
    ok = sweep(fn, {"x": np.arange(5.0)}, vectorized=True)
    assert ok.data["value"].tolist() == [0.0, 2.0, 4.0, 6.0, 8.0]


def test_compiled_result_gives_profiles_and_payoffs():
    game = catalog.load("inspection")
    eqs = equilibria(game)
    pts = game.space.sample_columns(30, rng=2)
    res = sweep(eqs.compile(), pts)
    for i in range(30):
        pt = {nm: sympy.Rational(float(pts[nm][i])) for nm in game.space.names}
        e = eqs[0].at(pt)
        got = [res.data[f"eq0.p{j}"][i] for j in range(4)]
        assert np.allclose(got, [float(x) for v in e.profile for x in v])
        assert np.allclose([res.data["eq0.u0"][i], res.data["eq0.u1"][i]], [float(u) for u in e.payoffs])


def test_point_formats_and_outputs():
    rows = [{"x": 1, "y": 2}, {"x": 3, "y": 4}]
    r1 = sweep(lambda p: {"s": p["x"] + p["y"], "p": p["x"] * p["y"]}, rows)
    assert r1.data["s"].tolist() == [3.0, 7.0] and r1.data["p"].tolist() == [2.0, 12.0]
    arr = np.array([(1.0, 2.0), (3.0, 4.0)], dtype=[("x", "f8"), ("y", "f8")])
    r2 = sweep(lambda p: (p["x"], p["y"] > 3), arr)
    assert r2.data["value0"].tolist() == [1.0, 3.0] and r2.data["value1"].tolist() == [False, True]
    assert r2.points()["y"].tolist() == [2.0, 4.0] and list(r2.results()) == ["value0", "value1"]
    r3 = sweep(lambda p: sympy.Rational(1, 2) * p["x"], {"x": [1, 2]})
    assert r3.data["value"].tolist() == [0.5, 1.0]
    assert r3.rate > 0 and "SweepResult" in repr(r3)


def test_bad_input():
    _, eqs = _club()
    with pytest.raises(ParameterError, match="missing"):
        sweep(eqs, {"a": [1.0]})
    with pytest.raises(ParameterError, match="equal length"):
        sweep(lambda p: 0, {"x": [1, 2], "y": [1]})
    with pytest.raises(ParameterError, match="points must be"):
        sweep(lambda p: 0, 5)
    with pytest.raises(ValueError, match="chunksize"):
        sweep(lambda p: 0, {"x": [1]}, chunksize=0)
    with pytest.raises(TypeError, match="executor"):
        sweep(lambda p: 0, {"x": [1]}, executor="cluster")
    with pytest.raises(TypeError, match="fn_or_result"):
        sweep(3, {"x": [1]})
    game = catalog.load("inspection")
    pts = {nm: [1.0] for nm in game.space.names}
    pts["inspection_cost"] = [10.0]  # violates inspection_cost < damage + detection_value
    with pytest.raises(ParameterError, match="inspection_cost < damage \\+ detection_value"):
        sweep(equilibria(game), pts)


def test_progress_bar_runs(capsys):
    pytest.importorskip("tqdm")
    res = sweep(lambda p: p["x"], {"x": np.arange(3.0)}, progress=True)
    assert res.data["value"].tolist() == [0.0, 1.0, 2.0]


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 60), st.integers(0, 10**6))
def test_chunking_does_not_change_results(chunksize, seed):
    _, eqs = _club()
    pts = _points(97, seed)
    assert np.array_equal(sweep(eqs, pts, chunksize=chunksize).data, sweep(eqs, pts).data)


def test_compiled_columns_of_different_lengths_get_a_clear_error():
    game = catalog.load("inspection")
    f = equilibria(game).compile()
    cols = {n: [1.0, 2.0] for n in game.space.names}
    cols[game.space.names[0]] = [1.0, 2.0, 3.0]
    with pytest.raises(ParameterError, match="arrays of one length"):
        f(cols)
