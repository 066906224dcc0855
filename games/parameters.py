"""Parameter spaces: named sympy symbols with domains and constraints.

A :class:`ParameterSpace` is the single source of truth about a model's
parameters: the sympy symbols (with the right assumptions), what a valid
numeric point is, how to sample and grid the space, and the assumptions the
condition engine reasons under.
"""

from __future__ import annotations

import keyword
import math
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import sympy

from games.errors import ParameterError, fmt_error

__all__ = ["Parameter", "ParameterSpace", "name_problem", "WINDOW_SPAN"]

_NAMED_DOMAINS = {
    "real": (None, None, True, True, False),
    "positive": (0, None, True, True, False),
    "nonnegative": (0, None, False, True, False),
    "negative": (None, 0, True, True, False),
    "nonpositive": (None, 0, True, False, False),
    "integer": (None, None, True, True, True),
    "positive_integer": (1, None, False, True, True),
    "nonnegative_integer": (0, None, False, True, True),
}
_INTERVAL = re.compile(r"^\s*([\(\[])\s*([^,]+?)\s*,\s*([^,]+?)\s*([\)\]])\s*$")
#: Width of :meth:`ParameterSpace.window` on an unbounded side of a domain.
WINDOW_SPAN = 10.0


def _bound(text: str) -> sympy.Expr | None:
    t = text.strip()
    if t in ("oo", "inf", "+oo", "+inf", "-oo", "-inf"):
        return None
    return sympy.Rational(t) if re.fullmatch(r"[-+]?\d+(\.\d*)?(/\d+)?", t) else sympy.sympify(t)


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


