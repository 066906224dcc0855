"""time_limit is a promise on every solver that can run long, also inside sympy or z3.

The solvers below run in a worker process stopped at the limit; a computation
that never ends is made here by replacing one of the solver's steps with an
endless loop (the worker is a fork, so it sees the replacement). That the
call raises at all shows the limit held: without it the test would never end.
"""

import pytest
import sympy

from games import catalog
from games.errors import UnsupportedGame
from games.normal_form import NormalFormGame
from solvers import comparative_statics, equilibria, pure_equilibria
from solvers.limits import TimeLimitExceeded, call_with_time_limit, run_limited


def _forever(*args, **kwargs):
    while True:
        sympy.factor(sympy.Symbol("x") ** 2 - 1)


def test_pure_equilibria_keeps_its_time_limit(monkeypatch):
    a = sympy.Symbol("a", positive=True)
    g = NormalFormGame.from_bimatrix([[a, 0], [1, 0]], [[a, 1], [0, 0]])
    # within the limit: the same answer as without one
    assert pure_equilibria(g, time_limit=30) == pure_equilibria(g)
    import solvers.pure

    monkeypatch.setattr(solvers.pure, "_pure_symbolic", _forever)
    with pytest.raises(UnsupportedGame, match=r"pure_equilibria\(\): time_limit must be enough .*game.subs"):
        pure_equilibria(g, time_limit=0.5)


def test_comparative_statics_keeps_its_time_limit(monkeypatch):
    game = catalog.load("inspection")
    [eq] = equilibria(game)
    assert comparative_statics(eq, wrt=["fine"], space=game.space, time_limit=30) == \
        comparative_statics(eq, wrt=["fine"], space=game.space)
    import solvers.statics

    monkeypatch.setattr(solvers.statics, "_wrt_names", _forever)
    with pytest.raises(UnsupportedGame, match=r"comparative_statics\(\): time_limit must be enough"):
        comparative_statics(eq, space=game.space, time_limit=0.5)


def test_bad_time_limits_are_refused():
    g = catalog.load("prisoners_dilemma")
    for bad in (0, -1, float("inf"), True, "1"):
        with pytest.raises(ValueError, match="time_limit must be a positive number of seconds"):
            pure_equilibria(g, time_limit=bad)


def test_nested_workers_are_stopped_with_their_parent():
    def inner(report):
        _forever()

    def outer(report):
        report("started")
        return call_with_time_limit(inner, time_limit=60, name="inner")

    with pytest.raises(TimeLimitExceeded) as info:
        call_with_time_limit(outer, time_limit=0.5, name="outer")
    assert info.value.partial == ("started",)


def test_run_limited_without_a_limit_calls_directly():
    assert run_limited(max, [3, 1], time_limit=None, name="max()", advice="") == 3
