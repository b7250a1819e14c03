"""What the engine remembers to build faster (docs/developers/speed.md): remembered results are the results."""

from __future__ import annotations

from markupsafe import Markup

from curriculum import prose
from curriculum.messages import Messages


def test_the_prose_rule_gives_the_same_result_remembered_or_not():
    text = "<b>bold</b> and [a link](javascript:alert(1)) {: .x }"
    prose._scan.cache_clear()
    first = prose.render(text), prose.findings(text)
    prose.findings(text).clear()  # a caller's list is its own: the remembered findings stay
    assert (prose.render(text), prose.findings(text)) == first
    assert prose._scan.cache_info().hits >= 2
    prose._scan.cache_clear()
    assert (prose.render(text), prose.findings(text)) == first
    assert "&lt;b&gt;" in first[0] and len(first[1]) == 2


def test_text_already_made_safe_is_remembered_apart_from_the_same_text_from_a_course_file():
    markup = Markup("<em>from the engine</em>")
    assert prose.render(markup) == "<em>from the engine</em>"
    assert prose.render(str(markup)) == "&lt;em&gt;from the engine&lt;/em&gt;"
    assert prose.render(markup) == "<em>from the engine</em>"


def test_a_catalogue_section_is_made_once_and_holds_the_courses_words():
    messages = Messages("da", {"visuals.heading.wheel": "Hjulet i egne ord"})
    section = messages.section("visuals")
    assert messages.section("visuals") is section
    assert section["heading"]["wheel"] == "Hjulet i egne ord"
    assert Messages("da").section("visuals")["heading"]["wheel"] != "Hjulet i egne ord"
    assert messages.section("logbook") is not section and messages.section("logbook")


def test_dates_times_and_durations_are_babels_remembered_or_not():
    import datetime as dt

    from babel.dates import format_date

    messages = Messages("da")
    day = dt.date(2024, 4, 8)
    for _ in range(2):
        assert messages.long_date(day) == format_date(day, messages("formats.long_date"), locale=messages.locale)
        assert messages.duration(125) == "2 timer og 5 minutter" and messages.duration(45) == "45 minutter"
        assert messages.clock(dt.time(13, 0)) == "13.00" != messages.clock(dt.time(13, 5))
        assert messages.short_date(day) != messages.short_date(dt.date(2024, 4, 9))
