"""Subgame-perfect agreements of alternating-offers bargaining, in closed form.

:func:`bargain` solves an :class:`~games.bargaining.AlternatingOffers` game:

- indefinite horizon: the stationary subgame-perfect equilibrium —
  Rubinstein's shares with asymmetric discount factors, the outside option
  principle (an option binds only if it exceeds what its holder gets without
  it), the breakdown-risk model (tends to the Nash bargaining solution as the
  breakdown probability goes to 0), and Rubinstein's fixed-cost case split;
  each binding pattern is a case with the condition under which it holds;
- deadline ``T``: backward induction; with discounting (and breakdown) a
  closed form in ``T`` (by parity when ``T`` is a symbol), otherwise the
  exact recursion; the ``T -> oo`` limit is the indefinite outcome.

:func:`preferred_horizon` says where a player prefers a deadline to
indefinite bargaining.

Every outcome is checked before it is returned: stationary demands against
the equilibrium equations, deadline closed forms against an independent
numeric backward induction at sample points.

References
----------
.. [1] A. Rubinstein, "Perfect equilibrium in a bargaining model",
   Econometrica 50(1): 97-109, 1982.
.. [2] I. Ståhl, *Bargaining Theory*, Stockholm School of Economics, 1972.
.. [3] K. Binmore, A. Rubinstein and A. Wolinsky, "The Nash bargaining
   solution in economic modelling", RAND J. Econ. 17(2): 176-188, 1986.
.. [4] K. Binmore, A. Shaked and J. Sutton, "An outside option experiment",
   Q. J. Econ. 104(4): 753-770, 1989.
.. [5] A. Muthoo, *Bargaining Theory with Applications*, Cambridge UP, 1999,
   chs. 3-5.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import sympy

from games.bargaining import AlternatingOffers
from games.errors import GameError, ParameterError, UnsupportedGame, fmt_error
from games.parameters import ParameterSpace
from games.conditions import simplify_condition
from solvers.bargaining_closed_forms import (first_share, fixed_cost_outcome, relation, stationary_outcome, tidy,
                                             with_requirements)
from solvers.bargaining_deadline import deadline_outcome
from solvers.bargaining_outcome import BargainingCase, BargainingOutcome
from solvers.results import Result, clip, point_substitution, value_at

__all__ = ["BargainingCase", "BargainingOutcome", "HorizonChoice", "bargain", "preferred_horizon"]


def bargain(game: AlternatingOffers) -> BargainingOutcome:
    """The subgame-perfect agreement of an alternating-offers game.

    Parameters
    ----------
    game : AlternatingOffers

    Returns
    -------
    BargainingOutcome
        Shares, payoffs, demands per round, round of agreement (always 1:
        with the game's inputs agreement is immediate) and the cases with
        their conditions.

    Raises
    ------
    UnsupportedGame
        For a symbolic deadline combined with outside options or costs (no
        parity closed form; give an integer ``T``).
    ParameterError
        When the game's symbolic requirements cannot hold on its space.

    Examples
    --------
    Rubinstein (1982) with asymmetric discount factors:

    >>> s = ParameterSpace({"dG": "(0, 1)", "dS": "(0, 1)"})
    >>> out = bargain(AlternatingOffers(("dG", "dS"), players=("G", "S"), space=s))
    >>> out.shares[0]
    (dS - 1)/(dG*dS - 1)

    Ståhl's deadline sequence, T = 3, common delta:

    >>> bargain(AlternatingOffers("1/2", horizon=3)).shares
    (3/4, 1/4)

    An outside option binds only if it beats the share without it:

    >>> out = bargain(AlternatingOffers("1/2", outside_options=(0, "1/2")))
    >>> out.shares, out.cases[0].label
    ((1/2, 1/2), 'outside option of player 2 binds')
    """
    if not isinstance(game, AlternatingOffers):
        raise UnsupportedGame(fmt_error("bargain", "game", "an AlternatingOffers game", type(game).__name__))
    req = game.requirements
    if req is not sympy.true and len(game.space):
        r = simplify_condition(req, game.space) if not any(s.is_integer for s in req.free_symbols) else req
        if r is sympy.false:
            raise ParameterError(fmt_error("bargain", "game", "a game whose requirements can hold on its space",
                                           game.requirements))
    if game.horizon is None:
        out = fixed_cost_outcome(game) if game.costs is not None else stationary_outcome(game)
        return out
    out = deadline_outcome(game)
    if game.costs is not None:
        return out
    try:
        limit = bargain(game.replace(horizon=None, disagreement=(0, 0)))
    except (GameError, ValueError):
        limit = None
    return BargainingOutcome(out.game, out.cases, out.method, out.exact, limit)


# --- choosing the horizon ---------------------------------------------------------

@dataclass(frozen=True, eq=False)
class HorizonChoice(Result):
    """Where a player prefers a deadline ``T`` to indefinite bargaining.

    Attributes
    ----------
    player : str
    deadline : int or sympy Symbol
    payoff_deadline, payoff_indefinite, difference : expressions
        The player's payoff under each horizon and deadline minus indefinite.
    prefer_deadline, prefer_indefinite, indifferent : sympy Boolean
        The regions (conditions) of each choice.
    """

    player: str
    deadline: Any
    payoff_deadline: Any
    payoff_indefinite: Any
    difference: Any
    prefer_deadline: Any
    prefer_indefinite: Any
    indifferent: Any

    @property
    def choice(self) -> str | None:
        """``"deadline"``, ``"indefinite"``, ``"indifferent"`` when decided everywhere, else None."""
        for name, c in (("deadline", self.prefer_deadline), ("indefinite", self.prefer_indefinite),
                        ("indifferent", self.indifferent)):
            if c is sympy.true or c is True:
                return name
        return None

    @property
    def condition(self) -> Any:
        """Where the player strictly prefers the deadline (``prefer_deadline``)."""
        return self.prefer_deadline

    def at(self, point: Mapping[Any, Any]) -> "HorizonChoice":
        """The comparison at a parameter point (names or symbols to values).

        Examples
        --------
        >>> s = ParameterSpace({"d": "(0, 1)"})
        >>> preferred_horizon(AlternatingOffers("d", space=s), deadline=2).at({"d": "1/2"}).choice
        'indefinite'
        """
        vals = (self.payoff_deadline, self.payoff_indefinite, self.difference, self.prefer_deadline,
                self.prefer_indefinite, self.indifferent)
        sub = point_substitution(point, vals + (self.deadline,), func="HorizonChoice.at")
        return HorizonChoice(self.player, value_at(self.deadline, sub), *(value_at(v, sub) for v in vals))

    def __str__(self) -> str:
        if self.choice is not None:
            return f"HorizonChoice({self.player} with deadline {self.deadline}: {self.choice})"
        return clip(f"HorizonChoice({self.player} with deadline {self.deadline}: deadline if {self.prefer_deadline}; "
                    f"indefinite if {self.prefer_indefinite})")


def preferred_horizon(game: AlternatingOffers, *, player: int | str | None = None,
                      deadline: Any = None) -> HorizonChoice:
    """Whether a player prefers a deadline or indefinite bargaining, as parameter regions.

    Parameters
    ----------
    game : AlternatingOffers
        The discounting game (its horizon is the default deadline).
    player : int or str, optional
        Who chooses; default the round-1 proposer.
    deadline : int or integer Symbol, optional
        The deadline compared with no deadline.

    Examples
    --------
    With zero disagreement payoffs the first proposer gains from a deadline
    exactly when it makes the last offer (T odd):

    >>> s = ParameterSpace({"dG": "(0, 1)", "dS": "(0, 1)"})
    >>> g = AlternatingOffers(("dG", "dS"), players=("G", "S"), space=s)
    >>> preferred_horizon(g, deadline=3).choice, preferred_horizon(g, deadline=4).choice
    ('deadline', 'indefinite')
    """
    if not isinstance(game, AlternatingOffers):
        raise UnsupportedGame(fmt_error("preferred_horizon", "game", "an AlternatingOffers game", game))
    if game.costs is not None:
        raise UnsupportedGame(fmt_error("preferred_horizon", "game", "a discounting game (not fixed costs)", game))
    if player is None:
        player = game.first
    if isinstance(player, str):
        if player not in game.players:
            raise ParameterError(fmt_error("preferred_horizon", "player", f"one of {game.players}", player))
        player = game.players.index(player)
    if player not in (0, 1):
        raise ParameterError(fmt_error("preferred_horizon", "player", "0, 1 or a player name", player))
    T = game.horizon if deadline is None else deadline
    if T is None:
        raise ParameterError(fmt_error("preferred_horizon", "deadline", "an integer or integer symbol "
                                       "(the game has no deadline)", T))
    g_T = game.replace(horizon=T)
    g_inf = game.replace(horizon=None, disagreement=(0, 0))
    u_T = bargain(g_T).payoffs[player]
    u_inf = bargain(g_inf).payoffs[player]
    diff = u_T - u_inf
    if isinstance(T, sympy.Basic):
        # Per parity, write T = 2m + 1 or T = 2m with m a positive integer: q**m is then visibly positive.
        m = sympy.Symbol("m", integer=True, positive=True)
        conds = {">": [], "<": [], "=": []}
        for par, Tm in ((1, 2 * m - 1), (0, 2 * m)):
            x1 = first_share(game.replace(horizon=None) if False else game, Tm, game.first)
            x1 = sympy.piecewise_fold(x1)
            if isinstance(x1, sympy.Piecewise):
                x1 = x1.args[0][0] if x1.args[0][1] is sympy.true else x1
            u = x1 if player == game.first else game.surplus - x1
            for op in (">", "<", "="):
                conds[op].append(sympy.And(sympy.Eq(sympy.Mod(T, 2), par), relation(u - u_inf, op, game.space)))
        pref_d, pref_i, ind = (sympy.Or(*conds[k]) for k in (">", "<", "="))
    else:
        diff = tidy(diff)
        pref_d = with_requirements(relation(diff, ">"), game)
        pref_i = with_requirements(relation(diff, "<"), game)
        ind = with_requirements(relation(diff, "="), game)
    return HorizonChoice(game.players[player], T, u_T, u_inf, diff, pref_d, pref_i, ind)
