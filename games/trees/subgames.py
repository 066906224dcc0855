"""Where a game tree splits into subgames, as node indices of its :class:`~games.trees.flat.FlatTree`.

A node roots a subgame when every information set is either inside its
subtree or outside it (Selten [1]_). The :class:`~games.trees.tree.GameTree`
methods ``subgame_roots``, ``subgame`` and ``subgames`` are built on these
functions; solvers use the indices directly.

References
----------
.. [1] R. Selten (1965), "Spieltheoretische Behandlung eines Oligopolmodells
   mit Nachfrageträgheit", *Zeitschrift für die gesamte Staatswissenschaft*
   121: 301-324.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from games.trees.flat import FlatTree

if TYPE_CHECKING:  # pragma: no cover
    from games.trees.tree import GameTree

__all__ = ["subgame_root_indices", "non_roots", "subtree", "region"]


def non_roots(flat: FlatTree) -> set[int]:
    """Nodes that cannot root a subgame: strictly inside the span of a multi-node information set.

    The span runs from the lowest common ancestor of the set's nodes (which
    still roots a subgame unless another set cuts it) down to the nodes.

    Examples
    --------
    >>> from games.catalog.trees import entry_mixed_subgame
    >>> f = entry_mixed_subgame().flat
    >>> sorted(f.hist[i] for i in non_roots(f))
    [('In', 'Aggressive'), ('In', 'Passive')]
    """
    bad: set = set()
    for nodes in flat.infosets.values():
        if len(nodes) == 1:
            continue
        paths = []
        for j in nodes:
            p, anc = j, []
            while p != -1:
                anc.append(p)
                p = flat.parent[p]
            paths.append(anc[::-1])
        # lowest common ancestor: the longest common prefix of the root paths
        k = 0
        while all(len(pth) > k for pth in paths) and len({pth[k] for pth in paths}) == 1:
            k += 1
        for pth in paths:
            bad.update(pth[k:])
    return bad


def subgame_root_indices(tree: "GameTree", func: str | None = "subgame_perfect") -> list[int]:
    """Preorder indices of the non-terminal nodes that root a subgame (the root, 0, first).

    Parameters
    ----------
    tree : GameTree
    func : str or None
        The calling solver's name: absent-minded trees are refused in its
        name (:meth:`GameTree.require_no_absent_mindedness`); None skips the check.

    Raises
    ------
    UnsupportedGame
        ``func`` is given and the tree is absent-minded.

    Examples
    --------
    >>> from games.catalog.trees import entry_deterrence
    >>> subgame_root_indices(entry_deterrence())
    [0, 2]
    """
    if func is not None:
        tree.require_no_absent_mindedness(func)
    f = tree.flat
    bad = non_roots(f)
    return [i for i in range(len(f.hist)) if f.kind[i] != "t" and i not in bad]


def subtree(flat: FlatTree, i: int) -> list[int]:
    """Node ``i`` and all its descendants, in preorder.

    Examples
    --------
    >>> from games.catalog.trees import entry_deterrence
    >>> subtree(entry_deterrence().flat, 2)
    [2, 3, 4]
    """
    out, stack = [], [i]
    ch = flat.children
    while stack:
        j = stack.pop()
        out.append(j)
        stack.extend(reversed(ch[j]))
    return out


def region(flat: FlatTree, root: int, boundary: frozenset = frozenset()) -> list[int]:
    """Nodes below ``root`` in preorder, not descending past the ``boundary`` nodes (which are listed).

    Examples
    --------
    >>> from games.catalog.trees import entry_deterrence
    >>> region(entry_deterrence().flat, 0, frozenset({2}))
    [0, 1, 2]
    """
    out, stack = [], [root]
    while stack:
        j = stack.pop()
        out.append(j)
        if j != root and j in boundary:
            continue
        stack.extend(reversed(flat.children[j]))
    return out
