"""Snapshots of the app's screens on the demo record (and the dashboard on an empty one), day fixed."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Tree

from skilltrack.domain.readiness import ExpectationResult
from skilltrack.tui.app import SkilltrackApp
from tests.app_fixtures import app_on
from tests.snapshots.drive import SIZE, SnapCompare, Step, press, scenario, settle, type_text


@pytest.fixture
def empty_app(empty_db: Path) -> Iterator[SkilltrackApp]:
    app = app_on(empty_db)
    yield app
    app.store.close()


def test_dashboard_dark(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=scenario(theme="textual-dark"))


def test_dashboard_light(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=scenario(theme="textual-light"))


def test_dashboard_80x24(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=scenario())


def test_dashboard_empty_record(snap_compare: SnapCompare, empty_app: SkilltrackApp) -> None:
    assert snap_compare(empty_app, terminal_size=SIZE, run_before=scenario())


def test_skills(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=scenario(press("s")))


def test_skills_filtered(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(
        demo_app, terminal_size=SIZE, run_before=scenario(press("s", "slash"), type_text("ka"))
    )


def test_projects(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=scenario(press("p")))


def test_evidence(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    """The first entry selected: until a node is highlighted the detail pane shows its placeholder."""
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=scenario(press("e", "down", "down")))


def test_readiness_senior(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    """The target level's tab, first expectation selected (the detail pane says "Loading…" until then)."""
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=scenario(press("r", "down", "down")))


def test_readiness_staff(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=scenario(press("r", "3", "down", "down")))


def test_readiness_80x24(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    """The chart, the tree and the detail pane on a small terminal."""
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=scenario(press("r", "down", "down")))


def select_expectation(expectation_id: str) -> Step:
    """Put the Readiness tree's cursor on an expectation, as the arrow keys would."""

    async def step(pilot: Pilot[None]) -> None:
        tree: Tree[ExpectationResult | None] = pilot.app.screen.query_one(Tree)
        node = next(
            leaf
            for area in tree.root.children
            for leaf in area.children
            if leaf.data is not None and leaf.data.expectation.id == expectation_id
        )
        tree.move_cursor(node)
        await settle(pilot)

    return step


def test_readiness_a_claim_selected(snap_compare: SnapCompare, demo_app: SkilltrackApp) -> None:
    """A claimed expectation (◇): what of it counts, and the hours that would show it."""
    assert snap_compare(
        demo_app,
        terminal_size=SIZE,
        run_before=scenario(press("r"), select_expectation("senior.apis.microservices")),
    )
