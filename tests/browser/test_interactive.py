"""The site's two scripts in a real browser: the front page's "what's next" box on a frozen clock,
and the competence wheel's self-assessment (keyboard, localStorage, export, clear, import)."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def local(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=COPENHAGEN)


@pytest.mark.parametrize("now,shown", [
    ("2024-03-01 09:00", {"session": "Kick-off-webinar"}),                   # before the course
    ("2024-04-17 10:30", {"now": "Workshop 1", "session": "Webinar 1"}),     # during the first workshop
    ("2024-05-01 08:00", {"session": "Webinar 1"}),                          # between two sessions
    ("2024-12-01 12:00", {"done": "afsluttet"}),                             # after the kick-out webinar
])
def test_whats_next_follows_the_clock(edition, browser, now, shown):
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        page.clock.set_fixed_time(local(now))
        page.goto(edition.base_url)
        page.locator("#course-next").wait_for(state="visible")
        for state in ("now", "session", "done"):
            line = page.locator(f'#course-next [data-course-next="{state}"]')
            assert line.is_visible() == (state in shown), state
            if state in shown:
                assert shown[state] in line.inner_text()
    finally:
        context.close()


def test_without_javascript_the_whole_programme_shows_and_no_box(edition, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(edition.base_url)
        assert not page.locator("#course-next").is_visible()
        cards = page.locator(".course-card")
        assert cards.count() == 7
        for i in range(cards.count()):
            assert cards.nth(i).is_visible()
    finally:
        context.close()


def test_self_assessment_by_keyboard_survives_reload_and_round_trips_through_a_file(edition, browser, tmp_path):
    context = browser.new_context(service_workers="block", accept_downloads=True)
    try:
        page = context.new_page()
        page.goto(edition.base_url + "vaerktoejer/kompetencehjulet/")
        form = page.locator("form[data-course-assess]")
        area = form.locator("fieldset[data-area]").first.get_attribute("data-area")
        wheel = page.locator(f"#v-kompetencehjulet svg g[data-area='{area}']").first  # the wide drawing

        # keyboard only: focus the first choice of the first area, then move to 3 with the arrow keys
        form.locator(f"fieldset[data-area='{area}'] input").first.focus()
        page.keyboard.press("Space")
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        assert form.locator(f"fieldset[data-area='{area}'] input:checked").get_attribute("value") == "3"
        assert wheel.locator(".course-wheel__cell.is-current").count() == 3
        assert page.locator(f"#v-kompetencehjulet-table [data-round='1'][data-area='{area}']").inner_text() == "3"
        assert form.locator(".course-assess__status").inner_text() != ""  # announced to screen readers

        ours = "Object.keys(localStorage).filter(k => k.startsWith('curriculum:'))"  # Material keeps its own keys
        assert page.evaluate(ours) == ["curriculum:kdl:2024-pilot:selfassessment:kompetencehjulet"]

        page.reload()
        assert form.locator(f"fieldset[data-area='{area}'] input:checked").get_attribute("value") == "3"
        assert wheel.locator(".course-wheel__cell.is-current").count() == 3

        with page.expect_download() as download:
            form.locator("button[data-action='export']").click()
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        assert json.loads(saved.read_text("utf-8"))["rounds"]["1"][area] == 3

        form.locator("button[data-action='clear']").click()
        assert form.locator(f"fieldset[data-area='{area}'] input:checked").count() == 0
        assert wheel.locator(".course-wheel__cell.is-current").count() == 0
        assert page.evaluate(ours) == []

        form.locator("input[type='file'][data-action='import']").set_input_files(str(saved))
        page.wait_for_function(
            f"document.querySelector(\"fieldset[data-area='{area}'] input:checked\") !== null")
        assert form.locator(f"fieldset[data-area='{area}'] input:checked").get_attribute("value") == "3"
        assert wheel.locator(".course-wheel__cell.is-current").count() == 3
    finally:
        context.close()


def test_importing_a_file_keeps_the_rounds_it_has_no_ratings_for(edition, browser, tmp_path):
    """Kick-off ratings from a file join the kick-out ratings made in this browser; neither is lost."""
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        page.goto(edition.base_url + "vaerktoejer/kompetencehjulet/")
        form = page.locator("form[data-course-assess]")
        first, second = form.locator("fieldset[data-area]").evaluate_all(
            "fs => fs.slice(0, 2).map(f => f.getAttribute('data-area'))")
        status = form.locator(".course-assess__status")
        cell = "#v-kompetencehjulet-table [data-round='{}'][data-area='{}']"

        def rate(round_: str, area: str, value: int) -> None:
            form.locator(f"input[name$='-round'][value='{round_}']").check()
            form.locator(f"fieldset[data-area='{area}'] input[value='{value}']").check()

        def import_file(name: str, data: dict) -> None:
            path = tmp_path / name
            path.write_text(json.dumps(data), "utf-8")
            status.evaluate("e => { e.textContent = ''; }")
            form.locator("input[type='file'][data-action='import']").set_input_files(str(path))
            page.wait_for_function("s => document.querySelector(s).textContent !== ''",
                                   arg=".course-assess__status")

        # this browser: the kick-out round (2) of the first area, and round 1 of the second area
        rate("1", second, 5)
        rate("2", first, 4)
        assert page.locator(cell.format(2, first)).inner_text() == "4"

        # a file with only round 1, as written by hand or by an older export
        import_file("kick-off.json", {"version": 1, "tool": "kompetencehjulet", "current": "1",
                                      "rounds": {"1": {first: 2}}})
        assert page.locator(cell.format(1, first)).inner_text() == "2"
        assert page.locator(cell.format(2, first)).inner_text() == "4"   # round 2 kept
        assert page.locator(cell.format(1, second)).inner_text() == "–"  # round 1 is the file's round 1
        assert "Første måling" in status.inner_text()
        # the round being filled in stays round 2: solid up to 4, the file's round 1 an outline at level 2
        # on top, in each of the three drawings (wide, narrow, and the small one beside the form)
        for svg in page.locator("svg[data-course-wheel='kompetencehjulet']").all():
            assert svg.locator(f"g[data-area='{first}'] .course-wheel__cell.is-current").count() == 4
            other = svg.locator(f".course-wheel__other.is-other[data-area='{first}']")
            assert other.count() == 1 and other.get_attribute("data-level") == "2"
        assert page.locator("svg[data-course-wheel='kompetencehjulet']").count() == 3

        # equal ratings stay distinguishable: the outline sits on the filled edge, and is drawn
        rate("2", first, 2)
        mini = page.locator(".course-assess__mini svg")
        assert mini.locator(f"g[data-area='{first}'] .course-wheel__cell.is-current").count() == 2
        outline = mini.locator(f".course-wheel__other.is-other[data-area='{first}']")
        assert outline.get_attribute("data-level") == "2" and outline.is_visible()
        rate("2", first, 4)

        # an exported kick-off file also names round 2, empty: round 2 is still kept
        import_file("exported.json", {"version": 1, "tool": "kompetencehjulet", "current": "1",
                                      "rounds": {"1": {first: 3}, "2": {}}})
        assert page.locator(cell.format(1, first)).inner_text() == "3"
        assert page.locator(cell.format(2, first)).inner_text() == "4"

        # a file without any rating changes nothing, and says so
        import_file("empty.json", {"version": 1, "tool": "kompetencehjulet", "rounds": {"1": {}, "2": {}}})
        assert page.locator(cell.format(1, first)).inner_text() == "3"
        assert page.locator(cell.format(2, first)).inner_text() == "4"

        # what is kept is also what is stored: a reload shows both rounds
        stored = json.loads(page.evaluate("localStorage.getItem('curriculum:kdl:2024-pilot:selfassessment:kompetencehjulet')"))
        assert stored["rounds"] == {"1": {first: 3}, "2": {first: 4}}
        page.reload()
        assert page.locator(cell.format(1, first)).inner_text() == "3"
        assert page.locator(cell.format(2, first)).inner_text() == "4"
    finally:
        context.close()


def test_a_blip_and_its_name_light_up_together_with_a_tooltip(page, edition):
    page.goto(edition.base_url + "vaerktoejer/teknologiradar/", wait_until="load")
    name = page.locator(".course-radar__key a").nth(4)
    blip = name.get_attribute("data-course-blip")
    dot = page.locator(f".course-radar__link[data-course-blip='{blip}']")
    tip = dot.locator(".course-radar__tip")
    assert tip.bounding_box()["width"] <= 1  # hidden until wanted (but read by screen readers)
    name.hover()
    assert "is-hot" in dot.get_attribute("class") and tip.bounding_box()["width"] > 40
    page.mouse.move(0, 0)
    assert "is-hot" not in dot.get_attribute("class")
    page.keyboard.press("Tab")
    dot.focus()  # by keyboard on the picture: the name beside it lights up, and the tooltip shows
    assert "is-hot" in name.get_attribute("class") and tip.bounding_box()["width"] > 40
    assert tip.inner_text().strip() == name.inner_text().strip()


@pytest.mark.parametrize("now,expected,gone", [
    ("2027-03-15 12:00", ["23. marts 2027", "24. marts 2027", "25. marts 2027"], ["28. april 2027"]),
    # during group A-B's meeting: it still shows; E-F-G met yesterday, so their next one is in April
    ("2027-03-24 14:30", ["24. marts 2027", "25. marts 2027", "27. april 2027"], ["23. marts 2027"]),
])
def test_whats_next_shows_each_buddy_groups_next_meeting(kdl_example_site, browser, now, expected, gone):
    from .server import serve

    with serve(kdl_example_site) as base_url:
        context = browser.new_context(service_workers="block")
        try:
            page = context.new_page()
            page.clock.set_fixed_time(local(now))
            page.goto(base_url)
            buddy = page.locator('#course-next [data-course-next="buddy"]')
            buddy.wait_for(state="visible")
            text = buddy.inner_text()
            for date in expected:
                assert date in text
            for date in gone:
                assert date not in text
        finally:
            context.close()
