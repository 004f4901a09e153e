from __future__ import annotations

import pytest

from tui.units import document_level, document_place


@pytest.mark.parametrize(
    "issuer, level, place",
    [
        ("重庆市人民政府办公厅", "市", "重庆市"),
        ("重庆市永川区人民政府办公室", "区", "永川区"),
        ("重庆市城口县人民政府办公室", "县", "城口县"),
        ("广东省人民政府办公厅", "省", "广东省"),
        ("厦门市集美区人民政府办公室", "区", "集美区"),
        ("某某镇人民政府", "镇", "某某镇"),
        ("重庆市忠县人民政府", "县", "忠县"),
        ("湖北省荆州市沙市区人民政府办公室", "区", "沙市区"),
        ("广西壮族自治区人民政府办公厅", "省", "广西壮族自治区"),
        ("两江新区管委会", "区", "两江新区"),
        ("中共重庆市委办公厅　重庆市人民政府办公厅", "市", "重庆市"),  # joint issuers: the government's
        (" 重庆市 永川区人民政府办公室", "区", "永川区"),  # a stray space: the part naming the government
    ],
)
def test_level_and_place_of_an_issuer(issuer, level, place):
    assert document_level(issuer) == level
    assert document_place(issuer) == place


@pytest.mark.parametrize("issuer", ["", None, "国务院办公厅", "中共重庆市委办公厅", "某某公司"])
def test_unknown_issuer_is_none_for_the_caller_to_decide(issuer):
    assert document_level(issuer) is None
    assert document_place(issuer) is None
