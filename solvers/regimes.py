"""Regimes: which equilibria hold where, symbolically and on a 2-D parameter slice.

:func:`regimes` lists the distinct equilibrium configurations of a result
and the conditions separating them. :func:`regime_map` classifies a grid
over two parameters (the others fixed) by which equilibria hold there,
vectorised through :meth:`EquilibriumSet.compile`, and gives the regime
boundaries as curves ``y = f(x)`` where sympy can solve the conditions'
atomic relations for ``y``.

Results take part through any of: a ``regimes()`` method (an
``EquilibriumSet``), ``cases`` with conditions (a ``BargainingOutcome``), or
``stable_sets()`` (a ``StabilityTable``: which rest points are
asymptotically stable together).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import numpy as np
import sympy
from sympy.core.relational import Relational
from sympy.logic.boolalg import Boolean

from games.errors import ParameterError, fmt_error
from games.parameters import ParameterSpace
from games import conditions as _cond
from solvers.equilibrium import Equilibrium, EquilibriumSet
from solvers.results import Regime, Result, clip, latex_value

__all__ = ["Boundary", "RegimeMap", "regimes", "regime_map"]

#: Largest degree in ``y`` for which a boundary is solved in closed form.
_MAX_DEGREE = 4


def _is_cases(result: Any) -> bool:
    cases = getattr(result, "cases", None)
    return cases is not None and all(hasattr(c, "condition") for c in cases)


def _case_label(c: Any, k: int) -> str:
    path = getattr(c, "path", None)
    if path:
        return " -> ".join(map(str, path))
    for attr in ("label", "name"):
        v = getattr(c, attr, None)
        if isinstance(v, str) and v:
            return v
    return str(k)


def _labelled_conditions(result: Any, space: ParameterSpace | None, func: str) -> list | None:
    """``[(label, condition)]`` for a mapping label -> condition, a result's ``cases``, or a sequence of
    objects with a ``condition`` (outcome regimes of a tree: labelled by their path); None otherwise."""
    if isinstance(result, Mapping):
        out = []
        for k, v in result.items():
            if isinstance(v, bool):
                c = sympy.true if v else sympy.false
            elif space is not None and isinstance(v, str):
                c = space.sympify(v, func=func, arg=f"result[{k!r}]")
            else:
                c = sympy.sympify(v)
            if not isinstance(c, Boolean):
                raise TypeError(fmt_error(func, f"result[{k!r}]", "a condition (a sympy Boolean or relation)", v))
            out.append((str(k), c))
        return out
    if _is_cases(result):
        return [(_case_label(c, k), _as_bool(c.condition)) for k, c in enumerate(result.cases)]
    if isinstance(result, (list, tuple)) and result and not any(isinstance(e, Equilibrium) for e in result) \
            and all(hasattr(c, "condition") for c in result):
        return [(_case_label(c, k), _as_bool(c.condition)) for k, c in enumerate(result)]
    return None


def regimes(result: Any, *, generic: bool = True, space: ParameterSpace | None = None) -> tuple[Regime, ...]:
    """The distinct equilibrium configurations of a result and the conditions separating them.

    Parameters
    ----------
    result : EquilibriumSet, sequence of Equilibrium, BargainingOutcome, StabilityTable, mapping or sequence
        An ``EquilibriumSet`` (or anything with a ``regimes()`` method) is
        delegated to; the cases of a ``BargainingOutcome`` are its regimes;
        a ``StabilityTable`` gives one regime per set of rest points that are
        asymptotically stable together; a mapping ``label -> condition``
        gives one regime per entry, and so does a sequence of objects with
        a ``condition`` (the outcome regimes of a tree,
        :func:`solvers.backward_induction.outcome_regimes`, labelled by
        their path ``"In -> Accommodate"``).
    generic : bool
        For equilibrium sets: compare regions up to their boundaries (see
        :meth:`EquilibriumSet.regimes`).
    space : ParameterSpace, optional
        For a mapping or a sequence of regimes: the space their conditions
        are simplified on (default: the result's own, if any).

    Returns
    -------
    tuple of Regime
        Each with its (simplified) condition, the indices of the members
        (equilibria, cases or rest-point rows) and a label.

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> from solvers.nash import equilibria
    >>> a = sympy.Symbol("a", positive=True)
    >>> g = NormalFormGame.from_bimatrix([[a, 0], [1, 2]], [[1, 0], [0, 1]])
    >>> [(r.members, r.condition) for r in regimes(equilibria(g))]
    [((0, 1, 2), a > 1), ((1,), 1 > a)]
    >>> [(r.members, r.condition) for r in regimes(equilibria(g), generic=False)]
    [((0, 1), Eq(a, 1)), ((0, 1, 2), a > 1), ((1,), 1 > a)]
    """
    if hasattr(result, "regimes") and callable(result.regimes):
        return tuple(result.regimes(generic=generic)) if isinstance(result, EquilibriumSet) \
            else tuple(result.regimes())
    labelled = _labelled_conditions(result, space, "regimes")
    if labelled is not None:
        if space is None:
            space = getattr(result, "space", None)
        if space is None and not isinstance(result, Mapping) and len(result):
            space = getattr(result[0], "space", None)
        space = space or ParameterSpace.empty()
        cases = result.cases if _is_cases(result) else [None] * len(labelled)
        out = []
        for k, ((label, cond), c) in enumerate(zip(labelled, cases)):
            d = _cond.decide(cond, space)
            out.append(Regime(_cond.simplify_condition(cond, space), (k,), label,
                              d.witness_true, dict(c.data) if isinstance(c, Regime) else {},
                              space if len(space) else None))
        return tuple(out)
    if hasattr(result, "stable_sets") and hasattr(result, "rows"):
        labels = [r.label for r in result.rows]
        out = []
        for sr in result.stable_sets():
            members = tuple(labels.index(p) for p in sr.points if p in labels)
            out.append(Regime(sr.condition, members, ", ".join(sr.points) or "none stable"))
        return tuple(out)
    if isinstance(result, (list, tuple)) and result and all(isinstance(e, Equilibrium) for e in result):
        return EquilibriumSet(result).regimes()
    raise TypeError(fmt_error("regimes", "result", "an EquilibriumSet, a BargainingOutcome, a StabilityTable, "
                              "a mapping label -> condition or a sequence of Equilibrium or of regimes", result))


def _as_bool(c: Any) -> Boolean:
    if isinstance(c, bool):
        return sympy.true if c else sympy.false
    return c


# --- boundaries ------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class Boundary(Result):
    """A regime boundary on a 2-D slice: ``y = f(x)``, or a vertical line ``x = c``.

    Attributes
    ----------
    relation : sympy relation
        The atomic relation of a regime condition whose equality is the boundary.
    x, y : sympy.Symbol
        The slice's axes.
    y_of_x : sympy.Expr or None
        The boundary as ``y`` in terms of ``x`` (other parameters fixed).
    x_value : sympy.Expr or None
        For a boundary that does not involve ``y``: the line ``x = x_value``.

    Examples
    --------
    >>> x, y = sympy.symbols("x y", positive=True)
    >>> b = Boundary(sympy.Gt(y, x**2), x, y, y_of_x=x**2)
    >>> b.evaluate(np.array([1.0, 2.0])).tolist()
    [1.0, 4.0]
    """

    relation: Any
    x: Any
    y: Any
    y_of_x: Any = None
    x_value: Any = None

    def evaluate(self, xs: Any) -> np.ndarray:
        """``y`` on the boundary at each ``x`` (NaN where it is not real; all NaN for vertical lines)."""
        xs = np.asarray(xs, dtype=float)
        if self.y_of_x is None:
            return np.full(xs.shape, np.nan)
        f = sympy.lambdify([self.x], self.y_of_x, modules="numpy")
        with np.errstate(all="ignore"):
            ys = np.asarray(f(xs.astype(complex)), dtype=complex) * np.ones(xs.shape)
        out = ys.real.copy()
        out[np.abs(ys.imag) > 1e-9 * np.maximum(1.0, np.abs(ys.real))] = np.nan
        return out

    def __str__(self) -> str:
        if self.y_of_x is not None:
            return f"Boundary({self.y} = {self.y_of_x}, from {self.relation})"
        return f"Boundary({self.x} = {self.x_value}, from {self.relation})"

    def to_latex(self) -> str:
        """The boundary curve as an equation."""
        if self.y_of_x is not None:
            return sympy.latex(self.y) + " = " + latex_value(self.y_of_x)
        if self.x_value is not None:
            return sympy.latex(self.x) + " = " + latex_value(self.x_value)
        return latex_value(self.relation)

    def curve(self, xs: Any, y_range: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
        """Points ``(xs, ys)`` along the boundary for plotting, clipped to ``y_range``."""
        lo, hi = y_range
        if self.x_value is not None:
            ys = np.linspace(lo, hi, len(np.asarray(xs)))
            return np.full(ys.shape, float(self.x_value)), ys
        xs = np.asarray(xs, dtype=float)
        ys = self.evaluate(xs)
        ys[(ys < lo) | (ys > hi)] = np.nan
        return xs, ys


def _boundaries(conds: Sequence[Boolean], space: ParameterSpace, xs: sympy.Symbol, ys: sympy.Symbol,
                fixed_sub: Mapping) -> tuple[Boundary, ...]:
    rels: dict = {}
    for c in conds:
        if isinstance(c, Boolean):
            for r in c.atoms(Relational):
                rels.setdefault(r, None)
    out = []
    seen = set()
    for rel in rels:
        e = sympy.together((rel.lhs - rel.rhs).xreplace(fixed_sub))
        if not e.free_symbols or not e.free_symbols <= {xs, ys}:
            continue
        num = sympy.fraction(e)[0]
        var = ys if ys in num.free_symbols else xs
        if not num.is_polynomial(var):
            continue
        try:
            deg = sympy.degree(num, var)
        except sympy.PolynomialError:
            continue
        if deg < 1 or deg > _MAX_DEGREE:
            continue
        for sol in sympy.solve(num, var):
            if sol.is_real is False:
                continue
            key = (var, sympy.simplify(sol))
            if key in seen:
                continue
            seen.add(key)
            if var is ys:
                out.append(Boundary(rel, xs, ys, y_of_x=key[1]))
            elif not sol.free_symbols:
                out.append(Boundary(rel, xs, ys, x_value=key[1]))
    return tuple(out)


# --- regime map ------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class RegimeMap(Result):
    """A 2-D parameter slice classified by which equilibria (cases, stable sets) hold.

    Attributes
    ----------
    x_name, y_name : str
        The parameters on the axes.
    x, y : ndarray
        Axis values (read-only).
    grid : ndarray of int, shape ``(len(y), len(x))``
        The regime label index of each cell (row = ``y``); ``-1`` outside the space.
    labels : tuple of str
        Name of each label index: the members joined by ``" & "`` (``"none"``
        for cells where nothing holds).
    members : tuple of tuple of int
        For each label, the indices (into ``items``) of what holds there.
    items : tuple of str
        Names of the equilibria (cases, stable sets) being mapped.
    fixed : dict
        Values of the other parameters.
    boundaries : tuple of Boundary
        The regime boundaries in closed form, where sympy could solve them.
    space : ParameterSpace or None
        The space the slice is cut from.
    conditions : tuple of sympy Boolean
        The condition of each item, in the order of ``items`` (what
        :func:`govgames.figures.regime_map.regime_map_plot` states in its
        legend).
    """

    x_name: str
    y_name: str
    x: np.ndarray
    y: np.ndarray
    grid: np.ndarray
    labels: tuple
    members: tuple
    items: tuple
    fixed: dict = field(default_factory=dict)
    boundaries: tuple = ()
    space: ParameterSpace | None = None
    conditions: tuple = ()

    def __post_init__(self) -> None:
        for name in ("x", "y", "grid"):
            arr = np.array(getattr(self, name))
            arr.setflags(write=False)
            object.__setattr__(self, name, arr)
        for name in ("labels", "members", "items", "boundaries", "conditions"):
            object.__setattr__(self, name, tuple(tuple(v) if isinstance(v, list) else v
                                                 for v in getattr(self, name)))
        object.__setattr__(self, "fixed", dict(self.fixed))

    def label_at(self, x: float, y: float) -> str:
        """The label of the cell nearest to ``(x, y)`` (``"outside"`` off the space)."""
        i = int(np.argmin(np.abs(self.y - y)))
        j = int(np.argmin(np.abs(self.x - x)))
        k = int(self.grid[i, j])
        return "outside" if k < 0 else self.labels[k]

    def counts(self) -> dict[str, int]:
        """Cells per label."""
        return {lab: int(np.sum(self.grid == k)) for k, lab in enumerate(self.labels)}

    def boundary_curves(self, n: int = 200) -> list[tuple[np.ndarray, np.ndarray]]:
        """Each boundary as plot-ready arrays ``(xs, ys)`` within the map's window."""
        xs = np.linspace(float(self.x[0]), float(self.x[-1]), n)
        return [b.curve(xs, (float(self.y[0]), float(self.y[-1]))) for b in self.boundaries]

    def __repr__(self) -> str:
        return clip(f"RegimeMap({self.x_name} x {self.y_name}, {len(self.x)}x{len(self.y)} cells, "
                    f"labels={list(self.labels)}, {len(self.boundaries)} boundaries)")

    def __str__(self) -> str:
        return clip(f"RegimeMap({self.x_name} x {self.y_name}: " +
                    ", ".join(f"{lab} {n}" for lab, n in self.counts().items()) + " cells)")

    def to_latex(self) -> str:
        """A booktabs table of the regimes on the slice: label and number of cells."""
        rows = [r"\begin{tabular}{lr}", r"\toprule", r"Regime & Cells \\", r"\midrule"]
        rows += [f"{latex_value(lab)} & {n} \\\\" for lab, n in self.counts().items()]
        rows += [r"\bottomrule", r"\end{tabular}"]
        return "\n".join(rows)


def _window(space: ParameterSpace, name: str, rng: Any, func: str) -> tuple[float, float]:
    if rng is not None:
        lo, hi = (float(v) for v in rng)
        if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
            raise ParameterError(fmt_error(func, f"{name} range", "a finite (low, high) with low < high", rng))
        return lo, hi
    return space.window(name)


def _axis(space: ParameterSpace, name: str, n: int, rng: Any, func: str) -> np.ndarray:
    lo, hi = _window(space, name, rng, func)
    if rng is not None:
        return np.linspace(lo, hi, n)
    # interior points: open bounds are never hit
    return np.linspace(lo, hi, n + 2)[1:-1]


def _item_name(e: Any, k: int) -> str:
    if getattr(e, "label", ""):
        return str(e.label)
    if isinstance(e, Equilibrium):
        if e.path is not None and not e.profile:
            # extensive-form results: the path, numbered (off-path play may differ)
            return " > ".join(map(str, e.path)) + f" #{k}"
        if e.is_pure and e.strategies:
            return "(" + ", ".join(s[v.index(next(x for x in v if x == 1))] for s, v in
                                   zip(e.strategies, e.profile)) + ")"
        return f"{e.kind} #{k}"
    return str(k)


def _evaluator(result: Any, space: ParameterSpace, func: str):
    """(holds(columns) -> bool array (m, n), item names, conditions)."""
    if isinstance(result, (list, tuple)) and result and all(isinstance(e, Equilibrium) for e in result):
        result = EquilibriumSet(result, space=space)
    if isinstance(result, EquilibriumSet):
        compiled = result.compile()
        names = tuple(_item_name(e, k) for k, e in enumerate(result))
        return (lambda cols: compiled(cols)["holds"]), names, [e.condition for e in result]
    labelled = _labelled_conditions(result, space, func)
    if labelled is not None:
        names = tuple(lab for lab, _ in labelled)
        conds = [space.rebind(c) for _, c in labelled]
    else:
        regs = regimes(result)
        conds = [r.condition for r in regs]
        names = tuple(r.label or str(k) for k, r in enumerate(regs))
    fns = [sympy.lambdify(space.symbols, sympy.sympify(c).xreplace({sympy.zoo: sympy.nan}), modules="numpy")
           for c in conds]

    def holds(cols):
        args = [np.asarray(cols[n], dtype=float) for n in space.names]
        size = np.broadcast(*args).size if args else 1
        out = np.zeros((len(fns), size), dtype=bool)
        with np.errstate(all="ignore"):
            for k, f in enumerate(fns):
                out[k] = np.broadcast_to(np.asarray(f(*args), dtype=bool), (size,))
        return out
    return holds, names, conds


def regime_map(result: Any, x: str, y: str, fixed: Mapping[str, Any] | None = None, resolution: Any = 101, *,
               x_range: tuple[float, float] | None = None, y_range: tuple[float, float] | None = None,
               space: ParameterSpace | None = None) -> RegimeMap:
    """Classify a 2-D slice of the parameter space by which equilibria hold.

    Parameters
    ----------
    result : EquilibriumSet, sequence of Equilibrium, BargainingOutcome, StabilityTable, mapping or sequence
        A symbolic result (see :func:`regimes`): also a mapping ``label ->
        condition`` or the outcome regimes of a tree
        (:func:`solvers.backward_induction.outcome_regimes`, one item per
        path).
    x, y : str
        The parameters on the axes.
    fixed : mapping, optional
        Values of every other parameter.
    resolution : int or (int, int)
        Cells along ``x`` and ``y``.
    x_range, y_range : (float, float), optional
        Axis windows (endpoints included); default the parameter's domain
        (interior points) or a window of width 10 from a finite bound.
    space : ParameterSpace, optional
        Default ``result.space`` (``result.dyn.space`` for a StabilityTable).

    Returns
    -------
    RegimeMap

    Raises
    ------
    ParameterError
        For axes that are not parameters of the space, equal axes, or missing
        or unknown fixed values.

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> from solvers.nash import equilibria
    >>> s = ParameterSpace({"a": "positive", "b": "positive"})
    >>> g = NormalFormGame.from_bimatrix([[s["a"], 0], [1, 2]], [[s["b"], 0], [0, 1]], space=s)
    >>> m = regime_map(equilibria(g), "a", "b", resolution=(3, 2), x_range=(0.25, 1.75), y_range=(0.5, 2))
    >>> m.labels
    ('(s2, s2)', '(s1, s1) & (s2, s2)', '(s1, s1) & (s2, s2) & mixed #2')
    >>> m.grid.tolist()
    [[0, 1, 2], [0, 1, 2]]
    >>> [b.x_value for b in m.boundaries]
    [1]

    A mapping ``label -> condition`` is mapped as it is:

    >>> m = regime_map({"low": s["a"] < s["b"], "high": s["a"] >= s["b"]}, "a", "b", resolution=3,
    ...                x_range=(1, 3), y_range=(1, 3), space=s)
    >>> m.labels, m.grid.tolist(), m.conditions
    (('low', 'high'), [[1, 1, 1], [0, 1, 1], [0, 0, 1]], (a < b, a >= b))
    """
    func = "regime_map"
    if space is None:
        space = getattr(result, "space", None)
    if space is None:  # a StabilityTable keeps its space on the dynamics
        space = getattr(getattr(result, "dyn", None), "space", None)
    if not isinstance(space, ParameterSpace):
        raise ParameterError(fmt_error(func, "space", "a ParameterSpace (the result has none: pass space=)", space))
    for arg, nm in (("x", x), ("y", y)):
        if not isinstance(nm, str) or nm not in space:
            raise ParameterError(fmt_error(func, arg, f"a parameter among {list(space.names)}", nm))
    if x == y:
        raise ParameterError(fmt_error(func, "y", f"a parameter other than x={x!r}", y))
    fixed = dict(fixed or {})
    for k in fixed:
        if k not in space or k in (x, y):
            raise ParameterError(fmt_error(func, "fixed", f"values for parameters other than {x!r} and {y!r} "
                                           f"among {list(space.names)}", k))
    missing = [n for n in space.names if n not in fixed and n not in (x, y)]
    if missing:
        raise ParameterError(fmt_error(func, "fixed", f"values for {missing}", fixed))
    if isinstance(resolution, (int, np.integer)) and not isinstance(resolution, bool):
        nx = ny = int(resolution)
    else:
        try:
            nx, ny = (int(r) for r in resolution)
        except (TypeError, ValueError):
            raise ParameterError(fmt_error(func, "resolution", "an int or a pair of ints", resolution)) from None
    if nx < 2 or ny < 2:
        raise ParameterError(fmt_error(func, "resolution", "at least 2 cells per axis", resolution))
    xs = _axis(space, x, nx, x_range, func)
    ys = _axis(space, y, ny, y_range, func)
    X, Y = np.meshgrid(xs, ys)  # rows follow y
    cols = {n: np.full(X.size, float(fixed[n])) for n in fixed}
    cols[x], cols[y] = X.ravel(), Y.ravel()
    cols = {n: cols[n] for n in space.names}
    inside = space.mask(cols)
    holds, items, conds = _evaluator(result, space, func)
    h = np.asarray(holds(cols), dtype=bool).reshape(len(items), -1)
    patterns, inverse = np.unique(h.T, axis=0, return_inverse=True)
    inverse = np.asarray(inverse).ravel()
    # stable label order: fewer members first, then by membership
    order = sorted(range(len(patterns)), key=lambda k: (int(patterns[k].sum()), tuple(~patterns[k])))
    used = [k for k in order if np.any(inside & (inverse == k))]
    rank = {k: i for i, k in enumerate(used)}
    grid = np.array([rank.get(int(k), -1) for k in inverse], dtype=np.int64)
    grid[~inside] = -1
    grid = grid.reshape(X.shape)
    members = tuple(tuple(int(i) for i in np.nonzero(patterns[k])[0]) for k in used)
    labels = tuple(" & ".join(items[i] for i in m) if m else "none" for m in members)
    fixed_sub = {space.symbol(n): sympy.nsimplify(v) if isinstance(v, float) else sympy.sympify(v)
                 for n, v in fixed.items()}
    bounds = _boundaries(conds, space, space.symbol(x), space.symbol(y), fixed_sub)
    for arr in (xs, ys, grid):
        arr.setflags(write=False)
    return RegimeMap(x, y, xs, ys, grid, labels, members, items, fixed, bounds, space, tuple(conds))
