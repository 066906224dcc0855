"""The fast exact paths of the stability tables agree with the general paths and with numerics.

* flint factoring / cancelling equals sympy's (identically, as rational functions);
* ``normalize_relation(..., fast=True)`` is equivalent to the default path (z3);
* the sign-pattern classification of triangular Jacobians (vertices) gives
  the same class conditions as the general block classification followed by
  ``simplify_condition`` (z3 equivalence);
* ``simplify_condition(..., witnesses=True)`` agrees with the default path;
* at sampled parameter points the symbolic class of every rest point equals
  the class read from numeric eigenvalues (numpy) of the Jacobian there.
Plus the rebuild law of the result classes, printing, and ``time_limit``.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import sympy
from hypothesis import given, settings, strategies as st

from games.conditions import is_valid, normalize_relation, simplify_condition
from games.normal_form import NormalFormGame
from games.parameters import ParameterSpace
from solvers import ess, rest_points, replicator, stability
from solvers.evolution import ESSResult, ESSSet, RestPoint, RestPoints, StabilityRow, StabilityTable, StableRegime
from games.conditions import cancel_expr, factor_expr
from solvers.evolution.routh_hurwitz import classify_eigenvalues
from solvers.evolution.stability import _analyse
from solvers.limits import TimeLimitExceeded

SPACE = ParameterSpace({"a": "positive", "b": "positive", "c": "(0, 1)", "d": "nonnegative"})
A, B, C, D = (SPACE[n] for n in "abcd")
ATOMS = [A, B, C, D, sympy.Integer(1), sympy.Integer(2), A * C, B * D]

# small linear forms in the parameters
lin = st.lists(st.tuples(st.integers(-2, 2), st.sampled_from(ATOMS)), min_size=1, max_size=3).map(
    lambda ts: sympy.Add(*[k * t for k, t in ts]))


def _equivalent(p, q, space=SPACE) -> bool:
    return is_valid(sympy.Equivalent(p, q), space) is True


@settings(max_examples=25, deadline=None)
@given(lin, lin, lin)
def test_flint_factor_and_cancel_equal_sympy(p, q, r):
    e = p * q / (r + 3) - q / (r + 3)
    assert sympy.expand(sympy.cancel(factor_expr(e) - e)) == 0
    assert sympy.expand(sympy.cancel(cancel_expr(e) - sympy.cancel(e))) == 0


@settings(max_examples=20, deadline=None)
@given(lin, lin, st.sampled_from([sympy.Lt, sympy.Gt, sympy.Le, sympy.Ge, sympy.Eq, sympy.Ne]))
def test_fast_normalisation_is_equivalent_to_the_engine(p, q, rel):
    r = rel(p * (A + 1), q * C)
    assert _equivalent(normalize_relation(r, fast=True), normalize_relation(r))


@settings(max_examples=12, deadline=None)
@given(st.lists(lin, min_size=1, max_size=3), st.lists(st.sampled_from([sympy.Lt, sympy.Gt, sympy.Ge]),
                                                        min_size=3, max_size=3))
def test_witness_conjunction_simplifier_agrees_with_simplify_condition(forms, rels):
    cond = sympy.And(*[rel(f, 0) for f, rel in zip(forms, rels)])
    fast = simplify_condition(cond, SPACE, witnesses=True)
    assert _equivalent(fast, simplify_condition(cond, SPACE))


def _sym_game(forms):
    """A 2x2x2 game whose payoffs are the given linear forms (cycled)."""
    pay = np.empty((2, 2, 2, 3), dtype=object)
    for k, idx in enumerate(itertools.product(range(2), range(2), range(2), range(3))):
        pay[idx] = forms[k % len(forms)]
    return NormalFormGame(pay)


@settings(max_examples=4, deadline=None)
@given(st.lists(lin, min_size=5, max_size=7))
def test_vertex_fast_path_equals_general_path(forms):
    dyn = replicator(_sym_game(forms))
    tab = stability(dyn, vertices_only=True)
    for row in tab:
        old = _analyse(dyn, row.point, False, True, None)  # no context: the general path
        new, ref = dict(row.classes), dict(old.classes)
        for cls in set(new) | set(ref):
            assert _equivalent(new.get(cls, sympy.false), ref.get(cls, sympy.false), dyn.space), (row.label, cls)


def _num_point(space, rng):
    if not len(space):
        return {}
    cols = space.sample_columns(1, rng=rng)
    return {n: sympy.Rational(float(cols[n][0])).limit_denominator(1000) for n in space.names}


@settings(max_examples=5, deadline=None)
@given(st.lists(lin, min_size=5, max_size=7), st.integers(0, 10_000))
def test_symbolic_classes_match_numeric_eigenvalues(forms, seed):
    dyn = replicator(_sym_game(forms))
    tab = stability(dyn, vertices_only=True)
    pt = _num_point(dyn.space, seed)
    vals = {dyn.space.symbol(k): v for k, v in pt.items()}
    for row in tab:
        J = np.array(row.jacobian.xreplace(vals).evalf().tolist(), dtype=float)
        ev = np.linalg.eigvals(J)
        if np.any(np.abs(ev.real) < 1e-9):
            continue  # on a boundary: the numeric class is not reliable
        holding = [c for c, cond in row.classes if cond.xreplace(vals) is sympy.true]
        assert holding == [classify_eigenvalues(ev)]


def test_collective_inaction_classes_match_numeric_eigenvalues():
    from games.catalog.collective_inaction import collective_inaction
    dyn = replicator(collective_inaction(), state_names=("x", "y", "z"))
    tab = stability(dyn)
    rng = np.random.default_rng(3)
    checked = 0
    for _ in range(6):
        pt = _num_point(dyn.space, rng)
        vals = {dyn.space.symbol(k): v for k, v in pt.items()}
        for row in tab:
            if row.point.condition.xreplace(vals) is not sympy.true:
                continue
            J = np.array(row.jacobian.xreplace(vals).evalf().tolist(), dtype=float)
            ev = np.linalg.eigvals(J)
            if np.any(np.abs(ev.real) < 1e-9):
                continue
            holding = [c for c, cond in row.classes if cond.xreplace(vals) is sympy.true]
            assert holding == [classify_eigenvalues(ev)], row.label
            checked += 1
    assert checked >= 8 * 6  # every vertex at every point, plus interior points where they exist


def _hd():
    V, C_ = sympy.symbols("V C", positive=True)
    return NormalFormGame.from_bimatrix([[(V - C_) / 2, V], [0, V / 2]], [[(V - C_) / 2, 0], [V, V / 2]])


def test_rebuild_law_of_the_result_classes():
    g = NormalFormGame.from_bimatrix([[sympy.Symbol("a", positive=True), 0], [0, 1]],
                                     [[sympy.Symbol("a", positive=True), 0], [0, 1]])
    dyn = replicator(g)
    tab = stability(dyn)
    rp = rest_points(dyn)
    regimes = tab.stable_sets()
    es = ess(_hd())
    objs = [tab, rp, rp[0], tab[0], es, es[0]] + list(regimes)
    for o in objs:
        back = type(o).from_dict(o.to_dict())
        assert back == o and hash(back) == hash(o), type(o)
    classes = {type(o) for o in objs}
    assert classes == {StabilityTable, RestPoints, RestPoint, StabilityRow, ESSSet, ESSResult, StableRegime}


def test_row_conditions_mapping_and_stable_condition_attribute():
    sh = NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    tab = stability(replicator(sh))
    assert tab.find((1, 1)).condition is sympy.true
    assert tab.find((1, 0)).condition is sympy.false
    assert dict(tab.find((1, 0)).conditions) == {"unstable": sympy.true}
    with pytest.raises(TypeError):
        tab[0].conditions["stable"] = sympy.false


def test_printing_is_concise():
    from games.catalog.collective_inaction import collective_inaction
    tab = stability(replicator(collective_inaction()))
    text = str(tab)
    assert len(text.splitlines()) < 100 and len(text) < 20_000
    assert "\n" not in repr(tab) and repr(tab).startswith("StabilityTable(13 rest points")
    assert sympy.latex(tab) == tab.to_latex()


def test_ess_set_keeps_tuple_behaviour():
    es = ess(_hd())
    V, C_ = sympy.symbols("V C", positive=True)
    # Maynard Smith (1982): hawk is an ESS iff V >= C, the mix (V/C, 1 - V/C) iff V < C
    assert len(es) == 2 and es.strategies[0] == (1, 0)
    assert sympy.simplify(es.strategies[1][0] - V / C_) == 0
    assert list(es) == list(es.results) and es == tuple(es.results)
    assert es.conditions == tuple(r.condition for r in es) and es.conditions[1] != sympy.true


def test_time_limit_is_validated_and_enforced():
    sh = NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    dyn = replicator(sh)
    for bad in (0, -1, float("inf"), "1", True):
        with pytest.raises(ValueError):
            stability(dyn, time_limit=bad)
        with pytest.raises(ValueError):
            rest_points(dyn, time_limit=bad)
    assert stability(dyn, time_limit=60) == stability(dyn)
    assert rest_points(dyn, time_limit=60) == rest_points(dyn)
    from games.catalog.collective_inaction import collective_inaction
    with pytest.raises(TimeLimitExceeded) as info:
        stability(replicator(collective_inaction()), time_limit=0.01)
    assert all(isinstance(r, StabilityRow) for r in info.value.partial)
