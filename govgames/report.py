"""``govgames analyze`` and ``govgames list``: a paper's worth of analysis of a catalog model.

``govgames analyze [MODEL] [--set name=value ...] [--out DIR] [--format text|latex|markdown|json]``

With no MODEL the collective-inaction model (catalog slug
``"collective_inaction"``) is analysed. The analysis depends on the kind of
game:

* normal-form games: equilibria with the conditions where they hold
  (pure equilibria for games with more than two players), replicator
  dynamics (the vertices' eigenvalues and stability conditions, exactly;
  the full stability table at the parameter point), comparative statics
  (of mixed equilibria, or of the stability margins of vertices that can be
  stable), and figures (phase portrait, or 3-D trajectories, time series and
  the basin of attraction against a parameter);
* game trees: subgame-perfect outcomes with their regions, the equilibrium
  at the point, the tree with the SPE path and a regime map;
* bargaining games: closed-form shares, the preferred horizon and shares
  against the deadline and discount factor.

The parameter point for numbers and figures is ``--set`` values on top of
the model's documented defaults. Progress goes to stderr; errors are one
line and a non-zero exit. Figures are imported lazily (solvers never import
figures at module level).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any, Mapping, TextIO

import sympy

from games.errors import GameError, ParameterError, fmt_error

__all__ = ["add_analyze_parser", "add_list_parser", "run_analyze", "run_list", "analyze", "render", "parse_sets",
           "default_point", "AnalyzeError", "DEFAULT_MODEL"]

PROG = "govgames"
#: The model analysed when no MODEL is given.
DEFAULT_MODEL = "collective_inaction"
FORMATS = ("text", "latex", "markdown", "json")


class AnalyzeError(ParameterError):
    """A user error of ``govgames analyze`` (bad --set, unwritable --out, ...)."""


# --------------------------------------------------------------------------- #
# argument parsing
# --------------------------------------------------------------------------- #

def add_analyze_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``analyze`` subcommand to an argparse subparsers object.

    The subparser's ``handler`` default is ``run_analyze(args, out)``.

    Examples
    --------
    >>> p = argparse.ArgumentParser(prog="govgames")
    >>> sub = p.add_subparsers(dest="command")
    >>> _ = add_analyze_parser(sub)
    >>> a = p.parse_args(["analyze", "--set", "theta=0.8", "--format", "json"])
    >>> a.model, a.set, a.format
    (None, ['theta=0.8'], 'json')
    """
    p = subparsers.add_parser(
        "analyze", help="analyse a catalog model: equilibria, stability, statics, figures",
        description="Analyse a catalog model (default: the collective-inaction model): equilibria with "
                    "their conditions, stability of replicator dynamics, comparative statics and figures.")
    p.add_argument("model", nargs="?", default=None, metavar="MODEL",
                   help=f"catalog slug (see 'govgames list'; default: {DEFAULT_MODEL})")
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                   help="parameter value for numbers and figures (repeatable)")
    p.add_argument("--out", default="out", metavar="DIR", help="folder for figures (default: ./out)")
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    p.add_argument("--no-figures", action="store_true", help="skip the figures")
    p.add_argument("--axes", default=None, metavar="X,Y", help="parameters of the regime map / basin plot")
    p.set_defaults(handler=lambda args, out: run_analyze(args, out))
    return p


def add_list_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``list`` subcommand (the catalog with one-line descriptions).

    Examples
    --------
    >>> p = argparse.ArgumentParser(prog="govgames")
    >>> _ = add_list_parser(p.add_subparsers(dest="command"))
    >>> p.parse_args(["list"]).command
    'list'
    """
    p = subparsers.add_parser("list", help="the catalog's models", description="List the catalog's models.")
    p.set_defaults(handler=lambda args, out: run_list(args, out))
    return p


def run_list(args: argparse.Namespace | None = None, out: TextIO | None = None) -> int:
    """Print every catalog slug with its kind and one-line description; returns 0.

    Examples
    --------
    >>> run_list()  # doctest: +ELLIPSIS
    battle_of_the_sexes ...
    0
    """
    from games import catalog

    out = out or sys.stdout
    slugs = catalog.names()
    width = max((len(s) for s in slugs), default=0)
    for s in slugs:
        out.write(f"{s.ljust(width)}  {catalog.describe(s)}\n")
    return 0


def run_analyze(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run ``govgames analyze`` from parsed arguments; returns the exit status.

    Errors are printed as one line on stderr (exit status 1), never a traceback.

    Examples
    --------
    >>> ns = argparse.Namespace(model="no_such_model", set=[], out="out", format="text", no_figures=True,
    ...                         axes=None)
    >>> run_analyze(ns)
    1
    """
    out = out or sys.stdout
    try:
        doc = analyze(args.model, sets=args.set, out_dir=None if args.no_figures else args.out,
                      axes=args.axes, progress=True)
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except (ValueError, TypeError, ArithmeticError, OSError) as err:
        msg = " ".join(str(err).split()) or type(err).__name__
        print(f"{PROG}: error: {msg}", file=sys.stderr)
        return 1
    except Exception as err:  # noqa: BLE001 - a CLI reports, never dumps a traceback
        print(f"{PROG}: error: {type(err).__name__}: {' '.join(str(err).split())}", file=sys.stderr)
        return 1
    out.write(render(doc, args.format))
    return 0


