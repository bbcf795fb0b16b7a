"""The role-assignment API: generated suite, data only."""

from minzheng.accounts.models import RoleAssignment, User
from minzheng.accounts.services import role_group
from minzheng.accounts.tests.test_views import assignments
from minzheng.framework.testing.api import APIViewTestCases


class RoleAssignmentAPITestCase(APIViewTestCases.APIViewTestCase):
    model = RoleAssignment

    @classmethod
    def create_objects(cls, tree):
        return assignments(tree)

    @staticmethod
    def api_create_data(tree):
        return {"user": User.objects.get(username="ra-new"), "role": role_group("community_worker"),
                "division": tree.hp_community}

    @staticmethod
    def api_update_data(tree):
        return {"role": role_group("city_leader")}
