"""Tests of exact vertex enumeration and the two-player all-equilibria path built on it."""

from __future__ import annotations

import itertools
import warnings
from fractions import Fraction

import nashpy
import numpy as np
import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from games.errors import GovgamesWarning, UnsupportedGame
from games.normal_form import NormalFormGame
from games.testing import is_degenerate_bimatrix
from solvers.limits import Deadline, TimeLimitExceeded
from solvers.nash import equilibria
from solvers.vertex_enumeration import (PolytopeVertex, certified_float_vertices,
                                        iter_polytope_vertices, max_vertices_bound,
                                        polytope_vertices)
from solvers._vertex_exact import certify_mask as _certify
from solvers._vertex_float import _float_certificate, _float_proposal, _scaled_float_matrix
from solvers.vertex_enumeration import _integer_constraints

F = Fraction

# von Stengel (1999), "New maximal numbers of equilibria in bimatrix games",
# Discrete Comput. Geom. 21: 557-568: a nondegenerate 6 x 6 game with 75
# Nash equilibria (more than the 63 of the product of coordination games).
VS_A = [[9504, -660, 19976, -20526, 1776, -8976],
        [-111771, 31680, -130944, 168124, -8514, 52764],
        [397584, -113850, 451176, -586476, 29216, -178761],
        [171204, -45936, 208626, -263076, 14124, -84436],
        [1303104, -453420, 1227336, -1718376, 72336, -461736],
        [737154, -227040, 774576, -1039236, 48081, -300036]]
VS_B = [[72336, 48081, 29216, 14124, 1776, -8514],
        [-461736, -300036, -178761, -84436, -8976, 52764],
        [1227336, 774576, 451176, 208626, 19976, -130944],
        [-1718376, -1039236, -586476, -263076, -20526, 168124],
        [1303104, 737154, 397584, 171204, 9504, -111771],
        [-453420, -227040, -113850, -45936, -660, 31680]]


def _certificate_status(K, L, masks) -> list[int] | None:
    """The float certificate for label masks (``d`` labels each); None when Cs is unusable.

    +1: proven a vertex with exactly these labels; -1: proven not (a
    wrong label count, or an infeasible basic solution); 0: undecided.
    """
    p, d = len(K), len(K[0])
    Cs = _scaled_float_matrix(K, L)
    if Cs is None:
        return None
    full = np.hstack([Cs, np.eye(p)])
    out = [-1] * len(masks)
    idx, bases = [], []
    for a, mask in enumerate(masks):
        basis = [v for v in range(d + p) if not mask >> v & 1]
        if len(basis) == p:
            idx.append(a)
            bases.append(basis)
    if not bases:
        return out
    Bm = full[:, np.array(bases, dtype=np.intp)].transpose(1, 0, 2)
    with np.errstate(all="ignore"):
        R = np.empty_like(Bm)
        for b in range(len(bases)):
            try:
                R[b] = np.linalg.inv(Bm[b])
            except np.linalg.LinAlgError:
                R[b] = np.nan
        x = R.sum(axis=2)
    status = _float_certificate(Bm, R, x)
    for a, s in zip(idx, status.tolist()):
        out[a] = s
    return out


def frac_profile(nums, den):
    return tuple(sympy.Rational(v, den) for v in nums)


# ------------------------------------------------------ brute force (independent)

def _solve(rows, rhs):
    """Unique solution of a square rational system, or None (Gauss-Jordan on Fractions)."""
    k = len(rows)
    a = [[F(v) for v in r] + [F(b)] for r, b in zip(rows, rhs)]
    for c in range(k):
        piv = next((r for r in range(c, k) if a[r][c] != 0), None)
        if piv is None:
            return None
        a[c], a[piv] = a[piv], a[c]
        for r in range(k):
            if r != c and a[r][c] != 0:
                f = a[r][c] / a[c][c]
                a[r] = [x - f * y for x, y in zip(a[r], a[c])]
    return tuple(a[i][k] / a[i][i] for i in range(k))


