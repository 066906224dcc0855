"""govgames: game theory of governance, exactly.

``import govgames as gg`` gives the names a script needs: model values
(:class:`ParameterSpace`, :class:`NormalFormGame`, :class:`GameTree`, ...),
the catalog and file formats (``gg.catalog``, ``gg.io``), every public
solver (``gg.equilibria``, ``gg.subgame_perfect``, ``gg.stability``, ...),
the figure functions (``gg.figures``) and the one-call analysis
(``gg.analyze``). Names are loaded on first use, so that ``import
govgames`` stays cheap.

Examples
--------
>>> import govgames as gg
>>> game = gg.catalog.load("battle_of_the_sexes")
>>> len(gg.equilibria(game)), gg.__version__
(3, '0.1.0')
"""

from __future__ import annotations

import importlib
from typing import Any

from games import __version__

#: Every public name (static, so that tools can read it without importing anything).
__all__ = [
    "__version__",
    # model values (games)
    "AlternatingOffers", "GameError", "GovgamesWarning", "InvalidGame", "InvalidPayoffs", "ParameterError",
    "UnsupportedGame", "GameTree", "chance", "decision", "terminal", "NormalFormGame", "Parameter",
    "ParameterSpace",
    # modules
    "catalog", "io", "testing", "figures", "conditions",
    # the one-call analysis
    "analyze", "Report",
    # solvers
    "compare", "decide", "is_satisfiable", "is_valid", "sign", "simplify_condition", "Result", "Regime",
    "Equilibrium", "EquilibriumSet", "CompiledEquilibria", "equilibria", "pure_equilibria",
    "support_enumeration", "iter_support_profiles", "n_support_profiles", "quantal_response_path",
    "QuantalResponsePath", "logit_equilibrium", "iterated_dominance", "dominated_strategies",
    "DominanceResult", "Elimination", "subgame_perfect", "count_subgame_perfect", "TreeEquilibriumSet",
    "outcome_regimes", "OutcomeRegime", "verify_subgame_perfect", "sequence_form", "sequence_form_lemke",
    "sequence_form_equilibria", "sequence_form_zero_sum", "bargain", "preferred_horizon", "BargainingOutcome",
    "BargainingCase", "HorizonChoice", "nash_bargaining", "NashBargainingSolution", "screening_two_types",
    "screening_uniform", "ScreeningOutcome", "UniformScreening", "optimism_two_period", "OptimismOutcome",
    "war_of_attrition", "WarOfAttrition", "replicator", "Replicator", "rest_points", "RestPoint", "RestPoints",
    "stability", "StabilityTable", "StabilityRow", "StableRegime", "ess", "ESSResult", "simulate",
    "Trajectory", "basins", "BasinResult", "sample_states", "comparative_statics", "implicit_statics",
    "StaticsTable", "NotDifferentiable", "regimes", "regime_map", "RegimeMap", "Boundary", "sweep",
    "SweepResult", "SweepError", "check_proposition", "prove_proposition", "PropositionResult",
]

_GAMES = ("AlternatingOffers", "GameError", "GovgamesWarning", "InvalidGame", "InvalidPayoffs", "ParameterError",
          "UnsupportedGame", "GameTree", "chance", "decision", "terminal", "NormalFormGame", "Parameter",
          "ParameterSpace")
_MODULES = {"catalog": "games.catalog", "io": "games.io", "testing": "games.testing",
            "figures": "govgames.figures", "conditions": "games.conditions"}
_REPORT = ("analyze", "Report")


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        val = importlib.import_module(_MODULES[name])
    elif name in _REPORT:
        val = getattr(importlib.import_module("govgames.report"), name)
    elif name in _GAMES:
        val = getattr(importlib.import_module("games"), name)
    elif name in __all__:
        val = getattr(importlib.import_module("solvers"), name)
    else:
        raise AttributeError(f"module 'govgames' has no attribute {name!r}")
    globals()[name] = val
    return val


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
