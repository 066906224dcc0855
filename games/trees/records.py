"""Node records of a game tree and where they come from: a networkx graph, builder specs, a dict.

A *node record* is ``[history, kind, player, infoset, actions,
probabilities, payoffs, label]`` (kind ``"d"``, ``"c"`` or ``"t"``; player
a name). Every constructor of :class:`~games.trees.tree.GameTree` turns its
input into records in preorder and hands them to
:func:`games.trees.flat.flatten`, which validates the values.

Examples
--------
>>> from games.trees.builder import decision, terminal
>>> records_from_spec(decision("A", {"L": terminal((1,)), "R": terminal((0,))}), "example")[0]
[(), 'd', 'A', None, ('L', 'R'), None, None, None]
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping, Sequence

import networkx as nx

from games.errors import InvalidGame, fmt_error
from games.parameters import ParameterSpace
from games.trees.builder import SPECS, DecisionNode, TerminalNode
from games.trees.flat import FlatTree, NodeView, is_number_string

__all__ = ["records_from_graph", "records_from_spec", "records_from_dicts", "records_from_nodes", "records_from_flat", "node_to_dict",
           "check_records", "encode_value", "decode_value"]


def records_from_graph(graph: nx.DiGraph, func: str) -> list:
    """Node records of a networkx arborescence in preorder (children in the graph's order).

    Decision nodes carry ``player`` (and optionally ``infoset``), chance
    nodes ``chance`` (mapping action -> probability), leaves ``payoffs``;
    every edge an ``action`` label.

    Raises
    ------
    InvalidGame
        Not a non-empty arborescence, unlabelled or duplicate actions, a leaf
        without payoffs, an inner node with payoffs, a node that is neither
        a decision nor a chance node.

    Examples
    --------
    >>> g = nx.DiGraph()
    >>> g.add_node("r", player="A"); g.add_node("x", payoffs=(1,))
    >>> g.add_edge("r", "x", action="L")
    >>> records_from_graph(g, "example")[1]
    [('L',), 't', None, None, (), None, (1,), None]
    """
    if not isinstance(graph, nx.DiGraph) or isinstance(graph, nx.MultiDiGraph):
        raise InvalidGame(fmt_error(func, "graph", "a networkx.DiGraph", type(graph).__name__))
    if graph.number_of_nodes() == 0:
        raise InvalidGame(fmt_error(func, "graph", "a non-empty tree", "an empty graph"))
    if not nx.is_arborescence(graph):
        raise InvalidGame(fmt_error(func, "graph", "a tree (an arborescence: one root, no cycles, "
                                    "every other node with exactly one parent)",
                                    f"a graph with {graph.number_of_nodes()} nodes and "
                                    f"{graph.number_of_edges()} edges"))
    root = next(n for n, d in graph.in_degree() if d == 0)
    records = []
    stack = [(root, ())]
    # the raw adjacency dicts: networkx's views cost ~10x more per node
    nodes_, succ_ = graph._node, graph._succ
    while stack:
        n, hist = stack.pop()
        data = nodes_[n]
        succ = list(succ_[n].items())
        acts = []
        for child, ed in succ:
            a = ed.get("action")
            if not isinstance(a, str) or not a:
                raise InvalidGame(fmt_error(func, f"graph edge {n!r} -> {child!r}",
                                            "labelled with a non-empty 'action' string", a))
            acts.append(a)
        if len(set(acts)) != len(acts):
            dup = sorted({a for a in acts if acts.count(a) > 1})
            raise InvalidGame(fmt_error(func, f"actions at node {n!r}", "free of duplicate action labels",
                                        dup))
        label = data.get("label")
        if not succ:
            if data.get("payoffs") is None:
                raise InvalidGame(fmt_error(func, f"terminal node {n!r}", "given payoffs", dict(data)))
            records.append([hist, "t", None, None, (), None, data["payoffs"], label])
        elif data.get("chance") is not None:
            probs = data["chance"]
            if not isinstance(probs, Mapping) or set(probs) != set(acts):
                raise InvalidGame(fmt_error(func, f"chance node {n!r}",
                                            f"a 'chance' mapping over its actions {acts}", probs))
            records.append([hist, "c", None, None, tuple(acts), tuple(probs[a] for a in acts), None, label])
        else:
            if data.get("payoffs") is not None:
                raise InvalidGame(fmt_error(func, f"node {n!r}", "a leaf to carry payoffs",
                                            f"a node with actions {acts}"))
            if data.get("player") is None:
                raise InvalidGame(fmt_error(func, f"node {n!r}", "a decision node (with 'player') or a "
                                            "chance node (with 'chance')", dict(data)))
            records.append([hist, "d", data["player"], data.get("infoset"), tuple(acts), None, None, label])
        for child, ed in reversed(succ):
            stack.append((child, hist + (ed["action"],)))
    return records


def records_from_spec(root: Any, func: str) -> list:
    """Node records of nested :func:`~games.trees.builder.decision` / ``chance`` / ``terminal`` specs, in preorder.

    Raises
    ------
    InvalidGame
        ``root`` is not a spec.

    Examples
    --------
    >>> from games.trees.builder import terminal
    >>> records_from_spec(terminal((1, 2)), "example")
    [[(), 't', None, None, (), None, (1, 2), None]]
    """
    if not isinstance(root, SPECS):
        raise InvalidGame(fmt_error(func, "root",
                                    "a subtree built by decision(), chance() or terminal()", root))
    records = []
    stack = [(root, ())]
    while stack:
        spec, hist = stack.pop()
        if isinstance(spec, TerminalNode):
            records.append([hist, "t", None, None, (), None, spec.payoffs, spec.label])
            continue
        if isinstance(spec, DecisionNode):
            acts = tuple(a for a, _ in spec.actions)
            subs = [s for _, s in spec.actions]
            records.append([hist, "d", spec.player, spec.infoset, acts, None, None, spec.label])
        else:
            acts = tuple(a for a, _, _ in spec.branches)
            subs = [s for _, _, s in spec.branches]
            records.append([hist, "c", None, None, acts, tuple(p for _, p, _ in spec.branches), None,
                            spec.label])
        for a, s in zip(reversed(acts), reversed(subs)):
            stack.append((s, hist + (a,)))
    return records


def records_from_dicts(nodes: Iterable[Mapping], space: ParameterSpace, func: str) -> list:
    """Node records from the ``"nodes"`` list of :meth:`GameTree.to_dict <games.trees.tree.GameTree.to_dict>`.

    Raises
    ------
    InvalidGame
        An unknown node kind, or nodes that are not a tree in preorder.

    Examples
    --------
    >>> records_from_dicts([{"history": [], "kind": "terminal", "payoffs": ["1/2"]}], ParameterSpace.empty(), "example")
    [[(), 't', None, None, (), None, ('1/2',), None]]
    """
    records = []
    for nd in nodes:
        hist = tuple(nd["history"])
        kind = nd["kind"]
        if kind == "decision":
            records.append([hist, "d", nd["player"], nd.get("infoset"), tuple(nd["actions"]), None, None,
                            nd.get("label")])
        elif kind == "chance":
            records.append([hist, "c", None, None, tuple(nd["actions"]),
                            tuple(decode_value(v, space) for v in nd["probabilities"]), None, nd.get("label")])
        elif kind == "terminal":
            records.append([hist, "t", None, None, (), None, tuple(decode_value(v, space) for v in nd["payoffs"]),
                            nd.get("label")])
        else:
            raise InvalidGame(fmt_error(func, "node kind", "'decision', 'chance' or 'terminal'", kind))
    check_records(records, func)
    return records


def records_from_flat(flat: FlatTree, players: Sequence[str], *, nodes: Sequence[int] | None = None,
                      fn: Callable[[Any], Any] | None = None) -> list:
    """Node records of a tree's flat form, optionally of a subtree and with values mapped.

    Parameters
    ----------
    flat : FlatTree
    players : sequence of str
        The tree's players (records name the mover).
    nodes : sequence of int, optional
        A subtree in preorder (its root first); histories are re-rooted there.
        Default: all nodes.
    fn : callable, optional
        Applied to every payoff and chance probability.

    Examples
    --------
    >>> from games.catalog.trees import entry_deterrence
    >>> t = entry_deterrence()
    >>> records_from_flat(t.flat, t.players, nodes=[2, 3, 4], fn=lambda v: -v)[1]
    [('Fight',), 't', None, None, (), None, (0, 0), None]
    """
    f = flat
    nodes = range(len(f.hist)) if nodes is None else nodes
    records = []
    for j in nodes:
        k = len(f.hist[nodes[0]])
        pl = players[f.player[j]] if f.kind[j] == "d" else None
        probs, pays = f.probs[j], f.payoffs[j]
        if fn is not None:
            probs = None if probs is None else tuple(fn(v) for v in probs)
            pays = None if pays is None else tuple(fn(v) for v in pays)
        records.append([f.hist[j][k:], f.kind[j], pl, f.infoset[j], f.actions[j], probs, pays, f.label[j]])
    return records


def records_from_nodes(nodes: Iterable[NodeView], func: str) -> list:
    """Node records of :class:`~games.trees.flat.NodeView` s listed in preorder.

    Raises
    ------
    InvalidGame
        An item that is not a NodeView, or nodes that are not a tree in preorder.

    Examples
    --------
    >>> from games.catalog.trees import entry_deterrence
    >>> t = entry_deterrence()
    >>> records_from_nodes([t.node(h) for h in t.nodes], "example")[2]
    [('In',), 'd', 'Incumbent', 'Incumbent@In', ('Fight', 'Accommodate'), None, None, None]
    """
    code = {"decision": "d", "chance": "c", "terminal": "t"}
    records = []
    for nd in nodes:
        if not isinstance(nd, NodeView) or nd.kind not in code:
            raise InvalidGame(fmt_error(func, "nodes", "NodeView objects of kind 'decision', 'chance' or "
                                        "'terminal'", nd))
        records.append([tuple(nd.history), code[nd.kind], nd.player, nd.infoset, tuple(nd.actions),
                        nd.probabilities, nd.payoffs, nd.label])
    check_records(records, func)
    return records


def node_to_dict(node: NodeView) -> dict:
    """A node as a JSON-ready dict (the inverse of one entry of :func:`records_from_dicts`).

    Examples
    --------
    >>> from games.catalog.trees import entry_deterrence
    >>> node_to_dict(entry_deterrence().node(("Out",)))
    {'history': ['Out'], 'kind': 'terminal', 'payoffs': ['1', '5']}
    """
    d: dict[str, Any] = {"history": list(node.history), "kind": node.kind}
    if node.kind == "decision":
        d.update(player=node.player, infoset=node.infoset, actions=list(node.actions))
    elif node.kind == "chance":
        d.update(actions=list(node.actions), probabilities=[encode_value(v) for v in node.probabilities])
    else:
        d["payoffs"] = [encode_value(v) for v in node.payoffs]
    if node.label is not None:
        d["label"] = node.label
    return d


def encode_value(v: Any) -> Any:
    """A payoff or probability for JSON: floats stay numbers, exact and symbolic values become strings.

    Examples
    --------
    >>> encode_value(0.5), encode_value(sympy.Rational(1, 3))
    (0.5, '1/3')
    """
    return v if isinstance(v, float) else str(v)


def decode_value(v: Any, space: ParameterSpace) -> Any:
    """Inverse of :func:`encode_value`: expressions are parsed with the space's symbols.

    Number strings are left as they are (the tree's converter makes them exact).

    Examples
    --------
    >>> decode_value("g - 1", ParameterSpace({"g": "positive"}))
    g - 1
    """
    if isinstance(v, float):
        return v
    if isinstance(v, str) and not is_number_string(v) and len(space):
        return space.sympify(v, func="GameTree.from_dict", arg="value")
    return v


def check_records(records: list, func: str) -> None:
    """Check that node records form a tree listed in preorder, children in the order of their actions.

    Raises
    ------
    InvalidGame
        A node listed before its parent or twice, or children that do not
        match the parent's actions.

    Examples
    --------
    >>> check_records([[(), "d", "A", None, ("L",), None, None, None], [("R",), "t", None, None, (), None, (1,), None]],
    ...               "example")
    Traceback (most recent call last):
    ...
    games.errors.InvalidGame: example(): children of node () must be the actions ['L']; got ['R']
    """
    seen = set()
    for r in records:
        hist = r[0]
        if hist in seen or (hist and hist[:-1] not in seen):
            raise InvalidGame(fmt_error(func, "nodes", "a tree listed in preorder (parents first, no repeats)",
                                        hist))
        seen.add(hist)
    kids: dict[tuple, list[str]] = {}
    for r in records:
        if r[0]:
            kids.setdefault(r[0][:-1], []).append(r[0][-1])
    for r in records:
        if tuple(kids.get(r[0], [])) != tuple(r[4]):
            raise InvalidGame(fmt_error(func, f"children of node {r[0]!r}", f"the actions {list(r[4])}",
                                        kids.get(r[0], [])))
