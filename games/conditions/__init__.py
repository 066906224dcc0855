"""The condition engine: decide and simplify parameter conditions.

Every solver that produces a condition over a model's parameters ("this
profile is an equilibrium iff ``fine*p > cost``") sends it here. sympy does
the algebra; z3's nonlinear real arithmetic decides exactly whether a
polynomial (or rational) condition can hold somewhere on the
:class:`~games.parameters.ParameterSpace` and whether it holds everywhere.
Conditions outside that fragment (``exp``, ``log``, non-integer powers) fall
back to sampling the space; a sampled answer is evidence, never a proof, and
results say so (``Decision.established``).

Nothing here calls ``bool()`` on a symbolic relation. The engine is the one
place that decides, simplifies, normalises and signs a parameter condition;
its modules:

* :mod:`~games.conditions.base`: :class:`Decision`, :class:`SignResult`;
* :mod:`~games.conditions.translate`: sympy to z3, with exact
  reformulations of rational powers, ``Abs``, ``Min``/``Max``, ``Piecewise``;
* :mod:`~games.conditions.decide`: :func:`decide`, :func:`is_satisfiable`,
  :func:`is_valid`, :func:`holds_at` (exact substitution),
  :func:`sampled_witness`;
* :mod:`~games.conditions.normalize`: :func:`canonical_difference`,
  :func:`normalize_relation`;
* :mod:`~games.conditions.simplify`: :func:`simplify_condition`,
  :func:`reduce_condition`, :func:`require_condition`, :class:`SatContext`;
* :mod:`~games.conditions.signs`: :func:`sign`, :func:`compare`;
* :mod:`~games.conditions.factoring`: :func:`factor_expr`,
  :func:`cancel_expr`, :func:`sign_normal_form` (exact and fast, by
  python-flint; the ``fast=True`` path of :func:`normalize_relation`);
* :mod:`~games.conditions.polynomial_matrices`:
  :func:`scaled_characteristic_polynomial` (fraction-free characteristic
  polynomials and Hurwitz minors of symbolic Jacobian blocks),
  :func:`factored_determinant`;
* :mod:`~games.conditions.samples`: :func:`witness_sampler`, the sampled
  points behind ``simplify_condition(..., witnesses=True)`` and
  ``is_satisfiable(..., witnesses=True)`` (every witness checked exactly).

References
----------
.. [1] D. Jovanović and L. de Moura, "Solving non-linear arithmetic",
   IJCAR 2012 (the nlsat procedure behind z3's ``QF_NRA``).
"""

from __future__ import annotations

from games.conditions.simplify import SatContext
from games.conditions.base import Decision
from games.conditions.base import SignResult
from games.conditions.decide import decide
from games.conditions.decide import is_satisfiable
from games.conditions.decide import is_valid
from games.conditions.simplify import simplify_condition
from games.conditions.signs import compare
from games.conditions.signs import sign
from games.conditions.signs import structural_sign
from games.conditions.normalize import normalize_relation
from games.conditions.decide import holds_at
from games.conditions.normalize import canonical_difference
from games.conditions.simplify import reduce_condition
from games.conditions.simplify import require_condition
from games.conditions.simplify import clear_caches
from games.conditions.base import Z3_TIMEOUT_MS
from games.conditions.base import N_SAMPLES
from games.conditions.factoring import cancel_expr
from games.conditions.factoring import factor_expr
from games.conditions.polynomial_matrices import factored_determinant
from games.conditions.polynomial_matrices import scaled_characteristic_polynomial
from games.conditions.factoring import sign_normal_form
from games.conditions.normalize import merge_equalities
from games.conditions.samples import witness_sampler
from games.conditions.decide import sampled_witness

__all__ = [
    "SatContext",
    "Decision",
    "SignResult",
    "decide",
    "is_satisfiable",
    "is_valid",
    "simplify_condition",
    "compare",
    "sign",
    "structural_sign",
    "normalize_relation",
    "holds_at",
    "canonical_difference",
    "reduce_condition",
    "require_condition",
    "clear_caches",
    "Z3_TIMEOUT_MS",
    "N_SAMPLES",
    "cancel_expr",
    "factor_expr",
    "sign_normal_form",
    "scaled_characteristic_polynomial",
    "factored_determinant",
    "merge_equalities",
    "witness_sampler",
    "sampled_witness",
]
