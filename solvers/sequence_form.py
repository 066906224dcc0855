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
import warnings
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping

import numpy as np
import sympy

from games.errors import GameError, GovgamesWarning, UnsupportedGame, fmt_error
from games.extensive_form import GameTree
from solvers.equilibrium import Equilibrium, EquilibriumSet
from solvers.lemke import Tableau, feasible_bases, lemke
from solvers.limits import Deadline, TimeLimitExceeded, check_time_limit

__all__ = ["SequenceForm", "sequence_form", "realization_plan", "verify_sequence_form",
           "sequence_form_lemke", "sequence_form_equilibria", "sequence_form_zero_sum"]


def _frac(v: Any) -> Fraction:
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
    # private: per player, infoset -> (parent sequence index, sequence indices of its actions)
    _info: tuple = field(default=(), repr=False)
    # private: sparse payoffs {(i, j): Fraction} for players 1 and 2
    _pay: tuple = field(default=(), repr=False)

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
                s = (s1, s2, pr * _frac(parent.probabilities[parent.actions.index(a)]))
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
                v = s[2] * _frac(nd.payoffs[k])
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


# --------------------------------------------------------------------------
# realization plans, behaviour, best responses
# --------------------------------------------------------------------------

def _payoff_vector(sf: SequenceForm, player: int, other: list) -> list:
    """Player's payoff contribution of each own sequence against the other's realization plan."""
    g = [Fraction(0)] * sf.shape[player]
    for (r, c), v in sf._pay[player].items():
        if player == 0:
            if other[c]:
                g[r] += v * other[c]
        elif other[r]:
            g[c] += v * other[r]
    return g


def _best_response(sf: SequenceForm, player: int, other: list) -> tuple[Fraction, dict, dict]:
    """Best-response value against ``other`` by backward induction over own sequences.

    Returns ``(value, V, choice)``: ``V[h]`` the best contribution below
    infoset ``h``, ``choice[h]`` the first maximising sequence index.
    """
    g = _payoff_vector(sf, player, other)
    info = sf._info[player]
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


def _behavior(sf: SequenceForm, player: int, plan: list, other: list) -> dict:
    """Behaviour strategy of a realization plan; unreached own infosets take the first best reply."""
    _, _, choice = _best_response(sf, player, other)
    out = {}
    for h, (par, idx) in sf._info[player].items():
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
    for h, (par, idx) in sf._info[i].items():
        dist = behavior[h]
        for a, k in zip(sf.tree.infoset_actions(h), idx):
            plan[k] = plan[par] * dist[a]
    return tuple(plan)


def _num(v: Fraction, exact: bool) -> Any:
    return sympy.Rational(v.numerator, v.denominator) if exact else float(v)


def _path(tree: GameTree, beh: Mapping) -> tuple:
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
            ps = [_frac(dist[a]) for a in acts]
            bad = any(p < 0 for p in ps) or (sum(ps) != 1 if sf.exact else abs(float(sum(ps)) - 1) > tol)
            if bad:
                raise GameError(f"{func}(): behaviour at {h!r} is not a probability vector: {dist}")
        plans.append([_frac(p) for p in realization_plan(sf, {h: {a: _frac(p) for a, p in d.items()}
                                                              for h, d in beh.items()}, i)])
    for i in (0, 1):
        cur = sum((g * p for g, p in zip(_payoff_vector(sf, i, plans[1 - i]), plans[i])), Fraction(0))
        best, _, _ = _best_response(sf, i, plans[1 - i])
        claimed = _frac(eq.payoffs[i])
        scale = tol * (1 + abs(float(cur)))
        if (claimed != cur) if (sf.exact and eq.exact) else abs(float(claimed - cur)) > scale:
            raise GameError(f"{func}(): {sf.players[i]!r} gets {cur}, not the claimed {eq.payoffs[i]}")
        if (best > cur) if sf.exact else float(best - cur) > scale:
            raise GameError(f"{func}(): {sf.players[i]!r} gains {best - cur} by a best response")
    return eq


