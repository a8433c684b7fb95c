"""The rules for reported speech, asked of each sentence no finding covers yet.

First the sentence's own rules (SENTENCE_RULES in rules/__init__.py: a headline's colon, a poll
in its opening, a that-clause with no cue, an attribution that closes it), then, cue by cue, the
cue's rules (CUE_RULES: according to, around a parenthetical attribution, a question aside, a
place or means after the cue, content after the cue, content before it). Each returns a finding,
SKIP (this cue gives nothing: on to the next cue) or None (the next rule is asked)."""

import bisect
import dataclasses
import re

from .. import mentions
from ..document import CLOSING_PUNCT, SPACE, Document
from ..lexicon import (
    DOCUMENT_NOUNS,
    LEADING_FUNCTION_WORDS,
    NOT_ATTRIBUTION,
    PARAGRAPH_LABELS,
    PARTICIPLE_CUES,
    PHRASE_BREAKERS,
    REFUSALS,
)
from ..lexicon.cues import STANCE_OF
from ..lexicon.people import GIVEN_NAMES
from ..mentions import Phrase
from ..text import ALL_QUOTES, DOUBLED_APOSTROPHE, has_quote_mark
from ..tokens import Word
from ..types import ClaimKind, Stance
from .attributions import participle_subject, source_before_comma, speaks_for_subject
from .findings import (
    RESUME_SENTENCE,
    SKIP,
    Attribution,
    Finding,
    KeepNext,
    LookForParticiple,
    Seen,
    SentencePlace,
    Skip,
    TakeQuotations,
    kind_by_quote_marks,
)
from .patterns import (
    ACCORDING,
    ASKED_OPENING,
    BELIEF_VERBS,
    BUT_SAID,
    CLAUSE_BOUNDARY,
    CLAUSE_CUES,
    COLON_LEAD,
    MAX_CUES_PER_SENTENCE,
    PARTICIPLE_AFTER,
    PARTICIPLE_START,
    PLACE_OR_MEANS,
    POLL_NOUN,
    POLL_OPENING,
    PUTTING_OUT,
    SAID_ADVERBIAL,
    TELLING,
    TOLD_OBJECT,
    VERB_THAT,
    WHO_SAID,
    in_title_case,
)
from .quotations import continuation

# A question the writer asks: an auxiliary first (`Did she say ...`, `Has the board ever said ...`),
# a question mark last (before any closing quotation mark).
_ASKS = re.compile(
    r"(?:did|does|do|has|have|had|is|was|were|are|will|would|can|could|should)(?:n[’']t)?\s+(?:not\s+)?\S",
    re.IGNORECASE,
)
_ENDS_ASKING = re.compile(r"\?[\"”’']*\s*$")
_FALSELY_THAT = re.compile(
    r"\b(?:falsely|wrongly|erroneously|mistakenly|incorrectly|inaccurately|untruthfully)\b[^,;:.]{0,60}?\bthat\b",
    re.IGNORECASE,
)
# Whom a question was put to, before its "whether" or "if": a few words, no clause between.
_ASKED_OBJECT = re.compile(
    r"\s+(?!(?:why|how|what|when|where|who|which)\b)(?:(?!whether\b|if\b)[\w’'.-]+\s+){1,4}?(?=(?:whether|if)\b)"
)
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:that|who|which|been|being)\b")
# Words that open a subordinate clause, not a statement: `If the ferry stops, ...`.
_SUBORDINATING = frozenset("if when while although though because as".split())


def sentence_place(doc: Document, s_start: int, s_end: int) -> SentencePlace:
    # A sentence with more cues than this is a list or debris, not prose; the cap keeps the work
    # per sentence linear in its length.
    found = doc.cues(s_start, s_end)[:MAX_CUES_PER_SENTENCE]
    place = SentencePlace(s_start, s_end, tuple(found), doc.opening_phrase_end(s_start, s_end))
    if found:
        place.last = CuePlace(doc, place, found[-1])
    return place


