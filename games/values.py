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

__all__ = ["to_value", "value_array", "as_integer_array", "to_parameter_value",
           "is_exact_value", "is_symbolic_value", "as_float_array", "object_array", "solve_rational", "FLOAT_TOLERANCE"]

#: The one tolerance of float comparisons (probabilities summing to 1, regrets and
#: payoff ties of float games, relative to the payoff scale where a solver says so).
FLOAT_TOLERANCE = 1e-9


def solve_rational(M: object, b: object) -> "list | None":
    """Solve the square system ``M z = b`` exactly; None when ``M`` is singular.

    Entries are ints, Fractions or sympy Rationals; the solution is a list of
    :class:`fractions.Fraction`. The linear algebra is python-flint's
    ``fmpq_mat`` (FLINT's exact rational matrices).

    Raises
    ------
    ValueError
        When ``M`` is not square or ``b`` does not match it.

    Examples
    --------
    >>> solve_rational([[1, 2], [3, 4]], [Fraction(1, 2), 1])
    [Fraction(0, 1), Fraction(1, 4)]
    >>> solve_rational([[1, 2], [2, 4]], [1, 1]) is None
    True
    """
    import flint

    rows = [list(r) for r in M]
    k = len(rows)
    if any(len(r) != k for r in rows) or len(list(b)) != k:
        raise ValueError(f"solve_rational(): M must be square and b of matching length; got {k} rows")

    def q(v):
        f = Fraction(int(v.p), int(v.q)) if hasattr(v, "p") and hasattr(v, "q") else Fraction(v)
        return flint.fmpq(f.numerator, f.denominator)

    if k == 0:
        return []
    A = flint.fmpq_mat(k, k, [q(v) for r in rows for v in r])
    B = flint.fmpq_mat(k, 1, [q(v) for v in b])
    try:
        x = A.solve(B)
    except ZeroDivisionError:
        return None
    return [Fraction(int(x[i, 0].p), int(x[i, 0].q)) for i in range(k)]


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


def value_array(values: object, *, func: str = "value_array", arg: str = "values") -> tuple[str, np.ndarray]:
    """Convert an array of numbers or expressions, all under the rules of :func:`to_value`.

    The entries are converted together: any symbolic entry makes the array
    symbolic (its floats become sympy ``Float``), otherwise any float makes
    it float64, otherwise it is exact (sympy ``Integer``/``Rational``). The
    common cases take one vectorised pass: numpy float arrays (any width)
    become float64; numpy integer arrays (any width) become exact Integers;
    arrays of Python ints, floats, Fractions or sympy rationals are converted
    without calling :func:`to_value` per entry. Everything else, and every
    error, goes through :func:`to_value`, so the messages are the same.

    Parameters
    ----------
    values : array_like
        A numpy array (numeric or object) or nested sequences of numbers.
    func, arg : str
        Names used in the error message.

    Returns
    -------
    kind : {"exact", "float", "symbolic"}
    array : numpy.ndarray
        Read-only, of the input's shape: float64 for ``"float"``, otherwise
        an object array.

    Raises
    ------
    InvalidPayoffs
        For booleans, NaN, infinities, complex numbers and anything that is
        not a number or expression (the first such entry is named).

    Examples
    --------
    >>> kind, arr = value_array(np.array([[1, 2], [3, 4]], dtype=np.int8))
    >>> kind, arr.tolist(), type(arr[1, 1]).__name__
    ('exact', [[1, 2], [3, 4]], 'Integer')
    >>> value_array([Fraction(1, 2), 3])
    ('exact', array([1/2, 3], dtype=object))
    >>> value_array(np.array([0.5, 2], dtype=np.float32))
    ('float', array([0.5, 2. ]))
    >>> value_array(np.array([1.0, np.inf]))
    Traceback (most recent call last):
    ...
    games.errors.InvalidPayoffs: value_array(): values must be finite; got inf
    """
    arr = values if isinstance(values, np.ndarray) else np.array(values, dtype=object)
    kind = arr.dtype.kind
    if kind == "f":
        out = np.array(arr, dtype=np.float64)
        finite = np.isfinite(out)
        if not finite.all():
            to_value(arr.reshape(-1)[int(np.argmin(finite.reshape(-1)))].item(), func=func, arg=arg)
        out.flags.writeable = False
        return "float", out
    if kind in "iu":
        return "exact", _exact_integers(arr)
    if kind == "O" and arr.size:
        flat = arr.reshape(-1).tolist()
        types = set(map(type, flat))
        if types <= {int, float}:
            if float not in types:
                return "exact", _exact_integers(arr)
            try:
                out = np.array(flat, dtype=np.float64)
            except OverflowError:
                out = None
            if out is not None and np.isfinite(out).all():
                out = out.reshape(arr.shape)
                out.flags.writeable = False
                return "float", out
        elif types <= _EXACT_TYPES:
            cache: dict = {}
            vals = [cache[v] if v in cache else cache.setdefault(v, to_value(v, func=func, arg=arg))
                    for v in flat]
            return "exact", object_array(vals, arr.shape)
    return _value_array_slow(arr, func, arg)


