"""Compatibility alias: the condition engine lives in :mod:`games.conditions`."""

from games.conditions import *  # noqa: F401,F403
from games.conditions import __all__  # noqa: F401