# --- the sentence's own rules --------------------------------------------------------------
def writers_question(doc: Document, place: SentencePlace, seen: Seen) -> Skip | None:
    """`Did Okonkwo say the terminal would close?`: the writer asks whether it was said; nothing
    in the sentence is reported as said (its quotations were read before, on their own)."""
    text = doc.text
    if not place.cues or not (asks := _ASKS.match(text, place.start, place.end)):
        return None
    # The question's own verb of saying, its subject between (`Did the harbour board ever say`),
    # not one further in (`Have you been surprised that she is saying ...?`).
    between = text[asks.end() - 1 : place.cues[0].start]
    if (
        len(between.split()) <= 5
        and not _CLAUSE_BREAK.search(between)
        and _ENDS_ASKING.search(text, place.start, place.end)
    ):
        return SKIP
    return None


def colon_headline_rule(doc: Document, place: SentencePlace, seen: Seen) -> Finding | None:
    return colon_headline(doc, place.start, place.end)


def poll_opening_rule(doc: Document, place: SentencePlace, seen: Seen) -> Finding | None:
    """`In a survey reported on Monday, the mayor led ...`: cues inside the opening phrase aside."""
    if place.cues and place.cues[-1].end > place.opening_end:
        return None
    return poll_opening(doc, place.start, place.end)


def that_clause_rule(doc: Document, place: SentencePlace, seen: Seen) -> Finding | None:
    """Only in a sentence with no cue at all."""
    return None if place.cues else that_clause(doc, place.start, place.end)


def closing_attribution(doc: Document, place: SentencePlace, seen: Seen) -> Finding | None:
    """`The congressman also plans to vote for Sanders, Welch said.`: an attribution that closes
    the sentence governs it, whatever verbs the content has."""
    if len(place.cues) <= 1:
        return None
    last = place.cues[-1]
    if doc.cue_quoted(last):
        return None
    if _STATEMENT_OPENS.match(doc.text, last.end, place.end):
        return None  # `..., and the chair, Sarah Ives, said she would write ...`: it opens what was said
    return content_before(doc, last, place.last.phrase_before, place.start, place.end)


# --- each cue's rules ------------------------------------------------------------------------
_UNREAD = object()


class CuePlace:
    """One cue of a sentence and the speaker mentions around it, each read once, when first asked.
    (Read by hand rather than with functools.cached_property, which takes a lock on every read
    in Python 3.11.)"""

    __slots__ = ("_phrase_before", "_speaker", "cue", "doc", "sentence")

    def __init__(self, doc: Document, sentence: SentencePlace, cue: Word) -> None:
        self.doc, self.sentence, self.cue = doc, sentence, cue
        self._phrase_before: Phrase | object | None = _UNREAD
        self._speaker: Phrase | object | None = _UNREAD

    @property
    def phrase_before(self) -> Phrase | None:
        """The mention right before the cue, as written."""
        if self._phrase_before is _UNREAD:
            self._phrase_before = mentions.before_cue(self.doc.words, self.sentence.start, self.cue.start)
        return self._phrase_before  # type: ignore[return-value]

    @property
    def speaker(self) -> Phrase | None:
        """Who speaks through the cue: the mention before it, else the sentence's subject
        (`..., saying`, `... and said`); a document put out speaks for whoever put it out."""
        if self._speaker is _UNREAD:
            doc, cue, s_start = self.doc, self.cue, self.sentence.start
            phrase = self.phrase_before
            if phrase is None and speaks_for_subject(doc, cue, s_start):
                phrase = participle_subject(doc, cue, s_start)
            if phrase is not None and released_document(doc, phrase, cue, s_start):
                # `The minister released a statement saying ...`: the minister says it.
                phrase = mentions.subject(doc.words, s_start, phrase.start) or phrase
            self._speaker = phrase
        return self._speaker  # type: ignore[return-value]


