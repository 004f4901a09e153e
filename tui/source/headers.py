"""Header cells → column roles, by their words (DESIGN.md §2). Shared by every reader."""

from __future__ import annotations

import re
from functools import lru_cache

from .chars import fold, squeeze
from .table import COOP, DEADLINE, LEAD, REQUIREMENT, RESP, SEQ, TASK

# Exact header words (after removing blanks and folding widths), per role.
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    TASK: (
        "工作任务",
        "主要任务",
        "重点任务",
        "工作内容",
        "任务内容",
        "任务",
        "具体任务",
        "工作事项",
        "重点工作",
        "目标任务",
        "工作目标任务",
        "主要内容",
        "任务名称",
        "项目内容",
        "内容与要求",
        "预期目标",
        "民生实事",
        "民生实事项目",
        "实事项目",
        "任务事项",
        "工作要点",  # the topic a department's 任务分工 heads its 具体要求 with (山东省教育厅 2023)
    ),
    SEQ: ("序号", "编号"),
    LEAD: (
        "牵头单位",
        "牵头部门",
        "牵头",
        "牵头责任单位",
        "市级牵头单位",
        "区级牵头单位",
        "省级牵头单位",
        "牵头科室",
        "牵头处室",
    ),
    RESP: (
        "责任单位",
        "责任部门",
        "责任主体",
        "承办单位",
        "落实单位",
        "具体责任单位",
        "责任科室",
        "负责科室",
        "责任股室",
        "负责股室",
        "责任处室",
        "负责处室",
        "责任科(室)",
        "负责单位",
        "任务分工",  # the column that divides the task among the units (`学生处,各高等学校`)
    ),
    COOP: ("配合单位", "协办单位", "参与单位", "配合部门", "协同单位", "协同责任单位", "配合科室", "配合处室"),
    DEADLINE: ("完成时限", "时限要求", "完成时间", "时间要求", "时限", "完成期限", "责任时限", "时间节点"),
    REQUIREMENT: (
        "工作要求",
        "具体要求",
        "具体工作要求",
        "实施计划",
        "工作措施",
        "具体措施",
        "贯彻举措",
        "工作举措",
        "细化分工",
        "工作内容及要求",
        "具体内容",
        "攻坚目标",
        "攻坚目标任务",
        "有关要求",
        "相关要求",
        "指标要求",  # a 目标任务 table's target (`增长5.5%(市下达指标)`)
    ),
}
# The words that name a unit role, as a column's header or a bracket's label (rolecell.LABELS): a
# role's stem, then the kind of body (`牵头部门`, `协同单位`, `责任股室`, `配合处室`), with a level first or
# not (`市级牵头单位`). One set for both, so a header and a label never know different words.
_ROLE_STEMS = {
    LEAD: ("牵头", "牵头责任", "主责", "统筹"),
    RESP: ("责任", "具体责任", "负责", "落实", "承办", "实施"),
    COOP: ("配合", "协办", "协同", "协同责任", "参与", "参加", "协助"),
}
_BODY_WORDS = ("单位", "部门", "科室", "处室", "股室", "机构")
_LEVEL_WORDS = ("", "省级", "市级", "州级", "县级", "区级", "镇级")
UNIT_ROLE_WORDS: dict[str, str] = {
    f"{level}{stem}{body}": role
    for role, stems in _ROLE_STEMS.items()
    for stem in stems
    for body in _BODY_WORDS
    for level in _LEVEL_WORDS
}
for _role in (LEAD, RESP, COOP):
    HEADER_WORDS[_role] = tuple(
        dict.fromkeys([*HEADER_WORDS[_role], *(w for w, r in UNIT_ROLE_WORDS.items() if r == _role)])
    )
# A role label's kind of body said again in brackets before its colon: `责任部门(单位):`, `牵头单位(部门):`
# (a bracket's field, a label line, a label row); the label is the words before it.
LABEL_QUALIFIER = r"(?:[(（](?:单位|部门|科室|处室|股室)[)）])?"
# A label written inside a unit cell before its names: `牵头处室:财务处` (the 处室 that leads the
# work inside the unit the column names). The names are read in the column's role; the label is
# kept as their note.
UNIT_LABEL = re.compile(
    r"^((?:牵头|责任|配合|负责|协办|参与)?(?:单位|处室|科室|部门|股室))" + LABEL_QUALIFIER + r"[ \t　]*[:：]"
)
_TASK_PREFIXES = ("主要", "重点", "年度", "具体", "政务公开")  # 政务公开重点工作: the field named first
_ROLE_OF = {w: role for role, words in HEADER_WORDS.items() for w in words}
# Columns a table carries that say nothing about who does what or by when: remarks, the progress
# or result reported (a progress table's 进展情况), the problem found (a 整改清单's 主要问题), the
# person in charge (a person, never a unit). Known, so a header holding them is read; their
# cells are left unread (every reader of a table with a header: pipes.py, text.py).
UNREAD_WORDS = (
    "备注",
    "说明",
    "完成情况",
    "年度完成情况",
    "完成成效",
    "进展情况",
    "当前进度",
    "工作进度",
    "推进情况",
    "落实情况",
    "主要问题",
    "存在问题",
    "责任人",
    "联系人",
    "责任领导",
    "分管领导",
    "牵头领导",
    "联系电话",
    "工作任务安排",
    "工作安排",
    "进度安排",
    "工作进度安排",
    "下步举措",  # a progress table's next steps (`目标任务 | 牵头单位 | 进展情况 | 下步举措`): a plan, no task
    "下一步举措",
    "下步打算",
    "下一步打算",
    "项目",  # `序号 | 项目 | 重点工作目标任务 | …`: a label over the targets beside it, no task of its own
    "公开载体",  # where it is published (websites, media): channels, never units
    "公开渠道",
    "目标类型",  # `A类` / `B类`: a class of target a note line explains (`注:A类指责任目标`), no task or unit
    "其他",  # `… | 完成时限 | 其他`: remarks under another word (汕尾市市场监督管理局 2024)
    "任务来源",  # the document a task comes from (`皖政〔2022〕9号文件`): a citation, never a unit or a 文号 of this one
)
_UNREAD = frozenset(UNREAD_WORDS)
_LONGEST_UNREAD = 40  # characters: the longest word above after the longest period before it (`截至…`)
_LONGEST_CELL = 120  # characters of a header cell as written, blanks and a note in brackets included
REMARKS = "备注"
# A header word may begin with the year it is about: `2022年预期目标`, `2023年度工作任务`.
_YEAR_FIRST = re.compile(r"^(?:19|20)\d\d年度?")
# A deadline column that also holds what is required by then: `完成时限及要求`.
_AND_REQUIREMENTS = re.compile(r"(?:及|和|与)要求$")