@dataclass(frozen=True, init=False)
class Parameter:
    """One named parameter of a model: a row of the model's parameter table.

    Parameters
    ----------
    name : str
        A Python identifier (``"fine"``); see :func:`name_problem` for the
        names that are refused.
    domain : str
        ``"real"``, ``"positive"``, ``"nonnegative"``, ``"negative"``,
        ``"nonpositive"``, ``"integer"``, ``"positive_integer"``,
        ``"nonnegative_integer"`` or an interval such as ``"(0, 1)"``,
        ``"[0, 1]"``, ``"(0, 1]"``, ``"[0, oo)"``.
    latex : str, optional
        LaTeX name used when printing (``r"\\delta_G"``); defaults to sympy's.
    description : str
        One line saying what the parameter means (``meaning=`` is the same).
    default : number, optional
        A default value (an int, Fraction, decimal string or float) inside
        the domain, e.g. a published calibration; ``None`` for none.
    shadow : bool, default True
        Whether a name that sympy reads as one of its own objects (``I``,
        ``Q``, ``O``, ``beta``, ``E1``, ...) may be declared, e.g. to keep a
        paper's notation. Inside the space's parser
        (:meth:`ParameterSpace.sympify`) a declared name always means the
        parameter; an undeclared one is an error, never sympy's object.
        ``shadow=False`` refuses such names at declaration.

    Raises
    ------
    ParameterError
        For a bad name (a keyword, a sympy name with ``shadow=False``), an
        unknown domain, or a default outside the domain.

    Examples
    --------
    >>> Parameter("delta", "(0, 1)", latex=r"\\delta").bounds
    (0, 1, True, True)
    >>> p = Parameter("fine", "positive", latex="F", meaning="fine paid by a caught violator", default=3)
    >>> p.meaning, p.default
    ('fine paid by a caught violator', 3)
    >>> Parameter("lambda", "positive")
    Traceback (most recent call last):
    ...
    games.errors.ParameterError: Parameter(): name must be a parameter name, not a Python keyword (try 'lambda_' or 'lam'); got 'lambda'
    """

    name: str
    domain: str = "real"
    latex: str | None = None
    description: str = ""
    default: Any = None
    shadow: bool = True

    def __init__(self, name: str, domain: str = "real", latex: str | None = None, description: str = "",
                 default: Any = None, *, meaning: str | None = None, shadow: bool = True) -> None:
        if meaning is not None:
            if description and description != meaning:
                raise ParameterError(fmt_error("Parameter", "meaning", "the same as description when both are given",
                                               meaning))
            description = meaning
        sets = object.__setattr__
        sets(self, "name", name)
        sets(self, "domain", domain)
        sets(self, "latex", latex)
        sets(self, "description", description)
        sets(self, "default", default)
        sets(self, "shadow", bool(shadow))
        self.__post_init__()

    def __post_init__(self) -> None:
        problem = name_problem(self.name)
        if problem is not None and not (self.shadow and problem.startswith("a name sympy reads as")
                                        and "symbol '" not in problem):
            raise ParameterError(fmt_error("Parameter", "name", f"a parameter name, not {problem}", self.name))
        if not isinstance(self.domain, str):
            raise ParameterError(fmt_error("Parameter", "domain", "a domain name or interval string", self.domain))
        if self.latex is not None and not isinstance(self.latex, str):
            raise ParameterError(fmt_error("Parameter", "latex", "a string or None", self.latex))
        if not isinstance(self.description, str):
            raise ParameterError(fmt_error("Parameter", "description", "a string", self.description))
        self._parse()
        if self.default is not None:
            self._check_default()

    def _check_default(self) -> None:
        from games.values import to_value

        func = "Parameter"
        try:
            hash(self.default)
            v = to_value(self.default, func=func, arg=f"default of {self.name!r}")
        except (TypeError, ValueError):
            raise ParameterError(fmt_error(func, f"default of {self.name!r}", "a number", self.default)) from None
        if isinstance(v, sympy.Basic) and not v.is_number:
            raise ParameterError(fmt_error(func, f"default of {self.name!r}", "a number", self.default))
        lo, hi, lo_open, hi_open, integer = self._parse()
        fv = float(v)
        bad = (integer and fv != int(fv)) or (lo is not None and (fv < float(lo) or (lo_open and _le(v, lo)))) \
            or (hi is not None and (fv > float(hi) or (hi_open and _le(hi, v))))
        if bad:
            raise ParameterError(fmt_error(func, f"default of {self.name!r}", f"in the domain {self.domain}",
                                           self.default))

    @property
    def meaning(self) -> str:
        """What the parameter means (the same as :attr:`description`)."""
        return self.description

    def to_row(self) -> tuple:
        """``(name, domain, latex, meaning, default)``: the row :meth:`ParameterSpace.from_table` reads.

        Examples
        --------
        >>> Parameter("d", "(0, 1)", r"\\delta", "discount factor", "9/10").to_row()
        ('d', '(0, 1)', '\\\\delta', 'discount factor', '9/10')
        """
        return (self.name, self.domain, self.latex, self.description, self.default)

    def _parse(self):
        d = self.domain.strip()
        if d in _NAMED_DOMAINS:
            lo, hi, lo_open, hi_open, integer = _NAMED_DOMAINS[d]
            return (None if lo is None else sympy.Integer(lo), None if hi is None else sympy.Integer(hi),
                    lo_open, hi_open, integer)
        m = _INTERVAL.match(d)
        if not m:
            raise ParameterError(fmt_error(
                "Parameter", "domain",
                "one of " + ", ".join(sorted(_NAMED_DOMAINS)) + " or an interval like '(0, 1)'", self.domain))
        try:
            lo, hi = _bound(m.group(2)), _bound(m.group(3))
        except (sympy.SympifyError, TypeError, ValueError) as err:
            raise ParameterError(fmt_error("Parameter", "domain", "an interval with numeric bounds", self.domain)) from err
        if (lo is not None and not lo.is_number) or (hi is not None and not hi.is_number):
            raise ParameterError(fmt_error("Parameter", "domain", "an interval with numeric bounds", self.domain))
        if lo is not None and hi is not None and not (lo < hi):
            raise ParameterError(fmt_error("Parameter", "domain", "an interval with lower < upper", self.domain))
        return lo, hi, m.group(1) == "(" or lo is None, m.group(4) == ")" or hi is None, False

    @property
    def bounds(self) -> tuple:
        """``(lower, upper, lower_open, upper_open)``; ``None`` for unbounded."""
        lo, hi, lo_open, hi_open, _ = self._parse()
        return lo, hi, lo_open, hi_open

    @property
    def is_integer(self) -> bool:
        """Whether the parameter takes integer values only."""
        return self._parse()[4]

    @property
    def symbol(self) -> sympy.Symbol:
        """The sympy symbol, with assumptions implied by the domain."""
        lo, hi, lo_open, hi_open, integer = self._parse()
        assumptions: dict[str, bool] = {"real": True}
        if integer:
            assumptions["integer"] = True
        if lo is not None and (lo > 0 or (lo == 0 and lo_open)):
            assumptions["positive"] = True
        elif lo is not None and lo >= 0:
            assumptions["nonnegative"] = True
        elif hi is not None and (hi < 0 or (hi == 0 and hi_open)):
            assumptions["negative"] = True
        elif hi is not None and hi <= 0:
            assumptions["nonpositive"] = True
        return sympy.Symbol(self.name, **assumptions)

    def domain_condition(self) -> sympy.Basic:
        """The domain as a sympy Boolean in the parameter's symbol."""
        lo, hi, lo_open, hi_open, _ = self._parse()
        s = self.symbol
        parts = []
        if lo is not None:
            parts.append(sympy.StrictGreaterThan(s, lo, evaluate=False) if lo_open
                         else sympy.GreaterThan(s, lo, evaluate=False))
        if hi is not None:
            parts.append(sympy.StrictLessThan(s, hi, evaluate=False) if hi_open
                         else sympy.LessThan(s, hi, evaluate=False))
        return sympy.And(*parts) if parts else sympy.true

    def latex_name(self) -> str:
        """LaTeX for the symbol: the declared one or sympy's."""
        return self.latex if self.latex else sympy.latex(self.symbol)


def _as_parameter(name: str, spec: Any) -> Parameter:
    if isinstance(spec, Parameter):
        return spec
    if isinstance(spec, str):
        return Parameter(name, spec)
    if isinstance(spec, (tuple, list)) and 1 <= len(spec) <= 4:
        return Parameter(name, *spec)
    if isinstance(spec, Mapping):
        return Parameter(name, **spec)
    raise ParameterError(fmt_error("ParameterSpace", f"parameters[{name!r}]",
                                   "a domain string, a (domain, latex, description[, default]) tuple or a Parameter",
                                   spec))


def _row_parameter(row: Any, i: int) -> Parameter:
    if isinstance(row, Parameter):
        return row
    if isinstance(row, Mapping):
        try:
            return Parameter(**row)
        except TypeError as err:
            raise ParameterError(fmt_error("ParameterSpace.from_table", f"rows[{i}]",
                                           "a mapping with keys name, domain, latex, meaning, default", row)) from err
    if isinstance(row, (tuple, list)) and 1 <= len(row) <= 5 and isinstance(row[0], str):
        return Parameter(*row)
    raise ParameterError(fmt_error("ParameterSpace.from_table", f"rows[{i}]",
                                   "a (name, domain, latex, meaning, default) tuple (the last three optional), "
                                   "a mapping or a Parameter", row))


# Whether a space (by content) is non-empty, decided once by the condition engine.
_NONEMPTY: dict[tuple, bool | None] = {}
_CHECKING = threading.local()