def cue_place(doc: Document, sentence: SentencePlace, cue: Word) -> CuePlace | None:
    """The cue as a place its rules are asked about, or None when it governs nothing here."""
    if doc.cue_quoted(cue):
        return None  # `"Our friends no longer think ...," Bush said`: the quotation's own words
    if cue.end <= sentence.opening_end and sentence.cues[-1].start > sentence.opening_end:
        return None  # `In a statement defending Lewandowski, the campaign said ...`
    return sentence.last if cue is sentence.cues[-1] else CuePlace(doc, sentence, cue)


def according_to_rule(doc: Document, place: CuePlace, seen: Seen) -> Finding | Skip | None:
    if place.cue.lower not in ACCORDING:
        return None
    return according_to(doc, place.cue, place.sentence.start, place.sentence.end) or SKIP


def parenthetical_rule(doc: Document, place: CuePlace, seen: Seen) -> Finding | None:
    phrase = place.phrase_before
    if phrase is None:
        return None
    return parenthetical(doc, phrase, place.cue, place.sentence.start, place.sentence.end)


def reported_as_false(doc: Document, place: CuePlace, seen: Seen) -> Skip | None:
    """`It was falsely reported that Governor Strand said ...`: the writer says the report of the
    statement is false; nothing here is reported as said."""
    text, start, end = doc.text, place.sentence.start, place.cue.start
    # The pattern needs "that" and an adverb in -ly: a look for them is far cheaper than the pattern.
    if (
        text.find("that", start, end) >= 0
        and text.find("ly", start, end) >= 0
        and _FALSELY_THAT.search(text, start, end)
    ):
        return SKIP
    return None


def asked_whether(doc: Document, place: CuePlace, seen: Seen) -> Skip | None:
    """`Asked if she believed ..., Clinton said ...`: a question, not a statement."""
    phrase, s_start = place.speaker, place.sentence.start
    if phrase is not None and doc.text[max(s_start, phrase.start - 9) : phrase.start].rstrip().endswith(
        (" if", " whether")
    ):
        return SKIP
    return None


def place_or_means(doc: Document, place: CuePlace, seen: Seen) -> Finding | None:
    """`Democrats made history, she said in a video message.`: where or how it was said follows
    the cue; what was said came before it."""
    if not PLACE_OR_MEANS.match(doc.text, place.cue.end, place.sentence.end):
        return None
    return content_before(doc, place.cue, place.speaker, place.sentence.start, place.sentence.end)


