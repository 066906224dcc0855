"""Classic extensive-form games (game trees) with citations.

Each factory returns a :class:`~games.extensive_form.GameTree`; the slugs
in :data:`CATALOG` are stable (``games.catalog.load("centipede", n=6)``).
"""

from __future__ import annotations

from games.errors import InvalidGame, fmt_error
from games.extensive_form import GameTree, chance, decision, terminal

__all__ = ["entry_deterrence", "centipede", "ultimatum", "trust_game", "beer_quiche", "entry_mixed_subgame",
           "CATALOG"]


def _positive_int(func: str, arg: str, value, minimum: int = 1) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise InvalidGame(fmt_error(func, arg, f"an int >= {minimum}", value))
    return value


def entry_deterrence() -> GameTree:
    """Entry deterrence: the chain-store stage game (an entrant, an incumbent monopolist).

    The entrant stays Out (1, 5) or goes In; the incumbent then Fights
    (0, 0) or Accommodates (2, 2). (Out, Fight) is a Nash equilibrium of
    the strategic form, but the threat to fight is not credible: the only
    subgame-perfect equilibrium is (In, Accommodate).

    References
    ----------
    .. [1] R. Selten, "The chain store paradox", Theory and Decision 9
       (1978): 127-159 (payoffs of the stage game as in the paper).

    Examples
    --------
    >>> t = entry_deterrence()
    >>> t.players, t.terminals
    (('Entrant', 'Incumbent'), (('Out',), ('In', 'Fight'), ('In', 'Accommodate')))
    """
    return GameTree.build(
        ("Entrant", "Incumbent"),
        decision("Entrant", {
            "Out": terminal((1, 5)),
            "In": decision("Incumbent", {"Fight": terminal((0, 0)), "Accommodate": terminal((2, 2))}),
        }),
        name="Entry deterrence (chain-store stage game)")


def centipede(n: int = 4) -> GameTree:
    """Rosenthal's centipede game with ``n`` stages; players alternate, 1 moves first.

    At stage ``k`` (1-based) the mover may Take — she gets ``k + 1``, the
    other ``k - 1`` — or Pass; if everyone passes both get ``n``. By
    backward induction every mover takes, so the unique SPE ends the game
    at once with payoffs (2, 0).

    References
    ----------
    .. [1] R. W. Rosenthal, "Games of perfect information, predatory
       pricing and the chain-store paradox", Journal of Economic Theory 25
       (1981): 92-100.

    Examples
    --------
    >>> t = centipede(3)
    >>> len(t), t.node(("Pass", "Pass", "Pass")).payoffs
    (7, (3, 3))
    """
    _positive_int("centipede", "n", n)
    node = terminal((n, n))
    for k in range(n, 0, -1):
        mover = "Player 1" if k % 2 == 1 else "Player 2"
        take = (k + 1, k - 1) if mover == "Player 1" else (k - 1, k + 1)
        node = decision(mover, {"Take": terminal(take), "Pass": node})
    return GameTree.build(("Player 1", "Player 2"), node, name=f"Centipede ({n} stages)")


def ultimatum(pie: int = 4) -> GameTree:
    """The ultimatum game over ``pie`` indivisible units.

    The proposer offers ``x`` units (action ``"offer x"``, ``x = 0..pie``);
    the responder Accepts (``pie - x``, ``x``) or Rejects (0, 0). With
    discrete offers there are exactly two SPE: offer 0 and accept
    everything, or offer 1 and reject only 0.

    References
    ----------
    .. [1] W. Güth, R. Schmittberger and B. Schwarze, "An experimental
       analysis of ultimatum bargaining", Journal of Economic Behavior and
       Organization 3 (1982): 367-388.

    Examples
    --------
    >>> ultimatum(2).node(()).actions
    ('offer 0', 'offer 1', 'offer 2')
    """
    _positive_int("ultimatum", "pie", pie)
    return GameTree.build(
        ("Proposer", "Responder"),
        decision("Proposer", {
            f"offer {x}": decision("Responder", {"Accept": terminal((pie - x, x)), "Reject": terminal((0, 0))})
            for x in range(pie + 1)}),
        name=f"Ultimatum game (pie {pie})")


