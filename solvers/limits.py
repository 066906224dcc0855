"""Time limits that hold: run a computation in a worker process that can be stopped.

A ``time_limit`` checked between steps does not bound a single step that
runs long inside sympy or z3. :func:`call_with_time_limit` runs the whole
computation in a forked worker process and stops (kills) it when the limit
is reached, so the call returns or raises within the limit plus the cost of
stopping the worker (milliseconds). The computation may report partial
results as it goes (``report(item)``); on the limit these are handed back
in :class:`TimeLimitExceeded` so that a solver can return them as an
incomplete result.

The same mechanism as Gambit's ``stop_after`` and scipy's ``maxiter``
(a limit, then a status), applied to wall-clock time.
"""

from __future__ import annotations

import math
import multiprocessing as mp
import os
import pickle
import signal
import sys
import time
import traceback
from typing import Any, Callable

from games.errors import GameError, fmt_error

__all__ = ["TimeLimitExceeded", "call_with_time_limit", "check_time_limit", "Deadline", "run_limited"]


class TimeLimitExceeded(GameError):
    """A computation ran past its ``time_limit``.

    Attributes
    ----------
    partial : tuple
        What the computation reported (``report(item)``) before it was stopped,
        in the order reported.
    time_limit : float
        The limit, in seconds.
    """

    def __init__(self, message: str, partial: tuple = (), time_limit: float | None = None):
        super().__init__(message)
        self.partial = tuple(partial)
        self.time_limit = time_limit


def check_time_limit(func: str, time_limit: Any) -> float | None:
    """Validate a ``time_limit`` argument: a positive finite number of seconds, or None.

    Raises
    ------
    ValueError
        For anything else (booleans, zero, negative, infinite or non-numeric values).

    Examples
    --------
    >>> check_time_limit("equilibria", 2)
    2.0
    >>> check_time_limit("equilibria", None) is None
    True
    """
    if time_limit is None:
        return None
    if isinstance(time_limit, bool) or not isinstance(time_limit, (int, float)) \
            or not time_limit > 0 or not math.isfinite(time_limit):
        raise ValueError(fmt_error(func, "time_limit", "a positive number of seconds or None",
                                   time_limit))
    return float(time_limit)


class Deadline:
    """A point in time after which cooperative checks stop a computation.

    Examples
    --------
    >>> Deadline(None).passed()
    False
    >>> Deadline(60).remaining() <= 60
    True
    """

    def __init__(self, time_limit: float | None):
        self.time_limit = time_limit
        self.at = None if time_limit is None else time.monotonic() + time_limit

    def passed(self) -> bool:
        """Whether the limit has been reached."""
        return self.at is not None and time.monotonic() > self.at

    def remaining(self) -> float:
        """Seconds left (``inf`` without a limit)."""
        return math.inf if self.at is None else max(0.0, self.at - time.monotonic())


# process groups of the workers this process started (killed with it)
_CHILD_GROUPS: set[int] = set()