def cue_then_content(doc: Document, place: CuePlace, seen: Seen) -> Finding | Skip | None:
    """`X said (that) ...`: the content after the cue, up to a second statement with its own
    speaker (`X, who said A, said B`: resumed after A), a second verb of saying (`..., but
    agreed that B`) or a participle (`..., saying B`)."""
    text, cue, phrase = doc.text, place.cue, place.speaker
    s_start, s_end, found = place.sentence.start, place.sentence.end, place.sentence.cues
    if phrase is None:
        return None
    if object_who_said(doc, cue.end, s_end):
        return SKIP  # `Weaver criticized Reyes, who said ...`: Reyes's statement, read at its own cue
    # `Fares will rise, the agency announced Monday, blaming fuel costs`: the sentence opened with
    # what was said, and the participle after the cue is no statement of its own.
    before = text[s_start : phrase.start].rstrip()
    opened = before.endswith(",") and doc.enough(s_start, s_start + len(before))
    content_start = content_after(doc, cue, s_end, after_statement=opened)
    if content_start is None:
        return None
    # The statement ends where a second one, with its own speaker and cue, begins:
    # `Barkley, who said he votes Democratic, said ...` (the relative clause's comma),
    # `...; 26 percent of Democrats say ...`, `..., while only 49 percent say ...`.
    ends = (
        relative_clause_end(doc, phrase, cue, list(found)),
        clause_end(doc, content_start, list(found), s_end),
    )
    first_end = next((e for e in ends if e is not None and doc.enough(content_start, e)), None)
    attribution = Attribution(phrase, cue, (s_start, content_start))
    if first_end is not None:
        return Finding(
            content_start, first_end, attribution, rule="cue-then-content", instructions=(RESUME_SENTENCE,)
        )
    if ends[1] is not None:
        # `The opposition has called for an inquiry, and the chair, Sarah Ives, said ...`: too little
        # before the second clause to be a statement; the second clause is read at its own cue.
        return SKIP
    if not (doc.enough_or_quoted(content_start, s_end) or refused_to(doc, cue, content_start, s_end)):
        return None
    # Each pattern tried only where the words it needs are (a comma; "but" or "and").
    participle = None
    if text.find(",", max(0, content_start - 2), s_end) >= 0:
        participle = doc.outside_quotes(PARTICIPLE_AFTER, content_start, s_end)
    limit = participle.start() if participle else s_end
    second = None
    if text.find("but", content_start, limit) >= 0 or text.find("and", content_start, limit) >= 0:
        second = doc.outside_quotes(BUT_SAID, content_start, limit)
    if second and doc.enough_or_quoted(second.end(), s_end):
        # `Trump said he did not own the jets to burnish his brand, but agreed that they had
        # "promotional value"`: two statements, each with its own cue. The first may be only an
        # object (`Scott blasted Congress and said ...`).
        again = Word(second.start("cue"), second.end("cue"), second.group("cue"))
        who = phrase
        if second.group("pronoun"):  # `..., but he called it "careless"`: "he" is the mention
            p_start, p_end = second.span("pronoun")
            who = mentions.chosen_by(
                "second-subject", mentions.pronoun_phrase(Word(p_start, p_end, second.group("pronoun")))
            )
        elif second.group("name"):  # `..., and Trump vowed to "bomb ..."`: another speaker
            who = mentions.chosen_by("second-subject", mentions.describe(doc.words, *second.span("name")))
        then = Finding(
            second.end(), s_end, Attribution(who, again, (second.start(), second.end())), rule="second-cue"
        )
        if not doc.enough_or_quoted(content_start, second.start()):
            return then
        return Finding(
            content_start,
            second.start(),
            attribution,
            rule="cue-then-content",
            instructions=(KeepNext(then),),
        )
    if participle and cue.lower not in PARTICIPLE_CUES:
        # `Varga rejected the plan, saying it would ruin the fleet`: two statements.
        return Finding(
            content_start,
            participle.start(),
            attribution,
            rule="cue-then-content",
            instructions=(LookForParticiple(s_end),),
        )
    return Finding(content_start, s_end, attribution, rule="cue-then-content")


def content_then_cue_rule(doc: Document, place: CuePlace, seen: Seen) -> Finding | None:
    """`..., X said.`, `..., said X, the Y.`, `..., X said Tuesday, noting ...`"""
    return content_before(doc, place.cue, place.speaker, place.sentence.start, place.sentence.end)


# --- what the rules above read -------------------------------------------------------------
_TO_VERB = re.compile(r"to\s+[a-z]+")
_ING = re.compile(r"[a-z]+ing\b")
# After a cue, the words that open what was said: `said that ...`, `said she would ...`.
_STATEMENT_OPENS = re.compile(r"\s+(?:that|he|she|they|it|we|i)\s+\w+\s+\w+", re.IGNORECASE)
# `testified ..., where lawmakers ...`, `said while visiting the conference`: where or when it was
# said, not what.
_RELATIVE_OPENING = re.compile(
    r"(?:where|which|whom|whose)\b|(?:while|when|after|before|during)\s+[a-z]+ing\b"
)