def brute_vertices(C):
    """Vertices of {z >= 0 : C z <= 1} from every choice of d of its p + d hyperplanes."""
    p, d = len(C), len(C[0])
    hyper = [([1 if j == i else 0 for j in range(d)], 0) for i in range(d)]
    hyper += [(list(C[j]), 1) for j in range(p)]
    out = {}
    for S in itertools.combinations(range(p + d), d):
        z = _solve([hyper[s][0] for s in S], [hyper[s][1] for s in S])
        if z is None or min(z) < 0:
            continue
        Cz = [sum(F(c) * v for c, v in zip(row, z)) for row in C]
        if max(Cz) > 1:
            continue
        labels = {i for i in range(d) if z[i] == 0} | {d + j for j in range(p) if Cz[j] == 1}
        out[z] = labels
    return out


def brute_extreme_equilibria(A, B):
    """Extreme equilibria by brute force: completely labelled vertex pairs of P and Q."""
    m, n = len(A), len(A[0])
    lo = min(min(r) for r in A + B)
    Ap = [[F(v) - lo + 1 for v in r] for r in A]
    Bp = [[F(v) - lo + 1 for v in r] for r in B]
    P = brute_vertices([list(c) for c in zip(*Bp)])  # labels: x_i = 0 -> i, col j tight -> m + j
    Q = brute_vertices(Ap)  # labels: y_j = 0 -> j, row i tight -> n + i
    out = set()
    for x, lx in P.items():
        if not any(x):
            continue
        for y, ly in Q.items():
            if not any(y):
                continue
            gl = lx | {m + j if j < n else j - n for j in ly}
            if gl == set(range(m + n)):
                sx, sy = sum(x), sum(y)
                out.add((tuple(v / sx for v in x), tuple(v / sy for v in y)))
    return out


def exact_regret(A, B, x, y):
    Ay = [sum(F(a) * b for a, b in zip(row, y)) for row in A]
    xB = [sum(x[i] * F(B[i][j]) for i in range(len(x))) for j in range(len(y))]
    u1 = sum(a * b for a, b in zip(x, Ay))
    u2 = sum(a * b for a, b in zip(xB, y))
    return max(Ay) - u1, max(xB) - u2


def ours(game):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GovgamesWarning)
        return equilibria(game)


def as_fractions(eqs):
    return {tuple(tuple(F(int(v.p), int(v.q)) for v in s) for s in e.profile) for e in eqs}


# ------------------------------------------------------ the reported fault

def test_von_stengel_6x6_has_75_equilibria():
    eqs = ours(NormalFormGame.from_bimatrix(VS_A, VS_B))
    assert len(eqs) == 75
    assert eqs.complete and not eqs.degenerate and eqs.exact
    profs = {e.profile for e in eqs}
    assert (frac_profile((132, 66, 30, 12, 4, 1), 245), frac_profile((4, 1, 30, 12, 132, 66), 245)) in profs
    assert (frac_profile((5775, 2640, 1050, 336, 70, 0), 9871),
            frac_profile((70, 0, 1050, 336, 5775, 2640), 9871)) in profs
    for x, y in as_fractions(eqs):
        assert exact_regret(VS_A, VS_B, x, y) == (0, 0)


def test_von_stengel_6x6_float_payoffs():
    game = NormalFormGame.from_bimatrix(np.array(VS_A, dtype=float), np.array(VS_B, dtype=float))
    eqs = ours(game)
    assert len(eqs) == 75 and eqs.complete and not eqs.degenerate and not eqs.exact
    x = tuple(v / 245 for v in (132, 66, 30, 12, 4, 1))
    assert any(np.allclose(e.profile[0], x, atol=1e-12) for e in eqs)


def test_von_stengel_6x6_matches_brute_force():
    want = brute_extreme_equilibria(VS_A, VS_B)
    assert len(want) == 75
    assert as_fractions(ours(NormalFormGame.from_bimatrix(VS_A, VS_B))) == want


# ------------------------------------------------------ polytope vertices

def test_unit_square_and_labels():
    vs = polytope_vertices([[1, 0], [0, 1]])
    assert vs[0].point == (0, 0)  # the origin first
    got = {v.point: v.labels for v in vs}
    # labels: bit 0/1 for z_0/z_1 = 0, bit 2/3 for the two constraints tight
    assert got == {(0, 0): 0b0011, (1, 0): 0b0110, (0, 1): 0b1001, (1, 1): 0b1100}
    assert not any(v.degenerate for v in vs)


