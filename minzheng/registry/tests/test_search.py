"""Finding people: every form of search, index-backed, and never outside the searcher's area."""

import datetime
import re

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from minzheng.framework.testing.utils import export_rows
from minzheng.framework.urls import model_url
from minzheng.registry.choices import PersonStatus
from minzheng.registry.idcard import check_character, generate_id_number, upgrade_15
from minzheng.registry.models import Household, Person
from minzheng.registry.search import age_bounds, filter_persons, search_persons
from minzheng.registry.tests.factories import make_household, make_person

TODAY = datetime.date(2024, 6, 10)
BORN = datetime.date(1980, 5, 17)


def number_ending_in_x(code: str, born: datetime.date, sex: str) -> str:
    return next(number for sequence in range(500)
                if (number := generate_id_number(code, born, sex, sequence)).endswith("X"))


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


def same_last4(code: str, model: str) -> str:
    """A valid number with address code ``code`` whose last four characters are ``model``'s (another birth year)."""
    for year in range(1950, 2000):
        body = f"{code}{year}{model[10:17]}"
        if check_character(body) == model[17]:
            return body + model[17]
    raise AssertionError("no such number")


@pytest.fixture
def people(tree):
    """张三, 张帅 and 李四 in 和平区 (张三's number ends in X); another 张三 in 河西区, same last four."""
    zhang_x = number_ending_in_x("120101", BORN, "1")
    return {
        "zhangsan": make_person(tree.hp_community, name="张三", id_number=zhang_x),
        "zhangshuai": make_person(tree.hp_street, name="张帅", birth_date=datetime.date(1985, 1, 2)),
        "lisi": make_person(tree.hp_community, name="李四", birth_date=datetime.date(1975, 2, 3), sex="2"),
        "hexi_zhangsan": make_person(tree.hx_community, name="张三", id_number=same_last4("120103", zhang_x)),
    }


def names(queryset) -> list[str]:
    return sorted(person.name for person in queryset)


def found(hp_admin, **params) -> set:
    return set(search_persons(hp_admin, params))


# Each form of search


def test_identity_number_exact(hp_admin, people):
    zhang = people["zhangsan"]
    assert found(hp_admin, q=zhang.id_number) == {zhang}
    assert found(hp_admin, id_number=zhang.id_number) == {zhang}
    assert found(hp_admin, q=zhang.id_number[:-1]) == set()  # not a prefix search


def test_identity_number_with_lower_case_x_and_blanks(hp_admin, people):
    zhang = people["zhangsan"]
    assert zhang.id_number.endswith("X")
    assert found(hp_admin, q=f" {zhang.id_number.lower()} ") == {zhang}
    assert found(hp_admin, id_number=zhang.id_number.lower()) == {zhang}


def test_identity_number_in_its_15_digit_form(hp_admin, tree):
    old = "120101800517123"
    person = make_person(tree.hp_community, name="旧证", id_number=upgrade_15(old))
    assert found(hp_admin, q=old) == {person}
    assert found(hp_admin, id_number=old) == {person}


def test_last_four_with_the_name(hp_admin, people):
    zhang, last4 = people["zhangsan"], people["zhangsan"].id_number[-4:]
    for query in (f"张三 {last4}", f"张三{last4.lower()}", f"{last4} 张三", f"张 {last4}"):
        assert found(hp_admin, q=query) == {zhang}, query
    assert found(hp_admin, name="张三", last4=last4) == {zhang}
    assert found(hp_admin, q=f"zs {last4}") == {zhang}  # initials with the last four
    assert found(hp_admin, q=f"李四 {last4}") == set()
    assert found(hp_admin, q="张三 0000") == set()


def test_name_prefix(hp_admin, people):
    assert names(search_persons(hp_admin, {"q": "张"})) == ["张三", "张帅"]
    assert names(search_persons(hp_admin, {"name": "张三"})) == ["张三"]
    assert names(search_persons(hp_admin, {"q": "三"})) == []  # a prefix, not a substring


def test_pinyin_initials_find_zhang_san_and_zhang_shuai_but_not_li_si(hp_admin, people):
    assert names(search_persons(hp_admin, {"q": "zs"})) == ["张三", "张帅"]
    assert names(search_persons(hp_admin, {"q": "ZS"})) == ["张三", "张帅"]
    assert names(search_persons(hp_admin, {"pinyin": "zs"})) == ["张三", "张帅"]
    assert names(search_persons(hp_admin, {"q": "ls"})) == ["李四"]


def test_full_pinyin(hp_admin, people):
    assert names(search_persons(hp_admin, {"q": "zhangsan"})) == ["张三"]
    assert names(search_persons(hp_admin, {"q": "zhang shuai"})) == ["张帅"]
    assert names(search_persons(hp_admin, {"pinyin": "zhang"})) == ["张三", "张帅"]
    assert names(search_persons(hp_admin, {"q": "zhangx"})) == []


