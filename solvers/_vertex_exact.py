"""The exact point of a vertex of ``{z >= 0 : K z <= L}`` given its label set.

The exact side of :mod:`solvers._vertex_float` and of the two-player
enumeration: a label set (mask) names the coordinates that are zero and the
constraints that are tight; the tight constraints are solved on the
support in integers (Cramer's rule up to 3 x 3, fraction-free elimination
with python-flint beyond) and, where asked, every other constraint is
checked strictly slack.
"""

from __future__ import annotations

from solvers.vertex_enumeration import PolytopeVertex

__all__ = ["vertex_point", "certified_numerators", "certify_mask", "exact_vertex", "tight_solution",
           "integer_solve", "cramer"]


def tight_solution(K, L, p, d, mask):
    """``(S, T, nums, den)``: the tight constraints ``T`` of ``mask`` solved on its support ``S``.

    ``z_S = nums / den`` solves ``K_TS z_S = L_T`` exactly (``den > 0``);
    None when the subsystem is not square or is singular.
    """
    S = [i for i in range(d) if not mask >> i & 1]
    T = [j for j in range(p) if mask >> (d + j) & 1]
    if len(S) != len(T):
        return None
    sol = integer_solve([[K[j][i] for i in S] for j in T], [L[j] for j in T])
    if sol is None:
        return None
    nums, den = sol
    return S, T, nums, den


def exact_vertex(K, L, p, d, mask):
    """The exact point of a mask the float certificate proved a vertex; None if contradicted."""
    sol = tight_solution(K, L, p, d, mask)
    if sol is None:
        return None
    S, _, nums, den = sol
    z = [0] * d
    for i, v in zip(S, nums):
        if v <= 0:
            return None
        z[i] = v
    return PolytopeVertex(tuple(z), den, mask, d)


def certify_mask(K, L, p, d, mask, Kc):
    """The vertex with exactly the labels ``mask``, exactly, or None; ``Kc``: K's columns."""
    sol = tight_solution(K, L, p, d, mask)
    if sol is None:
        return None  # not square, or singular
    S, T, nums, den = sol
    if any(v <= 0 for v in nums):
        return None  # infeasible, or a zero coordinate (an extra label)
    acc = [0] * p  # den * (K z)
    for i, v in zip(S, nums):
        acc = [a + c * v for a, c in zip(acc, Kc[i])]
    # every other constraint strictly slack (violated or tight: not this vertex)
    tight = set(T)
    if any(a >= l * den for j, (a, l) in enumerate(zip(acc, L)) if j not in tight):
        return None
    z = dict(zip(S, nums))
    return PolytopeVertex(tuple(z.get(i, 0) for i in range(d)), den, mask, d)


def integer_solve(M, b):
    """``(nums, den)`` with ``M x = b`` at ``x = nums / den`` exactly, ``den > 0``; None if singular.

    ``M`` a square list of lists of ints, ``b`` a list of ints: Cramer's rule
    up to 3 x 3, fraction-free row reduction (python-flint) beyond.

    Examples
    --------
    >>> integer_solve([[2, 1], [1, 3]], [1, 2])
    ([1, 3], 5)
    >>> integer_solve([[1, 2], [2, 4]], [1, 2]) is None
    True
    """
    k = len(M)
    if k == 0:
        return [], 1
    if k == 1:
        nums, den = [b[0]], M[0][0]
    elif k <= 3:
        nums, den = cramer(M, b)
    else:  # fraction-free row reduction of [M | b] to den * [I | x]
        from flint import fmpz_mat

        red, den, rank = fmpz_mat(k, k + 1, [v for row, c in zip(M, b) for v in (*row, c)]).rref()
        if rank < k:
            return None
        e = red.entries()
        nums, den = [int(e[i * (k + 1) + k]) for i in range(k)], int(den)
    if den < 0:
        nums, den = [-v for v in nums], -den
    return None if den == 0 else (nums, den)


