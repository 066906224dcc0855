"""Small best-response polytopes: the joint float traversal, its certificate, and the paths around it.

* :func:`solvers._vertex_float.certified_label_sets` (one breadth-first
  float traversal and one batched certificate for the polytopes of a
  shape) against exact lexicographic pivoting, on float-derived integer
  matrices (generic) and on small integers (many degenerate polytopes,
  which must be refused or certified exactly, never mislabelled);
* :func:`solvers._support.complete_pairs` with ``simple=True`` (a hash
  join only) against the general matcher on nondegenerate games;
* :func:`solvers._support.float_equilibrium` against the ``Equilibrium``
  constructor it bypasses;
* 5 x 5 float games end to end: the default path (float proposal for
  both polytopes, exact points only for the vertices in equilibria) returns
  exactly what exact pivoting of both polytopes returns;
* the joint breadth-first traversal of larger polytopes of one shape (a
  degenerate one refused alone), with tableaux pivoted from the parent's or
  inverted from the basis, in batches of any size;
* time limits inside one exact pivot and after the enumeration (deadlines
  that pass on a given call or stage: no clock).
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import solvers._support as S
import solvers._vertex_float as VF
from games.normal_form import NormalFormGame
from solvers._integer_traversal import lexicographic_traversal
from solvers._vertex_exact import certified_numerators
from solvers.equilibrium import Equilibrium
from solvers.nash import equilibria
from solvers.vertex_enumeration import (MAX_BASES, integer_polytope_labels, integer_polytope_vertices,
                                        integer_vertex_table)


def _exact_labels(K, L):
    return [v[0] for v in lexicographic_traversal(K, L, None, MAX_BASES)]


def _float_matrix(seed, p, d, scale=1.0):
    rng = np.random.default_rng(seed)
    return S.float_integer_transform(scale * rng.standard_normal((p, d)))[0]


@st.composite
def constraint_systems(draw, max_entries=25):
    """(K, L): a positive integer matrix with p * d <= max_entries; float-derived or small."""
    p = draw(st.integers(1, 5))
    d = draw(st.integers(1, max(1, min(5, max_entries // p))))
    if draw(st.booleans()):
        seed = draw(st.integers(0, 2**32 - 1))
        scale = draw(st.sampled_from([1e-6, 1.0, 1e6]))
        K = _float_matrix(seed, p, d, scale)
    else:  # small integers: ties, so many degenerate polytopes
        K = [[draw(st.integers(1, 3)) for _ in range(d)] for _ in range(p)]
    L = [draw(st.integers(1, 2)) for _ in range(p)] if draw(st.booleans()) else [1] * p
    return K, L


@settings(max_examples=120, deadline=None)
@given(st.lists(constraint_systems(), min_size=1, max_size=3))
def test_certified_label_sets_match_exact_pivoting(systems):
    # every system certified is exactly the exact traversal's vertex set; the
    # others are refused (None), never mislabelled
    got = VF.certified_label_sets(systems, None, MAX_BASES)
    assert len(got) == len(systems)
    for (K, L), masks in zip(systems, got):
        exact = _exact_labels(K, L)
        if masks is not None:
            assert sorted(masks) == sorted(exact)
            assert masks[0] == exact[0] == (1 << len(K[0])) - 1  # the origin first
            assert all(m.bit_count() == len(K[0]) for m in masks)  # simple vertices only
        # the public entry falls back to pivoting where the certificate refuses
        (labels,) = integer_polytope_labels([(K, L)])
        assert sorted(labels) == sorted(exact)


@pytest.mark.parametrize("seed", range(12))
def test_generic_five_by_five_polytopes_are_certified_jointly(seed):
    # standard-normal payoffs give simple polytopes: both certified in one
    # batch (same size), with their exact vertex sets
    K1, K2 = _float_matrix(seed, 5, 5), _float_matrix(seed + 1000, 5, 5)
    got = VF.certified_label_sets([(K1, [1] * 5), (K2, [1] * 5)], None, MAX_BASES)
    assert got[0] is not None and got[1] is not None
    assert sorted(got[0]) == sorted(_exact_labels(K1, [1] * 5))
    assert sorted(got[1]) == sorted(_exact_labels(K2, [1] * 5))


def test_systems_of_different_sizes_are_certified_separately():
    systems = [(_float_matrix(1, 3, 4), [1] * 3), (_float_matrix(2, 5, 5), [1] * 5),
               (_float_matrix(3, 3, 4), [1] * 3), (_float_matrix(4, 6, 6), [1] * 6)]
    got = VF.certified_label_sets(systems, None, MAX_BASES)
    for (K, L), masks in zip(systems, got):
        assert masks is not None
        assert sorted(masks) == sorted(_exact_labels(K, L))


@pytest.mark.parametrize("shape", [(6, 6), (5, 7), (8, 8)])
def test_joint_breadth_first_traversal_keeps_a_generic_polytope_beside_a_degenerate_one(shape):
    # larger polytopes of one shape share a breadth-first traversal; one that
    # turns out degenerate is refused alone, the others are still certified
    p, d = shape
    generic = [(_float_matrix(s, p, d), [1] * p) for s in (11, 12)]
    degenerate = ([[1 + (i + j) % 2 for j in range(d)] for i in range(p)], [1] * p)
    systems = [generic[0], degenerate, generic[1]]
    got = VF.certified_label_sets(systems, None, MAX_BASES)
    assert got[1] is None
    for a in (0, 2):
        assert got[a] is not None
        assert sorted(got[a]) == sorted(_exact_labels(*systems[a]))
    assert sorted(integer_polytope_labels([degenerate])[0]) == sorted(_exact_labels(*degenerate))


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(6, 6), (5, 6), (7, 4)]), st.booleans())
def test_joint_breadth_first_traversal_matches_exact_pivoting(seed, shape, ties):
    p, d = shape
    rng = np.random.default_rng(seed)
    systems = []
    for _ in range(3):
        M = rng.integers(1, 4, (p, d)) * 0.1 if ties else rng.standard_normal((p, d))
        systems.append((S.float_integer_transform(M)[0], [1] * p))
    for (K, L), masks in zip(systems, VF.certified_label_sets(systems, None, MAX_BASES)):
        if masks is not None:
            assert sorted(masks) == sorted(_exact_labels(K, L))


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(6, 6), (8, 5), (4, 9)]),
       st.sampled_from([0, 600, 1 << 22]), st.sampled_from([40, 200, 1 << 20]))
def test_pivoted_tableaux_match_inverted_ones(seed, shape, queued, chunk):
    # a vertex's tableau comes from its parent's by one pivot while the queued
    # tableaux fit in _QUEUED_FLOATS, else from a batched inverse of its basis;
    # batches of _CHUNK_FLOATS split the queue. Every mix proposes and certifies
    # the same vertices, in the same order, as exact pivoting finds them
    p, d = shape
    rng = np.random.default_rng(seed)
    systems = [(S.float_integer_transform(rng.standard_normal((p, d)))[0], [1] * p)
               for _ in range(2)]
    reference = VF._joint_float_proposal(systems, None, MAX_BASES)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(VF, "_QUEUED_FLOATS", queued)
        mp.setattr(VF, "_CHUNK_FLOATS", chunk)
        got = VF._joint_float_proposal(systems, None, MAX_BASES)
    for (K, L), ref, prop in zip(systems, reference, got):
        assert prop is not None and prop[0] == ref[0]
        assert all(prop[1]) and all(ref[1])
        assert sorted(prop[0]) == sorted(_exact_labels(K, L))


def test_degenerate_polytope_is_refused_and_pivoted_exactly():
    # three constraints meet at (1/2, 1/2): no certificate, exact pivoting instead
    K, L = [[1, 1], [2, 0], [0, 2]], [1, 1, 1]
    assert VF._joint_float_proposal([(K, L)], None, MAX_BASES) == [None]
    assert VF.certified_label_sets([(K, L)], None, MAX_BASES) == [None]
    assert sorted(integer_polytope_labels([(K, L)])[0]) == sorted(_exact_labels(K, L))


def test_singular_batch_is_refused_and_pivoted_exactly(monkeypatch):
    # when a batched inverse of basis matrices fails (tableaux not kept from
    # the parent's pivot), the traversal gives up and exact pivoting decides
    def singular(_):
        raise np.linalg.LinAlgError("singular")

    K = _float_matrix(7, 5, 5)
    monkeypatch.setattr(VF, "_QUEUED_FLOATS", 0)
    monkeypatch.setattr(VF.np.linalg, "inv", singular)
    assert VF.certified_label_sets([(K, [1] * 5)], None, MAX_BASES) == [None]
    assert sorted(integer_polytope_labels([(K, [1] * 5)])[0]) == sorted(_exact_labels(K, [1] * 5))


def test_certified_numerators_of_a_degenerate_vertex():
    # the degenerate vertex (1/2, 1/2) has three labels: solved by vertex_point
    K, L = [[1, 1], [2, 0], [0, 2]], [1, 1, 1]
    for v in integer_polytope_vertices(K, L):
        nums, den = certified_numerators(K, L, v.labels)
        assert [a * v.denominator for a in nums] == [b * den for b in v.numerators]
    with pytest.raises(ArithmeticError):  # the origin with a tight constraint: no such vertex
        certified_numerators(K, L, 0b00111)


@settings(max_examples=60, deadline=None)
@given(constraint_systems(max_entries=30))
def test_vertex_table_is_the_traversal(system):
    K, L = system
    table = integer_vertex_table(K, L)
    assert [(v.labels, v.numerators, v.denominator) for v in integer_polytope_vertices(K, L)] == table
    origin = table[0]
    assert origin == ((1 << len(K[0])) - 1, (0,) * len(K[0]), 1)
    for lab, nums, den in table:  # each point satisfies exactly its labels
        d = len(K[0])
        assert all((nums[i] == 0) == bool(lab >> i & 1) for i in range(d))
        for j, (row, l) in enumerate(zip(K, L)):
            lhs = sum(a * b for a, b in zip(row, nums))
            assert lhs <= l * den
            assert (lhs == l * den) == bool(lab >> (d + j) & 1)


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 5), st.integers(2, 5), st.integers(0, 2**32 - 1))
def test_simple_matching_is_the_general_matching(m, n, seed):
    rng = np.random.default_rng(seed)
    Ai = S.float_integer_transform(rng.standard_normal((m, n)))[0]
    Bi = S.float_integer_transform(rng.standard_normal((m, n)))[0]
    Bt = [list(c) for c in zip(*Bi)]
    LP = _exact_labels(Bt, [1] * n)
    LQ = _exact_labels(Ai, [1] * m)
    if any(v.bit_count() > m for v in LP) or any(v.bit_count() > n for v in LQ):
        return  # (probability zero for standard-normal payoffs)
    oy = (1 << n) - 1
    Ly = [(v >> n) | ((v & oy) << m) for v in LQ]
    full = (1 << (m + n)) - 1
    assert S.complete_pairs(LP, Ly, full, simple=True) == S.complete_pairs(LP, Ly, full)


def test_float_equilibrium_is_the_constructed_equilibrium():
    g = NormalFormGame.from_bimatrix([[0.5, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 0.5]])
    prof, pay = ((2 / 3, 1 / 3), (1 / 3, 2 / 3)), (1 / 3, 1 / 3)
    fast = S.float_equilibrium(prof, pay, kind="mixed", method="vertex_enumeration",
                               players=g.players, strategies=g.strategies, space=g.space)
    slow = Equilibrium(prof, pay, kind="mixed", method="vertex_enumeration", exact=False,
                       players=g.players, strategies=g.strategies, space=g.space)
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    assert vars(fast) == vars(slow)
    assert fast.condition is sympy.true
    assert fast.to_dict() == slow.to_dict()


def _exact_pivoting_only(game):
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(S, "SMALL_POLYTOPE_ENTRIES", 10**6)
        return equilibria(game)


def _summary(es):
    return ([(e.profile, e.payoffs, e.kind) for e in es], es.degenerate, es.components, es.complete)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from(["normal", "ties", "tiny", "huge"]))
def test_five_by_five_float_games_match_exact_pivoting(seed, kind):
    rng = np.random.default_rng(seed)
    if kind == "ties":  # few distinct float values with long mantissas: degenerate games
        A, B = (rng.integers(0, 3, (5, 5)) * 0.1 + 0.3 for _ in range(2))
    else:
        scale = {"normal": 1.0, "tiny": 1e-200, "huge": 1e200}[kind]
        A, B = scale * rng.standard_normal((5, 5)), scale * rng.standard_normal((5, 5))
    g = NormalFormGame.from_bimatrix(A, B)
    with warnings.catch_warnings():  # degenerate games warn of continua, on both paths
        warnings.simplefilter("ignore")
        fast = equilibria(g)
        slow = _exact_pivoting_only(g)
    assert _summary(fast) == _summary(slow)
    for e in fast:  # every equilibrium verified against the floats
        assert max(e.regret(g)) <= S.float_tol(g)


def test_five_by_five_reference_game():
    # a game whose equilibria are known in closed form: the 5 x 5 identity
    # coordination game has 2^5 - 1 = 31 equilibria, the uniform mixtures
    # over each nonempty common support (each player indifferent on it)
    A = np.eye(5) * 0.7
    B = np.eye(5) * 1.3
    es = equilibria(NormalFormGame.from_bimatrix(A, B))
    assert len(es) == 31 and es.complete and not es.degenerate
    for e in es:
        x, y = e.profile
        k = sum(1 for p in x if p)
        assert x == y and all(p in (0.0, 1 / k) for p in x)
        assert e.payoffs == pytest.approx((0.7 / k, 1.3 / k), rel=1e-15)


class _PassesAfter:
    """A deadline whose check passes from its ``calls``-th call on (no clock involved)."""

    def __init__(self, calls):
        self.calls, self.time_limit, self.at = calls, 1.0, 0.0

    def passed(self):
        self.calls -= 1
        return self.calls <= 0


def test_time_limit_is_checked_inside_one_pivot():
    # one pivot of a large tableau of large integers can take seconds (a 300 x 300
    # game with payoffs over 1e-300..1e300): the traversal checks the deadline
    # between rows of a pivot, not only between pivots. The second check passes:
    # before the first pivot finishes, so only the origin was found.
    from solvers.limits import TimeLimitExceeded

    rng = np.random.default_rng(5)
    K = [[int(v) for v in row] for row in rng.integers(1, 2**60, (48, 48))]
    with pytest.raises(TimeLimitExceeded) as info:
        list(lexicographic_traversal(K, [1] * 48, _PassesAfter(2), MAX_BASES))
    assert [v.labels for v in info.value.partial] == [(1 << 48) - 1]


def test_maximal_bicliques_stop_at_the_deadline():
    # a crown graph on 2k vertices has 2^k - 2 maximal bicliques
    from solvers.limits import TimeLimitExceeded

    k = 12
    crown = [(i, j) for i in range(k) for j in range(k) if i != j]
    assert len(S.maximal_bicliques(crown)) == 2**k - 2
    with pytest.raises(TimeLimitExceeded):
        S.maximal_bicliques(crown, _PassesAfter(3))


@pytest.mark.parametrize("stage", ["maximal_bicliques", "integer_regret_check"])
def test_time_limit_holds_after_the_enumeration(monkeypatch, stage):
    # the work after the vertex enumeration (certificates, components) grows
    # with the equilibria: the time limit is checked there too. The clock is
    # replaced by a deadline that passes once that stage has started.
    import solvers.limits as limits
    from games.errors import UnsupportedGame

    started = []

    class StageDeadline(limits.Deadline):
        def passed(self):
            return bool(started)

    original = getattr(S, stage)

    def flagged(*args, **kwargs):
        started.append(True)
        return original(*args, **kwargs)

    monkeypatch.setattr(limits, "Deadline", StageDeadline)
    monkeypatch.setattr(S, stage, flagged)
    k = 10
    if stage == "maximal_bicliques":
        # anti-coordination: the extreme equilibria are the k (k - 1) pure profiles
        # of different strategies and the uniform profile, in 2^k - 1 components
        A = 0.1 * (1 - np.eye(k))
        B = A.copy()
        count, components = k * (k - 1) + 1, 2**k - 1
    else:
        # coordination on a positive diagonal: nondegenerate, one equilibrium per
        # nonempty common support, 2^k - 1 of them
        rng = np.random.default_rng(0)
        A, B = np.diag(0.1 + rng.random(k)), np.diag(0.1 + rng.random(k))
        count = components = 2**k - 1
    game = NormalFormGame.from_bimatrix(A, B)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(UnsupportedGame, match="time_limit"):
            equilibria(game, time_limit=1000.0)
    started.clear()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        es = equilibria(game)  # without a limit, all of them
    assert len(es) == count and len(es.components) == components and es.complete
