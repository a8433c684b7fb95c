"""The rules for a quotation, asked in the order of QUOTATION_RULES (rules/__init__.py) until one
returns a finding or SKIP: its attribution after it, a signature, its attribution before it, the
speaker of the statement before. NEARBY_SPEAKER is asked last, of each quotation still unclaimed."""

import dataclasses
import re

from .. import mentions
from ..document import CLOSING_PUNCT, SPACE, Document
from ..lexicon import OPENING_PREPOSITIONS
from ..mentions import Phrase
from ..text import Quote, has_quote_mark
from ..tokens import Word
from ..types import ClaimKind, Span
from .attributions import attributed_after, attribution_after, attribution_before, signature_after
from .findings import (
    SKIP,
    Attribution,
    Finding,
    LookForParticiple,
    QuotePlace,
    RememberSpeaker,
    Seen,
    Skip,
    TakeQuotations,
)
from .patterns import (
    AND_SAID,
    ANSWERED,
    FLOATING_QUOTE_LOOKBACK,
    LEAD_VERB,
    NAMES_A_PLACE,
    NAMES_PROGRAMME,
    PARTICIPLE_AFTER,
    RUN_ON,
    SAID_BEFORE,
    UNCLAIMED_QUOTE_WORDS,
    in_title_case,
    is_term,
    is_title,
    without,
)

# A quotation that is a statement ends like a sentence, inside its marks or right after them.
_ENDS_A_SENTENCE = re.compile(r"[.!?…,:;][\"”’'\s]*$")


def place_of(doc: Document, i: int) -> QuotePlace:
    """The i-th quotation with the sentence bounds its rules read."""
    text, quote = doc.text, doc.quotes[i]
    s_start, _ = doc.sentence_around(quote.start)
    _, last_end = doc.sentence_around(quote.end - 1)
    nxt = doc.quotes[i + 1] if i + 1 < len(doc.quotes) else None
    if last_end <= quote.end + 1 and text[quote.end - 2 : quote.end - 1] in ("?", "!"):
        # `"But why?" reporter Jackie Nespral asked.`: a question or exclamation closes the
        # sentence for the splitter, but its attribution follows in the next one.
        _, last_end = doc.sentence_around(min(len(text) - 1, quote.end + 1))
    after_limit = min(last_end, nxt.start) if nxt and nxt.start < last_end + 1 else last_end
    return QuotePlace(i, quote, s_start, last_end, nxt, after_limit)


def single_word(doc: Document, quote: Quote) -> bool:
    """A single quoted word is a term, not a quotation, unless it is an answer."""
    return len(doc.text[quote.start : quote.end].split()) < 2 and not answer(doc, quote)


def quote_then_cue(doc: Document, place: QuotePlace, seen: Seen) -> Finding | Skip | None:
    """`"...," X said`, resumed after the attribution (`"A," she said, "B."`), running on
    unquoted, or led into (`But on trade, "we will win," he said.`)."""
    text, quote, i, nxt = doc.text, place.quote, place.index, place.next
    s_start, last_end = place.s_start, place.last_end
    attribution = attribution_after(doc, quote.end, place.after_limit)
    if attribution is None:
        return None
    if title_then_statement(doc, quote, s_start, attribution, last_end):
        return SKIP  # the reported path takes what follows the cue
    start, end, parts, kind = quote.start, quote.end, list(quote.parts), ClaimKind.DIRECT
    following = i + 1
    uses: set[int] = set()
    if nxt is not None and nxt.start == place.after_limit:
        # `"A," she said, "B."`: the same statement resumes after the attribution.
        between = text[attribution.cue.end : nxt.start]
        if (
            re.fullmatch(r"[^.!?\"“”]*[,:]\s*", between)
            and len(between.split()) <= 30
            # `..., Cruz said as the heckler yelled: "B"`, `she said, adding, "B."`: a cue of
            # its own introduces the next quotation.
            and not doc.cues(attribution.cue.end, nxt.start)
            and not attributed_after(doc, i + 1)
        ):
            uses.add(i + 1)
            parts += nxt.parts
            end = nxt.end
            following = i + 2
    elif (run_on := RUN_ON.match(text, max(attribution.cue.end, attribution.phrase.end), last_end)) and (
        not has_quote_mark(text[run_on.start(1) : last_end])
    ):
        # `"It's our bad luck," he said, that both men prayed at this mosque.`: the sentence
        # the quotation began goes on after the attribution, unquoted.
        rest_end = doc.trim_end(run_on.start(1), last_end)
        parts.append((run_on.start(1), rest_end))
        end, kind = rest_end, ClaimKind.MIXED
    lead = text[s_start : quote.start]
    if lead.strip() and is_lead_in(doc, s_start, quote.start):
        # `But on trade, "we will win," he said.`: the lead-in is part of what was said.
        start = s_start
        parts[0] = (s_start, parts[0][1])
        kind = ClaimKind.MIXED
    end, parts = continuation(doc, following, end, parts, uses)
    return Finding(
        start,
        end,
        attribution,
        rule="quote-then-cue",
        kind=kind,
        parts=tuple(parts),
        instructions=(TakeQuotations(frozenset(uses)), LookForParticiple(last_end)),
    )


