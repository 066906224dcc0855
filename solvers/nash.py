"""All Nash equilibria of normal-form games.

``equilibria(game)`` picks the method from the game:

* two players, numeric payoffs: enumeration of the vertices of both
  best-response polytopes (all supports of one size solved in one batched
  ``numpy.linalg.solve``), pairing completely labelled vertices. This finds
  every *extreme* equilibrium, also in degenerate games, where the maximal
  convex sets of equilibria (maximal Nash subsets) are reported as
  ``components``. Exact games are re-solved exactly (integer/Fraction
  arithmetic) and returned as sympy Rationals.
* two players, ``method="support_enumeration"`` / ``"vertex_enumeration"`` /
  ``"lemke_howson"`` on float games: nashpy, always on float64 copies.
* n players (numeric or symbolic) and symbolic two-player games: support
  enumeration, solving the polynomial indifference equations exactly with
  sympy. Symbolic equilibria carry the condition under which they exist.

Every equilibrium is verified (regret 0 exactly for exact games, at most a
tolerance for float games) before it is returned.
"""

from __future__ import annotations

import itertools
import math
import time
import warnings
from fractions import Fraction

import numpy as np
import sympy

from games.errors import GameError, GovgamesWarning, UnsupportedGame, fmt_error
from solvers import _support as _S
from solvers._support import check_game, make_equilibrium, make_set
from solvers.conditions import simplify_condition
from solvers.pure import pure_equilibrium_mask

__all__ = ["equilibria", "METHODS", "MAX_VERTEX_SYSTEMS", "MAX_SUPPORT_PROFILES"]

#: Method names accepted by :func:`equilibria`.
METHODS = ("auto", "vertex_enumeration", "support_enumeration", "lemke_howson")
#: Largest number of (support, tight set) linear systems a two-player
#: enumeration will solve (about a 13 x 13 game); beyond it, use Lemke-Howson.
MAX_VERTEX_SYSTEMS = 12_000_000
#: Largest number of support profiles the n-player / symbolic enumeration visits.
MAX_SUPPORT_PROFILES = 4096
# rough cost per linear system of the batched float pass (seconds), for time_limit
_SECONDS_PER_SYSTEM = 2e-6
_FLOAT_TOL = 1e-9


