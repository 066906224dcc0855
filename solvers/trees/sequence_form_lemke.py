"""One equilibrium of a two-player tree by Lemke's algorithm on the sequence form.

References
----------
.. [1] D. Koller, N. Megiddo and B. von Stengel, "Efficient computation of
   equilibria for extensive two-person games", Games and Economic Behavior
   14 (1996) 247-259.
.. [2] B. von Stengel, A. van den Elzen and D. Talman, "Computing normal
   form perfect equilibria for extensive two-person games", Econometrica 70
   (2002) 693-715.
"""

from __future__ import annotations

from games.extensive_form import GameTree
from solvers.equilibrium import EquilibriumSet
from solvers.lemke import Tableau, lemke
from solvers.limits import Deadline, check_time_limit
from solvers.trees.sequence_form import (SequenceForm, as_sequence_form, equilibrium_from_plans,
                                         integer_payoffs)

__all__ = ["sequence_form_lemke"]


def sequence_form_lemke(tree: GameTree | SequenceForm, *, time_limit: float | None = None) -> EquilibriumSet:
    """One Nash equilibrium of a two-player tree with perfect recall, by Lemke's algorithm.

    Solves the sequence-form linear complementarity problem of Koller,
    Megiddo and von Stengel (1996): ``x`` is a best response to ``y`` with
    dual values ``u`` (``E'u - A y >= 0``, complementary to ``x >= 0``,
    ``E x = e``), and symmetrically for ``y``. The artificial variable
    ``z0`` relaxes the dual constraints of every sequence that is not the
    first action at its information set, so the path starts from the pure
    profile playing the first action everywhere (the unique best response
    to the covering vector, as in the prior-based start of von Stengel, van
    den Elzen and Talman 2002). Pivoting is exact (integers,
    fraction-free) with lexicographic degeneracy resolution, so it
    terminates.

    Parameters
    ----------
    tree : GameTree or SequenceForm
    time_limit : float, optional
        Seconds (checked at every pivot).

    Returns
    -------
    EquilibriumSet
        One equilibrium (``complete=False``) with ``behavior`` (infoset ->
        action -> probability; at information sets the player's own moves
        exclude, the first best reply against the opponent), ``path`` and
        ``payoffs``; verified by :func:`verify_sequence_form`.

    Raises
    ------
    UnsupportedGame
        See :func:`sequence_form`.
    TimeLimitExceeded
        Past ``time_limit``.

    References
    ----------
    Koller, Megiddo and von Stengel (1996); von Stengel, van den Elzen and
    Talman (2002); Lemke (1965).

    Examples
    --------
    Matching pennies where player 2 does not see the coin:

    >>> from games.extensive_form import decision, terminal
    >>> t = GameTree.build(("P1", "P2"), decision("P1", {
    ...     "H": decision("P2", {"h": terminal((1, -1)), "t": terminal((-1, 1))}, infoset="J"),
    ...     "T": decision("P2", {"h": terminal((-1, 1)), "t": terminal((1, -1))}, infoset="J")}))
    >>> eq = sequence_form_lemke(t)[0]
    >>> eq.behavior_map()["J"], eq.payoffs
    ({'h': 1/2, 't': 1/2}, (0, 0))
    """
    func = "sequence_form_lemke"
    time_limit = check_time_limit(func, time_limit)
    sf = as_sequence_form(tree, func)
    deadline = Deadline(time_limit)
    n1, n2 = sf.shape
    m1, m2 = sf.E.shape[0], sf.F.shape[0]
    A, B = integer_payoffs(sf, 0), integer_payoffs(sf, 1)
    X, Y, W1, W2 = 0, n1, n1 + n2, 2 * n1 + n2
    U, V = 2 * n1 + 2 * n2, 2 * n1 + 2 * n2 + m1
    Z0 = V + m2
    N = n1 + n2 + m1 + m2
    M = [[0] * (Z0 + 1) for _ in range(N)]
    b = [0] * N
    chosen = [{0} | {idx[0] for _, idx in sf.infoset_sequences[i].values()} for i in (0, 1)]
    for s in range(n1):
        M[s][W1 + s] = 1
        M[s][Z0] = 0 if s in chosen[0] else -1
    for t in range(n2):
        M[n1 + t][W2 + t] = 1
        M[n1 + t][Z0] = 0 if t in chosen[1] else -1
    for (s, t), v in A.items():
        M[s][Y + t] += v
    for (s, t), v in B.items():
        M[n1 + t][X + s] += v
    for r in range(m1):
        for s in range(n1):
            if sf.E[r, s]:
                M[s][U + r] = -int(sf.E[r, s])
                M[n1 + n2 + r][X + s] = int(sf.E[r, s])
    for r in range(m2):
        for t in range(n2):
            if sf.F[r, t]:
                M[n1 + t][V + r] = -int(sf.F[r, t])
                M[n1 + n2 + m1 + r][Y + t] = int(sf.F[r, t])
    b[n1 + n2] = 1
    b[n1 + n2 + m1] = 1
    basis = ([U + r for r in range(m1)] + [V + r for r in range(m2)] + [X + s for s in sorted(chosen[0])]
             + [Y + t for t in sorted(chosen[1])] + [W1 + s for s in range(n1) if s not in chosen[0]]
             + [W2 + t for t in range(n2) if t not in chosen[1]])
    free = set(range(U, Z0))
    tab = Tableau(M, b, basis, free=free)
    comp = {}
    for s in range(n1):
        comp[X + s], comp[W1 + s] = W1 + s, X + s
    for t in range(n2):
        comp[Y + t], comp[W2 + t] = W2 + t, Y + t
    lemke(tab, Z0, comp, deadline=deadline)
    x = [tab.value(X + s) for s in range(n1)]
    y = [tab.value(Y + t) for t in range(n2)]
    eq = equilibrium_from_plans(sf, x, y, "sequence-form Lemke")
    return EquilibriumSet([eq], game=sf.tree, method="sequence-form Lemke", exact=sf.exact, complete=False,
                          space=sf.tree.space)
