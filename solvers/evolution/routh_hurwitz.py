"""Exact eigenvalue-sign classification of Jacobian blocks (Routh-Hurwitz, Orlando).

A Jacobian at a rest point is block triangular after a permutation
(:func:`jacobian_blocks`, the strongly connected components of its pattern), and each
block is classified exactly: a 1x1 block by the sign of its entry, a 2x2 block
by trace and determinant, a 3x3 block by the Routh-Hurwitz conditions plus
Orlando's formula for roots on the imaginary axis, larger symbolic blocks by
Routh-Hurwitz with a conservative saddle / non-hyperbolic split. Signs of
factors are read from the symbols' assumptions and from the positivity of the
rest point's shares; unknown signs stay symbolic.

References
----------
.. [1] F. R. Gantmacher, *The Theory of Matrices*, vol. 2, Chelsea, 1959,
   ch. XV (Routh-Hurwitz criterion, Orlando's formula).
.. [2] E. J. Routh, *A Treatise on the Stability of a Given State of Motion*,
   Macmillan, 1877.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import networkx as nx
import numpy as np
import sympy
from sympy.logic.boolalg import Boolean

from games.conditions import cancel_expr, factored_determinant, scaled_characteristic_polynomial
from games.values import FLOAT_TOLERANCE
from solvers.evolution.signs import RestPointSigns

__all__ = ["LAMBDA", "classify_eigenvalues", "classify_jacobian", "hurwitz_minors", "jacobian_blocks"]

#: The variable of characteristic polynomials, ``det(lambda I - J)``.
LAMBDA = sympy.Symbol("lambda")

# --------------------------------------------------------------------------- #
# eigenvalue classification
# --------------------------------------------------------------------------- #

def _charpoly_coeffs(M: sympy.Matrix) -> list:
    """Coefficients [1, a1, ..., an] of det(lambda I - M)."""
    p = M.charpoly(LAMBDA)
    return [sympy.expand(c) for c in p.all_coeffs()]


def hurwitz_minors(a: list) -> list:
    """Leading Hurwitz minors ``Delta_1, ..., Delta_n`` of a monic polynomial.

    All roots of ``l^n + a1 l^(n-1) + ... + an`` have negative real part
    if and only if every minor is positive (Routh-Hurwitz); a pair of roots
    summing to zero (e.g. ``+-i w``) makes ``Delta_(n-1)`` vanish (Orlando).

    Parameters
    ----------
    a : list of sympy.Expr
        The coefficients ``[1, a1, ..., an]``, highest degree first.

    Returns
    -------
    list of sympy.Expr
        ``[Delta_1, ..., Delta_n]``, expanded.

    Examples
    --------
    ``(l + 1)(l + 2)(l + 3) = l^3 + 6 l^2 + 11 l + 6`` is stable:

    >>> hurwitz_minors([1, 6, 11, 6])
    [6, 60, 360]

    References
    ----------
    .. [1] F. R. Gantmacher, *The Theory of Matrices*, vol. 2, Chelsea, 1959,
       ch. XV, sections 6 and 7.
    """
    n = len(a) - 1

    def coef(k):
        return a[k] if 0 <= k <= n else sympy.Integer(0)

    H = sympy.Matrix(n, n, lambda i, j: coef(2 * (j + 1) - (i + 1)))
    return [sympy.expand(H[:k, :k].det(method="berkowitz")) for k in range(1, n + 1)]


def _mirror(a: list) -> list:
    """Coefficients of (-1)^n p(-lambda): its roots are the negatives of p's."""
    return [c * (-1) ** k for k, c in enumerate(a)]


@dataclass
class _BlockFlags:
    neg: Boolean        # all real parts < 0
    pos: Boolean        # all real parts > 0
    zero_re: Boolean    # some real part == 0
    centre: Boolean     # all real parts == 0, no zero eigenvalue
    eigenvalues: list | None
    exact: bool = True


