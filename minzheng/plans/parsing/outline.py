"""The outline of a plan body: which heading style makes chapters and which makes items.

Two numbered styles of a plan are its chapter and item levels (see ``detect_levels``); deeper
levels stay in the item text. Unnumbered blocks (总的要求, 主要内容) wrap chapters when the plan
has both levels, and are the chapters when it has fewer. A marker only counts as a heading
when its number continues the sequence (restarting in each chapter or running across chapters),
so that "二、三级医院" broken onto a new line stays text."""

from dataclasses import dataclass, field

from .headings import BLOCK, PART, STYLE_RANK, Marker, match_block, match_marker
from .items import split_title
from .text import ends_closed

__all__ = ["ChapterDraft", "ItemDraft", "Levels", "build_outline", "detect_levels"]


@dataclass(frozen=True)
class Levels:
    """The chapter style (a numbered style, BLOCK, or None for one unnamed chapter) and item style."""

    chapter: str | None
    item: str | None


@dataclass
class ItemDraft:
    label: str
    value: int
    heading: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class ChapterDraft:
    label: str
    title: str
    intro: list[str] = field(default_factory=list)
    items: list[ItemDraft] = field(default_factory=list)
    tentative: bool = False


def detect_levels(paragraphs: list[str]) -> Levels:
    """The chapter and item styles. 一、 over (一) is the common pair; a part level above it
    (第一部分) then wraps chapters. Otherwise the two highest styles are chapters and items."""
    first_seen: dict[str, int] = {}
    has_blocks = False
    for index, paragraph in enumerate(paragraphs):
        marker = match_marker(paragraph)
        if marker and marker.value <= 2:
            first_seen.setdefault(marker.style, index)
        elif not marker and match_block(paragraph):
            has_blocks = True
    ranked = sorted(first_seen, key=lambda style: (STYLE_RANK[style], first_seen[style]))
    if "cn" in ranked and "paren_cn" in ranked:
        return Levels("cn", "paren_cn")
    if len(ranked) >= 2:
        return Levels(ranked[0], ranked[1])
    if ranked and ranked[0] == PART:
        return Levels(PART, None)
    return Levels(BLOCK if has_blocks else None, ranked[0] if ranked else None)


def build_outline(paragraphs: list[str]) -> tuple[list[str], list[ChapterDraft]]:
    """The preamble paragraphs and the chapter drafts of a plan body."""
    builder = _Builder(detect_levels(paragraphs))
    for paragraph in paragraphs:
        builder.feed(paragraph)
    return builder.finish()


class _Builder:
    def __init__(self, levels: Levels):
        self.levels = levels
        self.preamble: list[str] = []
        self.chapters: list[ChapterDraft] = []
        self.chapter: ChapterDraft | None = None
        self.item: ItemDraft | None = None
        self.last_chapter = self.scope_chapter = self.last_item = 0

    def feed(self, paragraph: str) -> None:
        marker = match_marker(paragraph)
        block = None if marker else match_block(paragraph)
        if block or (marker and marker.style == PART and self.levels.chapter != PART):
            self._start_block(marker, block)
        elif marker and marker.style == self.levels.chapter and self._chapter_fits(marker.value):
            self._start_chapter(marker.label, marker.value, marker.rest)
        elif marker and marker.style == self.levels.item and self._item_fits(marker.value):
            self._start_item(marker)
        else:
            self._add_text(paragraph)

    def finish(self) -> tuple[list[str], list[ChapterDraft]]:
        self._close_chapter()
        return self.preamble, self.chapters

    def _chapter_fits(self, value: int) -> bool:
        return any(last < value <= last + 2 for last in (self.scope_chapter, self.last_chapter))

    def _item_fits(self, value: int) -> bool:
        if self.chapter and self.chapter.items:
            last = self.chapter.items[-1].value
            return last < value <= last + 2
        return value <= 2 or self.last_item < value <= self.last_item + 2

    def _start_block(self, marker: Marker | None, block: tuple[str, str] | None) -> None:
        title, rest = block if block else (marker.rest, "")
        label = marker.label if marker else ""
        if self.levels.chapter == BLOCK:
            self._start_chapter(label, 0, f"{title}。{rest}" if rest else title)
            return
        self._close_chapter()
        heading, intro = split_title(title)
        self.chapter = ChapterDraft(label, heading, [part for part in (intro, rest) if part], tentative=True)
        self.scope_chapter = 0

    def _start_chapter(self, label: str, value: int, heading: str) -> None:
        if self.chapter and self.chapter.tentative and _is_wrapper(self.chapter):
            self.preamble.extend(self.chapter.intro)
            self.chapter = None
        self._close_chapter()
        title, intro = split_title(heading)
        self.chapter = ChapterDraft(label, title, [intro] if intro else [])
        if value:
            self.last_chapter = self.scope_chapter = value

    def _start_item(self, marker: Marker) -> None:
        if self.chapter is None:
            self.chapter = ChapterDraft("", "")
        self.chapter.tentative = False
        self.item = ItemDraft(marker.label, marker.value, marker.rest)
        self.chapter.items.append(self.item)
        self.last_item = marker.value

    def _add_text(self, paragraph: str) -> None:
        if self.item:
            target = self.item.paragraphs
        else:
            target = self.chapter.intro if self.chapter else self.preamble
        if target and not ends_closed(target[-1]):
            target[-1] += paragraph
        else:
            target.append(paragraph)

    def _close_chapter(self) -> None:
        chapter, self.chapter, self.item = self.chapter, None, None
        if chapter and (chapter.items or chapter.intro or not chapter.tentative):
            self.chapters.append(chapter)


def _is_wrapper(block: ChapterDraft) -> bool:
    """A block such as 主要内容 that only leads in to the chapters after it ("…以下工作:")."""
    return not block.items and (not block.intro or block.intro[-1].rstrip()[-1:] in "：:")
