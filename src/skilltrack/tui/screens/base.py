"""What the app's screens share: loading in a worker, errors in one place, forms that keep what was typed."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar, runtime_checkable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.geometry import Offset, Region, Spacing
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Button, Input, Label
from textual.worker import Worker, WorkerState

from skilltrack.domain.errors import InputError
from skilltrack.record.errors import RecordError
from skilltrack.tui.keys import SAVE, USE_SUGGESTION
from skilltrack.tui.store import Store
from skilltrack.tui.widgets.fields import Field, NearMissError, SkillChoice
from skilltrack.tui.widgets.key_footer import KeyFooter
from skilltrack.tui.words import in_app_words

if TYPE_CHECKING:
    from skilltrack.domain.framework import Framework

Data = TypeVar("Data")
T = TypeVar("T")


@runtime_checkable
class RecordApp(Protocol):
    """What the screens ask of the app (:class:`skilltrack.tui.app.SkilltrackApp`): its store, whether
    its first frame is drawn, its one handler of errors, and what follows a write. The app imports the
    screens, so they know it by this shape rather than by importing it back."""

    store: Store
    started: bool

    def show_error(self, error: BaseException) -> None: ...

    def after_write(self, message: str | None) -> None: ...


class AppScreen:
    """Mixin: the app and its store, and worker errors sent to the app's one handler."""

    @property
    def skilltrack(self) -> RecordApp:
        app = self.app  # type: ignore[attr-defined]
        assert isinstance(app, RecordApp)
        return app

    @property
    def store(self) -> Store:
        return self.skilltrack.store

    def open_form(self, form: ModalScreen[str | None]) -> None:
        """Show a form that writes to the record; once it has, the app says what and redraws."""
        self.app.push_screen(form, self.skilltrack.after_write)  # type: ignore[attr-defined]

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.skilltrack.show_error(event.worker.error)


class RecordScreen(AppScreen, Screen[None], Generic[Data]):
    """A screen drawn from the record: ``fetch`` runs in a thread, ``show`` on the UI with its result.

    The first frame is drawn before anything is read; the screen reloads whenever it is shown again
    and whenever the app writes to the record.
    """

    def on_screen_resume(self) -> None:
        # After the next refresh: the frame is on the screen before the disk (and opening the record, on
        # first use) competes with it for the interpreter. The app's first screen is loaded by the app
        # once its first frame is drawn (SkilltrackApp.on_ready).
        if self.skilltrack.started:
            self.call_after_refresh(self.reload)

    generation = 0
    """Counts reloads, so that a slow, older read never overwrites a newer one."""

    def reload(self) -> None:
        self.generation += 1
        self._load(self.generation)

    @work(thread=True, group="load", exit_on_error=False)
    def _load(self, generation: int) -> None:
        data = self.fetch()
        self.app.call_from_thread(self._show_if_newest, generation, data)

    def _show_if_newest(self, generation: int, data: Data) -> None:
        if generation == self.generation:
            self.show(data)

    def fetch(self) -> Data:
        raise NotImplementedError

    def show(self, data: Data) -> None:
        raise NotImplementedError

    @work(exclusive=True, group="delete", exit_on_error=False)
    async def delete_after_asking(
        self,
        question: str,
        details: str | Callable[[sqlite3.Connection, date], str],
        delete: Callable[[sqlite3.Connection, date], T],
        deleted: Callable[[T], str],
    ) -> None:
        """Ask ``question``, saying what goes in ``details`` (read from the record first when it is a
        function); on yes, ``delete`` in one write off the UI thread, and the app says ``deleted`` of
        what it returns."""
        from skilltrack.tui.screens.confirm import ConfirmScreen

        if not isinstance(details, str):
            details = await asyncio.to_thread(self.store.read, details)
        if await self.app.push_screen_wait(ConfirmScreen(question, in_app_words(details))):
            result = await asyncio.to_thread(self.store.write, delete)
            self.skilltrack.after_write(deleted(result))


