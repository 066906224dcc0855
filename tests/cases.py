"""Literature cases: games with their full, published (or closed-form) equilibrium sets.

Each case is data: a factory building the game, the expected equilibria
(profile, payoffs), the source, and a tolerance (``None``: exact comparison,
symbolic differences must simplify to 0). ``tests/test_cases.py`` runs
``solvers.equilibria`` on each and compares the full set, order-insensitive.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any, Callable

import pytest
import sympy
from sympy import Rational as Q

from games.catalog.classic import (battle_of_the_sexes, chicken, hawk_dove, inspection, matching_pennies,
                                   prisoners_dilemma, public_goods, stag_hunt, volunteers_dilemma)
from games.normal_form import NormalFormGame

__all__ = ["Case", "ExpectedEq", "CLASSIC_CASES", "SYMBOLIC_CASES", "N_PLAYER_CASES", "ALL_CASES",
           "volunteers_dilemma_equilibria"]


@dataclass(frozen=True)
class ExpectedEq:
    """One expected equilibrium: a mixed profile and (optionally) its payoffs."""

    profile: tuple
    payoffs: tuple | None = None


@dataclass(frozen=True)
class Case:
    """A game and its complete equilibrium set from the literature."""

    factory: Callable[[], NormalFormGame]
    expected: tuple[ExpectedEq, ...]
    source: str
    tol: float | None = None
    solve_kwargs: dict = field(default_factory=dict)


def E(*profile, payoffs=None) -> ExpectedEq:
    return ExpectedEq(tuple(tuple(sympy.sympify(x) for x in p) for p in profile),
                      None if payoffs is None else tuple(sympy.sympify(x) for x in payoffs))


PURE_1, PURE_2 = (1, 0), (0, 1)

CLASSIC_CASES = [
    pytest.param(Case(prisoners_dilemma, (E(PURE_2, PURE_2, payoffs=(1, 1)),),
                      "Axelrod (1984), The Evolution of Cooperation: T,R,P,S = 5,3,1,0; unique (D, D)"),
                 id="axelrod1984_pd"),
    pytest.param(Case(battle_of_the_sexes,
                      (E(PURE_1, PURE_1, payoffs=(2, 1)), E(PURE_2, PURE_2, payoffs=(1, 2)),
                       E((Q(2, 3), Q(1, 3)), (Q(1, 3), Q(2, 3)), payoffs=(Q(2, 3), Q(2, 3)))),
                      "Luce & Raiffa (1957), Games and Decisions, sec. 5.3: two pure, one mixed (2/3, 1/3)"),
                 id="luce_raiffa1957_bos"),
    pytest.param(Case(matching_pennies, (E((Q(1, 2), Q(1, 2)), (Q(1, 2), Q(1, 2)), payoffs=(0, 0)),),
                      "von Neumann & Morgenstern (1944), sec. 17.1: value 0, unique (1/2, 1/2)"),
                 id="vnm1944_matching_pennies"),
    pytest.param(Case(stag_hunt, (E(PURE_1, PURE_1, payoffs=(4, 4)), E(PURE_2, PURE_2, payoffs=(3, 3)),
                                  E((Q(3, 4), Q(1, 4)), (Q(3, 4), Q(1, 4)), payoffs=(3, 3))),
                      "Skyrms (2004), The Stag Hunt: two strict equilibria and a mixed one, stag w.p. hare/stag"),
                 id="skyrms2004_stag_hunt"),
    pytest.param(Case(chicken, (E(PURE_1, PURE_2, payoffs=(-1, 1)), E(PURE_2, PURE_1, payoffs=(1, -1)),
                                E((Q(9, 10), Q(1, 10)), (Q(9, 10), Q(1, 10)), payoffs=(Q(-1, 10), Q(-1, 10)))),
                      "Rapoport & Chammah (1966): two asymmetric pure, straight w.p. w/(w+c-l) = 1/10"),
                 id="rapoport_chammah1966_chicken"),
    pytest.param(Case(lambda: hawk_dove(symbolic=False),
                      (E(PURE_1, PURE_2, payoffs=(2, 0)), E(PURE_2, PURE_1, payoffs=(0, 2)),
                       E((Q(1, 2), Q(1, 2)), (Q(1, 2), Q(1, 2)), payoffs=(Q(1, 2), Q(1, 2)))),
                      "Maynard Smith (1982), ch. 2: V=2, C=4, hawk w.p. V/C = 1/2"),
                 id="maynard_smith1982_hawk_dove_numeric"),
    pytest.param(Case(lambda: inspection(symbolic=False),
                      (E((Q(1, 4), Q(3, 4)), (Q(1, 4), Q(3, 4)), payoffs=(0, Q(-1, 2))),),
                      "Tsebelis (1989) APSR 83(1): q* = k/(v+d) = 1/4, p* = g/(g+f) = 1/4 at g,f,k,v,d=1,3,1,2,2"),
                 id="tsebelis1989_inspection_numeric"),
    pytest.param(Case(lambda: NormalFormGame.from_bimatrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]],
                                                           [[0, 1, 0], [0, 0, 1], [1, 0, 0]]),
                      (E((Q(1, 3),) * 3, (Q(1, 3),) * 3, payoffs=(Q(1, 3), Q(1, 3))),),
                      "Shapley (1964), 'Some topics in two-person games', Advances in Game Theory: "
                      "unique equilibrium, uniform"),
                 id="shapley1964_3x3"),
]


def _inspection_symbolic() -> Case:
    sp = inspection().space
    g, f, k, v, d = (sp[n] for n in ("gain", "fine", "inspection_cost", "detection_value", "damage"))
    q = k / (v + d)
    p = g / (g + f)
    return Case(inspection, (E((q, 1 - q), (p, 1 - p), payoffs=(0, -d * k / (v + d))),),
                "Tsebelis (1989) APSR 83(1): violation rate k/(v+d) independent of the fine; "
                "inspection rate g/(g+f) falls in the fine")


def _hawk_dove_symbolic() -> Case:
    sp = hawk_dove().space
    V, C = sp["value"], sp["cost"]
    x = V / C
    return Case(hawk_dove, (E(PURE_1, PURE_2, payoffs=(V, 0)), E(PURE_2, PURE_1, payoffs=(0, V)),
                            E((x, 1 - x), (x, 1 - x), payoffs=(V * (C - V) / (2 * C),) * 2)),
                "Maynard Smith & Price (1973); Maynard Smith (1982): for V < C, (H,D), (D,H), hawk w.p. V/C")


def _bos_symbolic() -> Case:
    sp = battle_of_the_sexes(symbolic=True).space
    a, b = sp["high"], sp["low"]
    return Case(lambda: battle_of_the_sexes(symbolic=True),
                (E(PURE_1, PURE_1, payoffs=(a, b)), E(PURE_2, PURE_2, payoffs=(b, a)),
                 E((a / (a + b), b / (a + b)), (b / (a + b), a / (a + b)), payoffs=(a * b / (a + b),) * 2)),
                "Luce & Raiffa (1957), sec. 5.3, general form: mixed (a/(a+b), b/(a+b))")


SYMBOLIC_CASES = [
    pytest.param(_inspection_symbolic(), id="tsebelis1989_inspection_symbolic"),
    pytest.param(_hawk_dove_symbolic(), id="maynard_smith1982_hawk_dove_symbolic"),
    pytest.param(_bos_symbolic(), id="luce_raiffa1957_bos_symbolic"),
]


def volunteers_dilemma_equilibria(n: int, b: Any, c: Any) -> tuple[ExpectedEq, ...]:
    """Every equilibrium of the N-player volunteer's dilemma, in closed form.

    Diekmann (1985): the symmetric one abstains w.p. ``q = (c/b)^(1/(N-1))``.
    The full set: exactly one volunteer (N pure ones), and for each set S of
    m >= 2 players, S mixing with abstention probability (c/b)^(1/(m-1))
    while the others abstain; indifference in S forces equal probabilities,
    and outsiders strictly prefer abstaining since q^m < c/b. 2^N - 1 in all.
    """
    b, c = sympy.sympify(b), sympy.sympify(c)
    out = []
    for i in range(n):
        out.append(E(*[PURE_1 if j == i else PURE_2 for j in range(n)],
                     payoffs=[b - c if j == i else b for j in range(n)]))
    for m in range(2, n + 1):
        q = (c / b) ** sympy.Rational(1, m - 1)
        for S in itertools.combinations(range(n), m):
            out.append(E(*[(1 - q, q) if j in S else PURE_2 for j in range(n)],
                         payoffs=[b - c if j in S else b * (1 - q ** m) for j in range(n)]))
    return tuple(out)


def _jordan() -> NormalFormGame:
    # u1 = [s1 == s2], u2 = [s2 == s3], u3 = [s3 != s1]
    return NormalFormGame.from_payoff_function(
        lambda p: (int(p[0] == p[1]), int(p[1] == p[2]), int(p[2] != p[0])),
        [("H", "T")] * 3, name="Jordan's game")


N_PLAYER_CASES = [
    pytest.param(Case(lambda: volunteers_dilemma(2, benefit=2, cost=1), volunteers_dilemma_equilibria(2, 2, 1),
                      "Diekmann (1985) J. Conflict Resolution 29(4): N=2, q = c/b = 1/2"),
                 id="diekmann1985_vod_n2"),
    pytest.param(Case(lambda: volunteers_dilemma(3, benefit=4, cost=1), volunteers_dilemma_equilibria(3, 4, 1),
                      "Diekmann (1985) J. Conflict Resolution 29(4): N=3, symmetric q = (1/4)^(1/2) = 1/2"),
                 id="diekmann1985_vod_n3"),
    pytest.param(Case(lambda: volunteers_dilemma(5, benefit=16, cost=1), volunteers_dilemma_equilibria(5, 16, 1),
                      "Diekmann (1985) J. Conflict Resolution 29(4): N=5, symmetric q = (1/16)^(1/4) = 1/2",
                      tol=1e-9),
                 id="diekmann1985_vod_n5"),
    pytest.param(Case(_jordan, (E((Q(1, 2), Q(1, 2)), (Q(1, 2), Q(1, 2)), (Q(1, 2), Q(1, 2)),
                                  payoffs=(Q(1, 2), Q(1, 2), Q(1, 2))),),
                      "Jordan (1993), 'Three problems in learning mixed-strategy Nash equilibria', "
                      "Games and Economic Behavior 5(3): 368-386: unique equilibrium, all mix 1/2"),
                 id="jordan1993_3player"),
    pytest.param(Case(lambda: public_goods(3, symbolic=False), (E(PURE_2, PURE_2, PURE_2, payoffs=(10, 10, 10)),),
                      "Isaac & Walker (1988) QJE 103(1): 1 < r < N, free riding dominant"),
                 id="isaac_walker1988_public_goods"),
]

ALL_CASES = CLASSIC_CASES + SYMBOLIC_CASES + N_PLAYER_CASES
