"""Benchmark: building a game from numeric arrays and finding its pure equilibria.

For each game (random integer payoffs; the same game handed to every
library): CPU time of building the game and finding all pure Nash
equilibria, min/median/max over repeats, for

* govgames: ``pure_equilibria(NormalFormGame(P))`` from an int64 array
  (exact: Integers, verified exactly), a Python list of ints (exact) and the
  float64 array (float);
* QuantEcon: ``pure_nash_brute(NormalFormGame(P))`` (float, no certificate);
* nashpy (two players only): ``Game(A, B)`` and ``is_best_response`` at every
  pure profile.

The equilibria found are checked to be the same profiles. The ratios printed
are govgames / peer for the min, median and max CPU time over the repeats
(below 1 govgames is faster), and at the end, for each govgames variant, the
min/median/max over the games of the median ratio against QuantEcon.

Run: ``python bench/bench_build.py [--quick]``.
"""

from __future__ import annotations

import itertools
import sys
import time

import numpy as np

from games.normal_form import NormalFormGame
from solvers.pure import pure_equilibria


def _cpu(fn, repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        t0 = time.process_time()
        fn()
        out.append(time.process_time() - t0)
    return out


def _stats(ts: list[float]) -> str:
    return f"min {min(ts) * 1e3:8.3f} ms  median {float(np.median(ts)) * 1e3:8.3f} ms  max {max(ts) * 1e3:8.3f} ms"


def _profiles_ours(eqs) -> set:
    return {tuple(int(next(j for j, x in enumerate(v) if x == 1)) for v in e.profile) for e in eqs}


def _quantecon(P: np.ndarray):
    import quantecon.game_theory as qe

    n = P.ndim - 1
    # QuantEcon's player i payoff array is indexed (own action, then the others in cyclic order)
    players = [qe.Player(np.transpose(P[..., i], [(i + k) % n for k in range(n)])) for i in range(n)]
    return qe.NormalFormGame(players)


def _nashpy_pure(P: np.ndarray) -> set:
    import nashpy

    A, B = P[..., 0].astype(float), P[..., 1].astype(float)
    g = nashpy.Game(A, B)
    found = set()
    for r, c in itertools.product(range(A.shape[0]), range(A.shape[1])):
        x, y = np.eye(A.shape[0])[r], np.eye(A.shape[1])[c]
        if all(g.is_best_response(x, y)):
            found.add((r, c))
    return found


def _ratios(ts: list[float], peer: list[float]) -> str:
    return (f"min {min(ts) / min(peer):5.2f}  median {np.median(ts) / np.median(peer):5.2f}  "
            f"max {max(ts) / max(peer):5.2f}")


def bench(shape: tuple, repeats: int, seed: int = 0) -> dict:
    """Time one random game; returns {govgames variant: median ratio against QuantEcon}."""
    n = len(shape)
    P = np.random.default_rng(seed).integers(-99, 100, shape + (n,))
    print(f"{n} players, shape {'x'.join(map(str, shape))} ({P.size} payoffs); CPU time over {repeats} repeats")
    want = _profiles_ours(pure_equilibria(NormalFormGame(P)))
    rows = {}
    summary: dict[str, float] = {}
    for label, data in (("govgames int64 array (exact)", P), ("govgames list of ints (exact)", P.tolist()),
                        ("govgames float64 array", P.astype(np.float64))):
        assert _profiles_ours(pure_equilibria(NormalFormGame(data))) == want
        rows[label] = _cpu(lambda: pure_equilibria(NormalFormGame(data)), repeats)
        print(f"  {label:<34} {_stats(rows[label])}")
    try:
        import quantecon.game_theory as qe
    except ImportError:
        print("  quantecon not installed")
    else:
        qe.pure_nash_brute(_quantecon(P))  # numba compilation
        got = {tuple(int(a) for a in p) for p in qe.pure_nash_brute(_quantecon(P.astype(float)))}
        if got != want:
            raise AssertionError(f"QuantEcon and govgames disagree: {sorted(got)} vs {sorted(want)}")
        peer = _cpu(lambda: qe.pure_nash_brute(_quantecon(P.astype(float))), repeats)
        print(f"  {'QuantEcon pure_nash_brute':<34} {_stats(peer)}")
        for label, ts in rows.items():
            print(f"    ratio {label:<34} / QuantEcon: {_ratios(ts, peer)}")
        summary = {label: float(np.median(ts) / np.median(peer)) for label, ts in rows.items()}
    if n == 2:
        try:
            import nashpy  # noqa: F401
        except ImportError:
            return summary
        if _nashpy_pure(P) != want:
            raise AssertionError("nashpy and govgames disagree")
        peer = _cpu(lambda: _nashpy_pure(P), repeats)
        print(f"  {'nashpy Game + is_best_response':<34} {_stats(peer)}")
        for label, ts in rows.items():
            print(f"    ratio {label:<34} / nashpy:    {_ratios(ts, peer)}")
    return summary


#: Small games (where fixed costs dominate) and larger ones.
SHAPES = ((2, 2), (3, 10), (5, 4), (10, 10), (2, 2, 2), (3, 3, 3), (10, 10, 10), (2, 2, 2, 2), (4, 4, 4, 4, 4))


def main(argv: list[str]) -> None:
    repeats = 5 if "--quick" in argv else 21
    ratios: dict[str, list[float]] = {}
    for shape in SHAPES:
        for label, r in bench(shape, repeats).items():
            ratios.setdefault(label, []).append(r)
    if ratios:
        print(f"median ratio against QuantEcon over the {len(SHAPES)} games (min / median / max):")
        for label, rs in ratios.items():
            print(f"  {label:<34} {min(rs):5.2f} / {np.median(rs):5.2f} / {max(rs):5.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
