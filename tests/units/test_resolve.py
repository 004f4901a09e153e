"""Catalogue.resolve suggests only units the database holds."""

from __future__ import annotations

import pytest

from tui.units import Catalogue, UnknownUnit, aliases, catalogue_specs


def catalogue(specs, level):
    return Catalogue({s.name: s.kind for s in specs}, dict(aliases(specs, level, "广东省")))


def test_suggestions_come_only_from_units_in_the_specs():
    specs = catalogue_specs(["省发展改革委", "省政府各部门", "各地级以上市人民政府", "省委网信办"], "省")
    cat = catalogue(specs, "省")
    assert cat.resolve("发改委") == "省发展改革委"
    assert cat.resolve("广东省发展改革委") == "省发展改革委"
    with pytest.raises(UnknownUnit) as caught:
        cat.resolve("万州区")
    assert caught.value.suggestions and set(caught.value.suggestions) <= {s.name for s in specs}


def test_a_district_member_resolves_by_its_short_names():
    specs = catalogue_specs(["各区县政府"], "市")
    cat = Catalogue({s.name: s.kind for s in specs}, dict(aliases(specs, "市")))
    assert cat.resolve("石柱") == cat.resolve("石柱县") == "石柱土家族自治县"
    assert cat.resolve("两江新区管委会") == "两江新区"
    assert cat.resolve("区县政府") == "各区县政府"
