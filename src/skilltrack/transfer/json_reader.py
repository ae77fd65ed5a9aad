"""Reading a JSON file a piece at a time: the items of its big list one by one, everything else whole.

An export of a million sessions is a third of a gigabyte of text; ``json.loads`` would hold all of it, and
every value built from it, at once. :class:`JsonReader` keeps a window of the text, decodes one value at
a time with the standard decoder (``raw_decode``: the same scanner, so the same values), and walks the
brackets, colons and commas between them itself. A broken file is refused with the message, line and
column ``json.loads`` gives for the whole text (``tests/transfer/test_json_reader.py`` holds the two
together), worded for a person: cut short, or not valid JSON.
"""

import json
import re
from collections.abc import Callable, Iterator
from typing import TextIO, TypeVar

from skilltrack.domain.errors import InputError
from skilltrack.transfer.fields import problem

WINDOW = 1 << 20
"""Characters read from the file at a time."""
LOOKAHEAD = 1 << 16
"""Characters kept ahead of a value before it is decoded, so that one is rarely decoded twice."""
SETTLED = 16
"""A value decoded, or a fault found, this far before the end of the window is final: more text cannot
change it (the scanner looks no further ahead than a word such as ``-Infinity``), except a fault that is
an unterminated string."""

_WHITESPACE = re.compile(r"[ \t\n\r]*")
"""JSON's whitespace, as the standard decoder skips it."""
_BETWEEN_ITEMS = re.compile(r"[ \t\n\r]*,[ \t\n\r]*")
_VISIBLE = re.compile(r"\S")

_Value = TypeVar("_Value")