def test_degenerate_vertex_found_once():
    # three constraint lines (and no axis) through (1/2, 1/2): 3 labels in 2-d
    vs = polytope_vertices([[1, 1], [2, 0], [0, 2]])
    pts = [v.point for v in vs]
    assert len(pts) == len(set(pts)) == 4
    deg = [v for v in vs if v.degenerate]
    assert [v.point for v in deg] == [(F(1, 2), F(1, 2))]
    assert bin(deg[0].labels).count("1") == 3


def test_simplex_of_a_constant_matrix():
    # all-ones 5 x 4 matrix: the standard simplex, 5 identical constraints
    vs = polytope_vertices([[1] * 4] * 5)
    assert len(vs) == 5
    assert sum(v.degenerate for v in vs) == 4


def test_float_entries_exact_binary_values():
    vs = polytope_vertices([[0.1, 0.3]])
    assert {v.point for v in vs} == {(0, 0), (1 / F(0.1), 0), (0, 1 / F(0.3))}


@pytest.mark.parametrize("C, exc, match", [
    ([[1, -1]], ValueError, "nonnegative"),
    ([[1, 0], [1, 0]], ValueError, "positive entry"),
    ([], ValueError, "non-empty"),
    ([[1, "a"]], TypeError, "rational"),
    ([[1, float("nan")]], TypeError, "rational"),
    (3, TypeError, "matrix"),
])
def test_bad_matrices(C, exc, match):
    with pytest.raises(exc, match=match):
        polytope_vertices(C)


def test_max_bases_and_deadline():
    C = (np.arange(1, 26).reshape(5, 5) % 7 + 1).tolist()
    with pytest.raises(UnsupportedGame, match="max_bases"):
        polytope_vertices(C, max_bases=2)
    with pytest.raises(ValueError, match="max_bases"):
        polytope_vertices(C, max_bases=0)
    dl = Deadline(1e-9)
    with pytest.raises(TimeLimitExceeded) as info:
        polytope_vertices(C, deadline=dl)
    assert all(isinstance(v, PolytopeVertex) for v in info.value.partial)
    assert len(info.value.partial) >= 1


def test_upper_bound_theorem_bounds_vertex_count():
    rng = np.random.default_rng(2)
    for d, p in [(3, 5), (4, 4), (5, 3)]:
        C = rng.integers(1, 20, size=(p, d)).tolist()
        assert len(polytope_vertices(C)) <= max_vertices_bound(d, p)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 4), st.integers(1, 5), st.data())
def test_vertices_match_brute_force(d, p, data):
    C = data.draw(st.lists(st.lists(st.integers(0, 4), min_size=d, max_size=d), min_size=p, max_size=p))
    assume(all(any(row[i] for row in C) for i in range(d)))
    vs = polytope_vertices(C)
    got = {v.point: v.labels for v in vs}
    assert len(got) == len(vs)
    want = brute_vertices(C)
    assert set(got) == set(want)
    for z, labels in want.items():
        assert got[z] == sum(1 << b for b in labels)
    assert all(v.degenerate == (len(want[v.point]) > d) for v in vs)
    assert isinstance(next(iter_polytope_vertices(C)), PolytopeVertex)


# ------------------------------------------------------ games against brute force

