"""The catalog's one idiom: a model's parameter table -> values and the space of the free parameters.

Each catalog model declares its parameters with
:meth:`games.parameters.ParameterSpace.from_table` (name, domain, LaTeX,
meaning, default); :func:`resolve` fixes the values a caller gives (or all
defaults) and :func:`build` fills the payoff array.
"""

from __future__ import annotations

import itertools
from typing import Any, Callable, Mapping, Sequence

import numpy as np
import sympy

from games.errors import ParameterError, fmt_error
from games.normal_form import NormalFormGame
from games.parameters import ParameterSpace
from games.values import to_value

__all__ = ["resolve", "build"]


def resolve(func: str, full: ParameterSpace, values: Mapping[str, Any],
            symbolic: bool) -> tuple[dict[str, Any], ParameterSpace]:
    """Values (numbers or symbols) for each parameter and the space of the free ones.

    Given numbers (and, with ``symbolic=False``, the table's defaults for the
    others) are validated against their domains and against every
    constraint they decide; constraints still involving free parameters are
    kept, with the numbers substituted, in the returned space.

    Examples
    --------
    >>> full = ParameterSpace.from_table([("a", "positive", "a", "", 2), ("b", "positive", "b", "", 1)], ["b < a"])
    >>> env, rest = resolve("demo", full, {"a": 3}, symbolic=True)
    >>> env, rest
    ({'a': 3, 'b': b}, ParameterSpace({b: positive}, constraints=[b < 3]))
    """
    unknown = sorted(set(values) - set(full.names))
    if unknown:
        raise ParameterError(fmt_error(func, "parameters", f"names among {list(full.names)}", unknown))
    given: dict[str, Any] = {}
    for p in full.parameters:
        v = values.get(p.name)
        if v is None and not symbolic:
            v = p.default
        if v is None:
            continue
        try:
            val = to_value(v, func=func, arg=p.name)
        except ValueError as err:
            raise ParameterError(str(err)) from None
        if isinstance(val, sympy.Basic) and not val.is_number:
            raise ParameterError(fmt_error(func, p.name, "a number (or None to keep it symbolic)", v))
        given[p.name] = val
    full.point(given, func=func, partial=True)
    sub = {full[n]: v for n, v in given.items()}
    env = {n: given.get(n, full[n]) for n in full.names}
    free = [p for p in full.parameters if p.name not in given]
    kept = [r for r in (c.xreplace(sub) for c in full.constraints) if r.free_symbols]
    return env, ParameterSpace(free, kept)


def build(payoff: Callable[[tuple[int, ...]], Sequence[Any]], shape: tuple[int, ...], env: Mapping[str, Any],
          space: ParameterSpace, players: Sequence[str], strategies: Sequence[Sequence[str]],
          name: str) -> NormalFormGame:
    """Fill the payoff array from ``payoff(profile)``; a float game when numeric with a float value.

    Examples
    --------
    >>> g = build(lambda p: (p[0], p[1]), (2, 2), {}, ParameterSpace.empty(), ("row", "col"),
    ...           (("x", "y"), ("l", "r")), "")
    >>> g.payoff(("y", "l"))
    (1, 0)
    """
    n = len(shape)
    arr = np.empty(shape + (n,), dtype=object)
    for prof in itertools.product(*(range(k) for k in shape)):
        arr[prof] = [sympy.sympify(x) for x in payoff(prof)]
    if not len(space) and any(isinstance(v, float) for v in env.values()):
        arr = np.vectorize(float, otypes=[float])(arr)
    return NormalFormGame(arr, players=tuple(players), strategies=tuple(tuple(s) for s in strategies),
                          space=space, name=name)
