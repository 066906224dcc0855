"""Support enumeration for n-player games and symbolic games.

For every support profile ``(S_1, ..., S_n)`` the equilibria with exactly
these supports solve the indifference equations

    u_i(s, sigma_-i) = u_i(s', sigma_-i)    for s, s' in S_i,

with ``sigma_i`` positive on ``S_i`` and no strategy outside ``S_i``
earning more. The equations of player ``i`` are multilinear in the other
players' probabilities.

Numeric games (exact, or float payoffs read as their exact binary
rationals) are solved exactly: linear systems by exact rational linear
algebra (python-flint), nonlinear ones by a Groebner basis and exact
real-root isolation (:mod:`solvers.polynomial_systems`). This terminates
on every support and finds every isolated solution; every sign (positive
probabilities, no profitable deviation) is decided exactly. A support whose
solution set is positive-dimensional (after removing the parts where a
probability vanishes) is reported as a continuum. Supports are pruned
before solving when a strategy in a support is strictly dominated given the
other players' supports (conditional dominance).

Symbolic games are solved support by support with :func:`sympy.solve`,
each support in a worker process with its own time budget; a support that
does not finish in its budget, or whose solution cannot be verified, is
named in the result (``unsolved``) and the result is ``complete=False``.

Support profiles are generated lazily, smallest total size first; their
number is computed before anything is allocated.
"""

from __future__ import annotations

import itertools
import math
import time
import warnings
from fractions import Fraction
from typing import Iterator, Sequence

import numpy as np
import sympy
from sympy.polys.domains import QQ

from games.errors import GameError, GovgamesWarning, UnsupportedGame, fmt_error
from solvers._support import check_game, make_equilibrium
from solvers.equilibrium import EquilibriumSet
from solvers.limits import Deadline, TimeLimitExceeded, call_with_time_limit, check_time_limit
from solvers.polynomial_systems import real_solutions

__all__ = ["support_enumeration", "iter_support_profiles", "n_support_profiles",
           "SupportEnumerationResult", "MAX_SUPPORT_PROFILES", "ON_TIME_LIMIT"]

#: Largest number of support profiles the enumeration visits.
MAX_SUPPORT_PROFILES = 4096
#: Values of ``on_time_limit``.
ON_TIME_LIMIT = ("raise", "partial")
#: Seconds each support of a symbolic game may take by default.
SYMBOLIC_SUPPORT_SECONDS = 20.0

_ONE_EQ_ADVICE = 'for one equilibrium use method="logit"'


# ----------------------------------------------------------------- supports


def n_support_profiles(shape: Sequence[int], max_support_size: int | None = None) -> int:
    """Number of support profiles of a game of the given shape.

    Parameters
    ----------
    shape : sequence of int
        Strategies per player.
    max_support_size : int, optional
        Largest support size per player.

    Returns
    -------
    int
        ``prod_i sum_{k=1}^{cap} C(m_i, k)``, computed without enumerating.

    Examples
    --------
    >>> n_support_profiles((3, 3, 3))
    343
    >>> n_support_profiles((12, 12, 12))
    68669157375
    """
    out = 1
    for m in shape:
        cap = m if max_support_size is None else min(m, max_support_size)
        out *= sum(math.comb(m, k) for k in range(1, cap + 1))
    return out


def _size_vectors(shape, caps, total):
    """Vectors (k_1..k_n), 1 <= k_i <= caps[i], summing to ``total``, lexicographically."""
    if len(shape) == 1:
        if 1 <= total <= caps[0]:
            yield (total,)
        return
    rest_max = sum(caps[1:])
    for k in range(1, caps[0] + 1):
        r = total - k
        if len(shape) - 1 <= r <= rest_max:
            for tail in _size_vectors(shape[1:], caps[1:], r):
                yield (k,) + tail


