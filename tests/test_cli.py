"""The govgames command line."""

from __future__ import annotations

import json
import pathlib
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


def test_python_dash_m_solvers():
    res = subprocess.run([sys.executable, "-m", "solvers", "--version"], capture_output=True, text=True,
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
    code, out, err = run(capsys, "solve", str(DATA / "inspection.nfg"))
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
    code, out, _ = run(capsys, "solve", str(DATA / "battle_of_the_sexes.nfg"), "--format", "json")
    doc = json.loads(out)
    assert code == 0 and len(doc["equilibria"]) == 3
    mixed = [e for e in doc["equilibria"] if e["kind"] == "mixed"][0]
    assert mixed["profile"]["player 1"]["ballet"] == pytest.approx(2 / 3)


def test_solve_latex(capsys):
    code, out, _ = run(capsys, "solve", str(DATA / "jordan.nfg"), "--exact", "--format", "latex")
    assert code == 0
    assert out.startswith(r"\begin{tabular}") and r"\frac{1}{2}" in out


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
