"""The condition engine: decide and simplify parameter conditions.

Every solver that produces a condition over a model's parameters ("this
profile is an equilibrium iff ``fine*p > cost``") sends it here. sympy does
the algebra; z3's nonlinear real arithmetic decides exactly whether a
polynomial (or rational) condition can hold somewhere on the
:class:`~games.parameters.ParameterSpace` and whether it holds everywhere.
Conditions outside that fragment (``exp``, ``log``, non-integer powers) fall
back to sampling the space, and results say so (``method="sampled"``).

Nothing here calls ``bool()`` on a symbolic relation.

References
----------
.. [1] D. Jovanović and L. de Moura, "Solving non-linear arithmetic",
   IJCAR 2012 (the nlsat procedure behind z3's ``QF_NRA``).
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping

import numpy as np
import sympy
from sympy.logic.boolalg import Boolean, BooleanFalse, BooleanTrue

from games.errors import ParameterError, fmt_error
from games.parameters import ParameterSpace

__all__ = [
    "SatContext",
    "Decision",
    "SignResult",
    "decide",
    "is_satisfiable",
    "is_valid",
    "simplify_condition",
    "compare",
    "sign",
    "normalize_relation",
    "holds_at",
    "canonical_difference",
    "reduce_condition",
    "require_condition",
    "Z3_TIMEOUT_MS",
    "N_SAMPLES",
]

#: Per-query z3 time limit in milliseconds; past it the answer is "unknown".
Z3_TIMEOUT_MS = 3000
#: Points drawn by the sampling fallback.
N_SAMPLES = 2000


@dataclass(frozen=True)
class Decision:
    """Whether a condition holds on a parameter space.

    Attributes
    ----------
    status : {"always", "never", "sometimes", "unknown"}
        ``"unknown"`` unless the status is proved (see :attr:`established`).
    method : {"trivial", "z3", "exact", "sampled"}
        How the status was established: ``"trivial"`` (the condition is a
        constant, or an implication whose conclusion is one of its premises),
        ``"z3"`` (a decision procedure), ``"exact"`` (witness points found by
        sampling and checked by exact substitution), ``"sampled"`` (evidence
        only, no proof).
    witness_true, witness_false : dict or None
        A point (name -> number) where the condition holds / fails. Witnesses
        of proved statuses are checked by exact substitution.
    n_samples : int
        Points drawn when sampling was used.
    evidence : {"always", "never", None}
        When ``status == "unknown"`` and sampling found the condition true
        (false) at every sampled point, ``"always"`` (``"never"``): evidence,
        not a proof.
    """

    status: str
    method: str
    witness_true: dict | None = None
    witness_false: dict | None = None
    n_samples: int = 0
    evidence: str | None = None

    @property
    def established(self) -> str:
        """``"proved"`` (the status is a theorem on the space), ``"sampled"`` (evidence
        from sampling only, see :attr:`evidence`) or ``"undecided"``."""
        if self.status != "unknown":
            return "proved"
        return "sampled" if self.n_samples and self.evidence else "undecided"


@dataclass(frozen=True)
class SignResult:
    """The sign of an expression on a parameter space.

    Attributes
    ----------
    sign : {"+", "-", "0", "nonnegative", "nonpositive", "ambiguous", "unknown"}
    method : {"assumptions", "z3", "exact", "sampled"}
        ``"assumptions"``, ``"z3"`` and ``"exact"`` (an ambiguous sign shown by two
        witness points checked by exact substitution) are proofs; ``"sampled"`` is not.
    witnesses : dict
        Sign -> a point where the expression has that sign (for ambiguous signs).
    n_samples : int
    """

    sign: str
    method: str
    witnesses: dict = field(default_factory=dict)
    n_samples: int = 0

    @property
    def proved(self) -> bool:
        """Whether the sign is a proof (not a sample)."""
        return self.method in ("assumptions", "z3", "exact")

    @property
    def established(self) -> str:
        """``"proved"``, ``"sampled"`` or ``"undecided"`` (nothing known)."""
        if self.proved:
            return "proved"
        return "sampled" if self.sign != "unknown" else "undecided"


_Z3_LOCK = threading.RLock()


class _NotPolynomial(Exception):
    pass


def _space_of(cond: Any, space: ParameterSpace | None) -> ParameterSpace:
    if space is None:
        syms = getattr(cond, "free_symbols", set())
        return ParameterSpace.from_symbols(syms)
    if not isinstance(space, ParameterSpace):
        raise ParameterError(fmt_error("conditions", "space", "a ParameterSpace", space))
    return space


def _as_boolean(cond: Any, space: ParameterSpace, func: str) -> Boolean:
    if isinstance(cond, bool):
        return sympy.true if cond else sympy.false
    if isinstance(cond, str):
        cond = space.sympify(cond, func=func, arg="condition")
    if not isinstance(cond, Boolean):
        raise ParameterError(fmt_error(func, "condition", "a sympy Boolean or relation", cond))
    unknown = sorted(s.name for s in cond.free_symbols if s not in space.symbols)
    if unknown:
        # symbols with the same names but other assumptions are rebound
        names = set(space.names)
        if all(n in names for n in unknown):
            cond = cond.xreplace({s: space.symbol(s.name) for s in cond.free_symbols})
        else:
            raise ParameterError(fmt_error(func, "condition", f"a condition in the parameters {list(space.names)}",
                                           f"{cond} (unknown: {', '.join(n for n in unknown if n not in names)})"))
    return cond


# --- sympy -> z3 ------------------------------------------------------------

class _Translator:
    """sympy -> z3 over one space's variables.

    Polynomial and rational expressions translate directly (a denominator
    adds ``!= 0`` to :attr:`side`). Some non-polynomial functions are
    reformulated exactly with an auxiliary variable fixed by polynomial
    constraints (also in :attr:`side`): ``sqrt(p)`` and other rational
    powers (``t >= 0, t**2 == p``, defined where ``p >= 0``), ``Abs``,
    ``Min``/``Max`` and ``Piecewise`` (case splits). Each auxiliary variable
    is a function of the parameters, so satisfiability and validity keep
    their meaning (on the points where the expression is real). Anything
    else (``exp``, ``log``, ...) raises ``_NotPolynomial``.
    """

    def __init__(self, space: ParameterSpace):
        import z3  # loaded on first use
        self.space = space
        self.vars: dict[sympy.Symbol, Any] = {}
        self.side: list[Any] = []  # denominators != 0, definitions of auxiliary variables
        self.aux: dict[sympy.Expr, Any] = {}
        for p, s in zip(space.parameters, space.symbols):
            self.vars[s] = z3.Int(p.name) if p.is_integer else z3.Real(p.name)

    def reset(self) -> None:
        """Forget the side conditions and auxiliary variables of the previous query."""
        self.side = []
        self.aux = {}

    def _fresh(self, e: sympy.Expr):
        import z3  # loaded on first use
        v = z3.Real(f"_aux{len(self.aux)}_{abs(hash(e)) % 10**8}")
        self.aux[e] = v
        return v

    def expr(self, e: sympy.Expr):
        import z3  # loaded on first use
        if e in self.aux:
            return self.aux[e]
        if e.is_Symbol:
            if e not in self.vars:
                raise _NotPolynomial(str(e))
            v = self.vars[e]
            return z3.ToReal(v) if z3.is_int(v) else v
        if e.is_Integer:
            return z3.RealVal(int(e))
        if e.is_Rational:
            return z3.RealVal(f"{e.p}/{e.q}")
        if e.is_Float:
            fr = Fraction(float(e))
            return z3.RealVal(f"{fr.numerator}/{fr.denominator}")
        if e.is_Add:
            return z3.Sum([self.expr(a) for a in e.args])
        if e.is_Mul:
            out = self.expr(e.args[0])
            for a in e.args[1:]:
                out = out * self.expr(a)
            return out
        if e.is_Pow:
            b, x = e.args
            if x.is_Integer:
                return self._int_pow(self.expr(b), int(x))
            if x.is_Rational:
                # t = b**(p/q): t**q == b**p, t >= 0 for even q (where b >= 0)
                p, q = int(x.p), int(x.q)
                base = self._int_pow(self.expr(b), p)
                t = self._fresh(e)
                self.side.append(self._int_pow(t, q) == base)
                if q % 2 == 0:
                    self.side.extend([t >= 0, base >= 0])
                return t
            raise _NotPolynomial(str(e))
        if isinstance(e, sympy.Abs):
            a = self.expr(e.args[0])
            t = self._fresh(e)
            self.side.extend([t >= 0, t * t == a * a])
            return t
        if isinstance(e, (sympy.Max, sympy.Min)):
            args = [self.expr(a) for a in e.args]
            t = self._fresh(e)
            if isinstance(e, sympy.Max):
                self.side.extend([t >= a for a in args])
            else:
                self.side.extend([t <= a for a in args])
            self.side.append(z3.Or(*[t == a for a in args]))
            return t
        if isinstance(e, sympy.Piecewise):
            t = self._fresh(e)
            taken = []
            for val, c in e.args:
                zc = self.boolean(c)
                here = z3.And(zc, *[z3.Not(p) for p in taken])
                self.side.append(z3.Implies(here, t == self.expr(val)))
                taken.append(zc)
            self.side.append(z3.Or(*taken))  # defined
            return t
        raise _NotPolynomial(str(e))

    def _int_pow(self, zb, n: int):
        import z3  # loaded on first use
        if n == 0:
            return z3.RealVal(1)
        pw = zb
        for _ in range(abs(n) - 1):
            pw = pw * zb
        if n < 0:
            self.side.append(zb != 0)
            return 1 / pw
        return pw

    def boolean(self, c: Boolean):
        import z3  # loaded on first use
        if isinstance(c, BooleanTrue):
            return z3.BoolVal(True)
        if isinstance(c, BooleanFalse):
            return z3.BoolVal(False)
        if isinstance(c, sympy.And):
            return z3.And(*[self.boolean(a) for a in c.args])
        if isinstance(c, sympy.Or):
            return z3.Or(*[self.boolean(a) for a in c.args])
        if isinstance(c, sympy.Not):
            return z3.Not(self.boolean(c.args[0]))
        if isinstance(c, sympy.Implies):
            return z3.Implies(self.boolean(c.args[0]), self.boolean(c.args[1]))
        if isinstance(c, sympy.Equivalent):
            return self.boolean(sympy.And(*[sympy.Implies(a, b) for a in c.args for b in c.args]))
        if isinstance(c, sympy.core.relational.Relational):
            lhs, rhs = self.expr(c.lhs), self.expr(c.rhs)
            op = c.rel_op
            return {"<": lhs < rhs, "<=": lhs <= rhs, ">": lhs > rhs, ">=": lhs >= rhs,
                    "==": lhs == rhs, "!=": lhs != rhs}[op]
        raise _NotPolynomial(str(c))


@functools.lru_cache(maxsize=256)
def _space_context(space: ParameterSpace) -> tuple[_Translator, Any] | None:
    """The space's z3 variables and translated assumptions, built once per space."""
    import z3  # loaded on first use
    tr = _Translator(space)
    try:
        assume = tr.boolean(space.assumptions)
    except _NotPolynomial:
        return None
    return tr, z3.And(assume, *tr.side)


