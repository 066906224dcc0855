"""All Nash equilibria of normal-form games.

``equilibria(game)`` picks the method from the game:

* two players, numeric payoffs: enumeration of the vertices of both
  best-response polytopes (exact integer pivoting, or float proposals
  certified exactly; for float games, once a process has spent half a
  second on them, a compiled kernel, :mod:`solvers._compiled_bimatrix`,
  whose certificate decides nondegenerate games), pairing completely
  labelled vertices. This finds
  every *extreme* equilibrium, also in degenerate games, where the maximal
  convex sets of equilibria (maximal Nash subsets) are reported as
  ``components``. Exact games are re-solved exactly (integer/Fraction
  arithmetic) and returned as sympy Rationals.
* two players, ``method="support_enumeration"`` / ``"vertex_enumeration"``
  on float games: nashpy, always on float64 copies; ``"lemke_howson"``:
  one equilibrium by exact Lemke-Howson (:mod:`solvers.lemke_howson`).
* n players (numeric or symbolic) and symbolic two-player games: support
  enumeration, solving the polynomial indifference equations exactly with
  sympy. Symbolic equilibria carry the condition under which they exist.

Every equilibrium is verified (regret 0 exactly for exact games, at most a
tolerance for float games) before it is returned.
"""

from __future__ import annotations

import math
import time
import warnings
from fractions import Fraction

import numpy as np
import sympy

from games.errors import GameError, GovgamesWarning, UnsupportedGame, fmt_error
from solvers import _support as _S
from solvers._support import (check_game, float_equilibrium, make_equilibrium, make_set,
                              profile_sort_key)
from solvers._compiled_bimatrix import (COMPILED_MAX_STRATEGIES, compiled_float_equilibria,
                                        kernel_ready, note_general_time)
from solvers._small_bimatrix import small_bimatrix_float, two_by_two_float
from solvers.limits import TimeLimitExceeded, call_with_time_limit
from solvers.support_enumeration import MAX_SUPPORT_PROFILES, support_enumeration

__all__ = ["equilibria", "METHODS", "MAX_VERTEX_SYSTEMS", "MAX_SUPPORT_PROFILES"]

#: Method names accepted by :func:`equilibria`.
METHODS = ("auto", "vertex_enumeration", "support_enumeration", "lemke_howson", "logit")
#: Largest number of feasible bases (vertices of the perturbed best-response
#: polytopes, both together) a two-player enumeration may visit. Without a
#: ``time_limit``, a game whose upper-bound-theorem count of bases exceeds it
#: is refused up front (square games up to 16 x 16 pass); with a
#: ``time_limit`` it is tried, and stopped at the limit or at this many bases.
MAX_VERTEX_SYSTEMS = 4_000_000


