"""The stability table of replicator dynamics: its rows, the table, the sets stable together.

:func:`~solvers.evolution.stability.stability` returns a
:class:`StabilityTable`, one :class:`StabilityRow` per rest point (its
Jacobian, eigenvalues, characteristic polynomial and each possible
stability class with its parameter condition). The table evaluates at a
parameter point (:meth:`StabilityTable.at`), lists the sets of rest points
that are asymptotically stable together as :class:`~solvers.results.Regime`
values (:meth:`StabilityTable.stable_sets`) and prints the table papers print
(:meth:`StabilityTable.to_latex`).

References
----------
.. [1] D. Friedman, "Evolutionary games in economics", Econometrica 59(3)
   (1991) 637-666.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Iterator, Mapping, Sequence

import numpy as np
import sympy
from sympy.logic.boolalg import Boolean

from games.conditions import sign
from games.errors import ParameterError, UnsupportedGame, fmt_error
from solvers.evolution._serialize import dump_dyn, dump_expr, load_dyn, load_expr
from solvers.evolution.conditions import quick_satisfiable, simplify_on_space
from solvers.evolution.replicator import Replicator
from solvers.evolution.rest_points import RestPoint, has_radical
from solvers.evolution.routh_hurwitz import classify_eigenvalues
from solvers.results import Result, Regime

__all__ = [
    "StabilityRow",
    "StabilityTable",
    "StableRegime",
]

#: The sets of rest points stable together are :class:`~solvers.results.Regime`
#: values (``label``: the points' labels, ``data["points"]``: the labels as a tuple).
StableRegime = Regime


@dataclass(frozen=True, eq=False)
class StabilityRow(Result):
    """One rest point with its Jacobian eigenvalues and stability classes.

    Attributes
    ----------
    point : RestPoint
    jacobian : sympy.ImmutableMatrix
        The Jacobian at the point (reduced coordinates).
    eigenvalues : tuple or None
        Eigenvalues (with multiplicity) when sympy can write them in closed
        form without the cubic formula; ``None`` otherwise (the class
        conditions still are exact, from the characteristic polynomial).
    charpoly : sympy.Expr
        ``det(lambda I - J)`` in the symbol ``lambda``.
    classes : tuple of (str, sympy Boolean)
        Each possible class with its condition (the point's existence
        condition included); classes impossible on the space are omitted.
    exact : bool
        False when the saddle / non-hyperbolic split is conservative (symbolic
        blocks of size four or more).
    """

    point: RestPoint
    jacobian: sympy.ImmutableMatrix
    eigenvalues: tuple | None
    charpoly: sympy.Expr
    classes: tuple
    exact: bool = True

    @property
    def conditions(self) -> Mapping:
        """``{class: condition}`` for every class possible on the space (read-only).

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> from solvers.replicator import replicator
        >>> from solvers.stability import stability
        >>> sh = NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]])
        >>> dict(stability(replicator(sh))[0].conditions)
        {'stable': True}
        """
        return MappingProxyType(dict(self.classes))

    @property
    def condition(self) -> Boolean:
        """The condition for the point to be asymptotically stable (``sympy.false`` if never).

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> from solvers.replicator import replicator
        >>> from solvers.stability import stability
        >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> stability(replicator(pd))[3].condition
        True
        """
        return dict(self.classes).get("stable", sympy.false)

    def to_latex(self) -> str:
        """The rest point with its classes, e.g. ``(1, 1)``: stable if ... (LaTeX).

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> from solvers.replicator import replicator
        >>> from solvers.stability import stability
        >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> print(stability(replicator(pd))[3].to_latex())
        \\left(0, 0\\right): \\text{stable}
        """
        parts = [r"\text{" + c + "}" + ("" if v is sympy.true else r" \text{ if } " + sympy.latex(v))
                 for c, v in self.classes]
        return self.point.to_latex() + ": " + r",\ ".join(parts)

    def _latex(self, printer: Any) -> str:
        return self.to_latex()

    def _repr_latex_(self) -> str:
        return "$" + self.to_latex() + "$"

    def _hashable_content(self) -> tuple:
        return (self.point, self.jacobian, self.eigenvalues, self.charpoly, self.classes, self.exact)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, StabilityRow):
            return NotImplemented
        return self._hashable_content() == other._hashable_content()

    def __hash__(self) -> int:
        return hash(self._hashable_content())

    def to_dict(self) -> dict:
        """A plain mapping (sympy values as ``srepr`` strings); :meth:`from_dict` rebuilds it."""
        return {"point": self.point.to_dict(), "jacobian": dump_expr(self.jacobian.tolist()),
                "eigenvalues": dump_expr(self.eigenvalues), "charpoly": dump_expr(self.charpoly),
                "classes": [[c, dump_expr(v)] for c, v in self.classes], "exact": self.exact}

    @classmethod
    def from_dict(cls, d: Mapping) -> "StabilityRow":
        """Rebuild from :meth:`to_dict`."""
        return cls(RestPoint.from_dict(d["point"]), sympy.ImmutableMatrix(load_expr(d["jacobian"])),
                   load_expr(d["eigenvalues"]), load_expr(d["charpoly"]),
                   tuple((c, load_expr(v)) for c, v in d["classes"]), d["exact"])

    @property
    def classification(self) -> str | None:
        """The class if it holds on the whole space, else None."""
        for c, cond in self.classes:
            if cond is sympy.true:
                return c
        return None

    @property
    def label(self) -> str:
        """The rest point's label."""
        return self.point.label

    def __repr__(self) -> str:
        cls = ", ".join(f"{c}" + ("" if v is sympy.true else f" if {v}") for c, v in self.classes)
        return f"StabilityRow({self.point.label} {self.point.coordinates}: {cls})"


