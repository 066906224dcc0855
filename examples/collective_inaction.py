"""Collaborative governance or collective inaction: the tripartite compliance game end to end.

MODELS.md section 3, after Yan Junfu (2025), "Collaborative governance or
collective inaction? Strategic choices and institutional consequences of
grassroots collaboration between government and social organizations",
Study and Practice 2025(10): 106-116.

A functional department F (collaborative / compulsive), a territorial
government T (substantive / nominal) and a social organisation O
(substantive / formal) play a 2x2x2 compliance game. This script derives

1. the pure equilibria with the exact conditions where they hold;
2. three-population replicator dynamics: each vertex's eigenvalues and the
   exact condition for it to be an evolutionarily stable state, and checks
   the paper's claims (collective inaction stable iff R < c_O + b; full
   collaboration stable iff alpha U > c_F + h, beta W + theta pi > c_T and
   R + s + theta P > c_O; both at once: a trap);
3. the full stability table at a parameter point (interior rest points
   included) and a property check with hypothesis that no rest point off
   the vertices is ever asymptotically stable (Selten 1980);
4. the figures: trajectories in the cube from several starts, a time series,
   and the basin of attraction of collaboration as trust theta rises.

Run ``python examples/collective_inaction.py --out DIR`` (``--quick`` for CI).
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np
import sympy

from govgames.figures.dynamics import basin_plot, time_series, trajectories_3d
from govgames.figures.style import save_figure
from govgames.figures.tables import equilibria_table, render_table, stability_table
from games.catalog import load
from games.conditions import is_satisfiable, is_valid
from solvers import check_proposition
from solvers import pure_equilibria
from solvers import replicator
from solvers import basins, simulate
from solvers import stability

#: The parameter point of the figures (the catalog's documented defaults, theta raised to 0.6).
POINT = {"alpha": sympy.Rational(1, 2), "U": 10, "c_F": 2, "h": 1, "beta": sympy.Rational(1, 2), "W": 4,
         "theta": sympy.Rational(3, 5), "pi_T": 4, "c_T": 3, "R": 2, "c_O": 3, "b": 2, "P": 4, "s": 2}


def progress(t0: float, msg: str) -> None:
    """One progress line on stderr with the elapsed time."""
    print(f"[{time.perf_counter() - t0:6.1f}s] {msg}", file=sys.stderr, flush=True)


def vertex_stability(dyn):
    """(label, vertex, eigenvalues, ESS condition) for the 8 vertices: the table papers print."""
    return [(r.point.label, r.point.coordinates, r.eigenvalues, dict(r.classes).get("stable", sympy.false))
            for r in stability(dyn, vertices_only=True)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="out", help="folder for figures (default ./out)")
    ap.add_argument("--quick", action="store_true", help="fewer samples and starts (CI)")
    args = ap.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    t0 = time.perf_counter()

    game = load("collective_inaction")
    space = game.space
    S = {n: space[n] for n in space.names}
    print("% Collective inaction (Yan 2025): the F-T-O compliance game")
    print("% payoff differences: F: alpha U z - c_F - h; T: beta W z + theta pi x - c_T;"
          " O: R - c_O - b(1 - x) + theta P x + s y\n")

    progress(t0, 'pure equilibria with conditions')
    # 1. pure equilibria with conditions
    eqs = pure_equilibria(game)
    print("%% Pure Nash equilibria and where they hold\n" + equilibria_table(eqs, "latex") + "\n")

    progress(t0, 'replicator dynamics: stability of the vertices')
    # 2. replicator dynamics: vertices
    dyn = replicator(game, state_names=("x", "y", "z"))
    print("% Replicator dynamics (x, y, z: shares of collaborative F, substantive T, substantive O)")
    for name, rhs in zip(dyn.state, dyn.rhs):
        print(f"% d{name}/dt = {sympy.latex(sympy.factor(rhs))}")
    verts = vertex_stability(dyn)
    rows = [[lab, "$" + sympy.latex(sympy.Tuple(*v)) + "$", ", ".join("$" + space.latex(e) + "$" for e in eig),
             "never" if c is sympy.false else "$" + space.latex(c) + "$"] for lab, v, eig, c in verts]
    print(render_table(["Profile", "Vertex", "Eigenvalues", "ESS iff"], rows, "latex") + "\n")

    inaction = dict((lab, c) for lab, _, _, c in verts)["(compulsive, nominal, formal)"]
    collab = dict((lab, c) for lab, _, _, c in verts)["(collaborative, substantive, substantive)"]
    claims = [
        ("collective inaction is an ESS iff R < c_O + b",
         sympy.Equivalent(inaction, S["R"] < S["c_O"] + S["b"])),
        ("full collaboration is an ESS iff alpha U > c_F + h, beta W + theta pi > c_T, R + s + theta P > c_O",
         sympy.Equivalent(collab, sympy.And(S["alpha"] * S["U"] > S["c_F"] + S["h"],
                                            S["beta"] * S["W"] + S["theta"] * S["pi_T"] > S["c_T"],
                                            S["R"] + S["s"] + S["theta"] * S["P"] > S["c_O"]))),
    ]
    for text, claim in claims:
        verdict = is_valid(claim, space)
        print(f"% check: {text}: {'proved' if verdict else 'NOT PROVED'}")
        if verdict is not True:
            return 1
    trap = is_satisfiable(sympy.And(inaction, collab), space)
    print(f"% check: both stable at once (a trap) is possible: {trap}")
    if trap is not True:
        return 1

    progress(t0, 'the full stability table at the point')
    # 3. the full table at the point, and Selten's theorem as a property check
    table = stability(dyn.subs(POINT))
    print("\n% Stability table at the point " + ", ".join(f"{k}={v}" for k, v in POINT.items()))
    print(stability_table(table, "latex") + "\n")
    stable_here = [r.label for r in table if r.classification == "stable"]
    print(f"% asymptotically stable at the point: {', '.join(stable_here)}")

    def no_interior_attractor(p):
        t = stability(dyn.subs(p))
        return all(r.classification != "stable" for r in t if not r.point.is_vertex)

    def inaction_iff(p):
        t = stability(dyn.subs(p))
        row = t.find((0, 0, 0))
        return (row.classification == "stable") == (p["R"] < p["c_O"] + p["b"])

    n = 4 if args.quick else 25
    for text, pred in (("no rest point off the vertices is asymptotically stable (Selten)", no_interior_attractor),
                       ("inaction is stable exactly when R < c_O + b (numeric tables)", inaction_iff)):
        progress(t0, f"property check on {n} points: {text}")
        res = check_proposition(pred, space, max_examples=n, rng=1)
        print(f"% hypothesis ({res.n_examples} points): {text}: {res.status}")
        if res.status != "holds":
            print(f"% counterexample: {res.counterexample}")
            return 1

    progress(t0, 'figures: trajectories and time series')
    # 4. figures
    starts = [[0.2, 0.2, 0.2], [0.8, 0.8, 0.8], [0.3, 0.7, 0.6], [0.7, 0.3, 0.4], [0.5, 0.5, 0.5],
              [0.9, 0.2, 0.7], [0.2, 0.9, 0.8], [0.6, 0.6, 0.2]]
    num = dyn.subs(POINT)
    fig = trajectories_3d(simulate(num, None, starts, np.linspace(0, 20, 401)), table=table)
    files = save_figure(fig, os.path.join(args.out, "ci_trajectories"))
    ends = {tuple(round(float(c), 2) for c in e) for e in fig.endpoints}
    print(f"% trajectories end at {sorted(ends)}")
    files += save_figure(time_series(simulate(num, None, [0.5, 0.5, 0.5], np.linspace(0, 20, 401))),
                         os.path.join(args.out, "ci_time_series"))
    thetas = np.linspace(0.05, 0.95, 6 if args.quick else 19)
    results = []
    for k, t in enumerate(thetas):
        progress(t0, f"basins {k + 1}/{len(thetas)} (theta = {t:.2f})")
        results.append(basins(dyn, {**POINT, "theta": float(t)}, n=80 if args.quick else 400, rng=0, t=50))
    fig = basin_plot(results, parameter="theta", values=thetas, space=dyn.space)
    files += save_figure(fig, os.path.join(args.out, "ci_basin_theta"))
    collab_share = fig.basin_shares.get("(collaborative, substantive, substantive)", np.zeros(len(thetas)))
    print("% basin of full collaboration as theta rises: "
          + ", ".join(f"{t:.2f}: {s:.2f}" for t, s in zip(thetas, collab_share)))
    print("% figures: " + ", ".join(files))
    print(f"% done in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
