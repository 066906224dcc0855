"""All equilibria of nondegenerate float bimatrix games with a compiled, certified kernel.

The same vertex enumeration as :mod:`solvers._vertex_float` (a breadth-first
traversal of the vertex graph of each best-response polytope, every vertex
proven simple by a rigorous floating-point certificate, equilibria the
completely labelled pairs; von Stengel 2007, sec. 3.5), compiled with numba
for the sizes where numpy's cost per call dominates. Nothing here is
trusted without proof:

* **The polytopes.** ``P = {x >= 0 : (B + s)^T x <= 1}`` and
  ``Q = {y >= 0 : (A + s') y <= 1}``, each matrix shifted by a power of two
  above its largest absolute entry and scaled by a power of two (shifts and
  scales keep the label structure of the vertices other than the origin).
  The float constraint matrix is within relative ``2^-53`` of the exact one
  (one correctly rounded addition, an exact scaling).
* **The certificate.** At every vertex the approximate inverse ``R`` (the
  tableau's slack block) and solution ``x`` bound ``||I - R B||`` and the
  error of ``x`` with every rounding error included (S. M. Rump (2010),
  "Verification methods: rigorous results using floating-point arithmetic",
  *Acta Numerica* 19, sec. 10; N. J. Higham (2002), *Accuracy and Stability
  of Numerical Algorithms*, secs. 3.1, 3.5): the basis is nonsingular and
  every basic variable strictly positive, so the vertex has exactly its
  labels, in the exact game. Any doubt (a near-tie, a near-singular basis, a
  value out of range) returns no answer, and the caller takes the general
  path, which decides degenerate games exactly.
* **Completeness.** Each certified simple vertex's neighbour across each of
  its labels is proposed by the ratio test; in a simple polytope only the
  true neighbour is a feasible basis, so a wrong proposal fails the
  certificate. The certified set is closed under the edges of the vertex
  graph, which is connected (M. L. Balinski (1961), *Pacific J. Math.* 11:
  431-434): it is every vertex. Both polytopes simple makes the game
  nondegenerate, so each equilibrium is isolated and is one pair.
* **Exact values.** The supports of each pair are solved exactly in
  integers from the floats' exact binary values (:func:`integer_solve`), so
  each returned float is the correct rounding of the exact value, the same
  float the general path returns.

The kernel (:mod:`solvers._compiled_kernel`) must be compiled, which takes
seconds the first time on a machine and about half a second to load from
numba's on-disk cache after that. So :func:`solvers.nash.equilibria` has it
compiled in a separate process once a process has spent
:data:`SECONDS_BEFORE_COMPILING` on such games (a sweep), loads it when that
is done, and uses it from then on; until then, and in processes that solve
few games, the general path gives the same results without the wait.
"""

from __future__ import annotations

import threading

import numpy as np

from games.errors import GameError
from solvers._compiled_kernel import compile_kernel
from solvers._small_bimatrix import two_by_two_mixture
from solvers._support import binary_integers, float_equilibrium, make_set, profile_sort_key

__all__ = ["SECONDS_BEFORE_COMPILING", "COMPILED_MAX_STRATEGIES", "compiled_float_equilibria",
           "load_kernel", "kernel_loaded", "kernel_ready", "note_general_time"]

#: Seconds a process spends on float two-player games the kernel could take,
#: on the general path, before the kernel is compiled in a separate process.
SECONDS_BEFORE_COMPILING = 0.5
#: Largest number of strategies of either player the compiled kernel takes (square
#: games of this size are within the general path's bound on vertices, so the
#: kernel never takes a game the general path would refuse).
COMPILED_MAX_STRATEGIES = 16

# Floats of the tableaux of queued vertices (32 MB) and vertices (16 MB of masks) per
# polytope past which the kernel gives up (memory bounds; the general path takes over).
_QUEUED_FLOATS = 1 << 22
_MAX_VERTICES = 1 << 21
# compiler: None (not started), the compiling process, or _DONE
_DONE = "done"
_state = {"kernel": None, "spent": 0.0, "compiler": None, "unavailable": False}
_LOCK = threading.Lock()


def load_kernel():
    """Compile (or load from numba's cache) the kernel now; False when numba is unavailable.

    :func:`solvers.nash.equilibria` loads it by itself once a process has
    spent :data:`SECONDS_BEFORE_COMPILING` on games it could take and a
    separate process has compiled it; calling this first makes a sweep use
    it from its first game (waiting for the compilation: seconds the first
    time on a machine, about half a second from numba's cache).

    Returns
    -------
    bool
        Whether :func:`compiled_float_equilibria` can run.

    Examples
    --------
    >>> load_kernel()
    True
    """
    with _LOCK:
        if _state["kernel"] is None and not _state["unavailable"]:
            try:
                _state["kernel"] = compile_kernel()
            except ImportError:  # pragma: no cover - numba is a dependency; the general path serves
                _state["unavailable"] = True
    return _state["kernel"] is not None


