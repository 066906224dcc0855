"""Tests of solvers.backward_induction (subgame-perfect equilibria of game trees)."""

from __future__ import annotations

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from games._tree_strategies import game_trees
from games.catalog.trees import beer_quiche, centipede, entry_deterrence, entry_mixed_subgame, trust_game, ultimatum
from games.errors import GameError, GovgamesWarning, InvalidGame, UnsupportedGame
from games.extensive_form import GameTree, chance, decision, terminal
from games.parameters import ParameterSpace
from games.testing import points
from solvers.backward_induction import outcome_regimes, subgame_perfect, verify_subgame_perfect
from solvers.equilibrium import Equilibrium

R = sympy.Rational


# --- helpers ---------------------------------------------------------------------------------

def kuhn_profile(tree: GameTree, nf, beh: dict) -> tuple:
    """Mixed strategies over the reduced strategic form induced by behaviour strategies."""
    prof = []
    for i in range(tree.n_players):
        strats = tree._reduced_strategies(i)
        assert len(strats) == nf.shape[i]
        probs = []
        for plan in strats:
            p = sympy.Integer(1)
            for h, a in plan.items():
                p *= sympy.sympify(beh[h][a])
            probs.append(p)
        prof.append(tuple(probs))
    return tuple(prof)


def assert_nash_in_normal_form(tree: GameTree, eq: Equilibrium) -> None:
    nf = tree.to_normal_form()
    prof = kuhn_profile(tree, nf, eq.behavior_map())
    Equilibrium(prof, eq.payoffs, kind="mixed").verify(nf)
    # the expected payoffs of the induced profile are the SPE payoffs
    assert tuple(sympy.nsimplify(x) for x in nf.expected_payoffs(prof)) == \
        tuple(sympy.nsimplify(x) for x in eq.payoffs)


def key(e: Equilibrium) -> tuple:
    return (e.path, tuple(sorted((h, tuple(sorted(d.items()))) for h, d in e.behavior_map().items())),
            tuple(e.payoffs))


# --- literature cases ----------------------------------------------------------------------------

def test_entry_deterrence_selten():
    """Selten (1978): (In, Accommodate) is the only SPE; (Out, Fight) is Nash but not subgame perfect."""
    t = entry_deterrence()
    spe = subgame_perfect(t)
    assert len(spe) == 1 and spe.complete
    e = spe[0]
    assert e.kind == "subgame-perfect" and e.path == ("In", "Accommodate") and e.payoffs == (2, 2)
    assert e.behavior_map() == {"Entrant@root": {"Out": 0, "In": 1}, "Incumbent@In": {"Fight": 0, "Accommodate": 1}}
    nf = t.to_normal_form()
    out_fight = Equilibrium(((1, 0), (1, 0)), nf.payoff(("Out", "Fight")), kind="pure")
    assert out_fight.verify(nf) is out_fight  # Nash in the strategic form ...
    bad = Equilibrium((), (1, 5), kind="subgame-perfect",
                      behavior={"Entrant@root": {"Out": 1, "In": 0}, "Incumbent@In": {"Fight": 1, "Accommodate": 0}},
                      path=("Out",))
    with pytest.raises(GameError, match="Incumbent"):
        verify_subgame_perfect(t, bad)  # ... but the threat to fight is not credible


@pytest.mark.parametrize("n", [1, 2, 3, 6, 9])
def test_centipede_take_at_once(n):
    """Rosenthal (1981): every mover takes; the game ends at the first node with (2, 0)."""
    spe = subgame_perfect(centipede(n))
    assert len(spe) == 1
    assert spe[0].path == ("Take",) and spe[0].payoffs == (2, 0)
    assert all(d["Take"] == 1 for d in spe[0].behavior_map().values())


def test_ultimatum_two_spe_with_discrete_offers():
    """Discrete ultimatum game (Güth et al. 1982): offer 0 accepted, or offer 1 with 0 rejected."""
    spe = subgame_perfect(ultimatum(4))
    assert sorted((e.path, e.payoffs) for e in spe) == [(("offer 0", "Accept"), (4, 0)),
                                                         (("offer 1", "Accept"), (3, 1))]
    # ties broken toward accepting: only the first; toward rejecting: only the second
    assert [e.path for e in subgame_perfect(ultimatum(4), tie_break="first")] == [("offer 0", "Accept")]
    assert [e.path for e in subgame_perfect(ultimatum(4), tie_break=["Reject"])] == [("offer 1", "Accept")]
    assert [e.path for e in subgame_perfect(ultimatum(4), tie_break=lambda h, acts: ("Reject",))] == \
        [("offer 1", "Accept")]


