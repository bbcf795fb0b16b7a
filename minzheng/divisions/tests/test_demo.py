from minzheng.divisions.choices import Kind, Level
from minzheng.divisions.demo import create_demo_divisions
from minzheng.divisions.models import Division


def test_demo_covers_every_current_district_with_streets_and_villages(db):
    created = create_demo_divisions()

    streets = Division.objects.filter(level=Level.STREET)
    communities = Division.objects.filter(level=Level.COMMUNITY)
    assert created == streets.count() + communities.count() == 285
    assert streets.count() == 75
    assert set(streets.values_list("parent__code", flat=True)) == set(
        Division.objects.filter(level=Level.DISTRICT).current().values_list("code", flat=True))
    assert not streets.filter(parent__valid_to__isnull=False).exists()
    assert set(streets.values_list("is_demo", flat=True)) == set(communities.values_list("is_demo", flat=True)) == {
        True}


def test_each_district_has_3_to_6_streets_and_each_street_2_to_4_units(db):
    create_demo_divisions()

    districts = Division.objects.filter(level=Level.DISTRICT).current()
    per_district = [district.children.filter(level=Level.STREET).count() for district in districts]
    per_street = [s.children.count() for s in Division.objects.filter(level=Level.STREET)]
    assert (min(per_district), max(per_district)) == (4, 6)
    assert (len(per_district), sum(per_district)) == (16, 75)
    assert (min(per_street), max(per_street)) == (2, 4)


def test_demo_uses_the_real_codes_of_the_reference(db):
    create_demo_divisions()

    assert list(Division.objects.filter(code__startswith="120101", level=Level.STREET).values_list("code", "name")) == [
        ("120101001000", "劝业场街道"), ("120101002000", "小白楼街道"), ("120101003000", "五大道街道"),
        ("120101004000", "新兴街道"), ("120101005000", "南营门街道"), ("120101006000", "南市街道")]
    assert Division.objects.get(code="120116401000").kind == Kind.SPECIAL
    assert Division.objects.get(code="120118200000").kind == Kind.TOWNSHIP


def test_demo_villages_follow_the_urban_rural_class(db):
    create_demo_divisions()

    town = Division.objects.get(code="120111101000")
    assert list(town.children.values_list("code", "name", "kind", "urban_rural_class")) == [
        ("120111101001", "杨柳青中心社区", Kind.COMMUNITY, "121"),
        ("120111101201", "杨柳青东村", Kind.VILLAGE, "220"),
        ("120111101202", "杨柳青西村", Kind.VILLAGE, "220"),
        ("120111101203", "杨柳青南村", Kind.VILLAGE, "220"),
    ]


def test_demo_is_idempotent_and_keeps_existing_units(tree):
    first = create_demo_divisions()
    before = list(Division.objects.values_list("pk", "path", "name"))

    assert create_demo_divisions() == 0
    assert list(Division.objects.values_list("pk", "path", "name")) == before
    assert first == 285 - 4  # the shared tree's two streets and two communities exist already
    assert Division.objects.get(code="120101001001").name == "劝业场示范社区"
