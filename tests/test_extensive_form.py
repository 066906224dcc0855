"""Tests of games.extensive_form (GameTree and its builder) and the game_trees strategy."""

from __future__ import annotations

import json
import pickle

import networkx as nx
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from games._tree_strategies import game_trees
from games.catalog.resistance_negotiation import resistance_negotiation
from games.catalog.trees import beer_quiche, centipede, entry_deterrence, entry_mixed_subgame, trust_game, ultimatum
from games.errors import InvalidGame, InvalidPayoffs, ParameterError
from games.extensive_form import GameTree, chance, decision, terminal
from games.parameters import ParameterSpace
from games.trees import expected_payoffs, node_values, strategic_form

CATALOG_TREES = [entry_deterrence, lambda: centipede(5), ultimatum, trust_game, beer_quiche, entry_mixed_subgame,
                 resistance_negotiation]


# --- builder and structure ---------------------------------------------------------------

def test_build_structure_entry():
    t = entry_deterrence()
    assert t.nodes == ((), ("Out",), ("In",), ("In", "Fight"), ("In", "Accommodate"))
    assert t.node(()).kind == "decision" and t.node(("Out",)).kind == "terminal"
    assert t.node(("In", "Accommodate")).payoffs == (2, 2)
    assert t.is_perfect_information and t.is_exact and not t.is_symbolic
    g = t.to_networkx()
    assert g.nodes[()]["player"] == "Entrant" and g.edges[(), ("In",)]["action"] == "In"
    g.nodes[()]["player"] = "Mallory"  # a copy: the tree is unchanged
    assert t.node(()).player == "Entrant"


def test_immutable():
    t = entry_deterrence()
    with pytest.raises(AttributeError):
        t._players = ("x",)


def test_graph_constructor_relabels_to_histories():
    g = nx.DiGraph()
    g.add_node("root", chance={"H": "1/3", "T": "2/3"})
    g.add_node("h", payoffs=(1,))
    g.add_node("t", player="A")
    g.add_node("t1", payoffs=(2,))
    g.add_node("t2", payoffs=(0.5,))
    g.add_edges_from([("root", "h", {"action": "H"}), ("root", "t", {"action": "T"}),
                      ("t", "t1", {"action": "x"}), ("t", "t2", {"action": "y"})])
    t = GameTree(g, players=("A",))
    assert t.nodes == ((), ("H",), ("T",), ("T", "x"), ("T", "y"))
    assert t.node(()).probabilities == (sympy.Rational(1, 3), sympy.Rational(2, 3))
    assert not t.is_exact  # 0.5 is a float


def test_symbolic_payoffs_and_subs():
    t = resistance_negotiation()
    assert t.is_symbolic and len(t.free_symbols) == 8
    pt = dict(reform_gain=4, workload=2, soft_power=1, authority=3, mobilisation_cost=1,
              voice_cost="1/2", pilot_failure=5, concession=3)
    n = t.subs(pt)
    assert not n.is_symbolic and n.is_exact
    assert n.node(("Command", "Resist", "Leverage", "Obey")).payoffs == (2, sympy.Rational(-5, 2))
    assert resistance_negotiation(**pt) == n
    with pytest.raises(ParameterError):
        t.subs({"reform_gain": 1})
    part = resistance_negotiation(reform_gain=1, concession=2)
    assert "reform_gain" not in part.space and part.is_symbolic
    assert [str(c) for c in part.space.constraints] == ["voice_cost < 2"]
    assert part.subs({k: v for k, v in pt.items() if k not in ("reform_gain", "concession")}) == \
        resistance_negotiation(**dict(pt, reform_gain=1, concession=2))
    with pytest.raises(ParameterError, match="voice_cost < concession"):
        resistance_negotiation(voice_cost=3, concession=2)


def test_space_inferred_from_symbols():
    a = sympy.Symbol("a", positive=True)
    t = GameTree.build(("P",), decision("P", {"x": terminal((a,)), "y": terminal((1,))}))
    assert t.space.names == ("a",) and t.space.parameter("a").domain == "positive"


