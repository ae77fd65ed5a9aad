"""Readiness: one tab per level, expectations by area with their status, and from a gap what closes it."""

from pathlib import Path

from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Input, Label, Select, Static, Tabs, Tree

from skilltrack.domain.readiness import ExpectationResult, Status
from skilltrack.guide import load_builtin_framework
from skilltrack.record.overview import Overview, load_overview
from skilltrack.render.readiness import STATUS_MARKS
from skilltrack.tui.app import SkilltrackApp
from skilltrack.tui.screens.evidence import AddEvidenceScreen
from skilltrack.tui.screens.log_session import LogSessionScreen
from skilltrack.tui.screens.readiness import ReadinessScreen
from skilltrack.tui.screens.skill_forms import RateSkillScreen
from tests.conftest import TODAY
from tests.tui.helpers import SIZE, all_sessions, input_value, plain, press, read, settle, type_text

ExpectationTree = Tree[ExpectationResult | None]


def tree_of(app: SkilltrackApp) -> ExpectationTree:
    tree: ExpectationTree = app.screen.query_one("#expectations", Tree)
    return tree


def shown_levels(app: SkilltrackApp) -> dict[str, list[tuple[str, str]]]:
    """The tree as {area heading: [(status mark, expectation title)]}."""
    shown: dict[str, list[tuple[str, str]]] = {}
    for area in tree_of(app).root.children:
        assert isinstance(area.label, Text)
        leaves = shown.setdefault(area.label.plain, [])
        for leaf in area.children:
            assert isinstance(leaf.label, Text)
            mark, _, title = leaf.label.plain.partition(" ")
            leaves.append((mark, title))
    return shown


def expected_levels(overview: Overview, level_id: str) -> dict[str, list[tuple[str, str]]]:
    framework = load_builtin_framework()
    level = overview.readiness.level(level_id)
    expected: dict[str, list[tuple[str, str]]] = {}
    for area in framework.areas:
        results = [r for r in level.results if r.expectation.area == area.id]
        if results:
            met = sum(r.status is Status.MET for r in results)
            expected[f"{area.title} {met}/{len(results)}"] = [
                (STATUS_MARKS[r.status], r.expectation.title) for r in results
            ]
    return expected


async def move_to(app: SkilltrackApp, pilot: Pilot[None], expectation_id: str) -> ExpectationResult:
    """Put the tree's cursor on an expectation, as the arrow keys would, and check it stays there."""
    tree = tree_of(app)
    node = next(
        leaf
        for area in tree.root.children
        for leaf in area.children
        if leaf.data is not None and leaf.data.expectation.id == expectation_id
    )
    tree.move_cursor(node)
    await settle(app, pilot)
    assert tree.cursor_node is node
    assert node.data is not None
    return node.data


async def test_levels_areas_statuses_and_reasons(demo_app: SkilltrackApp, demo_db: Path) -> None:
    framework = load_builtin_framework()
    overview = read(demo_db, lambda db: load_overview(db, framework=framework, today=TODAY))
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        await press(demo_app, pilot, "r")
        assert isinstance(demo_app.screen, ReadinessScreen)
        tabs = demo_app.screen.query_one(Tabs)
        assert tabs.active == "level-senior"  # the target level first
        assert shown_levels(demo_app) == expected_levels(overview, "senior")
        senior = overview.readiness.level("senior")
        claimed = [
            title for leaves in shown_levels(demo_app).values() for mark, title in leaves if mark == "◇"
        ]
        assert claimed == [result.expectation.title for result in senior.results_of(Status.CLAIMED)]
        assert "Uses a monitoring platform" in claimed  # Datadog, rated 3 and never logged
        summary = plain(demo_app.screen.query_one("#level-summary", Static))
        assert summary.startswith(f"Senior — your target: {senior.summary}; {senior.shown_percent}% shown. ")
        assert "counts half" in str(demo_app.screen.query_one("#level-summary", Static).tooltip)

        for key, level_id in (("2", "lead"), ("3", "staff"), ("1", "senior")):
            await press(demo_app, pilot, key)
            assert tabs.active == f"level-{level_id}"
            assert shown_levels(demo_app) == expected_levels(overview, level_id)
            level = overview.readiness.level(level_id)
            assert sum(len(leaves) for leaves in shown_levels(demo_app).values()) == level.total
            summary = plain(demo_app.screen.query_one("#level-summary", Static))
            assert summary.startswith(
                f"{level.level.title}{' — your target' if level_id == 'senior' else ''}: "
            )
            assert f": {level.summary}; {level.shown_percent}% shown." in summary

        # The tree has the focus: moving down to an expectation shows its reason.
        tree = tree_of(demo_app)
        assert tree.has_focus
        for _ in range(3):
            await press(demo_app, pilot, "down")
            if tree.cursor_node is not None and tree.cursor_node.data is not None:
                break
        highlighted = tree.cursor_node
        assert highlighted is not None
        assert highlighted.data is not None
        text = plain(demo_app.screen.query_one("#expectation-text", Static))
        assert text.startswith(highlighted.data.expectation.title)
        assert highlighted.data.reason in text

        # A gap shows its reason and next step.
        gap = await move_to(demo_app, pilot, "senior.reliability.ownership")
        text = plain(demo_app.screen.query_one("#expectation-text", Static))
        assert gap.status is Status.MISSING
        assert gap.reason in text
        assert gap.next_step is not None
        assert gap.next_step in text

        # A claim: its mark, how much of it counts, and what would show it.
        claim = await move_to(demo_app, pilot, "senior.apis.microservices")
        text = plain(demo_app.screen.query_one("#expectation-text", Static))
        assert claim.status is Status.CLAIMED
        assert "◇ claimed · 50% (shown 0%, the rest claimed at half)" in text
        assert "→ log 10 h of Microservices or use it in a shipped project  (c)" in text

        # c on a met expectation does nothing.
        await move_to(demo_app, pilot, "senior.reliability.on-call")
        await press(demo_app, pilot, "c")
        assert isinstance(demo_app.screen, ReadinessScreen)


