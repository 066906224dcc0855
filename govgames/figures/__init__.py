"""Publication figures and tables from govgames results (matplotlib only).

Every drawing function takes a solver's result object and returns a
:class:`matplotlib.figure.Figure`; none integrates, classifies or solves,
and none calls ``plt.show()``.
"""

from govgames.figures.bargaining_plot import bargaining_plot, deadline_shares
from govgames.figures.dynamics import basin_plot, coordinate_labels, phase_portrait, settling_time, time_series, trajectories_3d
from govgames.figures.regime_map import regime_conditions, regime_map_plot
from govgames.figures.statics_plot import statics_plot
from govgames.figures.style import legend_below, new_figure, param_label, parameter_window, save_figure, style
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
    "parameter_window",
    "legend_below",
    "regime_map_plot",
    "regime_conditions",
    "statics_plot",
    "phase_portrait",
    "trajectories_3d",
    "time_series",
    "basin_plot",
    "coordinate_labels",
    "settling_time",
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