def iter_support_profiles(shape: Sequence[int],
                          max_support_size: int | None = None) -> Iterator[tuple]:
    """Generate the support profiles of a game lazily, smallest total size first.

    Parameters
    ----------
    shape : sequence of int
        Strategies per player.
    max_support_size : int, optional
        Largest support size per player.

    Yields
    ------
    tuple of tuples of int
        One sorted tuple of strategy indices per player.

    Examples
    --------
    >>> list(iter_support_profiles((2, 2)))[:5]
    [((0,), (0,)), ((0,), (1,)), ((1,), (0,)), ((1,), (1,)), ((0,), (0, 1))]
    >>> sum(1 for _ in iter_support_profiles((3, 3, 3)))
    343
    """
    shape = tuple(int(m) for m in shape)
    caps = tuple(m if max_support_size is None else min(m, max_support_size) for m in shape)
    for total in range(len(shape), sum(caps) + 1):
        for ks in _size_vectors(shape, caps, total):
            yield from itertools.product(*(itertools.combinations(range(m), k)
                                           for m, k in zip(shape, ks)))


# ------------------------------------------------------------------- result


class SupportEnumerationResult(EquilibriumSet):
    """An :class:`~solvers.equilibrium.EquilibriumSet` that names what it could not settle.

    Attributes
    ----------
    continua : tuple
        Support profiles (tuples of strategy-name tuples) on which the
        indifference equations have a positive-dimensional solution set
        with all probabilities nonzero: the game is degenerate there and
        the isolated equilibria listed do not describe those continua.
    unsolved : tuple
        Support profiles not solved (time budget exhausted, or a symbolic
        solution that could not be verified), with the reason.
    """

    def __init__(self, equilibria=(), *, continua=(), unsolved=(), **kwargs):
        object.__setattr__(self, "continua", tuple(continua))
        object.__setattr__(self, "unsolved", tuple(unsolved))
        super().__init__(equilibria, **kwargs)


# ----------------------------------------------------------- numeric games


def _rational_payoffs(game) -> np.ndarray:
    """Payoffs as an object array of Fractions (floats: their exact binary values)."""
    P = game.payoffs
    if game.is_exact:
        flat = [Fraction(int(v.p), int(v.q)) for v in P.reshape(-1)]
    else:
        flat = [Fraction(float(v)) for v in P.reshape(-1)]
    return np.array(flat, dtype=object).reshape(P.shape)


def _comparison_payoffs(F: np.ndarray) -> list[np.ndarray]:
    """Per player, payoffs scaled to integers (exact comparisons), int64 when they fit."""
    out = []
    for i in range(F.shape[-1]):
        arr = F[..., i]
        den = 1
        for v in arr.reshape(-1):
            den = den * v.denominator // math.gcd(den, v.denominator)
        ints = [int(v * den) for v in arr.reshape(-1)]
        big = max((abs(v) for v in ints), default=0) >= 2**62
        out.append(np.array(ints, dtype=object if big else np.int64).reshape(arr.shape))
    return out


def _conditionally_dominated(Q, supp) -> bool:
    """Whether some support strategy is strictly dominated given the others' supports.

    Porter, Nudelman and Shoham (2008): strategy ``a`` in ``S_i`` is
    conditionally dominated if some ``b`` of player ``i`` earns strictly
    more against every profile of the other players' supports.
    """
    n = len(supp)
    for i in range(n):
        sub = Q[i][np.ix_(*[range(Q[i].shape[j]) if j == i else supp[j] for j in range(n)])]
        sub = np.moveaxis(sub, i, 0).reshape(Q[i].shape[i], -1)
        for a in supp[i]:
            if np.any(np.all(sub > sub[a], axis=1)):
                return True
    return False


class _RationalPoint:
    """A rational solution, with the same interface as RealAlgebraicPoint (ring elements)."""

    is_rational = True

    def __init__(self, values):
        self.values = values  # domain elements of QQ

    def eval(self, p):
        if not self.values:  # no unknowns: p is a constant
            return p.coeff(1) if p else QQ(0)
        return p(*self.values)

    def sign(self, p) -> int:
        v = self.eval(p)
        return (v > 0) - (v < 0)

    def value(self, p):
        v = self.eval(p)
        return sympy.Rational(int(QQ.numer(v)), int(QQ.denom(v)))