def _equilibrium(sf: SequenceForm, x: list, y: list, method: str) -> Equilibrium:
    beh = {**_behavior(sf, 0, x, y), **_behavior(sf, 1, y, x)}
    pays = tuple(sum((g * p for g, p in zip(_payoff_vector(sf, i, (y, x)[i]), (x, y)[i])), Fraction(0))
                 for i in (0, 1))
    ex = sf.exact
    beh_out = {h: {a: _num(p, ex) for a, p in d.items()} for h, d in beh.items()}
    eq = Equilibrium((), tuple(_num(v, ex) for v in pays), sympy.true, kind="nash", method=method, exact=ex,
                     players=sf.players, space=sf.tree.space, behavior=beh_out, path=_path(sf.tree, beh))
    return verify_sequence_form(sf, eq)


def _as_sf(tree: Any, func: str) -> SequenceForm:
    if isinstance(tree, SequenceForm):
        return tree
    if not isinstance(tree, GameTree):
        raise UnsupportedGame(fmt_error(func, "tree", "a GameTree or SequenceForm", type(tree).__name__))
    return sequence_form(tree)


def _integer_payoffs(sf: SequenceForm, k: int) -> dict:
    """Payoffs of player k scaled by a positive integer to integers (equilibria do not change)."""
    den = 1
    for v in sf._pay[k].values():
        den = den * v.denominator // math.gcd(den, v.denominator)
    return {rc: int(v * den) for rc, v in sf._pay[k].items()}


# --------------------------------------------------------------------------
# Lemke
# --------------------------------------------------------------------------

def sequence_form_lemke(tree: GameTree | SequenceForm, *, time_limit: float | None = None) -> EquilibriumSet:
    """One Nash equilibrium of a two-player tree with perfect recall, by Lemke's algorithm.

    Solves the sequence-form linear complementarity problem of Koller,
    Megiddo and von Stengel (1996): ``x`` is a best response to ``y`` with
    dual values ``u`` (``E'u - A y >= 0``, complementary to ``x >= 0``,
    ``E x = e``), and symmetrically for ``y``. The artificial variable
    ``z0`` relaxes the dual constraints of every sequence that is not the
    first action at its information set, so the path starts from the pure
    profile playing the first action everywhere (the unique best response
    to the covering vector, as in the prior-based start of von Stengel, van
    den Elzen and Talman 2002). Pivoting is exact (integers,
    fraction-free) with lexicographic degeneracy resolution, so it
    terminates.

    Parameters
    ----------
    tree : GameTree or SequenceForm
    time_limit : float, optional
        Seconds (checked at every pivot).

    Returns
    -------
    EquilibriumSet
        One equilibrium (``complete=False``) with ``behavior`` (infoset ->
        action -> probability; at information sets the player's own moves
        exclude, the first best reply against the opponent), ``path`` and
        ``payoffs``; verified by :func:`verify_sequence_form`.

    Raises
    ------
    UnsupportedGame
        See :func:`sequence_form`.
    TimeLimitExceeded
        Past ``time_limit``.

    References
    ----------
    Koller, Megiddo and von Stengel (1996); von Stengel, van den Elzen and
    Talman (2002); Lemke (1965).

    Examples
    --------
    Matching pennies where player 2 does not see the coin:

    >>> from games.extensive_form import decision, terminal
    >>> t = GameTree.build(("P1", "P2"), decision("P1", {
    ...     "H": decision("P2", {"h": terminal((1, -1)), "t": terminal((-1, 1))}, infoset="J"),
    ...     "T": decision("P2", {"h": terminal((-1, 1)), "t": terminal((1, -1))}, infoset="J")}))
    >>> eq = sequence_form_lemke(t)[0]
    >>> eq.behavior_map()["J"], eq.payoffs
    ({'h': 1/2, 't': 1/2}, (0, 0))
    """
    func = "sequence_form_lemke"
    time_limit = check_time_limit(func, time_limit)
    sf = _as_sf(tree, func)
    deadline = Deadline(time_limit)
    n1, n2 = sf.shape
    m1, m2 = sf.E.shape[0], sf.F.shape[0]
    A, B = _integer_payoffs(sf, 0), _integer_payoffs(sf, 1)
    X, Y, W1, W2 = 0, n1, n1 + n2, 2 * n1 + n2
    U, V = 2 * n1 + 2 * n2, 2 * n1 + 2 * n2 + m1
    Z0 = V + m2
    N = n1 + n2 + m1 + m2
    M = [[0] * (Z0 + 1) for _ in range(N)]
    b = [0] * N
    chosen = [{0} | {idx[0] for _, idx in sf._info[i].values()} for i in (0, 1)]
    for s in range(n1):
        M[s][W1 + s] = 1
        M[s][Z0] = 0 if s in chosen[0] else -1
    for t in range(n2):
        M[n1 + t][W2 + t] = 1
        M[n1 + t][Z0] = 0 if t in chosen[1] else -1
    for (s, t), v in A.items():
        M[s][Y + t] += v
    for (s, t), v in B.items():
        M[n1 + t][X + s] += v
    for r in range(m1):
        for s in range(n1):
            if sf.E[r, s]:
                M[s][U + r] = -int(sf.E[r, s])
                M[n1 + n2 + r][X + s] = int(sf.E[r, s])
    for r in range(m2):
        for t in range(n2):
            if sf.F[r, t]:
                M[n1 + t][V + r] = -int(sf.F[r, t])
                M[n1 + n2 + m1 + r][Y + t] = int(sf.F[r, t])
    b[n1 + n2] = 1
    b[n1 + n2 + m1] = 1
    basis = ([U + r for r in range(m1)] + [V + r for r in range(m2)] + [X + s for s in sorted(chosen[0])]
             + [Y + t for t in sorted(chosen[1])] + [W1 + s for s in range(n1) if s not in chosen[0]]
             + [W2 + t for t in range(n2) if t not in chosen[1]])
    free = set(range(U, Z0))
    tab = Tableau(M, b, basis, free=free)
    comp = {}
    for s in range(n1):
        comp[X + s], comp[W1 + s] = W1 + s, X + s
    for t in range(n2):
        comp[Y + t], comp[W2 + t] = W2 + t, Y + t
    lemke(tab, Z0, comp, deadline=deadline)
    x = [tab.value(X + s) for s in range(n1)]
    y = [tab.value(Y + t) for t in range(n2)]
    eq = _equilibrium(sf, x, y, "sequence-form Lemke")
    return EquilibriumSet([eq], game=sf.tree, method="sequence-form Lemke", exact=sf.exact, complete=False,
                          space=sf.tree.space)


