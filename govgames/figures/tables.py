"""Tables for papers, under the figures' namespace: the functions of :mod:`govgames.tables`.

They live in :mod:`govgames.tables`, which needs no matplotlib (a report
without figures does not load it); this module keeps the
``govgames.figures.tables`` import path.

Examples
--------
>>> from govgames.figures.tables import payoff_table
>>> import govgames.tables
>>> payoff_table is govgames.tables.payoff_table
True
"""

from govgames.tables import (
    equilibria_table,
    payoff_table,
    regimes_table,
    render_table,
    stability_table,
    statics_table,
)

__all__ = ["payoff_table", "equilibria_table", "stability_table", "statics_table", "regimes_table",
           "render_table"]
