"""Exact complementary pivoting: an integer tableau, Lemke's algorithm and vertex enumeration.

The tableau holds ``|det B| * B^{-1} [M | b]`` for the current basis ``B`` of
an integer system ``M z = b`` (fraction-free "integer pivoting": every entry
is a minor of the original matrix, so divisions are exact and numbers stay
as small as they can). Variables may be *free* (never leave the basis).
Degeneracy is resolved lexicographically (the right-hand side perturbed by
the columns of the starting basis), so Lemke's algorithm never cycles.

References
----------
.. [1] C. E. Lemke, "Bimatrix equilibrium points and mathematical
   programming", Management Science 11 (1965) 681-689.
.. [2] B. von Stengel, "Computing equilibria for two-person games", in
   Handbook of Game Theory vol. 3, ch. 45 (2002): integer pivoting and the
   lexicographic rule.
.. [3] D. Avis and K. Fukuda, "A pivoting algorithm for convex hulls and
   vertex enumeration of arrangements and polyhedra", Discrete Comput.
   Geom. 8 (1992) 295-313: the feasible bases of a polyhedron are connected
   by pivots.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

import numpy as np

from games.errors import GameError
from solvers.limits import Deadline, TimeLimitExceeded

__all__ = ["Tableau", "lemke", "feasible_bases"]


class Tableau:
    """A fraction-free integer tableau of ``M z = b`` in canonical form for a basis.

    Parameters
    ----------
    M : sequence of sequences of int, shape (n_rows, n_cols)
    b : sequence of int, shape (n_rows,)
    basis : sequence of int
        ``n_rows`` column indices forming a nonsingular basis.
    free : iterable of int, optional
        Columns of free variables (no sign constraint; never leave the basis).

    Raises
    ------
    GameError
        When ``basis`` is singular.

    Examples
    --------
    >>> t = Tableau([[1, 1, 1, 0], [1, -1, 0, 1]], [4, 2], basis=[2, 3])
    >>> t.pivot_in(0, t.row_of[3])      # z_0 enters in row 2, whose slack (column 3) leaves
    3
    >>> t.values()
    {2: Fraction(2, 1), 0: Fraction(2, 1)}
    """

    def __init__(self, M, b, basis: Sequence[int], free=()) -> None:
        M = np.asarray([[int(v) for v in row] for row in M], dtype=object)
        n, k = M.shape
        T = np.empty((n, k + 1), dtype=object)
        T[:, :k] = M
        T[:, k] = [int(v) for v in b]
        self.T = T
        self.det = 1
        self.n_cols = k
        self.free = frozenset(free)
        self.basic: list[int | None] = [None] * n
        self.row_of: dict[int, int] = {}
        for c in basis:
            rows = [i for i in range(n) if self.basic[i] is None and T[i, c] != 0]
            if not rows:
                raise GameError("Tableau(): the starting basis is singular")
            self._pivot(rows[0], c)
        self.lex_cols = [self.basic[i] for i in range(n)]

    def _pivot(self, r: int, s: int) -> None:
        T = self.T
        det = self.det
        piv = T[r, s]
        col = T[:, s]
        nz = np.flatnonzero(col != 0)
        nz = nz[nz != r]
        old = T[r].copy()
        if len(nz):
            c = T[nz, s].copy()
            T[nz] = (piv * T[nz] - np.outer(c, old)) // det
        if piv != det:
            rest = np.ones(len(T), dtype=bool)
            rest[nz] = False
            rest[r] = False
            idx = np.flatnonzero(rest)
            if len(idx):
                T[idx] = (piv * T[idx]) // det
        self.det = piv
        if piv < 0:
            np.negative(T, out=T)
            self.det = -piv
        leaving = self.basic[r]
        if leaving is not None:
            del self.row_of[leaving]
        self.basic[r] = s
        self.row_of[s] = r

    def pivot_in(self, s: int, r: int) -> int | None:
        """Column ``s`` enters the basis in row ``r``; return the variable that left."""
        leaving = self.basic[r]
        self._pivot(r, s)
        return leaving

    def value(self, c: int) -> Fraction:
        """The value of variable ``c`` in the basic solution."""
        r = self.row_of.get(c)
        return Fraction(0) if r is None else Fraction(int(self.T[r, -1]), int(self.det))

    def values(self) -> dict[int, Fraction]:
        """Values of the basic variables."""
        return {c: Fraction(int(self.T[r, -1]), int(self.det)) for c, r in self.row_of.items()}

    def _lex_less(self, i: int, a: int, k: int, b: int) -> bool:
        """Whether row i's lex vector divided by a is lexicographically below row k's divided by b (a, b > 0)."""
        T = self.T
        for c in (-1, *self.lex_cols):
            x, y = T[i, c] * b, T[k, c] * a
            if x != y:
                return x < y
        return False

    def min_ratio_rows(self, s: int, *, lexicographic: bool = True) -> list[int]:
        """Rows that may leave when column ``s`` enters (ratio test over sign-constrained rows).

        With ``lexicographic`` one row (the lexicographic minimum); otherwise
        every row attaining the minimum ratio. Empty when the edge is unbounded.
        """
        T = self.T
        cand = [i for i in range(len(self.basic)) if T[i, s] > 0 and self.basic[i] not in self.free]
        if not cand:
            return []
        best = [cand[0]]
        for i in cand[1:]:
            j = best[0]
            x, y = T[i, -1] * T[j, s], T[j, -1] * T[i, s]
            if x < y:
                best = [i]
            elif x == y:
                best.append(i)
        if not lexicographic or len(best) == 1:
            return best
        win = best[0]
        for i in best[1:]:
            if self._lex_less(i, T[i, s], win, T[win, s]):
                win = i
        return [win]


def lemke(tableau: Tableau, z0: int, complement: dict[int, int], *,
          deadline: Deadline | None = None, max_pivots: int = 10**6) -> int:
    """Run Lemke's algorithm on a tableau whose basis is complementary but infeasible.

    ``z0`` (the artificial variable, nonbasic) enters; the leaving variable
    is the lexicographically most infeasible covered row. Then the
    complement of each leaving variable enters, until ``z0`` leaves.

    Parameters
    ----------
    tableau : Tableau
        Complementary starting basis; rows with a negative value must have a
        negative entry in column ``z0`` (they are covered).
    z0 : int
        Column of the artificial variable.
    complement : dict
        Column -> column of its complementary variable (both directions).
    deadline : Deadline, optional
    max_pivots : int

    Returns
    -------
    int
        The number of pivots.

    Raises
    ------
    GameError
        On ray termination or an uncovered infeasible start.
    TimeLimitExceeded
        When the deadline passes.

    Examples
    --------
    A 1x1 LCP ``w = -1 + 2 z``, ``w z = 0``: columns (w, z, z0), ``w - 2 z - z0 = -1``.

    >>> t = Tableau([[1, -2, -1]], [-1], basis=[0])
    >>> lemke(t, 2, {0: 1, 1: 0})
    2
    >>> t.value(1)
    Fraction(1, 2)
    """
    T = tableau.T
    n = len(tableau.basic)
    # the starting pivot: z0 at the (lexicographically) largest ratio over covered rows
    cover = [i for i in range(n) if T[i, z0] < 0 and tableau.basic[i] not in tableau.free]
    for i in range(n):
        if tableau.basic[i] not in tableau.free and T[i, z0] >= 0 and T[i, -1] < 0:
            raise GameError("lemke(): an infeasible row is not covered by the covering vector")
    if all(T[i, -1] >= 0 for i in cover):
        return 0  # the start is already a solution
    # z0 = max_i rhs_i / T[i, z0] over covered rows: the lexicographic minimum of rhs_i / |T[i, z0]|
    r = cover[0]
    for i in cover[1:]:
        if tableau._lex_less(i, -T[i, z0], r, -T[r, z0]):
            r = i
    leaving = tableau.pivot_in(z0, r)
    pivots = 1
    while True:
        if deadline is not None and deadline.passed():
            raise TimeLimitExceeded(f"lemke() stopped at its time_limit of {deadline.time_limit:g} s",
                                    (), deadline.time_limit)
        if pivots > max_pivots:
            raise GameError(f"lemke(): more than {max_pivots} pivots")
        s = complement[leaving]
        rows = tableau.min_ratio_rows(s)
        if not rows:
            raise GameError("lemke(): ray termination (no complementary solution reached)")
        leaving = tableau.pivot_in(s, rows[0])
        pivots += 1
        if leaving == z0:
            return pivots


def feasible_bases(tableau: Tableau, columns: Sequence[int], *, deadline: Deadline | None = None,
                   max_bases: int = 200_000):
    """Yield every feasible basis reachable by pivots from a feasible starting basis.

    Depth-first search over the graph of feasible bases (entering columns
    from ``columns``, each leaving row among the minimum-ratio ties); the
    graph of feasible bases of a pointed polyhedron is connected, so every
    vertex is reached. At each yield the tableau is in canonical form for
    the basis yielded.

    Yields
    ------
    frozenset
        The basic variables.

    Raises
    ------
    TimeLimitExceeded, GameError
        At the deadline or after ``max_bases`` bases (``GameError``).

    Examples
    --------
    The square ``0 <= z1, z2 <= 1`` (slacks s1, s2) has 4 vertices, one basis each:

    >>> t = Tableau([[1, 0, 1, 0], [0, 1, 0, 1]], [1, 1], basis=[2, 3])
    >>> len(list(feasible_bases(t, [0, 1, 2, 3])))
    4
    """
    seen = {frozenset(tableau.row_of)}
    yield frozenset(tableau.row_of)
    cols = list(columns)

    def moves():
        out = []
        for s in cols:
            if s in tableau.row_of:
                continue
            for r in tableau.min_ratio_rows(s, lexicographic=False):
                out.append((s, r))
        return out

    stack = [(None, moves())]
    while stack:
        back, pending = stack[-1]
        if not pending:
            stack.pop()
            if back is not None:
                tableau.pivot_in(*back)
            continue
        s, r = pending.pop()
        new = frozenset(tableau.row_of) - {tableau.basic[r]} | {s}
        if new in seen:
            continue
        if deadline is not None and deadline.passed():
            raise TimeLimitExceeded(f"feasible_bases() stopped at its time_limit of {deadline.time_limit:g} s",
                                    (), deadline.time_limit)
        if len(seen) >= max_bases:
            raise GameError(f"feasible_bases(): more than {max_bases} feasible bases")
        left = tableau.pivot_in(s, r)
        seen.add(new)
        yield new
        stack.append(((left, r), moves()))
