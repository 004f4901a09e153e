"""Matching this year's items to last year's (tui.store.similar).

Hand-typed Chinese cases for what must and must not match, then properties: `match_items`
returns exactly what a brute-force comparison of all pairs returns, and `similarity` is a
symmetric score in [0, 1] that is 1.0 exactly on equal normalised texts.
"""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SOURCE
from tui.source import parse_document
from tui.store.similar import MATCH_THRESHOLD, match_items, normalise, similarity

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TASK = "各区县政府要在政府网站政府信息公开专栏集中发布本级政策文件及解读材料，于2021年6月底前完成栏目规范化建设。"


def _ids(prefix: str, texts: list[str]) -> list[tuple[str, str]]:
    return [(f"{prefix}{k}", text) for k, text in enumerate(texts)]


# -- hand-typed cases -------------------------------------------------------------------


@pytest.mark.parametrize(
    "variant",
    [
        "各区县政府要在政府网站政府信息公开专栏集中发布本级政策文件及解读材料, 于2022年9月底前完成栏目规范化建设.",
        "各区县政府要在政府网站政府信息公开专栏集中发布本级政策文件及解读材料，于２０２２年１２月底前完成栏目规范化建设。",
        "各区县政府要在政府网站 政府信息公开专栏\n集中发布本级政策文件及解读材料　于2022年6月底前完成栏目规范化建设；",
        "各区县政府要在政府网站“政府信息公开”专栏集中发布本级政策文件及解读材料，于2022年6月底前完成栏目规范化建设。",
        "各区县政府要在政府网站政府信息公开专栏集中发布本级政策文件及解读材料，于2021年6月底前完成栏目规范化建设"
        "（公开路径：1．政府网站>政府信息公开>政策文件，2．其他渠道）。",
    ],
)
def test_same_task_written_differently_scores_one(variant):
    assert normalise(variant) == normalise(TASK)
    assert similarity(TASK, variant) == 1.0
    assert match_items([("n1", variant)], [("o1", TASK)]) == {"n1": ("o1", 1.0)}


def test_normalise_drops_paths_punctuation_and_digit_runs():
    assert (
        normalise("公开惠民信息〔公开路径：1．政府网站>惠民惠农资金，2．村（居）务公开栏〕，按时更新。")
        == "公开惠民信息按时更新"
    )
    assert normalise("ＡＢＣ　2021年6月30日\u200b前") == "abc#年#月#日前"
    assert normalise("（公开路径：政府网站>政府信息公开）") == ""


@pytest.mark.parametrize(
    "variant",
    [
        "各区县政府要在政府网站政府信息公开专栏集中公开本级政策文件及解读材料，于2022年9月底前完成栏目规范化建设。",
        "各区县政府要在政府门户网站政府信息公开专栏集中发布本级政策文件和解读材料，于2022年底前完成栏目规范化建设。",
        "各区县政府在政府网站政府信息公开专栏集中发布政策文件及解读材料，年底前完成栏目规范化建设。",
    ],
)
def test_lightly_reworded_task_matches(variant):
    score = similarity(TASK, variant)
    assert MATCH_THRESHOLD <= score < 1.0
    assert match_items([("n1", variant)], [("o0", "做好政务新媒体管理。"), ("o1", TASK)]) == {"n1": ("o1", score)}


@pytest.mark.parametrize(
    "other",
    [
        "各区县政府要按要求做好政府信息公开工作年度报告编制发布工作，于每年1月31日前在政府网站公开。",
        "各区县政府要在政府网站开设政务新媒体专栏，主动公开政务新媒体名单，于2022年6月底前完成。",
        "按要求做好政府信息依申请公开办理工作，规范答复格式，严格在法定期限内答复。",
    ],
)
def test_different_task_on_the_same_topic_does_not_match(other):
    assert similarity(TASK, other) < MATCH_THRESHOLD
    assert match_items([("n1", other)], [("o1", TASK)]) == {}


