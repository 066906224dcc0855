"""Subgame-perfect equilibria of game trees by backward induction.

:func:`subgame_perfect` solves a :class:`~games.extensive_form.GameTree`
from its last subgames up. At a decision node that roots a subgame the mover
picks a payoff-maximising action; with symbolic payoffs a comparison that
the symbols' assumptions settle is decided at once, and any other splits
the current regime in two (``u_j >= u_k`` and the rest), each kept only if
it is satisfiable on the parameter space *within the regime* (z3, through
one incremental solver per solve; non-polynomial conditions go to
:func:`games.conditions.is_satisfiable`). So every equilibrium comes with
the exact condition under which it is subgame perfect, with conjuncts
implied by the others dropped. Subgames with imperfect information are
solved in their reduced strategic form by :func:`solvers.nash.equilibria`
(each distinct strategic form once) and combined; their equilibria are
turned into behaviour strategies (Kuhn) and reported once per behaviour
profile. Chance moves are averaged, exactly where the input is exact. The
equilibrium path is a tuple of :class:`PathStep` (who moves, with which
probabilities), the plain action sequence when play is pure and has no chance.

Numeric trees with perfect information take a fast path without sympy:
vectorised backward induction over the depth levels of numpy arrays when the
SPE is unique (or ties are broken "first"/"last"), otherwise an iterative
post-order enumeration over floats or :class:`fractions.Fraction` (exact
trees). A float tree of 10^5 nodes solves in well under a second.

References
----------
.. [1] R. Selten, "Spieltheoretische Behandlung eines Oligopolmodells mit
   Nachfrageträgheit", Zeitschrift für die gesamte Staatswissenschaft 121
   (1965): subgame perfection.
.. [2] H. W. Kuhn, "Extensive games and the problem of information",
   Contributions to the Theory of Games II (1953): backward induction.
.. [3] M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT
   Press 1994, ch. 6 (one-deviation property) and ch. 11.
"""

from __future__ import annotations

import itertools
import warnings
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Mapping, Sequence

import sympy

from games.errors import GameError, GovgamesWarning, InvalidGame, UnsupportedGame, fmt_error
from games.extensive_form import GameTree
from games import conditions as _cond
from solvers.equilibrium import Equilibrium, EquilibriumSet
from solvers.limits import TimeLimitExceeded, call_with_time_limit, check_time_limit

__all__ = ["subgame_perfect", "PathStep", "OutcomeRegime", "outcome_regimes", "verify_subgame_perfect"]

#: Default cap on the number of equilibria enumerated (ties multiply them).
MAX_EQUILIBRIA = 10_000
_FLOAT_TOL = 1e-9


# --------------------------------------------------------------------------
# tie-breaking
# --------------------------------------------------------------------------

def _priority_fn(tie_break: Any) -> Callable[[str, tuple], tuple | None]:
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
            return None if order is None else _complete(order, acts, func)
        return f
    if isinstance(tie_break, Mapping):
        def f(h, acts):
            if h not in tie_break:
                return None
            return _complete(tie_break[h], acts, func)
        return f
    if isinstance(tie_break, (list, tuple)):
        return lambda h, acts: _complete(tie_break, acts, func)
    raise InvalidGame(fmt_error(func, "tie_break", "None, 'first', 'last', a sequence, a mapping or a callable",
                                tie_break))


def _complete(order: Any, acts: Sequence[str], func: str) -> tuple:
    if isinstance(order, str):
        order = (order,)
    order = [a for a in order if a in acts]
    return tuple(order) + tuple(a for a in acts if a not in order)


# --------------------------------------------------------------------------
# results
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class OutcomeRegime:
    """One equilibrium outcome (path of play) and where it is subgame perfect.

    Attributes
    ----------
    path : tuple of PathStep
        The equilibrium path (see :func:`subgame_perfect`).
    payoffs : tuple
        Equilibrium payoffs (of the first equilibrium with this path).
    condition : sympy Boolean
        Where some SPE has this outcome (the union of its equilibria's conditions).
    members : tuple of int
        Indices of those equilibria in the EquilibriumSet.
    """

    path: tuple
    payoffs: tuple
    condition: Any
    members: tuple


def outcome_regimes(spe: EquilibriumSet) -> tuple[OutcomeRegime, ...]:
    """Group subgame-perfect equilibria by outcome: each distinct path with its condition.

    This is the "Proposition 1" view of a solved tree: which play arises
    where in the parameter space. Conditions are simplified on the space.

    Examples
    --------
    >>> from games.catalog.trees import entry_deterrence
    >>> [(r.path, r.condition) for r in outcome_regimes(subgame_perfect(entry_deterrence()))]
    [(('In', 'Accommodate'), True)]
    """
    space = spe.space
    groups: dict[tuple, list[int]] = {}
    for i, e in enumerate(spe):
        groups.setdefault(e.path, []).append(i)
    ctx = _cond.SatContext(space) if space is not None and len(space) else None
    out = []
    for path, members in groups.items():
        parts = list(dict.fromkeys(spe[i].condition for i in members))
        if ctx is not None and sympy.true not in parts:
            # drop the cases (e.g. tie boundaries) contained in the others
            i = 0
            while i < len(parts) and len(parts) > 1:
                rest = sympy.Or(*(parts[:i] + parts[i + 1:]))
                if ctx.sat(sympy.And(parts[i], sympy.Not(rest))) is False:
                    parts.pop(i)
                else:
                    i += 1
            cond = sympy.Or(*parts)
            if ctx.sat(sympy.Not(cond)) is False:
                cond = sympy.true
        else:
            cond = sympy.Or(*parts)
        out.append(OutcomeRegime(path, spe[members[0]].payoffs, cond, tuple(members)))
    return tuple(out)


# --------------------------------------------------------------------------
# numeric fast path (perfect information, no sympy)
# --------------------------------------------------------------------------

def _to_fraction(v: Any) -> Fraction:
    return Fraction(int(v.p), int(v.q))


