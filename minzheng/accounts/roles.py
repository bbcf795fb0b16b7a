"""The seeded roles and their permissions, as data.

Each role is granted to a user within a division (RoleAssignment). A domain app adds the
permissions its models need to this table; ``minzheng setup`` (re)applies it.
"""

from django.utils.translation import gettext_lazy as _

VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"
#: registry.view_full_id_person: see identity numbers unmasked (every such view is logged).
VIEW_FULL_ID = "view_full_id"

_REGISTRY_WORK = {
    "registry.person": (VIEW, ADD, CHANGE),
    "registry.household": (VIEW, ADD, CHANGE),
    "registry.membership": (VIEW, ADD, CHANGE),
    "registry.lifeevent": (VIEW, ADD, CHANGE),
}
_REGISTRY_CASEWORK = {
    "registry.person": (VIEW, ADD, CHANGE, DELETE, VIEW_FULL_ID),
    "registry.household": (VIEW, ADD, CHANGE, DELETE),
    "registry.membership": (VIEW, ADD, CHANGE, DELETE),
    "registry.lifeevent": (VIEW, ADD, CHANGE, DELETE),
    "registry.duplicatecandidate": (VIEW, ADD, CHANGE, DELETE),
}
_REGISTRY_READ = {label: (VIEW,) for label in _REGISTRY_CASEWORK}

#: Programs, standards and calculation rules: city-wide data, read by everyone, changed at the city only.
_ASSISTANCE_PARAMETERS_READ = {
    "assistance.program": (VIEW,),
    "assistance.standard": (VIEW,),
    "assistance.calculationruleset": (VIEW,),
}
_ASSISTANCE_PARAMETERS_EDIT = {label: (VIEW, ADD, CHANGE, DELETE) for label in _ASSISTANCE_PARAMETERS_READ}
#: The close-relatives register (近亲属备案) and its filings.
_ASSISTANCE_REGISTER = {
    "assistance.caseworkerrecord": (VIEW, ADD, CHANGE, DELETE, VIEW_FULL_ID),
    "assistance.declaredrelative": (VIEW, ADD, CHANGE, DELETE, VIEW_FULL_ID),
    "assistance.conflictfiling": (VIEW, ADD, CHANGE, DELETE),
}
_ASSISTANCE_REGISTER_STREET = {
    "assistance.caseworkerrecord": (VIEW, ADD, CHANGE),
    "assistance.declaredrelative": (VIEW, ADD, CHANGE),
    "assistance.conflictfiling": (VIEW, ADD),
}
_ASSISTANCE_REGISTER_READ = {label: (VIEW,) for label in _ASSISTANCE_REGISTER}

#: Cases (applications and benefits) and their records; the steps are decided through the approvals engine.
_CASE_RECORDS = ("assistance.investigation", "assistance.evaluation", "assistance.benefitreview",
                 "assistance.medicalclaim")
_CASE_READ_ONLY = ("assistance.benefitchange", "assistance.benefitperiod", "assistance.recalculation",
                   "assistance.recalculationitem", "assistance.reviewtask")
_CASES_COMMUNITY = {"assistance.assistancecase": (VIEW, ADD), "assistance.medicalclaim": (VIEW, ADD),
                    **{label: (VIEW,) for label in _CASE_RECORDS[:3] + _CASE_READ_ONLY}}
#: assistance.view_full_income_<model>: see a household's income unmasked (every such view is logged).
VIEW_FULL_INCOME = "view_full_income"
_CASES_WORK = {
    "assistance.assistancecase": (VIEW, ADD, CHANGE, VIEW_FULL_INCOME),
    **{label: (VIEW, ADD, CHANGE) for label in _CASE_RECORDS},
    "assistance.investigation": (VIEW, ADD, CHANGE, VIEW_FULL_INCOME),
    **{label: (VIEW,) for label in _CASE_READ_ONLY},
}
_CASES_APPROVE = {**_CASES_WORK, "assistance.recalculation": (VIEW, CHANGE),
                  "assistance.recalculationitem": (VIEW,)}
_CASES_READ = {label: (VIEW,) for label in _CASES_WORK}

#: Approvals: requests are read in one's area and decided by the role a step names (approvals.rules);
#: approvals.record_objection_approvalrequest: record an objection received during a 公示.
RECORD_OBJECTION = "record_objection"
_APPROVALS_READ = {
    "approvals.approvalrequest": (VIEW,),
    "approvals.approvaldecision": (VIEW,),
    "approvals.objection": (VIEW,),
    "approvals.approvalflow": (VIEW,),
    "approvals.approvalstep": (VIEW,),
    "approvals.stepdelegation": (VIEW,),
    "approvals.holiday": (VIEW,),
}
_APPROVALS_WORK = {**_APPROVALS_READ, "approvals.approvalrequest": (VIEW, RECORD_OBJECTION)}
_APPROVALS_ADMIN = {
    **_APPROVALS_WORK,
    **{label: (VIEW, ADD, CHANGE, DELETE) for label in ("approvals.approvalflow", "approvals.approvalstep",
                                                        "approvals.stepdelegation", "approvals.holiday")},
}

