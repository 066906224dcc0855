"""Exact vertex enumeration of ``{z >= 0 : K z <= L}`` by lexicographic integer pivoting.

The kernel of :mod:`solvers.vertex_enumeration` (which validates input and
wraps the vertices): a depth-first traversal of the lexico-feasible bases
of the fraction-free tableau, so each vertex of a degenerate polytope is
found once without cycling (Avis and Fukuda 1992; the lexicographic rule
of Dantzig, Orden and Wolfe 1955).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from games.errors import UnsupportedGame, fmt_error

__all__ = ["lexicographic_traversal"]

# Depth of the traversal up to which parent tableaux are kept for backtracking.
_SNAPSHOT_DEPTH = 256


def _as_vertices(found: list, d: int) -> tuple[Any, ...]:
    # the vertices found so far, as PolytopeVertex, for TimeLimitExceeded.partial
    from solvers.vertex_enumeration import PolytopeVertex

    return tuple(PolytopeVertex(num, den, lab, d) for lab, num, den in found)


def lexicographic_traversal(K: list[list[int]], L: list[int], deadline, max_bases: int,
                            keep: bool = True) -> Iterator[tuple[int, tuple[int, ...], int]]:
    """Yield each vertex of ``{z >= 0 : K z <= L}`` once, as ``(labels, numerators, denominator)``.

    ``K`` a (p, d) list of lists of nonnegative ints with a positive entry
    in every column, ``L`` p positive ints (unchecked). The origin comes
    first. ``keep=False``: the vertices are not held for
    ``TimeLimitExceeded.partial`` (memory per vertex: its basis key and
    label mask only). Raises UnsupportedGame past ``max_bases`` bases and
    TimeLimitExceeded when ``deadline`` passes.
    """
    # Dictionary form of the fraction-free tableau: row i holds the basic
    # variable basis[i]; its entries are [rhs, the columns of the nonbasic
    # variables cobasis[0..d-1]], all over the common denominator D. The
    # columns of basic variables (D times a unit vector) are not stored.
    p, d = len(K), len(K[0])
    M = [[L[j]] + list(K[j]) for j in range(p)]
    D = 1
    basis = [d + j for j in range(p)]
    cobasis = list(range(d))
    row_of = [-1] * d + list(range(p))  # row of a basic variable, -1 if nonbasic
    pos_of = list(range(d)) + [-1] * p  # position of a nonbasic variable, -1 if basic
    key = sum(1 << v for v in basis)
    visited = {key}
    seen_labels: set[int] = set()
    check = deadline is not None and getattr(deadline, "at", None) is not None
    rows = range(p)
    every = (1 << (d + p)) - 1

    def time_up():
        from solvers.limits import TimeLimitExceeded

        raise TimeLimitExceeded(
            f"iter_polytope_vertices(): time limit of {deadline.time_limit} s reached after "
            f"{n_bases} bases", partial=_as_vertices(found, d), time_limit=deadline.time_limit)

    def lex_less(i: int, a: int, k: int, b: int) -> bool:
        # row i / a < row k / b lexicographically over the columns of B^-1
        # (the slack columns, in order), after equal right-hand sides
        Mi, Mk = M[i], M[k]
        for j in range(d, d + p):
            c = pos_of[j]
            if c >= 0:
                x, y = Mi[c + 1] * b, Mk[c + 1] * a
            else:
                rj = row_of[j]
                x = D * b if rj == i else 0
                y = D * a if rj == k else 0
            if x != y:
                return x < y
        raise ArithmeticError("iter_polytope_vertices(): internal: singular basis")

    def pivot(r: int, c: int) -> None:
        # a new row list (rows are never mutated, so the parent's tableau,
        # kept on the stack, stays valid and shares its unchanged rows)
        nonlocal D, M
        cc = c + 1
        Mr = M[r]
        piv = Mr[cc]
        out = []
        for i, Mi in enumerate(M):
            # one pivot of a large tableau of large integers can outlast a time limit
            if check and i & 15 == 15 and deadline.passed():
                time_up()
            f = Mi[cc]
            if i == r:
                row = list(Mr)
                row[cc] = D
            elif f:
                if D == 1:
                    row = [x * piv - f * y for x, y in zip(Mi, Mr)]
                else:
                    row = [(x * piv - f * y) // D for x, y in zip(Mi, Mr)]
                row[cc] = -f
            elif piv != D:
                row = [x * piv // D for x in Mi]
            else:
                row = Mi
            out.append(row)
        M = out
        D = piv
        e, lv = cobasis[c], basis[r]
        basis[r], cobasis[c] = e, lv
        row_of[e], pos_of[e] = r, -1
        row_of[lv], pos_of[lv] = -1, c

    # the origin: every coordinate zero, every constraint slack (L > 0)
    first = ((1 << d) - 1, (0,) * d, 1)
    seen_labels.add(first[0])
    found: list = [first]
    yield first
    # depth-first over the lexico-feasible bases; a frame is [the position not
    # to try (the way back to the parent; -1 at the root), next position, the
    # parent's (M, D, key, row, position)]
    stack: list[list] = [[-1, 0, None]]
    n_bases = 1
    while stack:
        frame = stack[-1]
        c = frame[1]
        if c == frame[0]:
            c += 1
        if c < d:
            frame[1] = c + 1
            # the ratio test for the column at tableau position cc: the smallest
            # rhs / entry over the positive entries, ties broken lexicographically
            cc = c + 1
            r, r0, b = -1, 0, 0
            for i in rows:
                Mi = M[i]
                a = Mi[cc]
                if a > 0:
                    if r < 0:
                        r, r0, b = i, Mi[0], a
                        continue
                    lhs = Mi[0] * b
                    rhs = r0 * a
                    if lhs < rhs or (lhs == rhs and lex_less(i, a, r, b)):
                        r, r0, b = i, Mi[0], a
            if r < 0:  # cannot happen for a bounded polytope
                raise ArithmeticError("iter_polytope_vertices(): internal: unbounded edge")
            nkey = key ^ (1 << basis[r]) ^ (1 << cobasis[c])
            if nkey in visited:
                continue
            n_bases += 1
            if n_bases > max_bases:
                raise UnsupportedGame(fmt_error(
                    "iter_polytope_vertices", "max_bases", "large enough for this polytope",
                    f"{max_bases} bases visited before the traversal finished"))
            if check and deadline.passed():
                time_up()
            visited.add(nkey)
            # near the root keep the parent's tableau (backtracking for free);
            # deeper, pivot back instead (memory bounded by _SNAPSHOT_DEPTH tableaux)
            parent = (M, D, key, r, c) if len(stack) < _SNAPSHOT_DEPTH else (None, 0, key, r, c)
            pivot(r, c)
            key = nkey
            # the new vertex: labelled by its nonbasic variables and its basic ones at zero
            lab = every ^ key
            num = [0] * d
            for i, u in enumerate(basis):
                b = M[i][0]
                if not b:
                    lab |= 1 << u
                elif u < d:
                    num[u] = b
            if lab not in seen_labels:  # (a degenerate vertex has several bases)
                seen_labels.add(lab)
                v = (lab, tuple(num), D)
                if keep:
                    found.append(v)
                yield v
            # position c now holds the variable that left: entering it leads back
            stack.append([c, 0, parent])
        else:
            stack.pop()
            back = frame[2]
            if back is None:
                continue
            Mp, Dp, key, r, c = back
            if Mp is None:  # integer pivoting is exactly reversible
                pivot(r, c)
            else:  # restore the parent's tableau and basis
                M, D = Mp, Dp
                e, lv = basis[r], cobasis[c]
                basis[r], cobasis[c] = lv, e
                row_of[lv], pos_of[lv] = r, -1
                row_of[e], pos_of[e] = -1, c
