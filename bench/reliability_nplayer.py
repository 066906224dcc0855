"""Reliability of n-player support enumeration on random exact 2x2x2 and 3x2x2 games.

Each game (integer payoffs in [-5, 5]) is solved by govgames (with a time
limit per game), by an exact brute force written here (sympy.solve on every
support profile, exact sign checks) and by pygambit's enumpoly_solve. Printed:
games whose equilibrium sets differ from the brute force (miscounts), any
returned profile that is not an equilibrium (wrong), refusals, time-outs
(hangs), degenerate games (a continuum; compared only on the isolated
equilibria both report), and pygambit equilibria missing from ours or ours
missing from pygambit.

    python3 bench/reliability_nplayer.py --n 10000 [--time-limit 20]
"""

from __future__ import annotations

import argparse
import itertools
import time
import warnings

import numpy as np
import sympy


def brute_force(P):
    """Exact isolated equilibria of an integer game; returns (set of profiles, has_continuum)."""
    shape = P.shape[:-1]
    n = len(shape)
    found, continuum = set(), False
    subsets = [[c for k in range(1, m + 1) for c in itertools.combinations(range(m), k)]
               for m in shape]
    for supp in itertools.product(*subsets):
        syms, probs = [], []
        for i, S in enumerate(supp):
            xs = sympy.symbols(f"q{i}_0:{len(S)}")
            syms += xs
            probs.append(dict(zip(S, xs)))

        def u(i, own, mix):
            tot = 0
            others = [j for j in range(n) if j != i]
            for combo in itertools.product(*(list(mix[j]) for j in others)):
                prof = [0] * n
                prof[i] = own
                w = 1
                for j, s in zip(others, combo):
                    prof[j] = s
                    w *= mix[j][s]
                tot += w * int(P[tuple(prof) + (i,)])
            return tot

        v = sympy.symbols(f"v0:{n}")
        eqs = [sum(d.values()) - 1 for d in probs]
        for i, S in enumerate(supp):
            eqs += [u(i, s, probs) - v[i] for s in S]
        sols = sympy.solve(eqs, list(syms) + list(v), dict=True)
        for sol in sols:
            if any(x not in sol or sol[x].free_symbols for x in syms):
                # a continuum: keep it if some point on it could be an equilibrium
                continuum = True
                continue
            if any(not sol[x].is_real for x in syms):
                continue
            if any(sol[x] <= 0 for x in syms):
                continue
            mix = [{s: sol[x] for s, x in d.items()} for d in probs]
            ok = all(u(i, t, mix) <= sol[v[i]] for i in range(n) for t in range(shape[i])
                     if t not in supp[i])
            if ok:
                prof = tuple(tuple(sympy.nsimplify(mix[i].get(t, 0)) for t in range(shape[i]))
                             for i in range(n))
                found.add(prof)
    return found, continuum


def _key(prof):
    return tuple(round(float(sympy.N(p, 30)), 9) for s in prof for p in s)


def main() -> None:
    import pygambit as gbt

    from games.errors import GovgamesWarning, UnsupportedGame
    from games.normal_form import NormalFormGame
    from solvers.support_enumeration import support_enumeration

    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--time-limit", type=float, default=20.0)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    warnings.simplefilter("ignore", GovgamesWarning)
    rng = np.random.default_rng(args.seed)
    stats = dict(games=0, miscount=0, wrong=0, refused=0, hangs=0, degenerate=0,
                 incomplete_nondegenerate=0, gambit_missing_from_ours=0, ours_missing_from_gambit=0)
    t0 = time.time()
    for k in range(args.n):
        shape = (2, 2, 2) if k % 2 == 0 else (3, 2, 2)
        P = rng.integers(-5, 6, shape + (3,))
        game = NormalFormGame(P.tolist())
        stats["games"] += 1
        try:
            res = support_enumeration(game, time_limit=args.time_limit)
        except UnsupportedGame:
            stats["hangs"] += 1
            print("HANG", P.tolist(), flush=True)
            continue
        except Exception as exc:  # noqa: BLE001 - counted and shown
            stats["refused"] += 1
            print("REFUSED", type(exc).__name__, exc, P.tolist(), flush=True)
            continue
        for e in res:
            if any(r != 0 for r in e.regret(game)) and \
                    any(abs(float(sympy.N(r, 50))) > 1e-40 for r in e.regret(game)):
                stats["wrong"] += 1
                print("WRONG", e.profile, P.tolist(), flush=True)
        ours = {_key(e.profile) for e in res}
        brute, cont = brute_force(P)
        brute_keys = {_key(p) for p in brute}
        if res.degenerate or cont:
            stats["degenerate"] += 1
            # isolated points found by both must agree where both claim them
            if not brute_keys <= ours and not res.degenerate:
                stats["miscount"] += 1
                print("MISCOUNT(degenerate)", P.tolist(), sorted(ours), sorted(brute_keys))
        else:
            if not res.complete:
                stats["incomplete_nondegenerate"] += 1
            if ours != brute_keys:
                stats["miscount"] += 1
                print("MISCOUNT", P.tolist(), sorted(ours), sorted(brute_keys), flush=True)
        g = gbt.Game.from_arrays(*[P[..., i] for i in range(3)])
        theirs = {tuple(round(float(prof[s]), 9) for p in g.players for s in p.strategies)
                  for prof in gbt.nash.enumpoly_solve(g).equilibria}
        close = lambda a, B: any(max(abs(x - y) for x, y in zip(a, b)) < 1e-6 for b in B)
        if not res.degenerate:
            stats["gambit_missing_from_ours"] += sum(1 for t in theirs if not close(t, ours))
            stats["ours_missing_from_gambit"] += sum(1 for o in ours if not close(o, theirs))
        if (k + 1) % 10 == 0:
            print(f"{k + 1} games, {time.time() - t0:.0f} s: {stats}", flush=True)
    print(f"done: {stats} in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
