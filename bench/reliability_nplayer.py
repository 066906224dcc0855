"""Reliability of n-player support enumeration on random exact 2x2x2 and 3x2x2 games.

Each game (integer payoffs in [-5, 5]) is solved by govgames (with a time
limit per game), by an exact brute force written here and by pygambit's
enumpoly_solve. Printed: games whose equilibrium sets differ from the brute
force (miscounts), any returned profile that is not an equilibrium (wrong),
refusals, time-outs (hangs), degenerate games (a continuum; compared only on
the isolated equilibria both report), pygambit equilibria missing from ours or
ours missing from pygambit, progress every 100 games and a summary line with
the time per game of govgames, the brute force and pygambit.

The brute force (``brute_force``) solves each support profile exactly with a
case analysis (pure / one / two mixed players: exact linear algebra and small
exact LPs over Fractions; three mixed players: a lex Groebner basis and exact
arithmetic in Q(sqrt(D))); it uses nothing from ``solvers/``.
``brute_force_sympy_solve`` is the slow reference (sympy.solve on every
support); ``--validate N`` compares the two on N games of each family.

    python3 bench/reliability_nplayer.py --n 10000 [--time-limit 20] [--family both]
    python3 bench/reliability_nplayer.py --validate 300 [--max-payoff 5]
"""

from __future__ import annotations

import argparse
import itertools
import math
import time
import warnings
from collections import Counter
from fractions import Fraction

import numpy as np
import sympy


def brute_force_sympy_solve(P):
    """Reference brute force (slow): sympy.solve on every support profile.

    Returns (set of profiles, has_continuum); has_continuum is True as soon as
    some support's solution is parametric (whether or not it holds an equilibrium).
    """
    shape = P.shape[:-1]
    found, continuum = set(), False
    subsets = [[c for k in range(1, m + 1) for c in itertools.combinations(range(m), k)]
               for m in shape]
    for supp in itertools.product(*subsets):
        f, c = _sympy_solve_support(P, supp)
        found |= f
        continuum |= c
    return found, continuum


def _sympy_solve_support(P, supp):
    """sympy.solve on the indifference system of one support profile, exact checks."""
    shape = P.shape[:-1]
    n = len(shape)
    found, continuum = set(), False
    syms, probs = [], []
    for i, S in enumerate(supp):
        xs = sympy.symbols(f"q{i}_0:{len(S)}")
        syms += xs
        probs.append(dict(zip(S, xs)))

    def u(i, own, mix):
        tot = 0
        others = [j for j in range(n) if j != i]
        for combo in itertools.product(*(list(mix[j]) for j in others)):
            prof = [0] * n
            prof[i] = own
            w = 1
            for j, s in zip(others, combo):
                prof[j] = s
                w *= mix[j][s]
            tot += w * int(P[tuple(prof) + (i,)])
        return tot

    v = sympy.symbols(f"v0:{n}")
    eqs = [sum(d.values()) - 1 for d in probs]
    for i, S in enumerate(supp):
        eqs += [u(i, s, probs) - v[i] for s in S]
    sols = sympy.solve(eqs, list(syms) + list(v), dict=True)
    for sol in sols:
        if any(x not in sol or sol[x].free_symbols for x in syms):
            # a continuum: keep it if some point on it could be an equilibrium
            continuum = True
            continue
        if any(not sol[x].is_real for x in syms):
            continue
        if any(sol[x] <= 0 for x in syms):
            continue
        mix = [{s: sol[x] for s, x in d.items()} for d in probs]
        ok = all(u(i, t, mix) <= sol[v[i]] for i in range(n) for t in range(shape[i])
                 if t not in supp[i])
        if ok:
            prof = tuple(tuple(sympy.nsimplify(mix[i].get(t, 0)) for t in range(shape[i]))
                         for i in range(n))
            found.add(prof)
    return found, continuum


