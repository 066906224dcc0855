"""Support systems of numeric n-player games, settled by certified interval arithmetic.

Support enumeration asks, for each support profile, for every solution of
the indifference equations with all support probabilities positive and no
profitable deviation. This module answers that question for a batch of
support profiles of equal sizes at once, in floating point with outward
rounding, and certifies every answer:

* a box of probabilities is **excluded** when the interval enclosure of an
  equation excludes zero, of a probability is nonpositive, or of a
  deviation gain is positive, or when the Krawczyk operator of the box
  misses the box;
* a box is **certified** to hold exactly one solution when the Krawczyk
  operator maps it into its interior (Krawczyk 1969; Moore 1977). The box
  is then contracted by iterating the operator and the signs of the
  probabilities and gains are read from the enclosure;
* anything else is bisected. A support profile whose boxes do not settle
  within a budget (a singular solution, a continuum, a solution on the
  boundary of the simplex, a tie in a gain: the marks of a degenerate game)
  is reported as undecided, and the caller solves it exactly.

Every arithmetic operation is rounded outward (``numpy.nextafter`` after
round-to-nearest; sums with the a-priori bound ``gamma_n sum |x_k|`` of
Higham 2002, Thm 3.1), so the enclosures are rigorous; payoffs that are not
binary floats are enclosed by their neighbouring floats.

References
----------
.. [1] R. Krawczyk (1969), "Newton-Algorithmen zur Bestimmung von
   Nullstellen mit Fehlerschranken", *Computing* 4: 187-201.
.. [2] R. E. Moore (1977), "A test for existence of solutions to nonlinear
   systems", *SIAM J. Numer. Anal.* 14: 611-615.
.. [3] A. Neumaier (1990), *Interval Methods for Systems of Equations*,
   Cambridge University Press, ch. 5 (Krawczyk operator, uniqueness).
.. [4] N. J. Higham (2002), *Accuracy and Stability of Numerical
   Algorithms*, 2nd ed., SIAM, ch. 3 (rounding error of sums).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

import numpy as np

__all__ = ["payoff_enclosure", "settle_supports"]

_TWO_U = 2.0 ** -52  # twice the unit roundoff of binary64
#: Split point of a bisection, as a fraction of the width (not a short binary fraction,
#: so that rational solutions of integer games do not fall on the split).
_SPLIT = 0.4913975412371
#: Margin of the starting box beyond [0, 1] (solutions on the simplex's faces stay interior).
_MARGIN = 0.0009765625 * 0.7310585786300049
#: Boxes per squared number of free probabilities that one support profile may use
#: before it is handed to the exact solver (see :func:`settle_supports`).
BOX_BUDGET = 600
_MAX_ROUNDS = 120
#: Floats of vertex values one chunk of boxes may hold (memory stays bounded for large supports).
_CHUNK_FLOATS = 2 ** 21


def _down(x):
    return np.nextafter(x, -np.inf)


def _up(x):
    return np.nextafter(x, np.inf)


def _mul(alo, ahi, blo, bhi):
    """Outward-rounded interval product (broadcasting)."""
    p1, p2, p3, p4 = alo * blo, alo * bhi, ahi * blo, ahi * bhi
    lo = np.minimum(np.minimum(p1, p2), np.minimum(p3, p4))
    hi = np.maximum(np.maximum(p1, p2), np.maximum(p3, p4))
    return _down(lo), _up(hi)


def _sum(lo, hi, axis):
    """Outward-rounded interval sum along ``axis``."""
    n = lo.shape[axis]
    if n == 1:
        return np.take(lo, 0, axis=axis), np.take(hi, 0, axis=axis)
    g = n * _TWO_U
    slo, shi = lo.sum(axis=axis), hi.sum(axis=axis)
    return (_down(slo - np.abs(lo).sum(axis=axis) * g),
            _up(shi + np.abs(hi).sum(axis=axis) * g))


def _sub(alo, ahi, blo, bhi):
    return _down(alo - bhi), _up(ahi - blo)


def payoff_enclosure(F: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Float enclosures ``lo <= F <= hi`` of an array of exact payoffs.

    Parameters
    ----------
    F : numpy.ndarray
        Object array of :class:`fractions.Fraction` (any shape).

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        Float arrays of ``F``'s shape; equal where the payoff is a binary float.

    Examples
    --------
    >>> from fractions import Fraction
    >>> lo, hi = payoff_enclosure(np.array([Fraction(1, 2), Fraction(1, 3)], dtype=object))
    >>> bool(lo[0] == hi[0] == 0.5), bool(lo[1] < Fraction(1, 3) < hi[1])
    (True, True)
    """
    flat = F.reshape(-1)
    mid = np.array([float(v) for v in flat], dtype=float)
    exact = np.array([Fraction(m) == v if np.isfinite(m) else False for m, v in zip(mid, flat)],
                     dtype=bool)
    lo = np.where(exact, mid, _down(mid))
    hi = np.where(exact, mid, _up(mid))
    return lo.reshape(F.shape), hi.reshape(F.shape)