@functools.lru_cache(maxsize=8192)
def _z3_check(cond: Boolean, space: ParameterSpace) -> tuple[str, dict | None]:
    """('sat', model) / ('unsat', None) / ('unknown', None) / ('nonpoly', None)."""
    # z3's default context is not thread-safe and the translator is shared
    with _Z3_LOCK:
        return _z3_check_locked(cond, space)


def _z3_check_locked(cond: Boolean, space: ParameterSpace) -> tuple[str, dict | None]:
    import z3  # loaded on first use
    ctx = _space_context(space)
    if ctx is None:
        return "nonpoly", None
    tr, assume = ctx
    tr.reset()
    try:
        goal = tr.boolean(cond)
    except _NotPolynomial:
        return "nonpoly", None
    # A fresh (non-incremental) solver per query: z3 then runs its complete nlsat procedure on
    # nonlinear goals and honours the time limit; an incremental solver's answer time depended
    # on the history of earlier queries.
    solver = z3.Solver()
    solver.set("timeout", Z3_TIMEOUT_MS)
    solver.add(assume, goal, *tr.side)
    res = solver.check()
    if res == z3.sat:
        m = solver.model()
        point = {sym.name: _z3_number(m.eval(v, model_completion=True)) for sym, v in tr.vars.items()}
        return "sat", point
    return ("unsat", None) if res == z3.unsat else ("unknown", None)


