"""Writing a formatted game file to a path, a text file object, or nowhere."""

from __future__ import annotations

from typing import Any


def emit(text: str, target: Any) -> str:
    """Write ``text`` to ``target`` (a path or an object with ``write``) if given; return it."""
    if target is None:
        return text
    if hasattr(target, "write"):
        target.write(text)
    else:
        with open(target, "w", encoding="utf-8") as fh:
            fh.write(text)
    return text
