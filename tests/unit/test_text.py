"""The one text rule: which characters no field accepts, what one-line and multi-line fields keep, and
that cleaning what was cleaned changes nothing (so the record only keeps what its import reads back)."""

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltrack.domain.drafts import (
    EvidenceDraft,
    InterviewDraft,
    PostingDraft,
    ProjectDraft,
    SessionDraft,
    StoryChanges,
    StoryDraft,
)
from skilltrack.domain.errors import InputError
from skilltrack.domain.interviews import round_by_id
from skilltrack.domain.names import clean_name
from skilltrack.domain.postings.text import clean_line, clean_link, clean_posting_text
from skilltrack.domain.profile import LATEST_YEAR, parse_profile_values
from skilltrack.domain.stories import clean_part
from skilltrack.domain.text import (
    MAX_NOTE_LENGTH,
    NOT_ON_ONE_LINE,
    REFUSED,
    blank_refused,
    clean_note,
    clean_text,
    find_refused,
)
from skilltrack.render.terminal import printable
from tests.conftest import TODAY

REFUSED_CHARACTERS = [
    *(chr(code) for code in range(0x20) if chr(code) not in "\t\n\r"),
    "\x7f",
    *(chr(code) for code in range(0x80, 0xA0)),
    "\u2028",
    "\u2029",
    *(chr(code) for code in range(0x202A, 0x202F)),
    *(chr(code) for code in range(0x2066, 0x206A)),
    "\ud800",
    "\udfff",
]

KEPT_CHARACTERS = ["a", " ", "é", "\u00a0", "\u200d", "\u200e", "✓", "👩\u200d💻", "\ufeff", "\ue000", "="]
"""Characters no field refuses: letters, spaces, emoji (with their zero-width joiner), marks, private use."""


def typed_text(max_size: int) -> st.SearchStrategy[str]:
    """Anything a person might type or paste, with the characters the rule is about drawn often."""
    special = st.sampled_from([*REFUSED_CHARACTERS, *KEPT_CHARACTERS, "\t", "\n", "\r", "\r\n", "\u0301"])
    return st.lists(special | st.characters(codec="utf-8") | st.characters(), max_size=max_size).map("".join)


@pytest.mark.parametrize("char", REFUSED_CHARACTERS, ids=lambda char: f"U+{ord(char):04X}")
@pytest.mark.parametrize("multiline", [False, True])
def test_every_refused_character_is_refused_in_every_field(char: str, multiline: bool) -> None:
    with pytest.raises(InputError) as caught:
        clean_text(f"abcd{char}efg", field="note", max_length=100, multiline=multiline)
    assert caught.value.field == "note"
    assert caught.value.problem.endswith(f"(U+{ord(char):04X}) at position 5; use plain text")


def test_the_problem_says_what_the_character_is_and_where() -> None:
    cases = {
        "a\x1b[31m": "contains a control character (U+001B) at position 2; use plain text",
        "\x00": "contains a control character (U+0000) at position 1; use plain text",
        "ok\x9b1m": "contains a control character (U+009B) at position 3; use plain text",
        "abc\u202eevil": "contains a text direction control (U+202E) at position 4; use plain text",
        "x\u2028y": "contains a line separator (U+2028) at position 2; use plain text",
    }
    for text, problem in cases.items():
        with pytest.raises(InputError) as caught:
            clean_note(text)
        assert str(caught.value) == f"note: {problem}"


