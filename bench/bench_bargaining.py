"""Benchmark: symbolic deadline closed forms (T = 1..50, indefinite) and numeric T = 10**4.

Run: ``python bench/bench_bargaining.py``. Targets: each symbolic closed form < 0.5 s;
numeric T = 10**4 < 0.1 s.
"""

from __future__ import annotations

import time

from games.bargaining import AlternatingOffers
from games.parameters import ParameterSpace
from solvers.bargaining import bargain


def main() -> dict:
    s = ParameterSpace({"dG": "(0, 1)", "dS": "(0, 1)"})
    worst = 0.0
    for T in list(range(1, 51)) + [None]:
        t0 = time.perf_counter()
        bargain(AlternatingOffers(("dG", "dS"), horizon=T, space=s))
        worst = max(worst, time.perf_counter() - t0)
    t0 = time.perf_counter()
    out = bargain(AlternatingOffers((0.9, 0.8), horizon=10**4))
    numeric = time.perf_counter() - t0
    res = {"symbolic_worst_s": worst, "numeric_T1e4_s": numeric, "share": float(out.shares[0])}
    print(res)
    return res


if __name__ == "__main__":
    main()
