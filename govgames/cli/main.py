"""The ``govgames`` command line: ``solve``, ``analyze`` and ``list`` (one module each).

``main(argv)`` is the entry point (``govgames`` on the PATH, or
``python -m govgames``). Errors (a missing or malformed file, a bad value, a
game too large) are one line on stderr with a non-zero exit status, never a
traceback. Commands import their solvers lazily so that ``govgames
--version`` stays fast.
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from govgames.cli import analyze as _analyze
from govgames.cli import list as _list
from govgames.cli import solve as _solve

__all__ = ["main", "build_parser", "PROG"]

PROG = "govgames"


def _version() -> str:
    from games import __version__

    return __version__


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one subcommand per module of :mod:`govgames.cli`.

    Examples
    --------
    >>> build_parser().parse_args(["solve", "game.nfg", "--exact"]).exact
    True
    """
    parser = argparse.ArgumentParser(
        prog=PROG, description="Game theory of governance: equilibria of games from files and the catalog.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (_solve, _analyze, _list):
        module.add_parser(sub)
    return parser


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split()) or type(err).__name__


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Examples
    --------
    >>> import contextlib, io
    >>> buf = io.StringIO()
    >>> with contextlib.redirect_stdout(buf):
    ...     code = main(["list"])
    >>> code, "inspection" in buf.getvalue()
    (0, True)
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return handler(args, sys.stdout)
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except FileNotFoundError as err:
        print(f"{PROG}: error: no such file: {err.filename}", file=sys.stderr)
    except IsADirectoryError as err:
        print(f"{PROG}: error: is a directory, not a file: {err.filename}", file=sys.stderr)
    except PermissionError as err:
        print(f"{PROG}: error: permission denied: {err.filename}", file=sys.stderr)
    except UnicodeDecodeError as err:
        print(f"{PROG}: error: not a text file ({err.reason})", file=sys.stderr)
    except (ValueError, TypeError, ArithmeticError, OSError) as err:
        # games.errors classes subclass ValueError/TypeError and carry one-line messages
        print(f"{PROG}: error: {_one_line(err)}", file=sys.stderr)
    except Exception as err:  # noqa: BLE001 - a CLI reports, never dumps a traceback
        print(f"{PROG}: error: {type(err).__name__}: {_one_line(err)}", file=sys.stderr)
    return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
