"""Exact signs of real algebraic numbers, and the certificate of algebraic equilibrium profiles.

Equilibria of exact games with three or more players can have irrational
coordinates (radicals, or roots of polynomials as ``sympy.CRootOf``). Their
certificate needs the exact sign of each deviation gain: a high-precision
evaluation decides it when the value is far from zero relative to the
payoffs' scale, an exact test when it is near zero.
"""

from __future__ import annotations

__all__ = ["algebraic_sign", "verify_algebraic"]


def verify_algebraic(eq, game) -> None:
    """Exact-game check for algebraic (non-rational) profiles: on the simplex, regret exactly <= 0.

    Each quantity's sign is read from a 50- then 200-digit evaluation when
    the value is far from zero relative to the payoffs' scale; a value near
    zero must be exactly zero (:func:`algebraic_sign`). Raises
    :class:`~games.errors.GameError` when a strategy is off the simplex or a
    deviation gains (or may gain: a sign that cannot be decided).

    Examples
    --------
    Player 1 of a coordination game mixing ``(1/sqrt(2), 1 - 1/sqrt(2))``
    against a pure strategy gains by deviating:

    >>> import sympy
    >>> from games.normal_form import NormalFormGame
    >>> from solvers.equilibrium import Equilibrium
    >>> g = NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> x = (1 / sympy.sqrt(2), 1 - 1 / sympy.sqrt(2))
    >>> verify_algebraic(Equilibrium((x, (1, 0)), (x[0], x[0])), g)
    Traceback (most recent call last):
    ...
    games.errors.GameError: Equilibrium.verify(): player 'Player 1' gains 0.29289321881345247560 by deviating from ((sqrt(2)/2, 1 - sqrt(2)/2), (1, 0))
    """
    import sympy

    from games.errors import GameError
    from solvers.equilibrium import deviation_payoffs

    scale = max([abs(sympy.Rational(v)) for v in game.payoffs.reshape(-1)] + [sympy.Integer(1)])
    for i in range(game.n_players):
        sigma = eq.profile[i]
        if algebraic_sign(sum(sigma) - 1, sympy.Integer(1)) != 0:
            raise GameError(f"Equilibrium.verify(): profile[{i}] is not on the simplex: {sigma}")
        dev = deviation_payoffs(game, eq.profile, i)
        cur = sum(p * d for p, d in zip(sigma, dev))
        for d in dev:
            sg = algebraic_sign(d - cur, scale)
            if sg is None or sg > 0:
                raise GameError(f"Equilibrium.verify(): player {game.players[i]!r} "
                                f"{'gains' if sg else 'may gain'} {sympy.N(d - cur, 20)} by deviating "
                                f"from {eq.profile}")


def algebraic_sign(e, scale):
    """The sign of an algebraic number ``e`` (-1, 0, 1), or None when it cannot be decided.

    A value whose evaluation to ``k`` digits (50, then 200) exceeds
    ``10^(15-k)`` times ``scale`` (a bound on the terms it was computed from)
    has the sign of the evaluation. A smaller one is zero when its minimal
    polynomial says so (radicals). A rational function of one root ``r`` of
    a polynomial (``CRootOf``, whose ``poly`` is its minimal polynomial
    ``f``) is zero exactly when ``f`` divides its numerator
    (:func:`_root_expression_is_zero`; the minimal polynomial of the whole
    expression would cost minutes). With several distinct roots, a value
    below ``10^-185`` of the scale counts as zero: the tie of two support
    strategies, which the exact solution of the support system makes exact.

    Examples
    --------
    >>> import sympy
    >>> algebraic_sign(sympy.sqrt(2) - sympy.Rational(141421356237, 10 ** 11), sympy.Integer(1))
    1
    >>> algebraic_sign(sympy.sqrt(8) - 2 * sympy.sqrt(2), sympy.Integer(1))
    0
    """
    import sympy

    e = sympy.sympify(e)
    if e.is_Rational:
        return int(bool(e > 0)) - int(bool(e < 0))
    roots = e.atoms(sympy.CRootOf)
    for digits in (50, 200):
        # each root evaluated once (sympy re-refines a root at every occurrence otherwise)
        v = sympy.N(e.xreplace({r: r.evalf(digits + 20) for r in roots}), digits)
        if abs(v) > scale * sympy.Integer(10) ** (15 - digits):
            return 1 if v > 0 else -1
    if roots:
        if _root_expression_is_zero(e, roots) is not False:
            return 0  # exactly zero, or several roots: the support tie rule above
        # nonzero: a tiny value, its sign at higher precision
        v = sympy.N(e.xreplace({r: r.evalf(1020) for r in roots}), 1000)
        return (1 if v > 0 else -1) if abs(v) > scale * sympy.Integer(10) ** -985 else None
    try:
        x = sympy.Dummy("x")
        zero = sympy.minimal_polynomial(e, x) == x
    except (NotImplementedError, ValueError, sympy.polys.polyerrors.PolynomialError):
        zero = e.equals(0) is True
        if not zero:
            return None
    if zero:
        return 0
    v = sympy.N(e, 1000)  # nonzero: a tiny value, its sign at higher precision
    return (1 if v > 0 else -1) if abs(v) > scale * sympy.Integer(10) ** -985 else None


def _root_expression_is_zero(e, roots):
    """Whether ``e``, a rational function over QQ of one ``CRootOf`` ``r``, is 0; None if not of that form.

    ``r.poly`` is irreducible (sympy keeps the factor the root belongs to),
    so ``p(r) = 0`` exactly when ``r.poly`` divides ``p``.
    """
    import sympy
    from sympy.polys.polyerrors import PolynomialError

    if len(roots) != 1:
        return None
    (r,) = roots
    t = sympy.Dummy("t")
    num, _ = sympy.fraction(sympy.together(e.xreplace({r: t})))
    try:
        P = sympy.Poly(num, t, domain="QQ")
    except (PolynomialError, sympy.CoercionFailed):  # another irrational in e
        return None
    f = sympy.Poly(r.poly.as_expr().subs(r.poly.gen, t), t, domain="QQ")
    return P.rem(f).is_zero
