"""Character normalization and punctuation-aware splitting shared by the parsing modules.

Full-width digits, Latin letters, brackets and a few operators become half-width so that one
set of patterns reads both; Chinese punctuation (，。；：、) is kept as written."""

import re
import unicodedata

__all__ = [
    "CLAUSE_BREAKS",
    "SENTENCE_BREAKS",
    "display_width",
    "ends_closed",
    "first_unprotected",
    "has_punctuation",
    "normalize_text",
    "protected_mask",
    "split_unprotected",
]

SENTENCE_BREAKS = "。！？；!?;"
CLAUSE_BREAKS = "，,：:"
_PUNCTUATION = "。，,；;：:！？!?、"
_CLOSING_QUOTES = "”’」』\"'"

_WIDTH = {code: code - 0xFEE0 for code in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]}
_WIDTH.update({ord(wide): narrow for wide, narrow in zip("（）％．＋－／＝＊～", "()%.+-/=*~", strict=True)})
_WIDTH.update({0x3000: " ", 0xA0: " ", ord("\t"): "    ", 0xFEFF: None, 0x200B: None})

_QUOTED = (
    r'《[^《》\n]{0,120}》|“[^“”\n]{0,120}”|"[^"\n]{0,120}"|「[^「」\n]{0,120}」|『[^『』\n]{0,120}』'
    r"|‘[^‘’\n]{0,60}’"
)
_QUOTED_RE = re.compile(rf"{_QUOTED}|〔[^〔〕\n]{{0,20}}〕")
_BRACKETED_RE = re.compile(rf"{_QUOTED}|〔[^〔〕\n]{{0,20}}〕|\([^()\n]{{0,120}}\)")


def normalize_text(text: str) -> str:
    """Half-width digits, letters and brackets; Unix line ends; no BOM or zero-width spaces."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_WIDTH)


def protected_mask(text: str, *, parentheses: bool = True) -> list[bool]:
    """For each character, whether it lies inside quotes, book-title marks or brackets.

    Only pairs closed within a short distance count, so a missing closing mark cannot hide the
    rest of a paragraph."""
    mask = [False] * len(text)
    pattern = _BRACKETED_RE if parentheses else _QUOTED_RE
    for match in pattern.finditer(text):
        mask[match.start():match.end()] = [True] * (match.end() - match.start())
    return mask


def first_unprotected(text: str, chars: str) -> int:
    """Index of the first character of ``chars`` outside quotes and brackets, or -1."""
    mask = protected_mask(text)
    for index, char in enumerate(text):
        if char in chars and not mask[index] and not _thousands_comma(text, index):
            return index
    return -1


def split_unprotected(text: str, chars: str) -> list[str]:
    """Split at the characters of ``chars`` outside quotes and brackets; drop empty pieces."""
    mask = protected_mask(text)
    pieces, start = [], 0
    for index, char in enumerate(text):
        if char in chars and not mask[index] and not _thousands_comma(text, index):
            pieces.append(text[start:index])
            start = index + 1
    pieces.append(text[start:])
    return [piece.strip() for piece in pieces if piece.strip()]


def ends_closed(line: str) -> bool:
    """Whether a line ends a sentence (。；！？ or a colon, possibly before a closing quote)."""
    stripped = line.rstrip().rstrip(_CLOSING_QUOTES)
    return bool(stripped) and stripped[-1] in SENTENCE_BREAKS + "：:"


def has_punctuation(line: str) -> bool:
    return any(char in _PUNCTUATION for char in line)


def display_width(line: str) -> int:
    """The width of a line in half-width columns (Chinese characters take two)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)


def _thousands_comma(text: str, index: int) -> bool:
    """A comma inside a number such as 6,000 is not a clause break."""
    if text[index] != "," or index == 0 or not text[index - 1].isdigit():
        return False
    digits = text[index + 1:index + 5]
    return len(digits) >= 3 and digits[:3].isdigit() and not digits[3:].isdigit()