def kernel_loaded():
    """Whether the compiled kernel is loaded in this process.

    Examples
    --------
    >>> isinstance(kernel_loaded(), bool)
    True
    """
    return _state["kernel"] is not None


def kernel_ready(time_limit=None):
    """Whether the kernel is loaded; loads it once the compiling process has finished.

    Loading from numba's cache takes about half a second, so it is not done
    in a call with a ``time_limit`` (the next call without one does it).

    Examples
    --------
    >>> kernel_ready(1.0) in (True, False)
    True
    """
    if _state["kernel"] is not None:
        return True
    proc = _state["compiler"]
    if proc is None or proc is _DONE or time_limit is not None or proc.poll() is None:
        return False
    _state["compiler"] = _DONE
    if proc.returncode != 0:  # (numba missing or failing here: the general path serves)
        _state["unavailable"] = True
        return False
    return load_kernel()


def note_general_time(seconds):
    """Add the seconds the general path spent on a game the kernel could take.

    Past :data:`SECONDS_BEFORE_COMPILING` in all, the kernel is compiled in a
    separate Python process (numba writes it to its on-disk cache: seconds
    the first time on a machine), while this one goes on with the general
    path; :func:`kernel_ready` then loads it. A separate process, not a
    thread: compiling holds Python's interpreter lock and import locks, so a
    thread would stall behind a busy sweep and could deadlock processes
    forked meanwhile.

    Examples
    --------
    >>> note_general_time(0.001)
    """
    if _state["compiler"] is not None or _state["kernel"] is not None or _state["unavailable"]:
        return
    _state["spent"] += seconds
    if _state["spent"] >= SECONDS_BEFORE_COMPILING:
        _state["compiler"] = _start_compiler()


