"""The 2014 Tianjin civil-affairs work plan (a copy of shared/fixtures) parses as issue 6 says."""

import json

import pytest

FIXTURE = "tianjin-2014-minzheng-gongzuo-yaodian.txt"
STRAY_LINE = "天津人才服务中心"


@pytest.fixture
def plan(parse_data):
    return parse_data(FIXTURE)


def _targets(plan):
    return {(t.value, t.unit, t.subject): t for item in plan.items for t in item.targets}


def test_header_and_notice_fields(plan):
    data = plan.as_dict()

    assert {key: value for key, value in data.items() if key != "chapters"} == {
        "title": "2014年天津市民政工作要点",
        "notice_title": "天津市民政局关于印发2014年天津市民政工作要点的通知",
        "issuer": "天津市民政局",
        "doc_number": "津民发〔2014〕5号",
        "published": "2014-01-15",
        "effective": "2014-01-15",
        "level": "地方规范性文件",
        "status": "现行有效",
        "topic": "民政",
        "year": 2014,
    }
    assert plan.recipients == "各区县民政局,局机关各处室,局属各单位"


def test_six_chapters_with_their_titles(plan):
    assert [(c.number, c.label) for c in plan.chapters] == list(zip(range(1, 7), "一二三四五六", strict=True))
    assert plan.chapters[0].title == "强化社区自治管理,创新基层社会治理"
    assert plan.chapters[5].title == "加强防灾减灾救灾,提高应急反应水平"


def test_seventeen_items_numbered_across_chapters(plan):
    labels = "一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七".split()

    assert [(item.number, item.label) for item in plan.items] == list(zip(range(1, 18), labels, strict=True))
    assert [len(chapter.items) for chapter in plan.chapters] == [2, 3, 4, 4, 3, 1]
    assert plan.items[0].title == "推进美丽社区建设"
    assert plan.items[10].title == "加大流乞人员救助"


def test_required_targets(plan):
    targets = _targets(plan)

    assert targets[(120, "个", "美丽社区")].as_dict() == {
        "value": 120, "unit": "个", "subject": "美丽社区", "comparator": ">=", "qualifier": "至少",
        "quote": "全年至少创建120个美丽社区",
    }
    for key in [(6000, "张", "养老机构床位"), (80, "个", "老年日间照料服务中心"), (5, "个", "区级老年配餐中心"),
                (20, "项", "民心工程养老项目")]:
        assert targets[key].comparator == "="
    assert targets[(6000, "张", "养老机构床位")].quote == "新增养老机构床位6000张"


def test_no_distractor_becomes_a_target(plan):
    values = {target.value for target in _targets(plan).values()}

    assert values.isdisjoint({2014, 2015, 2013, 1, 15, 18})


def test_stray_page_furniture_is_dropped(plan):
    assert all(STRAY_LINE not in item.text and STRAY_LINE not in item.title for item in plan.items)
    assert plan.items[9].text.endswith("完善清明节祭扫服务保障机制。")
    assert plan.items[10].text.startswith("巩固“接送流浪孩子回家”行动成果")


def test_broken_lines_are_joined(plan):
    texts = {item.number: item.text for item in plan.items}

    assert all("\n" not in text for text in texts.values())
    assert "建立困境家庭儿童(事实无人抚养儿童)保障制度。" in texts[5]
    assert "完善社会组织服务管理中心的政策咨询" in texts[7]
    assert "继续深化“都市文明,文明共祭”活动" in texts[10]


def test_tasks_are_the_item_sentences(plan):
    item = plan.items[2]

    assert item.tasks[1:4] == [
        "大力实施20项民心工程养老项目建设,新增养老机构床位6000张",
        "新建老年日间照料服务中心80个",
        "新建区级老年配餐中心5个,中心城区老年配餐服务实现社区全覆盖",
    ]
    assert len(plan.items[3].tasks) == 8


def test_as_dict_is_json_with_the_issue_shape(plan):
    data = json.loads(json.dumps(plan.as_dict(), ensure_ascii=False))
    item = data["chapters"][0]["items"][0]

    assert list(data) == ["title", "notice_title", "issuer", "doc_number", "published", "effective", "level",
                          "status", "topic", "year", "chapters"]
    assert list(data["chapters"][0]) == ["number", "label", "title", "items"]
    assert list(item) == ["number", "label", "title", "text", "tasks", "targets"]
    assert list(item["targets"][0]) == ["value", "unit", "subject", "comparator", "qualifier", "quote"]
