"""The compiled kernel of :mod:`solvers._compiled_bimatrix`: certified vertices and equilibria.

Plain Python functions written for numba's nopython mode; :func:`compile_kernel`
compiles them (with numba's on-disk cache). The method, its certificate and
its references are described in :mod:`solvers._compiled_bimatrix`.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["compile_kernel", "FAILED"]

#: The vertex count :func:`_polytope_labels` returns on doubt.
FAILED = -1
# The certificate's guards: an absolute term covering underflow in its bound
# computation, and the largest |inverse| or |solution| entry it accepts.
_TINY = 2.0 ** -800
_HUGE = 2.0 ** 100


def _shifted_constraints(P, player, transpose):
    """Player's payoffs ``M = P[:, :, player]`` (transposed or not) as ``(M + 2^(e+1)) 2^-(e+2)``.

    Entries lie in ``[1/4, 3/4]``, with ``2^e`` above ``max |M|``; each is
    within relative ``2^-53`` of the exact value (one correctly rounded
    addition of normal numbers, an exact scaling). Returns ``(C, ok)``; not
    ok for non-finite entries, an all-zero matrix, or magnitudes where
    subnormals or overflow could occur.
    """
    m, n = P.shape[0], P.shape[1]
    C = np.empty((n, m)) if transpose else np.empty((m, n))
    top = 0.0
    for i in range(m):
        for j in range(n):
            a = abs(P[i, j, player])
            if not a <= 1e300:  # (NaN too)
                return C, False
            if a > top:
                top = a
    if top == 0.0:
        return C, False
    e = math.frexp(top)[1]  # top < 2^e
    if e < -1000:
        return C, False
    shift = math.ldexp(1.0, e + 1)
    scale = math.ldexp(1.0, -(e + 2))
    for i in range(m):
        for j in range(n):
            v = (P[i, j, player] + shift) * scale
            if transpose:
                C[j, i] = v
            else:
                C[i, j] = v
    return C, True


def _certified(C, T, basis, p, d, g, r):
    """Whether the tableau ``T`` of ``basis`` is proven a simple vertex (all basics > 0).

    ``B``: the columns of ``[C, I]`` of the basic variables; ``R = T[:, d:d+p]``,
    ``x = T[:, d+p]``. With ``G = I - R B`` and ``r = 1 - B x`` bounded above
    including rounding (``g``: ``gamma`` for ``2p + 12`` operations at unit
    roundoff ``2^-52``; the data error of ``C`` is ``2^-53`` relative),
    ``||G|| <= 1/2`` proves ``B`` nonsingular and ``||z - x|| <= 2 ||R r||``.
    ``r``: room for p floats.
    """
    nv = d + p
    alpha = 0.0
    for i in range(p):
        row = 0.0
        for j in range(p):
            v = basis[j]
            if v < d:
                s = 0.0
                sa = 0.0
                for k in range(p):
                    t = T[i, d + k]
                    if not abs(t) <= _HUGE:
                        return False
                    s += t * C[k, v]
                    sa += abs(t) * C[k, v]
            else:
                s = T[i, v]
                sa = abs(s)
            row += abs((1.0 if i == j else 0.0) - s) + 2.0 * g * sa
        if row > alpha:
            alpha = row
    a_up = alpha * (1.0 + 4.0 * g) + _TINY
    if not a_up <= 0.5:
        return False
    low = math.inf
    for k in range(p):
        s = 0.0
        sa = 0.0
        for j in range(p):
            xj = T[j, nv]
            if not abs(xj) <= _HUGE:
                return False
            v = basis[j]
            if v < d:
                s += C[k, v] * xj
                sa += C[k, v] * abs(xj)
            elif v - d == k:
                s += xj
                sa += abs(xj)
        r[k] = abs(1.0 - s) + 2.0 * g * (1.0 + sa)
        if T[k, nv] < low:
            low = T[k, nv]
    rho = 0.0
    for i in range(p):
        s = 0.0
        for k in range(p):
            s += abs(T[i, d + k]) * r[k]
        if s > rho:
            rho = s
    eps = 2.0 * (rho * (1.0 + 4.0 * g) + _TINY)
    return eps <= 1e300 and low > eps


def _tableau(C, basis, T):
    """``T = B^-1 [C, I, 1]`` for the basis' columns ``B`` of ``[C, I]``, by Gaussian
    elimination with partial pivoting; False when a pivot is zero (singular in floats).

    Only a proposal: :func:`_certified` decides what it is worth.
    """
    p, d = C.shape
    nv = d + p
    width = nv + 1
    W = np.zeros((p, p + width))
    for j in range(p):
        v = basis[j]
        for i in range(p):
            W[i, j] = C[i, v] if v < d else (1.0 if i == v - d else 0.0)
    for i in range(p):
        for j in range(d):
            W[i, p + j] = C[i, j]
        W[i, p + d + i] = 1.0
        W[i, p + nv] = 1.0
    for c in range(p):
        r = c
        for i in range(c + 1, p):
            if abs(W[i, c]) > abs(W[r, c]):
                r = i
        if W[r, c] == 0.0:
            return False
        if r != c:
            for j in range(c, p + width):
                W[r, j], W[c, j] = W[c, j], W[r, j]
        piv = W[c, c]
        for j in range(c, p + width):
            W[c, j] /= piv
        for i in range(p):
            if i != c and W[i, c] != 0.0:
                f = W[i, c]
                for j in range(c, p + width):
                    W[i, j] -= f * W[c, j]
    for i in range(p):
        for j in range(width):
            T[i, j] = W[i, p + j]
    return True


def _slot(mask, size):
    """A mask's first slot in an open-addressing table of ``size`` (a power of two) slots."""
    h = (mask ^ (mask >> 29)) * 0x5851F42D4C957F2D  # (int64, wrapping)
    return (h ^ (h >> 32)) & (size - 1)


