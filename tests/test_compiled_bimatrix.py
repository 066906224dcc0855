"""The compiled kernel for float two-player games (:mod:`solvers._compiled_bimatrix`).

* against the general path (exact pivoting, or float proposals certified
  exactly) on random games of every shape from 2 x 3 to 6 x 6 with ties,
  -0.0, wide scales and support caps (hypothesis): the same floats,
  payoffs, kinds, order, components and flags, or None (then the general
  path decides); generic games are always decided;
* degenerate games are never decided by the kernel;
* closed forms: the n x n coordination game ``diag(a)``, ``diag(b)`` has
  ``2^n - 1`` equilibria, one per support ``S``, with ``x_i`` proportional to
  ``1 / b_i`` and ``y_i`` to ``1 / a_i`` on ``S`` (Quint and Shubik 1997), each
  float the correct rounding of its ``Fraction``; rock-paper-scissors;
* the memory bounds (tableaux recomputed from their bases, vertex cap) and
  the certificate itself on hand-made tableaux;
* when :func:`solvers.nash.equilibria` uses the kernel: compiled in a
  separate process after ``SECONDS_BEFORE_COMPILING`` of such games, loaded
  when that is done (never within a call with a ``time_limit``), and with a
  ``time_limit`` used only on games of at most 8 strategies.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import solvers._compiled_bimatrix as CB
import solvers._compiled_kernel as KM
import solvers.nash as nash
from games.normal_form import NormalFormGame
from solvers.nash import equilibria

pytestmark = pytest.mark.filterwarnings("ignore::games.errors.GovgamesWarning")


@pytest.fixture(autouse=True)
def _kernel():
    assert CB.load_kernel()  # numba is a dependency: the kernel must compile (the shared
    # conftest unloads it after each test)


def _general(game, **kw):
    """The result of the general path (the kernel switched off)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(nash, "kernel_ready", lambda time_limit=None: False)
        return equilibria(game, **kw)


def _summary(es):
    # repr tells -0.0 from 0.0 (the exact 0 rounds to 0.0)
    return ([(repr(e.profile), repr(e.payoffs), e.kind, e.method) for e in es], es.degenerate,
            es.complete, es.components)


def _game(A, B):
    return NormalFormGame.from_bimatrix(np.asarray(A, dtype=float), np.asarray(B, dtype=float))


_PAYOFF = st.one_of(
    st.integers(-2, 2).map(float),  # ties: often degenerate
    st.sampled_from([0.0, -0.0, 1.0 / 3.0, 2.0 ** -40, -1e-300, 5e-324]),
    st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
)


@settings(max_examples=300)
@given(st.integers(2, 6), st.integers(2, 6), st.data(), st.sampled_from([None, 1, 2, 3]))
def test_kernel_equals_general_path(m, n, data, max_k):
    if m == n == 2:
        n = 3
    vals = data.draw(st.lists(_PAYOFF, min_size=2 * m * n, max_size=2 * m * n))
    g = _game(np.reshape(vals[:m * n], (m, n)), np.reshape(vals[m * n:], (m, n)))
    got = CB.compiled_float_equilibria(g, max_k)
    want = _general(g, max_support_size=max_k)
    if got is not None:
        assert _summary(got) == _summary(want)
        assert not want.degenerate
    assert _summary(equilibria(g, max_support_size=max_k)) == _summary(want)


@settings(max_examples=60)
@given(st.integers(0, 2 ** 32 - 1), st.integers(-200, 200))
def test_generic_games_are_decided_at_any_scale(seed, exponent):
    rng = np.random.default_rng(seed)
    m, n = (int(v) for v in rng.integers(2, 8, size=2))
    if m * n == 4:
        m = 3
    g = _game(rng.standard_normal((m, n)) * 10.0 ** exponent, rng.standard_normal((m, n)))
    got = CB.compiled_float_equilibria(g)
    assert got is not None
    assert _summary(got) == _summary(_general(g))


def test_many_generic_games_match_up_to_twelve_strategies():
    rng = np.random.default_rng(20261130)
    for n in (3, 4, 5, 6, 7, 8, 9, 10, 12):
        for _ in range(40 if n <= 6 else 4):
            m = int(rng.integers(2, n + 1))
            g = _game(rng.standard_normal((m, n)), rng.standard_normal((m, n)))
            got = CB.compiled_float_equilibria(g)
            assert got is not None, (m, n)
            assert _summary(got) == _summary(_general(g)), (m, n)


@pytest.mark.parametrize("A, B", [
    # a tie at a best response (column 0 of A)
    ([[1, 0, 0], [1, 2, 0], [0, 0, 3]], [[3, 1, 0], [0, 2, 1], [1, 0, 2]]),
    # a duplicated strategy
    ([[1, 1, 0], [0, 0, 2], [2, 2, 1]], [[0, 0, 3], [1, 1, 0], [2, 2, 1]]),
    # three best responses to a mixture of two: a continuum of equilibria
    ([[1, 0], [0, 1], [0.5, 0.5]], [[1, 0], [0, 1], [0, 1]]),
    # all zero
    ([[0] * 3] * 3, [[0] * 3] * 3),
])
def test_degenerate_games_are_left_to_the_general_path(A, B):
    g = _game(A, B)
    assert CB.compiled_float_equilibria(g) is None
    want = _general(g)
    assert want.degenerate
    assert _summary(equilibria(g)) == _summary(want)


