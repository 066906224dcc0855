"""Stability tables of replicator dynamics: every rest point, its eigenvalues and classes.

:func:`stability` linearises at each rest point found by
:func:`~solvers.evolution.rest_points.rest_points`. The Jacobian (in reduced
coordinates) is split into strongly connected blocks (it is block triangular
after a permutation, e.g. diagonal at every vertex of a multi-population
game), and each block is classified exactly
(:mod:`solvers.evolution.routh_hurwitz`).

The classes are ``"stable"`` (all eigenvalues with negative real part:
asymptotically stable; at a vertex of multi-population dynamics this is a
strict Nash equilibrium, i.e. an ESS), ``"unstable"`` (all real parts
positive: a source), ``"saddle"`` (real parts of both signs, none zero),
``"centre"`` (all real parts zero, no zero eigenvalue) and
``"non-hyperbolic"`` (some zero real part otherwise). A zero real part is
never called stable. Each class carries its parameter condition, simplified
on the game's :class:`~games.parameters.ParameterSpace`.

References
----------
.. [1] D. Friedman, "Evolutionary games in economics", Econometrica 59(3)
   (1991) 637-666.
.. [2] R. Selten, "A note on evolutionarily stable strategies in asymmetric
   animal conflicts", Journal of Theoretical Biology 84 (1980) 93-101.
.. [3] F. R. Gantmacher, *The Theory of Matrices*, vol. 2, Chelsea, 1959,
   ch. XV (Routh-Hurwitz criterion, Orlando's formula).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Iterator, Mapping, Sequence

import numpy as np
import sympy
from sympy.logic.boolalg import Boolean

from solvers.limits import call_with_time_limit, check_time_limit
from games.errors import ParameterError, UnsupportedGame, fmt_error
from games.conditions import is_satisfiable, normalize_relation, sign
from solvers.evolution._serialize import dump_dyn, dump_expr, load_dyn, load_expr
from solvers.evolution.factoring import normalize_relation_fast
from solvers.evolution.replicator import Replicator
from solvers.evolution.sign_patterns import context, triangular_classes
from solvers.evolution.rest_points import (_FLOAT_TOL, RestPoint, RestPoints, _clean, _has_radical,
                                           _is_float_game, _simplify, rest_points)
from solvers.evolution.routh_hurwitz import (LAMBDA, _block_flags, _blocks, _classes, _coeffs_factored,
                                             _raw_det, _Signs)

__all__ = [
    "CLASSES",
    "StabilityRow",
    "StabilityTable",
    "StableRegime",
    "stability",
]

#: The stability classes, in table order.
CLASSES = ("stable", "unstable", "saddle", "centre", "non-hyperbolic")


# --------------------------------------------------------------------------- #
# results
# --------------------------------------------------------------------------- #

@dataclass(frozen=True, eq=False)
class StabilityRow:
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


@dataclass(frozen=True)
class StableRegime:
    """A set of rest points that are asymptotically stable together, and where.

    Attributes
    ----------
    points : tuple of str
        Labels of the stable rest points (empty: none is stable).
    condition : sympy Boolean
        The parameter region where exactly these are asymptotically stable.
    """

    points: tuple
    condition: Boolean

    def to_latex(self) -> str:
        """``\\text{stable: ...} \\text{ if } condition`` (LaTeX)."""
        pts = ", ".join(self.points) or "none"
        cond = "" if self.condition is sympy.true else r" \text{ if } " + sympy.latex(self.condition)
        return r"\text{stable: " + pts + "}" + cond

    def _latex(self, printer: Any) -> str:
        return self.to_latex()

    def _repr_latex_(self) -> str:
        return "$" + self.to_latex() + "$"

    def to_dict(self) -> dict:
        """A plain mapping; :meth:`from_dict` rebuilds an equal regime."""
        return {"points": list(self.points), "condition": dump_expr(self.condition)}

    @classmethod
    def from_dict(cls, d: Mapping) -> "StableRegime":
        """Rebuild from :meth:`to_dict`."""
        return cls(tuple(d["points"]), load_expr(d["condition"]))


@dataclass(frozen=True, eq=False)
class StabilityTable:
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
        >>> a = sympy.Symbol("a", positive=True)
        >>> g = NormalFormGame.from_bimatrix([[a, 0], [0, 1]], [[a, 0], [0, 1]])
        >>> t = stability(replicator(g)).at({"a": 2})
        >>> [(r.point.coordinates, r.classification) for r in t]
        [((1, 1), 'stable'), ((1, 0), 'unstable'), ((0, 1), 'unstable'), ((0, 0), 'stable'), ((1/3, 1/3), 'saddle')]
        """
        vals = self.dyn._point_values(point, "StabilityTable.at")
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
                cls = _classify_numeric(np.array([complex(e) for e in eig]))
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
        tuple of StableRegime

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> from solvers.replicator import replicator
        >>> sh = NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]])
        >>> [r.points for r in stability(replicator(sh)).stable_sets()]
        [('(s1, s1)', '(s2, s2)')]
        """
        if "stable_sets" in self._cache:
            return self._cache["stable_sets"]
        cands = [(r.label, r.condition) for r in self.rows if r.condition is not sympy.false]
        if len(cands) > max_points:
            raise UnsupportedGame(fmt_error("StabilityTable.stable_sets", "table",
                                            f"at most {max_points} possibly stable rest points", len(cands)))
        out = []

        def rec(i, chosen, cond):
            if i == len(cands):
                c = _simplify(cond, self.dyn)
                if c is not sympy.false:
                    out.append(StableRegime(tuple(chosen), c))
                return
            lab, st = cands[i]
            for include in (True, False):
                new = sympy.And(cond, st if include else sympy.Not(st))
                if new is sympy.false:
                    continue
                try:
                    sat = _quick_sat(new, self.dyn) if new.free_symbols else (new is not sympy.false)
                except ValueError:  # z3 model numbers too large to convert: undecided, kept
                    sat = None
                if sat is False:
                    continue
                rec(i + 1, chosen + [lab] if include else chosen, new)

        rec(0, [], sympy.true)
        res = tuple(out)
        self._cache["stable_sets"] = res
        return res

    # --- LaTeX ----------------------------------------------------------------
    def to_latex(self, *, signs: bool = True) -> str:
        """The stability table papers print: rest point, eigenvalues, signs, stability.

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> from solvers.replicator import replicator
        >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> print(stability(replicator(pd)).to_latex().splitlines()[4])
        $\\left(1, 1\\right)$ & $2$, $2$ & $(+, +)$ & unstable \\\\
        """
        lines = [r"\begin{tabular}{llll}", r"\hline",
                 r"Rest point & Eigenvalues & Signs & Stability \\", r"\hline"]
        space = self.dyn.space
        for r in self.rows:
            pt = "$" + r.point.to_latex() + "$"
            if r.point.condition is not sympy.true:
                pt += " if $" + sympy.latex(r.point.condition) + "$"
            if r.eigenvalues is None:
                eig = "roots of $" + sympy.latex(r.charpoly) + "$"
                sg = "--"
            else:
                eig = ", ".join("$" + sympy.latex(e) + "$" for e in r.eigenvalues)
                sg = "--"
                if signs and r.point.condition is sympy.true:
                    sg = "$(" + ", ".join(_sign_symbol(e, space) for e in r.eigenvalues) + ")$"
            parts = []
            for c, cond in r.classes:
                name = "ESS" if (c == "stable" and r.point.is_vertex) else (
                    "asymptotically stable" if c == "stable" else c)
                parts.append(name if cond is sympy.true else f"{name} if ${sympy.latex(cond)}$")
            lines.append(f"{pt} & {eig} & {sg} & {'; '.join(parts)} \\\\")
        lines += [r"\hline", r"\end{tabular}"]
        return "\n".join(lines)

    def _repr_latex_(self) -> str:
        return self.to_latex()


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 3] + "..."


def _sign_symbol(e: sympy.Expr, space) -> str:
    e = sympy.sympify(e)
    if e.has(sympy.I) or _has_radical(e):
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


def _classify_numeric(ev: np.ndarray, tol: float = 1e-9) -> str:
    re = ev.real
    zero = np.abs(re) <= tol
    if zero.any():
        if zero.all() and np.all(np.abs(ev) > tol):
            return "centre"
        return "non-hyperbolic"
    if np.all(re < 0):
        return "stable"
    if np.all(re > 0):
        return "unstable"
    return "saddle"


def _analyse(dyn: Replicator, p: RestPoint, floaty: bool, simplify: bool, ctx: Any = None) -> StabilityRow:
    vals = dict(zip(dyn.state, p.coordinates))
    J = sympy.Matrix(dyn.jacobian.xreplace(vals)).applyfunc(lambda e: _clean(e, floaty))
    order = _blocks(J)
    if (ctx is not None and not floaty and p.condition is sympy.true and all(len(b) == 1 for b in order)
            and J.free_symbols):
        fast = _triangular_row(dyn, p, J, order, ctx)
        if fast is not None:
            return fast
    shares = [v for sup, prof in zip(p.support, p.profile) if len(sup) > 1 for v in (prof[s] for s in sup)]
    sg = _Signs(shares, floaty)
    flags = [_block_flags(J.extract(b, b), floaty, sg) for b in order]
    eig = None
    if all(f.eigenvalues is not None for f in flags):
        eig = tuple(sympy.sympify(e) for f in flags for e in f.eigenvalues)
    cp = sympy.Integer(1)
    for b in order:
        blk = J.extract(b, b)
        if len(b) <= 2:
            co = _coeffs_factored(blk)
            cp *= sympy.Add(*[c * LAMBDA ** (len(co) - 1 - k) for k, c in enumerate(co)])
        else:
            # kept unexpanded: expanding a symbolic 3x3 characteristic polynomial is costly
            cp *= _raw_det(LAMBDA * sympy.eye(len(b)) - blk)
    classes = []
    for c, cond in _classes(flags).items():
        if cond is sympy.false:
            continue
        if cond is not sympy.true and cond.free_symbols:
            cond = _normalize(cond)
            if simplify and p.is_vertex:
                full = _simplify(sympy.And(p.condition, cond), dyn)
            else:
                full = sympy.And(p.condition, cond)
                if _quick_sat(full, dyn) is False:
                    continue
        else:
            full = p.condition if cond is sympy.true else sympy.false
            if full is sympy.false:
                continue
        if full is not sympy.false:
            classes.append((c, full))
    return StabilityRow(p, sympy.ImmutableMatrix(J), eig, cp, tuple(classes), all(f.exact for f in flags))


def _triangular_row(dyn: Replicator, p: RestPoint, J: sympy.Matrix, order: list, ctx: Any) -> StabilityRow | None:
    """A row whose Jacobian is triangular: classes from sign patterns (:mod:`.sign_patterns`)."""
    eig = tuple(J[b[0], b[0]] for b in order)
    classes = triangular_classes(eig, dyn.space, ctx)
    if classes is None:
        return None
    cp = sympy.Mul(*[LAMBDA - e for e in eig])
    return StabilityRow(p, sympy.ImmutableMatrix(J), eig, cp, tuple(classes.items()), True)


def _size(e: sympy.Basic, limit: int = 10_000) -> int:
    """Number of nodes of an expression tree (counting stops at ``limit``)."""
    n = 0
    for _ in sympy.preorder_traversal(e):
        n += 1
        if n >= limit:
            break
    return n


def _quick_sat(cond: Boolean, dyn: Replicator) -> bool | None:
    """Satisfiable on the space? A sampled witness first; z3 only for small conditions."""
    if not cond.has(sympy.Eq):
        try:
            cols = dyn.space.sample_columns(64, rng=0)
            f = sympy.lambdify(dyn.space.symbols, cond, modules="numpy")
            with np.errstate(all="ignore"):
                val = np.asarray(f(*(cols[n] for n in dyn.space.names)), dtype=bool)
            if val.any():
                return True
        except (TypeError, ValueError, NameError, ParameterError):
            pass
    if _size(cond) > 150:
        return None  # too large for a quick exact check: kept, undecided
    try:
        return is_satisfiable(cond, dyn.space)
    except ValueError:  # z3 model numbers too large to convert: undecided, kept
        return None


def _normalize(cond: Boolean) -> Boolean:
    """Readable relations (known-sign factors cleared), structure kept."""
    if isinstance(cond, sympy.core.relational.Relational):
        try:
            return normalize_relation_fast(cond)
        except (TypeError, ValueError):
            return cond
    if isinstance(cond, (sympy.And, sympy.Or, sympy.Not)):
        return cond.func(*[_normalize(a) for a in cond.args])
    return cond


def stability(dyn: Replicator, *, simplify: bool = True, vertices_only: bool = False,
              time_limit: float | None = None) -> StabilityTable:
    """Stability table of replicator dynamics: every rest point, its eigenvalues and classes.

    Parameters
    ----------
    dyn : Replicator
        From :func:`solvers.replicator.replicator`.
    simplify : bool, optional
        Simplify each class condition on the space with
        :func:`games.conditions.simplify_condition` (default). With
        ``False`` conditions are only normalised and impossible classes
        dropped (one satisfiability check each): faster for large models.
    vertices_only : bool, optional
        Only the vertices: the table papers print, and fast (the Jacobian is
        diagonal there for multi-population dynamics). The table then says
        nothing of edge, face and interior rest points.

    time_limit : float, optional
        Seconds. The computation runs in a worker process that is stopped at
        the limit, even inside sympy or z3 (:mod:`solvers.limits`).

    Returns
    -------
    StabilityTable

    Raises
    ------
    UnsupportedGame
        If ``dyn`` is not a Replicator.
    ValueError
        If ``time_limit`` is not a positive number or None.
    TimeLimitExceeded
        At the limit; ``.partial`` holds the rows (:class:`StabilityRow`)
        finished so far.

    Examples
    --------
    The stag hunt: both pure coordination outcomes are stable (ESS), the
    off-diagonal vertices are sources and the mixed rest point a saddle.

    >>> from games.normal_form import NormalFormGame
    >>> from solvers.replicator import replicator
    >>> sh = NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    >>> [(r.point.coordinates, r.eigenvalues, r.classification) for r in stability(replicator(sh))]
    [((1, 1), (-1, -1), 'stable'), ((1, 0), (3, 1), 'unstable'), ((0, 1), (1, 3), 'unstable'), ((0, 0), (-3, -3), 'stable'), ((3/4, 3/4), (3/4, -3/4), 'saddle')]

    Matching pennies: the interior rest point is a centre, never stable.

    >>> mp = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> stability(replicator(mp))[-1].classification
    'centre'
    """
    if not isinstance(dyn, Replicator):
        raise UnsupportedGame(fmt_error("stability", "dyn", "a Replicator (see solvers.replicator)", dyn))
    time_limit = check_time_limit("stability", time_limit)
    if time_limit is not None:
        return call_with_time_limit(_stability, dyn, simplify=simplify, vertices_only=vertices_only,
                                    time_limit=time_limit, name="stability")
    return _stability(dyn, simplify=simplify, vertices_only=vertices_only)


def _stability(dyn: Replicator, *, simplify: bool, vertices_only: bool, report: Any = None) -> StabilityTable:
    rp = rest_points(dyn, vertices_only=vertices_only)
    floaty = _is_float_game(dyn)
    ctx = context(dyn) if not floaty else None
    rows = []
    for p in rp.points:
        rows.append(_analyse(dyn, p, floaty, simplify, ctx))
        if report is not None:
            report(rows[-1])
    rows = tuple(rows)
    return StabilityTable(dyn, rows, rp.continua, rp.unsolved)
