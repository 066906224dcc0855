"""JSON-ready encoding of values and results: :func:`encode` and its inverse :func:`decode`.

The data that every result's ``to_dict`` holds (see :mod:`solvers.results`):
sympy expressions as ``srepr`` (symbols keep their assumptions), floats by
their ``repr``, tuples, mappings, numpy arrays, and objects with
``to_dict``/``from_dict`` or dataclasses named by their import path (only
classes of ``games`` and ``solvers`` are loaded back).
"""

from __future__ import annotations

import dataclasses
import importlib
from fractions import Fraction
from typing import Any, Mapping

import numpy as np
import sympy

from games.errors import ParameterError, fmt_error
from games.parameters import eval_srepr

__all__ = ["encode", "decode"]



def _path(cls: type) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


def _load(path: str) -> type:
    mod, _, name = path.partition(":")
    if not (mod == "games" or mod.startswith(("games.", "solvers."))):
        raise ParameterError(fmt_error("decode", "data", "a class of games or solvers", path))
    obj: Any = importlib.import_module(mod)
    for part in name.split("."):
        obj = getattr(obj, part)
    return obj


def encode(v: Any) -> Any:
    """A JSON-ready form of a value; :func:`decode` gives it back.

    Handles None, bool, int, str, float, sympy objects (as ``srepr``, so
    symbols keep their assumptions), tuples, lists, mappings, numpy arrays,
    objects with ``to_dict``/``from_dict`` and dataclasses of such values.

    Raises
    ------
    TypeError
        For a value of none of these kinds.

    Examples
    --------
    >>> a = sympy.Symbol("a", positive=True)
    >>> decode(encode((a / 2, 0.5, {"k": [1, 2]}))) == (a / 2, 0.5, {"k": [1, 2]})
    True
    """
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_)):
        return int(v)
    if isinstance(v, np.bool_):
        return bool(v)
    if isinstance(v, (float, np.floating)):
        return {"float": repr(float(v))}
    if isinstance(v, Fraction):
        return {"fraction": str(v)}
    if isinstance(v, sympy.Basic):
        return {"sympy": sympy.srepr(v)}
    if isinstance(v, np.ndarray):
        if v.dtype.names:
            return {"records": [[encode(x) for x in r] for r in v.tolist()],
                    "dtype": [[n, v.dtype[n].str] for n in v.dtype.names]}
        if v.dtype == object:
            return {"ndarray": encode(v.tolist()), "dtype": "object", "shape": list(v.shape)}
        return {"ndarray": [encode(x) for x in v.ravel().tolist()], "dtype": v.dtype.str, "shape": list(v.shape)}
    if isinstance(v, tuple):
        return {"tuple": [encode(x) for x in v]}
    if isinstance(v, list):
        return [encode(x) for x in v]
    if isinstance(v, Mapping):
        return {"map": [[encode(k), encode(x)] for k, x in v.items()]}
    cls = type(v)
    if hasattr(v, "to_dict") and hasattr(cls, "from_dict"):
        return {"object": _path(cls), "data": v.to_dict()}
    if dataclasses.is_dataclass(v):
        return {"dataclass": _path(cls), "fields": {f.name: encode(getattr(v, f.name))
                                                   for f in dataclasses.fields(v) if f.init}}
    raise TypeError(fmt_error("encode", "value", "a number, expression, tuple, mapping, array or result", v))


def decode(d: Any) -> Any:
    """Invert :func:`encode`."""
    if d is None or isinstance(d, (bool, int, str)):
        return d
    if isinstance(d, list):
        return [decode(x) for x in d]
    if not isinstance(d, Mapping):
        raise TypeError(fmt_error("decode", "data", "output of encode()", d))
    if "float" in d:
        return float(d["float"])
    if "fraction" in d:
        return Fraction(d["fraction"])
    if "sympy" in d:
        return eval_srepr(d["sympy"])
    if "tuple" in d:
        return tuple(decode(x) for x in d["tuple"])
    if "map" in d:
        return {decode(k): decode(x) for k, x in d["map"]}
    if "records" in d:
        dt = np.dtype([(n, s) for n, s in d["dtype"]])
        return np.array([tuple(decode(x) for x in r) for r in d["records"]], dtype=dt)
    if "ndarray" in d:
        if d["dtype"] == "object":
            return np.array(decode(d["ndarray"]), dtype=object)
        return np.array([decode(x) for x in d["ndarray"]], dtype=np.dtype(d["dtype"])).reshape(d["shape"])
    if "object" in d:
        return _load(d["object"]).from_dict(d["data"])
    if "dataclass" in d:
        return _load(d["dataclass"])(**{k: decode(x) for k, x in d["fields"].items()})
    raise TypeError(fmt_error("decode", "data", "output of encode()", d))
