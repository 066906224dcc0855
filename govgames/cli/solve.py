"""``govgames solve FILE.nfg|FILE.efg [--exact] [--format text|json|latex]``.

All Nash equilibria of a Gambit strategic-game file, or all subgame-perfect
equilibria of a Gambit extensive-game file, printed with the players',
strategies' and actions' names and the payoffs:

* ``text``: one block per equilibrium;
* ``json``: one JSON document (exact numbers as strings ``"2/3"``, floats as numbers);
* ``latex``: a booktabs table (a comment names the packages it needs), every
  name escaped.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from typing import Any, Sequence, TextIO

from games.formatting import format_number, latex_escape, latex_expr, latex_header

__all__ = ["add_parser", "run", "json_number"]


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``solve`` subcommand.

    Examples
    --------
    >>> p = argparse.ArgumentParser(prog="govgames")
    >>> _ = add_parser(p.add_subparsers(dest="command"))
    >>> p.parse_args(["solve", "game.nfg", "--exact"]).exact
    True
    """
    p = subparsers.add_parser("solve", help="all Nash equilibria of a .nfg file, subgame-perfect ones of a .efg file",
                              description="Print all Nash equilibria of a Gambit strategic-game (.nfg) file, or "
                                          "all subgame-perfect equilibria of a Gambit extensive-game (.efg) file.")
    p.add_argument("file", metavar="FILE.nfg|FILE.efg", help="a Gambit game file")
    p.add_argument("--exact", action="store_true", help="read payoffs as exact rationals and solve exactly")
    p.add_argument("--format", choices=("text", "json", "latex"), default="text", help="output format (default: text)")
    p.add_argument("--method", default="auto", help="equilibrium method (default: auto)")
    p.add_argument("--time-limit", type=float, default=None, metavar="SECONDS", help="give up after this many seconds")
    p.set_defaults(handler=run)
    return p


def json_number(x: Any) -> Any:
    """A JSON value: floats as numbers, exact numbers as strings (``"2/3"``).

    Examples
    --------
    >>> import sympy
    >>> json_number(0.25), json_number(sympy.Rational(2, 3)), json_number(sympy.Float(0.5))
    (0.25, '2/3', 0.5)
    """
    if isinstance(x, float):
        return x
    import sympy

    x = sympy.sympify(x)
    if x.is_Float:
        return float(x)
    return str(x)


def _num(x: Any) -> str:
    return format_number(x)


def _tex(x: Any) -> str:
    return "$" + latex_expr(x) + "$"


def _mix(strats: Sequence[str], sigma: Sequence[Any]) -> str:
    return ", ".join(f"{s}={_num(x)}" for s, x in zip(strats, sigma))


def _mix_tex(strats: Sequence[str], sigma: Sequence[Any]) -> str:
    import sympy

    support = [(s, x) for s, x in zip(strats, sigma) if not (sympy.sympify(x) == 0)]
    if len(support) == 1 and sympy.sympify(support[0][1]) == 1:
        return latex_escape(support[0][0])
    return ", ".join(f"{latex_escape(s)} {_tex(x)}" for s, x in support)


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = [latex_header(), r"\begin{tabular}{" + "l" * len(header) + "}", r"\toprule",
             " & ".join(header) + r" \\", r"\midrule"]
    lines += [" & ".join(r) + r" \\" for r in rows]
    lines += [r"\bottomrule", r"\end{tabular}"]
    return "\n".join(lines) + "\n"


