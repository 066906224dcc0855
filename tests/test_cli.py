"""The govgames command line."""

from __future__ import annotations

import json
import pathlib
import re
from fractions import Fraction
import subprocess
import sys

import pytest

from games import __version__, catalog
from govgames.cli.main import main

DATA = pathlib.Path(__file__).resolve().parents[1] / "examples" / "data"
ROOT = DATA.parents[1]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"govgames {__version__}"


def test_python_dash_m_govgames():
    res = subprocess.run([sys.executable, "-m", "govgames", "--version"], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)
    assert res.returncode == 0 and res.stdout.strip() == f"govgames {__version__}"


def test_list(capsys):
    code, out, err = run(capsys, "list")
    assert code == 0 and not err
    lines = out.splitlines()
    assert [ln.split()[0] for ln in lines] == catalog.names()
    assert any(ln.startswith("inspection ") and "inspector" in ln for ln in lines)


def test_solve_text_exact(capsys):
    code, out, err = run(capsys, "solve", str(DATA / "battle_of_the_sexes.nfg"), "--exact")
    assert code == 0, err
    assert "3 Nash equilibria" in out
    assert "player 1: ballet=2/3, boxing=1/3; payoff 2/3" in out
    assert "player 2: ballet=1/3, boxing=2/3; payoff 2/3" in out


def test_solve_text_float(capsys):
    code, out, err = run(capsys, "solve", str(DATA / "inspection.nfg"), "--float")
    assert code == 0, err
    assert "1 Nash equilibrium" in out and "float payoffs" in out
    assert "inspectee: violate=0.25, comply=0.75" in out
    assert "inspector: inspect=0.25, not inspect=0.75; payoff -0.5" in out


