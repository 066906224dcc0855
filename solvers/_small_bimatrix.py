"""All equilibria of small nondegenerate bimatrix games in closed form, exactly.

The general two-player path (:mod:`solvers.nash`) traverses both
best-response polytopes; games with at most three strategies per player
need none of that. Such a game is nondegenerate (no mixed strategy has more
pure best responses than its support has strategies, von Stengel 2007) when
no pure strategy has two best responses and no mixture of two strategies
makes all three of the other player's strategies best responses; then every
equilibrium has supports of equal size, and each one is found by solving
the indifference conditions on a pair of supports and checking the other
strategies (support enumeration; B. von Stengel (2007), "Equilibrium
computation for two-player games in strategic and extensive form", in
*Algorithmic Game Theory*, Cambridge University Press, ch. 3, Alg. 3.4).
All of it is exact: float payoffs are taken at their exact binary values
(comparisons of floats are exact; everything else is computed in integers,
the payoffs times their common power-of-two denominator), so each returned
float is the correct rounding of the exact value, the same floats the
general path returns. A degenerate game is left to the general path.

In a 2 x 2 game the mixed equilibrium exists exactly when each player's
best response switches with the other's pure strategy (e.g. M. J. Osborne
(2004), *An Introduction to Game Theory*, Oxford University Press, ch. 4):
:func:`two_by_two_points` (on the integer transforms of exact and float
games) and :func:`two_by_two_float` use that shortcut;
:func:`small_bimatrix_float` handles the other shapes up to 3 x 3.
"""

from __future__ import annotations

from operator import mul

from games.errors import GameError
from solvers._support import binary_integers, float_equilibrium, make_set, profile_sort_key

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


