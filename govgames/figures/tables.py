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

from govgames.tables import *  # noqa: F401,F403 - the same function objects
from govgames.tables import __all__  # noqa: F401
