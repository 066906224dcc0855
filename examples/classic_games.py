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

Symbolic games with more than two players are solved under a time limit
(:data:`TIME_LIMIT` seconds, ``--time-limit``): what is found by then is
printed, verified, and marked partial. Progress goes to stderr.

Run ``python examples/classic_games.py --out DIR`` (``--quick`` for CI).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings

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
from games.errors import GovgamesWarning

#: Seconds for the equilibria of a symbolic game with more than two players (the rest are fast).
TIME_LIMIT = 20.0


def progress(t0: float, msg: str) -> None:
    """One progress line on stderr with the elapsed time."""
    print(f"[{time.perf_counter() - t0:6.1f}s] {msg}", file=sys.stderr, flush=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="out", help="folder for figures (default ./out)")
    ap.add_argument("--quick", action="store_true", help="skip the larger n-player games (CI)")
    ap.add_argument("--format", choices=("latex", "markdown"), default="markdown")
    ap.add_argument("--time-limit", type=float, default=TIME_LIMIT,
                    help=f"seconds for each symbolic game with more than two players (default {TIME_LIMIT:g})")
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
        big = game.is_symbolic and game.n_players > 2
        progress(t0, f"{slug}: equilibria of the {'x'.join(map(str, game.shape))} "
                 f"{'symbolic' if game.is_symbolic else 'numeric'} game"
                 + (f" (time limit {args.time_limit:g} s)" if big else ""))
        print(f"\n## {slug}: {catalog.describe(slug)}\n")
        print(payoff_table(game, fmt) + "\n")
        if big:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", GovgamesWarning)  # the partial result is reported below
                eqs = equilibria(game, time_limit=args.time_limit, on_time_limit="partial")
        else:
            eqs = equilibria(game)
        numeric = game if not game.is_symbolic else None
        for e in eqs:
            if numeric is not None:
                regret = e.regret(numeric)
                if any(r > 1e-9 for r in regret):
                    print(f"regret check failed for {slug}: {regret}")
                    return 1
        print(equilibria_table(eqs, fmt))
        if not eqs.complete:
            print(f"\n(partial: the enumeration did not finish within {args.time_limit:g} s; the {len(eqs)} "
                  "equilibria listed are verified, others may exist)")
            progress(t0, f"{slug}: partial result, {len(eqs)} equilibria")
        solved += 1
        mixed = [e for e in eqs if not e.is_pure]
        if game.is_symbolic and mixed:
            progress(t0, f"{slug}: comparative statics of a mixed equilibrium")
            st = comparative_statics(mixed[0], space=game.space)
            rows = [r for r in st if r.sign != "0"]
            print("\nComparative statics of the mixed equilibrium:\n\n" + statics_table(rows, fmt, space=game.space))
    print(f"\n{solved} games solved")

    # phase portraits of four 2x2 games in one figure
    progress(t0, "figures: phase portraits, hawk-dove trajectories, trees")
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
