"""The report sections of a normal-form game: equilibria, replicator stability, statics, figures.

References
----------
.. [1] K. Ritzberger and J. W. Weibull (1995), "Evolutionary selection in
   normal-form games", *Econometrica* 63(6): 1371-1399.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy

from games.errors import GameError
from games.formatting import format_condition, format_expr, format_number
from govgames.report_sections import Progress, SectionBuilder

__all__ = ["normal_form_sections", "dynamics_figures", "BASIN_TIME", "TRAJECTORY_TIME", "TRAJECTORY_TIMES"]

#: End time of the basin runs (the collective-inaction dynamics settle by t ~ 5).
BASIN_TIME = 25.0
#: End time and number of report times of the 3-D trajectories and the time series (RK4 step 0.05).
TRAJECTORY_TIME, TRAJECTORY_TIMES = 20.0, 401


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


def normal_form_sections(b: SectionBuilder, slug: str, game: Any, point: dict, out_dir: str | None,
                         axes: tuple | None, progress: bool, basin_starts: int) -> None:
    """Add a normal-form game's sections to ``b``: game, equilibria, stability, statics, figures.

    Two-player games get all equilibria, others the pure ones; the
    replicator dynamics' stability table is exact (the vertices only for
    multi-population dynamics with parameters: only strict equilibria can be
    asymptotically stable there [1]_), then the table at ``point``, the
    comparative statics of the mixed equilibria or of the stable vertices'
    margins, and with ``out_dir`` the figures (:func:`dynamics_figures`).

    Parameters
    ----------
    b : SectionBuilder
    slug : str
        Model name for progress lines.
    game : NormalFormGame
    point : dict
        Parameter name -> value (a point of ``game.space``).
    out_dir : str or None
        Folder for figures; ``None`` draws none.
    axes : tuple of str or None
        The basin plot's parameter first.
    progress : bool
        Progress lines on stderr.
    basin_starts : int
        Starting states per parameter value of the basin plot.

    Examples
    --------
    >>> from games import catalog
    >>> b = SectionBuilder()
    >>> normal_form_sections(b, "stag_hunt", catalog.load("stag_hunt"), {}, None, None, False, 10)
    >>> [s.title for s in b.sections][:2], sorted(b.results)[:2]
    (['Game', 'Equilibria'], ['equilibria', 'stability'])
    """
    from govgames.tables import equilibria_table, payoff_table, stability_table, statics_table
    from solvers import replicator
    from solvers import stability
    from solvers import comparative_statics

    space = game.space
    sizes = tuple(game.shape)
    small = game.n_players == 2 and sum(sizes) <= 5
    prog = Progress(progress, 4 + (out_dir is not None), slug)
    b.add("Game", f"{game.name or slug}: players {', '.join(game.players)}; strategies "
          + "; ".join(f"{p}: {', '.join(s)}" for p, s in zip(game.players, game.strategies)),
          latex=lambda: payoff_table(game, "latex"), markdown=lambda: payoff_table(game, "markdown"),
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
          latex=lambda: equilibria_table(eqs, "latex"), markdown=lambda: equilibria_table(eqs, "markdown"),
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
    b.add(title, "\n".join(lines), latex=lambda: stability_table(table, "latex"),
          markdown=lambda: stability_table(table, "markdown"),
          data=[{"rest_point": r.label, "coordinates": [format_expr(c) for c in r.point.coordinates],
                 "classes": {c: format_condition(v) for c, v in r.classes}} for r in table])
    prog("stability at the point")
    at = table.at(point) if dyn.free_symbols else table
    b.results["stability_at_point"] = at
    b.add("Stability at the point",
          "\n".join(f"{r.point.label} ({', '.join(format_expr(c) for c in r.point.coordinates)}): "
                    f"{r.classification}" for r in at),
          latex=lambda: stability_table(at, "latex"), markdown=lambda: stability_table(at, "markdown"),
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
                      latex=lambda: statics_table(rows, "latex", space=space),
                      markdown=lambda: statics_table(rows, "markdown", space=space),
                      data=[{"quantity": r.quantity, "parameter": r.parameter,
                             "derivative": format_expr(r.derivative), "sign": r.sign,
                             "established": r.established} for r in rows])
            except (GameError, ValueError, TypeError) as err:
                b.add("Comparative statics", f"not available: {err}")
    if out_dir is None:
        return
    prog("figures")
    dynamics_figures(b, dyn, at, space, point, out_dir, axes, prog, basin_starts)


def dynamics_figures(b: SectionBuilder, dyn: Any, at: Any, space: Any, point: dict, out_dir: str, axes: tuple | None,
                      prog: Progress, basin_starts: int) -> None:
    """Draw the dynamics figures of a normal-form report into ``out_dir`` and add their sections.

    A phase portrait (two 2-strategy populations or one 3-strategy
    population), or 3-D trajectories and a time series from the centre (three
    2-strategy populations); the basins of attraction against one parameter
    (``axes[0]``, ``theta`` or the first bounded parameter) for 3-D dynamics
    or when ``axes`` is given.

    Parameters
    ----------
    b : SectionBuilder
    dyn : Replicator
        The (symbolic) dynamics.
    at : StabilityTable
        Its stability table at ``point`` (``at.dyn`` is numeric).
    space : ParameterSpace
    point : dict
    out_dir : str
    axes : tuple of str or None
    prog : Progress
    basin_starts : int
        Starting states per parameter value.

    Examples
    --------
    >>> import tempfile
    >>> from games import catalog
    >>> from solvers import replicator, stability
    >>> dyn = replicator(catalog.load("prisoners_dilemma"))
    >>> b = SectionBuilder()
    >>> with tempfile.TemporaryDirectory() as d:
    ...     dynamics_figures(b, dyn, stability(dyn), dyn.space, {}, d, None, Progress(False, 1, "pd"), 10)
    ...     len(b.figures) > 0
    True
    """
    from govgames.figures.dynamics import basin_plot, phase_portrait, settling_time, time_series, trajectories_3d
    from solvers import basins, simulate
    from solvers.simulation import Trajectory

    shape = [len(s) for s in dyn.strategies]
    num = at.dyn
    if shape in ([2, 2], [3]):
        b.save(phase_portrait(at), out_dir, "phase_portrait")
    elif shape == [2, 2, 2]:
        starts = [[a, c, e] for a in (0.2, 0.8) for c in (0.2, 0.8) for e in (0.2, 0.8)]
        # one integration of the eight corner starts and the centre, reported once per RK4 step
        both = simulate(num, None, starts + [[0.5, 0.5, 0.5]], np.linspace(0.0, TRAJECTORY_TIME, TRAJECTORY_TIMES),
                        dt=TRAJECTORY_TIME / (TRAJECTORY_TIMES - 1))
        tr = Trajectory(both.t, both.states[:, :-1], both.dynamics, both.point, both.method)
        ts = Trajectory(both.t, both.states[:, -1:], both.dynamics, both.point, both.method)
        b.results["trajectories"] = tr
        b.save(trajectories_3d(tr, table=at), out_dir, "trajectories_3d")
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

