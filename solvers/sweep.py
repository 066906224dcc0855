"""Sweeps: evaluate a compiled result or any function over many parameter points.

One call runs in-process, on any :class:`concurrent.futures.Executor`, or on
a dask.distributed ``Client`` (optional extra ``dask``), so the same sweep
scales from a laptop to a cluster. The points are cut into chunks; each chunk
is one task. Results come back as one numpy structured array: the point
columns, then the result columns. A failure inside a task is raised as a
:class:`SweepError` naming the failing point and the original exception;
nothing is silently dropped.

Symbolic results are never re-solved: an ``EquilibriumSet`` is turned into
vectorised numpy functions of its conditions once (see
:meth:`EquilibriumSet.compile`), and each chunk is a handful of array
operations.
"""

from __future__ import annotations

import functools
import math
import pickle
import time
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

import numpy as np
import sympy

from games.errors import GameError, ParameterError, fmt_error
from games.parameters import ParameterSpace
from solvers.equilibrium import CompiledEquilibria, EquilibriumSet
from solvers.results import Result, clip, hashable, latex_value

__all__ = ["SweepError", "SweepResult", "sweep"]

#: Default points per task for vectorised evaluation (bounds memory per task).
VECTOR_CHUNK = 1 << 16
#: Largest chunk handed to one task of an executor.
MAX_CHUNK = 1 << 20
#: Points per block inside a chunk when evaluating conditions: every operation is elementwise,
#: so the values do not depend on it; a block's temporaries stay in the CPU cache.
EVAL_BLOCK = 1 << 13
#: Records written field by field before moving on when assembling a result.
ASSEMBLE_ROWS = 1 << 13


class SweepError(GameError, RuntimeError):
    """An evaluation failed inside a sweep; names the failing point and the original exception.

    Attributes
    ----------
    point : dict or None
        The parameter point (name -> value) where the evaluation failed.
    original : BaseException or None
        The exception raised there (also the ``__cause__``).
    """

    def __init__(self, message: str, point: Mapping | None = None, original: BaseException | None = None):
        super().__init__(message)
        self.point = None if point is None else dict(point)
        self.original = original
        if original is not None:
            self.__cause__ = original

    def __reduce__(self):
        # survive pickling between processes even when the original exception does not
        orig = self.original
        try:
            pickle.dumps(orig)
        except Exception:  # noqa: BLE001 - any pickling failure
            orig = RuntimeError(repr(orig))
        return (self.__class__, (str(self), self.point, orig))


@dataclass(frozen=True, eq=False)
class SweepResult(Result):
    """The outcome of :func:`sweep`.

    Attributes
    ----------
    data : numpy structured array
        One record per point: the point columns (float64), then the result
        columns.
    point_names, result_names : tuple of str
    elapsed : float
        Wall-clock seconds.
    executor : str
        ``"in-process"``, the executor's class name, or ``"dask"``.
    n_chunks : int
    """

    data: np.ndarray
    point_names: tuple
    result_names: tuple
    elapsed: float = 0.0
    executor: str = "in-process"
    n_chunks: int = 1
    _meta: dict = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.data)

    def __getitem__(self, key):
        return self.data[key]

    @property
    def rate(self) -> float:
        """Points per second."""
        return len(self.data) / self.elapsed if self.elapsed > 0 else math.inf

    def points(self) -> dict[str, np.ndarray]:
        """The point columns."""
        return {n: self.data[n] for n in self.point_names}

    def results(self) -> dict[str, np.ndarray]:
        """The result columns."""
        return {n: self.data[n] for n in self.result_names}

    def __post_init__(self) -> None:
        # a sweep hands over the array it just built (no copy); anything else is copied
        fresh = self._meta.pop("_fresh", None)
        arr = self.data if fresh is not None and fresh is self.data else np.array(self.data)
        arr.setflags(write=False)
        object.__setattr__(self, "data", arr)
        object.__setattr__(self, "point_names", tuple(self.point_names))
        object.__setattr__(self, "result_names", tuple(self.result_names))

    def _hashable_content(self) -> tuple:
        # provenance (elapsed time, executor, chunks) is not part of the value
        return (hashable(self.data), self.point_names, self.result_names)

    def __repr__(self) -> str:
        return clip(f"SweepResult({len(self)} points, results={list(self.result_names)}, "
                    f"executor={self.executor!r}, {self.elapsed:.3g} s)")

    def __str__(self) -> str:
        return clip(f"SweepResult({len(self)} points over {', '.join(self.point_names)}; "
                    f"results {', '.join(self.result_names)})")

    def to_latex(self) -> str:
        """A one-line description (the data are arrays)."""
        return latex_value(str(self))


