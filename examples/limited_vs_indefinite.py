"""Limited versus indefinite negotiation: deadlines, time pressure and hidden information.

MODELS.md section 2: a government G and a social organisation S bargain
over a purchased-service project (a surplus of 1), G proposing first, with
discount factors delta_G, delta_S (time pressure). Sources: Yan Junfu
(2025), Study and Practice 2025(10): 106-116; A. Rubinstein (1982),
"Perfect equilibrium in a bargaining model", Econometrica 50(1): 97-109;
I. Stahl (1972), Bargaining Theory; D. Fudenberg and J. Tirole (1983),
"Sequential bargaining with incomplete information", Rev. Econ. Stud. 50(2).

This script derives

1. the indefinite-horizon shares (Rubinstein) and checks the closed form
   (1 - delta_S) / (1 - delta_G delta_S);
2. the shares under a deadline T in closed form, and checks that they tend
   to Rubinstein's as T grows;
3. where the government prefers a deadline to indefinite negotiation;
4. screening with hidden information (two types of organisation cost):
   pooling, screening with delay, or a high price, each with its region;
5. comparative statics of the shares;
6. the figures: shares against T with the indefinite limit and against
   delta_G, the government's preferred-horizon regions and the screening
   regimes.

Run ``python examples/limited_vs_indefinite.py --out DIR`` (``--quick`` for CI).
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import sympy

from govgames.figures.bargaining_plot import bargaining_plot
from govgames.figures.regime_map import regime_map_plot
from govgames.figures.statics_plot import statics_plot
from govgames.figures.style import save_figure
from govgames.figures.tables import regimes_table, statics_table
from games.catalog import load
from games.parameters import ParameterSpace
from solvers import bargain, preferred_horizon
from solvers.share_curves import deadline_shares, discount_shares
from solvers import regime_map
from games.conditions import is_valid
from solvers import screening_two_types
from solvers import comparative_statics

POINT = {"delta_G": 0.9, "delta_S": 0.8, "d_G": 0.1}


def progress(t0: float, msg: str) -> None:
    """One progress line on stderr with the elapsed time."""
    print(f"[{time.perf_counter() - t0:6.1f}s] {msg}", file=sys.stderr, flush=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="out", help="folder for figures (default ./out)")
    ap.add_argument("--quick", action="store_true", help="coarser grids (CI)")
    args = ap.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    t0 = time.perf_counter()

    progress(t0, 'indefinite negotiation (Rubinstein)')
    # 1. indefinite negotiation
    indef = load("limited_vs_indefinite_negotiation", horizon=None, disagreement=False)
    space = indef.space
    dG, dS = space["delta_G"], space["delta_S"]
    out = bargain(indef)
    x_G = out.shares[0]
    print("% Indefinite negotiation (Rubinstein 1982): $" + out.to_latex() + "$")
    ok = sympy.simplify(x_G - (1 - dS) / (1 - dG * dS)) == 0
    print(f"% check: x_G = (1 - delta_S)/(1 - delta_G delta_S): {ok}")
    if not ok:
        return 1

    progress(t0, 'limited negotiation: the deadline closed form and its limit')
    # 2. limited negotiation: deadline T, disagreement payoff d_G for the government
    lim = load("limited_vs_indefinite_negotiation")  # symbolic T
    lout = bargain(lim)
    print("\n% Limited negotiation (deadline T): G's share\n% $x_G(T) = "
          + lim.space.latex(lout.shares[0]) + "$")
    d = deadline_shares(lim, POINT, T_max=40)
    gap = abs(d.curve("deadline T")[-1, 0] - d.limit[0])
    print(f"% check: at T = 40 the share is within {gap:.2e} of Rubinstein's {d.limit[0]:.4f}")
    if gap > 1e-2:
        return 1

    progress(t0, 'preferred horizon for T = 2, 3')
    # 3. where does the government prefer a deadline?
    rows = {}
    for T in (2, 3):
        hc = preferred_horizon(load("limited_vs_indefinite_negotiation", horizon=T), deadline=T)
        rows[f"T = {T}: deadline"] = hc.prefer_deadline
        rows[f"T = {T}: indefinite"] = hc.prefer_indefinite
        print(f"% T = {T}: G prefers the deadline where ${lim.space.latex(hc.prefer_deadline)}$")
    print(regimes_table(rows, "latex", space=lim.space))
    hc2 = preferred_horizon(load("limited_vs_indefinite_negotiation", horizon=2), deadline=2)

    progress(t0, 'screening with two types')
    # 4. screening with hidden information about the organisation (two types)
    sspace = ParameterSpace({"mu": ("(0, 1)", r"\mu", "prior probability of the high-value type"),
                             "delta": ("(0, 1)", r"\delta", "common discount factor")})
    scr = screening_two_types(2, 1, "mu", "delta", space=sspace)
    print("\n% Screening (Fudenberg-Tirole 1983): values 2 and 1, prior mu of the high value")
    for r in scr.regimes:
        print(f"% {r.name}: prices {tuple(r.prices)}, profit ${sspace.latex(r.profit)}$ "
              f"if ${sspace.latex(r.condition)}$")

    progress(t0, 'comparative statics')
    # 5. comparative statics of Rubinstein's shares
    st = comparative_statics(out, space=space)
    print("\n% Comparative statics of the indefinite-horizon shares\n" + statics_table(st, "latex"))
    signs = {(r.quantity, r.parameter): r.sign for r in st}
    expect_G = [s for (q, p), s in signs.items() if q.endswith("G") and p == "delta_G"]
    print(f"% G's share rises with its own patience: {expect_G}")
    if is_valid(sympy.diff(x_G, dG) > 0, space) is not True:
        return 1

    progress(t0, 'figures: shares, preferred-horizon and screening maps, statics')
    # 6. figures
    n = 15 if args.quick else 60
    files = save_figure(bargaining_plot(deadline_shares(lim, POINT, T_max=15 if args.quick else 30),
                                        discount_shares(lim, POINT, n=n)),
                        os.path.join(args.out, "lvi_shares"))
    pref = {"deadline preferred": hc2.prefer_deadline, "indefinite preferred": hc2.prefer_indefinite}
    m = regime_map(pref, "delta_G", "delta_S", {"d_G": 0.1}, 60 if args.quick else 250,
                   space=hc2_space(lim))
    fig = regime_map_plot(m, space=hc2_space(lim), conditions=pref, title="G's preferred horizon ($T = 2$)")
    files += save_figure(fig, os.path.join(args.out, "lvi_preferred_horizon"))
    print(f"% preferred-horizon map regions: {', '.join(fig.regime_cells)}")
    cases = {r.name: r.condition for r in scr.regimes}
    m = regime_map(cases, "mu", "delta", {}, 60 if args.quick else 250, space=sspace)
    fig = regime_map_plot(m, space=sspace, conditions=cases, title="Screening regimes")
    files += save_figure(fig, os.path.join(args.out, "lvi_screening"))
    print(f"% screening map regions: {', '.join(fig.regime_cells)}")
    fig = statics_plot(x_G, "delta_G", space=space, curves=("delta_S", [0.5, 0.8, 0.95]), n=n * 4,
                       ylabel="G's share (indefinite)")
    files += save_figure(fig, os.path.join(args.out, "lvi_statics"))
    print("% figures: " + ", ".join(files))
    print(f"% done in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    return 0


def hc2_space(lim):
    """The deadline game's space without T (the preferred-horizon map fixes T = 2)."""
    return ParameterSpace([p for p in lim.space.parameters if p.name != "T"])


if __name__ == "__main__":
    sys.exit(main())
