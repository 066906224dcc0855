"""Resistance-negotiation under soft power: the bureau-office tree end to end.

MODELS.md section 1, after Yang Lixiong and Lei Nini (2023),
"'Resistance-Negotiation' under the constraint of 'soft power': an
interactive mode between grass-roots oblique governments", Journal of
Zhejiang University (Humanities and Social Sciences) 53(1): 80-93,
doi:10.3785/j.issn.1008-942X.CN33-6000/C.2021.10.156.

A district bureau commands or consults a sub-district office that holds
soft power (it rates the bureau). This script derives

1. the subgame-perfect equilibria (ties broken toward obeying and
   accepting) and groups them into the paper's three regimes --
   command-obedience, resistance-negotiation, collapse of the pilot -- each
   with its exact condition;
2. checks the switch from command-obedience to resistance-negotiation at
   sigma = r - k (when a >= w and r >= w), and that it moves with k and r
   but not with g;
3. comparative statics of the equilibrium payoffs in each regime;
4. the figures: the regime map over (soft power, authority), the bureau's
   payoff against soft power for several mobilisation costs, and the tree
   with the SPE path.

Run ``python examples/resistance_negotiation.py --out DIR`` (``--quick`` for CI).
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np
import sympy

from govgames.figures.regime_map import regime_map_plot
from govgames.figures.statics_plot import statics_plot
from govgames.figures.style import save_figure
from govgames.figures.tables import regimes_table, statics_table
from govgames.figures.tree import draw_tree
from games.catalog import load
from solvers import outcome_regimes, subgame_perfect
from solvers import regime_map
from games.conditions import is_valid
from solvers import comparative_statics

#: The slice of the figures: everything but soft power and authority fixed.
FIXED = {"reform_gain": 4, "workload": 2, "mobilisation_cost": 1, "voice_cost": sympy.Rational(1, 2),
         "pilot_failure": 3, "concession": 3}


def regime_name(path: tuple) -> str:
    """The paper's name of an equilibrium path."""
    if path == ("Command", "Obey"):
        return "command-obedience"
    if path[-1] == "Accept":
        return "resistance-negotiation"
    return "collapse of the pilot"


def progress(t0: float, msg: str) -> None:
    """One progress line on stderr with the elapsed time."""
    print(f"[{time.perf_counter() - t0:6.1f}s] {msg}", file=sys.stderr, flush=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="out", help="folder for figures (default ./out)")
    ap.add_argument("--quick", action="store_true", help="coarser grids (CI)")
    args = ap.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    t0 = time.perf_counter()

    tree = load("resistance_negotiation")
    space = tree.space
    S = {n: space[n] for n in space.names}
    progress(t0, 'subgame-perfect equilibria')
    spe = subgame_perfect(tree, tie_break=["Obey", "Accept"])
    print(f"% Resistance-negotiation (Yang & Lei 2023): {len(spe)} subgame-perfect equilibria")

    # 1. regimes: group the equilibria by the paper's three outcomes
    groups: dict[str, list] = {}
    for r in outcome_regimes(spe):
        groups.setdefault(regime_name(r.path), []).append(r.condition)
    regimes = {name: sympy.Or(*conds) for name, conds in groups.items()}
    print("% Regimes of the subgame-perfect equilibrium\n" + regimes_table(regimes, "latex", space=space) + "\n")
    for r in outcome_regimes(spe):
        print(f"% path {' -> '.join(r.path)}: payoffs ${space.latex(sympy.Tuple(*r.payoffs))}$")

    progress(t0, 'checking the switch point')
    # 2. the switch at sigma = r - k (a >= w, r >= w): command-obedience below, negotiation above
    a, w, r, k, g, sigma = S["authority"], S["workload"], S["concession"], S["mobilisation_cost"], \
        S["reform_gain"], S["soft_power"]
    base = sympy.And(a >= w, r >= w)
    claim = sympy.Implies(base, sympy.Equivalent(regimes["command-obedience"], sigma + k <= r))
    proved = is_valid(claim, space)
    print(f"\n% check: with a >= w and r >= w, command-obedience iff sigma + k <= r: "
          f"{'proved' if proved else 'NOT PROVED'}")
    if proved is not True:
        return 1
    st = comparative_statics({"switch point sigma*": r - k}, space=space)
    moved = {row.parameter: row.sign for row in st}
    print("% the switch sigma* = r - k moves with: "
          + ", ".join(f"{p} ({s})" for p, s in moved.items() if s != "0")
          + f"; not with g: {moved.get('reform_gain') == '0'}")

    progress(t0, 'comparative statics of payoffs')
    # 3. comparative statics of equilibrium payoffs in each regime
    targets = {}
    for rg in outcome_regimes(spe):
        name = regime_name(rg.path)
        for player, v in zip(tree.players, rg.payoffs):
            key = f"{name}: {player}"
            if key not in targets and sympy.sympify(v).free_symbols:
                targets[key] = (v, rg.condition)
    stats = comparative_statics(targets, space=space)
    rows = [row for row in stats if row.sign != "0"]
    print("\n% Comparative statics of equilibrium payoffs\n" + statics_table(rows, "latex", space=space))

    progress(t0, 'figures: regime map, statics, tree')
    # 4. figures
    res = 60 if args.quick else 300
    fixed = {kk: v for kk, v in FIXED.items()}
    m = regime_map(regimes, "soft_power", "authority", fixed, res, x_range=(0, 5), y_range=(0, 4),
                   space=space)
    fig = regime_map_plot(m, space=space, conditions=regimes, title="Regimes of the SPE")
    files = save_figure(fig, os.path.join(args.out, "rn_regime_map"))
    print(f"\n% regime map regions: {', '.join(fig.regime_cells)}")

    def bureau_payoff(p):
        eq = spe.at(p)
        return float(eq[0].payoffs[0]) if len(eq) else np.nan

    others = {kk: v for kk, v in FIXED.items() if kk != "mobilisation_cost"}
    others["authority"] = 3
    fig = statics_plot(bureau_payoff, "soft_power", space=space, curves=("mobilisation_cost", [0.5, 1, 2]),
                       fixed=others, xlim=(0, 4), n=25 if args.quick else 120, ylabel="bureau's SPE payoff")
    files += save_figure(fig, os.path.join(args.out, "rn_statics_soft_power"))
    point = dict(FIXED, soft_power=3, authority=3)
    at = spe.at(point)
    fig = draw_tree(tree, [e for e in spe if e.holds_at(point)][0], title="SPE at " + ", ".join(
        f"{space.parameter(n).latex_name()}={v}" for n, v in point.items()).replace("\\", ""))
    files += save_figure(fig, os.path.join(args.out, "rn_tree"))
    print(f"% at the point the SPE path is {' -> '.join(at[0].path)} ({regime_name(at[0].path)})")
    print("% figures: " + ", ".join(files))
    print(f"% done in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
