"""Evidence text read as people write it (a workbook cell, a paste): several URLs or paths separated by new lines,
`;` `；` `、` `,` `，` or spaces; trailing punctuation is not part of a URL; text that is
neither an http(s) URL nor a file path is not evidence (the caller warns)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_URL = re.compile(r"https?://[^\s,，;；、<>\"“”'‘’（）()【】\[\]{}|]+", re.IGNORECASE)
_TRAILING = "。.，,；;：:、！!？?)）]】」』>》\"'”’"
_SEPARATORS = re.compile(r"[\n;；、,，]+")
# A path: a drive (C:\, D:/), a share (\\server), an absolute or home path, or a relative
# path with a folder and a file name with an extension.
_PATH = re.compile(r"^(?:[A-Za-z]:[\\/]|\\\\|/|~[\\/]|\.{1,2}[\\/]|[^\s\\/]+[\\/].*\.\w{1,5}$|[^\s\\/]+\.\w{2,5}$)")


@dataclass
class EvidenceCell:
    urls: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    not_evidence: list[str] = field(default_factory=list)  # free text: warned, never stored
    entries: list[tuple[str, str]] = field(default_factory=list)  # (kind, value) in the cell's order


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
        out.entries = [("url", out.urls[0])]
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
    for piece in _SEPARATORS.split(rest):
        at = rest.find(piece, pos)
        pos = at + len(piece)
        piece = piece.strip().strip(_TRAILING).strip()
        if not piece:
            continue
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]+:(?![\\/][^/])", piece) and not piece.lower().startswith("www."):
            out.urls.append(piece)  # a URL of another scheme, or without a host: the caller refuses it
            found.append((at, "url", piece))
        elif _PATH.match(piece) and not piece.lower().startswith("www."):
            out.paths.append(piece)
            found.append((at, "file", piece))
        else:
            out.not_evidence.append(piece)
    out.entries = [(kind, value) for _, kind, value in sorted(found, key=lambda f: f[0])]
    return out
