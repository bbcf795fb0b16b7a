"""Chinese and Arabic numerals: 一百零五 → 105, 两万五 → 25000, 二〇一四 → 2014, 5.6万 → 56000."""

from decimal import Decimal, InvalidOperation

__all__ = ["CN_NUMERAL_CHARS", "as_json_number", "chinese_to_int", "parse_number"]

_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
           "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_LARGE = {"万": 10**4, "亿": 10**8}
CN_NUMERAL_CHARS = "".join([*_DIGITS, *_SMALL, *_LARGE])


def chinese_to_int(text: str) -> int:
    """The value of a Chinese numeral, written with units (三千零五) or digit by digit (二〇一四)."""
    if not text or any(char not in CN_NUMERAL_CHARS for char in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if len(text) > 1 and all(char in _DIGITS for char in text):
        return int("".join(str(_DIGITS[char]) for char in text))
    return _with_units(text)


def _with_units(text: str) -> int:
    total = section = 0
    digit: int | None = None
    last_unit, after_zero = 1, False
    for char in text:
        if char in _DIGITS:
            after_zero = after_zero or _DIGITS[char] == 0
            digit = _DIGITS[char] or digit
        elif char in _SMALL:
            section += (digit if digit is not None else 1) * _SMALL[char]
            digit, last_unit, after_zero = None, _SMALL[char], False
        else:
            total, section = _apply_large(total, section + (digit or 0), _LARGE[char])
            digit, last_unit, after_zero = None, _LARGE[char], False
    if digit is not None:
        # 两万五 and 一百五 mean 25000 and 150: a bare last digit counts one unit lower.
        section += digit * (last_unit // 10 if last_unit >= 10 and not after_zero else 1)
    return total + section


def _apply_large(total: int, section: int, unit: int) -> tuple[int, int]:
    if unit == _LARGE["亿"]:
        return (total + section) * unit, 0
    return total + section * unit, 0


def parse_number(text: str) -> Decimal:
    """The value of an Arabic number with an optional 万/亿/千/百 multiplier, or a Chinese numeral."""
    text = text.replace(",", "").strip()
    digits = text.rstrip("万亿千百")
    if not digits or not digits[0].isdigit():
        return Decimal(chinese_to_int(text))
    try:
        value = Decimal(digits)
    except InvalidOperation:
        raise ValueError(f"not a number: {text!r}")
    for char in text[len(digits):]:
        value *= {"千": 1000, "百": 100}.get(char) or _LARGE[char]
    return value


def as_json_number(value: Decimal) -> int | float:
    """An int when the value is whole (5.6万 → 56000), otherwise a float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value.normalize())