def equilibria(game, *, method: str = "auto", time_limit: float | None = None,
               max_support_size: int | None = None, on_time_limit: str = "raise"):
    """All Nash equilibria of a normal-form game.

    Parameters
    ----------
    game : NormalFormGame
        Float, exact or symbolic payoffs; any number of players.
    method : {"auto", "vertex_enumeration", "support_enumeration", "lemke_howson", "logit"}
        ``"auto"`` (default) enumerates all equilibria with the best exact or
        vectorised method for the game. On float two-player games
        ``"support_enumeration"`` and ``"vertex_enumeration"`` call nashpy's
        algorithm of that name (on float64 copies); ``"lemke_howson"``
        returns one equilibrium (``complete=False``) of a two-player numeric
        game, by exact integer pivoting (it never cycles).
        ``"logit"`` returns one equilibrium (``complete=False``) of a
        numeric game of any size by tracing the logit quantal-response path
        (:func:`solvers.quantal_response.quantal_response_path`).
    time_limit : float, optional
        Seconds. The call returns or raises within the limit (plus the
        moments it takes to stop a worker process), also when the time goes
        inside sympy. Without a limit, a two-player game is refused up front
        only when the proven bound on the vertices of its best-response
        polytopes (the upper bound theorem) exceeds what can be enumerated.
    max_support_size : int, optional
        Only consider mixed strategies with at most this many strategies in
        their support (the result is then ``complete=False`` unless the cap
        does not bind).
    on_time_limit : {"raise", "partial"}
        At ``time_limit``: raise :class:`~games.errors.UnsupportedGame`
        naming a method that works for the game (default), or return the
        verified equilibria found so far with ``complete=False`` (for a
        two-player game whose vertex enumeration did not finish: the
        equilibrium Lemke-Howson finds in a quarter of the limit, if it
        finishes).

    Returns
    -------
    EquilibriumSet
        ``complete`` tells whether the enumeration was exhaustive;
        ``degenerate`` whether the game is degenerate (then two-player
        results list all extreme equilibria and ``components`` the maximal
        convex sets of equilibria as tuples of indices: every mixture of
        the listed equilibria's strategies within a component is an
        equilibrium). Symbolic results give each equilibrium as expressions
        in the parameters with its ``condition``.

    Raises
    ------
    UnsupportedGame
        When the game is too large for exhaustive enumeration (use
        ``method="lemke_howson"``) or runs past ``time_limit``.

    Notes
    -----
    Two-player numeric games: the extreme equilibria are the completely
    labelled vertex pairs of the best-response polytopes
    ``P = {x >= 0 : B^T x <= 1}`` and ``Q = {y >= 0 : A y <= 1}``; in
    degenerate games the maximal Nash subsets are the maximal complete
    bipartite subgraphs of the graph of extreme equilibria [1]_, [2]_.
    Float payoffs are taken at their exact binary values, so the equilibria
    are those of that exact game, correctly rounded; two whose roundings
    coincide (possible only at the edge of float precision, e.g. a
    probability below the smallest subnormal) are listed once.

    References
    ----------
    .. [1] D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel (2010),
       "Enumeration of Nash equilibria for two-player games", *Economic
       Theory* 42: 9-37.
    .. [2] B. von Stengel (2007), "Equilibrium computation for two-player
       games in strategic and extensive form", in *Algorithmic Game Theory*,
       Cambridge University Press, ch. 3.
    .. [3] R. D. McKelvey and A. McLennan (1996), "Computation of equilibria
       in finite games", *Handbook of Computational Economics* 1: 87-142.

    Examples
    --------
    Battle of the sexes: two pure equilibria and a mixed one.

    >>> from games.normal_form import NormalFormGame
    >>> bos = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> [e.profile for e in equilibria(bos)]
    [((1, 0), (1, 0)), ((0, 1), (0, 1)), ((2/3, 1/3), (1/3, 2/3))]

    A symbolic game: matching pennies with stake ``s``.

    >>> s = sympy.Symbol("s", positive=True)
    >>> mp = NormalFormGame.from_bimatrix([[s, -s], [-s, s]], [[-s, s], [s, -s]])
    >>> [(e.profile, e.condition) for e in equilibria(mp)]
    [(((1/2, 1/2), (1/2, 1/2)), True)]
    """
    func = "equilibria"
    check_game(game, func)
    _S.check_rational_payoffs(game, func)
    if method not in METHODS:
        raise ValueError(fmt_error(func, "method", f"one of {METHODS}", method))
    if on_time_limit not in ("raise", "partial"):
        raise ValueError(fmt_error(func, "on_time_limit", '"raise" or "partial"', on_time_limit))
    if time_limit is not None:
        if isinstance(time_limit, bool) or not isinstance(time_limit, (int, float)) \
                or not time_limit > 0 or not math.isfinite(time_limit):
            raise ValueError(fmt_error(func, "time_limit", "a positive number of seconds or None",
                                       time_limit))
    if max_support_size is not None:
        if isinstance(max_support_size, bool) or not isinstance(max_support_size, (int, np.integer)) \
                or max_support_size < 1:
            raise ValueError(fmt_error(func, "max_support_size", "a positive integer or None",
                                       max_support_size))
        max_support_size = int(max_support_size)
    deadline = None if time_limit is None else time.perf_counter() + float(time_limit)

    if method == "logit":
        from solvers.quantal_response import logit_equilibrium

        return logit_equilibrium(game, time_limit=time_limit)
    if game.is_symbolic or game.n_players != 2:
        if method not in ("auto", "support_enumeration"):
            raise UnsupportedGame(fmt_error(func, "method", '"auto", "support_enumeration" or '
                                            '"logit" for symbolic or n-player games', method))
        return support_enumeration(game, time_limit=time_limit, max_support_size=max_support_size,
                                   on_time_limit=on_time_limit)
    if method == "lemke_howson":
        try:
            return _lemke_howson_within(game, time_limit)
        except TimeLimitExceeded:
            _timeout(time_limit, "enough for the Lemke-Howson path (for an approximate "
                     'equilibrium of a large game use method="logit")')()
    if method in ("support_enumeration", "vertex_enumeration") and not game.is_exact \
            and min(game.shape) >= 2:  # nashpy's qhull-based code needs two strategies each
        return _nashpy_enumeration(game, method, deadline, time_limit, max_support_size)
    if on_time_limit == "partial" and deadline is not None:
        # leave a quarter of the limit for the fallback below
        deadline = time.perf_counter() + 0.75 * float(time_limit)
    try:
        return _vertex_enumeration(game, deadline, time_limit, max_support_size)
    except UnsupportedGame as exc:
        if on_time_limit != "partial" or not getattr(exc, "time_limit_reached", False) or min(game.shape) < 2:
            raise
        try:
            found = _lemke_howson_within(game, 0.25 * float(time_limit))
        except TimeLimitExceeded:  # no equilibrium within the limit: an empty, incomplete result
            found = make_set([], game, method="lemke_howson", complete=False)
        got = "one equilibrium found" if len(found) else "no equilibrium: not even"
        warnings.warn(f"equilibria(): the vertex enumeration stopped at time_limit={time_limit}; "
                      f"returning {got} by Lemke-Howson (complete=False)", GovgamesWarning,
                      stacklevel=2)
        return found