@pytest.mark.parametrize("char", KEPT_CHARACTERS)
def test_ordinary_characters_are_kept(char: str) -> None:
    assert clean_note(f"a{char}b") == f"a{char}b" or char.isspace()


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("  two   spaces  ", "two spaces"),
        ("tab\there", "tab here"),
        ("line one\nline two", "line one line two"),
        ("windows\r\nline", "windows line"),
        ("no\u00a0break\u3000space", "no break space"),
        ("Cafe\u0301", "Café"),
        ("-5 was the answer", "-5 was the answer"),
        ('=HYPERLINK("http://x")', '=HYPERLINK("http://x")'),
        ("", ""),
    ],
)
def test_a_one_line_field_folds_whitespace_and_keeps_the_rest(typed: str, kept: str) -> None:
    assert clean_note(typed) == kept


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("\n\n  first\r\nsecond  \r\n\tindented\n\n", "first\nsecond\n\tindented"),
        ("a\rb", "a\nb"),
        ("tabs\tin\tthe middle", "tabs\tin\tthe middle"),
        ("two\n\nparagraphs", "two\n\nparagraphs"),
    ],
)
def test_a_multi_line_field_keeps_line_breaks_and_tabs(typed: str, kept: str) -> None:
    assert clean_part(typed, "action") == kept


def test_names_also_refuse_invisible_characters_notes_keep_them() -> None:
    with pytest.raises(InputError, match=r"invisible character \(U\+200B\) at position 3"):
        clean_name("Go\u200b")
    with pytest.raises(InputError, match=r"invisible character \(U\+00AD\)"):
        clean_name("Kaf\u00adka")
    assert clean_note("Go\u200b") == "Go\u200b"
    assert clean_note("shipped 👩\u200d💻") == "shipped 👩\u200d💻"


def test_length_is_counted_once_cleaned() -> None:
    assert clean_note(" " * 10 + "x" * MAX_NOTE_LENGTH + " " * 10) == "x" * MAX_NOTE_LENGTH
    with pytest.raises(InputError, match=r"^note: is 4,001 characters long; use at most 4,000$"):
        clean_note("x" * (MAX_NOTE_LENGTH + 1))


def test_find_refused_tells_one_line_values_apart() -> None:
    assert find_refused("plain") is None
    assert find_refused("a\tb") is None
    assert find_refused("a\tb", multiline=False) == 1
    assert find_refused("ab\x1b") == 2


def test_pasted_posting_text_has_refused_characters_blanked_not_refused() -> None:
    assert blank_refused("a\x00b\u202ec") == "a b c"
    assert clean_posting_text("Go\u2028Kafka\x0cpage two\r\n") == "Go\nKafka page two"


@settings(max_examples=300, deadline=None)
@given(typed_text(max_size=40), st.booleans(), st.booleans())
def test_cleaning_gives_a_clean_text_or_a_clear_error_and_is_idempotent(
    text: str, multiline: bool, keyed: bool
) -> None:
    try:
        cleaned = clean_text(text, field="field", max_length=30, multiline=multiline, keyed=keyed)
    except InputError as error:
        assert error.field == "field"
        assert "\x1b" not in error.problem and "\n" not in error.problem
        return
    assert REFUSED.search(cleaned) is None
    assert len(cleaned) <= 30
    assert cleaned == cleaned.strip()
    if not multiline:
        assert NOT_ON_ONE_LINE.search(cleaned) is None
        assert "  " not in cleaned
    else:
        assert "\r" not in cleaned
    assert clean_text(cleaned, field="field", max_length=30, multiline=multiline, keyed=keyed) == cleaned


@settings(max_examples=200, deadline=None)
@given(typed_text(max_size=30))
def test_every_free_text_cleaner_refuses_what_the_rule_refuses(text: str) -> None:
    """Names, posting lines and links, story parts and notes: one rule, whoever applies it."""
    refused = REFUSED.search(text) is not None
    cleaners: list[Callable[[], str]] = [
        lambda: clean_name(text),
        lambda: clean_line(text, field="company"),
        lambda: clean_link(text),
        lambda: clean_part(text, "task"),
        lambda: clean_note(text),
    ]
    for clean in cleaners:
        try:
            cleaned = clean()
        except InputError:
            continue
        assert not refused, (clean, text)
        assert REFUSED.search(cleaned) is None


