"""Game trees at the scale of real game files: sequence form inside backward induction, imperfect recall,
counting subgame-perfect equilibria instead of listing them, three-player subgames, the subpackage layout."""

from __future__ import annotations

import importlib
import io
import itertools
import pathlib
import warnings
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import solvers
import solvers.trees.solve
from games.errors import GameError, GovgamesWarning, InvalidGame, UnsupportedGame
from games.extensive_form import GameTree, chance, decision, terminal
from solvers.backward_induction import subgame_perfect, verify_subgame_perfect
from solvers.sequence_form import sequence_form, sequence_form_zero_sum
from solvers.trees import TreeEquilibriumSet, count_subgame_perfect

R = sympy.Rational


# --- builders ---------------------------------------------------------------------------------------

def kuhn_poker() -> GameTree:
    """Kuhn (1950) poker: three cards, ante 1, one bet of 1 (55 nodes)."""
    cards = ("J", "Q", "K")
    branches = {}
    for c1, c2 in itertools.permutations(range(3), 2):
        def show(pot, c1=c1, c2=c2):
            w = pot if c1 > c2 else -pot
            return terminal((w, -w))
        after_check = decision("P2", {
            "check": show(1),
            "bet": decision("P1", {"fold": terminal((-1, 1)), "call": show(2)}, infoset=f"1{cards[c1]}cb")},
            infoset=f"2{cards[c2]}c")
        after_bet = decision("P2", {"fold": terminal((1, -1)), "call": show(2)}, infoset=f"2{cards[c2]}b")
        branches[cards[c1] + cards[c2]] = (R(1, 6), decision("P1", {"check": after_check, "bet": after_bet},
                                                             infoset=f"1{cards[c1]}"))
    return GameTree.build(("P1", "P2"), chance(branches), name="Kuhn poker")


def signalling(m: int) -> GameTree:
    """Two types (1/3, 2/3), m costly messages, the receiver guesses the type: no proper subgame."""
    msgs = [f"m{k}" for k in range(m)]

    def typ(t, w):
        return decision("S", {
            mm: decision("R", {"guess" + g: terminal((int(g == "a") * 2 - R(k, m) * w, int(g == t)))
                               for g in "ab"}, infoset=f"R{mm}")
            for k, mm in enumerate(msgs)}, infoset=f"S{t}")
    return GameTree.build(("S", "R"), chance({"a": (R(1, 3), typ("a", 1)), "b": (R(2, 3), typ("b", 3))}))


def monty_hall() -> GameTree:
    """Monty Hall against an adversarial host (zero-sum, contestant wins 1 with the car).

    Nature hides the car behind one of three doors; the contestant picks a door; the host, who knows
    both, opens another door without the car; the contestant, seeing her pick and the open door,
    stays or switches.
    """
    doors = ("1", "2", "3")
    branches = {}
    for car in doors:
        picks = {}
        for pick in doors:
            opens = {}
            for o in doors:
                if o in (car, pick):
                    continue
                other = next(d for d in doors if d not in (pick, o))
                opens["open" + o] = decision("C", {
                    "stay": terminal((int(pick == car), -int(pick == car))),
                    "switch": terminal((int(other == car), -int(other == car)))}, infoset=f"C|{pick}{o}")
            picks["pick" + pick] = decision("H", opens, infoset=f"H|{car}{pick}")
        branches["car" + car] = (R(1, 3), decision("C", picks, infoset="C|start"))
    return GameTree.build(("C", "H"), chance(branches), name="Monty Hall")


def forgetful_own_move() -> GameTree:
    """One player forgets her first move (Kuhn 1953's example of imperfect recall)."""
    return GameTree.build(("A",), decision("A", {
        "L": decision("A", {"x": terminal((1,)), "y": terminal((0,))}, infoset="I"),
        "R": decision("A", {"x": terminal((0,)), "y": terminal((2,))}, infoset="I")}))


