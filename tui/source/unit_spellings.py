"""How a list of units is written beyond `、` and `，` (unitcells.split_names reads it through these):

- an inner bracket written `〔〕` or `<>` because the field itself stands in round brackets:
  `市政府办公室〔市大数据管理局〕` (an office and its second name), `各区<市、县>政府`, `各乡镇<街道>` —
  the same as `(…)` written anywhere else;
- a suffix the names share, written once after the last: `高新区、循环化工园区、综合保税区管委会` is
  three 管委会 (the notice's addressees name them the same way);
- two units joined by `和`: `各市政府和省委农工办` (as by `及`), when each side is a unit name of its
  own (`县发展和改革局`, `各级党委和政府` stay whole).
Pure text rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# `〔…〕`/`﹝…﹞` after a name, holding words (no digits: `〔2021〕` is a year), and `<…>` the same way.
_INNER = re.compile(
    r"(?<=[\u4e00-\u9fff])(?:[〔﹝]([\u4e00-\u9fff、]{1,20})[〕﹞]|[<＜〈]([\u4e00-\u9fff、]{1,12})[>＞〉])"
)
# Zones named before the 管委会 they share: each ends in 区 and does not begin with 各 (`各县区` is no zone).
_ZONE = r"(?!各)[\u4e00-\u9fff]{1,10}?区"
_SHARED_SUFFIX = re.compile(rf"(?:^|(?<=[、,，:：;；\s]))((?:{_ZONE}、)+{_ZONE})(管委会|管理委员会)")


def inner_brackets(text: str) -> str:
    """`各区<市、县>政府` → `各区(市、县)政府`; `市政府办公室〔市大数据管理局〕` → `市政府办公室(市大数据管理局)`."""
    return _INNER.sub(lambda m: f"({m.group(1) or m.group(2)})", text)


def shared_suffix(text: str) -> str:
    """`高新区、循环化工园区、综合保税区管委会` → `高新区管委会、循环化工园区管委会、综合保税区管委会`."""
    return _SHARED_SUFFIX.sub(lambda m: "、".join(z + m.group(2) for z in m.group(1).split("、")), text)


def split_he(part: str, is_unit: Callable[[str], bool]) -> list[str]:
    """`各市政府和省委农工办` → two units, when each side is a unit name of three characters or more."""
    pieces = [p.strip() for p in part.split("和")]
    if len(pieces) > 1 and all(len(p) >= 3 and is_unit(p) for p in pieces):
        return pieces
    return [part]
