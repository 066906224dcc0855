"""Subgame-perfect equilibria of game trees: :func:`subgame_perfect`.

References
----------
.. [1] R. Selten, "Spieltheoretische Behandlung eines Oligopolmodells mit
   Nachfrageträgheit", Zeitschrift für die gesamte Staatswissenschaft 121
   (1965): subgame perfection.
.. [2] H. W. Kuhn, "Extensive games and the problem of information",
   Contributions to the Theory of Games II (1953): backward induction.
.. [3] M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT
   Press 1994, ch. 6 (one-deviation property) and ch. 11.
"""

from __future__ import annotations

import warnings
from typing import Any, Callable

import sympy

from games import conditions as _cond
from games.errors import GameError, GovgamesWarning, InvalidGame, UnsupportedGame, fmt_error
from games.trees.payoffs import node_values
from games.trees.strategic_form import strategic_form
from games.trees.tree import GameTree
from solvers.equilibrium import Equilibrium, EquilibriumSet
from solvers.limits import Deadline, TimeLimitExceeded, call_with_time_limit, check_time_limit
from solvers.trees.backward_induction import CaseSplitEngine, as_boolean, in_worker, same_behavior
from solvers.trees.paths import equilibrium_path
from solvers.trees.perfect_information import (behavior_from_choices, count_subgame_perfect,
                                               enumerate_perfect_information,
                                               materialize_perfect_information, priority_function,
                                               vectorized_backward_induction, verify_pure_perfect_information)
from solvers.trees.results import TreeEquilibriumSet
from solvers.trees.verify import verify_in_context

__all__ = ["subgame_perfect", "MAX_EQUILIBRIA", "METHODS"]

#: Default cap on the number of equilibria enumerated (ties multiply them).
MAX_EQUILIBRIA = 10_000

#: Values of the ``method`` option of :func:`subgame_perfect`.
METHODS = ("auto", "sequence_form", "normal_form")

#: Default seconds for enumerating all extreme sequence-form equilibria of one
#: subgame before falling back to one equilibrium by Lemke's algorithm.
ENUMERATION_BUDGET = 10.0


