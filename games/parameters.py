"""Parameter spaces: named sympy symbols with domains and constraints.

A :class:`ParameterSpace` is the single source of truth about a model's
parameters: the sympy symbols (with the right assumptions), what a valid
numeric point is, how to sample and grid the space, and the assumptions the
condition engine reasons under.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

import numpy as np
import sympy

from games.errors import ParameterError, fmt_error

__all__ = ["Parameter", "ParameterSpace"]

_NAMED_DOMAINS = {
    "real": (None, None, True, True, False),
    "positive": (0, None, True, True, False),
    "nonnegative": (0, None, False, True, False),
    "negative": (None, 0, True, True, False),
    "nonpositive": (None, 0, True, False, False),
    "integer": (None, None, True, True, True),
    "positive_integer": (1, None, False, True, True),
    "nonnegative_integer": (0, None, False, True, True),
}
_INTERVAL = re.compile(r"^\s*([\(\[])\s*([^,]+?)\s*,\s*([^,]+?)\s*([\)\]])\s*$")
# Unbounded domains are sampled from a finite window of this width.
_SAMPLE_SPAN = 10.0


def _bound(text: str) -> sympy.Expr | None:
    t = text.strip()
    if t in ("oo", "inf", "+oo", "+inf", "-oo", "-inf"):
        return None
    return sympy.Rational(t) if re.fullmatch(r"[-+]?\d+(\.\d*)?(/\d+)?", t) else sympy.sympify(t)


@dataclass(frozen=True)
class Parameter:
    """One named parameter of a model.

    Parameters
    ----------
    name : str
        A Python identifier (``"fine"``).
    domain : str
        ``"real"``, ``"positive"``, ``"nonnegative"``, ``"negative"``,
        ``"nonpositive"``, ``"integer"``, ``"positive_integer"``,
        ``"nonnegative_integer"`` or an interval such as ``"(0, 1)"``,
        ``"[0, 1]"``, ``"(0, 1]"``, ``"[0, oo)"``.
    latex : str, optional
        LaTeX name used when printing (``r"\\delta_G"``); defaults to sympy's.
    description : str
        One line saying what the parameter means.

    Examples
    --------
    >>> Parameter("delta", "(0, 1)", latex=r"\\delta").bounds
    (0, 1, True, True)
    """

    name: str
    domain: str = "real"
    latex: str | None = None
    description: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.isidentifier():
            raise ParameterError(fmt_error("Parameter", "name", "a Python identifier", self.name))
        if not isinstance(self.domain, str):
            raise ParameterError(fmt_error("Parameter", "domain", "a domain name or interval string", self.domain))
        self._parse()

    def _parse(self):
        d = self.domain.strip()
        if d in _NAMED_DOMAINS:
            lo, hi, lo_open, hi_open, integer = _NAMED_DOMAINS[d]
            return (None if lo is None else sympy.Integer(lo), None if hi is None else sympy.Integer(hi),
                    lo_open, hi_open, integer)
        m = _INTERVAL.match(d)
        if not m:
            raise ParameterError(fmt_error(
                "Parameter", "domain",
                "one of " + ", ".join(sorted(_NAMED_DOMAINS)) + " or an interval like '(0, 1)'", self.domain))
        try:
            lo, hi = _bound(m.group(2)), _bound(m.group(3))
        except (sympy.SympifyError, TypeError, ValueError) as err:
            raise ParameterError(fmt_error("Parameter", "domain", "an interval with numeric bounds", self.domain)) from err
        if (lo is not None and not lo.is_number) or (hi is not None and not hi.is_number):
            raise ParameterError(fmt_error("Parameter", "domain", "an interval with numeric bounds", self.domain))
        if lo is not None and hi is not None and not (lo < hi):
            raise ParameterError(fmt_error("Parameter", "domain", "an interval with lower < upper", self.domain))
        return lo, hi, m.group(1) == "(" or lo is None, m.group(4) == ")" or hi is None, False

    @property
    def bounds(self) -> tuple:
        """``(lower, upper, lower_open, upper_open)``; ``None`` for unbounded."""
        lo, hi, lo_open, hi_open, _ = self._parse()
        return lo, hi, lo_open, hi_open

    @property
    def is_integer(self) -> bool:
        """Whether the parameter takes integer values only."""
        return self._parse()[4]

    @property
    def symbol(self) -> sympy.Symbol:
        """The sympy symbol, with assumptions implied by the domain."""
        lo, hi, lo_open, hi_open, integer = self._parse()
        assumptions: dict[str, bool] = {"real": True}
        if integer:
            assumptions["integer"] = True
        if lo is not None and (lo > 0 or (lo == 0 and lo_open)):
            assumptions["positive"] = True
        elif lo is not None and lo >= 0:
            assumptions["nonnegative"] = True
        elif hi is not None and (hi < 0 or (hi == 0 and hi_open)):
            assumptions["negative"] = True
        elif hi is not None and hi <= 0:
            assumptions["nonpositive"] = True
        return sympy.Symbol(self.name, **assumptions)

    def domain_condition(self) -> sympy.Basic:
        """The domain as a sympy Boolean in the parameter's symbol."""
        lo, hi, lo_open, hi_open, _ = self._parse()
        s = self.symbol
        parts = []
        if lo is not None:
            parts.append(sympy.StrictGreaterThan(s, lo, evaluate=False) if lo_open
                         else sympy.GreaterThan(s, lo, evaluate=False))
        if hi is not None:
            parts.append(sympy.StrictLessThan(s, hi, evaluate=False) if hi_open
                         else sympy.LessThan(s, hi, evaluate=False))
        return sympy.And(*parts) if parts else sympy.true

    def latex_name(self) -> str:
        """LaTeX for the symbol: the declared one or sympy's."""
        return self.latex if self.latex else sympy.latex(self.symbol)