# --------------------------------------------------------------------------- #
# helpers
# --------------------------------------------------------------------------- #

class _Progress:
    def __init__(self, enabled: bool, total: int):
        self.enabled, self.total, self.k, self.t0 = enabled, total, 0, time.perf_counter()

    def __call__(self, msg: str) -> None:
        self.k += 1
        if self.enabled:
            print(f"{PROG} analyze: [{self.k}/{self.total}] {msg} ({time.perf_counter() - self.t0:.1f}s)",
                  file=sys.stderr, flush=True)


def parse_sets(sets: Any) -> dict[str, str]:
    """``["a=1", "b=1/2"]`` -> ``{"a": "1", "b": "1/2"}``; malformed items raise ParameterError.

    Examples
    --------
    >>> parse_sets(["theta=0.8", "b = 1/2"])
    {'theta': '0.8', 'b': '1/2'}
    >>> parse_sets(["theta"])
    Traceback (most recent call last):
    ...
    govgames.report.AnalyzeError: analyze(): --set must be NAME=VALUE; got 'theta'
    """
    outd: dict[str, str] = {}
    for item in sets or ():
        if not isinstance(item, str) or item.count("=") != 1:
            raise AnalyzeError(fmt_error("analyze", "--set", "NAME=VALUE", item))
        k, v = (s.strip() for s in item.split("="))
        if not k.isidentifier() or not v:
            raise AnalyzeError(fmt_error("analyze", "--set", "NAME=VALUE", item))
        outd[k] = v
    return outd


def _number(v: str, name: str) -> Any:
    try:
        x = sympy.Rational(v) if "." not in v and "e" not in v.lower() else float(v)
    except (TypeError, ValueError):
        raise AnalyzeError(fmt_error("analyze", f"--set {name}", "a number", v)) from None
    return x


def default_point(slug: str, space: Any) -> dict[str, Any]:
    """The model's default parameter values (``games.catalog.defaults``).

    Parameters without a default get a deterministic sample point of the space.

    Examples
    --------
    >>> from games import catalog
    >>> default_point("collective_inaction", catalog.load("collective_inaction").space)["theta"]
    1/2
    """
    from games import catalog

    point = {k: sympy.Rational(v) if isinstance(v, str) else v for k, v in catalog.defaults(slug).items()
             if k in space}
    missing = [n for n in space.names if n not in point]
    if missing:
        sample = space.sample(1, rng=0)[0]
        for n in missing:
            v = sample[n]
            point[n] = int(round(v)) if space.parameter(n).is_integer else round(float(v), 2)
    return point


def _check_out(out_dir: str) -> str:
    try:
        os.makedirs(out_dir, exist_ok=True)
        probe = os.path.join(out_dir, ".govgames-write-test")
        with open(probe, "w", encoding="utf-8") as fh:
            fh.write("")
        os.remove(probe)
    except OSError as err:
        raise AnalyzeError(fmt_error("analyze", "--out", "a writable folder",
                                     f"{out_dir} ({err.strerror or type(err).__name__})")) from None
    return out_dir


class _Doc:
    """Sections of the analysis; each with text, LaTeX, Markdown and JSON renderings."""

    def __init__(self, model: str, kind: str, point: Mapping[str, Any]):
        self.model, self.kind, self.point = model, kind, dict(point)
        self.sections: list[dict[str, Any]] = []
        self.figures: list[str] = []

    def add(self, title: str, text: str, *, latex: str | None = None, markdown: str | None = None,
            data: Any = None) -> None:
        self.sections.append({"title": title, "text": text, "latex": latex if latex is not None else text,
                              "markdown": markdown if markdown is not None else text, "data": data})