class _Batch:
    """Interval model of the support systems of one size vector."""

    def __init__(self, Plo, Phi, supports):
        shape = Plo.shape[:-1]
        self.n = n = len(shape)
        self.shape = shape
        self.k = k = tuple(len(S) for S in supports[0])
        self.offsets = np.cumsum([0] + [kj - 1 for kj in k])
        self.N = int(self.offsets[-1])
        S = len(supports)
        idx = [np.array([sp[j] for sp in supports], dtype=np.intp) for j in range(n)]
        self.corners = {d: ((np.arange(2 ** d)[:, None] >> np.arange(d)) & 1).astype(bool)
                        for d in {kj - 1 for kj in k}}
        self.V = []
        for i in range(n):
            # axis i: the support strategies but the last, the other strategies, the last one
            order = np.empty((S, shape[i]), dtype=np.intp)
            for b, sp in enumerate(supports):
                Si = sp[i]
                rest = [t for t in range(shape[i]) if t not in Si]
                order[b] = list(Si[:-1]) + rest + [Si[-1]]
            ix = []
            for j in range(n):
                a = order if j == i else idx[j]
                ix.append(a.reshape((S,) + tuple(-1 if q == j else 1 for q in range(n))))
            Wlo, Whi = Plo[..., i][tuple(ix)], Phi[..., i][tuple(ix)]
            last = [slice(None)] * (n + 1)
            last[i + 1] = slice(-1, None)
            head = [slice(None)] * (n + 1)
            head[i + 1] = slice(None, -1)
            self.V.append(_sub(Wlo[tuple(head)], Whi[tuple(head)],
                               Wlo[tuple(last)], Whi[tuple(last)]))

    def sigma(self, lo, hi, vertices=False):
        """Interval mixed strategies on the supports: one (B, v_j, k_j) pair per player.

        ``v_j`` is 1 (the box's enclosure) or, with ``vertices``, the
        ``2**(k_j - 1)`` images of the vertices of player j's block of the box.
        """
        out = []
        B = lo.shape[0]
        for j, kj in enumerate(self.k):
            if kj == 1:
                one = np.ones((B, 1, 1))
                out.append((one, one))
                continue
            a, b = self.offsets[j], self.offsets[j + 1]
            if vertices:
                corner = self.corners[kj - 1]
                xlo = xhi = np.where(corner[None], hi[:, None, a:b], lo[:, None, a:b])
            else:
                xlo, xhi = lo[:, None, a:b], hi[:, None, a:b]
            slo, shi = _sum(xlo, xhi, 2)
            out.append((np.concatenate([xlo, _down(1.0 - shi)[..., None]], axis=2),
                        np.concatenate([xhi, _up(1.0 - slo)[..., None]], axis=2)))
        return out

    def _contract(self, Tlo, Thi, sig, j):
        """Replace player j's strategy axis of a (B, ...) tensor by the axis of its points."""
        if self.k[j] == 1:  # a pure player: its one probability is exactly 1, axis shape kept
            return Tlo, Thi
        ax = j + 1
        shp = Tlo.shape
        tshape = shp[:ax + 1] + (1,) + shp[ax + 1:]
        slo, shi = sig[j]  # (B, v_j, k_j)
        sshape = (slo.shape[0],) + (1,) * (ax - 1) + (slo.shape[2], slo.shape[1]) \
            + (1,) * (len(shp) - ax - 1)
        slo = slo.transpose(0, 2, 1).reshape(sshape)
        shi = shi.transpose(0, 2, 1).reshape(sshape)
        return _sum(*_mul(Tlo.reshape(tshape), Thi.reshape(tshape), slo, shi), ax)

    def evaluate(self, owner, lo, hi, jacobian=True, vertices=False):
        """Enclosures of the equations (B, N), gains (per player (B, m_i - k_i)), Jacobian.

        Every equation, gain and Jacobian entry is affine in each probability
        separately (multi-affine), so with ``vertices`` its range over a box is
        taken over the box's vertices, far tighter than the natural interval
        extension (which loses the coupling through ``1 - sum x``).
        """
        B = lo.shape[0]
        sig = self.sigma(lo, hi, vertices)
        n, k, off = self.n, self.k, self.offsets
        Flo, Fhi = np.empty((B, self.N)), np.empty((B, self.N))
        Jlo = np.zeros((B, self.N, self.N)) if jacobian else None
        Jhi = np.zeros((B, self.N, self.N)) if jacobian else None
        glo, ghi, vlo, vhi = [], [], [], []
        for i in range(n):
            others = [j for j in range(n) if j != i]
            # contractions over sets of the other (mixing) players, shared between the
            # Jacobian blocks and the values: partial[(a, b)] = contract(partial[(a,)], b)
            partial = {(): (self.V[i][0][owner], self.V[i][1][owner])}

            def over(players):
                key = tuple(q for q in players if k[q] > 1)
                if key not in partial:
                    partial[key] = self._contract(*over(key[:-1]), sig, key[-1])
                return partial[key]

            rows = slice(off[i], off[i + 1])
            if jacobian and k[i] > 1:
                for j in others:
                    if k[j] == 1:
                        continue
                    Mlo, Mhi = over([q for q in others if q != j])
                    # d/dx_{j,t}: column t minus the last column of player j's axis
                    idx = [slice(None)] * (n + 1)
                    idx[i + 1] = slice(None, k[i] - 1)
                    head, tail = list(idx), list(idx)
                    head[j + 1], tail[j + 1] = slice(None, -1), slice(-1, None)
                    dlo, dhi = _sub(Mlo[tuple(head)], Mhi[tuple(head)],
                                    Mlo[tuple(tail)], Mhi[tuple(tail)])
                    vert = tuple(q + 1 for q in others if q != j)
                    dlo, dhi = dlo.min(axis=vert), dhi.max(axis=vert)
                    if j < i:
                        dlo, dhi = dlo.swapaxes(1, 2), dhi.swapaxes(1, 2)
                    Jlo[:, rows, off[j]:off[j + 1]] = dlo
                    Jhi[:, rows, off[j]:off[j + 1]] = dhi
            wlo, whi = over(others)
            vert = tuple(q + 1 for q in others)
            if vertices and k[i] > 1:
                # values at every vertex of the whole box (player i's own block: constant)
                full = (B, k[i] - 1) + tuple(s_[0].shape[1] for s_ in sig)
                for arr, store in ((wlo, vlo), (whi, vhi)):
                    a = np.moveaxis(arr, i + 1, 1)[:, :k[i] - 1]
                    a = np.expand_dims(a, i + 2) if a.ndim < len(full) else a
                    store.append(np.broadcast_to(a, full).reshape(B, k[i] - 1, -1))
            wlo = wlo.min(axis=vert).reshape(B, -1)
            whi = whi.max(axis=vert).reshape(B, -1)
            Flo[:, rows], Fhi[:, rows] = wlo[:, :k[i] - 1], whi[:, :k[i] - 1]
            glo.append(wlo[:, k[i] - 1:])
            ghi.append(whi[:, k[i] - 1:])
        if vertices:
            self.vertex_values = (np.concatenate(vlo, axis=1), np.concatenate(vhi, axis=1))
        return (Flo, Fhi), (glo, ghi), sig, (Jlo, Jhi)