class _AlgebraicPoint:
    """Adapter: ring elements to sympy expressions for a RealAlgebraicPoint."""

    is_rational = False

    def __init__(self, point):
        self.point = point
        self.is_rational = point.is_rational

    def sign(self, p) -> int:
        return self.point.sign(p.as_expr())

    def value(self, p):
        return self.point.value(p.as_expr())


def _support_system(F, supp):
    """Ring, probability polynomials and (equations, deviation gains) of one support profile."""
    n = len(supp)
    names = [f"p{i}_{s}" for i, S in enumerate(supp) for s in S[:-1]]
    if names:
        R, *X = sympy.ring(names, QQ)
    else:
        R, X = sympy.ring("_dummy", QQ)[0], []
    probs = []
    k = 0
    for S in supp:
        d = {}
        rest = R.one
        for s in S[:-1]:
            d[s] = X[k]
            rest = rest - X[k]
            k += 1
        d[S[-1]] = rest
        probs.append(d)

    def expected(i, own):
        others = [j for j in range(n) if j != i]
        tot = R.zero
        for combo in itertools.product(*(supp[j] for j in others)):
            prof = [0] * n
            prof[i] = own
            w = R.one
            for j, s in zip(others, combo):
                prof[j] = s
                w = w * probs[j][s]
            c = F[tuple(prof) + (i,)]
            if c:
                tot += w * QQ(c.numerator, c.denominator)
        return tot

    values, eqs, gains = [], [], []
    for i, S in enumerate(supp):
        base = expected(i, S[0])
        values.append(base)
        for s in S[1:]:
            e = expected(i, s) - base
            if e:
                eqs.append(e)
        for t in range(F.shape[i]):
            if t not in S:
                gains.append(expected(i, t) - base)
    return R, X, probs, values, eqs, gains


def _linear_solve(R, X, eqs):
    """Unique rational solution of a linear system, or None if singular; "none" if inconsistent."""
    import flint

    nv = len(X)
    rows = []
    for e in eqs:
        row = []
        for x in X:
            c = e.coeff(x)
            row.append(flint.fmpq(int(QQ.numer(c)), int(QQ.denom(c))))
        c0 = e.coeff(1)
        row.append(-flint.fmpq(int(QQ.numer(c0)), int(QQ.denom(c0))))
        rows.append(row)
    M = flint.fmpq_mat(len(rows), nv + 1, [v for r in rows for v in r])
    E, rank = M.rref()
    # inconsistent: a pivot in the right-hand column
    for r in range(rank):
        lead = next(c for c in range(nv + 1) if E[r, c] != 0)
        if lead == nv:
            return "none"
    if rank < nv:
        return None
    sol = [QQ(0)] * nv
    for r in range(rank):
        lead = next(c for c in range(nv) if E[r, c] != 0)
        v = E[r, nv] / E[r, lead]
        sol[lead] = QQ(int(v.p), int(v.q))
    return sol


#: Milliseconds z3 may spend deciding whether a continuum holds equilibria.
_Z3_MS = 5000


def _meets_region(X, probs, eqs, gains):
    """Whether the equations have a solution with support probabilities > 0 and no gain > 0.

    Decided exactly by z3's nonlinear real arithmetic (nlsat, complete for
    the theory of real closed fields). Returns True, False, or None when z3
    gives up within ``_Z3_MS``.

    References
    ----------
    .. [1] D. Jovanovic and L. de Moura (2012), "Solving non-linear
       arithmetic", *IJCAR 2012*, LNCS 7364: 339-354.
    """
    import z3

    zs = [z3.Real(f"x{k}") for k in range(len(X))]

    def conv(p):
        terms = []
        for m, c in p.terms():
            t = z3.RealVal(f"{QQ.numer(c)}/{QQ.denom(c)}")
            for v, e in zip(zs, m):
                for _ in range(e):
                    t = t * v
            terms.append(t)
        return z3.Sum(terms) if terms else z3.RealVal(0)

    solver = z3.SolverFor("QF_NRA")
    solver.set("timeout", _Z3_MS)
    for e in eqs:
        solver.add(conv(e) == 0)
    for d in probs:
        if len(d) > 1:
            for q in d.values():
                solver.add(conv(q) > 0)
    for g in gains:
        solver.add(conv(g) <= 0)
    res = solver.check()
    if res == z3.unsat:
        return False
    if res == z3.sat:
        return True
    return None


