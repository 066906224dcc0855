"""The documentation: every public name has a reference page, and the Sphinx build is warning-free.

The full build (tutorials executed) is a separate CI step::

    python3 -m sphinx -W --keep-going -b html docs docs/_build/html

Here the build runs without executing the tutorials (``-D plot_gallery=0``;
``tests/test_tutorials.py`` runs them), on a copy of ``docs/`` so that the
generated stubs do not land in the working tree. It is skipped unless Sphinx,
numpydoc and sphinx-gallery are installed (the ``docs`` extra).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOCS = os.path.join(ROOT, "docs")
API = os.path.join(DOCS, "api")

#: Public names that are constants or re-exports documented under their home module.
NOT_PAGES = {"CLASSES", "METHODS", "MAX_VERTEX_SYSTEMS", "MAX_SUPPORT_PROFILES", "Z3_TIMEOUT_MS", "N_SAMPLES",
             "DEFAULT_MODEL", "FORMATS", "__version__"}


def _documented() -> set[str]:
    """``module.name`` for every entry of the API pages' autosummary tables and autofunction directives."""
    names = set()
    for fname in os.listdir(API):
        if not fname.endswith(".rst"):
            continue
        module = None
        with open(os.path.join(API, fname), encoding="utf-8") as fh:
            for line in fh:
                m = re.match(r"\.\. currentmodule:: (\S+)", line)
                if m:
                    module = m.group(1)
                    continue
                m = re.match(r"(?:   |\.\. autofunction:: )([A-Za-z_][\w.]*)\s*$", line)
                if m and module and not line.lstrip().startswith(":"):
                    names.add(f"{module}.{m.group(1)}")
    return names


def _public(module_name: str) -> set[str]:
    import importlib

    mod = importlib.import_module(module_name)
    return {n for n in mod.__all__ if n not in NOT_PAGES}


@pytest.mark.parametrize("module_name", ["games", "games.conditions", "games.catalog", "games.io", "solvers",
                                         "govgames.figures", "govgames.report"])
def test_every_public_name_has_a_reference_page(module_name):
    import importlib

    documented = _documented()
    home = {}
    for full in documented:  # where each documented object lives, to accept re-exports
        mod, _, attr = full.rpartition(".")
        try:
            home[id(getattr(importlib.import_module(mod), attr))] = full
        except (ImportError, AttributeError) as exc:  # a stale entry in the API pages
            pytest.fail(f"docs/api lists {full!r}, which does not import: {exc}")
    mod = importlib.import_module(module_name)
    missing = sorted(n for n in _public(module_name) if id(getattr(mod, n)) not in home)
    assert not missing, f"{module_name}: public names without a page in docs/api/*.rst: {missing}"


def test_readme_top_points_to_the_docs_and_shows_from_table():
    with open(os.path.join(DOCS, "README_top.md"), encoding="utf-8") as fh:
        text = fh.read()
    first_screen = "\n".join(text.splitlines()[:45])
    assert "NormalFormGame.from_table" in first_screen and "ParameterSpace.from_table" in first_screen
    assert "docs/" in first_screen and "sphinx" in first_screen


def test_sphinx_build_without_warnings(tmp_path):
    for mod in ("sphinx", "numpydoc", "sphinx_gallery"):
        pytest.importorskip(mod)
    src = tmp_path / "src"
    shutil.copytree(DOCS, src / "docs", ignore=shutil.ignore_patterns("_build", "auto_tutorials", "generated"))
    for pkg in ("games", "solvers", "govgames"):  # conf.py puts the copy's parent on sys.path
        os.symlink(os.path.join(ROOT, pkg), src / pkg)
    proc = subprocess.run([sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
                           "-D", "plot_gallery=0", str(src / "docs"), str(tmp_path / "html")],
                          capture_output=True, text=True, env=dict(os.environ, MPLBACKEND="Agg"))
    assert proc.returncode == 0, proc.stderr[-5000:]
    for page in ("index.html", "api/solvers.html", "api/generated/games.NormalFormGame.html",
                 "api/generated/solvers.equilibria.html", "auto_tutorials/tutorial_2_tripartite_model.html"):
        assert (tmp_path / "html" / page).exists(), page
    html = (tmp_path / "html" / "api" / "generated" / "games.NormalFormGame.html").read_text(encoding="utf-8")
    assert "from_table" in html
