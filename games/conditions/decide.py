"""Deciding a condition on a space: always, never, sometimes, with proofs or evidence.

Part of the condition engine :mod:`games.conditions`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

import numpy as np
import sympy
from sympy.logic.boolalg import Boolean

from games.errors import ParameterError
from games.parameters import ParameterSpace
from games.conditions.base import Decision, N_SAMPLES, as_boolean, space_of
from games.conditions.samples import witness_sampler
from games.conditions.translate import z3_check

__all__ = ["holds_at", "decide", "is_satisfiable", "is_valid", "sampled_witness"]


def _sample_eval(cond: Boolean, space: ParameterSpace,
                 n: int) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """``(value, defined, columns)`` at ``n`` sampled points; a point is undefined where a
    side of a relation is not a finite real number (a square root of a negative number, a
    zero denominator), and its value there means nothing."""
    cols = space.sample_columns(n, rng=0)
    cond = sympy.sympify(cond).xreplace({sympy.zoo: sympy.nan})
    args = [cols[nm] for nm in space.names]
    f = sympy.lambdify(space.symbols, cond, modules="numpy")
    defined = np.ones(n, dtype=bool)
    with np.errstate(all="ignore"):
        val = np.broadcast_to(np.asarray(f(*args), dtype=bool), (n,))
        for rel in cond.atoms(sympy.core.relational.Relational):
            for side in (rel.lhs, rel.rhs):
                if side.is_number:
                    continue
                g = sympy.lambdify(space.symbols, side, modules="numpy")
                v = np.broadcast_to(np.asarray(g(*args)), (n,))
                if np.iscomplexobj(v):
                    defined &= np.abs(v.imag) == 0
                    v = v.real
                defined &= np.isfinite(np.asarray(v, dtype=float))
    return val, defined, cols


def _row(cols: Mapping[str, np.ndarray], i: int) -> dict:
    return {nm: float(c[i]) for nm, c in cols.items()}


def holds_at(cond: Any, point: Mapping[str, Any], space: ParameterSpace | None = None) -> bool | None:
    """Whether ``cond`` holds at ``point``, decided by exact substitution.

    Float coordinates are taken as the exact binary rationals they are.
    Returns None when sympy cannot decide the substituted condition (or the
    point lies outside the space).

    Examples
    --------
    >>> s = ParameterSpace({"a": "positive"})
    >>> holds_at("a**2 > 2", {"a": 1.5}, s), holds_at("exp(a) > 2", {"a": 0.5}, s)
    (True, False)
    """
    space = space_of(cond, space)
    cond = as_boolean(cond, space, "holds_at")
    sub = {}
    for name, v in point.items():
        if name not in space:
            continue
        if isinstance(v, float):
            v = sympy.Rational(Fraction(v))
        sub[space.symbol(name)] = sympy.sympify(v)
    try:
        if space.assumptions.xreplace(sub) is not sympy.true:
            return None
        # undefined where a side of a relation is not a finite real number
        for rel in cond.atoms(sympy.core.relational.Relational):
            for side in (rel.lhs, rel.rhs):
                v = side.xreplace(sub)
                if v.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or v.is_real is False:
                    return None
                if v.is_number and v.is_real is None and sympy.im(sympy.N(v, 30)) != 0:
                    return None
        val = cond.xreplace(sub)
        if val not in (sympy.true, sympy.false):
            val = sympy.simplify(val)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if val is sympy.true:
        return True
    if val is sympy.false:
        return False
    return None


def _checked(cond: Boolean, point: dict | None, want: bool, space: ParameterSpace) -> dict | None:
    """``point`` if substituting it into ``cond`` gives ``want`` (or cannot be decided); else a
    sampled point checked by exact substitution (a z3 model on a boundary, with algebraic
    coordinates, can defeat sympy's evaluation), else None."""
    if not point:
        return point
    if holds_at(cond, point, space) is (not want):
        goal = cond if want else sympy.Not(cond)
        st, inner = z3_check(goal, space, True)
        if st == "sat" and inner and holds_at(cond, inner, space) is want:
            return inner
        return sampled_witness(goal, space)
    return point


def _trivially_valid(cond: Boolean) -> bool:
    """``A -> B`` (or ``Or(Not(A), B)``) where B is one of A's conjuncts."""
    if isinstance(cond, sympy.Implies):
        prem, concl = cond.args
        prem_parts = set(sympy.And.make_args(prem))
        return all(c in prem_parts for c in sympy.And.make_args(concl))
    return False


def decide(cond: Any, space: ParameterSpace | None = None) -> Decision:
    """Decide whether ``cond`` holds always, never or sometimes on ``space``.

    Polynomial and rational conditions (with square roots and other rational
    powers, ``Abs``, ``Min``/``Max`` and ``Piecewise`` reformulated exactly)
    are decided by z3. Others are sampled; witnesses found by sampling are
    checked by exact substitution, and only such checked witnesses count as
    proof. A sample never proves ``"always"`` or ``"never"``: the status is
    then ``"unknown"`` and :attr:`Decision.evidence` says what the samples
    suggest.

    Parameters
    ----------
    cond : sympy Boolean, relation, str or bool
    space : ParameterSpace, optional
        Defaults to a space read off the symbols' assumptions.

    Returns
    -------
    Decision

    Examples
    --------
    >>> space = ParameterSpace({"gain": "positive", "fine": "positive"}, ["fine > gain"])
    >>> decide("fine - gain > 0", space).status
    'always'
    >>> d = decide("fine > 2*gain", space)
    >>> d.status, d.method
    ('sometimes', 'z3')
    >>> decide("gain > fine", space).status
    'never'
    >>> d = decide("sqrt(fine) > gain", space)
    >>> d.status, d.method, d.established
    ('sometimes', 'z3', 'proved')
    """
    space = space_of(cond, space)
    cond = as_boolean(cond, space, "decide")
    if cond is sympy.true:
        return Decision("always", "trivial")
    if cond is sympy.false:
        return Decision("never", "trivial")
    if _trivially_valid(cond):
        return Decision("always", "trivial")
    st1, w1 = z3_check(cond, space)
    w1 = _checked(cond, w1, True, space)
    if st1 == "unsat":
        return Decision("never", "z3")
    if st1 == "sat":
        st2, w2 = z3_check(sympy.Not(cond), space)
        w2 = _checked(cond, w2, False, space)
        if st2 == "unsat":
            return Decision("always", "z3", witness_true=w1)
        if st2 == "sat":
            return Decision("sometimes", "z3", witness_true=w1, witness_false=w2)
    # z3 gave up on the condition: its negation may still be decided
    w_false = None
    if st1 == "unknown":
        st2, w2 = z3_check(sympy.Not(cond), space)
        if st2 == "unsat":
            return Decision("always", "z3")
        if st2 == "sat":
            w_false = _checked(cond, w2, False, space)
    # sampling fallback (outside z3's fragment, or z3 gave up): evidence, and
    # witnesses that become proofs once checked by exact substitution
    try:
        val, defined, cols = _sample_eval(cond, space, N_SAMPLES)
    except (ParameterError, TypeError, ValueError, NameError, KeyError, AttributeError):
        return Decision("unknown", "sampled")
    wt = wf = None
    for want, idx in ((True, np.flatnonzero(val & defined)), (False, np.flatnonzero(~val & defined))):
        for i in idx[:5]:
            pt = _row(cols, int(i))
            if holds_at(cond, pt, space) is want:
                if want:
                    wt = pt
                else:
                    wf = pt
                break
    if st1 == "sat" and w1:
        wt = w1
    if w_false and not wf:
        wf = w_false
    if wt and wf:
        return Decision("sometimes", "exact", witness_true=wt, witness_false=wf, n_samples=N_SAMPLES)
    live = val[defined]
    evidence = None if not live.size else ("always" if live.all() else ("never" if not live.any() else None))
    return Decision("unknown", "sampled", witness_true=wt, witness_false=wf, n_samples=N_SAMPLES,
                    evidence=evidence)


def sampled_witness(cond: Any, space: ParameterSpace | None = None) -> dict | None:
    """A point of the space's shared samples where ``cond`` holds, checked by exact substitution.

    The points of :func:`~games.conditions.samples.witness_sampler` are
    tried in floating point; the first few candidates are then checked by
    :func:`holds_at`. A returned point is a proof that ``cond`` is
    satisfiable; None proves nothing.

    Examples
    --------
    >>> s = ParameterSpace({"a": "positive", "b": "positive"})
    >>> pt = sampled_witness("a > 2*b", s)
    >>> holds_at("a > 2*b", pt, s), sampled_witness("Eq(a, b)", s)
    (True, None)
    """
    space = space_of(cond, space)
    cond = as_boolean(cond, space, "sampled_witness")
    if cond in (sympy.true, sympy.false):
        return {} if cond is sympy.true else None
    w = witness_sampler(space)
    if not w.n or cond.has(sympy.Eq):
        return None  # an equality holds at no sampled point in general
    try:
        f = sympy.lambdify(space.symbols, cond, modules="numpy")
        with np.errstate(all="ignore"):
            val = np.broadcast_to(np.asarray(f(*(w.cols[nm] for nm in space.names)), dtype=bool), (w.n,))
    except (TypeError, ValueError, NameError, KeyError, AttributeError, ZeroDivisionError):
        return None
    sides = [side for rel in cond.atoms(sympy.core.relational.Relational) for side in (rel.lhs, rel.rhs)]
    for i in np.flatnonzero(val)[:4]:
        exact = w.exact_point(int(i))
        if exact is None:  # not in the space
            continue
        sub = {s: sympy.Rational(v.numerator, v.denominator) for s, v in exact.items()}
        # rational sides evaluate to rationals: the condition is then decided exactly here
        if all(side.xreplace(sub).is_Rational for side in sides):
            if cond.xreplace(sub) is sympy.true:
                return w.row(int(i))
        elif holds_at(cond, w.row(int(i)), space) is True:
            return w.row(int(i))
    return None


def is_satisfiable(cond: Any, space: ParameterSpace | None = None, *, witnesses: bool = False) -> bool | None:
    """True if ``cond`` holds somewhere on the space, False if nowhere, None if undecided.

    True and False are proofs (z3, or a witness point checked by exact
    substitution); a sampled answer is never turned into either.

    With ``witnesses=True`` the space's shared sample points
    (:func:`~games.conditions.samples.witness_sampler`) are tried first: a
    point where ``cond`` holds in floating point and then by exact
    substitution answers True without calling z3.

    Examples
    --------
    >>> s = ParameterSpace({"d": "(0, 1)"})
    >>> is_satisfiable("d > 1", s), is_satisfiable("d**2 < d/2", s, witnesses=True)
    (False, True)
    """
    space = space_of(cond, space)
    cond = as_boolean(cond, space, "is_satisfiable")
    if cond in (sympy.true, sympy.false):
        return cond is sympy.true
    if witnesses and sampled_witness(cond, space) is not None:
        return True
    # one z3 query suffices here; decide() would also ask about the negation
    st, w = z3_check(cond, space)
    if st == "unsat":
        return False
    if st == "sat" and (not w or _checked(cond, w, True, space) is not None):
        return True  # z3's model, checked by exact substitution (or a checked replacement)
    d = decide(cond, space)
    if d.status in ("always", "sometimes"):
        return True
    if d.status == "never":
        return False
    return True if d.witness_true else None


def is_valid(cond: Any, space: ParameterSpace | None = None) -> bool | None:
    """True if ``cond`` holds everywhere on the space, False if it fails somewhere, None if undecided.

    True and False are proofs (z3, or a counterexample checked by exact
    substitution); a sampled answer is never turned into either.

    Examples
    --------
    >>> s = ParameterSpace({"d1": "(0, 1)", "d2": "(0, 1)"})
    >>> is_valid("(1 - d2)/(1 - d1*d2) > 0", s), is_valid("d1 > d2", s)
    (True, False)
    """
    space = space_of(cond, space)
    cond = as_boolean(cond, space, "is_valid")
    if cond in (sympy.true, sympy.false):
        return cond is sympy.true
    if _trivially_valid(cond):
        return True
    st, w = z3_check(sympy.Not(cond), space)
    if st == "unsat":
        return True
    if st == "sat" and (not w or _checked(cond, w, False, space) is not None):
        return False  # a counterexample, checked by exact substitution (or a checked replacement)
    d = decide(cond, space)
    if d.status == "always":
        return True
    if d.status in ("never", "sometimes"):
        return False
    return False if d.witness_false else None