def test_registry_number(hp_admin, tree):
    person = make_person(tree.hp_community, name="无名氏", with_id=False, registry_number="MZ000000000042")
    assert found(hp_admin, q="MZ000000000042") == {person}
    assert found(hp_admin, registry_number="MZ000000000042") == {person}


def test_division_subtree(city_admin, people, tree):
    by_area = {code: names(search_persons(city_admin, {"area": code}))
               for code in ("120000", "120101", "120101001000", "120101001001", "120103", "999999")}
    assert by_area == {
        "120000": ["张三", "张三", "张帅", "李四"],
        "120101": ["张三", "张帅", "李四"],
        "120101001000": ["张三", "张帅", "李四"],
        "120101001001": ["张三", "李四"],
        "120103": ["张三"],
        "999999": [],
    }


def test_age_range_boundaries(hp_admin, tree, today):
    sixty_today = make_person(tree.hp_community, name="甲", birth_date=datetime.date(1964, 6, 10))
    sixty_tomorrow = make_person(tree.hp_community, name="乙", birth_date=datetime.date(1964, 6, 11))
    seventy_nine = make_person(tree.hp_community, name="丙", birth_date=datetime.date(1944, 6, 11))
    eighty_today = make_person(tree.hp_community, name="丁", birth_date=datetime.date(1944, 6, 10))
    assert found(hp_admin, age_min=60) == {sixty_today, seventy_nine, eighty_today}
    assert found(hp_admin, age_max=59) == {sixty_tomorrow}
    assert found(hp_admin, age_min="60", age_max="79") == {sixty_today, seventy_nine}
    assert found(hp_admin, area="120101", age_min=60, age_max=60) == {sixty_today}


@pytest.mark.parametrize(("day", "age_min", "age_max", "bounds"), [
    (datetime.date(2024, 6, 10), 60, 60, (datetime.date(1963, 6, 11), datetime.date(1964, 6, 10))),
    (datetime.date(2024, 2, 29), 1, 1, (datetime.date(2022, 3, 1), datetime.date(2023, 2, 28))),
    (datetime.date(2023, 2, 28), 23, None, (None, datetime.date(2000, 2, 28))),  # born 29 Feb 2000: 23 on 1 March
    (datetime.date(2023, 3, 1), 23, None, (None, datetime.date(2000, 3, 1))),
])
def test_age_bounds(day, age_min, age_max, bounds):
    assert age_bounds(age_min, age_max, today=day) == bounds


def test_status(hp_admin, people):
    gone = people["lisi"]
    Person.objects.filter(pk=gone.pk).update(status=PersonStatus.DECEASED, death_date=datetime.date(2023, 1, 1))
    assert names(search_persons(hp_admin, {"status": PersonStatus.DECEASED})) == ["李四"]
    assert names(search_persons(hp_admin, {"status": [PersonStatus.ALIVE]})) == ["张三", "张帅"]
    assert names(search_persons(hp_admin, {"q": "李", "status": PersonStatus.ALIVE})) == []


def test_merged_records_are_left_out_unless_asked_for(hp_admin, people):
    keep, merged = people["zhangsan"], people["zhangshuai"]
    Person.objects.filter(pk=merged.pk).update(status=PersonStatus.MERGED, merged_into=keep)
    assert names(search_persons(hp_admin, {"q": "zs"})) == ["张三"]
    assert names(search_persons(hp_admin, {})) == ["张三", "李四"]
    assert names(search_persons(hp_admin, {"q": "zs", "status": PersonStatus.MERGED})) == ["张帅"]


def test_criteria_combine(hp_admin, people):
    assert names(search_persons(hp_admin, {"q": "zs", "area": "120101001001"})) == ["张三"]
    assert names(search_persons(hp_admin, {"pinyin": "zs", "name": "张帅"})) == ["张帅"]


# The pages and the API search the same way


def test_search_page_and_api_use_the_same_criteria(login_as, api_as, hp_admin, people):
    page = login_as(hp_admin).get(model_url(Person, "list"), {"q": "zs"})
    assert sorted(str(p) for p in page.context["table"].data.data) == ["张三", "张帅"]
    body = api_as(hp_admin).get(reverse("registry-api:person-list"), {"q": "zs"}).json()
    assert sorted(row["name"] for row in body["results"]) == ["张三", "张帅"]
    bad = api_as(hp_admin).get(reverse("registry-api:person-list"), {"age_min": "old"})
    assert (bad.status_code, list(bad.json()["errors"])) == (400, ["age_min"])


def test_the_search_page_opens_on_a_prompt(login_as, hp_admin, people):
    response = login_as(hp_admin).get(model_url(Person, "list"))
    assert response.context["search_prompt"] is True
    assert response.context["table"].paginator.count == 0
    assert people["zhangsan"].get_absolute_url() not in response.content.decode()


# A 和平区 user never finds a 河西区 person


