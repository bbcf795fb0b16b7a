"""Pages of divisions and division changes: generated suites, data only."""

import datetime

from minzheng.divisions.choices import ChangeKind, Kind, Level
from minzheng.divisions.models import Division, DivisionChange
from minzheng.framework.testing.utils import export_rows
from minzheng.framework.testing.views import ViewTestCases
from minzheng.framework.urls import model_url


def community(code, name, street):
    return Division.objects.create(code=code, name=name, level=Level.COMMUNITY, kind=Kind.COMMUNITY, parent=street)


class DivisionViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = Division
    sort_column = "code"

    @classmethod
    def create_objects(cls, tree):
        return [
            community("120101001002", "测试甲社区", tree.hp_street),
            community("120101001003", "测试乙社区", tree.hp_street),
            community("120103001002", "测试丙社区", tree.hx_street),
        ]

    @staticmethod
    def form_data(tree):
        return {"code": "120101001009", "name": "新建示范社区", "level": Level.COMMUNITY, "kind": Kind.COMMUNITY,
                "parent": tree.hp_street, "urban_rural_class": "111", "valid_from": datetime.date(2024, 1, 1),
                "valid_to": None, "is_demo": True, "remarks": "测试备注"}


def division_change(day, description, document, targets):
    change = DivisionChange.objects.create(date=datetime.date(2020, 1, day), kind=ChangeKind.RENAME,
                                           description=description, document=document)
    change.targets.set(targets)
    return change


class DivisionChangeViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    """City-wide records (not area-scoped): the other district's user holds no permission on them."""

    model = DivisionChange
    sort_column = "date"
    user_division = "city"  # city-wide data is changed by a role granted at the city

    @classmethod
    def create_objects(cls, tree):
        return [
            division_change(1, "和平区社区更名甲", "津民函〔2020〕1号", [tree.hp_community]),
            division_change(2, "和平区街道更名乙", "津民函〔2020〕2号", [tree.hp_street]),
            division_change(3, "河西区社区更名丙", "津民函〔2020〕3号", [tree.hx_community]),
        ]

    @staticmethod
    def form_data(tree):
        return {"date": datetime.date(2021, 6, 30), "date_confirmed": True, "kind": ChangeKind.SPLIT,
                "description": "劝业场街道拆分", "document": "津政函〔2021〕9号", "sources": [tree.hp_street],
                "targets": [tree.hp_community], "remarks": ""}


def test_export_quotes_text_a_spreadsheet_would_run_as_a_formula(login_as, hp_admin, tree):
    community("120101001005", '=HYPERLINK("http://example.invalid","点击")', tree.hp_street)
    community("120101001006", "-12.5", tree.hp_street)
    client = login_as(hp_admin)
    for fmt in ("csv", "xlsx"):
        rows = export_rows(client.get(model_url(Division, "list"), {"export": fmt, "q": "12010100100"}))
        names = {row[1] for row in rows[1:]}
        assert '\'=HYPERLINK("http://example.invalid","点击")' in names
        assert "-12.5" in names  # a number stays a number
        assert not any(name.startswith(("=", "+", "@")) for name in names)