def test_trust_game_no_trust():
    """Berg, Dickhaut, McCabe (1995): the SPE benchmark sends and returns nothing."""
    spe = subgame_perfect(trust_game(2, 3))
    assert len(spe) == 1 and spe[0].path == ("send 0",) and spe[0].payoffs == (2, 0)
    assert all(d["return 0"] == 1 for h, d in spe[0].behavior_map().items() if h.startswith("Trustee"))


def test_entry_with_mixed_subgame():
    """The post-entry subgame has a unique mixed equilibrium (1/2; 3/5); the entrant enters."""
    spe = subgame_perfect(entry_mixed_subgame())
    assert len(spe) == 1 and spe.complete
    b = spe[0].behavior_map()
    assert b["Entrant@root"] == {"Out": 0, "In": 1}
    assert b["Entrant@In"] == {"Aggressive": R(1, 2), "Passive": R(1, 2)}
    assert b["Incumbent|post-entry"] == {"Fight": R(3, 5), "Accommodate": R(2, 5)}
    assert spe[0].payoffs == (R(3, 5), 0)
    assert_nash_in_normal_form(entry_mixed_subgame(), spe[0])


@pytest.mark.filterwarnings("ignore::games.errors.GovgamesWarning")
def test_beer_quiche_pooling_equilibria():
    """Cho-Kreps (1987): pooling on beer (payoff 29/10 to the sender) and pooling on quiche are SPE."""
    t = beer_quiche()
    spe = subgame_perfect(t)
    assert len(spe) == 2  # one per outcome: off-path threats that only Nash pins down are not multiplied
    for e in spe:
        assert_nash_in_normal_form(t, e)
    beer = [e for e in spe if e.behavior_map()["Sender|Strong"]["Beer"] == 1
            and e.behavior_map()["Sender|Weak"]["Beer"] == 1]
    quiche = [e for e in spe if e.behavior_map()["Sender|Strong"]["Quiche"] == 1
              and e.behavior_map()["Sender|Weak"]["Quiche"] == 1]
    assert beer and quiche
    assert all(e.payoffs[0] == R(29, 10) for e in beer)
    assert all(e.behavior_map()["Receiver|Beer"]["Don't"] == 1 for e in beer)


def test_chance_expectation_exact():
    t = GameTree.build(("A",), chance({
        "h": ("1/3", decision("A", {"x": terminal((3,)), "y": terminal((1,))})),
        "t": ("2/3", terminal((0,)))}))
    spe = subgame_perfect(t)
    assert len(spe) == 1 and spe[0].payoffs == (1,)
    # the path is a tree of outcomes: chance with its probabilities, then A's move (reached w.p. 1/3)
    assert spe[0].path == ("Nature: h (1/3) | t (2/3)", "A@h: x")
    nature, move = spe[0].path
    assert nature.player == "chance" and nature.actions == (("h", R(1, 3)), ("t", R(2, 3)))
    assert move.player == "A" and move.infoset == "A@h" and move.actions == (("x", 1),) and move.reach == R(1, 3)


def test_symbolic_tie_boundary_reported():
    space = ParameterSpace({"a": "positive", "w": "positive"})
    t = GameTree.build(("B", "O"), decision("O", {"Obey": terminal((1, "-w")), "Defy": terminal((0, "-a"))}),
                       space=space)
    spe = subgame_perfect(t)
    a, w = space["a"], space["w"]
    assert [(e.path, e.condition) for e in spe] == [(("Obey",), a >= w), (("Defy",), w >= a)]
    assert [e.path for e in spe.at({"a": 1, "w": 1})] == [("Obey",), ("Defy",)]
    assert [e.path for e in spe.at({"a": 2, "w": 1})] == [("Obey",)]
    # regimes of the core EquilibriumSet: two open regions; the boundary where both hold is a third
    assert [r.members for r in spe.regimes()] == [(0,), (1,)]
    assert sorted(r.members for r in spe.regimes(generic=False)) == [(0,), (0, 1), (1,)]


def test_tie_break_mapping_symbolic():
    space = ParameterSpace({"a": "positive", "w": "positive"})
    t = GameTree.build(("B", "O"), decision("O", {"Obey": terminal((1, "-w")), "Defy": terminal((0, "-a"))}),
                       space=space)
    spe = subgame_perfect(t, tie_break={"O@root": "Defy"})
    assert [(e.path, e.condition) for e in spe] == [(("Obey",), space["a"] > space["w"]),
                                                    (("Defy",), space["w"] >= space["a"])]


def test_max_equilibria_cap_warns():
    with pytest.warns(GovgamesWarning, match="incomplete"):
        spe = subgame_perfect(ultimatum(3), max_equilibria=1)
    assert not spe.complete and len(spe) == 1


def test_terminal_root():
    t = GameTree.build(("A", "B"), terminal((1, 2)))
    spe = subgame_perfect(t)
    assert len(spe) == 1 and spe[0].path == () and spe[0].payoffs == (1, 2)


