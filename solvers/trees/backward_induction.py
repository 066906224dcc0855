"""The case-split engine of backward induction (symbolic and/or imperfect information).

:class:`CaseSplitEngine` solves a :class:`~games.extensive_form.GameTree`
from its last subgames up. At a decision node that roots a subgame the mover
picks a payoff-maximising action; with symbolic payoffs a comparison that
the symbols' assumptions settle is decided at once, and any other splits
the current regime in two (``u_j >= u_k`` and the rest), each kept only if
it is satisfiable on the parameter space *within the regime* (z3, through
one incremental solver per solve). Subgames with imperfect information are
solved through the sequence form (two players, perfect recall, numeric) or
their reduced strategic form (:func:`solvers.nash.equilibria`), each
distinct one once, and their equilibria turned into behaviour strategies
(Kuhn) and reported once per behaviour profile.

References
----------
.. [1] R. Selten, "Spieltheoretische Behandlung eines Oligopolmodells mit
   Nachfrageträgheit", Zeitschrift für die gesamte Staatswissenschaft 121
   (1965): subgame perfection.
.. [2] H. W. Kuhn, "Extensive games and the problem of information",
   Contributions to the Theory of Games II (1953).
.. [3] D. Koller, N. Megiddo and B. von Stengel, "Efficient computation of
   equilibria for extensive two-person games", Games and Economic Behavior
   14 (1996) 247-259.
"""

from __future__ import annotations

import itertools
import warnings
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import sympy

from games import conditions as _cond
from games.errors import GovgamesWarning, UnsupportedGame, fmt_error
from games.trees.payoffs import expected_payoffs
from games.trees.strategic_form import reduced_strategies, strategic_form
from games.trees.subgames import subgame_root_indices
from games.trees.tree import GameTree
from games.trees.payoffs import is_zero
from games.values import FLOAT_TOLERANCE

__all__ = ["CaseSplitEngine", "Solution", "in_worker", "as_boolean", "or_condition",
           "same_probability", "same_behavior"]


@dataclass(frozen=True)
class Solution:
    cond: Any            # sympy Boolean
    values: tuple        # payoff vector at the subgame root
    local: tuple         # ((infoset, ((action, prob), ...)), ...) for the local region
    kids: tuple          # ((boundary node, solution index), ...)
    complete: bool = True
    degenerate: bool = False