_A_NOUN_THEN_NAME = re.compile(r"(?:a|an)\s+[a-z]+\s+[A-Z]")
# Words that open or carry a clause, or an infinitive: what follows a place (`said at the meeting
# the fees would rise`, `promised at a rally to end ...`) holds one when something was said there.
_CLAUSE_WORD = re.compile(
    r"\b(?:that|he|she|they|it|we|i|you|is|are|was|were|be|been|will|would|could|can|may|might|"
    r"should|must|has|have|had|did|does|do|to)\b",
    re.IGNORECASE,
)


def refused_to(doc: Document, cue: Word, content_start: int, s_end: int) -> bool:
    """`A spokeswoman declined to comment.`: a refusal to speak is recorded however short (its
    stance says the speaker did not say anything)."""
    return cue.lower in REFUSALS and _TO_VERB.match(doc.text, content_start, s_end) is not None


def that_clause(doc: Document, s_start: int, s_end: int) -> Finding | None:
    """`Officials fear that ...`, `The report concluded that ...`: a verb and a that-clause."""
    text = doc.text
    if text.find("that", s_start, s_end) < 0:
        return None  # the pattern needs the word: a look for it is far cheaper than the pattern
    for m in VERB_THAT.finditer(text, s_start, s_end):
        verb = m.group("verb")
        low = verb.lower()
        if low in NOT_ATTRIBUTION or verb[0].isupper():
            continue
        if not low.endswith("ed") and low not in BELIEF_VERBS:
            continue  # "the challenges that ...": a noun and a relative clause
        cue = Word(m.start("verb"), m.end("verb"), verb)
        phrase = mentions.before_cue(doc.words, s_start, cue.start)
        if phrase is None:
            continue
        content_start = m.start("that")
        if doc.enough(content_start, s_end):
            return Finding(
                content_start,
                s_end,
                Attribution(phrase, cue, (s_start, content_start)),
                rule="that-clause",
            )
    return None


def object_who_said(doc: Document, after_cue: int, s_end: int) -> bool:
    """Is what follows a cue only its object and a relative clause that says something of its
    own (`criticized Reyes, who said ...`, `told Reyes, who said ...`)? Then the statement is
    the object's."""
    m = WHO_SAID.search(doc.text, after_cue, s_end)
    return m is not None and 0 < len(doc.text[after_cue : m.start()].split()) <= 5


def released_document(doc: Document, phrase: Phrase, cue: Word, s_start: int) -> bool:
    """Is the mention before a participle cue a document its sentence's subject put out
    (`X released a statement saying`, `she revised her statement explaining`)?"""
    if cue.lower not in PARTICIPLE_CUES or phrase.name is not None or phrase.pronoun:
        return False
    head = phrase.text.split()[-1].lower()
    if head not in DOCUMENT_NOUNS:
        return False
    verb = re.search(r"([a-z]+)\s+$", doc.text[max(s_start, phrase.start - 30) : phrase.start])
    return verb is not None and verb.group(1) in PUTTING_OUT


def poll_opening(doc: Document, s_start: int, s_end: int) -> Finding | None:
    """`In the latest harbour survey, most islanders wanted a bridge`: the survey is the source."""
    m = POLL_OPENING.match(doc.text, s_start, s_end)
    if m is None or not POLL_NOUN.search(m.group("source")):
        return None
    end = doc.trim_end(m.end(), s_end)
    if not doc.enough(m.end(), end):
        return None
    start, stop = m.span("source")
    source = mentions.chosen_by("poll-source", mentions.describe(doc.words, start, stop))
    source = dataclasses.replace(source, kind=None, name=None)
    cue = Word(s_start, s_start + 2, doc.text[s_start : s_start + 2])
    return Finding(m.end(), end, Attribution(source, cue, (s_start, m.end())), rule="poll-opening")


