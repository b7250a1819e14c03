"""The participant's logbook in a real browser: writing on the session pages with the keyboard, reload,
"Min logbog" in the run's order, export / delete / import (and a damaged file), merging that keeps newer
text, two runs on one host, storage that is blocked, JavaScript off, accessibility and print."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from curriculum.logbook import prompts, sheets

from . import axe, chromium
from .course import COURSE, address, run_sessions, session_page, tool_of_kind, tool_page
from .server import serve
from .tour import CHECKED, is_local

WORDS = COURSE.messages.section("logbook")
CONTROLS = "input, textarea, button, select"
SHORT = COURSE.curriculum.course.short_name  # KDL
RUN = COURSE.run_id
LOGBOOK = address("logbook")  # 'min-logbog/'
WHEEL = tool_of_kind("wheel")
# The run's first, second, third and last sessions (KDL's kick-off, forstaaelsesrammer,
# digitalt-kompetente-medarbejder and kick-out)
FIRST, SECOND, THIRD, LAST = (run_sessions()[i] for i in (0, 1, 2, -1))
# Every logbook field of each session of the run (curriculum.logbook), to check WRITTEN against.
FIELDS = {
    item.session.id: [field for prompt in prompts(COURSE.programme, item) for field in prompt.fields]
    for item in COURSE.programme.sessions
}

# What the participant writes: field -> (session, text). In the run's order on "Min logbog".
WRITTEN = {
    "case": (FIRST, "Skærmbesøg i hjemmeplejen: medicinpåmindelser til 40 borgere."),
    "goal-1": (FIRST, "Lede en afprøvning sammen med medarbejderne."),
    "goal-2": (FIRST, "Tale med borgerne om, hvad teknologien betyder for dem."),
    f"{FIRST}:notes": (FIRST, "Hvordan har andre kommuner inddraget borgerne?"),
    f"{SECOND}:notes": (SECOND, "Spørg til radarens ringe.\nOg til sektorerne."),
    f"{SECOND}:practice-tried": (SECOND, "Tegnede radaren på et personalemøde."),
    f"{SECOND}:practice-with": (SECOND, "To sygeplejersker og en terapeut."),
    f"{THIRD}:notes": (THIRD, "Hvor taber vi borgerne undervejs?"),
}
# A second session without a practice has no practice fields: the participant writes the others.
WRITTEN = {field: written for field, written in WRITTEN.items() if field in FIELDS[written[0]]}
assert {"case", "goal-1", f"{FIRST}:notes", f"{SECOND}:notes", f"{THIRD}:notes"} <= set(WRITTEN), FIELDS
NOTES = f"{FIRST}:notes"


# The buddy meeting sheet after the second session, in a run with buddy groups (a run without has no sheets):
# 'min-logbog/buddymoede-efter-forstaaelsesrammer/'
SHEETS = [
    f"{LOGBOOK}{COURSE.address('logbook_sheet')}-{sheet.item.session.id}/"
    for sheet in sheets(COURSE.programme)
    if sheet.item.session.id == SECOND
]


def field_id(field: str) -> str:
    return "#lb-" + field.replace(":", "--")


@pytest.fixture(scope="module")
def site_url(kdl_site):
    with serve(kdl_site) as base_url:
        yield base_url


@pytest.fixture
def context(browser, site_url):
    """A fresh browser profile that records every request and refuses any to another host."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, service_workers="block", accept_downloads=True
    )
    context.requests = []
    context.on("request", lambda request: context.requests.append(request.url))
    context.route(lambda url: not is_local(url, site_url), lambda route: route.abort())
    try:
        yield context
    finally:
        context.close()


def write(page, site_url: str, fields: dict[str, tuple[str, str]]) -> None:
    """Type each text into its field on its session page, with the keyboard, and wait for the save."""
    by_page: dict[str, list[str]] = {}
    for field, (session, _) in fields.items():
        by_page.setdefault(session, []).append(field)
    for session, names in by_page.items():
        page.goto(site_url + session_page(session))
        status = page.locator("[data-course-logbook] .course-logbook__status")
        for name in names:
            page.locator(field_id(name)).focus()
            page.keyboard.type(fields[name][1])
        page.keyboard.press("Tab")  # leaving the field saves at once, as a closed tab would
        status.wait_for(state="visible")
        assert status.inner_text().startswith(WORDS["saved"].split("{")[0])


def shown(page) -> list[tuple[str, str]]:
    """(field, text) of every filled-in text on the page, in document order (not the goals repeated
    above their review)."""
    found = page.locator("[data-logbook-show]:not(.is-empty):not(.course-logbook__goal)").evaluate_all(
        "els => els.map(e => [e.getAttribute('data-logbook-show'), e.textContent])"
    )
    return [tuple(item) for item in found]


