"""The documentation's tutorials run as plain scripts and print what their text claims.

Each script in ``docs/tutorials/`` is executed with :func:`runpy.run_path`
under the Agg backend, in a temporary working directory; the checks below
read its namespace and output and compare them with the closed forms the
tutorial text states (Tsebelis 1989; Rubinstein 1982; the vertex conditions
derived in the tripartite tutorial).
"""

from __future__ import annotations

import os
import runpy

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
import sympy  # noqa: E402

TUTORIALS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "docs", "tutorials")
SCRIPTS = sorted(f for f in os.listdir(TUTORIALS) if f.endswith(".py") and f.startswith(("plot_", "tutorial_")))


def _run(name, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    try:
        ns = runpy.run_path(os.path.join(TUTORIALS, name), run_name="__main__")
    finally:
        plt.close("all")
    return ns, capsys.readouterr().out


def _same(a, b) -> bool:
    return sympy.simplify(sympy.sympify(a) - sympy.sympify(b)) == 0


def test_the_gallery_has_the_four_tutorials():
    assert SCRIPTS == ["tutorial_1_getting_started.py", "tutorial_2_tripartite_model.py",
                       "tutorial_3_bargaining_inspection.py", "tutorial_4_command_line.py"]


def test_getting_started(tmp_path, monkeypatch, capsys):
    ns, out = _run("tutorial_1_getting_started.py", tmp_path, monkeypatch, capsys)
    eq, space = ns["eq"], ns["game"].space
    g, f, k, v, d = (space[n] for n in ("gain", "fine", "inspection_cost", "detection_value", "damage"))
    # Tsebelis (1989): violation rate k/(v+d), inspection rate g/(g+f)
    assert _same(eq.profile[0][0], k / (v + d)) and _same(eq.profile[1][0], g / (g + f))
    assert ns["eqs"].complete and ns["eqs"].exact
    assert "d[inspector.inspect]/dfine = -gain/(fine + gain)**2  (-; proved)" in out
    # battle of the sexes: two pure equilibria and the mixed one (2/3, 1/3), (1/3, 2/3)
    assert "ballet 2/3, boxing 1/3; player 2: ballet 1/3, boxing 2/3" in out
    # the conditions section: decided exactly
    assert "always\nsometimes\nFalse\n-\n" in out
    # the stag hunt: both pure coordination states stable, the mixed one a saddle at (3/4, 3/4)
    classes = {row.point.label: row.classification for row in ns["table"]}
    assert classes["(stag, stag)"] == classes["(hare, hare)"] == "stable"


def test_tripartite_model(tmp_path, monkeypatch, capsys):
    ns, out = _run("tutorial_2_tripartite_model.py", tmp_path, monkeypatch, capsys)
    gg, space, table = ns["gg"], ns["space"], ns["table"]
    assert len(ns["pure"]) == 5 and len(table) == 8
    # (strict, comply, silent) is stable iff E > c_S and F > G: check on both sides of each inequality
    row = table[1]
    assert row.point.label == "(strict, comply, silent)"
    base = dict(space.defaults())
    assert gg.conditions.holds_at(row.condition, base, space)
    assert not gg.conditions.holds_at(row.condition, {**base, "E": 2}, space)
    assert not gg.conditions.holds_at(row.condition, {**base, "G": 3}, space)
    # bistable at the default point: every start ends at one of the two stable vertices
    assert gg.conditions.is_satisfiable(ns["both"], space) is True
    shares = ns["b"].as_dict()
    assert shares["(strict, comply, silent)"] + shares["(lax, violate, silent)"] == pytest.approx(1.0)
    assert shares["(strict, comply, silent)"] > 0 and shares["(lax, violate, silent)"] > 0
    # the mixed equilibrium of the quiet game: the regulator inspects with probability G/F
    F, G = space["F"], space["G"]
    assert _same(ns["mixed"].profile[0][0], G / F)
    signs = {(r.quantity, str(r.parameter)): r.sign for r in ns["statics"]}
    assert signs[("regulator.strict", "F")] == "-" and signs[("firm.comply", "G")] == "0"
    assert signs[("firm.comply", "F")] == "ambiguous"
    assert r"\begin{tabular}" in out


def test_bargaining_inspection(tmp_path, monkeypatch, capsys):
    ns, out = _run("tutorial_3_bargaining_inspection.py", tmp_path, monkeypatch, capsys)
    space = ns["space"]
    dG, dU = space["d_G"], space["d_U"]
    # Rubinstein (1982): the first proposer's share (1 - d_U)/(1 - d_G d_U)
    assert _same(ns["outcome"].shares[0], (1 - dU) / (1 - dG * dU))
    assert [c.label for c in ns["out"].cases] == ["no outside option binds", "outside option of union binds"]
    # Tsebelis (1989): the violation rate k/(v + d) does not depend on the fine (proved), inspection falls with it
    k, v, d = ns["k"], ns["v"], ns["d"]
    assert _same(ns["mixed"].profile[0][0], k / (v + d))
    rows = {r.quantity: r for r in ns["statics"]}
    assert rows["inspectee.violate"].sign == "0" and rows["inspector.inspect"].sign == "-"
    assert ns["eqs"].complete
    assert len(ns["m"].labels) == 2


def test_command_line(tmp_path, monkeypatch, capsys):
    ns, out = _run("tutorial_4_command_line.py", tmp_path, monkeypatch, capsys)
    for cmd in ("$ govgames list", "$ govgames analyze inspection --set fine=5", "$ govgames solve inspection.nfg",
                "$ govgames solve inspection.nfg --format latex", "$ govgames solve entry.efg"):
        assert cmd in out
    # the inspection game at its default point: violate 1/4, inspect 1/4 (k/(v+d) = 1/4, g/(g+f) = 1/4)
    assert '"violate": "1/4"' in out and '"inspect": "1/4"' in out
    assert "path: In -> Accommodate" in out
    assert os.path.exists(os.path.join(ns["workdir"], "figures", "phase_portrait.png"))
