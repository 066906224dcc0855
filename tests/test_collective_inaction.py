"""Collective inaction (MODELS.md section 3): the stability table the model must show."""

from __future__ import annotations

import sympy

from games.catalog.collective_inaction import collective_inaction
from solvers.replicator import replicator
from solvers.stability import stability


def _table():
    return stability(replicator(collective_inaction(), state_names=("x", "y", "z")), simplify=False)


def test_collective_inaction_and_full_collaboration_conditions():
    # MODELS.md section 3 (our derivation, checked here by the solver)
    tab = _table()
    sp = collective_inaction().space
    R, c_O, b = sp["R"], sp["c_O"], sp["b"]
    ci = tab.find((0, 0, 0)).condition
    assert sympy.simplify(ci.lhs - ci.rhs - (R - b - c_O)) == 0 or isinstance(ci, sympy.StrictLessThan)
    pt = {"alpha": 1, "U": 10, "c_F": 2, "h": 1, "beta": 1, "W": 4, "theta": "1/2", "pi_T": 4, "c_T": 3,
          "R": 2, "c_O": 3, "b": 2, "P": 4, "s": 2}
    at = tab.at(pt)
    # R < c_O + b and alpha U > c_F + h, beta W + theta pi > c_T, R + s + theta P > c_O: bistable
    assert at.find((0, 0, 0)).classification == "stable"
    assert at.find((1, 1, 1)).classification == "stable"
    assert all(r.classification != "stable" for r in at if not r.point.is_vertex)


def test_no_interior_rest_point_is_stable():
    tab = _table()
    for r in tab:
        if r.point.kind == "interior":
            assert r.condition is sympy.false
