"""The ``govgames`` command line (also ``python -m solvers``).

Subcommands:

* ``govgames solve FILE.nfg [--exact] [--format text|json|latex]`` -- all
  Nash equilibria of a Gambit strategic-game file;
* ``govgames list`` -- the catalog's games with one-line descriptions.

Errors (a missing or malformed file, a game too large) are reported as one
line on stderr with a non-zero exit status, never a traceback. The command
line is the one place allowed to reach up the layers; it imports solvers
lazily inside each command so ``govgames --version`` stays fast.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from typing import Any, Sequence, TextIO

__all__ = ["main", "build_parser"]

PROG = "govgames"


def _version() -> str:
    from games import __version__

    return __version__


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with its subcommands (add new ones here).

    Examples
    --------
    >>> build_parser().parse_args(["solve", "game.nfg", "--exact"]).exact
    True
    """
    parser = argparse.ArgumentParser(
        prog=PROG, description="Game theory of governance: equilibria of games from files and the catalog.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    solve = sub.add_parser("solve", help="all Nash equilibria of a .nfg file, subgame-perfect ones of a .efg file",
                           description="Print all Nash equilibria of a Gambit strategic-game (.nfg) file, or "
                                       "all subgame-perfect equilibria of a Gambit extensive-game (.efg) file.")
    solve.add_argument("file", metavar="FILE.nfg|FILE.efg", help="a Gambit game file")
    solve.add_argument("--exact", action="store_true",
                       help="read payoffs as exact rationals and solve in exact arithmetic")
    solve.add_argument("--format", choices=("text", "json", "latex"), default="text",
                       help="output format (default: text)")
    solve.add_argument("--method", default="auto", help="equilibrium method (default: auto)")
    solve.add_argument("--time-limit", type=float, default=None, metavar="SECONDS",
                       help="give up after this many seconds")
    solve.set_defaults(handler=_cmd_solve)

    lst = sub.add_parser("list", help="the catalog's games", description="List the catalog's games.")
    lst.set_defaults(handler=_cmd_list)

    from govgames.report import add_analyze_parser

    add_analyze_parser(sub)
    return parser


def _num(x: Any, exact: bool) -> Any:
    """A JSON value: exact numbers as strings ("2/3"), floats as numbers."""
    if isinstance(x, float):
        return x
    import sympy

    x = sympy.sympify(x)
    if x.is_Float:
        return float(x)
    return str(x)


def _text(x: Any) -> str:
    if isinstance(x, float):
        return f"{0.0 if abs(x) < 1e-12 else x:.6g}"
    return str(x)


def _cmd_solve_efg(args: argparse.Namespace, out: TextIO) -> int:
    from games.io.efg import read_efg
    from solvers.backward_induction import subgame_perfect

    tree = read_efg(args.file, exact=args.exact)
    spe = subgame_perfect(tree)
    if args.format == "json":
        doc = {"game": {"name": tree.name, "players": list(tree.players)}, "method": spe.method,
               "complete": bool(spe.complete),
               "equilibria": [{"kind": e.kind, "path": list(e.path or ()),
                               "behavior": {str(k): {a: _num(p, e.exact) for a, p in v} for k, v in e.behavior or ()},
                               "payoffs": {p: _num(v, e.exact) for p, v in zip(tree.players, e.payoffs)}}
                              for e in spe]}
        out.write(json.dumps(doc, indent=2) + "\n")
    elif args.format == "latex":
        out.write(spe.to_latex().rstrip("\n") + "\n")
    else:
        title = f"{tree.name}: " if tree.name else ""
        out.write(f"{title}extensive form, {len(tree.players)} players\n")
        out.write(f"{len(spe)} subgame-perfect equilibri{'um' if len(spe) == 1 else 'a'} (method: {spe.method})\n")
        for k, e in enumerate(spe, 1):
            out.write(f"{k}. path: {' -> '.join(map(str, e.path or ()))}\n")
            out.write("   payoffs: " + ", ".join(f"{p} {_text(v)}" for p, v in zip(tree.players, e.payoffs)) + "\n")
            for infoset, dist in e.behavior or ():
                mix = ", ".join(f"{a}={_text(x)}" for a, x in dist)
                out.write(f"   at {infoset}: {mix}\n")
    return 0


