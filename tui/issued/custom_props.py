"""Custom document properties (docProps/custom.xml) written into a saved .docx: the place Word,
WPS and LibreOffice keep a document's own named values through an edit and a save (File >
Properties > Custom). python-docx writes only the core properties, whose values stop at 255
characters; each custom property here holds one short value."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from ..atomic import replacing

CUSTOM = "docProps/custom.xml"
TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one format id custom properties use


def custom_xml(props: list[tuple[str, str]]) -> str:
    body = "".join(
        f'<property fmtid="{FMTID}" pid="{i}" name="{escape(name, {chr(34): "&quot;"})}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for i, (name, value) in enumerate(props, 2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
        ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' + body + "</Properties>"
    )


def add_custom_properties(path: Path, props: list[tuple[str, str]]) -> None:
    """Rewrite the .docx at `path` (a file python-docx saved, without custom properties)
    with `props` as its custom properties, through a temporary file."""
    with zipfile.ZipFile(path) as src:
        parts = [(info, src.read(info)) for info in src.infolist()]
    with replacing(path, ".tmp.docx") as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in parts:
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>", f'<Override PartName="/{CUSTOM}" ContentType="{TYPE}"/></Types>'.encode("utf-8")
                )
            elif info.filename == "_rels/.rels":
                data = data.replace(
                    b"</Relationships>",
                    f'<Relationship Id="rIdGongkaiCustom" Type="{RELATION}" Target="{CUSTOM}"/></Relationships>'.encode(
                        "utf-8"
                    ),
                )
            out.writestr(info, data)
        out.writestr(CUSTOM, custom_xml(props).encode("utf-8"))
