"""One equilibrium of a bimatrix game by the Lemke-Howson algorithm, in exact integer pivoting.

The best-response polytopes ``P = {x >= 0 : B^T x <= 1}`` and ``Q = {y >= 0 :
A y <= 1}`` (positive payoffs) are pivoted in two fraction-free integer
tableaux (:class:`solvers.lemke.Tableau`). Starting from the artificial
equilibrium ``(0, 0)``, the label ``k`` is dropped; the variable that leaves
one tableau has a label the other tableau then picks up, alternately, until
the missing label returns [1]_. Ties in the ratio test are broken by the
lexicographic rule (the right-hand side perturbed by the slack columns), so
the path never cycles, also on degenerate games [2]_; every decision is
made in integers, so the end point is an exact equilibrium, which the caller
certifies.

References
----------
.. [1] C. E. Lemke and J. T. Howson (1964), "Equilibrium points of bimatrix
   games", *Journal of the Society for Industrial and Applied Mathematics*
   12: 413-423.
.. [2] B. von Stengel (2002), "Computing equilibria for two-person games",
   in *Handbook of Game Theory* vol. 3, ch. 45, secs. 2.4-2.6 (integer
   pivoting, the lexicographic rule).
"""

from __future__ import annotations

from solvers.lemke import Tableau

__all__ = ["lemke_howson"]


def lemke_howson(Ai, Bi, dropped_label: int = 0, *, deadline=None):
    """The end of the Lemke-Howson path of ``dropped_label``, exactly.

    Parameters
    ----------
    Ai, Bi : list of list of int
        Positive payoff matrices (m x n) of the row and the column player
        (e.g. :func:`solvers._support.integer_matrix` of a game's payoffs:
        a positive affine transform keeps the equilibria).
    dropped_label : int
        ``0 <= k < m + n``: a strategy of the row player (``k < m``) or of
        the column player (``m + k``).
    deadline : solvers.limits.Deadline, optional
        Checked at every pivot.

    Returns
    -------
    (x, y)
        The equilibrium strategies as ``(numerators, total)`` pairs
        (``x_i = numerators[i] / total``), the form
        :func:`solvers._support.integer_regret_check` certifies.

    Raises
    ------
    TypeError
        For entries that are not ints (floats and Fractions must be scaled
        exactly first).
    ValueError
        For a label outside ``range(m + n)``, a matrix that is not a
        positive rectangular one, or matrices of different shapes.
    TimeLimitExceeded
        When ``deadline`` passes (the path can be exponentially long:
        Savani and von Stengel 2006).

    Examples
    --------
    The battle of the sexes (payoffs plus one): dropping label 0 leads to
    the pure equilibrium where both choose the first strategy.

    >>> lemke_howson([[3, 1], [1, 2]], [[2, 1], [1, 3]], 0)
    (((1, 0), 1), ((1, 0), 1))
    >>> x, y = lemke_howson([[2, 1], [1, 2]], [[1, 2], [2, 1]], 1)  # matching pennies
    >>> [a / x[1] for a in x[0]], [b / y[1] for b in y[0]]
    ([0.5, 0.5], [0.5, 0.5])
    """
    import numbers

    from games.errors import fmt_error
    from solvers.limits import TimeLimitExceeded

    func = "lemke_howson"
    for name, M in (("Ai", Ai), ("Bi", Bi)):
        try:
            rows = [list(r) for r in M]
        except TypeError:
            raise TypeError(fmt_error(func, name, "a matrix (a list of rows of ints)", M)) from None
        if not rows or not rows[0] or any(len(r) != len(rows[0]) for r in rows):
            raise ValueError(fmt_error(func, name, "a non-empty rectangular matrix", M))
        bad = next((v for r in rows for v in r
                    if isinstance(v, bool) or not isinstance(v, numbers.Integral)), None)
        if bad is not None:
            raise TypeError(fmt_error(func, name, "a matrix of ints (scale Fractions or floats "
                                      "exactly first, e.g. solvers._support.integer_matrix)", bad))
        if min(min(r) for r in rows) <= 0:
            raise ValueError(fmt_error(func, name, "a matrix of positive ints",
                                       min(min(r) for r in rows)))
    m, n = len(Ai), len(Ai[0])
    if (len(Bi), len(Bi[0])) != (m, n):
        raise ValueError(fmt_error(func, "Bi", f"a {m}x{n} matrix like Ai",
                                   f"a {len(Bi)}x{len(Bi[0])} matrix"))
    if isinstance(dropped_label, bool) or not isinstance(dropped_label, numbers.Integral) \
            or not 0 <= dropped_label < m + n:
        raise ValueError(fmt_error(func, "dropped_label", f"an int in range({m + n})",
                                   dropped_label))
    dropped_label = int(dropped_label)
    Ai = [[int(v) for v in r] for r in Ai]
    Bi = [[int(v) for v in r] for r in Bi]
    # P: B^T x + s = 1 (n rows); column c is x_c (label c < m) or s_{c-m} (label c): column = label
    P = Tableau([[Bi[i][j] for i in range(m)] + [int(j == k) for k in range(n)] for j in range(n)],
                [1] * n, basis=[m + j for j in range(n)])
    # Q: A y + r = 1 (m rows); column c < n is y_c (label m + c), column n + i is r_i (label i)
    Q = Tableau([[Ai[i][j] for j in range(n)] + [int(i == k) for k in range(m)] for i in range(m)],
                [1] * m, basis=[n + i for i in range(m)])

    def q_column(label: int) -> int:
        return n + label if label < m else label - m

    def q_label(col: int) -> int:
        return col - n if col >= n else m + col

    k = dropped_label
    in_p = k < m  # the first entering variable: x_k in P, or y_{k-m} in Q
    label = k
    pivots = 0
    while True:
        if deadline is not None and deadline.passed():
            raise TimeLimitExceeded(f"lemke_howson(): time limit of {deadline.time_limit} s reached "
                                    f"after {pivots} pivots", (), deadline.time_limit)
        tab, col = (P, label) if in_p else (Q, q_column(label))
        rows = tab.min_ratio_rows(col)
        if not rows:  # cannot happen: both polytopes are bounded
            raise ArithmeticError("lemke_howson(): internal: unbounded edge")
        leaving = tab.pivot_in(col, rows[0])
        pivots += 1
        label = leaving if in_p else q_label(leaving)
        if label == k:
            break
        in_p = not in_p  # the duplicate label enters the other polytope
    x = [int(P.T[P.row_of[i], -1]) if i in P.row_of else 0 for i in range(m)]
    y = [int(Q.T[Q.row_of[j], -1]) if j in Q.row_of else 0 for j in range(n)]
    return (tuple(x), sum(x)), (tuple(y), sum(y))
