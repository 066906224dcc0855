"""Encoding a researcher's own model: NormalFormGame.from_table, ParameterSpace.from_table, bad models refused."""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from hypothesis import given, settings

import solvers
from games.bargaining import AlternatingOffers
from games.conditions import is_valid
from games.errors import InvalidPayoffs, ParameterError
from games.normal_form import NormalFormGame
from games.parameters import Parameter, ParameterSpace
from games.testing import normal_form_games
from solvers.nash_bargaining import nash_bargaining

# --- a researcher-style 2x2x2 model: regulator, firm, public ------------------------------------

ROWS = [
    ("B", "positive", "B", "regulator's benefit from a complying firm", 4),
    ("c_s", "positive", "c_s", "regulator's cost of strict enforcement", 2),
    ("F", "positive", "F", "fine paid by a caught violator", 3),
    ("k", "positive", "k", "firm's cost of complying", 4),
    ("r", "positive", "r", "reward the regulator pays the public for a report", 1),
    ("s", "positive", "s", "public's cost of reporting", 2),
    ("L", "positive", "L", "public's loss from a violation", 1),
    ("R", "positive", "R", "regulator's reputational loss when a violation is reported under lax rule", 1),
]
PLAYERS = ("regulator", "firm", "public")
TABLE = {
    ("strict", "comply", "report"): ("B - c_s", "-k", "-s"),
    ("strict", "comply", "silent"): ("B - c_s", "-k", 0),
    ("strict", "violate", "report"): ("F - c_s - r", "-F", "r - s - L"),
    ("strict", "violate", "silent"): ("F - c_s", "-F", "-L"),
    ("lax", "comply", "report"): ("B", "-k", "-s"),
    ("lax", "comply", "silent"): ("B", "-k", 0),
    ("lax", "violate", "report"): ("-R - r", "-F", "r - s - L"),
    ("lax", "violate", "silent"): (0, 0, "-L"),
}


@pytest.fixture(scope="module")
def space():
    return ParameterSpace.from_table(ROWS)


@pytest.fixture(scope="module")
def model(space):
    return NormalFormGame.from_table(TABLE, players=PLAYERS, space=space)


def test_model_payoff_array_equals_the_hand_laid_array(space, model):
    B, c_s, F, k, r, s, L, R = (space[n] for n, *_ in ROWS)
    hand = np.empty((2, 2, 2, 3), dtype=object)
    # payoffs[regulator, firm, public, player]; strategy 0 = strict / comply / report
    hand[0, 0, 0] = (B - c_s, -k, -s)
    hand[0, 0, 1] = (B - c_s, -k, 0)
    hand[0, 1, 0] = (F - c_s - r, -F, r - s - L)
    hand[0, 1, 1] = (F - c_s, -F, -L)
    hand[1, 0, 0] = (B, -k, -s)
    hand[1, 0, 1] = (B, -k, 0)
    hand[1, 1, 0] = (-R - r, -F, r - s - L)
    hand[1, 1, 1] = (0, 0, -L)
    assert model == NormalFormGame(hand, players=PLAYERS,
                                   strategies=(("strict", "lax"), ("comply", "violate"), ("report", "silent")),
                                   space=space)
    assert model.strategies == (("strict", "lax"), ("comply", "violate"), ("report", "silent"))
    assert len(model.space) == 8 and model.free_symbols == set(space.symbols)


