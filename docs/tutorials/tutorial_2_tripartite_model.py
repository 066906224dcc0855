"""
Build your own tripartite model
===============================

A typical paper in evolutionary governance writes down a regulator, a firm
and the public, prints a parameter table and a 2x2x2 payoff table, and then
derives (1) the pure equilibria, (2) the stability of the eight vertices
under replicator dynamics, (3) simulations, (4) comparative statics. This
tutorial does all four, exactly, from the two tables as the paper would
print them -- and ends with the LaTeX for the paper.

The model: *inspection with whistle-blowers*. The regulator inspects
``strict`` or ``lax``; the firm may ``comply`` or ``violate``; a citizen may
``report`` a violation or stay ``silent``.
"""

import numpy as np

import govgames as gg

# %%
# The parameter table
# -------------------
#
# One row per parameter: name, domain, LaTeX name, meaning, and an
# illustrative default value (used below for simulations). Domains are
# ``"positive"``, ``"real"``, intervals such as ``"(0, 1)"``, ...; a
# ``constraints=[...]`` argument would add maintained assumptions such as
# ``"F > G"``.

space = gg.ParameterSpace.from_table([
    ("c_S", "positive", "c_S", "regulator's cost of strict inspection", 3),
    ("E", "positive", "E", "regulator's credit for a compliant firm under strict inspection", 4),
    ("F", "positive", "F", "fine on a violation found by strict inspection", 2),
    ("G", "positive", "G", "firm's gain from violating", 1),
    ("K", "positive", "K", "firm's reputational loss when the public reports it", 2),
    ("L", "positive", "L", "regulator's loss when a violation is reported under lax inspection", 3),
    ("R", "positive", "R", "reward paid to a reporting citizen", 1),
    ("c_P", "positive", "c_P", "citizen's cost of reporting", 2),
])
print(space)
print(space.defaults())

# %%
# The payoff table
# ----------------
#
# :meth:`NormalFormGame.from_table <games.NormalFormGame.from_table>` takes
# one row per strategy profile, keyed by strategy names, with one payoff per
# player in the order of ``players``. Payoffs may be numbers, sympy
# expressions or strings in the space's parameters; a missing or repeated
# profile, or an undeclared parameter name, is an error that names it.

game = gg.NormalFormGame.from_table({
    ("strict", "comply", "report"):  ("E - c_S", 0, "-c_P"),
    ("strict", "comply", "silent"):  ("E - c_S", 0, 0),
    ("strict", "violate", "report"): ("F - c_S - R", "G - F - K", "R - c_P"),
    ("strict", "violate", "silent"): ("F - c_S", "G - F", 0),
    ("lax", "comply", "report"):     (0, 0, "-c_P"),
    ("lax", "comply", "silent"):     (0, 0, 0),
    ("lax", "violate", "report"):    ("-L - R", "G - K", "R - c_P"),
    ("lax", "violate", "silent"):    (0, "G", 0),
}, players=("regulator", "firm", "public"), space=space, name="inspection with whistle-blowers")
print(game)
print(game.strategies)

# %%
# Pure equilibria with their conditions
# -------------------------------------
#
# :func:`gg.pure_equilibria <solvers.pure_equilibria>` checks every profile
# symbolically. Each equilibrium comes with the exact region of the
# parameter space where it is one; profiles that are never equilibria on the
# space are left out.

pure = gg.pure_equilibria(game)
for eq in pure:
    print(eq)

# %%
# Compliance is an equilibrium only where strict inspection pays for itself
# (``E >= c_S``) and the fine deters (``F >= G``). A condition can be
# evaluated at a point:

for eq in pure.at(space.defaults()):
    print(eq)

# %%
# Replicator dynamics and the stability table
# -------------------------------------------
#
# Three populations, each with two strategies: the state is the share of the
# first strategy of each (``x_1`` = share of strict regulators, ``x_2`` = of
# compliant firms, ``x_3`` = of reporting citizens).

dyn = gg.replicator(game)
print(dyn)
print(dyn.vertices())

