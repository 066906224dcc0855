"""A sphinx-gallery image scraper for figures that are not registered with pyplot.

govgames' figure functions build :class:`matplotlib.figure.Figure` objects
without pyplot (no global state), so sphinx-gallery's ``"matplotlib"``
scraper, which asks pyplot for its open figures, does not see them. This
scraper looks for figures among the tutorial's variables after each code
block and saves the ones it has not saved yet; pyplot figures are left to
the ``"matplotlib"`` scraper that runs after it.
"""

from __future__ import annotations

from matplotlib.figure import Figure

#: figures already saved, per tutorial (held, so that an id is never reused for a new figure)
_SAVED: dict[str, list[Figure]] = {}


def _figures_in(namespace: dict) -> list[Figure]:
    found = []
    for value in list(namespace.values()):
        candidates = value if isinstance(value, (list, tuple)) else (value,)
        for v in candidates:
            if isinstance(v, Figure) and not any(v is f for f in found):
                found.append(v)
    return found


def scrape_govgames_figures(block, block_vars, gallery_conf, **kwargs):
    """Save the block's new unmanaged figures and return their reST (sphinx-gallery scraper protocol)."""
    from sphinx_gallery.scrapers import figure_rst

    src = str(block_vars.get("src_file", ""))
    saved = _SAVED.setdefault(src, [])
    paths = []
    for fig in _figures_in(block_vars.get("example_globals", {})):
        if any(fig is f for f in saved):
            continue
        saved.append(fig)
        if getattr(fig.canvas, "manager", None) is not None:  # a pyplot figure: the "matplotlib" scraper's
            continue
        path = next(block_vars["image_path_iterator"])
        fig.savefig(path, dpi=110, bbox_inches="tight")
        paths.append(path)
    return figure_rst(paths, gallery_conf["src_dir"])


def _get_sg_image_scraper():
    """The hook sphinx-gallery calls when the scraper is named by this module's name."""
    return scrape_govgames_figures