# ---------------------------------------------------------------------------
# Fast exact brute force (independent of govgames' solvers).
#
# For a support profile S = (S_0, ..., S_{n-1}) let M be the players with
# |S_i| >= 2 ("mixed").  Player i's mixed strategy on S_i = (s_0, ..., s_k) is
# parametrised by t in Q^k: x(s_l) = t_l (l >= 1), x(s_0) = 1 - sum(t).  The
# indifference equations of player i (u_i(s_l) = u_i(s_0)) involve only the
# other mixed players' parameters and are affine in each of them, so:
#   |M| = 0  the pure profile is checked directly;
#   |M| = 1  the equations are constants: no solution, or the whole face
#            (positive-dimensional; it holds an equilibrium iff a small exact
#            LP with strict positivity is feasible);
#   |M| = 2  the equations decouple into two affine linear systems (exact
#            Gaussian elimination): a point, nothing, or a product of affine
#            sets (positive-dimensional: exact LP when the third player's
#            bilinear deviation gains become affine, else see below);
#   |M| = 3  a lex Groebner basis over QQ (sympy.groebner); when it is in shape
#            position (g_k = x_k - f_k(z), h(z)) with deg h <= 2 every
#            solution lies in Q(sqrt(D)) and is checked exactly there; any other
#            basis falls back to sympy.solve on that support alone.
# All signs (probabilities > 0, deviation gains <= 0) are decided exactly in Q
# or Q(sqrt(D)).  A positive-dimensional solution set that cannot be decided
# exactly (|M| = 2 with both affine sets positive-dimensional and the linear
# conditions feasible but the checked sample point failing; any sympy.solve
# fallback with a parametric solution) sets has_continuum conservatively and
# is counted in BRUTE_STATS["continuum_undecided"].
# ---------------------------------------------------------------------------

BRUTE_STATS: Counter = Counter()


class QSqrt:
    """a + b*sqrt(d) with a, b, d Fractions, d > 0 not a rational square."""

    __slots__ = ("a", "b", "d")

    def __init__(self, a, b, d):
        self.a, self.b, self.d = Fraction(a), Fraction(b), d

    def _lift(self, o):
        if isinstance(o, QSqrt):
            if o.d != self.d:
                raise ValueError("QSqrt: different radicands")
            return o
        return QSqrt(o, 0, self.d)

    def __add__(self, o):
        o = self._lift(o)
        return QSqrt(self.a + o.a, self.b + o.b, self.d)

    __radd__ = __add__

    def __neg__(self):
        return QSqrt(-self.a, -self.b, self.d)

    def __sub__(self, o):
        return self + (-self._lift(o))

    def __rsub__(self, o):
        return self._lift(o) - self

    def __mul__(self, o):
        o = self._lift(o)
        return QSqrt(self.a * o.a + self.b * o.b * self.d, self.a * o.b + self.b * o.a, self.d)

    __rmul__ = __mul__

    def sign(self) -> int:
        sa, sb = _sgn(self.a), _sgn(self.b)
        if sb == 0 or sa == sb:
            return sa if sa else sb
        if sa == 0:
            return sb
        lhs, rhs = self.a * self.a, self.b * self.b * self.d
        return sa if lhs > rhs else (sb if lhs < rhs else 0)

    def to_sympy(self):
        return _rat(self.a) + _rat(self.b) * sympy.sqrt(_rat(self.d))


def _sgn(v) -> int:
    if isinstance(v, QSqrt):
        return v.sign()
    return (v > 0) - (v < 0)


def _rat(q):
    q = Fraction(q)
    return sympy.Rational(q.numerator, q.denominator)


def _to_sympy(v):
    return v.to_sympy() if isinstance(v, QSqrt) else _rat(v)


def _is_square(q: Fraction) -> bool:
    if q < 0:
        return False
    a, b = q.numerator, q.denominator
    return math.isqrt(a) ** 2 == a and math.isqrt(b) ** 2 == b


def _sqrt_rat(q: Fraction) -> Fraction:
    return Fraction(math.isqrt(q.numerator), math.isqrt(q.denominator))


