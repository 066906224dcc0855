"""The result of :func:`solvers.bargaining.bargain`: :class:`BargainingOutcome` and its cases."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import sympy

from games.bargaining import AlternatingOffers
from games.errors import GameError, ParameterError, fmt_error
from games.parameters import ParameterSpace
from solvers.results import Regime, Result, clip

__all__ = ["BargainingCase", "BargainingOutcome", "make_case"]


#: The cases of a :class:`BargainingOutcome` are :class:`~solvers.results.Regime` objects:
#: ``label`` says what binds (``"no outside option binds"``, ``"outside option of S binds"``,
#: ``"c_1 < c_2"`` ...), ``condition`` where the case is the outcome, and ``data`` holds
#: ``shares`` (each player's share of the surplus), ``payoffs`` (valued at round 1), ``demands``
#: (the proposer's demand in every round ``1..T`` for an integer deadline; the two stationary
#: demands, round-1 proposer first, for the indefinite horizon; the round-1 demand only for a
#: symbolic deadline), ``agreement_round`` (1: immediate), ``unique`` (False for Rubinstein's
#: equal-cost continuum) and ``share_interval`` (then the interval of the round-1 proposer's shares).
BargainingCase = Regime


def make_case(label: str, condition: Any, shares: tuple, payoffs: tuple, demands: tuple, agreement_round: int = 1,
              unique: bool = True, share_interval: tuple | None = None) -> Regime:
    """One case of a :class:`BargainingOutcome`: a :class:`~solvers.results.Regime` with the bargaining data.

    Parameters
    ----------
    label : str
        What binds in this case.
    condition : sympy Boolean
        Where the case is the outcome.
    shares, payoffs, demands : tuple
        See :data:`BargainingCase`.
    agreement_round : int
        1 for immediate agreement.
    unique : bool
        False for a continuum of equilibria.
    share_interval : tuple, optional
        The round-1 proposer's shares when not unique.

    Examples
    --------
    >>> c = make_case("stationary", sympy.true, ("2/3", "1/3"), ("2/3", "1/3"), ("2/3", "2/3"))
    >>> c.label, c.shares, c.agreement_round
    ('stationary', ('2/3', '1/3'), 1)
    """
    return Regime(condition, label=label, data={"shares": tuple(shares), "payoffs": tuple(payoffs),
                                                "demands": tuple(demands), "agreement_round": agreement_round,
                                                "unique": unique, "share_interval": share_interval})


@dataclass(frozen=True, eq=False)
class BargainingOutcome(Result):
    """The subgame-perfect agreement of an alternating-offers game.

    Attributes
    ----------
    game : AlternatingOffers
    cases : tuple of Regime
        One case per regime (e.g. which outside option binds), each with its
        condition; exactly one holds at any point of the space.
    method : str
    exact : bool
    limit : BargainingOutcome or None
        For a deadline game with discounting: the outcome as ``T -> oo``
        (the indefinite game).

    Examples
    --------
    >>> from solvers.bargaining import bargain
    >>> out = bargain(AlternatingOffers(("1/2", "2/3")))
    >>> out.shares
    (1/2, 1/2)
    >>> out.at({}).payoffs
    (1/2, 1/2)
    """

    game: AlternatingOffers
    cases: tuple
    method: str
    exact: bool
    limit: "BargainingOutcome | None" = None

    @property
    def players(self) -> tuple:
        return self.game.players

    @property
    def space(self) -> ParameterSpace:
        return self.game.space

    def _piecewise(self, attr: str) -> tuple:
        if len(self.cases) == 1:
            return getattr(self.cases[0], attr)
        n = len(getattr(self.cases[0], attr))
        return tuple(sympy.Piecewise(*[(getattr(c, attr)[i], c.condition) for c in self.cases])
                     for i in range(n))

    @property
    def shares(self) -> tuple:
        """Each player's share (a Piecewise over the cases when there are several)."""
        return self._piecewise("shares")

    @property
    def payoffs(self) -> tuple:
        """Each player's payoff (a Piecewise over the cases when there are several)."""
        return self._piecewise("payoffs")

    @property
    def demands(self) -> tuple:
        """Demands by round (see :class:`BargainingCase`); Piecewise when several cases."""
        if len(self.cases) == 1:
            return self.cases[0].demands
        if len({len(c.demands) for c in self.cases}) != 1:
            raise GameError("BargainingOutcome.demands: cases differ; read .cases")
        return self._piecewise("demands")

    @property
    def agreement_round(self) -> int:
        """The round of agreement (immediate agreement: 1)."""
        return min(c.agreement_round for c in self.cases)

    @property
    def condition(self) -> Any:
        """Where the outcome is defined: the disjunction of the case conditions."""
        return sympy.Or(*[c.condition for c in self.cases])

    def at(self, point: Mapping[Any, Any]) -> "BargainingOutcome":
        """The numeric outcome at a point: the one case that holds there.

        Examples
        --------
        >>> from solvers.bargaining import bargain
        >>> s = ParameterSpace({"d": "(0, 1)"})
        >>> bargain(AlternatingOffers("d", space=s)).at({"d": "1/2"}).shares
        (2/3, 1/3)
        """
        sub = self.space.point(point, func="BargainingOutcome.at") if len(self.space) else {}
        kept = [cc for cc in (c.at(sub) for c in self.cases) if cc is not None]
        if not kept:
            raise ParameterError(fmt_error("BargainingOutcome.at", "point", "a point where some case holds", point))
        sure = [c for c in kept if c.condition is sympy.true]
        kept = sure[:1] if sure else kept
        game = self.game.subs(point) if len(self.space) else self.game
        limit = self.limit.at(point) if self.limit is not None and not self.game.horizon is None else None
        return BargainingOutcome(game, tuple(kept), self.method, self.exact, limit)

    def to_latex(self) -> str:
        """LaTeX: the shares of each case with its condition.

        Examples
        --------
        >>> from solvers.bargaining import bargain
        >>> s = ParameterSpace({"a": "(0, 1)", "b": "(0, 1)"})
        >>> print(bargain(AlternatingOffers(("a", "b"), players=("G", "S"), space=s)).to_latex())
        x_{G} = \\frac{b - 1}{a b - 1},\\; x_{S} = \\frac{b \\left(a - 1\\right)}{a b - 1}
        """
        lines = []
        for c in self.cases:
            sh = r",\; ".join(f"x_{{{p}}} = {sympy.latex(v)}" for p, v in zip(self.players, c.shares))
            if c.condition is sympy.true:
                lines.append(sh)
            else:
                lines.append(sh + r" \quad \text{if } " + sympy.latex(c.condition))
        return r" \\ ".join(lines)

    def _repr_latex_(self) -> str:
        return "$" + self.to_latex() + "$"

    def __str__(self) -> str:
        """The shares of each case, named by player, with its condition."""
        parts = []
        for c in self.cases:
            sh = ", ".join(f"{p} {_short(v)}" for p, v in zip(self.players, c.shares))
            parts.append((f"[{c.label}] " if c.label else "") + "shares " + sh +
                         ("" if c.condition is sympy.true else f" if {_short(c.condition)}"))
        return clip("BargainingOutcome(" + "; ".join(parts) + ")")


def _short(v: Any) -> str:
    s = f"{v:.6g}" if isinstance(v, float) else str(v)
    return s if len(s) <= 200 else s[:197] + "..."
