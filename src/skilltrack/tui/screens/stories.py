"""The story bank: stories with their STAR detail, what has no story yet, and forms to add or edit one."""

from __future__ import annotations

import functools
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Select, Static

from skilltrack.domain.drafts import StoryChanges, StoryDraft
from skilltrack.domain.stories import (
    STAR_PARTS,
    StoryCoverage,
    clean_part,
    clean_title,
    guess_themes,
    parse_themes,
    story_expectations,
    theme_titles,
)
from skilltrack.record import stories
from skilltrack.record.profile import target_level
from skilltrack.record.stories import StoryRow
from skilltrack.tui.keys import HOME_KEY, add_key, delete_key, edit_key
from skilltrack.tui.screens.base import FormScreen, Job
from skilltrack.tui.screens.listing import RowsScreen, detail_panel, row_table
from skilltrack.tui.widgets.fields import Field, optional_choice_field
from skilltrack.tui.widgets.key_footer import KeyFooter


@dataclass(frozen=True)
class StoriesData:
    stories: list[StoryRow]
    coverage: StoryCoverage
    level_title: str


NO_STORIES = "No stories yet — press a to add one: situation, task, action, result."


def _escape(text: str) -> str:
    return text.replace("[", r"\[")


class StoriesScreen(RowsScreen[StoriesData, StoryRow]):
    BINDINGS: ClassVar[list[BindingType]] = [
        add_key("a story: situation, task, action, result", screen="stories"),
        edit_key("story", screen="stories"),
        delete_key("story", screen="stories"),
        *HOME_KEY,
    ]

    def compose(self) -> ComposeResult:
        with Horizontal(id="stories-body"):
            with Vertical(id="stories-list"):
                yield row_table("stories-table", "story", "themes")
                with VerticalScroll(id="coverage-panel", classes="panel") as coverage:
                    coverage.border_title = "No story yet"
                    yield Static("", id="coverage-text")
            yield from detail_panel("story-detail", "Story", NO_STORIES)
        yield KeyFooter()

    def fetch(self) -> StoriesData:
        framework = self.store.framework

        def read(db: sqlite3.Connection, today: date) -> StoriesData:
            # The coverage of the target level, as skilltrack story list shows it.
            level = target_level(db, framework=framework)
            return StoriesData(
                stories.load_stories(db),
                stories.load_story_coverage(db, framework=framework, level_id=level),
                framework.level(level).title,
            )

        return self.store.read(read)

    def show(self, data: StoriesData) -> None:
        self.rows = data.stories
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        for row in data.stories:
            table.add_row(row.title, theme_titles(row.themes), key=self.row_key(row))
        if data.stories:
            table.move_cursor(row=min(max(cursor, 0), len(data.stories) - 1))
            self.show_detail(self.selected() or data.stories[0])
        else:
            self.query_one("#story-detail-text", Static).update(NO_STORIES)
        self.query_one("#coverage-text", Static).update(self._coverage(data))

    @staticmethod
    def _coverage(data: StoriesData) -> str:
        coverage = data.coverage
        lines = []
        if coverage.missing_themes:
            lines.append("[b]Themes[/b]: " + ", ".join(t.lower() for t in coverage.missing_themes))
        else:
            lines.append("[b]Themes[/b]: every classic theme has a story")
        if coverage.missing_expectations:
            lines.append(f"[b]{data.level_title} expectations[/b]:")
            lines.extend(f"• {_escape(e.title)}" for e in coverage.missing_expectations)
        else:
            lines.append(f"[b]{data.level_title}[/b]: every expectation a story can show has one")
        return "\n".join(lines)

    def row_key(self, row: StoryRow) -> str:
        return str(row.uuid)

    def show_detail(self, row: StoryRow) -> None:
        titles = {e.id: e.title for e in self.store.framework.expectations}
        lines = [f"[b]{_escape(row.title)}[/b]"]
        if row.themes:
            lines.append(f"Themes: {theme_titles(row.themes)}")
        if row.project:
            lines.append(f"Project: {_escape(row.project)}")
        if row.expectation_id:
            lines.append(f"Shows: {_escape(titles.get(row.expectation_id, row.expectation_id))}")
        for part in STAR_PARTS:
            lines += ["", f"[b]{part.capitalize()}[/b]", _escape(getattr(row, part))]
        self.query_one("#story-detail-text", Static).update("\n".join(lines))

    def action_add(self) -> None:
        self.open_form(StoryFormScreen())

    def action_edit(self) -> None:
        self.open_form_on_selected(StoryFormScreen)

    def ask_delete(self, row: StoryRow) -> None:
        self.delete_after_asking(
            f"Delete the story “{row.title}”?",
            "Only this story goes.",
            lambda db, today: stories.remove_story(db, uuid=row.uuid),
            lambda title: f"Deleted the story “{title}”.",
        )


