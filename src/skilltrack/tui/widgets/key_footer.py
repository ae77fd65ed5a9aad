"""The footer with the screen's keys, drawn as one line by one widget, on every screen of the app.

Textual's Footer mounts and styles a widget per key (and lays them all out again for every change of
the screen's bindings); this draws the same compact line, clickable key by key, from the screen's
bindings as they are when it is drawn. Where the line is too short for every key, the screen's own
actions and ``? Keys`` (which lists the rest) always show, then ``q Quit``, then the keys that work
everywhere (the other screens, log, timer) as far as they fit.
"""

from typing import NamedTuple

from textual import events
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget


class ShownKey(NamedTuple):
    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str
    rank: int = 0
    """0: the screen's own action, or ``?``; 1: quit; 2: a key that works everywhere, shown if it fits."""

    @property
    def width(self) -> int:
        return len(self.display) + 1 + len(self.description) if self.description else len(self.display)


Shown = tuple[ShownKey, ...]

PALETTE_WIDTH = 11
"""The command palette key, drawn at the right (a cell short of the edge, as Footer draws it): a rule,
``^p palette``."""

ALWAYS = ("keys",)
"""Ids of the app's keys shown whatever the width: ``?`` lists every key."""
QUIT = ("quit",)


def _rank(binding_id: str | None, action: str, of_app: bool) -> int:
    if binding_id in ALWAYS:
        return 0
    if binding_id in QUIT:
        return 1
    if of_app or action.startswith("app."):
        return 2
    return 0


def shown_keys(screen: Screen[object]) -> Shown:
    """The keys the footer draws for ``screen``, in order, without the command palette's."""
    app = screen.app
    palette = app.COMMAND_PALETTE_BINDING if app.ENABLE_COMMAND_PALETTE else None
    seen: set[str] = set()
    keys: list[ShownKey] = []
    for key, (namespace, binding, enabled, tooltip) in screen.active_bindings.items():
        if not binding.show or key == palette or binding.action in seen:
            continue
        seen.add(binding.action)
        rank = _rank(binding.id, binding.action, namespace is app)
        keys.append(
            ShownKey(binding.key, app.get_key_display(binding), binding.description, enabled, tooltip, rank)
        )
    return tuple(keys)


def fitted_keys(keys: Shown, width: int) -> Shown:
    """The keys that fit in ``width`` cells, in their order: every key of rank 0, then of rank 1, then
    those of rank 2 in order while they fit."""
    chosen: set[int] = set()
    used = -1
    for rank in (0, 1, 2):
        for index, key in enumerate(keys):
            if key.rank == rank and (rank == 0 or used + 1 + key.width <= width):
                chosen.add(index)
                used += 1 + key.width
    return tuple(key for index, key in enumerate(keys) if index in chosen)


class KeyFooter(Widget, can_focus=False):
    """The screen's keys on one line at the bottom, as Textual's compact Footer draws them."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    """

    hovered: int | None = None
    """The index of the key under the mouse (``len(keys)`` for the palette key), if any."""

    def on_mount(self) -> None:
        self._keys: Shown = ()
        self._palette: ShownKey | None = None
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if (self._fitted(screen), self._palette_key(screen)) != (self._keys, self._palette):
            self.refresh()

    def _fitted(self, screen: Screen[object]) -> Shown:
        room = self.size.width - (PALETTE_WIDTH + 1 if self._palette_key(screen) else 0)
        return fitted_keys(shown_keys(screen), room)

    @property
    def keys(self) -> Shown:
        """The keys as last drawn (the palette key last, if shown)."""
        return self._keys + ((self._palette,) if self._palette else ())

    def _palette_key(self, screen: Screen[object]) -> ShownKey | None:
        app = screen.app
        if not app.ENABLE_COMMAND_PALETTE:
            return None
        shown = screen.active_bindings.get(app.COMMAND_PALETTE_BINDING)
        if shown is None:
            return None
        _, binding, enabled, _ = shown
        return ShownKey(
            binding.key,
            app.get_key_display(binding),
            binding.description,
            enabled,
            binding.tooltip or binding.description,
        )

    def key_cells(self) -> list[tuple[int, int]]:
        """Where each key is drawn: (first cell, width), the palette key last."""
        cells: list[tuple[int, int]] = []
        x = 0
        for key in self._keys:
            cells.append((x, key.width))
            x += key.width + 1
        if self._palette:
            # Over the other keys where they reach it, as Footer's docked palette key is.
            cells.append((max(0, self.size.width - PALETTE_WIDTH - 1), PALETTE_WIDTH))
        return cells

    def _key(self, index: int, key: ShownKey) -> Content:
        hovered = " $footer-foreground on $block-hover-background" if index == self.hovered else ""
        dim = "" if key.enabled else " dim"
        drawn = Content.styled(key.display, f"bold $footer-key-foreground{dim}{hovered}")
        if key.description:
            drawn += Content.styled(f" {key.description}", f"$footer-description-foreground{dim}{hovered}")
        return drawn

    def render(self) -> Content:
        self._keys = self._fitted(self.screen)
        self._palette = self._palette_key(self.screen)
        cells = self.key_cells()
        line = Content(" ").join(self._key(index, key) for index, key in enumerate(self._keys))
        if self._palette:
            start, width = cells[-1]
            line = line.pad_right(max(0, start + width - line.cell_length))
            palette = Content.styled("▏", "$foreground 20%") + self._key(len(self._keys), self._palette)
            line = line[:start] + palette + line[start + width :]
        # Cut, not wrapped, where the keys reach past the edge.
        return line[: self.size.width]

    def _key_at(self, x: int) -> int | None:
        # The palette key, last, is drawn over the others.
        cells = list(enumerate(self.key_cells()))
        return next((index for index, (start, width) in reversed(cells) if start <= x < start + width), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hovered = self._key_at(event.x)
        if hovered != self.hovered:
            self.hovered = hovered
            self.tooltip = self.keys[hovered].tooltip or None if hovered is not None else None
            self.refresh()

    def on_leave(self) -> None:
        if self.hovered is not None:
            self.hovered = None
            self.tooltip = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        index = self._key_at(event.x)
        if index is None:
            return
        key = self.keys[index]
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
