"""The patterns and word sets the rules match with, and the small tests of quoted words they share.
Verbs and phrases of saying come from the cue table (lexicon/cues.py), never written here."""

import re

from ..document import CLOSING_PUNCT, SPACE
from ..lexicon import LEADING_FUNCTION_WORDS, PHRASE_BREAKERS, SPEAKER_NOUNS, TITLE_WORDS
from ..lexicon.cues import alternation, having
from ..types import Span

DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
# A negation right before the cue: "has not said", "never claimed", "didn't say", "no longer says".
# (Written to open with its "n" and test the word boundary behind it, not before it, so that the
# pattern engine skips to each "n"; a test holds it to the pattern with the boundary first.)
NEGATED = re.compile(r"[nN](?<!\w[nN])(?:ot|ever|[’']t|o\s+longer)\s+(?:[a-z]+\s+)?$", re.IGNORECASE)
QUOTE_MARKS = "\"“”‘’'«»"
# Participles that open a second statement after an attribution: `..., adding that ...`.
PARTICIPLES = alternation("participle-after")
# What may stand between a cue and its content: "said on Monday that", "said in a statement:".
SAID_ADVERBIAL = re.compile(
    rf"(?:\s+(?:yesterday|today|tonight|earlier|later|again|also|too|(?:on\s+)?(?:{DAYS}))\b)?"
    r"(?:\s+(?:on|in|at|during|after|before|last|this|late|early|from|via|through|outside)\b"
    r"[^,;:\"“”]{0,60}?(?=\s+that\b|\s*[,:]))?"
    r"\s*[,:]?\s*"
)
TELLING = having("telling")
TOLD_OBJECT = re.compile(
    r"\s+(?:reporters|journalists|him|her|them|us|me|lawmakers|supporters|the\s+[\w’'-]+(?:\s+(?!that\b)[\w’'-]+)?|"
    r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}|a\s+[\w’'-]+(?:\s+[\w’'-]+)?)",
)
# A paragraph opening "Name Of Someone: ..." (headlines, live blogs): at most six words before the colon.
COLON_LEAD = re.compile(
    r"((?:[A-Z][\w.’'-]*|of|the|at|from|on)(?:\s+(?:[A-Z][\w.’'-]*|of|the|at|from|on)){0,5}):\s+(?=\S)"
)
# After a quotation: `, an angry Hollande retaliated.` (up to six words, a past-tense verb, the end).
VERB_CLOSING = re.compile(
    r"\s*,?\s*(?:[\w’'.-]+\s+){1,6}?(?P<verb>[a-z]+ed)(?:\s+(?:on|in|at)\s+[\w’'. -]{1,30}?)?\s*(?:[.!?]?\s*$|,\s+[a-z]+ing\b)"
)
# `could only quip:`, `demurred:`: a verb (with a modal and an adverb) right before a colon.
VERB_BEFORE_COLON = re.compile(
    r"(?:\b(?:could|would|can|will|might|must|did|had|has)\s+(?:only\s+|just\s+|simply\s+|then\s+)?)?"
    r"\b(?P<verb>[a-z]+(?:ed)?)\s*$"
)
# A verb before `:` or `,` that leads into a quotation no cue list names.
LEAD_VERB = re.compile(rf"\b(?:[a-z]+(?:ed|es|s)|{alternation('leads-in')})\b")
# Verbs that report what someone said by characterising it; with "and" before them they share
# the sentence's subject (_speaks_for_subject).
CHARACTERISING = having("characterising")
VERB_THAT = re.compile(r"\b(?P<verb>[A-Za-z]+(?:ed|es|s))\s+(?P<that>that)\b")
# Present-tense verbs of belief and finding that introduce a that-clause (past tenses all may).
BELIEF_VERBS = having("belief")
# `... and said (that) ...`: a second verb of saying, with the same subject.
AND_SAID = re.compile(rf"\s+and\s+(?P<cue>{alternation('and-said')})\b\s*(?:that\b)?")
# `X said A, but agreed that B`: a second statement of the same speaker, with its own verb.
BUT_SAID = re.compile(
    r",?\s+(?:but|and)\s+(?:(?P<pronoun>he|she|they)\s+|(?P<name>[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,2}"
    r"(?:(?<=[’']s)\s+[a-z]+)?)\s+)?"
    rf"(?:(?:has|have|had)\s+)?(?:also\s+|later\s+|then\s+)?(?P<cue>{alternation('but-said')}|"
    rf"(?:{alternation('but-that')})(?=\s+that\b))\b\s*(?:that\b)?"
)
# After `"A," he said,`: the quotation's sentence running on, unquoted (`that both ...`, `would ...`).
RUN_ON = re.compile(
    r"\s*,\s*((?:that|would|will|was|is|were|are|could|should|can|had|has|have|may|might|must)\s+\w+"
    r"(?:\s+\S+){2,})"
)
WHO_SAID = re.compile(
    rf",\s+(?P<who>who)\s+(?:also\s+|has\s+|had\s+)?(?P<cue>{alternation('who-said')})\b"
    r"\s*(?:that\b)?"
)
# A dash that signs a quotation, on its line or on the next one: `"..." ― Name`, `"..."\n\n- Name.`
SIGNATURE = re.compile(r"[.,]?[ \t\u00a0]*(?:\n[ \t\u00a0]*){0,3}(?P<dash>--|[-–—―])[ \t\u00a0]*(?=[A-Z])")
# Verbs of saying that open a clause of their own after a semicolon (`...; 26 percent say ...`).
CLAUSE_BOUNDARY = re.compile(r";|,\s+(?:while|and)\b")
CLAUSE_CUES = having("clause")
COMMA = re.compile(",")  # for Document.outside_quotes: the first comma outside quotation marks
# `In a Gazette poll taken in May, the mayor led her rival by 12 points.`: a poll, survey or study
# named in an opening phrase is the source of the sentence after it.
POLL_OPENING = re.compile(r"In\s+(?P<source>[^,;:\"“”()]{3,100}?)\s*,\s*")
POLL_NOUN = re.compile(
    r"\b(?:poll|polls|polling|survey|surveys|study|studies|census|analysis|tally)\b", re.IGNORECASE
)
# Verbs of seeming: the writer's own judgement of what they govern, with no one speaking.
EVIDENTIAL_CUES = having("evidential")
# What a speaker puts out (`released a statement saying ...`), and the verbs that put it out.
PUTTING_OUT = having("puts-out")
NAMES_PROGRAMME = having("names-programme")
ASKED_OPENING = having("asked-opening")
ACCORDING = having("according")
PARTICIPLE_START = re.compile(rf"(?:{PARTICIPLES})\b")
OPENING_CUE = re.compile(rf"\s*(?P<cue>{alternation('opening', capitalised=True)})\s")
# Right after a one-word quotation: `he said`, `Bob said`, `said Ruth Okafor`, `he demanded`.
ANSWERED = re.compile(
    r"\s*(?:(?:he|she|they|[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,2})\s+"
    rf"(?:{alternation('answer-after')}|[a-z]+ed)\b|(?:{alternation('answer-before')})\s+[A-Z])"
)
SAID_BEFORE = re.compile(rf"\b(?:{alternation('said-before')})\s*[,:]\s*$")
PLACE_OR_MEANS = re.compile(
    rf"(?:\s+(?:(?:on\s+)?(?:{DAYS})|yesterday|today|tonight|last\s+\w+|this\s+\w+)(?:\s+(?:morning|afternoon|evening|night))?)?"
    r"\s+(?:in|at|during|via|through|on)\s+(?:a|an|the|his|her|their|its|[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*['’]s)\s"
)
PARTICIPLE_AFTER = re.compile(
    # The comma may stand inside the closing quotation mark: `"... mad," adding that ...`.
    rf"(?:,|(?<=,[\"”’']))\s+(?P<cue>{PARTICIPLES})\b\s*(?:,\s*)?"
)
# What makes an author's sentence checkable: a figure, a comparison, a cause, a change.
MAX_CUES_PER_SENTENCE = 12
FLOATING_QUOTE_LOOKBACK = 3  # paragraphs
# A quotation this long that no cue reached is a statement, not a title or a scare quote.
UNCLAIMED_QUOTE_WORDS = 8


