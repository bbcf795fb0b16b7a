"""Plain helpers shared by the generated suites, the pytest fixtures and hand-written tests."""

import csv
import datetime
import io
from types import SimpleNamespace

from django.apps import apps
from django.db import models

from minzheng.accounts.models import RoleAssignment, User
from minzheng.accounts.roles import ROLES
from minzheng.accounts.services import role_group
from minzheng.divisions.choices import Kind, Level
from minzheng.divisions.models import Division
from minzheng.framework.serialization import serialize_instance

__all__ = [
    "NO_MATCH",
    "PASSWORD",
    "api_data",
    "build_tree",
    "create_user",
    "export_rows",
    "last_change_seq",
    "new_changes",
    "post_data",
    "role_without",
    "row_state",
    "trim_row",
]

#: The password of every user made by ``create_user``.
PASSWORD = "pw-123456"
#: A search term no record holds.
NO_MATCH = "无此记录-zz-9"


def _division(code, name, level, kind, parent=None):
    return Division.objects.create(code=code, name=name, level=level, kind=kind, parent=parent)


def build_tree() -> SimpleNamespace:
    """天津市 (120000) with 和平区 (120101) and 河西区 (120103), one street and one community in each."""
    city = _division("120000", "天津市", Level.CITY, Kind.MUNICIPALITY)
    heping = _division("120101", "和平区", Level.DISTRICT, Kind.DISTRICT, city)
    hexi = _division("120103", "河西区", Level.DISTRICT, Kind.DISTRICT, city)
    hp_street = _division("120101001000", "劝业场街道", Level.STREET, Kind.SUBDISTRICT, heping)
    hx_street = _division("120103001000", "大营门街道", Level.STREET, Kind.SUBDISTRICT, hexi)
    hp_community = _division("120101001001", "劝业场示范社区", Level.COMMUNITY, Kind.COMMUNITY, hp_street)
    hx_community = _division("120103001001", "大营门示范社区", Level.COMMUNITY, Kind.COMMUNITY, hx_street)
    return SimpleNamespace(city=city, heping=heping, hexi=hexi, hp_street=hp_street, hx_street=hx_street,
                           hp_community=hp_community, hx_community=hx_community)


def create_user(role_code: str | None = None, division=None, *, username: str, **extra) -> User:
    """A user holding the seeded role ``role_code`` within ``division`` (no role when None)."""
    user = User.objects.create_user(username=username, password=PASSWORD, **extra)
    if role_code is not None:
        RoleAssignment.objects.create(user=user, role=role_group(role_code), division=division)
    return user


def role_without(model: type[models.Model], action: str) -> str | None:
    """A seeded role lacking ``action`` on ``model``; one that can still view the model is preferred.

    ``None`` (a user with no role at all) when every role grants the action.
    """
    label = model._meta.label_lower
    lacking = [code for code, (_name, _text, grants) in ROLES.items() if action not in grants.get(label, ())]
    viewing = [code for code in lacking if "view" in ROLES[code][2].get(label, ())]
    return (viewing or lacking or [None])[0]


def _plain(value, *, form: bool):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set | models.QuerySet):
        return [_plain(item, form=form) for item in value]
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if value is None and form:
        return ""
    return value


def post_data(data: dict) -> dict:
    """``data`` as an HTML form would post it: objects as ids, ``False`` left out, ``True`` as "on"."""
    posted = {}
    for key, value in data.items():
        if value is False:
            continue
        posted[key] = "on" if value is True else _plain(value, form=True)
    return posted


def api_data(data: dict) -> dict:
    """``data`` as JSON for the API: objects as ids, dates as ISO strings."""
    return {key: _plain(value, form=False) for key, value in data.items()}


def row_state(instance: models.Model) -> dict | None:
    """The stored values of ``instance``'s row (None when it no longer exists), for "nothing changed" checks."""
    stored = type(instance)._base_manager.filter(pk=instance.pk).first()
    return serialize_instance(stored) if stored is not None else None


def _object_change():
    return apps.get_model("audit", "ObjectChange")


def last_change_seq() -> int:
    """The sequence number of the newest change-log row (0 when there is none)."""
    return _object_change()._base_manager.aggregate(seq=models.Max("seq"))["seq"] or 0


def new_changes(since_seq: int) -> list:
    """Change-log rows written after ``since_seq``, oldest first."""
    return list(_object_change()._base_manager.filter(seq__gt=since_seq).order_by("seq"))


def export_rows(response) -> list[list[str]]:
    """The rows (header first) of a CSV or XLSX export response, as lists of strings without trailing blanks."""
    content_type = response["Content-Type"]
    if content_type.startswith("text/csv"):
        content = b"".join(response.streaming_content) if response.streaming else response.content
        rows = csv.reader(io.StringIO(content.decode("utf-8-sig")))
    else:
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
        rows = (["" if value is None else str(value) for value in row] for row in sheet.iter_rows(values_only=True))
    return [trim_row(row) for row in rows]


def trim_row(row) -> list[str]:
    """``row`` without its trailing empty cells (XLSX readers drop them)."""
    row = list(row)
    while row and row[-1] == "":
        row.pop()
    return row
