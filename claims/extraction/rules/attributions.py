"""Finding the attribution next to a quotation or a cue: who is speaking and by which word.
These answer questions and keep nothing; the rules (quotations.py, reported.py) build on them."""

import dataclasses
import re

from .. import mentions
from ..document import SPACE, Document
from ..lexicon import LEADING_FUNCTION_WORDS, PARTICIPLE_CUES
from ..mentions import INVERSION_CUES, Phrase
from ..text import Quote, has_quote_mark
from ..tokens import Word
from .findings import Attribution
from .patterns import (
    CHARACTERISING,
    COMMA,
    OPENING_CUE,
    SAID_ADVERBIAL,
    SIGNATURE,
    VERB_BEFORE_COLON,
    VERB_CLOSING,
    bare_title,
)


def attribution_after(doc: Document, quote_end: int, limit: int) -> Attribution | None:
    """`"...," X said` or `"...," said X` in the words following a quotation."""
    found = doc.cues(quote_end, limit)
    if not found:
        return any_verb_after(doc, quote_end, limit)
    cue = found[0]
    # `On "This Week," Rubio said that ...`: a short quoted title followed by an attribution that
    # runs on into content of its own is not what that attribution is about.
    tail = doc.text[cue.end : limit]
    runs_on = len(tail.split()) > 10 and not re.match(r"\s*[,.;:!?]", tail)
    if (
        runs_on
        and short_quote_before(doc, quote_end)
        and led_into(doc, quote_end)
        and mentions.after_cue(doc.words, cue, limit) is None
    ):
        return None
    lead = doc.text[quote_end : cue.start]
    if len(lead.split()) > 10 or has_quote_mark(lead):
        return None
    if lead.strip(SPACE + ","):
        phrase = mentions.before_cue(doc.words, quote_end, cue.start)
        if phrase is None:
            return None
        gap = doc.text[quote_end : phrase.start].strip(SPACE + ",—–-")
        # `"...," another friend, Mariam Emara, told CNN`: only the role may stand before the name,
        # as an apposition or as a bare title (`"...," port chairman Anders Holm said`).
        if gap and gap != (phrase.role or "").strip(SPACE + ",") and not bare_title(gap):
            return None
        if gap and not phrase.role and bare_title(gap):
            phrase = dataclasses.replace(phrase, role=gap)
    else:
        if inside_apposition(doc, quote_end, cue):
            return None
        phrase = mentions.after_cue(doc.words, cue, limit)
        if phrase is None:
            return None
    return Attribution(phrase, cue, (quote_end, limit))


def inside_apposition(doc: Document, quote_end: int, cue: Word) -> bool:
    """`Ann Weaver, a pilot who calls the rules "a disgrace," said ...`: the quotation is inside
    the apposition of a speaker named before it, and the cue is that speaker's."""
    quote = doc.quote_ending_at(quote_end)
    if quote is None:
        return False
    s_start, _ = doc.sentence_around(quote.start)
    owner = mentions.before_cue(doc.words, s_start, cue.start)
    return owner is not None and owner.name is not None and owner.end < quote.start


def led_into(doc: Document, quote_end: int) -> bool:
    """Do words of the sentence come before the quotation that ends at quote_end (`On "This
    Week," ...`)? One that opens its sentence (`"We will win," X said and ...`) is a statement."""
    quote = doc.quote_ending_at(quote_end)
    if quote is None:
        return False
    s_start, _ = doc.sentence_around(quote.start)
    return not doc.blank(s_start, quote.start)


def short_quote_before(doc: Document, quote_end: int) -> bool:
    """Is the quotation that ends at quote_end four words or fewer (a title, not a statement)?"""
    quote = doc.quote_ending_at(quote_end)
    return quote is not None and len(doc.text[quote.start : quote.end].split()) <= 4


