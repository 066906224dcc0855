"""Subgame-perfect equilibria of trees with chance and imperfect information.

Equilibria are reported in behaviour strategies, once per behaviour profile
(realization-equivalent mixed strategies of the reduced strategic form are one
equilibrium, Kuhn 1953), with the path as a tuple of steps; imperfect-information
subgames are solved once; ``time_limit`` holds.
"""

from __future__ import annotations

import inspect
import io
import json
import pickle
import time

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import solvers.backward_induction as bi
import solvers.nash
import solvers.trees.sequence_form_enumeration
import solvers.trees.solve
from games._tree_strategies import game_trees
from games.catalog.trees import beer_quiche, entry_deterrence, entry_mixed_subgame
from games.errors import GovgamesWarning, UnsupportedGame
from games.extensive_form import GameTree, chance, decision, terminal
from solvers.backward_induction import PathStep, subgame_perfect, verify_subgame_perfect
from solvers.equilibrium import Equilibrium

R = sympy.Rational


# --- trees ----------------------------------------------------------------------------------------

def myerson_card_game() -> GameTree:
    """Myerson's card game: each player antes 1; player 1 sees a red or black card (1/2 each) and
    Folds (shows the card: red wins the antes) or Raises 1; player 2 then Passes (player 1 wins 1)
    or Meets (the card decides +-2)."""
    def p1(card, sign):
        return decision("P1", {
            "Raise": decision("P2", {"Meet": terminal((2 * sign, -2 * sign)), "Pass": terminal((1, -1))},
                              infoset="P2|raised"),
            "Fold": terminal((sign, -sign))}, infoset=f"P1|{card}")
    return GameTree.build(("P1", "P2"), chance({"Red": ("1/2", p1("Red", 1)), "Black": ("1/2", p1("Black", -1))}),
                          name="Myerson's card game")


def one_card_poker() -> GameTree:
    """Our own one-card poker with a check-bet line: player 1 holds High or Low (1/2 each), bets or
    checks; after a bet player 2 calls or folds; after a check player 2 checks (showdown) or bets,
    and player 1 calls or folds. Antes 1, bets 1."""
    def p1(card, w):
        return decision("P1", {
            "Check": decision("P2", {
                "Check": terminal((w, -w)),
                "Bet": decision("P1", {"Fold": terminal((-1, 1)), "Call": terminal((2 * w, -2 * w))},
                                infoset=f"P1|{card} check-bet")}, infoset="P2|check"),
            "Bet": decision("P2", {"Fold": terminal((1, -1)), "Call": terminal((2 * w, -2 * w))}, infoset="P2|bet")},
            infoset=f"P1|{card}")
    return GameTree.build(("P1", "P2"), chance({"High": ("1/2", p1("High", 1)), "Low": ("1/2", p1("Low", -1))}))


def three_card_poker() -> GameTree:
    """A 31-node three-card poker (finite von Neumann poker, bet 1): each player holds one of J < Q < K
    (6 deals), player 1 checks (showdown for the ante) or bets 1; player 2 folds or calls."""
    cards = "JQK"
    deals = {}
    for a in cards:
        for b in cards:
            if a != b:
                w = 1 if cards.index(a) > cards.index(b) else -1
                deals[a + b] = ("1/6", decision("P1", {
                    "Check": terminal((w, -w)),
                    "Bet": decision("P2", {"Fold": terminal((1, -1)), "Call": terminal((2 * w, -2 * w))},
                                    infoset=f"P2|{b}")}, infoset=f"P1|{a}"))
    return GameTree.build(("P1", "P2"), chance(deals))


# --- pygambit helpers (an independent implementation of the extensive form) --------------------------

def gambit_game(gbt, tree):
    from games.io.efg import format_efg
    return gbt.read_efg(io.StringIO(format_efg(tree)))


def gambit_profile(gbt, g, eq: Equilibrium):
    """Our behaviour profile as a pygambit behaviour profile (same infoset and action labels)."""
    b = eq.behavior_map()
    prof = g.mixed_behavior_profile(rational=True)
    for inf in g.infosets:
        for a in inf.actions:
            prof[a] = gbt.Rational(str(b[inf.label][a.label]))
    return prof


def on_path(g, prof) -> tuple:
    """Behaviour at the information sets reached with positive probability."""
    return tuple((inf.label, tuple(R(str(prof[a])) for a in inf.actions))
                 for inf in g.infosets if prof.infoset_prob(inf) > 0)


