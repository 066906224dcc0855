"""Resistance–negotiation under soft power: a bureau and a sub-district office (MODELS.md §1).

A district bureau (*tiao*) devolves an approval authority to a sub-district
office (*kuai*). Neither commands the other; the office holds "soft power"
(it rates the bureau), so coercion costs the bureau. The office can obey,
resist (voice, threat to withdraw from the pilot) or accept a compromise;
the bureau can command, mobilise superiors' authority, compromise or
consult at once.

Source: Yang Lixiong and Lei Nini (2023), "'Resistance–Negotiation' under
the constraint of 'soft power': an interactive mode between grass-roots
oblique governments", Journal of Zhejiang University (Humanities and Social
Sciences) 53(1): 80–93, doi:10.3785/j.issn.1008-942X.CN33-6000/C.2021.10.156.
"""

from __future__ import annotations

from typing import Any

import sympy

from games.extensive_form import GameTree, decision, terminal
from games.parameters import Parameter, ParameterSpace

__all__ = ["resistance_negotiation", "resistance_negotiation_space", "CATALOG", "DEFAULTS"]

_PARAMETERS = (
    Parameter("reform_gain", "positive", r"g", "bureau's gain when the office takes the authority"),
    Parameter("workload", "positive", r"w", "office's cost of taking the authority"),
    Parameter("soft_power", "nonnegative", r"\sigma", "evaluation penalty the bureau suffers when it coerces"),
    Parameter("authority", "nonnegative", r"a", "office's cost of defying mobilised superiors"),
    Parameter("mobilisation_cost", "positive", r"k", "bureau's cost of mobilising superiors"),
    Parameter("voice_cost", "positive", r"v", "office's cost of resisting (persistent voice)"),
    Parameter("pilot_failure", "positive", r"L", "bureau's loss if the office withdraws from the pilot"),
    Parameter("concession", "positive", r"r", "resources the bureau grants on compromise"),
)


def resistance_negotiation_space() -> ParameterSpace:
    """The model's parameters, with the maintained assumption ``voice_cost < concession``.

    Examples
    --------
    >>> resistance_negotiation_space().names[:3]
    ('reform_gain', 'workload', 'soft_power')
    """
    return ParameterSpace(_PARAMETERS, constraints=["voice_cost < concession"])


