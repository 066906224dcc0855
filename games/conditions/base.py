"""Shared values of the condition engine: decisions, signs, argument checks.

Part of the condition engine :mod:`games.conditions`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sympy
from sympy.logic.boolalg import Boolean

from games.errors import ParameterError, fmt_error
from games.parameters import ParameterSpace

__all__ = ["Z3_TIMEOUT_MS", "N_SAMPLES", "Decision", "SignResult", "NotPolynomial", "space_of", "as_boolean"]


#: Per-query z3 time limit in milliseconds; past it the answer is "unknown".
Z3_TIMEOUT_MS = 3000


#: Points drawn by the sampling fallback.
N_SAMPLES = 2000


@dataclass(frozen=True)
class Decision:
    """Whether a condition holds on a parameter space.

    Attributes
    ----------
    status : {"always", "never", "sometimes", "unknown"}
        ``"unknown"`` unless the status is proved (see :attr:`established`).
    method : {"trivial", "z3", "exact", "sampled"}
        How the status was established: ``"trivial"`` (the condition is a
        constant, or an implication whose conclusion is one of its premises),
        ``"z3"`` (a decision procedure), ``"exact"`` (witness points found by
        sampling and checked by exact substitution), ``"sampled"`` (evidence
        only, no proof).
    witness_true, witness_false : dict or None
        A point (name -> number) where the condition holds / fails. Witnesses
        of proved statuses are checked by exact substitution.
    n_samples : int
        Points drawn when sampling was used.
    evidence : {"always", "never", None}
        When ``status == "unknown"`` and sampling found the condition true
        (false) at every sampled point, ``"always"`` (``"never"``): evidence,
        not a proof.
    """

    status: str
    method: str
    witness_true: dict | None = None
    witness_false: dict | None = None
    n_samples: int = 0
    evidence: str | None = None

    @property
    def established(self) -> str:
        """``"proved"`` (the status is a theorem on the space), ``"sampled"`` (evidence
        from sampling only, see :attr:`evidence`) or ``"undecided"``."""
        if self.status != "unknown":
            return "proved"
        return "sampled" if self.n_samples and self.evidence else "undecided"


@dataclass(frozen=True)
class SignResult:
    """The sign of an expression on a parameter space.

    Attributes
    ----------
    sign : {"+", "-", "0", "nonnegative", "nonpositive", "ambiguous", "unknown"}
    method : {"assumptions", "z3", "exact", "factors", "sampled"}
        ``"assumptions"``, ``"z3"``, ``"exact"`` (an ambiguous sign shown by two
        witness points checked by exact substitution) and ``"factors"`` (proved
        from the expression's structure) are proofs; ``"sampled"`` is not.
    witnesses : dict
        Sign -> a point where the expression has that sign (for ambiguous signs).
    n_samples : int
    """

    sign: str
    method: str
    witnesses: dict = field(default_factory=dict)
    n_samples: int = 0

    @property
    def proved(self) -> bool:
        """Whether the sign is a proof (not a sample)."""
        return self.method in ("assumptions", "z3", "exact", "factors")

    @property
    def established(self) -> str:
        """``"proved"``, ``"sampled"`` or ``"undecided"`` (nothing known)."""
        if self.proved:
            return "proved"
        return "sampled" if self.sign != "unknown" else "undecided"


class NotPolynomial(Exception):
    pass


def space_of(cond: Any, space: ParameterSpace | None) -> ParameterSpace:
    if space is None:
        syms = getattr(cond, "free_symbols", set())
        return ParameterSpace.from_symbols(syms)
    if not isinstance(space, ParameterSpace):
        raise ParameterError(fmt_error("conditions", "space", "a ParameterSpace", space))
    return space


def as_boolean(cond: Any, space: ParameterSpace, func: str) -> Boolean:
    if isinstance(cond, bool):
        return sympy.true if cond else sympy.false
    if isinstance(cond, str):
        cond = space.sympify(cond, func=func, arg="condition")
    if not isinstance(cond, Boolean):
        raise ParameterError(fmt_error(func, "condition", "a sympy Boolean or relation", cond))
    unknown = sorted(s.name for s in cond.free_symbols if s not in space.symbols)
    if unknown:
        # symbols with the same names but other assumptions are rebound
        names = set(space.names)
        if all(n in names for n in unknown):
            cond = cond.xreplace({s: space.symbol(s.name) for s in cond.free_symbols})
        else:
            raise ParameterError(fmt_error(func, "condition", f"a condition in the parameters {list(space.names)}",
                                           f"{cond} (unknown: {', '.join(n for n in unknown if n not in names)})"))
    return cond
