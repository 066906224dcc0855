"""Game trees: the :class:`GameTree` value and what is computed from it without solving.

=====================  ========================================================
``builder``            nested specs: :func:`decision`, :func:`chance`, :func:`terminal`
``tree``               the immutable :class:`GameTree` value
``flat``               preorder arrays (:class:`FlatTree`), node validation
``records``            node records from graphs, specs, dicts; the JSON codec
``recall``             absent-mindedness and perfect recall
``subgames``           where a tree splits into subgames
``strategic_form``     reduced strategies and the normal form
``payoffs``            expected payoffs of a behaviour profile
``latex``              the outcome table in LaTeX
=====================  ========================================================

Examples
--------
>>> t = GameTree.build(("A", "B"), decision("A", {"L": terminal((1, 0)), "R": terminal((0, 1))}))
>>> expected_payoffs(t, {"A@root": "R"})
(0, 1)
"""

from games.trees.builder import ChanceNode, DecisionNode, TerminalNode, chance, decision, terminal
from games.trees.flat import FlatTree, NodeView, auto_infoset
from games.trees.payoffs import expected_payoffs, node_values
from games.trees.strategic_form import MAX_PURE_STRATEGIES, reduced_strategies, strategic_form, to_normal_form
from games.trees.subgames import subgame_root_indices
from games.trees.tree import GameTree

__all__ = [
    "GameTree",
    "DecisionNode",
    "ChanceNode",
    "TerminalNode",
    "NodeView",
    "FlatTree",
    "decision",
    "chance",
    "terminal",
    "auto_infoset",
    "expected_payoffs",
    "node_values",
    "reduced_strategies",
    "strategic_form",
    "to_normal_form",
    "subgame_root_indices",
    "MAX_PURE_STRATEGIES",
]
