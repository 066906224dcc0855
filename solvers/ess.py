"""Evolutionarily stable strategies (see :mod:`solvers.evolution.ess`).

Examples
--------
>>> from games.normal_form import NormalFormGame
>>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
>>> ess(pd).strategies
((0, 1),)
"""

from solvers.evolution.ess import ESSResult, ESSSet, ess

__all__ = ["ESSResult", "ESSSet", "ess"]