# --------------------------------------------------------------------------
# all extreme equilibria
# --------------------------------------------------------------------------

def _polyhedron_vertices(sf: SequenceForm, player: int, pay: dict, start_other: set, deadline: Deadline,
                         max_bases: int) -> tuple[list, bool]:
    """Vertices of the best-response polyhedron of ``player``'s opponent's plans.

    For ``player == 1`` (the y side): ``{(y, u): F y = f, y >= 0, E'u - A y >= 0}``;
    for ``player == 0`` (the x side): ``{(x, v): E x = e, x >= 0, F'v - B'x >= 0}``.
    Returns ``(vertices, finished)``; each vertex is ``(plan, labels)`` with
    ``labels`` a bitmask over player 1's sequences then player 2's (bit set
    where the plan or the opponent's slack is zero).
    """
    n1, n2 = sf.shape
    # the points carry the plan of `plan_of`; the slacks are the other player's (`resp`)
    plan_of, resp = (1, 0) if player == 1 else (0, 1)
    n_p, n_r = sf.shape[plan_of], sf.shape[resp]
    C = (sf.F if plan_of == 1 else sf.E)
    D = (sf.E if resp == 0 else sf.F)
    m_p, m_r = C.shape[0], D.shape[0]
    P, Wc, Ud = 0, n_p, n_p + n_r  # columns: plan, slacks of resp, duals of resp
    N = m_p + n_r
    M = [[0] * (Ud + m_r) for _ in range(N)]
    b = [0] * N
    for r in range(m_p):
        for j in range(n_p):
            M[r][P + j] = int(C[r, j])
    b[0] = 1
    for k in range(n_r):
        M[m_p + k][Wc + k] = 1
        for r in range(m_r):
            if D[r, k]:
                M[m_p + k][Ud + r] = -int(D[r, k])
    for (s, t), v in pay.items():
        k, j = (s, t) if resp == 0 else (t, s)
        M[m_p + k][P + j] += v
    chosen = {0} | {idx[0] for _, idx in sf._info[plan_of].values()}
    basis = ([P + j for j in sorted(chosen)] + [Ud + r for r in range(m_r)]
             + [Wc + k for k in range(n_r) if k not in start_other])
    tab = Tableau(M, b, basis, free=range(Ud, Ud + m_r))
    seen: dict = {}
    finished = True
    try:
        for _ in feasible_bases(tab, range(Ud), deadline=deadline, max_bases=max_bases):
            vals = tab.values()
            plan = tuple(vals.get(P + j, Fraction(0)) for j in range(n_p))
            slack = tuple(vals.get(Wc + k, Fraction(0)) for k in range(n_r))
            if (plan, slack) in seen:
                continue
            bits = 0
            for j, v in enumerate(plan):
                if v == 0:
                    bits |= 1 << (j if plan_of == 0 else n1 + j)
            for k, v in enumerate(slack):
                if v == 0:
                    bits |= 1 << (k if resp == 0 else n1 + k)
            seen[(plan, slack)] = bits
    except (TimeLimitExceeded, GameError):
        finished = False
    return [(list(p), bits) for (p, _), bits in seen.items()], finished


