"""Numeric trajectories of replicator dynamics, many at once, and basins of attraction.

:func:`simulate` integrates a batch of initial states together: the state
array has shape ``(n_starts, dimension)`` and every right-hand-side call is
one vectorised numpy evaluation, so ten thousand trajectories cost little
more than one. States stay in the product of simplices (the fixed-step
integrator projects back after each step). ``method="solve_ivp"`` hands the
stacked system to scipy's adaptive RK45 instead.

:func:`basins` samples initial states uniformly on the state space,
integrates them, and reports the share that ends near each asymptotically
stable rest point (found numerically at the parameter point: a rest point
whose Jacobian eigenvalues all have negative real part).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np

from games.errors import ParameterError, fmt_error
from solvers.replicator import Replicator, replicator
from solvers.results import Result, clip, decode, encode, latex_value

__all__ = ["Trajectory", "BasinResult", "simulate", "basins", "sample_states", "MAX_REPORT_TIMES"]


@dataclass(frozen=True, eq=False)
class Trajectory(Result):
    """Trajectories of replicator dynamics from a batch of initial states.

    Attributes
    ----------
    t : ndarray, shape (n_times,)
    states : ndarray, shape (n_times, n_starts, dimension)
        Reduced coordinates (see :attr:`Replicator.state`).
    dynamics : Replicator
    point : dict
        The parameter values used.
    method : str
    """

    t: np.ndarray
    states: np.ndarray
    dynamics: Replicator
    point: dict
    method: str

    def __post_init__(self) -> None:
        for name in ("t", "states"):
            arr = np.array(getattr(self, name), dtype=float)
            arr.setflags(write=False)
            object.__setattr__(self, name, arr)
        object.__setattr__(self, "point", dict(self.point or {}))

    def to_dict(self) -> dict:
        """A JSON-ready dictionary (the dynamics as its game); :meth:`from_dict` rebuilds an equal trajectory."""
        dyn = self.dynamics
        return {"type": "Trajectory", "t": encode(self.t), "states": encode(self.states),
                "dynamics": {"game": dyn.game.to_dict(), "symmetric": dyn.symmetric,
                             "state_names": [s.name for s in dyn.state]},
                "point": encode(self.point), "method": self.method}

    @classmethod
    def from_dict(cls, d: Mapping) -> "Trajectory":
        """Rebuild from :meth:`to_dict` output."""
        from games.normal_form import NormalFormGame

        if not isinstance(d, Mapping) or d.get("type") != "Trajectory":
            raise ParameterError(fmt_error("Trajectory.from_dict", "d", "a dict from Trajectory.to_dict", d))
        dd = d["dynamics"]
        dyn = replicator(NormalFormGame.from_dict(dd["game"]), symmetric=dd["symmetric"],
                         state_names=dd["state_names"])
        return cls(decode(d["t"]), decode(d["states"]), dyn, decode(d["point"]), d["method"])

    def __str__(self) -> str:
        pops = "; ".join(f"{p}: {', '.join(map(str, st))}" for p, st in
                         zip(self.dynamics.populations, self.dynamics.strategies))
        return clip(f"Trajectory({self.n_starts} starts of {pops}; t in [{self.t[0]:g}, {self.t[-1]:g}], "
                    f"{len(self.t)} times, method={self.method!r})")

    def to_latex(self) -> str:
        """A one-line description (the data are arrays)."""
        return latex_value(str(self))

    @property
    def final(self) -> np.ndarray:
        """The last state of each trajectory, shape ``(n_starts, dimension)``."""
        return self.states[-1]

    @property
    def n_starts(self) -> int:
        return self.states.shape[1]

    def speed(self) -> np.ndarray:
        """The norm of the vector field at each trajectory's last state (0 at a rest point)."""
        f = self.dynamics.lambdify(self.point or None)
        return np.linalg.norm(f(self.final), axis=-1)

    def __repr__(self) -> str:
        return (f"Trajectory({self.n_starts} starts, t in [{self.t[0]:g}, {self.t[-1]:g}], "
                f"{len(self.t)} times, method={self.method!r})")


