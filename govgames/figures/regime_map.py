"""Regime maps: draw a :class:`~solvers.regimes.RegimeMap` (a classified 2-D parameter slice).

:func:`regime_map_plot` draws what :func:`solvers.regimes.regime_map`
computed: the regions in grays with hatches, the closed-form boundaries as
lines, and a legend below the axes naming each region and, when the items'
conditions are known, the region's condition on the slice, simplified and in
the parameters' LaTeX names. :func:`regime_conditions` turns solver results
or a mapping into ``(label, condition)`` pairs (used by the regime tables).
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

import numpy as np
import sympy
from matplotlib.patches import Patch

from govgames.figures.style import GRAYS, HATCHES, legend_below, new_figure, param_label, style
from games.errors import ParameterError, fmt_error

__all__ = ["regime_map_plot", "regime_conditions"]


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


def _exact(v: Any) -> Any:
    if isinstance(v, float):
        return sympy.nsimplify(v, rational=True)
    return sympy.sympify(v)


def _cell_condition(m: Any, j: int, conds: Sequence[Any], space: Any) -> Any:
    """The condition of region ``j`` on the slice: its items hold, the others do not; simplified."""
    from games.conditions import simplify_condition

    sub = {space.symbol(k): _exact(v) for k, v in dict(m.fixed).items() if k in space}
    members = set(m.members[j])
    parts = [sympy.sympify(c) if k in members else sympy.Not(sympy.sympify(c)) for k, c in enumerate(conds)]
    c = sympy.And(*parts).xreplace(sub)
    try:
        from sympy.logic.boolalg import to_nnf

        c = to_nnf(c, simplify=False)  # negations into the relations
        if len(c.atoms(sympy.core.relational.Relational)) <= 8:
            c = sympy.simplify_logic(c)
        return simplify_condition(c, space)
    except Exception:  # noqa: BLE001 - a legend without a simplification is still right
        return c


def _item_conditions(m: Any, conditions: Any) -> list | None:
    if conditions is None:
        conditions = getattr(m, "conditions", None)
    if conditions is None:
        return None
    if isinstance(conditions, Mapping):
        if not all(it in conditions for it in m.items):
            raise ParameterError(fmt_error("regime_map_plot", "conditions", f"a condition for each of {list(m.items)}",
                                           sorted(conditions)))
        return [conditions[it] for it in m.items]
    conds = [getattr(c, "condition", c) for c in conditions]
    if len(conds) != len(m.items):
        raise ParameterError(fmt_error("regime_map_plot", "conditions", f"{len(m.items)} conditions, one per item",
                                       len(conds)))
    return conds


def _separates(m: Any, xs: np.ndarray, ys: np.ndarray) -> bool:
    """Whether a closed-form boundary curve separates regions of different labels somewhere."""
    dx = (float(m.x[-1]) - float(m.x[0])) / max(len(m.x) - 1, 1)
    dy = (float(m.y[-1]) - float(m.y[0])) / max(len(m.y) - 1, 1)
    vertical = np.allclose(xs, xs[0])
    for x, y in zip(xs[::5], ys[::5]):
        if not np.isfinite(y):
            continue
        a, b = ((m.label_at(x - dx, y), m.label_at(x + dx, y)) if vertical
                else (m.label_at(x, y - dy), m.label_at(x, y + dy)))
        if a != b and "outside" not in (a, b):
            return True
    return False


def regime_map_plot(regime_map: Any, *, space: Any = None, conditions: Any = None,
                    labels: Mapping[str, str] | None = None, title: str | None = None, width: str | float = "one",
                    ax: Any = None):
    """Draw a classified 2-D parameter slice: regions, closed-form boundaries, and a legend.

    Parameters
    ----------
    regime_map : RegimeMap
        The result of :func:`solvers.regimes.regime_map`.
    space : ParameterSpace, optional
        For the axis labels' and conditions' LaTeX names (default: the
        map's ``space`` when it has one).
    conditions : sequence or mapping, optional
        The condition of each of the map's ``items`` (a sequence in item
        order, e.g. the EquilibriumSet that was mapped, or a mapping item ->
        condition). With them, each legend entry states its region's
        condition on the slice, simplified; without them only the names.
    labels : mapping, optional
        Renames items in the legend.
    title : str, optional
    width : "one", "two" or inches
    ax : Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
        With attributes ``regime_cells`` (the names of the regions drawn, in
        order of first appearance from the bottom left) and ``regime_texts``
        (their legend texts).

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> from games.parameters import ParameterSpace
    >>> from solvers import equilibria
    >>> from solvers import regime_map
    >>> s = ParameterSpace({"a": "positive", "b": "positive"})
    >>> eqs = equilibria(NormalFormGame.from_bimatrix([[s["a"], 0], [1, 2]], [[s["b"], 0], [0, 1]], space=s))
    >>> fig = regime_map_plot(regime_map(eqs, "a", "b", resolution=30), space=s, conditions=eqs)
    >>> fig.regime_texts[0]
    '(s2, s2): $a < 1$'
    """
    func = "regime_map_plot"
    m = regime_map
    if not (hasattr(m, "grid") and hasattr(m, "x_name") and hasattr(m, "members")):
        raise ParameterError(fmt_error(func, "regime_map", "a RegimeMap (solvers.regimes.regime_map)", m))
    space = space if space is not None else getattr(m, "space", None)
    conds = _item_conditions(m, conditions)
    labels = dict(labels or {})
    X, Y = np.meshgrid(np.asarray(m.x, dtype=float), np.asarray(m.y, dtype=float))
    code = np.asarray(m.grid)
    with style():
        if ax is None:
            fig, ax = new_figure(width, None if width != "one" else 3.4)
        else:
            fig = ax.figure
        handles, cell_labels, texts = [], [], []
        # regions in order of first appearance, row by row from the bottom left
        present = [j for j in range(len(m.labels)) if np.any(code == j)]
        present.sort(key=lambda j: int(np.flatnonzero(code.ravel() == j)[0]))
        for j in present:
            lab = m.labels[j]
            name = " & ".join(labels.get(m.items[k], m.items[k]) for k in m.members[j]) if m.members[j] \
                else labels.get(lab, "no regime")
            gray, hatch = GRAYS[(j + 2) % len(GRAYS)], HATCHES[j % len(HATCHES)]
            ax.contourf(X, Y, (code == j).astype(float), levels=[0.5, 1.5], colors=[gray], hatches=[hatch],
                        alpha=0.9)
            text = name
            if conds is not None and space is not None:
                c = _cell_condition(m, j, conds, space)
                if c is not sympy.true and c is not sympy.false:
                    from games.formatting import latex_expr

                    text += ": $" + latex_expr(c, space) + "$"
            handles.append(Patch(facecolor=gray, hatch=hatch, edgecolor="0.2", label=text))
            cell_labels.append(name)
            texts.append(text)
        drawn = 0
        for xs, ys in m.boundary_curves():
            if np.any(np.isfinite(ys)) and _separates(m, xs, ys):
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
        legend_below(ax, handles=handles, ncol=1, handlelength=1.6, fontsize=6.5)
    fig.regime_cells = tuple(cell_labels)
    fig.regime_texts = tuple(texts)
    return fig