def _numeric_pi(tree: GameTree, prio, max_eq: int) -> tuple[list, bool]:
    """All SPE of a numeric perfect-information tree.

    Returns (solutions at the root, complete). A solution is
    ``(values, choice, kids)``: ``choice`` the chosen child position at a
    decision node (-1 otherwise), ``kids`` the chosen solution index of each child.
    """
    f = tree._f
    exact = tree.is_exact
    n = len(f.hist)
    conv = _to_fraction if exact else float
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
                    thr = best - _FLOAT_TOL * (1.0 + abs(best))
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


def _vector_pi(tree: GameTree, tie_mode: str | None):
    """Vectorised backward induction over depth levels (numpy, no sympy).

    Handles numeric perfect-information trees whose SPE is unique or whose
    ties are broken by ``tie_mode`` ("first"/"last"). Returns the chosen
    child of every decision node (-1 elsewhere) and the value matrix, or
    None when the tree needs the enumerating path (other ties; exact trees
    with chance moves or non-integer payoffs, which float64 cannot hold exactly).
    """
    import numpy as np
    A = tree._arrays()
    parent, depth, kind, player, prob = A["parent"], A["depth"], A["kind"], A["player"], A["prob"]
    V = A["payoffs"].copy()
    n = len(parent)
    exact = tree.is_exact
    if exact:
        if (kind == 2).any() or np.abs(V).max(initial=0) >= 2.0 ** 52:
            return None
        f = tree._f
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
            thr = segmax if exact else segmax - _FLOAT_TOL * (1.0 + np.abs(segmax))
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
            slack = 0.0 if exact else _FLOAT_TOL * (1.0 + np.abs(W[P[dk], pl]))
            if (gain > slack).any():
                bad = int(P[dk][np.argmax(gain - slack)])
                raise GameError(f"subgame_perfect(): {tree.players[int(player[bad])]!r} gains by deviating at "
                                f"{tree._f.hist[bad]!r}")
    return chosen, V


def _behavior_from_chosen(tree: GameTree, chosen, exact: bool) -> dict:
    f = tree._f
    one, zero = (sympy.Integer(1), sympy.Integer(0)) if exact else (1.0, 0.0)
    beh = {}
    for i in range(len(f.hist)):
        if f.kind[i] == "d":
            a_star = f.hist[int(chosen[i])][-1]
            beh[f.infoset[i]] = {a: (one if a == a_star else zero) for a in f.actions[i]}
    return beh


def _materialize_pi(tree: GameTree, sols: list, root_sol: int, exact: bool) -> tuple[dict, tuple, tuple]:
    """Behaviour map, path and payoffs of one SPE from the solution tables."""
    f = tree._f
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


# --------------------------------------------------------------------------
# general engine (symbolic and/or imperfect information)
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class _Sol:
    cond: Any            # sympy Boolean
    values: tuple        # payoff vector at the subgame root
    local: tuple         # ((infoset, ((action, prob), ...)), ...) for the local region
    kids: tuple          # ((boundary node, solution index), ...)
    complete: bool = True
    degenerate: bool = False