def test_model_pure_equilibria_match_the_hand_derivation(space, model):
    """Hand derivation (weak inequalities: a player indifferent may stay).

    Public: after compliance reporting costs s > 0, so silent; after a violation report iff r >= s.
    Firm: under strict rule, or under lax rule with a report, violating costs F: comply iff k <= F;
    under lax rule without a report violating costs nothing, so violate (k > 0).
    Regulator: after compliance lax (c_s > 0); after (violate, report) strict iff F + R >= c_s;
    after (violate, silent) strict iff F >= c_s.
    Any profile with compliance fails (the regulator then goes lax, and lax + silent makes the firm
    violate; comply + report makes the public silent). The four candidates with a violation:
      (lax, violate, silent):     r <= s, F <= c_s
      (strict, violate, silent):  r <= s, F >= c_s, F <= k
      (strict, violate, report):  r >= s, F + R >= c_s, F <= k
      (lax, violate, report):     r >= s, F + R <= c_s, F <= k
    """
    B, c_s, F, k, r, s, L, R = (space[n] for n, *_ in ROWS)
    expected = {
        ("lax", "violate", "silent"): sympy.And(r <= s, F <= c_s),
        ("strict", "violate", "silent"): sympy.And(r <= s, F >= c_s, F <= k),
        ("strict", "violate", "report"): sympy.And(r >= s, F + R >= c_s, F <= k),
        ("lax", "violate", "report"): sympy.And(r >= s, F + R <= c_s, F <= k),
    }
    found = {}
    for eq in solvers.pure_equilibria(model):
        names = tuple(model.strategies[i][list(p).index(1)] for i, p in enumerate(eq.profile))
        found[names] = eq.condition
    assert set(found) == set(expected)
    for prof, cond in expected.items():
        assert is_valid(sympy.Equivalent(found[prof], cond), space) is True, (prof, found[prof])
    # at the table's defaults (F = 3 >= c_s = 2, F <= k = 4, r = 1 <= s = 2) only (strict, violate, silent)
    # holds, and the numeric game has exactly that equilibrium
    point = space.defaults()
    numeric = {tuple(model.strategies[i][list(p).index(1)] for i, p in enumerate(eq.profile))
               for eq in solvers.pure_equilibria(model.subs(point))}
    assert numeric == {prof for prof, cond in expected.items() if cond.subs(space.point(point)) is sympy.true}
    assert numeric == {("strict", "violate", "silent")}


def test_from_table_two_players_and_given_strategy_order():
    space = ParameterSpace.from_table([("v", "positive", "V", "value of the resource"),
                                       ("c", "positive", "C", "cost of a fight")])
    table = {("hawk", "hawk"): ("(v - c)/2", "(v - c)/2"), ("hawk", "dove"): ("v", 0),
             ("dove", "hawk"): (0, "v"), ("dove", "dove"): ("v/2", "v/2")}
    g = NormalFormGame.from_table(table, players=("row", "col"), strategies=(("dove", "hawk"),) * 2, space=space)
    v, c = space["v"], space["c"]
    assert g.payoff(("hawk", "hawk")) == ((v - c) / 2, (v - c) / 2)
    assert g.payoffs[0, 1, 1] == v and g.payoffs[0, 1, 0] == 0  # (dove, hawk) with dove first


def test_from_table_names_missing_and_repeated_profiles(space):
    partial = dict(TABLE)
    del partial[("lax", "violate", "silent")]
    del partial[("strict", "comply", "report")]
    with pytest.raises(InvalidPayoffs, match=r"2 missing: \('strict', 'comply', 'report'\), "
                                             r"\('lax', 'violate', 'silent'\)"):
        NormalFormGame.from_table(partial, players=PLAYERS, space=space)
    rows = list(TABLE.items()) + [(("lax", "violate", "silent"), (1, 1, 1))]
    with pytest.raises(InvalidPayoffs, match=r"repeated: \('lax', 'violate', 'silent'\)"):
        NormalFormGame.from_table(rows, players=PLAYERS, space=space)
    with pytest.raises(InvalidPayoffs, match=r"keyed by declared strategies; firm's are \('comply', 'violate'\)"):
        NormalFormGame.from_table({("strict", "cheat", "report"): (0, 0, 0)}, players=PLAYERS, space=space,
                                  strategies=(("strict", "lax"), ("comply", "violate"), ("report", "silent")))
    with pytest.raises(InvalidPayoffs, match=r"table\[\('strict', 'comply', 'report'\)\] must be a tuple of 3"):
        NormalFormGame.from_table({("strict", "comply", "report"): (0, 0)}, players=PLAYERS, space=space)


