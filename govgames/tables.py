"""Tables for papers: payoff matrices, equilibria with conditions, stability and statics tables.

Every function renders LaTeX (needs ``\\usepackage{booktabs}`` for ``\\toprule``,
``\\midrule``, ``\\bottomrule``, and ``amsmath`` for piecewise cases; see
:func:`games.formatting.latex_header`) or Markdown (``fmt="markdown"``; math in ``$...$``, which
GitHub and Jupyter render). Expressions use the parameters' declared LaTeX
names.
"""

from __future__ import annotations

import itertools
from typing import Any, Sequence

import sympy

from games.errors import ParameterError, fmt_error
from games.formatting import latex_condition, latex_escape, latex_expr

__all__ = ["render_table", "payoff_table", "equilibria_table", "stability_table", "statics_table",
           "regimes_table"]

_FORMATS = ("latex", "markdown")


def _check_fmt(fmt: str, func: str) -> None:
    if fmt not in _FORMATS:
        raise ParameterError(fmt_error(func, "fmt", f"one of {_FORMATS}", fmt))


def _tex(v: Any, space: Any = None) -> str:
    return latex_expr(v, space)


def _text(s: str, fmt: str) -> str:
    if fmt == "latex":
        return latex_escape(s)
    return s.replace("|", r"\|")


def render_table(header: Sequence[str], rows: Sequence[Sequence[str]], fmt: str = "latex", *,
                 align: str | None = None, caption: str | None = None) -> str:
    """Render cells (already formatted) as a booktabs LaTeX tabular or a Markdown table.

    Examples
    --------
    >>> print(render_table(["a", "b"], [["1", "2"]], "markdown"))
    | a | b |
    |---|---|
    | 1 | 2 |
    >>> print(render_table(["a", "b"], [["1", "2"]]).splitlines()[1])
    \\toprule
    """
    _check_fmt(fmt, "render_table")
    n = len(header)
    for r in rows:
        if len(r) != n:
            raise ParameterError(fmt_error("render_table", "rows", f"rows of {n} cells", list(r)))
    if fmt == "markdown":
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        if caption:
            lines = [f"*{caption}*", ""] + lines
        return "\n".join(lines)
    lines = [r"\begin{tabular}{" + (align or "l" * n) + "}", r"\toprule", " & ".join(header) + r" \\",
             r"\midrule"]
    lines += [" & ".join(r) + r" \\" for r in rows]
    lines += [r"\bottomrule", r"\end{tabular}"]
    if caption:
        lines = [r"\begin{table}", r"\centering", r"\caption{" + caption + "}"] + lines + [r"\end{table}"]
    return "\n".join(lines)


def payoff_table(game: Any, fmt: str = "latex", *, caption: str | None = None) -> str:
    """The payoff matrix of a normal-form game (one matrix per profile of players 3, 4, ...).

    Row player's strategies label the rows, the column player's the columns;
    each cell lists all players' payoffs.

    Examples
    --------
    >>> from games.catalog import load
    >>> print(payoff_table(load("prisoners_dilemma"), "markdown"))
    | prisoner 1 \\ prisoner 2 | cooperate | defect |
    |---|---|---|
    | cooperate | $3, 3$ | $0, 5$ |
    | defect | $5, 0$ | $1, 1$ |
    """
    func = "payoff_table"
    _check_fmt(fmt, func)
    if not hasattr(game, "payoffs") or not hasattr(game, "strategies"):
        raise ParameterError(fmt_error(func, "game", "a NormalFormGame", game))
    shape = tuple(game.shape)
    if len(shape) < 2:
        raise ParameterError(fmt_error(func, "game", "a game with at least two players", shape))
    space = game.space
    players, strats = game.players, game.strategies
    pay = game.payoffs
    blocks = []
    for rest in itertools.product(*(range(k) for k in shape[2:])):
        header = [_text(f"{players[0]} \\ {players[1]}", fmt)] + [_text(s, fmt) for s in strats[1]]
        rows = []
        for i in range(shape[0]):
            row = [_text(strats[0][i], fmt)]
            for j in range(shape[1]):
                vec = pay[(i, j) + rest]
                row.append("$" + ", ".join(_tex(v, space) for v in vec) + "$")
            rows.append(row)
        cap = caption
        if rest:
            which = ", ".join(f"{players[2 + k]} plays {strats[2 + k][r]}" for k, r in enumerate(rest))
            cap = (caption + ": " if caption else "") + which
        blocks.append(render_table(header, rows, fmt, align="l" + "c" * shape[1], caption=cap))
    return "\n\n".join(blocks)


