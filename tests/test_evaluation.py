"""The evaluation: the plan as data, a run's results as charts with tables, the checklist, and the
messages for mistakes in the evaluation files. The engine is tested on the English fixture course; the
published course's figures are read from its own results files in modules/."""

from __future__ import annotations

import html
import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from conftest import ROOT, write_modules
from curriculum.engine import generate
from curriculum.messages import Messages
from curriculum.problems import CurriculumError
from curriculum.validation import load_curriculum

SVG = "{http://www.w3.org/2000/svg}"
FIXTURE = ROOT / "tests" / "courses" / "en" / "modules"
EN = Messages("en")


@pytest.fixture(scope="module")
def pages():
    """The English fixture course's evaluation page in each edition."""
    return {
        edition: generate(FIXTURE, "autumn-2026", None, edition).pages["evaluation.md"]
        for edition in ("participant", "instructor")
    }


def charts(page: str) -> list[ET.Element]:
    """The wide charts (each item's small bar in the phone layout is an SVG of its own, without text)."""
    return [ET.fromstring(svg) for svg in re.findall(r'<svg\b[^>]*class="course-svg .*?</svg>', page, flags=re.S)]


def expected_figures(course) -> list[tuple[str, str]]:
    """(item, figure as the page writes it) for every item of every results file of the published course."""
    msg = course.messages
    return sorted(
        (item.item.upper(), msg("visuals.bars.no_figure") if item.percent is None else msg.percent(item.percent))
        for results in course.curriculum.results.values()
        for item in results.items
    )


def test_the_plan_has_the_three_methods_and_when_they_happen_in_the_run(pages):
    page = pages["participant"]
    for method in ("### Questionnaire", "### Observation", "### Interviews"):
        assert method in page
    assert "- After [Closing webinar](sessions/closing.md) (27 Oct): The questionnaire is sent the day after" in page
    assert "- During every session: A colleague observes the session." in page
    assert "- During [Kick-off webinar](sessions/opening.md) (8 Sep): Participants write down" in page


def test_every_questionnaire_item_of_the_published_course_has_its_figure_in_a_chart_and_a_table(course):
    page = generate(ROOT / "modules", course.run_id).pages[f"{course.address('evaluation')}.md"]
    svgs = charts(page)
    plan = course.curriculum.evaluation
    groups = [
        group
        for results in course.curriculum.results.values()
        for group in (plan.questionnaire if plan else [])
        if {i.id for i in group.items} & {r.item for r in results.items}
    ]
    assert len(svgs) == len(groups)  # a chart for each group of items with results
    shown = []
    for svg in svgs:
        assert svg.get("role") == "img"
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert title is not None and title.text and desc is not None
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        shown.append(desc.text)
    figures = expected_figures(course)
    for label, figure in figures:
        shown_as = figure if figure != course.messages("visuals.bars.no_figure") else figure.lower()
        assert any(f"{label}: {shown_as}" in text for text in shown), label
    rows = re.findall(r'<tr><th scope="row">(\w+)</th><td>.*?</td><td>([^<]*)</td>', page)
    assert sorted(rows) == figures


def test_an_item_without_a_figure_gets_no_bar_and_no_number(pages):
    svg = charts(pages["participant"])[0]  # 1A: 87.5 %, 1B: no figure
    bars = svg.findall(f".//{SVG}rect[@class='course-bar course-c0']")
    assert len(bars) == 1
    texts = [t.text for t in svg.iter(f"{SVG}text") if t.text]
    assert texts.count(EN("visuals.bars.no_figure_long")) == 1
    assert [t for t in texts if t.endswith("%") and t[0].isdigit() and "\xa0" not in t] == ["87.5%"]


def test_bar_lengths_follow_the_percentages(pages):
    svg = charts(pages["participant"])[1]  # 2A: 80, 2B: 60, 2C: 93
    grid = [float(line.get("x1")) for line in svg.iter(f"{SVG}line")][:5]  # 0, 25, 50, 75 and 100 %
    full = grid[4] - grid[0]
    widths = [float(r.get("width")) for r in svg.findall(f".//{SVG}rect[@class='course-bar course-c0']")]
    assert [round(w / full * 100) for w in widths] == [80, 60, 93]


def test_the_other_answers_the_results_state_are_in_the_table(pages):
    assert "Not at all: 10%, Do not know: 5%" in pages["participant"]


def test_recommendations_are_a_checklist_in_the_instructor_edition_only(pages):
    instructor, participant = pages["instructor"], pages["participant"]
    assert f"### {html.escape(EN('evaluation.checklist'))} {{ #tjekliste-autumn-2026 }}" in instructor
    assert '<div class="course-checklist" markdown>' in instructor
    assert instructor.count(f"*{EN('evaluation.next_run')}*") == 2
    assert "tjekliste" not in participant.lower() and EN("evaluation.checklist") not in participant
    procedure = f"**{EN('evaluation.procedure')}**"
    assert procedure in instructor and procedure not in participant