def _solve_efg(args: argparse.Namespace, out: TextIO) -> int:
    from games.io.efg import read_efg
    from solvers import subgame_perfect

    tree = read_efg(args.file, exact=args.exact)
    spe = subgame_perfect(tree)
    players = list(tree.players)
    if args.format == "json":
        doc = {"game": {"name": tree.name, "players": players}, "method": spe.method, "complete": bool(spe.complete),
               "equilibria": [{"kind": e.kind, "path": list(e.path or ()),
                               "behavior": {str(k): {a: json_number(p) for a, p in v} for k, v in e.behavior or ()},
                               "payoffs": {p: json_number(v) for p, v in zip(players, e.payoffs)}}
                              for e in spe]}
        out.write(json.dumps(doc, indent=2) + "\n")
    elif args.format == "latex":
        rows = []
        for k, e in enumerate(spe, 1):
            path = r" $\to$ ".join(latex_escape(a) for a in (e.path or ()))
            rows.append([str(k), path] + [_tex(v) for v in e.payoffs])
        out.write(_table(["", "Path"] + [latex_escape(p) for p in players], rows))
    else:
        title = f"{tree.name}: " if tree.name else ""
        out.write(f"{title}extensive form, players {', '.join(players)}\n")
        out.write(f"{len(spe)} subgame-perfect equilibri{'um' if len(spe) == 1 else 'a'} (method: {spe.method})\n")
        for k, e in enumerate(spe, 1):
            out.write(f"{k}. path: {' -> '.join(map(str, e.path or ()))}\n")
            out.write("   payoffs: " + ", ".join(f"{p} {_num(v)}" for p, v in zip(players, e.payoffs)) + "\n")
            for infoset, dist in e.behavior or ():
                out.write(f"   at {infoset}: " + ", ".join(f"{a}={_num(x)}" for a, x in dist) + "\n")
    return 0


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Solve the file and print the equilibria; returns 0 (errors propagate to ``main``)."""
    from games.io.nfg import read_nfg
    from solvers import equilibria

    if str(args.file).lower().endswith(".efg"):
        return _solve_efg(args, out)
    game = read_nfg(args.file, exact=args.exact)
    kwargs: dict[str, Any] = {"method": args.method}
    if args.time_limit is not None:
        kwargs["time_limit"] = args.time_limit
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        eqs = equilibria(game, **kwargs)
    for w in caught:
        print(f"govgames: warning: {' '.join(str(w.message).split())}", file=sys.stderr)
    players, strategies = list(game.players), [list(s) for s in game.strategies]
    if args.format == "json":
        doc = {"game": {"name": game.name, "players": players, "strategies": strategies,
                        "exact": bool(game.is_exact)},
               "method": eqs.method, "complete": bool(eqs.complete), "degenerate": bool(eqs.degenerate),
               "components": [list(c) for c in eqs.components],
               "equilibria": [{"kind": e.kind,
                               "profile": {p: {s: json_number(x) for s, x in zip(st, sigma)}
                                           for p, st, sigma in zip(players, strategies, e.profile)},
                               "payoffs": {p: json_number(v) for p, v in zip(players, e.payoffs)}}
                              for e in eqs]}
        out.write(json.dumps(doc, indent=2) + "\n")
    elif args.format == "latex":
        header = ["", "Kind"] + [latex_escape(p) for p in players] + ["Payoffs"]
        rows = [[str(k), e.kind] + [_mix_tex(st, sigma) for st, sigma in zip(strategies, e.profile)]
                + [", ".join(_tex(v) for v in e.payoffs)] for k, e in enumerate(eqs, 1)]
        from govgames.figures.tables import payoff_table

        out.write(latex_header() + "\n" + payoff_table(game, "latex") + "\n\n")
        out.write(_table(header, rows).split("\n", 1)[1])
    else:
        shape = "x".join(str(k) for k in game.shape)
        title = f"{game.name}: " if game.name else ""
        flags = ([] if eqs.complete else ["incomplete"]) + (["degenerate"] if eqs.degenerate else [])
        out.write(f"{title}{game.n_players} players ({', '.join(players)}), {shape}, "
                  f"{'exact' if game.is_exact else 'float'} payoffs\n")
        out.write(f"{len(eqs)} Nash equilibri{'um' if len(eqs) == 1 else 'a'} "
                  f"(method: {eqs.method}{', ' + ', '.join(flags) if flags else ''})\n")
        for k, e in enumerate(eqs, 1):
            out.write(f"{k}. {e.kind}\n")
            for p, st, sigma, v in zip(players, strategies, e.profile, e.payoffs):
                out.write(f"   {p}: {_mix(st, sigma)}; payoff {_num(v)}\n")
        for c, comp in enumerate(eqs.components, 1):
            if len(comp) > 1:
                out.write(f"component {c}: equilibria {', '.join(str(i + 1) for i in comp)} "
                          "(and their convex combinations)\n")
    return 0