def clause_end(doc: Document, content_start: int, found: list[Word], s_end: int) -> int | None:
    """Where the first clause's statement ends when a semicolon or ", while" (outside
    quotations) opens a second clause with its own speaker and verb of saying."""
    text = doc.text
    if (
        text.find(";", content_start, s_end) < 0
        and text.find("while", content_start, s_end) < 0
        and text.find(", and", content_start, s_end) < 0
    ):
        return None  # no mark of a second clause
    for boundary in CLAUSE_BOUNDARY.finditer(text, content_start, s_end):
        if doc.inside_quote(boundary.start()):
            continue
        for cue in found:
            if cue.start > boundary.start() and cue.lower in CLAUSE_CUES:
                # Only when the second clause names its own speaker (`, and the chair, Sarah
                # Ives, said ...`), not another verb of the same one (`..., and said ...`).
                speaker = mentions.before_cue(doc.words, boundary.end(), cue.start)
                if speaker is not None and speaker.start > boundary.end() - 1:
                    return boundary.start()
                break
    return None


def relative_clause_end(doc: Document, phrase: Phrase, cue: Word, found: list[Word]) -> int | None:
    """For `X, who said A, said B`: where A ends (the comma before the next cue), when the
    mention is the relative "who" and the next cue's speaker is X."""
    if phrase.text.lower() != "who":
        return None
    for later in (c for c in found if c.start > cue.end):
        comma = doc.text.rfind(",", cue.end, later.start)
        if comma >= 0 and not doc.text[comma + 1 : later.start].strip(SPACE):
            return comma
    return None


def content_before(
    doc: Document, cue: Word, phrase: Phrase | None, s_start: int, s_end: int
) -> Finding | None:
    text = doc.text
    comma = text.rfind(",", s_start, phrase.start if phrase else cue.start)
    # `PORT ELLEN, May 2 - Tolls will fall, the ministry said.`: the dateline is not what was said.
    if (dateline := mentions.DATELINE.match(text, s_start, max(s_start, comma))) is not None:
        s_start = dateline.end()
    if comma <= s_start or not doc.enough(s_start, comma):
        return None
    if phrase is None:
        phrase = mentions.after_cue(doc.words, cue, s_end)
        if phrase is None:
            return None
    lead = text[comma + 1 : min(phrase.start, cue.start)].strip(SPACE + ALL_QUOTES + "'")
    if lead and lead != phrase.text:
        return None
    if _A_NOUN_THEN_NAME.match(phrase.text) and doc.cues(s_start, comma):
        # `..., in which she said A, a prospect Reyes denied.`: the noun is what Reyes denied (A,
        # reported as someone else's), not Reyes's role; the sentence is no statement of Reyes's.
        return None
    # After the attribution only adverbials, an apposition or a participle clause may follow:
    # `..., said Mindy Romero, director of ...`, `..., Hollande said Tuesday in Paris, noting ...`.
    after = text[max(cue.end, phrase.end) : s_end]
    adverbial = SAID_ADVERBIAL.match(after)
    rest = after[adverbial.end() :] if adverbial else after
    if len(after.split()) > 8 and not (
        after.lstrip().startswith(",")
        or re.match(r"[a-z]+ing\b", rest)
        or not rest.strip(CLOSING_PUNCT + SPACE)
    ):
        return None
    first = text[s_start:comma].split()[0].lower()
    if (
        (first in _SUBORDINATING or first in ASKED_OPENING)
        and not (
            # `If the ferry stops, the island will lose its visitors, Weaver said.`: the clause is part of a
            # statement that the attribution closes.
            first not in ASKED_OPENING
            and "," in text[s_start:comma]
            # nothing after the attribution but the speaker's apposition: `..., said Juan Perez, a trader.`
            and (not rest.strip(CLOSING_PUNCT + SPACE) or text[phrase.end : phrase.end + 1] == ",")
        )
    ):
        return None  # a subordinate clause, not what was said
    if comma == doc.opening_phrase_end(s_start, s_end):
        return None  # `In a statement defending X, Y said ...`: where it was said
    attribution = Attribution(phrase, cue, (comma, s_end))
    if has_quote_mark(text[s_start:comma]):
        # `... the "textbook definition" of waste, Brock said. "There is no better foil."`: as
        # after a quotation, the quotation sentences that follow continue the statement.
        following = bisect.bisect_left(doc.quote_starts, s_end)
        taken: set[int] = set()
        end, parts = continuation(doc, following, comma, [(s_start, comma)], taken)
        if len(parts) > 1:
            return Finding(
                s_start,
                end,
                attribution,
                rule="content-then-cue",
                kind=ClaimKind.MIXED,
                parts=tuple(parts),
                instructions=(TakeQuotations(frozenset(taken)),),
            )
    # `..., X said Tuesday, noting that ...`: a participle statement may follow.
    return Finding(
        s_start, comma, attribution, rule="content-then-cue", instructions=(LookForParticiple(s_end),)
    )


