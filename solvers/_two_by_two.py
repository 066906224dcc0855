"""All equilibria of a nondegenerate 2 x 2 game in closed form, exactly.

The general two-player path (:mod:`solvers.nash`) traverses both
best-response polytopes; a 2 x 2 game needs none of that. With no tie in a
column of the row player's payoffs and none in a row of the column
player's, the game is nondegenerate (a mixed strategy has only two pure
best responses to have), and its equilibria are the pure profiles of strict
mutual best responses and at most one completely mixed profile, where each
player makes the other indifferent; no equilibrium has one player mix and
the other not. The mixed profile exists exactly when each player's best
response switches with the other's pure strategy (each indifference
probability lies in (0, 1)). See e.g. M. J. Osborne (2004), *An
Introduction to Game Theory*, Oxford University Press, ch. 4.

Two entry points share these rules: :func:`two_by_two_points` for the
integer transforms of exact and float games (the form
:func:`solvers._support.extreme_equilibria_integer_points` returns), and
:func:`two_by_two_float`, which builds a float game's result directly:
comparisons of floats are exact, and the mixed profile is solved in
integers (the payoffs times their common power-of-two denominator), so each
returned float is the correct rounding of the exact value, as on the
general path.
"""

from __future__ import annotations

from games.errors import GameError
from solvers._support import float_equilibrium, make_set

_PURE = ((1.0, 0.0), (0.0, 1.0))


def _closed_form(a00, a01, a10, a11, b00, b01, b10, b11):
    """``(pure, mixed)``: the pure equilibria ``(i, j)`` in order and whether a mixed one exists.

    Any exactly comparable payoffs (ints, Fractions, floats); None when the
    game is degenerate.
    """
    if a00 == a10 or a01 == a11 or b00 == b01 or b10 == b11:
        return None
    top0, top1 = a00 > a10, a01 > a11  # row 0 is the best response to column 0 / column 1
    left0, left1 = b00 > b01, b10 > b11  # column 0 is the best response to row 0 / row 1
    pure = [(i, j) for i, j, top, left in ((0, 0, top0, left0), (0, 1, top1, left0),
                                           (1, 0, top0, left1), (1, 1, top1, left1))
            if top == (i == 0) and left == (j == 0)]
    return pure, top0 != top1 and left0 != left1


def _mixed(A00, A01, A10, A11, B00, B01, B10, B11):
    """``(nx, dx), (ny, dy)``: row 0 played with ``nx / dx``, column 0 with ``ny / dy`` (integers).

    The indifference probabilities ``x0 = (b11 - b10) / (b00 - b01 - b10 + b11)``
    and ``y0 = (a11 - a01) / (a00 - a01 - a10 + a11)``, with positive
    denominators; raises GameError unless both lie in (0, 1) (the caller
    has checked that they do).
    """
    dy, ny = A00 - A01 - A10 + A11, A11 - A01
    dx, nx = B00 - B01 - B10 + B11, B11 - B10
    if dy < 0:
        dy, ny = -dy, -ny
    if dx < 0:
        dx, nx = -dx, -nx
    if not (0 < ny < dy and 0 < nx < dx):
        raise GameError("equilibria(): internal: 2 x 2 mixed equilibrium off the simplex")
    return (nx, dx), (ny, dy)


def two_by_two_points(Ai, Bi, max_k):
    """The extreme equilibria of a nondegenerate 2 x 2 integer game, or None when degenerate.

    Parameters
    ----------
    Ai, Bi : list of list of int
        The payoff matrices (2 x 2) of the row and column player.
    max_k : int or None
        Only equilibria whose supports have at most this many strategies.

    Returns
    -------
    tuple or None
        ``(X, Y, pairs, degenerate, capped)`` as
        :func:`solvers._support.extreme_equilibria_integer_points` returns
        them (each strategy as ``(numerators, total)``); None for a
        degenerate game (left to the polytope traversal). The caller
        certifies every pair exactly.

    Examples
    --------
    >>> two_by_two_points([[2, 0], [0, 1]], [[1, 0], [0, 2]], None)
    ((((1, 0), 1), ((0, 1), 1), ((2, 1), 3)), (((1, 0), 1), ((0, 1), 1), ((1, 2), 3)), [(0, 0), (1, 1), (2, 2)], False, False)
    """
    found = _closed_form(*Ai[0], *Ai[1], *Bi[0], *Bi[1])
    if found is None:
        return None
    pure, mixed = found
    X = [((1, 0), 1), ((0, 1), 1)]
    Y = [((1, 0), 1), ((0, 1), 1)]
    pairs = list(pure)
    capped = mixed and max_k is not None and max_k < 2
    if mixed and not capped:
        (nx, dx), (ny, dy) = _mixed(*Ai[0], *Ai[1], *Bi[0], *Bi[1])
        X.append(((nx, dx - nx), dx))
        Y.append(((ny, dy - ny), dy))
        pairs.append((2, 2))
    used_x = sorted({i for i, _ in pairs})
    used_y = sorted({j for _, j in pairs})
    rx = {i: a for a, i in enumerate(used_x)}
    ry = {j: a for a, j in enumerate(used_y)}
    return (tuple(X[i] for i in used_x), tuple(Y[j] for j in used_y),
            sorted((rx[i], ry[j]) for i, j in pairs), False, capped)


def two_by_two_float(game):
    """The EquilibriumSet of a 2 x 2 float game, or None when it is degenerate.

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
    found = _closed_form(a00, a01, a10, a11, b00, b01, b10, b11)
    if found is None:
        return None
    pure, mixed = found
    players, strategies, space = game.players, game.strategies, game.space
    eqs = [float_equilibrium((_PURE[i], _PURE[j]), tuple((r1 if i else r0)[j]), kind="pure",
                             method="vertex_enumeration", players=players, strategies=strategies,
                             space=space) for i, j in pure]
    if mixed:
        # in integers: each payoff times 2^k, k from the largest denominator
        ratios = [v.as_integer_ratio() for v in (a00, a01, a10, a11, b00, b01, b10, b11)]
        k = max(den for _, den in ratios).bit_length() - 1
        ints = [num << (k - den.bit_length() + 1) for num, den in ratios]
        (nx, dx), (ny, dy) = _mixed(*ints)
        x = (nx / dx, (dx - nx) / dx)  # int / int: correctly rounded
        y = (ny / dy, (dy - ny) / dy)
        if 0.0 in x or 0.0 in y:  # a probability below float range: the general path merges it
            return None
        A00, A01, _, _, B00, _, B10, _ = ints
        # each player is indifferent between her two strategies: both are best responses
        u = ((A00 * ny + A01 * (dy - ny)) / (dy << k), (B00 * nx + B10 * (dx - nx)) / (dx << k))
        eqs.append(float_equilibrium((x, y), u, kind="mixed", method="vertex_enumeration",
                                     players=players, strategies=strategies, space=space))
    return make_set(eqs, game, method="vertex_enumeration",
                    components=tuple((c,) for c in range(len(eqs))))
