"""Evolutionarily stable strategies of a symmetric two-player game, with conditions.

A mixed strategy ``x`` of a symmetric game with row payoff matrix ``A`` is an
evolutionarily stable strategy (ESS; Maynard Smith and Price 1973) iff for
every ``y != x``: ``u(x, x) >= u(y, x)``, and where equal,
``u(x, y) > u(y, y)`` (``u(p, q) = p' A q``).

:func:`ess` enumerates supports ``S``. On a support, ``x`` equalises the
payoffs of the strategies in ``S`` (a linear system, solved exactly). With
``T`` the set of best replies to ``x`` (``T`` contains ``S``), Haigh's (1975)
form of the Bishop-Cannings conditions says ``x`` is an ESS iff it is a
symmetric Nash equilibrium and ``z' A z < 0`` for every ``z != 0`` with
``sum(z) = 0``, ``z_j = 0`` off ``T`` and ``z_j >= 0`` on ``T \\ S``. The
solver splits on which strategies outside ``S`` are tied best replies (the
set ``K``) and requires ``A`` to be negative definite on
``{z : sum(z) = 0, z_j = 0 off S u K}`` (Sylvester's criterion on the
symmetrised matrix in the basis ``e_i - e_last``). That is exact whenever
``|K| <= 1`` -- always in 2x2 games and for every regular ESS -- and
sufficient when ``|K| >= 2`` (a degenerate tie of two or more unused best
replies; such an ESS may be missed, never wrongly reported).

References
----------
.. [1] J. Maynard Smith and G. R. Price, "The logic of animal conflict",
   Nature 246 (1973) 15-18.
.. [2] D. T. Bishop and C. Cannings, "Models of animal conflict", Advances in
   Applied Probability 8 (1976) 616-621.
.. [3] J. Haigh, "Game theory and evolution", Advances in Applied Probability
   7 (1975) 8-11.
.. [4] J. Hofbauer and K. Sigmund, *Evolutionary Games and Population
   Dynamics*, Cambridge University Press, 1998, ch. 6.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy
from sympy.logic.boolalg import Boolean

from games.errors import UnsupportedGame, fmt_error
from games.normal_form import NormalFormGame
from games.parameters import ParameterSpace
from games.conditions import simplify_condition
from solvers.results import Result

__all__ = ["ESSResult", "ESSSet", "ess"]


@dataclass(frozen=True, eq=False)
class ESSResult(Result):
    """An evolutionarily stable strategy and where it is one.

    Attributes
    ----------
    strategy : tuple of sympy.Expr
        The mixed strategy (probabilities in the game's strategy order).
    condition : sympy Boolean
        Parameter condition under which ``strategy`` is an ESS (``True`` if
        always), simplified on the parameter space.
    kind : str
        ``"pure"`` or ``"mixed"``.
    support : tuple of str
        Names of the strategies played with positive probability.
    """

    strategy: tuple
    condition: Boolean
    kind: str
    support: tuple

    def __repr__(self) -> str:
        cond = "" if self.condition is sympy.true else f" if {self.condition}"
        return f"ESSResult({self.kind} {self.strategy}{cond})"

    def to_latex(self) -> str:
        """The strategy and its condition (LaTeX).

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> print(ess(NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]))[0].to_latex())
        \\left(0, 1\\right)
        """
        st = r"\left(" + ", ".join(sympy.latex(v) for v in self.strategy) + r"\right)"
        return st if self.condition is sympy.true else st + r" \text{ if } " + sympy.latex(self.condition)

    def _latex(self, printer: Any) -> str:
        return self.to_latex()

    def _repr_latex_(self) -> str:
        return "$" + self.to_latex() + "$"

    def to_dict(self) -> dict:
        """A plain mapping (sympy values as ``srepr`` strings); :meth:`from_dict` rebuilds it.

        Examples
        --------
        >>> from games.catalog.classic import hawk_dove
        >>> r = ess(hawk_dove())[0]
        >>> ESSResult.from_dict(r.to_dict()) == r
        True
        """
        return {"strategy": [sympy.srepr(v) for v in self.strategy], "condition": sympy.srepr(self.condition),
                "kind": self.kind, "support": list(self.support)}

    @classmethod
    def from_dict(cls, data: dict) -> "ESSResult":
        """Rebuild from :meth:`to_dict`."""
        return cls(tuple(sympy.sympify(v) for v in data["strategy"]), sympy.sympify(data["condition"]),
                   data["kind"], tuple(data["support"]))


@dataclass(frozen=True, eq=False)
class ESSSet(Result):
    """All evolutionarily stable strategies of a game (a sequence of :class:`ESSResult`).

    Compares equal to the tuple of its results, so code written for the
    bare tuple :func:`ess` used to return keeps working.

    Attributes
    ----------
    results : tuple of ESSResult
        Pure strategies first, then by support size.
    strategy_names : tuple of str
        The game's strategy names.
    """

    results: tuple
    strategy_names: tuple = ()

    @property
    def strategies(self) -> tuple:
        """The ESS as mixed strategies (tuples of probabilities)."""
        return tuple(r.strategy for r in self.results)

    @property
    def conditions(self) -> tuple:
        """The condition of each ESS, in order."""
        return tuple(r.condition for r in self.results)

    def __len__(self) -> int:
        return len(self.results)

    def __iter__(self):
        return iter(self.results)

    def __getitem__(self, i):
        return self.results[i]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ESSSet):
            return (self.results, self.strategy_names) == (other.results, other.strategy_names)
        if isinstance(other, tuple):
            return self.results == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.results)

    def __repr__(self) -> str:
        return f"ESSSet({len(self.results)} ESS: {', '.join(str(r.strategy) for r in self.results) or 'none'})"

    def __str__(self) -> str:
        if not self.results:
            return "no ESS"
        lines = []
        for r in self.results:
            cond = "always" if r.condition is sympy.true else f"if {r.condition}"
            lines.append(f"{r.kind} ESS {r.strategy} on {{{', '.join(r.support)}}}, {cond}")
        return "\n".join(lines)

    def to_latex(self) -> str:
        """A LaTeX tabular: strategy, support and condition of each ESS.

        Examples
        --------
        >>> from games.normal_form import NormalFormGame
        >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> print(ess(pd).to_latex().splitlines()[3])
        $\\left(0, 1\\right)$ & s2 & always \\\\
        """
        lines = [r"\begin{tabular}{lll}", r"ESS & Support & Condition \\", r"\hline"]
        for r in self.results:
            st = r"$\left(" + ", ".join(sympy.latex(v) for v in r.strategy) + r"\right)$"
            cond = "always" if r.condition is sympy.true else "$" + sympy.latex(r.condition) + "$"
            lines.append(f"{st} & {', '.join(r.support)} & {cond} \\\\")
        lines.append(r"\end{tabular}")
        return "\n".join(lines)

    def _latex(self, printer: Any) -> str:
        return self.to_latex()

    def _repr_latex_(self) -> str:
        return self.to_latex()

    def to_dict(self) -> dict:
        """A plain mapping; :meth:`from_dict` rebuilds an equal set.

        Examples
        --------
        >>> from games.catalog.classic import hawk_dove
        >>> s = ess(hawk_dove())
        >>> ESSSet.from_dict(s.to_dict()) == s
        True
        """
        return {"results": [r.to_dict() for r in self.results], "strategy_names": list(self.strategy_names)}

    @classmethod
    def from_dict(cls, data: dict) -> "ESSSet":
        """Rebuild from :meth:`to_dict`."""
        return cls(tuple(ESSResult.from_dict(r) for r in data["results"]), tuple(data["strategy_names"]))


def _matrix(game: Any) -> sympy.Matrix:
    """The row player's payoff matrix of a symmetric two-player game (checked)."""
    if not isinstance(game, NormalFormGame):
        raise UnsupportedGame(fmt_error("ess", "game", "a NormalFormGame", game))
    shape = tuple(game.shape)
    if game.n_players != 2 or shape[0] != shape[1] or shape[0] < 1:
        raise UnsupportedGame(fmt_error("ess", "game", "a symmetric two-player game (square, B = A.T)", shape))
    pay = np.asarray(game.payoffs, dtype=object)
    n = shape[0]
    A = sympy.Matrix(n, n, lambda i, j: sympy.nsimplify(pay[i, j, 0]) if isinstance(pay[i, j, 0], float)
                     else sympy.sympify(pay[i, j, 0]))
    B = sympy.Matrix(n, n, lambda i, j: sympy.nsimplify(pay[i, j, 1]) if isinstance(pay[i, j, 1], float)
                     else sympy.sympify(pay[i, j, 1]))
    for i in range(n):
        for j in range(n):
            if sympy.simplify(A[i, j] - B[j, i]) != 0:
                raise UnsupportedGame(fmt_error("ess", "game", "symmetric (B = A.T)",
                                                f"A[{i},{j}]={A[i, j]} but B[{j},{i}]={B[j, i]}"))
    return A