def test_zero_one_games_are_decided_only_when_nondegenerate():
    rng = np.random.default_rng(7)
    decided = 0
    for _ in range(300):
        m, n = (int(v) for v in rng.integers(2, 5, size=2))
        if m * n == 4:
            n = 3
        g = _game(rng.integers(0, 2, (m, n)), rng.integers(0, 2, (m, n)))
        got = CB.compiled_float_equilibria(g)
        want = _general(g)
        if got is not None:
            decided += 1
            assert _summary(got) == _summary(want)
            assert not want.degenerate
    assert decided > 0


@pytest.mark.parametrize("n", [3, 4, 5])
def test_coordination_games_have_all_their_closed_form_equilibria(n):
    """``diag(a)``, ``diag(b)``: on each support ``S``, ``x_i ~ 1/b_i``, ``y_i ~ 1/a_i`` and
    the payoffs ``1 / sum_S 1/a_i``, ``1 / sum_S 1/b_i`` (Quint and Shubik 1997)."""
    a = [1.5, 0.7, 2.25, 0.3, 1.1][:n]
    b = [0.4, 1.9, 0.8, 1.3, 2.6][:n]
    g = _game(np.diag(a), np.diag(b))
    got = CB.compiled_float_equilibria(g)
    assert got is not None and got.complete and not got.degenerate
    want = set()
    for k in range(1, n + 1):
        for S in itertools.combinations(range(n), k):
            inv_a = {i: 1 / Fraction(a[i]) for i in S}
            inv_b = {i: 1 / Fraction(b[i]) for i in S}
            x = tuple(float(inv_b[i] / sum(inv_b.values())) if i in S else 0.0 for i in range(n))
            y = tuple(float(inv_a[i] / sum(inv_a.values())) if i in S else 0.0 for i in range(n))
            want.add(((x, y), (float(1 / sum(inv_a.values())), float(1 / sum(inv_b.values())))))
    assert len(got) == 2 ** n - 1
    assert {(e.profile, e.payoffs) for e in got} == want
    assert _summary(got) == _summary(_general(g))


def test_rock_paper_scissors_and_a_negative_zero_payoff():
    A = [[0.0, -1.0, 1.0], [1.0, 0.0, -1.0], [-1.0, 1.0, 0.0]]
    got = CB.compiled_float_equilibria(_game(A, -np.array(A)))
    third = 1.0 / 3.0
    assert [(e.profile, e.payoffs) for e in got] == [(((third,) * 3, (third,) * 3), (0.0, 0.0))]
    # a pure equilibrium paying -0.0: the exact 0, returned as 0.0
    g = _game([[-0.0, 1.0, 2.0], [-5.0, -3.0, -4.0]], [[3.0, 1.0, 2.0], [0.0, 5.0, 4.0]])
    got = CB.compiled_float_equilibria(g)
    assert repr(list(got)[0].payoffs) == "(0.0, 3.0)"
    assert _summary(got) == _summary(_general(g))


def test_tableaux_recomputed_from_their_bases_give_the_same_result(monkeypatch):
    rng = np.random.default_rng(3)
    games = [_game(rng.standard_normal((n, n)), rng.standard_normal((n, n))) for n in (4, 6, 8)]
    before = [_summary(CB.compiled_float_equilibria(g)) for g in games]
    monkeypatch.setattr(CB, "_QUEUED_FLOATS", 1)  # a pool of two tableaux
    assert [_summary(CB.compiled_float_equilibria(g)) for g in games] == before


def test_past_the_vertex_cap_the_general_path_decides(monkeypatch):
    rng = np.random.default_rng(4)
    g = _game(rng.standard_normal((6, 6)), rng.standard_normal((6, 6)))
    want = _summary(_general(g))
    monkeypatch.setattr(CB, "_MAX_VERTICES", 3)
    assert CB.compiled_float_equilibria(g) is None
    assert _summary(equilibria(g)) == want


def test_out_of_range_payoffs_are_left_to_the_general_path():
    tiny = _game([[1e-305, 0.0, 3e-305], [2e-305, 1e-305, 0.0]],
                 [[0.0, 1e-305, 2e-305], [3e-305, 0.0, 1e-305]])
    assert CB.compiled_float_equilibria(tiny) is None
    assert _summary(equilibria(tiny)) == _summary(_general(tiny))


