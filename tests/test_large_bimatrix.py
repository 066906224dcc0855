"""Two-player enumeration of large games: memory bounded by the vertex counts, results exact.

The extreme equilibria of a bimatrix game are the completely labelled pairs of
vertices of its two best-response polytopes (von Stengel 2007, "Equilibrium
computation for two-player games in strategic and extensive form", ch. 3 of
*Algorithmic Game Theory*, Thm. 3.4). A random 16 x 16 game has about 10^5
vertices in each polytope, so pairing them must not build their product.
"""

from __future__ import annotations

import itertools
import tracemalloc
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import solvers._support as S
from games.errors import GovgamesWarning, UnsupportedGame
from games.normal_form import NormalFormGame
from solvers.nash import equilibria
from solvers._vertex_exact import vertex_point
from solvers.vertex_enumeration import _integer_constraints, polytope_labels, polytope_vertices

F = Fraction


def brute_pairs(Lx, Ly, full):
    """The plain double loop that complete_pairs replaces."""
    return [(i, j) for i, a in enumerate(Lx) for j, b in enumerate(Ly) if a | b == full]


def random_game(k, seed):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((k, k)), rng.standard_normal((k, k))


def support(s):
    return tuple(i for i, v in enumerate(s) if v != 0)


def exact_on_supports(A, B, I, J):
    """The equilibrium of a nondegenerate game on supports I, J, in exact arithmetic.

    Solves the indifference equations (von Stengel 2007, Thm. 3.1 / sec. 3.2)
    ``sum_j A[i][j] y_j = u`` (i in I), ``sum y = 1``, and the same for x with B,
    by Gauss-Jordan on Fractions of the floats' exact binary values.
    """
    def solve(M, k):
        # unknowns: k probabilities and the value; rows: k indifferences and sum = 1
        rows = [[F(v) for v in r] + [F(-1), F(0)] for r in M] + [[F(1)] * k + [F(0), F(1)]]
        for c in range(k + 1):
            piv = next(r for r in range(c, k + 1) if rows[r][c] != 0)
            rows[c], rows[piv] = rows[piv], rows[c]
            for r in range(k + 1):
                if r != c and rows[r][c] != 0:
                    f = rows[r][c] / rows[c][c]
                    rows[r] = [a - f * b for a, b in zip(rows[r], rows[c])]
        return [rows[i][k + 1] / rows[i][i] for i in range(k)]

    ys = solve([[A[i][j] for j in J] for i in I], len(J))
    xs = solve([[B[i][j] for i in I] for j in J], len(I))
    x = [F(0)] * len(A)
    y = [F(0)] * len(A[0])
    for i, v in zip(I, xs):
        x[i] = v
    for j, v in zip(J, ys):
        y[j] = v
    return x, y


def exact_regret(A, B, x, y):
    Ay = [sum(F(a) * b for a, b in zip(row, y) if b) for row in A]
    xB = [sum(x[i] * F(B[i][j]) for i in range(len(x)) if x[i]) for j in range(len(y))]
    return max(Ay) - sum(a * b for a, b in zip(x, Ay)), max(xB) - sum(a * b for a, b in zip(xB, y))


# ------------------------------------------------------- complete_pairs

