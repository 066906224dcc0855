"""Builder specs of game trees: :func:`decision`, :func:`chance`, :func:`terminal`.

Nested specs describe a tree the way it is drawn; :meth:`GameTree.build
<games.trees.tree.GameTree.build>` turns them into the immutable value.

Examples
--------
>>> spec = decision("Entrant", {"Out": terminal((0, 2)),
...                             "In": decision("Incumbent", {"Fight": terminal((-1, -1)),
...                                                          "Accommodate": terminal((1, 1))})})
>>> [a for a, _ in spec.actions]
['Out', 'In']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from games.errors import InvalidGame, fmt_error

__all__ = ["DecisionNode", "ChanceNode", "TerminalNode", "SPECS", "decision", "chance", "terminal"]

def _pairs(mapping: Any, func: str, arg: str) -> tuple:
    """(key, value) pairs from a mapping or a sequence of pairs; duplicates rejected."""
    if isinstance(mapping, Mapping):
        items = list(mapping.items())
    elif isinstance(mapping, (list, tuple)):
        items = []
        for it in mapping:
            if not (isinstance(it, (list, tuple)) and len(it) == 2):
                raise InvalidGame(fmt_error(func, arg, "a mapping action -> subtree or a sequence of "
                                            "(action, subtree) pairs", mapping))
            items.append(tuple(it))
    else:
        raise InvalidGame(fmt_error(func, arg, "a mapping action -> subtree", mapping))
    if not items:
        raise InvalidGame(fmt_error(func, arg, "at least one action", mapping))
    seen = set()
    for a, _ in items:
        if not isinstance(a, str) or not a:
            raise InvalidGame(fmt_error(func, arg, "keyed by non-empty action labels (str)", a))
        if a in seen:
            raise InvalidGame(fmt_error(func, arg, "free of duplicate action labels", a))
        seen.add(a)
    return tuple(items)


@dataclass(frozen=True, eq=False)
class DecisionNode:
    """Builder spec of a decision node (see :func:`decision`)."""

    player: str
    actions: tuple
    infoset: str | None = None
    label: str | None = None


@dataclass(frozen=True, eq=False)
class ChanceNode:
    """Builder spec of a chance node (see :func:`chance`)."""

    branches: tuple
    label: str | None = None


@dataclass(frozen=True, eq=False)
class TerminalNode:
    """Builder spec of a terminal node (see :func:`terminal`)."""

    payoffs: tuple
    label: str | None = None


#: The three spec types (what a subtree may be).
SPECS = (DecisionNode, ChanceNode, TerminalNode)


def decision(player: str, actions: Mapping[str, Any] | Sequence[tuple[str, Any]], *,
             infoset: str | None = None, label: str | None = None) -> DecisionNode:
    """A decision node of ``player`` with one subtree per action.

    Parameters
    ----------
    player : str
        The player who moves (one of the tree's players).
    actions : mapping or sequence of pairs
        Action label -> subtree (a :func:`decision`, :func:`chance` or
        :func:`terminal` spec), in the order the actions are listed.
    infoset : str, optional
        Label of the information set. Nodes sharing a label form one
        information set (same player and same actions required). By default
        each node is its own information set, labelled ``"player@history"``.
    label : str, optional
        A name for the node (kept in the tree and in ``.efg`` files).

    Examples
    --------
    >>> d = decision("Office", {"Obey": terminal((1, 0)), "Resist": terminal((0, 1))})
    >>> d.player, [a for a, _ in d.actions]
    ('Office', ['Obey', 'Resist'])
    """
    if not isinstance(player, str) or not player:
        raise InvalidGame(fmt_error("decision", "player", "a non-empty player name", player))
    if infoset is not None and (not isinstance(infoset, str) or not infoset):
        raise InvalidGame(fmt_error("decision", "infoset", "None or a non-empty label", infoset))
    items = _pairs(actions, "decision", "actions")
    for a, sub in items:
        if not isinstance(sub, SPECS):
            raise InvalidGame(fmt_error("decision", f"actions[{a!r}]",
                                        "a subtree built by decision(), chance() or terminal()", sub))
    return DecisionNode(player, items, infoset, label)


def chance(branches: Mapping[str, tuple[Any, Any]] | Sequence[tuple[str, tuple[Any, Any]]], *,
           label: str | None = None) -> ChanceNode:
    """A chance node: action -> (probability, subtree).

    Probabilities may be numbers or expressions in the parameters; they must
    sum to 1 (symbolically: the sum simplifies to 1).

    Examples
    --------
    >>> c = chance({"High": ("1/3", terminal((1,))), "Low": ("2/3", terminal((0,)))})
    >>> [(a, p) for a, p, _ in c.branches]
    [('High', '1/3'), ('Low', '2/3')]
    """
    items = _pairs(branches, "chance", "branches")
    out = []
    for a, v in items:
        if not (isinstance(v, (tuple, list)) and len(v) == 2 and isinstance(v[1], SPECS)):
            raise InvalidGame(fmt_error("chance", f"branches[{a!r}]", "a (probability, subtree) pair", v))
        out.append((a, v[0], v[1]))
    return ChanceNode(tuple(out), label)


def terminal(payoffs: Sequence[Any], *, label: str | None = None) -> TerminalNode:
    """A terminal node with one payoff per player (numbers or expressions).

    Examples
    --------
    >>> terminal(("g - r", "r - w")).payoffs
    ('g - r', 'r - w')
    """
    if isinstance(payoffs, (str, bytes)) or not isinstance(payoffs, Iterable):
        raise InvalidGame(fmt_error("terminal", "payoffs", "a sequence with one payoff per player", payoffs))
    return TerminalNode(tuple(payoffs), label)


# --------------------------------------------------------------------------
# the tree
# --------------------------------------------------------------------------
