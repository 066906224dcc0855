"""``govgames.analyze`` -> Report: every catalog model, the toolkit's own results, readable output."""

from __future__ import annotations

import dataclasses
import json
import os
import re
from fractions import Fraction

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import sympy  # noqa: E402

from games import catalog  # noqa: E402
from games.formatting import (format_condition, format_expr, format_number, latex_condition,  # noqa: E402
                              latex_escape, latex_expr, latex_header)
from govgames.report import Report, analyze, parse_sets, parse_value, resolve_point  # noqa: E402

#: Printed forms that must never reach a reader.
RAW = [r"StabilityTable\(", r"StabilityRow\(", r"Piecewise\(", r"Mod\(", r"if True", r"ambiguous; proved",
       r"\d\.\d{7,}", r"\bTrue\b", r"\bFalse\b"]


def _readable(text: str) -> None:
    for pat in RAW:
        assert not re.search(pat, text), (pat, re.search(pat, text).group(0))


# --- formatting -------------------------------------------------------------------------------

def test_numbers_exact_stay_exact_floats_are_rounded():
    assert format_number(sympy.Rational(2, 3)) == "2/3" and format_number(Fraction(5, 4)) == "5/4"
    assert format_number(0.13759999999999994) == "0.1376" and format_number(-2.5e-13) == "0"
    assert format_number(1234567.0) == "1.235e6" and format_number(np.float64(0.5)) == "0.5"
    assert format_expr(sympy.Float(0.30000000000000004) * sympy.Symbol("x")) == "0.3*x"


def test_piecewise_shows_cases_and_conditions_read_always():
    T, d = sympy.symbols("T d", positive=True)
    pw = sympy.Piecewise((d, sympy.Eq(sympy.Mod(T, 2), 1)), (1 - d, True))
    assert format_expr(1 - pw) == "1 - d if T odd; d otherwise"
    tex = latex_expr(pw)
    assert tex.startswith(r"\begin{cases}") and r"T\text{ odd}" in tex and r"\text{otherwise}" in tex
    assert format_condition(sympy.true) == "always" and format_condition(True) == "always"
    assert format_condition(sympy.false) == "never" and latex_condition(sympy.true) == "always"
    a = sympy.Symbol("a", positive=True)
    assert format_condition(sympy.Gt(1, a, evaluate=False)) == "a < 1"


@pytest.mark.parametrize("raw, escaped", [
    ("R&D", r"R\&D"), ("50%", r"50\%"), ("a_b", r"a\_b"), ("c#d", r"c\#d"), ("$5", r"\$5"),
    ("{x}", r"\{x\}"), ("~", r"\textasciitilde{}"), ("^", r"\textasciicircum{}"), ("\\", r"\textbackslash{}"),
])
def test_latex_escape_every_special_character(raw, escaped):
    assert latex_escape(raw) == escaped


def test_latex_header_names_booktabs():
    assert r"\usepackage{booktabs}" in latex_header() and latex_header().startswith("%")


# --- the point: defaults, given values and their sources ---------------------------------------

def test_point_sources_and_exact_values():
    space = catalog.load("collective_inaction").space
    pt, src = resolve_point("collective_inaction", space, {"theta": "0.9"})
    assert pt["theta"] == sympy.Rational(9, 10) and src["theta"] == "given"
    defaults = catalog.defaults("collective_inaction")
    assert all(src[k] == "catalog default" and pt[k] == sympy.Rational(str(v)) for k, v in defaults.items()
               if k != "theta")
    assert parse_value("1/3", "x") == sympy.Rational(1, 3) and parse_value(0.25, "x") == 0.25
    assert parse_sets(["a=1", " b = 2/3 "]) == {"a": "1", "b": "2/3"}
    with pytest.raises(ValueError, match="NAME=VALUE"):
        parse_sets(["a=1=2"])
    with pytest.raises(ValueError, match="must be a number"):
        parse_value("abc", "theta")


def test_point_without_defaults_is_a_sample_inside_the_space():
    space = catalog.load("public_goods").space
    pt, src = resolve_point("public_goods", space, {"endowment": 5})
    assert src["endowment"] == "given" and pt["endowment"] == 5
    assert space.contains(pt) and all(src[k] in ("catalog default", "sample point (no default)")
                                      for k in space.names if k != "endowment")


# --- every catalog model ------------------------------------------------------------------------

@pytest.mark.parametrize("slug", catalog.names())
def test_every_catalog_model_analyses_with_its_defaults(slug):
    r = analyze(slug)
    assert isinstance(r, Report) and r.model == slug and r.sections
    text = str(r)
    assert text == r.render("text") and text.startswith(f"{slug} (")
    _readable(text)
    for name, value in r.point.items():  # which values were used and where they came from
        assert re.search(rf"^{re.escape(name)}\s+= .*\((given|catalog default|sample point \(no default\))\)$",
                         text, re.M)
    json.dumps(r.to_dict())
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.model = "x"


