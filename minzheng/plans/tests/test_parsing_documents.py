"""Other shapes of work plans, written for these tests (see ``data/``)."""

import datetime


def _outline(plan):
    return [(c.label, c.title, [(i.number, i.label, i.title) for i in c.items]) for c in plan.chapters]


def _targets(plan):
    return [(t.value, t.unit, t.subject, t.comparator, t.qualifier) for item in plan.items for t in item.targets]


def test_provincial_plan_with_items_restarting_in_each_chapter(parse_data):
    plan = parse_data("provincial_restart.txt")

    assert (plan.issuer, plan.doc_number, plan.published, plan.effective) == (
        "江淮省民政厅", "江民发〔2015〕7号", datetime.date(2015, 2, 10), datetime.date(2015, 2, 10))
    assert (plan.level, plan.status, plan.topic, plan.year) == ("地方规范性文件", "现行有效", "民政综合规定", 2015)
    assert plan.title == "2015年全省民政工作要点"
    assert [(item.number, item.label) for item in plan.items] == [
        (1, "一"), (2, "二"), (3, "一"), (4, "二"), (5, "一"), (6, "二"), (7, "三")]
    assert [chapter.title for chapter in plan.chapters] == ["着力保障基本民生", "加快发展养老服务", "创新社会治理"]


def test_provincial_plan_targets_in_wan_and_percent(parse_data):
    plan = parse_data("provincial_restart.txt")

    assert _targets(plan) == [
        (500, "元", "城乡低保标准", ">=", "不低于"),
        (300, "元", "城乡低保标准", ">=", "不低于"),
        (90, "%", "农村五保集中供养率", ">", "达到…以上"),
        (150000, "人次", "救助", "~", "力争…左右"),
        (60, "个", "全国综合减灾示范社区", ">=", "不少于"),
        (2, "个", "省级救灾物资储备库", "=", None),
        (25000, "张", "养老床位", "=", None),
        (8000, "张", "护理型床位", ">=", "不少于"),
        (1200, "个", "城乡社区居家养老服务中心(站)", ">", "以上"),
        (500, "个", "农村幸福院", "=", None),
        (50, "%", "覆盖60岁以上老年人的意外伤害保险参保率", "~", "达到…左右"),
        (50, "%", "县(市、区)建成老年人权益保障工作站", ">", "以上"),
        (95, "%", "城市社区综合服务设施覆盖率", ">=", "达到"),
        (80, "%", "农村社区", ">=", "达到"),
        (3000, "家", "社区社会组织", "=", None),
        (90, "%", "社会组织年检率", ">=", "不低于"),
        (500, "家", "社会组织", "=", None),
        (50, "%", "第二次全国地名普查外业调查任务", "=", None),
    ]


def test_provincial_plan_distractors_are_no_targets(parse_data):
    plan = parse_data("provincial_restart.txt")
    quotes = " ".join(t.quote for item in plan.items for t in item.targets)

    for distractor in ["12.6万人次", "45个", "3000个", "每年组织2次", "80周岁", "救助月数", "〔2013〕2号"]:
        assert distractor not in quotes
    assert "1.8万张" in plan.preamble


def test_blocks_total_requirements_and_main_content(parse_data):
    plan = parse_data("blocks.txt")

    assert _outline(plan) == [
        ("", "总的要求", [(1, "", "总的要求")]),
        ("一", "健全社会救助体系", [(2, "一", "推进社会救助制度统筹"), (3, "二", "加强特困人员供养")]),
        ("二", "发展社会福利和慈善事业", [(4, "三", "完善儿童福利制度"), (5, "四", "推进慈善事业发展")]),
        ("", "工作要求", [(6, "", "工作要求")]),
    ]
    assert plan.items[0].text.startswith("2015年民政工作的总的要求是:")
    assert plan.chapters[3].items[0].targets == []


def test_blocks_targets(parse_data):
    plan = parse_data("blocks.txt")

    assert _targets(plan) == [
        (150000000000, "元", "社会救助资金支出", ">=", "不少于"),
        (80, "%", "县(市、区)建成核对平台", ">", "力争…以上"),
        (400000, "张", "床位", ">=", "达到"),
        (100, "所", "儿童福利机构", "=", None),
        (10, "%", "社会捐赠款物", "=", None),
    ]


def test_parts_and_arabic_numbering(parse_data):
    plan = parse_data("ordinal.txt")

    assert (plan.title, plan.notice_title, plan.year) == ("临江市民政局2016年工作计划", "", 2016)
    assert [(c.number, c.label, c.title) for c in plan.chapters] == [
        (1, "一", "总体目标"), (2, "二", "重点任务"), (3, "三", "保障措施")]
    assert [(i.number, i.label) for i in plan.items] == [(1, "1"), (2, "2"), (3, "1"), (4, "2"), (5, "3"), (6, "")]
    assert plan.items[3].tasks == ["新建应急避难场所20处", "培训灾害信息员1200名"]


