"""Replicator dynamics and stability tables on classic games (two-population dynamics)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import sympy
from hypothesis import given, settings, strategies as st

from games.errors import UnsupportedGame
from games.normal_form import NormalFormGame
from solvers.replicator import replicator
from solvers.stability import stability


def _bi(A, B):
    return NormalFormGame.from_bimatrix(A, B)


# (A, B, {vertex: (eigenvalues, class)}) ; eigenvalues are deviation gains (Friedman 1991)
CASES = [
    pytest.param([[3, 0], [5, 1]], [[3, 5], [0, 1]],
                 {(0, 0): ((-1, -1), "stable"), (1, 1): ((2, 2), "unstable")}, id="prisoners_dilemma"),
    pytest.param([[2, 0], [0, 1]], [[1, 0], [0, 2]],
                 {(1, 1): ((-2, -1), "stable"), (0, 0): ((-1, -2), "stable"), (1, 0): ((1, 1), "unstable")},
                 id="battle_of_the_sexes"),
    pytest.param([[4, 0], [3, 3]], [[4, 3], [0, 3]],
                 {(1, 1): ((-1, -1), "stable"), (0, 0): ((-3, -3), "stable"), (1, 0): ((3, 1), "unstable")},
                 id="stag_hunt"),
]


@pytest.mark.parametrize("A,B,expected", CASES)
def test_vertex_eigenvalues_and_classes(A, B, expected):
    tab = stability(replicator(_bi(A, B)))
    for v, (eig, cls) in expected.items():
        row = tab.find(v)
        assert tuple(row.eigenvalues) == eig
        assert row.classification == cls


def test_matching_pennies_interior_is_a_centre_not_stable():
    tab = stability(replicator(_bi([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])))
    row = tab.find((sympy.Rational(1, 2), sympy.Rational(1, 2)))
    assert row.classification == "centre"
    assert all(sympy.re(e) == 0 for e in row.eigenvalues)
    assert all(r.classification != "stable" for r in tab)


def test_hawk_dove_single_population_mixed_rest_point_is_v_over_c():
    V, C = sympy.symbols("V C", positive=True)
    hd = _bi([[(V - C) / 2, V], [0, V / 2]], [[(V - C) / 2, 0], [V, V / 2]])
    dyn = replicator(hd, symmetric=True)
    tab = stability(dyn)
    row = [r for r in tab if r.point.kind == "interior"][0]
    assert sympy.simplify(row.point.coordinates[0] - V / C) == 0
    # Maynard Smith: V/C is stable exactly when V < C
    at = tab.at({"V": 2, "C": 4})
    assert [r.classification for r in at if r.point.kind == "interior"] == ["stable"]


def test_bad_input():
    with pytest.raises(UnsupportedGame):
        replicator("not a game")
    with pytest.raises(UnsupportedGame):
        replicator(_bi([[1, 2], [3, 4]], [[1, 2], [3, 4]]), symmetric=True)


payoff = st.integers(-4, 4)


@settings(max_examples=15, deadline=None)
@given(st.lists(payoff, min_size=24, max_size=24))
def test_random_222_vertices_eigen_are_deviation_gains_and_strict_nash_iff_stable(vals):
    arr = np.array(vals, dtype=object).reshape(2, 2, 2, 3)
    g = NormalFormGame(arr)
    dyn = replicator(g)
    tab = stability(dyn)
    jac = dyn.lambdify(jacobian=True)
    for prof in itertools.product(range(2), repeat=3):
        v = tuple(1 - p for p in prof)
        row = tab.find(v)
        gains = []
        for i in range(3):
            dev = list(prof)
            dev[i] = 1 - dev[i]
            gains.append(arr[tuple(dev) + (i,)] - arr[tuple(prof) + (i,)])
        assert sorted(row.eigenvalues) == sorted(gains)
        strict = all(x < 0 for x in gains)
        assert (row.classification == "stable") == strict
        num = np.sort(np.linalg.eigvals(jac(np.array(v, dtype=float))).real)
        assert np.allclose(num, sorted(float(x) for x in gains))
    for r in tab:
        if r.point.kind == "interior":
            assert r.condition is sympy.false
