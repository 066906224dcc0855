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
import sys
import time
from types import MappingProxyType
from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np
import sympy

from games.errors import GameError, ParameterError, fmt_error
from games.formatting import (format_condition, format_expr, format_number, latex_condition, latex_escape,
                              latex_expr, latex_header)

__all__ = ["analyze", "Report", "Section", "AnalyzeError", "DEFAULT_MODEL", "FORMATS", "parse_sets",
           "parse_value", "resolve_point"]

#: The model analysed when no model is given.
DEFAULT_MODEL = "collective_inaction"
#: Output formats of :meth:`Report.render`.
FORMATS = ("text", "latex", "markdown", "json")

#: End time of the basin runs (the collective-inaction dynamics settle by t ~ 5).
BASIN_TIME = 25.0
#: Where a parameter value came from.
SOURCES = {"given": "given", "default": "catalog default", "sample": "sample point (no default)"}


class AnalyzeError(ParameterError):
    """A user error of :func:`analyze` (a bad value, an unwritable folder, an unknown axis)."""


@dataclass(frozen=True)
class Section:
    """One section of a report: a title and its text, LaTeX, Markdown and JSON-ready data."""

    title: str
    text: str
    latex: str
    markdown: str
    data: Any = None


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


# --------------------------------------------------------------------------- #
# the analysis
# --------------------------------------------------------------------------- #

class _Progress:
    def __init__(self, enabled: bool, total: int, model: str):
        self.enabled, self.total, self.k, self.t0, self.model = enabled, total, 0, time.perf_counter(), model

    def __call__(self, msg: str) -> None:
        self.k += 1
        self.note(f"[{self.k}/{self.total}] {msg}")

    def note(self, msg: str) -> None:
        if self.enabled:
            print(f"govgames analyze {self.model}: {msg} ({time.perf_counter() - self.t0:.1f}s)",
                  file=sys.stderr, flush=True)


class _Builder:
    def __init__(self) -> None:
        self.sections: list[Section] = []
        self.results: dict[str, Any] = {}
        self.figures: list[str] = []

    def add(self, title: str, text: str, *, latex: str | None = None, markdown: str | None = None,
            data: Any = None) -> None:
        self.sections.append(Section(title, text, latex if latex is not None else latex_escape(text),
                                     markdown if markdown is not None else text, data))

    def save(self, fig: Any, out_dir: str, name: str) -> None:
        from govgames.figures.style import save_figure

        self.figures += save_figure(fig, os.path.join(out_dir, name))
        fig.clear()


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
    b = _Builder()
    if kind == "NormalFormGame":
        _normal_form(b, slug, game, pt, out_dir, axes, progress, basin_starts)
    elif kind == "GameTree":
        _tree(b, slug, game, pt, out_dir, axes, progress)
    elif kind == "AlternatingOffers":
        _bargaining(b, slug, game, pt, out_dir, progress)
    else:
        raise AnalyzeError(fmt_error("analyze", "model", "a normal-form game, game tree or bargaining game",
                                     f"{slug} ({kind})"))
    return Report(slug, kind, MappingProxyType(pt), MappingProxyType(sources), tuple(b.sections),
                  MappingProxyType(b.results), tuple(b.figures))


# --- normal-form games -------------------------------------------------------

def _profile_text(game: Any, e: Any) -> str:
    parts = []
    for strats, sigma in zip(game.strategies, e.profile):
        ones = [k for k, x in enumerate(sigma) if sympy.sympify(x) == 1]
        if len(ones) == 1:
            parts.append(strats[ones[0]])
        else:
            parts.append("(" + ", ".join(f"{s} {format_expr(x)}" for s, x in zip(strats, sigma)
                                         if sympy.sympify(x) != 0) + ")")
    return "(" + ", ".join(parts) + ")"


def _stable_condition(row: Any) -> Any:
    """Where a stability row's rest point is asymptotically stable (``false`` if never)."""
    return dict(row.classes).get("stable", sympy.false)


