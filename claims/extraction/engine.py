"""Find the claims in one article: direct quotations first, then reported speech.

Order of work:
1. paragraphs and quotation spans (quotations may run over paragraphs);
2. each quotation is attributed from the words after it (`"...," X said`), before it
   (`X said: "..."`), around it (`"A," she said, "B."`), or, for a paragraph that is a
   quotation and nothing else, from the speaker in the paragraphs just before it;
3. sentences not already covered are read for reported speech (`X said (that) ...`,
   `..., X said.`, `according to X, ...`);
4. each speaker mention is resolved against the names seen so far.
"""

import bisect
import dataclasses
import re
from dataclasses import dataclass
from datetime import date

from . import checkworthiness, dates, mentions
from .document import SPACE as _SPACE
from .document import Document
from .lexicon import LEADING_FUNCTION_WORDS, PARTICIPLE_CUES, PHRASE_BREAKERS, SPEAKER_NOUNS, TITLE_WORDS
from .lexicon.cues import STANCE_OF, alternation, having
from .mentions import INVERSION_CUES, Phrase, Word
from .resolve import Resolver
from .spans import CoveredSpans
from .text import ALL_QUOTES, DOUBLED_APOSTROPHE, Quote, has_quote_mark
from .types import ExtractedClaim, KnownSpeaker, Mention, Span, Stance

_CLOSING_PUNCT = ".,;:!?"
_NOT_BLANK = re.compile(r"\S")
_NOT_SPACE_OR_PUNCT = re.compile(r"[^\s" + re.escape(_CLOSING_PUNCT) + "]")
_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
# A negation right before the cue: "has not said", "never claimed", "didn't say", "no longer says".
_NEGATED = re.compile(r"\b(?:not|never|n[’']t|no\s+longer)\s+(?:[a-z]+\s+)?$", re.IGNORECASE)
_QUOTE_MARKS = "\"“”‘’'«»"
# Participles that open a second statement after an attribution: `..., adding that ...`.
_PARTICIPLES = alternation("participle-after")
# What may stand between a cue and its content: "said on Monday that", "said in a statement:".
_SAID_ADVERBIAL = re.compile(
    rf"(?:\s+(?:yesterday|today|tonight|earlier|later|again|also|too|(?:on\s+)?(?:{_DAYS}))\b)?"
    r"(?:\s+(?:on|in|at|during|after|before|last|this|late|early|from|via|through|outside)\b"
    r"[^,;:\"“”]{0,60}?(?=\s+that\b|\s*[,:]))?"
    r"\s*[,:]?\s*"
)
_TELLING = having("telling")
_TOLD_OBJECT = re.compile(
    r"\s+(?:reporters|journalists|him|her|them|us|me|lawmakers|supporters|the\s+[\w’'-]+(?:\s+[\w’'-]+)?|"
    r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}|a\s+[\w’'-]+(?:\s+[\w’'-]+)?)",
)
# A paragraph opening "Name Of Someone: ..." (headlines, live blogs): at most six words before the colon.
_COLON_LEAD = re.compile(
    r"((?:[A-Z][\w.’'-]*|of|the|at|from|on)(?:\s+(?:[A-Z][\w.’'-]*|of|the|at|from|on)){0,5}):\s+(?=\S)"
)
# After a quotation: `, an angry Hollande retaliated.` (up to six words, a past-tense verb, the end).
_VERB_CLOSING = re.compile(
    r"\s*,?\s*(?:[\w’'.-]+\s+){1,6}?(?P<verb>[a-z]+ed)(?:\s+(?:on|in|at)\s+[\w’'. -]{1,30}?)?\s*(?:[.!?]?\s*$|,\s+[a-z]+ing\b)"
)
# `could only quip:`, `demurred:`: a verb (with a modal and an adverb) right before a colon.
_VERB_BEFORE_COLON = re.compile(
    r"(?:\b(?:could|would|can|will|might|must|did|had|has)\s+(?:only\s+|just\s+|simply\s+|then\s+)?)?"
    r"\b(?P<verb>[a-z]+(?:ed)?)\s*$"
)
# A verb before `:` or `,` that leads into a quotation no cue list names.
_LEAD_VERB = re.compile(r"\b(?:[a-z]+(?:ed|es|s)|said|told|wrote|put|spoke|sang|began|went)\b")
# Verbs that report what someone said by characterising it; with "and" before them they share
# the sentence's subject (_speaks_for_subject).
_CHARACTERISING = having("characterising")
_VERB_THAT = re.compile(r"\b(?P<verb>[A-Za-z]+(?:ed|es|s))\s+(?P<that>that)\b")
# Verbs before "that" that do not attribute anything ("so that", "such that", "it seems that").
_NOT_ATTRIBUTION = frozenset(
    "is was has does means meant seems seemed appears appeared makes made ensures ensured as less "
    "this thus his its hers theirs ours yours years days weeks months times".split()
)
# Present-tense verbs of belief and finding that introduce a that-clause (past tenses all may).
_BELIEF_VERBS = having("belief")
# `... and said (that) ...`: a second verb of saying, with the same subject.
_AND_SAID = re.compile(rf"\s+and\s+(?P<cue>{alternation('and-said')})\b\s*(?:that\b)?")
# `X said A, but agreed that B`: a second statement of the same speaker, with its own verb.
_BUT_SAID = re.compile(
    r",?\s+(?:but|and)\s+(?:(?P<pronoun>he|she|they)\s+|(?P<name>[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,2})\s+)?"
    rf"(?:(?:has|have|had)\s+)?(?:also\s+|later\s+|then\s+)?(?P<cue>{alternation('but-said')}|"
    r"(?:say|admit|argue|warn|insist|add|note|claim|acknowledge|concede)s?(?=\s+that\b))\b\s*(?:that\b)?"
)
# After `"A," he said,`: the quotation's sentence running on, unquoted (`that both ...`, `would ...`).
_RUN_ON = re.compile(
    r"\s*,\s*((?:that|would|will|was|is|were|are|could|should|can|had|has|have|may|might|must)\s+\w+"
    r"(?:\s+\S+){2,})"
)
_WHO_SAID = re.compile(
    rf",\s+(?P<who>who)\s+(?:also\s+|has\s+|had\s+)?(?P<cue>{alternation('who-said')})\b"
    r"\s*(?:that\b)?"
)
# A dash that signs a quotation, on its line or on the next one: `"..." ― Name`, `"..."\n\n- Name.`
_SIGNATURE = re.compile(r"[.,]?[ \t\u00a0]*(?:\n[ \t\u00a0]*){0,3}(?P<dash>--|[-–—―])[ \t\u00a0]*(?=[A-Z])")
# Verbs of saying that open a clause of their own after a semicolon (`...; 26 percent say ...`).
_CLAUSE_BOUNDARY = re.compile(r";|,\s+while\b")
_CLAUSE_CUES = having("clause")
_COMMA = re.compile(",")  # for _outside_quotes: the first comma outside quotation marks
# `In a Gazette poll taken in May, the mayor led her rival by 12 points.`: a poll, survey or study
# named in an opening phrase is the source of the sentence after it.
_POLL_OPENING = re.compile(r"In\s+(?P<source>[^,;:\"“”()]{3,100}?)\s*,\s*")
_POLL_NOUN = re.compile(
    r"\b(?:poll|polls|polling|survey|surveys|study|studies|census|analysis|tally)\b", re.IGNORECASE
)
# Verbs of seeming: the writer's own judgement of what they govern, with no one speaking.
_EVIDENTIAL_CUES = having("evidential")
# What a speaker puts out (`released a statement saying ...`), and the verbs that put it out.
_DOCUMENT_NOUNS = frozenset(
    "statement statements letter release report memo message video ad post tweet".split()
)
_PUTTING_OUT = frozenset(
    "released issued published posted sent wrote revised put tweeted filed signed circulated".split()
)
_PARTICIPLE_START = re.compile(rf"(?:{_PARTICIPLES})\b")
_OPENING_CUE = re.compile(rf"\s*(?P<cue>{alternation('opening', capitalised=True)})\s")
# Right after a one-word quotation: `he said`, `Bob said`, `said Ruth Okafor`, `he demanded`.
_ANSWERED = re.compile(
    r"\s*(?:(?:he|she|they|[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,2})\s+(?:said|says|asked|told|[a-z]+ed)\b"
    r"|(?:said|says|asked)\s+[A-Z])"
)
_SAID_BEFORE = re.compile(rf"\b(?:{alternation('said-before')})\s*[,:]\s*$")
_PLACE_OR_MEANS = re.compile(
    rf"(?:\s+(?:(?:on\s+)?(?:{_DAYS})|yesterday|today|tonight|last\s+\w+|this\s+\w+)(?:\s+(?:morning|afternoon|evening|night))?)?"
    r"\s+(?:in|at|during|via|through|on)\s+(?:a|an|the|his|her|their|its|[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*['’]s)\s"
)
_PARTICIPLE_AFTER = re.compile(
    # The comma may stand inside the closing quotation mark: `"... mad," adding that ...`.
    rf"(?:,|(?<=,[\"”’']))\s+(?P<cue>{_PARTICIPLES})\b\s*(?:,\s*)?"
)
# What makes an author's sentence checkable: a figure, a comparison, a cause, a change.
ASSERTION_FEATURE = checkworthiness.WordFeature(
    0.0,
    frozenset(
        "percent million billion trillion higher lower largest smallest highest lowest record doubled "
        "tripled halved increased decreased rose fell caused majority minority most least".split()
    ),
    ("per cent", "more than", "less than", "fewer than", "because of", "led to", "due to"),
    digits=True,
)
ASSERTION_THRESHOLD = 0.5
MIN_CONTENT_WORDS = 4
MAX_CUES_PER_SENTENCE = 12
_WORD_START = re.compile(r"\S+")
FLOATING_QUOTE_LOOKBACK = 3  # paragraphs
# A quotation this long that no cue reached is a statement, not a title or a scare quote.
UNCLAIMED_QUOTE_WORDS = 8


