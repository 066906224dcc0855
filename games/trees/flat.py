"""The flat form of a game tree: preorder arrays, node records and their checks.

A :class:`~games.trees.tree.GameTree` keeps its nodes as a :class:`FlatTree`
(parallel tuples in preorder, node ``i`` at index ``i``, the root at 0): what
solvers iterate over, read through :attr:`GameTree.flat
<games.trees.tree.GameTree.flat>`. :func:`flatten` builds one from *node
records* ``[history, kind, player, infoset, actions, probabilities, payoffs,
label]`` (kind ``"d"``, ``"c"`` or ``"t"``), validating everything a tree
must satisfy; every constructor of GameTree goes through it.

Examples
--------
>>> from games.catalog.trees import entry_deterrence
>>> f = entry_deterrence().flat
>>> f.hist, f.kind, f.children[0]
(((), ('Out',), ('In',), ('In', 'Fight'), ('In', 'Accommodate')), ('d', 't', 'd', 't', 't'), (1, 2))
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Iterable, Mapping, Sequence

import networkx as nx
import numpy as np
import sympy

from games.errors import InvalidGame, ParameterError, fmt_error
from games.parameters import ParameterSpace
from games.values import to_value

__all__ = ["FlatTree", "NodeView", "KIND", "auto_infoset", "flatten", "value_key", "as_float",
           "is_number_string", "numeric_arrays"]

@dataclass(frozen=True)
class NodeView:
    """Read-only description of one node of a :class:`GameTree`.

    Attributes
    ----------
    history : tuple of str
        Actions from the root (the node's key).
    kind : {"decision", "chance", "terminal"}
    player : str or None
    infoset : str or None
    actions : tuple of str
    probabilities : tuple or None
        Chance probabilities, aligned with ``actions``.
    payoffs : tuple or None
        Terminal payoffs, one per player.
    label : str or None
    """

    history: tuple
    kind: str
    player: str | None
    infoset: str | None
    actions: tuple
    probabilities: tuple | None
    payoffs: tuple | None
    label: str | None



#: Record kind code -> the kind's name.
KIND = {"d": "decision", "c": "chance", "t": "terminal"}


def auto_infoset(player: str, history: tuple) -> str:
    """The default label of a one-node information set: ``"player@a/b"`` (``"player@root"`` at the root).

    Examples
    --------
    >>> auto_infoset("Office", ("Command",)), auto_infoset("Bureau", ())
    ('Office@Command', 'Bureau@root')
    """
    return f"{player}@{'/'.join(history) if history else 'root'}"


def value_key(v: Any) -> tuple:
    """A key that tells a float payoff from an equal exact one (``1.0`` vs ``1``), for hashing trees.

    Examples
    --------
    >>> value_key(1.0) == value_key(sympy.Integer(1))
    False
    """
    return ("f", v) if isinstance(v, float) else ("s", v)


class _Converter:
    """Turns user payoffs/probabilities into exact, float or symbolic values."""

    def __init__(self, space: ParameterSpace | None, func: str):
        self.space = space
        self.func = func
        self.found: set = set()

    def __call__(self, x: Any, arg: str) -> Any:
        if type(x) is float and math.isfinite(x):
            return x
        if type(x) is int:
            return sympy.Integer(x)
        if self.space is not None and (isinstance(x, str) or (isinstance(x, sympy.Basic) and x.free_symbols)):
            if not is_number_string(x):
                x = self.space.sympify(x, func=self.func, arg=arg)  # ParameterError on unknown names
        v = to_value(x, func=self.func, arg=arg)  # InvalidPayoffs on NaN, inf, non-numbers
        if isinstance(v, sympy.Basic) and v.free_symbols:
            self.found |= v.free_symbols
        return v


def is_number_string(x: Any) -> bool:
    """Whether ``x`` is a string holding a number sympy reads exactly (``"3"``, ``"1/2"``, ``"0.25"``).

    Examples
    --------
    >>> is_number_string("1/2"), is_number_string("g - 1"), is_number_string(2)
    (True, False, False)
    """
    if not isinstance(x, str):
        return False
    try:
        sympy.Rational(x.strip())
        return True
    except (TypeError, ValueError):
        return False



@dataclass(frozen=True)
class FlatTree:
    """Preorder arrays of a game tree (what the solvers iterate over); read it as ``tree.flat``.

    Node ``i`` is the ``i``-th node in preorder (the root is 0). All fields
    are tuples indexed by node unless stated otherwise.

    Attributes
    ----------
    hist : tuple of tuple of str
        The node's history (actions from the root).
    kind : tuple of {"d", "c", "t"}
        Decision, chance or terminal.
    player : tuple of int
        Index of the mover in the tree's players (-1 at chance and terminal nodes).
    infoset : tuple of str or None
        Information set label of decision nodes.
    actions : tuple of tuple of str
        Actions, in the order of ``children``.
    probs : tuple of (tuple or None)
        Chance probabilities aligned with ``actions`` (None elsewhere).
    payoffs : tuple of (tuple or None)
        Terminal payoff vectors (None elsewhere).
    label : tuple of str or None
        Node names.
    parent : tuple of int
        Parent index (-1 at the root).
    children : tuple of tuple of int
        Child indices aligned with ``actions``.
    infosets : mapping
        Information set label -> its node indices, in preorder.
    index : dict
        History -> node index.
    free : frozenset or None
        The parameters in payoffs and probabilities when known at construction.
    """

    hist: tuple
    kind: tuple
    player: tuple
    infoset: tuple
    actions: tuple
    probs: tuple
    payoffs: tuple
    label: tuple
    parent: tuple
    children: tuple
    infosets: Mapping
    index: dict
    free: frozenset | None = None


def as_float(v: Any) -> float:
    """A payoff or probability as a Python float (fast for sympy Integers).

    Examples
    --------
    >>> as_float(sympy.Rational(1, 4)), as_float(sympy.Integer(3))
    (0.25, 3.0)
    """
    if isinstance(v, float):
        return v
    if isinstance(v, sympy.Integer):
        return float(v.p)
    return float(v)


def _rebind(v: Any, rb: dict) -> Any:
    return v.xreplace(rb) if isinstance(v, sympy.Basic) and v.free_symbols else v


def flatten(records: list, players: Sequence[str], space: ParameterSpace | None,
            func: str) -> tuple[tuple, ParameterSpace, nx.DiGraph, FlatTree]:
    """Validate node records and build the tree's parts: ``(players, space, graph, flat)``.

    Parameters
    ----------
    records : list
        ``[history, kind, player, infoset, actions, probabilities, payoffs,
        label]`` per node, in preorder (kind ``"d"``, ``"c"`` or ``"t"``;
        ``player`` a name; ``infoset`` None for the default
        :func:`auto_infoset`).
    players : sequence of str
    space : ParameterSpace or None
        None infers the space from the symbols' assumptions.
    func : str
        The caller's name, used in error messages.

    Returns
    -------
    tuple
        The players as a tuple, the parameter space, the networkx graph
        (nodes keyed by history) and the :class:`FlatTree`.

    Raises
    ------
    InvalidGame
        Bad players, duplicate actions, an unknown mover, chance
        probabilities outside [0, 1] or not summing to 1, payoff vectors of
        the wrong length, an information set mixing players or actions.
    ParameterError
        ``space`` is not a ParameterSpace, or a payoff names an unknown parameter.

    Examples
    --------
    >>> players, space, g, flat = flatten([[(), "d", "A", None, ("L", "R"), None, None, None],
    ...                                   [("L",), "t", None, None, (), None, (1,), None],
    ...                                   [("R",), "t", None, None, (), None, ("1/2",), None]], ("A",), None, "example")
    >>> flat.infoset, flat.payoffs[2], g.number_of_nodes()
    (('A@root', None, None), (1/2,), 3)
    """
    if isinstance(players, str) or not isinstance(players, Iterable):
        raise InvalidGame(fmt_error(func, "players", "a sequence of player names", players))
    players = tuple(players)
    if not players or not all(isinstance(p, str) and p for p in players) or len(set(players)) != len(players):
        raise InvalidGame(fmt_error(func, "players", "a non-empty sequence of distinct player names", players))
    if space is not None and not isinstance(space, ParameterSpace):
        raise ParameterError(fmt_error(func, "space", "a ParameterSpace or None", space))
    n = len(players)
    pindex = {p: i for i, p in enumerate(players)}
    conv = _Converter(space, func)
    index = {}
    hist_l, kind_l, player_l, infoset_l, actions_l, probs_l, pay_l, label_l, parent_l = (
        [], [], [], [], [], [], [], [], [])
    children_l: list[list[int]] = []
    for i, (hist, kind, player, infoset, acts, probs, pays, label) in enumerate(records):
        if hist in index or len(set(acts)) != len(acts):
            dup = hist[-1] if hist in index else sorted({a for a in acts if list(acts).count(a) > 1})
            raise InvalidGame(fmt_error(func, f"actions at node {'/'.join(hist[:-1]) or 'root'!r}",
                                        "free of duplicate action labels", dup))
        index[hist] = i
        parent_l.append(index[hist[:-1]] if hist else -1)
        if hist:
            children_l[parent_l[-1]].append(i)
        children_l.append([])
        where = "/".join(hist) or "root"
        if label is not None and not isinstance(label, str):
            raise InvalidGame(fmt_error(func, f"label of node {where!r}", "a string or None", label))
        if kind == "d":
            if player not in pindex:
                raise InvalidGame(fmt_error(func, f"player of node {where!r}", f"one of {list(players)}",
                                            player))
            if infoset is None:
                infoset = auto_infoset(player, hist)
            elif not isinstance(infoset, str) or not infoset:
                raise InvalidGame(fmt_error(func, f"infoset of node {where!r}", "a non-empty label", infoset))
            player = pindex[player]
        elif kind == "c":
            probs = tuple(conv(p, f"probability of {a!r} at node {where!r}") for a, p in zip(acts, probs))
            for a, p in zip(acts, probs):
                bad = (p < 0 or p > 1) if not (isinstance(p, sympy.Basic) and p.free_symbols) else \
                    bool(p.is_negative)
                if bad:
                    raise InvalidGame(fmt_error(func, f"probability of {a!r} at node {where!r}",
                                                "in [0, 1]", p))
            total = sum(probs[1:], probs[0])
            if isinstance(total, float):
                ok = abs(total - 1.0) <= 1e-9
            elif total.free_symbols:
                ok = sympy.simplify(total - 1) == 0
            else:
                ok = total == 1
            if not ok:
                raise InvalidGame(fmt_error(func, f"chance probabilities at node {where!r}",
                                            "summing to 1", total))
            player = -1
        else:
            if isinstance(pays, (str, bytes)) or not isinstance(pays, Iterable):
                raise InvalidGame(fmt_error(func, f"payoffs of node {where!r}",
                                            "a sequence with one payoff per player", pays))
            pays = tuple(pays)
            if len(pays) != n:
                raise InvalidGame(fmt_error(func, f"payoffs of node {where!r}",
                                            f"a vector of length {n} (one per player)", pays))
            pays = tuple(conv(v, f"payoffs of node {where!r}") for v in pays)
            player = -1
        hist_l.append(hist)
        kind_l.append(kind)
        player_l.append(player)
        infoset_l.append(infoset if kind == "d" else None)
        actions_l.append(tuple(acts))
        probs_l.append(probs if kind == "c" else None)
        pay_l.append(pays if kind == "t" else None)
        label_l.append(label)
    # infer the space from the symbols' assumptions, then rebind all symbols to it
    if space is None:
        space = ParameterSpace.from_symbols(conv.found) if conv.found else ParameterSpace.empty()
        if conv.found:
            rb = {s: space.symbol(s.name) for s in conv.found}
            pay_l = [None if p is None else tuple(_rebind(v, rb) for v in p) for p in pay_l]
            probs_l = [None if p is None else tuple(_rebind(v, rb) for v in p) for p in probs_l]
    # information sets
    infosets: dict[str, list[int]] = {}
    for i, h in enumerate(infoset_l):
        if h is not None:
            infosets.setdefault(h, []).append(i)
    for h, nodes in infosets.items():
        if len(nodes) == 1:
            continue
        first = nodes[0]
        for j in nodes[1:]:
            if player_l[j] != player_l[first]:
                raise InvalidGame(fmt_error(func, f"information set {h!r}", "nodes of one player",
                                            [players[player_l[k]] for k in nodes]))
            if set(actions_l[j]) != set(actions_l[first]) or len(actions_l[j]) != len(actions_l[first]):
                raise InvalidGame(fmt_error(func, f"information set {h!r}", "nodes with the same actions",
                                            [actions_l[k] for k in nodes]))
    # the private graph
    g = nx.DiGraph()
    node_rows = []
    for i, h in enumerate(hist_l):
        if kind_l[i] == "d":
            attrs = {"player": players[player_l[i]], "infoset": infoset_l[i]}
        elif kind_l[i] == "c":
            attrs = {"chance": dict(zip(actions_l[i], probs_l[i]))}
        else:
            attrs = {"payoffs": pay_l[i]}
        if label_l[i] is not None:
            attrs["label"] = label_l[i]
        node_rows.append((h, attrs))
    g.add_nodes_from(node_rows)
    g.add_edges_from((h[:-1], h, {"action": h[-1]}) for h in hist_l[1:])
    flat = FlatTree(
        hist=tuple(hist_l), kind=tuple(kind_l), player=tuple(player_l), infoset=tuple(infoset_l),
        actions=tuple(actions_l), probs=tuple(probs_l), payoffs=tuple(pay_l), label=tuple(label_l),
        parent=tuple(parent_l), children=tuple(tuple(c) for c in children_l),
        infosets=MappingProxyType({h: tuple(v) for h, v in infosets.items()}), index=index,
        free=frozenset(space.symbol(x.name) for x in conv.found) if not conv.found or
        all(x.name in space for x in conv.found) else None)
    return players, space, g, flat


def numeric_arrays(flat: FlatTree, n_players: int, symbolic: bool) -> dict:
    """Numpy arrays of a tree in preorder (see :meth:`GameTree.arrays <games.trees.tree.GameTree.arrays>`).

    Payoffs and probabilities are left at 0 and 1 when ``symbolic``.

    Examples
    --------
    >>> from games.catalog.trees import entry_deterrence
    >>> numeric_arrays(entry_deterrence().flat, 2, False)["parent"].tolist()
    [-1, 0, 0, 2, 2]
    """
    f = flat
    n = len(f.hist)
    parent = np.fromiter(f.parent, dtype=np.int64, count=n)
    depth = np.fromiter((len(h) for h in f.hist), dtype=np.int64, count=n)
    code = {"t": 0, "d": 1, "c": 2}
    kind = np.fromiter((code[k] for k in f.kind), dtype=np.int8, count=n)
    player = np.fromiter(f.player, dtype=np.int64, count=n)
    m = n_players
    numeric = not symbolic
    pay = np.zeros((n, m))
    prob = np.ones(n)
    if numeric:
        for i in range(n):
            if f.kind[i] == "t":
                pay[i] = [as_float(v) for v in f.payoffs[i]]
            elif f.kind[i] == "c":
                for c, p in zip(f.children[i], f.probs[i]):
                    prob[c] = as_float(p)
    return {"parent": parent, "depth": depth, "kind": kind, "player": player, "payoffs": pay, "prob": prob}