def test_symbolic_chance_probabilities():
    space = ParameterSpace({"p": "(0, 1)"})
    t = GameTree.build(("A",), chance({"H": ("p", terminal((1,))), "T": ("1 - p", terminal((0,)))}), space=space)
    assert t.node(()).probabilities == (space["p"], 1 - space["p"])
    with pytest.raises(InvalidGame, match="summing to 1"):
        GameTree.build(("A",), chance({"H": ("p", terminal((1,))), "T": ("p", terminal((0,)))}), space=space)


def test_information_sets_and_subgames():
    t = entry_mixed_subgame()
    assert not t.is_perfect_information
    assert t.infoset_player("Incumbent|post-entry") == "Incumbent"
    assert t.infoset_actions("Incumbent|post-entry") == ("Fight", "Accommodate")
    assert t.subgame_roots() == ((), ("In",))
    subs = t.subgames()
    assert subs[0] == t and subs[1].nodes[0] == () and len(subs[1]) == 7
    with pytest.raises(InvalidGame, match="root of a subgame"):
        t.subgame(("In", "Aggressive"))
    # beer-quiche has no proper subgame
    assert beer_quiche().subgame_roots() == ((),)
    # perfect information: every decision node roots a subgame
    assert len(centipede(4).subgame_roots()) == 4


def test_to_normal_form_reduced_and_named():
    nf = resistance_negotiation().to_normal_form()
    assert nf.strategies[0] == ("Command/Leverage", "Command/Compromise", "Consult")
    # the office: Obey at Command makes the two post-resistance sets unreachable
    assert nf.strategies[1][0] == "Obey/Accept" and "Resist/Withdraw/Accept/Accept" in nf.strategies[1]
    assert nf.shape == (3, 10)
    # centipede(4): reduced strategies of player 1: Take, Pass/Take, Pass/Pass
    assert centipede(4).to_normal_form().strategies[0] == ("Take", "Pass/Take", "Pass/Pass")


def test_to_normal_form_chance_exact():
    nf = beer_quiche().to_normal_form()
    assert nf.shape == (4, 4)
    # sender Beer/Beer, receiver never duels: 9/10*3 + 1/10*2 = 29/10
    i = nf.strategies[0].index("Beer/Beer")
    j = nf.strategies[1].index("Don't/Don't")
    assert nf.payoff((i, j))[0] == sympy.Rational(29, 10)


def test_to_latex_and_repr():
    tex = resistance_negotiation().to_latex()
    assert r"\sigma" in tex and "Command, Obey" in tex
    assert "GameTree(players=('Entrant', 'Incumbent')" in repr(entry_deterrence())


# --- value semantics (rebuild law) ----------------------------------------------------------

@pytest.mark.parametrize("factory", CATALOG_TREES)
def test_rebuild_law_catalog(factory):
    t = factory()
    d = json.loads(json.dumps(t.to_dict()))
    t2 = GameTree.from_dict(d)
    assert t2 == t and hash(t2) == hash(t)


def test_equality_distinguishes_float_and_exact():
    a = GameTree.build(("P",), decision("P", {"x": terminal((1,)), "y": terminal(("1/2",))}))
    b = GameTree.build(("P",), decision("P", {"x": terminal((1,)), "y": terminal((0.5,))}))
    assert a != b
    assert GameTree.from_dict(b.to_dict()) == b


@settings(max_examples=25, deadline=None)
@given(game_trees(max_depth=3, chance_nodes=True, exact=True))
def test_rebuild_law_random(tree):
    assert GameTree.from_dict(json.loads(json.dumps(tree.to_dict()))) == tree


# --- bad input ---------------------------------------------------------------------------------

def _leaf():
    return terminal((0, 0))


