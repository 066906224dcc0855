"""Signs of expressions and comparisons on a space.

Part of the condition engine :mod:`games.conditions`.
"""

from __future__ import annotations

from typing import Any

import sympy

from games.errors import fmt_error
from games.parameters import ParameterSpace
from games.conditions.base import SignResult, space_of
from games.conditions.decide import decide, holds_at, is_valid, sampled_witness
from games.conditions.translate import z3_check
from games.conditions.normalize import canonical_difference, known_sign

__all__ = ["compare", "sign", "structural_sign"]


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


_TRANSCENDENTAL = (sympy.exp, sympy.log)


def _has_structure(e: sympy.Expr) -> bool:
    """Whether ``e`` has parts outside z3's fragment that :func:`structural_sign` reads."""
    return e.has(*_TRANSCENDENTAL) or any(not p.exp.is_Integer for p in e.atoms(sympy.Pow))


def structural_sign(e: sympy.Expr, space: ParameterSpace, depth: int = 0) -> str | None:
    """The sign of ``e`` proved from its structure, factor by factor, or None.

    ``exp`` is positive; ``log(u)`` has the sign of ``u - 1`` where ``u`` is
    proved positive; even integer powers are nonnegative (positive when the
    base's sign is known); odd powers keep the base's sign; real powers of a
    positive base are positive; sums of logarithms are combined
    (``logcombine``); products multiply their factors' signs. Polynomial and
    rational parts go to :func:`sign` (assumptions, then z3). Every rule is an
    identity on the space, so a non-None answer is a proof.

    Examples
    --------
    >>> s = ParameterSpace({"b": "positive", "c": "positive"}, ["c < b"])
    >>> structural_sign(sympy.log(s["c"] / s["b"]), s)
    '-'
    """
    if depth > 4:
        return None
    if e.is_number:
        if e.is_zero:
            return "0"
        return "+" if e.is_positive else ("-" if e.is_negative else None)
    if isinstance(e, sympy.exp):
        return "+"
    if isinstance(e, sympy.log):
        u = e.args[0]
        if structural_sign(u, space, depth + 1) != "+":
            return None
        return structural_sign(sympy.together(u - 1), space, depth + 1)
    if isinstance(e, sympy.Pow):
        b, x = e.args
        sb = structural_sign(b, space, depth + 1)
        if x.is_integer and x.is_even:
            if sb in ("+", "-"):
                return "+"
            return "nonnegative" if x.is_positive else None
        if x.is_integer and x.is_odd:
            if sb == "0" and x.is_negative:
                return None
            return sb
        return "+" if sb == "+" else None
    r = sign(e, space, structural=False)
    if r.proved and r.sign in ("+", "-", "0", "nonnegative", "nonpositive"):
        return r.sign
    if isinstance(e, sympy.Add) and e.has(sympy.log):
        lc = sympy.logcombine(e, force=False)
        return structural_sign(lc, space, depth + 1) if lc != e else None
    if isinstance(e, sympy.Mul) or depth == 0:
        try:
            fac = sympy.factor(sympy.logcombine(sympy.together(e), force=False))
        except (sympy.PolynomialError, TypeError, NotImplementedError):
            return None
        parts = sympy.Mul.make_args(fac)
        if len(parts) == 1:
            return None
        total, weak = 1, False
        for f in parts:
            sf = structural_sign(f, space, depth + 1)
            if sf is None:
                return None
            if sf == "0":
                return "0"
            weak = weak or sf in ("nonnegative", "nonpositive")
            total *= 1 if sf in ("+", "nonnegative") else -1
        if weak:
            return "nonnegative" if total > 0 else "nonpositive"
        return "+" if total > 0 else "-"
    return None


def _checked_witness(cond: Any, space: ParameterSpace) -> dict | None:
    """A point where ``cond`` holds, checked by exact substitution: a z3 model strictly inside
    the domains of roots, else a sampled point; None if neither is found."""
    st, w = z3_check(cond, space, True)
    if st == "sat" and w and holds_at(cond, w, space) is True:
        return w
    return sampled_witness(cond, space)


def sign(expr: Any, space: ParameterSpace | None = None, *, structural: bool = True) -> SignResult:
    """The sign of ``expr`` on the space, with how it was established.

    First factor by factor from the symbols' assumptions, then by z3 (exact
    for polynomial and rational expressions), then, for expressions with
    logarithms, exponentials or real powers, from their structure
    (:func:`structural_sign`, ``method="factors"``; with
    ``structural=True``), else by sampling.
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
    if isinstance(e, (sympy.logic.boolalg.BooleanFunction, sympy.logic.boolalg.BooleanAtom,
                      sympy.core.relational.Relational)) or not isinstance(e, sympy.Expr):
        raise TypeError(fmt_error("sign", "expr", "an expression (for a condition, use decide)", expr))
    e = e.xreplace({s: space.symbol(s.name) for s in e.free_symbols if s.name in space})
    e0 = e
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
    # witnesses are checked on the expression as given (not only on its factored form)
    for key, d, rel in (("+", pos, sympy.Gt), ("-", neg, sympy.Lt)):
        w = d.witness_true
        if w and holds_at(rel(e0, 0), w, space) is not True:
            w = _checked_witness(rel(e0, 0), space)
        if w:
            wit[key] = w
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
    if structural and _has_structure(e0):
        st = structural_sign(e0, space)
        if st is not None:
            return SignResult(st, "factors", wit)
    if "+" in wit and pos.evidence == "always":
        return SignResult("+", "sampled", wit, n)
    if "-" in wit and neg.evidence == "always":
        return SignResult("-", "sampled", wit, n)
    return SignResult("unknown", "sampled", wit, n)
