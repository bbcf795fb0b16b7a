import pytest

from minzheng.framework.privacy import mask_name


@pytest.mark.parametrize(("name", "shown"), [
    ("张三明", "张*明"), ("欧阳小明", "欧**明"), ("张三", "张*"), ("张", "*"), ("", ""), (" 李四 ", "李*"),
    ("买买提·艾力", "买****力"),
])
def test_mask_name_keeps_the_first_and_last_character(name, shown):
    assert mask_name(name) == shown