def test_undeclared_string_symbols_are_refused_unless_allowed(space):
    table = dict(TABLE)
    table[("lax", "violate", "silent")] = (0, "abc", "-L")
    with pytest.raises(ParameterError, match=r"table\[1, 1, 1, 1\] must be an expression in the parameters.*"
                                             r"unknown: abc"):
        NormalFormGame.from_table(table, players=PLAYERS, space=space)
    g = NormalFormGame.from_table(table, players=PLAYERS, space=space, allow_new_symbols=True)
    assert g.space.names == space.names + ("abc",) and g.space.parameter("abc").domain == "real"
    # the plain constructor and from_bimatrix refuse them the same way
    with pytest.raises(ParameterError, match=r"unknown: abc"):
        NormalFormGame([[["abc", 0], [0, 0]], [[0, 0], [0, 1]]])
    with pytest.raises(ParameterError, match=r"A\[0, 1\] must be .*unknown: abc"):
        NormalFormGame.from_bimatrix([[1, "abc"], [0, 1]], [[1, 0], [0, 1]])
    g2 = NormalFormGame.from_bimatrix([[1, "abc"], [0, 1]], [[1, 0], [0, 1]], allow_new_symbols=True)
    assert g2.space.names == ("abc",)


def test_sympy_names_in_strings_are_refused_or_bound_to_the_parameter():
    # 'O' undeclared: sympy would read Order; refused even with allow_new_symbols
    with pytest.raises(ParameterError, match="'O' is not declared and is a name sympy reads as Order"):
        NormalFormGame.from_bimatrix([["O", 0], [0, 1]], [[1, 0], [0, 1]], allow_new_symbols=True)
    # declared (a paper's notation), 'O' and 'beta' mean the parameters
    space = ParameterSpace({"O": "positive", "beta": "(0, 1)"})
    g = NormalFormGame.from_bimatrix([["O*beta", 0], [0, 1]], [[1, 0], [0, 1]], space=space)
    assert g.payoffs[0, 0, 0] == space["O"] * space["beta"]


@pytest.mark.parametrize("name, why", [
    ("lambda", "Python keyword"), ("ﬁne", "Unicode normal form"), ("1a", "not a Python identifier"),
])
def test_reserved_names_are_refused_at_declaration(name, why):
    with pytest.raises(ParameterError, match=rf"Parameter\(\): name must be a parameter name, not .*{why}"):
        ParameterSpace.from_table([(name, "positive")])


@pytest.mark.parametrize("name, why", [
    ("O", "Order"), ("I", "ImaginaryUnit"), ("E", "Exp1"), ("S", "SingletonRegistry"),
    ("N", "a name sympy reads as N"), ("Q", "AssumptionKeys"), ("beta", "beta"), ("gamma", "gamma"),
    ("zeta", "zeta"), ("pi", "Pi"),
])
def test_sympy_names_are_parameters_once_declared(name, why):
    # declared, the name means the parameter in every string parsed in the space
    space = ParameterSpace.from_table([(name, "positive")])
    assert space.sympify(f"2*{name}") == 2 * space[name] and space[name].is_Symbol
    # strict declarations refuse names sympy reads as its own objects
    with pytest.raises(ParameterError, match=rf"Parameter\(\): name must be a parameter name, not .*{why}"):
        Parameter(name, "positive", shadow=False)


def test_duplicate_names_are_refused():
    with pytest.raises(ParameterError, match=r"uniquely named .*\['a'\]"):
        ParameterSpace.from_table([("a", "positive"), ("a", "real")])


def test_contradictory_constraints_make_an_empty_space_refused():
    with pytest.raises(ParameterError, match=r"constraints must be satisfiable together with the domains \(a: real\)"
                                             r".*got \['a > 1', 'a < 0'\]"):
        ParameterSpace.from_table([("a", "real")], constraints=["a > 1", "a < 0"])
    with pytest.raises(ParameterError, match="empty"):
        ParameterSpace.from_table([("x", "(0, 1)"), ("y", "(0, 1)")], constraints=["x + y > 2"])
    # satisfiable constraints are kept
    assert len(ParameterSpace.from_table([("x", "(0, 1)"), ("y", "(0, 1)")], ["x + y > 1"]).constraints) == 1


