"""Every form at 80×24: its Save button is on the screen and uncovered, Tab reaches it through the
fields before Cancel, and ctrl+s saves from the first field."""

import pytest
from textual.widgets import Button, Label

from skilltrack.tui.app import SkilltrackApp
from skilltrack.tui.screens.base import FormScreen
from tests.tui.helpers import plain, press, settle, wait_for_workers, wait_until

SMALL = (80, 24)

FORMS = {
    "log": ("l",),
    "timer": ("t",),
    "add skill": ("s", "a"),
    "rate skill": ("s", "v"),
    "edit skill": ("s", "n"),
    "add project": ("p", "a"),
    "add evidence": ("e", "a"),
    "add interview": ("i", "a"),
    "add story": ("b", "a"),
    "add posting": ("j", "a"),
    "export report": ("r", "ctrl+e"),
}


def shown_uncovered(app: SkilltrackApp, button: Button) -> bool:
    """The button is inside the terminal and it is what a click on its middle reaches."""
    region = button.region
    if region.height == 0 or region.bottom > SMALL[1] or region.right > SMALL[0]:
        return False
    widget, _ = app.screen.get_widget_at(region.x + region.width // 2, region.y + region.height // 2)
    return widget is button or button in widget.ancestors


@pytest.mark.parametrize("form", FORMS)
async def test_save_is_reachable_at_80x24(demo_app: SkilltrackApp, form: str) -> None:
    async with demo_app.run_test(size=SMALL) as pilot:
        await settle(demo_app, pilot)
        await press(demo_app, pilot, *FORMS[form])
        await wait_until(demo_app, pilot, lambda: isinstance(demo_app.screen, FormScreen))
        screen = demo_app.screen
        save = screen.query_one("#save", Button)
        cancel = screen.query_one("#cancel", Button)
        await wait_until(demo_app, pilot, lambda: not save.disabled)
        assert shown_uncovered(demo_app, save), form
        # Tab goes through every field, then Save; Cancel only after Save.
        for _ in range(40):
            if save.has_focus or cancel.has_focus:
                break
            await press(demo_app, pilot, "tab")
        assert save.has_focus, f"{form}: Tab reached {screen.focused!r} before Save"
        assert shown_uncovered(demo_app, save), form
        # ctrl+s saves from a field: the form either closes, saved, or says what is missing.
        screen.query_one("Input").focus()
        await press(demo_app, pilot, "ctrl+s")
        await wait_for_workers(demo_app)
        await settle(demo_app, pilot)
        if demo_app.screen is screen:
            problem = screen.query(".-invalid") or plain(screen.query_one("#form-error", Label))
            assert problem, f"{form}: ctrl+s neither saved nor said why not"
