"""Alternating-offers bargaining over a surplus (Rubinstein, Ståhl and extensions).

:class:`AlternatingOffers` is an immutable description of a bargaining game:
two players split a surplus by alternating proposals; the responder accepts,
rejects (bargaining goes on to the next round) or, if it has an outside
option, opts out. Time is costly through per-player discount factors
(time pressure) or, as an alternative, fixed per-round costs. The horizon is
a deadline ``T`` (limited-time negotiation: after the last rejection the
players get their disagreement payoffs) or ``None`` (indefinite
negotiation). After each rejection bargaining may break down exogenously
with probability ``breakdown``, giving the breakdown payoffs.

Conventions (round ``t = 1, 2, ...``; payoffs valued at round 1):

- agreement in round ``t`` on share ``x_i`` gives player ``i``
  ``delta_i**(t-1) * x_i`` (discounting) or ``x_i - c_i*(t-1)`` (costs);
- a responder who opts out in round ``t`` ends the game with the outside
  options ``(w_1, w_2)`` received in round ``t``;
- breakdown after a rejection in round ``t`` gives the breakdown payoffs
  received in round ``t``;
- a rejection in the last round ``T`` gives the disagreement payoffs
  received in round ``T`` (so ``T = 1`` is the ultimatum game).

The game only describes; :func:`solvers.bargaining.bargain` solves it.

References
----------
.. [1] A. Rubinstein, "Perfect equilibrium in a bargaining model",
   Econometrica 50(1): 97-109, 1982.
.. [2] I. Ståhl, *Bargaining Theory*, Stockholm School of Economics, 1972.
.. [3] K. Binmore, A. Rubinstein and A. Wolinsky, "The Nash bargaining
   solution in economic modelling", RAND J. Econ. 17(2): 176-188, 1986.
.. [4] K. Binmore, A. Shaked and J. Sutton, "An outside option experiment",
   Q. J. Econ. 104(4): 753-770, 1989.
"""

from __future__ import annotations

from numbers import Integral, Real
from typing import Any, Mapping, Sequence

import sympy

from games.errors import InvalidGame, ParameterError, fmt_error
from games.parameters import ParameterSpace, eval_srepr
from games.values import to_parameter_value

__all__ = ["AlternatingOffers"]

_F = "AlternatingOffers"


def _num(x: Any) -> bool:
    return isinstance(x, float) or (isinstance(x, sympy.Basic) and x.is_number)


def _lt(a: Any, b: Any) -> bool:
    """Exact numeric a < b (both numbers)."""
    return bool(sympy.sympify(a) < sympy.sympify(b))