def render(doc: _Doc, fmt: str) -> str:
    """Render an analysis in one of :data:`FORMATS`."""
    if fmt == "json":
        payload = {"model": doc.model, "kind": doc.kind,
                   "point": {k: str(v) for k, v in doc.point.items()},
                   "sections": [{"title": s["title"], "data": s["data"]} for s in doc.sections],
                   "figures": doc.figures}
        return json.dumps(payload, indent=2, default=str) + "\n"
    lines = []
    pt = ", ".join(f"{k}={v}" for k, v in doc.point.items())
    if fmt == "latex":
        lines.append(f"% govgames analyze {doc.model} ({doc.kind}); point: {pt}")
        for s in doc.sections:
            lines += ["", r"\paragraph{" + s["title"] + "}", s["latex"]]
        if doc.figures:
            lines += ["", "% figures: " + ", ".join(doc.figures)]
    elif fmt == "markdown":
        lines.append(f"# {doc.model} ({doc.kind})\n\nParameter point: `{pt}`")
        for s in doc.sections:
            lines += ["", f"## {s['title']}", "", s["markdown"]]
        if doc.figures:
            lines += ["", "## Figures", ""] + [f"- `{f}`" for f in doc.figures]
    else:
        lines.append(f"{doc.model} ({doc.kind})\nparameter point: {pt}")
        for s in doc.sections:
            lines += ["", s["title"], "-" * len(s["title"]), s["text"]]
        if doc.figures:
            lines += ["", "figures", "-------"] + doc.figures
    return "\n".join(lines).rstrip("\n") + "\n"


# --------------------------------------------------------------------------- #
# the analysis
# --------------------------------------------------------------------------- #

def analyze(model: str | None = None, *, sets: Any = (), out_dir: str | None = "out", axes: str | None = None,
            progress: bool = False) -> _Doc:
    """Analyse a catalog model; returns the analysis document (see :func:`render`).

    Parameters
    ----------
    model : str, optional
        Catalog slug (default :data:`DEFAULT_MODEL`).
    sets : sequence of "name=value"
        Parameter values for the numeric parts and figures.
    out_dir : str or None
        Folder for figures (PDF and PNG); ``None`` skips figures.
    axes : "x,y", optional
        Parameters of the regime map (trees) or the basin plot (first one).
    progress : bool
        Report progress on stderr.

    Examples
    --------
    >>> doc = analyze("prisoners_dilemma", out_dir=None)
    >>> [s["title"] for s in doc.sections][:2]
    ['Game', 'Equilibria']
    """
    from games import catalog

    slug = DEFAULT_MODEL if model is None else model
    game = catalog.load(slug)  # UnknownGameError (a ValueError) lists close matches
    values = parse_sets(sets)
    space = game.space
    unknown = sorted(k for k in values if k not in space)
    if unknown:
        raise AnalyzeError(fmt_error("analyze", "--set", f"parameters among {list(space.names)}",
                                     ", ".join(unknown)))
    point = default_point(slug, space) if len(space) else {}
    point.update({k: _number(v, k) for k, v in values.items()})
    if len(space):
        space.point(point, func="analyze")  # names the violated domain or constraint
    if out_dir is not None:
        _check_out(out_dir)
    kind = type(game).__name__
    axes_t = tuple(a.strip() for a in axes.split(",")) if axes else None
    if axes_t:
        for a in axes_t:
            if a not in space:
                raise AnalyzeError(fmt_error("analyze", "--axes", f"parameters among {list(space.names)}", a))
    doc = _Doc(slug, kind, point)
    if kind == "NormalFormGame":
        _analyze_normal_form(doc, game, point, out_dir, axes_t, progress)
    elif kind == "GameTree":
        _analyze_tree(doc, game, point, out_dir, axes_t, progress)
    elif kind == "AlternatingOffers":
        _analyze_bargaining(doc, game, point, out_dir, progress)
    else:
        raise AnalyzeError(fmt_error("analyze", "MODEL", "a normal-form game, game tree or bargaining game",
                                     f"{slug} ({kind})"))
    return doc


def _save(doc: _Doc, fig: Any, out_dir: str | None, name: str) -> None:
    from govgames.figures.style import save_figure

    doc.figures += save_figure(fig, os.path.join(out_dir, name))