def two_by_two_mixture(A00, A01, A10, A11, B00, B01, B10, B11):
    """``(nx, dx), (ny, dy)``: row 0 played with ``nx / dx``, column 0 with ``ny / dy`` (integers).

    The indifference probabilities ``x0 = (b11 - b10) / (b00 - b01 - b10 + b11)``
    and ``y0 = (a11 - a01) / (a00 - a01 - a10 + a11)`` of a 2 x 2 integer
    game, with positive denominators.

    Raises
    ------
    GameError
        Unless both lie strictly between 0 and 1 (callers know they do).

    Examples
    --------
    Battle of the sexes: row 0 with probability 2/3, column 0 with 1/3.

    >>> two_by_two_mixture(2, 0, 0, 1, 1, 0, 0, 2)
    ((2, 3), (1, 3))
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
        (nx, dx), (ny, dy) = two_by_two_mixture(*Ai[0], *Ai[1], *Bi[0], *Bi[1])
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
    # (+ 0.0: a payoff of -0.0 is the exact 0, rounded to 0.0 as on the general path)
    eqs = [float_equilibrium((_PURE[i], _PURE[j]), tuple(v + 0.0 for v in (r1 if i else r0)[j]),
                             kind="pure", method="vertex_enumeration", players=players,
                             strategies=strategies, space=space) for i, j in pure]
    if mixed:
        # in integers: each payoff times 2^k, their common denominator
        ints, k = binary_integers([a00, a01, a10, a11, b00, b01, b10, b11])
        (nx, dx), (ny, dy) = two_by_two_mixture(*ints)
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


def _pairs(k):
    """``(i1, i2, others)`` for each pair of ``k`` (at most 3) strategies."""
    return tuple((i1, i2, tuple(i for i in range(k) if i not in (i1, i2)))
                 for i1 in range(k) for i2 in range(i1 + 1, k))


_PAIRS = {2: _pairs(2), 3: _pairs(3)}


def _cross(u, w):
    return (u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0])


def _positive(v):
    """``v`` or ``-v`` when all its entries are nonzero of one sign, else None."""
    p, q, r = v
    if p > 0 and q > 0 and r > 0:
        return v
    if p < 0 and q < 0 and r < 0:
        return (-p, -q, -r)
    return None


def _pair_mixtures(M, rows, cols):
    """The opponent's two-strategy mixtures that make two of a player's strategies best responses.

    ``M[r][c]``: the player's payoffs (integers), rows her strategies;
    ``rows``, ``cols``: :data:`_PAIRS` of each side. For each pair ``r1, r2``
    and each opponent pair ``c1, c2``, the mixture ``(w1, w2)`` on ``c1, c2``
    (positive integers, probabilities ``w / (w1 + w2)``) that makes ``r1``
    and ``r2`` indifferent, kept when no other row is better, with the
    payoff ``v`` times ``w1 + w2``: ``{(r1, r2, c1, c2): (w1, w2, v)}``.
    None when another row is exactly as good (three best responses to a
    mixture of two: the game is degenerate).
    """
    out = {}
    for r1, r2, others in rows:
        M1, M2 = M[r1], M[r2]
        for c1, c2, _ in cols:
            d1, d2 = M1[c1] - M2[c1], M1[c2] - M2[c2]
            if (d1 > 0) == (d2 > 0) or not d1 or not d2:
                continue  # no mixture of c1, c2 with both positive makes r1, r2 indifferent
            w1, w2 = (d2, -d1) if d2 > 0 else (-d2, d1)
            v = M1[c1] * w1 + M1[c2] * w2
            worse = True  # every other row worse off (at most one other: 3 strategies)
            for r3 in others:
                w = M[r3][c1] * w1 + M[r3][c2] * w2
                if w == v:
                    return None
                worse = worse and w < v
            if worse:
                out[r1, r2, c1, c2] = (w1, w2, v)
    return out


def small_bimatrix_float(game):
    """The EquilibriumSet of an m x n float game with 2 <= m, n <= 3, or None when degenerate.

    Parameters
    ----------
    game : NormalFormGame
        Two players with two or three strategies each, float payoffs.

    Returns
    -------
    EquilibriumSet or None
        Every equilibrium (``complete=True``, ``degenerate=False``), ordered
        as :func:`solvers.nash.equilibria` orders them; None, for the
        general path to handle, when the game is degenerate (a tie at a best
        response, or three best responses to a mixture of two strategies),
        when the full-support indifference equations of a 3 x 3 game are
        underdetermined (not necessarily degenerate: deferred to be safe),
        or when a mixed probability rounds to zero.

    Examples
    --------
    Rock-paper-scissors: the unique equilibrium is uniform.

    >>> from games.normal_form import NormalFormGame
    >>> A = [[0.0, -1.0, 1.0], [1.0, 0.0, -1.0], [-1.0, 1.0, 0.0]]
    >>> es = small_bimatrix_float(NormalFormGame.from_bimatrix(A, [[-v for v in r] for r in A]))
    >>> [(e.profile, e.payoffs) for e in es]
    [(((0.3333333333333333, 0.3333333333333333, 0.3333333333333333), (0.3333333333333333, 0.3333333333333333, 0.3333333333333333)), (0.0, 0.0))]
    """
    m, n = game.shape
    # each payoff times 2^k, their common denominator, in the order a00, b00, a01, ...
    ints, k = binary_integers(game.payoffs.ravel().tolist())
    a = [ints[2 * n * i:2 * n * (i + 1):2] for i in range(m)]
    b = [ints[2 * n * i + 1:2 * n * (i + 1):2] for i in range(m)]
    found = []  # (x, y, u1, u2): x, y as {strategy: numerator}, total; u as (numerator, total)
    # one strategy each: strict mutual best responses (a tie at a maximum is degenerate)
    br1 = []
    for col in zip(*a):
        top = max(col)
        if col.count(top) > 1:
            return None
        br1.append(col.index(top))
    for i in range(m):
        top = max(b[i])
        if b[i].count(top) > 1:
            return None
        j = b[i].index(top)
        if br1[j] == i:
            found.append((({i: 1}, 1), ({j: 1}, 1), (a[i][j], 1), (b[i][j], 1)))
    # two strategies each: the mixture on one side making the other side's pair
    # indifferent, and no third strategy better (as good: degenerate)
    ys = _pair_mixtures(a, _PAIRS[m], _PAIRS[n])  # (i1, i2, j1, j2) -> column player's mixture
    xs = _pair_mixtures(list(zip(*b)), _PAIRS[n], _PAIRS[m])  # (j1, j2, i1, i2) -> row player's
    if ys is None or xs is None:
        return None
    for (i1, i2, j1, j2), (y1, y2, u) in ys.items():
        if (j1, j2, i1, i2) in xs:
            x1, x2, v = xs[j1, j2, i1, i2]
            tx, ty = x1 + x2, y1 + y2
            found.append((({i1: x1, i2: x2}, tx), ({j1: y1, j2: y2}, ty), (u, ty), (v, tx)))
    if m == n == 3:  # three strategies each: the rows' (columns') differences' cross product
        (a0, a1, a2), (b0, b1, b2) = a, zip(*b)
        y = _cross([p - q for p, q in zip(a0, a1)], [p - q for p, q in zip(a0, a2)])
        x = _cross([p - q for p, q in zip(b0, b1)], [p - q for p, q in zip(b0, b2)])
        if not any(y) or not any(x):
            return None  # underdetermined: more than one solution
        y, x = _positive(y), _positive(x)
        if y is not None and x is not None:
            tx, ty = sum(x), sum(y)
            found.append(((dict(enumerate(x)), tx), (dict(enumerate(y)), ty),
                          (sum(map(mul, a[0], y)), ty), (sum(b[i][0] * x[i] for i in range(3)), tx)))
    keyed = []
    for (row_mix, tx), (col_mix, ty), (u1, t1), (u2, t2) in found:
        # int / int: correctly rounded
        px = tuple(row_mix[i] / tx if i in row_mix else 0.0 for i in range(m))
        py = tuple(col_mix[j] / ty if j in col_mix else 0.0 for j in range(n))
        if px.count(0.0) + len(row_mix) != m or py.count(0.0) + len(col_mix) != n:
            return None  # a probability below float range: the general path merges it
        pays = (u1 / (t1 << k), u2 / (t2 << k))
        keyed.append((profile_sort_key((px, py)), (px, py), pays))
    keyed.sort()
    players, strategies, space = game.players, game.strategies, game.space
    # (two strategies in the supports together: both pure)
    eqs = [float_equilibrium(prof, pays, kind="pure" if key[0] == 2 else "mixed",
                             method="vertex_enumeration", players=players, strategies=strategies,
                             space=space) for key, prof, pays in keyed]
    return make_set(eqs, game, method="vertex_enumeration",
                    components=tuple((c,) for c in range(len(eqs))))
