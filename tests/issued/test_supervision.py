"""Who is chased and how a sub-unit scores (issue #25 item 5), on roll-up lines built by hand:
the rules of tui/issued/supervision.py, with the as-of date a parameter."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from tui.issued.supervision import (
    SCORE_RULE,
    Tally,
    chase_summary,
    chased_units,
    outcome,
    score,
    state,
    tally,
    to_chase,
)

AS_OF = dt.date(2021, 8, 1)


def line(sub="区财政局", item="1.1.3-1", step=0, reported=True, status="推进中", due=None, done=None, evidence=()):
    x = {"item": item, "step": step, "sub_unit": sub, "role": "责任", "reported": reported, "due": due}
    if reported:
        x.update(status=status, done_date=done, evidence=list(evidence))
    return x


def day(offset: int) -> str:
    return (AS_OF + dt.timedelta(days=offset)).isoformat()


def test_who_is_chased_near_past_and_not_reported():
    assert state(line(reported=False, due=day(200)), AS_OF) == "未报送"  # whatever its 时限
    assert state(line(reported=False), AS_OF) == "未报送"
    assert state(line(due=day(-1)), AS_OF) == "已逾期"
    assert state(line(status="未开始", due=day(-30)), AS_OF) == "已逾期"
    assert state(line(due=day(0)), AS_OF) == "临近时限"  # due today is not yet past
    assert state(line(due=day(7)), AS_OF) == "临近时限"
    assert state(line(due=day(8)), AS_OF) is None
    assert state(line(due=day(8)), AS_OF, days=8) == "临近时限"
    assert state(line(due=day(1)), AS_OF, days=0) is None
    assert state(line(), AS_OF) is None  # a 时限 in words is neither near nor past
    assert state(line(status="已完成", due=day(-10), done=day(-3)), AS_OF) is None  # done late: nothing to chase
    assert state(line(status="不适用", due=day(-10)), AS_OF) is None


def test_steps_are_chased_as_their_own_lines_in_the_roll_ups_order():
    lines = [
        line("区发展改革委", status="已完成", due=day(-5), done=day(-6), evidence=["a"]),
        line("区发展改革委", step=2, due=day(3)),
        line("解放碑街道", reported=False),
        line("区财政局", item="3.1.1-1", due=day(-1)),
        line("区发展改革委", item="3.1.1-1", step=1, due=day(-2)),
    ]
    chased = to_chase(lines, AS_OF)
    assert [(x["sub_unit"], x["item"], x["step"], x["state"]) for x in chased] == [
        ("区发展改革委", "1.1.3-1", 2, "临近时限"),
        ("解放碑街道", "1.1.3-1", 0, "未报送"),
        ("区财政局", "3.1.1-1", 0, "已逾期"),
        ("区发展改革委", "3.1.1-1", 1, "已逾期"),
    ]
    assert chased_units(chased) == ["区发展改革委", "解放碑街道", "区财政局"]
    assert (
        chase_summary(chased)
        == "区发展改革委(已逾期 1 项、临近时限 1 项)、解放碑街道(未报送 1 项)、区财政局(已逾期 1 项)"
    )
    assert to_chase([line(status="已完成", due=day(1), done=day(0))], AS_OF) == []


def test_done_on_time_late_overdue_and_missing_evidence_are_counted_and_scored():
    lines = [
        line(status="已完成", due=day(-5), done=day(-5), evidence=["a"]),  # on its due day: on time
        line(status="已完成", due=day(-5), done=day(-4), evidence=["a"]),  # a day late
        line(status="已完成", done=day(-4)),  # no date to be late against; no evidence
        line(due=day(-1)),  # overdue
        line(due=day(3)),  # in progress
        line(status="不适用"),
        line(reported=False, due=day(-9)),  # counted once: as not reported
    ]
    [t] = tally(lines, AS_OF)
    assert (t.assigned, t.on_time, t.late, t.in_progress, t.overdue, t.not_reported, t.no_evidence) == (
        7,
        2,
        1,
        1,
        1,
        1,
        1,
    )
    assert t.not_applicable == 1
    assert t.score == 100 - 10 - 10 - 5 - 3
    assert [outcome(x, AS_OF) for x in lines] == [
        "按时完成",
        "逾期完成",
        "按时完成",
        "已逾期",
        "推进中",
        "不适用",
        "未报送",
    ]


def test_each_sub_unit_is_tallied_in_the_order_it_first_appears():
    lines = [line("区财政局", reported=False), line("区教委"), line("区财政局", due=day(-1))]
    assert [(t.sub_unit, t.assigned, t.score) for t in tally(lines, AS_OF)] == [("区财政局", 2, 80), ("区教委", 1, 100)]


def test_the_rule_printed_is_the_rule_applied():
    assert score(overdue=1, not_reported=0, late=0, no_evidence=0) == 90 and "10×已逾期" in SCORE_RULE
    assert score(overdue=0, not_reported=1, late=0, no_evidence=0) == 90 and "10×未报送" in SCORE_RULE
    assert score(overdue=0, not_reported=0, late=1, no_evidence=0) == 95 and "5×逾期完成" in SCORE_RULE
    assert score(overdue=0, not_reported=0, late=0, no_evidence=1) == 97 and "3×缺佐证" in SCORE_RULE
    assert score(overdue=20, not_reported=0, late=0, no_evidence=0) == 0 and "最低 0 分" in SCORE_RULE


counts = st.integers(min_value=0, max_value=50)


@given(counts, counts, counts, counts, st.integers(min_value=1, max_value=5))
def test_a_score_is_within_0_and_100_and_more_overdue_never_raises_it(overdue, missing, late, bare, more):
    s = score(overdue, missing, late, bare)
    assert 0 <= s <= 100
    assert score(overdue + more, missing, late, bare) <= s
    assert score(overdue, missing + more, late, bare) <= s
    assert score(overdue, missing, late + more, bare) <= s
    assert score(overdue, missing, late, bare + more) <= s


statuses = st.sampled_from(["未开始", "推进中", "已完成", "不适用"])
offsets = st.one_of(st.none(), st.integers(min_value=-60, max_value=60))


@st.composite
def lines_of(draw):
    out = []
    for _ in range(draw(st.integers(min_value=0, max_value=30))):
        due, done = draw(offsets), draw(offsets)
        out.append(
            line(
                draw(st.sampled_from(["区财政局", "区教委", "解放碑街道"])),
                step=draw(st.integers(min_value=0, max_value=2)),
                reported=draw(st.booleans()),
                status=draw(statuses),
                due=None if due is None else day(due),
                done=None if done is None else day(done),
                evidence=draw(st.lists(st.just("e"), max_size=1)),
            )
        )
    return out


@given(lines_of())
def test_every_line_is_counted_once_and_chased_lines_are_the_ones_not_done(lines):
    tallies = tally(lines, AS_OF)
    assert sum(t.assigned for t in tallies) == len(lines)
    for t in tallies:
        assert t.on_time + t.late + t.in_progress + t.overdue + t.not_reported + t.not_applicable == t.assigned
        assert 0 <= t.score <= 100
    for x in to_chase(lines, AS_OF):
        assert not x["reported"] or x["status"] in ("未开始", "推进中")


@given(lines_of(), st.integers(min_value=0, max_value=10))
def test_one_more_line_gone_overdue_never_raises_its_sub_units_score(lines, n):
    before = {t.sub_unit: t.score for t in tally(lines, AS_OF)}
    after = {t.sub_unit: t.score for t in tally(lines + [line("区教委", due=day(-1 - n))], AS_OF)}
    assert after["区教委"] <= before.get("区教委", 100)
    assert all(after[name] == s for name, s in before.items() if name != "区教委")


def test_a_tally_scores_by_its_counts():
    assert Tally("区教委", assigned=3, overdue=1, late=1).score == 85