def _stability_lines(table: Any, space: Any) -> list[str]:
    out = []
    for r in table:
        coords = "(" + ", ".join(format_expr(c) for c in r.point.coordinates) + ")"
        eig = "eigenvalues " + ", ".join(format_expr(e) for e in r.eigenvalues) if r.eigenvalues is not None \
            else f"eigenvalues: roots of {format_expr(r.charpoly)}"
        stable = _stable_condition(r)
        name = "ESS" if r.point.is_vertex else "asymptotically stable"
        if r.classification is not None:
            classes = name if r.classification == "stable" else r.classification
        elif stable is sympy.false:
            classes = f"never {name}"
        else:
            classes = f"{name} if {format_condition(stable, space)}"
        exists = "" if r.point.condition is sympy.true else f" [exists if {format_condition(r.point.condition)}]"
        out.append(f"{r.point.label} {coords}{exists}: {eig}; {classes}")
    return out


def _sign_text(r: Any) -> str:
    if r.sign == "ambiguous":
        return "changes sign on the space" + (" (witnesses of both signs)" if r.witnesses else "")
    how = "proved" if r.proved else f"sampled at {r.n_samples} points, no counterexample"
    return f"{r.sign}, {how}"


def _normal_form(b: _Builder, slug: str, game: Any, point: dict, out_dir: str | None, axes: tuple | None,
                 progress: bool, basin_starts: int) -> None:
    from govgames.figures.tables import equilibria_table, payoff_table, stability_table, statics_table
    from solvers import replicator
    from solvers import stability
    from solvers import comparative_statics

    space = game.space
    sizes = tuple(game.shape)
    small = game.n_players == 2 and sum(sizes) <= 5
    prog = _Progress(progress, 4 + (out_dir is not None), slug)
    b.add("Game", f"{game.name or slug}: players {', '.join(game.players)}; strategies "
          + "; ".join(f"{p}: {', '.join(s)}" for p, s in zip(game.players, game.strategies)),
          latex=payoff_table(game, "latex"), markdown=payoff_table(game, "markdown"),
          data={"players": list(game.players), "strategies": [list(s) for s in game.strategies],
                "parameters": list(space.names)})
    prog("equilibria")
    if game.n_players == 2:
        from solvers import equilibria

        eqs = equilibria(game)
    else:
        from solvers import pure_equilibria

        eqs = pure_equilibria(game)
    b.results["equilibria"] = eqs
    txt = [f"{e.kind}: {_profile_text(game, e)}; payoffs {', '.join(format_expr(v) for v in e.payoffs)}; "
           f"{'always' if e.condition is sympy.true else 'if ' + format_condition(e.condition, space)}"
           for e in eqs]
    b.add("Equilibria" if game.n_players == 2 else "Pure equilibria", "\n".join(txt) or "none",
          latex=equilibria_table(eqs, "latex"), markdown=equilibria_table(eqs, "markdown"),
          data=[{"kind": e.kind, "profile": [[format_expr(x) for x in v] for v in e.profile],
                 "payoffs": [format_expr(v) for v in e.payoffs], "condition": format_condition(e.condition)}
                for e in eqs])
    prog("replicator dynamics: stability")
    dyn = replicator(game)
    # one stability computation: the whole table for small two-player games, the vertices otherwise
    # (only vertices can be asymptotically stable in multi-population dynamics, Ritzberger-Weibull 1995)
    table = stability(dyn) if (small or not dyn.free_symbols) else stability(dyn, vertices_only=True)
    b.results["stability"] = table
    title = "Stability (replicator dynamics)" if (small or not dyn.free_symbols) \
        else "Stability of the vertices (replicator dynamics)"
    lines = _stability_lines(table, space)
    stable_rows = [r for r in table if _stable_condition(r) is not sympy.false]
    if dyn.free_symbols and len(space):
        from games.conditions import is_satisfiable

        both = [(a.label, c.label) for i, a in enumerate(stable_rows) for c in stable_rows[i + 1:]
                if is_satisfiable(sympy.And(_stable_condition(a), _stable_condition(c)), space)]
        if both:
            lines.append("bistable (the outcome depends on the start) where both are stable: "
                         + "; ".join(f"{x} and {y}" for x, y in both))
    b.add(title, "\n".join(lines), latex=stability_table(table, "latex"), markdown=stability_table(table, "markdown"),
          data=[{"rest_point": r.label, "coordinates": [format_expr(c) for c in r.point.coordinates],
                 "classes": {c: format_condition(v) for c, v in r.classes}} for r in table])
    prog("stability at the point")
    at = table.at(point) if dyn.free_symbols else table
    b.results["stability_at_point"] = at
    b.add("Stability at the point",
          "\n".join(f"{r.point.label} ({', '.join(format_expr(c) for c in r.point.coordinates)}): "
                    f"{r.classification}" for r in at),
          latex=stability_table(at, "latex"), markdown=stability_table(at, "markdown"),
          data=[{"rest_point": r.label, "coordinates": [format_expr(c) for c in r.point.coordinates],
                 "class": r.classification} for r in at])
    prog("comparative statics")
    if len(space):
        target: Any = None
        if game.n_players == 2 and any(not e.is_pure and e.is_symbolic for e in eqs):
            target = type(eqs)([e for e in eqs if not e.is_pure], space=space)
        else:
            # stability margins (minus the eigenvalues) of the vertices stable at the point
            stable_here = {r.label for r in at if r.classification == "stable"}
            target = {f"margin of {r.label} for {pop}": -e for r in table
                      if r.point.is_vertex and r.label in stable_here and r.eigenvalues is not None
                      for pop, e in zip(dyn.populations, r.eigenvalues)}
        if target:
            try:
                st = comparative_statics(target, space=space)
                b.results["statics"] = st
                rows = [r for r in st if r.sign != "0"]
                b.add("Comparative statics",
                      "\n".join(f"d[{r.quantity}]/d{r.parameter} = {format_expr(r.derivative)}  ({_sign_text(r)})"
                                for r in rows) or "no parameter moves these quantities",
                      latex=statics_table(rows, "latex", space=space),
                      markdown=statics_table(rows, "markdown", space=space),
                      data=[{"quantity": r.quantity, "parameter": r.parameter,
                             "derivative": format_expr(r.derivative), "sign": r.sign,
                             "established": r.established} for r in rows])
            except (GameError, ValueError, TypeError) as err:
                b.add("Comparative statics", f"not available: {err}")
    if out_dir is None:
        return
    prog("figures")
    _dynamics_figures(b, dyn, at, space, point, out_dir, axes, prog, basin_starts)


