"""Support profiles of a normal-form game: how many, in which order, and a profile's kind.

A support profile names, for every player, the strategies played with
positive probability; support enumeration visits them smallest total size
first (:func:`iter_support_profiles`), and counts them first
(:func:`n_support_profiles`) so that a refusal comes before any work.
"""

from __future__ import annotations

import itertools
import math
from typing import Iterator, Sequence

__all__ = ["n_support_profiles", "iter_support_profiles", "profile_kind"]


def n_support_profiles(shape: Sequence[int], max_support_size: int | None = None) -> int:
    """Number of support profiles of a game of the given shape.

    Parameters
    ----------
    shape : sequence of int
        Strategies per player.
    max_support_size : int, optional
        Largest support size per player.

    Returns
    -------
    int
        ``prod_i sum_{k=1}^{cap} C(m_i, k)``, computed without enumerating.

    Examples
    --------
    >>> n_support_profiles((3, 3, 3))
    343
    >>> n_support_profiles((12, 12, 12))
    68669157375
    """
    out = 1
    for m in shape:
        cap = m if max_support_size is None else min(m, max_support_size)
        out *= sum(math.comb(m, k) for k in range(1, cap + 1))
    return out


def _size_vectors(shape, caps, total):
    """Vectors (k_1..k_n), 1 <= k_i <= caps[i], summing to ``total``, lexicographically."""
    if len(shape) == 1:
        if 1 <= total <= caps[0]:
            yield (total,)
        return
    rest_max = sum(caps[1:])
    for k in range(1, caps[0] + 1):
        r = total - k
        if len(shape) - 1 <= r <= rest_max:
            for tail in _size_vectors(shape[1:], caps[1:], r):
                yield (k,) + tail


def iter_support_profiles(shape: Sequence[int],
                          max_support_size: int | None = None) -> Iterator[tuple]:
    """Generate the support profiles of a game lazily, smallest total size first.

    Parameters
    ----------
    shape : sequence of int
        Strategies per player.
    max_support_size : int, optional
        Largest support size per player.

    Yields
    ------
    tuple of tuples of int
        One sorted tuple of strategy indices per player.

    Examples
    --------
    >>> list(iter_support_profiles((2, 2)))[:5]
    [((0,), (0,)), ((0,), (1,)), ((1,), (0,)), ((1,), (1,)), ((0,), (0, 1))]
    >>> sum(1 for _ in iter_support_profiles((3, 3, 3)))
    343
    """
    shape = tuple(int(m) for m in shape)
    caps = tuple(m if max_support_size is None else min(m, max_support_size) for m in shape)
    for total in range(len(shape), sum(caps) + 1):
        for ks in _size_vectors(shape, caps, total):
            yield from itertools.product(*(itertools.combinations(range(m), k)
                                           for m, k in zip(shape, ks)))


def profile_kind(profile: Sequence[Sequence]) -> str:
    """``"pure"`` if every player uses one strategy, else ``"mixed"``.

    Parameters
    ----------
    profile : sequence of sequences
        One probability vector per player (exact zeros off the support).

    Returns
    -------
    str

    Examples
    --------
    >>> profile_kind([(1, 0), (0, 1)]), profile_kind([(1, 0), (0.5, 0.5)])
    ('pure', 'mixed')
    """
    return "pure" if all(sum(1 for p in s if p != 0) == 1 for s in profile) else "mixed"
