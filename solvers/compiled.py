"""A vectorised evaluator of an equilibrium set over parameter arrays: :class:`CompiledEquilibria`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping

import numpy as np
import sympy

from games.errors import ParameterError, fmt_error
from games.parameters import ParameterSpace

if TYPE_CHECKING:
    from solvers.equilibrium_set import EquilibriumSet

__all__ = ["CompiledEquilibria"]


#: Points evaluated together inside one call. Every lambdified operation is elementwise, so the
#: values do not depend on the block; a block's temporaries stay in the CPU cache, which makes
#: a call several times faster than one pass of whole-length temporaries.
EVAL_BLOCK = 1 << 13


def _blocks(size: int, block: int | None = None) -> list[tuple[int, int]]:
    """``(start, stop)`` of the consecutive blocks (``EVAL_BLOCK`` long by default) covering ``range(size)``."""
    block = EVAL_BLOCK if block is None else block
    return [(s, min(s + block, size)) for s in range(0, size, block)]


def _nan_for_zoo(e: Any) -> Any:
    """``e`` with complex infinity as NaN (sympy's numpy printer cannot print ``zoo``)."""
    e = sympy.sympify(e)
    return e.xreplace({sympy.zoo: sympy.nan}) if e.has(sympy.zoo) else e


class _Columns:
    """Expressions of the parameters evaluated into the rows of one ``(m, n)`` array.

    Constant rows are evaluated once; the others come from one lambdified
    numpy function (common subexpressions shared), called on blocks of
    ``EVAL_BLOCK`` points (``args`` are 1-d arrays of length ``size``).
    """

    def __init__(self, symbols: tuple, exprs: list, dtype: type) -> None:
        self.dtype = dtype
        self.m = len(exprs)
        exprs = [_nan_for_zoo(e) for e in exprs]
        self.var = [j for j, e in enumerate(exprs) if e.free_symbols]
        const = [j for j, e in enumerate(exprs) if not e.free_symbols]
        with np.errstate(all="ignore"):
            vals = sympy.lambdify((), [exprs[j] for j in const], modules="numpy")() if const else []
        self.const = np.array(const, dtype=np.intp)
        self.const_vals = np.array(vals, dtype=dtype).reshape(-1, 1)
        self.f = (sympy.lambdify(symbols, [exprs[j] for j in self.var], modules="numpy", cse=True)
                  if self.var else None)

    def __call__(self, args: list, size: int) -> np.ndarray:
        out = np.empty((self.m, size), dtype=self.dtype)
        if len(self.const):
            out[self.const] = self.const_vals
        if self.f is not None:
            for s, e in _blocks(size):
                for j, v in zip(self.var, self.f(*[a[s:e] for a in args])):
                    out[j, s:e] = v
        return out


class CompiledEquilibria:
    """A vectorised evaluator of an :class:`EquilibriumSet` over parameter arrays.

    Calling it with parameter columns (``name=array``) returns a dict with
    ``"holds"`` (bool array ``(n_equilibria, n_points)``), ``"profiles"``
    (float array ``(n_equilibria, n_points, total_strategies)``) and
    ``"payoffs"`` (float array ``(n_equilibria, n_points, n_players)``).
    Columns of other shapes are broadcast together and flattened. Profiles
    and payoffs are NaN where the equilibrium does not hold, and where a
    formula has no finite value (complex infinity becomes NaN).

    Examples
    --------
    >>> from solvers.equilibrium import Equilibrium, EquilibriumSet
    >>> a = sympy.Symbol("a", positive=True)
    >>> eqs = EquilibriumSet([Equilibrium(((1 / (1 + a), a / (1 + a)),), (a,), condition=a > 1)])
    >>> out = eqs.compile()(a=np.array([0.5, 3.0]))
    >>> out["holds"].tolist(), out["profiles"][0, 1].tolist()
    ([[False, True]], [0.25, 0.75])
    """

    def __init__(self, eqs: "EquilibriumSet") -> None:
        space = eqs.space or ParameterSpace.empty()
        self.names = space.names
        self._n = len(eqs)
        self._width = sum(len(v) for v in eqs[0].profile) if len(eqs) else 0
        self._np = len(eqs[0].payoffs) if len(eqs) else 0
        # the sympy objects alone define the function (pickling rebuilds the numpy side)
        self._exprs = (tuple(space.symbols), tuple(e.condition for e in eqs),
                       tuple(x for e in eqs for v in e.profile for x in v),
                       tuple(x for e in eqs for x in e.payoffs))
        self._build()

    def _build(self) -> None:
        syms, cond, prof, pay = self._exprs
        self._cond = _Columns(syms, list(cond), bool)
        self._prof = _Columns(syms, list(prof), float)
        self._pay = _Columns(syms, list(pay), float)

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in ("_cond", "_prof", "_pay")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._build()

    def __call__(self, columns: Mapping[str, Any] | None = None, **kwargs: Any) -> dict[str, np.ndarray]:
        cols = dict(columns, **kwargs) if columns else kwargs
        try:
            args = [np.asarray(cols[n], dtype=float) for n in self.names]
        except KeyError:
            missing = [n for n in self.names if n not in cols]
            raise ParameterError(fmt_error("CompiledEquilibria", "columns", f"arrays for {list(self.names)}",
                                           f"missing {missing}")) from None
        if not args:
            size = 1
        elif all(a.ndim == 1 for a in args) and len({a.shape[0] for a in args}) == 1:
            size = args[0].shape[0]
        else:
            try:
                args = [a.ravel() for a in np.broadcast_arrays(*args)]
            except ValueError:
                raise ParameterError(fmt_error(
                    "CompiledEquilibria", "columns", "arrays of one length (or shapes that broadcast)",
                    {n: a.shape for n, a in zip(self.names, args)})) from None
            size = args[0].size
        n, w, p = self._n, self._width, self._np
        with np.errstate(all="ignore"):
            holds = self._cond(args, size)
            # rows (equilibrium, column) evaluated contiguously, returned as (equilibrium, point, column)
            prof = self._prof(args, size).reshape(n, w, size)
            pay = self._pay(args, size).reshape(n, p, size)
        out = ~holds
        if out.any():  # NaN where it does not hold, set in the contiguous layout
            np.copyto(prof, np.nan, where=out[:, None, :])
            np.copyto(pay, np.nan, where=out[:, None, :])
        return {"holds": holds, "profiles": prof.transpose(0, 2, 1), "payoffs": pay.transpose(0, 2, 1)}
