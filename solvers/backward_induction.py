"""Subgame-perfect equilibria of game trees by backward induction.

:func:`subgame_perfect` solves a :class:`~games.extensive_form.GameTree`
from its last subgames up. At a decision node that roots a subgame the mover
picks a payoff-maximising action; with symbolic payoffs a comparison that
the symbols' assumptions settle is decided at once, and any other splits
the current regime in two (``u_j >= u_k`` and the rest), each kept only if
it is satisfiable on the parameter space *within the regime* (z3, through
one incremental solver per solve; non-polynomial conditions go to
:func:`games.conditions.is_satisfiable`). So every equilibrium comes with
the exact condition under which it is subgame perfect, with conjuncts
implied by the others dropped. Subgames with imperfect information are
solved in their reduced strategic form by :func:`solvers.nash.equilibria`
(each distinct strategic form once) and combined; their equilibria are
turned into behaviour strategies (Kuhn) and reported once per behaviour
profile. Chance moves are averaged, exactly where the input is exact. The
equilibrium path is a tuple of :class:`PathStep` (who moves, with which
probabilities), the plain action sequence when play is pure and has no chance.

Numeric trees with perfect information take a fast path without sympy:
vectorised backward induction over the depth levels of numpy arrays when the
SPE is unique (or ties are broken "first"/"last"), otherwise an iterative
post-order enumeration over floats or :class:`fractions.Fraction` (exact
trees). A float tree of 10^5 nodes solves in well under a second.

References
----------
.. [1] R. Selten, "Spieltheoretische Behandlung eines Oligopolmodells mit
   Nachfrageträgheit", Zeitschrift für die gesamte Staatswissenschaft 121
   (1965): subgame perfection.
.. [2] H. W. Kuhn, "Extensive games and the problem of information",
   Contributions to the Theory of Games II (1953): backward induction.
.. [3] M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT
   Press 1994, ch. 6 (one-deviation property) and ch. 11.

The implementation lives in :mod:`solvers.trees`; this module re-exports it
and holds the outcome view (:func:`outcome_regimes`).
"""

from __future__ import annotations

import sympy

from games import conditions as _cond
from solvers.equilibrium import EquilibriumSet
from solvers.results import Regime
from solvers.trees.paths import PathStep
from solvers.trees.solve import MAX_EQUILIBRIA, subgame_perfect
from solvers.trees.verify import verify_subgame_perfect

__all__ = ["subgame_perfect", "PathStep", "OutcomeRegime", "outcome_regimes", "verify_subgame_perfect",
           "MAX_EQUILIBRIA"]


#: The regime of one equilibrium outcome (kept under its old name): a
#: :class:`~solvers.results.Regime` whose ``label`` is the path text and whose
#: ``data`` holds ``path`` (tuple of :class:`PathStep`) and ``payoffs`` (of the
#: first equilibrium with that path); ``members`` index the EquilibriumSet.
OutcomeRegime = Regime


def outcome_regimes(spe: EquilibriumSet) -> tuple[Regime, ...]:
    """Group subgame-perfect equilibria by outcome: each distinct path with its condition.

    This is the "Proposition 1" view of a solved tree: which play arises
    where in the parameter space. Conditions are simplified on the space.

    Returns
    -------
    tuple of Regime
        One per distinct path: ``condition`` (where some SPE has this
        outcome: the union of its equilibria's conditions), ``members``
        (their indices in ``spe``), ``label`` (the path as text) and the data
        attributes ``path`` (tuple of :class:`PathStep`) and ``payoffs``.

    Examples
    --------
    >>> from games.catalog.trees import entry_deterrence
    >>> [(r.path, r.condition) for r in outcome_regimes(subgame_perfect(entry_deterrence()))]
    [(('In', 'Accommodate'), True)]
    """
    space = spe.space
    groups: dict[tuple, list[int]] = {}
    for i, e in enumerate(spe):
        groups.setdefault(e.path, []).append(i)
    ctx = _cond.SatContext(space) if space is not None and len(space) else None
    out = []
    for path, members in groups.items():
        parts = list(dict.fromkeys(spe[i].condition for i in members))
        if ctx is not None and sympy.true not in parts:
            # drop the cases (e.g. tie boundaries) contained in the others
            i = 0
            while i < len(parts) and len(parts) > 1:
                rest = sympy.Or(*(parts[:i] + parts[i + 1:]))
                if ctx.sat(sympy.And(parts[i], sympy.Not(rest))) is False:
                    parts.pop(i)
                else:
                    i += 1
            cond = sympy.Or(*parts)
            if ctx.sat(sympy.Not(cond)) is False:
                cond = sympy.true
        else:
            cond = sympy.Or(*parts)
        out.append(Regime(cond, tuple(members), label=" -> ".join(map(str, path)),
                          data={"path": path, "payoffs": spe[members[0]].payoffs},
                          space=space if space is not None and len(space) else None))
    return tuple(out)