class _Engine:
    def __init__(self, tree: GameTree, prio, max_eq: int):
        self.tree = tree
        self.f = tree._f
        self.space = tree.space
        self.symbolic = tree.is_symbolic
        self.exact = tree.is_exact
        self.prio = prio
        self.max_eq = max_eq
        self.complete = True
        self.degenerate = False
        self._cmp_cache: dict = {}
        self._nash_cache: dict = {}  # reduced strategic form -> its equilibria (each game solved once)
        self.nash_solves = 0
        self.ctx = _cond.SatContext(self.space) if self.symbolic else None

    # -- arithmetic / comparison ------------------------------------------
    def num(self, v: Any) -> Any:
        if isinstance(v, float) or not self.exact:
            return float(v) if not (isinstance(v, sympy.Basic) and v.free_symbols) else v
        return sympy.sympify(v)

    def compare(self, a: Any, b: Any) -> str | None:
        """Relation between numbers a and b (numeric trees only)."""
        if isinstance(a, float) or isinstance(b, float):
            a, b = float(a), float(b)
            if abs(a - b) <= _FLOAT_TOL * (1.0 + max(abs(a), abs(b))):
                return "="
        d = a - b
        return "=" if d == 0 else (">" if d > 0 else "<")

    def relation(self, a: Any, b: Any, strict: bool) -> Any:
        """The condition ``a > b`` (strict) or ``a >= b``: sympy.true/false or a normalised relation.

        Signs that the symbols' assumptions settle are decided at once;
        the rest becomes part of the regime's condition, whose satisfiability
        (on the space, within the regime) the condition engine decides.
        """
        key = (a, b, strict)
        if key in self._cmp_cache:
            return self._cmp_cache[key]
        d = sympy.expand(a - b)
        if d.is_number:
            out = sympy.true if (d > 0 or (d == 0 and not strict)) else sympy.false
        elif d.is_positive or (not strict and d.is_nonnegative):
            out = sympy.true
        elif d.is_nonpositive if strict else d.is_negative:
            out = sympy.false
        else:
            out = _cond.normalize_relation(sympy.Gt(d, 0) if strict else sympy.Ge(d, 0))
        self._cmp_cache[key] = out
        return out

    def conj(self, *parts: Any) -> Any:
        """Conjunction of conditions as a frozenset of atoms; sympy.false when provably empty."""
        atoms: set = set()
        sizes = []
        for p in parts:
            if p is sympy.false:
                return sympy.false
            if p is sympy.true:
                continue
            a = p if isinstance(p, frozenset) else frozenset(sympy.And.make_args(p))
            sizes.append(len(a))
            atoms |= a
        if not atoms:
            return sympy.true
        atoms = _merge_equalities(atoms)
        if atoms is sympy.false:
            return sympy.false
        # only a conjunction that adds atoms to every part can be newly empty
        if self.symbolic and all(len(atoms) > k for k in sizes):
            if self.ctx.sat(sympy.And(*atoms)) is False:
                return sympy.false
        return frozenset(atoms)

    # -- choosing among options -------------------------------------------
    def choose(self, player: int, cond: Any, options: list, order: tuple | None) -> list:
        """[(condition, option index)] for each option that can be optimal for ``player``."""
        out = []
        m = len(options)
        if not self.symbolic:
            vals = [o[player] for o in options]
            best = vals[0]
            for v in vals[1:]:
                if self.compare(v, best) == ">":
                    best = v
            winners = [j for j in range(m) if self.compare(vals[j], best) == "="]
            if order is not None and len(winners) > 1:
                winners = [winners[0]] if order is True else \
                    [min(winners, key=lambda j: order.index(j))]
            return [(cond, j) for j in winners]
        for j in range(m):
            rels = []
            for k in range(m):
                if k == j:
                    continue
                strict = order is not None and (order is True and k < j or
                                                order is not True and order.index(k) < order.index(j))
                rels.append(self.relation(options[j][player], options[k][player], strict))
            c = self.conj(cond, *rels)
            if c is not sympy.false:
                out.append((c, j))
        return out

    # -- the solve ----------------------------------------------------------
    def run(self) -> list:
        f = self.f
        tree = self.tree
        roots = tree._subgame_root_indices()
        self.boundary = frozenset(roots) | frozenset(i for i, k in enumerate(f.kind) if k == "t")
        self.sols: dict[int, list[_Sol]] = {}
        for i, k in enumerate(f.kind):
            if k == "t":
                self.sols[i] = [_Sol(sympy.true, tuple(self.num(v) for v in f.payoffs[i]), (), ())]
        for s in reversed(roots):
            self.sols[s] = self.solve_root(s)
        return self.sols[0] if f.kind[0] != "t" else self.sols[0]

    def region(self, s: int) -> tuple[list[int], list[int]]:
        """Interior nodes of the local game at ``s`` and its boundary nodes (preorder)."""
        f = self.f
        inner, bnd, stack = [], [], [s]
        while stack:
            j = stack.pop()
            if j != s and j in self.boundary:
                bnd.append(j)
                continue
            inner.append(j)
            stack.extend(reversed(f.children[j]))
        return inner, bnd

    def combos(self, bnd: list[int]):
        lists = [self.sols[b] for b in bnd]
        count = 1
        for l_ in lists:
            count *= len(l_)
        if count > self.max_eq:
            self.complete = False
        for n_, combo in enumerate(itertools.product(*(range(len(l_)) for l_ in lists))):
            if n_ >= self.max_eq:
                break
            chosen = [lists[k][c] for k, c in enumerate(combo)]
            if self.symbolic:
                cond = self.conj(*(c.cond for c in chosen))
                if cond is sympy.false:
                    continue
            else:
                cond = sympy.true
            yield cond, tuple(zip(bnd, combo)), {b: c.values for b, c in zip(bnd, chosen)}

    def solve_root(self, s: int) -> list[_Sol]:
        f = self.f
        inner, bnd = self.region(s)
        out: list[_Sol] = []
        n = len(self.tree.players)
        active = sorted({f.player[j] for j in inner if f.kind[j] == "d"})
        simple = len(inner) == 1
        for cond, kids, leafvals in self.combos(bnd):
            if len(out) >= self.max_eq:
                self.complete = False
                break
            if simple and f.kind[s] == "d":
                options = [leafvals[c] for c in f.children[s]]
                order = self.prio(f.infoset[s], f.actions[s])
                order_idx = None if order is None else [f.actions[s].index(a) for a in order]
                for c, j in self.choose(f.player[s], cond, options, order_idx):
                    one, zero = self.unit()
                    local = ((f.infoset[s], tuple((a, one if k == j else zero)
                                                  for k, a in enumerate(f.actions[s]))),)
                    out.append(_Sol(c, options[j], local, kids))
                continue
            lv = self.leaf_fn(leafvals)
            if not active:
                vals = self.tree._play_value([None] * n, s, lv)
                out.append(_Sol(cond, self.clean(vals), (), kids))
                continue
            if len(active) == 1:
                out.extend(self.solve_single(s, active[0], cond, kids, lv, bnd))
                continue
            out.extend(self.solve_nash(s, active, cond, kids, lv, bnd))
        return out

    def unit(self):
        return (sympy.Integer(1), sympy.Integer(0)) if self.exact else (1.0, 0.0)

    def clean(self, vals: tuple) -> tuple:
        if self.symbolic:
            return tuple(sympy.expand(v) if isinstance(v, sympy.Basic) else v for v in vals)
        return tuple(self.num(v) for v in vals)

    def leaf_fn(self, leafvals: dict):
        f = self.f

        def lv(j):
            if j in leafvals:
                return leafvals[j]
            return f.payoffs[j]
        return lv

    def plan_behavior(self, inner: list[int], player: int, plan: dict) -> tuple:
        f = self.f
        one, zero = self.unit()
        hs = list(dict.fromkeys(f.infoset[j] for j in inner if f.kind[j] == "d" and f.player[j] == player))
        out = []
        for h in hs:
            acts = f.actions[f.infosets[h][0]]
            a_star = plan.get(h, acts[0])  # own-unreached infosets: payoff-irrelevant, first action
            out.append((h, tuple((a, one if a == a_star else zero) for a in acts)))
        return tuple(out)

    def solve_single(self, s, player, cond, kids, lv, bnd) -> list[_Sol]:
        tree = self.tree
        inner, _ = self.region(s)
        strats = tree._reduced_strategies(player, s, frozenset(bnd), "subgame_perfect")
        n = len(tree.players)
        options = []
        for plan in strats:
            prof: list = [None] * n
            prof[player] = plan
            options.append(self.clean(tree._play_value(prof, s, lv)))
        order = True if self.prio("", ()) is not None else None
        out = []
        for c, j in self.choose(player, cond, options, order):
            out.append(_Sol(c, options[j], self.plan_behavior(inner, player, strats[j]), kids))
        return out

    def solve_nash(self, s, active, cond, kids, lv, bnd) -> list[_Sol]:
        import numpy as np
        from games.normal_form import NormalFormGame
        try:
            from solvers.nash import equilibria
        except ImportError as err:  # pragma: no cover - depends on the sibling module
            raise UnsupportedGame(fmt_error("subgame_perfect", "tree", "a tree whose subgames with imperfect "
                                            "information can be solved (solvers.nash is unavailable)",
                                            self.tree)) from err
        tree = self.tree
        inner, _ = self.region(s)
        players, strategies, names, payoffs = tree._strategic_form(s, lv, frozenset(bnd), active,
                                                                   "subgame_perfect")
        shape = tuple(len(x) for x in strategies) + (len(active),)
        arr = np.empty(shape, dtype=object)
        for prof, vec in payoffs.items():
            for k, i in enumerate(active):
                v = vec[i]
                arr[prof + (k,)] = v if isinstance(v, float) else sympy.sympify(v)
        if not self.exact:
            arr = arr.astype(float)
        game = NormalFormGame(arr, players=[tree.players[i] for i in active], strategies=names,
                              space=self.space)
        # the same strategic form (another branch of the case split, an identical
        # subgame elsewhere) is solved once
        eqs = self._nash_cache.get(game)
        if eqs is None:
            with warnings.catch_warnings():
                # degeneracy is reported in the result (.degenerate), not once per subgame
                warnings.simplefilter("ignore", GovgamesWarning)
                eqs = equilibria(game)
            self._nash_cache[game] = eqs
            self.nash_solves += 1
        if not eqs.complete:
            self.complete = False
        if eqs.degenerate:
            self.degenerate = True
        bset = frozenset(bnd)
        out: list[_Sol] = []
        keys: list[tuple] = []
        for e in eqs:
            c = self.conj(cond, e.condition) if self.symbolic else cond
            if c is sympy.false:
                continue
            local = []
            for k, i in enumerate(active):
                local.extend(self.mixed_to_behavior(inner, i, strategies[k], e.profile[k]))
            local = tuple(local)
            reached = self.reached_infosets(s, dict(local), bset)
            on_path = tuple((h, d) for h, d in local if h in reached)
            # Kuhn (1953): mixed strategies of the reduced form that induce the same
            # behaviour are one equilibrium; equilibria that also agree at every
            # information set reached in this subgame differ only in off-path
            # behaviour that Nash (not subgame perfection) pins down: one is kept.
            for k, (full_k, path_k) in enumerate(keys):
                if not _same_behavior(path_k, on_path, self.exact):
                    continue
                same_full = _same_behavior(full_k, local, self.exact)
                old = out[k]
                if _as_boolean(old.cond) == _as_boolean(c):
                    if not same_full:
                        self.degenerate = True
                    break
                if same_full:
                    out[k] = _Sol(_or(old.cond, c), old.values, old.local, old.kids)
                    break
            else:
                vals = self.clean(self.expected(s, dict(local), lv))
                out.append(_Sol(c, vals, local, kids))
                keys.append((local, on_path))
        return out

    def reached_infosets(self, s: int, beh: Mapping, bset: frozenset) -> set:
        """Information sets of the region below ``s`` reached with positive probability under ``beh``."""
        f = self.f
        out: set = set()
        stack = [s]
        while stack:
            j = stack.pop()
            if f.kind[j] == "t" or (j != s and j in bset):
                continue
            if f.kind[j] == "d":
                out.add(f.infoset[j])
                dist = dict(beh[f.infoset[j]])
                stack.extend(c for c, a in zip(f.children[j], f.actions[j]) if not _is_zero(dist[a]))
            else:
                stack.extend(c for c, p in zip(f.children[j], f.probs[j]) if not _is_zero(p))
        return out

    def mixed_to_behavior(self, inner, player, strats, sigma) -> list:
        """Kuhn: behaviour probabilities of a mixed reduced strategy."""
        f = self.f
        one, zero = self.unit()
        hs = list(dict.fromkeys(f.infoset[j] for j in inner if f.kind[j] == "d" and f.player[j] == player))
        out = []
        for h in hs:
            acts = f.actions[f.infosets[h][0]]
            den = sum((p for p, st in zip(sigma, strats) if h in st), zero)
            if _is_zero(den):
                out.append((h, tuple((a, one if a == acts[0] else zero) for a in acts)))
                continue
            row = []
            for a in acts:
                num = sum((p for p, st in zip(sigma, strats) if st.get(h) == a), zero)
                v = num / den
                if isinstance(v, sympy.Basic) and v.free_symbols:
                    v = sympy.cancel(v)
                row.append((a, v))
            out.append((h, tuple(row)))
        return out

    def expected(self, s: int, beh: Mapping, lv) -> tuple:
        """Payoff vector at ``s`` when play follows behaviour ``beh`` down to the leaves ``lv``."""
        return _expected_under(self.tree, s, beh, lv)

    def materialize(self, sol: _Sol) -> dict:
        beh: dict = {}
        stack = [sol]
        while stack:
            x = stack.pop()
            for h, dist in x.local:
                beh[h] = dict(dist)
            for b, k in x.kids:
                stack.append(self.sols[b][k])
        return {h: beh[h] for h in self.f.infosets if h in beh}