# --------------------------------------------------------------------- helpers


def _timeout(time_limit, expected="enough for the enumeration (for one equilibrium use "
                                   'method="lemke_howson")'):
    def raise_():
        exc = UnsupportedGame(fmt_error("equilibria", "time_limit", expected, time_limit))
        exc.time_limit_reached = True  # what on_time_limit="partial" falls back on (not a message match)
        raise exc
    return raise_


def _sort_key(e):
    return profile_sort_key(e.profile)


def _kind(profile) -> str:
    return "pure" if all(sum(1 for p in s if p != 0) == 1 for s in profile) else "mixed"


# ------------------------------------------------------- two players, numeric


def _vertex_enumeration(game, deadline, time_limit, max_k):
    m, n = game.shape
    if not (2 <= min(m, n) and m * n > 4 and not game.is_exact
            and max(m, n) <= (COMPILED_MAX_STRATEGIES if time_limit is None else 8)):
        return _general_vertex_enumeration(game, deadline, time_limit, max_k)
    # a float game the compiled kernel takes: with a time_limit only games it finishes within
    # milliseconds (it cannot be interrupted, while the general path checks the deadline)
    if kernel_ready(time_limit):
        found = compiled_float_equilibria(game, max_k)  # None on any doubt
        return found if found is not None else \
            _general_vertex_enumeration(game, deadline, time_limit, max_k)
    t0 = time.perf_counter()
    try:
        return _general_vertex_enumeration(game, deadline, time_limit, max_k)
    finally:  # (time spent on such games: past a threshold, the kernel is compiled)
        note_general_time(time.perf_counter() - t0)