def _as_parameter(name: str, spec: Any) -> Parameter:
    if isinstance(spec, Parameter):
        return spec
    if isinstance(spec, str):
        return Parameter(name, spec)
    if isinstance(spec, (tuple, list)) and 1 <= len(spec) <= 3:
        return Parameter(name, *spec)
    if isinstance(spec, Mapping):
        return Parameter(name, **spec)
    raise ParameterError(fmt_error("ParameterSpace", f"parameters[{name!r}]",
                                   "a domain string, a (domain, latex, description) tuple or a Parameter", spec))


class ParameterSpace:
    """Named parameters with domains and constraints; immutable and hashable.

    Parameters
    ----------
    parameters : iterable of Parameter, or mapping
        Either :class:`Parameter` objects or a mapping from name to a domain
        string, a ``(domain, latex, description)`` tuple or a Parameter.
    constraints : iterable of str or sympy relations
        Extra constraints such as ``"fine > gain"``.

    Examples
    --------
    >>> space = ParameterSpace({"gain": "positive", "fine": ("positive", "f", "fine if caught")},
    ...                        constraints=["fine > gain"])
    >>> space["fine"], space["fine"].is_positive
    (fine, True)
    >>> space.contains({"gain": 1, "fine": 2}), space.contains({"gain": 2, "fine": 1})
    (True, False)
    >>> space.check({"gain": 2, "fine": 1})
    Traceback (most recent call last):
    ...
    games.errors.ParameterError: ParameterSpace.check(): point must be a point satisfying fine > gain; got {'gain': 2, 'fine': 1}
    """

    __slots__ = ("_params", "_symbols", "_constraints", "_by_name", "_hash", "_checker")

    def __init__(self, parameters: Iterable[Parameter] | Mapping[str, Any] = (),
                 constraints: Iterable[Any] = ()) -> None:
        if isinstance(parameters, Mapping):
            params = tuple(_as_parameter(k, v) for k, v in parameters.items())
        else:
            params = tuple(parameters)
            for p in params:
                if not isinstance(p, Parameter):
                    raise ParameterError(fmt_error("ParameterSpace", "parameters",
                                                   "Parameter objects or a mapping", p))
        names = [p.name for p in params]
        dup = {n for n in names if names.count(n) > 1}
        if dup:
            raise ParameterError(fmt_error("ParameterSpace", "parameters", "uniquely named", sorted(dup)))
        object.__setattr__(self, "_params", params)
        object.__setattr__(self, "_symbols", tuple(p.symbol for p in params))
        object.__setattr__(self, "_by_name", {p.name: p for p in params})
        if isinstance(constraints, (str, sympy.Basic)):
            constraints = [constraints]
        cons = tuple(self._parse_constraint(c) for c in constraints)
        cons = tuple(c for c in cons if c is not sympy.true)
        object.__setattr__(self, "_constraints", cons)
        object.__setattr__(self, "_hash", None)
        object.__setattr__(self, "_checker", None)

    def __setattr__(self, key, value):
        raise AttributeError("ParameterSpace is immutable")

    def __reduce__(self):
        # pickling (process pools, dask workers) goes through the rebuild law
        return (ParameterSpace.from_dict, (self.to_dict(),))

    def _parse_constraint(self, c: Any) -> sympy.Basic:
        expr = self.sympify(c, func="ParameterSpace", arg="constraints")
        if not isinstance(expr, sympy.logic.boolalg.Boolean):
            raise ParameterError(fmt_error("ParameterSpace", "constraints",
                                           "relations such as 'fine > gain'", c))
        if expr is sympy.false:
            raise ParameterError(fmt_error("ParameterSpace", "constraints", "satisfiable", c))
        return expr

    # --- symbols -------------------------------------------------------
    def sympify(self, expr: Any, *, func: str = "ParameterSpace.sympify", arg: str = "expr") -> sympy.Basic:
        """Parse a string or expression in the space's symbols.

        Symbols with a parameter's name are replaced by the space's symbol
        (which carries the domain's assumptions).

        Examples
        --------
        >>> ParameterSpace({"a": "positive"}).sympify("a + 1").free_symbols
        {a}
        """
        local = {p.name: s for p, s in zip(self._params, self._symbols)}
        if isinstance(expr, str):
            try:
                out = sympy.sympify(expr, locals=local)
            except (sympy.SympifyError, SyntaxError, TypeError) as err:
                raise ParameterError(fmt_error(func, arg, "a valid expression", expr)) from err
        elif isinstance(expr, (sympy.Basic, int, float)):
            out = sympy.sympify(expr)
        else:
            raise ParameterError(fmt_error(func, arg, "a string or sympy expression", expr))
        repl = {s: local[s.name] for s in out.free_symbols
                if isinstance(s, sympy.Symbol) and s.name in local and s != local[s.name]}
        if repl:
            out = out.xreplace(repl)
        unknown = sorted(s.name for s in out.free_symbols if s.name not in local)
        if unknown:
            raise ParameterError(fmt_error(func, arg, f"an expression in the parameters {list(self.names)}",
                                           f"{expr} (unknown: {', '.join(unknown)})"))
        return out

    def __getitem__(self, name: str) -> sympy.Symbol:
        return self.symbol(name)

    def symbol(self, name: str) -> sympy.Symbol:
        """The symbol of parameter ``name``."""
        if isinstance(name, sympy.Symbol):
            name = name.name
        try:
            return self._symbols[self.names.index(name)]
        except ValueError:
            raise ParameterError(fmt_error("ParameterSpace", "name", f"one of {list(self.names)}", name)) from None

    def parameter(self, name: str) -> Parameter:
        """The :class:`Parameter` called ``name``."""
        self.symbol(name)
        return self._by_name[name if isinstance(name, str) else name.name]

    @property
    def parameters(self) -> tuple[Parameter, ...]:
        return self._params

    @property
    def symbols(self) -> tuple[sympy.Symbol, ...]:
        return self._symbols

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self._params)

    @property
    def constraints(self) -> tuple[sympy.Basic, ...]:
        return self._constraints

    @property
    def assumptions(self) -> sympy.Basic:
        """Domains and constraints as one sympy Boolean."""
        return sympy.And(*(p.domain_condition() for p in self._params), *self._constraints)

    def latex_names(self) -> dict[sympy.Symbol, str]:
        """Map each symbol to its LaTeX name (for ``sympy.latex(..., symbol_names=...)``)."""
        return {s: p.latex_name() for p, s in zip(self._params, self._symbols)}

    def latex(self, expr: Any) -> str:
        """LaTeX of an expression with the parameters' declared LaTeX names.

        Examples
        --------
        >>> ParameterSpace({"delta": ("(0, 1)", r"\\delta")}).latex("1 - delta")
        '1 - \\\\delta'
        """
        e = expr if isinstance(expr, sympy.Basic) else self.sympify(expr)
        return sympy.latex(e, symbol_names=self.latex_names())

    def __len__(self) -> int:
        return len(self._params)

    def __iter__(self):
        return iter(self.names)

    def __contains__(self, name: object) -> bool:
        if isinstance(name, sympy.Symbol):
            return name in self._symbols
        return name in self._by_name

    # --- value semantics ------------------------------------------------
    def _hashable_content(self) -> tuple:
        return (self._params, tuple(sympy.srepr(c) for c in self._constraints))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ParameterSpace) and self._hashable_content() == other._hashable_content()

    def __hash__(self) -> int:
        if self._hash is None:
            object.__setattr__(self, "_hash", hash(self._hashable_content()))
        return self._hash

    def __repr__(self) -> str:
        ps = ", ".join(f"{p.name}: {p.domain}" for p in self._params)
        cs = ", ".join(str(c) for c in self._constraints)
        return f"ParameterSpace({{{ps}}}" + (f", constraints=[{cs}])" if cs else ")")

    def to_dict(self) -> dict:
        """A JSON-ready dictionary; :meth:`from_dict` rebuilds the space."""
        return {"parameters": [{"name": p.name, "domain": p.domain, "latex": p.latex,
                                "description": p.description} for p in self._params],
                "constraints": [sympy.srepr(c) for c in self._constraints]}

    @classmethod
    def from_dict(cls, d: Mapping) -> "ParameterSpace":
        """Rebuild a space from :meth:`to_dict` output.

        Examples
        --------
        >>> s = ParameterSpace({"a": "positive", "b": "(0, 1)"}, ["a > b"])
        >>> ParameterSpace.from_dict(s.to_dict()) == s
        True
        """
        params = [Parameter(**p) for p in d["parameters"]]
        space = cls(params)
        cons = [space._rebind(eval_srepr(c)) for c in d.get("constraints", ())]
        return cls(params, cons)

    def _rebind(self, expr: sympy.Basic) -> sympy.Basic:
        repl = {s: self.symbol(s.name) for s in expr.free_symbols if s.name in self}
        return expr.xreplace(repl)

    def merge(self, other: "ParameterSpace") -> "ParameterSpace":
        """The union of two spaces; a name declared twice must agree.

        Examples
        --------
        >>> ParameterSpace({"a": "positive"}).merge(ParameterSpace({"b": "real"})).names
        ('a', 'b')
        """
        params = list(self._params)
        for p in other._params:
            if p.name in self._by_name:
                if self._by_name[p.name].domain != p.domain:
                    raise ParameterError(fmt_error("ParameterSpace.merge", "other",
                                                   f"the same domain for {p.name!r}", p.domain))
            else:
                params.append(p)
        return ParameterSpace(params, self._constraints + other._constraints)

    def restrict(self, *constraints: Any) -> "ParameterSpace":
        """The space with extra constraints.

        Examples
        --------
        >>> ParameterSpace({"a": "positive"}).restrict("a < 1").contains({"a": 2})
        False
        """
        return ParameterSpace(self._params, self._constraints + tuple(self._parse_constraint(c) for c in constraints))

    # --- points ---------------------------------------------------------
    def point(self, point: Mapping[Any, Any], *, func: str = "ParameterSpace.check",
              partial: bool = False) -> dict[sympy.Symbol, Any]:
        """Validate a numeric point and key it by symbol.

        Keys may be names or symbols. Values may be ints, Fractions, floats
        or sympy numbers; exact values stay exact.

        Raises
        ------
        ParameterError
            For unknown or missing names, non-finite values, and points
            outside the space (the message names the violated domain or
            constraint).

        Examples
        --------
        >>> s = ParameterSpace({"a": "(0, 1)"})
        >>> s.point({"a": 0.5})
        {a: 0.5}
        """
        from games.values import to_value

        if not isinstance(point, Mapping):
            raise ParameterError(fmt_error(func, "point", "a mapping of parameter names to numbers", point))
        out: dict[sympy.Symbol, Any] = {}
        for k, v in point.items():
            name = k.name if isinstance(k, sympy.Symbol) else k
            if name not in self._by_name:
                raise ParameterError(fmt_error(func, "point", f"keyed by the parameters {list(self.names)}",
                                               f"unknown parameter {name!r}"))
            try:
                val = to_value(v, func=func, arg=f"point[{name!r}]")
            except ValueError as err:
                raise ParameterError(str(err)) from None
            if isinstance(val, sympy.Basic) and not val.is_number:
                raise ParameterError(fmt_error(func, f"point[{name!r}]", "a number", v))
            out[self.symbol(name)] = val
        if not partial:
            missing = [n for n in self.names if self.symbol(n) not in out]
            if missing:
                raise ParameterError(fmt_error(func, "point", f"a value for every parameter (missing {missing})",
                                               dict(point)))
        violated = self._violated(out)
        if violated is not None:
            raise ParameterError(fmt_error(func, "point", f"a point satisfying {violated}", _plain(point)))
        return out

    check = point

    def _violated(self, sub: Mapping[sympy.Symbol, Any]) -> str | None:
        for p, s in zip(self._params, self._symbols):
            if s not in sub:
                continue
            v = sub[s]
            lo, hi, lo_open, hi_open = p.bounds
            fv = float(v)
            if p.is_integer and fv != int(fv):
                return f"{p.name} integer"
            if lo is not None and (fv < float(lo) or (lo_open and _le(v, lo))):
                return f"{p.name} {'>' if lo_open else '>='} {lo}"
            if hi is not None and (fv > float(hi) or (hi_open and _le(hi, v))):
                return f"{p.name} {'<' if hi_open else '<='} {hi}"
        for c in self._constraints:
            if not c.free_symbols <= set(sub):
                continue
            val = c.xreplace(sub)
            if val is sympy.false:
                return str(c)
            if val is not sympy.true:
                # e.g. floats on both sides that sympy could not decide
                try:
                    if not bool(val.simplify()):
                        return str(c)
                except TypeError:
                    return str(c)
        return None

    def contains(self, point: Mapping[Any, Any]) -> bool:
        """Whether a complete numeric point lies in the space.

        Use :meth:`check` for an error naming the violated constraint.

        Examples
        --------
        >>> ParameterSpace({"d": "(0, 1)"}).contains({"d": 1})
        False
        """
        try:
            self.point(point)
        except ParameterError:
            return False
        return True

    # --- vectorised evaluation --------------------------------------------
    def mask(self, columns: Mapping[str, Any]) -> np.ndarray:
        """Boolean array: which rows of ``columns`` (name -> array) are inside the space.

        Examples
        --------
        >>> ParameterSpace({"a": "positive"}, ["a < 2"]).mask({"a": np.array([-1., 1., 3.])})
        array([False,  True, False])
        """
        cols = {n: np.asarray(columns[n], dtype=float) for n in self.names}
        n = len(next(iter(cols.values()))) if cols else 0
        ok = np.ones(n, dtype=bool)
        for p in self._params:
            x = cols[p.name]
            lo, hi, lo_open, hi_open = p.bounds
            ok &= np.isfinite(x)
            if lo is not None:
                ok &= (x > float(lo)) if lo_open else (x >= float(lo))
            if hi is not None:
                ok &= (x < float(hi)) if hi_open else (x <= float(hi))
            if p.is_integer:
                ok &= x == np.round(x)
        for c in self._constraints:
            f = sympy.lambdify(self._symbols, c, modules="numpy")
            with np.errstate(all="ignore"):
                val = np.broadcast_to(np.asarray(f(*(cols[nm] for nm in self.names)), dtype=bool), ok.shape)
            ok &= val
        return ok

    def _window(self, p: Parameter) -> tuple[float, float]:
        lo, hi, _, _ = p.bounds
        if lo is not None and hi is not None:
            return float(lo), float(hi)
        if lo is not None:
            return float(lo), float(lo) + _SAMPLE_SPAN
        if hi is not None:
            return float(hi) - _SAMPLE_SPAN, float(hi)
        return -_SAMPLE_SPAN, _SAMPLE_SPAN

    def sample_columns(self, n: int, rng: Any = None, *, max_tries: int = 200) -> dict[str, np.ndarray]:
        """``n`` random points inside the space, as columns (name -> array).

        Unbounded domains are sampled in a window of width 10 from their
        finite bound (or around 0); constraints are met by rejection.

        Raises
        ------
        ParameterError
            When no points satisfying the constraints are found (the
            constraints are contradictory or very restrictive).

        Examples
        --------
        >>> cols = ParameterSpace({"a": "(0, 1)", "b": "positive"}, ["b > a"]).sample_columns(100, rng=0)
        >>> bool(np.all(cols["b"] > cols["a"]))
        True
        """
        if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 0:
            raise ParameterError(fmt_error("ParameterSpace.sample", "n", "a nonnegative integer", n))
        gen = np.random.default_rng(rng)
        got: dict[str, list[np.ndarray]] = {nm: [] for nm in self.names}
        have = 0
        batch = max(64, 2 * n)
        for _ in range(max_tries):
            if have >= n:
                break
            cols = {}
            for p in self._params:
                lo, hi = self._window(p)
                if p.is_integer:
                    cols[p.name] = gen.integers(math.ceil(lo), math.floor(hi) + 1, size=batch).astype(float)
                else:
                    cols[p.name] = gen.uniform(lo, hi, size=batch)
            m = self.mask(cols)
            for nm in self.names:
                got[nm].append(cols[nm][m])
            have += int(m.sum())
        if have < n:
            raise ParameterError(fmt_error("ParameterSpace.sample", "constraints",
                                           "satisfiable by sampling (are they contradictory?)",
                                           [str(c) for c in self._constraints]))
        return {nm: np.concatenate(got[nm])[:n] for nm in self.names}

    def sample(self, n: int, rng: Any = None) -> list[dict[str, float]]:
        """``n`` random points inside the space, as a list of dicts.

        Examples
        --------
        >>> pts = ParameterSpace({"d": "(0, 1)"}).sample(3, rng=1)
        >>> len(pts), all(0 < p["d"] < 1 for p in pts)
        (3, True)
        """
        cols = self.sample_columns(n, rng)
        return [{nm: float(cols[nm][i]) for nm in self.names} for i in range(n)]

    def grid(self, axes: Mapping[str, Any], fixed: Mapping[str, Any] | None = None) -> dict[str, np.ndarray]:
        """A grid over some parameters with the others fixed, as columns.

        Parameters
        ----------
        axes : mapping
            Name -> a sequence of values, or an int (that many evenly
            spaced interior points of the parameter's sampling window).
        fixed : mapping, optional
            Values of the remaining parameters.

        Returns
        -------
        dict of str to ndarray
            Flattened grid columns (first axis slowest), only points inside the space.

        Examples
        --------
        >>> s = ParameterSpace({"a": "(0, 1)", "b": "(0, 1)"}, ["a < b"])
        >>> g = s.grid({"a": [0.2, 0.6], "b": [0.5, 0.9]})
        >>> g["a"].tolist(), g["b"].tolist()
        ([0.2, 0.2, 0.6], [0.5, 0.9, 0.9])
        """
        fixed = dict(fixed or {})
        for nm in list(axes) + list(fixed):
            self.symbol(nm)
        missing = [nm for nm in self.names if nm not in axes and nm not in fixed]
        if missing:
            raise ParameterError(fmt_error("ParameterSpace.grid", "fixed", f"values for {missing}", fixed))
        vals = []
        for nm, spec in axes.items():
            if isinstance(spec, (int, np.integer)) and not isinstance(spec, bool):
                lo, hi = self._window(self.parameter(nm))
                vals.append(np.linspace(lo, hi, int(spec) + 2)[1:-1])
            else:
                vals.append(np.asarray(spec, dtype=float).ravel())
        mesh = np.meshgrid(*vals, indexing="ij") if vals else []
        size = mesh[0].size if mesh else 1
        cols = {nm: m.ravel() for nm, m in zip(axes, mesh)}
        for nm, v in fixed.items():
            cols[nm] = np.full(size, float(v))
        cols = {nm: cols[nm] for nm in self.names}
        m = self.mask(cols)
        return {nm: c[m] for nm, c in cols.items()}

    @classmethod
    def empty(cls) -> "ParameterSpace":
        """A space with no parameters (numeric games)."""
        return cls(())

    @classmethod
    def from_symbols(cls, symbols: Iterable[sympy.Symbol]) -> "ParameterSpace":
        """A space whose domains are read off the symbols' assumptions.

        Examples
        --------
        >>> a = sympy.Symbol("a", positive=True)
        >>> ParameterSpace.from_symbols([a]).parameter("a").domain
        'positive'
        """
        params = []
        for s in sorted(symbols, key=lambda s: s.name):
            if s.is_integer and s.is_positive:
                dom = "positive_integer"
            elif s.is_integer and s.is_nonnegative:
                dom = "nonnegative_integer"
            elif s.is_integer:
                dom = "integer"
            elif s.is_positive:
                dom = "positive"
            elif s.is_nonnegative:
                dom = "nonnegative"
            elif s.is_negative:
                dom = "negative"
            elif s.is_nonpositive:
                dom = "nonpositive"
            else:
                dom = "real"
            params.append(Parameter(s.name, dom))
        return cls(params)


def _le(a, b) -> bool:
    """Exact a <= b for numbers (sympy or float)."""
    return bool(sympy.sympify(a) <= sympy.sympify(b))


def _plain(point: Mapping) -> dict:
    out = {}
    for k, v in point.items():
        key = k.name if isinstance(k, sympy.Symbol) else k
        out[key] = v
    return out


def eval_srepr(text: str) -> sympy.Basic:
    """Rebuild a sympy object from its ``srepr`` string (only sympy names)."""
    ns: dict[str, Any] = {}
    exec("from sympy import *", ns)  # noqa: S102 - srepr output contains only sympy constructors
    return eval(text, ns)  # noqa: S307
