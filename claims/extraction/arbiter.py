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

import dataclasses
import re
from datetime import date

from . import checkworthiness, dates, issuers, stances
from .document import SPACE, Document
from .lexicon import LINK_LABELS, SPEAKER_NOUNS
from .lexicon.cues import STANCE_OF
from .lexicon.people import GIVEN_NAMES
from .lexicon.places import COUNTRIES, US_STATES
from .mentions import Phrase, chosen_by, describe
from .resolve import Resolver
from .rulebook import in_rulebook_order
from .rules import (
    CUE_RULES,
    QUOTATION_RULES,
    RESUME_SENTENCE,
    SENTENCE_RULES,
    Attribution,
    Finding,
    KeepNext,
    LookForParticiple,
    RememberSpeaker,
    Skip,
    TakeQuotations,
    assertion,
    cue_place,
    kind_by_quote_marks,
    nearby_speaker,
    participle,
    place_of,
    sentence_place,
    single_word,
)
from .rules.patterns import EVIDENTIAL_CUES, FLOATING_QUOTE_LOOKBACK, NEGATED, QUOTE_MARKS
from .spans import CoveredSpans
from .tokens import Word
from .types import ClaimKind, ExtractedClaim, KnownSpeaker, Mention, Span, Stance


def _unnamed_group(phrase: Phrase) -> bool:
    """Several people, none named: a plural noun of speakers at the head, or "they"."""
    if phrase.pronoun:
        return phrase.pronoun == "plural"
    head = phrase.text.split()[-1].lower() if phrase.text.split() else ""
    return head.endswith("s") and head in SPEAKER_NOUNS


# `Harbour Radio and Island News`: another capitalised name joined to a speaker by "and" (one to four words).
_PARTNER_NAME = r"(?P<name>[A-Z][\w’'.&!-]*(?:[ \u00a0]+[A-Z][\w’'.&!-]*){0,3})"
_PARTNER_BEFORE = re.compile(rf"(?<![\w’'-]){_PARTNER_NAME}[ \u00a0]+and[ \u00a0]+$")


def _may_name_an_outlet(name: str) -> bool:
    first = name.split()[0].lower()
    return first not in GIVEN_NAMES and first not in COUNTRIES and first not in US_STATES


# `the Center for Media and Public Affairs`: the words before "and" belong to a longer name.
_INSIDE_A_NAME = re.compile(r"\b(?:of|for|and|the)\s+$", re.IGNORECASE)
_PARTNER_INSIDE = re.compile(rf"[ \u00a0]+and[ \u00a0]+{_PARTNER_NAME}$")

# A paragraph that links to another article: `MORE: ...`, `Read more | ...`, `RELATED: ...`.
LINK_LINE = re.compile(
    r"\s*(?:" + "|".join(label.replace(" ", r"\s+") for label in LINK_LABELS) + r")\s*(?::|\||»|>>|—|–|-\s)",
    re.IGNORECASE,
)
# A list item a page keeps from its related links: `- Ferry chief tells harbour story ...`, ending
# without a sentence's closing punctuation.
_LIST_ITEM = re.compile(r"\s*[-•·*▪]\s+\S")
_SENTENCE_CLOSE = re.compile(r"[.!?…][\"”’')\]]*\s*$")


def _link_item(text: str, start: int, end: int) -> bool:
    return _LIST_ITEM.match(text, start, end) is not None and _SENTENCE_CLOSE.search(text, start, end) is None


# Outside a quotation, "I" is the writer and "you" the reader: no source is speaking.
_WRITER_OR_READER = frozenset({"i", "you"})


def _first_sentence(content: str) -> str:
    """The statement up to its first sentence's end: a statement that goes on after a question it
    quotes (`"I asked myself: why? And I left."`) is asked only if its first sentence is."""
    m = _SENTENCE_END.search(content)
    return content[: m.end()] if m else content