def full_key(eq: Equilibrium) -> tuple:
    return tuple(sorted((h, tuple(d.items())) for h, d in eq.behavior_map().items()))


# --- literature ------------------------------------------------------------------------------------

def test_myerson_card_game_unique_equilibrium():
    """Myerson (1991, Game Theory: Analysis of Conflict, Harvard UP, sect. 2.1, the card game): the
    unique equilibrium raises with red, raises with black w.p. 1/3, meets w.p. 2/3; it is worth 1/3
    to player 1 (also worked in E. Prisner, Game Theory Through Examples, MAA 2014, ch. on behaviour
    strategies: "the expected payoff ... is 1/3 for Ann")."""
    spe = subgame_perfect(myerson_card_game())
    assert len(spe) == 1 and spe.complete and spe.exact
    e = spe[0]
    assert e.payoffs == (R(1, 3), R(-1, 3))
    assert e.behavior_map() == {"P1|Red": {"Raise": 1, "Fold": 0}, "P1|Black": {"Raise": R(1, 3), "Fold": R(2, 3)},
                                "P2|raised": {"Meet": R(2, 3), "Pass": R(1, 3)}}
    assert " -> ".join(e.path) == ("Nature: Red (1/2) | Black (1/2) -> P1|Red: Raise -> "
                                   "P1|Black: Raise (1/3) | Fold (2/3) -> P2|raised: Meet (2/3) | Pass (1/3)")
    raised = e.path[3]
    assert raised.player == "P2" and raised.infoset == "P2|raised" and raised.reach == R(2, 3)
    assert raised.histories == (("Red", "Raise"), ("Black", "Raise"))


def test_myerson_value_matches_pygambit_lp():
    gbt = pytest.importorskip("pygambit")
    t = myerson_card_game()
    g = gambit_game(gbt, t)
    lp = gbt.nash.lp_solve(g, rational=True).equilibria[0]
    e = subgame_perfect(t)[0]
    assert R(str(lp.payoff("P1"))) == e.payoffs[0] == R(1, 3)
    prof = gambit_profile(gbt, g, e)
    assert prof.max_regret() == 0


def test_three_card_poker_one_equilibrium_not_four():
    """The 31-node poker: the reduced strategic form has several extreme equilibria, all realization
    equivalent; the tree has one equilibrium, worth the game's value (pygambit's LP, exact)."""
    gbt = pytest.importorskip("pygambit")
    t = three_card_poker()
    assert len(t) == 31
    spe = subgame_perfect(t)
    assert len(spe) == 1
    e = spe[0]
    g = gambit_game(gbt, t)
    value = R(str(gbt.nash.lp_solve(g, rational=True).equilibria[0].payoff("P1")))
    assert e.payoffs == (value, -value)
    prof = gambit_profile(gbt, g, e)
    assert prof.max_regret() == 0
    # every equilibrium pygambit enumerates behaves like ours on the path
    mixed = gbt.nash.enummixed_solve(g, rational=True).equilibria
    assert {on_path(g, m.as_behavior()) for m in mixed} == {on_path(g, prof)}


@pytest.mark.parametrize("method", ["normal_form", "sequence_form"])
def test_one_card_poker_realization_equivalent_merged(method):
    """pygambit enumerates 4 extreme equilibria of the reduced form, two of them realization
    equivalent; through the reduced form the tree has exactly the 3 distinct behaviour profiles,
    all worth the LP value. The sequence form lists the extreme points in realization plans
    (Koller, Megiddo and von Stengel 1996): the images of the reduced form's extreme equilibria
    under the linear map to realization plans include them, so they are a subset."""
    gbt = pytest.importorskip("pygambit")
    t = one_card_poker()
    spe = subgame_perfect(t, method=method)
    g = gambit_game(gbt, t)
    ours = [gambit_profile(gbt, g, e) for e in spe]
    assert all(p.max_regret() == 0 for p in ours)
    assert len({full_key(e) for e in spe}) == len(spe)  # no duplicate behaviour profile
    mixed = gbt.nash.enummixed_solve(g, rational=True).equilibria
    theirs = {on_path(g, m.as_behavior()) for m in mixed}
    assert len(mixed) > len(theirs)  # the reduced form does have realization-equivalent duplicates
    if method == "normal_form":
        assert sorted(on_path(g, p) for p in ours) == sorted(theirs)
    else:
        assert {on_path(g, p) for p in ours} < theirs and spe.complete
    value = R(str(gbt.nash.lp_solve(g, rational=True).equilibria[0].payoff("P1")))
    assert {e.payoffs for e in spe} == {(value, -value)}