def resistance_negotiation(**values: Any) -> GameTree:
    r"""Resistance–negotiation between a bureau and an office under soft power (a game tree).

    Players (Bureau, Office); payoffs (bureau, office). The bureau Commands
    or Consults. After Command the office Obeys :math:`(g, -w)` or Resists;
    the bureau then mobilises superiors (Leverage) — the office Obeys
    :math:`(g-k-\sigma, -w-v)` or Withdraws :math:`(-L-k-\sigma, -a-v)` — or
    Compromises — the office Accepts :math:`(g-r, r-w-v)` or Withdraws
    :math:`(-L, -v)`. After Consult (the bureau offers :math:`r` at once) the
    office Accepts :math:`(g-r, r-w)` or Withdraws :math:`(-L, 0)`.

    Parameters (LaTeX name; meaning): ``reform_gain`` :math:`g` (bureau's
    gain when the office takes the authority), ``workload`` :math:`w`
    (office's cost of taking it), ``soft_power`` :math:`\sigma \ge 0`
    (evaluation penalty the bureau suffers when it coerces), ``authority``
    :math:`a \ge 0` (office's cost of defying mobilised superiors),
    ``mobilisation_cost`` :math:`k`, ``voice_cost`` :math:`v`,
    ``pilot_failure`` :math:`L` (bureau's loss if the office withdraws),
    ``concession`` :math:`r`; all others positive; maintained assumption
    :math:`v < r`.

    Parameters
    ----------
    **values
        Numbers for some or all parameters (checked against their domains
        and the constraint); the others stay symbolic. No values: the fully
        symbolic tree.

    Notes
    -----
    Solved by :func:`solvers.backward_induction.subgame_perfect`, the SPE
    outcomes are command–obedience (Command, Obey), resistance–negotiation
    (Command, Resist, Compromise, Accept — or, payoff-equivalently for the
    bureau, Consult, Accept: the bureau is exactly indifferent, both are
    SPE) and collapse of the pilot (the office withdraws). The solver's
    regions refine the team's hand derivation in MODELS.md §1, which is
    right on the region where the bureau's superiors are credible
    (:math:`a \ge w`) but misses two cases when :math:`a < w` and
    :math:`r \ge w`: if :math:`\sigma + k \le r - g - L` (the concession
    costs more than the pilot's gain and failure together) the bureau prefers
    to mobilise even though the office will withdraw, so the office obeys at
    once when resisting costs more than it saves (:math:`w \le a + v`:
    command–obedience although :math:`a < w`) and otherwise the pilot
    collapses after mobilisation. A check by hand: at :math:`g=L=1, k=1/2,
    \sigma=0, r=5, w=3, a=5/2, v=1` the bureau's threat to mobilise is
    credible (:math:`-L-k-\sigma = -5/2 > g-r = -4`) and the office, which
    would get :math:`-a-v=-7/2 < -w=-3` by resisting, obeys.

    References
    ----------
    .. [1] Yang Lixiong and Lei Nini, "'Resistance–Negotiation' under the
       constraint of 'soft power': an interactive mode between grass-roots
       oblique governments", Journal of Zhejiang University (Humanities and
       Social Sciences) 53(1) (2023): 80–93.

    Examples
    --------
    >>> t = resistance_negotiation()
    >>> t.players, len(t), len(t.space)
    (('Bureau', 'Office'), 13, 8)
    >>> t.node(("Command", "Resist", "Leverage", "Withdraw")).payoffs
    (-mobilisation_cost - pilot_failure - soft_power, -authority - voice_cost)
    >>> resistance_negotiation(voice_cost=1, concession=2).space.names
    ('reform_gain', 'workload', 'soft_power', 'authority', 'mobilisation_cost', 'pilot_failure')
    """
    space = resistance_negotiation_space()
    s = {p.name: space[p.name] for p in _PARAMETERS}
    g, w, sigma, a = s["reform_gain"], s["workload"], s["soft_power"], s["authority"]
    k, v, L, r = s["mobilisation_cost"], s["voice_cost"], s["pilot_failure"], s["concession"]
    tree = GameTree.build(
        ("Bureau", "Office"),
        decision("Bureau", {
            "Command": decision("Office", {
                "Obey": terminal((g, -w)),
                "Resist": decision("Bureau", {
                    "Leverage": decision("Office", {"Obey": terminal((g - k - sigma, -w - v)),
                                                    "Withdraw": terminal((-L - k - sigma, -a - v))}),
                    "Compromise": decision("Office", {"Accept": terminal((g - r, r - w - v)),
                                                      "Withdraw": terminal((-L, -v))}),
                }),
            }),
            "Consult": decision("Office", {"Accept": terminal((g - r, r - w)), "Withdraw": terminal((-L, 0))}),
        }),
        space=space, name="Resistance-negotiation under soft power (Yang & Lei 2023)")
    if not values:
        return tree
    sub = space.point(values, func="resistance_negotiation", partial=True)
    if len(sub) == len(space):
        return tree.subs(values)
    rest = ParameterSpace([p for p in _PARAMETERS if space[p.name] not in sub],
                          [c.xreplace(sub) for c in space.constraints if c.xreplace(sub) is not sympy.true])

    def fn(x):
        return x.xreplace(sub) if isinstance(x, sympy.Basic) and x.free_symbols else x
    return tree.map_values(fn, rest)


#: An illustrative point: coercion is credible and cheap (command-obedience).
DEFAULTS = {"resistance_negotiation": {"reform_gain": 4, "workload": 2, "soft_power": 1, "authority": 3,
                                       "mobilisation_cost": 1, "voice_cost": "1/2", "pilot_failure": 3,
                                       "concession": 3}}
CATALOG = {"resistance_negotiation": resistance_negotiation}
#: Where the defaults come from.
SOURCES = {"resistance_negotiation": "illustrative (not published): coercion is credible and cheap"}
