"""Property tests for the prose shapes offices write: a breakdown drawn at random (sections,
subsections, tasks with items, units by role, a deadline) written as numbered paragraphs ending
in a role bracket — a field naming a leader (`牵头县领导:张伟副县长`) anywhere among them, any bracket kind, fields separated by `;` `,` `；` `，`, colons of either
width, or each label in square brackets (`【牵头单位】X【责任单位】Y`), the 完成时限 first or last, `一、` `(一)` `1.` sharing a line, items numbered `1.` `1、`
`1．` — and as a list whose units are each item's subject (`X要…`, `由X牵头,Y配合,…`). Each reads
back to exactly what was drawn; the expected values come from the draw, not from the readers."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.source.test_prose_pipes_properties import COOPERATING, DEADLINES, LEADS, RESPONSIBLE, WORDS
from tui.source import read_document
from tui.source.numerals import int_to_chinese

# The words, units and deadlines of the plain prose and `|` property tests; the 镇街 collective
# with its own bracket so that nested brackets of every kind are drawn.
RESPONSIBLE = tuple(r if r != "各镇街" else "各镇（街道）" for r in RESPONSIBLE)
BRACKETS = (("(", ")"), ("（", "）"), ("[", "]"), ("【", "】"), ("［", "］"), ("〔", "〕"))
LABELS = {
    "lead": ("牵头单位", "牵头部门"),
    "resp": ("责任单位", "责任部门"),
    "coop": ("配合单位", "协办单位"),
    "deadline": ("完成时限", "完成时间", "时限要求"),
}
# Labels naming a leader, and the people they name: 2–4 Han characters, perhaps with a title.
PERSON_LABELS = ("牵头领导", "责任领导", "分管领导", "牵头县领导", "牵头市领导", "责任区领导", "区领导", "联系县领导")
SURNAMES, GIVEN = "王李张刘陈杨赵黄周吴欧阳", "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞"
TITLES = ("", "", "县长", "副县长", "副区长", "局长", "同志", "主任")


@st.composite
def persons(draw) -> str:
    name = draw(st.sampled_from(SURNAMES)) + "".join(draw(st.lists(st.sampled_from(GIVEN), min_size=1, max_size=3)))
    return name + draw(st.sampled_from(TITLES))


HEAD = "某区人民政府办公室关于印发2026年政务公开工作要点的通知\n某府办发〔2026〕3号\n2026年政务公开工作要点\n"


@dataclass
class Task:
    items: list[str]
    lead: list[str]
    responsible: list[str]
    cooperating: list[str]
    deadline: str | None
    section: str
    subsection: str | None


def _title(draw) -> str:
    return "".join(draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=3)))


def _text(draw) -> str:
    return "".join(draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=6))) + "。"


def _units(draw) -> tuple[list[str], list[str], list[str]]:
    lead = draw(st.lists(st.sampled_from(LEADS), max_size=2, unique=True))
    responsible = draw(st.lists(st.sampled_from(RESPONSIBLE), min_size=0 if lead else 1, max_size=3, unique=True))
    return lead, responsible, draw(st.lists(st.sampled_from(COOPERATING), max_size=1))


def _bracket(draw, task: Task) -> str:
    sep, colon = draw(st.sampled_from(";,；，")), draw(st.sampled_from(":："))
    fields = [
        (draw(st.sampled_from(LABELS[key])), "、".join(names))
        for key, names in (("lead", task.lead), ("resp", task.responsible), ("coop", task.cooperating))
        if names
    ]
    if draw(st.integers(0, 3)) == 0:  # `牵头领导:张伟`: a person, kept as a note, never a unit
        fields.insert(draw(st.integers(0, len(fields))), (draw(st.sampled_from(PERSON_LABELS)), draw(persons())))
    if task.deadline:
        deadline = (draw(st.sampled_from(LABELS["deadline"])), task.deadline)
        fields = [deadline] + fields if draw(st.booleans()) else fields + [deadline]
    if draw(st.integers(0, 5)) == 0:  # `【牵头单位】X【责任单位】Y`: each label in brackets, no colon
        opening, closing = draw(st.sampled_from(BRACKETS[2:5]))
        return draw(st.sampled_from(["", sep])).join(f"{opening}{label}{closing}{value}" for label, value in fields)
    opening, closing = draw(st.sampled_from(BRACKETS))
    return opening + sep.join(f"{label}{colon}{value}" for label, value in fields) + closing


@st.composite
def prose(draw) -> tuple[str, list[Task]]:
    lines, tasks = [HEAD], []
    one_item = draw(st.booleans())  # every task one item numbered across its subsection, or items per task
    dot = draw(st.sampled_from([".", "、", "．"]))
    for s in range(1, draw(st.integers(1, 3)) + 1):
        section = _title(draw)
        heading = f"{int_to_chinese(s)}、{section}"
        for k in range(1, draw(st.integers(1, 2)) + 1):
            subsection = _title(draw)
            opening, closing = draw(st.sampled_from([("(", ")"), ("（", "）")]))
            heading += f"{opening}{int_to_chinese(k)}{closing}{subsection}"
            share = draw(st.booleans())  # the first task on the headings' line
            if not share:
                lines.append(heading)
                heading = ""
            for n in range(1, draw(st.integers(1, 3)) + 1):
                items = [_text(draw) for _ in range(1 if one_item else draw(st.integers(1, 3)))]
                task = Task(items, *_units(draw), draw(st.sampled_from(DEADLINES)), section, subsection)
                tasks.append(task)
                if one_item:
                    numbered = [f"{n}{dot}{items[0]}"]
                else:
                    numbered = (
                        [f"{m}{dot}{t}" for m, t in enumerate(items, 1)] if len(items) > 1 or share else list(items)
                    )
                numbered[-1] += _bracket(draw, task)
                if heading:
                    numbered[0] = heading + numbered[0]
                    heading = ""
                lines += numbered
            heading = ""
    return "\n".join(lines) + "\n", tasks


def _read(text: str) -> list[tuple]:
    doc = read_document(text.encode("utf-8"), "分工.txt")
    titles = {s.id: s.title for s in doc.sections} | {u.id: u.title for s in doc.sections for u in s.subsections}
    return [
        (
            r.lead_units,
            r.responsible_units,
            r.cooperating_units,
            [i.text for i in r.items],
            r.deadline_text,
            titles[r.section_id],
            titles.get(r.subsection_id),
        )
        for r in doc.rows
    ]


def _expected(tasks: list[Task]) -> list[tuple]:
    return [(t.lead, t.responsible, t.cooperating, t.items, t.deadline, t.section, t.subsection) for t in tasks]


SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(prose())
def test_prose_in_every_bracket_separator_and_numbering_reads_back_to_its_tasks(drawn):
    text, tasks = drawn
    assert _read(text) == _expected(tasks)


# -- units as each item's subject ---------------------------------------------------------------

OFFICES = ("办公室", "法规科", "财务科", "医政科", "疾控科", "综合监督科")
COLLECTIVE = ("各科室", "各业务科室")


@st.composite
def subject_lists(draw) -> tuple[str, list[Task]]:
    lines, tasks = ["某区卫生健康局2026年政务公开工作任务分工"], []
    for s in range(1, draw(st.integers(1, 2)) + 1):
        section = _title(draw)
        number = draw(st.sampled_from(["{n}.", "{n}、", "{n}．", "({n})", "（{n}）"]))
        heading = f"{int_to_chinese(s)}、{section}"
        if not (number in ("{n}.", "{n}、") and draw(st.booleans())):  # else the first item on the heading's line
            lines.append(heading)
            heading = ""
        for n in range(1, draw(st.integers(2, 4)) + 1):  # one subject alone is too little to tell the shape
            text = _text(draw)
            shape = draw(st.sampled_from(["要", "负责", "应当", "and", "lead-coop", "by-lead-coop", "lead-resp"]))
            names = draw(st.lists(st.sampled_from(OFFICES), min_size=1, max_size=2, unique=True))
            other = draw(st.sampled_from(COLLECTIVE))
            comma = draw(st.sampled_from(",，"))
            lead = responsible = cooperating = []
            if shape in ("要", "负责", "应当"):
                subject, responsible = "、".join(names) + shape, names
            elif shape == "and":
                subject, responsible = "和".join(names) + "要", names
            elif shape == "lead-coop":
                subject, lead, cooperating = f"{names[0]}牵头、{other}配合{comma}", names[:1], [other]
            elif shape == "by-lead-coop":
                subject, lead, cooperating = f"由{names[0]}牵头{comma}{other}配合{comma}", names[:1], [other]
            else:
                subject, lead, responsible = f"{names[0]}牵头{comma}{other}负责{comma}", names[:1], [other]
            lines.append(heading + number.format(n=n) + subject + "做好" + text)
            heading = ""
            tasks.append(Task([subject + "做好" + text], lead, responsible, cooperating, None, section, None))
    return "\n".join(lines) + "\n", tasks


@SETTINGS
@given(subject_lists())
def test_a_list_naming_units_as_subjects_reads_back_to_its_tasks(drawn):
    text, tasks = drawn
    assert _read(text) == _expected(tasks)