def sequence_form_equilibria(tree: GameTree | SequenceForm, *, time_limit: float | None = None,
                             max_bases: int = 100_000) -> EquilibriumSet:
    """All extreme Nash equilibria of a two-player tree with perfect recall, exactly.

    Enumerates the vertices of the two sequence-form best-response
    polyhedra, ``{(y, u): F y = f, y >= 0, E'u >= A y}`` and ``{(x, v): E x
    = e, x >= 0, F'v >= B'x}``, by pivoting through their feasible bases
    (exact integer tableaux), and keeps the completely labelled pairs (every
    sequence is unplayed or a best reply): these are the extreme points of
    the equilibrium set in realization plans (Koller, Megiddo and von
    Stengel 1996, the sequence-form analogue of vertex enumeration). Results
    are verified and deduplicated by behaviour profile.

    Parameters
    ----------
    tree : GameTree or SequenceForm
    time_limit : float, optional
        Seconds; when reached, the equilibria found from the vertices
        enumerated so far are returned with ``complete=False`` and a
        :class:`GovgamesWarning`.
    max_bases : int
        Bound on the feasible bases visited per polyhedron (same effect as
        the time limit when exceeded).

    Returns
    -------
    EquilibriumSet
        ``complete=True`` when both enumerations finished: every Nash
        equilibrium is then realization-equivalent to a convex combination
        of equilibria in one of its components, whose extreme points are
        listed. ``degenerate=True`` when some vertex pairs with several
        others (continua of equilibria).

    Raises
    ------
    UnsupportedGame
        See :func:`sequence_form`.

    References
    ----------
    Koller, Megiddo and von Stengel (1996); Avis and Fukuda (1992) for the
    connectedness of the basis graph.

    Examples
    --------
    Entry deterrence (Selten's chain-store stage): two equilibrium outcomes,
    "In, Accommodate" and a continuum of threats keeping the entrant out.

    >>> from games.catalog.trees import entry_deterrence
    >>> eqs = sequence_form_equilibria(entry_deterrence())
    >>> sorted((e.path, e.payoffs) for e in eqs)[:2]
    [(('In', 'Accommodate'), (2, 2)), (('Out',), (1, 5))]
    >>> eqs.complete, eqs.degenerate
    (True, True)
    """
    func = "sequence_form_equilibria"
    time_limit = check_time_limit(func, time_limit)
    if isinstance(max_bases, bool) or not isinstance(max_bases, int) or max_bases < 1:
        raise ValueError(fmt_error(func, "max_bases", "a positive int", max_bases))
    sf = _as_sf(tree, func)
    deadline = Deadline(time_limit)
    n1, n2 = sf.shape
    A, B = _integer_payoffs(sf, 0), _integer_payoffs(sf, 1)
    first = [[Fraction(0)] * n for n in (n1, n2)]
    for i in (0, 1):
        first[i][0] = Fraction(1)
        for par, idx in sf._info[i].values():
            first[i][idx[0]] = first[i][par]
    # a feasible start: the other side's slack is zero on its best reply to the first-action plan
    reply = [set(), set()]
    for i in (0, 1):
        _, _, choice = _best_response(sf, 1 - i, first[i])
        reply[i] = {0} | set(choice.values())
    vx, done_x = _polyhedron_vertices(sf, 0, B, reply[0], deadline, max_bases)
    vy, done_y = _polyhedron_vertices(sf, 1, A, reply[1], deadline, max_bases)
    full = (1 << (n1 + n2)) - 1
    eqs: dict = {}
    count_x: dict = {}
    count_y: dict = {}
    finished = done_x and done_y
    for a, (x, lx) in enumerate(vx):
        if deadline.passed():
            finished = False
            break
        for c, (y, ly) in enumerate(vy):
            if lx | ly == full:
                count_x[a] = count_x.get(a, 0) + 1
                count_y[c] = count_y.get(c, 0) + 1
                eq = _equilibrium(sf, x, y, "sequence-form vertex enumeration")
                eqs.setdefault(eq.behavior, eq)
    if not finished:
        warnings.warn(f"{func}(): stopped at the time limit or max_bases; the equilibria are incomplete",
                      GovgamesWarning, stacklevel=2)
    degenerate = any(v > 1 for v in count_x.values()) or any(v > 1 for v in count_y.values())
    out = sorted(eqs.values(), key=lambda e: (e.path, tuple(float(v) for v in e.payoffs)))
    return EquilibriumSet(out, game=sf.tree, method="sequence-form vertex enumeration", exact=sf.exact,
                          complete=finished, degenerate=degenerate, space=sf.tree.space)


