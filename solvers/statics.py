"""Comparative statics: derivatives of equilibrium quantities and their signs, with proofs.

For every (quantity, parameter) pair :func:`comparative_statics` gives the
derivative, simplified, and its sign on the parameter space: ``+``, ``-``,
``0``, or ``ambiguous`` with a witness point for each sign found. A sign is
*proved* from the symbols' assumptions, factor by factor (each factor's
sign decided exactly, e.g. ``log(c/b) < 0`` because ``c < b``), or by z3,
which decides polynomial and rational sign claims exactly; otherwise it is
*sampled*, and the row says how many points were drawn without finding a
counterexample.

:func:`implicit_statics` handles equilibria defined implicitly by
first-order conditions ``F(x, theta) = 0`` through the implicit function
theorem.

Targets may be expressions or result objects. Any object can take part by
defining ``to_statics_targets()``, returning a mapping from a quantity name
to an expression, or to a pair ``(expression, condition)`` where the
condition (a sympy Boolean) restricts the space on which the sign is
decided.

References
----------
.. [1] P. A. Samuelson (1947), *Foundations of Economic Analysis*, Harvard
   University Press, ch. 3 (the comparative statics method).
.. [2] A. Mas-Colell, M. D. Whinston and J. R. Green (1995), *Microeconomic
   Theory*, Oxford University Press, sec. M.E (the implicit function theorem).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Mapping, Sequence

import sympy
from sympy.logic.boolalg import Boolean

from games.errors import GameError, ParameterError, fmt_error
from games.formatting import latex_escape, latex_header
from games.parameters import Parameter, ParameterSpace
from games import conditions as _cond
from solvers.equilibrium import Equilibrium, EquilibriumSet
from solvers.results import Result, clip, listing

__all__ = ["StaticsRow", "StaticsTable", "NotDifferentiable", "comparative_statics", "implicit_statics"]

#: Functions with kinks or jumps: a target containing one of them in the
#: parameter (that the space does not resolve) is not differentiable there.
_KINKS = (sympy.Abs, sympy.Max, sympy.Min, sympy.Piecewise, sympy.sign, sympy.Heaviside,
          sympy.floor, sympy.ceiling, sympy.Mod, sympy.DiracDelta)

#: Largest expression (in sympy operations) that is passed to ``sympy.simplify``.
_SIMPLIFY_OPS = 400

_SIGN_WORDS = {"+": "increasing", "-": "decreasing", "0": "constant", "nonnegative": "weakly increasing",
               "nonpositive": "weakly decreasing", "ambiguous": "ambiguous", "unknown": "unknown"}


class NotDifferentiable(GameError, ValueError):
    """A target with a kink or jump (Abs, Max, Piecewise, ...) in the parameter on the space."""


@dataclass(frozen=True, eq=False)
class StaticsRow(Result):
    """The comparative static of one quantity with respect to one parameter.

    Attributes
    ----------
    quantity : str
        The quantity's name (``"inspectee.violate"``, ``"share.player 1"``, ...).
    parameter : str
    expression : sympy.Expr
        The quantity.
    derivative : sympy.Expr
        Its derivative in the parameter, simplified.
    sign : {"+", "-", "0", "nonnegative", "nonpositive", "ambiguous", "unknown"}
        The sign of the derivative on the space (restricted by ``condition``).
    established : {"proved", "sampled"}
        Whether the sign is a proof or only a sample without counterexample.
    method : {"assumptions", "factors", "z3", "sampled"}
        How the sign was established.
    witnesses : dict
        Sign -> a parameter point (name -> value) where the derivative has
        that sign; for ``ambiguous`` rows there is one for each sign found.
    n_samples : int
        Points drawn when ``established == "sampled"``.
    condition : sympy Boolean
        Where the quantity is defined (an equilibrium's condition); the sign
        is decided on the space restricted to it.
    """

    quantity: str
    parameter: str
    expression: Any
    derivative: Any
    sign: str
    established: str
    method: str
    witnesses: dict = field(default_factory=dict)
    n_samples: int = 0
    condition: Any = sympy.true

    @property
    def proved(self) -> bool:
        """Whether the sign is proved (not sampled)."""
        return self.established == "proved"

    def __str__(self) -> str:
        how = self.established if self.proved else f"sampled, {self.n_samples} points"
        return clip(f"d[{self.quantity}]/d{self.parameter} = {self.derivative}  ({self.sign}; {how})", 1000)

    def __repr__(self) -> str:
        return f"StaticsRow({self})"

    def to_latex(self) -> str:
        """The derivative and its sign as LaTeX."""
        how = f"proved ({self.method})" if self.proved else f"sampled ({self.n_samples} points)"
        out = (r"\frac{\partial}{\partial " + sympy.latex(sympy.Symbol(self.parameter)) + "} " +
               _tex_text(self.quantity) + " = " + sympy.latex(self.derivative) +
               r" \quad " + _tex_text(f"{self.sign}, {how}"))
        if self.condition is not sympy.true:
            out += r" \quad \text{if } " + sympy.latex(self.condition)
        return out


class StaticsTable(Result, Sequence):
    """The rows of a comparative-statics analysis; an immutable sequence of :class:`StaticsRow`.

    Examples
    --------
    >>> s = ParameterSpace({"d1": "(0, 1)", "d2": "(0, 1)"})
    >>> t = comparative_statics((1 - s["d2"]) / (1 - s["d1"] * s["d2"]), space=s)
    >>> [(r.parameter, r.sign, r.established) for r in t]
    [('d1', '+', 'proved'), ('d2', '-', 'proved')]
    >>> t.sign("d2")
    '-'
    """

    def __init__(self, rows: Iterable[StaticsRow], space: ParameterSpace) -> None:
        self._rows = tuple(rows)
        self._space = space

    @property
    def rows(self) -> tuple[StaticsRow, ...]:
        return self._rows

    @property
    def space(self) -> ParameterSpace:
        return self._space

    @property
    def quantities(self) -> tuple[str, ...]:
        """The quantities, in order of first appearance."""
        return tuple(dict.fromkeys(r.quantity for r in self._rows))

    @property
    def parameters(self) -> tuple[str, ...]:
        """The parameters, in order of first appearance."""
        return tuple(dict.fromkeys(r.parameter for r in self._rows))

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, i):
        return self._rows[i]

    def __iter__(self) -> Iterator[StaticsRow]:
        return iter(self._rows)

    def row(self, parameter: str, quantity: str | None = None) -> StaticsRow:
        """The row for ``parameter`` (and ``quantity``, needed when there are several).

        Raises
        ------
        KeyError
            When there is no such row, or several and no quantity was given.
        """
        name = parameter.name if isinstance(parameter, sympy.Symbol) else parameter
        found = [r for r in self._rows if r.parameter == name and (quantity is None or r.quantity == quantity)]
        if len(found) != 1:
            what = f"quantity {quantity!r} and " if quantity is not None else ""
            raise KeyError(f"StaticsTable.row(): no unique row for {what}parameter {name!r} "
                           f"(quantities: {list(self.quantities)})")
        return found[0]

    def sign(self, parameter: str, quantity: str | None = None) -> str:
        """The sign of the row for ``parameter`` (and ``quantity``)."""
        return self.row(parameter, quantity).sign

    #: Rows listed by ``repr``/``str`` before "... and k more".
    SHOWN = 20

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StaticsTable) and self._rows == other._rows and self._space == other._space

    def __hash__(self) -> int:
        return hash(("StaticsTable", self._rows, self._space))

    def _hashable_content(self) -> tuple:
        return (self._rows, self._space)

    def __repr__(self) -> str:
        return listing(f"StaticsTable({len(self)} rows)", [str(r) for r in self._rows], shown=self.SHOWN)

    def __str__(self) -> str:
        return repr(self)

    def to_latex(self, *, header: bool = True) -> str:
        r"""A booktabs table: quantity, parameter, derivative, sign and how it was established.

        Parameters
        ----------
        header : bool
            Start with a LaTeX comment naming the packages the table needs
            (:func:`games.formatting.latex_header`).

        Returns
        -------
        str
            Every text cell (quantity names, methods) is escaped with
            :func:`games.formatting.latex_escape`.

        Examples
        --------
        >>> s = ParameterSpace({"a": "positive"})
        >>> print(comparative_statics(s["a"]**2, space=s).to_latex())
        % requires \usepackage{booktabs} and \usepackage{amsmath}
        \begin{tabular}{lllll}
        \toprule
        Quantity & Parameter & Derivative & Sign & Established \\
        \midrule
        $a^{2}$ & $a$ & $2 a$ & $+$ & proved (assumptions) \\
        \bottomrule
        \end{tabular}
        """
        out = [latex_header()] if header else []
        out += [r"\begin{tabular}{lllll}", r"\toprule",
                r"Quantity & Parameter & Derivative & Sign & Established \\", r"\midrule"]
        for r in self._rows:
            q = r.quantity
            qtex = f"${self._space.latex(r.expression)}$" if q == str(r.expression) else _tex_text(q)
            ptex = "$" + self._space.latex(self._space.symbol(r.parameter)) if r.parameter in self._space \
                else "$" + sympy.latex(sympy.Symbol(r.parameter))
            how = latex_escape(f"proved ({r.method})" if r.proved else f"sampled ({r.n_samples} points)")
            sgn = {"+": "$+$", "-": "$-$", "0": "$0$", "nonnegative": r"$\geq 0$",
                   "nonpositive": r"$\leq 0$"}.get(r.sign, latex_escape(r.sign))
            out.append(f"{qtex} & {ptex}$ & ${self._space.latex(r.derivative)}$ & {sgn} & {how} \\\\")
        out += [r"\bottomrule", r"\end{tabular}"]
        return "\n".join(out)

    def _repr_latex_(self) -> str:
        return self.to_latex(header=False)

    def to_dict(self) -> dict:
        """A JSON-ready dictionary; :meth:`from_dict` rebuilds an equal table.

        Examples
        --------
        >>> s = ParameterSpace({"a": "positive"})
        >>> t = comparative_statics(s["a"]**2, space=s)
        >>> StaticsTable.from_dict(t.to_dict()) == t
        True
        """
        return {"type": "StaticsTable", "space": self._space.to_dict(), "rows": [r.to_dict() for r in self._rows]}

    @classmethod
    def from_dict(cls, d: Mapping) -> "StaticsTable":
        """Rebuild from :meth:`to_dict` output."""
        if not isinstance(d, Mapping) or d.get("type") != "StaticsTable":
            raise ParameterError(fmt_error("StaticsTable.from_dict", "d", "a dict from StaticsTable.to_dict", d))
        return cls([StaticsRow.from_dict(r) for r in d["rows"]], ParameterSpace.from_dict(d["space"]))


def _tex_text(s: str) -> str:
    return r"\text{" + latex_escape(s) + "}"


# --- targets ---------------------------------------------------------------------------------

def _space_of(target: Any, space: ParameterSpace | None, func: str) -> ParameterSpace:
    if space is not None:
        if not isinstance(space, ParameterSpace):
            raise ParameterError(fmt_error(func, "space", "a ParameterSpace", space))
        return space
    own = getattr(target, "space", None)
    if isinstance(own, ParameterSpace):
        return own
    syms: set = set()
    for _, e, c in _targets(target, None, func):
        syms |= getattr(e, "free_symbols", set()) | getattr(c, "free_symbols", set())
    return ParameterSpace.from_symbols(syms)


def _equilibrium_targets(eq: Equilibrium, prefix: str = "") -> list:
    out = []
    for i, sigma in enumerate(eq.profile):
        pl = eq.players[i] if i < len(eq.players) else f"player {i + 1}"
        strats = eq.strategies[i] if i < len(eq.strategies) else tuple(str(j) for j in range(len(sigma)))
        for j, x in enumerate(sigma):
            out.append((f"{prefix}{pl}.{strats[j]}", x, eq.condition))
    for i, u in enumerate(eq.payoffs):
        pl = eq.players[i] if i < len(eq.players) else f"player {i + 1}"
        out.append((f"{prefix}payoff.{pl}", u, eq.condition))
    return out


def _targets(target: Any, space: ParameterSpace | None, func: str) -> list[tuple[str, Any, Any]]:
    """(name, expression, condition) triples of a target (constants included)."""
    if hasattr(target, "to_statics_targets"):
        out = []
        for name, v in dict(target.to_statics_targets()).items():
            e, c = v if isinstance(v, tuple) and len(v) == 2 else (v, sympy.true)
            out.append((str(name), e, c))
        return out
    if isinstance(target, Equilibrium):
        return _equilibrium_targets(target)
    if isinstance(target, EquilibriumSet):
        out = []
        for k, e in enumerate(target):
            out += _equilibrium_targets(e, prefix=f"eq{k}." if len(target) > 1 else "")
        return out
    cases = getattr(target, "cases", None)
    if cases is not None and all(hasattr(c, "shares") for c in cases):
        # a BargainingOutcome: the shares (and payoffs, where they differ) of each case
        players = getattr(target, "players", ()) or tuple(f"player {i + 1}" for i in range(len(cases[0].shares)))
        out = []
        for k, c in enumerate(cases):
            pre = f"{c.label or k}: " if len(cases) > 1 else ""
            cond = c.condition if isinstance(c.condition, Boolean) else sympy.sympify(bool(c.condition))
            for pl, x in zip(players, c.shares):
                out.append((f"{pre}share.{pl}", x, cond))
            pays = getattr(c, "payoffs", None) or ()
            for pl, x, s in zip(players, pays, c.shares):
                if sympy.simplify(sympy.sympify(x) - sympy.sympify(s)) != 0:
                    out.append((f"{pre}payoff.{pl}", x, cond))
        return out
    rows = getattr(target, "rows", None)
    if rows is not None and all(hasattr(r, "point") for r in rows):
        # a StabilityTable: each rest point's coordinates, where the point exists
        out = []
        names = tuple(getattr(v, "name", str(v)) for v in getattr(getattr(target, "dyn", None), "state", ()))
        for r in rows:
            out += _rest_point_targets(r.point, names)
        return out
    if hasattr(target, "point") and hasattr(target.point, "coordinates"):
        return _rest_point_targets(target.point)
    if hasattr(target, "coordinates") and hasattr(target, "condition"):
        return _rest_point_targets(target)
    if isinstance(target, Mapping):
        out = []
        for name, v in target.items():
            e, c = v if isinstance(v, tuple) and len(v) == 2 else (v, sympy.true)
            out.append((str(name), e, c))
        return out
    if isinstance(target, (str, sympy.Basic, int, float)):
        e = space.sympify(target, func=func, arg="target") if space is not None and isinstance(target, str) \
            else sympy.sympify(target)
        if isinstance(e, Boolean):
            raise TypeError(fmt_error(func, "target", "an expression or a result object, not a condition", target))
        return [(str(e), e, sympy.true)]
    if isinstance(target, (list, tuple)):
        out = []
        for t in target:
            out += _targets(t, space, func)
        return out
    raise TypeError(fmt_error(func, "target", "an expression, an Equilibrium, an EquilibriumSet, a "
                              "BargainingOutcome, a StabilityTable, a mapping name -> expression, or an "
                              "object with to_statics_targets()", target))


def _rest_point_targets(p: Any, names: tuple = ()) -> list:
    """One target per coordinate, named ``label.state`` when the state names are known, else ``label[i]``."""
    label = getattr(p, "label", "") or "point"
    if not getattr(p, "isolated", True):
        return []
    if len(names) == len(p.coordinates):
        return [(f"{label}.{names[i]}", x, p.condition) for i, x in enumerate(p.coordinates)]
    return [(f"{label}[{i}]", x, p.condition) for i, x in enumerate(p.coordinates)]


def _wrt_names(wrt: Any, space: ParameterSpace, func: str) -> tuple[str, ...]:
    if wrt is None:
        return space.names
    items = [wrt] if isinstance(wrt, (str, sympy.Symbol)) else list(wrt)
    names = []
    for w in items:
        nm = w.name if isinstance(w, sympy.Symbol) else w
        if not isinstance(nm, str) or nm not in space:
            raise ParameterError(fmt_error(func, "wrt", f"parameters among {list(space.names)}", w))
        names.append(nm)
    return tuple(dict.fromkeys(names))


def _check_space(space: ParameterSpace, func: str) -> None:
    if space.constraints and _cond.is_satisfiable(sympy.And(*space.constraints), space) is False:
        raise ParameterError(fmt_error(func, "space", "a space whose constraints can hold together",
                                       [str(c) for c in space.constraints]))


# --- kinks -----------------------------------------------------------------------------------

def _smooth(expr: sympy.Expr, space: ParameterSpace) -> sympy.Expr:
    """Replace Abs/Max/Min/Piecewise by one branch where the space decides which one holds."""
    for _ in range(6):
        repl = {}
        for a in expr.atoms(sympy.Abs):
            s = _cond.sign(a.args[0], space)
            if s.proved and s.sign in ("+", "nonnegative", "0"):
                repl[a] = a.args[0]
            elif s.proved and s.sign in ("-", "nonpositive"):
                repl[a] = -a.args[0]
        for a in expr.atoms(sympy.Max, sympy.Min):
            best = a.args[0]
            ok = True
            for b in a.args[1:]:
                rel = _cond.compare(best, b, space)
                if rel is None:
                    ok = False
                    break
                bigger = rel in (">", ">=", "=")
                best = best if bigger == isinstance(a, sympy.Max) or rel == "=" else b
            if ok:
                repl[a] = best
        for a in expr.atoms(sympy.Piecewise):
            for e, c in a.args:
                if c is sympy.true or _cond.is_valid(c, space) is True:
                    repl[a] = e
                    break
                if _cond.is_satisfiable(c, space) is not False:
                    break
        if not repl:
            return expr
        expr = expr.xreplace(repl)
    return expr


def _check_smooth(expr: sympy.Expr, sym: sympy.Symbol, quantity: str, func: str) -> None:
    bad = [a for a in expr.atoms(*_KINKS) if sym in a.free_symbols]
    if bad:
        raise NotDifferentiable(
            f"{func}(): target must be differentiable in {sym.name} on the space; got {quantity} with the "
            f"kink {bad[0]} (restrict the space to one side of it, e.g. space.restrict(...))")


# --- signs -----------------------------------------------------------------------------------

def _simplify(e: sympy.Expr) -> sympy.Expr:
    e = sympy.sympify(e)
    if e.is_number:
        return sympy.nsimplify(e) if isinstance(e, sympy.Float) and e == 0 else e
    try:
        if sympy.count_ops(e) <= _SIMPLIFY_OPS:
            # simplify() alone can leave an unexpanded numerator: keep the shortest form
            candidates = [sympy.simplify(sympy.factor_terms(sympy.together(e))), sympy.factor(e)]
            return min(candidates, key=sympy.count_ops)
        return sympy.together(e)
    except (sympy.PolynomialError, TypeError, NotImplementedError):
        return e


def _proved_sign(e: sympy.Expr, space: ParameterSpace) -> str | None:
    """'+', '-', '0', 'nonnegative', 'nonpositive' when provable, else None."""
    r = _cond.sign(e, space)
    if r.proved and r.sign in ("+", "-", "0", "nonnegative", "nonpositive"):
        return r.sign
    return None


def _factor_sign(e: sympy.Expr, space: ParameterSpace, depth: int = 0) -> str | None:
    """Prove the sign of ``e`` factor by factor (logs, exponentials and real powers included)."""
    if depth > 4:
        return None
    if e.is_number:
        if e.is_zero:
            return "0"
        return "+" if e.is_positive else ("-" if e.is_negative else None)
    if isinstance(e, sympy.exp):
        return "+"
    if isinstance(e, sympy.log):
        # log(u) has the sign of u - 1 (u > 0 where the log is real)
        u = e.args[0]
        if _factor_sign(u, space, depth + 1) != "+":
            return None
        return _factor_sign(sympy.together(u - 1), space, depth + 1)
    if isinstance(e, sympy.Pow):
        b, x = e.args
        sb = _factor_sign(b, space, depth + 1)
        if x.is_integer and x.is_even:
            if sb in ("+", "-"):
                return "+"
            return "nonnegative" if x.is_positive else None
        if x.is_integer and x.is_odd:
            if sb == "0" and x.is_negative:
                return None
            return sb
        if sb == "+":
            return "+"
        return None
    s = _proved_sign(e, space)
    if s is not None:
        return s
    if isinstance(e, sympy.Add) and e.has(sympy.log):
        # log(b) - log(c) -> log(b/c) (valid for positive arguments only; logcombine checks)
        lc = sympy.logcombine(e, force=False)
        if lc != e:
            return _factor_sign(lc, space, depth + 1)
        return None
    if isinstance(e, sympy.Mul) or depth == 0:
        try:
            fac = sympy.factor(sympy.logcombine(sympy.together(e), force=False))
        except (sympy.PolynomialError, TypeError, NotImplementedError):
            return None
        parts = sympy.Mul.make_args(fac)
        if len(parts) == 1 and depth > 0:
            return None
        total, weak = 1, False
        for f in parts:
            s = _factor_sign(f, space, depth + 1) if len(parts) > 1 else None
            if s is None:
                return None
            if s == "0":
                return "0"
            if s in ("nonnegative", "nonpositive"):
                weak = True
            total *= 1 if s in ("+", "nonnegative") else -1
        if weak:
            return "nonnegative" if total > 0 else "nonpositive"
        return "+" if total > 0 else "-"
    return None


def _sign_row(d: sympy.Expr, space: ParameterSpace) -> tuple[str, str, str, dict, int]:
    """(sign, established, method, witnesses, n_samples) of a derivative on the space."""
    r = _cond.sign(d, space)
    if r.proved:
        method = "assumptions" if r.method == "assumptions" else "z3"
        return r.sign, "proved", method, dict(r.witnesses), 0
    fs = _factor_sign(d, space)
    if fs is not None:
        return fs, "proved", "factors", dict(r.witnesses), 0
    return r.sign, "sampled", "sampled", dict(r.witnesses), r.n_samples


def _restricted(space: ParameterSpace, cond: Any, func: str) -> tuple[ParameterSpace | None, Any]:
    """(the space restricted by ``cond``, cond); (None, cond) when ``cond`` holds nowhere on it."""
    if cond is sympy.true or cond is True:
        return space, sympy.true
    if cond is sympy.false or cond is False:
        return None, sympy.false
    cond = space.sympify(cond, func=func, arg="condition")
    if _cond.is_satisfiable(cond, space) is False:
        return None, cond
    if _cond.is_valid(cond, space) is True:
        return space, sympy.true
    return space.restrict(cond), cond


# --- public ------------------------------------------------------------------------------------

def comparative_statics(target: Any, wrt: Any = None, *, space: ParameterSpace | None = None) -> StaticsTable:
    """Derivatives of a target in the parameters and their signs on the space.

    Parameters
    ----------
    target : expression, str, result object or mapping
        An expression (or a string in the space's parameters); an
        :class:`~solvers.equilibrium.Equilibrium` (each player's strategy
        probabilities and payoffs; constants are skipped; the equilibrium's
        condition restricts the space); an ``EquilibriumSet`` (each
        equilibrium, quantities prefixed ``eq<k>.``); a ``BargainingOutcome``
        (each case's shares, and payoffs where they differ from the shares,
        under the case's condition); a ``StabilityTable`` (each isolated rest
        point's coordinates under its existence condition); a mapping
        ``name -> expression`` or ``name -> (expression, condition)``; or any
        object with a ``to_statics_targets()`` method returning such a mapping.
    wrt : str, Symbol or sequence, optional
        The parameters; default all the space's parameters.
    space : ParameterSpace, optional
        Where the signs are decided; default the target's ``space``, else a
        space read off the symbols' assumptions.

    Returns
    -------
    StaticsTable
        One row per (quantity, parameter).

    Raises
    ------
    ParameterError
        For a parameter in ``wrt`` that is not in the space, or a space whose
        constraints cannot hold together.
    NotDifferentiable
        When a quantity has a kink in a parameter (``Abs``, ``Max``,
        ``Piecewise``, ...) that the space does not resolve to one side.

    Examples
    --------
    Tsebelis' inspection game: the violation rate does not depend on the
    fine; the inspection rate falls with it.

    >>> from games.parameters import ParameterSpace
    >>> s = ParameterSpace({"g": "positive", "f": "positive", "k": "positive", "v": "positive"},
    ...                    ["k < v"])
    >>> t = comparative_statics({"violation": s["k"] / s["v"], "inspection": s["g"] / (s["g"] + s["f"])},
    ...                         wrt="f", space=s)
    >>> [(r.quantity, r.derivative, r.sign, r.established) for r in t]
    [('violation', 0, '0', 'proved'), ('inspection', -g/(f + g)**2, '-', 'proved')]

    An ambiguous sign, with a witness point for each sign:

    >>> t = comparative_statics("a*(b - 1)", wrt="a", space=ParameterSpace({"a": "real", "b": "(0, 2)"}))
    >>> t[0].sign, sorted(t[0].witnesses)
    ('ambiguous', ['+', '-'])
    """
    func = "comparative_statics"
    space = _space_of(target, space, func)
    _check_space(space, func)
    names = _wrt_names(wrt, space, func)
    rows = []
    for qname, expr, cond in _targets(target, space, func):
        e = space.sympify(expr, func=func, arg=f"target[{qname!r}]") if not isinstance(expr, float) \
            else sympy.Float(expr)
        if not getattr(e, "free_symbols", None):
            continue  # a constant quantity has no statics
        sub, cond = _restricted(space, cond, func)
        if sub is None:
            continue  # the quantity exists nowhere on the space
        e = _smooth(e, sub)
        for nm in names:
            sym = space.symbol(nm)
            _check_smooth(e, sym, qname, func)
            d = _simplify(sympy.diff(e, sym))
            sgn, est, method, wit, n = _sign_row(d, sub)
            rows.append(StaticsRow(qname, nm, e, d, sgn, est, method, wit, n, cond))
    return StaticsTable(rows, space)


def _as_equations(F: Any, space: ParameterSpace, func: str) -> list:
    items = list(F) if isinstance(F, (list, tuple, sympy.MatrixBase)) else [F]
    out = []
    for f in items:
        if isinstance(f, str):
            f = sympy.sympify(f)
        if isinstance(f, sympy.Equality):
            f = f.lhs - f.rhs
        if not isinstance(f, sympy.Expr):
            raise TypeError(fmt_error(func, "F", "expressions (= 0) or sympy equations", f))
        out.append(f)
    return out


def implicit_statics(F: Any, x: Any, wrt: Any = None, space: ParameterSpace | None = None) -> StaticsTable:
    """Comparative statics of implicitly defined equilibria, by the implicit function theorem.

    For one equation ``F(x, theta) = 0``, ``dx/dtheta = -F_theta / F_x``; for a
    system ``F(x, theta) = 0`` with ``x`` a vector,
    ``dx/dtheta = -J_x^{-1} J_theta`` where ``J_x`` and ``J_theta`` are the
    Jacobians of ``F`` in ``x`` and in the parameters.

    Parameters
    ----------
    F : expression, equation, or sequence of them
        The first-order (equilibrium) conditions, each ``expr = 0`` or a
        ``sympy.Eq``. Strings are parsed with the space's symbols.
    x : str, Symbol or sequence
        The endogenous variables, one per equation.
    wrt : str, Symbol or sequence, optional
        Parameters; default all the space's parameters that are not in ``x``.
    space : ParameterSpace
        The parameters. Variables in ``x`` may be declared in it too (with
        their domain, e.g. an effort level ``"positive"``): signs are then
        proved for every value of ``x`` in that domain, which covers the
        equilibrium value. Variables not declared are taken to be real.

    Returns
    -------
    StaticsTable
        Rows ``(x_i, theta)``; each row's ``condition`` is ``det J_x != 0``
        unless that is proved on the space.

    Raises
    ------
    NotDifferentiable
        When ``J_x`` is singular everywhere (the theorem does not apply).

    Examples
    --------
    A contest: effort ``e`` solves ``v/(e + 1)**2 = c`` (marginal benefit = marginal cost).

    >>> s = ParameterSpace({"e": "positive", "v": "positive", "c": "positive"})
    >>> t = implicit_statics("v/(e + 1)**2 - c", "e", space=s)
    >>> [(r.parameter, r.derivative, r.sign) for r in t]
    [('v', (e + 1)/(2*v), '+'), ('c', -(e + 1)**3/(2*v), '-')]
    """
    func = "implicit_statics"
    if space is None:
        raise ParameterError(fmt_error(func, "space", "a ParameterSpace", space))
    if not isinstance(space, ParameterSpace):
        raise ParameterError(fmt_error(func, "space", "a ParameterSpace", space))
    xs_in = [x] if isinstance(x, (str, sympy.Symbol)) else list(x)
    xnames = [v.name if isinstance(v, sympy.Symbol) else v for v in xs_in]
    if not all(isinstance(n, str) for n in xnames) or len(set(xnames)) != len(xnames):
        raise ParameterError(fmt_error(func, "x", "distinct variable names or symbols", x))
    extra = [Parameter(n, "real") for n in xnames if n not in space]
    full = ParameterSpace(tuple(space.parameters) + tuple(extra), space.constraints) if extra else space
    _check_space(full, func)
    eqs = [full.sympify(f, func=func, arg="F") for f in _as_equations(F, full, func)]
    if len(eqs) != len(xnames):
        raise ParameterError(fmt_error(func, "x", f"{len(eqs)} variables (one per equation)", xnames))
    X = [full.symbol(n) for n in xnames]
    if wrt is None:
        names = tuple(n for n in space.names if n not in xnames)
    else:
        names = _wrt_names(wrt, space, func)
        bad = [n for n in names if n in xnames]
        if bad:
            raise ParameterError(fmt_error(func, "wrt", "parameters, not the endogenous variables", bad))
    Fm = sympy.Matrix(eqs)
    for f, n in ((f, n) for f in eqs for n in list(xnames) + list(names)):
        _check_smooth(_smooth(f, full), full.symbol(n), str(f), func)
    Jx = Fm.jacobian(X)
    det = _simplify(Jx.det())
    if det == 0:
        raise NotDifferentiable(fmt_error(func, "F", "equations with a nonsingular Jacobian in x", str(Jx)))
    nonsing = sympy.Ne(det, 0)
    cond = _cond.simplify_condition(nonsing, full)
    if cond is sympy.false:
        raise NotDifferentiable(fmt_error(func, "F", "equations with a Jacobian in x nonsingular somewhere",
                                          str(Jx)))
    sub = full if cond is sympy.true else full.restrict(cond)
    rows = []
    Jinv = Jx.inv() if len(X) > 1 else sympy.Matrix([[1 / Jx[0, 0]]])
    for nm in names:
        th = full.symbol(nm)
        dx = -Jinv * Fm.diff(th)
        for i, xn in enumerate(xnames):
            d = _simplify(dx[i])
            sgn, est, method, wit, n = _sign_row(d, sub)
            rows.append(StaticsRow(xn, nm, X[i], d, sgn, est, method, wit, n, cond))
    return StaticsTable(rows, full)