BAD_BUILDS = [
    pytest.param(lambda: GameTree.build(("A", "B"), decision("C", {"x": _leaf()})), "one of", id="unknown-player"),
    pytest.param(lambda: decision("A", [("x", _leaf()), ("x", _leaf())]), "duplicate action", id="duplicate-action"),
    pytest.param(lambda: decision("A", {}), "at least one action", id="no-actions"),
    pytest.param(lambda: GameTree.build(("A", "B"), decision("A", {"x": terminal((1,))})), "length 2",
                 id="short-payoffs"),
    pytest.param(lambda: GameTree.build(("A", "B"), chance({"h": ("1/2", _leaf()), "t": ("1/3", _leaf())})),
                 "summing to 1", id="chance-sum"),
    pytest.param(lambda: GameTree.build(("A", "B"), chance({"h": ("3/2", _leaf()), "t": ("-1/2", _leaf())})),
                 r"in \[0, 1\]", id="chance-range"),
    pytest.param(lambda: GameTree.build(("A", "B"), decision("A", {
        "x": decision("B", {"l": _leaf(), "r": _leaf()}, infoset="I"),
        "y": decision("A", {"l": _leaf(), "r": _leaf()}, infoset="I")})), "nodes of one player",
        id="infoset-players"),
    pytest.param(lambda: GameTree.build(("A", "B"), decision("A", {
        "x": decision("B", {"l": _leaf(), "r": _leaf()}, infoset="I"),
        "y": decision("B", {"l": _leaf(), "m": _leaf()}, infoset="I")})), "same actions", id="infoset-actions"),
    pytest.param(lambda: GameTree.build(("A", "A"), _leaf()), "distinct", id="duplicate-players"),
    pytest.param(lambda: GameTree.build(("A",), "leaf"), "subtree", id="root-not-spec"),
    pytest.param(lambda: terminal(5), "sequence", id="terminal-scalar"),
]


@pytest.mark.parametrize("make, msg", BAD_BUILDS)
def test_bad_builds(make, msg):
    with pytest.raises(InvalidGame, match=msg):
        make()


def test_bad_graphs():
    g = nx.DiGraph([(0, 1), (1, 2), (2, 0)])
    with pytest.raises(InvalidGame, match="a tree"):
        GameTree(g, players=("A",))
    g = nx.DiGraph()
    g.add_node(0, player="A")
    g.add_node(1)
    g.add_edge(0, 1, action="x")
    with pytest.raises(InvalidGame, match="given payoffs"):
        GameTree(g, players=("A",))
    g = nx.DiGraph()
    g.add_node(0, player="A")
    g.add_node(1, payoffs=(1,))
    g.add_node(2, payoffs=(1,))
    g.add_edge(0, 1, action="x")
    g.add_edge(0, 2, action="x")
    with pytest.raises(InvalidGame, match="duplicate action"):
        GameTree(g, players=("A",))
    with pytest.raises(InvalidGame, match="networkx.DiGraph"):
        GameTree(nx.Graph(), players=("A",))


def test_bad_payoff_values():
    with pytest.raises(InvalidPayoffs):
        GameTree.build(("A",), decision("A", {"x": terminal((float("nan"),)), "y": terminal((1,))}))
    space = ParameterSpace({"g": "positive"})
    with pytest.raises(ParameterError, match="unknown"):
        GameTree.build(("A",), decision("A", {"x": terminal(("h",)), "y": terminal((1,))}), space=space)


# --- the strategy itself ------------------------------------------------------------------------

@settings(max_examples=20, deadline=None)
@given(game_trees(n_players=3, max_depth=3, perfect_information=False, chance_nodes=True, exact=False))
def test_game_trees_strategy(tree):
    assert tree.n_players == 3
    assert all(isinstance(v, float) for h in tree.terminals for v in tree.node(h).payoffs)
    for h, nodes in tree.infosets.items():
        assert len({tree.node(x).player for x in nodes}) == 1


@pytest.mark.parametrize("kwargs", [dict(max_actions=1), dict(n_players=0), dict(min_actions=3, max_actions=2),
                                    dict(exact="yes"), dict(min_value=3, max_value=1), dict(space=3)])
def test_game_trees_bad_arguments(kwargs):
    with pytest.raises(InvalidArgument):
        game_trees(**kwargs)


# --- recall: perfect recall, forgetting, absent-mindedness -------------------------------------------

def _driver():
    """Piccione & Rubinstein (1997), GEB 20: 3-24, the absent-minded driver: exiting at the first
    intersection pays 0, at the second 4, continuing past both 1; the two intersections are one
    information set."""
    return GameTree.build(("Driver",), decision("Driver", {
        "Exit": terminal((0,)),
        "Continue": decision("Driver", {"Exit": terminal((4,)), "Continue": terminal((1,))}, infoset="I"),
    }, infoset="I"), name="absent-minded driver")


