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

# name -> module that defines it (loaded on first use)
_LAZY: dict[str, str] = {}


def _register(module: str, names: list[str]) -> None:
    for n in names:
        _LAZY[n] = module


_register("games", ["AlternatingOffers", "GameError", "GovgamesWarning", "InvalidGame", "InvalidPayoffs",
                    "ParameterError", "UnsupportedGame", "GameTree", "chance", "decision", "terminal",
                    "NormalFormGame", "Parameter", "ParameterSpace"])
_MODULES = {"catalog": "games.catalog", "io": "games.io", "testing": "games.testing",
            "figures": "govgames.figures", "conditions": "games.conditions"}


def _solver_names() -> list[str]:
    import solvers

    return list(solvers.__all__)


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        mod = importlib.import_module(_MODULES[name])
        globals()[name] = mod
        return mod
    if name == "analyze":
        from govgames.report import analyze

        globals()[name] = analyze
        return analyze
    if name in _LAZY:
        val = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = val
        return val
    import solvers

    if name in solvers.__all__:
        val = getattr(solvers, name)
        globals()[name] = val
        return val
    raise AttributeError(f"module 'govgames' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY) | set(_MODULES) | {"analyze"} | set(_solver_names()))


__all__ = sorted(set(_LAZY) | set(_MODULES) | {"analyze", "__version__"})