def forgetful_team() -> GameTree:
    """P1 moves L/R, P2 guesses it unseen, P1 moves l/r having forgotten her first move (zero-sum).

    The reduced form has the unique equilibrium 1/2 Ll + 1/2 Rr against a 1/2-1/2 guess, value 0;
    its behaviour translation (L w.p. 1/2, then l w.p. 1/2) is worth -1/4 against the guess gL: no
    behaviour strategy is equivalent (Kuhn 1953: mixed and behaviour strategies differ without
    perfect recall).
    """
    def p1(first, guess):
        def pay(second):
            if guess == first:
                return -1
            return 1 if (first, second) in (("L", "l"), ("R", "r")) else 0
        return decision("P1", {s: terminal((pay(s), -pay(s))) for s in ("l", "r")}, infoset="P1|later")
    return GameTree.build(("P1", "P2"), decision("P1", {
        f: decision("P2", {"g" + g: p1(f, g) for g in "LR"}, infoset="P2|guess") for f in "LR"},
        infoset="P1|first"))


def forgetful_of_nature() -> GameTree:
    """Nature picks H/T (1/2 each); P1 sees it and moves a/b; then P1, having forgotten the coin but not
    her move, guesses the coin (Piccione and Rubinstein 1997, a forgetful but not absent-minded player)."""
    def second(coin, own):
        return decision("P1", {g: terminal((int(g == coin) + int(own == "a"),)) for g in ("H", "T")},
                        infoset=f"P1|after {own}")
    return GameTree.build(("P1",), chance({
        c: (R(1, 2), decision("P1", {o: second(c, o) for o in "ab"}, infoset=f"P1|{c}")) for c in ("H", "T")}))


def absent_minded_driver() -> GameTree:
    return GameTree.build(("D",), decision("D", {
        "Exit": terminal((0,)),
        "Go": decision("D", {"Exit": terminal((4,)), "Go": terminal((1,))}, infoset="I")}, infoset="I"))


def gambit_game(gbt, tree):
    from games.io.efg import format_efg
    return gbt.read_efg(io.StringIO(format_efg(tree)))


def gambit_regret(gbt, tree, eq) -> Fraction:
    g = gambit_game(gbt, tree)
    b = eq.behavior_map()
    prof = g.mixed_behavior_profile(rational=True)
    for inf in g.infosets:
        for a in inf.actions:
            prof[a] = gbt.Rational(str(b[inf.label][a.label]))
    return Fraction(str(prof.max_regret()))


# --- sequence form inside backward induction ------------------------------------------------------

def test_kuhn_poker_solved_through_the_sequence_form():
    """Kuhn (1950): the game is worth -1/18 to player 1; player 1's equilibrium strategies form a
    one-parameter family (bet the jack with probability alpha in [0, 1/3], the king with 3 alpha),
    player 2's is unique: the set's extreme points are alpha = 0 and alpha = 1/3."""
    t = kuhn_poker()
    with pytest.raises(UnsupportedGame):  # the reduced form (27 x 64) is refused for size ...
        subgame_perfect(t, method="normal_form")
    spe = subgame_perfect(t)  # ... the sequence form (13 x 13 sequences) is not
    assert sequence_form(t).shape == (13, 13)
    assert spe.complete and spe.method == "backward induction + sequence form"
    assert {e.payoffs for e in spe} == {(R(-1, 18), R(1, 18))}
    alphas = sorted(e.behavior_map()["1J"]["bet"] for e in spe)
    assert alphas == [0, R(1, 3)]
    for e in spe:
        b = e.behavior_map()
        assert b["1K"]["bet"] == 3 * b["1J"]["bet"]
        assert b["2Qb"]["call"] == R(1, 3) and b["2Jc"]["bet"] == R(1, 3)  # Kuhn's player 2
        verify_subgame_perfect(t, e)
    assert spe[0].payoffs[0] == sequence_form_zero_sum(t)[0].payoffs[0]


def test_kuhn_poker_against_pygambit():
    gbt = pytest.importorskip("pygambit")
    t = kuhn_poker()
    spe = subgame_perfect(t)
    assert all(gambit_regret(gbt, t, e) == 0 for e in spe)
    lp = gbt.nash.lp_solve(gambit_game(gbt, t), rational=True).equilibria[0]
    assert Fraction(str(lp.payoff("P1"))) == Fraction(-1, 18)


