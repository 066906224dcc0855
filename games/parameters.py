"""Parameter spaces: named sympy symbols with domains and constraints.

A :class:`ParameterSpace` is the single source of truth about a model's
parameters: the sympy symbols (with the right assumptions), what a valid
numeric point is, how to sample and grid the space, and the assumptions the
condition engine reasons under. Its rows are :class:`Parameter` objects
(:mod:`games.parameter_table`); names and the expression parser live in
:mod:`games.parameter_names`; numeric points, windows, samples and grids
in :mod:`games.parameter_points`.
"""

from __future__ import annotations

import threading
from typing import Any, Iterable, Mapping

import sympy

from games.errors import ParameterError, fmt_error
from games.parameter_names import eval_srepr, name_problem, parse_text
from games.parameter_points import WINDOW_SPAN, SpacePoints, violates
from games.parameter_table import Parameter

__all__ = ["Parameter", "ParameterSpace", "name_problem", "WINDOW_SPAN"]


def _as_parameter(name: str, spec: Any) -> Parameter:
    if isinstance(spec, Parameter):
        return spec
    if isinstance(spec, str):
        return Parameter(name, spec)
    if isinstance(spec, (tuple, list)) and 1 <= len(spec) <= 4:
        return Parameter(name, *spec)
    if isinstance(spec, Mapping):
        return Parameter(name, **spec)
    raise ParameterError(fmt_error("ParameterSpace", f"parameters[{name!r}]",
                                   "a domain string, a (domain, latex, description[, default]) tuple or a Parameter",
                                   spec))


def _row_parameter(row: Any, i: int) -> Parameter:
    if isinstance(row, Parameter):
        return row
    if isinstance(row, Mapping):
        try:
            return Parameter(**row)
        except TypeError as err:
            raise ParameterError(fmt_error("ParameterSpace.from_table", f"rows[{i}]",
                                           "a mapping with keys name, domain, latex, meaning, default", row)) from err
    if isinstance(row, (tuple, list)) and 1 <= len(row) <= 5 and isinstance(row[0], str):
        return Parameter(*row)
    raise ParameterError(fmt_error("ParameterSpace.from_table", f"rows[{i}]",
                                   "a (name, domain, latex, meaning, default) tuple (the last three optional), "
                                   "a mapping or a Parameter", row))


# Whether a space (by content) is non-empty, decided once by the condition engine.
_NONEMPTY: dict[tuple, bool | None] = {}
_CHECKING = threading.local()


