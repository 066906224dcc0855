"""Regime maps: a 2-D slice of the parameter space coloured by which regime holds.

The regimes come from a solver result (an :class:`~solvers.equilibrium.EquilibriumSet`,
subgame-perfect outcome regimes, stable sets of replicator dynamics, screening
regimes ...) or from a plain mapping ``label -> condition``. Each condition is
evaluated on a grid over the two chosen parameters (the others fixed), the
regions are filled in grays with hatches, their boundaries drawn, and the
legend states each region's condition on the slice.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

import numpy as np
import sympy
from matplotlib.patches import Patch

from govgames.figures.style import GRAYS, HATCHES, axis_limits, new_figure, param_label, style
from games.errors import ParameterError, fmt_error

__all__ = ["regime_map", "regime_conditions", "classify_grid"]


def _label_of(obj: Any, i: int) -> str:
    path = getattr(obj, "path", None)
    if path:
        return "–".join(map(str, path))
    for attr in ("label", "name"):
        v = getattr(obj, attr, None)
        if isinstance(v, str) and v:
            return v
    pts = getattr(obj, "points", None)
    if pts is not None:
        return " & ".join(map(str, pts)) if pts else "none stable"
    return f"regime {i + 1}"


def regime_conditions(result: Any) -> list[tuple[str, Any]]:
    """``(label, condition)`` pairs from a solver result or a mapping.

    Accepts a mapping ``label -> condition``; an ``EquilibriumSet`` (grouped
    by equilibrium path for subgame-perfect equilibria, else one entry per
    equilibrium); or any sequence of objects with a ``condition`` and a
    ``path``, ``label``, ``name`` or ``points`` attribute (outcome regimes,
    stable sets, screening regimes, ...). Objects with ``.regimes`` (a
    screening outcome) are unpacked.

    Examples
    --------
    >>> a = sympy.Symbol("a", positive=True)
    >>> regime_conditions({"low": a < 1, "high": a >= 1})
    [('low', a < 1), ('high', a >= 1)]
    """
    if isinstance(result, Mapping):
        return [(str(k), sympy.sympify(v)) for k, v in result.items()]
    regs = getattr(result, "regimes", None)
    if regs is not None and not callable(regs):
        result = regs
    items = list(result)
    if items and all(getattr(e, "path", None) is not None and hasattr(e, "behavior") for e in items):
        groups: dict[tuple, list] = {}
        for e in items:
            groups.setdefault(tuple(e.path), []).append(e.condition)
        return [("–".join(p), sympy.Or(*c)) for p, c in groups.items()]
    out = []
    for i, obj in enumerate(items):
        if isinstance(obj, tuple) and len(obj) == 2 and isinstance(obj[0], str):
            out.append((obj[0], sympy.sympify(obj[1])))
            continue
        cond = getattr(obj, "condition", None)
        if cond is None:
            raise TypeError(fmt_error("regime_conditions", "result", "regimes with a .condition", obj))
        out.append((_label_of(obj, i), sympy.sympify(cond)))
    return out


def _fixed_values(space: Any, keep: Sequence[str], fixed: Mapping[str, Any] | None, func: str) -> dict:
    fixed = dict(fixed or {})
    names = [] if space is None else list(space.names)
    unknown = [k for k in fixed if k not in names]
    if unknown:
        raise ParameterError(fmt_error(func, "fixed", f"values for parameters among {names}", unknown))
    missing = [n for n in names if n not in keep and n not in fixed]
    if missing:
        raise ParameterError(fmt_error(func, "fixed", f"values for every other parameter {missing}", sorted(fixed)))
    return {space.symbol(k): sympy.nsimplify(v) if not isinstance(v, float) else v for k, v in fixed.items()}


def classify_grid(conditions: Sequence[tuple[str, Any]], space: Any, x: str, y: str, *,
                  fixed: Mapping[str, Any] | None = None, xlim: tuple | None = None, ylim: tuple | None = None,
                  resolution: int = 200) -> dict[str, Any]:
    """Evaluate regime conditions on a grid over parameters ``x`` and ``y``.

    Returns
    -------
    dict
        ``"X"``, ``"Y"`` (meshgrids), ``"holds"`` (bool array ``(n_regimes, ny, nx)``),
        ``"inside"`` (grid points inside the space), ``"code"`` (int array: index
        into ``"cells"``, -1 outside the space), ``"cells"`` (tuple of tuples of
        regime indices holding together, in order of first appearance).

    Examples
    --------
    >>> from games.parameters import ParameterSpace
    >>> s = ParameterSpace({"a": "positive", "b": "positive"})
    >>> g = classify_grid([("a>b", s["a"] > s["b"]), ("a<=b", s["a"] <= s["b"])], s, "a", "b",
    ...                   xlim=(0, 1), ylim=(0, 1), resolution=20)
    >>> g["cells"]
    ((1,), (0,))
    """
    func = "regime_map"
    for arg, v in (("x", x), ("y", y)):
        if space is None or v not in space:
            raise ParameterError(fmt_error(func, arg, f"a parameter among {list(getattr(space, 'names', ()))}", v))
    if x == y:
        raise ParameterError(fmt_error(func, "y", "a parameter different from x", y))
    if not isinstance(resolution, int) or resolution < 2:
        raise ParameterError(fmt_error(func, "resolution", "an int >= 2", resolution))
    sub = _fixed_values(space, (x, y), fixed, func)
    xlim = axis_limits(space, x) if xlim is None else tuple(map(float, xlim))
    ylim = axis_limits(space, y) if ylim is None else tuple(map(float, ylim))
    # stay strictly inside open bounds
    ex, ey = (xlim[1] - xlim[0]) * 1e-6, (ylim[1] - ylim[0]) * 1e-6
    xs = np.linspace(xlim[0] + ex, xlim[1] - ex, resolution)
    ys = np.linspace(ylim[0] + ey, ylim[1] - ey, resolution)
    X, Y = np.meshgrid(xs, ys)
    sx, sy = space.symbol(x), space.symbol(y)
    cols = {n: np.full(X.shape, float(v)) for n, v in ((s.name, v) for s, v in sub.items())}
    cols[x], cols[y] = X, Y
    flat = {k: v.ravel() for k, v in cols.items()}
    inside = np.asarray(space.mask(flat), dtype=bool).reshape(X.shape)
    holds = np.zeros((len(conditions),) + X.shape, dtype=bool)
    for k, (_, cond) in enumerate(conditions):
        c = sympy.sympify(cond).xreplace(sub)
        if c is sympy.true or c is sympy.false:
            holds[k] = bool(c is sympy.true)
            continue
        f = sympy.lambdify((sx, sy), c, modules="numpy")
        with np.errstate(all="ignore"):
            holds[k] = np.broadcast_to(np.asarray(f(X, Y), dtype=bool), X.shape)
    code = np.full(X.shape, -1, dtype=int)
    cells: list[tuple] = []
    key = np.zeros(X.shape, dtype=np.int64)
    for k in range(len(conditions)):
        key |= holds[k].astype(np.int64) << k
    for v in np.unique(key[inside]):
        members = tuple(k for k in range(len(conditions)) if (int(v) >> k) & 1)
        code[inside & (key == v)] = len(cells)
        cells.append(members)
    # order cells by first appearance (row-major from the bottom left) for stable output
    order = []
    for v in code.ravel():
        if v >= 0 and v not in order:
            order.append(int(v))
    remap = np.full(len(cells) + 1, -1)
    for new, old in enumerate(order):
        remap[old] = new
    code = np.where(code >= 0, remap[code], -1)
    cells = [cells[o] for o in order]
    return {"X": X, "Y": Y, "holds": holds, "inside": inside, "code": code, "cells": tuple(cells)}


def regime_map(result: Any, x: str, y: str, *, space: Any = None, fixed: Mapping[str, Any] | None = None,
               xlim: tuple | None = None, ylim: tuple | None = None, resolution: int = 200,
               labels: Mapping[str, str] | None = None, conditions_in_legend: bool = True,
               title: str | None = None, width: str | float = "one", ax: Any = None):
    """Regions of a 2-D parameter slice labelled by regime, with boundaries and a legend.

    Parameters
    ----------
    result : RegimeMap, EquilibriumSet, sequence of regimes, or mapping label -> condition
        A :class:`solvers.regimes.RegimeMap` is drawn as computed (its
        closed-form boundaries as lines; ``x``, ``y``, ``fixed`` and the
        limits are taken from it). Anything else is classified on a grid,
        see :func:`regime_conditions`.
    x, y : str
        Parameters on the horizontal and vertical axes.
    space : ParameterSpace, optional
        Default: ``result.space``.
    fixed : mapping, optional
        Values of every other parameter.
    xlim, ylim : pair, optional
        Axis ranges (default: the parameters' bounded domains, else [0, 10]).
    resolution : int
        Grid points per axis.
    labels : mapping, optional
        Renames regimes (e.g. a path label -> "command–obedience").
    conditions_in_legend : bool
        Add each region's condition on the slice (mathtext) to the legend.
    title : str, optional
    width : "one", "two" or inches
    ax : matplotlib Axes, optional
        Draw into existing axes (the figure is ``ax.figure``).

    Returns
    -------
    matplotlib.figure.Figure
        With attribute ``regime_cells``: the labels of the regions drawn.

    Examples
    --------
    >>> from games.parameters import ParameterSpace
    >>> s = ParameterSpace({"a": "positive", "w": "positive"})
    >>> fig = regime_map({"obey": s["a"] >= s["w"], "defy": s["a"] < s["w"]}, "a", "w", space=s,
    ...                  resolution=40)
    >>> fig.regime_cells
    ('obey', 'defy')
    """
    if hasattr(result, "grid") and hasattr(result, "boundaries") and hasattr(result, "x_name"):
        return _draw_regime_map_result(result, space=space, labels=labels, title=title, width=width, ax=ax)
    conds = regime_conditions(result)
    if not conds:
        raise ParameterError(fmt_error("regime_map", "result", "at least one regime", result))
    space = space if space is not None else getattr(result, "space", None)
    if space is None:
        syms = set().union(*(c.free_symbols for _, c in conds))
        from games.parameters import ParameterSpace

        space = ParameterSpace.from_symbols(syms)
    labels = dict(labels or {})
    grid = classify_grid(conds, space, x, y, fixed=fixed, xlim=xlim, ylim=ylim, resolution=resolution)
    sub = _fixed_values(space, (x, y), fixed, "regime_map")
    names = [labels.get(lab, lab) for lab, _ in conds]
    with style():
        if ax is None:
            fig, ax = new_figure(width, None if width != "one" else 3.2)
        else:
            fig = ax.figure
        X, Y, code = grid["X"], grid["Y"], grid["code"]
        handles = []
        cell_labels = []
        for j, members in enumerate(grid["cells"]):
            lab = " & ".join(names[k] for k in members) if members else "no regime"
            mask = (code == j).astype(float)
            gray, hatch = GRAYS[(j + 2) % len(GRAYS)], HATCHES[j % len(HATCHES)]
            ax.contourf(X, Y, mask, levels=[0.5, 1.5], colors=[gray], hatches=[hatch], alpha=0.9)
            text = lab
            if conditions_in_legend and members:
                c = sympy.And(*(conds[k][1] for k in members)).xreplace(sub)
                try:
                    from games.conditions import simplify_condition

                    c = simplify_condition(c, space)
                except Exception:  # noqa: BLE001 - the legend falls back to the raw condition
                    pass
                if c is not sympy.true:
                    text += ": $" + space.latex(c) + "$"
            handles.append(Patch(facecolor=gray, hatch=hatch, edgecolor="0.2", label=text))
            cell_labels.append(lab)
        # boundaries: wherever the region code changes
        if len(grid["cells"]) > 1:
            ax.contour(X, Y, code.astype(float), levels=np.arange(-0.5, len(grid["cells"]) - 0.5 + 1e-9, 1.0),
                       colors="black", linewidths=0.8)
        ax.set_xlabel(param_label(space, x))
        ax.set_ylabel(param_label(space, y))
        ax.set_xlim(X.min(), X.max())
        ax.set_ylim(Y.min(), Y.max())
        if title:
            ax.set_title(title)
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=1,
                  handlelength=1.6, fontsize=6.5)
    fig.regime_cells = tuple(cell_labels)
    return fig


def _draw_regime_map_result(m: Any, *, space: Any, labels: Mapping[str, str] | None, title: str | None,
                            width: str | float, ax: Any):
    labels = dict(labels or {})
    X, Y = np.meshgrid(np.asarray(m.x, dtype=float), np.asarray(m.y, dtype=float))
    code = np.asarray(m.grid)
    with style():
        if ax is None:
            fig, ax = new_figure(width, None if width != "one" else 3.2)
        else:
            fig = ax.figure
        handles, cell_labels = [], []
        for j, lab in enumerate(m.labels):
            if not np.any(code == j):
                continue
            name = " & ".join(labels.get(m.items[k], m.items[k]) for k in m.members[j]) if m.members[j] \
                else labels.get(lab, "no regime")
            gray, hatch = GRAYS[(j + 2) % len(GRAYS)], HATCHES[j % len(HATCHES)]
            ax.contourf(X, Y, (code == j).astype(float), levels=[0.5, 1.5], colors=[gray], hatches=[hatch],
                        alpha=0.9)
            handles.append(Patch(facecolor=gray, hatch=hatch, edgecolor="0.2", label=name))
            cell_labels.append(name)
        drawn = 0
        for xs, ys in m.boundary_curves():
            if np.any(np.isfinite(ys)):
                ax.plot(xs, ys, color="black", lw=0.9)
                drawn += 1
        if drawn == 0 and len(cell_labels) > 1:
            ax.contour(X, Y, code.astype(float), levels=np.arange(-0.5, len(m.labels) + 0.5, 1.0),
                       colors="black", linewidths=0.8)
        ax.set_xlim(float(m.x[0]), float(m.x[-1]))
        ax.set_ylim(float(m.y[0]), float(m.y[-1]))
        ax.set_xlabel(param_label(space, m.x_name))
        ax.set_ylabel(param_label(space, m.y_name))
        if title:
            ax.set_title(title)
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=1, handlelength=1.6,
                  fontsize=6.5)
    fig.regime_cells = tuple(cell_labels)
    return fig
