"""The words that name a unit role are one set for a column's header and a bracket's label
(headers.UNIT_ROLE_WORDS): a stem, the kind of body, a level or none. Before, a header knew
负责股室 and a label did not, a label knew 统筹单位 and a header did not, and neither knew
协办部门, 主责单位 or 市级牵头部门."""

from __future__ import annotations

import pytest

from tui.source import read_document
from tui.source.headers import role_of
from tui.source.rolecell import LABELS
from tui.source.table import COOP, LEAD, RESP

WORDS = {
    "协办部门": COOP,
    "协同部门": COOP,
    "参与部门": COOP,
    "主责单位": LEAD,
    "牵头责任部门": LEAD,
    "市级牵头部门": LEAD,
    "统筹单位": LEAD,
    "负责股室": RESP,
    "实施单位": RESP,
    "落实部门": RESP,
}


@pytest.mark.parametrize("word, role", sorted(WORDS.items()))
def test_a_role_word_is_known_as_a_header_and_as_a_label(word, role):
    assert role_of(word) == role
    assert LABELS[word] == role


def test_the_header_words_and_the_labels_of_unit_roles_are_one_set():
    from tui.source.headers import HEADER_WORDS

    headers = {(w, role) for role in (LEAD, RESP, COOP) for w in HEADER_WORDS[role]}
    labels = {(w, role) for w, role in LABELS.items() if role in (LEAD, RESP, COOP)}
    # only where a form belongs to one: a bracket in a header cell, a bare role word in a label
    assert headers - labels == {("责任科(室)", RESP)}
    assert labels - headers == {("配合", COOP), ("数据提供单位", COOP)}


def test_prose_with_those_labels_reads_their_roles():
    text = (
        "某区2024年政务公开工作要点任务分工\n"
        "一、加强政策解读\n"
        "1.做好重要政策解读。(主责单位:区政府办公室;协办部门:区财政局、区发展改革委)\n"
        "2.做好政策问答。(市级牵头部门:区政府办公室;落实部门:各街道)\n"
    )
    doc = read_document(text.encode("utf-8"), "分工.txt", year=2024)
    assert [(r.lead_units, r.responsible_units, r.cooperating_units) for r in doc.rows] == [
        (["区政府办公室"], [], ["区财政局", "区发展改革委"]),
        (["区政府办公室"], ["各街道"], []),
    ]
