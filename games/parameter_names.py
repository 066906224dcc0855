"""Parameter names and the parser of expressions in them.

What may name a parameter (:func:`name_problem`), the one parser that reads
a string in a space's parameters (:func:`parse_text`, which
:meth:`games.parameters.ParameterSpace.sympify` calls) and the rebuild of a
sympy object from its ``srepr`` (:func:`eval_srepr`, used by every
``from_dict``).
"""

from __future__ import annotations

import keyword
import unicodedata
from typing import Any, Mapping, Sequence

import sympy

from games.errors import ParameterError, fmt_error

__all__ = ["name_problem", "parse_text", "eval_srepr"]

#: Names the parser reads as Python's constants rather than parameters.
CONSTANT_NAMES = frozenset({"True", "False"})


def name_problem(name: Any) -> str | None:
    """Why ``name`` cannot name a parameter, or ``None`` when it can.

    A parameter name must be a Python identifier that is not a keyword
    (``lambda`` would break parsing and :func:`sympy.lambdify`), that is
    already in Unicode normal form NFKC (Python folds ``ﬁ`` to ``fi``, so two
    such names would collide), and that sympy's parser reads as a plain
    symbol. Names that sympy parses as something else -- ``I`` (the
    imaginary unit), ``E``, ``S``, ``N``, ``O`` (``Order``), ``Q``,
    ``beta``, ``gamma``, ``zeta``, ``pi``, ``E1`` ... -- are reported with
    the object sympy makes of them.

    Examples
    --------
    >>> name_problem("fine") is None
    True
    >>> name_problem("lambda")
    "a Python keyword (try 'lambda_' or 'lam')"
    >>> name_problem("O")
    "a name sympy reads as Order, not a symbol (try 'O_' or a longer name)"
    """
    if not isinstance(name, str) or not name.isidentifier():
        return "not a Python identifier"
    if keyword.iskeyword(name):
        return f"a Python keyword (try {name + '_'!r} or {name[:3]!r})"
    if unicodedata.normalize("NFKC", name) != name:
        return f"not in Unicode normal form (Python reads it as {unicodedata.normalize('NFKC', name)!r})"
    try:
        parsed = sympy.sympify(name)
    except (sympy.SympifyError, SyntaxError, TypeError, ValueError, AttributeError):
        return "a name sympy cannot parse as a symbol"
    if isinstance(parsed, sympy.Symbol):
        if parsed.name != name:
            return f"a name sympy reads as the symbol {parsed.name!r}"
        return None
    what = getattr(parsed, "__name__", None) or type(parsed).__name__
    return f"a name sympy reads as {what}, not a symbol (try {name + '_'!r} or a longer name)"