def _preconditioner(J):
    """An approximate inverse of each box's midpoint Jacobian (zero where there is none)."""
    Jmid = 0.5 * (J[0] + J[1])
    with np.errstate(all="ignore"):
        try:
            Y = np.linalg.inv(Jmid)
        except np.linalg.LinAlgError:
            Y = np.linalg.pinv(Jmid)
        return np.where(np.isfinite(Y).all(axis=(1, 2), keepdims=True), Y, 0.0)


def _point_times_interval(Y, lo, hi):
    """Enclosure of ``Y @ X`` for a float (B, N, N) ``Y`` and an interval (B, N, V) ``X``.

    Midpoint-radius form with one matrix product each: the result lies in
    ``Y mid +- (|Y| rad + gamma |Y| |mid|)`` (Higham 2002, eq. 3.13), every
    term rounded up.
    """
    N = Y.shape[-1]
    g = (N + 2) * _TWO_U
    mid = 0.5 * (lo + hi)
    rad = _up(np.maximum(_up(hi - mid), _up(mid - lo)))
    c = Y @ mid
    aY = np.abs(Y)
    r = _up((aY @ _up(rad + g * np.abs(mid))) * (1 + g) + 1e-300)
    return _down(c - r), _up(c + r)


def _krawczyk(batch, owner, lo, hi, J, Y=None):
    """Krawczyk operator enclosure ``K(X)`` of each box (B, N)."""
    m = 0.5 * (lo + hi)
    (Fmlo, Fmhi), _, _, _ = batch.evaluate(owner, m, m, jacobian=False)
    Jlo, Jhi = J
    if Y is None:
        Y = _preconditioner(J)
    YFlo, YFhi = _sum(*_mul(Y, Y, Fmlo[:, None, :], Fmhi[:, None, :]), 2)
    Ylo = Y[:, :, :, None]
    YJlo, YJhi = _sum(*_mul(Ylo, Ylo, Jlo[:, None, :, :], Jhi[:, None, :, :]), 2)
    eye = np.eye(lo.shape[1])[None]
    Clo, Chi = _down(eye - YJhi), _up(eye - YJlo)
    dlo, dhi = _down(lo - m), _up(hi - m)
    Cdlo, Cdhi = _sum(*_mul(Clo, Chi, dlo[:, None, :], dhi[:, None, :]), 2)
    return _down(_down(m - YFhi) + Cdlo), _up(_up(m - YFlo) + Cdhi)


