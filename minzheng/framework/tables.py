"""Base table: the first column links to the object; a trailing column offers its actions."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

# Importing privacy registers MaskedColumn, so sensitive fields in Meta.fields are masked.
from minzheng.framework.privacy import MaskedColumn, check_table_columns

__all__ = ["BaseTable", "LinkColumn", "MaskedColumn"]


class LinkColumn(tables.Column):
    """Renders the value as a link to the row's detail page."""

    def render(self, value, record):
        from django.utils.html import format_html

        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), value)


class BaseTable(tables.Table):
    """Table base: sortable, paginated by the list view; subclasses declare Meta.model and fields."""

    class Meta:
        attrs = {"class": "table"}
        empty_text = _("No records match.")
        template_name = "generic/table.html"

    exclude_from_export: tuple[str, ...] = ("actions",)

    def __init__(self, data, *args, user=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.user = user
        check_table_columns(self)

    def export_rows(self):
        """Header plus plain-text rows of the visible columns, for CSV and XLSX export."""
        columns = [c for c in self.columns if c.name not in self.exclude_from_export]
        yield [str(c.header) for c in columns]
        for row in self.rows:
            yield [row.get_cell_value(c.name) for c in columns]