def _dynamics_figures(b: _Builder, dyn: Any, at: Any, space: Any, point: dict, out_dir: str, axes: tuple | None,
                      prog: _Progress, basin_starts: int) -> None:
    from govgames.figures.dynamics import basin_plot, phase_portrait, settling_time, time_series, trajectories_3d
    from solvers import basins, simulate

    shape = [len(s) for s in dyn.strategies]
    num = at.dyn
    times = np.linspace(0.0, 20.0, 801)
    if shape in ([2, 2], [3]):
        b.save(phase_portrait(at), out_dir, "phase_portrait")
    elif shape == [2, 2, 2]:
        starts = [[a, c, e] for a in (0.2, 0.8) for c in (0.2, 0.8) for e in (0.2, 0.8)]
        tr = simulate(num, None, starts, times)
        b.results["trajectories"] = tr
        b.save(trajectories_3d(tr, table=at), out_dir, "trajectories_3d")
        ts = simulate(num, None, [0.5, 0.5, 0.5], times)
        b.save(time_series(ts), out_dir, "time_series")
        b.add("Time series from the centre",
              f"from (1/2, 1/2, 1/2) the shares settle by t = {format_number(settling_time(ts.t, ts.states))} "
              f"at ({', '.join(format_number(x) for x in ts.final[0])})")
    par = axes[0] if axes else ("theta" if "theta" in space else None)
    if par is None and len(space):
        par = next((p.name for p in space.parameters if p.bounds[0] is not None and p.bounds[1] is not None),
                   space.names[0])
    if par is None or not (dyn.dimension == 3 or axes):
        return
    lo, hi = space.window(par, point)
    values = np.linspace(lo, hi, 10)[1:-1] if hi > lo else np.array([lo])
    results = []
    for k, v in enumerate(values):
        prog.note(f"basins {k + 1}/{len(values)} ({par} = {format_number(v)})")
        pt = dict(point)
        pt[par] = float(v)
        results.append(basins(dyn, pt, n=basin_starts, rng=0, t=BASIN_TIME, dt=0.1))
    b.results["basins"] = tuple(results)
    fig = basin_plot(results, parameter=par, values=values, space=space)
    b.save(fig, out_dir, f"basin_{par}")
    w = max(len(k) for k in fig.basin_shares)
    b.add(f"Basins of attraction against {par}",
          f"{par}".ljust(w) + "  " + " ".join(f"{format_number(v, 2):>5}" for v in values) + "\n"
          + "\n".join(lab.ljust(w) + "  " + " ".join(f"{s:5.2f}" for s in shares)
                      for lab, shares in fig.basin_shares.items())
          + f"\n(shares of {basin_starts} uniform starting states; only asymptotically stable rest points have "
            f"basins; 'other': not near one at t = {BASIN_TIME:g})",
          data={"parameter": par, "values": [float(v) for v in values],
                "shares": {k: [float(x) for x in v] for k, v in fig.basin_shares.items()}})


