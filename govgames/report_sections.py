"""The pieces a report is built from: :class:`Section`, :class:`SectionBuilder`, :class:`Progress`.

:func:`govgames.report.analyze` hands a :class:`SectionBuilder` to the
section writer of the model's kind (:mod:`govgames.report_normal_form`,
:mod:`govgames.report_trees`, :mod:`govgames.report_bargaining`), which
adds sections, result objects and figure files to it.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any, Callable

from games.formatting import latex_escape

__all__ = ["Section", "SectionBuilder", "Progress"]


class Section:
    """One section of a report: a title and its text, LaTeX, Markdown and JSON-ready data.

    The LaTeX and Markdown renderings may be given as zero-argument
    callables: each is called at most once, on first access of
    :attr:`latex` or :attr:`markdown`, so a report printed as text never
    renders its tables.

    Parameters
    ----------
    title, text : str
    latex, markdown : str or callable returning str
    data : JSON-ready object, optional

    Examples
    --------
    >>> calls = []
    >>> def render():
    ...     calls.append("latex")
    ...     return "a and b"
    >>> s = Section("Game", "a & b", render, "a & b")
    >>> len(calls)
    0
    >>> s.latex, s.latex, len(calls)
    ('a and b', 'a and b', 1)
    >>> s.title = "other"
    Traceback (most recent call last):
    ...
    AttributeError: Section is read-only
    """

    __slots__ = ("title", "text", "data", "_latex", "_markdown")

    def __init__(self, title: str, text: str, latex: str | Callable[[], str], markdown: str | Callable[[], str],
                 data: Any = None) -> None:
        for name, v in (("title", title), ("text", text), ("data", data), ("_latex", latex),
                        ("_markdown", markdown)):
            object.__setattr__(self, name, v)

    def _rendered(self, slot: str) -> str:
        v = object.__getattribute__(self, slot)
        if callable(v):
            v = v()
            object.__setattr__(self, slot, v)
        return v

    @property
    def latex(self) -> str:
        """The LaTeX rendering (rendered on first access)."""
        return self._rendered("_latex")

    @property
    def markdown(self) -> str:
        """The Markdown rendering (rendered on first access)."""
        return self._rendered("_markdown")

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Section is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("Section is read-only")

    def _key(self) -> tuple:
        return (self.title, self.text, self.latex, self.markdown, self.data)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Section) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash((self.title, self.text))

    def __repr__(self) -> str:
        return f"Section(title={self.title!r}, text={self.text!r})"

    def __reduce__(self) -> tuple:
        # copies and pickles carry the rendered strings (a rendering callable may be a closure)
        return (Section, (self.title, self.text, self.latex, self.markdown, self.data))



class Progress:
    """Numbered progress lines on stderr: ``govgames analyze <model>: [k/total] step (elapsed s)``.

    Parameters
    ----------
    enabled : bool
        Print nothing when false.
    total : int
        Number of numbered steps.
    model : str
        Model name shown on each line.

    Examples
    --------
    >>> prog = Progress(False, 2, "stag_hunt")
    >>> prog("equilibria"); prog.k
    1
    """

    def __init__(self, enabled: bool, total: int, model: str):
        self.enabled, self.total, self.k, self.t0, self.model = enabled, total, 0, time.perf_counter(), model

    def __call__(self, msg: str) -> None:
        """Print the next numbered step."""
        self.k += 1
        self.note(f"[{self.k}/{self.total}] {msg}")

    def note(self, msg: str) -> None:
        """Print an unnumbered line (a sub-step)."""
        if self.enabled:
            print(f"govgames analyze {self.model}: {msg} ({time.perf_counter() - self.t0:.1f}s)",
                  file=sys.stderr, flush=True)


class SectionBuilder:
    """Collects a report's sections, result objects and figure files while the analysis runs.

    Attributes
    ----------
    sections : list of Section
    results : dict
        Solver results by name.
    figures : list of str
        Paths of the files written by :meth:`save`.

    Examples
    --------
    >>> b = SectionBuilder()
    >>> b.add("Game", "a & b")
    >>> print(b.sections[0].latex, "|", b.sections[0].markdown)
    a \\& b | a & b
    """

    def __init__(self) -> None:
        self.sections: list[Section] = []
        self.results: dict[str, Any] = {}
        self.figures: list[str] = []

    def add(self, title: str, text: str, *, latex: str | Callable[[], str] | None = None,
            markdown: str | Callable[[], str] | None = None, data: Any = None) -> None:
        """Append a section; LaTeX defaults to the escaped text, Markdown to the text.

        ``latex`` and ``markdown`` may be zero-argument callables, rendered
        on first use (see :class:`Section`).
        """
        self.sections.append(Section(title, text, latex if latex is not None else latex_escape(text),
                                     markdown if markdown is not None else text, data))

    def save(self, fig: Any, out_dir: str, name: str) -> None:
        """Save a matplotlib figure as ``out_dir/name`` (PDF and PNG) and record the paths."""
        from govgames.figures.style import save_figure

        self.figures += save_figure(fig, os.path.join(out_dir, name))
        fig.clear()