def hexi_searches(person) -> list[dict]:
    """Every form of search that finds ``person`` (of 河西区) for a city-level user."""
    return [
        {"q": person.id_number}, {"id_number": person.id_number}, {"q": f"张三 {person.id_number[-4:]}"},
        {"name": "张三", "last4": person.id_number[-4:]}, {"q": "张"}, {"name": "张三"}, {"q": "zs"},
        {"pinyin": "zhangsan"}, {"area": "120103"}, {"area": "120103001001"},
        {"age_min": 0, "age_max": 150}, {"status": PersonStatus.ALIVE},
    ]


def test_heping_user_never_finds_a_hexi_person(hp_admin, city_admin, people):
    hexi = people["hexi_zhangsan"]
    for params in hexi_searches(hexi):
        assert hexi in found(city_admin, **params), params  # control: the search itself finds the person
        assert hexi not in found(hp_admin, **params), params


def test_heping_user_never_sees_a_hexi_person_on_pages_counts_exports_or_the_api(
        login_as, api_as, hp_admin, people):
    hexi = people["hexi_zhangsan"]
    page, api = login_as(hp_admin), api_as(hp_admin)
    for params in hexi_searches(hexi):
        response = page.get(model_url(Person, "list"), params)
        assert hexi not in response.context["table"].data.data, params
        assert hexi.get_absolute_url() not in response.content.decode()
        body = api.get(reverse("registry-api:person-list"), params).json()
        assert hexi.pk not in {row["id"] for row in body["results"]}, params
        for fmt in ("csv", "xlsx"):
            rows = export_rows(page.get(model_url(Person, "list"), {**params, "export": fmt}))
            assert "120103" not in repr(rows), (params, fmt)
    only_hexi = {"area": "120103"}
    assert page.get(model_url(Person, "list"), only_hexi).context["table"].paginator.count == 0
    assert api.get(reverse("registry-api:person-list"), only_hexi).json()["count"] == 0
    assert page.get(hexi.get_absolute_url()).status_code == 404
    assert api.get(reverse("registry-api:person-detail", kwargs={"pk": hexi.pk})).status_code == 404


def test_pickers_and_form_choices_offer_no_hexi_record(login_as, hp_admin, people, tree):
    client = login_as(hp_admin)
    hexi_person = people["hexi_zhangsan"]
    hexi_household = make_household(hexi_person, number="HX-0001")
    make_household(people["zhangsan"], number="HP-0001")
    picked = client.get(model_url(Person, "choices"), {"q": "张三"}).content.decode()
    assert re.findall(r'data-pick="(\d+)"', picked) == [str(people["zhangsan"].pk)]
    picked = client.get(model_url(Household, "choices"), {"q": "H"}).content.decode()
    assert str(hexi_household.pk) not in re.findall(r'data-pick="(\d+)"', picked)
    form = client.get(model_url(Household, "add")).context["form"]
    assert set(form.fields["division"].queryset) == {tree.heping, tree.hp_street, tree.hp_community}
    person_form = client.get(model_url(Person, "add")).context["form"]
    for name in ("hukou_division", "residence_division"):
        assert not {d.code for d in person_form.fields[name].queryset} & {"120103", "120103001000", "120103001001"}


def test_dashboard_counts_only_the_area(login_as, hp_admin, city_admin, people):
    make_household(people["hexi_zhangsan"], number="HX-0001")
    make_household(people["zhangsan"], number="HP-0001")
    urls = (model_url(Person, "list"), model_url(Household, "list"))

    def counts(user) -> list[int]:
        cards = {card["url"]: card["count"] for card in login_as(user).get(reverse("home")).context["cards"]}
        return [cards[url] for url in urls]

    assert counts(hp_admin) == [3, 1]
    assert counts(city_admin) == [4, 2]


# Every form of search is answered from an index


INDEXED = [
    ({"q": "12010119800517123X"}, "id_number"),
    ({"q": "张三123X"}, "registry_person_last4_name"),
    ({"q": "张"}, "registry_person_name"),
    ({"name": "张三"}, "registry_person_name"),
    ({"q": "zs"}, "registry_person_initials"),
    ({"q": "zhangsan"}, "registry_person_pinyin"),
    ({"area": "120101", "age_min": 60, "age_max": 80}, "registry_person"),
    ({"registry_number": "MZ000000000001"}, "registry_number"),
]


def query_plan(queryset) -> str:
    """The database's plan for ``queryset``; PostgreSQL is told to avoid sequential scans where it can,
    so that a tiny test table still shows which indexes the query is able to use."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            return "\n".join(row[-1] for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize(("params", "index"), INDEXED, ids=[str(params) for params, _ in INDEXED])
def test_each_search_uses_an_index(tree, people, params, index):
    plan = query_plan(filter_persons(Person.objects.all(), params))
    if connection.vendor == "sqlite":
        assert not re.search(r"^SCAN registry_person\b", plan, re.M), plan  # no full scan of the table
        assert re.search(rf"SEARCH registry_person USING (COVERING )?INDEX \S*{index}", plan) or \
            re.search(rf"SEARCH registry_person USING INDEX \S+ \({index}=", plan), plan
    else:
        assert "Seq Scan on registry_person" not in plan, plan
        assert re.search(rf"Index Scan (using|on) \S*{index}", plan), plan
