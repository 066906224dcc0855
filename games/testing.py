"""Hypothesis strategies for govgames, in the spirit of ``hypothesis.extra.numpy``.

* :func:`points` -- numeric points inside a :class:`ParameterSpace`;
* :func:`normal_form_games` -- random n-player normal-form games;
* :func:`bimatrix_games` -- random two-player games, optionally (non)degenerate.

Every argument accepts a value or a hypothesis strategy for that value;
invalid fixed arguments raise :class:`hypothesis.errors.InvalidArgument`
when the strategy is built, not when it is drawn from.

Examples
--------
>>> from hypothesis import given
>>> @given(bimatrix_games(shape=(2, 2)))
... def test_shape(game):
...     assert game.shape == (2, 2)
>>> test_shape()
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from typing import Any

import numpy as np
import sympy
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import SearchStrategy

from games.values import solve_rational
from games.normal_form import NormalFormGame
from games.parameters import ParameterSpace

__all__ = ["points", "normal_form_games", "bimatrix_games", "is_degenerate_bimatrix", "game_trees"]


def _resolve(draw, value: Any) -> Any:
    return draw(value) if isinstance(value, SearchStrategy) else value


def _check_int(name: str, value: Any, minimum: int) -> None:
    if isinstance(value, SearchStrategy):
        return
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise InvalidArgument(f"{name} must be an integer >= {minimum}; got {value!r}")


def _check_real(name: str, value: Any) -> None:
    if isinstance(value, SearchStrategy):
        return
    if isinstance(value, bool) or not isinstance(value, (int, float, Fraction, np.integer, np.floating)) \
            or not math.isfinite(float(value)):
        raise InvalidArgument(f"{name} must be a finite number; got {value!r}")


# --- points --------------------------------------------------------------------


def points(space: ParameterSpace, *, exact: bool = False, width: float = 10.0,
           margin: float = 1e-3, max_denominator: int = 100) -> SearchStrategy[dict[str, Any]]:
    """Points (``{name: value}``) inside ``space``: domains and constraints hold.

    Each parameter is drawn from its domain, cut to a window of ``width``
    where it is unbounded and kept ``margin`` inside open bounds (so that
    discount factors do not come out as ``1e-300``). A draw violating a
    constraint is replaced by a point sampled from the space with a drawn
    seed, so even tight constraints never exhaust hypothesis' filter.

    Parameters
    ----------
    space : ParameterSpace
        The space; ``ParameterSpace()`` gives ``{}``.
    exact : bool
        Draw :class:`fractions.Fraction` values (denominators up to
        ``max_denominator``) instead of floats.
    width : float
        Width of the window for unbounded sides.
    margin : float
        Minimum distance from an open bound.
    max_denominator : int
        Largest denominator of exact draws.

    Examples
    --------
    >>> from hypothesis import given
    >>> space = ParameterSpace({"gain": "positive", "fine": "positive"}, ["fine > gain"])
    >>> @given(points(space))
    ... def test_inside(pt):
    ...     assert space.contains(pt) and pt["fine"] > pt["gain"]
    >>> test_inside()
    """
    if not isinstance(space, ParameterSpace):
        raise InvalidArgument(f"points(): space must be a ParameterSpace; got {space!r}")
    _check_real("width", width)
    _check_real("margin", margin)
    if not width > 0 or not 0 <= margin < width / 2:
        raise InvalidArgument(f"points(): need width > 0 and 0 <= margin < width/2; got width={width!r}, "
                              f"margin={margin!r}")
    _check_int("max_denominator", max_denominator, 1)
    per_param = []
    for p in space.parameters:
        lo, hi, lo_open, hi_open = p.bounds
        flo = float(lo) if lo is not None else (float(hi) - width if hi is not None else -width / 2)
        fhi = float(hi) if hi is not None else flo + width
        if lo is None and hi is None:
            fhi = width / 2
        if p.is_integer:
            ilo = math.ceil(flo + (1 if (lo is not None and lo_open and float(lo) == math.ceil(flo)) else 0))
            ihi = math.floor(fhi - (1 if (hi is not None and hi_open and float(hi) == math.floor(fhi)) else 0))
            per_param.append(st.integers(ilo, ihi))
            continue
        a = flo + (margin if (lo is None or lo_open) else 0.0)
        b = fhi - (margin if (hi is None or hi_open) else 0.0)
        if a > b:
            a = b = (flo + fhi) / 2
        if exact:
            per_param.append(st.fractions(Fraction(a).limit_denominator(max_denominator),
                                          Fraction(b).limit_denominator(max_denominator),
                                          max_denominator=max_denominator)
                             .filter(lambda x, a=a, b=b: a <= x <= b))
        else:
            per_param.append(st.floats(a, b, allow_nan=False, allow_infinity=False, allow_subnormal=False))
    names = space.names

    @st.composite
    def _points(draw):
        pt = {n: draw(s) for n, s in zip(names, per_param)}
        if space.contains(pt):
            return pt
        seed = draw(st.integers(0, 2**32 - 1))
        sample = space.sample(1, rng=seed)[0]
        if exact:
            sample = {n: Fraction(v).limit_denominator(max_denominator) for n, v in sample.items()}
            if not space.contains(sample):
                sample = {n: Fraction(v) for n, v in space.sample(1, rng=seed)[0].items()}
        return sample

    return _points()


# --- games ---------------------------------------------------------------------


def _payoff_values(exact: bool, min_value: Any, max_value: Any, max_denominator: int) -> SearchStrategy:
    if exact:
        if max_denominator == 1:
            return st.integers(math.ceil(min_value), math.floor(max_value)).map(sympy.Integer)
        return st.fractions(Fraction(min_value), Fraction(max_value), max_denominator=max_denominator).map(
            lambda f: sympy.Rational(f.numerator, f.denominator))
    return st.floats(float(min_value), float(max_value), allow_nan=False, allow_infinity=False,
                     allow_subnormal=False)


def _validate_game_args(func: str, n_players, min_strategies, max_strategies, min_value, max_value,
                        max_denominator, exact) -> None:
    _check_int("n_players", n_players, 1)
    _check_int("min_strategies", min_strategies, 1)
    _check_int("max_strategies", max_strategies, 1)
    _check_int("max_denominator", max_denominator, 1)
    _check_real("min_value", min_value)
    _check_real("max_value", max_value)
    if not isinstance(exact, (bool, SearchStrategy)):
        raise InvalidArgument(f"{func}(): exact must be a bool; got {exact!r}")
    fixed = lambda v: not isinstance(v, SearchStrategy)  # noqa: E731
    if fixed(min_strategies) and fixed(max_strategies) and min_strategies > max_strategies:
        raise InvalidArgument(f"{func}(): min_strategies={min_strategies!r} must be <= "
                              f"max_strategies={max_strategies!r}")
    if fixed(min_value) and fixed(max_value):
        if min_value > max_value:
            raise InvalidArgument(f"{func}(): min_value={min_value!r} must be <= max_value={max_value!r}")
        if fixed(exact) and exact and fixed(max_denominator) and max_denominator == 1 \
                and math.ceil(min_value) > math.floor(max_value):
            raise InvalidArgument(f"{func}(): no integer in [min_value, max_value] = [{min_value!r}, "
                                  f"{max_value!r}] for exact payoffs")
    if fixed(n_players) and fixed(max_strategies) and max_strategies ** n_players > 4096:
        raise InvalidArgument(f"{func}(): max_strategies ** n_players must be <= 4096 profiles; got "
                              f"{max_strategies!r} ** {n_players!r}")


def _labels(shape: tuple[int, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(f"s{j + 1}" for j in range(k)) for k in shape)


def normal_form_games(*, n_players: int | SearchStrategy[int] = 2, min_strategies: int = 1,
                      max_strategies: int = 4, exact: bool = True, min_value: Any = -10, max_value: Any = 10,
                      max_denominator: int = 1, shape: Any = None) -> SearchStrategy[NormalFormGame]:
    """Random :class:`NormalFormGame` values.

    Parameters
    ----------
    n_players : int or strategy
        Number of players.
    min_strategies, max_strategies : int or strategy
        Bounds on each player's number of strategies.
    exact : bool or strategy
        Exact payoffs (sympy Integers, or Rationals if ``max_denominator >
        1``) or float64 payoffs.
    min_value, max_value : number or strategy
        Payoff bounds.
    max_denominator : int
        Largest denominator of exact payoffs (1: integers).
    shape : tuple of int or strategy, optional
        Fix the numbers of strategies (overrides the bounds and ``n_players``).

    Examples
    --------
    >>> from hypothesis import given
    >>> @given(normal_form_games(n_players=3, max_strategies=2))
    ... def test_three(game):
    ...     assert game.n_players == 3 and game.is_exact
    >>> test_three()
    """
    _validate_game_args("normal_form_games", n_players, min_strategies, max_strategies, min_value, max_value,
                        max_denominator, exact)
    if shape is not None and not isinstance(shape, SearchStrategy):
        _check_shape("normal_form_games", shape)

    @st.composite
    def _games(draw):
        shp = _resolve(draw, shape)
        if shp is None:
            n = _resolve(draw, n_players)
            lo, hi = _resolve(draw, min_strategies), _resolve(draw, max_strategies)
            _validate_game_args("normal_form_games", n, lo, hi, 0, 0, 1, True)
            shp = tuple(draw(st.integers(lo, hi)) for _ in range(n))
        else:
            _check_shape("normal_form_games", shp)
        ex, lo_v, hi_v, den = (_resolve(draw, exact), _resolve(draw, min_value), _resolve(draw, max_value),
                               _resolve(draw, max_denominator))
        _validate_game_args("normal_form_games", len(shp), 1, 1, lo_v, hi_v, den, ex)
        return _draw_game(draw, tuple(shp), ex, lo_v, hi_v, den)

    return _games()


def _check_shape(func: str, shape: Any) -> None:
    if not isinstance(shape, (tuple, list)) or not shape or any(
            isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1 for k in shape):
        raise InvalidArgument(f"{func}(): shape must be a nonempty tuple of positive integers; got {shape!r}")
    if math.prod(shape) > 4096:
        raise InvalidArgument(f"{func}(): shape must have at most 4096 profiles; got {shape!r}")


def _draw_game(draw, shape: tuple[int, ...], exact: bool, lo: Any, hi: Any, den: int) -> NormalFormGame:
    n = len(shape)
    values = draw(st.lists(_payoff_values(exact, lo, hi, den), min_size=math.prod(shape) * n,
                           max_size=math.prod(shape) * n))
    if exact:
        arr = np.empty(len(values), dtype=object)
        arr[:] = values
        arr = arr.reshape(shape + (n,))
    else:
        arr = np.asarray(values, dtype=np.float64).reshape(shape + (n,))
    return NormalFormGame(arr, players=tuple(f"player {i + 1}" for i in range(n)), strategies=_labels(shape))


def bimatrix_games(*, shape: Any = None, exact: bool = True, min_strategies: int = 1, max_strategies: int = 4,
                   min_value: Any = -10, max_value: Any = 10, max_denominator: int = 1,
                   degenerate: bool | None = None) -> SearchStrategy[NormalFormGame]:
    """Random two-player games.

    Parameters
    ----------
    shape : (int, int) or strategy, optional
        Numbers of strategies; drawn from ``[min_strategies, max_strategies]``
        when omitted.
    exact, min_strategies, max_strategies, min_value, max_value, max_denominator
        As in :func:`normal_form_games`.
    degenerate : bool, optional
        ``False``: only nondegenerate games (no mixed strategy with support
        of size k has more than k pure best responses, von Stengel 2002);
        ``True``: only degenerate games; ``None``: any game.

    Examples
    --------
    >>> from hypothesis import given
    >>> @given(bimatrix_games(degenerate=False, max_strategies=3))
    ... def test_nondegenerate(game):
    ...     assert not is_degenerate_bimatrix(game)
    >>> test_nondegenerate()
    """
    _validate_game_args("bimatrix_games", 2, min_strategies, max_strategies, min_value, max_value,
                        max_denominator, exact)
    if shape is not None and not isinstance(shape, SearchStrategy):
        _check_shape("bimatrix_games", shape)
        if len(shape) != 2:
            raise InvalidArgument(f"bimatrix_games(): shape must have length 2; got {shape!r}")
    if degenerate not in (None, True, False) and not isinstance(degenerate, SearchStrategy):
        raise InvalidArgument(f"bimatrix_games(): degenerate must be None, True or False; got {degenerate!r}")
    shapes = shape if shape is not None else st.tuples(st.integers(min_strategies, max_strategies),
                                                       st.integers(min_strategies, max_strategies)) \
        if not (isinstance(min_strategies, SearchStrategy) or isinstance(max_strategies, SearchStrategy)) \
        else st.tuples(min_strategies if isinstance(min_strategies, SearchStrategy) else st.just(min_strategies),
                       max_strategies if isinstance(max_strategies, SearchStrategy) else st.just(max_strategies)
                       ).flatmap(lambda lh: st.tuples(st.integers(lh[0], lh[1]), st.integers(lh[0], lh[1])))
    games = normal_form_games(shape=shapes, exact=exact, min_value=min_value, max_value=max_value,
                              max_denominator=max_denominator)

    @st.composite
    def _bimatrix(draw):
        want = _resolve(draw, degenerate)
        if want is None:
            return draw(games)
        if want:
            return draw(games.filter(is_degenerate_bimatrix) | _degenerate_games(shapes, exact))
        return draw(games.filter(lambda g: not is_degenerate_bimatrix(g)))

    return _bimatrix()


def _degenerate_games(shapes: SearchStrategy, exact: bool) -> SearchStrategy[NormalFormGame]:
    # A constant payoff for the column player: every column is a best response to anything.
    def build(shape):
        m, n = shape
        if m * n < 2:
            shape = (1, 2)
        m, n = shape
        A = np.zeros((m, n)) if not exact else np.full((m, n), sympy.Integer(0), dtype=object)
        arr = np.stack([A, A], axis=-1) if not exact else _stack_exact(A, A)
        return NormalFormGame(arr, players=("player 1", "player 2"), strategies=_labels(shape))
    return shapes.map(build)


def _stack_exact(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    out = np.empty(A.shape + (2,), dtype=object)
    out[..., 0], out[..., 1] = A, B
    return out


def _degenerate_side(P: list[list[Fraction]]) -> bool:
    """Whether some mixed row strategy x has more best-response columns than |supp x|.

    ``P[i][j]`` is the column player's payoff. Enough to check the vertices
    of {x : supp x in S, columns T indifferent}: square systems with
    |S| = |T| (sum x = 1 and the k indifferences); see the module docs.
    """
    m, n = len(P), len(P[0])
    for k in range(1, min(m, n) + 1):
        for S in itertools.combinations(range(m), k):
            for T in itertools.combinations(range(n), k):
                # unknowns x_S (k) and u; equations: sum x = 1, sum_i x_i P[i][t] - u = 0
                M = [[Fraction(1)] * k + [Fraction(0)]]
                rhs = [Fraction(1)]
                for t in T:
                    M.append([P[i][t] for i in S] + [Fraction(-1)])
                    rhs.append(Fraction(0))
                sol = solve_rational(M, rhs)
                if sol is None:
                    continue
                x, u = sol[:k], sol[k]
                if any(v < 0 for v in x):
                    continue
                col = [sum(x[a] * P[i][j] for a, i in enumerate(S)) for j in range(n)]
                best = max(col)
                if best != u:
                    continue
                n_best = sum(1 for v in col if v == best)
                if n_best > sum(1 for v in x if v > 0):
                    return True
    return False


def is_degenerate_bimatrix(game: NormalFormGame) -> bool:
    """Whether a two-player numeric game is degenerate (checked exactly).

    A bimatrix game is nondegenerate when no mixed strategy with support of
    size ``k`` has more than ``k`` pure best responses (von Stengel 2002,
    *Handbook of Game Theory* 3, ch. 45, Def. 3.2). Floats are checked
    through their exact binary values.

    Examples
    --------
    >>> from games.catalog.classic import matching_pennies, prisoners_dilemma
    >>> is_degenerate_bimatrix(matching_pennies())
    False
    >>> is_degenerate_bimatrix(NormalFormGame.from_bimatrix([[1, 1], [0, 0]], [[1, 1], [0, 0]]))
    True
    """
    if game.n_players != 2 or game.is_symbolic:
        raise InvalidArgument(f"is_degenerate_bimatrix(): game must be a numeric two-player game; got {game!r}")
    pay = game.payoffs
    m, n = game.shape
    frac = [[[_frac(pay[i, j, p]) for j in range(n)] for i in range(m)] for p in range(2)]
    B = frac[1]
    At = [[frac[0][i][j] for i in range(m)] for j in range(n)]
    return _degenerate_side(B) or _degenerate_side(At)


def _frac(v: Any) -> Fraction:
    if isinstance(v, sympy.Rational):
        return Fraction(int(v.p), int(v.q))
    return Fraction(float(v))


# Extensive-form strategies live beside the tree code; one public home for all strategies.
from games._tree_strategies import game_trees  # noqa: E402
