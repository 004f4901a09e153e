"""An item's pinyin initials (search by 首字母) are lazy_pinyin's, though computed word by word
with each word's reading remembered (tui/store/pinyin.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from pypinyin import Style, lazy_pinyin

from tui.store.pinyin import _load_place_readings, text_initials

from tests.conftest import SOURCE

# heteronyms whose reading depends on the word (行 银行/执行, 重 重点/重庆, 长 长期/区长), the
# place names of PLACE_READINGS, punctuation, digits, Latin letters and blanks
ALPHABET = (
    "政务公开信息行银执重点庆长期区丰都綦江大足发布解读年度报告会议纪要的了着和与及、,。;:()《》〔〕0123456789ABCabc "
)


def lazy_initials(text: str) -> str:
    _load_place_readings()
    letters = lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore")
    return "".join(c for c in letters if c.isascii()).lower()


def test_the_2021_breakdown_line_by_line():
    lines = [line for line in SOURCE.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) > 100
    assert [text_initials(line) for line in lines] == [lazy_initials(line) for line in lines]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_any_text_reads_as_lazy_pinyin_reads_it(text):
    assert text_initials(text) == lazy_initials(text)


def test_known_initials():
    assert text_initials("规范性文件") == "gfxwj"
    assert text_initials("丰都县重点工作") == "fdxzdgz"
    assert text_initials("") == ""
