"""Equilibria of game trees: backward induction, the sequence form, counting.

Modules, one idea each:

- :mod:`solvers.trees.solve` -- :func:`subgame_perfect`, the entry point;
- :mod:`solvers.trees.backward_induction` -- the case-split engine (symbolic
  regimes, imperfect-information subgames);
- :mod:`solvers.trees.perfect_information` -- numeric perfect-information
  trees without sympy, and :func:`count_subgame_perfect`;
- :mod:`solvers.trees.verify` -- :func:`verify_subgame_perfect`;
- :mod:`solvers.trees.paths` -- :class:`PathStep`;
- :mod:`solvers.trees.results` -- :class:`TreeEquilibriumSet`;
- :mod:`solvers.trees.sequence_form` -- the sequence form and its certificates;
- :mod:`solvers.trees.sequence_form_lemke`, :mod:`solvers.trees.sequence_form_enumeration`,
  :mod:`solvers.trees.zero_sum` -- sequence-form solvers.
"""

from solvers.trees.paths import PathStep
from solvers.trees.perfect_information import SPECount, count_subgame_perfect
from solvers.trees.results import TreeEquilibriumSet
from solvers.trees.sequence_form import SequenceForm, realization_plan, sequence_form, verify_sequence_form
from solvers.trees.sequence_form_enumeration import sequence_form_equilibria
from solvers.trees.sequence_form_lemke import sequence_form_lemke
from solvers.trees.solve import subgame_perfect
from solvers.trees.verify import verify_subgame_perfect
from solvers.trees.zero_sum import sequence_form_zero_sum

__all__ = [
    "PathStep",
    "SPECount",
    "count_subgame_perfect",
    "TreeEquilibriumSet",
    "SequenceForm",
    "realization_plan",
    "sequence_form",
    "verify_sequence_form",
    "sequence_form_equilibria",
    "sequence_form_lemke",
    "subgame_perfect",
    "verify_subgame_perfect",
    "sequence_form_zero_sum",
]
