"""Support enumeration for n-player games and symbolic games.

For every support profile ``(S_1, ..., S_n)`` the equilibria with exactly
these supports solve the indifference equations

    u_i(s, sigma_-i) = u_i(s', sigma_-i)    for s, s' in S_i,

with ``sigma_i`` positive on ``S_i`` and no strategy outside ``S_i``
earning more. The equations of player ``i`` are multilinear in the other
players' probabilities.

Numeric games (exact, or float payoffs read as their exact binary
rationals) are solved exactly: linear systems by exact rational linear
algebra (python-flint), nonlinear ones by a Groebner basis and exact
real-root isolation (:mod:`solvers.polynomial_systems`). This terminates
on every support and finds every isolated solution of a support not
reported as a continuum; every sign (positive probabilities, no profitable
deviation) is decided exactly. Where the solution set is positive-dimensional
(after removing the parts where a probability vanishes), the nonsingular
solutions of a square system are still found and reported, and the support
is also reported as a continuum unless z3 proves that no singular solution
is an equilibrium. Supports are pruned before solving when a strategy in a
support is strictly dominated given the other players' supports
(conditional dominance).

Symbolic games are solved support by support with :func:`sympy.solve`,
each support in a worker process with its own time budget; a support that
does not finish in its budget, or whose solution cannot be verified, is
named in the result (``unsolved``) and the result is ``complete=False``.

Support profiles are generated lazily, smallest total size first; their
number is computed before anything is allocated.
"""

from __future__ import annotations

import warnings

import numpy as np

from games.errors import GovgamesWarning, UnsupportedGame, fmt_error
from solvers._support import check_game
from solvers.equilibrium_set import EquilibriumSet
from solvers.limits import Deadline, TimeLimitExceeded, call_with_time_limit, check_time_limit
from solvers.support_numeric import numeric_enumeration
from solvers.support_profiles import iter_support_profiles, n_support_profiles
from solvers.support_symbolic import symbolic_enumeration

__all__ = ["support_enumeration", "iter_support_profiles", "n_support_profiles",
           "SupportEnumerationResult", "MAX_SUPPORT_PROFILES", "ON_TIME_LIMIT"]

#: Largest number of support profiles the enumeration visits.
MAX_SUPPORT_PROFILES = 4096
#: Values of ``on_time_limit``.
ON_TIME_LIMIT = ("raise", "partial")
#: Seconds each support of a symbolic game may take by default.
SYMBOLIC_SUPPORT_SECONDS = 20.0

_ONE_EQ_ADVICE = 'for one equilibrium use method="logit"'


# ------------------------------------------------------------------- result


class SupportEnumerationResult(EquilibriumSet):
    """An :class:`~solvers.equilibrium.EquilibriumSet` that names what it could not settle.

    Attributes
    ----------
    continua : tuple
        Support profiles (tuples of strategy-name tuples) on which the
        indifference equations have a positive-dimensional solution set
        with all probabilities nonzero that may hold equilibria: the game
        is degenerate there, and the equilibria listed for that support
        (its nonsingular ones) may not be all of them.
    unsolved : tuple
        Support profiles not solved (time budget exhausted, or a symbolic
        solution that could not be verified), with the reason.
    """

    def __init__(self, equilibria=(), *, continua=(), unsolved=(), **kwargs):
        object.__setattr__(self, "continua", tuple(continua))
        object.__setattr__(self, "unsolved", tuple(unsolved))
        super().__init__(equilibria, **kwargs)


# --------------------------------------------------------------- the driver


def _sort_key(e):
    sizes = sum(sum(1 for p in sigma if p != 0) for sigma in e.profile)
    try:
        vals = tuple(-float(p) for sigma in e.profile for p in sigma)
    except TypeError:
        vals = tuple(0 if p == 0 else 1 for sigma in e.profile for p in sigma)[::-1]
    return (sizes, vals)


def _names(game, supp):
    return tuple(tuple(game.strategies[i][s] for s in S) for i, S in enumerate(supp))


def _time_error(time_limit, symbolic):
    advice = ('substitute parameter values (game.subs) or pass on_time_limit="partial"'
              if symbolic else f'{_ONE_EQ_ADVICE}, or on_time_limit="partial" for the '
              f'equilibria found so far')
    return UnsupportedGame(fmt_error("equilibria", "time_limit",
                                     f"enough for support enumeration ({advice})", time_limit))