def test_solve_json(capsys):
    code, out, err = run(capsys, "solve", str(DATA / "inspection.nfg"), "--exact", "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["complete"] is True and doc["game"]["players"] == ["inspectee", "inspector"]
    (eq,) = doc["equilibria"]
    assert eq["kind"] == "mixed"
    assert eq["profile"] == {"inspectee": {"violate": "1/4", "comply": "3/4"},
                             "inspector": {"inspect": "1/4", "not inspect": "3/4"}}
    assert eq["payoffs"] == {"inspectee": "0", "inspector": "-1/2"}


def test_solve_json_float(capsys):
    code, out, _ = run(capsys, "solve", str(DATA / "battle_of_the_sexes.nfg"), "--float", "--format", "json")
    doc = json.loads(out)
    assert code == 0 and len(doc["equilibria"]) == 3
    mixed = [e for e in doc["equilibria"] if e["kind"] == "mixed"][0]
    assert mixed["profile"]["player 1"]["ballet"] == pytest.approx(2 / 3)


def test_solve_latex_names_strategies_payoffs(capsys):
    code, out, _ = run(capsys, "solve", str(DATA / "inspection.nfg"), "--exact", "--format", "latex")
    assert code == 0
    assert out.startswith("% requires \\usepackage{booktabs}") and "True" not in out
    # the payoff matrix, then the equilibrium: p* = q* = 1/4 (Tsebelis 1989), payoffs 0 and -1/2
    assert "violate & $-3, 1$ & $1, -2$" in out
    assert (r"1 & mixed & violate $\frac{1}{4}$, comply $\frac{3}{4}$ & inspect $\frac{1}{4}$, "
            r"not inspect $\frac{3}{4}$ & $0$, $- \frac{1}{2}$ \\") in out
    assert "& inspectee & inspector & Payoffs" in out


NAMES_NFG = ('NFG 1 R "R&D race" { "R&D" "50%" }\n{ { "a_b" "c#d" } { "x^2" "{y}" } }\n""\n\n'
             "2 1 0 0 0 0 1 2\n")


def _balanced_specials(tex):
    """Every LaTeX special in running text is escaped: none is left bare outside math."""
    body = "\n".join(ln for ln in tex.splitlines() if not ln.startswith("%"))
    text = re.sub(r"\$[^$]*\$", "", body)  # drop math
    for cmd in (r"\textbackslash{}", r"\textasciitilde{}", r"\textasciicircum{}", r"\toprule", r"\midrule",
                r"\bottomrule", r"\begin{tabular}", r"\end{tabular}", r"\\", r"\&", r"\%", r"\_", r"\#",
                r"\{", r"\}", r"\$"):
        text = text.replace(cmd, "")
    text = re.sub(r"{l+c*}", "", text)
    text = text.replace(" & ", " ")
    return not re.search(r"[\\&%$#_{}~^]", text), text


def test_solve_latex_escapes_every_special_character(capsys, tmp_path):
    p = tmp_path / "names.nfg"
    p.write_text(NAMES_NFG)
    code, out, err = run(capsys, "solve", str(p), "--exact", "--format", "latex")
    assert code == 0, err
    assert r"R\&D" in out and r"50\%" in out and r"a\_b" in out and r"c\#d" in out
    assert r"x\textasciicircum{}2" in out and r"\{y\}" in out
    ok, rest = _balanced_specials(out)
    assert ok, rest


def test_solve_efg_text_json_latex(capsys):
    efg = str(DATA / "entry_deterrence.efg")
    code, out, _ = run(capsys, "solve", efg)
    # Selten's chain-store stage game: the entrant enters, the incumbent accommodates
    assert code == 0 and "path: In -> Accommodate" in out and "payoffs: Entrant 2, Incumbent 2" in out
    code, out, _ = run(capsys, "solve", efg, "--format", "json")
    doc = json.loads(out)
    assert [step["text"] for step in doc["equilibria"][0]["path"]] == ["In", "Accommodate"]
    assert doc["equilibria"][0]["path_text"] == "In -> Accommodate" and doc["count"] == 1
    assert {k: float(Fraction(v) if isinstance(v, str) else v) for k, v in doc["equilibria"][0]["payoffs"].items()} \
        == {"Entrant": 2.0, "Incumbent": 2.0}
    code, out, _ = run(capsys, "solve", efg, "--format", "latex")
    assert r"In $\to$ Accommodate & $2$ & $2$" in out and "& Entrant & Incumbent" in out


def test_analyze_prints_the_report(capsys):
    from govgames.report import analyze

    code, out, err = run(capsys, "analyze", "stag_hunt", "--no-figures")
    assert code == 0 and out == str(analyze("stag_hunt"))
    assert "[1/4] equilibria" in err  # progress on stderr
    code, out, err = run(capsys, "analyze", "volunteers_dilemma", "--no-figures", "--quiet", "--set", "benefit=3",
                         "--set", "cost=1/2", "--format", "json")
    doc = json.loads(out)
    assert code == 0 and not err
    assert doc["point"]["cost"] == {"value": "1/2", "source": "given"}


@pytest.mark.parametrize("argv, message", [
    (["analyze", "colective_inaction"], "did you mean 'collective_inaction'"),
    (["analyze", "--set", "theta"], "--set must be NAME=VALUE; got 'theta'"),
    (["analyze", "--set", "thetta=1"], "thetta"),
    (["analyze", "--set", "theta=2"], "theta"),
    (["analyze", "--set", "theta=abc"], "must be a number"),
    (["analyze", "volunteers_dilemma", "--set", "benefit=1", "--set", "cost=2"], "benefit"),
    (["analyze", "prisoners_dilemma", "--axes", "x,y"], "axes"),
])
def test_analyze_errors_are_one_line(argv, message, capsys, tmp_path):
    code, out, err = run(capsys, *argv, "--out", str(tmp_path), "--quiet")
    _one_line_error(code, out, err, message)


def test_analyze_unwritable_out(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, out, err = run(capsys, "analyze", "prisoners_dilemma", "--out", str(blocker / "sub"), "--quiet")
    _one_line_error(code, out, err, "must be a writable folder")


def _one_line_error(code, out, err, needle):
    assert code != 0
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("govgames: error: ") and needle in lines[0]
    assert "Traceback" not in err


def test_missing_file(capsys, tmp_path):
    _one_line_error(*run(capsys, "solve", str(tmp_path / "nope.nfg")), "no such file")


def test_directory(capsys, tmp_path):
    code, out, err = run(capsys, "solve", str(tmp_path))
    _one_line_error(code, out, err, "directory")


def test_malformed_file(capsys, tmp_path):
    p = tmp_path / "bad.nfg"
    p.write_text('NFG 1 R "g" { "A" "B" } { 2 2 }\n1 2 3\n')
    _one_line_error(*run(capsys, "solve", str(p)), "bad.nfg line 2")


def test_binary_file(capsys, tmp_path):
    p = tmp_path / "bin.nfg"
    p.write_bytes(b"\xff\xfe\x00\x81")
    _one_line_error(*run(capsys, "solve", str(p)), "not a text file")


def test_unknown_method(capsys):
    code, out, err = run(capsys, "solve", str(DATA / "inspection.nfg"), "--method", "magic")
    _one_line_error(code, out, err, "magic")


def test_no_command_prints_help(capsys):
    code, out, err = run(capsys)
    assert code == 2 and "solve" in err and "list" in err


def test_bad_format_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        main(["solve", "x.nfg", "--format", "xml"])
    assert info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_solve_reads_exact_payoffs_by_default(capsys, tmp_path):
    # a file with 1/3 and -5/7 is solved exactly, as read_nfg reads it; --float opts out
    p = tmp_path / "g.nfg"
    p.write_text('NFG 1 R "g" { "1" "2" } { 2 2 }\n1/3 0 -5/7 1/2 2 1 0 3/2\n')
    code, out, _ = run(capsys, "solve", str(p), "--format", "latex")
    assert code == 0 and "1/3" in out.replace("\\frac{1}{3}", "1/3") and "0.3333" not in out
    code, out, _ = run(capsys, "solve", str(p), "--float")
    assert code == 0 and "float payoffs" in out