_SENTENCE_END = re.compile(r"[.!?][\"”’']*(?=\s+[\"“]?[A-Z])")


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
        # The latest speaker said to issue a document, by the document's noun ("statement"):
        # (paragraph index, mention).
        self.issued: dict[str, tuple[int, Mention]] = {}
        # Documents the text says someone put out (`Harbour Records issued a statement`): (where,
        # the document's noun, who put it out), in reading order; read when first needed.
        self._put_out: list[tuple[int, str, Phrase]] | None = None

    def overlaps(self, start: int, end: int) -> bool:
        return self.covered.overlaps(start, end)

    # --- the reading order ---------------------------------------------------------------
    def run(self) -> list[ExtractedClaim]:
        doc = self.doc
        q = 0
        for (p_start, p_end), spans in zip(doc.paras, doc.by_paragraph, strict=True):
            if LINK_LINE.match(doc.text, p_start, p_end) or _link_item(doc.text, p_start, p_end):
                # `READ MORE: Ferry operator says it will cut sailings`: a link to another article.
                self.covered.add(p_start, p_end)
                while q < len(doc.quotes) and doc.quotes[q].start < p_end:
                    q += 1
                continue
            for s_start, s_end in spans:
                while q < len(doc.quotes) and doc.quotes[q].start < s_end:
                    if q not in self.used:
                        self._read_quotation(q)
                    q += 1
                if not self.overlaps(s_start, s_end):
                    self._read_sentence(s_start, s_end)
                elif (first := self.covered.first_covered(s_start, s_end)) is not None and self._says_before(
                    s_start, first
                ):
                    # `Liu said that the army could be deployed, warning: "..."`: the quotation is
                    # kept; what the sentence says before it is read on its own.
                    self._read_sentence(s_start, first)
        for quote in doc.quotes:
            if not self.overlaps(quote.start, quote.end):
                self.keep(nearby_speaker(doc, quote))
        if self.assertions:
            for sentence in doc.sentence_spans:
                if not self.overlaps(*sentence):
                    self.keep(assertion(doc, sentence))
        self.claims.sort(key=lambda c: (c.start, c.speaker.start if c.speaker else -1))
        return self.claims

    def _says_before(self, s_start: int, covered: int) -> bool:
        """Does a cue before a kept quotation have words of its own after it (`X said that A,
        adding: "..."`), rather than leading into the quotation (`Watching the vote, X said: "..."`)?"""
        cues = self.doc.cues(s_start, covered)
        return bool(cues) and self.doc.enough(cues[0].end, covered) and not self.doc.cue_quoted(cues[0])

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
                if RESUME_SENTENCE not in found.instructions:
                    return
                claimed_to = found.end
                break

    # --- keeping a finding -----------------------------------------------------------------
    def keep(self, found: Finding | Skip | None) -> None:
        """Keep what a rule found (nothing when it found nothing), then its follow-ups."""
        if found is None or isinstance(found, Skip):
            return
        for instruction in found.instructions:
            if isinstance(instruction, TakeQuotations):
                self.used.update(instruction.quotes)
        if found.kind is ClaimKind.ASSERTION:
            self._keep_assertion(found)
        elif found.kind is None:
            self._keep_reported(found)
        else:
            self._keep(found, found.kind, found.parts)
        for instruction in found.instructions:
            if isinstance(instruction, LookForParticiple) and found.attribution is not None:
                more = participle(self.doc, found.attribution, instruction.until, instruction.after)
                if more is not None and not self.overlaps(more.start, more.end):
                    self.keep(more)
            elif isinstance(instruction, KeepNext):
                self.keep(instruction.finding)

    def _keep_reported(self, found: Finding) -> None:
        quote = self.doc.quote_starting_at(found.start)
        if quote is not None and quote.start == found.start and quote.end == found.end:
            # `..., telling Reuters, "B."`: what was said is the quotation itself.
            self._keep(found, ClaimKind.DIRECT, quote.parts)
            return
        content = self.doc.text[found.start : found.end]
        self._keep(found, kind_by_quote_marks(content), ())

    def _keep(self, found: Finding, kind: ClaimKind, parts: tuple[Span, ...]) -> None:
        text, attribution, speaker = self.doc.text, found.attribution, found.speaker
        start, end = found.start, found.end
        if kind is not ClaimKind.DIRECT:
            end = self.doc.trim_end(start, end)
        while start < end and text[start] in SPACE:
            start += 1
        if end <= start:
            return
        cue = attribution.cue if attribution else None
        read_as: Phrase | None = None  # the mention as written, when the speaker is resolved here
        if cue is not None and cue.lower in EVIDENTIAL_CUES:
            # `The ferry appears to have lost money`: the writer's hedge, not a source speaking.
            speaker = None
        elif attribution is not None and speaker is None:
            speaker, read_as = self._mention(attribution.phrase)
        elif found.speaker_phrase is not None:
            speaker, read_as = self._mention(found.speaker_phrase)
        if (
            kind is not ClaimKind.DIRECT
            and speaker is not None
            and speaker.text.lower() in _WRITER_OR_READER
            and not self.doc.inside_quote(speaker.start)
        ):
            # `I found that ...`, `You think of it as ...`: the writer's narration or the reader,
            # no source. (`"...," I said` quotes words the writer once said aloud: kept.)
            return
        said, basis = self._said(attribution, start)
        content = text[start:end]
        claim = ExtractedClaim(
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
            speaker_rules=in_rulebook_order(read_as.rules) if read_as is not None else (),
        )
        self.claims.append(claim)
        if speaker is not None and speaker.name is not None:
            # `As both Harbour Radio and Island News have reported, ...`: each outlet reported it.
            for partner, chosen in self._partners(speaker):
                rules = in_rulebook_order((*claim.speaker_rules, *chosen.rules))
                self.claims.append(dataclasses.replace(claim, speaker=partner, speaker_rules=rules))
        self.covered.add(start, end)
        if speaker is not None and (speaker.name or attribution is not None):
            remembered = next(
                (i.mention for i in found.instructions if isinstance(i, RememberSpeaker)), speaker
            )
            self.last_speaker = (self.doc.para_index(start), remembered)
        if speaker is not None and speaker.name and cue is not None:
            # `X said in a statement`: "the statement" said next is X's (the document named in
            # the attribution itself, right after its cue or between the speaker and the cue).
            around = (
                (cue.end, min(cue.end + 60, len(text)))
                if start < cue.start or end <= cue.end
                else (cue.end, start)
            )
            if speaker.end <= cue.start:
                around = (min(around[0], speaker.end), around[1])
            if (issued := issuers.ISSUING.search(text, *around)) is not None and not (
                start <= issued.start() < end
            ):
                self.issued[issued.group("noun").lower()] = (cue.start, speaker)

    def _keep_assertion(self, found: Finding) -> None:
        self.claims.append(
            ExtractedClaim(
                text=self.doc.text[found.start : found.end],
                start=found.start,
                end=found.end,
                kind=ClaimKind.ASSERTION,
                said_on=self.published,
                said_on_basis="published" if self.published else "",
                checkworthiness=found.score or 0.0,
                rule=found.rule,
            )
        )
        self.covered.add(found.start, found.end)

    def _mention(self, phrase: Phrase) -> tuple[Mention, Phrase]:
        """The speaker a mention names, resolved, and the mention with the rules that chose it
        (those the arbiter applies here added: a document speaking for its issuer)."""
        earlier = self._issued_earlier(phrase)
        if earlier is not None:
            return earlier, chosen_by("document-named-before", phrase)
        issued = issuers.issued_by(self.doc.words, phrase, len(self.doc.text))
        if issued is not None:
            # `a report from Tidewater Analytics said`: the issuer speaks through its document.
            whole, issuer, noun = issued
            name, role, how, kind = self.resolver.resolve(issuer, issuer.start)
            if name is not None:
                how = f"the issuer of the {noun}, named with it ({how})"
                mention = Mention(whole.text, whole.start, whole.end, name, role, kind or "organisation", how)
                return mention, chosen_by("document-issuer", phrase)
        name, role, how, kind = self.resolver.resolve(phrase, phrase.start)
        if name is None and _unnamed_group(phrase):
            kind = "group"  # "officials said", "White House officials", an unresolved "they"
        mention = Mention(
            phrase.text,
            phrase.start,
            phrase.end,
            name,
            phrase.role or role,
            kind,
            how,
            self.resolver.short_forms(name),
        )
        return mention, phrase

    def _partners(self, speaker: Mention) -> list[tuple[Mention, Phrase]]:
        """The organisations named with `speaker` by "and" (`Harbour Radio and Island News have
        reported`, `reports from The Gazette and Harbour Radio`), each a speaker of the same
        statement, with its mention and the rules that chose it."""
        text = self.doc.text
        found = []
        before = _PARTNER_BEFORE.search(text, max(0, speaker.start - 60), speaker.start)
        if before is not None and not _INSIDE_A_NAME.search(
            text, max(0, before.start() - 12), before.start()
        ):
            found.append(before.span("name"))
        inside = _PARTNER_INSIDE.search(text, speaker.start, speaker.end)
        if inside is not None and inside.group("name") != speaker.name:
            found.append(inside.span("name"))
        partners = []
        for start, end in found:
            phrase = describe(self.doc.words, start, end)
            # Outlets and companies, each a source: not two people ("Noel and Thomas acknowledged"
            # is one statement by both), nor a name cut at its "and" ("the Central and East
            # European Coalition"): the partner is an organisation in its own right.
            if not (
                phrase.kind == "organisation"
                or self.resolver.is_organisation(phrase.text)
                # `reports from The Gazette and Harbour Radio`: beside an organisation, another name that
                # is no person's and opens with no place ("United States Citizenship and ...").
                or (speaker.kind == "organisation" and _may_name_an_outlet(phrase.text))
            ):
                continue
            name, role, how, _ = self.resolver.resolve(phrase, start)
            if name is not None and name != speaker.name and not phrase.pronoun:
                how = f"named with {speaker.name} as a source of the same statement ({how})"
                partner = Mention(phrase.text, start, end, name, role, "organisation", how)
                partners.append((partner, chosen_by("joined-by-and", phrase)))
        return partners

    def _issued_earlier(self, phrase: Phrase) -> Mention | None:
        """`the statement said`, after `the Harbour Authority said in a statement`: the issuer of the
        document last said to be issued, within the paragraphs FLOATING_QUOTE_LOOKBACK allows."""
        noun = issuers.definite_document(phrase)
        if noun is None:
            return None
        said = self.issued.get(noun)
        # `Harbour Records issued a statement ...` in a sentence no one is quoted from.
        if self._put_out is None:
            self._put_out = issuers.put_out(self.doc.words)
        put_out = next(
            (found for found in reversed(self._put_out) if found[0] < phrase.start and found[1] == noun), None
        )
        if put_out is not None and (said is None or put_out[0] > said[0]):
            at, _, issuer = put_out
            name, role, _, kind = self.resolver.resolve(issuer, at)
            if name is None:
                return None
            said = (at, Mention(issuer.text, issuer.start, issuer.end, name, role, kind))
        if said is None:
            return None
        at, mention = said
        paragraph = self.doc.para_index(at)
        if self.doc.para_index(phrase.start) - paragraph > FLOATING_QUOTE_LOOKBACK:
            return None
        how = f"the {noun} from {mention.name}, in paragraph {paragraph + 1}"
        return Mention(phrase.text, phrase.start, phrase.end, mention.name, mention.role, mention.kind, how)

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
        if cue is not None and (refined := stances.refined(cue.lower, content)) is not None:
            return refined[1]
        stance = STANCE_OF.get(cue.lower, Stance.ASSERTED) if cue is not None else Stance.ASSERTED
        if stance is Stance.ASSERTED and _first_sentence(content).rstrip(QUOTE_MARKS + SPACE).endswith("?"):
            return Stance.QUESTIONED
        return stance
