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

import numpy as np
import sympy

from games.values import FLOAT_TOLERANCE, as_integer_array
from games.errors import GameError, UnsupportedGame, fmt_error
from solvers._support import check_game, check_rational_payoffs, float_tol, make_equilibrium, make_set
from games.conditions import is_valid, simplify_condition

__all__ = ["pure_equilibria", "pure_equilibrium_mask"]


def _comparable_payoffs(game) -> np.ndarray:
    """The payoff array in which best responses are compared.

    Exact games: the payoffs times their least common denominator, as
    integers (int64 when they fit, Python ints otherwise), so that every
    comparison is exact. Float games: the float64 payoffs.
    """
    if game.is_exact:
        return as_integer_array(game.payoffs)[0]
    return game.payoffs


def _mask(P: np.ndarray, n_players: int, exact: bool) -> np.ndarray:
    """Profiles at which every player's payoff is a maximum along his own axis.

    Exact (integer) payoffs are compared exactly; float ties are allowed up
    to ``FLOAT_TOLERANCE`` times the player's largest absolute payoff (at
    least ``FLOAT_TOLERANCE``).
    """
    mask = None
    for i in range(n_players):
        u = P[..., i]
        best = u.max(axis=i, keepdims=True)
        if not exact:
            best = best - FLOAT_TOLERANCE * max(float(np.abs(u).max()), 1.0)
        ok = u >= best
        if ok.dtype != bool:  # Python-int (object) payoffs compare to an object array
            ok = ok.astype(bool)
        mask = ok if mask is None else mask & ok
    return mask


def _check_pure(game, P: np.ndarray, prof: tuple, tol: float) -> None:
    """Certificate of one pure profile: no player gains more than ``tol`` by any pure deviation.

    Each player's payoffs against the others' fixed strategies are read off
    ``P`` along his own axis and compared with his payoff at ``prof``
    (exactly when ``tol == 0``).
    """
    for i in range(game.n_players):
        line = P[prof[:i] + (slice(None),) + prof[i + 1:] + (i,)]
        gain = line.max() - line[prof[i]]
        if gain > tol:
            scaled = " (payoffs scaled to integers)" if game.is_exact else ""
            raise GameError(f"pure_equilibria(): player {game.players[i]!r} gains {gain}{scaled} by deviating "
                            f"from the pure profile {prof}")


def pure_equilibrium_mask(game) -> np.ndarray:
    """Boolean array of shape ``game.shape``: which pure profiles are equilibria.

    Numeric games only. Exact games are compared exactly (as integers over
    the payoffs' common denominator); float games allow a tolerance of
    ``games.values.FLOAT_TOLERANCE`` (1e-9) times the player's largest
    absolute payoff (at least 1e-9) in the best-response test.

    Parameters
    ----------
    game : NormalFormGame
        A numeric game.

    Returns
    -------
    numpy.ndarray of bool

    Raises
    ------
    UnsupportedGame
        For a symbolic game.

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
    return _mask(_comparable_payoffs(game), game.n_players, game.is_exact)


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
    player ``i`` and strategy ``t`` [1]_. Numeric games evaluate this for
    every profile at once with one maximum per player along that player's
    axis (exact games on their payoffs scaled to integers); each profile
    found is then certified on its own by reading every player's deviation
    payoffs off the array (exactly, or within the float regret tolerance).
    Symbolic games: the simplified condition of each profile is proved (one
    validity question to the condition engine) to imply every "no profitable
    deviation" inequality.

    References
    ----------
    .. [1] J. Nash (1951), "Non-cooperative games", *Annals of Mathematics*
       54(2): 286-295.

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
    check_rational_payoffs(game, "pure_equilibria")
    if time_limit is not None:
        from solvers.limits import run_limited

        return run_limited(pure_equilibria, game, time_limit=time_limit, name="pure_equilibria()",
                           advice="for a symbolic game, substitute numbers with game.subs(point); "
                                  "a numeric game of this size needs a longer limit")
    if game.is_symbolic:
        return _pure_symbolic(game)
    P = _comparable_payoffs(game)
    tol = 0 if game.is_exact else float_tol(game)  # the regret tolerance of every float equilibrium
    eqs = []
    for prof in np.argwhere(_mask(P, game.n_players, game.is_exact)).tolist():
        prof = tuple(prof)
        _check_pure(game, P, prof, tol)
        eqs.append(_pure_eq(game, prof, sympy.true, verify=False))
    return make_set(eqs, game, method="pure", complete=True)


def _pure_eq(game, prof, condition, *, verify=True):
    exact = game.is_exact
    one, zero = (sympy.Integer(1), sympy.Integer(0)) if exact else (1.0, 0.0)
    profile = tuple(tuple(one if j == s else zero for j in range(k)) for s, k in zip(prof, game.shape))
    vals = game.payoffs[prof]
    payoffs = tuple(vals) if exact else tuple(float(v) for v in vals)
    return make_equilibrium(game, profile, payoffs, condition=condition, kind="pure",
                            method="pure", verify=verify)


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
        eqs.append(_pure_symbolic_eq(game, prof, cond, parts))
    return make_set(eqs, game, method="pure", complete=True)


def _pure_symbolic_eq(game, prof, cond, relations):
    """The equilibrium at ``prof`` under ``cond``, verified: ``cond`` implies every no-gain relation.

    ``relations`` are the undecided "no profitable deviation" inequalities
    of ``prof`` (the decided ones hold); one validity question settles them
    all. When the engine cannot decide it, the equilibrium is verified
    relation by relation (:meth:`Equilibrium.verify`, which warns about what
    it cannot prove).
    """
    if relations:
        ok = is_valid(sympy.Implies(cond, sympy.And(*relations)), game.space)
        if ok is False:
            raise GameError(f"pure_equilibria(): the condition {cond} does not imply that {prof} is an "
                            "equilibrium")
        if ok is None:
            return _pure_eq(game, prof, cond)
    return _pure_eq(game, prof, cond, verify=False)
