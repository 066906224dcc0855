"""Parameter conditions of replicator dynamics: which options of the condition engine apply.

The rest points and stability classes of :mod:`solvers.evolution` carry
conditions on the game's :class:`~games.parameters.ParameterSpace`; the
condition engine :mod:`games.conditions` decides and simplifies them. The
helpers here only choose the engine's options for one :class:`Replicator`:
whether its game is computed in floats (:func:`is_float_game`), the
witness-first simplification for exact games (:func:`simplify_on_space`),
and a satisfiability check that gives up on very large conditions
(:func:`quick_satisfiable`).

References
----------
.. [1] L. de Moura and N. Bjorner, "Z3: an efficient SMT solver", TACAS 2008.
"""

from __future__ import annotations

import numpy as np
import sympy
from sympy.logic.boolalg import Boolean

from games.conditions import is_satisfiable, sampled_witness, simplify_condition
from games.errors import ParameterError
from solvers.evolution.replicator import Replicator

__all__ = ["is_float_game", "quick_satisfiable", "simplify_on_space"]


def is_float_game(dyn: Replicator) -> bool:
    """Whether the game has a float payoff (then rest points and eigenvalues are computed in floats).

    Parameters
    ----------
    dyn : Replicator

    Returns
    -------
    bool
        True if some payoff is a Python or sympy float; False for exact games
        (integers, rationals, symbols).

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> from solvers.evolution.replicator import replicator
    >>> is_float_game(replicator(NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])))
    False
    >>> is_float_game(replicator(NormalFormGame.from_bimatrix([[3.5, 0], [5, 1]], [[3, 5], [0, 1]])))
    True
    """
    pay = np.asarray(dyn.game.payoffs, dtype=object).reshape(-1)
    return any(isinstance(v, (float, sympy.Float)) for v in pay)


def simplify_on_space(cond: Boolean, dyn: Replicator) -> Boolean:
    """A parameter condition simplified on the dynamics' parameter space.

    :func:`games.conditions.simplify_condition`, witness-first
    (``witnesses=True``) for exact games. A condition the engine cannot
    handle is returned unchanged.

    Parameters
    ----------
    cond : sympy Boolean
    dyn : Replicator
        Supplies the :class:`~games.parameters.ParameterSpace`.

    Returns
    -------
    sympy Boolean
        Equivalent to ``cond`` on the space.

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> from solvers.evolution.replicator import replicator
    >>> a = sympy.Symbol("a", positive=True)
    >>> dyn = replicator(NormalFormGame.from_bimatrix([[a, 0], [0, 1]], [[a, 0], [0, 1]]))
    >>> simplify_on_space(sympy.And(a > 0, a - 1 > 0), dyn)
    a > 1
    """
    if cond in (sympy.true, sympy.false):
        return cond
    if not cond.free_symbols:
        return cond
    try:
        return simplify_condition(cond, dyn.space, witnesses=not is_float_game(dyn))
    except (ParameterError, TypeError, ValueError):
        return cond


def _size(e: sympy.Basic, limit: int = 10_000) -> int:
    """Number of nodes of an expression tree (counting stops at ``limit``)."""
    n = 0
    for _ in sympy.preorder_traversal(e):
        n += 1
        if n >= limit:
            break
    return n


def quick_satisfiable(cond: Boolean, dyn: Replicator) -> bool | None:
    """Whether ``cond`` holds somewhere on the dynamics' parameter space, cheaply.

    :func:`games.conditions.is_satisfiable` with ``witnesses=True``: a
    sampled point checked by exact substitution answers True; otherwise
    conditions with at most 150 nodes go to z3. Larger conditions, and those
    z3 cannot decide, stay undecided.

    Parameters
    ----------
    cond : sympy Boolean
    dyn : Replicator
        Supplies the :class:`~games.parameters.ParameterSpace`.

    Returns
    -------
    bool or None
        True if satisfiable, False if proved unsatisfiable, None if undecided.

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> from solvers.evolution.replicator import replicator
    >>> a = sympy.Symbol("a", positive=True)
    >>> dyn = replicator(NormalFormGame.from_bimatrix([[a, 0], [0, 1]], [[a, 0], [0, 1]]))
    >>> quick_satisfiable(a > 1, dyn), quick_satisfiable(sympy.And(a > 1, a < 1), dyn)
    (True, False)
    """
    if _size(cond) > 150:
        # too large for z3 here: only an exactly checked witness decides it
        try:
            return True if sampled_witness(cond, dyn.space) is not None else None
        except (ParameterError, TypeError, ValueError):
            return None
    try:
        return is_satisfiable(cond, dyn.space, witnesses=True)
    except ValueError:  # z3 model numbers too large to convert: undecided, kept
        return None
