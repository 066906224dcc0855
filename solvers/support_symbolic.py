"""Support enumeration on symbolic games: :func:`sympy.solve` per support, each in a worker.

A support that does not finish in its budget, or whose solution cannot be
verified, is returned as unsolved with the reason; conditions are
simplified under the game's parameter space.
"""

from __future__ import annotations

import itertools
import warnings

import sympy

from games.errors import GameError, GovgamesWarning
from solvers._support import make_equilibrium
from solvers.limits import TimeLimitExceeded, call_with_time_limit
from solvers.support_profiles import iter_support_profiles, profile_kind

__all__ = ["symbolic_enumeration"]


def _expected(P, shape, i, own, probs):
    """Player i's payoff of pure ``own`` strategy against the others' mixtures ``probs``."""
    N = len(shape)
    others = [j for j in range(N) if j != i]
    tot = sympy.Integer(0)
    for combo in itertools.product(*(probs[j].keys() for j in others)):
        w = sympy.Integer(1)
        prof = [0] * N
        prof[i] = own
        for j, s in zip(others, combo):
            prof[j] = s
            w = w * probs[j][s]
        tot += w * P[tuple(prof) + (i,)]
    return tot


def _tidy(e):
    """Simplify a probability/payoff for display (cheap for rationals)."""
    if e.is_Rational:
        return e
    if e.is_number:
        return sympy.radsimp(sympy.expand(e))
    return sympy.simplify(e)


def _light(e):
    """Cheap normal form of a deviation gain."""
    if e.is_Rational:
        return e
    if e.is_number:
        return sympy.expand(e)
    return sympy.cancel(sympy.together(e))


def _solve_symbolic_support(P, shape, supp, space):
    """Equilibria with exactly the given supports: list of (profile, payoffs, condition) or "continuum"."""
    from games.conditions import simplify_condition

    unknowns = []
    probs = []
    for i, S in enumerate(supp):
        syms = [sympy.Dummy(f"p{i}_{s}") for s in S[:-1]]
        unknowns += syms
        d = dict(zip(S[:-1], syms))
        d[S[-1]] = sympy.Integer(1) - sum(syms, sympy.Integer(0))
        probs.append(d)
    eqs = []
    for i, S in enumerate(supp):
        base = _expected(P, shape, i, S[0], probs)
        for s in S[1:]:
            e = sympy.expand(_expected(P, shape, i, s, probs) - base)
            if e != 0:
                eqs.append(e)
    if unknowns:
        if not eqs:
            return "continuum"
        if any(not (e.free_symbols & set(unknowns)) for e in eqs):
            return []  # holds only on a lower-dimensional set of parameters
        sols = sympy.solve(eqs, unknowns, dict=True)
        if not sols:
            return []
    else:
        if eqs:
            return []
        sols = [{}]
    out = []
    for sol in sols:
        if set(sol) != set(unknowns) or any(v.free_symbols & set(unknowns) for v in sol.values()):
            return "continuum"
        prof = []
        for i, S in enumerate(supp):
            vec = [sympy.Integer(0)] * shape[i]
            for s, p in probs[i].items():
                vec[s] = _tidy(p.xreplace(sol))
            prof.append(vec)
        mixes = [{s: prof[i][s] for s in S} for i, S in enumerate(supp)]
        conds = []
        values = []
        for i, S in enumerate(supp):
            v = _tidy(_expected(P, shape, i, S[0], mixes))
            values.append(v)
            if len(S) > 1:
                conds += [(prof[i][s], ">") for s in S]
            for t in range(shape[i]):
                if t not in S:
                    conds.append((_light(_expected(P, shape, i, t, mixes) - v), "<="))
        dens = set()
        for val in sol.values():
            dens.add(sympy.fraction(sympy.together(val))[1])
        rels = [sympy.Ne(d, 0) for d in dens if not d.is_number]
        rels += [sympy.Gt(d, 0) if op == ">" else sympy.Le(d, 0) for d, op in conds]
        cond = sympy.And(*rels)
        if cond is not sympy.false and cond is not sympy.true:
            cond = simplify_condition(cond, space)
        if cond is sympy.false:
            continue
        out.append((tuple(tuple(s) for s in prof), tuple(values), cond))
    return out


def _symbolic_support_worker(game, supp, *, report):
    """Solve and verify one support of a symbolic game (runs in a worker)."""
    res = _solve_symbolic_support(game.payoffs, game.shape, supp, game.space)
    if res == "continuum":
        return "continuum", []
    eqs = []
    for prof, vals, cond in res:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", GovgamesWarning)
            try:
                eqs.append(make_equilibrium(game, prof, vals, condition=cond, kind=profile_kind(prof),
                                            method="support_enumeration"))
            except GameError as exc:
                return "unverified", str(exc)
    return "points", eqs


def symbolic_enumeration(game, max_k, deadline, support_seconds, report):
    """Every support of a symbolic game, each in a worker with its own time budget.

    Parameters
    ----------
    game : NormalFormGame
        Symbolic payoffs.
    max_k : int or None
        Largest support size per player.
    deadline : Deadline
        The whole call's time limit.
    support_seconds : float
        Seconds each support may take (less when the deadline is nearer).
    report : callable
        Called with ``("equilibrium", e)`` for each equilibrium found.

    Returns
    -------
    tuple
        ``(equilibria, continua, unsolved, timed_out)``; ``unsolved`` lists
        ``(support, reason)`` pairs.

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> from solvers.limits import Deadline
    >>> a = sympy.Symbol("a", positive=True)
    >>> g = NormalFormGame.from_bimatrix([[a, 0], [0, 1]], [[a, 0], [0, 1]])
    >>> eqs, continua, unsolved, timed_out = symbolic_enumeration(g, 1, Deadline(None), 20.0, lambda item: None)
    >>> [e.profile for e in eqs], unsolved, timed_out
    ([((1, 0), (1, 0)), ((0, 1), (0, 1))], [], False)
    """
    eqs, continua, unsolved = [], [], []
    timed_out = False
    # modules each forked support worker would otherwise import afresh: sympy.simplify
    # imports sympy.physics.units on its first call (0.15 s); the condition engine, z3
    import numpy.random  # noqa: F401
    import sympy.physics.units  # noqa: F401
    import z3  # noqa: F401
    for supp in iter_support_profiles(game.shape, max_k):
        left = deadline.remaining()
        if left <= 0:
            timed_out = True
            unsolved.append((supp, "not reached before the time limit"))
            continue
        budget = min(support_seconds, left)
        try:
            status, found = call_with_time_limit(_symbolic_support_worker, game, supp,
                                                 time_limit=budget, name="support")
        except TimeLimitExceeded:
            unsolved.append((supp, f"not solved within {budget:.3g} s"))
            if deadline.passed():
                timed_out = True
            continue
        if status == "continuum":
            continua.append(supp)
        elif status == "unverified":
            unsolved.append((supp, f"solution not verified: {found}"))
        else:
            for e in found:
                eqs.append(e)
                report(("equilibrium", e))
    return eqs, continua, unsolved, timed_out