def colon_before(doc: Document, lo: int, quote_start: int) -> Attribution | None:
    """`Frank Newport and Jim Harter: "We found that ..."`: a name, a colon, the quotation."""
    before = doc.text[lo:quote_start].rstrip()
    if not before.endswith(":"):
        return None
    colon = lo + len(before) - 1
    verb = VERB_BEFORE_COLON.search(doc.text, lo, colon)
    if verb is not None:
        # `a spokesman could only quip: "..."`, `he demurred: "..."`: a verb no list names.
        cue = Word(verb.start("verb"), verb.end("verb"), verb.group("verb"))
        phrase = mentions.before_cue(doc.words, lo, verb.start())
        if phrase is not None and (phrase.name or phrase.pronoun):
            return Attribution(phrase, cue, (lo, quote_start))
    phrase = mentions.before_cue(doc.words, lo, colon)
    if phrase is None or phrase.pronoun or (phrase.name is None and phrase.kind == "person"):
        return None
    return Attribution(phrase, Word(colon, colon + 1, ":"), (lo, quote_start))


def any_verb_after(doc: Document, quote_end: int, limit: int) -> Attribution | None:
    """`"France will always be France," an angry Hollande retaliated.`: a speaker and a verb
    that no list names, closing the sentence right after a quotation."""
    m = VERB_CLOSING.match(doc.text, quote_end, limit)
    if not m:
        return None
    verb = m.group("verb")
    cue = Word(m.start("verb"), m.end("verb"), verb)
    phrase = mentions.before_cue(doc.words, quote_end, cue.start)
    if phrase is None or doc.text[quote_end : phrase.start].strip(SPACE + ",—–-"):
        return None
    return Attribution(phrase, cue, (quote_end, limit))


def attribution_before(doc: Document, lo: int, quote_start: int) -> Attribution | None:
    """`X said: "..."` or `X said, "..."` in the words before a quotation."""
    if (opening := OPENING_CUE.match(doc.text, lo, quote_start)) and doc.text[:quote_start].rstrip().endswith(
        (",", ":")
    ):
        # `Said Comey, "..."`, `Said Jo Marsh, who grew up here, "..."`: the cue opens the sentence.
        cue = Word(opening.start("cue"), opening.end("cue"), opening.group("cue"))
        phrase = mentions.after_cue(doc.words, cue, quote_start)
        if phrase is not None:
            return Attribution(phrase, cue, (lo, quote_start))
    found = doc.cues(lo, quote_start)
    if not found:
        return colon_before(doc, lo, quote_start)
    cue = found[-1]
    tail = doc.text[cue.end : quote_start]
    # Only punctuation (or an adverbial) between cue and quotation makes it a direct quotation;
    # `X said the vote showed that "..."` is reported speech with a quotation inside (mixed).
    if not SAID_ADVERBIAL.fullmatch(tail):
        return None
    phrase = mentions.before_cue(doc.words, lo, cue.start)
    if phrase is None:
        phrase = mentions.after_cue(doc.words, cue, quote_start)
    if phrase is None and speaks_for_subject(doc, cue, lo):
        phrase = mentions.subject(doc.words, lo, cue.start)
    if phrase is None:
        return None
    pre = doc.text[lo : min(phrase.start, cue.start)]
    first_word = pre.split()[0].lower() if pre.split() else ""
    if (
        pre.rstrip().endswith(",")
        and doc.enough(lo, phrase.start)
        and first_word not in LEADING_FUNCTION_WORDS
        # `Watching Trump talk, Reed said: "..."`: a participle opening, not content.
        and not first_word.endswith("ing")
    ):
        return None  # `Content, X said, "more content"`: the reported path takes the whole sentence
    return Attribution(phrase, cue, (lo, quote_start))


def signature_after(doc: Document, quote: Quote) -> Attribution | None:
    """`"...." ― Bernie Sanders`, or the name on a line of its own after a quoted paragraph
    (`- Hillary Clinton.`, as fact-checks set the statement they check): a dash signs the
    quotation. Only a quotation that opens its paragraph, and only a person's name, optionally
    with a role after a comma."""
    text = doc.text
    para_start = text.rfind("\n", 0, quote.start) + 1
    if not doc.blank(para_start, quote.start):
        return None
    m = SIGNATURE.match(text, quote.end)
    if m is None:
        return None
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    ws = doc.words.between(m.end(), line_end)
    if not ws:
        return None
    phrase = mentions.phrase_starting_at(doc.words, ws, line_end)
    if phrase is None or phrase.pronoun or phrase.kind != "person" or not phrase.name:
        return None
    rest = text[phrase.end : line_end].strip()
    if rest.strip(".") and not rest.startswith(","):
        return None  # "- Ready to quiz Trump -": a subheading, not a signature
    dash = Word(m.start("dash"), m.end("dash"), m.group("dash"))
    return Attribution(phrase, dash, (quote.end, line_end))


