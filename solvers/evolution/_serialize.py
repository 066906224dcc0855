"""Plain-data forms of sympy values and replicator dynamics, for the results' ``to_dict``."""

from __future__ import annotations

from typing import Any

import sympy

__all__ = ["dump_expr", "load_expr", "dump_dyn", "load_dyn"]


def dump_expr(e: Any) -> Any:
    """A sympy value (or a nested tuple of them) as ``srepr`` strings."""
    if e is None:
        return None
    if isinstance(e, (tuple, list)):
        return [dump_expr(x) for x in e]
    return sympy.srepr(sympy.sympify(e))


def load_expr(d: Any) -> Any:
    """Inverse of :func:`dump_expr` (lists become tuples)."""
    if d is None:
        return None
    if isinstance(d, list):
        return tuple(load_expr(x) for x in d)
    return sympy.sympify(d)


def dump_dyn(dyn: Any) -> dict:
    """A Replicator as the arguments that rebuild it."""
    return {"game": dyn.game.to_dict(), "symmetric": dyn.symmetric, "state_names": [s.name for s in dyn.state]}


def load_dyn(d: dict) -> Any:
    """Inverse of :func:`dump_dyn`."""
    from games.normal_form import NormalFormGame
    from solvers.evolution.replicator import replicator
    return replicator(NormalFormGame.from_dict(d["game"]), symmetric=d["symmetric"],
                      state_names=tuple(d["state_names"]))
