"""Sequence-form solvers: literature values, the reduced normal form, pygambit and random trees."""

import itertools

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from games import catalog
from games.errors import GameError, UnsupportedGame
from games.extensive_form import GameTree, chance, decision, terminal
from games.parameters import ParameterSpace
from games.testing import game_trees
from solvers.equilibrium import Equilibrium
from solvers.nash import equilibria
from solvers.sequence_form import (realization_plan, sequence_form, sequence_form_equilibria,
                                   sequence_form_lemke, sequence_form_zero_sum, verify_sequence_form)

R = sympy.Rational


# --------------------------------------------------------------------------
# trees with known answers
# --------------------------------------------------------------------------

def kuhn_poker(cards=("J", "Q", "K")):
    """Kuhn (1950) poker: ante 1, one bet of 1; the deck's order ranks the cards."""
    rank = {c: i for i, c in enumerate(cards)}
    deals = list(itertools.permutations(cards, 2))
    p = R(1, len(deals))

    def show(c1, c2, pot):
        w = pot if rank[c1] > rank[c2] else -pot
        return terminal((w, -w))

    branches = {}
    for c1, c2 in deals:
        after_check = decision("P2", {
            "check": show(c1, c2, 1),
            "bet": decision("P1", {"fold": terminal((-1, 1)), "call": show(c1, c2, 2)}, infoset=f"1{c1}cb")},
            infoset=f"2{c2}c")
        after_bet = decision("P2", {"fold": terminal((1, -1)), "call": show(c1, c2, 2)}, infoset=f"2{c2}b")
        branches[c1 + c2] = (p, decision("P1", {"check": after_check, "bet": after_bet}, infoset=f"1{c1}"))
    return GameTree.build(("P1", "P2"), chance(branches), name="Kuhn poker")


def myerson_card_game():
    """Myerson (1991, Game Theory, sec. 2.1) card game: value 1/3 to player 1."""
    def side(w):
        return decision("P1", {
            "raise": decision("P2", {"meet": terminal((2 * w, -2 * w)), "pass": terminal((1, -1))}, infoset="2"),
            "fold": terminal((w, -w))}, infoset=f"1{'red' if w > 0 else 'black'}")
    return GameTree.build(("P1", "P2"), chance({"red": ("1/2", side(1)), "black": ("1/2", side(-1))}))


def monty_hall():
    """The contestant (P1) wins 1 from the host (P2), who must open an empty door she did not pick."""
    doors = "123"
    prize = {}
    for d in doors:
        picks = {}
        for c in doors:
            opens = {}
            for o in doors:
                if o in (c, d):
                    continue
                rest = [k for k in doors if k not in (c, o)][0]
                win_stay, win_switch = int(c == d), int(rest == d)
                opens["open" + o] = decision("P1", {"stay": terminal((win_stay, -win_stay)),
                                                    "switch": terminal((win_switch, -win_switch))},
                                             infoset=f"picked{c}-open{o}")
            picks["pick" + c] = decision("P2", opens, infoset=f"host{d}{c}")
        prize["prize" + d] = (R(1, 3), decision("P1", picks, infoset="first pick"))
    return GameTree.build(("P1", "P2"), chance(prize), name="Monty Hall")


def matching_pennies_tree():
    return GameTree.build(("P1", "P2"), decision("P1", {
        "H": decision("P2", {"h": terminal((1, -1)), "t": terminal((-1, 1))}, infoset="J"),
        "T": decision("P2", {"h": terminal((-1, 1)), "t": terminal((1, -1))}, infoset="J")}))


# --------------------------------------------------------------------------
# helpers: reduced strategies and normal-form regret, written independently of the solver
# --------------------------------------------------------------------------

