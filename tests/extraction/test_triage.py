"""The transcript check-worthiness ranking (claims.extraction.triage): lines written for the project."""

import json

from claims.extraction import triage

DEBATE = [
    triage.Line("RUIZ", "Good evening and welcome to the Riverton mayoral debate."),
    triage.Line("RUIZ", "Mayor Tovar, will the harbour tolls rise next year?"),
    triage.Line("TOVAR", "Thank you, Ana."),
    triage.Line(
        "TOVAR", "We cut the harbour tolls by 40 percent in 2023, and unemployment fell to 3 percent."
    ),
    triage.Line("SYSTEM", "(APPLAUSE)"),
    triage.Line("RUIZ", "Ms. Quill, what would you do about the ferries?"),
    triage.Line("QUILL", "The ferry budget doubled to $12 million while the service got worse."),
    triage.Line("QUILL", "I love this city."),
]


def test_checkable_figures_outrank_questions_thanks_and_applause():
    scores = triage.scores(DEBATE)
    checkable = min(scores[3], scores[6])
    assert checkable > max(scores[0], scores[1], scores[2], scores[4], scores[5], scores[7])
    assert all(0.0 <= s <= 1.0 for s in scores)


def test_a_speaker_who_asks_moderates_unless_the_transcript_says_so():
    assert "moderator" in triage.features(DEBATE)[1]
    assert "moderator" not in triage.features(DEBATE)[3]
    told = [triage.Line(line.speaker, line.text, moderator=False) for line in DEBATE]
    assert "moderator" not in triage.features(told)[1]
    assert triage.asks_questions(sentences=20, questions=3)
    assert not triage.asks_questions(sentences=40, questions=3)


def test_applause_and_the_transcribers_lines_are_noise():
    assert triage.is_noise(speaker="SYSTEM", text="Thank you.")
    assert triage.is_noise(speaker="TOVAR", text="[CROSSTALK]")
    assert not triage.is_noise(speaker="TOVAR", text="The tolls (all of them) fell.")


def test_a_score_is_explained_by_the_features_that_drove_it():
    drove = triage.explain(DEBATE, 3)
    assert drove, "no feature explained the score"
    names = [name for name, _ in drove]
    assert "holds a figure" in names or "a percentage" in names
    assert all(isinstance(weight, float) for _, weight in drove)
    assert abs(drove[0][1]) >= abs(drove[-1][1])


def test_the_weights_say_what_they_were_trained_on():
    shipped = json.loads(triage.WEIGHTS_FILE.read_text(encoding="utf-8"))
    trained_on = " ".join(shipped["trained_on"])
    assert "CLEF-2019" in trained_on and "free for general research use" in trained_on
    assert "ClaimBuster" in trained_on
    assert len(shipped["weights"]) > 1000
