"""Demo users for `make run`: one per seeded role, in 天津市's demo divisions."""

from dataclasses import dataclass

from minzheng.accounts.models import RoleAssignment, User
from minzheng.accounts.services import assign_role, role_group
from minzheng.divisions.models import Division

DEMO_PASSWORD = "minzheng-demo"


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str | None
    division_code: str | None


DEMO_USERS = [
    DemoUser("admin", "系统管理员", None, None),
    DemoUser("city_admin", "市局管理员（演示）", "city_admin", "120000"),
    DemoUser("city_leader", "市局领导（演示）", "city_leader", "120000"),
    DemoUser("heping_approver", "和平区审批员（演示）", "district_approver", "120101"),
    DemoUser("hexi_approver", "河西区审批员（演示）", "district_approver", "120103"),
    DemoUser("heping_officer", "劝业场街道经办员（演示）", "street_officer", "120101001000"),
    DemoUser("heping_officer2", "劝业场街道经办员乙（演示）", "street_officer", "120101001000"),
    DemoUser("heping_worker", "社区专干（演示）", "community_worker", "first-community:120101001000"),
    DemoUser("heping_clerk", "和平区婚姻登记员（演示）", "marriage_clerk", "120101"),
    DemoUser("hexi_clerk", "河西区婚姻登记员（演示）", "marriage_clerk", "120103"),
    DemoUser("heping_assessor", "和平区老年人能力评估员（演示）", "care_assessor", "120101"),
    DemoUser("heping_call_centre", "和平区虚拟养老呼叫中心（演示）", "care_call_centre", "120101"),
]


def _division(code: str) -> Division:
    if code.startswith("first-community:"):
        street = code.split(":", 1)[1]
        return Division.objects.filter(parent__code=street, valid_to__isnull=True).order_by("code").first()
    return Division.objects.current().get(code=code)


def create_demo_users() -> list[tuple[DemoUser, User]]:
    """Create the demo users once (passwords are reset to the demo password each time)."""
    created = []
    admin = None
    for demo in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=demo.username, defaults={"full_name": demo.full_name})
        user.set_password(DEMO_PASSWORD)
        user.is_superuser = user.is_staff = demo.role is None
        user.save()
        admin = admin or user
        if demo.role:
            role, division = role_group(demo.role), _division(demo.division_code)
            if not RoleAssignment.objects.filter(user=user, role=role, division=division).exists():
                assign_role(user, role, division, actor=admin)
        created.append((demo, user))
    return created