def _reduced(tree, player):
    own = [h for h in tree.infosets if tree.infoset_player(h) == player]
    out = {}
    for choice in itertools.product(*(tree.infoset_actions(h) for h in own)):
        plan = dict(zip(own, choice))
        reached, stack = set(), [()]
        while stack:
            h = stack.pop()
            nd = tree.node(h)
            if nd.kind == "terminal":
                continue
            if nd.kind == "decision" and nd.player == player:
                reached.add(nd.infoset)
                stack.append(h + (plan[nd.infoset],))
            else:
                stack.extend(h + (a,) for a in nd.actions)
        key = tuple((k, plan[k]) for k in own if k in reached)
        out.setdefault(key, dict(key))
    return list(out.values())


def _nf_profile(tree, nf, beh):
    """The mixed profile of the reduced normal form realization-equivalent to a behaviour profile."""
    prof = []
    for i, pl in enumerate(tree.players):
        strats = _reduced(tree, pl)
        names = ["/".join(s.values()) or "-" for s in strats]
        if len(set(names)) != len(names):
            names = ["/".join(f"{h}:{a}" for h, a in s.items()) or "-" for s in strats]
        assert sorted(names) == sorted(nf.strategies[i])
        probs = {n: sympy.prod([sympy.nsimplify(beh[h][a]) for h, a in s.items()]) for n, s in zip(names, strats)}
        prof.append(tuple(probs[n] for n in nf.strategies[i]))
    return tuple(prof)


def _tree_value(tree, beh, h=()):
    nd = tree.node(h)
    if nd.kind == "terminal":
        return tuple(nd.payoffs)
    probs = nd.probabilities if nd.kind == "chance" else [beh[nd.infoset][a] for a in nd.actions]
    vals = [_tree_value(tree, beh, h + (a,)) for a in nd.actions]
    return tuple(sum(p * v[i] for p, v in zip(probs, vals)) for i in (0, 1))


def _assert_nf_equilibrium(tree, eq):
    nf = tree.to_normal_form()
    prof = _nf_profile(tree, nf, eq.behavior_map())
    e = Equilibrium(prof, eq.payoffs)
    assert e.regret(nf) == (0, 0)
    # payoffs agree with the normal form's expected payoffs
    assert all(sympy.simplify(sum(
        prof[0][a] * prof[1][b] * nf.payoffs[a, b, i] for a in range(len(prof[0])) for b in range(len(prof[1])))
        - eq.payoffs[i]) == 0 for i in (0, 1))


# --------------------------------------------------------------------------
# the sequence form itself
# --------------------------------------------------------------------------

def test_sequence_form_matrices_kuhn():
    sf = sequence_form(kuhn_poker())
    # 12 sequences + empty per player (KMvS 1996: 13 x 13 for Kuhn poker)
    assert sf.shape == (13, 13)
    assert sf.E.shape == (7, 13) and sf.F.shape == (7, 13)
    assert sf.exact and all(isinstance(v, sympy.Rational) for v in sf.A.ravel())
    # zero-sum: A + B = 0; every deal of probability 1/6 ends in a terminal
    assert not np.any(sf.A + sf.B)
    with pytest.raises(ValueError):
        sf.A[0, 0] = 1
    # a behaviour profile: x'Ay and x'By equal the tree's expected payoffs
    beh = {h: dict(zip(sf.tree.infoset_actions(h), (R(1, 3), R(2, 3)))) for h in sf.tree.infosets}
    x, y = realization_plan(sf, beh, 0), realization_plan(sf, beh, 1)
    assert (np.dot(np.dot(x, sf.A), y), np.dot(np.dot(x, sf.B), y)) == _tree_value(sf.tree, beh)
    assert all(sum(int(sf.E[r, j]) * x[j] for j in range(13)) == sf.e[r] for r in range(7))


def test_sequence_form_equality_and_float_tree():
    t = matching_pennies_tree()
    assert sequence_form(t) == sequence_form(t) and hash(sequence_form(t)) == hash(sequence_form(t))
    tf = GameTree.from_dict({**t.to_dict(), "nodes": [
        {**n, "payoffs": [float(v) for v in n["payoffs"]]} if n["kind"] == "terminal" else n
        for n in t.to_dict()["nodes"]]})
    sf = sequence_form(tf)
    assert not sf.exact and sf.A.dtype == np.float64
    eq = sequence_form_lemke(tf)[0]
    assert eq.behavior_map()["J"] == {"h": 0.5, "t": 0.5} and not eq.exact


