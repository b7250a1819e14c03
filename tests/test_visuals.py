"""The tools' visuals: radar geometry, determinism, valid SVG with title/desc, text alternatives,
validation messages for bad visual data, and colour contrast of the palette."""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET

import pytest
import yaml

from conftest import ROOT, package_copy, run, write_modules
from curriculum.engine import generate
from curriculum.messages import Messages
from curriculum.models import Tool
from curriculum.visuals.radar import RadarVisual, radar_context
from curriculum.problems import CurriculumError
from curriculum.validation import load_curriculum
from curriculum.visuals import geometry as g
from curriculum.visuals import render_visual, visual_files

DA = Messages("da")

SVG = "{http://www.w3.org/2000/svg}"


# ------------------------------------------------------------------ geometry


# The size of the default rings' names as the radar writes them (10 px text): the widest is "Tag i brug".
LABELS = [(68.0, 14.0), (43.2, 14.0), (55.6, 14.0), (43.2, 14.0), (68.0, 14.0)]


def label_box(layout: g.RadarLayout, ring: int, size: tuple[float, float]) -> tuple[float, float, float, float]:
    """Where a ring's name is written: centred on the middle of the ring, on the first sector border."""
    mid = (layout.radii[ring] + layout.radii[ring + 1]) / 2
    x = layout.cx + mid * math.cos(layout.angles[0])
    y = layout.cy + mid * math.sin(layout.angles[0])
    w, h = size
    return x - w / 2, y - h / 2, x + w / 2, y + h / 2


def gap_to_box(x: float, y: float, box: tuple[float, float, float, float]) -> float:
    x0, y0, x1, y1 = box
    return math.hypot(max(x0 - x, 0, x - x1), max(y0 - y, 0, y - y1))


def assert_layout_is_clean(
    layout: g.RadarLayout, pairs: list[tuple[int, int]], sectors: int, labels: list[tuple[float, float]] | None = None
) -> None:
    """No two blips overlap; each lies wholly inside its own segment and off every ring name
    (checked independently of the layout's own bookkeeping)."""
    r_blip = g.BLIP_RADIUS
    spots = layout.placed
    assert [p.index for p in spots] == list(range(len(pairs)))
    for ring, size in enumerate(labels or []):
        box = label_box(layout, ring, size)
        assert box[2] - box[0] <= layout.radii[ring + 1] - layout.radii[ring], "a ring is narrower than its name"
        for spot in spots:
            gap = gap_to_box(spot.x, spot.y, box)
            assert gap >= r_blip, f"blip {spot.index} overlaps the name of ring {ring} ({gap:.1f} < {r_blip})"
    for a in range(len(spots)):
        for b in range(a + 1, len(spots)):
            d = math.dist((spots[a].x, spots[a].y), (spots[b].x, spots[b].y))
            assert d >= 2 * r_blip, f"blips {a} and {b} overlap ({d:.1f} < {2 * r_blip})"
    for spot, (s, r) in zip(spots, pairs):
        dx, dy = spot.x - layout.cx, spot.y - layout.cy
        dist = math.hypot(dx, dy)
        r0, r1 = layout.radii[r], layout.radii[r + 1]
        assert dist - r_blip >= r0 - 1e-6 and dist + r_blip <= r1 + 1e-6, "blip crosses a ring border"
        if sectors == 1:
            continue
        a0, a1 = layout.angles[s], layout.angles[s + 1]
        angle = (math.atan2(dy, dx) - a0) % (2 * math.pi)
        assert 0 <= angle <= a1 - a0, "blip is in another sector"
        for border in (a0, a1):  # distance to the border line (a ray from the centre)
            along = dx * math.cos(border) + dy * math.sin(border)
            off = abs(dx * math.sin(border) - dy * math.cos(border)) if along > 0 else dist
            assert off >= r_blip - 1e-6, "blip crosses a sector border"


