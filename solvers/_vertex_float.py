"""Vertices of ``{z >= 0 : K z <= L}`` proposed in floating point and certified.

Private kernel of :func:`solvers.vertex_enumeration.certified_float_vertices`
and of ``polytope_vertices(method="float")``, for integer constraints ``K``
with positive row scales ``L`` (``C = K / L`` row by row).

Method
------
* **Proposal.** A breadth-first traversal of the vertex graph in floats,
  a batch of vertices at a time (each vertex's tableau from its parent's by
  one pivot, or from a batched inverse of its basis matrix of ``[C, I]``;
  ratio tests for every entering column), proposes the label set of every
  vertex. Floats only propose: a (nearly) zero basic variable makes it
  give up on that polytope (a degenerate polytope is left to exact
  pivoting), and a wrong proposal fails the certificate. Polytopes of one
  shape (both players' in a square game) are traversed together, one numpy
  batch per step (:func:`certified_label_sets`).
* **Float certificate.** A label set is a vertex with exactly ``d`` labels
  if and only if its unlabelled variables form a basis ``B`` whose solution
  of ``B x = 1`` is strictly positive. An approximate inverse ``R`` with
  ``||I - R B||_inf <= 1/2`` proves ``B`` nonsingular and
  ``||x - x~||_inf <= 2 ||R (1 - B x~)||_inf`` [2]_; both norms are bounded
  from above including every rounding error and the rounding of ``C``
  itself [3]_, for all proposals at once (stacked numpy arrays).
* **Exact certificate.** A proposal the float bound cannot decide is
  decided in integers: the tight constraints solved on the support
  (Cramer's rule up to 3 x 3, fraction-free elimination with python-flint
  beyond), the solution strictly positive and strictly inside every other
  constraint. The exact coordinates of every vertex are solved the same way.
* **Completeness.** Each certified simple vertex's neighbour across each of
  its ``d`` labels is proposed, so the certified set is closed under the
  edges of the vertex graph, which is connected (Balinski 1961) [1]_: it is
  every vertex.

References
----------
.. [1] M. L. Balinski (1961), "On the graph structure of convex polyhedra in
   n-space", *Pacific Journal of Mathematics* 11: 431-434.
.. [2] S. M. Rump (2010), "Verification methods: rigorous results using
   floating-point arithmetic", *Acta Numerica* 19: 287-449 (sec. 10).
.. [3] N. J. Higham (2002), *Accuracy and Stability of Numerical
   Algorithms*, 2nd ed., SIAM (secs. 3.1, 3.5: error bounds of computed dot
   and matrix products).
"""

from __future__ import annotations

import math
from collections import deque

import numpy as np

from solvers._vertex_exact import certify_mask, exact_vertex
from solvers.vertex_enumeration import PolytopeVertex

__all__ = ["certified_vertices", "certified_label_sets"]

# Relative gap at which the float traversal suspects degeneracy and gives up
# early (a shortcut: the exact certificate, not this gap, decides).
_FLOAT_GAP = 1e-9
# The float certificate's guards: an absolute term covering underflow in its
# bound computation, the largest |inverse| or |solution| entry it accepts
# (so that underflow errors stay below _TINY), and the smallest nonzero scaled
# constraint entry (so that scaling by a power of two is exact).
_TINY = 2.0 ** -800
_HUGE = 2.0 ** 100
_MIN_NORMAL_SCALED = 2.0 ** -1000
# Float entries of basis matrices held for one batched certificate (memory bound).
_CERTIFY_BATCH = 1 << 18
# Float entries of one batch's tableau in the float traversal (memory bound).
_CHUNK_FLOATS = 1 << 20
# Vertices per batch of the traversal (a few milliseconds each: the deadline is checked
# between batches).
_BATCH_VERTICES = 128
# Float entries of the tableaux kept for queued vertices (past it, a vertex's
# tableau is recomputed from its basis when it is reached: memory bound).
_QUEUED_FLOATS = 1 << 22


