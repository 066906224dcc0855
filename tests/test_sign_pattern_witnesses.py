"""Witness search of the vertex fast path (solvers.evolution.sign_patterns).

* the classes of a triangular Jacobian equal their definitions from the
  eigenvalue signs (z3 equivalence), also when the sign patterns needed are
  rare among the sampled points (thresholds far from the sampling scale);
* every pattern the targeted search reports holds somewhere on the space (z3);
* the exact membership test of the search agrees with ``ParameterSpace.contains``;
* the vertex table of ``collective_inaction`` is the strict-Nash table of
  Friedman (1991) / Selten (1980), obtained without any z3 query.
"""

from __future__ import annotations

import importlib
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings, strategies as st

from games import catalog
from games.conditions import clear_caches, is_satisfiable, is_valid
from games.parameters import ParameterSpace
from solvers.evolution import replicator, stability

sp = importlib.import_module("solvers.evolution.sign_patterns")

SPACE = ParameterSpace({"a": "positive", "b": "nonnegative", "c": "(0, 1]", "d": "(0, 1)", "e": "[-2, 3]"})
A, B, C, D, E = (SPACE[n] for n in "abcde")


def _definitions(eig):
    """Each stability class of a matrix with these real eigenvalues, from their signs."""
    return {
        "stable": sympy.And(*[sympy.Lt(e, 0) for e in eig]),
        "unstable": sympy.And(*[sympy.Gt(e, 0) for e in eig]),
        "saddle": sympy.And(*[sympy.Ne(e, 0) for e in eig], sympy.Or(*[sympy.Lt(e, 0) for e in eig]),
                            sympy.Or(*[sympy.Gt(e, 0) for e in eig])),
        "non-hyperbolic": sympy.Or(*[sympy.Eq(e, 0) for e in eig]),
    }


def _check_classes(eig, space):
    got = sp.triangular_classes(eig, space)
    for cls, definition in _definitions(eig).items():
        if cls in got:
            assert is_valid(sympy.Equivalent(got[cls], definition), space) is True, (cls, got[cls])
            assert is_satisfiable(got[cls], space) is True, cls
        else:
            assert is_satisfiable(definition, space) is False, cls
    return got


def test_rare_patterns_keep_every_independent_conjunct():
    # each eigenvalue depends on its own parameter, far from the sampling scale: all eight sign
    # patterns occur, so no conjunct of "stable" / "unstable" is implied by the others
    eig = [A - 10**6, B - sympy.Rational(1, 10**6), C - sympy.Rational(999999, 10**6)]
    got = _check_classes(eig, SPACE)
    assert set(got) == {"stable", "unstable", "saddle", "non-hyperbolic"}
    assert len(sympy.And.make_args(got["stable"])) == 3
    assert len(sympy.And.make_args(got["unstable"])) == 3


def test_implied_conjunct_is_dropped():
    # a - b < 0 implies a - 2b < 0 for b >= 0: stable iff a < b, unstable iff a > 2b
    got = _check_classes([A - B, A - 2 * B], SPACE)
    assert is_valid(sympy.Equivalent(got["stable"], A < B), SPACE) is True
    assert is_valid(sympy.Equivalent(got["unstable"], A > 2 * B), SPACE) is True
    assert len(sympy.And.make_args(got["stable"])) == 1


def test_impossible_class_is_absent():
    # d - 1 < 0 on (0, 1): never unstable; stable iff a > c * 10**4
    got = _check_classes([D - 1, C * 10**4 - A], SPACE)
    assert "unstable" not in got and "saddle" in got


ATOMS = [A, B, C, D, E, A * C, B * D, sympy.Integer(1)]
coef = st.sampled_from([-1000, -7, -1, 1, 3, 1000])
lin = st.lists(st.tuples(coef, st.sampled_from(ATOMS)), min_size=1, max_size=3).map(
    lambda ts: sympy.Add(*[k * t for k, t in ts]))


@settings(max_examples=12, deadline=None)
@given(st.lists(lin, min_size=1, max_size=3))
def test_classes_equal_their_definitions(eig):
    if any(not sympy.sympify(e).free_symbols for e in eig):
        eig = [e + A for e in eig]
    _check_classes(eig, SPACE)


