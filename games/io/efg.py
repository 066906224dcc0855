"""Gambit ``.efg`` files (extensive form, format version 2) for :class:`GameTree`.

The format lists the nodes in preorder: ``p`` (player) nodes with player
number, information-set number (per player), information-set name and
actions; ``c`` (chance) nodes with actions and probabilities; ``t``
(terminal) nodes. Each node may carry an outcome (number, name, payoff
vector). Outcomes at non-terminal nodes add to every payoff below them, as
in Gambit: the reader folds them into the terminal payoffs (exactly), and
:func:`write_efg` only writes outcomes at terminal nodes, so a tree written
and read back is equal to the original (exact numbers stay exact; floats
round-trip with ``exact=False``) and Gambit reads the same terminal
payoffs. Empty or repeated labels are renamed (see :func:`parse_efg`).

References
----------
.. [1] The Gambit Project, "Game representation formats", Gambit
   documentation (section "The extensive game (.efg) file format").

Examples
--------
>>> from games.catalog.trees import entry_deterrence
>>> text = format_efg(entry_deterrence())
>>> print(text.splitlines()[0])
EFG 2 R "Entry deterrence (chain-store stage game)" { "Entrant" "Incumbent" }
>>> parse_efg(text) == entry_deterrence()
True
"""

from __future__ import annotations

import os
import re
from typing import Any, TextIO

import sympy

from games.errors import InvalidGame, UnsupportedGame, fmt_error
from games.trees.flat import KIND, NodeView, auto_infoset
from games.trees.tree import GameTree
from games.values import to_value
from games.io._text import emit, unique_labels, warn_renames

__all__ = ["format_efg", "parse_efg", "write_efg", "read_efg"]


def _q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _num(v: Any) -> str:
    if isinstance(v, float):
        return repr(v)
    v = sympy.sympify(v)
    if v.free_symbols:
        raise UnsupportedGame(fmt_error("format_efg", "tree", "a numeric tree (use tree.subs(point))", str(v)))
    return str(v) if v.is_Rational else repr(float(v))


def format_efg(tree: GameTree, *, comment: str = "") -> str:
    """The tree as the text of a Gambit ``.efg`` file.

    Information sets are numbered per player in preorder and named by their
    labels; each chance node is its own chance information set.

    Raises
    ------
    UnsupportedGame
        For symbolic trees (the format has no parameters).

    Examples
    --------
    >>> from games.catalog.trees import entry_deterrence
    >>> print(format_efg(entry_deterrence()))
    EFG 2 R "Entry deterrence (chain-store stage game)" { "Entrant" "Incumbent" }
    ""
    <BLANKLINE>
    p "" 1 1 "Entrant@root" { "Out" "In" } 0
    t "" 1 "" { 1, 5 }
    p "" 2 1 "Incumbent@In" { "Fight" "Accommodate" } 0
    t "" 2 "" { 0, 0 }
    t "" 3 "" { 2, 2 }
    <BLANKLINE>
    """
    if not isinstance(tree, GameTree):
        raise UnsupportedGame(fmt_error("format_efg", "tree", "a GameTree", type(tree).__name__))
    f = tree.flat
    lines = [f"EFG 2 R {_q(tree.name)} {{ {' '.join(_q(p) for p in tree.players)} }}", _q(comment), ""]
    numbers: dict[str, int] = {}
    per_player = [0] * tree.n_players
    n_chance = 0
    n_out = 0
    for i in range(len(f.hist)):
        name = _q(f.label[i] or "")
        if f.kind[i] == "d":
            h = f.infoset[i]
            pl = f.player[i]
            if h not in numbers:
                per_player[pl] += 1
                numbers[h] = per_player[pl]
            acts = " ".join(_q(a) for a in f.actions[i])
            lines.append(f"p {name} {pl + 1} {numbers[h]} {_q(h)} {{ {acts} }} 0")
        elif f.kind[i] == "c":
            n_chance += 1
            acts = " ".join(f"{_q(a)} {_num(p)}" for a, p in zip(f.actions[i], f.probs[i]))
            lines.append(f"c {name} {n_chance} \"\" {{ {acts} }} 0")
        else:
            n_out += 1
            pays = ", ".join(_num(v) for v in f.payoffs[i])
            lines.append(f"t {name} {n_out} \"\" {{ {pays} }}")
    return "\n".join(lines) + "\n"


