"""Saved job postings: the list with status and match then and now, the selected posting's match, a form to
paste or load a posting (its match shown as it is read) and save it, a status form, and delete."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.markup import escape
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Input, Label, Select, Static, TextArea

from skilltrack.domain.dates import parse_date
from skilltrack.domain.drafts import PostingDraft
from skilltrack.domain.errors import InputError
from skilltrack.domain.kinds import POSTING_STATUSES
from skilltrack.domain.postings.asks import STRENGTH_MARKS, Importance, Strength
from skilltrack.domain.postings.matching import ItemMatch, PostingMatch, assess_posting
from skilltrack.domain.postings.text import clean_line, clean_link, clean_posting_text
from skilltrack.files import read_posting_file
from skilltrack.record import postings
from skilltrack.record.facts import load_match_facts
from skilltrack.record.postings import PostingAdded, SavedPosting, StatusChange
from skilltrack.render.postings import NOTHING_FOUND, found_line, percent_line, unknown_line
from skilltrack.tui.dates import day_text
from skilltrack.tui.keys import HOME_KEY, add_key, delete_key, status_key
from skilltrack.tui.screens.base import FormScreen, Job
from skilltrack.tui.screens.listing import RowsScreen, detail_panel, row_table
from skilltrack.tui.widgets.fields import Field, choice_field
from skilltrack.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from skilltrack.domain.facts import RecordFacts
    from skilltrack.tui.store import Store

NO_POSTINGS = "No saved postings yet — press a to paste or load one and see how you match it."

STRENGTH_COLOUR = {
    Strength.STRONG: "$success",
    Strength.CLAIMED: "$secondary",
    Strength.SOME: "$warning",
    Strength.MISSING: "$error",
}


class PostingsScreen(RowsScreen["list[SavedPosting]", SavedPosting]):
    BINDINGS: ClassVar[list[BindingType]] = [
        add_key("a posting: paste or load it, see its match, save it", screen="postings"),
        status_key("posting", screen="postings"),
        delete_key("posting", screen="postings"),
        *HOME_KEY,
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="postings-body"):
            yield row_table("postings-table", "company", "title", "status", "then", "now")
            yield from detail_panel("posting-detail", "Match", NO_POSTINGS)
        yield KeyFooter()

    def fetch(self) -> list[SavedPosting]:
        framework = self.store.framework
        return self.store.read(
            lambda db, today: postings.load_saved_postings(db, framework=framework, today=today)
        )

    def show(self, data: list[SavedPosting]) -> None:
        self.rows = data
        table = self.query_one(DataTable)
        selected = self.selected()
        table.clear()
        for item in data:
            table.add_row(
                item.row.company,
                item.row.title,
                item.row.status,
                f"{item.row.match_at_save}%",
                f"{item.now.percent}%",
                key=self.row_key(item),
            )
        if selected is not None and self.row_key(selected) in table.rows:
            table.move_cursor(row=table.get_row_index(self.row_key(selected)))
        if data:
            self.show_detail(self.selected() or data[0])
        else:
            self.query_one("#posting-detail-text", Static).update(NO_POSTINGS)

    def row_key(self, item: SavedPosting) -> str:
        return str(item.row.uuid)

    def show_detail(self, item: SavedPosting) -> None:
        posting = item.row
        change = item.now.percent - posting.match_at_save
        moved = f" ({'+' if change > 0 else ''}{change})" if change else ""
        lines = [
            f"[b]{escape(posting.title)}[/b]",
            escape(posting.company),
            f"Posted {day_text(posting.posted_on)} · "
            f"{posting.status} since {day_text(posting.status_changed_on)}",
        ]
        if posting.link:
            lines.append(f"[dim]{escape(posting.link)}[/dim]")
        lines += ["", f"[b]Match when saved {posting.match_at_save}%, now {item.now.percent}%{moved}[/b]"]
        lines += match_lines(item.now)
        self.query_one("#posting-detail-text", Static).update("\n".join(lines))

    def action_add(self) -> None:
        self.open_form(AddPostingScreen())

    def action_status(self) -> None:
        self.open_form_on_selected(PostingStatusScreen)

    def ask_delete(self, item: SavedPosting) -> None:
        what = item.row.label
        self.delete_after_asking(
            f"Delete the posting {what}?",
            "Only the saved posting goes: its text, status and match. Your record is not touched.",
            lambda db, today: postings.remove_posting(db, typed_id=item.row.uuid.hex),
            lambda removed: f"Deleted the posting {what}.",
        )


def _item_line(item: ItemMatch) -> str:
    colour = STRENGTH_COLOUR[item.strength]
    mark = STRENGTH_MARKS[item.strength]
    return f"[{colour}]{mark}[/] {escape(item.ask.label)} [dim]{item.strength.value}[/dim]"


def match_lines(match: PostingMatch) -> list[str]:
    """The match as markup lines for a detail pane: what to practise first, then each ask with its facts."""
    if not match.items:
        return [escape(NOTHING_FOUND), *([escape(unknown_line(match))] if match.read.unknown else [])]
    lines = [escape(percent_line(match)), f"[dim]{escape(found_line(match))}[/dim]"]
    if unknown := unknown_line(match):
        lines.append(f"[dim]{escape(unknown)}[/dim]")
    if match.practise_first:
        lines += ["", "[b]Practise first[/b]"]
        for number, item in enumerate(match.practise_first, start=1):
            lines.append(f"{number}. {escape(item.ask.name)} — {escape(item.next_step)}")
    for importance, heading in ((Importance.REQUIRED, "Required"), (Importance.NICE, "Nice to have")):
        items = match.of(importance)
        if not items:
            continue
        lines += ["", f"[b]{heading}[/b]"]
        for item in items:
            lines.append(_item_line(item))
            lines.append(f"  [dim]{escape(' · '.join(item.facts))}[/dim]")
            lines += [f"  [dim]· {escape(e.title)}[/dim]" for e in item.evidence[:2]]
    return lines


def compact_match(match: PostingMatch) -> str:
    """A few lines for the add form: the percent, each ask as a mark, and the first things to practise."""
    if not match.items:
        return "\n".join(escape(line) for line in (NOTHING_FOUND, unknown_line(match)) if line)
    lines = [f"[b]{escape(percent_line(match))}[/b]"]
    if match.level_line:
        lines.append(escape(f"The posting {match.level_line}."))
    if match.practise_first:
        first = ", ".join(escape(item.ask.name) for item in match.practise_first[:3])
        lines.append(f"Practise first: {first}")
    for importance, heading in ((Importance.REQUIRED, "Required"), (Importance.NICE, "Nice")):
        items = match.of(importance)
        if items:
            marks = "  ".join(
                f"[{STRENGTH_COLOUR[i.strength]}]{STRENGTH_MARKS[i.strength]}[/] {escape(i.ask.name)}"
                for i in items
            )
            lines.append(f"{heading}: {marks}")
    if unknown := unknown_line(match):
        lines.append(f"[dim]{escape(unknown)}[/dim]")
    return "\n".join(lines)


def _record_today(store: Store) -> tuple[RecordFacts, date]:
    """The record a posting is held against, and today, read in one transaction (in a worker thread)."""
    framework = store.framework
    return store.read(lambda db, today: (load_match_facts(db, framework=framework, today=today), today))


class AddPostingScreen(FormScreen):
    TITLE_TEXT = "Save a job posting"

    def __init__(self) -> None:
        super().__init__()
        self.match_generation = 0
        """Counts edits of the text, so that an older match never replaces a newer one."""
        self.record_today: tuple[RecordFacts, date] | None = None
        """The record as the form opened, read once: every edit of the text is matched against it."""

    def compose_fields(self) -> ComposeResult:
        yield Label("The posting (paste it here, or load a file below)", classes="field-label")
        yield TextArea(id="posting-text", soft_wrap=True, show_line_numbers=False)
        with Horizontal(classes="field-row"):
            yield Field("Load from a file", id="path", placeholder="e.g. ~/Downloads/posting.txt")
            yield Button("Load", id="load", compact=True)
        yield Static("Paste or load a posting to see how your record matches it.", id="posting-match")
        with Horizontal(classes="field-row"):
            yield Field("Company", id="company", placeholder="e.g. Tallyhoe")
            yield Field("Title", id="title", placeholder="e.g. Senior Backend Engineer")
        with Horizontal(classes="field-row"):
            yield Field(
                "Link (optional)", id="link", placeholder="e.g. https://…", parse=clean_link, optional=True
            )
            yield Field(
                "Date",
                id="date",
                placeholder="e.g. 2026-11-20 (empty: today)",
                parse=self._parse_day,
                optional=True,
            )

    def on_mount(self) -> None:
        self.query_one("#dialog").add_class("wide", "posting")
        self.query_one("#posting-text", TextArea).focus()

    def _parse_day(self, value: str) -> date:
        return parse_date(value, today=self.store.local_today())

    @on(Input.Submitted, "#path")
    def _path_submitted(self, event: Input.Submitted) -> None:
        event.prevent_default()  # Enter in the path loads the file; it does not save the form
        event.stop()
        self._load_file()

    @on(Button.Pressed, "#load")
    def _load_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._load_file()

    def _load_file(self) -> None:
        typed = self.value("path")
        holder = self.query_one("#path-field", Field)
        if not typed:
            holder.show_problem("give the path of a text file")
            return
        self._read_file(typed)

    @work(thread=True, exclusive=True, group="load-file", exit_on_error=False)
    def _read_file(self, typed: str) -> None:
        try:
            text = read_posting_file(typed, record=self.store.path, field="path")
        except InputError as error:
            self.app.call_from_thread(self.query_one("#path-field", Field).show_problem, error.problem)
            return
        self.app.call_from_thread(self._loaded, text)

    def _loaded(self, text: str) -> None:
        self.query_one("#path-field", Field).clear_problem()
        self.query_one("#posting-text", TextArea).load_text(text)

    @on(TextArea.Changed, "#posting-text")
    def _text_changed(self) -> None:
        self.match_generation += 1
        text = self.query_one("#posting-text", TextArea).text
        if not text.strip():
            self.query_one("#posting-match", Static).update(
                "Paste or load a posting to see how your record matches it."
            )
            return
        self._match(self.match_generation, text, self.value("title"))

    @work(thread=True, exclusive=True, group="match", exit_on_error=False)
    def _match(self, generation: int, text: str, title: str) -> None:
        try:
            if self.record_today is None:
                self.record_today = _record_today(self.store)
            facts, today = self.record_today
            shown = compact_match(
                assess_posting(clean_posting_text(text), self.store.framework, facts, today, title=title)
            )
        except InputError as error:
            shown = escape(error.problem)
        self.app.call_from_thread(self._show_match, generation, shown)

    def _show_match(self, generation: int, shown: str) -> None:
        if generation == self.match_generation:
            self.query_one("#posting-match", Static).update(shown)

    def prepare(self) -> Job:
        text = clean_posting_text(self.query_one("#posting-text", TextArea).text)
        company = clean_line(self.value("company"), field="company")
        title = clean_line(self.value("title"), field="title")
        link = clean_link(self.value("link"))
        posted_on = self._parse_day(self.value("date")) if self.value("date") else None
        draft = PostingDraft(company=company, title=title, text=text, link=link, posted_on=posted_on)
        store = self.store

        def add(db: sqlite3.Connection, today: date) -> PostingAdded:
            return postings.add_posting(db, draft=draft, framework=store.framework, today=today)

        def save() -> str:
            added = store.write(add)
            return f"Saved the posting {title} at {company}: match {added.match.percent}%."

        return save

    def show_problem(self, error: BaseException) -> None:
        if isinstance(error, InputError) and error.field == "posting":
            self.saving = False
            self.query_one("#save", Button).disabled = False
            self.query_one("#form-error", Label).update(f"Not saved — {error}")
            self.query_one("#posting-text", TextArea).focus()
            return
        super().show_problem(error)


class PostingStatusScreen(FormScreen):
    TITLE_TEXT = "Posting status"

    def __init__(self, item: SavedPosting) -> None:
        super().__init__()
        self.item = item

    def compose_fields(self) -> ComposeResult:
        row = self.item.row
        yield Static(f"[b]{escape(row.title)}[/b] at {escape(row.company)}", id="status-posting")
        yield Static(f"[dim]{row.status} since {day_text(row.status_changed_on)}[/dim]", id="status-since")
        yield from choice_field(
            "New status", [(status, status) for status in POSTING_STATUSES], id="status", value=row.status
        )

    def on_mount(self) -> None:
        self.query_one("#status", Select).focus()

    def prepare(self) -> Job:
        status = str(self.query_one("#status", Select).value)
        store = self.store
        row = self.item.row

        def change(db: sqlite3.Connection, today: date) -> StatusChange:
            return postings.set_posting_status(db, typed_id=row.uuid.hex, status=status, today=today)

        def save() -> str:
            before = store.write(change).before
            if before == status:
                return f"{row.title} at {row.company} is still {status}."
            return f"{row.title} at {row.company}: {before} → {status}."

        return save
