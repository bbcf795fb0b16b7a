"""CSV and XLSX export of a (filtered, scoped) table."""

import csv
import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.html import strip_tags

FORMATS = ("csv", "xlsx")


class _Echo:
    def write(self, value):
        return value


#: A spreadsheet reads a cell starting with one of these as a formula (CSV/formula injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def export_cell(value) -> str:
    """A cell's plain text; text a spreadsheet would run as a formula is quoted with a leading ``'``."""
    text = "" if value is None else strip_tags(str(value))
    if text.startswith(FORMULA_PREFIXES) and not _is_number(text):
        return f"'{text}"
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def export_table(table, fmt: str, basename: str) -> HttpResponse:
    """Return ``table`` as a download in ``fmt`` (csv or xlsx)."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    filename = f"{basename}-{stamp}.{fmt}"
    rows = ([export_cell(v) for v in row] for row in table.export_rows())
    if fmt == "csv":
        writer = csv.writer(_Echo())
        # A BOM so that spreadsheet programs read the Chinese text as UTF-8.
        stream = (writer.writerow(row) for row in rows)
        response = StreamingHttpResponse(_with_bom(stream), content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(basename[:31])
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _with_bom(stream):
    yield "\ufeff"
    yield from stream
