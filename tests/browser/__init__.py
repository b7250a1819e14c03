"""Browser tests of the built site, in Debian's chromium driven by Playwright.

A package (not a plain folder) so that its conftest.py is imported as ``browser.conftest`` and never
shadows the ``conftest`` module of tests/ that the other test modules import from.
"""
