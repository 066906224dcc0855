"""Classic games of the governance literature, symbolic or numeric.

Each factory returns a :class:`~games.normal_form.NormalFormGame`. Keyword
arguments set parameter values (ints, Fractions and decimal strings stay
exact; floats give a float game); ``symbolic=True`` leaves every unset
parameter as a sympy symbol of the game's :class:`ParameterSpace`, and
``symbolic=False`` fills unset parameters with the documented defaults.
Numeric values are checked against the parameters' domains and the game's
constraints (e.g. ``cost < benefit``), so an invalid game is never built.

The slugs in :data:`CATALOG` are stable: ``games.catalog.load(slug)``.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

import numpy as np
import sympy

from games.catalog._tables import build, resolve
from games.errors import ParameterError, fmt_error
from games.normal_form import NormalFormGame
from games.parameters import ParameterSpace

__all__ = [
    "prisoners_dilemma",
    "battle_of_the_sexes",
    "matching_pennies",
    "stag_hunt",
    "chicken",
    "hawk_dove",
    "inspection",
    "volunteers_dilemma",
    "public_goods",
    "CATALOG",
    "DEFAULTS",
    "SOURCES",
]


def _resolve(func: str, rows: Sequence[tuple], constraints: Sequence[str],
             values: Mapping[str, Any], symbolic: bool) -> tuple[dict[str, Any], ParameterSpace]:
    """The model's parameter table as a space, then :func:`games.catalog._tables.resolve`."""
    return resolve(func, ParameterSpace.from_table(rows, constraints), values, symbolic)


def _bimatrix(A, B, env, space, players, strategies, name) -> NormalFormGame:
    return build(lambda p: (A[p[0]][p[1]], B[p[0]][p[1]]), (len(A), len(A[0])), env, space,
                  players, strategies, name)


def _check_n(func: str, n_players: Any, minimum: int, maximum: int) -> int:
    if isinstance(n_players, bool) or not isinstance(n_players, (int, np.integer)) \
            or not minimum <= n_players <= maximum:
        raise ParameterError(fmt_error(func, "n_players", f"an integer in [{minimum}, {maximum}]", n_players))
    return int(n_players)


# --- 2 x 2 classics ---------------------------------------------------------------

_PD = (
    ("temptation", "real", "T", "payoff for defecting against a cooperator", 5),
    ("reward", "real", "R", "payoff for mutual cooperation", 3),
    ("punishment", "real", "P", "payoff for mutual defection", 1),
    ("sucker", "real", "S", "payoff for cooperating against a defector", 0),
)


def prisoners_dilemma(*, symbolic: bool = False, temptation: Any = None, reward: Any = None,
                      punishment: Any = None, sucker: Any = None) -> NormalFormGame:
    """The prisoner's dilemma: defection is dominant, mutual cooperation is better.

    Payoffs (row, column) with ``T > R > P > S`` and ``2R > T + S``::

                   cooperate   defect
        cooperate   R, R        S, T
        defect      T, S        P, P

    Defaults are Axelrod's ``T, R, P, S = 5, 3, 1, 0``. The unique
    equilibrium is (defect, defect).

    Parameters
    ----------
    symbolic : bool
        Leave unset payoffs as symbols ``temptation, reward, punishment, sucker``.
    temptation, reward, punishment, sucker : number, optional
        Payoff values.

    References
    ----------
    .. [1] R. Axelrod (1984), *The Evolution of Cooperation*, Basic Books.
    .. [2] R. D. Luce and H. Raiffa (1957), *Games and Decisions*, Wiley, ch. 5.

    Examples
    --------
    >>> g = prisoners_dilemma()
    >>> g.payoff(("defect", "cooperate"))
    (5, 0)
    >>> prisoners_dilemma(symbolic=True).space.names
    ('temptation', 'reward', 'punishment', 'sucker')
    """
    env, space = _resolve("prisoners_dilemma", _PD,
                          ["temptation > reward", "reward > punishment", "punishment > sucker",
                           "2*reward > temptation + sucker"],
                          dict(temptation=temptation, reward=reward, punishment=punishment, sucker=sucker),
                          symbolic)
    T, R, P, S = (env[k] for k in ("temptation", "reward", "punishment", "sucker"))
    return _bimatrix([[R, S], [T, P]], [[R, T], [S, P]], env, space,
                     ("prisoner 1", "prisoner 2"), [("cooperate", "defect")] * 2, "Prisoner's dilemma")


