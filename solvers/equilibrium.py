"""The result type of one equilibrium: :class:`Equilibrium`, with :func:`deviation_payoffs`.

Every equilibrium carries its certificate: :meth:`Equilibrium.regret` gives
each player's best gain from deviating (exactly 0 on exact games), and
solvers call :meth:`Equilibrium.verify` before returning anything.

:class:`~solvers.equilibrium_set.EquilibriumSet` (a solver's equilibria) and
:class:`~solvers.compiled.CompiledEquilibria` (their vectorised evaluator)
live in their own modules and are importable from here as well.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np
import sympy
from sympy.logic.boolalg import Boolean

from games.errors import GameError, GovgamesWarning, ParameterError, fmt_error
from games.parameters import ParameterSpace, eval_srepr
from games.values import to_value

from games import conditions as _cond
from solvers.results import Regime, Result

__all__ = ["Equilibrium", "EquilibriumSet", "Regime", "CompiledEquilibria", "deviation_payoffs"]

#: Names defined in modules that import this one, resolved on first access.
_ELSEWHERE = {"EquilibriumSet": "solvers.equilibrium_set", "CompiledEquilibria": "solvers.compiled"}


def __getattr__(name: str) -> Any:
    if name in _ELSEWHERE:
        import importlib

        value = getattr(importlib.import_module(_ELSEWHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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


def _normal_form(e: Any) -> Any:
    """``e`` as one reduced fraction (``cancel``) when it is a rational function over QQ, else simplified.

    For a quotient of polynomials in the parameters with rational
    coefficients this is an exact canonical form (zero exactly when ``e``
    is), at a fraction of ``sympy.simplify``'s cost. Anything else (radicals
    of parameters, irrational constants such as ``sqrt(2)`` or ``pi`` among
    the coefficients) gets ``simplify``.
    """
    from sympy.polys.polyerrors import PolynomialError

    e = sympy.sympify(e)
    if e.is_Rational:
        return e
    syms = sorted(e.free_symbols, key=str)
    if syms and e.is_rational_function(*syms):
        out = sympy.cancel(sympy.together(e))
        try:
            for part in sympy.fraction(out):
                sympy.Poly(part, *syms, domain="QQ")
        except (PolynomialError, sympy.CoercionFailed):
            pass  # an irrational coefficient
        else:
            return out
    return sympy.simplify(e)


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

    def parameter_space(self) -> ParameterSpace:
        """The space the equilibrium is written in: :attr:`space`, or one over its free symbols.

        Examples
        --------
        >>> a = sympy.Symbol("a", positive=True)
        >>> Equilibrium(((1, 0),), (a,), condition=a > 1).parameter_space().names
        ('a',)
        """
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
        space = self.parameter_space()
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
        space = self.parameter_space()
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
                roots = set().union(*(g.atoms(sympy.CRootOf) for g in gs))
                if roots:  # compared at 50 digits, each root evaluated once (not at every comparison)
                    at = {r: r.evalf(70) for r in roots}
                    out.append(max(gs, key=lambda g: sympy.N(g.xreplace(at), 50)))
                else:
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
            claims.append(sympy.Eq(_normal_form(sum(sigma) - 1), 0))
            claims.extend(sympy.Ge(x, 0) for x in sigma if _has_symbols(x))
            dev = deviation_payoffs(game, self.profile, i)
            cur = sum(p * d for p, d in zip(sigma, dev))
            claims.extend(sympy.Le(_normal_form(d - cur), 0) for d in dev)
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
    def latex_value(self, v: Any) -> str:
        """One number or expression of this equilibrium as LaTeX (floats to 6 significant digits).

        Symbols print with the names of :attr:`space` where it has them.

        Examples
        --------
        >>> eq = Equilibrium(((1, 0),), (0.5,))
        >>> print(eq.latex_value(2 / 3), eq.latex_value(sympy.Rational(2, 3)))
        0.666667 \\frac{2}{3}
        """
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
        prof = ", ".join(r"\left(" + ", ".join(self.latex_value(x) for x in v) + r"\right)"
                         for v in self.profile)
        out = r"\left(" + prof + r"\right)"
        if self.path is not None and not self.profile:
            out = r"\text{" + " → ".join(map(str, self.path)) + "}"
        if self.condition is not sympy.true:
            out += r" \quad \text{if } " + self.latex_value(self.condition)
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