class _Game:
    def __init__(self, P):
        self.shape = tuple(int(m) for m in P.shape[:-1])
        self.n = len(self.shape)
        self.pay = {idx: tuple(int(v) for v in P[idx]) for idx in np.ndindex(*self.shape)}

    def u(self, i, own, mix):
        """Expected payoff of player i playing `own` against mix[j] (dict s -> prob)."""
        others = [j for j in range(self.n) if j != i]
        tot = 0
        for combo in itertools.product(*(mix[j].items() for j in others)):
            idx = [0] * self.n
            idx[i] = own
            w = 1
            for j, (s, p) in zip(others, combo):
                idx[j] = s
                w = w * p
            tot = tot + w * self.pay[tuple(idx)][i]
        return tot

    def conditions(self, supp, mix, skip=()):
        """(strict, nonstrict, equal) values: strict < 0, nonstrict <= 0, equal == 0
        are the equilibrium conditions of `mix` with support `supp`."""
        strict, nonstrict, equal = [], [], []
        for i, S in enumerate(supp):
            strict += [-mix[i][s] for s in S]
            if i in skip:
                continue
            v = self.u(i, S[0], mix)
            equal += [self.u(i, s, mix) - v for s in S[1:]]
            nonstrict += [self.u(i, t, mix) - v for t in range(self.shape[i]) if t not in S]
        return strict, nonstrict, equal

    def is_equilibrium(self, supp, mix) -> bool:
        strict, nonstrict, equal = self.conditions(supp, mix)
        return (all(_sgn(v) < 0 for v in strict) and all(_sgn(v) <= 0 for v in nonstrict)
                and all(_sgn(v) == 0 for v in equal))


def _mix_of(S, t):
    d = {s: Fraction(v) if not isinstance(v, QSqrt) else v for s, v in zip(S[1:], t)}
    d[S[0]] = 1 - sum(t, Fraction(0))
    return d


def _affine(fn, k):
    """Coefficients (c0, [c1..ck]) of an affine map Q^k -> Q^m from k+1 evaluations."""
    base = fn([Fraction(0)] * k)
    cols = []
    for l in range(k):
        e = [Fraction(0)] * k
        e[l] = Fraction(1)
        cols.append([a - b for a, b in zip(fn(e), base)])
    return [(base[r], [cols[l][r] for l in range(k)]) for r in range(len(base))]


def _rref_solve(rows, k):
    """Solve c0 + c.t = 0 for all (c0, c) in rows, t in Q^k: None if inconsistent,
    else (particular solution, list of nullspace basis vectors)."""
    M = [list(c) + [-c0] for c0, c in rows]
    piv_cols, r = [], 0
    for col in range(k):
        p = next((q for q in range(r, len(M)) if M[q][col] != 0), None)
        if p is None:
            continue
        M[r], M[p] = M[p], M[r]
        pv = M[r][col]
        M[r] = [v / pv for v in M[r]]
        for q in range(len(M)):
            if q != r and M[q][col] != 0:
                f = M[q][col]
                M[q] = [a - f * b for a, b in zip(M[q], M[r])]
        piv_cols.append(col)
        r += 1
    if any(row[k] != 0 for row in M[r:]):
        return None
    part = [Fraction(0)] * k
    for q, col in enumerate(piv_cols):
        part[col] = M[q][k]
    null = []
    for free in (c for c in range(k) if c not in piv_cols):
        v = [Fraction(0)] * k
        v[free] = Fraction(1)
        for q, col in enumerate(piv_cols):
            v[col] = -M[q][free]
        null.append(v)
    return part, null


def _lp_feasible(strict, nonstrict, k):
    """Is there t in Q^k with f(t) < 0 (strict) and g(t) <= 0 (nonstrict)?  Each
    constraint is (c0, c) for c0 + c.t; the closed set must be bounded.
    Returns a feasible point (the centroid of the closed polytope's vertices) or None."""
    cons = strict + nonstrict
    dot = lambda c, t: sum((a * b for a, b in zip(c, t)), Fraction(0))
    verts = set()
    for comb in itertools.combinations(cons, k):
        sol = _rref_solve([(c0, c) for c0, c in comb], k)
        if sol is None or sol[1]:
            continue
        t = sol[0]
        if all(c0 + dot(c, t) <= 0 for c0, c in cons):
            verts.add(tuple(t))
    if not verts:
        return None
    cen = [sum(v[l] for v in verts) / len(verts) for l in range(k)]
    if all(c0 + dot(c, cen) < 0 for c0, c in strict):
        return cen
    return None


def _profile(game, mix):
    return tuple(tuple(_to_sympy(mix[i].get(t, 0)) for t in range(game.shape[i]))
                 for i in range(game.n))


