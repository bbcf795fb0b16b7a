"""Target extraction from single sentences: what counts, and the distractors that must not."""

import pytest

from minzheng.plans.parsing.targets import extract_targets
from minzheng.plans.parsing.text import normalize_text


def _one(text, year=2014):
    targets = extract_targets(text, year)
    assert len(targets) == 1, targets
    return targets[0]


@pytest.mark.parametrize(("_case", "text", "expected"), [
    ("noun after measure word", "全年至少创建120个美丽社区。", (120, "个", "美丽社区", ">=", "至少")),
    ("noun before number", "新增养老机构床位6000张;", (6000, "张", "养老机构床位", "=", None)),
    ("trailing action noun", "大力实施20项民心工程养老项目建设,", (20, "项", "民心工程养老项目", "=", None)),
    ("wan", "全市养老床位达到5.6万张。", (56000, "张", "养老床位", ">=", "达到")),
    ("chinese percent", "农村五保集中供养率提高到百分之九十。", (90, "%", "农村五保集中供养率", "=", None)),
    ("percent and above", "城乡低保覆盖率达到95%以上。", (95, "%", "城乡低保覆盖率", ">", "达到…以上")),
    ("half and above", "一半以上的街道建立社会组织联合会。", (50, "%", "街道建立社会组织联合会", ">", "以上")),
    ("liang", "建设两个区级救助管理站。", (2, "个", "区级救助管理站", "=", None)),
    ("about", "建成农村幸福院300个左右。", (300, "个", "农村幸福院", "~", "左右")),
    ("not more than", "特困人员供养机构空置率不超过20%。", (20, "%", "特困人员供养机构空置率", "<=", "不超过")),
    ("within", "婚姻登记差错率控制在1%以内。", (1, "%", "婚姻登记差错率", "<=", "控制在…以内")),
    ("exceeding", "志愿者注册人数超过10万人。", (100000, "人", "志愿者注册人数", ">", "超过")),
    ("more than with yu", "培训社区工作者3000余人次。", (3000, "人次", "社区工作者", ">", "余")),
    ("strive", "力争新建示范性养老机构10家。", (10, "家", "示范性养老机构", "=", "力争")),
    ("per person per month", "城市低保标准提高到每人每月600元。", (600, "元", "城市低保标准", "=", None)),
    ("growth over last year", "社会捐赠总额比上年增长10%。", (10, "%", "社会捐赠总额", "=", None)),
    ("percentage points", "城乡社区服务设施覆盖率提高5个百分点。", (5, "百分点", "城乡社区服务设施覆盖率", "=", None)),
    ("yi yuan", "全年筹集福利彩票公益金不少于3亿元。", (300_000_000, "元", "福利彩票公益金", ">=", "不少于")),
    ("future year", "到2015年,全市养老床位达到6万张。", (60000, "张", "养老床位", ">=", "达到")),
    ("full-width digits", "新建老年日间照料服务中心８０个。", (80, "个", "老年日间照料服务中心", "=", None)),
])
def test_targets(_case, text, expected):
    target = _one(normalize_text(text))

    assert (target.value, target.unit, target.subject, target.comparator, target.qualifier) == expected


def test_quote_is_the_clause():
    target = _one("探索建立长效机制,全年至少创建120个美丽社区,继续推进服务群众联系社区工作。")

    assert target.quote == "全年至少创建120个美丽社区"


@pytest.mark.parametrize(("_case", "text"), [
    ("already built", "全市已建成老年日间照料服务中心500个。"),
    ("last year", "去年全市新增养老床位5000张。"),
    ("earlier year", "2013年全市新增养老床位5000张。"),
    ("sentence opening on a past year", "2013年,全市新增养老床位5000张,建成日间照料中心60个。"),
    ("past clause passing on to a verbless clause", "全省已建成养老机构500家,床位3万张。"),
    ("baseline", "在已建成120个美丽社区的基础上推进提升。"),
    ("until now", "截至目前,全市共有社会组织4500家。"),
    ("age", "为80周岁以上老年人发放高龄津贴,60岁以上老年人免费乘车。"),
    ("frequency", "每年开展一次等级评定,每季度召开2次联席会议。"),
    ("twice a year", "一年两次开展督查。"),
    ("document number", "贯彻落实《关于加快发展养老服务业的意见》(津政发〔2014〕5号)。"),
    ("quoted slogan", "深化“两评三会一公开”制度建设,落实“十二五”规划。"),
    ("ordinal", "启动市第一、第二殡仪馆改造,开展第3次全国经济普查。"),
    ("session", "贯彻党的十八届三中全会和市委十届四次全会精神。"),
    ("formula", "救助金额=救助标准×12个月,补贴按照每人100元*人数计算。"),
    ("date", "6月底前完成,2014年1月15日起施行。"),
    ("bare one", "建立一个平台,培育一批社会组织,实行一次性补贴。"),
    ("idiom", "让改革成果惠及千家万户。"),
    ("approximate tens", "几十个社区参加了试点。"),
    ("grade", "婚姻登记机关达到3A级标准,建立四级救助网络。"),
    ("ranking", "综合考评排名前3位。"),
    ("range", "城市低保标准按当地最低工资标准的36%~42%确定。"),
    ("past with le", "低保标准比2010年提高了90元,救助了1000户。"),
    ("target of an earlier year", "离2013年每千名老人养老床位30张的目标还有差距。"),
])
def test_distractors_are_no_targets(_case, text):
    assert extract_targets(text, 2014) == []


def test_forward_clause_after_past_one_counts():
    targets = extract_targets("去年全市临时救助12.6万人次,今年力争救助15万人次左右。", 2014)

    assert [(t.value, t.comparator, t.qualifier) for t in targets] == [(150000, "~", "力争…左右")]


def test_left_out_noun_comes_from_the_sentence():
    targets = extract_targets("在已建成3000个农村幸福院的基础上,再新建500个。", 2014)

    assert [(t.value, t.subject) for t in targets] == [(500, "农村幸福院")]


def test_starting_point_of_a_raise_is_no_target():
    targets = extract_targets("城市低保标准由每人每月500元提高到530元。", 2014)

    assert [(t.value, t.subject) for t in targets] == [(530, "城市低保标准")]


def test_without_plan_year_years_tell_nothing():
    assert [t.value for t in extract_targets("2013年新增养老床位5000张。")] == [5000]