def refuse_near_miss(db: sqlite3.Connection, *, typed: str, framework: Framework, field: str) -> None:
    """Refuse a skill's name that is new but close to a known one (``postgress``), with the name it
    was probably meant to be: the rule of :func:`skilltrack.record.skills.resolve_skill`, asked first so
    that the form can offer the suggestion (and "add it as new") rather than the command line's flag."""
    from skilltrack.domain.names import clean_name, closest_name
    from skilltrack.record import skills

    name = clean_name(typed, field=field)
    if skills.known_skill(db, name=name, ladder=lambda: framework) is not None:
        return
    suggestion = closest_name(name, [*skills.known_name_keys(db), *framework.term_keys()])
    if suggestion is not None:
        raise NearMissError(field, name, suggestion)


Job = Callable[[], str]
"""A write to run off the UI thread, returning the line that tells the person what happened."""


class FormDialog(VerticalScroll, can_focus=False):
    """A form's dialog: its fields scroll, its buttons (``.form-actions``) are docked under them.

    Whatever scrolls a field into view (the focus moving to it, Textual centring it) leaves out the
    lines the buttons cover."""

    def scroll_to_region(self, region: Region, *, spacing: Spacing | None = None, **scroll: Any) -> Offset:
        actions = self.query(".form-actions")
        covered = Spacing(bottom=actions.first().outer_size.height) if actions else Spacing()
        return super().scroll_to_region(region, spacing=(spacing or Spacing()) + covered, **scroll)


