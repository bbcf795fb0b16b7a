"""Reading plan files: UTF-8 with or without BOM, UTF-16 with BOM, otherwise GB18030."""

import codecs
from pathlib import Path

__all__ = ["decode_plan_bytes", "read_plan_file"]


def read_plan_file(path: str | Path) -> str:
    """The text of a plan file, decoded by its BOM, as UTF-8, or else as GB18030."""
    return decode_plan_bytes(Path(path).read_bytes())


def decode_plan_bytes(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")