def _positive_dim(game, supp, point_fn, dims, bilinear_player=None):
    """A positive-dimensional solution set parametrised by point_fn(s), s in Q^dims.

    Returns 'equilibrium' (contains one, exact), 'none' (contains none, exact) or
    'undecided'.  All conditions must be affine in s, except the deviation gains of
    `bilinear_player`: those are left out of the exact LP and only checked at its point.
    """
    skip = () if bilinear_player is None else (bilinear_player,)

    def fn(s):
        st, ns, _ = game.conditions(supp, point_fn(s), skip=skip)
        return st + ns
    ns_start = sum(len(S) for S in supp)
    cons = _affine(fn, dims)
    pt = _lp_feasible(cons[:ns_start], cons[ns_start:], dims)
    if pt is None:
        return "none"
    if bilinear_player is None or game.is_equilibrium(supp, point_fn(pt)):
        return "equilibrium"
    return "undecided"


def _record_continuum(verdict):
    BRUTE_STATS[f"continuum_{verdict}"] += 1
    return verdict != "none"


def _solve_support(game, supp, found):
    """Add the isolated equilibria with support `supp` to `found`; return True if
    the support's solution set is positive-dimensional and holds an equilibrium
    (or this cannot be ruled out)."""
    n = game.n
    M = [i for i in range(n) if len(supp[i]) >= 2]
    pure = {i: {supp[i][0]: Fraction(1)} for i in range(n) if i not in M}
    if not M:
        BRUTE_STATS["pure"] += 1
        mix = [pure[i] for i in range(n)]
        if game.is_equilibrium(supp, mix):
            found.add(_profile(game, mix))
        return False
    if len(M) == 1:
        BRUTE_STATS["one_mixed"] += 1
        (i,) = M
        mix = [pure.get(j) or _mix_of(supp[i], [Fraction(0)] * (len(supp[i]) - 1))
               for j in range(n)]
        _, _, equal = game.conditions(supp, mix)
        if any(v != 0 for v in equal):
            return False

        def point(s):
            return [pure.get(j) or _mix_of(supp[i], s) for j in range(n)]
        return _record_continuum(_positive_dim(game, supp, point, len(supp[i]) - 1))
    if len(M) == 2:
        BRUTE_STATS["two_mixed"] += 1
        i, j = M
        (k,) = [q for q in range(n) if q not in M]
        sols = {}
        for a, b in ((i, j), (j, i)):
            # player a's indifference, affine in player b's parameters
            db = len(supp[b]) - 1

            def fn(t, a=a, b=b):
                mix = [pure[k] if q == k else None for q in range(n)]
                mix[b] = _mix_of(supp[b], t)
                v = game.u(a, supp[a][0], mix)
                return [game.u(a, s, mix) - v for s in supp[a][1:]]
            sol = _rref_solve(_affine(fn, db), db)
            if sol is None:
                return False
            sols[b] = sol
        if not sols[i][1] and not sols[j][1]:
            mix = [pure.get(q) or _mix_of(supp[q], sols[q][0]) for q in range(n)]
            if game.is_equilibrium(supp, mix):
                found.add(_profile(game, mix))
            return False
        ai, aj = len(sols[i][1]), len(sols[j][1])

        def point(s):
            mix = [pure.get(q) for q in range(n)]
            for q, sq in ((i, s[:ai]), (j, s[ai:])):
                part, null = sols[q]
                t = [part[r] + sum((sq[l] * null[l][r] for l in range(len(null))), Fraction(0))
                     for r in range(len(part))]
                mix[q] = _mix_of(supp[q], t)
            return mix
        verdict = _positive_dim(game, supp, point, ai + aj,
                                bilinear_player=k if ai and aj else None)
        return _record_continuum(verdict)
    return _solve_support_groebner(game, supp, found)