def _merge_equalities(atoms: frozenset | set) -> Any:
    """Replace ``x >= y`` and ``y >= x`` by ``x = y``; sympy.false on ``x > y`` with ``y >= x``."""
    ge = {}
    for a in atoms:
        if isinstance(a, (sympy.GreaterThan, sympy.StrictGreaterThan, sympy.LessThan, sympy.StrictLessThan)):
            d = sympy.expand(a.lhs - a.rhs)
            if isinstance(a, (sympy.LessThan, sympy.StrictLessThan)):
                d = -d
            ge[a] = (d, a.is_Relational and isinstance(a, (sympy.StrictGreaterThan, sympy.StrictLessThan)))
    by_d = {}
    for a, (d, strict) in ge.items():
        by_d.setdefault(d, []).append((a, strict))
    out = set(atoms)
    for d, lst in by_d.items():
        neg = by_d.get(-d)
        if not neg or d.could_extract_minus_sign():
            continue  # each pair once, from its side without a leading minus
        if any(st for _, st in lst) or any(st for _, st in neg):
            return sympy.false
        for a, _ in lst + neg:
            out.discard(a)
        out.add(_cond.normalize_relation(sympy.Eq(d, 0)))
    return frozenset(out)


def _as_boolean(c: Any) -> Any:
    return sympy.And(*c) if isinstance(c, frozenset) else c


