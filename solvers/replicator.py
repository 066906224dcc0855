"""Replicator dynamics of a normal-form game (see :mod:`solvers.evolution.replicator`).

Examples
--------
>>> from games.normal_form import NormalFormGame
>>> replicator(NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])).dimension
2
"""

from solvers.evolution.replicator import Replicator, replicator

__all__ = ["Replicator", "replicator"]