class FormScreen(AppScreen, ModalScreen[str | None]):
    """A modal form. Nothing is written until every field parses; if the write fails, the form stays
    open with everything typed, and the problem shows on its field.

    The fields scroll (the form fits any terminal, 80×24 included) and the buttons stay under them,
    always in view: Tab goes through the fields to Save, then Cancel. ``ctrl+s`` saves from any field,
    Escape cancels.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving", id="form.cancel"),
        Binding(SAVE, "save", "Save", tooltip="Save the form (from any field)", id="form.save"),
        Binding(
            USE_SUGGESTION,
            "use_suggestion",
            "Use it",
            tooltip="Take the name skilltrack suggests for the skill, and save",
            id="form.use-suggestion",
        ),
    ]
    TITLE_TEXT = ""
    SAVE_LABEL = "Save"
    CANCEL_LABEL = "Cancel"

    def compose(self) -> ComposeResult:
        dialog = FormDialog(id="dialog", classes="dialog form")
        dialog.border_title = self.TITLE_TEXT
        with dialog:
            # The fields in one box: the focus goes through all of them before the buttons (siblings
            # take the focus in the order they are placed, and the buttons are docked under the box).
            with Vertical(classes="form-fields"):
                yield from self.compose_fields()
            with Vertical(classes="form-actions"):
                yield Label("", id="form-error", classes="form-error")
                with Horizontal(classes="buttons"):
                    yield from self.compose_buttons()
        yield KeyFooter()

    def on_descendant_focus(self) -> None:
        self.call_after_refresh(self._show_focused)

    def _show_focused(self) -> None:
        """Scroll the focused field (its label and problem too) into view above the buttons.

        Textual scrolls a focused widget into its container's whole window; the buttons docked at the
        bottom of the dialog cover the last lines of that window, so the dialog scrolls again, with
        their room left out."""
        focused = self.focused
        dialog = self.query_one("#dialog", FormDialog)
        actions = self.query_one(".form-actions")
        if focused is None or dialog not in focused.ancestors or actions in focused.ancestors:
            return
        shown: Widget = next(
            (
                node
                for node in focused.ancestors_with_self
                if isinstance(node, Widget) and (isinstance(node, Field) or node.has_class("choice-field"))
            ),
            focused,
        )
        region = shown.virtual_region_with_margin
        for node in shown.ancestors:
            if node is dialog or not isinstance(node, Widget):
                break
            region = region.translate(node.virtual_region.offset)
        # Textual's own scroll to the focused widget may still be gliding: this one is where it ends.
        self.app.animator.force_stop_animation(dialog, "scroll_y")
        dialog.scroll_to_region(region, animate=False, immediate=True)

    def compose_buttons(self) -> ComposeResult:
        yield Button(self.SAVE_LABEL, variant="primary", id="save", tooltip="ctrl+s")
        yield Button(self.CANCEL_LABEL, id="cancel", tooltip="Escape")

    def compose_fields(self) -> ComposeResult:
        raise NotImplementedError

    def prepare(self) -> Job:
        """Parse every field (raising :class:`InputError` for the first problem) into the write to run."""
        raise NotImplementedError

    def value(self, input_id: str) -> str:
        return self.query_one(f"#{input_id}", Input).value.strip()

    saving = False
    """A write is under way: a second Enter must not write twice, and Escape must not lose it."""

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        if self.saving:
            return
        try:
            job = self.prepare()
        except (InputError, RecordError) as error:
            self.show_problem(error)
            return
        self.saving = True
        self.query_one("#save", Button).disabled = True
        self._run(job)

    @work(thread=True, group="save", exit_on_error=False)
    def _run(self, job: Job) -> None:
        try:
            message = job()
        except Exception as error:
            self.app.call_from_thread(self.show_problem, error)
            return
        self.app.call_from_thread(self._saved, message)

    def _saved(self, message: str) -> None:
        self.saving = False
        if self.is_current:
            self.dismiss(message)
        else:  # something else is on top now: tell the person, and never close that instead
            self.skilltrack.after_write(message)

    def show_problem(self, error: BaseException) -> None:
        self.saving = False
        self.query_one("#save", Button).disabled = False
        if isinstance(error, NearMissError):
            self.show_suggestion(error)
        if isinstance(error, InputError):
            field, problem = error.field, error.problem
        elif isinstance(error, RecordError):
            field, _, problem = str(error).partition(": ")
        else:
            field, problem = "", str(error)
        problem = in_app_words(problem)
        try:
            holder = self.query_one(f"#{field.replace(' ', '-')}-field", Field)
        except NoMatches:
            self.query_one("#form-error", Label).update(
                f"Not saved — {field + ': ' if field else ''}{problem}"
            )
            return
        holder.show_problem(problem)
        holder.input.focus()

    # ── a skill's name close to a known one ───────────────────────────────────────────────────

    suggestion: str | None = None
    """The known skill a near miss was probably meant to be (``PostgreSQL`` for ``postgress``)."""

    SKILL_FIELD = "skill"
    """The id of the form's skill field, if it has one."""

    def show_suggestion(self, near_miss: NearMissError) -> None:
        """Offer the suggested name (a button, ``ctrl+y``) and adding what was typed as a new skill."""
        self.suggestion = near_miss.suggestion
        self.query_one(SkillChoice).offer(near_miss.typed, near_miss.suggestion)
        self.refresh_bindings()

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.suggestion is not None and event.input.id == self.SKILL_FIELD:
            self.suggestion = None
            self.query_one(SkillChoice).withdraw()
            self.refresh_bindings()

    @on(SkillChoice.UseSuggestion)
    def action_use_suggestion(self) -> None:
        if self.suggestion is None:
            return
        self.query_one(f"#{self.SKILL_FIELD}", Input).value = self.suggestion
        self.suggestion = None
        self.query_one(SkillChoice).withdraw()
        self.refresh_bindings()
        self.call_after_refresh(self.action_save)

    def allow_new(self) -> bool:
        """Whether the person chose to add the near miss as a new skill."""
        choices = self.query(SkillChoice)
        return bool(choices) and choices.first().allow_new

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "use_suggestion":
            return self.suggestion is not None
        return True

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if self.saving:
            self.notify("Saving… the form closes when it is written.", timeout=3)
            return
        self.dismiss(None)