@st.composite
def small_games(draw, max_strategies=7):
    m = draw(st.integers(1, max_strategies))
    n = draw(st.integers(1, max_strategies))
    if m * n > 30:  # keep the brute force cheap
        n = max(1, 30 // m)
    lo, hi = draw(st.sampled_from([(-2, 2), (-9, 9), (-1000, 1000)]))
    cell = st.integers(lo, hi)
    A = draw(st.lists(st.lists(cell, min_size=n, max_size=n), min_size=m, max_size=m))
    B = draw(st.lists(st.lists(cell, min_size=n, max_size=n), min_size=m, max_size=m))
    twist = draw(st.sampled_from(["none", "none", "repeat_row", "zero_column", "constant", "tie"]))
    if twist == "repeat_row" and m > 1:
        A[-1], B[-1] = list(A[0]), list(B[0])
    elif twist == "zero_column":
        for r in range(m):
            A[r][0] = B[r][0] = 0
    elif twist == "constant":
        A = [[3] * n for _ in range(m)]
    elif twist == "tie" and n > 1:
        for r in range(m):
            B[r][1] = B[r][0]
    return A, B


@settings(max_examples=60, deadline=None)
@given(small_games())
def test_games_match_brute_force(AB):
    A, B = AB
    game = NormalFormGame.from_bimatrix(A, B)
    eqs = ours(game)
    got = as_fractions(eqs)
    assert got == brute_extreme_equilibria(A, B)
    for x, y in got:
        assert exact_regret(A, B, x, y) == (0, 0)
    assert eqs.complete
    assert eqs.degenerate == is_degenerate_bimatrix(game)
    if not eqs.degenerate:
        assert len(eqs) % 2 == 1  # Lemke-Howson oddness (nondegenerate games)


@settings(max_examples=25, deadline=None)
@given(small_games(max_strategies=5))
def test_float_games_agree_with_exact_binary_rationals(AB):
    A, B = AB
    # floats that are not small integers: their exact binary values are solved
    Af = np.array(A, dtype=float) / 7.0
    Bf = np.array(B, dtype=float) / 3.0
    fgame = NormalFormGame.from_bimatrix(Af, Bf)
    egame = NormalFormGame.from_bimatrix(
        [[sympy.Rational(F(float(v))) for v in r] for r in Af],
        [[sympy.Rational(F(float(v))) for v in r] for r in Bf])
    fe, ee = ours(fgame), ours(egame)
    assert len(fe) == len(ee) and fe.degenerate == ee.degenerate and fe.complete
    assert sorted(tuple(float(v) for s in e.profile for v in s) for e in ee) == \
        sorted(tuple(v for s in e.profile for v in s) for e in fe)
    assert fe.components == ee.components


@settings(max_examples=20, deadline=None)
@given(st.integers(2, 5), st.integers(2, 5), st.integers(0, 2**32 - 1))
def test_agrees_with_nashpy_on_nondegenerate_floats(m, n, seed):
    rng = np.random.default_rng(seed)
    A, B = rng.standard_normal((m, n)), rng.standard_normal((m, n))
    game = NormalFormGame.from_bimatrix(A, B)
    assume(not is_degenerate_bimatrix(game))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = {tuple(round(float(v), 6) + 0.0 for s in prof for v in s)
                  for prof in nashpy.Game(A, B).vertex_enumeration()}
    eqs = equilibria(game)
    assert {tuple(round(v, 6) + 0.0 for s in e.profile for v in s) for e in eqs} == theirs
    assert not eqs.degenerate and len(eqs) % 2 == 1


def test_pygambit_enummixed_on_degenerate_games():
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(7)
    for _ in range(10):
        m, n = rng.integers(2, 6, size=2)
        A = rng.integers(-1, 2, size=(m, n))
        B = rng.integers(-1, 2, size=(m, n))
        eqs = ours(NormalFormGame.from_bimatrix(A.tolist(), B.tolist()))
        g = gbt.Game.from_arrays(A.tolist(), B.tolist())
        theirs = set()
        for prof in gbt.nash.enummixed_solve(g, rational=True).equilibria:
            p1, p2 = list(g.players)
            theirs.add((tuple(F(str(prof[s])) for s in p1.strategies),
                        tuple(F(str(prof[s])) for s in p2.strategies)))
        assert as_fractions(eqs) == theirs


def test_14x14_game_is_enumerated():
    # beyond the old limit on support systems (C(28, 14) ~ 4e7 of them); the
    # cost now follows the vertices: nearly rank-one payoffs (a random
    # product u v^T plus 0/1 noise) keep the polytopes small enough for CI
    rng = np.random.default_rng(5)
    A = np.outer(rng.integers(1, 9, 14), rng.integers(1, 9, 14)) + rng.integers(0, 2, (14, 14))
    B = np.outer(rng.integers(1, 9, 14), rng.integers(1, 9, 14)) + rng.integers(0, 2, (14, 14))
    game = NormalFormGame.from_bimatrix(A.tolist(), B.tolist())
    eqs = ours(game)
    assert eqs.complete and len(eqs) >= 1
    Af = [[F(int(v)) for v in r] for r in A]
    Bf = [[F(int(v)) for v in r] for r in B]
    for x, y in as_fractions(eqs):
        assert exact_regret(Af, Bf, x, y) == (0, 0)
    # nashpy's Lemke-Howson equilibrium (float) lies in the convex hull of a component
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        x, y = nashpy.Game(A.astype(float), B.astype(float)).lemke_howson(initial_dropped_label=0)
    prof = np.concatenate([x, y])
    flat = [np.array([float(v) for s in e.profile for v in s]) for e in eqs]
    assert any(np.allclose(prof, f, atol=1e-8) for f in flat) or eqs.degenerate


def test_time_limit_inside_traversal():
    rng = np.random.default_rng(0)
    game = NormalFormGame.from_bimatrix(rng.standard_normal((12, 12)), rng.standard_normal((12, 12)))
    with pytest.raises(UnsupportedGame, match="time_limit"):  # (passed before the first check)
        equilibria(game, time_limit=1e-9)


def test_max_support_size_reports_incomplete_only_when_binding():
    game = NormalFormGame.from_bimatrix(VS_A, VS_B)
    capped = equilibria(game, max_support_size=2)
    assert not capped.complete
    assert all(sum(1 for v in s if v) <= 2 for e in capped for s in e.profile)
    assert equilibria(game, max_support_size=6).complete


# ------------------------------------------------------ certified float proposals

def _as_set(vs):
    return {(v.labels, v.point, v.degenerate) for v in vs}


# entries from a coarse grid (ties and degenerate vertices are common) or
# arbitrary floats (generic, almost always simple polytopes)
_entries = st.one_of(st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0]),
                     st.floats(0.0, 10.0, allow_nan=False, allow_infinity=False))


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 5), st.integers(1, 6), st.data())
def test_certified_float_path_matches_exact_pivoting(d, p, data):
    C = data.draw(st.lists(st.lists(_entries, min_size=d, max_size=d), min_size=p, max_size=p))
    assume(all(any(row[i] > 0 for row in C) for i in range(d)))
    exact = polytope_vertices(C, method="pivot")
    cert = certified_float_vertices(C)
    if cert is not None:  # certified: the same vertices, labels and degeneracy
        assert _as_set(cert) == _as_set(exact)
        assert len(cert) == len(exact)
        assert not any(v.degenerate for v in cert)
        assert cert[0].labels == (1 << d) - 1  # the origin first
    assert _as_set(polytope_vertices(C, method="float")) == _as_set(exact)
    assert _as_set(polytope_vertices(C)) == _as_set(exact)