def subgame_perfect(tree: GameTree, *, tie_break: Any = None, max_equilibria: int = MAX_EQUILIBRIA,
                    simplify: bool = True, time_limit: float | None = None,
                    method: str = "auto") -> TreeEquilibriumSet:
    """All subgame-perfect equilibria of a game tree, each with its parameter condition.

    Parameters
    ----------
    tree : GameTree
    tie_break : None, "first", "last", sequence, mapping or callable, optional
        How an indifferent mover chooses. ``None`` (default) reports every
        SPE: with symbolic payoffs each choice holds where its payoff is
        ``>=`` the alternatives', so on a tie boundary all of them are SPE.
        ``"first"``/``"last"`` prefer the first/last listed action; a
        sequence of action labels gives a global preference (``("Obey",
        "Accept")``); a mapping ``infoset -> preferred action(s)`` or a
        callable ``(infoset, actions) -> preferred order`` decide per
        information set. Only decision nodes that root subgames are
        tie-broken; imperfect-information subgames report all their
        equilibria.
    max_equilibria : int
        Cap on the number of equilibria enumerated (ties multiply them);
        when reached the result has ``complete=False`` and a warning is issued.
    simplify : bool
        Simplify the conditions on the tree's space (symbolic trees).
    time_limit : float, optional
        Seconds. Symbolic trees and perfect-information trees are solved in
        a worker process stopped at the limit (also inside sympy or z3);
        numeric trees with imperfect information are solved in this process,
        their sequence-form and strategic-form solvers stopping at the limit
        and returning what they found (``complete=False``). Equilibria
        verified before the limit are returned in an incomplete set (with a
        warning); if there are none, :class:`~games.errors.UnsupportedGame`
        is raised.
    method : {"auto", "sequence_form", "normal_form"}
        How subgames with imperfect information are solved.
        ``"sequence_form"``: through the sequence form (Koller, Megiddo and
        von Stengel 1996) -- all extreme equilibria by vertex enumeration
        within a budget, else one by Lemke's algorithm (the set is then
        incomplete and ``cap`` says so); for numeric subgames with two
        active players and perfect recall, :class:`UnsupportedGame`
        otherwise. ``"normal_form"``: through the reduced strategic form
        and :func:`solvers.nash.equilibria` (symbolic payoffs, any number of
        players; the strategic form grows exponentially). ``"auto"``
        (default): the sequence form where it applies, the strategic form
        elsewhere.

    Returns
    -------
    TreeEquilibriumSet
        An :class:`~solvers.equilibrium.EquilibriumSet` with ``count`` (the
        exact number of pure SPE of a numeric perfect-information tree, even
        when only ``max_equilibria`` are listed; the number listed when the
        set is complete; None when unknown), ``cap`` (what stopped the
        solve, empty when nothing did), ``payoff_counts`` (equilibrium payoff
        vectors with their numbers of SPE, when counted) and
        ``perfect_recall``. Equilibria of kind ``"subgame-perfect"`` in behaviour strategies:
        ``behavior`` (infoset -> action probabilities, for every
        information set), ``path``, ``payoffs`` and ``condition``; an empty
        ``profile``. Every one is verified before it is returned.

        ``path`` is a tuple of :class:`PathStep` (strings): one step per
        information set or chance node reached with positive probability,
        in level order, each naming the mover and the actions played with
        positive probability. A pure path without chance is the tuple of
        its action labels (``("In", "Accommodate")``); otherwise steps read
        like ``"Nature: Strong (9/10) | Weak (1/10)"`` and
        ``"P1|Black: Raise (1/3) | Fold (2/3)"``; ``" -> ".join(e.path)``
        is the readable path.

        Subgames with imperfect information are solved in their reduced
        strategic form, each distinct one once. Its equilibria are mapped
        to behaviour strategies (Kuhn 1953) and reported once per
        behaviour profile: mixed strategies that are realization
        equivalent give one equilibrium. Equilibria of such a subgame that
        agree at every information set reached in it, and differ only in
        off-path behaviour that Nash rather than subgame perfection
        constrains (the receiver's threat after quiche in beer-quiche), are
        reported once, with the behaviour of the first one found; the set
        is then flagged ``degenerate``. Off-path behaviour that subgame
        perfection does pin down (play in proper subgames off the path) is
        never merged. Information sets that a player's own moves rule out
        get the first action.

        Trees with imperfect recall (a player forgets what she knew or
        did; not absent-minded): Kuhn's theorem fails, so a mixed
        equilibrium need not have a behaviour-strategy equivalent. A
        :class:`~games.errors.GovgamesWarning` is issued, ``perfect_recall``
        is False, and the set holds the Nash equilibria of the reduced
        strategic form (mixed ``profile``); those whose Kuhn behaviour
        profile gives the same payoffs and is verified subgame perfect also
        carry ``behavior`` and ``path`` (kind ``"subgame-perfect"``), the
        others have kind ``"mixed"`` and no behaviour.

    Raises
    ------
    UnsupportedGame
        ``tree`` is not a GameTree; ``tree`` is absent-minded (Piccione and
        Rubinstein 1997: a behaviour equilibrium need not exist); a strategic form is too large; the
        time limit passed before any equilibrium was found.
    InvalidGame
        Bad ``tie_break``, ``max_equilibria`` or ``method``.
    ValueError
        Bad ``time_limit``.

    References
    ----------
    .. [1] R. Selten, "Spieltheoretische Behandlung eines Oligopolmodells mit
       Nachfrageträgheit", Zeitschrift für die gesamte Staatswissenschaft
       121 (1965).
    .. [2] H. W. Kuhn, "Extensive games and the problem of information",
       Contributions to the Theory of Games II (1953): behaviour strategies
       and realization equivalence.
    .. [3] D. Koller, N. Megiddo and B. von Stengel, "Efficient computation
       of equilibria for extensive two-person games", Games and Economic
       Behavior 14 (1996) 247-259.
    .. [4] M. Piccione and A. Rubinstein, "On the interpretation of decision
       problems with imperfect recall", Games and Economic Behavior 20
       (1997) 3-24.

    Examples
    --------
    >>> from games.catalog.trees import entry_deterrence
    >>> spe = subgame_perfect(entry_deterrence())
    >>> [(e.path, e.payoffs) for e in spe]
    [(('In', 'Accommodate'), (2, 2))]

    Chance and imperfect information (Cho-Kreps): one equilibrium per outcome.

    >>> from games.catalog.trees import beer_quiche
    >>> spe = subgame_perfect(beer_quiche())
    >>> print(spe[0].path[0])
    Nature: Strong (9/10) | Weak (1/10)
    >>> for e in spe:
    ...     print(" -> ".join(e.path[1:]), e.payoffs)
    Sender|Strong: Beer -> Sender|Weak: Beer -> Receiver|Beer: Don't (29/10, 9/10)
    Sender|Strong: Quiche -> Sender|Weak: Quiche -> Receiver|Quiche: Don't (21/10, 9/10)

    Ties multiply pure SPE; the count is exact even when the list is capped:

    >>> from games.extensive_form import decision, terminal
    >>> node = lambda: decision("A", {"x": terminal((0, 0)), "y": terminal((0, 0))})
    >>> t = GameTree.build(("A", "B"), decision("B", {"l": node(), "r": node()}))
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     spe = subgame_perfect(t, max_equilibria=3)
    >>> len(spe), spe.count, spe.complete, spe.cap
    (3, 8, False, 'max_equilibria=3')

    Symbolic payoffs give regimes:

    >>> from games.parameters import ParameterSpace
    >>> space = ParameterSpace({"a": "positive", "w": "positive"})
    >>> t = GameTree.build(("B", "O"), decision("O", {"Obey": terminal((1, "-w")),
    ...                                               "Defy": terminal((0, "-a"))}), space=space)
    >>> [(e.path, e.condition) for e in subgame_perfect(t)]
    [(('Obey',), a >= w), (('Defy',), w >= a)]
    >>> [(e.path, e.condition) for e in subgame_perfect(t, tie_break=["Obey"])]
    [(('Obey',), a >= w), (('Defy',), w > a)]
    """
    func = "subgame_perfect"
    if not isinstance(tree, GameTree):
        raise UnsupportedGame(fmt_error(func, "tree", "a GameTree", type(tree).__name__))
    if not isinstance(max_equilibria, int) or isinstance(max_equilibria, bool) or max_equilibria < 1:
        raise InvalidGame(fmt_error(func, "max_equilibria", "a positive int", max_equilibria))
    if method not in METHODS:
        raise InvalidGame(fmt_error(func, "method", " or ".join(repr(m) for m in METHODS), method))
    priority_function(tie_break)  # validate before any work
    time_limit = check_time_limit(func, time_limit)
    tree.require_no_absent_mindedness(func)
    opts = dict(tie_break=tie_break, max_equilibria=max_equilibria, simplify=simplify, method=method,
                seconds=time_limit)
    # numeric trees with imperfect information run here: their inner solvers (sequence form, strategic
    # form) keep the limit themselves and return what they found; the rest run in a worker stopped at it
    if time_limit is None or (not tree.is_symbolic and not tree.is_perfect_information):
        out = solve(tree, **opts)
    else:
        try:
            out = call_with_time_limit(solve, tree, time_limit=time_limit, name=f"{func}()", **opts)
        except TimeLimitExceeded as exc:
            if not exc.partial:
                raise UnsupportedGame(fmt_error(
                    func, "time_limit", "long enough to solve the tree (no equilibrium was found in time; "
                    "raise time_limit, or ask for fewer equilibria with tie_break=\"first\" and "
                    "max_equilibria=1)", time_limit)) from None
            warnings.warn(f"{func}(): stopped at the time_limit of {time_limit:g} s after {len(exc.partial)} "
                          "equilibria; the set is incomplete", GovgamesWarning, stacklevel=2)
            out = dict(eqs=list(exc.partial), complete=False, degenerate=False, count=None,
                       cap=f"time_limit={time_limit:g}", perfect_recall=tree.has_perfect_recall, notes=(),
                       payoff_counts=(), method="backward induction")
    if not out["perfect_recall"]:
        warnings.warn(f"{func}(): the tree has imperfect recall (information sets "
                      f"{', '.join(tree.imperfect_recall_infosets)}): Kuhn's theorem does not apply, so the "
                      "result lists Nash equilibria of the reduced strategic form in mixed strategies, with "
                      "behaviour strategies only where they are verified", GovgamesWarning, stacklevel=2)
    if not out["complete"] and out["cap"].startswith("max_equilibria"):
        total = "" if out["count"] is None else f" of exactly {out['count']}"
        warnings.warn(f"{func}(): stopped after {max_equilibria}{total} equilibria (max_equilibria); the "
                      "set is incomplete", GovgamesWarning, stacklevel=2)
    elif not out["complete"] and not out["cap"].startswith("time_limit"):
        warnings.warn(f"{func}(): the set is incomplete ({out['cap'] or 'a subgame solver was incomplete'})",
                      GovgamesWarning, stacklevel=2)
    res = TreeEquilibriumSet(out["eqs"], game=tree, method=out["method"], exact=tree.is_exact,
                             complete=out["complete"], degenerate=out["degenerate"], space=tree.space,
                             count=out["count"], cap=out["cap"], perfect_recall=out["perfect_recall"],
                             notes=out["notes"])
    object.__setattr__(res, "payoff_counts", tuple(out["payoff_counts"]))
    return res


