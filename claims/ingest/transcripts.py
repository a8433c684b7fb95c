"""Transcripts read from their formats into speaker turns with time codes.

- WebVTT: cues with their times; voices as `<v Name>` (`<v.moderator Name>` for the moderator),
  or as the prefixes below in the cue text.
- SubRip (.srt): numbered cues with times; a new speaker as `NAME:`, `>> NAME:` or `- NAME:`
  opening a cue's line (`>>` alone: someone else speaks, unnamed).
- Plain text: `NAME: words` (`MR. SMITH: ...`, `Ada Quill: ...`), or the speaker's name on a line
  of its own above their paragraphs; a time stamp may open a turn (`[00:12:31] TOVAR: ...`).
  Lines before the first turn may give the date (`date 2024-05-02`), the moderators
  (`Moderator: Ana Ruiz`) and a title.

Each format is detected by its content when the kind is not given (`detect`). The transcript's
text, as stored, is each turn on a paragraph of its own, its label first (`TOVAR: ...`): turns
keep offsets into it (claims.extraction.transcripts.Turn), so the statements found in them can be
marked in it as an article's are, and a growing transcript only ever appends to it.
"""

import hashlib
import html
import re
from dataclasses import dataclass, field
from datetime import date

from claims.extraction import triage
from claims.extraction.transcripts import Turn
from claims.ingest.errors import UnusableInput
from claims.store.incoming import Article

WEBVTT, SRT, PLAIN = "webvtt", "srt", "transcript"
FORMATS = (WEBVTT, SRT, PLAIN)
FORMAT_LABELS = {WEBVTT: "WebVTT", SRT: "SubRip", PLAIN: "Plain-text transcript"}

_TIME = r"(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?"
_TIMING = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}")
_SRT_START = re.compile(rf"^\s*\d+\s*\n\s*{_TIME}\s*-->", re.MULTILINE)
_STAMP = re.compile(rf"^\s*[\[(]?{_TIME}[\])]?\s+(?=\S)")
_VOICE = re.compile(r"<v((?:\.[\w-]+)*)(?:\s+([^>]*))?>", re.IGNORECASE)
_TAG = re.compile(r"</?[^>\s][^>]*>|\{\\[^}]*\}")
# A speaker's label opening a line: capitals (`MR. SMITH:`, `SEN. SANDERS (D-VT), CANDIDATE:`) or
# a name in title case (`Ada Quill:`); after `>>` or a dash in captions.
_CAPS_LABEL = r"[A-Z][A-Z0-9.'’\- ]{0,40}?(?:\s*\([^()\n]{1,60}\))?(?:,[^:\n]{1,60})?"
_TITLE_LABEL = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|of|de|van|von|da|la)){0,4}(?:\s*\([^()\n]{1,60}\))?"
_LABEL_LINE = re.compile(rf"^(?:>>\s*|-\s+)?(?P<label>{_CAPS_LABEL}|{_TITLE_LABEL}):(?:\s+(?P<words>.*))?$")
_CAPS_ALONE = re.compile(rf"^(?P<label>{_CAPS_LABEL}):?$")
_CHANGE = re.compile(r"^(?:>>+|-)\s+(?=\S)")
_DATE_HEADER = re.compile(r"^\s*date:?\s+(\d{4}-\d{2}-\d{2})\s*$", re.IGNORECASE)
_MODERATOR_HEADER = re.compile(
    r"^\s*(?:moderators?|chair|chairs|host|hosts)\s*:\s*(?P<names>.+)$", re.IGNORECASE
)
_NAME_LIST = re.compile(r"^[A-Z][\w.'’-]*(?:(?:\s+|,\s*|\s+and\s+)[A-Z][\w.'’-]*){0,8}$")
_NOT_LABELS = frozenset(
    "note notes update correction source warning disclaimer editor's note transcript title date "
    "subject re summary".split()
)