def test_beer_quiche_each_outcome_once():
    """Cho and Kreps (1987): with p(strong) = 9/10 the equilibria pool on beer (29/10 to the sender) or
    on quiche (21/10); no separating equilibrium. Each is reported once, with its path."""
    spe = subgame_perfect(beer_quiche())
    assert len(spe) == 2 and spe.degenerate
    paths = [" -> ".join(e.path) for e in spe]
    assert paths == ["Nature: Strong (9/10) | Weak (1/10) -> Sender|Strong: Beer -> Sender|Weak: Beer -> "
                     "Receiver|Beer: Don't",
                     "Nature: Strong (9/10) | Weak (1/10) -> Sender|Strong: Quiche -> Sender|Weak: Quiche -> "
                     "Receiver|Quiche: Don't"]
    assert [e.payoffs for e in spe] == [(R(29, 10), R(9, 10)), (R(21, 10), R(9, 10))]
    for e in spe:  # off the path the receiver threatens to duel (with probability >= 1/2)
        b = e.behavior_map()
        off = "Receiver|Quiche" if b["Sender|Strong"]["Beer"] == 1 else "Receiver|Beer"
        assert b[off]["Duel"] >= R(1, 2)
        verify_subgame_perfect(beer_quiche(), e)


# --- the path ------------------------------------------------------------------------------------------

def test_pure_path_is_the_action_sequence():
    e = subgame_perfect(entry_deterrence())[0]
    assert e.path == ("In", "Accommodate") and all(isinstance(s, PathStep) for s in e.path)
    assert [s.player for s in e.path] == ["Entrant", "Incumbent"]
    assert e.path[1].infoset == "Incumbent@In" and e.path[1].actions == (("Accommodate", 1),)


def test_path_steps_rebuild_and_pickle():
    e = subgame_perfect(myerson_card_game())[0]
    assert Equilibrium.from_dict(json.loads(json.dumps(e.to_dict()))) == e
    back = pickle.loads(pickle.dumps(e.path))
    assert back == e.path and [s.actions for s in back] == [s.actions for s in e.path]
    with pytest.raises(AttributeError):
        e.path[0].player = "x"


def test_mixed_subgame_path_lists_only_played_actions():
    e = subgame_perfect(entry_mixed_subgame())[0]
    assert e.path == ("In", "Entrant@In: Aggressive (1/2) | Passive (1/2)",
                      "Incumbent|post-entry: Fight (3/5) | Accommodate (2/5)")


# --- imperfect-information subgames solved once ---------------------------------------------------

@pytest.mark.parametrize("method", ["normal_form", "sequence_form"])
def test_identical_imperfect_information_subgames_solved_once(monkeypatch, method):
    calls = []
    owner, name = (solvers.nash, "equilibria") if method == "normal_form" else \
        (solvers.trees.sequence_form_enumeration, "sequence_form_equilibria")
    real = getattr(owner, name)

    def counting(game, **kw):
        calls.append(game)
        return real(game, **kw)
    monkeypatch.setattr(owner, name, counting)

    def sim(tag):  # matching pennies for P1/P2; afterwards P3 is indifferent (a tie below)
        def p2(a):
            return decision("P2", {
                "h": decision("P3", {"x": terminal((1 if a == "H" else -1, -1 if a == "H" else 1, 0)),
                                     "y": terminal((1 if a == "H" else -1, -1 if a == "H" else 1, 0))}),
                "t": terminal((-1 if a == "H" else 1, 1 if a == "H" else -1, 0))}, infoset=f"P2|{tag}")
        return decision("P1", {"H": p2("H"), "T": p2("T")})
    t = GameTree.build(("P1", "P2", "P3"), decision("P3", {"L": sim("L"), "R": sim("R")}))
    spe = subgame_perfect(t, method=method)
    # P3's ties below the simultaneous subgames multiply the combinations (2 per P3 node, 2 nodes
    # per subgame); the two subgames have the same strategic form: one call in all
    assert len(calls) == 1
    assert len(spe) == 2 * 4 * 4
    for e in spe:
        b = e.behavior_map()
        assert b["P2|L"] == {"h": R(1, 2), "t": R(1, 2)} and b["P2|R"] == {"h": R(1, 2), "t": R(1, 2)}
        assert e.payoffs == (0, 0, 0)


# --- time limit -----------------------------------------------------------------------------------