def _or(a: Any, b: Any) -> Any:
    """The disjunction of two regime conditions (atoms sets or sympy Booleans)."""
    out = sympy.Or(_as_boolean(a), _as_boolean(b))
    return out if out in (sympy.true, sympy.false) else frozenset((out,))


def _same_prob(p: Any, q: Any, exact: bool) -> bool:
    if isinstance(p, float) or isinstance(q, float) or not exact:
        try:
            p, q = float(p), float(q)
        except TypeError:  # symbolic
            return sympy.expand(sympy.sympify(p) - sympy.sympify(q)) == 0
        return abs(p - q) <= _FLOAT_TOL * (1.0 + max(abs(p), abs(q)))
    if p == q:
        return True
    d = sympy.sympify(p) - sympy.sympify(q)
    return d == 0 or (bool(d.free_symbols) and sympy.cancel(d) == 0)


def _same_behavior(x: Sequence, y: Sequence, exact: bool) -> bool:
    """Whether two behaviour profiles ``((infoset, ((action, p), ...)), ...)`` are equal
    (exactly for exact trees, within the float tolerance otherwise)."""
    if len(x) != len(y):
        return False
    for (h, d), (g, e) in zip(x, y):
        if h != g or len(d) != len(e):
            return False
        for (a, p), (b, q) in zip(d, e):
            if a != b or not _same_prob(p, q, exact):
                return False
    return True


def _is_zero(p: Any) -> bool:
    if isinstance(p, float):
        return p == 0.0
    if isinstance(p, Fraction):
        return p == 0
    p = sympy.sympify(p)
    return p.is_zero is True


# --------------------------------------------------------------------------
# paths and verification
# --------------------------------------------------------------------------

class PathStep(str):
    """One step of an equilibrium path: who moves, and what is played with positive probability.

    A path step *is* its readable text (a ``str``), so a pure path without
    chance compares equal to a plain tuple of action labels, prints as one
    and survives :meth:`Equilibrium.to_dict`; the structure is kept in
    attributes.

    The text is the bare action label when a single decision node is
    reached with probability 1 and its action is played with probability 1
    (the classic pure path ``In -> Accommodate``). Otherwise it names the
    mover -- ``"Nature"`` (``"Nature@h"`` for a chance node below the root at
    history ``h``) or the information set label -- followed by the actions played
    with positive probability, each with its probability unless it is 1:
    ``"Nature: Strong (9/10) | Weak (1/10)"``, ``"Sender|Strong: Beer"``,
    ``"P1|Black: Raise (1/3) | Fold (2/3)"``. Probabilities are conditional
    on reaching the step (behaviour probabilities, or chance probabilities).

    Attributes
    ----------
    player : str
        The mover's name, or ``"chance"``.
    infoset : str or None
        The information set's label (None at chance nodes).
    histories : tuple of tuples of str
        The step's nodes reached with positive probability (their histories).
    actions : tuple of (str, probability) pairs
        Actions played with positive probability, in the tree's order.
    reach : number or sympy expression
        Probability that play reaches the step.

    Examples
    --------
    >>> step = PathStep("chance", None, ((),), (("Strong", "9/10"), ("Weak", "1/10")))
    >>> str(step), step.player, step.actions[0]
    ('Nature: Strong (9/10) | Weak (1/10)', 'chance', ('Strong', '9/10'))
    >>> PathStep("Entrant", "Entrant@root", ((),), (("In", 1),)) == "In"
    True
    >>> str(PathStep("Sender", "Sender|Weak", (("Weak",),), (("Beer", 1),), reach="1/10"))
    'Sender|Weak: Beer'
    """

    def __new__(cls, player: str, infoset: str | None, histories: Sequence[tuple], actions: Sequence[tuple],
                reach: Any = 1) -> "PathStep":
        actions = tuple((a, p) for a, p in actions)
        histories = tuple(tuple(h) for h in histories)
        if player == "chance":
            first = histories[0] if histories else ()
            who = "Nature" if not first else "Nature@" + "/".join(first)
            text = f"{who}: " + " | ".join(f"{a} ({_fmt_prob(p)})" for a, p in actions)
        elif len(histories) == 1 and _is_one(reach) and len(actions) == 1 and _is_one(actions[0][1]):
            text = actions[0][0]
        else:
            text = f"{infoset}: " + " | ".join(a if _is_one(p) else f"{a} ({_fmt_prob(p)})" for a, p in actions)
        self = super().__new__(cls, text)
        for k, v in (("player", player), ("infoset", infoset), ("histories", histories), ("actions", actions),
                     ("reach", reach)):
            object.__setattr__(self, k, v)
        return self

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"PathStep is immutable; cannot set {name!r}")

    def __reduce__(self):
        return (PathStep, (self.player, self.infoset, self.histories, self.actions, self.reach))

    def __repr__(self) -> str:
        return str.__repr__(self)


def _fmt_prob(p: Any) -> str:
    return f"{p:.6g}" if isinstance(p, float) else str(p)


def _is_one(p: Any) -> bool:
    if isinstance(p, float):
        return p == 1.0
    if isinstance(p, (int, Fraction)):
        return p == 1
    if isinstance(p, str):
        return False
    return sympy.sympify(p) == 1


def _path(tree: GameTree, beh: Mapping) -> tuple:
    """The equilibrium path as :class:`PathStep` s, in level order of the nodes reached.

    Each information set (and each chance node) reached with positive
    probability is one step, placed at the first of its nodes reached in
    level order; only actions played with positive probability are listed.
    """
    f = tree._f
    steps: dict[Any, list] = {}  # key -> [player, infoset, histories, actions, reach]
    level = [(0, 1)]
    while level:
        nxt = []
        for j, w in level:
            if f.kind[j] == "t":
                continue
            if f.kind[j] == "d":
                dist = beh[f.infoset[j]]
                pairs = [(c, a, dist[a]) for c, a in zip(f.children[j], f.actions[j])]
                key = f.infoset[j]
            else:
                pairs = list(zip(f.children[j], f.actions[j], f.probs[j]))
                key = ("chance", j)
            live = [(c, a, p) for c, a, p in pairs if not _is_zero(p)]
            if key in steps:
                steps[key][2].append(f.hist[j])
                steps[key][4] = steps[key][4] + w
            elif f.kind[j] == "d":
                steps[key] = [tree.players[f.player[j]], f.infoset[j], [f.hist[j]],
                              tuple((a, p) for _, a, p in live), w]
            else:
                steps[key] = ["chance", None, [f.hist[j]], tuple((a, p) for _, a, p in live), w]
            nxt.extend((c, w * p) for c, _, p in live)
        level = nxt
    return tuple(PathStep(*v) for v in steps.values())