def _vertex_stability(dyn: Any) -> list[tuple[str, tuple, tuple, Any]]:
    """(label, vertex, eigenvalues, stable condition) for each vertex: the table papers print."""
    from solvers.stability import stability

    return [(r.point.label, tuple(r.point.coordinates), tuple(r.eigenvalues), r.condition("stable"))
            for r in stability(dyn, vertices_only=True)]


def _analyze_normal_form(doc: _Doc, game: Any, point: dict, out_dir: str | None, axes: tuple | None,
                         progress: bool) -> None:
    from games.conditions import is_satisfiable
    from solvers.replicator import replicator
    from solvers.stability import stability
    from solvers.statics import comparative_statics

    sizes = tuple(game.shape)
    two_by = all(k == 2 for k in sizes)
    small = game.n_players == 2 and sum(sizes) <= 5
    steps = 4 + (0 if out_dir is None else 1)
    prog = _Progress(progress, steps)
    space = game.space
    from govgames.figures.tables import equilibria_table, payoff_table, render_table, stability_table, statics_table

    doc.add("Game", f"{game.name or doc.model}: players {', '.join(game.players)}; strategies "
            + "; ".join(f"{p}: {', '.join(s)}" for p, s in zip(game.players, game.strategies)),
            latex=payoff_table(game, "latex"), markdown=payoff_table(game, "markdown"),
            data={"players": list(game.players), "strategies": [list(s) for s in game.strategies],
                  "parameters": list(space.names)})
    prog("equilibria")
    if game.n_players == 2:
        from solvers.nash import equilibria

        eqs = equilibria(game)
    else:
        from solvers.pure import pure_equilibria

        eqs = pure_equilibria(game)
    txt = []
    for e in eqs:
        prof = ", ".join(s[[k for k, x in enumerate(v) if sympy.sympify(x) == 1][0]]
                         if e.is_pure else "(" + ", ".join(str(x) for x in v) + ")"
                         for s, v in zip(game.strategies, e.profile))
        txt.append(f"{e.kind}: ({prof})  payoffs {tuple(e.payoffs)}  if {e.condition}")
    title = "Equilibria" if game.n_players == 2 else "Pure equilibria"
    doc.add("Equilibria", "\n".join(txt) or "none found", latex=equilibria_table(eqs, "latex"),
            markdown=equilibria_table(eqs, "markdown"),
            data=[{"kind": e.kind, "profile": [[str(x) for x in v] for v in e.profile],
                   "payoffs": [str(v) for v in e.payoffs], "condition": str(e.condition)} for e in eqs])
    if title != "Equilibria":
        doc.sections[-1]["title"] = title
    prog("replicator dynamics")
    names = ("x", "y", "z") if game.n_players == 3 and two_by else None
    taken = set(space.names)
    if names and taken & set(names):
        names = None
    dyn = replicator(game, state_names=names)
    sym_table = None
    if space and small:
        sym_table = stability(dyn)
        doc.add("Stability (replicator dynamics)", repr(sym_table), latex=stability_table(sym_table, "latex"),
                markdown=stability_table(sym_table, "markdown"),
                data=[{"rest_point": r.label, "coordinates": [str(c) for c in r.point.coordinates],
                       "classes": {c: str(v) for c, v in r.classes}} for r in sym_table])
    else:
        verts = _vertex_stability(dyn) if space else []
        if verts:
            rows_t, rows_tex = [], []
            for lab, v, eig, cond in verts:
                rows_t.append(f"{lab} {v}: eigenvalues {eig}; ESS iff {cond}")
                c = "never" if cond is sympy.false else ("always" if cond is sympy.true
                                                        else "$" + space.latex(cond) + "$")
                rows_tex.append([lab, "$(" + ", ".join(map(str, v)) + ")$",
                                 ", ".join("$" + space.latex(e) + "$" for e in eig), c])
            both = [(a, b) for i, a in enumerate(verts) for b in verts[i + 1:]
                    if a[3] is not sympy.false and b[3] is not sympy.false
                    and is_satisfiable(sympy.And(a[3], b[3]), space)]
            if both:
                rows_t.append("bistable (a trap: the outcome depends on the start): "
                              + "; ".join(f"{a[0]} and {b[0]}" for a, b in both))
            doc.add("Stability of the vertices (replicator dynamics)", "\n".join(rows_t),
                    latex=render_table(["Profile", "Vertex", "Eigenvalues", "ESS iff"], rows_tex, "latex"),
                    markdown=render_table(["Profile", "Vertex", "Eigenvalues", "ESS iff"], rows_tex, "markdown"),
                    data=[{"vertex": lab, "eigenvalues": [str(e) for e in eig], "ess_condition": str(cond)}
                          for lab, v, eig, cond in verts] + [{"bistable": [a[0], b[0]]} for a, b in both])
    prog("stability at the point")
    num_dyn = dyn.subs(point) if dyn.free_symbols else dyn
    num_table = stability(num_dyn)
    text = "\n".join(f"{r.point.label} ({', '.join(str(c) for c in r.point.coordinates)}): {r.classification}"
                     for r in num_table)
    doc.add("Stability table at the point", text, latex=stability_table(num_table, "latex"),
            markdown=stability_table(num_table, "markdown"),
            data=[{"rest_point": r.label, "coordinates": [str(c) for c in r.point.coordinates],
                   "class": r.classification} for r in num_table])
    prog("comparative statics")
    if len(space):
        target: Any = None
        if game.n_players == 2 and any(not e.is_pure and e.is_symbolic for e in eqs):
            target = type(eqs)([e for e in eqs if not e.is_pure], space=space)
        elif sym_table is None and not small:
            verts = _vertex_stability(dyn)
            # stability margins (minus the eigenvalues) of the vertices that are stable at the point:
            # how each parameter deepens or erodes each attractor
            subs = space.point(point)
            target = {f"margin {lab}[{pop}]": -e for lab, v, eig, cond in verts
                      if cond is not sympy.false and cond.xreplace(subs) is sympy.true
                      for pop, e in zip(dyn.populations, eig)}
        if target:
            try:
                st = comparative_statics(target, space=space)
                rows = [r for r in st if r.sign != "0"]
                doc.add("Comparative statics",
                        "\n".join(f"d[{r.quantity}]/d{r.parameter} = {r.derivative}  ({r.sign}; {r.established})"
                                  for r in rows),
                        latex=statics_table(rows, "latex", space=space),
                        markdown=statics_table(rows, "markdown", space=space),
                        data=[{"quantity": r.quantity, "parameter": r.parameter, "derivative": str(r.derivative),
                               "sign": r.sign, "established": r.established} for r in rows])
            except (GameError, ValueError, TypeError) as err:
                doc.add("Comparative statics", f"not available: {err}")
    if out_dir is not None:
        prog("figures")
        from govgames.figures.dynamics import basin_plot, phase_portrait, time_series, trajectories_3d

        if dyn.dimension == 2 and [len(s) for s in dyn.strategies] in ([2, 2], [3]):
            _save(doc, phase_portrait(num_dyn, table=num_table), out_dir, "phase_portrait")
        elif [len(s) for s in dyn.strategies] == [2, 2, 2]:
            starts = [[a, b, c] for a in (0.2, 0.8) for b in (0.2, 0.8) for c in (0.2, 0.8)]
            _save(doc, trajectories_3d(num_dyn, starts, table=num_table), out_dir, "trajectories_3d")
            _save(doc, time_series(num_dyn, [0.5, 0.5, 0.5], t_max=30), out_dir, "time_series")
        par = axes[0] if axes else next((n for n in ("theta",) if n in space), None)
        if par is None and len(space):
            par = next((p.name for p in space.parameters if p.bounds[0] is not None and p.bounds[1] is not None),
                       space.names[0])
        if par is not None and (dyn.dimension == 3 or axes):
            import numpy as np

            from govgames.figures.style import axis_limits

            lo, hi = axis_limits(space, par, default=(0.0, 2.0 * float(point[par]) or 1.0))
            vals = np.linspace(lo + (hi - lo) * 0.05, hi - (hi - lo) * 0.05, 10)
            fixed = {k: v for k, v in point.items() if k != par}
            fig = basin_plot(dyn, par, vals, fixed=fixed, n_starts=150, t_max=50, steps=250)
            _save(doc, fig, out_dir, f"basin_{par}")
            doc.add(f"Basins of attraction against {par}",
                    "\n".join(f"{lab}: " + " ".join(f"{v:.2f}" for v in s) for lab, s in fig.basin_shares.items()),
                    data={"values": [float(v) for v in vals],
                          "shares": {k: [float(x) for x in v] for k, v in fig.basin_shares.items()}})