def _all_ties(depth: int) -> GameTree:
    def node(d):
        if d == depth:
            return terminal((0, 0))
        return decision("A" if d % 2 == 0 else "B", {"l": node(d + 1), "r": node(d + 1)})
    return GameTree.build(("A", "B"), node(0))


def test_time_limit_without_any_equilibrium_raises(monkeypatch):
    def stuck(*args, **kw):  # an enumeration that never ends (the worker is killed at the limit)
        time.sleep(3600)
    monkeypatch.setattr(solvers.trees.solve, "enumerate_perfect_information", stuck)
    with pytest.raises(UnsupportedGame, match="time_limit.*tie_break"):
        subgame_perfect(_all_ties(3), time_limit=1)


def test_time_limit_returns_verified_partial_result(monkeypatch):
    real = solvers.trees.solve.verify_pure_perfect_information
    seen = []

    def slow_after_three(tree, beh, exact):
        seen.append(1)
        if len(seen) > 3:
            time.sleep(3600)  # the worker is killed at the limit
        return real(tree, beh, exact)
    monkeypatch.setattr(solvers.trees.solve, "verify_pure_perfect_information", slow_after_three)
    t = _all_ties(3)
    with pytest.warns(GovgamesWarning, match="time_limit"):
        spe = subgame_perfect(t, time_limit=2)
    assert len(spe) == 3 and not spe.complete
    for e in spe:
        monkeypatch.setattr(solvers.trees.solve, "verify_pure_perfect_information", real)
        verify_subgame_perfect(t, e)


@pytest.mark.parametrize("bad", [0, -1, float("inf"), True, "1"])
def test_bad_time_limit(bad):
    with pytest.raises(ValueError, match="time_limit"):
        subgame_perfect(entry_deterrence(), time_limit=bad)


def test_time_limit_generous_gives_the_same_result():
    assert list(subgame_perfect(beer_quiche(), time_limit=60)) == list(subgame_perfect(beer_quiche()))


def test_verify_signature_is_public_only():
    params = inspect.signature(verify_subgame_perfect).parameters
    assert list(params) == ["tree", "eq", "tol"]


# --- properties -------------------------------------------------------------------------------------

@pytest.mark.filterwarnings("ignore::games.errors.GovgamesWarning")
@settings(max_examples=25, deadline=None)
@given(game_trees(max_depth=3, exact=True, perfect_information=False, max_actions=2))
def test_no_two_equilibria_share_a_behaviour_profile(tree):
    spe = subgame_perfect(tree)
    assert len({full_key(e) for e in spe}) == len(spe)


@st.composite
def signalling_games(draw):
    """Random two-type signalling games (no proper subgame): chance draws the sender's type, the
    sender sends a signal, the receiver sees only the signal and responds."""
    p = draw(st.sampled_from(["1/3", "1/2", "2/3", "9/10"]))
    pay = st.tuples(st.integers(-3, 3), st.integers(-3, 3))

    def sender(typ):
        return decision("S", {m: decision("R", {r: terminal(draw(pay)) for r in ("u", "d")}, infoset=f"R|{m}")
                              for m in ("m1", "m2")}, infoset=f"S|{typ}")
    return GameTree.build(("S", "R"), chance({"t1": (p, sender("t1")), "t2": (R(1) - R(p), sender("t2"))}))


@pytest.mark.filterwarnings("ignore::games.errors.GovgamesWarning")
@settings(max_examples=20, deadline=None)
@given(signalling_games(), st.sampled_from(["normal_form", "sequence_form"]))
def test_without_proper_subgames_outcomes_match_pygambit(tree, method):
    """With no proper subgame, SPE = Nash: through the reduced form our equilibria are exactly pygambit's
    extreme equilibria of the reduced form up to realization equivalence and off-path behaviour, each
    once; the sequence form's extreme equilibria (in realization plans) are among them."""
    gbt = pytest.importorskip("pygambit")
    assert tree.subgame_roots() == ((),)
    spe = subgame_perfect(tree, method=method)
    g = gambit_game(gbt, tree)
    ours = [on_path(g, gambit_profile(gbt, g, e)) for e in spe]
    assert all(gambit_profile(gbt, g, e).max_regret() == 0 for e in spe)
    assert len(set(ours)) == len(ours)
    theirs = {on_path(g, m.as_behavior()) for m in gbt.nash.enummixed_solve(g, rational=True).equilibria}
    if method == "normal_form":
        assert set(ours) == theirs
    else:
        assert ours and set(ours) <= theirs