def _cmd_solve(args: argparse.Namespace, out: TextIO) -> int:
    from games.io.nfg import read_nfg
    from solvers.nash import equilibria

    if str(args.file).lower().endswith(".efg"):
        return _cmd_solve_efg(args, out)
    game = read_nfg(args.file, exact=args.exact)
    kwargs: dict[str, Any] = {"method": args.method}
    if args.time_limit is not None:
        kwargs["time_limit"] = args.time_limit
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        eqs = equilibria(game, **kwargs)
    for w in caught:
        print(f"{PROG}: warning: {' '.join(str(w.message).split())}", file=sys.stderr)
    if args.format == "json":
        doc = {
            "game": {"name": game.name, "players": list(game.players),
                     "strategies": [list(s) for s in game.strategies], "exact": bool(game.is_exact)},
            "method": eqs.method, "complete": bool(eqs.complete), "degenerate": bool(eqs.degenerate),
            "components": [list(c) for c in eqs.components],
            "equilibria": [
                {"kind": e.kind,
                 "profile": {p: {s: _num(x, e.exact) for s, x in zip(strats, sigma)}
                             for p, strats, sigma in zip(game.players, game.strategies, e.profile)},
                 "payoffs": {p: _num(v, e.exact) for p, v in zip(game.players, e.payoffs)}}
                for e in eqs],
        }
        out.write(json.dumps(doc, indent=2) + "\n")
    elif args.format == "latex":
        out.write(eqs.to_latex().rstrip("\n") + "\n")
    else:
        shape = "x".join(str(k) for k in game.shape)
        title = f"{game.name}: " if game.name else ""
        flags = [] if eqs.complete else ["incomplete"]
        if eqs.degenerate:
            flags.append("degenerate")
        out.write(f"{title}{game.n_players} players, {shape}, {'exact' if game.is_exact else 'float'} payoffs\n")
        out.write(f"{len(eqs)} Nash equilibri{'um' if len(eqs) == 1 else 'a'} "
                  f"(method: {eqs.method}{', ' + ', '.join(flags) if flags else ''})\n")
        for k, e in enumerate(eqs, 1):
            out.write(f"{k}. {e.kind}\n")
            for p, strats, sigma, v in zip(game.players, game.strategies, e.profile, e.payoffs):
                mix = ", ".join(f"{s}={_text(x)}" for s, x in zip(strats, sigma))
                out.write(f"   {p}: {mix}; payoff {_text(v)}\n")
        for c, comp in enumerate(eqs.components, 1):
            if len(comp) > 1:
                out.write(f"component {c}: equilibria {', '.join(str(i + 1) for i in comp)} "
                          "(and their convex combinations)\n")
    return 0


def _cmd_list(args: argparse.Namespace, out: TextIO) -> int:
    from games import catalog

    slugs = catalog.names()
    width = max((len(s) for s in slugs), default=0)
    for s in slugs:
        out.write(f"{s.ljust(width)}  {catalog.describe(s)}\n")
    return 0


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
    except (ValueError, TypeError, ArithmeticError) as err:
        # games.errors classes subclass ValueError/TypeError and carry one-line messages
        msg = " ".join(str(err).split()) or type(err).__name__
        print(f"{PROG}: error: {msg}", file=sys.stderr)
    except Exception as err:  # noqa: BLE001 - a CLI reports, never dumps a traceback
        print(f"{PROG}: error: {type(err).__name__}: {' '.join(str(err).split())}", file=sys.stderr)
    return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