#: Payment rolls (发放): district approvers generate (add), approve and lock (change) them and export the bank file
#: (change); payments.view_full_account_<model>: see bank account numbers unmasked (every such view is logged).
VIEW_FULL_ACCOUNT = "view_full_account"
_PAYMENTS_MODELS = ("payments.paymentroll", "payments.paymententry", "payments.paymentadjustment",
                    "payments.payeeaccount")
_PAYMENTS_READ = {label: (VIEW,) for label in _PAYMENTS_MODELS}
_PAYMENTS_WORK = {
    "payments.paymentroll": (VIEW, ADD, CHANGE),
    "payments.paymententry": (VIEW, VIEW_FULL_ID, VIEW_FULL_ACCOUNT),
    "payments.paymentadjustment": (VIEW, ADD),
    "payments.payeeaccount": (VIEW, ADD, CHANGE, VIEW_FULL_ACCOUNT),
}
_PAYMENTS_ADMIN = {
    "payments.paymentroll": (VIEW, ADD, CHANGE, DELETE),
    "payments.paymententry": (VIEW, VIEW_FULL_ID, VIEW_FULL_ACCOUNT),
    "payments.paymentadjustment": (VIEW, ADD, CHANGE, DELETE),
    "payments.payeeaccount": (VIEW, ADD, CHANGE, DELETE, VIEW_FULL_ACCOUNT),
}

#: Verification source data (核对数据源): city-wide snapshots loaded at the city, read by district approvers.
_VERIFICATION_MODELS = ("verification.sourcesnapshot", "verification.sourcerecord")
_VERIFICATION_LOAD = {"verification.sourcesnapshot": (VIEW, ADD),
                      "verification.sourcerecord": (VIEW, ADD, VIEW_FULL_ID)}
_VERIFICATION_READ = {label: (VIEW,) for label in _VERIFICATION_MODELS}
#: Consents (授权书) are collected in the community; reports (核对报告) are made and read by the case's handlers
#: (street and district); the program rules and the batch review are city-wide, the findings scoped.
_CONSENTS_COMMUNITY = {"verification.consent": (VIEW, ADD)}
_VERIFY_WORK = {
    "verification.consent": (VIEW, ADD, CHANGE),
    "verification.verification": (VIEW, ADD, VIEW_FULL_INCOME),
    "verification.eligibilityruleset": (VIEW,),
    "verification.batchfinding": (VIEW, VIEW_FULL_INCOME),
}
_VERIFY_DISTRICT = {**_VERIFY_WORK, "verification.accesslog": (VIEW,)}
_VERIFY_CITY = {
    **_VERIFY_DISTRICT,
    "verification.eligibilityruleset": (VIEW, ADD, CHANGE, DELETE),
    "verification.batchreview": (VIEW, ADD),
}

#: The work plan (工作要点): imported, assigned and bound to indicators at the city; the responsible units
#: (district bureaus, the city's divisions) report progress on their items (plans.report_<model>).
REPORT = "report"
_PLAN_MODELS = ("plans.plan", "plans.item", "plans.task", "plans.target", "plans.progressreport", "plans.unit")
_PLANS_READ = {label: (VIEW,) for label in _PLAN_MODELS}
_PLANS_REPORT = {**_PLANS_READ, "plans.item": (VIEW, REPORT), "plans.task": (VIEW, REPORT),
                 "plans.target": (VIEW, REPORT)}
_PLANS_ADMIN = {
    "plans.plan": (VIEW, ADD, CHANGE, DELETE),
    "plans.item": (VIEW, CHANGE, REPORT),
    "plans.task": (VIEW, REPORT),
    "plans.target": (VIEW, CHANGE, REPORT),
    "plans.progressreport": (VIEW,),
    "plans.unit": (VIEW, ADD, CHANGE, DELETE),
}

#: Elderly care (养老服务, eldercare): the rules (establishment rule sets, assessment rule tables) are city-wide data
#: changed at the city; institutions, centres and providers are kept by the districts and streets; ability
#: assessments are recorded by one assessor and confirmed by a second (eldercare.confirm_assessment), and their
#: answers and grades are health data (eldercare.view_full_health_assessment, every view logged).
CONFIRM, VIEW_FULL_HEALTH = "confirm", "view_full_health"
_ELDERCARE_RULES = ("eldercare.establishmentruleset", "eldercare.assessmentruletable", "eldercare.subsidyruleset")
_ELDERCARE_INSTITUTIONS = ("eldercare.institution", "eldercare.establishment", "eldercare.bedblock",
                           "eldercare.occupancyreport", "eldercare.inspection", "eldercare.inspectionfinding")
