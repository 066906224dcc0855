"""2 x 2 float games in closed form (:mod:`solvers._two_by_two`) against the general path.

The closed form must return exactly what the polytope traversal returns
(the same floats, payoffs, kinds, order, components and flags) and defer to
it (None) on every degenerate game; the textbook 2 x 2 games check it
against their published equilibria.
"""

from __future__ import annotations

import math
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import solvers.nash as nash
from games.normal_form import NormalFormGame
from solvers._support import float_tol
from solvers._two_by_two import two_by_two_float
from solvers.nash import equilibria


def _general_path(game):
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(nash, "two_by_two_float", lambda g: None)
        return equilibria(game)


def _summary(es):
    return ([(e.profile, e.payoffs, e.kind, e.method) for e in es], es.degenerate,
            es.components, es.complete, es.method, es.exact)


payoff_values = st.one_of(
    st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
    st.integers(-3, 3).map(float),  # ties: degenerate games
    st.sampled_from([0.1, 0.2, 0.3, 1 / 3, 2 / 3, 5e-324, -5e-324, 1e300, -1e300, 2.0**-1074 * 3]),
    st.floats(-1e-300, 1e-300, allow_nan=False),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(payoff_values, min_size=8, max_size=8))
def test_closed_form_is_the_general_path(values):
    A = np.array(values[:4]).reshape(2, 2)
    B = np.array(values[4:]).reshape(2, 2)
    g = NormalFormGame.from_bimatrix(A, B)
    with warnings.catch_warnings():  # degenerate games warn of continua
        warnings.simplefilter("ignore")
        general = _general_path(g)
    fast = two_by_two_float(g)
    degenerate = (A[0, 0] == A[1, 0] or A[0, 1] == A[1, 1] or B[0, 0] == B[0, 1]
                  or B[1, 0] == B[1, 1])
    assert degenerate == general.degenerate
    if fast is None:  # only a degenerate game, or a mixed probability that rounds to 0 or 1
        if not degenerate:
            a = [Fraction(v) for v in values]
            q = (a[3] - a[1]) / (a[0] - a[1] - a[2] + a[3])
            p = (a[7] - a[6]) / (a[4] - a[5] - a[6] + a[7])
            assert 0 < p < 1 and 0 < q < 1
            assert 0.0 in (float(p), float(1 - p), float(q), float(1 - q))
        return
    assert not general.degenerate
    assert _summary(fast) == _summary(general)
    assert _summary(equilibria(g)) == _summary(general)
    for e in fast:
        assert max(e.regret(g)) <= float_tol(g)


def test_mixed_probability_below_float_range_defers():
    # the mixed equilibrium q = 2^-1074 / (3 + 2^-1074) rounds to a pure profile:
    # the general path lists the two as one
    A = np.array([[3.0, 0.0], [0.0, 2.0**-1074]])
    g = NormalFormGame.from_bimatrix(A, A)
    assert two_by_two_float(g) is None
    assert [e.profile for e in equilibria(g)] == [((1.0, 0.0), (1.0, 0.0)),
                                                  ((0.0, 1.0), (0.0, 1.0))]


@pytest.mark.parametrize("A, B, expected", [
    # matching pennies: the unique equilibrium is uniform (Osborne 2004, ch. 4)
    ([[1.0, -1.0], [-1.0, 1.0]], [[-1.0, 1.0], [1.0, -1.0]],
     [(((0.5, 0.5), (0.5, 0.5)), (0.0, 0.0))]),
    # prisoner's dilemma: mutual defection only
    ([[3.0, 0.0], [5.0, 1.0]], [[3.0, 5.0], [0.0, 1.0]], [(((0.0, 1.0), (0.0, 1.0)), (1.0, 1.0))]),
    # chicken / hawk-dove with V = 2, C = 4: two asymmetric pure equilibria and
    # the mixed one playing hawk with probability V / C = 1/2 (Maynard Smith 1982)
    ([[-1.0, 2.0], [0.0, 1.0]], [[-1.0, 0.0], [2.0, 1.0]],
     [(((1.0, 0.0), (0.0, 1.0)), (2.0, 0.0)), (((0.0, 1.0), (1.0, 0.0)), (0.0, 2.0)),
      (((0.5, 0.5), (0.5, 0.5)), (0.5, 0.5))]),
])
def test_textbook_games(A, B, expected):
    es = equilibria(NormalFormGame.from_bimatrix(A, B))
    assert [(e.profile, e.payoffs) for e in es] == expected
    assert es.complete and not es.degenerate and es.components == tuple((k,) for k in range(len(es)))


def test_inspection_game_is_the_correct_rounding_of_the_closed_form():
    # inspection game (Tsebelis 1989): inspect with probability g / p, violate
    # with probability c / p; every float is the rounding of the exact value
    gain, fine, cost, penalty = 0.3, 0.7, 0.1, 0.9
    A = [[-cost, -cost], [-penalty, 0.0]]  # the inspector: inspect / not, against violate / comply
    B = [[gain - fine, 0.0], [gain, 0.0]]  # the inspectee: violate / comply
    es = equilibria(NormalFormGame.from_bimatrix(A, B))
    (e,) = es
    a = [[Fraction(v) for v in row] for row in A]
    b = [[Fraction(v) for v in row] for row in B]
    q = (a[1][1] - a[0][1]) / (a[0][0] - a[0][1] - a[1][0] + a[1][1])
    p = (b[1][1] - b[1][0]) / (b[0][0] - b[0][1] - b[1][0] + b[1][1])
    assert e.profile == ((float(p), float(1 - p)), (float(q), float(1 - q)))
    assert e.payoffs == (float(a[0][0] * q + a[0][1] * (1 - q)), float(b[0][0] * p + b[1][0] * (1 - p)))
    assert math.isclose(p, Fraction(3, 7)) and math.isclose(q, Fraction(1, 9))
