"""Support enumeration on numeric games, certified: interval arithmetic, then exact algebra.

Pure equilibria are found at once by exact comparisons of the payoffs
(which are their verification: regret exactly 0). A support profile where
two players mix (a linear system), or three or four mix over two strategies
each (one quadratic, or resultants with certified root isolation), is
answered directly by :mod:`solvers._support_small`, unless its system is
degenerate.
Other support profiles of equal sizes are first settled together by certified
interval arithmetic (:func:`solvers.support_intervals.settle_supports`):
a profile without equilibria is skipped, and on a float game a profile
whose solutions are all enclosed in certified boxes is answered from them.
Whatever is left (every profile of a degenerate game that does not settle,
and on exact games every profile with an equilibrium, for its exact value)
is solved exactly. Float payoffs are read as their exact binary rationals,
so every sign (positive probabilities, no profitable deviation) is decided
exactly or from a rigorous enclosure. Linear support systems are solved by exact rational linear algebra
(python-flint), nonlinear ones by :func:`solvers.polynomial_systems.real_solutions`.
Where the solution set with all probabilities nonzero is positive-dimensional,
its nonsingular (isolated) solutions are still found, and a continuum is
reported unless z3 proves that no singular solution is an equilibrium.
Supports with a conditionally dominated strategy are skipped
(Porter, Nudelman and Shoham 2008).
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
from fractions import Fraction

import numpy as np
import sympy
from sympy.polys.domains import QQ

from solvers._support import binary_integers, make_equilibrium
from solvers._support_small import exact_value, integer_payoffs, solve_small_support
from solvers.polynomial_systems import real_solutions
from solvers.support_continua import meets_region, nonsingular_solutions
from solvers.support_intervals import BOX_BUDGET, payoff_enclosure, settle_supports
from solvers.support_profiles import iter_support_profiles, profile_kind

__all__ = ["rational_payoffs", "solve_numeric_support", "numeric_enumeration"]


def rational_payoffs(game) -> np.ndarray:
    """Payoffs as an object array of Fractions (floats: their exact binary values).

    Parameters
    ----------
    game : NormalFormGame
        An exact or float game (not symbolic).

    Returns
    -------
    numpy.ndarray
        Object array of :class:`fractions.Fraction`, the shape of
        ``game.payoffs``.

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> rational_payoffs(NormalFormGame.from_bimatrix([[2]], [["1/3"]]))[0, 0].tolist()
    [Fraction(2, 1), Fraction(1, 3)]
    >>> rational_payoffs(NormalFormGame.from_bimatrix([[0.5]], [[0.1]]))[0, 0].tolist()
    [Fraction(1, 2), Fraction(3602879701896397, 36028797018963968)]
    """
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


def _float_comparison_payoffs(P: np.ndarray) -> list[np.ndarray]:
    """:func:`_comparison_payoffs` of finite float payoffs, read from their binary expansions."""
    out = []
    for i in range(P.shape[-1]):
        ints, _ = binary_integers(P[..., i].reshape(-1).tolist())
        big = max((abs(v) for v in ints), default=0) >= 2**62
        out.append(np.array(ints, dtype=object if big else np.int64).reshape(P.shape[:-1]))
    return out


def _conditionally_dominated(Q, supp, cache=None) -> bool:
    """Whether some support strategy is strictly dominated given the others' supports.

    Porter, Nudelman and Shoham (2008): strategy ``a`` in ``S_i`` is
    conditionally dominated if some ``b`` of player ``i`` earns strictly
    more against every profile of the other players' supports. ``cache``
    (a dict, shared over the profiles of one game) keeps, per player, the
    bit sets of the others' profiles where ``b`` beats ``a``, and each player's
    dominated strategies per supports of the others.
    """
    n = len(supp)
    cache = {} if cache is None else cache
    for i in range(n):
        key = (i,) + supp[:i] + supp[i + 1:]
        dominated = cache.get(key)
        if dominated is None:
            beats, strides = cache.get(i) or cache.setdefault(i, _beat_sets(Q[i], i))
            grid = 1  # bit set of the others' profiles on their supports: shift by each stride
            for S, w in zip(key[1:], strides):
                grid = functools.reduce(operator.or_, [grid << (t * w) for t in S])
            m = len(beats)
            dominated = cache[key] = frozenset(
                a for a in range(m) if any(beats[b][a] & grid == grid for b in range(m)))
        if not dominated.isdisjoint(supp[i]):
            return True
    return False


def _beat_sets(Qi, i):
    """``beats[b][a]``: bit set of the others' pure profiles where ``b`` earns more than ``a``."""
    sub = np.moveaxis(Qi, i, 0).reshape(Qi.shape[i], -1)
    others = [Qi.shape[j] for j in range(Qi.ndim) if j != i]
    strides = [int(np.prod(others[q + 1:], dtype=np.int64)) for q in range(len(others))]
    weights = [1 << k for k in range(sub.shape[1])]
    beats = [[sum(w for w, hit in zip(weights, (sub[b] > sub[a]).tolist()) if hit)
              for a in range(len(sub))] for b in range(len(sub))]
    return beats, strides


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


