"""Pure-strategy Nash equilibria of normal-form games.

Numeric games are solved for all profiles at once: a profile is an
equilibrium iff every player's payoff there equals the maximum of that
player's payoffs along his own strategy axis. Exact games are compared as
integers (payoffs scaled by a common denominator), so ties are exact.
Symbolic games return every profile that is an equilibrium somewhere on the
parameter space, with its condition: the conjunction of the "no profitable
deviation" inequalities, simplified on the space.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np
import sympy

from games.values import FLOAT_TOLERANCE
from games.errors import UnsupportedGame, fmt_error
from solvers._support import check_game, make_equilibrium, make_set
from games.conditions import simplify_condition

__all__ = ["pure_equilibria", "pure_equilibrium_mask"]



def _integer_payoffs(P: np.ndarray) -> np.ndarray:
    """Exact payoffs (sympy Rationals) as integers over a common denominator."""
    flat = [Fraction(int(v.p), int(v.q)) for v in P.reshape(-1)]
    den = 1
    for v in flat:
        den = den * v.denominator // math.gcd(den, v.denominator)
    ints = [int(v * den) for v in flat]
    big = max((abs(v) for v in ints), default=0) >= 2**62
    return np.array(ints, dtype=object if big else np.int64).reshape(P.shape)


def pure_equilibrium_mask(game) -> np.ndarray:
    """Boolean array of shape ``game.shape``: which pure profiles are equilibria.

    Numeric games only. Float games allow a tolerance of 1e-12 times the
    player's largest absolute payoff (at least 1e-12) in the best-response
    test; exact games are compared exactly.

    Parameters
    ----------
    game : NormalFormGame
        A numeric game.

    Returns
    -------
    numpy.ndarray of bool

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> pure_equilibrium_mask(pd)
    array([[False, False],
           [False,  True]])
    """
    check_game(game, "pure_equilibrium_mask")
    if game.is_symbolic:
        raise UnsupportedGame(fmt_error("pure_equilibrium_mask", "game", "a numeric game",
                                        "a symbolic game (use pure_equilibria)"))
    P = game.payoffs
    if game.is_exact:
        P = _integer_payoffs(P)
    mask = np.ones(game.shape, dtype=bool)
    for i in range(game.n_players):
        u = P[..., i]
        # float ties: relative to the player's own payoff scale
        tol = 0 if game.is_exact else FLOAT_TOLERANCE * max(float(np.abs(u).max()), 1.0)
        best = u.max(axis=i, keepdims=True)
        mask &= np.asarray(u >= best - tol, dtype=bool)
    return mask


def pure_equilibria(game, *, time_limit: float | None = None):
    """All pure-strategy Nash equilibria of a normal-form game.

    Parameters
    ----------
    game : NormalFormGame
        Numeric (float or exact) or symbolic payoffs, any number of players.
    time_limit : float, optional
        Seconds; the call returns or raises within it (it then runs in a
        worker process stopped at the limit).

    Returns
    -------
    EquilibriumSet
        Kind ``"pure"``. For symbolic games each equilibrium carries its
        condition (a sympy Boolean over the parameters, ``True`` when it holds
        everywhere on the space); profiles whose condition is provably false
        on the space are left out, undecidable ones are kept with their
        condition stated.

    Raises
    ------
    UnsupportedGame
        When the search runs past ``time_limit``.

    Notes
    -----
    A profile ``s`` is an equilibrium iff ``u_i(s) >= u_i(t, s_-i)`` for every
    player ``i`` and strategy ``t``. Numeric games evaluate this for every
    profile at once with one maximum per player along that player's axis.

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> bos = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> [e.profile for e in pure_equilibria(bos)]
    [((1, 0), (1, 0)), ((0, 1), (0, 1))]

    A symbolic game: (s1, s1) is an equilibrium iff ``a >= 1``, the two
    off-diagonal profiles iff ``a <= 1``.

    >>> a = sympy.Symbol("a", positive=True)
    >>> g = NormalFormGame.from_bimatrix([[a, 0], [1, 0]], [[a, 1], [0, 0]])
    >>> [(e.profile, e.condition) for e in pure_equilibria(g)]
    [(((1, 0), (1, 0)), a >= 1), (((1, 0), (0, 1)), 1 >= a), (((0, 1), (1, 0)), 1 >= a), (((0, 1), (0, 1)), True)]
    """
    check_game(game, "pure_equilibria")
    if time_limit is not None:
        from solvers.limits import run_limited

        return run_limited(pure_equilibria, game, time_limit=time_limit, name="pure_equilibria()",
                           advice="for a symbolic game, substitute numbers with game.subs(point); "
                                  "a numeric game of this size needs a longer limit")
    if game.is_symbolic:
        return _pure_symbolic(game)
    mask = pure_equilibrium_mask(game)
    eqs = []
    for prof in zip(*np.nonzero(mask)):
        prof = tuple(int(s) for s in prof)
        eqs.append(_pure_eq(game, prof, sympy.true))
    return make_set(eqs, game, method="pure", complete=True)


def _pure_eq(game, prof, condition):
    exact = game.is_exact
    one, zero = (sympy.Integer(1), sympy.Integer(0)) if exact else (1.0, 0.0)
    profile = tuple(tuple(one if j == s else zero for j in range(k)) for s, k in zip(prof, game.shape))
    vals = game.payoffs[prof]
    payoffs = tuple(vals) if exact else tuple(float(v) for v in vals)
    return make_equilibrium(game, profile, payoffs, condition=condition, kind="pure",
                            method="pure")


def _pure_symbolic(game):
    P = game.payoffs
    space = game.space
    eqs = []
    for prof in itertools.product(*(range(k) for k in game.shape)):
        parts = []
        for i in range(game.n_players):
            here = P[prof + (i,)]
            for t in range(game.shape[i]):
                if t == prof[i]:
                    continue
                dev = prof[:i] + (t,) + prof[i + 1:]
                d = sympy.expand(here - P[dev + (i,)])
                if d.is_number:
                    # a decided numeric comparison needs no engine
                    if d < 0:
                        parts = [sympy.false]
                        break
                    continue
                parts.append(sympy.Ge(d, 0))
            if parts and parts[0] is sympy.false:
                break
        cond = sympy.And(*parts) if parts else sympy.true
        if cond is not sympy.false and cond is not sympy.true:
            cond = simplify_condition(cond, space)
        if cond is sympy.false:
            continue
        eqs.append(_pure_eq(game, prof, cond))
    return make_set(eqs, game, method="pure", complete=True)