def quote_signature(doc: Document, place: QuotePlace, seen: Seen) -> Finding | None:
    """`"...." ― Bernie Sanders`: a dash signs the quotation."""
    signature = signature_after(doc, place.quote)
    if signature is None:
        return None
    quote = place.quote
    return Finding(
        quote.start, quote.end, signature, rule="quote-signature", kind=ClaimKind.DIRECT, parts=quote.parts
    )


def cue_then_quote(doc: Document, place: QuotePlace, seen: Seen) -> Finding | Skip | None:
    """`X said: "..."`, or `X said "..." every time ...` when the statement runs on past it."""
    text, quote, last_end = doc.text, place.quote, place.last_end
    prev_end = max(doc.previous_quote_end[place.index], place.s_start)
    attribution = attribution_before(doc, prev_end, quote.start)
    if attribution is None:
        return None
    quoted = text[quote.start : quote.end]
    if in_title_case(quoted) or (
        # `told "Fox and Friends,"`: what one tells is a programme, not a statement.
        attribution.cue.lower in NAMES_PROGRAMME and is_title(quoted)
    ):
        between = text[attribution.cue.end : quote.start]
        if not between.strip() or NAMES_A_PLACE.search(between):
            return SKIP  # `Fiorina told "Fox and Friends,"`, `he said on MSNBC's "Morning Joe."`
    rest = text[quote.end : last_end]
    if (
        len(rest.split()) >= 3
        and not has_quote_mark(rest)
        and text[quote.end - 2 : quote.end - 1] not in CLOSING_PUNCT
        and not PARTICIPLE_AFTER.match(rest)
        and not AND_SAID.match(rest)
    ):
        # `Obama said "it gets me mad" every time he thinks of it`: the quotation is part of a
        # longer statement that runs on after it (mixed).
        return Finding(quote.start, last_end, attribution, rule="cue-quote-runs-on", kind=ClaimKind.MIXED)
    return Finding(
        quote.start,
        quote.end,
        attribution,
        rule="cue-then-quote",
        kind=ClaimKind.DIRECT,
        parts=quote.parts,
        instructions=(LookForParticiple(last_end, after=quote.end),),
    )


