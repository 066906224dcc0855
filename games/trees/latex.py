"""LaTeX of game trees: the table of outcomes and their payoffs.

Examples
--------
>>> tex_text("R&D_1")
'R\\\\&D\\\\_1'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy

if TYPE_CHECKING:  # pragma: no cover
    from games.trees.tree import GameTree

__all__ = ["tree_to_latex", "tex_text"]


def tex_text(s: str) -> str:
    """Escape LaTeX's special characters ``& % $ # _ { }`` in plain text (labels, names).

    Examples
    --------
    >>> print(tex_text("50% of $x_1"))
    50\\% of \\$x\\_1
    """
    return "".join("\\" + c if c in "&%$#_{}" else c for c in s)


def tree_to_latex(tree: "GameTree") -> str:
    """A LaTeX ``tabular`` of the terminal histories of ``tree`` and their payoffs.

    Symbolic payoffs print with the parameters' LaTeX names.

    Examples
    --------
    >>> from games.catalog.trees import entry_deterrence
    >>> print(tree_to_latex(entry_deterrence()).splitlines()[4])
    Out & $1$ & $5$ \\\\
    """
    f = tree.flat
    lines = ["\\begin{tabular}{l" + "r" * len(tree.players) + "}", "\\hline",
             " & ".join(["Outcome", *(tex_text(p) for p in tree.players)]) + " \\\\", "\\hline"]
    for i in range(len(f.hist)):
        if f.kind[i] != "t":
            continue
        cells = [", ".join(tex_text(a) for a in f.hist[i]) or "(root)"]
        for v in f.payoffs[i]:
            cells.append(f"${tree.space.latex(v) if isinstance(v, sympy.Basic) else sympy.latex(v)}$")
        lines.append(" & ".join(cells) + " \\\\")
    lines += ["\\hline", "\\end{tabular}"]
    return "\n".join(lines)
