"""Gambit .nfg reading and writing: both formats, exact numbers, round trips, malformed files."""

from __future__ import annotations

import io
import pathlib

import numpy as np
import pytest
import sympy
from hypothesis import given, settings, strategies as st

from games.catalog import classic
from games.errors import InvalidGame, UnsupportedGame
from games.io import LabelsRenamedWarning, parse_nfg, read_nfg, write_nfg
from games.normal_form import NormalFormGame
from games.testing import normal_form_games

DATA = pathlib.Path(__file__).resolve().parents[1] / "examples" / "data"

# A 3x2 game written by hand in both formats (Gambit docs, "The strategic game (.nfg) file format":
# profiles listed with player 1's strategy varying fastest).
PAYOFF_TEXT = """NFG 1 R "A 3x2 game" { "Row" "Col" }
{ { "a" "b" "c" } { "x" "y" } }
"comment"

1 2  3/2 -4  0.25 0
-1 1e1  2 -3/4  5 .5
"""
OUTCOME_TEXT = """NFG 1 R "A 3x2 game" { "Row" "Col" } { { "a" "b" "c" } { "x" "y" } }
"comment"
{
{ "o1" 1, 2 }
{ "o2" 3/2 -4 }
{ "o3" 0.25, 0 }
{ "o4" -1, 1e1 }
{ "o5" 2, -3/4 }
{ "o6" 5, .5 }
}
1 2 3 4 5 6
"""
Q = sympy.Rational
EXPECTED = {("a", "x"): (1, 2), ("b", "x"): (Q(3, 2), -4), ("c", "x"): (Q(1, 4), 0),
            ("a", "y"): (-1, 10), ("b", "y"): (2, Q(-3, 4)), ("c", "y"): (5, Q(1, 2))}


@pytest.mark.parametrize("text", [PAYOFF_TEXT, OUTCOME_TEXT], ids=["payoffs", "outcomes"])
def test_read_both_formats_exactly(text):
    g = parse_nfg(text)
    assert g.players == ("Row", "Col") and g.strategies == (("a", "b", "c"), ("x", "y"))
    assert g.name == "A 3x2 game" and g.is_exact
    for prof, pay in EXPECTED.items():
        got = g.payoff(prof)
        assert got == tuple(sympy.sympify(v) for v in pay)
        assert all(isinstance(v, sympy.Rational) for v in got)


def test_read_as_floats():
    g = parse_nfg(PAYOFF_TEXT, exact=False)
    assert not g.is_exact and g.payoff(("b", "y")) == (2.0, -0.75)


def test_strategy_counts_and_outcome_zero():
    g = parse_nfg('NFG 1 R "" { "1" "2" } { 2 1 }\n{ { "" 7 8 } } 0 1')
    assert g.strategies == (("1", "2"), ("1",))
    assert g.payoff((0, 0)) == (0, 0) and g.payoff((1, 0)) == (7, 8)


def test_three_players_first_player_fastest():
    g = read_nfg(DATA / "jordan.nfg")
    assert g.shape == (2, 2, 2)
    for prof in np.ndindex(2, 2, 2):
        s1, s2, s3 = prof
        assert g.payoff(prof) == (int(s1 == s2), int(s2 == s3), int(s3 != s1))


@pytest.mark.parametrize("path", sorted(DATA.glob("*.nfg")), ids=lambda p: p.name)
def test_bundled_examples_read_and_round_trip(path):
    g = read_nfg(path)
    assert parse_nfg(write_nfg(g)) == g
    assert parse_nfg(write_nfg(g, format="outcomes")) == g


def test_inspection_example_matches_catalog():
    g = read_nfg(DATA / "inspection.nfg")
    ref = classic.inspection(symbolic=False)
    assert g.payoffs.tolist() == ref.payoffs.tolist() and g.strategies == ref.strategies


