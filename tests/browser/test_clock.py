"""A clock range ("09.00–15.00") is never broken over two lines, on a phone (320 and 375 px): session
pages, the teaching plans, the handbook and the buddy plan (issue 12)."""

from __future__ import annotations

import pytest

from .conftest import MKDOCS, only
from .course import COURSE, address, run_sessions, session_page

# Every clock range in the page's content that the browser drew on more than one line.
_BROKEN = r"""() => {
  const out = [];
  const walker = document.createTreeWalker(document.querySelector('.md-content') || document.body, NodeFilter.SHOW_TEXT);
  const range = /\d\d[.:]\d\d\s*–\s*\d\d[.:]\d\d/g;
  let node, count = 0;
  while ((node = walker.nextNode())) {
    for (const m of node.data.matchAll(range)) {
      const r = document.createRange();
      r.setStart(node, m.index);
      r.setEnd(node, m.index + m[0].length);
      const rects = [...r.getClientRects()].filter(x => x.width > 0);
      if (!rects.length) continue;
      count += 1;
      if (new Set(rects.map(x => Math.round(x.top))).size > 1)
        out.push(m[0] + ' in ' + (node.parentElement.closest('td,p,li') || node.parentElement).textContent.slice(0, 70));
    }
  }
  return {count, out};
}"""


def _pages(edition) -> list[str]:
    return [
        p
        for p in edition.pages
        if p.startswith((address("sessions"), COURSE.address("teaching"), address("handbook"), address("buddy")))
    ]


@only(*MKDOCS)  # the Zensical pages are the same Markdown
@pytest.mark.parametrize("width", [320, 375])
def test_no_clock_range_breaks_over_two_lines(browser, edition, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, service_workers="block")
    page = context.new_page()
    broken, seen = {}, 0
    try:
        for path in _pages(edition):
            page.goto(edition.base_url + path, wait_until="load")
            found = page.evaluate(_BROKEN)
            seen += found["count"]
            if found["out"]:
                broken[path] = found["out"]
    finally:
        context.close()
    assert seen > 20  # ranges were found and measured
    assert broken == {}


def test_the_check_sees_a_broken_range(page, edition):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(edition.base_url + session_page(run_sessions()[0]), wait_until="load")
    page.evaluate("""() => {
      const p = document.createElement('p');
      p.textContent = 'Mødet ligger onsdag den 17. september 2024 mellem kl. 09.00–15.00 i en stor sal i Odense';
      p.style.width = '17.2em';
      document.querySelector('.md-content__inner').append(p);
    }""")
    # some width of the paragraph puts the line end inside the range; find one
    for em in range(100, 260):
        page.evaluate(
            f"() => {{ document.querySelector('.md-content__inner > p:last-child').style.width = '{em / 10}em'; }}"
        )
        if page.evaluate(_BROKEN)["out"]:
            return
    pytest.fail("the check never saw the range broken")
