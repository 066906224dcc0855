import numpy as np
import pytest
import sympy

from games.errors import GameError
from games.normal_form import NormalFormGame
from games.parameters import ParameterSpace
from solvers.equilibrium import Equilibrium, EquilibriumSet

half = sympy.Rational(1, 2)
MP = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])


def test_verify_exact_zero_regret_and_rejects_non_equilibria():
    eq = Equilibrium(((half, half), (half, half)), (0, 0))
    assert eq.regret(MP) == (0, 0) and eq.verify(MP) is eq
    bad = Equilibrium(((1, 0), (1, 0)), (1, -1), kind="pure")
    assert bad.regret(MP) == (0, 2)
    with pytest.raises(GameError, match="gains 2"):
        bad.verify(MP)
    off = Equilibrium(((half, half + sympy.Rational(1, 10)), (half, half)), (0, 0))
    with pytest.raises(GameError, match="simplex"):
        off.verify(MP)


def test_verify_float_tolerance():
    g = NormalFormGame.from_bimatrix([[1.0, -1], [-1, 1]], [[-1.0, 1], [1, -1]])
    Equilibrium(((0.5, 0.5), (0.5 + 1e-12, 0.5 - 1e-12)), (0.0, 0.0), exact=False).verify(g)
    with pytest.raises(GameError):
        Equilibrium(((0.5, 0.5), (0.6, 0.4)), (0.0, 0.0), exact=False).verify(g)


def test_symbolic_verify_under_condition():
    space = ParameterSpace({"a": "positive"})
    a = space["a"]
    # coordination game with payoff a for (0, 0): pure (0,0) is an equilibrium for every a > 0
    g = NormalFormGame.from_bimatrix([[a, 0], [0, 1]], [[a, 0], [0, 1]], space=space)
    Equilibrium(((1, 0), (1, 0)), (a, a), kind="pure", space=space).verify(g)
    # (0, 1) vs (1, 0) is never an equilibrium
    with pytest.raises(GameError, match="fails"):
        Equilibrium(((1, 0), (0, 1)), (0, 0), kind="pure", space=space).verify(g)
    # a condition-dependent claim: row plays 0 against column mixing with weight w
    w = 1 / (1 + a)
    Equilibrium(((w, 1 - w), (w, 1 - w)), (a * w, a * w), space=space).verify(g)
    # a wrong mixed profile fails even though it is on the simplex
    with pytest.raises(GameError):
        Equilibrium(((half, half), (half, half)), (a / 2, a / 2), condition=sympy.Gt(a, 2), space=space).verify(g)


def test_at_holds_at_and_set_operations():
    space = ParameterSpace({"a": "positive"})
    a = space["a"]
    e1 = Equilibrium(((1, 0),), (a,), condition=a > 1, space=space, kind="pure")
    e2 = Equilibrium(((0, 1),), (1,), condition=a <= 1, space=space, kind="pure")
    eqs = EquilibriumSet([e1, e2], space=space)
    assert e1.holds_at({"a": 2}) and not e1.holds_at({"a": "1/2"})
    assert e1.at({"a": 0.5}) is None and e1.at({"a": 3}).payoffs == (3,)
    assert [e.profile for e in eqs.at({"a": 1})] == [((0, 1),)]
    regs = eqs.regimes()
    assert [r.members for r in regs] == [(0,), (1,)]
    assert regs[0].condition == sympy.Gt(a, 1)
    out = eqs.compile()(a=np.linspace(0.1, 3, 30))
    assert out["holds"].sum(axis=0).tolist() == [1] * 30
    assert np.all(np.isnan(out["payoffs"][0][~out["holds"][0]]))
    with pytest.raises(AttributeError):
        eqs.method = "x"


def test_rebuild_and_latex():
    space = ParameterSpace({"a": ("positive", r"\alpha")})
    a = space["a"]
    e = Equilibrium(((a / (1 + a), 1 / (1 + a)), (1, 0)), (a, 0.5), condition=a > 1, space=space,
                    behavior={"root": {"L": 1, "R": 0}}, path=("L",))
    assert Equilibrium.from_dict(e.to_dict()) == e and hash(Equilibrium.from_dict(e.to_dict())) == hash(e)
    assert r"\alpha" in e.to_latex() and "toprule" in EquilibriumSet([e]).to_latex()
    assert e.behavior_map() == {"root": {"L": 1, "R": 0}}
