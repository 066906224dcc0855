"""Game file formats: Gambit ``.nfg`` (strategic games) and ``.efg`` (extensive games).

Readers take a path or a text file object; writers return the text and
optionally write it.
"""

from __future__ import annotations

from games.io._text import LabelsRenamedWarning
from games.io.efg import format_efg, parse_efg, read_efg, write_efg
from games.io.nfg import format_nfg, parse_nfg, read_nfg, write_nfg

__all__ = ["read_nfg", "parse_nfg", "write_nfg", "format_nfg", "read_efg", "parse_efg", "write_efg", "format_efg",
           "LabelsRenamedWarning"]