@pytest.mark.parametrize("empty", ["", "   \n", "，。（）——", "（公开路径：政府网站>政府信息公开）"])
def test_empty_text_never_matches(empty):
    assert similarity(empty, empty) == 0.0
    assert similarity(empty, TASK) == similarity(TASK, empty) == 0.0
    assert match_items([("n1", empty)], [("o1", empty), ("o2", TASK)]) == {}
    assert match_items([("n1", TASK)], [("o1", empty)]) == {}


def test_same_bigrams_in_a_different_text_is_not_one():
    assert similarity("甲乙甲", "甲乙甲乙甲") == pytest.approx(2 / 3)
    assert match_items([("n", "甲乙甲")], [("o", "甲乙甲乙甲")], 0.5) == {"n": ("o", 2 / 3)}


def test_ties_pick_the_nearest_position_then_the_earlier():
    filler = [f"第{'甲乙丙丁戊己庚辛壬癸'[k]}项其他工作任务" for k in range(10)]
    old = list(filler)
    old[0] = old[5] = old[9] = TASK  # relative positions 0.05, 0.55, 0.95
    new = ["新增任务一", "新增任务二", TASK, "新增任务三"]  # TASK at 2.5 / 4 = 0.625
    assert match_items(_ids("n", new), _ids("o", old))["n2"] == ("o5", 1.0)
    reworded = TASK.replace("集中发布", "集中公开")  # not exact: the same tie among scores < 1
    found = match_items(_ids("n", new[:2] + [reworded] + new[3:]), _ids("o", old))
    assert found["n2"] == ("o5", similarity(reworded, TASK))
    # at equal distance (0.5 against 0.25 and 0.75) the earlier old item wins
    assert match_items([("n", TASK)], [("a", TASK), ("b", TASK)]) == {"n": ("a", 1.0)}
    assert match_items([("n", reworded)], [("a", TASK), ("b", TASK)]) == {"n": ("a", similarity(reworded, TASK))}


def test_a_score_equal_to_the_threshold_matches():
    # one bigram against two, one shared: 1/2, at the edge of the length filter both ways
    assert match_items([("n", "公开政")], [("o", "公开")], 0.5) == {"n": ("o", 0.5)}
    assert match_items([("n", "公开")], [("o", "公开政")], 0.5) == {"n": ("o", 0.5)}
    assert match_items([("n", "公开政")], [("o", "公开")], 0.51) == {}


def test_one_old_item_may_match_several_new_ones():
    new = [TASK, TASK.replace("集中发布", "集中公开"), "推进政务新媒体规范化建设。"]
    found = match_items(_ids("n", new), [("o1", TASK), ("o2", "推进政务新媒体规范化建设，开展常态化监管检查。")])
    assert found["n0"] == ("o1", 1.0) and found["n1"][0] == "o1"


def test_threshold_must_be_a_score():
    for bad in (0.0, -0.5, 1.5):
        with pytest.raises(ValueError):
            match_items([], [], bad)
    assert match_items([("n", TASK)], [("o", TASK)], 1.0) == {"n": ("o", 1.0)}


def test_the_2021_document_matches_itself_item_for_item():
    doc = parse_document(SOURCE.read_text(encoding="utf-8"))
    items = [(f"{row.id}.{item.label}", item.text) for row in doc.rows for item in row.items]
    assert len(items) > 100
    assert match_items(items, items) == {item_id: (item_id, 1.0) for item_id, _ in items}


# -- properties ---------------------------------------------------------------------------

CHARS = "公开政府信息网站主动"  # few characters: texts overlap often
MARKS = "，。 （）2０"


def _bigrams(norm: str) -> set[str]:
    return {norm[k : k + 2] for k in range(len(norm) - 1)} if len(norm) > 1 else set(norm)


def reference_similarity(a: str, b: str) -> float:
    """The documented score, written out plainly."""
    na, nb = normalise(a), normalise(b)
    if not na or not nb:
        return 0.0
    if na == nb:
        return 1.0
    x, y = _bigrams(na), _bigrams(nb)
    if x == y:
        return len(x) / (len(x) + 1)
    return len(x & y) / len(x | y)


