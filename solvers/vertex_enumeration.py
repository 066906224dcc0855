"""Exact vertex enumeration of the polytopes ``{z >= 0 : C z <= 1}``.

The best-response polytopes of a bimatrix game,
``P = {x >= 0 : B^T x <= 1}`` and ``Q = {y >= 0 : A y <= 1}`` (payoffs
shifted to be positive), have this form. Their vertices are found by exact
pivoting over the feasible bases of ``C z + s = 1, z, s >= 0``, starting at
the origin (all slacks basic):

* the tableau is kept fraction-free (integer entries over one common
  denominator, the determinant of the basis, as in Edmonds' integer pivoting
  and Avis' lrs), so every decision -- which bases are feasible, which
  variables are zero, which vertices are degenerate -- is made in exact
  integer arithmetic;
* degeneracy is resolved by the lexicographic ratio test (the right-hand
  side perturbed by ``(eps, eps^2, ...)``): the lexico-feasible bases are
  the vertices of a simple polytope whose vertices map onto those of the
  original one, every lexico-feasible basis has exactly one neighbour per
  entering variable, and their graph is connected, so a depth-first
  traversal reaches every vertex (Avis and Fukuda 1992);
* near the root of the traversal the parent tableaux are kept for
  backtracking; deeper, the traversal pivots back instead (integer pivoting
  is exactly reversible), so memory grows with the number of vertices (one
  basis key, one label bitmask and one point per vertex), never with the
  number of supports.

Each vertex carries its label set as a bitmask: bit ``i`` (``i < d``) when
``z_i = 0`` and bit ``d + j`` when constraint ``j`` is tight. Two vertices
never share a label set (the tight constraints of a vertex determine it), so
the bitmask also identifies the vertex.

Large integers (float payoffs at their exact binary values) make exact
pivoting costly; :func:`certified_float_vertices` lets floating point
*propose* the vertices and certifies each one, by a rigorous float error
bound where it decides and in exact integers where it does not (see there;
the method lives in ``solvers._vertex_float``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from numbers import Rational
from typing import Any, Iterator, Sequence

import numpy as np

from games.errors import fmt_error
from solvers._integer_traversal import lexicographic_traversal

__all__ = ["PolytopeVertex", "polytope_vertices", "iter_polytope_vertices",
           "integer_polytope_vertices", "integer_vertex_table", "integer_polytope_labels",
           "certified_float_vertices",
           "max_vertices_bound", "MAX_BASES"]

#: Default largest number of lexico-feasible bases one traversal visits.
MAX_BASES = 2_000_000
# method="auto" uses certified_float_vertices for integers over this many bits
# and matrices with this many entries (below, exact pivoting is cheaper).
_FLOAT_PROPOSAL_BITS, _FLOAT_PROPOSAL_SIZE = 24, 25


@dataclass(frozen=True)
class PolytopeVertex:
    """One vertex of ``{z >= 0 : C z <= 1}``, exactly.

    Attributes
    ----------
    numerators : tuple of int
        The coordinates times ``denominator``: ``z_i = numerators[i] / denominator``.
    denominator : int
        A positive common denominator (not necessarily the least one).
    labels : int
        Bitmask of the labels: bit ``i`` (``i < d``) set when ``z_i = 0``,
        bit ``d + j`` set when ``(C z)_j = 1``.
    dimension : int
        ``d``, the number of coordinates.

    Examples
    --------
    >>> v = PolytopeVertex((1, 0), 2, 0b110, 2)
    >>> v.point
    (Fraction(1, 2), Fraction(0, 1))
    >>> v.degenerate
    False
    """

    numerators: tuple[int, ...]
    denominator: int
    labels: int
    dimension: int

    @property
    def point(self) -> tuple[Fraction, ...]:
        """The coordinates as Fractions."""
        return tuple(Fraction(v, self.denominator) for v in self.numerators)

    @property
    def degenerate(self) -> bool:
        """Whether the vertex has more labels than the dimension."""
        return bin(self.labels).count("1") > self.dimension


def max_vertices_bound(d: int, n_constraints: int) -> int:
    """Upper bound on the vertices of a simple ``d``-polytope with ``d + n_constraints`` facets.

    McMullen's upper bound theorem (attained by cyclic polytopes); it also
    bounds the lexico-feasible bases one traversal of
    :func:`iter_polytope_vertices` visits, since they are the vertices of a
    simple perturbed polytope with the same facets.

    References
    ----------
    .. [1] P. McMullen (1970), "The maximum numbers of faces of a convex
       polytope", *Mathematika* 17: 179-184.

    Examples
    --------
    >>> max_vertices_bound(2, 2)  # a quadrilateral
    4
    >>> max_vertices_bound(3, 3)  # e.g. the cube
    8
    """
    N = d + n_constraints
    if d <= 0:
        return 1
    h = d // 2
    if d % 2 == 0:
        return math.comb(N - h, h) + math.comb(N - h - 1, h - 1)
    return 2 * math.comb(N - h - 1, h)


def _to_fraction(v: Any) -> Fraction | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, Fraction)):
        return Fraction(v)
    if isinstance(v, float):
        return Fraction(v) if math.isfinite(v) else None
    if hasattr(v, "p") and hasattr(v, "q") and getattr(v, "is_Rational", False):  # sympy
        return Fraction(int(v.p), int(v.q))
    if isinstance(v, Rational):
        return Fraction(int(v.numerator), int(v.denominator))
    if isinstance(v, np.integer):
        return Fraction(int(v))
    if isinstance(v, np.floating) and np.isfinite(v):
        return Fraction(float(v))
    return None


def _integer_constraints(func: str, C: Any) -> tuple[list[list[int]], list[int]]:
    """``C`` as an integer matrix ``K`` and row scales ``L`` with ``C z <= 1  <=>  K z <= L``."""
    try:
        rows = [list(r) for r in C]
    except TypeError:
        raise TypeError(fmt_error(func, "C", "a matrix (rows of rational numbers)", C)) from None
    if not rows or not rows[0] or any(len(r) != len(rows[0]) for r in rows):
        raise ValueError(fmt_error(func, "C", "a non-empty rectangular matrix", C))
    if all(type(v) is int for r in rows for v in r):  # the common case, without Fractions
        if any(v < 0 for r in rows for v in r):
            raise ValueError(fmt_error(func, "C", "a matrix with nonnegative entries",
                                       min(min(r) for r in rows)))
        fr = rows
    else:
        fr = [_fraction_row(func, r) for r in rows]
    d = len(fr[0])
    for i in range(d):
        if all(r[i] == 0 for r in fr):
            raise ValueError(fmt_error(func, "C", "a matrix whose every column has a positive entry "
                                       "(a bounded polytope)", f"column {i} of zeros"))
    K, L = [], []
    for r in fr:
        den = 1
        for v in r:
            if type(v) is not int:
                den = den * v.denominator // math.gcd(den, v.denominator)
        row = [int(v * den) for v in r] if den != 1 else [int(v) for v in r]
        g = math.gcd(den, *row)  # a positive row scale leaves the polytope alone
        K.append([v // g for v in row])
        L.append(den // g)
    return K, L


def _fraction_row(func: str, r: list) -> list[Fraction]:
    out = []
    for v in r:
        f = _to_fraction(v)
        if f is None:
            raise TypeError(fmt_error(func, "C", "a matrix of finite rational numbers "
                                      "(int, Fraction, float, sympy Rational)", v))
        if f < 0:
            raise ValueError(fmt_error(func, "C", "a matrix with nonnegative entries", v))
        out.append(f)
    return out


def iter_polytope_vertices(C: Sequence[Sequence[Any]], *, deadline: Any = None,
                           max_bases: int | None = None) -> Iterator[PolytopeVertex]:
    """Generate the vertices of ``{z >= 0 : C z <= 1}``, exactly, the origin first.

    Parameters
    ----------
    C : (p, d) matrix of rational numbers
        Nonnegative, every column with a positive entry (so the polytope is
        bounded). ints, Fractions, sympy Rationals; floats are taken at their
        exact binary values.
    deadline : solvers.limits.Deadline, optional
        Checked between pivots; when passed, :class:`~solvers.limits.TimeLimitExceeded`
        is raised (its ``partial`` holds the vertices found so far).
    max_bases : int, optional
        Stop with :class:`~games.errors.UnsupportedGame` after visiting this
        many lexico-feasible bases (default :data:`MAX_BASES`).

    Yields
    ------
    PolytopeVertex
        Each vertex once, with its exact label bitmask.

    Raises
    ------
    TypeError, ValueError
        For a ``C`` that is not a nonnegative rational matrix with a positive
        entry in every column.
    UnsupportedGame
        When the traversal would visit more than ``max_bases`` bases.
    TimeLimitExceeded
        When ``deadline`` passes.

    References
    ----------
    .. [1] D. Avis and K. Fukuda (1992), "A pivoting algorithm for convex
       hulls and vertex enumeration of arrangements and polyhedra",
       *Discrete & Computational Geometry* 8: 295-313.
    .. [2] D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel (2010),
       "Enumeration of Nash equilibria for two-player games", *Economic
       Theory* 42: 9-37.

    Examples
    --------
    The unit square ``{z >= 0 : z_0 <= 1, z_1 <= 1}``:

    >>> sorted(v.point for v in iter_polytope_vertices([[1, 0], [0, 1]]))
    [(Fraction(0, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 1)), (Fraction(1, 1), Fraction(0, 1)), (Fraction(1, 1), Fraction(1, 1))]
    """
    func = "iter_polytope_vertices"
    K, L = _integer_constraints(func, C)
    max_bases = _limit(func, "max_bases", max_bases)
    d = len(K[0])
    return (_vertex(v, d) for v in lexicographic_traversal(K, L, deadline, max_bases))


def _vertex(raw: tuple[int, tuple[int, ...], int], d: int) -> PolytopeVertex:
    lab, num, den = raw
    return PolytopeVertex(num, den, lab, d)


def integer_polytope_vertices(K: list[list[int]], L: list[int], *, deadline: Any = None,
                              max_bases: int = MAX_BASES) -> list[PolytopeVertex]:
    """The vertices of ``{z >= 0 : K z <= L}`` by exact pivoting, for constraints built by the caller.

    :func:`iter_polytope_vertices` as a list, without validating or scaling
    its input: ``K`` a (p, d) list of lists of nonnegative ints with a
    positive entry in every column, ``L`` p positive ints (the form solvers
    build internally, e.g. positive payoff matrices with ``L = 1``).

    Examples
    --------
    >>> [(v.numerators, v.denominator) for v in integer_polytope_vertices([[2, 1], [1, 2]], [1, 1])]
    [((0, 0), 1), ((1, 0), 2), ((1, 1), 3), ((0, 1), 2)]
    """
    d = len(K[0])
    return [_vertex(v, d) for v in lexicographic_traversal(K, L, deadline, max_bases)]


def integer_vertex_table(K: list[list[int]], L: list[int], *, deadline: Any = None,
                         max_bases: int = MAX_BASES) -> list[tuple[int, tuple[int, ...], int]]:
    """:func:`integer_polytope_vertices` as plain ``(labels, numerators, denominator)`` tuples.

    The same vertices in the same order, without building a
    :class:`PolytopeVertex` for each (the form solvers match and certify).

    Examples
    --------
    >>> integer_vertex_table([[2, 1], [1, 2]], [1, 1])
    [(3, (0, 0), 1), (6, (1, 0), 2), (12, (1, 1), 3), (9, (0, 1), 2)]
    """
    return list(lexicographic_traversal(K, L, deadline, max_bases))


def polytope_vertices(C: Sequence[Sequence[Any]], *, deadline: Any = None,
                      max_bases: int | None = None, method: str = "auto") -> list[PolytopeVertex]:
    """All vertices of ``{z >= 0 : C z <= 1}``, exactly, the origin first.

    The list form of :func:`iter_polytope_vertices` (same parameters and
    errors), with a choice of method.

    Parameters
    ----------
    C, deadline, max_bases
        As in :func:`iter_polytope_vertices`.
    method : {"auto", "pivot", "float"}
        ``"pivot"``: exact integer pivoting (:func:`iter_polytope_vertices`).
        ``"float"``: :func:`certified_float_vertices`, falling back to
        ``"pivot"`` when its certificate fails (e.g. a degenerate polytope).
        ``"auto"`` (default): ``"float"`` for a matrix of >= 25 entries
        whose integers (one denominator per row) exceed 24 bits, as float
        input's do. The same vertices and labels, in any case.

    Returns
    -------
    list of PolytopeVertex

    Raises
    ------
    ValueError
        For an unknown ``method``; and as :func:`iter_polytope_vertices`.

    Examples
    --------
    A triangle with a degenerate vertex: three constraints meet at (1, 1)/2.

    >>> vs = polytope_vertices([[1, 1], [2, 0], [0, 2]])
    >>> [(v.point, v.degenerate) for v in vs if v.point == (Fraction(1, 2), Fraction(1, 2))]
    [((Fraction(1, 2), Fraction(1, 2)), True)]
    >>> len(vs)
    4
    >>> C = [[0.3, 1.7], [1.1, 0.4], [0.9, 0.8]]  # the methods agree
    >>> a, b = (polytope_vertices(C, method=m) for m in ("pivot", "float"))
    >>> sorted((v.labels, v.point) for v in a) == sorted((v.labels, v.point) for v in b)
    True
    """
    func = "polytope_vertices"
    if method not in ("auto", "pivot", "float"):
        raise ValueError(fmt_error(func, "method", '"auto", "pivot" or "float"', method))
    K, L = _integer_constraints(func, C)
    max_bases = _limit(func, "max_bases", max_bases)
    if method == "auto":
        bits = max(max(v.bit_length() for v in row) for row in K)
        big = max(bits, max(L).bit_length()) > _FLOAT_PROPOSAL_BITS
        method = "float" if big and len(K) * len(K[0]) >= _FLOAT_PROPOSAL_SIZE else "pivot"
    if method == "float":
        from solvers._vertex_float import certified_vertices

        out = certified_vertices(K, L, deadline, max_bases)
        if out is not None:
            return out
    d = len(K[0])
    return [_vertex(v, d) for v in lexicographic_traversal(K, L, deadline, max_bases)]


def polytope_labels(C: Sequence[Sequence[Any]], *, deadline: Any = None,
                     max_bases: int | None = None) -> tuple[list[int], list[list[int]], list[int]]:
    """The label masks of all vertices of ``{z >= 0 : C z <= 1}`` (origin first), and ``(K, L)``.

    :func:`polytope_vertices` with ``method="auto"`` without the points:
    memory per vertex is a mask (and, when pivoting, a basis key), so large
    polytopes fit; :func:`solvers._vertex_exact.vertex_point` gives the exact point of a mask.
    Bit ``i < d`` of a mask is ``z_i = 0``, bit ``d + j`` is constraint ``j`` tight.

    Examples
    --------
    The unit square ``z1 <= 1, z2 <= 1``:

    >>> labels, K, L = polytope_labels([[1, 0], [0, 1]])
    >>> [bin(m) for m in labels]
    ['0b11', '0b110', '0b1100', '0b1001']
    """
    func = "polytope_vertices"
    K, L = _integer_constraints(func, C)
    max_bases = _limit(func, "max_bases", max_bases)
    return integer_polytope_labels([(K, L)], deadline=deadline, max_bases=max_bases)[0], K, L


def _float_pays(K: list[list[int]], L: list[int]) -> bool:
    # method="auto"'s rule: float proposals for large matrices of large integers
    if len(K) * len(K[0]) < _FLOAT_PROPOSAL_SIZE:
        return False
    bits = max(max(v.bit_length() for v in row) for row in K)
    return max(bits, max(L).bit_length()) > _FLOAT_PROPOSAL_BITS


def integer_polytope_labels(systems: list[tuple[list[list[int]], list[int]]], *,
                            deadline: Any = None, max_bases: int = MAX_BASES) -> list[list[int]]:
    """The label masks of the vertices of several polytopes ``{z >= 0 : K z <= L}``, origin first.

    :func:`polytope_labels` for constraints built by the caller, as
    :func:`integer_polytope_vertices` takes them (no validation), several
    at a time: those :func:`polytope_vertices` would propose in floats
    (large integers in a matrix of at least 25 entries) are proposed and
    certified together (:func:`solvers._vertex_float.certified_label_sets`:
    one batched certificate for small polytopes of the same size); the
    rest, and any the certificate leaves undecided, by exact pivoting.

    Examples
    --------
    >>> [[bin(m) for m in labels] for labels in integer_polytope_labels([([[1]], [1]), ([[2, 1], [1, 2]], [1, 1])])]
    [['0b1', '0b10'], ['0b11', '0b110', '0b1100', '0b1001']]
    """
    out: list = [None] * len(systems)
    fl = [a for a, (K, L) in enumerate(systems) if _float_pays(K, L)]
    if fl:
        from solvers._vertex_float import certified_label_sets

        for a, masks in zip(fl, certified_label_sets([systems[a] for a in fl], deadline, max_bases)):
            out[a] = masks
    for a, (K, L) in enumerate(systems):
        if out[a] is None:
            out[a] = [v[0] for v in lexicographic_traversal(K, L, deadline, max_bases, keep=False)]
    return out


def certified_float_vertices(C: Sequence[Sequence[Any]], *, deadline: Any = None,
                             max_vertices: int | None = None) -> list[PolytopeVertex] | None:
    """The vertices of ``{z >= 0 : C z <= 1}`` proposed in floats, certified exactly; or None.

    A breadth-first float traversal of the vertex graph (batched pivots
    and ratio tests) proposes the label set ``L`` of every vertex. ``L`` is
    a vertex with exactly ``d`` labels if and only if its unlabelled
    variables form a basis ``B`` of ``C z + s = 1`` whose solution ``x`` of
    ``B x = 1`` is strictly positive. All proposals are certified at once
    in floats by an a-posteriori bound: an approximate inverse ``R`` with
    ``||I - R B||_inf <= 1/2`` proves ``B`` nonsingular and
    ``||x - x~||_inf <= 2 ||R (1 - B x~)||_inf``, both norms bounded from
    above including every rounding error and the rounding of ``C`` itself
    [2]_, [3]_; every ``x~_i`` above the bound proves ``x > 0``. A proposal
    the bound cannot decide (a tiny coordinate, an ill-conditioned basis)
    is certified in exact integers instead: the tight constraints solved on
    the support, the solution strictly positive and strictly inside every
    other constraint. The exact coordinates of each vertex are then solved
    in integers. Each vertex's neighbour across each of its ``d`` labels is
    proposed, and a certified vertex sharing ``d - 1`` labels with a simple
    vertex is that neighbour, so the certified set is closed under the
    edges; a polytope's graph is connected (Balinski 1961) [1]_, so it is
    every vertex. No tolerance decides anything: floats only propose, or
    decide where the bound separates the solution from zero.

    Parameters
    ----------
    C : (p, d) matrix of rational numbers
        As in :func:`iter_polytope_vertices`.
    deadline : solvers.limits.Deadline, optional
        Checked between traversal levels and certificates.
    max_vertices : int, optional
        Give up (return None) after proposing more vertices than this
        (default :data:`MAX_BASES`).

    Returns
    -------
    list of PolytopeVertex or None
        Every vertex (origin first), as ``method="pivot"`` finds them; None
        when uncertified (a degenerate polytope, or rounding misled).

    Raises
    ------
    TypeError, ValueError
        As :func:`iter_polytope_vertices`.
    TimeLimitExceeded
        When ``deadline`` passes (``partial``: the vertices certified so far).

    References
    ----------
    .. [1] M. L. Balinski (1961), "On the graph structure of convex
       polyhedra in n-space", *Pacific Journal of Mathematics* 11: 431-434.
    .. [2] S. M. Rump (2010), "Verification methods: rigorous results using
       floating-point arithmetic", *Acta Numerica* 19: 287-449 (sec. 10).
    .. [3] N. J. Higham (2002), *Accuracy and Stability of Numerical
       Algorithms*, 2nd ed., SIAM (secs. 3.1, 3.5: error bounds of computed
       dot and matrix products).

    Examples
    --------
    >>> vs = certified_float_vertices([[0.5, 0.25], [0.25, 0.5]])
    >>> [v.point for v in vs][:1], len(vs)
    ([(Fraction(0, 1), Fraction(0, 1))], 4)
    >>> certified_float_vertices([[1, 1], [2, 0], [0, 2]]) is None  # degenerate
    True
    """
    from solvers._vertex_float import certified_vertices

    func = "certified_float_vertices"
    K, L = _integer_constraints(func, C)
    return certified_vertices(K, L, deadline, _limit(func, "max_vertices", max_vertices))


def _limit(func: str, name: str, value: Any) -> int:
    if value is None:
        return MAX_BASES
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(fmt_error(func, name, "a positive integer or None", value))
    return value
