"""The report sections of a game tree: subgame-perfect outcomes, the point, the tree and a regime map."""

from __future__ import annotations

from typing import Any

import sympy

from games.formatting import format_condition, format_expr
from govgames.report_sections import Progress, SectionBuilder

__all__ = ["tree_sections"]


def tree_sections(b: SectionBuilder, slug: str, tree: Any, point: dict, out_dir: str | None, axes: tuple | None,
          progress: bool) -> None:
    """Add a game tree's sections to ``b``: subgame-perfect outcomes, the point, tree and regime map.

    Parameters
    ----------
    b : SectionBuilder
    slug : str
        Model name for progress lines.
    tree : GameTree
    point : dict
        Parameter name -> value.
    out_dir : str or None
        Folder for figures (the tree with the equilibrium path and, with two
        or more parameters, a regime map); ``None`` draws none.
    axes : pair of str or None
        The regime map's axes (default: the two parameters appearing in the
        most outcome conditions).
    progress : bool
        Progress lines on stderr.

    Examples
    --------
    >>> from games import catalog
    >>> b = SectionBuilder()
    >>> tree_sections(b, "entry_deterrence", catalog.load("entry_deterrence"), {}, None, None, False)
    >>> [s.title for s in b.sections]
    ['Subgame-perfect outcomes', 'At the point']
    """
    from govgames.tables import regimes_table
    from solvers import outcome_regimes, subgame_perfect

    prog = Progress(progress, 2 + (out_dir is not None), slug)
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
          latex=lambda: regimes_table(regs, "latex", space=space),
          markdown=lambda: regimes_table(regs, "markdown", space=space),
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

