"""The (generalized, asymmetric) Nash bargaining solution.

Players split a surplus ``S``: player 1 gets share ``x``, player 2 ``S - x``,
with utilities ``u_1(x)`` and ``u_2(S - x)`` (linear by default; any
increasing concave utility, e.g. a risk-averse ``u_2(y) = y**a``). The
solution maximises ``(u_1 - d_1)**w_1 * (u_2 - d_2)**w_2`` over the
shares where both gain.

References
----------
.. [1] J. F. Nash, "The bargaining problem", Econometrica 18(2): 155-162, 1950.
.. [2] E. Kalai, "Nonsymmetric Nash solutions and replications of 2-person
   bargaining", Int. J. Game Theory 6(3): 129-133, 1977.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import sympy

from games.errors import GameError, ParameterError, fmt_error
from games.parameters import ParameterSpace
from solvers.results import Result, clip, latex_value
from games.conditions import require_condition
from solvers.arguments import argument_value, space_for

__all__ = ["NashBargainingSolution", "nash_bargaining"]

#: The share variable in utility expressions: player 1's share is ``x``, player 2's is ``y = S - x``.
X, Y = sympy.Symbol("x", nonnegative=True), sympy.Symbol("y", nonnegative=True)


@dataclass(frozen=True, eq=False)
class NashBargainingSolution(Result):
    """The Nash bargaining solution.

    Attributes
    ----------
    shares : tuple
        ``(x, S - x)``.
    utilities : tuple
        Each player's utility at the solution.
    weights, disagreement : tuple
    space : ParameterSpace
    """

    shares: tuple
    utilities: tuple
    weights: tuple
    disagreement: tuple
    space: ParameterSpace

    def at(self, point: Mapping[Any, Any]) -> "NashBargainingSolution":
        """Numbers at a point of the space."""
        sub = self.space.point(point, func="NashBargainingSolution.at") if len(self.space) else {}
        f = lambda t: tuple(sympy.sympify(v).xreplace(sub) for v in t)  # noqa: E731
        return NashBargainingSolution(f(self.shares), f(self.utilities), f(self.weights), f(self.disagreement),
                                      ParameterSpace.empty())

    def __str__(self) -> str:
        return clip(f"NashBargainingSolution(shares {tuple(map(str, self.shares))}, "
                    f"utilities {tuple(map(str, self.utilities))})")

    def to_latex(self) -> str:
        """The shares and utilities as LaTeX."""
        return (r"x = " + latex_value(self.shares, self.space) + r",\; u = " + latex_value(self.utilities, self.space))


def nash_bargaining(utilities: Sequence[Any] | None = None, disagreement: Sequence[Any] = (0, 0), *,
                    weights: Sequence[Any] | None = None, surplus: Any = 1,
                    space: ParameterSpace | None = None) -> NashBargainingSolution:
    """The generalized Nash bargaining solution over a divisible surplus.

    Parameters
    ----------
    utilities : pair of expressions, optional
        ``u_1`` in the symbol ``x`` (player 1's share) and ``u_2`` in ``y``
        (player 2's share); default linear ``(x, y)``. Strings are parsed
        with ``x``, ``y`` and the space's parameters.
    disagreement : pair
        Disagreement utilities ``(d_1, d_2)``.
    weights : pair, optional
        Bargaining powers ``(w_1, w_2)`` > 0 (Kalai's asymmetric solution);
        default equal.
    surplus : number or expression
    space : ParameterSpace, optional

    Raises
    ------
    ParameterError
        For a non-positive surplus or weight, and for a disagreement point
        that does not lie strictly inside the feasible set (strictly below
        the frontier), where no share makes both players gain.

    Examples
    --------
    Linear frontier, asymmetric weights (Kalai 1977):

    >>> s = ParameterSpace({"w": "(0, 1)", "d1": "[0, 1/2]", "d2": "[0, 1/2]"})
    >>> nash_bargaining(disagreement=("d1", "d2"), weights=("w", "1 - w"), space=s).shares[0]
    -d1*w + d1 - d2*w + w

    A risk-averse partner, ``u_2 = y**a``:

    >>> s = ParameterSpace({"a": "(0, 1)"})
    >>> nash_bargaining(("x", "y**a"), space=s).shares
    (1/(a + 1), a/(a + 1))

    A disagreement point on or above the frontier leaves nothing to bargain over:

    >>> nash_bargaining(disagreement=(1.5, 0.5))
    Traceback (most recent call last):
    ...
    games.errors.ParameterError: nash_bargaining(): disagreement must be a point strictly inside the feasible set (strictly below the frontier u1(x) + ... : some share x in [0, 1] must give u1(x) > d1 and u2(1 - x) > d2); got (1.5, 0.5)
    """
    func = "nash_bargaining"
    S = argument_value(surplus, space, func=func, arg="surplus")
    d = tuple(argument_value(v, space, func=func, arg=f"disagreement[{i}]") for i, v in enumerate(disagreement))
    w = (sympy.Integer(1), sympy.Integer(1)) if weights is None else \
        tuple(argument_value(v, space, func=func, arg=f"weights[{i}]") for i, v in enumerate(weights))
    if len(d) != 2 or len(w) != 2:
        raise ParameterError(fmt_error(func, "disagreement/weights", "pairs", (disagreement, weights)))
    local = {"x": X, "y": Y}
    if space is not None:
        local.update({n: space[n] for n in space.names})
    if utilities is None:
        u = (X, Y)
    else:
        if len(tuple(utilities)) != 2:
            raise ParameterError(fmt_error(func, "utilities", "a pair (u1(x), u2(y))", utilities))
        u = tuple(sympy.sympify(v, locals=local) if isinstance(v, str) else sympy.sympify(v) for v in utilities)
    u1, u2 = u[0], u[1].xreplace({Y: S - X})
    space = space_for([S, *d, *w, u1.xreplace({X: 0}), u2.xreplace({X: 0})], space)
    require_condition(S > 0, space, func=func, arg="surplus", expected="positive", got=S)
    for i in (0, 1):
        require_condition(w[i] > 0, space, func=func, arg=f"weights[{i}]", expected="positive", got=w[i])
    # Stationary point of the log Nash product.
    foc = sympy.together(w[0] * sympy.diff(u1, X) * (u2 - d[1]) + w[1] * sympy.diff(u2, X) * (u1 - d[0]))
    num = sympy.numer(foc)
    roots = sympy.solve(num, X)
    if not roots:
        raise GameError(f"{func}(): no stationary point of the Nash product found")
    cands = []
    for r in roots:
        r = sympy.simplify(r)
        g1, g2 = sympy.simplify(u1.xreplace({X: r}) - d[0]), sympy.simplify(u2.xreplace({X: r}) - d[1])
        bad = any(sympy.sympify(c) is sympy.false for c in (g1 > 0, g2 > 0, r >= 0, r <= S))
        if not bad and (g1.free_symbols or g2.free_symbols) and len(space):
            from games.conditions import is_satisfiable

            bad = is_satisfiable(sympy.And(g1 > 0, g2 > 0, r >= 0, r <= S), space) is False
        if not bad:
            cands.append(r)
    if not cands or not _feasible(u1, u2, d, S, space):
        raise ParameterError(fmt_error(
            func, "disagreement", "a point strictly inside the feasible set (strictly below the frontier "
            f"u1(x) + ... : some share x in [0, {S}] must give u1(x) > d1 and u2({S} - x) > d2)", tuple(disagreement)))
    if len(cands) != 1:
        raise GameError(f"{func}(): expected one interior stationary point, found {cands}")
    x = cands[0]
    # Certificate: the first-order condition holds at the solution.
    if sympy.simplify(foc.xreplace({X: x})) != 0:
        raise GameError(f"{func}(): internal check failed (first-order condition)")
    shares = (sympy.factor(x) if not x.is_Add else x, sympy.simplify(S - x))
    return NashBargainingSolution(shares, (sympy.simplify(u1.xreplace({X: x})), sympy.simplify(u2.xreplace({X: x}))),
                                  w, d, space)


def _feasible(u1: Any, u2: Any, d: tuple, S: Any, space: ParameterSpace) -> bool:
    """False when, numerically, no share in [0, S] gives both players more than their disagreement utility."""
    if set().union(*(sympy.sympify(v).free_symbols for v in (u1, u2, *d, S))) - {X}:
        return True  # symbolic: the candidates' conditions were checked on the space
    try:
        region = sympy.Intersection(
            sympy.solveset(u1 - d[0] > 0, X, sympy.Interval(0, S)),
            sympy.solveset(u2 - d[1] > 0, X, sympy.Interval(0, S)))
    except (NotImplementedError, TypeError, ValueError):
        return True
    return region is not sympy.S.EmptySet and region.measure != 0