def trust_game(endowment: int = 2, multiplier: int = 3) -> GameTree:
    """The trust (investment) game with whole units.

    The investor sends ``s`` of her ``endowment``; it is multiplied by
    ``multiplier``; the trustee returns ``r`` of the ``multiplier * s``
    units. Payoffs (investor, trustee) = (endowment - s + r, multiplier*s - r).
    The unique SPE: the trustee returns nothing and the investor sends nothing.

    References
    ----------
    .. [1] J. Berg, J. Dickhaut and K. McCabe, "Trust, reciprocity, and
       social history", Games and Economic Behavior 10 (1995): 122-142.

    Examples
    --------
    >>> t = trust_game(1, 3)
    >>> t.node(("send 1",)).actions
    ('return 0', 'return 1', 'return 2', 'return 3')
    """
    _positive_int("trust_game", "endowment", endowment)
    _positive_int("trust_game", "multiplier", multiplier)
    branches = {}
    for s in range(endowment + 1):
        if s == 0:
            branches["send 0"] = terminal((endowment, 0))
            continue
        branches[f"send {s}"] = decision("Trustee", {
            f"return {r}": terminal((endowment - s + r, multiplier * s - r)) for r in range(multiplier * s + 1)})
    return GameTree.build(("Investor", "Trustee"), decision("Investor", branches),
                          name=f"Trust game (endowment {endowment}, multiplier {multiplier})")


def beer_quiche(p_strong: str = "9/10") -> GameTree:
    """The beer–quiche signalling game: chance draws the sender's type.

    The sender is Strong with probability ``p_strong`` (else Weak) and
    chooses Beer or Quiche for breakfast; the receiver sees the breakfast,
    not the type, and Duels or Doesn't. The sender gets 1 for her preferred
    breakfast (Strong: beer, Weak: quiche) plus 2 if there is no duel; the
    receiver gets 1 for dueling a Weak or not dueling a Strong sender.
    There is no proper subgame: its SPE are its Nash equilibria (pooling on
    beer, and pooling on quiche supported by a duel after beer).

    References
    ----------
    .. [1] I.-K. Cho and D. M. Kreps, "Signaling games and stable
       equilibria", Quarterly Journal of Economics 102 (1987): 179-221.

    Examples
    --------
    >>> t = beer_quiche()
    >>> sorted(t.infosets)
    ['Receiver|Beer', 'Receiver|Quiche', 'Sender|Strong', 'Sender|Weak']
    """
    def receiver(breakfast: str, sender_base: int, weak: bool):
        return decision("Receiver", {
            "Duel": terminal((sender_base, 1 if weak else 0)),
            "Don't": terminal((sender_base + 2, 0 if weak else 1)),
        }, infoset=f"Receiver|{breakfast}")

    def sender(typ: str):
        weak = typ == "Weak"
        return decision("Sender", {
            "Beer": receiver("Beer", 0 if weak else 1, weak),
            "Quiche": receiver("Quiche", 1 if weak else 0, weak),
        }, infoset=f"Sender|{typ}")

    from games.values import to_value
    p = to_value(p_strong, func="beer_quiche", arg="p_strong")
    if not (0 < p < 1):
        raise InvalidGame(fmt_error("beer_quiche", "p_strong", "a probability in (0, 1)", p_strong))
    return GameTree.build(("Sender", "Receiver"),
                          chance({"Strong": (p, sender("Strong")), "Weak": (1 - p, sender("Weak"))}),
                          name="Beer-quiche signalling game")


def entry_mixed_subgame() -> GameTree:
    """Entry followed by a simultaneous-move, matching-pennies-like subgame.

    The entrant stays Out (0, 2) or enters; after entry the entrant chooses
    Aggressive or Passive marketing while the incumbent, without seeing it,
    chooses Fight or Accommodate. The post-entry subgame has no pure
    equilibrium; its unique equilibrium mixes (entrant Aggressive with
    probability 1/2, incumbent Fights with probability 3/5) and is worth
    3/5 to the entrant, so the unique SPE enters: payoffs (3/5, 0).

    References
    ----------
    .. [1] M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT
       Press 1994, ch. 6 and 11 (subgame perfection with simultaneous moves;
       this game is our own textbook-style instance).

    Examples
    --------
    >>> entry_mixed_subgame().infosets["Incumbent|post-entry"]
    (('In', 'Aggressive'), ('In', 'Passive'))
    """
    def incumbent(fight, acc):
        return decision("Incumbent", {"Fight": terminal(fight), "Accommodate": terminal(acc)},
                        infoset="Incumbent|post-entry")

    return GameTree.build(
        ("Entrant", "Incumbent"),
        decision("Entrant", {
            "Out": terminal((0, 2)),
            "In": decision("Entrant", {"Aggressive": incumbent((-1, 1), (3, -1)),
                                       "Passive": incumbent((1, -1), (0, 1))}),
        }),
        name="Entry with a simultaneous post-entry subgame")


CATALOG = {
    "entry_deterrence": entry_deterrence,
    "centipede": centipede,
    "ultimatum": ultimatum,
    "trust_game": trust_game,
    "beer_quiche": beer_quiche,
    "entry_mixed_subgame": entry_mixed_subgame,
}