def _solve_numeric_support(F, supp):
    """Equilibria with exactly the supports ``supp`` of a numeric game.

    Returns ``("points", [(profile, payoffs, exact_rational)])`` or
    ``("continuum", [])``.
    """
    R, X, probs, values, eqs, gains = _support_system(F, supp)
    if not X:
        if eqs:
            return "points", []
        cands = [_RationalPoint([])]
    else:
        if any(e.is_ground for e in eqs):
            return "points", []  # a nonzero constant equation
        cands = None
        if all(max(map(sum, e.monoms())) <= 1 for e in eqs) and len(eqs) >= len(X):
            sol = _linear_solve(R, X, eqs)
            if sol == "none":
                return "points", []
            if sol is not None:
                cands = [_RationalPoint(sol)]
        if cands is None:
            gens = [x.as_expr() for x in X]
            res = real_solutions([e.as_expr() for e in eqs], gens)
            if res.dimension < 0:
                return "points", []
            if res.dimension > 0:
                # remove the components where some probability vanishes (saturation)
                z = sympy.Dummy("z")
                prod = sympy.Integer(1)
                for d in probs:
                    if len(d) > 1:
                        for p in d.values():
                            prod *= p.as_expr()
                res = real_solutions([e.as_expr() for e in eqs] + [sympy.expand(z * prod - 1)],
                                     gens + [z])
                if res.dimension < 0:
                    return "points", []
                if res.dimension > 0:
                    if _meets_region(X, probs, eqs, gains) is False:
                        return "points", []  # no equilibrium at all on this support
                    return "continuum", []
            cands = [_AlgebraicPoint(p) for p in res.points]
    out = []
    for pt in cands:
        if any(len(d) > 1 and pt.sign(p) <= 0 for d in probs for p in d.values()):
            continue
        if any(pt.sign(g) > 0 for g in gains):
            continue
        prof = []
        for i, d in enumerate(probs):
            vec = [sympy.Integer(0)] * F.shape[i]
            for s, p in d.items():
                vec[s] = pt.value(p) if len(d) > 1 else sympy.Integer(1)
            prof.append(tuple(vec))
        pay = tuple(pt.value(v) for v in values)
        out.append((tuple(prof), pay, pt.is_rational))
    return "points", out


def _kind(profile) -> str:
    return "pure" if all(sum(1 for p in s if p != 0) == 1 for s in profile) else "mixed"


def _numeric_enumeration(game, max_k, *, report):
    """The whole numeric enumeration (run in a worker when there is a time limit)."""
    F = _rational_payoffs(game)
    Q = _comparison_payoffs(F)
    shape = game.shape
    float_game = not game.is_exact
    eqs, continua = [], []
    for supp in iter_support_profiles(shape, max_k):
        if _conditionally_dominated(Q, supp):
            continue
        status, found = _solve_numeric_support(F, supp)
        if status == "continuum":
            continua.append(supp)
            report(("continuum", supp))
            continue
        for prof, pay, rational in found:
            if float_game:
                prof = tuple(tuple(float(v) for v in s) for s in prof)
                pay = tuple(float(v) for v in pay)
            e = make_equilibrium(game, prof, pay, kind=_kind(prof), method="support_enumeration")
            eqs.append(e)
            report(("equilibrium", e))
    return eqs, continua, []


# ---------------------------------------------------------- symbolic games


