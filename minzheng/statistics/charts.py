"""Horizontal bar charts drawn on the server as SVG: no script, no CDN, printable.

``bar_chart`` works out the geometry; ``statistics/partials/bar_chart.html`` draws it. Every number
reaching the template is already a string, so no locale can change a coordinate's decimal point.
"""

from dataclasses import dataclass
from decimal import Decimal

__all__ = ["Bar", "BarChart", "bar_chart", "format_figure"]

LABEL_CHARACTERS = 8


@dataclass(frozen=True)
class Bar:
    label: str
    text: str
    y: int
    text_y: int
    width: str
    text_x: str


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]
    width: int
    height: int
    label_x: int
    bar_x: int
    bar_height: int


def format_figure(value: Decimal | int) -> str:
    """``1,234`` for a count, ``1,234.50`` for an amount."""
    return f"{value:,.2f}" if isinstance(value, Decimal) else f"{value:,}"


def _label(text: str) -> str:
    text = str(text)
    return text if len(text) <= LABEL_CHARACTERS else text[: LABEL_CHARACTERS - 1] + "…"


def bar_chart(title: str, items: list[tuple[str, Decimal | int]], *, width: int = 480, label_width: int = 120,
              value_width: int = 90, bar_height: int = 18, gap: int = 6) -> BarChart:
    """A chart of one bar per ``(label, value)``, the longest bar for the largest value."""
    plot = width - label_width - value_width
    peak = max((value for _label_text, value in items), default=0)
    bars = []
    for i, (label, value) in enumerate(items):
        length = float(value) / float(peak) * plot if peak > 0 else 0.0
        y = i * (bar_height + gap)
        bars.append(Bar(_label(label), format_figure(value), y, y + bar_height - 4, f"{length:.1f}",
                        f"{label_width + length + 4:.1f}"))
    height = max(len(items) * (bar_height + gap), bar_height)
    return BarChart(title, bars, width, height, label_width - 6, label_width, bar_height)