_ELDERCARE_LOCAL = ("eldercare.servicecentre", "eldercare.elderlyassociation", "eldercare.honouraward",
                    "eldercare.insurancepolicy", "eldercare.provider", "eldercare.providerservice")
_ELDERCARE_READ = {label: (VIEW,) for label in (*_ELDERCARE_RULES, *_ELDERCARE_INSTITUTIONS, *_ELDERCARE_LOCAL,
                                                "eldercare.assessment", "eldercare.serviceorder")}
_ELDERCARE_COMMUNITY = {
    **_ELDERCARE_READ,
    "eldercare.elderlyassociation": (VIEW, ADD, CHANGE),
    "eldercare.insurancepolicy": (VIEW, ADD, CHANGE),
    "eldercare.serviceorder": (VIEW, ADD, CHANGE),
}
_ELDERCARE_STREET = {
    **_ELDERCARE_COMMUNITY,
    **{label: (VIEW, ADD, CHANGE) for label in ("eldercare.servicecentre", "eldercare.honouraward",
                                                "eldercare.occupancyreport")},
    "eldercare.assessment": (VIEW, ADD, CHANGE, CONFIRM, VIEW_FULL_HEALTH),
}
_ELDERCARE_DISTRICT = {
    **_ELDERCARE_READ,
    **{label: (VIEW, ADD, CHANGE, DELETE) for label in (*_ELDERCARE_INSTITUTIONS, *_ELDERCARE_LOCAL)},
    "eldercare.establishment": (VIEW, ADD, CHANGE),
    "eldercare.serviceorder": (VIEW, ADD, CHANGE),
    "eldercare.assessment": (VIEW, CHANGE, VIEW_FULL_HEALTH),
}
_ELDERCARE_CITY = {
    **_ELDERCARE_DISTRICT,
    **{label: (VIEW, ADD, CHANGE, DELETE) for label in _ELDERCARE_RULES},
    "eldercare.assessment": (VIEW, ADD, CHANGE, CONFIRM, VIEW_FULL_HEALTH),
}

#: Marriage and adoption registry (婚姻收养登记, marriage): the offices' clerks (marriage_clerk, granted at the
#: office's district) keep the schedule, serve appointments, register and refuse, print certificates
#: (marriage.print_certificate; the print shows full identity numbers and is logged) and change the parties'
#: marital status through a registry life event; the district bureau grades its offices; the service standard
#: items are city-wide. marriage.view_full_id_<model>: see identity numbers unmasked (every such view logged).
PRINT = "print"
_MARRIAGE_SCHEDULE = ("marriage.slottemplate", "marriage.officeday")
_MARRIAGE_RECORDS = ("marriage.registryoffice", "marriage.standarditem", "marriage.standardcheck", "marriage.slot",
                     "marriage.appointment", "marriage.marriageregistration", "marriage.divorceapplication",
                     "marriage.certificate", "marriage.adoptionapplication", "marriage.adoptionassessment",
                     "marriage.adopter", "marriage.adoptedchild", *_MARRIAGE_SCHEDULE)
_MARRIAGE_READ = {label: (VIEW,) for label in _MARRIAGE_RECORDS}
_MARRIAGE_CLERK = {
    **_MARRIAGE_READ,
    **{label: (VIEW, ADD, CHANGE, DELETE) for label in _MARRIAGE_SCHEDULE},
    "marriage.slot": (VIEW, CHANGE),
    "marriage.appointment": (VIEW, CHANGE, VIEW_FULL_ID),
    "marriage.marriageregistration": (VIEW, ADD, VIEW_FULL_ID),
    "marriage.divorceapplication": (VIEW, ADD, CHANGE, VIEW_FULL_ID),
    "marriage.certificate": (VIEW, ADD, PRINT, VIEW_FULL_ID),
    "marriage.adoptionapplication": (VIEW, ADD, CHANGE),
    "marriage.adopter": (VIEW, VIEW_FULL_ID),
    "marriage.adoptedchild": (VIEW, VIEW_FULL_ID),
}
_MARRIAGE_DISTRICT = {**_MARRIAGE_READ, "marriage.registryoffice": (VIEW, CHANGE),
                      "marriage.standardcheck": (VIEW, ADD, CHANGE, DELETE)}
_MARRIAGE_ADMIN = {
    **_MARRIAGE_CLERK,
    **{label: (VIEW, ADD, CHANGE, DELETE) for label in ("marriage.registryoffice", "marriage.standarditem",
                                                        "marriage.standardcheck")},
}

