"""Private numerical kernels for the Nash solvers.

The core is a vectorised enumeration of the vertices of the best-response
polytopes of a bimatrix game,

    P = {x >= 0 : B^T x <= 1},    Q = {y >= 0 : A y <= 1}

(payoffs shifted to be positive), and the matching of completely labelled
vertex pairs (x, y), which are exactly the extreme Nash equilibria (von
Stengel 2007, "Equilibrium computation for two-player games in strategic and
extensive form", ch. 3 of Algorithmic Game Theory; Avis, Rosenberg, Savani
and von Stengel 2010, Economic Theory 42). A vertex of P with support S is
determined by |S| tight columns T: it solves ``B[S, T]^T x_S = 1``. All
(S, T) of one size k are solved at once with one batched
``numpy.linalg.solve``. For exact games the floating-point pass only
proposes candidates; every candidate is recomputed and re-checked with
integer/Fraction arithmetic.
"""

from __future__ import annotations

import functools
import itertools
import math
import time
from fractions import Fraction

import numpy as np

__all__: list[str] = []

# Relative tolerance of the floating-point pass (payoffs are rescaled to [1, 2]).
_FLOAT_TOL = 1e-10
# The exact pass uses a looser filter: it only proposes, exact arithmetic decides.
_FILTER_TOL = 1e-6
# A k x k subsystem with |det| below this times its Hadamard bound is singular.
_SINGULAR_REL = 1e-11
# Games needing at most this many subsystems skip the floating-point pass.
_DIRECT_EXACT = 40
# Largest number of matrix entries in one batched solve (memory bound, ~32 MB).
_BATCH_ELEMENTS = 4_000_000


def n_vertex_systems(m: int, n: int, max_k: int | None = None) -> int:
    """Number of (S, T) subsystems solved for an m x n bimatrix game."""
    kmax = min(m, n) if max_k is None else min(m, n, max_k)
    return sum(math.comb(m, k) * math.comb(n, k) for k in range(1, kmax + 1))


@functools.lru_cache(maxsize=256)
def _combos(p: int, k: int) -> np.ndarray:
    out = np.array(list(itertools.combinations(range(p), k)), dtype=np.intp).reshape(-1, k)
    out.flags.writeable = False
    return out


def _solve_batch(C, S, T, k, tol, found_z, found_S, found_T):
    """Solve every (S, T) subsystem of one size k at once; append feasible vertices."""
    p = C.shape[0]
    # M[s, t] = C[S[s]][:, T[t]]^T, shape (nS, nT, k, k)
    M = C[S[:, None, :, None], T[None, :, None, :]].swapaxes(-1, -2)
    M = M.reshape(-1, k, k)
    det = M[:, 0, 0] if k == 1 else np.linalg.det(M)
    hb = np.prod(np.sqrt((M * M).sum(axis=-1)), axis=-1)
    ok = np.abs(det) > _SINGULAR_REL * hb
    if not ok.any():
        return
    idx = np.nonzero(ok)[0]
    zS = np.linalg.solve(M[idx], np.ones((len(idx), k, 1)))[..., 0]
    feas = (zS >= -tol).all(axis=1)
    if not feas.any():
        return
    idx, zS = idx[feas], zS[feas]
    si, ti = np.divmod(idx, len(T))
    Ssel = S[si]
    # C^T z over all columns: sum over the support rows
    CT = np.einsum("bkq,bk->bq", C[Ssel], zS)
    feas = (CT <= 1 + tol).all(axis=1)
    if not feas.any():
        return
    zS, Ssel, Tsel = zS[feas], Ssel[feas], T[ti[feas]]
    z = np.zeros((len(zS), p))
    np.put_along_axis(z, Ssel, np.clip(zS, 0.0, None), axis=1)
    found_z.append(z)
    found_S.append(Ssel)
    found_T.append(Tsel)