def parenthetical(doc: Document, phrase: Phrase, cue: Word, s_start: int, s_end: int) -> Finding | None:
    """`CONTENT, X said, MORE CONTENT.`: one statement in two parts around its attribution."""
    text = doc.text
    before = text[s_start : phrase.start]
    if not before.rstrip().endswith(",") or not before.strip(SPACE + ","):
        return None
    first_word = before.split()[0].lower() if before.split() else ""
    if first_word in LEADING_FUNCTION_WORDS or first_word in PHRASE_BREAKERS:
        return None  # "In a statement, X said ...": an adverbial, not content
    m = SAID_ADVERBIAL.match(text, cue.end, s_end)
    if not m or "," not in text[cue.end : m.end()] or not doc.enough(m.end(), s_end):
        return None
    if re.match(r"[a-z]+ing\b", text[m.end() : m.end() + 30]):
        return None  # `..., Hollande said, noting ...`: a participle clause, not more content
    first_end = s_start + len(before.rstrip().rstrip(","))
    end = doc.trim_end(m.end(), s_end)
    content = text[s_start:first_end] + text[m.end() : end]
    kind = kind_by_quote_marks(content)
    return Finding(
        s_start,
        end,
        Attribution(phrase, cue, (s_start, s_end)),
        rule="parenthetical",
        kind=kind,
        parts=((s_start, first_end), (m.end(), end)),
    )


def colon_headline(doc: Document, s_start: int, s_end: int) -> Finding | None:
    """`Trump: Cruz Has 'To Come a Long Way' On Ethanol`: a paragraph that opens with a name and a colon."""
    text = doc.text
    if s_start not in doc.paragraph_starts:
        return None
    m = COLON_LEAD.match(text, s_start, s_end)
    if not m or not doc.enough(m.end(), s_end):
        return None
    phrase = mentions.before_cue(doc.words, s_start, m.start(1) + len(m.group(1).rstrip()))
    if phrase is None or phrase.pronoun or (phrase.name is None and phrase.kind == "person"):
        return None
    if not headline_speaker(phrase, in_title_case(text[m.end() : s_end])):
        return None
    colon = m.end(1)
    cue = Word(colon, colon + 1, ":")
    return Finding(m.end(), s_end, Attribution(phrase, cue, (s_start, m.end())), rule="colon-headline")


def headline_speaker(phrase: Phrase, headline: bool) -> bool:
    """May this name, before a paragraph's colon, be who speaks after it? A person or a body
    before a headline (`Trump: Cruz Has ...`); before a sentence a single name (`Sanders: ...`),
    a person named in full or a transcript's speaker in capitals (`WALLACE: ...`); never a label
    (`Disclaimer: ...`) or a section's name (`Hollywood Nation: ...`)."""
    name = phrase.name or ""
    if not name or name.split()[0].lower().strip("’'s") in PARAGRAPH_LABELS:
        return False
    if headline or name.isupper() or " " not in name:
        return True  # `Sanders: Clinton needs to ...`, `Poll: ...`
    return phrase.kind == "person" and name.split()[0].lower() in GIVEN_NAMES


