"""Bargaining shares along a parameter: the deadline ``T`` or a discount factor.

:func:`deadline_shares` solves an alternating-offers game at a parameter
point for every deadline ``T = 1, ..., T_max`` and for the indefinite
horizon (Rubinstein's limit); :func:`discount_shares` solves it along a grid
of one discount factor, for the indefinite horizon and a few deadlines. Both
return a :class:`ShareCurves` that
:func:`govgames.figures.bargaining_plot.bargaining_plot` draws.

References
----------
.. [1] A. Rubinstein, "Perfect equilibrium in a bargaining model",
   Econometrica 50 (1982) 97-109.
.. [2] I. Ståhl, *Bargaining Theory*, Stockholm School of Economics, 1972
   (finite-horizon alternating offers).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import numpy as np

from games.errors import ParameterError, UnsupportedGame, fmt_error
from games.parameters import ParameterSpace
from solvers.results import Result, clip, latex_value

__all__ = ["ShareCurves", "deadline_shares", "discount_shares"]


@dataclass(frozen=True, eq=False)
class ShareCurves(Result):
    """Subgame-perfect shares of an alternating-offers game along one parameter.

    Attributes
    ----------
    players : tuple of str
    parameter : str
        ``"T"`` (the deadline) or the discount parameter varied.
    values : ndarray, shape (n,)
        The parameter's values.
    labels : tuple of str
        One per curve: ``"deadline T"`` for the deadline sweep;
        ``"indefinite"`` and ``"T = 2"``, ... along a discount factor.
    shares : ndarray, shape (len(labels), n, 2)
        Each player's share on each curve at each value.
    limit : tuple of float
        The indefinite-horizon shares at the point (deadline sweeps; empty
        otherwise).
    point : dict
        The other parameters' values.
    space : ParameterSpace or None
        The game's space (for the parameters' LaTeX names).

    Examples
    --------
    >>> from games.bargaining import AlternatingOffers
    >>> c = deadline_shares(AlternatingOffers((0.5, 0.5)), T_max=3)
    >>> c.curve(0)[:, 0].tolist(), c.limit
    ([1.0, 0.5, 0.75], (0.6666666666666666, 0.3333333333333333))
    >>> ShareCurves.from_dict(c.to_dict()) == c
    True
    """

    players: tuple
    parameter: str
    values: np.ndarray
    labels: tuple
    shares: np.ndarray
    limit: tuple = ()
    point: dict = field(default_factory=dict)
    space: ParameterSpace | None = None

    def __post_init__(self) -> None:
        for name in ("values", "shares"):
            arr = np.array(getattr(self, name), dtype=float)
            arr.setflags(write=False)
            object.__setattr__(self, name, arr)
        object.__setattr__(self, "players", tuple(self.players))
        object.__setattr__(self, "labels", tuple(self.labels))
        object.__setattr__(self, "limit", tuple(float(v) for v in self.limit))
        object.__setattr__(self, "point", dict(self.point or {}))
        if self.shares.shape != (len(self.labels), len(self.values), len(self.players)):
            raise ParameterError(fmt_error("ShareCurves", "shares",
                                           f"an array of shape {(len(self.labels), len(self.values), len(self.players))}",
                                           f"shape {self.shares.shape}"))

    def curve(self, k: int | str) -> np.ndarray:
        """The shares on curve ``k`` (index or label), shape ``(n, 2)``."""
        if isinstance(k, str):
            if k not in self.labels:
                raise ParameterError(fmt_error("ShareCurves.curve", "k", f"one of {list(self.labels)}", k))
            k = self.labels.index(k)
        return self.shares[k]

    def __str__(self) -> str:
        lo, hi = (float(self.values[0]), float(self.values[-1])) if len(self.values) else (0.0, 0.0)
        return clip(f"ShareCurves({', '.join(self.players)} along {self.parameter} in [{lo:g}, {hi:g}]; "
                    f"curves {', '.join(self.labels)})")

    def __repr__(self) -> str:
        return str(self)

    def to_latex(self) -> str:
        """A one-line description (the data are arrays)."""
        return latex_value(str(self))


def _numeric_game(game: Any, point: Mapping[str, Any] | None, func: str) -> Any:
    """The game at ``point`` with the horizon left open (``T`` is set later); a numeric game is returned as is.

    Examples
    --------
    >>> from games.catalog import load
    >>> g = _numeric_game(load("limited_vs_indefinite_negotiation"), {"delta_G": 0.9, "delta_S": 0.8, "d_G": 0.1},
    ...                  "f")
    >>> g.discount, g.horizon
    ((0.9, 0.8), None)
    """
    if not (hasattr(game, "replace") and hasattr(game, "discount") and hasattr(game, "horizon")):
        raise UnsupportedGame(fmt_error(func, "game", "an AlternatingOffers game", game))
    free = {s.name for s in game.free_symbols}
    point = {getattr(k, "name", k): v for k, v in dict(point or {}).items()}
    if free - {"T"}:
        missing = sorted(free - {"T"} - set(point))
        if missing:
            raise ParameterError(fmt_error(func, "point", f"values for {missing}", point))
        space = game.space
        sub = {k: float(v) for k, v in point.items() if k in space and k != "T"}
        if "T" in space:  # the horizon is replaced anyway; any valid deadline will do
            sub["T"] = 1
        return game.replace(horizon=None).subs(sub)
    return game.replace(horizon=None) if "T" in free else game


def _shares(game: Any) -> tuple[float, ...]:
    from solvers.bargaining import bargain

    return tuple(float(v) for v in bargain(game).shares)


def deadline_shares(game: Any, point: Mapping[str, Any] | None = None, T_max: int = 20) -> ShareCurves:
    """Subgame-perfect shares for deadlines ``1`` to ``T_max`` and the indefinite limit.

    Parameters
    ----------
    game : AlternatingOffers
        Any horizon (it is replaced); symbolic parameters are set from ``point``.
    point : mapping, optional
        Values of the game's parameters (the deadline ``T`` excepted).
    T_max : int
        The longest deadline.

    Returns
    -------
    ShareCurves
        ``parameter="T"``, ``values`` ``1 .. T_max``, one curve
        ``"deadline T"``, and ``limit``: the shares with an indefinite
        horizon and zero disagreement payoffs (Rubinstein 1982).

    Raises
    ------
    ParameterError
        For a bad ``T_max`` or a point missing a parameter of the game.
    UnsupportedGame
        When ``game`` is not an alternating-offers game.

    References
    ----------
    .. [1] A. Rubinstein, "Perfect equilibrium in a bargaining model",
       Econometrica 50 (1982) 97-109.

    Examples
    --------
    >>> from games.bargaining import AlternatingOffers
    >>> d = deadline_shares(AlternatingOffers((0.5, 0.5)), T_max=3)
    >>> d.curve("deadline T")[:, 0].round(3).tolist(), np.round(d.limit, 3).tolist()
    ([1.0, 0.5, 0.75], [0.667, 0.333])
    """
    func = "deadline_shares"
    if not isinstance(T_max, (int, np.integer)) or isinstance(T_max, bool) or T_max < 1:
        raise ParameterError(fmt_error(func, "T_max", "a positive int", T_max))
    g = _numeric_game(game, point, func)
    Ts = np.arange(1, int(T_max) + 1)
    sh = np.array([_shares(g.replace(horizon=int(T))) for T in Ts])
    lim = _shares(g.replace(horizon=None, disagreement=(0, 0)))
    pt = {getattr(k, "name", k): v for k, v in dict(point or {}).items()}
    return ShareCurves(tuple(g.players), "T", Ts, ("deadline T",), sh[None, :, :], lim, pt, game.space)


def discount_shares(game: Any, point: Mapping[str, Any] | None = None, *, vary: str | None = None,
                    deadlines: Sequence[int] = (2, 3), n: int = 60) -> ShareCurves:
    """Subgame-perfect shares along one discount factor: indefinite horizon and a few deadlines.

    Parameters
    ----------
    game : AlternatingOffers
        With at least one symbolic discount factor.
    point : mapping, optional
        Values of the other parameters (``vary``'s own value, if given,
        only widens the window).
    vary : str, optional
        The discount parameter varied (default: the first symbolic one).
    deadlines : sequence of int
        Deadlines drawn besides the indefinite horizon.
    n : int
        Grid points, inside the parameter's window
        (:meth:`games.parameters.ParameterSpace.window` at the point).

    Returns
    -------
    ShareCurves
        ``parameter=vary``; curves ``"indefinite"`` (zero disagreement
        payoffs) then ``"T = d"`` for each deadline.

    Raises
    ------
    ParameterError
        For a ``vary`` that is not a parameter, no symbolic discount factor,
        bad ``deadlines`` or ``n``, or a point missing a parameter.
    UnsupportedGame
        When ``game`` is not an alternating-offers game.

    Examples
    --------
    >>> from games.catalog import load
    >>> c = discount_shares(load("limited_vs_indefinite_negotiation"), {"delta_S": 0.8, "d_G": 0.1},
    ...                     vary="delta_G", n=5)
    >>> c.labels, c.values.round(3).tolist()
    (('indefinite', 'T = 2', 'T = 3'), [0.02, 0.26, 0.5, 0.74, 0.98])
    >>> bool(np.all(np.diff(c.curve("indefinite")[:, 0]) > 0))   # G's share rises with its patience
    True
    """
    func = "discount_shares"
    if not (hasattr(game, "replace") and hasattr(game, "discount")):
        raise UnsupportedGame(fmt_error(func, "game", "an AlternatingOffers game", game))
    if vary is None:
        syms = [s for d in game.discount for s in sorted(getattr(d, "free_symbols", set()), key=str)]
        if not syms:
            raise ParameterError(fmt_error(func, "game", "a game with a symbolic discount factor", game))
        vary = syms[0].name
    space = game.space
    if vary not in space:
        raise ParameterError(fmt_error(func, "vary", f"a parameter among {list(space.names)}", vary))
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 2:
        raise ParameterError(fmt_error(func, "n", "an int >= 2", n))
    horizons = list(deadlines)
    if any(not isinstance(T, (int, np.integer)) or isinstance(T, bool) or T < 1 for T in horizons):
        raise ParameterError(fmt_error(func, "deadlines", "positive ints", deadlines))
    point = {getattr(k, "name", k): v for k, v in dict(point or {}).items()}
    window_point = {k: v for k, v in point.items() if k != "T"}
    if "T" in space:
        window_point["T"] = 1
    lo, hi = space.window(vary, window_point)
    xs = np.linspace(lo + (hi - lo) * 0.02, hi - (hi - lo) * 0.02, int(n))
    out = np.empty((1 + len(horizons), len(xs), 2))
    for j, xv in enumerate(xs):
        pt = dict(point)
        pt[vary] = float(xv)
        g = _numeric_game(game, pt, func)
        out[0, j] = _shares(g.replace(horizon=None, disagreement=(0, 0)))
        for k, T in enumerate(horizons, 1):
            out[k, j] = _shares(g.replace(horizon=int(T)))
    labels = ("indefinite",) + tuple(f"T = {int(T)}" for T in horizons)
    return ShareCurves(tuple(game.players), vary, xs, labels, out, (), point, space)
