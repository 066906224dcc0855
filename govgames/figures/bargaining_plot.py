"""Bargaining figures: shares against the deadline T (with the indefinite limit) and against δ.

:func:`bargaining_plot` draws solver results only: the
:class:`~solvers.share_curves.ShareCurves` of
:func:`solvers.share_curves.deadline_shares` (or the
:class:`~solvers.bargaining.BargainingOutcome` s of one game at several
deadlines) and, optionally, of :func:`solvers.share_curves.discount_shares`.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from govgames.figures.style import LINESTYLES, MARKERS, new_figure, legend_below, param_label, style
from games.errors import ParameterError, fmt_error
from solvers.share_curves import deadline_shares  # re-exported: the numbers behind the deadline panel

__all__ = ["bargaining_plot", "deadline_shares"]


def _deadline_data(deadline: Any, func: str) -> dict:
    """``T``, ``shares`` (T x 2), ``limit`` and ``players`` from a ShareCurves or a sequence of outcomes."""
    if hasattr(deadline, "labels") and hasattr(deadline, "shares") and hasattr(deadline, "values"):
        if deadline.parameter != "T" or len(deadline.labels) != 1:
            raise ParameterError(fmt_error(func, "deadline", "the ShareCurves of deadline_shares() "
                                           "(parameter 'T', one curve)", deadline))
        return {"T": np.asarray(deadline.values, dtype=int), "shares": np.asarray(deadline.shares[0]),
                "limit": tuple(deadline.limit), "players": tuple(deadline.players)}
    try:
        outcomes = list(deadline)
    except TypeError:
        outcomes = None
    if not outcomes or not all(hasattr(o, "game") and hasattr(o, "shares") for o in outcomes):
        raise ParameterError(fmt_error(func, "deadline", "a ShareCurves (solvers.share_curves.deadline_shares) or "
                                       "a sequence of BargainingOutcome", deadline))
    rows, limit = [], None
    for o in outcomes:
        try:
            sh = tuple(float(v) for v in o.shares)
        except TypeError:
            raise ParameterError(fmt_error(func, "deadline", "numeric outcomes (solve the game at a point)",
                                           o)) from None
        T = o.game.horizon
        if T is None:
            limit = sh
        else:
            rows.append((int(T), sh))
            if limit is None and getattr(o, "limit", None) is not None:
                limit = tuple(float(v) for v in o.limit.shares)
    if not rows:
        raise ParameterError(fmt_error(func, "deadline", "outcomes with a deadline (game.horizon an int)", deadline))
    rows.sort()
    return {"T": np.array([T for T, _ in rows]), "shares": np.array([sh for _, sh in rows]),
            "limit": limit, "players": tuple(outcomes[0].players)}


def bargaining_plot(deadline: Any, discount: Any = None, *, player: int | str = 0, title: str | None = None,
                    width: str | float = "two"):
    """Shares against the deadline T with the indefinite-horizon limit, and against a discount factor.

    Parameters
    ----------
    deadline : ShareCurves or sequence of BargainingOutcome
        The left panel: :func:`solvers.share_curves.deadline_shares`, or
        numeric outcomes of one game at several deadlines (an outcome with
        an indefinite horizon, or the outcomes' ``limit``, gives the
        indefinite line).
    discount : ShareCurves, optional
        The right panel: :func:`solvers.share_curves.discount_shares`;
        without it the right panel is omitted.
    player : int or str
        Whose share is drawn in the right panel (both are drawn in the left).
    title : str, optional
    width : "one", "two" or inches

    Returns
    -------
    matplotlib.figure.Figure
        With attribute ``data``: the arrays drawn.

    Raises
    ------
    ParameterError
        For inputs that are not these results, or an unknown ``player``.

    Examples
    --------
    >>> from games.catalog import load
    >>> from solvers.share_curves import deadline_shares, discount_shares
    >>> g = load("limited_vs_indefinite_negotiation", horizon=None, disagreement=False)
    >>> point = {"delta_G": 0.9, "delta_S": 0.8}
    >>> fig = bargaining_plot(deadline_shares(g, point, T_max=10), discount_shares(g, point, n=20))
    >>> len(fig.axes), round(fig.data["limit"][0], 4)
    (2, 0.7143)

    Outcomes solved elsewhere draw the same left panel:

    >>> from solvers import bargain
    >>> num = g.subs(point)
    >>> fig = bargaining_plot([bargain(num.replace(horizon=T)) for T in range(1, 11)])
    >>> fig.data["T"].tolist()[-1], round(fig.data["limit"][0], 4)
    (10, 0.7143)
    """
    func = "bargaining_plot"
    d = _deadline_data(deadline, func)
    players = d["players"]
    if isinstance(player, str):
        if player not in players:
            raise ParameterError(fmt_error(func, "player", f"one of {players}", player))
        player = players.index(player)
    if discount is not None and not (hasattr(discount, "labels") and hasattr(discount, "parameter")
                                     and discount.parameter != "T"):
        raise ParameterError(fmt_error(func, "discount", "a ShareCurves (solvers.share_curves.discount_shares)",
                                       discount))
    with style():
        ncols = 2 if discount is not None else 1
        fig, axes = new_figure(width, 2.6, ncols=ncols)
        ax = axes[0] if ncols == 2 else axes
        for i, p in enumerate(players):
            ax.plot(d["T"], d["shares"][:, i], color="black", linestyle="none", marker=MARKERS[i],
                    markerfacecolor="white" if i else "black", markersize=3.5, label=f"{p}, deadline $T$")
            if d["limit"] is not None:
                ax.axhline(d["limit"][i], color="black", linestyle=LINESTYLES[i + 1], lw=0.8,
                           label=f"{p}, indefinite")
        ax.set_xlabel("deadline $T$ (rounds)")
        ax.set_ylabel("share of the surplus")
        ax.set_ylim(-0.02, 1.02)
        legend_below(ax, ncol=2, fontsize=6)
        data = {"T": d["T"], "shares": d["shares"], "limit": d["limit"]}
        if discount is not None:
            ax2 = axes[1]
            xs = np.asarray(discount.values, dtype=float)
            curves = {}
            for k, lab in enumerate(discount.labels):
                ys = np.asarray(discount.shares[k][:, player], dtype=float)
                text = lab if lab == "indefinite" else "$" + lab + "$"
                curves[text] = ys
                ax2.plot(xs, ys, color="black", linestyle=LINESTYLES[k % len(LINESTYLES)], label=text)
            ax2.set_xlabel(param_label(getattr(discount, "space", None), discount.parameter))
            ax2.set_ylabel(f"share of {players[player]}")
            ax2.set_ylim(-0.02, 1.02)
            legend_below(ax2, ncol=2, fontsize=6)
            data["vary"] = (discount.parameter, xs, curves)
        if title:
            fig.suptitle(title)
    fig.data = data
    return fig