class ParameterSpace:
    """Named parameters with domains and constraints; immutable and hashable.

    Parameters
    ----------
    parameters : iterable of Parameter, or mapping
        Either :class:`Parameter` objects or a mapping from name to a domain
        string, a ``(domain, latex, description)`` tuple or a Parameter.
    constraints : iterable of str or sympy relations
        Extra constraints such as ``"fine > gain"``.

    Raises
    ------
    ParameterError
        For a malformed or duplicate parameter, a constraint that is not a
        relation in the parameters, and constraints that no point of the
        domains satisfies (an empty space, decided by
        :func:`games.conditions.is_satisfiable`).

    See Also
    --------
    from_table : the space from a paper's parameter table (with defaults).

    Examples
    --------
    >>> space = ParameterSpace({"gain": "positive", "fine": ("positive", "f", "fine if caught")},
    ...                        constraints=["fine > gain"])
    >>> space["fine"], space["fine"].is_positive
    (fine, True)
    >>> space.contains({"gain": 1, "fine": 2}), space.contains({"gain": 2, "fine": 1})
    (True, False)
    >>> space.check({"gain": 2, "fine": 1})
    Traceback (most recent call last):
    ...
    games.errors.ParameterError: ParameterSpace.check(): point must be a point satisfying fine > gain; got {'gain': 2, 'fine': 1}
    """

    __slots__ = ("_params", "_symbols", "_constraints", "_by_name", "_hash", "_checker")

    def __init__(self, parameters: Iterable[Parameter] | Mapping[str, Any] = (),
                 constraints: Iterable[Any] = ()) -> None:
        if isinstance(parameters, Mapping):
            params = tuple(_as_parameter(k, v) for k, v in parameters.items())
        else:
            params = tuple(parameters)
            for p in params:
                if not isinstance(p, Parameter):
                    raise ParameterError(fmt_error("ParameterSpace", "parameters",
                                                   "Parameter objects or a mapping", p))
        names = [p.name for p in params]
        dup = {n for n in names if names.count(n) > 1}
        if dup:
            raise ParameterError(fmt_error("ParameterSpace", "parameters", "uniquely named (a name declared twice)",
                                           sorted(dup)))
        object.__setattr__(self, "_params", params)
        object.__setattr__(self, "_symbols", tuple(p.symbol for p in params))
        object.__setattr__(self, "_by_name", {p.name: p for p in params})
        if isinstance(constraints, (str, sympy.Basic)):
            constraints = [constraints]
        cons = tuple(self._parse_constraint(c) for c in constraints)
        cons = tuple(c for c in cons if c is not sympy.true)
        object.__setattr__(self, "_constraints", cons)
        object.__setattr__(self, "_hash", None)
        object.__setattr__(self, "_checker", None)
        self._check_defaults()
        self._check_nonempty()

    def _check_defaults(self) -> None:
        given = {p.name: p.default for p in self._params if p.default is not None}
        if not given:
            return
        violated = self._violated({self.symbol(n): _exact(v) for n, v in given.items()})
        if violated is not None:
            raise ParameterError(fmt_error("ParameterSpace", "defaults", f"a point satisfying {violated}", given))

    def _check_nonempty(self) -> None:
        """Refuse constraints that no point of the domains satisfies (answer cached per space)."""
        if not self._constraints or getattr(_CHECKING, "active", False):
            return
        key = self._hashable_content()
        if key not in _NONEMPTY:
            from games.conditions import is_satisfiable  # lazy: the engine imports this module

            _CHECKING.active = True
            try:
                _NONEMPTY[key] = is_satisfiable(sympy.And(*self._constraints), self)
            except (ParameterError, TypeError, ValueError):
                _NONEMPTY[key] = None
            finally:
                _CHECKING.active = False
        if _NONEMPTY[key] is False:
            doms = ", ".join(f"{p.name}: {p.domain}" for p in self._params
                             if any(p.name == s.name for c in self._constraints for s in c.free_symbols))
            raise ParameterError(fmt_error(
                "ParameterSpace", "constraints",
                f"satisfiable together with the domains ({doms}); they contradict each other (no point satisfies them all: the space is empty)",
                [str(c) for c in self._constraints]))

    def __setattr__(self, key, value):
        raise AttributeError("ParameterSpace is immutable")

    def __reduce__(self):
        # pickling (process pools, dask workers) goes through the rebuild law
        return (ParameterSpace.from_dict, (self.to_dict(),))

    def _parse_constraint(self, c: Any) -> sympy.Basic:
        expr = self.sympify(c, func="ParameterSpace", arg="constraints")
        if not isinstance(expr, sympy.logic.boolalg.Boolean):
            raise ParameterError(fmt_error("ParameterSpace", "constraints",
                                           "relations such as 'fine > gain'", c))
        if expr is sympy.false:
            doms = ", ".join(f"{p.name}: {p.domain}" for p in self._params)
            raise ParameterError(fmt_error("ParameterSpace", "constraints",
                                           f"satisfiable on the domains ({doms}); this one never holds", c))
        return expr

    # --- symbols -------------------------------------------------------
    def sympify(self, expr: Any, *, func: str = "ParameterSpace.sympify", arg: str = "expr",
                allow_new_symbols: bool = False) -> sympy.Basic:
        """Parse a string or expression in the space's symbols.

        In a string every bare name must be a parameter of the space (so
        ``"O"`` is the parameter ``O`` or an error, never sympy's ``Order``;
        ``"abc"`` never silently becomes a new parameter); names followed by
        ``(`` must be sympy functions (``sqrt``, ``Piecewise``, ``Max``...).
        Symbols with a parameter's name are replaced by the space's symbol
        (which carries the domain's assumptions).

        Parameters
        ----------
        expr : str, number or sympy expression
        func, arg : str
            Names used in error messages.
        allow_new_symbols : bool, default False
            Read undeclared names in a string as new real symbols instead of
            refusing them (a name sympy reads as something else, such as
            ``O``, is still refused).

        Raises
        ------
        ParameterError
            For a malformed string, an undeclared name, an unknown function.

        Examples
        --------
        >>> ParameterSpace({"a": "positive"}).sympify("a + 1").free_symbols
        {a}
        >>> ParameterSpace({"a": "positive"}).sympify("a + abc")
        Traceback (most recent call last):
        ...
        games.errors.ParameterError: ParameterSpace.sympify(): expr must be an expression in the parameters ['a'] (declare every name in the ParameterSpace, or pass allow_new_symbols=True); got 'a + abc (unknown: abc)'
        >>> ParameterSpace({"a": "positive"}).sympify("a*O", allow_new_symbols=True)
        Traceback (most recent call last):
        ...
        games.errors.ParameterError: ParameterSpace.sympify(): expr must be an expression in the parameters ['a'] ('O' is not declared and is a name sympy reads as Order, not a symbol (try 'O_' or a longer name)); got 'a*O'
        """
        local = {p.name: s for p, s in zip(self._params, self._symbols)}
        if isinstance(expr, str):
            out = _parse_text(expr, local, func=func, arg=arg, allow_new_symbols=allow_new_symbols,
                              declared=list(self.names))
        elif isinstance(expr, (sympy.Basic, int, float)):
            out = sympy.sympify(expr)
        else:
            raise ParameterError(fmt_error(func, arg, "a string or sympy expression", expr))
        repl = {s: local[s.name] for s in out.free_symbols
                if isinstance(s, sympy.Symbol) and s.name in local and s != local[s.name]}
        if repl:
            out = out.xreplace(repl)
        unknown = sorted(s.name for s in out.free_symbols if s.name not in local)
        if unknown and not allow_new_symbols:
            raise ParameterError(fmt_error(func, arg, f"an expression in the parameters {list(self.names)}",
                                           f"{expr} (unknown: {', '.join(unknown)})"))
        return out

    def __getitem__(self, name: str) -> sympy.Symbol:
        return self.symbol(name)

    def symbol(self, name: str) -> sympy.Symbol:
        """The symbol of parameter ``name``."""
        if isinstance(name, sympy.Symbol):
            name = name.name
        try:
            return self._symbols[self.names.index(name)]
        except ValueError:
            raise ParameterError(fmt_error("ParameterSpace", "name", f"one of {list(self.names)}", name)) from None

    def parameter(self, name: str) -> Parameter:
        """The :class:`Parameter` called ``name``."""
        self.symbol(name)
        return self._by_name[name if isinstance(name, str) else name.name]

    @property
    def parameters(self) -> tuple[Parameter, ...]:
        return self._params

    @property
    def symbols(self) -> tuple[sympy.Symbol, ...]:
        return self._symbols

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self._params)

    @property
    def constraints(self) -> tuple[sympy.Basic, ...]:
        return self._constraints

    @property
    def assumptions(self) -> sympy.Basic:
        """Domains and constraints as one sympy Boolean."""
        return sympy.And(*(p.domain_condition() for p in self._params), *self._constraints)

    def latex_names(self) -> dict[sympy.Symbol, str]:
        """Map each symbol to its LaTeX name (for ``sympy.latex(..., symbol_names=...)``)."""
        return {s: p.latex_name() for p, s in zip(self._params, self._symbols)}

    def latex(self, expr: Any) -> str:
        """LaTeX of an expression with the parameters' declared LaTeX names.

        Examples
        --------
        >>> ParameterSpace({"delta": ("(0, 1)", r"\\delta")}).latex("1 - delta")
        '1 - \\\\delta'
        """
        e = expr if isinstance(expr, sympy.Basic) else self.sympify(expr)
        return sympy.latex(e, symbol_names=self.latex_names())

    def __len__(self) -> int:
        return len(self._params)

    def __iter__(self):
        return iter(self.names)

    def __contains__(self, name: object) -> bool:
        if isinstance(name, sympy.Symbol):
            return name in self._symbols
        return name in self._by_name

    # --- value semantics ------------------------------------------------
    def _hashable_content(self) -> tuple:
        return (self._params, tuple(sympy.srepr(c) for c in self._constraints))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ParameterSpace) and self._hashable_content() == other._hashable_content()

    def __hash__(self) -> int:
        if self._hash is None:
            object.__setattr__(self, "_hash", hash(self._hashable_content()))
        return self._hash

    def __repr__(self) -> str:
        ps = ", ".join(f"{p.name}: {p.domain}" for p in self._params)
        cs = ", ".join(str(c) for c in self._constraints)
        return f"ParameterSpace({{{ps}}}" + (f", constraints=[{cs}])" if cs else ")")

    def to_dict(self) -> dict:
        """A JSON-ready dictionary; :meth:`from_dict` rebuilds the space."""
        def row(p: Parameter) -> dict:
            d = {"name": p.name, "domain": p.domain, "latex": p.latex, "description": p.description}
            if p.default is not None:
                d["default"] = p.default if isinstance(p.default, (int, float, str)) else str(p.default)
            if not p.shadow:
                d["shadow"] = False
            return d
        return {"parameters": [row(p) for p in self._params],
                "constraints": [sympy.srepr(c) for c in self._constraints]}

    @classmethod
    def from_dict(cls, d: Mapping) -> "ParameterSpace":
        """Rebuild a space from :meth:`to_dict` output.

        Examples
        --------
        >>> s = ParameterSpace({"a": "positive", "b": "(0, 1)"}, ["a > b"])
        >>> ParameterSpace.from_dict(s.to_dict()) == s
        True
        """
        params = [Parameter(**p) for p in d["parameters"]]
        space = cls([Parameter(p.name, p.domain, p.latex, p.description, shadow=p.shadow) for p in params])
        cons = [space._rebind(eval_srepr(c)) for c in d.get("constraints", ())]
        return cls(params, cons)

    def _rebind(self, expr: sympy.Basic) -> sympy.Basic:
        repl = {s: self.symbol(s.name) for s in expr.free_symbols if s.name in self}
        return expr.xreplace(repl)

    def merge(self, other: "ParameterSpace") -> "ParameterSpace":
        """The union of two spaces; a name declared twice must agree.

        Examples
        --------
        >>> ParameterSpace({"a": "positive"}).merge(ParameterSpace({"b": "real"})).names
        ('a', 'b')
        """
        params = list(self._params)
        for p in other._params:
            if p.name in self._by_name:
                if self._by_name[p.name].domain != p.domain:
                    raise ParameterError(fmt_error("ParameterSpace.merge", "other",
                                                   f"the same domain for {p.name!r}", p.domain))
            else:
                params.append(p)
        return ParameterSpace(params, self._constraints + other._constraints)

    def restrict(self, *constraints: Any) -> "ParameterSpace":
        """The space with extra constraints.

        Declared defaults are kept where they satisfy the new constraints; a
        new constraint that the default point violates drops the defaults of
        its parameters (the restricted space has no default point there).

        Parameters
        ----------
        *constraints : str or sympy relation
            Relations in the space's parameters, such as ``"a < 1"``.

        Returns
        -------
        ParameterSpace

        Raises
        ------
        ParameterError
            For a constraint that is not a relation in the parameters, or
            constraints that leave the space empty.

        Examples
        --------
        >>> ParameterSpace({"a": "positive"}).restrict("a < 1").contains({"a": 2})
        False
        >>> s = ParameterSpace.from_table([("a", "positive", None, "", 2), ("b", "positive", None, "", 1)])
        >>> s.restrict("a < 1").defaults(), s.restrict("a > 1").defaults()
        ({'b': 1}, {'a': 2, 'b': 1})
        """
        new = tuple(self._parse_constraint(c) for c in constraints)
        params = self._params
        sub = {self.symbol(p.name): _exact(p.default) for p in params if p.default is not None}
        if sub and new:
            drop: set[str] = set()
            for c in new:
                if c.free_symbols <= set(sub) and _violates(c, sub):
                    drop |= {x.name for x in c.free_symbols}
            params = tuple(Parameter(p.name, p.domain, p.latex, p.description, None, shadow=p.shadow)
                           if p.name in drop else p for p in params)
        return ParameterSpace(params, self._constraints + new)

    # --- points ---------------------------------------------------------
    def point(self, point: Mapping[Any, Any], *, func: str = "ParameterSpace.check",
              partial: bool = False) -> dict[sympy.Symbol, Any]:
        """Validate a numeric point and key it by symbol.

        Keys may be names or symbols. Values may be ints, Fractions, floats
        or sympy numbers; exact values stay exact.

        Raises
        ------
        ParameterError
            For unknown or missing names, non-finite values, and points
            outside the space (the message names the violated domain or
            constraint).

        Examples
        --------
        >>> s = ParameterSpace({"a": "(0, 1)"})
        >>> s.point({"a": 0.5})
        {a: 0.5}
        """
        from games.values import to_value

        if not isinstance(point, Mapping):
            raise ParameterError(fmt_error(func, "point", "a mapping of parameter names to numbers", point))
        out: dict[sympy.Symbol, Any] = {}
        for k, v in point.items():
            name = k.name if isinstance(k, sympy.Symbol) else k
            if name not in self._by_name:
                raise ParameterError(fmt_error(func, "point", f"keyed by the parameters {list(self.names)}",
                                               f"unknown parameter {name!r}"))
            try:
                val = to_value(v, func=func, arg=f"point[{name!r}]")
            except ValueError as err:
                raise ParameterError(str(err)) from None
            if isinstance(val, sympy.Basic) and not val.is_number:
                raise ParameterError(fmt_error(func, f"point[{name!r}]", "a number", v))
            out[self.symbol(name)] = val
        if not partial:
            missing = [n for n in self.names if self.symbol(n) not in out]
            if missing:
                raise ParameterError(fmt_error(func, "point", f"a value for every parameter (missing {missing})",
                                               dict(point)))
        violated = self._violated(out)
        if violated is not None:
            raise ParameterError(fmt_error(func, "point", f"a point satisfying {violated}", _plain(point)))
        return out

    check = point

    def _violated(self, sub: Mapping[sympy.Symbol, Any]) -> str | None:
        for p, s in zip(self._params, self._symbols):
            if s not in sub:
                continue
            v = sub[s]
            lo, hi, lo_open, hi_open = p.bounds
            fv = float(v)
            if p.is_integer and fv != int(fv):
                return f"{p.name} integer"
            if lo is not None and (fv < float(lo) or (lo_open and _le(v, lo))):
                return f"{p.name} {'>' if lo_open else '>='} {lo}"
            if hi is not None and (fv > float(hi) or (hi_open and _le(hi, v))):
                return f"{p.name} {'<' if hi_open else '<='} {hi}"
        for c in self._constraints:
            if c.free_symbols <= set(sub) and _violates(c, sub):
                return str(c)
        return None

    def contains(self, point: Mapping[Any, Any]) -> bool:
        """Whether a complete numeric point lies in the space.

        Use :meth:`check` for an error naming the violated constraint.

        Examples
        --------
        >>> ParameterSpace({"d": "(0, 1)"}).contains({"d": 1})
        False
        """
        try:
            self.point(point)
        except ParameterError:
            return False
        return True

    # --- vectorised evaluation --------------------------------------------
    def mask(self, columns: Mapping[str, Any]) -> np.ndarray:
        """Boolean array: which rows of ``columns`` (name -> array) are inside the space.

        Examples
        --------
        >>> ParameterSpace({"a": "positive"}, ["a < 2"]).mask({"a": np.array([-1., 1., 3.])})
        array([False,  True, False])
        """
        cols = {n: np.asarray(columns[n], dtype=float) for n in self.names}
        n = len(next(iter(cols.values()))) if cols else 0
        ok = np.ones(n, dtype=bool)
        for p in self._params:
            x = cols[p.name]
            lo, hi, lo_open, hi_open = p.bounds
            ok &= np.isfinite(x)
            if lo is not None:
                ok &= (x > float(lo)) if lo_open else (x >= float(lo))
            if hi is not None:
                ok &= (x < float(hi)) if hi_open else (x <= float(hi))
            if p.is_integer:
                ok &= x == np.round(x)
        for c in self._constraints:
            f = sympy.lambdify(self._symbols, c, modules="numpy")
            with np.errstate(all="ignore"):
                val = np.broadcast_to(np.asarray(f(*(cols[nm] for nm in self.names)), dtype=bool), ok.shape)
            ok &= val
        return ok

    def window(self, name: str, point: Mapping[Any, Any] | None = None, *, span: float = WINDOW_SPAN,
               n: int = 401) -> tuple[float, float]:
        """The one window rule for a parameter's axis, sweep or sample.

        The domain when it is bounded on both sides; ``[lo, lo + span]``
        from a lower bound alone, ``[hi - span, hi]`` from an upper bound
        alone, ``[-span/2, span/2]`` for an unbounded parameter. Sampling
        (:meth:`sample`), grids (:meth:`grid`), regime maps
        (:func:`solvers.regimes.regime_map`) and figures all use it. With
        ``point`` (values of the other parameters) the window also contains
        the point's own value of ``name`` and is narrowed to where the
        space's constraints hold with the others fixed, so that a sweep
        never leaves the model's domain (when ``point`` lacks a value of
        another parameter, the domain's window is returned).

        Parameters
        ----------
        name : str
            A parameter of the space.
        point : mapping, optional
            Parameter values (names or symbols as keys).
        span : float
            Width on an unbounded side.
        n : int
            Grid used to find the constrained window.

        Returns
        -------
        (float, float)
            The closed window; sample interior points when the domain is open.

        Raises
        ------
        ParameterError
            For an unknown ``name``, or when no value of ``name`` satisfies
            the constraints at ``point``.

        Examples
        --------
        >>> s = ParameterSpace({"d": "(0, 1)", "k": "positive", "c": "positive", "x": "real"}, ["c < k"])
        >>> s.window("d"), s.window("k"), s.window("x")
        ((0.0, 1.0), (0.0, 10.0), (-5.0, 5.0))
        >>> s.window("c", {"d": 0.5, "k": 2, "x": 0})     # cost below benefit k = 2
        (0.0, 2.0)
        """
        func = "ParameterSpace.window"
        if not isinstance(name, str) or name not in self._by_name:
            raise ParameterError(fmt_error(func, "name", f"a parameter among {list(self.names)}", name))
        if not (isinstance(span, (int, float)) and math.isfinite(span) and span > 0):
            raise ParameterError(fmt_error(func, "span", "a positive finite width", span))
        plo, phi, _, _ = self._by_name[name].bounds
        if plo is not None and phi is not None:
            lo, hi = float(plo), float(phi)
        elif plo is not None:
            lo, hi = float(plo), float(plo) + span
        elif phi is not None:
            lo, hi = float(phi) - span, float(phi)
        else:
            lo, hi = -span / 2, span / 2
        if point is None:
            return lo, hi
        if not isinstance(point, Mapping):
            raise ParameterError(fmt_error(func, "point", "a mapping of parameter names to numbers", point))
        point = {(k.name if isinstance(k, sympy.Symbol) else k): v for k, v in point.items()}
        if name in point:
            v = float(point[name])
            if v > hi:
                hi = lo + 2.0 * (v - lo) if plo is not None else v + span / 2
            if v < lo:
                lo = hi - 2.0 * (hi - v) if phi is not None else v - span / 2
        if any(k != name and k not in point for k in self.names):
            return float(lo), float(hi)  # the other values are not all known: the domain's window
        xs = np.linspace(lo, hi, n)
        cols = {k: np.full(n, float(point[k])) for k in self.names if k != name}
        cols[name] = xs
        inside = np.asarray(self.mask(cols), dtype=bool)
        # the domain's open ends are excluded by the mask; keep the closed window there
        inside[[0, -1]] |= inside[[1, -2]]
        if not inside.any():
            raise ParameterError(fmt_error(func, name, "a value satisfying the space's constraints at the point",
                                           _plain(point)))
        idx = np.nonzero(inside)[0]
        # the connected run of admissible values containing the point's value (or the first run)
        runs = np.split(idx, np.nonzero(np.diff(idx) > 1)[0] + 1)
        run = runs[0]
        if name in point:
            k = int(np.argmin(np.abs(xs - float(point[name]))))
            run = next((r for r in runs if r[0] <= k <= r[-1]), run)
        step = (hi - lo) / (n - 1)
        a = xs[run[0]] - (step if run[0] > 0 else 0.0)
        b = xs[run[-1]] + (step if run[-1] < n - 1 else 0.0)
        return float(max(a, lo)), float(min(b, hi))

    def _window(self, p: Parameter) -> tuple[float, float]:
        return self.window(p.name)

    def sample_columns(self, n: int, rng: Any = None, *, max_tries: int = 200) -> dict[str, np.ndarray]:
        """``n`` random points inside the space, as columns (name -> array).

        Unbounded domains are sampled in a window of width 10 from their
        finite bound (or around 0); constraints are met by rejection.

        Raises
        ------
        ParameterError
            When no points satisfying the constraints are found (the
            constraints are contradictory or very restrictive).

        Examples
        --------
        >>> cols = ParameterSpace({"a": "(0, 1)", "b": "positive"}, ["b > a"]).sample_columns(100, rng=0)
        >>> bool(np.all(cols["b"] > cols["a"]))
        True
        """
        if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 0:
            raise ParameterError(fmt_error("ParameterSpace.sample", "n", "a nonnegative integer", n))
        gen = np.random.default_rng(rng)
        got: dict[str, list[np.ndarray]] = {nm: [] for nm in self.names}
        have = 0
        batch = max(64, 2 * n)
        for _ in range(max_tries):
            if have >= n:
                break
            cols = {}
            for p in self._params:
                lo, hi = self._window(p)
                if p.is_integer:
                    cols[p.name] = gen.integers(math.ceil(lo), math.floor(hi) + 1, size=batch).astype(float)
                else:
                    cols[p.name] = gen.uniform(lo, hi, size=batch)
            m = self.mask(cols)
            for nm in self.names:
                got[nm].append(cols[nm][m])
            have += int(m.sum())
        if have < n:
            raise ParameterError(fmt_error("ParameterSpace.sample", "constraints",
                                           "satisfiable by sampling (are they contradictory?)",
                                           [str(c) for c in self._constraints]))
        return {nm: np.concatenate(got[nm])[:n] for nm in self.names}

    def sample(self, n: int, rng: Any = None) -> list[dict[str, float]]:
        """``n`` random points inside the space, as a list of dicts.

        Examples
        --------
        >>> pts = ParameterSpace({"d": "(0, 1)"}).sample(3, rng=1)
        >>> len(pts), all(0 < p["d"] < 1 for p in pts)
        (3, True)
        """
        cols = self.sample_columns(n, rng)
        return [{nm: float(cols[nm][i]) for nm in self.names} for i in range(n)]

    def grid(self, axes: Mapping[str, Any], fixed: Mapping[str, Any] | None = None) -> dict[str, np.ndarray]:
        """A grid over some parameters with the others fixed, as columns.

        Parameters
        ----------
        axes : mapping
            Name -> a sequence of values, or an int (that many evenly
            spaced interior points of the parameter's sampling window).
        fixed : mapping, optional
            Values of the remaining parameters.

        Returns
        -------
        dict of str to ndarray
            Flattened grid columns (first axis slowest), only points inside the space.

        Examples
        --------
        >>> s = ParameterSpace({"a": "(0, 1)", "b": "(0, 1)"}, ["a < b"])
        >>> g = s.grid({"a": [0.2, 0.6], "b": [0.5, 0.9]})
        >>> g["a"].tolist(), g["b"].tolist()
        ([0.2, 0.2, 0.6], [0.5, 0.9, 0.9])
        """
        fixed = dict(fixed or {})
        for nm in list(axes) + list(fixed):
            self.symbol(nm)
        missing = [nm for nm in self.names if nm not in axes and nm not in fixed]
        if missing:
            raise ParameterError(fmt_error("ParameterSpace.grid", "fixed", f"values for {missing}", fixed))
        vals = []
        for nm, spec in axes.items():
            if isinstance(spec, (int, np.integer)) and not isinstance(spec, bool):
                lo, hi = self._window(self.parameter(nm))
                vals.append(np.linspace(lo, hi, int(spec) + 2)[1:-1])
            else:
                vals.append(np.asarray(spec, dtype=float).ravel())
        mesh = np.meshgrid(*vals, indexing="ij") if vals else []
        size = mesh[0].size if mesh else 1
        cols = {nm: m.ravel() for nm, m in zip(axes, mesh)}
        for nm, v in fixed.items():
            cols[nm] = np.full(size, float(v))
        cols = {nm: cols[nm] for nm in self.names}
        m = self.mask(cols)
        return {nm: c[m] for nm, c in cols.items()}

    @classmethod
    def empty(cls) -> "ParameterSpace":
        """A space with no parameters (numeric games)."""
        return cls(())

    @classmethod
    def from_symbols(cls, symbols: Iterable[sympy.Symbol]) -> "ParameterSpace":
        """A space whose domains are read off the symbols' assumptions.

        Examples
        --------
        >>> a = sympy.Symbol("a", positive=True)
        >>> ParameterSpace.from_symbols([a]).parameter("a").domain
        'positive'
        """
        params = []
        for s in sorted(symbols, key=lambda s: s.name):
            if s.is_integer and s.is_positive:
                dom = "positive_integer"
            elif s.is_integer and s.is_nonnegative:
                dom = "nonnegative_integer"
            elif s.is_integer:
                dom = "integer"
            elif s.is_positive:
                dom = "positive"
            elif s.is_nonnegative:
                dom = "nonnegative"
            elif s.is_negative:
                dom = "negative"
            elif s.is_nonpositive:
                dom = "nonpositive"
            else:
                dom = "real"
            # a symbol object is unambiguous even when its name is also a sympy name (I, Q, beta, ...)
            params.append(Parameter(s.name, dom))
        return cls(params)

    @classmethod
    def from_table(cls, rows: Iterable[Any], constraints: Iterable[Any] = ()) -> "ParameterSpace":
        """The space of a parameter table as a paper prints it: one row per parameter.

        Parameters
        ----------
        rows : iterable
            Each row is ``(name, domain, latex, meaning, default)`` (the last
            three optional, ``None`` for "none"), a mapping with those keys
            (``shadow=True`` allowed) or a :class:`Parameter`.
        constraints : iterable of str or sympy relations
            Maintained assumptions such as ``"fine > gain"``.

        Returns
        -------
        ParameterSpace
            With :meth:`defaults`, :meth:`latex_names`, :meth:`meanings`
            and :meth:`table` for tables and figures.

        Raises
        ------
        ParameterError
            For a malformed row, a refused name (:func:`name_problem`), a
            duplicate name, a default outside its domain, defaults that
            violate a constraint, or contradictory constraints.

        Examples
        --------
        >>> space = ParameterSpace.from_table([
        ...     ("gain", "positive", "g", "violator's gain if not caught", 1),
        ...     ("fine", "positive", "F", "fine paid by a caught violator", 3),
        ...     ("p", "[0, 1]", r"\\pi", "probability of inspection", "1/2"),
        ... ], constraints=["fine > gain"])
        >>> space
        ParameterSpace({gain: positive, fine: positive, p: [0, 1]}, constraints=[fine > gain])
        >>> space.defaults()
        {'gain': 1, 'fine': 3, 'p': 1/2}
        >>> print(space.latex("fine*p - gain"))
        F \\pi - g
        >>> space.meanings()["fine"]
        'fine paid by a caught violator'
        >>> ParameterSpace.from_table([("a", "real")], constraints=["a > 1", "a < 0"])
        Traceback (most recent call last):
        ...
        games.errors.ParameterError: ParameterSpace(): constraints must be satisfiable together with the domains (a: real); they contradict each other (no point satisfies them all: the space is empty); got ['a > 1', 'a < 0']
        """
        if isinstance(rows, (str, Mapping)):
            raise ParameterError(fmt_error("ParameterSpace.from_table", "rows",
                                           "a sequence of (name, domain, latex, meaning, default) rows", rows))
        params = [_row_parameter(r, i) for i, r in enumerate(rows)]
        return cls(params, constraints)

    def defaults(self) -> dict[str, Any]:
        """The declared default values, name -> exact number (float for float defaults).

        Only parameters with a default appear; the point is checked against
        the domains and constraints when the space is built.

        Examples
        --------
        >>> ParameterSpace.from_table([("a", "positive", None, "", "0.5"), ("b", "real")]).defaults()
        {'a': 1/2}
        """
        return {p.name: _exact(p.default) for p in self._params if p.default is not None}

    def meanings(self) -> dict[str, str]:
        """Name -> one-line meaning, for tables and captions.

        Examples
        --------
        >>> ParameterSpace.from_table([("d", "(0, 1)", r"\\delta", "discount factor")]).meanings()
        {'d': 'discount factor'}
        """
        return {p.name: p.description for p in self._params}

    def table(self) -> list[tuple]:
        """The parameter table: one ``(name, domain, latex, meaning, default)`` row per parameter.

        ``ParameterSpace.from_table(space.table(), space.constraints) == space``.

        Examples
        --------
        >>> ParameterSpace.from_table([("d", "(0, 1)", r"\\delta", "discount factor", "9/10")]).table()
        [('d', '(0, 1)', '\\\\delta', 'discount factor', '9/10')]
        """
        return [p.to_row() for p in self._params]


