"""Numeric perfect-information trees: backward induction without sympy, tie-breaking, counting.

Vectorised backward induction over the depth levels of numpy arrays when
the subgame-perfect equilibrium is unique (or ties are broken
"first"/"last"), an iterative post-order enumeration over floats or
:class:`fractions.Fraction` otherwise, and :func:`count_subgame_perfect`,
the exact number of pure subgame-perfect equilibria without listing them.

References
----------
.. [1] H. W. Kuhn, "Extensive games and the problem of information",
   Contributions to the Theory of Games II (1953): backward induction.
.. [2] M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT
   Press 1994, Proposition 99.2 (a finite perfect-information game has a
   pure subgame-perfect equilibrium).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Mapping, Sequence

import sympy

from games.values import FLOAT_TOLERANCE
from games.errors import GameError, InvalidGame, fmt_error
from games.extensive_form import GameTree
from solvers.results import Result

__all__ = ["priority_function", "complete_order", "enumerate_perfect_information",
           "vectorized_backward_induction", "behavior_from_choices", "materialize_perfect_information",
           "verify_pure_perfect_information", "count_subgame_perfect", "SPECount"]

#: Relative tolerance for ties between float payoffs.


def priority_function(tie_break: Any) -> Callable[[str, tuple], tuple | None]:
    """Normalise ``tie_break`` to f(infoset, actions) -> actions in priority order, or None."""
    func = "subgame_perfect"
    if tie_break is None:
        return lambda h, acts: None
    if isinstance(tie_break, str):
        if tie_break == "first":
            return lambda h, acts: tuple(acts)
        if tie_break == "last":
            return lambda h, acts: tuple(reversed(acts))
        raise InvalidGame(fmt_error(func, "tie_break", "None, 'first', 'last', a sequence of preferred actions, "
                                    "a mapping infoset -> preferred actions, or a callable", tie_break))
    if callable(tie_break):
        def f(h, acts):
            order = tie_break(h, tuple(acts))
            return None if order is None else complete_order(order, acts, func)
        return f
    if isinstance(tie_break, Mapping):
        def f(h, acts):
            if h not in tie_break:
                return None
            return complete_order(tie_break[h], acts, func)
        return f
    if isinstance(tie_break, (list, tuple)):
        return lambda h, acts: complete_order(tie_break, acts, func)
    raise InvalidGame(fmt_error(func, "tie_break", "None, 'first', 'last', a sequence, a mapping or a callable",
                                tie_break))


def complete_order(order: Any, acts: Sequence[str], func: str) -> tuple:
    """``order`` (a label or labels) restricted to ``acts``, followed by the remaining actions.

    Examples
    --------
    >>> complete_order("b", ("a", "b", "c"), "subgame_perfect")
    ('b', 'a', 'c')
    """
    if isinstance(order, str):
        order = (order,)
    order = [a for a in order if a in acts]
    return tuple(order) + tuple(a for a in acts if a not in order)


def sympy_to_fraction(v: Any) -> Fraction:
    return Fraction(int(v.p), int(v.q))


def enumerate_perfect_information(tree: GameTree, prio, max_eq: int) -> tuple[list, bool]:
    """All SPE of a numeric perfect-information tree.

    Returns (solutions at the root, complete). A solution is
    ``(values, choice, kids)``: ``choice`` the chosen child position at a
    decision node (-1 otherwise), ``kids`` the chosen solution index of each child.
    """
    f = tree.flat
    exact = tree.is_exact
    n = len(f.hist)
    conv = sympy_to_fraction if exact else float
    sols: list = [None] * n
    complete = True
    for i in range(n - 1, -1, -1):
        k = f.kind[i]
        if k == "t":
            sols[i] = [(tuple(conv(v) for v in f.payoffs[i]), -1, ())]
            continue
        ch = f.children[i]
        lists = [sols[c] for c in ch]
        if all(len(s) == 1 for s in lists):
            combos = [(0,) * len(ch)]
        else:
            combos = itertools.product(*(range(len(s)) for s in lists))
        out = []
        if k == "c":
            probs = [conv(p) for p in f.probs[i]]
            for combo in combos:
                vals = [lists[j][combo[j]][0] for j in range(len(ch))]
                tot = tuple(sum(p * v[m] for p, v in zip(probs, vals)) for m in range(len(vals[0])))
                out.append((tot, -1, combo))
                if len(out) >= max_eq:
                    complete = False
                    break
        else:
            pl = f.player[i]
            order = prio(f.infoset[i], f.actions[i])
            for combo in combos:
                vals = [lists[j][combo[j]][0] for j in range(len(ch))]
                best = max(v[pl] for v in vals)
                if exact:
                    winners = [j for j, v in enumerate(vals) if v[pl] == best]
                else:
                    thr = best - FLOAT_TOLERANCE * (1.0 + abs(best))
                    winners = [j for j, v in enumerate(vals) if v[pl] >= thr]
                if order is not None and len(winners) > 1:
                    pos = {a: r for r, a in enumerate(order)}
                    winners = [min(winners, key=lambda j: pos[f.actions[i][j]])]
                for j in winners:
                    out.append((vals[j], j, combo))
                if len(out) >= max_eq:
                    complete = False
                    out = out[:max_eq]
                    break
        sols[i] = out
    return sols, complete


def vectorized_backward_induction(tree: GameTree, tie_mode: str | None):
    """Vectorised backward induction over depth levels (numpy, no sympy).

    Handles numeric perfect-information trees whose SPE is unique or whose
    ties are broken by ``tie_mode`` ("first"/"last"). Returns the chosen
    child of every decision node (-1 elsewhere) and the value matrix, or
    None when the tree needs the enumerating path (other ties; exact trees
    with chance moves or non-integer payoffs, which float64 cannot hold exactly).
    """
    import numpy as np
    A = tree.arrays()
    parent, depth, kind, player, prob = A["parent"], A["depth"], A["kind"], A["player"], A["prob"]
    V = A["payoffs"].copy()
    n = len(parent)
    exact = tree.is_exact
    if exact:
        if (kind == 2).any() or np.abs(V).max(initial=0) >= 2.0 ** 52:
            return None
        f = tree.flat
        if any(not v.is_Integer for vec in f.payoffs if vec is not None for v in vec):
            return None
    chosen = np.full(n, -1, dtype=np.int64)
    order = np.argsort(depth, kind="stable")  # by depth, preorder within a depth
    maxd = int(depth.max())
    bounds = np.searchsorted(depth[order], np.arange(maxd + 2))
    levels = []
    for d in range(maxd, 0, -1):
        C = order[bounds[d]:bounds[d + 1]]
        P = parent[C]
        new = np.empty(len(C), dtype=bool)
        new[0] = True
        new[1:] = P[1:] != P[:-1]
        starts = np.flatnonzero(new)
        seg = np.cumsum(new) - 1
        par = P[starts]
        kp = kind[par]
        dec = kp == 1
        ch = kp == 2
        levels.append((C, P, starts, par, dec, ch))
        if dec.any():
            score = V[C, np.maximum(player[P], 0)]
            segmax = np.maximum.reduceat(score, starts)
            thr = segmax if exact else segmax - FLOAT_TOLERANCE * (1.0 + np.abs(segmax))
            win = score >= thr[seg]
            nwin = np.add.reduceat(win.astype(np.int64), starts)
            if tie_mode not in ("first", "last") and (nwin[dec] > 1).any():
                return None
            pos = np.arange(len(C))
            if tie_mode == "last":
                pick = np.maximum.reduceat(np.where(win, pos, -1), starts)
            else:
                pick = np.minimum.reduceat(np.where(win, pos, len(C)), starts)
            chosen[par[dec]] = C[pick[dec]]
            V[par[dec]] = V[C[pick[dec]]]
        if ch.any():
            ev = np.add.reduceat(prob[C][:, None] * V[C], starts, axis=0)
            V[par[ch]] = ev[ch]
    # certificate: recompute the values along the chosen moves only, then check
    # that no decision node has a child worth more to its mover
    W = A["payoffs"].copy()
    for C, P, starts, par, dec, ch in levels:
        take = chosen[P] == C
        W[P[take]] = W[C[take]]
        if ch.any():
            ev = np.add.reduceat(prob[C][:, None] * W[C], starts, axis=0)
            W[par[ch]] = ev[ch]
        dk = kind[P] == 1
        if dk.any():
            pl = player[P[dk]]
            gain = W[C[dk], pl] - W[P[dk], pl]
            slack = 0.0 if exact else FLOAT_TOLERANCE * (1.0 + np.abs(W[P[dk], pl]))
            if (gain > slack).any():
                bad = int(P[dk][np.argmax(gain - slack)])
                raise GameError(f"subgame_perfect(): {tree.players[int(player[bad])]!r} gains by deviating at "
                                f"{tree.flat.hist[bad]!r}")
    return chosen, V


def behavior_from_choices(tree: GameTree, chosen, exact: bool) -> dict:
    """Pure behaviour profile from the chosen child of every decision node (see
    :func:`vectorized_backward_induction`): infoset -> {action: 1 or 0}."""
    f = tree.flat
    one, zero = (sympy.Integer(1), sympy.Integer(0)) if exact else (1.0, 0.0)
    beh = {}
    for i in range(len(f.hist)):
        if f.kind[i] == "d":
            a_star = f.hist[int(chosen[i])][-1]
            beh[f.infoset[i]] = {a: (one if a == a_star else zero) for a in f.actions[i]}
    return beh


def materialize_perfect_information(tree: GameTree, sols: list, root_sol: int, exact: bool) -> tuple[dict, tuple, tuple]:
    """Behaviour map, path and payoffs of one SPE from the solution tables."""
    f = tree.flat
    one, zero = (sympy.Integer(1), sympy.Integer(0)) if exact else (1.0, 0.0)
    beh: dict[str, dict[str, Any]] = {}
    stack = [(0, root_sol)]
    while stack:
        i, s = stack.pop()
        vals, choice, combo = sols[i][s]
        if f.kind[i] == "t":
            continue
        if f.kind[i] == "d":
            beh[f.infoset[i]] = {a: (one if j == choice else zero) for j, a in enumerate(f.actions[i])}
        for c, cs in zip(f.children[i], combo):
            stack.append((c, cs))
    beh = {h: beh[h] for h in f.infosets if h in beh}
    return beh


def verify_pure_perfect_information(tree: GameTree, beh: Mapping, exact: bool) -> None:
    """Fast one-shot-deviation check for pure SPE of numeric perfect-information trees."""
    f = tree.flat
    n = len(f.hist)
    conv = sympy_to_fraction if exact else float
    vals: list = [None] * n
    for i in range(n - 1, -1, -1):
        if f.kind[i] == "t":
            vals[i] = tuple(conv(v) for v in f.payoffs[i])
        elif f.kind[i] == "c":
            ps = [conv(p) for p in f.probs[i]]
            cv = [vals[c] for c in f.children[i]]
            vals[i] = tuple(sum(p * v[m] for p, v in zip(ps, cv)) for m in range(len(cv[0])))
        else:
            dist = beh[f.infoset[i]]
            chosen = [c for c, a in zip(f.children[i], f.actions[i]) if dist[a] == 1]
            if len(chosen) != 1:
                raise GameError(f"subgame_perfect(): behaviour at {f.infoset[i]!r} is not pure: {dist}")
            vals[i] = vals[chosen[0]]
            pl = f.player[i]
            best = max(vals[c][pl] for c in f.children[i])
            slack = 0 if exact else FLOAT_TOLERANCE * (1.0 + abs(best))
            if vals[i][pl] < best - slack:
                raise GameError(f"subgame_perfect(): {tree.players[pl]!r} gains by deviating at {f.hist[i]!r}")


# --------------------------------------------------------------------------
# counting
# --------------------------------------------------------------------------

#: Bound on the distinct payoff vectors kept at one node while counting.
MAX_DISTINCT_VALUES = 200_000


@dataclass(frozen=True, eq=False, repr=False)
class SPECount(Result):
    """The number of pure subgame-perfect equilibria of a perfect-information tree.

    Attributes
    ----------
    count : int
        Exact number of pure SPE (strategy profiles: an action at every
        decision node, on and off the path).
    payoffs : tuple of (tuple, int)
        Each distinct equilibrium payoff vector with the number of SPE
        giving it, in decreasing order of that number (exact
        :class:`~fractions.Fraction` values for exact trees, floats otherwise).
    exact : bool
        Whether the tree was exact (ties decided exactly).

    Examples
    --------
    >>> from games.catalog.trees import entry_deterrence
    >>> c = count_subgame_perfect(entry_deterrence())
    >>> c.count, c.payoffs
    (1, (((Fraction(2, 1), Fraction(2, 1)), 1),))
    >>> SPECount.from_dict(c.to_dict()) == c
    True
    """

    count: int
    payoffs: tuple
    exact: bool = True

    def _summary_items(self) -> list[tuple[str, Any]]:
        return [("count", self.count), ("payoff vectors", len(self.payoffs))]


def count_subgame_perfect(tree: GameTree) -> SPECount:
    """Count the pure subgame-perfect equilibria of a numeric perfect-information tree, without listing them.

    Every decision node of a perfect-information tree roots a subgame, so
    a pure SPE is a choice of an optimal action at every decision node,
    optimal given the choices below it. When every optimal action gives
    the same payoff vector, the count is the product over decision nodes of
    the number of optimal actions. In general ties pass different payoffs
    upwards, so the count is computed by a dynamic programme over the
    distinct payoff vectors at each node: at a decision node of player
    ``i`` with children ``k`` holding vectors ``v`` with multiplicities
    ``c_k(v)``, the vector ``v`` chosen at child ``j`` with ``v_i = M`` is
    counted ``c_j(v) * prod_{k != j} #{w at k: w_i <= M}`` times (every
    profile below in which ``j`` is among the mover's best replies); at a
    chance node the children's vectors are combined in expectation with
    multiplicities multiplied. Exact trees are counted exactly (Fractions);
    float trees treat payoffs within a relative ``FLOAT_TOLERANCE`` as ties.

    Parameters
    ----------
    tree : GameTree
        Numeric, with perfect information.

    Returns
    -------
    SPECount

    Raises
    ------
    UnsupportedGame
        Not a GameTree, symbolic, not of perfect information, or more than
        ``MAX_DISTINCT_VALUES`` distinct payoff vectors at a chance node.

    References
    ----------
    .. [1] H. W. Kuhn, "Extensive games and the problem of information",
       Contributions to the Theory of Games II (1953): backward induction.
    .. [2] M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT
       Press 1994, Proposition 99.2.

    Examples
    --------
    Every leaf pays 0, so each of the three decision nodes has two optimal
    actions: ``2**3`` pure SPE.

    >>> from games.extensive_form import decision, terminal
    >>> leaf = terminal((0,))
    >>> sub = lambda: decision("A", {"x": leaf, "y": leaf})
    >>> t = GameTree.build(("A",), decision("A", {"l": sub(), "r": sub()}))
    >>> count_subgame_perfect(t).count
    8
    """
    from games.errors import UnsupportedGame

    func = "count_subgame_perfect"
    if not isinstance(tree, GameTree):
        raise UnsupportedGame(fmt_error(func, "tree", "a GameTree", type(tree).__name__))
    if tree.is_symbolic:
        raise UnsupportedGame(fmt_error(func, "tree", "numeric payoffs and probabilities (symbolic trees: "
                                        "subgame_perfect lists the regimes)", sorted(map(str, tree.free_symbols))))
    if not tree.is_perfect_information:
        raise UnsupportedGame(fmt_error(func, "tree", "a tree with perfect information", tree.name or tree))
    f = tree.flat
    exact = tree.is_exact
    conv = sympy_to_fraction if exact else float
    n = len(f.hist)
    dicts: list = [None] * n
    for i in range(n - 1, -1, -1):
        k = f.kind[i]
        if k == "t":
            dicts[i] = {tuple(conv(v) for v in f.payoffs[i]): 1}
            continue
        kids = [dicts[c] for c in f.children[i]]
        for c in f.children[i]:
            dicts[c] = None  # free memory
        if k == "c":
            acc: dict = {None: 1}
            for p, d in zip((conv(q) for q in f.probs[i]), kids):
                nxt: dict = {}
                for base, cb in acc.items():
                    for v, cv in d.items():
                        w = tuple(p * x for x in v) if base is None else tuple(b + p * x for b, x in zip(base, v))
                        nxt[w] = nxt.get(w, 0) + cb * cv
                if len(nxt) > MAX_DISTINCT_VALUES:
                    raise UnsupportedGame(fmt_error(func, "tree", f"at most {MAX_DISTINCT_VALUES} distinct payoff "
                                                    "vectors at a chance node", f"more at {f.hist[i]!r}"))
                acc = nxt
            dicts[i] = acc
            continue
        pl = f.player[i]
        # per child: sorted mover payoffs with cumulative counts, for #{w: w_pl <= M}
        cums = []
        for d in kids:
            items = sorted(((v[pl], c) for v, c in d.items()), key=lambda t: t[0])
            xs, cs, tot = [], [], 0
            for x, c in items:
                tot += c
                xs.append(x)
                cs.append(tot)
            cums.append((xs, cs))

        def at_most(child: int, M: Any) -> int:
            xs, cs = cums[child]
            lim = M if exact else M + FLOAT_TOLERANCE * (1.0 + abs(M))
            lo, hi = 0, len(xs)
            while lo < hi:
                mid = (lo + hi) // 2
                if xs[mid] <= lim:
                    lo = mid + 1
                else:
                    hi = mid
            return cs[lo - 1] if lo else 0
        out: dict = {}
        for j, d in enumerate(kids):
            for v, c in d.items():
                M = v[pl]
                mult = c
                for k2 in range(len(kids)):
                    if k2 != j:
                        mult *= at_most(k2, M)
                        if not mult:
                            break
                if mult:
                    out[v] = out.get(v, 0) + mult
        dicts[i] = out
    root = dicts[0]
    pays = tuple(sorted(root.items(), key=lambda t: -t[1]))
    return SPECount(sum(root.values()), pays, exact=tree.is_exact)
