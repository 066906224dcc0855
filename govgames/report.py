"""A paper's worth of analysis of a catalog model: :func:`analyze` -> :class:`Report`.

The analysis depends on the kind of game:

* normal-form games: equilibria with the conditions where they hold (pure
  equilibria for games with more than two players); replicator dynamics:
  the stability of the rest points, exactly (the vertices for games with
  more than two players or more than five strategies: in multi-population
  replicator dynamics only strict equilibria, vertices, can be
  asymptotically stable [1]_), the same table at the parameter point,
  comparative statics of mixed equilibria or of the stability margins of
  the attractors, and figures (phase portrait, or 3-D trajectories, a time
  series and the basins of attraction against a parameter);
* game trees: subgame-perfect outcomes with their regions, the equilibrium
  at the point, the tree with the SPE path and a regime map;
* bargaining games: closed-form shares, the preferred horizon, the shares
  at the point and against the deadline.

The parameter point is the caller's values on top of the model's defaults
(``games.catalog.defaults``); parameters with neither get a sample point of
the space. The report says which value came from where. Every solver is
called once; the figures draw those results.

References
----------
.. [1] K. Ritzberger and J. W. Weibull (1995), "Evolutionary selection in
   normal-form games", *Econometrica* 63(6): 1371-1399.
"""

from __future__ import annotations

import json
import os
from types import MappingProxyType
from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np
import sympy

from games.errors import ParameterError, fmt_error
from games.formatting import format_expr, format_number, latex_escape, latex_expr, latex_header
from govgames.report_bargaining import bargaining_sections
from govgames.report_normal_form import BASIN_TIME, normal_form_sections
from govgames.report_sections import Section, SectionBuilder
from govgames.report_trees import tree_sections

__all__ = ["analyze", "Report", "Section", "AnalyzeError", "DEFAULT_MODEL", "FORMATS", "parse_sets",
           "parse_value", "resolve_point"]

#: The model analysed when no model is given.
DEFAULT_MODEL = "collective_inaction"
#: Output formats of :meth:`Report.render`.
FORMATS = ("text", "latex", "markdown", "json")

#: Where a parameter value came from.
SOURCES = {"given": "given", "default": "catalog default", "sample": "sample point (no default)"}


class AnalyzeError(ParameterError):
    """A user error of :func:`analyze` (a bad value, an unwritable folder, an unknown axis)."""


@dataclass(frozen=True, eq=False)
class Report:
    """The analysis of one model at one parameter point.

    Attributes
    ----------
    model : str
        Catalog slug.
    kind : str
        ``"NormalFormGame"``, ``"GameTree"`` or ``"AlternatingOffers"``.
    point : mapping (read-only)
        Parameter name -> value used for the numbers and figures.
    sources : mapping (read-only)
        Parameter name -> where its value came from (``"given"``,
        ``"catalog default"``, ``"sample point (no default)"``).
    sections : tuple of Section
    results : mapping (read-only)
        The solvers' result objects by name (``"equilibria"``,
        ``"stability"``, ``"stability_at_point"``, ``"statics"``,
        ``"basins"``, ``"subgame_perfect"``, ``"regime_map"``, ...).
    figures : tuple of str
        Paths of the files written.

    Examples
    --------
    >>> r = analyze("prisoners_dilemma")
    >>> [s.title for s in r.sections][:2]
    ['Game', 'Equilibria']
    >>> print(str(r).splitlines()[0])
    prisoners_dilemma (NormalFormGame)
    """

    model: str
    kind: str
    point: dict
    sources: dict
    sections: tuple
    results: dict = field(default_factory=dict)
    figures: tuple = ()

    def section(self, title: str) -> Section:
        """The section with this title (KeyError if absent)."""
        for s in self.sections:
            if s.title == title:
                return s
        raise KeyError(title)

    def _point_lines(self) -> list[tuple[str, str, str]]:
        return [(k, format_number(v) if not isinstance(v, sympy.Basic) else format_expr(v), self.sources.get(k, ""))
                for k, v in self.point.items()]

    def render(self, fmt: str = "text") -> str:
        """The report as ``"text"``, ``"latex"``, ``"markdown"`` or ``"json"``."""
        if fmt not in FORMATS:
            raise AnalyzeError(fmt_error("Report.render", "fmt", f"one of {FORMATS}", fmt))
        if fmt == "json":
            return json.dumps(self.to_dict(), indent=2) + "\n"
        pts = self._point_lines()
        lines: list[str] = []
        if fmt == "latex":
            lines += [latex_header(), f"% govgames analyze {self.model} ({self.kind})"]
            if pts:
                lines += ["", r"\paragraph{Parameter point}",
                          ", ".join(f"${latex_expr(sympy.Symbol(k))} = {latex_expr(self.point[k])}$ ({src})"
                                    for k, _, src in pts) + "."]
            for s in self.sections:
                lines += ["", r"\paragraph{" + latex_escape(s.title) + "}", s.latex]
            if self.figures:
                lines += ["", "% figures: " + ", ".join(self.figures)]
        elif fmt == "markdown":
            lines.append(f"# {self.model} ({self.kind})")
            if pts:
                lines += ["", "| Parameter | Value | Source |", "|---|---|---|"]
                lines += [f"| `{k}` | {v} | {src} |" for k, v, src in pts]
            for s in self.sections:
                lines += ["", f"## {s.title}", "", s.markdown]
            if self.figures:
                lines += ["", "## Figures", ""] + [f"- `{f}`" for f in self.figures]
        else:
            lines.append(f"{self.model} ({self.kind})")
            if pts:
                w = max(len(k) for k, _, _ in pts)
                lines += ["", "Parameter point", "---------------"]
                lines += [f"{k.ljust(w)} = {v}  ({src})" for k, v, src in pts]
            for s in self.sections:
                lines += ["", s.title, "-" * len(s.title), s.text]
            if self.figures:
                lines += ["", "Figures", "-------"] + list(self.figures)
        return "\n".join(lines).rstrip("\n") + "\n"

    def __str__(self) -> str:
        return self.render("text")

    def __repr__(self) -> str:
        return f"Report({self.model!r}, {len(self.sections)} sections, {len(self.figures)} figure files)"

    def to_dict(self) -> dict:
        """A JSON-ready summary: model, point with sources, sections' data, figure paths."""
        return {"model": self.model, "kind": self.kind,
                "point": {k: {"value": v, "source": src} for k, v, src in self._point_lines()},
                "sections": [{"title": s.title, "text": s.text, "data": s.data} for s in self.sections],
                "figures": list(self.figures)}