# Nouns that name what someone is, for a bare title before a name ("reporter Jackie Nespral").
_ROLE_NOUNS = (
    TITLE_WORDS
    | SPEAKER_NOUNS
    | frozenset(
        "reporter journalist correspondent anchor host columnist coach player striker founder owner".split()
    )
)


# "campaign manager", "political scientist", "senior strategist": nouns for what people do.
_AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman")


def _bare_title(words: str) -> bool:
    """A lowercase title of up to three words ending in a role noun: "port chairman", "reporter"."""
    parts = words.split()
    return (
        0 < len(parts) <= 3
        and all(p.isalpha() and p.islower() for p in parts)
        and (parts[-1] in _ROLE_NOUNS or (parts[-1].endswith(_AGENT_ENDINGS) and len(parts[-1]) > 5))
        and not any(p in PHRASE_BREAKERS or p in LEADING_FUNCTION_WORDS for p in parts)
    )


_OPENING_PREPOSITIONS = frozenset(
    "on in at during after before from with speaking writing appearing interviewed asked later earlier "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)


def _without(text: str, start: int, end: int, holes: list[Span]) -> str:
    """text[start:end] without the spans in `holes` (which lie inside it, in order)."""
    pieces, at = [], start
    for hole_start, hole_end in holes:
        pieces.append(text[at:hole_start])
        at = hole_end
    pieces.append(text[at:end])
    return " ".join(pieces)


# Between a cue and a title: `said Wednesday on MSNBC's`, `told viewers of`.
_NAMES_A_PLACE = re.compile(r"\b(?:on|in|at|to|of)\s+(?:\S+\s+){0,2}$")


def _in_title_case(quoted: str) -> bool:
    """`"Crippled America: How to Make America Great Again,"`, `"Fox and Friends"`: most of the
    longer words capitalised, as in the title of a book or a programme, not in a sentence."""
    longer = [w for w in re.findall(r"[^\W\d_][\w’'-]*", quoted) if len(w) > 3]
    return len(longer) >= 2 and sum(w[0].isupper() for w in longer) >= 0.75 * len(longer)


def _is_term(quoted: str) -> bool:
    """A word or two in quotation marks inside an attribution (`after hinting that "personnel
    changes" could come`): a term, not a sentence of what was said."""
    return len(quoted.split()) <= 3 and not re.search(r"[.!?]", quoted)


def _is_title(quoted: str) -> bool:
    """A programme, slogan or book title in quotation marks ("This Week", "Meet the Press"): a
    few words, capitalised, no sentence inside."""
    words = quoted.strip(_CLOSING_PUNCT + _SPACE + "\"'“”‘’").split()
    return 0 < len(words) <= 6 and words[0][:1].isupper() and not re.search(r"[.!?,;:]\s", quoted)


class _Attribution:
    """A speaker phrase, its cue and where the attribution's own words lie (for the date)."""

    __slots__ = ("context", "cue", "phrase")

    def __init__(self, phrase: Phrase, cue: Word, context: Span) -> None:
        self.phrase, self.cue, self.context = phrase, cue, context


@dataclass(frozen=True, slots=True)
class _Found:
    """A statement a rule has read, for its caller to add (a rule answers; it never adds).

    kind None: reported speech, as _add_reported decides it (a whole quotation is direct, a quoted
    part makes it mixed). `then_participle`: the sentence end up to which a participle statement
    may follow (`..., X said Tuesday, noting that ...`), looked for once this one is added. `uses`:
    the quotations it takes in, marked used when it is added."""

    start: int
    end: int
    attribution: _Attribution
    rule: str
    kind: str | None = None
    parts: tuple[Span, ...] = ()
    then_participle: int | None = None
    uses: frozenset[int] = frozenset()


def extract(
    text: str,
    published: date | None = None,
    known_speakers: tuple[KnownSpeaker, ...] = (),
    assertions: bool = True,
) -> list[ExtractedClaim]:
    """Claims in reading order. assertions=False leaves out the author's own statements."""
    return _Article(text, published, known_speakers, assertions).run()


def _unnamed_group(phrase: Phrase) -> bool:
    """Several people, none named: a plural noun of speakers at the head, or "they"."""
    if phrase.pronoun:
        return phrase.pronoun == "plural"
    head = phrase.text.split()[-1].lower() if phrase.text.split() else ""
    return head.endswith("s") and head in SPEAKER_NOUNS