class CaseSplitEngine:
    """Backward induction with a case split over symbolic comparisons (see the module docstring).

    ``CaseSplitEngine(tree, prio, max_eq, method=..., deadline=...).run()``
    returns the :class:`Solution` s at the root; :meth:`materialize` turns
    one into a behaviour profile. ``complete``, ``degenerate``, ``cap`` and
    ``notes`` report on the solve. Used by :func:`solvers.trees.solve.subgame_perfect`.
    """

    def __init__(self, tree: GameTree, prio, max_eq: int, *, method: str = "auto", deadline: Any = None,
                 enumeration_budget: float | None = None, max_bases: int = 100_000):
        self.method = method
        self.deadline = deadline
        self.enumeration_budget = enumeration_budget
        self.max_bases = max_bases
        self.cap = ""
        self.notes: list[str] = []
        self.sf_solves = 0
        self.tree = tree
        self.f = tree.flat
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
            if abs(a - b) <= FLOAT_TOLERANCE * (1.0 + max(abs(a), abs(b))):
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
        merged = _cond.merge_equalities(atoms)
        if merged is sympy.false:
            return sympy.false
        atoms = frozenset(merged)
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
        roots = subgame_root_indices(tree)
        self.boundary = frozenset(roots) | frozenset(i for i, k in enumerate(f.kind) if k == "t")
        self.sols: dict[int, list[Solution]] = {}
        for i, k in enumerate(f.kind):
            if k == "t":
                self.sols[i] = [Solution(sympy.true, tuple(self.num(v) for v in f.payoffs[i]), (), ())]
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

    def solve_root(self, s: int) -> list[Solution]:
        f = self.f
        inner, bnd = self.region(s)
        out: list[Solution] = []
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
                    out.append(Solution(c, options[j], local, kids))
                continue
            lv = self.leaf_fn(leafvals)
            if not active:
                vals = expected_payoffs(self.tree, {}, root=s, leaf_value=lv)
                out.append(Solution(cond, self.clean(vals), (), kids))
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

    def solve_single(self, s, player, cond, kids, lv, bnd) -> list[Solution]:
        tree = self.tree
        inner, _ = self.region(s)
        strats = reduced_strategies(tree, player, s, frozenset(bnd), "subgame_perfect")
        options = [self.clean(expected_payoffs(tree, plan, root=s, leaf_value=lv)) for plan in strats]
        order = True if self.prio("", ()) is not None else None
        out = []
        for c, j in self.choose(player, cond, options, order):
            out.append(Solution(c, options[j], self.plan_behavior(inner, player, strats[j]), kids))
        return out

    def solve_nash(self, s, active, cond, kids, lv, bnd) -> list[Solution]:
        """Equilibria of the imperfect-information subgame at ``s`` (several active players)."""
        inner, _ = self.region(s)
        bset = frozenset(bnd)
        use_sf = len(active) == 2 and not self.symbolic and self.method != "normal_form" \
            and self.region_has_perfect_recall(s, bset)
        if self.method == "sequence_form" and not use_sf:
            raise UnsupportedGame(fmt_error(
                "subgame_perfect", "method", "'auto' or 'normal_form' for this tree (the sequence form needs "
                "numeric subgames with two active players and perfect recall)", self.method))
        if use_sf:
            candidates = self.sequence_form_candidates(s, active, inner, lv, bset)
        else:
            candidates = self.normal_form_candidates(s, active, inner, lv, bset)
        out: list[Solution] = []
        keys: list[tuple] = []
        for e_cond, local in candidates:
            c = self.conj(cond, e_cond) if self.symbolic else cond
            if c is sympy.false:
                continue
            reached = self.reached_infosets(s, dict(local), bset)
            on_path = tuple((h, d) for h, d in local if h in reached)
            # Kuhn (1953): mixed strategies of the reduced form that induce the same
            # behaviour are one equilibrium; equilibria that also agree at every
            # information set reached in this subgame differ only in off-path
            # behaviour that Nash (not subgame perfection) pins down: one is kept.
            for k, (full_k, path_k) in enumerate(keys):
                if not same_behavior(path_k, on_path, self.exact):
                    continue
                same_full = same_behavior(full_k, local, self.exact)
                old = out[k]
                if as_boolean(old.cond) == as_boolean(c):
                    if not same_full:
                        self.degenerate = True
                    break
                if same_full:
                    out[k] = Solution(or_condition(old.cond, c), old.values, old.local, old.kids)
                    break
            else:
                vals = self.clean(self.expected(s, dict(local), lv))
                out.append(Solution(c, vals, local, kids))
                keys.append((local, on_path))
        return out

    def region_has_perfect_recall(self, s: int, bset: frozenset) -> bool:
        """Whether every player recalls her own moves within the region below ``s``."""
        f = self.f
        seen: dict = {}
        stack = [(s, {})]
        while stack:
            j, own = stack.pop()
            if f.kind[j] == "t" or (j != s and j in bset):
                continue
            if f.kind[j] == "d":
                pl, h = f.player[j], f.infoset[j]
                mine = own.get(pl, ())
                if seen.setdefault(h, mine) != mine:
                    return False
                for c, a in zip(f.children[j], f.actions[j]):
                    stack.append((c, {**own, pl: mine + ((h, a),)}))
            else:
                stack.extend((c, own) for c in f.children[j])
        return True

    def local_tree(self, s: int, active: Sequence[int], lv, bset: frozenset) -> tuple[GameTree, dict]:
        """The region below ``s`` as a tree of the ``active`` players, solved subgames replaced by their values.

        Information sets get canonical labels (``"h0"``, ``"h1"``, ... in
        preorder), so identical subgames give equal trees (solved once);
        also returns the map from canonical to original labels.
        """
        from games.extensive_form import chance, decision, terminal

        f = self.f
        names = tuple(self.tree.players[i] for i in active)
        canon: dict = {}

        def spec(j: int):
            if f.kind[j] == "t" or (j != s and j in bset):
                v = lv(j)
                return terminal(tuple(v[i] for i in active))
            if f.kind[j] == "d":
                h = canon.setdefault(f.infoset[j], f"h{len(canon)}")
                return decision(self.tree.players[f.player[j]],
                                [(a, spec(c)) for a, c in zip(f.actions[j], f.children[j])], infoset=h)
            return chance([(a, (p, spec(c))) for a, p, c in zip(f.actions[j], f.probs[j], f.children[j])])
        root = spec(s)
        return GameTree.build(names, root, space=self.space), {v: k for k, v in canon.items()}

    def sequence_form_candidates(self, s, active, inner, lv, bset) -> list:
        """(condition, local behaviour) of the sequence-form equilibria of the subgame at ``s``.

        All extreme equilibria (vertex enumeration) within the engine's
        budget; otherwise the ones found so far, or one by Lemke's
        algorithm; either way the solve is then marked incomplete.
        """
        from solvers.trees.sequence_form import sequence_form
        from solvers.trees.sequence_form_enumeration import sequence_form_equilibria
        from solvers.trees.sequence_form_lemke import sequence_form_lemke

        local_tree, original = self.local_tree(s, active, lv, bset)
        eqs = self._nash_cache.get(local_tree)
        if eqs is None:
            sf = sequence_form(local_tree)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", GovgamesWarning)
                eqs = sequence_form_equilibria(sf, time_limit=self.budget(), max_bases=self.max_bases)
                if not len(eqs):
                    eqs = sequence_form_lemke(sf, time_limit=self.budget(lemke=True))
                    self.notes.append("sequence-form vertex enumeration did not finish in its budget; one "
                                      "equilibrium by sequence-form Lemke")
            self._nash_cache[local_tree] = eqs
            self.nash_solves += 1
            self.sf_solves += 1
        if not eqs.complete:
            self.complete = False
            if not self.cap:
                self.cap = "one equilibrium by sequence-form Lemke" if eqs.method == "sequence-form Lemke" \
                    else f"sequence-form vertex enumeration stopped (max_bases={self.max_bases} or time budget)"
        if eqs.degenerate:
            self.degenerate = True
        f = self.f
        order = list(dict.fromkeys(f.infoset[j] for j in inner if f.kind[j] == "d"))
        out = []
        for e in eqs:
            beh = {original[h]: d for h, d in e.behavior}
            local = tuple((h, tuple((a, self.num(p)) for a, p in beh[h])) for h in order)
            out.append((sympy.true, local))
        return out

    def budget(self, lemke: bool = False) -> float | None:
        """Seconds left for one subgame solve (None: unbounded)."""
        if self.deadline is None:
            return None if lemke else self.enumeration_budget
        left = max(self.deadline.remaining(), 1e-3)
        return left if lemke else min(left, self.enumeration_budget or left)

    def normal_form_candidates(self, s, active, inner, lv, bset) -> list:
        """(condition, local behaviour) of the reduced-strategic-form equilibria of the subgame at ``s``."""
        import numpy as np
        from games.normal_form import NormalFormGame
        from solvers.nash import equilibria

        tree = self.tree
        players, strategies, names, payoffs = strategic_form(tree, s, lv, bset, active, "subgame_perfect")
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
                if self.deadline is None or in_worker():
                    # inside a time-limited worker the worker itself is stopped at the limit
                    eqs = equilibria(game)
                else:
                    eqs = equilibria(game, time_limit=max(self.deadline.remaining(), 1e-3),
                                     on_time_limit="partial")
            self._nash_cache[game] = eqs
            self.nash_solves += 1
        if not eqs.complete:
            self.complete = False
            if not self.cap:
                self.cap = f"the strategic-form solver ({eqs.method or 'solvers.nash.equilibria'}) " \
                    "returned an incomplete set"
        if eqs.degenerate:
            self.degenerate = True
        out = []
        for e in eqs:
            local = []
            for k, i in enumerate(active):
                local.extend(self.mixed_to_behavior(inner, i, strategies[k], e.profile[k]))
            out.append((e.condition, tuple(local)))
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
                stack.extend(c for c, a in zip(f.children[j], f.actions[j]) if not is_zero(dist[a]))
            else:
                stack.extend(c for c, p in zip(f.children[j], f.probs[j]) if not is_zero(p))
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
            if is_zero(den):
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
        return expected_payoffs(self.tree, beh, root=s, leaf_value=lv)

    def materialize(self, sol: Solution) -> dict:
        beh: dict = {}
        stack = [sol]
        while stack:
            x = stack.pop()
            for h, dist in x.local:
                beh[h] = dict(dist)
            for b, k in x.kids:
                stack.append(self.sols[b][k])
        return {h: beh[h] for h in self.f.infosets if h in beh}


