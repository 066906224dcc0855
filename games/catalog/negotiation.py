"""Limited-time versus indefinite negotiation between a government and a social organisation.

MODELS.md §2: in purchased-service projects the government side and a social
organisation bargain over the project terms (a surplus of 1). The government
proposes first; discount factors ``delta_G``, ``delta_S`` measure time
pressure (lower: more pressure). The government either sets a deadline ``T``
(limited-time negotiation; after it the organisation gets ``d_S`` and the
government ``d_G``) or negotiates indefinitely (Rubinstein). The
organisation may hold an outside option (threat to withdraw).

Solve with :func:`solvers.bargaining.bargain`; the region where the
government prefers a deadline comes from :func:`solvers.bargaining.preferred_horizon`.
"""

from __future__ import annotations

from typing import Any

from games.bargaining import AlternatingOffers
from games.parameters import Parameter, ParameterSpace

__all__ = ["limited_vs_indefinite_negotiation", "CATALOG", "DEFAULTS"]


def limited_vs_indefinite_negotiation(*, horizon: Any = "T", outside_option: bool = False,
                                      disagreement: bool = True) -> AlternatingOffers:
    """Government (G) versus social organisation (S): a deadline ``T`` or none.

    Parameters
    ----------
    horizon : int, "T" or None
        An integer deadline, the symbol ``T`` (positive integer) or ``None``
        for indefinite negotiation.
    outside_option : bool
        Give the organisation an outside option ``w_S`` (threat to withdraw).
    disagreement : bool
        Give the government a disagreement payoff ``d_G`` at the deadline
        (e.g. a fallback provider); the organisation's is 0.

    Returns
    -------
    AlternatingOffers

    References
    ----------
    .. [1] Yan Junfu, "Collaborative governance or collective inaction?",
       Study and Practice 2025(10): 106-116.
    .. [2] A. Rubinstein, "Perfect equilibrium in a bargaining model",
       Econometrica 50(1): 97-109, 1982.
    .. [3] I. Ståhl, *Bargaining Theory*, Stockholm School of Economics, 1972.

    Examples
    --------
    >>> from solvers.bargaining import bargain
    >>> g = limited_vs_indefinite_negotiation(horizon=None, disagreement=False)
    >>> bargain(g).shares[0]
    (delta_S - 1)/(delta_G*delta_S - 1)
    >>> g = limited_vs_indefinite_negotiation(horizon=2)
    >>> bargain(g).at({"delta_G": "1/2", "delta_S": "1/2", "d_G": "1/2"}).shares
    (3/4, 1/4)
    """
    params = [Parameter("delta_G", "(0, 1)", r"\delta_G", "government's discount factor (time pressure)"),
              Parameter("delta_S", "(0, 1)", r"\delta_S", "organisation's discount factor (time pressure)")]
    if disagreement and horizon is not None:
        params.append(Parameter("d_G", "[0, 1]", "d_G", "government's payoff if no agreement by the deadline"))
    if outside_option:
        params.append(Parameter("w_S", "[0, 1]", "w_S", "organisation's outside option (withdrawal)"))
    if horizon == "T":
        params.append(Parameter("T", "positive_integer", "T", "deadline (number of rounds)"))
    space = ParameterSpace(params)
    return AlternatingOffers(("delta_G", "delta_S"), players=("G", "S"), horizon=horizon,
                             disagreement=("d_G" if disagreement and horizon is not None else 0, 0),
                             outside_options=(0, "w_S") if outside_option else None, space=space,
                             name="limited vs indefinite negotiation")


#: An illustrative point: a patient government facing a less patient organisation.
DEFAULTS = {"limited_vs_indefinite_negotiation": {"delta_G": "9/10", "delta_S": "4/5", "d_G": "1/10", "T": 5}}
CATALOG = {"limited_vs_indefinite_negotiation": limited_vs_indefinite_negotiation}
#: Where the defaults come from.
SOURCES = {"limited_vs_indefinite_negotiation": "illustrative (not published): a patient government facing a less patient organisation"}
