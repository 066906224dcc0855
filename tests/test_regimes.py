"""Regimes and regime maps, checked cell by cell against direct solves at the cells' points."""

from __future__ import annotations

import functools
from fractions import Fraction

import numpy as np
import pytest
import sympy

from games.conditions import is_satisfiable
from hypothesis import given, settings
from hypothesis import strategies as st

from games import catalog
from games.errors import ParameterError
from games.normal_form import NormalFormGame
from games.parameters import ParameterSpace
from solvers.nash import equilibria
from solvers.regimes import Boundary, RegimeMap, regime_map, regimes

FIXED = {"gain": 1.0, "fine": 3.0, "detection_value": 2.0}


@functools.lru_cache(maxsize=1)
def _free_inspection():
    g = catalog.load("inspection")
    space = ParameterSpace(g.space.parameters)
    game = NormalFormGame(g.payoffs, players=g.players, strategies=g.strategies, space=space)
    return game, equilibria(game)


@pytest.fixture(scope="module")
def free_inspection():
    """The inspection game without the maintained assumption k < v + d: two regimes."""
    return _free_inspection()


def _exact(pt):
    # exact values: Equilibrium.at on float points fails for bare-symbol payoffs (reported), and exact
    # solves compare exactly; Fraction(float) is the float's exact value, so the cell is unchanged
    return {k: Fraction(v) for k, v in pt.items()}


def _profiles(eqs):
    return sorted(tuple(round(float(x), 9) for v in e.profile for x in v) for e in eqs)


def test_inspection_regimes(free_inspection):
    # Tsebelis (1989): the inspector's cost k against v + d separates the pure regime
    # (violate, not inspect) from the mixed one.
    game, eqs = free_inspection
    regs = regimes(eqs)
    assert len(regs) == 2
    s = game.space
    k, v, d = s["inspection_cost"], s["detection_value"], s["damage"]
    conds = {r.members: r.condition for r in regs}
    pure = [i for i, e in enumerate(eqs) if e.is_pure][0]
    # generic regimes are open regions: the boundary k = v + d is left to generic=False
    assert conditions_equal(conds[(pure,)], k > v + d, s)
    full = {r.members: r.condition for r in eqs.regimes(generic=False)}
    assert any(conditions_equal(c, sympy.Eq(k, v + d), s) or
               is_satisfiable(sympy.And(c, sympy.Eq(k, v + d)), s) for c in full.values())


def conditions_equal(a, b, space):
    from games.conditions import is_valid

    return is_valid(sympy.Equivalent(a, b), space) is True


def test_inspection_regime_map_cell_by_cell(free_inspection):
    game, eqs = free_inspection
    m = regime_map(eqs, "inspection_cost", "damage", fixed=FIXED, resolution=(7, 6),
                   x_range=(0.3, 6.1), y_range=(0.2, 5.3))
    assert isinstance(m, RegimeMap) and m.grid.shape == (6, 7)
    assert len(m.labels) == 2 and (m.grid >= 0).all()
    for i, yv in enumerate(m.y):
        for j, xv in enumerate(m.x):
            pt = _exact(dict(FIXED, inspection_cost=float(xv), damage=float(yv)))
            direct = equilibria(game.subs(pt))
            members = [eqs[k].at(pt) for k in m.members[m.grid[i, j]]]
            assert _profiles(members) == _profiles(direct), pt
    # the boundary k = v + d is the line damage = inspection_cost - detection_value
    (b,) = m.boundaries
    xs = np.array([3.0, 5.0])
    assert np.allclose(b.evaluate(xs), xs - FIXED["detection_value"])
    assert m.label_at(0.5, 5.0) != m.label_at(6.0, 0.5)
    assert sum(m.counts().values()) == 42


def test_catalog_inspection_map_marks_outside_cells():
    game = catalog.load("inspection")
    eqs = equilibria(game)
    m = regime_map(eqs, "inspection_cost", "damage", fixed=FIXED, resolution=5, x_range=(1, 6),
                   y_range=(0.5, 4))
    k = m.x[None, :]
    d = m.y[:, None]
    inside = k < FIXED["detection_value"] + d
    assert ((m.grid == -1) == ~inside).all()
    assert m.labels == ("mixed #0",) and m.label_at(6, 0.5) == "outside"


def test_resistance_negotiation_map_cell_by_cell():
    from solvers.backward_induction import subgame_perfect

    tree = catalog.load("resistance_negotiation")
    spe = subgame_perfect(tree)
    fixed = {"reform_gain": 2.0, "soft_power": 0.7, "mobilisation_cost": 0.45, "voice_cost": 0.35,
             "pilot_failure": 1.3, "concession": 1.55}
    # grid values chosen off every tie (no equalities between payoff differences)
    m = regime_map(spe, "authority", "workload", fixed=fixed, resolution=(5, 5), x_range=(0.13, 2.93),
                   y_range=(0.11, 2.91))
    assert len(m.labels) >= 3
    for i, yv in enumerate(m.y):
        for j, xv in enumerate(m.x):
            pt = _exact(dict(fixed, authority=float(xv), workload=float(yv)))
            direct = subgame_perfect(tree.subs(pt))
            got = {(e.path, tuple(round(float(u), 9) for u in e.payoffs)) for e in
                   (spe[k].at(pt) for k in m.members[m.grid[i, j]])}
            want = {(e.path, tuple(round(float(u), 9) for u in e.payoffs)) for e in direct}
            assert got == want, pt


