"""The result protocol shared by every solver result, and the one :class:`Regime` type.

Every public result of :mod:`solvers` speaks the same protocol:

- value semantics: ``__eq__`` and ``__hash__`` over ``_hashable_content()``
  (the idea of sympy's ``Basic._hashable_content``);
- printing: ``to_latex()``, sympy's printing hook ``_latex(printer)`` (so
  ``sympy.latex(result)`` works, also inside bigger expressions),
  ``_repr_latex_`` for notebooks, a short ``__str__`` and a summary ``repr``
  that never dumps a big table;
- a rebuild law: ``type(x).from_dict(x.to_dict()) == x`` with equal hashes.

:class:`Result` gives all of that to frozen dataclasses from their fields;
classes override only what they print differently. :func:`encode` and
:func:`decode` (from :mod:`solvers.encoding`) turn values (sympy
expressions, floats, tuples, mappings, numpy arrays, nested results) into
JSON-ready data and back.

References
----------
.. [1] SymPy Development Team, "Printing" (the ``_latex`` print method
   protocol), https://docs.sympy.org/latest/modules/printing.html
"""

from __future__ import annotations

import dataclasses
from typing import Any, Iterator, Mapping

import numpy as np
import sympy
from sympy.logic.boolalg import Boolean

from games.errors import ParameterError, fmt_error
from games.parameters import ParameterSpace
from games.values import to_value
from solvers.encoding import decode, encode

__all__ = ["Result", "Regime", "FrozenMapping", "encode", "decode", "hashable", "value_at", "point_substitution",
           "clip", "listing", "latex_value", "MAX_STR"]

#: Longest ``str`` of a result before it is cut with "...".
MAX_STR = 2000


# --------------------------------------------------------------------------- #
# immutable mapping
# --------------------------------------------------------------------------- #

class FrozenMapping(Mapping):
    """A read-only, hashable mapping (insertion order kept, equality ignores order).

    Examples
    --------
    >>> m = FrozenMapping({"prices": (1, 2)})
    >>> m["prices"], dict(m)
    ((1, 2), {'prices': (1, 2)})
    >>> hash(m) == hash(FrozenMapping({"prices": (1, 2)}))
    True
    """

    __slots__ = ("_d",)

    def __init__(self, data: Any = ()) -> None:
        d = dict(data.items() if isinstance(data, Mapping) else data)
        object.__setattr__(self, "_d", {k: _freeze_value(v) for k, v in d.items()})

    def __setattr__(self, key: str, value: Any) -> None:
        raise AttributeError("FrozenMapping is immutable")

    def __getitem__(self, key: Any) -> Any:
        return self._d[key]

    def __iter__(self) -> Iterator:
        return iter(self._d)

    def __len__(self) -> int:
        return len(self._d)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self._d) == dict(other)

    def __hash__(self) -> int:
        return hash(frozenset((k, hashable(v)) for k, v in self._d.items()))

    def __reduce__(self):
        return (FrozenMapping, (dict(self._d),))

    def __repr__(self) -> str:
        return "FrozenMapping(" + repr(self._d) + ")"


def _freeze_value(v: Any) -> Any:
    """Lists become tuples and dicts FrozenMappings, recursively (arrays are made read-only)."""
    if isinstance(v, list):
        return tuple(_freeze_value(x) for x in v)
    if isinstance(v, tuple) and not hasattr(v, "_fields"):
        return tuple(_freeze_value(x) for x in v)
    if isinstance(v, dict):
        return FrozenMapping(v)
    if isinstance(v, np.ndarray):
        v = v.view()
        v.setflags(write=False)
    return v


def hashable(v: Any) -> Any:
    """A hashable stand-in for ``v`` (arrays by dtype, shape and bytes; mappings as frozensets)."""
    if isinstance(v, np.ndarray):
        return ("ndarray", str(v.dtype), v.shape, np.ascontiguousarray(v).tobytes())
    if isinstance(v, Mapping):
        return frozenset((hashable(k), hashable(x)) for k, x in v.items())
    if isinstance(v, (list, tuple)):
        return tuple(hashable(x) for x in v)
    if isinstance(v, set):
        return frozenset(hashable(x) for x in v)
    return v


