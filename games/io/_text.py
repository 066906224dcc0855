"""Shared pieces of the file readers and writers: output, label repair, the rename warning."""

from __future__ import annotations

import warnings
from typing import Any, Callable, Sequence

from games.errors import GovgamesWarning

__all__ = ["LabelsRenamedWarning", "emit", "unique_labels", "warn_renames"]


class LabelsRenamedWarning(GovgamesWarning):
    """A game file had empty or repeated labels, which the reader renamed.

    Gambit allows empty and repeated labels for players, strategies and
    actions; govgames addresses them by name, so a reader gives each one a
    unique non-empty name (the name Gambit gives it: ``_1``, ``a_2``, ...,
    see :func:`unique_labels`) and lists what it did in this warning.

    Attributes
    ----------
    renames : tuple of (str, str, str)
        ``(what, old, new)`` triples, e.g. ``("strategy 2 of player 'Row'",
        "", "_1")``, in file order.

    Examples
    --------
    >>> w = LabelsRenamedWarning("renamed", (("player 1", "", "_1"),))
    >>> w.renames
    (('player 1', '', '_1'),)
    """

    def __init__(self, message: str, renames: Sequence[tuple[str, str, str]] = ()) -> None:
        super().__init__(message)
        self.renames = tuple(tuple(r) for r in renames)


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


def unique_labels(labels: Sequence[str], what: Callable[[int], str], renames: list) -> tuple[str, ...]:
    """Distinct non-empty labels, named the way Gambit (16.x) names them when it reads a file.

    A label that is non-empty and used once is kept. Every other one (empty,
    or one of several equal labels) becomes ``label_1``, ``label_2``, ... in
    order of appearance (``_1``, ``_2``, ... for empty ones), skipping names
    that appear among ``labels`` or were given before. Each change is appended to ``renames`` as
    ``(what(k), old, new)`` (``k`` counted from 0).

    Examples
    --------
    >>> out = []
    >>> unique_labels(["1/2", "1/2", "", "a", "_1"], lambda k: f"action {k + 1}", out)
    ('1/2_1', '1/2_2', '_2', 'a', '_1')
    >>> out
    [('action 1', '1/2', '1/2_1'), ('action 2', '1/2', '1/2_2'), ('action 3', '', '_2')]
    """
    counts: dict[str, int] = {}
    for lab in labels:
        counts[lab] = counts.get(lab, 0) + 1
    used = set(labels)  # every label of the file is taken, repeated ones included
    seq: dict[str, int] = {}
    result = []
    for k, lab in enumerate(labels):
        if lab and counts[lab] == 1:
            result.append(lab)
            continue
        c = seq.get(lab, 0)
        while True:
            c += 1
            new = f"{lab}_{c}"
            if new not in used:
                break
        seq[lab] = c
        used.add(new)
        result.append(new)
        renames.append((what(k), lab, new))
    return tuple(result)


def warn_renames(func: str, source: str, renames: list, stacklevel: int = 3) -> None:
    """Issue one :class:`LabelsRenamedWarning` listing ``renames`` (nothing if empty)."""
    if not renames:
        return
    shown = "; ".join(f"{w} {old!r} -> {new!r}" for w, old, new in renames[:20])
    more = f"; ... ({len(renames) - 20} more)" if len(renames) > 20 else ""
    warnings.warn(LabelsRenamedWarning(
        f"{func}(): {source} has empty or repeated labels, renamed to be unique: {shown}{more}", renames),
        stacklevel=stacklevel)