def test_refusals():
    three = GameTree.build(("a", "b", "c"), decision("a", {"x": terminal((1, 2, 3)), "y": terminal((0, 0, 0))}))
    with pytest.raises(UnsupportedGame, match="two-player"):
        sequence_form(three)
    space = ParameterSpace({"g": "positive"})
    sym = GameTree.build(("a", "b"), decision("a", {"x": terminal(("g", 0)), "y": terminal((0, 1))}), space=space)
    with pytest.raises(UnsupportedGame, match="symbolic"):
        sequence_form_lemke(sym)
    # player 1 forgets her own first move (imperfect recall)
    forget = GameTree.build(("a", "b"), decision("a", {
        "L": decision("a", {"l": terminal((1, 0)), "r": terminal((0, 0))}, infoset="I"),
        "R": decision("b", {"u": decision("a", {"l": terminal((0, 0)), "r": terminal((2, 0))}, infoset="I"),
                            "d": terminal((0, 1))})}))
    with pytest.raises(UnsupportedGame, match="perfect recall"):
        sequence_form_equilibria(forget)
    with pytest.raises(UnsupportedGame, match="zero-sum"):
        sequence_form_zero_sum(catalog.load("entry_deterrence"))
    with pytest.raises(ValueError, match="time_limit"):
        sequence_form_lemke(kuhn_poker(), time_limit=-1)
    with pytest.raises(UnsupportedGame):
        sequence_form("not a tree")


# --------------------------------------------------------------------------
# values from the literature
# --------------------------------------------------------------------------

@pytest.mark.parametrize("solver", [sequence_form_lemke, sequence_form_zero_sum])
def test_kuhn_poker_value(solver):
    """Kuhn (1950): the value of the 3-card game is -1/18 to player 1."""
    eq = solver(kuhn_poker())[0]
    assert eq.payoffs == (R(-1, 18), R(1, 18))
    beh = eq.behavior_map()
    # player 2 with the king always calls a bet and bets after a check; with the jack never calls
    assert beh["2Kb"]["call"] == 1 and beh["2Kc"]["bet"] == 1 and beh["2Jb"]["call"] == 0
    # player 2 calls a bet with the queen with probability 1/3 (Kuhn 1950)
    assert beh["2Qb"]["call"] == R(1, 3)
    verify_sequence_form(kuhn_poker(), eq)


def test_kuhn_poker_extreme_equilibria():
    """Kuhn (1950): player 1's optimal strategies are a segment (bluff the jack w.p. a in [0, 1/3], bet the
    king w.p. 3a, call with the queen after check-bet w.p. a + 1/3); player 2's strategy is unique."""
    eqs = sequence_form_equilibria(kuhn_poker())
    assert eqs.complete and len(eqs) == 2 and eqs.degenerate
    ends = sorted((e.behavior_map()["1J"]["bet"], e.behavior_map()["1K"]["bet"],
                   e.behavior_map()["1Qcb"]["call"]) for e in eqs)
    assert ends == [(0, 0, R(1, 3)), (R(1, 3), 1, R(2, 3))]
    assert len({tuple(sorted((h, tuple(d.items())) for h, d in e.behavior_map().items() if h.startswith("2")))
                for e in eqs}) == 1


def test_myerson_card_game():
    """Myerson (1991, p. 97): P1 always raises red, bluffs black w.p. 1/3, P2 meets w.p. 2/3; value 1/3."""
    for eq in (sequence_form_lemke(myerson_card_game())[0], sequence_form_zero_sum(myerson_card_game())[0]):
        assert eq.payoffs == (R(1, 3), R(-1, 3))
        b = eq.behavior_map()
        assert b["1red"]["raise"] == 1 and b["1black"]["raise"] == R(1, 3) and b["2"]["meet"] == R(2, 3)
    eqs = sequence_form_equilibria(myerson_card_game())
    assert eqs.complete and len(eqs) == 1


