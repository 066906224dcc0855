"""Collaborative governance or collective inaction: a tripartite compliance game.

After a purchased-service project's terms are fixed, three parties play a
compliance game (MODELS.md section 3, after Yan 2025): the functional
department F steers *collaboratively* or enforces *compulsively* (strict
indicator audits); the territorial government T gives *substantive*
support or *nominal* compliance; the social organisation O delivers
*substantive* service or *formal* compliance (paperwork only). The
compliance strategies together produce *collective inaction*.

The payoff array is built so that each party's payoff difference (its
first strategy minus its second), with ``x, y, z`` the shares of
collaborative F, substantive T and substantive O, is

* F: ``alpha*U*z - c_F - h``
* T: ``beta*W*z + theta*pi_T*x - c_T``
* O: ``R - c_O - b*(1 - x) + theta*P*x + s*y``

which is all replicator dynamics depends on.
"""

from __future__ import annotations

from typing import Any

from games.catalog._tables import build, resolve
from games.normal_form import NormalFormGame
from games.parameters import Parameter, ParameterSpace

__all__ = ["collective_inaction", "SPACE", "CATALOG", "DEFAULTS", "SOURCES"]

#: The parameter table: name, domain, LaTeX, meaning, default (illustrative: both attractors coexist)
SPACE = ParameterSpace.from_table((
    ("alpha", "(0, 1]", r"\alpha", "share of co-production credit F receives when O serves substantively", "1/2"),
    ("U", "positive", "U", "value of co-produced service to F", 10),
    ("c_F", "positive", "c_F", "F's cost of collaborative steering", 2),
    ("h", "nonnegative", "h", "blame-avoidance value of audit trails to F under compulsive enforcement", 1),
    # the paper's notation: 'beta' is also a sympy function, declared on purpose (shadow=True)
    Parameter("beta", "(0, 1]", r"\beta", "share of synergy credit T receives when O serves substantively", "1/2",
              shadow=True),
    ("W", "positive", "W", "synergy value to T of substantive service", 4),
    ("theta", "(0, 1)", r"\theta", "detection probability (trust) under collaborative steering", "1/2"),
    ("pi_T", "positive", r"\pi", "penalty on T for exposed nominal compliance", 4),
    ("c_T", "positive", "c_T", "T's cost of substantive support", 3),
    ("R", "nonnegative", "R", "O's reputation gain from substantive service", 2),
    ("c_O", "positive", "c_O", "O's cost of substantive service", 3),
    ("b", "nonnegative", "b", "paperwork burden of compulsive audits on substantive service", 2),
    ("P", "positive", "P", "penalty on O for detected formal compliance", 4),
    ("s", "nonnegative", "s", "support O gets from a substantive territorial government", 2),
))


def collective_inaction(*, symbolic: bool = True, **values: Any) -> NormalFormGame:
    """Collaborative governance or collective inaction: the F-T-O compliance game (2x2x2).

    Players and strategies (strategy 1 first):

    * ``F`` functional department: ``collaborative`` steering / ``compulsive`` enforcement;
    * ``T`` territorial government: ``substantive`` support / ``nominal`` compliance;
    * ``O`` social organisation: ``substantive`` service / ``formal`` compliance.

    Payoffs (each party's own terms; the others' strategies enter through
    the indicators)::

        F: collaborative  alpha*U*[O substantive] - c_F        compulsive  h
        T: substantive    beta*W*[O substantive] - c_T         nominal     -theta*pi_T*[F collaborative]
        O: substantive    R - c_O + s*[T substantive] - b*[F compulsive]
           formal         -theta*P*[F collaborative]

    so that the payoff differences are ``alpha*U*z - c_F - h`` (F),
    ``beta*W*z + theta*pi_T*x - c_T`` (T) and
    ``R - c_O - b*(1 - x) + theta*P*x + s*y`` (O). Under three-population
    replicator dynamics, collective inaction (compulsive, nominal, formal)
    is stable iff ``R < c_O + b``; full collaboration iff
    ``alpha*U > c_F + h``, ``beta*W + theta*pi_T > c_T`` and
    ``R + s + theta*P > c_O``; both can hold at once.

    Parameters
    ----------
    symbolic : bool
        Keep unset parameters as symbols (default); ``False`` fills them
        with the documented defaults.
    **values : number
        Values for any of ``alpha, U, c_F, h, beta, W, theta, pi_T, c_T, R,
        c_O, b, P, s`` (validated against their domains).

    Returns
    -------
    NormalFormGame

    References
    ----------
    .. [1] Yan Junfu (2025), "Collaborative governance or collective
       inaction? Strategic choices and institutional consequences of
       grassroots collaboration between government and social
       organizations", *Study and Practice* (学习与实践) 2025(10): 106-116.
    .. [2] D. Friedman (1991), "Evolutionary games in economics",
       *Econometrica* 59(3): 637-666.

    Examples
    --------
    >>> g = collective_inaction()
    >>> g.shape, g.players
    ((2, 2, 2), ('F', 'T', 'O'))
    >>> g.payoff(("compulsive", "nominal", "formal"))
    (h, 0, 0)
    >>> collective_inaction(symbolic=False).payoff((0, 0, 0))
    (3, -1, 1)
    """
    env, space = resolve("collective_inaction", SPACE, values, symbolic)
    e = env

    def payoff(prof):
        f, t, o = prof  # 0 = strategy 1 (collaborative / substantive)
        collab, t_sub, o_sub = f == 0, t == 0, o == 0
        u_f = e["alpha"] * e["U"] * int(o_sub) - e["c_F"] if collab else e["h"]
        u_t = e["beta"] * e["W"] * int(o_sub) - e["c_T"] if t_sub else -e["theta"] * e["pi_T"] * int(collab)
        if o_sub:
            u_o = e["R"] - e["c_O"] + e["s"] * int(t_sub) - e["b"] * int(not collab)
        else:
            u_o = -e["theta"] * e["P"] * int(collab)
        return (u_f, u_t, u_o)

    return build(payoff, (2, 2, 2), env, space, ("F", "T", "O"),
                  (("collaborative", "compulsive"), ("substantive", "nominal"), ("substantive", "formal")),
                  "Collective inaction")


#: An illustrative point (the defaults of the parameter table): both attractors coexist.
DEFAULTS = {"collective_inaction": {p.name: p.default for p in SPACE.parameters}}
#: Where the defaults come from.
SOURCES = {"collective_inaction": "illustrative (not published): both attractors coexist"}
CATALOG = {"collective_inaction": collective_inaction}