@dataclass(frozen=True, eq=False)
class StabilityTable(Result):
    """The stability table of replicator dynamics (a sequence of :class:`StabilityRow`).

    Attributes
    ----------
    dyn : Replicator
    rows : tuple of StabilityRow
    continua : tuple of RestPoint
        Continua of rest points (never asymptotically stable points).
    unsolved : tuple
        Supports whose rest points sympy could not find.
    point : dict or None
        The parameter point, for tables produced by :meth:`at`.
    """

    dyn: Replicator
    rows: tuple
    continua: tuple = ()
    unsolved: tuple = ()
    point: Mapping | None = None
    _cache: dict = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[StabilityRow]:
        return iter(self.rows)

    def __getitem__(self, i):
        if isinstance(i, str):
            for r in self.rows:
                if r.label == i:
                    return r
            raise KeyError(i)
        return self.rows[i]

    def _hashable_content(self) -> tuple:
        pt = tuple(sorted((str(k), sympy.sympify(v)) for k, v in self.point.items())) if self.point else None
        return (self.dyn, self.rows, self.continua, self.unsolved, pt)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, StabilityTable):
            return NotImplemented
        return self._hashable_content() == other._hashable_content()

    def __hash__(self) -> int:
        return hash(self._hashable_content())

    def __repr__(self) -> str:
        kinds: dict = {}
        for r in self.rows:
            kinds[r.point.kind] = kinds.get(r.point.kind, 0) + 1
        parts = ", ".join(f"{n} {k}" for k, n in kinds.items())
        stable = sum(1 for r in self.rows if r.condition is not sympy.false)
        extra = f", {len(self.continua)} continua" if self.continua else ""
        extra += f", {len(self.unsolved)} unsolved supports" if self.unsolved else ""
        return f"StabilityTable({len(self.rows)} rest points: {parts}; {stable} possibly stable{extra})"

    def __str__(self) -> str:
        """One line per class of each rest point; long conditions are shortened (full data: ``rows``).

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> from solvers.replicator import replicator
        >>> from solvers.stability import stability
        >>> sh = NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]])
        >>> print(stability(replicator(sh)))
        Stability table: 5 rest points
        (s1, s1)  (1, 1)  eigenvalues -1, -1: stable
        (s1, s2)  (1, 0)  eigenvalues 3, 1: unstable
        (s2, s1)  (0, 1)  eigenvalues 1, 3: unstable
        (s2, s2)  (0, 0)  eigenvalues -3, -3: stable
        ({s1/s2}, {s1/s2})  (3/4, 3/4)  eigenvalues 3/4, -3/4: saddle
        """
        lines = [f"Stability table: {len(self.rows)} rest points"]
        for r in self.rows:
            coords = _short("(" + ", ".join(str(c) for c in r.point.coordinates) + ")", 60)
            eig = ("eigenvalues " + _short(", ".join(str(e) for e in r.eigenvalues), 60)
                   if r.eigenvalues is not None else "eigenvalues: roots of the characteristic polynomial")
            head = f"{r.label}  {coords}  {eig}"
            if r.point.condition is not sympy.true:
                head += f"  [exists if {_short(str(r.point.condition), 80)}]"
            if r.classification is not None or len(r.classes) <= 1:
                lines.append(head + ": " + (", ".join(c for c, _ in r.classes) or "none"))
                continue
            lines.append(head + ":")
            for c, cond in r.classes:
                lines.append(f"    {c} if {_short(str(cond), 100)}")
        if self.continua:
            lines.append(f"{len(self.continua)} continua of rest points")
        if self.unsolved:
            lines.append(f"{len(self.unsolved)} supports unsolved (incomplete)")
        return "\n".join(lines)

    def _latex(self, printer: Any) -> str:
        return self.to_latex()

    def to_dict(self) -> dict:
        """A plain mapping (the dynamics, every row); :meth:`from_dict` rebuilds an equal table.

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> from solvers.replicator import replicator
        >>> from solvers.stability import stability
        >>> t = stability(replicator(NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]])))
        >>> StabilityTable.from_dict(t.to_dict()) == t
        True
        """
        return {"dyn": dump_dyn(self.dyn), "rows": [r.to_dict() for r in self.rows],
                "continua": [p.to_dict() for p in self.continua],
                "unsolved": [[list(x) for x in sup] for sup in self.unsolved],
                "point": None if self.point is None else {str(k): dump_expr(v) for k, v in self.point.items()}}

    @classmethod
    def from_dict(cls, d: Mapping) -> "StabilityTable":
        """Rebuild from :meth:`to_dict`."""
        return cls(load_dyn(d["dyn"]), tuple(StabilityRow.from_dict(r) for r in d["rows"]),
                   tuple(RestPoint.from_dict(p) for p in d["continua"]),
                   tuple(tuple(tuple(x) for x in sup) for sup in d["unsolved"]),
                   None if d["point"] is None else {k: load_expr(v) for k, v in d["point"].items()})

    @property
    def complete(self) -> bool:
        """Whether every support was solved."""
        return not self.unsolved

    def find(self, coordinates: Sequence[Any]) -> StabilityRow:
        """The row whose rest point has these coordinates.

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> from solvers.replicator import replicator
        >>> from solvers.stability import stability
        >>> sh = NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]])
        >>> stability(replicator(sh)).find((1, 1)).classification
        'stable'
        """
        target = tuple(sympy.sympify(c) for c in coordinates)
        for r in self.rows:
            if len(r.point.coordinates) == len(target) and all(
                    sympy.simplify(a - b) == 0 for a, b in zip(r.point.coordinates, target)):
                return r
        raise KeyError(coordinates)

    # --- numbers at a point ---------------------------------------------------
    def at(self, point: Mapping[Any, Any]) -> "StabilityTable":
        """The table at a parameter point: numeric coordinates, eigenvalues, one class per row.

        Rows whose existence condition fails at the point are dropped. (At
        a degenerate point where new continua appear, analyse
        ``stability(dyn.subs(point))`` instead.)

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> from solvers.replicator import replicator
        >>> from solvers.stability import stability
        >>> a = sympy.Symbol("a", positive=True)
        >>> g = NormalFormGame.from_bimatrix([[a, 0], [0, 1]], [[a, 0], [0, 1]])
        >>> t = stability(replicator(g)).at({"a": 2})
        >>> [(r.point.coordinates, r.classification) for r in t]
        [((1, 1), 'stable'), ((1, 0), 'unstable'), ((0, 1), 'unstable'), ((0, 0), 'stable'), ((1/3, 1/3), 'saddle')]
        """
        vals = self.dyn.point_values(point, "StabilityTable.at")
        rows = []
        for r in self.rows:
            ok = r.point.condition.xreplace(vals) if r.point.condition is not sympy.true else sympy.true
            if ok not in (sympy.true, sympy.false):
                ok = _num_bool(ok)
            if ok is not sympy.true:
                continue
            coords = tuple(_num(c.xreplace(vals)) for c in r.point.coordinates)
            J = sympy.ImmutableMatrix(r.jacobian.xreplace(vals)).applyfunc(_num)
            if r.eigenvalues is not None:
                eig = tuple(_num(e.xreplace(vals)) for e in r.eigenvalues)
            else:
                eig = tuple(sympy.sympify(complex(v)) for v in np.linalg.eigvals(
                    np.array(J.evalf().tolist(), dtype=complex)))
            cls = None
            for c, cond in r.classes:
                v = cond.xreplace(vals)
                if v not in (sympy.true, sympy.false):
                    v = _num_bool(v)
                if v is sympy.true:
                    cls = c
                    break
            if cls is None:
                cls = classify_eigenvalues(np.array([complex(e) for e in eig]))
            prof = self.dyn.to_profile(coords)
            pt = RestPoint(coords, prof, r.point.support, sympy.true, r.point.kind, r.point.label)
            rows.append(StabilityRow(pt, J, eig, r.charpoly.xreplace(vals), ((cls, sympy.true),), r.exact))
        return StabilityTable(self.dyn.subs(point) if self.dyn.free_symbols else self.dyn, tuple(rows),
                              (), self.unsolved, dict(point))

    # --- regimes ----------------------------------------------------------------
    def stable_sets(self, *, max_points: int = 12) -> tuple:
        """The sets of rest points that are asymptotically stable together, with their regions.

        Enumerates the combinations of stable / not stable over the rows that
        can be stable, pruning combinations that are unsatisfiable on the
        space (z3). Bistability shows as a regime with two points.

        Returns
        -------
        tuple of Regime
            One :class:`~solvers.results.Regime` per set: ``condition`` where
            exactly these points are asymptotically stable, ``members`` their
            row indices, ``label`` their labels joined by ", " (``"none
            stable"`` for the empty set) and ``points`` (in ``data``) the
            labels as a tuple.

        Raises
        ------
        UnsupportedGame
            If more than ``max_points`` rows can be stable.

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> from solvers.replicator import replicator
        >>> from solvers.stability import stability
        >>> sh = NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]])
        >>> [(r.points, r.members, r.label) for r in stability(replicator(sh)).stable_sets()]
        [(('(s1, s1)', '(s2, s2)'), (0, 3), '(s1, s1), (s2, s2)')]
        """
        if "stable_sets" in self._cache:
            return self._cache["stable_sets"]
        cands = [(k, r.label, r.condition) for k, r in enumerate(self.rows) if r.condition is not sympy.false]
        if len(cands) > max_points:
            raise UnsupportedGame(fmt_error("StabilityTable.stable_sets", "table",
                                            f"at most {max_points} possibly stable rest points", len(cands)))
        space = self.dyn.space if len(self.dyn.space) else None
        out = []

        def rec(i, chosen, cond):
            if i == len(cands):
                c = simplify_on_space(cond, self.dyn)
                if c is not sympy.false:
                    points = tuple(lab for _, lab in chosen)
                    out.append(Regime(c, tuple(k for k, _ in chosen), ", ".join(points) or "none stable",
                                      data={"points": points}, space=space))
                return
            k, lab, st = cands[i]
            for include in (True, False):
                new = sympy.And(cond, st if include else sympy.Not(st))
                if new is sympy.false:
                    continue
                try:
                    sat = quick_satisfiable(new, self.dyn) if new.free_symbols else (new is not sympy.false)
                except ValueError:  # z3 model numbers too large to convert: undecided, kept
                    sat = None
                if sat is False:
                    continue
                rec(i + 1, chosen + [(k, lab)] if include else chosen, new)

        rec(0, [], sympy.true)
        res = tuple(out)
        self._cache["stable_sets"] = res
        return res

    # --- LaTeX ----------------------------------------------------------------
    def table_cells(self, *, signs: bool = True) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
        """The header and rows of the stability table, as LaTeX cells (one renderer for every format).

        Columns: profile (strategy names), rest point, eigenvalues, their signs
        (with ``signs=True``), stability with conditions. Expressions and
        conditions use the parameters' LaTeX names.

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> from solvers.replicator import replicator
        >>> from solvers.stability import stability
        >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> print(" | ".join(stability(replicator(pd)).table_cells()[1][-1]))
        (s2, s2) | $\\left(0, 0\\right)$ | $-1$, $-1$ | $(-, -)$ | ESS
        """
        from games.formatting import latex_condition, latex_escape

        space = self.dyn.space
        tex = space.latex if space is not None and len(space) else sympy.latex
        header = ("Profile", "Rest point", "Eigenvalues") + (("Signs",) if signs else ()) + ("Stability",)
        rows = []
        for r in self.rows:
            pt = "$" + r.point.to_latex() + "$"
            if r.point.condition is not sympy.true:
                pt += " if " + latex_condition(r.point.condition, space)
            if r.eigenvalues is None:
                eig, sg = "roots of $" + tex(r.charpoly) + "$", "--"
            else:
                eig = ", ".join("$" + tex(e) + "$" for e in r.eigenvalues)
                sg = "--"
                if signs and r.point.condition is sympy.true:
                    sg = "$(" + ", ".join(_sign_symbol(e, space) for e in r.eigenvalues) + ")$"
            parts = []
            for c, cond in r.classes:
                name = "ESS" if (c == "stable" and r.point.is_vertex) else (
                    "asymptotically stable" if c == "stable" else c)
                parts.append(name if cond is sympy.true else f"{name} if {latex_condition(cond, space)}")
            rows.append((latex_escape(r.point.label), pt, eig) + ((sg,) if signs else ())
                        + ("; ".join(parts) or "--",))
        return header, rows

    def to_latex(self, *, signs: bool = True) -> str:
        """The stability table papers print (booktabs): profile, rest point, eigenvalues, signs, stability.

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> from solvers.replicator import replicator
        >>> from solvers.stability import stability
        >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> print(stability(replicator(pd)).to_latex().splitlines()[5])
        (s1, s1) & $\\left(1, 1\\right)$ & $2$, $2$ & $(+, +)$ & unstable \\\\
        """
        from games.formatting import latex_header

        header, rows = self.table_cells(signs=signs)
        lines = [latex_header(), r"\begin{tabular}{" + "l" * len(header) + "}", r"\toprule",
                 " & ".join(header) + r" \\", r"\midrule"]
        lines += [" & ".join(row) + r" \\" for row in rows]
        lines += [r"\bottomrule", r"\end{tabular}"]
        return "\n".join(lines)

    def _repr_latex_(self) -> str:
        # the tabular itself (the header comment names packages a notebook does not need)
        return self.to_latex().split("\n", 1)[1]


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 3] + "..."


