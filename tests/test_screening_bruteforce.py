"""Brute-force check of :mod:`solvers.screening` from the game's primitives.

Nothing here uses the module's closed forms. For each seller period-1 price on
a grid (refined around the best points) the continuation is solved from
scratch: every pair (buyer acceptance probabilities, seller period-2 mixing)
that is a best response for each buyer type, uses Bayes' rule and leaves the
seller's period-2 price sequentially rational is enumerated, and the one that
is best for the seller is kept (the buyer's indifference resolved in the
seller's favour, as usual for existence). The seller's optimum over the grid
is then compared with the module's regime, prices and profit.

Model (Fudenberg-Tirole 1991 §10.2; two-type case as in Fudenberg-Tirole
1983 §3): the seller offers p1, then p2; the buyer with value v accepting at
t = 1, 2 gets (v - p) discounted by delta_b^(t-1), the seller gets p
discounted by delta_s^(t-1); no trade gives 0.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from hypothesis import given, settings, strategies as st

from solvers.screening import screening_two_types, screening_uniform

EPS = 1e-12  # indifference tolerance inside the brute force
TOL = 1e-5   # grid accuracy of the brute-force optimum (after refinement)


# --------------------------------------------------------------------------- two types
def _continuation(p1, h, l, mu, ds, db):
    """Seller-best continuation equilibrium after price p1: (profit, beta, alpha, sigma).

    beta, alpha: probabilities that the high / low type accepts p1;
    sigma: probability that the seller charges h (rather than l) in period 2.
    """
    values, prior = (h, l), (mu, 1 - mu)

    def waiting_value(v, sigma):  # buyer buys in period 2 iff the price is at most v
        return db * (sigma * max(v - h, 0.0) + (1 - sigma) * max(v - l, 0.0))

    def revenue2(price, m):  # period-2 revenue from price with remaining masses m
        return price * sum(mi for vi, mi in zip(values, m) if vi >= price - EPS)

    def br_interval(v, sigma):
        gain = (v - p1) - waiting_value(v, sigma)
        return (1.0, 1.0) if gain > EPS else (0.0, 0.0) if gain < -EPS else (0.0, 1.0)

    # Seller's period-2 mixing: pure prices, a grid, and the mix making each type indifferent.
    sigmas = set(np.linspace(0.0, 1.0, 5).tolist())
    if db * (h - l) > 0:
        s = 1 - (h - p1) / (db * (h - l))
        if 0 < s < 1:
            sigmas.add(s)
    best = None
    for sigma in sigmas:
        (b_lo, b_hi), (a_lo, a_hi) = br_interval(h, sigma), br_interval(l, sigma)

        def g(b, a):  # revenue(h) - revenue(l) after rejection
            m = (mu * (1 - b), (1 - mu) * (1 - a))
            return revenue2(h, m) - revenue2(l, m)

        # Vertices of {box} ∩ {sign condition}: corners and the zero set of g (affine) on edges.
        cands = [(b, a) for b in {b_lo, b_hi} for a in {a_lo, a_hi}]
        for b in {b_lo, b_hi}:
            g0, g1 = g(b, 0.0), g(b, 1.0)
            if g0 != g1:
                cands.append((b, g0 / (g0 - g1)))
        for a in {a_lo, a_hi}:
            g0, g1 = g(0.0, a), g(1.0, a)
            if g0 != g1:
                cands.append((g0 / (g0 - g1), a))
        for b, a in cands:
            if not (b_lo - EPS <= b <= b_hi + EPS and a_lo - EPS <= a <= a_hi + EPS):
                continue
            gap = g(b, a)
            remaining = mu * (1 - b) + (1 - mu) * (1 - a)
            if remaining > EPS:  # sequential rationality of sigma
                if (sigma == 1.0 and gap < -EPS) or (sigma == 0.0 and gap > EPS) or \
                        (0 < sigma < 1 and abs(gap) > 1e-9):
                    continue
            m = (mu * (1 - b), (1 - mu) * (1 - a))
            profit = p1 * (mu * b + (1 - mu) * a) + ds * (sigma * revenue2(h, m) + (1 - sigma) * revenue2(l, m))
            if best is None or profit > best[0] + EPS:
                best = (profit, b, a, sigma)
    assert best is not None, "no continuation equilibrium found"
    return best


def _label(beta, alpha):
    if alpha > 1 - 1e-9:
        return "pooling"
    if alpha < 1e-9 and beta > 1 - 1e-9:
        return "screening"
    if alpha < 1e-9 and beta > 1e-9:
        return "high-price"
    return "other"  # no trade in period 1, or the low type mixing


def _brute_two_types(h, l, mu, ds, db):
    """Per outcome class, the best (profit, p1, beta, alpha, sigma) over a refined p1 grid."""
    def scan(grid, out):
        for p1 in grid:
            profit, b, a, s = _continuation(float(p1), h, l, mu, ds, db)
            lab = _label(b, a)
            if lab not in out or profit > out[lab][0]:
                out[lab] = (profit, float(p1), b, a, s)

    top = 1.2 * h
    step = top / 200
    coarse: dict = {}
    scan(np.linspace(0.0, top, 201), coarse)
    best = dict(coarse)
    for lab, (_, p1, *_rest) in coarse.items():  # zoom in around each class's best price
        centre, width = p1, step
        for _ in range(3):
            local: dict = {}
            scan(np.linspace(max(centre - width, 0.0), min(centre + width, top), 41), local)
            if lab in local:
                if local[lab][0] > best[lab][0]:
                    best[lab] = local[lab]
                centre = best[lab][1]
            width /= 20
    return best


def _check_two_types(h, l, mu, ds, db):
    best = _brute_two_types(h, l, mu, ds, db)
    ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
    (lab, (profit, p1, beta, alpha, sigma)) = ranked[0]
    margin = profit - ranked[1][1][0] if len(ranked) > 1 else np.inf
    r = screening_two_types(h, l, mu, ds, discount_buyer=db).at({})
    # The module's profit is the supremum the grid approaches from below.
    assert profit <= float(r.profit) + 1e-9
    assert float(r.profit) - profit < TOL
    assert lab != "other"
    if margin > 10 * TOL:
        assert r.name == lab
        assert abs(float(r.prices[0]) - p1) < 1e-3
        assert abs(float(r.buy_high[0]) - beta) < 1e-3
        assert abs(float(r.buy_low[0]) - alpha) < 1e-9
        if lab != "pooling":  # after pooling, period 2 is off the path
            assert abs(float(r.prices[1]) - (h if sigma > 0.5 else l)) < 1e-12
            assert abs(sigma - (1.0 if r.prices[1] == h else 0.0)) < 1e-2
    return lab, margin


@pytest.mark.parametrize("mu, ds, db, regime", [
    (0.25, 0.5, 0.5, "pooling"),
    (0.75, 0.5, 0.25, "screening"),
    (0.75, 0.5, 0.75, "high-price"),
    # Equal discount factors: screening is strictly optimal here (h = 2, l = 1,
    # profits pooling 1, screening 1.1, high price 0.8).
    (0.6, 0.5, 0.5, "screening"),
    (0.9, 0.5, 0.5, "high-price"),
])
def test_two_types_bruteforce_points(mu, ds, db, regime):
    lab, margin = _check_two_types(2.0, 1.0, mu, ds, db)
    assert lab == regime and margin > 1e-3


@settings(max_examples=25, deadline=None)
@given(h=st.floats(1.1, 4.0), l=st.floats(0.3, 1.0), mu=st.floats(0.05, 0.95),
       ds=st.floats(0.05, 0.95), db=st.floats(0.05, 0.95), equal=st.booleans())
def test_two_types_matches_bruteforce(h, l, mu, ds, db, equal):
    if equal:  # the equal-discount case gets its own share of examples
        db = ds
    _check_two_types(h, l, mu, ds, db)


# --------------------------------------------------------------------------- continuum
def _zoom_argmax(f, lo, hi, n=101, rounds=4):
    """Maximise a function of one variable (vectorised f) by repeated grid refinement."""
    best_x, best_f = lo, -np.inf
    for _ in range(rounds):
        xs = np.linspace(lo, hi, n)
        fs = f(xs)
        i = int(np.argmax(fs))
        if fs[i] > best_f:
            best_x, best_f = xs[i], fs[i]
        width = (hi - lo) / (n - 1)
        lo, hi = max(lo, best_x - width), min(hi, best_x + width)
    return best_x, best_f


def _brute_uniform(ds, db, v):
    """Seller's optimum over the period-1 cutoff type, everything else solved numerically."""
    def period2(k):  # remaining values uniform on [0, k]: revenue p * (k - p) / v
        return _zoom_argmax(lambda p: p * np.clip(k - p, 0, None) / v, 0.0, k)

    def outcome(k):
        p2, rev2 = period2(k)
        p1 = k - db * max(k - p2, 0.0)  # type k indifferent between buying now and at p2
        return p1, p2, rev2

    def profit(ks):
        out = []
        for k in np.atleast_1d(ks):
            p1, _p2, rev2 = outcome(float(k))
            out.append(p1 * (v - k) / v + ds * rev2)
        return np.array(out)

    k, best = _zoom_argmax(profit, 0.0, v, n=61, rounds=5)
    p1, p2, _ = outcome(k)
    # The buyer's response to p1 is exactly the cutoff k: check on a grid of types.
    types = np.linspace(0.0, v, 401)
    buys_now = types - p1 >= db * np.clip(types - p2, 0, None) - 1e-12
    assert np.all(buys_now == (types >= k - 1e-9)) or abs(types[buys_now].min() - k) < v / 200
    return best, k, p1, p2


