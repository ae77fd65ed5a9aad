"""Form fields: inputs that validate as the person types, with the message under the field; labelled
choices; and the choice offered for a skill's name close to a known one.

A field's placeholder is a hint, never a value: it starts "e.g." and is drawn dim and italic
(``app.tcss``), so that an empty field does not look filled in.
"""

from collections.abc import Callable, Iterable
from typing import TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.validation import ValidationResult, Validator
from textual.widgets import Button, Checkbox, Input, Label, Select

from skilltrack.domain.errors import InputError

Choice = TypeVar("Choice")


def choice_field(
    label: str, options: Iterable[tuple[str, Choice]], *, id: str, value: Choice
) -> ComposeResult:
    """A label over a compact drop-down that always holds one of ``options``, ``value`` at first."""
    with Vertical(classes="choice-field"):
        yield Label(label, classes="field-label")
        yield Select(options, value=value, allow_blank=False, compact=True, id=id)


def optional_choice_field(
    label: str, options: Iterable[tuple[str, Choice]], *, id: str, blank: str, value: Choice | None = None
) -> ComposeResult:
    """A label over a compact drop-down that may hold none of ``options`` (shown as ``blank``)."""
    with Vertical(classes="choice-field"):
        yield Label(label, classes="field-label")
        yield Select(
            options, value=Select.NULL if value is None else value, prompt=blank, compact=True, id=id
        )


class ParserValidator(Validator):
    """A Textual validator from one of the domain's parsers: the same rules and words as the shell."""

    def __init__(self, parse: Callable[[str], object], *, optional: bool = False) -> None:
        super().__init__()
        self.parse = parse
        self.optional = optional

    def validate(self, value: str) -> ValidationResult:
        if self.optional and not value.strip():
            return self.success()
        try:
            self.parse(value)
        except InputError as error:
            return self.failure(error.problem)
        return self.success()


class Field(Vertical):
    """A label, an input and the input's current problem, if any."""

    DEFAULT_CSS = """
    Field { height: auto; }
    Field > .field-label { color: $foreground-muted; padding-left: 1; }
    Field > .field-error { color: $error; padding-left: 1; height: auto; width: 100%; display: none; }
    Field.-invalid > .field-error { display: block; }
    """

    def __init__(
        self,
        label: str,
        *,
        id: str,
        value: str = "",
        placeholder: str = "",
        parse: Callable[[str], object] | None = None,
        optional: bool = False,
        suggestions: list[str] | None = None,
    ) -> None:
        super().__init__(id=f"{id}-field")
        self.label = label
        self.input_id = id
        self.value = value
        self.placeholder = placeholder
        self.parse = parse
        self.optional = optional
        self.suggestions = suggestions

    def compose(self) -> ComposeResult:
        yield Label(self.label, classes="field-label")
        validators = [ParserValidator(self.parse, optional=self.optional)] if self.parse else []
        suggester = SuggestFromList(self.suggestions, case_sensitive=False) if self.suggestions else None
        yield Input(
            self.value,
            placeholder=self.placeholder,
            id=self.input_id,
            validators=validators,
            validate_on=["changed", "submitted"],
            suggester=suggester,
            compact=True,
        )
        yield Label("", classes="field-error")

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.validation_result is None or event.validation_result.is_valid or not event.value.strip():
            self.clear_problem()
        else:
            self.show_problem(event.validation_result.failure_descriptions[0])

    def show_problem(self, problem: str) -> None:
        self.add_class("-invalid")
        self.query_one(".field-error", Label).update(problem)

    def clear_problem(self) -> None:
        self.remove_class("-invalid")
        self.query_one(".field-error", Label).update("")

    def set_suggestions(self, suggestions: list[str]) -> None:
        self.suggestions = suggestions
        self.input.suggester = SuggestFromList(suggestions, case_sensitive=False)

    def complete(self) -> None:
        """Take the first suggestion that starts with what was typed (as Tab leaves the field)."""
        typed = self.input.value.strip()
        if not typed or not self.suggestions:
            return
        lowered = typed.casefold()
        if any(s.casefold() == lowered for s in self.suggestions):
            return
        match = next((s for s in self.suggestions if s.casefold().startswith(lowered)), None)
        if match is not None:
            self.input.value = match


class NearMissError(InputError):
    """A new skill's name close to a known one: ``typed`` was probably meant to be ``suggestion``."""

    def __init__(self, field: str, typed: str, suggestion: str) -> None:
        super().__init__(field, f"no skill is called “{typed}” — did you mean {suggestion}?")
        self.typed = typed
        self.suggestion = suggestion


class SkillChoice(Horizontal):
    """Shown under a skill's field after a near miss: take the suggested name (one key, ``ctrl+y``), or
    tick "add it as a new skill" and save again."""

    DEFAULT_CSS = """
    SkillChoice { height: auto; display: none; margin-bottom: 1; }
    SkillChoice.-offered { display: block; }
    SkillChoice > Button { margin-right: 2; }
    """

    class UseSuggestion(Message):
        """The person took the suggested name."""

    def compose(self) -> ComposeResult:
        yield Button("Use it", id="use-suggestion", compact=True, variant="primary", tooltip="ctrl+y")
        yield Checkbox("Add it as a new skill", id="allow-new", compact=True)

    def offer(self, typed: str, suggestion: str) -> None:
        self.query_one("#use-suggestion", Button).label = f"Use {suggestion} (ctrl+y)"
        checkbox = self.query_one("#allow-new", Checkbox)
        checkbox.label = f"Add “{typed}” as a new skill"
        checkbox.value = False
        self.add_class("-offered")

    def withdraw(self) -> None:
        self.remove_class("-offered")
        self.query_one("#allow-new", Checkbox).value = False

    @property
    def allow_new(self) -> bool:
        return self.has_class("-offered") and self.query_one("#allow-new", Checkbox).value

    @on(Button.Pressed, "#use-suggestion")
    def _use(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.UseSuggestion())
