"""The arbiter: reads a document in the order a reader does, asks the rules (extraction/rules/)
in their tables' order, and alone keeps what they find.

It decides overlaps (a finding over text already claimed is not kept: a participle statement;
a sentence or a quotation already covered is not read again), continuations (the quotations a
finding takes in are not read again; a finding may let its sentence's later cues be read, or
ask for a participle statement after it) and the speaker's identity: mentions are resolved here,
in reading order, so that "he" and "Mr Brenner" resolve against the names a reader has met by
then. Its state (findings kept, spans covered, quotations used, the last speaker) is its own;
the document it reads is never changed.
"""

from datetime import date

from . import checkworthiness, dates
from .document import SPACE, Document
from .lexicon import SPEAKER_NOUNS
from .lexicon.cues import STANCE_OF
from .mentions import Phrase, Word
from .resolve import Resolver
from .rules import (
    CUE_RULES,
    QUOTATION_RULES,
    SENTENCE_RULES,
    Attribution,
    Finding,
    Skip,
    assertion,
    cue_place,
    nearby_speaker,
    participle,
    place_of,
    sentence_place,
    single_word,
)
from .rules.patterns import EVIDENTIAL_CUES, NEGATED, QUOTE_MARKS
from .spans import CoveredSpans
from .text import has_quote_mark
from .types import ExtractedClaim, KnownSpeaker, Mention, Span, Stance


def _unnamed_group(phrase: Phrase) -> bool:
    """Several people, none named: a plural noun of speakers at the head, or "they"."""
    if phrase.pronoun:
        return phrase.pronoun == "plural"
    head = phrase.text.split()[-1].lower() if phrase.text.split() else ""
    return head.endswith("s") and head in SPEAKER_NOUNS


