"""Comparative-statics curves: an equilibrium quantity against one parameter.

One curve per value of a second parameter (grayscale-safe line styles), the
other parameters fixed. The quantity is a sympy expression, a row of a
:class:`~solvers.statics.StaticsTable` (its ``expression``), a table plus a
quantity name, or any function of a parameter point.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

import numpy as np
import sympy

from govgames.figures.style import LINESTYLES, MARKERS, new_figure, legend_below, param_label, parameter_window, style
from games.errors import ParameterError, fmt_error

__all__ = ["statics_plot"]


def _as_function(target: Any, space: Any, quantity: str | None, func: str) -> tuple[Callable, Any, str]:
    """(f(columns) -> array, space, default y label)."""
    if hasattr(target, "rows") and hasattr(target, "row"):  # a StaticsTable
        rows = [r for r in target.rows if quantity is None or r.quantity == quantity]
        if not rows:
            raise ParameterError(fmt_error(func, "quantity", f"one of {list(target.quantities)}", quantity))
        target, space = rows[0], space or target.space
    if hasattr(target, "expression") and hasattr(target, "derivative"):  # a StaticsRow
        quantity = quantity or target.quantity
        target = target.expression
    if callable(target) and not isinstance(target, sympy.Basic):
        def f(cols: Mapping[str, np.ndarray]) -> np.ndarray:
            n = len(next(iter(cols.values())))
            return np.array([float(target({k: float(v[i]) for k, v in cols.items()})) for i in range(n)])
        return f, space, quantity or ""
    if space is None:
        raise ParameterError(fmt_error(func, "space", "a ParameterSpace for an expression target", space))
    expr = space.sympify(target, func=func, arg="target") if isinstance(target, str) else sympy.sympify(target)
    syms = space.symbols
    lam = sympy.lambdify(syms, expr, modules="numpy")

    def g(cols: Mapping[str, np.ndarray]) -> np.ndarray:
        args = [np.asarray(cols[n], dtype=float) for n in space.names]
        with np.errstate(all="ignore"):
            out = lam(*args)
        return np.broadcast_to(np.asarray(out, dtype=float), np.broadcast(*args).shape if args else ())

    return g, space, quantity or ("$" + space.latex(expr) + "$" if len(space.latex(expr)) < 40 else "")


def _latex_name(space: Any, name: str) -> str:
    if space is not None and name in space:
        return space.parameter(name).latex_name()
    return name


def statics_plot(target: Any, x: str, *, space: Any = None, curves: tuple[str, Sequence[Any]] | None = None,
                 fixed: Mapping[str, Any] | None = None, xlim: tuple | None = None, n: int = 200,
                 quantity: str | None = None, ylabel: str | None = None, title: str | None = None,
                 markers: bool = False, width: str | float = "one", ax: Any = None):
    """An equilibrium quantity against parameter ``x``, one curve per value of another parameter.

    Parameters
    ----------
    target : sympy expression, str, StaticsRow, StaticsTable or callable
        The quantity; a callable gets a point ``{name: float}`` and returns a number.
    x : str
        The parameter on the horizontal axis.
    space : ParameterSpace, optional
        Needed for expressions (default: the table's space).
    curves : (name, values), optional
        Draw one curve for each value of parameter ``name``.
    fixed : mapping
        Values of the remaining parameters.
    xlim : pair, optional
        Default: the parameter's bounded domain, else [0, 10].
    n : int
        Points per curve.
    quantity : str, optional
        Which quantity of a StaticsTable.
    ylabel, title : str, optional
    markers : bool
        Add sparse markers (helps in grayscale).
    width : "one", "two" or inches
    ax : Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    Rubinstein's first-proposer share against delta_G for two values of delta_S:

    >>> from games.parameters import ParameterSpace
    >>> s = ParameterSpace({"dG": ("(0, 1)", r"\\delta_G"), "dS": ("(0, 1)", r"\\delta_S")})
    >>> fig = statics_plot("(1 - dS)/(1 - dG*dS)", "dG", space=s, curves=("dS", [0.5, 0.9]))
    >>> len(fig.axes[0].get_lines()), fig.axes[0].get_legend().get_texts()[1].get_text()
    (2, '$\\\\delta_S = 0.9$')
    """
    func = "statics_plot"
    f, space, qlabel = _as_function(target, space, quantity, func)
    if not isinstance(n, int) or n < 2:
        raise ParameterError(fmt_error(func, "n", "an int >= 2", n))
    fixed = dict(fixed or {})
    names = list(space.names) if space is not None else sorted(set(fixed) | {x} | ({curves[0]} if curves else set()))
    if space is not None and x not in space:
        raise ParameterError(fmt_error(func, "x", f"a parameter among {names}", x))
    if curves is not None:
        if not (isinstance(curves, (tuple, list)) and len(curves) == 2):
            raise ParameterError(fmt_error(func, "curves", "a pair (parameter name, values)", curves))
        if space is not None and curves[0] not in space:
            raise ParameterError(fmt_error(func, "curves", f"a parameter among {names}", curves[0]))
    needed = [m for m in names if m != x and (curves is None or m != curves[0])]
    missing = [m for m in needed if m not in fixed]
    if missing:
        raise ParameterError(fmt_error(func, "fixed", f"values for {missing}", fixed))
    lo, hi = parameter_window(space, x) if xlim is None else tuple(map(float, xlim))
    eps = (hi - lo) * 1e-4
    xs = np.linspace(lo + eps, hi - eps, n)
    values = list(curves[1]) if curves is not None else [None]
    with style():
        if ax is None:
            fig, ax = new_figure(width, None if width != "one" else 2.6)
        else:
            fig = ax.figure
        for k, v in enumerate(values):
            cols = {m: np.full(n, float(fixed[m])) for m in needed}
            cols[x] = xs
            if v is not None:
                cols[curves[0]] = np.full(n, float(v))
            if space is not None:
                cols = {m: cols[m] for m in space.names if m in cols}
                inside = np.asarray(space.mask(cols), dtype=bool) if set(cols) == set(space.names) else True
            else:
                inside = True
            ys = np.array(f(cols), dtype=float)
            ys = np.where(inside, ys, np.nan)
            lab = None if v is None else f"${_latex_name(space, curves[0])} = {float(v):g}$"
            kw = {}
            if markers:
                kw = dict(marker=MARKERS[k % len(MARKERS)], markevery=max(n // 8, 1), markerfacecolor="white")
            ax.plot(xs, ys, color="black", linestyle=LINESTYLES[k % len(LINESTYLES)], label=lab, **kw)
        ax.set_xlabel(param_label(space, x))
        ax.set_ylabel(ylabel if ylabel is not None else qlabel)
        ax.set_xlim(lo, hi)
        if title:
            ax.set_title(title)
        if curves is not None:
            legend_below(ax, ncol=min(len(curves[1]), 3))
    return fig
