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

from govgames.figures.bargaining_plot import bargaining_plot  # noqa: E402
from solvers.share_curves import deadline_shares, discount_shares  # noqa: E402
from govgames.figures.dynamics import (basin_plot, coordinate_labels, phase_portrait, settling_time,  # noqa: E402
                                       time_series, trajectories_3d)
from govgames.figures.regime_map import regime_conditions, regime_map_plot  # noqa: E402
from govgames.figures.statics_plot import statics_plot  # noqa: E402
from govgames.figures.style import WIDTHS, new_figure, param_label, parameter_window, save_figure  # noqa: E402
from govgames.figures.tables import (equilibria_table, payoff_table, regimes_table, render_table,  # noqa: E402
                            stability_table, statics_table)
from govgames.figures.tree import draw_tree, tree_layout  # noqa: E402
from games.bargaining import AlternatingOffers  # noqa: E402
from games.catalog import load  # noqa: E402
from games.errors import ParameterError, UnsupportedGame  # noqa: E402
from games.normal_form import NormalFormGame  # noqa: E402
from games.parameters import ParameterSpace  # noqa: E402
from solvers import subgame_perfect  # noqa: E402
from solvers import equilibria  # noqa: E402
from solvers import regime_map  # noqa: E402
from solvers import replicator  # noqa: E402
from solvers import basins, simulate  # noqa: E402
from solvers import stability  # noqa: E402
from solvers import comparative_statics  # noqa: E402

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
    assert parameter_window(s, "delta_G") == (0.0, 1.0)
    assert parameter_window(s, "soft_power") == (0.0, 10.0)


def test_parameter_window_one_rule_and_constraints():
    from solvers import regime_map as solve_map

    s = ParameterSpace({"b": "positive", "c": "positive", "x": "real", "n": "(-inf, 2]"}, ["c < b"])
    # one rule: a bounded side plus a span of 10, centred +-5 when unbounded (the solver's own windows)
    assert parameter_window(s, "x") == (-5.0, 5.0)
    assert parameter_window(s, "n") == (-8.0, 2.0)
    g = NormalFormGame.from_bimatrix([[s["x"], 0], [0, 1]], [[1, 0], [0, s["b"]]], space=s)
    m = solve_map(equilibria(g), "x", "b", {"c": 1, "n": 0}, 12)
    assert (m.x[0], m.x[-1]) == pytest.approx((-5 + 10 / 13, 5 - 10 / 13))
    # with a point: the sweep stays where c < b holds (volunteer's dilemma: cost below benefit)
    lo, hi = parameter_window(s, "c", {"b": 3, "x": 0, "n": 0})
    assert lo == 0.0 and hi == pytest.approx(3.0, abs=0.03)
    lo, hi = parameter_window(s, "b", {"c": 4, "x": 0, "n": 0})
    assert lo == pytest.approx(4.0, abs=0.03) and hi == 10.0
    # a point beyond the default span widens the window to contain it
    assert parameter_window(s, "b", {"c": 1, "b": 25, "x": 0, "n": 0})[1] >= 25
    with pytest.raises(ParameterError, match="constraints"):
        parameter_window(s, "b", {"c": 40, "x": 0, "n": 0}, span=10)


def test_save_figure_writes_vector_and_png(tmp_path):
    fig, ax = new_figure()
    ax.plot([0, 1], [0, 1])
    paths = save_figure(fig, tmp_path / "f", formats=("pdf", "png", "svg"))
    assert [p[-3:] for p in paths] == ["pdf", "png", "svg"]
    assert open(paths[0], "rb").read(4) == b"%PDF"
    assert open(paths[1], "rb").read(8) == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in open(paths[2], encoding="utf-8").read()


# --- regime maps -------------------------------------------------------------------------------

