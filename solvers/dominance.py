"""Iterated elimination of dominated strategies.

A strategy ``s`` of player ``i`` is *strictly dominated* by a mixed strategy
``sigma`` over ``i``'s other strategies if ``u_i(sigma, t) > u_i(s, t)`` for
every profile ``t`` of the other players; *weakly dominated* if ``>=``
everywhere and ``>`` somewhere. Dominance by mixed strategies is decided by
a linear programme (``scipy.optimize.linprog``); for exact games the
dominating mixture is rationalised and the inequalities are re-checked
exactly, so an exact game only loses strategies whose dominance is certified.
Symbolic games use the condition engine (:func:`games.conditions.compare`)
for pure strategies and for equal-weight mixtures of two strategies; a
comparison that depends on the parameters keeps the strategy.

Strict elimination is order-independent (Gilboa, Kalai and Zemel 1990), so
every round removes all strictly dominated strategies at once. Weak
elimination is order-dependent: it removes one strategy per round, the first
found scanning players, then strategies, in index order.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import sympy

from games.errors import UnsupportedGame, fmt_error
from solvers._support import check_game
from games.conditions import compare
from solvers.results import Result, clip, latex_value

__all__ = ["iterated_dominance", "DominanceResult", "Elimination", "dominated_strategies"]


@dataclass(frozen=True, eq=False)
class Elimination(Result):
    """One eliminated strategy.

    Attributes
    ----------
    player : str
        The player's name.
    strategy : str
        The eliminated strategy.
    dominated_by : tuple of (str, probability) pairs
        The dominating (pure or mixed) strategy, as its support with
        probabilities (sympy Rationals for exact games, floats otherwise).
    reason : str
        ``"strict pure"``, ``"strict mixed"``, ``"weak pure"`` or ``"weak mixed"``.
    round : int
        The elimination round (1-based).

    Examples
    --------
    >>> Elimination("row", "C", (("D", 1),), "strict pure", 1).reason
    'strict pure'
    """

    player: str
    strategy: str
    dominated_by: tuple
    reason: str
    round: int

    def _by(self) -> str:
        return " + ".join(str(s) if p == 1 else f"{p} {s}" for s, p in self.dominated_by)

    def __str__(self) -> str:
        return f"{self.player}: {self.strategy} dominated by {self._by()} ({self.reason}, round {self.round})"

    def to_latex(self) -> str:
        """The elimination as a line of text."""
        return latex_value(str(self))


@dataclass(frozen=True, eq=False)
class DominanceResult(Result):
    """Outcome of iterated dominance.

    Attributes
    ----------
    game : NormalFormGame
        The reduced game (surviving strategies keep their names).
    eliminated : tuple of Elimination
        In the order of elimination.
    weak : bool
        Whether weak dominance was used.
    surviving : tuple of tuples of int
        Indices (into the original game) of each player's surviving strategies.

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                   strategies=(("C", "D"), ("C", "D")))
    >>> iterated_dominance(pd).surviving
    ((1,), (1,))
    """

    game: object
    eliminated: tuple
    weak: bool
    surviving: tuple

    @property
    def solved(self) -> bool:
        """Whether one profile survives (the game is dominance solvable)."""
        return all(len(s) == 1 for s in self.surviving)

    def _surviving_names(self) -> list[str]:
        return [f"{p}: " + ", ".join(map(str, st)) for p, st in zip(self.game.players, self.game.strategies)]

    def __str__(self) -> str:
        kind = "weak" if self.weak else "strict"
        return clip(f"DominanceResult({len(self.eliminated)} eliminated by {kind} dominance; surviving "
                    + "; ".join(self._surviving_names()) + ")")

    def to_latex(self) -> str:
        """The eliminations in order, then the surviving strategies."""
        lines = [e.to_latex() for e in self.eliminated]
        lines.append(latex_value("surviving " + "; ".join(self._surviving_names())))
        return r" \\ ".join(lines)


# tighter than HiGHS' defaults (1e-7); results are re-measured anyway
_HIGHS = {"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10}


def _payoff_slices(P: np.ndarray, i: int) -> np.ndarray:
    """Player i's payoffs as a matrix: rows = own strategies, columns = others' profiles."""
    u = np.moveaxis(P[..., i], i, 0)
    return u.reshape(u.shape[0], -1)


def _frac_matrix(U) -> list[list[Fraction]]:
    return [[Fraction(int(v.p), int(v.q)) for v in row] for row in U]


def _lp_dominator(U: np.ndarray, s: int, others: list[int], weak: bool):
    """LP: a mixture over ``others`` dominating row ``s``; returns (weights, margin) or None."""
    from scipy.optimize import linprog

    k = len(others)
    R = U[others]  # k x r
    target = U[s]
    r = R.shape[1]
    scale = max(1.0, float(np.abs(U).max()))
    if not weak:
        # max eps s.t. sigma @ R - target >= eps, sum sigma = 1
        c = np.zeros(k + 1)
        c[-1] = -1.0
        A_ub = np.hstack([-R.T, np.ones((r, 1))])
        b_ub = -target
        A_eq = np.hstack([np.ones((1, k)), np.zeros((1, 1))])
        bounds = [(0, 1)] * k + [(None, None)]
        res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=[1.0], bounds=bounds, method="highs",
                      options=_HIGHS)
        if res.status != 0:
            return None
        # HiGHS accepts small constraint violations: re-measure the margin
        w = np.clip(res.x[:k], 0.0, None)
        w = w / w.sum()
        margin = float((w @ R - target).min())
        if margin <= 1e-9 * scale:
            return None
        return w, margin
    # weak: sigma @ R >= target, maximise total slack
    c = -R.sum(axis=1)
    A_ub = -R.T
    b_ub = -target
    res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=np.ones((1, k)), b_eq=[1.0], bounds=[(0, 1)] * k,
                  method="highs", options=_HIGHS)
    if res.status != 0:
        return None
    w = np.clip(res.x, 0.0, None)
    w = w / w.sum()
    slack = w @ R - target
    if slack.sum() <= 1e-9 * scale or slack.min() < -1e-9 * scale:
        return None
    return w, slack.sum()


def _certify_exact(Uf: list[list[Fraction]], s: int, others: list[int], w: np.ndarray, weak: bool):
    """Rationalise LP weights and check the dominance exactly; Fractions or None."""
    tries = [[Fraction(float(max(x, 0.0))).limit_denominator(den) for x in w]
             for den in (10, 100, 1000, 10**4, 10**6, 10**9)]
    tries.append([Fraction(float(max(x, 0.0))) for x in w])
    for fr in tries:
        tot = sum(fr)
        if tot == 0:
            continue
        fr = [x / tot for x in fr]
        diffs = [sum(fr[a] * Uf[t][c] for a, t in enumerate(others)) - Uf[s][c]
                 for c in range(len(Uf[s]))]
        if (not weak and all(d > 0 for d in diffs)) or (weak and all(d >= 0 for d in diffs)
                                                         and any(d > 0 for d in diffs)):
            return fr
    return None


def _dominated_numeric(game, i: int, weak: bool):
    """(strategy, [(dominator index, weight)], reason) for each dominated strategy of player i."""
    U = _payoff_slices(game.payoffs, i)
    k = U.shape[0]
    exact = game.is_exact
    if exact:
        Uf = _frac_matrix(U)
        Ufl = np.array([[float(v) for v in row] for row in Uf])
    else:
        Ufl = np.asarray(U, dtype=float)
        tol = 1e-12 * max(1.0, float(np.abs(Ufl).max()))
    out = []
    for s in range(k):
        found = None
        for t in range(k):
            if t == s:
                continue
            if exact:
                d = [a - b for a, b in zip(Uf[t], Uf[s])]
                ok = all(x > 0 for x in d) if not weak else (all(x >= 0 for x in d) and any(x > 0 for x in d))
            else:
                d = Ufl[t] - Ufl[s]
                ok = bool((d > tol).all()) if not weak else bool((d >= -tol).all() and (d > tol).any())
            if ok:
                found = ([(t, 1)], ("weak" if weak else "strict") + " pure")
                break
        if found is None and k > 2:
            others = [t for t in range(k) if t != s]
            lp = _lp_dominator(Ufl, s, others, weak)
            if lp is not None:
                w = lp[0]
                if exact:
                    fr = _certify_exact(Uf, s, others, w, weak)
                    if fr is not None:
                        found = ([(t, sympy.Rational(f.numerator, f.denominator))
                                  for t, f in zip(others, fr) if f != 0],
                                 ("weak" if weak else "strict") + " mixed")
                else:
                    found = ([(t, float(x)) for t, x in zip(others, w) if x > 1e-12],
                             ("weak" if weak else "strict") + " mixed")
        if found is not None:
            out.append((s, found[0], found[1]))
            if weak:
                break
    return out


def _dominated_symbolic(game, i: int, weak: bool):
    U = _payoff_slices(game.payoffs, i)
    space = game.space
    k = U.shape[0]
    half = sympy.Rational(1, 2)

    def dominates(row) -> bool:
        rels = [compare(a, b, space) for a, b in zip(row, U[s])]
        if not weak:
            return all(r == ">" for r in rels)
        return all(r in (">", ">=", "=") for r in rels) and any(r == ">" for r in rels)

    out = []
    for s in range(k):
        found = None
        for t in range(k):
            if t != s and dominates(U[t]):
                found = ([(t, sympy.Integer(1))], ("weak" if weak else "strict") + " pure")
                break
        if found is None:
            for t1, t2 in itertools.combinations([t for t in range(k) if t != s], 2):
                row = [sympy.expand(half * a + half * b) for a, b in zip(U[t1], U[t2])]
                if dominates(row):
                    found = ([(t1, half), (t2, half)], ("weak" if weak else "strict") + " mixed")
                    break
        if found is not None:
            out.append((s, found[0], found[1]))
            if weak:
                break
    return out


def dominated_strategies(game, player, *, weak: bool = False):
    """The strategies of one player dominated in ``game`` (one step, no iteration).

    Parameters
    ----------
    game : NormalFormGame
    player : int or str
    weak : bool
        Weak instead of strict dominance (then at most the first dominated
        strategy is returned).

    Returns
    -------
    list of (strategy index, ((dominator index, weight), ...), reason)

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> g = NormalFormGame.from_bimatrix([[3, 0], [0, 3], [1, 1]], [[0, 0], [0, 0], [0, 0]])
    >>> [(s, r) for s, _, r in dominated_strategies(g, 0)]
    [(2, 'strict mixed')]
    """
    check_game(game, "dominated_strategies")
    if isinstance(player, str):
        if player not in game.players:
            raise ValueError(fmt_error("dominated_strategies", "player", f"one of {game.players}", player))
        player = game.players.index(player)
    if not isinstance(player, (int, np.integer)) or not 0 <= player < game.n_players:
        raise ValueError(fmt_error("dominated_strategies", "player",
                                   f"an index below {game.n_players} or a player name", player))
    fn = _dominated_symbolic if game.is_symbolic else _dominated_numeric
    return [(s, tuple(d), r) for s, d, r in fn(game, int(player), weak)]


def iterated_dominance(game, *, weak: bool = False, max_rounds: int | None = None):
    """Iterated elimination of strictly (or weakly) dominated strategies.

    Parameters
    ----------
    game : NormalFormGame
        Float, exact or symbolic payoffs, any number of players.
    weak : bool
        Eliminate weakly dominated strategies (order-dependent: one strategy
        per round, the first found scanning players then strategies in index
        order; the result can depend on this order, see Notes).
    max_rounds : int, optional
        Stop after this many rounds.

    Returns
    -------
    DominanceResult

    Notes
    -----
    Strict dominance by mixed strategies: ``s`` is strictly dominated iff
    the LP ``max eps s.t. sum_t sigma_t u(t, .) - u(s, .) >= eps``,
    ``sigma`` in the simplex, has ``eps > 0`` (Myerson 1991, Thm 1.6: it is
    then never a best response). Exact games certify the LP's mixture in
    exact arithmetic. Iterated weak dominance may delete Nash equilibria
    and its outcome may depend on the order of elimination.

    References
    ----------
    .. [1] I. Gilboa, E. Kalai and E. Zemel (1990), "On the order of
       eliminating dominated strategies", *Operations Research Letters* 9:
       85-89.
    .. [2] R. B. Myerson (1991), *Game Theory: Analysis of Conflict*,
       Harvard University Press, sec. 1.8 and 3.1.

    Examples
    --------
    The prisoner's dilemma is solved by strict dominance.

    >>> from games.normal_form import NormalFormGame
    >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                   strategies=(("C", "D"), ("C", "D")))
    >>> r = iterated_dominance(pd)
    >>> r.game.strategies, [(e.player, e.strategy, e.reason) for e in r.eliminated]
    ((('D',), ('D',)), [('Player 1', 'C', 'strict pure'), ('Player 2', 'C', 'strict pure')])

    A strategy dominated only by a mixture:

    >>> g = NormalFormGame.from_bimatrix([[3, 0], [0, 3], [1, 1]], [[1, 0], [0, 1], [2, 2]])
    >>> iterated_dominance(g).eliminated[0].dominated_by
    (('s1', 1/2), ('s2', 1/2))
    """
    func = "iterated_dominance"
    check_game(game, func)
    if not isinstance(weak, (bool, np.bool_)):
        raise TypeError(fmt_error(func, "weak", "True or False", weak))
    if max_rounds is not None and (isinstance(max_rounds, bool) or not isinstance(max_rounds, int)
                                   or max_rounds < 0):
        raise ValueError(fmt_error(func, "max_rounds", "a nonnegative integer or None", max_rounds))
    keep = [list(range(k)) for k in game.shape]
    current = game
    eliminated = []
    rnd = 0
    while max_rounds is None or rnd < max_rounds:
        found = []
        for i in range(game.n_players):
            if len(keep[i]) == 1:
                continue
            found += [(i, s, d, r) for s, d, r in dominated_strategies(current, i, weak=weak)]
            if weak and found:
                break
        if not found:
            break
        rnd += 1
        drop = {i: set() for i in range(game.n_players)}
        for i, s, dom, reason in found:
            names = current.strategies[i]
            eliminated.append(Elimination(game.players[i], names[s],
                                          tuple((names[t], w) for t, w in dom), reason, rnd))
            drop[i].add(s)
        keep = [[orig for pos, orig in enumerate(keep[i]) if pos not in drop[i]]
                for i in range(game.n_players)]
        if any(not k for k in keep):  # cannot happen: a dominator always survives
            raise UnsupportedGame(fmt_error(func, "game", "a game where a dominator survives", game))
        current = game.restrict(keep)
    return DominanceResult(current, tuple(eliminated), bool(weak), tuple(tuple(k) for k in keep))