@st.composite
def label_masks(draw):
    """Masks as vertices of an m- and an n-dimensional polytope have them, plus noise.

    Mostly exactly m (resp. n) labels (nondegenerate), some with extra labels
    (degenerate), some with a bit outside ``full``; sizes up to 130 labels
    (the > 62-label branch).
    """
    m = draw(st.integers(1, 70))
    n = draw(st.integers(1, 70))
    N = m + n
    full = (1 << N) - 1
    rnd = st.randoms(use_true_random=False)
    r = draw(rnd)

    def mask(k):
        extra = r.choice([0, 0, 0, 1, 2, N])  # extra labels: degenerate vertices
        bits = r.sample(range(N), min(N, k + extra))
        v = sum(1 << b for b in bits)
        if r.random() < 0.05:
            v |= 1 << (N + r.randrange(3))  # outside full: never pairs
        return v

    Lx = [mask(m) for _ in range(draw(st.integers(0, 25)))]
    Ly = []
    for _ in range(draw(st.integers(0, 25))):
        if Lx and r.random() < 0.6:  # a complement, so that pairs exist
            v = full & ~r.choice(Lx)
            if r.random() < 0.3:
                v |= 1 << r.randrange(N)
            Ly.append(v)
        else:
            Ly.append(mask(n))
    if Ly and r.random() < 0.2:
        Ly.append(Ly[0])  # a repeated mask
    return Lx, Ly, full


@settings(max_examples=150)
@given(label_masks(), st.sampled_from([1 << 22, 7, 1]))
def test_complete_pairs_agrees_with_the_double_loop(case, chunk):
    Lx, Ly, full = case
    old = S._PAIR_CHUNK
    S._PAIR_CHUNK = chunk  # also tiny chunks: the blocking must not lose pairs
    try:
        got = S.complete_pairs(Lx, Ly, full)
    finally:
        S._PAIR_CHUNK = old
    assert got == brute_pairs(Lx, Ly, full)


@settings(max_examples=60)
@given(st.lists(st.integers(0, 2 ** 9 - 1), max_size=12),
       st.lists(st.integers(0, 2 ** 9 - 1), max_size=12))
def test_complete_pairs_on_arbitrary_masks(Lx, Ly):
    # no structure at all (label counts below m + n together): still every pair
    assert S.complete_pairs(Lx, Ly, 2 ** 9 - 1) == brute_pairs(Lx, Ly, 2 ** 9 - 1)


def test_complete_pairs_memory_is_linear():
    # 2 x 10^5 nondegenerate masks on each side with 10^5 complete pairs: the
    # dense comparison would hold 4 x 10^10 entries; the join holds O(len) ones
    m = n = 24
    rng = np.random.default_rng(5)
    full = (1 << (m + n)) - 1

    def masks(k, count):
        return [int(sum(1 << int(b) for b in rng.choice(m + n, k, replace=False)))
                for _ in range(count)]

    Lx = masks(m, 200_000)
    Ly = [full ^ a for a in Lx[::2]] + masks(n, 100_000)
    tracemalloc.start()
    try:
        got = S.complete_pairs(Lx, Ly, full)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 200 * 2 ** 20
    assert {(2 * j, j) for j in range(100_000)} <= set(got)
    assert all(Lx[i] | Ly[j] == full for i, j in got)


# ------------------------------------------------------- maximal bicliques

def brute_bicliques(pairs):
    E = set(pairs)
    xs = sorted({i for i, _ in pairs})
    ys = sorted({j for _, j in pairs})
    out = set()
    for r in range(1, len(xs) + 1):
        for X in itertools.combinations(xs, r):
            Y = tuple(j for j in ys if all((i, j) in E for i in X))
            if not Y:
                continue
            Xc = tuple(i for i in xs if all((i, j) in E for j in Y))
            out.add((Xc, Y))
    return sorted(out)


@settings(max_examples=80)
@given(st.sets(st.tuples(st.integers(0, 6), st.integers(0, 6)), max_size=25))
def test_maximal_bicliques_are_the_closed_pairs(edges):
    # maximal complete bipartite subgraphs = pairs (X, Y) closed under common
    # neighbourhoods (Avis, Rosenberg, Savani and von Stengel 2010, sec. 4)
    pairs = sorted(edges)
    assert S.maximal_bicliques(pairs) == brute_bicliques(pairs)


# ------------------------------------------------------- labels, then points