# --- game trees ----------------------------------------------------------------

def _tree(b: _Builder, slug: str, tree: Any, point: dict, out_dir: str | None, axes: tuple | None,
          progress: bool) -> None:
    from govgames.figures.tables import regimes_table
    from solvers import outcome_regimes, subgame_perfect

    prog = _Progress(progress, 2 + (out_dir is not None), slug)
    space = tree.space
    prog("subgame-perfect equilibria")
    spe = subgame_perfect(tree)
    regs = outcome_regimes(spe)
    b.results["subgame_perfect"] = spe
    b.results["outcome_regimes"] = regs
    b.add("Subgame-perfect outcomes",
          "\n".join(f"{' -> '.join(r.path)}: payoffs {', '.join(format_expr(v) for v in r.payoffs)}; "
                    f"{'always' if r.condition is sympy.true else 'if ' + format_condition(r.condition)}"
                    for r in regs),
          latex=regimes_table(regs, "latex", space=space), markdown=regimes_table(regs, "markdown", space=space),
          data=[{"path": list(r.path), "payoffs": [format_expr(v) for v in r.payoffs],
                 "condition": format_condition(r.condition)} for r in regs])
    prog("equilibrium at the point")
    here = [e for e in spe if (not len(space)) or e.holds_at(point)]
    b.add("At the point",
          "\n".join(f"{' -> '.join(e.path)}: payoffs "
                    + ", ".join(format_expr(v) for v in (e.at(point).payoffs if len(space) else e.payoffs))
                    for e in here) or "no equilibrium holds at the point",
          data=[{"path": list(e.path)} for e in here])
    if out_dir is None:
        return
    prog("figures")
    from govgames.figures.regime_map import regime_map_plot
    from govgames.figures.tree import draw_tree
    from solvers import regime_map

    b.save(draw_tree(tree, here[0] if here else None), out_dir, "tree")
    if len(space) >= 2:
        x, y = axes if axes and len(axes) == 2 else _two_axes(regs, space)
        fixed = {k: v for k, v in point.items() if k not in (x, y)}
        # one regime per outcome (path), as in the outcome table
        m = regime_map(regs, x, y, fixed, 120, x_range=space.window(x, point), y_range=space.window(y, point),
                       space=space)
        b.results["regime_map"] = m
        b.save(regime_map_plot(m), out_dir, "regime_map")


