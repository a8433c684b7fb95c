"""Documents that speak for whoever issued them: "a report from Tidewater Institutional Equities",
"The Gazette's report", "the statement" after "the Harbour Authority said in a statement". The speaker of
what a document says is its issuer, named with it or just before; a document no one is named
as issuing ("a study", "court records") keeps no name."""

import re

from .lexicon import DETERMINERS, ISSUED_DOCUMENTS, ISSUED_NOUNS
from .lexicon.cues import alternation
from .mentions import Phrase, describe
from .tokens import Words

# `report from X`, `study by X`, `statement of X`: a name after the document, up to three or four
# capitalised words (joined by "of", "and", "&"), "the" allowed before it.
_NAME_WORD = r"[A-Z][\w’'&!-]*(?:\.[A-Za-z]+)*"
_ISSUER_AFTER = re.compile(
    rf"[ \u00a0]+(?:from|by|of)[ \u00a0]+(?P<name>(?:[Tt]he[ \u00a0]+)?{_NAME_WORD}"
    rf"(?:[ \u00a0]+(?:of[ \u00a0]+|and[ \u00a0]+|&[ \u00a0]+)?{_NAME_WORD}){{0,5}})"
)
# The document noun inside a mention that already runs on to its issuer ("reports from The Gazette").
_DOCUMENT_THEN_ISSUER = re.compile(r"\b(?P<noun>[a-z]+)(?=[ \u00a0]+(?:from|by)[ \u00a0]+[A-Z])")


# `said in a statement`, `released a report`, `in a separate statement to Rolling Stone`.
ISSUING = re.compile(
    rf"\b(?:in|shared|{alternation('puts-out')})\s+(?:a|an|the|its|his|her|their)\s+"
    rf"(?:[a-z]+\s+)?(?P<noun>{'|'.join(sorted(ISSUED_DOCUMENTS))})\b",
    re.IGNORECASE,
)


# `Harbour Records issued a statement`, `The company has released a report`: a name (or "the" and a
# noun) right before the verb that puts the document out.
_PUT_OUT = re.compile(
    rf"(?P<who>(?:[Tt]he\s+)?[A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*){{0,4}})\s+(?:has\s+|had\s+|also\s+)?"
    rf"(?:{alternation('puts-out')})\s+(?:a|an|its|his|her|their)\s+(?:[a-z]+\s+)?"
    rf"(?P<noun>{'|'.join(sorted(ISSUED_DOCUMENTS))})\b"
)


def put_out(words: Words) -> list[tuple[int, str, Phrase]]:
    """(where, the document's noun, who put it out) for each document the text says a named
    speaker put out, in reading order."""
    text = words.text
    found = []
    for m in _PUT_OUT.finditer(text):
        who = describe(words, *m.span("who"))
        if who.name is not None and not who.pronoun:
            found.append((m.start(), m.group("noun").lower(), who))
    return found


def definite_document(phrase: Phrase) -> str | None:
    """The noun of `the statement`, `The report` (a document named before), else None."""
    parts = phrase.text.lower().split()
    if len(parts) == 2 and parts[0] in ("the", "that", "this") and parts[1] in ISSUED_NOUNS:
        return parts[1]
    return None


def head_noun(phrase: Phrase) -> str:
    parts = phrase.text.split()
    return parts[-1].lower().strip("’'") if parts else ""


def issued_by(words: Words, phrase: Phrase, hi: int) -> tuple[Phrase, Phrase, str] | None:
    """(the whole mention, the issuer, the document's noun) when the mention is a document named
    with its issuer: after it (`a report from Tidewater Analytics`) or as its possessor (`The Gazette's report`)."""
    text = words.text
    if phrase.pronoun:
        return None
    if head_noun(phrase) not in ISSUED_NOUNS:
        inner = _DOCUMENT_THEN_ISSUER.search(text, phrase.start, phrase.end)
        if inner is None or inner.group("noun") not in ISSUED_NOUNS:
            return None
        # `reports from The Gazette and Harbour Radio` read as one mention: the document ends at its noun.
        phrase = Phrase(
            phrase.start, inner.end(), text[phrase.start : inner.end()], None, None, None, None, None
        )
    noun = head_noun(phrase)
    whole = phrase
    owners = [w for w in words.between(phrase.start, phrase.end) if w.possessive and w.capitalised]
    if owners:
        start = phrase.start
        while text[start:].split(None, 1)[0].lower() in DETERMINERS and not text[start:].startswith("The "):
            start = text.index(" ", start) + 1
        end = owners[-1].end - (2 if owners[-1].text.endswith(("’s", "'s")) else 1)
    else:
        m = _ISSUER_AFTER.match(text, phrase.end, hi)
        if m is None or m.group("name").endswith(("’s", "'s")):
            return None
        start, end = m.span("name")
        whole = Phrase(
            phrase.start, end, text[phrase.start : end], None, None, phrase.role, phrase.kind, None
        )
        # `reports from The Gazette and Harbour Radio`: the first outlet speaks here.
        joined = re.search(r"\s+(?:and|&)\s+", text[start:end])
        end = start + joined.start() if joined else end
    return whole, _issuer(words, start, end), noun


def _issuer(words: Words, start: int, end: int) -> Phrase:
    """The issuer's name as written ("The Gazette" keeps its article). One capitalised word that
    issues a document is a company or an outlet far more often than a person."""
    text = words.text
    issuer = describe(words, start, end)
    if issuer.name is None and text[start:end].startswith(("The ", "the ")):
        issuer = describe(words, start + 4, end)
    if issuer.name is not None and issuer.kind == "person" and len(text[start:end].split()) <= 2:
        written = text[start:end]
        issuer = Phrase(start, end, written, None, written, None, "organisation", None)
    return issuer
