"""A finding asks the arbiter for what follows it by instructions (rules/findings.py), which the
arbiter carries out once the finding is kept; a rule itself keeps nothing."""

from claims.extraction.arbiter import Arbiter
from claims.extraction.document import Document
from claims.extraction.mentions import describe
from claims.extraction.rules import (
    Attribution,
    Finding,
    Instruction,
    KeepNext,
    LookForParticiple,
    RememberSpeaker,
    TakeQuotations,
)
from claims.extraction.tokens import Word
from claims.extraction.types import ClaimKind, Mention

TEXT = "Ada Quill said the ferries would run all winter, adding that the fares would rise in May."


def _said(doc: Document) -> Attribution:
    cue_at = doc.text.index("said")
    return Attribution(describe(doc.words, 0, cue_at - 1), Word(cue_at, cue_at + 4, "said"), (0, cue_at + 4))


def _first(doc: Document, instructions: tuple[Instruction, ...] = ()) -> Finding:
    start = doc.text.index("the ferries")
    return Finding(start, doc.text.index(","), _said(doc), rule="cue-then-content", instructions=instructions)


def test_a_finding_without_instructions_is_kept_alone():
    doc = Document(TEXT)
    arbiter = Arbiter(doc, None, ())
    arbiter.keep(_first(doc))
    assert [c.text for c in arbiter.claims] == ["the ferries would run all winter"]
    assert arbiter.claims[0].kind is ClaimKind.REPORTED


def test_look_for_participle_finds_the_second_statement_of_the_same_speaker():
    doc = Document(TEXT)
    arbiter = Arbiter(doc, None, ())
    arbiter.keep(_first(doc, (LookForParticiple(len(TEXT)),)))
    assert [(c.text, c.rule, c.speaker.name) for c in arbiter.claims] == [
        ("the ferries would run all winter", "cue-then-content", "Ada Quill"),
        ("that the fares would rise in May", "participle", "Ada Quill"),
    ]


def test_keep_next_keeps_a_second_finding_right_after_the_first():
    doc = Document(TEXT)
    arbiter = Arbiter(doc, None, ())
    second = Finding(doc.text.index("the fares"), len(TEXT), _said(doc), rule="second-cue")
    arbiter.keep(_first(doc, (KeepNext(second),)))
    assert [c.rule for c in arbiter.claims] == ["cue-then-content", "second-cue"]


def test_take_quotations_and_remember_speaker_change_what_is_read_next():
    doc = Document("“The ferries will run all winter,” Ada Quill said. “And the fares will fall,” she added.")
    arbiter = Arbiter(doc, None, ())
    quote = doc.quotes[0]
    speaker = Mention("Ada Quill", 35, 44, "Ada Quill", resolution="named in paragraph 1")
    as_written = Mention("Ada Quill", 35, 44, "Ada Quill")
    arbiter.keep(
        Finding(
            quote.start,
            quote.end,
            None,
            rule="floating-quote",
            kind=ClaimKind.DIRECT,
            speaker=speaker,
            instructions=(TakeQuotations(frozenset({0, 1})), RememberSpeaker(as_written)),
        )
    )
    assert arbiter.used == {0, 1}
    assert [c.speaker for c in arbiter.claims] == [speaker]
    assert arbiter.last_speaker == (0, as_written)
