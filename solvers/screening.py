"""Bargaining with hidden information: two-period screening by a proposer.

A seller (the proposer, e.g. a government letting a contract) makes a
take-it-or-leave-it offer in each of two periods to a buyer (the responder)
whose value is private; after period 2 the negotiation ends. The seller
cannot commit not to lower the price, so it screens through delay.

- :func:`screening_two_types`: values ``high`` (prior ``prior_high``) and
  ``low``; the perfect Bayesian equilibrium is *pooling* (price ``low`` at
  once), *screening* (the high type buys at once at
  ``(1 - delta_b) high + delta_b low``, the low type is served with delay
  at ``low``), or the *high-price* case (price ``high`` in both periods; the
  high type randomises so that the seller is indifferent in period 2, the
  low type never buys). Each regime comes with its condition on the prior
  and the discount factors.
- :func:`screening_uniform`: values uniform on ``[0, v]``.

References
----------
.. [1] D. Fudenberg and J. Tirole, "Sequential bargaining with incomplete
   information", Rev. Econ. Stud. 50(2): 221-247, 1983.
.. [2] J. Sobel and I. Takahashi, "A multistage model of bargaining",
   Rev. Econ. Stud. 50(3): 411-426, 1983.
.. [3] D. Fudenberg and J. Tirole, *Game Theory*, MIT Press, 1991, §10.2.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import sympy

from games.errors import ParameterError, fmt_error
from games.parameters import ParameterSpace
from games.values import to_parameter_value
from games.conditions import is_satisfiable, is_valid, reduce_condition, require_condition, simplify_condition
from solvers.arguments import argument_value, space_for
from solvers.results import Regime, Result, clip, point_substitution, value_at

__all__ = ["ScreeningRegime", "ScreeningOutcome", "screening_two_types", "UniformScreening", "screening_uniform"]


#: The regimes of :func:`screening_two_types` are :class:`~solvers.results.Regime` objects: ``label``
#: (also ``name``) is ``"pooling"``, ``"screening"`` or ``"high-price"``; ``data`` holds ``prices``
#: (period-1 and period-2 prices on the path), ``profit`` (the seller's expected payoff valued at
#: period 1), ``buy_high`` and ``buy_low`` (each type's probability of buying in period 1 and,
#: not having bought, in period 2) and ``expected_delay`` (probability that trade happens only in
#: period 2 or never). Ties go to the earlier regime in the order pooling, screening, high-price.
ScreeningRegime = Regime


def _screening_regime(name: str, condition: Any, prices: tuple, profit: Any, buy_high: tuple, buy_low: tuple,
                      expected_delay: Any, space: ParameterSpace | None) -> Regime:
    return Regime(condition, label=name, data={"prices": prices, "profit": profit, "buy_high": buy_high,
                                                "buy_low": buy_low, "expected_delay": expected_delay},
                  space=space if space is not None and len(space) else None)


@dataclass(frozen=True, eq=False)
class ScreeningOutcome(Result):
    """The perfect Bayesian equilibrium regimes of two-period, two-type screening.

    Attributes
    ----------
    regimes : tuple of Regime
        Each with its condition and payload (see ``ScreeningRegime``).
    space : ParameterSpace
    method : str
    exact : bool
    complete : bool
        Always True: the regimes cover the space.
    """

    regimes: tuple
    space: ParameterSpace
    method: str = "perfect Bayesian equilibrium (closed form)"
    exact: bool = True
    complete: bool = True

    def regime(self, name: str) -> Regime:
        """The regime called ``name``."""
        for r in self.regimes:
            if r.label == name:
                return r
        raise ParameterError(fmt_error("ScreeningOutcome.regime", "name", [r.label for r in self.regimes], name))

    def at(self, point: Mapping[Any, Any]) -> Regime:
        """The regime that holds at a numeric point, with numbers substituted.

        Examples
        --------
        >>> screening_two_types(2, 1, "1/4", "1/2").at({}).name
        'pooling'
        """
        sub = self.space.point(point, func="ScreeningOutcome.at") if len(self.space) else {}
        for r in self.regimes:
            out = r.at(sub)
            if out is not None and out.condition is sympy.true:
                return out
        raise ParameterError(fmt_error("ScreeningOutcome.at", "point", "a point where a regime holds", point))

    @property
    def condition(self) -> Any:
        """Where some regime holds (the disjunction of the regimes' conditions)."""
        return sympy.Or(*(r.condition for r in self.regimes))

    def to_latex(self) -> str:
        """One line per regime: its prices, profit and condition."""
        return r" \\ ".join(r.to_latex() for r in self.regimes)

    def __str__(self) -> str:
        return clip("ScreeningOutcome(" + "; ".join(
            f"{r.label}: prices {tuple(map(str, r.prices))}" + ("" if r.condition is sympy.true else
                                                                 f" if {r.condition}") for r in self.regimes) + ")")


def screening_two_types(high: Any, low: Any, prior_high: Any, discount: Any, *, discount_buyer: Any = None,
                        space: ParameterSpace | None = None) -> ScreeningOutcome:
    """Two-period screening of a responder with two possible values.

    Parameters
    ----------
    high, low : number or expression
        The buyer's (responder's) value, ``high > low > 0``.
    prior_high : number or expression
        Prior probability of the high value, in ``(0, 1)``.
    discount : number or expression
        The seller's discount factor in ``(0, 1)``.
    discount_buyer : optional
        The buyer's discount factor (default: ``discount``).
    space : ParameterSpace, optional

    Returns
    -------
    ScreeningOutcome
        The regimes with their conditions; the pooling and screening regimes
        are compared with the high-price regime only where the latter exists
        (``prior_high * high > low``).

    Examples
    --------
    >>> out = screening_two_types(2, 1, "3/4", "1/2", discount_buyer="3/4")
    >>> out.at({}).name, out.at({}).prices, out.at({}).profit
    ('high-price', (2, 2), 5/4)
    >>> screening_two_types(2, 1, "3/4", "1/2", discount_buyer="1/4").at({}).prices
    (7/4, 1)
    >>> s = ParameterSpace({"mu": "(0, 1)", "d": "(0, 1)"})
    >>> out = screening_two_types(2, 1, "mu", "d", space=s)
    >>> out.regime("high-price").condition
    d + 2*mu > 2

    Equal discount factors do not rule screening out: with ``high = 2``,
    ``low = 1`` it is strictly optimal for ``1/2 < mu < 1 - d/2``.

    >>> screening_two_types(2, 1, "3/5", "1/2").at({}).profit
    11/10
    """
    func = "screening_two_types"
    h, l, mu, ds = (argument_value(x, space, func=func, arg=a) for x, a in ((high, "high"), (low, "low"),
                                                        (prior_high, "prior_high"), (discount, "discount")))
    db = ds if discount_buyer is None else argument_value(discount_buyer, space, func=func, arg="discount_buyer")
    space = space_for([h, l, mu, ds, db], space)
    require_condition(l > 0, space, func=func, arg="low", expected="positive", got=l)
    require_condition(h > l, space, func=func, arg="high", expected="greater than low", got=h)
    require_condition(sympy.And(mu > 0, mu < 1), space, func=func, arg="prior_high", expected="in (0, 1)", got=mu)
    require_condition(sympy.And(ds > 0, ds < 1), space, func=func, arg="discount", expected="in (0, 1)", got=ds)
    require_condition(sympy.And(db > 0, db < 1), space, func=func, arg="discount_buyer", expected="in (0, 1)", got=db)

    # Pooling: price low at once, both types buy.
    pi_pool = l
    # Screening: the high type is indifferent between buying now and at `low` tomorrow.
    p1_scr = (1 - db) * h + db * l
    pi_scr = mu * p1_scr + (1 - mu) * ds * l
    # High price: p1 = p2 = high; the high type buys now with probability beta so that the
    # seller's posterior makes it indifferent in period 2 (posterior = low/high).
    beta = sympy.cancel((mu * (h - l) - (1 - mu) * l) / (mu * (h - l)))
    pi_high = sympy.cancel(mu * h - (1 - ds) * (1 - mu) * h * l / (h - l))
    exists_high = mu * h - l > 0

    def ge(a: Any, b: Any) -> Any:
        return sympy.factor(sympy.cancel(a - b)) >= 0

    def gt(a: Any, b: Any) -> Any:
        return sympy.factor(sympy.cancel(a - b)) > 0

    c_pool = sympy.And(ge(pi_pool, pi_scr), sympy.Or(sympy.Not(exists_high), ge(pi_pool, pi_high)))
    c_scr = sympy.And(gt(pi_scr, pi_pool), sympy.Or(sympy.Not(exists_high), ge(pi_scr, pi_high)))
    c_high = sympy.And(exists_high, gt(pi_high, pi_pool), gt(pi_high, pi_scr))
    one, zero = sympy.Integer(1), sympy.Integer(0)
    regimes = [
        _screening_regime("pooling", reduce_condition(c_pool, space), (l, l), pi_pool, (one, zero), (one, zero),
                          zero, space),
        _screening_regime("screening", reduce_condition(c_scr, space), (sympy.factor(p1_scr), l),
                          sympy.expand(pi_scr), (one, zero), (zero, one), 1 - mu, space),
        _screening_regime("high-price", reduce_condition(c_high, space), (h, h), pi_high, (beta, one),
                          (zero, zero), sympy.cancel(1 - mu * beta), space),
    ]
    regimes = tuple(r for r in regimes if r.condition is not sympy.false)
    _verify_two_types(regimes, h, l, mu, ds, db)
    exact = not any(isinstance(x, float) or (isinstance(x, sympy.Basic) and x.has(sympy.Float))
                    for x in (h, l, mu, ds, db))
    return ScreeningOutcome(regimes, space, exact=exact)


def _zero(e: Any) -> bool:
    e = sympy.sympify(e)
    if e.is_number:
        return abs(complex(e)) <= 1e-9
    return sympy.simplify(e) == 0


def _verify_two_types(regimes: tuple, h: Any, l: Any, mu: Any, ds: Any, db: Any) -> None:
    """Certificate: the profit formula equals the path's expected revenue and incentives hold."""
    for r in regimes:
        p1, p2 = r.prices
        bh, bl = r.buy_high, r.buy_low
        revenue = mu * (bh[0] * p1 + (1 - bh[0]) * bh[1] * ds * p2) + (1 - mu) * (bl[0] * p1 + (1 - bl[0]) * bl[1] * ds * p2)
        if not _zero(revenue - r.profit):
            raise ParameterError(f"screening_two_types(): internal check failed for {r.name}")
        if r.name == "screening":  # high type indifferent between buying now and waiting for `low`
            if not _zero((h - p1) - db * (h - l)):
                raise ParameterError("screening_two_types(): internal check failed (incentive)")
        if r.name == "high-price":  # posterior after rejection equals low/high
            post = mu * (1 - bh[0]) / (mu * (1 - bh[0]) + 1 - mu)
            if not _zero(post - l / h):
                raise ParameterError("screening_two_types(): internal check failed (posterior)")


@dataclass(frozen=True, eq=False)
class UniformScreening(Result):
    """Two-period screening with values uniform on ``[0, v]``.

    Attributes
    ----------
    cutoff : expression
        The highest value type that waits: types above it buy in period 1.
    prices : tuple
        Period-1 and period-2 prices.
    profit : expression
        The seller's expected payoff.
    share_delayed : expression
        The probability that the buyer does not buy in period 1.
    method, exact
        Provenance.
    """

    cutoff: Any
    prices: tuple
    profit: Any
    share_delayed: Any
    method: str = "perfect Bayesian equilibrium (closed form)"
    exact: bool = True

    def at(self, point: Mapping[Any, Any]) -> "UniformScreening":
        """The numbers at a parameter point (names or symbols to values).

        Examples
        --------
        >>> screening_uniform("d", space=ParameterSpace({"d": "(0, 1)"})).at({"d": "1/2"}).cutoff
        3/5
        """
        vals = (self.cutoff, self.prices, self.profit, self.share_delayed)
        sub = point_substitution(point, vals, func="UniformScreening.at")
        return UniformScreening(*(value_at(v, sub) for v in vals), self.method, self.exact)

    def __str__(self) -> str:
        return (f"UniformScreening(cutoff {self.cutoff}, prices {tuple(map(str, self.prices))}, "
                f"profit {self.profit})")


def screening_uniform(discount: Any, *, discount_buyer: Any = None, value: Any = 1,
                      space: ParameterSpace | None = None) -> UniformScreening:
    """Two-period screening with a uniform continuum of buyer values.

    In period 2, facing values uniform on ``[0, k]``, the seller charges
    ``k/2``; the period-1 cutoff type is indifferent, ``k - p1 = delta_b k/2``;
    the seller chooses ``k`` to maximise ``p1 (v - k)/v + delta_s k^2/(4 v)``.

    Examples
    --------
    >>> s = ParameterSpace({"d": "(0, 1)"})
    >>> r = screening_uniform("d", space=s)
    >>> r.prices[0], r.cutoff
    (-(d - 2)**2/(2*(3*d - 4)), (d - 2)/(3*d - 4))
    """
    func = "screening_uniform"
    ds = argument_value(discount, space, func=func, arg="discount")
    db = ds if discount_buyer is None else argument_value(discount_buyer, space, func=func, arg="discount_buyer")
    v = argument_value(value, space, func=func, arg="value")
    space = space_for([ds, db, v], space)
    require_condition(sympy.And(ds > 0, ds < 1), space, func=func, arg="discount", expected="in (0, 1)", got=ds)
    require_condition(sympy.And(db > 0, db < 1), space, func=func, arg="discount_buyer", expected="in (0, 1)", got=db)
    require_condition(v > 0, space, func=func, arg="value", expected="positive", got=v)
    k = sympy.Symbol("k", positive=True)
    p1 = k * (1 - db / 2)
    profit = p1 * (v - k) / v + ds * k ** 2 / (4 * v)
    (kstar,) = sympy.solve(sympy.diff(profit, k), k)
    # Certificate: a maximum (profit is a concave quadratic in k) inside [0, v]. `_zero` tolerates
    # float round-off (an exact `!= 0` test rejected valid float inputs such as value=0.75).
    if not _zero(sympy.diff(profit, k, 2) - (ds - 2 * (2 - db)) / (2 * v)):
        raise ParameterError("screening_uniform(): internal check failed (second-order condition)")
    kstar = sympy.factor(kstar)
    if kstar.is_number and not 0 < kstar <= v * (1 + 1e-12):
        raise ParameterError("screening_uniform(): internal check failed (cutoff outside [0, value])")
    exact = not any(isinstance(x, float) or (isinstance(x, sympy.Basic) and x.has(sympy.Float)) for x in (ds, db, v))
    return UniformScreening(kstar, (sympy.factor(p1.subs(k, kstar)), sympy.factor(kstar / 2)),
                            sympy.factor(profit.subs(k, kstar)), sympy.factor(kstar / v), exact=exact)
