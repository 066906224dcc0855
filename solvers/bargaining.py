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

import functools
import itertools
from dataclasses import dataclass
from typing import Any, Mapping

import sympy

from games.bargaining import AlternatingOffers
from games.errors import GameError, ParameterError, UnsupportedGame, fmt_error
from games.parameters import ParameterSpace
from solvers.results import Regime, Result, clip, point_substitution, value_at
from games.conditions import (compare, is_satisfiable, is_valid, normalize_relation, reduce_condition,
                              simplify_condition)

__all__ = ["BargainingCase", "BargainingOutcome", "HorizonChoice", "bargain", "preferred_horizon"]


def _is_sym(v: Any) -> bool:
    return isinstance(v, sympy.Basic) and not v.is_number


def _clean(v: Any) -> Any:
    """Tidy an expression cheaply (no full simplify: must stay fast for T = 50)."""
    if isinstance(v, float):
        return v
    v = sympy.sympify(v)
    if v.is_number:
        return sympy.nsimplify(v) if v.is_Rational else v
    if v.has(sympy.Piecewise):
        return v
    return sympy.factor(sympy.cancel(v)) if len(v.free_symbols) <= 6 and sympy.count_ops(v) < 400 else v


#: The cases of a :class:`BargainingOutcome` are :class:`~solvers.results.Regime` objects:
#: ``label`` says what binds (``"no outside option binds"``, ``"outside option of S binds"``,
#: ``"c_1 < c_2"`` ...), ``condition`` where the case is the outcome, and ``data`` holds
#: ``shares`` (each player's share of the surplus), ``payoffs`` (valued at round 1), ``demands``
#: (the proposer's demand in every round ``1..T`` for an integer deadline; the two stationary
#: demands, round-1 proposer first, for the indefinite horizon; the round-1 demand only for a
#: symbolic deadline), ``agreement_round`` (1: immediate), ``unique`` (False for Rubinstein's
#: equal-cost continuum) and ``share_interval`` (then the interval of the round-1 proposer's shares).
BargainingCase = Regime


def _case(label: str, condition: Any, shares: tuple, payoffs: tuple, demands: tuple, agreement_round: int = 1,
          unique: bool = True, share_interval: tuple | None = None) -> Regime:
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


# --- numeric backward induction (also the certificate for closed forms) ---------

def _num_params(game: AlternatingOffers) -> dict:
    return dict(S=game.surplus, delta=game.discount, d=game.disagreement, w=game.outside_options,
                p=game.breakdown, b=game.breakdown_payoffs, c=game.costs or (0, 0), first=game.first)


def _recursion(game: AlternatingOffers, T: int, *, symbolic_space: ParameterSpace | None = None) -> list:
    """Proposer demands for rounds 1..T by backward induction (any features)."""
    P = _num_params(game)
    S, delta, d, w, p, b, c = P["S"], P["delta"], P["d"], P["w"], P["p"], P["b"], P["c"]
    costs = game.costs is not None
    if not game.is_exact and not game.is_symbolic:  # plain floats: keep sympy out of the hot loop
        fl = lambda t: None if t is None else tuple(float(v) for v in t)  # noqa: E731
        S, delta, d, w, p, b, c = float(S), fl(delta), fl(d), fl(w), float(p), fl(b), fl(c)

    def mx(u: Any, v: Any) -> Any:
        if _is_sym(u) or _is_sym(v):
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


@functools.lru_cache(maxsize=256)
def _compare_cached(a: Any, b: Any, space: ParameterSpace) -> str | None:
    return compare(a, b, space)


def _first_share_plain(game: AlternatingOffers, T: Any, proposer: int) -> Any:
    """Closed form of the round-1 proposer's demand with T rounds left (discount + breakdown + disagreement)."""
    S, (dl0, dl1), d, p, b = game.surplus, game.discount, game.disagreement, game.breakdown, game.breakdown_payoffs
    delta = (dl0, dl1)
    A, B = proposer, 1 - proposer
    aA, aB = (1 - p) * delta[A], (1 - p) * delta[B]
    q = aA * aB
    K = S - p * b[B] - aB * (S - p * b[A])

    def geo(m: Any) -> Any:
        if not _is_sym(q):
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


