"""Benchmark: all equilibria of large random bimatrix games (14 x 14 and up), against pygambit.

For each size n, one random standard-normal n x n float game
(``numpy.random.default_rng(seed)``, drawn in order of n) is solved by
govgames' ``equilibria`` and by pygambit's ``enummixed_solve(rational=False)``
(float) and ``lcp_solve`` (one or more equilibria, not all). Each solver runs
in a forked child with a wall-clock limit; the child's CPU time and peak
memory are printed with the equilibrium counts and the ratio govgames /
pygambit (below 1 govgames is faster).

Run: ``python bench/bench_large_bimatrix.py [--sizes 14,15,16] [--limit 120]``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from games.normal_form import NormalFormGame  # noqa: E402
from solvers import equilibria  # noqa: E402


def _ours(A, B):
    return len(equilibria(NormalFormGame.from_bimatrix(A, B)))


def _gambit(A, B, how):
    import pygambit as gbt

    g = gbt.Game.from_arrays(A, B)
    if how == "enummixed":
        return len(gbt.nash.enummixed_solve(g, rational=False).equilibria)
    return len(gbt.nash.lcp_solve(g, rational=False).equilibria)


def _child(q, f, args):
    t0 = time.process_time()
    n = f(*args)
    q.put((time.process_time() - t0, n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def run(f, args, limit):
    """(CPU s, result, peak MB) of ``f(*args)`` in a forked child, or None past ``limit`` wall seconds."""
    ctx = multiprocessing.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=_child, args=(q, f, args))
    p.start()
    p.join(limit)
    if p.is_alive():
        p.kill()
        p.join()
        return None
    return q.get() if not q.empty() else None


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="14,15,16")
    ap.add_argument("--limit", type=float, default=120.0, help="wall seconds per solver and game")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    try:
        import pygambit  # noqa: F401
        peers = ["enummixed", "lcp"]
    except ImportError:
        peers = []
    print(f"{'n':>3} {'govgames CPU s [#eq, MB]':>28} " + " ".join(f"{p + ' CPU s [#eq]':>26}" for p in peers))
    for n in (int(s) for s in args.sizes.split(",")):
        A, B = rng.standard_normal((n, n)), rng.standard_normal((n, n))
        ours = run(_ours, (A, B), args.limit)
        over = f"over {args.limit} s"
        cells = [f"{ours[0]:10.2f} [{ours[1]:3d}, {ours[2]:5.0f} MB]" if ours else f"{over:>28}"]
        for how in peers:
            theirs = run(_gambit, (A, B, how), args.limit)
            if theirs is None:
                cells.append(f"{over:>26}")
            elif ours:
                cells.append(f"{theirs[0]:10.2f} [{theirs[1]:3d}] x{theirs[0] / ours[0]:7.2f}")
            else:
                cells.append(f"{theirs[0]:10.2f} [{theirs[1]:3d}]")
        print(f"{n:>3} " + " ".join(cells), flush=True)
    print("(xR = pygambit's CPU time / govgames'; > 1 means govgames is faster; lcp finds some equilibria, not all)")


if __name__ == "__main__":
    main()