def brute_force(new, old, threshold):
    """Every pair scored; the best old item per new one, ties by relative position then index."""
    n, m = len(new), len(old)
    found = {}
    for i, (new_id, a) in enumerate(new):
        keys = [
            (-reference_similarity(a, b), abs(Fraction(2 * i + 1, 2 * n) - Fraction(2 * j + 1, 2 * m)), j)
            for j, (_, b) in enumerate(old)
        ]
        keys = [key for key in keys if -key[0] >= threshold]
        if keys:
            score, _, j = min(keys)
            found[new_id] = (old[j][0], -score)
    return found


texts = st.text(alphabet=CHARS + MARKS, max_size=14)


@st.composite
def documents(draw):
    """An old list, and a new list of fresh texts and edited copies of old ones."""
    old = draw(st.lists(texts, max_size=12))
    new = []
    for _ in range(draw(st.integers(0, 12))):
        text = draw(st.sampled_from(old)) if old and draw(st.booleans()) else draw(texts)
        if text and draw(st.booleans()):  # change, insert or delete one character
            k = draw(st.integers(0, len(text) - 1))
            text = text[:k] + draw(st.sampled_from(["", *CHARS])) + text[k + draw(st.integers(0, 1)) :]
        new.append(text)
    return _ids("n", new), _ids("o", old)


thresholds = st.one_of(st.floats(0.3, 0.95), st.sampled_from([0.5, 0.6, 2 / 3, 0.75, 0.8]))


@SETTINGS
@given(documents(), thresholds)
def test_match_items_equals_brute_force(lists, threshold):
    new, old = lists
    assert match_items(new, old, threshold) == brute_force(new, old, threshold)


@SETTINGS
@given(texts, texts)
def test_similarity_is_a_symmetric_score(a, b):
    score = similarity(a, b)
    assert score == similarity(b, a) == reference_similarity(a, b)
    assert 0.0 <= score <= 1.0
    assert (score == 1.0) == (normalise(a) == normalise(b) != "")
    if normalise(a):
        assert similarity(a, a) == 1.0


def test_two_thousand_items_each_way_run():
    """Not a timing (benchmarks/ measures speed): a large synthetic pair of lists goes through."""
    rng = random.Random(7)
    vocab = [chr(0x4E00 + 37 * k) for k in range(300)]
    phrases = ["政府信息公开", "主动公开", "按要求", "政务公开", "于2021年6月底前完成", "政策解读"]

    def text() -> str:
        parts = [
            rng.choice(phrases) if rng.random() < 0.3 else "".join(rng.choices(vocab, k=rng.randint(2, 5)))
            for _ in range(rng.randint(10, 20))
        ]
        return "，".join(parts) + "。"

    old = [text() for _ in range(2000)]
    new = [
        old[k].replace("2021", "2022") if k % 3 == 0 else old[k][:-3] + "等工作。" if k % 3 == 1 else text()
        for k in range(2000)
    ]
    found = match_items(_ids("n", new), _ids("o", old))
    assert all(found[f"n{k}"] == (f"o{k}", 1.0) for k in range(0, 2000, 3))
    assert all(found[f"n{k}"][0] == f"o{k}" for k in range(1, 2000, 3))


def test_texts_too_alike_to_compare_in_time_are_refused_and_equal_ones_still_match():
    from tui.store.similar import TooAlike, work_budget

    words = ("公开", "政务", "信息", "栏目")
    rng = random.Random(5)
    new = [(f"n{i}", "".join(rng.choice(words) for _ in range(12))) for i in range(3000)]
    old = [(f"o{i}", text) for i, (_, text) in enumerate(new[:50])] + [
        (f"o{i + 50}", "".join(rng.choice(words) for _ in range(12))) for i in range(2950)
    ]
    assert work_budget(200, 200) == 40_000  # usual documents: every pair may be scored
    with pytest.raises(TooAlike):
        match_items(new, old, budget=work_budget(len(new), len(old)))
    exact = match_items(new, old, exact_only=True)
    assert all(score == 1.0 for _, score in exact.values()) and {f"n{i}" for i in range(50)} <= set(exact)
