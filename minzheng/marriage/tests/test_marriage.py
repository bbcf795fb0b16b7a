"""Marriage registration and divorce acceptance: every refusal ground, ages on the birthday, the law by date."""

import dataclasses
import datetime

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from minzheng.marriage.checks import DivorceParty, Party, divorce_refusals, marriage_refusals
from minzheng.marriage.dates import AgeCounting, age_on
from minzheng.marriage.grounds import Ground
from minzheng.marriage.rules import CIVIL_CODE, MARRIAGE_LAW_2001, Document
from minzheng.registry.idcard import generate_id_number

D = datetime.date
MAN, WOMAN = "1", "2"
MARRIAGE_DOCUMENTS = frozenset({Document.HOUSEHOLD_REGISTER, Document.ID_CARD, Document.NO_SPOUSE_DECLARATION})
DIVORCE_DOCUMENTS = frozenset({Document.HOUSEHOLD_REGISTER, Document.ID_CARD, Document.MARRIAGE_CERTIFICATE})
BEFORE, AFTER = D(2020, 12, 31), D(2021, 1, 1)


def party(**values) -> Party:
    defaults = {"present": True, "currently_married": False, "declares_prohibited_kinship": False,
                "voluntary": True, "documents": MARRIAGE_DOCUMENTS}
    return Party(**defaults | values)


def groom(**values) -> Party:
    return party(birth_date=D(1990, 5, 20), sex=MAN, **values)


def bride(**values) -> Party:
    return party(birth_date=D(1992, 7, 7), sex=WOMAN, **values)


def _wrong_check(born: datetime.date) -> str:
    number = generate_id_number("120101", born, MAN, 0)
    return number[:17] + ("1" if number[17] != "1" else "2")


def codes(refusals) -> list[str]:
    return [str(refusal.code) for refusal in refusals]


@pytest.mark.parametrize("on", [BEFORE, AFTER, D(2014, 5, 20)])
def test_a_couple_in_order_may_marry(on):
    assert marriage_refusals(on, groom(), bride()) == []


@pytest.mark.parametrize(("_case", "a", "b", "expected"), [
    ("groom absent", groom(present=False), bride(), [("marriage.absent", "party_a.present")]),
    ("bride absent", groom(), bride(present=False), [("marriage.absent", "party_b.present")]),
    ("groom married", groom(currently_married=True), bride(),
     [("marriage.already_married", "party_a.currently_married")]),
    ("bride married", groom(), bride(currently_married=True),
     [("marriage.already_married", "party_b.currently_married")]),
    ("kinship declared by one", groom(), bride(declares_prohibited_kinship=True),
     [("marriage.prohibited_kinship", "party_b.declares_prohibited_kinship")]),
    ("kinship declared by both: one ground", groom(declares_prohibited_kinship=True),
     bride(declares_prohibited_kinship=True), [("marriage.prohibited_kinship", "party_a.declares_prohibited_kinship")]),
    ("not voluntary", groom(voluntary=False), bride(), [("marriage.not_voluntary", "party_a.voluntary")]),
    ("two men", groom(), party(birth_date=D(1991, 1, 1), sex=MAN), [("marriage.same_sex", "")]),
    ("two women", party(birth_date=D(1991, 1, 1), sex=WOMAN), bride(), [("marriage.same_sex", "")]),
    ("documents missing", groom(documents=frozenset({Document.ID_CARD})), bride(),
     [("marriage.missing_documents", "party_a.documents")]),
    ("identity unknown", party(), bride(), [("marriage.identity_unknown", "party_a.birth_date")]),
    ("sex unknown", party(birth_date=D(1990, 1, 1)), bride(), [("marriage.identity_unknown", "party_a.birth_date")]),
    ("sex not a code", party(birth_date=D(1990, 1, 1), sex="male"), bride(),
     [("marriage.identity_unknown", "party_a.birth_date")]),
])
@pytest.mark.parametrize("on", [BEFORE, AFTER])
def test_each_ground(_case, a, b, expected, on):
    assert [(str(r.code), r.field) for r in marriage_refusals(on, a, b)] == expected