class Arbiter:
    def __init__(
        self, doc: Document, published: date | None, known: tuple[KnownSpeaker, ...], assertions: bool = True
    ) -> None:
        self.doc = doc
        self.assertions = assertions
        self.published = published
        self.used: set[int] = set()  # quotations already part of a finding (by index)
        self.resolver = Resolver(doc.text, known, paragraph=lambda position: doc.para_index(position) + 1)
        self.claims: list[ExtractedClaim] = []
        self.covered = CoveredSpans()
        # The day of the event the article reports, from its opening paragraphs (after the title).
        lede = [doc.text[a:b] for a, b in doc.paras[1 : 1 + dates.LEDE_PARAGRAPHS]]
        self._event = dates.event_date("\n".join(lede), published) if published else None
        # (paragraph index, mention) of the latest attributed speaker, for floating quotations.
        self.last_speaker: tuple[int, Mention] | None = None

    def overlaps(self, start: int, end: int) -> bool:
        return self.covered.overlaps(start, end)

    # --- the reading order ---------------------------------------------------------------
    def run(self) -> list[ExtractedClaim]:
        doc = self.doc
        q = 0
        for spans in doc.by_paragraph:
            for s_start, s_end in spans:
                while q < len(doc.quotes) and doc.quotes[q].start < s_end:
                    if q not in self.used:
                        self._read_quotation(q)
                    q += 1
                if not self.overlaps(s_start, s_end):
                    self._read_sentence(s_start, s_end)
        for quote in doc.quotes:
            if not self.overlaps(quote.start, quote.end):
                self.keep(nearby_speaker(doc, quote))
        if self.assertions:
            for sentence in doc.sentence_spans:
                if not self.overlaps(*sentence):
                    self.keep(assertion(doc, sentence))
        self.claims.sort(key=lambda c: c.start)
        return self.claims

    def _read_quotation(self, i: int) -> None:
        if single_word(self.doc, self.doc.quotes[i]):
            return
        place = place_of(self.doc, i)
        for rule in QUOTATION_RULES:
            found = rule(self.doc, place, self)
            if found is not None:
                self.keep(found)
                return

    def _read_sentence(self, s_start: int, s_end: int) -> None:
        doc = self.doc
        sentence = sentence_place(doc, s_start, s_end)
        for rule in SENTENCE_RULES:
            found = rule(doc, sentence, self)
            if found is not None:
                self.keep(found)
                return
        claimed_to = s_start  # the end of a finding that lets the sentence go on
        for cue in sentence.cues:
            if cue.start < claimed_to or (place := cue_place(doc, sentence, cue)) is None:
                continue
            for rule in CUE_RULES:
                found = rule(doc, place, self)
                if found is None:
                    continue
                if isinstance(found, Skip):
                    break
                self.keep(found)
                if not found.resume:
                    return
                claimed_to = found.end
                break

    # --- keeping a finding -----------------------------------------------------------------
    def keep(self, found: Finding | Skip | None) -> None:
        """Keep what a rule found (nothing when it found nothing), then its follow-ups."""
        if found is None or isinstance(found, Skip):
            return
        self.used.update(found.uses)
        if found.kind == "assertion":
            self._keep_assertion(found)
        elif found.kind is None:
            self._keep_reported(found)
        else:
            self._keep(found, found.kind, found.parts)
        if found.then_participle is not None and found.attribution is not None:
            more = participle(self.doc, found.attribution, found.then_participle, found.participle_from)
            if more is not None and not self.overlaps(more.start, more.end):
                self.keep(more)
        for then in found.also:
            self.keep(then)

    def _keep_reported(self, found: Finding) -> None:
        quote = self.doc.quote_starting_at(found.start)
        if quote is not None and quote.start == found.start and quote.end == found.end:
            # `..., telling Reuters, "B."`: what was said is the quotation itself.
            self._keep(found, "direct", quote.parts)
            return
        content = self.doc.text[found.start : found.end]
        self._keep(found, "mixed" if has_quote_mark(content) else "indirect", ())

    def _keep(self, found: Finding, kind: str, parts: tuple[Span, ...]) -> None:
        text, attribution, speaker = self.doc.text, found.attribution, found.speaker
        start, end = found.start, found.end
        if kind != "direct":
            end = self.doc.trim_end(start, end)
        while start < end and text[start] in SPACE:
            start += 1
        if end <= start:
            return
        cue = attribution.cue if attribution else None
        if cue is not None and cue.lower in EVIDENTIAL_CUES:
            # `The ferry appears to have lost money`: the writer's hedge, not a source speaking.
            speaker = None
        elif attribution is not None and speaker is None:
            speaker = self._mention(attribution.phrase)
        elif found.speaker_phrase is not None:
            speaker = self._mention(found.speaker_phrase)
        said, basis = self._said(attribution, start)
        content = text[start:end]
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
                rule=found.rule,
                stance=self._stance(cue, content),
            )
        )
        self.covered.add(start, end)
        if speaker is not None and (speaker.name or attribution is not None):
            self.last_speaker = (self.doc.para_index(start), found.remember_as or speaker)

    def _keep_assertion(self, found: Finding) -> None:
        self.claims.append(
            ExtractedClaim(
                text=self.doc.text[found.start : found.end],
                start=found.start,
                end=found.end,
                kind="assertion",
                said_on=self.published,
                said_on_basis="published" if self.published else "",
                checkworthiness=found.score or 0.0,
                rule=found.rule,
            )
        )
        self.covered.add(found.start, found.end)

    def _mention(self, phrase: Phrase) -> Mention:
        name, role, how, kind = self.resolver.resolve(phrase, phrase.start)
        if name is None and _unnamed_group(phrase):
            kind = "group"  # "officials said", "White House officials", an unresolved "they"
        return Mention(phrase.text, phrase.start, phrase.end, name, phrase.role or role, kind, how)

    def _said(self, attribution: Attribution | None, start: int) -> tuple[date | None, str]:
        """When the statement was said, and how that is known (stated, inferred or not at all)."""
        if attribution is None:
            return None, ""
        text = self.doc.text
        said = dates.said_on(text[attribution.context[0] : attribution.context[1]], self.published)
        if said is not None:
            return said, "stated"
        if self._event is not None:
            # No time of its own: the time the article sets for the event it reports, marked as
            # inferred, unless its sentence places it at another time ("last year").
            s_start, s_end = self.doc.sentence_around(start)
            if not dates.at_another_time(text[s_start:s_end]):
                return self._event, "inferred"
        return None, ""

    def _stance(self, cue: Word | None, content: str) -> Stance:
        """What the speaker did with the statement: the cue's stance (lexicon.cues), unless the cue
        is negated ("has never said") or the statement is itself a question."""
        if cue is not None and NEGATED.search(self.doc.text, max(0, cue.start - 24), cue.start):
            return Stance.NEGATED
        stance = STANCE_OF.get(cue.lower, Stance.ASSERTED) if cue is not None else Stance.ASSERTED
        if stance is Stance.ASSERTED and content.rstrip(QUOTE_MARKS + SPACE).endswith("?"):
            return Stance.QUESTIONED
        return stance