def _numeric_block(M: sympy.Matrix, floaty: bool) -> _BlockFlags:
    A = np.array(M.evalf(30).tolist(), dtype=complex).real.astype(float)
    ev = np.linalg.eigvals(A)
    tol = FLOAT_TOLERANCE * max(1.0, float(np.max(np.abs(A))) if A.size else 1.0)
    re = ev.real
    a = _charpoly_coeffs(M)
    zero_eig = (a[-1] == 0) if not floaty else abs(complex(a[-1])) < tol
    if floaty:
        zero_re = bool(np.any(np.abs(re) <= tol))
    else:
        # exact: a root with zero real part is a zero root or a pair +-i w (Orlando: Delta_{n-1} = 0)
        dn1 = hurwitz_minors(a)[-2] if len(a) > 2 else sympy.Integer(1)
        zero_re = bool(zero_eig) or (dn1 == 0 and bool(np.any(np.abs(re) <= 1e-7)))
    neg = (not zero_re) and bool(np.all(re < 0))
    pos = (not zero_re) and bool(np.all(re > 0))
    centre = zero_re and not zero_eig and bool(np.all(np.abs(re) <= (tol if floaty else 1e-7)))
    eig = None
    if not floaty:
        r = sympy.roots(sympy.Poly(a, LAMBDA), cubics=False, quartics=False)
        if sum(r.values()) == len(a) - 1:
            eig = [e for e, m in r.items() for _ in range(m)]
    else:
        eig = [sympy.Float(v.real) if abs(v.imag) < tol else sympy.Float(v.real) + sympy.I * sympy.Float(v.imag)
               for v in ev]
    T, F = sympy.true, sympy.false
    return _BlockFlags(T if neg else F, T if pos else F, T if zero_re else F, T if centre else F, eig)


def _block_flags(M: sympy.Matrix, floaty: bool, sg: RestPointSigns) -> _BlockFlags:
    n = M.shape[0]
    if n == 1:
        a = M[0, 0]
        return _BlockFlags(sg.lt0(a), sg.gt0(a), sg.eq0(a), sympy.false, [a])
    symbolic = bool(M.free_symbols)
    if not symbolic and (floaty or n >= 3):
        return _numeric_block(M, floaty)
    if n == 2:
        F = M.applyfunc(_lite)
        T = _lite(F[0, 0] + F[1, 1])
        D = _lite(F[0, 0] * F[1, 1] - F[0, 1] * F[1, 0])
        if T == 0:
            root = sympy.sqrt(-D)
            eig = [root, -root]
        else:
            root = sympy.sqrt(_lite(T ** 2 / 4 - D))
            eig = [T / 2 + root, T / 2 - root]
        return _BlockFlags(
            neg=sympy.And(sg.lt0(T), sg.gt0(D)),
            pos=sympy.And(sg.gt0(T), sg.gt0(D)),
            zero_re=sympy.Or(sg.eq0(D), sympy.And(sg.eq0(T), sg.gt0(D))),
            centre=sympy.And(sg.eq0(T), sg.gt0(D)),
            eigenvalues=eig)
    if n == 3:
        return _block3(M, sg)
    eig = None
    scaled = scaled_characteristic_polynomial(M)  # symbolic here: numeric blocks of 3 or more returned above
    if scaled is not None:
        # fraction free, factored by FLINT, each minor computed only when a decision needs it
        coefficient, minor = scaled
        last = coefficient(n)
        hz = (minor(j) for j in range(1, n + 1))
        hm = (minor(j, mirrored=True) for j in range(1, n + 1))
        below_last = lambda: minor(n - 1)  # noqa: E731
    else:
        a = _coeffs_factored(M)  # radicals or floats among the entries
        last, hz, hm = a[-1], _hurwitz_factored(a), _hurwitz_factored(_mirror(a))
        below_last = lambda: hz[-2]  # noqa: E731
    neg = _all(sg.gt0(d) for d in hz)
    pos = _all(sg.gt0(d) for d in hm)
    # a pair with lambda_i + lambda_j = 0 makes Delta_{n-1} vanish (also for real +-w: conservative)
    zero_last = sg.eq0(last)
    zero_re = sympy.true if zero_last is sympy.true else sympy.Or(zero_last, sg.eq0(below_last()))
    return _BlockFlags(neg, pos, zero_re, sympy.false, eig, exact=False)


def _all(conds) -> Boolean:
    """Lazy conjunction: stops at the first false (later conditions may be costly)."""
    out = []
    for c in conds:
        if c is sympy.false:
            return sympy.false
        out.append(c)
    return sympy.And(*out)


