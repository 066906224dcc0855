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

import itertools
from typing import Any, Mapping, Sequence

import numpy as np
import sympy

from games.errors import ParameterError, fmt_error
from games.normal_form import NormalFormGame
from games.parameters import Parameter, ParameterSpace
from games.values import to_value

__all__ = ["collective_inaction", "CATALOG", "DEFAULTS"]

#: name, domain, LaTeX, meaning, numeric default
_PARAMS = (
    ("alpha", "(0, 1]", r"\alpha", "share of co-production credit F receives when O serves substantively", "1/2"),
    ("U", "positive", "U", "value of co-produced service to F", 10),
    ("c_F", "positive", "c_F", "F's cost of collaborative steering", 2),
    ("h", "nonnegative", "h", "blame-avoidance value of audit trails to F under compulsive enforcement", 1),
    ("beta", "(0, 1]", r"\beta", "share of synergy credit T receives when O serves substantively", "1/2"),
    ("W", "positive", "W", "synergy value to T of substantive service", 4),
    ("theta", "(0, 1)", r"\theta", "detection probability (trust) under collaborative steering", "1/2"),
    ("pi_T", "positive", r"\pi", "penalty on T for exposed nominal compliance", 4),
    ("c_T", "positive", "c_T", "T's cost of substantive support", 3),
    ("R", "nonnegative", "R", "O's reputation gain from substantive service", 2),
    ("c_O", "positive", "c_O", "O's cost of substantive service", 3),
    ("b", "nonnegative", "b", "paperwork burden of compulsive audits on substantive service", 2),
    ("P", "positive", "P", "penalty on O for detected formal compliance", 4),
    ("s", "nonnegative", "s", "support O gets from a substantive territorial government", 2),
)


def _resolve(func: str, specs: Sequence[tuple], values: Mapping[str, Any], symbolic: bool):
    """Values (numbers or symbols) for each parameter and the space of the free ones."""
    full = ParameterSpace([Parameter(n, d, lx, desc) for n, d, lx, desc, _ in specs])
    unknown = sorted(set(values) - set(full.names))
    if unknown:
        raise ParameterError(fmt_error(func, "parameters", f"names among {list(full.names)}", unknown))
    given = {}
    for name, _, _, _, default in specs:
        v = values.get(name)
        if v is None and not symbolic:
            v = default
        if v is None:
            continue
        try:
            val = to_value(v, func=func, arg=name)
        except ValueError as err:
            raise ParameterError(str(err)) from None
        if isinstance(val, sympy.Basic) and not val.is_number:
            raise ParameterError(fmt_error(func, name, "a number (or None to keep it symbolic)", v))
        given[name] = val
    full.point(given, func=func, partial=True)
    env = {n: given.get(n, full[n]) for n, *_ in specs}
    free = [p for p in full.parameters if p.name not in given]
    return env, ParameterSpace(free)


def _build(payoff, shape, env, space, players, strategies, name) -> NormalFormGame:
    n = len(shape)
    arr = np.empty(shape + (n,), dtype=object)
    for prof in itertools.product(*(range(k) for k in shape)):
        arr[prof] = [sympy.sympify(v) for v in payoff(prof)]
    if any(isinstance(v, float) for v in env.values()):
        arr = np.vectorize(float, otypes=[float])(arr)
    return NormalFormGame(arr, players=players, strategies=strategies, space=space, name=name)


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
    env, space = _resolve("collective_inaction", _PARAMS, values, symbolic)
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

    return _build(payoff, (2, 2, 2), env, space, ("F", "T", "O"),
                  (("collaborative", "compulsive"), ("substantive", "nominal"), ("substantive", "formal")),
                  "Collective inaction")


#: An illustrative point (the last column of the parameter table): both attractors coexist.
DEFAULTS = {"collective_inaction": {name: value for name, _, _, _, value in _PARAMS}}
CATALOG = {"collective_inaction": collective_inaction}