def _stop_children_and_exit(signum, frame):  # SIGTERM in a worker: stop its own workers first
    for pg in list(_CHILD_GROUPS):
        try:
            os.killpg(pg, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    os._exit(1)


def _worker(conn, func, args, kwargs):
    # the worker leads its own process group, so that stopping it stops what it started
    try:
        os.setpgid(0, 0)
    except OSError:
        pass
    _CHILD_GROUPS.clear()
    signal.signal(signal.SIGTERM, _stop_children_and_exit)

    # report partial items and the final value through the pipe
    def report(item):
        try:
            conn.send(("partial", item))
        except Exception:  # an unpicklable partial item is simply not reported
            pass

    try:
        value = func(*args, report=report, **kwargs)
        conn.send(("done", value))
    except BaseException as exc:  # hand every error back to the caller
        try:
            pickle.dumps(exc)
            conn.send(("error", exc))
        except Exception:
            conn.send(("error", GameError("".join(traceback.format_exception(exc)))))
    finally:
        conn.close()
        os._exit(0)


def call_with_time_limit(func: Callable[..., Any], *args: Any, time_limit: float | None,
                         name: str = "computation", **kwargs: Any) -> Any:
    """Call ``func(*args, report=..., **kwargs)``, stopping it after ``time_limit`` seconds.

    Parameters
    ----------
    func : callable
        Takes a keyword argument ``report``, a function to call with each
        partial result as it is found. Its return value and errors must be
        picklable (they cross a process boundary).
    time_limit : float or None
        Seconds. ``None`` calls ``func`` directly in this process.
    name : str
        What is computed, for the error message.

    Returns
    -------
    The value ``func`` returns.

    Raises
    ------
    TimeLimitExceeded
        When the limit is reached; ``.partial`` holds what was reported.
        The worker is killed, whatever it was doing (inside sympy or z3 too).
    Exception
        Whatever ``func`` raised, re-raised here.

    Notes
    -----
    On platforms without ``fork`` (Windows, and macOS by default) the call
    runs in this process and the limit is only checked when ``func`` checks
    it cooperatively.

    Examples
    --------
    >>> def slow(report):
    ...     report(1)
    ...     while True:
    ...         pass
    >>> try:
    ...     call_with_time_limit(slow, time_limit=0.5, name="a loop")
    ... except TimeLimitExceeded as exc:
    ...     print(exc.partial)
    (1,)
    """
    if time_limit is None or "fork" not in mp.get_all_start_methods() or sys.platform == "darwin":
        found: list = []
        return func(*args, report=found.append, **kwargs)
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    # not a daemon, so that a worker may start workers of its own (nested time limits)
    proc = ctx.Process(target=_worker, args=(child, func, args, kwargs), daemon=False)
    end = time.monotonic() + time_limit
    proc.start()
    _CHILD_GROUPS.add(proc.pid)
    child.close()
    partial: list = []
    try:
        while True:
            left = end - time.monotonic()
            if left <= 0 or not parent.poll(left):
                if time.monotonic() < end:
                    continue
                raise TimeLimitExceeded(
                    f"{name} stopped at its time_limit of {time_limit:g} s", partial, time_limit)
            try:
                kind, value = parent.recv()
            except EOFError:
                raise GameError(f"{name}: the worker process ended without an answer "
                                f"(exit code {proc.exitcode})") from None
            if kind == "partial":
                partial.append(value)
            elif kind == "done":
                return value
            else:
                raise value
    finally:
        _stop(proc)
        _CHILD_GROUPS.discard(proc.pid)
        parent.close()


def _stop(proc) -> None:
    """Stop a worker and every worker it started: SIGTERM (its handler stops its own
    workers), then SIGKILL to its whole process group."""
    if proc.is_alive():
        try:
            os.kill(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        proc.join(0.2)
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.join(1)


def run_limited(func: Callable[..., Any], *args: Any, time_limit: float | None, name: str,
                advice: str, **kwargs: Any) -> Any:
    """``func(*args, **kwargs)`` within ``time_limit`` seconds, or :class:`~games.errors.UnsupportedGame`.

    For solvers whose whole computation is one call: it runs in a worker
    stopped at the limit (:func:`call_with_time_limit`), and the error names
    ``advice``, a method that works for the input.

    Examples
    --------
    >>> run_limited(sum, [1, 2], time_limit=None, name="sum()", advice="")
    3
    """
    from games.errors import UnsupportedGame

    time_limit = check_time_limit(name.rstrip("()"), time_limit)
    if time_limit is None:
        return func(*args, **kwargs)
    try:
        return call_with_time_limit(lambda report: func(*args, **kwargs), time_limit=time_limit, name=name)
    except TimeLimitExceeded:
        raise UnsupportedGame(fmt_error(name.rstrip("()"), "time_limit", f"enough for this input ({advice})",
                                        time_limit)) from None
