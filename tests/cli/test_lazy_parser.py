"""The command line builds only the typed command's parser, and nobody can tell: ``skilltrack --help``,
every ``skilltrack COMMAND [ACTION] --help``, every usage error and every parse give exactly what the
whole grammar (``build_parser()``) gives."""

import argparse
import contextlib
import io
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skilltrack.cli.parser import _Unbuilt, build_parser, parse_arguments

WHOLE = build_parser()


def _choices(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _every_help_and_bare_command() -> list[list[str]]:
    lines: list[list[str]] = [["--help"], ["-h"], []]
    for name, command in _choices(WHOLE).items():
        lines += [[name, "--help"], [name]]
        for action in _choices(command):
            lines += [[name, action, "--help"], [name, action]]
    return lines


def _outcome(parse: Callable[[list[str]], argparse.Namespace], argv: list[str]) -> tuple[object, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            result: object = sorted(vars(parse(argv)).items())
        except SystemExit as stop:
            result = ("exit", stop.code)
    return result, out.getvalue(), err.getvalue()


def _whole(argv: list[str]) -> argparse.Namespace:
    return build_parser().parse_args(argv)


@pytest.mark.parametrize("argv", _every_help_and_bare_command(), ids=" ".join)
def test_help_and_usage_errors_are_those_of_the_whole_grammar(argv: list[str]) -> None:
    assert _outcome(parse_arguments, argv) == _outcome(_whole, argv)


def test_the_help_lists_every_command() -> None:
    _, text, _ = _outcome(parse_arguments, ["--help"])
    for name in _choices(WHOLE):
        assert f"\n    {name} " in text


@pytest.mark.parametrize(
    "argv",
    [
        ["log", "Go", "45m", "--note", "indexes", "--kind", "practice", "--date", "yesterday"],
        ["--db", "log", "status"],  # the record is a file called "log"
        ["--db=status", "log", "Go", "1h"],
        ["--framework", "report", "report", "--format", "json"],
        ["--fr", "log", "status"],  # an abbreviation takes "log": the whole grammar is built
        ["--demo"],
        ["--version"],
        ["nope"],
        ["skill", "add", "Go", "--alias", "golang", "--alias", "go-lang", "--db", "x.sqlite3"],
        ["skill", "nope"],
        ["session", "list", "--limit", "3", "--json"],
        ["story", "add", "Outage", "--situation", "a", "--task", "b", "--action", "c", "--result", "d"],
        ["log", "--", "-Go", "30m"],
        ["--", "status"],
    ],
    ids=" ".join,
)
def test_command_lines_parse_as_the_whole_grammar_parses_them(argv: list[str]) -> None:
    assert _outcome(parse_arguments, argv) == _outcome(_whole, argv)


words = st.sampled_from(
    [*_choices(WHOLE), "add", "list", "--db", "--db=x", "--fr", "--framework", "--demo", "--json", "-h",
     "--note", "x", "45m", "Go", "--", "--level", "lead", "--version"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(argv=st.lists(words, max_size=6))
def test_any_command_line_gets_what_the_whole_grammar_gives(argv: list[str]) -> None:
    assert _outcome(parse_arguments, argv) == _outcome(_whole, argv)


def test_only_the_typed_commands_parser_is_built() -> None:
    commands = _choices(build_parser(typed=["--db", "x.sqlite3", "log", "Go", "45m"]))
    assert [name for name, parser in commands.items() if not isinstance(parser, _Unbuilt)] == ["log"]
    assert all(isinstance(parser, _Unbuilt) for parser in _choices(build_parser(typed=["--help"])).values())