def write_efg(tree: GameTree, target: str | os.PathLike | TextIO | None = None, *, comment: str = "") -> str:
    """Write the tree as a Gambit ``.efg`` file (to a path or text file, if given); returns the text.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from games.catalog.trees import centipede
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "c.efg"
    >>> _ = write_efg(centipede(2), p)
    >>> read_efg(p) == centipede(2)
    True
    """
    return emit(format_efg(tree, comment=comment), target)


def read_efg(source: str | os.PathLike | TextIO, *, exact: bool = True) -> GameTree:
    """Read a Gambit ``.efg`` file from a path or a text file object (see :func:`parse_efg`).

    Examples
    --------
    >>> import io
    >>> src = io.StringIO('EFG 2 R "g" { "A" } "" p "" 1 1 "" { "x" "y" } 0 t "" 1 "" { 1 } t "" 2 "" { 2 }')
    >>> read_efg(src).terminals
    (('x',), ('y',))
    """
    if hasattr(source, "read"):
        return _parse_efg(source.read(), exact, 4)
    with open(source, encoding="utf-8") as fh:
        return _parse_efg(fh.read(), exact, 4)


# --------------------------------------------------------------------------
# reader
# --------------------------------------------------------------------------

_TOKEN = re.compile(r'\s*(?:(")|([{}])|(,)|([^\s{},"]+))')


def _tokens(text: str) -> list[tuple[str, Any, int]]:
    """(kind, value, position): kind in 'str', 'brace', 'word'; commas are skipped."""
    out = []
    pos = 0
    n = len(text)
    while True:
        while pos < n and text[pos].isspace():
            pos += 1
        if pos >= n:
            break
        c = text[pos]
        if c == '"':
            buf = []
            j = pos + 1
            while True:
                if j >= n:
                    raise InvalidGame(fmt_error("parse_efg", "text", "closed string quotes",
                                                f"unterminated string at offset {pos}"))
                ch = text[j]
                if ch == "\\" and j + 1 < n:
                    buf.append(text[j + 1])
                    j += 2
                    continue
                if ch == '"':
                    break
                buf.append(ch)
                j += 1
            out.append(("str", "".join(buf), pos))
            pos = j + 1
        elif c in "{}":
            out.append(("brace", c, pos))
            pos += 1
        elif c == ",":
            pos += 1
        else:
            j = pos
            while j < n and not text[j].isspace() and text[j] not in '{},"':
                j += 1
            out.append(("word", text[pos:j], pos))
            pos = j
    return out


class _Parser:
    def __init__(self, text: str, floats: bool):
        self.toks = _tokens(text)
        self.i = 0
        self.floats = floats

    def error(self, expected: str, got: Any = None) -> InvalidGame:
        if got is None:
            got = self.toks[self.i][1] if self.i < len(self.toks) else "end of file"
        return InvalidGame(fmt_error("parse_efg", "text", expected, got))

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else (None, None, -1)

    def next(self, kind: str | None = None, value: str | None = None, expected: str = ""):
        if self.i >= len(self.toks):
            raise self.error(expected or "more input", "end of file")
        tok = self.toks[self.i]
        if (kind is not None and tok[0] != kind) or (value is not None and tok[1] != value):
            raise self.error(expected or f"{value or kind}", tok[1])
        self.i += 1
        return tok[1]

    def integer(self, what: str) -> int:
        w = self.next("word", expected=what)
        if not re.fullmatch(r"\d+", w):
            raise self.error(what, w)
        return int(w)

    def number(self, what: str) -> Any:
        w = self.next("word", expected=what)
        if not re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?(/\d+)?", w):
            raise self.error(what, w)
        if self.floats and ("." in w or "e" in w.lower()):
            return float(w)
        try:
            return to_value(w if "e" not in w.lower() else sympy.Rational(sympy.Float(w, 30)),
                            func="parse_efg", arg=what)
        except (ValueError, TypeError, ZeroDivisionError):
            raise self.error(what, w) from None

    def string_list(self, what: str) -> list[str]:
        self.next("brace", "{", f"'{{' opening {what}")
        out = []
        while self.peek()[0] == "str":
            out.append(self.next("str"))
        self.next("brace", "}", f"'}}' closing {what}")
        return out