def solve_numeric_support(F, supp):
    """Equilibria with exactly the supports ``supp`` of a numeric game.

    Parameters
    ----------
    F : numpy.ndarray
        The game's payoffs as Fractions (:func:`rational_payoffs`).
    supp : tuple of tuples of int
        One sorted tuple of strategy indices per player.

    Returns
    -------
    tuple
        ``(status, [(profile, payoffs, exact_rational)])``: the isolated
        equilibria on this support, with exact sympy numbers (rational or
        real algebraic). ``status`` is ``"points"`` when these are all the
        equilibria on the support, ``"continuum"`` when a continuum of
        equilibria may exist there as well (then the list holds the
        nonsingular ones, possibly none).

    Notes
    -----
    The indifference equations are solved exactly; the components where a
    support probability vanishes are removed by saturation. When the rest
    is positive-dimensional (somewhere in complex space, not necessarily
    among probabilities) and the system is square, its nonsingular
    solutions (Jacobian determinant nonzero) are still isolated and are all
    found, as a finite set; a continuum is reported only if z3 cannot rule
    out a singular solution with positive probabilities and no profitable
    deviation (a singular isolated equilibrium is reported that way too).
    A system that is not square is reported as a continuum whenever z3
    cannot rule out every solution.

    References
    ----------
    .. [1] R. S. Datta (2003), "Using computer algebra to find Nash
       equilibria", *Proc. ISSAC 2003*: 74-79.
    .. [2] D. A. Cox, J. Little and D. O'Shea (2015), *Ideals, Varieties, and
       Algorithms*, 4th ed., Springer, ch. 4 sec. 4 (saturation).
    .. [3] W. Rudin (1976), *Principles of Mathematical Analysis*, 3rd ed.,
       McGraw-Hill, Thm. 9.24 (inverse function theorem: a nonsingular
       solution is isolated).

    Examples
    --------
    Matching pennies, both players mixing:

    >>> from games.normal_form import NormalFormGame
    >>> F = rational_payoffs(NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]))
    >>> solve_numeric_support(F, ((0, 1), (0, 1)))
    ('points', [(((1/2, 1/2), (1/2, 1/2)), (0, 0), True)])

    Four players whose indifference conditions (``x_j`` the probability of
    "a") are ``(17 x2 - 11)(x3 - x4) = 0``, ``(17 x3 - 3)(x4 - x1 - 2) = 0``,
    ``(17 x4 - 7)(x1 - x2 + 2) = 0`` and ``(17 x1 - 7)(x2 - x3) = 0``: a
    line of solutions ``x2 = x3 = x4 = x1 + 2`` outside the probabilities,
    and one isolated totally mixed equilibrium.

    >>> def u(p):
    ...     x = [int(s == "a") for s in p]
    ...     d = [(17 * x[1] - 11) * (x[2] - x[3]), (17 * x[2] - 3) * (x[3] - x[0] - 2),
    ...          (17 * x[3] - 7) * (x[0] - x[1] + 2), (17 * x[0] - 7) * (x[1] - x[2])]
    ...     return [d[i] * x[i] for i in range(4)]
    >>> F = rational_payoffs(NormalFormGame.from_payoff_function(u, [("a", "b")] * 4))
    >>> status, [(profile, payoffs, _)] = solve_numeric_support(F, ((0, 1),) * 4)
    >>> status, [s[0] for s in profile]
    ('points', [7/17, 11/17, 3/17, 7/17])
    """
    R, X, probs, values, eqs, gains = _support_system(F, supp)
    status = "points"
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
                prod = R.one
                for d in probs:
                    if len(d) > 1:
                        for p in d.values():
                            prod *= p
                res = real_solutions([e.as_expr() for e in eqs]
                                     + [sympy.expand(z * prod.as_expr() - 1)], gens + [z])
                if res.dimension < 0:
                    return "points", []
                if res.dimension > 0:
                    if len(eqs) != len(X):
                        # not square: no Jacobian determinant to single out isolated points
                        if meets_region(X, probs, eqs, gains) is False:
                            return "points", []  # no equilibrium at all on this support
                        return "continuum", []
                    regular, may_continue = nonsingular_solutions(R, X, eqs, prod, probs, gains)
                    if regular is None:
                        return "continuum", []
                    res = regular
                    if may_continue:
                        status = "continuum"
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
    return status, out


