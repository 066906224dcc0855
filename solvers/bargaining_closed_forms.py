"""Closed forms of alternating-offers bargaining: the stationary agreements and the deadline by parity.

The stationary subgame-perfect equilibrium of the indefinite game (Rubinstein's
shares with asymmetric discount factors, binding outside options, breakdown
risk, fixed costs), each binding pattern a case with its condition and
checked against the equilibrium equations before it is returned, and the
round-1 demand of the deadline game in closed form in ``T`` (by parity when
``T`` is a symbol); the expression and condition helpers they share.

References
----------
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

import functools
import itertools
from typing import Any

import sympy

from games.bargaining import AlternatingOffers
from games.errors import GameError, ParameterError, fmt_error
from games.parameters import ParameterSpace
from games.conditions import compare, normalize_relation, reduce_condition
from solvers.bargaining_outcome import BargainingOutcome, make_case

__all__ = ["is_symbolic_value", "tidy", "relation", "with_requirements", "first_share", "stationary_outcome",
           "fixed_cost_outcome"]


def is_symbolic_value(v: Any) -> bool:
    """Whether ``v`` is a sympy expression with free symbols (not a number).

    Examples
    --------
    >>> is_symbolic_value(sympy.Symbol("d")), is_symbolic_value(sympy.Rational(1, 2)), is_symbolic_value(0.5)
    (True, False, False)
    """
    return isinstance(v, sympy.Basic) and not v.is_number


def tidy(v: Any) -> Any:
    """Tidy an expression cheaply: cancel and factor small ones (no full simplify: fast for T = 50).

    Floats and Piecewise expressions are returned as they are; rational
    numbers come back as sympy Rationals.

    Examples
    --------
    >>> d = sympy.Symbol("d")
    >>> tidy((1 - d**2) / (1 - d))
    d + 1
    """
    if isinstance(v, float):
        return v
    v = sympy.sympify(v)
    if v.is_number:
        return sympy.nsimplify(v) if v.is_Rational else v
    if v.has(sympy.Piecewise):
        return v
    return sympy.factor(sympy.cancel(v)) if len(v.free_symbols) <= 6 and sympy.count_ops(v) < 400 else v


@functools.lru_cache(maxsize=256)
def _compare_cached(a: Any, b: Any, space: ParameterSpace) -> str | None:
    return compare(a, b, space)


def first_share(game: AlternatingOffers, T: Any, proposer: int) -> Any:
    """The round-1 proposer's demand with ``T`` rounds left, in closed form (Ståhl 1972).

    For discounting, breakdown risk and disagreement payoffs (no outside
    options, no costs). Backward induction gives a geometric sum in
    ``q = (1-p)^2 delta_A delta_B``, one formula for odd and one for even
    ``T``; for a symbolic ``T`` a Piecewise on the parity.

    Parameters
    ----------
    game : AlternatingOffers
    T : int or integer sympy Symbol
        Rounds left (the proposer offers now).
    proposer : int
        0 or 1.

    Returns
    -------
    expression
        The proposer's demand (share of the surplus).

    Examples
    --------
    Ståhl's sequence with delta = 1/2: 1, 1/2, 3/4, 5/8, ... -> 2/3.

    >>> from games.bargaining import AlternatingOffers
    >>> g = AlternatingOffers("1/2", horizon=3)
    >>> [first_share(g, T, 0) for T in (1, 2, 3, 4)]
    [1, 1/2, 3/4, 5/8]
    """
    S, (dl0, dl1), d, p, b = game.surplus, game.discount, game.disagreement, game.breakdown, game.breakdown_payoffs
    delta = (dl0, dl1)
    A, B = proposer, 1 - proposer
    aA, aB = (1 - p) * delta[A], (1 - p) * delta[B]
    q = aA * aB
    K = S - p * b[B] - aB * (S - p * b[A])

    def geo(m: Any) -> Any:
        if not is_symbolic_value(q):
            if q == 1:
                return K * m
            return K * (1 - q ** m) / (1 - q)
        if _compare_cached(q, 1, game.space) == "<":
            return K * (1 - q ** m) / (1 - q)
        return sympy.Piecewise((K * m, sympy.Eq(q, 1)), (K * (1 - q ** m) / (1 - q), True))

    def odd(m: Any) -> Any:
        return geo(m) + q ** m * (S - d[B])

    def even(m: Any) -> Any:
        return geo(m - 1) + q ** (m - 1) * (S - p * b[B] - aB * (S - d[A]))

    if isinstance(T, int):
        return odd((T - 1) // 2) if T % 2 else even(T // 2)
    return sympy.Piecewise((odd((T - 1) / 2), sympy.Eq(sympy.Mod(T, 2), 1)), (even(T / 2), True))


_OPS = {">": sympy.Gt, "<": sympy.Lt, "=": sympy.Eq, ">=": sympy.Ge, "<=": sympy.Le}


def relation(expr: Any, op: str, space: ParameterSpace | None = None) -> Any:
    """``expr op 0``, normalised by the condition engine (and decided on ``space`` if given).

    Parameters
    ----------
    expr : expression
    op : {">", "<", "=", ">=", "<="}
    space : ParameterSpace, optional

    Examples
    --------
    >>> s = ParameterSpace({"a": "positive"})
    >>> relation(s["a"] - 1, ">"), relation(s["a"] + 1, ">", s)
    (a > 1, True)
    """
    out = normalize_relation(_OPS[op](sympy.sympify(expr), 0, evaluate=False))
    if space is not None:
        out = reduce_condition(out, space, simplify=False)
    return out


def with_requirements(cond: Any, game: AlternatingOffers) -> Any:
    """``cond`` and the game's requirements, reduced on the game's space.

    Examples
    --------
    >>> from games.bargaining import AlternatingOffers
    >>> with_requirements(sympy.true, AlternatingOffers("1/2"))
    True
    """
    full = sympy.And(cond, game.requirements)
    if full is sympy.true or full is sympy.false:
        return full
    if full.is_Relational or isinstance(full, sympy.logic.boolalg.Boolean):
        return reduce_condition(full, game.space, simplify=False)
    return full


def stationary_outcome(game: AlternatingOffers) -> BargainingOutcome:
    """The stationary subgame-perfect agreement of an indefinite-horizon discounting game.

    Rubinstein's shares with asymmetric discount factors (Rubinstein 1982), breakdown
    risk (Binmore, Rubinstein and Wolinsky 1986) and outside options (one case per binding pattern, each with
    its condition; an option binds only if it beats the share without it;
    Binmore, Shaked and Sutton 1989; Muthoo 1999, ch. 5). The demands are checked against the equilibrium equations.

    Raises
    ------
    GameError
        When the internal check fails.

    Examples
    --------
    >>> from games.bargaining import AlternatingOffers
    >>> stationary_outcome(AlternatingOffers(("1/2", "2/3"))).shares
    (1/2, 1/2)
    """
    S, delta, w, p, b = game.surplus, game.discount, game.outside_options, game.breakdown, game.breakdown_payoffs
    A, B = game.first, 1 - game.first
    a = [(1 - p) * delta[0], (1 - p) * delta[1]]
    patterns = [(False, False)] if w is None else list(itertools.product((False, True), repeat=2))
    names = game.players
    cases = []
    for bind in patterns:  # bind[i]: player i's outside option binds when i responds
        def coef(k: int) -> tuple:
            # Proposer j's demand: S - reservation of responder k.
            if bind[k]:
                return S - w[k], 0
            return S - p * b[k], -a[k]

        alA, beA = coef(B)  # x_A = alA + beA * x_B
        alB, beB = coef(A)
        xA = (alA + beA * alB) / (1 - beA * beB)
        xB = alB + beB * xA
        xA, xB = tidy(xA), tidy(xB)
        x = {A: xA, B: xB}
        conds = []
        if w is not None:
            for k in (0, 1):
                inside = p * b[k] + a[k] * x[k]
                conds.append(relation(w[k] - inside, ">" if bind[k] else "<="))
        cond = with_requirements(sympy.And(*conds), game)
        if cond is sympy.false:
            continue
        if bind == (False, False):
            label = "no outside option binds" if w is not None else (
                "stationary (Rubinstein)" if p == 0 else "stationary with breakdown risk")
        else:
            label = " and ".join(f"outside option of {names[k]} binds" for k in (0, 1) if bind[k])
        shares = [None, None]
        shares[A], shares[B] = xA, tidy(S - xA)
        cases.append(make_case(label, cond, tuple(shares), tuple(shares), (xA, xB)))
    _check_stationary(game, cases)
    return BargainingOutcome(game, tuple(cases), "stationary subgame-perfect equilibrium", game.is_exact)


def _check_stationary(game: AlternatingOffers, cases: list) -> None:
    """Certificate: the demands solve the equilibrium equations (exactly or at a point in the case)."""
    S, delta, w, p, b = game.surplus, game.discount, game.outside_options, game.breakdown, game.breakdown_payoffs
    A, B = game.first, 1 - game.first
    for case in cases:
        x = {A: case.demands[0], B: case.demands[1]}
        for j, k in ((A, B), (B, A)):
            inside = p * b[k] + (1 - p) * delta[k] * x[k]
            r = inside if w is None else sympy.Max(w[k], inside)
            resid = x[j] - (S - r)
            if is_symbolic_value(resid):
                if w is None:
                    ok = sympy.simplify(resid) == 0
                else:  # Max is resolved by the case condition: check at points where the case holds
                    ok = _holds_at_samples(resid, case.condition, game.space)
            else:
                ok = abs(float(resid)) <= 1e-9 * max(1.0, abs(float(S)))
            if not ok:
                raise GameError(f"bargain(): internal check failed for case {case.label!r}: residual {resid}")


def _holds_at_samples(resid: Any, cond: Any, space: ParameterSpace, n: int = 40) -> bool:
    pts = space.sample(n, rng=1)
    seen = 0
    for pt in pts:
        sub = space.point(pt)
        c = cond.xreplace(sub) if isinstance(cond, sympy.Basic) else cond
        if c is sympy.false:
            continue
        seen += 1
        if abs(float(resid.xreplace(sub))) > 1e-9:
            return False
    return True


def fixed_cost_outcome(game: AlternatingOffers) -> BargainingOutcome:
    """Rubinstein's fixed-cost case split of an indefinite-horizon game (Rubinstein 1982).

    The lower-cost player gets everything as first proposer (or the other's
    cost as responder); equal costs give a continuum of equilibria.

    Raises
    ------
    ParameterError
        When no cost is below the surplus.

    Examples
    --------
    >>> from games.bargaining import AlternatingOffers
    >>> out = fixed_cost_outcome(AlternatingOffers(costs=("1/10", "1/5")))
    >>> out.shares, out.cases[0].label
    ((1, 0), 'c_player 1 < c_player 2: the first proposer takes all')
    """
    S, c = game.surplus, game.costs
    A, B = game.first, 1 - game.first
    cA, cB = c[A], c[B]
    extra = sympy.And(cA < S, cB < S)
    specs = [
        (f"c_{game.players[A]} < c_{game.players[B]}: the first proposer takes all", sympy.Lt(cA, cB), S, cA, True),
        (f"c_{game.players[A]} > c_{game.players[B]}: the first proposer gets the other's cost",
         sympy.Gt(cA, cB), cB, S, True),
        ("equal costs: a continuum of equilibria", sympy.Eq(cA, cB), S, cA, False),
    ]
    cases = []
    for label, rel, xA, xB, unique in specs:
        cond = with_requirements(sympy.And(rel, extra), game)
        if cond is sympy.false:
            continue
        shares = [None, None]
        shares[A], shares[B] = xA, S - xA
        interval = None if unique else (cA, S)
        cases.append(make_case(label, cond, tuple(shares), tuple(shares), (xA, xB), 1, unique, interval))
    if not cases:
        raise ParameterError(fmt_error("bargain", "game.costs", "below the surplus", c))
    # Certificate: the stationary equations x_j = S - max(0, x_k - c_k) hold in each case.
    for case in cases:
        x = {A: case.demands[0], B: case.demands[1]}
        for j, k in ((A, B), (B, A)):
            resid = x[j] - (S - sympy.Max(0, x[k] - c[k]))
            if is_symbolic_value(resid):
                ok = _holds_at_samples(resid, case.condition, game.space) if case.condition is not sympy.false else True
                if case.unique is False:
                    ok = True  # Eq(cA, cB) has measure zero; checked exactly below
                    r2 = resid.xreplace({c[B]: c[A]}) if is_symbolic_value(c[B]) else resid
                    ok = sympy.simplify(sympy.Piecewise((r2, True))) == 0 or is_symbolic_value(r2)
            else:
                ok = abs(float(resid)) <= 1e-12
            if not ok:
                raise GameError(f"bargain(): internal check failed for case {case.label!r}")
    return BargainingOutcome(game, tuple(cases), "stationary subgame-perfect equilibrium (fixed costs)",
                             game.is_exact)