def test_monty_hall_adversarial_host():
    """Against a host who must open a goat door, switching always wins with probability 2/3 and the host
    cannot do better: the value is 2/3 (Selvin 1975; the game-theoretic version, e.g. Gill 2011,
    Statistica Neerlandica 65, sect. 3)."""
    t = monty_hall()
    spe = subgame_perfect(t)
    assert spe.complete and len(spe)
    assert {e.payoffs for e in spe} == {(R(2, 3), R(-2, 3))}
    for e in spe:
        b = e.behavior_map()
        # an open door the host uses is answered by switching
        for h, d in b.items():
            if h.startswith("C|") and h != "C|start" and e.path and any(s.infoset == h for s in e.path):
                assert d["switch"] == 1
        verify_subgame_perfect(t, e)


@pytest.mark.parametrize("m", [2, 3, 4])
def test_signalling_games_match_pygambit(m):
    gbt = pytest.importorskip("pygambit")
    t = signalling(m)
    sf = subgame_perfect(t, method="sequence_form")
    nf = subgame_perfect(t, method="normal_form")
    assert sf.complete and nf.complete
    assert all(gambit_regret(gbt, t, e) == 0 for e in sf)
    # sequence-form extreme equilibria are among the reduced form's (as behaviour on the path)
    assert {e.path for e in sf} <= {e.path for e in nf}
    assert {e.payoffs for e in sf} <= {e.payoffs for e in nf}


def test_budget_exhausted_falls_back_to_lemke(monkeypatch):
    monkeypatch.setattr(solvers.trees.solve, "ENUMERATION_BUDGET", 1e-6)
    t = signalling(6)
    with pytest.warns(GovgamesWarning, match="incomplete"):
        spe = subgame_perfect(t)
    assert not spe.complete and spe.count is None
    assert spe.cap  # names what stopped the enumeration
    for e in spe:
        verify_subgame_perfect(t, e)


def test_method_option():
    t = kuhn_poker()
    with pytest.raises(InvalidGame, match="method"):
        subgame_perfect(t, method="lcp")
    three = GameTree.build(("A", "B", "C"), decision("A", {
        a: decision("B", {b: decision("C", {c: terminal((1, 0, 0)) for c in "xy"}, infoset="C|")
                          for b in "lr"}, infoset="B|") for a in "LR"}))
    with pytest.raises(UnsupportedGame, match="method"):
        subgame_perfect(three, method="sequence_form")


def test_symbolic_imperfect_information_stays_on_the_strategic_form():
    from games.parameters import ParameterSpace
    space = ParameterSpace({"c": "positive"})
    t = GameTree.build(("P1", "P2"), decision("P1", {
        "H": decision("P2", {"h": terminal(("c", "-c")), "t": terminal((-1, 1))}, infoset="J"),
        "T": decision("P2", {"h": terminal((-1, 1)), "t": terminal((1, -1))}, infoset="J")}), space=space)
    spe = subgame_perfect(t)
    assert spe.method == "backward induction + nash" and len(spe) == 1
    # mixing makes the other indifferent: P1 plays H with 2/(c + 3)
    c = space["c"]
    assert sympy.simplify(spe[0].behavior_map()["P1@root"]["H"] - 2 / (c + 3)) == 0


# --- three players --------------------------------------------------------------------------------

def three_player_simultaneous() -> GameTree:
    """Three players move at once, four actions each (a 4x4x4 reduced form), integer payoffs."""
    acts = ("a", "b", "c", "d")

    def pay(i, j, k):
        return ((3 * i + 5 * j + 7 * k) % 6, (2 * i * j + k) % 5, (i + 2 * j * k + 1) % 7)
    return GameTree.build(("P1", "P2", "P3"), decision("P1", {
        x: decision("P2", {
            y: decision("P3", {z: terminal(pay(i, j, k)) for k, z in enumerate(acts)}, infoset="P3|")
            for j, y in enumerate(acts)}, infoset="P2|")
        for i, x in enumerate(acts)}))


@pytest.mark.filterwarnings("ignore::games.errors.GovgamesWarning")
def test_three_players_within_the_time_limit():
    t = three_player_simultaneous()
    nf = t.to_normal_form()
    assert tuple(len(s) for s in nf.strategies) == (4, 4, 4)
    spe = subgame_perfect(t, time_limit=8)
    assert len(spe)
    for e in spe:
        verify_subgame_perfect(t, e)
    if spe.complete:
        assert spe.count == len(spe)
    else:
        assert spe.cap


