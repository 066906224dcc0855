"""The report sections of a bargaining game: shares, the limit, the preferred horizon, figures."""

from __future__ import annotations

from typing import Any

import sympy

from games.errors import GameError
from games.formatting import format_condition, format_expr, latex_condition, latex_escape, latex_expr
from govgames.report_sections import Progress, SectionBuilder

__all__ = ["bargaining_sections"]


def bargaining_sections(b: SectionBuilder, slug: str, game: Any, point: dict, out_dir: str | None,
                        progress: bool) -> None:
    """Add a bargaining game's sections to ``b``: shares, limit, preferred horizon, the point, figures.

    Parameters
    ----------
    b : SectionBuilder
    slug : str
        Model name for progress lines.
    game : AlternatingOffers
    point : dict
        Parameter name -> value.
    out_dir : str or None
        Folder for the shares-against-deadline figure; ``None`` draws none.
    progress : bool
        Progress lines on stderr.

    Examples
    --------
    >>> from games import catalog
    >>> b = SectionBuilder()
    >>> slug = "limited_vs_indefinite_negotiation"
    >>> bargaining_sections(b, slug, catalog.load(slug), catalog.defaults(slug), None, False)
    >>> b.sections[0].title
    'Shares (subgame-perfect agreement)'
    """
    from solvers import bargain, preferred_horizon

    prog = Progress(progress, 3 + (out_dir is not None), slug)
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
            b.add("Preferred horizon", f"{hc.player} prefers the deadline {_where_text(hc.prefer_deadline)}; "
                  f"no deadline {_where_text(hc.prefer_indefinite)}",
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


def _where_text(cond: Any) -> str:
    if cond is sympy.true:
        return "always"
    if cond is sympy.false:
        return "never"
    return "where " + format_condition(cond)

