"""Export the readiness report from the app: a level, Markdown or HTML, and where to write it.

The file goes to the ``reports`` folder beside the record (made when the first report is written), unless
a full path (or one from ``~``) says otherwise; the dialog shows the full path before anything is written.
Beside the record, not in whatever folder the app happened to be started from: one place to find every
report, whichever terminal opened the app. The report is read, drawn and written as
``skilltrack report -o`` does it (:func:`load_report`, :func:`render_report`, :func:`write_output`), so
the file is the same, and never lands on the record, its journal, a backup or any SQLite database.
"""

from datetime import date
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Label, Select, Static

from skilltrack.domain.errors import InputError
from skilltrack.tui.screens.base import FormScreen, Job
from skilltrack.tui.widgets.fields import Field

EXPORT_FORMATS = {"html": "HTML (one file, prints well)", "markdown": "Markdown"}
EXTENSIONS = {"html": ".html", "markdown": ".md"}


REPORTS_FOLDER = "reports"


def reports_folder(record: Path) -> Path:
    """Where the app writes reports: ``reports`` in the record's folder."""
    return record.expanduser().absolute().parent / REPORTS_FOLDER


def default_file_name(level_id: str, report_format: str, today: date) -> str:
    """``skilltrack-senior-2026-11-24.html``: written in the reports folder."""
    return f"skilltrack-{level_id}-{today.isoformat()}{EXTENSIONS[report_format]}"


def full_path(text: str, folder: Path) -> Path | None:
    """Where ``text`` writes: a path without a folder of its own goes in ``folder``; ``None`` for
    nothing typed (or nothing a file can be called)."""
    cleaned = text.strip()
    if not cleaned or "\x00" in cleaned:
        return None
    path = Path(cleaned).expanduser()
    return path if path.is_absolute() else folder / path


def parse_output(text: str, folder: Path) -> Path:
    """The full path to write, or :class:`InputError` (field ``output``) saying what is accepted."""
    cleaned = text.strip()
    if not cleaned:
        raise InputError("output", "is empty; give a file to write, like report.html")
    path = full_path(cleaned, folder)
    if path is None:
        raise InputError("output", "holds a NUL character; give an ordinary file path")
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
        folder = reports_folder(self.store.path)
        yield Field(
            "Write to (a file name alone goes in the reports folder beside your record)",
            id="output",
            value=default_file_name(level_id, "html", today),
            parse=lambda text: parse_output(text, folder),
        )
        yield Static("", id="output-path", classes="muted", markup=False)

    def on_mount(self) -> None:
        self._show_path()

    @on(Input.Changed, "#output")
    def _show_path(self) -> None:
        path = full_path(self.query_one("#output", Input).value, reports_folder(self.store.path))
        self.query_one("#output-path", Static).update(
            f"Writes {path}" if path is not None else "Give a file to write."
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
        folder = reports_folder(self.store.path)
        output = parse_output(self.value("output"), folder)
        store = self.store

        def export() -> str:
            from skilltrack.files import write_output
            from skilltrack.record.overview import load_report
            from skilltrack.render.report import render_report

            framework = store.framework
            data = store.read(
                lambda db, today: load_report(db, framework=framework, today=today, level_id=level_id)
            )
            text = render_report(data, report_format)
            if output.parent == folder:
                # Only the reports folder is made here: any other folder must exist (a typo makes none).
                folder.mkdir(parents=True, exist_ok=True)
            written = write_output(output, text, store.path)
            return f"Wrote {written}"

        return export
