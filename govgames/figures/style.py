"""One publication style for every govgames figure.

Serif fonts, sizes for one- and two-column journal figures, grayscale-safe
line styles, markers and hatches, vector output (PDF/SVG) plus PNG, and
axis labels typeset from the parameters' LaTeX names with matplotlib's
mathtext (no LaTeX installation needed).

Figures are built with the object-oriented API (:class:`matplotlib.figure.Figure`)
so nothing leaks into pyplot's global state and no ``plt.show()`` is ever called.
"""

from __future__ import annotations

import contextlib
import os
from typing import Any, Iterator, Mapping, Sequence

import matplotlib
from matplotlib.figure import Figure

from games.errors import ParameterError, fmt_error
from games.parameters import WINDOW_SPAN

__all__ = [
    "RC",
    "WIDTHS",
    "LINESTYLES",
    "MARKERS",
    "HATCHES",
    "GRAYS",
    "style",
    "new_figure",
    "param_label",
    "save_figure",
    "SPAN",
    "parameter_window",
    "legend_below",
]

#: Figure widths in inches: one journal column and the full page width.
WIDTHS = {"one": 3.5, "two": 7.0}

#: matplotlib rc settings of the style (serif, small sizes, vector-friendly fonts).
RC: dict[str, Any] = {
    "font.family": "serif",
    "font.serif": ["DejaVu Serif", "Times New Roman", "Times"],
    "mathtext.fontset": "dejavuserif",
    "font.size": 8,
    "axes.titlesize": 8,
    "axes.labelsize": 8,
    "legend.fontsize": 7,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "axes.linewidth": 0.6,
    "lines.linewidth": 1.0,
    "lines.markersize": 4,
    "legend.frameon": False,
    "savefig.bbox": "tight",
    "savefig.dpi": 200,
    "pdf.fonttype": 42,  # embed TrueType: editable text in the PDF
    "ps.fonttype": 42,
    "svg.fonttype": "none",
}

#: Line styles that stay distinguishable in grayscale print.
LINESTYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 2)))
#: Marker cycle (hollow markers are drawn with ``markerfacecolor="white"``).
MARKERS = ("o", "s", "^", "D", "v", "P")
#: Hatches for filled regions (grayscale-safe).
HATCHES = ("", "///", "\\\\\\", "...", "xxx", "---", "+++", "ooo")
#: Gray levels (as matplotlib color strings) for fills and lines.
GRAYS = ("0.0", "0.45", "0.7", "0.85", "0.25", "0.6", "0.92", "0.35")


@contextlib.contextmanager
def style() -> Iterator[None]:
    """Context manager applying :data:`RC` (restored on exit).

    Examples
    --------
    >>> import matplotlib
    >>> with style():
    ...     matplotlib.rcParams["font.family"]
    ['serif']
    """
    with matplotlib.rc_context(RC):
        yield


def new_figure(width: str | float = "one", height: float | None = None, *, nrows: int = 1, ncols: int = 1,
               projection: str | None = None) -> tuple[Figure, Any]:
    """A fresh :class:`~matplotlib.figure.Figure` (no pyplot state) and its axes.

    Parameters
    ----------
    width : "one", "two" or float
        One-column, two-column or a width in inches.
    height : float, optional
        Height in inches (default: 0.75 of the width per row, capped).
    nrows, ncols : int
        Subplot grid; the axes come back as one Axes or an array.
    projection : str, optional
        ``"3d"`` for three-dimensional axes.

    Examples
    --------
    >>> fig, ax = new_figure("two", nrows=1, ncols=2)
    >>> fig.get_size_inches().tolist()[0], len(ax)
    (7.0, 2)
    """
    if isinstance(width, str):
        if width not in WIDTHS:
            raise ParameterError(fmt_error("new_figure", "width", f"one of {sorted(WIDTHS)} or inches", width))
        w = WIDTHS[width]
    else:
        w = float(width)
    if height is None:
        height = min(w * 0.75 * nrows / max(ncols, 1), 8.0) if ncols > 1 else min(w * 0.75 * nrows, 8.0)
        height = max(height, 2.2)
    with style():
        # grids use constrained layout: titles, labels and the legends under each panel never overprint
        fig = Figure(figsize=(w, height), layout="constrained" if nrows * ncols > 1 else None)
        kw = {"projection": projection} if projection else {}
        axes = fig.subplots(nrows, ncols, subplot_kw=kw or None, squeeze=True)
    return fig, axes