def test_parameter_table_round_trip_and_metadata():
    rows = [("fine", "positive", "F", "fine paid by a caught violator", 3),
            ("p", "[0, 1]", r"\pi", "inspection probability", "1/2")]
    space = ParameterSpace.from_table(rows, constraints=["fine*p > 1"])
    assert space.defaults() == {"fine": 3, "p": sympy.Rational(1, 2)}
    assert space.meanings() == {"fine": "fine paid by a caught violator", "p": "inspection probability"}
    assert space.latex_names() == {space["fine"]: "F", space["p"]: r"\pi"}
    assert ParameterSpace.from_table(space.table(), space.constraints) == space
    assert ParameterSpace.from_dict(space.to_dict()) == space
    # defaults outside the domain or violating a constraint are refused
    with pytest.raises(ParameterError, match=r"default of 'p' must be in the domain \[0, 1\]; got 2"):
        ParameterSpace.from_table([("p", "[0, 1]", None, "", 2)])
    with pytest.raises(ParameterError, match=r"defaults must be a point satisfying fine\*p > 1"):
        ParameterSpace.from_table([("fine", "positive", None, "", 1), ("p", "[0, 1]", None, "", "1/2")],
                                  constraints=["fine*p > 1"])


def test_symbolic_discount_declared_outside_its_role_is_refused():
    bad = ParameterSpace({"d": "(0, 2)"})
    with pytest.raises(ParameterError, match=r"discount\[0\] must be in \(0, 1\] everywhere on the space .*"
                                             r"d on \(0, 2\)"):
        AlternatingOffers("d", space=bad)
    # on (0, 1) the same game is Rubinstein's: share (1 - d)/(1 - d**2) = 1/(1 + d)
    ok = ParameterSpace({"d": "(0, 1)"})
    d = ok["d"]
    out = solvers.bargain(AlternatingOffers("d", space=ok))
    assert sympy.simplify(out.shares[0] - 1 / (1 + d)) == 0


def test_nash_bargaining_disagreement_outside_the_feasible_set():
    with pytest.raises(ParameterError, match=r"disagreement must be a point strictly inside the feasible set "
                                             r"\(strictly below the frontier.*got \(1\.5, 0\.5\)"):
        nash_bargaining(disagreement=(1.5, 0.5))
    with pytest.raises(ParameterError, match="strictly inside the feasible set"):
        nash_bargaining(disagreement=("1/2", "1/2"))  # on the frontier: nobody can gain
    # inside: split the surplus above the disagreement point equally (Nash 1950): x = d1 + (1 - d1 - d2)/2
    assert nash_bargaining(disagreement=("1/2", "1/4")).shares == (sympy.Rational(5, 8), sympy.Rational(3, 8))


def test_piecewise_payoff_round_trips_and_solves():
    space = ParameterSpace.from_table([("a", "real", "a", "a signed state")])
    g = NormalFormGame.from_bimatrix([["Piecewise((1, a > 0), (-1, True))", 0], [0, 1]], [[1, 0], [0, 1]],
                                     space=space)
    assert NormalFormGame.from_dict(g.to_dict()) == g
    eqs = solvers.pure_equilibria(g)
    # (row 1, col 1) is an equilibrium iff the Piecewise payoff is >= 0, i.e. a > 0
    first = [e for e in eqs if e.profile == ((1, 0), (1, 0))]
    assert len(first) == 1 and is_valid(sympy.Equivalent(first[0].condition, space["a"] > 0), space) is True


@settings(max_examples=25, deadline=None)
@given(normal_form_games(n_players=3, max_strategies=3))
def test_from_table_of_a_game_is_the_game(g):
    assert NormalFormGame.from_table(g.to_table(), players=g.players) == g
    assert NormalFormGame.from_table(g.to_table(), players=g.players, strategies=g.strategies) == g


@settings(max_examples=25, deadline=None)
@given(normal_form_games(n_players=2, exact=False))
def test_from_table_of_a_float_game_is_the_game(g):
    assert NormalFormGame.from_table(g.to_table(), players=g.players) == g


def test_payoffs_that_are_not_real_on_the_space_are_refused():
    # sqrt(a) is not real where a < 0: refused, naming the entry; a nonnegative domain makes it fine
    with pytest.raises(InvalidPayoffs, match=r"payoffs\[0, 0, 0\] must be real on the whole parameter space"):
        NormalFormGame.from_bimatrix([["sqrt(a)", 0], [0, 1]], [[1, 0], [0, 1]],
                                     space=ParameterSpace({"a": "real"}))
    g = NormalFormGame.from_bimatrix([["sqrt(a)", 0], [0, 1]], [[1, 0], [0, 1]],
                                     space=ParameterSpace({"a": "nonnegative"}))
    assert g.payoffs[0, 0, 0] == sympy.sqrt(g.space["a"])
