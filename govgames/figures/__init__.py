"""Publication figures and tables from govgames results (matplotlib only).

Every drawing function takes result objects and returns a
:class:`matplotlib.figure.Figure`; none calls ``plt.show()``.
"""

from govgames.figures.bargaining_plot import bargaining_plot, deadline_shares
from govgames.figures.dynamics import basin_plot, integrate, phase_portrait, time_series, trajectories_3d
from govgames.figures.regime_map import classify_grid, regime_conditions, regime_map
from govgames.figures.statics_plot import statics_plot
from govgames.figures.style import new_figure, param_label, save_figure, style
from govgames.figures.tables import (
    equilibria_table,
    payoff_table,
    regimes_table,
    render_table,
    stability_table,
    statics_table,
)
from govgames.figures.tree import draw_tree, tree_layout

__all__ = [
    "style",
    "new_figure",
    "param_label",
    "save_figure",
    "regime_map",
    "regime_conditions",
    "classify_grid",
    "statics_plot",
    "phase_portrait",
    "trajectories_3d",
    "time_series",
    "basin_plot",
    "integrate",
    "bargaining_plot",
    "deadline_shares",
    "draw_tree",
    "tree_layout",
    "render_table",
    "payoff_table",
    "equilibria_table",
    "stability_table",
    "statics_table",
    "regimes_table",
]