def three_player_generic() -> GameTree:
    """The same simultaneous 4x4x4 shape with generic payoffs (three decimals, seeded)."""
    import numpy as np

    P = np.round(np.random.default_rng(5).standard_normal((4, 4, 4, 3)), 3)
    acts = ("a", "b", "c", "d")
    return GameTree.build(("P1", "P2", "P3"), decision("P1", {
        x: decision("P2", {
            y: decision("P3", {z: terminal(tuple(float(v) for v in P[i, j, k]))
                               for k, z in enumerate(acts)}, infoset="P3|")
            for j, y in enumerate(acts)}, infoset="P2|")
        for i, x in enumerate(acts)}))


def test_three_players_generic_4x4x4_is_solved_completely():
    # every support profile of the 4x4x4 reduced form is settled (certified interval
    # arithmetic, exact fallback): the list is complete, each equilibrium verified, and
    # the logit path's limit (an independent method) is one of them
    import numpy as np

    from solvers.quantal_response import logit_equilibrium

    t = three_player_generic()
    spe = subgame_perfect(t, time_limit=300)
    assert spe.complete and len(spe) == 3
    for e in spe:
        verify_subgame_perfect(t, e)
    nf = t.to_normal_form()
    [qre] = logit_equilibrium(nf)
    assert nf.strategies == (("a", "b", "c", "d"),) * 3
    qre_flat = np.concatenate([np.asarray(s, dtype=float) for s in qre.profile])
    ours = []
    for e in spe:
        moves = sorted(e.behavior_map().items())  # one information set per player, in order
        assert [name[:2] for name, _ in moves] == ["P1", "P2", "P3"]
        ours.append(np.array([float(m[a]) for _, m in moves for a in "abcd"]))
    assert any(np.allclose(qre_flat, o, atol=1e-5) for o in ours)


# --- imperfect recall ---------------------------------------------------------------------------------

def test_imperfect_recall_without_behaviour_equivalent():
    t = forgetful_team()
    assert not t.has_perfect_recall and not t.is_absent_minded
    with pytest.warns(GovgamesWarning, match="imperfect recall"):
        spe = subgame_perfect(t)
    assert isinstance(spe, TreeEquilibriumSet) and spe.perfect_recall is False and spe.complete
    nf = t.to_normal_form()
    assert len(spe) == 1
    e = spe[0]
    e.verify(nf)
    prof = dict(zip(nf.strategies[0], e.profile[0]))
    assert prof == {"L/l": R(1, 2), "L/r": 0, "R/l": 0, "R/r": R(1, 2)}
    assert e.profile[1] == (R(1, 2), R(1, 2)) and e.payoffs == (0, 0)
    assert e.behavior is None and e.kind == "mixed"  # no behaviour strategy is equivalent


def test_imperfect_recall_with_behaviour_equilibrium():
    t = forgetful_own_move()
    with pytest.warns(GovgamesWarning, match="imperfect recall"):
        spe = subgame_perfect(t)
    assert spe.perfect_recall is False
    assert [e.payoffs for e in spe] == [(2,)]
    e = spe[0]
    assert e.kind == "subgame-perfect" and e.behavior_map() == {"A@root": {"L": 0, "R": 1}, "I": {"x": 0, "y": 1}}
    verify_subgame_perfect(t, e)


def test_forgetting_nature_is_not_a_crash():
    t = forgetful_of_nature()
    assert not t.has_perfect_recall
    with pytest.warns(GovgamesWarning, match="imperfect recall"):
        spe = subgame_perfect(t)
    nf = t.to_normal_form()
    # pure optimum: play a at both coins (worth 1) and guess either coin (worth 1/2): 3/2
    assert {e.payoffs for e in spe} == {(R(3, 2),)}
    for e in spe:
        e.verify(nf)


def test_absent_minded_refused_with_citation():
    t = absent_minded_driver()
    with pytest.raises(UnsupportedGame, match="Piccione & Rubinstein"):
        subgame_perfect(t)
    from solvers.equilibrium import Equilibrium
    eq = Equilibrium((), (1,), kind="subgame-perfect", behavior={"I": {"Exit": 0, "Go": 1}}, path=())
    with pytest.raises(UnsupportedGame, match="Piccione & Rubinstein"):
        verify_subgame_perfect(t, eq)


