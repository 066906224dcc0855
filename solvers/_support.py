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

import itertools
import math
from fractions import Fraction

import numpy as np

__all__: list[str] = []

def n_vertex_systems(m: int, n: int, max_k: int | None = None) -> int:
    """Number of (S, T) subsystems solved for an m x n bimatrix game."""
    kmax = min(m, n) if max_k is None else min(m, n, max_k)
    return sum(math.comb(m, k) * math.comb(n, k) for k in range(1, kmax + 1))


def complete_pairs(Lx: list[int], Ly: list[int], full: int) -> list[tuple[int, int]]:
    """Index pairs (i, j) with ``Lx[i] | Ly[j] == full``."""
    if not Lx or not Ly:
        return []
    if full < (1 << 62):
        ax = np.array(Lx, dtype=np.int64)
        ay = np.array(Ly, dtype=np.int64)
        ii, jj = np.nonzero((ax[:, None] | ay[None, :]) == full)
        return list(zip(ii.tolist(), jj.tolist()))
    return [(i, j) for i, a in enumerate(Lx) for j, b in enumerate(Ly) if a | b == full]


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


def float_integer_matrix(M: np.ndarray) -> list[list[int]]:
    """Positive integer matrix with the best responses of a float matrix, exactly.

    The same transform as :func:`integer_matrix` on the exact binary values
    of the floats: ``2^k * (M - min) + 1``, with ``2^k`` their common
    denominator (computed from ``float.as_integer_ratio``, no Fractions).
    """
    M = np.asarray(M, dtype=np.float64)
    ratios = [v.as_integer_ratio() for v in M.ravel().tolist()]
    k = max(den for _, den in ratios).bit_length() - 1
    nums = [num << (k - den.bit_length() + 1) for num, den in ratios]
    lo = min(nums)
    q = M.shape[1]
    return [[v - lo + 1 for v in nums[i:i + q]] for i in range(0, len(nums), q)]


def _popcount(v: int) -> int:
    return bin(v).count("1")


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

    Returns
    -------
    (X, Y, pairs, degenerate, capped)
        ``X``, ``Y``: the vertex strategies used by equilibria, as tuples of
        Fractions on the simplex; ``pairs``: the equilibria as index pairs
        into X, Y; ``degenerate``: whether a vertex of P or Q has more labels
        than its dimension (exact); ``capped``: whether ``max_k`` removed an
        equilibrium.
    """
    from solvers.vertex_enumeration import polytope_vertices

    m, n = len(Ai), len(Ai[0])
    Bt = [list(col) for col in zip(*Bi)]
    P = polytope_vertices(Bt, deadline=deadline, max_bases=max_bases)
    Q = polytope_vertices(Ai, deadline=deadline, max_bases=max_bases)
    degenerate = any(v.degenerate for v in P) or any(v.degenerate for v in Q)
    P = [v for v in P if any(v.numerators)]  # the origin pairs with nothing
    Q = [v for v in Q if any(v.numerators)]
    # global labels: 0..m-1 player 1's strategies, m..m+n-1 player 2's
    low = (1 << n) - 1
    Lx = [v.labels for v in P]
    Ly = [(v.labels >> n) | ((v.labels & low) << m) for v in Q]
    pairs = complete_pairs(Lx, Ly, (1 << (m + n)) - 1)
    capped = False
    if max_k is not None:
        kept = [(i, j) for i, j in pairs
                if m - _popcount(Lx[i] & ((1 << m) - 1)) <= max_k
                and n - _popcount(Ly[j] >> m) <= max_k]
        capped = len(kept) < len(pairs)
        pairs = kept
    used_x = sorted({i for i, _ in pairs})
    used_y = sorted({j for _, j in pairs})
    rx = {i: a for a, i in enumerate(used_x)}
    ry = {j: a for a, j in enumerate(used_y)}

    def simplex(v):
        s = sum(v.numerators)
        return tuple(Fraction(a, s) for a in v.numerators)

    X = tuple(simplex(P[i]) for i in used_x)
    Y = tuple(simplex(Q[j]) for j in used_y)
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
    as :func:`bimatrix_extreme_equilibria_integer` (X, Y exact Fractions),
    with ``Ai``, ``Bi`` the positive integer transforms of A and B used (for
    an exact regret certificate).
    """
    Ai = float_integer_matrix(A)
    Bi = float_integer_matrix(B)
    X, Y, pairs, degenerate, capped = bimatrix_extreme_equilibria_integer(
        Ai, Bi, max_k=max_k, deadline=deadline, max_bases=max_bases)
    return X, Y, pairs, degenerate, capped, Ai, Bi


