"""Sequence-form solvers for two-player game trees with perfect recall.

The sequence form (Koller, Megiddo and von Stengel 1996; von Stengel 1996)
describes a mixed strategy by its *realization plan*: the probability with
which a player's own moves follow each of her *sequences* (the empty
sequence, and every (information set, action) pair with the moves leading to
it). Realization plans are the points ``x >= 0`` with ``E x = e`` (player 1)
and ``y >= 0`` with ``F y = f`` (player 2), and the expected payoffs are the
bilinear forms ``x' A y`` and ``x' B y``. Its size is linear in the tree,
where the reduced normal form grows exponentially.

Here: :func:`sequence_form` builds the matrices (exact where the tree is
exact), :func:`sequence_form_lemke` finds one equilibrium by Lemke's
algorithm, :func:`sequence_form_equilibria` enumerates all extreme
equilibria, :func:`sequence_form_zero_sum` solves zero-sum trees by linear
programming, and :func:`verify_sequence_form` checks a behaviour profile
exactly (no player gains by a best response in the tree).

References
----------
.. [1] D. Koller, N. Megiddo and B. von Stengel, "Efficient computation of
   equilibria for extensive two-person games", Games and Economic Behavior
   14 (1996) 247-259.
.. [2] B. von Stengel, "Efficient computation of behavior strategies",
   Games and Economic Behavior 14 (1996) 220-246.
.. [3] B. von Stengel, A. van den Elzen and D. Talman, "Computing normal
   form perfect equilibria for extensive two-person games", Econometrica 70
   (2002) 693-715.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping

import numpy as np
import sympy

from games.errors import GameError, UnsupportedGame, fmt_error
from games.extensive_form import GameTree
from solvers.equilibrium import Equilibrium

__all__ = ["SequenceForm", "sequence_form", "realization_plan", "verify_sequence_form", "to_fraction",
           "from_fraction", "payoff_vector", "best_response", "plan_to_behavior", "action_path",
           "equilibrium_from_plans", "as_sequence_form", "integer_payoffs"]


def to_fraction(v: Any) -> Fraction:
    """A rational payoff or probability as a :class:`~fractions.Fraction`.

    Raises
    ------
    UnsupportedGame
        For symbolic or irrational values.

    Examples
    --------
    >>> to_fraction(sympy.Rational(2, 3)), to_fraction(0.5)
    (Fraction(2, 3), Fraction(1, 2))
    """
    if isinstance(v, float):
        return Fraction(v)
    if isinstance(v, Fraction):
        return v
    v = sympy.sympify(v)
    if not v.is_Rational:
        raise UnsupportedGame(fmt_error("sequence_form", "tree", "rational or float payoffs and probabilities", v))
    return Fraction(int(v.p), int(v.q))


def _readonly(arr: np.ndarray) -> np.ndarray:
    arr.setflags(write=False)
    return arr


@dataclass(frozen=True, eq=False)
class SequenceForm:
    """The sequence form of a two-player tree with perfect recall (see :func:`sequence_form`).

    Attributes
    ----------
    tree : GameTree
    players : tuple of str
    sequences : tuple of two tuples
        Each player's sequences; a sequence is a tuple of ``(infoset,
        action)`` pairs, the empty sequence ``()`` first.
    infosets : tuple of two tuples
        Each player's information sets, in preorder of their first node.
    E, F : numpy.ndarray, shapes (1 + #infosets, #sequences)
        Constraint matrices: ``E x = e``, ``F y = f`` (row 0 for the empty sequence).
    e, f : numpy.ndarray
        ``(1, 0, ..., 0)``.
    A, B : numpy.ndarray, shape (#sequences of player 1, #sequences of player 2)
        Payoffs over sequence pairs, chance probabilities folded in
        (sympy Rationals in object arrays for exact trees, float64 otherwise).
    exact : bool
    infoset_sequences : tuple of two dicts
        Per player, information set -> (index of its parent sequence, the
        indices of the sequences extending it by each action).
    sparse_payoffs : tuple of two dicts
        Per player, ``{(row, column): Fraction}`` over sequence pairs with a
        non-zero payoff.

    Examples
    --------
    >>> from games.catalog.trees import entry_deterrence
    >>> sf = sequence_form(entry_deterrence())
    >>> sf.sequences[1]
    ((), (('Incumbent@In', 'Fight'),), (('Incumbent@In', 'Accommodate'),))
    >>> sf.F.tolist()
    [[1, 0, 0], [-1, 1, 1]]
    """

    tree: GameTree
    players: tuple
    sequences: tuple
    infosets: tuple
    E: np.ndarray = field(repr=False)
    F: np.ndarray = field(repr=False)
    e: np.ndarray = field(repr=False)
    f: np.ndarray = field(repr=False)
    A: np.ndarray = field(repr=False)
    B: np.ndarray = field(repr=False)
    exact: bool = True
    infoset_sequences: tuple = field(default=(), repr=False)
    sparse_payoffs: tuple = field(default=(), repr=False)

    def _hashable_content(self) -> tuple:
        return (self.tree,)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SequenceForm) and self.tree == other.tree

    def __hash__(self) -> int:
        return hash(self._hashable_content())

    @property
    def shape(self) -> tuple[int, int]:
        """Numbers of sequences ``(n1, n2)``."""
        return (len(self.sequences[0]), len(self.sequences[1]))

    def __str__(self) -> str:
        return (f"SequenceForm({self.players[0]}: {self.shape[0]} sequences, "
                f"{self.players[1]}: {self.shape[1]} sequences)")


def sequence_form(tree: GameTree) -> SequenceForm:
    """The sequence form of a numeric two-player game tree with perfect recall.

    Parameters
    ----------
    tree : GameTree

    Returns
    -------
    SequenceForm
        Exact (sympy Rational entries) when the tree is exact.

    Raises
    ------
    UnsupportedGame
        Not a GameTree, not two players, symbolic payoffs or probabilities
        (use ``subgame_perfect`` or the reduced normal form), or imperfect
        recall (realization plans represent mixed strategies only under
        perfect recall, Kuhn's theorem).

    References
    ----------
    von Stengel (1996), Koller, Megiddo and von Stengel (1996); see the module docstring.

    Examples
    --------
    >>> from games.extensive_form import decision, chance, terminal
    >>> t = GameTree.build(("P1", "P2"), chance({
    ...     "H": ("1/2", decision("P1", {"a": terminal((2, 0)), "b": terminal((0, 1))}, infoset="I")),
    ...     "T": ("1/2", decision("P1", {"a": terminal((0, 2)), "b": terminal((1, 0))}, infoset="I"))}))
    >>> sf = sequence_form(t)
    >>> sf.A.tolist(), sf.B.tolist()
    ([[0], [1], [1/2]], [[0], [1], [1/2]])
    """
    func = "sequence_form"
    if not isinstance(tree, GameTree):
        raise UnsupportedGame(fmt_error(func, "tree", "a GameTree", type(tree).__name__))
    if tree.n_players != 2:
        raise UnsupportedGame(fmt_error(func, "tree", "a two-player tree (the sequence form LCP is for two "
                                        "players)", f"{tree.n_players} players"))
    if tree.is_symbolic:
        raise UnsupportedGame(fmt_error(func, "tree", "numeric payoffs and probabilities (for symbolic trees "
                                        "use subgame_perfect or equilibria(tree.to_normal_form()))",
                                        sorted(s.name for s in tree.free_symbols)))
    players = tree.players
    seqs: list[list[tuple]] = [[()], [()]]
    info: list[dict] = [{}, {}]
    state: dict[tuple, tuple] = {}
    pay: list[dict] = [{}, {}]
    for h in tree.nodes:
        nd = tree.node(h)
        s = state[h[:-1]] if h else (0, 0, Fraction(1))
        if h:
            parent = tree.node(h[:-1])
            s1, s2, pr = state[h[:-1]]
            a = h[-1]
            if parent.kind == "decision":
                i = players.index(parent.player)
                k = info[i][parent.infoset][1][tree.infoset_actions(parent.infoset).index(a)]
                s = (k, s2, pr) if i == 0 else (s1, k, pr)
            else:
                s = (s1, s2, pr * to_fraction(parent.probabilities[parent.actions.index(a)]))
        state[h] = s
        if nd.kind == "decision":
            i = players.index(nd.player)
            own = s[i]
            if nd.infoset not in info[i]:
                idx = []
                for a in tree.infoset_actions(nd.infoset):
                    idx.append(len(seqs[i]))
                    seqs[i].append(seqs[i][own] + ((nd.infoset, a),))
                info[i][nd.infoset] = (own, tuple(idx))
            elif info[i][nd.infoset][0] != own:
                raise UnsupportedGame(fmt_error(
                    func, "tree", "a tree with perfect recall (Kuhn's theorem: behaviour strategies and "
                    "realization plans represent mixed strategies only under perfect recall)",
                    f"information set {nd.infoset!r} reached after different own moves "
                    f"{seqs[i][info[i][nd.infoset][0]]} and {seqs[i][own]}"))
        elif nd.kind == "terminal":
            for k in (0, 1):
                v = s[2] * to_fraction(nd.payoffs[k])
                if v:
                    pay[k][(s[0], s[1])] = pay[k].get((s[0], s[1]), 0) + v
    exact = tree.is_exact
    n1, n2 = len(seqs[0]), len(seqs[1])
    mats = []
    for i, n in ((0, n1), (1, n2)):
        M = np.zeros((1 + len(info[i]), n), dtype=np.int64)
        M[0, 0] = 1
        for r, (par, idx) in enumerate(info[i].values(), start=1):
            M[r, par] = -1
            M[r, list(idx)] = 1
        vec = np.zeros(1 + len(info[i]), dtype=np.int64)
        vec[0] = 1
        mats.append((_readonly(M), _readonly(vec)))
    pays = []
    for k in (0, 1):
        if exact:
            P = np.full((n1, n2), sympy.S.Zero, dtype=object)
            for (r, c), v in pay[k].items():
                P[r, c] = sympy.Rational(v.numerator, v.denominator)
        else:
            P = np.zeros((n1, n2))
            for (r, c), v in pay[k].items():
                P[r, c] = float(v)
        pays.append(_readonly(P))
    return SequenceForm(tree, players, (tuple(seqs[0]), tuple(seqs[1])), (tuple(info[0]), tuple(info[1])),
                        mats[0][0], mats[1][0], mats[0][1], mats[1][1], pays[0], pays[1], exact,
                        (dict(info[0]), dict(info[1])), (pay[0], pay[1]))


def payoff_vector(sf: SequenceForm, player: int, other: list) -> list:
    """Player's payoff contribution of each own sequence against the other's realization plan."""
    g = [Fraction(0)] * sf.shape[player]
    for (r, c), v in sf.sparse_payoffs[player].items():
        if player == 0:
            if other[c]:
                g[r] += v * other[c]
        elif other[r]:
            g[c] += v * other[r]
    return g


def best_response(sf: SequenceForm, player: int, other: list) -> tuple[Fraction, dict, dict]:
    """Best-response value against ``other`` by backward induction over own sequences.

    Returns ``(value, V, choice)``: ``V[h]`` the best contribution below
    infoset ``h``, ``choice[h]`` the first maximising sequence index.
    """
    g = payoff_vector(sf, player, other)
    info = sf.infoset_sequences[player]
    below: dict[int, list] = {}
    for h, (par, _) in info.items():
        below.setdefault(par, []).append(h)
    V: dict = {}
    choice: dict = {}
    for h in reversed(list(info)):
        best = None
        for k in info[h][1]:
            val = g[k] + sum((V[h2] for h2 in below.get(k, ())), Fraction(0))
            if best is None or val > best:
                best, choice[h] = val, k
        V[h] = best
    return g[0] + sum((V[h] for h in below.get(0, ())), Fraction(0)), V, choice


def plan_to_behavior(sf: SequenceForm, player: int, plan: list, other: list) -> dict:
    """Behaviour strategy of a realization plan; unreached own infosets take the first best reply."""
    _, _, choice = best_response(sf, player, other)
    out = {}
    for h, (par, idx) in sf.infoset_sequences[player].items():
        acts = sf.tree.infoset_actions(h)
        if plan[par] > 0:
            out[h] = {a: plan[k] / plan[par] for a, k in zip(acts, idx)}
        else:
            out[h] = {a: Fraction(int(k == choice[h])) for a, k in zip(acts, idx)}
    return out


def realization_plan(sf: SequenceForm, behavior: Mapping, player: int | str) -> tuple:
    """The realization plan of a behaviour strategy (von Stengel 1996).

    Parameters
    ----------
    sf : SequenceForm
    behavior : mapping
        ``{infoset: {action: probability}}`` (other players' infosets ignored).
    player : int or str

    Returns
    -------
    tuple
        One probability per sequence of ``sf.sequences[player]``.

    Examples
    --------
    >>> from games.catalog.trees import entry_deterrence
    >>> sf = sequence_form(entry_deterrence())
    >>> realization_plan(sf, {"Incumbent@In": {"Fight": 0, "Accommodate": 1}}, "Incumbent")
    (1, 0, 1)
    """
    i = sf.players.index(player) if isinstance(player, str) else int(player)
    plan: list = [1] + [0] * (sf.shape[i] - 1)
    for h, (par, idx) in sf.infoset_sequences[i].items():
        dist = behavior[h]
        for a, k in zip(sf.tree.infoset_actions(h), idx):
            plan[k] = plan[par] * dist[a]
    return tuple(plan)


def from_fraction(v: Fraction, exact: bool) -> Any:
    """A Fraction back as a sympy Rational (exact trees) or a float.

    Examples
    --------
    >>> from_fraction(Fraction(1, 4), True), from_fraction(Fraction(1, 4), False)
    (1/4, 0.25)
    """
    return sympy.Rational(v.numerator, v.denominator) if exact else float(v)


def action_path(tree: GameTree, beh: Mapping) -> tuple:
    """The actions on the path of play (positive probability), in preorder of the tree's nodes."""
    reach = {(): True}
    out = []
    for h in tree.nodes[1:]:
        par = tree.node(h[:-1])
        if par.kind == "decision":
            p = beh[par.infoset][h[-1]]
        else:
            p = par.probabilities[par.actions.index(h[-1])]
        reach[h] = reach[h[:-1]] and p != 0
        if reach[h]:
            out.append(h[-1])
    return tuple(out)


def verify_sequence_form(sf: SequenceForm | GameTree, eq: Equilibrium, *, tol: float = 1e-9) -> Equilibrium:
    """Check that a behaviour profile is a Nash equilibrium of the tree; return it or raise GameError.

    Each player's best-response value against the other's realization plan
    (backward induction over her own sequences) must equal her payoff:
    exactly for exact trees, within ``tol`` (relative) for float trees.

    Raises
    ------
    GameError
        A missing or non-probability behaviour, wrong payoffs, or a profitable deviation.

    Examples
    --------
    >>> from games.catalog.trees import entry_deterrence
    >>> from solvers.trees.sequence_form_lemke import sequence_form_lemke
    >>> eq = sequence_form_lemke(entry_deterrence())[0]
    >>> verify_sequence_form(entry_deterrence(), eq) is eq
    True
    """
    func = "verify_sequence_form"
    if isinstance(sf, GameTree):
        sf = sequence_form(sf)
    beh = eq.behavior_map()
    plans = []
    for i in (0, 1):
        for h in sf.infosets[i]:
            dist = beh.get(h)
            acts = sf.tree.infoset_actions(h)
            if dist is None or set(dist) != set(acts):
                raise GameError(f"{func}(): behaviour at {h!r} must be over {acts}; got {dist}")
            ps = [to_fraction(dist[a]) for a in acts]
            bad = any(p < 0 for p in ps) or (sum(ps) != 1 if sf.exact else abs(float(sum(ps)) - 1) > tol)
            if bad:
                raise GameError(f"{func}(): behaviour at {h!r} is not a probability vector: {dist}")
        plans.append([to_fraction(p) for p in realization_plan(sf, {h: {a: to_fraction(p) for a, p in d.items()}
                                                              for h, d in beh.items()}, i)])
    for i in (0, 1):
        cur = sum((g * p for g, p in zip(payoff_vector(sf, i, plans[1 - i]), plans[i])), Fraction(0))
        best, _, _ = best_response(sf, i, plans[1 - i])
        claimed = to_fraction(eq.payoffs[i])
        scale = tol * (1 + abs(float(cur)))
        if (claimed != cur) if (sf.exact and eq.exact) else abs(float(claimed - cur)) > scale:
            raise GameError(f"{func}(): {sf.players[i]!r} gets {cur}, not the claimed {eq.payoffs[i]}")
        if (best > cur) if sf.exact else float(best - cur) > scale:
            raise GameError(f"{func}(): {sf.players[i]!r} gains {best - cur} by a best response")
    return eq


def equilibrium_from_plans(sf: SequenceForm, x: list, y: list, method: str) -> Equilibrium:
    """The verified :class:`Equilibrium` of realization plans ``x``, ``y`` (raises GameError if not one)."""
    beh = {**plan_to_behavior(sf, 0, x, y), **plan_to_behavior(sf, 1, y, x)}
    pays = tuple(sum((g * p for g, p in zip(payoff_vector(sf, i, (y, x)[i]), (x, y)[i])), Fraction(0))
                 for i in (0, 1))
    ex = sf.exact
    beh_out = {h: {a: from_fraction(p, ex) for a, p in d.items()} for h, d in beh.items()}
    eq = Equilibrium((), tuple(from_fraction(v, ex) for v in pays), sympy.true, kind="nash", method=method, exact=ex,
                     players=sf.players, space=sf.tree.space, behavior=beh_out, path=action_path(sf.tree, beh))
    return verify_sequence_form(sf, eq)


def as_sequence_form(tree: Any, func: str) -> SequenceForm:
    """``tree`` itself if a SequenceForm, else its :func:`sequence_form` (``func`` names the caller)."""
    if isinstance(tree, SequenceForm):
        return tree
    if not isinstance(tree, GameTree):
        raise UnsupportedGame(fmt_error(func, "tree", "a GameTree or SequenceForm", type(tree).__name__))
    return sequence_form(tree)


def integer_payoffs(sf: SequenceForm, k: int) -> dict:
    """Payoffs of player k scaled by a positive integer to integers (equilibria do not change)."""
    den = 1
    for v in sf.sparse_payoffs[k].values():
        den = den * v.denominator // math.gcd(den, v.denominator)
    return {rc: int(v * den) for rc, v in sf.sparse_payoffs[k].items()}