def _solve_support_groebner(game, supp, found):
    syms, mix_sym = [], []
    for i, S in enumerate(supp):
        ts = sympy.symbols(f"t{i}_1:{len(S)}")
        syms += ts
        d = dict(zip(S[1:], ts))
        d[S[0]] = 1 - sum(ts)
        mix_sym.append(d)
    eqs = []
    for i, S in enumerate(supp):
        v = game.u(i, S[0], mix_sym)
        eqs += [sympy.expand(game.u(i, s, mix_sym) - v) for s in S[1:]]
    eqs = [e for e in eqs if e != 0]
    if not eqs:
        return _fallback(game, supp, found)
    G = sympy.groebner(eqs, *syms, order="lex", domain="QQ")
    if G.exprs == [1]:
        BRUTE_STATS["groebner_empty"] += 1
        return False
    shape = _shape_position(G, len(syms))
    if shape is None:
        return _fallback(game, supp, found)
    fs, h = shape
    roots = _real_roots_deg2(h)
    if roots is None:
        return _fallback(game, supp, found)
    BRUTE_STATS["groebner_shape"] += 1
    for z in roots:
        vals = [sum((c * _pow(z, e) for e, c in f.items()), Fraction(0)) for f in fs] + [z]
        mix, pos = [], 0
        for i, S in enumerate(supp):
            k = len(S) - 1
            mix.append(_mix_of(S, vals[pos:pos + k]))
            pos += k
        if game.is_equilibrium(supp, mix):
            found.add(_profile(game, mix))
    return False


def _pow(z, e):
    r = Fraction(1)
    for _ in range(e):
        r = z * r
    return r


def _shape_position(G, nv):
    """(f_0..f_{nv-2}, h) with x_k = f_k(z) (dicts exponent -> Fraction) and h(z)
    (dict) if the lex basis G is {a_k x_k - r_k(z)} + {h(z)}; else None."""
    if len(G.polys) != nv:
        return None
    fs, h = [None] * (nv - 1), None
    for p in G.polys:
        terms = {m: Fraction(int(c.p), int(c.q)) for m, c in p.as_dict().items()
                 for c in [sympy.Rational(c)]}
        used = {v for m in terms for v, e in enumerate(m) if e}
        if used <= {nv - 1}:
            if h is not None:
                return None
            h = {m[-1]: c for m, c in terms.items()}
            continue
        lead = [v for v in used if v != nv - 1]
        if len(lead) != 1:
            return None
        (v,) = lead
        unit = tuple(1 if q == v else 0 for q in range(nv))
        if unit not in terms or fs[v] is not None:
            return None
        a = terms[unit]
        rest = {}
        for m, c in terms.items():
            if m == unit:
                continue
            if any(m[q] for q in range(nv - 1)):
                return None
            rest[m[-1]] = -c / a
        fs[v] = rest
    if h is None or any(f is None for f in fs):
        return None
    return fs, h


def _real_roots_deg2(h):
    """Real roots of a univariate polynomial {exponent: coeff} of degree 1 or 2
    (Fractions or QSqrt); None for any other degree."""
    deg = max(e for e, c in h.items() if c != 0)
    c = [h.get(e, Fraction(0)) for e in range(deg + 1)]
    if deg == 1:
        return [-c[0] / c[1]]
    if deg != 2:
        return None
    a, b, c0 = c[2], c[1], c[0]
    disc = b * b - 4 * a * c0
    if disc < 0:
        return []
    if disc == 0:
        return [-b / (2 * a)]
    if _is_square(disc):
        r = _sqrt_rat(disc)
        return [(-b + r) / (2 * a), (-b - r) / (2 * a)]
    return [QSqrt(-b / (2 * a), 1 / (2 * a), disc), QSqrt(-b / (2 * a), -1 / (2 * a), disc)]


def _fallback(game, supp, found):
    BRUTE_STATS["fallback_sympy_solve"] += 1
    f, cont = _sympy_solve_support(game.P, supp)
    found |= f
    if cont:
        BRUTE_STATS["continuum_undecided"] += 1
    return cont


def brute_force(P):
    """Exact isolated equilibria of an integer game (fast path, see the comment above).

    Returns (set of profiles, has_continuum): the profiles are the equilibria that
    are isolated solutions of their own support's indifference system (tuples of
    sympy Rationals / quadratic surds); has_continuum is True when some support's
    solution set is positive-dimensional and holds an equilibrium, or this could
    not be ruled out exactly (counted in BRUTE_STATS["continuum_undecided"]).
    """
    game = _Game(P)
    game.P = P
    found, continuum = set(), False
    subsets = [[c for k in range(1, m + 1) for c in itertools.combinations(range(m), k)]
               for m in game.shape]
    for supp in itertools.product(*subsets):
        continuum |= _solve_support(game, supp, found)
    return found, continuum


