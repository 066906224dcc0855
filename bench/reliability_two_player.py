"""Reliability of two-player all-equilibria enumeration (not run in CI).

Run ``python bench/reliability_two_player.py --n 10000``. For N random
games of several families (random integers; degenerate ones with ties and
repeated rows; large-payoff games built like von Stengel's; float games at
scales 1e-30..1e30, and float games with ties) it compares
``equilibria(game)`` with an exact brute force (every choice of d
hyperplanes of each best-response polytope, solved with Fractions) and with
pygambit's ``enummixed_solve(rational=True)`` where it imports (integer
games; a float game's result must be the brute force's exact equilibria of
the floats' binary values, rounded), and prints
the miscounts, wrong equilibria (nonzero exact regret), refusals and hangs
(calls over ``--hang`` seconds).
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
import warnings
from collections import Counter
from fractions import Fraction
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from games.errors import UnsupportedGame  # noqa: E402
from games.normal_form import NormalFormGame  # noqa: E402
from solvers.nash import equilibria  # noqa: E402
from test_vertex_enumeration import brute_extreme_equilibria, exact_regret  # noqa: E402

warnings.simplefilter("ignore")
try:
    import pygambit as gbt
except Exception:  # optional oracle
    gbt = None


def family_random(rng):
    m, n = rng.integers(1, 7, size=2)
    return rng.integers(-9, 10, (m, n)), rng.integers(-9, 10, (m, n))


def family_degenerate(rng):
    m, n = rng.integers(2, 7, size=2)
    A, B = rng.integers(-1, 2, (m, n)), rng.integers(-1, 2, (m, n))
    if rng.random() < 0.5:
        A[-1], B[-1] = A[0], B[0]  # a repeated row
    if rng.random() < 0.5:
        B[:, 0] = B[:, -1]  # tied columns for the column player
    return A, B


def family_large(rng):
    # large payoffs of mixed sign and scale, as in von Stengel's constructions
    m, n = rng.integers(3, 7, size=2)
    rows = 10 ** rng.integers(3, 7, size=(m, 1))
    cols = 10 ** rng.integers(3, 7, size=(1, n))
    return rng.integers(-999, 1000, (m, n)) * rows, rng.integers(-999, 1000, (m, n)) * cols


def family_float(rng):
    # float payoffs at several scales (square ones take the float traversal from 5 x 5)
    m = rng.integers(2, 7)
    n = m if rng.random() < 0.5 else rng.integers(2, 7)
    scale = 10.0 ** rng.integers(-30, 31)
    return rng.standard_normal((m, n)) * scale, rng.standard_normal((m, n))


def family_float_ties(rng):
    # few distinct floats with long mantissas: many degenerate float games
    m, n = rng.integers(2, 7, size=2)
    return rng.integers(0, 3, (m, n)) * 0.1 + 0.3, rng.integers(0, 3, (m, n)) * 0.1 + 0.3


FAMILIES = {"random": family_random, "degenerate": family_degenerate, "large": family_large,
            "float": family_float, "float ties": family_float_ties}


class _Hang(Exception):
    pass


def _alarm(signum, frame):
    raise _Hang


def gambit_set(A, B):
    g = gbt.Game.from_arrays(A.tolist(), B.tolist())
    p1, p2 = list(g.players)
    out = set()
    for prof in gbt.nash.enummixed_solve(g, rational=True).equilibria:
        out.add((tuple(Fraction(str(prof[s])) for s in p1.strategies),
                 tuple(Fraction(str(prof[s])) for s in p2.strategies)))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10000, help="games per family")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--hang", type=float, default=30.0, help="seconds counted as a hang")
    args = ap.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    signal.signal(signal.SIGALRM, _alarm)
    for name, fam in FAMILIES.items():
        c = Counter()
        t0 = time.perf_counter()
        for _ in range(args.n):
            A, B = fam(rng)
            game = NormalFormGame.from_bimatrix(A.tolist(), B.tolist())
            signal.setitimer(signal.ITIMER_REAL, args.hang)
            try:
                eqs = equilibria(game)
            except _Hang:
                c["hangs"] += 1
                continue
            except UnsupportedGame:
                c["refusals"] += 1
                continue
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            c["games"] += 1
            Al, Bl = A.tolist(), B.tolist()
            if not eqs.complete:
                c["incomplete"] += 1
            if not game.is_exact:  # the floats' exact binary values
                Al = [[Fraction(v) for v in row] for row in Al]
                Bl = [[Fraction(v) for v in row] for row in Bl]
            brute = brute_extreme_equilibria(Al, Bl)
            if not game.is_exact:
                # the float result: the exact equilibria of the floats' binary values, rounded
                rounded = {tuple(tuple(float(v) for v in s) for s in prof) for prof in brute}
                if {e.profile for e in eqs} != rounded:
                    c["miscounts vs brute force"] += 1
                continue
            got = {tuple(tuple(Fraction(int(v.p), int(v.q)) for v in s) for s in e.profile)
                   for e in eqs}
            wrong = sum(exact_regret(Al, Bl, x, y) != (0, 0) for x, y in got)
            c["wrong equilibria"] += wrong
            if got != brute:
                c["miscounts vs brute force"] += 1
            if gbt is not None:
                try:
                    if gambit_set(A, B) != got:
                        c["differences vs gambit"] += 1
                except Exception:  # pygambit failing is its own statistic
                    c["gambit errors"] += 1
        dt = time.perf_counter() - t0
        keys = ("games", "miscounts vs brute force", "differences vs gambit", "wrong equilibria",
                "incomplete", "refusals", "hangs", "gambit errors")
        print(f"{name:>11}: " + ", ".join(f"{k} {c[k]}" for k in keys) + f"  ({dt:.1f} s)", flush=True)


if __name__ == "__main__":
    main()
