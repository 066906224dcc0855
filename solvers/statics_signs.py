"""Derivatives and their signs for comparative statics: kinks resolved on the space, signs proved.

A kink (``Abs``, ``Max``, ``Piecewise``...) that the space decides is
replaced by its branch (:func:`resolve_kinks`); one it does not decide makes
the target not differentiable (:func:`check_differentiable`). The sign of a
derivative is proved by the condition engine (assumptions, then z3), else
factor by factor (logs, exponentials and powers included), else sampled
(:func:`derivative_sign`).

References
----------
.. [1] P. A. Samuelson (1947), *Foundations of Economic Analysis*, Harvard
   University Press, ch. 3 (the comparative statics method).
"""

from __future__ import annotations

import sympy

from games.errors import GameError
from games.parameters import ParameterSpace
from games import conditions as _cond

__all__ = ["NotDifferentiable", "resolve_kinks", "check_differentiable", "simplify_derivative", "derivative_sign"]

#: Functions with kinks or jumps: a target containing one of them in the
#: parameter (that the space does not resolve) is not differentiable there.
_KINKS = (sympy.Abs, sympy.Max, sympy.Min, sympy.Piecewise, sympy.sign, sympy.Heaviside,
          sympy.floor, sympy.ceiling, sympy.Mod, sympy.DiracDelta)

#: Largest expression (in sympy operations) that is passed to ``sympy.simplify``.
_SIMPLIFY_OPS = 400


class NotDifferentiable(GameError, ValueError):
    """A target with a kink or jump (Abs, Max, Piecewise, ...) in the parameter on the space."""



def resolve_kinks(expr: sympy.Expr, space: ParameterSpace) -> sympy.Expr:
    """Replace Abs/Max/Min/Piecewise by one branch where the space decides which one holds.

    Parameters
    ----------
    expr : sympy.Expr
    space : ParameterSpace
        The branches are decided under its domains and constraints.

    Returns
    -------
    sympy.Expr
        ``expr`` with every decided kink replaced (undecided ones kept).

    Examples
    --------
    >>> s = ParameterSpace({"a": "positive", "b": "(0, 1)"}, ["a > 1"])
    >>> resolve_kinks(sympy.Max(s["a"], s["b"]) + sympy.Abs(s["b"] - 1), s)
    a - b + 1
    """
    for _ in range(6):
        repl = {}
        for a in expr.atoms(sympy.Abs):
            s = _cond.sign(a.args[0], space)
            if s.proved and s.sign in ("+", "nonnegative", "0"):
                repl[a] = a.args[0]
            elif s.proved and s.sign in ("-", "nonpositive"):
                repl[a] = -a.args[0]
        for a in expr.atoms(sympy.Max, sympy.Min):
            best = a.args[0]
            ok = True
            for b in a.args[1:]:
                rel = _cond.compare(best, b, space)
                if rel is None:
                    ok = False
                    break
                bigger = rel in (">", ">=", "=")
                best = best if bigger == isinstance(a, sympy.Max) or rel == "=" else b
            if ok:
                repl[a] = best
        for a in expr.atoms(sympy.Piecewise):
            for e, c in a.args:
                if c is sympy.true or _cond.is_valid(c, space) is True:
                    repl[a] = e
                    break
                if _cond.is_satisfiable(c, space) is not False:
                    break
        if not repl:
            return expr
        expr = expr.xreplace(repl)
    return expr


def check_differentiable(expr: sympy.Expr, sym: sympy.Symbol, quantity: str, func: str) -> None:
    """Refuse ``expr`` when it has a kink or jump (``Abs``, ``Max``, ``Piecewise``, ...) in ``sym``.

    Parameters
    ----------
    expr : sympy.Expr
        Best after :func:`resolve_kinks`.
    sym : sympy.Symbol
    quantity, func : str
        Names used in the error message.

    Raises
    ------
    NotDifferentiable

    Examples
    --------
    >>> a, b = sympy.symbols("a b", real=True)
    >>> check_differentiable(sympy.Abs(b) * a, a, "q", "f")
    >>> check_differentiable(sympy.Abs(a), a, "q", "f")
    Traceback (most recent call last):
    ...
    solvers.statics_signs.NotDifferentiable: f(): target must be differentiable in a on the space; got q with the kink Abs(a) (restrict the space to one side of it, e.g. space.restrict(...))
    """
    bad = [a for a in expr.atoms(*_KINKS) if sym in a.free_symbols]
    if bad:
        raise NotDifferentiable(
            f"{func}(): target must be differentiable in {sym.name} on the space; got {quantity} with the "
            f"kink {bad[0]} (restrict the space to one side of it, e.g. space.restrict(...))")


# --- signs -----------------------------------------------------------------------------------

def simplify_derivative(e: sympy.Expr) -> sympy.Expr:
    """The shortest of a few simplified forms of ``e`` (only ``together`` for a big expression).

    Examples
    --------
    >>> d = sympy.Symbol("d")
    >>> simplify_derivative(sympy.diff(d / (1 + d), d))
    (d + 1)**(-2)
    """
    e = sympy.sympify(e)
    if e.is_number:
        return sympy.nsimplify(e) if isinstance(e, sympy.Float) and e == 0 else e
    try:
        if sympy.count_ops(e) <= _SIMPLIFY_OPS:
            # simplify() alone can leave an unexpanded numerator: keep the shortest form
            candidates = [sympy.simplify(sympy.factor_terms(sympy.together(e))), sympy.factor(e)]
            return min(candidates, key=sympy.count_ops)
        return sympy.together(e)
    except (sympy.PolynomialError, TypeError, NotImplementedError):
        return e


def derivative_sign(d: sympy.Expr, space: ParameterSpace) -> tuple[str, str, str, dict, int]:
    """The sign of a derivative on the space, and how it was established.

    The condition engine first (:func:`games.conditions.sign`: the
    symbols' assumptions, then z3), then a proof factor by factor (the sign
    of ``log(u)`` is that of ``u - 1``, ``exp`` is positive, even powers are
    nonnegative), else the engine's sampled sign.

    Returns
    -------
    sign : str
        ``"+"``, ``"-"``, ``"0"``, ``"nonnegative"``, ``"nonpositive"``,
        ``"ambiguous"`` or ``"unknown"``.
    established : {"proved", "sampled"}
    method : {"assumptions", "z3", "factors", "sampled"}
    witnesses : dict
        Sign -> a point where the derivative has that sign.
    n_samples : int
        Points drawn when sampled (else 0).

    Examples
    --------
    >>> s = ParameterSpace({"b": "positive", "c": "positive"}, ["c < b"])
    >>> derivative_sign(sympy.log(s["c"] / s["b"]), s)[:3]
    ('-', 'proved', 'factors')
    """
    r = _cond.sign(d, space)
    if r.proved:
        method = r.method if r.method in ("assumptions", "factors") else "z3"
        return r.sign, "proved", method, dict(r.witnesses), 0
    return r.sign, "sampled", "sampled", dict(r.witnesses), r.n_samples