def numeric_enumeration(game, max_k, *, report):
    """The whole numeric enumeration (run in a worker when there is a time limit).

    Parameters
    ----------
    game : NormalFormGame
        Exact or float payoffs.
    max_k : int or None
        Largest support size per player.
    report : callable
        Called with ``("equilibrium", e)`` and ``("continuum", supp)`` as
        they are found (the partial result at a time limit).

    Returns
    -------
    tuple
        ``(equilibria, continua, [])``: verified equilibria and the support
        profiles where a continuum of equilibria may exist (their
        nonsingular equilibria are among ``equilibria``).

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> g = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> eqs, continua, _ = numeric_enumeration(g, None, report=lambda item: None)
    >>> [e.profile for e in eqs], continua
    ([((1/2, 1/2), (1/2, 1/2))], [])
    """
    float_game = not game.is_exact
    P = np.asarray(game.payoffs, dtype=float) if float_game else None
    if float_game and np.isfinite(P).all() and not np.abs(P).max(initial=0.0) > _ENCLOSURE_TOP:
        # binary floats: exact integers per player by a power of two, enclosures of width 0
        Q = _float_comparison_payoffs(P)
        Plo = Phi = P
        F = None  # the Fractions, made when an exact solve needs them
    else:
        F = rational_payoffs(game)
        Q = _comparison_payoffs(F)
        # (huge payoffs scaled down by powers of two: floats must not overflow)
        Plo, Phi = payoff_enclosure(_enclosure_scaled(F))
    Qi = None  # flat integer payoffs, made when a profile with a mixer is left
    eqs, continua = [], []

    def exact_solve(supp):
        nonlocal F
        if F is None:
            F = rational_payoffs(game)
        return solve_numeric_support(F, supp)

    def emit(supp, found):
        for prof, pay, rational in found:
            if float_game:
                prof = tuple(tuple(float(v) for v in s) for s in prof)
                pay = tuple(float(v) for v in pay)
            e = make_equilibrium(game, prof, pay, kind=profile_kind(prof), method="support_enumeration")
            eqs.append(e)
            report(("equilibrium", e))

    # pure profiles come first (the smallest total size), in C order: all at once
    profiles = iter_support_profiles(game.shape, max_k)
    n_pure = math.prod(game.shape)
    for prof in _pure_equilibria(Q):
        if float_game:
            # the exact comparisons of _pure_equilibria are the check: regret exactly 0
            pay = tuple(float(P[prof + (i,)]) for i in range(len(prof)))
            vec = tuple(tuple(float(t == s) for t in range(m)) for s, m in zip(prof, game.shape))
            e = make_equilibrium(game, vec, pay, kind="pure", method="support_enumeration",
                                 verify=False)
            eqs.append(e)
            report(("equilibrium", e))
        else:
            emit(None, _pure_support(F, prof))
    for chunk in _chunks(itertools.islice(profiles, n_pure, None), Q):
        if Qi is None:
            Qi = integer_payoffs(Q)
        # linear or quadratic systems: exact and fast; the rest by intervals, then exactly
        small = [solve_small_support(Qi, s) for s in chunk]
        rest = [s for s, sm in zip(chunk, small) if sm is None]
        settled = iter(settle_supports(Plo, Phi, rest, box_budget=BOX_BUDGET if float_game
                                       else BOX_BUDGET // 6) if rest else [])
        for supp, sm in zip(chunk, small):
            if sm is not None:
                if float_game:
                    profs = [tuple(tuple(float(v) for v in s) for s in prof) for prof in sm]
                    emit(supp, [(prof, _float_payoffs(P, P, prof), False) for prof in profs])
                elif sm:  # exact games: exact values from the small path, or the exact solver
                    # (solving the quadratic again would factor its discriminant)
                    exact = [tuple(tuple(exact_value(v) for v in s) for s in prof) for prof in sm]
                    if all(v is not None for prof in exact for s in prof for v in s):
                        emit(supp, [(prof, _exact_payoffs(game, prof),
                                     all(v.is_Rational for s in prof for v in s)) for prof in exact])
                    else:
                        emit(supp, exact_solve(supp)[1])
                continue
            certified = next(settled)
            if certified is not None and (float_game or not certified):
                # float games: certified enclosures; exact games: only "none here" is used,
                # the exact values come from the exact solver below
                emit(supp, [(prof, _float_payoffs(P, P, prof), False) for prof, _ in certified])
                continue
            status, found = exact_solve(supp)
            emit(supp, found)  # isolated equilibria, also beside a continuum
            if status == "continuum":
                continua.append(supp)
                report(("continuum", supp))
    return eqs, continua, []


def _chunks(profiles, Q, size=512):
    """Consecutive support profiles of equal sizes, conditionally dominated ones dropped."""
    chunk, sizes = [], None
    cache: dict = {}
    for supp in profiles:
        if _conditionally_dominated(Q, supp, cache):
            continue
        k = tuple(map(len, supp))
        if chunk and (k != sizes or len(chunk) >= size):
            yield chunk
            chunk = []
        chunk.append(supp)
        sizes = k
    if chunk:
        yield chunk


def _pure_equilibria(Q):
    """Pure equilibria (index tuples, C order) by exact comparisons of the integer payoffs."""
    ne = None
    for i, q in enumerate(Q):
        best = q == q.max(axis=i, keepdims=True)
        ne = best if ne is None else ne & best
    return [tuple(map(int, t)) for t in np.argwhere(ne)]


def _pure_support(F, prof):
    """The pure equilibrium ``prof`` of an exact game, with its exact payoffs."""
    profile = tuple(tuple(sympy.Integer(int(t == s)) for t in range(F.shape[i]))
                    for i, s in enumerate(prof))
    pay = tuple(sympy.Rational(v.numerator, v.denominator)
                for v in (F[prof + (i,)] for i in range(len(prof))))
    return [(profile, pay, True)]


# Largest payoff magnitude the interval arithmetic takes as it is (larger: scaled down).
_ENCLOSURE_TOP = 2.0 ** 200


def _enclosure_scaled(F: np.ndarray) -> np.ndarray:
    """Each player's exact payoffs times a power of two, the largest at most 2^200 in magnitude.

    A positive factor per player changes no best response, so the
    equilibria are the same; their float enclosures cannot overflow.
    """
    out = F.copy()
    for i in range(F.shape[-1]):
        top = max((abs(v) for v in F[..., i].reshape(-1)), default=Fraction(0))
        if top > _ENCLOSURE_TOP:
            k = top.numerator.bit_length() - top.denominator.bit_length() - 200
            out[..., i] = np.array([v / (1 << k) for v in F[..., i].reshape(-1)],
                                   dtype=object).reshape(F.shape[:-1])
    return out


def _exact_payoffs(game, prof):
    """Every player's expected payoff at an exact profile, expanded."""
    from solvers.equilibrium import deviation_payoffs

    return tuple(sympy.expand(sum(p * d for p, d in zip(prof[i], deviation_payoffs(game, prof, i))))
                 for i in range(game.n_players))


def _float_payoffs(Plo, Phi, prof):
    """Expected payoffs of a float profile (the midpoint payoffs; reported, not decided on)."""
    P = 0.5 * (Plo + Phi)
    out = []
    for i in range(P.shape[-1]):
        T = P[..., i]
        for s in reversed(prof):
            T = T @ np.asarray(s)
        out.append(float(T))
    return tuple(out)