def _tighten(batch, owner, lo, hi):
    """Shrink boxes that each hold exactly one solution to a few ulps around it.

    Newton's method in floating point from the box's midpoint gives an
    approximation ``x``; the small box ``x +- r`` (inside the certified box)
    is then certified by the Krawczyk operator itself, so it holds the one
    solution. Returns the new boxes and a mask of the boxes where that
    succeeded (the others keep their old bounds).
    """
    x = 0.5 * (lo + hi)
    with np.errstate(all="ignore"):
        for _ in range(40):
            (Flo, Fhi), _, _, (Jlo, Jhi) = batch.evaluate(owner, x, x)
            Jm, Fm = 0.5 * (Jlo + Jhi), 0.5 * (Flo + Fhi)[..., None]
            try:
                step = np.linalg.solve(Jm, Fm)[..., 0]
            except np.linalg.LinAlgError:  # a singular one in the batch: least squares for all
                step = (np.linalg.pinv(Jm) @ Fm)[..., 0]
            step = np.where(np.isfinite(step), step, 0.0)
            x = np.clip(x - step, lo, hi)
            if (np.abs(step) <= 1e-15 * (1 + np.abs(x))).all():
                break
    done = np.zeros(len(owner), dtype=bool)
    out_lo, out_hi = lo.copy(), hi.copy()
    for r in (1e-13, 1e-10, 1e-7):
        todo = ~done
        if not todo.any():
            break
        blo = np.maximum(lo[todo], _down(x[todo] - r * (1 + np.abs(x[todo]))))
        bhi = np.minimum(hi[todo], _up(x[todo] + r * (1 + np.abs(x[todo]))))
        own = owner[todo]
        J = batch.evaluate(own, blo, bhi, vertices=True)[3]
        Klo, Khi = _krawczyk(batch, own, blo, bhi, J)
        ok = (Klo > blo).all(axis=1) & (Khi < bhi).all(axis=1)
        rows = np.flatnonzero(todo)[ok]
        out_lo[rows], out_hi[rows] = Klo[ok], Khi[ok]
        done[rows] = True
    return out_lo, out_hi, done


