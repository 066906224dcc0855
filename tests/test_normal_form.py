import numpy as np
import pytest
import sympy
from fractions import Fraction

from games.errors import InvalidPayoffs, ParameterError
from games.normal_form import NormalFormGame
from games.parameters import ParameterSpace

SPACE = ParameterSpace({"V": ("positive", "V", "value"), "C": ("positive", "C", "cost")}, ["C > V"])


def hawk_dove():
    V, C = SPACE["V"], SPACE["C"]
    A = [[(V - C) / 2, V], [0, V / 2]]
    return NormalFormGame.from_bimatrix(A, [list(r) for r in zip(*A)], space=SPACE,
                                        strategies=(("Hawk", "Dove"),) * 2)


def test_exact_float_and_symbolic_kinds():
    g = NormalFormGame.from_bimatrix([[1, Fraction(1, 2)], ["3/2", "0.25"]], [[0, 0], [0, 0]])
    assert g.is_exact and not g.is_symbolic
    assert g.payoffs[1, 1, 0] == sympy.Rational(1, 4) and g.payoffs.dtype == object
    f = NormalFormGame.from_bimatrix([[1.0, 2], [3, 4]], [[0, 0], [0, 0]])
    assert f.payoffs.dtype == np.float64 and not f.is_exact
    # narrow integer dtypes are widened to exact integers (no overflow downstream)
    i8 = NormalFormGame.from_bimatrix(np.array([[127, -128], [1, 2]], dtype=np.int8), np.zeros((2, 2), np.int8))
    assert i8.payoffs[0, 0, 0] + 1 == 128
    h = hawk_dove()
    assert h.is_symbolic and {s.name for s in h.free_symbols} == {"V", "C"}


def test_immutable_and_value_semantics():
    g = hawk_dove()
    assert g == hawk_dove() and hash(g) == hash(hawk_dove())
    with pytest.raises(ValueError):
        g.payoffs[0, 0, 0] = 1
    with pytest.raises(AttributeError):
        g.name = "x"
    assert NormalFormGame.from_dict(g.to_dict()) == g


def test_subs_keeps_exact_and_validates():
    g = hawk_dove()
    h = g.subs({"V": 2, "C": 4})
    assert not h.is_symbolic and h.payoff(("Hawk", "Hawk")) == (-1, -1)
    assert isinstance(h.payoffs[0, 0, 0], sympy.Integer)
    with pytest.raises(ParameterError, match="unknown parameter 'W'"):
        g.subs({"V": 2, "C": 4, "W": 1})
    with pytest.raises(ParameterError, match="C > V"):
        g.subs({"V": 4, "C": 2})


def test_expected_payoffs_exact_and_float():
    g = hawk_dove().subs({"V": 2, "C": 4})
    half = sympy.Rational(1, 2)
    assert g.expected_payoffs([[half, half], [half, half]]) == (sympy.Rational(1, 2),) * 2
    gf = NormalFormGame.from_bimatrix([[1.0, 0], [0, 1]], [[1, 0], [0, 1]])
    assert gf.expected_payoffs([[0.5, 0.5], [0.25, 0.75]]) == pytest.approx((0.5, 0.5))
    sym = hawk_dove().expected_payoffs([[1, 0], [0, 1]])
    assert sym[0] == SPACE["V"]


@pytest.mark.parametrize("mixed, match", [
    ([[0.5, 0.6], [1, 0]], "simplex"),
    ([[1.5, -0.5], [1, 0]], "simplex"),
    ([[1, 0]], "one probability vector per player"),
    ([[1, 0, 0], [1, 0]], "2 probabilities"),
])
def test_mixed_profile_validation(mixed, match):
    with pytest.raises(InvalidPayoffs, match=match):
        NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]]).expected_payoffs(mixed)


@pytest.mark.parametrize("payoffs, match", [
    ([[1, 2], [3, 4]], "n_players"),
    (np.zeros((2, 2, 3)), "n_players"),
    ([[[1, float("nan")], [0, 0]], [[0, 0], [0, 0]]], "finite"),
    ([[[1, float("inf")], [0, 0]], [[0, 0], [0, 0]]], "finite"),
    ([[[1, True], [0, 0]], [[0, 0], [0, 0]]], "bool"),
    ([], "non-empty"),
])
def test_bad_payoffs(payoffs, match):
    with pytest.raises(InvalidPayoffs, match=match):
        NormalFormGame(payoffs)


def test_bad_names_and_symbols():
    with pytest.raises(InvalidPayoffs, match="distinct names"):
        NormalFormGame.from_bimatrix([[1, 0]], [[1, 0]], strategies=(("A",), ("L", "L")))
    x = sympy.Symbol("x")
    with pytest.raises(ParameterError, match="unknown symbols"):
        NormalFormGame.from_bimatrix([[x, 0]], [[1, 0]], space=SPACE)
    with pytest.raises(InvalidPayoffs, match="same shape"):
        NormalFormGame.from_bimatrix([[1, 0]], [[1, 0], [0, 1]])


def test_from_payoff_function_three_players():
    g = NormalFormGame.from_payoff_function(lambda p: tuple(p.count("V") > 0 and (1 if s == "V" else 2) or 0
                                                            for s in p), [("V", "N")] * 3)
    assert g.shape == (2, 2, 2) and g.payoff(("N", "N", "N")) == (0, 0, 0) and g.payoff(("V", "N", "N")) == (1, 2, 2)
    assert "tabular" in g.to_latex() and g._repr_latex_().startswith("$")


def test_latex_uses_declared_names():
    sp = ParameterSpace({"delta": ("(0, 1)", r"\delta")})
    g = NormalFormGame.from_bimatrix([[sp["delta"], 0]], [[1, 0]], space=sp)
    assert r"\delta" in g.to_latex()
