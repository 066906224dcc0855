"""govgames solvers: pure functions from games to frozen, self-explaining results.

Examples
--------
>>> from games import catalog
>>> from solvers import equilibria
>>> eqs = equilibria(catalog.load("battle_of_the_sexes"))
>>> len(eqs)
3
"""

from solvers.attrition import OptimismOutcome, WarOfAttrition, optimism_two_period, war_of_attrition
from solvers.backward_induction import OutcomeRegime, outcome_regimes, subgame_perfect, verify_subgame_perfect
from solvers.bargaining import BargainingCase, BargainingOutcome, HorizonChoice, bargain, preferred_horizon
from games.conditions import compare, decide, is_satisfiable, is_valid, sign, simplify_condition
from solvers.dominance import DominanceResult, Elimination, dominated_strategies, iterated_dominance
from solvers.ess import ESSResult, ess
from solvers.equilibrium import CompiledEquilibria, Equilibrium, EquilibriumSet, Regime
from solvers.nash import equilibria
from solvers.nash_bargaining import NashBargainingSolution, nash_bargaining
from solvers.propositions import PropositionResult, check_proposition, prove_proposition
from solvers.pure import pure_equilibria
from solvers.regimes import Boundary, RegimeMap, regime_map, regimes
from solvers.replicator import Replicator, replicator
from solvers.screening import ScreeningOutcome, UniformScreening, screening_two_types, screening_uniform
from solvers.simulation import BasinResult, Trajectory, basins, sample_states, simulate
from solvers.stability import RestPoint, RestPoints, StabilityRow, StabilityTable, StableRegime, rest_points, stability
from solvers.statics import NotDifferentiable, StaticsTable, comparative_statics, implicit_statics
from solvers.sweep import SweepError, SweepResult, sweep

__all__ = [
    # conditions
    "compare",
    "decide",
    "is_satisfiable",
    "is_valid",
    "sign",
    "simplify_condition",
    # normal form
    "Equilibrium",
    "EquilibriumSet",
    "CompiledEquilibria",
    "Regime",
    "equilibria",
    "pure_equilibria",
    "iterated_dominance",
    "dominated_strategies",
    "DominanceResult",
    "Elimination",
    # extensive form
    "subgame_perfect",
    "outcome_regimes",
    "OutcomeRegime",
    "verify_subgame_perfect",
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