class SatContext:
    """Satisfiability questions on one space, for solvers that ask many.

    A thin front end to the engine's cached queries: :meth:`sat` is
    :func:`is_satisfiable` and :meth:`simplify` drops conjuncts implied by
    the others.

    Examples
    --------
    >>> s = ParameterSpace({"a": "positive", "b": "positive"})
    >>> ctx = SatContext(s)
    >>> ctx.sat(sympy.Lt(s["a"], 0)), ctx.simplify([s["a"] > 2 * s["b"], s["a"] > s["b"]])
    (False, a > 2*b)
    """

    def __init__(self, space: ParameterSpace) -> None:
        self.space = space

    def sat(self, cond: Any) -> bool | None:
        """True / False / None (undecided): does ``cond`` hold somewhere on the space?"""
        return is_satisfiable(cond, self.space)

    def simplify(self, atoms: Any) -> Boolean:
        """A conjunction of ``atoms`` without conjuncts implied by the others; true/false when decided."""
        atoms = sorted(set(atoms), key=sympy.default_sort_key)
        whole = sympy.And(*atoms)
        if self.sat(whole) is False:
            return sympy.false
        if self.sat(sympy.Not(whole)) is False:
            return sympy.true
        i = 0
        while i < len(atoms) and len(atoms) > 1:
            rest = atoms[:i] + atoms[i + 1:]
            if self.sat(sympy.And(*rest, sympy.Not(atoms[i]))) is False:
                atoms.pop(i)
            else:
                i += 1
        return sympy.And(*atoms)


