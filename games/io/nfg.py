"""Gambit ``.nfg`` files (strategic games): read and write.

Both body formats of Gambit's ``.nfg`` are read: the *payoff list* (one
payoff per player for each pure profile) and the *outcome* format (a list of
named outcomes, then one outcome index per profile, 0 meaning all-zero
payoffs). In both, profiles are listed with the **first player's strategy
varying fastest**. Numbers may be integers, rationals (``3/2``) or decimals
(``0.25``, ``1e-3``); by default they are read exactly (sympy
``Integer``/``Rational``), so an exact game round-trips exactly.

Format reference: the Gambit documentation, "Game representation formats"
(https://gambit-project.readthedocs.io, section "The strategic game (.nfg)
file format").
"""

from __future__ import annotations

import itertools
import math
import os
import re
from typing import Any, Iterator, TextIO

import numpy as np
import sympy

from games.errors import InvalidGame, UnsupportedGame, fmt_error
from games.normal_form import NormalFormGame
from games.io._text import emit, unique_labels, warn_renames

__all__ = ["read_nfg", "parse_nfg", "write_nfg", "format_nfg"]

_NUMBER = re.compile(r"[+-]?(?:\d+/\d+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\Z")


class _Token:
    __slots__ = ("kind", "text", "line")

    def __init__(self, kind: str, text: str, line: int) -> None:
        self.kind, self.text, self.line = kind, text, line  # kind: "{", "}", "str", "word"


class _Lexer:
    """Tokens of an .nfg text with their line numbers; commas are separators."""

    def __init__(self, text: str, func: str, where: str) -> None:
        self.func, self.where = func, where
        self.tokens = list(self._scan(text))
        self.pos = 0

    def _scan(self, text: str) -> Iterator[_Token]:
        i, line, n = 0, 1, len(text)
        while i < n:
            ch = text[i]
            if ch == "\n":
                line += 1
                i += 1
            elif ch.isspace() or ch == ",":
                i += 1
            elif ch in "{}":
                yield _Token(ch, ch, line)
                i += 1
            elif ch == '"':
                start_line, j, buf = line, i + 1, []
                while j < n and text[j] != '"':
                    if text[j] == "\\" and j + 1 < n:
                        j += 1
                    if text[j] == "\n":
                        line += 1
                    buf.append(text[j])
                    j += 1
                if j >= n:
                    raise InvalidGame(fmt_error(self.func, f"{self.where} line {start_line}",
                                                "a closed string (missing '\"')", text[i:i + 30]))
                yield _Token("str", "".join(buf), start_line)
                i = j + 1
            else:
                j = i
                while j < n and not (text[j].isspace() or text[j] in '{},"'):
                    j += 1
                yield _Token("word", text[i:j], line)
                i = j

    def error(self, tok: _Token | None, expected: str) -> InvalidGame:
        if tok is None:
            last = self.tokens[-1].line if self.tokens else 1
            return InvalidGame(fmt_error(self.func, f"{self.where} line {last}", expected, "end of file"))
        return InvalidGame(fmt_error(self.func, f"{self.where} line {tok.line}", expected, tok.text))

    def peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def next(self, expected: str) -> _Token:
        tok = self.peek()
        if tok is None:
            raise self.error(None, expected)
        self.pos += 1
        return tok

    def expect(self, kind: str, expected: str) -> _Token:
        tok = self.next(expected)
        if tok.kind != kind:
            raise self.error(tok, expected)
        return tok

    def number(self, expected: str, exact: bool) -> Any:
        tok = self.next(expected)
        if tok.kind != "word" or not _NUMBER.match(tok.text):
            raise self.error(tok, expected)
        return _to_number(tok, exact, self)

    def strings(self, expected: str) -> list[str]:
        self.expect("{", "'{' opening " + expected)
        out = []
        while True:
            tok = self.next(expected)
            if tok.kind == "}":
                return out
            if tok.kind != "str":
                raise self.error(tok, f"a quoted label in {expected}")
            out.append(tok.text)