@dataclass(frozen=True, slots=True)
class Segment:
    """A cue or a paragraph: its words and who says them. speaker None: the one before goes on;
    "" (after `>>` alone): someone unnamed."""

    text: str
    speaker: str | None = None
    seconds: float | None = None
    moderator: bool | None = None
    paragraph: bool = False  # a paragraph of plain text (kept on a line of its own), not a caption

    @property
    def key(self) -> str:
        """What makes it the same segment when a growing transcript is read again."""
        words = " ".join(self.text.split()).casefold()
        stamp = "" if self.seconds is None else f"{self.seconds:.2f}"
        return hashlib.sha1(f"{stamp}|{self.speaker or ''}|{words}".encode()).hexdigest()[:16]


@dataclass(slots=True)
class Transcript:
    format: str
    segments: list[Segment]
    title: str = ""
    published: date | None = None
    moderators: set[str] = field(default_factory=set)  # names the header gives


def _seconds(groups: tuple[str | None, ...]) -> float:
    hours, minutes, secs, millis = groups
    return (
        int(hours or 0) * 3600
        + int(minutes or 0) * 60
        + int(secs or 0)
        + int((millis or "0").ljust(3, "0")) / 1000
    )


def detect(text: str) -> str | None:
    """The transcript format the text is in, or None when it reads as an article."""
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith("WEBVTT"):
        return WEBVTT
    if _SRT_START.match(head[:2000].replace("\r\n", "\n")):
        return SRT
    try:
        plain = _plain(text)
    except UnusableInput:
        return None
    labels = {s.speaker for s in plain.segments if s.speaker}
    turns = sum(1 for s in plain.segments if s.speaker is not None)
    lines = sum(1 for line in text.splitlines() if line.strip())
    # Two speakers at least, taking turns through the text (not an article that opens one line
    # with a label).
    return PLAIN if len(labels) >= 2 and turns >= 2 and turns >= 0.3 * max(1, lines - 5) else None


def read(text: str, *, fmt: str | None = None) -> Transcript:
    """The transcript in `fmt` (detected when None); UnusableInput when it holds no turn."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    fmt = fmt or detect(text) or PLAIN
    reader = {WEBVTT: _webvtt, SRT: _srt, PLAIN: _plain}.get(fmt)
    if reader is None:
        raise UnusableInput(f"“{fmt}” is not a transcript format: {', '.join(FORMATS)}.")
    transcript = reader(text)
    if not any(s.text.strip() for s in transcript.segments):
        raise UnusableInput(f"No speaker turn was found in the {FORMAT_LABELS[fmt]} transcript.")
    return transcript


def _clean_caption(line: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", line)).split())


def _caption_lines(lines: list[str], seconds: float | None) -> list[Segment]:
    """The segments of one cue's lines: a voice tag, a label or `>>` opens a new speaker."""
    out: list[Segment] = []
    for raw in lines:
        speaker: str | None = None
        moderator: bool | None = None
        voiced = _VOICE.search(raw)
        if voiced is not None:
            classes = voiced.group(1).lower()
            speaker = " ".join((voiced.group(2) or "").split())
            moderator = True if ".moderator" in classes or ".chair" in classes else None
            raw = raw[: voiced.start()] + raw[voiced.end() :]
        line = _clean_caption(raw)
        if not line:
            continue
        if speaker is None:
            labelled = _LABEL_LINE.match(line)
            if labelled is not None and _is_label(labelled.group("label")) and labelled.group("words"):
                speaker, line = labelled.group("label").strip(), labelled.group("words").strip()
            elif (change := _CHANGE.match(line)) is not None:
                speaker, line = "", line[change.end() :]
        out.append(Segment(line, speaker, seconds, moderator))
    return out


def _is_label(label: str) -> bool:
    words = label.split()
    return bool(words) and label.strip().lower() not in _NOT_LABELS and len(words) <= 8