def _z3_number(val) -> Any:
    import z3  # loaded on first use
    if z3.is_int_value(val):
        return sympy.Integer(val.as_long())
    if z3.is_rational_value(val):
        try:
            return sympy.Rational(val.numerator_as_long(), val.denominator_as_long())
        except ValueError:
            # thousands of digits exceed Python's int-from-string limit: a float witness will do
            return float(val.as_decimal(30).rstrip("?"))
    if z3.is_algebraic_value(val):
        return float(val.approx(20).as_fraction())
    return float(str(val).rstrip("?"))


def _sample_eval(cond: Boolean, space: ParameterSpace, n: int) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    cols = space.sample_columns(n, rng=0)
    f = sympy.lambdify(space.symbols, sympy.sympify(cond).xreplace({sympy.zoo: sympy.nan}), modules="numpy")
    with np.errstate(all="ignore"):
        val = np.broadcast_to(np.asarray(f(*(cols[nm] for nm in space.names)), dtype=bool), (n,))
    return val, cols


def _row(cols: Mapping[str, np.ndarray], i: int) -> dict:
    return {nm: float(c[i]) for nm, c in cols.items()}


def holds_at(cond: Any, point: Mapping[str, Any], space: ParameterSpace | None = None) -> bool | None:
    """Whether ``cond`` holds at ``point``, decided by exact substitution.

    Float coordinates are taken as the exact binary rationals they are.
    Returns None when sympy cannot decide the substituted condition (or the
    point lies outside the space).

    Examples
    --------
    >>> s = ParameterSpace({"a": "positive"})
    >>> holds_at("a**2 > 2", {"a": 1.5}, s), holds_at("exp(a) > 2", {"a": 0.5}, s)
    (True, False)
    """
    space = _space_of(cond, space)
    cond = _as_boolean(cond, space, "holds_at")
    sub = {}
    for name, v in point.items():
        if name not in space:
            continue
        if isinstance(v, float):
            v = sympy.Rational(Fraction(v))
        sub[space.symbol(name)] = sympy.sympify(v)
    try:
        if space.assumptions.xreplace(sub) is not sympy.true:
            return None
        val = cond.xreplace(sub)
        if val not in (sympy.true, sympy.false):
            val = sympy.simplify(val)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if val is sympy.true:
        return True
    if val is sympy.false:
        return False
    return None


def _trivially_valid(cond: Boolean) -> bool:
    """``A -> B`` (or ``Or(Not(A), B)``) where B is one of A's conjuncts."""
    if isinstance(cond, sympy.Implies):
        prem, concl = cond.args
        prem_parts = set(sympy.And.make_args(prem))
        return all(c in prem_parts for c in sympy.And.make_args(concl))
    return False


def decide(cond: Any, space: ParameterSpace | None = None) -> Decision:
    """Decide whether ``cond`` holds always, never or sometimes on ``space``.

    Polynomial and rational conditions (with square roots and other rational
    powers, ``Abs``, ``Min``/``Max`` and ``Piecewise`` reformulated exactly)
    are decided by z3. Others are sampled; witnesses found by sampling are
    checked by exact substitution, and only such checked witnesses count as
    proof. A sample never proves ``"always"`` or ``"never"``: the status is
    then ``"unknown"`` and :attr:`Decision.evidence` says what the samples
    suggest.

    Parameters
    ----------
    cond : sympy Boolean, relation, str or bool
    space : ParameterSpace, optional
        Defaults to a space read off the symbols' assumptions.

    Returns
    -------
    Decision

    Examples
    --------
    >>> space = ParameterSpace({"gain": "positive", "fine": "positive"}, ["fine > gain"])
    >>> decide("fine - gain > 0", space).status
    'always'
    >>> d = decide("fine > 2*gain", space)
    >>> d.status, d.method
    ('sometimes', 'z3')
    >>> decide("gain > fine", space).status
    'never'
    >>> d = decide("sqrt(fine) > gain", space)
    >>> d.status, d.method, d.established
    ('sometimes', 'z3', 'proved')
    """
    space = _space_of(cond, space)
    cond = _as_boolean(cond, space, "decide")
    if cond is sympy.true:
        return Decision("always", "trivial")
    if cond is sympy.false:
        return Decision("never", "trivial")
    if _trivially_valid(cond):
        return Decision("always", "trivial")
    st1, w1 = _z3_check(cond, space)
    if st1 == "unsat":
        return Decision("never", "z3")
    if st1 == "sat":
        st2, w2 = _z3_check(sympy.Not(cond), space)
        if st2 == "unsat":
            return Decision("always", "z3", witness_true=w1)
        if st2 == "sat":
            return Decision("sometimes", "z3", witness_true=w1, witness_false=w2)
    # sampling fallback (outside z3's fragment, or z3 gave up): evidence, and
    # witnesses that become proofs once checked by exact substitution
    try:
        val, cols = _sample_eval(cond, space, N_SAMPLES)
    except (ParameterError, TypeError, ValueError, NameError, KeyError, AttributeError):
        return Decision("unknown", "sampled")
    wt = wf = None
    for want, idx in ((True, np.flatnonzero(val)), (False, np.flatnonzero(~val))):
        for i in idx[:5]:
            pt = _row(cols, int(i))
            if holds_at(cond, pt, space) is want:
                if want:
                    wt = pt
                else:
                    wf = pt
                break
    if st1 == "sat":
        wt = w1
    if wt and wf:
        return Decision("sometimes", "exact", witness_true=wt, witness_false=wf, n_samples=N_SAMPLES)
    evidence = "always" if val.all() else ("never" if not val.any() else None)
    return Decision("unknown", "sampled", witness_true=wt, witness_false=wf, n_samples=N_SAMPLES,
                    evidence=evidence)


