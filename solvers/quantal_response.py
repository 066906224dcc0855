"""One Nash equilibrium of an n-player game by tracing the logit quantal-response path.

The logit quantal-response equilibria (QRE) of McKelvey and Palfrey (1995)
are the profiles with ``sigma_ij`` proportional to ``exp(lambda u_ij(sigma))``.
At ``lambda = 0`` the unique QRE is the uniform profile; for a generic game
the branch through it is a smooth curve whose limit as ``lambda -> inf`` is
a Nash equilibrium (the "limiting logit equilibrium"). The curve is traced
in log-probabilities ``w_ij = ln sigma_ij`` by predictor-corrector
continuation along its arc length, so that turning points in ``lambda`` are
followed (Turocy 2005).

At the end of the path the support is read off the profile and solved
exactly (:mod:`solvers.support_enumeration`); the exact equilibrium closest
to the path's end is verified and returned. Float games get the exact
solution on their binary values, converted back to floats and verified to
a tolerance.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from games.errors import GameError, UnsupportedGame, fmt_error
from solvers._support import check_game, make_equilibrium, make_set
from solvers.limits import Deadline, TimeLimitExceeded, call_with_time_limit, check_time_limit

__all__ = ["QuantalResponsePath", "quantal_response_path", "logit_equilibrium"]


@dataclass(frozen=True, eq=False)
class QuantalResponsePath:
    """The traced logit QRE branch and the Nash equilibrium at its end.

    Attributes
    ----------
    lambdas : tuple of float
        Precision parameter at each accepted point of the path.
    profiles : tuple
        The QRE profile at each point (tuple per player of float tuples).
    equilibrium : Equilibrium
        The verified Nash equilibrium at the limit of the path.
    converged : bool
        Whether the path reached ``lambda_max``.
    """

    lambdas: tuple
    profiles: tuple
    equilibrium: Any
    converged: bool

    def _hashable_content(self) -> tuple:
        return (self.lambdas, self.profiles, self.equilibrium, self.converged)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, QuantalResponsePath) and \
            self._hashable_content() == other._hashable_content()

    def __hash__(self) -> int:
        return hash(self._hashable_content())

    def __repr__(self) -> str:
        return (f"QuantalResponsePath({len(self.lambdas)} points, lambda up to "
                f"{self.lambdas[-1]:.3g}, equilibrium={self.equilibrium.profile})")


def _offsets(shape):
    return np.concatenate([[0], np.cumsum(shape)]).astype(int)


def _split(v, off):
    return [v[off[i]:off[i + 1]] for i in range(len(off) - 1)]


def _contract(Pi, sig, keep):
    """Contract player payoff array ``Pi`` with every ``sig[j]`` for j not in ``keep``."""
    arr = Pi
    for j in reversed(range(Pi.ndim)):
        if j not in keep:
            arr = np.tensordot(arr, sig[j], axes=([j], [0]))
    return arr


def _system(P, shape, off, x):
    """H(x) and its Jacobian for x = (w, lambda)."""
    n = len(shape)
    M = off[-1]
    w, lam = x[:-1], x[-1]
    sig = [np.exp(v) for v in _split(w, off)]
    H = np.zeros(M)
    J = np.zeros((M, M + 1))
    for i in range(n):
        u = _contract(P[i], sig, (i,))
        a, b = off[i], off[i + 1]
        # normalisation
        H[a] = sig[i].sum() - 1.0
        J[a, a:b] = sig[i]
        for j in range(1, shape[i]):
            r = a + j
            H[r] = w[r] - w[a] - lam * (u[j] - u[0])
            J[r, r] += 1.0
            J[r, a] -= 1.0
            J[r, M] = -(u[j] - u[0])
        for k in range(n):
            if k == i:
                continue
            D = _contract(P[i], sig, (i, k))  # axes (i, k) in increasing order
            if k < i:
                D = D.T
            # d u_ij / d w_kl = D[j, l] sigma_kl
            Dk = D * sig[k][None, :]
            for j in range(1, shape[i]):
                J[a + j, off[k]:off[k + 1]] -= lam * (Dk[j] - Dk[0])
    return H, J


def _tangent(J, prev):
    _, _, vt = np.linalg.svd(J)
    t = vt[-1]
    if prev is None:
        if t[-1] < 0:
            t = -t
    elif t @ prev < 0:
        t = -t
    return t


def _trace(P, shape, lambda_max, max_steps, first_step, deadline=None):
    off = _offsets(shape)
    w0 = np.concatenate([np.full(m, -math.log(m)) for m in shape])
    x = np.concatenate([w0, [0.0]])
    H, J = _system(P, shape, off, x)
    t = _tangent(J, None)
    h = first_step
    lams, profs = [0.0], [tuple(tuple(np.exp(v).tolist()) for v in _split(w0, off))]
    steps = 0
    while x[-1] < lambda_max and steps < max_steps:
        steps += 1
        if deadline is not None and steps % 64 == 0 and deadline.passed():
            break
        y = x + h * t
        ok = False
        for _ in range(8):
            Hy, Jy = _system(P, shape, off, y)
            if not np.all(np.isfinite(Hy)):
                break
            dy = np.linalg.lstsq(Jy, -Hy, rcond=None)[0]
            y = y + dy
            if np.linalg.norm(dy) < 1e-10 * max(1.0, np.linalg.norm(y)):
                ok = True
                break
        if ok:
            Hy, Jy = _system(P, shape, off, y)
            ok = np.linalg.norm(Hy) < 1e-8 and np.all(np.isfinite(y))
        if not ok:
            h /= 2
            if h < 1e-12:
                break
            continue
        tn = _tangent(Jy, t)
        # too sharp a turn: retry with a smaller step
        if tn @ t < 0.9 and h > 1e-8:
            h /= 2
            continue
        x, t = y, tn
        lams.append(float(x[-1]))
        profs.append(tuple(tuple(np.exp(v).tolist()) for v in _split(x[:-1], off)))
        h *= 1.5
    return tuple(lams), tuple(profs), bool(x[-1] >= lambda_max)


def _refine(game, sigma, *, report=None):
    """The exact (or float) equilibrium whose support is read off the QRE limit ``sigma``."""
    from solvers.support_numeric import rational_payoffs, solve_numeric_support

    F = rational_payoffs(game)
    tried = set()
    best = None
    for thr in (1e-3, 1e-5, 1e-8, 1e-2, 5e-2):
        supp = tuple(tuple(j for j, p in enumerate(s) if p > thr * max(s)) for s in sigma)
        if supp in tried or any(not S for S in supp):
            continue
        tried.add(supp)
        status, found = solve_numeric_support(F, supp)
        for prof, pay, _ in found:
            dist = max(abs(float(sympy.N(p)) - q) for s, t in zip(prof, sigma) for p, q in zip(s, t))
            if best is None or dist < best[0]:
                best = (dist, prof, pay)
        if best is not None:
            break
    if best is None:
        return None
    _, prof, pay = best
    kind = "pure" if all(sum(1 for p in s if p != 0) == 1 for s in prof) else "mixed"
    if not game.is_exact:
        prof = tuple(tuple(float(v) for v in s) for s in prof)
        pay = tuple(float(v) for v in pay)
    return make_equilibrium(game, prof, pay, kind=kind, method="logit")


def quantal_response_path(game, *, lambda_max: float = 1e5, max_steps: int = 20_000,
                          first_step: float = 0.05,
                          time_limit: float | None = None) -> QuantalResponsePath:
    """Trace the principal branch of logit QRE and return the Nash equilibrium at its end.

    Parameters
    ----------
    game : NormalFormGame
        Numeric (exact or float) payoffs, any number of players.
    lambda_max : float
        Where to stop tracing; payoffs are first rescaled to the range [0, 1].
    max_steps : int
        Largest number of predictor-corrector steps.
    first_step : float
        Initial arc-length step.
    time_limit : float, optional
        Seconds for the whole call: the path is traced until then, and the
        exact solve of the support read off its end runs in a worker that
        is stopped when the limit is reached.

    Returns
    -------
    QuantalResponsePath
        The path points and the verified equilibrium (exact for exact games).

    Raises
    ------
    UnsupportedGame
        For a symbolic game (substitute values first), when no
        equilibrium could be recovered from the end of the path, or when
        the exact solve of an exact game does not finish within
        ``time_limit``.
    ValueError
        For a bad ``lambda_max``, ``max_steps``, ``first_step`` or ``time_limit``.

    References
    ----------
    .. [1] R. D. McKelvey and T. R. Palfrey (1995), "Quantal response
       equilibria for normal form games", *Games and Economic Behavior* 10: 6-38.
    .. [2] T. L. Turocy (2005), "A dynamic homotopy interpretation of the
       logistic quantal response equilibrium correspondence", *Games and
       Economic Behavior* 51: 243-263.
    .. [3] E. L. Allgower and K. Georg (1990), *Numerical Continuation
       Methods*, Springer, ch. 2 (predictor-corrector path following).

    Examples
    --------
    Matching pennies: the path stays at the unique equilibrium.

    >>> from games.normal_form import NormalFormGame
    >>> mp = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> quantal_response_path(mp).equilibrium.profile
    ((1/2, 1/2), (1/2, 1/2))

    In the prisoner's dilemma the path ends at mutual defection.

    >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> quantal_response_path(pd).equilibrium.profile
    ((0, 1), (0, 1))
    """
    func = "quantal_response_path"
    check_game(game, func)
    if game.is_symbolic:
        raise UnsupportedGame(fmt_error(func, "game", "a numeric game (substitute parameter "
                                        "values with game.subs first)", "a symbolic game"))
    for name, v in (("lambda_max", lambda_max), ("first_step", first_step)):
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not v > 0 \
                or not math.isfinite(v):
            raise ValueError(fmt_error(func, name, "a positive number", v))
    if isinstance(max_steps, bool) or not isinstance(max_steps, int) or max_steps < 1:
        raise ValueError(fmt_error(func, "max_steps", "a positive integer", max_steps))
    time_limit = check_time_limit(func, time_limit)
    deadline = Deadline(time_limit)
    shape = game.shape
    Pf = np.asarray(game.float_payoffs(), dtype=np.float64)
    P = []
    for i in range(game.n_players):
        A = Pf[..., i]
        lo, hi = float(A.min()), float(A.max())
        P.append((A - lo) / (hi - lo) if hi > lo else np.zeros_like(A))
    lams, profs, converged = _trace(P, shape, float(lambda_max), max_steps, float(first_step),
                                    deadline)
    try:
        left = deadline.remaining() if time_limit is not None else None
        if left is not None and left <= 0:
            raise TimeLimitExceeded("no time left", time_limit=time_limit)
        eq = call_with_time_limit(_refine, game, profs[-1], time_limit=left,
                                  name=f"{func}(): exact solve") if left is not None \
            else _refine(game, profs[-1])
    except TimeLimitExceeded:
        if game.is_exact:
            raise UnsupportedGame(fmt_error(
                func, "time_limit", "enough for the exact solve at the end of the logit path "
                "(or pass float payoffs)", time_limit)) from None
        eq = None
    if eq is None:
        if game.is_exact:
            raise UnsupportedGame(fmt_error(
                func, "game", "a game whose logit path ends at an equilibrium the exact support "
                "solve recovers (try a larger lambda_max, or equilibria())",
                f"a path ending at {profs[-1]}"))
        prof = tuple(tuple(s) for s in profs[-1])
        pay = game.expected_payoffs(prof)
        try:
            eq = make_equilibrium(game, prof, tuple(float(v) for v in pay), method="logit")
        except GameError:
            raise UnsupportedGame(fmt_error(
                func, "game", "a game whose logit path converges (try a larger lambda_max)",
                f"a path ending at {profs[-1]}")) from None
    return QuantalResponsePath(lams, profs, eq, converged)


def logit_equilibrium(game, **kwargs):
    """One verified Nash equilibrium from the logit QRE path, as an incomplete EquilibriumSet.

    Parameters
    ----------
    game : NormalFormGame
    **kwargs
        Passed to :func:`quantal_response_path`.

    Returns
    -------
    EquilibriumSet
        One equilibrium, ``complete=False``, ``method="logit"``.

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> g = NormalFormGame.from_payoff_function(
    ...     lambda p: (int(p[0] == p[1]), int(p[1] == p[2]), int(p[2] != p[0])), [("H", "T")] * 3)
    >>> [e.profile for e in logit_equilibrium(g)]
    [((1/2, 1/2), (1/2, 1/2), (1/2, 1/2))]
    """
    path = quantal_response_path(game, **kwargs)
    return make_set([path.equilibrium], game, method="logit", complete=False)

