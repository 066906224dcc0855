"""A tour of the govgames API on the catalog's classic games.

Every normal-form game of the catalog is solved (all Nash equilibria, with
parameter conditions for symbolic games, each verified by its regret), the
symbolic ones get comparative statics, four 2x2 games get phase portraits
of their two-population replicator dynamics, and two classic trees are drawn
with their subgame-perfect equilibrium.

References: J. Nash (1951), "Non-cooperative games", Annals of Mathematics
54(2); G. Tsebelis (1989), "The abuse of probability in political analysis:
the Robinson Crusoe fallacy", APSR 83(1) (the inspection game); R. Selten
(1975) (entry deterrence, subgame perfection); J. Maynard Smith (1982),
*Evolution and the Theory of Games* (hawk-dove).

Run ``python examples/classic_games.py --out DIR`` (``--quick`` for CI).
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np


from govgames.figures.dynamics import phase_portrait
from govgames.figures.style import new_figure, save_figure
from govgames.figures.tables import equilibria_table, payoff_table, statics_table
from govgames.figures.tree import draw_tree
from games import catalog
from solvers import subgame_perfect
from solvers import equilibria
from solvers import replicator
from solvers import simulate
from solvers import stability
from solvers import comparative_statics


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="out", help="folder for figures (default ./out)")
    ap.add_argument("--quick", action="store_true", help="skip the larger n-player games (CI)")
    ap.add_argument("--format", choices=("latex", "markdown"), default="markdown")
    args = ap.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    t0 = time.perf_counter()
    fmt = args.format
    solved = 0
    for slug in catalog.names():
        game = catalog.load(slug)
        if type(game).__name__ != "NormalFormGame" or slug == "collective_inaction":
            continue
        if args.quick and game.n_players > 2:
            continue
        print(f"\n## {slug}: {catalog.describe(slug)}\n")
        print(payoff_table(game, fmt) + "\n")
        eqs = equilibria(game)
        numeric = game if not game.is_symbolic else None
        for e in eqs:
            if numeric is not None:
                regret = e.regret(numeric)
                if any(r > 1e-9 for r in regret):
                    print(f"regret check failed for {slug}: {regret}")
                    return 1
        print(equilibria_table(eqs, fmt))
        solved += 1
        mixed = [e for e in eqs if not e.is_pure]
        if game.is_symbolic and mixed:
            st = comparative_statics(mixed[0], space=game.space)
            rows = [r for r in st if r.sign != "0"]
            print("\nComparative statics of the mixed equilibrium:\n\n" + statics_table(rows, fmt, space=game.space))
    print(f"\n{solved} games solved")

    # phase portraits of four 2x2 games in one figure
    fig, axes = new_figure("two", 6.4, nrows=2, ncols=2)
    for ax, slug in zip(axes.ravel(), ("prisoners_dilemma", "stag_hunt", "matching_pennies", "battle_of_the_sexes")):
        phase_portrait(stability(replicator(catalog.load(slug))), ax=ax, title=slug.replace("_", " "), density=13)
    files = save_figure(fig, os.path.join(args.out, "classic_phase_portraits"))
    # hawk-dove at a point (symbolic game), with a few trajectories
    hd = replicator(catalog.load("hawk_dove"))
    pt = {"value": 2, "cost": 4}  # V < C: hawks and doves coexist
    runs = simulate(hd.subs(pt), None, [[0.1, 0.2], [0.9, 0.7]], np.linspace(0, 15, 301))
    files += save_figure(phase_portrait(stability(hd).at(pt), trajectories=runs),
                         os.path.join(args.out, "classic_hawk_dove"))
    for slug in ("entry_deterrence", "beer_quiche"):
        tree = catalog.load(slug)
        spe = subgame_perfect(tree)
        print(f"\n{slug}: {len(spe)} subgame-perfect equilibria; first path {' -> '.join(spe[0].path)}")
        files += save_figure(draw_tree(tree, spe[0], title=slug.replace("_", " ")),
                             os.path.join(args.out, f"classic_{slug}"))
    print("\nfigures: " + ", ".join(files))
    print(f"done in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
