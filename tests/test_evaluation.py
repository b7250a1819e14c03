"""The evaluation: the plan as data, the pilot's results as charts with tables, the checklist, and the
messages for mistakes in the evaluation files."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from conftest import ROOT, write_modules
from curriculum.engine import generate
from curriculum.problems import CurriculumError
from curriculum.validation import load_curriculum

SVG = "{http://www.w3.org/2000/svg}"

# The percentages of the evaluation report (January 2025), typed in from the report independently of
# modules/: figures 2A-D, 3A-B, 4A-B, 5A-C and 6A-F. The report gives no figure for 6D and 6E.
REPORT = {
    "2A": 83,
    "2B": 78,
    "2C": 96,
    "2D": 95,
    "3A": 78,
    "3B": 82,
    "4A": 68,
    "4B": 90,
    "5A": 91,
    "5B": 78,
    "5C": 74,
    "6A": 96,
    "6B": 91,
    "6C": 96,
    "6D": None,
    "6E": None,
    "6F": 86,
}


@pytest.fixture(scope="module")
def pages():
    return {
        edition: generate(ROOT / "modules", "2024-pilot", None, edition).pages
        for edition in ("participant", "instructor")
    }


def charts(page: str) -> list[ET.Element]:
    """The wide charts (each item's small bar in the phone layout is an SVG of its own, without text)."""
    return [ET.fromstring(svg) for svg in re.findall(r'<svg\b[^>]*class="course-svg .*?</svg>', page, flags=re.S)]


def test_the_plan_has_the_three_methods_and_when_they_happen_in_the_run(pages):
    page = pages["participant"]["evaluering.md"]
    for method in ("### Spørgeskema", "### Observationer", "### Interviews"):
        assert method in page
    assert "- Efter [Kick-out-webinar](sessioner/kick-out.md) (2. okt.): Spørgeskemaet sendes ud" in page
    assert "- Under hver session: En evaluator observerer sessionen." in page
    assert "- Under [Kick-off-webinar](sessioner/kick-off.md) (8. apr.): Deltagerne skriver" in page


def test_every_questionnaire_item_has_its_figure_in_a_chart_and_a_table(pages):
    page = pages["participant"]["evaluering.md"]
    svgs = charts(page)
    assert len(svgs) == 5  # figures 2, 3, 4, 5 and 6
    shown: dict[str, int | None] = {}
    for svg in svgs:
        assert svg.get("role") == "img"
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert title is not None and title.text and desc is not None
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        for label, value in re.findall(r"(\d[A-F]): (\d+\xa0%|ikke oplyst)", desc.text):
            shown[label] = None if value == "ikke oplyst" else int(value.split("\xa0")[0])
    assert shown == REPORT
    table_rows = dict(re.findall(r'<tr><th scope="row">(\d[A-F])</th><td>.*?</td><td>([^<]*)</td>', page))
    assert {k: (None if v == "Ikke oplyst" else int(v.split("\xa0")[0])) for k, v in table_rows.items()} == REPORT


def test_an_item_without_a_figure_gets_no_bar_and_no_number(pages):
    page = pages["participant"]["evaluering.md"]
    svg = charts(page)[-1]
    bars = svg.findall(f".//{SVG}rect[@class='course-bar course-c0']")
    assert len(bars) == 4  # 6A, 6B, 6C, 6F; not 6D and 6E
    texts = [t.text for t in svg.iter(f"{SVG}text") if t.text]
    assert texts.count("Kilden oplyser ikke et tal for dette spørgsmål") == 2
    numbers = sorted(
        int(t.split("\xa0")[0])
        for t in texts
        if t.endswith("\xa0%") and t[0].isdigit() and t.split("\xa0")[0] not in ("0", "25", "50", "75", "100")
    )
    assert numbers == sorted(v for k, v in REPORT.items() if k.startswith("6") and v is not None)


def test_bar_lengths_follow_the_percentages(pages):
    svg = charts(pages["participant"]["evaluering.md"])[0]
    grid = [float(line.get("x1")) for line in svg.iter(f"{SVG}line")][:5]  # 0, 25, 50, 75 and 100 %
    full = grid[4] - grid[0]
    widths = [float(r.get("width")) for r in svg.findall(f".//{SVG}rect[@class='course-bar course-c0']")]
    assert [round(w / full * 100) for w in widths] == [83, 78, 96, 95]


def test_the_other_answers_the_report_states_are_in_the_table(pages):
    page = pages["participant"]["evaluering.md"]
    assert "Slet ikke: 5\xa0%, Ved ikke: 5\xa0%" in page


def test_recommendations_are_a_checklist_in_the_instructor_edition_only(pages):
    instructor, participant = pages["instructor"]["evaluering.md"], pages["participant"]["evaluering.md"]
    assert "### Anbefalinger: tjekliste til næste hold { #tjekliste-2024-pilot }" in instructor
    assert '<div class="course-checklist" markdown>' in instructor
    assert instructor.count("*Til næste hold:*") == 9
    assert "tjekliste" not in participant.lower()
    assert "**Sådan gør underviserne:**" in instructor and "Sådan gør underviserne" not in participant


def test_a_next_run_adds_its_results_as_a_file(tmp_path, monkeypatch):
    """A second results file is a second section, the newest run first; items it has no figure for
    are shown without one."""
    monkeypatch.chdir(tmp_path)
    modules = tmp_path / "modules"
    import shutil

    shutil.copytree(ROOT / "modules", modules)
    (modules / "evaluation" / "results" / "2027-eksempel.yml").write_text(
        "id: 2027-eksempel\nrun: 2027-foraar-eksempel\ntitle: Resultater fra holdet i 2027\n"
        "source: Eget spørgeskema.\nmeasure: Andel, der er enige.\nrespondents: 20\n"
        "items:\n  - {item: 2a, percent: 87.5}\n",
        encoding="utf-8",
    )
    page = generate(modules, "2024-pilot").pages["evaluering.md"]
    assert page.index("## Resultater fra holdet i 2027") < page.index("## Resultater fra pilotforløbet 2024")
    assert "2A: 87,5\xa0%; 2B: ikke oplyst" in page
    assert "20 deltagere besvarede spørgeskemaet." in page


# ------------------------------------------------------------------ validation


PLAN = """\
    title: Evaluering
    intro: Sådan evalueres kurset.
    methods:
      - id: spoergeskema
        kind: questionnaire
        title: Spørgeskema
        description: Et spørgeskema.
        touchpoints:
          - sessions: [webinar-1]
            moment: after
            what: Sendes ud.
    questionnaire:
      - id: udbytte
        title: Udbytte
        items:
          - {id: 1a, text: Jeg har lært noget.}
          - {id: 1b, text: Jeg bruger det.}
    """

RESULTS = """\
    id: test-run
    run: test-run
    title: Resultater
    source: Spørgeskemaet.
    measure: Andel, der er enige.
    items:
      - {item: 1a, percent: 80}
      - {item: 1b}
    """


def problems(tmp_path, files) -> list[str]:
    write_modules(tmp_path, files)
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(tmp_path / "modules")
    return [str(p) for p in caught.value.problems]


def test_a_valid_plan_and_results(modules_dir, tmp_path):
    write_modules(tmp_path, {"evaluation/plan.yml": PLAN, "evaluation/results/test-run.yml": RESULTS})
    cur = load_curriculum(tmp_path / "modules")
    assert cur.results["test-run"].items[1].percent is None
    page = generate(tmp_path / "modules").pages["evaluering.md"]
    assert "1A: 80\xa0%; 1B: ikke oplyst." in page


def test_result_messages(modules_dir, tmp_path):
    results = (
        RESULTS.replace("run: test-run", "run: test-rum").replace("{item: 1b}", "{item: 1c}").rstrip(" ")
        + "      - {item: 1a, percent: 60}\n"
    )
    assert problems(tmp_path, {"evaluation/plan.yml": PLAN, "evaluation/results/test-run.yml": results}) == [
        "modules/evaluation/results/test-run.yml:2:6: run: unknown run 'test-rum' (did you mean 'test-run'?); "
        "use the id of a file in modules/runs/",
        "modules/evaluation/results/test-run.yml:8:12: items[1].item: unknown questionnaire item '1c'; "
        "use the id of an item under 'questionnaire' in modules/evaluation/plan.yml",
        "modules/evaluation/results/test-run.yml:9:12: items[2].item: the item '1a' already has a result in "
        "items[0]; give each item one result",
    ]


def test_a_percentage_above_100_is_refused(modules_dir, tmp_path):
    results = RESULTS.replace("percent: 80", "percent: 108")
    assert problems(tmp_path, {"evaluation/plan.yml": PLAN, "evaluation/results/test-run.yml": results}) == [
        "modules/evaluation/results/test-run.yml:7:25: items[0].percent: 108 is out of range; it must be at most 100"
    ]


def test_results_without_a_plan(modules_dir, tmp_path):
    assert problems(tmp_path, {"evaluation/results/test-run.yml": RESULTS}) == [
        "modules/evaluation/results/test-run.yml:7:3: items: there is no evaluation plan; add "
        "modules/evaluation/plan.yml with the questionnaire's items, which the results refer to"
    ]


def test_plan_messages(modules_dir, tmp_path):
    plan = (
        PLAN.replace("sessions: [webinar-1]", "sessions: [webinar-2]").replace("{id: 1b,", "{id: 1a,").rstrip(" ")
        + """\
      - id: udbytte
        title: Igen
        items: [{id: 2a, text: Mere.}]
    """
    )
    plan = plan.replace("        moment: after\n", "        moment: efter\n")
    assert problems(tmp_path, {"evaluation/plan.yml": plan}) == [
        "modules/evaluation/plan.yml:10:17: methods[0].touchpoints[0].moment: 'efter' is not allowed here (did you "
        "mean 'after'?); use one of: before, during, after",
    ]
    plan = plan.replace("moment: efter", "moment: after")
    assert problems(tmp_path, {"evaluation/plan.yml": plan}) == [
        "modules/evaluation/plan.yml:9:20: methods[0].touchpoints[0].sessions[0]: unknown session 'webinar-2' "
        "(did you mean 'webinar-1'?); use the id of a file in modules/sessions/",
        "modules/evaluation/plan.yml:17:14: questionnaire[0].items[1].id: the item '1a' is already used by "
        "questionnaire[0].items[0]; give each item its own id",
        "modules/evaluation/plan.yml:18:9: questionnaire[1].id: the group 'udbytte' is already used by "
        "questionnaire[0]; give each group its own id",
    ]


def test_a_touchpoint_must_say_when(modules_dir, tmp_path):
    plan = PLAN.replace("          - sessions: [webinar-1]\n            moment: after\n", "          - moment: after\n")
    assert problems(tmp_path, {"evaluation/plan.yml": plan}) == [
        "modules/evaluation/plan.yml:9:9: methods[0].touchpoints[0]: say when this happens: add 'sessions:' with "
        "the ids of the sessions, or 'every_session: true'"
    ]
    plan = PLAN.replace("            moment: after\n", "            every_session: true\n            moment: after\n")
    assert problems(tmp_path, {"evaluation/plan.yml": plan}) == [
        "modules/evaluation/plan.yml:10:24: methods[0].touchpoints[0].every_session: 'every_session: true' and a "
        "list of 'sessions' cannot both be given; keep one of them"
    ]


def test_the_built_evaluation_page_keeps_charts_and_tables(kdl_site):
    """Markdown leaves the charts as they are: five SVGs, each with its table, and every figure."""
    page = (kdl_site / "evaluering" / "index.html").read_text("utf-8")
    assert page.count('role="img"') == 5 and page.count('<caption class="course-sr">') == 5
    # each table is behind a "Vis som tabel" disclosure: in the page, not shown a second time
    assert page.count('<details class="course-alt">\n<summary>Vis som tabel</summary>') == 5
    for label, value in REPORT.items():
        cell = "Ikke oplyst" if value is None else f"{value}\xa0%"
        assert re.search(rf'<th scope="row">{label}</th><td>.*?</td><td>{cell}</td>', page), label
    assert 'href="evaluering/"' in (kdl_site / "index.html").read_text("utf-8")  # in the navigation