def polytope_vertices(C: np.ndarray, *, tol: float, max_k: int | None = None,
                      deadline: float | None = None, on_timeout=None):
    """Nonzero vertices of ``{z >= 0 : C^T z <= 1}`` for a positive ``C`` (p x q).

    Returns ``(Z, supp, tight, reps)``: ``Z`` the vertices (rows, float),
    ``supp`` and ``tight`` boolean masks (p and q columns) of the labels
    ``z_i = 0`` (``supp`` False) and ``(C^T z)_j = 1`` (``tight`` True), and
    ``reps`` a list of one ``(S, T)`` index pair per vertex that determines it.
    Vertices are de-duplicated (degenerate vertices arise from several
    (S, T)).
    """
    p, q = C.shape
    kmax = min(p, q) if max_k is None else min(p, q, max_k)
    found_z, found_S, found_T = [], [], []
    for k in range(1, kmax + 1):
        S_all = _combos(p, k)
        T = _combos(q, k)
        # bound the batch to about _BATCH_ELEMENTS matrix entries (memory)
        step = max(1, _BATCH_ELEMENTS // (len(T) * k * k))
        for start in range(0, len(S_all), step):
            if deadline is not None and time.perf_counter() > deadline:
                on_timeout()
            S = S_all[start:start + step]
            _solve_batch(C, S, T, k, tol, found_z, found_S, found_T)
    if not found_z:
        return np.zeros((0, p)), np.zeros((0, p), bool), np.zeros((0, q), bool), []
    reps = [(tuple(s), tuple(t)) for Ss, Ts in zip(found_S, found_T) for s, t in zip(Ss, Ts)]
    Z = np.concatenate(found_z)
    # de-duplicate (a degenerate vertex is found from several (S, T))
    seen = {}
    for idx, row in enumerate(np.round(Z / tol).tolist()):
        seen.setdefault(tuple(row), idx)
    first = sorted(seen.values())
    Z = Z[first]
    reps = [reps[i] for i in first]
    supp = Z > tol
    tight = np.abs(Z @ C - 1.0) <= tol
    return Z, supp, tight, reps


def _masks(bools: np.ndarray) -> list[int]:
    weights = [1 << i for i in range(bools.shape[1])]
    return [sum(w for w, b in zip(weights, row) if b) for row in bools.tolist()]


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


def _shift_positive_float(A: np.ndarray, B: np.ndarray):
    """Positive affine rescaling of both payoff matrices into [1, 2]."""
    out = []
    for M in (A, B):
        lo, hi = float(M.min()), float(M.max())
        span = hi - lo if hi > lo else 1.0
        out.append((M - lo) / span + 1.0)
    return out


def _float_vertices_small(C: np.ndarray, tol: float, max_k=None):
    """Vertices of ``{z >= 0 : C^T z <= 1}`` for a tiny positive C, in plain Python floats.

    Same output as :func:`polytope_vertices`; numpy's per-call overhead
    dominates for games needing a few dozen 1x1..3x3 systems.
    """
    Cl = C.tolist()
    p, q = len(Cl), len(Cl[0])
    kmax = min(p, q, 3) if max_k is None else min(p, q, 3, max_k)
    found = {}
    for k in range(1, kmax + 1):
        for S in itertools.combinations(range(p), k):
            for T in itertools.combinations(range(q), k):
                M = [[Cl[s][t] for s in S] for t in T]
                D = _det_small(M)
                hb = math.prod(math.sqrt(sum(v * v for v in row)) for row in M)
                if abs(D) <= _SINGULAR_REL * hb:
                    continue
                zS = [_det_small([row[:c] + [1.0] + row[c + 1:] for row in M]) / D for c in range(k)]
                if min(zS) < -tol:
                    continue
                z = [0.0] * p
                for s_, v in zip(S, zS):
                    z[s_] = max(v, 0.0)
                col = [sum(z[s_] * Cl[s_][j] for s_ in S) for j in range(q)]
                if max(col) > 1 + tol:
                    continue
                key = tuple(round(v / tol) for v in z)
                if key not in found:
                    found[key] = (z, col, (S, T))
    if not found:
        return np.zeros((0, p)), np.zeros((0, p), bool), np.zeros((0, q), bool), []
    Z = np.array([v[0] for v in found.values()])
    cols = np.array([v[1] for v in found.values()])
    return Z, Z > tol, np.abs(cols - 1.0) <= tol, [v[2] for v in found.values()]


def bimatrix_extreme_equilibria_float(A: np.ndarray, B: np.ndarray, *, max_k=None,
                                      deadline=None, on_timeout=None):
    """Extreme equilibria of a float bimatrix game.

    Returns ``(X, Y, pairs, degenerate)``: the vertex strategies (normalised
    to the simplex), the list of equilibrium index pairs into X, Y, and
    whether any vertex has more labels than its dimension.
    """
    m, n = A.shape
    A1, B1 = _shift_positive_float(A, B)
    tol = _FLOAT_TOL
    if min(m, n) <= 3 and n_vertex_systems(m, n, max_k) <= _DIRECT_EXACT:
        X, sx, tx, _ = _float_vertices_small(B1, tol, max_k)
        Y, sy, ty, _ = _float_vertices_small(A1.T, tol, max_k)
    else:
        X, sx, tx, _ = polytope_vertices(B1, tol=tol, max_k=max_k, deadline=deadline,
                                         on_timeout=on_timeout)
        Y, sy, ty, _ = polytope_vertices(A1.T, tol=tol, max_k=max_k, deadline=deadline,
                                         on_timeout=on_timeout)
    # global labels: 0..m-1 player 1's strategies, m..m+n-1 player 2's
    Lx = [a | (b << m) for a, b in zip(_masks(~sx), _masks(tx))]
    Ly = [b | (a << m) for a, b in zip(_masks(~sy), _masks(ty))]
    degenerate = any(bin(L).count("1") > m for L in Lx) or any(bin(L).count("1") > n for L in Ly)
    pairs = complete_pairs(Lx, Ly, (1 << (m + n)) - 1)
    used_x = sorted({i for i, _ in pairs})
    used_y = sorted({j for _, j in pairs})
    rx = {i: a for a, i in enumerate(used_x)}
    ry = {j: a for a, j in enumerate(used_y)}
    Xn = X[used_x] / X[used_x].sum(axis=1, keepdims=True)
    Yn = Y[used_y] / Y[used_y].sum(axis=1, keepdims=True)
    Xn[X[used_x] <= tol] = 0.0
    Yn[Y[used_y] <= tol] = 0.0
    Xn /= Xn.sum(axis=1, keepdims=True)
    Yn /= Yn.sum(axis=1, keepdims=True)
    return Xn, Yn, [(rx[i], ry[j]) for i, j in pairs], degenerate


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


def solve_exact(M: list[list[int]], b: list[int]) -> list[Fraction] | None:
    """Solve ``M z = b`` exactly (Fractions); None if singular."""
    k = len(M)
    a = [[Fraction(v) for v in row] + [Fraction(bv)] for row, bv in zip(M, b)]
    for c in range(k):
        piv = next((r for r in range(c, k) if a[r][c] != 0), None)
        if piv is None:
            return None
        a[c], a[piv] = a[piv], a[c]
        pc = a[c][c]
        rowc = a[c]
        for r in range(k):
            if r != c and a[r][c] != 0:
                f = a[r][c] / pc
                ar = a[r]
                for cc in range(c, k + 1):
                    ar[cc] -= f * rowc[cc]
    return [a[i][k] / a[i][i] for i in range(k)]


def _det_small(M: list[list[int]]) -> int:
    """Determinant of a 1x1, 2x2 or 3x3 integer matrix."""
    if len(M) == 1:
        return M[0][0]
    if len(M) == 2:
        return M[0][0] * M[1][1] - M[0][1] * M[1][0]
    (a, b, c), (d, e, f), (g, h, i) = M
    return a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g)