def content_after(doc: Document, cue: Word, s_end: int, *, after_statement: bool = False) -> int | None:
    text = doc.text
    pos = cue.end
    if cue.lower in TELLING and (m := TOLD_OBJECT.match(text, pos, s_end)):
        pos = m.end()  # whom they told is no part of what they said
    elif STANCE_OF.get(cue.lower) == Stance.QUESTIONED and (m := _ASKED_OBJECT.match(text, pos, s_end)):
        pos = m.end()  # `asked the board whether ...`: whom they asked is no part of the question
    m = SAID_ADVERBIAL.match(text, pos, s_end)
    pos = m.end() if m else pos
    if (
        m
        and text[m.start() : m.end()].rstrip().endswith(",")
        and (PARTICIPLE_START.match(text, pos, s_end) or (after_statement and _ING.match(text, pos, s_end)))
    ):
        # `X said Tuesday in Paris, noting ...`, `..., the agency announced Monday, blaming fuel
        # costs`: a participle clause, and what X said came before the cue.
        return None
    if pos >= s_end or not (
        text[pos].isalnum()
        or text[pos] in ALL_QUOTES
        or text[pos] in "$£€¥"  # `reported $2.53 a share`
        or text.startswith(DOUBLED_APOSTROPHE, pos)
    ):
        return None
    if _RELATIVE_OPENING.match(text, pos, s_end):
        return None  # `testified before the committee, where lawmakers ...`: a place, not what was said
    # The verbs of saying proper (those that may stand before their speaker, mentions.INVERSION_CUES:
    # `..., said Reyes`): after them a place is where something was said; after another cue it may
    # be its object (`called on`).
    if (
        cue.lower in mentions.INVERSION_CUES
        and PLACE_OR_MEANS.match(text, cue.end, s_end)
        and not _CLAUSE_WORD.search(text, pos, s_end)
    ):
        return None  # `Reyes said at a forum in Port Ellen.`: where it was said, and nothing of what
    return pos


def according_to(doc: Document, cue: Word, s_start: int, s_end: int) -> Finding | None:
    text = doc.text
    phrase = mentions.after_cue(doc.words, cue, s_end, any_cue=True)
    if phrase is None:
        opening = cue.start - s_start <= 2
        if opening or text[s_start : cue.start].rstrip().endswith(","):
            phrase = source_before_comma(doc, cue, s_end, or_sentence_end=not opening)
    if phrase is None:
        return None
    attribution = Attribution(phrase, cue, (cue.start, phrase.end))
    # `A, according to X, B.`: the statement runs around its attribution.
    before = text[s_start : cue.start].rstrip()
    after_phrase = text[phrase.end : s_end]
    inner_end = after_phrase.find(",")
    if before.endswith(",") and inner_end >= 0:
        resume = phrase.end + inner_end + 1
        while resume < s_end and text[resume] in SPACE:
            resume += 1
        end = doc.trim_end(resume, s_end)
        if doc.enough(resume, end) and not doc.cues(resume, end) and before.strip(","):
            first_end = s_start + len(before) - 1
            content = text[s_start:first_end] + text[resume:end]
            kind = kind_by_quote_marks(content)
            return Finding(
                s_start,
                end,
                attribution,
                rule="according-to-around",
                kind=kind,
                parts=((s_start, first_end), (resume, end)),
            )
    if cue.start - s_start <= 2:
        comma = text.find(",", phrase.end, s_end)
        if comma > 0 and doc.enough(comma + 1, s_end):
            return Finding(comma + 1, s_end, attribution, rule="according-to")
        return None
    before = text[s_start : cue.start].rstrip(SPACE + ",")
    if doc.enough(s_start, s_start + len(before)):
        return Finding(s_start, s_start + len(before), attribution, rule="according-to")
    return None
