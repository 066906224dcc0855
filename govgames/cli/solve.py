"""``govgames solve FILE.nfg|FILE.efg [--float] [--format text|json|latex] [--method M] [--time-limit S]``.

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
import math
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
    p.add_argument("--float", dest="float_payoffs", action="store_true",
                   help="read payoffs as floats (default: exact rationals, solved exactly, as the file writes them)")
    p.add_argument("--exact", action="store_true", help="exact payoffs (the default; kept for older scripts)")
    p.add_argument("--format", choices=("text", "json", "latex"), default="text", help="output format (default: text)")
    p.add_argument("--method", default="auto",
                   help="equilibrium method (default: auto); for .nfg files a method of solvers.equilibria "
                        "(vertex_enumeration, support_enumeration, lemke_howson, logit), for .efg files "
                        "how imperfect-information subgames are solved: auto, sequence_form or normal_form")
    p.add_argument("--time-limit", type=float, default=None, metavar="SECONDS", help="give up after this many seconds")
    p.add_argument("--max-equilibria", type=int, default=None, metavar="N",
                   help=".efg files: list at most N subgame-perfect equilibria (ties multiply them; the exact "
                        "count is still reported where it is known)")
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


def _json_safe(x: Any) -> Any:
    """A JSON value that :func:`json.dumps` writes as valid JSON (non-finite floats as strings)."""
    v = json_number(x)
    if isinstance(v, float) and not math.isfinite(v):
        return str(v)
    return v


def _step_dict(step: Any) -> dict:
    """A path step (:class:`solvers.trees.paths.PathStep`) as structured JSON."""
    return {"text": str(step), "player": getattr(step, "player", None), "infoset": getattr(step, "infoset", None),
            "actions": [[str(a), _json_safe(p)] for a, p in getattr(step, "actions", ())],
            "reach": _json_safe(getattr(step, "reach", 1))}


def _efg_count_line(spe: Any) -> str:
    n = len(spe)
    flags = ([] if spe.complete else ["incomplete"]) + (["degenerate"] if spe.degenerate else [])
    if not spe.complete and spe.cap:
        flags.append(f"capped by {spe.cap}")
    one = (spe.count if spe.count is not None else n) == 1
    noun = ("subgame-perfect equilibri" + ("um" if one else "a")) if spe.perfect_recall else \
        ("mixed strategic-form equilibri" + ("um" if one else "a") + " (imperfect recall)")
    if spe.count is not None and spe.count != n:
        head = f"listed {n} of exactly {spe.count} {noun}"
    else:
        head = f"{n} {noun}"
    return f"{head} (method: {spe.method}{', ' + ', '.join(flags) if flags else ''})"


def _solve_efg(args: argparse.Namespace, out: TextIO) -> int:
    from games.io.efg import read_efg
    from solvers import subgame_perfect

    tree = read_efg(args.file, exact=not args.float_payoffs)
    kwargs: dict[str, Any] = {"method": args.method}
    if args.time_limit is not None:
        kwargs["time_limit"] = args.time_limit
    if getattr(args, "max_equilibria", None) is not None:
        kwargs["max_equilibria"] = args.max_equilibria
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        spe = subgame_perfect(tree, **kwargs)
    for w in caught:
        print(f"govgames: warning: {' '.join(str(w.message).split())}", file=sys.stderr)
    players = list(tree.players)
    mixed_note = ("imperfect recall: the equilibria are mixed Nash equilibria of the reduced strategic form; "
                  "those with a verified subgame-perfect behaviour equivalent also give behaviour and path")
    if args.format == "json":
        doc = {"game": {"name": tree.name, "players": players, "exact": bool(tree.is_exact)},
               "method": spe.method, "complete": bool(spe.complete), "degenerate": bool(spe.degenerate),
               "count": spe.count, "cap": spe.cap, "perfect_recall": bool(spe.perfect_recall),
               "notes": list(spe.notes),
               "payoff_counts": [{"payoffs": [_json_safe(v) for v in pay], "count": int(c)}
                                 for pay, c in getattr(spe, "payoff_counts", ())],
               "equilibria": [{"kind": e.kind, "condition": str(e.condition),
                               "path": [_step_dict(step) for step in (e.path or ())],
                               "path_text": " -> ".join(map(str, e.path or ())),
                               "behavior": {str(k): {str(a): _json_safe(p) for a, p in v} for k, v in e.behavior or ()},
                               "profile": {pl: {str(st): _json_safe(x) for st, x in zip(sts, sigma)}
                                           for pl, sts, sigma in zip(players, e.strategies, e.profile)}
                               if e.profile else None,
                               "payoffs": {p: _json_safe(v) for p, v in zip(players, e.payoffs)}}
                              for e in spe],
               "result": spe.to_dict()}
        if not spe.perfect_recall:
            doc["note"] = mixed_note
        out.write(json.dumps(doc, indent=2, allow_nan=False) + "\n")
    elif args.format == "latex":
        rows = []
        for k, e in enumerate(spe, 1):
            if e.path is not None:
                what = r" $\to$ ".join(latex_escape(a) for a in e.path)
            else:
                what = "; ".join(latex_escape(pl) + ": " + _mix_tex(sts, sigma)
                                 for pl, sts, sigma in zip(players, e.strategies, e.profile))
            rows.append([str(k), what] + [_tex(v) for v in e.payoffs])
        table = _table(["", "Path" if spe.perfect_recall else "Path or mixed profile"]
                       + [latex_escape(p) for p in players], rows)
        head, body = table.split("\n", 1)
        lines = [head, "% " + _efg_count_line(spe)]
        if not spe.perfect_recall:
            lines.append("% " + mixed_note)
        out.write("\n".join(lines) + "\n" + body)
    else:
        title = f"{tree.name}: " if tree.name else ""
        out.write(f"{title}extensive form, players {', '.join(players)}\n")
        out.write(_efg_count_line(spe) + "\n")
        if not spe.perfect_recall:
            out.write(f"note: {mixed_note}\n")
        for note in spe.notes:
            out.write(f"note: {note}\n")
        for k, e in enumerate(spe, 1):
            if e.path is not None:
                out.write(f"{k}. path: {' -> '.join(map(str, e.path))}\n")
            else:
                out.write(f"{k}. {e.kind} strategic-form equilibrium (no verified behaviour equivalent)\n")
                for pl, sts, sigma in zip(players, e.strategies, e.profile):
                    out.write(f"   {pl}: {_mix(sts, sigma)}\n")
            out.write("   payoffs: " + ", ".join(f"{p} {_num(v)}" for p, v in zip(players, e.payoffs)) + "\n")
            if e.condition is not True and str(e.condition) != "True":
                out.write(f"   where: {e.condition}\n")
            for infoset, dist in e.behavior or ():
                out.write(f"   at {infoset}: " + ", ".join(f"{a}={_num(x)}" for a, x in dist) + "\n")
    return 0


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Solve the file and print the equilibria; returns 0 (errors propagate to ``main``)."""
    from games.io.nfg import read_nfg
    from solvers import equilibria

    if str(args.file).lower().endswith(".efg"):
        return _solve_efg(args, out)
    game = read_nfg(args.file, exact=not args.float_payoffs)
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
        from govgames.tables import payoff_table

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
