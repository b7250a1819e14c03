"""Every internal link of every page leads to a built file, and every #anchor to an id on its page."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from .server import file_for
from .tour import Visit, is_local, tour


def broken_links(record: dict[str, Visit], edition) -> tuple[list[str], int]:
    """The internal links of the visited pages that lead nowhere, and how many internal links there were."""
    broken, checked = [], 0
    for path, visit in record.items():
        for link in visit.links:
            parts = urlsplit(link)
            if parts.scheme not in ("http", "https") or not is_local(link, edition.base_url):
                continue
            checked += 1
            where = f"{path or '/'}: {link}"
            target = file_for(edition.site, unquote(parts.path).lstrip("/"))
            if target is None:
                broken.append(f"{where}: no such page or file")
                continue
            fragment = unquote(parts.fragment)
            if not fragment:
                continue
            page = target.relative_to(edition.site).as_posix().removesuffix("index.html")
            if page not in record:
                broken.append(f"{where}: an anchor into a file that is not a page")
            elif fragment not in record[page].ids:
                broken.append(f"{where}: no id '{fragment}' on {page or '/'}")
    return broken, checked


def test_every_internal_link_and_anchor_resolves(visits, edition):
    broken, checked = broken_links(visits["light"], edition)
    assert broken == []
    assert checked >= len(edition.pages)  # every page links somewhere, if only to the front page


def test_a_broken_link_and_a_broken_anchor_are_found(browser, faulty_site):
    record = tour(browser, faulty_site.base_url, faulty_site.pages, "light")
    broken, checked = broken_links(record, faulty_site)
    assert checked == 3  # the external link is not checked
    assert [line.split(": ", 2)[2] for line in broken] == ["no such page or file", "no id 'intet-id' on /"]
