"""Pinyin for search: a unit name's full spelling and initials (spell), an item's initials
(text_initials). pypinyin is loaded on first use, only when a database is built or upgraded;
the schema upgrade (migrations.py) and the build (build.py) both use it from here.
"""

from __future__ import annotations

import functools

# Place names pypinyin reads with the wrong tone of a heteronym.
PLACE_READINGS = {"丰都": [["fēng"], ["dū"]], "綦江": [["qí"], ["jiāng"]], "大足": [["dà"], ["zú"]]}


@functools.cache
def _load_place_readings() -> None:
    from pypinyin import load_phrases_dict

    load_phrases_dict(PLACE_READINGS)


def spell(text: str) -> tuple[str, str]:
    """(full pinyin, initials) of a Chinese name, lower case, letters only."""
    from pypinyin import Style, lazy_pinyin  # loaded only when a database is built

    _load_place_readings()
    syllables = [s for s in lazy_pinyin(text, errors="ignore") if s.isascii()]
    initials = lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore")
    return "".join(syllables).lower(), "".join(c for c in initials if c.isascii()).lower()


@functools.cache
def _pinyin():
    """pypinyin's converter as its lazy_pinyin builds it at every call (an UltimateConverter),
    built once."""
    from pypinyin.converter import UltimateConverter
    from pypinyin.core import Pinyin

    _load_place_readings()
    return Pinyin(UltimateConverter())


@functools.lru_cache(maxsize=1 << 16)
def _word_initials(word: str) -> str:
    from pypinyin import Style

    letters = _pinyin().lazy_pinyin([word], style=Style.FIRST_LETTER, errors="ignore")
    return "".join(c for c in letters if c.isascii()).lower()


def text_initials(text: str) -> str:
    """The pinyin initials of the Chinese characters of a text, in order (规范性文件 → gfxwj).
    lazy_pinyin's own steps (its segmentation into words, then each word's reading), each word's
    reading remembered: a database's texts repeat their words (公开, 政务, 信息), and the readings
    were 70 % of building one (tests/store/test_pinyin.py: the same letters as lazy_pinyin)."""
    return "".join(_word_initials(word) for word in _pinyin().seg(text))