def equilibria(game, *, method: str = "auto", time_limit: float | None = None,
               max_support_size: int | None = None):
    """All Nash equilibria of a normal-form game.

    Parameters
    ----------
    game : NormalFormGame
        Float, exact or symbolic payoffs; any number of players.
    method : {"auto", "vertex_enumeration", "support_enumeration", "lemke_howson"}
        ``"auto"`` (default) enumerates all equilibria with the best exact or
        vectorised method for the game. On float two-player games the other
        names call nashpy's algorithm of that name (on float64 copies);
        ``"lemke_howson"`` returns one equilibrium (``complete=False``).
    time_limit : float, optional
        Seconds. A game whose enumeration is estimated to take longer is
        refused up front (:class:`~games.errors.UnsupportedGame`), and an
        enumeration that runs past the limit stops with that error.
    max_support_size : int, optional
        Only consider mixed strategies with at most this many strategies in
        their support (the result is then ``complete=False`` unless the cap
        does not bind).

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
    if method not in METHODS:
        raise ValueError(fmt_error(func, "method", f"one of {METHODS}", method))
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

    if game.is_symbolic or game.n_players != 2:
        if method not in ("auto", "support_enumeration"):
            raise UnsupportedGame(fmt_error(func, "method", '"auto" or "support_enumeration" for '
                                            "symbolic or n-player games", method))
        return _support_enumeration_general(game, deadline, time_limit, max_support_size)
    if method == "lemke_howson":
        if min(game.shape) < 2:  # nashpy needs two strategies each; enumeration is trivial here
            full = _vertex_enumeration(game, deadline, time_limit, max_support_size)
            return make_set(list(full)[:1], game, method="lemke_howson", complete=False)
        return _lemke_howson(game)
    if method in ("support_enumeration", "vertex_enumeration") and not game.is_exact \
            and min(game.shape) >= 2:  # nashpy's qhull-based code needs two strategies each
        return _nashpy_enumeration(game, method, deadline, time_limit, max_support_size)
    return _vertex_enumeration(game, deadline, time_limit, max_support_size)


# --------------------------------------------------------------------- helpers


def _timeout(time_limit):
    def raise_():
        raise UnsupportedGame(fmt_error("equilibria", "time_limit",
                                        "enough for the enumeration (for one equilibrium use "
                                        'method="lemke_howson")', time_limit))
    return raise_


def _sort_key(e):
    sizes = sum(sum(1 for p in sigma if p != 0) for sigma in e.profile)
    return (sizes, tuple(-float(p) for sigma in e.profile for p in sigma))


def _kind(profile) -> str:
    return "pure" if all(sum(1 for p in s if p != 0) == 1 for s in profile) else "mixed"


# ------------------------------------------------------- two players, numeric


def _vertex_enumeration(game, deadline, time_limit, max_k):
    m, n = game.shape
    count = _S.n_vertex_systems(m, n, max_k)
    if count > MAX_VERTEX_SYSTEMS:
        raise UnsupportedGame(fmt_error(
            "equilibria", "game", f"small enough for exhaustive enumeration (at most "
            f"{MAX_VERTEX_SYSTEMS} support systems; for one equilibrium use method=\"lemke_howson\", "
            f"or cap max_support_size)", f"a {m}x{n} game needing {count} systems"))
    if time_limit is not None and 2 * count * _SECONDS_PER_SYSTEM > time_limit:
        raise UnsupportedGame(fmt_error(
            "equilibria", "time_limit", f"at least the estimated {2 * count * _SECONDS_PER_SYSTEM:.3g}"
            " s for this game (for one equilibrium use method=\"lemke_howson\")", time_limit))
    on_timeout = _timeout(time_limit)
    P = game.payoffs
    exact = game.is_exact
    eqs = []
    if exact:
        X, Y, pairs, degenerate = _S.bimatrix_extreme_equilibria_exact(
            P[..., 0].tolist(), P[..., 1].tolist(), max_k=max_k, deadline=deadline,
            on_timeout=on_timeout)
        Af = [[Fraction(int(v.p), int(v.q)) for v in row] for row in P[..., 0]]
        Bf = [[Fraction(int(v.p), int(v.q)) for v in row] for row in P[..., 1]]
        Xs = [tuple(sympy.Rational(v.numerator, v.denominator) for v in x) for x in X]
        Ys = [tuple(sympy.Rational(v.numerator, v.denominator) for v in y) for y in Y]
        for i, j in pairs:
            # the certificate, in exact arithmetic: no pure deviation gains
            u1, u2 = _S.exact_regret_check(Af, Bf, X[i], Y[j])
            prof = (Xs[i], Ys[j])
            pay = (sympy.Rational(u1.numerator, u1.denominator),
                   sympy.Rational(u2.numerator, u2.denominator))
            eqs.append(make_equilibrium(game, prof, pay, kind=_kind(prof),
                                        method="vertex_enumeration", verify=False))
    else:
        A = np.asarray(P[..., 0], dtype=np.float64)
        B = np.asarray(P[..., 1], dtype=np.float64)
        X, Y, pairs, degenerate = _S.bimatrix_extreme_equilibria_float(
            A, B, max_k=max_k, deadline=deadline, on_timeout=on_timeout)
        Xs = [tuple(float(v) for v in x) for x in X]
        Ys = [tuple(float(v) for v in y) for y in Y]
        pairs = _dedupe_float_pairs(Xs, Ys, pairs)
        tol = _S.float_tol(game)
        for i, j in pairs:
            u1, u2 = _S.float_regret_check(A, B, X[i], Y[j], tol)
            prof = (Xs[i], Ys[j])
            eqs.append(make_equilibrium(game, prof, (u1, u2), kind=_kind(prof),
                                        method="vertex_enumeration", verify=False))
    order = sorted(range(len(eqs)), key=lambda a: _sort_key(eqs[a]))
    rank = {old: new for new, old in enumerate(order)}
    eqs = [eqs[a] for a in order]
    pair_index = {pairs[old]: rank[old] for old in range(len(pairs))}
    components = []
    for Xc, Yc in _S.maximal_bicliques(pairs):
        components.append(tuple(sorted(pair_index[(i, j)] for i in Xc for j in Yc)))
    components = tuple(sorted(components))
    if any(len(c) > 1 for c in components):
        warnings.warn(f"equilibria(): the game is degenerate and has continua of equilibria; "
                      f"returned {len(eqs)} extreme equilibria and {len(components)} maximal convex "
                      f"components (see .components)", GovgamesWarning, stacklevel=3)
    complete = max_k is None or max_k >= min(m, n)
    return make_set(eqs, game, method="vertex_enumeration", complete=complete,
                    degenerate=bool(degenerate), components=components)


def _dedupe_float_pairs(Xs, Ys, pairs):
    seen_x, seen_y = {}, {}
    mx, my = {}, {}
    for i, x in enumerate(Xs):
        key = tuple(round(v, 8) for v in x)
        mx[i] = seen_x.setdefault(key, i)
    for j, y in enumerate(Ys):
        key = tuple(round(v, 8) for v in y)
        my[j] = seen_y.setdefault(key, j)
    out = []
    for i, j in pairs:
        p = (mx[i], my[j])
        if p not in out:
            out.append(p)
    return out


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


def _lemke_howson(game):
    import nashpy

    A = np.array(game.float_payoffs()[..., 0], dtype=np.float64)
    B = np.array(game.float_payoffs()[..., 1], dtype=np.float64)
    m, n = A.shape
    g = nashpy.Game(A, B)
    for label in range(m + n):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            try:
                x, y = g.lemke_howson(initial_dropped_label=label)
            except Exception:  # nashpy may fail on degenerate games; try another label
                continue
        if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))) or x.sum() <= 0 or y.sum() <= 0:
            continue
        x = np.where(np.abs(x) < 1e-10, 0.0, x)
        y = np.where(np.abs(y) < 1e-10, 0.0, y)
        x, y = x / x.sum(), y / y.sum()
        if game.is_exact:
            prof = _exact_from_supports(game, tuple(np.nonzero(x)[0]), tuple(np.nonzero(y)[0]))
            if prof is None:
                continue
        else:
            prof = (tuple(float(v) for v in x), tuple(float(v) for v in y))
        e = make_equilibrium(game, prof, _payoffs2(game, prof), kind=_kind(prof),
                             method="lemke_howson", verify=False)
        try:
            e.verify(game, tol=1e-7)
        except GameError:
            continue
        return make_set([e], game, method="lemke_howson", complete=False)
    raise UnsupportedGame(fmt_error("equilibria", "game", "a game on which Lemke-Howson converges "
                                    '(try method="auto")', "a game where every initial label failed"))


def _exact_from_supports(game, S, T):
    """Exact equilibrium on supports S, T by the indifference equations."""
    A = _S.integer_matrix(game.payoffs[..., 0].tolist())
    B = _S.integer_matrix(game.payoffs[..., 1].tolist())
    m, n = len(A), len(A[0])
    if len(S) != len(T):
        return None
    # y on T with A[S, T] y = 1 (then normalise); x on S with B[S, T]^T x = 1
    y = _S.solve_exact([[A[s][t] for t in T] for s in S], [1] * len(S))
    x = _S.solve_exact([[B[s][t] for s in S] for t in T], [1] * len(T))
    if x is None or y is None or any(v <= 0 for v in x) or any(v <= 0 for v in y):
        return None
    sx, sy = sum(x), sum(y)
    X = [sympy.Integer(0)] * m
    Y = [sympy.Integer(0)] * n
    for s, v in zip(S, x):
        v = v / sx
        X[s] = sympy.Rational(v.numerator, v.denominator)
    for t, v in zip(T, y):
        v = v / sy
        Y[t] = sympy.Rational(v.numerator, v.denominator)
    return tuple(X), tuple(Y)


# ------------------------------------------- n players and symbolic games


def _nonempty_subsets(k, cap):
    top = k if cap is None else min(k, cap)
    return [c for r in range(1, top + 1) for c in itertools.combinations(range(k), r)]


def _support_enumeration_general(game, deadline, time_limit, max_k):
    shape = game.shape
    symbolic = game.is_symbolic
    space = game.space
    per_player = [_nonempty_subsets(k, max_k) for k in shape]
    # all support profiles; in a generic game those of unequal sizes (two
    # players) have no solution, in a degenerate one they reveal a continuum
    profiles = list(itertools.product(*per_player))
    if len(profiles) > MAX_SUPPORT_PROFILES:
        raise UnsupportedGame(fmt_error(
            "equilibria", "game", f"small enough for support enumeration (at most "
            f"{MAX_SUPPORT_PROFILES} support profiles)", f"a game of shape {shape} with "
            f"{len(profiles)} support profiles"))
    on_timeout = _timeout(time_limit)
    float_game = not game.is_exact
    # exact payoffs: floats become their exact binary rationals
    P = game.payoffs
    if float_game:
        flat = [sympy.Rational(float(v)) for v in P.reshape(-1)]
        P = np.array(flat, dtype=object).reshape(P.shape)
    eqs = []
    continua = []
    pure_mask = None if symbolic else pure_equilibrium_mask(game)
    for supp in profiles:
        if deadline is not None and time.perf_counter() > deadline:
            on_timeout()
        if all(len(s) == 1 for s in supp):
            if pure_mask is not None and not pure_mask[tuple(s[0] for s in supp)]:
                continue
        res = _solve_support(P, shape, supp, symbolic, space)
        if res == "continuum":
            continua.append(supp)
            continue
        for prof, vals, cond in res:
            if float_game:
                prof = tuple(tuple(float(v) for v in s) for s in prof)
                vals = tuple(float(v) for v in vals)
            eqs.append(make_equilibrium(game, prof, vals, condition=cond, kind=_kind(prof),
                                        method="support_enumeration"))
    degenerate = bool(continua)
    if continua:
        warnings.warn(
            f"equilibria(): the game is not generic: on {len(continua)} support profile(s) "
            f"(e.g. {_support_names(game, continua[0])}) the indifference equations have a "
            f"continuum of solutions; the equilibria listed are those with isolated supports "
            f"(the end points of continua are usually among them)", GovgamesWarning, stacklevel=3)
    eqs.sort(key=_sort_key if not symbolic else (lambda e: _sort_key_sym(e)))
    complete = max_k is None or max_k >= max(shape)
    return make_set(eqs, game, method="support_enumeration", complete=complete and not continua,
                    degenerate=degenerate)


def _sort_key_sym(e):
    sizes = sum(sum(1 for p in sigma if p != 0) for sigma in e.profile)
    return (sizes, tuple(0 if p == 0 else 1 for sigma in e.profile for p in sigma)[::-1])


def _support_names(game, supp):
    return tuple(tuple(game.strategies[i][s] for s in S) for i, S in enumerate(supp))


def _expected(P, shape, i, own, strat, probs):
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


def _solve_support(P, shape, supp, symbolic, space):
    """Equilibria with exactly the given supports: list of (profile, payoffs, condition)."""
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
        base = _expected(P, shape, i, S[0], None, probs)
        for s in S[1:]:
            e = sympy.expand(_expected(P, shape, i, s, None, probs) - base)
            if e != 0:
                eqs.append(e)
    if unknowns:
        if not eqs:
            return "continuum"
        # a constant (unknown-free) nonzero equation: no solution generically
        if any(not (e.free_symbols & set(unknowns)) for e in eqs):
            if not symbolic:
                return []
            # symbolic: holds only on a lower-dimensional set of parameters
            return []
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
        # conditions as (expression, op) meaning "expression op 0"
        conds = []
        values = []
        for i, S in enumerate(supp):
            v = _tidy(_expected(P, shape, i, S[0], None, mixes))
            values.append(v)
            if len(S) > 1:
                conds += [(prof[i][s], ">") for s in S]
            for t in range(shape[i]):
                if t not in S:
                    conds.append((_light(_expected(P, shape, i, t, None, mixes) - v), "<="))
        if symbolic:
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
        else:
            if not all(_decide_numeric(d, op) for d, op in conds):
                continue
            if any(_decide_numeric(v, "complex") for s in prof for v in s):
                continue
            cond = sympy.true
        out.append((tuple(tuple(s) for s in prof), tuple(values), cond))
    return out


def _tidy(e):
    """Simplify a probability/payoff for display (cheap for rationals)."""
    if e.is_Rational:
        return e
    if e.is_number:
        return sympy.radsimp(sympy.expand(e))
    return sympy.simplify(e)


def _light(e):
    """Cheap normal form of a deviation gain (exact numbers stay exact)."""
    if e.is_Rational:
        return e
    if e.is_number:
        return sympy.expand(e)
    return sympy.cancel(sympy.together(e))


def _decide_numeric(d, op) -> bool:
    """Decide ``d op 0`` for an exact (possibly algebraic) number ``d``.

    ``op`` is ``">"``, ``"<="`` or ``"complex"`` (is ``d`` non-real?).
    """
    if d.is_Rational:
        return d > 0 if op == ">" else (d <= 0 if op == "<=" else False)
    if not d.is_number:
        raise GameError(f"equilibria(): internal: non-numeric value {d}")
    re, im = d.as_real_imag()
    nonreal = not (im == 0 or abs(sympy.N(im, 50)) < sympy.Float(10) ** -40)
    if op == "complex":
        return nonreal
    if nonreal:
        return False
    val = sympy.N(re, 50)
    if abs(val) < sympy.Float(10) ** -40:  # zero to 50 digits: a tie
        return op == "<="
    return bool(val > 0) if op == ">" else bool(val < 0)
