"""
Your own bargaining and inspection games
========================================

Two workhorses of formal governance theory, built from scratch:

* an alternating-offers negotiation between a government and a union, with
  and without a deadline and an outside option (Rubinstein 1982; Ståhl 1972;
  Binmore, Shaked and Sutton 1989);
* Tsebelis' (1989) inspection game, written as a bimatrix, whose equilibria
  and comparative statics govgames derives with their conditions -- including
  the famous result that a higher fine does not lower the violation rate.

Both end with a *regime map*: which result holds where in a 2-D slice of the
parameter space.
"""

import govgames as gg

# %%
# Alternating offers
# ------------------
#
# The parameters first. Rows without a default are fine; the LaTeX names
# are used in tables and figure axes.

space = gg.ParameterSpace.from_table([
    ("d_G", "(0, 1)", r"\delta_G", "government's discount factor"),
    ("d_U", "(0, 1)", r"\delta_U", "union's discount factor"),
    ("w_U", "[0, 1/2]", "w_U", "union's outside option (its strike fund)"),
])

# %%
# :class:`~games.AlternatingOffers` describes the game (the government
# proposes first; the surplus is 1); :func:`gg.bargain <solvers.bargain>`
# returns its subgame-perfect agreement. With no deadline this is
# Rubinstein's stationary split:

talks = gg.AlternatingOffers(("d_G", "d_U"), players=("government", "union"), space=space)
outcome = gg.bargain(talks)
print(outcome)
print(outcome.shares)

# %%
# A deadline of three rounds gives Ståhl's backward-induction shares, and a
# numeric game gives numbers (exact ones for exact input):

print(gg.bargain(gg.AlternatingOffers(("d_G", "d_U"), horizon=3, space=space)).shares)
print(gg.bargain(gg.AlternatingOffers(("9/10", "4/5"), horizon=3)).shares)

# %%
# An outside option for the union. By the outside-option principle it
# matters only when it beats what the union gets without it -- govgames
# returns both *cases*, each with the exact condition under which it applies:

strike = gg.AlternatingOffers(("d_G", "d_U"), players=("government", "union"),
                              outside_options=(0, "w_U"), space=space)
out = gg.bargain(strike)
for case in out.cases:
    print(case.label, "|", case.shares, "| if", case.condition)

# %%
# Comparative statics of every case, each sign proved on the case's region:
# where the option does not bind, raising it changes nothing.

print(gg.comparative_statics(out, wrt=["w_U", "d_U"]))

# %%
# The regime map: classify a grid of ``(w_U, d_U)`` with ``d_G`` fixed, then
# draw it. The boundary is the exact curve where the two cases meet.

m = gg.regime_map(out, "w_U", "d_U", {"d_G": 0.9}, 60)
print(m)
fig = gg.figures.regime_map_plot(m, space=space, title="When does the strike fund bind?")

# %%
# An inspection game from a bimatrix
# ----------------------------------
#
# An inspectee may ``violate`` or ``comply``; an inspector may ``inspect``
# (at cost ``k``) or ``skip``. A detected violator pays the fine ``f``; an
# undetected one gains ``g``. The inspector values a detection at ``v`` and
# loses ``d`` from an undetected violation. No assumption on ``k`` is made:
# govgames will find where it matters.

insp = gg.ParameterSpace.from_table([
    ("g", "positive", "g", "violator's gain when not inspected"),
    ("f", "positive", "f", "fine on a detected violation"),
    ("k", "positive", "k", "cost of an inspection"),
    ("v", "positive", "v", "inspector's value of detecting a violation"),
    ("d", "positive", "d", "inspector's loss from an undetected violation"),
])
g, f, k, v, d = (insp[name] for name in "gfkvd")
game = gg.NormalFormGame.from_bimatrix(
    [[-f, g], [0, 0]],            # inspectee (rows: violate, comply)
    [[v - k, -d], [-k, 0]],       # inspector (columns: inspect, skip)
    players=("inspectee", "inspector"),
    strategies=(("violate", "comply"), ("inspect", "skip")),
    space=insp,
)

# %%
# All equilibria with their conditions
# ------------------------------------
#
# :func:`gg.equilibria <solvers.equilibria>` finds every Nash equilibrium,
# pure and mixed, and the region where each exists. ``complete=True`` means
# none is missing anywhere on the space.

eqs = gg.equilibria(game)
print(eqs)
print("complete:", eqs.complete)

# %%
# ``regimes()`` partitions the space by which equilibria hold:

for r in eqs.regimes():
    print([str(eqs[i]).split(" |")[0] for i in r.members], "if", r.condition)

# %%
# Tsebelis' result, proved
# ------------------------
#
# In the mixed equilibrium the violation rate is ``k/(v + d)``: the fine does
# not appear. Raising the fine lowers the inspection rate instead. The
# comparative statics prove both signs on the region where the equilibrium
# exists:

mixed = next(e for e in eqs if not e.is_pure)
statics = gg.comparative_statics(mixed, wrt="f")
print(statics)

# %%
# Each row is a value with attributes you can test in a script -- the
# statement "the violation rate does not depend on the fine" is checkable:

row = statics[0]
print(row.quantity, row.derivative, row.sign, row.established)
assert row.sign == "0" and row.established == "proved"

# %%
# The regime map of the equilibria over inspection cost and damage: above
# the line ``k = v + d`` inspecting never pays and the inspectee violates
# for sure.

m = gg.regime_map(eqs, "k", "d", {"g": 1, "f": 2, "v": 1}, 80, x_range=(0, 4), y_range=(0, 4))
print(m)
fig = gg.figures.regime_map_plot(m, space=insp, title="Inspection game regimes")

# %%
# And the table for the paper:

print(eqs.to_latex())

# %%
# Next: :doc:`tutorial_4_command_line` runs the same analyses from a shell.
