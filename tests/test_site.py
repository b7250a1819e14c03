"""The built KDL site (mkdocs build --strict): the 2024 pilot is all there, and nothing leaves the site."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run

# The programme grid of the 2024 pilot ("Figur 1" of the course's slides), typed in
# from the seeds independently of modules/ so that the test can catch a lost item.
PILOT = [
    (
        "kick-off",
        "Kick-off-webinar",
        "mandag 8. april 2024",
        ["Forventningsafstemning", "Inspiration til casearbejde"],
        ["Drøftelse af mulige cases og ønsker til læring"],
        "Hvad vil du gerne blive bedre til, og hvad er relevant at arbejde med?",
    ),
    (
        "forstaaelsesrammer",
        "Workshop 1",
        "onsdag 17. april 2024",
        ["Forståelsesrammer"],
        ["Begrebsafklaring", "Teknologiradaren", "Ledelsesvinkel", "Arbejde med case og drøftelse af læringsmål"],
        "Hvad er din ledelsesrolle i den digitale transformation?",
    ),
    (
        "digitalt-kompetente-medarbejder",
        "Webinar 1",
        "onsdag 15. maj 2024",
        ["Den digitalt kompetente medarbejder"],
        ["KL's kompetencehjul", "De psykologiske grundbehov"],
        "Hvordan fremmer du medarbejdernes kompetencer og motivation til at arbejde med digitale løsninger?",
    ),
    (
        "borgerperspektiv",
        "Webinar 2",
        "onsdag 12. juni 2024",
        ["Borgerperspektiv"],
        [
            "Fagland og borgerland",
            "Brugerrejse",
            "Match mellem borger og teknologi",
            "Aktiv og passiv brug af teknologi",
        ],
        "Hvordan leder du ud fra et borgerperspektiv?",
    ),
    (
        "forandringsledelse",
        "Webinar 3",
        "onsdag 21. august 2024",
        ["Forandringsledelse"],
        ["Ledelse af digitale forandringsprocesser", "Påvirkning på faglighed, roller og relationer"],
        "Hvordan kan du give plads til, at medarbejderne eksperimenterer med digitale løsninger?",
    ),
    (
        "implementering-og-adfaerdsdesign",
        "Workshop 2",
        "onsdag 4. september 2024",
        ["Implementering og adfærdsdesign"],
        ["Gevinstrealisering", "Redskaber til adfærdsdesign"],
        "Hvordan kan du som leder fastholde engagement og skabe nye vaner efter, at nyhedsværdien er ovre?",
    ),
    (
        "kick-out",
        "Kick-out-webinar",
        "onsdag 2. oktober 2024",
        ["Opsamling"],
        ["AI og fremtidens digitale teknologier"],
        "Hvordan vil du arbejde med digitale kompetencer fremadrettet?",
    ),
]

# Tools the course teaches and that the evaluation report lists as passed on.
TOOLS = ["Teknologiradaren", "Brugerrejsen", "De 4 psykologiske grundbehov", "Fixed & growth mindset"]


def text_of(path: Path) -> str:
    """The visible text of a page's article (no navigation), tags removed, entities decoded."""
    raw = path.read_text("utf-8")
    raw = raw[raw.index("<article") : raw.index("</article>")]
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", raw)))


@pytest.mark.parametrize("session_id,label,date,themes,content,question", PILOT, ids=[p[0] for p in PILOT])
def test_every_session_of_the_pilot_is_on_its_page_and_the_front_page(
    kdl_site, session_id, label, date, themes, content, question
):
    page = text_of(kdl_site / "sessioner" / session_id / "index.html")
    assert label in page and date in page and question in page
    for theme in themes:
        assert theme in page
    for item in content:
        assert item in page
    # the front page's programme is compact: date, format, title and place; the details are on the page
    front = text_of(kdl_site / "index.html")
    programme = front[front.index("(.ics)") :]  # the rows follow the sentence with the calendar link
    row = programme[programme.index(date.split(" ", 1)[1]) :]
    assert row.index(label) < row.index(themes[0]) < 120
    assert question not in front