def is_satisfiable(cond: Any, space: ParameterSpace | None = None) -> bool | None:
    """True if ``cond`` holds somewhere on the space, False if nowhere, None if undecided.

    True and False are proofs (z3, or a witness point checked by exact
    substitution); a sampled answer is never turned into either.

    Examples
    --------
    >>> s = ParameterSpace({"d": "(0, 1)"})
    >>> is_satisfiable("d > 1", s), is_satisfiable("d**2 < d/2", s)
    (False, True)
    """
    space = _space_of(cond, space)
    cond = _as_boolean(cond, space, "is_satisfiable")
    if cond in (sympy.true, sympy.false):
        return cond is sympy.true
    # one z3 query suffices here; decide() would also ask about the negation
    st, _ = _z3_check(cond, space)
    if st in ("sat", "unsat"):
        return st == "sat"
    d = decide(cond, space)
    if d.status in ("always", "sometimes"):
        return True
    if d.status == "never":
        return False
    return True if d.witness_true else None


def is_valid(cond: Any, space: ParameterSpace | None = None) -> bool | None:
    """True if ``cond`` holds everywhere on the space, False if it fails somewhere, None if undecided.

    True and False are proofs (z3, or a counterexample checked by exact
    substitution); a sampled answer is never turned into either.

    Examples
    --------
    >>> s = ParameterSpace({"d1": "(0, 1)", "d2": "(0, 1)"})
    >>> is_valid("(1 - d2)/(1 - d1*d2) > 0", s), is_valid("d1 > d2", s)
    (True, False)
    """
    space = _space_of(cond, space)
    cond = _as_boolean(cond, space, "is_valid")
    if cond in (sympy.true, sympy.false):
        return cond is sympy.true
    if _trivially_valid(cond):
        return True
    st, _ = _z3_check(sympy.Not(cond), space)
    if st in ("sat", "unsat"):
        return st == "unsat"
    d = decide(cond, space)
    if d.status == "always":
        return True
    if d.status in ("never", "sometimes"):
        return False
    return False if d.witness_false else None


# --- simplification ---------------------------------------------------------

def _known_sign(e: sympy.Expr) -> int | None:
    if e.is_positive:
        return 1
    if e.is_negative:
        return -1
    if e.is_zero:
        return 0
    return None


_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
_RELATIONS = {"<": sympy.StrictLessThan, "<=": sympy.LessThan, ">": sympy.StrictGreaterThan,
              ">=": sympy.GreaterThan, "==": sympy.Eq, "!=": sympy.Ne}
# the truth of "0 op 0"
_ZERO_TRUTH = {"<": False, "<=": True, ">": False, ">=": True, "==": True, "!=": False}


def _numer_denom(lhs: Any, rhs: Any = 0) -> tuple[sympy.Expr, sympy.Expr, bool]:
    """``(p, q, zero)`` with ``lhs - rhs == p/q`` (``together``, factors kept) and ``zero``
    telling whether the difference is identically zero (``p`` expands to 0)."""
    d = sympy.sympify(lhs) - sympy.sympify(rhs)
    if d.is_Rational:
        return d, sympy.Integer(1), d == 0
    try:
        num, den = sympy.fraction(sympy.together(d))
    except (sympy.PolynomialError, TypeError, ValueError):  # e.g. Piecewise: keep it as written
        return d, sympy.Integer(1), False
    return num, den, sympy.expand(num) == 0


