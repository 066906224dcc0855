"""Tests of games.io.efg: Gambit .efg read/write."""

from __future__ import annotations

import pytest
import sympy
from hypothesis import given, settings

from games._tree_strategies import game_trees
from games.catalog.resistance_negotiation import resistance_negotiation
from games.catalog.trees import beer_quiche, centipede, entry_deterrence, entry_mixed_subgame, trust_game, ultimatum
from games.errors import InvalidGame, UnsupportedGame
from games.io import LabelsRenamedWarning
from games.io.efg import format_efg, parse_efg, read_efg, write_efg
from solvers.backward_induction import subgame_perfect

R = sympy.Rational

# A file in Gambit's own layout (Bagwell 1995 commitment game, as distributed with Gambit's examples):
# decimal-free, named outcomes reused, information sets given by number with empty names.
BAGWELL = '''EFG 2 R "Bagwell Commitment and Unobservability Example" { "Player 1" "Player 2" }
"Stackelberg game with imperfectly observed commitment, from Bagwell (1993)"

p "" 1 1 "" { "S" "C" } 0
c "" 1 "" { "s" 99/100 "c" 1/100 } 0
p "" 2 1 "" { "S" "C" } 0
t "" 1 "SS" { 5, 2 }
t "" 2 "SC" { 3, 1 }
p "" 2 2 "" { "S" "C" } 0
t "" 1
t "" 2
c "" 2 "" { "s" 1/100 "c" 99/100 } 0
p "" 2 1 "" 0
t "" 3 "CS" { 6, 3 }
t "" 4 "CC" { 4, 4 }
p "" 2 2 "" 0
t "" 3
t "" 4
'''


@pytest.mark.parametrize("factory", [entry_deterrence, lambda: centipede(5), ultimatum, trust_game, beer_quiche,
                                     entry_mixed_subgame])
def test_round_trip_catalog(factory, tmp_path):
    t = factory()
    assert parse_efg(format_efg(t)) == t
    assert write_efg(t, tmp_path / "t.efg") == format_efg(t)
    assert read_efg(tmp_path / "t.efg") == t
    with open(tmp_path / "t.efg") as fh:
        assert read_efg(fh) == t


def test_round_trip_numeric_rn_point():
    t = resistance_negotiation(reform_gain=4, workload=2, soft_power=1, authority=3, mobilisation_cost=1,
                               voice_cost="1/2", pilot_failure=5, concession=3)
    assert parse_efg(format_efg(t)) == t


def test_read_gambit_layout_with_reused_outcomes_and_omitted_actions():
    t = parse_efg(BAGWELL)
    assert t.players == ("Player 1", "Player 2") and len(t) == 15
    assert t.node(("S",)).probabilities == (R(99, 100), R(1, 100))
    assert t.node(("C", "c", "S")).payoffs == (6, 3)  # outcome 3 reused by number
    assert t.infosets["Player 2#1"] == (("S", "s"), ("C", "s"))
    assert not t.is_perfect_information
    spe = subgame_perfect(t)
    # Bagwell's point: the pure Stackelberg outcome (S; S) is not an equilibrium with noise;
    # (C; C after both signals) is, with payoffs (4, 4)
    assert any(e.payoffs == (4, 4) for e in spe)


def test_outcomes_on_internal_nodes_accumulate_and_empty_terminal_pays_zero():
    t = parse_efg('EFG 2 R "acc" { "A" "B" } "" p "" 1 1 "" { "x" "y" } 1 "bonus" { 1 2 } '
                 't "" 2 "o" { 3 4 } t "" 0')
    assert t.node(("x",)).payoffs == (4, 6) and t.node(("y",)).payoffs == (1, 2)


def test_decimals_exact_or_float():
    text = 'EFG 2 R "d" { "A" } "" p "" 1 1 "" { "x" "y" } 0 t "" 1 "" { 0.80 } t "" 2 "" { 1.6e1 }'
    t = parse_efg(text)
    assert t.node(("x",)).payoffs == (R(4, 5),) and t.node(("y",)).payoffs == (16,)
    tf = parse_efg(text, exact=False)
    assert tf.node(("x",)).payoffs == (0.8,) and isinstance(tf.node(("y",)).payoffs[0], float)