class AlternatingOffers:
    """An alternating-offers bargaining game (immutable, hashable).

    Parameters
    ----------
    discount : number, expression or pair, optional
        Discount factors ``(delta_1, delta_2)`` in ``(0, 1]`` (one value is
        used for both). ``None`` means no discounting (``delta = 1``), which
        needs a deadline, costs or a breakdown risk.
    surplus : number or expression, default 1
        The size of the pie; positive.
    players : pair of str
        Player names.
    horizon : int, sympy integer Symbol or None
        The deadline ``T`` >= 1 (number of rounds) or ``None`` (indefinite).
    first : int or str, default 0
        Index or name of the player who proposes in round 1.
    disagreement : pair
        Payoffs ``(d_1, d_2)`` after the last rejection (deadline only);
        nonnegative with ``d_1 + d_2 <= surplus``.
    outside_options : pair or None
        ``(w_1, w_2)``; a responder may opt out instead of answering, which
        ends the game with these payoffs. Nonnegative, ``w_1 + w_2 <= surplus``.
    breakdown : number or expression, default 0
        Probability in ``[0, 1]`` that bargaining breaks down after a rejection.
    breakdown_payoffs : pair
        Payoffs ``(b_1, b_2)`` on breakdown; nonnegative, sum at most the surplus.
    costs : pair or None
        Fixed per-round bargaining costs ``(c_1, c_2)`` >= 0, an alternative to
        discounting (``discount`` must then be ``None``).
    space : ParameterSpace, optional
        Where the parameters live; inferred from the free symbols if omitted.
        Strings are parsed in this space.
    name : str

    Examples
    --------
    >>> g = AlternatingOffers(("1/2", "2/3"), players=("G", "S"))
    >>> g.discount, g.horizon, g.is_symbolic
    ((1/2, 2/3), None, False)
    >>> s = ParameterSpace({"dG": "(0, 1)", "dS": "(0, 1)"})
    >>> AlternatingOffers(("dG", "dS"), horizon=3, space=s).is_symbolic
    True
    >>> AlternatingOffers(1.5)
    Traceback (most recent call last):
    ...
    games.errors.ParameterError: AlternatingOffers(): discount[0] must be in (0, 1]; got 1.5
    >>> AlternatingOffers("d", space=ParameterSpace({"d": "(0, 2)"}))
    Traceback (most recent call last):
    ...
    games.errors.ParameterError: AlternatingOffers(): discount[0] must be in (0, 1] everywhere on the space (its parameters are declared as d on (0, 2); restrict their domains); got d
    """

    __slots__ = ("_surplus", "_players", "_discount", "_horizon", "_first", "_disagreement",
                 "_outside", "_breakdown", "_breakdown_payoffs", "_costs", "_space", "_name",
                 "_requirements", "_hash")

    def __init__(self, discount: Any = None, *, surplus: Any = 1, players: Sequence[str] = ("player 1", "player 2"),
                 horizon: Any = None, first: int | str = 0, disagreement: Sequence[Any] = (0, 0),
                 outside_options: Sequence[Any] | None = None, breakdown: Any = 0,
                 breakdown_payoffs: Sequence[Any] = (0, 0), costs: Sequence[Any] | None = None,
                 space: ParameterSpace | None = None, name: str = "") -> None:
        if space is not None and not isinstance(space, ParameterSpace):
            raise ParameterError(fmt_error(_F, "space", "a ParameterSpace or None", space))
        players = tuple(players)
        if len(players) != 2 or not all(isinstance(p, str) for p in players) or players[0] == players[1]:
            raise InvalidGame(fmt_error(_F, "players", "two distinct names", players))
        conv = lambda x, arg: self._value(x, arg, space)  # noqa: E731
        pair = lambda x, arg: self._pair(x, arg, space)  # noqa: E731
        S = conv(surplus, "surplus")
        if costs is not None and discount is not None:
            raise InvalidGame(fmt_error(_F, "discount", "None when per-round costs are given "
                                        "(costs are the alternative to discounting)", discount))
        delta = (sympy.Integer(1), sympy.Integer(1)) if discount is None else pair(discount, "discount")
        c = None if costs is None else pair(costs, "costs")
        d = pair(disagreement, "disagreement")
        w = None if outside_options is None else pair(outside_options, "outside_options")
        p = conv(breakdown, "breakdown")
        b = pair(breakdown_payoffs, "breakdown_payoffs")
        if isinstance(first, str):
            if first not in players:
                raise InvalidGame(fmt_error(_F, "first", f"a player index or one of {players}", first))
            first = players.index(first)
        if not isinstance(first, Integral) or isinstance(first, bool) or first not in (0, 1):
            raise InvalidGame(fmt_error(_F, "first", "0, 1 or a player name", first))
        T = self._horizon_value(horizon, space)

        req: list[Any] = []
        declared = space

        def need(cond: Any, arg: str, expected: str, got: Any, role: bool = False) -> None:
            cond = sympy.sympify(cond)
            if cond is sympy.false:
                raise ParameterError(fmt_error(_F, arg, expected, got))
            if cond is sympy.true:
                return
            if role and declared is not None:
                # the role a parameter plays fixes its domain: a discount factor declared on (0, 2)
                # would give Rubinstein shares where they are meaningless
                from games.conditions import is_valid  # lazy: the engine imports games.parameters

                if is_valid(cond, declared) is False:
                    doms = ", ".join(f"{s.name} on {declared.parameter(s.name).domain}"
                                     for s in sorted(got.free_symbols, key=lambda x: x.name))
                    raise ParameterError(fmt_error(_F, arg, f"{expected} everywhere on the space (its parameters "
                                                   f"are declared as {doms}; restrict their domains)", got))
            req.append(cond)

        need(S > 0, "surplus", "positive", S, role=True)
        for i in (0, 1):
            need(sympy.And(delta[i] > 0, delta[i] <= 1), f"discount[{i}]", "in (0, 1]", delta[i], role=True)
            need(d[i] >= 0, f"disagreement[{i}]", "nonnegative", d[i], role=True)
            need(b[i] >= 0, f"breakdown_payoffs[{i}]", "nonnegative", b[i], role=True)
            if w is not None:
                need(w[i] >= 0, f"outside_options[{i}]", "nonnegative", w[i], role=True)
            if c is not None:
                need(c[i] >= 0, f"costs[{i}]", "nonnegative", c[i], role=True)
        need(d[0] + d[1] <= S, "disagreement", "at most the surplus in total", d)
        need(b[0] + b[1] <= S, "breakdown_payoffs", "at most the surplus in total", b)
        if w is not None:
            need(w[0] + w[1] <= S, "outside_options", "at most the surplus in total", w)
        need(sympy.And(p >= 0, p <= 1), "breakdown", "a probability in [0, 1]", p, role=True)
        if T is None and c is None:
            # Indefinite bargaining needs some friction or the game has no unique solution.
            friction = sympy.Or(delta[0] * delta[1] * (1 - p) < 1)
            need(friction, "discount", "below 1 for some player (or breakdown > 0, or costs) "
                 "when the horizon is indefinite", delta)
        if T is None and c is not None and (w is not None or p != 0):
            raise InvalidGame(fmt_error(_F, "costs", "used without outside options or breakdown when the horizon "
                                        "is indefinite (Rubinstein's fixed-cost model)", c))

        syms: set = set()
        for v in (S, *delta, *d, p, *b, *(w or ()), *(c or ()), T if isinstance(T, sympy.Basic) else 0):
            if isinstance(v, sympy.Basic):
                syms |= v.free_symbols
        if space is None:
            space = ParameterSpace.from_symbols(syms) if syms else ParameterSpace.empty()
        else:
            unknown = sorted(s.name for s in syms if s.name not in space)
            if unknown:
                raise ParameterError(fmt_error(_F, "space", "a space holding every symbol of the game",
                                               f"missing {unknown}"))
        set_ = object.__setattr__
        set_(self, "_surplus", S)
        set_(self, "_players", players)
        set_(self, "_discount", delta)
        set_(self, "_horizon", T)
        set_(self, "_first", int(first))
        set_(self, "_disagreement", d)
        set_(self, "_outside", w)
        set_(self, "_breakdown", p)
        set_(self, "_breakdown_payoffs", b)
        set_(self, "_costs", c)
        set_(self, "_space", space)
        set_(self, "_name", str(name))
        set_(self, "_requirements", sympy.And(*req) if req else sympy.true)
        set_(self, "_hash", None)

    # --- conversion helpers ----------------------------------------------
    @staticmethod
    def _value(x: Any, arg: str, space: ParameterSpace | None) -> Any:
        return to_parameter_value(x, space, func=_F, arg=arg)

    @classmethod
    def _pair(cls, x: Any, arg: str, space: ParameterSpace | None) -> tuple:
        if isinstance(x, (str, Real, sympy.Basic)) and not isinstance(x, bool):
            v = cls._value(x, arg, space)
            return (v, v)
        try:
            items = tuple(x)
        except TypeError:
            raise InvalidGame(fmt_error(_F, arg, "a number or a pair of numbers", x)) from None
        if len(items) != 2:
            raise InvalidGame(fmt_error(_F, arg, "a pair (player 1, player 2)", x))
        return tuple(cls._value(v, f"{arg}[{i}]", space) for i, v in enumerate(items))

    @staticmethod
    def _horizon_value(T: Any, space: ParameterSpace | None) -> Any:
        if T is None:
            return None
        if isinstance(T, str) and space is not None:
            T = space.sympify(T, func=_F, arg="horizon")
        if isinstance(T, sympy.Symbol):
            if space is not None and T.name in space:
                T = space.symbol(T.name)
            if not (T.is_integer and T.is_positive):
                raise ParameterError(fmt_error(_F, "horizon", "a positive integer, None, or a symbol with "
                                               "domain 'positive_integer'", T))
            return T
        if isinstance(T, sympy.Integer):
            T = int(T)
        if not isinstance(T, Integral) or isinstance(T, bool) or T < 1:
            raise ParameterError(fmt_error(_F, "horizon", "a positive integer (number of rounds) or None", T))
        return int(T)

    # --- accessors -------------------------------------------------------
    def __setattr__(self, key: str, value: Any) -> None:
        raise AttributeError("AlternatingOffers is immutable")

    def __reduce__(self):
        # pickling (process pools, dask workers) goes through the rebuild law
        return (AlternatingOffers.from_dict, (self.to_dict(),))

    surplus = property(lambda self: self._surplus, doc="The size of the pie.")
    players = property(lambda self: self._players, doc="The two player names.")
    discount = property(lambda self: self._discount, doc="Discount factors (1 when not discounting).")
    horizon = property(lambda self: self._horizon, doc="Deadline T (int or integer Symbol) or None.")
    first = property(lambda self: self._first, doc="Index of the round-1 proposer.")
    disagreement = property(lambda self: self._disagreement, doc="Payoffs after the last rejection.")
    outside_options = property(lambda self: self._outside, doc="Outside options or None.")
    breakdown = property(lambda self: self._breakdown, doc="Breakdown probability per rejection.")
    breakdown_payoffs = property(lambda self: self._breakdown_payoffs, doc="Payoffs on breakdown.")
    costs = property(lambda self: self._costs, doc="Per-round costs or None.")
    space = property(lambda self: self._space, doc="The ParameterSpace.")
    name = property(lambda self: self._name, doc="A label.")
    requirements = property(lambda self: self._requirements,
                            doc="Validity conditions on symbolic inputs (sympy Boolean; True when numeric).")

    def _values(self) -> tuple:
        T = self._horizon if isinstance(self._horizon, sympy.Basic) else 0
        return (self._surplus, *self._discount, *self._disagreement, self._breakdown,
                *self._breakdown_payoffs, *(self._outside or ()), *(self._costs or ()), T)

    @property
    def free_symbols(self) -> set:
        """Symbols the game depends on."""
        out: set = set()
        for v in self._values():
            if isinstance(v, sympy.Basic):
                out |= v.free_symbols
        return out

    @property
    def is_symbolic(self) -> bool:
        """Whether any input is a symbolic expression."""
        return bool(self.free_symbols)

    @property
    def is_exact(self) -> bool:
        """Whether every input is exact (sympy numbers or expressions, no floats)."""
        return not any(isinstance(v, float) for v in self._values())

    @property
    def is_finite(self) -> bool:
        """Whether the horizon is a deadline."""
        return self._horizon is not None

    def replace(self, **changes: Any) -> "AlternatingOffers":
        """A copy with some fields changed (e.g. ``horizon=None``).

        Examples
        --------
        >>> AlternatingOffers("1/2", horizon=4).replace(horizon=None).horizon is None
        True
        """
        kw = dict(discount=None if self._costs is not None else self._discount, surplus=self._surplus,
                  players=self._players, horizon=self._horizon, first=self._first,
                  disagreement=self._disagreement, outside_options=self._outside, breakdown=self._breakdown,
                  breakdown_payoffs=self._breakdown_payoffs, costs=self._costs, space=self._space,
                  name=self._name)
        if "costs" in changes and changes["costs"] is not None and "discount" not in changes:
            kw["discount"] = None
        kw.update(changes)
        return AlternatingOffers(**kw)

    def subs(self, point: Mapping[Any, Any]) -> "AlternatingOffers":
        """The numeric game at a point of the space (exact stays exact).

        Examples
        --------
        >>> s = ParameterSpace({"d": "(0, 1)"})
        >>> AlternatingOffers("d", space=s).subs({"d": "1/3"}).discount
        (1/3, 1/3)
        """
        sub = self._space.point(point, func="AlternatingOffers.subs")

        def f(v: Any) -> Any:
            if isinstance(v, sympy.Basic) and not v.is_number:
                r = sympy.sympify(v.xreplace(sub))
                return float(r) if any(isinstance(x, float) for x in sub.values()) and r.is_number \
                    and not r.is_Rational else r
            return v

        T = self._horizon
        if isinstance(T, sympy.Basic):
            T = int(T.xreplace(sub))
        return AlternatingOffers(None if self._costs is not None else tuple(map(f, self._discount)),
                                 surplus=f(self._surplus), players=self._players, horizon=T, first=self._first,
                                 disagreement=tuple(map(f, self._disagreement)),
                                 outside_options=None if self._outside is None else tuple(map(f, self._outside)),
                                 breakdown=f(self._breakdown), breakdown_payoffs=tuple(map(f, self._breakdown_payoffs)),
                                 costs=None if self._costs is None else tuple(map(f, self._costs)), name=self._name)

    # --- identity --------------------------------------------------------
    def _hashable_content(self) -> tuple:
        return (self._surplus, self._players, self._discount, self._horizon, self._first, self._disagreement,
                self._outside, self._breakdown, self._breakdown_payoffs, self._costs, self._space, self._name)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AlternatingOffers):
            return NotImplemented
        return self._hashable_content() == other._hashable_content()

    def __hash__(self) -> int:
        if self._hash is None:
            object.__setattr__(self, "_hash", hash(self._hashable_content()))
        return self._hash

    def __repr__(self) -> str:
        T = "indefinite" if self._horizon is None else f"T={self._horizon}"
        fr = f"costs={self._costs}" if self._costs is not None else f"discount={self._discount}"
        return f"AlternatingOffers({fr}, {T}, players={self._players}, first={self._players[self._first]!r})"

    def to_dict(self) -> dict:
        """A JSON-ready dict; :meth:`from_dict` rebuilds an equal game.

        Examples
        --------
        >>> g = AlternatingOffers(("1/2", 0.25), horizon=3, outside_options=(0, "1/5"))
        >>> AlternatingOffers.from_dict(g.to_dict()) == g
        True
        """
        def enc(v: Any) -> Any:
            if v is None:
                return None
            if isinstance(v, tuple):
                return [enc(x) for x in v]
            if isinstance(v, float):
                return v
            if isinstance(v, int):
                return v
            return {"srepr": sympy.srepr(v)}

        return {"kind": "AlternatingOffers", "surplus": enc(self._surplus), "players": list(self._players),
                "discount": enc(self._discount), "horizon": enc(self._horizon), "first": self._first,
                "disagreement": enc(self._disagreement), "outside_options": enc(self._outside),
                "breakdown": enc(self._breakdown), "breakdown_payoffs": enc(self._breakdown_payoffs),
                "costs": enc(self._costs), "space": self._space.to_dict(), "name": self._name}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "AlternatingOffers":
        """Rebuild a game from :meth:`to_dict` output."""
        if not isinstance(d, Mapping) or d.get("kind") != "AlternatingOffers":
            raise InvalidGame(fmt_error("AlternatingOffers.from_dict", "d", "a dict from AlternatingOffers.to_dict", d))

        def dec(v: Any) -> Any:
            if isinstance(v, list):
                return tuple(dec(x) for x in v)
            if isinstance(v, Mapping):
                return eval_srepr(v["srepr"])
            return v

        space = ParameterSpace.from_dict(d["space"])
        costs = dec(d["costs"])
        return cls(None if costs is not None else dec(d["discount"]), surplus=dec(d["surplus"]),
                   players=tuple(d["players"]), horizon=dec(d["horizon"]), first=d["first"],
                   disagreement=dec(d["disagreement"]), outside_options=dec(d["outside_options"]),
                   breakdown=dec(d["breakdown"]), breakdown_payoffs=dec(d["breakdown_payoffs"]), costs=costs,
                   space=space, name=d["name"])
