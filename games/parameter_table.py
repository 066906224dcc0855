"""One parameter of a model: a row of its parameter table.

:class:`Parameter` holds a name, a domain (``"positive"``, ``"(0, 1)"``...),
a LaTeX name, a one-line meaning and an optional default, and says what the
domain means for sympy: the symbol's assumptions, the bounds, the domain as
a condition. :class:`games.parameters.ParameterSpace` is made of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sympy

from games.errors import ParameterError, fmt_error
from games.parameter_names import name_problem

__all__ = ["Parameter", "NAMED_DOMAINS"]

#: Domain names: ``(lower, upper, lower_open, upper_open, integer)``, ``None`` for unbounded.
NAMED_DOMAINS = {
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


def _bound(text: str) -> sympy.Expr | None:
    t = text.strip()
    if t in ("oo", "inf", "+oo", "+inf", "-oo", "-inf"):
        return None
    return sympy.Rational(t) if re.fullmatch(r"[-+]?\d+(\.\d*)?(/\d+)?", t) else sympy.sympify(t)


def _le(a, b) -> bool:
    """Exact a <= b for numbers (sympy or float)."""
    return bool(sympy.sympify(a) <= sympy.sympify(b))


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
        if self.violated_bound(v) is not None:
            raise ParameterError(fmt_error(func, f"default of {self.name!r}", f"in the domain {self.domain}",
                                           self.default))

    def violated_bound(self, value: Any) -> str | None:
        """The domain bound ``value`` violates, as text (``"d < 1"``), or ``None`` inside the domain.

        Parameters
        ----------
        value : number
            An int, float or sympy number; an open bound is compared exactly.

        Returns
        -------
        str or None
            ``"<name> integer"``, ``"<name> > <lower>"`` (``>=`` for a closed
            bound), ``"<name> < <upper>"`` (``<=``), or ``None``.

        Examples
        --------
        >>> p = Parameter("d", "(0, 1)")
        >>> p.violated_bound(sympy.Rational(1, 2)) is None, p.violated_bound(1)
        (True, 'd < 1')
        >>> Parameter("n", "positive_integer").violated_bound(2.5)
        'n integer'
        """
        lo, hi, lo_open, hi_open, integer = self._parse()
        fv = float(value)
        if integer and fv != int(fv):
            return f"{self.name} integer"
        if lo is not None and (fv < float(lo) or (lo_open and _le(value, lo))):
            return f"{self.name} {'>' if lo_open else '>='} {lo}"
        if hi is not None and (fv > float(hi) or (hi_open and _le(hi, value))):
            return f"{self.name} {'<' if hi_open else '<='} {hi}"
        return None

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
        if d in NAMED_DOMAINS:
            lo, hi, lo_open, hi_open, integer = NAMED_DOMAINS[d]
            return (None if lo is None else sympy.Integer(lo), None if hi is None else sympy.Integer(hi),
                    lo_open, hi_open, integer)
        m = _INTERVAL.match(d)
        if not m:
            raise ParameterError(fmt_error(
                "Parameter", "domain",
                "one of " + ", ".join(sorted(NAMED_DOMAINS)) + " or an interval like '(0, 1)'", self.domain))
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
