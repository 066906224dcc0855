"""Normal-form (strategic-form) games with numeric or symbolic payoffs."""

from __future__ import annotations

import itertools
from typing import Any, Callable, Mapping, Sequence

import numpy as np
import sympy

from games.errors import InvalidPayoffs, ParameterError, fmt_error
from games.parameters import ParameterSpace
from games.payoff_arrays import normalize_entries, parse_strings, payoff_array, require_real_payoffs
from games.payoff_tables import game_from_table, game_to_table
from games.values import as_float_array, object_array, to_value

__all__ = ["NormalFormGame"]


def _default_players(n: int) -> tuple[str, ...]:
    return tuple(f"Player {i + 1}" for i in range(n))


class NormalFormGame:
    """An n-player game in strategic form; immutable, hashable, ``==`` by content.

    Parameters
    ----------
    payoffs : array_like
        Shape ``(*n_strategies, n_players)``: ``payoffs[s1, ..., sn, i]`` is
        player ``i``'s payoff at the pure profile ``(s1, ..., sn)``. Entries
        may be ints/Fractions/decimal strings (kept exact as sympy
        Rationals), floats (float64), or sympy expressions.
    players : sequence of str, optional
        Player names (default ``"Player 1"``, ...).
    strategies : sequence of sequences of str, optional
        Strategy names per player (default ``"s1"``, ``"s2"``, ...).
    space : ParameterSpace, optional
        The parameters of a symbolic game. Defaults to a space read off the
        payoffs' symbols; symbols in the payoffs must belong to it. String
        payoffs (``"a - c"``) are parsed in this space.
    name : str
        A title.
    allow_new_symbols : bool, default False
        Accept names in string payoffs (and sympy symbols) that the space
        does not declare, adding them as real parameters. Without it an
        undeclared name is an error, so a typo never becomes a parameter.

    Raises
    ------
    InvalidPayoffs
        For a payoff array of the wrong shape, bad names, non-finite or
        non-real payoffs.
    ParameterError
        For undeclared names in string payoffs or symbols outside ``space``.

    See Also
    --------
    from_table : the game from a paper's table, one row per strategy profile.

    Examples
    --------
    >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                   strategies=(("C", "D"), ("C", "D")))
    >>> pd.shape, pd.payoff(("D", "C"))
    ((2, 2), (5, 0))
    >>> pd.expected_payoffs([[sympy.Rational(1, 2)] * 2, [1, 0]])
    (4, 3/2)
    """

    __slots__ = ("_payoffs", "_players", "_strategies", "_space", "_name", "_kind", "_hash")

    def __init__(self, payoffs: Any, players: Sequence[str] | None = None,
                 strategies: Sequence[Sequence[str]] | None = None,
                 space: ParameterSpace | None = None, name: str = "", *, allow_new_symbols: bool = False) -> None:
        func = "NormalFormGame"
        arr = payoff_array(payoffs, func)
        if space is not None and not isinstance(space, ParameterSpace):
            raise ParameterError(fmt_error(func, "space", "a ParameterSpace", space))
        arr = parse_strings(arr, space, allow_new_symbols, func)
        shape = arr.shape[:-1]
        n = arr.shape[-1]
        if len(shape) != n:
            raise InvalidPayoffs(fmt_error(func, "payoffs", f"of shape (*n_strategies, n_players) with "
                                           f"n_players = number of strategy axes ({len(shape)})",
                                           f"array of shape {arr.shape}"))
        if any(k < 1 for k in shape):
            raise InvalidPayoffs(fmt_error(func, "payoffs", "at least one strategy per player", f"shape {arr.shape}"))
        players = _default_players(n) if players is None else tuple(players)
        if len(players) != n or not all(isinstance(p, str) for p in players) or len(set(players)) != n:
            raise InvalidPayoffs(fmt_error(func, "players", f"{n} distinct names", players))
        if strategies is None:
            strategies = tuple(tuple(f"s{j + 1}" for j in range(k)) for k in shape)
        else:
            strategies = tuple(tuple(s) for s in strategies)
            if len(strategies) != n:
                raise InvalidPayoffs(fmt_error(func, "strategies", f"one name list per player ({n})", strategies))
            for i, (ss, k) in enumerate(zip(strategies, shape)):
                if len(ss) != k or len(set(ss)) != k or not all(isinstance(x, str) for x in ss):
                    raise InvalidPayoffs(fmt_error(func, f"strategies[{i}]", f"{k} distinct names", ss))
        kind, arr = normalize_entries(arr, func)
        syms = set()
        if kind == "symbolic":
            for v in arr.reshape(-1):
                if isinstance(v, sympy.Basic):
                    syms |= v.free_symbols
        if space is None:
            space = ParameterSpace.from_symbols(syms)
        elif allow_new_symbols and any(s.name not in space for s in syms):
            space = space.merge(ParameterSpace.from_symbols({s for s in syms if s.name not in space}))
        if syms:
            bad = sorted(s.name for s in syms if s.name not in space)
            if bad:
                raise ParameterError(fmt_error(func, "payoffs", f"expressions in the space's parameters "
                                               f"{list(space.names)}", f"unknown symbols {bad}"))
            # rebind same-named symbols to the space's (which carry the assumptions)
            repl = {s: space.symbol(s.name) for s in syms if s != space.symbol(s.name)}
            if repl:
                arr = object_array([v.xreplace(repl) if isinstance(v, sympy.Basic) else v
                                    for v in arr.reshape(-1)], arr.shape)
            require_real_payoffs(arr, space, func)
        object.__setattr__(self, "_payoffs", arr)
        object.__setattr__(self, "_players", players)
        object.__setattr__(self, "_strategies", strategies)
        object.__setattr__(self, "_space", space)
        object.__setattr__(self, "_name", str(name))
        object.__setattr__(self, "_kind", kind)
        object.__setattr__(self, "_hash", None)

    def __setattr__(self, key, value):
        raise AttributeError("NormalFormGame is immutable; derive a new game instead")

    def __reduce__(self):
        return (NormalFormGame.from_dict, (self.to_dict(),))

    # --- constructors --------------------------------------------------------
    @classmethod
    def from_bimatrix(cls, A: Any, B: Any, *, players: Sequence[str] | None = None,
                      strategies: Sequence[Sequence[str]] | None = None,
                      space: ParameterSpace | None = None, name: str = "",
                      allow_new_symbols: bool = False) -> "NormalFormGame":
        """A two-player game from the row player's matrix ``A`` and the column player's ``B``.

        Entries are as in the constructor; string entries are parsed in
        ``space`` and may name undeclared symbols only with
        ``allow_new_symbols=True``.

        Examples
        --------
        >>> NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]).payoffs[0, 1]
        array([-1, 1], dtype=object)
        >>> NormalFormGame.from_bimatrix([["a", 0], [0, 1]], [[1, 0], [0, "a"]])
        Traceback (most recent call last):
        ...
        games.errors.ParameterError: from_bimatrix(): A[0, 0] must be an expression in the parameters [] (declare every name in the ParameterSpace, or pass allow_new_symbols=True); got 'a (unknown: a)'
        """
        if space is not None and not isinstance(space, ParameterSpace):
            raise ParameterError(fmt_error("from_bimatrix", "space", "a ParameterSpace", space))
        a = parse_strings(payoff_array(A, "from_bimatrix", arg="A", ndim=2), space, allow_new_symbols,
                           "from_bimatrix", arg="A")
        b = parse_strings(payoff_array(B, "from_bimatrix", arg="B", ndim=2), space, allow_new_symbols,
                           "from_bimatrix", arg="B")
        if a.shape != b.shape:
            raise InvalidPayoffs(fmt_error("from_bimatrix", "B", f"of the same shape as A {a.shape}",
                                           f"shape {b.shape}"))
        payoffs = np.stack([a, b], axis=-1)
        return cls(payoffs, players=players, strategies=strategies, space=space, name=name,
                   allow_new_symbols=allow_new_symbols)

    @classmethod
    def from_table(cls, table: Mapping[Sequence[str], Sequence[Any]], *, players: Sequence[str],
                   strategies: Sequence[Sequence[str]] | None = None, space: ParameterSpace | None = None,
                   allow_new_symbols: bool = False, name: str = "") -> "NormalFormGame":
        """A game from the payoff table a paper prints: one row per strategy profile.

        Parameters
        ----------
        table : mapping or list of (profile, payoffs) pairs
            Strategy-name profile -> payoff tuple, one payoff per player in
            the order of ``players``:
            ``{("strict", "comply", "report"): (a - c, r, -s), ...}``. Payoffs
            are numbers, sympy expressions or strings parsed in ``space``.
            Every profile of the strategy sets must appear exactly once.
        players : sequence of str
            Player names; their number fixes the length of every key and
            payoff tuple.
        strategies : sequence of sequences of str, optional
            Strategy names per player (fixes their order). Default: read off
            the keys, in the order they first appear.
        space : ParameterSpace, optional
            The model's parameters (see :meth:`ParameterSpace.from_table`).
        allow_new_symbols : bool, default False
            Let strings name parameters that ``space`` does not declare
            (they become real parameters); otherwise that is an error.
        name : str
            A title.

        Returns
        -------
        NormalFormGame
            ``payoffs[s1, ..., sn, i] == table[(strategies[0][s1], ...)][i]``.

        Raises
        ------
        InvalidPayoffs
            For a key or payoff tuple of the wrong length, a strategy not in
            ``strategies``, and missing or repeated profiles (all named).
        ParameterError
            For an undeclared name in a string payoff.

        Examples
        --------
        An inspection game (Tsebelis 1989), from the table as printed:

        >>> from games.parameters import ParameterSpace
        >>> space = ParameterSpace.from_table([
        ...     ("gain", "positive", "g", "violator's gain"),
        ...     ("fine", "positive", "F", "fine if caught"),
        ...     ("cost", "positive", "c", "cost of inspecting"),
        ... ], constraints=["cost < fine"])
        >>> g = NormalFormGame.from_table({
        ...     ("violate", "inspect"): ("-fine", "fine - cost"),
        ...     ("violate", "skip"): ("gain", "-gain"),
        ...     ("comply", "inspect"): (0, "-cost"),
        ...     ("comply", "skip"): (0, 0),
        ... }, players=("firm", "regulator"), space=space)
        >>> g.strategies
        (('violate', 'comply'), ('inspect', 'skip'))
        >>> g.payoff(("violate", "inspect"))
        (-fine, -cost + fine)
        >>> NormalFormGame.from_table({("violate", "inspect"): ("-fine", "fine - cost")},
        ...                           players=("firm", "regulator"), strategies=(("violate", "comply"),
        ...                           ("inspect", "skip")), space=space)
        Traceback (most recent call last):
        ...
        games.errors.InvalidPayoffs: from_table(): table must be one payoff tuple for every strategy profile (3 missing: ('violate', 'skip'), ('comply', 'inspect'), ('comply', 'skip')); got '1 rows for 4 profiles'
        """
        return game_from_table(cls, table, players=players, strategies=strategies, space=space,
                               allow_new_symbols=allow_new_symbols, name=name)

    def to_table(self) -> dict[tuple[str, ...], tuple]:
        """The payoff table: strategy-name profile -> payoff tuple (what :meth:`from_table` reads).

        Examples
        --------
        >>> g = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("C", "D"),) * 2)
        >>> g.to_table()[("D", "C")]
        (5, 0)
        >>> NormalFormGame.from_table(g.to_table(), players=g.players) == g
        True
        """
        return game_to_table(self)

    @classmethod
    def from_payoff_function(cls, f: Callable[[tuple], Sequence[Any]], strategies: Sequence[Sequence[str]], *,
                             players: Sequence[str] | None = None, space: ParameterSpace | None = None,
                             name: str = "", allow_new_symbols: bool = False) -> "NormalFormGame":
        """A game whose payoffs are ``f(profile)`` for each profile of strategy names.

        Examples
        --------
        >>> g = NormalFormGame.from_payoff_function(lambda p: (p.count("C"), 2 - p.count("C")),
        ...                                         [("C", "D"), ("C", "D")])
        >>> g.payoff(("C", "D"))
        (1, 1)
        """
        if callable(f) is False:
            raise TypeError(fmt_error("from_payoff_function", "f", "a callable", f))
        strategies = tuple(tuple(s) for s in strategies)
        shape = tuple(len(s) for s in strategies)
        n = len(shape)
        rows = []
        for prof in itertools.product(*strategies):
            v = tuple(f(prof))
            if len(v) != n:
                raise InvalidPayoffs(fmt_error("from_payoff_function", "f", f"to return {n} payoffs",
                                               f"{v!r} at {prof}"))
            rows.extend(v)
        arr = np.empty(len(rows), dtype=object)
        arr[:] = rows
        return cls(arr.reshape(shape + (n,)), players=players, strategies=strategies, space=space, name=name,
                   allow_new_symbols=allow_new_symbols)

    # --- properties ----------------------------------------------------------
    @property
    def payoffs(self) -> np.ndarray:
        """Read-only payoff array of shape ``(*n_strategies, n_players)``."""
        return self._payoffs

    @property
    def n_players(self) -> int:
        return len(self._players)

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of strategies per player."""
        return self._payoffs.shape[:-1]

    @property
    def players(self) -> tuple[str, ...]:
        return self._players

    @property
    def strategies(self) -> tuple[tuple[str, ...], ...]:
        return self._strategies

    @property
    def space(self) -> ParameterSpace:
        return self._space

    @property
    def name(self) -> str:
        return self._name

    @property
    def is_symbolic(self) -> bool:
        """Whether any payoff contains a parameter."""
        return self._kind == "symbolic"

    @property
    def is_exact(self) -> bool:
        """Exact (int/Rational) or symbolic payoffs; False for float payoffs."""
        return self._kind != "float"

    @property
    def free_symbols(self) -> set:
        """The parameters appearing in the payoffs."""
        if self._kind != "symbolic":
            return set()
        out = set()
        for v in self._payoffs.reshape(-1):
            out |= getattr(v, "free_symbols", set())
        return out

    # --- lookups ---------------------------------------------------------------
    def _index(self, profile: Sequence[Any], func: str) -> tuple[int, ...]:
        if not isinstance(profile, (tuple, list)) or len(profile) != self.n_players:
            raise InvalidPayoffs(fmt_error(func, "profile", f"a sequence of {self.n_players} strategies", profile))
        idx = []
        for i, s in enumerate(profile):
            if isinstance(s, str):
                if s not in self._strategies[i]:
                    raise InvalidPayoffs(fmt_error(func, f"profile[{i}]", f"one of {self._strategies[i]}", s))
                idx.append(self._strategies[i].index(s))
            elif isinstance(s, (int, np.integer)) and not isinstance(s, bool) and 0 <= s < self.shape[i]:
                idx.append(int(s))
            else:
                raise InvalidPayoffs(fmt_error(func, f"profile[{i}]", f"a strategy name or index < {self.shape[i]}", s))
        return tuple(idx)

    def payoff(self, profile: Sequence[Any]) -> tuple:
        """Payoffs at a pure profile (strategy names or indices)."""
        vals = self._payoffs[self._index(profile, "payoff")]
        return tuple(float(v) for v in vals) if self._kind == "float" else tuple(vals)

    def player_payoffs(self, i: int | str) -> np.ndarray:
        """Player ``i``'s payoffs, an array of shape :attr:`shape`."""
        if isinstance(i, str):
            if i not in self._players:
                raise InvalidPayoffs(fmt_error("player_payoffs", "i", f"one of {self._players}", i))
            i = self._players.index(i)
        return self._payoffs[..., i]

    def float_payoffs(self) -> np.ndarray:
        """The payoffs as a float64 array (numeric games only)."""
        if self.is_symbolic:
            raise ParameterError(fmt_error("float_payoffs", "game", "numeric (use subs first)",
                                           sorted(s.name for s in self.free_symbols)))
        if self._kind == "float":
            return self._payoffs
        return as_float_array(self._payoffs)

    def check_mixed_profile(self, mixed: Sequence[Sequence[Any]], func: str = "expected_payoffs",
                            tol: float = 1e-9) -> tuple[tuple, ...]:
        """Validate a mixed profile (one probability vector per player) and return it as tuples."""
        if not isinstance(mixed, (tuple, list, np.ndarray)) or len(mixed) != self.n_players:
            raise InvalidPayoffs(fmt_error(func, "mixed_profile", f"one probability vector per player "
                                           f"({self.n_players})", mixed))
        out = []
        for i, (sigma, k) in enumerate(zip(mixed, self.shape)):
            vec = tuple(to_value(x, func=func, arg=f"mixed_profile[{i}]") if not isinstance(x, sympy.Basic)
                        else x for x in sigma)
            if len(vec) != k:
                raise InvalidPayoffs(fmt_error(func, f"mixed_profile[{i}]", f"{k} probabilities", tuple(sigma)))
            if all(not (isinstance(x, sympy.Basic) and x.free_symbols) for x in vec):
                tot = sum(float(x) for x in vec)
                if any(float(x) < -tol for x in vec) or abs(tot - 1) > 1e-7:
                    raise InvalidPayoffs(fmt_error(func, f"mixed_profile[{i}]",
                                                   "on the simplex (nonnegative, summing to 1)", tuple(sigma)))
            out.append(vec)
        return tuple(out)

    def expected_payoffs(self, mixed_profile: Sequence[Sequence[Any]]) -> tuple:
        """Expected payoffs under a mixed profile (exact when inputs are exact)."""
        mixed = self.check_mixed_profile(mixed_profile)
        if self._kind == "float" and all(isinstance(x, float) for v in mixed for x in v):
            arr = self._payoffs
            for i in range(self.n_players):
                arr = np.tensordot(np.asarray(mixed[i], dtype=float), arr, axes=(0, 0))
            return tuple(float(x) for x in arr)
        totals = [sympy.Integer(0)] * self.n_players
        for prof in itertools.product(*(range(k) for k in self.shape)):
            w = sympy.Integer(1)
            for i, s in enumerate(prof):
                w = w * mixed[i][s]
                if w == 0:
                    break
            if w == 0:
                continue
            for j in range(self.n_players):
                totals[j] = totals[j] + w * self._payoffs[prof + (j,)]
        return tuple(sympy.simplify(t) if isinstance(t, sympy.Basic) and t.free_symbols else
                     (float(t) if isinstance(t, sympy.Float) else t) for t in totals)

    # --- derived games -----------------------------------------------------------
    def subs(self, point: Mapping[Any, Any]) -> "NormalFormGame":
        """The numeric game at a parameter point (exact values stay exact).

        Examples
        --------
        >>> a = sympy.Symbol("a", positive=True)
        >>> g = NormalFormGame.from_bimatrix([[a, 0], [0, 1]], [[1, 0], [0, a]])
        >>> g.subs({"a": 2}).payoff((0, 0)), g.subs({"a": 0.5}).payoff((0, 0))
        ((2, 1), (0.5, 1.0))
        """
        sub = self._space.point(point, func="NormalFormGame.subs")
        if self._kind != "symbolic":
            return self
        vals = [to_value(v.xreplace(sub) if isinstance(v, sympy.Basic) else v, func="subs", arg="payoff")
                for v in self._payoffs.reshape(-1)]
        return NormalFormGame(np.array(vals, dtype=object).reshape(self._payoffs.shape), players=self._players,
                              strategies=self._strategies, name=self._name)

    def delete_strategy(self, player: int | str, strategy: int | str) -> "NormalFormGame":
        """The game without one strategy of one player.

        Parameters
        ----------
        player : int or str
            The player's index or name.
        strategy : int or str
            The strategy's index or label.

        Returns
        -------
        NormalFormGame
            A new game; this one is unchanged.

        Raises
        ------
        InvalidPayoffs
            For an unknown player or strategy, or the player's last strategy.

        Examples
        --------
        >>> g = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("row", "col"),
        ...                                  strategies=(("C", "D"), ("c", "d")))
        >>> h = g.delete_strategy("col", "d")
        >>> h.strategies, h.payoff((1, 0))
        ((('C', 'D'), ('c',)), (5, 0))
        >>> g.delete_strategy(0, 1).strategies == g.delete_strategy("row", "D").strategies
        True
        """
        func = "delete_strategy"
        if isinstance(player, str):
            if player not in self._players:
                raise InvalidPayoffs(fmt_error(func, "player", f"a player name among {list(self._players)} "
                                               "or an index", player))
            player = self._players.index(player)
        elif isinstance(player, bool) or not isinstance(player, (int, np.integer)) \
                or not 0 <= int(player) < self.n_players:
            raise InvalidPayoffs(fmt_error(func, "player", f"a player index in 0..{self.n_players - 1} "
                                           f"or a name among {list(self._players)}", player))
        player = int(player)
        if isinstance(strategy, str):
            if strategy not in self._strategies[player]:
                raise InvalidPayoffs(fmt_error(func, "strategy", f"a strategy of {self._players[player]!r} among "
                                               f"{list(self._strategies[player])}", strategy))
            strategy = self._strategies[player].index(strategy)
        elif isinstance(strategy, bool) or not isinstance(strategy, (int, np.integer)) \
                or not 0 <= int(strategy) < self.shape[player]:
            raise InvalidPayoffs(fmt_error(func, "strategy", f"a strategy index in 0..{self.shape[player] - 1} "
                                           "or a label", strategy))
        strategy = int(strategy)
        if self.shape[player] == 1:
            raise InvalidPayoffs(fmt_error("delete_strategy", "strategy", "not the player's last strategy", strategy))
        arr = np.delete(np.array(self._payoffs), strategy, axis=player)
        strats = list(self._strategies)
        strats[player] = tuple(s for j, s in enumerate(strats[player]) if j != strategy)
        return NormalFormGame(arr, players=self._players, strategies=strats, space=self._space, name=self._name)

    def restrict(self, keep: Sequence[Sequence[int]]) -> "NormalFormGame":
        """The subgame keeping strategy indices ``keep[i]`` for each player ``i``."""
        arr = np.array(self._payoffs)[np.ix_(*[list(k) for k in keep])] if self.n_players > 1 else \
            np.array(self._payoffs)[list(keep[0])]
        strats = [tuple(self._strategies[i][j] for j in k) for i, k in enumerate(keep)]
        return NormalFormGame(arr, players=self._players, strategies=strats, space=self._space, name=self._name)

    # --- value semantics -----------------------------------------------------------
    def _hashable_content(self) -> tuple:
        flat = tuple(v if isinstance(v, (float, sympy.Basic)) else to_value(v) for v in self._payoffs.reshape(-1))
        return (self._payoffs.shape, flat, self._players, self._strategies, self._space, self._name)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NormalFormGame) and self._hashable_content() == other._hashable_content()

    def __hash__(self) -> int:
        if self._hash is None:
            object.__setattr__(self, "_hash", hash(self._hashable_content()))
        return self._hash

    def __repr__(self) -> str:
        shape = "x".join(str(k) for k in self.shape)
        kind = self._kind
        title = f" {self._name!r}" if self._name else ""
        return f"<NormalFormGame{title} {shape} {kind}, players={list(self._players)}>"

    def to_dict(self) -> dict:
        """A JSON-ready dictionary; :meth:`from_dict` rebuilds the game exactly.

        Examples
        --------
        >>> g = NormalFormGame.from_bimatrix([[1, 0.5], [0, 2]], [[sympy.Rational(1, 3), 0], [0, 1]])
        >>> NormalFormGame.from_dict(g.to_dict()) == g
        True
        """
        def enc(v):
            if isinstance(v, (float, np.floating)):
                return {"float": repr(float(v))}
            return {"sympy": sympy.srepr(v)}
        return {"type": "NormalFormGame", "shape": list(self._payoffs.shape),
                "payoffs": [enc(v) for v in self._payoffs.reshape(-1)],
                "players": list(self._players), "strategies": [list(s) for s in self._strategies],
                "space": self._space.to_dict(), "name": self._name}

    @classmethod
    def from_dict(cls, d: Mapping) -> "NormalFormGame":
        """Rebuild a game from :meth:`to_dict` output."""
        from games.parameters import eval_srepr

        space = ParameterSpace.from_dict(d["space"])
        vals = []
        for v in d["payoffs"]:
            if "float" in v:
                vals.append(float(v["float"]))
            else:
                e = eval_srepr(v["sympy"])
                vals.append(e.xreplace({s: space.symbol(s.name) for s in e.free_symbols}))
        arr = np.empty(len(vals), dtype=object)
        arr[:] = vals
        return cls(arr.reshape(tuple(d["shape"])), players=d["players"], strategies=d["strategies"],
                   space=space, name=d.get("name", ""))

    # --- printing -------------------------------------------------------------------
    def _latex_value(self, v) -> str:
        if isinstance(v, (float, np.floating)):
            return f"{v:g}"
        return self._space.latex(v) if self._space.names else sympy.latex(v)

    def to_latex(self) -> str:
        """The payoff table as LaTeX (a tabular; one table per strategy of players 3+).

        Examples
        --------
        >>> print(NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]],
        ...       strategies=(("A", "B"), ("L", "R"))).to_latex())
        \\begin{tabular}{r|cc}
         & L & R \\\\ \\hline
        A & $1, 1$ & $0, 0$ \\\\
        B & $0, 0$ & $1, 1$ \\\\
        \\end{tabular}
        """
        if self.n_players == 1:
            cells = " & ".join(f"${self._latex_value(self._payoffs[j, 0])}$" for j in range(self.shape[0]))
            head = " & ".join(self._strategies[0])
            return ("\\begin{tabular}{" + "c" * self.shape[0] + "}\n" + head + " \\\\ \\hline\n" + cells +
                    " \\\\\n\\end{tabular}")
        blocks = []
        rest = list(itertools.product(*(range(k) for k in self.shape[2:])))
        for tail in rest:
            lines = ["\\begin{tabular}{r|" + "c" * self.shape[1] + "}",
                     " & " + " & ".join(self._strategies[1]) + " \\\\ \\hline"]
            for r in range(self.shape[0]):
                cells = []
                for c in range(self.shape[1]):
                    vals = self._payoffs[(r, c) + tail]
                    cells.append("$" + ", ".join(self._latex_value(v) for v in vals) + "$")
                lines.append(self._strategies[0][r] + " & " + " & ".join(cells) + " \\\\")
            lines.append("\\end{tabular}")
            if tail:
                label = ", ".join(f"{self._players[2 + i]}: {self._strategies[2 + i][t]}" for i, t in enumerate(tail))
                lines.insert(0, f"% {label}")
            blocks.append("\n".join(lines))
        return "\n".join(blocks)

    def _repr_latex_(self) -> str:
        # notebooks render math mode only: the same table as an array
        body = self.to_latex().replace("$", "").replace("{tabular}", "{array}")
        return "$" + "\n".join(line for line in body.splitlines() if not line.startswith("%")) + "$"
