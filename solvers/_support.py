"""Private kernels for the Nash solvers.

Two-player games: the extreme equilibria are the completely labelled pairs
of vertices of the best-response polytopes

    P = {x >= 0 : B^T x <= 1},    Q = {y >= 0 : A y <= 1}

(payoffs shifted to be positive; von Stengel 2007, "Equilibrium computation
for two-player games in strategic and extensive form", ch. 3 of Algorithmic
Game Theory; Avis, Rosenberg, Savani and von Stengel 2010, Economic Theory
42). Both polytopes are enumerated exactly by
:mod:`solvers.vertex_enumeration` (integer pivoting, lexicographic ratio
test), also for float games, whose payoffs are exact binary rationals: which
vertices exist, their labels, the pairing and degeneracy are decided in
integer arithmetic; float games only get their profiles rounded to floats at
the end.
"""

from __future__ import annotations

import math
from fractions import Fraction
from operator import mul

import numpy as np
import sympy

from games.errors import GameError, UnsupportedGame, fmt_error
from games.normal_form import NormalFormGame
from solvers.equilibrium import Equilibrium
from solvers.equilibrium_set import EquilibriumSet

__all__: list[str] = []

def n_vertex_systems(m: int, n: int, max_k: int | None = None) -> int:
    """Number of (S, T) subsystems solved for an m x n bimatrix game."""
    kmax = min(m, n) if max_k is None else min(m, n, max_k)
    return sum(math.comb(m, k) * math.comb(n, k) for k in range(1, kmax + 1))


# Mask words compared at once when degenerate vertices are matched (memory bound).
_PAIR_CHUNK = 1 << 22


def complete_pairs(Lx: list[int], Ly: list[int], full: int,
                   deadline=None, simple: bool = False) -> list[tuple[int, int]]:
    """Index pairs (i, j) with ``Lx[i] | Ly[j] == full``, sorted, in memory linear in the input.

    A vertex of the m-dimensional polytope has at least m labels, one of the
    n-dimensional polytope at least n, and ``full`` holds ``m + n`` labels.
    A pair that shares no label covers ``full`` only as ``Ly[j] == full &
    ~Lx[i]``: a hash join. A pair that shares a label has more than ``m + n``
    labels together, so one of its vertices has more labels than the fewest
    any vertex of its polytope has (a degenerate vertex); those few are
    compared with every vertex of the other polytope in chunks of at most
    ``_PAIR_CHUNK`` mask words. The bounds m and n are read off the masks
    (their smallest label counts), so no assumption is needed: when the
    smallest counts exceed ``m + n`` together, every vertex is compared.
    ``deadline`` (a :class:`solvers.limits.Deadline`) is checked per chunk.
    ``simple=True`` promises that no mask has more labels than its
    polytope's dimension and that masks are distinct (both polytopes simple,
    as the traversal proves): then only the hash join can pair.
    """
    if not Lx or not Ly:
        return []
    if simple:
        where = {b: j for j, b in enumerate(Ly)}
        return sorted((i, where[full ^ a]) for i, a in enumerate(Lx) if full ^ a in where)
    pairs: set[tuple[int, int]] = set()
    # masks with a bit outside ``full`` never pair
    xs = [i for i, a in enumerate(Lx) if not a & ~full]
    ys = [j for j, b in enumerate(Ly) if not b & ~full]
    if not xs or not ys:
        return []
    by_mask: dict[int, int] = {}  # mask -> its first index
    extra: dict[int, list[int]] = {}  # mask -> its further indices (repeated masks)
    for j in ys:
        if by_mask.setdefault(Ly[j], j) != j:
            extra.setdefault(Ly[j], []).append(j)
    for i in xs:  # disjoint label sets: the exact complement
        c = full ^ Lx[i]
        j = by_mask.get(c)
        if j is not None:
            pairs.add((i, j))
            for j in extra.get(c, ()):
                pairs.add((i, j))
    px = [Lx[i].bit_count() for i in xs]
    py = [Ly[j].bit_count() for j in ys]
    mx, my = min(px), min(py)
    if mx + my > full.bit_count():
        sx = xs  # no count argument: compare everything (still chunked)
        sy: list[int] = []
    else:
        sx = [i for i, c in zip(xs, px) if c > mx]
        sy = [j for j, c in zip(ys, py) if c > my]
    # overlapping label sets: a degenerate x against every y, a degenerate y
    # against every x (the pairs found twice are merged by the set)
    pairs.update(_covering_pairs(Lx, Ly, sx, ys, full, deadline))
    pairs.update(_covering_pairs(Lx, Ly, xs, sy, full, deadline))
    return sorted(pairs)


