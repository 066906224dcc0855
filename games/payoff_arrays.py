"""Payoff arrays as games take them: shape checks, string parsing, exact/float/symbolic entries.

:func:`payoff_array` checks the shape, :func:`parse_strings` reads string
entries in a parameter space, :func:`normalize_entries` turns the entries
into project values (STYLE: exact in, exact out), and
:func:`require_real_payoffs` refuses symbolic entries that are not real
everywhere on the parameter space.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy

from games.errors import InvalidPayoffs, ParameterError, fmt_error
from games.parameters import ParameterSpace
from games.values import value_array

__all__ = ["payoff_array", "parse_strings", "normalize_entries", "require_real_payoffs"]


def payoff_array(x: Any, func: str, arg: str = "payoffs", ndim: int | None = None) -> np.ndarray:
    """``x`` as a rectangular, non-empty array of payoff entries (not yet normalised).

    Parameters
    ----------
    x : array_like
        Nested sequences, a numpy array or a sympy matrix/array.
    func, arg : str
        The calling function and argument, for error messages.
    ndim : int, optional
        The required number of dimensions.

    Returns
    -------
    numpy.ndarray
        ``x`` itself if it is a numeric numpy array, else an object array of
        its entries.

    Raises
    ------
    InvalidPayoffs
        For a game instead of an array, a ragged or empty array, or the
        wrong number of dimensions.

    Examples
    --------
    >>> payoff_array([[1, "a"], [2, 3]], "f").shape
    (2, 2)
    >>> payoff_array([1, 2], "f", arg="A", ndim=2)
    Traceback (most recent call last):
    ...
    games.errors.InvalidPayoffs: f(): A must be a 2-dimensional array; got 'shape (2,)'
    """
    from games.normal_form import NormalFormGame

    if isinstance(x, NormalFormGame):
        raise InvalidPayoffs(fmt_error(func, arg, "an array of payoffs", x))
    if isinstance(x, sympy.MatrixBase) or isinstance(x, sympy.NDimArray):
        x = x.tolist()
    # numeric numpy arrays stay numeric (converted in one pass by normalize_entries)
    numeric = isinstance(x, np.ndarray) and x.dtype.kind in "iuf"
    try:
        arr = x if numeric else np.array(x, dtype=object)
    except ValueError as err:
        raise InvalidPayoffs(fmt_error(func, arg, "a rectangular array", x)) from err
    if arr.ndim == 0 or arr.size == 0:
        raise InvalidPayoffs(fmt_error(func, arg, "a non-empty array", x))
    if ndim is not None and arr.ndim != ndim:
        raise InvalidPayoffs(fmt_error(func, arg, f"a {ndim}-dimensional array", f"shape {arr.shape}"))
    if not numeric and any(issubclass(t, (list, tuple, np.ndarray)) for t in set(map(type, arr.reshape(-1)))):
        raise InvalidPayoffs(fmt_error(func, arg, "a rectangular array", x))
    return arr


def parse_strings(arr: np.ndarray, space: ParameterSpace | None, allow_new: bool, func: str,
                  arg: str = "payoffs") -> np.ndarray:
    """Parse string entries in ``space`` (numbers stay exact); undeclared names need ``allow_new``.

    Parameters
    ----------
    arr : numpy.ndarray
        Payoff entries; arrays without strings are returned as they are.
    space : ParameterSpace or None
        The parameters the strings are written in.
    allow_new : bool
        Whether names the space does not declare become new parameters.
    func, arg : str
        The calling function and argument, for error messages.

    Returns
    -------
    numpy.ndarray
        An object array with each string replaced by its number or
        expression.

    Raises
    ------
    ParameterError
        For an undeclared name (without ``allow_new``).
    InvalidPayoffs
        For a string that is not an expression.

    Examples
    --------
    >>> import numpy as np
    >>> parse_strings(np.array(["1/2", "a + 1"], dtype=object), None, True, "f").tolist()
    ['1/2', a + 1]
    """
    if arr.dtype != object or not any(issubclass(t, str) for t in set(map(type, arr.reshape(-1)))):
        return arr
    sp = space if space is not None else ParameterSpace.empty()
    out = np.empty(arr.shape, dtype=object)
    for idx in np.ndindex(*arr.shape):
        v = arr[idx]
        if isinstance(v, str):
            try:
                sympy.Rational(v.strip())
            except (TypeError, ValueError):
                where = f"{arg}[{', '.join(map(str, idx))}]"
                try:
                    v = sp.sympify(v, func=func, arg=where, allow_new_symbols=allow_new)
                except ParameterError as err:
                    if "a valid expression" not in str(err):
                        raise  # an undeclared parameter: a ParameterError
                    raise InvalidPayoffs(str(err)) from None
        out[idx] = v
    return out


def normalize_entries(arr: np.ndarray, func: str) -> tuple[str, np.ndarray]:
    """The kind of a payoff array and its entries as project values.

    Parameters
    ----------
    arr : numpy.ndarray
        Payoff entries (strings already parsed).
    func : str
        The calling function, for error messages.

    Returns
    -------
    kind : str
        What :func:`games.values.value_array` reports (``"exact"``,
        ``"float"`` or ``"symbolic"``).
    values : numpy.ndarray
        Sympy numbers and expressions for exact input, float64 for floats.

    Raises
    ------
    InvalidPayoffs
        For non-finite or non-real entries.

    Examples
    --------
    >>> import numpy as np
    >>> kind, values = normalize_entries(np.array([[1, 2]], dtype=object), "f")
    >>> kind, values.tolist()
    ('exact', [[1, 2]])
    """
    # vectorised for numeric arrays and plain ints/floats/Fractions; to_value's rules and errors otherwise
    return value_array(arr, func=func, arg="payoffs")


def require_real_payoffs(arr: np.ndarray, space: ParameterSpace, func: str) -> None:
    """Refuse payoffs that are not real somewhere on the space (a square root of a quantity the
    space lets be negative): the condition engine proves the radicand nonnegative, or finds a
    point where it is negative.

    Raises
    ------
    InvalidPayoffs
        Naming the entry and the radicand that can be negative.

    Examples
    --------
    >>> a = sympy.Symbol("a", positive=True)
    >>> require_real_payoffs(np.array([sympy.sqrt(a)], dtype=object), ParameterSpace.from_symbols([a]), "f")
    """
    from games.conditions import is_valid  # lazy: the engine imports this layer's modules

    seen = set()
    for idx in np.ndindex(*arr.shape):
        v = arr[idx]
        if not isinstance(v, sympy.Basic):
            continue
        for p in v.atoms(sympy.Pow):
            if p.exp.is_Rational and not p.exp.is_Integer and not p.base.is_number and p.base not in seen:
                seen.add(p.base)
                if is_valid(sympy.Ge(p.base, 0), space) is False:
                    where = ", ".join(map(str, idx))
                    raise InvalidPayoffs(fmt_error(
                        func, f"payoffs[{where}]", f"real on the whole parameter space ({p.base} must be "
                        f"nonnegative wherever {p} appears; declare the parameters' domains or constraints "
                        f"so that it is)", v))
