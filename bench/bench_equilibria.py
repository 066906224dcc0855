"""Benchmark: all Nash equilibria of bimatrix games, and a parameter sweep.

Run ``python bench/bench_equilibria.py`` (``--quick`` for a smoke run).

Part 1 solves random n x n bimatrix games (n = 2..10; standard-normal float
payoffs and small-integer payoffs in [-5, 5]) with govgames, nashpy
(support and vertex enumeration), pygambit's ``enummixed_solve`` (rational
and float) and QuantEcon's ``support_enumeration`` where they import, and
prints the mean time per game, the equilibrium counts (so a solver that
misses equilibria shows) and the ratio to govgames. Slow solvers are
skipped once their extrapolated time per game exceeds a budget.

Part 2 sweeps the inspection game over 10^6 parameter points with
``EquilibriumSet.compile()`` and compares with re-solving each point (timed
on a small sample and extrapolated to points per second).

``--versus-peers`` instead times govgames, pygambit's float
``enummixed_solve`` and QuantEcon's ``support_enumeration`` in CPU time on
the same random standard-normal n x n games (n = 2..10), each solver over
all games in turn, several times, and prints min/median/max ms per game
and the ratios of the medians.

``--versus-old DIR`` instead times govgames against another checkout of it
(e.g. an older commit unpacked with ``git archive``) on the same random
standard-normal n x n float games, n = 2..10: each tree is imported in its
own worker process (``PYTHONPATH=DIR``), the two are asked in turn, game by
game, so that load on the machine hits both alike; each game's time is the
best of several runs. Prints per-n min/median/max ms per game for each tree,
the ratio of the medians and the median of the per-game ratios (new / old),
and flags any n over ``--limit`` (default 1.2).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from games.catalog import classic  # noqa: E402
from games.normal_form import NormalFormGame  # noqa: E402
from solvers.nash import equilibria  # noqa: E402
from solvers._compiled_bimatrix import load_kernel  # noqa: E402

warnings.simplefilter("ignore")


def _try_import(name):
    try:
        return __import__(name)
    except Exception:  # optional comparison libraries
        return None


nashpy = _try_import("nashpy")
gbt = _try_import("pygambit")
qe = _try_import("quantecon")


def timeit(fn, games, budget):
    """Mean seconds per game and equilibrium counts; None if over budget."""
    counts = []
    t0 = time.perf_counter()
    for g in games:
        counts.append(fn(g))
        if time.perf_counter() - t0 > budget:
            return None, None
    return (time.perf_counter() - t0) / len(games), counts


def _distinct(profiles, digits=None):
    keys = {tuple(round(float(v), digits) if digits else str(v) for v in _flat(p)) for p in profiles}
    return len(keys)


def _flat(profile):
    out = []
    for player in profile.game.players:
        out.extend(profile[s] for s in player.strategies)
    return out


def solvers(kind):
    """(name, prepare(A, B) -> object, solve(object) -> count)."""
    out = []
    if kind == "float":
        out.append(("govgames", lambda A, B: NormalFormGame.from_bimatrix(A, B),
                    lambda g: len(equilibria(g))))
    else:
        out.append(("govgames", lambda A, B: NormalFormGame.from_bimatrix(A.tolist(), B.tolist()),
                    lambda g: len(equilibria(g))))
    if nashpy is not None:
        out.append(("nashpy support", lambda A, B: nashpy.Game(A.astype(float), B.astype(float)),
                    lambda g: len(list(g.support_enumeration()))))
        out.append(("nashpy vertex", lambda A, B: nashpy.Game(A.astype(float), B.astype(float)),
                    lambda g: len(list(g.vertex_enumeration()))))
    if gbt is not None:
        def prep(A, B):
            if kind == "float":
                return gbt.Game.from_arrays(A, B)
            return gbt.Game.from_arrays(A.astype(int).tolist(), B.astype(int).tolist())
        # enummixed may list an equilibrium twice in degenerate games: count distinct ones
        out.append(("gambit rational", prep,
                    lambda g: _distinct(gbt.nash.enummixed_solve(g, rational=True).equilibria)))
        out.append(("gambit float", prep,
                    lambda g: _distinct(gbt.nash.enummixed_solve(g, rational=False).equilibria, 8)))
    if qe is not None:
        from quantecon.game_theory import NormalFormGame as QG, Player, support_enumeration

        out.append(("quantecon support",
                    lambda A, B: QG((Player(A.astype(float)), Player(B.T.astype(float)))),
                    lambda g: len(support_enumeration(g))))
    return out


def part1(ns, n_games, budget, rng):
    for kind in ("float", "integer"):
        print(f"\n== all equilibria of random n x n games, {kind} payoffs "
              f"({n_games} games per n; mean ms per game; [total equilibria]) ==")
        names = [s[0] for s in solvers(kind)]
        print(f"{'n':>3} " + " ".join(f"{nm:>22}" for nm in names))
        dead = set()
        for _, prep, solve in solvers(kind):  # warm-up (imports, caches, QuantEcon's JIT)
            solve(prep(np.array([[2, 0], [0, 1]]), np.array([[1, 0], [0, 2]])))
        for n in ns:
            if kind == "float":
                pairs = [(rng.standard_normal((n, n)), rng.standard_normal((n, n))) for _ in range(n_games)]
            else:
                pairs = [(rng.integers(-5, 6, (n, n)), rng.integers(-5, 6, (n, n))) for _ in range(n_games)]
            row, base = [], None
            for name, prep, solve in solvers(kind):
                if name in dead:
                    row.append(f"{'skipped':>22}")
                    continue
                objs = [prep(A, B) for A, B in pairs]
                t, counts = timeit(solve, objs, budget)
                if t is None:
                    dead.add(name)
                    row.append(f"{'> budget':>22}")
                    continue
                if name == "govgames":
                    base = t
                ratio = f" x{t / base:.1f}" if base and name != "govgames" else ""
                row.append(f"{t * 1e3:>9.2f} [{sum(counts):>3}]{ratio:>7}")
            print(f"{n:>3} " + " ".join(row))
    print("(xR = that solver's time / govgames' time; > 1 means govgames is faster)")


def part2(n_points, n_resolve, rng):
    print(f"\n== inspection game sweep over {n_points:.0e} parameter points ==")
    game = classic.inspection()
    t0 = time.perf_counter()
    eqs = equilibria(game)
    t_solve = time.perf_counter() - t0
    t0 = time.perf_counter()
    f = eqs.compile()
    t_compile = time.perf_counter() - t0
    cols = game.space.sample_columns(n_points, rng=rng)
    t0 = time.perf_counter()
    out = f(**cols)
    t_eval = time.perf_counter() - t0
    rate = n_points / t_eval
    print(f"symbolic solve {t_solve * 1e3:.0f} ms, compile {t_compile * 1e3:.0f} ms, "
          f"evaluate {t_eval * 1e3:.0f} ms -> {rate:,.0f} points/s")
    # check the compiled values against the closed forms (Tsebelis 1989)
    g, fi, k, v, d = (cols[n] for n in ("gain", "fine", "inspection_cost", "detection_value", "damage"))
    prof = out["profiles"][0]
    assert np.allclose(prof[:, 0], k / (v + d)) and np.allclose(prof[:, 2], g / (g + fi))
    pts = [{n: float(cols[n][i]) for n in game.space.names} for i in range(n_resolve)]

    def bimatrix(p):
        A = np.array([[-p["fine"], p["gain"]], [0.0, 0.0]])
        B = np.array([[p["detection_value"] - p["inspection_cost"], -p["damage"]],
                      [-p["inspection_cost"], 0.0]])
        return A, B

    rows = [("govgames re-solve", lambda p: equilibria(game.subs(p)))]
    if nashpy is not None:
        rows.append(("nashpy support", lambda p: list(nashpy.Game(*bimatrix(p)).support_enumeration())))
    if gbt is not None:
        rows.append(("gambit float", lambda p: gbt.nash.enummixed_solve(
            gbt.Game.from_arrays(*bimatrix(p)), rational=False)))
    if qe is not None:
        from quantecon.game_theory import NormalFormGame as QG, Player, support_enumeration

        def qsolve(p):
            A, B = bimatrix(p)
            return support_enumeration(QG((Player(A), Player(B.T))))
        qsolve(pts[0])  # JIT warm-up
        rows.append(("quantecon support", qsolve))
    for name, fn in rows:
        t0 = time.perf_counter()
        for p in pts:
            fn(p)
        r = n_resolve / (time.perf_counter() - t0)
        print(f"{name:>20}: {r:>12,.0f} points/s   compiled is x{rate / r:,.0f} faster")
    print(f"target >= 3e6 points/s: {'met' if rate >= 3e6 else 'NOT met'} ({rate:.3g})")


# A worker: reads one JSON request per line, answers with per-game times.
_WORKER = r"""
import json, sys, time, warnings
warnings.simplefilter("ignore")
import numpy as np
import solvers
from games.normal_form import NormalFormGame
from solvers.nash import equilibria
print(json.dumps({"where": solvers.__file__}), flush=True)
for line in sys.stdin:
    req = json.loads(line)
    rng = np.random.default_rng(req["seed"])
    n = req["n"]
    pairs = [(rng.standard_normal((n, n)), rng.standard_normal((n, n))) for _ in range(req["games"])]
    times, counts = [], []
    for A, B in pairs:
        best = float("inf")
        for _ in range(req["reps"]):
            g = NormalFormGame.from_bimatrix(A, B)  # a fresh game: no cached results
            t0 = time.perf_counter()
            eqs = equilibria(g)
            best = min(best, time.perf_counter() - t0)
        times.append(best)
        counts.append(len(eqs))
    print(json.dumps({"times": times, "counts": counts}), flush=True)
