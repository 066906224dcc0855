"""Extensive-form games: :class:`GameTree` and a small nested builder.

The implementation lives in :mod:`games.trees` (one module per idea); this
module keeps the names importable from ``games.extensive_form``.

Examples
--------
>>> tree = GameTree.build(
...     players=("Entrant", "Incumbent"),
...     root=decision("Entrant", {
...         "Out": terminal((0, 2)),
...         "In": decision("Incumbent", {"Fight": terminal((-1, -1)),
...                                      "Accommodate": terminal((1, 1))}),
...     }),
...     name="entry")
>>> tree.n_players, len(tree), tree.infosets
(2, 5, {'Entrant@root': ((),), 'Incumbent@In': (('In',),)})
>>> tree.to_normal_form().strategies
(('Out', 'In'), ('Fight', 'Accommodate'))
"""

from games.trees.builder import ChanceNode, DecisionNode, TerminalNode, chance, decision, terminal
from games.trees.flat import NodeView
from games.trees.strategic_form import MAX_PURE_STRATEGIES
from games.trees.tree import GameTree

__all__ = [
    "DecisionNode",
    "ChanceNode",
    "TerminalNode",
    "NodeView",
    "GameTree",
    "decision",
    "chance",
    "terminal",
    "MAX_PURE_STRATEGIES",
]