def _key(prof):
    return tuple(round(float(sympy.N(p, 30)), 9) for s in prof for p in s)


FAMILIES = {"2x2x2": (2, 2, 2), "3x2x2": (3, 2, 2)}


def _shape_of(family, k):
    if family == "both":
        return (2, 2, 2) if k % 2 == 0 else (3, 2, 2)
    return FAMILIES[family]


def _fine_key(prof):
    return tuple(sympy.N(p, 50) for s in prof for p in s)


def _same_sets(a, b) -> bool:
    """Exact profiles compared at 50 significant digits (difference < 1e-30)."""
    ka, kb = [_fine_key(p) for p in a], [_fine_key(p) for p in b]
    close = lambda x, y: max(abs(u - v) for u, v in zip(x, y)) < sympy.Float("1e-30", 50)
    return (len(ka) == len(kb) and all(any(close(x, y) for y in kb) for x in ka)
            and all(any(close(x, y) for y in ka) for x in kb))


def validate(n_games: int, family: str, seed: int, max_payoff: int = 5) -> None:
    """Compare brute_force with brute_force_sympy_solve on n_games games of each family."""
    families = list(FAMILIES) if family == "both" else [family]
    for fam in families:
        rng = np.random.default_rng(seed)
        BRUTE_STATS.clear()
        t_old = t_new = 0.0
        diff_sets = 0
        cont = Counter()
        for k in range(n_games):
            P = rng.integers(-max_payoff, max_payoff + 1, FAMILIES[fam] + (3,))
            t = time.perf_counter()
            old, c_old = brute_force_sympy_solve(P)
            t_old += time.perf_counter() - t
            before = BRUTE_STATS["continuum_undecided"]
            t = time.perf_counter()
            new, c_new = brute_force(P)
            t_new += time.perf_counter() - t
            undecided = BRUTE_STATS["continuum_undecided"] > before
            cont[(c_old, c_new)] += 1
            if not _same_sets(old, new):
                diff_sets += 1
                print("DIFFERENT SETS", fam, P.tolist(), sorted(map(_key, old)),
                      sorted(map(_key, new)), flush=True)
            if c_new and not c_old:
                print("CONTINUUM only in the new brute force", "(undecided)" if undecided else "",
                      fam, P.tolist(), flush=True)
            if (k + 1) % 100 == 0:
                print(f"  {fam}: {k + 1} games, {diff_sets} differing sets", flush=True)
        print(f"validate {fam}: {n_games} games, {diff_sets} with differing equilibrium sets; "
              f"continuum flags (old, new): {dict(cont)}; per game: sympy.solve "
              f"{t_old / n_games:.3f} s, new {t_new / n_games:.4f} s "
              f"(x{t_old / max(t_new, 1e-9):.0f}); paths: {dict(BRUTE_STATS)}", flush=True)


def _gambit_work(P, conn):
    import pygambit as gbt

    g = gbt.Game.from_arrays(*[P[..., i] for i in range(P.shape[-1])])
    conn.send({tuple(round(float(prof[s]), 9) for p in g.players for s in p.strategies)
               for prof in gbt.nash.enumpoly_solve(g).equilibria})
    conn.close()


