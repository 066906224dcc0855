"""Sphinx configuration for the govgames documentation.

Build from the project root with warnings as errors::

    python3 -m sphinx -W --keep-going -b html docs docs/_build/html

The tutorials in ``docs/tutorials/`` are executed at build time by
sphinx-gallery; their rendered pages go to ``docs/auto_tutorials/`` and the
API stubs to ``docs/api/generated/`` (both generated, both git-ignored).
"""

from __future__ import annotations

import os
import sys
import warnings

# The packages live at the top of the repository (games/, solvers/, govgames/).
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "sphinxext"))

import matplotlib  # noqa: E402

matplotlib.use("Agg")

import games  # noqa: E402

project = "govgames"
author = "the govgames authors"
copyright = "the govgames authors"
version = release = games.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
    "numpydoc",
    "sphinx_gallery.gen_gallery",
]

templates_path = ["_templates"]
exclude_patterns = ["_build", "README_top.md", "tutorials", "sphinxext", "auto_tutorials/*.ipynb", "auto_tutorials/*.py",
                    "auto_tutorials/*.zip", "auto_tutorials/*.md5", "auto_tutorials/*.codeobj.json"]
source_suffix = {".rst": "restructuredtext"}
root_doc = "index"
nitpicky = False
# numpydoc References sections list their sources whether or not the text cites them
suppress_warnings = ["ref.citation"]
default_role = "code"

# -- autodoc / autosummary --------------------------------------------------
autosummary_generate = True
autosummary_imported_members = False
autodoc_default_options = {"member-order": "bysource"}
autodoc_typehints = "none"  # the numpydoc Parameters sections say the types
autodoc_inherit_docstrings = False

# -- numpydoc ---------------------------------------------------------------
numpydoc_show_class_members = False  # the class template lists members itself
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False
numpydoc_attributes_as_param_list = True
# Validation that fails the build: what makes a rendered page wrong -- an
# unknown or misplaced section (GL06, GL07), a documented parameter the
# signature does not have, often prose that fell into the Parameters section
# (PR02), parameters out of order (PR03), a malformed "name : type" line
# (PR10), an unnamed-return mistake (RT02). Style
# checks (summary wording, See Also, extended summaries) are left to review.
numpydoc_validation_checks = {"GL06", "GL07", "PR02", "PR03", "PR10", "RT02"}
# Private names are not part of the reference.
numpydoc_validation_exclude = {
    r"\._[a-z]", r"\.__",
}

# -- sphinx-gallery ---------------------------------------------------------
sphinx_gallery_conf = {
    "examples_dirs": ["tutorials"],
    "gallery_dirs": ["auto_tutorials"],
    "filename_pattern": r"/(plot|tutorial)_",
    "ignore_pattern": r"/_",
    "within_subsection_order": "FileNameSortKey",
    "download_all_examples": False,
    "remove_config_comments": True,
    "matplotlib_animations": False,
    "image_scrapers": ("govgames_scraper", "matplotlib"),
    "reset_modules": ("matplotlib",),
    "abort_on_example_error": False,
    "only_warn_on_example_error": False,
    "show_memory": False,
    "min_reported_time": 0,
    "capture_repr": ("__repr__",),
    "first_notebook_cell": None,
    "plot_gallery": "True",
}

# -- HTML -------------------------------------------------------------------
html_theme = "alabaster"
html_title = f"govgames {version}"
html_static_path: list[str] = []
html_theme_options = {
    "description": "Game theory of governance, exactly.",
    "fixed_sidebar": True,
    "page_width": "1100px",
    "sidebar_width": "230px",
}

# sympy/matplotlib chatter that is not about our documentation
warnings.filterwarnings("ignore", message="Matplotlib is currently using agg", category=UserWarning)


def _patch_numpydoc_source_line() -> None:
    """Let numpydoc validate members defined as ``name = property(lambda ...)``.

    numpydoc 1.11's ``Validator.source_file_def_line`` looks for a ``def`` or
    ``class`` line in the member's source and raises ``StopIteration`` (which
    aborts the build) when there is none, as for a property built from a
    lambda. Without a definition line there is nothing to report, so the
    line is unknown (``None``), as numpydoc itself does for objects it cannot
    introspect.
    """
    from numpydoc import validate

    original = validate.Validator.source_file_def_line

    def source_file_def_line(self):
        try:
            return original.fget(self)
        except StopIteration:
            return None

    validate.Validator.source_file_def_line = property(source_file_def_line, doc=original.__doc__)


_patch_numpydoc_source_line()