# Nouns that name what someone is, for a bare title before a name ("reporter Jackie Nespral").
ROLE_NOUNS = (
    TITLE_WORDS
    | SPEAKER_NOUNS
    | frozenset(
        "reporter journalist correspondent anchor host columnist coach player striker founder owner".split()
    )
)


# "campaign manager", "political scientist", "senior strategist": nouns for what people do.
AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman")


def bare_title(words: str) -> bool:
    """A lowercase title of up to three words ending in a role noun: "port chairman", "reporter"."""
    parts = words.split()
    return (
        0 < len(parts) <= 3
        and all(p.isalpha() and p.islower() for p in parts)
        and (parts[-1] in ROLE_NOUNS or (parts[-1].endswith(AGENT_ENDINGS) and len(parts[-1]) > 5))
        and not any(p in PHRASE_BREAKERS or p in LEADING_FUNCTION_WORDS for p in parts)
    )


def without(text: str, start: int, end: int, holes: list[Span]) -> str:
    """text[start:end] without the spans in `holes` (which lie inside it, in order)."""
    pieces, at = [], start
    for hole_start, hole_end in holes:
        pieces.append(text[at:hole_start])
        at = hole_end
    pieces.append(text[at:end])
    return " ".join(pieces)


# Between a cue and a title: `said Wednesday on MSNBC's`, `told viewers of`.
NAMES_A_PLACE = re.compile(r"\b(?:on|in|at|to|of)\s+(?:\S+\s+){0,2}$")


def in_title_case(quoted: str) -> bool:
    """`"Crippled America: How to Make America Great Again,"`, `"Fox and Friends"`: most of the
    longer words capitalised, as in the title of a book or a programme, not in a sentence."""
    longer = [w for w in re.findall(r"[^\W\d_][\w’'-]*", quoted) if len(w) > 3]
    return len(longer) >= 2 and sum(w[0].isupper() for w in longer) >= 0.75 * len(longer)


def is_term(quoted: str) -> bool:
    """A word or two in quotation marks inside an attribution (`after hinting that "personnel
    changes" could come`): a term, not a sentence of what was said."""
    return len(quoted.split()) <= 3 and not re.search(r"[.!?]", quoted)


def is_title(quoted: str) -> bool:
    """A programme, slogan or book title in quotation marks ("This Week", "Meet the Press"): a
    few words, capitalised, no sentence inside."""
    words = quoted.strip(CLOSING_PUNCT + SPACE + "\"'“”‘’").split()
    return 0 < len(words) <= 6 and words[0][:1].isupper() and not re.search(r"[.!?,;:]\s", quoted)
