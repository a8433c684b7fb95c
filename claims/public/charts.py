"""Bar charts laid out on the server, drawn as SVG by templates/public/_chart.html.

Geometry only (no markup) so that it can be tested without rendering; the template escapes labels.
"""

from dataclasses import dataclass

PLOT_TOP = 8  # room above the tallest bar
LABEL_ROOM = 22  # room under columns for their labels


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float

    @property
    def label_x(self) -> float:  # where a horizontal bar's label ends (it is drawn right-aligned)
        return round(self.x - 8, 2)

    @property
    def value_x(self) -> float:  # where a horizontal bar's value starts
        return round(self.x + self.width + 6, 2)

    @property
    def text_y(self) -> float:  # the baseline of a horizontal bar's label and value
        return round(self.y + self.height / 2 + 4, 2)


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    width: int
    height: int
    bars: list[Bar]
    horizontal: bool

    @property
    def total(self) -> int:
        return sum(bar.value for bar in self.bars)


def columns(title: str, points: list[tuple[str, int]], width: int = 640, height: int = 180) -> Chart:
    """Vertical bars, one per point, left to right, heights proportional to the values."""
    top = max((value for _, value in points), default=0) or 1
    plot = height - PLOT_TOP - LABEL_ROOM
    step = width / max(len(points), 1)
    bars = []
    for i, (label, value) in enumerate(points):
        bar_height = round(plot * value / top, 2)
        bars.append(
            Bar(
                label=label,
                value=value,
                x=round(i * step + step * 0.1, 2),
                y=round(PLOT_TOP + plot - bar_height, 2),  # bars stand on the baseline
                width=round(step * 0.8, 2),
                height=bar_height,
            )
        )
    return Chart(title, _describe(points), width, height, bars, horizontal=False)


def rows(title: str, points: list[tuple[str, int]], width: int = 640, row: int = 26) -> Chart:
    """Horizontal bars, one per point, top to bottom, lengths proportional to the values; the left
    third holds the labels."""
    top = max((value for _, value in points), default=0) or 1
    left = width / 3
    plot = width - left - 48  # room for the value after the bar
    bars = [
        Bar(
            label=label,
            value=value,
            x=round(left, 2),
            y=i * row + 4,
            width=round(plot * value / top, 2),
            height=row - 8,
        )
        for i, (label, value) in enumerate(points)
    ]
    return Chart(title, _describe(points), width, max(len(points), 1) * row, bars, horizontal=True)


def _describe(points: list[tuple[str, int]]) -> str:
    if not points:
        return "No data."
    return "; ".join(f"{label}: {value}" for label, value in points)
