"""Exceptions and warnings raised by govgames.

Every message follows one format, ``"<func>(): <arg> must be <expected>;
got <value!r>"``, so that a user sees at once which argument was wrong and
what was expected.
"""

from __future__ import annotations

__all__ = [
    "GovgamesWarning",
    "GameError",
    "InvalidPayoffs",
    "ParameterError",
    "UnsupportedGame",
    "InvalidGame",
    "fmt_error",
]


class GovgamesWarning(RuntimeWarning):
    """Degeneracy, non-convergence or an undecided condition worth a look."""


class GameError(Exception):
    """Base class of every govgames error."""


class InvalidPayoffs(GameError, ValueError):
    """Payoffs of the wrong shape, non-finite, or not numbers/expressions."""


class ParameterError(GameError, ValueError):
    """A parameter, point or parameter space that is malformed or violated."""


class UnsupportedGame(GameError, TypeError):
    """A game this solver cannot handle (too large, wrong kind)."""


class InvalidGame(GameError, ValueError):
    """A malformed game: a bad tree, a malformed file, inconsistent labels."""


def fmt_error(func: str, arg: str, expected: str, got: object) -> str:
    """Format an error message in the project's one format.

    Examples
    --------
    >>> fmt_error("subs", "point", "a mapping of parameter names to numbers", 3)
    'subs(): point must be a mapping of parameter names to numbers; got 3'
    """
    return f"{func}(): {arg} must be {expected}; got {got!r}"
