"""How worth checking each line of a transcript is: the ranking editors triage a debate, a speech
or a hearing by.

A logistic regression over features a person can read: the line's words and word pairs, its
figures, years, money and length, and where it stands in the transcript (said by whoever moderates,
applause or noise, the first or last line of a turn, what the speaker's lines beside it hold, how
much of the transcript its speaker holds). Its weights ship with the project in
data/triage.json, made by `scripts/train_checkworthy.py` from the CLEF-2019 CheckThat! Task 1
training transcripts ("free for general research use") and the ClaimBuster training sentences
(Arslan et al. 2020, open access); the file says what it was trained on. `explain` gives the
features that drove a score, with their weights.

Every line of a transcript is scored at once (`scores`), because a line's context is the
transcript's: a speaker who asks questions in more than one sentence in eight moderates
(`asks_questions`), unless the transcript says who does.
"""

import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

WEIGHTS_FILE = Path(__file__).resolve().parent / "data" / "triage.json"

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d[\d,.]*")
_DIGIT = re.compile(r"\d")
_MONEY = re.compile(r"[$€£]")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_NAME_INSIDE = re.compile(r"[^.!?]\s+[A-Z][a-z]+")
# A line that is only a stage direction: "(APPLAUSE)", "[CROSSTALK]", "(inaudible)".
STAGE_DIRECTION = re.compile(r"^\W*[(\[][^()\[\]]*[)\]]\W*$")
# Labels that name no one speaking: the transcriber's own lines and the room.
NOISE_LABELS = frozenset(
    {
        *"system sysytem audience crowd applause laughter crosstalk cross-talk unidentified unknown".split(),
        *"inaudible music".split(),
        "audience members",
        "multiple speakers",
        "several speakers",
        "unidentified speaker",
    }
)

# A speaker whose sentences are this often questions puts the questions: a moderator, a chair, a
# reporter (in the CLEF-2019 debates moderators ask in 15% to 30% of their sentences, candidates in 8% at most).
QUESTION_SHARE = 0.12
MIN_QUESTIONS = 2


def asks_questions(*, sentences: int, questions: int) -> bool:
    """Does a speaker with this many sentences, this many of them questions, moderate?"""
    return questions >= MIN_QUESTIONS and questions >= QUESTION_SHARE * sentences


def is_question(text: str) -> bool:
    return text.rstrip().rstrip("\"'”’)").endswith("?")


def is_noise(*, speaker: str, text: str) -> bool:
    """Applause, cross-talk and the transcriber's notes: no one's statement."""
    return speaker.strip().lower() in NOISE_LABELS or STAGE_DIRECTION.match(text) is not None


@dataclass(frozen=True, slots=True)
class Line:
    """One sentence of a transcript and who said it. `moderator` and `noise` are the transcript's
    own word where it has one (a voice tag, a header naming the moderator); None: inferred."""

    speaker: str
    text: str
    moderator: bool | None = None
    noise: bool | None = None


@dataclass(frozen=True, slots=True)
class Model:
    bias: float
    weights: dict[str, float]


@cache
def model() -> Model:
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    return Model(float(data["bias"]), {str(k): float(v) for k, v in data["weights"].items()})


def words(text: str) -> list[str]:
    """The line's words, lower-cased, every number one token."""
    return ["<n>" if w[0].isdigit() else w for w in _WORD.findall(text.lower())]


def line_features(text: str) -> list[str]:
    """What a line holds by itself: its words and word pairs, its length, figures, money, a year,
    a name inside it, whether it asks."""
    tokens = words(text)
    out = ["u:" + w for w in tokens]
    out += ["b:" + a + "_" + b for a, b in itertools.pairwise(tokens)]
    out.append(f"len:{min(5, len(text.split()) // 5)}")
    if _DIGIT.search(text):
        out.append("figure")
    if "%" in text or "percent" in text.lower():
        out.append("percent")
    if _MONEY.search(text):
        out.append("money")
    if _YEAR.search(text):
        out.append("year")
    if is_question(text):
        out.append("question")
    if _NAME_INSIDE.search(text):
        out.append("name-inside")
    return out