def _block3(M: sympy.Matrix, sg: RestPointSigns) -> _BlockFlags:
    """Exact classification of a symbolic 3x3 block from its characteristic polynomial.

    With ``p = l^3 + a1 l^2 + a2 l + a3``: all roots in the left half-plane iff
    ``a1 > 0, a3 > 0, a1 a2 > a3`` (Routh-Hurwitz); a root on the imaginary
    axis iff ``a3 = 0`` or ``a1 a2 = a3`` with ``a2 > 0`` (then
    ``p = (l + a1)(l^2 + a2)``). Costly coefficients are built only when needed.
    """
    F = M.applyfunc(_lite)
    a1 = _lite(-(F[0, 0] + F[1, 1] + F[2, 2]))
    det = factored_determinant(M)  # row and column factors out first: the expanded form can be huge
    if det is None:
        det = _lite(F[0, 0] * (F[1, 1] * F[2, 2] - F[1, 2] * F[2, 1])
                    - F[0, 1] * (F[1, 0] * F[2, 2] - F[1, 2] * F[2, 0])
                    + F[0, 2] * (F[1, 0] * F[2, 1] - F[1, 1] * F[2, 0]))
    a3 = -det
    cache = {}

    def a2():
        if "a2" not in cache:
            cache["a2"] = _lite(F[0, 0] * F[1, 1] - F[0, 1] * F[1, 0] + F[0, 0] * F[2, 2] - F[0, 2] * F[2, 0]
                                + F[1, 1] * F[2, 2] - F[1, 2] * F[2, 1])
        return cache["a2"]

    def d2():
        if "d2" not in cache:
            cache["d2"] = _lite(-a3) if a1 == 0 else _lite(a1 * a2() - a3)
        return cache["d2"]

    neg = _all(f() for f in (lambda: sg.gt0(a1), lambda: sg.gt0(a3), lambda: sg.gt0(d2())))
    pos = _all(f() for f in (lambda: sg.lt0(a1), lambda: sg.lt0(a3), lambda: sg.lt0(d2())))
    z3_ = sg.eq0(a3)
    if z3_ is sympy.true or a1 == 0:
        # with a1 = 0, a1 a2 = a3 is a3 = 0: a2 is not needed (and is often the largest coefficient)
        zero_re = z3_
    else:
        e2 = sg.eq0(d2())
        zero_re = sympy.Or(z3_, sympy.And(e2, sg.gt0(a2()))) if e2 is not sympy.false else z3_
    return _BlockFlags(neg, pos, zero_re, sympy.false, None)


def _raw_det(M: sympy.Matrix) -> sympy.Expr:
    """Laplace expansion with no simplification (sizes here are small)."""
    n = M.shape[0]
    if n == 1:
        return M[0, 0]
    return sympy.Add(*[(-1) ** j * M[0, j] * _raw_det(M.minor_submatrix(0, j)) for j in range(n) if M[0, j] != 0])


def _lite(e: Any) -> sympy.Expr:
    """Light normal form: products stay products (factors simplified one by one), sums are cancelled."""
    e = sympy.sympify(e)
    if not e.free_symbols or e.is_Symbol:
        return e
    if e.is_Mul:
        return sympy.Mul(*[_lite(a) for a in e.args])
    if e.is_Pow and e.exp.is_Integer:
        return _lite(e.base) ** e.exp
    if e.is_Add:
        return cancel_expr(e)
    return e


def _fac(e: sympy.Expr) -> sympy.Expr:
    return _lite(e)


