"""The app's keys: one meaning per key on every screen, spelled once here.

The screen keys (``d s p e r i b j m``), ``l`` log, ``t`` timer, ``w`` sync (with this record's copies),
``?`` keys and ``q`` quit work from every screen (the app's bindings). A screen's own actions take their
keys from the functions below, so that a key does the same thing wherever it works: ``a`` adds, ``n``
edits, ``x`` deletes (asking first), ``u`` changes a status, ``ctrl+e`` exports. Forms save with
``ctrl+s``; Escape goes back or cancels.
"""

from textual.binding import Binding, BindingType

ADD = "a"
EDIT = "n"
DELETE = "x"
STATUS = "u"
EXPORT = "ctrl+e"
SAVE = "ctrl+s"
USE_SUGGESTION = "ctrl+y"

ACTIONS = {ADD: "add", EDIT: "edit", DELETE: "delete", STATUS: "status", EXPORT: "export", SAVE: "save"}
"""The action each shared key runs on every screen that has it (tests hold every screen to this)."""


def add_key(what: str, *, screen: str) -> Binding:
    """The key that adds a ``what`` (opens its form)."""
    return Binding(ADD, "add", "Add", tooltip=f"Add {what}", id=f"{screen}.add")


def edit_key(what: str, *, screen: str) -> Binding:
    """The key that edits the selected ``what`` (opens its form, filled in)."""
    return Binding(EDIT, "edit", "Edit", tooltip=f"Edit the selected {what}", id=f"{screen}.edit")


def delete_key(what: str, *, screen: str) -> Binding:
    """The key that deletes the selected ``what``, after asking and saying what goes with it."""
    return Binding(
        DELETE, "delete", "Delete", tooltip=f"Delete the selected {what} (asks first)", id=f"{screen}.delete"
    )


def status_key(what: str, *, screen: str) -> Binding:
    """The key that changes the selected ``what``'s status."""
    return Binding(
        STATUS, "status", "Status", tooltip=f"Change the selected {what}'s status", id=f"{screen}.status"
    )


def export_key(what: str, *, screen: str) -> Binding:
    """The key that writes ``what`` to a file (the dialog shows the full path first)."""
    return Binding(EXPORT, "export", "Export", tooltip=f"Write {what} to a file", id=f"{screen}.export")


SCREENS: tuple[tuple[str, str, str, str], ...] = (
    ("d", "dashboard", "Dashboard", "Readiness at a glance, the heatmap, streaks and gaps"),
    ("s", "skills", "Skills", "Your skills and tools with level, hours and trend"),
    ("p", "projects", "Projects", "Projects, roles and what shipped"),
    ("e", "evidence", "Evidence", "Evidence grouped by the expectation it shows"),
    ("r", "readiness", "Readiness", "Every expectation of a level, with what closes each gap"),
    ("i", "interviews", "Interviews", "Mock interviews per round: average, trend, ready or not"),
    ("b", "stories", "Stories", "The story bank for the behavioural round"),
    ("j", "postings", "Postings", "Saved job postings with their match then and now"),
    ("m", "team", "Team", "The team's readiness matrix, from the snapshots in a shared folder"),
)
"""Each screen's key, mode, name and what it shows."""


def screen_keys(*, shown: bool, app: bool = False) -> list[Binding]:
    """The keys that go to each screen: the app's own (``app``, ids for a keymap), or a screen's copy of
    them for its footer (the dashboard's)."""
    prefix = "" if app else "app."
    return [
        Binding(
            key,
            f"{prefix}switch_mode('{mode}')",
            title,
            tooltip=tooltip,
            show=shown,
            id=mode if app else None,
        )
        for key, mode, title, tooltip in SCREENS
    ]


HOME_KEY: list[BindingType] = [
    Binding("d", "app.switch_mode('dashboard')", "Dashboard", tooltip="Readiness, heatmap, streaks"),
]
"""Back to the dashboard, in every other screen's footer when there is room."""
