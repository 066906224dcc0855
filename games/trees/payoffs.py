"""Expected payoffs of a behaviour profile in a game tree.

One walker for every question of the form "what does each player expect
from node ``s`` if play follows this profile": pure plans (an action per
information set), behaviour strategies (a lottery per information set),
and partial trees whose lower subgames are already solved (``leaf_value``
gives their values). Chance moves are averaged; exact inputs stay exact,
symbolic ones stay symbolic. :func:`node_values` gives the value at every
node at once (post-order), what the one-deviation check needs.

References
----------
.. [1] H. W. Kuhn (1953), "Extensive games and the problem of information",
   in *Contributions to the Theory of Games II*, Annals of Mathematics
   Studies 28, Princeton University Press, 193-216 (behaviour strategies).
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any, Callable, Mapping

import sympy

from games.errors import InvalidGame, fmt_error

if TYPE_CHECKING:  # pragma: no cover
    from games.trees.tree import GameTree

__all__ = ["expected_payoffs", "node_values", "is_zero"]


def is_zero(p: Any) -> bool:
    """Whether a probability is exactly zero (float, Fraction or sympy; strings are parsed).

    Examples
    --------
    >>> is_zero(0.0), is_zero("1/2"), is_zero(sympy.Integer(0))
    (True, False, True)
    """
    if isinstance(p, float):
        return p == 0.0
    if isinstance(p, (int, Fraction)):
        return p == 0
    p = sympy.sympify(p)
    return p.is_zero is True


def _branches(children: tuple, actions: tuple, move: Any) -> list:
    """(child, probability) pairs at a decision node for an action or a lottery over actions."""
    if isinstance(move, str):
        return [(children[actions.index(move)], 1)]
    dist = move if isinstance(move, Mapping) else dict(move)
    return [(c, dist[a]) for c, a in zip(children, actions)]


def expected_payoffs(tree: "GameTree", behavior: Mapping[str, Any], *, root: int | tuple = 0,
                    leaf_value: Callable[[int], Any] | None = None) -> tuple:
    """The payoff vector each player expects from ``root`` when play follows ``behavior``.

    Parameters
    ----------
    tree : GameTree
    behavior : mapping
        Information set label -> the move there: an action label (a pure
        plan), a mapping action -> probability, or a sequence of
        ``(action, probability)`` pairs (a behaviour strategy). Only the
        information sets that play reaches are read.
    root : int or tuple, default 0
        Where play starts: a preorder node index of ``tree.flat`` or a history.
    leaf_value : callable, optional
        ``leaf_value(j)`` for a node index ``j`` returns the payoff vector
        where play stops there (terminals and the roots of already solved
        subgames) or None to continue; it is not asked at a non-terminal
        ``root``. Default: the terminal payoffs.

    Returns
    -------
    tuple
        One expected payoff per player (exact where the tree is exact).

    Raises
    ------
    InvalidGame
        ``root`` is not a node of the tree.
    KeyError
        ``behavior`` has no move at an information set that play reaches.

    References
    ----------
    .. [1] H. W. Kuhn (1953), "Extensive games and the problem of
       information", *Contributions to the Theory of Games II*, 193-216.

    Examples
    --------
    >>> from games.catalog.trees import entry_deterrence
    >>> t = entry_deterrence()
    >>> expected_payoffs(t, {"Entrant@root": "In", "Incumbent@In": "Fight"})
    (0, 0)
    >>> expected_payoffs(t, {"Entrant@root": {"Out": sympy.Rational(1, 2), "In": sympy.Rational(1, 2)},
    ...                     "Incumbent@In": [("Fight", 0), ("Accommodate", 1)]})
    (3/2, 7/2)
    >>> expected_payoffs(t, {"Incumbent@In": "Accommodate"}, root=("In",))
    (2, 2)
    """
    f = tree.flat
    if not isinstance(root, int):
        try:
            root = f.index[tuple(root)]
        except (KeyError, TypeError):
            raise InvalidGame(fmt_error("expected_payoffs", "root", "a node index or the history of a node",
                                        root)) from None
    elif not 0 <= root < len(f.hist):
        raise InvalidGame(fmt_error("expected_payoffs", "root", f"a node index in [0, {len(f.hist)})", root))
    if leaf_value is None:
        payoffs = f.payoffs

        def leaf_value(j):
            return payoffs[j]
    n = len(tree.players)
    total: list = [0] * n
    stack: list = [(root, 1)]
    while stack:
        j, w = stack.pop()
        v = leaf_value(j) if (j != root or f.kind[j] == "t") else None
        if v is not None:
            for k in range(n):
                total[k] = total[k] + w * v[k]
            continue
        if f.kind[j] == "d":
            pairs = _branches(f.children[j], f.actions[j], behavior[f.infoset[j]])
        else:
            pairs = zip(f.children[j], f.probs[j])
        for c, p in pairs:
            if not is_zero(p):
                stack.append((c, w * p))
    return tuple(total)


def node_values(tree: "GameTree", behavior: Mapping[str, Any]) -> list:
    """The expected payoff vector at every node under ``behavior`` (a list indexed like ``tree.flat``).

    Parameters
    ----------
    tree : GameTree
    behavior : mapping
        Information set label -> action, mapping action -> probability or
        ``(action, probability)`` pairs, at every information set.

    Returns
    -------
    list of tuple

    Examples
    --------
    >>> from games.catalog.trees import entry_deterrence
    >>> node_values(entry_deterrence(), {"Entrant@root": "Out", "Incumbent@In": "Accommodate"})
    [(1, 5), (1, 5), (2, 2), (0, 0), (2, 2)]
    """
    f = tree.flat
    n = len(f.hist)
    vals: list = [None] * n
    for i in range(n - 1, -1, -1):
        if f.kind[i] == "t":
            vals[i] = f.payoffs[i]
            continue
        if f.kind[i] == "d":
            pairs = _branches(f.children[i], f.actions[i], behavior[f.infoset[i]])
        else:
            pairs = zip(f.children[i], f.probs[i])
        m = len(vals[f.children[i][0]])
        acc: list = [0] * m
        for c, p in pairs:
            if is_zero(p):
                continue
            for k in range(m):
                acc[k] = acc[k] + p * vals[c][k]
        vals[i] = tuple(acc)
    return vals
