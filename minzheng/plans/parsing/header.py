"""The legal-database header of a notice: 【制定机关】天津市民政局, 【字 号】津民发〔2014〕5号, ….

Field names vary between databases (【发布部门】, 【发文字号】, 【效力级别】, …) and may hold
spaces (【字 号】); all spellings map onto the same fields. Government websites give the same
facts as "文 号: 咸民政发〔2020〕1号 发文单位: 咸宁市民政局", which is read too."""

import datetime
import re
from dataclasses import dataclass

from .dates import parse_date

__all__ = ["Header", "split_header"]

_ALIASES = {
    "issuer": ("制定机关", "发布部门", "发文机关", "颁布机关", "发布机关", "制定部门", "发文单位", "发布机构"),
    "doc_number": ("字号", "发文字号", "文号"),
    "published": ("公布日期", "发布日期", "颁布日期", "成文日期", "发文日期"),
    "effective": ("施行日期", "实施日期", "生效日期"),
    "level": ("效力等级", "效力级别"),
    "status": ("时效性", "时效", "有效性"),
    "topic": ("主题分类", "法规类别", "类别", "分类"),
}
_SITE_KEYS = ("索引号", "名称", "关键词", "公开方式", "体裁分类", "废止日期", "来源", *sorted({
    alias for aliases in _ALIASES.values() for alias in aliases} - {"类别", "分类", "时效"}))
_FIELD_OF = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}
_FIELD_RE = re.compile(r"【([^】]{1,16})】([^【]*)")
_SITE_KEY_RE = re.compile("(" + "|".join(r"\s*".join(key) for key in _SITE_KEYS) + r")\s*[:：]")
_MARKERS = {"文章属性", "正文", "全文", "法规全文", "【正文】", "【全文】"}
_SEARCH_LINES = 40


@dataclass
class Header:
    """Header fields; any of them may be missing."""

    issuer: str | None = None
    doc_number: str | None = None
    published: datetime.date | None = None
    effective: datetime.date | None = None
    level: str | None = None
    status: str | None = None
    topic: str | None = None


def split_header(lines: list[str]) -> tuple[Header, list[str]]:
    """The header fields and the remaining lines, without header lines and database markers."""
    header, rest = Header(), []
    for index, line in enumerate(lines):
        fields = _fields(line) if index < _SEARCH_LINES else []
        if fields:
            _apply(header, fields)
        elif not (index < _SEARCH_LINES and _is_marker(line)):
            rest.append(line)
    return header, rest


def _fields(line: str) -> list[tuple[str, str]]:
    """The (key, value) pairs of a header line, or [] when the line is not a header line."""
    stripped = line.strip()
    if stripped.startswith("【"):
        pairs = [(re.sub(r"\s+", "", key), value.strip()) for key, value in _FIELD_RE.findall(stripped)]
    else:
        pairs = _site_fields(stripped)
    return pairs if any(key in _FIELD_OF for key, _ in pairs) else []


def _site_fields(line: str) -> list[tuple[str, str]]:
    """"文 号: X 发文单位: Y" pairs of a government website's metadata line."""
    keys = list(_SITE_KEY_RE.finditer(line))
    if not keys or keys[0].start() != 0:
        return []
    ends = [match.start() for match in keys[1:]] + [len(line)]
    return [(re.sub(r"\s+", "", key.group(1)), line[key.end():end].strip())
            for key, end in zip(keys, ends, strict=True)]


def _apply(header: Header, fields: list[tuple[str, str]]) -> None:
    for key, value in fields:
        name = _FIELD_OF.get(key)
        if not name or not value or getattr(header, name) is not None:
            continue
        setattr(header, name, parse_date(value) if name in ("published", "effective") else value)


def _is_marker(line: str) -> bool:
    return re.sub(r"\s+", "", line) in _MARKERS
