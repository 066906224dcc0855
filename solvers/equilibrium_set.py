"""The equilibria a solver found, with provenance: :class:`EquilibriumSet`."""

from __future__ import annotations

from typing import Any, Iterator, Mapping, Sequence

import sympy

from games.errors import fmt_error
from games.parameters import ParameterSpace

from games import conditions as _cond
from solvers.compiled import CompiledEquilibria
from solvers.equilibrium import Equilibrium
from solvers.results import Regime, Result, listing

__all__ = ["EquilibriumSet"]


def _interior(cond: Any) -> Any:
    """The condition with weak inequalities made strict and equalities false (its open core)."""
    if isinstance(cond, sympy.LessThan):
        return sympy.Lt(cond.lhs, cond.rhs)
    if isinstance(cond, sympy.GreaterThan):
        return sympy.Gt(cond.lhs, cond.rhs)
    if isinstance(cond, sympy.Eq):
        return sympy.false
    if isinstance(cond, sympy.Ne):
        return sympy.true
    if isinstance(cond, (sympy.And, sympy.Or)):
        return cond.func(*[_interior(a) for a in cond.args])
    return cond


class EquilibriumSet(Result, Sequence):
    """The equilibria a solver found, with provenance; immutable.

    Parameters
    ----------
    equilibria : iterable of Equilibrium
    game : object, optional
        The game solved.
    method : str
    exact : bool
    complete : bool
        Whether the set is claimed to be all equilibria.
    degenerate : bool
        Whether the game was degenerate (components may be continua).
    components : tuple of tuples of int
        Maximal convex components, as indices of their extreme equilibria.
    space : ParameterSpace, optional

    Examples
    --------
    >>> a = sympy.Symbol("a", positive=True)
    >>> eqs = EquilibriumSet([Equilibrium(((1, 0),), (a,), condition=a > 1),
    ...                       Equilibrium(((0, 1),), (1,), condition=a <= 1)])
    >>> [e.profile for e in eqs.at({"a": 2})]
    [((1, 0),)]
    >>> [r.members for r in eqs.regimes()]
    [(0,), (1,)]
    >>> out = eqs.compile()(a=np.array([0.5, 3.0]))
    >>> out["holds"].tolist()
    [[False, True], [True, False]]
    """

    def __init__(self, equilibria: Any = (), game: Any = None, method: str = "", exact: bool = True,
                 complete: bool = True, degenerate: bool = False, components: Any = (),
                 space: ParameterSpace | None = None) -> None:
        eqs = tuple(equilibria)
        for e in eqs:
            if not isinstance(e, Equilibrium):
                raise TypeError(fmt_error("EquilibriumSet", "equilibria", "Equilibrium objects", e))
        if space is None:
            space = getattr(game, "space", None)
            if space is None:
                for e in eqs:
                    if e.space is not None:
                        space = e.space
                        break
            if space is None and any(e.is_symbolic for e in eqs):
                syms = set()
                for e in eqs:
                    syms |= set(e.parameter_space().symbols)
                space = ParameterSpace.from_symbols(syms)
        self._eqs = eqs
        # (frozen: __setattr__ refuses; the rest of the instance dict is filled directly)
        self.__dict__.update(game=game, method=method, exact=exact, complete=complete,
                             degenerate=degenerate, components=tuple(map(tuple, components)),
                             space=space, _frozen=True)

    def __setattr__(self, key, value):
        if getattr(self, "_frozen", False):
            raise AttributeError("EquilibriumSet is immutable")
        object.__setattr__(self, key, value)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return self._eqs[i]
        return self._eqs[i]

    def __len__(self) -> int:
        return len(self._eqs)

    def __iter__(self) -> Iterator[Equilibrium]:
        return iter(self._eqs)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, EquilibriumSet) and set(self._eqs) == set(other._eqs) and \
            self.components_as_sets() == other.components_as_sets()

    def __hash__(self) -> int:
        return hash(frozenset(self._eqs))

    def components_as_sets(self) -> frozenset:
        return frozenset(frozenset(self._eqs[i] for i in c) for c in self.components)

    #: Equilibria listed by ``repr``/``str`` before "... and k more".
    SHOWN = 20

    def _head(self) -> str:
        flags = []
        if self.degenerate:
            flags.append("degenerate")
        if not self.complete:
            flags.append("incomplete")
        return f"EquilibriumSet({len(self)} equilibria, method={self.method!r}" + \
            (", " + ", ".join(flags) if flags else "") + ")"

    def __repr__(self) -> str:
        return listing(self._head(), [repr(e) for e in self._eqs[:self.SHOWN + 1]] + [""] * max(0, len(self) - self.SHOWN - 1),
                       shown=self.SHOWN)

    def __str__(self) -> str:
        return listing(self._head(), [str(e) for e in self._eqs[:self.SHOWN + 1]] + [""] * max(0, len(self) - self.SHOWN - 1),
                       shown=self.SHOWN)

    def _latex(self, printer: Any = None) -> str:
        """sympy's printing hook: ``sympy.latex(eqs)`` gives :meth:`to_latex`."""
        return self.to_latex()

    def to_dict(self) -> dict:
        """A JSON-ready dictionary; :meth:`from_dict` rebuilds the set (without the game).

        Examples
        --------
        >>> from games import catalog
        >>> from solvers import equilibria
        >>> eqs = equilibria(catalog.load("battle_of_the_sexes"))
        >>> EquilibriumSet.from_dict(eqs.to_dict()) == eqs
        True
        """
        return {"type": "EquilibriumSet", "equilibria": [e.to_dict() for e in self._eqs],
                "method": self.method, "exact": self.exact, "complete": self.complete,
                "degenerate": self.degenerate, "components": [list(c) for c in self.components],
                "space": None if self.space is None else self.space.to_dict()}

    @classmethod
    def from_dict(cls, d: Mapping) -> "EquilibriumSet":
        """Rebuild from :meth:`to_dict` output."""
        space = None if d.get("space") is None else ParameterSpace.from_dict(d["space"])
        return cls([Equilibrium.from_dict(e) for e in d["equilibria"]], method=d["method"],
                   exact=d["exact"], complete=d["complete"], degenerate=d["degenerate"],
                   components=[tuple(c) for c in d["components"]], space=space)

    def at(self, point: Mapping[Any, Any]) -> "EquilibriumSet":
        """The numeric equilibria holding at a parameter point."""
        out = [e.at(point) for e in self._eqs]
        keep = [i for i, e in enumerate(out) if e is not None]
        remap = {old: new for new, old in enumerate(keep)}
        comps = tuple(tuple(remap[i] for i in c if i in remap) for c in self.components)
        return EquilibriumSet([out[i] for i in keep], game=None, method=self.method, exact=self.exact,
                              complete=self.complete, degenerate=self.degenerate,
                              components=tuple(c for c in comps if c))

    def regimes(self, *, generic: bool = True) -> tuple[Regime, ...]:
        """Regions of the space by which equilibria hold there (empty regions dropped).

        Each region's condition is simplified under the space. For numeric
        sets there is one regime holding every equilibrium.

        Parameters
        ----------
        generic : bool
            If True (default), regions are compared up to their boundaries:
            two equilibria share a regime only where both hold on an open
            set, and equilibria that exist only on a boundary (ties, such as
            ``concession == workload``) form no regime of their own. They
            remain in the set. With False every region, boundaries
            included, is reported.

        Returns
        -------
        tuple of Regime
            One per nonempty region, with the indices of the equilibria
            holding there as ``members``.

        Notes
        -----
        Only sets of equilibria whose conditions pairwise overlap can hold
        together, so candidate regions are the cliques of the overlap graph:
        equilibria with mutually exclusive conditions (the usual case for
        subgame-perfect equilibria) cost one query per pair.
        """
        import networkx as nx

        space = self.space or ParameterSpace.empty()
        n = len(self._eqs)
        conds = [_interior(e.condition) if generic else e.condition for e in self._eqs]
        live = [i for i in range(n) if _cond.is_satisfiable(conds[i], space) is not False]
        overlap = nx.Graph()
        overlap.add_nodes_from(live)
        for a, i in enumerate(live):
            for j in live[a + 1:]:
                if _cond.is_satisfiable(sympy.And(conds[i], conds[j]), space) is not False:
                    overlap.add_edge(i, j)
        out = []
        for clique in nx.enumerate_all_cliques(overlap):
            members = tuple(sorted(clique))
            # equilibria overlapping every member could also hold there: exclude them
            others = set.intersection(*(set(overlap[i]) for i in members)) - set(members)
            cond = sympy.And(*(conds[i] for i in members), *(sympy.Not(conds[j]) for j in sorted(others)))
            if others and _cond.is_satisfiable(cond, space) is False:
                continue
            d = _cond.decide(cond, space)
            if d.status == "never":
                continue
            labels = sorted({self._eqs[i].label for i in members if self._eqs[i].label})
            shown = _interior(cond) if generic else cond
            out.append(Regime(_cond.simplify_condition(shown, space), members, " & ".join(labels), d.witness_true,
                              space=space if len(space) else None))
        out.sort(key=lambda r: r.members)
        return tuple(out)

    def compile(self) -> CompiledEquilibria:
        """One vectorised numpy function of the parameters (see :class:`CompiledEquilibria`)."""
        return CompiledEquilibria(self)

    def to_latex(self) -> str:
        r"""A LaTeX table (booktabs) of the equilibria and their conditions."""
        rows = [r"\begin{tabular}{lll}", r"\toprule", r"Kind & Profile & Condition \\", r"\midrule"]
        for e in self._eqs:
            prof = ", ".join(r"\left(" + ", ".join(e.latex_value(x) for x in v) + r"\right)"
                             for v in e.profile)
            if not e.profile and e.path is not None:
                prof = r"\text{" + " → ".join(map(str, e.path)) + "}"
            rows.append(f"{e.kind} & ${prof}$ & ${e.latex_value(e.condition)}$ \\\\")
        rows += [r"\bottomrule", r"\end{tabular}"]
        return "\n".join(rows)

    def _repr_latex_(self) -> str:
        return "$" + r" \\ ".join(e.to_latex() for e in self._eqs) + "$"
