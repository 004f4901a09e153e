"""The safety gate of a saved web page (.html): one streaming pass with lxml's parser that
counts elements, nesting, table rows and cells and text, and refuses a page over its
budget (`ooxml.WEB_PAGE`) before any reader builds a tree from it. Beside tui/ooxml.py,
which holds the limits and gates every zip package the same way."""

from __future__ import annotations

from .ooxml import _MALICIOUS, MAX_XML_DEPTH, WEB_PAGE, Budget, Refused


class _PageCounter:
    """lxml parser target: counts as the page streams by and builds nothing."""

    def __init__(self, budget: Budget):
        self.budget = budget
        self.elements = self.depth = self.rows = self.cells = self.text = 0

    def start(self, tag, attrib) -> None:
        budget = self.budget
        self.elements += 1
        if self.elements > budget.elements:
            raise Refused(f"网页元素超过 {budget.elements} 个的上限{_MALICIOUS}")
        self.depth += 1
        if self.depth > MAX_XML_DEPTH:
            raise Refused(f"网页的嵌套超过 {MAX_XML_DEPTH} 层的上限{_MALICIOUS}")
        name = tag.lower() if isinstance(tag, str) else ""
        if name == "tr":
            self.rows += 1
            if self.rows > budget.rows:
                raise Refused(f"网页中的表格共超过 {budget.rows_named} 行的上限(读到第 {self.rows} 行时停止),未读取")
        elif name in ("td", "th"):
            self.cells += 1
            if self.cells > budget.cells:
                raise Refused(f"网页中的表格单元格超过 {budget.cells} 个的上限{_MALICIOUS}")

    def end(self, tag) -> None:
        self.depth -= 1

    def data(self, text: str | bytes) -> None:
        if self.budget.text is not None:
            self.text += len(text)
            if self.text > self.budget.text:
                raise Refused(f"网页的文字超过 {self.budget.text} 个字符的上限{_MALICIOUS}")

    def comment(self, text: str | bytes) -> None:
        pass

    def close(self) -> None:
        return None


def scan_page(text: str, budget: Budget = WEB_PAGE) -> None:
    """One streaming pass over a web page (lxml's HTML parser with a counting target: no
    tree), before the reader builds one. Raises Refused for a broken limit."""
    from lxml import etree

    if not text.strip():
        return
    parser = etree.HTMLParser(target=_PageCounter(budget), no_network=True)
    step = 1 << 16
    try:
        for at in range(0, len(text), step):
            parser.feed(text[at : at + step])
        parser.close()
    except etree.LxmlError:
        pass  # what the parser cannot read, the reader's own parse reports
