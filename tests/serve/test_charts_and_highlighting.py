"""Chart geometry and source highlighting: pure functions, checked on arbitrary inputs."""

from hypothesis import given
from hypothesis import strategies as st

from claims.public import charts
from claims.serve.highlighting import segments

points = st.lists(st.tuples(st.text(max_size=12), st.integers(min_value=0, max_value=10_000)), max_size=60)


@given(points)
def test_columns_stay_inside_the_chart_and_are_proportional(data):
    chart = charts.columns("t", data)
    assert [(b.label, b.value) for b in chart.bars] == data
    plot = chart.height - charts.PLOT_TOP - charts.LABEL_ROOM
    top = max((v for _, v in data), default=0)
    for bar in chart.bars:
        assert bar.x >= 0 and bar.x + bar.width <= chart.width + 0.01
        assert bar.y >= charts.PLOT_TOP - 0.01 and bar.y + bar.height <= charts.PLOT_TOP + plot + 0.011
        expected = plot * bar.value / top if top else 0
        assert abs(bar.height - expected) <= 0.01
    if top:
        assert max(bar.height for bar in chart.bars) == plot  # the largest value fills the plot
    for left, right in zip(chart.bars, chart.bars[1:], strict=False):
        assert left.x + left.width <= right.x  # no overlap, in order


@given(points)
def test_rows_stay_inside_the_chart_and_are_proportional(data):
    chart = charts.rows("t", data)
    top = max((v for _, v in data), default=0)
    longest = max((bar.width for bar in chart.bars), default=0)
    for i, bar in enumerate(chart.bars):
        assert bar.value_x + 40 <= chart.width  # room for the value's digits
        assert bar.y + bar.height <= chart.height
        if top:
            assert abs(bar.width / longest - bar.value / top) < 1e-3
        if i:
            assert chart.bars[i - 1].y + chart.bars[i - 1].height < bar.y
    assert chart.total == sum(v for _, v in data)


def test_an_empty_chart_says_so():
    chart = charts.columns("Claims", [])
    assert chart.bars == [] and chart.description == "No data." and chart.total == 0


spans = st.lists(
    st.tuples(st.integers(-5, 120), st.integers(-5, 120), st.integers(1, 9)).map(
        lambda t: (min(t[0], t[1]), max(t[0], t[1]), t[2])
    ),
    max_size=12,
)


@given(st.text(max_size=100), spans)
def test_segments_give_back_the_text_once_in_order(text, marks):
    out = segments(text, marks)
    assert "".join(s.text for s in out) == text
    assert all(s.text for s in out)  # no empty segment
    position = 0
    for segment in out:
        if segment.mark is not None:
            # A marked segment lies inside one of the spans carrying its mark.
            end = position + len(segment.text)
            assert any(s <= position and end <= e for s, e, m in marks if m == segment.mark)
        position += len(segment.text)


def test_overlapping_spans_keep_the_earliest():
    out = segments("abcdefghij", [(2, 6, 1), (4, 8, 2), (9, 30, 3)])
    assert [(s.text, s.mark) for s in out] == [
        ("ab", None),
        ("cdef", 1),
        ("gh", 2),
        ("i", None),
        ("j", 3),
    ]