def _general_vertex_enumeration(game, deadline, time_limit, max_k):
    m, n = game.shape
    if 2 <= min(m, n) and max(m, n) <= 3 and not game.is_exact \
            and (max_k is None or max_k >= min(m, n)):
        # closed forms; None for a degenerate game
        found = two_by_two_float(game) if m == n == 2 else small_bimatrix_float(game)
        if found is not None:
            return found
    from solvers.limits import Deadline
    from solvers.vertex_enumeration import max_vertices_bound

    bound = max_vertices_bound(m, n) + max_vertices_bound(n, m)
    if time_limit is None and bound > MAX_VERTEX_SYSTEMS:
        raise UnsupportedGame(fmt_error(
            "equilibria", "game", f"small enough for exhaustive enumeration (its best-response "
            f"polytopes may have up to {bound} vertices, more than {MAX_VERTEX_SYSTEMS}; pass a "
            f"time_limit to try anyway, or for one equilibrium use method=\"lemke_howson\")",
            f"a {m}x{n} game"))
    dl = None if deadline is None else Deadline(max(deadline - time.perf_counter(), 1e-9))
    P = game.payoffs
    exact = game.is_exact
    try:
        if exact:
            X, Y, pairs, degenerate, capped = _S.bimatrix_extreme_equilibria_exact(
                P[..., 0].tolist(), P[..., 1].tolist(), max_k=max_k, deadline=dl,
                max_bases=MAX_VERTEX_SYSTEMS)
        else:
            A = np.asarray(P[..., 0], dtype=np.float64)
            B = np.asarray(P[..., 1], dtype=np.float64)
            X, Y, pairs, degenerate, capped, TA, TB = _S.bimatrix_extreme_equilibria_float(
                A, B, max_k=max_k, deadline=dl, max_bases=MAX_VERTEX_SYSTEMS)
    except TimeLimitExceeded:
        _timeout(time_limit)()
    except UnsupportedGame:  # the traversal visited MAX_VERTEX_SYSTEMS bases
        raise UnsupportedGame(fmt_error(
            "equilibria", "game", f"small enough for exhaustive enumeration (at most "
            f"{MAX_VERTEX_SYSTEMS} feasible bases, which bounds the memory used; for one "
            f"equilibrium use method=\"lemke_howson\" or method=\"logit\")",
            f"a {m}x{n} game with more")) from None
    except MemoryError:  # the vertices themselves do not fit
        raise UnsupportedGame(fmt_error(
            "equilibria", "game", "small enough for the vertices of its best-response polytopes "
            "to fit in memory (pass a time_limit to stop sooner; for one equilibrium use "
            "method=\"logit\" or method=\"lemke_howson\")", f"a {m}x{n} game")) from None
    check = dl is not None and dl.at is not None

    def tick(count):
        # the work after the enumeration grows with the equilibria (and the
        # components of a degenerate game can be exponentially many)
        if check and count & 255 == 255 and dl.passed():
            raise TimeLimitExceeded("equilibria(): time limit reached", partial=(),
                                    time_limit=time_limit)

    try:
        return _assemble(game, X, Y, pairs, degenerate, capped, None if exact else (TA, TB),
                         tick, dl)
    except TimeLimitExceeded:
        _timeout(time_limit)()