def _expected(P, shape, i, own, probs):
    """Player i's payoff of pure ``own`` strategy against the others' mixtures ``probs``."""
    N = len(shape)
    others = [j for j in range(N) if j != i]
    tot = sympy.Integer(0)
    for combo in itertools.product(*(probs[j].keys() for j in others)):
        w = sympy.Integer(1)
        prof = [0] * N
        prof[i] = own
        for j, s in zip(others, combo):
            prof[j] = s
            w = w * probs[j][s]
        tot += w * P[tuple(prof) + (i,)]
    return tot


def _tidy(e):
    """Simplify a probability/payoff for display (cheap for rationals)."""
    if e.is_Rational:
        return e
    if e.is_number:
        return sympy.radsimp(sympy.expand(e))
    return sympy.simplify(e)


def _light(e):
    """Cheap normal form of a deviation gain."""
    if e.is_Rational:
        return e
    if e.is_number:
        return sympy.expand(e)
    return sympy.cancel(sympy.together(e))


def _solve_symbolic_support(P, shape, supp, space):
    """Equilibria with exactly the given supports: list of (profile, payoffs, condition) or "continuum"."""
    from games.conditions import simplify_condition

    unknowns = []
    probs = []
    for i, S in enumerate(supp):
        syms = [sympy.Dummy(f"p{i}_{s}") for s in S[:-1]]
        unknowns += syms
        d = dict(zip(S[:-1], syms))
        d[S[-1]] = sympy.Integer(1) - sum(syms, sympy.Integer(0))
        probs.append(d)
    eqs = []
    for i, S in enumerate(supp):
        base = _expected(P, shape, i, S[0], probs)
        for s in S[1:]:
            e = sympy.expand(_expected(P, shape, i, s, probs) - base)
            if e != 0:
                eqs.append(e)
    if unknowns:
        if not eqs:
            return "continuum"
        if any(not (e.free_symbols & set(unknowns)) for e in eqs):
            return []  # holds only on a lower-dimensional set of parameters
        sols = sympy.solve(eqs, unknowns, dict=True)
        if not sols:
            return []
    else:
        if eqs:
            return []
        sols = [{}]
    out = []
    for sol in sols:
        if set(sol) != set(unknowns) or any(v.free_symbols & set(unknowns) for v in sol.values()):
            return "continuum"
        prof = []
        for i, S in enumerate(supp):
            vec = [sympy.Integer(0)] * shape[i]
            for s, p in probs[i].items():
                vec[s] = _tidy(p.xreplace(sol))
            prof.append(vec)
        mixes = [{s: prof[i][s] for s in S} for i, S in enumerate(supp)]
        conds = []
        values = []
        for i, S in enumerate(supp):
            v = _tidy(_expected(P, shape, i, S[0], mixes))
            values.append(v)
            if len(S) > 1:
                conds += [(prof[i][s], ">") for s in S]
            for t in range(shape[i]):
                if t not in S:
                    conds.append((_light(_expected(P, shape, i, t, mixes) - v), "<="))
        dens = set()
        for val in sol.values():
            dens.add(sympy.fraction(sympy.together(val))[1])
        rels = [sympy.Ne(d, 0) for d in dens if not d.is_number]
        rels += [sympy.Gt(d, 0) if op == ">" else sympy.Le(d, 0) for d, op in conds]
        cond = sympy.And(*rels)
        if cond is not sympy.false and cond is not sympy.true:
            cond = simplify_condition(cond, space)
        if cond is sympy.false:
            continue
        out.append((tuple(tuple(s) for s in prof), tuple(values), cond))
    return out


def _symbolic_support_worker(game, supp, *, report):
    """Solve and verify one support of a symbolic game (runs in a worker)."""
    res = _solve_symbolic_support(game.payoffs, game.shape, supp, game.space)
    if res == "continuum":
        return "continuum", []
    eqs = []
    for prof, vals, cond in res:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", GovgamesWarning)
            try:
                eqs.append(make_equilibrium(game, prof, vals, condition=cond, kind=_kind(prof),
                                            method="support_enumeration"))
            except GameError as exc:
                return "unverified", str(exc)
    return "points", eqs