def in_worker() -> bool:
    """Whether this process is a daemonic worker (which may not start workers of its own).

    Examples
    --------
    >>> in_worker()
    False
    """
    import multiprocessing

    return bool(multiprocessing.current_process().daemon)


def as_boolean(c: Any) -> Any:
    """A regime condition (frozenset of atoms, or a sympy Boolean) as a sympy Boolean.

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> as_boolean(frozenset({x > 0}))
    x > 0
    """
    return sympy.And(*c) if isinstance(c, frozenset) else c


def or_condition(a: Any, b: Any) -> Any:
    """The disjunction of two regime conditions (atoms sets or sympy Booleans)."""
    out = sympy.Or(as_boolean(a), as_boolean(b))
    return out if out in (sympy.true, sympy.false) else frozenset((out,))


def same_probability(p: Any, q: Any, exact: bool) -> bool:
    """Whether two probabilities are equal: exactly for exact trees, within ``FLOAT_TOLERANCE`` otherwise.

    Examples
    --------
    >>> same_probability(0.5, 0.5 + 1e-12, False), same_probability(sympy.Rational(1, 2), 0.5, True)
    (True, True)
    """
    if isinstance(p, float) or isinstance(q, float) or not exact:
        try:
            p, q = float(p), float(q)
        except TypeError:  # symbolic
            return sympy.expand(sympy.sympify(p) - sympy.sympify(q)) == 0
        return abs(p - q) <= FLOAT_TOLERANCE * (1.0 + max(abs(p), abs(q)))
    if p == q:
        return True
    d = sympy.sympify(p) - sympy.sympify(q)
    return d == 0 or (bool(d.free_symbols) and sympy.cancel(d) == 0)


def same_behavior(x: Sequence, y: Sequence, exact: bool) -> bool:
    """Whether two behaviour profiles ``((infoset, ((action, p), ...)), ...)`` are equal
    (exactly for exact trees, within the float tolerance otherwise)."""
    if len(x) != len(y):
        return False
    for (h, d), (g, e) in zip(x, y):
        if h != g or len(d) != len(e):
            return False
        for (a, p), (b, q) in zip(d, e):
            if a != b or not same_probability(p, q, exact):
                return False
    return True