def exact_vertex(C: list[list[int]], S, T):
    """Exact vertex of ``{z >= 0 : C^T z <= 1}`` with support S, tight T.

    Returns ``(z, label_zero, label_tight)`` as a Fraction tuple and two
    frozensets, or None if the subsystem is singular or the point infeasible.
    """
    p, q = len(C), len(C[0])
    M = [[C[s][t] for s in S] for t in T]  # rows: tight columns t
    if len(S) <= 3:
        # integer Cramer's rule: feasibility decided on integers, Fractions only at the end
        D = _det_small(M)
        if D == 0:
            return None
        k = len(S)
        nums = [_det_small([row[:c] + [1] + row[c + 1:] for row in M]) for c in range(k)]
        if D < 0:
            D, nums = -D, [-v for v in nums]
        if any(v < 0 for v in nums):
            return None
        for j in range(q):
            if sum(v * C[s][j] for s, v in zip(S, nums)) > D:
                return None
        zS = [Fraction(v, D) for v in nums]
    else:
        zS = solve_exact(M, [1] * len(S))
        if zS is None or any(v < 0 for v in zS):
            return None
    z = [Fraction(0)] * p
    for s, v in zip(S, zS):
        z[s] = v
    col = [sum(z[s] * C[s][j] for s in S) for j in range(q)]
    if any(v > 1 for v in col):
        return None
    zero = frozenset(i for i in range(p) if z[i] == 0)
    tight = frozenset(j for j in range(q) if col[j] == 1)
    return tuple(z), zero, tight


def _exact_vertices(C: list[list[int]], max_k=None):
    """All nonzero vertices of ``{z >= 0 : C^T z <= 1}``, exactly (small C only)."""
    p, q = len(C), len(C[0])
    kmax = min(p, q) if max_k is None else min(p, q, max_k)
    seen = {}
    for k in range(1, kmax + 1):
        for S in itertools.combinations(range(p), k):
            for T in itertools.combinations(range(q), k):
                v = exact_vertex(C, S, T)
                if v is not None and v[0] not in seen:
                    seen[v[0]] = v
    return list(seen.values())


