"""Rest points of replicator dynamics and their stability (see :mod:`solvers.evolution`).

This module re-exports :mod:`solvers.evolution.rest_points` and
:mod:`solvers.evolution.stability`.

Examples
--------
>>> from games.normal_form import NormalFormGame
>>> from solvers.replicator import replicator
>>> sh = NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]])
>>> len(stability(replicator(sh)))
5
"""

from solvers.evolution.rest_points import RestPoint, RestPoints, rest_points
from solvers.evolution.stability import CLASSES, StabilityRow, StabilityTable, StableRegime, stability

__all__ = [
    "CLASSES",
    "RestPoint",
    "RestPoints",
    "StabilityRow",
    "StabilityTable",
    "StableRegime",
    "rest_points",
    "stability",
]
