"""Evolutionary dynamics: replicator dynamics, rest points, stability tables, ESS.

Examples
--------
>>> from games.normal_form import NormalFormGame
>>> from solvers.evolution import replicator, stability
>>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
>>> stability(replicator(pd)).find((0, 0)).classification
'stable'
"""

from solvers.evolution.ess import ESSResult, ESSSet, ess
from solvers.evolution.replicator import Replicator, replicator
from solvers.evolution.rest_points import RestPoint, RestPoints, rest_points
from solvers.evolution.stability import CLASSES, StabilityRow, StabilityTable, StableRegime, stability

__all__ = [
    "CLASSES",
    "ESSResult",
    "ESSSet",
    "Replicator",
    "RestPoint",
    "RestPoints",
    "StabilityRow",
    "StabilityTable",
    "StableRegime",
    "ess",
    "replicator",
    "rest_points",
    "stability",
]