@pytest.mark.parametrize("seed", range(4))
def test_labels_and_points_agree_with_polytope_vertices(seed):
    rng = np.random.default_rng(seed)
    C = rng.random((7, 6))  # float proposal path (>= 36 entries, big integers)
    Ci = rng.integers(0, 3, (5, 4)).tolist()  # small integers, degenerate: the pivot path
    Ci = [[v + (1 if all(r[j] == 0 for r in Ci) else 0) for j, v in enumerate(row)]
          for row in Ci]
    for M in (C, Ci):
        vs = polytope_vertices(M, method="pivot")
        labels, K, L = polytope_labels(M)
        assert sorted(labels) == sorted(v.labels for v in vs)
        for v in vs:
            assert vertex_point(K, L, v.labels).point == v.point


@settings(max_examples=60)
@given(st.integers(1, 4), st.integers(1, 4), st.integers(1, 7), st.integers(0, 2 ** 32 - 1),
       st.booleans())
def test_kept_traversal_points_equal_vertex_point(m, n, spread, seed, floats):
    """Small polytopes keep the points of integer pivoting; they equal the points solved per mask.

    Small-range integer payoffs make many games degenerate (vertices with
    extra labels, equilibria in continua), where the kept point of a vertex
    comes from whichever basis the traversal met it at.
    """
    rng = np.random.default_rng(seed)
    if floats:
        A, B = rng.standard_normal((m, n)), rng.standard_normal((m, n))
        Ai, Bi = S.float_integer_transform(A)[0], S.float_integer_transform(B)[0]
    else:
        A, B = rng.integers(0, spread + 1, (m, n)), rng.integers(0, spread + 1, (m, n))
        Ai, Bi = S.integer_matrix(A.tolist()), S.integer_matrix(B.tolist())
    kept = S.extreme_equilibria_integer_points(Ai, Bi)
    size = S.SMALL_POLYTOPE_ENTRIES
    try:
        S.SMALL_POLYTOPE_ENTRIES = 0  # every polytope by label masks, points solved per mask
        solved = S.extreme_equilibria_integer_points(Ai, Bi)
    finally:
        S.SMALL_POLYTOPE_ENTRIES = size

    def as_fractions(out):
        X, Y, pairs, degenerate, capped = out
        Xf = [tuple(F(a, t) for a in nums) for nums, t in X]
        Yf = [tuple(F(a, t) for a in nums) for nums, t in Y]
        return sorted((Xf[i], Yf[j]) for i, j in pairs), degenerate, capped

    assert as_fractions(kept) == as_fractions(solved)
    for x, y in as_fractions(kept)[0]:  # and each is an equilibrium, in exact arithmetic
        S.exact_regret_check([[F(v) for v in r] for r in Ai], [[F(v) for v in r] for r in Bi], x, y)


def test_vertex_point_rejects_non_vertices():
    K, L = _integer_constraints("t", [[1, 1], [2, 0], [0, 2]])
    # {z0 = 0} alone: too few labels; {z1 = 0, row 0 tight} is (1, 0), outside row 1;
    # {z1 = 0, all rows tight} is inconsistent
    for mask in (0b00001, 0b00110, 0b11111 ^ 0b00001):
        with pytest.raises(ArithmeticError):
            vertex_point(K, L, mask)
    assert vertex_point(K, L, 0b11100).point == (F(1, 2), F(1, 2))  # degenerate vertex


# ------------------------------------------------------- whole games