def param_label(space: Any, name: str, *, unit: str | None = None) -> str:
    """A mathtext axis label for parameter ``name``: its declared LaTeX name.

    Parameters
    ----------
    space : ParameterSpace or None
        Where the parameter is declared; without it the name is used.
    name : str
    unit : str, optional
        Appended in parentheses.

    Examples
    --------
    >>> from games.parameters import ParameterSpace
    >>> param_label(ParameterSpace({"soft_power": ("nonnegative", r"\\sigma")}), "soft_power")
    'soft power $\\\\sigma$'
    >>> param_label(None, "T")
    '$T$'
    """
    if space is not None and name in space:
        latex = space.parameter(name).latex_name()
        # long descriptive names ("soft_power") keep their words before the symbol
        parts = name.split("_")
        text = " ".join(parts) if len(parts) > 1 and all(len(w) >= 3 for w in parts) else ""
    else:
        latex = name if len(name) == 1 else r"\mathrm{" + name.replace("_", r"\_") + "}"
        text = ""
    out = (text + " " if text else "") + f"${latex}$"
    return out + (f" ({unit})" if unit else "")


def save_figure(fig: Figure, path: str | os.PathLike, formats: Sequence[str] = ("pdf", "png")) -> list[str]:
    """Write ``fig`` as ``path.<fmt>`` for each format (vector PDF/SVG and PNG); returns the paths.

    Examples
    --------
    >>> import tempfile, os
    >>> fig, ax = new_figure()
    >>> with tempfile.TemporaryDirectory() as d:
    ...     [os.path.basename(p) for p in save_figure(fig, os.path.join(d, "f"))]
    ['f.pdf', 'f.png']
    """
    stem = os.fspath(path)
    root, ext = os.path.splitext(stem)
    if ext.lstrip(".") in ("pdf", "png", "svg", "eps"):
        stem, formats = root, (ext.lstrip("."),)
    out = []
    with style():
        for f in formats:
            p = f"{stem}.{f}"
            fig.savefig(p, format=f)
            out.append(p)
    return out


#: Width of the window on an unbounded side of a parameter's domain (:data:`games.parameters.WINDOW_SPAN`).
SPAN = WINDOW_SPAN


def parameter_window(space: Any, name: str, point: Mapping[str, Any] | None = None, *,
                     span: float = SPAN, n: int = 401) -> tuple[float, float]:
    """A parameter's axis window: :meth:`ParameterSpace.window <games.parameters.ParameterSpace.window>`.

    The one window rule lives on the space; this is the figures' spelling of
    it, which also accepts ``space=None`` (or a name the space lacks) and
    then gives ``(0, span)``.

    Parameters
    ----------
    space : ParameterSpace or None
    name : str
    point : mapping, optional
        A parameter point inside the space.
    span : float
        Width on an unbounded side.
    n : int
        Grid used to find the constrained window.

    Returns
    -------
    (float, float)

    Raises
    ------
    ParameterError
        When no value of ``name`` satisfies the constraints at ``point``.

    Examples
    --------
    >>> from games.parameters import ParameterSpace
    >>> s = ParameterSpace({"d": "(0, 1)", "k": "positive", "c": "positive", "x": "real"}, ["c < k"])
    >>> parameter_window(s, "d"), parameter_window(s, "k"), parameter_window(s, "x")
    ((0.0, 1.0), (0.0, 10.0), (-5.0, 5.0))
    >>> parameter_window(s, "c", {"d": 0.5, "k": 2, "x": 0}) == s.window("c", {"d": 0.5, "k": 2, "x": 0})
    True
    """
    if space is None or name not in space:
        return 0.0, float(span)
    return space.window(name, point, span=span, n=n)


def legend_below(ax: Any, *, handles: Sequence[Any] | None = None, ncol: int = 1, offset: float = 0.0,
                 **kwargs: Any) -> Any:
    """A legend under the axes, clear of the data, tick labels and axis label.

    Parameters
    ----------
    ax : Axes
    handles : sequence of artists, optional
        Default: the labelled artists of ``ax``.
    ncol : int
    offset : float
        Extra vertical offset (axes fraction, negative moves down).

    Examples
    --------
    >>> fig, ax = new_figure()
    >>> _ = ax.plot([0, 1], [0, 1], label="a")
    >>> leg = legend_below(ax)
    >>> leg.get_texts()[0].get_text()
    'a'
    """
    kw = dict(loc="upper center", bbox_to_anchor=(0.5, offset), ncol=max(int(ncol), 1), borderaxespad=4.4,
              handlelength=2.0)
    kw.update(kwargs)
    if handles is not None:
        return ax.legend(handles=list(handles), **kw)
    return ax.legend(**kw)