class ParameterSpace(SpacePoints):
    """Named parameters with domains and constraints; immutable and hashable.

    Parameters
    ----------
    parameters : iterable of Parameter, or mapping
        Either :class:`Parameter` objects or a mapping from name to a domain
        string, a ``(domain, latex, description)`` tuple or a Parameter.
    constraints : iterable of str or sympy relations
        Extra constraints such as ``"fine > gain"``.

    Raises
    ------
    ParameterError
        For a malformed or duplicate parameter, a constraint that is not a
        relation in the parameters, and constraints that no point of the
        domains satisfies (an empty space, decided by
        :func:`games.conditions.is_satisfiable`).

    See Also
    --------
    from_table : the space from a paper's parameter table (with defaults).

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

    __slots__ = ("_params", "_symbols", "_constraints", "_by_name", "_hash", "_checker",
                 "_assumptions")

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
            raise ParameterError(fmt_error("ParameterSpace", "parameters", "uniquely named (a name declared twice)",
                                           sorted(dup)))
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
        object.__setattr__(self, "_assumptions", None)
        self._check_defaults()
        self._check_nonempty()

    def _check_defaults(self) -> None:
        given = {p.name: p.default for p in self._params if p.default is not None}
        if not given:
            return
        violated = self.first_violation({self.symbol(n): _exact(v) for n, v in given.items()})
        if violated is not None:
            raise ParameterError(fmt_error("ParameterSpace", "defaults", f"a point satisfying {violated}", given))

    def _check_nonempty(self) -> None:
        """Refuse constraints that no point of the domains satisfies (answer cached per space)."""
        if not self._constraints or getattr(_CHECKING, "active", False):
            return
        key = self._hashable_content()
        if key not in _NONEMPTY:
            from games.conditions import is_satisfiable  # lazy: the engine imports this module

            _CHECKING.active = True
            try:
                _NONEMPTY[key] = is_satisfiable(sympy.And(*self._constraints), self)
            except (ParameterError, TypeError, ValueError):
                _NONEMPTY[key] = None
            finally:
                _CHECKING.active = False
        if _NONEMPTY[key] is False:
            doms = ", ".join(f"{p.name}: {p.domain}" for p in self._params
                             if any(p.name == s.name for c in self._constraints for s in c.free_symbols))
            raise ParameterError(fmt_error(
                "ParameterSpace", "constraints",
                f"satisfiable together with the domains ({doms}); they contradict each other (no point satisfies them all: the space is empty)",
                [str(c) for c in self._constraints]))

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
            doms = ", ".join(f"{p.name}: {p.domain}" for p in self._params)
            raise ParameterError(fmt_error("ParameterSpace", "constraints",
                                           f"satisfiable on the domains ({doms}); this one never holds", c))
        return expr

    # --- symbols -------------------------------------------------------
    def sympify(self, expr: Any, *, func: str = "ParameterSpace.sympify", arg: str = "expr",
                allow_new_symbols: bool = False) -> sympy.Basic:
        """Parse a string or expression in the space's symbols.

        In a string every bare name must be a parameter of the space (so
        ``"O"`` is the parameter ``O`` or an error, never sympy's ``Order``;
        ``"abc"`` never silently becomes a new parameter); names followed by
        ``(`` must be sympy functions (``sqrt``, ``Piecewise``, ``Max``...).
        Symbols with a parameter's name are replaced by the space's symbol
        (which carries the domain's assumptions).

        Parameters
        ----------
        expr : str, number or sympy expression
        func, arg : str
            Names used in error messages.
        allow_new_symbols : bool, default False
            Read undeclared names in a string as new real symbols instead of
            refusing them (a name sympy reads as something else, such as
            ``O``, is still refused).

        Raises
        ------
        ParameterError
            For a malformed string, an undeclared name, an unknown function.

        Examples
        --------
        >>> ParameterSpace({"a": "positive"}).sympify("a + 1").free_symbols
        {a}
        >>> ParameterSpace({"a": "positive"}).sympify("a + abc")
        Traceback (most recent call last):
        ...
        games.errors.ParameterError: ParameterSpace.sympify(): expr must be an expression in the parameters ['a'] (declare every name in the ParameterSpace, or pass allow_new_symbols=True); got 'a + abc (unknown: abc)'
        >>> ParameterSpace({"a": "positive"}).sympify("a*O", allow_new_symbols=True)
        Traceback (most recent call last):
        ...
        games.errors.ParameterError: ParameterSpace.sympify(): expr must be an expression in the parameters ['a'] ('O' is not declared and is a name sympy reads as Order, not a symbol (try 'O_' or a longer name)); got 'a*O'
        """
        local = {p.name: s for p, s in zip(self._params, self._symbols)}
        if isinstance(expr, str):
            out = parse_text(expr, local, func=func, arg=arg, allow_new_symbols=allow_new_symbols,
                              declared=list(self.names))
        elif isinstance(expr, (sympy.Basic, int, float)):
            out = sympy.sympify(expr)
        else:
            raise ParameterError(fmt_error(func, arg, "a string or sympy expression", expr))
        repl = {s: local[s.name] for s in out.free_symbols
                if isinstance(s, sympy.Symbol) and s.name in local and s != local[s.name]}
        if repl:
            out = out.xreplace(repl)
        unknown = sorted(s.name for s in out.free_symbols if s.name not in local)
        if unknown and not allow_new_symbols:
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
        """Domains and constraints as one sympy Boolean (built once: the space is immutable)."""
        if self._assumptions is None:
            object.__setattr__(self, "_assumptions", sympy.And(
                *(p.domain_condition() for p in self._params), *self._constraints))
        return self._assumptions

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
        def row(p: Parameter) -> dict:
            d = {"name": p.name, "domain": p.domain, "latex": p.latex, "description": p.description}
            if p.default is not None:
                d["default"] = p.default if isinstance(p.default, (int, float, str)) else str(p.default)
            if not p.shadow:
                d["shadow"] = False
            return d
        return {"parameters": [row(p) for p in self._params],
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
        space = cls([Parameter(p.name, p.domain, p.latex, p.description, shadow=p.shadow) for p in params])
        cons = [space._rebind(eval_srepr(c)) for c in d.get("constraints", ())]
        return cls(params, cons)

    def rebind(self, expr: sympy.Basic) -> sympy.Basic:
        """``expr`` with every symbol named like a parameter replaced by the space's symbol.

        A symbol rebuilt from text (``srepr``, a file) may carry other
        assumptions than the space's symbol of the same name, and sympy
        treats the two as different; this makes them the same. Symbols that
        name no parameter are left alone.

        Parameters
        ----------
        expr : sympy.Basic
            An expression, relation or Boolean.

        Returns
        -------
        sympy.Basic
            The same expression in the space's symbols.

        Examples
        --------
        >>> s = ParameterSpace({"a": "positive"})
        >>> e = sympy.Symbol("a") + sympy.Symbol("x")
        >>> e.has(s["a"]), s.rebind(e).has(s["a"]), s.rebind(e).has(sympy.Symbol("x"))
        (False, True, True)
        """
        repl = {s: self.symbol(s.name) for s in expr.free_symbols if s.name in self}
        return expr.xreplace(repl)

    _rebind = rebind

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

        Declared defaults are kept where they satisfy the new constraints; a
        new constraint that the default point violates drops the defaults of
        its parameters (the restricted space has no default point there).

        Parameters
        ----------
        *constraints : str or sympy relation
            Relations in the space's parameters, such as ``"a < 1"``.

        Returns
        -------
        ParameterSpace

        Raises
        ------
        ParameterError
            For a constraint that is not a relation in the parameters, or
            constraints that leave the space empty.

        Examples
        --------
        >>> ParameterSpace({"a": "positive"}).restrict("a < 1").contains({"a": 2})
        False
        >>> s = ParameterSpace.from_table([("a", "positive", None, "", 2), ("b", "positive", None, "", 1)])
        >>> s.restrict("a < 1").defaults(), s.restrict("a > 1").defaults()
        ({'b': 1}, {'a': 2, 'b': 1})
        """
        new = tuple(self._parse_constraint(c) for c in constraints)
        params = self._params
        sub = {self.symbol(p.name): _exact(p.default) for p in params if p.default is not None}
        if sub and new:
            drop: set[str] = set()
            for c in new:
                if c.free_symbols <= set(sub) and violates(c, sub):
                    drop |= {x.name for x in c.free_symbols}
            params = tuple(Parameter(p.name, p.domain, p.latex, p.description, None, shadow=p.shadow)
                           if p.name in drop else p for p in params)
        return ParameterSpace(params, self._constraints + new)


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
            # a symbol object is unambiguous even when its name is also a sympy name (I, Q, beta, ...)
            params.append(Parameter(s.name, dom))
        return cls(params)

    @classmethod
    def from_table(cls, rows: Iterable[Any], constraints: Iterable[Any] = ()) -> "ParameterSpace":
        """The space of a parameter table as a paper prints it: one row per parameter.

        Parameters
        ----------
        rows : iterable
            Each row is ``(name, domain, latex, meaning, default)`` (the last
            three optional, ``None`` for "none"), a mapping with those keys
            (``shadow=True`` allowed) or a :class:`Parameter`.
        constraints : iterable of str or sympy relations
            Maintained assumptions such as ``"fine > gain"``.

        Returns
        -------
        ParameterSpace
            With :meth:`defaults`, :meth:`latex_names`, :meth:`meanings`
            and :meth:`table` for tables and figures.

        Raises
        ------
        ParameterError
            For a malformed row, a refused name (:func:`name_problem`), a
            duplicate name, a default outside its domain, defaults that
            violate a constraint, or contradictory constraints.

        Examples
        --------
        >>> space = ParameterSpace.from_table([
        ...     ("gain", "positive", "g", "violator's gain if not caught", 1),
        ...     ("fine", "positive", "F", "fine paid by a caught violator", 3),
        ...     ("p", "[0, 1]", r"\\pi", "probability of inspection", "1/2"),
        ... ], constraints=["fine > gain"])
        >>> space
        ParameterSpace({gain: positive, fine: positive, p: [0, 1]}, constraints=[fine > gain])
        >>> space.defaults()
        {'gain': 1, 'fine': 3, 'p': 1/2}
        >>> print(space.latex("fine*p - gain"))
        F \\pi - g
        >>> space.meanings()["fine"]
        'fine paid by a caught violator'
        >>> ParameterSpace.from_table([("a", "real")], constraints=["a > 1", "a < 0"])
        Traceback (most recent call last):
        ...
        games.errors.ParameterError: ParameterSpace(): constraints must be satisfiable together with the domains (a: real); they contradict each other (no point satisfies them all: the space is empty); got ['a > 1', 'a < 0']
        """
        if isinstance(rows, (str, Mapping)):
            raise ParameterError(fmt_error("ParameterSpace.from_table", "rows",
                                           "a sequence of (name, domain, latex, meaning, default) rows", rows))
        params = [_row_parameter(r, i) for i, r in enumerate(rows)]
        return cls(params, constraints)

    def defaults(self) -> dict[str, Any]:
        """The declared default values, name -> exact number (float for float defaults).

        Only parameters with a default appear; the point is checked against
        the domains and constraints when the space is built.

        Examples
        --------
        >>> ParameterSpace.from_table([("a", "positive", None, "", "0.5"), ("b", "real")]).defaults()
        {'a': 1/2}
        """
        return {p.name: _exact(p.default) for p in self._params if p.default is not None}

    def meanings(self) -> dict[str, str]:
        """Name -> one-line meaning, for tables and captions.

        Examples
        --------
        >>> ParameterSpace.from_table([("d", "(0, 1)", r"\\delta", "discount factor")]).meanings()
        {'d': 'discount factor'}
        """
        return {p.name: p.description for p in self._params}

    def table(self) -> list[tuple]:
        """The parameter table: one ``(name, domain, latex, meaning, default)`` row per parameter.

        ``ParameterSpace.from_table(space.table(), space.constraints) == space``.

        Examples
        --------
        >>> ParameterSpace.from_table([("d", "(0, 1)", r"\\delta", "discount factor", "9/10")]).table()
        [('d', '(0, 1)', '\\\\delta', 'discount factor', '9/10')]
        """
        return [p.to_row() for p in self._params]



def _exact(v: Any) -> Any:
    from games.values import to_value

    return to_value(v, func="ParameterSpace", arg="default")