def _node_values(tree: GameTree, beh: Mapping) -> list:
    """Expected payoff vector at every node under the behaviour profile (post-order)."""
    f = tree._f
    n = len(f.hist)
    vals: list = [None] * n
    for i in range(n - 1, -1, -1):
        if f.kind[i] == "t":
            vals[i] = f.payoffs[i]
            continue
        if f.kind[i] == "d":
            dist = beh[f.infoset[i]]
            probs = [dist[a] for a in f.actions[i]]
        else:
            probs = f.probs[i]
        m = len(vals[f.children[i][0]])
        acc = [0] * m
        for c, p in zip(f.children[i], probs):
            if _is_zero(p):
                continue
            for k in range(m):
                acc[k] = acc[k] + p * vals[c][k]
        vals[i] = tuple(acc)
    return vals


def verify_subgame_perfect(tree: GameTree, eq: Equilibrium, *, tol: float = 1e-9) -> Equilibrium:
    """Check that ``eq`` is subgame perfect in ``tree``; return it or raise GameError.

    In every subgame, no player gains by switching to any of her reduced
    pure strategies in the part of the subgame above its own proper
    subgames, given the continuation values of the profile there (for
    perfect information: no profitable one-shot deviation at any node).
    Exact trees are checked exactly; symbolic ones under ``eq.condition``
    with the condition engine (z3).

    Parameters
    ----------
    tree : GameTree
    eq : Equilibrium
        With ``behavior`` over every information set of ``tree``.
    tol : float
        Allowed gain for float trees.

    Returns
    -------
    Equilibrium
        ``eq`` itself.

    Raises
    ------
    GameError
        When the behaviour is incomplete or some player gains by deviating
        in some subgame (the message names the player, the gain and where).

    References
    ----------
    .. [1] M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT
       Press 1994, Lemma 98.2 (one-deviation property).

    Examples
    --------
    >>> from games.catalog.trees import entry_deterrence
    >>> spe = subgame_perfect(entry_deterrence())
    >>> verify_subgame_perfect(entry_deterrence(), spe[0]).path
    ('In', 'Accommodate')
    """
    return _verify(tree, eq, tol, None)


def _verify(tree: GameTree, eq: Equilibrium, tol: float, ctx: Any) -> Equilibrium:
    """:func:`verify_subgame_perfect` with a reusable condition-engine context ``ctx`` (or None)."""
    f = tree._f
    beh = eq.behavior_map()
    for h in f.infosets:
        if h not in beh:
            raise GameError(f"verify_subgame_perfect(): no behaviour at information set {h!r}")
        dist = beh[h]
        if set(dist) != set(tree.infoset_actions(h)):
            raise GameError(f"verify_subgame_perfect(): behaviour at {h!r} is over {sorted(dist)}, "
                            f"not the actions {tree.infoset_actions(h)}")
    vals = _node_values(tree, beh)
    symbolic = tree.is_symbolic or eq.is_symbolic
    space = tree.space
    roots = tree._subgame_root_indices()
    boundary = frozenset(roots) | frozenset(i for i, k in enumerate(f.kind) if k == "t")
    claims = []
    for s in roots:
        inner, bnd = [], []
        stack = [s]
        while stack:
            j = stack.pop()
            if j != s and j in boundary:
                bnd.append(j)
                continue
            inner.append(j)
            stack.extend(f.children[j])
        current = vals[s]
        if len(inner) == 1 and f.kind[s] == "d":
            pl = f.player[s]
            for c in f.children[s]:
                claims.append((vals[c][pl], current[pl], f.hist[s], tree.players[pl]))
            continue
        active = sorted({f.player[j] for j in inner if f.kind[j] == "d"})
        bset = frozenset(bnd)

        def lv(j, _b=bset):
            return vals[j] if j in _b or f.kind[j] == "t" else None
        for pl in active:
            for plan in tree._reduced_strategies(pl, s, bset, "verify_subgame_perfect"):
                dev = dict(beh)
                for h, a in plan.items():
                    dev[h] = {b: (1 if b == a else 0) for b in dev[h]}
                v = _expected_under(tree, s, dev, lv)
                claims.append((v[pl], current[pl], f.hist[s], tree.players[pl]))
    atoms = set(sympy.And.make_args(eq.condition))
    for dev_v, cur_v, where, who in claims:
        gain = dev_v - cur_v
        if not symbolic:
            g = float(gain) if (isinstance(gain, float) or not eq.exact) else sympy.sympify(gain)
            bad = g > tol * (1 + abs(float(cur_v))) if isinstance(g, float) else g > 0
            if bad:
                raise GameError(f"verify_subgame_perfect(): {who!r} gains {gain} by deviating at {where!r}")
            continue
        gain = sympy.expand(sympy.sympify(gain))
        if gain.is_number:
            if gain > 0:
                raise GameError(f"verify_subgame_perfect(): {who!r} gains {gain} by deviating at {where!r}")
            continue
        if _cond.normalize_relation(sympy.Le(gain, 0)) in atoms:
            continue  # the claim is one of the condition's own conjuncts
        if ctx is None:
            ctx = _cond.SatContext(space)
        res = ctx.sat(sympy.And(eq.condition, sympy.Gt(gain, 0)))
        if res is True:
            raise GameError(f"verify_subgame_perfect(): {who!r} gains {gain} > 0 by deviating at {where!r} "
                            f"somewhere under {eq.condition}")
        if res is None:
            warnings.warn(f"verify_subgame_perfect(): could not prove that {who!r} does not gain {gain} at "
                          f"{where!r} under {eq.condition}", GovgamesWarning, stacklevel=3)
    return eq


