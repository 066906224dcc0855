"""govgames equilibria() vs pygambit enumpoly_solve on random float n-player games.

Prints CPU milliseconds (min / median / max over the repeats), the ratio of
medians (govgames / pygambit), and how many equilibria each found per game.

    python3 bench/bench_nplayer.py [--repeats 3] [--games 3] [--shapes 2x2x2,3x3x3]
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings

import numpy as np


def _cpu(f):
    t = time.process_time()
    out = f()
    return time.process_time() - t, out


def main() -> None:
    import pygambit as gbt

    from games.errors import GovgamesWarning
    from games.normal_form import NormalFormGame
    from solvers.nash import equilibria

    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--games", type=int, default=3)
    ap.add_argument("--shapes", default="2x2x2,2x2x2x2,3x3x3,3x3x3x3")
    args = ap.parse_args()
    warnings.simplefilter("ignore", GovgamesWarning)
    # warm-up, untimed: imports and first-use caches of both (python-flint contexts, pygambit)
    for shape in ((2, 2, 2), (2, 2, 2, 2)):
        P = np.random.default_rng(1).standard_normal(shape + (len(shape),))
        equilibria(NormalFormGame(P))
        gbt.nash.enumpoly_solve(gbt.Game.from_arrays(*[P[..., i] for i in range(len(shape))]))
    print(f"{'shape':>9} {'game':>4} {'ours min/med/max (ms)':>29} {'enumpoly min/med/max (ms)':>29}"
          f" {'ratio':>7} {'#ours':>5} {'#gambit':>7}")
    for spec in args.shapes.split(","):
        shape = tuple(int(v) for v in spec.split("x"))
        for k in range(args.games):
            P = np.random.default_rng(1000 + k).standard_normal(shape + (len(shape),))
            game = NormalFormGame(P)
            g = gbt.Game.from_arrays(*[P[..., i] for i in range(len(shape))])
            ours, theirs = [], []
            n_ours = n_theirs = None
            for _ in range(args.repeats):
                # the public call; without a time limit it runs in this process
                t, eqs = _cpu(lambda: equilibria(game))
                ours.append(t)
                n_ours = f"{len(eqs)}{'+c' if getattr(eqs, 'continua', ()) else ''}"
                t, res = _cpu(lambda: gbt.nash.enumpoly_solve(g))
                theirs.append(t)
                n_theirs = len(res.equilibria)
            mo, mt = statistics.median(ours), statistics.median(theirs)
            ms = [1e3 * v for v in (min(ours), mo, max(ours), min(theirs), mt, max(theirs))]
            print(f"{spec:>9} {k:>4} {ms[0]:9.2f}/{ms[1]:9.2f}/{ms[2]:9.2f} "
                  f"{ms[3]:9.2f}/{ms[4]:9.2f}/{ms[5]:9.2f}   {mo / max(mt, 1e-9):7.2f} "
                  f"{n_ours:>5} {n_theirs:>7}", flush=True)


if __name__ == "__main__":
    main()
