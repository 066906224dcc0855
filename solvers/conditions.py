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
import z3
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
    method : {"trivial", "z3", "sampled"}
        How the status was established; ``"sampled"`` means no proof.
    witness_true, witness_false : dict or None
        A point (name -> number) where the condition holds / fails.
    n_samples : int
        Points drawn when ``method == "sampled"``.
    """

    status: str
    method: str
    witness_true: dict | None = None
    witness_false: dict | None = None
    n_samples: int = 0


@dataclass(frozen=True)
class SignResult:
    """The sign of an expression on a parameter space.

    Attributes
    ----------
    sign : {"+", "-", "0", "nonnegative", "nonpositive", "ambiguous", "unknown"}
    method : {"assumptions", "z3", "sampled"}
        ``"assumptions"`` and ``"z3"`` are proofs; ``"sampled"`` is not.
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
        return self.method in ("assumptions", "z3")


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
    def __init__(self, space: ParameterSpace):
        self.space = space
        self.vars: dict[sympy.Symbol, Any] = {}
        self.side: list[Any] = []  # denominators != 0
        for p, s in zip(space.parameters, space.symbols):
            self.vars[s] = z3.Int(p.name) if p.is_integer else z3.Real(p.name)

    def expr(self, e: sympy.Expr):
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
                n = int(x)
                zb = self.expr(b)
                if n == 0:
                    return z3.RealVal(1)
                pw = zb
                for _ in range(abs(n) - 1):
                    pw = pw * zb
                if n < 0:
                    self.side.append(zb != 0)
                    return 1 / pw
                return pw
            raise _NotPolynomial(str(e))
        raise _NotPolynomial(str(e))

    def boolean(self, c: Boolean):
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
    ctx = _space_context(space)
    if ctx is None:
        return "nonpoly", None
    tr, assume = ctx
    tr.side = []
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
    f = sympy.lambdify(space.symbols, cond, modules="numpy")
    with np.errstate(all="ignore"):
        val = np.broadcast_to(np.asarray(f(*(cols[nm] for nm in space.names)), dtype=bool), (n,))
    return val, cols


def _row(cols: Mapping[str, np.ndarray], i: int) -> dict:
    return {nm: float(c[i]) for nm, c in cols.items()}


def decide(cond: Any, space: ParameterSpace | None = None) -> Decision:
    """Decide whether ``cond`` holds always, never or sometimes on ``space``.

    Parameters
    ----------
    cond : sympy Boolean, relation, str or bool
    space : ParameterSpace, optional
        Defaults to a space read off the symbols' assumptions.

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
    """
    space = _space_of(cond, space)
    cond = _as_boolean(cond, space, "decide")
    if cond is sympy.true:
        return Decision("always", "trivial")
    if cond is sympy.false:
        return Decision("never", "trivial")
    st1, w1 = _z3_check(cond, space)
    if st1 == "unsat":
        return Decision("never", "z3")
    if st1 in ("sat",):
        st2, w2 = _z3_check(sympy.Not(cond), space)
        if st2 == "unsat":
            return Decision("always", "z3", witness_true=w1)
        if st2 == "sat":
            return Decision("sometimes", "z3", witness_true=w1, witness_false=w2)
    # sampling fallback (non-polynomial, or z3 gave up)
    try:
        val, cols = _sample_eval(cond, space, N_SAMPLES)
    except (ParameterError, TypeError, ValueError, NameError):
        return Decision("unknown", "sampled")
    wt = _row(cols, int(np.argmax(val))) if val.any() else None
    wf = _row(cols, int(np.argmin(val))) if not val.all() else None
    if st1 == "sat":
        wt = w1
    status = "sometimes" if (wt and wf) else ("unknown" if not (wt or wf) else ("always?" if wt else "never?"))
    # a sample never proves "always"/"never": report it as unknown with witnesses
    status = {"always?": "unknown", "never?": "unknown"}.get(status, status)
    return Decision(status, "sampled", witness_true=wt, witness_false=wf, n_samples=N_SAMPLES)


def is_satisfiable(cond: Any, space: ParameterSpace | None = None) -> bool | None:
    """True if ``cond`` holds somewhere on the space, False if nowhere, None if undecided.

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


def normalize_relation(rel: sympy.core.relational.Relational) -> Boolean:
    """Rewrite ``a op b`` readably: clear known-sign factors and denominators, positive terms left.

    Uses only the symbols' own assumptions (positive, nonnegative, ...).

    Examples
    --------
    >>> f, g, k = sympy.symbols("f g k", positive=True)
    >>> normalize_relation(sympy.Lt(k*(g - f), 0))
    g < f
    >>> normalize_relation(sympy.Gt(g/(g + f), sympy.Rational(1, 2)))
    g > f
    """
    if not isinstance(rel, sympy.core.relational.Relational):
        return rel
    op = rel.rel_op
    d = sympy.together(rel.lhs - rel.rhs)
    num, den = sympy.fraction(d)
    flip = False
    sd = _known_sign(den)
    if sd is None:
        expr = sympy.expand(d)
    else:
        if sd < 0:
            flip = not flip
        expr = num
        fac = sympy.factor_terms(expr)
        coeff, factors = fac.as_coeff_mul()
        keep = []
        for fct in factors:
            s = _known_sign(fct)
            if s is None or s == 0:
                keep.append(fct)
            elif s < 0:
                flip = not flip
        if coeff < 0:
            flip = not flip
        expr = sympy.expand(sympy.Mul(*keep))
    if expr.is_number:
        return sympy.sympify(rel.func(expr if not flip else -expr, 0))
    if flip:
        op = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}[op]
    terms = sympy.Add.make_args(expr)
    pos = [t for t in terms if t.could_extract_minus_sign() is False]
    neg = [-t for t in terms if t.could_extract_minus_sign() is True]
    lhs, rhs = sympy.Add(*pos), sympy.Add(*neg)
    if lhs == 0 and rhs != 0:
        # "0 > x" reads better as "x < 0"
        lhs, rhs = rhs, sympy.Integer(0)
        op = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}[op]
    ops = {"<": sympy.StrictLessThan, "<=": sympy.LessThan, ">": sympy.StrictGreaterThan,
           ">=": sympy.GreaterThan, "==": sympy.Eq, "!=": sympy.Ne}
    return ops[op](lhs, rhs)


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
    fac = sympy.factor(sympy.together(e))
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
    method = "z3" if pos.method in ("z3", "trivial") and neg.method in ("z3", "trivial") else "sampled"
    n = max(pos.n_samples, neg.n_samples)
    wit = {}
    if pos.witness_true:
        wit["+"] = pos.witness_true
    if neg.witness_true:
        wit["-"] = neg.witness_true
    if method == "z3":
        if pos.status == "always":
            return SignResult("+", "z3", wit)
        if neg.status == "always":
            return SignResult("-", "z3", wit)
        if pos.status == "never" and neg.status == "never":
            return SignResult("0", "z3")
        if neg.status == "never":
            return SignResult("nonnegative" if "+" in wit else "0", "z3", wit)
        if pos.status == "never":
            return SignResult("nonpositive", "z3", wit)
        return SignResult("ambiguous", "z3", wit)
    if "+" in wit and "-" in wit:
        return SignResult("ambiguous", "sampled", wit, n)
    if "+" in wit:
        return SignResult("+", "sampled", wit, n)
    if "-" in wit:
        return SignResult("-", "sampled", wit, n)
    return SignResult("unknown", "sampled", wit, n)