def canonical_difference(lhs: Any, rhs: Any = 0) -> sympy.Expr:
    """``lhs - rhs`` as one fraction ``p/q``, exactly simplified: ``0`` when identically zero.

    An identically zero difference becomes ``0``, however it was written;
    otherwise the numerator is expanded over the common denominator. Square
    roots and other non-rational parts are treated as generators.

    Examples
    --------
    >>> f, g = sympy.symbols("f g", positive=True)
    >>> canonical_difference(-f*g/(g + f) + g*(1 - g/(g + f)))
    0
    >>> canonical_difference(1/f, 1/g)
    (-f + g)/(f*g)
    """
    num, den, zero = _numer_denom(lhs, rhs)
    if zero:
        return sympy.Integer(0)
    return sympy.expand(num) / den


def normalize_relation(rel: sympy.core.relational.Relational) -> Boolean:
    """Rewrite ``a op b`` readably: clear known-sign factors and denominators, positive terms left.

    The difference ``a - b`` is first put in lowest terms exactly
    (:func:`canonical_difference`); an identically zero difference decides
    ``=``, ``<=``, ``>=`` true and ``<``, ``>``, ``!=`` false. Known-sign
    factors are cleared using only the symbols' own assumptions (positive,
    nonnegative, ...).

    Examples
    --------
    >>> f, g, k = sympy.symbols("f g k", positive=True)
    >>> normalize_relation(sympy.Lt(k*(g - f), 0))
    g < f
    >>> normalize_relation(sympy.Gt(g/(g + f), sympy.Rational(1, 2)))
    g > f
    >>> zero = -f*g/(g + f) + g*(1 - g/(g + f))
    >>> normalize_relation(sympy.Gt(zero, 0)), normalize_relation(sympy.Le(zero, 0))
    (False, True)
    """
    if not isinstance(rel, sympy.core.relational.Relational):
        return rel
    op = rel.rel_op
    num, den, zero = _numer_denom(rel.lhs, rel.rhs)
    if zero:
        return sympy.true if _ZERO_TRUTH[op] else sympy.false
    d = num / den
    if d.is_number:
        res = sympy.sympify(rel.func(d, 0))
        return res if res in (sympy.true, sympy.false) else rel.func(d, 0)
    flip = False
    sd = _known_sign(den)
    if sd is None:
        expr = sympy.expand(num) / den
    else:
        if sd < 0:
            flip = not flip
        coeff, factors = sympy.factor_terms(num).as_coeff_mul()
        keep = []
        for fct in factors:
            s = _known_sign(fct)
            if s is None:
                keep.append(fct)
            elif s == 0:  # cannot happen for a canonical nonzero numerator; be safe
                return sympy.true if _ZERO_TRUTH[op] else sympy.false
            elif s < 0:
                flip = not flip
        if coeff < 0:
            flip = not flip
        if op in ("==", "!=") and not keep:
            return sympy.false if op == "==" else sympy.true
        expr = sympy.expand(sympy.Mul(*keep))
        if not keep:
            # only known-sign factors: the sign of the difference is known
            expr = sympy.Integer(-1 if flip else 1)
            return sympy.sympify(rel.func(expr, 0))
    if expr.is_number:
        return sympy.sympify(rel.func(expr if not flip else -expr, 0))
    if flip:
        op = _FLIP[op]
    terms = sympy.Add.make_args(expr)
    pos = [t for t in terms if t.could_extract_minus_sign() is False]
    neg = [-t for t in terms if t.could_extract_minus_sign() is True]
    lhs, rhs = sympy.Add(*pos), sympy.Add(*neg)
    if lhs == 0 and rhs != 0:
        # "0 > x" reads better as "x < 0"
        lhs, rhs = rhs, sympy.Integer(0)
        op = _FLIP[op]
    return _RELATIONS[op](lhs, rhs)


def _merge_equalities(parts: list) -> list:
    """Replace ``x <= y`` and ``x >= y`` (in any spelling) by ``Eq(x, y)``."""
    weak = {}
    for i, p in enumerate(parts):
        if isinstance(p, (sympy.LessThan, sympy.GreaterThan)):
            d = sympy.expand(p.lhs - p.rhs) if isinstance(p, sympy.GreaterThan) else sympy.expand(p.rhs - p.lhs)
            weak[i] = d  # the relation says d >= 0
    drop, add = set(), []
    items = list(weak.items())
    for a in range(len(items)):
        for b in range(a + 1, len(items)):
            (i, di), (j, dj) = items[a], items[b]
            if i in drop or j in drop:
                continue
            if sympy.expand(di + dj) == 0:
                drop |= {i, j}
                rel = parts[i]
                add.append(normalize_relation(sympy.Eq(rel.lhs, rel.rhs)))
    return [p for k, p in enumerate(parts) if k not in drop] + add


def _normalize(c: Boolean) -> Boolean:
    if isinstance(c, sympy.core.relational.Relational):
        return normalize_relation(c)
    if isinstance(c, (sympy.And, sympy.Or, sympy.Not)):
        return c.func(*[_normalize(a) for a in c.args])
    return c


