"""The one path a worker's failure takes (issue #24 item 2). Slow work runs in Textual
workers (`@work(thread=True)`); whatever it raises goes through `worker_failures`, which turns
an expected failure into its Chinese text (tui/errors: user_message, the text the CLI shows
too) and an unexpected one into a crash report (tui/crash.py) and a sentence naming it. The
flow decides where the text is shown (a toast, its dialog, its pane); no worker writes its
own `try/except`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ..errors import user_message


def failure_text(e: BaseException, doing: str, way_out: str | None = None) -> str:
    """What the user reads when `doing` (读取汇总, 导出 …) failed with `e`."""
    text = user_message(e, way_out) if way_out is not None else user_message(e)
    if text is not None:
        return text
    from .. import crash

    path = crash.report(e)
    where = f"错误报告:{path}" if path is not None else "错误报告未能写入"
    text = f"{doing}时遇到意外错误({type(e).__name__}),{doing}未完成,已保存的修改不受影响;{where}"
    return f"{text}\n{way_out}" if way_out else text


@contextmanager
def worker_failures(show: Callable[[str], object], doing: str, way_out: str | None = None) -> Iterator[None]:
    """Run a worker's body; a failure is shown through `show` (called in the worker's thread:
    post a message from it) as failure_text says."""
    try:
        yield
    except Exception as e:  # noqa: BLE001 - the one place a worker's failure is decided
        show(failure_text(e, doing, way_out))