async def test_c_on_a_gap_opens_what_closes_it(demo_app: SkilltrackApp, demo_db: Path) -> None:
    before = len(all_sessions(demo_db))
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        await press(demo_app, pilot, "r")
        assert isinstance(demo_app.screen, ReadinessScreen)

        # An evidence gap: the evidence form, with the expectation and its kind chosen.
        await move_to(demo_app, pilot, "senior.reliability.ownership")
        await press(demo_app, pilot, "c")
        form = demo_app.screen
        assert isinstance(form, AddEvidenceScreen)
        assert form.query_one("#expectation", Select).value == "senior.reliability.ownership"
        assert form.query_one("#kind", Select).value == "performance-win"
        assert form.query_one("#title", Input).has_focus
        await press(demo_app, pilot, "escape")
        assert isinstance(demo_app.screen, ReadinessScreen)

        # A hands-on gap: the log form with the skill filled in, the duration to type.
        await move_to(demo_app, pilot, "senior.apis.microservices")
        await press(demo_app, pilot, "c")
        log = demo_app.screen
        assert isinstance(log, LogSessionScreen)
        assert input_value(log, "#skill") == "Microservices"
        assert log.query_one("#duration", Input).has_focus
        await type_text(demo_app, pilot, "2h")
        await press(demo_app, pilot, "enter")
        assert isinstance(demo_app.screen, ReadinessScreen)
        # The screen reloaded: the expectation now counts the two hours.
        result = await move_to(demo_app, pilot, "senior.apis.microservices")
        assert "Microservices: 2 h logged" in result.reason
        sessions = all_sessions(demo_db)
        assert len(sessions) == before + 1
        assert (sessions[0].skill, sessions[0].minutes, sessions[0].local_day) == (
            "Microservices",
            120,
            TODAY,
        )

        # A claim: the log form for the skill whose hours would show it, not the rating form.
        await move_to(demo_app, pilot, "senior.observability.tooling")
        await press(demo_app, pilot, "c")
        claimed_log = demo_app.screen
        assert isinstance(claimed_log, LogSessionScreen)
        assert input_value(claimed_log, "#skill") == "Datadog"
        await press(demo_app, pilot, "escape")
        assert isinstance(demo_app.screen, ReadinessScreen)

        # A skill-level gap: the rating form for that skill, at the level the expectation asks for, saying
        # what the skill is rated now (Distributed systems is rated 2 in the demo).
        await move_to(demo_app, pilot, "senior.distributed-systems.concepts")
        await press(demo_app, pilot, "c")
        rate = demo_app.screen
        assert isinstance(rate, RateSkillScreen)
        assert rate.query_one("#level", Select).value == 3
        heading = plain(rate.query_one("#rate-heading", Label))
        assert heading.startswith("Distributed systems — now 2"), heading
        await press(demo_app, pilot, "escape")
        assert isinstance(demo_app.screen, ReadinessScreen)
    assert len(all_sessions(demo_db)) == before + 1