def _to_number(tok: _Token, exact: bool, lex: _Lexer) -> Any:
    t = tok.text
    if "/" in t:
        p, q = t.split("/")
        if int(q) == 0:
            raise lex.error(tok, "a rational with a nonzero denominator")
        r = sympy.Rational(int(p), int(q))
        return r if exact else float(r)
    if re.fullmatch(r"[+-]?\d+", t):
        return sympy.Integer(int(t)) if exact else float(int(t))
    if exact:
        return sympy.Rational(t)  # exact decimal: "0.1" is 1/10
    v = float(t)
    if not math.isfinite(v):
        raise lex.error(tok, "a finite number")
    return v


def _profiles(shape: tuple[int, ...]) -> Iterator[tuple[int, ...]]:
    """Pure profiles in .nfg order: the first player's strategy varies fastest."""
    for rev in itertools.product(*(range(k) for k in reversed(shape))):
        yield tuple(reversed(rev))


def parse_nfg(text: str, *, exact: bool = True, source: str = "<string>") -> NormalFormGame:
    """Parse the text of a Gambit ``.nfg`` file into a :class:`NormalFormGame`.

    Parameters
    ----------
    text : str
        The file contents (payoff-list or outcome format).
    exact : bool
        Read numbers exactly as sympy Integer/Rational (default) or as floats.
    source : str
        Name used in error messages.

    Returns
    -------
    NormalFormGame

    Raises
    ------
    InvalidGame
        For malformed text; the message names the line and the offending token.

    Warns
    -----
    LabelsRenamedWarning
        When some label was renamed.

    Notes
    -----
    Empty or repeated player names and strategy labels (which Gambit
    allows) are renamed as Gambit renames them: the equal labels ``"C"``
    become ``"C_1"``, ``"C_2"``, ..., empty ones ``"_1"``, ``"_2"``, ...
    (skipping names in use); a :class:`~games.io.LabelsRenamedWarning`
    lists the renames (its ``renames`` attribute holds ``(what, old,
    new)``).

    Examples
    --------
    >>> g = parse_nfg('NFG 1 R "PD" { "A" "B" } { 2 2 } 3 3 5 0 0 5 1 1')
    >>> g.players, g.payoff((1, 0)), g.payoff((0, 1))
    (('A', 'B'), (5, 0), (0, 5))
    >>> parse_nfg('NFG 1 R "x" { "A" "B" } { 2 2 } 1 2 3/2 x')
    Traceback (most recent call last):
    ...
    games.errors.InvalidGame: parse_nfg(): <string> line 1 must be a payoff number (8 expected, 3 read); got 'x'
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as w:
    ...     warnings.simplefilter("always")
    ...     g = parse_nfg('NFG 1 R "" { "A" "B" } { { "" "" } { "L" "L" } } 1 1 2 2 3 3 4 4')
    >>> g.strategies
    (('_1', '_2'), ('L_1', 'L_2'))
    >>> w[0].message.renames[0]
    ("strategy 1 of player 'A'", '', '_1')
    """
    func = "parse_nfg" if source == "<string>" else "read_nfg"
    if not isinstance(text, str):
        raise InvalidGame(fmt_error(func, "text", "a string", type(text).__name__))
    lex = _Lexer(text, func, source)
    tok = lex.next("the header 'NFG 1 R'")
    if tok.kind != "word" or tok.text != "NFG":
        raise lex.error(tok, "the header 'NFG 1 R' (not a Gambit strategic-game file)")
    tok = lex.next("the version 1")
    if tok.text != "1":
        raise lex.error(tok, "format version 1")
    tok = lex.next("'R' or 'D'")
    if tok.kind != "word" or tok.text not in ("R", "D"):
        raise lex.error(tok, "the number type 'R' or 'D'")
    title = lex.expect("str", "the quoted game title").text
    players = lex.strings("the player list")
    if not players:
        raise lex.error(lex.tokens[lex.pos - 1], "a nonempty player list")
    n = len(players)

    lex.expect("{", "'{' opening the strategy list")
    nxt = lex.peek()
    strategies: list[list[str]] = []
    if nxt is not None and nxt.kind == "{":
        for i in range(n):
            strategies.append(lex.strings(f"the strategies of player {i + 1}"))
        lex.expect("}", f"'}}' closing the strategy lists ({n} players)")
    else:
        for i in range(n):
            tok = lex.next(f"the number of strategies of player {i + 1}")
            if tok.kind != "word" or not re.fullmatch(r"\d+", tok.text):
                raise lex.error(tok, f"the number of strategies of player {i + 1}")
            strategies.append([str(j + 1) for j in range(int(tok.text))])
        lex.expect("}", f"'}}' closing the strategy counts ({n} players)")
    for i, s in enumerate(strategies):
        if not s:
            raise lex.error(lex.tokens[lex.pos - 1], f"at least one strategy for player {i + 1}")
    renames: list = []
    players = list(unique_labels(players, lambda k: f"player {k + 1}", renames))
    strategies = [list(unique_labels(s, lambda k, i=i: f"strategy {k + 1} of player {players[i]!r}", renames))
                  for i, s in enumerate(strategies)]
    shape = tuple(len(s) for s in strategies)

    nxt = lex.peek()
    if nxt is not None and nxt.kind == "str":  # optional comment
        lex.next("a comment")
    arr = np.empty(shape + (n,), dtype=object)
    nprof = math.prod(shape)
    nxt = lex.peek()
    if nxt is not None and nxt.kind == "{":
        lex.next("'{'")
        outcomes: list[list[Any]] = []
        while True:
            tok = lex.next("an outcome '{ \"name\" payoffs }' or '}'")
            if tok.kind == "}":
                break
            if tok.kind != "{":
                raise lex.error(tok, "an outcome '{ \"name\" payoffs }'")
            lex.expect("str", "the quoted outcome name")
            pay = [lex.number(f"payoff {j + 1} of {n} of outcome {len(outcomes) + 1}", exact) for j in range(n)]
            lex.expect("}", f"'}}' closing outcome {len(outcomes) + 1} ({n} payoffs)")
            outcomes.append(pay)
        zero = [sympy.Integer(0) if exact else 0.0] * n
        for k, prof in enumerate(_profiles(shape)):
            tok = lex.next(f"an outcome index ({nprof} expected, {k} read)")
            if tok.kind != "word" or not re.fullmatch(r"\d+", tok.text) or int(tok.text) > len(outcomes):
                raise lex.error(tok, f"an outcome index in 0..{len(outcomes)}")
            idx = int(tok.text)
            arr[prof] = outcomes[idx - 1] if idx else zero
    else:
        total = nprof * n
        count = 0
        for prof in _profiles(shape):
            for j in range(n):
                arr[prof + (j,)] = lex.number(f"a payoff number ({total} expected, {count} read)", exact)
                count += 1
    extra = lex.peek()
    if extra is not None:
        raise lex.error(extra, "the end of the file (too many entries)")
    if not exact:
        arr = arr.astype(float)
    warn_renames(func, source, renames, stacklevel=4 if func == "read_nfg" else 3)
    try:
        return NormalFormGame(arr, players=tuple(players), strategies=tuple(tuple(s) for s in strategies),
                              name=title)
    except (ValueError, TypeError) as err:
        raise InvalidGame(fmt_error(func, source, "a valid game", str(err))) from err