def _gambit_equilibria(P, time_limit):
    """pygambit's enumpoly_solve equilibria (rounded floats) or None after time_limit s."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_gambit_work, args=(P, send), daemon=True)
    proc.start()
    send.close()
    try:
        return recv.recv() if recv.poll(time_limit) else None
    except EOFError:  # the worker died
        return None
    finally:
        recv.close()
        if proc.is_alive():
            proc.kill()
        proc.join()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--time-limit", type=float, default=20.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--gambit-time-limit", type=float, default=10.0,
                    help="seconds per game for pygambit's enumpoly_solve (it can hang on "
                         "degenerate games); run in a forked process that is killed at the limit")
    ap.add_argument("--max-payoff", type=int, default=5,
                    help="integer payoffs in [-M, M]; a small M gives many degenerate games")
    ap.add_argument("--gambit-every", type=int, default=1, metavar="K",
                    help="compare with pygambit on every K-th game only (it is the slow part)")
    ap.add_argument("--family", choices=["2x2x2", "3x2x2", "both"], default="both")
    ap.add_argument("--validate", type=int, default=0, metavar="N",
                    help="compare the fast brute force with the sympy.solve one on N games "
                         "of each family, then stop")
    args = ap.parse_args()
    if args.validate:
        validate(args.validate, args.family, args.seed, args.max_payoff)
        return

    from games.errors import GovgamesWarning, UnsupportedGame
    from games.normal_form import NormalFormGame
    from solvers.support_enumeration import support_enumeration

    warnings.simplefilter("ignore", GovgamesWarning)
    rng = np.random.default_rng(args.seed)
    stats = dict(games=0, gambit_compared=0, miscount=0, wrong=0, refused=0, hangs=0, degenerate=0,
                 incomplete_nondegenerate=0, gambit_missing_from_ours=0, ours_missing_from_gambit=0,
                 gambit_timeouts=0)
    clock = Counter()
    BRUTE_STATS.clear()
    t0 = time.time()
    for k in range(args.n):
        shape = _shape_of(args.family, k)
        P = rng.integers(-args.max_payoff, args.max_payoff + 1, shape + (3,))
        game = NormalFormGame(P.tolist())
        stats["games"] += 1
        t = time.perf_counter()
        try:
            res = support_enumeration(game, time_limit=args.time_limit)
        except UnsupportedGame:
            stats["hangs"] += 1
            print("HANG", P.tolist(), flush=True)
            continue
        except Exception as exc:  # noqa: BLE001 - counted and shown
            stats["refused"] += 1
            print("REFUSED", type(exc).__name__, exc, P.tolist(), flush=True)
            continue
        finally:
            clock["ours"] += time.perf_counter() - t
        for e in res:
            if any(r != 0 for r in e.regret(game)) and \
                    any(abs(float(sympy.N(r, 50))) > 1e-40 for r in e.regret(game)):
                stats["wrong"] += 1
                print("WRONG", e.profile, P.tolist(), flush=True)
        ours = {_key(e.profile) for e in res}
        t = time.perf_counter()
        brute, cont = brute_force(P)
        clock["brute"] += time.perf_counter() - t
        brute_keys = {_key(p) for p in brute}
        if res.degenerate or cont:
            stats["degenerate"] += 1
            # isolated points found by both must agree where both claim them
            if not brute_keys <= ours and not res.degenerate:
                stats["miscount"] += 1
                print("MISCOUNT(degenerate)", P.tolist(), sorted(ours), sorted(brute_keys))
        else:
            if not res.complete:
                stats["incomplete_nondegenerate"] += 1
            if ours != brute_keys:
                stats["miscount"] += 1
                print("MISCOUNT", P.tolist(), sorted(ours), sorted(brute_keys), flush=True)
        if k % args.gambit_every == 0:
            stats["gambit_compared"] += 1
            t = time.perf_counter()
            theirs = _gambit_equilibria(P, args.gambit_time_limit)
            clock["pygambit"] += time.perf_counter() - t
            if theirs is None:
                stats["gambit_timeouts"] += 1
                print("GAMBIT-TIMEOUT", P.tolist(), flush=True)
            close = lambda a, B: any(max(abs(x - y) for x, y in zip(a, b)) < 1e-6 for b in B)
            if theirs is not None and not res.degenerate:
                g_miss = [t for t in theirs if not close(t, ours)]
                o_miss = [o for o in ours if not close(o, theirs)]
                stats["gambit_missing_from_ours"] += len(g_miss)
                stats["ours_missing_from_gambit"] += len(o_miss)
                if g_miss or o_miss:
                    print("GAMBIT-DIFFERS", "brute force continuum" if cont else "", P.tolist(),
                          "only pygambit:", g_miss, "only ours:", o_miss, flush=True)
        if (k + 1) % 100 == 0:
            print(f"{k + 1} games, {time.time() - t0:.0f} s: {stats}", flush=True)
    per = {name: f"{v / max(stats['games'], 1):.3f} s" for name, v in clock.items()}
    print(f"done: {stats} in {time.time() - t0:.0f} s; per game: {per}; "
          f"brute force paths: {dict(BRUTE_STATS)}", flush=True)


if __name__ == "__main__":
    main()
