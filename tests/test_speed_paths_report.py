"""The analysis report computes each piece once: lazy LaTeX/Markdown tables, one batched integration."""

from __future__ import annotations

import numpy as np
import pytest

from govgames.report import analyze
from govgames.report_normal_form import TRAJECTORY_TIME, TRAJECTORY_TIMES
from govgames.report_sections import Section, SectionBuilder


def test_section_renders_a_table_once_and_only_when_asked():
    calls = []

    def table(fmt):
        def render():
            calls.append(fmt)
            return f"<{fmt}>"
        return render

    b = SectionBuilder()
    b.add("T", "text", latex=table("latex"), markdown=table("markdown"))
    s = b.sections[0]
    assert s.text == "text" and calls == []
    assert (s.latex, s.latex, s.markdown) == ("<latex>", "<latex>", "<markdown>")
    assert calls == ["latex", "markdown"]
    assert s == Section("T", "text", "<latex>", "<markdown>")
    with pytest.raises(AttributeError):
        s.latex = "x"


def test_plain_strings_and_defaults_are_kept():
    b = SectionBuilder()
    b.add("Game", "a & b")
    assert (b.sections[0].latex, b.sections[0].markdown) == ("a \\& b", "a & b")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return analyze("collective_inaction", out_dir=str(tmp_path_factory.mktemp("figures")))


def test_lazy_tables_match_the_table_renderers(report):
    from govgames.figures.tables import stability_table

    for fmt, key in (("latex", "stability"), ("markdown", "stability_at_point")):
        text = report.render(fmt)
        assert stability_table(report.results[key], fmt) in text


def test_one_batched_integration_equals_separate_runs(report):
    # RK4 on a batch advances every start independently, so the
    # trajectories of the report equal single-start integrations on the same grid
    from solvers import simulate

    tr = report.results["trajectories"]
    assert tr.states.shape == (TRAJECTORY_TIMES, 8, 3) and tr.t[-1] == TRAJECTORY_TIME
    num = report.results["stability_at_point"].dyn
    dt = TRAJECTORY_TIME / (TRAJECTORY_TIMES - 1)
    for k in (0, 5):
        alone = simulate(num, None, [tr.states[0, k]], tr.t, dt=dt)
        np.testing.assert_allclose(alone.states[:, 0], tr.states[:, k], rtol=0, atol=1e-12)
    centre = simulate(num, None, [[0.5, 0.5, 0.5]], tr.t, dt=dt)
    from govgames.figures.dynamics import settling_time
    from games.formatting import format_number

    line = report.section("Time series from the centre").text
    assert f"settle by t = {format_number(settling_time(centre.t, centre.states))}" in line


def test_sections_copy_and_pickle_with_their_renderings():
    import copy
    import pickle

    s = Section("T", "text", lambda: "<latex>", lambda: "<md>", {"k": [1]})
    for c in (copy.deepcopy(s), pickle.loads(pickle.dumps(s))):
        assert c == s and (c.latex, c.markdown, c.data) == ("<latex>", "<md>", {"k": [1]})
