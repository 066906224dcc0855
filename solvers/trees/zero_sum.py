"""Two-player zero-sum trees: the sequence-form linear program.

References
----------
.. [1] D. Koller, N. Megiddo and B. von Stengel, "Efficient computation of
   equilibria for extensive two-person games", Games and Economic Behavior
   14 (1996) 247-259.
.. [2] B. von Stengel, "Efficient computation of behavior strategies",
   Games and Economic Behavior 14 (1996) 220-246.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy

from games.errors import GameError, UnsupportedGame, fmt_error
from games.extensive_form import GameTree
from solvers.equilibrium import Equilibrium, EquilibriumSet
from solvers.trees.sequence_form import (SequenceForm, action_path, as_sequence_form, equilibrium_from_plans,
                                         integer_payoffs, plan_to_behavior, to_fraction, verify_sequence_form)
from games.values import solve_rational
from solvers.trees.sequence_form_lemke import sequence_form_lemke

__all__ = ["sequence_form_zero_sum"]


def sequence_form_zero_sum(tree: GameTree | SequenceForm) -> EquilibriumSet:
    """Value and optimal behaviour strategies of a two-player zero-sum (or constant-sum) tree.

    Player 1 solves ``max f'q`` subject to ``F'q <= A'x``, ``E x = e``,
    ``x >= 0``; player 2 the dual ``min e'p`` subject to ``E'p >= A y``,
    ``F y = f``, ``y >= 0`` (Koller, Megiddo and von Stengel 1996, the
    sequence-form LP; von Stengel 1996). Floats are solved by
    :func:`scipy.optimize.linprog` (HiGHS). For exact trees the LP's
    supports give a square system of the complementary equations, solved
    exactly; if that fails to certify (degenerate optimum), the exact
    Lemke solution is used (in a zero-sum game every equilibrium is a pair
    of optimal strategies).

    Returns
    -------
    EquilibriumSet
        One equilibrium; ``eqs[0].payoffs[0]`` is the value to player 1.
        Verified exactly for exact trees.

    Raises
    ------
    UnsupportedGame
        Not zero- or constant-sum, or see :func:`sequence_form`.

    References
    ----------
    Koller, Megiddo and von Stengel (1996); H. W. Kuhn, "A simplified
    two-person poker", Contributions to the Theory of Games I (1950).

    Examples
    --------
    >>> from games.extensive_form import decision, terminal
    >>> t = GameTree.build(("P1", "P2"), decision("P1", {
    ...     "H": decision("P2", {"h": terminal((2, -2)), "t": terminal((-1, 1))}, infoset="J"),
    ...     "T": decision("P2", {"h": terminal((-1, 1)), "t": terminal((1, -1))}, infoset="J")}))
    >>> eq = sequence_form_zero_sum(t)[0]
    >>> eq.payoffs[0], eq.behavior_map()["P1@root"]
    (1/5, {'H': 2/5, 'T': 3/5})
    """
    from scipy.optimize import linprog

    func = "sequence_form_zero_sum"
    sf = as_sequence_form(tree, func)
    sums = set()
    for h in sf.tree.terminals:
        p = sf.tree.node(h).payoffs
        sums.add(to_fraction(p[0]) + to_fraction(p[1]))
    if len(sums) > 1 and (sf.exact or max(sums) - min(sums) > 1e-9 * (1 + max(abs(float(s)) for s in sums))):
        raise UnsupportedGame(fmt_error(func, "tree", "a zero-sum or constant-sum tree (for general trees use "
                                        "sequence_form_lemke or sequence_form_equilibria)", sorted(sums)[:3]))
    n1, n2 = sf.shape
    m1, m2 = sf.E.shape[0], sf.F.shape[0]
    A = np.zeros((n1, n2))
    for (s, t), v in sf.sparse_payoffs[0].items():
        A[s, t] = float(v)
    E, F = sf.E.astype(float), sf.F.astype(float)
    e, f = sf.e.astype(float), sf.f.astype(float)
    # player 1: variables (x, q); minimise -f'q; F'q - A'x <= 0; E x = e
    r1 = linprog(np.concatenate([np.zeros(n1), -f]), A_ub=np.hstack([-A.T, F.T]), b_ub=np.zeros(n2),
                 A_eq=np.hstack([E, np.zeros((m1, m2))]), b_eq=e,
                 bounds=[(0, None)] * n1 + [(None, None)] * m2, method="highs")
    # player 2: variables (y, p); minimise e'p; A y - E'p <= 0; F y = f
    r2 = linprog(np.concatenate([np.zeros(n2), e]), A_ub=np.hstack([A, -E.T]), b_ub=np.zeros(n1),
                 A_eq=np.hstack([F, np.zeros((m2, m1))]), b_eq=f,
                 bounds=[(0, None)] * n2 + [(None, None)] * m1, method="highs")
    if r1.status != 0 or r2.status != 0:
        raise GameError(f"{func}(): the LP solver failed: {r1.message} / {r2.message}")
    xf, yf = np.clip(r1.x[:n1], 0, None), np.clip(r2.x[:n2], 0, None)
    method = "sequence-form LP"
    if not sf.exact:
        x = [Fraction(float(v)) for v in xf]
        y = [Fraction(float(v)) for v in yf]
        beh = {**plan_to_behavior(sf, 0, x, y), **plan_to_behavior(sf, 1, y, x)}
        val = float(r1.x[n1:] @ f) if m2 else 0.0
        eq = Equilibrium((), (val, float(next(iter(sums))) - val), sympy.true, kind="nash", method=method,
                         exact=False, players=sf.players, space=sf.tree.space,
                         behavior={h: {a: float(p) for a, p in d.items()} for h, d in beh.items()},
                         path=action_path(sf.tree, beh))
        eq = verify_sequence_form(sf, eq, tol=1e-7)
        return EquilibriumSet([eq], game=sf.tree, method=method, exact=False, complete=False,
                              space=sf.tree.space)
    # exact: solve the complementary system on the LP's supports
    tol = 1e-9
    S1 = {s for s in range(n1) if xf[s] > tol}
    S2 = {t for t in range(n2) if yf[t] > tol}
    Ai = integer_payoffs(sf, 0)
    n = n1 + n2 + m1 + m2
    X, Y, Pp, Q = 0, n1, n1 + n2, n1 + n2 + m1
    rows, rhs = [], []
    for r in range(m1):
        rows.append([int(sf.E[r, j - X]) if X <= j < Y else 0 for j in range(n)])
        rhs.append(int(sf.e[r]))
    for r in range(m2):
        rows.append([int(sf.F[r, j - Y]) if Y <= j < Pp else 0 for j in range(n)])
        rhs.append(int(sf.f[r]))
    for s in range(n1):
        row = [0] * n
        if s in S1:  # (E'p - A y)_s = 0
            for r in range(m1):
                row[Pp + r] = int(sf.E[r, s])
            for (s2, t), v in Ai.items():
                if s2 == s:
                    row[Y + t] -= v
        else:
            row[X + s] = 1
        rows.append(row)
        rhs.append(0)
    for t in range(n2):
        row = [0] * n
        if t in S2:  # (F'q - A'x)_t = 0
            for r in range(m2):
                row[Q + r] = int(sf.F[r, t])
            for (s, t2), v in Ai.items():
                if t2 == t:
                    row[X + s] -= v
        else:
            row[Y + t] = 1
        rows.append(row)
        rhs.append(0)
    sol = solve_rational([r[:n] for r in rows], rhs)
    eqs = None
    if sol is not None and all(v >= 0 for v in sol[:n1 + n2]):
        try:
            eqs = equilibrium_from_plans(sf, sol[:n1], sol[n1:n1 + n2], method)
        except GameError:
            eqs = None
    if eqs is None:
        method = "sequence-form LP (exact Lemke certificate)"
        eqs = sequence_form_lemke(sf)[0]
    return EquilibriumSet([eqs], game=sf.tree, method=method, exact=True, complete=False, space=sf.tree.space)
