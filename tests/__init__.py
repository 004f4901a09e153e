"""The test suite, one package: every module under it (tests/conftest.py too) is imported once, by one name
(tests.conftest, tests.app.test_flows…), never also as a top-level `conftest`."""