def test_random_16x16_is_enumerated_completely():
    A, B = random_game(16, 16)
    game = NormalFormGame.from_bimatrix(A, B)
    eqs = equilibria(game)
    assert eqs.complete and not eqs.degenerate and not eqs.exact
    # a nondegenerate game has an odd number of equilibria (Shapley 1974,
    # "A note on the Lemke-Howson algorithm", Math. Programming Study 1: 175-189)
    assert len(eqs) % 2 == 1 and len(eqs) > 1
    tol = 1e-9 * max(1.0, float(np.abs([A, B]).max()))
    sups = set()
    for e in eqs:
        assert e.verify(game, tol=tol) is e and max(e.regret(game)) <= tol
        I, J = support(e.profile[0]), support(e.profile[1])
        assert len(I) == len(J)  # nondegenerate: equal support sizes
        # independent exact certificate on the exact binary payoffs
        x, y = exact_on_supports(A.tolist(), B.tolist(), I, J)
        assert min(x) >= 0 and min(y) >= 0
        assert exact_regret(A.tolist(), B.tolist(), x, y) == (0, 0)
        assert np.allclose(e.profile[0], [float(v) for v in x], atol=1e-12)
        assert np.allclose(e.profile[1], [float(v) for v in y], atol=1e-12)
        sups.add((I, J))
    assert len(sups) == len(eqs)
    # every equilibrium on Gambit's Lemke-Howson paths (lcp_solve follows them from
    # every label and every equilibrium found; Shapley 1974) is one of them
    gbt = pytest.importorskip("pygambit")
    res = gbt.nash.lcp_solve(gbt.Game.from_arrays(A, B), rational=False)
    assert len(res.equilibria) >= 1
    for eq in res.equilibria:
        prof = [np.array([float(eq[s]) for s in pl.strategies]) for pl in eq.game.players]
        assert tuple(support(np.where(p > 1e-9, p, 0)) for p in prof) in sups


def test_random_12x12_matches_pygambit_enummixed():
    # pygambit's enummixed takes minutes on 16 x 16 (it grows about 3-4x per
    # size step); 12 x 12 keeps the cross-check to seconds
    gbt = pytest.importorskip("pygambit")
    A, B = random_game(12, 12)
    eqs = equilibria(NormalFormGame.from_bimatrix(A, B))
    assert eqs.complete
    res = gbt.nash.enummixed_solve(gbt.Game.from_arrays(A, B), rational=False)
    theirs = {}
    for eq in res.equilibria:
        prof = tuple(np.array([float(eq[s]) for s in pl.strategies]) for pl in eq.game.players)
        theirs[tuple(support(np.where(p > 1e-9, p, 0)) for p in prof)] = prof
    ours = {(support(e.profile[0]), support(e.profile[1])): e.profile for e in eqs}
    assert set(ours) == set(theirs) and len(ours) == len(eqs)
    for k, prof in ours.items():
        for a, b in zip(prof, theirs[k]):
            assert np.allclose(a, b, atol=1e-8)


@pytest.mark.parametrize("seed", range(6))
def test_degenerate_integer_games_match_pygambit(seed):
    # payoffs in {0, 1, 2}: ties, degenerate vertices, continua of equilibria;
    # the extreme equilibria are exactly Gambit's (rational) enummixed output
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(100 + seed)
    A, B = rng.integers(0, 3, (6, 5)), rng.integers(0, 3, (6, 5))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GovgamesWarning)
        eqs = equilibria(NormalFormGame.from_bimatrix(A.tolist(), B.tolist()))
    ours = {tuple(tuple(F(int(v.p), int(v.q)) for v in s) for s in e.profile) for e in eqs}
    res = gbt.nash.enummixed_solve(gbt.Game.from_arrays(A, B), rational=True)
    theirs = {tuple(tuple(F(str(eq[s])) for s in pl.strategies) for pl in eq.game.players)
              for eq in res.equilibria}
    assert ours == theirs
    assert eqs.complete
    for x, y in ours:
        assert exact_regret(A.tolist(), B.tolist(), x, y) == (0, 0)


def test_time_limit_holds_on_a_16x16_game():
    game = NormalFormGame.from_bimatrix(*random_game(16, 16))
    with pytest.raises(UnsupportedGame, match="time_limit"):
        equilibria(game, time_limit=0.05)


