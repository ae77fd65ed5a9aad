"""Words typed for one of a fixed set of choices (an interview round, a rubric criterion, a story theme):
matched ignoring case, spaces, hyphens and underscores, by id or title, or by a prefix that names one."""

from collections.abc import Mapping, Sequence


def choice_key(text: str) -> str:
    """``System_Design `` → ``system-design``: what typed words and titles are compared by."""
    return "-".join(text.strip().casefold().replace("_", " ").replace("-", " ").split())


def matching_choices(typed: str, options: Sequence[tuple[str, str]]) -> list[str]:
    """The ids of the ``(id, key)`` options whose key starts with ``typed`` (already a key); an exact
    key wins alone."""
    exact = [option_id for option_id, key in options if key == typed]
    if exact:
        return sorted(set(exact))
    return sorted({option_id for option_id, key in options if key.startswith(typed)})


def typed_choice(text: str, choices: Sequence[tuple[str, str]], aliases: Mapping[str, str]) -> str | None:
    """The id of the one ``(id, title)`` choice that ``text`` names, by its id or title (or ``aliases``,
    keys to ids); ``None`` when it names none, or more than one."""
    typed = choice_key(text)
    typed = aliases.get(typed, typed)
    if not typed:
        return None
    options = [(choice_id, choice_id) for choice_id, _ in choices]
    options += [(choice_id, choice_key(title)) for choice_id, title in choices]
    matches = matching_choices(typed, options)
    return matches[0] if len(matches) == 1 else None