@pytest.mark.parametrize("n", range(2, 9))
def test_certified_float_path_certifies_generic_polytopes(n):
    # positive standard-normal payoffs: simple polytopes, so the fast path is the one taken
    rng = np.random.default_rng(100 + n)
    for _ in range(3):
        C = rng.standard_normal((n, n))
        C = (C - C.min() + 0.5).tolist()
        cert = certified_float_vertices(C)
        assert cert is not None
        exact = polytope_vertices(C, method="pivot")
        assert _as_set(cert) == _as_set(exact)
        if n <= 4:  # and against the independent brute force
            assert {(v.point, v.labels) for v in cert} == {
                (z, sum(1 << b for b in lab)) for z, lab in brute_vertices(C).items()}


def test_certified_float_path_refuses_degenerate_polytopes():
    C = [[1, 1], [2, 0], [0, 2]]  # three constraints meet at (1, 1)/2
    assert certified_float_vertices(C) is None
    vs = polytope_vertices(C, method="float")  # falls back to exact pivoting
    assert _as_set(vs) == _as_set(polytope_vertices(C, method="pivot"))
    assert sum(v.degenerate for v in vs) == 1


def test_certified_float_path_limits_and_errors():
    rng = np.random.default_rng(7)
    C = (rng.random((6, 6)) + 0.1).tolist()
    assert certified_float_vertices(C, max_vertices=3) is None
    with pytest.raises(UnsupportedGame, match="max_bases"):
        polytope_vertices(C, max_bases=3)  # the exact fallback reports the cap
    with pytest.raises(TimeLimitExceeded):
        certified_float_vertices(C, deadline=Deadline(1e-9))
    with pytest.raises(ValueError, match="method"):
        polytope_vertices(C, method="simplex")
    with pytest.raises(ValueError, match="max_vertices"):
        certified_float_vertices(C, max_vertices=0)
    with pytest.raises(ValueError, match="nonnegative"):
        certified_float_vertices([[1.0, -1.0]])