def floating_quote(doc: Document, place: QuotePlace, seen: Seen) -> Finding | None:
    """A quotation that is a sentence by itself belongs to the speaker attributed just before:
    the rest of a paragraph after `X said.`, or a paragraph that is nothing but a quotation."""
    quote = place.quote
    p_index = doc.para_index(quote.start)
    if seen.last_speaker is None or doc.words_beside(quote, place.s_start, place.last_end):
        return None
    if in_title_case(doc.text[quote.start : quote.end]):
        return None  # a headline or a title standing alone, not the last speaker's words
    if not _ENDS_A_SENTENCE.search(doc.text, quote.start, quote.end):
        return None  # `"The Gordon problem"` standing alone: a subheading, not a statement
    last_para, mention = seen.last_speaker
    if p_index - last_para > FLOATING_QUOTE_LOOKBACK:
        return None
    # The speaker is the one of the statement before, as read there (its mention points there).
    said_before = f"the speaker of the statement before it, in paragraph {last_para + 1}"
    if mention.resolution and mention.resolution != "named as written":
        said_before += f" ({mention.resolution})"
    return Finding(
        quote.start,
        quote.end,
        None,
        rule="floating-quote",
        kind=ClaimKind.DIRECT,
        parts=quote.parts,
        speaker=dataclasses.replace(mention, resolution=said_before),
        # The next floating quotation reads the mention as it was, not this wording.
        instructions=(RememberSpeaker(mention),),
    )


def nearby_speaker(doc: Document, quote: Quote) -> Finding | None:
    """A quotation of a full statement that no attribution reached (a verb no list names,
    `Billy Joel sings, "..."`, a cue far away) is still a quotation: kept when a speaker can be
    named for it (speaker_near). Without one it is left out: on PolNeAR train such guesses were
    right about half the time, and a claim with the wrong speaker misleads."""
    quoted = doc.text[quote.start : quote.end]
    if len(quoted.split()) < UNCLAIMED_QUOTE_WORDS or in_title_case(quoted):
        return None  # too short for a statement, or a book's title
    s_start, s_end = doc.sentence_around(quote.start)
    phrase = speaker_near(doc, quote, s_start, s_end)
    if phrase is not None and phrase.name is None and phrase.pronoun is None and " " not in phrase.text:
        return None  # `American` near the quotation: a word, not a speaker
    if phrase is None or doc.inside_quote(phrase.start):
        # A name inside another quotation is someone spoken of, not the speaker (on PolNeAR
        # train every such guess was wrong): left out, like any speakerless one.
        return None
    return Finding(
        quote.start,
        quote.end,
        None,
        rule="nearby-speaker",
        kind=ClaimKind.DIRECT,
        parts=quote.parts,
        speaker_phrase=phrase,
    )


def title_then_statement(
    doc: Document, quote: Quote, s_start: int, attribution: Attribution, s_end: int
) -> bool:
    """`On ABC's "This Week," Rubio said that ...`: a title in quotation marks inside an opening
    phrase is not what was said when a statement follows the cue."""
    lead = [w.lower() for w in doc.text[s_start : quote.start].split()]
    if not lead or (lead[0] not in OPENING_PREPOSITIONS and lead[-1] not in ("on", "in")):
        if not (lead and lead[0].endswith("ing") and len(lead) >= 3):
            return False
        # `Walking in to chants of "Ida! Ida!," the senator said ...`: a participle opening.
    elif not is_title(doc.text[quote.start : quote.end]):
        return False
    after = doc.text[max(attribution.cue.end, attribution.phrase.end) : s_end].split()
    return len(after) >= 4 and after[0].lower() not in OPENING_PREPOSITIONS


def answer(doc: Document, quote: Quote) -> bool:
    """`"Absolutely," he said.` and `"Quiet!" he demanded.`: a one-word quotation that ends in
    punctuation and is attributed right after it is an answer, not a term."""
    if doc.text[quote.end - 2 : quote.end - 1] not in (",", "!", "?", "."):
        return False
    if SAID_BEFORE.search(doc.text, max(0, quote.start - 40), quote.start):
        return True  # `Asked whether he would fire her, Berg said, "Probably."`
    return ANSWERED.match(doc.text, quote.end, min(len(doc.text), quote.end + 80)) is not None


def is_lead_in(doc: Document, start: int, quote_start: int) -> bool:
    lead = doc.text[start:quote_start]
    return (
        len(lead.split()) <= 25
        and not has_quote_mark(lead)
        # The lead-in runs straight into the quotation: it ends in a comma or mid-phrase.
        and (lead.rstrip()[-1:] == "," or lead.rstrip()[-1:].islower())
    )


