"""Covered spans, asked "does this overlap anything covered?" in logarithmic time.

The engine asks that once per sentence and once per quotation; a plain list scanned each time
made extraction quadratic in the number of claims (a megabyte of short quotations took minutes).
Overlap is strict, as the engine has always read it: (a, b) and (c, d) overlap when a < d and
c < b, so spans that only touch do not.
"""

import bisect

Span = tuple[int, int]


class CoveredSpans:
    """Non-empty spans kept as disjoint sorted runs, each the union of spans that overlap in a
    chain; empty spans (p, p) kept apart as sorted points.

    Why the answer stays exact: read as open intervals, spans that overlap in a chain unite into
    one open interval, so a query meets the run exactly when it meets one of its spans. Spans that
    only touch are not merged (their union would contain the touching point, which neither does).
    Reversed spans (end < start), added or asked, are answered from the plain list, as before:
    the engine never makes one, and the runs cannot answer them exactly."""

    __slots__ = ("_all", "_ends", "_points", "_reversed", "_starts")

    def __init__(self) -> None:
        self._all: list[Span] = []
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._points: list[int] = []
        self._reversed: list[Span] = []

    def add(self, start: int, end: int) -> None:
        self._all.append((start, end))
        if end < start:
            self._reversed.append((start, end))
            return
        if end == start:
            bisect.insort(self._points, start)
            return
        starts, ends = self._starts, self._ends
        lo = bisect.bisect_right(ends, start)  # first run ending after start
        hi = bisect.bisect_left(starts, end)  # runs beginning before end
        if lo < hi:
            start = min(start, starts[lo])
            end = max(end, ends[hi - 1])
        starts[lo:hi] = [start]
        ends[lo:hi] = [end]

    def overlaps(self, start: int, end: int) -> bool:
        if end < start:
            return any(start < c_end and c_start < end for c_start, c_end in self._all)
        if self._reversed and any(start < c_end and c_start < end for c_start, c_end in self._reversed):
            return True
        i = bisect.bisect_left(self._starts, end) - 1
        if end == start:
            # (p, p) overlaps (c, d) when c < p < d; points never overlap a point.
            return i >= 0 and self._ends[i] > start
        if i >= 0 and self._ends[i] > start:
            return True
        j = bisect.bisect_right(self._points, start)
        return j < len(self._points) and self._points[j] < end

    def first_covered(self, start: int, end: int) -> int | None:
        """Where the first covered run inside (start, end) begins, or None when it begins at or
        before `start` (or nothing there is covered). Runs only: the engine adds no points."""
        i = bisect.bisect_right(self._ends, start)  # first run ending after start
        if i < len(self._starts) and start < self._starts[i] < end:
            return self._starts[i]
        return None