def _analyze_tree(doc: _Doc, tree: Any, point: dict, out_dir: str | None, axes: tuple | None,
                  progress: bool) -> None:
    from govgames.figures.tables import regimes_table
    from solvers.backward_induction import outcome_regimes, subgame_perfect

    prog = _Progress(progress, 3 + (0 if out_dir is None else 1))
    space = tree.space
    prog("subgame-perfect equilibria")
    spe = subgame_perfect(tree)
    regs = outcome_regimes(spe)
    doc.add("Subgame-perfect outcomes",
            "\n".join(f"{' -> '.join(r.path)}: payoffs {tuple(r.payoffs)} if {r.condition}" for r in regs),
            latex=regimes_table(regs, "latex", space=space), markdown=regimes_table(regs, "markdown", space=space),
            data=[{"path": list(r.path), "payoffs": [str(v) for v in r.payoffs], "condition": str(r.condition)}
                  for r in regs])
    prog("equilibrium at the point")
    at = [e for e in spe if (not len(space)) or e.holds_at(point)]
    doc.add("At the point", "\n".join(f"{' -> '.join(e.path)}: payoffs "
                                      f"{tuple(e.at(point).payoffs) if len(space) else tuple(e.payoffs)}"
                                      for e in at),
            data=[{"path": list(e.path)} for e in at])
    prog("done")
    if out_dir is not None:
        prog("figures")
        from govgames.figures.regime_map import regime_map
        from govgames.figures.tree import draw_tree

        _save(doc, draw_tree(tree, at[0] if at else None), out_dir, "tree")
        if len(space) >= 2:
            x, y = axes if axes and len(axes) == 2 else _two_axes(regs, space)
            fixed = {k: float(v) for k, v in point.items() if k not in (x, y)}
            xl = (0.0, max(3.0 * float(point[x]), 1.0))
            yl = (0.0, max(3.0 * float(point[y]), 1.0))
            _save(doc, regime_map(spe, x, y, fixed=fixed, xlim=xl, ylim=yl, resolution=150), out_dir, "regime_map")


