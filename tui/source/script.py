"""Documents in traditional characters (`工作要點`, `牽頭單位`, `責任單位`, `完成時限`).

The readers and the interpreter know the genre's words in simplified characters. A document
written in traditional ones is read through a character-by-character traditional→simplified
table (OpenCC's, built once for the CJK blocks): every text a reader takes in passes through
`simplify`, so headers, headings, role brackets and unit kinds are recognised; afterwards the
texts a person reads (titles, headings, items, requirements, deadlines, paths) are given back
as written by `restore`, which undoes exactly the substitutions this document made. Unit names
stay simplified: they are identifiers that units, collectives and aliases are matched by, and
the report says so.

Only a document that is clearly traditional is converted (at least 5 % of its Chinese
characters change): OpenCC also maps characters that simplified text uses in its own right
(著 in 著名), which must not be touched in an ordinary document.
"""

from __future__ import annotations

import html
import io
import zipfile
from contextvars import ContextVar
from functools import lru_cache

_SHARE = 0.05  # of the Chinese characters, changed by the table: a traditional document
_SAMPLE = 2_000_000  # characters or bytes looked at to decide
_CJK = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF))


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    try:
        import opencc
    except ImportError:  # the package is a dependency; without it traditional text is not recognised
        return {}
    chars = [chr(c) for lo, hi in _CJK for c in range(lo, hi + 1)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):
        return {}
    return {ord(a): b for a, b in zip(chars, converted) if a != b and len(b) == 1}


def _is_cjk(c: str) -> bool:
    return any(lo <= ord(c) <= hi for lo, hi in _CJK)


class Script:
    """One document's conversion, kept so that it can be undone: the texts as written and as
    converted (the table maps a character to a character, so the two align position by
    position), and which characters each simplified one stood for."""

    def __init__(self) -> None:
        self.written: list[str] = []
        self.converted: list[str] = []
        self.origins: dict[str, set[str]] = {}  # simplified character → the characters it stood for
        self._joined: tuple[str, str] | None = None

    def simplify(self, text: str) -> str:
        table = _table()
        out = "".join(table.get(ord(c), c) for c in text)
        if out != text:
            for a, b in zip(text, out):
                if a != b:
                    self.origins.setdefault(b, set()).add(a)
            self.written.append(text)
            self.converted.append(out)
            self._joined = None
        return out

    def restore(self, text: str) -> str:
        """The text as the document wrote it: the same span of the written text where the
        converted one holds it (a cell, a line, an item cut from them), else character by
        character where this document's conversion produced a character from only one."""
        if self._joined is None:
            self._joined = ("\x00".join(self.converted), "\x00".join(self.written))
        converted, written = self._joined
        at = converted.find(text)
        if text and at >= 0:
            return written[at : at + len(text)]
        back = {s: next(iter(o)) for s, o in self.origins.items() if len(o) == 1}
        return "".join(back.get(c, c) for c in text)


_CURRENT: ContextVar[Script | None] = ContextVar("gongkai_script", default=None)


def simplify(text: str) -> str:
    """What every reader calls on the text it takes in (a no-op for simplified documents)."""
    script = _CURRENT.get()
    return script.simplify(text) if script is not None else text


# Traditional forms every 政务公开 text in traditional characters writes (務 開 單 責 時 …):
# without any of them the document is simplified, and OpenCC is never loaded (every build and
# load asks this, and building the table costs an import and 20 ms).
_TELLTALES = frozenset("務開單責時點與為發關區縣國會實現鄉鎮辦門標準進據體")


def is_traditional(sample: str) -> bool:
    head = sample[:_SAMPLE]
    if not any(c in _TELLTALES for c in head):
        return False
    table = _table()
    cjk = changed = 0
    for c in head:
        if _is_cjk(c):
            cjk += 1
            changed += ord(c) in table
    return cjk >= 20 and changed >= _SHARE * cjk


def sample_text(data: bytes, name: str) -> str:
    """Enough of a file's text to tell its script, read with bounded memory whatever the file
    (the readers' own limits come later): a text or web page's first bytes, or the start of
    the main XML part of a .docx/.xlsx."""
    lower = name.lower()
    suffix = lower[lower.rfind(".") :]
    if suffix not in (".docx", ".xlsx"):
        head = data[:_SAMPLE]
        for encoding in ("utf-8", "gb18030", "utf-16"):
            try:
                return head.decode(encoding)
            except UnicodeDecodeError:
                continue
        return head.decode("utf-8", errors="ignore")
    wanted = ("word/document.xml",) if suffix == ".docx" else ("xl/sharedStrings.xml", "xl/worksheets/sheet")
    out, left = [], _SAMPLE
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for info in z.infolist():
                if left > 0 and info.filename.startswith(wanted):
                    with z.open(info) as f:
                        chunk = f.read(left).decode("utf-8", errors="ignore")
                    out.append(chunk)
                    left -= len(chunk)
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError, EOFError, NotImplementedError):
        pass
    return html.unescape("".join(out))  # XML may write every character as `&#24291;`


class reading:
    """`with reading(data, name) as read:` — the readers inside simplify a traditional
    document's text; `read.script` is None for an ordinary one (after the block: a reader that
    learns its text only as it reads, a PDF's text layer, may have found it traditional)."""

    def __init__(self, data: bytes, name: str) -> None:
        self.script = Script() if is_traditional(sample_text(data, name)) else None

    def __enter__(self) -> reading:
        self.token = _CURRENT.set(self.script)
        self.reading_token = _READING.set(self)
        return self

    def __exit__(self, *exc) -> None:
        _CURRENT.reset(self.token)
        _READING.reset(self.reading_token)


_READING: ContextVar[reading | None] = ContextVar("gongkai_reading", default=None)


def text_found(sample: str) -> None:
    """Called by a reader whose file shows its text only once read (a PDF: the bytes are
    compressed streams): the script is told from that text, before any of it is read further."""
    current = _READING.get()
    if current is not None and current.script is None and is_traditional(sample):
        current.script = Script()
        _CURRENT.set(current.script)


def restore_document(doc, script: Script) -> None:
    """Give a person's texts back as written (unit names stay simplified: see above)."""
    r = script.restore
    doc.title, doc.table_title = r(doc.title), r(doc.table_title)
    doc.issuer = r(doc.issuer) if doc.issuer else doc.issuer
    for s in doc.sections:
        s.title = r(s.title)
        for sub in s.subsections:
            sub.title = r(sub.title)
    for row in doc.rows:
        row.requirement = r(row.requirement) if row.requirement else row.requirement
        row.deadline_text = r(row.deadline_text) if row.deadline_text else row.deadline_text
        row.path_note = r(row.path_note) if row.path_note else row.path_note
        for item in row.items:
            item.text = r(item.text)
            item.group = r(item.group) if item.group else item.group
            item.disclosure_paths = [r(p) for p in item.disclosure_paths]