def test_regimes_of_other_results():
    from games.bargaining import AlternatingOffers
    from solvers.bargaining import bargain

    s = ParameterSpace({"d": "(0, 1)"})
    out = bargain(AlternatingOffers("d", space=s))
    regs = regimes(out)
    assert len(regs) == len(out.cases) and regs[0].members == (0,)
    a = sympy.Symbol("a", positive=True)
    g = NormalFormGame.from_bimatrix([[a, 0], [1, 2]], [[1, 0], [0, 1]])
    eqs = equilibria(g)
    assert regimes(list(eqs)) == eqs.regimes() == regimes(eqs)
    with pytest.raises(TypeError, match="regimes\\(\\): result must be"):
        regimes(42)


def test_bargaining_cases_map():
    from games.bargaining import AlternatingOffers
    from solvers.bargaining import bargain

    s = ParameterSpace({"d1": "(0, 1)", "d2": "(0, 1)"})
    out = bargain(AlternatingOffers(("d1", "d2"), space=s))
    m = regime_map(out, "d1", "d2", resolution=4)
    assert (m.grid == 0).all() and len(m.labels) == 1


def test_bad_axes(free_inspection):
    game, eqs = free_inspection
    with pytest.raises(ParameterError, match="regime_map\\(\\): x must be a parameter"):
        regime_map(eqs, "nope", "damage", fixed=FIXED)
    with pytest.raises(ParameterError, match="y must be a parameter other than"):
        regime_map(eqs, "damage", "damage", fixed=FIXED)
    with pytest.raises(ParameterError, match="fixed must be values for"):
        regime_map(eqs, "inspection_cost", "damage", fixed={"gain": 1})
    with pytest.raises(ParameterError, match="resolution"):
        regime_map(eqs, "inspection_cost", "damage", fixed=FIXED, resolution=1)
    with pytest.raises(ParameterError, match="range"):
        regime_map(eqs, "inspection_cost", "damage", fixed=FIXED, x_range=(2, 1))


def test_boundary_vertical_and_complex():
    x, y = sympy.symbols("x y", real=True)
    b = Boundary(sympy.Gt(x, 1), x, y, x_value=sympy.Integer(1))
    xs, ys = b.curve(np.linspace(0, 2, 5), (0, 3))
    assert np.all(xs == 1.0) and ys[0] == 0 and ys[-1] == 3
    c = Boundary(sympy.Gt(y**2, x), x, y, y_of_x=sympy.sqrt(x))
    vals = c.evaluate(np.array([-1.0, 4.0]))
    assert np.isnan(vals[0]) and vals[1] == 2.0


@settings(max_examples=15, deadline=None)
@given(st.floats(0.1, 3), st.floats(0.1, 3), st.floats(0.1, 3))
def test_cells_agree_with_holds_at(k0, d0, v):
    # property: every in-space cell lists exactly the equilibria whose condition holds at its point
    _, eqs = _free_inspection()
    fixed = {"gain": 1.0, "fine": 2.0, "detection_value": v}
    m = regime_map(eqs, "inspection_cost", "damage", fixed=fixed, resolution=3, x_range=(k0, k0 + 2),
                   y_range=(d0, d0 + 2))
    for i, yv in enumerate(m.y):
        for j, xv in enumerate(m.x):
            pt = dict(fixed, inspection_cost=float(xv), damage=float(yv))
            holds = tuple(k for k, e in enumerate(eqs) if e.holds_at(pt))
            assert m.members[m.grid[i, j]] == holds


def test_stability_table_map_cell_by_cell():
    # replicator dynamics of a 2x2 coordination game: (s2, s2) is always asymptotically stable and
    # (s1, s1) exactly when a > 0 and b > 0 (Weibull 1995, Evolutionary Game Theory, ch. 5)
    from solvers.replicator import replicator
    from solvers.stability import stability

    s = ParameterSpace({"a": "real", "b": "real"})
    a, b = s.symbols
    game = NormalFormGame.from_bimatrix([[a, 0], [0, 1]], [[b, 0], [0, 1]], space=s)
    tab = stability(replicator(game))
    m = regime_map(tab, "a", "b", resolution=4, x_range=(-1.5, 1.7), y_range=(-1.3, 1.9))
    assert set(m.labels) == {"(s1, s1), (s2, s2)", "(s2, s2)"}
    for i, yv in enumerate(m.y):
        for j, xv in enumerate(m.x):
            num = stability(replicator(game.subs(_exact({"a": float(xv), "b": float(yv)}))))
            stable = {r.label for r in num if r.classification == "stable"}
            label = m.labels[m.grid[i, j]]
            assert {r.label for r in tab.rows if r.label in label} == stable, (xv, yv)