_BOS = (
    ("high", "positive", "a", "payoff from coordinating on one's preferred event", 2),
    ("low", "positive", "b", "payoff from coordinating on the other's preferred event", 1),
)


def battle_of_the_sexes(*, symbolic: bool = False, high: Any = None, low: Any = None) -> NormalFormGame:
    """Battle of the sexes: coordination with conflicting preferences.

    Payoffs (row, column) with ``high > low > 0``; miscoordination pays 0::

                  ballet      boxing
        ballet    high, low    0, 0
        boxing    0, 0         low, high

    Defaults ``high, low = 2, 1``. Equilibria: (ballet, ballet),
    (boxing, boxing) and the mixed one in which player 1 plays ballet with
    probability ``high/(high+low)`` and player 2 with ``low/(high+low)``
    (2/3 and 1/3 at the defaults).

    Parameters
    ----------
    symbolic : bool
        Leave unset payoffs as symbols.
    high, low : number, optional
        Payoff values.

    References
    ----------
    .. [1] R. D. Luce and H. Raiffa (1957), *Games and Decisions*, Wiley, sec. 5.3.

    Examples
    --------
    >>> battle_of_the_sexes().payoff(("ballet", "ballet"))
    (2, 1)
    """
    env, space = _resolve("battle_of_the_sexes", _BOS, ["high > low"], dict(high=high, low=low), symbolic)
    a, b = env["high"], env["low"]
    return _bimatrix([[a, 0], [0, b]], [[b, 0], [0, a]], env, space, ("player 1", "player 2"),
                     [("ballet", "boxing")] * 2, "Battle of the sexes")


_MP = (("stake", "positive", "s", "amount the loser pays the winner", 1),)


def matching_pennies(*, symbolic: bool = False, stake: Any = None) -> NormalFormGame:
    """Matching pennies: zero-sum, no pure equilibrium.

    The matcher wins ``stake`` if the pennies match, the mismatcher wins it
    otherwise. Default ``stake = 1``. The unique equilibrium has both
    players mix 1/2, 1/2, with value 0.

    Parameters
    ----------
    symbolic : bool
        Leave the stake as a symbol.
    stake : number, optional
        The amount at stake (positive).

    References
    ----------
    .. [1] J. von Neumann and O. Morgenstern (1944), *Theory of Games and
       Economic Behavior*, Princeton University Press, sec. 17.1.

    Examples
    --------
    >>> matching_pennies().payoff(("heads", "tails"))
    (-1, 1)
    """
    env, space = _resolve("matching_pennies", _MP, [], dict(stake=stake), symbolic)
    s = env["stake"]
    return _bimatrix([[s, -s], [-s, s]], [[-s, s], [s, -s]], env, space, ("matcher", "mismatcher"),
                     [("heads", "tails")] * 2, "Matching pennies")


_SH = (
    ("stag", "positive", "s", "each hunter's share of a stag caught together", 4),
    ("hare", "positive", "h", "payoff from hunting hare (whatever the other does)", 3),
)


def stag_hunt(*, symbolic: bool = False, stag: Any = None, hare: Any = None) -> NormalFormGame:
    """The stag hunt: coordination with a payoff-dominant (stag) and a safe (hare) equilibrium.

    Hunting hare pays ``hare`` whatever the other does; hunting stag pays
    ``stag`` if the other hunts stag too and 0 otherwise; ``stag > hare``.
    Defaults ``stag, hare = 4, 3``. Equilibria: (stag, stag), (hare, hare)
    and the mixed one with probability ``hare/stag`` (3/4) on stag.

    Parameters
    ----------
    symbolic : bool
        Leave unset payoffs as symbols.
    stag, hare : number, optional
        Payoff values.

    References
    ----------
    .. [1] B. Skyrms (2004), *The Stag Hunt and the Evolution of Social
       Structure*, Cambridge University Press.

    Examples
    --------
    >>> stag_hunt().payoff(("stag", "hare"))
    (0, 3)
    """
    env, space = _resolve("stag_hunt", _SH, ["stag > hare"], dict(stag=stag, hare=hare), symbolic)
    s, h = env["stag"], env["hare"]
    return _bimatrix([[s, 0], [h, h]], [[s, h], [0, h]], env, space, ("hunter 1", "hunter 2"),
                     [("stag", "hare")] * 2, "Stag hunt")


_CH = (
    ("win", "positive", "w", "gain of going straight when the other swerves", 1),
    ("loss", "positive", "\\ell", "loss of swerving when the other goes straight", 1),
    ("crash", "positive", "c", "loss when both go straight", 10),
)


