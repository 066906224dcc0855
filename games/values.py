"""Conversion of user numbers to the project's exact-or-float convention.

Exact in, exact out: ints, :class:`fractions.Fraction`, decimal strings and
sympy numbers become sympy ``Integer``/``Rational``; Python and numpy floats
become Python floats (float64); sympy expressions stay expressions. Narrow
numpy integer dtypes are widened to exact integers, so no overflow reaches
a solver.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from numbers import Integral, Real

import numpy as np
import sympy

from games.errors import InvalidPayoffs, fmt_error

__all__ = ["to_value", "to_parameter_value", "is_exact_value", "is_symbolic_value", "as_float_array", "object_array"]


def to_value(x: object, *, func: str = "to_value", arg: str = "value") -> object:
    """Return ``x`` as a sympy Integer/Rational, a float, or a sympy expression.

    Parameters
    ----------
    x : int, float, Fraction, str, numpy scalar or sympy expression
        The number to convert. Strings are read as exact decimals or
        fractions (``"0.25"``, ``"3/2"``) or, failing that, as expressions.
    func, arg : str
        Names used in the error message.

    Raises
    ------
    InvalidPayoffs
        For NaN, infinities, booleans, complex numbers and anything that is
        not a number or expression.

    Examples
    --------
    >>> to_value(3), to_value("3/2"), to_value("0.25"), to_value(0.5)
    (3, 3/2, 1/4, 0.5)
    """
    if isinstance(x, (bool, np.bool_)):
        raise InvalidPayoffs(fmt_error(func, arg, "a number or sympy expression, not a bool", x))
    if isinstance(x, sympy.Basic):
        if isinstance(x, sympy.Float):
            v = float(x)
            _check_finite(v, func, arg, x)
            return v
        if x.is_Number:
            if x in (sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
                raise InvalidPayoffs(fmt_error(func, arg, "finite", x))
            return x
        if isinstance(x, sympy.Expr):
            if x.has(sympy.nan, sympy.zoo, sympy.oo):
                raise InvalidPayoffs(fmt_error(func, arg, "finite", x))
            if x.has(sympy.I):
                raise InvalidPayoffs(fmt_error(func, arg, "real", x))
            return x
        raise InvalidPayoffs(fmt_error(func, arg, "a number or sympy expression", x))
    if isinstance(x, Integral):
        return sympy.Integer(int(x))
    if isinstance(x, Fraction):
        return sympy.Rational(x.numerator, x.denominator)
    if isinstance(x, Decimal):
        if not x.is_finite():
            raise InvalidPayoffs(fmt_error(func, arg, "finite", x))
        return sympy.Rational(str(x))
    if isinstance(x, (float, np.floating)):
        v = float(x)
        _check_finite(v, func, arg, x)
        return v
    if isinstance(x, Real):
        v = float(x)
        _check_finite(v, func, arg, x)
        return v
    if isinstance(x, str):
        s = x.strip()
        try:
            return sympy.Rational(s) if s else _raise()
        except (TypeError, ValueError):
            pass
        try:
            e = sympy.sympify(s)
        except (sympy.SympifyError, SyntaxError, TypeError) as err:
            raise InvalidPayoffs(fmt_error(func, arg, "a number or expression", x)) from err
        return to_value(e, func=func, arg=arg)
    raise InvalidPayoffs(fmt_error(func, arg, "a number or sympy expression", x))


def to_parameter_value(x: object, space, *, func: str, arg: str) -> object:
    """Like :func:`to_value`, but strings may name expressions in ``space``'s parameters.

    Symbols are rebound to the space's (which carry the domain assumptions);
    bad values raise :class:`~games.errors.ParameterError`.

    Examples
    --------
    >>> from games.parameters import ParameterSpace
    >>> s = ParameterSpace({"d": "(0, 1)"})
    >>> to_parameter_value("1 - d", s, func="f", arg="x").free_symbols == {s["d"]}
    True
    >>> to_parameter_value("0.5", s, func="f", arg="x")
    1/2
    """
    from games.errors import ParameterError

    if isinstance(x, str) and space is not None:
        try:
            sympy.Rational(x.strip())
        except (TypeError, ValueError):
            x = space.sympify(x, func=func, arg=arg)
    try:
        v = to_value(x, func=func, arg=arg)
    except ValueError as err:
        raise ParameterError(str(err)) from None
    if isinstance(v, sympy.Basic) and space is not None and not v.is_number:
        v = v.xreplace({s: space.symbol(s.name) for s in v.free_symbols if s.name in space})
    return v


def _raise():
    raise ValueError


def _check_finite(v: float, func: str, arg: str, x: object) -> None:
    if not math.isfinite(v):
        raise InvalidPayoffs(fmt_error(func, arg, "finite", x))


def is_exact_value(x: object) -> bool:
    """True for sympy Integer/Rational (exact numbers).

    Examples
    --------
    >>> is_exact_value(sympy.Rational(1, 3)), is_exact_value(0.5)
    (True, False)
    """
    return isinstance(x, sympy.Basic) and bool(x.is_Rational)


def is_symbolic_value(x: object) -> bool:
    """True for sympy expressions with free symbols.

    Examples
    --------
    >>> is_symbolic_value(sympy.Symbol("a") + 1), is_symbolic_value(sympy.Integer(2))
    (True, False)
    """
    return isinstance(x, sympy.Basic) and bool(x.free_symbols)


def object_array(values, shape) -> np.ndarray:
    """A read-only object array of the given shape from a flat sequence."""
    arr = np.empty(len(values), dtype=object)
    arr[:] = list(values)
    arr = arr.reshape(shape)
    arr.flags.writeable = False
    return arr


def as_float_array(arr) -> np.ndarray:
    """Convert an array of numbers (exact or float, no symbols) to float64.

    Examples
    --------
    >>> as_float_array([sympy.Rational(1, 2), 2])
    array([0.5, 2. ])
    """
    a = np.asarray(arr, dtype=object)
    out = np.empty(a.shape, dtype=np.float64)
    flat = out.reshape(-1)
    for i, v in enumerate(a.reshape(-1)):
        flat[i] = float(v)
    return out
