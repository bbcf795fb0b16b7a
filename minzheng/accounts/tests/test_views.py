"""Pages of role assignments: generated suite, data only."""

from minzheng.accounts.models import RoleAssignment, User
from minzheng.accounts.services import role_group
from minzheng.framework.testing.views import ViewTestCases


def assignments(tree):
    """Role assignments of three staff users: two in 和平区, one in 河西区; plus a user without any role."""
    User.objects.create_user(username="ra-new", password="pw-123456")
    made = []
    for username, role, division in [("ra-a", "community_worker", tree.hp_street),
                                     ("ra-b", "street_officer", tree.hp_community),
                                     ("ra-c", "district_approver", tree.hx_street)]:
        user = User.objects.create_user(username=username, password="pw-123456")
        made.append(RoleAssignment.objects.create(user=user, role=role_group(role), division=division))
    return made


class RoleAssignmentViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = RoleAssignment
    sort_column = "user"

    @classmethod
    def create_objects(cls, tree):
        return assignments(tree)

    @staticmethod
    def form_data(tree):
        return {"user": User.objects.get(username="ra-new"), "role": role_group("street_officer"),
                "division": tree.hp_street}