def _mask_words(masks: list[int], n_words: int) -> np.ndarray:
    """(len(masks), n_words) uint64 array of the 64-bit words of each mask."""
    out = np.empty((len(masks), n_words), dtype=np.uint64)
    low = (1 << 64) - 1
    for w in range(n_words):
        out[:, w] = [(a >> (64 * w)) & low for a in masks]
    return out


def _covering_pairs(Lx, Ly, xs, ys, full, deadline=None):
    """Pairs (i, j), i in xs, j in ys, with ``Lx[i] | Ly[j] == full``, block by block."""
    if not xs or not ys:
        return []
    n_words = max(1, -(-full.bit_length() // 64))
    ax = _mask_words([Lx[i] for i in xs], n_words)
    ay = _mask_words([Ly[j] for j in ys], n_words)
    fw = _mask_words([full], n_words)[0]
    bx = max(1, min(len(xs), _PAIR_CHUNK // (n_words * len(ys)) or 1))
    by = max(1, min(len(ys), _PAIR_CHUNK // (n_words * bx)))
    xi, yi = np.asarray(xs), np.asarray(ys)
    out = []
    for r in range(0, len(xs), bx):
        blk = ax[r:r + bx, None, :]
        for c in range(0, len(ys), by):
            if deadline is not None and deadline.passed():
                from solvers.limits import TimeLimitExceeded

                raise TimeLimitExceeded(
                    f"equilibria(): time limit of {deadline.time_limit} s reached while pairing "
                    "vertices", partial=(), time_limit=deadline.time_limit)
            hit = ((blk | ay[None, c:c + by, :]) == fw).all(axis=2)
            ii, jj = np.nonzero(hit)
            if ii.size:
                out.extend(zip(xi[ii + r].tolist(), yi[jj + c].tolist()))
    return out


# ---------------------------------------------------------------- exact part


def integer_matrix(M) -> list[list[int]]:
    """Scale a matrix of sympy Rationals/ints to a positive integer matrix.

    Positive affine transforms keep best responses, so ``lcm * (M - min) + 1``
    has the same equilibria.
    """
    fr = [[Fraction(int(v.p), int(v.q)) if hasattr(v, "p") else Fraction(v) for v in row]
          for row in M]
    lo = min(min(r) for r in fr)
    den = 1
    for r in fr:
        for v in r:
            den = den * v.denominator // math.gcd(den, v.denominator)
    return [[int((v - lo) * den) + 1 for v in r] for r in fr]


def binary_integers(values: list[float]) -> tuple[list[int], int]:
    """Floats as integers over one power of two, exactly: ``(ints, k)``, ``values[i] = ints[i] / 2^k``.

    ``2^k`` is the largest of the floats' denominators (all powers of two,
    so it is their lcm), read from ``float.as_integer_ratio``.

    Examples
    --------
    >>> binary_integers([0.5, 3.0, -0.25])
    ([2, 12, -1], 2)
    """
    ratios = list(map(float.as_integer_ratio, values))
    k = max([den for _, den in ratios]).bit_length()  # (each denominator a power of two)
    return [num << (k - den.bit_length()) for num, den in ratios], k - 1


def float_integer_transform(M: np.ndarray) -> tuple[list[list[int]], int, int]:
    """Positive integer matrix with the best responses of a float matrix, exactly, and its inverse.

    The same transform as :func:`integer_matrix` on the exact binary values
    of the floats: ``Mi = 2^k * (M - min) + 1``, with ``2^k`` their common
    denominator (computed from ``float.as_integer_ratio``, no Fractions).
    Returns ``(Mi, shift, k)`` with ``M = (Mi + shift) / 2^k`` exactly: a
    payoff ``u`` of the integer game (any mixture) is ``(u + shift) / 2^k``
    in the float game.
    """
    M = np.asarray(M, dtype=np.float64)
    nums, k = binary_integers(M.ravel().tolist())
    lo = min(nums)
    q = M.shape[1]
    return [[v - lo + 1 for v in nums[i:i + q]] for i in range(0, len(nums), q)], lo - 1, k


# Constraint matrices with fewer entries keep every vertex's exact point (the
# sizes where polytope_vertices(method="auto") pivots exactly on float input).
SMALL_POLYTOPE_ENTRIES = 25


def bimatrix_extreme_equilibria_integer(Ai, Bi, *, max_k=None, deadline=None, max_bases=None):
    """Extreme equilibria of a bimatrix game with positive integer payoffs, exactly.

    Parameters
    ----------
    Ai, Bi : list of list of int
        Positive payoff matrices (m x n) of the row and column player.
    max_k : int, optional
        Only equilibria whose supports have at most this many strategies.
    deadline : solvers.limits.Deadline, optional
    max_bases : int, optional
        Passed to :func:`solvers.vertex_enumeration.polytope_vertices` for
        each polytope.

    Memory grows with the number of vertices of the two polytopes (a label
    mask each), never with their product: pairs are matched by
    :func:`complete_pairs`, and exact points are solved only for the
    vertices in equilibria (each checked exactly: unique, feasible, with
    exactly its labels). Small polytopes (fewer than
    :data:`SMALL_POLYTOPE_ENTRIES` constraint entries) keep the exact points
    their integer pivoting computes instead.

    Returns
    -------
    (X, Y, pairs, degenerate, capped)
        ``X``, ``Y``: the vertex strategies used by equilibria, as tuples of
        Fractions on the simplex; ``pairs``: the equilibria as index pairs
        into X, Y; ``degenerate``: whether a vertex of P or Q has more labels
        than its dimension (exact); ``capped``: whether ``max_k`` removed an
        equilibrium.
    """
    X, Y, pairs, degenerate, capped = extreme_equilibria_integer_points(
        Ai, Bi, max_k=max_k, deadline=deadline, max_bases=max_bases)
    X = tuple(tuple(Fraction(a, t) for a in nums) for nums, t in X)
    Y = tuple(tuple(Fraction(a, t) for a in nums) for nums, t in Y)
    return X, Y, pairs, degenerate, capped


def extreme_equilibria_integer_points(Ai, Bi, *, max_k=None, deadline=None, max_bases=None):
    """:func:`bimatrix_extreme_equilibria_integer` with each strategy as ``(numerators, total)``.

    ``x_i = numerators[i] / total`` with positive ``total = sum(numerators)``
    (not reduced): the form :func:`integer_regret_check` takes, with no
    Fraction arithmetic.
    """
    from solvers._small_bimatrix import two_by_two_points
    from solvers._vertex_exact import certified_numerators
    from solvers.vertex_enumeration import MAX_BASES, integer_polytope_labels, integer_vertex_table

    m, n = len(Ai), len(Ai[0])
    if m == n == 2:
        out = two_by_two_points(Ai, Bi, max_k)
        if out is not None:
            return out
    Bt = [list(col) for col in zip(*Bi)]
    # C is a positive integer matrix: {z >= 0 : C z <= 1} needs no row scaling
    systems = [(Bt, [1] * n), (Ai, [1] * m)]
    labels, points = [None, None], [None, None]
    large = [a for a, (C, _) in enumerate(systems) if len(C) * len(C[0]) >= SMALL_POLYTOPE_ENTRIES]
    for a, (C, L) in enumerate(systems):
        if a not in large:
            # small: exact pivoting computes every point anyway; keep them
            points[a] = integer_vertex_table(C, L, deadline=deadline,
                                             max_bases=max_bases or MAX_BASES)
            labels[a] = [v[0] for v in points[a]]
    if large:
        # label masks only: exact points are solved for the vertices in equilibria
        # (memory per vertex is a mask, whatever the payoffs' size)
        found = integer_polytope_labels([systems[a] for a in large], deadline=deadline,
                                        max_bases=max_bases or MAX_BASES)
        for a, masks in zip(large, found):
            labels[a], points[a] = masks, systems[a]
    (LP, LQ), (VP, VQ) = labels, points

    degenerate = any(v.bit_count() > m for v in LP) or any(v.bit_count() > n for v in LQ)
    # the origin (all coordinates labelled) pairs with nothing
    ox, oy = (1 << m) - 1, (1 << n) - 1
    # (indices into the full lists kept: they index the points)
    ix = [i for i, v in enumerate(LP) if v & ox != ox]
    iy = [j for j, v in enumerate(LQ) if v & oy != oy]
    # global labels: 0..m-1 player 1's strategies, m..m+n-1 player 2's
    Lx = [LP[i] for i in ix]
    Ly = [(LQ[j] >> n) | ((LQ[j] & oy) << m) for j in iy]
    pairs = complete_pairs(Lx, Ly, (1 << (m + n)) - 1, deadline, simple=not degenerate)
    capped = False
    if max_k is not None:
        kept = [(i, j) for i, j in pairs
                if m - (Lx[i] & ox).bit_count() <= max_k and n - (Ly[j] >> m).bit_count() <= max_k]
        capped = len(kept) < len(pairs)
        pairs = kept
    used_x = sorted({i for i, _ in pairs})
    used_y = sorted({j for _, j in pairs})
    rx = {i: a for a, i in enumerate(used_x)}
    ry = {j: a for a, j in enumerate(used_y)}
    check = deadline is not None and getattr(deadline, "at", None) is not None

    def simplex(V, labels, i):
        if isinstance(V, list):  # the points kept by the traversal (same order as the labels)
            nums = V[i][1]
        else:
            if check and deadline.passed():  # (one exact solve of a large vertex can be slow)
                from solvers.limits import TimeLimitExceeded

                raise TimeLimitExceeded(f"equilibria(): time limit of {deadline.time_limit} s "
                                        "reached", partial=(), time_limit=deadline.time_limit)
            nums = certified_numerators(*V, labels[i])[0]
        return nums, sum(nums)

    X = tuple(simplex(VP, LP, ix[i]) for i in used_x)
    Y = tuple(simplex(VQ, LQ, iy[j]) for j in used_y)
    return X, Y, [(rx[i], ry[j]) for i, j in pairs], degenerate, capped


def bimatrix_extreme_equilibria_exact(A, B, *, max_k=None, deadline=None, max_bases=None):
    """Extreme equilibria of an exact bimatrix game (ints, Fractions, sympy Rationals).

    Returns ``(X, Y, pairs, degenerate, capped)`` as
    :func:`bimatrix_extreme_equilibria_integer`, for the positive integer
    transforms of A and B (same best responses, same equilibria).
    """
    return bimatrix_extreme_equilibria_integer(integer_matrix(A), integer_matrix(B), max_k=max_k,
                                               deadline=deadline, max_bases=max_bases)


def bimatrix_extreme_equilibria_float(A, B, *, max_k=None, deadline=None, max_bases=None):
    """Extreme equilibria of a float bimatrix game, decided exactly.

    The payoffs are taken at their exact binary values, so the equilibria,
    their number and the degeneracy flag are exact; the caller rounds the
    profiles to floats. Returns ``(X, Y, pairs, degenerate, capped, Ai, Bi)``
    as :func:`extreme_equilibria_integer_points` (X, Y exact ``(numerators,
    total)`` pairs), with ``TA``, ``TB`` the positive integer transforms of A and B used, as
    :func:`float_integer_transform` gives them (for an exact regret certificate and the
    exact payoffs).
    """
    TA = float_integer_transform(A)
    TB = float_integer_transform(B)
    X, Y, pairs, degenerate, capped = extreme_equilibria_integer_points(
        TA[0], TB[0], max_k=max_k, deadline=deadline, max_bases=max_bases)
    return X, Y, pairs, degenerate, capped, TA, TB


def maximal_bicliques(pairs: list[tuple[int, int]],
                      deadline=None) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Maximal complete bipartite subgraphs of the bipartite graph ``pairs``, sorted.

    These are the maximal Nash subsets (Avis et al. 2010, sec. 4): every x in
    the X-part combines with every y in the Y-part, so conv(X) x conv(Y) is a
    convex set of equilibria. The Y-parts are exactly the nonempty
    intersections of neighbourhoods ``N(x)`` (a Galois closure: the X-part
    of ``Y`` is every x with ``Y`` within ``N(x)``), collected by
    intersecting each neighbourhood with those found before (Norris 1978).
    Sets are int bitmasks; memory grows with the edges and the output, not
    with the square of the number of vertices. The output can grow
    exponentially with the vertices (a crown graph on 2k vertices has
    ``2^k - 2`` maximal bicliques): ``deadline`` (a
    :class:`solvers.limits.Deadline`) is checked as it grows, raising
    :class:`~solvers.limits.TimeLimitExceeded`.
    """
    if not pairs:
        return []
    xs_all = [i for i, _ in pairs]
    ys_all = [j for _, j in pairs]
    if len(set(xs_all)) == len(xs_all) and len(set(ys_all)) == len(ys_all):
        # no vertex in two equilibria: every equilibrium is its own component
        return sorted(((i,), (j,)) for i, j in pairs)
    nbr: dict[int, int] = {}
    for i, j in pairs:
        nbr[i] = nbr.get(i, 0) | (1 << j)
    check = deadline is not None and getattr(deadline, "at", None) is not None

    def time_up():
        if check and deadline.passed():
            from solvers.limits import TimeLimitExceeded

            raise TimeLimitExceeded(f"equilibria(): time limit of {deadline.time_limit} s reached "
                                    "while collecting the maximal Nash subsets", partial=(),
                                    time_limit=deadline.time_limit)

    intents: set[int] = set()
    for Ni in set(nbr.values()):
        time_up()
        new = {Ni}
        for Y in intents:
            c = Y & Ni
            if c:
                new.add(c)
        intents |= new
    out = []
    for a, Y in enumerate(intents):
        if a & 255 == 255:
            time_up()
        X = tuple(sorted(i for i, Ni in nbr.items() if Ni & Y == Y))
        out.append((X, tuple(j for j in range(Y.bit_length()) if Y >> j & 1)))
    return sorted(out)


# ------------------------------------------------------- result construction


def check_game(game, func: str) -> None:
    """Raise TypeError unless ``game`` is a NormalFormGame."""
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGame(fmt_error(func, "game", "a NormalFormGame", game))


def check_rational_payoffs(game, func: str) -> None:
    """Raise UnsupportedGame when an exact game without parameters has an irrational payoff.

    The numeric solvers compare payoffs in rational arithmetic; an
    irrational constant (``sqrt(2)``, ``pi``) has no exact place there.
    """
    if not game.is_exact or game.is_symbolic:
        return
    for v in game.payoffs.reshape(-1):
        if not getattr(v, "is_Rational", False):
            raise UnsupportedGame(fmt_error(
                func, "game", "a game with rational, float or symbolic payoffs (give an irrational "
                "constant such as sqrt(2) or pi as a float, or as a parameter)", v))


def float_tol(game) -> float:
    """Regret tolerance of a float game, relative to its payoff scale."""
    P = game.payoffs
    scale = float(np.abs(np.asarray(P, dtype=float)).max()) if P.size else 1.0
    return 1e-9 * max(1.0, scale)


def exact_regret_check(A, B, x, y):
    """Exact equilibrium certificate of a bimatrix profile (Fractions).

    Returns the payoffs ``(x A y, x B y)``; raises GameError if a pure
    deviation gains (regret must be exactly 0) or a strategy is off the simplex.
    """
    if sum(x) != 1 or sum(y) != 1 or min(x) < 0 or min(y) < 0:
        raise GameError(f"equilibria(): internal: profile off the simplex: {x}, {y}")
    Ay = [sum(a * b for a, b in zip(row, y) if b) for row in A]
    xB = [sum(x[i] * B[i][j] for i in range(len(x)) if x[i]) for j in range(len(y))]
    u1 = sum(a * b for a, b in zip(x, Ay))
    u2 = sum(a * b for a, b in zip(xB, y))
    if max(Ay) != u1 or max(xB) != u2:
        raise GameError(f"Equilibrium.verify(): regret {max(Ay) - u1}, {max(xB) - u2} "
                        f"at {x}, {y}")
    return u1, u2


def integer_regret_check(Ai, Bi, x, y):
    """:func:`exact_regret_check` for integer payoffs, in integer arithmetic.

    ``x``, ``y`` are ``(numerators, total)`` pairs (``x_i = numerators[i] /
    total``, as :func:`extreme_equilibria_integer_points` gives them): every
    comparison is made between integers (the same certificate, without
    Fraction arithmetic). Returns the payoffs as ``(U1, U2, den)``, ``u_k =
    U_k / den``.
    """
    xn, sx = x
    yn, sy = y
    if sum(xn) != sx or sum(yn) != sy or sx <= 0 or sy <= 0 or min(xn) < 0 or min(yn) < 0:
        raise GameError(f"equilibria(): internal: profile off the simplex: {x}, {y}")
    Ay = [sum(map(mul, row, yn)) for row in Ai]  # sy * (A y)
    xB = [sum(map(mul, xn, col)) for col in zip(*Bi)]  # sx * (x B)
    U1 = sum(map(mul, xn, Ay))  # sx * sy * u1
    U2 = sum(map(mul, xB, yn))
    if max(Ay) * sx != U1 or max(xB) * sy != U2:
        raise GameError(f"Equilibrium.verify(): regret {Fraction(max(Ay) * sx - U1, sx * sy)}, "
                        f"{Fraction(max(xB) * sy - U2, sx * sy)} at {x}, {y}")
    return U1, U2, sx * sy


def make_equilibrium(game, profile, payoffs, *, condition=None, kind="mixed", method="",
                     verify=True):
    """Build an Equilibrium for ``game`` and (by default) verify it."""
    eq = Equilibrium(profile, payoffs, condition=sympy.true if condition is None else condition,
                     kind=kind, method=method, exact=game.is_exact, players=game.players,
                     strategies=game.strategies, space=game.space)
    if verify:
        if game.is_symbolic:
            eq.verify(game)
        elif game.is_exact:
            if all(getattr(x, "is_Rational", False) for s in eq.profile for x in s):
                eq.verify(game)
            else:
                from solvers._algebraic import verify_algebraic

                verify_algebraic(eq, game)
        else:
            eq.verify(game, tol=float_tol(game))
    return eq


def float_equilibrium(profile, payoffs, *, kind, method, players, strategies, space):
    """An unconditional float Equilibrium built from values already in its normal form.

    For solvers that build many small results: ``profile`` a tuple of tuples
    of Python floats, ``payoffs`` a tuple of Python floats, ``players`` and
    ``strategies`` a game's own tuples -- what ``Equilibrium.__post_init__``
    would make of them, so it is skipped. Not verified: the caller has
    certified the profile.
    """
    eq = object.__new__(Equilibrium)
    eq.__dict__.update(profile=profile, payoffs=payoffs, condition=sympy.true, kind=kind,
                       method=method, exact=False, players=players, strategies=strategies,
                       space=space, behavior=None, path=None, label="")
    return eq


def profile_sort_key(profile) -> tuple:
    """The order of equilibria in a result: fewer strategies in the supports first, then larger
    probabilities first (compared as floats).

    Examples
    --------
    >>> sorted([((0.5, 0.5), (1.0, 0.0)), ((0.0, 1.0), (1.0, 0.0))], key=profile_sort_key)
    [((0.0, 1.0), (1.0, 0.0)), ((0.5, 0.5), (1.0, 0.0))]
    """
    sizes = sum(len(sigma) - sigma.count(0) for sigma in profile)
    return (sizes, tuple([-float(p) for sigma in profile for p in sigma]))


def make_set(eqs, game, *, method, complete=True, degenerate=False, components=()):
    """Wrap verified equilibria in an EquilibriumSet."""
    return EquilibriumSet(eqs, game=game, method=method, exact=game.is_exact, complete=complete,
                          degenerate=degenerate, components=components, space=game.space)