def _profile_text(e: Any, space: Any) -> str:
    if e.path is not None and not e.profile:
        return " → ".join(map(str, e.path))
    parts = []
    strategies = e.strategies or tuple(tuple(f"s{k + 1}" for k in range(len(v))) for v in e.profile)
    for strat, v in zip(strategies, e.profile):
        pure = [k for k, x in enumerate(v) if sympy.sympify(x) == 1]
        if len(pure) == 1:
            parts.append(strat[pure[0]])
        else:
            parts.append("$(" + ", ".join(_tex(x, space) for x in v) + ")$")
    return "(" + ", ".join(parts) + ")"


def equilibria_table(eqs: Any, fmt: str = "latex", *, caption: str | None = None) -> str:
    """Equilibria with their payoffs and the conditions where they hold.

    Examples
    --------
    >>> from games.catalog import load
    >>> from solvers import equilibria
    >>> print(equilibria_table(equilibria(load("prisoners_dilemma")), "markdown"))
    | Kind | Profile | Payoffs | Condition |
    |---|---|---|---|
    | pure | (defect, defect) | $1, 1$ | always |
    """
    func = "equilibria_table"
    _check_fmt(fmt, func)
    space = getattr(eqs, "space", None)
    rows = []
    for e in eqs:
        sp = space or getattr(e, "space", None)
        cond = latex_condition(e.condition, sp)
        rows.append([_text(e.kind, fmt), _text(_profile_text(e, sp), fmt) if "$" not in _profile_text(e, sp)
                     else _profile_text(e, sp), "$" + ", ".join(_tex(v, sp) for v in e.payoffs) + "$", cond])
    return render_table(["Kind", "Profile", "Payoffs", "Condition"], rows, fmt, caption=caption)


def stability_table(table: Any, fmt: str = "latex", *, caption: str | None = None) -> str:
    """A stability table of replicator dynamics: rest point, eigenvalues, stability with conditions.

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> from solvers import replicator
    >>> from solvers import stability
    >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> print(stability_table(stability(replicator(pd)), "markdown").splitlines()[-1])
    | (s2, s2) | $\\left(0, 0\\right)$ | $-1$, $-1$ | ESS |
    """
    func = "stability_table"
    _check_fmt(fmt, func)
    header, rows = table.table_cells(signs=False)
    rows = [[_text(row[0].replace("\\", ""), fmt)] + list(row[1:]) for row in rows]
    return render_table(list(header), rows, fmt, caption=caption)


def statics_table(table: Any, fmt: str = "latex", *, space: Any = None, caption: str | None = None) -> str:
    """A comparative-statics table: quantity, parameter, derivative, sign and how it was established.

    Examples
    --------
    >>> from games.parameters import ParameterSpace
    >>> from solvers import comparative_statics
    >>> s = ParameterSpace({"g": "positive", "f": "positive"})
    >>> t = comparative_statics({"inspection": s["g"] / (s["g"] + s["f"])}, wrt="f", space=s)
    >>> print(statics_table(t, "markdown").splitlines()[-1])
    | inspection | $f$ | $- \\frac{g}{\\left(f + g\\right)^{2}}$ | $-$ | proved (assumptions) |
    """
    func = "statics_table"
    _check_fmt(fmt, func)
    space = space if space is not None else getattr(table, "space", None)
    signs = {"+": "$+$", "-": "$-$", "0": "$0$", "nonnegative": r"$\geq 0$", "nonpositive": r"$\leq 0$",
             "ambiguous": r"$\pm$", "unknown": "?"}
    rows = []
    for r in table:
        par = "$" + (space.parameter(r.parameter).latex_name() if space is not None and r.parameter in space
                     else r.parameter) + "$"
        how = f"{r.established} ({r.method})" if r.established != "sampled" else f"sampled (n={r.n_samples})"
        if r.sign == "ambiguous":
            how = "changes sign"
        rows.append([_text(r.quantity, fmt), par, "$" + _tex(r.derivative, space) + "$", signs.get(r.sign, r.sign),
                     how])
    return render_table(["Quantity", "Parameter", "Derivative", "Sign", "Established"], rows, fmt, caption=caption)


def regimes_table(regimes: Any, fmt: str = "latex", *, space: Any = None, labels: Any = None,
                  caption: str | None = None) -> str:
    """Regimes (label, condition): outcome regimes, stable sets, screening regimes or a mapping.

    Examples
    --------
    >>> a = sympy.Symbol("a", positive=True)
    >>> print(regimes_table({"obey": a >= 1, "defy": a < 1}, "markdown").splitlines()[-1])
    | defy | $a < 1$ |
    """
    from govgames.figures.regime_map import regime_conditions

    func = "regimes_table"
    _check_fmt(fmt, func)
    space = space if space is not None else getattr(regimes, "space", None)
    labels = dict(labels or {})
    rows = []
    for lab, cond in regime_conditions(regimes):
        c = latex_condition(cond, space)
        rows.append([_text(labels.get(lab, lab), fmt), c])
    return render_table(["Regime", "Condition"], rows, fmt, caption=caption)
