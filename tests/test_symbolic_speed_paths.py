"""Symbolic verification and the symbolic support workers: cheaper, with the same answers.

* :func:`solvers.equilibrium._normal_form` (the canonical form the symbolic
  certificate compares with 0) against ``sympy.simplify`` on random rational
  functions of two parameters: zero exactly when ``simplify`` says so, and
  equal to the input as a function;
* the forked workers of the symbolic support enumeration import no module:
  what ``sympy.simplify`` and the condition engine load on first use is
  imported once in the parent instead of once per support.
"""

from __future__ import annotations

import sys

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import solvers.support_symbolic as SS
from games.normal_form import NormalFormGame
from games.parameters import ParameterSpace
from solvers.equilibrium import _normal_form
from solvers.limits import Deadline, call_with_time_limit

a, b = sympy.symbols("a b", real=True)

_terms = st.tuples(st.integers(-3, 3), st.integers(0, 2), st.integers(0, 2))


def _poly(terms):
    return sum((c * a ** i * b ** j for c, i, j in terms), sympy.Integer(0))


@settings(max_examples=60)
@given(st.lists(_terms, min_size=1, max_size=4), st.lists(_terms, min_size=1, max_size=3),
       st.lists(_terms, min_size=1, max_size=3), st.booleans())
def test_normal_form_decides_zero_like_simplify(num, den, other, cancels):
    n, d, o = _poly(num), _poly(den), _poly(other)
    if d == 0:
        d = sympy.Integer(1)
    # a difference of two ways of writing the same function when ``cancels``
    e = n * o / (d * o) - n / d if cancels and o != 0 else n / d - o
    got = _normal_form(e)
    assert (got == 0) == (sympy.simplify(e) == 0)
    assert sympy.simplify(got - e) == 0


def test_normal_form_of_radicals_falls_back_to_simplify():
    e = sympy.sqrt(a ** 2 + 1) ** 2 - a ** 2 - 1
    assert _normal_form(e) == 0
    assert _normal_form(sympy.Rational(3, 4)) == sympy.Rational(3, 4)
    # irrational coefficients are not over QQ: simplify decides, as before (cancel would not)
    golden = sympy.GoldenRatio
    assert _normal_form(a * (golden ** 2 - golden - 1)) == 0
    assert sympy.cancel(sympy.together(a * (golden ** 2 - golden - 1))) != 0


def _probe(game, supp, *, report):
    before = set(sys.modules)
    SS._symbolic_support_worker(game, supp, report=report)
    return sorted(set(sys.modules) - before)


@pytest.mark.skipif(sys.platform == "darwin" or sys.platform.startswith("win"),
                    reason="workers are forked only where fork is the start method")
def test_forked_support_workers_import_no_modules():
    sp = ParameterSpace({"a": "real", "b": "real"})
    s, t = sp["a"], sp["b"]
    game = NormalFormGame.from_bimatrix([[s, 0], [0, 1]], [[1, 0], [0, t]], space=sp)
    # the enumeration itself (in this process) loads what its workers need
    eqs, continua, unsolved, timed_out = SS.symbolic_enumeration(game, None, Deadline(None), 20.0,
                                                                 lambda item: None)
    assert eqs and not unsolved and not timed_out
    for supp in (((0,), (0,)), ((0, 1), (0, 1))):
        assert call_with_time_limit(_probe, game, supp, time_limit=60, name="probe") == []
