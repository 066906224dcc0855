"""Two published tripartite evolutionary games, transcribed from their payoff tables.

* :func:`greenwashing_regulation` -- manufacturing enterprise, government and
  public (Zeng, Huang, Wu and Liu 2025, Table 2, static regulation);
* :func:`cooperative_supply_chain` -- supply-and-marketing cooperative,
  seller and farmer (Sci. Rep. 14:23875, 2024, Table 1).

Both are 2x2x2 :class:`~games.normal_form.NormalFormGame` objects whose
strategy 1 is the strategy whose share the paper calls ``x, y, z`` (or
``alpha, beta, gamma``), so that replicator dynamics in reduced coordinates
(``solvers.replicator``) has the papers' state variables. Parameter names
follow the papers' notation (``E3p`` is the paper's ``E'_3``). Payoffs are
transcribed as printed, including entries that look asymmetric (see the
function notes); nothing is "corrected".
"""

from __future__ import annotations

from typing import Any

from games.catalog._tables import build, resolve
from games.normal_form import NormalFormGame
from games.parameters import Parameter, ParameterSpace

__all__ = ["greenwashing_regulation", "cooperative_supply_chain", "GREENWASHING_SPACE", "SUPPLY_CHAIN_SPACE",
           "CATALOG", "DEFAULTS", "SOURCES"]

#: The parameter table: name, domain, LaTeX, meaning (Zeng et al. 2025, Table 1), default (illustrative,
#: not the paper's simulation values). ``Q`` and ``I`` keep the paper's notation although sympy also
#: defines them (``shadow=True``: in the space's parser they mean the parameters).
GREENWASHING_SPACE = ParameterSpace.from_table((
    ("alpha", "(0, 1)", r"\alpha", "share by which green innovation raises (greenwashing lowers) benefits", "1/5"),
    ("R1", "positive", "R_1", "enterprise's benefit from green innovation", 10),
    ("R2", "positive", "R_2", "enterprise's benefit from greenwashing", 9),
    ("C1", "positive", "C_1", "enterprise's cost of green innovation", 6),
    ("C2", "positive", "C_2", "enterprise's cost of greenwashing", 2),
    ("R3", "positive", "R_3", "government's governance benefit from green innovation", 5),
    ("C3", "positive", "C_3", "government's governance cost of greenwashing", 3),
    ("U1", "positive", "U_1", "public's utility from buying green products", 6),
    ("U2", "positive", "U_2", "public's utility from buying greenwashed products", 2),
    ("C4", "positive", "C_4", "cost of strict regulation", 3),
    ("P", "positive", "P", "green credit to green innovators under strict regulation", 2),
    Parameter("Q", "positive", "Q", "greenwasher's loss from revoked green certification under strict regulation", 3,
              shadow=True),
    ("F", "positive", "F", "government's reputational reward from public supervision under strict regulation", 2),
    ("G", "positive", "G", "government's loss from public reporting under loose regulation", 3),
    ("J", "positive", "J", "loss of green investment and innovation under loose regulation", 2),
    ("C5", "positive", "C_5", "public's cost of participating in supervision", 1),
    ("L", "positive", "L", "public supervision's support for green innovation", 1),
    ("M", "positive", "M", "public supervision's pressure against greenwashing", 2),
    ("H", "positive", "H", "public's rights protection under strict regulation when supervising", 1),
    Parameter("I", "positive", "I", "public's loss when supervising under loose regulation", 2, shadow=True),
))

#: The parameter table: name, domain, LaTeX, meaning (role as it enters Sci. Rep. 14:23875 Table 1; wording
#: ours), default (illustrative). ``E1`` keeps the paper's notation although sympy also defines it.
SUPPLY_CHAIN_SPACE = ParameterSpace.from_table((
    Parameter("E1", "real", "E_1", "cooperative's basic income", 10, shadow=True),
    ("C1", "positive", "C_1", "cooperative's cost of strong regulation", 3),
    ("G", "positive", "G", "gain (government support, reputation) from strong regulation", 2),
    ("S1", "positive", "S_1", "subsidy from the cooperative to an actively undertaking seller", 1),
    ("P1", "positive", "P_1", "cooperative's loss when farmers drop out under strong regulation", 1),
    ("F1", "positive", "F_1", "cooperative's penalty income from a negative seller (farmers take part)", 1),
    ("F", "positive", "F", "penalty on a negative seller (farmers drop out)", 1),
    ("E2", "real", "E_2", "seller's basic income", 8),
    ("V1", "positive", "V_1", "seller's extra income from actively undertaking", 3),
    ("C2", "positive", "C_2", "seller's cost of actively undertaking", 2),
    ("A1", "positive", "A_1", "seller's additional benefit from farmers' participation", 1),
    ("S2", "positive", "S_2", "seller's transfer to participating farmers", 1),
    ("E3", "real", "E_3", "farmer's basic income when taking part", 6),
    ("C3", "positive", "C_3", "farmer's cost of taking part", 2),
    ("M1", "positive", "M_1", "farmer's gain from the cooperative's strong regulation", 1),
    ("R1", "positive", "R_1", "farmer's gain from an actively undertaking seller", 1),
    ("E3p", "real", "E'_3", "farmer's income when dropping out", 3),
))


