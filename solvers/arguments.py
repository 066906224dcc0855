"""Argument handling shared by the closed-form solvers (bargaining, screening, attrition).

Values given as numbers, strings or sympy expressions become exact values in
a parameter space; the space is read off the values' symbols when none is
given.
"""

from __future__ import annotations

from typing import Any, Sequence

import sympy

from games.parameters import ParameterSpace
from games.values import to_parameter_value

__all__ = ["argument_value", "space_for"]


def argument_value(x: Any, space: ParameterSpace | None, *, func: str, arg: str) -> Any:
    """A solver argument as an exact number or a sympy expression in ``space``'s parameters.

    Raises
    ------
    ParameterError
        When ``x`` is neither a number nor an expression in the parameters.

    Examples
    --------
    >>> argument_value("1/2", None, func="bargain", arg="discount")
    1/2
    """
    return to_parameter_value(x, space, func=func, arg=arg)


def space_for(values: Sequence[Any], space: ParameterSpace | None) -> ParameterSpace:
    """``space`` if given, else the space of the values' symbols (with their assumptions).

    Examples
    --------
    >>> d = sympy.Symbol("d", positive=True)
    >>> space_for([d, 1], None).names
    ('d',)
    """
    if space is not None:
        return space
    syms: set = set()
    for v in values:
        if isinstance(v, sympy.Basic):
            syms |= v.free_symbols
    return ParameterSpace.from_symbols(syms) if syms else ParameterSpace.empty()
