"""Hypothesis strategy for random game trees (re-exported as ``games.testing.game_trees``).

Examples
--------
>>> from hypothesis import given, settings
>>> @settings(max_examples=5)
... @given(game_trees(max_depth=2))
... def test_small(tree):
...     assert tree.is_perfect_information and tree.n_players == 2
>>> test_small()
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import sympy
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import SearchStrategy

from games.extensive_form import GameTree, chance, decision, terminal
from games.parameters import ParameterSpace

__all__ = ["game_trees"]

_LABELS = "abcdefghij"


def _resolve(draw, value: Any) -> Any:
    return draw(value) if isinstance(value, SearchStrategy) else value


def _check_int(name: str, value: Any, minimum: int, maximum: int | None = None) -> None:
    if isinstance(value, SearchStrategy):
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum or \
            (maximum is not None and value > maximum):
        rng = f">= {minimum}" + (f" and <= {maximum}" if maximum is not None else "")
        raise InvalidArgument(f"game_trees(): {name} must be an int {rng}; got {value!r}")


def _check_bool(name: str, value: Any) -> None:
    if not isinstance(value, (bool, SearchStrategy)):
        raise InvalidArgument(f"game_trees(): {name} must be a bool; got {value!r}")


def game_trees(*, n_players: int | SearchStrategy[int] = 2, max_depth: int | SearchStrategy[int] = 3,
               min_actions: int = 2, max_actions: int = 3, exact: bool | SearchStrategy[bool] = True,
               chance_nodes: bool | SearchStrategy[bool] = False,
               perfect_information: bool | SearchStrategy[bool] = True,
               space: ParameterSpace | None = None, min_value: int = -5,
               max_value: int = 5) -> SearchStrategy[GameTree]:
    """A strategy for random finite game trees.

    Parameters
    ----------
    n_players : int or strategy
        Number of players (named ``"P1"``, ``"P2"``, ...).
    max_depth : int or strategy
        Largest number of moves on a path (a decision node is a leaf at
        this depth); subtrees may stop earlier.
    min_actions, max_actions : int
        Actions per decision/chance node (labelled ``"a"``, ``"b"``, ...).
    exact : bool or strategy
        Integer payoffs (True) or floats (False).
    chance_nodes : bool or strategy
        Whether chance nodes may appear (exact: rational probabilities).
    perfect_information : bool or strategy
        If False, the children of some decision node become one
        information set of one player (equal action counts).
    space : ParameterSpace, optional
        If given, payoffs are affine in the space's parameters
        (``c0 + c1 * p``, integer coefficients), so the tree is symbolic.
    min_value, max_value : int
        Bounds of the integer payoffs/coefficients (floats: same range).

    Raises
    ------
    hypothesis.errors.InvalidArgument
        Bad fixed arguments, when the strategy is built.

    Examples
    --------
    >>> game_trees(max_actions=1)
    Traceback (most recent call last):
    ...
    hypothesis.errors.InvalidArgument: game_trees(): max_actions must be an int >= 2 and <= 10; got 1
    """
    _check_int("n_players", n_players, 1, 9)
    _check_int("max_depth", max_depth, 1, 12)
    _check_int("min_actions", min_actions, 1, 10)
    _check_int("max_actions", max_actions, 2, 10)
    _check_int("min_value", min_value, -10**6)
    _check_int("max_value", max_value, -10**6)
    if isinstance(min_actions, int) and isinstance(max_actions, int) and min_actions > max_actions:
        raise InvalidArgument(f"game_trees(): min_actions must be <= max_actions; got {min_actions} > {max_actions}")
    if min_value > max_value:
        raise InvalidArgument(f"game_trees(): min_value must be <= max_value; got {min_value} > {max_value}")
    for nm, v in (("exact", exact), ("chance_nodes", chance_nodes), ("perfect_information", perfect_information)):
        _check_bool(nm, v)
    if space is not None and not isinstance(space, ParameterSpace):
        raise InvalidArgument(f"game_trees(): space must be a ParameterSpace or None; got {space!r}")

    @st.composite
    def _trees(draw) -> GameTree:
        n = _resolve(draw, n_players)
        depth = _resolve(draw, max_depth)
        ex = _resolve(draw, exact)
        use_chance = _resolve(draw, chance_nodes)
        pi = _resolve(draw, perfect_information)
        players = tuple(f"P{i + 1}" for i in range(n))
        syms = space.symbols if space is not None and len(space) else ()
        counter = [0]

        def value():
            if syms:
                c0 = draw(st.integers(min_value, max_value))
                c1 = draw(st.integers(min_value, max_value))
                sym = draw(st.sampled_from(syms))
                return sympy.Integer(c0) + c1 * sym
            if ex:
                return draw(st.integers(min_value, max_value))
            return draw(st.floats(min_value, max_value, allow_nan=False, allow_infinity=False))

        def leaf():
            return terminal(tuple(value() for _ in range(n)))

        def node(d: int, player: int | None = None, k: int | None = None, infoset: str | None = None):
            if player is None and (d >= depth or draw(st.integers(0, 3)) == 0):
                return leaf()
            k = k if k is not None else draw(st.integers(min_actions, max_actions))
            labels = _LABELS[:k]
            if player is None and use_chance and draw(st.integers(0, 3)) == 0:
                if ex:
                    w = [draw(st.integers(1, 4)) for _ in range(k)]
                    probs = [Fraction(x, sum(w)) for x in w]
                else:
                    w = [draw(st.floats(0.1, 1.0)) for _ in range(k)]
                    probs = [x / math.fsum(w) for x in w[:-1]]
                    probs.append(1.0 - math.fsum(probs))
                return chance({a: (p, node(d + 1)) for a, p in zip(labels, probs)})
            who = player if player is not None else draw(st.integers(0, n - 1))
            group = (not pi and n > 1 and d + 1 < depth and draw(st.integers(0, 2)) == 0)
            if group:
                counter[0] += 1
                # another player moves without seeing this move (keeps perfect recall)
                gp = draw(st.sampled_from([q for q in range(n) if q != who]))
                gk = draw(st.integers(min_actions, max_actions))
                label = f"I{counter[0]}"
                kids = {a: node(d + 1, gp, gk, label) for a in labels}
            else:
                kids = {a: node(d + 1) for a in labels}
            return decision(players[who], kids, infoset=infoset)

        root = node(0)
        return GameTree.build(players, root, space=space if syms else None)

    return _trees()