def test_absent_minded_driver_is_representable():
    t = _driver()
    assert t.is_absent_minded and t.absent_minded_infosets == ("I",)
    assert not t.has_perfect_recall and t.imperfect_recall_infosets == ("I",)
    assert t.infosets == {"I": ((), ("Continue",))}
    assert GameTree.from_dict(t.to_dict()) == t
    # the planning-stage pure strategies: always exit (0) or always continue (1); the optimal plan of
    # P&R (continue with probability 2/3, value 4/3) is a behaviour strategy, not a mixture of these
    nf = t.to_normal_form()
    assert nf.strategies == (("Exit", "Continue"),)
    assert nf.payoff(("Exit",)) == (0,) and nf.payoff(("Continue",)) == (1,)
    assert t.subgame_roots() == ((),)


def test_solvers_refuse_absent_mindedness_citing_piccione_rubinstein():
    from games.errors import UnsupportedGame
    from solvers.backward_induction import subgame_perfect

    with pytest.raises(UnsupportedGame, match=r"Piccione & Rubinstein \(1997\).*imperfect recall.*: I'"):
        subgame_perfect(_driver())
    with pytest.raises(UnsupportedGame, match="Games and Economic Behavior 20"):
        _driver().require_no_absent_mindedness("x")
    entry_deterrence().require_no_absent_mindedness("x")  # no error


def test_forgetful_player_has_imperfect_recall_without_absent_mindedness():
    # player A forgets her first move (Kuhn 1953's condition fails at I)
    t = GameTree.build(("A", "B"), decision("A", {
        "L": decision("B", {"l": decision("A", {"x": _leaf(), "y": _leaf()}, infoset="I"), "r": _leaf()}),
        "R": decision("B", {"l": decision("A", {"x": _leaf(), "y": _leaf()}, infoset="I"), "r": _leaf()}),
    }))
    assert t.imperfect_recall_infosets == ("I",) and not t.has_perfect_recall and not t.is_absent_minded
    # player B not knowing A's move is imperfect information, not imperfect recall
    u = GameTree.build(("A", "B"), decision("A", {
        "L": decision("B", {"l": _leaf(), "r": _leaf()}, infoset="J"),
        "R": decision("B", {"l": _leaf(), "r": _leaf()}, infoset="J")}))
    assert u.has_perfect_recall and not u.is_perfect_information and not u.is_absent_minded


@pytest.mark.parametrize("factory", CATALOG_TREES)
def test_catalog_trees_have_perfect_recall(factory):
    t = factory()
    assert t.has_perfect_recall and not t.is_absent_minded


@settings(max_examples=25, deadline=None)
@given(game_trees(n_players=2, max_depth=3, perfect_information=False, chance_nodes=True))
def test_recall_flags_match_their_definitions(tree):
    infosets = tree.infosets
    # absent-minded: some node of an information set lies on the path to another of its nodes
    am = {h for h, nodes in infosets.items()
          if any(x != y and y[:len(x)] == x for x in nodes for y in nodes)}
    assert set(tree.absent_minded_infosets) == am and tree.is_absent_minded == bool(am)

    # perfect recall (Kuhn 1953): the mover's own (infoset, action) sequence is the same at every node
    def own(h, player):
        return tuple((tree.node(h[:k]).infoset, h[k]) for k in range(len(h))
                     if tree.node(h[:k]).player == player)

    bad = {h for h, nodes in infosets.items()
           if len({own(x, tree.infoset_player(h)) for x in nodes}) > 1}
    assert set(tree.imperfect_recall_infosets) == bad and tree.has_perfect_recall == (not bad)
    assert am <= bad  # absent-mindedness is a failure of perfect recall
    if tree.is_perfect_information:
        assert tree.has_perfect_recall


# --- the games.trees modules: flat form, constructors, expected payoffs ------------------------

def test_extensive_form_reexports_the_tree_package():
    import games.extensive_form as ef
    import games.trees as gt
    for name in ef.__all__:
        assert getattr(ef, name) is getattr(gt, name, getattr(ef, name))
    assert ef.GameTree is gt.GameTree and ef.decision is gt.decision
    t = entry_deterrence()
    assert pickle.loads(pickle.dumps(t)) == t


