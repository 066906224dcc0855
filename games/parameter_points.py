"""Numeric points of a parameter space: checks, masks, windows, samples and grids.

:class:`SpacePoints` holds the methods of
:class:`games.parameters.ParameterSpace` that deal with numeric values of
the parameters: validating a point (:meth:`~SpacePoints.point`), which rows
of columns lie inside (:meth:`~SpacePoints.mask`), the one window rule for
an axis (:meth:`~SpacePoints.window`), random samples and grids. They read
the space through its public attributes only.
"""

from __future__ import annotations

import math
from typing import Any, Mapping

import numpy as np
import sympy

from games.errors import ParameterError, fmt_error
from games.parameter_table import Parameter

__all__ = ["violates", "WINDOW_SPAN"]

#: Width of :meth:`SpacePoints.window` on an unbounded side of a domain.
WINDOW_SPAN = 10.0


def violates(c: sympy.Basic, sub: Mapping[sympy.Symbol, Any]) -> bool:
    """Whether constraint ``c`` fails at the numeric point ``sub`` (covering its symbols).

    Parameters
    ----------
    c : sympy Boolean
        A relation such as ``fine > gain``.
    sub : mapping of sympy.Symbol to number
        Values of (at least) the symbols of ``c``.

    Returns
    -------
    bool
        ``True`` when ``c`` is false at ``sub``, undefined there or cannot
        be decided there.

    Examples
    --------
    >>> a, b = sympy.symbols("a b", positive=True)
    >>> violates(a > b, {a: 1, b: 2}), violates(a > b, {a: 2, b: 1})
    (True, False)
    >>> violates(1 / (a - b) > 0, {a: 1, b: 1})     # undefined at the point
    True
    """
    try:
        val = c.xreplace(sub)
    except TypeError:  # undefined there (a division by zero makes a comparison with zoo)
        return True
    if val is sympy.false:
        return True
    if val is sympy.true:
        return False
    # e.g. floats on both sides that sympy could not decide
    try:
        return not bool(val.simplify())
    except TypeError:
        return True


def _plain(point: Mapping) -> dict:
    out = {}
    for k, v in point.items():
        key = k.name if isinstance(k, sympy.Symbol) else k
        out[key] = v
    return out


class SpacePoints:
    """The numeric-point methods of :class:`games.parameters.ParameterSpace` (a mixin).

    A subclass provides ``parameters``, ``symbols``, ``names``,
    ``constraints``, ``symbol(name)``, ``parameter(name)`` and ``name in
    space``.
    """

    __slots__ = ()

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
        >>> from games.parameters import ParameterSpace
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
            if name not in self:
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
        violated = self.first_violation(out)
        if violated is not None:
            raise ParameterError(fmt_error(func, "point", f"a point satisfying {violated}", _plain(point)))
        return out

    check = point

    def first_violation(self, sub: Mapping[sympy.Symbol, Any]) -> str | None:
        """The first domain bound or constraint a numeric point violates, as text; ``None`` if none.

        Parameters
        ----------
        sub : mapping of sympy.Symbol to number
            Values of some or all parameters, keyed by the space's symbols;
            a constraint is checked only when all its symbols have values.

        Examples
        --------
        >>> from games.parameters import ParameterSpace
        >>> s = ParameterSpace({"a": "positive", "b": "(0, 1)"}, ["a > b"])
        >>> s.first_violation({s["a"]: 2}) is None, s.first_violation({s["a"]: -1})
        (True, 'a > 0')
        >>> s.first_violation({s["a"]: sympy.Rational(1, 4), s["b"]: sympy.Rational(1, 2)})
        'a > b'
        """
        for p, s in zip(self.parameters, self.symbols):
            if s in sub:
                bad = p.violated_bound(sub[s])
                if bad is not None:
                    return bad
        for c in self.constraints:
            if c.free_symbols <= set(sub) and violates(c, sub):
                return str(c)
        return None

    def contains(self, point: Mapping[Any, Any]) -> bool:
        """Whether a complete numeric point lies in the space.

        Use :meth:`check` for an error naming the violated constraint.

        Examples
        --------
        >>> from games.parameters import ParameterSpace
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
        >>> from games.parameters import ParameterSpace
        >>> ParameterSpace({"a": "positive"}, ["a < 2"]).mask({"a": np.array([-1., 1., 3.])})
        array([False,  True, False])
        """
        cols = {n: np.asarray(columns[n], dtype=float) for n in self.names}
        n = len(next(iter(cols.values()))) if cols else 0
        ok = np.ones(n, dtype=bool)
        for p in self.parameters:
            x = cols[p.name]
            lo, hi, lo_open, hi_open = p.bounds
            ok &= np.isfinite(x)
            if lo is not None:
                ok &= (x > float(lo)) if lo_open else (x >= float(lo))
            if hi is not None:
                ok &= (x < float(hi)) if hi_open else (x <= float(hi))
            if p.is_integer:
                ok &= x == np.round(x)
        for c in self.constraints:
            f = sympy.lambdify(self.symbols, c, modules="numpy")
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
        >>> from games.parameters import ParameterSpace
        >>> s = ParameterSpace({"d": "(0, 1)", "k": "positive", "c": "positive", "x": "real"}, ["c < k"])
        >>> s.window("d"), s.window("k"), s.window("x")
        ((0.0, 1.0), (0.0, 10.0), (-5.0, 5.0))
        >>> s.window("c", {"d": 0.5, "k": 2, "x": 0})     # cost below benefit k = 2
        (0.0, 2.0)
        """
        func = "ParameterSpace.window"
        if not isinstance(name, str) or name not in self:
            raise ParameterError(fmt_error(func, "name", f"a parameter among {list(self.names)}", name))
        if not (isinstance(span, (int, float)) and math.isfinite(span) and span > 0):
            raise ParameterError(fmt_error(func, "span", "a positive finite width", span))
        plo, phi, _, _ = self.parameter(name).bounds
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
        >>> from games.parameters import ParameterSpace
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
            for p in self.parameters:
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
                                           [str(c) for c in self.constraints]))
        return {nm: np.concatenate(got[nm])[:n] for nm in self.names}

    def sample(self, n: int, rng: Any = None) -> list[dict[str, float]]:
        """``n`` random points inside the space, as a list of dicts.

        Examples
        --------
        >>> from games.parameters import ParameterSpace
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
        >>> from games.parameters import ParameterSpace
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
