"""All equilibria of a nondegenerate 2x2 float game in closed form, exactly.

The general two-player path (:mod:`solvers.nash`) traverses both
best-response polytopes; a 2x2 game needs none of that. With no tie in a
column of the row player's payoffs and none in a row of the column
player's, the game is nondegenerate, and its equilibria are the pure
profiles that are strict best responses to each other and at most one
completely mixed profile, where each player makes the other indifferent
(the supports of a nondegenerate game have equal sizes). Float payoffs are
taken at their exact binary values, as on the general path: comparisons of
floats are exact, and the mixed profile is solved in integers (the payoffs
times their common power-of-two denominator), so each returned float is the
correct rounding of the exact value, the same floats the general path
returns.
"""

from __future__ import annotations

from games.errors import GameError
from solvers._support import float_equilibrium, make_set

_PURE = ((1.0, 0.0), (0.0, 1.0))


def two_by_two_float(game):
    """The EquilibriumSet of a 2x2 float game, or None when it is degenerate.

    Parameters
    ----------
    game : NormalFormGame
        Two players with two strategies each, float payoffs.

    Returns
    -------
    EquilibriumSet or None
        Every equilibrium (``complete=True``, ``degenerate=False``), ordered
        as :func:`solvers.nash.equilibria` orders them: pure ones first, by
        larger probabilities first; None when a player has two best
        responses to a pure strategy (the game is degenerate: the general
        path handles it), or when a mixed probability rounds to zero.

    Notes
    -----
    The closed forms: with ``q`` the column player's probability of her
    first strategy, the row player is indifferent at
    ``q = (a11 - a01) / (a00 - a01 - a10 + a11)``, and symmetrically for
    ``p`` (e.g. M. J. Osborne (2004), *An Introduction to Game Theory*,
    Oxford University Press, ch. 4).

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> g = NormalFormGame.from_bimatrix([[2.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 2.0]])
    >>> es = two_by_two_float(g)
    >>> [(e.kind, e.payoffs) for e in es]
    [('pure', (2.0, 1.0)), ('pure', (1.0, 2.0)), ('mixed', (0.6666666666666666, 0.6666666666666666))]
    >>> list(es)[2].profile[0]
    (0.6666666666666666, 0.3333333333333333)
    """
    (r0, r1) = game.payoffs.tolist()
    (a00, b00), (a01, b01) = r0
    (a10, b10), (a11, b11) = r1
    if a00 == a10 or a01 == a11 or b00 == b01 or b10 == b11:
        return None
    players, strategies, space = game.players, game.strategies, game.space
    # the best responses to each pure strategy (float comparisons are exact)
    top0, top1 = a00 > a10, a01 > a11  # row 0 is the best response to column 0 / column 1
    left0, left1 = b00 > b01, b10 > b11  # column 0 is the best response to row 0 / row 1
    eqs = []
    for i, j, a, b in ((0, 0, a00, b00), (0, 1, a01, b01), (1, 0, a10, b10), (1, 1, a11, b11)):
        if (top1 if j else top0) != i and (left1 if i else left0) != j:
            eqs.append(float_equilibrium((_PURE[i], _PURE[j]), (a, b), kind="pure",
                                         method="vertex_enumeration", players=players,
                                         strategies=strategies, space=space))
    # a completely mixed equilibrium exists exactly when each player's best response
    # switches with the other's strategy (each indifference has a solution in (0, 1))
    if top0 != top1 and left0 != left1:
        # solved in integers: each payoff times 2^k
        ratios = [v.as_integer_ratio() for v in (a00, a01, a10, a11, b00, b01, b10, b11)]
        k = max(den for _, den in ratios).bit_length() - 1
        A00, A01, A10, A11, B00, B01, B10, B11 = [num << (k - den.bit_length() + 1)
                                                  for num, den in ratios]
        dq, nq = A00 - A01 - A10 + A11, A11 - A01  # q = nq / dq, column 0's probability
        dp, np_ = B00 - B01 - B10 + B11, B11 - B10  # p = np_ / dp, row 0's probability
        if dq < 0:
            dq, nq = -dq, -nq
        if dp < 0:
            dp, np_ = -dp, -np_
        if not (0 < nq < dq and 0 < np_ < dp):  # (cannot happen: the signs above)
            raise GameError("equilibria(): internal: 2 x 2 mixed equilibrium off the simplex")
        x = (np_ / dp, (dp - np_) / dp)
        y = (nq / dq, (dq - nq) / dq)
        if 0.0 in x or 0.0 in y:  # a probability below float range: the general path merges it
            return None
        # each player is indifferent between her two strategies: both are best responses
        u = ((A00 * nq + A01 * (dq - nq)) / (dq << k), (B00 * np_ + B10 * (dp - np_)) / (dp << k))
        eqs.append(float_equilibrium((x, y), u, kind="mixed", method="vertex_enumeration",
                                     players=players, strategies=strategies, space=space))
    return make_set(eqs, game, method="vertex_enumeration",
                    components=tuple((c,) for c in range(len(eqs))))
