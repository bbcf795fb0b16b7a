"""The one menu of the site (house style H5). Each item shows when the user holds its permission."""

from django.utils.translation import gettext_lazy as _

from minzheng.framework.navigation import MenuGroup, MenuItem

MENU = (
    MenuGroup(_("Residents"), (
        MenuItem(_("Search persons"), "registry:person_list", "registry.view_person"),
        MenuItem(_("Households"), "registry:household_list", "registry.view_household"),
        MenuItem(_("Household members"), "registry:membership_list", "registry.view_membership"),
        MenuItem(_("Life events"), "registry:lifeevent_list", "registry.view_lifeevent"),
        MenuItem(_("Possible duplicates"), "registry:duplicatecandidate_list", "registry.view_duplicatecandidate"),
        MenuItem(_("Import persons"), "registry:person_import", "registry.add_person"),
    )),
    MenuGroup(_("Social assistance"), (
        MenuItem(_("Assistance cases"), "assistance:assistancecase_list", "assistance.view_assistancecase"),
        MenuItem(_("Apply for assistance"), "assistance:assistancecase_add", "assistance.add_assistancecase"),
        MenuItem(_("Benefit reviews"), "assistance:benefitreview_list", "assistance.view_benefitreview"),
        MenuItem(_("Review tasks"), "assistance:reviewtask_list", "assistance.view_reviewtask"),
        MenuItem(_("Investigations"), "assistance:investigation_list", "assistance.view_investigation"),
        MenuItem(_("Democratic evaluations"), "assistance:evaluation_list", "assistance.view_evaluation"),
        MenuItem(_("Benefit changes"), "assistance:benefitchange_list", "assistance.view_benefitchange"),
        MenuItem(_("Medical assistance claims"), "assistance:medicalclaim_list", "assistance.view_medicalclaim"),
        MenuItem(_("Recalculations"), "assistance:recalculation_list", "assistance.view_recalculation"),
        MenuItem(_("Benefit calculator"), "assistance:standard_calculator", "assistance.view_standard"),
        MenuItem(_("Assistance standards"), "assistance:standard_list", "assistance.view_standard"),
        MenuItem(_("Calculation rule sets"), "assistance:calculationruleset_list",
                 "assistance.view_calculationruleset"),
        MenuItem(_("Assistance programs"), "assistance:program_list", "assistance.view_program"),
        MenuItem(_("Close-relatives register"), "assistance:caseworkerrecord_list", "assistance.view_caseworkerrecord"),
        MenuItem(_("Declared relatives"), "assistance:declaredrelative_list", "assistance.view_declaredrelative"),
        MenuItem(_("Close-relative filings"), "assistance:conflictfiling_list", "assistance.view_conflictfiling"),
    )),
    MenuGroup(_("Assistance payments"), (
        MenuItem(_("Payment rolls"), "payments:paymentroll_list", "payments.view_paymentroll"),
        MenuItem(_("Payment entries"), "payments:paymententry_list", "payments.view_paymententry"),
        MenuItem(_("Payment adjustments"), "payments:paymentadjustment_list", "payments.view_paymentadjustment"),
        MenuItem(_("Payee accounts"), "payments:payeeaccount_list", "payments.view_payeeaccount"),
    )),
    MenuGroup(_("Economic-status verification"), (
        MenuItem(_("Source snapshots"), "verification:sourcesnapshot_list", "verification.view_sourcesnapshot"),
        MenuItem(_("Source records"), "verification:sourcerecord_list", "verification.view_sourcerecord"),
        MenuItem(_("Load source data"), "verification:sourcesnapshot_upload", "verification.add_sourcesnapshot"),
        MenuItem(_("Verification reports"), "verification:verification_list", "verification.view_verification"),
        MenuItem(_("Verify a household"), "verification:verification_add", "verification.add_verification"),
        MenuItem(_("Consents to verification"), "verification:consent_list", "verification.view_consent"),
        MenuItem(_("Verification rule sets"), "verification:eligibilityruleset_list",
                 "verification.view_eligibilityruleset"),
        MenuItem(_("Annual reviews"), "verification:batchreview_list", "verification.view_batchreview"),
        MenuItem(_("Start the annual review"), "verification:batchreview_start", "verification.add_batchreview"),
        MenuItem(_("Annual review findings"), "verification:batchfinding_list", "verification.view_batchfinding"),
        MenuItem(_("Data access log"), "verification:accesslog_list", "verification.view_accesslog"),
    )),
    MenuGroup(_("Work plan"), (
        MenuItem(_("Work plans"), "plans:plan_list", "plans.view_plan"),
        MenuItem(_("My tasks"), "plans:mine", "plans.view_item"),
        MenuItem(_("Work items"), "plans:item_list", "plans.view_item"),
        MenuItem(_("Targets"), "plans:target_list", "plans.view_target"),
        MenuItem(_("Progress reports"), "plans:progressreport_list", "plans.view_progressreport"),
        MenuItem(_("Import a work plan"), "plans:plan_import", "plans.add_plan"),
        MenuItem(_("Responsible units"), "plans:unit_list", "plans.view_unit"),
    )),
    MenuGroup(_("Statistics"), (
        MenuItem(_("Indicators"), "indicators:indicator_list", ""),
        MenuItem(_("Social assistance statistics"), "statistics:assistance", "assistance.view_assistancecase"),
        MenuItem(_("Public portal: notices"), "portal:notice_list", ""),
    )),
    MenuGroup(_("Approvals"), (
        MenuItem(_("Approval requests"), "approvals:approvalrequest_list", "approvals.view_approvalrequest"),
        MenuItem(_("Overdue (supervision)"), "approvals:approvalrequest_overdue", "approvals.view_approvalrequest"),
        MenuItem(_("Approval flows"), "approvals:approvalflow_list", "approvals.view_approvalflow"),
        MenuItem(_("Step delegations"), "approvals:stepdelegation_list", "approvals.view_stepdelegation"),
        MenuItem(_("Holiday calendar"), "approvals:holiday_list", "approvals.view_holiday"),
    )),
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
