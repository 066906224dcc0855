"""The game tree value: :class:`GameTree`.

A game tree is stored in a private :class:`networkx.DiGraph` whose nodes are
*histories* (tuples of the action labels from the root, the root is ``()``)
and that follows the networkx data conventions: node attributes ``player``
and ``infoset`` (decision nodes), ``chance`` (a mapping action ->
probability, chance nodes), ``payoffs`` (terminal nodes); edge attribute
``action``. The tree is an immutable value: it compares and hashes by
content and rebuilds from :meth:`GameTree.to_dict`. Solvers read it as
preorder arrays, :attr:`GameTree.flat`.

Payoffs and probabilities are exact numbers, floats or sympy expressions in
the tree's :class:`~games.parameters.ParameterSpace`.

Examples
--------
>>> from games.trees.builder import decision, terminal
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
"""

from __future__ import annotations

import itertools
from typing import Any, Iterable, Mapping, Sequence

import networkx as nx
import sympy

from games.errors import InvalidGame, ParameterError, UnsupportedGame, fmt_error
from games.parameters import ParameterSpace
from games.trees.builder import ChanceNode, DecisionNode, TerminalNode
from games.trees.flat import KIND, FlatTree, NodeView, flatten, numeric_arrays, value_key
from games.trees.records import (node_to_dict, records_from_dicts, records_from_flat, records_from_graph,
                                 records_from_nodes, records_from_spec)
from games.trees.latex import tree_to_latex
from games.trees.recall import absent_minded_infosets, imperfect_recall_infosets
from games.trees.strategic_form import reduced_strategies, to_normal_form
from games.trees.subgames import non_roots, subgame_root_indices, subtree
from games.values import to_value