def _time_up(deadline, found):
    from solvers.limits import TimeLimitExceeded
    raise TimeLimitExceeded(
        f"polytope_vertices(): time limit of {deadline.time_limit} s reached after "
        f"{len(found)} certified vertices", partial=tuple(found), time_limit=deadline.time_limit)


def certified_vertices(K: list[list[int]], L: list[int], deadline,
                       max_vertices: int, points: bool = True) -> list[PolytopeVertex] | None:
    """The vertices of ``{z >= 0 : K z <= L}``, proposed in floats and certified; or None.

    Parameters
    ----------
    K : (p, d) list of lists of int
        Nonnegative, every column with a positive entry.
    L : list of int
        Positive row scales (``C = K / L``).
    deadline : solvers.limits.Deadline or None
        Checked between traversal levels and certificates.
    max_vertices : int
        Give up (return None) after proposing more vertices than this.
    points : bool
        False: return the label masks (ints) instead of vertices, without
        solving for the exact coordinates of the vertices the float
        certificate proved (memory and time linear in the number of
        vertices, with a small constant; see
        :func:`solvers._vertex_exact.vertex_point` for a point).

    Returns
    -------
    list of PolytopeVertex (or of int) or None
        Every vertex, origin first; None when uncertified (a degenerate
        polytope, or rounding misled the proposal).

    Raises
    ------
    TimeLimitExceeded
        When ``deadline`` passes (``partial``: the vertices certified so far).

    Examples
    --------
    ``C = [[1/2, 1/4], [1/4, 1/2]]``:

    >>> vs = certified_vertices([[2, 1], [1, 2]], [4, 4], None, 100)
    >>> [tuple(map(str, v.point)) for v in vs]  # breadth first from the origin
    [('0', '0'), ('2', '0'), ('0', '2'), ('4/3', '4/3')]
    >>> certified_vertices([[1, 1], [2, 0], [0, 2]], [1, 1, 1], None, 100) is None  # degenerate
    True
    >>> [bin(m) for m in certified_vertices([[2, 1], [1, 2]], [4, 4], None, 100, points=False)]
    ['0b11', '0b110', '0b1001', '0b1100']
    """
    check = deadline is not None and getattr(deadline, "at", None) is not None
    prop = _float_proposal(K, L, deadline if check else None, max_vertices)
    if prop is None:
        return None
    return _settle(K, L, *prop, deadline if check else None, points)


def certified_label_sets(systems: list[tuple[list[list[int]], list[int]]], deadline,
                         max_vertices: int) -> list[list[int] | None]:
    """:func:`certified_vertices` with ``points=False`` for several polytopes at once.

    The polytopes of one shape share one breadth-first traversal
    (:func:`_joint_float_proposal`: numpy's cost per call, which dominates
    for small polytopes, is paid once per step for all of them). Returns
    each system's label masks in the order visited, origin first, or None
    where uncertified.
    """
    dl = deadline if deadline is not None and getattr(deadline, "at", None) is not None else None
    out: list[list[int] | None] = [None] * len(systems)
    shapes: dict[tuple[int, int], list[int]] = {}
    for a, (K, _) in enumerate(systems):
        shapes.setdefault((len(K), len(K[0])), []).append(a)
    for idx in shapes.values():
        for a, prop in zip(idx, _joint_float_proposal([systems[a] for a in idx], dl, max_vertices)):
            if prop is not None:
                out[a] = _settle(*systems[a], *prop, dl, False)
    return out


def _settle(K, L, masks, proven, deadline, points):
    """The certified vertices (or masks) of a proposal; masks the float certificate left open
    are decided exactly; None when one is not a simple vertex."""
    p, d = len(K), len(K[0])
    Kc, out = None, []
    for a, mask in enumerate(masks):
        if proven[a] and not points:
            out.append(mask)
            continue
        if deadline is not None and deadline.passed():  # (an exact solve can be slow)
            _time_up(deadline, out)
        v = exact_vertex(K, L, p, d, mask) if proven[a] else None
        if v is None:  # the float certificate left it open: decide it exactly
            if Kc is None:
                Kc = [list(c) for c in zip(*K)]
            v = certify_mask(K, L, p, d, mask, Kc)
            if v is None:
                return None
        out.append(v if points else mask)
    return out