def _blocks(text: str) -> list[list[str]]:
    return [
        [line for line in block.split("\n")] for block in re.split(r"\n\s*\n", text.strip()) if block.strip()
    ]


def _webvtt(text: str) -> Transcript:
    segments: list[Segment] = []
    title = ""
    for block in _blocks(text)[1:] if text.startswith("WEBVTT") else _blocks(text):
        first = block[0].strip()
        if first.startswith(("NOTE", "STYLE", "REGION")):
            continue
        timing = next((i for i, line in enumerate(block[:2]) if _TIMING.match(line)), None)
        if timing is None:
            continue
        m = _TIMING.match(block[timing])
        assert m is not None
        segments += _caption_lines(block[timing + 1 :], _seconds(m.groups()[:4]))
    return Transcript(WEBVTT, segments, title=title)


def _srt(text: str) -> Transcript:
    segments: list[Segment] = []
    for block in _blocks(text):
        timing = next((i for i, line in enumerate(block[:3]) if _TIMING.match(line)), None)
        if timing is None:
            continue
        m = _TIMING.match(block[timing])
        assert m is not None
        segments += _caption_lines(block[timing + 1 :], _seconds(m.groups()[:4]))
    return Transcript(SRT, segments)


def _plain(text: str) -> Transcript:
    lines = [line.strip() for line in text.split("\n")]
    transcript = Transcript(PLAIN, [])
    labelled_twice = _labels_used(lines)
    pending: str | None = None  # a speaker's name on a line of its own, for the paragraphs below
    started = False
    for i, line in enumerate(lines):
        if not line:
            continue
        seconds = None
        if (stamp := _STAMP.match(line)) is not None and _TIMING.match(line) is None:
            seconds = _seconds(stamp.groups()[:4])
            line = line[stamp.end() :]
        if not started:
            if (m := _DATE_HEADER.match(line)) is not None:
                try:
                    transcript.published = date.fromisoformat(m.group(1))
                except ValueError:
                    raise UnusableInput(
                        f"The header line gives an impossible date: {m.group(1)!r}."
                    ) from None
                continue
            if (m := _MODERATOR_HEADER.match(line)) is not None and _NAME_LIST.match(
                m.group("names").strip(" .")
            ):
                names = re.split(r",\s*|\s+and\s+", m.group("names").strip(" ."))
                transcript.moderators.update(n.strip() for n in names if n.strip())
                continue
        labelled = _LABEL_LINE.match(line)
        if (
            labelled is not None
            and labelled.group("words")
            and _is_label(labelled.group("label"))
            and (labelled.group("label").isupper() or labelled.group("label").strip() in labelled_twice)
        ):
            started = True
            pending = None
            speaker = labelled.group("label").strip()
            transcript.segments.append(
                Segment(labelled.group("words").strip(), speaker, seconds, paragraph=True)
            )
            continue
        alone = _CAPS_ALONE.match(line)
        title_alone = line.endswith(":") and _is_label(line[:-1]) and line[:-1].strip() in labelled_twice
        nxt = next((later for later in lines[i + 1 :] if later), "")
        if (
            ((alone is not None and _is_label(line.rstrip(":")) and len(line.split()) <= 6) or title_alone)
            and nxt
            and not triage.STAGE_DIRECTION.match(line)
        ):
            started = True
            pending = line.rstrip(":").strip()
            continue
        if not started:
            if not transcript.title and len(line) <= 200:
                transcript.title = line
            continue
        transcript.segments.append(Segment(line, pending, seconds, paragraph=True))
        pending = None
    return transcript


