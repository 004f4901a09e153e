"""Exports reach the browser: under `gongkai-tui web` a written file is also offered as a download."""

from __future__ import annotations

from pathlib import Path

MIME_TYPES = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".json": "application/json",
    ".csv": "text/csv",
    ".txt": "text/plain",
}


def offer_download(app, path: Path | str) -> bool:
    """Offer the file at `path` as a download when the app runs in a browser (textual-serve);
    True when offered. In a terminal nothing happens and False is returned (the file is where
    it was written either way)."""
    if not getattr(app, "is_web", False):
        return False
    path = Path(path)
    mime = MIME_TYPES.get(path.suffix.lower(), "application/octet-stream")
    try:
        key = app.deliver_binary(path, save_filename=path.name, open_method="download", mime_type=mime)
    except OSError:
        return False
    return key is not None