# --------------------------------------------------------------------------- #
# evaluation at a point
# --------------------------------------------------------------------------- #

def _symbols_of(values: Any) -> set:
    out: set = set()
    stack = [values]
    while stack:
        v = stack.pop()
        if isinstance(v, sympy.Basic):
            out |= v.free_symbols
        elif isinstance(v, Mapping):
            stack.extend(v.values())
        elif isinstance(v, (tuple, list)):
            stack.extend(v)
    return out


def point_substitution(point: Mapping[Any, Any], values: Any, *, space: ParameterSpace | None = None,
                       func: str = "at") -> dict:
    """``{symbol: value}`` for a point given by parameter names or symbols.

    With a ``space`` the point is checked against it (partial points
    allowed); otherwise names are matched against the free symbols of
    ``values``. Exact inputs (ints, fractions, decimal strings) stay exact.

    Raises
    ------
    ParameterError
        For a point that is not a mapping, or a name that is no parameter.

    Examples
    --------
    >>> a = sympy.Symbol("a", positive=True)
    >>> point_substitution({"a": "1/2"}, [a + 1])
    {a: 1/2}
    """
    if not isinstance(point, Mapping):
        raise ParameterError(fmt_error(func, "point", "a mapping from parameter names to values", point))
    if space is not None and len(space) and point and all(isinstance(k, str) for k in point):
        return dict(space.point(point, func=func, partial=True))
    by_name = {s.name: s for s in _symbols_of(values)}
    sub = {}
    for k, x in point.items():
        if isinstance(k, sympy.Symbol):
            sym = k
        elif isinstance(k, str) and k in by_name:
            sym = by_name[k]
        elif isinstance(k, str):
            continue  # a parameter this result does not depend on
        else:
            raise ParameterError(fmt_error(func, "point", "parameter names or symbols as keys", k))
        sub[sym] = x if isinstance(x, (sympy.Basic, float)) else to_value(x)
    return sub


def value_at(v: Any, sub: Mapping) -> Any:
    """``v`` with ``sub`` substituted (recursively in tuples and mappings); floats where the point has floats.

    Piecewise expressions are folded and ``Mod`` simplified, so a symbolic
    deadline's parity resolves.
    """
    if isinstance(v, tuple):
        return tuple(value_at(x, sub) for x in v)
    if isinstance(v, Mapping):
        return {k: value_at(x, sub) for k, x in v.items()}
    if not isinstance(v, sympy.Basic) or not sub:
        return v
    r = sympy.sympify(v.xreplace(sub))
    if isinstance(r, Boolean) and not r.free_symbols and r not in (sympy.true, sympy.false):
        r = sympy.simplify(r)
    if r.has(sympy.Piecewise):
        r = sympy.piecewise_fold(r).doit()
    if r.has(sympy.Mod):
        r = sympy.simplify(r)
    if not isinstance(r, Boolean) and r.is_number and r.is_real is not False and \
            any(isinstance(x, float) or isinstance(x, sympy.Float) for x in sub.values()):
        return float(r)
    return r


# --------------------------------------------------------------------------- #
# the protocol
# --------------------------------------------------------------------------- #

def _short(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.6g}"
    if isinstance(v, np.ndarray):
        return f"array(shape={v.shape})"
    if isinstance(v, tuple):
        inner = ", ".join(_short(x) for x in v[:8])
        return "(" + inner + (", ..." if len(v) > 8 else ("," if len(v) == 1 else "")) + ")"
    if isinstance(v, Mapping):
        items = list(v.items())
        inner = ", ".join(f"{k}: {_short(x)}" for k, x in items[:8])
        return "{" + inner + (", ..." if len(items) > 8 else "") + "}"
    s = str(v)
    return s if len(s) <= 200 else s[:197] + "..."