def status_after(page, action) -> str:
    status = page.locator("[data-course-logbook-page] .course-logbook__status")
    status.evaluate("e => { e.textContent = ''; }")
    action()
    page.wait_for_function(
        "s => document.querySelector(s).textContent !== ''", arg="[data-course-logbook-page] .course-logbook__status"
    )
    return status.inner_text()


def test_write_reload_gather_export_delete_import(context, site_url, tmp_path):
    page = context.new_page()
    write(page, site_url, WRITTEN)

    # a reload shows what was written, in its field
    page.goto(site_url + session_page(SECOND))
    page.reload()
    assert page.locator(field_id(f"{SECOND}:notes")).input_value() == WRITTEN[f"{SECOND}:notes"][1]

    # "Min logbog": everything, in the run's order (the order of WRITTEN)
    page.goto(site_url + LOGBOOK)
    expected = [(field, text) for field, (_, text) in WRITTEN.items()]
    gathered = [item for item in shown(page) if item[0] in WRITTEN]
    assert gathered == expected

    # export to one file
    with page.expect_download() as download:
        page.locator("[data-logbook-action='export']").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    data = json.loads(saved.read_text("utf-8"))
    assert (data["format"], data["version"], data["course"], data["run"]) == ("course-logbook", 1, SHORT, RUN)
    assert {f: e["text"] for f, e in data["fields"].items()} == {f: t for f, (_, t) in WRITTEN.items()}

    # delete everything (after confirming), then import the file back
    page.locator("[data-logbook-action='delete']").click()
    yes = page.locator("[data-logbook-action='delete-yes']")
    assert yes.evaluate("e => e === document.activeElement")
    page.keyboard.press("Enter")
    assert shown(page) == []
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('course-'))") == []
    page.goto(site_url + session_page(FIRST))
    assert page.locator(field_id("case")).input_value() == ""

    page.goto(site_url + LOGBOOK)
    file_input = page.locator("input[type='file'][data-logbook-action='import']")
    said = status_after(page, lambda: file_input.set_input_files(str(saved)))
    assert said == WORDS["imported"].replace("{count}", str(len(WRITTEN)))
    assert [item for item in shown(page) if item[0] in WRITTEN] == expected
    page.goto(site_url + session_page(FIRST))
    assert page.locator(field_id("case")).input_value() == WRITTEN["case"][1]

    # a damaged file and a file that is no logbook: a message, and nothing changes
    page.goto(site_url + LOGBOOK)
    damaged = tmp_path / "damaged.json"
    damaged.write_text(saved.read_text("utf-8")[:200], "utf-8")
    other = tmp_path / "other.json"
    other.write_text(
        json.dumps(
            {
                "format": "course-logbook",
                "version": 1,
                "course": SHORT,
                "run": RUN,
                "fields": {"case": {"text": 42, "saved": "yesterday"}},
            }
        ),
        "utf-8",
    )
    for bad in (damaged, other):
        assert status_after(page, lambda bad=bad: file_input.set_input_files(str(bad))) == WORDS["import_damaged"]
    assert [item for item in shown(page) if item[0] in WRITTEN] == expected

    assert [url for url in context.requests if not is_local(url, site_url)] == []
    assert all("?" not in url and "#" not in url for url in context.requests if LOGBOOK in url)


def test_importing_never_overwrites_newer_text(context, site_url, tmp_path):
    page = context.new_page()
    first = {NOTES: (FIRST, "Første udgave."), "case": (FIRST, "Casen fra filen.")}
    write(page, site_url, first)
    page.goto(site_url + LOGBOOK)
    with page.expect_download() as download:
        page.locator("[data-logbook-action='export']").click()
    saved = tmp_path / "older.json"
    download.value.save_as(saved)

    # written again after the export: newer than the file; the case is deleted here
    page.goto(site_url + session_page(FIRST))
    page.locator(field_id(NOTES)).fill("Anden udgave, skrevet efter filen.")
    page.locator(field_id("case")).fill("")
    page.keyboard.press("Tab")
    page.wait_for_timeout(800)

    page.goto(site_url + LOGBOOK)
    said = status_after(page, lambda: page.locator("input[data-logbook-action='import']").set_input_files(str(saved)))
    assert WORDS["imported_kept"].replace("{kept}", "1") in said
    texts = dict(shown(page))
    assert texts[NOTES] == "Anden udgave, skrevet efter filen."  # newer text kept
    assert texts["case"] == "Casen fra filen."  # an empty field gets the file's text