def greenwashing_regulation(*, symbolic: bool = True, **values: Any) -> NormalFormGame:
    """Greenwashing under static government regulation: enterprise, government, public (2x2x2).

    Players and strategies (strategy 1 first; the paper's shares ``x, y, z``):

    * ``enterprise``: ``green innovation`` (x) / ``greenwashing``;
    * ``government``: ``strict`` regulation (y) / ``loose``;
    * ``public``: ``participate`` in supervision (z) / ``abstain``.

    Payoffs (enterprise; government; public), Table 2 of Zeng et al. (2025)::

        green, strict, participate   (1+a)R1-C1+P+L ; R3-C4+F-P ; U1-C5-L+H
        wash,  strict, participate   (1-a)R2-C2-Q-M ; -C3-C4+F  ; U2-C5+M+H
        green, strict, abstain       (1+a)R1-C1+P   ; R3-C4-P   ; U1
        wash,  strict, abstain       (1-a)R2-C2-Q   ; -C3-C4    ; U2
        green, loose,  participate   (1+a)R1-C1+L   ; R3-G-J    ; U1-C5-L-I
        wash,  loose,  participate   (1-a)R2-C2-M   ; -C3-G     ; U2-C5+M-I
        green, loose,  abstain       (1+a)R1-C1     ; R3-J      ; U1
        wash,  loose,  abstain       (1-a)R2-C2     ; -C3       ; U2

    This is the paper's static-reward, static-punishment model (its dynamic
    variants make ``P`` and ``Q`` functions of ``x``; they are not normal-form
    games).

    Parameters
    ----------
    symbolic : bool
        Keep unset parameters as symbols (default); ``False`` fills them
        with illustrative defaults (not the paper's simulation values).
    **values : number
        Values for any of the parameters (``alpha, R1, R2, C1, C2, R3, C3,
        U1, U2, C4, P, Q, F, G, J, C5, L, M, H, I``).

    Returns
    -------
    NormalFormGame

    References
    ----------
    .. [1] J. Zeng, T. Huang, X. Wu and T. Liu (2025), "Authentic or spurious:
       an evolutionary game analysis of manufacturing enterprises'
       greenwashing behavior under dynamic government regulation",
       *Humanities and Social Sciences Communications* 12,
       doi:10.1057/s41599-025-05630-0 (Tables 1 and 2).

    Examples
    --------
    >>> g = greenwashing_regulation()
    >>> g.players, g.shape
    (('enterprise', 'government', 'public'), (2, 2, 2))
    >>> g.payoff(("greenwashing", "loose", "abstain"))
    (-C2 + R2*(1 - alpha), -C3, U2)
    """
    env, space = resolve("greenwashing_regulation", GREENWASHING_SPACE, values, symbolic)
    e = env

    def payoff(prof):
        green, strict, part = (int(s == 0) for s in prof)
        if green:
            u_e = (1 + e["alpha"]) * e["R1"] - e["C1"] + e["P"] * strict + e["L"] * part
            u_g = e["R3"] - e["C4"] + e["F"] * part - e["P"] if strict else e["R3"] - e["G"] * part - e["J"]
            u_p = e["U1"] - e["C5"] - e["L"] + (e["H"] if strict else -e["I"]) if part else e["U1"]
        else:
            u_e = (1 - e["alpha"]) * e["R2"] - e["C2"] - e["Q"] * strict - e["M"] * part
            u_g = -e["C3"] - e["C4"] + e["F"] * part if strict else -e["C3"] - e["G"] * part
            u_p = e["U2"] - e["C5"] + e["M"] + (e["H"] if strict else -e["I"]) if part else e["U2"]
        return (u_e, u_g, u_p)

    return build(payoff, (2, 2, 2), env, space, ("enterprise", "government", "public"),
                  (("green innovation", "greenwashing"), ("strict", "loose"), ("participate", "abstain")),
                  "Greenwashing regulation")