# --- counting instead of listing ---------------------------------------------------------------------

def all_ties(depth: int) -> GameTree:
    def node(d):
        if d == depth:
            return terminal((0, 0))
        return decision("A" if d % 2 == 0 else "B", {"l": node(d + 1), "r": node(d + 1)})
    return GameTree.build(("A", "B"), node(0))


def test_count_of_all_tie_tree_is_two_to_the_decision_nodes():
    """Every profile of a tree whose leaves all pay 0 is subgame perfect: 2**(2**depth - 1) of them."""
    t = all_ties(6)
    with pytest.warns(GovgamesWarning, match=f"of exactly {2 ** 63}"):
        spe = subgame_perfect(t, max_equilibria=50)
    assert len(spe) == 50 and not spe.complete
    assert spe.count == 2 ** 63 and spe.cap == "max_equilibria=50"
    assert spe.payoff_counts == (((0, 0), 2 ** 63),)
    assert "count=9223372036854775808" in repr(spe) and "capped by max_equilibria=50" in repr(spe)
    d = spe.to_dict()
    back = TreeEquilibriumSet.from_dict(d)
    assert back == spe and back.count == 2 ** 63


def test_count_with_ties_passing_different_values():
    """B is indifferent between giving A 1 or 3 after l; after r, A gets 2. SPE: (B gives 3, A plays l),
    (B gives 1, A plays r) -- two, with different payoffs; plus B's choice after r (two ties): 4 in all."""
    t = GameTree.build(("A", "B"), decision("A", {
        "l": decision("B", {"u": terminal((1, 0)), "v": terminal((3, 0))}),
        "r": decision("B", {"u": terminal((2, 5)), "v": terminal((2, 5))})}))
    c = count_subgame_perfect(t)
    assert c.count == 4
    assert dict(c.payoffs) == {(Fraction(3), Fraction(0)): 2, (Fraction(2), Fraction(5)): 2}
    spe = subgame_perfect(t)
    assert spe.complete and spe.count == len(spe) == 4


def tic_tac_toe(size: int = 3, moves: int = 9) -> GameTree:
    """Tic-tac-toe on the 3x3 board, stopped after ``moves`` plies (draw if nobody has three in a row)."""
    lines = [(0, 1, 2), (3, 4, 5), (6, 7, 8), (0, 3, 6), (1, 4, 7), (2, 5, 8), (0, 4, 8), (2, 4, 6)]

    def node(board, ply):
        for a, b, c in lines:
            if board[a] != "." and board[a] == board[b] == board[c]:
                w = 1 if board[a] == "X" else -1
                return terminal((w, -w))
        free = [k for k in range(9) if board[k] == "."]
        if ply == moves or not free:
            return terminal((0, 0))
        mark = "X" if ply % 2 == 0 else "O"
        return decision(mark, {str(k): node(board[:k] + mark + board[k + 1:], ply + 1) for k in free})
    return GameTree.build(("X", "O"), node("." * 9, 0))


def brute_force_count(tree: GameTree) -> int:
    """Pure SPE by enumerating every pure profile and checking every node (small trees only)."""
    nodes = [h for h in tree.nodes if tree.node(h).kind == "decision"]
    players = tree.players
    total = 0
    for choice in itertools.product(*(tree.node(h).actions for h in nodes)):
        plan = dict(zip(nodes, choice))
        val = {}
        for h in reversed(tree.nodes):
            nd = tree.node(h)
            if nd.kind == "terminal":
                val[h] = tuple(sympy.sympify(v) for v in nd.payoffs)
            elif nd.kind == "chance":
                val[h] = tuple(sum(sympy.sympify(p) * val[h + (a,)][k] for a, p in zip(nd.actions, nd.probabilities))
                               for k in range(len(players)))
            else:
                val[h] = val[h + (plan[h],)]
        ok = all(val[h][players.index(tree.node(h).player)] >=
                 max(val[h + (a,)][players.index(tree.node(h).player)] for a in tree.node(h).actions)
                 for h in nodes)
        total += ok
    return total


