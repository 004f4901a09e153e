"""How two spellings of a unit name are compared: brackets and spaces do not count.

`（` and `(` are the same to every rule in this package; so are `［】` and `[`. A name is
stored as the document spells it; `key(name)` is only for comparing and matching.
"""

from __future__ import annotations

import re

_WIDTH = str.maketrans({"（": "(", "）": ")", "［": "[", "］": "]", "【": "[", "】": "]", "＝": "=", "＃": "#"})
_SPACE = re.compile(r"\s+")


def key(name: str) -> str:
    """The form of a name that rules and look-ups compare: half-width brackets, no spaces."""
    return _SPACE.sub("", name.translate(_WIDTH))


def half_width(text: str) -> str:
    """Full-width brackets, `＝` and `＃` as their half-width forms (spaces kept)."""
    return text.translate(_WIDTH)
