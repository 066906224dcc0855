"""sympy to z3: exact decisions of polynomial and rational conditions (with exact
reformulations of rational powers, ``Abs``, ``Min``/``Max`` and ``Piecewise``).

Part of the condition engine :mod:`games.conditions`.
"""

from __future__ import annotations

import functools
import threading
from fractions import Fraction
from typing import Any

import sympy
from sympy.logic.boolalg import Boolean, BooleanFalse, BooleanTrue

from games.parameters import ParameterSpace
from games.conditions.base import NotPolynomial, Z3_TIMEOUT_MS

__all__ = ["z3_check", "clear_z3_caches"]


_Z3_LOCK = threading.RLock()


class _Translator:
    """sympy -> z3 over one space's variables.

    Polynomial and rational expressions translate directly (a denominator
    adds ``!= 0`` to :attr:`side`). Some non-polynomial functions are
    reformulated exactly with an auxiliary variable fixed by polynomial
    constraints (also in :attr:`side`): ``sqrt(p)`` and other rational
    powers (``t >= 0, t**2 == p``, defined where ``p >= 0``), ``Abs``,
    ``Min``/``Max`` and ``Piecewise`` (case splits). Each auxiliary variable
    is a function of the parameters, so satisfiability and validity keep
    their meaning (on the points where the expression is real). Anything
    else (``exp``, ``log``, ...) raises ``NotPolynomial``.
    """

    def __init__(self, space: ParameterSpace):
        import z3  # loaded on first use
        self.space = space
        self.vars: dict[sympy.Symbol, Any] = {}
        self.side: list[Any] = []  # denominators != 0, definitions of auxiliary variables
        self.aux: dict[sympy.Expr, Any] = {}
        for p, s in zip(space.parameters, space.symbols):
            self.vars[s] = z3.Int(p.name) if p.is_integer else z3.Real(p.name)

    def reset(self, interior: bool = False) -> None:
        """Forget the side conditions and auxiliary variables of the previous query.

        With ``interior=True`` the domains of roots are taken open (radicand > 0),
        which keeps a model off their boundary (where its coordinates tend to be
        algebraic numbers).
        """
        self.side = []
        self.aux = {}
        self.interior = interior

    def _fresh(self, e: sympy.Expr):
        import z3  # loaded on first use
        v = z3.Real(f"_aux{len(self.aux)}_{abs(hash(e)) % 10**8}")
        self.aux[e] = v
        return v

    def expr(self, e: sympy.Expr):
        import z3  # loaded on first use
        if e in self.aux:
            return self.aux[e]
        if e.is_Symbol:
            if e not in self.vars:
                raise NotPolynomial(str(e))
            v = self.vars[e]
            return z3.ToReal(v) if z3.is_int(v) else v
        if e.is_Integer:
            return z3.RealVal(int(e))
        if e.is_Rational:
            return z3.RealVal(f"{e.p}/{e.q}")
        if e.is_Float:
            fr = Fraction(float(e))
            return z3.RealVal(f"{fr.numerator}/{fr.denominator}")
        if e.is_Add:
            return z3.Sum([self.expr(a) for a in e.args])
        if e.is_Mul:
            out = self.expr(e.args[0])
            for a in e.args[1:]:
                out = out * self.expr(a)
            return out
        if e.is_Pow:
            b, x = e.args
            if x.is_Integer:
                return self._int_pow(self.expr(b), int(x))
            if x.is_Rational:
                # t = b**(p/q) = (b**p)**(1/q): t**q == b**p with t >= 0 and b >= 0. sympy and
                # numpy take the principal root, which is not real for b < 0 (also for odd q),
                # so the expression is defined (real) only where b >= 0.
                p, q = int(x.p), int(x.q)
                zb = self.expr(b)
                base = self._int_pow(zb, p)
                t = self._fresh(e)
                self.side.extend([self._int_pow(t, q) == base, t >= 0,
                                  zb > 0 if getattr(self, "interior", False) else zb >= 0])
                return t
            raise NotPolynomial(str(e))
        if isinstance(e, sympy.Abs):
            a = self.expr(e.args[0])
            t = self._fresh(e)
            self.side.extend([t >= 0, t * t == a * a])
            return t
        if isinstance(e, (sympy.Max, sympy.Min)):
            args = [self.expr(a) for a in e.args]
            t = self._fresh(e)
            if isinstance(e, sympy.Max):
                self.side.extend([t >= a for a in args])
            else:
                self.side.extend([t <= a for a in args])
            self.side.append(z3.Or(*[t == a for a in args]))
            return t
        if isinstance(e, sympy.Piecewise):
            t = self._fresh(e)
            taken = []
            for val, c in e.args:
                zc = self.boolean(c)
                here = z3.And(zc, *[z3.Not(p) for p in taken])
                # a branch's own side conditions (its domain, its auxiliary variables)
                # hold only where the branch is taken
                n_side, aux_before = len(self.side), dict(self.aux)
                zval = self.expr(val)
                branch_side = self.side[n_side:]
                del self.side[n_side:]
                self.aux = aux_before
                self.side.append(z3.Implies(here, z3.And(t == zval, *branch_side)))
                taken.append(zc)
            self.side.append(z3.Or(*taken))  # defined
            return t
        raise NotPolynomial(str(e))

    def _int_pow(self, zb, n: int):
        import z3  # loaded on first use
        if n == 0:
            return z3.RealVal(1)
        pw = zb
        for _ in range(abs(n) - 1):
            pw = pw * zb
        if n < 0:
            self.side.append(zb != 0)
            return 1 / pw
        return pw

    def boolean(self, c: Boolean):
        import z3  # loaded on first use
        if isinstance(c, BooleanTrue):
            return z3.BoolVal(True)
        if isinstance(c, BooleanFalse):
            return z3.BoolVal(False)
        if isinstance(c, sympy.And):
            return z3.And(*[self.boolean(a) for a in c.args])
        if isinstance(c, sympy.Or):
            return z3.Or(*[self.boolean(a) for a in c.args])
        if isinstance(c, sympy.Not):
            return z3.Not(self.boolean(c.args[0]))
        if isinstance(c, sympy.Implies):
            return z3.Implies(self.boolean(c.args[0]), self.boolean(c.args[1]))
        if isinstance(c, sympy.Equivalent):
            return self.boolean(sympy.And(*[sympy.Implies(a, b) for a in c.args for b in c.args]))
        if isinstance(c, sympy.Xor):  # true when an odd number of the arguments are
            out = self.boolean(c.args[0])
            for a in c.args[1:]:
                out = z3.Xor(out, self.boolean(a))
            return out
        if isinstance(c, sympy.ITE):
            return z3.If(*[self.boolean(a) for a in c.args])
        if isinstance(c, sympy.core.relational.Relational):
            lhs, rhs = self.expr(c.lhs), self.expr(c.rhs)
            op = c.rel_op
            return {"<": lhs < rhs, "<=": lhs <= rhs, ">": lhs > rhs, ">=": lhs >= rhs,
                    "==": lhs == rhs, "!=": lhs != rhs}[op]
        raise NotPolynomial(str(c))


