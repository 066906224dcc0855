"""Sampled points of a space, drawn once and reused, for witnesses checked exactly.

Part of the condition engine :mod:`games.conditions`. Many questions about
conditions on one space are answered by a point: a conjunction is
satisfiable if it holds at one point, a conjunct is not implied by the
others if it fails at a point where they hold. A :class:`WitnessSampler`
draws the space's points once (fixed seed); candidates are found in
floating point and every answer is then checked at the exact rational
point, so a witness is a proof, never a sample statistic.

References
----------
.. [1] The FLINT team, *FLINT: Fast Library for Number Theory*
   (``fmpz_mpoly`` terms, evaluated here exactly with Python fractions).
"""

from __future__ import annotations

import functools
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from games.errors import ParameterError
from games.parameters import ParameterSpace

__all__ = ["WitnessSampler", "witness_sampler", "eval_exact", "eval_signs", "N_WITNESS_SAMPLES"]

#: Points drawn per space by :func:`witness_sampler`.
N_WITNESS_SAMPLES = 192

_REL_TOL = 1e-9


def eval_exact(poly: Any, symbols: tuple, point: dict) -> Fraction:
    """The exact value of a flint polynomial at a point of fractions.

    Parameters
    ----------
    poly : flint.fmpz_mpoly
        In the generators ``v0, v1, ...`` standing for ``symbols``.
    symbols : tuple of sympy.Symbol
    point : dict
        Symbol -> :class:`fractions.Fraction` (or int).

    Returns
    -------
    fractions.Fraction

    Examples
    --------
    >>> from games.conditions.factoring import sign_normal_form
    >>> a, b = sympy.symbols("a b", positive=True)
    >>> sgn, poly, syms = sign_normal_form(a - 2*b)
    >>> eval_exact(poly, syms, {a: Fraction(1, 3), b: Fraction(1, 7)})
    Fraction(1, 21)
    """
    vals = [point[s] for s in symbols]
    total = Fraction(0)
    for monom, coeff in poly.terms():
        t = Fraction(int(coeff))
        for v, k in zip(vals, monom):
            if k:
                t *= v ** int(k)
        total += t
    return total


def eval_signs(poly: Any, symbols: tuple, cols: dict, n: int) -> np.ndarray:
    """Signs of a flint polynomial at ``n`` sampled rows: +1, -1, or 0 where too close to zero to trust.

    Parameters
    ----------
    poly : flint.fmpz_mpoly
    symbols : tuple of sympy.Symbol
    cols : dict
        Parameter name -> float array of shape ``(n,)``.
    n : int

    Returns
    -------
    numpy.ndarray of shape ``(n,)``
        Candidates only: a sign is a proof once checked by :func:`eval_exact`.

    Examples
    --------
    >>> from games.conditions.factoring import sign_normal_form
    >>> a, b = sympy.symbols("a b", positive=True)
    >>> sgn, poly, syms = sign_normal_form(a - b)
    >>> eval_signs(poly, syms, {"a": np.array([1.0, 2.0, 3.0]), "b": np.array([2.0, 2.0, 1.0])}, 3)
    array([-1.,  0.,  1.])
    """
    arrs = [cols[s.name] for s in symbols]
    total = np.zeros(n)
    scale = np.zeros(n)
    for monom, coeff in poly.terms():
        t = np.full(n, float(int(coeff)))
        for a, k in zip(arrs, monom):
            if k:
                t = t * a ** int(k)
        total += t
        scale += np.abs(t)
    out = np.sign(total)
    out[np.abs(total) <= _REL_TOL * np.maximum(scale, 1.0)] = 0
    return out


class WitnessSampler:
    """Points of one parameter space, drawn once (seed 0), as floats and as exact rationals.

    Use :func:`witness_sampler` to share one sampler per space.

    Attributes
    ----------
    space : ParameterSpace
    cols : dict or None
        Parameter name -> float array of shape ``(n,)``; ``{}`` for a space
        without parameters, None when the space cannot be sampled.
    n : int
        Number of rows (0 when ``cols`` is empty or None).

    Examples
    --------
    >>> s = ParameterSpace({"a": "positive", "b": "(0, 1)"})
    >>> w = WitnessSampler(s, 8)
    >>> w.n, sorted(w.cols)
    (8, ['a', 'b'])
    >>> pt = w.exact_point(0)
    >>> 0 < pt[s["b"]] < 1
    True
    """

    def __init__(self, space: ParameterSpace, n: int = N_WITNESS_SAMPLES) -> None:
        self.space = space
        try:
            self.cols = space.sample_columns(n, rng=0) if len(space) else {}
        except ParameterError:
            self.cols = None
        self.n = n if self.cols else 0
        self._exact: dict = {}

    def exact_point(self, row: int, override: dict | None = None) -> dict | None:
        """Row ``row`` as exact fractions (symbol -> Fraction, with overrides), if it lies in the space."""
        if not override and row in self._exact:
            return self._exact[row]
        pt = {self.space.symbol(nm): Fraction(float(self.cols[nm][row])) for nm in self.space.names}
        if override:
            pt.update(override)
        if not self.space.contains({s.name: sympy.Rational(v.numerator, v.denominator) for s, v in pt.items()}):
            pt = None
        if not override:
            self._exact[row] = pt
        return pt

    def row(self, row: int) -> dict:
        """Row ``row`` as name -> float (for :func:`~games.conditions.holds_at`)."""
        return {nm: float(self.cols[nm][row]) for nm in self.space.names}


@functools.lru_cache(maxsize=256)
def witness_sampler(space: ParameterSpace) -> WitnessSampler:
    """The shared :class:`WitnessSampler` of a space (drawn once, cached).

    Examples
    --------
    >>> s = ParameterSpace({"a": "positive"})
    >>> witness_sampler(s) is witness_sampler(s)
    True
    """
    return WitnessSampler(space)