def _polytope_labels(C, max_floats, max_vertices):
    """Label masks of every vertex of ``{z >= 0 : C z <= 1}``, certified; count -1 on doubt.

    ``C`` (p, d) positive. A mask holds bit ``j < d`` when ``z_j = 0`` and
    bit ``d + r`` when row ``r`` is tight; origin first, breadth first.
    Gives up (count -1) past ``max_vertices`` vertices or past
    ``max_floats`` floats of queued tableaux (memory bounds).
    """
    p, d = C.shape
    nv = d + p
    width = nv + 1
    mm = 2 * p + 12
    ut = 2.0 ** -52
    g = mm * ut / (1.0 - mm * ut)
    # Breadth first (short pivot chains keep the tableaux accurate). Every vertex found
    # keeps its mask and basis; a queued vertex's tableau, pivoted from its parent's, waits
    # in a pool slot while one is free (max_floats), else it is recomputed from the basis.
    found = 64
    masks = np.empty(found, np.int64)
    bases = np.empty((found, p), np.int64)
    slots = np.empty(found, np.int64)
    pool_max = max(2, max_floats // (p * width))
    pool = np.empty((min(4, pool_max), p, width))
    free = np.empty(len(pool), np.int64)  # a stack of the free slots
    for a in range(len(pool)):
        free[a] = len(pool) - 1 - a
    n_free = len(pool)
    hsize = 64  # open-addressing set of the masks found (at most half full)
    table = np.full(hsize, -1, np.int64)
    T = np.empty((p, width))
    r = np.empty(p)
    n_free -= 1
    slots[0] = free[n_free]
    for i in range(p):
        bases[0, i] = d + i
    _tableau(C, bases[0], pool[slots[0]])  # the origin: B = I, so exactly [C, I, 1]
    masks[0] = (1 << d) - 1
    table[_slot(masks[0], hsize)] = masks[0]
    count = 1
    for head in range(max_vertices):
        if head == count:
            break
        basis = bases[head]
        mask = masks[head]
        if slots[head] >= 0:
            T[:, :] = pool[slots[head]]
            free[n_free] = slots[head]
            n_free += 1
            if not _certified(C, T, basis, p, d, g, r):  # rounding piled up: start afresh
                if not _tableau(C, basis, T) or not _certified(C, T, basis, p, d, g, r):
                    return masks, FAILED
        elif not _tableau(C, basis, T) or not _certified(C, T, basis, p, d, g, r):
            return masks, FAILED
        for e in range(nv):
            if not (mask >> e) & 1:
                continue  # basic
            best = -1
            top = 0.0
            for i in range(p):
                a = T[i, e]
                if a > 0.0:
                    q = a / T[i, nv]  # the largest a_i / b_i is the smallest ratio b_i / a_i
                    if q > top:
                        top = q
                        best = i
            if best < 0:
                return masks, FAILED  # no bounded edge: only rounding can do that
            nm = mask ^ (1 << e) ^ (1 << basis[best])
            h = _slot(nm, hsize)
            while table[h] != -1 and table[h] != nm:
                h = (h + 1) & (hsize - 1)
            if table[h] == nm:
                continue
            if count == max_vertices:
                return masks, FAILED
            table[h] = nm
            if 2 * count + 2 > hsize:  # grow the set
                hsize *= 4
                table = np.full(hsize, -1, np.int64)
                for a in range(count + 1):
                    v = masks[a] if a < count else nm
                    k = _slot(v, hsize)
                    while table[k] != -1:
                        k = (k + 1) & (hsize - 1)
                    table[k] = v
            if count == found:  # grow the vertex arrays
                found *= 2
                m2 = np.empty(found, np.int64)
                m2[:count] = masks[:count]
                b2 = np.empty((found, p), np.int64)
                b2[:count] = bases[:count]
                s2 = np.empty(found, np.int64)
                s2[:count] = slots[:count]
                masks, bases, slots = m2, b2, s2
                basis = bases[head]
            masks[count] = nm
            for i in range(p):
                bases[count, i] = basis[i]
            bases[count, best] = e
            if n_free == 0 and len(pool) < pool_max:  # grow the pool
                size = min(2 * len(pool), pool_max)
                p2 = np.empty((size, p, width))
                p2[:len(pool)] = pool
                f2 = np.empty(size, np.int64)
                for a in range(size - len(pool)):
                    f2[a] = size - 1 - a
                n_free = size - len(pool)
                pool, free = p2, f2
            if n_free == 0:
                slots[count] = -1  # recomputed when its turn comes
            else:
                n_free -= 1
                slots[count] = free[n_free]
                N = pool[slots[count]]
                piv = T[best, e]
                for j in range(width):
                    N[best, j] = T[best, j] / piv
                for i in range(p):
                    if i != best:
                        f = T[i, e]
                        for j in range(width):
                            N[i, j] = T[i, j] - f * N[best, j]
            count += 1
    if head != count:
        return masks, FAILED
    return masks, count


def _equilibrium_label_pairs(P, max_floats, max_vertices):
    """``(pairs, ok)``: the completely labelled vertex pairs of a float game's polytopes.

    ``P`` (m, n, 2): the payoffs.
    ``pairs`` (k, 2) int64: ``(mask of P, mask of Q)`` per equilibrium, masks
    as :func:`_polytope_labels` gives them (P: ``x`` then ``B``'s columns;
    Q: ``y`` then ``A``'s rows). Not ok on any doubt.
    """
    m, n = P.shape[0], P.shape[1]
    CP, ok = _shifted_constraints(P, 1, True)
    pairs = np.empty((0, 2), np.int64)
    if not ok:
        return pairs, False
    CQ, ok = _shifted_constraints(P, 0, False)
    if not ok:
        return pairs, False
    LP, nP = _polytope_labels(CP, max_floats, max_vertices)
    if nP == FAILED:
        return pairs, False
    LQ, nQ = _polytope_labels(CQ, max_floats, max_vertices)
    if nQ == FAILED:
        return pairs, False
    oy = (1 << n) - 1
    full = (1 << (m + n)) - 1
    # Q's labels in the global numbering (player 1's strategies, then player 2's)
    glob = np.empty(nQ, np.int64)
    for b in range(nQ):
        glob[b] = (LQ[b] >> n) | ((LQ[b] & oy) << m)
    pairs = np.empty((min(nP, nQ), 2), np.int64)
    k = 0
    if nP * nQ <= 4096:  # few vertices: compare all
        for a in range(1, nP):  # (the origin, first, pairs with nothing)
            want = full & ~LP[a]  # simple vertices: the complement exactly
            for b in range(1, nQ):
                if glob[b] == want:
                    pairs[k, 0] = LP[a]
                    pairs[k, 1] = LQ[b]
                    k += 1
                    break
        return pairs[:k], True
    order = np.argsort(glob)
    srt = glob[order]
    for a in range(1, nP):
        want = full & ~LP[a]
        at = np.searchsorted(srt, want)
        if at < nQ and srt[at] == want and LQ[order[at]] != oy:
            pairs[k, 0] = LP[a]
            pairs[k, 1] = LQ[order[at]]
            k += 1
    return pairs[:k], True


def compile_kernel():
    """The compiled :func:`_equilibrium_label_pairs` (numba, cached on disk).

    Compiling takes seconds the first time on a machine, a fraction of a
    second from numba's cache after that. Raises ImportError without numba.

    Returns
    -------
    callable
        ``kernel(P, max_floats, max_vertices) -> (pairs, ok)``: ``P`` the
        (m, n, 2) float64 payoffs; ``pairs`` (k, 2) int64 label masks of the
        completely labelled vertex pairs (P's then Q's); ``ok`` False on any
        doubt (then ``pairs`` means nothing).

    Examples
    --------
    Battle of the sexes. A mask of P has bit ``i`` when ``x_i = 0`` and bit
    ``2 + j`` when column ``j`` is a best response; Q's alike (``y``, rows):
    ``6`` is the pure profile (0, 0), ``9`` is (1, 1), ``12`` the mixed one.

    >>> kernel = compile_kernel()
    >>> bos = np.array([[[2.0, 1.0], [0.0, 0.0]], [[0.0, 0.0], [1.0, 2.0]]])
    >>> pairs, ok = kernel(bos, 1 << 16, 1 << 10)
    >>> ok, sorted(pairs.tolist())
    (True, [[6, 6], [9, 9], [12, 12]])
    """
    from numba import njit

    g = globals()
    for name in ("_shifted_constraints", "_certified", "_tableau", "_slot", "_polytope_labels",
                 "_equilibrium_label_pairs"):
        if not hasattr(g[name], "py_func"):  # (not compiled yet)
            g[name] = njit(cache=True, nogil=True)(g[name])
    kernel = g["_equilibrium_label_pairs"]
    probe = np.array([[[3.0, 3.0], [0.0, 5.0]], [[5.0, 0.0], [1.0, 1.0]]])
    probe.flags.writeable = False  # (as games hold their payoffs)
    kernel(probe, 1024, 64)  # compile now
    return kernel
