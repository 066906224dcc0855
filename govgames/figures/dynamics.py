"""Figures of replicator dynamics: phase portraits, 3-D trajectories, time series, basins.

Every function draws a solver's result and computes nothing of its own
(no integration, no classification, no equation solving):

* :func:`phase_portrait` -- a :class:`~solvers.stability.StabilityTable` at a
  parameter point (two populations with two strategies each: the unit
  square; one population with three strategies: the simplex): the vector
  field of the table's dynamics, the rest points marked by their class
  (filled: asymptotically stable; hollow: unstable; half-filled: saddle;
  gray: centre or non-hyperbolic), optionally trajectories from
  :func:`~solvers.simulation.simulate`.
* :func:`trajectories_3d` -- a :class:`~solvers.simulation.Trajectory` of
  three two-strategy populations in the unit cube.
* :func:`time_series` -- a :class:`~solvers.simulation.Trajectory`: shares
  against time, the time axis ending once the trajectories have settled.
* :func:`basin_plot` -- :class:`~solvers.simulation.BasinResult` objects: the
  share of starting states reaching each asymptotically stable rest point,
  at one point (bars) or against a parameter (one result per value).

Axis labels and legends use the populations' and strategies' names; legends
sit outside the data area.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from games.errors import ParameterError, UnsupportedGame, fmt_error
from govgames.figures.style import LINESTYLES, MARKERS, legend_below, new_figure, param_label, style

__all__ = ["phase_portrait", "trajectories_3d", "time_series", "basin_plot", "coordinate_labels",
           "settling_time"]

_MARK = {  # stability class -> marker style
    "stable": dict(marker="o", markerfacecolor="black", markeredgecolor="black"),
    "unstable": dict(marker="o", markerfacecolor="white", markeredgecolor="black"),
    "saddle": dict(marker="o", markerfacecolor="0.55", markeredgecolor="black", fillstyle="left",
                   markerfacecoloralt="white"),
    "centre": dict(marker="D", markerfacecolor="0.6", markeredgecolor="black"),
    "non-hyperbolic": dict(marker="s", markerfacecolor="0.6", markeredgecolor="black"),
}
_CLASS_NAMES = {"stable": "asymptotically stable", "unstable": "unstable (source)", "saddle": "saddle",
                "centre": "centre", "non-hyperbolic": "non-hyperbolic"}
#: A trajectory has settled once it stays within this distance (max norm) of its final state.
SETTLED = 5e-3


def coordinate_labels(dyn: Any) -> list[str]:
    """One label per state coordinate: ``"population: strategy"`` (the share it measures).

    Examples
    --------
    >>> from games.catalog import load
    >>> from solvers import replicator
    >>> coordinate_labels(replicator(load("prisoners_dilemma")))
    ['prisoner 1: cooperate', 'prisoner 2: cooperate']
    """
    out = []
    for pop, strat, block in zip(dyn.populations, dyn.strategies, dyn.blocks):
        out += [f"{pop}: {strat[i]}" for i in range(len(block))]
    return out


def settling_time(t: Any, states: Any, tol: float = SETTLED) -> float:
    """The first time after which every trajectory stays within ``tol`` of its final state.

    Parameters
    ----------
    t : array (n_times,)
    states : array (n_times, n_starts, dimension) or (n_times, dimension)
    tol : float

    Examples
    --------
    >>> t = np.linspace(0, 10, 101)
    >>> settling_time(t, np.exp(-2 * t)[:, None])   # e^{-2t} < 5e-3 from t = 2.65 on
    2.7
    """
    t = np.asarray(t, dtype=float)
    X = np.asarray(states, dtype=float).reshape(len(t), -1)
    dev = np.max(np.abs(X - X[-1]), axis=1)
    # last index where the deviation is still above tol
    above = np.nonzero(dev > tol)[0]
    k = 0 if len(above) == 0 else min(int(above[-1]) + 1, len(t) - 1)
    return float(t[k])


def _trajectory(obj: Any, func: str, arg: str) -> tuple[np.ndarray, np.ndarray, Any]:
    """(t, states (n_t, n_starts, dim), dynamics) of a Trajectory."""
    t, X = getattr(obj, "t", None), getattr(obj, "states", None)
    if t is None or X is None:
        raise ParameterError(fmt_error(func, arg, "a Trajectory (solvers.simulation.simulate)", obj))
    t, X = np.asarray(t, dtype=float), np.asarray(X, dtype=float)
    if X.ndim == 2:
        X = X[:, None, :]
    if len(t) < 10:
        raise ParameterError(fmt_error(func, arg, "a trajectory reported at many times, e.g. "
                                       "simulate(dyn, point, x0, np.linspace(0, 20, 401))",
                                       f"a trajectory at {len(t)} times"))
    return t, X, getattr(obj, "dynamics", None)


def _time_window(t: np.ndarray, X: np.ndarray, t_max: float | None) -> float:
    if t_max is not None:
        return float(t_max)
    ts = settling_time(t, X)
    # show the approach and a little of the rest; at least a tenth of the run
    return float(min(t[-1], max(1.3 * ts, t[0] + 0.1 * (t[-1] - t[0]))))


def _table_dyn(table: Any, func: str) -> Any:
    dyn = getattr(table, "dyn", None)
    if dyn is None or not hasattr(table, "rows"):
        raise ParameterError(fmt_error(func, "table", "a StabilityTable (solvers.stability.stability)", table))
    if dyn.free_symbols:
        raise ParameterError(fmt_error(func, "table", "a table at a parameter point (table.at(point))",
                                       f"a symbolic table in {sorted(s.name for s in dyn.free_symbols)}"))
    return dyn


def _rest_rows(table: Any) -> list[tuple[tuple, str]]:
    """(coordinates as floats, class) of the table's rest points."""
    out = []
    for r in table:
        try:
            coords = tuple(float(complex(c).real) for c in r.point.coordinates)
        except (TypeError, ValueError):
            continue
        out.append((coords, r.classification or "non-hyperbolic"))
    return out