@functools.lru_cache(maxsize=4096)
def _simplify(cond: Boolean, space: ParameterSpace) -> Boolean:
    cond = _normalize(cond)
    if cond in (sympy.true, sympy.false):
        return cond
    d = decide(cond, space)
    if d.status == "always" and d.method != "sampled":
        return sympy.true
    if d.status == "never" and d.method != "sampled":
        return sympy.false
    if isinstance(cond, sympy.And):
        parts = [_simplify(a, space) for a in cond.args]
        if any(p is sympy.false for p in parts):
            return sympy.false
        parts = _merge_equalities(list(dict.fromkeys(p for p in parts if p is not sympy.true)))
        # drop conjuncts implied by the others (on the space)
        i = 0
        while i < len(parts) and len(parts) > 1:
            rest = sympy.And(*(parts[:i] + parts[i + 1:]))
            dd = decide(sympy.Implies(rest, parts[i]), space)
            if dd.status == "always" and dd.method == "z3":
                parts.pop(i)
            else:
                i += 1
        return sympy.And(*parts)
    if isinstance(cond, sympy.Or):
        parts = [_simplify(a, space) for a in cond.args]
        if any(p is sympy.true for p in parts):
            return sympy.true
        parts = list(dict.fromkeys(p for p in parts if p is not sympy.false))
        i = 0
        while i < len(parts) and len(parts) > 1:
            rest = sympy.Or(*(parts[:i] + parts[i + 1:]))
            dd = decide(sympy.Implies(parts[i], rest), space)
            if dd.status == "always" and dd.method == "z3":
                parts.pop(i)
            else:
                i += 1
        return sympy.Or(*parts)
    return cond


def simplify_condition(cond: Any, space: ParameterSpace | None = None) -> Boolean:
    """Simplify a parameter condition on a space.

    Provably false conditions become ``sympy.false``, provably true ones
    ``sympy.true``; relations are normalised (known-sign factors cleared) and
    conjuncts implied by the others (on the space) are dropped.

    Examples
    --------
    >>> space = ParameterSpace({"g": "positive", "f": "positive", "k": "positive"}, ["f > g"])
    >>> simplify_condition("k*(g - f) < 0", space)
    True
    >>> simplify_condition("(g > 2*f) | (k > g)", space)
    k > g
    >>> simplify_condition(sympy.And(space.sympify("k > 2*g"), space.sympify("k > g")), space)
    k > 2*g
    """
    space = _space_of(cond, space)
    cond = _as_boolean(cond, space, "simplify_condition")
    return _simplify(cond, space)


def reduce_condition(cond: Any, space: ParameterSpace | None = None, *, simplify: bool = True) -> Boolean:
    """``true`` / ``false`` where the engine decides ``cond`` on the space, else the condition.

    With ``simplify=True`` an undecided condition is simplified
    (:func:`simplify_condition`); with ``simplify=False`` only its decided
    conjuncts are replaced by ``true``/``false``. Conditions on integer
    parameters (nonlinear integer arithmetic is undecidable) are returned as
    they are.

    Examples
    --------
    >>> s = ParameterSpace({"d": "(0, 1)", "a": "positive"})
    >>> reduce_condition("d < 1", s), reduce_condition("d > 1", s), reduce_condition("(a > d) & (d < 1)", s)
    (True, False, a > d)
    """
    space = _space_of(cond, space)
    cond = _as_boolean(cond, space, "reduce_condition")
    if cond in (sympy.true, sympy.false) or not len(space) \
            or any(s.is_integer for s in cond.free_symbols):
        return cond
    if is_satisfiable(cond, space) is False:
        return sympy.false
    if is_valid(cond, space) is True:
        return sympy.true
    if simplify:
        return simplify_condition(cond, space)
    if isinstance(cond, sympy.And):
        return sympy.And(*[reduce_condition(a, space, simplify=False) for a in cond.args])
    return cond


def require_condition(cond: Any, space: ParameterSpace, *, func: str, arg: str, expected: str,
                      got: Any) -> None:
    """Raise :class:`~games.errors.ParameterError` unless ``cond`` can hold somewhere on the space.

    For argument checks: ``require_condition(d < 1, space, func="bargain",
    arg="discount", expected="in (0, 1)", got=d)``.

    Examples
    --------
    >>> s = ParameterSpace({"d": "positive"})
    >>> require_condition(s["d"] < 1, s, func="f", arg="d", expected="below 1", got=s["d"])
    >>> require_condition(s["d"] < 0, s, func="f", arg="d", expected="negative", got=s["d"])
    Traceback (most recent call last):
    ...
    games.errors.ParameterError: f(): d must be negative; got d
    """
    cond = sympy.sympify(cond)
    if cond is sympy.false or (cond is not sympy.true and len(space) and is_satisfiable(cond, space) is False):
        raise ParameterError(fmt_error(func, arg, expected, got))


