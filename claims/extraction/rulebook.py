"""The engine's rules by name: what each finds, and sentences (written for the project) it finds
in. The rules themselves are functions in extraction/rules/, asked in the order of its tables;
a function may make findings under more than one name (cue_then_content makes cue-then-content
and second-cue). Every finding carries the name of the rule that made it (ExtractedClaim.rule), which
extract_claims outputs, ingestion stores on the appearance and the admin shows beside it; the
examples are run as tests (tests/extraction/test_rulebook.py), and bench/extraction.py reports each
rule's predictions and precision, so that a weak rule can be seen and removed.
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    description: str
    examples: tuple[str, ...]


RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        Rule(
            "quote-then-cue",
            "a quotation followed by its attribution, resumed after it or running on unquoted",
            (
                "“The harbour will reopen in May,” Ada Quill said.",
                "“The tolls stay,” the mayor said, “and the ferries will run every hour.”",
            ),
        ),
        Rule(
            "cue-then-quote",
            "an attribution that leads into a quotation",
            ("Ada Quill said: “The harbour will reopen in May, and the ferries will run every hour.”",),
        ),
        Rule(
            "cue-quote-runs-on",
            "an attribution, then a quotation that the statement carries on past",
            ("Ada Quill said “the tolls are a scandal” every time the council met in the harbour hall.",),
        ),
        Rule(
            "quote-signature",
            "a quotation followed by a signature line naming who said it",
            ("“The tolls will be cut by a third before the summer season begins.” — Ada Quill",),
        ),
        Rule(
            "floating-quote",
            "a quotation standing alone, given to the speaker of the statement before it",
            (
                "“The harbour will reopen in May,” Ada Quill said.\n\n"
                "“We have waited for this bridge for ten long years.”",
            ),
        ),
        Rule(
            "nearby-speaker",
            "a quotation no attribution reached, given to a speaker named right beside it",
            ("“We will keep every ferry running through the winter months,” beamed Ada Quill.",),
        ),
        Rule(
            "cue-then-content",
            "a speaker and a verb of saying, then what was said: X said (that) ...",
            ("The mayor said that the harbour tolls would be cut by a third next year.",),
        ),
        Rule(
            "second-cue",
            "the second of two statements one speaker joined: X said A, but warned that B",
            (
                "Ada Quill said the ferries would keep running all winter, but warned that the "
                "fares would rise in spring.",
            ),
        ),
        Rule(
            "participle",
            "a statement in a participle clause after another: ..., saying ...",
            ("The council rejected the plan on Monday, saying it would ruin the fishing fleet.",),
        ),
        Rule(
            "content-then-cue",
            "what was said, then its attribution: ..., X said.",
            ("The harbour tolls will be cut by a third next year, the mayor said.",),
        ),
        Rule(
            "parenthetical",
            "one statement in two parts around its attribution: A, X said, B.",
            ("The tolls, the mayor said on Monday, will be cut by a third before the summer.",),
        ),
        Rule(
            "according-to",
            "a statement attributed with according to",
            ("According to the harbour board, the tolls will be cut by a third next year.",),
        ),
        Rule(
            "according-to-around",
            "a statement in two parts around according to X",
            ("The tolls, according to the harbour board, will be cut by a third next year.",),
        ),
        Rule(
            "that-clause",
            "a subject, a verb of belief or finding and a that-clause: officials fear that ...",
            ("Harbour officials suspected that the new tolls would drive the fishing fleet away.",),
        ),
        Rule(
            "colon-headline",
            "a paragraph opening with a name and a colon",
            ("Quill: Harbour Tolls Will Be Cut By a Third Next Year",),
        ),
        Rule(
            "poll-opening",
            "a survey or poll that opens the sentence is the source of what follows",
            ("In the latest harbour survey, most islanders preferred a bridge to the ferry service.",),
        ),
        Rule(
            "assertion",
            "the author's own checkable statement: unattributed, with figures, comparisons or causes",
            ("The harbour handled 40 percent more freight in 2023 than in 2019, the highest in a decade.",),
        ),
    )
}


def describe(name: str) -> str:
    """A rule's one-line description, or the name itself when it is not (or no longer) one."""
    rule = RULES.get(name)
    return rule.description if rule else name


