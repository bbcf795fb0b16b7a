from decimal import Decimal

from minzheng.statistics.charts import bar_chart, format_figure


def test_the_largest_value_has_the_longest_bar():
    chart = bar_chart("t", [("a", 10), ("b", 5), ("c", 0)], width=600, label_width=100, value_width=100)
    assert [bar.width for bar in chart.bars] == ["400.0", "200.0", "0.0"]
    assert [bar.y for bar in chart.bars] == [0, 24, 48]
    assert chart.height == 72


def test_an_empty_or_zero_chart_draws_no_bar_length():
    assert bar_chart("t", []).bars == []
    assert bar_chart("t", [("a", Decimal("0.00"))]).bars[0].width == "0.0"


def test_long_labels_are_shortened_and_figures_grouped():
    chart = bar_chart("t", [("一二三四五六七八九十一二三四", Decimal("1234.5"))])
    assert chart.bars[0].label == "一二三四五六七…"
    assert chart.bars[0].text == "1,234.50"
    assert format_figure(12345) == "12,345"
