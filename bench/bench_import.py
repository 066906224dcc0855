"""Benchmark: the CPU cost of importing govgames, against sympy + numpy.

Each measurement runs in a fresh interpreter (``subprocess``), so nothing is
cached between them; the CPU time of the import statement alone is measured
inside the child (``time.process_time``), min/median/max over repeats. The
target: ``import govgames`` costs at most the import of sympy + numpy plus
0.15 s, and networkx, z3 and matplotlib are loaded only when first used.

Run: ``python bench/bench_import.py [--quick]``.
"""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

CHILD = """
import sys, time
t0 = time.process_time()
{stmt}
dt = time.process_time() - t0
heavy = [m for m in ("networkx", "z3", "matplotlib", "solvers.nash", "games.extensive_form") if m in sys.modules]
print(dt, ",".join(heavy) or "-")
"""

CASES = [
    ("sympy + numpy (baseline)", "import sympy, numpy"),
    ("import govgames", "import govgames"),
    ("import solvers", "import solvers"),
    ("from solvers import equilibria", "from solvers import equilibria"),
    ("import govgames; gg.NormalFormGame", "import govgames as gg; gg.NormalFormGame"),
    ("import govgames; gg.equilibria", "import govgames as gg; gg.equilibria"),
]


def measure(stmt: str, repeats: int) -> tuple[list[float], str]:
    times, heavy = [], ""
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    for _ in range(repeats):
        out = subprocess.run([sys.executable, "-c", CHILD.format(stmt=stmt)], capture_output=True, text=True,
                             check=True, cwd=ROOT, env=env).stdout.split()
        times.append(float(out[0]))
        heavy = out[1]
    return times, heavy


def main(argv: list[str]) -> None:
    repeats = 3 if "--quick" in argv else 11
    med = {}
    print(f"CPU seconds of the import in a fresh interpreter, {repeats} repeats")
    for label, stmt in CASES:
        ts, heavy = measure(stmt, repeats)
        med[label] = float(np.median(ts))
        print(f"  {label:<38} min {min(ts):6.3f}  median {med[label]:6.3f}  max {max(ts):6.3f}  "
              f"loaded: {heavy}")
    base = med["sympy + numpy (baseline)"]
    for label in CASES[1:]:
        print(f"  {label[0]:<38} - baseline = {med[label[0]] - base:+6.3f} s (target <= +0.150 for import govgames)")


if __name__ == "__main__":
    main(sys.argv[1:])