def chicken(*, symbolic: bool = False, win: Any = None, loss: Any = None, crash: Any = None) -> NormalFormGame:
    """Chicken: anti-coordination; each prefers the other to back down.

    Payoffs (row, column), with ``crash > loss``::

                   swerve        straight
        swerve     0, 0          -loss, win
        straight   win, -loss    -crash, -crash

    Defaults ``win, loss, crash = 1, 1, 10``. Equilibria: the two
    asymmetric pure ones and the symmetric mixed one with probability
    ``win/(win + crash - loss)`` (1/10) on straight.

    Parameters
    ----------
    symbolic : bool
        Leave unset payoffs as symbols.
    win, loss, crash : number, optional
        Payoff magnitudes (positive).

    References
    ----------
    .. [1] A. Rapoport and A. M. Chammah (1966), "The game of chicken",
       *American Behavioral Scientist* 10(3): 10-28.

    Examples
    --------
    >>> chicken().payoff(("straight", "straight"))
    (-10, -10)
    """
    env, space = _resolve("chicken", _CH, ["crash > loss"], dict(win=win, loss=loss, crash=crash), symbolic)
    w, l, c = env["win"], env["loss"], env["crash"]
    return _bimatrix([[0, -l], [w, -c]], [[0, w], [-l, -c]], env, space, ("driver 1", "driver 2"),
                     [("swerve", "straight")] * 2, "Chicken")


_HD = (
    ("value", "positive", "V", "value of the contested resource", 2),
    ("cost", "positive", "C", "cost of losing an escalated fight", 4),
)


def hawk_dove(*, symbolic: bool = True, value: Any = None, cost: Any = None,
              assume_cost_exceeds_value: bool = True) -> NormalFormGame:
    """Hawk-dove: a contest over a resource of value V with a fight cost C.

    Payoffs (row, column)::

                hawk                  dove
        hawk    (V-C)/2, (V-C)/2      V, 0
        dove    0, V                  V/2, V/2

    By default ``V < C`` (the constraint ``value < cost``): then the
    equilibria are (hawk, dove), (dove, hawk) and the symmetric mixed one
    with hawk probability ``V/C``, the evolutionarily stable strategy.
    Symbolic by default; ``symbolic=False`` uses ``V, C = 2, 4``.

    Parameters
    ----------
    symbolic : bool
        Leave unset payoffs as symbols (default True).
    value, cost : number, optional
        ``V`` and ``C``.
    assume_cost_exceeds_value : bool
        Impose ``value < cost`` (default True); without it hawk is dominant
        when ``V > C``.

    References
    ----------
    .. [1] J. Maynard Smith and G. R. Price (1973), "The logic of animal
       conflict", *Nature* 246: 15-18.
    .. [2] J. Maynard Smith (1982), *Evolution and the Theory of Games*,
       Cambridge University Press.

    Examples
    --------
    >>> g = hawk_dove()
    >>> g.payoff(("hawk", "hawk"))
    (-cost/2 + value/2, -cost/2 + value/2)
    >>> g.space.constraints
    (value < cost,)
    """
    env, space = _resolve("hawk_dove", _HD, ["value < cost"] if assume_cost_exceeds_value else [],
                          dict(value=value, cost=cost), symbolic)
    V, C = env["value"], env["cost"]
    half = sympy.Rational(1, 2)
    A = [[half * (V - C), V], [0, half * V]]
    B = [[half * (V - C), 0], [V, half * V]]
    return _bimatrix(A, B, env, space, ("animal 1", "animal 2"), [("hawk", "dove")] * 2, "Hawk-dove")


# --- inspection --------------------------------------------------------------------

_INSP = (
    ("gain", "positive", "g", "inspectee's gain from an undetected violation", 1),
    ("fine", "positive", "f", "fine paid by a detected violator (the gain is also forfeited)", 3),
    ("inspection_cost", "positive", "k", "inspector's cost of inspecting", 1),
    ("detection_value", "positive", "v", "inspector's value of detecting a violation", 2),
    ("damage", "positive", "d", "inspector's loss from an undetected violation", 2),
)