def _violates(c: sympy.Basic, sub: Mapping[sympy.Symbol, Any]) -> bool:
    """Whether constraint ``c`` fails at the numeric point ``sub`` (covering its symbols)."""
    val = c.xreplace(sub)
    if val is sympy.false:
        return True
    if val is sympy.true:
        return False
    # e.g. floats on both sides that sympy could not decide
    try:
        return not bool(val.simplify())
    except TypeError:
        return True


def _le(a, b) -> bool:
    """Exact a <= b for numbers (sympy or float)."""
    return bool(sympy.sympify(a) <= sympy.sympify(b))


_CONSTANT_NAMES = {"True", "False"}


def _parse_text(text: str, local: Mapping[str, sympy.Symbol], *, func: str, arg: str, allow_new_symbols: bool,
                declared: Sequence[str]) -> sympy.Basic:
    """Parse ``text`` with every bare name bound to ``local`` (or refused), calls to sympy functions only."""
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
        if t.type != tokenize.NAME or t.string in names or t.string in _CONSTANT_NAMES:
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
        out = sympy.sympify(text, locals=names)
    except (sympy.SympifyError, SyntaxError, TypeError, ValueError, AttributeError) as err:
        raise ParameterError(fmt_error(func, arg, "a valid expression", text)) from err
    if not isinstance(out, sympy.Basic):
        raise ParameterError(fmt_error(func, arg, "a valid expression", text))
    return out


def _exact(v: Any) -> Any:
    from games.values import to_value

    return to_value(v, func="ParameterSpace", arg="default")


def _plain(point: Mapping) -> dict:
    out = {}
    for k, v in point.items():
        key = k.name if isinstance(k, sympy.Symbol) else k
        out[key] = v
    return out


def eval_srepr(text: str) -> sympy.Basic:
    """Rebuild a sympy object from its ``srepr`` string (only sympy names)."""
    ns: dict[str, Any] = {}
    exec("from sympy import *", ns)  # noqa: S102 - srepr output contains only sympy constructors
    # srepr also names classes that ``from sympy import *`` does not export
    from sympy.functions.elementary.piecewise import ExprCondPair

    ns.setdefault("ExprCondPair", ExprCondPair)
    return eval(text, ns)  # noqa: S307