def cooperative_supply_chain(*, symbolic: bool = True, **values: Any) -> NormalFormGame:
    """Supply-and-marketing cooperative, seller and farmer (2x2x2).

    Players and strategies (strategy 1 first; the paper's shares
    ``alpha, beta, gamma``):

    * ``cooperative``: ``strong`` regulation / ``weak``;
    * ``seller``: ``undertake`` (actively undertake) / ``negative`` (negative bear);
    * ``farmer``: ``take part`` / ``drop out``.

    Payoffs (cooperative; seller; farmer) as printed in Table 1::

        strong, undertake, take part  E1-C1+G-S1    ; E2+V1-C2+S1+A1-S2 ; E3-C3+M1+R1+S2
        weak,   undertake, take part  E1            ; E2+V1-C2+A1-S2    ; E3-C3+R1+S2
        strong, undertake, drop out   E1-C1+G-P1-S1 ; E2+V1-C2+S1+A1-S2 ; E'3
        weak,   undertake, drop out   E1            ; E2+V1-C2          ; E'3
        strong, negative,  take part  E1-C1+F1+G    ; E2+G              ; E3-C3+M1
        weak,   negative,  take part  E1            ; E2                ; E3-C3
        strong, negative,  drop out   E1-C1-P1+G+F  ; E2-F              ; E'3
        weak,   negative,  drop out   E1            ; E2                ; E'3

    Transcribed as printed: the table has ``F1`` in one cell and ``F`` in
    another (kept as two parameters), a seller payoff ``E2 + G`` under
    strong regulation with a negative seller, and the full seller bonus
    ``S1 + A1 - S2`` under strong regulation even when farmers drop out.

    Parameters
    ----------
    symbolic : bool
        Keep unset parameters as symbols (default); ``False`` fills them
        with illustrative defaults.
    **values : number
        Values for any of ``E1, C1, G, S1, P1, F1, F, E2, V1, C2, A1, S2,
        E3, C3, M1, R1, E3p``.

    Returns
    -------
    NormalFormGame

    References
    ----------
    .. [1] "Evolutionary game analysis of supply and marketing cooperatives,
       sellers and farmers", *Scientific Reports* 14, 23875 (2024),
       doi:10.1038/s41598-024-74158-1 (PMC11470944), Tables 1 and 2.

    Examples
    --------
    >>> g = cooperative_supply_chain()
    >>> g.payoff(("strong", "negative", "drop out"))
    (-C1 + E1 + F + G - P1, E2 - F, E3p)
    """
    env, space = resolve("cooperative_supply_chain", SUPPLY_CHAIN_SPACE, values, symbolic)
    e = env

    def payoff(prof):
        strong, active, part = (s == 0 for s in prof)
        if strong:
            if active:
                u_c = e["E1"] - e["C1"] + e["G"] - e["S1"] - (0 if part else e["P1"])
                u_s = e["E2"] + e["V1"] - e["C2"] + e["S1"] + e["A1"] - e["S2"]
            else:
                u_c = e["E1"] - e["C1"] + e["G"] + (e["F1"] if part else e["F"] - e["P1"])
                u_s = e["E2"] + e["G"] if part else e["E2"] - e["F"]
        else:
            u_c = e["E1"]
            if active:
                u_s = e["E2"] + e["V1"] - e["C2"] + (e["A1"] - e["S2"] if part else 0)
            else:
                u_s = e["E2"]
        if part:
            u_f = e["E3"] - e["C3"] + (e["M1"] if strong else 0) + (e["R1"] + e["S2"] if active else 0)
        else:
            u_f = e["E3p"]
        return (u_c, u_s, u_f)

    return build(payoff, (2, 2, 2), env, space, ("cooperative", "seller", "farmer"),
                  (("strong", "weak"), ("undertake", "negative"), ("take part", "drop out")),
                  "Cooperative supply chain")


CATALOG = {
    "greenwashing_regulation": greenwashing_regulation,
    "cooperative_supply_chain": cooperative_supply_chain,
}
#: Illustrative points (the defaults of the parameter tables; the papers' simulation values are not used).
DEFAULTS = {"greenwashing_regulation": GREENWASHING_SPACE.defaults(),
            "cooperative_supply_chain": SUPPLY_CHAIN_SPACE.defaults()}
SOURCES = {"greenwashing_regulation": "illustrative (not the simulation values of Zeng et al. 2025)",
           "cooperative_supply_chain": "illustrative (not the simulation values of Sci. Rep. 14:23875, 2024)"}
