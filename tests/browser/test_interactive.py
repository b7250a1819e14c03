"""The site's two scripts in a real browser: the front page's "what's next" box on a frozen clock,
and the competence wheel's self-assessment (keyboard, localStorage, in view while answered, clear, and its
file on "Min logbog")."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest

from . import axe
from .conftest import PARTICIPANT, only
from .course import COURSE, WORDS, address, tool_of_kind, tool_page
from .server import serve
from .tour import CHECKED

ZONE = ZoneInfo(COURSE.run.timezone)


def local(text: str, zone: ZoneInfo = ZONE) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=zone)


def at(day: dt.date, clock: dt.time) -> str:
    return dt.datetime.combine(day, clock).isoformat(sep=" ", timespec="minutes")


# The published run's sessions (modules/runs/, the run of mkdocs.yml), local start and end, and labels.
PROGRAMME = COURSE.programme.sessions
SESSIONS = [(at(item.slot.date, item.slot.start), at(item.slot.date, item.slot.end)) for item in PROGRAMME]
LABELS = [COURSE.label(item) for item in PROGRAMME]
# During the run's second session (KDL's first workshop): halfway through it.
DURING = (local(SESSIONS[1][0]) + (local(SESSIONS[1][1]) - local(SESSIONS[1][0])) / 2).strftime("%Y-%m-%d %H:%M")
# Between the second session and the third: halfway from the one's end to the other's start.
BETWEEN = (local(SESSIONS[1][1]) + (local(SESSIONS[2][0]) - local(SESSIONS[1][1])) / 2).strftime("%Y-%m-%d %H:%M")
WHEEL = tool_of_kind("wheel")  # the competence wheel, whose self-assessment is tested
SHORT = COURSE.curriculum.course.short_name  # KDL
# The browser storage of the course's run: 'curriculum:kdl:2024-pilot' (the short name's letters, lowercase)
STORAGE = "curriculum:" + "".join(c for c in SHORT.lower() if c.isalnum()) + f":{COURSE.run_id}"


# The scripts are the same in both editions (mkdocs.yml's extra_javascript, which mkdocs.instructor.yml
# inherits): what they do is tested on the participant edition of each builder.
@only(*PARTICIPANT)
@pytest.mark.parametrize(
    "now,shown",
    [
        (at(PROGRAMME[0].slot.date - dt.timedelta(days=38), dt.time(9)), {"session": LABELS[0]}),  # before the course
        (DURING, {"now": LABELS[1], "session": LABELS[2]}),  # during the second session
        (BETWEEN, {"session": LABELS[2]}),  # between two sessions
        (
            at(PROGRAMME[-1].slot.date + dt.timedelta(days=60), dt.time(12)),
            {"done": WORDS("home.next_done")},
        ),  # after the last session
    ],
    ids=["before", "during", "between", "after"],
)
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
        # the box comes first, before the introduction and the programme
        order = page.evaluate("""() => ['#course-next', 'article > p', '.course-programme'].map(
            s => document.querySelector(s).getBoundingClientRect().top)""")
        assert order == sorted(order)
        # the programme marks the sessions that are over, and the one under way or next
        rows = page.locator(".course-programme__item")
        statuses = [rows.nth(i).locator("[data-course-status]").inner_text() for i in range(rows.count())]
        ended = sum(1 for start, end in SESSIONS if local(end) <= local(now))
        assert statuses[:ended] == [WORDS("home.status_past")] * ended
        current = page.locator('.course-programme__item[aria-current="step"]')
        if "done" in shown:
            assert current.count() == 0 and ended == len(SESSIONS)
        else:
            assert current.count() == 1
            word = WORDS("home.status_current") if "now" in shown else WORDS("home.status_upcoming")
            assert current.locator("[data-course-status]").inner_text() == word
            assert all(s == "" for s in statuses[ended + 1 :])
    finally:
        context.close()


@only(*PARTICIPANT)
def test_without_javascript_the_whole_programme_shows_and_no_box(edition, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(edition.base_url)
        assert not page.locator("#course-next").is_visible()
        rows = page.locator(".course-programme__item")
        assert rows.count() == len(SESSIONS)
        for i in range(rows.count()):
            assert rows.nth(i).is_visible()
            assert rows.nth(i).locator("a").first.is_visible()
        assert page.locator(".course-programme__status:not(:empty)").count() == 0
    finally:
        context.close()


LOGBOOK = address("logbook")  # "Min logbog": where all answers are saved, opened and printed in one file
# The wheel is in the viewport; a choice is in it and not under the wheel (the topmost element at its centre)
IN_VIEW = """e => { const r = e.getBoundingClientRect();
  return r.height > 100 && r.top >= 0 && r.bottom <= window.innerHeight; }"""
UNCOVERED = """e => { const r = e.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  return y > 0 && y < window.innerHeight && document.elementFromPoint(x, y) === e; }"""


def open_on_logbook(page, base_url: str, path) -> str:
    """Open a file on "Min logbog" (the one place that opens one): what its status line says."""
    page.goto(base_url + LOGBOOK)
    status = page.locator("[data-course-logbook-page] .course-logbook__status")
    page.locator("input[type='file'][data-logbook-action='import']").set_input_files(str(path))
    page.wait_for_function("s => document.querySelector(s).textContent !== ''", arg=".course-logbook__status")
    return status.inner_text()


@only(*PARTICIPANT)
def test_self_assessment_by_keyboard_survives_reload_and_round_trips_through_a_file(edition, browser, tmp_path):
    context = browser.new_context(service_workers="block", accept_downloads=True)
    try:
        page = context.new_page()
        page.goto(edition.base_url + tool_page(WHEEL))
        form = page.locator("form[data-course-assess]")
        area = form.locator("fieldset[data-area]").first.get_attribute("data-area")
        figure = page.locator(f"figure#v-{WHEEL}")
        shown = figure.locator("svg:visible")
        assert shown.count() == 1  # one wheel, the participant's own, beside the questions
        wheel = shown.locator(f"g[data-area='{area}']")

        # keyboard only: focus the first choice of the first area, then move to 3 with the arrow keys
        form.locator(f"fieldset[data-area='{area}'] input").first.focus()
        page.keyboard.press("Space")
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        assert form.locator(f"fieldset[data-area='{area}'] input:checked").get_attribute("value") == "3"
        assert wheel.locator(".course-wheel__cell.is-current").count() == 3
        assert page.locator(f"#v-{WHEEL}-table [data-round='1'][data-area='{area}']").inner_text() == "3"
        assert form.locator(".course-assess__status").inner_text() != ""  # announced to screen readers
        # the wheel that fills in stays in view while the last question is answered, on a desktop and a phone
        for size in ({"width": 1280, "height": 720}, {"width": 375, "height": 812}):
            page.set_viewport_size(size)
            page.evaluate("document.activeElement.blur(); window.scrollTo(0, 0)")
            last = form.locator("fieldset[data-area] input").last
            last.focus()  # as the Tab key does: the browser scrolls it into view
            assert figure.evaluate(IN_VIEW), size
            assert last.evaluate(UNCOVERED), size  # below the wheel on a phone, beside it on a desktop
            assert figure.locator("svg:visible").count() == 1
        page.set_viewport_size({"width": 1280, "height": 720})

        ours = "Object.keys(localStorage).filter(k => k.startsWith('curriculum:'))"  # Material keeps its own keys
        assert page.evaluate(ours) == [f"{STORAGE}:selfassessment:{WHEEL}"]

        page.reload()
        assert form.locator(f"fieldset[data-area='{area}'] input:checked").get_attribute("value") == "3"
        assert wheel.locator(".course-wheel__cell.is-current").count() == 3

        # one file for everything: saved on "Min logbog", with the logbook and the wheel
        page.goto(edition.base_url + LOGBOOK)
        with page.expect_download() as download:
            page.locator("[data-logbook-action='export']").click()
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        data = json.loads(saved.read_text("utf-8"))
        assert data["format"] == "course-logbook" and data["wheels"][WHEEL]["rounds"]["1"][area] == 3

        page.goto(edition.base_url + tool_page(WHEEL))
        form.locator("button[data-action='clear']").click()
        assert form.locator(f"fieldset[data-area='{area}'] input:checked").count() == 0
        assert wheel.locator(".course-wheel__cell.is-current").count() == 0
        assert page.evaluate(ours) == []

        open_on_logbook(page, edition.base_url, saved)
        page.goto(edition.base_url + tool_page(WHEEL))
        page.wait_for_function(CHECKED, arg=f"fieldset[data-area='{area}'] input:checked")
        assert form.locator(f"fieldset[data-area='{area}'] input:checked").get_attribute("value") == "3"
        assert wheel.locator(".course-wheel__cell.is-current").count() == 3
    finally:
        context.close()


@only(*PARTICIPANT)
def test_importing_a_file_keeps_the_rounds_it_has_no_ratings_for(edition, browser, tmp_path):
    """Kick-off ratings from a file join the kick-out ratings made in this browser; neither is lost. A file
    the wheel saved on its own (an earlier version of the site) still opens on "Min logbog"."""
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        page.goto(edition.base_url + tool_page(WHEEL))
        form = page.locator("form[data-course-assess]")
        first, second = form.locator("fieldset[data-area]").evaluate_all(
            "fs => fs.slice(0, 2).map(f => f.getAttribute('data-area'))"
        )
        cell = f"#v-{WHEEL}-table" + " [data-round='{}'][data-area='{}']"

        def rate(round_: str, area: str, value: int) -> None:
            form.locator(f"input[name$='-round'][value='{round_}']").check()
            form.locator(f"fieldset[data-area='{area}'] input[value='{value}']").check()

        def import_file(name: str, data: dict) -> str:
            path = tmp_path / name
            path.write_text(json.dumps(data), "utf-8")
            said = open_on_logbook(page, edition.base_url, path)
            page.goto(edition.base_url + tool_page(WHEEL))
            return said

        # this browser: the kick-out round (2) of the first area, and round 1 of the second area
        rate("1", second, 5)
        rate("2", first, 4)
        assert page.locator(cell.format(2, first)).inner_text() == "4"

        # a file with only round 1, as written by hand or by an older export
        import_file("kick-off.json", {"version": 1, "tool": WHEEL, "current": "1", "rounds": {"1": {first: 2}}})
        assert page.locator(cell.format(1, first)).inner_text() == "2"
        assert page.locator(cell.format(2, first)).inner_text() == "4"  # round 2 kept
        assert page.locator(cell.format(1, second)).inner_text() == WORDS(
            "visuals.wheel.not_rated"
        )  # round 1 is the file's round 1
        # the round being filled in is round 2 again: solid up to 4, the file's round 1 an outline at level 2
        # on top, in both drawings (the wide one is on paper)
        rate("2", first, 4)
        for svg in page.locator(f"svg[data-course-wheel='{WHEEL}']").all():
            assert svg.locator(f"g[data-area='{first}'] .course-wheel__cell.is-current").count() == 4
            other = svg.locator(f".course-wheel__other.is-other[data-area='{first}']")
            assert other.count() == 1 and other.get_attribute("data-level") == "2"
        assert page.locator(f"svg[data-course-wheel='{WHEEL}']").count() == 2

        # equal ratings stay distinguishable: the outline sits on the filled edge, and is drawn
        rate("2", first, 2)
        shown = page.locator(f"figure#v-{WHEEL} svg:visible")
        assert shown.locator(f"g[data-area='{first}'] .course-wheel__cell.is-current").count() == 2
        outline = shown.locator(f".course-wheel__other.is-other[data-area='{first}']")
        assert outline.get_attribute("data-level") == "2" and outline.is_visible()
        rate("2", first, 4)

        # an exported kick-off file also names round 2, empty: round 2 is still kept
        import_file(
            "exported.json",
            {"version": 1, "tool": WHEEL, "current": "1", "rounds": {"1": {first: 3}, "2": {}}},
        )
        assert page.locator(cell.format(1, first)).inner_text() == "3"
        assert page.locator(cell.format(2, first)).inner_text() == "4"

        # a file without any rating changes nothing, and says so
        said = import_file("empty.json", {"version": 1, "tool": WHEEL, "rounds": {"1": {}, "2": {}}})
        assert said == COURSE.messages("logbook.import_nothing")
        assert page.locator(cell.format(1, first)).inner_text() == "3"
        assert page.locator(cell.format(2, first)).inner_text() == "4"

        # what is kept is also what is stored: a reload shows both rounds
        stored = json.loads(page.evaluate(f"localStorage.getItem('{STORAGE}:selfassessment:{WHEEL}')"))
        assert stored["rounds"] == {"1": {first: 3}, "2": {first: 4}}
        page.reload()
        assert page.locator(cell.format(1, first)).inner_text() == "3"
        assert page.locator(cell.format(2, first)).inner_text() == "4"
    finally:
        context.close()


@only(*PARTICIPANT)
def test_a_blip_and_its_name_light_up_together_with_a_tooltip(page, edition):
    """At 1280 px the radar's blips are links of 24 px or more; their names are beside the picture, or (a radar
    too dense for links beside them: stacked) in the list under it."""
    page.goto(edition.base_url + tool_page(tool_of_kind("radar")), wait_until="load")
    dots = page.locator(".course-radar__link")
    dot = dots.nth(min(4, dots.count() - 1))  # the fifth, or the last of fewer
    assert dot.is_visible() and page.locator(".course-radar__num").filter(visible=True).count() == 0
    box = dot.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    blip = dot.get_attribute("data-course-blip")
    tip = dot.locator(".course-radar__tip")
    assert tip.bounding_box()["width"] <= 1  # hidden until wanted (but read by screen readers)
    name = page.locator(f".course-radar__key a[data-course-blip='{blip}']")
    if name.is_visible():
        name.hover()
        assert "is-hot" in dot.get_attribute("class") and tip.bounding_box()["width"] > 40
        page.mouse.move(0, 0)
        assert "is-hot" not in dot.get_attribute("class")
    else:  # stacked: no names beside the picture
        assert "course-radar--stacked" in page.locator("figure.course-radar").get_attribute("class")
        dot.hover()
        assert tip.bounding_box()["width"] > 40
        page.mouse.move(0, 0)
    page.keyboard.press("Tab")
    dot.focus()  # by keyboard on the picture: the name beside it lights up, and the tooltip shows
    assert tip.bounding_box()["width"] > 40
    if name.is_visible():
        assert "is-hot" in name.get_attribute("class")
    described = page.locator(f"li#{blip} strong").text_content().strip()  # in the list, folded until opened
    assert tip.inner_text().strip() == described


# The other run of the course (one with buddy groups; KDL's 2027-foraar-eksempel), built as kdl_example_site.
OTHER = COURSE.curriculum.runs[COURSE.other_run()]
OTHER_ZONE = ZoneInfo(OTHER.timezone)
# During that run: the day after its second session, at noon; before it: 45 days before its first.
OTHER_DURING = local(at(OTHER.sessions[1].date + dt.timedelta(days=1), dt.time(12)), OTHER_ZONE)
OTHER_BEFORE = local(at(OTHER.sessions[0].date - dt.timedelta(days=45), dt.time(12)), OTHER_ZONE)


def test_whats_next_shows_the_readers_own_buddy_meeting_chosen_once_and_remembered(kdl_example_site, browser):
    """During the course the box asks for the reader's group once; the choice is kept in this browser under
    a key scoped to the course and the run, survives a reload, and shows that group's next meeting only."""
    with serve(kdl_example_site) as base_url:
        context = browser.new_context(service_workers="block", viewport={"width": 375, "height": 800})
        try:
            page = context.new_page()
            page.clock.set_fixed_time(OTHER_DURING)
            page.goto(base_url)
            buddy = page.locator('#course-next [data-course-next="buddy"]')
            buddy.wait_for(state="visible")
            select = buddy.locator("select")
            assert select.is_visible() and not buddy.locator('[data-course-buddy="meeting"]').is_visible()
            assert not buddy.locator('[data-course-buddy="change"]').is_visible()
            # keyboard: the chooser has a label and takes the group
            chooser = WORDS("home.next_buddy_choose")
            assert page.locator("label[for='course-buddy-group']").inner_text().startswith(chooser)
            options = select.locator("option")  # the fourth (a group), or the last group of fewer
            select.select_option(label=options.nth(min(3, options.count() - 1)).inner_text())
            chosen = select.input_value()
            meeting = buddy.locator('[data-course-buddy="meeting"]')
            assert meeting.is_visible() and not select.is_visible()
            text = meeting.inner_text()
            assert WORDS("home.next_buddy_mine") in text
            key = page.locator("#course-next").get_attribute("data-storage-key") + ":buddy-group"
            assert key.startswith("curriculum:") and COURSE.other_run() in key  # scoped to course and run
            ours = "Object.keys(localStorage).filter(k => k.endsWith(':buddy-group'))"
            assert page.evaluate(ours) == [key]
            assert page.evaluate("k => localStorage.getItem(k)", key) == chosen
            # only that group's meeting, the next one
            groups = page.evaluate(
                """g => Array.from(document.querySelectorAll('#course-buddy-meetings li'))
                .map(li => [li.dataset.courseGroup, li.dataset.courseStart, li.textContent])""",
                None,
            )
            mine = sorted((start, words) for group, start, words in groups if group == chosen)
            assert " ".join(mine[0][1].split()) in " ".join(text.split())
            others = {words for group, _, words in groups if group != chosen}
            assert not any(" ".join(o.split()) in " ".join(text.split()) for o in others)

            page.reload()
            buddy.wait_for(state="visible")
            assert " ".join(meeting.inner_text().split()) == " ".join(text.split())
            assert not select.is_visible()
            # the group can be changed
            buddy.locator('[data-course-buddy="change"]').click()
            assert select.is_visible() and page.evaluate("document.activeElement.id") == "course-buddy-group"

            # the day after that group's next meeting, the next meeting moves on
            page.clock.set_fixed_time(dt.datetime.fromisoformat(mine[0][0]) + dt.timedelta(days=1))
            page.reload()
            buddy.wait_for(state="visible")
            later = (
                meeting.inner_text()
                if meeting.is_visible()
                else buddy.locator('[data-course-buddy="none"]').inner_text()
            )
            assert later != text
        finally:
            context.close()