def bimatrix_extreme_equilibria_exact(A, B, *, max_k=None, deadline=None, on_timeout=None):
    """Extreme equilibria of an exact bimatrix game (Fractions).

    A floating-point pass with a loose filter proposes vertices; each is
    recomputed exactly and the complete labelling is re-checked exactly, so
    every returned pair is an exact extreme equilibrium.
    Returns ``(X, Y, pairs, degenerate)`` with X, Y tuples of Fraction tuples.
    """
    Ai = integer_matrix(A)
    Bi = integer_matrix(B)
    m, n = len(Ai), len(Ai[0])
    full = (1 << (m + n)) - 1
    Bt = Bi
    At = [list(col) for col in zip(*Ai)]
    ex_x, ex_y = {}, {}
    if n_vertex_systems(m, n, max_k) <= _DIRECT_EXACT:
        # tiny games: every subsystem exactly, no floating-point pass
        for i, (z, zero, tight) in enumerate(_exact_vertices(Bt, max_k)):
            ex_x[i] = (z, sum(1 << a for a in zero) | sum(1 << (m + b) for b in tight))
        for j, (z, zero, tight) in enumerate(_exact_vertices(At, max_k)):
            ex_y[j] = (z, sum(1 << b for b in tight) | sum(1 << (m + a) for a in zero))
        cand = complete_pairs([L for _, L in ex_x.values()], [L for _, L in ex_y.values()], full)
        Lx = [L for _, L in ex_x.values()]
        Ly = [L for _, L in ex_y.values()]
    else:
        Af = np.array(Ai, dtype=float)
        Bf = np.array(Bi, dtype=float)
        # rescale the float copies to [1, 2] for a well-conditioned filter
        Af1, Bf1 = _shift_positive_float(Af, Bf)
        tol = _FILTER_TOL
        Xf, sx, tx, repx = polytope_vertices(Bf1, tol=tol, max_k=max_k, deadline=deadline,
                                             on_timeout=on_timeout)
        Yf, sy, ty, repy = polytope_vertices(Af1.T, tol=tol, max_k=max_k, deadline=deadline,
                                             on_timeout=on_timeout)
        Lx = [a | (b << m) for a, b in zip(_masks(~sx), _masks(tx))]
        Ly = [b | (a << m) for a, b in zip(_masks(~sy), _masks(ty))]
        cand = complete_pairs(Lx, Ly, full)
        # exact recomputation of the candidate vertices, on the exact scaled matrices
        for i in sorted({i for i, _ in cand}):
            S, T = repx[i]
            v = exact_vertex(Bt, S, T)
            if v is not None:
                z, zero, tight = v
                ex_x[i] = (z, sum(1 << a for a in zero) | sum(1 << (m + b) for b in tight))
        for j in sorted({j for _, j in cand}):
            S, T = repy[j]
            v = exact_vertex(At, S, T)
            if v is not None:
                z, zero, tight = v
                ex_y[j] = (z, sum(1 << b for b in tight) | sum(1 << (m + a) for a in zero))
    pairs_raw = [(i, j) for i, j in cand
                 if i in ex_x and j in ex_y and (ex_x[i][1] | ex_y[j][1]) == full]
    # de-duplicate exactly (the float de-duplication used a tolerance)
    xs, ys = {}, {}
    pairs = []
    for i, j in pairs_raw:
        zx = ex_x[i][0]
        zy = ex_y[j][0]
        sxm = sum(zx)
        sym = sum(zy)
        nx = tuple(v / sxm for v in zx)
        ny = tuple(v / sym for v in zy)
        a = xs.setdefault(nx, len(xs))
        b = ys.setdefault(ny, len(ys))
        if (a, b) not in pairs:
            pairs.append((a, b))
    degenerate = any(bin(L).count("1") > m for _, L in ex_x.values()) or any(
        bin(L).count("1") > n for _, L in ex_y.values()
    )
    # a degenerate vertex not in any equilibrium still makes the game degenerate;
    # the float labels of all vertices tell (exactness is not needed for a flag
    # that only changes reporting, and equilibria are exact regardless)
    if not degenerate:
        degenerate = any(bin(L).count("1") > m for L in Lx) or any(
            bin(L).count("1") > n for L in Ly)
    X = tuple(sorted(xs, key=xs.get))
    Y = tuple(sorted(ys, key=ys.get))
    return X, Y, pairs, degenerate


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