def _coeffs_factored(M: sympy.Matrix) -> list:
    """[1, a1, ..., an] of det(lambda I - M), kept factored (explicit formulas up to 3x3)."""
    n = M.shape[0]
    F = M.applyfunc(_fac)
    if n == 1:
        return [sympy.Integer(1), _fac(-F[0, 0])]
    if n == 2:
        return [sympy.Integer(1), _fac(-(F[0, 0] + F[1, 1])), _fac(F[0, 0] * F[1, 1] - F[0, 1] * F[1, 0])]
    if n == 3:
        a1 = _fac(-(F[0, 0] + F[1, 1] + F[2, 2]))
        a2 = _fac(F[0, 0] * F[1, 1] - F[0, 1] * F[1, 0] + F[0, 0] * F[2, 2] - F[0, 2] * F[2, 0]
                  + F[1, 1] * F[2, 2] - F[1, 2] * F[2, 1])
        det = (F[0, 0] * (F[1, 1] * F[2, 2] - F[1, 2] * F[2, 1]) - F[0, 1] * (F[1, 0] * F[2, 2] - F[1, 2] * F[2, 0])
               + F[0, 2] * (F[1, 0] * F[2, 1] - F[1, 1] * F[2, 0]))
        return [sympy.Integer(1), a1, a2, _fac(-det)]
    return [_fac(c) for c in F.charpoly(LAMBDA).all_coeffs()]


def _hurwitz_factored(a: list) -> list:
    n = len(a) - 1
    if n == 3:
        d2 = _fac(a[1] * a[2] - a[3]) if a[1] != 0 else _fac(-a[3])
        return [a[1], d2, _fac(a[3] * d2)]
    return [_fac(d) for d in hurwitz_minors(a)]


def jacobian_blocks(J: sympy.Matrix) -> list:
    """Index blocks of ``J`` in an order that makes it block triangular.

    The blocks are the strongly connected components of the graph with an
    edge ``i -> j`` for each nonzero off-diagonal entry ``J[i, j]``, in
    topological order; the eigenvalues of ``J`` are those of its diagonal
    blocks ``J[b, b]``.

    Parameters
    ----------
    J : sympy.Matrix
        A square matrix.

    Returns
    -------
    list of list of int

    Examples
    --------
    >>> a = sympy.Symbol("a")
    >>> jacobian_blocks(sympy.Matrix([[1, 0, 0], [a, 2, 1], [0, 1, 3]]))
    [[1, 2], [0]]
    """
    n = J.shape[0]
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    for i in range(n):
        for j in range(n):
            if i != j and J[i, j] != 0:
                G.add_edge(i, j)
    C = nx.condensation(G)
    return [sorted(C.nodes[c]["members"]) for c in nx.topological_sort(C)]


def _tidy(cond: Boolean) -> Boolean:
    """Merge ``e != 0`` with ``e >= 0`` (or ``e <= 0``) inside a conjunction into a strict relation."""
    if isinstance(cond, sympy.Or):
        return sympy.Or(*[_tidy(a) for a in cond.args])
    if not isinstance(cond, sympy.And):
        return cond
    args = [_tidy(a) for a in cond.args]
    nes = {sympy.expand(a.lhs - a.rhs): a for a in args if isinstance(a, sympy.Ne)}
    out = []
    used = set()
    for a in args:
        if isinstance(a, (sympy.Ge, sympy.Le)):
            d = sympy.expand(a.lhs - a.rhs)
            key = d if d in nes else (-d if -d in nes else None)
            if key is not None:
                used.add(key)
                out.append(sympy.Gt(a.lhs, a.rhs) if isinstance(a, sympy.Ge) else sympy.Lt(a.lhs, a.rhs))
                continue
        out.append(a)
    out = [a for a in out if not (isinstance(a, sympy.Ne) and sympy.expand(a.lhs - a.rhs) in used)]
    return sympy.And(*out)


def _classes(flags: list) -> dict:
    zero_any = sympy.Or(*[f.zero_re for f in flags])
    centre = sympy.And(*[f.centre for f in flags])
    out = {
        "stable": sympy.And(*[f.neg for f in flags]),
        "unstable": sympy.And(*[f.pos for f in flags]),
        "saddle": _tidy(sympy.And(sympy.Not(zero_any), sympy.Or(*[sympy.Not(f.neg) for f in flags]),
                                  sympy.Or(*[sympy.Not(f.pos) for f in flags]))),
        "centre": centre,
        "non-hyperbolic": sympy.And(zero_any, sympy.Not(centre)),
    }
    return out