def test_a_file_of_another_run_is_refused(context, site_url, tmp_path):
    page = context.new_page()
    page.goto(site_url + LOGBOOK)
    other = tmp_path / "other-run.json"
    other.write_text(
        json.dumps(
            {
                "format": "course-logbook",
                "version": 1,
                "course": SHORT,
                "run": COURSE.other_run(),
                "fields": {"case": {"text": "X", "saved": "2026-01-01T10:00:00.000Z"}},
            }
        ),
        "utf-8",
    )
    said = status_after(page, lambda: page.locator("input[data-logbook-action='import']").set_input_files(str(other)))
    assert said == WORDS["import_other_run"].replace("{run}", COURSE.other_run())
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({"format": "course-logbook", "version": 2, "course": SHORT, "run": RUN}))
    said = status_after(page, lambda: page.locator("input[data-logbook-action='import']").set_input_files(str(newer)))
    assert said == WORDS["import_newer"]
    assert shown(page) == []


def test_the_wheel_s_rounds_are_in_the_logbook_and_its_file(context, site_url, tmp_path):
    page = context.new_page()
    page.goto(site_url + tool_page(WHEEL))
    form = page.locator("form[data-course-assess]")
    area = form.locator("fieldset[data-area]").first.get_attribute("data-area")
    form.locator(f"fieldset[data-area='{area}'] input[value='4']").check()
    page.goto(site_url + LOGBOOK)
    cell = page.locator(f"table[data-logbook-wheel='{WHEEL}'] td[data-round='1'][data-area='{area}']")
    assert cell.inner_text() == "4"
    # the participant's own wheel, drawn as on the wheel's page: for the screen and the printout
    own = page.locator(f"figure#lb-{WHEEL} svg:visible")
    assert own.count() == 1 and own.locator(f"g[data-area='{area}'] .course-wheel__cell.is-current").count() == 4
    with page.expect_download() as download:
        page.locator("[data-logbook-action='export']").click()
    saved = tmp_path / "with-wheel.json"
    download.value.save_as(saved)
    assert json.loads(saved.read_text("utf-8"))["wheels"][WHEEL]["rounds"]["1"][area] == 4
    page.locator("[data-logbook-action='delete']").click()
    page.locator("[data-logbook-action='delete-yes']").click()
    assert cell.inner_text() == COURSE.messages("visuals.wheel.not_rated")
    assert own.locator(".course-wheel__cell.is-current").count() == 0
    # the one file opens here and brings the wheel's rounds back: the wheel's page has no file of its own,
    # it links here
    page.locator("input[type='file'][data-logbook-action='import']").set_input_files(str(saved))
    page.wait_for_function(
        "c => document.querySelector(c).textContent === '4'",
        arg=f"table[data-logbook-wheel='{WHEEL}'] td[data-round='1'][data-area='{area}']",
    )
    page.goto(site_url + tool_page(WHEEL))
    assert form.locator("input[type='file']").count() == 0
    page.get_by_role("link", name=COURSE.messages("visuals.wheel.save_link")).click()
    page.wait_for_url(site_url + LOGBOOK)
    page.goto(site_url + tool_page(WHEEL))
    page.wait_for_function(CHECKED, arg=f"fieldset[data-area='{area}'] input:checked")
    assert form.locator(f"fieldset[data-area='{area}'] input:checked").get_attribute("value") == "4"


def test_two_runs_on_one_host_keep_their_own_logbooks(browser, kdl_site, kdl_example_site, tmp_path):
    host = tmp_path / "host"
    shutil.copytree(kdl_site, host / "pilot")
    shutil.copytree(kdl_example_site, host / "naeste")
    context = browser.new_context(service_workers="block")
    try:
        with serve(host) as base_url:
            page = context.new_page()
            pilot, nxt = base_url + "pilot/", base_url + "naeste/"
            write(
                page,
                pilot,
                {NOTES: (FIRST, "Pilotholdets note."), "case": (FIRST, "Pilotholdets case.")},
            )
            # the same session module in the other run: same fields, nothing of the pilot's text
            page.goto(nxt + session_page(FIRST))
            assert page.locator(field_id(NOTES)).input_value() == ""
            assert page.locator(field_id("case")).input_value() == ""
            page.goto(nxt + LOGBOOK)
            assert shown(page) == []
            write(page, nxt, {NOTES: (FIRST, "Næste holds note.")})
            page.goto(pilot + LOGBOOK)
            assert dict(shown(page)) == {"case": "Pilotholdets case.", NOTES: "Pilotholdets note."}
            assert "Næste holds note." not in page.content()
            keys = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('course-logbook'))")
            assert sorted(keys) == sorted(f"course-logbook:{SHORT}:{run}" for run in (RUN, COURSE.other_run()))
    finally:
        context.close()