def _clean_part(value: str, *, part: str) -> str:
    return clean_part(value, part)


class StoryFormScreen(FormScreen):
    """Add a story, or edit ``story`` when given; themes left empty are guessed from the text on add."""

    def __init__(self, story: StoryRow | None = None) -> None:
        super().__init__()
        self.story = story
        self.TITLE_TEXT = "Edit the story" if story else "Add a story"

    def compose_fields(self) -> ComposeResult:
        story = self.story
        yield Field(
            "Title",
            id="title",
            value=story.title if story else "",
            placeholder="e.g. Outbox instead of dual writes",
            parse=clean_title,
        )
        meanings = {
            "situation": "where and when; what was at stake",
            "task": "what you had to do",
            "action": "what you did yourself",
            "result": "what changed, with numbers if you have them",
        }
        hints = {
            "situation": "e.g. checkout double-charged during a failover",
            "task": "e.g. stop it without a freeze on deploys",
            "action": "e.g. wrote the outbox design doc, led the review",
            "result": "e.g. no double charges since; p99 down 40%",
        }
        for part in STAR_PARTS:
            yield Field(
                f"{part.capitalize()} — {meanings[part]}",
                id=part,
                value=getattr(story, part) if story else "",
                placeholder=hints[part],
                parse=functools.partial(_clean_part, part=part),
            )
        with Horizontal(classes="field-row"):
            yield Field(
                "Project (optional)",
                id="project",
                value=(story.project or "") if story else "",
                placeholder="e.g. Order events pipeline",
            )
            yield Field(
                "Themes (empty: guessed)",
                id="theme",
                value=", ".join(story.themes) if story else "",
                placeholder="e.g. incident, trade-off",
                parse=self._themes,
                optional=True,
            )
        framework = self.store.framework
        showable = {e.id for level in framework.levels for e in story_expectations(framework, level.id)}
        options = [(f"{e.title} ({e.level})", e.id) for e in framework.expectations if e.id in showable]
        current = story.expectation_id if story else None
        if current is not None and current not in showable:
            options.append((current, current))
        yield from optional_choice_field(
            "Expectation it shows (optional)", options, id="expectation", blank="none", value=current or None
        )

    @staticmethod
    def _themes(value: str) -> tuple[str, ...]:
        return parse_themes(part for part in value.split(",") if part.strip())

    def on_mount(self) -> None:
        self.query_one("#title-field", Field).input.focus()

    def prepare(self) -> Job:
        title = clean_title(self.value("title"))
        parts = {part: clean_part(self.value(part), part) for part in STAR_PARTS}
        themes = self._themes(self.value("theme"))
        selected = self.query_one("#expectation", Select).value
        expectation = selected if isinstance(selected, str) else None
        project = self.value("project")
        store = self.store
        if self.story is None:
            draft = StoryDraft(
                title=title,
                themes=themes or guess_themes(" ".join([title, *parts.values()])),
                project=project or None,
                expectation_id=expectation,
                **parts,
            )

            def add() -> str:
                added = store.write(lambda db, today: stories.add_story(db, draft=draft))
                told = f" ({theme_titles(added.themes)})" if added.themes else ""
                return f"Added the story “{added.title}”{told}."

            return add
        changes = StoryChanges(
            title=title, themes=themes, project=project, expectation_id=expectation or "", **parts
        )
        uuid = self.story.uuid

        def edit() -> str:
            edited = store.write(lambda db, today: stories.edit_story(db, uuid=uuid, changes=changes))
            return f"Saved the story “{edited.title}”."

        return edit