def test_buddy_choice_is_not_asked_before_the_course_and_the_box_passes_axe(kdl_example_site, browser):
    with serve(kdl_example_site) as base_url:
        context = browser.new_context(service_workers="block")
        try:
            page = context.new_page()
            page.clock.set_fixed_time(OTHER_BEFORE)
            page.goto(base_url)
            page.locator("#course-next").wait_for(state="visible")
            assert not page.locator('#course-next [data-course-next="buddy"]').is_visible()
            page.clock.set_fixed_time(OTHER_DURING)
            page.reload()
            page.locator('#course-next [data-course-next="buddy"]').wait_for(state="visible")
            result = axe.audit(page, "#course-next")
            assert result["rules"] > 0 and axe.describe(result["violations"]) == []
        finally:
            context.close()


@only(*PARTICIPANT)
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", ["", address("tools")])
def test_front_page_and_toolbox_pass_axe_on_a_phone_and_a_desktop(edition, browser, path, width, scheme):
    """The tour audits every page at 1280 px; the front page (with its box and marks filled in during the
    course) and the toolbox's cards are also audited at 375 px, in both palettes, with the short title."""
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=scheme, service_workers="block"
    )
    try:
        page = context.new_page()
        page.clock.set_fixed_time(local(DURING))
        page.goto(edition.base_url + path, wait_until="load")
        if not path:
            page.locator("#course-next").wait_for(state="visible")
        result = axe.audit(page)
        assert result["rules"] > 0
        assert axe.describe(result["violations"]) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        short = page.locator(".md-header__title .course-short-title").first
        assert short.is_visible() == (width < 600)
        if width < 600:
            assert short.inner_text() == SHORT
        # the footer: the organisers and the accessibility statement on every page
        footer = page.locator(".course-footer")
        # the organisers as the footer names them: 'Syddansk Sundhedsinnovation (SSI)' when a short name is given
        organisers = WORDS.names(
            [f"{o.name} ({o.short_name})" if o.short_name else o.name for o in COURSE.curriculum.course.organisers]
        )
        assert WORDS("footer.published_by", organisers=organisers) in footer.inner_text()
        statement = footer.locator("a", has_text=WORDS("footer.accessibility"))
        assert statement.get_attribute("href").endswith(WORDS("footer.accessibility_page").removesuffix(".md") + "/")
    finally:
        context.close()


# Every layout shift of a page from its start, as the browser reports them (PerformanceObserver, the measure
# behind Core Web Vitals' CLS), summed once the page has settled.
_SHIFTS = """() => new Promise(done => {
  const shifts = [];
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) shifts.push(entry.value);
    }
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => done(shifts.reduce((a, b) => a + b, 0)), 500);
})"""


@only(*PARTICIPANT)
@pytest.mark.parametrize("path", ["", address("logbook")])
def test_nothing_shifts_when_the_scripts_fill_a_page_on_a_phone(edition, browser, path):
    """The front page's box and marks (next.js, run before the page is first drawn) and Min logbog's buttons
    (logbook.js; their place is held) show without moving what is under them: once 0.12 (during a session)
    and 0.058 at 375 px. Less than half of what Core Web Vitals calls good (0.1)."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, service_workers="block")
    try:
        page = context.new_page()
        page.clock.set_fixed_time(local(DURING))  # the box at its fullest: the session under way and the next
        page.goto(edition.base_url + path, wait_until="load")
        assert page.evaluate(_SHIFTS) < 0.05
    finally:
        context.close()