def clip(s: str, limit: int = MAX_STR) -> str:
    """``s`` cut to ``limit`` characters (with a note of how much was left out)."""
    if len(s) <= limit:
        return s
    return s[:limit] + f" ... ({len(s) - limit} more characters)"


def listing(head: str, lines: list[str], limit: int = MAX_STR, shown: int = 20) -> str:
    """``head`` then indented ``lines`` (each cut to 160 characters), stopping before ``limit``
    characters or ``shown`` lines with a note of how many were left out."""
    out = [head]
    size = len(head)
    for k, line in enumerate(lines):
        line = "  " + clip(line, 160)
        if k >= shown or size + len(line) > limit - 40:
            out.append(f"  ... and {len(lines) - k} more")
            break
        out.append(line)
        size += len(line) + 1
    return "\n".join(out)


def latex_value(v: Any, space: ParameterSpace | None = None) -> str:
    """One value as LaTeX: floats to 6 significant digits, tuples in parentheses, strings as text."""
    if isinstance(v, float):
        return f"{v:.6g}"
    if isinstance(v, str):
        return r"\text{" + v.replace("_", r"\_").replace("&", r"\&").replace("%", r"\%").replace("#", r"\#") + "}"
    if isinstance(v, tuple):
        return r"\left(" + ", ".join(latex_value(x, space) for x in v) + r"\right)"
    if isinstance(v, Mapping):
        return r"\left\{" + r",\; ".join(f"{latex_value(str(k), space)}: {latex_value(x, space)}"
                                       for k, x in v.items()) + r"\right\}"
    if isinstance(v, np.ndarray):
        return r"\text{array of shape }" + latex_value(tuple(v.shape))
    if isinstance(v, (sympy.Basic, int)):
        if space is not None and len(space):
            return space.latex(v)
        return sympy.latex(v)
    if hasattr(v, "to_latex"):
        return v.to_latex()
    return latex_value(str(v))


class Result:
    """The protocol base of solver results (a mixin for frozen dataclasses, ``eq=False``).

    Subclasses get ``__eq__``/``__hash__`` over :meth:`_hashable_content`
    (default: every init field not starting with ``_``), a generic
    :meth:`to_dict`/:meth:`from_dict` over the same fields, sympy's
    ``_latex`` hook and ``_repr_latex_`` over :meth:`to_latex`, and a
    default short ``__str__``/``repr``.

    Examples
    --------
    >>> r = Regime(sympy.Symbol("a") > 1, (0,), "high")
    >>> isinstance(r, Result), Regime.from_dict(r.to_dict()) == r
    (True, True)
    """

    __slots__ = ()

    # --- fields -------------------------------------------------------------
    @classmethod
    def _fields(cls) -> tuple[str, ...]:
        return tuple(f.name for f in dataclasses.fields(cls) if f.init and not f.name.startswith("_"))

    def _hashable_content(self) -> tuple:
        return tuple(hashable(getattr(self, n)) for n in self._fields())

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._hashable_content() == other._hashable_content()

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._hashable_content()))

    # --- rebuild ------------------------------------------------------------
    def to_dict(self) -> dict:
        """A JSON-ready dictionary; ``from_dict`` rebuilds an equal result."""
        return {"type": type(self).__name__, **{n: encode(getattr(self, n)) for n in self._fields()}}

    @classmethod
    def from_dict(cls, d: Mapping) -> Any:
        """Rebuild from :meth:`to_dict` output."""
        if not isinstance(d, Mapping) or d.get("type") != cls.__name__:
            raise ParameterError(fmt_error(f"{cls.__name__}.from_dict", "d", f"a dict from {cls.__name__}.to_dict",
                                           d if not isinstance(d, Mapping) else d.get("type")))
        return cls(**{n: decode(d[n]) for n in cls._fields() if n in d})

    def _substituted(self, point: Mapping[Any, Any], func: str) -> Any:
        """A copy with ``point`` substituted into every expression-valued field."""
        names = self._fields()
        vals = [getattr(self, n) for n in names]
        sub = point_substitution(point, vals, space=getattr(self, "space", None), func=func)
        return dataclasses.replace(self, **{n: value_at(v, sub) for n, v in zip(names, vals)
                                            if isinstance(v, (sympy.Basic, tuple, Mapping))
                                            and not isinstance(v, ParameterSpace)})

    # --- printing -----------------------------------------------------------
    def _summary_items(self) -> list[tuple[str, Any]]:
        """(name, value) pairs shown by the default ``str``/``repr``/LaTeX."""
        return [(n, getattr(self, n)) for n in self._fields()]

    def to_latex(self) -> str:
        """The result as LaTeX (an aligned list of its quantities)."""
        rows = [f"{latex_value(n)} &= {latex_value(v, getattr(self, 'space', None))}"
                for n, v in self._summary_items() if not isinstance(v, (np.ndarray, bool)) and v is not None]
        return r"\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}"

    def _latex(self, printer: Any = None) -> str:
        """sympy's printing hook: ``sympy.latex(result)`` gives :meth:`to_latex`."""
        return self.to_latex()

    def _repr_latex_(self) -> str:
        return "$\\displaystyle " + self.to_latex() + "$"

    def __str__(self) -> str:
        body = ", ".join(f"{n}={_short(v)}" for n, v in self._summary_items())
        return clip(f"{type(self).__name__}({body})")

    def __repr__(self) -> str:
        return str(self)


