"""A researcher's whole path on a tripartite model built from its tables.

A regulator (strict / lax enforcement), a firm (comply / violate) and the
public (report / silent), with eight symbolic parameters, built from the
parameter table and the payoff table as a paper prints them
(:meth:`ParameterSpace.from_table`, :meth:`NormalFormGame.from_table`), then:
pure equilibria with their conditions -> the replicator stability table of
the vertices -> simulation and figures -> comparative statics -> LaTeX.

The conditions are checked against a hand derivation. In three-population
replicator dynamics of a 2x2x2 game the state is each population's share of
its first strategy, and at a vertex (a pure profile) the Jacobian is
diagonal: the entry of population ``i`` is ``u_i(other strategy) -
u_i(current strategy)`` at the vertex (J. W. Weibull (1995), *Evolutionary
Game Theory*, MIT Press, sec. 5.1; only strict equilibria, vertices with all
entries negative, are asymptotically stable: K. Ritzberger and J. W. Weibull
(1995), "Evolutionary selection in normal-form games", *Econometrica* 63(6):
1371-1399). A vertex is a pure Nash equilibrium iff all entries are ``<= 0``.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import sympy  # noqa: E402

from games.conditions import is_valid  # noqa: E402
from games.normal_form import NormalFormGame  # noqa: E402
from games.parameters import ParameterSpace  # noqa: E402
from govgames.figures import time_series, trajectories_3d  # noqa: E402
from solvers import comparative_statics, pure_equilibria, replicator, simulate, stability  # noqa: E402

PARAMETERS = [
    # name, domain, LaTeX, meaning, default (the point used below)
    ("c", "positive", r"c_R", "regulator's cost of strict enforcement", 1),
    ("f", "positive", r"F", "fine paid by a caught violator (to the regulator)", 2),
    ("g", "positive", r"g", "firm's gain from violating", 3),
    ("r", "positive", r"\rho", "regulator's reputational loss when a lax regime's violation is reported", 2),
    ("s", "positive", r"s", "public's cost of reporting", 1),
    ("w", "positive", r"w", "reward for reporting a violation", 2),
    ("h", "positive", r"h", "harm a violation does to the public", 3),
    ("p", "positive", r"\pi", "political cost of an unpunished, unreported violation", 1),
]
CONSTRAINTS = ["s < h"]

STRATEGIES = (("strict", "lax"), ("comply", "violate"), ("report", "silent"))
TABLE = {
    # (regulator, firm, public): (regulator, firm, public)
    ("strict", "comply", "report"): ("-c", 0, "-s"),
    ("strict", "comply", "silent"): ("-c", 0, 0),
    ("strict", "violate", "report"): ("f - c", "g - f", "w - s - h"),
    ("strict", "violate", "silent"): ("f - c", "g - f", "-h"),
    ("lax", "comply", "report"): (0, 0, "-s"),
    ("lax", "comply", "silent"): (0, 0, 0),
    ("lax", "violate", "report"): ("f - r", "g - f", "w - s - h"),
    ("lax", "violate", "silent"): ("-p", "g", "-h"),
}

# Payoff differences read off TABLE (first strategy minus second):
#   regulator, strict - lax:   comply & report: -c        comply & silent: -c
#                              violate & report: (f - c) - (f - r) = r - c
#                              violate & silent: (f - c) - (-p)    = f + p - c
#   firm, violate - comply:    strict (either public): g - f    lax & report: g - f    lax & silent: g
#   public, report - silent:   comply: -s                 violate: (w - s - h) - (-h) = w - s
# The Jacobian entry of a population at a vertex is "other strategy minus current strategy":
# minus the difference above where the population plays its first strategy, plus it otherwise.
# Vertices are (share of strict, share of comply, share of report).
HAND_EIGENVALUES = {
    (1, 1, 1): ("c", "g - f", "s"),
    (1, 1, 0): ("c", "g - f", "-s"),
    (1, 0, 1): ("c - r", "f - g", "s - w"),
    (1, 0, 0): ("c - f - p", "f - g", "w - s"),
    (0, 1, 1): ("-c", "g - f", "s"),
    (0, 1, 0): ("-c", "g", "-s"),
    (0, 0, 1): ("r - c", "f - g", "s - w"),
    (0, 0, 0): ("f + p - c", "-g", "w - s"),
}


@pytest.fixture(scope="module")
def model():
    space = ParameterSpace.from_table(PARAMETERS, constraints=CONSTRAINTS)
    game = NormalFormGame.from_table(TABLE, players=("regulator", "firm", "public"), strategies=STRATEGIES,
                                     space=space, name="enforcement with a watchful public")
    return space, game


@pytest.fixture(scope="module")
def table(model):
    _, game = model
    dyn = replicator(game)
    return dyn, stability(dyn, vertices_only=True)


def _hand(space, vertex):
    return tuple(space.sympify(e) for e in HAND_EIGENVALUES[vertex])


def _vertex(profile):
    """The state coordinates of a pure profile: 1 where the first strategy is played."""
    return tuple(int(sympy.sympify(sigma[0])) for sigma in profile)


def test_the_model_is_the_tables(model):
    space, game = model
    assert len(space) == 8 and space.names == tuple(r[0] for r in PARAMETERS)
    assert space.defaults() == {r[0]: r[4] for r in PARAMETERS}
    assert game.strategies == STRATEGIES
    f, g = space["f"], space["g"]
    assert tuple(game.payoff(("lax", "violate", "silent"))) == (-space["p"], g, -space["h"])
    assert sympy.simplify(game.payoff(("strict", "violate", "report"))[1] - (g - f)) == 0


def test_pure_equilibria_with_hand_conditions(model):
    space, game = model
    eqs = pure_equilibria(game)
    # a vertex is an equilibrium iff every "other minus current" difference is <= 0
    hand = {v: sympy.And(*(e <= 0 for e in _hand(space, v))) for v in HAND_EIGENVALUES}
    possible = {v for v, cond in hand.items() if cond is not sympy.false}
    # c, g, s > 0 rule out every vertex where the firm complies
    assert possible == {(1, 0, 1), (1, 0, 0), (0, 0, 1), (0, 0, 0)}
    got = {_vertex(e.profile): e for e in eqs}
    assert set(got) == possible
    for v, e in got.items():
        assert is_valid(sympy.Equivalent(e.condition, hand[v]), space) is True, (v, e.condition)
        assert e.kind == "pure"


def test_vertex_stability_conditions_match_the_hand_derivation(model, table):
    space, _ = model
    dyn, tab = table
    assert dyn.populations == ("regulator", "firm", "public")
    rows = {tuple(int(c) for c in r.point.coordinates): r for r in tab}
    assert set(rows) == set(HAND_EIGENVALUES)
    for v, row in rows.items():
        hand = _hand(space, v)
        # the Jacobian at a vertex is diagonal: its eigenvalues are the hand differences, population by population
        assert row.eigenvalues is not None
        assert [sympy.simplify(a - b) for a, b in zip(row.eigenvalues, hand)] == [0, 0, 0], (v, row.eigenvalues)
        # "stable" iff all three are negative
        stable = sympy.And(*(e < 0 for e in hand))
        assert is_valid(sympy.Equivalent(row.condition, stable), space) is True, (v, row.condition, stable)
    # where the firm complies a positive entry (c, g or s) rules stability out
    for v in ((1, 1, 1), (1, 1, 0), (0, 1, 1), (0, 1, 0)):
        assert rows[v].condition is sympy.false


def test_simulation_converges_to_the_vertex_stable_at_the_point(model, table):
    space, _ = model
    dyn, tab = table
    point = space.defaults()
    stable_here = [v for v in HAND_EIGENVALUES
                   if all(e.subs({space[k]: x for k, x in point.items()}) < 0 for e in _hand(space, v))]
    # at the point: c < r, f < g, s < w; only (strict, violate, report) has three negative entries
    assert stable_here == [(1, 0, 1)]
    at = tab.at(point)
    assert [tuple(int(c) for c in r.point.coordinates) for r in at if r.classification == "stable"] == stable_here
    starts = [[a, b, c] for a in (0.2, 0.8) for b in (0.2, 0.8) for c in (0.2, 0.8)]
    tr = simulate(dyn, point, starts, np.linspace(0.0, 60.0, 601))
    # violating beats complying by g - f > 0 or g > 0 everywhere at the point, so every path goes to the vertex
    assert np.allclose(tr.final, [[1.0, 0.0, 1.0]] * len(starts), atol=1e-3)
    end = tuple(int(round(x)) for x in tr.final[0])
    row = next(r for r in tab if tuple(int(c) for c in r.point.coordinates) == end)
    assert row.condition.subs({space[k]: x for k, x in point.items()}) is sympy.true
    fig = trajectories_3d(tr, table=at)
    assert np.allclose(fig.endpoints, tr.final, atol=1e-9)
    plt.close(fig)
    fig = time_series(simulate(dyn, point, [0.5, 0.5, 0.5], np.linspace(0.0, 60.0, 601)))
    assert len(fig.axes) >= 1
    plt.close(fig)


def test_comparative_statics_of_the_stability_margins(model, table):
    space, _ = model
    dyn, tab = table
    row = next(r for r in tab if tuple(int(c) for c in r.point.coordinates) == (1, 0, 1))
    margins = {f"margin of {row.label} for {pop}": -e for pop, e in zip(dyn.populations, row.eigenvalues)}
    st = comparative_statics(margins, space=space)
    # hand: the margins are r - c, g - f, w - s; each moves with its own parameters by +1 or -1
    hand = dict(zip(margins, (space.sympify("r - c"), space.sympify("g - f"), space.sympify("w - s"))))
    assert len(st) == 3 * 8
    for r in st:
        d = sympy.diff(hand[r.quantity], space[r.parameter])
        assert sympy.simplify(r.derivative - d) == 0
        assert r.sign == {1: "+", -1: "-", 0: "0"}[int(d)] and r.proved
    assert st.sign("r", next(q for q in margins if q.endswith("regulator"))) == "+"


def test_latex_of_every_result(model, table):
    space, game = model
    dyn, tab = table
    eqs = pure_equilibria(game)
    row = next(r for r in tab if tuple(int(c) for c in r.point.coordinates) == (1, 0, 1))
    st = comparative_statics({"margin": -row.eigenvalues[0]}, space=space)
    for obj in (eqs, tab, tab.at(space.defaults()), st):
        tex = obj.to_latex()
        assert isinstance(tex, str) and tex.strip()
        assert sympy.latex(obj)  # sympy's printer nests the result
    # the declared LaTeX names of the parameter table are used
    assert r"\rho" in eqs.to_latex() and "c_R" in eqs.to_latex()
    assert r"\rho" in st.to_latex() and r"\pi" in st.to_latex()
    assert "ESS if" in tab.to_latex()