# --------------------------------------------------------------------------
# zero-sum trees
# --------------------------------------------------------------------------

def _solve_exact(rows: list, rhs: list, n: int) -> list | None:
    """Solve a square integer system exactly; None when singular."""
    try:
        tab = Tableau(rows, rhs, basis=list(range(n)), free=range(n))
    except GameError:
        return None
    return [tab.value(j) for j in range(n)]


def sequence_form_zero_sum(tree: GameTree | SequenceForm) -> EquilibriumSet:
    """Value and optimal behaviour strategies of a two-player zero-sum (or constant-sum) tree.

    Player 1 solves ``max f'q`` subject to ``F'q <= A'x``, ``E x = e``,
    ``x >= 0``; player 2 the dual ``min e'p`` subject to ``E'p >= A y``,
    ``F y = f``, ``y >= 0`` (Koller, Megiddo and von Stengel 1996, the
    sequence-form LP; von Stengel 1996). Floats are solved by
    :func:`scipy.optimize.linprog` (HiGHS). For exact trees the LP's
    supports give a square system of the complementary equations, solved
    exactly; if that fails to certify (degenerate optimum), the exact
    Lemke solution is used (in a zero-sum game every equilibrium is a pair
    of optimal strategies).

    Returns
    -------
    EquilibriumSet
        One equilibrium; ``eqs[0].payoffs[0]`` is the value to player 1.
        Verified exactly for exact trees.

    Raises
    ------
    UnsupportedGame
        Not zero- or constant-sum, or see :func:`sequence_form`.

    References
    ----------
    Koller, Megiddo and von Stengel (1996); H. W. Kuhn, "A simplified
    two-person poker", Contributions to the Theory of Games I (1950).

    Examples
    --------
    >>> from games.extensive_form import decision, terminal
    >>> t = GameTree.build(("P1", "P2"), decision("P1", {
    ...     "H": decision("P2", {"h": terminal((2, -2)), "t": terminal((-1, 1))}, infoset="J"),
    ...     "T": decision("P2", {"h": terminal((-1, 1)), "t": terminal((1, -1))}, infoset="J")}))
    >>> eq = sequence_form_zero_sum(t)[0]
    >>> eq.payoffs[0], eq.behavior_map()["P1@root"]
    (1/5, {'H': 2/5, 'T': 3/5})
    """
    from scipy.optimize import linprog

    func = "sequence_form_zero_sum"
    sf = _as_sf(tree, func)
    sums = set()
    for h in sf.tree.terminals:
        p = sf.tree.node(h).payoffs
        sums.add(_frac(p[0]) + _frac(p[1]))
    if len(sums) > 1 and (sf.exact or max(sums) - min(sums) > 1e-9 * (1 + max(abs(float(s)) for s in sums))):
        raise UnsupportedGame(fmt_error(func, "tree", "a zero-sum or constant-sum tree (for general trees use "
                                        "sequence_form_lemke or sequence_form_equilibria)", sorted(sums)[:3]))
    n1, n2 = sf.shape
    m1, m2 = sf.E.shape[0], sf.F.shape[0]
    A = np.zeros((n1, n2))
    for (s, t), v in sf._pay[0].items():
        A[s, t] = float(v)
    E, F = sf.E.astype(float), sf.F.astype(float)
    e, f = sf.e.astype(float), sf.f.astype(float)
    # player 1: variables (x, q); minimise -f'q; F'q - A'x <= 0; E x = e
    r1 = linprog(np.concatenate([np.zeros(n1), -f]), A_ub=np.hstack([-A.T, F.T]), b_ub=np.zeros(n2),
                 A_eq=np.hstack([E, np.zeros((m1, m2))]), b_eq=e,
                 bounds=[(0, None)] * n1 + [(None, None)] * m2, method="highs")
    # player 2: variables (y, p); minimise e'p; A y - E'p <= 0; F y = f
    r2 = linprog(np.concatenate([np.zeros(n2), e]), A_ub=np.hstack([A, -E.T]), b_ub=np.zeros(n1),
                 A_eq=np.hstack([F, np.zeros((m2, m1))]), b_eq=f,
                 bounds=[(0, None)] * n2 + [(None, None)] * m1, method="highs")
    if r1.status != 0 or r2.status != 0:
        raise GameError(f"{func}(): the LP solver failed: {r1.message} / {r2.message}")
    xf, yf = np.clip(r1.x[:n1], 0, None), np.clip(r2.x[:n2], 0, None)
    method = "sequence-form LP"
    if not sf.exact:
        x = [Fraction(float(v)) for v in xf]
        y = [Fraction(float(v)) for v in yf]
        beh = {**_behavior(sf, 0, x, y), **_behavior(sf, 1, y, x)}
        val = float(r1.x[n1:] @ f) if m2 else 0.0
        eq = Equilibrium((), (val, float(next(iter(sums))) - val), sympy.true, kind="nash", method=method,
                         exact=False, players=sf.players, space=sf.tree.space,
                         behavior={h: {a: float(p) for a, p in d.items()} for h, d in beh.items()},
                         path=_path(sf.tree, beh))
        eq = verify_sequence_form(sf, eq, tol=1e-7)
        return EquilibriumSet([eq], game=sf.tree, method=method, exact=False, complete=False,
                              space=sf.tree.space)
    # exact: solve the complementary system on the LP's supports
    tol = 1e-9
    S1 = {s for s in range(n1) if xf[s] > tol}
    S2 = {t for t in range(n2) if yf[t] > tol}
    Ai = _integer_payoffs(sf, 0)
    n = n1 + n2 + m1 + m2
    X, Y, Pp, Q = 0, n1, n1 + n2, n1 + n2 + m1
    rows, rhs = [], []
    for r in range(m1):
        rows.append([int(sf.E[r, j - X]) if X <= j < Y else 0 for j in range(n)])
        rhs.append(int(sf.e[r]))
    for r in range(m2):
        rows.append([int(sf.F[r, j - Y]) if Y <= j < Pp else 0 for j in range(n)])
        rhs.append(int(sf.f[r]))
    for s in range(n1):
        row = [0] * n
        if s in S1:  # (E'p - A y)_s = 0
            for r in range(m1):
                row[Pp + r] = int(sf.E[r, s])
            for (s2, t), v in Ai.items():
                if s2 == s:
                    row[Y + t] -= v
        else:
            row[X + s] = 1
        rows.append(row)
        rhs.append(0)
    for t in range(n2):
        row = [0] * n
        if t in S2:  # (F'q - A'x)_t = 0
            for r in range(m2):
                row[Q + r] = int(sf.F[r, t])
            for (s, t2), v in Ai.items():
                if t2 == t:
                    row[X + s] -= v
        else:
            row[Y + t] = 1
        rows.append(row)
        rhs.append(0)
    sol = _solve_exact(rows, rhs, n)
    eqs = None
    if sol is not None and all(v >= 0 for v in sol[:n1 + n2]):
        try:
            eqs = _equilibrium(sf, sol[:n1], sol[n1:n1 + n2], method)
        except GameError:
            eqs = None
    if eqs is None:
        method = "sequence-form LP (exact Lemke certificate)"
        eqs = sequence_form_lemke(sf)[0]
    return EquilibriumSet([eqs], game=sf.tree, method=method, exact=True, complete=False, space=sf.tree.space)