def test_monty_hall_value():
    """Against an adversarial host the contestant still wins 2/3 by always switching."""
    t = monty_hall()
    eq = sequence_form_zero_sum(t)[0]
    assert eq.payoffs[0] == R(2, 3)
    assert sequence_form_lemke(t)[0].payoffs[0] == R(2, 3)
    sf = sequence_form(t)
    # P1: empty, 3 picks, stay/switch at 6 (pick, open) infosets; host: 2 doors to open at the 3 (prize, pick)
    # nodes where she was picked, one forced door at the other 6
    assert sf.shape == (1 + 3 + 12, 1 + 3 * 2 + 6)


def test_beer_quiche_pooling_equilibria():
    """Cho and Kreps (1987): beer-quiche has only pooling outcomes, on beer (29/10) and on quiche (21/10)."""
    t = catalog.load("beer_quiche")
    eqs = sequence_form_equilibria(t)
    assert eqs.complete and eqs.degenerate
    assert {e.payoffs for e in eqs} == {(R(29, 10), R(9, 10)), (R(21, 10), R(9, 10))}
    for e in eqs:
        b = e.behavior_map()
        assert b["Sender|Strong"] == b["Sender|Weak"]  # pooling
        _assert_nf_equilibrium(t, e)


def _signalling(m):
    """A sender of two equally likely types sends one of m messages; the receiver guesses the type."""
    msgs = [f"m{k}" for k in range(m)]

    def typ(t):
        return decision("S", {
            mm: decision("R", {"guess" + g: terminal((int(g != t) + (k == 0), int(g == t)))
                               for g in "ab"}, infoset=f"R{mm}") for k, mm in enumerate(msgs)},
            infoset=f"S{t}")
    return GameTree.build(("S", "R"), chance({"a": ("1/2", typ("a")), "b": ("1/2", typ("b"))}))


@pytest.mark.filterwarnings("ignore::games.errors.GovgamesWarning")
def test_signalling_game_against_normal_form():
    """Every sequence-form equilibrium is an equilibrium of the reduced normal form (mixed equivalent)."""
    t = _signalling(2)
    eqs = sequence_form_equilibria(t)
    assert eqs.complete
    nf_pay = {e.payoffs for e in equilibria(t.to_normal_form())}
    for e in eqs:
        _assert_nf_equilibrium(t, e)
    # isolated extreme equilibria: the payoffs are among the normal form's equilibrium payoffs
    assert {e.payoffs for e in eqs} <= nf_pay | {e.payoffs for e in eqs if eqs.degenerate}
    _assert_nf_equilibrium(t, sequence_form_lemke(t)[0])


@pytest.mark.parametrize("tree", [kuhn_poker, myerson_card_game, matching_pennies_tree,
                                  lambda: catalog.load("entry_deterrence")])
def test_lemke_is_normal_form_equilibrium(tree):
    t = tree()
    _assert_nf_equilibrium(t, sequence_form_lemke(t)[0])


def test_unique_equilibrium_matches_normal_form():
    t = myerson_card_game()
    nf_eqs = equilibria(t.to_normal_form())
    assert len(nf_eqs) == 1
    sf_eq = sequence_form_equilibria(t)[0]
    assert _nf_profile(t, t.to_normal_form(), sf_eq.behavior_map()) == nf_eqs[0].profile


def test_verify_rejects_non_equilibrium():
    t = matching_pennies_tree()
    eq = sequence_form_lemke(t)[0]
    beh = eq.behavior_map()
    beh["P1@root"] = {"H": 1, "T": 0}
    bad = Equilibrium((), eq.payoffs, behavior=beh)
    with pytest.raises(GameError):
        verify_sequence_form(t, bad)


def test_rebuild_of_results():
    eq = sequence_form_lemke(kuhn_poker())[0]
    assert Equilibrium.from_dict(eq.to_dict()) == eq


