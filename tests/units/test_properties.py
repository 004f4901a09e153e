"""Properties: unit_kind never raises; a party body is never a member of a government collective."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.units import PARTY, catalogue_specs, collective_class, empty_collectives, memberships, unit_kind
from tui.units.kinds import PARTY_CONDITIONAL

LEVELS = st.sampled_from(["市", "区", "县", "省", "州", "盟", "旗", "镇"])
PREFIX = st.sampled_from(["市", "区", "县", "省", "州", "旗", "自治区", "区县", "", "各", "重庆"])
BODY = st.sampled_from(
    [
        "委",
        "委宣传部",
        "委网信办",
        "政府",
        "级",
        "政府各部门",
        "级各部门",
        "财政局",
        "政府办公室",
        "档案馆",
        "有关部门",
        "政府有关部门",
        "成员单位",
        "纪委监委",
        "镇",
        "街道",
        "区县政府",
        "各部门",
        "(自治县)政府",
        "（市、区）人民政府",
        "人民法院",
        "政府电子政务中心",
        "有关单位",
        "部门网站主办单位",
    ]
)
NAME = st.one_of(
    st.builds(lambda p, b: p + b, PREFIX, BODY),
    st.text(max_size=12),
    st.text(alphabet="市区县省委各政府部门有关单位镇街道(（)）、 ", max_size=10),
)


@given(st.text(), LEVELS)
@settings(max_examples=300, deadline=None)
def test_unit_kind_never_raises(name, level):
    kind, lvl = unit_kind(name, level)
    assert isinstance(kind, str) and isinstance(lvl, str)


@given(st.lists(NAME, max_size=12), LEVELS)
@settings(max_examples=200, deadline=None)
def test_no_party_body_in_a_government_collective(names, level):
    specs = catalogue_specs(names, level)
    kinds = {s.name: s.kind for s in specs}
    for member, collective, _ in memberships(specs, level):
        if kinds[member] == PARTY:
            assert collective_class(collective, level).group == PARTY_CONDITIONAL, (member, collective)
        assert kinds[collective] == "集合" and member != collective
    assert set(empty_collectives(specs, level)) <= {s.name for s in specs if s.kind == "集合"}
