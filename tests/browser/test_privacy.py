"""GDPR: no page makes a request to any host but the site's own, none logs an error to the console, and
none breaks its Content-Security-Policy."""

from __future__ import annotations

import pytest

from .conftest import SCHEMES
from .server import file_for
from .tour import is_local


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_every_page_loads(visits, scheme):
    statuses = {path: visit.status for path, visit in visits[scheme].items()}
    assert statuses == {path: 200 for path in statuses}


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_no_page_requests_another_host(visits, edition, scheme):
    record = visits[scheme]
    for visit in record.values():
        assert edition.base_url + visit.path in visit.requests, f"no request recorded for {visit.path}"
    elsewhere = {
        path: [url for url in visit.requests if not is_local(url, edition.base_url)] for path, visit in record.items()
    }
    assert {path: urls for path, urls in elsewhere.items() if urls} == {}


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_no_page_logs_a_console_error(visits, scheme):
    errors = {path: visit.console_errors for path, visit in visits[scheme].items() if visit.console_errors}
    assert errors == {}


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_every_page_has_a_content_security_policy_and_breaks_none_of_it(visits, edition, scheme):
    violations = {path: visit.csp_violations for path, visit in visits[scheme].items() if visit.csp_violations}
    assert violations == {}
    for path in visits[scheme]:
        file = file_for(edition.site, path)
        assert '<meta http-equiv="Content-Security-Policy"' in file.read_text("utf-8"), path