# The decisions that set a stance other than the cue's (extraction/stances.py), by name.
STANCE_RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        Rule(
            "someone-to",
            "wanting or asking someone else to do something is urging it (wanting to do it oneself "
            "is an intention; asking whether is a question)",
            (
                "The coach wants the league to suspend the player for the season.",
                "The mayor asked residents to save water during the long drought.",
            ),
        ),
        Rule(
            "calls-for",
            "calling for something, or on someone to do it, is urging it",
            ("The harbour union called for an inquiry into the rise of the ferry tolls.",),
        ),
        Rule(
            "estimates-what-will-be",
            "an estimate of what will or could be is a prediction",
            ("The harbour board estimates that the new ferry could carry 300 cars a day.",),
        ),
        Rule(
            "that-they-do",
            "suggesting or demanding that someone do something (a verb with no ending) is urging it",
            ("The harbour board suggested that the ferry company lower its fares before the summer.",),
        ),
        Rule(
            "not-true",
            "saying that what was said is not true is denying it",
            ("Her lawyer told the Gazette that this, too, was not the whole truth.",),
        ),
        Rule(
            "a-claim-denied",
            "dismissing or rejecting reports, claims or allegations that something is so denies it",
            ("The mayor dismissed reports that the council had sold the old library building.",),
        ),
    )
}


# The decisions on a transcript's turns (extraction/transcripts.py), by name. Each example is a
# transcript in plain text (`NAME: words`); a rule that keeps nothing says so ("no statement").
TURN_RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        Rule(
            "turn-sentence",
            "a checkable sentence of a speaker's turn is that speaker's statement, in their own words",
            ("TOVAR: The harbour budget grew by 12 percent since 2020.\n\nQUILL: Only 3 ferries run today.",),
        ),
        Rule(
            "first-person-denial",
            "“I never …” or “I did not …” with a verb of saying: the speaker denies what follows",
            ("TOVAR: I never said that the ferry service would be closed.\n\nQUILL: Ferries run hourly.",),
        ),
        Rule(
            "we-for-organisation",
            "“we” in the turn of a speaker whose label names an organisation speaks for it",
            (
                "RAFAEL TOVAR (RIVERTON CITY COUNCIL): We cut the harbour tolls by 40 percent in 2023.\n\n"
                "QUILL: The ferry budget doubled.",
            ),
        ),
        Rule(
            "moderator-question",
            "the moderator's question is a question, never the moderator's assertion",
            (
                "MODERATOR: Mayor Tovar, did the harbour tolls rise by 40 percent last year?\n\n"
                "TOVAR: The tolls fell by 40 percent in 2023.",
            ),
        ),
        Rule(
            "quoted-in-turn",
            "a quotation or reported speech inside a turn is attributed as in articles (the engine's "
            "rule is stored): a speaker quoting someone else is not that someone",
            (
                "QUILL: The harbour board told me, “Ferry fares will double by 2026.”\n\n"
                "TOVAR: The ferry fares fell by 5 percent in 2023.",
            ),
        ),
        Rule(
            "moderator-no-assertion",
            "what the moderator says that is not a question is no statement (no statement)",
            ("MODERATOR: The harbour tolls fell by 40 percent in 2023.\n\nTOVAR: Thank you, Ana.",),
        ),
        Rule(
            "noise",
            "applause, laughter, cross-talk and the transcriber's notes are no statements (no statement)",
            ("TOVAR: [CROSSTALK] The tolls fell by 40 percent in 2023.\n\n(APPLAUSE)\n\nQUILL: (LAUGHTER)",),
        ),
        Rule(
            "too-short",
            "a sentence of fewer than four words is no statement (no statement)",
            ("TOVAR: Thank you.\n\nQUILL: 40 percent, Rafael.",),
        ),
        Rule(
            "not-checkable",
            "a sentence the check-worthiness ranking puts below its floor says nothing checkable "
            "(no statement)",
            (
                "TOVAR: I am so glad to be here with all of you tonight.\n\nQUILL: I love this wonderful city.",
            ),
        ),
    )
}


def describe_any(name: str) -> str:
    """A rule's description, whether it decides on articles, stances or a transcript's turns."""
    for table in (RULES, STANCE_RULES, TURN_RULES):
        if name in table:
            return table[name].description
    return name
