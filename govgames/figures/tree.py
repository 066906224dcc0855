"""Drawing extensive-form game trees (no LaTeX installation needed).

Decision nodes are labelled with the mover, chance nodes are hollow squares
with the branch probabilities on their edges, terminal nodes carry payoff
vectors (typeset with the parameters' LaTeX names through mathtext),
information sets with more than one node are joined by dashed lines, and a
subgame-perfect equilibrium's choices are drawn in thick lines (its path of
play thickest).
"""

from __future__ import annotations

from typing import Any, Mapping

import numpy as np
import sympy

from matplotlib.patches import FancyArrowPatch

from govgames.figures.style import new_figure, style
from games.errors import UnsupportedGame, fmt_error

__all__ = ["draw_tree", "tree_layout"]


def tree_layout(tree: Any) -> dict[tuple, tuple[float, float]]:
    """Node positions: leaves evenly spaced on ``x`` in preorder, parents centred, depth down ``y``.

    Examples
    --------
    >>> from games.catalog import load
    >>> pos = tree_layout(load("entry_deterrence"))
    >>> pos[()], pos[("Out",)]
    ((0.75, 0.0), (0.0, -1.0))
    """
    leaves = list(tree.terminals)
    pos: dict[tuple, tuple[float, float]] = {}
    for i, h in enumerate(leaves):
        pos[h] = (float(i), float(-len(h)))
    for h in sorted(tree.nodes, key=len, reverse=True):
        if h in pos:
            continue
        kids = [h + (a,) for a in tree.node(h).actions]
        pos[h] = (float(np.mean([pos[k][0] for k in kids])), float(-len(h)))
    return pos


def _tex(v: Any, space: Any) -> str:
    if isinstance(v, float):
        return f"{v:.3g}"
    v = sympy.sympify(v)
    if not v.free_symbols:
        return sympy.latex(v)
    return space.latex(v) if space is not None and len(space) else sympy.latex(v)


def _positive(p: Any) -> bool:
    if isinstance(p, (int, float)):
        return p > 0
    p = sympy.sympify(p)
    if p.free_symbols:
        return not p.is_zero
    return bool(p > 0)