@settings(max_examples=15, deadline=None)
@given(st.lists(lin, min_size=2, max_size=4), st.lists(st.sampled_from([-1, 0, 1]), min_size=4, max_size=4))
def test_found_patterns_hold_somewhere(forms, wanted):
    ctx = sp._Context(SPACE)
    atoms = [ctx.atom(f) for f in forms if sympy.sympify(f).free_symbols]
    atoms = [a for a in atoms if a.poly is not None]
    if not atoms:
        return
    wit = sp._Witnesses(atoms, ctx)
    targets = {i: (s,) for i, s in zip(range(len(atoms)), wanted)}
    p = wit.find(targets)
    found = set(wit.found)
    if p is not None:
        assert all(p[i] in allowed for i, allowed in targets.items())
        found.add(p)
    for q in found:
        cond = sympy.And(*[a.rel(s) for a, s in zip(atoms, q)])
        assert is_satisfiable(cond, SPACE) is True, (forms, q)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.fractions(min_value=-3, max_value=3, max_denominator=4) | st.sampled_from(
    [Fraction(0), Fraction(1), Fraction(-2), Fraction(3)]), min_size=5, max_size=5))
def test_fast_membership_equals_space_contains(values):
    space = ParameterSpace({"a": "positive", "b": "nonnegative", "c": "(0, 1]", "d": "(0, 1)", "e": "[-2, 3]",
                            "n": "positive_integer"})
    ctx = sp._Context(space)
    for n in (Fraction(1), Fraction(3, 2)):
        pt = dict(zip((space[k] for k in "abcde"), values))
        pt[space["n"]] = n
        expected = space.contains({s.name: sympy.Rational(v.numerator, v.denominator) for s, v in pt.items()})
        assert ctx._inside(pt) is expected


def test_collective_inaction_vertices_are_strict_nash_conditions_without_z3(monkeypatch):
    # At a vertex of multi-population replicator dynamics the eigenvalues are the deviation gains
    # (Friedman 1991), so the vertex is stable iff it is a strict Nash equilibrium (Selten 1980).
    # The gains of collective_inaction (first strategy minus second, shares x, y, z):
    g = catalog.load("collective_inaction")
    s = {n: g.space[n] for n in g.space.names}
    gain = [lambda x, y, z: s["alpha"] * s["U"] * z - s["c_F"] - s["h"],
            lambda x, y, z: s["beta"] * s["W"] * z + s["theta"] * s["pi_T"] * x - s["c_T"],
            lambda x, y, z: s["R"] - s["c_O"] - s["b"] * (1 - x) + s["theta"] * s["P"] * x + s["s"] * y]
    calls = []

    def counting(name, f):
        def wrapped(*args, **kw):
            calls.append(name)
            return f(*args, **kw)
        return wrapped

    monkeypatch.setattr(sp, "decide", counting("decide", sp.decide))
    monkeypatch.setattr(sp, "is_satisfiable", counting("is_satisfiable", sp.is_satisfiable))
    clear_caches()
    tab = stability(replicator(g), vertices_only=True)
    assert calls == []  # every pattern needed is shown by an exact witness
    assert len(tab) == 8
    for row in tab:
        x, y, z = row.point.coordinates
        # deviation gain of each population: playing strategy 2 (share 0) it gains +gain by switching
        dev = [sympy.expand(f(x, y, z) * (1 if c == 0 else -1)) for f, c in zip(gain, (x, y, z))]
        conds = dict(row.classes)
        want = {"stable": sympy.And(*[d < 0 for d in dev]), "unstable": sympy.And(*[d > 0 for d in dev])}
        for cls, w in want.items():
            if cls in conds:
                assert is_valid(sympy.Equivalent(conds[cls], w), g.space) is True, (row.label, cls)
            else:
                assert is_satisfiable(w, g.space) is False, (row.label, cls)
    # (compulsive, nominal, formal): stable iff R < c_O + b
    cnf = tab.find((0, 0, 0))
    assert is_valid(sympy.Equivalent(dict(cnf.classes)["stable"], s["R"] < s["c_O"] + s["b"]), g.space) is True


@settings(max_examples=25, deadline=None)
@given(st.sampled_from("abcde"), st.sampled_from([-3, -1, 2]), st.sampled_from([-3, -2, -1, 0, 1, 2, 3, 5]))
def test_domain_signs_equal_z3(name, k, m):
    # the signs of k*x + m on x's domain, read from the bounds, against z3 sign by sign
    x = SPACE[name]
    ctx = sp._Context(SPACE)
    a = ctx.atom(k * x + m)
    got = ctx.domain_signs(a) if a.poly is not None else {a.sgn}  # else: sign fixed by assumptions
    assert got is not None
    for s, rel in ((-1, sympy.Lt), (0, sympy.Eq), (1, sympy.Gt)):
        assert (s in got) is is_satisfiable(rel(k * x + m, 0), SPACE), s