def _symbolic_enumeration(game, max_k, deadline, support_seconds, report):
    eqs, continua, unsolved = [], [], []
    timed_out = False
    for supp in iter_support_profiles(game.shape, max_k):
        left = deadline.remaining()
        if left <= 0:
            timed_out = True
            unsolved.append((supp, "not reached before the time limit"))
            continue
        budget = min(support_seconds, left)
        try:
            status, found = call_with_time_limit(_symbolic_support_worker, game, supp,
                                                 time_limit=budget, name="support")
        except TimeLimitExceeded:
            unsolved.append((supp, f"not solved within {budget:.3g} s"))
            if deadline.passed():
                timed_out = True
            continue
        if status == "continuum":
            continua.append(supp)
        elif status == "unverified":
            unsolved.append((supp, f"solution not verified: {found}"))
        else:
            for e in found:
                eqs.append(e)
                report(("equilibrium", e))
    return eqs, continua, unsolved, timed_out


# --------------------------------------------------------------- the driver


def _sort_key(e):
    sizes = sum(sum(1 for p in sigma if p != 0) for sigma in e.profile)
    try:
        vals = tuple(-float(p) for sigma in e.profile for p in sigma)
    except TypeError:
        vals = tuple(0 if p == 0 else 1 for sigma in e.profile for p in sigma)[::-1]
    return (sizes, vals)


def _names(game, supp):
    return tuple(tuple(game.strategies[i][s] for s in S) for i, S in enumerate(supp))


def _time_error(time_limit, symbolic):
    advice = ('substitute parameter values (game.subs) or pass on_time_limit="partial"'
              if symbolic else f'{_ONE_EQ_ADVICE}, or on_time_limit="partial" for the '
              f'equilibria found so far')
    return UnsupportedGame(fmt_error("equilibria", "time_limit",
                                     f"enough for support enumeration ({advice})", time_limit))


