"""The first run: on a path with no record the app opens on a welcome that names the path and, in one
form, starts the record with the profile; quitting leaves no file."""

from pathlib import Path

from textual.widgets import Button, Input, Label, Select, Static

from skilltrack.record.profile import read_profile
from skilltrack.tui.screens.dashboard import DashboardScreen
from skilltrack.tui.screens.welcome import WelcomeScreen
from skilltrack.tui.widgets.fields import Field
from tests.app_fixtures import app_on
from tests.conftest import TODAY
from tests.tui.helpers import notifications, plain, press, read, settle, type_text, wait_until


def missing(tmp_path: Path) -> Path:
    return tmp_path / "new" / "record.sqlite3"


async def test_the_welcome_names_the_path_and_quitting_makes_nothing(tmp_path: Path) -> None:
    path = missing(tmp_path)
    app = app_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        welcome = app.screen
        assert isinstance(welcome, WelcomeScreen)
        assert str(path) in plain(welcome.query_one("#welcome-text", Static)).replace("\n", "")
        assert welcome.query_one("#career_start", Input).has_focus
        # The screens' keys need a record: typed into a field they are text, and elsewhere they do nothing.
        welcome.query_one("#save", Button).focus()
        await press(app, pilot, "s", "l", "t")
        assert app.screen is welcome
        await press(app, pilot, "escape")
        assert not app.is_running
    assert app.return_code in (0, None)
    assert not path.exists()
    assert not path.parent.exists() or list(path.parent.iterdir()) == []


async def test_one_form_starts_the_record_with_the_profile(tmp_path: Path) -> None:
    path = missing(tmp_path)
    app = app_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        welcome = app.screen
        assert isinstance(welcome, WelcomeScreen)
        await wait_until(app, pilot, lambda: bool(welcome.query_one("#target_level", Select).value))
        await type_text(app, pilot, "2019-03-01")
        welcome.query_one("#target_date", Input).focus()
        await type_text(app, pilot, "2027-06-30")
        welcome.query_one("#target_level", Select).value = "staff"
        await press(app, pilot, "ctrl+s")
        await wait_until(app, pilot, lambda: isinstance(app.screen, DashboardScreen))
        message = next(note.message for note in notifications(app) if "Started your record" in note.message)
        assert str(path) in message
        assert "--" not in message
    app.store.close()
    profile = read(path, read_profile)
    assert (profile.career_started_on, profile.target_level, profile.target_date) == (
        TODAY.replace(year=2019, month=3, day=1),
        "staff",
        TODAY.replace(year=2027, month=6, day=30),
    )


async def test_an_empty_aim_is_refused_on_its_field_and_nothing_is_made(tmp_path: Path) -> None:
    path = missing(tmp_path)
    app = app_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        welcome = app.screen
        assert isinstance(welcome, WelcomeScreen)
        await press(app, pilot, "ctrl+s")
        assert app.screen is welcome
        field = welcome.query_one("#career_start-field", Field)
        assert field.has_class("-invalid")
        problem = plain(field.query_one(".field-error", Label))
        assert "is empty" in problem and "2021-09-01" in problem
        await type_text(app, pilot, "2019-03-01")
        await press(app, pilot, "ctrl+s")
        assert app.screen is welcome
        assert welcome.query_one("#target_date-field", Field).has_class("-invalid")
    assert not path.exists()
