"""The engine's rules by name: what each finds, and sentences (written for the project) it finds
in. The rules themselves are functions in extraction/rules/, asked in the order of its tables;
a function may make findings under more than one name (cue_then_content makes cue-then-content
and second-cue). Every finding carries the name of the rule that made it (ExtractedClaim.rule), which
extract_claims outputs, ingestion stores on the appearance and the admin shows beside it; the
examples are run as tests (tests/extraction/test_rulebook.py), and bench/extraction.py reports each
rule's predictions and precision, so that a weak rule can be seen and removed.

Beside the rules that find statements, the decisions inside them are named too: a stance other
than the cue's (STANCE_RULES), the choice of a statement's speaker mention (MENTION_RULES, recorded
on each finding as ExtractedClaim.speaker_rules), a word of saying that is no cue where it stands
(CUE_WORD_RULES) and a transcript's turns (TURN_RULES).
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
        Rule(
            "agrees-to",
            "agreeing to something, or to do it, is a commitment, not an assertion: a promise",
            (
                "The ferry company agreed to a rescue by its largest shareholder last month.",
                "Ada Quill agreed to return the fees the harbour board had paid her.",
            ),
        ),
    )
}


# The decisions that choose a statement's speaker mention (extraction/mentions.py, and a few the
# rules and the arbiter make), by name, in the order a reading goes: where the mention is read
# (before the cue, after it, the clause's subject, a second subject, a relative "who", a source
# taken to the comma, a poll opening the sentence), what is passed over between it and the cue,
# the constructions read around it (an apposition, a share of those polled, an unnamed source, an
# envoy), then the phrase's own words and what they name, and last who speaks through it (a
# document's issuer, organisations joined by "and"). Each finding records the ones that chose its
# speaker (ExtractedClaim.speaker_rules), in this order; each example's speaker is chosen by its
# rule (tests/extraction/test_rulebook.py).
MENTION_RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        Rule(
            "before-cue",
            "the noun phrase that ends right before the cue is the speaker: X said",
            ("The harbour master said the ferries would run every hour this winter.",),
        ),
        Rule(
            "after-cue",
            "after a cue that may come first, the noun phrase that follows it: ..., said X",
            ("The ferries will run every hour this winter, said Ada Quill.",),
        ),
        Rule(
            "clause-subject",
            "a participle or a second verb of saying has the subject of its clause: X did Y, saying Z",
            ("The harbour board closed the old pier on Monday, saying it was no longer safe for ferries.",),
        ),
        Rule(
            "second-subject",
            "a second verb of saying after and or but, with a subject of its own, is that subject's: X said A, and Y vowed B",
            (
                "Ada Quill said the ferries would run all winter, and Tomas Brenner vowed that the "
                "tolls would fall by a third.",
            ),
        ),
        Rule(
            "participle-who",
            "after an attribution, a relative who with a verb of saying is the mention of a second "
            "statement by the same speaker: ..., said X, who said ...",
            (
                "“The ferries will run every hour this winter,” said Ada Quill, who said the tolls would be cut by a third.",
            ),
        ),
        Rule(
            "source-to-comma",
            "the source of according to, when no noun phrase reading covers it, is taken whole to the comma "
            "or the sentence's end",
            (
                "The ferries will run every hour this winter, according to figures the harbour board published on Monday.",
            ),
        ),
        Rule(
            "poll-source",
            "a survey or poll that opens the sentence is its source, whatever it names: In the latest X survey, ...",
            ("In the latest harbour survey, most islanders preferred a bridge to the ferry service.",),
        ),
        Rule(
            "time-between",
            "a time between the speaker and the cue is passed over: X last week said",
            ("Ada Quill last week said the ferries would run every hour this winter.",),
        ),
        Rule(
            "party-tag",
            "a party-and-state tag after the name is no part of it: X (D-Ore.) said, X, D-Ore., said",
            (
                "Senator Ada Quill (D-Ore.) said the ferries would run every hour this winter.",
                "Ada Quill, D-Ore., said the ferries would run every hour this winter.",
            ),
        ),
        Rule(
            "words-between",
            "auxiliaries, adverbs and a day between the speaker and the cue are passed over: X has long said",
            ("Ada Quill has long said that the ferries should run every hour in winter.",),
        ),
        Rule(
            "who-antecedent",
            "X, who said ...: the mention is the relative pronoun, the speaker its antecedent",
            ("Ada Quill, who said the ferries would run every hour, was cheered by the crowd on Monday.",),
        ),
        Rule(
            "apposition-aside",
            "an aside between two commas after the speaker is passed over: X, clad in red, said",
            ("Ada Quill, clad in a yellow raincoat, said the ferries would run every hour this winter.",),
        ),
        Rule(
            "apposition-role",
            "an apposition between two commas after the name is the speaker's role: X, the Y, said",
            ("Ada Quill, the harbour master, said the ferries would run every hour this winter.",),
        ),
        Rule(
            "apposition-name",
            "a role, then the name between two commas: the Y, X, said",
            ("The new harbour master, Ada Quill, said the ferries would run every hour this winter.",),
        ),
        Rule(
            "share-polled",
            "a share of those polled is the speaker: 74 percent said",
            ("Of the islanders asked, 74 percent said the ferries should run every hour in winter.",),
        ),
        Rule(
            "anonymous-source",
            "an unnamed source near someone is the source, not whom they are near: a person close to X said",
            (
                "A person close to the mayor said the ferries would run every hour this winter.",
                "The ferries will run every hour this winter, said a person familiar with the plans.",
            ),
        ),
        Rule(
            "envoy-to-place",
            "an envoy to a place is the speaker, not the place: X's envoy to Y said",
            ("Northland's envoy to Riverton said the ferries would run every hour this winter.",),
        ),
        Rule(
            "people-of-a-place",
            "people of a place are the speaker, not the place: residents on X said",
            ("Residents on North Isle said the ferries should run every hour this winter.",),
        ),
        Rule(
            "contracted-pronoun",
            "the pronoun of a contraction is the mention: she's said",
            ("She's said that the ferries would run every hour this winter.",),
        ),
        Rule(
            "possessor",
            "a capitalised possessor before a name is part of the mention: the X Party's Y said",
            ("The Harbour Party's Ada Quill said the ferries would run every hour this winter.",),
        ),
        Rule(
            "complement",
            "a speaker noun's complement is part of the mention: a spokesman for the X said",
            ("A spokesman for the harbour authority said the ferries would run every hour this winter.",),
        ),
        Rule(
            "name-prefix",
            "a prefix before a title and a name belongs to the mention, even one that would end a "
            "noun phrase read back from the cue: then Mayor X said",
            ("The ferries will stop in winter, then Mayor Ada Quill said on Monday.",),
        ),
        Rule(
            "title-before-name",
            "lower-case words of a title before a name, with no article, belong to the mention: said former harbour master X",
            ("The ferries will run every hour this winter, said former harbour master Ada Quill.",),
        ),
        Rule(
            "verb-ends-phrase",
            "a subject read forward ends before its verb: the X won the vote, saying ...",
            ("The council chair lost the vote, saying the ferries would run every hour this winter.",),
        ),
        Rule(
            "role-after-name",
            "after a name read forward, the apposition after its comma is the role: said X, the Y",
            ("The ferries will run every hour this winter, said Ada Quill, the harbour master.",),
        ),
        Rule(
            "person-of-place",
            "a title, a person's name and where they serve: Supervisor X of Y County",
            ("Supervisor Ada Quill of Marsh County said the ferries would run every hour this winter.",),
        ),
        Rule(
            "organisation-word",
            "a mention whose head is a word for an organisation names an organisation",
            ("The harbour authority said the ferries would run every hour this winter.",),
        ),
        Rule(
            "acronym",
            "an organisation written with its initials is named by them",
            ("The RHA agency said the ferries would run every hour this winter.",),
        ),
        Rule(
            "company-descriptor",
            "a word for a company before a name: the name is an organisation's, the word its role",
            ("The ferry tolls will rise in May, said hardware giant Harbour Depot.",),
        ),
        Rule(
            "unlisted-role",
            "a role no list knows, ending in a lower-case noun, then a name of two words or more",
            ("The ferries must run every hour this winter, said undecided voter Jo Reyes.",),
        ),
        Rule(
            "long-title",
            "capitalised titles no list knows before a name: the last two words are the name",
            ("Riverton Harbour Committee Ranking Democrat Ada Quill said the ferries would stop.",),
        ),
        Rule(
            "glued-to-name",
            "a team, a place, an office or a day glued to a name is no part of it",
            ("Harbour Hawks DL Tomas Brenner said the team would win the cup this winter.",),
        ),
        Rule(
            "speaks-for",
            "someone who speaks for a named person is the speaker, unnamed: a spokeswoman for X said",
            ("A spokeswoman for Mayor Jo Reyes said the ferries would run every hour this winter.",),
        ),
        Rule(
            "state-or-body",
            "a country's name, or a short acronym alone, names a state or a body speaking, not a person",
            ("Norway said the ferry tolls would be cut by a third before the next winter.",),
        ),
        Rule(
            "document-issuer",
            "a document named with its issuer speaks for the issuer: a report from X said, X's report said",
            (
                "A report from Tidewater Analytics said the ferry tolls would rise by a third next spring.",
                "The Gazette's report said the ferry tolls would rise by a third next spring.",
            ),
        ),
        Rule(
            "document-named-before",
            "the statement (or report) said after X said in one, or put one out, is X's",
            (
                "The Harbour Authority said in a statement on Monday that the pier would close.\n\n"
                "The statement said the ferries would run every hour this winter.",
                "Harbour Records issued a statement on Monday about the pier.\n\n"
                "The statement said the ferries would run every hour this winter.",
            ),
        ),
        Rule(
            "joined-by-and",
            "organisations named together with and each speak the statement: X and Y reported",
            ("Harbour Radio and Island News reported that the ferries would run every hour this winter.",),
        ),
    )
}
_MENTION_ORDER = {name: position for position, name in enumerate(MENTION_RULES)}


def in_rulebook_order(names: tuple[str, ...]) -> tuple[str, ...]:
    """Mention rules as MENTION_RULES orders them, each once."""
    return tuple(sorted(set(names), key=_MENTION_ORDER.__getitem__))


# The decisions by which a word of saying is no cue where it stands (mentions.cue_refused), by
# name, in the order they are tried. Each example holds a cue word its rule refuses: no statement
# is attributed through it ("according to" is always a cue, and no rule is asked of it).
CUE_WORD_RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        Rule(
            "capitalised-cue",
            "a capitalised cue word is part of a name or a title, unless a headline in title case has it",
            ("The Says Who Quartet played at the harbour festival on Saturday night.",),
        ),
        Rule(
            "only-after-quotation",
            'a cue that attributes only after a quotation (`"...," the letter read`) is no cue elsewhere',
            ("The harbour master read the ferry timetable to the council on Monday.",),
        ),
        Rule(
            "a-thing-showing",
            "showing is a source reporting, not a show on television nor a thing showing up",
            ("The old ferry showed up at the harbour two hours late on Monday.",),
        ),
        Rule(
            "as-someone-phrase",
            "a cue of the form “as X put it” is one only after “as”",
            ("The harbour master put it on the table beside the ferry timetable.",),
        ),
        Rule(
            "passive-by",
            "a past participle before “by” is a passive: the speaker, if any, comes after",
            ("The ferry fares reported by the board rose by a third in May.",),
        ),
        Rule(
            "plea-in-court",
            "pleading guilty or not guilty is a plea in court, not urging",
            ("The ferry captain pleaded guilty to sailing without a licence in May.",),
        ),
        Rule(
            "passive-with",
            "a verb right before the preposition its object would stand before is a passive: accused of",
            ("Harbour board accused of hiding the ferry losses from the council",),
        ),
        Rule(
            "passive-after-be",
            "after a form of be, a participle that is also a cue is a passive: is expected",
            ("The new ferry is expected in the harbour before the winter storms.",),
        ),
        Rule(
            "noun-here",
            "a cue word that is as often a noun (remarks, claims, fears) is one after a determiner, a "
            "possessive, a count or a preposition, or before a form of be",
            ("Her remarks were printed in the harbour gazette on Monday morning.",),
        ),
        Rule(
            "appearance-only",
            "testifying before a preposition or an adverb is an appearance (where, when, how), "
            "unless a that-clause says what was testified",
            ("Ada Quill testified side-by-side with Jo Reyes before the harbour committee on Tuesday.",),
        ),
        Rule(
            "neither-nor",
            "a cue after “neither” or “nor” says nothing either way",
            ("The harbour master neither confirmed nor denied that the ferry would be sold.",),
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
    """A rule's description, whether it decides on articles, stances, speaker mentions or a
    transcript's turns."""
    for table in (RULES, STANCE_RULES, MENTION_RULES, CUE_WORD_RULES, TURN_RULES):
        if name in table:
            return table[name].description
    return name