# ------------------------------------------------------ the float certificate

def _all_masks(d, p):
    """Every set of exactly d labels out of the d + p variables, as bitmasks."""
    return [sum(1 << v for v in S) for S in itertools.combinations(range(d + p), d)]


# near-degenerate entries: grid values nudged by a few units in the last place,
# or by amounts far below what a loose float tolerance would resolve
_nudges = st.sampled_from([0.0, 0.0, 2.0 ** -52, 3 * 2.0 ** -52, 2.0 ** -40, 1e-13, 1e-9])
_near_entries = st.builds(lambda a, e, s: max(0.0, a + s * e * max(a, 1.0)),
                          st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0]), _nudges,
                          st.sampled_from([-1.0, 1.0]))


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.data())
def test_float_certificate_agrees_with_exact_certificate(d, p, data):
    # every d-label set (vertices, infeasible bases, singular ones): whatever the
    # float certificate decides, the exact integer certificate decides the same
    entries = data.draw(st.sampled_from([_entries, _near_entries]))
    C = data.draw(st.lists(st.lists(entries, min_size=d, max_size=d), min_size=p, max_size=p))
    assume(all(any(row[i] > 0 for row in C) for i in range(d)))
    K, L = _integer_constraints("test", C)
    masks = _all_masks(d, p)
    status = _certificate_status(K, L, masks)
    if status is None:  # entries too small to scale exactly: left to exact arithmetic
        assert min(v for row in C for v in row if v > 0) < 2.0 ** -900
        return
    assert len(status) == len(masks)
    Kc = [list(c) for c in zip(*K)]
    for mask, s in zip(masks, status):
        exact = _certify(K, L, p, d, mask, Kc)
        if s == 1:
            assert exact is not None and exact.labels == mask
        elif s == -1:
            assert exact is None
        else:
            assert s == 0
    # and the vertices it proves are the brute-force vertices with exactly d labels
    proven = {m for m, s in zip(masks, status) if s == 1}
    simple = {sum(1 << b for b in lab) for lab in brute_vertices(C).values() if len(lab) == d}
    assert proven <= simple


def test_float_certificate_on_a_tiny_positive_coordinate():
    # z_0 + z_1 = 1 and (1 - e) z_0 + 2 z_1 = 1 meet at z_1 = e / (1 + e), e = 2^-50:
    # a simple vertex whose coordinate is below the float bound's resolution,
    # so the bound must not call it negative; the exact fallback finds it
    e = 2.0 ** -50
    C = [[1.0, 1.0], [1.0 - e, 2.0]]
    K, L = _integer_constraints("test", C)
    masks = _all_masks(2, 2)
    Kc = [list(c) for c in zip(*K)]
    status = _certificate_status(K, L, masks)
    both = (1 << 2) | (1 << 3)  # both constraints tight
    vertex = _certify(K, L, 2, 2, both, Kc)
    assert vertex is not None and vertex.point == (F(1) - F(e) / (1 + F(e)), F(e) / (1 + F(e)))
    assert status[masks.index(both)] in (0, 1)
    for mask, s in zip(masks, status):
        assert s == 0 or (s == 1) == (_certify(K, L, 2, 2, mask, Kc) is not None)
    assert _as_set(polytope_vertices(C, method="float")) == _as_set(polytope_vertices(C, method="pivot"))


@pytest.mark.parametrize("n", range(2, 9))
def test_float_certificate_proves_generic_vertices(n):
    # standard-normal payoffs (the benchmark's games): the bound decides every
    # proposed vertex, so no exact certificate is needed; each proven vertex is
    # confirmed by the exact one
    rng = np.random.default_rng(200 + n)
    for _ in range(3):
        C = rng.standard_normal((n, n))
        C = (C - C.min() + 0.5).tolist()
        K, L = _integer_constraints("test", C)
        masks, proven = _float_proposal(K, L, None, 10 ** 6)
        assert all(proven)
        Kc = [list(c) for c in zip(*K)]
        assert all(_certify(K, L, n, n, m, Kc) is not None for m in masks)
        assert _certificate_status(K, L, masks) == [1] * len(masks)


