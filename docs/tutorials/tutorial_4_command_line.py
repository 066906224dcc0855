"""
From the command line
=====================

Installing govgames installs the ``govgames`` command, with three
subcommands:

* ``govgames list`` -- the catalog's models;
* ``govgames analyze MODEL --set name=value ...`` -- the full analysis of a
  catalog model (equilibria with conditions, stability, comparative statics,
  figures), as text, LaTeX, Markdown or JSON;
* ``govgames solve FILE.nfg|FILE.efg`` -- every Nash equilibrium of a Gambit
  strategic-form file, or every subgame-perfect equilibrium of an
  extensive-form file.

Every output below was produced by running the command when this page was
built. (This script runs each command with the current Python interpreter,
``python -m govgames``, which is the same program as ``govgames``.)
"""

import os
import subprocess
import sys
import tempfile

import matplotlib.pyplot as plt

import govgames as gg

workdir = tempfile.mkdtemp(prefix="govgames-cli-")


def govgames(*args):
    """Run ``govgames ARGS`` in ``workdir``, print the command and its output."""
    # make the packages importable in the child exactly as they are here
    root = os.path.dirname(os.path.dirname(os.path.abspath(gg.__file__)))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([root, os.environ.get("PYTHONPATH", "")]),
               MPLBACKEND="Agg")
    proc = subprocess.run([sys.executable, "-m", "govgames", *args], cwd=workdir, env=env,
                          capture_output=True, text=True, check=False)
    print("$ govgames " + " ".join(args))
    print(proc.stdout.rstrip())
    if proc.returncode != 0:
        print(proc.stderr.rstrip())
        raise RuntimeError(f"govgames {' '.join(args)} exited with status {proc.returncode}")


# %%
# The catalog
# -----------

govgames("list")

# %%
# Analysing a catalog model
# -------------------------
#
# ``analyze`` prints the model's parameter point (each value says where it
# came from: ``--set``, the catalog default, or a sample point), its
# equilibria with their conditions, the stability table of its replicator
# dynamics (symbolic, then at the point) and comparative statics with proved
# signs. ``--no-figures`` skips the figures.

govgames("analyze", "inspection", "--set", "fine=5", "--no-figures", "--quiet")

# %%
# With figures: they are written to ``--out`` (default ``./out``) as PDF and
# PNG, and listed at the end of the report.

govgames("analyze", "stag_hunt", "--out", "figures", "--quiet")

# %%
# The phase portrait it wrote:

png = os.path.join(workdir, "figures", "phase_portrait.png")
fig, ax = plt.subplots(figsize=(4, 4))
ax.imshow(plt.imread(png))
ax.set_axis_off()

# %%
# ``--format latex`` (or ``markdown``, ``json``) prints the same report for
# a paper or a script; ``--axes X,Y`` chooses the parameters of the regime
# map. ``govgames analyze --help`` lists every option.
#
# Solving a Gambit file
# ---------------------
#
# Any normal-form game can be written to a Gambit ``.nfg`` file with
# :func:`gg.io.write_nfg <games.io.write_nfg>` (and read with
# :func:`gg.io.read_nfg <games.io.read_nfg>`). Here the inspection game at
# its catalog default point:

game = gg.catalog.load("inspection").subs(gg.catalog.defaults("inspection"))
gg.io.write_nfg(game, os.path.join(workdir, "inspection.nfg"))
print(open(os.path.join(workdir, "inspection.nfg")).read())

# %%
# ``solve`` prints every equilibrium, as text (the default) ...

govgames("solve", "inspection.nfg")

# %%
# ... as LaTeX tables (the payoff table, then the equilibria) ...

govgames("solve", "inspection.nfg", "--format", "latex")

# %%
# ... or as JSON for other programs. ``--exact`` reads the payoffs as exact
# rationals and solves exactly.

govgames("solve", "inspection.nfg", "--format", "json", "--exact")

# %%
# An extensive-form (``.efg``) file gives its subgame-perfect equilibria,
# each with its path of play and behaviour at every information set:

gg.io.write_efg(gg.catalog.load("entry_deterrence"), os.path.join(workdir, "entry.efg"))
govgames("solve", "entry.efg")

# %%
# The same from Python
# --------------------
#
# ``govgames analyze`` is :func:`gg.analyze <govgames.report.analyze>`;
# ``govgames solve`` is :func:`gg.io.read_nfg <games.io.read_nfg>` followed
# by :func:`gg.equilibria <solvers.equilibria>` (or
# :func:`gg.subgame_perfect <solvers.subgame_perfect>` for a tree):

print(gg.equilibria(gg.io.read_nfg(os.path.join(workdir, "inspection.nfg"))))