def _assemble(game, X, Y, pairs, degenerate, capped, transforms, tick, dl):
    """The EquilibriumSet of the extreme equilibria found: certified, ordered, with components."""
    P = game.payoffs
    exact = transforms is None
    eqs = []
    if exact:
        Af = [[Fraction(int(v.p), int(v.q)) for v in row] for row in P[..., 0]]
        Bf = [[Fraction(int(v.p), int(v.q)) for v in row] for row in P[..., 1]]
        Xs = [tuple(sympy.Rational(v.numerator, v.denominator) for v in x) for x in X]
        Ys = [tuple(sympy.Rational(v.numerator, v.denominator) for v in y) for y in Y]
        for count, (i, j) in enumerate(pairs):
            tick(count)
            # the certificate, in exact arithmetic: no pure deviation gains
            u1, u2 = _S.exact_regret_check(Af, Bf, X[i], Y[j])
            prof = (Xs[i], Ys[j])
            pay = (sympy.Rational(u1.numerator, u1.denominator),
                   sympy.Rational(u2.numerator, u2.denominator))
            eqs.append(make_equilibrium(game, prof, pay, kind=_kind(prof),
                                        method="vertex_enumeration", verify=False))
    else:
        # (numerators, total) pairs: int / int is correctly rounded
        Xs = [tuple([a / t for a in nums]) for nums, t in X]
        Ys = [tuple([a / t for a in nums]) for nums, t in Y]
        # every returned pair is certified on the exact binary values (regret exactly
        # 0); the returned floats are correct roundings, so a float profile's
        # regret is at most 2 max|payoff| (m + n) 2^-53, far below float_tol.
        # Pairs whose vertices round to the same floats are then merged.
        (Ai, sa, ka), (Bi, sb, kb) = transforms
        merged = _dedupe_float_pairs(Xs, Ys, pairs)
        pays = {}
        for count, ((i, j), key) in enumerate(zip(pairs, merged)):
            tick(count)
            if key not in pays:
                pays[key] = _S.integer_regret_check(Ai, Bi, X[i], Y[j])
        # the result's order (_sort_key's, read off the floats before building objects;
        # distinct float profiles have distinct keys)
        order = sorted((profile_sort_key((Xs[i], Ys[j])), i, j) for i, j in pays)
        pairs = [(i, j) for _, i, j in order]
        players, strategies, space = game.players, game.strategies, game.space
        for count, (key, i, j) in enumerate(order):
            tick(count)
            # exact payoffs of the integer game U / den, mapped back: (U / den + shift) / 2^k,
            # correctly rounded (int / int)
            U1, U2, den = pays[i, j]
            u = ((U1 + sa * den) / (den << ka), (U2 + sb * den) / (den << kb))
            # two strategies in the supports together: both pure
            eqs.append(float_equilibrium((Xs[i], Ys[j]), u, kind="pure" if key[0] == 2 else "mixed",
                                         method="vertex_enumeration", players=players,
                                         strategies=strategies, space=space))
    if exact:
        order = sorted(range(len(eqs)), key=lambda a: _sort_key(eqs[a]))
        eqs = [eqs[a] for a in order]
        pairs = [pairs[a] for a in order]
    if degenerate:
        pair_index = {pair: k for k, pair in enumerate(pairs)}
        components = []
        for count, (Xc, Yc) in enumerate(_S.maximal_bicliques(pairs, dl)):
            tick(count)
            components.append(tuple(sorted(pair_index[(i, j)] for i in Xc for j in Yc)))
        components = tuple(sorted(components))
    else:  # isolated equilibria: no vertex is in two of them
        components = tuple((k,) for k in range(len(pairs)))
    if any(len(c) > 1 for c in components):
        # (stacklevel: the caller of equilibria)
        warnings.warn(f"equilibria(): the game is degenerate and has continua of equilibria; "
                      f"returned {len(eqs)} extreme equilibria and {len(components)} maximal convex "
                      f"components (see .components)", GovgamesWarning, stacklevel=5)
    return make_set(eqs, game, method="vertex_enumeration", complete=not capped,
                    degenerate=bool(degenerate), components=components)


def _dedupe_float_pairs(Xs, Ys, pairs):
    # each pair's representative: the first vertex with the same floats. The
    # exact vertices are distinct; only rounding to floats can merge two of
    # them (then the float game cannot tell them apart either)
    seen_x, seen_y = {}, {}
    mx = [seen_x.setdefault(x, i) for i, x in enumerate(Xs)]
    my = [seen_y.setdefault(y, j) for j, y in enumerate(Ys)]
    return [(mx[i], my[j]) for i, j in pairs]


def _payoffs2(game, prof):
    x, y = prof
    P = game.payoffs
    if game.is_exact:
        out = []
        for k in range(2):
            tot = sympy.Integer(0)
            for i, xi in enumerate(x):
                if xi == 0:
                    continue
                for j, yj in enumerate(y):
                    if yj != 0:
                        tot += xi * yj * P[i, j, k]
            out.append(tot)
        return tuple(out)
    xa, ya = np.array(x), np.array(y)
    return tuple(float(xa @ np.asarray(P[..., k], dtype=float) @ ya) for k in range(2))


