"""Benchmark: symbolic stability tables against plain sympy (Jacobians + eigenvalues).

For each model the same rest points are given to plain sympy, which builds
the Jacobian of the replicator right-hand side, substitutes each rest point
and asks ``Matrix.eigenvals()``; govgames computes the whole stability table
(rest points, eigenvalues, exact simplified class conditions). Every run
starts from cold caches (a fresh ``Replicator``, the condition engine's
caches emptied). Printed: min / median / max CPU seconds over the repeats,
and the ratio of medians.

Models:

* ``collective_inaction`` (3 populations x 2 strategies, 14 parameters):
  the vertex table (target <= 2x sympy) and the full table (target < 1 s);
* a 4-population 2x2x2x2 game with 12 symbolic parameters built here
  (``ring4``; target < 10 s for the full table);
* the catalog tripartite ``greenwashing_regulation`` model, vertex and full tables.

Plain sympy runs in a child process stopped after ``SYMPY_LIMIT`` seconds (its
eigenvalues of a symbolic 3x3 or 4x4 block can take hours); such a row says so.

Run: ``python bench/bench_stability.py [--repeats N] [--quick]``.
"""

from __future__ import annotations

import argparse
import itertools
import math
import multiprocessing
import statistics
import time

import numpy as np
import sympy

from games import catalog
from games.conditions import clear_caches as clear_condition_caches
from games.normal_form import NormalFormGame
from solvers.evolution import replicator, stability


#: Wall-clock seconds plain sympy gets per run before it is stopped (reported as over the limit).
SYMPY_LIMIT = 120.0


def ring4() -> NormalFormGame:
    """Four populations on a ring, two strategies each, 12 positive parameters.

    Population ``i`` playing its first strategy earns ``a_i`` when population
    ``i + 1`` also plays its first strategy and pays ``c_i``; its second
    strategy earns ``b_i`` when population ``i - 1`` plays its first.
    """
    a = sympy.symbols("a1:5", positive=True)
    b = sympy.symbols("b1:5", positive=True)
    c = sympy.symbols("c1:5", positive=True)
    pay = np.empty((2, 2, 2, 2, 4), dtype=object)
    for prof in itertools.product(range(2), repeat=4):
        for i in range(4):
            nxt, prv = prof[(i + 1) % 4], prof[(i - 1) % 4]
            if prof[i] == 0:
                pay[prof + (i,)] = a[i] * (1 - nxt) - c[i]
            else:
                pay[prof + (i,)] = b[i] * (1 - prv)
    return NormalFormGame(pay)


def _cold(game):
    clear_condition_caches()  # decisions, simplifications, samples and factorisations
    return replicator(game)


def _plain_sympy(dyn, points) -> None:
    J = sympy.Matrix(dyn.rhs).jacobian(sympy.Matrix(dyn.state))
    for p in points:
        J.xreplace(dict(zip(dyn.state, p))).eigenvals()


def _time(f, repeats):
    out = []
    for _ in range(repeats):
        t0 = time.process_time()
        f()
        out.append(time.process_time() - t0)
    return out


def _row(name, ts_sympy, ts_ours, target=""):
    def fmt(ts):
        if math.isinf(ts[0]):
            return f"(over the {SYMPY_LIMIT:.0f} s limit) "
        return f"{min(ts):7.3f} {statistics.median(ts):7.3f} {max(ts):7.3f}"
    ratio = statistics.median(ts_ours) / max(statistics.median(ts_sympy), 1e-9)
    shown = f"< {statistics.median(ts_ours) / SYMPY_LIMIT:.4f}" if math.isinf(ratio) is False and ratio == 0 \
        else f"{ratio:6.2f}"
    print(f"{name:34s} sympy {fmt(ts_sympy)} | govgames {fmt(ts_ours)} | ratio {shown} {target}")


def _time_limited(f, repeats, limit):
    """CPU times of ``f`` run in a forked child each time; ``[inf]`` when one run passes ``limit`` s of wall time."""
    ctx = multiprocessing.get_context("fork")
    out = []
    for _ in range(repeats):
        q = ctx.Queue()
        p = ctx.Process(target=lambda: q.put(_time(f, 1)[0]))
        p.start()
        p.join(limit)
        if p.is_alive():
            p.kill()
            p.join()
            return [math.inf]
        out.append(q.get())
    return out


def bench(name, game, repeats, *, vertices_only, target="", sympy_limit=None):
    tab = stability(_cold(game), vertices_only=vertices_only)
    points = [r.point.coordinates for r in tab]

    def ours():
        stability(_cold(game), vertices_only=vertices_only)

    def plain():
        _plain_sympy(_cold(game), points)

    # plain sympy's eigenvalues of a symbolic 3x3 or 4x4 block can run for hours: bounded
    ts_plain = _time_limited(plain, repeats, sympy_limit or SYMPY_LIMIT)
    _row(f"{name} ({len(points)} points)", ts_plain, _time(ours, repeats), target)
    return tab


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    r = args.repeats
    print("CPU seconds: min median max")
    ci = catalog.load("collective_inaction")
    bench("collective_inaction vertices", ci, r, vertices_only=True, target="(target <= 2)")
    bench("collective_inaction full", ci, r, vertices_only=False, target="(target: govgames < 1 s)")
    bench("greenwashing_regulation vertices", catalog.load("greenwashing_regulation"), r, vertices_only=True)
    if not args.quick:
        bench("greenwashing_regulation full", catalog.load("greenwashing_regulation"), max(1, r // 3),
              vertices_only=False)
        bench("ring4 vertices", ring4(), r, vertices_only=True)
        bench("ring4 full", ring4(), max(1, r // 3), vertices_only=False, target="(target: govgames < 10 s)")


if __name__ == "__main__":
    main()
