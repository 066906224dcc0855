"""Benchmark: subgame-perfect equilibria of game trees.

* random numeric perfect-information trees of about 10^3, 10^4 and 10^5
  nodes (float payoffs, and exact integer payoffs): time of
  ``subgame_perfect`` (target: 10^5 nodes < 2 s);
* the symbolic resistance–negotiation model: full case split, and the
  outcome regimes (target < 2 s).

Run: ``python bench/bench_trees.py`` (prints one line per case).
"""

from __future__ import annotations

import sys
import time

import numpy as np

from games.catalog.resistance_negotiation import resistance_negotiation
from games.extensive_form import GameTree
from solvers.backward_induction import outcome_regimes, subgame_perfect


def random_tree(n_nodes: int, *, exact: bool = False, rng=None, n_players: int = 2,
                max_actions: int = 4) -> GameTree:
    """A random perfect-information tree with about ``n_nodes`` nodes (built breadth first)."""
    gen = np.random.default_rng(rng)
    import networkx as nx
    g = nx.DiGraph()
    players = tuple(f"P{i + 1}" for i in range(n_players))
    g.add_node(0)
    frontier = [0]
    count = 1
    nxt = 1
    while frontier and count < n_nodes:
        new = []
        for u in frontier:
            if count >= n_nodes:
                break
            k = int(gen.integers(2, max_actions + 1))
            g.nodes[u]["player"] = players[int(gen.integers(n_players))]
            for a in range(k):
                g.add_edge(u, nxt, action=f"a{a}")
                new.append(nxt)
                nxt += 1
            count += k
        frontier = new
    for u in g.nodes:
        if g.out_degree(u) == 0:
            g.nodes[u].pop("player", None)
            pay = gen.integers(-10**6, 10**6 + 1, size=n_players) if exact else gen.random(n_players)
            g.nodes[u]["payoffs"] = tuple(int(x) for x in pay) if exact else tuple(float(x) for x in pay)
    return GameTree(g, players, name=f"random tree ({count} nodes)")


def _time(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    for n in (10**3, 10**4, 10**5):
        for exact in (False, True):
            t0 = time.perf_counter()
            tree = random_tree(n, exact=exact, rng=0)
            build = time.perf_counter() - t0
            solve = _time(lambda: subgame_perfect(tree), repeat=3 if n < 10**5 else 2)
            print(f"numeric PI tree  nodes={len(tree):>6}  {'exact' if exact else 'float'}  "
                  f"build {build:6.3f} s  SPE {solve:6.3f} s")
    tree = resistance_negotiation()
    t_split = _time(lambda: subgame_perfect(tree), repeat=1)
    spe = subgame_perfect(tree)
    t_reg = _time(lambda: outcome_regimes(spe), repeat=1)
    t_tb = _time(lambda: subgame_perfect(tree, tie_break=("Obey", "Accept", "Command")), repeat=1)
    print(f"resistance-negotiation symbolic: case split {t_split:.3f} s ({len(spe)} SPE), "
          f"outcome regimes {t_reg:.3f} s ({len(outcome_regimes(spe))} outcomes), "
          f"with tie-break {t_tb:.3f} s")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