__all__ = ["GameTree"]


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
        records = records_from_graph(graph, func)
        self._setup(records, players, space, name, func)

    @classmethod
    def build(cls, players: Sequence[str], root: DecisionNode | ChanceNode | TerminalNode, *,
              space: ParameterSpace | None = None, name: str = "") -> "GameTree":
        """Build a tree from nested :func:`decision`, :func:`chance` and :func:`terminal` specs.

        Examples
        --------
        >>> from games.trees.builder import decision, terminal
        >>> space = ParameterSpace({"g": "positive", "w": "positive"})
        >>> t = GameTree.build(("Bureau", "Office"),
        ...     decision("Bureau", {"Command": decision("Office", {"Obey": terminal(("g", "-w")),
        ...                                                        "Resist": terminal((0, 0))}),
        ...                         "Wait": terminal((0, 0))}), space=space)
        >>> t.is_symbolic, t.node(("Command", "Obey")).payoffs
        (True, (g, -w))
        """
        records = records_from_spec(root, "GameTree.build")
        self = cls.__new__(cls)
        self._setup(records, players, space, name, "GameTree.build")
        return self

    def _setup(self, records: list, players: Sequence[str], space: ParameterSpace | None, name: str,
               func: str) -> None:
        if not isinstance(name, str):
            raise InvalidGame(fmt_error(func, "name", "a string", name))
        players, space, graph, flat = flatten(records, players, space, func)
        object.__setattr__(self, "_graph", graph)
        object.__setattr__(self, "_players", players)
        object.__setattr__(self, "_space", space)
        object.__setattr__(self, "_name", name)
        object.__setattr__(self, "_f", flat)
        object.__setattr__(self, "_hash", None)
        object.__setattr__(self, "_content", None)
        object.__setattr__(self, "_arr", None)
        object.__setattr__(self, "_recall", None)

    @classmethod
    def from_nodes(cls, nodes: Iterable[NodeView], players: Sequence[str], *, space: ParameterSpace | None = None,
                   name: str = "") -> "GameTree":
        """Build a tree from its nodes listed in preorder (what :meth:`node` returns, one per node).

        Parents come before children, children in the order of the parent's
        ``actions``; ``infoset=None`` gives a decision node its own information
        set. ``space`` is inferred from the symbols' assumptions if omitted.

        Raises
        ------
        InvalidGame
            Nodes that are not a tree in preorder, or anything :class:`GameTree` rejects.

        Examples
        --------
        >>> from games.catalog.trees import entry_deterrence
        >>> t = entry_deterrence()
        >>> GameTree.from_nodes([t.node(h) for h in t.nodes], t.players, space=t.space, name=t.name) == t
        True
        """
        func = "GameTree.from_nodes"
        records = records_from_nodes(nodes, func)
        self = cls.__new__(cls)
        self._setup(records, players, space, name, func)
        return self

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
        return NodeView(f.hist[i], KIND[f.kind[i]],
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

    @property
    def flat(self) -> FlatTree:
        """The tree as preorder arrays (a :class:`~games.trees.flat.FlatTree`), what solvers iterate over.

        Examples
        --------
        >>> from games.catalog.trees import entry_deterrence
        >>> f = entry_deterrence().flat
        >>> f.kind, f.infosets["Incumbent@In"]
        (('d', 't', 'd', 't', 't'), (2,))
        """
        return self._f

    def arrays(self) -> dict:
        """Numpy arrays of the tree in preorder, for numeric solvers (computed once).

        Returns
        -------
        dict
            ``parent`` (n,) int64, ``depth`` (n,) int64, ``kind`` (n,) int8
            (0 terminal, 1 decision, 2 chance), ``player`` (n,) int64 (-1 if
            none), ``payoffs`` (n, n_players) float (terminal rows; zeros for
            symbolic trees) and ``prob`` (n,) float (probability of the edge
            into a chance node's child, else 1).

        Examples
        --------
        >>> from games.catalog.trees import entry_deterrence
        >>> a = entry_deterrence().arrays()
        >>> a["kind"].tolist(), a["payoffs"][1].tolist()
        ([1, 0, 1, 0, 0], [1.0, 5.0])
        """
        if self._arr is None:
            object.__setattr__(self, "_arr", numeric_arrays(self._f, len(self._players), self.is_symbolic))
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

    # ---- recall (games.trees.recall) --------------------------------------
    @property
    def absent_minded_infosets(self) -> tuple[str, ...]:
        """Information sets in which one node precedes another (absent-mindedness), in preorder.

        A behaviour strategy then picks one lottery at every visit and a Nash
        equilibrium in behaviour strategies need not exist (Piccione and
        Rubinstein, 1997; :func:`games.trees.recall.absent_minded_infosets`).

        Examples
        --------
        The absent-minded driver cannot tell the two intersections apart:

        >>> from games.trees.builder import decision, terminal
        >>> t = GameTree.build(("Driver",), decision("Driver", {
        ...     "Exit": terminal((0,)),
        ...     "Continue": decision("Driver", {"Exit": terminal((4,)), "Continue": terminal((1,))},
        ...                          infoset="I")}, infoset="I"))
        >>> t.absent_minded_infosets, t.is_absent_minded, t.has_perfect_recall
        (('I',), True, False)
        """
        return self._recall_sets()[0]

    @property
    def imperfect_recall_infosets(self) -> tuple[str, ...]:
        """Information sets whose nodes the mover reaches through different own moves, in preorder.

        Perfect recall in the sense of Kuhn (1953) and Selten (1975), see
        :func:`games.trees.recall.imperfect_recall_infosets`.

        Examples
        --------
        >>> from games.catalog.trees import entry_mixed_subgame
        >>> entry_mixed_subgame().imperfect_recall_infosets
        ()
        """
        return self._recall_sets()[1]

    def _recall_sets(self) -> tuple:
        if self._recall is None:
            object.__setattr__(self, "_recall", (absent_minded_infosets(self._f), imperfect_recall_infosets(self._f)))
        return self._recall

    @property
    def is_absent_minded(self) -> bool:
        """Whether some information set contains two nodes on one path (see :attr:`absent_minded_infosets`)."""
        return bool(self.absent_minded_infosets)

    @property
    def has_perfect_recall(self) -> bool:
        """Whether every player has perfect recall (Kuhn's theorem holds; see :attr:`imperfect_recall_infosets`)."""
        return not self.imperfect_recall_infosets

    def require_no_absent_mindedness(self, func: str) -> None:
        """Raise :class:`~games.errors.UnsupportedGame`, in the name of solver ``func``, if the tree is absent-minded.

        Raises
        ------
        UnsupportedGame
            Naming the absent-minded information sets and citing Piccione and Rubinstein (1997).

        Examples
        --------
        >>> from games.trees.builder import decision, terminal
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
                 None if f.probs[i] is None else tuple(value_key(v) for v in f.probs[i]),
                 None if f.payoffs[i] is None else tuple(value_key(v) for v in f.payoffs[i]),
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
        nodes = [node_to_dict(self.node(h)) for h in self._f.hist]
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
        records = records_from_dicts(d["nodes"], space, func)
        self = cls.__new__(cls)
        self._setup(records, d["players"], space, d.get("name", ""), func)
        return self

    # ---- derived games --------------------------------------------------------
    def map_values(self, fn, space: ParameterSpace) -> "GameTree":
        """The same tree with every payoff and chance probability ``v`` replaced by ``fn(v)``.

        Parameters
        ----------
        fn : callable
            Value -> value (a number or an expression in ``space``).
        space : ParameterSpace
            The new tree's parameter space.

        Examples
        --------
        >>> from games.catalog.trees import entry_deterrence
        >>> t = entry_deterrence().map_values(lambda v: 2 * v, ParameterSpace.empty())
        >>> t.node(("Out",)).payoffs
        (2, 10)
        """
        if not isinstance(space, ParameterSpace):
            raise ParameterError(fmt_error("GameTree.map_values", "space", "a ParameterSpace", space))
        records = records_from_flat(self._f, self._players, fn=fn)
        new = GameTree.__new__(GameTree)
        new._setup(records, self._players, space, self._name, "GameTree.map_values")
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

        return self.map_values(fn, ParameterSpace.empty())

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
        return tuple(f.hist[i] for i in subgame_root_indices(self, None))

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
        if f.kind[i] == "t" or i in non_roots(f):
            raise InvalidGame(fmt_error("GameTree.subgame", "history", "the root of a subgame", tuple(history)))
        records = records_from_flat(f, self._players, nodes=subtree(f, i))
        new = GameTree.__new__(GameTree)
        new._setup(records, self._players, self._space, self._name, "GameTree.subgame")
        return new

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
    def _reduced_strategies(self, player: int) -> list[dict[str, str]]:
        return reduced_strategies(self, player)

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
        return to_normal_form(self)

    # ---- printing ---------------------------------------------------------------
    def to_latex(self) -> str:
        """A LaTeX ``tabular`` of the terminal histories and their payoffs.

        Examples
        --------
        >>> from games.catalog.trees import entry_deterrence
        >>> print(entry_deterrence().to_latex().splitlines()[2])
        Outcome & Entrant & Incumbent \\\\
        """
        return tree_to_latex(self)

    def _repr_latex_(self) -> str:
        return self.to_latex()

