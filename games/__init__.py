"""govgames model values: parameter spaces, normal-form and extensive-form games,
bargaining games, the model catalog and file formats.

Names are loaded on first use (so that trees, and networkx with them, cost
nothing until a tree is built).

Examples
--------
>>> from games import ParameterSpace, NormalFormGame
>>> space = ParameterSpace({"V": "positive", "C": "positive"}, ["C > V"])
>>> NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]]).shape
(2, 2)
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "Parameter",
    "ParameterSpace",
    "NormalFormGame",
    "GameTree",
    "decision",
    "chance",
    "terminal",
    "AlternatingOffers",
    "GameError",
    "GovgamesWarning",
    "InvalidGame",
    "InvalidPayoffs",
    "ParameterError",
    "UnsupportedGame",
]

# public name -> the module that defines it
_SOURCES = {
    "AlternatingOffers": "games.bargaining",
    "GameError": "games.errors",
    "GovgamesWarning": "games.errors",
    "InvalidGame": "games.errors",
    "InvalidPayoffs": "games.errors",
    "ParameterError": "games.errors",
    "UnsupportedGame": "games.errors",
    "GameTree": "games.extensive_form",
    "chance": "games.extensive_form",
    "decision": "games.extensive_form",
    "terminal": "games.extensive_form",
    "NormalFormGame": "games.normal_form",
    "Parameter": "games.parameters",
    "ParameterSpace": "games.parameters",
}


def __getattr__(name: str) -> Any:
    module = _SOURCES.get(name)
    if module is None:
        raise AttributeError(f"module 'games' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