@pytest.mark.parametrize("kwargs, exc, msg", [
    (dict(tie_break="random"), InvalidGame, "tie_break"),
    (dict(tie_break=3), InvalidGame, "tie_break"),
    (dict(max_equilibria=0), InvalidGame, "max_equilibria"),
])
def test_bad_options(kwargs, exc, msg):
    with pytest.raises(exc, match=msg):
        subgame_perfect(entry_deterrence(), **kwargs)


def test_bad_tree():
    with pytest.raises(UnsupportedGame, match="GameTree"):
        subgame_perfect(entry_deterrence().to_normal_form())


def test_outcome_regimes_numeric():
    regs = outcome_regimes(subgame_perfect(ultimatum(2)))
    assert [(r.path, r.condition, r.members) for r in regs] == [
        (("offer 0", "Accept"), sympy.true, (0,)), (("offer 1", "Accept"), sympy.true, (1,))]


def test_numeric_large_tree():
    """A numeric perfect-information tree of ~3*10^4 nodes (the vectorised fast path)."""
    import random
    rng = random.Random(1)
    levels = 9  # 3-ary tree: (3^10 - 1)/2 = 29524 nodes

    def make(d):
        if d == levels:
            return terminal((rng.random(), rng.random()))
        return decision("P1" if d % 2 == 0 else "P2", {a: make(d + 1) for a in "abc"})
    t = GameTree.build(("P1", "P2"), make(0))
    spe = subgame_perfect(t)  # the timing lives in bench/, not here
    assert len(spe) == 1 and len(spe[0].path) == levels
    verify_subgame_perfect(t, spe[0])


# --- properties ---------------------------------------------------------------------------------

@settings(max_examples=40, deadline=None)
@given(game_trees(max_depth=3, exact=True, chance_nodes=st.booleans()))
def test_pi_spe_is_nash_of_normal_form(tree):
    spe = subgame_perfect(tree)
    assert len(spe) >= 1 and spe.complete
    for e in spe:
        assert_nash_in_normal_form(tree, e)


@settings(max_examples=25, deadline=None)
@given(game_trees(max_depth=3, exact=True))
def test_no_profitable_deviation_in_any_subgame(tree):
    """Independent check: the profile restricted to every subgame is Nash in its strategic form."""
    for e in subgame_perfect(tree):
        beh = e.behavior_map()
        for h in tree.subgame_roots():
            sub = tree.subgame(h)
            nf = sub.to_normal_form()
            prof = kuhn_profile(sub, nf, beh)
            Equilibrium(prof, nf.expected_payoffs(prof), kind="mixed").verify(nf)


@settings(max_examples=30, deadline=None)
@given(game_trees(max_depth=3, exact=False, n_players=st.integers(1, 3)))
def test_float_trees(tree):
    spe = subgame_perfect(tree)
    assert not spe.exact
    for e in spe:
        verify_subgame_perfect(tree, e)


SPACE = ParameterSpace({"x": "(0, 2)", "y": "(0, 2)"})


@settings(max_examples=15, deadline=None)
@given(game_trees(max_depth=2, max_actions=3, space=SPACE, min_value=-2, max_value=2), points(SPACE, exact=True))
def test_symbolic_at_point_equals_numeric(tree, point):
    sym = subgame_perfect(tree)
    num = subgame_perfect(tree.subs(point))
    assert {key(e) for e in sym.at(point)} == {key(e) for e in num}


@pytest.mark.filterwarnings("ignore::games.errors.GovgamesWarning")
@settings(max_examples=20, deadline=None)
@given(game_trees(max_depth=3, exact=True, perfect_information=False, max_actions=2))
def test_imperfect_information_spe_is_nash(tree):
    spe = subgame_perfect(tree)
    assert len(spe) >= 1
    for e in spe:
        assert_nash_in_normal_form(tree, e)


def test_pygambit_cross_check():
    """Each SPE, as a mixed profile of the reduced normal form, is an equilibrium pygambit enumerates."""
    gbt = pytest.importorskip("pygambit")
    import numpy as np
    for t in (entry_deterrence(), centipede(4), ultimatum(2), entry_mixed_subgame()):
        nf = t.to_normal_form()
        pay = nf.float_payoffs()
        g = gbt.Game.from_arrays(np.asarray(pay[..., 0]), np.asarray(pay[..., 1]))
        res = gbt.nash.enummixed_solve(g, rational=False)
        found = [tuple(round(float(eq[s]), 6) for pl in g.players for s in pl.strategies) for eq in res.equilibria]
        for e in subgame_perfect(t):
            prof = kuhn_profile(t, nf, e.behavior_map())
            assert tuple(round(float(x), 6) for v in prof for x in v) in found