#: role code -> (Chinese name of the Group, description, {model label: actions})
ROLES: dict[str, tuple[str, str, dict[str, tuple[str, ...]]]] = {
    "community_worker": ("社区专干", _("Community worker: registers residents and files applications"), {
        "divisions.division": (VIEW,),
        "jobs.job": (VIEW,),
        **_REGISTRY_WORK,
        **_ASSISTANCE_PARAMETERS_READ,
        **_APPROVALS_WORK,
        **_CASES_COMMUNITY,
        **_CONSENTS_COMMUNITY,
        **_ELDERCARE_COMMUNITY,
    }),
    "street_officer": ("街道经办员", _("Street or township case officer"), {
        "divisions.division": (VIEW,),
        "jobs.job": (VIEW, ADD),
        **_REGISTRY_CASEWORK,
        **_ASSISTANCE_PARAMETERS_READ,
        **_ASSISTANCE_REGISTER_STREET,
        **_APPROVALS_WORK,
        **_CASES_WORK,
        **_PAYMENTS_READ,
        **_VERIFY_WORK,
        **_ELDERCARE_STREET,
    }),
    "district_approver": ("区县审批员", _("District or county approver"), {
        "divisions.division": (VIEW, CHANGE),
        "accounts.roleassignment": (VIEW,),
        "audit.objectchange": (VIEW,),
        "audit.auditevent": (VIEW,),
        "jobs.job": (VIEW, ADD),
        **_REGISTRY_CASEWORK,
        **_ASSISTANCE_PARAMETERS_READ,
        **_ASSISTANCE_REGISTER,
        **_APPROVALS_WORK,
        **_CASES_APPROVE,
        **_PAYMENTS_WORK,
        **_VERIFICATION_READ,
        **_VERIFY_DISTRICT,
        **_PLANS_REPORT,
        **_ELDERCARE_DISTRICT,
        **_MARRIAGE_DISTRICT,
    }),
    "city_admin": ("市局管理员", _("City bureau administrator"), {
        "divisions.division": (VIEW, ADD, CHANGE, DELETE),
        "divisions.divisionchange": (VIEW, ADD, CHANGE, DELETE),
        "accounts.roleassignment": (VIEW, ADD, CHANGE, DELETE),
        "audit.objectchange": (VIEW,),
        "audit.auditevent": (VIEW,),
        "jobs.job": (VIEW, ADD),
        **_REGISTRY_CASEWORK,
        **_ASSISTANCE_PARAMETERS_EDIT,
        **_ASSISTANCE_REGISTER,
        **_APPROVALS_ADMIN,
        **_CASES_APPROVE,
        **_PAYMENTS_ADMIN,
        **_VERIFICATION_LOAD,
        **_VERIFY_CITY,
        **_PLANS_ADMIN,
        **_ELDERCARE_CITY,
        **_MARRIAGE_ADMIN,
    }),
    "city_leader": ("市局领导", _("City bureau leadership (read-only)"), {
        "divisions.division": (VIEW,),
        "divisions.divisionchange": (VIEW,),
        "accounts.roleassignment": (VIEW,),
        "audit.objectchange": (VIEW,),
        "audit.auditevent": (VIEW,),
        "jobs.job": (VIEW,),
        **_REGISTRY_READ,
        **_ASSISTANCE_PARAMETERS_READ,
        **_ASSISTANCE_REGISTER_READ,
        **_APPROVALS_READ,
        **_CASES_READ,
        **_PAYMENTS_READ,
        "verification.eligibilityruleset": (VIEW,),
        "verification.batchreview": (VIEW,),
        **_PLANS_READ,
        **_ELDERCARE_READ,
        **_MARRIAGE_READ,
    }),
    "care_assessor": ("老年人能力评估员", _("Elderly ability assessor: records and confirms assessments"), {
        "divisions.division": (VIEW,),
        "registry.person": (VIEW,),
        "eldercare.assessmentruletable": (VIEW,),
        "eldercare.assessment": (VIEW, ADD, CHANGE, CONFIRM, VIEW_FULL_HEALTH),
    }),
    "care_call_centre": ("虚拟养老呼叫中心坐席", _("Home-care call centre: takes and follows up service orders"), {
        "divisions.division": (VIEW,),
        "registry.person": (VIEW,),
        "eldercare.provider": (VIEW,),
        "eldercare.providerservice": (VIEW,),
        "eldercare.serviceorder": (VIEW, ADD, CHANGE),
    }),
    "marriage_clerk": ("婚姻登记员", _("Marriage registry clerk: appointments, registrations, adoption"), {
        "divisions.division": (VIEW,),
        "jobs.job": (VIEW,),
        "approvals.holiday": (VIEW,),
        "registry.person": (VIEW, CHANGE),  # the parties' marital status, through a life event
        "registry.lifeevent": (VIEW, ADD),
        **_MARRIAGE_CLERK,
    }),
}