def test_undecided_vertices_fall_back_to_the_exact_certificate(monkeypatch):
    import solvers._vertex_float as vf

    rng = np.random.default_rng(11)
    C = (rng.random((5, 5)) + 0.1).tolist()
    want = _as_set(polytope_vertices(C, method="pivot"))
    assert _as_set(certified_float_vertices(C)) == want
    # a certificate that decides nothing: every vertex goes through the exact one
    monkeypatch.setattr(vf, "_float_certificate",
                        lambda Bm, R, x: np.zeros(len(Bm), dtype=np.int8))
    K, L = _integer_constraints("test", C)
    assert not any(_float_proposal(K, L, None, 10 ** 6)[1])  # the patch is in effect
    assert _as_set(certified_float_vertices(C)) == want


def test_float_certificate_refuses_unusable_scaling():
    # entries whose ratio cannot be scaled without underflow: no float certificate
    # (the exact path still enumerates)
    C = [[1.0, 2.0 ** -1060], [2.0 ** -1060, 1.0]]
    K, L = _integer_constraints("test", C)
    assert _certificate_status(K, L, _all_masks(2, 2)) is None
    assert certified_float_vertices(C) is None
    assert len(polytope_vertices(C, method="float")) == 4


def test_float_path_in_small_batches(monkeypatch):
    # the traversal and the certificate cut into batches (as for big polytopes,
    # to bound memory) find the same vertices, in breadth-first order
    import solvers._vertex_float as vf

    rng = np.random.default_rng(12)
    C = (rng.random((6, 5)) + 0.1).tolist()
    whole = certified_float_vertices(C)
    monkeypatch.setattr(vf, "_CHUNK_FLOATS", 1)
    monkeypatch.setattr(vf, "_CERTIFY_BATCH", 1)
    batches = []
    certify_batch = vf._certify_batch
    monkeypatch.setattr(vf, "_certify_batch", lambda levels: batches.append(len(levels)) or certify_batch(levels))
    K, L = _integer_constraints("test", C)
    masks, proven = _float_proposal(K, L, None, 10 ** 6)
    assert all(proven) and masks == [v.labels for v in whole]
    assert batches == [1] * len(masks)  # one vertex per traversal batch, one batch per certificate
    assert _as_set(certified_float_vertices(C)) == _as_set(polytope_vertices(C, method="pivot"))


def test_float_path_past_62_variables():
    # 70 tangents of a circle: a 72-gon with 72 label bits (masks past int64)
    ang = np.linspace(0.1, np.pi / 2 - 0.1, 70)
    C = np.stack([np.cos(ang), np.sin(ang)], axis=1).tolist()
    cert = certified_float_vertices(C)
    assert cert is not None and len(cert) == 72
    assert _as_set(cert) == _as_set(polytope_vertices(C, method="pivot"))


def test_the_float_traversal_checks_a_deadline_every_few_vertices():
    """Batches hold at most _BATCH_VERTICES vertices, so the traversal
    notices a passed deadline within milliseconds (large batches overran 0.05 s limits
    by 100 ms on 16 x 16 games)."""
    import solvers._vertex_float as VF
    from solvers._support import float_integer_transform

    class Counting:  # a deadline far away that counts how often it is asked
        time_limit = 60.0
        at = float("inf")
        asked = 0

        def passed(self):
            Counting.asked += 1
            return False

    rng = np.random.default_rng(16)
    K = float_integer_transform(rng.standard_normal((12, 12)))[0]
    systems = [(K, [1] * 12)]
    free = VF.certified_label_sets(systems, None, 10 ** 6)[0]
    timed = VF.certified_label_sets(systems, Counting(), 10 ** 6)[0]
    assert timed == free  # the same vertices, in the same order
    assert len(free) > 10 * VF._BATCH_VERTICES
    assert Counting.asked >= len(free) / VF._BATCH_VERTICES
