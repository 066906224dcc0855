"""``govgames analyze [MODEL] [--set NAME=VALUE ...] [--out DIR] [--format ...] [--no-figures]``.

Prints :func:`govgames.report.analyze`'s :class:`~govgames.report.Report`
in the chosen format; progress goes to stderr.
"""

from __future__ import annotations

import argparse
from typing import Any, TextIO

__all__ = ["add_parser", "run"]


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``analyze`` subcommand.

    Examples
    --------
    >>> p = argparse.ArgumentParser(prog="govgames")
    >>> _ = add_parser(p.add_subparsers(dest="command"))
    >>> a = p.parse_args(["analyze", "--set", "theta=0.8", "--format", "json"])
    >>> a.model, a.set, a.format
    (None, ['theta=0.8'], 'json')
    """
    from govgames.report import DEFAULT_MODEL, FORMATS

    p = subparsers.add_parser(
        "analyze", help="analyse a catalog model: equilibria, stability, statics, figures",
        description="Analyse a catalog model (default: the collective-inaction model): equilibria with "
                    "their conditions, stability of replicator dynamics, comparative statics and figures. "
                    "Parameter values: --set values, else the model's catalog defaults, else a sample point "
                    "of its parameter space (the report says which).")
    p.add_argument("model", nargs="?", default=None, metavar="MODEL",
                   help=f"catalog slug (see 'govgames list'; default: {DEFAULT_MODEL})")
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                   help="parameter value for numbers and figures (repeatable)")
    p.add_argument("--out", default="out", metavar="DIR", help="folder for figures (default: ./out)")
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    p.add_argument("--no-figures", action="store_true", help="skip the figures")
    p.add_argument("--axes", default=None, metavar="X[,Y]", help="parameters of the regime map / basin plot")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(handler=run)
    return p


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run the analysis and print the report; returns 0 (errors propagate to :func:`govgames.cli.main.main`)."""
    from govgames.report import analyze, parse_sets

    report = analyze(args.model, parse_sets(args.set), out_dir=None if args.no_figures else args.out,
                     axes=args.axes, progress=not getattr(args, "quiet", False))
    out.write(report.render(args.format))
    return 0