def _two_axes(regs: Any, space: Any) -> tuple[str, str]:
    """The two parameters appearing in the most regime conditions."""
    counts = {n: 0 for n in space.names}
    for r in regs:
        for s in getattr(r.condition, "free_symbols", ()):
            counts[s.name] = counts.get(s.name, 0) + 1
    best = sorted(space.names, key=lambda n: (-counts[n], space.names.index(n)))
    return best[0], best[1]


def _analyze_bargaining(doc: _Doc, game: Any, point: dict, out_dir: str | None, progress: bool) -> None:
    from solvers.bargaining import bargain, preferred_horizon

    prog = _Progress(progress, 3 + (0 if out_dir is None else 1))
    space = game.space
    prog("subgame-perfect agreement")
    res = bargain(game)
    doc.add("Shares (subgame-perfect agreement)",
            "\n".join(f"{c.label or 'case'}: shares {tuple(c.shares)} if {c.condition}" for c in res.cases),
            latex="$" + res.to_latex() + "$", markdown="$" + res.to_latex() + "$",
            data=[{"label": c.label, "shares": [str(v) for v in c.shares], "condition": str(c.condition)}
                  for c in res.cases])
    if res.limit is not None:
        doc.add("Indefinite-horizon limit", f"shares {tuple(res.limit.shares)}",
                data=[str(v) for v in res.limit.shares])
    prog("preferred horizon")
    if game.horizon is not None and game.costs is None:
        try:
            hc = preferred_horizon(game)
            doc.add("Preferred horizon", f"{hc.player} prefers the deadline where {hc.prefer_deadline}; "
                    f"indefinite where {hc.prefer_indefinite}",
                    data={"player": hc.player, "deadline": str(hc.prefer_deadline),
                          "indefinite": str(hc.prefer_indefinite)})
        except (GameError, ValueError, TypeError) as err:
            doc.add("Preferred horizon", f"not available: {err}")
    prog("at the point")
    if len(space):
        num = res.at(point)
        doc.add("At the point", f"shares {tuple(num.shares)}", data=[str(v) for v in num.shares])
    if out_dir is not None:
        prog("figures")
        from govgames.figures.bargaining_plot import bargaining_plot

        _save(doc, bargaining_plot(game, point, T_max=15, n=30), out_dir, "bargaining")
