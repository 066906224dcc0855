"""Figures of replicator dynamics: phase portraits, 3-D trajectories, time series, basins.

* :func:`phase_portrait` -- two populations with two strategies each (the
  unit square) or one population with three strategies (the simplex, drawn
  as a triangle): the vector field, with rest points marked by stability
  (filled: asymptotically stable; hollow: unstable; half-filled: saddle;
  gray: centre or non-hyperbolic).
* :func:`trajectories_3d` -- three two-strategy populations: trajectories in
  the unit cube from several starting points (the figure of the applied
  evolutionary-game literature).
* :func:`time_series` -- shares against time.
* :func:`basin_plot` -- the share of random starting points reaching each
  asymptotically stable rest point as a parameter varies.

Trajectories are taken from a result object when given (anything with
``t`` and ``x``/``states`` arrays), or integrated here from a
:class:`~solvers.replicator.Replicator` with a fixed-step fourth-order
Runge-Kutta scheme vectorised over the starting points.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

import numpy as np

from figures.style import LINESTYLES, MARKERS, new_figure, param_label, style
from games.errors import ParameterError, UnsupportedGame, fmt_error

__all__ = ["phase_portrait", "trajectories_3d", "time_series", "basin_plot", "integrate"]

_MARK = {  # stability class -> marker style
    "stable": dict(marker="o", markerfacecolor="black", markeredgecolor="black"),
    "unstable": dict(marker="o", markerfacecolor="white", markeredgecolor="black"),
    "saddle": dict(marker="o", markerfacecolor="0.55", markeredgecolor="black", fillstyle="left",
                   markerfacecoloralt="white"),
    "centre": dict(marker="D", markerfacecolor="0.6", markeredgecolor="black"),
    "non-hyperbolic": dict(marker="s", markerfacecolor="0.6", markeredgecolor="black"),
}


def _check_dyn(dyn: Any, func: str) -> None:
    if not (hasattr(dyn, "lambdify") and hasattr(dyn, "state") and hasattr(dyn, "strategies")):
        raise UnsupportedGame(fmt_error(func, "dyn", "a Replicator (solvers.replicator.replicator)", dyn))


def integrate(dyn: Any, starts: Any, *, point: Mapping[str, Any] | None = None, t_max: float = 20.0,
              steps: int = 400) -> tuple[np.ndarray, np.ndarray]:
    """Integrate replicator dynamics from many starts at once (RK4, fixed step).

    Parameters
    ----------
    dyn : Replicator
    starts : array of shape (n, dimension)
        Starting states in reduced coordinates.
    point : mapping, optional
        Parameter values (needed for symbolic games).
    t_max : float
    steps : int

    Returns
    -------
    t : ndarray (steps + 1,)
    X : ndarray (steps + 1, n, dimension)

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> from solvers.replicator import replicator
    >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> t, X = integrate(replicator(pd), [[0.9, 0.9]], t_max=30)
    >>> bool(np.all(X[-1] < 1e-3))
    True
    """
    from solvers.simulation import simulate

    _check_dyn(dyn, "integrate")
    if not (np.isfinite(t_max) and t_max > 0):
        raise ParameterError(fmt_error("integrate", "t_max", "a positive number", t_max))
    times = np.linspace(0.0, float(t_max), int(steps) + 1)
    tr = simulate(dyn, point, starts, times, dt=float(t_max) / int(steps))
    return tr.t, tr.states


def _trajectory_arrays(obj: Any) -> tuple[np.ndarray, np.ndarray] | None:
    """(t, X (n_t, dim)) from a trajectory-like result, else None."""
    t = getattr(obj, "t", None)
    for attr in ("x", "states", "y", "X"):
        X = getattr(obj, attr, None)
        if t is not None and X is not None:
            X = np.asarray(X, dtype=float)
            t = np.asarray(t, dtype=float)
            if X.ndim == 2 and X.shape[0] != len(t) and X.shape[1] == len(t):
                X = X.T
            return t, X
    return None


def _rest_rows(dyn: Any, point: Mapping[str, Any] | None, table: Any) -> list[tuple[tuple, str]]:
    """(coordinates as floats, class) of the isolated rest points at the point."""
    if table is None:
        from solvers.stability import stability  # lazily: numeric stability of the game at the point

        table = stability(dyn.subs(point) if point and dyn.free_symbols else dyn)
    elif getattr(table, "point", None) is None and point and dyn.free_symbols:
        table = table.at(point)
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


def phase_portrait(dyn: Any, point: Mapping[str, Any] | None = None, *, table: Any = None, density: int = 17,
                   starts: Any = None, t_max: float = 15.0, title: str | None = None, width: str | float = "one",
                   ax: Any = None):
    """Phase portrait of two-dimensional replicator dynamics, rest points marked by stability.

    Parameters
    ----------
    dyn : Replicator
        Two populations with two strategies each (unit square) or one
        population with three strategies (simplex).
    point : mapping, optional
        Parameter values for symbolic games.
    table : StabilityTable, optional
        The stability table (symbolic tables are evaluated at ``point``);
        computed for the numeric game when omitted.
    density : int
        Arrows per axis.
    starts : array (n, 2), optional
        Also draw trajectories from these states.
    t_max : float
        Length of those trajectories.
    title : str, optional
    width : "one", "two" or inches
    ax : Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
        With attribute ``rest_point_classes``: the class of each marked rest point.

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> from solvers.replicator import replicator
    >>> sh = NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    >>> fig = phase_portrait(replicator(sh))
    >>> sorted(fig.rest_point_classes)
    ['saddle', 'stable', 'stable', 'unstable', 'unstable']
    """
    func = "phase_portrait"
    _check_dyn(dyn, func)
    sizes = [len(s) for s in dyn.strategies]
    if sizes == [2, 2]:
        kind = "square"
    elif sizes == [3]:
        kind = "simplex"
    else:
        raise UnsupportedGame(fmt_error(func, "dyn", "two populations with 2 strategies or one population "
                                        "with 3 strategies", tuple(sizes)))
    f = dyn.lambdify(point)
    rows = _rest_rows(dyn, point, table)
    with style():
        if ax is None:
            fig, ax = new_figure(width, None if width != "one" else 3.2)
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
            S = np.stack([A[keep], B[keep]], axis=-1)  # reduced: shares of strategies 1 and 2
            V = f(S)
            P = np.stack([S[:, 0], S[:, 1], 1 - S[:, 0] - S[:, 1]], axis=-1)
            # map the velocity to the plane through the same linear map
            dP = np.stack([V[:, 0], V[:, 1], -V[:, 0] - V[:, 1]], axis=-1)
            PX, PY = _simplex_xy(P)
            U, W = _simplex_xy(dP)
        norm = np.hypot(U, W)
        with np.errstate(all="ignore"):
            scale = np.where(norm > 0, 1.0 / np.maximum(norm, 1e-12), 0.0)
        ax.quiver(PX, PY, U * scale, W * scale, norm, cmap="Greys", clim=(-norm.max() * 0.3, norm.max() or 1),
                  angles="xy", pivot="mid", width=0.004, headwidth=3.5, scale=density * 1.4)
        if starts is not None:
            _, T = integrate(dyn, starts, point=point, t_max=t_max, steps=300)
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
            ax.set_xlabel(f"${dyn.state[0].name}$: share of {dyn.populations[0]} playing {dyn.strategies[0][0]}")
            ax.set_ylabel(f"${dyn.state[1].name}$: share of {dyn.populations[1]} playing {dyn.strategies[1][0]}")
        else:
            tri = np.array([[0, 0], [1, 0], [0.5, np.sqrt(3) / 2], [0, 0]])
            ax.plot(tri[:, 0], tri[:, 1], color="black", lw=0.8)
            names = dyn.strategies[0]
            # barycentric (1,0,0) is at (0, 0), (0,1,0) at (1, 0), (0,0,1) at the top
            for (vx, vy), nm, ha in (((0, 0), names[0], "right"), ((1, 0), names[1], "left"),
                                     ((0.5, np.sqrt(3) / 2), names[2], "center")):
                ax.annotate(nm, (vx, vy), xytext=(0, -10 if vy == 0 else 4), textcoords="offset points",
                            ha=ha, va="top" if vy == 0 else "bottom")
            ax.set_aspect("equal")
            ax.set_axis_off()
        from matplotlib.lines import Line2D

        present = [c for c in ("stable", "saddle", "unstable", "centre", "non-hyperbolic") if c in classes]
        ax.legend(handles=[Line2D([], [], linestyle="none", markersize=5, label=c, **_MARK[c]) for c in present],
                  loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=len(present) or 1)
        if title:
            ax.set_title(title)
    fig.rest_point_classes = tuple(classes)
    return fig


def trajectories_3d(dyn_or_trajectories: Any, starts: Any = None, *, point: Mapping[str, Any] | None = None,
                    t_max: float = 30.0, steps: int = 600, table: Any = None, title: str | None = None,
                    width: str | float = "one", elev: float = 22, azim: float = -55):
    """Trajectories of three two-strategy populations in the unit cube.

    Parameters
    ----------
    dyn_or_trajectories : Replicator or sequence of trajectory results
        With a Replicator, trajectories are integrated from ``starts``.
    starts : array (n, 3), optional
        Starting states (default: eight points around the cube).
    point : mapping, optional
        Parameter values for symbolic games.
    t_max, steps : float, int
        Integration horizon and steps.
    table : StabilityTable, optional
        Rest points to mark (vertices by stability); computed when omitted
        and a Replicator is given.
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
    >>> from solvers.replicator import replicator
    >>> dyn = replicator(load("collective_inaction", symbolic=False), state_names=("x", "y", "z"))
    >>> fig = trajectories_3d(dyn, [[0.2, 0.2, 0.2], [0.9, 0.9, 0.9]], t_max=40)
    >>> np.round(fig.endpoints, 2).tolist()
    [[0.0, 0.0, 0.0], [1.0, 1.0, 1.0]]
    """
    func = "trajectories_3d"
    dyn = None
    if hasattr(dyn_or_trajectories, "lambdify"):
        dyn = dyn_or_trajectories
        if [len(s) for s in dyn.strategies] != [2, 2, 2]:
            raise UnsupportedGame(fmt_error(func, "dyn", "three populations with two strategies each",
                                            tuple(len(s) for s in dyn.strategies)))
        if starts is None:
            starts = [[a, b, c] for a in (0.15, 0.85) for b in (0.15, 0.85) for c in (0.15, 0.85)]
        _, T = integrate(dyn, starts, point=point, t_max=t_max, steps=steps)
        paths = [T[:, j, :] for j in range(T.shape[1])]
        names = [s.name for s in dyn.state]
    else:
        paths = []
        for tr in dyn_or_trajectories:
            arr = _trajectory_arrays(tr)
            if arr is None:
                raise ParameterError(fmt_error(func, "dyn_or_trajectories",
                                               "a Replicator or trajectories with .t and .x", tr))
            paths.append(arr[1])
        names = ["x", "y", "z"]
    with style():
        fig, ax = new_figure(width, None if width != "one" else 3.3, projection="3d")
        for j, P in enumerate(paths):
            ax.plot(P[:, 0], P[:, 1], P[:, 2], color="black", lw=0.8, linestyle=LINESTYLES[j % 2])
            ax.scatter([P[0, 0]], [P[0, 1]], [P[0, 2]], s=8, c="white", edgecolors="black", depthshade=False)
            ax.scatter([P[-1, 0]], [P[-1, 1]], [P[-1, 2]], s=14, c="black", marker="o", depthshade=False)
        if dyn is not None:
            rows = _rest_rows(dyn, point, table)
            for coords, cls in rows:
                if all(c in (0.0, 1.0) for c in coords) and cls == "stable":
                    ax.scatter([coords[0]], [coords[1]], [coords[2]], s=40, marker="*", c="black",
                               depthshade=False)
        # the cube's edges
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
        ax.set_xlabel(f"${names[0]}$")
        ax.set_ylabel(f"${names[1]}$")
        ax.set_zlabel(f"${names[2]}$")
        ax.view_init(elev=elev, azim=azim)
        if title:
            ax.set_title(title)
    fig.endpoints = np.array([P[-1] for P in paths])
    return fig


def time_series(dyn_or_trajectory: Any, start: Any = None, *, point: Mapping[str, Any] | None = None,
                t_max: float = 30.0, steps: int = 600, labels: Sequence[str] | None = None,
                title: str | None = None, width: str | float = "one", ax: Any = None):
    """Shares against time, one line per state coordinate.

    Parameters
    ----------
    dyn_or_trajectory : Replicator or trajectory result (``.t`` and ``.x``)
    start : sequence, optional
        Starting state (with a Replicator).
    point : mapping, optional
    t_max, steps : float, int
    labels : sequence of str, optional
        Default: the populations' first strategies.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> from solvers.replicator import replicator
    >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> fig = time_series(replicator(pd), [0.8, 0.6])
    >>> len(fig.axes[0].get_lines())
    2
    """
    func = "time_series"
    if hasattr(dyn_or_trajectory, "lambdify"):
        dyn = dyn_or_trajectory
        if start is None:
            raise ParameterError(fmt_error(func, "start", f"a state with {dyn.dimension} coordinates", start))
        t, T = integrate(dyn, [start], point=point, t_max=t_max, steps=steps)
        X = T[:, 0, :]
        if labels is None:
            labels = []
            for pop, strat, block in zip(dyn.populations, dyn.strategies, dyn.blocks):
                labels += [f"{pop}: {strat[i]}" for i in range(len(block))]
    else:
        arr = _trajectory_arrays(dyn_or_trajectory)
        if arr is None:
            raise ParameterError(fmt_error(func, "dyn_or_trajectory", "a Replicator or a trajectory", 
                                           dyn_or_trajectory))
        t, X = arr
        labels = labels or [f"$x_{i + 1}$" for i in range(X.shape[1])]
    with style():
        if ax is None:
            fig, ax = new_figure(width, None if width != "one" else 2.4)
        else:
            fig = ax.figure
        for i in range(X.shape[1]):
            ax.plot(t, X[:, i], color="black", linestyle=LINESTYLES[i % len(LINESTYLES)], label=labels[i])
        ax.set_xlabel("time $t$")
        ax.set_ylabel("share")
        ax.set_ylim(-0.02, 1.02)
        ax.set_xlim(t[0], t[-1])
        ax.legend()
        if title:
            ax.set_title(title)
    return fig


def basin_plot(dyn: Any, parameter: str, values: Sequence[Any], *, fixed: Mapping[str, Any] | None = None,
               n_starts: int = 200, t_max: float = 60.0, steps: int = 300, rng: Any = 0, tol: float = 0.05,
               title: str | None = None, width: str | float = "one", ax: Any = None):
    """Share of random starting states reaching each pure rest point as a parameter varies.

    Parameters
    ----------
    dyn : Replicator (symbolic in ``parameter``) or a basins result
        A result object with ``values`` (parameter values) and ``shares``
        (mapping label -> array) is drawn as is.
    parameter : str
    values : sequence of numbers
    fixed : mapping
        Values of the other parameters.
    n_starts : int
        Uniform random starting states (the same ones for every value).
    t_max, steps : float, int
        Integration horizon and steps.
    rng : seed or Generator
    tol : float
        A run "reaches" a vertex when it ends within ``tol`` of it (max norm);
        other runs count as "other".

    Returns
    -------
    matplotlib.figure.Figure
        With attribute ``basin_shares``: label -> array of shares (one per value).

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> from solvers.replicator import replicator
    >>> a = sympy.Symbol("a", positive=True)
    >>> g = NormalFormGame.from_bimatrix([[a, 0], [0, 1]], [[a, 0], [0, 1]])
    >>> fig = basin_plot(replicator(g), "a", [0.5, 1.0, 2.0], n_starts=100)
    >>> s1 = fig.basin_shares["(s1, s1)"]   # grows with the payoff a of coordinating on s1
    >>> bool(np.all(np.diff(s1) > 0)), float(s1[1])   # a = 1: symmetric, half the starts
    (True, 0.5)
    """
    func = "basin_plot"
    if hasattr(dyn, "shares") and hasattr(dyn, "values") and not hasattr(dyn, "lambdify"):
        xs = np.asarray(dyn.values, dtype=float)
        shares = {k: np.asarray(v, dtype=float) for k, v in dict(dyn.shares).items()}
        space = getattr(dyn, "space", None)
    else:
        _check_dyn(dyn, func)
        space = dyn.space
        if parameter not in space:
            raise ParameterError(fmt_error(func, "parameter", f"a parameter among {list(space.names)}", parameter))
        if not isinstance(n_starts, int) or n_starts < 1:
            raise ParameterError(fmt_error(func, "n_starts", "a positive int", n_starts))
        gen = np.random.default_rng(rng)
        starts = gen.random((n_starts, dyn.dimension))
        verts = [tuple(float(c) for c in v) for v in dyn.vertices()]
        labels = []
        import itertools

        for pure in itertools.product(*(range(len(s)) for s in dyn.strategies)):
            labels.append("(" + ", ".join(s[i] for s, i in zip(dyn.strategies, pure)) + ")")
        V = np.array(verts)
        xs = np.asarray([float(v) for v in values])
        counts = np.zeros((len(xs), len(verts) + 1))
        for k, v in enumerate(xs):
            pt = dict(fixed or {})
            pt[parameter] = v
            _, T = integrate(dyn, starts, point=pt, t_max=t_max, steps=steps)
            end = T[-1]
            d = np.max(np.abs(end[:, None, :] - V[None, :, :]), axis=-1)
            near = np.argmin(d, axis=1)
            ok = d[np.arange(len(end)), near] <= tol
            for j in range(len(verts)):
                counts[k, j] = np.sum(ok & (near == j))
            counts[k, -1] = np.sum(~ok)
        frac = counts / n_starts
        shares = {labels[j]: frac[:, j] for j in range(len(verts)) if np.any(frac[:, j] > 0)}
        if np.any(frac[:, -1] > 0):
            shares["other"] = frac[:, -1]
    with style():
        if ax is None:
            fig, ax = new_figure(width, None if width != "one" else 2.6)
        else:
            fig = ax.figure
        for j, (lab, ys) in enumerate(shares.items()):
            ax.plot(xs, ys, color="black", linestyle=LINESTYLES[j % len(LINESTYLES)],
                    marker=MARKERS[j % len(MARKERS)], markerfacecolor="white", markersize=3.5, label=lab)
        ax.set_xlabel(param_label(space, parameter))
        ax.set_ylabel("share of starting states")
        ax.set_ylim(-0.02, 1.02)
        ax.legend(fontsize=6)
        if title:
            ax.set_title(title)
    fig.basin_shares = shares
    return fig
