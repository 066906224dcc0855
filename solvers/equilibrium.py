"""Result types of the equilibrium solvers: :class:`Equilibrium` and :class:`EquilibriumSet`.

Every equilibrium carries its certificate: :meth:`Equilibrium.regret` gives
each player's best gain from deviating (exactly 0 on exact games), and
solvers call :meth:`Equilibrium.verify` before returning anything.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any, Iterator, Mapping, Sequence

import numpy as np
import sympy
from sympy.logic.boolalg import Boolean

from games.errors import GameError, GovgamesWarning, ParameterError, fmt_error
from games.parameters import ParameterSpace, eval_srepr
from games.values import to_value

from games import conditions as _cond
from solvers.results import Regime, Result, listing

__all__ = ["Equilibrium", "EquilibriumSet", "Regime", "CompiledEquilibria", "deviation_payoffs"]


def _sym(v: Any) -> Any:
    """Normalise one probability/payoff: exact stays sympy, floats stay float."""
    if isinstance(v, (float, np.floating)):
        return float(v)
    if isinstance(v, sympy.Float):
        return float(v)
    if isinstance(v, sympy.Basic):
        return v
    return to_value(v)


def _short(v: Any) -> str:
    """A number or expression for one-line printing: floats to 6 significant digits."""
    if isinstance(v, float):
        return f"{v:.6g}"
    return str(v)


def _has_symbols(v: Any) -> bool:
    return isinstance(v, sympy.Basic) and bool(v.free_symbols)


def _value_at(v: Any, sub: Mapping) -> Any:
    if isinstance(v, sympy.Basic) and v.free_symbols:
        # xreplace of a bare symbol returns the raw value (a float, say)
        r = sympy.sympify(v.xreplace(sub))
        if r.free_symbols:
            raise ParameterError(fmt_error("Equilibrium.at", "point", "values for every parameter",
                                           sorted(s.name for s in r.free_symbols)))
        if any(isinstance(x, float) for x in sub.values()) or r.has(sympy.Float):
            return float(r)
        # exact point: keep rationals and algebraic numbers exact
        return r if r.is_Rational else sympy.simplify(r)
    return v


def deviation_payoffs(game, profile: Sequence[Sequence[Any]], player: int) -> np.ndarray:
    """Player ``player``'s payoff from each pure strategy against the others' mixed strategies.

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> g = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> half = sympy.Rational(1, 2)
    >>> deviation_payoffs(g, [[half, half], [half, half]], 0).tolist()
    [0, 0]
    """
    arr = game.payoffs[..., player]
    numeric = arr.dtype == np.float64 and all(isinstance(x, float) for v in profile for x in v)
    if numeric:
        arr = np.asarray(arr, dtype=float)
    # contract the other players' axes from the last one down so indices stay valid
    for j in reversed(range(game.n_players)):
        if j == player:
            continue
        vec = np.asarray(profile[j], dtype=float if numeric else object)
        arr = np.tensordot(arr, vec, axes=([j], [0]))
    return arr


@dataclass(frozen=True, eq=False)
class Equilibrium(Result):
    """One equilibrium: a mixed (or behaviour) strategy profile with its condition.

    Attributes
    ----------
    profile : tuple of tuples
        One probability vector per player over that player's strategies
        (sympy expressions for exact or symbolic games, floats otherwise).
    payoffs : tuple
        Each player's expected payoff.
    condition : sympy Boolean
        Where in the parameter space this is an equilibrium (``True`` for
        numeric games).
    kind : str
        ``"pure"``, ``"mixed"``, ``"subgame-perfect"``, ...
    method : str
        The algorithm that found it.
    exact : bool
        Whether the numbers are exact.
    players, strategies : tuple
        Names, for printing.
    space : ParameterSpace or None
        The parameters the condition and expressions are written in.
    behavior : tuple or None
        For extensive-form results: ``((infoset, ((action, prob), ...)), ...)``.
    path : tuple or None
        For extensive-form results: the actions on the equilibrium path.
    label : str
        A short name (a regime's name, for instance).

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> g = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> half = sympy.Rational(1, 2)
    >>> eq = Equilibrium(((half, half), (half, half)), (0, 0), kind="mixed")
    >>> eq.regret(g)
    (0, 0)
    >>> eq.verify(g) is eq
    True
    """

    profile: tuple
    payoffs: tuple
    condition: Any = sympy.true
    kind: str = "mixed"
    method: str = ""
    exact: bool = True
    players: tuple = ()
    strategies: tuple = ()
    space: ParameterSpace | None = None
    behavior: tuple | None = None
    path: tuple | None = None
    label: str = ""

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "profile", tuple(tuple(_sym(x) for x in sigma) for sigma in self.profile))
        set_(self, "payoffs", tuple(_sym(x) for x in self.payoffs))
        cond = self.condition
        if isinstance(cond, bool):
            cond = sympy.true if cond else sympy.false
        if not isinstance(cond, Boolean):
            raise ParameterError(fmt_error("Equilibrium", "condition", "a sympy Boolean", cond))
        set_(self, "condition", cond)
        set_(self, "players", tuple(self.players))
        set_(self, "strategies", tuple(tuple(s) for s in self.strategies))
        if self.behavior is not None:
            beh = self.behavior.items() if isinstance(self.behavior, Mapping) else self.behavior
            norm = []
            for infoset, dist in beh:
                items = dist.items() if isinstance(dist, Mapping) else dist
                norm.append((infoset, tuple((a, _sym(p)) for a, p in items)))
            set_(self, "behavior", tuple(norm))
        if self.path is not None:
            set_(self, "path", tuple(self.path))

    # --- value semantics -----------------------------------------------------
    def _hashable_content(self) -> tuple:
        return (self.profile, self.payoffs, self.condition, self.kind, self.players, self.strategies,
                self.behavior, self.path)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Equilibrium) and self._hashable_content() == other._hashable_content()

    def __hash__(self) -> int:
        return hash(self._hashable_content())

    # --- derived -----------------------------------------------------------------
    @property
    def is_symbolic(self) -> bool:
        """Whether the profile, payoffs or condition depend on parameters."""
        return (any(_has_symbols(x) for v in self.profile for x in v) or any(_has_symbols(x) for x in self.payoffs)
                or bool(getattr(self.condition, "free_symbols", set())))

    @property
    def is_pure(self) -> bool:
        """Whether every player plays one strategy with probability 1."""
        for sigma in self.profile:
            ones = [x for x in sigma if not _has_symbols(x) and float(x) == 1.0]
            if len(ones) != 1 or any(not _has_symbols(x) and float(x) != 0.0 for x in sigma if x is not ones[0]):
                return False
            if any(_has_symbols(x) for x in sigma):
                return False
        return True

    @property
    def support(self) -> tuple[tuple[int, ...], ...]:
        """Indices of the strategies each player uses with positive probability."""
        return tuple(tuple(j for j, x in enumerate(sigma) if _has_symbols(x) or float(x) != 0.0)
                     for sigma in self.profile)

    def behavior_map(self) -> dict:
        """The behaviour strategies as ``{infoset: {action: prob}}`` (extensive-form results)."""
        return {k: dict(v) for k, v in (self.behavior or ())}

    def _space(self) -> ParameterSpace:
        if self.space is not None:
            return self.space
        syms = set(getattr(self.condition, "free_symbols", set()))
        for v in self.profile:
            for x in v:
                syms |= getattr(x, "free_symbols", set())
        return ParameterSpace.from_symbols(syms)

    def holds_at(self, point: Mapping[Any, Any]) -> bool:
        """Whether the condition holds at a numeric parameter point.

        Examples
        --------
        >>> a = sympy.Symbol("a", positive=True)
        >>> eq = Equilibrium(((1, 0), (1, 0)), (a, a), condition=a > 1)
        >>> eq.holds_at({"a": 2}), eq.holds_at({"a": 0.5})
        (True, False)
        """
        space = self._space()
        sub = space.point(point, func="Equilibrium.holds_at", partial=True)
        c = self.condition.xreplace(sub)
        if c is sympy.true or c is sympy.false:
            return c is sympy.true
        if c.free_symbols:
            raise ParameterError(fmt_error("Equilibrium.holds_at", "point", "values for every parameter",
                                           sorted(s.name for s in c.free_symbols)))
        return bool(sympy.simplify(c))

    def at(self, point: Mapping[Any, Any]) -> "Equilibrium | None":
        """The numeric equilibrium at a parameter point, or None where the condition fails.

        Examples
        --------
        >>> a = sympy.Symbol("a", positive=True)
        >>> eq = Equilibrium(((1/(1 + a), a/(1 + a)), (1, 0)), (a, 0))
        >>> eq.at({"a": 1}).profile
        ((1/2, 1/2), (1, 0))
        """
        if not self.is_symbolic:
            return self
        space = self._space()
        sub = space.point(point, func="Equilibrium.at", partial=True)
        if not self.holds_at(point):
            return None
        prof = tuple(tuple(_value_at(x, sub) for x in v) for v in self.profile)
        pay = tuple(_value_at(x, sub) for x in self.payoffs)
        beh = None
        if self.behavior is not None:
            beh = tuple((k, tuple((a, _value_at(p, sub)) for a, p in v)) for k, v in self.behavior)
        exact = all(not isinstance(x, float) for v in prof for x in v) and \
            all(not isinstance(x, float) for x in pay)
        return Equilibrium(prof, pay, sympy.true, self.kind, self.method, exact, self.players,
                           self.strategies, None, beh, self.path, self.label)

    def regret(self, game) -> tuple:
        """Each player's largest gain from a pure deviation (0 at an equilibrium).

        Symbolic games give symbolic regrets (``Max`` of deviation gains).
        """
        self._check_game(game, "regret")
        out = []
        for i in range(game.n_players):
            dev = deviation_payoffs(game, self.profile, i)
            cur = sum(p * d for p, d in zip(self.profile[i], dev))
            gains = [d - cur for d in dev]
            if all(isinstance(g, (float, np.floating)) for g in gains):
                out.append(float(max(gains)))
            elif any(_has_symbols(g) for g in gains):
                out.append(sympy.Max(*[sympy.simplify(g) for g in gains]))
            else:
                gs = [sympy.nsimplify(g) if isinstance(g, sympy.Float) else sympy.sympify(g) for g in gains]
                out.append(max(gs))
        return tuple(out)

    def _check_game(self, game, func: str) -> None:
        if len(self.profile) != game.n_players or any(len(v) != k for v, k in zip(self.profile, game.shape)):
            raise GameError(fmt_error(f"Equilibrium.{func}", "game", f"a game of shape "
                                      f"{tuple(len(v) for v in self.profile)}", game))

    def verify(self, game, tol: float = 1e-9) -> "Equilibrium":
        """Check the equilibrium against ``game``; return self or raise GameError.

        Exact games must have regret exactly 0; float games regret <= ``tol``.
        For symbolic games every deviation gain must be provably <= 0 under
        the condition (z3), or, where undecidable, at sampled points.
        """
        self._check_game(game, "verify")
        symbolic = self.is_symbolic or game.is_symbolic
        if not symbolic:
            for i, v in enumerate(self.profile):
                tot = sum(v)
                if any((float(x) < -tol) for x in v) or abs(float(tot) - 1) > max(tol, 1e-12) * 10:
                    raise GameError(f"Equilibrium.verify(): profile[{i}] is not on the simplex: {v}")
                if self.exact and not isinstance(tot, float) and sympy.sympify(tot) != 1:
                    raise GameError(f"Equilibrium.verify(): profile[{i}] does not sum to 1 exactly: {v}")
            reg = self.regret(game)
            for i, r in enumerate(reg):
                if isinstance(r, float) or not (self.exact and game.is_exact):
                    bad = float(r) > tol
                elif r.is_Rational:
                    bad = r != 0
                else:
                    # algebraic probabilities (roots): zero only once simplified
                    bad = not (sympy.simplify(r) == 0 or r.equals(0) is True)
                if bad:
                    raise GameError(f"Equilibrium.verify(): player {game.players[i]!r} gains {r} by deviating "
                                    f"from {self.profile}")
            return self
        space = game.space.merge(self.space) if self.space is not None else game.space
        cond = self.condition
        claims = []
        for i in range(game.n_players):
            sigma = self.profile[i]
            claims.append(sympy.Eq(sympy.simplify(sum(sigma) - 1), 0))
            claims.extend(sympy.Ge(x, 0) for x in sigma if _has_symbols(x))
            dev = deviation_payoffs(game, self.profile, i)
            cur = sum(p * d for p, d in zip(sigma, dev))
            claims.extend(sympy.Le(sympy.simplify(d - cur), 0) for d in dev)
        for c in claims:
            if c is sympy.true:
                continue
            if c is sympy.false:
                raise GameError(f"Equilibrium.verify(): {c} fails for {self.profile}")
            res = _cond.is_valid(sympy.Implies(cond, c), space)
            if res is False:
                d = _cond.decide(sympy.And(cond, sympy.Not(c)), space)
                raise GameError(f"Equilibrium.verify(): {c} fails under {cond} (e.g. at {d.witness_true}) "
                                f"for {self.profile}")
            if res is None:
                warnings.warn(f"Equilibrium.verify(): could not prove {c} under {cond}; "
                              "no counterexample found by sampling", GovgamesWarning, stacklevel=2)
        return self

    # --- printing ------------------------------------------------------------
    def _latex_value(self, v: Any) -> str:
        if isinstance(v, float):
            return f"{v:.6g}"
        if self.space is not None and self.space.names:
            return self.space.latex(v)
        return sympy.latex(v)

    def to_latex(self) -> str:
        r"""The profile (and condition) as LaTeX.

        Examples
        --------
        >>> a = sympy.Symbol("a", positive=True)
        >>> print(Equilibrium(((1, 0), (a/(1 + a), 1/(1 + a))), (a, 0), condition=a > 1).to_latex())
        \left(\left(1, 0\right), \left(\frac{a}{a + 1}, \frac{1}{a + 1}\right)\right) \quad \text{if } a > 1
        """
        prof = ", ".join(r"\left(" + ", ".join(self._latex_value(x) for x in v) + r"\right)"
                         for v in self.profile)
        out = r"\left(" + prof + r"\right)"
        if self.path is not None and not self.profile:
            out = r"\text{" + " → ".join(map(str, self.path)) + "}"
        if self.condition is not sympy.true:
            out += r" \quad \text{if } " + self._latex_value(self.condition)
        return out

    def _latex(self, printer: Any = None) -> str:
        """sympy's printing hook: ``sympy.latex(eq)`` gives :meth:`to_latex`."""
        return self.to_latex()

    def _repr_latex_(self) -> str:
        return "$\\displaystyle " + self.to_latex() + "$"

    def __str__(self) -> str:
        """One line naming players and strategies: ``row: U 1/2, D 1/2; col: L 1 | payoffs ... | if ...``."""
        parts = []
        if self.profile:
            for i, sigma in enumerate(self.profile):
                who = self.players[i] if i < len(self.players) else f"player {i + 1}"
                names = self.strategies[i] if i < len(self.strategies) else tuple(map(str, range(len(sigma))))
                used = [f"{names[k]} {_short(p)}" if len(sigma) > 1 and p != 1 else str(names[k])
                        for k, p in enumerate(sigma) if not (p == 0 or (isinstance(p, float) and abs(p) < 1e-12))]
                parts.append(f"{who}: " + ", ".join(used))
        elif self.path is not None:
            parts.append("path " + " -> ".join(map(str, self.path)))
        out = "; ".join(parts)
        out += " | payoffs (" + ", ".join(_short(v) for v in self.payoffs) + ")"
        if self.condition is not sympy.true:
            out += f" | if {self.condition}"
        return (f"[{self.label}] " if self.label else "") + out

    def __repr__(self) -> str:
        parts = [f"kind={self.kind!r}"]
        if self.profile:
            parts.append(f"profile={self.profile}")
        if self.path is not None:
            parts.append(f"path={self.path}")
        parts.append(f"payoffs={self.payoffs}")
        if self.condition is not sympy.true:
            parts.append(f"condition={self.condition}")
        if self.label:
            parts.insert(0, f"label={self.label!r}")
        return "Equilibrium(" + ", ".join(parts) + ")"

    def to_dict(self) -> dict:
        """A JSON-ready dictionary; :meth:`from_dict` rebuilds the equilibrium.

        Examples
        --------
        >>> eq = Equilibrium(((sympy.Rational(1, 3), sympy.Rational(2, 3)),), (0.5,))
        >>> Equilibrium.from_dict(eq.to_dict()) == eq
        True
        """
        def enc(v):
            return {"float": repr(float(v))} if isinstance(v, float) else {"sympy": sympy.srepr(v)}
        return {"type": "Equilibrium", "profile": [[enc(x) for x in v] for v in self.profile],
                "payoffs": [enc(x) for x in self.payoffs], "condition": sympy.srepr(self.condition),
                "kind": self.kind, "method": self.method, "exact": self.exact, "players": list(self.players),
                "strategies": [list(s) for s in self.strategies],
                "space": None if self.space is None else self.space.to_dict(),
                "behavior": None if self.behavior is None else
                [[k, [[a, enc(p)] for a, p in v]] for k, v in self.behavior],
                "path": None if self.path is None else list(self.path), "label": self.label}

    @classmethod
    def from_dict(cls, d: Mapping) -> "Equilibrium":
        """Rebuild from :meth:`to_dict` output."""
        space = None if d.get("space") is None else ParameterSpace.from_dict(d["space"])

        def dec(v):
            if "float" in v:
                return float(v["float"])
            e = eval_srepr(v["sympy"])
            return space.rebind(e) if space is not None else e
        cond = eval_srepr(d["condition"])
        if space is not None:
            cond = space.rebind(cond)
        beh = None if d.get("behavior") is None else tuple((k, tuple((a, dec(p)) for a, p in v))
                                                           for k, v in d["behavior"])
        return cls(tuple(tuple(dec(x) for x in v) for v in d["profile"]), tuple(dec(x) for x in d["payoffs"]),
                   cond, d["kind"], d["method"], d["exact"], tuple(d["players"]),
                   tuple(tuple(s) for s in d["strategies"]), space, beh,
                   None if d.get("path") is None else tuple(d["path"]), d.get("label", ""))


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


def _nan_for_zoo(e: Any) -> Any:
    """``e`` with complex infinity as NaN (sympy's numpy printer cannot print ``zoo``)."""
    e = sympy.sympify(e)
    return e.xreplace({sympy.zoo: sympy.nan}) if e.has(sympy.zoo) else e


class _Columns:
    """Expressions of the parameters evaluated into the rows of one ``(m, n)`` array.

    Constant rows are evaluated once; the others come from one lambdified
    numpy function (common subexpressions shared), so a call is one
    function call and one assignment per varying row.
    """

    def __init__(self, symbols: tuple, exprs: list, dtype: type) -> None:
        self.dtype = dtype
        self.m = len(exprs)
        exprs = [_nan_for_zoo(e) for e in exprs]
        self.var = [j for j, e in enumerate(exprs) if e.free_symbols]
        const = [j for j, e in enumerate(exprs) if not e.free_symbols]
        with np.errstate(all="ignore"):
            vals = sympy.lambdify((), [exprs[j] for j in const], modules="numpy")() if const else []
        self.const = np.array(const, dtype=np.intp)
        self.const_vals = np.array(vals, dtype=dtype).reshape(-1, 1)
        self.f = (sympy.lambdify(symbols, [exprs[j] for j in self.var], modules="numpy", cse=True)
                  if self.var else None)

    def __call__(self, args: list, size: int) -> np.ndarray:
        out = np.empty((self.m, size), dtype=self.dtype)
        if len(self.const):
            out[self.const] = self.const_vals
        if self.f is not None:
            for j, v in zip(self.var, self.f(*args)):
                out[j] = v
        return out


class CompiledEquilibria:
    """A vectorised evaluator of an :class:`EquilibriumSet` over parameter arrays.

    Calling it with parameter columns (``name=array``) returns a dict with
    ``"holds"`` (bool array ``(n_equilibria, n_points)``), ``"profiles"``
    (float array ``(n_equilibria, n_points, total_strategies)``) and
    ``"payoffs"`` (float array ``(n_equilibria, n_points, n_players)``).
    Columns of other shapes are broadcast together and flattened. Profiles
    and payoffs are NaN where the equilibrium does not hold, and where a
    formula has no finite value (complex infinity becomes NaN).

    Examples
    --------
    >>> a = sympy.Symbol("a", positive=True)
    >>> eqs = EquilibriumSet([Equilibrium(((1 / (1 + a), a / (1 + a)),), (a,), condition=a > 1)])
    >>> out = eqs.compile()(a=np.array([0.5, 3.0]))
    >>> out["holds"].tolist(), out["profiles"][0, 1].tolist()
    ([[False, True]], [0.25, 0.75])
    """

    def __init__(self, eqs: "EquilibriumSet") -> None:
        space = eqs.space or ParameterSpace.empty()
        self.names = space.names
        self._n = len(eqs)
        self._width = sum(len(v) for v in eqs[0].profile) if len(eqs) else 0
        self._np = len(eqs[0].payoffs) if len(eqs) else 0
        # the sympy objects alone define the function (pickling rebuilds the numpy side)
        self._exprs = (tuple(space.symbols), tuple(e.condition for e in eqs),
                       tuple(x for e in eqs for v in e.profile for x in v),
                       tuple(x for e in eqs for x in e.payoffs))
        self._build()

    def _build(self) -> None:
        syms, cond, prof, pay = self._exprs
        self._cond = _Columns(syms, list(cond), bool)
        self._prof = _Columns(syms, list(prof), float)
        self._pay = _Columns(syms, list(pay), float)

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in ("_cond", "_prof", "_pay")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._build()

    def __call__(self, columns: Mapping[str, Any] | None = None, **kwargs: Any) -> dict[str, np.ndarray]:
        cols = dict(columns, **kwargs) if columns else kwargs
        try:
            args = [np.asarray(cols[n], dtype=float) for n in self.names]
        except KeyError:
            missing = [n for n in self.names if n not in cols]
            raise ParameterError(fmt_error("CompiledEquilibria", "columns", f"arrays for {list(self.names)}",
                                           f"missing {missing}")) from None
        if not args:
            size = 1
        elif all(a.ndim == 1 for a in args) and len({a.shape[0] for a in args}) == 1:
            size = args[0].shape[0]
        else:
            args = [a.ravel() for a in np.broadcast_arrays(*args)]
            size = args[0].size
        n, w, p = self._n, self._width, self._np
        with np.errstate(all="ignore"):
            holds = self._cond(args, size)
            # rows (equilibrium, column) evaluated contiguously, returned as (equilibrium, point, column)
            prof = self._prof(args, size).reshape(n, w, size).transpose(0, 2, 1)
            pay = self._pay(args, size).reshape(n, p, size).transpose(0, 2, 1)
        out = ~holds
        if out.any():
            prof[out] = np.nan
            pay[out] = np.nan
        return {"holds": holds, "profiles": prof, "payoffs": pay}


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
                    syms |= set(e._space().symbols)
                space = ParameterSpace.from_symbols(syms)
        self._eqs = eqs
        self.game = game
        self.method = method
        self.exact = exact
        self.complete = complete
        self.degenerate = degenerate
        self.components = tuple(tuple(c) for c in components)
        self.space = space
        self._frozen = True

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
            prof = ", ".join(r"\left(" + ", ".join(e._latex_value(x) for x in v) + r"\right)"
                             for v in e.profile)
            if not e.profile and e.path is not None:
                prof = r"\text{" + " → ".join(map(str, e.path)) + "}"
            rows.append(f"{e.kind} & ${prof}$ & ${e._latex_value(e.condition)}$ \\\\")
        rows += [r"\bottomrule", r"\end{tabular}"]
        return "\n".join(rows)

    def _repr_latex_(self) -> str:
        return "$" + r" \\ ".join(e.to_latex() for e in self._eqs) + "$"