def test_quoted_names_escape():
    t = parse_efg('EFG 2 R "a \\"quoted\\" title" { "P" } "" p "" 1 1 "" { "say \\"hi\\"" "no" } 0 '
                 't "" 1 "" { 1 } t "" 2 "" { 0 }')
    assert t.name == 'a "quoted" title' and t.node(()).actions[0] == 'say "hi"'
    assert parse_efg(format_efg(t)) == t


def test_symbolic_tree_cannot_be_written():
    with pytest.raises(UnsupportedGame, match="numeric"):
        format_efg(resistance_negotiation())


@settings(max_examples=30, deadline=None)
@given(game_trees(max_depth=3, chance_nodes=True, perfect_information=False, exact=True))
def test_round_trip_random_exact(tree):
    assert parse_efg(format_efg(tree)) == tree


@settings(max_examples=20, deadline=None)
@given(game_trees(max_depth=3, chance_nodes=True, exact=False))
def test_round_trip_random_float(tree):
    assert parse_efg(format_efg(tree), exact=False) == tree


HEAD = 'EFG 2 R "g" { "A" "B" } "" '
BAD_FILES = [
    pytest.param("", "header", id="empty"),
    pytest.param('NFG 1 R "g" { "A" }', "header", id="not-efg"),
    pytest.param('EFG 3 R "g" { "A" } "" t "" 1 "" { 1 }', "version 2", id="version"),
    pytest.param('EFG 2 X "g" { "A" } "" t "" 1 "" { 1 }', "'R' or 'D'", id="mode"),
    pytest.param('EFG 2 R "g" { } "" t "" 1 "" { }', "at least one player", id="no-players"),
    pytest.param(HEAD + 'x "" 1 "" { 1 2 }', "node type", id="node-type"),
    pytest.param(HEAD + 'p "" 3 1 "" { "a" } 0 t "" 1 "" { 1 2 }', "player number", id="player-range"),
    pytest.param(HEAD + 't "" 1 "" { 1 }', "length 2", id="payoff-length"),
    pytest.param(HEAD + 'c "" 1 "" { "h" 1/2 "t" 1/3 } 0 t "" 1 "" { 1 2 } t "" 2 "" { 1 2 }', "summing to 1",
                 id="chance-sum"),
    pytest.param(HEAD + 'p "" 1 1 "" { "a" "b" } 0 t "" 1 "" { 1 2 }', "node type", id="missing-child"),
    pytest.param(HEAD + 'p "" 1 1 "" { "a" } 0 t "" 1 "" { 1 2 } t "" 2 "" { 1 2 }', "end of the file",
                 id="trailing"),
    pytest.param(HEAD + 'p "" 1 1 "" { "a" "b" } 0 p "" 2 1 "" { "x" "y" } 0 t "" 1 "" { 1 2 } '
                 't "" 2 "" { 1 2 } p "" 2 1 "" { "x" "z" } 0 t "" 3 "" { 1 2 } t "" 4 "" { 1 2 }',
                 "actions", id="infoset-actions"),
    pytest.param(HEAD + 'p "" 1 1 "" 0 t "" 1 "" { 1 2 }', "actions for the new information set", id="no-actions"),
    pytest.param(HEAD + 't "" 5', "defined before", id="undefined-outcome"),
    pytest.param(HEAD + 't "" 1 "" { 1 two }', "payoff", id="bad-number"),
    pytest.param('EFG 2 R "g { "A" }', "header|player|closed", id="unterminated-string"),
]


@pytest.mark.parametrize("text, msg", BAD_FILES)
def test_bad_files(text, msg):
    with pytest.raises(InvalidGame, match=msg):
        parse_efg(text)


def test_bad_argument_type():
    with pytest.raises(InvalidGame, match="a string"):
        parse_efg(b"EFG 2 R")


# --- files Gambit reads that need renaming, absent-mindedness, outcomes on inner nodes -------------

def _quiet_parse(text):
    import warnings
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        t = parse_efg(text)
    return t, [w.message for w in rec if isinstance(w.message, LabelsRenamedWarning)]


