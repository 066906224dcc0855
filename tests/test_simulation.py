import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from games import catalog
from games.errors import ParameterError
from games.normal_form import NormalFormGame
from solvers.replicator import replicator
from solvers.simulation import basins, sample_states, simulate


def test_logistic_closed_form():
    # strategy 1 earns 1 more whatever the others do: x' = x (1 - x), a logistic curve
    g = NormalFormGame.from_bimatrix([[1, 1], [0, 0]], [[0, 0], [0, 0]])
    dyn = replicator(g)
    times = np.linspace(0, 6, 13)
    tr = simulate(dyn, None, [[0.1, 0.5], [0.7, 0.2]], times, dt=0.01)
    for k, x0 in enumerate((0.1, 0.7)):
        exact = 1 / (1 + (1 / x0 - 1) * np.exp(-times))
        assert np.allclose(tr.states[:, k, 0], exact, atol=1e-8)
        assert np.allclose(tr.states[:, k, 1], tr.states[0, k, 1])  # the column player is indifferent


def test_rk4_agrees_with_solve_ivp():
    dyn = replicator(catalog.load("collective_inaction"))
    point = catalog.defaults("collective_inaction") or None
    if point is None:
        point = dict(zip(dyn.space.names, dyn.space.sample(1, rng=0)[0].values()))
    X0 = sample_states(dyn, 20, rng=3)
    a = simulate(dyn, point, X0, [0, 2, 5], dt=0.01)
    b = simulate(dyn, point, X0, [0, 2, 5], method="solve_ivp", rtol=1e-9, atol=1e-11)
    assert np.allclose(a.states, b.states, atol=1e-6)


def test_single_population_three_strategies_stays_on_simplex():
    rps = NormalFormGame.from_bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [[0, 1, -1], [-1, 0, 1], [1, -1, 0]])
    dyn = replicator(rps, symmetric=True)
    tr = simulate(dyn, None, sample_states(dyn, 50, rng=1), 30)
    assert np.all(tr.states >= 0) and np.all(tr.states.sum(axis=2) <= 1 + 1e-12)
    # x1 * x2 * x3 is a constant of motion of zero-sum RPS (a centre, not an attractor)
    def product(X):
        return X[..., 0] * X[..., 1] * (1 - X[..., 0] - X[..., 1])
    assert np.allclose(product(tr.states[-1]), product(tr.states[0]), rtol=1e-3, atol=1e-7)


def test_hawk_dove_basin_is_the_mixed_ess():
    dyn = replicator(catalog.load("hawk_dove", value=2, cost=4), symmetric=True)
    b = basins(dyn, None, n=300, rng=0)
    assert b.labels[0].startswith("(mixed(0.5") and b.shares[0] == 1.0


def _deviation_gains(P, prof):
    gains = []
    for i in range(P.shape[-1]):
        dev = list(prof)
        dev[i] = 1 - prof[i]
        gains.append(P[tuple(dev) + (i,)] - P[prof + (i,)])
    return gains


@given(st.lists(st.integers(-5, 5), min_size=24, max_size=24), st.integers(0, 2**16))
@settings(max_examples=25)
def test_random_222_trajectories_stay_in_the_state_space(vals, seed):
    P = np.array(vals, dtype=float).reshape(2, 2, 2, 3)
    dyn = replicator(NormalFormGame(P))
    tr = simulate(dyn, None, sample_states(dyn, 40, rng=seed), 60, dt=0.1)
    assert np.all((tr.states >= 0) & (tr.states <= 1)) and np.all(np.isfinite(tr.states))


@given(st.lists(st.integers(-5, 5), min_size=24, max_size=24), st.lists(st.integers(1, 4), min_size=3,
       max_size=3), st.lists(st.integers(0, 1), min_size=3, max_size=3), st.integers(0, 2**16))
@settings(max_examples=25)
def test_games_with_dominant_strategies_converge_to_the_strict_equilibrium(vals, margin, best, seed):
    # make strategy best[i] strictly dominant for each player i, by margin[i]
    P = np.array(vals, dtype=float).reshape(2, 2, 2, 3)
    for i in range(3):
        idx = [slice(None)] * 3
        idx[i] = best[i]
        other = list(idx)
        other[i] = 1 - best[i]
        P[tuple(idx) + (i,)] = P[tuple(other) + (i,)] + margin[i]
    prof = tuple(best)
    assert all(g < 0 for g in _deviation_gains(P, prof))  # a strict equilibrium: the stable vertex
    dyn = replicator(NormalFormGame(P))
    tr = simulate(dyn, None, sample_states(dyn, 40, rng=seed), 60, dt=0.1)
    target = np.array([1.0 if b == 0 else 0.0 for b in best])  # coordinate = share of strategy 0
    assert np.all(np.abs(tr.final - target) < 1e-3)


@pytest.mark.parametrize("x0, match", [
    ([[1.2, 0.5]], "state space"),
    ([[-0.1, 0.5]], "state space"),
    ([[np.nan, 0.5]], "finite"),
    ([[0.5, 0.5, 0.5]], "2 coordinates"),
])
def test_bad_initial_states(x0, match):
    dyn = replicator(catalog.load("prisoners_dilemma"))
    with pytest.raises(ParameterError, match=match):
        simulate(dyn, None, x0, 10)


def test_bad_arguments():
    dyn = replicator(catalog.load("prisoners_dilemma"))
    with pytest.raises(ParameterError, match="end time"):
        simulate(dyn, None, [0.5, 0.5], -1)
    with pytest.raises(ParameterError, match="rk4"):
        simulate(dyn, None, [0.5, 0.5], 1, method="euler")
    with pytest.raises(TypeError, match="replicator dynamics"):
        simulate(catalog.load("prisoners_dilemma"), None, [0.5, 0.5], 1)
    sym = replicator(catalog.load("collective_inaction"))
    with pytest.raises(ParameterError):
        simulate(sym, None, [0.5, 0.5, 0.5], 1)
    with pytest.raises(ParameterError, match="positive integer"):
        basins(dyn, None, n=0)
