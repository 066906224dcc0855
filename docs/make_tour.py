"""Regenerate docs/tour.png, the README's tour figure (run from the project root).

    python docs/make_tour.py
"""

import numpy as np
import sympy

from govgames.figures.dynamics import basin_plot, phase_portrait
from govgames.figures.regime_map import regime_map_plot
from govgames.figures.style import new_figure, style
from games.catalog import load
from solvers import outcome_regimes, subgame_perfect
from solvers import regime_map
from solvers import replicator
from solvers import basins
from solvers import stability
from solvers.share_curves import deadline_shares


def regime_name(path):
    if path == ("Command", "Obey"):
        return "command–obedience"
    return "resistance–negotiation" if path[-1] == "Accept" else "collapse"


def main(path="docs/tour.png"):
    fig, axes = new_figure("two", 5.6, nrows=2, ncols=2)

    tree = load("resistance_negotiation")
    spe = subgame_perfect(tree, tie_break=["Obey", "Accept"])
    groups = {}
    for r in outcome_regimes(spe):
        groups.setdefault(regime_name(r.path), []).append(r.condition)
    fixed = {"reform_gain": 4, "workload": 2, "mobilisation_cost": 1, "voice_cost": 0.5, "pilot_failure": 3,
             "concession": 3}
    regimes = {k: sympy.Or(*v) for k, v in groups.items()}
    m = regime_map(regimes, "soft_power", "authority", fixed, 200, x_range=(0, 5), y_range=(0, 4), space=tree.space)
    regime_map_plot(m, space=tree.space, ax=axes[0, 0], title="SPE regimes (resistance–negotiation)")

    d = deadline_shares(load("limited_vs_indefinite_negotiation"), {"delta_G": 0.9, "delta_S": 0.8, "d_G": 0.1},
                        T_max=15)
    ax = axes[0, 1]
    with style():
        ax.plot(d.values, d.curve("deadline T")[:, 0], "ko", ms=3, label="government, deadline $T$")
        ax.axhline(d.limit[0], color="k", ls="--", lw=0.8, label="indefinite (Rubinstein)")
        ax.set_xlabel("deadline $T$")
        ax.set_ylabel("government's share")
        ax.legend(fontsize=6, loc="lower right")
        ax.set_title("Limited vs indefinite negotiation")

    phase_portrait(stability(replicator(load("stag_hunt"))), ax=axes[1, 0], density=13,
                   title="Stag hunt: replicator dynamics")

    dyn = replicator(load("collective_inaction"))
    point = {"alpha": 0.5, "U": 10, "c_F": 2, "h": 1, "beta": 0.5, "W": 4, "pi_T": 4, "c_T": 3, "R": 2, "c_O": 3,
             "b": 2, "P": 4, "s": 2}
    thetas = np.linspace(0.05, 0.95, 10)
    results = [basins(dyn, {**point, "theta": float(t)}, n=200, rng=0, t=50) for t in thetas]
    basin_plot(results, parameter="theta", values=thetas, space=dyn.space, ax=axes[1, 1],
               title="Collective inaction: basins vs trust")
    with style():
        fig.savefig(path, dpi=110)


if __name__ == "__main__":
    main()