@dataclass(frozen=True, eq=False)
class BasinResult(Result):
    """Shares of sampled initial states converging to each stable rest point.

    Attributes
    ----------
    labels : tuple of str
        One per asymptotically stable rest point found, then ``"other"``
        (converged elsewhere or not yet converged by the end time).
    points : tuple of tuple of float
        Reduced coordinates of the stable rest points.
    shares : ndarray
        Share of starts per label (sums to 1).
    counts : ndarray of int
    n : int
    point : dict
        The parameter values the dynamics were integrated at (name ->
        value; empty for a numeric game).
    t : float or None
        The end time of the integration.
    """

    labels: tuple
    points: tuple
    shares: np.ndarray
    counts: np.ndarray
    n: int
    point: dict = field(default_factory=dict)
    t: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "point", _named(self.point))
        if self.t is not None:
            object.__setattr__(self, "t", float(self.t))
        object.__setattr__(self, "labels", tuple(self.labels))
        object.__setattr__(self, "points", tuple(tuple(float(v) for v in p) for p in self.points))
        for name, dt in (("shares", float), ("counts", np.int64)):
            arr = np.array(getattr(self, name), dtype=dt)
            arr.setflags(write=False)
            object.__setattr__(self, name, arr)

    def __str__(self) -> str:
        return clip(repr(self))

    def to_latex(self) -> str:
        """The share of starts per stable rest point, as a booktabs table."""
        rows = [r"\begin{tabular}{lr}", r"\toprule", r"Rest point & Share \\", r"\midrule"]
        rows += [f"{latex_value(lab)} & {s:.3f} \\\\" for lab, s in zip(self.labels, self.shares)]
        rows += [r"\bottomrule", r"\end{tabular}"]
        return "\n".join(rows)

    def as_dict(self) -> dict[str, float]:
        """``{label: share}``."""
        return {lab: float(s) for lab, s in zip(self.labels, self.shares)}

    def __repr__(self) -> str:
        body = ", ".join(f"{lab}: {s:.3f}" for lab, s in zip(self.labels, self.shares))
        return clip(f"BasinResult(n={self.n}; {body})")


def _named(point: Mapping[Any, Any] | None) -> dict:
    """A parameter point keyed by name."""
    return {getattr(k, "name", str(k)): v for k, v in dict(point or {}).items()}


def _check_dyn(dyn: Any, func: str) -> Replicator:
    if not isinstance(dyn, Replicator):
        raise TypeError(fmt_error(func, "dyn", "replicator dynamics (solvers.replicator.replicator(game))", dyn))
    return dyn


def _check_states(dyn: Replicator, x0: Any, func: str, tol: float = 1e-9) -> np.ndarray:
    try:
        X = np.array(x0, dtype=float)
    except (TypeError, ValueError) as err:
        raise ParameterError(fmt_error(func, "x0", "an array of states", x0)) from err
    if X.ndim == 1:
        X = X[None, :]
    if X.ndim != 2 or X.shape[1] != dyn.dimension or X.shape[0] == 0:
        raise ParameterError(fmt_error(func, "x0", f"states with {dyn.dimension} coordinates "
                                       f"{tuple(s.name for s in dyn.state)}", f"array of shape {X.shape}"))
    if not np.all(np.isfinite(X)):
        raise ParameterError(fmt_error(func, "x0", "finite", "non-finite values"))
    for blk, pop in zip(dyn.blocks, dyn.populations):
        sub = X[:, list(blk)]
        bad = (sub < -tol).any(axis=1) | (sub.sum(axis=1) > 1 + tol)
        if bad.any():
            i = int(np.argmax(bad))
            raise ParameterError(fmt_error(func, "x0", f"in the state space (population {pop!r}: shares >= 0 "
                                           "summing to at most 1)", X[i].tolist()))
    return _project(dyn, X)


def _project(dyn: Replicator, X: np.ndarray) -> np.ndarray:
    """Back onto the product of simplices (round-off of the integrator)."""
    X = np.clip(X, 0.0, 1.0)
    for blk in dyn.blocks:
        if len(blk) > 1:
            s = X[:, list(blk)].sum(axis=1, keepdims=True)
            X[:, list(blk)] /= np.maximum(s, 1.0)
    return X


#: Most report times of :func:`simulate` given an end time.
MAX_REPORT_TIMES = 401
#: Cap on the stored state values (times x starts x dimension) of an end-time grid (about 32 MB).
_MAX_STORED = 4_000_000


