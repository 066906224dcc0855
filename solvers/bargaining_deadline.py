"""Deadline bargaining: backward induction, the closed form's certificate and the deadline outcome.

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

from typing import Any

import sympy

from games.bargaining import AlternatingOffers
from games.errors import GameError, UnsupportedGame, fmt_error
from games.parameters import ParameterSpace
from games.conditions import compare
from solvers.bargaining_closed_forms import first_share, is_symbolic_value, tidy, with_requirements
from solvers.bargaining_outcome import BargainingOutcome, make_case
from solvers.results import value_at

__all__ = ["backward_induction_demands", "deadline_outcome"]


def _num_params(game: AlternatingOffers) -> dict:
    return dict(S=game.surplus, delta=game.discount, d=game.disagreement, w=game.outside_options,
                p=game.breakdown, b=game.breakdown_payoffs, c=game.costs or (0, 0), first=game.first)


def backward_induction_demands(game: AlternatingOffers, T: int, *,
                               symbolic_space: ParameterSpace | None = None) -> list:
    """The proposer's demand in each round ``1..T``, by backward induction (any features).

    Discounting or fixed costs, outside options, breakdown risk and
    disagreement payoffs; a symbolic ``max`` is decided on
    ``symbolic_space`` when given (else kept as ``Max``).

    Parameters
    ----------
    game : AlternatingOffers
    T : int
        The deadline.
    symbolic_space : ParameterSpace, optional

    Returns
    -------
    list
        Length ``T``.

    Examples
    --------
    >>> from games.bargaining import AlternatingOffers
    >>> backward_induction_demands(AlternatingOffers("1/2", horizon=4), 4)
    [5/8, 3/4, 1/2, 1]
    """
    P = _num_params(game)
    S, delta, d, w, p, b, c = P["S"], P["delta"], P["d"], P["w"], P["p"], P["b"], P["c"]
    costs = game.costs is not None
    if not game.is_exact and not game.is_symbolic:  # plain floats: keep sympy out of the hot loop
        fl = lambda t: None if t is None else tuple(float(v) for v in t)  # noqa: E731
        S, delta, d, w, p, b, c = float(S), fl(delta), fl(d), fl(w), float(p), fl(b), fl(c)

    def mx(u: Any, v: Any) -> Any:
        if is_symbolic_value(u) or is_symbolic_value(v):
            rel = compare(u, v, symbolic_space) if symbolic_space is not None else None
            if rel in (">", ">=", "="):
                return u
            if rel in ("<", "<="):
                return v
            return sympy.Max(u, v)
        return u if u >= v else v

    demands = [None] * T
    val = None  # (value of player 0, value of player 1) at the start of round t+1, in round t+1 units
    for t in range(T, 0, -1):
        j = game.first if t % 2 == 1 else 1 - game.first
        k = 1 - j
        if t == T:
            cont_k = d[k]
        else:
            cont_k = p * b[k] + (1 - p) * (delta[k] * val[k] - c[k])
        r = cont_k if w is None else mx(w[k], cont_k)
        offer = mx(r, 0) if costs else r
        x = S - offer
        demands[t - 1] = x
        val = [None, None]
        val[j], val[k] = x, offer
    return demands



def _verify_numeric_against_recursion(outcome_cases: tuple, game: AlternatingOffers, T: int) -> None:
    """Certificate: a closed-form round-1 demand equals float backward induction at sample points."""
    space = game.space
    pts = space.sample(3, rng=0) if len(space) else [{}]
    for pt in pts:
        sub = space.point(pt) if len(space) else {}
        g = game.subs(pt) if len(space) else game
        fl = g.replace(**_floatify(g))
        want = backward_induction_demands(fl, T)[0] if isinstance(T, int) else None
        for case in outcome_cases:
            cond = case.condition.xreplace(sub) if isinstance(case.condition, sympy.Basic) else case.condition
            if cond is sympy.false:
                continue
            got = case.demands[0]
            got = float(value_at(got, sub)) if isinstance(got, sympy.Basic) else float(got)
            if want is not None and abs(got - float(want)) > 1e-9 * max(1.0, abs(float(want))):
                raise GameError(f"bargain(): internal check failed: closed form {got} != backward induction {want}")


def _floatify(g: AlternatingOffers) -> dict:
    f = lambda t: None if t is None else tuple(float(x) for x in t)  # noqa: E731
    out = dict(surplus=float(g.surplus), disagreement=f(g.disagreement), outside_options=f(g.outside_options),
               breakdown=float(g.breakdown), breakdown_payoffs=f(g.breakdown_payoffs))
    if g.costs is not None:
        out["costs"] = f(g.costs)
    else:
        out["discount"] = f(g.discount)
    return out


def deadline_outcome(game: AlternatingOffers) -> BargainingOutcome:
    """The subgame-perfect agreement of a deadline game (without the ``T -> oo`` limit).

    With discounting only (and breakdown, disagreement payoffs) the closed
    form of :func:`~solvers.bargaining_closed_forms.first_share`, by parity
    when ``T`` is a symbol; otherwise the exact recursion. The closed form
    is checked against float backward induction at sample points.

    Raises
    ------
    UnsupportedGame
        For a symbolic deadline with outside options or costs.

    Examples
    --------
    >>> from games.bargaining import AlternatingOffers
    >>> deadline_outcome(AlternatingOffers("1/2", horizon=3)).shares
    (3/4, 1/4)
    """
    T = game.horizon
    plain = game.outside_options is None and game.costs is None
    if isinstance(T, sympy.Basic) and not plain:
        raise UnsupportedGame(fmt_error("bargain", "game.horizon", "an integer when outside options or costs "
                                        "are present (no closed form in symbolic T)", T))
    S = game.surplus
    A = game.first
    if plain:
        x1 = first_share(game, T, A)
        x1 = tidy(x1) if not game.is_symbolic or (isinstance(T, int) and T <= 6) else x1
        if isinstance(T, int):
            if not game.is_symbolic and not game.is_exact:
                demands = tuple(float(v) for v in backward_induction_demands(game, T))
                x1 = demands[0]
            elif T <= 200 or game.is_symbolic:
                demands = tuple(x1 if t == 1 else first_share(game, T - t + 1, A if t % 2 else 1 - A)
                                for t in range(1, T + 1))
            else:
                demands = tuple(backward_induction_demands(game, T))
            method = "backward induction (closed form in T)"
        else:
            demands = (x1,)
            method = "backward induction (closed form in T by parity)"
    else:
        demands = tuple(backward_induction_demands(game, T, symbolic_space=game.space if game.is_symbolic else None))
        x1 = demands[0]
        method = "backward induction"
    shares = [None, None]
    small = not game.is_symbolic or (isinstance(T, int) and T <= 6)
    shares[A], shares[1 - A] = x1, (S - x1 if isinstance(x1, float) or not small else tidy(S - x1)
                                     if not isinstance(x1, sympy.Piecewise) else sympy.piecewise_fold(S - x1))
    cond = with_requirements(sympy.true, game)
    case = make_case("deadline T" if plain else "deadline T (with options/costs)", cond, tuple(shares),
                 tuple(shares), demands)
    if isinstance(T, int) and (game.is_symbolic or T <= 2000):
        _verify_numeric_against_recursion((case,), game, T)
    elif isinstance(T, sympy.Basic):
        for Tv in (1, 2, 3, 4):
            sub = {T: Tv}
            case_t = make_case(case.label, case.condition, case.shares, case.payoffs,
                           tuple(sympy.piecewise_fold(v.xreplace(sub)).doit() for v in demands))
            _verify_numeric_against_recursion((case_t,), game.replace(horizon=Tv, space=None)
                                              if False else _fixed_horizon(game, Tv), Tv)
    return BargainingOutcome(game, (case,), method, game.is_exact)


def _fixed_horizon(game: AlternatingOffers, Tv: int) -> AlternatingOffers:
    """The game with a symbolic horizon fixed to an integer (T dropped from the space)."""
    T = game.horizon
    params = [pp for pp in game.space.parameters if pp.name != T.name]
    space = ParameterSpace(params, [c for c in game.space.constraints if T not in c.free_symbols])
    return AlternatingOffers(game.discount, surplus=game.surplus, players=game.players, horizon=Tv,
                             first=game.first, disagreement=game.disagreement, breakdown=game.breakdown,
                             breakdown_payoffs=game.breakdown_payoffs, space=space)
