"""Said once (issue 12): at a phone's and a desktop's width, a picture with a narrow variant shows either
the picture or its narrow variant, never both (the evaluation's charts once showed both on a desktop); the
wheel being filled in shows its narrow drawing beside the questions also on a desktop."""

from __future__ import annotations

import re

import pytest

from .conftest import only
from .course import COURSE, address, tool_page, tools_of_kind

# The pages with pictures that have a narrow variant: the evaluation's charts, and the first tool (by id)
# of each kind of picture that has one (the wheel, steps and cycles), where the course has such a tool.
PAGES = [address("evaluation")] + sorted(
    {kind: tool_page(tools_of_kind(kind)[0]) for kind in ("wheel", "steps", "cycle") if tools_of_kind(kind)}.values()
)

_SHOWN = """() => [...document.querySelectorAll('.md-content .course-visual')]
  .filter(f => f.querySelector('.course-narrow') && f.querySelector('.course-wide'))
  .map(f => [f.id, ['.course-wide', '.course-narrow'].filter(s => f.querySelector(s).checkVisibility()).join(' '),
              f.classList.contains('course-assess__wheel')])"""


def with_narrow_variant(edition) -> set[str]:
    """'page#id' of every picture of PAGES whose built HTML holds both a wide and a narrow variant."""
    found = set()
    for path in PAGES:
        html = (edition.site / path / "index.html").read_text("utf-8")
        for figure in html.split('<figure class="course-visual')[1:]:
            vid = re.search(r'id="([^"]+)"', figure.split(">", 1)[0])
            if vid and "course-narrow" in figure and "course-wide" in figure:
                found.add(f"{path}#{vid.group(1)}")
    return found


@only(("participant", "mkdocs"))  # every edition has the same pictures and CSS
@pytest.mark.parametrize("width", [375, 1280])
def test_a_picture_or_its_narrow_variant_shows_never_both(browser, edition, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, service_workers="block")
    page = context.new_page()
    shown, beside = {}, set()
    try:
        for path in PAGES:
            page.goto(edition.base_url + path, wait_until="load")
            for vid, which, assess in page.evaluate(_SHOWN):
                shown[f"{path}#{vid}"] = which
                if assess:
                    beside.add(f"{path}#{vid}")
    finally:
        context.close()
    # every picture with a narrow variant in the built pages was measured (KDL: 5 or more, the English course 3)
    assert set(shown) == with_narrow_variant(edition) and len(shown) >= len(PAGES)
    # the wheel being filled in, beside its questions, is its narrow numbered drawing at every width
    assessed = [t for t in tools_of_kind("wheel")[:1] if COURSE.curriculum.tools[t].visual.self_assessment]
    assert bool(beside) == bool(assessed)
    expected = {k: ".course-narrow" if width == 375 or k in beside else ".course-wide" for k in shown}
    assert {k: v for k, v in shown.items() if v != expected[k]} == {}
