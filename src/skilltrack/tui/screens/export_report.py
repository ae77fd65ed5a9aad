"""Export the readiness report from the app: a level, Markdown or HTML, and where to write it.

The report is read, drawn and written as ``skilltrack report -o`` does it (:func:`load_report`,
:func:`render_report`, :func:`write_output`), so the file is the same, and never lands on the record,
its journal, a backup or any SQLite database.
"""

from datetime import date
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Label, Select

from skilltrack.domain.errors import InputError
from skilltrack.tui.screens.base import FormScreen, Job
from skilltrack.tui.widgets.fields import Field

EXPORT_FORMATS = {"html": "HTML (one file, prints well)", "markdown": "Markdown"}
EXTENSIONS = {"html": ".html", "markdown": ".md"}


def default_file_name(level_id: str, report_format: str, today: date) -> str:
    """``skilltrack-senior-2026-11-24.html``: written beside where the app was started."""
    return f"skilltrack-{level_id}-{today.isoformat()}{EXTENSIONS[report_format]}"


def parse_output(text: str) -> Path:
    cleaned = text.strip()
    if not cleaned:
        raise InputError("output", "is empty; give a file to write, like report.html")
    if "\x00" in cleaned:
        raise InputError("output", "holds a NUL character; give an ordinary file path")
    path = Path(cleaned).expanduser()
    if cleaned.endswith(("/", "\\")) or path.is_dir():
        raise InputError("output", f"{cleaned} is a folder; give a file path, like report.html")
    return path


class ExportReportScreen(FormScreen):
    TITLE_TEXT = "Export report"
    SAVE_LABEL = "Export"

    def __init__(self, level_id: str | None = None) -> None:
        super().__init__()
        self.level_id = level_id

    def compose_fields(self) -> ComposeResult:
        framework = self.store.framework
        level_id = self.level_id or framework.levels[0].id
        today = self.store.local_today()
        yield Label("Level", classes="field-label")
        levels = [(level.title, level.id) for level in framework.levels]
        yield Select(levels, value=level_id, allow_blank=False, compact=True, id="level")
        yield Label("Format", classes="field-label")
        formats = [(title, key) for key, title in EXPORT_FORMATS.items()]
        yield Select(formats, value="html", allow_blank=False, compact=True, id="format")
        yield Field(
            "Write to",
            id="output",
            value=default_file_name(level_id, "html", today),
            parse=parse_output,
        )

    def _chosen(self) -> tuple[str, str]:
        level = self.query_one("#level", Select).value
        report_format = self.query_one("#format", Select).value
        return str(level), str(report_format)

    @on(Select.Changed)
    def _follow_choice(self) -> None:
        """Keep the default file name in step with the level and format, unless it was edited."""
        output = self.query_one("#output", Input)
        today = self.store.local_today()
        defaults = {
            default_file_name(level.id, report_format, today)
            for level in self.store.framework.levels
            for report_format in EXPORT_FORMATS
        }
        if output.value.strip() in defaults:
            output.value = default_file_name(*self._chosen(), today)

    def prepare(self) -> Job:
        level_id, report_format = self._chosen()
        output = parse_output(self.value("output"))
        store = self.store

        def export() -> str:
            from skilltrack.files import write_output
            from skilltrack.record.overview import load_report
            from skilltrack.render.report import render_report

            framework = store.framework
            data = store.read(
                lambda db, today: load_report(db, framework=framework, today=today, level_id=level_id)
            )
            written = write_output(output, render_report(data, report_format), store.path)
            return f"Wrote {written}"

        return export
