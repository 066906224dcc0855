"""The rebuild law: ``from_dict(x.to_dict()) == x`` with equal hashes, for every public class that has one."""

import importlib
import inspect
import pickle
import pkgutil

import pytest
import sympy

import games
import solvers
from games import catalog
from games.bargaining import AlternatingOffers
from games.extensive_form import GameTree
from games.normal_form import NormalFormGame
from games.parameters import ParameterSpace
from solvers.equilibrium import Equilibrium


def _examples():
    space = ParameterSpace({"a": ("positive", r"\alpha", "a weight"), "d": "(0, 1)"}, ["a > d"])
    return {
        ParameterSpace: [space, ParameterSpace()],
        NormalFormGame: [catalog.load("inspection"), catalog.load("prisoners_dilemma"),
                         NormalFormGame.from_bimatrix([[0.5, 1], [2, 3]], [[1, 0], [0, 1]])],
        GameTree: [catalog.load("resistance_negotiation"), catalog.load("beer_quiche")
                   if "beer_quiche" in catalog.names() else catalog.load("entry_deterrence")],
        AlternatingOffers: [catalog.load("limited_vs_indefinite_negotiation")],
        Equilibrium: [Equilibrium(((space["a"] / (1 + space["a"]), 1 / (1 + space["a"])),), (space["d"],),
                                  condition=space["a"] > 2 * space["d"], space=space),
                      Equilibrium((), (1.5, 0.5), kind="subgame-perfect", behavior={"root": {"L": 1}},
                                  path=("L",))],
    }


def _public_classes_with_rebuild():
    found = set()
    for pkg in (games, solvers):
        for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
            if info.name.split(".")[-1].startswith("_") or info.name.endswith("__main__"):
                continue
            mod = importlib.import_module(info.name)
            for name, obj in vars(mod).items():
                if (inspect.isclass(obj) and obj.__module__ == mod.__name__ and not name.startswith("_")
                        and hasattr(obj, "to_dict") and hasattr(obj, "from_dict")):
                    found.add(obj)
    return found


def test_every_rebuildable_class_is_covered():
    missing = _public_classes_with_rebuild() - set(_examples())
    assert not missing, f"add examples of {sorted(c.__name__ for c in missing)} to tests/test_rebuild.py"


@pytest.mark.parametrize("cls", list(_examples()), ids=lambda c: c.__name__)
def test_rebuild_law(cls):
    for x in _examples()[cls]:
        y = cls.from_dict(x.to_dict())
        assert y == x and hash(y) == hash(x)
        z = pickle.loads(pickle.dumps(x))
        assert z == x and hash(z) == hash(x)


def test_symbols_keep_their_assumptions_through_rebuild():
    g = catalog.load("inspection")
    h = NormalFormGame.from_dict(g.to_dict())
    assert all(s.is_positive for s in h.free_symbols)
    assert {s.name for s in h.free_symbols} == {s.name for s in g.free_symbols}
    assert isinstance(next(iter(h.free_symbols)), sympy.Symbol)
