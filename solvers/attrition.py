"""Optimism and attrition: two sources of delay in negotiation.

- :func:`optimism_two_period`: each side's subjective probability of making
  the final (take-it-or-leave-it) offer; agreement is delayed iff the two
  are jointly over-optimistic, ``delta (p_1 + p_2) > 1``.
- :func:`war_of_attrition`: the symmetric war of attrition; in the
  symmetric equilibrium each side quits at the constant hazard
  ``cost / value``, the contest lasts ``value / (2 cost)`` on average and the
  prize is fully dissipated (expected payoff 0).

References
----------
.. [1] M. Yildiz, "Bargaining without a common prior - an immediate
   agreement theorem", Econometrica 71(3): 793-811, 2003.
.. [2] M. Yildiz, "Bargaining with optimism", Annu. Rev. Econ. 3: 451-478, 2011.
.. [3] J. Maynard Smith, "The theory of games and the evolution of animal
   conflicts", J. Theor. Biol. 47: 209-221, 1974.
.. [4] D. T. Bishop and C. Cannings, "A generalized war of attrition",
   J. Theor. Biol. 70: 85-124, 1978.
.. [5] D. Fudenberg and J. Tirole, *Game Theory*, MIT Press, 1991, §4.5.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import sympy

from games.errors import ParameterError
from games.parameters import ParameterSpace
from games.conditions import reduce_condition, require_condition
from solvers.arguments import argument_value, space_for
from solvers.results import Result

__all__ = ["OptimismOutcome", "optimism_two_period", "WarOfAttrition", "war_of_attrition"]


@dataclass(frozen=True, eq=False)
class OptimismOutcome(Result):
    """The two-period optimism model.

    Attributes
    ----------
    delay : sympy Boolean
        Condition for delay: ``delta (p_1 + p_2) > 1``.
    shares_if_agreement : tuple
        Period-1 split (player 1 proposes) when agreement is immediate.
    payoffs_if_delay : tuple
        Expected payoffs (objective probability ``q`` that player 1 makes the
        final offer) when agreement is delayed to period 2.
    """

    delay: Any
    shares_if_agreement: tuple
    payoffs_if_delay: tuple

    def at(self, point: Mapping[Any, Any]) -> "OptimismOutcome":
        """The outcome at a parameter point (names to values).

        Examples
        --------
        >>> s = ParameterSpace({"p1": "[0, 1]", "p2": "[0, 1]", "d": "(0, 1)"})
        >>> optimism_two_period("p1", "p2", "d", space=s).at({"p1": 1, "p2": 1, "d": "2/3"}).delay
        True
        """
        return self._substituted(point, "OptimismOutcome.at")

    def __str__(self) -> str:
        return (f"OptimismOutcome(delay if {self.delay}; shares if agreement "
                f"{tuple(map(str, self.shares_if_agreement))})")


def optimism_two_period(p1: Any, p2: Any, discount: Any, *, surplus: Any = 1, objective: Any = None,
                        space: ParameterSpace | None = None) -> OptimismOutcome:
    """Delay from optimism: each side believes it makes the final offer with probability ``p_i``.

    Period 1: player 1 proposes; player 2 accepts or rejects. Period 2 (the
    last): nature picks who makes a take-it-or-leave-it offer. Player ``i``
    expects ``delta p_i S`` from rejecting, so an agreement acceptable to
    both exists iff ``delta (p_1 + p_2) <= 1``.

    Examples
    --------
    >>> s = ParameterSpace({"p1": "[0, 1]", "p2": "[0, 1]", "d": "(0, 1)"})
    >>> optimism_two_period("p1", "p2", "d", space=s).delay
    d*p1 + d*p2 > 1
    >>> optimism_two_period("3/4", "3/4", "9/10").delay
    True
    """
    func = "optimism_two_period"
    a, b, d, S = (argument_value(x, space, func=func, arg=n) for x, n in ((p1, "p1"), (p2, "p2"), (discount, "discount"),
                                                       (surplus, "surplus")))
    q = sympy.Rational(1, 2) if objective is None else argument_value(objective, space, func=func, arg="objective")
    space = space_for([a, b, d, S, q], space)
    for v, n in ((a, "p1"), (b, "p2"), (q, "objective")):
        require_condition(sympy.And(v >= 0, v <= 1), space, func=func, arg=n, expected="a probability in [0, 1]", got=v)
    require_condition(sympy.And(d > 0, d < 1), space, func=func, arg="discount", expected="in (0, 1)", got=d)
    require_condition(S > 0, space, func=func, arg="surplus", expected="positive", got=S)
    delay = reduce_condition(d * (a + b) > 1, space)
    keep = S - d * b * S  # player 1 offers player 2 its expected continuation
    # Certificate: with no delay, player 1 weakly prefers the agreement to its own expectation.
    if delay is sympy.false and reduce_condition(keep >= d * a * S, space) is sympy.false:
        raise ParameterError("optimism_two_period(): internal check failed")
    return OptimismOutcome(delay, (sympy.factor(keep), d * b * S), (d * q * S, d * (1 - q) * S))


@dataclass(frozen=True, eq=False)
class WarOfAttrition(Result):
    """The symmetric war of attrition's symmetric equilibrium.

    Attributes
    ----------
    hazard : expression
        Quitting rate ``cost / value``.
    quit_cdf : expression
        ``F(t) = 1 - exp(-hazard t)`` in the symbol ``t``.
    expected_duration : expression
        ``value / (2 cost)``.
    expected_total_cost : expression
        Expected cost paid by both sides together (= value: full dissipation).
    expected_payoff : expression
        Each side's expected payoff (0).
    dissipation : expression
        Expected total cost over value (1).
    """

    hazard: Any
    quit_cdf: Any
    expected_duration: Any
    expected_total_cost: Any
    expected_payoff: Any
    dissipation: Any

    def at(self, point: Mapping[Any, Any]) -> "WarOfAttrition":
        """The numbers at a parameter point (names to values; ``t`` stays the time symbol).

        Examples
        --------
        >>> s = ParameterSpace({"V": "positive", "c": "positive"})
        >>> war_of_attrition("V", "c", space=s).at({"V": 4, "c": 1}).expected_duration
        2
        """
        return self._substituted(point, "WarOfAttrition.at")

    def __str__(self) -> str:
        return (f"WarOfAttrition(hazard {self.hazard}, expected duration {self.expected_duration}, "
                f"dissipation {self.dissipation})")


def war_of_attrition(value: Any, cost: Any, *, space: ParameterSpace | None = None) -> WarOfAttrition:
    """The symmetric war of attrition: hazard, delay and full rent dissipation.

    Examples
    --------
    >>> s = ParameterSpace({"V": "positive", "c": "positive"})
    >>> w = war_of_attrition("V", "c", space=s)
    >>> w.hazard, w.expected_duration, w.dissipation
    (c/V, V/(2*c), 1)
    """
    func = "war_of_attrition"
    V, c = argument_value(value, space, func=func, arg="value"), argument_value(cost, space, func=func, arg="cost")
    space = space_for([V, c], space)
    require_condition(V > 0, space, func=func, arg="value", expected="positive", got=V)
    require_condition(c > 0, space, func=func, arg="cost", expected="positive", got=c)
    V, c = sympy.sympify(V), sympy.sympify(c)
    lam = c / V
    t, s = sympy.symbols("t s", positive=True)
    # Certificate: against the exponential quitting time, quitting at any t yields the same (zero) payoff.
    u = sympy.integrate((V - c * s) * lam * sympy.exp(-lam * s), (s, 0, t)) - c * t * sympy.exp(-lam * t)
    if sympy.simplify(u) != 0:
        raise ParameterError("war_of_attrition(): internal check failed (indifference)")
    duration = 1 / (2 * lam)  # the minimum of two exponential quitting times
    total = 2 * c * duration
    return WarOfAttrition(lam, 1 - sympy.exp(-lam * t), sympy.simplify(duration), sympy.simplify(total),
                          sympy.Integer(0), sympy.simplify(total / V))