def read_nfg(source: str | os.PathLike | TextIO, *, exact: bool = True) -> NormalFormGame:
    """Read a Gambit ``.nfg`` file.

    Parameters
    ----------
    source : path or text file object
        The file to read.
    exact : bool
        Read numbers exactly (default) or as floats.

    Raises
    ------
    InvalidGame
        For a malformed file (message names the file, line and token).
    FileNotFoundError
        For a missing file.

    Examples
    --------
    >>> import io
    >>> read_nfg(io.StringIO('NFG 1 R "MP" { "1" "2" } { 2 2 } 1 -1 -1 1 -1 1 1 -1')).payoff((0, 0))
    (1, -1)
    """
    if hasattr(source, "read"):
        text = source.read()
        name = getattr(source, "name", "<file>")
    else:
        if not isinstance(source, (str, os.PathLike)):
            raise TypeError(fmt_error("read_nfg", "source", "a path or a text file object", source))
        with open(source, encoding="utf-8") as fh:
            text = fh.read()
        name = os.path.basename(os.fspath(source))
    return parse_nfg(text, exact=exact, source=str(name))


def _quote(s: str) -> str:
    return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _fmt_number(x: Any) -> str:
    if isinstance(x, sympy.Basic):
        if x.is_Integer:
            return str(int(x))
        if x.is_Rational:
            return f"{x.p}/{x.q}"
        if x.is_Float:
            return repr(float(x))
    if isinstance(x, (int, np.integer)) and not isinstance(x, bool):
        return str(int(x))
    if isinstance(x, (float, np.floating)):
        return repr(float(x))
    raise UnsupportedGame(fmt_error("write_nfg", "game", "a numeric game (payoffs numbers)", x))