def test_a_next_run_adds_its_results_as_a_file(tmp_path, monkeypatch):
    """A second results file is a second section, the newest run first; items it has no figure for
    are shown without one."""
    monkeypatch.chdir(tmp_path)
    modules = tmp_path / "modules"
    shutil.copytree(FIXTURE, modules)
    (modules / "evaluation" / "results" / "spring-2027.yml").write_text(
        "id: spring-2027\nrun: spring-2027\ntitle: Results of spring 2027\n"
        "source: Our questionnaire.\nmeasure: The share who agree.\nrespondents: 20\n"
        "items:\n  - {item: 2a, percent: 87.5}\n",
        encoding="utf-8",
    )
    page = generate(modules, "autumn-2026").pages["evaluation.md"]
    assert page.index("## Results of spring 2027") < page.index("## Results of autumn 2026")
    assert "2A: 87.5%; 2B: not stated" in page
    assert "20 participants answered the questionnaire." in page


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
        (
            "modules/evaluation/results/test-run.yml:2:6: run: der er intet forløb med id'et 'test-rum' "
            "(mente du 'test-run'?); brug id'et på en fil i modules/runs/"
        ),
        (
            "modules/evaluation/results/test-run.yml:8:12: items[1].item: spørgeskemaet har intet punkt "
            "med id'et '1c'; brug id'et på et punkt under 'questionnaire' i modules/evaluation/plan.yml"
        ),
        (
            "modules/evaluation/results/test-run.yml:9:12: items[2].item: punktet '1a' har allerede et "
            "resultat i items[0]; giv hvert punkt ét resultat"
        ),
    ]


def test_a_percentage_above_100_is_refused(modules_dir, tmp_path):
    results = RESULTS.replace("percent: 80", "percent: 108")
    assert problems(tmp_path, {"evaluation/plan.yml": PLAN, "evaluation/results/test-run.yml": results}) == [
        (
            "modules/evaluation/results/test-run.yml:7:25: items[0].percent: 108 er uden for det tilladte; "
            "tallet må højst være 100"
        )
    ]


def test_results_without_a_plan(modules_dir, tmp_path):
    assert problems(tmp_path, {"evaluation/results/test-run.yml": RESULTS}) == [
        (
            "modules/evaluation/results/test-run.yml:7:3: items: der er ingen evalueringsplan; tilføj "
            "modules/evaluation/plan.yml med spørgeskemaets punkter, som resultaterne henviser til"
        )
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
        (
            "modules/evaluation/plan.yml:10:17: methods[0].touchpoints[0].moment: 'efter' kan ikke bruges "
            "her (mente du 'after'?); brug en af disse: before, during, after"
        ),
    ]
    plan = plan.replace("moment: efter", "moment: after")
    assert problems(tmp_path, {"evaluation/plan.yml": plan}) == [
        (
            "modules/evaluation/plan.yml:9:20: methods[0].touchpoints[0].sessions[0]: der er ingen session "
            "med id'et 'webinar-2' (mente du 'webinar-1'?); brug id'et på en fil i modules/sessions/"
        ),
        (
            "modules/evaluation/plan.yml:17:14: questionnaire[0].items[1].id: id'et '1a' bruges allerede "
            "af questionnaire[0].items[0]; giv hver sit eget id"
        ),
        (
            "modules/evaluation/plan.yml:18:9: questionnaire[1].id: id'et 'udbytte' bruges allerede af "
            "questionnaire[0]; giv hver sit eget id"
        ),
    ]


def test_a_touchpoint_must_say_when(modules_dir, tmp_path):
    plan = PLAN.replace("          - sessions: [webinar-1]\n            moment: after\n", "          - moment: after\n")
    assert problems(tmp_path, {"evaluation/plan.yml": plan}) == [
        (
            "modules/evaluation/plan.yml:9:9: methods[0].touchpoints[0]: skriv, hvornår det sker: tilføj "
            "'sessions:' med sessionernes id'er, eller 'every_session: true'"
        )
    ]
    plan = PLAN.replace("            moment: after\n", "            every_session: true\n            moment: after\n")
    assert problems(tmp_path, {"evaluation/plan.yml": plan}) == [
        (
            "modules/evaluation/plan.yml:10:24: methods[0].touchpoints[0].every_session: 'every_session: "
            "true' og en liste med 'sessions' kan ikke stå sammen; behold den ene af dem"
        )
    ]


def test_the_built_evaluation_page_keeps_charts_and_tables(course_site, course):
    """Markdown leaves the charts as they are: each SVG with its table, and every figure."""
    page = (course_site / course.address("evaluation") / "index.html").read_text("utf-8")
    charts_ = page.count('class="course-svg ')
    assert charts_ > 0 and page.count('<caption class="course-sr">') == charts_
    # each table is behind a "show as table" disclosure: in the page, not shown a second time
    summary = html.escape(course.messages("visuals.bars.show_table"), quote=False)
    assert page.count(f'<details class="course-alt">\n<summary>{summary}</summary>') == charts_
    for label, figure in expected_figures(course):
        cell = re.escape(html.escape(figure, quote=False)).replace("\xa0", "(?:\xa0|&nbsp;)")
        assert re.search(rf'<th scope="row">{label}</th><td>.*?</td><td>{cell}</td>', page), label
    assert f'href="{course.address("evaluation")}/"' in (course_site / "index.html").read_text("utf-8")  # navigation
