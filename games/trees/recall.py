"""What a player remembers: absent-mindedness and perfect recall of a game tree.

Both are read from the :class:`~games.trees.flat.FlatTree` of a tree; the
:class:`~games.trees.tree.GameTree` properties ``absent_minded_infosets``,
``imperfect_recall_infosets``, ``is_absent_minded`` and
``has_perfect_recall`` call these functions (once per tree).

References
----------
.. [1] H. W. Kuhn (1953), "Extensive games and the problem of information",
   in *Contributions to the Theory of Games II*, Annals of Mathematics
   Studies 28, Princeton University Press, 193-216.
.. [2] R. Selten (1975), "Reexamination of the perfectness concept for
   equilibrium points in extensive games", *International Journal of Game
   Theory* 4: 25-55.
.. [3] M. Piccione and A. Rubinstein (1997), "On the interpretation of
   decision problems with imperfect recall", *Games and Economic Behavior*
   20: 3-24.
"""

from __future__ import annotations

from games.trees.flat import FlatTree

__all__ = ["absent_minded_infosets", "imperfect_recall_infosets", "own_experience"]


def own_experience(flat: FlatTree) -> list:
    """For each node, the ``(player, infoset, action)`` moves on its path from the root, in order.

    Chance moves are left out; callers keep the moves of the player they ask about.

    Examples
    --------
    >>> from games.catalog.trees import entry_deterrence
    >>> own_experience(entry_deterrence().flat)[3]
    ((0, 'Entrant@root', 'In'), (1, 'Incumbent@In', 'Fight'))
    """
    out: list = [()] * len(flat.hist)
    for i in range(1, len(flat.hist)):
        p = flat.parent[i]
        if flat.kind[p] == "d":
            out[i] = out[p] + ((flat.player[p], flat.infoset[p], flat.hist[i][-1]),)
        else:
            out[i] = out[p]
    return out


def absent_minded_infosets(flat: FlatTree) -> tuple[str, ...]:
    """Information sets in which one node precedes another, in preorder (Piccione and Rubinstein [3]_).

    Examples
    --------
    The absent-minded driver cannot tell the first intersection from the second:

    >>> from games.trees import GameTree, decision, terminal
    >>> t = GameTree.build(("Driver",), decision("Driver", {
    ...     "Exit": terminal((0,)),
    ...     "Continue": decision("Driver", {"Exit": terminal((4,)), "Continue": terminal((1,))},
    ...                          infoset="I")}, infoset="I"))
    >>> absent_minded_infosets(t.flat)
    ('I',)
    """
    out = []
    for h, nodes in flat.infosets.items():
        if len(nodes) < 2:
            continue
        members = set(nodes)
        found = False
        for j in nodes:
            p = flat.parent[j]
            while p != -1 and not found:
                found = p in members
                p = flat.parent[p]
            if found:
                break
        if found:
            out.append(h)
    return tuple(out)


def imperfect_recall_infosets(flat: FlatTree) -> tuple[str, ...]:
    """Information sets whose nodes the mover reaches through different own moves, in preorder.

    A player has perfect recall when, for any two nodes of one of her
    information sets, the sequences of her own information sets and actions
    on the paths to them coincide (Kuhn [1]_; Selten [2]_).

    Examples
    --------
    >>> from games.trees import GameTree, decision, terminal
    >>> t = GameTree.build(("A",), decision("A", {
    ...     "L": decision("A", {"x": terminal((1,)), "y": terminal((0,))}, infoset="I"),
    ...     "R": decision("A", {"x": terminal((0,)), "y": terminal((2,))}, infoset="I")}))
    >>> imperfect_recall_infosets(t.flat)
    ('I',)
    """
    if all(len(v) == 1 for v in flat.infosets.values()):
        return ()
    exp = own_experience(flat)
    out = []
    for h, nodes in flat.infosets.items():
        if len(nodes) < 2:
            continue
        pl = flat.player[nodes[0]]
        seqs = {tuple(x[1:] for x in exp[j] if x[0] == pl) for j in nodes}
        if len(seqs) > 1:
            out.append(h)
    return tuple(out)