@functools.lru_cache(maxsize=256)
def _space_context(space: ParameterSpace) -> tuple[_Translator, Any] | None:
    """The space's z3 variables and translated assumptions, built once per space."""
    import z3  # loaded on first use
    tr = _Translator(space)
    try:
        assume = tr.boolean(space.assumptions)
    except NotPolynomial:
        return None
    return tr, z3.And(assume, *tr.side)


@functools.lru_cache(maxsize=8192)
def z3_check(cond: Boolean, space: ParameterSpace, interior: bool = False) -> tuple[str, dict | None]:
    """('sat', model) / ('unsat', None) / ('unknown', None) / ('nonpoly', None).

    ``interior=True`` looks for a model strictly inside the domains of roots.
    """
    # z3's default context is not thread-safe and the translator is shared
    with _Z3_LOCK:
        return _z3_check_locked(cond, space, interior)


def _z3_check_locked(cond: Boolean, space: ParameterSpace, interior: bool = False) -> tuple[str, dict | None]:
    import z3  # loaded on first use
    ctx = _space_context(space)
    if ctx is None:
        return "nonpoly", None
    tr, assume = ctx
    tr.reset(interior)
    try:
        goal = tr.boolean(cond)
    except NotPolynomial:
        return "nonpoly", None
    # A fresh (non-incremental) solver per query: z3 then runs its complete nlsat procedure on
    # nonlinear goals and honours the time limit; an incremental solver's answer time depended
    # on the history of earlier queries.
    solver = z3.Solver()
    solver.set("timeout", Z3_TIMEOUT_MS)
    solver.add(assume, goal, *tr.side)
    res = solver.check()
    if res == z3.sat:
        m = solver.model()
        point = {sym.name: _z3_number(m.eval(v, model_completion=True)) for sym, v in tr.vars.items()}
        return "sat", point
    return ("unsat", None) if res == z3.unsat else ("unknown", None)


def _z3_number(val) -> Any:
    import z3  # loaded on first use
    if z3.is_int_value(val):
        return sympy.Integer(val.as_long())
    if z3.is_rational_value(val):
        try:
            return sympy.Rational(val.numerator_as_long(), val.denominator_as_long())
        except ValueError:
            # thousands of digits exceed Python's int-from-string limit: a float witness will do
            return float(val.as_decimal(30).rstrip("?"))
    if z3.is_algebraic_value(val):
        # exact: the real root number index() (1-based, increasing) of the polynomial poly()
        x = sympy.Dummy("x")
        coeffs = [sympy.Integer(int(str(c))) for c in val.poly()]
        poly = sympy.Poly(sum(c * x**k for k, c in enumerate(coeffs)), x)
        try:
            return sympy.CRootOf(poly, int(val.index()) - 1)
        except (sympy.PolynomialError, IndexError, ValueError):
            return float(val.approx(20).as_fraction())
    return float(str(val).rstrip("?"))


def clear_z3_caches() -> None:
    """Empty the cached z3 translations and answers."""
    _space_context.cache_clear()
    z3_check.cache_clear()