# --------------------------------------------------------------------------- #
# the parameter point
# --------------------------------------------------------------------------- #

def parse_sets(sets: Any) -> dict[str, str]:
    """``["a=1", "b=1/2"]`` -> ``{"a": "1", "b": "1/2"}``; malformed items raise :class:`AnalyzeError`.

    Examples
    --------
    >>> parse_sets(["theta=0.8", "b = 1/2"])
    {'theta': '0.8', 'b': '1/2'}
    >>> parse_sets(["theta"])
    Traceback (most recent call last):
    ...
    govgames.report.AnalyzeError: analyze(): --set must be NAME=VALUE; got 'theta'
    """
    out: dict[str, str] = {}
    for item in sets or ():
        if not isinstance(item, str) or item.count("=") != 1:
            raise AnalyzeError(fmt_error("analyze", "--set", "NAME=VALUE", item))
        k, v = (s.strip() for s in item.split("="))
        if not k.isidentifier() or not v:
            raise AnalyzeError(fmt_error("analyze", "--set", "NAME=VALUE", item))
        out[k] = v
    return out


def parse_value(v: Any, name: str) -> Any:
    """A parameter value: exact for integers, fractions and decimals (``"0.8"`` -> 4/5), floats kept.

    Examples
    --------
    >>> parse_value("0.8", "theta"), parse_value("1/3", "b"), parse_value(2.5, "c")
    (4/5, 1/3, 2.5)
    """
    if isinstance(v, (int, float, sympy.Rational)) and not isinstance(v, bool):
        return v
    if isinstance(v, str):
        try:
            x = sympy.Rational(v.strip())
        except (TypeError, ValueError):
            x = None
        if x is not None:
            return x
    raise AnalyzeError(fmt_error("analyze", f"value of {name}", "a number (an integer, a fraction or a decimal)",
                                 v))


def resolve_point(slug: str, space: Any, given: Mapping[str, Any] | None = None) -> tuple[dict, dict]:
    """The analysis point and where each value came from.

    Given values first, then ``games.catalog.defaults(slug)``, then a
    deterministic sample point of the space for parameters with neither.
    The point is checked against the space's domains and constraints.

    Returns
    -------
    point : dict
    sources : dict

    Examples
    --------
    >>> from games import catalog
    >>> pt, src = resolve_point("volunteers_dilemma", catalog.load("volunteers_dilemma").space, {"cost": "1/2"})
    >>> pt["cost"], src["cost"], src["benefit"] in ("catalog default", "sample point (no default)")
    (1/2, 'given', True)
    """
    from games import catalog

    given = dict(given or {})
    unknown = sorted(k for k in given if k not in space)
    if unknown:
        raise AnalyzeError(fmt_error("analyze", "parameter", f"one of {list(space.names)}", ", ".join(unknown)))
    point: dict[str, Any] = {}
    sources: dict[str, str] = {}
    defaults = {k: v for k, v in catalog.defaults(slug).items() if k in space}
    for n in space.names:
        if n in given:
            point[n], sources[n] = parse_value(given[n], n), SOURCES["given"]
        elif n in defaults:
            v = defaults[n]
            point[n], sources[n] = (sympy.Rational(v) if isinstance(v, str) else v), SOURCES["default"]
    missing = [n for n in space.names if n not in point]
    if missing:
        sample = _sample_point(space, point, missing)
        for n in missing:
            point[n], sources[n] = sample[n], SOURCES["sample"]
    if len(space):
        space.point(point, func="analyze")  # names the violated domain or constraint
    return point, sources