def test_drafts_clean_every_free_text_value_they_carry() -> None:
    day = TODAY
    assert SessionDraft("Go", 30, "study", note=" a\tnote\n").note == "a note"
    assert SessionDraft("Go", 30, "study", note="x")._replace(minutes=40).note == "x"
    project = ProjectDraft(" Ledger ", " tech\tlead ", day, None, True, ("Go",), " big\nimpact ", (" a ", ""))
    assert (project.name, project.role, project.impact) == ("Ledger", "tech lead", "big impact")
    assert project.links == ("a",)
    evidence = EvidenceDraft("incident", " Paged\n", day, link=" https://x ", note=" n ")
    assert (evidence.title, evidence.link, evidence.note) == ("Paged", "https://x", "n")
    interview = InterviewDraft(round_by_id("coding"), 45, 3, {}, note=" two\nlines ")
    assert interview.note == "two lines"
    posting = PostingDraft(" Acme ", " Senior ", "Go\r\nKafka\x00", link=" https://acme.example/1 ")
    assert (posting.company, posting.title, posting.text, posting.link) == (
        "Acme",
        "Senior",
        "Go\nKafka",
        "https://acme.example/1",
    )
    story = StoryDraft(" The  outage ", "s\r\n", "t", "a\n\tb", "r", ())
    assert (story.title, story.situation, story.action) == ("The outage", "s", "a\n\tb")
    assert StoryChanges(result=" r \n").result == "r"
    for make in (
        lambda: SessionDraft("Go", 30, "study", note="\x1b[2J"),
        lambda: EvidenceDraft("incident", "t\x07", day),
        lambda: EvidenceDraft("incident", "t", day, note="\u202e"),
        lambda: ProjectDraft("Ledger", "lead", day, None, False, (), links=("https://x\x00",)),
        lambda: InterviewDraft(round_by_id("coding"), 45, 3, {}, note="\x9b31m"),
        lambda: PostingDraft("Acme\x1b", "Senior", "Go"),
        lambda: StoryDraft("T", "s", "t", "a\x00", "r", ()),
        lambda: StoryChanges(title="\x1b"),
    ):
        with pytest.raises(InputError, match="use plain text"):
            make()


def test_profile_values_go_through_the_rule_and_the_import_s_bounds() -> None:
    levels = ["senior", "lead"]
    changes = parse_profile_values({"name": " Ana\tLima ", "title": ""}, levels, today=TODAY)
    assert changes == {"name": "Ana Lima", "title": ""}
    with pytest.raises(InputError, match=r"^name: contains a control character \(U\+001B\)"):
        parse_profile_values({"name": "Ana\x1b[8m"}, levels, today=TODAY)
    assert parse_profile_values({"target_date": f"{LATEST_YEAR - 1}-12-31"}, levels, today=TODAY) != {}
    with pytest.raises(InputError, match=r"^target_date: 2999-01-01 is too far off; use a date from 1950 to"):
        parse_profile_values({"target_date": "2999-01-01"}, levels, today=TODAY)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain ✓", "plain ✓"),
        ("red \x1b[31m!", "red ␛[31m!"),
        ("nul\x00 del\x7f", "nul␀ del␡"),
        ("csi\x9b2J", "csi\\u009b2J"),
        ("rtl\u202etxt", "rtl\\u202etxt"),
        ("tab\tnew\nline\rcr", "tab␉new␊line␍cr"),
    ],
)
def test_printable_shows_control_characters_as_stand_ins(text: str, shown: str) -> None:
    assert printable(text) == shown


def test_printable_on_many_lines_keeps_line_breaks_and_tabs_only() -> None:
    assert printable("a\tb\nc\r\x1b", multiline=True) == "a\tb\nc␍␛"


@settings(max_examples=200, deadline=None)
@given(typed_text(max_size=40))
def test_printable_text_holds_nothing_a_terminal_acts_on(text: str) -> None:
    assert NOT_ON_ONE_LINE.search(printable(text)) is None
    assert REFUSED.search(printable(text, multiline=True)) is None
    assert "\r" not in printable(text, multiline=True)
