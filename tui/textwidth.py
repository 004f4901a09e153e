"""Text measured in terminal cells (one Chinese character is two cells), the way Rich and
Textual measure it when they draw: rich.cells is the one table, so a column the CLI or the
app pads lines up with what the terminal shows."""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size


def char_width(ch: str) -> int:
    return get_character_cell_size(ch)


def cells(text: str) -> int:
    return cell_len(text)


def fit(text: str, width: int) -> str:
    """Cut to at most `width` cells (ending in … when cut) and pad with spaces to `width`."""
    out, used = [], 0
    if cells(text) > width:
        width_left = width - 1
        for c in text:
            w = char_width(c)
            if used + w > width_left:
                break
            out.append(c)
            used += w
        return "".join(out) + "…" + " " * (width - used - 1)
    return text + " " * (width - cells(text))