def _excluded(F, gains, sig):
    """Boxes that hold no equilibrium of their support profile."""
    Flo, Fhi = F
    out = (Flo > 0).any(axis=1) | (Fhi < 0).any(axis=1)
    for slo, shi in sig:
        if slo.shape[2] > 1:
            out |= (shi.max(axis=1) <= 0).any(axis=1)
    for glo in gains[0]:
        out |= (glo > 0).any(axis=1)
    return out


def _step(batch, owner, lo, hi):
    """One round on a chunk of boxes: exclude, certify, contract, bisect.

    Returns the certified boxes ``(owner, lo, hi)``, the owners with
    non-finite enclosures, and the boxes left for the next round.
    """
    certified: list = []
    F, gains, sig, J = batch.evaluate(owner, lo, hi, vertices=True)
    Y = _preconditioner(J)
    # preconditioned equations Y F are multi-affine too: their exact range
    # is spanned by the vertex values, and near a solution Y F ~ x - x*
    PFlo, PFhi = _point_times_interval(Y, *batch.vertex_values)
    far = (PFlo.min(axis=2) > 0).any(axis=1) | (PFhi.max(axis=2) < 0).any(axis=1)
    bad = ~(np.isfinite(F[0]).all(axis=1) & np.isfinite(F[1]).all(axis=1)
            & np.isfinite(J[0]).all(axis=(1, 2)) & np.isfinite(J[1]).all(axis=(1, 2)))
    bad_owners = owner[bad]
    live = ~_excluded(F, gains, sig) & ~bad & ~far
    owner, lo, hi, Y = owner[live], lo[live], hi[live], Y[live]
    J = (J[0][live], J[1][live])
    if not len(owner):
        return certified, bad_owners, owner, lo, hi
    Klo, Khi = _krawczyk(batch, owner, lo, hi, J, Y)
    ok = np.isfinite(Klo).all(axis=1) & np.isfinite(Khi).all(axis=1)
    inside = ok & (Klo > lo).all(axis=1) & (Khi < hi).all(axis=1)
    empty = ok & ((Klo > hi).any(axis=1) | (Khi < lo).any(axis=1))
    certified = [(owner[b], Klo[b], Khi[b]) for b in np.flatnonzero(inside)]
    rest = ~inside & ~empty
    owner, lo, hi = owner[rest], lo[rest], hi[rest]
    J = (J[0][rest], J[1][rest])
    Klo, Khi, ok = Klo[rest], Khi[rest], ok[rest]
    # contract to X ∩ K(X), then bisect the boxes that did not shrink enough
    nlo = np.where(ok[:, None], np.maximum(lo, Klo), lo)
    nhi = np.where(ok[:, None], np.minimum(hi, Khi), hi)
    width, nwidth = (hi - lo).max(axis=1), (nhi - nlo).max(axis=1)
    lo, hi = nlo, nhi
    split = nwidth > 0.7 * width
    if split.any():
        s_owner, s_lo, s_hi = owner[split], lo[split], hi[split]
        # maximal smear: the coordinate whose width moves the equations most
        mag = np.maximum(np.abs(J[0][split]), np.abs(J[1][split])).max(axis=1)
        dim = np.argmax((mag + 1e-3) * (s_hi - s_lo), axis=1)
        rows = np.arange(len(dim))
        cut = s_lo[rows, dim] + _SPLIT * (s_hi[rows, dim] - s_lo[rows, dim])
        left_hi, right_lo = s_hi.copy(), s_lo.copy()
        left_hi[rows, dim] = cut
        right_lo[rows, dim] = cut
        owner = np.concatenate([owner[~split], s_owner, s_owner])
        lo = np.concatenate([lo[~split], s_lo, right_lo])
        hi = np.concatenate([hi[~split], left_hi, s_hi])
    return certified, bad_owners, owner, lo, hi