def _expected_under(tree: GameTree, s: int, beh: Mapping, lv) -> tuple:
    """Payoff vector at ``s`` when play follows ``beh`` (infoset -> action probabilities,
    a mapping or pairs) down to the nodes where ``lv`` gives a value."""
    f = tree._f
    n = len(tree.players)
    total = [0] * n
    stack = [(s, 1)]
    while stack:
        j, w = stack.pop()
        v = lv(j) if (j != s or f.kind[j] == "t") else None
        if v is not None:
            for k in range(n):
                total[k] = total[k] + w * v[k]
            continue
        if f.kind[j] == "d":
            dist = dict(beh[f.infoset[j]])
            pairs = [(c, dist[a]) for c, a in zip(f.children[j], f.actions[j])]
        else:
            pairs = list(zip(f.children[j], f.probs[j]))
        for c, p in pairs:
            if not _is_zero(p):
                stack.append((c, w * p))
    return tuple(total)


def _verify_pure_pi(tree: GameTree, beh: Mapping, exact: bool) -> None:
    """Fast one-shot-deviation check for pure SPE of numeric perfect-information trees."""
    f = tree._f
    n = len(f.hist)
    conv = _to_fraction if exact else float
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
            slack = 0 if exact else _FLOAT_TOL * (1.0 + abs(best))
            if vals[i][pl] < best - slack:
                raise GameError(f"subgame_perfect(): {tree.players[pl]!r} gains by deviating at {f.hist[i]!r}")


# --------------------------------------------------------------------------
# the solver
# --------------------------------------------------------------------------

def subgame_perfect(tree: GameTree, *, tie_break: Any = None, max_equilibria: int = MAX_EQUILIBRIA,
                    simplify: bool = True, time_limit: float | None = None) -> EquilibriumSet:
    """All subgame-perfect equilibria of a game tree, each with its parameter condition.

    Parameters
    ----------
    tree : GameTree
    tie_break : None, "first", "last", sequence, mapping or callable, optional
        How an indifferent mover chooses. ``None`` (default) reports every
        SPE: with symbolic payoffs each choice holds where its payoff is
        ``>=`` the alternatives', so on a tie boundary all of them are SPE.
        ``"first"``/``"last"`` prefer the first/last listed action; a
        sequence of action labels gives a global preference (``("Obey",
        "Accept")``); a mapping ``infoset -> preferred action(s)`` or a
        callable ``(infoset, actions) -> preferred order`` decide per
        information set. Only decision nodes that root subgames are
        tie-broken; imperfect-information subgames report all their
        equilibria.
    max_equilibria : int
        Cap on the number of equilibria enumerated (ties multiply them);
        when reached the result has ``complete=False`` and a warning is issued.
    simplify : bool
        Simplify the conditions on the tree's space (symbolic trees).
    time_limit : float, optional
        Seconds. The solve runs in a worker process stopped at the limit
        (also inside sympy, z3 or the strategic-form solver). Equilibria
        verified before the limit are returned in an incomplete set (with a
        warning); if there are none, :class:`~games.errors.UnsupportedGame`
        is raised.

    Returns
    -------
    EquilibriumSet
        Equilibria of kind ``"subgame-perfect"`` in behaviour strategies:
        ``behavior`` (infoset -> action probabilities, for every
        information set), ``path``, ``payoffs`` and ``condition``; an empty
        ``profile``. Every one is verified before it is returned.

        ``path`` is a tuple of :class:`PathStep` (strings): one step per
        information set or chance node reached with positive probability,
        in level order, each naming the mover and the actions played with
        positive probability. A pure path without chance is the tuple of
        its action labels (``("In", "Accommodate")``); otherwise steps read
        like ``"Nature: Strong (9/10) | Weak (1/10)"`` and
        ``"P1|Black: Raise (1/3) | Fold (2/3)"``; ``" -> ".join(e.path)``
        is the readable path.

        Subgames with imperfect information are solved in their reduced
        strategic form, each distinct one once. Its equilibria are mapped
        to behaviour strategies (Kuhn 1953) and reported once per
        behaviour profile: mixed strategies that are realization
        equivalent give one equilibrium. Equilibria of such a subgame that
        agree at every information set reached in it, and differ only in
        off-path behaviour that Nash rather than subgame perfection
        constrains (the receiver's threat after quiche in beer-quiche), are
        reported once, with the behaviour of the first one found; the set
        is then flagged ``degenerate``. Off-path behaviour that subgame
        perfection does pin down (play in proper subgames off the path) is
        never merged. Information sets that a player's own moves rule out
        get the first action.

    Raises
    ------
    UnsupportedGame
        ``tree`` is not a GameTree; a strategic form is too large; the
        time limit passed before any equilibrium was found.
    InvalidGame
        Bad ``tie_break`` or ``max_equilibria``.
    ValueError
        Bad ``time_limit``.

    References
    ----------
    .. [1] R. Selten, "Spieltheoretische Behandlung eines Oligopolmodells mit
       Nachfrageträgheit", Zeitschrift für die gesamte Staatswissenschaft
       121 (1965).
    .. [2] H. W. Kuhn, "Extensive games and the problem of information",
       Contributions to the Theory of Games II (1953): behaviour strategies
       and realization equivalence.

    Examples
    --------
    >>> from games.catalog.trees import entry_deterrence
    >>> spe = subgame_perfect(entry_deterrence())
    >>> [(e.path, e.payoffs) for e in spe]
    [(('In', 'Accommodate'), (2, 2))]

    Chance and imperfect information (Cho-Kreps): one equilibrium per outcome.

    >>> from games.catalog.trees import beer_quiche
    >>> spe = subgame_perfect(beer_quiche())
    >>> print(spe[0].path[0])
    Nature: Strong (9/10) | Weak (1/10)
    >>> for e in spe:
    ...     print(" -> ".join(e.path[1:]), e.payoffs)
    Sender|Strong: Beer -> Sender|Weak: Beer -> Receiver|Beer: Don't (29/10, 9/10)
    Sender|Strong: Quiche -> Sender|Weak: Quiche -> Receiver|Quiche: Don't (21/10, 9/10)

    Symbolic payoffs give regimes:

    >>> from games.extensive_form import decision, terminal
    >>> from games.parameters import ParameterSpace
    >>> space = ParameterSpace({"a": "positive", "w": "positive"})
    >>> t = GameTree.build(("B", "O"), decision("O", {"Obey": terminal((1, "-w")),
    ...                                               "Defy": terminal((0, "-a"))}), space=space)
    >>> [(e.path, e.condition) for e in subgame_perfect(t)]
    [(('Obey',), a >= w), (('Defy',), w >= a)]
    >>> [(e.path, e.condition) for e in subgame_perfect(t, tie_break=["Obey"])]
    [(('Obey',), a >= w), (('Defy',), w > a)]
    """
    func = "subgame_perfect"
    if not isinstance(tree, GameTree):
        raise UnsupportedGame(fmt_error(func, "tree", "a GameTree", type(tree).__name__))
    if not isinstance(max_equilibria, int) or isinstance(max_equilibria, bool) or max_equilibria < 1:
        raise InvalidGame(fmt_error(func, "max_equilibria", "a positive int", max_equilibria))
    _priority_fn(tie_break)  # validate before any work
    time_limit = check_time_limit(func, time_limit)
    timed_out = False
    if time_limit is None:
        eqs, complete, degenerate = _solve(tree, tie_break, max_equilibria, simplify)
    else:
        try:
            eqs, complete, degenerate = call_with_time_limit(
                _solve, tree, tie_break, max_equilibria, simplify, time_limit=time_limit, name=f"{func}()")
        except TimeLimitExceeded as exc:
            if not exc.partial:
                raise UnsupportedGame(fmt_error(
                    func, "time_limit", "long enough to solve the tree (no equilibrium was found in time; "
                    "raise time_limit, or ask for fewer equilibria with tie_break=\"first\" and "
                    "max_equilibria=1)", time_limit)) from None
            warnings.warn(f"{func}(): stopped at the time_limit of {time_limit:g} s after {len(exc.partial)} "
                          "equilibria; the set is incomplete", GovgamesWarning, stacklevel=2)
            eqs, complete, degenerate, timed_out = list(exc.partial), False, False, True
    if not complete and not timed_out:
        warnings.warn(f"{func}(): stopped after {max_equilibria} equilibria (ties or large "
                      "imperfect-information subgames); the set is incomplete", GovgamesWarning, stacklevel=2)
    return EquilibriumSet(eqs, game=tree, method="backward induction", exact=tree.is_exact, complete=complete,
                          degenerate=degenerate, space=tree.space)