def solve(tree: GameTree, *, tie_break: Any = None, max_equilibria: int = MAX_EQUILIBRIA, simplify: bool = True,
          method: str = "auto", seconds: float | None = None,
          report: Callable[[Any], None] | None = None) -> dict:
    """The solve behind :func:`subgame_perfect`, as a dict of the result's parts.

    Keys: ``eqs`` (verified equilibria), ``complete``, ``degenerate``,
    ``count``, ``cap``, ``perfect_recall``, ``notes``, ``payoff_counts``,
    ``method``. ``seconds`` is the caller's time limit (inner solvers stop
    a little before it). Each verified equilibrium is passed to ``report`` as soon as
    it is known (for a partial result at a time limit).

    Examples
    --------
    >>> from games.catalog.trees import entry_deterrence
    >>> out = solve(entry_deterrence())
    >>> out["count"], out["complete"], [e.path for e in out["eqs"]]
    (1, True, [('In', 'Accommodate')])
    """
    tree.require_no_absent_mindedness("subgame_perfect")
    # inner solvers stop a little before the outer limit, so their partial results come back
    deadline = None if seconds is None else Deadline(0.85 * seconds)
    out = dict(eqs=[], complete=True, degenerate=False, count=None, cap="", perfect_recall=True, notes=[],
               payoff_counts=(), method="backward induction")
    eqs = out["eqs"]

    def emit(e: Equilibrium) -> None:
        eqs.append(e)
        if report is not None:
            report(e)

    if not tree.has_perfect_recall:
        out["perfect_recall"] = False
        _solve_imperfect_recall(tree, out, emit, deadline)
        return out
    prio = priority_function(tie_break)
    f = tree.flat
    exact = tree.is_exact
    kw = dict(kind="subgame-perfect", exact=exact, players=tree.players, space=tree.space)
    numeric_pi = not tree.is_symbolic and tree.is_perfect_information
    if f.kind[0] == "t":
        emit(Equilibrium((), f.payoffs[0], sympy.true, method="backward induction", behavior={}, path=(), **kw))
        out["count"] = 1
    elif numeric_pi and tie_break in (None, "first", "last") and \
            (vec := vectorized_backward_induction(tree, tie_break)) is not None:
        chosen, V = vec
        beh = behavior_from_choices(tree, chosen, exact)
        if exact:
            j = 0
            while f.kind[j] != "t":
                j = int(chosen[j])
            pay = f.payoffs[j]
        else:
            pay = tuple(float(x) for x in V[0])
        emit(Equilibrium((), pay, sympy.true, method="backward induction", behavior=beh,
                         path=equilibrium_path(tree, beh), **kw))
        out["count"] = 1
        out["payoff_counts"] = ((tuple(eqs[0].payoffs), 1),)
    elif numeric_pi:
        sols, complete = enumerate_perfect_information(tree, prio, max_equilibria)
        for k, (vals, _, _) in enumerate(sols[0]):
            beh = materialize_perfect_information(tree, sols, k, exact)
            verify_pure_perfect_information(tree, beh, exact)
            pay = tuple(sympy.Rational(v.numerator, v.denominator) for v in vals) if exact else vals
            emit(Equilibrium((), pay, sympy.true, method="backward induction", behavior=beh,
                             path=equilibrium_path(tree, beh), **kw))
        out["complete"] = complete
        if tie_break is None:
            try:
                counted = count_subgame_perfect(tree)
            except UnsupportedGame:
                counted = None
            if counted is not None:
                out["count"] = counted.count
                out["payoff_counts"] = tuple((tuple(sympy.Rational(x.numerator, x.denominator) if exact else x
                                                   for x in v), c) for v, c in counted.payoffs)
                if complete and exact and counted.count != len(eqs):
                    raise GameError(f"subgame_perfect(): listed {len(eqs)} SPE but counted {counted.count}")
        elif complete:
            out["count"] = len(eqs)
        if not complete:
            out["cap"] = f"max_equilibria={max_equilibria}"
    else:
        eng = CaseSplitEngine(tree, prio, max_equilibria, method=method, deadline=deadline,
                              enumeration_budget=ENUMERATION_BUDGET)
        root_sols = eng.run()
        out["complete"], out["degenerate"] = eng.complete, eng.degenerate
        out["cap"] = eng.cap or ("" if eng.complete else f"max_equilibria={max_equilibria}")
        out["notes"] = list(dict.fromkeys(eng.notes))
        if tree.is_perfect_information:
            out["method"] = "backward induction"
        elif eng.sf_solves and eng.sf_solves == eng.nash_solves:
            out["method"] = "backward induction + sequence form"
        elif eng.sf_solves:
            out["method"] = "backward induction + sequence form + nash"
        else:
            out["method"] = "backward induction + nash"
        found: list = []  # (behaviour tuple, condition, solution)
        for sol in root_sols:
            cond = as_boolean(sol.cond)
            beh = eng.materialize(sol)
            key = tuple((h, tuple(d.items())) for h, d in beh.items())
            for k, (bk, c0, s0) in enumerate(found):
                if same_behavior(bk, key, exact):  # one behaviour profile: one equilibrium
                    found[k] = (bk, sympy.Or(c0, cond), s0)
                    break
            else:
                found.append((key, cond, sol))
        for key, cond, sol in found:
            if eng.symbolic and simplify and cond is not sympy.true:
                cond = eng.ctx.simplify(sympy.And.make_args(cond)) if not isinstance(cond, sympy.Or) \
                    else _cond.simplify_condition(cond, tree.space)
                if cond is sympy.false:
                    continue
            beh = dict((h, dict(d)) for h, d in key)
            e = Equilibrium((), sol.values, cond, method=out["method"], behavior=beh,
                            path=equilibrium_path(tree, beh), **kw)
            emit(verify_in_context(tree, e, 1e-9, eng.ctx))
        if out["complete"]:
            out["count"] = len(eqs)
    return out