@settings(max_examples=40, deadline=None)
@given(normal_form_games(n_players=st.integers(1, 3), max_strategies=3, max_denominator=7),
       st.sampled_from(["payoffs", "outcomes"]))
def test_exact_round_trip(game, fmt):
    back = parse_nfg(write_nfg(game, format=fmt))
    assert back == game
    assert all(isinstance(v, sympy.Rational) for v in back.payoffs.reshape(-1))


@settings(max_examples=30, deadline=None)
@given(normal_form_games(max_strategies=3, exact=False, min_value=-1e6, max_value=1e6),
       st.sampled_from(["payoffs", "outcomes"]))
def test_float_round_trip(game, fmt):
    back = parse_nfg(write_nfg(game, format=fmt), exact=False)
    assert back == game
    assert np.array_equal(back.payoffs, game.payoffs)


def test_labels_with_quotes_and_backslashes_round_trip():
    g = NormalFormGame.from_bimatrix([[1]], [[2]], players=('say "no"', "back\\slash"),
                                     strategies=(("a b",), ('"q"',)), name='the "game"')
    assert parse_nfg(write_nfg(g)) == g


def test_write_to_path_and_file_object(tmp_path):
    g = classic.prisoners_dilemma()
    p = tmp_path / "pd.nfg"
    text = write_nfg(g, p)
    assert p.read_text() == text and read_nfg(p) == g and read_nfg(str(p)) == g
    buf = io.StringIO()
    write_nfg(g, buf, format="outcomes")
    assert read_nfg(io.StringIO(buf.getvalue())) == g


def test_symbolic_game_cannot_be_written():
    with pytest.raises(UnsupportedGame, match="subs"):
        write_nfg(classic.inspection())


def test_bad_write_arguments():
    with pytest.raises(ValueError, match="format"):
        write_nfg(classic.chicken(), format="xml")
    with pytest.raises(TypeError, match="NormalFormGame"):
        write_nfg([[1, 2]])


def test_missing_file():
    with pytest.raises(FileNotFoundError):
        read_nfg(DATA / "no_such_file.nfg")


HEAD = 'NFG 1 R "g" { "A" "B" } { 2 2 }\n'
MALFORMED = [
    pytest.param("", "header", id="empty"),
    pytest.param('EFG 2 R "g" { "A" } ""', "header 'NFG 1 R'", id="efg_header"),
    pytest.param('NFG 2 R "g" { "A" "B" } { 1 1 } 1 1', "version 1", id="bad_version"),
    pytest.param('NFG 1 X "g" { "A" "B" } { 1 1 } 1 1', "'R' or 'D'", id="bad_type"),
    pytest.param('NFG 1 R g { "A" "B" } { 1 1 } 1 1', "quoted game title", id="unquoted_title"),
    pytest.param('NFG 1 R "g { "A" "B" } { 1 1 } 1 1', "missing", id="unclosed_string"),
    pytest.param('NFG 1 R "g" { "A" "B" } { 2 x }', "number of strategies of player 2", id="bad_count"),
    pytest.param('NFG 1 R "g" { "A" "B" } { 2 0 }', "at least one strategy", id="zero_strategies"),
    pytest.param('NFG 1 R "g" { "A" "B" } { 2 2 3 } 1', "closing the strategy counts", id="too_many_counts"),
    pytest.param(HEAD + "1 2 3 4 5 6 7", "8 expected, 7 read", id="too_few_payoffs"),
    pytest.param(HEAD + "1 2 3 4 5 6 7 8 9", "too many entries", id="too_many_payoffs"),
    pytest.param(HEAD + "1 2 3 abc 5 6 7 8", "got 'abc'", id="bad_number"),
    pytest.param(HEAD + "1 2 3 1/0 5 6 7 8", "nonzero denominator", id="zero_denominator"),
    pytest.param(HEAD + "1 2 3 nan 5 6 7 8", "got 'nan'", id="nan"),
    pytest.param(HEAD + '{ { "o" 1 2 } } 1 1 1 2', "outcome index in 0..1", id="outcome_index_range"),
    pytest.param(HEAD + '{ { "o" 1 } } 1 1 1 1', "payoff 2 of 2", id="short_outcome"),
    pytest.param(HEAD + '{ { 1 2 } } 1 1 1 1', "quoted outcome name", id="unnamed_outcome"),
    pytest.param(HEAD + '{ { "o" 1 2 } } 1 1', "outcome index (4 expected, 2 read)", id="few_outcome_indices"),
]


