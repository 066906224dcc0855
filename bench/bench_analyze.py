"""CPU time of ``govgames analyze`` (default model, figures included); target < 3 s.

Runs the analysis in a fresh interpreter (imports and interpreter shutdown
included, as a user's command would) and prints the CPU time of the child
process, min/median/max over repeats, plus the same analysis without figures
for comparison.

    python3 bench/bench_analyze.py [--repeats N] [MODEL ...]
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile

TARGET = 3.0


def cpu_of(argv: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "govgames", *argv], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, env={**os.environ, "MPLBACKEND": "Agg"})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _stats(ts: list[float]) -> str:
    return f"min {min(ts):5.2f}  median {statistics.median(ts):5.2f}  max {max(ts):5.2f} s"


def main(argv: list[str]) -> None:
    repeats = 3
    if "--repeats" in argv:
        k = argv.index("--repeats")
        repeats = int(argv[k + 1])
        argv = argv[:k] + argv[k + 2:]
    with tempfile.TemporaryDirectory() as out:
        for model in argv or [None]:
            args = ["analyze"] + ([model] if model else []) + ["--quiet"]
            full, bare = [], []
            for _ in range(repeats):
                full.append(cpu_of(args + ["--out", out]))
                bare.append(cpu_of(args + ["--no-figures"]))
            name = model or "default model"
            flag = "ok" if statistics.median(full) < TARGET else f"over the {TARGET:g} s target"
            print(f"{name} ({repeats} runs), CPU time with figures: {_stats(full)} ({flag})")
            print(f"{'':{len(name)}}  without figures: {_stats(bare)}")


if __name__ == "__main__":
    main(sys.argv[1:])
