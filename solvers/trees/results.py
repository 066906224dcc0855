"""The result of :func:`~solvers.trees.solve.subgame_perfect`: an equilibrium set that knows what it left out."""

from __future__ import annotations

from typing import Any, Mapping

from games.parameters import ParameterSpace
from solvers.equilibrium import Equilibrium, EquilibriumSet

__all__ = ["TreeEquilibriumSet"]


class TreeEquilibriumSet(EquilibriumSet):
    """Equilibria of a game tree, with the exact count and what capped the listing.

    An :class:`~solvers.equilibrium.EquilibriumSet` with four more
    attributes. Ties in a perfect-information tree multiply the pure
    subgame-perfect equilibria (tic-tac-toe has about ``1.9e14``): the set
    then lists at most ``max_equilibria`` of them, ``complete`` is False,
    ``count`` is the exact number and ``cap`` says which limit stopped the
    listing.

    Parameters
    ----------
    equilibria, game, method, exact, complete, degenerate, components, space
        As for :class:`~solvers.equilibrium.EquilibriumSet`.
    count : int or None
        The exact number of equilibria of the kind listed (pure
        subgame-perfect equilibria of a numeric perfect-information tree),
        or None when it is not known.
    cap : str
        Empty when nothing stopped the solve; otherwise what did, e.g.
        ``"max_equilibria=10000"``, ``"time_limit=5"``, ``"one equilibrium
        by sequence-form Lemke"``.
    perfect_recall : bool
        False when the tree has imperfect recall: the equilibria are then
        Nash equilibria of the reduced strategic form in mixed strategies
        (``profile``), with ``behavior`` only where a behaviour profile is
        realization equivalent and verified (Kuhn's theorem needs perfect
        recall).
    notes : tuple of str
        Human-readable remarks on how the set was obtained.

    Examples
    --------
    >>> s = TreeEquilibriumSet([], count=12, cap="max_equilibria=3", complete=False)
    >>> s.count, s.cap, s.complete
    (12, 'max_equilibria=3', False)
    >>> TreeEquilibriumSet.from_dict(s.to_dict()) == s
    True
    """

    def __init__(self, equilibria: Any = (), game: Any = None, method: str = "", exact: bool = True,
                 complete: bool = True, degenerate: bool = False, components: Any = (),
                 space: ParameterSpace | None = None, *, count: int | None = None, cap: str = "",
                 perfect_recall: bool = True, notes: Any = ()) -> None:
        super().__init__(equilibria, game=game, method=method, exact=exact, complete=complete,
                         degenerate=degenerate, components=components, space=space)
        if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 0):
            raise TypeError(f"TreeEquilibriumSet(): count must be None or a non-negative int; got {count!r}")
        object.__setattr__(self, "count", count)
        object.__setattr__(self, "cap", str(cap))
        object.__setattr__(self, "perfect_recall", bool(perfect_recall))
        object.__setattr__(self, "notes", tuple(str(n) for n in notes))

    def __eq__(self, other: object) -> bool:
        return EquilibriumSet.__eq__(self, other) and isinstance(other, TreeEquilibriumSet) and \
            (self.count, self.cap, self.perfect_recall) == (other.count, other.cap, other.perfect_recall)

    def __hash__(self) -> int:
        return hash((EquilibriumSet.__hash__(self), self.count, self.cap))

    def _head(self) -> str:
        head = super()._head()
        extra = []
        if self.count is not None and self.count != len(self):
            extra.append(f"count={self.count}")
        if self.cap:
            extra.append(f"capped by {self.cap}")
        if not self.perfect_recall:
            extra.append("imperfect recall")
        return head[:-1] + ", " + ", ".join(extra) + ")" if extra else head

    def to_dict(self) -> dict:
        """A JSON-ready dictionary; :meth:`from_dict` rebuilds the set (without the game).

        ``count`` is written as a decimal string (it may exceed 2**53).
        """
        d = super().to_dict()
        d.update(type="TreeEquilibriumSet", count=None if self.count is None else str(self.count), cap=self.cap,
                 perfect_recall=self.perfect_recall, notes=list(self.notes))
        return d

    @classmethod
    def from_dict(cls, d: Mapping) -> "TreeEquilibriumSet":
        """Rebuild from :meth:`to_dict` output."""
        base = EquilibriumSet.from_dict(d)
        count = d.get("count")
        return cls(list(base), method=base.method, exact=base.exact, complete=base.complete,
                   degenerate=base.degenerate, components=base.components, space=base.space,
                   count=None if count is None else int(count), cap=d.get("cap", ""),
                   perfect_recall=d.get("perfect_recall", True), notes=d.get("notes", ()))

