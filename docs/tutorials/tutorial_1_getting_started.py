"""
Getting started
===============

This tutorial installs govgames, loads a game from the catalog, finds all its
Nash equilibria *with the parameter conditions under which they hold*, asks
the condition engine questions about those conditions, and ends with a short
tour of what else the library solves.

Installing
----------

From a clone of the repository::

    pip install -e .

This installs three packages -- ``games`` (model values), ``solvers`` (pure
functions returning results) and ``govgames`` (figures, report, command
line) -- and the ``govgames`` command. A script needs one import:
"""

import govgames as gg

print(gg.__version__)

# %%
# The catalog
# -----------
#
# The catalog holds classic games and published governance models, each with
# a stable name (a *slug*) and a citation.

print(gg.catalog.names())

# %%
# Tsebelis' inspection game: an inspectee may violate a rule, an inspector may
# inspect. Its payoffs are symbolic; the parameters live in a
# :class:`~games.ParameterSpace` that states their domains and the model's
# maintained assumptions.

print(gg.catalog.describe("inspection"))
game = gg.catalog.load("inspection")
print(game)
print(game.space)

# %%
# ``game.payoff`` reads one cell of the payoff table, by strategy names.

print(game.strategies)
print(game.payoff(("violate", "inspect")))

# %%
# All Nash equilibria
# -------------------
#
# :func:`gg.equilibria <solvers.equilibria>` returns an
# :class:`~solvers.EquilibriumSet`. For a symbolic game every equilibrium
# carries a ``condition``: the region of the parameter space where it is an
# equilibrium (``True`` = everywhere on the space). ``complete`` is a
# promise that no equilibrium is missing; ``exact`` that the arithmetic was
# exact.

eqs = gg.equilibria(game)
print(eqs)
print("complete:", eqs.complete, " exact:", eqs.exact, " method:", eqs.method)

# %%
# The inspection game has one equilibrium, in mixed strategies, everywhere
# on the space. Its profile is a tuple of probability vectors, one per player.

[eq] = eqs
print(eq.profile)
print(eq.condition)

# %%
# ``.at(point)`` evaluates a symbolic result at a parameter point. The
# catalog keeps an illustrative default point for each model.

point = gg.catalog.defaults("inspection")
print(point)
print(eq.at(point))

# %%
# Numeric games work the same way; exact input (integers, fractions) gives
# exact equilibria, verified with zero regret.

bos = gg.catalog.load("battle_of_the_sexes")
print(gg.equilibria(bos))

# %%
# Conditions
# ----------
#
# Conditions are sympy Booleans over the parameters. The condition engine
# :mod:`games.conditions` (also ``gg.conditions``) answers questions about
# them on a space: does a condition hold always, never or only sometimes?
# What is the sign of an expression? Answers are proofs (by exact algebra or
# the z3 solver), never guesses from samples.

space = gg.ParameterSpace({"gain": "positive", "fine": "positive"}, ["fine > gain"])
print(gg.conditions.decide("fine - gain > 0", space).status)
print(gg.conditions.decide("fine > 2*gain", space).status)
print(gg.conditions.is_satisfiable("gain > fine", space))
print(gg.conditions.sign(space["gain"] / (space["gain"] + space["fine"]) - 1, space).sign)
print(gg.conditions.simplify_condition("(gain > 2*fine) | (fine > gain/2)", space))

# %%
# A symbolic 2x2 game shows conditions in action: which profiles are pure
# equilibria depends on ``a``.

a = gg.ParameterSpace({"a": "positive"})
g = gg.NormalFormGame.from_bimatrix([[a["a"], 0], [1, 0]], [[a["a"], 1], [0, 0]], space=a)
for e in gg.pure_equilibria(g):
    print(e.profile, "if", e.condition)

# %%
# A short tour
# ------------
#
# **Comparative statics with proved signs.** In the inspection equilibrium
# the violation rate does not depend on the fine, while the inspection rate
# falls with it (Tsebelis 1989):

print(gg.comparative_statics(eq, wrt=["fine"], space=game.space))

# %%
# **Subgame-perfect equilibria of a symbolic tree**, grouped into regimes
# (the resistance--negotiation model of Yang and Lei 2023):

tree = gg.catalog.load("resistance_negotiation")
spe = gg.subgame_perfect(tree)
for r in spe.regimes()[:3]:
    print([spe[i].path for i in r.members], "if", r.condition)

# %%
# **Bargaining**: Rubinstein's (1982) shares with an indefinite horizon.

negotiation = gg.catalog.load("limited_vs_indefinite_negotiation", horizon=None, disagreement=False)
print(gg.bargain(negotiation).cases[0].shares)

# %%
# **Evolutionary stability**: the replicator dynamics of the stag hunt and
# its phase portrait, rest points marked by their stability.

stag = gg.replicator(gg.catalog.load("stag_hunt"))
table = gg.stability(stag)
print(table)
fig = gg.figures.phase_portrait(table, density=11, title="Stag hunt")

# %%
# **One call for everything**: :func:`gg.analyze <govgames.report.analyze>`
# runs the analysis that ``govgames analyze`` prints (see the command-line
# tutorial).
#
# Next: :doc:`tutorial_2_tripartite_model` builds your own model from a
# paper's payoff table.