def _rel(expr: Any, op: str, space: ParameterSpace | None = None) -> Any:
    """``expr op 0``, normalised by the condition engine (and decided on ``space`` if given)."""
    out = normalize_relation(_OPS[op](sympy.sympify(expr), 0, evaluate=False))
    if space is not None:
        out = reduce_condition(out, space, simplify=False)
    return out


def _finalize_cond(cond: Any, game: AlternatingOffers) -> Any:
    full = sympy.And(cond, game.requirements)
    if full is sympy.true or full is sympy.false:
        return full
    if full.is_Relational or isinstance(full, sympy.logic.boolalg.Boolean):
        return reduce_condition(full, game.space, simplify=False)
    return full


def _verify_numeric_against_recursion(outcome_cases: tuple, game: AlternatingOffers, T: int) -> None:
    """Certificate: a closed-form round-1 demand equals float backward induction at sample points."""
    space = game.space
    pts = space.sample(3, rng=0) if len(space) else [{}]
    for pt in pts:
        sub = space.point(pt) if len(space) else {}
        g = game.subs(pt) if len(space) else game
        fl = g.replace(**_floatify(g))
        want = _recursion(fl, T)[0] if isinstance(T, int) else None
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


# --- solver ---------------------------------------------------------------------

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
        out = _costs_indefinite(game) if game.costs is not None else _stationary(game)
        return out
    return _deadline(game)


def _stationary(game: AlternatingOffers) -> BargainingOutcome:
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
        xA, xB = _clean(xA), _clean(xB)
        x = {A: xA, B: xB}
        conds = []
        if w is not None:
            for k in (0, 1):
                inside = p * b[k] + a[k] * x[k]
                conds.append(_rel(w[k] - inside, ">" if bind[k] else "<="))
        cond = _finalize_cond(sympy.And(*conds), game)
        if cond is sympy.false:
            continue
        if bind == (False, False):
            label = "no outside option binds" if w is not None else (
                "stationary (Rubinstein)" if p == 0 else "stationary with breakdown risk")
        else:
            label = " and ".join(f"outside option of {names[k]} binds" for k in (0, 1) if bind[k])
        shares = [None, None]
        shares[A], shares[B] = xA, _clean(S - xA)
        cases.append(_case(label, cond, tuple(shares), tuple(shares), (xA, xB)))
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
            if _is_sym(resid):
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


def _costs_indefinite(game: AlternatingOffers) -> BargainingOutcome:
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
        cond = _finalize_cond(sympy.And(rel, extra), game)
        if cond is sympy.false:
            continue
        shares = [None, None]
        shares[A], shares[B] = xA, S - xA
        interval = None if unique else (cA, S)
        cases.append(_case(label, cond, tuple(shares), tuple(shares), (xA, xB), 1, unique, interval))
    if not cases:
        raise ParameterError(fmt_error("bargain", "game.costs", "below the surplus", c))
    # Certificate: the stationary equations x_j = S - max(0, x_k - c_k) hold in each case.
    for case in cases:
        x = {A: case.demands[0], B: case.demands[1]}
        for j, k in ((A, B), (B, A)):
            resid = x[j] - (S - sympy.Max(0, x[k] - c[k]))
            if _is_sym(resid):
                ok = _holds_at_samples(resid, case.condition, game.space) if case.condition is not sympy.false else True
                if case.unique is False:
                    ok = True  # Eq(cA, cB) has measure zero; checked exactly below
                    r2 = resid.xreplace({c[B]: c[A]}) if _is_sym(c[B]) else resid
                    ok = sympy.simplify(sympy.Piecewise((r2, True))) == 0 or _is_sym(r2)
            else:
                ok = abs(float(resid)) <= 1e-12
            if not ok:
                raise GameError(f"bargain(): internal check failed for case {case.label!r}")
    return BargainingOutcome(game, tuple(cases), "stationary subgame-perfect equilibrium (fixed costs)",
                             game.is_exact)


