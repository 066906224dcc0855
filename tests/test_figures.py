"""Figures render with Agg and draw what they claim: regions, lines, markers, labels; tables render."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import sympy  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from govgames.figures.bargaining_plot import bargaining_plot, deadline_shares  # noqa: E402
from govgames.figures.dynamics import basin_plot, integrate, phase_portrait, time_series, trajectories_3d  # noqa: E402
from govgames.figures.regime_map import classify_grid, regime_conditions, regime_map  # noqa: E402
from govgames.figures.statics_plot import statics_plot  # noqa: E402
from govgames.figures.style import WIDTHS, axis_limits, new_figure, param_label, save_figure  # noqa: E402
from govgames.figures.tables import (equilibria_table, payoff_table, regimes_table, render_table,  # noqa: E402
                            stability_table, statics_table)
from govgames.figures.tree import draw_tree, tree_layout  # noqa: E402
from games.bargaining import AlternatingOffers  # noqa: E402
from games.catalog import load  # noqa: E402
from games.errors import ParameterError, UnsupportedGame  # noqa: E402
from games.normal_form import NormalFormGame  # noqa: E402
from games.parameters import ParameterSpace  # noqa: E402
from solvers.backward_induction import subgame_perfect  # noqa: E402
from solvers.nash import equilibria  # noqa: E402
from solvers.replicator import replicator  # noqa: E402
from solvers.stability import stability  # noqa: E402
from solvers.statics import comparative_statics  # noqa: E402

STAG = NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]])
RPS = NormalFormGame.from_bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [[0, 1, -1], [-1, 0, 1], [1, -1, 0]])
SPACE_AW = ParameterSpace({"a": ("nonnegative", "a"), "w": ("positive", "w")})


# --- style -------------------------------------------------------------------------------------

def test_new_figure_is_pyplot_free_and_sized():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    fig, ax = new_figure("one")
    assert isinstance(fig, Figure) and plt.get_fignums() == before
    assert fig.get_size_inches()[0] == pytest.approx(WIDTHS["one"])
    fig2, axes = new_figure("two", nrows=1, ncols=3)
    assert len(axes) == 3 and fig2.get_size_inches()[0] == pytest.approx(7.0)
    with pytest.raises(ParameterError, match="width"):
        new_figure("three")


def test_param_label_uses_declared_latex():
    s = ParameterSpace({"soft_power": ("nonnegative", r"\sigma"), "delta_G": ("(0, 1)", r"\delta_G")})
    assert param_label(s, "soft_power") == r"soft power $\sigma$"
    assert param_label(s, "delta_G") == r"$\delta_G$"
    assert axis_limits(s, "delta_G") == (0.0, 1.0)
    assert axis_limits(s, "soft_power") == (0.0, 10.0)


def test_save_figure_writes_vector_and_png(tmp_path):
    fig, ax = new_figure()
    ax.plot([0, 1], [0, 1])
    paths = save_figure(fig, tmp_path / "f", formats=("pdf", "png", "svg"))
    assert [p[-3:] for p in paths] == ["pdf", "png", "svg"]
    assert open(paths[0], "rb").read(4) == b"%PDF"
    assert open(paths[1], "rb").read(8) == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in open(paths[2], encoding="utf-8").read()


# --- regime maps -------------------------------------------------------------------------------

def test_regime_map_two_regions_with_boundary_and_legend():
    a, w = SPACE_AW["a"], SPACE_AW["w"]
    fig = regime_map({"obey": a >= w, "defy": a < w}, "a", "w", space=SPACE_AW, xlim=(0, 2), ylim=(0, 2),
                     resolution=50)
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert sorted(fig.regime_cells) == ["defy", "obey"]
    assert len(texts) == 2 and any(t.startswith("obey: $") for t in texts)
    assert ax.get_xlabel() == "$a$" and ax.get_ylabel() == "$w$"
    # one filled set per region plus one boundary contour set
    assert len(ax.collections) >= 3


def test_classify_grid_area_matches_geometry():
    a, w = SPACE_AW["a"], SPACE_AW["w"]
    g = classify_grid([("below", w < a / 2), ("above", w >= a / 2)], SPACE_AW, "a", "w", xlim=(0, 1),
                      ylim=(0, 1), resolution=200)
    share_below = np.mean(g["holds"][0][g["inside"]])
    assert share_below == pytest.approx(0.25, abs=0.01)  # triangle under w = a/2 on the unit square
    assert set(g["cells"]) == {(0,), (1,)}


@settings(max_examples=15, deadline=None)
@given(st.floats(0.1, 0.9))
def test_regime_map_threshold_property(c):
    a, w = SPACE_AW["a"], SPACE_AW["w"]
    g = classify_grid([("low", a < c)], SPACE_AW, "a", "w", fixed=None, xlim=(0, 1), ylim=(0, 1),
                      resolution=101)
    assert np.mean(g["holds"][0]) == pytest.approx(c, abs=0.02)


def test_regime_map_of_spe_groups_paths_and_needs_fixed_values():
    tree = load("resistance_negotiation")
    spe = subgame_perfect(tree, tie_break=["Obey", "Accept"])
    labels = [lab for lab, _ in regime_conditions(spe)]
    assert "Command–Obey" in labels and len(labels) == len(set(labels))
    fixed = {"reform_gain": 4, "workload": 2, "mobilisation_cost": 1, "voice_cost": 0.5, "pilot_failure": 3,
             "concession": 3}
    fig = regime_map(spe, "soft_power", "authority", fixed=fixed, xlim=(0, 5), ylim=(0, 4), resolution=60)
    # MODELS.md section 1: command-obedience iff a >= w and sigma + k <= r; else the office resists and wins r
    assert set(fig.regime_cells) == {"Command–Obey", "Command–Resist–Compromise–Accept"}
    with pytest.raises(ParameterError, match="fixed"):
        regime_map(spe, "soft_power", "authority", fixed={"reform_gain": 4})
    with pytest.raises(ParameterError, match="x must be"):
        regime_map(spe, "nonsense", "authority", fixed=fixed)


def test_regime_map_draws_solver_regime_map():
    from solvers.regimes import regime_map as solve_map

    s = ParameterSpace({"a": "positive", "b": "positive"})
    g = NormalFormGame.from_bimatrix([[s["a"], 0], [1, 2]], [[s["b"], 0], [0, 1]], space=s)
    m = solve_map(equilibria(g), "a", "b", resolution=40, x_range=(0.25, 1.75), y_range=(0.5, 2))
    fig = regime_map(m, "a", "b", space=s)
    assert len(fig.regime_cells) == len(m.labels)
    assert len(fig.axes[0].get_lines()) == len([c for c in m.boundary_curves() if np.isfinite(c[1]).any()])


# --- statics ------------------------------------------------------------------------------------

def test_statics_plot_curves_follow_rubinstein():
    s = ParameterSpace({"dG": ("(0, 1)", r"\delta_G"), "dS": ("(0, 1)", r"\delta_S")})
    fig = statics_plot("(1 - dS)/(1 - dG*dS)", "dG", space=s, curves=("dS", [0.5, 0.9]), n=50)
    lines = fig.axes[0].get_lines()
    assert len(lines) == 2
    x, y = lines[1].get_data()
    assert np.allclose(y, (1 - 0.9) / (1 - x * 0.9))  # Rubinstein (1982): x_G = (1 - d_S)/(1 - d_G d_S)
    assert fig.axes[0].get_xlabel() == r"$\delta_G$"
    with pytest.raises(ParameterError, match="fixed"):
        statics_plot("(1 - dS)/(1 - dG*dS)", "dG", space=s)


def test_statics_plot_from_statics_row_and_callable():
    s = ParameterSpace({"g": "positive", "f": "positive"})
    t = comparative_statics({"inspection": s["g"] / (s["g"] + s["f"])}, wrt="f", space=s)
    fig = statics_plot(t, "f", fixed={"g": 1}, xlim=(0, 4), n=30)
    x, y = fig.axes[0].get_lines()[0].get_data()
    assert np.allclose(y, 1 / (1 + x)) and fig.axes[0].get_ylabel() == "inspection"
    fig = statics_plot(lambda p: p["f"] ** 2, "f", space=s, fixed={"g": 1}, xlim=(0, 2), n=10)
    x, y = fig.axes[0].get_lines()[0].get_data()
    assert np.allclose(y, x ** 2)


# --- dynamics -----------------------------------------------------------------------------------

def test_integrate_matches_logistic_solution():
    # u1 - u2 = 1 in a symmetric game: x' = x (1 - x), x(t) = 1 / (1 + (1/x0 - 1) e^{-t})
    g = NormalFormGame.from_bimatrix([[1, 1], [0, 0]], [[1, 0], [1, 0]])
    t, X = integrate(replicator(g, symmetric=True), [[0.1]], t_max=5, steps=200)
    exact = 1 / (1 + 9 * np.exp(-t))
    assert np.max(np.abs(X[:, 0, 0] - exact)) < 1e-7


def test_phase_portrait_square_marks_rest_points_by_class():
    fig = phase_portrait(replicator(STAG), starts=[[0.9, 0.5]])
    # stag hunt: two stable vertices, two sources, one interior saddle
    assert sorted(fig.rest_point_classes) == ["saddle", "stable", "stable", "unstable", "unstable"]
    ax = fig.axes[0]
    markers = [ln for ln in ax.get_lines() if ln.get_marker() == "o"]
    assert len(markers) == 5
    assert len(ax.get_legend().get_texts()) == 3
    assert "share of" in ax.get_xlabel()


def test_phase_portrait_simplex_and_bad_shapes():
    fig = phase_portrait(replicator(RPS, symmetric=True))
    assert sorted(fig.rest_point_classes) == ["centre", "saddle", "saddle", "saddle"]
    with pytest.raises(UnsupportedGame):
        phase_portrait(replicator(RPS))  # two populations with three strategies: 4-D


def test_phase_portrait_symbolic_needs_point_and_uses_symbolic_table():
    hd = replicator(load("hawk_dove"))
    table = stability(hd)
    fig = phase_portrait(hd, {"value": 2, "cost": 4}, table=table)
    assert "stable" in fig.rest_point_classes
    with pytest.raises(ParameterError):
        phase_portrait(hd)


def test_trajectories_3d_reach_the_two_attractors():
    dyn = replicator(load("collective_inaction", symbolic=False), state_names=("x", "y", "z"))
    fig = trajectories_3d(dyn, [[0.2, 0.2, 0.2], [0.9, 0.9, 0.9], [0.5, 0.5, 0.5]], t_max=40)
    # defaults: inaction and full collaboration are both ESS (MODELS.md section 3)
    assert np.allclose(fig.endpoints[0], 0, atol=1e-3) and np.allclose(fig.endpoints[1], 1, atol=1e-3)
    ax = fig.axes[0]
    assert ax.name == "3d" and ax.get_zlabel() == "$z$"
    assert len(ax.get_lines()) == 3 + 12  # trajectories + cube edges


def test_time_series_lines_and_limits():
    pd = load("prisoners_dilemma")
    fig = time_series(replicator(pd), [0.8, 0.6], t_max=40)
    lines = fig.axes[0].get_lines()
    assert len(lines) == 2
    assert all(ln.get_ydata()[-1] < 1e-3 for ln in lines)  # cooperation dies out
    with pytest.raises(ParameterError, match="start"):
        time_series(replicator(pd))


def test_basin_plot_symmetric_coordination():
    a = sympy.Symbol("a", positive=True)
    g = NormalFormGame.from_bimatrix([[a, 0], [0, 1]], [[a, 0], [0, 1]])
    fig = basin_plot(replicator(g), "a", [0.5, 1.0, 2.0], n_starts=120)
    sh = fig.basin_shares
    total = sum(np.asarray(v) for v in sh.values())
    assert np.allclose(total, 1.0)
    # a = 1: the game is symmetric under relabelling, the separatrix is the diagonal x + y = 1
    assert sh["(s1, s1)"][1] == pytest.approx(sh["(s2, s2)"][1], abs=0.1)
    assert sh["(s1, s1)"][2] > sh["(s1, s1)"][0]
    assert len(fig.axes[0].get_lines()) == len(sh)


# --- bargaining ---------------------------------------------------------------------------------

def test_deadline_shares_converge_to_rubinstein():
    d = deadline_shares(AlternatingOffers((0.9, 0.8)), T_max=60)
    assert d["shares"][0, 0] == pytest.approx(1.0)  # T = 1: ultimatum
    assert d["limit"][0] == pytest.approx((1 - 0.8) / (1 - 0.72))
    assert abs(d["shares"][-1, 0] - d["limit"][0]) < 1e-3


def test_bargaining_plot_panels():
    g = load("limited_vs_indefinite_negotiation")
    fig = bargaining_plot(g, {"delta_G": 0.9, "delta_S": 0.8, "d_G": 0.1}, T_max=8, n=12, deadlines=(2,))
    ax1, ax2 = fig.axes
    assert len(ax1.get_lines()) == 4  # two players: deadline markers + indefinite line each
    assert len(ax2.get_lines()) == 2 and ax2.get_xlabel() == r"$\delta_G$"
    vary, xs, curves = fig.data["vary"]
    # T = 2 with d_G: G's share is 1 - delta_S (1 - d_G), whatever delta_G
    assert np.allclose(curves["$T = 2$"], 1 - 0.8 * 0.9)
    with pytest.raises(ParameterError, match="point"):
        bargaining_plot(g, {"delta_G": 0.9})


# --- trees --------------------------------------------------------------------------------------

def test_draw_tree_highlights_spe_path():
    t = load("entry_deterrence")
    fig = draw_tree(t, subgame_perfect(t)[0])
    info = fig.tree_info
    assert info == {"nodes": 5, "edges": 4, "highlighted_edges": 2, "path_edges": 2, "infoset_links": 0}
    texts = {x.get_text() for x in fig.axes[0].texts}
    assert {"In", "Out", "Fight", "Accommodate"} <= texts
    assert tree_layout(t)[()][1] == 0.0


def test_draw_tree_information_sets_chance_and_symbols():
    b = load("beer_quiche")
    fig = draw_tree(b)
    assert fig.tree_info["infoset_links"] == 2
    texts = [x.get_text() for x in fig.axes[0].texts]
    assert any("frac{9}{10}" in s for s in texts) and "chance" in texts
    tree = load("resistance_negotiation")
    spe = subgame_perfect(tree, tie_break=["Obey", "Accept"])
    e = next(e for e in spe if e.path == ("Command", "Resist", "Compromise", "Accept"))
    fig = draw_tree(tree, e)
    assert fig.tree_info["path_edges"] == 4
    assert any(r"\sigma" in s for s in (x.get_text() for x in fig.axes[0].texts))
    with pytest.raises(UnsupportedGame):
        draw_tree(STAG)


# --- tables -------------------------------------------------------------------------------------

def test_payoff_table_three_players_booktabs_and_markdown():
    g = load("collective_inaction")
    tex = payoff_table(g, "latex")
    assert tex.count(r"\toprule") == 2 and "O plays formal" in tex and r"\alpha" in tex
    md = payoff_table(load("prisoners_dilemma"), "markdown").splitlines()
    assert md[2] == "| cooperate | $3, 3$ | $0, 5$ |"
    with pytest.raises(ParameterError, match="fmt"):
        payoff_table(g, "html")


def test_equilibria_stability_statics_regimes_tables():
    insp = load("inspection")
    tex = equilibria_table(equilibria(insp), "latex")
    assert r"\midrule" in tex and "mixed" in tex
    pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    md = stability_table(stability(replicator(pd)), "markdown").splitlines()
    assert len(md) == 2 + 4 and md[-1].endswith("| ESS |") and "unstable" in md[2]
    s = ParameterSpace({"g": "positive", "f": "positive"})
    t = comparative_statics({"inspection": s["g"] / (s["g"] + s["f"])}, space=s)
    rows = statics_table(t, "markdown").splitlines()
    assert rows[-1].startswith("| inspection | $f$") and "$-$" in rows[-1] and "$+$" in rows[-2]
    a = sympy.Symbol("a", positive=True)
    r = regimes_table({"x": sympy.true, "y": sympy.false, "z": a > 1}, "markdown").splitlines()
    assert r[2:] == ["| x | always |", "| y | never |", "| z | $a > 1$ |"]
    assert render_table(["a"], [["1"]], caption="c").startswith(r"\begin{table}")
    with pytest.raises(ParameterError, match="rows"):
        render_table(["a", "b"], [["1"]])


def test_dynamics_figures_accept_trajectory_and_basin_results():
    from types import SimpleNamespace

    t = np.linspace(0, 1, 11)
    tr = SimpleNamespace(t=t, x=np.stack([t, 1 - t, 0.5 + 0 * t], axis=1))
    fig = time_series(tr, labels=["a", "b", "c"])
    assert [ln.get_label() for ln in fig.axes[0].get_lines()] == ["a", "b", "c"]
    fig = trajectories_3d([tr, tr])
    assert np.allclose(fig.endpoints, [[1, 0, 0.5], [1, 0, 0.5]])
    res = SimpleNamespace(values=[0.1, 0.5], shares={"A": [0.2, 0.8], "B": [0.8, 0.2]}, space=None)
    fig = basin_plot(res, "theta", None)
    assert set(fig.basin_shares) == {"A", "B"} and len(fig.axes[0].get_lines()) == 2
