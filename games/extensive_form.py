"""Extensive-form games: :class:`GameTree` and a small nested builder.

A game tree is stored in a private :class:`networkx.DiGraph` whose nodes are
*histories* (tuples of the action labels from the root, the root is ``()``)
and that follows the networkx data conventions: node attributes ``player``
and ``infoset`` (decision nodes), ``chance`` (a mapping action ->
probability, chance nodes), ``payoffs`` (terminal nodes); edge attribute
``action``. The tree is an immutable value: it compares and hashes by
content and rebuilds from :meth:`GameTree.to_dict`.

Payoffs and chance probabilities may be numbers (ints, Fractions and decimal
strings stay exact, floats stay floats) or sympy expressions in the tree's
:class:`~games.parameters.ParameterSpace` (strings such as ``"g - k"`` are
parsed with the space's symbols).

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

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Iterable, Mapping, Sequence

import networkx as nx
import sympy

from games.errors import InvalidGame, ParameterError, UnsupportedGame, fmt_error
from games.parameters import ParameterSpace
from games.values import to_value

__all__ = [
    "DecisionNode",
    "ChanceNode",
    "TerminalNode",
    "NodeView",
    "GameTree",
    "decision",
    "chance",
    "terminal",
]

#: Largest number of pure strategies per player (before reduction) that
#: :meth:`GameTree.to_normal_form` enumerates.
MAX_PURE_STRATEGIES = 200_000


# --------------------------------------------------------------------------
# builder specs
# --------------------------------------------------------------------------

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


_SPECS = (DecisionNode, ChanceNode, TerminalNode)


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
        if not isinstance(sub, _SPECS):
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
        if not (isinstance(v, (tuple, list)) and len(v) == 2 and isinstance(v[1], _SPECS)):
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


_KIND = {"d": "decision", "c": "chance", "t": "terminal"}


def _auto_infoset(player: str, hist: tuple) -> str:
    return f"{player}@{'/'.join(hist) if hist else 'root'}"


def _value_key(v: Any) -> tuple:
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
            if not _is_number_str(x):
                x = self.space.sympify(x, func=self.func, arg=arg)  # ParameterError on unknown names
        v = to_value(x, func=self.func, arg=arg)  # InvalidPayoffs on NaN, inf, non-numbers
        if isinstance(v, sympy.Basic) and v.free_symbols:
            self.found |= v.free_symbols
        return v


def _is_number_str(x: Any) -> bool:
    if not isinstance(x, str):
        return False
    try:
        sympy.Rational(x.strip())
        return True
    except (TypeError, ValueError):
        return False


class GameTree:
    """A finite extensive-form game; immutable, hashable, equal by content.

    Parameters
    ----------
    graph : networkx.DiGraph
        An arborescence. Decision nodes carry ``player`` (and optionally
        ``infoset``), chance nodes ``chance`` (mapping action ->
        probability), leaves ``payoffs``; every edge an ``action`` label.
        Nodes are re-keyed by their histories. Use :meth:`build` for the
        readable nested builder.
    players : sequence of str
        Player names; payoff vectors are in this order.
    space : ParameterSpace, optional
        Parameters of symbolic payoffs/probabilities; inferred from the
        symbols' assumptions if omitted.
    name : str
        A title.

    Raises
    ------
    InvalidGame
        Not a tree, duplicate action labels at a node, inconsistent
        information sets, chance probabilities that do not sum to 1, a
        terminal without payoffs, a payoff vector of the wrong length.

    Notes
    -----
    Any finite game is representable, imperfect recall included: an
    information set may even contain two nodes on one path
    (absent-mindedness). :attr:`has_perfect_recall` and
    :attr:`is_absent_minded` tell which case a tree is in; solvers that work
    with behaviour strategies refuse absent-minded trees
    (:meth:`require_no_absent_mindedness`).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.DiGraph()
    >>> g.add_node("r", player="A")
    >>> g.add_node("x", payoffs=(1, 0)); g.add_node("y", payoffs=(0, 1))
    >>> g.add_edge("r", "x", action="L"); g.add_edge("r", "y", action="R")
    >>> t = GameTree(g, players=("A", "B"))
    >>> t.nodes
    ((), ('L',), ('R',))
    >>> t.node(("L",)).payoffs
    (1, 0)
    """

    __slots__ = ("_graph", "_players", "_space", "_name", "_f", "_hash", "_content", "_arr", "_recall")

    # ---- construction ---------------------------------------------------
    def __init__(self, graph: nx.DiGraph, players: Sequence[str], *, space: ParameterSpace | None = None,
                 name: str = "") -> None:
        func = "GameTree"
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
        self._setup(records, players, space, name, func)

    @classmethod
    def build(cls, players: Sequence[str], root: DecisionNode | ChanceNode | TerminalNode, *,
              space: ParameterSpace | None = None, name: str = "") -> "GameTree":
        """Build a tree from nested :func:`decision`, :func:`chance` and :func:`terminal` specs.

        Examples
        --------
        >>> space = ParameterSpace({"g": "positive", "w": "positive"})
        >>> t = GameTree.build(("Bureau", "Office"),
        ...     decision("Bureau", {"Command": decision("Office", {"Obey": terminal(("g", "-w")),
        ...                                                        "Resist": terminal((0, 0))}),
        ...                         "Wait": terminal((0, 0))}), space=space)
        >>> t.is_symbolic, t.node(("Command", "Obey")).payoffs
        (True, (g, -w))
        """
        if not isinstance(root, _SPECS):
            raise InvalidGame(fmt_error("GameTree.build", "root",
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
        self = cls.__new__(cls)
        self._setup(records, players, space, name, "GameTree.build")
        return self

    def _setup(self, records: list, players: Sequence[str], space: ParameterSpace | None, name: str,
               func: str) -> None:
        if isinstance(players, str) or not isinstance(players, Iterable):
            raise InvalidGame(fmt_error(func, "players", "a sequence of player names", players))
        players = tuple(players)
        if not players or not all(isinstance(p, str) and p for p in players) or len(set(players)) != len(players):
            raise InvalidGame(fmt_error(func, "players", "a non-empty sequence of distinct player names", players))
        if space is not None and not isinstance(space, ParameterSpace):
            raise ParameterError(fmt_error(func, "space", "a ParameterSpace or None", space))
        if not isinstance(name, str):
            raise InvalidGame(fmt_error(func, "name", "a string", name))
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
                    infoset = _auto_infoset(player, hist)
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
        object.__setattr__(self, "_graph", g)
        object.__setattr__(self, "_players", players)
        object.__setattr__(self, "_space", space)
        object.__setattr__(self, "_name", name)
        object.__setattr__(self, "_f", _Flat(
            hist=tuple(hist_l), kind=tuple(kind_l), player=tuple(player_l), infoset=tuple(infoset_l),
            actions=tuple(actions_l), probs=tuple(probs_l), payoffs=tuple(pay_l), label=tuple(label_l),
            parent=tuple(parent_l), children=tuple(tuple(c) for c in children_l),
            infosets=MappingProxyType({h: tuple(v) for h, v in infosets.items()}), index=index,
            free=frozenset(space.symbol(x.name) for x in conv.found) if not conv.found or
            all(x.name in space for x in conv.found) else None))
        object.__setattr__(self, "_hash", None)
        object.__setattr__(self, "_content", None)
        object.__setattr__(self, "_arr", None)
        object.__setattr__(self, "_recall", None)

    def __setattr__(self, key: str, value: Any) -> None:
        raise AttributeError("GameTree is immutable")

    def __reduce__(self):
        # pickling (process pools, dask workers) goes through the rebuild law
        return (GameTree.from_dict, (self.to_dict(),))

    # ---- basic properties ---------------------------------------------------
    @property
    def players(self) -> tuple[str, ...]:
        """Player names, in payoff order."""
        return self._players

    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self._players)

    @property
    def space(self) -> ParameterSpace:
        """The parameter space of symbolic payoffs and probabilities."""
        return self._space

    @property
    def name(self) -> str:
        """The tree's title."""
        return self._name

    @property
    def root(self) -> tuple:
        """The root's history, ``()``."""
        return ()

    @property
    def nodes(self) -> tuple[tuple, ...]:
        """All nodes (histories) in preorder."""
        return self._f.hist

    @property
    def terminals(self) -> tuple[tuple, ...]:
        """Terminal histories in preorder."""
        f = self._f
        return tuple(h for h, k in zip(f.hist, f.kind) if k == "t")

    @property
    def infosets(self) -> dict[str, tuple[tuple, ...]]:
        """Information set label -> its nodes (histories), in preorder of first node."""
        f = self._f
        return {h: tuple(f.hist[i] for i in nodes) for h, nodes in f.infosets.items()}

    def infoset_player(self, infoset: str) -> str:
        """The player who moves at an information set.

        Examples
        --------
        >>> from games.catalog.trees import entry_deterrence
        >>> entry_deterrence().infoset_player("Incumbent@In")
        'Incumbent'
        """
        return self._players[self._f.player[self._infoset_nodes(infoset)[0]]]

    def infoset_actions(self, infoset: str) -> tuple[str, ...]:
        """The actions available at an information set (order of its first node).

        Examples
        --------
        >>> from games.catalog.trees import entry_deterrence
        >>> entry_deterrence().infoset_actions("Incumbent@In")
        ('Fight', 'Accommodate')
        """
        return self._f.actions[self._infoset_nodes(infoset)[0]]

    def _infoset_nodes(self, infoset: str) -> tuple[int, ...]:
        try:
            return self._f.infosets[infoset]
        except (KeyError, TypeError):
            raise InvalidGame(fmt_error("GameTree", "infoset", f"one of {sorted(self._f.infosets)}",
                                        infoset)) from None

    def node(self, history: Sequence[str]) -> NodeView:
        """A read-only view of the node reached by ``history``.

        Examples
        --------
        >>> from games.catalog.trees import entry_deterrence
        >>> entry_deterrence().node(("In",)).player
        'Incumbent'
        """
        i = self._index(history, "GameTree.node")
        f = self._f
        return NodeView(f.hist[i], _KIND[f.kind[i]],
                        self._players[f.player[i]] if f.kind[i] == "d" else None,
                        f.infoset[i], f.actions[i], f.probs[i], f.payoffs[i], f.label[i])

    def _index(self, history: Any, func: str) -> int:
        try:
            return self._f.index[tuple(history)]
        except (KeyError, TypeError):
            raise InvalidGame(fmt_error(func, "history", "the history (tuple of actions) of a node of the tree",
                                        history)) from None

    def __len__(self) -> int:
        return len(self._f.hist)

    def _arrays(self) -> dict:
        """Numpy arrays of the tree in preorder, for numeric solvers (cached).

        ``parent``, ``depth``, ``kind`` (0 terminal, 1 decision, 2 chance),
        ``player`` (-1 if none), ``payoffs`` (float, terminal rows only) and
        ``prob`` (probability of the edge into a chance node's child, else 1).
        """
        if self._arr is None:
            import numpy as np
            f = self._f
            n = len(f.hist)
            parent = np.fromiter(f.parent, dtype=np.int64, count=n)
            depth = np.fromiter((len(h) for h in f.hist), dtype=np.int64, count=n)
            code = {"t": 0, "d": 1, "c": 2}
            kind = np.fromiter((code[k] for k in f.kind), dtype=np.int8, count=n)
            player = np.fromiter(f.player, dtype=np.int64, count=n)
            m = len(self._players)
            numeric = not self.is_symbolic
            pay = np.zeros((n, m))
            prob = np.ones(n)
            if numeric:
                for i in range(n):
                    if f.kind[i] == "t":
                        pay[i] = [_as_float(v) for v in f.payoffs[i]]
                    elif f.kind[i] == "c":
                        for c, p in zip(f.children[i], f.probs[i]):
                            prob[c] = _as_float(p)
            object.__setattr__(self, "_arr", {"parent": parent, "depth": depth, "kind": kind, "player": player,
                                              "payoffs": pay, "prob": prob})
        return self._arr

    def to_networkx(self) -> nx.DiGraph:
        """A fresh copy of the underlying graph (changes do not affect the tree).

        Examples
        --------
        >>> from games.catalog.trees import entry_deterrence
        >>> g = entry_deterrence().to_networkx()
        >>> g.nodes[("In",)]["player"], g.edges[(), ("In",)]["action"]
        ('Incumbent', 'In')
        """
        g = nx.DiGraph()
        for n, d in self._graph.nodes(data=True):
            g.add_node(n, **{k: (dict(v) if isinstance(v, dict) else v) for k, v in d.items()})
        g.add_edges_from((u, v, dict(d)) for u, v, d in self._graph.edges(data=True))
        return g

    @property
    def is_symbolic(self) -> bool:
        """Whether some payoff or probability contains a parameter."""
        return bool(self.free_symbols)

    @property
    def free_symbols(self) -> set:
        """Parameters appearing in payoffs or probabilities."""
        if self._f.free is not None:
            return set(self._f.free)
        out: set = set()
        for vec in itertools.chain(self._f.payoffs, self._f.probs):
            if vec is not None:
                for v in vec:
                    if isinstance(v, sympy.Basic):
                        out |= v.free_symbols
        return out

    @property
    def is_exact(self) -> bool:
        """Whether every payoff and probability is exact (Integer/Rational) or symbolic."""
        return not any(isinstance(v, float) for vec in itertools.chain(self._f.payoffs, self._f.probs)
                       if vec is not None for v in vec)

    @property
    def is_perfect_information(self) -> bool:
        """Whether every information set is a single node."""
        return all(len(v) == 1 for v in self._f.infosets.values())

    def _own_experience(self) -> list:
        """For each node, the (infoset, action) pairs of the moving player's own earlier moves on its path."""
        f = self._f
        out: list = [()] * len(f.hist)
        for i in range(1, len(f.hist)):
            p = f.parent[i]
            if f.kind[p] == "d":  # (player, infoset, action) triples of all players, filtered by the caller
                out[i] = out[p] + ((f.player[p], f.infoset[p], f.hist[i][-1]),)
            else:
                out[i] = out[p]
        return out

    @property
    def absent_minded_infosets(self) -> tuple[str, ...]:
        """Information sets in which one node precedes another (absent-mindedness), in preorder.

        At such an information set the player cannot tell whether she has
        already moved there: a behaviour strategy then picks the same
        lottery at every visit, and a Nash equilibrium in behaviour
        strategies need not exist (Piccione and Rubinstein [1]_). The tree
        represents such games (Gambit files may contain them); solvers that
        work with behaviour strategies refuse them
        (:meth:`require_no_absent_mindedness`).

        References
        ----------
        .. [1] M. Piccione and A. Rubinstein (1997), "On the interpretation of
           decision problems with imperfect recall", *Games and Economic
           Behavior* 20: 3-24.

        Examples
        --------
        The absent-minded driver: exit at the first or the second
        intersection, which the driver cannot tell apart.

        >>> t = GameTree.build(("Driver",), decision("Driver", {
        ...     "Exit": terminal((0,)),
        ...     "Continue": decision("Driver", {"Exit": terminal((4,)), "Continue": terminal((1,))},
        ...                          infoset="I")}, infoset="I"))
        >>> t.absent_minded_infosets, t.is_absent_minded, t.has_perfect_recall
        (('I',), True, False)
        """
        return self._recall_sets()[0]

    def _recall_sets(self) -> tuple:
        """(absent-minded infosets, infosets violating perfect recall), computed once."""
        if self._recall is None:
            object.__setattr__(self, "_recall", (self._absent_minded(), self._imperfect_recall()))
        return self._recall

    def _absent_minded(self) -> tuple:
        f = self._f
        out = []
        for h, nodes in f.infosets.items():
            if len(nodes) < 2:
                continue
            members = set(nodes)
            found = False
            for j in nodes:
                p = f.parent[j]
                while p != -1 and not found:
                    found = p in members
                    p = f.parent[p]
                if found:
                    break
            if found:
                out.append(h)
        return tuple(out)

    @property
    def is_absent_minded(self) -> bool:
        """Whether some information set contains two nodes on one path (see :attr:`absent_minded_infosets`).

        Examples
        --------
        >>> from games.catalog.trees import entry_deterrence
        >>> entry_deterrence().is_absent_minded
        False
        """
        return bool(self.absent_minded_infosets)

    @property
    def imperfect_recall_infosets(self) -> tuple[str, ...]:
        """Information sets whose nodes the mover reaches through different own moves, in preorder.

        A player has perfect recall when, for any two nodes of one of her
        information sets, the sequences of her own information sets and
        actions on the paths to them coincide (Kuhn [1]_; Selten [2]_); an
        absent-minded information set fails this too (the sequences differ
        in length).

        References
        ----------
        .. [1] H. W. Kuhn (1953), "Extensive games and the problem of
           information", in *Contributions to the Theory of Games II*,
           Annals of Mathematics Studies 28, Princeton University Press, 193-216.
        .. [2] R. Selten (1975), "Reexamination of the perfectness concept for
           equilibrium points in extensive games", *International Journal of
           Game Theory* 4: 25-55.

        Examples
        --------
        A player who forgets her own first move:

        >>> t = GameTree.build(("A",), decision("A", {
        ...     "L": decision("A", {"x": terminal((1,)), "y": terminal((0,))}, infoset="I"),
        ...     "R": decision("A", {"x": terminal((0,)), "y": terminal((2,))}, infoset="I")}))
        >>> t.imperfect_recall_infosets, t.has_perfect_recall, t.is_absent_minded
        (('I',), False, False)
        """
        return self._recall_sets()[1]

    def _imperfect_recall(self) -> tuple:
        f = self._f
        if all(len(v) == 1 for v in f.infosets.values()):
            return ()
        exp = self._own_experience()
        out = []
        for h, nodes in f.infosets.items():
            if len(nodes) < 2:
                continue
            pl = f.player[nodes[0]]
            seqs = {tuple(x[1:] for x in exp[j] if x[0] == pl) for j in nodes}
            if len(seqs) > 1:
                out.append(h)
        return tuple(out)

    @property
    def has_perfect_recall(self) -> bool:
        """Whether every player has perfect recall (see :attr:`imperfect_recall_infosets`).

        Kuhn's theorem (mixed and behaviour strategies are equivalent) holds
        for trees with perfect recall.

        Examples
        --------
        >>> from games.catalog.trees import entry_mixed_subgame
        >>> entry_mixed_subgame().has_perfect_recall
        True
        """
        return not self.imperfect_recall_infosets

    def require_no_absent_mindedness(self, func: str) -> None:
        """Raise :class:`~games.errors.UnsupportedGame` if the tree is absent-minded.

        For solvers working with behaviour strategies: in an absent-minded
        game a Nash equilibrium in behaviour strategies need not exist
        (Piccione and Rubinstein, 1997, see :attr:`absent_minded_infosets`).

        Parameters
        ----------
        func : str
            The caller's name, used in the message.

        Raises
        ------
        UnsupportedGame
            Naming the absent-minded information sets and citing the paper.

        Examples
        --------
        >>> t = GameTree.build(("D",), decision("D", {
        ...     "Exit": terminal((0,)),
        ...     "Go": decision("D", {"Exit": terminal((4,)), "Go": terminal((1,))}, infoset="I")}, infoset="I"))
        >>> t.require_no_absent_mindedness("subgame_perfect")
        Traceback (most recent call last):
        ...
        games.errors.UnsupportedGame: subgame_perfect(): tree must be a tree without absent-mindedness ...
        ...Piccione & Rubinstein (1997)...; got 'absent-minded information sets: I'
        """
        bad = self.absent_minded_infosets
        if bad:
            raise UnsupportedGame(fmt_error(
                func, "tree", "a tree without absent-mindedness (an information set with one node preceding "
                "another: a Nash equilibrium in behaviour strategies need not exist; Piccione & Rubinstein "
                "(1997), \"On the interpretation of decision problems with imperfect recall\", Games and "
                "Economic Behavior 20: 3-24)", "absent-minded information sets: " + ", ".join(bad)))

    # ---- value semantics ------------------------------------------------
    def _hashable_content(self) -> tuple:
        if self._content is None:
            f = self._f
            nodes = tuple(
                (f.hist[i], f.kind[i], f.player[i], f.infoset[i], f.actions[i],
                 None if f.probs[i] is None else tuple(_value_key(v) for v in f.probs[i]),
                 None if f.payoffs[i] is None else tuple(_value_key(v) for v in f.payoffs[i]),
                 f.label[i])
                for i in range(len(f.hist)))
            object.__setattr__(self, "_content", (self._players, self._name, self._space, nodes))
        return self._content

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        return isinstance(other, GameTree) and self._hashable_content() == other._hashable_content()

    def __hash__(self) -> int:
        if self._hash is None:
            object.__setattr__(self, "_hash", hash(self._hashable_content()))
        return self._hash

    def __repr__(self) -> str:
        nm = f", name={self._name!r}" if self._name else ""
        return (f"GameTree(players={self._players!r}, nodes={len(self)}, "
                f"infosets={len(self._f.infosets)}{nm})")

    def to_dict(self) -> dict:
        """A JSON-ready dictionary (nodes in preorder); :meth:`from_dict` rebuilds the tree.

        Floats are stored as JSON numbers, exact and symbolic values as strings.

        Examples
        --------
        >>> from games.catalog.trees import entry_deterrence
        >>> t = entry_deterrence()
        >>> GameTree.from_dict(t.to_dict()) == t
        True
        """
        f = self._f
        nodes = []
        for i in range(len(f.hist)):
            d: dict[str, Any] = {"history": list(f.hist[i]), "kind": _KIND[f.kind[i]]}
            if f.kind[i] == "d":
                d.update(player=self._players[f.player[i]], infoset=f.infoset[i], actions=list(f.actions[i]))
            elif f.kind[i] == "c":
                d.update(actions=list(f.actions[i]), probabilities=[_enc(v) for v in f.probs[i]])
            else:
                d["payoffs"] = [_enc(v) for v in f.payoffs[i]]
            if f.label[i] is not None:
                d["label"] = f.label[i]
            nodes.append(d)
        return {"type": "GameTree", "players": list(self._players), "name": self._name,
                "space": self._space.to_dict(), "nodes": nodes}

    @classmethod
    def from_dict(cls, d: Mapping) -> "GameTree":
        """Rebuild a tree from :meth:`to_dict` output.

        Examples
        --------
        >>> from games.catalog.trees import centipede
        >>> t = centipede(4)
        >>> GameTree.from_dict(t.to_dict()) == t
        True
        """
        func = "GameTree.from_dict"
        if not isinstance(d, Mapping) or "nodes" not in d or "players" not in d:
            raise InvalidGame(fmt_error(func, "d", "a mapping from GameTree.to_dict()", d))
        space = ParameterSpace.from_dict(d["space"]) if d.get("space") else ParameterSpace.empty()
        records = []
        for nd in d["nodes"]:
            hist = tuple(nd["history"])
            kind = nd["kind"]
            if kind == "decision":
                records.append([hist, "d", nd["player"], nd.get("infoset"), tuple(nd["actions"]), None, None,
                                nd.get("label")])
            elif kind == "chance":
                records.append([hist, "c", None, None, tuple(nd["actions"]),
                                tuple(_dec(v, space) for v in nd["probabilities"]), None, nd.get("label")])
            elif kind == "terminal":
                records.append([hist, "t", None, None, (), None, tuple(_dec(v, space) for v in nd["payoffs"]),
                                nd.get("label")])
            else:
                raise InvalidGame(fmt_error(func, "node kind", "'decision', 'chance' or 'terminal'", kind))
        _check_records(records, func)
        self = cls.__new__(cls)
        self._setup(records, d["players"], space, d.get("name", ""), func)
        return self

    # ---- derived games --------------------------------------------------------
    def _replace_values(self, fn, space: ParameterSpace) -> "GameTree":
        f = self._f
        records = []
        for i in range(len(f.hist)):
            pl = self._players[f.player[i]] if f.kind[i] == "d" else None
            probs = None if f.probs[i] is None else tuple(fn(v) for v in f.probs[i])
            pays = None if f.payoffs[i] is None else tuple(fn(v) for v in f.payoffs[i])
            records.append([f.hist[i], f.kind[i], pl, f.infoset[i], f.actions[i], probs, pays, f.label[i]])
        new = GameTree.__new__(GameTree)
        new._setup(records, self._players, space, self._name, "GameTree.subs")
        return new

    def subs(self, point: Mapping[Any, Any]) -> "GameTree":
        """The numeric tree at a parameter point (exact stays exact).

        Parameters
        ----------
        point : mapping
            Parameter name (or symbol) -> number; validated by the space.

        Examples
        --------
        >>> from games.catalog.resistance_negotiation import resistance_negotiation
        >>> t = resistance_negotiation()
        >>> pt = dict(reform_gain=4, workload=2, soft_power=1, authority=3, mobilisation_cost=1,
        ...           voice_cost="1/2", pilot_failure=5, concession=3)
        >>> t.subs(pt).node(("Command", "Obey")).payoffs
        (4, -2)
        """
        pt = self._space.point(point, func="GameTree.subs")

        def fn(v):
            if isinstance(v, sympy.Basic) and v.free_symbols:
                return to_value(v.xreplace(pt), func="GameTree.subs", arg="payoff")
            return v

        return self._replace_values(fn, ParameterSpace.empty())

    def subgame_roots(self) -> tuple[tuple, ...]:
        """Histories of the roots of all subgames (the whole game included), in preorder.

        A node roots a subgame when every information set is either inside
        its subtree or outside it. Terminal nodes are not listed.

        Examples
        --------
        >>> from games.catalog.trees import entry_mixed_subgame
        >>> entry_mixed_subgame().subgame_roots()
        ((), ('In',))
        """
        f = self._f
        return tuple(f.hist[i] for i in self._subgame_root_indices(None))

    def _subgame_root_indices(self, func: str | None = "subgame_perfect") -> list[int]:
        # the solvers' entry point: absent-minded trees are refused here (func=None skips the check)
        if func is not None:
            self.require_no_absent_mindedness(func)
        f = self._f
        bad = self._non_roots()
        return [i for i in range(len(f.hist)) if f.kind[i] != "t" and i not in bad]

    def _non_roots(self) -> set:
        """Nodes that cannot root a subgame (strictly inside a multi-node infoset's span)."""
        f = self._f
        bad: set = set()
        for nodes in f.infosets.values():
            if len(nodes) == 1:
                continue
            paths = []
            for j in nodes:
                p, anc = j, []
                while p != -1:
                    anc.append(p)
                    p = f.parent[p]
                paths.append(anc[::-1])
            # lowest common ancestor: the longest common prefix of the root paths
            k = 0
            while all(len(pth) > k for pth in paths) and len({pth[k] for pth in paths}) == 1:
                k += 1
            for pth in paths:
                bad.update(pth[k:])
        return bad

    def subgame(self, history: Sequence[str]) -> "GameTree":
        """The subgame rooted at ``history`` (histories re-rooted, infoset labels kept).

        Raises
        ------
        InvalidGame
            When ``history`` does not root a subgame.

        Examples
        --------
        >>> from games.catalog.trees import entry_deterrence
        >>> entry_deterrence().subgame(("In",)).nodes
        ((), ('Fight',), ('Accommodate',))
        """
        i = self._index(history, "GameTree.subgame")
        f = self._f
        if f.kind[i] == "t" or i in self._non_roots():
            raise InvalidGame(fmt_error("GameTree.subgame", "history", "the root of a subgame", tuple(history)))
        k = len(f.hist[i])
        records = []
        for j in self._subtree(i):
            pl = self._players[f.player[j]] if f.kind[j] == "d" else None
            records.append([f.hist[j][k:], f.kind[j], pl, f.infoset[j], f.actions[j], f.probs[j], f.payoffs[j],
                            f.label[j]])
        new = GameTree.__new__(GameTree)
        new._setup(records, self._players, self._space, self._name, "GameTree.subgame")
        return new

    def _subtree(self, i: int) -> list[int]:
        out, stack = [], [i]
        ch = self._f.children
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(reversed(ch[j]))
        return out

    def subgames(self) -> tuple["GameTree", ...]:
        """All subgames as trees (the whole game first), in preorder of their roots.

        Examples
        --------
        >>> from games.catalog.trees import entry_deterrence
        >>> [len(s) for s in entry_deterrence().subgames()]
        [5, 3]
        """
        return tuple(self if h == () else self.subgame(h) for h in self.subgame_roots())

    # ---- strategic form -------------------------------------------------------
    def _reduced_strategies(self, player: int, root: int = 0, boundary: frozenset = frozenset(),
                            func: str = "GameTree.to_normal_form") -> list[dict[str, str]]:
        """Reduced pure strategies of ``player`` in the region below ``root`` (stopping at ``boundary``).

        Each is a dict infoset -> action over the infosets its own moves leave reachable.
        """
        f = self._f
        region = self._region(root, boundary)
        own = list(dict.fromkeys(f.infoset[j] for j in region if f.kind[j] == "d" and f.player[j] == player))
        total = 1
        for h in own:
            total *= len(f.actions[f.infosets[h][0]])
            if total > MAX_PURE_STRATEGIES:
                raise UnsupportedGame(fmt_error(func, "tree", f"a game with at most {MAX_PURE_STRATEGIES} pure "
                                                f"strategies per player", f"more for {self._players[player]!r}"))
        out: dict[tuple, dict[str, str]] = {}
        for choice in itertools.product(*(f.actions[f.infosets[h][0]] for h in own)):
            plan = dict(zip(own, choice))
            reach: dict[str, None] = {}
            stack = [root]
            while stack:
                j = stack.pop()
                if f.kind[j] == "t" or (j in boundary and j != root):
                    continue
                if f.kind[j] == "d" and f.player[j] == player:
                    h = f.infoset[j]
                    reach[h] = None
                    stack.append(f.children[j][f.actions[j].index(plan[h])])
                else:
                    stack.extend(f.children[j])
            key = tuple((h, plan[h]) for h in own if h in reach)
            out.setdefault(key, dict(key))
        return list(out.values())

    def _region(self, root: int, boundary: frozenset) -> list[int]:
        f = self._f
        out, stack = [], [root]
        while stack:
            j = stack.pop()
            out.append(j)
            if j != root and j in boundary:
                continue
            stack.extend(reversed(f.children[j]))
        return out

    def _play_value(self, profile: Sequence[dict | None], root: int, leaf_value) -> tuple:
        """Expected payoff vector from ``root`` when each player follows a pure plan.

        ``profile[i]`` maps infosets to actions (None for players without moves);
        ``leaf_value(j)`` gives the vector at terminals and boundary nodes.
        """
        f = self._f
        n = len(self._players)
        total = [0] * n
        stack = [(root, 1)]
        while stack:
            j, w = stack.pop()
            v = leaf_value(j) if j != root or f.kind[j] == "t" else None
            if v is not None:
                for k in range(n):
                    total[k] = total[k] + w * v[k]
                continue
            if f.kind[j] == "d":
                a = profile[f.player[j]][f.infoset[j]]
                stack.append((f.children[j][f.actions[j].index(a)], w))
            else:
                for c, p in zip(f.children[j], f.probs[j]):
                    stack.append((c, w * p))
        return tuple(total)

    def _strategic_form(self, root: int = 0, leaf_value=None, boundary: frozenset = frozenset(),
                        players: Sequence[int] | None = None, func: str = "GameTree.to_normal_form"):
        """Reduced strategies, names and payoff vectors of the region below ``root``.

        ``leaf_value(j)`` gives the payoff vector at terminals and at the
        ``boundary`` nodes (roots of solved subgames), None elsewhere. Returns
        ``(players, strategies, names, payoffs)`` where ``payoffs`` maps each
        profile of strategy indices to the full payoff vector.
        """
        f = self._f
        if leaf_value is None:
            def leaf_value(j):
                return f.payoffs[j]
        if players is None:
            players = list(range(len(self._players)))
        strategies, names = [], []
        for i in players:
            strats = self._reduced_strategies(i, root, boundary, func)
            strategies.append(strats)
            nm = ["/".join(s.values()) or "-" for s in strats]
            if len(set(nm)) != len(nm):
                nm = ["/".join(f"{h}:{a}" for h, a in s.items()) or "-" for s in strats]
            names.append(tuple(nm))
        payoffs = {}
        n = len(self._players)
        for prof in itertools.product(*(range(len(s)) for s in strategies)):
            plans: list[dict | None] = [None] * n
            for i, k in zip(players, prof):
                plans[i] = strategies[players.index(i)][k]
            payoffs[prof] = self._play_value(plans, root, leaf_value)
        return players, strategies, names, payoffs

    def to_normal_form(self):
        """The reduced strategic form, strategies named by their actions (``"Resist/Withdraw"``).

        A reduced strategy fixes an action at each of the player's information
        sets that its own earlier moves do not rule out; actions are joined by
        ``/`` in preorder of the information sets. Chance moves are averaged
        (exactly where exact). In an absent-minded tree a pure strategy takes
        the same action at every visit of an information set (the planning
        stage of Piccione and Rubinstein, 1997); mixtures of these are not
        the tree's behaviour strategies.

        Returns
        -------
        games.normal_form.NormalFormGame

        Examples
        --------
        >>> from games.catalog.trees import entry_deterrence
        >>> nf = entry_deterrence().to_normal_form()
        >>> nf.strategies, nf.payoff(("Out", "Fight"))
        ((('Out', 'In'), ('Fight', 'Accommodate')), (1, 5))
        """
        from games.normal_form import NormalFormGame
        import numpy as np

        players, strategies, names, payoffs = self._strategic_form()
        shape = tuple(len(s) for s in strategies) + (len(self._players),)
        arr = np.empty(shape, dtype=object)
        for prof, vec in payoffs.items():
            for k, v in enumerate(vec):
                arr[prof + (k,)] = sympy.sympify(v) if not isinstance(v, float) else v
        if not self.is_exact:
            arr = arr.astype(float)
        return NormalFormGame(arr, players=self._players, strategies=names, space=self._space,
                              name=self._name)

    # ---- printing ---------------------------------------------------------------
    def to_latex(self) -> str:
        """A LaTeX ``tabular`` of the terminal histories and their payoffs.

        Examples
        --------
        >>> from games.catalog.trees import entry_deterrence
        >>> print(entry_deterrence().to_latex())
        \\begin{tabular}{lrr}
        \\hline
        Outcome & Entrant & Incumbent \\\\
        \\hline
        Out & $1$ & $5$ \\\\
        In, Fight & $0$ & $0$ \\\\
        In, Accommodate & $2$ & $2$ \\\\
        \\hline
        \\end{tabular}
        """
        f = self._f
        lines = ["\\begin{tabular}{l" + "r" * len(self._players) + "}", "\\hline",
                 " & ".join(["Outcome", *(_tex_text(p) for p in self._players)]) + " \\\\", "\\hline"]
        for i in range(len(f.hist)):
            if f.kind[i] != "t":
                continue
            cells = [", ".join(_tex_text(a) for a in f.hist[i]) or "(root)"]
            for v in f.payoffs[i]:
                cells.append(f"${self._space.latex(v) if isinstance(v, sympy.Basic) else sympy.latex(v)}$")
            lines.append(" & ".join(cells) + " \\\\")
        lines += ["\\hline", "\\end{tabular}"]
        return "\n".join(lines)

    def _repr_latex_(self) -> str:
        return self.to_latex()


@dataclass(frozen=True)
class _Flat:
    """Preorder arrays of a tree (what the solvers iterate over)."""

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


def _as_float(v: Any) -> float:
    if isinstance(v, float):
        return v
    if isinstance(v, sympy.Integer):
        return float(v.p)
    return float(v)


def _rebind(v: Any, rb: dict) -> Any:
    return v.xreplace(rb) if isinstance(v, sympy.Basic) and v.free_symbols else v


def _enc(v: Any) -> Any:
    return v if isinstance(v, float) else str(v)


def _dec(v: Any, space: ParameterSpace) -> Any:
    if isinstance(v, float):
        return v
    if isinstance(v, str) and not _is_number_str(v) and len(space):
        return space.sympify(v, func="GameTree.from_dict", arg="value")
    return v


def _check_records(records: list, func: str) -> None:
    """Records from a flat list must form a tree given in preorder."""
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


def _tex_text(s: str) -> str:
    return "".join("\\" + c if c in "&%$#_{}" else c for c in s)