def _sample_point(space: Any, fixed: Mapping[str, Any], missing: list) -> dict:
    """A deterministic point of the space agreeing with ``fixed``, rounded to simple values."""
    cols = space.sample_columns(400, rng=0)
    ok = np.ones(len(next(iter(cols.values()))), dtype=bool)
    for k, v in fixed.items():
        cols[k] = np.full(ok.shape, float(v))
    for n in missing:
        par = space.parameter(n)
        cols[n] = np.round(cols[n]) if par.is_integer else np.round(cols[n], 1)
    ok &= np.asarray(space.mask(cols), dtype=bool)
    if not ok.any():
        raise AnalyzeError(fmt_error("analyze", "point", f"values for {missing} (no default and no sample point "
                                     "found)", dict(fixed)))
    i = int(np.argmax(ok))
    return {n: (int(cols[n][i]) if space.parameter(n).is_integer else sympy.Rational(str(cols[n][i])))
            for n in missing}


def _check_out(out_dir: str) -> str:
    try:
        os.makedirs(out_dir, exist_ok=True)
        probe = os.path.join(out_dir, ".govgames-write-test")
        with open(probe, "w", encoding="utf-8") as fh:
            fh.write("")
        os.remove(probe)
    except OSError as err:
        raise AnalyzeError(fmt_error("analyze", "out_dir", "a writable folder",
                                     f"{out_dir} ({err.strerror or type(err).__name__})")) from None
    return out_dir


def analyze(model: str | None = None, point: Mapping[str, Any] | None = None, *, out_dir: str | None = None,
            axes: Any = None, progress: bool = False, basin_starts: int = 200) -> Report:
    """Analyse a catalog model at a parameter point; returns a :class:`Report`.

    Parameters
    ----------
    model : str, optional
        Catalog slug (default :data:`DEFAULT_MODEL`; see ``games.catalog.names()``).
    point : mapping, optional
        Parameter values (numbers or strings such as ``"1/2"``) on top of
        the model's defaults.
    out_dir : str, optional
        Folder for figures (PDF and PNG); ``None`` draws none.
    axes : str or pair of str, optional
        Parameters of the regime map (trees) or the basin plot (the first).
    progress : bool
        Report progress on stderr.
    basin_starts : int
        Starting states per parameter value of the basin plot.

    Returns
    -------
    Report

    Raises
    ------
    ValueError
        An unknown model (the message lists close matches), an unknown
        parameter, a point outside the space, an unwritable ``out_dir``.

    Examples
    --------
    >>> r = analyze("stag_hunt")
    >>> print(r.section("Equilibria").text.splitlines()[0])
    pure: (stag, stag); payoffs 4, 4; always
    >>> dict(analyze("volunteers_dilemma", {"benefit": 3, "cost": "1/2"}).point)
    {'benefit': 3, 'cost': 1/2}
    """
    from games import catalog

    slug = DEFAULT_MODEL if model is None else model
    game = catalog.load(slug)
    space = game.space
    pt, sources = resolve_point(slug, space, point)
    if out_dir is not None:
        _check_out(out_dir)
    if isinstance(axes, str):
        axes = tuple(a.strip() for a in axes.split(",") if a.strip())
    axes = tuple(axes) if axes else None
    for a in axes or ():
        if a not in space:
            raise AnalyzeError(fmt_error("analyze", "axes", f"parameters among {list(space.names)}", a))
    kind = type(game).__name__
    b = SectionBuilder()
    if kind == "NormalFormGame":
        normal_form_sections(b, slug, game, pt, out_dir, axes, progress, basin_starts)
    elif kind == "GameTree":
        tree_sections(b, slug, game, pt, out_dir, axes, progress)
    elif kind == "AlternatingOffers":
        bargaining_sections(b, slug, game, pt, out_dir, progress)
    else:
        raise AnalyzeError(fmt_error("analyze", "model", "a normal-form game, game tree or bargaining game",
                                     f"{slug} ({kind})"))
    return Report(slug, kind, MappingProxyType(pt), MappingProxyType(sources), tuple(b.sections),
                  MappingProxyType(b.results), tuple(b.figures))

