"""CPU time of ``govgames analyze`` (default model, figures included); target < 3 s.

Runs the analysis in a fresh interpreter (imports included, as a user's
command would) and prints the CPU time of the child process, plus the same
analysis without figures for comparison.

    python3 bench/bench_analyze.py [MODEL ...]
"""

from __future__ import annotations

import os
import resource
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


def main(models: list[str]) -> None:
    with tempfile.TemporaryDirectory() as out:
        for model in models or [None]:
            args = ["analyze"] + ([model] if model else []) + ["--quiet"]
            full = cpu_of(args + ["--out", out])
            bare = cpu_of(args + ["--no-figures"])
            name = model or "default model"
            flag = "ok" if full < TARGET else f"over the {TARGET:g} s target"
            print(f"{name:35s} with figures {full:5.2f} s CPU ({flag}); without figures {bare:5.2f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
