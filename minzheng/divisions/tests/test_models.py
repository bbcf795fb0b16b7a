import datetime

import pytest
from django.db import IntegrityError

from minzheng.divisions.choices import Kind, Level
from minzheng.divisions.models import Division, ancestor_paths_of


def test_save_builds_path_and_depth_from_parent(tree):
    assert tree.city.path == "120000/"
    assert tree.city.depth == 0
    assert tree.hp_street.path == "120000/120101/120101001000/"
    assert tree.hp_community.path == "120000/120101/120101001000/120101001001/"
    assert tree.hp_community.depth == 3


def test_subtree_is_the_path_prefix(tree):
    codes = list(Division.objects.subtree(tree.heping).values_list("code", flat=True))

    assert codes == ["120101", "120101001000", "120101001001"]


def test_subtree_of_a_leaf_is_itself(tree):
    assert list(Division.objects.subtree(tree.hx_community)) == [tree.hx_community]


def test_ancestors_are_the_path_prefixes_outermost_first(tree):
    ancestors = list(Division.objects.ancestors_of(tree.hp_community))

    assert ancestors == [tree.city, tree.heping, tree.hp_street, tree.hp_community]


def test_ancestor_paths_of_a_path():
    assert ancestor_paths_of("120000/120116/120107/") == ["120000/", "120000/120116/", "120000/120116/120107/"]


def test_valid_on_treats_valid_to_as_exclusive(tree):
    Division.objects.filter(pk=tree.hexi.pk).update(valid_from=datetime.date(2010, 1, 1),
                                                    valid_to=datetime.date(2015, 12, 31))
    districts = Division.objects.filter(level=Level.DISTRICT)

    assert list(districts.valid_on(datetime.date(2009, 12, 31))) == [tree.heping]
    assert list(districts.valid_on(datetime.date(2010, 1, 1))) == [tree.heping, tree.hexi]
    assert list(districts.valid_on(datetime.date(2015, 12, 30))) == [tree.heping, tree.hexi]
    assert list(districts.valid_on(datetime.date(2015, 12, 31))) == [tree.heping]
    assert list(districts.current()) == [tree.heping]


def test_is_valid_on_matches_valid_on(tree):
    unit = Division(code="120199", valid_from=datetime.date(2010, 1, 1), valid_to=datetime.date(2011, 1, 1))

    assert [unit.is_valid_on(datetime.date(y, 1, 1)) for y in (2009, 2010, 2011)] == [False, True, False]


def test_end_date_must_follow_start_date(tree):
    with pytest.raises(IntegrityError):
        Division.objects.create(code="120199", name="错误区", level=Level.DISTRICT, kind=Kind.DISTRICT,
                                parent=tree.city, valid_from=datetime.date(2015, 1, 1),
                                valid_to=datetime.date(2014, 1, 1))


def test_path_is_unique(tree):
    with pytest.raises(IntegrityError):
        Division.objects.create(code="120101", name="重复", level=Level.DISTRICT, kind=Kind.DISTRICT,
                                parent=tree.city)
