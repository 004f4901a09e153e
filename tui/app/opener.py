"""Open a file, a folder or a URL with the system's own program (the file manager, the
browser, the program a file type belongs to): os.startfile on Windows, `open` on macOS,
`xdg-open` elsewhere. Call from a worker; failures are raised as OpenFailed in Chinese."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ..errors.family import GongkaiError
from ..errors_text import os_error_text as shared_os_error_text


class OpenFailed(GongkaiError):
    """Why the system could not open it (a Chinese sentence)."""


def os_error_text(e: OSError) -> str:
    """An OSError in Chinese with the path it concerns, never `[Errno 2] …`."""
    where = f":{e.filename}" if getattr(e, "filename", None) else ""
    return shared_os_error_text(e) + where


def _run(args: list[str]) -> None:
    subprocess.Popen(
        args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )


def open_with_system(target: str) -> None:
    """Open a URL, a file or a folder; a path must exist. Raises OpenFailed."""
    target = target.strip()
    is_url = target.lower().startswith(("http://", "https://"))
    if not is_url:
        path = Path(target).expanduser()
        if not path.exists():
            raise OpenFailed(f"无法打开:{target} 不存在(可能已被移动或删除)")
        target = str(path)
    try:
        if sys.platform == "win32":
            os.startfile(target)  # noqa: S606 - the user asked to open it
        elif sys.platform == "darwin":
            _run(["open", target])
        elif not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            # a console or remote login: xdg-open would fail unseen, or start a text browser
            # over this terminal
            raise OpenFailed(
                f"无法打开:本机没有图形界面(终端或远程登录),无法弹出窗口;请在文件管理器或浏览器中打开 {target}"
            )
        else:
            _run(["xdg-open", target])
    except FileNotFoundError:
        raise OpenFailed("无法打开:本机没有可用的打开程序(xdg-open);请手动打开 " + target) from None
    except OSError as e:
        raise OpenFailed(f"无法打开 {target}:{os_error_text(e)}") from None
