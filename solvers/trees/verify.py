"""Certificates for subgame perfection (one-deviation property, subgame by subgame).

References
----------
.. [1] M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT
   Press 1994, Lemma 98.2 (one-deviation property).
"""

from __future__ import annotations

import warnings
from typing import Any, Mapping

import sympy

from games import conditions as _cond
from games.errors import GameError, GovgamesWarning, UnsupportedGame, fmt_error
from games.trees.payoffs import expected_payoffs, node_values
from games.trees.strategic_form import reduced_strategies
from games.trees.subgames import subgame_root_indices
from games.trees.tree import GameTree
from solvers.equilibrium import Equilibrium

__all__ = ["verify_subgame_perfect", "verify_in_context"]


def verify_subgame_perfect(tree: GameTree, eq: Equilibrium, *, tol: float = 1e-9) -> Equilibrium:
    """Check that ``eq`` is subgame perfect in ``tree``; return it or raise GameError.

    In every subgame, no player gains by switching to any of her reduced
    pure strategies in the part of the subgame above its own proper
    subgames, given the continuation values of the profile there (for
    perfect information: no profitable one-shot deviation at any node).
    Exact trees are checked exactly; symbolic ones under ``eq.condition``
    with the condition engine (z3).

    Parameters
    ----------
    tree : GameTree
    eq : Equilibrium
        With ``behavior`` over every information set of ``tree``.
    tol : float
        Allowed gain for float trees.

    Returns
    -------
    Equilibrium
        ``eq`` itself.

    Raises
    ------
    UnsupportedGame
        ``tree`` is not a GameTree, or is absent-minded (Piccione and
        Rubinstein 1997).
    GameError
        When the behaviour is incomplete or some player gains by deviating
        in some subgame (the message names the player, the gain and where).

    References
    ----------
    .. [1] M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT
       Press 1994, Lemma 98.2 (one-deviation property).

    Examples
    --------
    >>> from games.catalog.trees import entry_deterrence
    >>> from solvers.trees import subgame_perfect
    >>> spe = subgame_perfect(entry_deterrence())
    >>> verify_subgame_perfect(entry_deterrence(), spe[0]).path
    ('In', 'Accommodate')
    """
    if not isinstance(tree, GameTree):
        raise UnsupportedGame(fmt_error("verify_subgame_perfect", "tree", "a GameTree", type(tree).__name__))
    tree.require_no_absent_mindedness("verify_subgame_perfect")
    return verify_in_context(tree, eq, tol, None)


def verify_in_context(tree: GameTree, eq: Equilibrium, tol: float, ctx: Any) -> Equilibrium:
    """:func:`verify_subgame_perfect` with a reusable condition-engine context ``ctx`` (or None)."""
    f = tree.flat
    beh = eq.behavior_map()
    for h in f.infosets:
        if h not in beh:
            raise GameError(f"verify_subgame_perfect(): no behaviour at information set {h!r}")
        dist = beh[h]
        if set(dist) != set(tree.infoset_actions(h)):
            raise GameError(f"verify_subgame_perfect(): behaviour at {h!r} is over {sorted(dist)}, "
                            f"not the actions {tree.infoset_actions(h)}")
    vals = node_values(tree, beh)
    symbolic = tree.is_symbolic or eq.is_symbolic
    space = tree.space
    roots = subgame_root_indices(tree)
    boundary = frozenset(roots) | frozenset(i for i, k in enumerate(f.kind) if k == "t")
    claims = []
    for s in roots:
        inner, bnd = [], []
        stack = [s]
        while stack:
            j = stack.pop()
            if j != s and j in boundary:
                bnd.append(j)
                continue
            inner.append(j)
            stack.extend(f.children[j])
        current = vals[s]
        if len(inner) == 1 and f.kind[s] == "d":
            pl = f.player[s]
            for c in f.children[s]:
                claims.append((vals[c][pl], current[pl], f.hist[s], tree.players[pl]))
            continue
        active = sorted({f.player[j] for j in inner if f.kind[j] == "d"})
        bset = frozenset(bnd)

        def lv(j, _b=bset):
            return vals[j] if j in _b or f.kind[j] == "t" else None
        for pl in active:
            for plan in reduced_strategies(tree, pl, s, bset, "verify_subgame_perfect"):
                dev = dict(beh)
                for h, a in plan.items():
                    dev[h] = {b: (1 if b == a else 0) for b in dev[h]}
                v = expected_payoffs(tree, dev, root=s, leaf_value=lv)
                claims.append((v[pl], current[pl], f.hist[s], tree.players[pl]))
    atoms = set(sympy.And.make_args(eq.condition))
    for dev_v, cur_v, where, who in claims:
        gain = dev_v - cur_v
        if not symbolic:
            g = float(gain) if (isinstance(gain, float) or not eq.exact) else sympy.sympify(gain)
            bad = g > tol * (1 + abs(float(cur_v))) if isinstance(g, float) else g > 0
            if bad:
                raise GameError(f"verify_subgame_perfect(): {who!r} gains {gain} by deviating at {where!r}")
            continue
        gain = sympy.expand(sympy.sympify(gain))
        if gain.is_number:
            if gain > 0:
                raise GameError(f"verify_subgame_perfect(): {who!r} gains {gain} by deviating at {where!r}")
            continue
        if _cond.normalize_relation(sympy.Le(gain, 0)) in atoms:
            continue  # the claim is one of the condition's own conjuncts
        if ctx is None:
            ctx = _cond.SatContext(space)
        res = ctx.sat(sympy.And(eq.condition, sympy.Gt(gain, 0)))
        if res is True:
            raise GameError(f"verify_subgame_perfect(): {who!r} gains {gain} > 0 by deviating at {where!r} "
                            f"somewhere under {eq.condition}")
        if res is None:
            warnings.warn(f"verify_subgame_perfect(): could not prove that {who!r} does not gain {gain} at "
                          f"{where!r} under {eq.condition}", GovgamesWarning, stacklevel=3)
    return eq
