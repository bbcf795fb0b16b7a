"""Demo people as rows of an import file, for sample files and the import benchmark."""

from collections.abc import Iterator

from django.utils.translation import gettext as _

from minzheng.framework.exceptions import DomainError
from minzheng.registry.choices import HouseholdKind, MaritalStatus, Relation, Sex
from minzheng.registry.demo.people import Generator, places, retired_codes

__all__ = ["IMPORT_HEADER", "demo_import_rows"]

MALE, FEMALE = Sex.MALE.value, Sex.FEMALE.value

#: How the import file spells relations, sexes, kinds and marital states (see importing/columns.py).
_IMPORT_WORDS = {
    "relation": {Relation.HEAD: "户主", Relation.SPOUSE: "配偶", Relation.CHILD: "子女", Relation.PARENT: "父母",
                 Relation.GRANDCHILD: "孙子女", Relation.SIBLING: "兄弟姐妹", Relation.OTHER: "其他"},
    "sex": {MALE: "男", FEMALE: "女"},
    "kind": {HouseholdKind.URBAN: "城镇", HouseholdKind.RURAL: "农村"},
    "disability": {"visual": "视力", "hearing": "听力", "speech": "言语", "physical": "肢体", "intellectual": "智力",
                   "mental": "精神", "multiple": "多重", "": ""},
    "marital": {MaritalStatus.SINGLE: "未婚", MaritalStatus.MARRIED: "已婚", MaritalStatus.DIVORCED: "离婚",
                MaritalStatus.WIDOWED: "丧偶", MaritalStatus.UNKNOWN: ""},
}


def demo_import_rows(count: int, *, seed: int) -> Iterator[dict[str, str]]:
    """Rows of an import file (Chinese headers, ``IMPORT_HEADER``) for the demo persons of ``seed``, not stored.

    Whole households, at least ``count`` rows; for sample files and the import benchmark.
    """
    communities = {place.division.pk: place for place in places()}
    if not communities:
        raise DomainError(_("There are no demo communities; run `minzheng setup --demo` first."),
                          code="registry.demo_no_communities")
    generator = Generator(seed, list(communities.values()), retired_codes())
    codes = {pk: place.division.code for pk, place in communities.items()}
    words, generated, index = _IMPORT_WORDS, 0, 0
    while generated < count:
        index += 1
        household, persons, memberships = generator.household(index)
        generated += len(persons)
        for person, membership in zip(persons, memberships, strict=True):
            yield {
                "姓名": person.name, "公民身份号码": person.id_number, "性别": words["sex"][person.sex],
                "出生日期": person.birth_date.isoformat(), "民族": person.ethnicity,
                "户籍地代码": codes[person.hukou_division_id], "居住地代码": codes[person.residence_division_id],
                "住址": person.address, "联系电话": person.phone, "户号": household.number,
                "与户主关系": words["relation"][membership.relation], "城乡类别": words["kind"][household.kind],
                "婚姻状况": words["marital"][person.marital_status],
                "残疾类别": words["disability"][person.disability_category],
                "残疾等级": str(person.disability_grade or ""),
            }


#: The columns of ``demo_import_rows``.
IMPORT_HEADER = ["姓名", "公民身份号码", "性别", "出生日期", "民族", "户籍地代码", "居住地代码", "住址", "联系电话",
                 "户号", "与户主关系", "城乡类别", "婚姻状况", "残疾类别", "残疾等级"]