def test_programme_is_in_run_order_on_the_front_page(kdl_site):
    front = text_of(kdl_site / "index.html")
    cards = front.index("(.ics)")  # the programme's rows follow the sentence with the calendar link
    positions = [front.index(date.split(" ", 1)[1], cards) for _, _, date, *_ in PILOT]
    assert positions == sorted(positions)


def test_tool_pages_and_toolbox(kdl_site):
    toolbox = text_of(kdl_site / "vaerktoejer" / "index.html")
    for title in TOOLS:
        assert title in toolbox
    tool_pages = [p for p in (kdl_site / "vaerktoejer").iterdir() if (p / "index.html").is_file()]
    assert len(tool_pages) >= 10


def test_reading_list_has_every_session_and_a_total(kdl_site):
    page = text_of(kdl_site / "litteratur" / "index.html")
    assert re.search(r"\d+ titler, i alt omkring \d+ timer", page)
    for _, label, *_ in PILOT:
        assert label in page
    assert "Fuglseth" in page and "Deci" in page


def test_about_page_has_the_three_bearing_elements(kdl_site):
    page = text_of(kdl_site / "om-forloebet" / "index.html")
    for element in ("Ny viden og værktøjer", "Arbejde med case i praksis", "Udveksling af erfaringer"):
        assert element in page


def test_pages_are_in_danish(kdl_site):
    assert '<html lang="da"' in (kdl_site / "index.html").read_text("utf-8")


EXTERNAL = re.compile(r"""(?:src|href|srcset|action|content)\s*=\s*["'](?:https?:)?//(?P<host>[^/"']+)""", re.I)


def test_no_third_party_requests(kdl_site):
    """Nothing the browser fetches by itself comes from another host: no fonts, CDNs or analytics.

    Ordinary links (<a href>) to readings are fine: they are only followed when clicked.
    """
    offenders = []
    for path in kdl_site.rglob("*"):
        if path.suffix not in (".html", ".css", ".js"):
            continue
        text = path.read_text("utf-8", errors="replace")
        if path.suffix == ".html":
            text = re.sub(r"<a\b[^>]*>", "", text)  # links are not requests
            offenders += [(path.name, m.group("host")) for m in EXTERNAL.finditer(text)]
        else:
            offenders += [(path.name, m) for m in re.findall(r"url\(\s*['\"]?(?:https?:)?//([^/'\")]+)", text)]
            offenders += [(path.name, m) for m in re.findall(r"@import\s+['\"](?:https?:)?//([^/'\"]+)", text)]
    assert offenders == []
    front = (kdl_site / "index.html").read_text("utf-8")
    assert "fonts.googleapis" not in front and "fonts.gstatic" not in front


def test_search_is_in_danish(kdl_site):
    config = json.loads((kdl_site / "search" / "search_index.json").read_text("utf-8"))["config"]
    assert "da" in config["lang"]
    docs = json.loads((kdl_site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    assert any(
        "borgerperspektiv" in d["text"].lower() and d["location"].startswith("sessioner/borgerperspektiv") for d in docs
    )


def test_failed_build_leaves_site_untouched_and_shows_no_traceback(tmp_path):
    project = copy_project(tmp_path)
    (project / ".venv").symlink_to(ROOT / ".venv")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the previous build")
    run_file = project / "modules" / "runs" / "2024-pilot.yml"
    run_file.write_text(
        run_file.read_text("utf-8").replace("module: borgerperspektiv", "module: borgerperspektiw"), encoding="utf-8"
    )
    result = run(["make", "site"], cwd=project)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert (
        "modules/runs/2024-pilot.yml:26:13: sessions[3].module: unknown session 'borgerperspektiw' "
        "(did you mean 'borgerperspektiv'?)"
    ) in output
    assert [p.name for p in (project / "site").iterdir()] == ["index.html"]
    assert (project / "site" / "index.html").read_text() == "the previous build"
    assert not (project / ".site-build").exists()