def test_chance_branches_with_one_label_are_renamed():
    # the layout of many published files: chance branches labelled by their probability
    text = HEAD + ('c "" 1 "" { "1/2" 1/2 "1/2" 1/2 } 0 '
                   'p "" 1 1 "" { "a" "b" } 0 t "" 1 "" { 1 -1 } t "" 2 "" { 0 0 } '
                   'p "" 1 1 "" { "a" "b" } 0 t "" 3 "" { 3 -3 } t "" 4 "" { 0 0 }')
    t, warns = _quiet_parse(text)
    assert t.node(()).actions == ("1/2_1", "1/2_2") and t.node(()).probabilities == (R(1, 2), R(1, 2))
    assert warns and warns[0].renames == (("branch 1 at chance information set 1", "1/2", "1/2_1"),
                                          ("branch 2 at chance information set 1", "1/2", "1/2_2"))
    # player 1 cannot see the chance move: one information set with two nodes; "a" is worth (1+3)/2
    assert t.infosets["A#1"] == (("1/2_1",), ("1/2_2",))
    nf = t.to_normal_form()
    assert nf.payoff(("a", "-")) == (2, -2) and nf.payoff(("b", "-")) == (0, 0)
    assert parse_efg(format_efg(t)) == t


def test_empty_action_labels_and_player_names_are_renamed():
    text = ('EFG 2 R "g" { "" "X" "X" } "" p "" 1 1 "" { "" "" "go" } 0 t "" 1 "" { 1 2 3 } '
            't "" 2 "" { 4 5 6 } p "" 3 1 "" { "" "1" } 0 t "" 3 "" { 7 8 9 } t "" 4 "" { 0 0 0 }')
    t, warns = _quiet_parse(text)
    # the names Gambit 16 gives them (checked against pygambit in test_gambit_catalog.py)
    assert t.players == ("_1", "X_1", "X_2")
    assert t.node(()).actions == ("_1", "_2", "go") and t.node(("go",)).actions == ("_1", "1")
    assert t.node(("go",)).player == "X_2"
    assert t.node(("_2",)).payoffs == (4, 5, 6) and t.node(("go", "1")).payoffs == (0, 0, 0)
    assert [r[2] for r in warns[0].renames] == ["_1", "X_1", "X_2", "_1", "_2", "_1"]
    assert parse_efg(format_efg(t)) == t


def test_absent_minded_file_is_read_and_refused_only_by_solvers():
    # Piccione & Rubinstein (1997): the absent-minded driver as a Gambit file (one information set, two nodes
    # on one path); reading it must work, behaviour-strategy solvers must refuse it
    text = ('EFG 2 R "driver" { "Driver" } "" p "" 1 1 "intersection" { "Exit" "Continue" } 0 t "" 1 "" { 0 } '
            'p "" 1 1 "intersection" { "Exit" "Continue" } 0 t "" 2 "" { 4 } t "" 3 "" { 1 }')
    t = parse_efg(text)
    assert t.is_absent_minded and t.infosets == {"intersection": ((), ("Continue",))}
    assert parse_efg(format_efg(t)) == t
    with pytest.raises(UnsupportedGame, match="Piccione & Rubinstein"):
        subgame_perfect(t)


def test_outcomes_on_inner_nodes_are_solved():
    # an entry game whose entry fee sits on the inner node (outcome 1) and is paid on both branches below
    text = ('EFG 2 R "fee" { "E" "I" } "" p "" 1 1 "" { "Out" "In" } 0 t "" 1 "out" { 0 5 } '
            'p "" 2 1 "" { "Fight" "Accommodate" } 2 "fee" { -1 1 } t "" 3 "fight" { -1 -1 } '
            't "" 4 "share" { 3 1 }')
    t = parse_efg(text)
    assert t.node(("In", "Fight")).payoffs == (-2, 0) and t.node(("In", "Accommodate")).payoffs == (2, 2)
    (eq,) = subgame_perfect(t)
    assert eq.path == ("In", "Accommodate") and eq.payoffs == (2, 2)
    # written back with the folded payoffs on the terminals only
    back = format_efg(t)
    assert all(line.endswith(" 0") for line in back.splitlines() if line.startswith("p "))
    assert parse_efg(back) == t
