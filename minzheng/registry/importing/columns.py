"""The columns of a person import file, the headers accepted for each, and how cell values are read.

A header is matched after removing blanks, ``*`` and ``_`` and lower-casing, so ``公民身份号码*``,
``id_number`` and ``Identity number`` all name the identity number. Unknown headers are ignored
(and listed in the job log).
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from minzheng.registry.choices import DisabilityCategory, HouseholdKind, MaritalStatus, Relation, Sex

__all__ = ["COLUMNS", "Column", "ENUM_VALUES", "REQUIRED", "match_header", "parse_date"]


@dataclass(frozen=True)
class Column:
    key: str
    label: object
    headers: tuple[str, ...]


COLUMNS: tuple[Column, ...] = (
    Column("name", _("Name"), ("姓名", "name")),
    Column("id_number", _("Identity number"), ("公民身份号码", "身份证号码", "身份证号", "identitynumber", "idnumber")),
    Column("registry_number", _("Registry number"), ("登记号", "登记编号", "registrynumber")),
    Column("sex", _("Sex"), ("性别", "sex")),
    Column("birth_date", _("Birth date"), ("出生日期", "birthdate")),
    Column("ethnicity", _("Ethnicity"), ("民族", "ethnicity")),
    Column("hukou_code", _("Household registration code"), ("户籍地代码", "户籍地区划代码", "hukoucode")),
    Column("residence_code", _("Residence code"), ("居住地代码", "居住地区划代码", "residencecode")),
    Column("address", _("Address"), ("住址", "地址", "address")),
    Column("phone", _("Phone"), ("联系电话", "电话", "phone")),
    Column("household_number", _("Household number"), ("户号", "householdnumber")),
    Column("relation", _("Relation to the head"), ("与户主关系", "relation")),
    Column("household_kind", _("Urban or rural"), ("城乡类别", "户口类别", "householdkind", "urbanorrural")),
    Column("marital_status", _("Marital status"), ("婚姻状况", "maritalstatus")),
    Column("disability_category", _("Disability category"), ("残疾类别", "disabilitycategory")),
    Column("disability_grade", _("Disability grade"), ("残疾等级", "disabilitygrade")),
)
#: Columns a file must have (besides an identity number or a registry number column).
REQUIRED = ("name", "hukou_code")

_BY_HEADER = {header: column.key for column in COLUMNS for header in column.headers}


def match_header(text: object) -> str | None:
    """The column key a header names, or None."""
    cleaned = "".join(str(text or "").split()).replace("*", "").replace("_", "").lower()
    return _BY_HEADER.get(cleaned)


def _aliases(choices, extra: dict[str, tuple[str, ...]]) -> dict[str, str]:
    table = {str(value).lower(): str(value) for value in choices.values}
    for value, words in extra.items():
        table.update((word.lower(), str(value)) for word in words)
    return table


#: Accepted spellings of each coded column, lower-cased, to the stored value.
ENUM_VALUES: dict[str, dict[str, str]] = {
    "sex": _aliases(Sex, {Sex.MALE: ("男", "男性", "m", "male"), Sex.FEMALE: ("女", "女性", "f", "female")}),
    "relation": _aliases(Relation, {
        Relation.HEAD: ("户主", "本人"),
        Relation.SPOUSE: ("配偶", "妻", "夫", "妻子", "丈夫"),
        Relation.CHILD: ("子女", "子", "女", "儿子", "女儿", "长子", "次子", "长女", "次女", "养子", "养女"),
        Relation.PARENT: ("父母", "父亲", "母亲", "父", "母"),
        Relation.GRANDCHILD: ("孙子女", "孙子", "孙女", "外孙子", "外孙女"),
        Relation.SIBLING: ("兄弟姐妹", "兄", "弟", "姐", "妹", "哥哥", "弟弟", "姐姐", "妹妹"),
        Relation.OTHER: ("其他", "其他亲属", "儿媳", "女婿", "非亲属"),
    }),
    "household_kind": _aliases(HouseholdKind, {
        HouseholdKind.URBAN: ("城镇", "城市", "非农业", "非农业户口", "居民户口"),
        HouseholdKind.RURAL: ("农村", "农业", "农业户口"),
    }),
    "marital_status": _aliases(MaritalStatus, {
        MaritalStatus.SINGLE: ("未婚",),
        MaritalStatus.MARRIED: ("已婚", "初婚", "再婚", "复婚", "有配偶"),
        MaritalStatus.DIVORCED: ("离婚",),
        MaritalStatus.WIDOWED: ("丧偶",),
    }),
    "disability_category": _aliases(DisabilityCategory, {
        DisabilityCategory.VISUAL: ("视力", "视力残疾"),
        DisabilityCategory.HEARING: ("听力", "听力残疾"),
        DisabilityCategory.SPEECH: ("言语", "言语残疾"),
        DisabilityCategory.PHYSICAL: ("肢体", "肢体残疾"),
        DisabilityCategory.INTELLECTUAL: ("智力", "智力残疾"),
        DisabilityCategory.MENTAL: ("精神", "精神残疾"),
        DisabilityCategory.MULTIPLE: ("多重", "多重残疾"),
    }),
    "disability_grade": {**{str(n): str(n) for n in range(1, 5)},
                         **{word: str(n) for n, words in enumerate((("一级", "1级", "一"), ("二级", "2级", "二"),
                                                                     ("三级", "3级", "三"), ("四级", "4级", "四")),
                                                                    start=1) for word in words}},
}

_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d日")


def parse_date(value: object) -> datetime.date | None:
    """A date from an xlsx date cell or a text such as 1980-05-01, 1980/5/1, 19800501, 1980年5月1日."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007 (a calendar date, no time)
        except ValueError:
            continue
    return None