def _sign_symbol(e: sympy.Expr, space) -> str:
    e = sympy.sympify(e)
    if e.has(sympy.I) or has_radical(e):
        return "?"
    if not e.free_symbols:
        return "+" if e > 0 else ("-" if e < 0 else "0")
    try:
        s = sign(e, space).sign
    except (ParameterError, TypeError, ValueError):
        return "?"
    return {"+": "+", "-": "-", "0": "0", "ambiguous": r"\pm", "nonnegative": r"\geq 0",
            "nonpositive": r"\leq 0"}.get(s, "?")


def _num(e: Any) -> sympy.Expr:
    e = sympy.sympify(e)
    if e.free_symbols:
        return e
    if e.is_Rational:
        return e
    if e.has(sympy.Float):
        v = complex(e.evalf())
        return sympy.Float(v.real) if abs(v.imag) < 1e-12 else sympy.Float(v.real) + sympy.I * sympy.Float(v.imag)
    s = sympy.nsimplify(e) if e.is_Float else sympy.simplify(e)
    return s


def _num_bool(cond: Boolean) -> Boolean:
    """Decide a relation between numbers (radicals, floats) numerically; never bool() on symbols."""
    if cond in (sympy.true, sympy.false) or cond.free_symbols:
        return cond
    try:
        v = cond.evalf(30)
        if v in (sympy.true, sympy.false):
            return v
        v = cond.func(*[_num_bool(a) if isinstance(a, Boolean) else a.evalf(30) for a in cond.args])
        return v if v in (sympy.true, sympy.false) else cond
    except (TypeError, ValueError):
        return cond
