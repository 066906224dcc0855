"""Reduced pure strategies and the strategic (normal) form of a game tree.

A reduced pure strategy fixes an action at each of the player's information
sets that her own earlier moves do not rule out (Osborne and Rubinstein [1]_,
Definition 94.1). :func:`strategic_form` tabulates the payoff of every
profile of reduced strategies in a part of the tree (the whole tree, or the
part of a subgame above its solved proper subgames);
:func:`to_normal_form` turns the whole tree into a
:class:`~games.normal_form.NormalFormGame`.

References
----------
.. [1] M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT Press
   1994, section 6.1 and chapter 11.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any, Callable, Sequence

import numpy as np
import sympy

from games.errors import UnsupportedGame, fmt_error
from games.normal_form import NormalFormGame
from games.trees.payoffs import expected_payoffs
from games.trees.subgames import region

if TYPE_CHECKING:  # pragma: no cover
    from games.trees.tree import GameTree

__all__ = ["MAX_PURE_STRATEGIES", "reduced_strategies", "strategic_form", "to_normal_form"]

#: Largest number of pure strategies per player (before reduction) that
#: :func:`reduced_strategies` enumerates.
MAX_PURE_STRATEGIES = 200_000


def reduced_strategies(tree: "GameTree", player: int, root: int = 0, boundary: frozenset = frozenset(),
                       func: str = "GameTree.to_normal_form") -> list[dict[str, str]]:
    """Reduced pure strategies of player index ``player`` below node ``root``, stopping at ``boundary``.

    Parameters
    ----------
    tree : GameTree
    player : int
        Index into ``tree.players``.
    root : int, default 0
        Preorder index of the node where the region starts.
    boundary : frozenset of int
        Nodes where the region stops (roots of solved subgames).
    func : str
        The caller's name, for the error message.

    Returns
    -------
    list of dict
        Each a plan information set -> action over the information sets the
        plan's own moves leave reachable, in preorder; ``[{}]`` for a player
        without moves there.

    Raises
    ------
    UnsupportedGame
        When the player has more than :data:`MAX_PURE_STRATEGIES` pure strategies.

    Examples
    --------
    >>> from games.catalog.trees import centipede
    >>> [list(s.values()) for s in reduced_strategies(centipede(4), 0)]
    [['Take'], ['Pass', 'Take'], ['Pass', 'Pass']]
    """
    f = tree.flat
    nodes = region(f, root, boundary)
    own = list(dict.fromkeys(f.infoset[j] for j in nodes if f.kind[j] == "d" and f.player[j] == player))
    total = 1
    for h in own:
        total *= len(f.actions[f.infosets[h][0]])
        if total > MAX_PURE_STRATEGIES:
            raise UnsupportedGame(fmt_error(func, "tree", f"a game with at most {MAX_PURE_STRATEGIES} pure "
                                            f"strategies per player", f"more for {tree.players[player]!r}"))
    out: dict[tuple, dict[str, str]] = {}
    for choice in itertools.product(*(f.actions[f.infosets[h][0]] for h in own)):
        plan = dict(zip(own, choice))
        reach: dict[str, None] = {}
        stack = [root]
        while stack:
            j = stack.pop()
            if f.kind[j] == "t" or (j in boundary and j != root):
                continue
            if f.kind[j] == "d" and f.player[j] == player:
                h = f.infoset[j]
                reach[h] = None
                stack.append(f.children[j][f.actions[j].index(plan[h])])
            else:
                stack.extend(f.children[j])
        key = tuple((h, plan[h]) for h in own if h in reach)
        out.setdefault(key, dict(key))
    return list(out.values())


def strategic_form(tree: "GameTree", root: int = 0, leaf_value: Callable[[int], Any] | None = None,
                   boundary: frozenset = frozenset(), players: Sequence[int] | None = None,
                   func: str = "GameTree.to_normal_form") -> tuple:
    """Reduced strategies, their names and the payoff table of the region below ``root``.

    Parameters
    ----------
    tree : GameTree
    root : int, default 0
        Preorder index of the region's root.
    leaf_value : callable, optional
        Node index -> payoff vector at terminals and ``boundary`` nodes, None
        elsewhere (see :func:`~games.trees.payoffs.expected_payoffs`).
    boundary : frozenset of int
        Roots of solved subgames where the region stops.
    players : sequence of int, optional
        The players whose strategies are tabulated (default all); the others
        do not move in the region.
    func : str
        The caller's name, for error messages.

    Returns
    -------
    tuple
        ``(players, strategies, names, payoffs)``: the player indices, per
        player the list of plans (:func:`reduced_strategies`), per player the
        tuple of names (actions joined by ``/``, or ``infoset:action`` pairs
        when those collide), and a dict from each profile of strategy
        indices to the full payoff vector.

    Examples
    --------
    >>> from games.catalog.trees import entry_deterrence
    >>> players, strategies, names, payoffs = strategic_form(entry_deterrence())
    >>> names, payoffs[(1, 0)]
    ([('Out', 'In'), ('Fight', 'Accommodate')], (0, 0))
    """
    f = tree.flat
    if players is None:
        players = list(range(len(tree.players)))
    strategies, names = [], []
    for i in players:
        strats = reduced_strategies(tree, i, root, boundary, func)
        strategies.append(strats)
        nm = ["/".join(s.values()) or "-" for s in strats]
        if len(set(nm)) != len(nm):
            nm = ["/".join(f"{h}:{a}" for h, a in s.items()) or "-" for s in strats]
        names.append(tuple(nm))
    if leaf_value is None:
        def leaf_value(j):
            return f.payoffs[j]
    payoffs = {}
    for prof in itertools.product(*(range(len(s)) for s in strategies)):
        plan: dict[str, str] = {}
        for k, idx in enumerate(prof):
            plan.update(strategies[k][idx])
        payoffs[prof] = expected_payoffs(tree, plan, root=root, leaf_value=leaf_value)
    return list(players), strategies, names, payoffs


def to_normal_form(tree: "GameTree") -> NormalFormGame:
    """The reduced strategic form of ``tree`` as a normal-form game (see :meth:`GameTree.to_normal_form`).

    Examples
    --------
    >>> from games.catalog.trees import entry_deterrence
    >>> to_normal_form(entry_deterrence()).payoff(("In", "Accommodate"))
    (2, 2)
    """
    players, strategies, names, payoffs = strategic_form(tree)
    shape = tuple(len(s) for s in strategies) + (len(tree.players),)
    arr = np.empty(shape, dtype=object)
    for prof, vec in payoffs.items():
        for k, v in enumerate(vec):
            arr[prof + (k,)] = sympy.sympify(v) if not isinstance(v, float) else v
    if not tree.is_exact:
        arr = arr.astype(float)
    return NormalFormGame(arr, players=tree.players, strategies=names, space=tree.space, name=tree.name)