# %%
# :func:`gg.stability <solvers.stability>` with ``vertices_only=True``
# analyses the eight pure states: the eigenvalues of the Jacobian there and
# the exact condition for each stability class. A vertex is asymptotically
# stable (an evolutionarily stable strategy of the multi-population game)
# exactly when all eigenvalues are negative; a zero real part is never
# called stable.

table = gg.stability(dyn, vertices_only=True)
print(table)

# %%
# The condition under which each vertex is stable, one line per vertex:

for row in table:
    print(row.point.label, "stable iff", row.condition)

# %%
# Two vertices can be stable at once: ``(strict, comply, silent)`` needs
# ``E > c_S`` and ``F > G``, ``(lax, violate, silent)`` needs ``F < c_S`` and
# ``R < c_P``. Are both conditions compatible? Ask the condition engine:

both = table[1].condition & table[7].condition
print(both)
print(gg.conditions.is_satisfiable(both, space))

# %%
# Simulations and figures
# -----------------------
#
# At the default point both conditions hold: the system is bistable, and
# where it ends depends on where it starts. :func:`gg.simulate
# <solvers.simulate>` integrates many starting states at once.

point = space.defaults()
starts = [[0.8, 0.8, 0.2], [0.6, 0.6, 0.5], [0.3, 0.4, 0.5], [0.2, 0.2, 0.8]]
traj = gg.simulate(dyn, point, starts, np.linspace(0, 30, 301))
print(traj)
print(np.round(traj.final, 3))

# %%
# Shares against time (one panel line per population and start):

fig = gg.figures.time_series(traj, title="Inspection with whistle-blowers")

# %%
# The same paths in the unit cube, with the stable vertices at this point
# marked:

fig = gg.figures.trajectories_3d(traj, table=table.at(point))

# %%
# How large is each basin of attraction? Sample starting states uniformly
# (``rng`` fixes the sample) and see where they end:

b = gg.basins(dyn, point, n=200, rng=0, t=60)
print(b.as_dict())
fig = gg.figures.basin_plot(b, title="Basins of attraction")

# %%
# Comparative statics of a mixed equilibrium
# ------------------------------------------
#
# Between the two stable vertices lies a mixed equilibrium in which
# regulators randomise between strict and lax inspection and firms between
# compliance and violation. Remove the citizen's ``report`` strategy (player
# 2, since players count from 0) and solve the smaller game completely:

quiet = game.delete_strategy(2, "report")
eqs = gg.equilibria(quiet)
print(eqs)
mixed = next(e for e in eqs if not e.is_pure)

# %%
# :func:`gg.comparative_statics <solvers.comparative_statics>` differentiates
# every probability and payoff of the equilibrium in the chosen parameters
# and decides each sign on the region where the equilibrium exists. As in
# Tsebelis' inspection game, the firm's gain ``G`` does not move the firm's
# own mix -- it moves the *regulator's*: the inspection rate ``G/F`` rises
# with the gain and falls with the fine.

statics = gg.comparative_statics(mixed, wrt=["F", "G"])
print(statics)

# %%
# The effect of the fine on compliance is ``ambiguous``: the equilibrium
# exists on two separate parts of the space (``E > c_S > F`` and
# ``E < c_S < F``) and the sign differs between them. "Ambiguous" is a proved
# statement, not a failure: each row keeps a witness point for each sign.

row = statics[4]
print(row.quantity, row.sign, row.witnesses)

# %%
# Add the assumption that strict inspection is worth its cost (``E > c_S``)
# and the sign is decided: a higher fine *lowers* compliance, because it
# makes strict inspection more rewarding, so the regulator needs less
# violation to stay indifferent.

rewarding = space.restrict("E > c_S")
print(gg.comparative_statics(mixed, wrt=["F"], space=rewarding))

# %%
# LaTeX for the paper
# -------------------
#
# Every result prints as a LaTeX table (booktabs), and ``sympy.latex`` works
# on results inside bigger expressions. The parameters print with the LaTeX
# names of the parameter table.

print(pure.to_latex())

# %%

print(table.to_latex())

# %%

print(statics.to_latex())

# %%
# ``gg.figures.payoff_table`` prints the payoff table itself:

print(gg.figures.payoff_table(game))

# %%
# Next: :doc:`tutorial_3_bargaining_inspection` covers bargaining games and
# regime maps.
