"""All extreme equilibria of a two-player tree: vertex enumeration on the sequence form.

References
----------
.. [1] D. Koller, N. Megiddo and B. von Stengel, "Efficient computation of
   equilibria for extensive two-person games", Games and Economic Behavior
   14 (1996) 247-259.
.. [2] D. Avis and K. Fukuda, "A pivoting algorithm for convex hulls and
   vertex enumeration of arrangements and polyhedra", Discrete and
   Computational Geometry 8 (1992) 295-313.
"""

from __future__ import annotations

import warnings
from fractions import Fraction

from games.errors import GameError, GovgamesWarning, fmt_error
from games.extensive_form import GameTree
from solvers.equilibrium import EquilibriumSet
from solvers.lemke import Tableau, feasible_bases
from solvers.limits import Deadline, TimeLimitExceeded, check_time_limit
from solvers.trees.sequence_form import (SequenceForm, as_sequence_form, best_response, equilibrium_from_plans,
                                         integer_payoffs)

__all__ = ["sequence_form_equilibria", "polyhedron_vertices"]


def polyhedron_vertices(sf: SequenceForm, player: int, pay: dict, start_other: set, deadline: Deadline,
                         max_bases: int) -> tuple[list, bool]:
    """Vertices of the best-response polyhedron of ``player``'s opponent's plans.

    For ``player == 1`` (the y side): ``{(y, u): F y = f, y >= 0, E'u - A y >= 0}``;
    for ``player == 0`` (the x side): ``{(x, v): E x = e, x >= 0, F'v - B'x >= 0}``.
    Returns ``(vertices, finished)``; each vertex is ``(plan, labels)`` with
    ``labels`` a bitmask over player 1's sequences then player 2's (bit set
    where the plan or the opponent's slack is zero).
    """
    n1, n2 = sf.shape
    # the points carry the plan of `plan_of`; the slacks are the other player's (`resp`)
    plan_of, resp = (1, 0) if player == 1 else (0, 1)
    n_p, n_r = sf.shape[plan_of], sf.shape[resp]
    C = (sf.F if plan_of == 1 else sf.E)
    D = (sf.E if resp == 0 else sf.F)
    m_p, m_r = C.shape[0], D.shape[0]
    P, Wc, Ud = 0, n_p, n_p + n_r  # columns: plan, slacks of resp, duals of resp
    N = m_p + n_r
    M = [[0] * (Ud + m_r) for _ in range(N)]
    b = [0] * N
    for r in range(m_p):
        for j in range(n_p):
            M[r][P + j] = int(C[r, j])
    b[0] = 1
    for k in range(n_r):
        M[m_p + k][Wc + k] = 1
        for r in range(m_r):
            if D[r, k]:
                M[m_p + k][Ud + r] = -int(D[r, k])
    for (s, t), v in pay.items():
        k, j = (s, t) if resp == 0 else (t, s)
        M[m_p + k][P + j] += v
    chosen = {0} | {idx[0] for _, idx in sf.infoset_sequences[plan_of].values()}
    basis = ([P + j for j in sorted(chosen)] + [Ud + r for r in range(m_r)]
             + [Wc + k for k in range(n_r) if k not in start_other])
    tab = Tableau(M, b, basis, free=range(Ud, Ud + m_r))
    seen: dict = {}
    finished = True
    try:
        for _ in feasible_bases(tab, range(Ud), deadline=deadline, max_bases=max_bases):
            vals = tab.values()
            plan = tuple(vals.get(P + j, Fraction(0)) for j in range(n_p))
            slack = tuple(vals.get(Wc + k, Fraction(0)) for k in range(n_r))
            if (plan, slack) in seen:
                continue
            bits = 0
            for j, v in enumerate(plan):
                if v == 0:
                    bits |= 1 << (j if plan_of == 0 else n1 + j)
            for k, v in enumerate(slack):
                if v == 0:
                    bits |= 1 << (k if resp == 0 else n1 + k)
            seen[(plan, slack)] = bits
    except (TimeLimitExceeded, GameError):
        finished = False
    return [(list(p), bits) for (p, _), bits in seen.items()], finished