def parse_text(text: str, local: Mapping[str, sympy.Symbol], *, func: str, arg: str, allow_new_symbols: bool,
               declared: Sequence[str]) -> sympy.Basic:
    """Parse ``text`` with every bare name bound to ``local`` (or refused), calls to sympy functions only.

    Parameters
    ----------
    text : str
        The expression or relation, such as ``"fine*p - gain"``.
    local : mapping of str to sympy.Symbol
        The declared parameters' symbols, by name.
    func, arg : str
        Names used in error messages.
    allow_new_symbols : bool
        Read an undeclared name as a new real symbol instead of refusing it
        (a name refused by :func:`name_problem` is still refused).
    declared : sequence of str
        The declared names, listed in error messages.

    Returns
    -------
    sympy.Basic

    Raises
    ------
    ParameterError
        For a malformed string, attribute access, a call to anything but a
        sympy function, or an undeclared name.

    Examples
    --------
    >>> x = sympy.Symbol("x", positive=True)
    >>> parse_text("2*x + sqrt(x)", {"x": x}, func="f", arg="e", allow_new_symbols=False, declared=["x"])
    sqrt(x) + 2*x
    >>> parse_text("x + y", {"x": x}, func="f", arg="e", allow_new_symbols=False, declared=["x"])
    Traceback (most recent call last):
    ...
    games.errors.ParameterError: f(): e must be an expression in the parameters ['x'] (declare every name in the ParameterSpace, or pass allow_new_symbols=True); got 'x + y (unknown: y)'
    """
    import io
    import tokenize

    try:
        toks = [t for t in tokenize.generate_tokens(io.StringIO(text).readline)
                if t.type not in (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER, tokenize.INDENT,
                                  tokenize.DEDENT)]
    except (tokenize.TokenError, IndentationError, SyntaxError) as err:
        raise ParameterError(fmt_error(func, arg, "a valid expression", text)) from err
    names = dict(local)
    unknown: list[str] = []
    for k, t in enumerate(toks):
        if t.type != tokenize.NAME or t.string in names or t.string in CONSTANT_NAMES:
            continue
        # a number such as 1e5 tokenizes as NUMBER; a name right after a '.' is an attribute
        if k > 0 and toks[k - 1].string == ".":
            raise ParameterError(fmt_error(func, arg, "an expression without attribute access", text))
        called = k + 1 < len(toks) and toks[k + 1].string == "("
        if called:
            obj = getattr(sympy, t.string, None)
            if obj is None or not callable(obj) or keyword.iskeyword(t.string):
                raise ParameterError(fmt_error(func, arg, "an expression whose calls are sympy functions "
                                               "(sqrt, exp, log, Abs, Max, Min, Piecewise, ...)",
                                               f"{text} (unknown function: {t.string})"))
            continue
        problem = name_problem(t.string)
        if problem is not None:
            raise ParameterError(fmt_error(func, arg, f"an expression in the parameters {list(declared)} "
                                           f"({t.string!r} is not declared and is {problem})", text))
        if allow_new_symbols:
            names[t.string] = sympy.Symbol(t.string, real=True)
        else:
            unknown.append(t.string)
    if unknown:
        raise ParameterError(fmt_error(func, arg, f"an expression in the parameters {list(declared)} "
                                       "(declare every name in the ParameterSpace, or pass allow_new_symbols=True)",
                                       f"{text} (unknown: {', '.join(sorted(set(unknown)))})"))
    try:
        out = sympy.sympify(_equalities_as_calls(text), locals=names)
    except (sympy.SympifyError, SyntaxError, TypeError, ValueError, AttributeError) as err:
        raise ParameterError(fmt_error(func, arg, "a valid expression", text)) from err
    if not isinstance(out, sympy.Basic):
        raise ParameterError(fmt_error(func, arg, "a valid expression", text))
    return out


def _equalities_as_calls(text: str) -> str:
    """``a != b`` as ``Ne(a, b)`` and ``a == b`` as ``Eq(a, b)`` (Python would compare the
    expressions structurally, giving a plain bool); chains become conjunctions."""
    import ast

    if "==" not in text and "!=" not in text:
        return text
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError:
        return text

    class _Calls(ast.NodeTransformer):
        def visit_Compare(self, node):
            self.generic_visit(node)
            if not any(isinstance(op, (ast.Eq, ast.NotEq)) for op in node.ops):
                return node
            parts, left = [], node.left
            for op, right in zip(node.ops, node.comparators):
                if isinstance(op, (ast.Eq, ast.NotEq)):
                    name = "Eq" if isinstance(op, ast.Eq) else "Ne"
                    parts.append(ast.Call(ast.Name(name, ast.Load()), [left, right], []))
                else:
                    parts.append(ast.Compare(left, [op], [right]))
                left = right
            if len(parts) == 1:
                return parts[0]
            return ast.Call(ast.Name("And", ast.Load()), parts, [])

    return ast.unparse(ast.fix_missing_locations(_Calls().visit(tree)))


def eval_srepr(text: str) -> sympy.Basic:
    """Rebuild a sympy object from its ``srepr`` string (only sympy names).

    Parameters
    ----------
    text : str
        Output of :func:`sympy.srepr` (trusted: it is evaluated).

    Returns
    -------
    sympy.Basic
        Equal to the object ``text`` was made from (symbols keep their
        assumptions).

    Examples
    --------
    >>> e = sympy.Symbol("a", positive=True) < 1
    >>> eval_srepr(sympy.srepr(e)) == e
    True
    """
    ns: dict[str, Any] = {}
    exec("from sympy import *", ns)  # noqa: S102 - srepr output contains only sympy constructors
    # srepr also names classes that ``from sympy import *`` does not export
    from sympy.functions.elementary.piecewise import ExprCondPair

    ns.setdefault("ExprCondPair", ExprCondPair)
    return eval(text, ns)  # noqa: S307