def classify_jacobian(J: sympy.Matrix, order: Sequence[Sequence[int]], shares: Sequence[sympy.Expr],
                      floaty: bool) -> tuple:
    """Stability classes of a Jacobian at a rest point, block by block, exactly.

    Each diagonal block ``J[b, b]`` (``b`` from :func:`jacobian_blocks`) is
    classified from its characteristic polynomial: a 1x1 block by the sign
    of its entry, a 2x2 block by trace and determinant, a 3x3 block by the
    Routh-Hurwitz conditions with Orlando's formula for roots on the
    imaginary axis, larger symbolic blocks by Routh-Hurwitz with a
    conservative saddle / non-hyperbolic split. Signs are read from the
    symbols' assumptions and from the positivity of the rest point's
    ``shares``; signs that stay unknown become relations in the conditions.

    Parameters
    ----------
    J : sympy.Matrix
        The Jacobian at the rest point (square).
    order : sequence of sequence of int
        Its blocks, from :func:`jacobian_blocks`.
    shares : sequence of sympy.Expr
        The rest point's shares known to be positive where it exists.
    floaty : bool
        Whether the game is a float game (numbers near zero count as zero).

    Returns
    -------
    eigenvalues : tuple of sympy.Expr or None
        With multiplicity, when every block's eigenvalues have a closed form
        without the cubic formula.
    charpoly : sympy.Expr
        ``det(lambda I - J)`` in :data:`LAMBDA`, as a product over blocks.
    classes : dict
        ``{class: condition}`` for ``"stable"``, ``"unstable"``,
        ``"saddle"``, ``"centre"`` and ``"non-hyperbolic"`` (conditions not
        yet simplified; ``sympy.false`` where impossible).
    exact : bool
        False when a symbolic block of size four or more made the
        saddle / non-hyperbolic split conservative.

    Examples
    --------
    >>> a = sympy.Symbol("a", positive=True)
    >>> J = sympy.Matrix([[-a, 1], [0, a - 1]])
    >>> eig, cp, classes, exact = classify_jacobian(J, jacobian_blocks(J), [], False)
    >>> eig, classes["stable"], classes["saddle"]
    ((-a, a - 1), a - 1 < 0, a - 1 > 0)

    References
    ----------
    .. [1] F. R. Gantmacher, *The Theory of Matrices*, vol. 2, Chelsea, 1959,
       ch. XV (Routh-Hurwitz criterion, Orlando's formula).
    """
    sg = RestPointSigns(shares, floaty)
    flags = [_block_flags(J.extract(b, b), floaty, sg) for b in order]
    eig = None
    if all(f.eigenvalues is not None for f in flags):
        eig = tuple(sympy.sympify(e) for f in flags for e in f.eigenvalues)
    cp = sympy.Integer(1)
    for b in order:
        blk = J.extract(b, b)
        if len(b) <= 2:
            co = _coeffs_factored(blk)
            cp *= sympy.Add(*[c * LAMBDA ** (len(co) - 1 - k) for k, c in enumerate(co)])
        else:
            # kept unexpanded: expanding a symbolic 3x3 characteristic polynomial is costly
            cp *= _raw_det(LAMBDA * sympy.eye(len(b)) - blk)
    return eig, cp, _classes(flags), all(f.exact for f in flags)


def classify_eigenvalues(ev: np.ndarray, tol: float = 1e-9) -> str:
    """The stability class of numeric eigenvalues (real parts within ``tol`` of zero count as zero).

    Parameters
    ----------
    ev : numpy.ndarray
        Eigenvalues (complex or real), shape ``(n,)``.
    tol : float, optional
        Absolute tolerance on real parts and moduli.

    Returns
    -------
    {"stable", "unstable", "saddle", "centre", "non-hyperbolic"}
        ``"centre"`` when every real part is zero and no eigenvalue is;
        ``"non-hyperbolic"`` for any other zero real part.

    Examples
    --------
    >>> classify_eigenvalues(np.array([-1.0, -2.0])), classify_eigenvalues(np.array([1j, -1j]))
    ('stable', 'centre')
    >>> classify_eigenvalues(np.array([-1.0, 2.0])), classify_eigenvalues(np.array([0.0, -1.0]))
    ('saddle', 'non-hyperbolic')
    """
    re = ev.real
    zero = np.abs(re) <= tol
    if zero.any():
        if zero.all() and np.all(np.abs(ev) > tol):
            return "centre"
        return "non-hyperbolic"
    if np.all(re < 0):
        return "stable"
    if np.all(re > 0):
        return "unstable"
    return "saddle"