@settings(max_examples=15, deadline=None)
@given(ds=st.floats(0.05, 0.95), db=st.floats(0.05, 0.95), v=st.floats(0.5, 3.0))
def test_uniform_matches_bruteforce(ds, db, v):
    best, k, p1, p2 = _brute_uniform(ds, db, v)
    r = screening_uniform(ds, discount_buyer=db, value=v)
    assert best <= float(r.profit) + 1e-9 and float(r.profit) - best < 1e-7
    assert abs(float(r.cutoff) - k) < 1e-3 * v
    assert abs(float(r.prices[0]) - p1) < 1e-3 * v and abs(float(r.prices[1]) - p2) < 1e-3 * v
    assert abs(float(r.share_delayed) - k / v) < 1e-3


def test_uniform_bruteforce_textbook_point():
    # Fudenberg-Tirole 1991 §10.2 (delta = 1/2): p1 = 9/20, p2 = 3/10, cutoff 3/5.
    best, k, p1, p2 = _brute_uniform(0.5, 0.5, 1.0)
    r = screening_uniform(sympy.Rational(1, 2))
    assert abs(k - 0.6) < 1e-4 and abs(p1 - 0.45) < 1e-4 and abs(p2 - 0.3) < 1e-4
    assert abs(float(r.profit) - best) < 1e-9
