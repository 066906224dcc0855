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

from typing import Any, Mapping

import sympy
from sympy.logic.boolalg import Boolean

from games.errors import ParameterError, fmt_error
from games.parameters import Parameter, ParameterSpace
from games import conditions as _cond
from solvers.equilibrium import Equilibrium, EquilibriumSet
from solvers.statics_signs import (NotDifferentiable, check_differentiable, derivative_sign, resolve_kinks,
                                   simplify_derivative)
from solvers.statics_table import StaticsRow, StaticsTable

__all__ = ["StaticsRow", "StaticsTable", "NotDifferentiable", "comparative_statics", "implicit_statics"]


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

def comparative_statics(target: Any, wrt: Any = None, *, space: ParameterSpace | None = None,
                        time_limit: float | None = None) -> StaticsTable:
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
    time_limit : float, optional
        Seconds; the call returns or raises within it, also when the time goes
        inside sympy or z3 (it then runs in a worker process).

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
    UnsupportedGame
        When the computation runs past ``time_limit``.

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
    if time_limit is not None:
        from solvers.limits import run_limited

        return run_limited(comparative_statics, target, wrt, space=space, time_limit=time_limit,
                           name="comparative_statics()",
                           advice="fewer parameters in wrt, or the derivatives at a point: substitute it first")
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
        e = resolve_kinks(e, sub)
        for nm in names:
            sym = space.symbol(nm)
            check_differentiable(e, sym, qname, func)
            d = simplify_derivative(sympy.diff(e, sym))
            sgn, est, method, wit, n = derivative_sign(d, sub)
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
        check_differentiable(resolve_kinks(f, full), full.symbol(n), str(f), func)
    Jx = Fm.jacobian(X)
    det = simplify_derivative(Jx.det())
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
            d = simplify_derivative(dx[i])
            sgn, est, method, wit, n = derivative_sign(d, sub)
            rows.append(StaticsRow(xn, nm, X[i], d, sgn, est, method, wit, n, cond))
    return StaticsTable(rows, full)