# --- comparisons and signs --------------------------------------------------

def compare(a: Any, b: Any, space: ParameterSpace | None = None) -> str | None:
    """The relation between ``a`` and ``b`` that holds everywhere on the space.

    Returns ``"="``, ``">"``, ``"<"``, ``">="``, ``"<="`` or ``None`` when no
    relation holds everywhere (the comparison depends on the parameters) or
    it cannot be decided.

    Examples
    --------
    >>> space = ParameterSpace({"g": "positive", "f": "positive"}, ["f > g"])
    >>> compare(space["g"] - space["f"], 0, space), compare(space["g"], 1, space)
    ('<', None)
    >>> compare(sympy.Rational(1, 2), 0.5)
    '='
    """
    a, b = sympy.sympify(a), sympy.sympify(b)
    d = sympy.expand(a - b) if not (a.is_number and b.is_number) else a - b
    if d.is_number:
        if d == 0:
            return "="
        return ">" if d > 0 else "<"
    space = _space_of(d, space)
    if sympy.simplify(d) == 0:
        return "="
    for rel, tag in ((sympy.Gt(d, 0), ">"), (sympy.Lt(d, 0), "<")):
        if is_valid(rel, space):
            return tag
    if is_valid(sympy.Eq(d, 0), space):
        return "="
    for rel, tag in ((sympy.Ge(d, 0), ">="), (sympy.Le(d, 0), "<=")):
        if is_valid(rel, space):
            return tag
    return None


def sign(expr: Any, space: ParameterSpace | None = None) -> SignResult:
    """The sign of ``expr`` on the space, with how it was established.

    First factor by factor from the symbols' assumptions, then by z3 (exact
    for polynomial and rational expressions), else by sampling.

    Examples
    --------
    >>> s = ParameterSpace({"d1": "(0, 1)", "d2": "(0, 1)"})
    >>> share = (1 - s["d2"]) / (1 - s["d1"] * s["d2"])
    >>> r = sign(sympy.diff(share, s["d1"]), s)
    >>> r.sign, r.method
    ('+', 'z3')
    >>> sign(s["d1"] - s["d2"], s).sign
    'ambiguous'
    """
    space = _space_of(sympy.sympify(expr), space)
    e = space.sympify(expr, func="sign", arg="expr") if isinstance(expr, str) else sympy.sympify(expr)
    e = e.xreplace({s: space.symbol(s.name) for s in e.free_symbols if s.name in space})
    if e.is_zero or (e.is_number and e == 0):
        return SignResult("0", "assumptions")
    if e.is_positive:
        return SignResult("+", "assumptions")
    if e.is_negative:
        return SignResult("-", "assumptions")
    e = canonical_difference(e)
    if e == 0:
        return SignResult("0", "assumptions")
    fac = sympy.factor(e)
    sgn = 1
    unknown = []
    for f in sympy.Mul.make_args(fac):
        s = _known_sign(f)
        if s is None:
            unknown.append(f)
        elif s == 0:
            return SignResult("0", "assumptions")
        else:
            sgn *= s
    if not unknown:
        return SignResult("+" if sgn > 0 else "-", "assumptions")
    rest = sympy.Mul(*unknown) * sgn
    pos = decide(sympy.Gt(rest, 0), space)
    neg = decide(sympy.Lt(rest, 0), space)
    n = max(pos.n_samples, neg.n_samples)
    wit = {}
    if pos.witness_true:
        wit["+"] = pos.witness_true
    if neg.witness_true:
        wit["-"] = neg.witness_true
    if pos.status != "unknown" and neg.status != "unknown":
        method = "z3" if "exact" not in (pos.method, neg.method) else "exact"
        if pos.status == "always":
            return SignResult("+", method, wit)
        if neg.status == "always":
            return SignResult("-", method, wit)
        if pos.status == "never" and neg.status == "never":
            return SignResult("0", method)
        if neg.status == "never":
            return SignResult("nonnegative" if "+" in wit else "0", method, wit)
        if pos.status == "never":
            return SignResult("nonpositive", method, wit)
        return SignResult("ambiguous", method, wit)
    if "+" in wit and "-" in wit:
        # both witnesses were checked by exact substitution: a proof
        return SignResult("ambiguous", "exact", wit, n)
    if "+" in wit and pos.evidence == "always":
        return SignResult("+", "sampled", wit, n)
    if "-" in wit and neg.evidence == "always":
        return SignResult("-", "sampled", wit, n)
    return SignResult("unknown", "sampled", wit, n)
