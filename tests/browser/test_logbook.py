"""The participant's logbook in a real browser: writing on the session pages with the keyboard, reload,
"Min logbog" in the run's order, export / delete / import (and a damaged file), merging that keeps newer
text, two runs on one host, storage that is blocked, JavaScript off, accessibility and print."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from curriculum.messages import Messages

from . import axe, chromium
from .server import serve
from .tour import is_local

WORDS = Messages("da").section("logbook")
CONTROLS = "input, textarea, button, select"

# What the participant writes: field -> (session page, text). In the run's order on "Min logbog".
WRITTEN = {
    "case": ("kick-off", "Skærmbesøg i hjemmeplejen: medicinpåmindelser til 40 borgere."),
    "goal-1": ("kick-off", "Lede en afprøvning sammen med medarbejderne."),
    "goal-2": ("kick-off", "Tale med borgerne om, hvad teknologien betyder for dem."),
    "kick-off:notes": ("kick-off", "Hvordan har andre kommuner inddraget borgerne?"),
    "forstaaelsesrammer:notes": ("forstaaelsesrammer", "Spørg til radarens ringe.\nOg til sektorerne."),
    "forstaaelsesrammer:practice-tried": ("forstaaelsesrammer", "Tegnede radaren på et personalemøde."),
    "forstaaelsesrammer:practice-with": ("forstaaelsesrammer", "To sygeplejersker og en terapeut."),
    "borgerperspektiv:notes": ("borgerperspektiv", "Hvor taber vi borgerne undervejs?"),
}


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
        page.goto(f"{site_url}sessioner/{session}/")
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
    page.goto(f"{site_url}sessioner/forstaaelsesrammer/")
    page.reload()
    assert page.locator(field_id("forstaaelsesrammer:notes")).input_value() == WRITTEN["forstaaelsesrammer:notes"][1]

    # "Min logbog": everything, in the run's order (the order of WRITTEN)
    page.goto(f"{site_url}min-logbog/")
    expected = [(field, text) for field, (_, text) in WRITTEN.items()]
    gathered = [item for item in shown(page) if item[0] in WRITTEN]
    assert gathered == expected

    # export to one file
    with page.expect_download() as download:
        page.locator("[data-logbook-action='export']").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    data = json.loads(saved.read_text("utf-8"))
    assert (data["format"], data["version"], data["course"], data["run"]) == ("course-logbook", 1, "KDL", "2024-pilot")
    assert {f: e["text"] for f, e in data["fields"].items()} == {f: t for f, (_, t) in WRITTEN.items()}

    # delete everything (after confirming), then import the file back
    page.locator("[data-logbook-action='delete']").click()
    yes = page.locator("[data-logbook-action='delete-yes']")
    assert yes.evaluate("e => e === document.activeElement")
    page.keyboard.press("Enter")
    assert shown(page) == []
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('course-'))") == []
    page.goto(f"{site_url}sessioner/kick-off/")
    assert page.locator(field_id("case")).input_value() == ""

    page.goto(f"{site_url}min-logbog/")
    file_input = page.locator("input[type='file'][data-logbook-action='import']")
    said = status_after(page, lambda: file_input.set_input_files(str(saved)))
    assert said == WORDS["imported"].replace("{count}", str(len(WRITTEN)))
    assert [item for item in shown(page) if item[0] in WRITTEN] == expected
    page.goto(f"{site_url}sessioner/kick-off/")
    assert page.locator(field_id("case")).input_value() == WRITTEN["case"][1]

    # a damaged file and a file that is no logbook: a message, and nothing changes
    page.goto(f"{site_url}min-logbog/")
    damaged = tmp_path / "damaged.json"
    damaged.write_text(saved.read_text("utf-8")[:200], "utf-8")
    other = tmp_path / "other.json"
    other.write_text(
        json.dumps(
            {
                "format": "course-logbook",
                "version": 1,
                "course": "KDL",
                "run": "2024-pilot",
                "fields": {"case": {"text": 42, "saved": "yesterday"}},
            }
        ),
        "utf-8",
    )
    for bad in (damaged, other):
        assert status_after(page, lambda bad=bad: file_input.set_input_files(str(bad))) == WORDS["import_damaged"]
    assert [item for item in shown(page) if item[0] in WRITTEN] == expected

    assert [url for url in context.requests if not is_local(url, site_url)] == []
    assert all("?" not in url and "#" not in url for url in context.requests if "min-logbog" in url)


def test_importing_never_overwrites_newer_text(context, site_url, tmp_path):
    page = context.new_page()
    first = {"kick-off:notes": ("kick-off", "Første udgave."), "case": ("kick-off", "Casen fra filen.")}
    write(page, site_url, first)
    page.goto(f"{site_url}min-logbog/")
    with page.expect_download() as download:
        page.locator("[data-logbook-action='export']").click()
    saved = tmp_path / "older.json"
    download.value.save_as(saved)

    # written again after the export: newer than the file; the case is deleted here
    page.goto(f"{site_url}sessioner/kick-off/")
    page.locator(field_id("kick-off:notes")).fill("Anden udgave, skrevet efter filen.")
    page.locator(field_id("case")).fill("")
    page.keyboard.press("Tab")
    page.wait_for_timeout(800)

    page.goto(f"{site_url}min-logbog/")
    said = status_after(page, lambda: page.locator("input[data-logbook-action='import']").set_input_files(str(saved)))
    assert WORDS["imported_kept"].replace("{kept}", "1") in said
    texts = dict(shown(page))
    assert texts["kick-off:notes"] == "Anden udgave, skrevet efter filen."  # newer text kept
    assert texts["case"] == "Casen fra filen."  # an empty field gets the file's text


def test_a_file_of_another_run_is_refused(context, site_url, tmp_path):
    page = context.new_page()
    page.goto(f"{site_url}min-logbog/")
    other = tmp_path / "other-run.json"
    other.write_text(
        json.dumps(
            {
                "format": "course-logbook",
                "version": 1,
                "course": "KDL",
                "run": "2027-foraar",
                "fields": {"case": {"text": "X", "saved": "2026-01-01T10:00:00.000Z"}},
            }
        ),
        "utf-8",
    )
    said = status_after(page, lambda: page.locator("input[data-logbook-action='import']").set_input_files(str(other)))
    assert said == WORDS["import_other_run"].replace("{run}", "2027-foraar")
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({"format": "course-logbook", "version": 2, "course": "KDL", "run": "2024-pilot"}))
    said = status_after(page, lambda: page.locator("input[data-logbook-action='import']").set_input_files(str(newer)))
    assert said == WORDS["import_newer"]
    assert shown(page) == []


def test_the_wheel_s_rounds_are_in_the_logbook_and_its_file(context, site_url, tmp_path):
    page = context.new_page()
    page.goto(f"{site_url}vaerktoejer/kompetencehjulet/")
    form = page.locator("form[data-course-assess]")
    area = form.locator("fieldset[data-area]").first.get_attribute("data-area")
    form.locator(f"fieldset[data-area='{area}'] input[value='4']").check()
    page.goto(f"{site_url}min-logbog/")
    cell = page.locator(f"table[data-logbook-wheel='kompetencehjulet'] td[data-round='1'][data-area='{area}']")
    assert cell.inner_text() == "4"
    with page.expect_download() as download:
        page.locator("[data-logbook-action='export']").click()
    saved = tmp_path / "with-wheel.json"
    download.value.save_as(saved)
    assert json.loads(saved.read_text("utf-8"))["wheels"]["kompetencehjulet"]["rounds"]["1"][area] == 4
    page.locator("[data-logbook-action='delete']").click()
    page.locator("[data-logbook-action='delete-yes']").click()
    assert cell.inner_text() == "–"
    # the wheel opens the logbook's file too: one file format for both
    page.goto(f"{site_url}vaerktoejer/kompetencehjulet/")
    form.locator("input[type='file'][data-action='import']").set_input_files(str(saved))
    page.wait_for_function(f"document.querySelector(\"fieldset[data-area='{area}'] input:checked\") !== null")
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
                {"kick-off:notes": ("kick-off", "Pilotholdets note."), "case": ("kick-off", "Pilotholdets case.")},
            )
            # the same session module in the other run: same fields, nothing of the pilot's text
            page.goto(nxt + "sessioner/kick-off/")
            assert page.locator(field_id("kick-off:notes")).input_value() == ""
            assert page.locator(field_id("case")).input_value() == ""
            page.goto(nxt + "min-logbog/")
            assert shown(page) == []
            write(page, nxt, {"kick-off:notes": ("kick-off", "Næste holds note.")})
            page.goto(pilot + "min-logbog/")
            assert dict(shown(page)) == {"case": "Pilotholdets case.", "kick-off:notes": "Pilotholdets note."}
            assert "Næste holds note." not in page.content()
            keys = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('course-logbook'))")
            assert sorted(keys) == ["course-logbook:KDL:2024-pilot", "course-logbook:KDL:2027-foraar-eksempel"]
    finally:
        context.close()


def test_blocked_storage_is_explained(browser, site_url):
    context = browser.new_context(service_workers="block")
    context.add_init_script("""Object.defineProperty(window, 'localStorage', {
        get() { throw new DOMException('The user denied storage', 'SecurityError'); } });""")
    try:
        page = context.new_page()
        page.goto(f"{site_url}sessioner/kick-off/")
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
        page.goto(f"{site_url}sessioner/kick-off/")
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
        write(page, site_url, {k: v for k, v in WRITTEN.items() if v[0] == "kick-off"})
        page.goto(f"{site_url}sessioner/kick-out/")
        page.locator("input[name='review-1'][value='3']").check()
        found = []
        for path in (
            "sessioner/kick-off/",
            "sessioner/kick-out/",
            "sessioner/borgerperspektiv/",
            "min-logbog/",
            "min-logbog/buddymoede-efter-forstaaelsesrammer/",
        ):
            page.goto(site_url + path)
            if path == "min-logbog/":
                page.locator("[data-logbook-action='delete']").click()  # the confirmation is checked too
            # a session page: its logbook (the rest of the page is the tour's, test_accessibility.py);
            # the logbook's own pages: all of it
            result = axe.audit(page, "[data-course-logbook]" if path.startswith("sessioner/") else None)
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
    page.goto(f"{site_url}min-logbog/")
    page.emulate_media(media="print")
    assert page.locator(CONTROLS).evaluate_all("els => els.filter(e => e.getClientRects().length).length") == 0
    out = tmp_path / "logbog.pdf"
    page.pdf(path=str(out), format="A4")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    for _, written in WRITTEN.values():
        assert " ".join(written.split()) in flat
    for word in (WORDS["export"], WORDS["import"], WORDS["delete"], WORDS["print"], WORDS["empty"]):
        assert word not in flat
    # the participant's text comes in the run's order
    positions = [flat.index(" ".join(t.split())) for _, t in WRITTEN.values()]
    assert positions == sorted(positions)


def test_text_typed_just_before_the_tab_is_closed_is_kept(context, site_url):
    page = context.new_page()
    page.goto(f"{site_url}sessioner/kick-off/")
    page.locator(field_id("case")).focus()
    page.keyboard.type("Skrevet lige før fanen blev lukket.")  # no pause: the timed save has not run yet
    page.close(run_before_unload=True)
    page = context.new_page()
    page.goto(f"{site_url}sessioner/kick-off/")
    assert page.locator(field_id("case")).input_value() == "Skrevet lige før fanen blev lukket."