@pytest.mark.parametrize("slug, point", [
    ("volunteers_dilemma", None), ("volunteers_dilemma", {"benefit": 3, "cost": 1}),
    ("public_goods", None), ("public_goods", {"multiplier": "5/2", "endowment": 4}),
])
def test_n_player_models_analyse_with_figures_inside_their_constraints(slug, point, tmp_path):
    r = analyze(slug, point, out_dir=str(tmp_path))
    assert {"trajectories_3d.pdf", "time_series.png"} <= set(os.listdir(tmp_path))
    space = catalog.load(slug).space
    par = r.section(next(s.title for s in r.sections if s.title.startswith("Basins"))).data["parameter"]
    for b, v in zip(r.results["basins"], r.section(f"Basins of attraction against {par}").data["values"]):
        pt = dict(r.point)
        pt[par] = v
        assert space.contains(pt)  # the sweep never leaves the model's constraints (cost < benefit, ...)


def test_a_point_outside_the_constraints_is_refused():
    with pytest.raises(ValueError, match="cost < benefit|benefit"):
        analyze("volunteers_dilemma", {"benefit": 1, "cost": 2})
    with pytest.raises(ValueError, match="parameter"):
        analyze("volunteers_dilemma", {"benfit": 1})


# --- the toolkit's own results --------------------------------------------------------------------

def test_default_model_figures_and_results(tmp_path, monkeypatch):
    import solvers

    calls = []
    real = solvers.stability
    monkeypatch.setattr(solvers, "stability", lambda *a, **k: calls.append(k) or real(*a, **k))
    r = analyze(None, out_dir=str(tmp_path))
    assert len(calls) == 1  # the vertex table is computed once, reused for the point, statics and figures
    assert r.model == "collective_inaction"
    assert {"trajectories_3d.pdf", "time_series.pdf", "basin_theta.pdf", "basin_theta.png"} <= \
        set(os.listdir(tmp_path))
    text = str(r)
    # the inaction vertex is an ESS iff R < b + c_O (eigenvalue R - b - c_O)
    assert "(compulsive, nominal, formal) (0, 0, 0): eigenvalues -c_F - h, -c_T, R - b - c_O; ESS if R < b + c_O" \
        in text
    assert "bistable" in text and "if b + c_O >= R" in text
    # basins: the shares printed are solvers.basins' at the same points; only stable vertices get a basin
    data = r.section("Basins of attraction against theta").data
    stable_anywhere = {row.label for row in r.results["stability"]
                       if dict(row.classes).get("stable", sympy.false) is not sympy.false}
    for k, b in enumerate(r.results["basins"]):
        for lab, share in b.as_dict().items():
            if lab != "other" or share > 0:
                assert data["shares"][lab][k] == share
    assert set(data["shares"]) - {"other"} <= stable_anywhere


def test_two_player_stability_is_a_table_not_a_repr():
    r = analyze("hawk_dove")
    text = r.section("Stability (replicator dynamics)").text
    assert "(hawk, dove) (1, 0): eigenvalues" in text and "ESS" in text
    # V < C: the mixed equilibrium's hawk share V/C rises with V and falls with C (Maynard Smith 1982)
    st = r.results["statics"]
    assert st.sign("value", "animal 1.hawk") == "+" and st.sign("cost", "animal 1.hawk") == "-"
    statics = r.section("Comparative statics").text
    assert "changes sign on the space" in statics and "ambiguous" not in statics


def test_bargaining_shares_as_cases():
    r = analyze("limited_vs_indefinite_negotiation", {"delta_G": "1/2", "delta_S": "1/2", "d_G": 0, "T": 1})
    assert "if T odd;" in r.section("Shares (subgame-perfect agreement)").text
    assert r.section("At the point").text == "share of G = 1, share of S = 0"  # T = 1: an ultimatum


def test_tree_model_regime_map(tmp_path):
    r = analyze("resistance_negotiation", {"soft_power": 3, "authority": 3}, out_dir=str(tmp_path),
                axes="soft_power,authority")
    assert "Compromise -> Accept" in r.section("At the point").text
    m = r.results["regime_map"]
    assert (m.x_name, m.y_name) == ("soft_power", "authority") and {"tree.pdf", "regime_map.png"} <= \
        set(os.listdir(tmp_path))


def test_formats():
    r = analyze("prisoners_dilemma")
    md = r.render("markdown")
    assert md.startswith("# prisoners_dilemma") and "| pure | (defect, defect) | $1, 1$ | always |" in md
    tex = r.render("latex")
    assert tex.startswith("% requires \\usepackage{booktabs}") and r"\paragraph{Equilibria}" in tex
    doc = json.loads(r.render("json"))
    assert doc["model"] == "prisoners_dilemma" and doc["sections"][1]["title"] == "Equilibria"
    with pytest.raises(ValueError, match="fmt"):
        r.render("html")