# --- evaluators (picklable: compiled functions are rebuilt after unpickling) ---------------------

@functools.lru_cache(maxsize=64)
def _lambdified(symbols: tuple, conds: tuple) -> Callable:
    """One numpy function returning every condition (complex infinity as NaN: sympy cannot print it)."""
    exprs = []
    for c in conds:
        c = sympy.sympify(c)
        exprs.append(c.xreplace({sympy.zoo: sympy.nan}) if c.has(sympy.zoo) else c)
    return sympy.lambdify(symbols, exprs, modules="numpy", cse=True)


def _code_dtype(m: int) -> type:
    """The smallest unsigned type holding ``m`` condition bits (at most 64)."""
    return np.uint8 if m <= 8 else np.uint16 if m <= 16 else np.uint32 if m <= 32 else np.uint64


def _bit_codes(holds: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """``sum(holds[k] << k)`` per column of a bool array ``(m, n)``, in the smallest unsigned type.

    Only the first 64 rows count. ``out`` (length ``n``, that type) receives the codes.
    """
    m, n = holds.shape
    code_t = _code_dtype(m)
    if out is None:
        out = np.empty(n, dtype=code_t)
    out[...] = 0
    tmp = np.empty(n, dtype=code_t)
    for k in range(min(m, 64)):
        np.left_shift(holds[k], k, out=tmp, dtype=code_t, casting="unsafe")
        np.bitwise_or(out, tmp, out=out)
    return out


class _SetEvaluator:
    """Which equilibria of a symbolic EquilibriumSet hold: one lambdified function of every condition.

    Holds only sympy objects (picklable); the numpy function is built (and
    cached) where it runs.
    """

    vectorized = True
    #: returns clean result columns (one 1-d array per name)
    clean = True

    def __init__(self, eqs: EquilibriumSet) -> None:
        space = eqs.space or ParameterSpace.empty()
        self.symbols = tuple(space.symbols)
        self.names = space.names
        self.conds = tuple(e.condition for e in eqs)

    def __call__(self, cols: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
        args = [cols[n] for n in self.names]
        n = len(args[0]) if args else len(next(iter(cols.values()), ()))
        holds = np.empty((len(self.conds), n), dtype=bool)
        regime = np.empty(n, dtype=_code_dtype(len(self.conds)))
        f = _lambdified(self.symbols, self.conds) if self.conds else None
        with np.errstate(all="ignore"):
            for s in range(0, n, EVAL_BLOCK):
                e = min(s + EVAL_BLOCK, n)
                if f is not None:
                    for k, v in enumerate(f(*[a[s:e] for a in args])):
                        holds[k, s:e] = v
                _bit_codes(holds[:, s:e], regime[s:e])
        out = {f"eq{k}": holds[k] for k in range(len(self.conds))}
        out["regime"] = regime
        return out


class _CompiledEvaluator:
    """A CompiledEquilibria: holds, profiles and payoffs of every equilibrium."""

    vectorized = True
    clean = True

    def __init__(self, compiled: CompiledEquilibria) -> None:
        self.compiled = compiled
        self.names = compiled.names

    def __call__(self, cols: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
        res = self.compiled(cols)
        holds, prof, pay = res["holds"], res["profiles"], res["payoffs"]
        out = {}
        for k in range(holds.shape[0]):
            out[f"eq{k}"] = holds[k]
            for j in range(prof.shape[2]):
                out[f"eq{k}.p{j}"] = prof[k, :, j]
            for i in range(pay.shape[2]):
                out[f"eq{k}.u{i}"] = pay[k, :, i]
        return out


class _FunctionEvaluator:
    """A user function: per point (``fn(point_dict)``) or vectorised (``fn(columns)``)."""

    clean = False

    def __init__(self, fn: Callable, vectorized: bool, names: Sequence[str] | None = None) -> None:
        self.fn = fn
        self.vectorized = vectorized
        self.names = tuple(names) if names is not None else None

    def __call__(self, cols: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
        if self.vectorized:
            return _as_result_columns(self.fn(dict(cols)), len(next(iter(cols.values()))))
        n = len(next(iter(cols.values())))
        rows = []
        for i in range(n):
            pt = {k: float(v[i]) for k, v in cols.items()}
            try:
                rows.append(self.fn(pt))
            except Exception as err:  # noqa: BLE001 - reported with its point
                raise SweepError(f"sweep(): evaluation failed at point {pt}: {type(err).__name__}: {err}",
                                 pt, err) from err
        return _rows_to_columns(rows)


def _clean_array(v: Any, n: int, name: str) -> np.ndarray:
    a = np.asarray(v)
    if a.dtype == object:
        try:
            a = a.astype(float)
        except (TypeError, ValueError):
            raise SweepError(f"sweep(): result {name!r} must be numbers; got {v[:3]!r}...") from None
    if a.ndim == 0:
        a = np.broadcast_to(a, (n,))
    if a.shape[0] != n:
        raise SweepError(f"sweep(): result {name!r} must have one value per point ({n}); got shape {a.shape}")
    return a


def _as_result_columns(res: Any, n: int) -> dict[str, np.ndarray]:
    if isinstance(res, Mapping):
        out = {}
        for k, v in res.items():
            a = _clean_array(v, n, str(k))
            if a.ndim == 1:
                out[str(k)] = a
            else:
                flat = a.reshape(n, -1)
                for j in range(flat.shape[1]):
                    out[f"{k}[{j}]"] = flat[:, j]
        return out
    if isinstance(res, tuple):
        return {f"value{j}": _clean_array(v, n, f"value{j}") for j, v in enumerate(res)}
    return _as_result_columns({"value": res}, n)


def _rows_to_columns(rows: list) -> dict[str, np.ndarray]:
    if not rows:
        return {}
    first = rows[0]
    if isinstance(first, Mapping):
        keys = list(first)
        return {str(k): _clean_array([r[k] for r in rows], len(rows), str(k)) for k in keys}
    if isinstance(first, (tuple, list)):
        return {f"value{j}": _clean_array([r[j] for r in rows], len(rows), f"value{j}") for j in range(len(first))}
    return {"value": _clean_array(rows, len(rows), "value")}


def _locate_failure(ev: Any, cols: Mapping[str, np.ndarray]) -> int | None:
    """Index of a point whose evaluation alone fails (bisection), or None."""
    n = len(next(iter(cols.values())))
    lo, hi = 0, n
    while hi - lo > 1:
        mid = (lo + hi) // 2
        for a, b in ((lo, mid), (mid, hi)):
            try:
                ev({k: v[a:b] for k, v in cols.items()})
            except Exception:  # noqa: BLE001 - searching for the failure
                lo, hi = a, b
                break
        else:
            return None
    try:
        ev({k: v[lo:hi] for k, v in cols.items()})
    except Exception:  # noqa: BLE001
        return lo
    return None


def _run_chunk(ev: Any, cols: Mapping[str, np.ndarray], start: int) -> tuple[int, dict[str, np.ndarray]]:
    """Evaluate one chunk (a task); failures become SweepError naming the point."""
    n = len(next(iter(cols.values())))
    try:
        out = ev(cols)
        if ev.vectorized and not ev.clean:
            out = _as_result_columns(out, n)
    except SweepError:
        raise
    except Exception as err:  # noqa: BLE001 - reported with its point
        i = _locate_failure(ev, cols)
        if i is not None:
            pt = {k: float(v[i]) for k, v in cols.items()}
            raise SweepError(f"sweep(): evaluation failed at point {pt} (row {start + i}): "
                             f"{type(err).__name__}: {err}", pt, err) from err
        pt = {k: float(v[0]) for k, v in cols.items()}
        raise SweepError(f"sweep(): evaluation failed on rows {start}..{start + n - 1} (first point {pt}): "
                         f"{type(err).__name__}: {err}", pt, err) from err
    return start, out


# --- points ---------------------------------------------------------------------------------

def _as_columns(points: Any, func: str) -> dict[str, np.ndarray]:
    if isinstance(points, np.ndarray) and points.dtype.names:
        cols = {n: np.asarray(points[n], dtype=float) for n in points.dtype.names}
    elif isinstance(points, Mapping):
        cols = {}
        for k, v in points.items():
            name = k.name if isinstance(k, sympy.Symbol) else k
            cols[str(name)] = np.ascontiguousarray(np.asarray(v, dtype=float).ravel())
    elif isinstance(points, (list, tuple)) and all(isinstance(p, Mapping) for p in points):
        if not points:
            raise ParameterError(fmt_error(func, "points", "at least one point", points))
        keys = [k.name if isinstance(k, sympy.Symbol) else str(k) for k in points[0]]
        for p in points:
            if [k.name if isinstance(k, sympy.Symbol) else str(k) for k in p] != keys:
                raise ParameterError(fmt_error(func, "points", f"points with the same keys {keys}", p))
        cols = {k: np.array([float(v) for v in col], dtype=float)
                for k, col in zip(keys, zip(*[list(p.values()) for p in points]))}
    else:
        raise ParameterError(fmt_error(func, "points", "a mapping name -> array, a structured array or a "
                                       "list of point dicts", type(points).__name__))
    lens = {len(v) for v in cols.values()}
    if len(lens) > 1:
        raise ParameterError(fmt_error(func, "points", "columns of equal length",
                                       {k: len(v) for k, v in cols.items()}))
    return cols


def _outside(space: ParameterSpace, cols: Mapping[str, np.ndarray], func: str) -> None:
    missing = [n for n in space.names if n not in cols]
    if missing:
        raise ParameterError(fmt_error(func, "points", f"values for every parameter of {list(space.names)}",
                                       f"missing {missing}"))
    if not len(space):
        return
    ok = space.mask(cols)
    if not ok.all():
        i = int(np.argmin(ok))
        pt = {n: float(cols[n][i]) for n in space.names}
        space.check(pt, func=func)  # raises, naming the violated constraint
        raise ParameterError(fmt_error(func, "points", "points inside the space", pt))


# --- executors ------------------------------------------------------------------------------

def _is_dask_client(ex: Any) -> bool:
    return type(ex).__module__.split(".")[0] == "distributed" and hasattr(ex, "map") and hasattr(ex, "gather")


def _n_workers(ex: Any) -> int:
    if _is_dask_client(ex):
        try:
            return max(1, sum(ex.nthreads().values()))
        except Exception:  # noqa: BLE001 - a client without a scheduler answer
            return 1
    return max(1, int(getattr(ex, "_max_workers", 1) or 1))


def _progress(total: int, enabled: bool, desc: str):
    if not enabled:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:  # pragma: no cover - tqdm is optional
        raise ImportError("sweep(progress=True) needs tqdm (pip install tqdm)") from None
    return tqdm(total=total, desc=desc, unit="pt")


def sweep(fn_or_result: Any, points: Any, *, executor: Any = None, chunksize: int | None = None,
          progress: bool = False, vectorized: bool = False, check: bool = True) -> SweepResult:
    """Evaluate a compiled result or any function over many parameter points.

    Parameters
    ----------
    fn_or_result : EquilibriumSet, CompiledEquilibria, object with compile(), or callable
        * ``EquilibriumSet`` (symbolic): result columns ``eq<k>`` (bool: does
          equilibrium ``k`` hold) and ``regime`` (the bit mask
          ``sum(eq<k> << k)``, one code per regime, in the smallest unsigned
          integer type that holds it; past 64 equilibria only the first 64
          count, so tell regimes apart by the ``eq<k>`` columns); nothing is
          re-solved.
        * ``CompiledEquilibria`` (``eqs.compile()``): also the profiles
          ``eq<k>.p<j>`` and payoffs ``eq<k>.u<i>`` (NaN where it does not hold).
        * any other object with ``compile()``: the compiled function is called
          with the columns and must return a mapping name -> array (points
          on the first axis).
        * a callable: ``fn(point_dict)`` per point, returning a number, a tuple
          or a mapping; with ``vectorized=True``, ``fn(columns)`` on a whole
          chunk, returning an array, a tuple of arrays or a mapping.
    points : mapping name -> array, structured array, or list of dicts
    executor : None, concurrent.futures.Executor or dask.distributed.Client
        ``None`` runs in-process. A dask ``Client`` is used through
        ``client.map``/``client.gather``. Process pools need a picklable
        function (symbolic results are recompiled in each worker).
    chunksize : int, optional
        Points per task (default: 65536 in-process for vectorised work;
        about four tasks per worker on an executor).
    progress : bool
        Show a tqdm progress bar.
    vectorized : bool
        For callables: call ``fn`` on column chunks instead of per point.
    check : bool
        For results with a parameter space: check every point lies in it.

    Returns
    -------
    SweepResult
        ``.data`` is a structured array: point columns, then result columns.

    Raises
    ------
    SweepError
        When an evaluation fails; names the failing point and the original
        exception (also its ``__cause__``).
    ParameterError
        For malformed points, or points outside the result's space.

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> from solvers.pure import pure_equilibria
    >>> a = sympy.Symbol("a", positive=True)
    >>> eqs = pure_equilibria(NormalFormGame.from_bimatrix([[a, 0], [1, 2]], [[1, 0], [0, 1]]))
    >>> res = sweep(eqs, {"a": [0.5, 2.0]})
    >>> res.data["eq0"].tolist(), res.data["regime"].tolist()
    ([False, True], [2, 3])
    >>> sweep(lambda p: p["a"] ** 2, {"a": [1, 2, 3]}).data["value"].tolist()
    [1.0, 4.0, 9.0]
    >>> from concurrent.futures import ThreadPoolExecutor
    >>> with ThreadPoolExecutor(2) as ex:
    ...     sweep(lambda p: 1 / p["a"], {"a": [1.0, 0.0]}, executor=ex)
    Traceback (most recent call last):
    ...
    solvers.sweep.SweepError: sweep(): evaluation failed at point {'a': 0.0}: ZeroDivisionError: float division by zero
    """
    func = "sweep"
    t0 = time.perf_counter()
    cols = _as_columns(points, func)
    n = len(next(iter(cols.values()))) if cols else 0
    space = None
    if isinstance(fn_or_result, EquilibriumSet):
        space = fn_or_result.space or ParameterSpace.empty()
        ev: Any = _SetEvaluator(fn_or_result)
    elif isinstance(fn_or_result, CompiledEquilibria):
        ev = _CompiledEvaluator(fn_or_result)
    elif hasattr(fn_or_result, "compile") and callable(fn_or_result.compile):
        space = getattr(fn_or_result, "space", None)
        ev = _FunctionEvaluator(fn_or_result.compile(), True)
    elif callable(fn_or_result):
        ev = _FunctionEvaluator(fn_or_result, bool(vectorized))
    else:
        raise TypeError(fmt_error(func, "fn_or_result", "an EquilibriumSet, a compiled result or a callable",
                                  fn_or_result))
    if isinstance(ev, (_SetEvaluator, _CompiledEvaluator)):
        need = [nm for nm in ev.names if nm not in cols]
        if need:
            raise ParameterError(fmt_error(func, "points", f"values for every parameter of {list(ev.names)}",
                                           f"missing {need}"))
    if check and isinstance(space, ParameterSpace):
        _outside(space, cols, func)
    if chunksize is not None:
        if isinstance(chunksize, bool) or not isinstance(chunksize, (int, np.integer)) or chunksize < 1:
            raise ValueError(fmt_error(func, "chunksize", "a positive integer or None", chunksize))
        size = int(chunksize)
    elif executor is None:
        size = VECTOR_CHUNK if ev.vectorized else (1000 if progress else max(n, 1))
    else:
        size = max(1, min(MAX_CHUNK, math.ceil(n / (4 * _n_workers(executor)))))
    starts = list(range(0, n, size)) or [0]
    chunks = [{k: v[s:s + size] for k, v in cols.items()} for s in starts]
    bar = _progress(n, progress, func)
    results: dict[int, dict[str, np.ndarray]] = {}
    how = "in-process"
    try:
        if n == 0:
            if cols and isinstance(ev, (_SetEvaluator, _CompiledEvaluator)):
                # no point, but the result columns of an equilibrium set are known: empty ones
                results[0] = _run_chunk(ev, chunks[0], 0)[1]
        elif executor is None:
            for s, c in zip(starts, chunks):
                results[s] = _run_chunk(ev, c, s)[1]
                if bar is not None:
                    bar.update(len(next(iter(c.values()))))
        elif _is_dask_client(executor):
            how = "dask"
            from distributed import as_completed  # lazy: optional extra

            # ship the evaluator once and the chunks as data, not inside the task graph
            ev_f = executor.scatter(ev, broadcast=True, hash=False)
            chunk_fs = executor.scatter(chunks, hash=False)
            futs = executor.map(_run_chunk, [ev_f] * len(chunks), chunk_fs, starts, pure=False)
            try:
                for fut in as_completed(futs):
                    s, out = fut.result()
                    results[s] = out
                    if bar is not None:
                        bar.update(len(next(iter(out.values()))) if out else 0)
            finally:
                for f in futs:
                    if not f.done():
                        f.cancel()
        elif isinstance(executor, Executor) or hasattr(executor, "submit"):
            import concurrent.futures as cf

            how = type(executor).__name__
            futs = [executor.submit(_run_chunk, ev, c, s) for s, c in zip(starts, chunks)]
            try:
                for fut in cf.as_completed(futs):
                    s, out = fut.result()
                    results[s] = out
                    if bar is not None:
                        bar.update(len(next(iter(out.values()))) if out else 0)
            finally:
                for f in futs:
                    f.cancel()
        else:
            raise TypeError(fmt_error(func, "executor", "None, a concurrent.futures.Executor or a "
                                      "dask.distributed.Client", executor))
    finally:
        if bar is not None:
            bar.close()
    return _assemble(cols, results, starts, n, how, time.perf_counter() - t0, len(chunks))


def _assemble(cols: Mapping[str, np.ndarray], results: Mapping[int, Mapping[str, np.ndarray]],
              starts: list, n: int, how: str, elapsed: float, n_chunks: int) -> SweepResult:
    first = results.get(starts[0], {})  # none for zero points of a user function
    pnames = tuple(cols)
    rnames = []
    dtype = [(p, np.float64) for p in pnames]
    for k, v in first.items():
        name = k if k not in pnames else f"result.{k}"
        rnames.append(name)
        dtype.append((name, np.asarray(v).dtype))
    data = np.empty(n, dtype=dtype)
    stops = list(starts[1:]) + [n]
    for s, stop in zip(starts, stops) if n else ():
        out = results[s]
        if list(out) != list(first):
            raise SweepError(f"sweep(): every evaluation must return the same results; got {list(out)} "
                             f"and {list(first)}")
        m = len(next(iter(out.values()))) if out else 0
        # all fields of one block of records before the next block: fewer passes over memory
        for b in range(0, max(m, stop - s), ASSEMBLE_ROWS):
            e = b + ASSEMBLE_ROWS
            rows = data[s + b:s + e]
            k_pts, k_res = max(0, min(e, stop - s) - b), max(0, min(e, m) - b)
            for p in pnames:
                rows[p][:k_pts] = cols[p][s + b:s + b + k_pts]
            for k, name in zip(first, rnames):
                rows[name][:k_res] = out[k][b:b + k_res]
    return SweepResult(data, pnames, tuple(rnames), elapsed, how, n_chunks, {"_fresh": data})