"""


class _Worker:
    """A Python process importing govgames from ``root``."""

    def __init__(self, root):
        env = dict(os.environ, PYTHONPATH=str(root))
        self.proc = subprocess.Popen([sys.executable, "-c", _WORKER], cwd=str(root), env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.where = json.loads(self.proc.stdout.readline())["where"]

    def ask(self, **req):
        self.proc.stdin.write(json.dumps(req) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the worker importing {self.where} stopped")
        return json.loads(line)

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()


def versus_old(old_root, ns, n_games, reps, rounds, seed, limit):
    """Time this tree against the one at ``old_root`` on the same float games."""
    new_root = Path(__file__).resolve().parents[1]
    workers = {"new": _Worker(new_root), "old": _Worker(Path(old_root).resolve())}
    try:
        for name, w in workers.items():
            print(f"{name}: {w.where}")
            w.ask(n=3, seed=seed, games=5, reps=1)  # warm-up (imports, caches)
        print(f"\n== random standard-normal n x n float games: {n_games} games per n, each the best of "
              f"{reps} runs x {rounds} rounds; ms per game ==")
        print(f"{'n':>3} {'new min/median/max':>26} {'old min/median/max':>26} "
              f"{'median ratio':>13} {'per-game ratio':>15}")
        worst = []
        for n in ns:
            best = {"new": [float("inf")] * n_games, "old": [float("inf")] * n_games}
            counts = {}
            for r in range(rounds):
                names = ("new", "old") if r % 2 == 0 else ("old", "new")
                for name in names:
                    res = workers[name].ask(n=n, seed=seed + n, games=n_games, reps=reps)
                    best[name] = [min(a, b) for a, b in zip(best[name], res["times"])]
                    counts[name] = res["counts"]
            new, old = np.array(best["new"]) * 1e3, np.array(best["old"]) * 1e3
            ratio = float(np.median(new) / np.median(old))
            per_game = float(np.median(new / old))
            worst.append((n, ratio))
            flag = "" if ratio <= limit else f"  over {limit}"
            same = "" if counts["new"] == counts["old"] else "  (equilibrium counts differ)"
            print(f"{n:>3} {_mmm(new):>26} {_mmm(old):>26} {ratio:>12.2f}x {per_game:>14.2f}x"
                  f"{flag}{same}")
        over = [n for n, r in worst if r > limit]
        print(f"(ratio = new / old; target <= {limit} at every n: "
              f"{'met' if not over else 'NOT met at n = ' + ', '.join(map(str, over))})")
    finally:
        for w in workers.values():
            w.close()


def _mmm(a):
    return f"{a.min():.4g}/{np.median(a):.4g}/{a.max():.4g}"


def versus_peers(ns, repeats, seed):
    """CPU µs per float game against pygambit's float enummixed and QuantEcon, min/median/max.

    The same random standard-normal games for all solvers (200 per n, 60 from
    n = 6), each solver timed over all of them in turn, ``repeats`` times, so
    that load on the machine hits all alike; ratios of the medians.
    """
    if gbt is None or qe is None:
        print("--versus-peers needs pygambit and quantecon (the crosscheck and bench extras)")
        return
    from quantecon.game_theory import NormalFormGame as QG, Player, support_enumeration

    print(f"\n== CPU µs per random n x n float game, min/median/max over {repeats} runs ==")
    print(f"{'n':>3} {'games':>5} {'govgames':>20} {'gambit float':>20} {'quantecon':>20}"
          f" {'ours/gambit':>11} {'ours/quantecon':>14}")
    for n in ns:
        rng = np.random.default_rng(seed + n)
        count = 200 if n < 6 else 60
        pairs = [(rng.standard_normal((n, n)), rng.standard_normal((n, n))) for _ in range(count)]
        runs = {
            "govgames": ([NormalFormGame.from_bimatrix(A, B) for A, B in pairs], equilibria),
            "gambit": ([gbt.Game.from_arrays(A, B) for A, B in pairs],
                       lambda g: gbt.nash.enummixed_solve(g, rational=False)),
            "quantecon": ([QG((Player(A), Player(B.T))) for A, B in pairs], support_enumeration),
        }
        load_kernel()  # govgames' compiled kernel (a sweep loads it after half a second)
        for objs, solve in runs.values():  # warm-up (imports, caches, QuantEcon's JIT)
            for g in objs[:20]:
                solve(g)
        times = {name: [] for name in runs}
        for _ in range(repeats):
            for name, (objs, solve) in runs.items():
                t0 = time.process_time()
                for g in objs:
                    solve(g)
                times[name].append((time.process_time() - t0) / count * 1e6)
        t = {name: np.array(v) for name, v in times.items()}
        med = {name: float(np.median(v)) for name, v in t.items()}
        print(f"{n:>3} {count:>5} {_mmm(t['govgames']):>20} {_mmm(t['gambit']):>20} "
              f"{_mmm(t['quantecon']):>20} {med['govgames'] / med['gambit']:>11.2f} "
              f"{med['govgames'] / med['quantecon']:>14.2f}")
    print("(ours/X < 1 means govgames is faster)")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small smoke run")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--versus-old", metavar="DIR",
                    help="time against the govgames tree at DIR instead (float games, n = 2..10)")
    ap.add_argument("--games", type=int, default=30, help="games per n for --versus-old")
    ap.add_argument("--reps", type=int, default=3, help="runs per game per round for --versus-old")
    ap.add_argument("--rounds", type=int, default=2, help="alternating rounds for --versus-old")
    ap.add_argument("--limit", type=float, default=1.2, help="ratio flagged by --versus-old")
    ap.add_argument("--versus-peers", action="store_true",
                    help="only CPU time per float game against pygambit and QuantEcon, n = 2..10, "
                         "min/median/max over --reps runs")
    ap.add_argument("--sizes", type=int, nargs="+", metavar="N",
                    help="only these n for --versus-peers (default 2..10; 2..5 with --quick)")
    args = ap.parse_args(argv)
    if args.versus_peers:
        ns = args.sizes or (range(2, 6) if args.quick else range(2, 11))
        versus_peers(ns, max(args.reps, 5), args.seed)
        return
    if args.versus_old:
        ns = range(2, 6) if args.quick else range(2, 11)
        versus_old(args.versus_old, ns, args.games, args.reps, args.rounds, args.seed, args.limit)
        return
    rng = np.random.default_rng(args.seed)
    print("available:", ", ".join(n for n, m in (("nashpy", nashpy), ("pygambit", gbt), ("quantecon", qe))
                                   if m is not None))
    if args.quick:
        part1(range(2, 6), 3, 2.0, rng)
        part2(10**5, 20, rng)
    else:
        part1(range(2, 11), 10, 20.0, rng)
        part2(10**6, 200, rng)


if __name__ == "__main__":
    main()
