"""The model catalog: ready-made games with citations, under stable slugs.

Every module of this package that defines a module-level dict
``CATALOG = {slug: factory}`` is discovered automatically; a factory takes
keyword options and returns a game object. A module may also define
``DEFAULTS = {slug: {parameter: value}}``: a parameter point inside the
model's space (the defaults of its parameter table, declared with
:meth:`games.parameters.ParameterSpace.from_table`), used by examples and
``govgames analyze``, and ``SOURCES = {slug: text}`` saying where the values
come from (a publication, or "illustrative").

Examples
--------
>>> from games import catalog
>>> "inspection" in catalog.names()
True
>>> catalog.describe("matching_pennies")
'Matching pennies: zero-sum, no pure equilibrium.'
>>> catalog.load("prisoners_dilemma").shape
(2, 2)
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
from typing import Any, Callable

from games.errors import GameError, InvalidGame, fmt_error

__all__ = ["names", "load", "describe", "factory", "defaults", "Defaults", "UnknownGameError"]


class UnknownGameError(GameError, KeyError, ValueError):
    """An unknown catalog slug (both a KeyError and a ValueError)."""

    def __str__(self) -> str:
        # KeyError would print the message with quotes around it.
        return str(self.args[0]) if self.args else ""


_registry: dict[str, Callable[..., Any]] | None = None

#: Where each slug lives, so that loading one model imports one module (building the
#: whole registry imports every catalog module: trees, tables, networkx). A test checks
#: this index against the registry; a slug missing here is still found by discovery.
_INDEX = {
    **dict.fromkeys(["prisoners_dilemma", "battle_of_the_sexes", "matching_pennies", "stag_hunt",
                     "chicken", "hawk_dove", "inspection", "volunteers_dilemma", "public_goods"],
                    "classic"),
    "collective_inaction": "collective_inaction",
    "limited_vs_indefinite_negotiation": "negotiation",
    "resistance_negotiation": "resistance_negotiation",
    **dict.fromkeys(["entry_deterrence", "centipede", "ultimatum", "trust_game", "beer_quiche",
                     "entry_mixed_subgame"], "trees"),
    **dict.fromkeys(["greenwashing_regulation", "cooperative_supply_chain"], "tripartite"),
}


def _discover() -> dict[str, Callable[..., Any]]:
    global _registry
    if _registry is None:
        found: dict[str, Callable[..., Any]] = {}
        origin: dict[str, str] = {}
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
            if info.name.startswith("_"):
                continue
            module = importlib.import_module(f"{__name__}.{info.name}")
            entries = getattr(module, "CATALOG", None)
            if entries is None:
                continue
            for slug, fn in entries.items():
                if slug in found and found[slug] is not fn:
                    raise InvalidGame(fmt_error("games.catalog", "slug", "unique across catalog modules",
                                                f"{slug!r} in {origin[slug]} and {info.name}"))
                found[slug] = fn
                origin[slug] = info.name
        _registry = found
    return _registry


def names() -> list[str]:
    """All catalog slugs, sorted.

    Examples
    --------
    >>> {"prisoners_dilemma", "volunteers_dilemma"} <= set(names())
    True
    """
    return sorted(_discover())


def factory(slug: str) -> Callable[..., Any]:
    """The factory function registered under ``slug``.

    Raises
    ------
    UnknownGameError
        (a KeyError and ValueError) for an unknown slug, listing close matches.

    Examples
    --------
    >>> factory("stag_hunt").__name__
    'stag_hunt'
    """
    if _registry is None and isinstance(slug, str) and slug in _INDEX:
        entries = getattr(importlib.import_module(f"{__name__}.{_INDEX[slug]}"), "CATALOG", {})
        if slug in entries:
            return entries[slug]
    reg = _discover()
    if not isinstance(slug, str) or slug not in reg:
        close = difflib.get_close_matches(str(slug), list(reg), n=3, cutoff=0.5)
        hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
        raise UnknownGameError(fmt_error("games.catalog.load", "slug", "a catalog slug" + hint
                                         + "; see games.catalog.names()", slug))
    return reg[slug]


def load(slug: str, **kwargs: Any) -> Any:
    """Build the catalog game ``slug``; keyword options go to its factory.

    Examples
    --------
    >>> load("volunteers_dilemma", n_players=4).n_players
    4
    >>> load("prisoner_dilemma")
    Traceback (most recent call last):
    ...
    games.catalog.UnknownGameError: games.catalog.load(): slug must be a catalog slug (did you mean 'prisoners_dilemma', ...?); see games.catalog.names(); got 'prisoner_dilemma'
    """
    return factory(slug)(**kwargs)


def describe(slug: str) -> str:
    """The first line of the factory's docstring: a one-line description.

    Examples
    --------
    >>> describe("inspection")
    'The inspection game: an inspectee may violate, an inspector may inspect.'
    """
    doc = factory(slug).__doc__ or ""
    for line in doc.strip().splitlines():
        if line.strip():
            return line.strip()
    return ""


class Defaults(dict):
    """A model's default parameter point (a plain dict) with :attr:`source` and :attr:`published`.

    ``source`` names the publication the values come from, or starts with
    ``"illustrative"`` when they were chosen for examples; ``published`` is
    ``False`` then.
    """

    def __init__(self, values: Any = (), source: str = "") -> None:
        super().__init__(values)
        self.source = source

    @property
    def published(self) -> bool:
        """Whether the values come from a publication (the source says so)."""
        return self.source.startswith("published")


def defaults(slug: str) -> Defaults:
    """The model's default parameter point, with where the values come from.

    Returns
    -------
    Defaults
        A dict ``{parameter: value}`` (empty for a model without parameters)
        with ``.source`` (a citation, or "illustrative ...") and
        ``.published``.

    Examples
    --------
    >>> point = defaults("resistance_negotiation")
    >>> load("resistance_negotiation").space.contains(point)
    True
    >>> point.source
    'illustrative (not published): coercion is credible and cheap'
    >>> pd = defaults("prisoners_dilemma")
    >>> pd, pd.published
    ({'temptation': 5, 'reward': 3, 'punishment': 1, 'sucker': 0}, True)
    >>> defaults("centipede"), defaults("centipede").source
    ({}, 'no parameters (a numeric model)')
    """
    module = importlib.import_module(factory(slug).__module__)
    values = dict(getattr(module, "DEFAULTS", {}).get(slug, {}))
    source = getattr(module, "SOURCES", {}).get(slug)
    if source is None:
        source = "no parameters (a numeric model)" if not values else "illustrative"
    return Defaults(values, source)
