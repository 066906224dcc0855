"""Benchmark: symbolic stability tables and batched replicator trajectories.

* Stability table of the 3-population, 2-strategy ``collective_inaction``
  game (14 parameters): the full symbolic table
  (``stability(replicator(game))``: every rest point, conditions
  simplified), the same with ``simplify=False``, and the vertex rows alone
  (Jacobian at the 8 vertices -- diagonal in reduced coordinates -- and the
  stable condition of each, simplified on the space). Target: < 2 s.
* 10 000 trajectories to t = 50 with ``solvers.simulation.simulate`` (batched
  RK4, dt = 0.05) against a loop of ``scipy.integrate.solve_ivp`` (RK45),
  one call per trajectory, timed on 100 trajectories and extrapolated.
  Targets: < 5 s and >= 20x faster. The end states are cross-checked.

Run: ``python bench/bench_dynamics.py [--quick]`` (``--quick``: 1 000
trajectories, 20 solve_ivp calls, and the full table only with
``simplify=False``).
"""

from __future__ import annotations

import sys
import time

import numpy as np
import sympy
from scipy.integrate import solve_ivp

from games.catalog.collective_inaction import SPACE, collective_inaction
from games.conditions import simplify_condition
from solvers.replicator import replicator
from solvers.simulation import sample_states, simulate
from solvers.stability import stability


def vertex_rows(dyn):
    """(vertex, eigenvalues, stable condition) for every vertex of a multi-population 2-strategy game."""
    rows = []
    for v in dyn.vertices():
        J = dyn.jacobian.xreplace(dict(zip(dyn.state, v)))
        eig = tuple(sympy.factor(J[i, i]) for i in range(J.rows))
        if not J.is_diagonal():  # never for 2-strategy populations; kept honest
            eig = tuple(J.eigenvals(multiple=True))
        cond = simplify_condition(sympy.And(*(sympy.Lt(e, 0) for e in eig)), dyn.space)
        rows.append((v, eig, cond))
    return rows


def main(quick: bool = False) -> None:
    game = collective_inaction()
    n_par = len(game.space)

    t0 = time.perf_counter()
    dyn = replicator(game)
    t_rep = time.perf_counter() - t0

    t0 = time.perf_counter()
    rows = vertex_rows(dyn)
    t_vert = time.perf_counter() - t0
    n_stable_possible = sum(c is not sympy.false for _, _, c in rows)

    t0 = time.perf_counter()
    tab_fast = stability(dyn, simplify=False)
    t_fast = time.perf_counter() - t0
    print(f"replicator(collective_inaction): {n_par} parameters, built in {t_rep:.3f} s")
    print(f"vertex rows (8 vertices, eigenvalues + simplified stable conditions): {t_vert:.3f} s "
          f"({n_stable_possible} vertices can be stable)  target < 2 s: {'OK' if t_vert < 2 else 'MISSED'}")
    print(f"full table stability(dyn, simplify=False): {t_fast:.2f} s, {len(tab_fast)} rows, "
          f"complete={tab_fast.complete}  target < 2 s: {'OK' if t_fast < 2 else 'MISSED'}")
    if not quick:
        t0 = time.perf_counter()
        tab = stability(dyn)
        t_full = time.perf_counter() - t0
        print(f"full table stability(dyn) (simplified conditions): {t_full:.2f} s, {len(tab)} rows  "
              f"target < 2 s: {'OK' if t_full < 2 else 'MISSED'}")
        # the vertex fast path agrees with the full table
        for v, _, cond in rows:
            full = tab.find(v).condition
            assert simplify_condition(sympy.Xor(full, cond), dyn.space) is sympy.false, v

    # --- trajectories ---------------------------------------------------------
    point = {p.name: sympy.Rational(str(p.default)) for p in SPACE.parameters}
    n = 1_000 if quick else 10_000
    n_loop = 20 if quick else 100
    X0 = sample_states(dyn, n, rng=1)
    simulate(dyn, point, X0[:2], 1.0)  # warm the lambdify cache (compiled once per point)
    t0 = time.perf_counter()
    tr = simulate(dyn, point, X0, 50.0)
    t_rk4 = time.perf_counter() - t0
    f = dyn.lambdify(point)

    def rhs(_t, y):
        return f(y[None, :])[0]

    t0 = time.perf_counter()
    ends = []
    for x in X0[:n_loop]:
        sol = solve_ivp(rhs, (0.0, 50.0), x, rtol=1e-6, atol=1e-9)
        ends.append(sol.y[:, -1])
    t_loop = (time.perf_counter() - t0) * n / n_loop
    err = float(np.max(np.abs(np.array(ends) - tr.final[:n_loop])))
    print(f"{n} trajectories to t=50, simulate (batched RK4, dt=0.05): {t_rk4:.2f} s  "
          f"target < 5 s: {'OK' if t_rk4 < 5 else 'MISSED'}")
    print(f"solve_ivp loop (RK45, timed on {n_loop}, extrapolated to {n}): {t_loop:.1f} s  "
          f"ratio {t_loop / t_rk4:.0f}x  target >= 20x: {'OK' if t_loop / t_rk4 >= 20 else 'MISSED'}")
    print(f"max |end state difference| RK4 vs solve_ivp on {n_loop} starts: {err:.1e}")


if __name__ == "__main__":
    main(quick="--quick" in sys.argv[1:])
