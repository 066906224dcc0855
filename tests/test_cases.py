"""Run ``solvers.equilibria`` on every literature case and compare the full set."""

from __future__ import annotations

import sympy
import pytest

from cases import ALL_CASES, Case, ExpectedEq
from games.conditions import is_valid

nash = pytest.importorskip("solvers.nash")


def _same(a, e, tol) -> bool:
    if tol is None:
        return sympy.simplify(sympy.sympify(a) - e) == 0
    return abs(float(a) - float(e)) <= tol


def _matches(eq, exp: ExpectedEq, tol) -> bool:
    if len(eq.profile) != len(exp.profile):
        return False
    for got, want in zip(eq.profile, exp.profile):
        if len(got) != len(want) or not all(_same(a, e, tol) for a, e in zip(got, want)):
            return False
    if exp.payoffs is not None:
        return all(_same(a, e, tol) for a, e in zip(eq.payoffs, exp.payoffs))
    return True


@pytest.mark.parametrize("case", ALL_CASES)
def test_full_equilibrium_set(case: Case):
    game = case.factory()
    eqs = nash.equilibria(game, **case.solve_kwargs)
    assert eqs.complete
    unmatched = list(eqs)
    for exp in case.expected:
        hits = [e for e in unmatched if _matches(e, exp, case.tol)]
        assert len(hits) == 1, f"{case.source}: expected {exp.profile} once, found {len(hits)} in {eqs}"
        unmatched.remove(hits[0])
    assert not unmatched, f"{case.source}: unexpected equilibria {unmatched}"
    for e in eqs:
        if case.tol is None:
            e.verify(game)
        else:
            # irrational (algebraic) probabilities: check the regret numerically
            assert max(float(sympy.N(r, 30)) for r in e.regret(game)) <= case.tol
        if game.is_symbolic:
            # every listed equilibrium holds on the whole space of these cases
            assert is_valid(e.condition, game.space) is True, e.condition


def test_inspection_tsebelis_comparative_statics():
    """Tsebelis (1989): the violation rate does not depend on the fine; inspection falls in it."""
    game = [c.values[0] for c in ALL_CASES if c.id == "tsebelis1989_inspection_symbolic"][0].factory()
    (eq,) = nash.equilibria(game)
    fine = game.space["fine"]
    violate = eq.profile[0][0]
    inspect = eq.profile[1][0]
    assert fine not in violate.free_symbols
    assert sympy.diff(violate, fine) == 0
    d = sympy.simplify(sympy.diff(inspect, fine))
    assert d.is_negative