def parse_efg(text: str, *, exact: bool = True) -> GameTree:
    """Parse the text of a Gambit ``.efg`` file into a :class:`GameTree`.

    Decimal numbers are read exactly (``0.8`` -> ``4/5``), as Gambit's
    rational mode does, unless ``exact=False`` (then as floats).

    Outcomes attached to non-terminal nodes (Gambit adds up the outcomes
    along the path of play) are folded into the payoffs of every terminal
    below them, exactly; a terminal without an outcome pays what the
    outcomes above it pay (0 if none). Every strategic quantity (expected
    payoffs of any strategy profile, equilibria) is unchanged, and
    :func:`format_efg` writes the folded payoffs at the terminals, which
    Gambit reads as the same terminal payoffs.

    Information-set names become the tree's infoset labels when they are
    unique; unnamed singletons get the builder's default labels.
    Information sets in which one node precedes another (absent-mindedness)
    are read as they are (see :attr:`GameTree.is_absent_minded`; solvers
    working with behaviour strategies refuse them).

    Empty or repeated player names and action labels (e.g. two chance
    branches both labelled ``"1/2"``), which Gambit allows, are renamed as
    Gambit renames them, since the tree addresses nodes by action labels:
    equal labels become ``"1/2_1"``, ``"1/2_2"``, ..., empty ones ``"_1"``,
    ``"_2"``, ... (skipping names in use). A
    :class:`~games.io.LabelsRenamedWarning` lists the renames (attribute
    ``renames``: ``(what, old, new)`` triples).

    Raises
    ------
    InvalidGame
        For malformed files: a bad header, an unknown node type, unbalanced
        braces or quotes, a player number out of range, an information set
        used with different actions, chance probabilities that do not sum
        to 1, a payoff vector of the wrong length, trailing input.

    Warns
    -----
    LabelsRenamedWarning
        When some label was renamed.

    Examples
    --------
    >>> t = parse_efg('''EFG 2 R "coin" { "P" } ""
    ... c "" 1 "" { "H" 1/2 "T" 1/2 } 0
    ... t "" 1 "win" { 1 }
    ... t "" 2 "lose" { -1 }''')
    >>> t.node(()).probabilities, t.node(("T",)).payoffs
    ((1/2, 1/2), (-1,))

    Chance branches with one label, and an outcome at the root:

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as w:
    ...     warnings.simplefilter("always")
    ...     t = parse_efg('''EFG 2 R "coin" { "P" } ""
    ... c "" 1 "" { "1/2" 1/2 "1/2" 1/2 } 1 "fee" { -1 }
    ... t "" 2 "win" { 3 }
    ... t "" 0''')
    >>> t.terminals, [t.node(h).payoffs for h in t.terminals]
    ((('1/2_1',), ('1/2_2',)), [(2,), (-1,)])
    >>> w[0].message.renames[1]
    ('branch 2 at chance information set 1', '1/2', '1/2_2')
    """
    return _parse_efg(text, exact, 4)