def _labels_used(lines: list[str]) -> set[str]:
    """Labels in title case that open two lines or more (`Ada Quill: ...`): a label, not a prefix
    such as `Note:` that opens one line."""
    seen: dict[str, int] = {}
    for line in lines:
        m = _LABEL_LINE.match(_STAMP.sub("", line, count=1))
        if m is not None and _is_label(m.group("label")):
            label = m.group("label").strip()
            seen[label] = seen.get(label, 0) + 1
        elif line.endswith(":") and _is_label(line[:-1]) and len(line.split()) <= 6:
            seen[line[:-1].strip()] = seen.get(line[:-1].strip(), 0) + 1
    return {label for label, n in seen.items() if n >= 2}


@dataclass(frozen=True, slots=True)
class Rendered:
    """Segments written out as a transcript's text: the text (to append after `offset`
    characters), its turns with offsets into the whole, and the label of the last turn."""

    text: str
    turns: list[Turn]
    last_label: str | None


def render(
    segments: list[Segment],
    *,
    offset: int = 0,
    last_label: str | None = None,
    moderators: set[str] | frozenset[str] = frozenset(),
) -> Rendered:
    """Each turn (a run of segments of one speaker) on a paragraph of its own, `LABEL: words`.
    A segment with no speaker goes on with the one before (`last_label`, when appending); a
    stage direction alone ("(APPLAUSE)") is a turn of noise."""
    pieces: list[str] = []
    turns: list[Turn] = []
    position = offset
    current: list[Segment] = []
    label = last_label

    def flush() -> None:
        nonlocal position, current
        if not current:
            return
        noise = all(triage.STAGE_DIRECTION.match(s.text) for s in current) or (
            bool(label) and triage.is_noise(speaker=label or "", text="")
        )
        spoken = label or ""
        separator = "\n\n" if position > 0 or pieces else ""
        position += len(separator)
        head = "" if noise or not spoken else f"{spoken}: "
        label_start, label_end = (position, position + len(spoken)) if head else (None, None)
        body_start = position + len(head)
        body = ""
        times: list[tuple[int, float]] = []
        for segment in current:
            if body:
                body += "\n" if segment.paragraph else " "
            if segment.seconds is not None:
                times.append((body_start + len(body), segment.seconds))
            body += segment.text
        moderator = True if any(s.moderator for s in current) else None
        if spoken and moderators and _names_moderator(spoken, moderators):
            moderator = True
        pieces.append(separator + head + body)
        turns.append(
            Turn(
                label="" if noise else spoken,
                start=body_start,
                end=body_start + len(body),
                label_start=label_start,
                label_end=label_end,
                times=tuple(times),
                moderator=moderator,
                noise=noise,
                segments=len(current),
            )
        )
        position = body_start + len(body)
        current = []

    for segment in segments:
        stage = triage.STAGE_DIRECTION.match(segment.text) is not None
        if (segment.speaker is not None and segment.speaker != label) or stage:
            flush()
            if segment.speaker is not None:
                label = segment.speaker
        elif current and triage.STAGE_DIRECTION.match(current[-1].text):
            flush()
        current.append(segment)
        if stage:
            flush()
    flush()
    return Rendered("".join(pieces), turns, label)


def _names_moderator(label: str, moderators: set[str] | frozenset[str]) -> bool:
    """Does a label name one of the moderators the header gives ("HOLT" for "Lester Holt")?"""
    words = {w.strip(".").lower() for w in label.split()}
    return any(words & {w.lower() for w in name.split()[-1:]} for name in moderators)


def to_article(transcript: Transcript) -> Article:
    """The transcript as the store takes it: its rendered text, its turns, its format."""
    rendered = render(transcript.segments, moderators=transcript.moderators)
    if not rendered.text.strip() or not rendered.turns:
        raise UnusableInput("No speaker turn was found in the transcript.")
    return Article(
        text=rendered.text,
        raw_format=transcript.format,
        title=transcript.title[:1000],
        published=transcript.published,
        turns=tuple(rendered.turns),
        segment_keys=tuple(s.key for s in transcript.segments),
    )


def parse(text: str, *, fmt: str | None = None) -> Article:
    return to_article(read(text, fmt=fmt))