def settle_supports(Plo: np.ndarray, Phi: np.ndarray, supports: Sequence[tuple], *,
                    box_budget: int = BOX_BUDGET) -> list:
    """Certified equilibria on each support profile of a batch, or ``None`` where undecided.

    Parameters
    ----------
    Plo, Phi : numpy.ndarray
        Float enclosures of the payoffs, shape ``(m_1, ..., m_n, n)``
        (:func:`payoff_enclosure`).
    supports : sequence of tuple of tuple of int
        Support profiles with equal sizes ``(k_1, ..., k_n)`` and at least one
        player mixing.
    box_budget : int, optional
        A support profile with ``N`` free probabilities that needs more than
        ``box_budget * N**2`` boxes is left undecided (a degenerate game's
        supports never settle; a caller with a cheap exact solver passes less).

    Returns
    -------
    list
        One entry per support profile: ``None`` when the profile is not settled
        (degenerate marks; solve it exactly), otherwise a list (empty when
        there is none) of the equilibria with exactly that support, each a pair
        ``(profile, enclosure)``: ``profile`` a tuple of float probability
        vectors (midpoints of the certified box) and ``enclosure`` the box
        ``(lo, hi)`` of the free probabilities, width about 1e-15, that
        contains the equilibrium and no other solution.

    Raises
    ------
    ValueError
        If the payoff arrays do not match, a support profile is not one sorted
        tuple of strategies per player, the profiles differ in size, or no
        player mixes.

    Examples
    --------
    Matching pennies: the one solution with both players mixing is certified.

    >>> P = np.zeros((2, 2, 2))
    >>> P[..., 0] = [[1, -1], [-1, 1]]
    >>> P[..., 1] = -P[..., 0]
    >>> [(prof, _) ] = settle_supports(P, P, [((0, 1), (0, 1))])[0]
    >>> prof
    ((0.5, 0.5), (0.5, 0.5))
    """
    supports = list(supports)
    if not supports:
        return []
    shape = Plo.shape[:-1]
    if Plo.shape != Phi.shape or Plo.ndim < 2 or Plo.shape[-1] != len(shape):
        raise ValueError(f"settle_supports(): Plo and Phi must be equal payoff arrays of shape "
                         f"(m_1, ..., m_n, n); got {Plo.shape} and {Phi.shape}")
    for sp in supports:
        if len(sp) != len(shape) or any(
                not S or list(S) != sorted(set(S)) or not 0 <= S[0] <= S[-1] < m
                for S, m in zip(sp, shape)):
            raise ValueError(f"settle_supports(): each support profile must give every player a "
                             f"sorted tuple of distinct strategies of a game of shape {shape}; "
                             f"got {sp!r}")
    sizes = {tuple(len(S) for S in sp) for sp in supports}
    if len(sizes) != 1:
        raise ValueError(f"settle_supports(): supports must all have the same sizes; got {sizes}")
    batch = _Batch(Plo, Phi, supports)
    N = batch.N
    if N == 0:
        raise ValueError("settle_supports(): at least one player must mix; got pure profiles")
    ns = len(supports)
    lo = np.full((ns, N), -_MARGIN)
    hi = np.full((ns, N), 1.0 + _MARGIN)
    owner = np.arange(ns)
    used = np.zeros(ns, dtype=np.int64)
    undecided = np.zeros(ns, dtype=bool)
    certified = []  # (owner, lo, hi)
    for _ in range(_MAX_ROUNDS):
        if not len(owner):
            break
        used += np.bincount(owner, minlength=ns)
        over = used > box_budget * N * N
        if over.any():
            undecided |= over
        keep = ~undecided[owner]
        owner, lo, hi = owner[keep], lo[keep], hi[keep]
        if not len(owner):
            break
        # boxes in chunks: the vertex values take N * 2**N floats per box
        chunk = max(1, _CHUNK_FLOATS // (N * 2 ** N))
        parts = [_step(batch, owner[c:c + chunk], lo[c:c + chunk], hi[c:c + chunk])
                 for c in range(0, len(owner), chunk)]
        for cert, bad_owners, _, _, _ in parts:
            certified.extend(cert)
            undecided[bad_owners] = True
        owner = np.concatenate([q[2] for q in parts])
        lo = np.concatenate([q[3] for q in parts])
        hi = np.concatenate([q[4] for q in parts])
    undecided[owner] = True  # rounds exhausted with boxes left
    results: list = [[] for _ in range(ns)]
    if certified:
        c_owner = np.array([c[0] for c in certified])
        c_lo = np.array([c[1] for c in certified])
        c_hi = np.array([c[2] for c in certified])
        keep = ~undecided[c_owner]
        c_owner, c_lo, c_hi = c_owner[keep], c_lo[keep], c_hi[keep]
        if len(c_owner):  # (every certified box may belong to an undecided profile)
            c_lo, c_hi, tight = _tighten(batch, c_owner, c_lo, c_hi)
            undecided[c_owner[~tight]] = True
            c_owner, c_lo, c_hi = c_owner[tight], c_lo[tight], c_hi[tight]
        if len(c_owner):
            F, gains, sig, _ = batch.evaluate(c_owner, c_lo, c_hi, jacobian=False)
            positive = np.ones(len(c_owner), dtype=bool)
            negative = np.zeros(len(c_owner), dtype=bool)
            for slo, shi in sig:
                if slo.shape[2] > 1:
                    positive &= (slo.min(axis=1) > 0).all(axis=1)
                    negative |= (shi.max(axis=1) <= 0).any(axis=1)
            no_gain = np.ones(len(c_owner), dtype=bool)
            gain = np.zeros(len(c_owner), dtype=bool)
            for glo, ghi in zip(*gains):
                no_gain &= (ghi < 0).all(axis=1)
                gain |= (glo > 0).any(axis=1)
            for b, o in enumerate(c_owner):
                if negative[b] or gain[b]:
                    continue
                if not (positive[b] and no_gain[b]):
                    undecided[o] = True
                    continue
                mid = 0.5 * (c_lo[b] + c_hi[b])
                prof = []
                for j, kj in enumerate(batch.k):
                    a, z = batch.offsets[j], batch.offsets[j + 1]
                    vec = [0.0] * batch.shape[j]
                    free = mid[a:z].tolist()
                    for s, v in zip(supports[o][j], free + [1.0 - sum(free)]):
                        vec[s] = float(v)
                    prof.append(tuple(vec))
                results[o].append((tuple(prof), (c_lo[b].copy(), c_hi[b].copy())))
    return [None if undecided[o] else results[o] for o in range(ns)]