def _solve_imperfect_recall(tree: GameTree, out: dict, emit, deadline) -> None:
    """Nash equilibria of the reduced strategic form of a tree with imperfect recall (see :func:`subgame_perfect`)."""
    from solvers.nash import equilibria
    from solvers.trees.verify import verify_subgame_perfect

    nf = tree.to_normal_form()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GovgamesWarning)
        if deadline is None or in_worker():
            eqs = equilibria(nf)
        else:
            eqs = equilibria(nf, time_limit=max(deadline.remaining(), 1e-3), on_time_limit="partial")
    out["method"] = "reduced strategic form (imperfect recall)"
    out["complete"], out["degenerate"] = eqs.complete, eqs.degenerate
    if not eqs.complete:
        out["cap"] = f"the strategic-form solver ({eqs.method}) returned an incomplete set"
    players, strategies, _, _ = strategic_form(tree)
    eng = CaseSplitEngine(tree, priority_function(None), 1)
    inner = [j for j in range(len(tree.flat.hist))]
    n_beh = 0
    for e in eqs:
        local: list = []
        for i in range(tree.n_players):
            local.extend(eng.mixed_to_behavior(inner, i, strategies[i], e.profile[i]))
        beh = {h: dict(d) for h, d in local}
        ok = False
        try:
            vals = node_values(tree, beh)[0]
            same = all(sympy.simplify(sympy.sympify(a) - sympy.sympify(b)) == 0 if tree.is_symbolic
                       else abs(float(a) - float(b)) <= 1e-9 * (1 + abs(float(b))) if not tree.is_exact
                       else sympy.sympify(a) == sympy.sympify(b) for a, b in zip(vals, e.payoffs))
            if same:
                cand = Equilibrium(e.profile, e.payoffs, e.condition, kind="subgame-perfect", method=out["method"],
                                   exact=e.exact, players=e.players, strategies=e.strategies, space=e.space,
                                   behavior=beh, path=equilibrium_path(tree, beh))
                with warnings.catch_warnings():
                    warnings.simplefilter("error", GovgamesWarning)
                    verify_subgame_perfect(tree, cand)
                ok = True
        except (GameError, GovgamesWarning, TypeError):
            ok = False
        if ok:
            n_beh += 1
            emit(cand)
        else:
            emit(Equilibrium(e.profile, e.payoffs, e.condition, kind="mixed", method=out["method"], exact=e.exact,
                             players=e.players, strategies=e.strategies, space=e.space))
    out["notes"] = [f"{n_beh} of {len(eqs)} strategic-form equilibria have a verified subgame-perfect behaviour "
                    "equivalent"]
    if out["complete"]:
        out["count"] = len(eqs)