@pytest.mark.parametrize("text, needle", MALFORMED)
def test_malformed_files_raise_invalid_game(text, needle):
    with pytest.raises(InvalidGame) as info:
        parse_nfg(text)
    msg = str(info.value)
    assert isinstance(info.value, ValueError)
    assert needle in msg, msg
    assert msg.startswith("parse_nfg(): ")
    assert "\n" not in msg


def test_error_names_file_and_line(tmp_path):
    p = tmp_path / "bad.nfg"
    p.write_text(HEAD + "1 2 3 4\n5 6 x 8\n")
    with pytest.raises(InvalidGame, match=r"read_nfg\(\): bad.nfg line 3 must be a payoff number .*got 'x'"):
        read_nfg(p)


# --- labels Gambit accepts but govgames must rename -----------------------------------------------

def test_empty_and_repeated_labels_are_renamed_with_a_warning():
    text = ('NFG 1 R "labels" { "" "P" "P" } { { "" "" } { "x" "x" "" } { "1" "" } }\n""\n'
            + " ".join(str(k) for k in range(1, 2 * 3 * 2 * 3 + 1)))
    with pytest.warns(LabelsRenamedWarning) as rec:
        g = parse_nfg(text)
    # the names Gambit 16 gives (checked against pygambit in test_gambit_catalog.py): equal labels are
    # numbered label_1, label_2, ..., empty ones _1, _2, ...
    assert g.players == ("_1", "P_1", "P_2")
    assert g.strategies == (("_1", "_2"), ("x_1", "x_2", "_1"), ("1", "_1"))
    renames = rec[0].message.renames
    assert ("player 1", "", "_1") in renames and ("player 3", "P", "P_2") in renames
    assert ("strategy 2 of player 'P_1'", "x", "x_2") in renames
    assert len(renames) == 9
    # payoffs are where Gambit puts them: player 1 fastest, entries numbered 1, 2, 3, ...
    k = 0
    for s3 in range(2):
        for s2 in range(3):
            for s1 in range(2):
                assert g.payoff((s1, s2, s3)) == (k + 1, k + 2, k + 3)
                k += 3
    # the renamed game round-trips without further renames
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error", LabelsRenamedWarning)
        assert parse_nfg(write_nfg(g)) == g


def test_read_nfg_warning_points_at_the_caller(tmp_path):
    p = tmp_path / "dup.nfg"
    p.write_text('NFG 1 R "" { "A" "A" } { 1 1 } 1 2')
    with pytest.warns(LabelsRenamedWarning, match="dup.nfg") as rec:
        g = read_nfg(p)
    assert rec[0].filename == __file__
    assert g.players == ("A_1", "A_2") and g.payoff((0, 0)) == (1, 2)


def test_null_outcomes_are_all_zero():
    # outcome format: index 0 means "no outcome", i.e. every player gets 0
    text = HEAD + '{ { "win" 3 -3 } { "lose" -1/2 1/2 } }\n0 1 2 0'
    g = parse_nfg(text)
    assert g.payoff((0, 0)) == (0, 0) and g.payoff((1, 1)) == (0, 0)
    assert g.payoff((1, 0)) == (3, -3) and g.payoff((0, 1)) == (Q(-1, 2), Q(1, 2))
    assert g.is_exact and parse_nfg(write_nfg(g, format="outcomes")) == g