def inspection(*, symbolic: bool = True, gain: Any = None, fine: Any = None, inspection_cost: Any = None,
               detection_value: Any = None, damage: Any = None) -> NormalFormGame:
    """The inspection game: an inspectee may violate, an inspector may inspect.

    Payoffs (inspectee, inspector)::

                    inspect          not inspect
        violate     -f, v - k         g, -d
        comply       0, -k            0, 0

    A detected violator forfeits the gain and pays the fine ``f``; the
    inspector pays ``k`` to inspect, values a detection at ``v`` and loses
    ``d`` to an undetected violation. With ``k < v + d`` (imposed) there is
    no pure equilibrium and the unique equilibrium is mixed:

    * violation rate ``q* = k / (v + d)`` (makes the inspector indifferent),
    * inspection rate ``p* = g / (g + f)`` (makes the inspectee indifferent),

    with payoffs ``0`` for the inspectee and ``-d k / (v + d)`` for the
    inspector. Tsebelis' result: the equilibrium violation rate depends
    only on the inspector's payoffs, not on the fine; a heavier fine only
    lowers the inspection rate. Symbolic by default; ``symbolic=False``
    uses ``g, f, k, v, d = 1, 3, 1, 2, 2`` (``q* = 1/4``, ``p* = 1/4``).

    Parameters
    ----------
    symbolic : bool
        Leave unset parameters as symbols (default True).
    gain, fine, inspection_cost, detection_value, damage : number, optional
        Parameter values ``g, f, k, v, d`` (positive).

    References
    ----------
    .. [1] G. Tsebelis (1989), "The abuse of probability in political
       analysis: the Robinson Crusoe fallacy", *American Political Science
       Review* 83(1): 77-91.

    Examples
    --------
    >>> g = inspection()
    >>> g.players, g.strategies
    (('inspectee', 'inspector'), (('violate', 'comply'), ('inspect', 'not inspect')))
    >>> g.payoff(("violate", "inspect"))
    (-fine, detection_value - inspection_cost)
    >>> inspection(symbolic=False).payoff(("violate", "not inspect"))
    (1, -2)
    """
    env, space = _resolve("inspection", _INSP, ["inspection_cost < detection_value + damage"],
                          dict(gain=gain, fine=fine, inspection_cost=inspection_cost,
                               detection_value=detection_value, damage=damage), symbolic)
    g, f, k, v, d = (env[n] for n in ("gain", "fine", "inspection_cost", "detection_value", "damage"))
    A = [[-f, g], [0, 0]]
    B = [[v - k, -d], [-k, 0]]
    return _bimatrix(A, B, env, space, ("inspectee", "inspector"),
                     [("violate", "comply"), ("inspect", "not inspect")], "Inspection game")


# --- N-player games ----------------------------------------------------------------

_VD = (
    ("benefit", "positive", "b", "each player's benefit when at least one volunteers", 2),
    ("cost", "positive", "c", "a volunteer's cost", 1),
)


def volunteers_dilemma(n_players: int = 3, *, symbolic: bool = True, benefit: Any = None,
                       cost: Any = None) -> NormalFormGame:
    """The volunteer's dilemma: a public good produced if at least one of N volunteers.

    Every player gets ``benefit`` if at least one player volunteers; a
    volunteer pays ``cost`` (``0 < cost < benefit``). Pure equilibria: exactly
    one volunteer. The symmetric mixed equilibrium has each player abstain
    with probability ``q = (c/b)^(1/(N-1))``, so the good fails to be
    produced with probability ``q^N``, which rises with ``N``. Symbolic by
    default; ``symbolic=False`` uses ``b, c = 2, 1``.

    Parameters
    ----------
    n_players : int
        Number of players ``N`` (2 to 10).
    symbolic : bool
        Leave unset parameters as symbols (default True).
    benefit, cost : number, optional
        ``b`` and ``c``.

    References
    ----------
    .. [1] A. Diekmann (1985), "Volunteer's dilemma", *Journal of Conflict
       Resolution* 29(4): 605-610.

    Examples
    --------
    >>> g = volunteers_dilemma(3)
    >>> g.shape, g.strategies[0]
    ((2, 2, 2), ('volunteer', 'abstain'))
    >>> g.payoff(("volunteer", "abstain", "abstain"))
    (benefit - cost, benefit, benefit)
    """
    n = _check_n("volunteers_dilemma", n_players, 2, 10)
    env, space = _resolve("volunteers_dilemma", _VD, ["cost < benefit"], dict(benefit=benefit, cost=cost),
                          symbolic)
    b, c = env["benefit"], env["cost"]

    def payoff(prof):
        produced = any(s == 0 for s in prof)
        return [(b if produced else 0) - (c if s == 0 else 0) for s in prof]

    return build(payoff, (2,) * n, env, space, [f"player {i + 1}" for i in range(n)],
                  [("volunteer", "abstain")] * n, f"Volunteer's dilemma (N={n})")


