"""The seeded roles and their permissions, as data.

Each role is granted to a user within a division (RoleAssignment). A domain app adds the
permissions its models need to this table; ``minzheng setup`` (re)applies it.
"""

from django.utils.translation import gettext_lazy as _

VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"

#: role code -> (Chinese name of the Group, description, {model label: actions})
ROLES: dict[str, tuple[str, str, dict[str, tuple[str, ...]]]] = {
    "community_worker": ("社区专干", _("Community worker: registers residents and files applications"), {
        "divisions.division": (VIEW,),
        "jobs.job": (VIEW,),
    }),
    "street_officer": ("街道经办员", _("Street or township case officer"), {
        "divisions.division": (VIEW,),
        "jobs.job": (VIEW, ADD),
    }),
    "district_approver": ("区县审批员", _("District or county approver"), {
        "divisions.division": (VIEW, CHANGE),
        "accounts.roleassignment": (VIEW,),
        "audit.objectchange": (VIEW,),
        "audit.auditevent": (VIEW,),
        "jobs.job": (VIEW, ADD),
    }),
    "city_admin": ("市局管理员", _("City bureau administrator"), {
        "divisions.division": (VIEW, ADD, CHANGE, DELETE),
        "divisions.divisionchange": (VIEW, ADD, CHANGE, DELETE),
        "accounts.roleassignment": (VIEW, ADD, CHANGE, DELETE),
        "audit.objectchange": (VIEW,),
        "audit.auditevent": (VIEW,),
        "jobs.job": (VIEW, ADD),
    }),
    "city_leader": ("市局领导", _("City bureau leadership (read-only)"), {
        "divisions.division": (VIEW,),
        "divisions.divisionchange": (VIEW,),
        "accounts.roleassignment": (VIEW,),
        "audit.objectchange": (VIEW,),
        "audit.auditevent": (VIEW,),
        "jobs.job": (VIEW,),
    }),
}