def cramer(M, b):
    """``(nums, det)``, ``M x = b`` at ``x = nums / det``, ``det >= 0`` (0: singular); 2x2, 3x3."""
    if len(M) == 2:
        (a, c), (e, f) = M
        det = a * f - c * e
        nums = [b[0] * f - c * b[1], a * b[1] - b[0] * e]
    else:
        (a, c, e), (f, g, h), (i, j, k) = M
        m0, m1, m2 = g * k - h * j, f * k - h * i, f * j - g * i
        det = a * m0 - c * m1 + e * m2
        b0, b1, b2 = b
        n0 = b0 * m0 - c * (b1 * k - h * b2) + e * (b1 * j - g * b2)
        n1 = a * (b1 * k - h * b2) - b0 * m1 + e * (f * b2 - b1 * i)
        n2 = a * (g * b2 - b1 * j) - c * (f * b2 - b1 * i) + b0 * m2
        nums = [n0, n1, n2]
    return ([-v for v in nums], -det) if det < 0 else (nums, det)


def certified_numerators(K: list[list[int]], L: list[int], mask: int) -> tuple[tuple[int, ...], int]:
    """``(numerators, denominator)`` of the vertex with label set ``mask`` (a vertex's exact labels).

    For the masks :func:`certified_label_sets` and exact pivoting give: a
    simple vertex's tight constraints are solved on its support (Cramer's
    rule up to 3 x 3, python-flint beyond) without :func:`vertex_point`'s
    check of every other constraint; a degenerate vertex (more labels than
    coordinates) goes to :func:`vertex_point`. Raises ArithmeticError when
    the tight subsystem of ``mask`` has no positive solution; a mask whose
    tight subsystem is solvable but which violates another constraint is not
    detected here (the caller certifies what it builds from the point).
    """
    p, d = len(K), len(K[0])
    v = exact_vertex(K, L, p, d, mask)
    if v is None:
        v = vertex_point(K, L, mask)
    return v.numerators, v.denominator


def vertex_point(K: list[list[int]], L: list[int], mask: int) -> PolytopeVertex:
    """The vertex of ``{z >= 0 : K z <= L}`` with label set ``mask``, exactly and checked.

    Solves the tight constraints on the support (fraction-free, python-flint)
    and checks the result in integers: the solution is unique, positive on
    the support, and its label set is exactly ``mask``. Raises
    ArithmeticError when ``mask`` is not the label set of a vertex.

    Examples
    --------
    >>> from solvers.vertex_enumeration import polytope_labels
    >>> labels, K, L = polytope_labels([[1, 0], [0, 1]])
    >>> vertex_point(K, L, 0b1001).point
    (Fraction(0, 1), Fraction(1, 1))
    """
    from flint import fmpz_mat

    p, d = len(K), len(K[0])
    S = [i for i in range(d) if not mask >> i & 1]
    T = [j for j in range(p) if mask >> (d + j) & 1]
    k = len(S)
    if k == 0:
        nums, den = [], 1
    else:
        if len(T) < k:
            raise ArithmeticError(f"vertex_point(): internal: {bin(mask)} is not a vertex")
        red, den, rank = fmpz_mat(len(T), k + 1,
                                  [v for j in T for v in (*(K[j][i] for i in S), L[j])]).rref()
        den = int(den)
        e = red.entries()
        if rank != k or den == 0 or any(int(e[i * (k + 1) + i]) != den for i in range(k)):
            raise ArithmeticError(f"vertex_point(): internal: {bin(mask)} is not a vertex")
        nums = [int(e[i * (k + 1) + k]) for i in range(k)]
        if den < 0:
            nums, den = [-v for v in nums], -den
    z = [0] * d
    for i, v in zip(S, nums):
        z[i] = v
    lab = 0
    for i in range(d):
        if z[i] == 0:
            lab |= 1 << i
    for j in range(p):
        lhs, rhs = sum(K[j][i] * z[i] for i in S), L[j] * den
        if lhs > rhs:
            lab = -1
            break
        if lhs == rhs:
            lab |= 1 << (d + j)
    if lab != mask or min(z) < 0:
        raise ArithmeticError(f"vertex_point(): internal: {bin(mask)} is not a vertex")
    return PolytopeVertex(tuple(z), den, mask, d)