def sequence_form_equilibria(tree: GameTree | SequenceForm, *, time_limit: float | None = None,
                             max_bases: int = 100_000) -> EquilibriumSet:
    """All extreme Nash equilibria of a two-player tree with perfect recall, exactly.

    Enumerates the vertices of the two sequence-form best-response
    polyhedra, ``{(y, u): F y = f, y >= 0, E'u >= A y}`` and ``{(x, v): E x
    = e, x >= 0, F'v >= B'x}``, by pivoting through their feasible bases
    (exact integer tableaux), and keeps the completely labelled pairs (every
    sequence is unplayed or a best reply): these are the extreme points of
    the equilibrium set in realization plans (Koller, Megiddo and von
    Stengel 1996, the sequence-form analogue of vertex enumeration). Results
    are verified and deduplicated by behaviour profile.

    Parameters
    ----------
    tree : GameTree or SequenceForm
    time_limit : float, optional
        Seconds; when reached, the equilibria found from the vertices
        enumerated so far are returned with ``complete=False`` and a
        :class:`GovgamesWarning`.
    max_bases : int
        Bound on the feasible bases visited per polyhedron (same effect as
        the time limit when exceeded).

    Returns
    -------
    EquilibriumSet
        ``complete=True`` when both enumerations finished: every Nash
        equilibrium is then realization-equivalent to a convex combination
        of equilibria in one of its components, whose extreme points are
        listed. ``degenerate=True`` when some vertex pairs with several
        others (continua of equilibria).

    Raises
    ------
    UnsupportedGame
        See :func:`sequence_form`.

    References
    ----------
    Koller, Megiddo and von Stengel (1996); Avis and Fukuda (1992) for the
    connectedness of the basis graph.

    Examples
    --------
    Entry deterrence (Selten's chain-store stage): two equilibrium outcomes,
    "In, Accommodate" and a continuum of threats keeping the entrant out.

    >>> from games.catalog.trees import entry_deterrence
    >>> eqs = sequence_form_equilibria(entry_deterrence())
    >>> sorted((e.path, e.payoffs) for e in eqs)[:2]
    [(('In', 'Accommodate'), (2, 2)), (('Out',), (1, 5))]
    >>> eqs.complete, eqs.degenerate
    (True, True)
    """
    func = "sequence_form_equilibria"
    time_limit = check_time_limit(func, time_limit)
    if isinstance(max_bases, bool) or not isinstance(max_bases, int) or max_bases < 1:
        raise ValueError(fmt_error(func, "max_bases", "a positive int", max_bases))
    sf = as_sequence_form(tree, func)
    deadline = Deadline(time_limit)
    n1, n2 = sf.shape
    A, B = integer_payoffs(sf, 0), integer_payoffs(sf, 1)
    first = [[Fraction(0)] * n for n in (n1, n2)]
    for i in (0, 1):
        first[i][0] = Fraction(1)
        for par, idx in sf.infoset_sequences[i].values():
            first[i][idx[0]] = first[i][par]
    # a feasible start: the other side's slack is zero on its best reply to the first-action plan
    reply = [set(), set()]
    for i in (0, 1):
        _, _, choice = best_response(sf, 1 - i, first[i])
        reply[i] = {0} | set(choice.values())
    vx, done_x = polyhedron_vertices(sf, 0, B, reply[0], deadline, max_bases)
    vy, done_y = polyhedron_vertices(sf, 1, A, reply[1], deadline, max_bases)
    full = (1 << (n1 + n2)) - 1
    eqs: dict = {}
    count_x: dict = {}
    count_y: dict = {}
    finished = done_x and done_y
    for a, (x, lx) in enumerate(vx):
        if deadline.passed():
            finished = False
            break
        for c, (y, ly) in enumerate(vy):
            if lx | ly == full:
                count_x[a] = count_x.get(a, 0) + 1
                count_y[c] = count_y.get(c, 0) + 1
                eq = equilibrium_from_plans(sf, x, y, "sequence-form vertex enumeration")
                eqs.setdefault(eq.behavior, eq)
    if not finished:
        warnings.warn(f"{func}(): stopped at the time limit or max_bases; the equilibria are incomplete",
                      GovgamesWarning, stacklevel=2)
    degenerate = any(v > 1 for v in count_x.values()) or any(v > 1 for v in count_y.values())
    out = sorted(eqs.values(), key=lambda e: (e.path, tuple(float(v) for v in e.payoffs)))
    return EquilibriumSet(out, game=sf.tree, method="sequence-form vertex enumeration", exact=sf.exact,
                          complete=finished, degenerate=degenerate, space=sf.tree.space)
