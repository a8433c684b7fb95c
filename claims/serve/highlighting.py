"""A source's text cut into plain and highlighted segments, for templates to escape and mark up.

Spans come from appearances, so they may overlap (a partial quotation inside a longer one) or
fall outside the text (a text corrected after extraction). The earliest span wins an overlap and
spans are clipped to the text, so every character is shown exactly once, in order.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    text: str
    mark: int | None = None  # the id of the highlighted item (a claim), None for plain text


def segments(text: str, spans: list[tuple[int, int, int]]) -> list[Segment]:
    """`spans` are (start, end, mark) triples; the segments' texts joined give back `text`."""
    out: list[Segment] = []
    position = 0
    for start, end, mark in sorted(spans):
        start, end = max(start, position), min(end, len(text))
        if start >= end:
            continue  # inside an earlier span, or outside the text
        if start > position:
            out.append(Segment(text[position:start]))
        out.append(Segment(text[start:end], mark))
        position = end
    if position < len(text):
        out.append(Segment(text[position:]))
    return out
