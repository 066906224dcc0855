"""Readable numbers, expressions and conditions, as plain text and as LaTeX.

One place decides how a value looks wherever govgames prints it (tables,
the analysis report, the command line):

* numbers: exact rationals stay exact (``2/3``); floats are rounded to a few
  significant digits (``0.13759999999999994`` prints ``0.1376``), round-off
  below ``1e-12`` prints ``0``;
* expressions: in the parameters' own names; a ``Piecewise`` shows as its
  cases (``a if T odd; b otherwise``, or a LaTeX ``cases`` environment);
* conditions: ``True`` is "always", ``False`` "never";
* LaTeX: every special character of running text is escaped
  (:func:`latex_escape`), and :func:`latex_header` names the packages a
  table needs (``booktabs`` rules, ``amsmath`` cases).
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import Any, Iterable

import sympy
from sympy.printing.latex import LatexPrinter
from sympy.printing.str import StrPrinter

__all__ = [
    "DIGITS",
    "LATEX_PACKAGES",
    "format_number",
    "format_expr",
    "format_condition",
    "latex_escape",
    "latex_expr",
    "latex_condition",
    "latex_header",
]

#: Significant digits of floats in printed output.
DIGITS = 4
#: LaTeX packages the tables need: booktabs (``\toprule``...) and amsmath (``cases``).
LATEX_PACKAGES = ("booktabs", "amsmath")

_ZERO = 1e-12


def _round_float(x: float, digits: int) -> str:
    if not math.isfinite(x):
        return "inf" if x > 0 else ("-inf" if x < 0 else "nan")
    if abs(x) < _ZERO:
        return "0"
    s = f"{x:.{digits}g}"
    if "e" in s:
        mant, exp = s.split("e")
        return f"{mant}e{int(exp)}"
    return s


def format_number(x: Any, digits: int = DIGITS) -> str:
    """A number as text: exact values exactly, floats rounded to ``digits`` significant digits.

    Parameters
    ----------
    x : int, float, Fraction, complex, numpy scalar or sympy number
    digits : int
        Significant digits of floats.

    Returns
    -------
    str

    Examples
    --------
    >>> format_number(sympy.Rational(2, 3)), format_number(Fraction(-1, 4)), format_number(7)
    ('2/3', '-1/4', '7')
    >>> format_number(0.13759999999999994), format_number(1e-17), format_number(2.0)
    ('0.1376', '0', '2')
    >>> format_number(complex(0.5, 1e-15))
    '0.5'
    """
    if isinstance(x, bool):
        return str(x)
    if isinstance(x, (int, Fraction)):
        return str(x)
    if isinstance(x, complex) or (hasattr(x, "imag") and not isinstance(x, sympy.Basic)
                                  and getattr(x, "imag", 0) != 0):
        z = complex(x)
        if abs(z.imag) <= _ZERO * max(1.0, abs(z.real)):
            return _round_float(z.real, digits)
        sign = "+" if z.imag >= 0 else "-"
        return f"{_round_float(z.real, digits)} {sign} {_round_float(abs(z.imag), digits)}i"
    if isinstance(x, sympy.Basic):
        return format_expr(x, digits=digits)
    try:
        return _round_float(float(x), digits)
    except (TypeError, ValueError):
        return str(x)


_FLIP = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "==": "==", "!=": "!="}


def _oriented(rel: Any) -> Any:
    """``1 > a`` reads ``a < 1``: the parameters on the left of a relation with a constant side."""
    if rel.lhs.is_number and not rel.rhs.is_number and rel.rel_op in _FLIP:
        return sympy.Rel(rel.rhs, rel.lhs, _FLIP[rel.rel_op], evaluate=False)
    return rel


def _parity(cond: Any) -> str | None:
    """``Eq(Mod(T, 2), 1)`` -> "T odd" (the way deadline-bargaining cases read)."""
    if isinstance(cond, sympy.Eq):
        lhs, rhs = cond.lhs, cond.rhs
        if isinstance(rhs, sympy.Mod):
            lhs, rhs = rhs, lhs
        if isinstance(lhs, sympy.Mod) and lhs.args[1] == 2 and rhs in (0, 1):
            return f"{lhs.args[0]} {'odd' if rhs == 1 else 'even'}"
    return None


class _TextPrinter(StrPrinter):
    def __init__(self, digits: int):
        super().__init__({"order": None})
        self._digits = digits

    def _print_Float(self, expr):  # noqa: N802 - sympy printer protocol
        return _round_float(float(expr), self._digits)

    def _print_BooleanTrue(self, expr):  # noqa: N802
        return "always"

    def _print_BooleanFalse(self, expr):  # noqa: N802
        return "never"

    def _print_Equality(self, expr):  # noqa: N802
        return _parity(expr) or super()._print_Relational(_oriented(expr))

    def _print_Relational(self, expr):  # noqa: N802
        return super()._print_Relational(_oriented(expr))

    def _print_Piecewise(self, expr):  # noqa: N802
        parts = []
        for e, c in expr.args:
            body = self._print(e)
            if c is sympy.true:
                parts.append(body + (" otherwise" if parts else ""))
            else:
                parts.append(f"{body} if {self._print(c)}")
        return "; ".join(parts)


class _TexPrinter(LatexPrinter):
    def __init__(self, digits: int, symbol_names: dict | None):
        super().__init__({"symbol_names": symbol_names or {}})
        self._digits = digits

    def _print_Float(self, expr):  # noqa: N802
        s = _round_float(float(expr), self._digits)
        if "e" in s:
            m, e = s.split("e")
            return rf"{m} \cdot 10^{{{int(e)}}}"
        return s

    def _print_Equality(self, expr):  # noqa: N802
        p = _parity(expr)
        if p is not None:
            var, word = p.rsplit(" ", 1)
            return self._print(expr.lhs.args[0] if isinstance(expr.lhs, sympy.Mod) else expr.rhs.args[0]) \
                + r"\text{ " + word + "}"
        return super()._print_Relational(_oriented(expr))

    def _print_Relational(self, expr):  # noqa: N802
        return super()._print_Relational(_oriented(expr))

    def _print_Piecewise(self, expr):  # noqa: N802
        rows = []
        for e, c in expr.args:
            cond = r"\text{otherwise}" if c is sympy.true else r"\text{if } " + self._print(c)
            rows.append(f"{self._print(e)} & {cond}")
        return r"\begin{cases} " + r" \\ ".join(rows) + r" \end{cases}"


def _prepare(e: Any) -> Any:
    if isinstance(e, bool):
        return sympy.true if e else sympy.false
    if isinstance(e, float):
        return sympy.Float(e)
    e = sympy.sympify(e)
    if e.has(sympy.Piecewise) and not isinstance(e, sympy.Piecewise) and isinstance(e, sympy.Expr):
        e = sympy.piecewise_fold(e)
    return e


def format_expr(expr: Any, space: Any = None, digits: int = DIGITS) -> str:
    """An expression or condition as plain text, in the parameters' names.

    Floats are rounded (see :func:`format_number`), ``Piecewise`` values
    show as their cases, ``True``/``False`` as "always"/"never".

    Parameters
    ----------
    expr : sympy expression, Boolean, number or str
    space : ParameterSpace, optional
        Unused for text (symbols print by their parameter names); accepted
        for symmetry with :func:`latex_expr`.
    digits : int

    Examples
    --------
    >>> T, d = sympy.symbols("T d", positive=True)
    >>> format_expr(sympy.Piecewise((d, sympy.Eq(sympy.Mod(T, 2), 1)), (1 - d, True)))
    'd if T odd; 1 - d otherwise'
    >>> format_expr(0.13759999999999994 * d + sympy.Rational(1, 3))
    '0.1376*d + 1/3'
    """
    del space
    return _TextPrinter(digits).doprint(_prepare(expr))


def format_condition(cond: Any, space: Any = None, digits: int = DIGITS) -> str:
    """A parameter condition as text: "always", "never", or the relations in the parameters' names.

    Examples
    --------
    >>> a = sympy.Symbol("a", positive=True)
    >>> format_condition(True), format_condition(sympy.false), format_condition(sympy.Gt(1, a, evaluate=False))
    ('always', 'never', 'a < 1')
    """
    return format_expr(cond, space, digits)


_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_LATEX_RE = re.compile("|".join(re.escape(k) for k in _LATEX_SPECIALS))


def latex_escape(text: Any) -> str:
    r"""Escape LaTeX's special characters ``\ & % $ # _ { } ~ ^`` in running text.

    Examples
    --------
    >>> print(latex_escape("R&D at 50% for a_b, c#d"))
    R\&D at 50\% for a\_b, c\#d
    >>> print(latex_escape(r"{x}~^\ $"))
    \{x\}\textasciitilde{}\textasciicircum{}\textbackslash{} \$
    """
    return _LATEX_RE.sub(lambda m: _LATEX_SPECIALS[m.group(0)], str(text))


def latex_expr(expr: Any, space: Any = None, digits: int = DIGITS) -> str:
    r"""LaTeX (math mode, without dollars) of an expression, with the parameters' declared LaTeX names.

    Floats are rounded, ``Piecewise`` becomes a ``cases`` environment
    (needs ``amsmath``), ``Eq(Mod(T, 2), 1)`` reads "T odd".

    Examples
    --------
    >>> from games.parameters import ParameterSpace
    >>> s = ParameterSpace({"delta": ("(0, 1)", r"\delta")})
    >>> latex_expr(1 - s["delta"] * 0.30000000000000004, s)
    '1 - 0.3 \\delta'
    """
    names = space.latex_names() if space is not None and len(space) else None
    return _TexPrinter(digits, names).doprint(_prepare(expr))


def latex_condition(cond: Any, space: Any = None, digits: int = DIGITS) -> str:
    r"""A condition for a LaTeX table cell: "always", "never", or ``$...$``.

    Examples
    --------
    >>> a = sympy.Symbol("a", positive=True)
    >>> latex_condition(sympy.true), latex_condition(a >= 2)
    ('always', '$a \\geq 2$')
    """
    c = _prepare(cond)
    if c is sympy.true:
        return "always"
    if c is sympy.false:
        return "never"
    return "$" + latex_expr(c, space, digits) + "$"


def latex_header(packages: Iterable[str] = LATEX_PACKAGES) -> str:
    r"""A LaTeX comment naming the packages a generated table needs.

    Examples
    --------
    >>> print(latex_header())
    % requires \usepackage{booktabs} and \usepackage{amsmath}
    """
    return "% requires " + " and ".join(r"\usepackage{" + p + "}" for p in packages)
