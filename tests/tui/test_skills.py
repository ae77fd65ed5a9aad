"""The skills screen: the table of the record's skills, filter and sort, and every write it offers."""

import sqlite3
from pathlib import Path

from textual.widgets import Button, DataTable, Input, Label, Select, Static

from skilltrack.guide import load_builtin_framework
from skilltrack.record import skills
from skilltrack.tui.app import SkilltrackApp
from skilltrack.tui.screens.projects import ProjectsScreen
from skilltrack.tui.screens.skill_forms import AddSkillScreen, EditSkillScreen, RateSkillScreen
from skilltrack.tui.screens.skills import SORT_KEYS, SkillsScreen
from skilltrack.tui.widgets.fields import Field
from tests.conftest import TODAY
from tests.tui.helpers import (
    SIZE,
    answer,
    ask,
    input_value,
    plain,
    press,
    read,
    settle,
    skill_row,
    type_text,
    write,
)


def table_names(app: SkilltrackApp) -> list[str]:
    table: DataTable[str] = app.screen.query_one("#skills-table", DataTable)
    return [str(table.get_row_at(index)[0]) for index in range(table.row_count)]


def demo_rows(path: Path) -> list[skills.SkillRow]:
    return read(path, lambda db: skills.skill_rows(db, today=TODAY))


def add_skill_with_alias(path: Path, name: str, alias: str) -> None:
    write(
        path,
        lambda db: skills.add_skill(db, typed=name, framework=load_builtin_framework(), aliases=(alias,)),
    )


def skill_by_id(db: sqlite3.Connection, skill_id: int) -> skills.SkillRef | None:
    """The skill with the key ``skill_id``, or ``None`` once it is gone."""
    row = db.execute("SELECT id, name, kind FROM skill WHERE id = ?", (skill_id,)).fetchone()
    return None if row is None else skills.SkillRef(*row)


async def test_skills_table_filter_sort_and_add(demo_app: SkilltrackApp, demo_db: Path) -> None:
    # An alias as a person typed it (skilltrack skill add "Search cluster" --alias OpenSearch).
    add_skill_with_alias(demo_db, "Search cluster", "OpenSearch")
    rows = demo_rows(demo_db)
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        await press(demo_app, pilot, "s")
        assert isinstance(demo_app.screen, SkillsScreen)
        by_name = [row.name for row in sorted(rows, key=SORT_KEYS["skill"])]
        assert table_names(demo_app) == by_name
        assert {"Kafka", "PostgreSQL", "Elixir", "System design"} <= set(by_name)
        # The first row's details are loaded.
        assert plain(demo_app.screen.query_one("#skill-detail-text", Static)).startswith(by_name[0])

        # The filter narrows as you type, by name or alias.
        await press(demo_app, pilot, "slash")
        assert demo_app.screen.query_one("#skill-filter", Input).has_focus
        await type_text(demo_app, pilot, "post")
        assert table_names(demo_app) == ["PostgreSQL"]
        await pilot.press("ctrl+u")
        await type_text(demo_app, pilot, "k8s")
        assert table_names(demo_app) == ["Kubernetes"]
        await pilot.press("ctrl+u")
        await type_text(demo_app, pilot, "zzz")
        assert table_names(demo_app) == []
        assert "No skills match" in plain(demo_app.screen.query_one("#skill-detail-text", Static))
        await pilot.press("ctrl+u")
        await press(demo_app, pilot, "enter")
        assert demo_app.screen.query_one("#skills-table", DataTable).has_focus
        assert table_names(demo_app) == by_name

        # o sorts by the next column: kind, then level.
        await press(demo_app, pilot, "o")
        assert demo_app.screen.sort_column == "kind"
        by_kind = [row.name for row in sorted(rows, key=SORT_KEYS["kind"])]
        assert by_kind != by_name
        assert table_names(demo_app) == by_kind
        await press(demo_app, pilot, "o")
        assert demo_app.screen.sort_column == "level"
        assert table_names(demo_app)[0] == "Python"  # the only level 4

        # a adds a skill: name, Enter.
        await press(demo_app, pilot, "a")
        assert isinstance(demo_app.screen, AddSkillScreen)
        await type_text(demo_app, pilot, "Haskell")
        await press(demo_app, pilot, "enter")
        assert isinstance(demo_app.screen, SkillsScreen)
        assert "Haskell" in table_names(demo_app)
        assert len(table_names(demo_app)) == len(rows) + 1
        added = skill_row(demo_db, "Haskell")
        assert added is not None
        assert (added.kind, added.level, added.sessions) == ("other", None, 0)

        # An alias matches the filter, whatever its case.
        await press(demo_app, pilot, "slash")
        await type_text(demo_app, pilot, "opensearch")
        assert table_names(demo_app) == ["Search cluster"]