def _simplex_xy(P: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Barycentric (p1, p2, p3) -> the plane: vertices (0, 0), (1, 0), (1/2, sqrt 3 / 2)."""
    return P[..., 1] + 0.5 * P[..., 2], (np.sqrt(3) / 2) * P[..., 2]


def phase_portrait(table: Any, *, trajectories: Any = None, density: int = 17, title: str | None = None,
                   width: str | float = "one", ax: Any = None):
    """Phase portrait of two-dimensional replicator dynamics, rest points marked by stability.

    Parameters
    ----------
    table : StabilityTable
        ``stability(dyn)`` of a numeric game, or ``stability(dyn).at(point)``;
        its dynamics give the vector field, its rows the marked rest points.
        Two populations with two strategies each (unit square) or one
        population with three strategies (simplex).
    trajectories : Trajectory, optional
        Also draw these (``simulate(table.dyn, None, starts, times)``).
    density : int
        Arrows per axis.
    title : str, optional
    width : "one", "two" or inches
    ax : Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
        With attribute ``rest_point_classes``: the class of each marked rest point.

    Raises
    ------
    ParameterError
        For a symbolic table (evaluate it with ``table.at(point)``).
    UnsupportedGame
        For dynamics that are not two-dimensional in one of the two shapes.

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> from solvers import replicator
    >>> from solvers import stability
    >>> sh = NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    >>> fig = phase_portrait(stability(replicator(sh)))
    >>> sorted(fig.rest_point_classes)
    ['saddle', 'stable', 'stable', 'unstable', 'unstable']
    """
    func = "phase_portrait"
    dyn = _table_dyn(table, func)
    sizes = [len(s) for s in dyn.strategies]
    if sizes == [2, 2]:
        kind = "square"
    elif sizes == [3]:
        kind = "simplex"
    else:
        raise UnsupportedGame(fmt_error(func, "table", "dynamics of two populations with 2 strategies or one "
                                        "population with 3 strategies", tuple(sizes)))
    f = dyn.lambdify(None)
    rows = _rest_rows(table)
    with style():
        if ax is None:
            fig, ax = new_figure(width, None if width != "one" else 3.4)
        else:
            fig = ax.figure
        g = np.linspace(0.02, 0.98, density)
        if kind == "square":
            X, Y = np.meshgrid(g, g)
            V = f(np.stack([X, Y], axis=-1))
            U, W = V[..., 0], V[..., 1]
            PX, PY = X, Y
        else:
            A, B = np.meshgrid(g, g)
            keep = A + B <= 0.98
            S = np.stack([A[keep], B[keep]], axis=-1)
            V = f(S)
            P = np.stack([S[:, 0], S[:, 1], 1 - S[:, 0] - S[:, 1]], axis=-1)
            dP = np.stack([V[:, 0], V[:, 1], -V[:, 0] - V[:, 1]], axis=-1)
            PX, PY = _simplex_xy(P)
            U, W = _simplex_xy(dP)
        norm = np.hypot(U, W)
        with np.errstate(all="ignore"):
            scale = np.where(norm > 0, 1.0 / np.maximum(norm, 1e-12), 0.0)
        ax.quiver(PX, PY, U * scale, W * scale, norm, cmap="Greys", clim=(-norm.max() * 0.3, norm.max() or 1),
                  angles="xy", pivot="mid", width=0.004, headwidth=3.5, scale=density * 1.4)
        if trajectories is not None:
            _, T, _ = _trajectory(trajectories, func, "trajectories")
            for j in range(T.shape[1]):
                if kind == "square":
                    ax.plot(T[:, j, 0], T[:, j, 1], color="black", lw=0.8)
                else:
                    Pj = np.stack([T[:, j, 0], T[:, j, 1], 1 - T[:, j, 0] - T[:, j, 1]], axis=-1)
                    ax.plot(*_simplex_xy(Pj), color="black", lw=0.8)
        classes = []
        for coords, cls in rows:
            if kind == "square":
                px, py = coords
            else:
                px, py = _simplex_xy(np.array([coords[0], coords[1], 1 - coords[0] - coords[1]]))
            ax.plot([px], [py], linestyle="none", markersize=6, clip_on=False, zorder=5,
                    **_MARK.get(cls, _MARK["non-hyperbolic"]))
            classes.append(cls)
        if kind == "square":
            ax.set_xlim(0, 1)
            ax.set_ylim(0, 1)
            ax.set_aspect("equal")
            labels = coordinate_labels(dyn)
            ax.set_xlabel(f"share of {labels[0]}")
            ax.set_ylabel(f"share of {labels[1]}")
        else:
            tri = np.array([[0, 0], [1, 0], [0.5, np.sqrt(3) / 2], [0, 0]])
            ax.plot(tri[:, 0], tri[:, 1], color="black", lw=0.8)
            names = dyn.strategies[0]
            for (vx, vy), nm, ha in (((0, 0), names[0], "right"), ((1, 0), names[1], "left"),
                                     ((0.5, np.sqrt(3) / 2), names[2], "center")):
                ax.annotate(nm, (vx, vy), xytext=(0, -10 if vy == 0 else 4), textcoords="offset points",
                            ha=ha, va="top" if vy == 0 else "bottom")
            ax.set_aspect("equal")
            ax.set_axis_off()
        from matplotlib.lines import Line2D

        present = [c for c in ("stable", "saddle", "unstable", "centre", "non-hyperbolic") if c in classes]
        handles = [Line2D([], [], linestyle="none", markersize=5, label=_CLASS_NAMES[c], **_MARK[c])
                   for c in present]
        legend_below(ax, handles=handles, ncol=min(len(present), 2) or 1)
        if title:
            ax.set_title(title)
    fig.rest_point_classes = tuple(classes)
    return fig


def trajectories_3d(trajectory: Any, *, table: Any = None, title: str | None = None, width: str | float = "one",
                    elev: float = 22, azim: float = -55):
    """Trajectories of three two-strategy populations in the unit cube.

    Parameters
    ----------
    trajectory : Trajectory
        ``simulate(dyn, point, starts, times)`` of three populations with two
        strategies each; one path per start.
    table : StabilityTable, optional
        The table at the same point: its asymptotically stable rest points
        are marked with stars.
    title : str, optional
    width : "one", "two" or inches
    elev, azim : float
        The view.

    Returns
    -------
    matplotlib.figure.Figure
        With attribute ``endpoints``: each trajectory's final state.

    Examples
    --------
    >>> from games.catalog import load
    >>> from solvers import replicator
    >>> from solvers import simulate
    >>> dyn = replicator(load("public_goods", symbolic=False))
    >>> tr = simulate(dyn, None, [[0.2, 0.5, 0.9], [0.9, 0.9, 0.9]], np.linspace(0, 20, 201))
    >>> fig = trajectories_3d(tr)     # free riding is dominant: contributions die out
    >>> np.round(fig.endpoints, 2).tolist()
    [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
    >>> fig.axes[0].get_xlabel()
    'player 1: contribute'
    """
    func = "trajectories_3d"
    t, T, dyn = _trajectory(trajectory, func, "trajectory")
    if T.shape[2] != 3:
        raise UnsupportedGame(fmt_error(func, "trajectory", "states with three coordinates", T.shape[2]))
    if dyn is not None and [len(s) for s in dyn.strategies] != [2, 2, 2]:
        raise UnsupportedGame(fmt_error(func, "trajectory", "dynamics of three populations with two strategies",
                                        tuple(len(s) for s in dyn.strategies)))
    names = coordinate_labels(dyn) if dyn is not None else ["$x_1$", "$x_2$", "$x_3$"]
    from matplotlib.lines import Line2D

    with style():
        fig, ax = new_figure(width, None if width != "one" else 3.6, projection="3d")
        for j in range(T.shape[1]):
            P = T[:, j, :]
            ax.plot(P[:, 0], P[:, 1], P[:, 2], color="black", lw=0.8, linestyle=LINESTYLES[j % 2])
            ax.scatter([P[0, 0]], [P[0, 1]], [P[0, 2]], s=8, c="white", edgecolors="black", depthshade=False)
            ax.scatter([P[-1, 0]], [P[-1, 1]], [P[-1, 2]], s=14, c="black", marker="o", depthshade=False)
        handles = [Line2D([], [], color="black", lw=0.8, label="trajectory"),
                   Line2D([], [], linestyle="none", marker="o", markersize=3, markerfacecolor="white",
                          markeredgecolor="black", label="start"),
                   Line2D([], [], linestyle="none", marker="o", markersize=3.5, color="black", label="end")]
        if table is not None:
            stable = [c for c, cls in _rest_rows(table) if cls == "stable"]
            for coords in stable:
                ax.scatter([coords[0]], [coords[1]], [coords[2]], s=40, marker="*", c="black", depthshade=False)
            if stable:
                handles.append(Line2D([], [], linestyle="none", marker="*", markersize=6, color="black",
                                      label="asymptotically stable"))
        for a in (0, 1):
            for b in (0, 1):
                for axis in range(3):
                    seg = np.zeros((2, 3))
                    seg[:, axis] = (0, 1)
                    seg[:, (axis + 1) % 3] = a
                    seg[:, (axis + 2) % 3] = b
                    ax.plot(seg[:, 0], seg[:, 1], seg[:, 2], color="0.75", lw=0.4)
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_zlim(0, 1)
        ax.set_xlabel(names[0], labelpad=1)
        ax.set_ylabel(names[1], labelpad=1)
        ax.set_zlabel(names[2], labelpad=1)
        ax.view_init(elev=elev, azim=azim)
        legend_below(ax, handles=handles, ncol=len(handles), offset=-0.02)
        if title:
            ax.set_title(title)
    fig.endpoints = T[-1].copy()
    return fig


def time_series(trajectory: Any, *, t_max: float | None = None, labels: Sequence[str] | None = None,
                title: str | None = None, width: str | float = "one", ax: Any = None):
    """Shares against time, one line per state coordinate and start.

    Parameters
    ----------
    trajectory : Trajectory
        ``simulate(dyn, point, x0, times)`` reported at many times.
    t_max : float, optional
        End of the time axis (default: shortly after the trajectories settle,
        see :func:`settling_time`).
    labels : sequence of str, optional
        One per coordinate (default: "population: strategy").
    title : str, optional
    width : "one", "two" or inches
    ax : Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ParameterError
        For a trajectory reported at fewer than ten times.

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> from solvers import replicator
    >>> from solvers import simulate
    >>> pd = replicator(NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
    >>> fig = time_series(simulate(pd, None, [0.8, 0.6], np.linspace(0, 40, 401)))
    >>> [ln.get_label() for ln in fig.axes[0].get_lines()]
    ['Player 1: s1', 'Player 2: s1']
    """
    func = "time_series"
    t, X, dyn = _trajectory(trajectory, func, "trajectory")
    d = X.shape[2]
    if labels is None:
        labels = coordinate_labels(dyn) if dyn is not None else [f"$x_{i + 1}$" for i in range(d)]
    if len(labels) != d:
        raise ParameterError(fmt_error(func, "labels", f"{d} labels", list(labels)))
    end = _time_window(t, X, t_max)
    with style():
        if ax is None:
            fig, ax = new_figure(width, None if width != "one" else 2.6)
        else:
            fig = ax.figure
        grays = ("0.0", "0.45", "0.7")
        for j in range(X.shape[1]):
            for i in range(d):
                ax.plot(t, X[:, j, i], color=grays[j % len(grays)] if X.shape[1] > 1 else "black",
                        linestyle=LINESTYLES[i % len(LINESTYLES)], label=labels[i] if j == 0 else "_nolegend_")
        ax.set_xlabel("time $t$")
        ax.set_ylabel("share")
        ax.set_ylim(-0.02, 1.02)
        ax.set_xlim(t[0], end)
        legend_below(ax, ncol=min(d, 2))
        if title:
            ax.set_title(title)
    return fig


def basin_plot(basins: Any, *, parameter: str | None = None, values: Sequence[Any] | None = None,
               space: Any = None, title: str | None = None, width: str | float = "one", ax: Any = None):
    """Shares of starting states reaching each asymptotically stable rest point.

    Parameters
    ----------
    basins : BasinResult or sequence of BasinResult
        One result (``solvers.simulation.basins(dyn, point)``) draws bars;
        a sequence, one result per value of ``parameter``, draws a line per
        rest point against the parameter.
    parameter : str, optional
        The parameter varied across the sequence (axis label).
    values : sequence of numbers, optional
        Its value for each result (required with a sequence).
    space : ParameterSpace, optional
        For the parameter's LaTeX name.
    title : str, optional
    width : "one", "two" or inches
    ax : Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
        With attribute ``basin_shares``: label -> array of shares (one per
        result). "other" (starts not near a stable rest point at the end of
        the run) appears only when some start ended there.

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> from solvers import replicator
    >>> from solvers import basins
    >>> stag = replicator(NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]]))
    >>> b = basins(stag, n=400, rng=0)
    >>> fig = basin_plot(b)
    >>> {k: float(v[0]) for k, v in fig.basin_shares.items()} == {k: v for k, v in b.as_dict().items()
    ...                                                           if k != "other"}
    True
    """
    func = "basin_plot"
    single = hasattr(basins, "labels") and hasattr(basins, "shares")
    results = [basins] if single else list(basins)
    for r in results:
        if not (hasattr(r, "labels") and hasattr(r, "shares")):
            raise ParameterError(fmt_error(func, "basins", "BasinResult objects (solvers.simulation.basins)", r))
    if not results:
        raise ParameterError(fmt_error(func, "basins", "at least one BasinResult", basins))
    if not single:
        if values is None or len(values) != len(results):
            raise ParameterError(fmt_error(func, "values", f"{len(results)} parameter values, one per result",
                                           values))
    labels: list[str] = []
    for r in results:
        labels += [lab for lab in r.labels if lab != "other" and lab not in labels]
    shares = {lab: np.array([dict(zip(r.labels, map(float, r.shares))).get(lab, 0.0) for r in results])
              for lab in labels}
    other = np.array([dict(zip(r.labels, map(float, r.shares))).get("other", 0.0) for r in results])
    if np.any(other > 0):
        shares["other"] = other
    with style():
        if ax is None:
            fig, ax = new_figure(width, None if width != "one" else 2.8)
        else:
            fig = ax.figure
        if single:
            names = list(shares)
            ys = np.arange(len(names))[::-1]
            ax.barh(ys, [shares[n][0] for n in names], color="0.6", edgecolor="black", height=0.6)
            ax.set_yticks(ys, names)
            ax.set_xlim(0, 1)
            ax.set_xlabel("share of starting states")
        else:
            xs = np.asarray([float(v) for v in values])
            for j, (lab, ys) in enumerate(shares.items()):
                ax.plot(xs, ys, color="black", linestyle=LINESTYLES[j % len(LINESTYLES)],
                        marker=MARKERS[j % len(MARKERS)], markerfacecolor="white", markersize=3.5, label=lab)
            ax.set_xlabel(param_label(space, parameter) if parameter else "parameter")
            ax.set_ylabel("share of starting states")
            ax.set_ylim(-0.02, 1.02)
            legend_below(ax, ncol=1)
        if title:
            ax.set_title(title)
    fig.basin_shares = shares
    return fig