def _pg_specs(n: int) -> tuple[tuple, ...]:
    return (
        ("multiplier", "positive", "r", "factor by which the pooled contributions are multiplied", 
              sympy.Rational(n + 1, 2)),
        ("endowment", "positive", "e", "each player's endowment (contributed in full or kept)", 10),
    )


def public_goods(n_players: int = 3, *, symbolic: bool = True, multiplier: Any = None,
                 endowment: Any = None) -> NormalFormGame:
    """The linear public goods game, binary version: contribute all or nothing.

    Each of N players holds ``endowment`` e and either contributes it or
    free-rides; the pooled contributions are multiplied by ``r`` and shared
    equally. A player's payoff is ``e (1 - x_i) + r e (sum_j x_j) / N``,
    ``x_i = 1`` if ``i`` contributes. With ``1 < r < N`` (imposed) free
    riding is strictly dominant (it gains ``e (1 - r/N)``) although full
    contribution is efficient; the unique equilibrium is universal free
    riding. Symbolic by default; ``symbolic=False`` uses ``r = (N + 1)/2``,
    ``e = 10``.

    Parameters
    ----------
    n_players : int
        Number of players ``N`` (2 to 10).
    symbolic : bool
        Leave unset parameters as symbols (default True).
    multiplier, endowment : number, optional
        ``r`` and ``e``.

    References
    ----------
    .. [1] R. M. Isaac and J. M. Walker (1988), "Group size effects in public
       goods provision: the voluntary contributions mechanism", *Quarterly
       Journal of Economics* 103(1): 179-199.
    .. [2] J. O. Ledyard (1995), "Public goods: a survey of experimental
       research", in *The Handbook of Experimental Economics*, Princeton.

    Examples
    --------
    >>> g = public_goods(3, symbolic=False)
    >>> g.payoff(("contribute", "free ride", "free ride"))
    (20/3, 50/3, 50/3)
    >>> public_goods(3).space.constraints
    (multiplier > 1, multiplier < 3)
    """
    n = _check_n("public_goods", n_players, 2, 10)
    env, space = _resolve("public_goods", _pg_specs(n), ["multiplier > 1", f"multiplier < {n}"],
                          dict(multiplier=multiplier, endowment=endowment), symbolic)
    r, e = env["multiplier"], env["endowment"]

    def payoff(prof):
        pot = r * e * sum(1 for s in prof if s == 0) / sympy.Integer(n)
        return [pot + (e if s == 1 else 0) for s in prof]

    return build(payoff, (2,) * n, env, space, [f"player {i + 1}" for i in range(n)],
                  [("contribute", "free ride")] * n, f"Public goods (N={n})")


CATALOG = {
    "prisoners_dilemma": prisoners_dilemma,
    "battle_of_the_sexes": battle_of_the_sexes,
    "matching_pennies": matching_pennies,
    "stag_hunt": stag_hunt,
    "chicken": chicken,
    "hawk_dove": hawk_dove,
    "inspection": inspection,
    "volunteers_dilemma": volunteers_dilemma,
    "public_goods": public_goods,
}


def _table_defaults(rows: Sequence[tuple], constraints: Sequence[str] = ()) -> dict[str, Any]:
    # built through the space, so the defaults are checked against domains and constraints
    return ParameterSpace.from_table(rows, constraints).defaults()


#: Each model's default parameter point (what ``symbolic=False`` uses).
DEFAULTS = {
    "prisoners_dilemma": _table_defaults(_PD),
    "battle_of_the_sexes": _table_defaults(_BOS, ["high > low"]),
    "matching_pennies": _table_defaults(_MP),
    "stag_hunt": _table_defaults(_SH, ["stag > hare"]),
    "chicken": _table_defaults(_CH, ["crash > loss"]),
    "hawk_dove": _table_defaults(_HD, ["value < cost"]),
    "inspection": _table_defaults(_INSP, ["inspection_cost < detection_value + damage"]),
    "volunteers_dilemma": _table_defaults(_VD, ["cost < benefit"]),
    "public_goods": _table_defaults(_pg_specs(3), ["multiplier > 1", "multiplier < 3"]),
}
_ILLUSTRATIVE = "illustrative (textbook-style values, not from a publication)"
#: Where each model's defaults come from.
SOURCES = {slug: _ILLUSTRATIVE for slug in DEFAULTS}
SOURCES["prisoners_dilemma"] = ("published: R. Axelrod (1984), The Evolution of Cooperation, "
                                "T, R, P, S = 5, 3, 1, 0")
SOURCES["public_goods"] = "illustrative, for 3 players (multiplier (N + 1)/2)"