def support_enumeration(game, *, time_limit: float | None = None,
                        max_support_size: int | None = None, on_time_limit: str = "raise",
                        support_time_limit: float | None = None) -> SupportEnumerationResult:
    """All isolated Nash equilibria of a normal-form game by support enumeration.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players; exact, float or symbolic payoffs.
    time_limit : float, optional
        Seconds for the whole call, including time inside sympy (the work
        runs in a worker process that is stopped at the limit).
    max_support_size : int, optional
        Only supports of at most this many strategies per player
        (``complete=False`` unless the cap does not bind).
    on_time_limit : {"raise", "partial"}
        At the limit, raise :class:`~games.errors.UnsupportedGame` naming a
        method that works (default), or return the equilibria found so far
        with ``complete=False``.
    support_time_limit : float, optional
        Symbolic games: seconds per support profile (default
        ``SYMBOLIC_SUPPORT_SECONDS``); a support that runs longer is listed
        in ``unsolved`` and the result is incomplete.

    Returns
    -------
    SupportEnumerationResult
        Verified equilibria, smallest supports first. ``complete`` is True
        only if every support profile was settled and none has a continuum;
        ``continua`` and ``unsolved`` name the support profiles that were not.

    Raises
    ------
    UnsupportedGame
        If the game has more than ``MAX_SUPPORT_PROFILES`` support profiles
        (decided before any enumeration), or at the time limit with
        ``on_time_limit="raise"``.
    ValueError
        For a bad ``time_limit``, ``max_support_size`` or ``on_time_limit``.

    References
    ----------
    .. [1] R. D. McKelvey and A. McLennan (1996), "Computation of equilibria
       in finite games", *Handbook of Computational Economics* 1: 87-142.
    .. [2] R. Porter, E. Nudelman and Y. Shoham (2008), "Simple search
       methods for finding a Nash equilibrium", *Games and Economic
       Behavior* 63: 642-662 (conditional dominance).
    .. [3] R. S. Datta (2003), "Using computer algebra to find Nash
       equilibria", *Proc. ISSAC 2003*: 74-79 (polynomial systems per support).

    Examples
    --------
    Three-player matching pennies (Jordan 1993) has one equilibrium.

    >>> from games.normal_form import NormalFormGame
    >>> g = NormalFormGame.from_payoff_function(
    ...     lambda p: (int(p[0] == p[1]), int(p[1] == p[2]), int(p[2] != p[0])), [("H", "T")] * 3)
    >>> res = support_enumeration(g)
    >>> [e.profile for e in res], res.complete
    ([((1/2, 1/2), (1/2, 1/2), (1/2, 1/2))], True)
    """
    func = "equilibria"
    check_game(game, func)
    time_limit = check_time_limit(func, time_limit)
    support_time_limit = check_time_limit(func, support_time_limit)
    if on_time_limit not in ON_TIME_LIMIT:
        raise ValueError(fmt_error(func, "on_time_limit", f"one of {ON_TIME_LIMIT}", on_time_limit))
    if max_support_size is not None:
        if isinstance(max_support_size, bool) or not isinstance(max_support_size, (int, np.integer)) \
                or max_support_size < 1:
            raise ValueError(fmt_error(func, "max_support_size", "a positive integer or None",
                                       max_support_size))
        max_support_size = int(max_support_size)
    shape = game.shape
    symbolic = game.is_symbolic
    count = n_support_profiles(shape, max_support_size)
    if count > MAX_SUPPORT_PROFILES:
        advice = "substitute parameter values (game.subs) first, or cap max_support_size" \
            if symbolic else f"{_ONE_EQ_ADVICE}, or cap max_support_size"
        raise UnsupportedGame(fmt_error(
            func, "game", f"small enough for support enumeration (at most {MAX_SUPPORT_PROFILES} "
            f"support profiles; {advice})", f"a game of shape {shape} with {count} support profiles"))
    capped = max_support_size is not None and max_support_size < max(shape)
    timed_out = False
    if symbolic:
        deadline = Deadline(time_limit)
        eqs, continua, unsolved, timed_out = symbolic_enumeration(
            game, max_support_size, deadline, support_time_limit or SYMBOLIC_SUPPORT_SECONDS,
            lambda item: None)
        if timed_out and on_time_limit == "raise":
            raise _time_error(time_limit, True)
    else:
        try:
            eqs, continua, unsolved = call_with_time_limit(
                numeric_enumeration, game, max_support_size, time_limit=time_limit,
                name="equilibria(): support enumeration")
        except TimeLimitExceeded as exc:
            if on_time_limit == "raise":
                raise _time_error(time_limit, False) from None
            timed_out = True
            eqs = [v for k, v in exc.partial if k == "equilibrium"]
            continua = [v for k, v in exc.partial if k == "continuum"]
            unsolved = [(None, f"support profiles not reached before the time limit of "
                               f"{time_limit:g} s")]
    eqs = sorted(eqs, key=_sort_key)
    continua_named = tuple(_names(game, s) for s in continua)
    unsolved_named = tuple((None if s is None else _names(game, s), why) for s, why in unsolved)
    if continua:
        warnings.warn(
            f"equilibria(): the game is degenerate: on {len(continua)} support profile(s) (e.g. "
            f"{continua_named[0]}) the indifference equations have a continuum of solutions that "
            f"may hold equilibria; the isolated equilibria are listed (see .continua)",
            GovgamesWarning, stacklevel=3)
    if unsolved or timed_out:
        warnings.warn(
            f"equilibria(): the enumeration is incomplete: {len(unsolved)} support profile(s) "
            f"not settled (e.g. {unsolved_named[0] if unsolved_named else 'time limit'}; see "
            f".unsolved)", GovgamesWarning, stacklevel=3)
    complete = not (capped or continua or unsolved or timed_out)
    return SupportEnumerationResult(
        eqs, continua=continua_named, unsolved=unsolved_named, game=game,
        method="support_enumeration", exact=game.is_exact, complete=complete,
        degenerate=bool(continua), space=game.space)