def context_features(lines: Sequence[Line]) -> list[list[str]]:
    """Where each line stands: its speaker moderates or is noise, how much of the transcript the
    speaker holds, the first and last line of a turn, figures and questions in the speaker's
    lines just before and after."""
    said: Counter[str] = Counter()
    asked: Counter[str] = Counter()
    for line in lines:
        said[line.speaker] += 1
        asked[line.speaker] += is_question(line.text)
    total = len(lines) or 1
    out = []
    for i, line in enumerate(lines):
        here = []
        noise = line.noise if line.noise is not None else is_noise(speaker=line.speaker, text=line.text)
        if noise:
            here.append("noise")
        moderates = line.moderator
        if moderates is None:
            moderates = asks_questions(sentences=said[line.speaker], questions=asked[line.speaker])
        if moderates:
            here.append("moderator")
        here.append(f"share:{min(4, int(said[line.speaker] / total * 10) // 2)}")
        for side, j in (("prev", i - 1), ("next", i + 1)):
            if 0 <= j < len(lines) and lines[j].speaker == line.speaker:
                beside = lines[j].text
                if _DIGIT.search(beside):
                    here.append(side + ":figure")
                if is_question(beside):
                    here.append(side + ":question")
            else:
                here.append(side + ":other")
        if i == 0 or lines[i - 1].speaker != line.speaker:
            here.append("turn-first")
        if i + 1 == len(lines) or lines[i + 1].speaker != line.speaker:
            here.append("turn-last")
        out.append(here)
    return out


def features(lines: Sequence[Line]) -> list[list[str]]:
    """Each line's features, by itself and in its place."""
    return [
        line_features(line.text) + context
        for line, context in zip(lines, context_features(lines), strict=True)
    ]


def _sigmoid(total: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))


def scores(lines: Sequence[Line]) -> list[float]:
    """Each line's check-worthiness in [0, 1], in order."""
    m = model()
    weights = m.weights
    return [_sigmoid(m.bias + sum(weights.get(f, 0.0) for f in set(found))) for found in features(lines)]


def explain(lines: Sequence[Line], index: int, top: int = 6) -> list[tuple[str, float]]:
    """The features that drove line `index`'s score most, each with its weight, strongest first."""
    weights = model().weights
    found = set(features(lines)[index])
    drove = sorted(((f, weights[f]) for f in found if f in weights), key=lambda fw: -abs(fw[1]))
    return [(describe(f), round(w, 3)) for f, w in drove[:top]]


_DESCRIPTIONS = {
    "figure": "holds a figure",
    "percent": "a percentage",
    "money": "a sum of money",
    "year": "a year",
    "question": "is a question",
    "name-inside": "names someone or something",
    "noise": "applause, cross-talk or the transcriber's own words",
    "moderator": "its speaker moderates",
    "turn-first": "opens a turn",
    "turn-last": "closes a turn",
    "prev:figure": "the speaker's line before holds a figure",
    "next:figure": "the speaker's next line holds a figure",
    "prev:question": "the speaker's line before is a question",
    "next:question": "the speaker's next line is a question",
    "prev:other": "another speaker before it",
    "next:other": "another speaker after it",
}


def describe(feature: str) -> str:
    """A feature in words: "the word 'percent'", "holds a figure"."""
    if feature in _DESCRIPTIONS:
        return _DESCRIPTIONS[feature]
    kind, _, value = feature.partition(":")
    if kind == "u":
        return f"the word “{value}”"
    if kind == "b":
        return f"the words “{value.replace('_', ' ')}”"
    if kind == "len":
        return f"{int(value) * 5}+ words long"
    if kind == "share":
        return f"its speaker holds {int(value) * 20}%+ of the lines"
    return feature