@pytest.mark.parametrize("sectors,rings", [(4, 4), (6, 4), (3, 5), (8, 3)])
def test_sixty_blips_neither_overlap_nor_cross_borders(sectors, rings):
    # uneven on purpose: more blips in the inner rings, as on a real radar
    pairs = [(i % sectors, min(rings - 1, (i * 7 // 11) % rings)) for i in range(60)]
    for labels in (None, LABELS[:rings]):
        layout = g.layout_radar(sectors, rings, pairs, labels=labels)
        assert_layout_is_clean(layout, pairs, sectors, labels)


@pytest.mark.parametrize("ring", [0, 1, 3])
def test_fifteen_blips_in_one_segment(ring):
    pairs = [(0, ring)] * 15 + [(1, 0), (2, 2), (3, 3)]
    for labels in (None, LABELS[:4]):
        layout = g.layout_radar(4, 4, pairs, labels=labels)
        assert_layout_is_clean(layout, pairs, 4, labels)


@pytest.mark.parametrize("start", [0.0, -math.pi / 2, 1.0])
def test_blips_keep_off_the_ring_names_whichever_way_the_radar_turns(start):
    # the first and the last sector meet at the names: fill both of them in every ring
    pairs = [(s, r) for r in range(4) for s in (0, 3) for _ in range(4)]
    layout = g.layout_radar(4, 4, pairs, labels=LABELS[:4], start=start)
    assert_layout_is_clean(layout, pairs, 4, LABELS[:4])
    assert [(round(b.x, 6), round(b.y, 6)) for b in layout.labels] == [
        (round(label_box(layout, i, s)[0], 6), round(label_box(layout, i, s)[1], 6)) for i, s in enumerate(LABELS[:4])
    ]


def test_without_room_for_the_names_the_same_blips_would_touch_them():
    """The check above can fail: the layout that ignores the names puts blips on them."""
    pairs = [(i % 4, min(3, (i * 7 // 11) % 4)) for i in range(60)]
    plain = g.layout_radar(4, 4, pairs)
    boxes = [label_box(plain, ring, size) for ring, size in enumerate(LABELS[:4])]
    assert any(gap_to_box(p.x, p.y, box) < g.BLIP_RADIUS for p in plain.placed for box in boxes)
    with pytest.raises(AssertionError, match="overlaps the name"):
        assert_layout_is_clean(plain, pairs, 4, LABELS[:4])


def test_one_sector_and_many_rings():
    pairs = [(0, i % 6) for i in range(40)]
    layout = g.layout_radar(1, 6, pairs)
    assert_layout_is_clean(layout, pairs, 1)


def test_layout_is_deterministic_and_order_independent_of_hash_seed():
    code = (
        "from curriculum.visuals import geometry as g;"
        "l = g.layout_radar(5, 4, [(i % 5, i % 4) for i in range(50)]);"
        "print([(round(p.x, 6), round(p.y, 6)) for p in l.placed])"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env={"PYTHONHASHSEED": seed}, check=True
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


# -------------------------------------------------------------- every kind of visual

# The Danish fixture course has a tool of every kind of picture (tests/courses/da/modules/tools/).
FIXTURE = ROOT / "tests" / "courses" / "da" / "modules"


@pytest.fixture(scope="module")
def tools():
    cur = load_curriculum(FIXTURE)
    return {tid: tool for tid, tool in cur.tools.items() if tool.visual is not None}


def of_kind(tools, kind: str) -> Tool:
    return next(tool for tool in tools.values() if tool.visual.kind == kind)


def svgs_of(html: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<svg\b.*?</svg>", html, flags=re.S)]


def test_the_fixture_course_has_every_kind_of_visual(tools):
    kinds = {tool.visual.kind for tool in tools.values()}
    assert kinds == {"radar", "wheel", "journey", "steps", "cycle", "quadrants", "comparison"}
    radar = of_kind(tools, "radar").visual
    assert any(b.new for b in radar.blips) and any(b.moved for b in radar.blips)
    assert {b.ring for b in radar.blips} == {"tag-i-brug", "afproev", "undersoeg", "afvent"}


def test_every_tool_of_the_published_course_with_a_visual_has_it_on_its_page(course_site, course):
    drawn = 0
    for tool in course.curriculum.tools.values():
        page = (course_site / course.address("tools") / tool.id / "index.html").read_text("utf-8")
        assert (f'id="v-{tool.id}"' in page) is (tool.visual is not None), tool.id
        drawn += tool.visual is not None
    assert drawn == sum(t.visual is not None for t in course.curriculum.tools.values())


# Drawn in HTML, not SVG: their text is the page's text, on a phone and on a desktop alike.
HTML_KINDS = {"journey", "comparison"}


def test_every_visual_is_well_formed_svg_with_role_title_and_desc(tools):
    for tid, tool in tools.items():
        for compact in (False, True):
            html = str(render_visual(tool, DA, compact=compact, tool_href="x.md"))
            found = svgs_of(html)
            if tool.visual.kind in HTML_KINDS:
                assert not found and f'<figure class="course-visual course-{tool.visual.kind}"' in html, tid
                continue
            assert found, tid
            for svg in found:
                assert svg.get("role") == "img"
                title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
                assert title is not None and title.text and title.text.strip(), tid
                assert desc is not None and desc.text and len(desc.text) > 20, tid
                assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
                assert not list(svg.iter(f"{SVG}a")), "no links inside role=img (they would be presentational)"


def test_every_visual_has_a_text_alternative_with_all_its_labels(tools):
    for tid, tool in tools.items():
        html = str(render_visual(tool, DA))
        outside = re.sub(r"<svg\b.*?</svg>", "", html, flags=re.S)
        visual = tool.visual
        names = []
        for field in ("sectors", "areas", "phases", "lanes", "considerations", "parts", "columns"):
            names += [part.name for part in getattr(visual, field, None) or []]
        names += [b.name for b in getattr(visual, "blips", [])]
        names += [c.text for c in getattr(visual, "cells", [])]
        assert names, tid
        for name in names:
            escaped = name.replace("&", "&amp;")
            assert escaped in outside, f"{tid}: {name!r} is only in the picture"


def test_every_blip_links_to_its_description_in_the_list(tools):
    tool = of_kind(tools, "radar")
    html = str(render_visual(tool, DA))
    links = re.findall(r'<a class="course-radar__link course-c\d" href="#([^"]+)"', html)
    assert len(links) == len(tool.visual.blips)
    listed = re.search(r'<div class="course-radar__list">.*', html, flags=re.S).group(0)
    for anchor in links:
        assert f'<li id="{anchor}" data-course-blip="{anchor}">' in listed
    assert len(set(links)) == len(links)
    # the list, folded until opened, leads back to the picture once, after its last entry
    entries = re.findall(r'<li id="[^"]+" data-course-blip="[^"]+">(.*?)</li>', listed, flags=re.S)
    assert len(entries) == len(links)
    back = f'<a class="course-radar__back" href="#v-{tool.id}">{DA("visuals.radar.back")}</a>'
    assert html.count(back) == 1 and not any(back in e for e in entries)
    assert listed.index(entries[-1]) < listed.index(back) < listed.index("</details>")
    # folded under its title, the summary's own text (a heading there would get the theme's link)
    assert f'<details class="course-fold">\n<summary>{DA("visuals.radar.list_heading")}</summary>' in html


def test_the_radar_names_its_blips_beside_it_by_sector(tools):
    tool = of_kind(tools, "radar")
    html = str(render_visual(tool, DA))
    key = re.search(r'<div class="course-radar__key".*?</div>', html, flags=re.S).group(0)
    sectors = re.findall(r'<p class="course-radar__key-sector">.*?</span>(.*?)</p>', key)
    assert sectors == [s.name for s in tool.visual.sectors]
    names = re.findall(r'<li><a href="#[^"]+" data-course-blip="[^"]+">(.*?)</a></li>', key)
    assert sorted(names) == sorted(b.name for b in tool.visual.blips)
    # the number on the picture carries the name as its tooltip (and its accessible name)
    tips = re.findall(r'<a class="course-radar__link[^>]*>(\d+)<span class="course-radar__tip"> (.*?)</span></a>', html)
    assert [int(n) for n, _ in tips] == list(range(1, len(tool.visual.blips) + 1))
    assert sorted(name for _, name in tips) == sorted(names)


def test_a_build_lays_out_each_picture_once_and_draws_it_once_per_use(monkeypatch):
    """Speed (issue 24): each tool's picture is laid out once per build, and drawn from its template once
    for each way the pages show it (its own page, the session pages, the handbook); the toolbox's preview is
    cut from one of those drawings, not drawn again."""
    from curriculum.visuals import kinds, render

    laid_out: list[str] = []
    drawn: list[str] = []
    for kind in kinds.kinds():
        layout = type(kind).layout
        monkeypatch.setattr(
            type(kind),
            "layout",
            lambda self, tool, messages, _f=layout: laid_out.append(tool.id) or _f(self, tool, messages),
        )
    template = render.Pictures._drawing

    def drawing(self, tool, level, compact):
        if (tool.id, min(level, 6), compact) not in self._drawn:
            drawn.append(tool.id)
        return template(self, tool, level, compact)

    monkeypatch.setattr(render.Pictures, "_drawing", drawing)
    site = generate(FIXTURE, edition="instructor")
    pictured = {tid for tid, tool in load_curriculum(FIXTURE).tools.items() if tool.visual is not None}
    assert sorted(laid_out) == sorted(pictured)  # once each
    assert {tid: drawn.count(tid) for tid in pictured} == {tid: 3 for tid in pictured}
    folder = DA("addresses.tools")
    with_svg = [tid for tid in pictured if 'class="course-svg' in site.pages[f"{folder}/{tid}.md"]]
    assert len(with_svg) >= 4 and len(pictured) > len(with_svg)  # the fixture has pictures drawn in HTML too
    # every picture has its preview on the toolbox's cards: cut from its SVG, or its kind's own thumbnail
    assert site.pages[f"{folder}/index.md"].count("course-preview__svg") == len(pictured)


@pytest.mark.parametrize("level", [3, 4, 5])
def test_a_pictures_own_headings_are_at_the_level_it_is_given(tools, level):
    """A picture sits under a heading one level up (a tool page's h2, a session's h3): its own headings are at
    ``level``, so that no level is skipped (h2 -> h4 is an error of the Nu HTML Checker and Lighthouse)."""
    seen = set()
    for tool in tools.values():
        for compact in (False, True):
            html = str(render_visual(tool, DA, level=level, compact=compact, tool_href="x.md"))
            seen.update(int(n) for n in re.findall(r"<h([1-6])\b", html))
    assert seen == {level}


def test_every_figure_is_named_by_its_title(tools):
    """A picture's <figure> is named (aria-labelledby) by an element of the picture: the figure's alternative
    text in the tagged PDF, where Chromium leaves an unnamed figure without one."""
    for tool in tools.values():
        for compact in (False, True):
            html = str(render_visual(tool, DA, compact=compact, tool_href="x.md"))
            figures = re.findall(r"<figure\b[^>]*>", html)
            assert figures, tool.id
            for figure in figures:
                named = re.search(r'aria-labelledby="([^"]+)"', figure)
                assert named and f'id="{named.group(1)}"' in html, (tool.id, figure)


def test_rendering_is_byte_identical(tools):
    for tool in tools.values():
        assert str(render_visual(tool, DA)) == str(render_visual(tool, DA))
    code = (
        "from pathlib import Path; from curriculum.validation import load_curriculum;"
        "from curriculum.visuals import render_visual, visual_files; from curriculum.messages import Messages;"
        f"cur = load_curriculum(Path({str(FIXTURE)!r}));"
        "import hashlib; m = Messages('da'); print(hashlib.sha256(''.join(str(render_visual(t, m)) + str(visual_files(t, m)) "
        "for _, t in sorted(cur.tools.items())).encode()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"PYTHONHASHSEED": seed}
        ).stdout
        for seed in ("0", "7")
    }
    assert len(digests) == 1


@pytest.mark.parametrize("sectors", [4, 6])
def test_a_drawn_radar_of_sixty_blips_has_no_blip_on_a_ring_name(sectors):
    """The picture as drawn: every blip's circle (halo included) clear of every ring name's box."""
    blips = [
        {
            "name": f"Teknologi {i}",
            "sector": f"s{i % sectors}",
            "ring": ("tag-i-brug", "afproev", "undersoeg", "afvent")[(i * 7 // 11) % 4],
            "description": "D",
        }
        for i in range(60)
    ]
    tool = Tool(
        id="r",
        title="R",
        summary="S",
        origin={"creator": "C"},
        use_with_staff=["U"],
        visual=RadarVisual(kind="radar", sectors=[{"name": f"S{i}"} for i in range(sectors)], blips=blips),
    )
    svg = svgs_of(str(render_visual(tool, DA)))[0]
    boxes = [
        (
            float(r.get("x")),
            float(r.get("y")),
            float(r.get("x")) + float(r.get("width")),
            float(r.get("y")) + float(r.get("height")),
        )
        for r in svg.iter(f"{SVG}rect")
        if "course-label-bg" in r.get("class", "")
    ]
    dots = [
        (float(c.get("cx")), float(c.get("cy")))
        for c in svg.iter(f"{SVG}circle")
        if "course-blip__dot" in c.get("class", "")
    ]
    assert len(boxes) == 4 and len(dots) == 60
    for x, y in dots:
        for box in boxes:
            assert gap_to_box(x, y, box) >= g.BLIP_RADIUS - 0.01, f"a blip at ({x}, {y}) touches a ring name"


@pytest.mark.parametrize("count", [2, 4, 21, 60])
def test_blips_are_links_only_where_their_targets_are_24_px_apart(count):
    """From the picture's width ``links_from`` up the blips are links 24 px or more apart (WCAG 2.5.8: no two
    targets overlap); a radar too dense for any width the page gives it (640 px at most) has none."""
    sectors = [{"id": f"s{i}", "name": f"Sektor {i}"} for i in range(4)]
    blips = [
        {"name": f"Teknologi {i}", "sector": f"s{i % 4}", "ring": "tag-i-brug", "description": "."}
        for i in range(count)
    ]
    radar = RadarVisual(kind="radar", sectors=sectors, blips=blips)
    context = radar_context("r", radar, DA.entry("visuals.radar.rings"))
    views, width, start = context["blips"], context["width"], context["links_from"]
    closest = min(math.dist((a.x, a.y), (b.x, b.y)) for i, a in enumerate(views) for b in views[i + 1 :])
    if start is None:
        assert closest * 640 / width < 24
    else:
        assert closest * start / width >= 24 and start in range(0, 641, 40)
        assert start < 40 or closest * (start - 40) / width < 24  # the least such width
    html = str(render_visual(Tool(id="r", title="R", summary=".", origin={"creator": "X"}, visual=radar), DA))
    assert ('class="course-radar__link' in html) == (start is not None)
    assert ('class="course-radar__num' in html) == (start != 0)


def test_blank_radar_file_is_valid_svg_without_blips(tools):
    radar = of_kind(tools, "radar")
    files = visual_files(radar, DA)
    assert list(files) == [f"vaerktoejer/{radar.id}-tom.svg"]
    svg = ET.fromstring(files[f"vaerktoejer/{radar.id}-tom.svg"])
    assert svg.get("role") == "img" and svg.find(f"{SVG}title") is not None
    text = "".join(svg.itertext())
    assert "Tag i brug" in text and not any(blip.name in text for blip in radar.visual.blips)


def test_radar_uses_danish_default_rings_when_none_are_given():
    tool = Tool(
        id="r",
        title="R",
        summary="S",
        origin={"creator": "C"},
        use_with_staff=["U"],
        visual=RadarVisual(
            kind="radar",
            sectors=[{"name": "A"}, {"name": "B"}],
            blips=[{"name": "X", "sector": "a", "ring": "afvent", "description": "D"}],
        ),
    )
    html = str(render_visual(tool, DA))
    for ring in ("Tag i brug", "Afprøv", "Undersøg", "Afvent"):
        assert f"<dt>{ring}</dt>" in html


def test_an_english_radar_gets_the_english_default_rings_and_words():
    tool = Tool(
        id="r",
        title="R",
        summary="S",
        origin={"creator": "C"},
        visual=RadarVisual(
            kind="radar",
            sectors=[{"name": "A"}, {"name": "B"}],
            blips=[{"name": "X", "sector": "a", "ring": "hold", "description": "D"}],
        ),
    )
    html = str(render_visual(tool, Messages("en")))
    for ring in ("Adopt", "Trial", "Assess", "Hold"):
        assert f"<dt>{ring}</dt>" in html
    assert "How to read the radar" in html and "Sådan" not in html


def test_the_journey_is_one_card_per_phase_with_every_lane_and_no_second_copy(tools):
    tool = of_kind(tools, "journey")
    journey = tool.visual
    html = str(render_visual(tool, DA))
    cards = re.findall(r'<li class="course-journey__phase course-c\d">(.*?)</li>', html, flags=re.S)
    assert len(cards) == len(journey.phases)
    for phase, card in zip(journey.phases, cards):
        assert f'<p class="course-journey__name">{phase.name.replace("&", "&amp;")}</p>' in card
        assert card.count("<dt>") == len(journey.lanes)
    for cell in journey.cells:  # each text once: no table or list repeats the picture
        assert html.count(cell.text.replace("&", "&amp;")) == 1, cell.text
    assert "<table" not in html


def test_text_in_every_svg_is_sized_to_draw_at_12_px_at_its_narrowest(tools):
    """The font size of each SVG, scaled to the narrowest column it is shown in, is 12 px or more: the
    wide drawings from 600 px up, the narrow ones from 288 px (a 320 px screen)."""
    from curriculum.visuals.base import NARROWEST, WIDE

    for tid, tool in tools.items():
        html = str(render_visual(tool, DA))
        for match in re.finditer(
            r'<div class="course-(wide|narrow)">\s*<svg|'
            r'<figure class="course-visual course-\w+" id="[^"]+">\s*(?:<div class="course-radar__layout">'
            r'\s*<div class="course-radar__canvas">\s*)?<svg',
            html,
        ):
            svg = ET.fromstring(re.match(r"<svg\b.*?</svg>", html[match.end() - 4 :], flags=re.S).group(0))
            shown_from = {"wide": WIDE, "narrow": NARROWEST}.get(match.group(1) or "", NARROWEST)
            width = float(svg.get("viewBox").split()[2])
            font = float(svg.get("font-size"))
            assert font * shown_from / width >= 12 - 1e-9, f"{tid}: {font} in {width} at {shown_from} px"
            # no text sets a size of its own
            assert all(t.get("font-size") is None for t in svg.iter(f"{SVG}text")), tid


# ------------------------------------------------------------------ where they appear


WITH_VISUAL = {
    "tools/teknologiradar.yml": """\
        id: teknologiradar
        title: Teknologiradaren
        summary: Et overblik.
        origin:
          creator: Thoughtworks
        use_with_staff:
          - Lav den sammen.
        visual:
          kind: radar
          sectors: [{name: Tryghed}, {name: Sundhed}]
          blips:
            - {name: Skærmbesøg, sector: sundhed, ring: tag-i-brug, description: Videobesøg.}
        """,
    "tools/kompetencehjulet.yml": """\
        id: kompetencehjulet
        title: Kompetencehjulet
        summary: Et hjul.
        origin:
          creator: KL
        use_with_staff:
          - Brug det.
        visual:
          kind: wheel
          areas: [{name: Kommunikation}, {name: Sikkerhed}, {name: Data}]
        """,
    # the radar is named by two content items; the wheel only under tools:
    "sessions/workshop-1.yml": """\
        id: workshop-1
        title: Første workshop
        format: workshop
        themes: [Begyndelsen]
        summary: Vi begynder.
        content:
          - title: Oplæg
            tool: teknologiradar
          - title: Radaren igen
            tool: teknologiradar
        tools:
          - teknologiradar
          - kompetencehjulet
        """,
}


def test_a_session_page_draws_each_tool_once_also_tools_named_only_under_tools(modules_dir, tmp_path):
    site = generate(write_modules(tmp_path, WITH_VISUAL))
    page = site.pages["sessioner/workshop-1.md"]
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert ids.count("v-teknologiradar") == 1
    assert ids.count("v-kompetencehjulet") == 1  # only under tools:, drawn all the same
    assert [i for i in set(ids) if ids.count(i) > 1] == []
    # the radar at its first content item, a link to it at the second; the wheel under "Værktøjer"
    first, second = page.index("### Oplæg"), page.index("### Radaren igen")
    assert first < page.index('id="v-teknologiradar"') < second
    assert "[Se figuren ovenfor](#v-teknologiradar)" in page[second:]
    assert page.index("## Værktøjer") < page.index("### Kompetencehjulet") < page.index('id="v-kompetencehjulet"')
    # the handbook draws each picture once too
    handbook_ids = re.findall(r'\sid="([^"]+)"', site.pages["haandbog.md"])
    assert handbook_ids.count("v-kompetencehjulet") == 1 and handbook_ids.count("v-teknologiradar") == 1


def test_every_content_item_of_the_published_run_that_names_a_tool_shows_its_picture(course):
    """At the first content item that names it on the session page (conftest's ``published``)."""
    site = generate(ROOT / "modules", course.run_id)
    shown = 0
    for item in course.programme.sessions:
        page = site.pages[f"{course.address('sessions')}/{item.session.id}.md"]
        for content in item.session.content:
            tool = course.curriculum.tools[content.tool] if content.tool else None
            if tool is not None and tool.visual is not None:
                assert f'id="v-{tool.id}"' in page, (item.session.id, tool.id)
                shown += 1
    assert shown > 0


# ------------------------------------------------------------------ validation


RADAR_TOOL = """\
id: teknologiradar
title: Teknologiradaren
summary: Et overblik.
origin:
  creator: Thoughtworks
use_with_staff:
  - Lav den sammen.
visual:
  kind: radar
  sectors:
    - name: Tryghed
    - name: Sundhed
  blips:
    - name: Skærmbesøg
      sector: sundhed
      ring: tag-i-brug
      description: Videobesøg.
"""


def problems(tmp_path, text) -> list[str]:
    write_modules(tmp_path, {"tools/teknologiradar.yml": text})
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(tmp_path / "modules")
    return [str(p) for p in caught.value.problems]


def test_valid_radar_tool(modules_dir, tmp_path):
    write_modules(tmp_path, {"tools/teknologiradar.yml": RADAR_TOOL})
    assert load_curriculum(tmp_path / "modules").tools["teknologiradar"].visual.kind == "radar"


def test_blip_with_unknown_ring_and_sector(modules_dir, tmp_path):
    text = RADAR_TOOL.replace("ring: tag-i-brug", "ring: afprov").replace("sector: sundhed", "sector: sundhd")
    assert problems(tmp_path, text) == [
        (
            "modules/tools/teknologiradar.yml:15:15: visual.blips[0].sector: der er intet med id'et "
            "'sundhd' under 'sectors:' i billedet (mente du 'sundhed'?); brug et af disse: tryghed, sundhed"
        ),
        (
            "modules/tools/teknologiradar.yml:16:13: visual.blips[0].ring: der er intet med id'et 'afprov' "
            "under 'rings:' i billedet (mente du 'afproev'?); brug et af disse: tag-i-brug, afproev, "
            "undersoeg, afvent"
        ),
    ]


def test_unknown_kind_of_visual(modules_dir, tmp_path):
    assert problems(tmp_path, RADAR_TOOL.replace("kind: radar", "kind: radr")) == [
        (
            "modules/tools/teknologiradar.yml:9:9: visual.kind: 'radr' kan ikke bruges her (mente du "
            "'radar'?); brug en af disse: radar, wheel, journey, cycle, steps, quadrants, comparison"
        )
    ]


def test_missing_kind_of_visual(modules_dir, tmp_path):
    assert problems(tmp_path, RADAR_TOOL.replace("  kind: radar\n", "")) == [
        ("modules/tools/teknologiradar.yml:9:3: visual.kind: feltet 'kind' skal være med, men mangler; tilføj det")
    ]


def test_misspelt_field_in_a_blip_names_the_blip_fields(modules_dir, tmp_path):
    text = RADAR_TOOL.replace("      description: Videobesøg.", "      descripton: Videobesøg.")
    assert problems(tmp_path, text) == [
        (
            "modules/tools/teknologiradar.yml:14:7: visual.blips[0].description: feltet 'description' skal "
            "være med, men mangler; tilføj det"
        ),
        (
            "modules/tools/teknologiradar.yml:17:7: visual.blips[0].descripton: feltet 'descripton' kendes "
            "ikke (mente du 'description'?); tjek stavningen, eller fjern det"
        ),
    ]


def test_two_blips_with_the_same_name(modules_dir, tmp_path):
    text = (
        RADAR_TOOL
        + """\
    - name: Skærmbesøg
      sector: tryghed
      ring: afvent
      description: Igen.
"""
    )
    assert problems(tmp_path, text) == [
        (
            "modules/tools/teknologiradar.yml:18:13: visual.blips[1].name: punktet 'skaermbesoeg' står "
            "allerede på radaren som blips[0]; hvert punkt står på radaren én gang (giv det sit eget "
            "'id:', hvis det virkelig er et andet)"
        )
    ]


def test_comparison_row_with_too_few_values(modules_dir, tmp_path):
    text = (
        RADAR_TOOL.split("visual:")[0]
        + """\
visual:
  kind: comparison
  columns: [{name: Topstyret}, {name: Bottom-up}]
  rows:
    - aspect: Beslutninger
      values: [Oppefra.]
"""
    )
    assert problems(tmp_path, text) == [
        (
            "modules/tools/teknologiradar.yml:13:15: visual.rows[0].values: rækken har 1 værdi, men "
            "sammenligningen har 2 kolonner; giv én værdi pr. kolonne, i kolonnernes rækkefølge"
        )
    ]


# ------------------------------------------------------------------ colours


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_blip_numbers_and_wheel_colours_meet_wcag_aa_in_light_and_dark():
    css = (ROOT / "content/stylesheets/visuals.css").read_text("utf-8")
    blocks = re.findall(r"\{([^{}]*--course-c0:[^{}]*)\}", css)
    assert len(blocks) == 3  # light, dark (slate), and dark printed on paper
    for block in blocks:
        values = dict(re.findall(r"--(course-[a-z0-9-]+):\s*(#[0-9a-fA-F]{6})", block))
        on = values["course-on-colour"]
        for i in range(8):
            assert contrast(values[f"course-c{i}"], on) >= 4.5, (i, values[f"course-c{i}"], on)
            # the sector colour against the page as a graphic: 3:1 (WCAG 1.4.11)
            assert contrast(values[f"course-c{i}"], values["course-paper"]) >= 3.0
        assert contrast(values["course-text"], values["course-paper"]) >= 4.5


# ------------------------------------- a new kind of picture (the recipe in docs/developers/extending.md)

# The recipe's files for a kind "dots": its module (model, Danish help, checks, layout), its template and its
# words in each catalogue. Nothing else in the package is touched.
DOTS_MODULE = """\
    from typing import Literal

    from pydantic import Field

    from ..models import VisualModel, VisualPart
    from .base import COLOURS, NARROWEST, settle
    from .kinds import PictureKind
    from .parts import unique


    class DotsVisual(VisualModel):
        kind: Literal["dots"]
        parts: list[VisualPart] = Field(min_length=1)


    HELP = \"\"\"
    DotsVisual:
      title: Prikker (kind dots)
      description: Prikker på en række.
      fields:
        kind: {description: Billedets slags; her dots., example: dots}
        title: {description: Billedets titel., example: Tre prikker}
        note: {description: En bemærkning., example: En note.}
        parts: {description: Prikkerne., example: [{name: Først}]}
    \"\"\"


    EXAMPLE = \"\"\"\\
    id: three-dots
    title: Three dots
    summary: Dots in a row.
    origin:
      creator: The course's own
    visual:
      kind: dots
      parts:
        - name: First
        - name: Last
    \"\"\"


    class Dots(PictureKind):
        model = DotsVisual
        template = "dots.html.j2"
        help = HELP
        example = EXAMPLE

        def problems(self, visual, default_rings):
            return unique(visual.parts, "parts")

        def layout(self, tool, messages):
            parts = tool.visual.parts

            def draw(font):
                dots = [dict(part=p, x=20.0 + 40 * i, colour=i % COLOURS) for i, p in enumerate(parts)]
                return dict(width=40.0 * len(parts), font=font, dots=dots)

            return settle(draw, 12.0, NARROWEST)


    KIND = Dots()
    """
DOTS_TEMPLATE = """\
    {% import "_svg.j2" as svg with context %}
    <figure class="course-visual course-dots" id="{{ vid }}">
    {{ svg.open(vid, width, 40, visual.title or tool.title, font) }}
    <desc id="{{ vid }}-desc">{{ msg("visuals.dots.desc", parts=dots | map(attribute="part.name") | join(", ")) }}</desc>
    {% for d in dots %}
    <circle class="course-dot course-c{{ d.colour }}" cx="{{ d.x | n }}" cy="20" r="12"/>
    {% endfor %}
    </svg>
    </figure>
    """
DOTS_WORDS = {"da": ("Prikkerne", "Prikker: {parts}."), "en": ("The dots", "Dots: {parts}.")}
DOTS_TOOL = """\
    id: teknologiradar
    title: Teknologiradaren
    summary: Et overblik.
    origin:
      creator: Thoughtworks
    visual:
      kind: dots
      title: Tre prikker
      parts:
        - name: Først
        - name: Så
        - name: Til sidst
    """
# In the copy of the package: build a course with a dots picture, validate two broken ones, make the schema.
DOTS_RUN = """\
    import json, sys
    from pathlib import Path
    import curriculum
    from curriculum import reference, schema
    from curriculum.engine import generate
    from curriculum.problems import CurriculumError
    from curriculum.validation import load_curriculum

    good, twice, misspelt = (Path(arg) for arg in sys.argv[1:])
    site = generate(good)
    found = {"package": curriculum.__file__, "pages": site.pages}
    for name, modules in (("twice", twice), ("misspelt", misspelt)):
        try:
            load_curriculum(modules)
        except CurriculumError as error:
            found[name] = [str(p) for p in error.problems]
    found["help"] = schema.build_schema("tool")["$defs"]["DotsVisual"]["title"]
    found["reference"] = reference.render()
    print(json.dumps(found))
    """


def test_a_new_kind_of_picture_is_its_module_its_template_and_its_words(tmp_path):
    """The recipe of docs/developers/extending.md, followed in a copy of the package: the registry finds the new kind, and the
    real engine validates it, draws it on every page that shows a picture and puts it in the schema."""
    package = package_copy(tmp_path / "package")
    (package / "visuals" / "dots.py").write_text(textwrap.dedent(DOTS_MODULE), encoding="utf-8")
    (package / "templates" / "visuals" / "dots.html.j2").write_text(textwrap.dedent(DOTS_TEMPLATE), encoding="utf-8")
    for language, (heading, desc) in DOTS_WORDS.items():
        path = package / "catalogues" / f"{language}.yml"
        words = yaml.safe_load(path.read_text("utf-8"))
        words["visuals"]["heading"]["dots"] = heading
        words["visuals"]["dots"] = {"desc": desc}
        path.write_text(yaml.safe_dump(words, allow_unicode=True, sort_keys=False), encoding="utf-8")
    courses = [tmp_path / name for name in ("good", "twice", "misspelt")]
    write_modules(courses[0], {"tools/teknologiradar.yml": DOTS_TOOL})
    write_modules(courses[1], {"tools/teknologiradar.yml": DOTS_TOOL.replace("name: Så", "name: Først")})
    write_modules(courses[2], {"tools/teknologiradar.yml": DOTS_TOOL.replace("kind: dots", "kind: dot")})
    result = run(
        [sys.executable, "-c", textwrap.dedent(DOTS_RUN), *(str(c / "modules") for c in courses)],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path / "package")},
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["package"].startswith(str(package))  # the copy, not the installed package
    pages = found["pages"]
    tool, session, toolbox = (
        pages["vaerktoejer/teknologiradar.md"],
        pages["sessioner/workshop-1.md"],
        pages["vaerktoejer/index.md"],
    )
    assert "## Prikkerne" in tool and '<desc id="v-teknologiradar-desc">Prikker: Først, Så, Til sidst.</desc>' in tool
    for page in (tool, session, pages["haandbog.md"]):
        assert page.count('<figure class="course-visual course-dots" id="v-teknologiradar">') == 1
        assert len(re.findall(r'<circle class="course-dot course-c[012]" cx="\d+" cy="20" r="12"/>', page)) == 3
    preview = re.search(r"<svg[^>]*course-preview__svg.*?</svg>", toolbox, re.S).group(0)
    assert preview.count("<circle") == 3 and "Først" not in preview  # the shapes without the words
    assert found["twice"] == [
        "twice/modules/tools/teknologiradar.yml:11:13: visual.parts[1].name: navnet 'foerst' bruges allerede af "
        "parts[0]; giv hver sit eget navn (eller et 'id:')"
    ]
    assert found["misspelt"] == [
        "misspelt/modules/tools/teknologiradar.yml:7:9: visual.kind: 'dot' kan ikke bruges her (mente du 'dots'?); "
        "brug en af disse: radar, wheel, journey, cycle, steps, quadrants, comparison, dots"
    ]
    assert found["help"] == "Prikker (kind dots)"
    dots = found["reference"].split("\n### dots\n", 1)[1].split("\n### ", 1)[0]
    assert "*Prikker (kind dots)*" in dots and "| `parts` | list of [VisualPart](#visualpart) (at least 1) |" in dots
    assert "```yaml\nid: three-dots\n" in dots and "  kind: dots\n" in dots


@pytest.mark.parametrize("word", ["radar", "wheel", "journey", "steps", "cycle", "quadrants", "comparison"])
def test_every_kind_of_picture_has_a_thumbnail_of_shapes_without_words(word):
    """The toolbox's card shows a small picture for every kind (issue 22: the journey's and the comparison's
    were empty grey boxes, the radar's had blank label chips): shapes in the picture's colours, no word, no
    ground left behind by a word, hidden from screen readers."""
    from curriculum.preview import tool_preview
    from curriculum.visuals.kinds import kinds

    kind = next(k for k in kinds() if word in k.words)
    data = yaml.safe_load(kind.example)
    data["visual"]["kind"] = word
    preview = str(tool_preview(Tool.model_validate(data), Messages("en")))
    svg = ET.fromstring(preview)
    shapes = [e for e in svg.iter() if e.tag.split("}")[-1] in {"path", "rect", "circle", "polygon", "line"}]
    assert svg.get("aria-hidden") == "true" and len(shapes) >= 3
    assert not [e for e in svg.iter() if e.tag.split("}")[-1] in {"text", "title", "desc", "a"}]
    assert "course-label-bg" not in preview
    assert re.search(r'class="[^"]*course-c\d', preview)  # in the picture's colours
