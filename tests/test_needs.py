"""tests/needs.py: a missing LibreOffice or Chromium skips on a desk and fails under CI."""

from __future__ import annotations

import pytest

from tests.needs import missing


@pytest.mark.parametrize("value", ["true", "1", "TRUE"])
def test_under_ci_a_missing_program_fails(monkeypatch, value):
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match="CI=true: soffice 未安装"):
        missing("soffice 未安装")


@pytest.mark.parametrize("value", [None, "", "false"])
def test_elsewhere_it_skips_saying_why(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.skip.Exception, match="soffice 未安装"):
        missing("soffice 未安装")