# --------------------------------------------------------------------------- #
# Regime
# --------------------------------------------------------------------------- #

@dataclasses.dataclass(frozen=True, eq=False)
class Regime(Result):
    """A region of the parameter space and what holds there: the one regime type of every solver.

    Equilibrium sets (which equilibria hold together), screening (which
    price path is optimal), bargaining (which outside option binds) and
    trees (which equilibrium path is played) all report their regimes as
    this class; the solver-specific quantities live in :attr:`data` and are
    also readable as attributes (``regime.prices``, ``regime.shares``).

    Attributes
    ----------
    condition : sympy Boolean
        Where the regime holds.
    members : tuple of int
        Indices of the members (equilibria, cases, rows) holding there.
    label : str
        A short name (``"pooling"``, ``"outside option of S binds"``, a path).
    witness : dict or None
        A point of the region (name -> value), when one was found.
    data : FrozenMapping
        The payload: ``prices``, ``profit``, ``shares``, ``payoffs``, ``path``, ...
    space : ParameterSpace or None
        The parameters the condition is written in.

    ``witness`` and ``space`` are provenance: they do not take part in
    equality. ``name`` is an alias of ``label``.

    Examples
    --------
    >>> a = sympy.Symbol("a", positive=True)
    >>> r = Regime(a > 1, label="screening", data={"prices": (a, 1)})
    >>> r.prices
    (a, 1)
    >>> r.at({"a": 2}).prices, r.at({"a": "1/2"})
    ((2, 1), None)
    >>> sympy.latex(r)
    '\\\\text{screening}: \\\\left(\\\\text{prices} = \\\\left(a, 1\\\\right)\\\\right) \\\\quad \\\\text{if } a > 1'
    """

    condition: Any = sympy.true
    members: tuple = ()
    label: str = ""
    witness: Any = None
    data: Any = dataclasses.field(default_factory=FrozenMapping)
    space: ParameterSpace | None = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        cond = self.condition
        if isinstance(cond, (bool, np.bool_)):
            cond = sympy.true if cond else sympy.false
        if not isinstance(cond, Boolean):
            raise ParameterError(fmt_error("Regime", "condition", "a sympy Boolean", cond))
        set_(self, "condition", cond)
        set_(self, "members", tuple(int(m) for m in self.members))
        set_(self, "label", str(self.label))
        if self.witness is not None:
            if not isinstance(self.witness, Mapping):
                raise ParameterError(fmt_error("Regime", "witness", "a mapping or None", self.witness))
            set_(self, "witness", FrozenMapping(self.witness))
        if not isinstance(self.data, FrozenMapping):
            if not isinstance(self.data, Mapping):
                raise ParameterError(fmt_error("Regime", "data", "a mapping", self.data))
            set_(self, "data", FrozenMapping(self.data))
        if self.space is not None and not isinstance(self.space, ParameterSpace):
            raise ParameterError(fmt_error("Regime", "space", "a ParameterSpace or None", self.space))

    def __getattr__(self, name: str) -> Any:
        # payload entries read as attributes; never for private names (pickling, copy)
        if name.startswith("_"):
            raise AttributeError(name)
        data = self.__dict__.get("data")
        if data is not None and name in data:
            return data[name]
        if name == "name":
            return self.__dict__.get("label", "")
        raise AttributeError(f"'Regime' object has no attribute {name!r} (payload: {list(data or ())})")

    def _hashable_content(self) -> tuple:
        return (self.condition, self.members, self.label, hashable(self.data))

    def to_dict(self) -> dict:
        """A JSON-ready dictionary; :meth:`from_dict` rebuilds an equal regime."""
        return {"type": "Regime", "condition": encode(self.condition), "members": list(self.members),
                "label": self.label, "witness": encode(None if self.witness is None else dict(self.witness)),
                "data": encode(dict(self.data)),
                "space": None if self.space is None else self.space.to_dict()}

    @classmethod
    def from_dict(cls, d: Mapping) -> "Regime":
        """Rebuild from :meth:`to_dict` output."""
        if not isinstance(d, Mapping) or d.get("type") != "Regime":
            raise ParameterError(fmt_error("Regime.from_dict", "d", "a dict from Regime.to_dict", d))
        space = None if d.get("space") is None else ParameterSpace.from_dict(d["space"])
        return cls(decode(d["condition"]), tuple(d["members"]), d["label"], decode(d["witness"]),
                   decode(d["data"]), space)

    def holds_at(self, point: Mapping[Any, Any]) -> bool | None:
        """Whether the condition holds at a point (None if the point leaves it undecided)."""
        sub = point_substitution(point, [self.condition], space=self.space, func="Regime.holds_at")
        c = value_at(self.condition, sub)
        return True if c is sympy.true else False if c is sympy.false else None

    def at(self, point: Mapping[Any, Any]) -> "Regime | None":
        """The regime with the point substituted, or None where its condition fails.

        ``point`` maps parameter names (or symbols) to values; exact values
        stay exact. A partial point leaves the other parameters symbolic.
        """
        sub = point_substitution(point, [self.condition, tuple(self.data.values())], space=self.space,
                                 func="Regime.at")
        cond = value_at(self.condition, sub)
        if cond is sympy.false:
            return None
        return Regime(cond, self.members, self.label, self.witness,
                      {k: value_at(v, sub) for k, v in self.data.items()}, self.space)

    # --- printing -------------------------------------------------------------
    def to_latex(self) -> str:
        """The label, payload and condition as LaTeX."""
        parts = []
        if self.label:
            parts.append(latex_value(self.label) + ":")
        if self.data:
            parts.append(r"\left(" + r",\; ".join(f"{latex_value(str(k))} = {latex_value(v, self.space)}"
                                                  for k, v in self.data.items()) + r"\right)")
        elif self.members:
            parts.append(r"\text{members } " + latex_value(self.members))
        out = " ".join(parts)
        if self.condition is not sympy.true:
            out += r" \quad \text{if } " + latex_value(self.condition, self.space)
        return out

    def __str__(self) -> str:
        head = f"[{self.label}] " if self.label else ""
        body = ", ".join(f"{k} {_short(v)}" for k, v in self.data.items())
        if not body and self.members:
            body = "members " + _short(self.members)
        cond = "" if self.condition is sympy.true else f" | if {_short(self.condition)}"
        return clip(head + body + cond)

    def __repr__(self) -> str:
        parts = [f"condition={_short(self.condition)}"]
        if self.members:
            parts.append(f"members={self.members}")
        if self.label:
            parts.append(f"label={self.label!r}")
        if self.data:
            parts.append("data={" + ", ".join(f"{k!r}: {_short(v)}" for k, v in self.data.items()) + "}")
        return clip("Regime(" + ", ".join(parts) + ")")
