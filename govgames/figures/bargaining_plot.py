"""Bargaining figures: shares against the deadline T (with the indefinite limit) and against δ.

The subgame-perfect shares come from :func:`solvers.bargaining.bargain` on
the numeric game at a parameter point, for each deadline ``T = 1 .. T_max``
and for the indefinite horizon (Rubinstein's limit), and along a grid of one
discount factor.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

import numpy as np

from govgames.figures.style import LINESTYLES, MARKERS, new_figure, legend_below, param_label, parameter_window, style
from games.errors import ParameterError, UnsupportedGame, fmt_error

__all__ = ["bargaining_plot", "deadline_shares"]


def _numeric(game: Any, point: Mapping[str, Any] | None, func: str) -> Any:
    if not (hasattr(game, "replace") and hasattr(game, "discount") and hasattr(game, "horizon")):
        raise UnsupportedGame(fmt_error(func, "game", "an AlternatingOffers game", game))
    free = {s.name for s in game.free_symbols}
    point = dict(point or {})
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


def deadline_shares(game: Any, point: Mapping[str, Any] | None = None, T_max: int = 20) -> dict[str, Any]:
    """First-proposer-indexed shares for deadlines ``1 .. T_max`` and the indefinite limit.

    Parameters
    ----------
    game : AlternatingOffers
        Any horizon (it is replaced); symbolic parameters are set from ``point``.
    point : mapping, optional
    T_max : int

    Returns
    -------
    dict
        ``"T"`` (int array), ``"shares"`` (array ``(T_max, 2)``), ``"limit"``
        (pair: indefinite horizon, zero disagreement payoffs), ``"players"``.

    Examples
    --------
    >>> from games.bargaining import AlternatingOffers
    >>> d = deadline_shares(AlternatingOffers((0.5, 0.5)), T_max=3)
    >>> d["shares"][:, 0].round(3).tolist(), np.round(d["limit"], 3).tolist()
    ([1.0, 0.5, 0.75], [0.667, 0.333])
    """
    from solvers import bargain  # figures read solver results

    func = "deadline_shares"
    if not isinstance(T_max, int) or T_max < 1:
        raise ParameterError(fmt_error(func, "T_max", "a positive int", T_max))
    g = _numeric(game, point, func)
    Ts = np.arange(1, T_max + 1)
    sh = np.array([[float(v) for v in bargain(g.replace(horizon=int(T))).shares] for T in Ts])
    lim = bargain(g.replace(horizon=None, disagreement=(0, 0))).shares
    return {"T": Ts, "shares": sh, "limit": tuple(float(v) for v in lim), "players": tuple(g.players)}


def bargaining_plot(game: Any, point: Mapping[str, Any] | None = None, *, T_max: int = 20, vary: str | None = None,
                    deadlines: Sequence[int] = (2, 3), player: int | str = 0, n: int = 60,
                    title: str | None = None, width: str | float = "two"):
    """Shares against the deadline T with the indefinite-horizon limit, and against a discount factor.

    Parameters
    ----------
    game : AlternatingOffers
        Symbolic parameters are set from ``point``.
    point : mapping, optional
        Parameter values.
    T_max : int
        Deadlines 1..T_max in the left panel.
    vary : str, optional
        The discount parameter of the right panel (default: the first
        symbolic discount factor); without one the right panel is omitted.
    deadlines : sequence of int
        Deadlines drawn in the right panel besides the indefinite horizon.
    player : int or str
        Whose share is drawn in the right panel (both are drawn in the left).
    n : int
        Grid points of the right panel.

    Returns
    -------
    matplotlib.figure.Figure
        With attribute ``data``: the arrays drawn.

    Examples
    --------
    >>> from games.catalog import load
    >>> g = load("limited_vs_indefinite_negotiation", horizon=None, disagreement=False)
    >>> fig = bargaining_plot(g, {"delta_G": 0.9, "delta_S": 0.8}, T_max=10, n=20)
    >>> len(fig.axes), round(fig.data["limit"][0], 4)
    (2, 0.7143)
    """
    from solvers import bargain

    func = "bargaining_plot"
    point = dict(point or {})
    d = deadline_shares(game, point, T_max)
    players = d["players"]
    if isinstance(player, str):
        if player not in players:
            raise ParameterError(fmt_error(func, "player", f"one of {players}", player))
        player = players.index(player)
    if vary is None:
        syms = [s for s in getattr(game.discount[0], "free_symbols", set())] + \
            [s for s in getattr(game.discount[1], "free_symbols", set())]
        vary = syms[0].name if syms else None
    space = game.space
    with style():
        ncols = 2 if vary else 1
        fig, axes = new_figure(width, 2.6, ncols=ncols)
        ax = axes[0] if ncols == 2 else axes
        for i, p in enumerate(players):
            ax.plot(d["T"], d["shares"][:, i], color="black", linestyle="none", marker=MARKERS[i],
                    markerfacecolor="white" if i else "black", markersize=3.5, label=f"{p}, deadline $T$")
            ax.axhline(d["limit"][i], color="black", linestyle=LINESTYLES[i + 1], lw=0.8,
                       label=f"{p}, indefinite")
        ax.set_xlabel("deadline $T$ (rounds)")
        ax.set_ylabel("share of the surplus")
        ax.set_ylim(-0.02, 1.02)
        legend_below(ax, ncol=2, fontsize=6)
        data = {"T": d["T"], "shares": d["shares"], "limit": d["limit"]}
        if vary:
            if vary not in space:
                raise ParameterError(fmt_error(func, "vary", f"a parameter among {list(space.names)}", vary))
            ax2 = axes[1]
            lo, hi = parameter_window(space, vary, point)
            xs = np.linspace(lo + (hi - lo) * 0.02, hi - (hi - lo) * 0.02, n)
            curves = {}
            for k, T in enumerate([None] + list(deadlines)):
                ys = []
                for xv in xs:
                    pt = dict(point)
                    pt[vary] = float(xv)
                    g = _numeric(game, pt, func)
                    g = g.replace(horizon=None, disagreement=(0, 0)) if T is None else g.replace(horizon=int(T))
                    ys.append(float(bargain(g).shares[player]))
                lab = "indefinite" if T is None else f"$T = {T}$"
                curves[lab] = np.array(ys)
                ax2.plot(xs, ys, color="black", linestyle=LINESTYLES[k % len(LINESTYLES)], label=lab)
            ax2.set_xlabel(param_label(space, vary))
            ax2.set_ylabel(f"share of {players[player]}")
            ax2.set_ylim(-0.02, 1.02)
            legend_below(ax2, ncol=2, fontsize=6)
            data["vary"] = (vary, xs, curves)
        if title:
            fig.suptitle(title)
    fig.data = data
    return fig