def _legend_under_axes(fig, ax):
    """The legend lies below the axes' data area and below its tick and axis labels."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    r = canvas.get_renderer()
    leg = ax.get_legend().get_window_extent(r)
    label = ax.xaxis.label.get_window_extent(r)
    return leg.y1 < ax.get_window_extent(r).y0 and leg.y1 <= label.y0 + 1


def _coordination_map(resolution=40):
    s = ParameterSpace({"a": "positive", "b": "positive"})
    g = NormalFormGame.from_bimatrix([[s["a"], 0], [1, 2]], [[s["b"], 0], [0, 1]], space=s)
    eqs = equilibria(g)
    return s, eqs, regime_map(eqs, "a", "b", resolution=resolution, x_range=(0.25, 1.75), y_range=(0.5, 2))


def test_regime_map_plot_draws_the_solvers_map():
    s, eqs, m = _coordination_map()
    fig = regime_map_plot(m, space=s, conditions=eqs)
    ax = fig.axes[0]
    # exactly the solver's regions, and its closed-form boundary a = 1 as a line
    assert sorted(fig.regime_cells) == sorted(lab for k, lab in enumerate(m.labels) if np.any(m.grid == k))
    assert fig.regime_cells[0] == m.labels[int(m.grid[0, 0])]  # first region: the bottom-left cell's
    assert len(ax.get_lines()) == len([c for c in m.boundary_curves() if np.isfinite(c[1]).any()])
    assert ax.get_xlabel() == "$a$" and ax.get_ylabel() == "$b$"


def test_regime_map_plot_legend_simplified_exact_conditions():
    s, eqs, m = _coordination_map()
    texts = regime_map_plot(m, space=s, conditions=eqs).regime_texts
    # (s2, s2) alone for a < 1; all three for a > 1 -- simplified, in the parameter's own name
    assert texts[0] == "(s2, s2): $a < 1$"
    assert any(t.endswith("$a > 1$") for t in texts[1:])
    # decimals of the fixed values print as exact fractions, never 0.30000000000000004
    tree = load("resistance_negotiation")
    spe = subgame_perfect(tree, tie_break=["Obey", "Accept"])
    fixed = {"reform_gain": 4, "workload": 2, "mobilisation_cost": 1, "voice_cost": 0.3, "pilot_failure": 3,
             "concession": 3}
    mm = regime_map(spe, "soft_power", "authority", fixed, 40, x_range=(0, 5), y_range=(0, 4))
    fig = regime_map_plot(mm, space=tree.space, conditions=spe)
    assert not any("0.3000" in t or "0.299" in t for t in fig.regime_texts)
    with pytest.raises(ParameterError, match="RegimeMap"):
        regime_map_plot({"a": True})


def test_regime_map_plot_legend_below_the_data():
    s, eqs, m = _coordination_map()
    fig = regime_map_plot(m, space=s, conditions=eqs)
    ax = fig.axes[0]
    assert _legend_under_axes(fig, ax)  # entirely under the axes and its labels: no region is hidden


def test_regime_conditions_of_spe_groups_paths():
    tree = load("resistance_negotiation")
    spe = subgame_perfect(tree, tie_break=["Obey", "Accept"])
    labels = [lab for lab, _ in regime_conditions(spe)]
    assert "Command–Obey" in labels and len(labels) == len(set(labels))


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

def test_phase_portrait_square_marks_rest_points_by_class():
    table = stability(replicator(STAG))
    tr = simulate(replicator(STAG), None, [[0.9, 0.5]], np.linspace(0, 10, 201))
    fig = phase_portrait(table, trajectories=tr)
    # stag hunt: two stable vertices, two sources, one interior saddle -- the table's own classes
    assert sorted(fig.rest_point_classes) == sorted(r.classification for r in table)
    assert sorted(fig.rest_point_classes) == ["saddle", "stable", "stable", "unstable", "unstable"]
    ax = fig.axes[0]
    assert len([ln for ln in ax.get_lines() if ln.get_marker() == "o"]) == 5
    assert len(ax.get_legend().get_texts()) == 3
    x, y = [ln for ln in ax.get_lines() if ln.get_marker() in ("None", "")][0].get_data()
    assert np.allclose(x, tr.states[:, 0, 0]) and np.allclose(y, tr.states[:, 0, 1])
    assert ax.get_xlabel() == "share of Player 1: s1"


def test_phase_portrait_simplex_and_bad_shapes():
    fig = phase_portrait(stability(replicator(RPS, symmetric=True)))
    assert sorted(fig.rest_point_classes) == ["centre", "saddle", "saddle", "saddle"]
    with pytest.raises(UnsupportedGame):
        phase_portrait(stability(replicator(RPS)))  # two populations with three strategies: 4-D


def test_phase_portrait_needs_a_table_at_a_point():
    hd = replicator(load("hawk_dove"))
    table = stability(hd)
    fig = phase_portrait(table.at({"value": 2, "cost": 4}))
    # hawk-dove with V < C: the two asymmetric vertices are stable in two populations
    assert fig.rest_point_classes.count("stable") == 2
    with pytest.raises(ParameterError, match="at a parameter point"):
        phase_portrait(table)
    with pytest.raises(ParameterError, match="StabilityTable"):
        phase_portrait(hd)


def _three_population_trajectory():
    dyn = replicator(load("public_goods", symbolic=False))
    starts = [[0.2, 0.5, 0.9], [0.9, 0.9, 0.9]]
    return dyn, simulate(dyn, None, starts, np.linspace(0, 30, 601))


def test_trajectories_3d_draws_the_trajectory_with_named_axes_and_legend():
    dyn, tr = _three_population_trajectory()
    table = stability(dyn)
    fig = trajectories_3d(tr, table=table)
    ax = fig.axes[0]
    assert np.allclose(fig.endpoints, tr.final)
    assert np.allclose(fig.endpoints, 0, atol=1e-3)  # free riding is strictly dominant: contributions die out
    path = ax.get_lines()[0]
    xs, ys, zs = path.get_data_3d()
    assert np.allclose(xs, tr.states[:, 0, 0]) and np.allclose(zs, tr.states[:, 0, 2])
    assert [ax.get_xlabel(), ax.get_ylabel(), ax.get_zlabel()] == coordinate_labels(dyn) == \
        ["player 1: contribute", "player 2: contribute", "player 3: contribute"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["trajectory", "start", "end", "asymptotically stable"]
    with pytest.raises(ParameterError, match="Trajectory"):
        trajectories_3d([tr])


def test_time_series_lines_are_the_trajectory_and_axis_ends_after_settling():
    pd = replicator(load("prisoners_dilemma"))
    tr = simulate(pd, None, [[0.8, 0.6], [0.3, 0.9]], np.linspace(0, 60, 1201))
    fig = time_series(tr)
    ax = fig.axes[0]
    lines = ax.get_lines()
    assert len(lines) == 4
    for k, ln in enumerate(lines):
        j, i = divmod(k, 2)
        assert np.allclose(ln.get_ydata(), tr.states[:, j, i]) and np.allclose(ln.get_xdata(), tr.t)
    # one legend entry per coordinate, named by population and strategy
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["prisoner 1: cooperate",
                                                                   "prisoner 2: cooperate"]
    t_settle = settling_time(tr.t, tr.states)
    assert 0 < t_settle < 30 and ax.get_xlim()[1] == pytest.approx(min(60, 1.3 * t_settle))
    assert np.all(np.abs(tr.states[tr.t >= t_settle] - tr.final) <= 5e-3)
    assert _legend_under_axes(fig, ax)


def test_time_series_refuses_two_point_trajectories():
    pd = replicator(load("prisoners_dilemma"))
    with pytest.raises(ParameterError, match="many times"):
        time_series(simulate(pd, None, [0.8, 0.6], [0, 30]))  # an explicit grid is kept as given


def test_time_series_of_an_end_time_draws_curves():
    # simulate(..., 30) reports a dense grid, so the drawn line follows the solution, not a chord
    from scipy.integrate import solve_ivp

    pd = replicator(load("prisoners_dilemma"))  # (3, 0; 5, 1): C earns 3y, D earns 4y + 1
    tr = simulate(pd, None, [0.8, 0.8], 30)
    fig = time_series(tr)
    line = fig.axes[0].get_lines()[0]
    assert len(line.get_xdata()) >= 100
    # symmetric start: x = y and x' = x (1 - x) (3x - 4x - 1) = -x (1 - x) (1 + x)
    ref = solve_ivp(lambda t, x: -x * (1 - x) * (1 + x), (0, 30), [0.8], t_eval=tr.t, rtol=1e-10, atol=1e-12)
    assert np.allclose(tr.states[:, 0, 0], ref.y[0], atol=1e-6)
    assert np.allclose(line.get_ydata(), ref.y[0], atol=1e-6)


def test_settling_time_exponential_decay():
    t = np.linspace(0, 10, 1001)
    # e^{-t} <= 5e-3 from t = ln 200 on
    assert settling_time(t, np.exp(-t)[:, None]) == pytest.approx(np.log(200), abs=0.011)


def test_basin_plot_draws_solver_basins_and_only_stable_points():
    a = sympy.Symbol("a", positive=True)
    g = NormalFormGame.from_bimatrix([[a, 0], [0, 1]], [[a, 0], [0, 1]], strategies=(("x", "y"),) * 2)
    dyn = replicator(g)
    values = [0.5, 1.0, 2.0]
    results = [basins(dyn, {"a": v}, n=300, rng=0) for v in values]
    fig = basin_plot(results, parameter="a", values=values, space=g.space)
    sh = fig.basin_shares
    for k, r in enumerate(results):
        for lab, share in r.as_dict().items():
            if lab in sh:
                assert sh[lab][k] == share
    # only the two strict equilibria are asymptotically stable (Weibull 1995, prop. 5.11)
    assert set(sh) == {"(x, x)", "(y, y)"}
    assert np.allclose(sum(sh.values()), 1.0)
    # a = 1: the separatrix x + y = 1 splits the square in halves
    assert sh["(x, x)"][1] == pytest.approx(0.5, abs=0.08) and sh["(x, x)"][2] > sh["(x, x)"][0]
    lines = fig.axes[0].get_lines()
    assert [ln.get_label() for ln in lines] == list(sh)
    assert np.allclose(lines[0].get_ydata(), sh[lines[0].get_label()])
    with pytest.raises(ParameterError, match="values"):
        basin_plot(results, parameter="a")


def test_basin_plot_single_result_bars_equal_solver_shares():
    dyn = replicator(STAG)
    b = basins(dyn, n=500, rng=1)
    fig = basin_plot(b)
    assert {k: float(v[0]) for k, v in fig.basin_shares.items()} == \
        {k: v for k, v in b.as_dict().items() if k != "other" or v > 0}
    widths = sorted(p.get_width() for p in fig.axes[0].patches)
    assert widths == sorted(v for k, v in b.as_dict().items() if k != "other" or v > 0)


# --- bargaining ---------------------------------------------------------------------------------

def test_deadline_shares_converge_to_rubinstein():
    d = deadline_shares(AlternatingOffers((0.9, 0.8)), T_max=60)
    sh = d.curve("deadline T")
    assert sh[0, 0] == pytest.approx(1.0)  # T = 1: ultimatum
    # Rubinstein (1982): x_1 = (1 - d2) / (1 - d1 d2)
    assert d.limit[0] == pytest.approx((1 - 0.8) / (1 - 0.72))
    assert abs(sh[-1, 0] - d.limit[0]) < 1e-3


def test_bargaining_plot_panels():
    g = load("limited_vs_indefinite_negotiation")
    point = {"delta_G": 0.9, "delta_S": 0.8, "d_G": 0.1}
    fig = bargaining_plot(deadline_shares(g, point, T_max=8), discount_shares(g, point, n=12, deadlines=(2,)))
    ax1, ax2 = fig.axes
    assert len(ax1.get_lines()) == 4  # two players: deadline markers + indefinite line each
    assert len(ax2.get_lines()) == 2 and ax2.get_xlabel() == r"$\delta_G$"
    vary, xs, curves = fig.data["vary"]
    # T = 2 with d_G: G's share is 1 - delta_S (1 - d_G), whatever delta_G
    assert np.allclose(curves["$T = 2$"], 1 - 0.8 * 0.9)
    with pytest.raises(ParameterError, match="point"):
        deadline_shares(g, {"delta_G": 0.9})
    with pytest.raises(ParameterError, match="ShareCurves"):
        bargaining_plot(g)


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


def test_phase_portrait_grid_has_no_overprinted_text():
    fig, axes = new_figure("two", 6.4, nrows=2, ncols=2)
    for ax, slug in zip(axes.ravel(), ("prisoners_dilemma", "stag_hunt", "matching_pennies", "battle_of_the_sexes")):
        phase_portrait(stability(replicator(load(slug))), ax=ax, title=slug.replace("_", " "), density=9)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    r = canvas.get_renderer()
    boxes = []
    for k, ax in enumerate(axes.ravel()):
        for artist in (ax.title, ax.xaxis.label, ax.yaxis.label, ax.get_legend()):
            boxes.append((k, artist.get_window_extent(r)))
        boxes.append((k, ax.get_window_extent(r)))
    for i, (ka, a) in enumerate(boxes):
        for kb, b in boxes[i + 1:]:
            if ka != kb:
                assert not a.overlaps(b), (ka, kb)
