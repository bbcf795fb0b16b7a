"""The one menu of the site (house style H5). Each item shows when the user holds its permission."""

from django.utils.translation import gettext_lazy as _

from minzheng.framework.navigation import MenuGroup, MenuItem

MENU = (
    MenuGroup(_("Divisions"), (
        MenuItem(_("Divisions"), "divisions:division_list", "divisions.view_division"),
        MenuItem(_("Division changes"), "divisions:divisionchange_list", "divisions.view_divisionchange"),
        MenuItem(_("Import division codes"), "divisions:division_import", "divisions.add_division"),
    )),
    MenuGroup(_("System"), (
        MenuItem(_("Role assignments"), "accounts:roleassignment_list", "accounts.view_roleassignment"),
        MenuItem(_("Change records"), "audit:objectchange_list", "audit.view_objectchange"),
        MenuItem(_("Business events"), "audit:auditevent_list", "audit.view_auditevent"),
        MenuItem(_("Verify audit chain"), "audit:verify", "audit.view_objectchange"),
        MenuItem(_("Jobs"), "jobs:job_list", "jobs.view_job"),
        MenuItem(_("API documentation"), "api-docs", ""),
    )),
)
