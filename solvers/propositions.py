"""Checking a researcher's propositions on a parameter space: search for counterexamples, or prove.

:func:`check_proposition` lets hypothesis search the assumption space for a
point where a claim fails and shrinks it to a simple counterexample.
:func:`prove_proposition` first tries to decide the claim exactly with z3
(polynomial and rational conditions, through :func:`games.conditions.decide`)
and falls back to the search otherwise, saying which it did.

References
----------
.. [1] D. R. MacIver, Z. Hatfield-Dodds et al. (2019), "Hypothesis: a new
   approach to property-based testing", *Journal of Open Source Software*
   4(43): 1891.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Any, Callable, Mapping

import numpy as np
import sympy
from sympy.logic.boolalg import Boolean

from games.errors import ParameterError, fmt_error
from games.parameters import ParameterSpace
from solvers.results import Result, clip, latex_value
from games import conditions as _cond

__all__ = ["PropositionResult", "check_proposition", "prove_proposition"]


@dataclass(frozen=True, eq=False)
class PropositionResult(Result):
    """The verdict on a proposition over a parameter space.

    Attributes
    ----------
    status : {"holds", "fails", "unknown"}
        ``"holds"``: proved (``proved=True``) or no counterexample found in
        ``n_examples`` tries; ``"fails"``: ``counterexample`` refutes it;
        ``"unknown"``: z3 could not decide and no search was possible.
    method : {"z3", "assumptions", "hypothesis"}
    proved : bool
        Whether ``"holds"`` is a proof rather than a failed search.
    counterexample : dict or None
        A point (name -> value) where the claim is false; from hypothesis it
        is shrunk toward simple values, from z3 it is exact.
    n_examples : int
        Points tried by the search (0 for z3).
    claim : str
        The proposition, for printing.
    error : str
        When the predicate raised at the counterexample: the exception.

    Notes
    -----
    ``bool(result)`` is True when the status is ``"holds"``.
    """

    status: str
    method: str
    proved: bool = False
    counterexample: dict | None = None
    n_examples: int = 0
    claim: str = ""
    error: str = ""

    @property
    def holds(self) -> bool:
        """Whether no counterexample is known."""
        return self.status == "holds"

    def __bool__(self) -> bool:
        return self.holds

    def __str__(self) -> str:
        if self.status == "holds":
            how = "proved by " + self.method if self.proved else f"no counterexample in {self.n_examples} points"
            return f"{self.claim}: holds ({how})"
        if self.status == "fails":
            extra = f" ({self.error})" if self.error else ""
            return f"{self.claim}: fails at {self.counterexample}{extra} (found by {self.method})"
        return f"{self.claim}: unknown ({self.method})"

    def __repr__(self) -> str:
        return f"PropositionResult({clip(str(self), 500)})"

    def to_latex(self) -> str:
        """The verdict as a line of text."""
        return latex_value(clip(str(self), 500))


def _seed(rng: Any, func: str) -> int:
    if isinstance(rng, random.Random):
        return rng.getrandbits(64)
    try:
        return int(np.random.default_rng(rng).integers(0, 2**63 - 1))
    except (TypeError, ValueError):
        raise ValueError(fmt_error(func, "rng", "None, a nonnegative int, a numpy Generator or a random.Random",
                                   rng)) from None


def _predicate(claim: Any, space: ParameterSpace, func: str) -> tuple[Callable[[dict], Any], str]:
    if callable(claim) and not isinstance(claim, sympy.Basic):
        return claim, getattr(claim, "__name__", repr(claim))
    cond = space.sympify(claim, func=func, arg="predicate") if isinstance(claim, str) else claim
    if isinstance(cond, bool):
        cond = sympy.true if cond else sympy.false
    if not isinstance(cond, Boolean):
        raise TypeError(fmt_error(func, "predicate", "a callable point -> bool or a sympy condition", claim))
    cond = space.sympify(cond, func=func, arg="predicate")

    def pred(point: dict) -> bool:
        # floats are read as the exact binary numbers they are, so that the claim is
        # decided exactly at the point (a rounded exp(x) >= 1 + x can fail near 0)
        point = {k: sympy.Rational(v) if isinstance(v, float) and math.isfinite(v) else v
                 for k, v in point.items()}
        val = cond.xreplace(space.point(point, func=func))
        if val is sympy.true or val is sympy.false:
            return val is sympy.true
        return _decide_at_point(val)
    return pred, str(cond)


def _decide_at_point(val: Any) -> bool:
    """Truth of a closed condition sympy left unevaluated, decided with enough precision.

    A relation whose two sides agree to many digits (``exp(x) >= 1 + x``
    at a tiny ``x``) is decided by the sign of its difference evaluated with
    guaranteed relative accuracy (``evalf(strict=True)``); a point where that
    fails cannot be a proven counterexample, so the claim counts as holding
    there.
    """
    if isinstance(val, sympy.core.relational.Relational) and not isinstance(
            val, (sympy.Eq, sympy.Ne)):
        diff = val.lhs - val.rhs
        try:
            d = diff.evalf(20, strict=True, maxn=4000)
        except (sympy.core.evalf.PrecisionExhausted, ValueError, TypeError):
            return True
        if d.is_zero is None and not d.is_comparable:
            return True
        return bool(type(val)(d, 0))
    return bool(sympy.simplify(val))


def check_proposition(predicate: Any, space: ParameterSpace, *, max_examples: int = 200, rng: Any = None,
                      exact: bool = False) -> PropositionResult:
    """Search the space for a counterexample to a claim, with hypothesis, and shrink it.

    Parameters
    ----------
    predicate : callable or sympy condition or str
        ``predicate(point)`` with ``point`` a dict name -> value, returning
        whether the claim holds there; or a condition in the parameters.
        A predicate that raises counts as failing at that point (the error
        is reported).
    space : ParameterSpace
        The assumptions: points are drawn from ``games.testing.points(space)``.
    max_examples : int
        Points to try.
    rng : None, int, numpy Generator or random.Random
        Seeds the search; the same seed gives the same result.
    exact : bool
        Draw exact fractions instead of floats.

    Returns
    -------
    PropositionResult
        ``status="holds"`` (no counterexample found, ``proved=False``) or
        ``"fails"`` with the shrunk ``counterexample``.

    Notes
    -----
    The search runs hypothesis' ``find``; called inside a ``@given`` test it
    nests two searches, which hypothesis flags unless that test suppresses
    ``HealthCheck.nested_given``. Unbounded domains are searched within the
    window of :func:`games.testing.points` (width 10), so a claim failing
    only far out can be reported as holding: that is a search, not a proof
    (see :func:`prove_proposition`).

    Examples
    --------
    >>> s = ParameterSpace({"x": "(0, 10)", "y": "(0, 10)"})
    >>> r = check_proposition(lambda p: p["x"] * p["y"] < 50, s, rng=0)
    >>> r.status, r.counterexample["x"] * r.counterexample["y"] >= 50
    ('fails', True)
    >>> check_proposition(lambda p: p["x"] + p["y"] > 0, s, rng=0).status
    'holds'
    """
    from hypothesis import HealthCheck, Phase, find, settings
    from hypothesis.errors import NoSuchExample, Unsatisfiable

    from games.testing import points

    func = "check_proposition"
    if not isinstance(space, ParameterSpace):
        raise ParameterError(fmt_error(func, "space", "a ParameterSpace", space))
    if isinstance(max_examples, bool) or not isinstance(max_examples, (int, np.integer)) or max_examples < 1:
        raise ValueError(fmt_error(func, "max_examples", "a positive integer", max_examples))
    seed = _seed(rng, func)
    pred, text = _predicate(predicate, space, func)
    if space.constraints and _cond.is_satisfiable(sympy.And(*space.constraints), space) is False:
        raise ParameterError(fmt_error(func, "space", "a space whose constraints can hold together",
                                       [str(c) for c in space.constraints]))
    errors: dict = {}
    tried = [0]

    def fails(point: dict) -> bool:
        tried[0] += 1
        try:
            return not bool(pred(dict(point)))
        except Exception as err:  # noqa: BLE001 - an error is a failure of the claim, reported
            errors[_key(point)] = f"{type(err).__name__}: {err}"
            return True

    conf = settings(max_examples=int(max_examples), database=None, deadline=None, derandomize=False,
                    phases=(Phase.generate, Phase.shrink), suppress_health_check=list(HealthCheck),
                    print_blob=False, report_multiple_bugs=False)
    try:
        found = find(points(space, exact=exact), fails, settings=conf, random=random.Random(seed))
    except (NoSuchExample, Unsatisfiable):
        return PropositionResult("holds", "hypothesis", False, None, tried[0], text)
    point = {k: (v if isinstance(v, (int, float)) else sympy.Rational(v.numerator, v.denominator)
                 if hasattr(v, "numerator") else v) for k, v in found.items()}
    return PropositionResult("fails", "hypothesis", False, point, tried[0], text, errors.get(_key(found), ""))


def _key(point: Mapping) -> tuple:
    return tuple(sorted((k, repr(v)) for k, v in point.items()))


def prove_proposition(claim: Any, space: ParameterSpace, *, max_examples: int = 200,
                      rng: Any = None) -> PropositionResult:
    """Prove a claim on the space with z3 where possible; otherwise search for a counterexample.

    Parameters
    ----------
    claim : sympy condition, str or callable
        A condition in the parameters (polynomial and rational conditions are
        decided exactly by z3), or a predicate ``point -> bool`` (searched
        with :func:`check_proposition`).
    space : ParameterSpace
    max_examples, rng
        For the fallback search.

    Returns
    -------
    PropositionResult
        ``method="z3"`` (or ``"assumptions"``) with ``proved=True`` when
        decided (a refuted claim comes with an exact counterexample),
        ``method="hypothesis"`` otherwise.

    Examples
    --------
    Rubinstein: the first proposer gets more than half when both discount alike.

    >>> s = ParameterSpace({"d": "(0, 1)"})
    >>> r = prove_proposition("1/(1 + d) > 1/2", s)
    >>> r.status, r.method, r.proved
    ('holds', 'z3', True)
    >>> r = prove_proposition("d**2 > d/2", s)
    >>> r.status, r.method, r.counterexample["d"] <= sympy.Rational(1, 2)
    ('fails', 'z3', True)
    >>> prove_proposition("exp(d) > 1 + d", s, rng=0).method
    'hypothesis'
    """
    func = "prove_proposition"
    if not isinstance(space, ParameterSpace):
        raise ParameterError(fmt_error(func, "space", "a ParameterSpace", space))
    if callable(claim) and not isinstance(claim, sympy.Basic):
        return check_proposition(claim, space, max_examples=max_examples, rng=rng)
    cond = space.sympify(claim, func=func, arg="claim") if not isinstance(claim, bool) else sympy.sympify(claim)
    if not isinstance(cond, Boolean):
        raise TypeError(fmt_error(func, "claim", "a condition (relation) in the parameters or a callable", claim))
    if space.constraints and _cond.is_satisfiable(sympy.And(*space.constraints), space) is False:
        raise ParameterError(fmt_error(func, "space", "a space whose constraints can hold together",
                                       [str(c) for c in space.constraints]))
    d = _cond.decide(cond, space)
    if d.method in ("z3", "trivial"):
        method = "z3" if d.method == "z3" else "assumptions"
        if d.status == "always":
            return PropositionResult("holds", method, True, None, 0, str(cond))
        if d.status in ("never", "sometimes"):
            cx = d.witness_false
            if cx is None:
                # "never": any point of the space refutes it
                cx = _cond.decide(sympy.true if not space.constraints else sympy.And(*space.constraints),
                                  space).witness_true or (space.sample(1, rng=0)[0] if len(space) else {})
            return PropositionResult("fails", method, True, cx, 0, str(cond))
    return check_proposition(cond, space, max_examples=max_examples, rng=rng)
