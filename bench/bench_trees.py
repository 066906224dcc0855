"""Benchmark: subgame-perfect equilibria of game trees.

* random numeric perfect-information trees of about 10^3, 10^4 and 10^5
  nodes (float payoffs, and exact integer payoffs): time of
  ``subgame_perfect`` (target: 10^5 nodes < 2 s);
* the symbolic resistance–negotiation model: full case split, and the
  outcome regimes (target < 2 s);
* the sequence form against pygambit's ``lcp_solve`` (``use_strategic=False``,
  ``rational=True``) on card games with k cards and signalling games with m
  messages (builders in ``bench_sequence_form.py``): one exact equilibrium by
  ``sequence_form_lemke``, and ``subgame_perfect`` (which enumerates the
  extreme equilibria within its budget); prints the ratio govgames / pygambit
  (target: within 3x);
* counting pure SPE of full tic-tac-toe (549,946 nodes): exact count and value.

Run: ``python bench/bench_trees.py`` (prints one line per case).
"""

from __future__ import annotations

import sys
import time

import numpy as np

from games.catalog.resistance_negotiation import resistance_negotiation
from games.extensive_form import GameTree
from solvers.backward_induction import outcome_regimes, subgame_perfect
from solvers.sequence_form import sequence_form, sequence_form_lemke
from solvers.trees import count_subgame_perfect


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
    sequence_form_vs_gambit()
    tic_tac_toe_count()


def sequence_form_vs_gambit() -> None:
    import io
    import os
    import warnings

    sys.path.insert(0, os.path.dirname(__file__))
    from bench_sequence_form import card_game, signalling_game

    from games.io.efg import format_efg
    try:
        import pygambit as gbt
    except ImportError:  # pragma: no cover
        print("pygambit not installed: sequence-form comparison skipped")
        return
    rows = [(f"cards k={k}", card_game(k)) for k in (3, 4, 6, 8, 10, 13)]
    rows += [(f"signal m={m}", signalling_game(m)) for m in (2, 4, 8, 16, 32)]
    print(f"{'game':<14}{'nodes':>7}{'seqs':>10}{'lemke s':>9}{'gambit s':>10}{'ratio':>7}{'SPE s':>8}"
          f"{'#SPE':>6}  same payoff")
    for name, tree in rows:
        sf = sequence_form(tree)
        t_gg = _time(lambda: sequence_form_lemke(tree), repeat=3)
        ours = sequence_form_lemke(tree)[0]
        g = gbt.read_efg(io.StringIO(format_efg(tree)))
        t_gb = _time(lambda: gbt.nash.lcp_solve(g, rational=True, use_strategic=False), repeat=3)
        theirs = gbt.nash.lcp_solve(g, rational=True, use_strategic=False).equilibria[0]
        same = [str(ours.payoffs[i]) == str(theirs.payoff(p)) for i, p in enumerate(g.players)]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t0 = time.perf_counter()
            spe = subgame_perfect(tree, time_limit=120)
            t_spe = time.perf_counter() - t0
        print(f"{name:<14}{len(tree):>7}{str(sf.shape):>10}{t_gg:>9.3f}{t_gb:>10.3f}{t_gg / t_gb:>7.2f}"
              f"{t_spe:>8.2f}{len(spe):>6}{'' if spe.complete else '+'}  {all(same)}")
        sys.stdout.flush()


def tic_tac_toe_count() -> None:
    from games.extensive_form import decision, terminal
    lines = [(0, 1, 2), (3, 4, 5), (6, 7, 8), (0, 3, 6), (1, 4, 7), (2, 5, 8), (0, 4, 8), (2, 4, 6)]

    def node(board, ply):
        for a, b, c in lines:
            if board[a] != "." and board[a] == board[b] == board[c]:
                w = 1 if board[a] == "X" else -1
                return terminal((w, -w))
        free = [k for k in range(9) if board[k] == "."]
        if not free:
            return terminal((0, 0))
        mark = "X" if ply % 2 == 0 else "O"
        return decision(mark, {str(k): node(board[:k] + mark + board[k + 1:], ply + 1) for k in free})
    t0 = time.perf_counter()
    tree = GameTree.build(("X", "O"), node("." * 9, 0))
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    c = count_subgame_perfect(tree)
    t_count = time.perf_counter() - t0
    print(f"tic-tac-toe nodes={len(tree)} build {build:.1f} s, count {t_count:.1f} s: "
          f"{c.count:.3e} pure SPE, payoffs {[(tuple(map(str, v)), n == c.count) for v, n in c.payoffs]}")


if __name__ == "__main__":
    main()
