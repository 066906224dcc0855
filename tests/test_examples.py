"""The example scripts run end to end (``--quick``), write their figures and print their checks."""

from __future__ import annotations

import importlib.util
import os

import matplotlib

matplotlib.use("Agg")

EXAMPLES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "examples")


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"example_{name}", os.path.join(EXAMPLES, f"{name}.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _run(name, tmp_path, capsys):
    rc = _load(name).main(["--quick", "--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert rc == 0, out
    files = sorted(os.listdir(tmp_path))
    stems = {f.rsplit(".", 1)[0] for f in files}
    for stem in stems:  # every figure in vector and raster form, non-empty
        for ext in ("pdf", "png"):
            path = tmp_path / f"{stem}.{ext}"
            assert path.exists() and path.stat().st_size > 1000, path
    return out, stems


def test_collective_inaction(tmp_path, capsys):
    out, stems = _run("collective_inaction", tmp_path, capsys)
    assert stems == {"ci_trajectories", "ci_time_series", "ci_basin_theta"}
    # MODELS.md section 3 claims, proved exactly on the whole space
    assert "collective inaction is an ESS iff R < c_O + b: proved" in out
    assert "full collaboration is an ESS iff" in out and "NOT PROVED" not in out
    assert "both stable at once (a trap) is possible: True" in out
    assert "(Selten): holds" in out
    # from the point: trajectories end at the two attractors only
    assert "trajectories end at [(0.0, 0.0, 0.0), (1.0, 1.0, 1.0)]" in out
    assert r"\toprule" in out


def test_resistance_negotiation(tmp_path, capsys):
    out, stems = _run("resistance_negotiation", tmp_path, capsys)
    assert stems == {"rn_regime_map", "rn_statics_soft_power", "rn_tree"}
    assert "command-obedience iff sigma + k <= r: proved" in out
    assert "moves with: mobilisation_cost (-), concession (+); not with g: True" in out
    assert "regime map regions: resistance-negotiation, command-obedience" in out
    for regime in ("command-obedience", "resistance-negotiation", "collapse of the pilot"):
        assert regime + " & $" in out


def test_limited_vs_indefinite(tmp_path, capsys):
    out, stems = _run("limited_vs_indefinite", tmp_path, capsys)
    assert stems == {"lvi_shares", "lvi_preferred_horizon", "lvi_screening", "lvi_statics"}
    assert "x_G = (1 - delta_S)/(1 - delta_G delta_S): True" in out
    assert "screening map regions: pooling, screening, high-price" in out
    assert "preferred-horizon map regions: deadline preferred, indefinite preferred" in out
    # an odd deadline T = 3 (G makes the last offer) always favours G (Stahl 1972)
    assert "T = 3: deadline & always" in out


def test_classic_games(tmp_path, capsys):
    out, stems = _run("classic_games", tmp_path, capsys)
    assert "classic_phase_portraits" in stems and "classic_beer_quiche" in stems
    assert "| pure | (defect, defect) | $1, 1$ | always |" in out
    assert "games solved" in out
    assert "entry_deterrence: 1 subgame-perfect equilibria; first path In -> Accommodate" in out