# --------------------------------------------------------------------------
# pygambit
# --------------------------------------------------------------------------

def _gambit(tree, tmp_path):
    gbt = pytest.importorskip("pygambit")
    from games.io.efg import write_efg
    path = tmp_path / "g.efg"
    write_efg(tree, str(path))
    return gbt, gbt.read_efg(str(path))


def _gambit_behavior(g, prof):
    return {iset.label: {a.label: prof[a] for a in iset.actions} for p in g.players for iset in p.infosets}


@pytest.mark.parametrize("tree", [kuhn_poker, myerson_card_game, lambda: catalog.load("beer_quiche"),
                                  lambda: _signalling(3)])
def test_pygambit_lcp_cross_check(tree, tmp_path):
    """pygambit's sequence-form LCP equilibrium passes our exact verifier; its payoffs are ours when unique."""
    t = tree()
    gbt, g = _gambit(t, tmp_path)
    res = gbt.nash.lcp_solve(g, rational=True, use_strategic=False)
    for prof in res.equilibria:
        beh = _gambit_behavior(g, prof)
        pays = tuple(R(str(prof.payoff(p))) for p in g.players)
        verify_sequence_form(t, Equilibrium((), pays, behavior=beh))
    mine = sequence_form_equilibria(t)
    assert mine.complete
    if len({e.payoffs for e in mine}) == 1:
        assert {tuple(R(str(p.payoff(q))) for q in g.players) for p in res.equilibria} == {mine[0].payoffs}


@pytest.mark.parametrize("tree", [kuhn_poker, myerson_card_game, monty_hall])
def test_pygambit_lp_value(tree, tmp_path):
    t = tree()
    gbt, g = _gambit(t, tmp_path)
    res = gbt.nash.lp_solve(g, rational=True, use_strategic=False)
    assert R(str(res.equilibria[0].payoff(list(g.players)[0]))) == sequence_form_zero_sum(t)[0].payoffs[0]


# --------------------------------------------------------------------------
# random trees
# --------------------------------------------------------------------------

_trees = game_trees(n_players=2, max_depth=3, perfect_information=st.booleans(), chance_nodes=st.booleans())


@settings(max_examples=40, deadline=None)
@given(_trees)
def test_lemke_zero_regret_random(tree):
    eq = sequence_form_lemke(tree)[0]
    assert verify_sequence_form(tree, eq) is eq
    assert all(isinstance(v, sympy.Rational) for v in eq.payoffs)
    _assert_nf_equilibrium(tree, eq)


@settings(max_examples=25, deadline=None)
@given(game_trees(n_players=2, max_depth=3, perfect_information=False, chance_nodes=st.booleans(),
                  max_actions=2))
def test_all_equilibria_random(tree):
    eqs = sequence_form_equilibria(tree)
    assert eqs.complete and len(eqs) >= 1
    lem = sequence_form_lemke(tree)[0]
    for e in eqs:
        _assert_nf_equilibrium(tree, e)
    if not eqs.degenerate:
        # a nondegenerate game has finitely many equilibria, Lemke's among them
        assert lem.behavior in {e.behavior for e in eqs}


def _zero_sum(tree):
    d = tree.to_dict()
    nodes = [{**n, "payoffs": [n["payoffs"][0], str(-sympy.Rational(n["payoffs"][0]))]}
             if n["kind"] == "terminal" else n for n in d["nodes"]]
    return GameTree.from_dict({**d, "nodes": nodes})


@pytest.mark.filterwarnings("ignore::games.errors.GovgamesWarning")
@settings(max_examples=30, deadline=None)
@given(_trees)
def test_zero_sum_value_random(tree):
    t = _zero_sum(tree)
    value = sequence_form_zero_sum(t)[0].payoffs[0]
    # the value of the reduced normal form (any of its equilibria)
    assert value == equilibria(t.to_normal_form())[0].payoffs[0]
    assert sequence_form_lemke(t)[0].payoffs[0] == value