#: Entry types converted through a per-value cache (finite, exact, hashable).
_EXACT_TYPES = frozenset({int, Fraction, sympy.Integer, sympy.Rational, type(sympy.S.Zero), type(sympy.S.One),
                          type(sympy.S.NegativeOne), type(sympy.S.Half)})


def _exact_integers(arr: np.ndarray) -> np.ndarray:
    """A read-only object array of sympy Integers; each distinct value converted once."""
    if arr.dtype.kind in "iu":
        uniq, inv = np.unique(arr.reshape(-1), return_inverse=True)
        objs = np.empty(len(uniq), dtype=object)
        objs[:] = [sympy.Integer(v) for v in uniq.tolist()]
        out = objs[inv.reshape(-1)].reshape(arr.shape)
        out.flags.writeable = False
        return out
    cache: dict = {}
    vals = [cache[v] if v in cache else cache.setdefault(v, sympy.Integer(v)) for v in arr.reshape(-1).tolist()]
    return object_array(vals, arr.shape)


def _value_array_slow(arr: np.ndarray, func: str, arg: str) -> tuple[str, np.ndarray]:
    """Entry by entry through :func:`to_value` (every input the fast paths do not cover)."""
    if arr.dtype != object:
        arr = np.array(arr, dtype=object)
    vals = [to_value(v, func=func, arg=arg) for v in arr.reshape(-1)]
    if any(isinstance(v, sympy.Basic) and not v.is_number for v in vals):
        vals = [sympy.Float(v) if isinstance(v, float) else v for v in vals]
        return "symbolic", object_array(vals, arr.shape)
    if any(isinstance(v, float) for v in vals):
        out = np.array([float(v) for v in vals], dtype=np.float64).reshape(arr.shape)
        finite = np.isfinite(out)
        if not finite.all():  # an exact value beside floats, too large for a float
            big = vals[int(np.argmin(finite.reshape(-1)))]
            raise InvalidPayoffs(fmt_error(func, arg, "finite as a float (with float entries "
                                           "present, every entry is taken as a float)", big))
        out.flags.writeable = False
        return "float", out
    return "exact", object_array(vals, arr.shape)


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


def as_integer_array(arr) -> tuple[np.ndarray, int]:
    """Exact numbers as integers over their least common denominator.

    Each distinct value is converted once, so large games with few distinct
    payoffs cost one dictionary look-up per entry.

    Parameters
    ----------
    arr : array_like of int, Fraction or sympy Integer/Rational

    Returns
    -------
    ints : numpy.ndarray
        Of ``arr``'s shape with ``ints == arr * den`` exactly: int64 when
        every value fits below 2**62 in absolute value, otherwise an object
        array of Python ints.
    den : int
        The least common denominator (positive).

    Raises
    ------
    TypeError
        For entries that are not exact rationals.

    Examples
    --------
    >>> ints, den = as_integer_array([[sympy.Rational(1, 2), 3], [Fraction(-1, 3), 0]])
    >>> ints.tolist(), den
    ([[3, 18], [-2, 0]], 6)
    """
    a = arr if isinstance(arr, np.ndarray) else np.array(arr, dtype=object)
    flat = a.reshape(-1).tolist()
    if flat and all(issubclass(t, sympy.Rational) for t in set(map(type, flat))):
        # an exact game's array: numerators and denominators read directly, no hashing
        den = math.lcm(*{v.q for v in flat})
        return _packed([v.p * (den // v.q) for v in flat], a.shape), den
    index: dict = {}
    inv = np.fromiter((index.setdefault(v, len(index)) for v in flat), dtype=np.intp, count=len(flat))
    fracs = []
    for v in index:
        if isinstance(v, sympy.Basic) and v.is_Rational:
            fracs.append((int(v.p), int(v.q)))
        elif isinstance(v, (Integral, Fraction)) and not isinstance(v, (bool, np.bool_)):
            f = Fraction(v)
            fracs.append((f.numerator, f.denominator))
        else:
            raise TypeError(fmt_error("as_integer_array", "arr", "exact rationals", v))
    den = math.lcm(*(q for _, q in fracs)) if fracs else 1
    vals = _packed([p * (den // q) for p, q in fracs], (len(fracs),))
    return vals[inv].reshape(a.shape), den


def _packed(ints: list, shape: tuple) -> np.ndarray:
    """int64 when every value is below 2**62 in absolute value (differences cannot overflow)."""
    if max((abs(v) for v in ints), default=0) < 2**62:
        return np.array(ints, dtype=np.int64).reshape(shape)
    out = np.empty(len(ints), dtype=object)
    out[:] = ints
    return out.reshape(shape)


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