def test_every_ground_at_once_is_listed():
    a = groom(present=False, currently_married=True, voluntary=False, declares_prohibited_kinship=True,
              documents=frozenset(), barring_disease=True)
    b = party(birth_date=D(2005, 1, 1), sex=MAN, id_number=_wrong_check(D(2005, 1, 1)))
    assert codes(marriage_refusals(BEFORE, a, b)) == [
        "marriage.absent", "marriage.already_married", "marriage.not_voluntary", "marriage.barring_disease",
        "marriage.missing_documents", "marriage.id_invalid", "marriage.under_age", "marriage.same_sex",
        "marriage.prohibited_kinship",
    ]


def test_a_barring_disease_is_a_ground_before_2021_only():
    sick = groom(barring_disease=True)
    assert codes(marriage_refusals(BEFORE, sick, bride())) == ["marriage.barring_disease"]
    assert marriage_refusals(AFTER, sick, bride()) == []


def test_missing_documents_are_named_in_checklist_order():
    refusals = marriage_refusals(AFTER, groom(name="张三", documents=frozenset({Document.ID_CARD})), bride())
    assert refusals[0].params["codes"] == ("household_register", "no_spouse_declaration")
    with translation.override("en"):
        assert refusals[0].text == ("张三 has not presented: household register book, signed declaration of no "
                                    "spouse and no prohibited kinship.")


# Ages on the birthday


@pytest.mark.parametrize(("_case", "born", "sex", "refused_on", "allowed_on"), [
    ("man on his 22nd birthday", D(2000, 6, 15), MAN, D(2022, 6, 14), D(2022, 6, 15)),
    ("woman on her 20th birthday", D(2002, 6, 15), WOMAN, D(2022, 6, 14), D(2022, 6, 15)),
    ("man born 29 Feb: 1 March of a common year", D(2000, 2, 29), MAN, D(2022, 2, 28), D(2022, 3, 1)),
    ("woman born 29 Feb: 29 Feb of a leap year", D(2004, 2, 29), WOMAN, D(2024, 2, 28), D(2024, 2, 29)),
    ("man across the Civil Code date", D(1998, 12, 31), MAN, D(2020, 12, 30), D(2020, 12, 31)),
    ("woman across the Civil Code date", D(2001, 1, 1), WOMAN, D(2020, 12, 31), D(2021, 1, 1)),
])
def test_the_marriage_age_is_reached_on_the_birthday(_case, born, sex, refused_on, allowed_on):
    person = party(birth_date=born, sex=sex)
    other = groom() if sex == WOMAN else bride()
    refusals = marriage_refusals(refused_on, person, other)
    assert [(str(r.code), r.params["reached_on"]) for r in refusals] == [("marriage.under_age", allowed_on)]
    assert marriage_refusals(allowed_on, person, other) == []


@pytest.mark.parametrize(("born", "sex", "refused_on", "allowed_on"), [
    (D(2000, 6, 15), MAN, D(2022, 6, 15), D(2022, 6, 16)),
    (D(2000, 2, 29), MAN, D(2022, 2, 28), D(2022, 3, 1)),
    (D(2004, 2, 29), WOMAN, D(2024, 2, 29), D(2024, 3, 1)),
])
def test_the_day_after_convention_is_a_rule_set_choice(born, sex, refused_on, allowed_on):
    rules = dataclasses.replace(CIVIL_CODE, age_counting=AgeCounting.DAY_AFTER_BIRTHDAY)
    person, other = party(birth_date=born, sex=sex), groom() if sex == WOMAN else bride()
    assert codes(marriage_refusals(refused_on, person, other, rules=rules)) == ["marriage.under_age"]
    assert marriage_refusals(allowed_on, person, other, rules=rules) == []


def test_birth_date_and_sex_come_from_the_identity_number():
    man = party(id_number=generate_id_number("120101", D(2000, 2, 29), MAN, 3))
    woman = party(id_number=generate_id_number("120102", D(2002, 2, 28), WOMAN, 7))
    assert codes(marriage_refusals(D(2022, 2, 28), man, woman)) == ["marriage.under_age"]
    assert marriage_refusals(D(2022, 3, 1), man, woman) == []
    assert codes(marriage_refusals(D(2022, 3, 1), man, party(id_number=man.id_number))) == ["marriage.same_sex"]