def maximal_bicliques(pairs: list[tuple[int, int]]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Maximal complete bipartite subgraphs of the bipartite graph ``pairs``.

    These are the maximal Nash subsets (Avis et al. 2010, sec. 4): every x in
    the X-part combines with every y in the Y-part, so conv(X) x conv(Y) is a
    convex set of equilibria. Found as the maximal cliques of the graph in
    which each side is made complete.
    """
    import networkx as nx

    if not pairs:
        return []
    xs_all = [i for i, _ in pairs]
    ys_all = [j for _, j in pairs]
    if len(set(xs_all)) == len(xs_all) and len(set(ys_all)) == len(ys_all):
        # no vertex in two equilibria: every equilibrium is its own component
        return sorted(((i,), (j,)) for i, j in pairs)
    G = nx.Graph()
    xs = sorted({("x", i) for i, _ in pairs})
    ys = sorted({("y", j) for _, j in pairs})
    G.add_nodes_from(xs + ys)
    G.add_edges_from((("x", i), ("y", j)) for i, j in pairs)
    G.add_edges_from(itertools.combinations(xs, 2))
    G.add_edges_from(itertools.combinations(ys, 2))
    out = []
    for cl in nx.find_cliques(G):
        X = tuple(sorted(i for s, i in cl if s == "x"))
        Y = tuple(sorted(j for s, j in cl if s == "y"))
        if X and Y:
            out.append((X, Y))
    return sorted(out)


# ------------------------------------------------------- result construction


def check_game(game, func: str) -> None:
    """Raise TypeError unless ``game`` is a NormalFormGame."""
    from games.errors import UnsupportedGame, fmt_error
    from games.normal_form import NormalFormGame

    if not isinstance(game, NormalFormGame):
        raise UnsupportedGame(fmt_error(func, "game", "a NormalFormGame", game))


def float_tol(game) -> float:
    """Regret tolerance of a float game, relative to its payoff scale."""
    P = game.payoffs
    scale = float(np.abs(np.asarray(P, dtype=float)).max()) if P.size else 1.0
    return 1e-9 * max(1.0, scale)


def _verify_algebraic(eq, game) -> None:
    """Exact-game check for algebraic (non-rational) profiles: regret <= 0 to 50 digits."""
    import sympy

    from games.errors import GameError
    from solvers.equilibrium import deviation_payoffs

    for i in range(game.n_players):
        sigma = eq.profile[i]
        if abs(sympy.N(sum(sigma) - 1, 50)) > sympy.Float(10) ** -40:
            raise GameError(f"Equilibrium.verify(): profile[{i}] is not on the simplex: {sigma}")
        dev = deviation_payoffs(game, eq.profile, i)
        cur = sum(p * d for p, d in zip(sigma, dev))
        for d in dev:
            g = sympy.N(d - cur, 50)
            if g > sympy.Float(10) ** -40:
                raise GameError(f"Equilibrium.verify(): player {game.players[i]!r} gains {g} "
                                f"by deviating from {eq.profile}")


def exact_regret_check(A, B, x, y):
    """Exact equilibrium certificate of a bimatrix profile (Fractions).

    Returns the payoffs ``(x A y, x B y)``; raises GameError if a pure
    deviation gains (regret must be exactly 0) or a strategy is off the simplex.
    """
    from games.errors import GameError

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

    ``x``, ``y`` are Fractions; they are put over common denominators and
    every comparison is made between integers (the same certificate, without
    Fraction arithmetic). Returns the payoffs as Fractions.
    """
    from games.errors import GameError

    sx = math.lcm(*(v.denominator for v in x))
    sy = math.lcm(*(v.denominator for v in y))
    xn = [v.numerator * (sx // v.denominator) for v in x]
    yn = [v.numerator * (sy // v.denominator) for v in y]
    if sum(xn) != sx or sum(yn) != sy or min(xn) < 0 or min(yn) < 0:
        raise GameError(f"equilibria(): internal: profile off the simplex: {x}, {y}")
    ysup = [j for j, v in enumerate(yn) if v]
    xsup = [i for i, v in enumerate(xn) if v]
    Ay = [sum(row[j] * yn[j] for j in ysup) for row in Ai]  # sy * (A y)
    xB = [sum(xn[i] * Bi[i][j] for i in xsup) for j in range(len(yn))]  # sx * (x B)
    U1 = sum(xn[i] * Ay[i] for i in xsup)  # sx * sy * u1
    U2 = sum(xB[j] * yn[j] for j in ysup)
    if max(Ay) * sx != U1 or max(xB) * sy != U2:
        raise GameError(f"Equilibrium.verify(): regret {Fraction(max(Ay) * sx - U1, sx * sy)}, "
                        f"{Fraction(max(xB) * sy - U2, sx * sy)} at {x}, {y}")
    return Fraction(U1, sx * sy), Fraction(U2, sx * sy)


def float_regret_check(A, B, x, y, tol):
    """Float equilibrium certificate: regret <= tol for both players; returns payoffs."""
    from games.errors import GameError

    Ay = A @ y
    xB = x @ B
    u1, u2 = float(x @ Ay), float(xB @ y)
    if Ay.max() - u1 > tol or xB.max() - u2 > tol or x.min() < 0 or y.min() < 0 \
            or abs(x.sum() - 1) > 1e-9 or abs(y.sum() - 1) > 1e-9:
        raise GameError(f"Equilibrium.verify(): regret {Ay.max() - u1}, {xB.max() - u2} "
                        f"at {x}, {y}")
    return u1, u2


def make_equilibrium(game, profile, payoffs, *, condition=None, kind="mixed", method="",
                     verify=True):
    """Build an Equilibrium for ``game`` and (by default) verify it."""
    import sympy

    from solvers.equilibrium import Equilibrium

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
                _verify_algebraic(eq, game)
        else:
            eq.verify(game, tol=float_tol(game))
    return eq


def make_set(eqs, game, *, method, complete=True, degenerate=False, components=()):
    """Wrap verified equilibria in an EquilibriumSet."""
    from solvers.equilibrium import EquilibriumSet

    return EquilibriumSet(eqs, game=game, method=method, exact=game.is_exact, complete=complete,
                          degenerate=degenerate, components=components, space=game.space)
