"""Evidence written as words (issue 23): text in a 佐证材料 cell that is neither a link nor a
path is kept as written, one run of it between links, paths and line ends, as a text note.
The export writes a unit's evidence one entry a line; read back, that cell gives the same
entries in the same order, so a round trip changes nothing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.store.evidence_text import NOTE, read_evidence_cell

WORDS = st.text(alphabet="已在区政府网站公开并张贴于公示栏报送材料，、；。 ", min_size=1, max_size=30)
URLS = st.integers(min_value=0, max_value=999).map(lambda n: ("url", f"https://www.cqyz.gov.cn/zwgk/{n}.html"))


def as_note(text: str) -> tuple[str, str] | None:
    """The note a run of words alone reads as (None: nothing but separators)."""
    notes = read_evidence_cell(text).notes
    return (NOTE, notes[0]) if notes else None


def test_words_are_one_note_as_written_and_links_stay_links():
    cell = read_evidence_cell(
        "区政府网站：https://www.cqyz.gov.cn/1.html\n已在公示栏张贴，并报送区政府办。\nD:\\材料\\截图.png"
    )
    assert cell.ordered == [
        (NOTE, "区政府网站"),
        ("url", "https://www.cqyz.gov.cn/1.html"),
        (NOTE, "已在公示栏张贴，并报送区政府办"),
        ("file", "D:\\材料\\截图.png"),
    ]
    assert cell.entries == [("url", "https://www.cqyz.gov.cn/1.html"), ("file", "D:\\材料\\截图.png")]


@given(st.lists(st.one_of(WORDS.map(as_note), URLS), max_size=8))
def test_entries_written_one_a_line_read_back_the_same(entries):
    entries = list(dict.fromkeys(e for e in entries if e is not None))  # a set of entries: each once
    cell = read_evidence_cell("\n".join(value for _, value in entries))
    assert cell.ordered == entries