def support_enumeration(game, *, time_limit: float | None = None,
                        max_support_size: int | None = None, on_time_limit: str = "raise",
                        support_time_limit: float | None = None) -> SupportEnumerationResult:
    """All isolated Nash equilibria of a normal-form game by support enumeration.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players; exact, float or symbolic payoffs.
    time_limit : float, optional
        Seconds for the whole call, including time inside sympy (the work
        runs in a worker process that is stopped at the limit).
    max_support_size : int, optional
        Only supports of at most this many strategies per player
        (``complete=False`` unless the cap does not bind).
    on_time_limit : {"raise", "partial"}
        At the limit, raise :class:`~games.errors.UnsupportedGame` naming a
        method that works (default), or return the equilibria found so far
        with ``complete=False``.
    support_time_limit : float, optional
        Symbolic games: seconds per support profile (default
        ``SYMBOLIC_SUPPORT_SECONDS``); a support that runs longer is listed
        in ``unsolved`` and the result is incomplete.

    Returns
    -------
    SupportEnumerationResult
        Verified equilibria, smallest supports first. ``complete`` is True
        only if every support profile was settled and none has a continuum;
        ``continua`` and ``unsolved`` name the support profiles that were not.

    Raises
    ------
    UnsupportedGame
        If the game has more than ``MAX_SUPPORT_PROFILES`` support profiles
        (decided before any enumeration), or at the time limit with
        ``on_time_limit="raise"``.
    ValueError
        For a bad ``time_limit``, ``max_support_size`` or ``on_time_limit``.

    References
    ----------
    .. [1] R. D. McKelvey and A. McLennan (1996), "Computation of equilibria
       in finite games", *Handbook of Computational Economics* 1: 87-142.
    .. [2] R. Porter, E. Nudelman and Y. Shoham (2008), "Simple search
       methods for finding a Nash equilibrium", *Games and Economic
       Behavior* 63: 642-662 (conditional dominance).
    .. [3] R. S. Datta (2003), "Using computer algebra to find Nash
       equilibria", *Proc. ISSAC 2003*: 74-79 (polynomial systems per support).

    Examples
    --------
    Three-player matching pennies (Jordan 1993) has one equilibrium.

    >>> from games.normal_form import NormalFormGame
    >>> g = NormalFormGame.from_payoff_function(
    ...     lambda p: (int(p[0] == p[1]), int(p[1] == p[2]), int(p[2] != p[0])), [("H", "T")] * 3)
    >>> res = support_enumeration(g)
    >>> [e.profile for e in res], res.complete
    ([((1/2, 1/2), (1/2, 1/2), (1/2, 1/2))], True)
    """
    func = "equilibria"
    check_game(game, func)
    time_limit = check_time_limit(func, time_limit)
    support_time_limit = check_time_limit(func, support_time_limit)
    if on_time_limit not in ON_TIME_LIMIT:
        raise ValueError(fmt_error(func, "on_time_limit", f"one of {ON_TIME_LIMIT}", on_time_limit))
    if max_support_size is not None:
        if isinstance(max_support_size, bool) or not isinstance(max_support_size, (int, np.integer)) \
                or max_support_size < 1:
            raise ValueError(fmt_error(func, "max_support_size", "a positive integer or None",
                                       max_support_size))
        max_support_size = int(max_support_size)
    shape = game.shape
    symbolic = game.is_symbolic
    count = n_support_profiles(shape, max_support_size)
    if count > MAX_SUPPORT_PROFILES:
        advice = "substitute parameter values (game.subs) first, or cap max_support_size" \
            if symbolic else f"{_ONE_EQ_ADVICE}, or cap max_support_size"
        raise UnsupportedGame(fmt_error(
            func, "game", f"small enough for support enumeration (at most {MAX_SUPPORT_PROFILES} "
            f"support profiles; {advice})", f"a game of shape {shape} with {count} support profiles"))
    capped = max_support_size is not None and max_support_size < max(shape)
    timed_out = False
    if symbolic:
        deadline = Deadline(time_limit)
        eqs, continua, unsolved, timed_out = _symbolic_enumeration(
            game, max_support_size, deadline, support_time_limit or SYMBOLIC_SUPPORT_SECONDS,
            lambda item: None)
        if timed_out and on_time_limit == "raise":
            raise _time_error(time_limit, True)
    else:
        try:
            eqs, continua, unsolved = call_with_time_limit(
                _numeric_enumeration, game, max_support_size, time_limit=time_limit,
                name="equilibria(): support enumeration")
        except TimeLimitExceeded as exc:
            if on_time_limit == "raise":
                raise _time_error(time_limit, False) from None
            timed_out = True
            eqs = [v for k, v in exc.partial if k == "equilibrium"]
            continua = [v for k, v in exc.partial if k == "continuum"]
            unsolved = [(None, f"support profiles not reached before the time limit of "
                               f"{time_limit:g} s")]
    eqs = sorted(eqs, key=_sort_key)
    continua_named = tuple(_names(game, s) for s in continua)
    unsolved_named = tuple((None if s is None else _names(game, s), why) for s, why in unsolved)
    if continua:
        warnings.warn(
            f"equilibria(): the game is degenerate: on {len(continua)} support profile(s) (e.g. "
            f"{continua_named[0]}) the indifference equations have a continuum of solutions; "
            f"the isolated equilibria are listed (see .continua)", GovgamesWarning, stacklevel=3)
    if unsolved or timed_out:
        warnings.warn(
            f"equilibria(): the enumeration is incomplete: {len(unsolved)} support profile(s) "
            f"not settled (e.g. {unsolved_named[0] if unsolved_named else 'time limit'}; see "
            f".unsolved)", GovgamesWarning, stacklevel=3)
    complete = not (capped or continua or unsolved or timed_out)
    return SupportEnumerationResult(
        eqs, continua=continua_named, unsolved=unsolved_named, game=game,
        method="support_enumeration", exact=game.is_exact, complete=complete,
        degenerate=bool(continua), space=game.space)
