"""The divisions API: generated suites, data only."""

import datetime

from minzheng.divisions.choices import ChangeKind, Kind, Level
from minzheng.divisions.models import Division, DivisionChange
from minzheng.divisions.tests.test_views import community, division_change
from minzheng.framework.testing.api import APIViewTestCases


class DivisionAPITestCase(APIViewTestCases.APIViewTestCase):
    model = Division
    api_update_data = {"name": "改名示范社区", "remarks": "接口修改"}

    @classmethod
    def create_objects(cls, tree):
        return [
            community("120101001002", "测试甲社区", tree.hp_street),
            community("120101001003", "测试乙社区", tree.hp_street),
            community("120103001002", "测试丙社区", tree.hx_street),
        ]

    @staticmethod
    def api_create_data(tree):
        return {"code": "120101001008", "name": "接口新建社区", "level": Level.COMMUNITY, "kind": Kind.COMMUNITY,
                "parent": tree.hp_street, "valid_from": datetime.date(2023, 5, 1), "is_demo": False}


class DivisionChangeAPITestCase(APIViewTestCases.APIViewTestCase):
    """City-wide records (not area-scoped): the other district's user holds no permission on them."""

    model = DivisionChange
    user_division = "city"  # city-wide data is changed by a role granted at the city
    api_update_data = {"description": "更正后的说明", "date_confirmed": True}

    @classmethod
    def create_objects(cls, tree):
        return [
            division_change(1, "和平区社区更名甲", "津民函〔2020〕1号", [tree.hp_community]),
            division_change(2, "和平区街道更名乙", "津民函〔2020〕2号", [tree.hp_street]),
            division_change(3, "河西区社区更名丙", "津民函〔2020〕3号", [tree.hx_community]),
        ]

    @staticmethod
    def api_create_data(tree):
        return {"date": datetime.date(2022, 3, 1), "kind": ChangeKind.MERGE, "description": "社区合并",
                "document": "津政函〔2022〕4号", "sources": [tree.hp_community], "targets": [tree.hp_street]}
