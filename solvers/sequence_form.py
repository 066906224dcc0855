"""Sequence-form solvers for two-player game trees with perfect recall.

The sequence form (Koller, Megiddo and von Stengel 1996; von Stengel 1996)
describes a mixed strategy by its *realization plan*: the probability with
which a player's own moves follow each of her *sequences* (the empty
sequence, and every (information set, action) pair with the moves leading to
it). Realization plans are the points ``x >= 0`` with ``E x = e`` (player 1)
and ``y >= 0`` with ``F y = f`` (player 2), and the expected payoffs are the
bilinear forms ``x' A y`` and ``x' B y``. Its size is linear in the tree,
where the reduced normal form grows exponentially.

Here: :func:`sequence_form` builds the matrices (exact where the tree is
exact), :func:`sequence_form_lemke` finds one equilibrium by Lemke's
algorithm, :func:`sequence_form_equilibria` enumerates all extreme
equilibria, :func:`sequence_form_zero_sum` solves zero-sum trees by linear
programming, and :func:`verify_sequence_form` checks a behaviour profile
exactly (no player gains by a best response in the tree).

References
----------
.. [1] D. Koller, N. Megiddo and B. von Stengel, "Efficient computation of
   equilibria for extensive two-person games", Games and Economic Behavior
   14 (1996) 247-259.
.. [2] B. von Stengel, "Efficient computation of behavior strategies",
   Games and Economic Behavior 14 (1996) 220-246.
.. [3] B. von Stengel, A. van den Elzen and D. Talman, "Computing normal
   form perfect equilibria for extensive two-person games", Econometrica 70
   (2002) 693-715.

The implementation lives in :mod:`solvers.trees` (``sequence_form``,
``sequence_form_lemke``, ``sequence_form_enumeration``, ``zero_sum``); this
module re-exports it.
"""

from __future__ import annotations

from solvers.trees.sequence_form import SequenceForm, realization_plan, sequence_form, verify_sequence_form
from solvers.trees.sequence_form_enumeration import sequence_form_equilibria
from solvers.trees.sequence_form_lemke import sequence_form_lemke
from solvers.trees.zero_sum import sequence_form_zero_sum

__all__ = ["SequenceForm", "sequence_form", "realization_plan", "verify_sequence_form",
           "sequence_form_lemke", "sequence_form_equilibria", "sequence_form_zero_sum"]