def _parse_efg(text: str, exact: bool, stacklevel: int) -> GameTree:
    if not isinstance(text, str):
        raise InvalidGame(fmt_error("parse_efg", "text", "a string", type(text).__name__))
    p = _Parser(text, not exact)
    p.next("word", "EFG", "the header 'EFG 2 R'")
    version = p.next("word", expected="format version 2")
    if version != "2":
        raise p.error("format version 2", version)
    mode = p.next("word", expected="'R' or 'D' after the version")
    if mode not in ("R", "D"):
        raise p.error("'R' or 'D' after the version", mode)
    title = p.next("str", expected="a quoted title")
    players = p.string_list("the player names")
    if not players:
        raise p.error("at least one player", "{}")
    if p.peek()[0] == "str":
        p.next("str")  # comment
    n = len(players)
    renames: list = []
    players = list(unique_labels(players, lambda k: f"player {k + 1}", renames))
    outcomes: dict[int, tuple] = {}
    infosets: dict[tuple[int, int], dict] = {}
    records: list[list] = []

    def outcome() -> tuple | None:
        num = p.integer("an outcome number")
        if p.peek()[0] == "str":
            p.next("str")
            p.next("brace", "{", "'{' opening the payoffs")
            pays = []
            while p.peek()[0] == "word":
                pays.append(p.number("a payoff"))
            p.next("brace", "}", "'}' closing the payoffs")
            if len(pays) != n:
                raise p.error(f"a payoff vector of length {n}", pays)
            if num == 0:
                raise p.error("a positive outcome number before payoffs", 0)
            outcomes[num] = tuple(pays)
        if num == 0:
            return None
        if num not in outcomes:
            raise p.error("an outcome defined before it is used", num)
        return outcomes[num]

    # iterative preorder parse: a stack of (history, accumulated payoffs, remaining actions)
    stack: list[tuple[tuple, tuple | None, list[str]]] = []
    hist: tuple = ()
    acc: tuple | None = None
    started = False
    while True:
        if started:
            while stack and not stack[-1][2]:
                stack.pop()
            if not stack:
                break
            parent_hist, acc, remaining = stack[-1]
            hist = parent_hist + (remaining.pop(0),)
        started = True
        kind, tok, _ = p.peek()
        if kind != "word" or tok not in ("p", "c", "t"):
            raise p.error("a node type 'p', 'c' or 't'", tok)
        p.next()
        label = p.next("str", expected="a quoted node name") or None
        if tok == "t":
            own = outcome()
            pays = _add(acc, own, n)
            records.append([hist, "t", None, None, (), None, pays if pays is not None else (0,) * n, label])
            continue
        if tok == "p":
            pl = p.integer("a player number")
            if not 1 <= pl <= n:
                raise p.error(f"a player number in 1..{n}", pl)
            key = (pl, p.integer("an information set number"))
        else:
            key = (0, p.integer("a chance information set number"))
        iname = p.next("str", expected="a quoted information set name") if p.peek()[0] == "str" else ""
        if p.peek()[0] == "brace" and p.peek()[1] == "{":
            if tok == "p":
                acts = p.string_list("the actions")
                probs = None
            else:
                p.next("brace", "{")
                acts, probs = [], []
                while p.peek()[0] == "str":
                    acts.append(p.next("str"))
                    probs.append(p.number("a probability"))
                p.next("brace", "}", "'}' closing the chance actions")
            if key in infosets and infosets[key]["raw"] != acts:
                raise p.error(f"the actions {infosets[key]['raw']} of information set {key}", acts)
            if key not in infosets:
                where = (f"action {{}} of player {players[pl - 1]!r} at information set {key[1]}" if tok == "p"
                         else f"branch {{}} at chance information set {key[1]}")
                fixed = unique_labels(acts, lambda k: where.format(k + 1), renames)
                infosets[key] = {"raw": acts, "actions": list(fixed), "probs": probs, "name": iname,
                                 "nodes": []}
        elif key not in infosets:
            raise p.error(f"actions for the new information set {key}", p.peek()[1])
        info = infosets[key]
        if not info["actions"]:
            raise p.error("at least one action", "{}")
        info["nodes"].append(len(records))
        own = outcome()
        acc2 = _add(acc, own, n)
        if tok == "p":
            records.append([hist, "d", players[pl - 1], key, tuple(info["actions"]), None, None, label])
        else:
            records.append([hist, "c", None, None, tuple(info["actions"]), tuple(info["probs"]), None, label])
        stack.append((hist, acc2, list(info["actions"])))
    if p.i != len(p.toks):
        raise p.error("the end of the file after the last node", p.toks[p.i][1])
    # information-set labels: unique names kept, else defaults
    names = [v["name"] for k, v in infosets.items() if k[0] > 0 and v["name"]]
    for key, info in infosets.items():
        if key[0] == 0:
            continue
        if info["name"] and names.count(info["name"]) == 1:
            lab = info["name"]
        elif len(info["nodes"]) == 1:
            lab = auto_infoset(players[key[0] - 1], records[info["nodes"][0]][0])
        else:
            lab = f"{players[key[0] - 1]}#{key[1]}"
        for j in info["nodes"]:
            records[j][3] = lab
    tree = GameTree.from_nodes((NodeView(r[0], KIND[r[1]], *r[2:]) for r in records), players, name=title)
    warn_renames("parse_efg", "the file", renames, stacklevel=stacklevel)
    return tree


def _add(acc: tuple | None, own: tuple | None, n: int) -> tuple | None:
    if acc is None:
        return own
    if own is None:
        return acc
    return tuple(a + b for a, b in zip(acc, own))