def _gt0(e: sympy.Expr) -> Boolean:
    e = sympy.factor(sympy.together(e))
    return sympy.Gt(e, 0)


def _negdef(A: sympy.Matrix, idx: tuple) -> Boolean:
    """A negative definite on {z : sum z = 0, supp z in idx}: Sylvester on the symmetrised form."""
    k = len(idx)
    if k <= 1:
        return sympy.true
    last = idx[-1]
    # basis e_i - e_last, i in idx[:-1]
    Bm = sympy.zeros(A.rows, k - 1)
    for c, i in enumerate(idx[:-1]):
        Bm[i, c] = 1
        Bm[last, c] = -1
    M = Bm.T * A * Bm
    S = -(M + M.T) / 2  # must be positive definite
    conds = []
    for m in range(1, k):
        conds.append(_gt0(S[:m, :m].det(method="berkowitz")))
    return sympy.And(*conds)


def ess(game: NormalFormGame, *, space: ParameterSpace | None = None) -> ESSSet:
    """Evolutionarily stable strategies of a symmetric two-player game, pure and mixed.

    Parameters
    ----------
    game : NormalFormGame
        Two players, square, ``B = A.T``; symbolic or numeric payoffs.
    space : ParameterSpace, optional
        Parameter space for the conditions (default: the game's).

    Returns
    -------
    ESSSet
        A sequence of ESSResult (equal to the tuple of them): one entry per candidate that is an ESS somewhere on the space, with
        the condition where it is; pure ones first, then by support size.

    Raises
    ------
    UnsupportedGame
        If ``game`` is not a symmetric two-player NormalFormGame.

    Examples
    --------
    Hawk-dove with ``V < C``: the only ESS is mixed, hawk with probability ``V/C``.

    >>> from games.catalog.classic import hawk_dove
    >>> [(r.kind, r.strategy, r.condition) for r in ess(hawk_dove())]
    [('mixed', (value/cost, (cost - value)/cost), True)]

    The prisoner's dilemma: defection.

    >>> from games.normal_form import NormalFormGame
    >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> [r.strategy for r in ess(pd)]
    [(0, 1)]
    """
    A = _matrix(game)
    n = A.rows
    if space is None:
        space = game.space
    if not isinstance(space, ParameterSpace):
        raise TypeError(fmt_error("ess", "space", "a ParameterSpace or None", space))
    names = tuple(game.strategies[0])
    out = []
    for size in range(1, n + 1):
        for S in itertools.combinations(range(n), size):
            # equal payoffs on S and sum one: |S| linear equations in x_S
            M = sympy.zeros(size, size)
            rhs = sympy.zeros(size, 1)
            for r in range(size - 1):
                for c, j in enumerate(S):
                    M[r, c] = A[S[r], j] - A[S[-1], j]
            for c in range(size):
                M[size - 1, c] = 1
            rhs[size - 1] = 1
            det = sympy.factor(M.det(method="berkowitz"))
            if det == 0:
                # a line of equalisers on S: z' A z = 0 along it, so no ESS here
                continue
            sol = M.LUsolve(rhs).applyfunc(lambda e: sympy.factor(sympy.cancel(e)))
            x = [sympy.Integer(0)] * n
            for c, j in enumerate(S):
                x[j] = sol[c]
            x = tuple(x)
            v = sympy.cancel(sum((A[S[0], j] * x[j] for j in range(n)), sympy.Integer(0)))
            exist = [sympy.Ne(det, 0)] if not det.is_number else []
            if size > 1:
                exist += [_gt0(x[j]) for j in S]
            outside = [j for j in range(n) if j not in S]
            gaps = {j: sympy.cancel(v - sum((A[j, k] * x[k] for k in range(n)), sympy.Integer(0)))
                    for j in outside}
            branches = []
            for r in range(len(outside) + 1):
                for K in itertools.combinations(outside, r):
                    parts = [sympy.Eq(sympy.numer(sympy.together(gaps[j])), 0) for j in K]
                    parts += [_gt0(gaps[j]) for j in outside if j not in K]
                    parts.append(_negdef(A, tuple(sorted(S + K))))
                    branches.append(sympy.And(*parts))
            cond = sympy.And(*exist, sympy.Or(*branches))
            if cond is not sympy.false and cond is not sympy.true:
                cond = simplify_condition(cond, space)
            if cond is sympy.false:
                continue
            out.append(ESSResult(x, cond, "pure" if size == 1 else "mixed",
                                 tuple(names[j] for j in S)))
    return ESSSet(tuple(out), names)
