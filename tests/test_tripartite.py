"""The two published tripartite models: vertex eigenvalues against the papers' tables.

Vertex rows only (the Jacobian at each vertex is diagonal in reduced
coordinates), so the tests stay fast. Expected eigenvalues are written out in
each paper's notation, derived by hand from the printed payoff table: at a
vertex, a population's eigenvalue is its payoff difference (strategy 1 minus
strategy 2) with sign + where its share is 0 and - where it is 1.

Neither paper's printed stability table could be retrieved (the search index
holds the payoff tables only: Zeng et al. 2025 Table 2; Sci. Rep. 14:23875
Table 1), so the comparison with the *printed* eigenvalues is not encoded
here; see the module report.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import sympy

from games.catalog.tripartite import cooperative_supply_chain, greenwashing_regulation
from solvers.replicator import replicator
from solvers.stability import stability


def _vertex_eigs(dyn):
    out = {}
    for v in dyn.vertices():
        J = dyn.jacobian.xreplace(dict(zip(dyn.state, v)))
        assert J.is_diagonal()
        out[tuple(int(c) for c in v)] = tuple(J[i, i] for i in range(3))
    return out


def _expected(space, diffs):
    """{vertex: eigenvalues} from the three payoff differences D_i(other two shares)."""
    out = {}
    for v in itertools.product((1, 0), repeat=3):
        eig = []
        for i, D in enumerate(diffs):
            others = [v[j] for j in range(3) if j != i]
            d = space.sympify(D(*others))
            eig.append(-d if v[i] == 1 else d)
        out[v] = tuple(eig)
    return out


# Zeng, Huang, Wu & Liu (2025), Table 2 (static regulation); x = green innovation,
# y = strict regulation, z = public participation.
_GW_DIFFS = (
    lambda y, z: f"(1+alpha)*R1 - C1 - (1-alpha)*R2 + C2 + (P+Q)*{y} + (L+M)*{z}",   # enterprise
    lambda x, z: f"-C4 + (F+G)*{z} + (J-P)*{x}",                                     # government
    lambda x, y: f"-C5 + (H+I)*{y} - I + (1-{x})*M - {x}*L",                         # public
)

# Sci. Rep. 14:23875 (2024), Table 1; alpha = strong regulation, beta = seller actively
# undertakes, gamma = farmer takes part.
_SC_DIFFS = (
    lambda b, g: {(1, 1): "-C1 + G - S1", (1, 0): "-C1 + G - P1 - S1",
                  (0, 1): "-C1 + F1 + G", (0, 0): "-C1 - P1 + G + F"}[(b, g)],           # cooperative
    lambda a, g: {(1, 1): "V1 - C2 + S1 + A1 - S2 - G", (1, 0): "V1 - C2 + S1 + A1 - S2 + F",
                  (0, 1): "V1 - C2 + A1 - S2", (0, 0): "V1 - C2"}[(a, g)],               # seller
    lambda a, b: {(1, 1): "E3 - C3 + M1 + R1 + S2 - E3p", (0, 1): "E3 - C3 + R1 + S2 - E3p",
                  (1, 0): "E3 - C3 + M1 - E3p", (0, 0): "E3 - C3 - E3p"}[(a, b)],        # farmer
)


@pytest.mark.parametrize("factory, diffs", [(greenwashing_regulation, _GW_DIFFS),
                                            (cooperative_supply_chain, _SC_DIFFS)])
def test_vertex_eigenvalues_match_payoff_table(factory, diffs):
    g = factory()
    dyn = replicator(g)
    got = _vertex_eigs(dyn)
    want = _expected(g.space, diffs)
    assert set(got) == set(want)
    for v in want:
        for a, b in zip(got[v], want[v]):
            assert sympy.expand(a - b) == 0, (v, a, b)


def test_cooperative_farmer_eigenvalues_use_drop_out_income():
    # The farmer's eigenvalue at a vertex with gamma = 0 is E3 - C3 (+ gains) - E'3: the
    # drop-out income E'3 enters with its own symbol, never as a constant.
    g = cooperative_supply_chain()
    E3p = g.space["E3p"]
    for v, eig in _vertex_eigs(replicator(g)).items():
        assert sympy.diff(eig[2], E3p) == (-1 if v[2] == 0 else 1)


@pytest.mark.parametrize("factory", [greenwashing_regulation, cooperative_supply_chain])
def test_numeric_table_agrees_with_vertex_signs(factory):
    # At the default numbers the full stability table's vertex classes follow the
    # signs of the vertex eigenvalues (a vertex is stable iff it is a strict Nash
    # equilibrium).
    g = factory(symbolic=False)
    table = stability(replicator(g))
    sym = _vertex_eigs(replicator(factory()))
    for row in table:
        if not row.point.is_vertex:
            continue
        v = tuple(int(c) for c in row.point.coordinates)
        ev = np.array([float(e) for e in row.eigenvalues])
        assert sorted(ev) == pytest.approx(sorted(float(e) for e in _vertex_eigs(replicator(g))[v]))
        assert len(sym[v]) == 3
        if np.all(ev < 0):
            assert row.classification == "stable"
        elif np.any(ev == 0):
            assert row.classification == "non-hyperbolic"
        else:
            assert row.classification != "stable"


def test_symbolic_vertex_stability_conditions():
    # Full collaboration in the cooperative game is a strict equilibrium iff all three
    # eigenvalues at (1, 1, 1) are negative: C1 + S1 < G, seller gains, farmer gains.
    g = cooperative_supply_chain()
    eig = _vertex_eigs(replicator(g))[(1, 1, 1)]
    s = g.space
    assert sympy.expand(eig[0] - s.sympify("C1 + S1 - G")) == 0
    assert sympy.expand(eig[1] + s.sympify("V1 - C2 + S1 + A1 - S2 - G")) == 0