def _solve(tree: GameTree, tie_break: Any, max_equilibria: int, simplify: bool,
           report: Callable[[Any], None] | None = None) -> tuple[list, bool, bool]:
    """The solve behind :func:`subgame_perfect`: (verified equilibria, complete, degenerate).

    Each verified equilibrium is passed to ``report`` as soon as it is known
    (for a partial result at a time limit).
    """
    prio = _priority_fn(tie_break)
    f = tree._f
    exact = tree.is_exact
    space = tree.space
    kw = dict(kind="subgame-perfect", exact=exact, players=tree.players, space=space)
    eqs: list = []
    complete, degenerate = True, False

    def emit(e: Equilibrium) -> None:
        eqs.append(e)
        if report is not None:
            report(e)

    if f.kind[0] == "t":
        emit(Equilibrium((), f.payoffs[0], sympy.true, method="backward induction", behavior={}, path=(), **kw))
    elif not tree.is_symbolic and tree.is_perfect_information and \
            (tie_break in (None, "first", "last")) and (vec := _vector_pi(tree, tie_break)) is not None:
        chosen, V = vec
        beh = _behavior_from_chosen(tree, chosen, exact)
        if exact:
            j = 0
            while f.kind[j] != "t":
                j = int(chosen[j])
            pay = f.payoffs[j]
        else:
            pay = tuple(float(x) for x in V[0])
        emit(Equilibrium((), pay, sympy.true, method="backward induction", behavior=beh,
                         path=_path(tree, beh), **kw))
    elif not tree.is_symbolic and tree.is_perfect_information:
        sols, complete = _numeric_pi(tree, prio, max_equilibria)
        for k, (vals, _, _) in enumerate(sols[0]):
            beh = _materialize_pi(tree, sols, k, exact)
            _verify_pure_pi(tree, beh, exact)
            pay = tuple(sympy.Rational(v.numerator, v.denominator) for v in vals) if exact else vals
            emit(Equilibrium((), pay, sympy.true, method="backward induction", behavior=beh,
                             path=_path(tree, beh), **kw))
    else:
        eng = _Engine(tree, prio, max_equilibria)
        root_sols = eng.run()
        complete, degenerate = eng.complete, eng.degenerate
        method = "backward induction" if tree.is_perfect_information else "backward induction + nash"
        found: list = []  # (behaviour tuple, condition, solution)
        for sol in root_sols:
            cond = _as_boolean(sol.cond)
            beh = eng.materialize(sol)
            key = tuple(beh.items())
            key = tuple((h, tuple(d.items())) for h, d in key)
            for k, (bk, c0, s0) in enumerate(found):
                if _same_behavior(bk, key, exact):  # one behaviour profile: one equilibrium
                    found[k] = (bk, sympy.Or(c0, cond), s0)
                    break
            else:
                found.append((key, cond, sol))
        for key, cond, sol in found:
            if eng.symbolic and simplify and cond is not sympy.true:
                cond = eng.ctx.simplify(sympy.And.make_args(cond)) if not isinstance(cond, sympy.Or) \
                    else _cond.simplify_condition(cond, space)
                if cond is sympy.false:
                    continue
            beh = dict((h, dict(d)) for h, d in key)
            e = Equilibrium((), sol.values, cond, method=method, behavior=beh, path=_path(tree, beh), **kw)
            emit(_verify(tree, e, 1e-9, eng.ctx))
    return eqs, complete, degenerate