def format_nfg(game: NormalFormGame, *, format: str = "payoffs", comment: str = "") -> str:
    """The text of ``game`` as a Gambit ``.nfg`` file.

    Parameters
    ----------
    game : NormalFormGame
        A numeric game (symbolic games cannot be written: the format has no
        parameters; substitute values first with ``game.subs``).
    format : {"payoffs", "outcomes"}
        The payoff-list body (default) or the outcome body.
    comment : str
        Optional comment stored after the header.

    Examples
    --------
    >>> from games.catalog.classic import matching_pennies
    >>> print(format_nfg(matching_pennies()))
    NFG 1 R "Matching pennies" { "matcher" "mismatcher" }
    { { "heads" "tails" } { "heads" "tails" } }
    ""
    <BLANKLINE>
    1 -1 -1 1 -1 1 1 -1
    <BLANKLINE>
    """
    if not isinstance(game, NormalFormGame):
        raise TypeError(fmt_error("write_nfg", "game", "a NormalFormGame", type(game).__name__))
    if format not in ("payoffs", "outcomes"):
        raise ValueError(fmt_error("write_nfg", "format", "'payoffs' or 'outcomes'", format))
    if game.is_symbolic:
        raise UnsupportedGame(fmt_error("write_nfg", "game", "a numeric game (use game.subs(point) first)",
                                        game.name or "symbolic game"))
    shape = tuple(game.shape)
    n = game.n_players
    pay = game.payoffs
    lines = [f"NFG 1 R {_quote(game.name)} {{ " + " ".join(_quote(p) for p in game.players) + " }",
             "{ " + " ".join("{ " + " ".join(_quote(s) for s in strat) + " }" for strat in game.strategies)
             + " }",
             _quote(comment), ""]
    if format == "payoffs":
        lines.append(" ".join(_fmt_number(pay[prof + (j,)]) for prof in _profiles(shape) for j in range(n)))
    else:
        lines.append("{")
        idx = []
        for k, prof in enumerate(_profiles(shape)):
            label = " ".join(strat[s] for strat, s in zip(game.strategies, prof))
            lines.append(f"{{ {_quote(label)} " + ", ".join(_fmt_number(pay[prof + (j,)]) for j in range(n))
                         + " }")
            idx.append(str(k + 1))
        lines.append("}")
        lines.append(" ".join(idx))
    return "\n".join(lines) + "\n"


def write_nfg(game: NormalFormGame, target: str | os.PathLike | TextIO | None = None, *,
              format: str = "payoffs", comment: str = "") -> str:
    """Write ``game`` as a Gambit ``.nfg`` file; returns the text.

    Parameters
    ----------
    game : NormalFormGame
        A numeric game.
    target : path or text file object, optional
        Where to write; ``None`` only returns the text.
    format : {"payoffs", "outcomes"}
        Body format.
    comment : str
        Optional comment.

    Examples
    --------
    >>> from games.catalog.classic import battle_of_the_sexes
    >>> g = battle_of_the_sexes(high="3/2")
    >>> parse_nfg(write_nfg(g, format="outcomes")) == g
    True
    """
    return emit(format_nfg(game, format=format, comment=comment), target)
