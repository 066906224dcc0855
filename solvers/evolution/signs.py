"""Signs of expressions at a rest point, known without a solver call.

:class:`RestPointSigns` reads a factor's sign from the symbols' assumptions
and from the positivity of the rest point's shares (each share ``n / d > 0``
ties the signs of ``n`` and ``d``); the Routh-Hurwitz classification of
Jacobian blocks (:mod:`solvers.evolution.routh_hurwitz`) asks it before it
leaves a sign to the condition engine.
"""

from __future__ import annotations

from typing import Any, Sequence

import sympy

from games.conditions import factor_expr
from games.values import FLOAT_TOLERANCE

__all__ = ["RestPointSigns"]


class RestPointSigns:
    """Signs of expressions at a rest point, from assumptions and the point's positive shares.

    No solver calls: a factor's sign is known from the symbols' assumptions,
    or because the rest point's shares are positive where it exists (each
    share ``n/d > 0`` ties the signs of ``n`` and ``d``; a union-find with
    parity propagates these ties). Unknown signs stay symbolic, to be decided
    later by the condition engine.

    Parameters
    ----------
    shares : sequence of sympy expressions
        The rest point's shares, positive wherever the rest point exists.
    floaty : bool
        Whether the expressions hold floats (a float within
        ``FLOAT_TOLERANCE`` of 0 then counts as 0).

    Examples
    --------
    >>> a, b, c = sympy.symbols("a b c")
    >>> sg = RestPointSigns([a / b], floaty=False)  # a share a/b > 0: a, b of one sign
    >>> sg.sign(a * b), sg.sign(-a * b), sg.sign(c), sg.sign(sympy.Integer(0))
    ('+', '-', None, '0')
    >>> sg.gt0(a * b), sg.lt0(c)
    (True, c < 0)
    """

    def __init__(self, shares: Sequence[sympy.Expr], floaty: bool):
        self.floaty = floaty
        self.parent: dict = {}
        self.parity: dict = {}
        self.known: dict = {}
        self.cache: dict = {}
        for p in shares:
            self._learn(p)

    # union-find with parity: sign(f) = parity(f) * sign(root)
    def _find(self, f):
        if f not in self.parent:
            self.parent[f], self.parity[f] = f, 1
            return f, 1
        par = 1
        node = f
        while self.parent[node] != node:
            par *= self.parity[node]
            node = self.parent[node]
        return node, par

    def _union(self, f, g, rel):
        """Record sign(f) = rel * sign(g)."""
        rf, pf = self._find(f)
        rg, pg = self._find(g)
        if rf == rg:
            return
        # sign(rf) = pf*sign(f) = pf*rel*sign(g) = pf*rel*pg*sign(rg)
        self.parent[rf] = rg
        self.parity[rf] = pf * rel * pg
        if rf in self.known and rg not in self.known:
            self.known[rg] = self.known[rf] * self.parity[rf]

    def _flat(self, e: sympy.Expr, ex: int, acc: list) -> None:
        """Irreducible factors of e**ex, factoring sums one at a time (never expanding a product)."""
        if e.is_Mul:
            for a in e.args:
                self._flat(a, ex, acc)
            return
        if e.is_Pow and e.exp.is_Integer:
            self._flat(e.base, ex * int(e.exp), acc)
            return
        if e.is_Add:
            f = factor_expr(e)
            if f.is_Mul or (f.is_Pow and f.exp.is_Integer):
                self._flat(f, ex, acc)
                return
            num, den = sympy.fraction(f)
            if den != 1:
                self._flat(num, ex, acc)
                self._flat(den, -ex, acc)
                return
            acc.append((f, ex))
            return
        acc.append((e, ex))

    def _factors(self, e: sympy.Expr):
        """(constant sign, {normalised factor: odd exponent?}) with known-sign factors folded."""
        acc: list = []
        self._flat(sympy.sympify(e), 1, acc)
        const = 1
        out: dict = {}
        for base, ex in acc:
            ex = sympy.Integer(ex)
            if not ex.is_Integer:
                return None
            if base.is_number:
                if base == 0:
                    return 0, {}
                if base.is_real is False:
                    return None
                v = float(base)
                const *= (1 if v > 0 else -1) ** int(ex)
                continue
            if ex % 2 == 0:
                continue  # squares of nonzero factors are positive (zero excluded elsewhere)
            if base.is_positive or (ex < 0 and base.is_nonnegative):
                continue  # a denominator is nonzero where the point exists
            if base.is_negative or (ex < 0 and base.is_nonpositive):
                const = -const
                continue
            if base.could_extract_minus_sign():
                base = -base
                const = -const
            out[base] = out.get(base, 0) ^ 1
        return const, {f: 1 for f, odd in out.items() if odd}

    def _learn(self, share: sympy.Expr) -> None:
        r = self._factors(share)
        if r is None or r[0] == 0:
            return
        const, facs = r
        unknown = []
        for f in facs:
            root, par = self._find(f)
            if root in self.known:
                const *= self.known[root] * par
            else:
                unknown.append((root, par))
        if len(unknown) == 1:
            root, par = unknown[0]
            self.known[root] = const * par  # share > 0
        elif len(unknown) == 2:
            (r1, p1), (r2, p2) = unknown
            # const * p1 s(r1) * p2 s(r2) > 0  ->  s(r1) = const*p1*p2 * s(r2)
            self._union(r1, r2, const * p1 * p2)

    def sign(self, e: Any) -> str | None:
        """'+', '-', '0' or None (unknown)."""
        e = sympy.sympify(e)
        if e in self.cache:
            return self.cache[e]
        out = None
        if e == 0:
            out = "0"
        elif not e.free_symbols:
            v = complex(e.evalf())
            if abs(v.imag) > FLOAT_TOLERANCE:
                out = None
            elif self.floaty and abs(v.real) < FLOAT_TOLERANCE:
                out = "0"
            elif v.real == 0:
                out = "0"
            else:
                out = "+" if v.real > 0 else "-"
        elif e.is_positive:
            out = "+"
        elif e.is_negative:
            out = "-"
        else:
            r = self._factors(e)
            if r is not None:
                const, facs = r
                if const == 0:
                    out = "0"
                else:
                    sg = const
                    roots: dict = {}
                    for f in facs:
                        root, par = self._find(f)
                        if root in self.known:
                            sg *= self.known[root] * par
                        else:
                            sg *= par
                            roots[root] = roots.get(root, 0) ^ 1
                    if not any(roots.values()):
                        out = "+" if sg > 0 else "-"
        self.cache[e] = out
        return out

    # relations, folded to true/false when the sign is known
    def lt0(self, e):
        """``e < 0``: True or False when its sign is known, else the relation itself."""
        s = self.sign(e)
        return sympy.true if s == "-" else sympy.false if s in ("+", "0") else sympy.Lt(e, 0, evaluate=False)

    def gt0(self, e):
        """``e > 0``: True or False when its sign is known, else the relation itself."""
        s = self.sign(e)
        return sympy.true if s == "+" else sympy.false if s in ("-", "0") else sympy.Gt(e, 0, evaluate=False)

    def eq0(self, e):
        """``e = 0``: True or False when its sign is known, else the relation itself."""
        s = self.sign(e)
        return sympy.true if s == "0" else sympy.false if s in ("+", "-") else sympy.Eq(e, 0, evaluate=False)
