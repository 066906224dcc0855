"""Support systems whose solution set is positive-dimensional: where equilibria may still lie.

Private helpers of :mod:`solvers.support_numeric` (exact n-player
enumeration). A support profile's indifference equations, saturated so that
no support probability vanishes, can have a positive-dimensional solution set
somewhere in complex space and isolated solutions as well. The isolated
*nonsingular* solutions are found exactly (:func:`nonsingular_solutions`),
and whether anything else (a continuum, or a singular solution) can be an
equilibrium is decided by z3 (:func:`meets_region`).
"""

from __future__ import annotations

import sympy
from sympy.polys.domains import QQ

from solvers.polynomial_systems import PolynomialSolutions, real_solutions

__all__ = ["Z3_MILLISECONDS", "meets_region", "nonsingular_solutions"]

#: Milliseconds z3 may spend deciding whether a continuum holds equilibria.
Z3_MILLISECONDS = 5000


def meets_region(X, probs, eqs, gains, extra=()):
    """Whether the equations have a solution with support probabilities > 0 and no gain > 0.

    ``extra`` are further equations the solution must satisfy (the
    Jacobian determinant, when asking whether a continuum may meet the
    region). Decided exactly by z3's nonlinear real arithmetic (nlsat,
    complete for the theory of real closed fields). Returns True, False, or
    None when z3 gives up within ``Z3_MILLISECONDS``.

    Parameters
    ----------
    X : list of PolyElement
        The unknown probabilities (generators of one sympy polynomial ring over QQ).
    probs : list of dict
        Per player, strategy -> its probability as a polynomial in ``X``
        (players with one strategy in the support are not constrained).
    eqs, gains, extra : list of PolyElement
        Equations ``== 0``, deviation gains ``<= 0``, further equations ``== 0``.

    References
    ----------
    .. [1] D. Jovanovic and L. de Moura (2012), "Solving non-linear
       arithmetic", *IJCAR 2012*, LNCS 7364: 339-354.

    Examples
    --------
    One player mixing with probability ``x`` on its first strategy:

    >>> R, x = sympy.ring("x", QQ)
    >>> probs = [{0: x, 1: 1 - x}]
    >>> meets_region([x], probs, [4 * x - 1], [])  # x = 1/4
    True
    >>> meets_region([x], probs, [x + 1], [])  # x = -1 is no probability
    False
    """
    import z3

    zs = [z3.Real(f"x{k}") for k in range(len(X))]

    def conv(p):
        terms = []
        for m, c in p.terms():
            t = z3.RealVal(f"{QQ.numer(c)}/{QQ.denom(c)}")
            for v, e in zip(zs, m):
                for _ in range(e):
                    t = t * v
            terms.append(t)
        return z3.Sum(terms) if terms else z3.RealVal(0)

    solver = z3.SolverFor("QF_NRA")
    solver.set("timeout", Z3_MILLISECONDS)
    for e in list(eqs) + list(extra):
        solver.add(conv(e) == 0)
    for d in probs:
        if len(d) > 1:
            for q in d.values():
                solver.add(conv(q) > 0)
    for g in gains:
        solver.add(conv(g) <= 0)
    res = solver.check()
    if res == z3.unsat:
        return False
    if res == z3.sat:
        return True
    return None



def nonsingular_solutions(R, X, eqs, prod, probs, gains):
    """The nonsingular solutions of a square support system, and whether a continuum may remain.

    The solutions with ``det J != 0`` (``J`` the Jacobian matrix of ``eqs``
    in ``X``) and all support probabilities nonzero are the zeros of the
    saturation ``eqs + [w det(J) prod - 1]`` (``prod`` the product of the
    probabilities): a finite set, since a solution where ``J`` is
    invertible is isolated (inverse function theorem), over the complex
    numbers too. Every point of a positive-dimensional component has
    ``det J = 0``, so no continuum meets the region (probabilities > 0, no
    gain > 0) when ``eqs + [det J]`` has no solution there (z3).

    Returns
    -------
    tuple
        ``(solutions, may_continue)``: a :class:`PolynomialSolutions` of the
        nonsingular solutions (None if they could not be listed: not
        finite, against the theorem, or no generic linear form found), and
        False only when z3 proves that no solution with ``det J = 0`` lies
        in the region.

    Parameters
    ----------
    R : sympy PolyRing
        The ring of ``X`` (over QQ).
    X, probs, gains
        As in :func:`meets_region`; ``eqs`` has exactly ``len(X)`` equations.
    prod : PolyElement
        The product of the support probabilities (kept nonzero).

    References
    ----------
    .. [1] W. Rudin (1976), *Principles of Mathematical Analysis*, 3rd ed.,
       McGraw-Hill, Thm. 9.24 (inverse function theorem).
    .. [2] D. A. Cox, J. Little and D. O'Shea (2015), *Ideals, Varieties, and
       Algorithms*, 4th ed., Springer, ch. 4 sec. 4 (saturation; the extra
       variable ``w`` is Rabinowitsch's).

    Examples
    --------
    A line ``x = y`` of solutions and one isolated point ``(1/4, 3/4)``:

    >>> R, x, y = sympy.ring("x,y", QQ)
    >>> probs = [{0: x, 1: 1 - x}, {0: y, 1: 1 - y}]
    >>> eqs = [(x - y) * (4 * x - 1), (x - y) * (4 * y - 3)]
    >>> sol, may_continue = nonsingular_solutions(R, [x, y], eqs, x * (1 - x) * y * (1 - y), probs, [])
    >>> [(p.value(x.as_expr()), p.value(y.as_expr())) for p in sol.points]
    [(1/4, 3/4)]
    >>> may_continue  # the line x = y lies among the probabilities
    True
    """
    from sympy.polys.matrices import DomainMatrix

    n = len(X)
    jac = DomainMatrix([[e.diff(x) for x in X] for e in eqs], (n, n), R.to_domain()).det()
    if jac:
        w = sympy.Dummy("w")
        try:
            res = real_solutions([e.as_expr() for e in eqs]
                                 + [sympy.expand(w * (jac * prod).as_expr() - 1)],
                                 [x.as_expr() for x in X] + [w])
        except ArithmeticError:  # no generic linear form found: report the continuum alone
            return None, True
        if res.dimension > 0:
            return None, True
    else:  # every solution is singular
        res = PolynomialSolutions(-1)
    may_continue = meets_region(X, probs, eqs, gains, extra=[jac]) is not False
    return res, may_continue