def attributed_after(doc: Document, j: int) -> bool:
    """Does the j-th quotation have an attribution of its own after it (`..., "B," said
    Kunin`)? Then it is a second speaker's statement, not the rest of the first."""
    quote = doc.quotes[j]
    _, s_end = doc.sentence_around(quote.end - 1)
    nxt = doc.quotes[j + 1] if j + 1 < len(doc.quotes) else None
    limit = min(s_end, nxt.start) if nxt is not None and nxt.start < s_end + 1 else s_end
    return attribution_after(doc, quote.end, limit) is not None


def speaks_for_subject(doc: Document, cue: Word, s_start: int) -> bool:
    """`Republicans blocked the bill, saying ...` and `She declared victory and said ...`:
    a participle after a comma, or a second verb after "and", has the sentence's subject. The
    verb after "and" must be one of saying or of characterising what someone said (`took the
    stage and called the system "rotten"`): "he favors X and opposes Y" has its own subject."""
    before = doc.text[s_start : cue.start].rstrip()
    if cue.lower in PARTICIPLE_CUES and before.endswith((",", " by")):
        return True  # `..., saying` and `landed in trouble by saying`
    # Only verbs of saying: "he favors X and opposes Y" has a subject of its own clause.
    return (cue.lower in INVERSION_CUES or cue.lower in CHARACTERISING) and before.endswith(
        (" and", " but", " then")
    )


_SUBORDINATE = re.compile(
    r"\b(?:after|when|as|while|because|since|before|until|once)\s+(?=[A-Z]|(?:he|she|they)\b)"
)


def participle_subject(doc: Document, cue: Word, s_start: int) -> Phrase | None:
    """Who a participle's statement is by: the subject of the clause it hangs on. After a
    subordinate clause (`..., after Larsen scolded her label, accusing the company of ...`) that is
    the clause's own subject; else the sentence's, read outside quotations (`"We miss him,"
    Brenner said, telling Quill ...` is by Brenner, not by the "We" quoted)."""
    text, words = doc.text, doc.words
    before = text[s_start : cue.start].rstrip()
    if before.endswith(","):
        clause = None
        for m in _SUBORDINATE.finditer(text, s_start, cue.start):
            if "," not in text[m.end() : len(before) + s_start - 1]:
                clause = m
        if clause is not None:
            ws = words.between(clause.end(), cue.start)
            phrase = mentions.phrase_starting_at(words, ws, cue.start) if ws else None
            if phrase is not None and (phrase.pronoun or phrase.name):
                return phrase
    start = s_start
    while (phrase := mentions.subject(words, start, cue.start)) is not None:
        quote = doc.quote_around(phrase.start)
        if quote is None:
            break  # a subject outside quotations
        if quote.end >= cue.start:
            return None
        start = quote.end
    return phrase


def source_before_comma(doc: Document, cue: Word, s_end: int, or_sentence_end: bool = False) -> Phrase | None:
    """`According to early results of exit polls conducted for the Gazette by Vell Research, ...`, `According
    to her "clawback" plan, ...`: a source no noun-phrase reading covers, taken whole up to
    the comma that ends the opening (at most 20 words). or_sentence_end: the source may also
    run to the end of the sentence (`..., according to exit polls.`)."""
    found = doc.outside_quotes(COMMA, cue.end, s_end)
    if found is not None:
        comma = found.start()
    elif or_sentence_end:
        comma = doc.trim_end(cue.end, s_end)
    else:
        return None
    start = cue.end + len(doc.text[cue.end : comma]) - len(doc.text[cue.end : comma].lstrip())
    if not 0 < len(doc.text[start:comma].split()) <= 20:
        return None
    source = mentions.chosen_by("source-to-comma", mentions.describe(doc.words, start, comma))
    # A report or a plan, not a person, unless a name was read in it.
    return source if source.name else dataclasses.replace(source, kind=None)
