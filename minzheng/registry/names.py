"""Pinyin forms of Chinese names for search: full pinyin (zhangsan) and initials (zs)."""

import functools

from pypinyin import Style, lazy_pinyin

__all__ = ["name_initials", "name_pinyin", "pinyin_forms"]


# Names repeat a great deal (张伟, 王秀英): bulk imports and the demo hit the cache for most rows.
@functools.lru_cache(maxsize=65536)
def pinyin_forms(name: str) -> tuple[str, str]:
    """``(full pinyin, initials)`` in lower case without spaces; non-Chinese characters kept as they are."""
    syllables = [s.lower() for s in lazy_pinyin(name.strip(), style=Style.NORMAL, v_to_u=False) if s.strip()]
    full = "".join(syllables).replace(" ", "")
    initials = "".join(s[0] for s in syllables if s)
    return full[:200], initials[:50]


def name_pinyin(name: str) -> str:
    return pinyin_forms(name)[0]


def name_initials(name: str) -> str:
    return pinyin_forms(name)[1]