def draw_tree(tree: Any, spe: Any = None, *, title: str | None = None, width: str | float = "two",
              height: float | None = None, payoff_fontsize: float = 6.5, ax: Any = None):
    """Draw a game tree; optionally highlight a subgame-perfect equilibrium.

    Parameters
    ----------
    tree : GameTree
    spe : Equilibrium, optional
        An equilibrium with ``behavior`` (infoset -> action probabilities),
        e.g. one element of :func:`solvers.backward_induction.subgame_perfect`.
        Its choices are drawn thick, its path of play thickest.
    title : str, optional
    width : "one", "two" or inches
    height : float, optional
    payoff_fontsize : float
    ax : Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
        With attribute ``tree_info``: counts of nodes, drawn edges,
        highlighted edges, path edges and information-set links.

    Examples
    --------
    >>> from games.catalog import load
    >>> from solvers import subgame_perfect
    >>> t = load("entry_deterrence")
    >>> fig = draw_tree(t, subgame_perfect(t)[0])
    >>> fig.tree_info["nodes"], fig.tree_info["path_edges"]
    (5, 2)
    """
    func = "draw_tree"
    if not (hasattr(tree, "terminals") and hasattr(tree, "node") and hasattr(tree, "infosets")):
        raise UnsupportedGame(fmt_error(func, "tree", "a GameTree", type(tree).__name__))
    behavior: Mapping = {}
    if spe is not None:
        beh = getattr(spe, "behavior", None)
        if beh is None:
            raise UnsupportedGame(fmt_error(func, "spe", "an equilibrium with behaviour strategies", spe))
        behavior = spe.behavior_map() if hasattr(spe, "behavior_map") else dict(beh)
    pos = tree_layout(tree)
    space = tree.space
    n_leaves = len(tree.terminals)
    depth = max(len(h) for h in tree.nodes)
    info = {"nodes": len(tree.nodes), "edges": 0, "highlighted_edges": 0, "path_edges": 0, "infoset_links": 0}
    # the path of play: follow positive-probability choices from the root
    on_path = set()
    if spe is not None:
        frontier = [()]
        while frontier:
            h = frontier.pop()
            nv = tree.node(h)
            if nv.kind == "terminal":
                continue
            for a, p in zip(nv.actions, nv.probabilities or ()):
                if nv.kind == "chance" and _positive(p):
                    frontier.append(h + (a,))
            if nv.kind == "decision":
                probs = behavior.get(nv.infoset, {})
                for a in nv.actions:
                    if _positive(probs.get(a, 0)):
                        on_path.add(h + (a,))
                        frontier.append(h + (a,))
    with style():
        if ax is None:
            h_in = height if height is not None else max(2.2, 0.9 * (depth + 1))
            fig, ax = new_figure(width, h_in)
        else:
            fig = ax.figure
        for h in tree.nodes:
            nv = tree.node(h)
            x0, y0 = pos[h]
            for k, a in enumerate(nv.actions):
                child = h + (a,)
                x1, y1 = pos[child]
                chosen = nv.kind == "decision" and _positive(behavior.get(nv.infoset, {}).get(a, 0))
                lw, color = (2.4, "black") if child in on_path else ((1.4, "black") if chosen else (0.7, "0.45"))
                ax.plot([x0, x1], [y0, y1], color=color, lw=lw, zorder=1, solid_capstyle="round")
                info["edges"] += 1
                info["highlighted_edges"] += int(chosen)
                info["path_edges"] += int(child in on_path)
                lab = a
                if nv.kind == "chance":
                    lab = f"{a} (${_tex(nv.probabilities[k], space)}$)"
                xm, ym = (x0 + x1) / 2, (y0 + y1) / 2
                ax.text(xm + (0.04 if x1 >= x0 else -0.04), ym, lab, fontsize=6.5,
                        ha="left" if x1 >= x0 else "right", va="center", zorder=3,
                        bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.8))
            if nv.kind == "decision":
                ax.plot([x0], [y0], marker="o", markersize=5, color="black", zorder=4)
                ax.text(x0, y0 + 0.12, nv.player, ha="center", va="bottom", fontsize=7, zorder=4)
            elif nv.kind == "chance":
                ax.plot([x0], [y0], marker="s", markersize=6, markerfacecolor="white", markeredgecolor="black",
                        zorder=4)
                ax.text(x0, y0 + 0.12, "chance", ha="center", va="bottom", fontsize=7, style="italic")
            else:
                ax.plot([x0], [y0], marker="o", markersize=2.5, color="black", zorder=4)
                pay = r",\ ".join(_tex(v, space) for v in nv.payoffs)
                ax.text(x0, y0 - 0.1, f"$({pay})$", ha="center", va="top", fontsize=payoff_fontsize,
                        rotation=90 if n_leaves > 6 else 0)
        j = 0
        for label, nodes in tree.infosets.items():
            if len(nodes) < 2:
                continue
            xs = sorted(pos[h] for h in nodes)
            # arcs, alternately above and below, so that interleaved information sets stay apart
            rad = (0.12 + 0.06 * (j // 2)) * (-1) ** j
            for (xa, ya), (xb, yb) in zip(xs, xs[1:]):
                ax.add_patch(FancyArrowPatch((xa, ya), (xb, yb), arrowstyle="-", connectionstyle=f"arc3,rad={rad}",
                                             linestyle=(0, (4, 3)), lw=0.9, color="black", zorder=2))
                info["infoset_links"] += 1
            j += 1
        ax.set_xlim(-0.6, max(n_leaves - 1, 1) + 0.6)
        ax.set_ylim(-depth - (1.4 if n_leaves > 6 else 0.7), 0.5)
        ax.set_axis_off()
        if title:
            ax.set_title(title)
        if spe is not None:
            ax.text(0.0, 1.0, "thick: equilibrium choices\nthickest: path of play", transform=ax.transAxes,
                    fontsize=6, ha="left", va="top", color="0.3")
    fig.tree_info = info
    return fig
