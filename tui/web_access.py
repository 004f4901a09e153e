"""Who may use `gongkai-tui web`: one-time codes, a per-port cookie and each tab's session key.

The server listens on 127.0.0.1, which every local user can connect to, so it must tell our
browser from anyone else. What each piece is for, and why it has this shape:

- **No long-lived secret in an address.** A process's arguments are readable by every local
  user (`ps`, `/proc/*/cmdline`), so the browser is not started on an address that opens the
  app. It is started on a *launcher file* (`open-checklist.html`, mode 0600 in a 0700 temporary
  folder that only this user can read) whose page forwards to `/?code=…`. A code is random,
  single use and valid for `CODE_SECONDS`; the terminal shows one more such address, for a
  browser that could not open the file (a confined browser cannot read the temporary folder)
  and for `--no-browser`. Pressing Enter there prints a fresh one. A used, expired or unknown
  code gets a 403 page in Chinese. Even a code in the browser's arguments would have been
  raced: another user polling `/proc` reads it before the browser has started and uses it
  first; the file leaves nothing to read.
- **The session key lives in the tab, not in a cookie.** Cookies are not scoped by port: the
  browser sends 127.0.0.1's cookies to every port on 127.0.0.1, so a server that another local
  user runs there receives them and can replay them against us (SameSite does not help: other
  ports are the same site; `__Host-`/Secure needs https). So a cookie cannot be the credential
  that reaches the app. Redeeming a code mints a random session key; the page keeps it in
  `sessionStorage`, which browsers *do* scope by origin, port included, and sends it on the
  websocket as a subprotocol (`Sec-WebSocket-Protocol: gongkai.<key>`: a header, so in no URL,
  history or log). The websocket (the app itself) is refused without a valid key.
- **The cookie is only a gate.** The page's scripts and the download links the app opens in a
  new tab cannot carry a header, so they pass on a cookie: named after the port (two servers on
  one browser do not overwrite each other's), HttpOnly, SameSite=Strict, its value random for
  this server and good for nothing else. A server on another port that receives and replays it
  gets the empty page and the public textual-serve scripts, never a session key and never the
  app; a download also needs its key (random, 128 bits), which only our websocket carries.
- Around it: other Host names (DNS rebinding) and other Origins (another site's or port's
  page) are refused, the page may not be framed (`frame-ancestors 'none'`: a page on another
  port of the same tab would share its sessionStorage) nor keep a handle on a tab it opened
  (`Cross-Origin-Opener-Policy`), nothing is cached and no Referer is sent; aiohttp's access log is off, so no request line is written anywhere.
"""

from __future__ import annotations

import html
import os
import secrets
import shutil
import tempfile
import threading
import time
from pathlib import Path

HOST = "127.0.0.1"
CODE_PARAM = "code"
CODE_SECONDS = 120
PROTOCOL_PREFIX = "gongkai."
LAUNCHER_NAME = "open-checklist.html"  # ASCII: every system's opener takes its file URL

CODE_REFUSED = (
    "这个一次性地址已经用过、已过期或不正确(每个地址只能用一次,{minutes} 分钟内有效)。"
    "请在运行 gongkai-tui web 的终端里按回车,打开新显示的地址。"
)
REFUSED = "请打开 gongkai-tui web 在终端里显示的一次性地址。"


def refusal_page(message: str) -> str:
    """The 403 page: Chinese, no script, no other host."""
    text = html.escape(message)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8" />'
        "<title>禁止访问 — 政务公开任务清单</title></head>"
        f"<body><h1>403 禁止访问</h1><p>{text}</p></body></html>\n"
    )


class Access:
    """The codes, cookie and session keys of one server (thread-safe: Enter in the terminal
    asks for a code from another thread than the server's)."""

    def __init__(self, port: int, clock=time.monotonic):
        self.port = port
        self.cookie_name = f"gongkai_{port}"
        self.cookie_value = secrets.token_urlsafe(32)
        self._clock = clock
        self._lock = threading.Lock()
        self._codes: dict[str, float] = {}  # code → when it expires
        self._keys: set[str] = set()
        self._launchers: dict[str, Path] = {}  # code → the launcher file that holds it
        self._folder: Path | None = None

    # -- one-time codes ---------------------------------------------------------------------

    def new_code(self) -> str:
        code = secrets.token_urlsafe(24)
        with self._lock:
            self._forget_expired()
            self._codes[code] = self._clock() + CODE_SECONDS
        return code

    def address(self, code: str | None = None) -> str:
        """A one-time address: `http://127.0.0.1:PORT/?code=…` (a new code unless given)."""
        return f"http://{HOST}:{self.port}/?{CODE_PARAM}={code or self.new_code()}"

    def redeem(self, code: str) -> str | None:
        """A new session key for a live code, which is spent; None for any other code."""
        with self._lock:
            self._forget_expired()
            found = next((c for c in self._codes if secrets.compare_digest(c.encode(), code.encode())), None)
            if found is None:
                return None
            del self._codes[found]
            self._remove_launcher(found)
            key = secrets.token_urlsafe(32)
            self._keys.add(key)
            return key

    def _forget_expired(self) -> None:
        now = self._clock()
        for code in [c for c, until in self._codes.items() if until <= now]:
            del self._codes[code]
            self._remove_launcher(code)

    # -- the cookie and the session keys ----------------------------------------------------

    def cookie_ok(self, value: str | None) -> bool:
        if not value:
            return False
        return secrets.compare_digest(value.encode(), self.cookie_value.encode())

    def protocol_ok(self, header: str | None) -> str | None:
        """The `gongkai.<key>` subprotocol of a websocket request that carries a valid key."""
        with self._lock:
            keys = list(self._keys)
        for offered in (header or "").split(","):
            offered = offered.strip()
            if offered.startswith(PROTOCOL_PREFIX):
                key = offered[len(PROTOCOL_PREFIX) :].encode()
                if any(secrets.compare_digest(key, k.encode()) for k in keys):
                    return offered
        return None

    # -- the launcher file ------------------------------------------------------------------

    def launcher(self) -> Path:
        """A page only this user can read that forwards the browser to a one-time address;
        removed once its code is used or expired, and when the server ends."""
        code = self.new_code()
        url = html.escape(self.address(code))
        with self._lock:
            if self._folder is None:
                self._folder = Path(tempfile.mkdtemp(prefix="gongkai-web-"))  # mode 0700
            path = self._folder / f"{len(self._launchers)}-{LAUNCHER_NAME}"
            self._launchers[code] = path
        page = (
            '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8" />'
            f'<meta http-equiv="refresh" content="0;url={url}" /><title>正在打开任务清单……</title></head>'
            f'<body><p>正在打开任务清单……没有自动打开时请点<a href="{url}">这里</a>。</p></body></html>\n'
        )
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with open(fd, "w", encoding="utf-8") as f:
            f.write(page)
        return path

    def _remove_launcher(self, code: str) -> None:
        path = self._launchers.pop(code, None)
        if path is not None:
            path.unlink(missing_ok=True)

    def close(self) -> None:
        with self._lock:
            self._codes.clear()
            self._keys.clear()
            self._launchers.clear()
            if self._folder is not None:
                shutil.rmtree(self._folder, ignore_errors=True)
                self._folder = None