def test_out_of_memory_is_a_clear_refusal(monkeypatch):
    def no_memory(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(S, "complete_pairs", no_memory)
    game = NormalFormGame.from_bimatrix(*random_game(4, 3))
    with pytest.raises(UnsupportedGame, match=r'time_limit.*method="logit"'):
        equilibria(game)


def test_lemke_howson_is_bounded_by_time_limit(monkeypatch):
    """A slow Lemke-Howson path is stopped at ``time_limit`` with a clear UnsupportedGame."""
    import time

    import solvers.lemke as lemke_mod

    pivot_in = lemke_mod.Tableau.pivot_in

    def slow(self, s, r):
        time.sleep(0.5)
        return pivot_in(self, s, r)

    game = NormalFormGame.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    monkeypatch.setattr(lemke_mod.Tableau, "pivot_in", slow)
    with pytest.raises(UnsupportedGame, match="time_limit"):
        equilibria(game, method="lemke_howson", time_limit=0.3)
    # on_time_limit="partial": the enumeration runs out (made to, however fast the machine),
    # then Lemke-Howson too: an empty, incomplete result instead of an exception
    import solvers.nash as nash_mod

    monkeypatch.setattr(nash_mod, "_vertex_enumeration",
                        lambda g, deadline, time_limit, max_k: nash_mod._timeout(time_limit)())
    big = NormalFormGame.from_bimatrix(*random_game(14, 14))
    with pytest.warns(GovgamesWarning, match="no equilibrium: not even by Lemke-Howson"):
        none = equilibria(big, time_limit=0.5, on_time_limit="partial")
    assert len(none) == 0 and none.complete is False
    monkeypatch.undo()
    one = equilibria(game, method="lemke_howson", time_limit=30)
    assert len(one) == 1 and one.complete is False
    e = one[0]
    # battle of the sexes: two pure equilibria and the mixed one (3/5, 2/5), (2/5, 3/5), exact
    exact = [((1, 0), (1, 0)), ((0, 1), (0, 1)), ((F(3, 5), F(2, 5)), (F(2, 5), F(3, 5)))]
    assert [[F(str(p)) for p in sigma] for sigma in e.profile] in [[list(s) for s in prof] for prof in exact]


def test_lemke_howson_ends_on_games_where_floating_point_paths_cycle():
    """Payoffs spread over 1e-300..1e300: exact pivoting with the lexicographic rule ends.

    (nashpy's float Lemke-Howson never returned on this game.) The equilibrium
    found is one of the game's extreme equilibria, for every dropped label.
    """
    from solvers.lemke_howson import lemke_howson

    rng = np.random.default_rng(7)
    for shape in [(5, 5), (6, 6)]:  # the generator's state of the reported game
        rng.standard_normal(shape), rng.integers(-300, 300, shape)
        rng.standard_normal(shape), rng.integers(-300, 300, shape)
    A = rng.standard_normal((8, 8)) * 10.0 ** rng.integers(-300, 300, (8, 8))
    B = rng.standard_normal((8, 8)) * 10.0 ** rng.integers(-300, 300, (8, 8))
    game = NormalFormGame.from_bimatrix(A, B)
    every = {e.profile for e in equilibria(game)}
    (e,) = equilibria(game, method="lemke_howson")
    assert e.profile in every and max(e.regret(game)) <= S.float_tol(game)
    Ai, Bi = S.float_integer_transform(A)[0], S.float_integer_transform(B)[0]
    for k in range(16):
        x, y = lemke_howson(Ai, Bi, k)
        S.integer_regret_check(Ai, Bi, x, y)  # raises unless an exact equilibrium
        assert (tuple(a / x[1] for a in x[0]), tuple(b / y[1] for b in y[0])) in every


@settings(max_examples=60)
@given(st.integers(1, 5), st.integers(1, 5), st.integers(0, 3), st.integers(0, 2 ** 32 - 1))
def test_lemke_howson_ends_at_an_extreme_equilibrium(m, n, spread, seed):
    """Every label's path ends at a certified extreme equilibrium, degenerate games included."""
    from solvers.lemke_howson import lemke_howson

    rng = np.random.default_rng(seed)
    if spread:
        A, B = rng.integers(0, spread + 1, (m, n)), rng.integers(0, spread + 1, (m, n))
        Ai, Bi = S.integer_matrix(A.tolist()), S.integer_matrix(B.tolist())
    else:
        Ai = S.float_integer_transform(rng.standard_normal((m, n)))[0]
        Bi = S.float_integer_transform(rng.standard_normal((m, n)))[0]
    X, Y, pairs, _, _ = S.extreme_equilibria_integer_points(Ai, Bi)
    extreme = {(tuple(F(a, X[i][1]) for a in X[i][0]), tuple(F(b, Y[j][1]) for b in Y[j][0]))
               for i, j in pairs}
    for k in range(m + n):
        x, y = lemke_howson(Ai, Bi, k)
        S.integer_regret_check(Ai, Bi, x, y)
        assert (tuple(F(a, x[1]) for a in x[0]), tuple(F(b, y[1]) for b in y[0])) in extreme


@pytest.mark.parametrize("A, B", [
    # integers around 2^53: two exact vertices round to the same floats (1/2 - 2^-56 and 1/2)
    ([[1, 2 ** 54], [2 ** 53, 2 ** 53 + 2], [2 ** 54, 3]], [[-2 ** 53, 2], [3, 1], [3, 3]]),
    ([[0, 0], [1e-300, -1e300]], [[-1, 1], [1, 0]]),  # a probability that underflows to 0.0
])
def test_float_games_whose_vertices_round_together(A, B):
    # the exact certificate runs on every exact pair before merging the ones that round alike
    exact = equilibria(NormalFormGame.from_bimatrix(
        [[F(v) for v in r] for r in A], [[F(v) for v in r] for r in B]))
    got = equilibria(NormalFormGame.from_bimatrix([[float(v) for v in r] for r in A],
                                                  [[float(v) for v in r] for r in B]))
    want = sorted({tuple(float(p) for s in e.profile for p in s) for e in exact})
    assert sorted(tuple(p for s in e.profile for p in s) for e in got) == want


@pytest.mark.parametrize("Ai, Bi, label, error, match", [
    ([[1.5, 1], [1, 1.9]], [[1, 2], [2, 1]], 0, TypeError, "matrix of ints"),  # was truncated
    ([[1, F(1, 2)], [1, 1]], [[1, 1], [1, 1]], 0, TypeError, "matrix of ints"),
    ([[3, 1], [1, 2]], [[2, 1, 1], [1, 3, 1]], 0, ValueError, "2x2 matrix like Ai"),
    ([], [[1]], 0, ValueError, "non-empty rectangular"),
    ([[1, 1], [1]], [[1, 1], [1, 1]], 0, ValueError, "non-empty rectangular"),
    ([[0, 1]], [[1, 1]], 0, ValueError, "positive ints"),
    ([[1]], [[1]], 2, ValueError, r"dropped_label must be an int in range\(2\)"),
    (5, [[1]], 0, TypeError, "a matrix"),
])
def test_lemke_howson_refuses_bad_input_clearly(Ai, Bi, label, error, match):
    from solvers.lemke_howson import lemke_howson

    with pytest.raises(error, match=match):
        lemke_howson(Ai, Bi, label)


def test_lemke_howson_time_limit_message_names_the_method_that_ran(monkeypatch):
    import time

    import solvers.lemke as lemke_mod

    pivot_in = lemke_mod.Tableau.pivot_in
    monkeypatch.setattr(lemke_mod.Tableau, "pivot_in",
                        lambda self, s, r: (time.sleep(0.5), pivot_in(self, s, r))[1])
    game = NormalFormGame.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    with pytest.raises(UnsupportedGame, match='Lemke-Howson path.*method="logit"'):
        equilibria(game, method="lemke_howson", time_limit=0.3)