def _nashpy_enumeration(game, method, deadline, time_limit, max_k):
    import nashpy

    m, n = game.shape
    count = _S.n_vertex_systems(m, n, max_k)
    # nashpy solves one system per Python iteration (~50 us each)
    if time_limit is not None and count * 5e-5 > time_limit:
        raise UnsupportedGame(fmt_error(
            "equilibria", "time_limit", f"at least the estimated {count * 5e-5:.3g} s for nashpy's "
            f"{method} on this game (use method=\"auto\")", time_limit))
    A = np.array(game.payoffs[..., 0], dtype=np.float64)
    B = np.array(game.payoffs[..., 1], dtype=np.float64)
    g = nashpy.Game(A, B)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        if method == "support_enumeration":
            # nashpy's default tolerance (1e-16) rejects true equilibria by rounding
            it = g.support_enumeration(tol=1e-10)
        else:
            it = g.vertex_enumeration()
        found = []
        on_timeout = _timeout(time_limit)
        for x, y in it:
            if deadline is not None and time.perf_counter() > deadline:
                on_timeout()
            x = np.where(np.abs(x) < 1e-12, 0.0, x)
            y = np.where(np.abs(y) < 1e-12, 0.0, y)
            if max_k is not None and ((x > 0).sum() > max_k or (y > 0).sum() > max_k):
                continue
            found.append((tuple(float(v) for v in x / x.sum()), tuple(float(v) for v in y / y.sum())))
    eqs, dropped = [], 0
    keys = set()
    for prof in found:
        key = tuple(round(v, 8) for s in prof for v in s)
        if key in keys:
            continue
        keys.add(key)
        e = make_equilibrium(game, prof, _payoffs2(game, prof), kind=_kind(prof), method=method,
                             verify=False)
        try:
            e.verify(game, tol=1e-7)
        except GameError:
            dropped += 1
            continue
        eqs.append(e)
    if dropped:
        warnings.warn(f"equilibria(): nashpy's {method} returned {dropped} profiles that are not "
                      f"equilibria (dropped); the game may be degenerate — use method=\"auto\"",
                      GovgamesWarning, stacklevel=3)
    eqs.sort(key=_sort_key)
    return make_set(eqs, game, method=method, complete=max_k is None and not dropped)


def _lemke_howson_within(game, time_limit):
    """One equilibrium by exact Lemke-Howson (label 0), within ``time_limit`` seconds.

    :func:`solvers.lemke_howson.lemke_howson` on the positive integer
    transforms of the payoffs (the floats' exact binary values), certified
    exactly like the enumeration's equilibria. Raises TimeLimitExceeded.
    """
    if time_limit is not None:  # a worker, stopped at the limit: one pivot of a large game with
        # payoffs over 1e-300..1e300 can take longer than the limit itself
        return call_with_time_limit(_lemke_howson_job, game, time_limit=time_limit,
                                    name="equilibria")
    return _lemke_howson_job(game)


def _lemke_howson_job(game, report=None):
    from solvers.lemke_howson import lemke_howson

    P = game.payoffs
    if game.is_exact:
        Ai, Bi = _S.integer_matrix(P[..., 0].tolist()), _S.integer_matrix(P[..., 1].tolist())
        x, y = lemke_howson(Ai, Bi, 0)
        xf = tuple(Fraction(a, x[1]) for a in x[0])
        yf = tuple(Fraction(b, y[1]) for b in y[0])
        Af = [[Fraction(int(v.p), int(v.q)) for v in row] for row in P[..., 0]]
        Bf = [[Fraction(int(v.p), int(v.q)) for v in row] for row in P[..., 1]]
        u1, u2 = _S.exact_regret_check(Af, Bf, xf, yf)  # the certificate, exact
        prof = tuple(tuple(sympy.Rational(v.numerator, v.denominator) for v in s) for s in (xf, yf))
        pay = tuple(sympy.Rational(u.numerator, u.denominator) for u in (u1, u2))
    else:
        (Ai, sa, ka), (Bi, sb, kb) = (_S.float_integer_transform(np.asarray(P[..., k], dtype=np.float64))
                                      for k in range(2))
        x, y = lemke_howson(Ai, Bi, 0)
        U1, U2, den = _S.integer_regret_check(Ai, Bi, x, y)  # the certificate, exact
        prof = (tuple(a / x[1] for a in x[0]), tuple(b / y[1] for b in y[0]))
        pay = ((U1 + sa * den) / (den << ka), (U2 + sb * den) / (den << kb))
    e = make_equilibrium(game, prof, pay, kind=_kind(prof), method="lemke_howson", verify=False)
    return make_set([e], game, method="lemke_howson", complete=False)


# ------------------------------------------- n players and symbolic games


def _support_enumeration_general(game, deadline, time_limit, max_k):
    """n-player / symbolic enumeration (see :mod:`solvers.support_enumeration`)."""
    return support_enumeration(game, time_limit=time_limit, max_support_size=max_k)
