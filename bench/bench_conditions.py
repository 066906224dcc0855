"""Benchmark: the condition engine against dense exact sampling, on many random relations.

The generator and the reference of ``tests/test_conditions_differential.py``
(polynomial and rational relations of 2-4 positive parameters, zeros written
in non-zero form, known-sign factors, square roots, ``Abs``, ``Min``/``Max``,
``Piecewise``, ``exp``/``log``), run on ``--n`` relations (default 10 000).
For each relation every entry point of ``games.conditions`` is called and
checked; the script prints how ``decide`` settled the relations (z3, an exact
witness, sampling only, undecided), the number of disagreements (must be 0)
and the time per relation.

Run: ``python bench/bench_conditions.py --n 10000 --jobs 2``
(``--cube-roots`` adds cube roots, on which z3 often runs to its time limit).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import sys
import time
from collections import Counter

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests"))

import test_conditions_differential as diff  # noqa: E402


def _one(seed: int) -> tuple[int, str, list, float, str]:
    ch = diff.RandomChooser(seed)
    space = diff.SPACES[ch.integer(0, len(diff.SPACES) - 1)]
    cond, parts, known_zero = diff.make_condition(ch, space)
    t0 = time.perf_counter()
    try:
        method, problems = diff.check_condition(cond, space, parts, known_zero)
    except Exception as err:  # an exception is a disagreement too
        method, problems = "error", [f"{type(err).__name__}: {err}"]
    return seed, method, problems, time.perf_counter() - t0, f"{cond}  on  {space!r}"


def _init(cube_roots: bool) -> None:
    diff.CUBE_ROOTS = cube_roots


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="number of relations")
    ap.add_argument("--seed", type=int, default=0, help="first seed")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    ap.add_argument("--cube-roots", action="store_true", help="also generate cube roots")
    args = ap.parse_args(argv)
    seeds = range(args.seed, args.seed + args.n)
    counts: Counter = Counter()
    times = []
    bad = []
    t0 = time.perf_counter()
    with mp.Pool(args.jobs, initializer=_init, initargs=(args.cube_roots,)) as pool:
        for k, (seed, method, problems, dt, text) in enumerate(pool.imap_unordered(_one, seeds, chunksize=4), 1):
            counts[method] += 1
            times.append(dt)
            if problems:
                bad.append((seed, text, problems))
                print(f"DISAGREEMENT seed={seed}: {text}\n  " + "\n  ".join(problems), flush=True)
            if k % 1000 == 0:
                print(f"... {k} relations, {len(bad)} disagreements, {time.perf_counter() - t0:.0f} s", flush=True)
    wall = time.perf_counter() - t0
    times.sort()
    n = len(times)
    print(f"relations:              {n}")
    print(f"decided by z3:          {counts['z3']}  (z3 or trivial)")
    print(f"decided by exact witness: {counts['exact']}")
    print(f"sampled only:           {counts['sampled']}")
    print(f"undecided:              {counts['undecided']}")
    print(f"errors:                 {counts['error']}")
    print(f"disagreements:          {len(bad)}  (must be 0)")
    print(f"time per relation:      mean {sum(times) / n * 1e3:.0f} ms, median {times[n // 2] * 1e3:.0f} ms, "
          f"p99 {times[int(0.99 * (n - 1))] * 1e3:.0f} ms, max {times[-1]:.1f} s "
          f"(all entry points + reference; wall {wall:.0f} s on {args.jobs} processes)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