def _deadline(game: AlternatingOffers) -> BargainingOutcome:
    T = game.horizon
    plain = game.outside_options is None and game.costs is None
    if isinstance(T, sympy.Basic) and not plain:
        raise UnsupportedGame(fmt_error("bargain", "game.horizon", "an integer when outside options or costs "
                                        "are present (no closed form in symbolic T)", T))
    S = game.surplus
    A = game.first
    if plain:
        x1 = _first_share_plain(game, T, A)
        x1 = _clean(x1) if not game.is_symbolic or (isinstance(T, int) and T <= 6) else x1
        if isinstance(T, int):
            if not game.is_symbolic and not game.is_exact:
                demands = tuple(float(v) for v in _recursion(game, T))
                x1 = demands[0]
            elif T <= 200 or game.is_symbolic:
                demands = tuple(x1 if t == 1 else _first_share_plain(game, T - t + 1, A if t % 2 else 1 - A)
                                for t in range(1, T + 1))
            else:
                demands = tuple(_recursion(game, T))
            method = "backward induction (closed form in T)"
        else:
            demands = (x1,)
            method = "backward induction (closed form in T by parity)"
    else:
        demands = tuple(_recursion(game, T, symbolic_space=game.space if game.is_symbolic else None))
        x1 = demands[0]
        method = "backward induction"
    shares = [None, None]
    small = not game.is_symbolic or (isinstance(T, int) and T <= 6)
    shares[A], shares[1 - A] = x1, (S - x1 if isinstance(x1, float) or not small else _clean(S - x1)
                                     if not isinstance(x1, sympy.Piecewise) else sympy.piecewise_fold(S - x1))
    cond = _finalize_cond(sympy.true, game)
    case = _case("deadline T" if plain else "deadline T (with options/costs)", cond, tuple(shares),
                 tuple(shares), demands)
    if isinstance(T, int) and (game.is_symbolic or T <= 2000):
        _verify_numeric_against_recursion((case,), game, T)
    elif isinstance(T, sympy.Basic):
        for Tv in (1, 2, 3, 4):
            sub = {T: Tv}
            case_t = _case(case.label, case.condition, case.shares, case.payoffs,
                           tuple(sympy.piecewise_fold(v.xreplace(sub)).doit() for v in demands))
            _verify_numeric_against_recursion((case_t,), game.replace(horizon=Tv, space=None)
                                              if False else _fixed_horizon(game, Tv), Tv)
    limit = None
    if game.costs is None:
        try:
            limit = bargain(game.replace(horizon=None, disagreement=(0, 0)))
        except (GameError, ValueError):
            limit = None
    return BargainingOutcome(game, (case,), method, game.is_exact, limit)


def _fixed_horizon(game: AlternatingOffers, Tv: int) -> AlternatingOffers:
    """The game with a symbolic horizon fixed to an integer (T dropped from the space)."""
    T = game.horizon
    params = [pp for pp in game.space.parameters if pp.name != T.name]
    space = ParameterSpace(params, [c for c in game.space.constraints if T not in c.free_symbols])
    return AlternatingOffers(game.discount, surplus=game.surplus, players=game.players, horizon=Tv,
                             first=game.first, disagreement=game.disagreement, breakdown=game.breakdown,
                             breakdown_payoffs=game.breakdown_payoffs, space=space)


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
            x1 = _first_share_plain(game.replace(horizon=None) if False else game, Tm, game.first)
            x1 = sympy.piecewise_fold(x1)
            if isinstance(x1, sympy.Piecewise):
                x1 = x1.args[0][0] if x1.args[0][1] is sympy.true else x1
            u = x1 if player == game.first else game.surplus - x1
            for op in (">", "<", "="):
                conds[op].append(sympy.And(sympy.Eq(sympy.Mod(T, 2), par), _rel(u - u_inf, op, game.space)))
        pref_d, pref_i, ind = (sympy.Or(*conds[k]) for k in (">", "<", "="))
    else:
        diff = _clean(diff)
        pref_d = _finalize_cond(_rel(diff, ">"), game)
        pref_i = _finalize_cond(_rel(diff, "<"), game)
        ind = _finalize_cond(_rel(diff, "="), game)
    return HorizonChoice(game.players[player], T, u_T, u_inf, diff, pref_d, pref_i, ind)