def _start_compiler():
    """A Python process compiling the kernel into numba's cache, or _DONE when none starts."""
    import os
    import subprocess
    import sys

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    try:
        return subprocess.Popen(
            [sys.executable, "-c", "from solvers._compiled_kernel import compile_kernel; "
                                   "compile_kernel()"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    except OSError:  # pragma: no cover - no process can start here: the general path serves
        _state["unavailable"] = True
        return _DONE


def _indifference(rows):
    """The mixture ``w`` (positive) making ``rows`` (k lists of k integers) equally good, exactly.

    Returns ``(nums, den, value)``: ``w = nums / den`` and the common row
    payoff ``value / den``; None when the mixture is not unique and positive
    (a certified vertex never gives that).
    """
    from solvers._vertex_exact import integer_solve  # (used rarely: imported when needed)

    k = len(rows)
    # (r_i - r_0) w = 0 for i >= 1, and sum(w) = 1
    first = rows[0]
    M = [[a - b for a, b in zip(row, first)] for row in rows[1:]]
    M.append([1] * k)
    sol = integer_solve(M, [0] * (k - 1) + [1])
    if sol is None:
        return None
    nums, den = sol
    if min(nums) <= 0:
        return None
    return nums, den, sum([a * b for a, b in zip(first, nums)])


def compiled_float_equilibria(game, max_k=None):
    """The EquilibriumSet of a nondegenerate float two-player game, or None on any doubt.

    Parameters
    ----------
    game : NormalFormGame
        Two players, float payoffs, 2 to :data:`COMPILED_MAX_STRATEGIES`
        strategies each.
    max_k : int, optional
        Only equilibria whose supports have at most this many strategies
        (``complete=False`` when that left one out).

    Returns
    -------
    EquilibriumSet or None
        Every equilibrium (``degenerate=False``, each its own component),
        ordered as :func:`solvers.nash.equilibria` orders them; None when the
        kernel is not loaded, when its certificate does not decide (a
        degenerate or nearly degenerate game), or when a probability rounds
        to zero or two equilibria round to the same floats (the general path
        handles those).

    Examples
    --------
    >>> from games.normal_form import NormalFormGame
    >>> load_kernel()
    True
    >>> A = [[3.0, 0.0, 0.0], [0.0, 2.0, 0.0], [0.0, 0.0, 1.0]]
    >>> es = compiled_float_equilibria(NormalFormGame.from_bimatrix(A, A))
    >>> [e.kind for e in es], list(es)[-1].payoffs
    (['pure', 'pure', 'pure', 'mixed', 'mixed', 'mixed', 'mixed'], (0.5454545454545454, 0.5454545454545454))
    """
    kernel = _state["kernel"]
    if kernel is None:
        return None
    P = game.payoffs
    if P.dtype != np.float64 or P.flags.writeable or not P.flags.c_contiguous:
        P = np.array(P, dtype=np.float64)  # (the one array type compiled: read-only, C order)
        P.flags.writeable = False
    pairs, ok = kernel(P, _QUEUED_FLOATS, _MAX_VERTICES)
    if not ok:
        return None
    m, n = game.shape
    ox, oy = (1 << m) - 1, (1 << n) - 1
    found, capped = [], False  # (profile, payoffs, kind)
    for mp, mq in pairs.tolist():
        free_x, free_y = ~mp & ox, ~mq & oy  # the supports
        k = free_x.bit_count()
        if k != free_y.bit_count():  # (never for certified simple vertices)
            return None
        if max_k is not None and k > max_k:
            capped = True
        elif k == 1:
            i, j = free_x.bit_length() - 1, free_y.bit_length() - 1
            px, py = [0.0] * m, [0.0] * n
            px[i] = py[j] = 1.0
            # (+ 0.0: a payoff of -0.0 is the exact 0, rounded to 0.0 as on the general path)
            found.append(((tuple(px), tuple(py)), (P.item(i, j, 0) + 0.0, P.item(i, j, 1) + 0.0),
                          "pure"))
        else:
            eq = _mixed(P, [i for i in range(m) if free_x >> i & 1],
                        [j for j in range(n) if free_y >> j & 1])
            if eq is None:
                return None
            found.append(eq)
    if len(found) > 1:
        found.sort(key=_profile_key)
        if len({t[0] for t in found}) < len(found):
            return None  # two equilibria round to the same floats: the general path merges them
    players, strategies, space = game.players, game.strategies, game.space
    eqs = [float_equilibrium(prof, pays, kind=kind, method="vertex_enumeration", players=players,
                             strategies=strategies, space=space) for prof, pays, kind in found]
    return make_set(eqs, game, method="vertex_enumeration", complete=not capped,
                    components=tuple([(c,) for c in range(len(eqs))]))


def _mixed(P, I, J):
    """The ``(profile, payoffs, "mixed")`` on supports ``I``, ``J``, exactly, or None.

    Each player's mixture makes the other's support strategies equally good,
    solved in integers (each block of payoffs times its common power-of-two
    denominator); None when that fails (never for a certified pair) or a
    probability rounds to zero (the general path merges such equilibria).
    """
    m, n = P.shape[0], P.shape[1]
    k = len(I)
    if k != len(J):
        return None
    if k == 2:
        return _mixed_two(P, m, n, *I, *J)
    out = []
    # (the column player's mixture from the row player's payoffs, and back)
    for vals in ([P.item(i, j, 0) for i in I for j in J], [P.item(i, j, 1) for j in J for i in I]):
        ints, q = binary_integers(vals)
        sol = _indifference([ints[r * k:(r + 1) * k] for r in range(k)])
        if sol is None:
            return None
        out.append((sol, q))
    ((ny, dy, vy), qy), ((nx, dx, vx), qx) = out
    px, py = [0.0] * m, [0.0] * n
    for i, a in zip(I, nx):
        px[i] = a / dx  # int / int: correctly rounded
    for j, a in zip(J, ny):
        py[j] = a / dy
    if 0.0 in [px[i] for i in I] or 0.0 in [py[j] for j in J]:
        return None  # below float range: the general path merges it
    return (tuple(px), tuple(py)), (vy / (dy << qy), vx / (dx << qx)), "mixed"


def _mixed_two(P, m, n, i0, i1, j0, j1):
    """:func:`_mixed` on two strategies each, by the 2 x 2 closed form."""
    vals = [P.item(i, j, a) for a in (0, 1) for i in (i0, i1) for j in (j0, j1)]
    ints, q = binary_integers(vals)
    try:
        (nx, dx), (ny, dy) = two_by_two_mixture(*ints)
    except GameError:
        return None
    px, py = [0.0] * m, [0.0] * n
    px[i0], px[i1] = nx / dx, (dx - nx) / dx  # int / int: correctly rounded
    py[j0], py[j1] = ny / dy, (dy - ny) / dy
    if not (px[i0] and px[i1] and py[j0] and py[j1]):
        return None  # below float range: the general path merges it
    A00, A01, _, _, B00, _, B10, _ = ints
    # each player indifferent between her two strategies: the payoff of the first
    return ((tuple(px), tuple(py)), ((A00 * ny + A01 * (dy - ny)) / (dy << q),
                                     (B00 * nx + B10 * (dx - nx)) / (dx << q)), "mixed")


def _profile_key(t):
    return profile_sort_key(t[0])
