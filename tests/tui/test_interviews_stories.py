"""The interview loop (i) and the story bank (b) in the app: panels from the record, forms that write."""

import sqlite3
from pathlib import Path

from textual.widgets import DataTable, Input, Select, Static

from skilltrack.record.interviews import load_interviews
from skilltrack.record.stories import load_stories
from skilltrack.tui.app import SkilltrackApp
from skilltrack.tui.screens.interviews import AddInterviewScreen, InterviewsScreen
from skilltrack.tui.screens.stories import StoriesScreen, StoryFormScreen
from tests.tui.helpers import SIZE, all_sessions, answer, ask, plain, press, read, settle, type_text


def cells(app: SkilltrackApp, selector: str, column: int = 0) -> list[str]:
    table: DataTable[object] = app.screen.query_one(selector, DataTable)
    return [str(table.get_row_at(index)[column]) for index in range(table.row_count)]


async def test_interview_panel_shows_each_round_from_the_record(demo_app: SkilltrackApp) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        await press(demo_app, pilot, "i")
        assert isinstance(demo_app.screen, InterviewsScreen)
        assert cells(demo_app, "#rounds-table") == ["System design", "Coding", "Debugging", "Behavioural"]
        rounds = demo_app.screen.query_one("#rounds-table", DataTable)
        assert [column.label.plain for column in rounds.columns.values()] == [
            "round", "sessions", "avg 90 d", "trend (last 6)", "last practised", "ready",
        ]  # fmt: skip
        # Debugging counts the practice sessions its ladder expectation counts; the average is the
        # 90 days' scored one (system design's 2 from 100 days ago is outside it).
        assert cells(demo_app, "#rounds-table", 1) == ["2", "1", "5", "1"]
        assert cells(demo_app, "#rounds-table", 2) == ["3.0", "3.0", "4.0", "3.0"]
        assert cells(demo_app, "#rounds-table", 3)[0] == "↑ up"
        assert cells(demo_app, "#rounds-table", 5) == ["not yet", "not yet", "✓ ready", "✓ ready"]
        assert plain(demo_app.screen.query_one("#round-reason", Static)).startswith(
            "System design: 1 of 2 in the last 90 days"
        )
        assert len(cells(demo_app, "#mock-table")) == 5
        await press(demo_app, pilot, "down")
        assert plain(demo_app.screen.query_one("#round-reason", Static)).startswith("Coding:")


async def test_add_a_mock_interview_from_the_form(demo_app: SkilltrackApp, demo_db: Path) -> None:
    sessions_before = len(all_sessions(demo_db))
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        await press(demo_app, pilot, "i", "down", "a")  # the form opens on the selected round
        form = demo_app.screen
        assert isinstance(form, AddInterviewScreen)
        assert form.query_one("#round", Select).value == "coding"
        assert "correctness" in plain(form.query_one("#rubric-hint", Static))
        await type_text(demo_app, pilot, "45m")
        await pilot.press("tab")
        await type_text(demo_app, pilot, "4")
        await pilot.press("tab", "tab")
        await type_text(demo_app, pilot, "correct=4, testing=3")
        await pilot.press("tab")
        await type_text(demo_app, pilot, "python")
        await press(demo_app, pilot, "enter")
        assert isinstance(demo_app.screen, InterviewsScreen)
        assert cells(demo_app, "#rounds-table", 1)[1] == "2"
        assert cells(demo_app, "#rounds-table", 5)[1] == "✓ ready"
    assert len(all_sessions(demo_db)) == sessions_before + 1
    newest = read(demo_db, lambda db: load_interviews(db, limit=1))[0]
    assert (newest.round_id, newest.score, newest.skill, newest.minutes) == ("coding", 4, "Python", 45)
    assert newest.rubric == {"correctness": 4, "testing": 3}


async def test_a_bad_rubric_keeps_the_form_open_and_writes_nothing(
    demo_app: SkilltrackApp, demo_db: Path
) -> None:
    before = len(all_sessions(demo_db))
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        await press(demo_app, pilot, "i", "a")
        await type_text(demo_app, pilot, "30")
        await pilot.press("tab")
        await type_text(demo_app, pilot, "3")
        await pilot.press("tab", "tab")
        await type_text(demo_app, pilot, "colour=3")
        await press(demo_app, pilot, "enter")
        form = demo_app.screen
        assert isinstance(form, AddInterviewScreen)
        assert "is not a criterion of the system design round" in plain(
            form.query_one("#rubric-field .field-error")
        )
    assert len(all_sessions(demo_db)) == before