class _Article(Document):
    """The rules' state over one document (claims found, spans covered, quotations used, the last
    speaker), beside the document itself (Document: read once, never changed)."""

    def __init__(
        self, text: str, published: date | None, known: tuple[KnownSpeaker, ...], assertions: bool = True
    ) -> None:
        super().__init__(text)
        self.assertions = assertions
        self.published = published
        self._used: set[int] = set()  # quotations already part of a claim (by index)
        self.resolver = Resolver(text, known, paragraph=lambda position: self.para_index(position) + 1)
        self.claims: list[ExtractedClaim] = []
        self.covered = CoveredSpans()
        # The day of the event the article reports, from its opening paragraphs (after the title).
        lede = [text[a:b] for a, b in self.paras[1 : 1 + dates.LEDE_PARAGRAPHS]]
        self._event = dates.event_date("\n".join(lede), published) if published else None
        # (paragraph index, mention) of the latest attributed speaker, for floating quotations.
        self.last_speaker: tuple[int, Mention] | None = None

    # --- helpers ---------------------------------------------------------------------------
    def _overlaps(self, start: int, end: int) -> bool:
        return self.covered.overlaps(start, end)

    def _mention(self, phrase: Phrase) -> Mention:
        name, role, how, kind = self.resolver.resolve(phrase, phrase.start)
        if name is None and _unnamed_group(phrase):
            kind = "group"  # "officials said", "White House officials", an unresolved "they"
        return Mention(phrase.text, phrase.start, phrase.end, name, phrase.role or role, kind, how)

    def _blank(self, start: int, end: int) -> bool:
        """Is text[start:end] nothing but white space? Asked without copying the span."""
        return _NOT_BLANK.search(self.text, start, end) is None

    def _words_beside(self, quote: Quote, s_start: int, s_end: int) -> bool:
        """Does the sentence hold anything but the quotation, spaces and closing punctuation?"""
        text = self.text
        if _NOT_SPACE_OR_PUNCT.search(text, s_start, quote.start) or _NOT_SPACE_OR_PUNCT.search(
            text, quote.end, s_end
        ):
            return True
        # Only spaces and punctuation around it (rare): the exact reading, which keeps a space
        # between two marks, as it always has.
        rest = text[s_start : quote.start].strip() + text[quote.end : s_end].strip()
        return bool(rest.strip(_CLOSING_PUNCT + _SPACE))

    def _trim_end(self, start: int, end: int) -> int:
        """`end` moved back over spaces and closing punctuation, never before `start`."""
        while end > start and self.text[end - 1] in _SPACE + _CLOSING_PUNCT:
            end -= 1
        return end

    def _add(
        self,
        start: int,
        end: int,
        kind: str,
        parts: tuple[Span, ...],
        attribution: _Attribution | None,
        speaker: Mention | None = None,
        *,
        rule: str,
    ) -> None:
        if kind != "direct":
            end = self._trim_end(start, end)
        while start < end and self.text[start] in _SPACE:
            start += 1
        if end <= start:
            return
        cue = attribution.cue if attribution else None
        if cue is not None and cue.lower in _EVIDENTIAL_CUES:
            # `The ferry appears to have lost money`: the writer's hedge, not a source speaking.
            speaker = None
        elif attribution is not None and speaker is None:
            speaker = self._mention(attribution.phrase)
        said, basis = None, ""
        if attribution is not None:
            said = dates.said_on(self.text[attribution.context[0] : attribution.context[1]], self.published)
            basis = "stated" if said else ""
            if said is None and self._event is not None:
                # No time of its own: the time the article sets for the event it reports, marked
                # as inferred, unless its sentence places it at another time ("last year").
                s_start, s_end = self.sentence_around(start)
                if not dates.at_another_time(self.text[s_start:s_end]):
                    said, basis = self._event, "inferred"
        content = self.text[start:end]
        self.claims.append(
            ExtractedClaim(
                text=content,
                start=start,
                end=end,
                kind=kind,
                parts=parts if len(parts) > 1 else (),
                speaker=speaker,
                cue=cue.text if cue else None,
                cue_start=cue.start if cue else None,
                cue_end=cue.end if cue else None,
                said_on=said,
                said_on_basis=basis,
                checkworthiness=checkworthiness.score(content),
                rule=rule,
                stance=self._stance(cue, content),
            )
        )
        self.covered.add(start, end)
        if speaker is not None and (speaker.name or attribution is not None):
            self.last_speaker = (self.para_index(start), speaker)

    def _stance(self, cue: Word | None, content: str) -> Stance:
        """What the speaker did with the statement: the cue's stance (lexicon.cues), unless the cue
        is negated ("has never said") or the statement is itself a question."""
        if cue is not None and _NEGATED.search(self.text, max(0, cue.start - 24), cue.start):
            return Stance.NEGATED
        stance = STANCE_OF.get(cue.lower, Stance.ASSERTED) if cue is not None else Stance.ASSERTED
        if stance is Stance.ASSERTED and content.rstrip(_QUOTE_MARKS + _SPACE).endswith("?"):
            return Stance.QUESTIONED
        return stance

    # --- direct quotations ---------------------------------------------------------------
    def _attribution_after(self, quote_end: int, limit: int) -> _Attribution | None:
        """`"...," X said` or `"...," said X` in the words following a quotation."""
        found = mentions.cues(self.text, quote_end, limit)
        if not found:
            return self._any_verb_after(quote_end, limit)
        cue = found[0]
        # `On "This Week," Rubio said that ...`: a short quoted title followed by an attribution that
        # runs on into content of its own is not what that attribution is about.
        tail = self.text[cue.end : limit]
        runs_on = len(tail.split()) > 10 and not re.match(r"\s*[,.;:!?]", tail)
        if (
            runs_on
            and self._short_quote_before(quote_end)
            and self._led_into(quote_end)
            and mentions.after_cue(self.text, cue, limit) is None
        ):
            return None
        lead = self.text[quote_end : cue.start]
        if len(lead.split()) > 10 or has_quote_mark(lead):
            return None
        if lead.strip(_SPACE + ","):
            phrase = mentions.before_cue(self.text, quote_end, cue.start)
            if phrase is None:
                return None
            gap = self.text[quote_end : phrase.start].strip(_SPACE + ",—–-")
            # `"...," another friend, Mariam Emara, told CNN`: only the role may stand before the name,
            # as an apposition or as a bare title (`"...," port chairman Anders Holm said`).
            if gap and gap != (phrase.role or "").strip(_SPACE + ",") and not _bare_title(gap):
                return None
            if gap and not phrase.role and _bare_title(gap):
                phrase = dataclasses.replace(phrase, role=gap)
        else:
            if self._inside_apposition(quote_end, cue):
                return None
            phrase = mentions.after_cue(self.text, cue, limit)
            if phrase is None:
                return None
        return _Attribution(phrase, cue, (quote_end, limit))

    def _inside_apposition(self, quote_end: int, cue: Word) -> bool:
        """`Ann Weaver, a pilot who calls the rules "a disgrace," said ...`: the quotation is inside
        the apposition of a speaker named before it, and the cue is that speaker's."""
        quote = self.quote_ending_at(quote_end)
        if quote is None:
            return False
        s_start, _ = self.sentence_around(quote.start)
        owner = mentions.before_cue(self.text, s_start, cue.start)
        return owner is not None and owner.name is not None and owner.end < quote.start

    def _led_into(self, quote_end: int) -> bool:
        """Do words of the sentence come before the quotation that ends at quote_end (`On "This
        Week," ...`)? One that opens its sentence (`"We will win," X said and ...`) is a statement."""
        quote = self.quote_ending_at(quote_end)
        if quote is None:
            return False
        s_start, _ = self.sentence_around(quote.start)
        return not self._blank(s_start, quote.start)

    def _short_quote_before(self, quote_end: int) -> bool:
        """Is the quotation that ends at quote_end four words or fewer (a title, not a statement)?"""
        quote = self.quote_ending_at(quote_end)
        return quote is not None and len(self.text[quote.start : quote.end].split()) <= 4

    def _colon_before(self, lo: int, quote_start: int) -> _Attribution | None:
        """`Frank Newport and Jim Harter: "We found that ..."`: a name, a colon, the quotation."""
        before = self.text[lo:quote_start].rstrip()
        if not before.endswith(":"):
            return None
        colon = lo + len(before) - 1
        verb = _VERB_BEFORE_COLON.search(self.text, lo, colon)
        if verb is not None:
            # `a spokesman could only quip: "..."`, `he demurred: "..."`: a verb no list names.
            cue = Word(verb.start("verb"), verb.end("verb"), verb.group("verb"))
            phrase = mentions.before_cue(self.text, lo, verb.start())
            if phrase is not None and (phrase.name or phrase.pronoun):
                return _Attribution(phrase, cue, (lo, quote_start))
        phrase = mentions.before_cue(self.text, lo, colon)
        if phrase is None or phrase.pronoun or (phrase.name is None and phrase.kind == "person"):
            return None
        return _Attribution(phrase, Word(colon, colon + 1, ":"), (lo, quote_start))

    def _any_verb_after(self, quote_end: int, limit: int) -> _Attribution | None:
        """`"France will always be France," an angry Hollande retaliated.`: a speaker and a verb
        that no list names, closing the sentence right after a quotation."""
        m = _VERB_CLOSING.match(self.text, quote_end, limit)
        if not m:
            return None
        verb = m.group("verb")
        cue = Word(m.start("verb"), m.end("verb"), verb)
        phrase = mentions.before_cue(self.text, quote_end, cue.start)
        if phrase is None or self.text[quote_end : phrase.start].strip(_SPACE + ",—–-"):
            return None
        return _Attribution(phrase, cue, (quote_end, limit))

    def _that_clause(self, s_start: int, s_end: int) -> _Found | None:
        """`Officials fear that ...`, `The report concluded that ...`: a verb and a that-clause."""
        text = self.text
        for m in _VERB_THAT.finditer(text, s_start, s_end):
            verb = m.group("verb")
            low = verb.lower()
            if low in _NOT_ATTRIBUTION or verb[0].isupper():
                continue
            if not low.endswith("ed") and low not in _BELIEF_VERBS:
                continue  # "the challenges that ...": a noun and a relative clause
            cue = Word(m.start("verb"), m.end("verb"), verb)
            phrase = mentions.before_cue(text, s_start, cue.start)
            if phrase is None:
                continue
            content_start = m.start("that")
            if self._enough(content_start, s_end):
                return _Found(
                    content_start,
                    s_end,
                    _Attribution(phrase, cue, (s_start, content_start)),
                    rule="that-clause",
                )
        return None

    def _attribution_before(self, lo: int, quote_start: int) -> _Attribution | None:
        """`X said: "..."` or `X said, "..."` in the words before a quotation."""
        if (opening := _OPENING_CUE.match(self.text, lo, quote_start)) and self.text[
            :quote_start
        ].rstrip().endswith((",", ":")):
            # `Said Comey, "..."`, `Said Jo Marsh, who grew up here, "..."`: the cue opens the sentence.
            cue = Word(opening.start("cue"), opening.end("cue"), opening.group("cue"))
            phrase = mentions.after_cue(self.text, cue, quote_start)
            if phrase is not None:
                return _Attribution(phrase, cue, (lo, quote_start))
        found = mentions.cues(self.text, lo, quote_start)
        if not found:
            return self._colon_before(lo, quote_start)
        cue = found[-1]
        tail = self.text[cue.end : quote_start]
        # Only punctuation (or an adverbial) between cue and quotation makes it a direct quotation;
        # `X said the vote showed that "..."` is reported speech with a quotation inside (mixed).
        if not _SAID_ADVERBIAL.fullmatch(tail):
            return None
        phrase = mentions.before_cue(self.text, lo, cue.start)
        if phrase is None:
            phrase = mentions.after_cue(self.text, cue, quote_start)
        if phrase is None and self._speaks_for_subject(cue, lo):
            phrase = mentions.subject(self.text, lo, cue.start)
        if phrase is None:
            return None
        pre = self.text[lo : min(phrase.start, cue.start)]
        first_word = pre.split()[0].lower() if pre.split() else ""
        if (
            pre.rstrip().endswith(",")
            and self._enough(lo, phrase.start)
            and first_word not in LEADING_FUNCTION_WORDS
            # `Watching Trump talk, Reed said: "..."`: a participle opening, not content.
            and not first_word.endswith("ing")
        ):
            return None  # `Content, X said, "more content"`: the reported path takes the whole sentence
        return _Attribution(phrase, cue, (lo, quote_start))

    def _direct(self, i: int, quote: Quote, used: set[int]) -> None:
        text = self.text
        if len(text[quote.start : quote.end].split()) < 2 and not self._answer(quote):
            return  # a single quoted word is a term, not a quotation
        s_start, _ = self.sentence_around(quote.start)
        _, last_end = self.sentence_around(quote.end - 1)
        nxt = self.quotes[i + 1] if i + 1 < len(self.quotes) else None
        if last_end <= quote.end + 1 and text[quote.end - 2 : quote.end - 1] in ("?", "!"):
            # `"But why?" reporter Jackie Nespral asked.`: a question or exclamation closes the
            # sentence for the splitter, but its attribution follows in the next one.
            _, last_end = self.sentence_around(min(len(text) - 1, quote.end + 1))
        after_limit = min(last_end, nxt.start) if nxt and nxt.start < last_end + 1 else last_end
        attribution = self._attribution_after(quote.end, after_limit)
        if attribution is not None and self._title_then_statement(quote, s_start, attribution, last_end):
            return  # the reported path takes what follows the cue
        if attribution is not None:
            start, end, parts, kind = quote.start, quote.end, list(quote.parts), "direct"
            following = i + 1
            if nxt is not None and nxt.start == after_limit:
                # `"A," she said, "B."`: the same statement resumes after the attribution.
                between = text[attribution.cue.end : nxt.start]
                if (
                    re.fullmatch(r"[^.!?\"“”]*[,:]\s*", between)
                    and len(between.split()) <= 30
                    # `..., Cruz said as the heckler yelled: "B"`, `she said, adding, "B."`: a cue of
                    # its own introduces the next quotation.
                    and not mentions.cues(text, attribution.cue.end, nxt.start)
                    and not self._attributed_after(i + 1)
                ):
                    used.add(i + 1)
                    parts += nxt.parts
                    end = nxt.end
                    following = i + 2
            elif (
                run_on := _RUN_ON.match(text, max(attribution.cue.end, attribution.phrase.end), last_end)
            ) and (not has_quote_mark(text[run_on.start(1) : last_end])):
                # `"It's our bad luck," he said, that both men prayed at this mosque.`: the sentence
                # the quotation began goes on after the attribution, unquoted.
                rest_end = self._trim_end(run_on.start(1), last_end)
                parts.append((run_on.start(1), rest_end))
                end, kind = rest_end, "mixed"
            lead = text[s_start : quote.start]
            if lead.strip() and self._is_lead_in(s_start, quote.start):
                # `But on trade, "we will win," he said.`: the lead-in is part of what was said.
                start = s_start
                parts[0] = (s_start, parts[0][1])
                kind = "mixed"
            end, parts = self._continuation(following, end, parts, used)
            self._add(start, end, kind, tuple(parts), attribution, rule="quote-then-cue")
            self._participle_after(attribution, last_end)
            return
        signature = self._signature_after(quote)
        if signature is not None:
            self._add(quote.start, quote.end, "direct", quote.parts, signature, rule="quote-signature")
            return
        prev_end = max(self.previous_quote_end[i], s_start)
        attribution = self._attribution_before(prev_end, quote.start)
        quoted = text[quote.start : quote.end]
        if attribution is not None and (
            _in_title_case(quoted)
            # `told "Fox and Friends,"`: what one tells is a programme, not a statement.
            or (attribution.cue.lower in ("told", "tells") and _is_title(quoted))
        ):
            between = text[attribution.cue.end : quote.start]
            if not between.strip() or _NAMES_A_PLACE.search(between):
                return  # `Fiorina told "Fox and Friends,"`, `he said on MSNBC's "Morning Joe."`
        if attribution is not None:
            rest = text[quote.end : last_end]
            if (
                len(rest.split()) >= 3
                and not has_quote_mark(rest)
                and text[quote.end - 2 : quote.end - 1] not in _CLOSING_PUNCT
                and not _PARTICIPLE_AFTER.match(rest)
                and not _AND_SAID.match(rest)
            ):
                # `Obama said "it gets me mad" every time he thinks of it`: the quotation is part of a
                # longer statement that runs on after it (mixed).
                self._add(quote.start, last_end, "mixed", (), attribution, rule="cue-quote-runs-on")
                return
            self._add(quote.start, quote.end, "direct", quote.parts, attribution, rule="cue-then-quote")
            self._participle_after(attribution, last_end, after=quote.end)
            return
        self._floating(quote, s_start, last_end)

    def _signature_after(self, quote: Quote) -> _Attribution | None:
        """`"...." ― Bernie Sanders`, or the name on a line of its own after a quoted paragraph
        (`- Hillary Clinton.`, as fact-checks set the statement they check): a dash signs the
        quotation. Only a quotation that opens its paragraph, and only a person's name, optionally
        with a role after a comma."""
        text = self.text
        para_start = text.rfind("\n", 0, quote.start) + 1
        if not self._blank(para_start, quote.start):
            return None
        m = _SIGNATURE.match(text, quote.end)
        if m is None:
            return None
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        ws = mentions.words(text, m.end(), line_end)
        if not ws:
            return None
        phrase = mentions.phrase_starting_at(text, ws, line_end)
        if phrase is None or phrase.pronoun or phrase.kind != "person" or not phrase.name:
            return None
        rest = text[phrase.end : line_end].strip()
        if rest.strip(".") and not rest.startswith(","):
            return None  # "- Ready to quiz Trump -": a subheading, not a signature
        dash = Word(m.start("dash"), m.end("dash"), m.group("dash"))
        return _Attribution(phrase, dash, (quote.end, line_end))

    def _attributed_after(self, j: int) -> bool:
        """Does the j-th quotation have an attribution of its own after it (`..., "B," said
        Kunin`)? Then it is a second speaker's statement, not the rest of the first."""
        quote = self.quotes[j]
        _, s_end = self.sentence_around(quote.end - 1)
        nxt = self.quotes[j + 1] if j + 1 < len(self.quotes) else None
        limit = min(s_end, nxt.start) if nxt is not None and nxt.start < s_end + 1 else s_end
        return self._attribution_after(quote.end, limit) is not None

    def _title_then_statement(
        self, quote: Quote, s_start: int, attribution: _Attribution, s_end: int
    ) -> bool:
        """`On ABC's "This Week," Rubio said that ...`: a title in quotation marks inside an opening
        phrase is not what was said when a statement follows the cue."""
        lead = [w.lower() for w in self.text[s_start : quote.start].split()]
        if not lead or (lead[0] not in _OPENING_PREPOSITIONS and lead[-1] not in ("on", "in")):
            if not (lead and lead[0].endswith("ing") and len(lead) >= 3):
                return False
            # `Walking in to chants of "Ida! Ida!," the senator said ...`: a participle opening.
        elif not _is_title(self.text[quote.start : quote.end]):
            return False
        after = self.text[max(attribution.cue.end, attribution.phrase.end) : s_end].split()
        return len(after) >= 4 and after[0].lower() not in _OPENING_PREPOSITIONS

    def _answer(self, quote: Quote) -> bool:
        """`"Absolutely," he said.` and `"Quiet!" he demanded.`: a one-word quotation that ends in
        punctuation and is attributed right after it is an answer, not a term."""
        if self.text[quote.end - 2 : quote.end - 1] not in (",", "!", "?", "."):
            return False
        if _SAID_BEFORE.search(self.text, max(0, quote.start - 40), quote.start):
            return True  # `Asked whether he would fire her, Berg said, "Probably."`
        return _ANSWERED.match(self.text, quote.end, min(len(self.text), quote.end + 80)) is not None

    def _participle_after(self, attribution: _Attribution, s_end: int, after: int | None = None) -> None:
        """`"...," Anderson said, adding that Sanders is "the most trustworthy."` and `She declared
        "What a night!" and said that ...`: a second statement by the same speaker, in the same
        sentence, looked for from `after` (the attribution's cue unless given)."""
        after = attribution.cue.end if after is None else after
        found = [
            m
            for m in (
                _PARTICIPLE_AFTER.search(self.text, after, s_end),
                _AND_SAID.search(self.text, after, s_end),
                _WHO_SAID.search(self.text, after, s_end),
            )
            if m
        ]
        m = min(found, key=lambda m: m.start()) if found else None
        if not m or m.start() - after > 80 or has_quote_mark(self.text[after : m.start()]):
            return
        content_start = m.end()
        if not self._enough(content_start, s_end) or self._overlaps(content_start, s_end):
            return  # too short, or already claimed
        if self.quote_starting_at(content_start) is not None:
            return  # `she said, adding, "B."`: the quotation is read on its own, with this cue
        cue = Word(m.start("cue"), m.end("cue"), m.group("cue"))
        who = attribution.phrase
        if m.re is _WHO_SAID:  # `..., said Ann Weaver, who said ...`: the mention is "who"
            w_start, w_end = m.span("who")
            who = Phrase(
                w_start, w_end, self.text[w_start:w_end], None, who.name, who.role, who.kind, who.gender
            )
        self._add_reported(
            content_start, s_end, _Attribution(who, cue, (m.start(), content_start)), rule="participle"
        )

    def _is_lead_in(self, start: int, quote_start: int) -> bool:
        lead = self.text[start:quote_start]
        return (
            len(lead.split()) <= 25
            and not has_quote_mark(lead)
            # The lead-in runs straight into the quotation: it ends in a comma or mid-phrase.
            and (lead.rstrip()[-1:] == "," or lead.rstrip()[-1:].islower())
        )

    def _continuation(self, j: int, end: int, parts: list[Span], used: set[int]) -> tuple[int, list[Span]]:
        """`"A," he said. "B."`: quotation sentences that follow the attribution in the same
        paragraph continue the same statement (one claim in several parts)."""
        text = self.text
        _, p_end = self.paras[self.para_index(end - 1)]
        titles: list[Span] = []  # `X said on ABC's "This Week." "B."`: a name in quotation marks
        while j < len(self.quotes) and self.quotes[j].start < p_end:
            quote = self.quotes[j]
            gap = _without(text, end, quote.start, titles)
            if has_quote_mark(gap) or len(gap.split()) > 30:
                break
            # A title can end the sentence itself: `he said on "Meet the Press." "B."`
            if not re.search(r"[.!?][\"”’']*\s*$", text[end : quote.start]):
                if _is_title(text[quote.start : quote.end]) or _is_term(text[quote.start : quote.end]):
                    titles.append((quote.start, quote.end))
                    j += 1
                    continue
                break
            q_start, q_end = self.sentence_around(quote.start)
            lead = text[q_start : quote.start]
            if (
                text[quote.end : q_end].strip(_CLOSING_PUNCT + _SPACE)
                or len(lead.split()) > 3
                or has_quote_mark(lead)
            ):
                break
            if lead.strip():
                # `But "..."`: a short lead joins the statement.
                quote_parts = [(q_start, quote.parts[0][1]), *quote.parts[1:]]
                quote = Quote(q_start, quote.end, tuple(quote_parts))
            parts = [*parts, *quote.parts]
            end = quote.end
            used.add(j)
            j += 1
        return end, parts

    def _floating(self, quote: Quote, s_start: int, s_end: int) -> None:
        """A quotation that is a sentence by itself belongs to the speaker attributed just before:
        the rest of a paragraph after `X said.`, or a paragraph that is nothing but a quotation."""
        p_index = self.para_index(quote.start)
        if self.last_speaker is None or self._words_beside(quote, s_start, s_end):
            return
        if _in_title_case(self.text[quote.start : quote.end]):
            return  # a headline or a title standing alone, not the last speaker's words
        last_para, mention = self.last_speaker
        if p_index - last_para > FLOATING_QUOTE_LOOKBACK:
            return
        # The speaker is the one of the statement before, as read there (its mention points there).
        said_before = f"the speaker of the statement before it, in paragraph {last_para + 1}"
        if mention.resolution and mention.resolution != "named as written":
            said_before += f" ({mention.resolution})"
        speaker = dataclasses.replace(mention, resolution=said_before)
        self._add(quote.start, quote.end, "direct", quote.parts, None, speaker=speaker, rule="floating-quote")
        if mention.name:  # the next floating quotation reads the mention as it was, not this wording
            self.last_speaker = (p_index, mention)

    def _unclaimed_quotations(self) -> None:
        """A quotation of a full statement that no attribution above reached (a verb no list
        names, `Billy Joel sings, "..."`, a cue far away) is still a quotation: kept when a speaker
        can be named for it (_speaker_near). Without one it is left out: on PolNeAR train such
        guesses were right about half the time, and a claim with the wrong speaker misleads."""
        for quote in self.quotes:
            quoted = self.text[quote.start : quote.end]
            if len(quoted.split()) < UNCLAIMED_QUOTE_WORDS or _in_title_case(quoted):
                continue  # too short for a statement, or a book's title
            if self._overlaps(quote.start, quote.end):
                continue
            s_start, s_end = self.sentence_around(quote.start)
            phrase = self._speaker_near(quote, s_start, s_end)
            if phrase is not None and self.inside_quote(phrase.start):
                # A name inside another quotation is someone spoken of, not the speaker (on
                # PolNeAR train every such guess was wrong): left out, like any speakerless one.
                continue
            speaker = self._mention(phrase) if phrase is not None else None
            if speaker is None:
                continue
            self._add(
                quote.start, quote.end, "direct", quote.parts, None, speaker=speaker, rule="nearby-speaker"
            )

    def _speaker_near(self, quote: Quote, s_start: int, s_end: int) -> Phrase | None:
        """Who an unattributed quotation is most likely by: a mention right after it, before or
        after a verb (`"...," Katie Packer, who chairs the PAC, said`, `"...!" beamed Ingrid
        Sollie`), else the mention before the verb that leads into it (`X reiterated: "..."`,
        also from the sentence before when that ends in a colon), else that clause's subject."""
        text = self.text
        after = mentions.words(text, quote.end, s_end)
        if after and after[0].capitalised:
            phrase = mentions.phrase_starting_at(text, after, s_end)
            rest = [w for w in after if w.start >= phrase.end] if phrase is not None else []
            if phrase is not None and not phrase.pronoun and (not rest or not rest[0].capitalised):
                return phrase
        elif after and after[0].lower in mentions.PRONOUNS:
            return mentions.phrase_starting_at(text, after, s_end)
        elif after:
            # `"..." election lawyer Joe Birkenstock said`: a verb within a few words, and the
            # mention before it, with at most a bare title between quotation and mention.
            window = after[min(len(after), 12) - 1].end
            verbs = mentions.cues(text, quote.end, window) or [
                Word(m.start(), m.end(), m.group()) for m in _LEAD_VERB.finditer(text, quote.end, window)
            ]
            if verbs:
                verb = verbs[0]
                if not text[quote.end : verb.start].strip(_SPACE + ",—–-"):
                    # `"...!" beamed Ingrid Sollie`: the verb first, then the speaker.
                    named = mentions.words(text, verb.end, s_end)
                    if named and named[0].capitalised:
                        return mentions.phrase_starting_at(text, named, s_end)
                    return None
                phrase = mentions.before_cue(text, quote.end, verb.start)
                gap = text[quote.end : phrase.start] if phrase is not None else ""
                if phrase is not None and len(gap.strip(_SPACE + ",—–-").split()) <= 3:
                    return phrase
        lo = s_start
        if not text[s_start : quote.start].strip():
            before = text[: quote.start].rstrip()
            if not before.endswith((":", ",")):
                return None
            lo, _ = self.sentence_around(len(before) - 1)
        if lo >= quote.start:
            return None
        if re.search(r"[:,]\s*$", text[lo : quote.start]):
            # `Billy Joel sings, "..."`, `Kasich resisted: "..."`: the verb closest before the
            # quotation, and the mention before it.
            for m in reversed(list(_LEAD_VERB.finditer(text, lo, quote.start))):
                if len(text[m.end() : quote.start].split()) > 5:
                    break
                phrase = mentions.before_cue(text, lo, m.start())
                if phrase is not None:
                    return phrase
        return mentions.subject(text, lo, quote.start)

    # --- reported speech -----------------------------------------------------------------
    def _reported_in(self, s_start: int, s_end: int) -> None:
        text = self.text
        if self._take(self._colon_headline(s_start, s_end)):
            return
        # A sentence with more cues than this is a list or debris, not prose; the cap keeps the work
        # per sentence linear in its length.
        found = mentions.cues(text, s_start, s_end)[:MAX_CUES_PER_SENTENCE]
        # `In a survey reported on Monday, the mayor led ...`: cues inside the opening phrase aside.
        if (not found or found[-1].end <= self._opening_phrase_end(s_start, s_end)) and self._take(
            self._poll_opening(s_start, s_end)
        ):
            return
        if not found:
            self._take(self._that_clause(s_start, s_end))
            return
        # `The congressman also plans to vote for Sanders, Welch said.`: an attribution that closes
        # the sentence governs it, whatever verbs the content has.
        last = found[-1]
        if (
            len(found) > 1
            and not self.inside_quote(last.start)
            and self._take(
                self._content_before(last, mentions.before_cue(text, s_start, last.start), s_start, s_end)
            )
        ):
            return
        opening_end = self._opening_phrase_end(s_start, s_end)
        claimed_to = s_start  # the end of a relative clause's statement read below
        for cue in found:
            if cue.start < claimed_to:
                continue
            if self.inside_quote(cue.start):
                continue  # `"Our friends no longer think ...," Bush said`: the quotation's own words
            if cue.end <= opening_end and found[-1].start > opening_end:
                continue  # `In a statement defending Lewandowski, the campaign said ...`
            if cue.lower == "according to":
                if self._take(self._according_to(cue, s_start, s_end)):
                    return
                continue
            phrase = mentions.before_cue(text, s_start, cue.start)
            if phrase is not None and self._take(self._parenthetical(phrase, cue, s_start, s_end)):
                return
            if phrase is None and self._speaks_for_subject(cue, s_start):
                phrase = mentions.subject(text, s_start, cue.start)
            if phrase is not None and self._released_document(phrase, cue, s_start):
                # `The minister released a statement saying ...`: the minister says it.
                phrase = mentions.subject(text, s_start, phrase.start) or phrase
            if phrase is not None and text[max(s_start, phrase.start - 9) : phrase.start].rstrip().endswith(
                (" if", " whether")
            ):
                continue  # `Asked if she believed ..., Clinton said ...`: a question, not a statement
            # `Democrats made history, she said in a video message.`: where or how it was said
            # follows the cue; what was said came before it.
            if _PLACE_OR_MEANS.match(text, cue.end, s_end) and self._take(
                self._content_before(cue, phrase, s_start, s_end)
            ):
                return
            # Content after the cue: `X said (that) ...`.
            if phrase is not None:
                if self._object_who_said(cue.end, s_end):
                    continue  # `Weaver criticized Reyes, who said ...`: Reyes's statement, read below
                content_start = self._content_after(cue, s_end)
                # The statement ends where a second one, with its own speaker and cue, begins:
                # `Barkley, who said he votes Democratic, said ...` (the relative clause's comma),
                # `...; 26 percent of Democrats say ...`, `..., while only 49 percent say ...`.
                first_end = None
                if content_start is not None:
                    ends = (
                        self._relative_clause_end(phrase, cue, found),
                        self._clause_end(content_start, found, s_end),
                    )
                    first_end = next(
                        (e for e in ends if e is not None and self._enough(content_start, e)), None
                    )
                if first_end is not None:
                    self._add_reported(
                        content_start,
                        first_end,
                        _Attribution(phrase, cue, (s_start, content_start)),
                        rule="cue-then-content",
                    )
                    claimed_to = first_end
                    continue
                if content_start is not None and self._enough_or_quoted(content_start, s_end):
                    attribution = _Attribution(phrase, cue, (s_start, content_start))
                    participle = self._outside_quotes(_PARTICIPLE_AFTER, content_start, s_end)
                    second = self._outside_quotes(
                        _BUT_SAID, content_start, participle.start() if participle else s_end
                    )
                    if second and self._enough_or_quoted(second.end(), s_end):
                        # `Trump said he did not own the jets to burnish his brand, but agreed that
                        # they had "promotional value"`: two statements, each with its own cue. The
                        # first may be only an object (`Scott blasted Congress and said ...`).
                        if self._enough_or_quoted(content_start, second.start()):
                            self._add_reported(
                                content_start, second.start(), attribution, rule="cue-then-content"
                            )
                        again = Word(second.start("cue"), second.end("cue"), second.group("cue"))
                        who = phrase
                        if second.group("pronoun"):  # `..., but he called it "careless"`: "he" is the mention
                            p_start, p_end = second.span("pronoun")
                            who = mentions.pronoun_phrase(Word(p_start, p_end, second.group("pronoun")))
                        elif second.group("name"):  # `..., and Trump vowed to "bomb ..."`: another speaker
                            who = mentions.describe(text, *second.span("name"))
                        self._add_reported(
                            second.end(),
                            s_end,
                            _Attribution(who, again, (second.start(), second.end())),
                            rule="second-cue",
                        )
                    elif participle and cue.lower not in PARTICIPLE_CUES:
                        # `Varga rejected the plan, saying it would ruin the fleet`: two statements.
                        self._add_reported(
                            content_start, participle.start(), attribution, rule="cue-then-content"
                        )
                        self._participle_after(attribution, s_end)
                    else:
                        self._add_reported(content_start, s_end, attribution, rule="cue-then-content")
                    return
            # Content before the cue: `..., X said.`, `..., said X, the Y.`, `..., X said Tuesday, noting ...`
            if self._take(self._content_before(cue, phrase, s_start, s_end)):
                return

    def _outside_quotes(self, pattern: re.Pattern, start: int, end: int) -> re.Match | None:
        """The first match of pattern between start and end that is not inside a quotation (a
        speaker's own "saying" or "but said" is part of what they said)."""
        for m in pattern.finditer(self.text, start, end):
            if not self.inside_quote(m.start()):
                return m
        return None

    def _object_who_said(self, after_cue: int, s_end: int) -> bool:
        """Is what follows a cue only its object and a relative clause that says something of its
        own (`criticized Reyes, who said ...`, `told Reyes, who said ...`)? Then the statement is
        the object's."""
        m = _WHO_SAID.search(self.text, after_cue, s_end)
        return m is not None and 0 < len(self.text[after_cue : m.start()].split()) <= 5

    def _released_document(self, phrase: Phrase, cue: Word, s_start: int) -> bool:
        """Is the mention before a participle cue a document its sentence's subject put out
        (`X released a statement saying`, `she revised her statement explaining`)?"""
        if cue.lower not in PARTICIPLE_CUES or phrase.name is not None or phrase.pronoun:
            return False
        head = phrase.text.split()[-1].lower()
        if head not in _DOCUMENT_NOUNS:
            return False
        verb = re.search(r"([a-z]+)\s+$", self.text[max(s_start, phrase.start - 30) : phrase.start])
        return verb is not None and verb.group(1) in _PUTTING_OUT

    def _poll_opening(self, s_start: int, s_end: int) -> _Found | None:
        """`In the latest harbour survey, most islanders wanted a bridge`: the survey is the source."""
        m = _POLL_OPENING.match(self.text, s_start, s_end)
        if m is None or not _POLL_NOUN.search(m.group("source")):
            return None
        end = self._trim_end(m.end(), s_end)
        if not self._enough(m.end(), end):
            return None
        start, stop = m.span("source")
        source = dataclasses.replace(mentions.describe(self.text, start, stop), kind=None, name=None)
        cue = Word(s_start, s_start + 2, self.text[s_start : s_start + 2])
        return _Found(m.end(), end, _Attribution(source, cue, (s_start, m.end())), rule="poll-opening")

    def _opening_phrase_end(self, s_start: int, s_end: int) -> int:
        """Where a sentence's opening prepositional phrase ends (its comma), or s_start: `In a
        statement defending Lewandowski, ...`."""
        words = self.text[s_start : min(s_end, s_start + 40)].split(maxsplit=1)
        if not words or words[0].lower() not in ("in", "at", "during", "after", "before", "with", "from"):
            return s_start
        comma = self.text.find(",", s_start, s_end)
        return comma if comma > 0 else s_start

    def _clause_end(self, content_start: int, found: list[Word], s_end: int) -> int | None:
        """Where the first clause's statement ends when a semicolon or ", while" (outside
        quotations) opens a second clause with its own speaker and verb of saying."""
        boundary = self._outside_quotes(_CLAUSE_BOUNDARY, content_start, s_end)
        if boundary is None:
            return None
        for cue in found:
            if cue.start > boundary.start() and cue.lower in _CLAUSE_CUES:
                # Only when the second clause names its own speaker.
                speaker = mentions.before_cue(self.text, boundary.end(), cue.start)
                return boundary.start() if speaker is not None else None
        return None

    def _relative_clause_end(self, phrase: Phrase, cue: Word, found: list[Word]) -> int | None:
        """For `X, who said A, said B`: where A ends (the comma before the next cue), when the
        mention is the relative "who" and the next cue's speaker is X."""
        if phrase.text.lower() != "who":
            return None
        for later in (c for c in found if c.start > cue.end):
            comma = self.text.rfind(",", cue.end, later.start)
            if comma >= 0 and not self.text[comma + 1 : later.start].strip(_SPACE):
                return comma
        return None

    def _content_before(self, cue: Word, phrase: Phrase | None, s_start: int, s_end: int) -> _Found | None:
        text = self.text
        comma = text.rfind(",", s_start, phrase.start if phrase else cue.start)
        # `PORT ELLEN, May 2 - Tolls will fall, the ministry said.`: the dateline is not what was said.
        if (dateline := mentions.DATELINE.match(text, s_start, max(s_start, comma))) is not None:
            s_start = dateline.end()
        if comma <= s_start or not self._enough(s_start, comma):
            return None
        if phrase is None:
            phrase = mentions.after_cue(text, cue, s_end)
            if phrase is None:
                return None
        lead = text[comma + 1 : min(phrase.start, cue.start)].strip(_SPACE + ALL_QUOTES + "'")
        if lead and lead != phrase.text:
            return None
        # After the attribution only adverbials, an apposition or a participle clause may follow:
        # `..., said Mindy Romero, director of ...`, `..., Hollande said Tuesday in Paris, noting ...`.
        after = text[max(cue.end, phrase.end) : s_end]
        adverbial = _SAID_ADVERBIAL.match(after)
        rest = after[adverbial.end() :] if adverbial else after
        if len(after.split()) > 8 and not (
            after.lstrip().startswith(",")
            or re.match(r"[a-z]+ing\b", rest)
            or not rest.strip(_CLOSING_PUNCT + _SPACE)
        ):
            return None
        first = text[s_start:comma].split()[0].lower()
        if first in ("if", "when", "asked", "while", "although", "though", "because", "as") and not (
            # `If the ferry stops, the island will lose its visitors, Weaver said.`: the clause is part of a
            # statement that the attribution closes.
            first != "asked" and "," in text[s_start:comma] and not rest.strip(_CLOSING_PUNCT + _SPACE)
        ):
            return None  # a subordinate clause, not what was said
        if comma == self._opening_phrase_end(s_start, s_end):
            return None  # `In a statement defending X, Y said ...`: where it was said
        attribution = _Attribution(phrase, cue, (comma, s_end))
        if has_quote_mark(text[s_start:comma]):
            # `... the "textbook definition" of waste, Brock said. "There is no better foil."`: as
            # after a quotation, the quotation sentences that follow continue the statement.
            following = bisect.bisect_left(self.quote_starts, s_end)
            taken: set[int] = set()
            end, parts = self._continuation(following, comma, [(s_start, comma)], taken)
            if len(parts) > 1:
                return _Found(
                    s_start,
                    end,
                    attribution,
                    rule="content-then-cue",
                    kind="mixed",
                    parts=tuple(parts),
                    uses=frozenset(taken),
                )
        # `..., X said Tuesday, noting that ...`: a participle statement may follow.
        return _Found(s_start, comma, attribution, rule="content-then-cue", then_participle=s_end)

    def _speaks_for_subject(self, cue: Word, s_start: int) -> bool:
        """`Republicans blocked the bill, saying ...` and `She declared victory and said ...`:
        a participle after a comma, or a second verb after "and", has the sentence's subject. The
        verb after "and" must be one of saying or of characterising what someone said (`took the
        stage and called the system "rotten"`): "he favors X and opposes Y" has its own subject."""
        before = self.text[s_start : cue.start].rstrip()
        if cue.lower in PARTICIPLE_CUES and before.endswith((",", " by")):
            return True  # `..., saying` and `landed in trouble by saying`
        # Only verbs of saying: "he favors X and opposes Y" has a subject of its own clause.
        return (cue.lower in INVERSION_CUES or cue.lower in _CHARACTERISING) and before.endswith(
            (" and", " but", " then")
        )

    def _parenthetical(self, phrase: Phrase, cue: Word, s_start: int, s_end: int) -> _Found | None:
        """`CONTENT, X said, MORE CONTENT.`: one statement in two parts around its attribution."""
        text = self.text
        before = text[s_start : phrase.start]
        if not before.rstrip().endswith(",") or not before.strip(_SPACE + ","):
            return None
        first_word = before.split()[0].lower() if before.split() else ""
        if first_word in LEADING_FUNCTION_WORDS or first_word in PHRASE_BREAKERS:
            return None  # "In a statement, X said ...": an adverbial, not content
        m = _SAID_ADVERBIAL.match(text, cue.end, s_end)
        if not m or "," not in text[cue.end : m.end()] or not self._enough(m.end(), s_end):
            return None
        if re.match(r"[a-z]+ing\b", text[m.end() : m.end() + 30]):
            return None  # `..., Hollande said, noting ...`: a participle clause, not more content
        first_end = s_start + len(before.rstrip().rstrip(","))
        end = self._trim_end(m.end(), s_end)
        content = text[s_start:first_end] + text[m.end() : end]
        kind = "mixed" if has_quote_mark(content) else "indirect"
        return _Found(
            s_start,
            end,
            _Attribution(phrase, cue, (s_start, s_end)),
            rule="parenthetical",
            kind=kind,
            parts=((s_start, first_end), (m.end(), end)),
        )

    def _colon_headline(self, s_start: int, s_end: int) -> _Found | None:
        """`Trump: Cruz Has 'To Come a Long Way' On Ethanol`: a paragraph that opens with a name and a colon."""
        text = self.text
        if s_start not in self.paragraph_starts:
            return None
        m = _COLON_LEAD.match(text, s_start, s_end)
        if not m or not self._enough(m.end(), s_end):
            return None
        phrase = mentions.before_cue(text, s_start, m.start(1) + len(m.group(1).rstrip()))
        if phrase is None or phrase.pronoun or (phrase.name is None and phrase.kind == "person"):
            return None
        colon = m.end(1)
        cue = Word(colon, colon + 1, ":")
        return _Found(m.end(), s_end, _Attribution(phrase, cue, (s_start, m.end())), rule="colon-headline")

    def _content_after(self, cue: Word, s_end: int) -> int | None:
        text = self.text
        pos = cue.end
        if cue.lower in _TELLING or cue.lower in ("asked", "asks", "urged", "warned"):
            m = _TOLD_OBJECT.match(text, pos, s_end)
            if m and cue.lower in _TELLING:
                pos = m.end()  # whom they told is no part of what they said
        m = _SAID_ADVERBIAL.match(text, pos, s_end)
        pos = m.end() if m else pos
        if (
            m
            and text[m.start() : m.end()].rstrip().endswith(",")
            and _PARTICIPLE_START.match(text, pos, s_end)
        ):
            return None  # `X said Tuesday in Paris, noting ...`: what X said came before the cue
        if pos >= s_end or not (
            text[pos].isalnum() or text[pos] in ALL_QUOTES or text.startswith(DOUBLED_APOSTROPHE, pos)
        ):
            return None
        return pos

    def _enough_or_quoted(self, start: int, end: int) -> bool:
        """Enough words, or fewer with a quotation among them: `Bush called Trump "unhinged."`,
        a characterisation in the speaker's own words, is a statement however short."""
        content = self.text[start:end]
        return self._enough(start, end) or (has_quote_mark(content) and len(content.split()) >= 2)

    def _enough(self, start: int, end: int) -> bool:
        """At least MIN_CONTENT_WORDS words between start and end (stops counting there)."""
        for count, _ in enumerate(_WORD_START.finditer(self.text, start, end), 1):
            if count >= MIN_CONTENT_WORDS:
                return True
        return False

    def _according_to(self, cue: Word, s_start: int, s_end: int) -> _Found | None:
        text = self.text
        phrase = mentions.after_cue(text, Word(cue.start, cue.end, "said"), s_end)
        if phrase is None:
            opening = cue.start - s_start <= 2
            if opening or text[s_start : cue.start].rstrip().endswith(","):
                phrase = self._source_before_comma(cue, s_end, or_sentence_end=not opening)
        if phrase is None:
            return None
        attribution = _Attribution(phrase, cue, (cue.start, phrase.end))
        # `A, according to X, B.`: the statement runs around its attribution.
        before = text[s_start : cue.start].rstrip()
        after_phrase = text[phrase.end : s_end]
        inner_end = after_phrase.find(",")
        if before.endswith(",") and inner_end >= 0:
            resume = phrase.end + inner_end + 1
            while resume < s_end and text[resume] in _SPACE:
                resume += 1
            end = self._trim_end(resume, s_end)
            if self._enough(resume, end) and not mentions.cues(text, resume, end) and before.strip(","):
                first_end = s_start + len(before) - 1
                content = text[s_start:first_end] + text[resume:end]
                kind = "mixed" if has_quote_mark(content) else "indirect"
                return _Found(
                    s_start,
                    end,
                    attribution,
                    rule="according-to-around",
                    kind=kind,
                    parts=((s_start, first_end), (resume, end)),
                )
        if cue.start - s_start <= 2:
            comma = text.find(",", phrase.end, s_end)
            if comma > 0 and self._enough(comma + 1, s_end):
                return _Found(comma + 1, s_end, attribution, rule="according-to")
            return None
        before = text[s_start : cue.start].rstrip(_SPACE + ",")
        if self._enough(s_start, s_start + len(before)):
            return _Found(s_start, s_start + len(before), attribution, rule="according-to")
        return None

    def _source_before_comma(self, cue: Word, s_end: int, or_sentence_end: bool = False) -> Phrase | None:
        """`According to early results of exit polls conducted for the Gazette by Vell Research, ...`, `According
        to her "clawback" plan, ...`: a source no noun-phrase reading covers, taken whole up to
        the comma that ends the opening (at most 20 words). or_sentence_end: the source may also
        run to the end of the sentence (`..., according to exit polls.`)."""
        found = self._outside_quotes(_COMMA, cue.end, s_end)
        if found is not None:
            comma = found.start()
        elif or_sentence_end:
            comma = self._trim_end(cue.end, s_end)
        else:
            return None
        start = cue.end + len(self.text[cue.end : comma]) - len(self.text[cue.end : comma].lstrip())
        if not 0 < len(self.text[start:comma].split()) <= 20:
            return None
        source = mentions.describe(self.text, start, comma)
        # A report or a plan, not a person, unless a name was read in it.
        return source if source.name else dataclasses.replace(source, kind=None)

    def _assertions(self) -> None:
        """The author's own checkable statements: unattributed sentences with figures, comparisons
        or causes, scored check-worthy. Questions, quotations and fragments are left out."""
        text = self.text
        for s_start, s_end in self.sentence_spans:
            if self._overlaps(s_start, s_end):
                continue
            sentence = text[s_start:s_end]
            words = len(sentence.split())
            if not 8 <= words <= 80 or has_quote_mark(sentence) or sentence.rstrip().endswith("?"):
                continue
            if not (sentence[:1].isupper() or sentence[:1].isdigit()):
                continue  # a fragment left by a broken line, not a sentence
            if not ASSERTION_FEATURE.search(sentence):
                continue
            score = checkworthiness.score(sentence)
            if score < ASSERTION_THRESHOLD:
                continue
            end = self._trim_end(s_start, s_end)
            self.claims.append(
                ExtractedClaim(
                    text=text[s_start:end],
                    start=s_start,
                    end=end,
                    kind="assertion",
                    said_on=self.published,
                    said_on_basis="published" if self.published else "",
                    checkworthiness=score,
                    rule="assertion",
                )
            )
            self.covered.add(s_start, end)

    def _take(self, found: _Found | None) -> bool:
        """Add what a rule found (nothing when it found nothing); whether there was something."""
        if found is None:
            return False
        self._used.update(found.uses)
        if found.kind is None:
            self._add_reported(found.start, found.end, found.attribution, rule=found.rule)
        else:
            self._add(found.start, found.end, found.kind, found.parts, found.attribution, rule=found.rule)
        if found.then_participle is not None:
            self._participle_after(found.attribution, found.then_participle)
        return True

    def _add_reported(self, start: int, end: int, attribution: _Attribution, *, rule: str) -> None:
        quote = self.quote_starting_at(start)
        if quote is not None and quote.start == start and quote.end == end:
            # `..., telling Reuters, "B."`: what was said is the quotation itself.
            self._add(start, end, "direct", quote.parts, attribution, rule=rule)
            return
        content = self.text[start:end]
        kind = "mixed" if has_quote_mark(content) else "indirect"
        self._add(start, end, kind, (), attribution, rule=rule)

    def run(self) -> list[ExtractedClaim]:
        # Paragraph by paragraph in reading order, so that "he" and "Mr Brenner" resolve
        # against the names a reader has met by then.
        used = self._used
        q = 0
        for spans in self.by_paragraph:
            for s_start, s_end in spans:
                while q < len(self.quotes) and self.quotes[q].start < s_end:
                    if q not in used:
                        self._direct(q, self.quotes[q], used)
                    q += 1
                if not self._overlaps(s_start, s_end):
                    self._reported_in(s_start, s_end)
        self._unclaimed_quotations()
        if self.assertions:
            self._assertions()
        self.claims.sort(key=lambda c: c.start)
        return self.claims
