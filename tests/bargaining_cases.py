"""Closed forms from the bargaining literature, as data (each case cites its source)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction as F
from typing import Any

import pytest


@dataclass(frozen=True)
class BargainCase:
    kwargs: dict
    share1: Any  # player 1's (index 0) share
    source: str


def _stahl(T: int, d: F) -> F:
    # Ståhl (1972): with common delta and zero disagreement, the first proposer gets
    # 1 - d + d^2 - ... (T terms) = (1 - (-d)^T) / (1 + d).
    return (1 - (-d) ** T) / (1 + d)


RUBINSTEIN = [
    pytest.param(BargainCase({"discount": ("1/2", "2/3")}, F(1, 2), "Rubinstein 1982, (1-d2)/(1-d1 d2)"),
                 id="rubinstein1982_half_twothirds"),
    pytest.param(BargainCase({"discount": ("9/10", "4/5")}, F(5, 7), "Rubinstein 1982, (1-d2)/(1-d1 d2)"),
                 id="rubinstein1982_09_08"),
    pytest.param(BargainCase({"discount": ("1/2", "2/3"), "first": 1}, 1 - (1 - F(1, 2)) / (1 - F(1, 3)),
                             "Rubinstein 1982: player 2 proposes, player 1 gets 1 - (1-d1)/(1-d1 d2)"),
                 id="rubinstein1982_second_mover"),
]

STAHL = [pytest.param(BargainCase({"discount": "1/2", "horizon": T}, _stahl(T, F(1, 2)),
                                  f"Ståhl 1972 finite horizon, T={T}"), id=f"stahl1972_T{T}")
         for T in range(1, 9)]

# Binmore-Rubinstein-Wolinsky (1986): no discounting, breakdown prob p, breakdown payoffs b:
# x1 = (1 - b2 + (1-p) b1) / (2 - p).
BRW = [pytest.param(BargainCase({"breakdown": "1/10", "breakdown_payoffs": ("1/5", "1/10")},
                                (1 - F(1, 10) + F(9, 10) * F(1, 5)) / (2 - F(1, 10)), "BRW 1986 eq. for stationary SPE"),
                    id="brw1986_p01")]

# Binmore-Shaked-Sutton (1989) outside option principle, common delta 1/2:
# responder's Rubinstein share is delta/(1+delta) = 1/3; an option of 1/2 binds, 1/4 does not.
BSS = [
    pytest.param(BargainCase({"discount": "1/2", "outside_options": (0, "1/2")}, F(1, 2), "BSS 1989: binds"),
                 id="bss1989_binds"),
    pytest.param(BargainCase({"discount": "1/2", "outside_options": (0, "1/4")}, F(2, 3), "BSS 1989: does not bind"),
                 id="bss1989_not_binding"),
]

# Rubinstein (1982) fixed costs: c1 < c2 -> player 1 gets all; c1 > c2 -> player 1 gets c2.
COSTS = [
    pytest.param(BargainCase({"costs": ("1/10", "1/5")}, F(1), "Rubinstein 1982 fixed costs c1<c2"), id="rub1982_c1_lt_c2"),
    pytest.param(BargainCase({"costs": ("1/5", "1/10")}, F(1, 10), "Rubinstein 1982 fixed costs c1>c2"), id="rub1982_c1_gt_c2"),
]

ALL = RUBINSTEIN + STAHL + BRW + BSS + COSTS