def test_parts_and_arabic_numbering_targets(parse_data):
    plan = parse_data("ordinal.txt")

    assert _targets(plan) == [
        (100, "%", "城乡低保对象动态管理率", ">=", "达到"),
        (35, "张", "养老床位总数", ">=", "达到"),
        (3000, "张", "养老床位", "=", None),
        (80, "%", "城市社区建成“一站式”服务大厅", "=", None),
        (2, "个", "社区服务站", "=", None),
        (20, "处", "应急避难场所", "=", None),
        (1200, "名", "灾害信息员", "=", None),
    ]


def test_gb18030_with_full_width_characters(parse_data):
    plan = parse_data("gb18030.txt")

    assert (plan.title, plan.issuer, plan.published, plan.year) == (
        "2017年临河市民政工作要点", "临河市民政局", datetime.date(2017, 1, 10), 2017)
    assert [(i.number, i.label, i.title) for i in plan.items] == [
        (1, "一", "提高救助水平"), (2, "二", "推进精准脱贫"), (3, "三", "增加养老服务供给"),
        (4, "四", "培育养老服务组织")]
    assert _targets(plan) == [
        (4500, "元", "农村低保标准", "=", None),
        (56000, "人次", "临时救助", "=", None),
        (12000, "人", "农村低保兜底脱贫对象", ">=", "达到"),
        (6000, "张", "养老机构床位", "=", None),
        (300, "个", "农村幸福院", "~", "左右"),
        (150, "家", "养老服务类社会组织", ">=", "不少于"),
    ]


def test_broken_lines_page_numbers_and_furniture(parse_data):
    plan = parse_data("broken.txt")

    assert plan.notice_title == "北河市民政局关于印发2016年北河市民政工作要点的通知"
    assert (plan.doc_number, plan.recipients, plan.published) == (
        "北民发〔2016〕3号", "各区民政局", datetime.date(2016, 1, 20))
    assert [c.title for c in plan.chapters] == [
        "强化基层社会治理,推进城乡社区建设", "完善养老服务体系,提升老年人福利水平"]
    assert [i.title for i in plan.items] == ["推进和谐社区建设", "深化社会组织改革", "推进医养结合", "加强养老机构监管"]
    assert [i.text for i in plan.items] == [
        "全年创建和谐社区示范单位50个,新建农村社区服务中心120个;推动社区服务站与社区居委会分设。",
        "培育社会组织200家,直接登记社会组织比例达到60%以上。",
        "全年新增护理型床位1500张,每年开展一次养老机构等级评定。",
        "对全市养老机构开展安全检查,整改率达到100%。2015年已检查养老机构320家。",
    ]


def test_broken_lines_targets(parse_data):
    plan = parse_data("broken.txt")

    assert _targets(plan) == [
        (50, "个", "和谐社区示范单位", "=", None),
        (120, "个", "农村社区服务中心", "=", None),
        (200, "家", "社会组织", "=", None),
        (60, "%", "直接登记社会组织比例", ">", "达到…以上"),
        (1500, "张", "护理型床位", "=", None),
        (100, "%", "整改率", ">=", "达到"),
    ]


def test_wrapped_national_plan_with_arabic_items_across_chapters(parse_data):
    plan = parse_data("national_wrapped.txt")

    assert (plan.title, plan.doc_number, plan.issuer) == (
        "国家养老事务局2016年工作要点", "国养发〔2016〕2号", "国家养老事务局")
    assert plan.recipients == "各省、自治区、直辖市养老事务主管部门,新疆生产建设兵团养老事务局,局机关各司局"
    assert [(c.label, c.title) for c in plan.chapters] == [
        ("一", "深化养老服务业综合改革,激发社会力量参与活力"), ("二", "提升养老服务质量,守住安全底线"),
        ("三", "加强组织保障")]
    assert [(i.number, i.label) for i in plan.items] == [(n, str(n)) for n in range(1, 6)]
    assert plan.items[1].text.endswith("推动不少于1000家公办养老机构转型。")
    assert plan.items[4].text == "各地要在7月底前报送半年工作进展,12月底前报送全年工作总结。"


def test_wrapped_national_plan_targets(parse_data):
    plan = parse_data("national_wrapped.txt")

    assert _targets(plan) == [
        (50, "个", "试点地区", "~", "左右"),
        (30, "%", "全国公办养老机构转制和公建民营比例", ">", "力争达到…以上"),
        (1000, "家", "公办养老机构转型", ">=", "不少于"),
        (100000, "人次", "养老护理员", "=", None),
        (60, "%", "持证上岗率", "=", None),
        (90, "%", "县(市、区)建立补贴制度", ">", "以上"),
    ]
