"""Equilibrium paths of game trees: :class:`PathStep` and :func:`equilibrium_path`.

A path lists, in level order, every information set and chance node that
play reaches with positive probability under a behaviour profile, with the
actions played there with positive probability.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping, Sequence

import sympy

from games.trees.payoffs import is_zero
from games.trees.tree import GameTree

__all__ = ["PathStep", "equilibrium_path", "is_one", "format_probability"]


class PathStep(str):
    """One step of an equilibrium path: who moves, and what is played with positive probability.

    A path step *is* its readable text (a ``str``), so a pure path without
    chance compares equal to a plain tuple of action labels, prints as one
    and survives :meth:`Equilibrium.to_dict`; the structure is kept in
    attributes.

    The text is the bare action label when a single decision node is
    reached with probability 1 and its action is played with probability 1
    (the classic pure path ``In -> Accommodate``). Otherwise it names the
    mover -- ``"Nature"`` (``"Nature@h"`` for a chance node below the root at
    history ``h``) or the information set label -- followed by the actions played
    with positive probability, each with its probability unless it is 1:
    ``"Nature: Strong (9/10) | Weak (1/10)"``, ``"Sender|Strong: Beer"``,
    ``"P1|Black: Raise (1/3) | Fold (2/3)"``. Probabilities are conditional
    on reaching the step (behaviour probabilities, or chance probabilities).

    Attributes
    ----------
    player : str
        The mover's name, or ``"chance"``.
    infoset : str or None
        The information set's label (None at chance nodes).
    histories : tuple of tuples of str
        The step's nodes reached with positive probability (their histories).
    actions : tuple of (str, probability) pairs
        Actions played with positive probability, in the tree's order.
    reach : number or sympy expression
        Probability that play reaches the step.

    Examples
    --------
    >>> step = PathStep("chance", None, ((),), (("Strong", "9/10"), ("Weak", "1/10")))
    >>> str(step), step.player, step.actions[0]
    ('Nature: Strong (9/10) | Weak (1/10)', 'chance', ('Strong', '9/10'))
    >>> PathStep("Entrant", "Entrant@root", ((),), (("In", 1),)) == "In"
    True
    >>> str(PathStep("Sender", "Sender|Weak", (("Weak",),), (("Beer", 1),), reach="1/10"))
    'Sender|Weak: Beer'
    """

    def __new__(cls, player: str, infoset: str | None, histories: Sequence[tuple], actions: Sequence[tuple],
                reach: Any = 1) -> "PathStep":
        actions = tuple((a, p) for a, p in actions)
        histories = tuple(tuple(h) for h in histories)
        if player == "chance":
            first = histories[0] if histories else ()
            who = "Nature" if not first else "Nature@" + "/".join(first)
            text = f"{who}: " + " | ".join(f"{a} ({format_probability(p)})" for a, p in actions)
        elif len(histories) == 1 and is_one(reach) and len(actions) == 1 and is_one(actions[0][1]):
            text = actions[0][0]
        else:
            text = f"{infoset}: " + " | ".join(a if is_one(p) else f"{a} ({format_probability(p)})" for a, p in actions)
        self = super().__new__(cls, text)
        for k, v in (("player", player), ("infoset", infoset), ("histories", histories), ("actions", actions),
                     ("reach", reach)):
            object.__setattr__(self, k, v)
        return self

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"PathStep is immutable; cannot set {name!r}")

    def __reduce__(self):
        return (PathStep, (self.player, self.infoset, self.histories, self.actions, self.reach))

    def __repr__(self) -> str:
        return str.__repr__(self)


def format_probability(p: Any) -> str:
    """A probability as path text: floats to 6 significant digits, exact values as written.

    Examples
    --------
    >>> format_probability(1 / 3), format_probability(sympy.Rational(1, 3))
    ('0.333333', '1/3')
    """
    return f"{p:.6g}" if isinstance(p, float) else str(p)


def is_one(p: Any) -> bool:
    """Whether a probability is exactly one (strings are labels, never one).

    Examples
    --------
    >>> is_one(1), is_one(Fraction(1, 2)), is_one("1")
    (True, False, False)
    """
    if isinstance(p, float):
        return p == 1.0
    if isinstance(p, (int, Fraction)):
        return p == 1
    if isinstance(p, str):
        return False
    return sympy.sympify(p) == 1


def equilibrium_path(tree: GameTree, beh: Mapping) -> tuple:
    """The equilibrium path as :class:`PathStep` s, in level order of the nodes reached.

    Each information set (and each chance node) reached with positive
    probability is one step, placed at the first of its nodes reached in
    level order; only actions played with positive probability are listed.
    """
    f = tree.flat
    steps: dict[Any, list] = {}  # key -> [player, infoset, histories, actions, reach]
    level = [(0, 1)]
    while level:
        nxt = []
        for j, w in level:
            if f.kind[j] == "t":
                continue
            if f.kind[j] == "d":
                dist = beh[f.infoset[j]]
                pairs = [(c, a, dist[a]) for c, a in zip(f.children[j], f.actions[j])]
                key = f.infoset[j]
            else:
                pairs = list(zip(f.children[j], f.actions[j], f.probs[j]))
                key = ("chance", j)
            live = [(c, a, p) for c, a, p in pairs if not is_zero(p)]
            if key in steps:
                steps[key][2].append(f.hist[j])
                steps[key][4] = steps[key][4] + w
            elif f.kind[j] == "d":
                steps[key] = [tree.players[f.player[j]], f.infoset[j], [f.hist[j]],
                              tuple((a, p) for _, a, p in live), w]
            else:
                steps[key] = ["chance", None, [f.hist[j]], tuple((a, p) for _, a, p in live), w]
            nxt.extend((c, w * p) for c, _, p in live)
        level = nxt
    return tuple(PathStep(*v) for v in steps.values())
