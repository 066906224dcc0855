"""govgames solvers: pure functions from games to frozen, self-explaining results.

Every public name is loaded on first use (``import solvers`` costs almost
nothing; ``solvers.equilibria`` imports the Nash solvers, and trees, z3 or
networkx are loaded only by the solvers that need them).

Examples
--------
>>> from games import catalog
>>> from solvers import equilibria
>>> eqs = equilibria(catalog.load("battle_of_the_sexes"))
>>> len(eqs)
3
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

__all__ = [
    # conditions
    "compare",
    "decide",
    "is_satisfiable",
    "is_valid",
    "sign",
    "simplify_condition",
    # results
    "Result",
    "Regime",
    # normal form
    "Equilibrium",
    "EquilibriumSet",
    "CompiledEquilibria",
    "equilibria",
    "pure_equilibria",
    "support_enumeration",
    "iter_support_profiles",
    "n_support_profiles",
    "quantal_response_path",
    "QuantalResponsePath",
    "logit_equilibrium",
    "iterated_dominance",
    "dominated_strategies",
    "DominanceResult",
    "Elimination",
    # extensive form
    "subgame_perfect",
    "count_subgame_perfect",
    "TreeEquilibriumSet",
    "outcome_regimes",
    "OutcomeRegime",
    "verify_subgame_perfect",
    "sequence_form",
    "sequence_form_lemke",
    "sequence_form_equilibria",
    "sequence_form_zero_sum",
    # bargaining
    "bargain",
    "preferred_horizon",
    "BargainingOutcome",
    "BargainingCase",
    "HorizonChoice",
    "nash_bargaining",
    "NashBargainingSolution",
    "screening_two_types",
    "screening_uniform",
    "ScreeningOutcome",
    "UniformScreening",
    "optimism_two_period",
    "OptimismOutcome",
    "war_of_attrition",
    "WarOfAttrition",
    # evolutionary dynamics
    "replicator",
    "Replicator",
    "rest_points",
    "RestPoint",
    "RestPoints",
    "stability",
    "StabilityTable",
    "StabilityRow",
    "StableRegime",
    "ess",
    "ESSResult",
    "simulate",
    "Trajectory",
    "basins",
    "BasinResult",
    "sample_states",
    # statics, regimes, sweeps, propositions
    "comparative_statics",
    "implicit_statics",
    "StaticsTable",
    "NotDifferentiable",
    "regimes",
    "regime_map",
    "RegimeMap",
    "Boundary",
    "sweep",
    "SweepResult",
    "SweepError",
    "check_proposition",
    "prove_proposition",
    "PropositionResult",
]


def _sources() -> dict[str, str]:
    table = {
        "games.conditions": "compare decide is_satisfiable is_valid sign simplify_condition",
        "solvers.results": "Result Regime",
        "solvers.equilibrium": "Equilibrium EquilibriumSet CompiledEquilibria",
        "solvers.nash": "equilibria",
        "solvers.pure": "pure_equilibria",
        "solvers.support_enumeration": "support_enumeration iter_support_profiles n_support_profiles",
        "solvers.quantal_response": "quantal_response_path QuantalResponsePath logit_equilibrium",
        "solvers.dominance": "iterated_dominance dominated_strategies DominanceResult Elimination",
        "solvers.trees": "subgame_perfect count_subgame_perfect TreeEquilibriumSet verify_subgame_perfect "
                         "sequence_form sequence_form_lemke sequence_form_equilibria sequence_form_zero_sum",
        "solvers.backward_induction": "outcome_regimes OutcomeRegime",
        "solvers.bargaining": "bargain preferred_horizon BargainingOutcome BargainingCase HorizonChoice",
        "solvers.nash_bargaining": "nash_bargaining NashBargainingSolution",
        "solvers.screening": "screening_two_types screening_uniform ScreeningOutcome UniformScreening",
        "solvers.attrition": "optimism_two_period OptimismOutcome war_of_attrition WarOfAttrition",
        "solvers.replicator": "replicator Replicator",
        "solvers.stability": "rest_points RestPoint RestPoints stability StabilityTable StabilityRow StableRegime",
        "solvers.ess": "ess ESSResult",
        "solvers.simulation": "simulate Trajectory basins BasinResult sample_states",
        "solvers.statics": "comparative_statics implicit_statics StaticsTable NotDifferentiable",
        "solvers.regimes": "regimes regime_map RegimeMap Boundary",
        "solvers.sweep": "sweep SweepResult SweepError",
        "solvers.propositions": "check_proposition prove_proposition PropositionResult",
    }
    return {name: module for module, names in table.items() for name in names.split()}


#: public name -> the module that defines it (imported on first use)
_SOURCES = _sources()


def __getattr__(name: str) -> Any:
    module = _SOURCES.get(name)
    if module is None:
        raise AttributeError(f"module 'solvers' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """The package module: a submodule named like a public function (``solvers.sweep``) never hides it."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _SOURCES and isinstance(value, types.ModuleType):
            return  # the import system binding the submodule: ``solvers.<name>`` stays the function
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
