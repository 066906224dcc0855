"""Normal-form games as the payoff tables papers print: one row per strategy profile.

:func:`game_from_table` is :meth:`games.normal_form.NormalFormGame.from_table`
and :func:`game_to_table` its inverse, :meth:`~games.normal_form.NormalFormGame.to_table`.
"""

from __future__ import annotations

import itertools
from typing import Any, Mapping, Sequence

import numpy as np
import sympy

from games.errors import InvalidPayoffs, fmt_error
from games.parameters import ParameterSpace
from games.payoff_arrays import parse_strings

__all__ = ["game_from_table", "game_to_table"]


def game_from_table(cls: type, table: Mapping[Sequence[str], Sequence[Any]], *, players: Sequence[str],
                    strategies: Sequence[Sequence[str]] | None = None, space: ParameterSpace | None = None,
                    allow_new_symbols: bool = False, name: str = "") -> Any:
    """The game of class ``cls`` whose payoff table is ``table``.

    The work of :meth:`games.normal_form.NormalFormGame.from_table`, which
    documents the parameters, the checks and the errors.

    Parameters
    ----------
    cls : type
        The game class (``NormalFormGame`` or a subclass), called with the
        payoff array.
    table, players, strategies, space, allow_new_symbols, name
        As for :meth:`~games.normal_form.NormalFormGame.from_table`.

    Returns
    -------
    NormalFormGame
        ``payoffs[s1, ..., sn, i] == table[(strategies[0][s1], ...)][i]``.

    Raises
    ------
    InvalidPayoffs
        For a malformed table (see ``from_table``).
    ParameterError
        For an undeclared name in a string payoff.

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> g = game_from_table(NormalFormGame, {("C",): (1,), ("D",): (2,)}, players=("solo",))
    >>> g.strategies, g.payoff(("D",))
    ((('C', 'D'),), (2,))
    """
    func = "from_table"
    if isinstance(table, Mapping):
        items = list(table.items())
    elif isinstance(table, (list, tuple)) and all(isinstance(r, (list, tuple)) and len(r) == 2 for r in table):
        items = [(tuple(k) if isinstance(k, list) else k, v) for k, v in table]
    else:
        raise InvalidPayoffs(fmt_error(func, "table", "a mapping from strategy profiles to payoff tuples "
                                       "(or a list of (profile, payoffs) rows)", table))
    if isinstance(players, str) or not isinstance(players, Sequence):
        raise InvalidPayoffs(fmt_error(func, "players", "a sequence of player names", players))
    players = tuple(players)
    n = len(players)
    if n < 1 or not all(isinstance(p, str) for p in players) or len(set(players)) != n:
        raise InvalidPayoffs(fmt_error(func, "players", "distinct player names", players))
    if not items:
        raise InvalidPayoffs(fmt_error(func, "table", "a non-empty mapping", table))
    rows = []
    for key, value in items:
        prof = (key,) if isinstance(key, str) and n == 1 else key
        if not isinstance(prof, tuple) or len(prof) != n or not all(isinstance(x, str) for x in prof):
            raise InvalidPayoffs(fmt_error(func, "table", f"keyed by tuples of {n} strategy names "
                                           f"(one per player {players})", key))
        if isinstance(value, (str, bytes)) or not isinstance(value, (Sequence, np.ndarray)) \
                or isinstance(value, sympy.Basic) or len(value) != n:
            raise InvalidPayoffs(fmt_error(func, f"table[{key!r}]", f"a tuple of {n} payoffs "
                                           f"(one per player {players})", value))
        rows.append((prof, tuple(value)))
    if strategies is None:
        strats: list[list[str]] = [[] for _ in range(n)]
        for prof, _ in rows:
            for i, x in enumerate(prof):
                if x not in strats[i]:
                    strats[i].append(x)
        strategies = tuple(tuple(s) for s in strats)
    else:
        if isinstance(strategies, str) or len(strategies) != n:
            raise InvalidPayoffs(fmt_error(func, "strategies", f"one name list per player ({n})", strategies))
        strategies = tuple(tuple(s) for s in strategies)
        for i, ss in enumerate(strategies):
            if not ss or len(set(ss)) != len(ss) or not all(isinstance(x, str) for x in ss):
                raise InvalidPayoffs(fmt_error(func, f"strategies[{i}]", "distinct strategy names", ss))
        for prof, _ in rows:
            for i, x in enumerate(prof):
                if x not in strategies[i]:
                    raise InvalidPayoffs(fmt_error(func, "table", f"keyed by declared strategies; "
                                                   f"{players[i]}'s are {strategies[i]}", prof))
    shape = tuple(len(s) for s in strategies)
    index = [{x: j for j, x in enumerate(ss)} for ss in strategies]
    arr = np.empty(shape + (n,), dtype=object)
    filled = np.zeros(shape, dtype=bool)
    repeated = []
    for prof, value in rows:
        idx = tuple(index[i][x] for i, x in enumerate(prof))
        if filled[idx]:
            repeated.append(prof)
        filled[idx] = True
        for i, v in enumerate(value):
            arr[idx + (i,)] = v
    if repeated:
        raise InvalidPayoffs(fmt_error(func, "table", "one row per strategy profile (repeated: "
                                       + ", ".join(repr(r) for r in repeated) + ")",
                                       f"{len(rows)} rows for {int(np.prod(shape))} profiles"))
    if not filled.all():
        missing = [tuple(strategies[i][j] for i, j in enumerate(idx))
                   for idx in itertools.product(*(range(k) for k in shape)) if not filled[idx]]
        shown = ", ".join(repr(m) for m in missing[:8]) + (", ..." if len(missing) > 8 else "")
        raise InvalidPayoffs(fmt_error(func, "table", f"one payoff tuple for every strategy profile "
                                       f"({len(missing)} missing: {shown})",
                                       f"{len(rows)} rows for {int(np.prod(shape))} profiles"))
    arr = parse_strings(arr, space, allow_new_symbols, func, arg="table")
    return cls(arr, players=players, strategies=strategies, space=space, name=name,
               allow_new_symbols=allow_new_symbols)


def game_to_table(game: Any) -> dict[tuple[str, ...], tuple]:
    """The payoff table of ``game``: strategy-name profile -> payoff tuple.

    Parameters
    ----------
    game : NormalFormGame

    Returns
    -------
    dict
        What :func:`game_from_table` reads back.

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> g = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("C", "D"),) * 2)
    >>> game_to_table(g)[("C", "D")]
    (0, 5)
    """
    return {tuple(game.strategies[i][j] for i, j in enumerate(idx)): game.payoff(idx)
            for idx in itertools.product(*(range(k) for k in game.shape))}