def test_flat_form_is_the_preorder_of_the_tree():
    t = beer_quiche()
    f = t.flat
    assert f.hist == t.nodes and len(f.hist) == len(t)
    for i, h in enumerate(f.hist):
        assert f.index[h] == i
        assert all(f.parent[c] == i and f.hist[c] == h + (a,) for c, a in zip(f.children[i], f.actions[i]))
    assert {h: tuple(f.hist[i] for i in nodes) for h, nodes in f.infosets.items()} == t.infosets
    arr = t.arrays()
    assert arr["parent"].tolist() == list(f.parent)
    for i, k in enumerate(f.kind):
        assert arr["kind"][i] == {"t": 0, "d": 1, "c": 2}[k]
        if k == "t":
            assert arr["payoffs"][i].tolist() == [float(v) for v in f.payoffs[i]]
        if f.parent[i] >= 0 and f.kind[f.parent[i]] == "c":
            j = f.parent[i]
            assert arr["prob"][i] == float(f.probs[j][f.children[j].index(i)])


@settings(max_examples=20, deadline=None)
@given(game_trees(max_depth=3, chance_nodes=True, perfect_information=False))
def test_from_nodes_and_map_values(tree):
    assert GameTree.from_nodes([tree.node(h) for h in tree.nodes], tree.players, space=tree.space,
                               name=tree.name) == tree
    assert tree.map_values(lambda v: v, tree.space) == tree
    if "c" in tree.flat.kind:  # doubling would break the chance probabilities
        with pytest.raises(InvalidGame, match="summing to 1|in \\[0, 1\\]"):
            tree.map_values(lambda v: 2 * v, tree.space)
        return
    doubled = tree.map_values(lambda v: 2 * v, tree.space)
    assert [doubled.node(h).payoffs for h in tree.terminals] == \
        [tuple(2 * v for v in tree.node(h).payoffs) for h in tree.terminals]


def test_from_nodes_rejects_nodes_out_of_preorder():
    t = entry_deterrence()
    views = [t.node(h) for h in t.nodes]
    with pytest.raises(InvalidGame, match="preorder"):
        GameTree.from_nodes(views[1:] + views[:1], t.players)
    with pytest.raises(InvalidGame, match="NodeView"):
        GameTree.from_nodes([("not", "a", "node")], t.players)


def test_expected_payoffs_closed_forms():
    # entry deterrence (Selten 1978 chain-store stage game, catalog payoffs): Out gives (1, 5)
    t = entry_deterrence()
    R = sympy.Rational
    assert expected_payoffs(t, {"Entrant@root": "Out", "Incumbent@In": "Fight"}) == (1, 5)
    # mixing In with q and Accommodate with p: (1-q)(1, 5) + q[(1-p)(0, 0) + p(2, 2)]
    q, p = R(1, 3), R(3, 4)
    beh = {"Entrant@root": {"Out": 1 - q, "In": q}, "Incumbent@In": {"Fight": 1 - p, "Accommodate": p}}
    assert expected_payoffs(t, beh) == ((1 - q) + 2 * q * p, 5 * (1 - q) + 2 * q * p)
    assert node_values(t, beh)[0] == expected_payoffs(t, beh)
    with pytest.raises(InvalidGame, match="root"):
        expected_payoffs(t, beh, root=("Nowhere",))


@settings(max_examples=20, deadline=None)
@given(game_trees(n_players=2, max_depth=3, chance_nodes=True, perfect_information=True), st.data())
def test_behaviour_and_mixed_strategies_give_the_same_payoffs(tree, data):
    """Kuhn (1953): with perfect recall, the mixed strategy putting prod_h b_h(s(h)) on each reduced
    strategy s is realization equivalent to the behaviour strategy b (Osborne & Rubinstein 1994, Prop. 214.1)."""
    probs = st.integers(0, 4)
    beh = {}
    for h in tree.infosets:
        w = [data.draw(probs) for _ in tree.infoset_actions(h)]
        if not any(w):
            w[0] = 1
        beh[h] = {a: sympy.Rational(x, sum(w)) for a, x in zip(tree.infoset_actions(h), w)}
    _, strategies, _, _ = strategic_form(tree)
    mixed = [[sympy.prod([beh[h][a] for h, a in s.items()]) for s in strats] for strats in strategies]
    assert all(sum(m) == 1 for m in mixed)
    assert tree.to_normal_form().expected_payoffs(mixed) == tuple(sympy.nsimplify(v) for v in
                                                                  expected_payoffs(tree, beh))
    assert node_values(tree, beh)[0] == expected_payoffs(tree, beh)