def test_an_invalid_identity_number_is_a_ground():
    refusals = marriage_refusals(AFTER, party(id_number=_wrong_check(D(2000, 2, 29))), bride())
    assert codes(refusals) == ["marriage.id_invalid", "marriage.identity_unknown"]
    with translation.override("en"):
        assert refusals[0].text == "The identity number of Party A is invalid: Wrong check character."


def test_given_values_win_over_the_number():
    number = generate_id_number("120101", D(2010, 1, 1), WOMAN, 0)
    assert marriage_refusals(AFTER, groom(), party(id_number=number, birth_date=D(1995, 1, 1))) == []


def test_the_rules_are_data():
    rules = dataclasses.replace(CIVIL_CODE, marriage=dataclasses.replace(
        CIVIL_CODE.marriage, min_age_male=18, min_age_female=18, opposite_sex_required=False, documents=()))
    young = party(birth_date=D(2003, 1, 1), sex=MAN, documents=frozenset())
    assert marriage_refusals(AFTER, young, party(birth_date=D(2002, 1, 1), sex=MAN), rules=rules) == []
    assert codes(marriage_refusals(AFTER, young, bride())) == ["marriage.under_age", "marriage.missing_documents"]


def test_refusals_render_their_parameters():
    refusal = marriage_refusals(D(2022, 6, 14), party(birth_date=D(2000, 6, 15), sex=MAN, name="李四"), bride())[0]
    with translation.override("en"):
        assert refusal.text == str(refusal) == (
            "李四 is under the legal marriage age of 22 years and reaches it on 2022-06-15.")
        assert refusal.as_dict() == {"code": "marriage.under_age", "field": "party_a.birth_date",
                                     "message": refusal.text}
    assert refusal.code == Ground.MARRIAGE_UNDER_AGE and "%(minimum)s" in str(refusal.message)


@given(st.dates(min_value=D(1960, 1, 1), max_value=D(2015, 12, 31)),
       st.dates(min_value=D(2004, 1, 1), max_value=D(2035, 12, 31)), st.sampled_from([MAN, WOMAN]))
def test_under_age_exactly_when_younger_than_the_minimum(born, on, sex):
    if on < born:
        return
    minimum = 22 if sex == MAN else 20
    person, other = party(birth_date=born, sex=sex), party(birth_date=D(1950, 1, 1), sex=WOMAN if sex == MAN else MAN)
    under = "marriage.under_age" in codes(marriage_refusals(on, person, other))
    assert under == (age_on(born, on) < minimum)


# Divorce by agreement: accepting the application


def spouse(**values) -> DivorceParty:
    return DivorceParty(**{"present": True, "full_civil_capacity": True, "documents": DIVORCE_DOCUMENTS} | values)


@pytest.mark.parametrize("on", [BEFORE, AFTER])
def test_divorce_grounds(on):
    assert divorce_refusals(on, spouse(), spouse(), agreement_signed=True, registered_in_mainland=True) == []
    refusals = divorce_refusals(on, spouse(present=False), spouse(full_civil_capacity=False, documents=frozenset()),
                                agreement_signed=False, registered_in_mainland=False)
    assert [(str(r.code), r.field) for r in refusals] == [
        ("divorce.absent", "party_a.present"),
        ("divorce.incapacity", "party_b.full_civil_capacity"),
        ("divorce.missing_documents", "party_b.documents"),
        ("divorce.no_agreement", "agreement_signed"),
        ("divorce.not_registered_in_mainland", "registered_in_mainland"),
    ]
    assert refusals[2].params["codes"] == ("household_register", "id_card", "marriage_certificate")


def test_messages_render_in_english():
    with translation.override("en"):
        refusals = divorce_refusals(AFTER, spouse(name="王五"), spouse(present=False), agreement_signed=False,
                                    registered_in_mainland=True)
        assert [r.text for r in refusals] == ["Party B did not appear in person.",
                                              "There is no divorce agreement signed by both parties."]
    assert MARRIAGE_LAW_2001.divorce.documents == CIVIL_CODE.divorce.documents