async def test_a_skill_the_round_does_not_count_shows_on_the_skill_field(
    demo_app: SkilltrackApp, demo_db: Path
) -> None:
    before = len(all_sessions(demo_db))
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        await press(demo_app, pilot, "i", "down", "down", "a")  # debugging
        await type_text(demo_app, pilot, "45")
        await pilot.press("tab")
        await type_text(demo_app, pilot, "4")
        await pilot.press("tab", "tab", "tab")
        await type_text(demo_app, pilot, "kafka")
        await press(demo_app, pilot, "enter")
        form = demo_app.screen
        assert isinstance(form, AddInterviewScreen)
        error = plain(form.query_one("#skill-field .field-error"))
        assert "does not count toward the debugging round" in error
    assert len(all_sessions(demo_db)) == before


async def test_story_bank_lists_details_and_coverage(demo_app: SkilltrackApp) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        await press(demo_app, pilot, "b")
        assert isinstance(demo_app.screen, StoriesScreen)
        titles = cells(demo_app, "#stories-table")
        assert len(titles) == 4 and titles == sorted(titles, key=str.casefold)
        detail = plain(demo_app.screen.query_one("#story-detail-text", Static))
        assert detail.startswith(titles[0]) and "Situation" in detail and "Result" in detail
        coverage = plain(demo_app.screen.query_one("#coverage-text", Static))
        assert "Themes: a conflict" in coverage
        assert "Designs for failure and explains trade-offs" in coverage
        await press(demo_app, pilot, "down")
        assert plain(demo_app.screen.query_one("#story-detail-text", Static)).startswith(titles[1])


async def test_add_edit_and_delete_a_story(demo_app: SkilltrackApp, demo_db: Path) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        await press(demo_app, pilot, "b", "a")
        assert isinstance(demo_app.screen, StoryFormScreen)
        for text in (
            "Disagreeing about retries",
            "Two teams disagreed about retry budgets",
            "Agree on one policy",
            "I wrote both options down and ran the review",
            "One policy, adopted by both teams",
        ):
            await type_text(demo_app, pilot, text)
            await pilot.press("tab")
        await press(demo_app, pilot, "enter")
        assert isinstance(demo_app.screen, StoriesScreen)
        assert "Disagreeing about retries" in cells(demo_app, "#stories-table")
        assert "Themes: a conflict" not in plain(demo_app.screen.query_one("#coverage-text", Static))

        # Edit the selected story (the first by title): the form opens filled in.
        first = cells(demo_app, "#stories-table")[0]
        assert first == "Disagreeing about retries"
        await press(demo_app, pilot, "n")
        form = demo_app.screen
        assert isinstance(form, StoryFormScreen)
        assert form.value("title") == first
        assert form.value("theme") == "conflict"
        form.query_one("#title", Input).focus()
        await pilot.press("end", *" (2025)")
        await press(demo_app, pilot, "enter")
        assert "Disagreeing about retries (2025)" in cells(demo_app, "#stories-table")

        await ask(demo_app, pilot, "x")
        await answer(demo_app, pilot, "y")
        assert "Disagreeing about retries (2025)" not in cells(demo_app, "#stories-table")
    titles = [row.title for row in read(demo_db, load_stories)]
    assert len(titles) == 4 and not any(title.startswith("Disagreeing") for title in titles)


async def test_a_taken_title_shows_on_the_title_field(demo_app: SkilltrackApp, demo_db: Path) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        await press(demo_app, pilot, "b", "a")
        for text in ("outbox INSTEAD of dual writes", "s", "t", "a", "r"):
            await type_text(demo_app, pilot, text)
            await pilot.press("tab")
        await press(demo_app, pilot, "enter")
        form = demo_app.screen
        assert isinstance(form, StoryFormScreen)
        assert "a story is already called" in plain(form.query_one("#title-field .field-error"))
    connection = sqlite3.connect(demo_db)
    assert connection.execute("SELECT count(*) FROM story").fetchone()[0] == 4
    connection.close()


async def test_delete_a_mock_interview_after_asking(demo_app: SkilltrackApp, demo_db: Path) -> None:
    before = read(demo_db, lambda db: load_interviews(db))
    sessions_before = len(all_sessions(demo_db))
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        await press(demo_app, pilot, "i")
        assert isinstance(demo_app.screen, InterviewsScreen)
        confirm = await ask(demo_app, pilot, "x")
        assert "mock interview" in plain(confirm.query_one("#question", Static))
        await answer(demo_app, pilot, "escape")
        assert len(read(demo_db, lambda db: load_interviews(db))) == len(before)
        await ask(demo_app, pilot, "x")
        await answer(demo_app, pilot, "y")
    after = read(demo_db, lambda db: load_interviews(db))
    assert [row.uuid for row in after] == [row.uuid for row in before[1:]]
    assert len(all_sessions(demo_db)) == sessions_before - 1  # its session went with it
