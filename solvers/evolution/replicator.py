"""Replicator dynamics of a normal-form game, symbolic.

Each player of a :class:`~games.normal_form.NormalFormGame` becomes a
population (multi-population dynamics on the product of simplices), or,
with ``symmetric=True``, a symmetric two-player game becomes one population
playing against itself. The right-hand side is a sympy expression in
*reduced* coordinates: a population with ``k`` strategies has ``k - 1`` free
shares (the last strategy's share is one minus the others), so a
two-strategy population is one number, the share of its first strategy.
In these coordinates the Jacobian at a vertex is (block) triangular and its
eigenvalues are the players' deviation gains, the numbers evolutionary game
papers print in their stability tables.

References
----------
.. [1] P. D. Taylor and L. B. Jonker, "Evolutionary stable strategies and
   game dynamics", Mathematical Biosciences 40 (1978) 145-156.
.. [2] J. W. Weibull, *Evolutionary Game Theory*, MIT Press, 1995, ch. 3 and 5.
.. [3] D. Friedman, "Evolutionary games in economics", Econometrica 59(3)
   (1991) 637-666 (the Jacobian-at-vertices method of the applied literature).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

import numpy as np
import sympy

from games.errors import InvalidPayoffs, ParameterError, UnsupportedGame, fmt_error
from games.normal_form import NormalFormGame
from games.parameters import ParameterSpace

__all__ = ["Replicator", "replicator"]


@dataclass(frozen=True, eq=False)
class Replicator:
    """Replicator dynamics of a game, as sympy expressions in reduced coordinates.

    Build it with :func:`replicator`; do not construct it directly.

    Attributes
    ----------
    game : NormalFormGame
        The game whose payoffs drive the dynamics.
    symmetric : bool
        True for single-population dynamics of a symmetric two-player game.
    populations : tuple of str
        Population names (the players; one name when ``symmetric``).
    strategies : tuple of tuple of str
        Strategy names per population.
    state : tuple of sympy.Symbol
        The state symbols, population by population; ``k - 1`` per population
        with ``k`` strategies (the share of each strategy but the last).
    shares : tuple of tuple of sympy.Expr
        Each population's full mixed strategy in terms of ``state``.
    fitness : tuple of tuple of sympy.Expr
        Expected payoff of each strategy of each population at the state.
    rhs : tuple of sympy.Expr
        Time derivatives of ``state``: ``dx_s/dt = x_s (u_s - mean payoff)``.
    jacobian : sympy.ImmutableMatrix
        Derivative of ``rhs`` with respect to ``state``.
    space : ParameterSpace
        The game's parameter space.
    """

    game: NormalFormGame
    symmetric: bool
    populations: tuple
    strategies: tuple
    state: tuple
    shares: tuple
    fitness: tuple
    rhs: tuple
    jacobian: sympy.ImmutableMatrix
    space: ParameterSpace
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    # --- structure ------------------------------------------------------------
    @property
    def dimension(self) -> int:
        """Number of state coordinates.

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> g = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> replicator(g).dimension
        2
        """
        return len(self.state)

    @property
    def blocks(self) -> tuple:
        """For each population, the indices of its coordinates in ``state``.

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> g = NormalFormGame.from_bimatrix([[3, 0, 1], [5, 1, 0]], [[3, 5, 2], [0, 1, 1]])
        >>> replicator(g).blocks
        ((0,), (1, 2))
        """
        out, i = [], 0
        for strat in self.strategies:
            k = len(strat) - 1
            out.append(tuple(range(i, i + k)))
            i += k
        return tuple(out)

    @property
    def parameters(self) -> tuple:
        """The parameter symbols of the game's space, in order.

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> replicator(NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])).parameters
        ()
        """
        return tuple(self.space.symbols)

    @property
    def free_symbols(self) -> set:
        """Parameters appearing in the right-hand side."""
        out = set()
        for e in self.rhs:
            out |= e.free_symbols
        return out - set(self.state)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Replicator):
            return NotImplemented
        return (self.game, self.symmetric, self.state) == (other.game, other.symmetric, other.state)

    def __hash__(self) -> int:
        return hash((Replicator, self.game, self.symmetric, self.state))

    def __getstate__(self) -> dict:
        # the cache holds compiled functions: not pickled, rebuilt on demand
        state = dict(self.__dict__)
        state["_cache"] = {}
        return state

    def __setstate__(self, state: dict) -> None:
        for k, v in state.items():
            object.__setattr__(self, k, v)

    def __repr__(self) -> str:
        kind = "single-population" if self.symmetric else f"{len(self.populations)}-population"
        return f"Replicator({kind}, state={self.state}, name={getattr(self.game, 'name', '')!r})"

    # --- conversions ------------------------------------------------------------
    def to_profile(self, x: Sequence[Any]) -> tuple:
        """Full mixed strategies (one per population) from reduced coordinates.

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> g = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> replicator(g).to_profile([sympy.Rational(1, 4), 1])
        ((1/4, 3/4), (1, 0))
        """
        x = tuple(x)
        if len(x) != self.dimension:
            raise ValueError(fmt_error("Replicator.to_profile", "x", f"a sequence of {self.dimension} coordinates",
                                       x))
        out = []
        for blk in self.blocks:
            free = [sympy.sympify(x[i]) for i in blk]
            out.append(tuple(free) + (sympy.Integer(1) - sum(free, sympy.Integer(0)),))
        return tuple(out)

    def from_profile(self, profile: Sequence[Sequence[Any]]) -> tuple:
        """Reduced coordinates of a profile of full mixed strategies.

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> g = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> replicator(g).from_profile([(1, 0), (0, 1)])
        (1, 0)
        """
        if len(profile) != len(self.strategies):
            raise ValueError(fmt_error("Replicator.from_profile", "profile",
                                       f"{len(self.strategies)} mixed strategies", profile))
        out = []
        for p, strat in zip(profile, self.strategies):
            if len(p) != len(strat):
                raise ValueError(fmt_error("Replicator.from_profile", "profile",
                                           f"a mixed strategy over {len(strat)} strategies", p))
            out.extend(p[:-1])
        return tuple(out)

    def vertices(self) -> tuple:
        """All pure profiles as reduced coordinates, in the game's profile order.

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> g = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> replicator(g).vertices()
        ((1, 1), (1, 0), (0, 1), (0, 0))
        """
        out = []
        for pure in itertools.product(*(range(len(s)) for s in self.strategies)):
            prof = []
            for i, strat in zip(pure, self.strategies):
                prof.append(tuple(sympy.Integer(1 if j == i else 0) for j in range(len(strat))))
            out.append(self.from_profile(prof))
        return tuple(out)

    # --- caches -----------------------------------------------------------------
    def cached(self, key: Any, build: Callable[[], Any]) -> Any:
        """The value cached under ``key`` for these dynamics, built by ``build()`` on first use.

        Derived objects that are costly to make and depend only on the
        dynamics (compiled right-hand sides, the sampled points of the
        parameter space) are kept here; the cache does not take part in
        equality and is not pickled.

        Parameters
        ----------
        key : hashable
            The name of the cached value.
        build : callable
            Called with no arguments when ``key`` is not cached yet.

        Returns
        -------
        object
            The cached value.

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> dyn = replicator(NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
        >>> dyn.cached("answer", lambda: 42), dyn.cached("answer", lambda: 0)
        (42, 42)
        """
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    # --- numerics ---------------------------------------------------------------
    def point_values(self, point: Mapping[Any, Any] | None, func: str = "Replicator.point_values") -> dict:
        """Validated parameter values ``{Symbol: number}`` of a parameter point.

        Parameters
        ----------
        point : mapping or None
            Parameter names (or symbols) to finite numbers. ``None`` (or an
            empty mapping) is accepted only when the right-hand side has no
            free parameters.
        func : str, optional
            The name of the calling function, used in error messages.

        Returns
        -------
        dict
            ``{Symbol: value}`` for the parameters of the point (exact
            values stay exact); empty when there is nothing to substitute.

        Raises
        ------
        ParameterError
            If a needed point is missing, ``point`` is not a mapping, names
            an unknown parameter, or holds a value that is not a finite number.

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> a = sympy.Symbol("a", positive=True)
        >>> dyn = replicator(NormalFormGame.from_bimatrix([[a, 0], [0, 1]], [[a, 0], [0, 1]]))
        >>> dyn.point_values({"a": "1/2"})
        {a: 1/2}
        >>> dyn.point_values(None)
        Traceback (most recent call last):
        ...
        games.errors.ParameterError: Replicator.point_values(): point must be a mapping of the parameters ['a'] to numbers; got None
        """
        needed = sorted(self.free_symbols, key=lambda s: s.name)
        if not needed and not point:
            return {}
        if point is None:
            raise ParameterError(fmt_error(func, "point", "a mapping of the parameters "
                                           f"{[s.name for s in needed]} to numbers", point))
        if not isinstance(point, Mapping):
            raise ParameterError(fmt_error(func, "point", "a mapping of parameter names to numbers", point))
        vals = self.space.point(point)
        for k, v in vals.items():
            try:
                fv = float(v)
            except (TypeError, ValueError) as err:
                raise ParameterError(fmt_error(func, "point", "finite numbers", {str(k): v})) from err
            if not np.isfinite(fv):
                raise ParameterError(fmt_error(func, "point", "finite numbers", {str(k): v}))
        return vals

    def subs(self, point: Mapping[Any, Any]) -> "Replicator":
        """The dynamics of the numeric game at a parameter point.

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> a = sympy.Symbol("a", positive=True)
        >>> g = NormalFormGame.from_bimatrix([[a, 0], [0, 1]], [[a, 0], [0, 1]])
        >>> replicator(g).subs({"a": 2}).rhs[0]
        x_1*(1 - x_1)*(3*x_2 - 1)
        """
        return replicator(self.game.subs(point), symmetric=self.symmetric,
                          state_names=tuple(s.name for s in self.state))

    def lambdify(self, point: Mapping[Any, Any] | None = None, *, jacobian: bool = False) -> Callable:
        """A vectorised numpy function of the state (parameters fixed at ``point``).

        The returned ``f(X)`` takes an array whose last axis has length
        :attr:`dimension` (any leading batch shape) and returns the time
        derivatives (or, with ``jacobian=True``, Jacobians of shape
        ``(..., n, n)``) as float64.

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> g = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> f = replicator(g).lambdify()
        >>> f(np.array([[0.5, 0.5], [1.0, 0.0]])).tolist()
        [[-0.375, -0.375], [0.0, 0.0]]
        """
        vals = self.point_values(point, "Replicator.lambdify")
        key = ("jac" if jacobian else "rhs", tuple(sorted((str(k), float(v)) for k, v in vals.items())))
        if key in self._cache:
            return self._cache[key]
        n = self.dimension
        kind = "jac" if jacobian else "rhs"
        if (kind, "compiled") not in self._cache:
            # compiled once with the parameters as arguments, then bound per point
            exprs = [sympy.sympify(e) for e in (self.jacobian if jacobian else self.rhs)]
            params = sorted(set().union(*(e.free_symbols for e in exprs)) - set(self.state), key=str)
            self._cache[(kind, "compiled")] = (
                params, sympy.lambdify([self.state, params], exprs, modules="numpy", cse=True))
        params, compiled = self._cache[(kind, "compiled")]
        leftover = [s for s in params if s not in vals]
        if leftover:
            raise ParameterError(fmt_error("Replicator.lambdify", "point", "values for every parameter",
                                           sorted(s.name for s in leftover)))
        args = [float(vals[s]) for s in params]

        def raw(cols):
            return compiled(cols, args)

        def f(X: np.ndarray) -> np.ndarray:
            X = np.asarray(X, dtype=np.float64)
            if X.shape[-1:] != (n,):
                raise ValueError(fmt_error("replicator right-hand side", "X",
                                           f"an array whose last axis has length {n}", X.shape))
            cols = np.moveaxis(X, -1, 0)
            out = raw(cols)
            res = np.empty(X.shape[:-1] + (len(out),), dtype=np.float64)
            for i, o in enumerate(out):
                res[..., i] = o
            return res.reshape(X.shape[:-1] + ((n, n) if jacobian else (n,)))

        self._cache[key] = f
        return f


def _default_names(strategies: Sequence[Sequence[str]], symmetric: bool, taken: set) -> list:
    names = []
    if symmetric:
        k = len(strategies[0])
        names = ["x"] if k == 2 else [f"x_{s + 1}" for s in range(k - 1)]
    else:
        for i, strat in enumerate(strategies, start=1):
            if len(strat) == 2:
                names.append(f"x_{i}")
            else:
                names.extend(f"x_{i}{s + 1}" for s in range(len(strat) - 1))
    # never collide with a parameter name
    return [n if n not in taken else "_" + n for n in names]


def replicator(game: NormalFormGame, *, symmetric: bool = False,
               state_names: Sequence[str] | None = None) -> Replicator:
    """Replicator dynamics of ``game`` (one population per player, or one population if ``symmetric``).

    Parameters
    ----------
    game : NormalFormGame
        Any number of players and strategies; symbolic or numeric payoffs.
    symmetric : bool, optional
        Single-population dynamics of a symmetric two-player game
        (``B == A.T``): the population plays the row player's payoffs against
        itself.
    state_names : sequence of str, optional
        Names of the state symbols (``("x", "y", "z")`` as in many papers);
        by default ``x_1, x_2, ...`` (``x_{i s}`` for populations with more
        than two strategies).

    Returns
    -------
    Replicator

    Raises
    ------
    UnsupportedGame
        If ``game`` is not a NormalFormGame, has a player with no strategies,
        or is not symmetric when ``symmetric=True``.

    Examples
    --------
    Two-population dynamics of the prisoner's dilemma (strategy 1 =
    cooperate): cooperation dies out in both populations.

    >>> from games.normal_form import NormalFormGame
    >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> dyn = replicator(pd)
    >>> dyn.rhs
    (-x_1*(1 - x_1)*(x_2 + 1), -x_2*(1 - x_2)*(x_1 + 1))

    Hawk-dove as one population; ``x`` is the share of hawks.

    >>> V, C = sympy.symbols("V C", positive=True)
    >>> hd = NormalFormGame.from_bimatrix([[(V - C) / 2, V], [0, V / 2]], [[(V - C) / 2, 0], [V, V / 2]])
    >>> sympy.factor(replicator(hd, symmetric=True).rhs[0])
    x*(x - 1)*(C*x - V)/2
    """
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGame(fmt_error("replicator", "game", "a NormalFormGame", game))
    shape = tuple(game.shape)
    if any(k < 1 for k in shape) or len(shape) == 0:
        raise UnsupportedGame(fmt_error("replicator", "game", "a game where every player has a strategy", shape))
    pay = np.asarray(game.payoffs, dtype=object)
    for v in pay.reshape(-1):
        if isinstance(v, float) and not np.isfinite(v):
            raise InvalidPayoffs(fmt_error("replicator", "game", "finite payoffs", v))
    strategies = tuple(tuple(s) for s in game.strategies)
    players = tuple(game.players)
    taken = set(game.space.names) if game.space is not None else set()

    if symmetric:
        if game.n_players != 2 or shape[0] != shape[1]:
            raise UnsupportedGame(fmt_error("replicator", "game", "a symmetric two-player game (square, B = A.T)",
                                            shape))
        A = pay[..., 0]
        B = pay[..., 1]
        for i in range(shape[0]):
            for j in range(shape[0]):
                if sympy.simplify(sympy.sympify(A[i, j]) - sympy.sympify(B[j, i])) != 0:
                    raise UnsupportedGame(fmt_error("replicator", "game", "symmetric (B = A.T) for symmetric=True",
                                                    f"A[{i},{j}]={A[i, j]} but B[{j},{i}]={B[j, i]}"))
        pops = (players[0] if players else "population",)
        strats = (strategies[0],)
    else:
        pops = players
        strats = strategies

    names = list(state_names) if state_names is not None else _default_names(strats, symmetric, taken)
    n_state = sum(len(s) - 1 for s in strats)
    if len(names) != n_state:
        raise ValueError(fmt_error("replicator", "state_names", f"{n_state} names", tuple(names)))
    clash = [n for n in names if n in taken]
    if clash:
        raise ValueError(fmt_error("replicator", "state_names", "names distinct from the parameters", clash))
    state = tuple(sympy.Symbol(n, real=True) for n in names)

    shares, it = [], iter(state)
    for strat in strats:
        free = [next(it) for _ in range(len(strat) - 1)]
        shares.append(tuple(free) + (sympy.Integer(1) - sympy.Add(*free),))
    shares = tuple(shares)

    fitness = []
    if symmetric:
        A = pay[..., 0]
        p = shares[0]
        fitness.append(tuple(sympy.expand(sum((sympy.sympify(A[s, t]) * p[t] for t in range(len(p))),
                                              sympy.Integer(0))) for s in range(len(p))))
    else:
        for i in range(len(shape)):
            row = []
            others = [j for j in range(len(shape)) if j != i]
            for s in range(shape[i]):
                tot = sympy.Integer(0)
                for rest in itertools.product(*(range(shape[j]) for j in others)):
                    prof = list(rest)
                    prof.insert(i, s)
                    w = sympy.Integer(1)
                    for j, sj in zip(others, rest):
                        w = w * shares[j][sj]
                    tot += sympy.sympify(pay[tuple(prof) + (i,)]) * w
                row.append(sympy.expand(tot))
            fitness.append(tuple(row))
    fitness = tuple(fitness)

    rhs = []
    for p, u in zip(shares, fitness):
        k = len(p)
        if k == 2:
            # x (1 - x) (u_1 - u_2): the textbook form for two strategies
            rhs.append(p[0] * (1 - p[0]) * sympy.factor_terms(sympy.expand(u[0] - u[1])))
            continue
        mean = sympy.Add(*(p[s] * u[s] for s in range(k)))
        for s in range(k - 1):
            rhs.append(p[s] * sympy.expand(u[s] - mean))
    rhs = tuple(rhs)
    jac = sympy.ImmutableMatrix([[sympy.diff(f, x) for x in state] for f in rhs])
    return Replicator(game=game, symmetric=bool(symmetric), populations=tuple(pops), strategies=strats,
                      state=state, shares=shares, fitness=fitness, rhs=rhs, jacobian=jac, space=game.space)
