"""Bad input gets a clear ValueError/TypeError naming the problem, never a silent wrong answer."""

from __future__ import annotations

import math

import numpy as np
import pytest

from games import catalog
from games.catalog import classic
from games.errors import GameError, InvalidGame, InvalidPayoffs, ParameterError
from games.io import parse_nfg
from games.normal_form import NormalFormGame

PD = classic.prisoners_dilemma()
INSP = classic.inspection()
GOOD_POINT = {"gain": 1, "fine": 2, "inspection_cost": 1, "detection_value": 1, "damage": 1}

CASES = [
    # --- payoffs -------------------------------------------------------------------------
    pytest.param(lambda: NormalFormGame(np.zeros((2, 2, 3))), InvalidPayoffs, "shape (*n_strategies, n_players)",
                 id="payoff_shape_players_mismatch"),
    pytest.param(lambda: NormalFormGame([[1, 2], [3]]), InvalidPayoffs, "rectangular", id="ragged_payoffs"),
    pytest.param(lambda: NormalFormGame.from_bimatrix([[1, 2]], [[1], [2]]), InvalidPayoffs, "", id="bimatrix_shapes"),
    pytest.param(lambda: NormalFormGame.from_bimatrix([[1, math.nan]], [[1, 2]]), InvalidPayoffs, "finite",
                 id="nan_payoff"),
    pytest.param(lambda: NormalFormGame.from_bimatrix([[1, np.inf]], [[1, 2]]), InvalidPayoffs, "finite",
                 id="inf_payoff"),
    pytest.param(lambda: NormalFormGame.from_bimatrix([[2.0, 0.0], [0.0, 10**400]], [[1.0, 0.0], [0.0, 2.0]]),
                 InvalidPayoffs, "finite as a float", id="huge_int_beside_floats"),
    pytest.param(lambda: NormalFormGame.from_bimatrix([[1, "abc("]], [[1, 2]]), InvalidPayoffs, "",
                 id="garbage_payoff"),
    pytest.param(lambda: NormalFormGame.from_bimatrix([[1, True]], [[1, 2]]), InvalidPayoffs, "bool",
                 id="bool_payoff"),
    pytest.param(lambda: NormalFormGame.from_bimatrix([[1, 2]], [[1, 2]], players=("a", "a")), InvalidPayoffs,
                 "distinct", id="duplicate_players"),
    pytest.param(lambda: PD.payoff(("cooperate", "betray")), InvalidPayoffs, "one of", id="unknown_strategy"),
    # --- parameters and points --------------------------------------------------------------
    pytest.param(lambda: INSP.subs({**GOOD_POINT, "gian": 1}), ParameterError, "unknown parameter 'gian'",
                 id="unknown_parameter_in_subs"),
    pytest.param(lambda: INSP.subs({"gain": 1}), ParameterError, "missing", id="missing_parameter_in_subs"),
    pytest.param(lambda: INSP.subs({**GOOD_POINT, "fine": -1}), ParameterError, "fine > 0",
                 id="point_outside_domain"),
    pytest.param(lambda: INSP.subs({**GOOD_POINT, "inspection_cost": 5}), ParameterError,
                 "inspection_cost < damage + detection_value", id="point_violates_constraint"),
    pytest.param(lambda: INSP.subs({**GOOD_POINT, "fine": math.nan}), ParameterError, "finite",
                 id="nan_parameter"),
    pytest.param(lambda: classic.volunteers_dilemma(3, benefit=1, cost=2), ParameterError, "cost < benefit",
                 id="catalog_value_outside_space"),
    pytest.param(lambda: classic.inspection(fine="lots"), ParameterError, "fine", id="catalog_non_number"),
    pytest.param(lambda: classic.public_goods(n_players=1), ParameterError, "n_players", id="catalog_n_players"),
    # --- mixed profiles ---------------------------------------------------------------------
    pytest.param(lambda: PD.expected_payoffs([(0.5, 0.6), (1, 0)]), InvalidPayoffs, "simplex",
                 id="probabilities_not_summing_to_one"),
    pytest.param(lambda: PD.expected_payoffs([(1.5, -0.5), (1, 0)]), InvalidPayoffs, "simplex",
                 id="negative_probability"),
    pytest.param(lambda: PD.expected_payoffs([(1, 0, 0), (1, 0)]), InvalidPayoffs, "2 probabilities",
                 id="wrong_length_mixed_strategy"),
    pytest.param(lambda: PD.expected_payoffs([(1, 0)]), InvalidPayoffs, "one probability vector per player",
                 id="missing_player_strategy"),
    # --- files and catalog ------------------------------------------------------------------
    pytest.param(lambda: parse_nfg('NFG 1 R "g" { "A" "B" } { 2 2 } 1 2 3'), InvalidGame, "8 expected, 3 read",
                 id="malformed_nfg"),
    pytest.param(lambda: parse_nfg('NFG 1 R "g" { "A" "B" } { 1 1 } 1 inf'), InvalidGame, "got 'inf'",
                 id="nfg_infinite_payoff"),
    pytest.param(lambda: catalog.load("insepction"), KeyError, "did you mean 'inspection'",
                 id="unknown_catalog_slug"),
]


@pytest.mark.parametrize("call, exc, needle", CASES)
def test_bad_input_raises_clear_error(call, exc, needle):
    with pytest.raises(exc) as info:
        call()
    err = info.value
    assert isinstance(err, (ValueError, TypeError)), type(err)
    assert isinstance(err, GameError)
    msg = str(err)
    assert needle in msg, msg
    # the project's one message format: "<func>(): <arg> must be <expected>; got <value!r>"
    assert "(): " in msg and " must be " in msg and "; got " in msg, msg
