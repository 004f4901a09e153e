r"""Evidence text read as people write it (a workbook cell, a paste): several URLs or paths separated by new lines,
`;` `；` `、` `,` `，` or spaces; trailing punctuation is not part of a URL; text that is
neither an http(s) URL nor a file path is no link (a paste warns; an import keeps it as words).

A path comes as people paste it (`pasted_path`): in quotes, as a file manager drops it
into a terminal (`'/home/a/通知 2026.pdf'`), with its spaces escaped (`通知\ 2026.pdf`), or
as a `file://` URL (percent-encoded); a Windows path (`D:\材料\通知.pdf`, `\\server\share\x.pdf`)
is a path too — on this machine one that is not here (`is_foreign_path`). Free text is kept
as written, a run of it at a time (`notes`): an import records it as a text note (`NOTE`)."""

from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass, field
from urllib.parse import unquote

_URL = re.compile(r"https?://[^\s,，;；、<>\"“”'‘’（）()【】\[\]{}|]+", re.IGNORECASE)
_TRAILING = "。.，,；;：:、！!？?)）]】」』>》\"'”’"
_SEPARATORS = re.compile(r"[\n;；、,，]+")
# A path: a drive (C:\, D:/), a share (\\server), an absolute or home path, or a relative
# path with a folder and a file name with an extension.
_PATH = re.compile(r"^(?:[A-Za-z]:[\\/]|\\\\|/|~[\\/]|\.{1,2}[\\/]|[^\s\\/]+[\\/].*\.\w{1,5}$|[^\s\\/]+\.\w{2,5}$)")


_QUOTES = {"'": "'", '"': '"', "“": "”", "‘": "’", "「": "」", "『": "』"}
_WINDOWS_PATH = re.compile(r"^(?:[A-Za-z]:[\\/]|\\\\[^\\/]+[\\/])")


def is_foreign_path(value: str) -> bool:
    """A Windows path (drive or network share) read on a machine that is not Windows: a
    path, of a file this machine cannot reach (kept as written, never read)."""
    return os.name != "nt" and bool(_WINDOWS_PATH.match(value.strip()))


def file_url_path(value: str) -> str:
    r"""`file:///home/a/%E9%80%9A%E7%9F%A5.pdf` → `/home/a/通知.pdf`; `file:///D:/材料/x.pdf`
    → `D:\材料\x.pdf`; `file://server/share/x.pdf` → `\\server\share\x.pdf`."""
    host, _, rest = value.strip()[7:].partition("/")  # not urlsplit: a `#` or `?` in a name is the name's
    path = unquote("/" + rest)
    if host and host.lower() != "localhost":
        return "\\\\" + host + path.replace("/", "\\")
    if re.match(r"^/[A-Za-z]:(?:/|$)", path):
        return path[1:].replace("/", "\\")
    return path


def pasted_path(value: str) -> str:
    """What was pasted or dropped as one path, as the path it names (see the module
    docstring); anything else stripped of surrounding spaces, otherwise as it is."""
    v = value.strip()
    if len(v) >= 2 and v[0] in _QUOTES and v.endswith(_QUOTES[v[0]]):
        words = None
        if v[0] in "'\"":  # a shell's quoting: `'it'\''s.pdf'` is one path
            try:
                words = shlex.split(v)
            except ValueError:
                words = None
        if words is None or len(words) == 1:  # several quoted paths at once stay as they are (refused)
            v = words[0] if words else v[1:-1].strip()
    elif v.startswith(("/", "~")) and re.search(r"\\[ '\"()&;]", v):  # a terminal's escaped spaces
        v = re.sub(r"\\(.)", r"\1", v)
    if v[:7].lower() == "file://":
        v = file_url_path(v)
    return v


NOTE = "note"  # an evidence record of words: what the office wrote that is neither a link nor a path


@dataclass
class EvidenceCell:
    urls: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    not_evidence: list[str] = field(default_factory=list)  # each piece of free text (a paste warns of them)
    entries: list[tuple[str, str]] = field(default_factory=list)  # (kind, value) of links and paths, in order
    # Free text as written, one run of it between links, paths or line ends (`已在区政府网站公开，
    # 并张贴于公示栏` is one): an import keeps each as a text note of the evidence.
    notes: list[str] = field(default_factory=list)
    ordered: list[tuple[str, str]] = field(default_factory=list)  # entries and (NOTE, text), in the cell's order


def _clean_url(url: str) -> str:
    while url and url[-1] in _TRAILING:
        if url[-1] in ")）" and url.count("(") > url.count(")"):
            break  # a bracket that belongs to the URL
        url = url[:-1]
    return url


def read_evidence_cell(text: str | None, link: str | None = None) -> EvidenceCell:
    out = EvidenceCell()
    text = text or ""
    if link and re.match(r"https?://", link, re.IGNORECASE) and not _URL.search(text):
        # The cell shows a caption (「区政府网站」) and links the URL: one entry. When the cell's
        # text holds URLs itself, the text is what the person edited; a leftover link is not.
        out.urls.append(_clean_url(link.strip()))
        out.entries = out.ordered = [("url", out.urls[0])]
        return out
    found: list[tuple[int, str, str]] = []  # (position, kind, value)
    rest = text
    for m in _URL.finditer(text):
        url = _clean_url(m.group(0))
        if url and url not in out.urls:
            out.urls.append(url)
            found.append((m.start(), "url", url))
        rest = rest[: m.start()] + "\n" * (m.end() - m.start()) + rest[m.end() :]  # keeps positions
    pos = 0
    run: tuple[int, int] | None = None  # (start, end) of the free text read since the last entry
    spans: list[tuple[int, int]] = []
    for piece in _SEPARATORS.split(rest):
        at = rest.find(piece, pos)
        pos = at + len(piece)
        piece = piece.strip().strip(_TRAILING).strip()
        if not piece:
            continue
        if piece[:7].lower() == "file://":  # a path written as a URL
            piece = file_url_path(piece)
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]+:(?![\\/][^/])", piece) and not piece.lower().startswith("www."):
            out.urls.append(piece)  # a URL of another scheme, or without a host: the caller refuses it
            found.append((at, "url", piece))
        elif _PATH.match(piece) and not piece.lower().startswith("www."):
            out.paths.append(piece)
            found.append((at, "file", piece))
        else:
            out.not_evidence.append(piece)
            if run is not None and "\n" not in rest[run[1] : at] and not any(run[1] <= f[0] < at for f in found):
                run = (run[0], pos)
            else:
                if run is not None:
                    spans.append(run)
                run = (at, pos)
    if run is not None:
        spans.append(run)
    for start, end in spans:
        note = text[start:end].strip().strip(_TRAILING).strip()
        if note:
            out.notes.append(note)
            found.append((start, NOTE, note))
    ordered = sorted(found, key=lambda f: f[0])
    out.entries = [(kind, value) for _, kind, value in ordered if kind != NOTE]
    out.ordered = [(kind, value) for _, kind, value in ordered]
    return out