def continuation(
    doc: Document, j: int, end: int, parts: list[Span], taken: set[int]
) -> tuple[int, list[Span]]:
    """`"A," he said. "B."`: quotation sentences that follow the attribution in the same
    paragraph continue the same statement (one claim in several parts). The quotations it takes
    in are added to `taken`, the caller's own set."""
    text = doc.text
    _, p_end = doc.paras[doc.para_index(end - 1)]
    titles: list[Span] = []  # `X said on ABC's "This Week." "B."`: a name in quotation marks
    while j < len(doc.quotes) and doc.quotes[j].start < p_end:
        quote = doc.quotes[j]
        gap = without(text, end, quote.start, titles)
        if has_quote_mark(gap) or len(gap.split()) > 30:
            break
        # A title can end the sentence itself: `he said on "Meet the Press." "B."`
        if not re.search(r"[.!?][\"”’']*\s*$", text[end : quote.start]):
            if is_title(text[quote.start : quote.end]) or is_term(text[quote.start : quote.end]):
                titles.append((quote.start, quote.end))
                j += 1
                continue
            break
        q_start, q_end = doc.sentence_around(quote.start)
        lead = text[q_start : quote.start]
        if (
            text[quote.end : q_end].strip(CLOSING_PUNCT + SPACE)
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
        taken.add(j)
        j += 1
    return end, parts


def speaker_near(doc: Document, quote: Quote, s_start: int, s_end: int) -> Phrase | None:
    """Who an unattributed quotation is most likely by: a mention right after it, before or
    after a verb (`"...," Katie Packer, who chairs the PAC, said`, `"...!" beamed Ingrid
    Sollie`), else the mention before the verb that leads into it (`X reiterated: "..."`,
    also from the sentence before when that ends in a colon), else that clause's subject."""
    text = doc.text
    after = doc.words.between(quote.end, s_end)
    if after and after[0].capitalised:
        phrase = mentions.phrase_starting_at(doc.words, after, s_end)
        rest = [w for w in after if w.start >= phrase.end] if phrase is not None else []
        if phrase is not None and not phrase.pronoun and (not rest or not rest[0].capitalised):
            return phrase
    elif after and after[0].lower in mentions.PRONOUNS:
        return mentions.phrase_starting_at(doc.words, after, s_end)
    elif after:
        # `"..." election lawyer Joe Birkenstock said`: a verb within a few words, and the
        # mention before it, with at most a bare title between quotation and mention.
        window = after[min(len(after), 12) - 1].end
        verbs = doc.cues(quote.end, window) or [
            Word(m.start(), m.end(), m.group()) for m in LEAD_VERB.finditer(text, quote.end, window)
        ]
        if verbs:
            verb = verbs[0]
            if not text[quote.end : verb.start].strip(SPACE + ",—–-"):
                # `"...!" beamed Ingrid Sollie`: the verb first, then the speaker.
                named = doc.words.between(verb.end, s_end)
                if named and named[0].capitalised:
                    return mentions.phrase_starting_at(doc.words, named, s_end)
                return None
            phrase = mentions.before_cue(doc.words, quote.end, verb.start)
            gap = text[quote.end : phrase.start] if phrase is not None else ""
            if phrase is not None and len(gap.strip(SPACE + ",—–-").split()) <= 3:
                return phrase
    lo = s_start
    if not text[s_start : quote.start].strip():
        before = text[: quote.start].rstrip()
        if not before.endswith((":", ",")):
            return None
        lo, _ = doc.sentence_around(len(before) - 1)
    if lo >= quote.start:
        return None
    if re.search(r"[:,]\s*$", text[lo : quote.start]):
        # `Billy Joel sings, "..."`, `Kasich resisted: "..."`: the verb closest before the
        # quotation, and the mention before it.
        for m in reversed(list(LEAD_VERB.finditer(text, lo, quote.start))):
            if len(text[m.end() : quote.start].split()) > 5:
                break
            phrase = mentions.before_cue(doc.words, lo, m.start())
            if phrase is not None:
                return phrase
    return mentions.subject(doc.words, lo, quote.start)