# The period a progress column reports on, before its word: `第二季度完成情况`, `1-6月进展情况`.
_PERIOD = re.compile(r"(?:第?[一二三四1-4１-４]季度|[上下]半年|\d{1,2}(?:[-－—~～至]\d{1,2})?月份?|截至.{1,8})")


@lru_cache(maxsize=4096)
def is_unread(text: str) -> bool:
    """Whether a header cell names a column left unread (UNREAD_WORDS; `备 注` letter-spaced too;
    a progress column after the period it reports on, `第二季度完成情况`)."""
    if len(text) > _LONGEST_CELL:  # a paragraph is no header word
        return False
    key = fold(squeeze(text))
    if len(key) > _LONGEST_UNREAD:  # (and each slice below would copy it)
        return False
    return key in _UNREAD or any(key[i:] in _UNREAD and _PERIOD.fullmatch(key[:i]) for i in range(2, len(key)))


@lru_cache(maxsize=4096)
def role_of(text: str) -> str | None:
    """The role a header cell names, or None. `工 作 任 务`, `牵头单位（部门）`, `2022年预期目标` (the year the
    column is about first) and `完成时限及要求` are recognised. Asked of every cell of a table as a
    header is looked for: a text longer than any header cell, even letter-spaced, is none."""
    if len(text) > _LONGEST_CELL:
        return None
    key = _YEAR_FIRST.sub("", fold(squeeze(text)))
    if key in _ROLE_OF:
        return _ROLE_OF[key]
    # 主要工作任务, 重点工作任务: a task word after a word that only says how much it matters.
    for prefix in _TASK_PREFIXES:
        if key.startswith(prefix) and _ROLE_OF.get(key[len(prefix) :]) == TASK:
            return TASK
    if (m := _AND_REQUIREMENTS.search(key)) and _ROLE_OF.get(key[: m.start()]) == DEADLINE:
        return DEADLINE
    # `具体工作任务和要求`, `工作任务及要求`: the task and what it requires, one column: the task.
    if (m := _AND_REQUIREMENTS.search(key)) and m.start() and role_of(key[: m.start()]) == TASK:
        return TASK
    # `工作举措及实施计划`: two words for what is required, one column.
    if (m := re.fullmatch(r"(.+?)(?:及|和|与)(.+)", key)) and _ROLE_OF.get(m.group(1)) == REQUIREMENT == _ROLE_OF.get(
        m.group(2)
    ):
        return REQUIREMENT
    # A trailing parenthetical qualifier: 责任单位(部门), 完成时限（年内）.
    for opener in "(":
        if opener in key and key.endswith(")"):
            head = key[: key.index(opener)]
            if head in _ROLE_OF:
                return _ROLE_OF[head]
    return None


def second_task_as_requirement(roles: list[str | None]) -> list[str | None]:
    """A second task-like column after the first (`重点任务 | 工作内容 | 负责科室`: a short title, then
    what it means) is the requirement, in a table of any format (readers/pipe_rows.py, grid.py)."""
    out: list[str | None] = []
    for role in roles:
        out.append(REQUIREMENT if role == TASK and TASK in out and REQUIREMENT not in out else role)
    return out


def header_problem(roles: list[str | None], units_in_headings: bool = False) -> str | None:
    """Why a run of header cells is not a usable header, or None when it is. `units_in_headings`:
    the part headings name the units (units_from_headings.py), so no unit column is needed."""
    named = [r for r in roles if r is not None]
    if TASK not in named:
        return "表头中没有「工作任务」一类的栏目"
    if not units_in_headings and not any(r in named for r in (LEAD, RESP, COOP)):
        return "表头中没有「牵头单位」「责任单位」或「配合单位」栏目"
    dup = sorted({r for r in named if named.count(r) > 1})
    if dup:
        return f"表头中「{'、'.join(dup)}」栏目出现了不止一次"
    return None
