"""Signs of expressions and comparisons on a space.

Part of the condition engine :mod:`games.conditions`.
"""

from __future__ import annotations

from typing import Any

import sympy

from games.parameters import ParameterSpace
from games.conditions.base import SignResult, space_of
from games.conditions.decide import decide, is_valid
from games.conditions.normalize import canonical_difference, known_sign

__all__ = ["compare", "sign"]


def compare(a: Any, b: Any, space: ParameterSpace | None = None) -> str | None:
    """The relation between ``a`` and ``b`` that holds everywhere on the space.

    Returns ``"="``, ``">"``, ``"<"``, ``">="``, ``"<="`` or ``None`` when no
    relation holds everywhere (the comparison depends on the parameters) or
    it cannot be decided.

    Examples
    --------
    >>> space = ParameterSpace({"g": "positive", "f": "positive"}, ["f > g"])
    >>> compare(space["g"] - space["f"], 0, space), compare(space["g"], 1, space)
    ('<', None)
    >>> compare(sympy.Rational(1, 2), 0.5)
    '='
    """
    a, b = sympy.sympify(a), sympy.sympify(b)
    d = sympy.expand(a - b) if not (a.is_number and b.is_number) else a - b
    if d.is_number:
        if d == 0:
            return "="
        return ">" if d > 0 else "<"
    space = space_of(d, space)
    if sympy.simplify(d) == 0:
        return "="
    for rel, tag in ((sympy.Gt(d, 0), ">"), (sympy.Lt(d, 0), "<")):
        if is_valid(rel, space):
            return tag
    if is_valid(sympy.Eq(d, 0), space):
        return "="
    for rel, tag in ((sympy.Ge(d, 0), ">="), (sympy.Le(d, 0), "<=")):
        if is_valid(rel, space):
            return tag
    return None


def sign(expr: Any, space: ParameterSpace | None = None) -> SignResult:
    """The sign of ``expr`` on the space, with how it was established.

    First factor by factor from the symbols' assumptions, then by z3 (exact
    for polynomial and rational expressions), else by sampling.

    Examples
    --------
    >>> s = ParameterSpace({"d1": "(0, 1)", "d2": "(0, 1)"})
    >>> share = (1 - s["d2"]) / (1 - s["d1"] * s["d2"])
    >>> r = sign(sympy.diff(share, s["d1"]), s)
    >>> r.sign, r.method
    ('+', 'z3')
    >>> sign(s["d1"] - s["d2"], s).sign
    'ambiguous'
    """
    space = space_of(sympy.sympify(expr), space)
    e = space.sympify(expr, func="sign", arg="expr") if isinstance(expr, str) else sympy.sympify(expr)
    e = e.xreplace({s: space.symbol(s.name) for s in e.free_symbols if s.name in space})
    if e.is_zero or (e.is_number and e == 0):
        return SignResult("0", "assumptions")
    if e.is_positive:
        return SignResult("+", "assumptions")
    if e.is_negative:
        return SignResult("-", "assumptions")
    # where the expression as written is defined: its denominators are nonzero (a factor
    # cancelled below may vanish there, and witnesses must not lie on such a point)
    defined = sympy.And(*[sympy.Ne(p.base, 0) for p in e.atoms(sympy.Pow)
                          if p.exp.is_negative and not p.base.is_number and p.base.is_nonzero is not True])
    e = canonical_difference(e)
    if e == 0:
        return SignResult("0", "assumptions")
    fac = sympy.factor(e)
    sgn = 1
    unknown = []
    for f in sympy.Mul.make_args(fac):
        s = known_sign(f)
        if s is None:
            unknown.append(f)
        elif s == 0:
            return SignResult("0", "assumptions")
        else:
            sgn *= s
    if not unknown:
        return SignResult("+" if sgn > 0 else "-", "assumptions")
    rest = sympy.Mul(*unknown) * sgn
    pos = decide(sympy.And(sympy.Gt(rest, 0), defined), space)
    neg = decide(sympy.And(sympy.Lt(rest, 0), defined), space)
    n = max(pos.n_samples, neg.n_samples)
    wit = {}
    if pos.witness_true:
        wit["+"] = pos.witness_true
    if neg.witness_true:
        wit["-"] = neg.witness_true
    if pos.status != "unknown" and neg.status != "unknown":
        method = "z3" if "exact" not in (pos.method, neg.method) else "exact"
        if pos.status == "always":
            return SignResult("+", method, wit)
        if neg.status == "always":
            return SignResult("-", method, wit)
        if pos.status == "never" and neg.status == "never":
            return SignResult("0", method)
        if neg.status == "never":
            return SignResult("nonnegative" if "+" in wit else "0", method, wit)
        if pos.status == "never":
            return SignResult("nonpositive", method, wit)
        return SignResult("ambiguous", method, wit)
    if "+" in wit and "-" in wit:
        # both witnesses were checked by exact substitution: a proof
        return SignResult("ambiguous", "exact", wit, n)
    if "+" in wit and pos.evidence == "always":
        return SignResult("+", "sampled", wit, n)
    if "-" in wit and neg.evidence == "always":
        return SignResult("-", "sampled", wit, n)
    return SignResult("unknown", "sampled", wit, n)