class JsonReader:
    """One JSON document from a text stream, read front to back once."""

    def __init__(self, stream: TextIO, *, window: int = WINDOW) -> None:
        self._stream = stream
        self._window = window
        self._text = ""
        self._pos = 0
        """Where reading is, in ``_text``."""
        self._eof = False
        self._offset = 0
        """Where ``_text`` starts in the whole document (for the place of an error)."""
        self._lines_before = 0
        self._line_start = 0
        """Where the line ``_text`` starts on begins, in the whole document."""
        self._decode = json.JSONDecoder().raw_decode

    # ── the document ────────────────────────────────────────────────────────────────────────────

    def opening(self) -> str:
        """The document's first character (past JSON's whitespace): ``[``, ``{``, or what else it is."""
        self._skip()
        return self._char()

    def read_list(self, take: Callable[[Iterator[object]], _Value]) -> _Value:
        """The document is a list: its items, decoded one at a time, go to ``take``."""
        taken = self._streamed(take)
        self._end()
        return taken

    def read_object(self, streamed: str, take: Callable[[Iterator[object]], object]) -> dict[str, object]:
        """The document is an object: its members, each decoded whole, except a list under the key
        ``streamed``, whose items go to ``take`` one at a time (what ``take`` returns stands for it).
        A key given twice keeps its last value in its first place, as ``json.loads`` does."""
        members: dict[str, object] = {}
        self._pos += 1  # "{"
        self._skip()
        if self._char() != "}":
            while True:
                if self._char() != '"':
                    raise self._invalid("Expecting property name enclosed in double quotes", self._pos)
                key = str(self._decoded(self._decode))  # a string, since it starts with a quote
                self._skip()
                if self._char() != ":":
                    raise self._invalid("Expecting ':' delimiter", self._pos)
                self._pos += 1
                self._skip()
                streaming = key == streamed and self._char() == "["
                members[key] = self._streamed(take) if streaming else self._value()
                self._skip()
                char = self._char()
                if char == "}":
                    break
                if char != ",":
                    raise self._invalid("Expecting ',' delimiter", self._pos)
                self._pos += 1
                self._skip()
        self._pos += 1  # "}"
        self._end()
        return members

    def read_value(self) -> object:
        """The document, decoded whole (for what is neither a list nor an object)."""
        value = self._value()
        self._end()
        return value

    # ── the pieces ──────────────────────────────────────────────────────────────────────────────

    def _streamed(self, take: Callable[[Iterator[object]], _Value]) -> _Value:
        """The list here, its items given to ``take``; whatever it leaves is still read, to find the
        list's end (or a fault)."""
        items = self._items()
        taken = take(items)
        for _ in items:
            pass
        return taken

    def _items(self) -> Iterator[object]:
        """The items of the list here, one at a time; then the place is past its end."""
        self._pos += 1  # "["
        self._skip()
        if self._char() == "]":
            self._pos += 1
            return
        decode = self._decode
        while True:
            # The usual item, well inside the window and followed by a comma, is read in place; anything
            # else (the window's end, the list's, a fault) is read the careful way.
            text, pos = self._text, self._pos
            try:
                value, end = decode(text, pos)
            except (ValueError, RecursionError):
                end = len(text)
            if end + SETTLED <= len(text):
                self._pos = end
            else:
                value = self._value()
            yield value
            between = _BETWEEN_ITEMS.match(self._text, self._pos)
            if between is not None and between.end() < len(self._text):
                self._pos = between.end()
                continue
            self._skip()
            char = self._char()
            if char == "]":
                self._pos += 1
                return
            if char != ",":
                raise self._invalid("Expecting ',' delimiter", self._pos)
            self._pos += 1
            self._skip()

    def _value(self) -> object:
        try:
            return self._decoded(self._decode)
        except RecursionError:
            raise problem("file", "", "is nested too deeply to be an import file") from None
        except InputError:
            raise
        except ValueError as error:  # e.g. an integer too long to convert
            raise problem("file", "", f"is not valid JSON ({error})") from None

    def _decoded(self, decode: Callable[[str, int], tuple[_Value, int]]) -> _Value:
        """What ``decode`` reads at the current place, with as much text as it takes."""
        while True:
            self._fill(LOOKAHEAD)
            try:
                value, end = decode(self._text, self._pos)
            except json.JSONDecodeError as error:
                final = error.pos + SETTLED < len(self._text) and not error.msg.startswith("Unterminated")
                if self._eof or final:
                    raise self._invalid(error.msg, error.pos) from None
                self._fill(2 * (len(self._text) - self._pos) + 1)
                continue
            if end + SETTLED <= len(self._text) or self._eof:  # a number near the end may go on
                self._pos = end
                return value
            self._fill(2 * (len(self._text) - self._pos) + 1)

    def _end(self) -> None:
        self._skip()
        if self._char():
            raise self._invalid("Extra data", self._pos)

    def _skip(self) -> None:
        while True:
            self._pos = _WHITESPACE.match(self._text, self._pos).end()  # type: ignore[union-attr]
            if self._pos < len(self._text) or self._eof:
                return
            self._fill(1)

    def _char(self) -> str:
        self._fill(1)
        return self._text[self._pos : self._pos + 1]

    def _fill(self, wanted: int) -> None:
        """At least ``wanted`` characters ahead of the current place, unless the file ends first."""
        if len(self._text) - self._pos >= wanted or self._eof:
            return
        self._forget_read()
        pieces = [self._text]
        held = len(self._text)
        while held < wanted:
            piece = self._stream.read(max(self._window, wanted - held))
            if not piece:
                self._eof = True
                break
            pieces.append(piece)
            held += len(piece)
        self._text = "".join(pieces)

    def _forget_read(self) -> None:
        """Drop the text before the current place, keeping count of its lines."""
        text, pos = self._text, self._pos
        newlines = text.count("\n", 0, pos)
        if newlines:
            self._lines_before += newlines
            self._line_start = self._offset + text.rindex("\n", 0, pos) + 1
        self._offset += pos
        self._text = text[pos:]
        self._pos = 0

    # ── faults ──────────────────────────────────────────────────────────────────────────────────

    def _invalid(self, message: str, pos: int) -> InputError:
        """The fault ``message`` at ``pos`` of the window, worded as for the whole text: a file that
        ends where its JSON is not complete (only whitespace follows) was probably cut short."""
        text = self._text
        line = self._lines_before + text.count("\n", 0, pos) + 1
        if message.startswith("Unterminated string") or self._blank_from(pos):
            return problem(
                "file", "", f"ends before its JSON is complete (line {line}); it may have been cut short"
            )
        newline = text.rfind("\n", 0, pos)
        column = pos - newline if newline >= 0 else self._offset + pos - self._line_start + 1
        return problem("file", "", f"is not valid JSON (line {line}, column {column}: {message})")

    def _blank_from(self, pos: int) -> bool:
        """Whether nothing but whitespace (as ``str.strip`` sees it) follows ``pos`` to the end."""
        if _VISIBLE.search(self._text, pos):
            return False
        while piece := self._stream.read(self._window):
            if _VISIBLE.search(piece):
                return False
        return True
