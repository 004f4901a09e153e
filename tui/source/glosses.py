"""Pinyin glosses a mirror site writes after characters: `區(qū)`, `發(fā)`, `鄉(xiāng)鎮(zhèn)`.

Some mirrors of government pages annotate every less common character with its pinyin in
brackets. The glosses are not part of the document: left in, they split unit names
(`各乡(xiāng)镇(zhèn)政府`) and document numbers. They are removed only from a text that has
several of them, each right after a Chinese character and holding a tone mark, so a bracket
such as `(a)` or `(ppp)` in an ordinary document is never touched.
"""

from __future__ import annotations

import re

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff])[(（][a-zü{_TONED}]{{1,7}}[)）]")
_TONE = re.compile(f"[{_TONED}]")
_ENOUGH = 3
GLOSSES_REMOVED = "删去了镜像网站在字后加注的拼音(如「發(fā)」),单位名称和文号按原字读取"


def strip_glosses(text: str, at_least: int = _ENOUGH) -> str:
    """The text without pinyin glosses, when it has at least `at_least` that carry a tone mark."""
    found = [m for m in _GLOSS.finditer(text) if _TONE.search(m.group(0))]
    if not found or len(found) < at_least:
        return text
    return _GLOSS.sub(lambda m: "" if _TONE.search(m.group(0)) else m.group(0), text)
