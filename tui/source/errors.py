"""The one error the importer raises."""


class ParseError(ValueError):
    """Text that cannot be placed. `line` is 1-based."""

    def __init__(self, line: int, message: str, text: str = ""):
        self.line = line
        self.message = message
        self.text = text
        shown = text if len(text) <= 40 else text[:40] + "…"
        super().__init__(f"第 {line} 行: {message}" + (f"「{shown}」" if shown else ""))
