"""Follow-up fixes: CLI on .efg files, restricted spaces keep valid defaults, one window rule, regime maps of
mappings and outcome regimes, LaTeX escaping of statics tables, dense simulation grids, figures that draw
bargaining results, delete_strategy by player name."""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest
import sympy

from games.bargaining import AlternatingOffers
from games.catalog import load
from games.errors import InvalidPayoffs, ParameterError
from games.extensive_form import GameTree, decision, terminal
from games.io.efg import write_efg
from games.normal_form import NormalFormGame
from games.parameters import ParameterSpace
from govgames.cli.main import main
from solvers.backward_induction import outcome_regimes, subgame_perfect
from solvers.bargaining import bargain
from solvers.regimes import RegimeMap, regime_map, regimes
from solvers.replicator import replicator
from solvers.share_curves import ShareCurves, deadline_shares, discount_shares
from solvers.simulation import BasinResult, basins, simulate
from solvers.statics import comparative_statics


def _cli(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _ties(depth: int) -> GameTree:
    """A full binary tree with all payoffs zero: every one of its 2**depth - 1 decision nodes is a tie."""
    def node(d):
        if d == 0:
            return terminal((0, 0))
        return decision("A" if d % 2 else "B", {"l": node(d - 1), "r": node(d - 1)})
    return GameTree.build(("A", "B"), node(depth))


# --- 1. govgames solve FILE.efg ---------------------------------------------------------------------------

def test_cli_efg_capped_count_line_and_json(capsys, tmp_path):
    path = tmp_path / "ties.efg"
    write_efg(_ties(3), path)
    code, out, err = _cli(capsys, "solve", str(path), "--max-equilibria", "3")
    # every pure profile of an all-tie tree is subgame perfect: 2**7 of them
    assert code == 0
    assert "listed 3 of exactly 128 subgame-perfect equilibria" in out
    assert "incomplete" in out.splitlines()[1] and "capped by max_equilibria=3" in out.splitlines()[1]
    assert "stopped after 3 of exactly 128" in err
    code, out, _ = _cli(capsys, "solve", str(path), "--max-equilibria", "3", "--format", "json")
    doc = json.loads(out)
    assert doc["count"] == 128 and doc["cap"] == "max_equilibria=3" and doc["complete"] is False
    assert len(doc["equilibria"]) == 3
    assert doc["payoff_counts"] == [{"payoffs": ["0", "0"], "count": 128}]
    # the result's own dictionary is embedded and rebuilds the set
    from solvers.trees.results import TreeEquilibriumSet

    rebuilt = TreeEquilibriumSet.from_dict(doc["result"])
    assert rebuilt.count == 128 and len(rebuilt) == 3
    step = doc["equilibria"][0]["path"][0]
    assert step == {"text": "l", "player": "A", "infoset": "A@root", "actions": [["l", "1"]], "reach": "1"}
    assert doc["equilibria"][0]["path_text"] == "l -> l -> l"


def test_cli_efg_structured_path_with_chance(capsys, tmp_path):
    # Cho and Kreps (1987): the beer-quiche pooling equilibria; nature draws strong with probability 9/10
    path = tmp_path / "bq.efg"
    write_efg(load("beer_quiche"), path)
    code, out, _ = _cli(capsys, "solve", str(path), "--format", "json")
    doc = json.loads(out)
    first = doc["equilibria"][0]["path"][0]
    assert first["player"] == "chance" and first["infoset"] is None
    assert [(a, Fraction(p)) for a, p in first["actions"]] == [("Strong", Fraction(9, 10)), ("Weak", Fraction(1, 10))]
    weak = [s for s in doc["equilibria"][0]["path"] if s["infoset"] == "Sender|Weak"][0]
    assert Fraction(weak["reach"]) == Fraction(1, 10)
    assert {tuple(sorted(Fraction(v) for v in e["payoffs"].values())) for e in doc["equilibria"]} == \
        {(Fraction(9, 10), Fraction(29, 10)), (Fraction(9, 10), Fraction(21, 10))}


def test_cli_efg_method_and_time_limit_are_passed(capsys, tmp_path):
    path = tmp_path / "bq.efg"
    write_efg(load("beer_quiche"), path)
    code, out, _ = _cli(capsys, "solve", str(path), "--method", "normal_form", "--time-limit", "60")
    assert code == 0 and "2 subgame-perfect equilibria (method: backward induction + nash" in out
    code, out, err = _cli(capsys, "solve", str(path), "--method", "magic")
    assert code == 1 and "magic" in err and "sequence_form" in err


def test_cli_efg_imperfect_recall_says_mixed_strategic_form(capsys, tmp_path):
    leaf = lambda a: terminal((a, 0))  # noqa: E731
    # A forgets her first move at I (Kuhn 1953's perfect recall fails; not absent-minded)
    tree = GameTree.build(("A", "B"), decision("A", {
        "L": decision("B", {"l": decision("A", {"x": leaf(1), "y": leaf(0)}, infoset="I"), "r": leaf(0)}),
        "R": decision("B", {"l": decision("A", {"x": leaf(0), "y": leaf(1)}, infoset="I"), "r": leaf(0)})}))
    path = tmp_path / "recall.efg"
    write_efg(tree, path)
    code, out, err = _cli(capsys, "solve", str(path))
    assert code == 0 and "mixed strategic-form equilibri" in out.splitlines()[1]
    assert "imperfect recall" in err
    code, out, _ = _cli(capsys, "solve", str(path), "--format", "json")
    doc = json.loads(out)
    assert doc["perfect_recall"] is False and "mixed Nash equilibria of the reduced strategic form" in doc["note"]
    # the listed equilibria are those of the reduced strategic form (same number, same payoff vectors)
    from solvers.nash import equilibria

    with pytest.warns(Warning, match="degenerate"):
        nf = equilibria(tree.to_normal_form())
    assert doc["count"] == len(doc["equilibria"]) == len(nf)
    assert sorted((Fraction(e["payoffs"]["A"]), Fraction(e["payoffs"]["B"])) for e in doc["equilibria"]) == \
        sorted((Fraction(str(a)), Fraction(str(b))) for a, b in (e.payoffs for e in nf))


# --- 2. restrict keeps defaults where they hold; one window rule -----------------------------------------

def test_restrict_keeps_only_valid_defaults():
    s = ParameterSpace.from_table([("a", "positive", None, "", 2), ("b", "positive", None, "", 1),
                                   ("c", "positive", None, "", 5)])
    assert s.restrict("a < b").defaults() == {"c": 5}
    assert s.restrict("a > b").defaults() == {"a": 2, "b": 1, "c": 5}
    assert s.restrict("c < 4", "a > b").defaults() == {"a": 2, "b": 1}
    assert not s.restrict("a < b").contains({"a": 2, "b": 1, "c": 5})


def test_comparative_statics_of_bargaining_case_excluding_the_default():
    # defaults (9/10, 9/10, 1/10): B's Rubinstein share 9/19 exceeds her outside option 1/10, so the case
    # "outside option of B binds" excludes the default point; its shares are (1 - w, w) (Binmore, Shaked
    # and Sutton 1989: the outside option principle)
    s = ParameterSpace.from_table([("d1", "(0, 1)", None, "", "9/10"), ("d2", "(0, 1)", None, "", "9/10"),
                                   ("w", "[0, 1]", None, "", "1/10")])
    g = AlternatingOffers((s["d1"], s["d2"]), outside_options=(0, s["w"]), space=s, players=("A", "B"))
    t = comparative_statics(bargain(g))
    signs = {(r.quantity, r.parameter): r.sign for r in t}
    # Rubinstein (1982): x_A = (1 - d2) / (1 - d1 d2) rises in d1 and falls in d2
    assert signs[("no outside option binds: share.A", "d1")] == "+"
    assert signs[("no outside option binds: share.A", "d2")] == "-"
    assert signs[("outside option of B binds: share.B", "w")] == "+"
    assert signs[("outside option of B binds: share.A", "w")] == "-"


def test_one_window_rule():
    from govgames.figures.style import parameter_window

    s = ParameterSpace({"d": "(0, 1)", "k": "positive", "n": "negative", "x": "real", "c": "positive"}, ["c < k"])
    assert [s.window(n) for n in ("d", "k", "n", "x")] == [(0.0, 1.0), (0.0, 10.0), (-10.0, 0.0), (-5.0, 5.0)]
    assert all(parameter_window(s, n) == s.window(n) for n in s.names)
    lo, hi = s.window("c", {"d": 0.5, "k": 2, "n": -1, "x": 0})
    assert lo == 0.0 and hi == pytest.approx(2.0, abs=0.03)
    # samples and regime-map axes use the same rule
    cols = s.sample_columns(400, rng=0)
    assert cols["x"].min() >= -5 and cols["x"].max() <= 5 and cols["x"].min() < -4 and cols["x"].max() > 4
    eqs = _symbolic_game_equilibria()
    m = regime_map(eqs, "a", "b", resolution=4)
    assert m.x[0] > 0 and m.x[-1] < 10 and np.allclose(m.x, np.linspace(0, 10, 6)[1:-1])
    with pytest.raises(ParameterError, match="name"):
        s.window("zz")


# --- 3. regime maps of mappings and of outcome regimes -------------------------------------------------

def _symbolic_game_equilibria():
    from solvers.nash import equilibria

    s = ParameterSpace({"a": "positive", "b": "positive"})
    return equilibria(NormalFormGame.from_bimatrix([[s["a"], 0], [1, 2]], [[s["b"], 0], [0, 1]], space=s))


def test_regime_map_of_a_mapping_carries_space_and_conditions():
    s = ParameterSpace({"a": "positive", "b": "positive"})
    conds = {"low": s["a"] < s["b"], "high": "a >= b"}
    m = regime_map(conds, "a", "b", resolution=(4, 3), x_range=(1, 4), y_range=(1, 3), space=s)
    assert m.space == s and m.conditions == (s["a"] < s["b"], s["a"] >= s["b"])
    for i, y in enumerate(m.y):
        for j, x in enumerate(m.x):
            assert m.labels[m.grid[i, j]] == ("low" if x < y else "high")
    assert RegimeMap.from_dict(m.to_dict()) == m
    assert [r.label for r in regimes(conds, space=s)] == ["low", "high"]


def test_regime_map_of_tree_outcome_regimes():
    tree = load("resistance_negotiation")
    spe = subgame_perfect(tree, tie_break=["Obey", "Accept"])
    regs = outcome_regimes(spe)
    fixed = {"reform_gain": 4, "workload": 2, "mobilisation_cost": 1, "voice_cost": 0.5, "pilot_failure": 3,
             "concession": 3}
    m = regime_map(regs, "soft_power", "authority", fixed, 12, x_range=(0, 5), y_range=(0, 4), space=tree.space)
    assert m.items == tuple(" -> ".join(r.path) for r in regs)
    # each cell's label is the outcome whose condition holds there (checked point by point with sympy)
    for i, y in enumerate(m.y[::3]):
        for j, x in enumerate(m.x[::3]):
            pt = dict(fixed, soft_power=float(x), authority=float(y))
            k = m.grid[3 * i, 3 * j]
            if k < 0:
                continue
            held = tuple(n for n, r in zip(m.items, regs) if bool(r.condition.subs(
                {tree.space.symbol(kk): v for kk, v in pt.items()})))
            assert m.labels[k] == (" & ".join(held) if held else "none")
    from govgames.figures.regime_map import regime_map_plot

    fig = regime_map_plot(m)  # conditions and space come from the map
    assert any(":" in t for t in fig.regime_texts)


# --- 4. statics tables escape LaTeX ----------------------------------------------------------------------

def test_statics_latex_escapes_every_special_character():
    s = ParameterSpace({"a": "positive"})
    t = comparative_statics({"R&D_50%#{x}~^$": s["a"] ** 2}, space=s)
    tex = t.to_latex()
    assert tex.startswith("% requires \\usepackage{booktabs}")
    assert r"\text{R\&D\_50\%\#\{x\}\textasciitilde{}\textasciicircum{}\$}" in tex
    assert r"$2 a$" in tex and t._repr_latex_().startswith(r"\begin{tabular}")


# --- 5. dense simulation grids; basins keep their point and end time --------------------------------------

def test_simulate_end_time_reports_a_dense_grid_and_keeps_explicit_grids():
    pd = replicator(load("prisoners_dilemma"))
    tr = simulate(pd, None, [0.8, 0.8], 30)
    assert tr.t[0] == 0 and tr.t[-1] == 30 and len(tr.t) == 401
    # symmetric start: x' = -x (1 - x) (1 + x); the implicit solution x^2/(1 - x^2) = C e^{-2t}
    x = tr.states[:, 0, 0]
    c0 = 0.8 ** 2 / (1 - 0.8 ** 2)
    assert np.allclose(x ** 2 / (1 - x ** 2), c0 * np.exp(-2 * tr.t), rtol=1e-5, atol=1e-12)
    grid = [0.0, 1.0, 2.5, 30.0]
    assert simulate(pd, None, [0.8, 0.8], grid).t.tolist() == grid


def test_basin_result_keeps_point_and_end_time():
    s = ParameterSpace({"a": "positive"})
    a = s["a"]
    # coordination game with payoff a on (s1, s1): basin of s1 is x > 1/(1 + a) (both populations alike)
    g = NormalFormGame.from_bimatrix([[a, 0], [0, 1]], [[a, 0], [0, 1]], space=s)
    b = basins(replicator(g), {"a": 3}, n=200, rng=0, t=40)
    assert b.point == {"a": 3} and b.t == 40.0
    assert BasinResult.from_dict(b.to_dict()) == b
    assert BasinResult.from_dict(b.to_dict()).point == {"a": 3}


# --- 6. bargaining figures draw results -------------------------------------------------------------------

def test_share_curves_rubinstein_and_stahl():
    d = deadline_shares(AlternatingOffers((0.5, 0.5)), T_max=4)
    # Ståhl (1972): with deadline T and common delta = 1/2 the first proposer gets 1, 1/2, 3/4, 5/8
    assert d.curve(0)[:, 0].tolist() == [1.0, 0.5, 0.75, 0.625]
    assert d.limit == pytest.approx((2 / 3, 1 / 3))  # Rubinstein (1982): 1 / (1 + delta)
    assert ShareCurves.from_dict(d.to_dict()) == d
    g = load("limited_vs_indefinite_negotiation")
    c = discount_shares(g, {"delta_S": 0.8, "d_G": 0.1}, vary="delta_G", n=7, deadlines=(2,))
    dg = c.values
    assert np.allclose(c.curve("indefinite")[:, 0], (1 - 0.8) / (1 - dg * 0.8))
    assert np.allclose(c.curve("T = 2")[:, 0], 1 - 0.8 * 0.9)


def test_bargaining_plot_draws_outcomes_without_solving():
    from govgames.figures.bargaining_plot import bargaining_plot

    g = AlternatingOffers(("1/2", "1/2"))
    outs = [bargain(g.replace(horizon=T)) for T in (3, 1, 2)]
    fig = bargaining_plot(outs)
    assert fig.data["T"].tolist() == [1, 2, 3] and fig.data["shares"][:, 0].tolist() == [1.0, 0.5, 0.75]
    assert fig.data["limit"] == pytest.approx((2 / 3, 1 / 3))
    with pytest.raises(ParameterError, match="numeric outcomes"):
        bargaining_plot([bargain(load("limited_vs_indefinite_negotiation"))])


# --- 7. delete_strategy by player name --------------------------------------------------------------------

def test_delete_strategy_by_player_name():
    g = NormalFormGame.from_bimatrix([[1, 2, 3], [4, 5, 6]], [[6, 5, 4], [3, 2, 1]], players=("public", "agency"),
                                     strategies=(("report", "hide"), ("audit", "ignore", "fine")))
    h = g.delete_strategy("public", "report")
    assert h == g.delete_strategy(0, 0) and h.strategies == (("hide",), ("audit", "ignore", "fine"))
    assert h.payoff((0, 2)) == (6, 1)
    k = g.delete_strategy("agency", 1)
    assert k.strategies[1] == ("audit", "fine") and k.payoff((1, 1)) == (6, 1)
    with pytest.raises(InvalidPayoffs, match="player"):
        g.delete_strategy("citizen", "report")
    with pytest.raises(InvalidPayoffs, match="strategy"):
        g.delete_strategy("public", "audit")
    with pytest.raises(InvalidPayoffs, match="player"):
        g.delete_strategy(2, 0)