def _times(t: Any, func: str, dt: float = 0.05, size: int = 1) -> np.ndarray:
    arr = np.atleast_1d(np.asarray(t, dtype=float))
    if arr.size == 1:
        if not (np.isfinite(arr[0]) and arr[0] > 0):
            raise ParameterError(fmt_error(func, "t", "a positive end time or an increasing array of times", t))
        # a dense grid: one report per step, at most MAX_REPORT_TIMES (fewer for huge batches)
        k = min(int(np.ceil(arr[0] / dt)), MAX_REPORT_TIMES - 1, max(1, _MAX_STORED // max(size, 1) - 1))
        return np.linspace(0.0, float(arr[0]), max(k, 1) + 1)
    if not (np.all(np.isfinite(arr)) and np.all(np.diff(arr) > 0)):
        raise ParameterError(fmt_error(func, "t", "an increasing array of finite times", t))
    return arr


def simulate(dyn: Replicator, point: Mapping[str, Any] | None, x0: Any, t: Any, *, dt: float = 0.05,
             method: str = "rk4", rtol: float = 1e-6, atol: float = 1e-9) -> Trajectory:
    """Integrate replicator dynamics from many initial states at once.

    Parameters
    ----------
    dyn : Replicator
    point : mapping or None
        Parameter values (None for numeric games).
    x0 : array_like, shape (dimension,) or (n_starts, dimension)
        Initial states in reduced coordinates; each must lie in the state space.
    t : float or array_like
        End time, or the increasing times at which to report states (kept
        as given). An end time ``T`` reports states on an even grid from 0
        to ``T``: one time per step ``dt``, at most
        :data:`MAX_REPORT_TIMES` (fewer for batches so large that the
        stored states would exceed about 32 MB), so that plotted
        trajectories are curves.
    dt : float
        Step of the fixed-step RK4 integrator.
    method : {"rk4", "solve_ivp"}
        ``"rk4"``: vectorised classical Runge–Kutta with projection onto the
        state space; ``"solve_ivp"``: scipy's adaptive RK45 on the stacked
        system (``rtol``, ``atol``).

    Returns
    -------
    Trajectory

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> from solvers.replicator import replicator
    >>> pd = replicator(NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
    >>> tr = simulate(pd, None, [[0.9, 0.9], [0.5, 0.2]], 40)
    >>> bool(np.all(tr.final < 1e-3))          # both populations learn to defect
    True
    >>> len(tr.t), float(tr.t[1])              # a report every 0.1: at most 401 times
    (401, 0.1)
    """
    func = "simulate"
    _check_dyn(dyn, func)
    if not (isinstance(dt, (int, float)) and np.isfinite(dt) and dt > 0):
        raise ParameterError(fmt_error(func, "dt", "a positive step", dt))
    f = dyn.lambdify(point)
    X = _check_states(dyn, x0, func)
    times = _times(t, func, float(dt), X.size)
    n, d = X.shape
    if method == "solve_ivp":
        from scipy.integrate import solve_ivp

        def rhs(_t, y):
            return f(y.reshape(n, d)).ravel()

        sol = solve_ivp(rhs, (times[0], times[-1]), X.ravel(), t_eval=times, rtol=rtol, atol=atol)
        if not sol.success:
            raise ParameterError(f"simulate(): solve_ivp failed: {sol.message}")
        states = np.stack([_project(dyn, y.reshape(n, d)) for y in sol.y.T])
    elif method == "rk4":
        states = np.empty((len(times), n, d))
        states[0] = X
        x = X.copy()
        for k in range(1, len(times)):
            span = times[k] - times[k - 1]
            m = max(1, int(np.ceil(span / dt)))
            h = span / m
            for _ in range(m):
                k1 = f(x)
                k2 = f(x + 0.5 * h * k1)
                k3 = f(x + 0.5 * h * k2)
                k4 = f(x + h * k3)
                x = _project(dyn, x + (h / 6.0) * (k1 + 2 * k2 + 2 * k3 + k4))
            states[k] = x
    else:
        raise ParameterError(fmt_error(func, "method", "'rk4' or 'solve_ivp'", method))
    return Trajectory(times, states, dyn, _named(point), method)


def sample_states(dyn: Replicator, n: int, rng: Any = None) -> np.ndarray:
    """``n`` states drawn uniformly from the product of simplices (reduced coordinates).

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> from solvers.replicator import replicator
    >>> dyn = replicator(NormalFormGame.from_bimatrix([[1, 0, 0]], [[1, 0, 0]]))
    >>> X = sample_states(dyn, 5, rng=0)
    >>> X.shape, bool(np.all(X[:, 1:].sum(axis=1) <= 1))
    ((5, 2), True)
    """
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 1:
        raise ParameterError(fmt_error("sample_states", "n", "a positive integer", n))
    gen = np.random.default_rng(rng)
    cols = []
    for blk in dyn.blocks:
        k = len(blk) + 1
        cols.append(gen.dirichlet(np.ones(k), size=n)[:, :-1])
    return np.concatenate(cols, axis=1) if cols else np.empty((n, 0))


def _stable_points(dyn: Replicator, point: Mapping | None, candidates: np.ndarray, tol: float) -> list:
    """Candidates that are rest points with all Jacobian eigenvalues of negative real part."""
    f = dyn.lambdify(point)
    jac = dyn.lambdify(point, jacobian=True)
    out = []
    for c in candidates:
        if np.linalg.norm(f(c[None, :])[0]) > tol:
            continue
        ev = np.linalg.eigvals(jac(c[None, :])[0]) if dyn.dimension else np.array([])
        if np.all(ev.real < -1e-9) and not any(np.allclose(c, o, atol=10 * tol) for o in out):
            out.append(c)
    return out


def _label(dyn: Replicator, x: np.ndarray) -> str:
    profile = dyn.to_profile([float(v) for v in x])
    names = []
    for strat, sigma in zip(dyn.strategies, profile):
        p = [float(v) for v in sigma]
        j = int(np.argmax(p))
        names.append(strat[j] if p[j] > 1 - 1e-6 else "mixed(" + ", ".join(f"{v:.3g}" for v in p) + ")")
    return "(" + ", ".join(names) + ")"


def basins(dyn: Replicator, point: Mapping[str, Any] | None = None, *, n: int = 1000, rng: Any = None,
           t: float = 200.0, dt: float = 0.1, tol: float = 1e-3) -> BasinResult:
    """Share of uniformly sampled initial states converging to each stable rest point.

    Parameters
    ----------
    dyn : Replicator
    point : mapping or None
        Parameter values.
    n : int
        Number of initial states (sampled uniformly on the state space).
    rng : seed or Generator
    t, dt : float
        End time and integrator step.
    tol : float
        Distance within which a final state counts as having reached a rest point.

    Returns
    -------
    BasinResult

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> from solvers.replicator import replicator
    >>> stag = replicator(NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]],
    ...                                                strategies=(("stag", "hare"),) * 2))
    >>> b = basins(stag, n=2000, rng=0)
    >>> b.labels
    ('(stag, stag)', '(hare, hare)', 'other')
    >>> shares = b.as_dict()
    >>> shares["(stag, stag)"] < shares["(hare, hare)"], shares["other"]   # risk dominance of hare
    (True, 0.0)
    >>> b.point, b.t
    ({}, 200.0)
    """
    func = "basins"
    _check_dyn(dyn, func)
    X0 = sample_states(dyn, n, rng)
    if not (isinstance(t, (int, float, np.integer, np.floating)) and not isinstance(t, bool)
            and np.isfinite(t) and t > 0):
        raise ParameterError(fmt_error(func, "t", "a positive end time", t))
    tr = simulate(dyn, point, X0, [0.0, float(t)], dt=dt)  # only the end states are needed
    final = tr.final
    vertices = np.array([[float(v) for v in vx] for vx in dyn.vertices()])
    # stable rest points: stable vertices, plus converged end states elsewhere (interior ESS, say)
    f = dyn.lambdify(point)
    still = np.linalg.norm(f(final), axis=1) < tol ** 2
    extra = np.unique(np.round(final[still], 4), axis=0) if still.any() else np.empty((0, dyn.dimension))
    stable = _stable_points(dyn, point, vertices, tol) + \
        [c for c in _stable_points(dyn, point, extra, tol ** 0.5)
         if not np.any(np.all(np.isclose(vertices, c, atol=tol), axis=1))]
    counts = np.zeros(len(stable) + 1, dtype=int)
    if stable:
        S = np.array(stable)
        dist = np.linalg.norm(final[:, None, :] - S[None, :, :], axis=2)
        near = dist.min(axis=1) < max(tol, 1e-2)
        idx = np.where(near, dist.argmin(axis=1), len(stable))
    else:
        idx = np.full(len(final), 0)
    counts += np.bincount(idx, minlength=len(stable) + 1)
    labels = tuple(_label(dyn, s) for s in stable) + ("other",)
    return BasinResult(labels, tuple(tuple(float(v) for v in s) for s in stable), counts / n, counts, n,
                       _named(point), float(t))
