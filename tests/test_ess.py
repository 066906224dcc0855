"""Tests for solvers.ess: Maynard Smith ESS of symmetric two-player games."""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from games.catalog.classic import hawk_dove, prisoners_dilemma, stag_hunt
from games.errors import UnsupportedGame
from games.normal_form import NormalFormGame
from solvers.ess import ESSResult, ess
from solvers.replicator import replicator
from solvers.stability import stability


def _sym(A):
    B = [[A[j][i] for j in range(len(A))] for i in range(len(A))]
    return NormalFormGame.from_bimatrix(A, B)


def test_hawk_dove_symbolic_mixed_ess():
    # Maynard Smith & Price (1973); Maynard Smith (1982) ch. 2: with V < C the
    # unique ESS plays hawk with probability V/C.
    g = hawk_dove()
    V, C = g.space["value"], g.space["cost"]
    res = ess(g)
    assert len(res) == 1
    r = res[0]
    assert isinstance(r, ESSResult) and r.kind == "mixed" and r.condition is sympy.true
    assert sympy.simplify(r.strategy[0] - V / C) == 0
    assert sympy.simplify(r.strategy[1] - (1 - V / C)) == 0
    assert r.support == ("hawk", "dove")


def test_hawk_dove_numeric_and_unconstrained():
    r = ess(hawk_dove(value=2, cost=6))
    assert [x.strategy for x in r] == [(sympy.Rational(1, 3), sympy.Rational(2, 3))]
    # Without V < C: hawk is the (pure) ESS iff V >= C (at V = C via the second condition).
    g = hawk_dove(assume_cost_exceeds_value=False)
    V, C = g.space["value"], g.space["cost"]
    by_kind = {x.kind: x for x in ess(g)}
    pure = by_kind["pure"]
    assert pure.strategy == (1, 0)
    assert pure.condition.subs({V: 3, C: 3}) is sympy.true
    assert pure.condition.subs({V: 2, C: 3}) is sympy.false
    assert by_kind["mixed"].condition.subs({V: 3, C: 3}) is sympy.false


def test_prisoners_dilemma_defect():
    for g in (prisoners_dilemma(), prisoners_dilemma(symbolic=True)):
        res = ess(g)
        assert [(r.strategy, r.kind, r.condition) for r in res] == [((0, 1), "pure", sympy.true)]


def test_rock_paper_scissors_has_no_ess():
    # Zero-sum RPS: the uniform equilibrium is neutrally, not evolutionarily, stable
    # (Hofbauer & Sigmund 1998, sec. 7.7).
    rps = _sym([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    assert ess(rps) == ()
    # With wins worth more than losses the uniform strategy is an ESS (Hofbauer & Sigmund 1998).
    rps_good = _sym([[0, -1, 2], [2, 0, -1], [-1, 2, 0]])
    third = sympy.Rational(1, 3)
    assert [r.strategy for r in ess(rps_good)] == [(third, third, third)]


def test_stag_hunt_two_pure_ess():
    for g in (stag_hunt(), stag_hunt(symbolic=True)):
        res = ess(g)
        assert [(r.strategy, r.kind) for r in res] == [((1, 0), "pure"), ((0, 1), "pure")]
        assert all(r.condition is sympy.true for r in res)


def test_pure_tie_needs_second_condition():
    # u(e1, e1) = u(e2, e1) = 1: e1 is an ESS iff u(e1, e2) > u(e2, e2).
    assert [r.strategy for r in ess(_sym([[1, 2], [1, 0]]))] == [(1, 0)]
    assert [r.strategy for r in ess(_sym([[1, 0], [1, 2]]))] == [(0, 1)]
    # all payoffs equal: nothing is an ESS
    assert ess(_sym([[1, 1], [1, 1]])) == ()


def test_symbolic_condition_coordination():
    a = sympy.Symbol("a")
    g = NormalFormGame.from_bimatrix([[a, 0], [0, 1]], [[a, 0], [0, 1]])
    res = {r.strategy: r.condition for r in ess(g)}
    assert set(res) == {(1, 0), (0, 1)}
    (sym,) = res[(1, 0)].free_symbols
    assert sympy.simplify(res[(1, 0)].xreplace({sym: a}) ^ (a > 0)) is sympy.false
    assert res[(1, 0)].subs(sym, 1) is sympy.true and res[(1, 0)].subs(sym, 0) is sympy.false
    assert res[(0, 1)] is sympy.true


def test_bad_input():
    with pytest.raises(UnsupportedGame, match="symmetric"):
        ess(NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[0, 1], [1, 0]]))
    with pytest.raises(UnsupportedGame, match="NormalFormGame"):
        ess([[1, 0], [0, 1]])
    with pytest.raises(UnsupportedGame, match="square"):
        ess(NormalFormGame.from_bimatrix([[1, 0, 2], [0, 1, 2]], [[1, 0, 2], [0, 1, 2]]))


_ints = st.integers(-4, 4)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(_ints, min_size=2, max_size=2), min_size=2, max_size=2))
def test_ess_asymptotically_stable_2x2(A):
    # Taylor & Jonker (1978): an ESS is asymptotically stable under the replicator
    # dynamics; for two strategies the converse holds as well.
    g = _sym(A)
    res = ess(g)
    for r in res:
        assert r.condition is sympy.true
        # verify the definition at the pure strategies as deviants
        x = sympy.Matrix(r.strategy)
        M = sympy.Matrix(A)
        for j in range(2):
            e = sympy.Matrix([1 if k == j else 0 for k in range(2)])
            if e == x:
                continue
            assert (x.T * M * x)[0] >= (e.T * M * x)[0]
    dyn = replicator(g, symmetric=True)
    table = stability(dyn)
    f = dyn.lambdify()
    ess_points = {r.strategy[0] for r in res}
    for p in ess_points:
        cls = table.find((p,)).classification
        # linearisation decides unless the ESS is non-regular (a tied unused best
        # reply), where the eigenvalue is 0 and the table says so -- never "stable"
        assert cls in ("stable", "non-hyperbolic")
        # asymptotic stability in one dimension: the flow points towards p on both sides
        for side in (-1, 1):
            q = float(p) + side * 1e-3
            if 0.0 <= q <= 1.0:
                assert side * f(np.array([q]))[0] < 0
    for row in table:
        if row.classification == "stable":
            assert row.point.coordinates[0] in ess_points