async def test_rate_rename_and_delete_a_skill(demo_app: SkilltrackApp, demo_db: Path) -> None:
    kafka = skill_row(demo_db, "Kafka")
    assert kafka is not None
    assert kafka.level == 2
    ratings_before = read(demo_db, lambda db: skills.rating_history(db, skill_id=kafka.id))
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        await press(demo_app, pilot, "s")
        await press(demo_app, pilot, "slash")
        await type_text(demo_app, pilot, "kafka")
        await press(demo_app, pilot, "enter")
        assert table_names(demo_app) == ["Kafka"]

        # v: a dated rating, the level picked in the list.
        await press(demo_app, pilot, "v")
        rate = demo_app.screen
        assert isinstance(rate, RateSkillScreen)
        level = rate.query_one("#level", Select)
        assert level.has_focus
        assert level.value == 2
        await press(demo_app, pilot, "enter")
        await press(demo_app, pilot, "down")
        await press(demo_app, pilot, "enter")
        assert level.value == 3
        await press(demo_app, pilot, "tab")
        await type_text(demo_app, pilot, "Rebalancing finally clicked")
        await press(demo_app, pilot, "enter")
        assert isinstance(demo_app.screen, SkillsScreen)
        history = read(demo_db, lambda db: skills.rating_history(db, skill_id=kafka.id))
        assert len(history) == len(ratings_before) + 1
        newest = history[-1]
        assert (newest.level, newest.rated_on, newest.note) == (3, TODAY, "Rebalancing finally clicked")
        table: DataTable[str] = demo_app.screen.query_one("#skills-table", DataTable)
        assert table.get_row_at(0)[2] == "3"
        assert "Rebalancing finally clicked" in plain(demo_app.screen.query_one("#skill-detail-text", Static))

        # n: rename and change the kind.
        await press(demo_app, pilot, "n")
        edit = demo_app.screen
        assert isinstance(edit, EditSkillScreen)
        assert input_value(edit, "#new-name") == "Kafka"
        assert edit.query_one("#kind", Select).value == "messaging"
        edit.query_one("#kind", Select).value = "infrastructure"
        # A name another skill has is refused on the field, the form still open.
        await pilot.press("ctrl+u")
        await type_text(demo_app, pilot, "golang")
        await press(demo_app, pilot, "enter")
        assert demo_app.screen is edit
        name_field = edit.query_one("#new-name-field", Field)
        assert name_field.has_class("-invalid")
        assert "Go" in plain(name_field.query_one(".field-error", Label))
        await pilot.press("ctrl+u")
        await type_text(demo_app, pilot, "Kafka Streams")
        await press(demo_app, pilot, "enter")
        assert isinstance(demo_app.screen, SkillsScreen)
        assert table_names(demo_app) == ["Kafka Streams"]
        renamed = read(demo_db, lambda db: skill_by_id(db, kafka.id))
        assert renamed is not None
        assert (renamed.name, renamed.kind) == ("Kafka Streams", "infrastructure")

        # x asks first, saying what goes with the skill; "Keep it" keeps it.
        impact = read(demo_db, lambda db: skills.skill_impact(db, skill_id=kafka.id))
        assert impact.sessions > 0
        confirm = await ask(demo_app, pilot, "x")
        assert plain(confirm.query_one("#question", Static)) == "Delete Kafka Streams?"
        details = plain(confirm.query_one("#details", Static))
        assert f"{impact.sessions} sessions" in details
        assert f"{impact.ratings} ratings" in details
        assert f"{impact.projects} project" in details
        assert confirm.query_one("#no", Button).has_focus
        await answer(demo_app, pilot, "enter")  # on "Keep it"
        assert isinstance(demo_app.screen, SkillsScreen)
        assert read(demo_db, lambda db: skill_by_id(db, kafka.id)) is not None

        # Confirmed, it goes with its sessions and ratings.
        await ask(demo_app, pilot, "x")
        await answer(demo_app, pilot, "y")
        assert isinstance(demo_app.screen, SkillsScreen)
        assert table_names(demo_app) == []

    def left_behind(db: sqlite3.Connection) -> tuple[skills.SkillRef | None, int, int]:
        (sessions,) = db.execute(
            "SELECT count(*) FROM learning_session WHERE skill_id = ?", (kafka.id,)
        ).fetchone()
        (ratings,) = db.execute(
            "SELECT count(*) FROM skill_rating WHERE skill_id = ?", (kafka.id,)
        ).fetchone()
        return skill_by_id(db, kafka.id), sessions, ratings

    assert read(demo_db, left_behind) == (None, 0, 0)


async def test_keys_typed_as_the_screen_opens_are_keys_not_a_filter(demo_app: SkilltrackApp) -> None:
    """On a real terminal keys typed quickly arrive together: s then p opens the projects screen, and
    nothing lands in the skills filter on the way (its input comes first on the screen)."""
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(demo_app, pilot)
        await type_text(demo_app, pilot, "sp")
        await settle(demo_app, pilot)
        assert isinstance(demo_app.screen, ProjectsScreen)
        await press(demo_app, pilot, "s")
        assert demo_app.screen.query_one("#skill-filter", Input).value == ""