def test_the_certificate_on_hand_made_tableaux():
    C = np.array([[0.5, 0.25], [0.25, 0.5]])
    p, d = C.shape
    g = 16 * 2.0 ** -52
    T = np.zeros((p, d + p + 1))
    basis = np.array([d, d + 1])
    assert KM._tableau(C, basis, T)
    assert KM._certified(C, T, basis, p, d, g, np.empty(p))  # the origin: slacks 1 and 1
    both = np.array([0, 1])  # the vertex (4/3, 4/3): both constraints tight
    assert KM._tableau(C, both, T)
    assert np.allclose(T[:, -1], [4 / 3, 4 / 3])
    assert KM._certified(C, T, both, p, d, g, np.empty(p))
    bad = T.copy()
    bad[:, d:d + p] *= 1.7  # an approximate inverse too far off proves nothing
    assert not KM._certified(C, bad, both, p, d, g, np.empty(p))
    neg = T.copy()
    neg[0, -1] = -neg[0, -1]  # a solution that misses by far: not near the proposal
    assert not KM._certified(C, neg, both, p, d, g, np.empty(p))
    # x_1 with the slack of row 0: row 0 reads 0.25 x_1 + s_0 = 1 and row 1 0.5 x_1 = 1,
    # so s_0 = 1/2 > 0, a vertex; x_0 with slack 1 and x_1 with slack 0 are others
    other = np.array([1, d])
    assert KM._tableau(C, other, T) and KM._certified(C, T, other, p, d, g, np.empty(p))
    # an infeasible basis: x_0 and the slack of row 0 (x_0 = 4, s_0 = -1)
    assert KM._tableau(C, np.array([d, 0]), T)
    assert not KM._certified(C, T, np.array([d, 0]), p, d, g, np.empty(p))
    # a singular basis
    assert not KM._tableau(np.array([[0.5, 0.5], [0.5, 0.5]]), both, T)


class _FakeCompiler:
    """A compiling process that finishes when told to."""

    def __init__(self):
        self.returncode = None

    def poll(self):
        return self.returncode


def test_the_kernel_is_compiled_in_a_separate_process_after_enough_work(monkeypatch):
    started, loads = [], []
    monkeypatch.setitem(CB._state, "kernel", None)
    monkeypatch.setitem(CB._state, "spent", 0.0)
    monkeypatch.setitem(CB._state, "compiler", None)
    monkeypatch.setattr(CB, "SECONDS_BEFORE_COMPILING", 0.5)
    monkeypatch.setattr(CB, "_start_compiler", lambda: started.append(_FakeCompiler()) or started[-1])
    monkeypatch.setattr(CB, "compile_kernel", lambda: loads.append(1) or KM.compile_kernel())
    for _ in range(4):
        CB.note_general_time(0.1)
    assert started == [] and not CB.kernel_ready()
    CB.note_general_time(0.1)  # half a second in all
    [proc] = started
    CB.note_general_time(1.0)
    assert len(started) == 1  # started once
    assert not CB.kernel_ready() and loads == []  # still compiling: the general path serves
    proc.returncode = 0
    assert not CB.kernel_ready(time_limit=1.0) and loads == []  # not loaded within a time limit
    assert CB.kernel_ready() and loads == [1] and CB.kernel_loaded()
    assert CB.kernel_ready() and loads == [1]  # loaded once


def test_a_failed_compilation_leaves_the_general_path(monkeypatch):
    monkeypatch.setitem(CB._state, "kernel", None)
    monkeypatch.setitem(CB._state, "compiler", _FakeCompiler())
    monkeypatch.setitem(CB._state, "unavailable", False)
    CB._state["compiler"].returncode = 1
    assert not CB.kernel_ready() and CB._state["unavailable"]
    CB.note_general_time(10.0)
    assert CB._state["compiler"] == CB._DONE  # nothing new started


def test_the_compiling_process_builds_the_kernel():
    proc = CB._start_compiler()
    assert proc.wait(timeout=600) == 0


def test_equilibria_uses_the_kernel_within_its_sizes(monkeypatch):
    used = []
    real = CB.compiled_float_equilibria
    monkeypatch.setattr(nash, "compiled_float_equilibria",
                        lambda game, max_k: used.append(game.shape) or real(game, max_k))
    rng = np.random.default_rng(5)
    for shape in [(3, 3), (2, 5), (9, 9)]:
        g = _game(rng.standard_normal(shape), rng.standard_normal(shape))
        assert _summary(equilibria(g)) == _summary(_general(g))
    assert used == [(3, 3), (2, 5), (9, 9)]
    used.clear()
    g8 = _game(rng.standard_normal((8, 8)), rng.standard_normal((8, 8)))
    g9 = _game(rng.standard_normal((9, 9)), rng.standard_normal((9, 9)))
    equilibria(g8, time_limit=60.0)
    equilibria(g9, time_limit=60.0)  # (the general path can stop at the limit; the kernel not)
    assert used == [(8, 8)]
    used.clear()
    equilibria(_game([[1.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 1.0]]))  # the 2 x 2 closed form
    exact = NormalFormGame.from_bimatrix([[1, 0, 2], [0, 1, 1]], [[1, 0, 2], [0, 1, 1]])
    equilibria(exact)  # (exact payoffs: the exact path)
    assert used == []