def test_blocked_storage_is_explained(browser, site_url):
    context = browser.new_context(service_workers="block")
    context.add_init_script("""Object.defineProperty(window, 'localStorage', {
        get() { throw new DOMException('The user denied storage', 'SecurityError'); } });""")
    try:
        page = context.new_page()
        page.goto(site_url + session_page(FIRST))
        notice = page.locator("[data-course-logbook] .course-logbook__unavailable")
        assert notice.is_visible() and notice.inner_text() == WORDS["unavailable"]
        page.locator(field_id("case")).fill("Noget")
        page.keyboard.press("Tab")
        status = page.locator("[data-course-logbook] .course-logbook__status")
        status.wait_for(state="visible")
        assert status.inner_text() == WORDS["save_failed"]
    finally:
        context.close()


def test_without_javascript_the_prompts_print_with_room_to_write(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + session_page(FIRST))
        assert page.locator(".course-logbook__noscript").is_visible()
        assert page.locator("label[for='lb-case']").inner_text() == WORDS["prompts"]["case"]["label"]
        page.emulate_media(media="print")
        assert (
            page.locator(f".course-logbook :is({CONTROLS})").evaluate_all(
                "els => els.filter(e => e.getClientRects().length).length"
            )
            == 0
        )
        lines = page.locator(".course-logbook__written[data-logbook-show='case']")
        assert lines.is_visible()
        assert lines.evaluate("e => getComputedStyle(e).backgroundImage").startswith("repeating-linear-gradient")
        assert lines.bounding_box()["height"] > 40
        assert page.locator("#lb-case-help").is_visible()  # the prompt itself is on the paper
    finally:
        context.close()


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_logbook_pages_have_no_axe_violations(browser, site_url, width, scheme):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=scheme, service_workers="block"
    )
    try:
        page = context.new_page()
        write(page, site_url, {k: v for k, v in WRITTEN.items() if v[0] == FIRST})
        page.goto(site_url + session_page(LAST))
        page.locator("input[name='review-1'][value='3']").check()
        found = []
        for path in (session_page(FIRST), session_page(LAST), session_page(THIRD), LOGBOOK, *SHEETS):
            assert page.goto(site_url + path).ok, path
            if path == LOGBOOK:
                page.locator("[data-logbook-action='delete']").click()  # the confirmation is checked too
                # the clicked button fades to its hover colours: axe sees it when the fade has ended
                page.evaluate("() => Promise.all(document.getAnimations().map(a => a.finished))")
            # a session page: its logbook (the rest of the page is the tour's, test_accessibility.py);
            # the logbook's own pages: all of it
            result = axe.audit(page, "[data-course-logbook]" if path.startswith(address("sessions")) else None)
            assert result["rules"] > 0
            found += [f"{path}: {line}" for line in axe.describe(result["violations"])]
            assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{path} scrolls sideways"
        assert found == []
    finally:
        context.close()


def test_the_printed_logbook_has_the_text_and_no_form_controls(context, site_url, tmp_path):
    for tool in ("pdftotext",):
        if shutil.which(tool) is None:
            chromium.unavailable(f"{tool} is missing (Debian package 'poppler-utils')")
    page = context.new_page()
    write(page, site_url, WRITTEN)
    page.goto(site_url + LOGBOOK)
    page.emulate_media(media="print")
    assert page.locator(CONTROLS).evaluate_all("els => els.filter(e => e.getClientRects().length).length") == 0
    out = tmp_path / "logbog.pdf"
    page.pdf(path=str(out), format="A4")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    for _, written in WRITTEN.values():
        assert " ".join(written.split()) in flat
    assert WORDS["empty"] not in flat
    # no button's words on paper: a word is printed only as often as the printed page's text without its
    # controls has it ('Print' in the English logbook's prose; KDL's button words: never)
    page.evaluate(f"() => document.querySelectorAll('.md-content :is({CONTROLS})').forEach(e => e.remove())")
    prose = " ".join(page.locator(".md-content").inner_text().split())
    for word in (WORDS["export"], WORDS["import"], WORDS["delete"], WORDS["print"]):
        assert flat.count(word) <= prose.count(word), word
    # the participant's text comes in the run's order
    positions = [flat.index(" ".join(t.split())) for _, t in WRITTEN.values()]
    assert positions == sorted(positions)


def test_text_typed_just_before_the_tab_is_closed_is_kept(context, site_url):
    page = context.new_page()
    page.goto(site_url + session_page(FIRST))
    page.locator(field_id("case")).focus()
    page.keyboard.type("Skrevet lige før fanen blev lukket.")  # no pause: the timed save has not run yet
    page.close(run_before_unload=True)
    page = context.new_page()
    page.goto(site_url + session_page(FIRST))
    assert page.locator(field_id("case")).input_value() == "Skrevet lige før fanen blev lukket."