def test_tic_tac_toe_opening_count_matches_brute_force_and_value():
    """Tic-tac-toe cut after 3 plies: every line needs 3 marks of one player, so all 504 leaves draw and
    every one of the profiles is an SPE; the count is the product over decision nodes of their number of
    (tied) actions: 9 ** 1 * 8 ** 9 * 7 ** 72."""
    t = tic_tac_toe(moves=3)
    c = count_subgame_perfect(t)
    assert c.count == 9 * 8 ** 9 * 7 ** 72
    assert c.payoffs == (((0, 0), c.count),)


@pytest.mark.skip(reason="549,946 nodes: run by bench/bench_trees.py")
def test_full_tic_tac_toe_is_a_draw_with_exact_count():
    """Full tic-tac-toe (549,946 nodes): the value is a draw (a classical result; e.g. Berlekamp, Conway
    and Guy, Winning Ways, ch. 22). The count is the product of tie counts along the DP, an exact int."""
    t = tic_tac_toe()
    with pytest.warns(GovgamesWarning, match="of exactly"):
        spe = subgame_perfect(t, max_equilibria=10)
    assert spe.payoff_counts[0][0] == (0, 0) and len(spe.payoff_counts) == 1
    assert isinstance(spe.count, int) and spe.count > 10 ** 100
    assert all(e.payoffs == (0, 0) for e in spe)


@st.composite
def small_trees(draw):
    """Perfect-information trees with chance nodes and many ties (payoffs in {0, 1})."""
    def node(depth):
        kind = draw(st.sampled_from(["t", "d", "d", "c"])) if depth < 3 else "t"
        if kind == "t":
            return terminal((draw(st.integers(0, 1)), draw(st.integers(0, 1))))
        k = draw(st.integers(2, 3))
        if kind == "c":
            return chance({f"n{i}": (R(1, k), node(depth + 1)) for i in range(k)})
        return decision(draw(st.sampled_from(["A", "B"])), {f"a{i}": node(depth + 1) for i in range(k)})
    root = node(0)
    if isinstance(root, type(terminal((0, 0)))):
        root = decision("A", {"x": root, "y": terminal((1, 0))})
    return GameTree.build(("A", "B"), root)


@settings(max_examples=25, deadline=None)
@given(small_trees())
def test_count_equals_brute_force(tree):
    if sum(1 for h in tree.nodes if tree.node(h).kind == "decision") > 9:
        return
    n = brute_force_count(tree)
    assert count_subgame_perfect(tree).count == n
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GovgamesWarning)
        spe = subgame_perfect(tree, max_equilibria=1000)
    assert spe.count == n and (len(spe) == n) == spe.complete


def test_count_rejects_bad_trees():
    with pytest.raises(UnsupportedGame, match="perfect information"):
        count_subgame_perfect(kuhn_poker())
    with pytest.raises(UnsupportedGame, match="GameTree"):
        count_subgame_perfect("tree")


# --- layout -------------------------------------------------------------------------------------------

def test_thin_modules_and_package_exports():
    import importlib

    bi = importlib.import_module("solvers.backward_induction")
    # the package attribute solvers.sequence_form is the function; the module stays importable
    sfm = importlib.import_module("solvers.sequence_form")
    from solvers import subgame_perfect as sp, verify_subgame_perfect as vsp
    assert sp is solvers.trees.subgame_perfect is bi.subgame_perfect
    assert vsp is bi.verify_subgame_perfect
    assert sfm.sequence_form_lemke is solvers.trees.sequence_form_lemke
    for name in ("OutcomeRegime", "outcome_regimes", "PathStep"):
        assert hasattr(bi, name)


def test_modules_are_small_and_import_no_private_names():
    root = pathlib.Path(solvers.__file__).parent / "trees"
    for path in root.glob("*.py"):
        text = path.read_text()
        assert len(text.splitlines()) < 650, path.name
        for line in text.splitlines():
            s = line.strip()
            if s.startswith("from solvers") and " import " in s:
                names = s.split(" import ", 1)[1].strip("()").split(",")
                assert not any(n.strip().startswith("_") for n in names), line
        mod = importlib.import_module(f"solvers.trees.{path.stem}" if path.stem != "__init__" else "solvers.trees")
        assert hasattr(mod, "__all__"), path.name
