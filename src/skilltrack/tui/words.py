"""The app's words: counts with their plurals right, and the record's messages without command-line advice.

The record's messages are shared with the command line, whose advice names commands and flags
(``use --new``, ``see: skilltrack skill list``). In the app that advice is a key, a checkbox or a
screen, so :func:`in_app_words` puts the app's way in its place, and leaves out advice the app has no
use for.
"""

import re

IRREGULAR = {"entry": "entries", "evidence entry": "evidence entries", "story": "stories", "is": "are"}


def plural(word: str, number: int) -> str:
    """``word`` as it reads after ``number``: ``project`` / ``projects``, ``entry`` / ``entries``."""
    if number == 1:
        return word
    return IRREGULAR.get(word, f"{word}s")


def count(number: int, word: str) -> str:
    """``1 project``, ``2 projects``, ``0 evidence entries``."""
    return f"{number} {plural(word, number)}"


APP_WAYS = (
    (re.compile(r"; see: skilltrack skill list"), "; see the Skills screen (s)"),
    (re.compile(r"; see: skilltrack project list"), "; see the Projects screen (p)"),
    (re.compile(r"; see: skilltrack story list"), "; see the Story bank (b)"),
    (re.compile(r"; see: skilltrack guide"), "; see the Readiness screen (r)"),
    (re.compile(r"; add it with: skilltrack skill add .*$"), "; add it on the Skills screen (s, then a)"),
    (re.compile(r"start one with: skilltrack start SKILL"), "start one with t"),
    (
        re.compile(r"log the time with skilltrack log SKILL DURATION --date \.\.\. --at \.\.\."),
        "log the time with l",
    ),
    (re.compile(r"check the path given to --db"), "check the record's path"),
    (re.compile(r",? or use --db PATH( for another file)?"), ", or start skilltrack on another record"),
)
"""Command-line advice in the record's messages, and the app's way to do the same."""

COMMANDS = (
    "log start stop cancel session status report guide plan progress jd posting interview story skill "
    "project evidence profile config export import backup backups restore check"
)
SHELL_WORDS = re.compile(rf"(?<![\w-])--[a-z]|\bskilltrack (?:{'|'.join(COMMANDS.split())})\b")
"""What only a shell understands: a flag, or a command to type."""


def in_app_words(message: str) -> str:
    """``message`` with its command-line advice given as the app's keys and screens, and any other
    advice that only a shell understands left out (a clause after ``;`` or a part in brackets)."""
    for pattern, app_way in APP_WAYS:
        message = pattern.sub(app_way, message)
    message = re.sub(
        r" ?\([^()]*\)", lambda part: "" if SHELL_WORDS.search(part.group()) else part.group(), message
    )
    first, *clauses = message.split("; ")
    return "; ".join([first, *(clause for clause in clauses if not SHELL_WORDS.search(clause))])