def _two_axes(regs: Any, space: Any) -> tuple[str, str]:
    """The two parameters appearing in the most regime conditions."""
    counts = {n: 0 for n in space.names}
    for r in regs:
        for s in getattr(r.condition, "free_symbols", ()):
            counts[s.name] = counts.get(s.name, 0) + 1
    best = sorted(space.names, key=lambda n: (-counts[n], space.names.index(n)))
    return best[0], best[1]


# --- bargaining -------------------------------------------------------------------

def _bargaining(b: _Builder, slug: str, game: Any, point: dict, out_dir: str | None, progress: bool) -> None:
    from solvers import bargain, preferred_horizon

    prog = _Progress(progress, 3 + (out_dir is not None), slug)
    space = game.space
    prog("subgame-perfect agreement")
    res = bargain(game)
    b.results["bargaining"] = res
    players = getattr(game, "players", None) or ("player 1", "player 2")
    lines, tex = [], []
    for c in res.cases:
        cond = c.condition if not isinstance(c.condition, bool) else (sympy.true if c.condition else sympy.false)
        head = f"{c.label + ': ' if c.label else ''}"
        for p, s in zip(players, c.shares):
            lines.append(f"{head}share of {p} = {format_expr(s)}")
            tex.append(f"{latex_escape(head)}share of {latex_escape(p)}: $" + latex_expr(s, space) + "$")
        if cond is not sympy.true:
            lines.append(f"  if {format_condition(cond)}")
            tex.append("if " + latex_condition(cond, space))
    b.add("Shares (subgame-perfect agreement)", "\n".join(lines), latex="\n\n".join(tex),
          data=[{"label": c.label, "shares": [format_expr(v) for v in c.shares],
                 "condition": format_condition(c.condition)} for c in res.cases])
    if res.limit is not None:
        b.add("Indefinite-horizon limit", ", ".join(f"share of {p} = {format_expr(s)}"
                                                    for p, s in zip(players, res.limit.shares)),
              data=[format_expr(v) for v in res.limit.shares])
    prog("preferred horizon")
    if game.horizon is not None and game.costs is None:
        try:
            hc = preferred_horizon(game)
            b.results["preferred_horizon"] = hc
            b.add("Preferred horizon", f"{hc.player} prefers the deadline {_where(hc.prefer_deadline)}; "
                  f"no deadline {_where(hc.prefer_indefinite)}",
                  data={"player": hc.player, "deadline": format_condition(hc.prefer_deadline),
                        "indefinite": format_condition(hc.prefer_indefinite)})
        except (GameError, ValueError, TypeError) as err:
            b.add("Preferred horizon", f"not available: {err}")
    prog("shares at the point")
    if len(space):
        num = res.at(point)
        b.add("At the point", ", ".join(f"share of {p} = {format_expr(s)}" for p, s in zip(players, num.shares)),
              data=[format_expr(v) for v in num.shares])
    if out_dir is not None:
        prog("figures")
        from govgames.figures.bargaining_plot import bargaining_plot
        from solvers.share_curves import deadline_shares, discount_shares

        has_discount = any(getattr(d, "free_symbols", None) for d in game.discount)
        b.save(bargaining_plot(deadline_shares(game, point, T_max=15),
                               discount_shares(game, point, n=30) if has_discount else None), out_dir, "bargaining")


def _where(cond: Any) -> str:
    if cond is sympy.true:
        return "always"
    if cond is sympy.false:
        return "never"
    return "where " + format_condition(cond)
