"""The footer with the screen's keys: Textual's Footer, laid out again only when the keys it shows change."""

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

Shown = tuple[tuple[str, str, bool, str], ...]


def shown_keys(screen: Screen[object]) -> Shown:
    """What the footer draws for ``screen``: each shown key, its description, enabled, its tooltip."""
    return tuple(
        (binding.key, binding.description, enabled, tooltip)
        for _, binding, enabled, tooltip in screen.active_bindings.values()
        if binding.show
    )


class KeyFooter(Footer):
    """Textual's Footer lays out its keys again for every change of the screen's bindings, even for
    several before one refresh, and for changes that leave the keys as they were: three times as a
    screen is first shown (shown, focus set, bindings refreshed), each time mounting and styling every
    key. This one lays them out once for the changes that arrive before it starts (it reads the
    bindings as they are then), and not at all when the keys it would show are the ones it shows; and
    each key is styled compact from the start.
    """

    def compose(self) -> ComposeResult:
        # Each key would otherwise get the compact class once mounted, and be styled a second time.
        for widget in super().compose():
            widget.set_class(self.compact, "-compact", update=False)
            yield widget

    recompose_queued = False
    """A layout of the keys is waiting for the next refresh."""

    laid_out: Shown | None = None
    """The keys as last laid out."""

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self.recompose_queued or (self.laid_out is not None and shown_keys(screen) == self.laid_out):
            return
        super().bindings_changed(screen)
        # The conditions under which Footer queues a layout of its keys.
        self.recompose_queued = screen.app.app_focus and self.is_attached and screen is self.screen

    async def recompose(self) -> None:
        # Only a layout queued here is sure to draw the keys (Footer draws none until it has been told of
        # the bindings): any other leaves nothing to compare with.
        self.laid_out = shown_keys(self.screen) if self.recompose_queued else None
        self.recompose_queued = False
        await super().recompose()
