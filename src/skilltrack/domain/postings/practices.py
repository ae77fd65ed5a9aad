"""Practices as postings phrase them, beyond their names: "architect services across data stores"
(system design), "develop talent on your team by giving feedback" (mentoring), "diagnose and resolve
production issues" (debugging), "through design and code reviews" (design review and code review).

Each pattern is matched inside one clause and names the ladder's (or the field vocabulary's) practice it
shows; a clause can show several.
"""

import re
from collections.abc import Iterator

_OBJECT = (
    r"(?:(?:[\w/&.+#,-]+\s+){0,6}?(?:services?|systems?|platforms?|microservices|architectures?|backends?"
    r"|solutions|engines?|components|infrastructure|applications|pipelines|layers?|products?))\b"
)
_DESIGN_VERB = (
    r"(?:design(?:s|ed|ing)?|architect(?:s|ed|ing)?|re-?architect(?:s|ed|ing)?)"
    r"(?!\s+(?:mindset|thinking|sense|skills|patterns?|principles|docs?|documents?|reviews?|discussions?))"
    r"(?:\s*(?:,|and|&|,\s*and)\s*(?:build|develop|implement|maintain|test|operat|evolv|own|deliver|scal|deploy"
    r"|run|ship|cod|debug|document|support|integrat)\w*){0,5}"
)
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        # Design and architecture in verbs.
        (
            "System design",
            rf"\b{_DESIGN_VERB}\s+(?:and\s+\w+\s+)?(?:(?:the|our|new|robust|core)\s+)?"
            rf"(?!(?:[\w/&.+#,-]+\s+){{0,6}}?(?:apis|integrations)\b){_OBJECT}",
        ),
        (
            "System design",
            r"\b(?:own|owning|lead|leading|drive|driving|shape|shaping|define|defining|responsible\s+for)\s+"
            r"(?:the\s+|our\s+)?(?:[\w-]+\s+){0,2}(?:architecture|design)s?\b(?!\s+(?:docs?|documents?|reviews?"
            r"|standards?))",
        ),
        ("System design", r"\barchitectural\s+(?:decisions?|discussions?|choices|direction)\b"),
        (
            "System design",
            r"\bmaking\s+(?:key\s+)?(?:architecture|architectural|technical\s+design)\s+decisions\b",
        ),
        ("System design", r"\b(?:technical\s+)?architect\s+(?:and|&)\s+system\s+design\b"),
        # APIs designed or built.
        (
            "API design",
            r"\b(?:design(?:s|ed|ing)?|build(?:s|ing)?|develop(?:s|ed|ing)?|implement(?:s|ed|ing)?"
            r"|integrat(?:e|es|ed|ing))\b(?:\s*(?:,|and|&|or)\s*(?:[\w-]+\s*,?\s*){1,3})?\s+"
            r"(?:(?:[\w&/-]+\s+){0,4})?(?:apis|api)\b",
        ),
        (
            "API design",
            r"\b(?:rest|restful|grpc|graphql|http|json|integration)\s+(?:json\s+)?apis?\s+design\b",
        ),
        # Schemas and data models.
        (
            "Database schema design",
            r"\b(?:relational|sql|nosql)?\s*(?:database|db|data)\s+(?:design|modell?ing)\b",
        ),
        (
            "Database schema design",
            r"\b(?:manage|design|evolve|own)\w*\s+(?:the\s+)?(?:database\s+)?schemas?\b",
        ),
        # People grown.
        (
            "Mentoring",
            r"\b(?:develop(?:ing)?|grow(?:ing)?|coach(?:ing)?|level(?:ling|ing)?\s+up)\s+(?:the\s+)?"
            r"(?:team\s+)?(?:talent|engineers|people|developers|junior)",
        ),
        ("Mentoring", r"\b(?:giving|give|provide|providing)\s+(?:constructive\s+)?feedback\b"),
        # Standards set for others.
        (
            "Technical standards",
            r"\b(?:set|setting|define|defining|raise|raising|elevat\w+|enforc\w+|maintain\w*|improv\w+|guide"
            r"|establish\w*|uphold\w*|champion\w*)\s+(?:the\s+|our\s+|team\s+)?"
            r"(?:[\w'-]+\s+){0,3}?(?:engineering|coding|code|quality|design|architecture|technical|development"
            r"|craft)\s+(?:standards|best\s+practices|quality\s+bar)\b",
        ),
        ("Technical standards", r"\bwhat\s+\"?good\s+engineering\"?\s+looks\s+like\b"),
        # Problems found and fixed.
        (
            "Debugging",
            r"\b(?:diagnos\w+|troubleshoot\w*|debug\w*|investigat\w+)\b(?:\s*(?:,|and|&)\s*\w+)?\s+"
            r"(?:(?:and\s+)?resolv\w+\s+)?(?:(?:[\w-]+\s+){0,3})(?:issues|problems|incidents|bugs|failures"
            r"|outages)\b",
        ),
        (
            "Debugging",
            r"\bresolv\w+\s+(?:(?:[\w-]+\s+){0,3})production\s+(?:issues|problems|incidents|bugs)\b",
        ),
        # Availability designed in.
        ("Reliability", r"\bdesign(?:ed|ing)?\s+for\s+(?:high\s+)?(?:availability|resilience|failure)\b"),
        # Reviews of designs beside reviews of code: "design and code reviews".
        ("Async design review", r"\bdesign\s+(?:and|&|/)\s+code\s+reviews?\b"),
        ("Code review", r"\bdesign\s+(?:and|&|/)\s+code\s+reviews?\b"),
        (
            "Code review",
            r"\breview(?:ing)?\s+(?:other\s+engineers'\s+|peers'\s+)?(?:pull\s+requests|prs|code)\b",
        ),
        # On call.
        ("On-call", r"\b(?:on[\s-]?call|pager)\s+(?:rotations?|duty|shifts?|schedule)\b"),
        ("On-call", r"\bparticipat\w+\s+in\s+(?:the\s+)?(?:incident|on[\s-]?call)\b"),
        # Teams led.
        (
            "Technical leadership",
            r"\blead(?:ing)?\s+(?:and\s+\w+\s+)?(?:at\s+least\s+)?(?:(?:a|an|the|our|one|two|\d+)\s+)?"
            r"(?:small\s+)?(?:[\w-]+\s+){0,2}(?:team|squad)s?\b",
        ),
        # Work planned and broken down.
        (
            "Project planning",
            r"\b(?:split\w*\s+up|break\w*\s+down|divid\w+\s+up)\s+(?:the\s+)?(?:work|projects?|tasks)\b",
        ),
        ("Technical leadership", r"\btechnical\s+reference\b|\btechnical\s+leader\b"),
    )
)


def practice_spans(clause: str) -> Iterator[tuple[int, int, str]]:
    """Each practice the clause shows in words: where the phrase starts and ends, and the practice's name."""
    for name, pattern in _PATTERNS:
        for match in pattern.finditer(clause):
            if match.end() > match.start():
                yield match.start(), match.end(), name
