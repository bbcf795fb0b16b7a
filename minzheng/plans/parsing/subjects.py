"""The subject of a target: the noun phrase its number counts.

Chinese puts the counted noun after the measure word (创建120个美丽社区) or before the number,
after the verb (新增养老机构床位6000张; 城乡低保覆盖率达到95%). Verbs, qualifiers, scope words
(全市, 全年) and trailing action nouns (…项目建设 → …项目) are trimmed off."""

import re

from .quantities import Quantity
from .text import protected_mask

__all__ = ["VERBS", "subject_of"]

_AFTER_STOPS = ("以", "为", "增长", "提高", "比", "到", "达", "的基础", "左右", "等", "目标", "任务", "水平")
_AFTER_CUT_RE = re.compile(r"[、(（;；，,。:：]|等|并|和(?!谐)|及|的基础")
_AFTER_TRAILING_RE = re.compile(r"(?:建设任务|创建工作|建设工作|建设|工作|任务|目标|创建|改造|的)$")
_BEFORE_TRAILING_RE = re.compile(
    r"(?:达到|达|提高到|提高至|提升到|提升至|增加到|增加至|增至|扩大到|到|为|至|超过|不少于|不低于|不超过|不高于|"
    r"至少|最少|力争|争取|控制在|保持在|稳定在|大约|约|近|每人每月|每人每年|每户每月|每月|每年|每人|每户|"
    r"(?:比|较|同比)(?:上年|去年|上一年|\d{4}年)?(?:同期)?|增长|提高|提升|增加|下降|降低|减少|新增|累计|共计|共|"
    r"总计|合计|分别|均|在|有|的|由|从|每(?:千|百|万|十万)(?:名|个|户|位)?[\u4e00-\u9fff]{0,4}|[(（,，、:：\s])$"
)
_LEADING_RE = re.compile(
    r"^(?:其中|包括|含|和(?!谐)|及|与|或|全年|年内|今年|本年度|年底前|年底|到年底|全市|全省|全区|全县|全州|各区县|各地|各级|"
    r"我省|我市|我区|我县|本省|本市|本区|本县|累计|共计|共|"
    r"再|力争|争取|至少|确保|努力|计划|预计|大力|积极|进一步|继续|深入|新增|新建|新开工|建成|建设|创建|完成|实施|"
    r"实现|培育|发展|开展|举办|组织|培训|扶持|改造|提升|打造|设立|成立|组建|建立|发放|安置|资助|投入|落实|招募|"
    r"吸纳|使|让|将|把|在|有|对|为|(?:到|至|在)?\d{4}年(?:底|末)?前?|[)）(（,，、:：;；\s])"
)
VERBS = tuple(
    "新增 新建 新开工 建成 创建 完成 培育 培训 实施 举办 打造 设立 成立 组建 建立 发放 安置 资助 扶持 招募 吸纳 开展 "
    "提供 落实 改造 扩建 培养 认定 评选 命名 发展 推广 达到 实现 评估 检查 整治 表彰 慰问 走访 帮扶 配备 招聘 "
    "选派 派驻 开发 购买 采购 维修 更新 配置 增设 创办 兴办 新设 新开 筹集 募集 下达 拨付 安排".split()
)


def subject_of(clause: str, quantity: Quantity, segment_start: int) -> str:
    """The noun phrase ``quantity`` counts in ``clause``; ``segment_start`` is where the text that
    belongs to this quantity starts (after an earlier quantity of the same clause)."""
    after = _after(clause[quantity.end:], quantity.unit)
    if after:
        return after
    return _before(clause[segment_start:quantity.start])


def _after(text: str, unit: str) -> str:
    """The noun after the measure word (120个美丽社区), or "" when none follows."""
    if unit == "%" and not text.startswith("的"):
        return ""
    text = text.removeprefix("的")
    if not text or text.startswith(_AFTER_STOPS):
        return ""
    mask = protected_mask(text)
    cut = _AFTER_CUT_RE.search("".join("#" if hidden else char for char, hidden in zip(text, mask, strict=True)))
    text = text[:cut.start()] if cut else text
    return _strip(text, _AFTER_TRAILING_RE, keep=2)


def _before(text: str) -> str:
    """The noun before the number (新增养老机构床位6000张), after the last verb."""
    text = text[text.rfind("、") + 1:]
    core = _strip(text, _BEFORE_TRAILING_RE)
    end_of_verb = max((core.rfind(verb) + len(verb) for verb in VERBS if verb in core), default=-1)
    if end_of_verb > 0 and _strip_leading(core[end_of_verb:]):
        return _strip_leading(core[end_of_verb:])
    return _strip_leading(core)


def _strip(text: str, pattern: re.Pattern, keep: int = 0) -> str:
    """Remove matches of ``pattern`` from the end, as long as ``keep`` characters remain."""
    while True:
        match = pattern.search(text)
        if not match or match.start() < keep:
            return text.strip()
        text = text[:match.start()]


def _strip_leading(text: str) -> str:
    while True:
        match = _LEADING_RE.match(text)
        if not match or not match.group(0):
            return text.strip()
        text = text[match.end():]
