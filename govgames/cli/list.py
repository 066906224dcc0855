"""``govgames list``: the catalog's models with one-line descriptions."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

__all__ = ["add_parser", "run"]


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``list`` subcommand.

    Examples
    --------
    >>> p = argparse.ArgumentParser(prog="govgames")
    >>> _ = add_parser(p.add_subparsers(dest="command"))
    >>> p.parse_args(["list"]).command
    'list'
    """
    p = subparsers.add_parser("list", help="the catalog's models", description="List the catalog's models.")
    p.set_defaults(handler=run)
    return p


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print every catalog slug with its one-line description; returns 0.

    Examples
    --------
    >>> import io
    >>> buf = io.StringIO()
    >>> run(argparse.Namespace(), buf), buf.getvalue().splitlines()[0].split()[0]
    (0, 'battle_of_the_sexes')
    """
    from games import catalog

    slugs = catalog.names()
    width = max((len(s) for s in slugs), default=0)
    for s in slugs:
        out.write(f"{s.ljust(width)}  {catalog.describe(s)}\n")
    return 0