def _scaled_float_matrix(K, L):
    """``C = K / L`` (rows) in floats times a power of two, so its largest entry is in [1/2, 1).

    Every nonzero entry is within relative ``2^-53`` of the exact scaled
    value (each quotient is correctly rounded, the power-of-two scaling is
    exact); None when that cannot be promised (overflow, or entries so small
    that scaling would make them subnormal).
    """
    try:
        if all(s == 1 for s in L):  # (float(int) is correctly rounded too)
            Cf = np.array(K, dtype=np.float64)
        else:
            Cf = np.array([[k / s for k in row] for row, s in zip(K, L)])
    except OverflowError:
        return None
    top = float(Cf.max())
    if not (math.isfinite(top) and top > 0):
        return None
    scale = 2.0 ** -math.frexp(top)[1]
    Cs = Cf * scale
    low = float(Cf.min())
    if not low > 0:  # the smallest nonzero entry
        low = float(Cf[Cf > 0].min())
    if low * scale < _MIN_NORMAL_SCALED or low < _MIN_NORMAL_SCALED:
        return None
    return Cs


def _float_certificate(Bm: np.ndarray, R: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Rigorous signs of the solutions of ``B z = 1`` for a stack of bases; +1, -1 or 0 each.

    ``Bm`` (f, p, p) holds float basis matrices whose entries are within
    relative ``2^-52`` of the exact ones; ``R`` approximate inverses, ``x``
    (f, p) approximate solutions (any floats: nothing is assumed of them).
    With ``G = I - R B`` and ``r = 1 - B x``: when ``||G||_inf <= 1/2``,
    ``R B = I - G`` is invertible (Neumann series), so ``B`` is, and
    ``z - x = (R B)^-1 R r`` gives ``||z - x||_inf <= ||R r||_inf /
    (1 - ||G||_inf) <= 2 ||R r||_inf`` (the standard verification of a
    linear system, Rump 2010). Both norms are bounded above from floats:
    the error of each computed product and sum by ``gamma_m |R| |B|``-type
    terms (Higham 2002, secs. 3.1, 3.5; any summation order, with or
    without fused multiply-add), the data
    error of ``B`` by ``2^-52 |B|``, rounding of the bound computation
    itself by a factor ``1 + 4 gamma_m`` with the unit roundoff taken as
    ``2^-52`` (twice round-to-nearest's), and underflow by an absolute term.
    +1: every ``z_i > 0`` is proven; -1: some ``z_i < 0`` is proven; 0: the
    bound does not separate the solution from zero (or ``B`` is too
    ill-conditioned to tell).
    """
    f, p, _ = Bm.shape
    ut = 2.0 ** -52
    m = 2 * p + 12
    g = m * ut / (1.0 - m * ut)
    ones = np.ones(p)
    with np.errstate(all="ignore"):
        aR, aB, ax = np.abs(R), np.abs(Bm), np.abs(x)
        # ||I - R B_exact|| <= | |I - fl(R B)| + (gamma_p + ut) |R||B| |, row sums
        # (a row sum as a product with ones: a sum in some order, like any other)
        E = np.abs(np.eye(p) - R @ Bm)
        E += (2.0 * g) * (aR @ aB)
        alpha = _row_max(E @ ones)
        # |1 - B_exact x| <= |fl(1 - B x)| + 2g (1 + |B||x|), then |R r| <= |R| |r|
        r = np.abs(1.0 - Bm @ x[:, :, None])
        r += (2.0 * g) * (1.0 + aB @ ax[:, :, None])
        rho = _row_max((aR @ r)[:, :, 0])
        a_up = alpha * (1.0 + 4.0 * g) + _TINY
        eps = 2.0 * (rho * (1.0 + 4.0 * g) + _TINY)
        if aR.max() <= _HUGE and ax.max() <= _HUGE:
            ok = (a_up <= 0.5) & np.isfinite(eps)
        else:
            ok = (_row_max(aR.reshape(f, -1)) <= _HUGE) & (_row_max(ax) <= _HUGE) \
                & (a_up <= 0.5) & np.isfinite(eps)
        low = -_row_max(-x)  # each solution's smallest entry
        pos = ok & (low > eps)
        neg = ok & (low < -eps)
    return np.where(pos, 1, np.where(neg, -1, 0)).astype(np.int8)


def _row_max(a: np.ndarray) -> np.ndarray:
    """``a.max(axis=1)`` of a 2-d array with short rows, reduced across the long axis (faster)."""
    return np.ascontiguousarray(a.T).max(axis=0)


def _float_proposal(K, L, deadline, max_vertices):
    """Label masks of the vertices by a float breadth-first traversal, with the float certificate.

    Returns ``(masks, proven)`` (``proven[a]``: mask ``a`` is certified by
    :func:`_float_certificate`), or None on doubt.
    """
    return _joint_float_proposal([(K, L)], deadline, max_vertices)[0]


def _joint_float_proposal(systems, deadline, max_vertices):
    """:func:`_float_proposal` for several polytopes of one shape ``(p, d)``, traversed together.

    Each step of the breadth-first traversals is one batch over all the
    polytopes (numpy's cost per call is paid once per batch, not once per
    polytope); a polytope's masks carry its index above bit ``d + p``. A
    vertex's float tableau ``B^-1 [C, I, 1]`` comes from its parent's by one
    pivot (its ``B^-1`` block is the approximate inverse the certificate
    uses), or, past ``_QUEUED_FLOATS`` floats of queued tableaux, from its
    basis by a batched inverse when it is reached. Returns one ``(masks,
    proven)`` or None (on doubt) per system.
    """
    G = len(systems)
    p, d = len(systems[0][0]), len(systems[0][0][0])
    nv = d + p
    # [C * 2^-e, I, 1] for each polytope: a uniform scaling of z keeps the combinatorics
    fulls = np.zeros((G, p, nv + 1))  # (G, p, nv + 1)
    for g, (K, L) in enumerate(systems):
        Cs = _scaled_float_matrix(K, L)
        if Cs is None:
            return [None] * G
        fulls[g, :, :d] = Cs
    fulls[:, :, nv] = 1.0
    fulls[:, np.arange(p), d + np.arange(p)] = 1.0
    columns = fulls.transpose(0, 2, 1).copy()  # (G, nv + 1, p)
    # masks as int64 bit sets (Python ints in an object array past 62 bits)
    dt = np.int64 if nv + max(G - 1, 1).bit_length() <= 62 else object
    one = np.ones((), dtype=dt)
    bit = one << np.arange(nv).astype(dt)
    order = [((1 << d) - 1) | (g << nv) for g in range(G)]  # the origins, then in visiting order
    seen = set(order)
    # blocks of queued vertices: (masks, polytopes, bases, cobases, tableaux or None);
    # row i of a tableau belongs to basic variable bases[i]
    queue = deque([(order[:], np.arange(G), np.tile(np.arange(d, nv), (G, 1)),
                    np.tile(np.arange(d), (G, 1)), fulls.copy())])
    held = fulls.size  # floats of the queued tableaux (memory bound)
    failed: set[int] = set()
    # vertices per batch: a memory bound, and short batches (the deadline is checked
    # between them; they are also faster than long ones, staying in cache)
    chunk = max(1, min(_CHUNK_FLOATS // (p * (nv + 1)), _BATCH_VERTICES))
    pending, n_pending, proven = [], 0, []
    # (overflow and division by zero are read as doubt below, not warned of)
    with np.errstate(all="ignore"):
        while queue:
            if len(order) > max_vertices * G:
                return [None] * G
            if deadline is not None and deadline.passed():
                _time_up(deadline, [])
            masks, poly, bases, cob, T = queue.popleft()
            if len(masks) > chunk:  # the rest of the block waits its turn
                queue.appendleft((masks[chunk:], poly[chunk:], bases[chunk:], cob[chunk:],
                                  None if T is None else T[chunk:]))
                masks, poly, bases, cob = masks[:chunk], poly[:chunk], bases[:chunk], cob[:chunk]
                T = None if T is None else T[:chunk]
            f = len(masks)
            Bm = columns[poly[:, None], bases].transpose(0, 2, 1)
            if T is None:
                try:
                    R = np.linalg.inv(Bm)
                except np.linalg.LinAlgError:
                    return [None] * G
                T = R @ fulls[poly]
            else:
                held -= T.size
                R = T[:, :, d:nv]
            b = T[:, :, nv]
            # a (nearly) degenerate vertex, or overflow: its polytope is left to exact pivoting
            if not b.min() > _FLOAT_GAP * b.max():
                doubt = ~(b.min(axis=1) > _FLOAT_GAP * b.max(axis=1))
                failed.update(poly[doubt].tolist())
                if len(failed) == G:
                    return [None] * G
            # the ratio test for every column (the basic ones are read past): with b > 0,
            # the smallest b_i / a_i over a_i > 0 is the largest a_i / b_i. An entry that
            # rounding made positive gives a ratio too large to be picked, or a wrong
            # proposal, which fails the certificate
            inverse_ratio = T[:, :, :nv] / b[:, :, None]
            pending.append((Bm, R, b))
            n_pending += f
            if n_pending * p * p > _CERTIFY_BATCH:  # bound the memory held for the certificate
                proven.extend(_certify_batch(pending))
                pending, n_pending = [], 0
            # entering (nonbasic) variable cob[c] swaps with the basic variable of the row
            # its ratio test picks; float decisions only propose: a wrong one fails the certificate
            here = np.arange(f)[:, None]
            rows = inverse_ratio.argmax(axis=1)[here, cob]  # (f, d)
            leaving = bases[here, rows]
            nm = (np.array(masks, dtype=dt)[:, None] ^ bit[cob] ^ bit[leaving]).ravel().tolist()
            sel, new = [], []  # the positions and masks of the vertices not seen before
            for t, m in enumerate(nm):
                if m not in seen and not (failed and m >> nv in failed):
                    seen.add(m)
                    sel.append(t)
                    new.append(m)
            if not sel:
                continue
            order.extend(new)
            sel = np.array(sel)
            parent, c = np.divmod(sel, d)
            r, e = rows.ravel()[sel], cob.ravel()[sel]
            at = np.arange(len(sel))
            nb = bases[parent]
            nb[at, r] = e
            nc = cob[parent]
            nc[at, c] = leaving.ravel()[sel]
            Tn = None
            if held + len(sel) * p * (nv + 1) <= _QUEUED_FLOATS:
                Tn = T[parent]  # the pivot on (r, e) of each parent's tableau
                top = Tn[at, r] / Tn[at, r, e][:, None]
                Tn -= Tn[at, :, e][:, :, None] * top[:, None, :]
                Tn[at, r] = top
                held += Tn.size
            queue.append((new, poly[parent], nb, nc, Tn))
    if pending:  # the certificate, for the vertices in order
        proven.extend(_certify_batch(pending))
    low = (1 << nv) - 1
    out: list = [([], []) for _ in range(G)]
    for m, ok in zip(order, proven):
        masks, prv = out[m >> nv]
        masks.append(m & low)
        prv.append(ok)
    return [None if g in failed else out[g] for g in range(G)]


def _certify_batch(levels) -> list[bool]:
    status = _float_certificate(*(np.concatenate(a) for a in zip(*levels)))
    return (status == 1).tolist()
