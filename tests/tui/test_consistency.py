"""One meaning per key on every screen, every key in a footer or the ``?`` panel, the app's words (plurals,
no command-line advice), one date format, and columns that give a label the room there is."""

from datetime import date
from typing import Any

import pytest
from textual.binding import Binding
from textual.screen import Screen

from skilltrack.tui.app import SkilltrackApp
from skilltrack.tui.dates import day_text, elapsed_text, weekday_text
from skilltrack.tui.keys import ACTIONS, DELETE, EXPORT
from skilltrack.tui.screens.dashboard import DashboardScreen
from skilltrack.tui.screens.evidence import EvidenceScreen
from skilltrack.tui.screens.interviews import InterviewsScreen
from skilltrack.tui.screens.postings import PostingsScreen
from skilltrack.tui.screens.projects import ProjectsScreen
from skilltrack.tui.screens.readiness import ReadinessScreen
from skilltrack.tui.screens.skills import SkillsScreen
from skilltrack.tui.screens.stories import StoriesScreen
from skilltrack.tui.widgets.columns import layout_rows
from skilltrack.tui.widgets.key_footer import KeyFooter, fitted_keys, shown_keys
from skilltrack.tui.words import count, in_app_words
from tests.tui.helpers import SIZE, press, settle

SCREENS: tuple[type[Screen[None]], ...] = (
    DashboardScreen,
    SkillsScreen,
    ProjectsScreen,
    EvidenceScreen,
    ReadinessScreen,
    InterviewsScreen,
    StoriesScreen,
    PostingsScreen,
)


def own_bindings(screen: type[Screen[Any]]) -> list[Binding]:
    return [binding for binding in screen.BINDINGS if isinstance(binding, Binding)]


@pytest.mark.parametrize("screen", SCREENS, ids=lambda screen: screen.__name__)
def test_a_shared_key_means_the_same_on_every_screen(screen: type[Screen[None]]) -> None:
    for binding in own_bindings(screen):
        if binding.key in ACTIONS:
            assert binding.action == ACTIONS[binding.key], f"{screen.__name__}: {binding.key}"
        if binding.action in ACTIONS.values():
            key = next(key for key, action in ACTIONS.items() if action == binding.action)
            assert binding.key == key, f"{screen.__name__}: {binding.action} is on {binding.key}, not {key}"


def test_delete_and_export_have_keys_of_their_own() -> None:
    assert DELETE != EXPORT
    actions = {
        binding.action for screen in SCREENS for binding in own_bindings(screen) if binding.key == DELETE
    }
    assert actions <= {"delete"}
    assert any(binding.key == EXPORT for binding in own_bindings(ReadinessScreen))


@pytest.mark.parametrize("keys", [("s",), ("p",), ("e",), ("r",), ("i",), ("b",), ("j",)])
async def test_every_screen_shows_its_own_keys_and_the_keys_panel_at_80_columns(
    demo_app: SkilltrackApp, keys: tuple[str, ...]
) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(demo_app, pilot)
        await press(demo_app, pilot, *keys)
        screen = demo_app.screen
        footer = screen.query_one(KeyFooter)
        drawn = {key.key for key in footer.keys}
        own = {binding.key for binding in own_bindings(type(screen)) if binding.show}
        assert own - {"d"} <= drawn, f"{type(screen).__name__} misses {own - drawn}"
        assert "question_mark" in drawn


async def test_the_footer_keeps_the_screens_own_keys_when_short_of_room(demo_app: SkilltrackApp) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        await press(demo_app, pilot, "s")
        keys = shown_keys(demo_app.screen)
        fitted = fitted_keys(keys, 20)
        assert [key for key in keys if key.rank == 0] == [key for key in fitted if key.rank == 0]
        assert all(key.rank == 0 for key in fitted)


def test_plurals() -> None:
    assert count(1, "project") == "1 project"
    assert count(2, "project") == "2 projects"
    assert count(0, "evidence entry") == "0 evidence entries"
    assert count(1, "story") == "1 story"


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "no skill is called “postgress”; see: skilltrack skill list",
            "no skill is called “postgress”; see the Skills screen (s)",
        ),
        ("the level must be 1 to 5 (use --level)", "the level must be 1 to 5"),
        ("a session overlaps; pass --overlap to keep both", "a session overlaps"),
        ("kept as it is", "kept as it is"),
    ],
)
def test_the_app_gives_no_command_line_advice(message: str, expected: str) -> None:
    assert in_app_words(message) == expected


def test_one_date_format_and_a_stopwatch() -> None:
    day = date(2026, 11, 24)
    assert day_text(day) == "2026-11-24"
    assert weekday_text(day) == "Tue 2026-11-24"
    assert elapsed_text(425) == "0:07:05"
    assert elapsed_text(45_000) == "12:30:00"
    assert elapsed_text(-3) == "0:00:00"


def test_a_label_is_cut_only_when_there_is_no_room() -> None:
    rows = [("2026-11-24", "35m", "System design")]
    assert [line.plain for line in layout_rows(rows, 200, elastic=2)] == ["2026-11-24  35m  System design"]
    assert [line.plain for line in layout_rows(rows, 24, elastic=2)] == ["2026-11-24  35m  System…"]
