"""The result of comparative statics: :class:`StaticsRow` and :class:`StaticsTable`, with their printing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Mapping, Sequence

import sympy

from games.errors import ParameterError, fmt_error
from games.formatting import latex_escape, latex_header
from games.parameters import ParameterSpace
from solvers.results import Result, clip, listing

__all__ = ["StaticsRow", "StaticsTable"]



@dataclass(frozen=True, eq=False)
class StaticsRow(Result):
    """The comparative static of one quantity with respect to one parameter.

    Attributes
    ----------
    quantity : str
        The quantity's name (``"inspectee.violate"``, ``"share.player 1"``, ...).
    parameter : str
    expression : sympy.Expr
        The quantity.
    derivative : sympy.Expr
        Its derivative in the parameter, simplified.
    sign : {"+", "-", "0", "nonnegative", "nonpositive", "ambiguous", "unknown"}
        The sign of the derivative on the space (restricted by ``condition``).
    established : {"proved", "sampled"}
        Whether the sign is a proof or only a sample without counterexample.
    method : {"assumptions", "factors", "z3", "sampled"}
        How the sign was established.
    witnesses : dict
        Sign -> a parameter point (name -> value) where the derivative has
        that sign; for ``ambiguous`` rows there is one for each sign found.
    n_samples : int
        Points drawn when ``established == "sampled"``.
    condition : sympy Boolean
        Where the quantity is defined (an equilibrium's condition); the sign
        is decided on the space restricted to it.
    """

    quantity: str
    parameter: str
    expression: Any
    derivative: Any
    sign: str
    established: str
    method: str
    witnesses: dict = field(default_factory=dict)
    n_samples: int = 0
    condition: Any = sympy.true

    @property
    def proved(self) -> bool:
        """Whether the sign is proved (not sampled)."""
        return self.established == "proved"

    def __str__(self) -> str:
        how = self.established if self.proved else f"sampled, {self.n_samples} points"
        return clip(f"d[{self.quantity}]/d{self.parameter} = {self.derivative}  ({self.sign}; {how})", 1000)

    def __repr__(self) -> str:
        return f"StaticsRow({self})"

    def to_latex(self) -> str:
        """The derivative and its sign as LaTeX."""
        how = f"proved ({self.method})" if self.proved else f"sampled ({self.n_samples} points)"
        out = (r"\frac{\partial}{\partial " + sympy.latex(sympy.Symbol(self.parameter)) + "} " +
               _tex_text(self.quantity) + " = " + sympy.latex(self.derivative) +
               r" \quad " + _tex_text(f"{self.sign}, {how}"))
        if self.condition is not sympy.true:
            out += r" \quad \text{if } " + sympy.latex(self.condition)
        return out


class StaticsTable(Result, Sequence):
    """The rows of a comparative-statics analysis; an immutable sequence of :class:`StaticsRow`.

    Examples
    --------
    >>> from solvers.statics import comparative_statics
    >>> s = ParameterSpace({"d1": "(0, 1)", "d2": "(0, 1)"})
    >>> t = comparative_statics((1 - s["d2"]) / (1 - s["d1"] * s["d2"]), space=s)
    >>> [(r.parameter, r.sign, r.established) for r in t]
    [('d1', '+', 'proved'), ('d2', '-', 'proved')]
    >>> t.sign("d2")
    '-'
    """

    def __init__(self, rows: Iterable[StaticsRow], space: ParameterSpace) -> None:
        self._rows = tuple(rows)
        self._space = space

    @property
    def rows(self) -> tuple[StaticsRow, ...]:
        return self._rows

    @property
    def space(self) -> ParameterSpace:
        return self._space

    @property
    def quantities(self) -> tuple[str, ...]:
        """The quantities, in order of first appearance."""
        return tuple(dict.fromkeys(r.quantity for r in self._rows))

    @property
    def parameters(self) -> tuple[str, ...]:
        """The parameters, in order of first appearance."""
        return tuple(dict.fromkeys(r.parameter for r in self._rows))

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, i):
        return self._rows[i]

    def __iter__(self) -> Iterator[StaticsRow]:
        return iter(self._rows)

    def row(self, parameter: str, quantity: str | None = None) -> StaticsRow:
        """The row for ``parameter`` (and ``quantity``, needed when there are several).

        Raises
        ------
        KeyError
            When there is no such row, or several and no quantity was given.
        """
        name = parameter.name if isinstance(parameter, sympy.Symbol) else parameter
        found = [r for r in self._rows if r.parameter == name and (quantity is None or r.quantity == quantity)]
        if len(found) != 1:
            what = f"quantity {quantity!r} and " if quantity is not None else ""
            raise KeyError(f"StaticsTable.row(): no unique row for {what}parameter {name!r} "
                           f"(quantities: {list(self.quantities)})")
        return found[0]

    def sign(self, parameter: str, quantity: str | None = None) -> str:
        """The sign of the row for ``parameter`` (and ``quantity``)."""
        return self.row(parameter, quantity).sign

    #: Rows listed by ``repr``/``str`` before "... and k more".
    SHOWN = 20

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StaticsTable) and self._rows == other._rows and self._space == other._space

    def __hash__(self) -> int:
        return hash(("StaticsTable", self._rows, self._space))

    def _hashable_content(self) -> tuple:
        return (self._rows, self._space)

    def __repr__(self) -> str:
        return listing(f"StaticsTable({len(self)} rows)", [str(r) for r in self._rows], shown=self.SHOWN)

    def __str__(self) -> str:
        return repr(self)

    def to_latex(self, *, header: bool = True) -> str:
        r"""A booktabs table: quantity, parameter, derivative, sign and how it was established.

        Parameters
        ----------
        header : bool
            Start with a LaTeX comment naming the packages the table needs
            (:func:`games.formatting.latex_header`).

        Returns
        -------
        str
            Every text cell (quantity names, methods) is escaped with
            :func:`games.formatting.latex_escape`.

        Examples
        --------
        >>> from solvers.statics import comparative_statics
        >>> s = ParameterSpace({"a": "positive"})
        >>> print(comparative_statics(s["a"]**2, space=s).to_latex())
        % requires \usepackage{booktabs} and \usepackage{amsmath}
        \begin{tabular}{lllll}
        \toprule
        Quantity & Parameter & Derivative & Sign & Established \\
        \midrule
        $a^{2}$ & $a$ & $2 a$ & $+$ & proved (assumptions) \\
        \bottomrule
        \end{tabular}
        """
        out = [latex_header()] if header else []
        out += [r"\begin{tabular}{lllll}", r"\toprule",
                r"Quantity & Parameter & Derivative & Sign & Established \\", r"\midrule"]
        for r in self._rows:
            q = r.quantity
            qtex = f"${self._space.latex(r.expression)}$" if q == str(r.expression) else _tex_text(q)
            ptex = "$" + self._space.latex(self._space.symbol(r.parameter)) if r.parameter in self._space \
                else "$" + sympy.latex(sympy.Symbol(r.parameter))
            how = latex_escape(f"proved ({r.method})" if r.proved else f"sampled ({r.n_samples} points)")
            sgn = {"+": "$+$", "-": "$-$", "0": "$0$", "nonnegative": r"$\geq 0$",
                   "nonpositive": r"$\leq 0$"}.get(r.sign, latex_escape(r.sign))
            out.append(f"{qtex} & {ptex}$ & ${self._space.latex(r.derivative)}$ & {sgn} & {how} \\\\")
        out += [r"\bottomrule", r"\end{tabular}"]
        return "\n".join(out)

    def _repr_latex_(self) -> str:
        return self.to_latex(header=False)

    def to_dict(self) -> dict:
        """A JSON-ready dictionary; :meth:`from_dict` rebuilds an equal table.

        Examples
        --------
        >>> from solvers.statics import comparative_statics
        >>> s = ParameterSpace({"a": "positive"})
        >>> t = comparative_statics(s["a"]**2, space=s)
        >>> StaticsTable.from_dict(t.to_dict()) == t
        True
        """
        return {"type": "StaticsTable", "space": self._space.to_dict(), "rows": [r.to_dict() for r in self._rows]}

    @classmethod
    def from_dict(cls, d: Mapping) -> "StaticsTable":
        """Rebuild from :meth:`to_dict` output."""
        if not isinstance(d, Mapping) or d.get("type") != "StaticsTable":
            raise ParameterError(fmt_error("StaticsTable.from_dict", "d", "a dict from StaticsTable.to_dict", d))
        return cls([StaticsRow.from_dict(r) for r in d["rows"]], ParameterSpace.from_dict(d["space"]))


def _tex_text(s: str) -> str:
    return r"\text{" + latex_escape(s) + "}"
