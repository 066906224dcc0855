"""Benchmark: sequence-form Lemke (govgames, exact) against pygambit's ``lcp_solve`` (sequence form).

* card games (Kuhn-style poker with k cards: ante 1, one bet of 1), k = 3 ... 13;
* signalling games: two equally likely types, m messages, the receiver guesses the type.

Both solvers are exact (pygambit with ``rational=True``, ``use_strategic=False``;
it returns one equilibrium on the sequence form). Prints sizes, times and the ratio govgames / pygambit.

Run: ``python bench/bench_sequence_form.py``.
"""

from __future__ import annotations

import itertools
import os
import tempfile
import time

import sympy

from games.extensive_form import GameTree, chance, decision, terminal
from games.io.efg import write_efg
from solvers.sequence_form import sequence_form, sequence_form_lemke


def card_game(k: int) -> GameTree:
    """Kuhn (1950) poker generalised to a deck of k ranked cards."""
    cards = [f"c{i}" for i in range(k)]
    deals = list(itertools.permutations(range(k), 2))
    p = sympy.Rational(1, len(deals))
    branches = {}
    for c1, c2 in deals:
        def show(pot, c1=c1, c2=c2):
            w = pot if c1 > c2 else -pot
            return terminal((w, -w))
        after_check = decision("P2", {
            "check": show(1),
            "bet": decision("P1", {"fold": terminal((-1, 1)), "call": show(2)}, infoset=f"1{cards[c1]}cb")},
            infoset=f"2{cards[c2]}c")
        after_bet = decision("P2", {"fold": terminal((1, -1)), "call": show(2)}, infoset=f"2{cards[c2]}b")
        branches[f"{cards[c1]}-{cards[c2]}"] = (p, decision("P1", {"check": after_check, "bet": after_bet},
                                                              infoset=f"1{cards[c1]}"))
    return GameTree.build(("P1", "P2"), chance(branches), name=f"card game {k}")


def signalling_game(m: int) -> GameTree:
    """Two types, m messages (message k costs the sender k/m), the receiver guesses the type."""
    msgs = [f"m{k}" for k in range(m)]

    def typ(t, w):
        return decision("S", {
            mm: decision("R", {"guess" + g: terminal((int(g == "a") * 2 - sympy.Rational(k, m) * w,
                                                      int(g == t))) for g in "ab"}, infoset=f"R{mm}")
            for k, mm in enumerate(msgs)}, infoset=f"S{t}")
    return GameTree.build(("S", "R"), chance({"a": ("1/3", typ("a", 1)), "b": ("2/3", typ("b", 3))}))


def timed(fn, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    try:
        import pygambit as gbt
    except ImportError:  # pragma: no cover
        gbt = None
    rows = [(f"cards k={k}", card_game(k)) for k in (3, 4, 6, 8, 10, 13)]
    rows += [(f"signal m={m}", signalling_game(m)) for m in (2, 4, 8, 16, 32)]
    print(f"{'game':<16}{'nodes':>7}{'seqs':>10}{'govgames s':>12}{'gambit s':>11}{'ratio':>8}")
    for name, tree in rows:
        sf = sequence_form(tree)
        t_gg = timed(lambda: sequence_form_lemke(tree))
        t_gb = float("nan")
        if gbt is not None:
            with tempfile.TemporaryDirectory() as d:
                path = os.path.join(d, "g.efg")
                write_efg(tree, path)
                g = gbt.read_efg(path)
                t_gb = timed(lambda: gbt.nash.lcp_solve(g, rational=True, use_strategic=False))
        print(f"{name:<16}{len(tree):>7}{str(sf.shape):>10}{t_gg:>12.3f}{t_gb:>11.3f}{t_gg / t_gb:>8.2f}")


if __name__ == "__main__":
    main()
