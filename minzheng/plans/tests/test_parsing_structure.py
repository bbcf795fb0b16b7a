"""Header fields, encodings, line repair and heading levels, on small inline documents."""

import codecs
import json
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minzheng.plans.parsing import decode_plan_bytes, parse_plan, read_plan_file
from minzheng.plans.parsing.header import split_header
from minzheng.plans.parsing.headings import match_block, match_marker
from minzheng.plans.parsing.lines import repair_lines
from minzheng.plans.parsing.text import normalize_text

SAMPLE = "2014年工作要点\n一、加强社区建设\n(一)创建美丽社区。全年创建120个美丽社区。\n"


def _doc(text):
    return parse_plan(textwrap.dedent(text))


@pytest.mark.parametrize(("_case", "data"), [
    ("utf-8", SAMPLE.encode("utf-8")),
    ("utf-8 with bom", codecs.BOM_UTF8 + SAMPLE.encode("utf-8")),
    ("gb18030", SAMPLE.encode("gb18030")),
    ("utf-16 with bom", SAMPLE.encode("utf-16")),
])
def test_decoding(_case, data):
    assert decode_plan_bytes(data) == SAMPLE


def test_read_plan_file(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(SAMPLE.replace("\n", "\r\n").encode("gb18030"))

    plan = parse_plan(read_plan_file(path))

    assert [(item.title, item.targets[0].value) for item in plan.items] == [("创建美丽社区", 120)]


def test_header_tolerates_spaces_in_field_names():
    header, rest = split_header(["标题", "文章属性", "【制定机关】 某市民政局", "【字　号】某民发〔2014〕1号",
                                 "【公布日期】2014.01.15 【施行日期】2014.02.01", "【效 力 等 级】地方规范性文件",
                                 "正文", "标题"])

    assert (header.issuer, header.doc_number, header.level) == ("某市民政局", "某民发〔2014〕1号", "地方规范性文件")
    assert (header.published.isoformat(), header.effective.isoformat()) == ("2014-01-15", "2014-02-01")
    assert rest == ["标题", "标题"]


def test_government_website_metadata():
    header, rest = split_header([
        "2020年全市民政工作要点", "索引号 : 011337100/2021-01612 文       号 : 某民政发〔2020〕1号",
        "主题分类: 其他 发文单位: 某市民政局", "发布日期: 2021年01月12日", "有效性: 有效", "2020年全市民政工作要点"])

    assert (header.issuer, header.doc_number, header.topic, header.status) == (
        "某市民政局", "某民政发〔2020〕1号", "其他", "有效")
    assert header.published.isoformat() == "2021-01-12"
    assert rest == ["2020年全市民政工作要点", "2020年全市民政工作要点"]


@pytest.mark.parametrize(("_case", "text", "style", "value", "label", "rest"), [
    ("chinese", "一、总体要求", "cn", 1, "一", "总体要求"),
    ("half-width parentheses", "(十一)加大救助", "paren_cn", 11, "十一", "加大救助"),
    ("full-width parentheses", "（三）统筹养老", "paren_cn", 3, "三", "统筹养老"),
    ("arabic dot", "2.社区治理", "arabic", 2, "2", "社区治理"),
    ("arabic comma", "3、婚姻登记", "arabic", 3, "3", "婚姻登记"),
    ("arabic in parentheses", "(2)培训", "paren_arabic", 2, "2", "培训"),
    ("ordinal", "第二,健全救助体系", "ordinal", 2, "二", "健全救助体系"),
    ("part", "第三部分 保障措施", "part", 3, "三", "保障措施"),
])
def test_markers(_case, text, style, value, label, rest):
    marker = match_marker(normalize_text(text))

    assert (marker.style, marker.value, marker.label, marker.rest) == (style, value, label, rest)


@pytest.mark.parametrize("text", ["1.5万人次参加培训", "2014.01.15", "十二五期间", "一是加强领导", "天津人才服务中心"])
def test_no_marker(text):
    assert match_marker(text) is None


@pytest.mark.parametrize(("text", "block"), [
    ("总的要求", ("总的要求", "")),
    ("主要内容:", ("主要内容", "")),
    ("工作要求:各级民政部门要加强领导。", ("工作要求", "各级民政部门要加强领导。")),
    ("天津人才服务中心", None),
    ("总的要求是:全面贯彻落实。", None),
])
def test_blocks(text, block):
    assert match_block(text) == block


def test_repair_joins_broken_lines_and_drops_furniture():
    lines = ["  (一)推进社区建设。全年创建", "120个美丽社区。", "某某人才服务中心", "- 2 -", "  (二)深化改革。培育",
             "第 3 页", "社会组织200家。"]

    assert repair_lines(lines) == ["(一)推进社区建设。全年创建120个美丽社区。", "(二)深化改革。培育社会组织200家。"]


def test_repair_without_indentation_keeps_heading_lines_apart():
    lines = ["一、总体要求", "2014年工作的总体要求是:以改革创新为动力,", "着力保障和改善民生。", "二、主要任务"]

    assert repair_lines(lines) == ["一、总体要求", "2014年工作的总体要求是:以改革创新为动力,着力保障和改善民生。",
                                   "二、主要任务"]


def test_repair_joins_a_heading_cut_at_the_wrapping_width():
    lines = ["一、总体要求", "2014年工作的总体要求是:以改革创新为动力,全面", "提升民政服务管理科学化水平。",
             "(一)推进基层社会治理体制机制改革创新和", "社区建设。创建社区。"]

    assert repair_lines(lines)[-1] == "(一)推进基层社会治理体制机制改革创新和社区建设。创建社区。"


def test_repair_joins_a_broken_heading_in_an_indented_document():
    lines = ["  一、强化社区自治管理,创新基", "层社会治理", "  (一)推进美丽社区建设。创建社区。"]

    assert repair_lines(lines) == ["一、强化社区自治管理,创新基层社会治理", "(一)推进美丽社区建设。创建社区。"]


def test_repair_drops_running_heads():
    lines = ["  一、社区建设", "  (一)创建社区。全年创建120个", "某市民政工作要点", "美丽社区。",
             "  (二)培育组织。培育", "某市民政工作要点", "社会组织。"]

    assert repair_lines(lines) == [
        "一、社区建设", "(一)创建社区。全年创建120个美丽社区。", "(二)培育组织。培育社会组织。"]


def test_flat_numbered_list_gets_one_unnamed_chapter():
    plan = _doc("""\
        某县2015年民政工作计划
        1.新建农村幸福院30个。
        2.全年培训社区工作者500人次。
        3.婚姻登记合格率达到100%。
        """)

    assert [(c.number, c.label, c.title) for c in plan.chapters] == [(1, "", "")]
    assert [(i.number, i.label) for i in plan.items] == [(1, "1"), (2, "2"), (3, "3")]
    assert [t.value for i in plan.items for t in i.targets] == [30, 500, 100]


def test_ordinal_chapters_with_arabic_items():
    plan = _doc("""\
        某市2015年民政工作要点
        第一,健全社会救助体系
        1、提高低保标准。城市低保标准提高到每人每月700元。
        2、加强临时救助。
        第二,发展养老服务
        3、新增养老床位2000张。
        """)

    assert [(c.label, c.title) for c in plan.chapters] == [("一", "健全社会救助体系"), ("二", "发展养老服务")]
    assert [(i.number, i.label, i.title) for i in plan.items] == [
        (1, "1", "提高低保标准"), (2, "2", "加强临时救助"), (3, "3", "新增养老床位2000张")]
    assert plan.items[1].tasks == ["加强临时救助"]


def test_sub_points_stay_in_the_item():
    plan = _doc("""\
        某市2015年工作要点
        一、社会救助
        (一)完善制度。主要抓好:
        1.提高标准;
        2.规范管理。
        (二)加强队伍建设。
        """)

    assert [(i.label, i.title) for i in plan.items] == [("一", "完善制度"), ("二", "加强队伍建设")]
    assert plan.items[0].tasks == ["主要抓好", "提高标准", "规范管理"]


def test_out_of_sequence_marker_stays_text():
    plan = _doc("""\
        某市2015年工作要点
        一、社会救助
        (一)完善医疗救助。推动一
        二、三级医院开通救助绿色通道。
        (二)加强队伍建设。
        """)

    assert [c.title for c in plan.chapters] == ["社会救助"]
    assert plan.items[0].text == "推动一二、三级医院开通救助绿色通道。"


def test_chapter_body_without_items_becomes_one_item():
    plan = _doc("""\
        某市2015年工作要点
        一、总体要求
        2015年工作的总体要求是:全面深化改革。全年新增养老床位1000张。
        二、主要任务
        (一)推进改革。深化改革。
        """)

    assert [(c.title, [(i.number, i.label, i.title) for i in c.items]) for c in plan.chapters] == [
        ("总体要求", [(1, "", "总体要求")]), ("主要任务", [(2, "一", "推进改革")])]
    assert plan.items[0].targets[0].value == 1000


def test_plan_title_from_the_notice():
    plan = _doc("""\
        某市民政局关于印发《2015年民政工作要点》的通知
        各区民政局:
        现将《2015年民政工作要点》印发给你们,请认真贯彻落实。
        2015年1月5日
        一、社会救助
        (一)完善制度。
        """)

    assert (plan.title, plan.issuer, plan.year, plan.published.isoformat()) == (
        "2015年民政工作要点", "某市民政局", 2015, "2015-01-05")
    assert [i.title for i in plan.items] == ["完善制度"]


def test_empty_text():
    plan = parse_plan("")

    assert (plan.title, plan.chapters) == ("", [])


def test_letterhead_and_database_title_before_the_notice():
    plan = _doc("""\
        2014年某市民政工作要点
        文章属性
        【制定机关】某市民政局
        正文
        某市民政局文件
        某民发〔2014〕5号
        某市民政局关于印发2014年某市民政工作要点的通知
        各区县民政局:
          现将《2014年某市民政工作要点》印发给你们。
        2014年1月15日
        2014年某市民政工作要点
          一、社区建设
          (一)创建社区。全年创建120个美丽社区。
        """)

    assert (plan.notice_title, plan.doc_number, plan.title) == (
        "某市民政局关于印发2014年某市民政工作要点的通知", "某民发〔2014〕5号", "2014年某市民政工作要点")
    assert [(c.title, [i.title for i in c.items]) for c in plan.chapters] == [("社区建设", ["创建社区"])]


_ALPHABET = list("一二三十两百万()（）〔〕《》“”、。，,;；:：\n\r 　0123456789.%"
                 "个张项年月日第部分总的要求已每关于印发通知【】字号-—①②")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=300))
def test_any_text_parses(text):
    plan = parse_plan(text)

    assert json.loads(json.dumps(plan.as_dict(), ensure_ascii=False))["chapters"] is not None
