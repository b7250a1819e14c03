"""The YAML loader: positions of values, predictable scalars, and problems instead of tracebacks."""

from __future__ import annotations

import pytest

from curriculum.loader import MAX_FILE_BYTES, load_file, load_text
from curriculum.say import speaking


@pytest.fixture(autouse=True)
def english():
    """The loader's own rules, in English words (a file read alone has no course; tests/bad_input has the
    Danish of a Danish course)."""
    with speaking("en"):
        yield


def test_positions_of_nested_values_and_keys():
    doc, problems = load_text("id: x\nsessions:\n  - module: a\n    date: 2024-04-08\n", "f.yml")
    assert problems == []
    assert doc.position(("sessions", 0, "date")) == (4, 11)
    assert doc.position(("sessions", 0, "date"), key=True) == (4, 5)
    assert doc.position(("sessions", 0, "module")) == (3, 13)


def test_missing_path_falls_back_to_nearest_parent():
    doc, _ = load_text("id: x\nsessions:\n  - module: a\n", "f.yml")
    assert doc.position(("sessions", 0, "end")) == (3, 5)


def test_times_and_dates_stay_text_and_only_true_false_are_booleans():
    doc, problems = load_text("start: 13:00\ndate: 2024-04-08\nanswer: no\nonline: true\nn: 12\n", "f.yml")
    assert problems == []
    assert doc.data == {"start": "13:00", "date": "2024-04-08", "answer": "no", "online": True, "n": 12}


def test_duplicate_key_is_reported_at_the_second_key():
    _, problems = load_text("title: A\nsummary: B\ntitle: C\n", "f.yml")
    assert [str(p) for p in problems] == [
        "f.yml:3:1: title: 'title' is given twice in the same block (first on line 1); keep only one of them"
    ]


def test_tab_indentation_names_the_line_and_the_fix():
    _, problems = load_text("title: A\ncontent:\n\t- x\n", "f.yml")
    assert len(problems) == 1
    assert str(problems[0]).startswith("f.yml:3:1: YAML syntax error: this line is indented with a tab")
    assert "replace the tab with spaces" in problems[0].message


def test_syntax_error_points_at_the_line():
    _, problems = load_text("title: A\nsummary: Tema: borgerperspektiv\n", "f.yml")
    assert len(problems) == 1
    p = problems[0]
    assert (p.line, p.column) == (2, 14)
    assert "put the whole text in quotes" in p.message


def test_empty_file_and_comment_only_file():
    for text in ("", "# nothing yet\n"):
        _, problems = load_text(text, "f.yml")
        assert [str(p) for p in problems] == ["f.yml:1:1: the file is empty; fill it in or delete it"]


def test_top_level_must_be_fields():
    _, problems = load_text("- a\n- b\n", "f.yml")
    assert "must hold fields" in problems[0].message


def test_unsupported_tag_is_a_problem_not_a_crash():
    _, problems = load_text("title: !!python/name:os.system x\n", "f.yml")
    assert len(problems) == 1 and "not supported" in problems[0].message


def test_alias_bomb_is_stopped():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i, name in enumerate("bcdefg"):
        prev = "abcdefg"[i]
        lines.append(
            f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]"
        )
    _, problems = load_text("\n".join(lines) + "\n", "f.yml")
    assert len(problems) == 1 and "aliases" in problems[0].message


def test_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "s.yml"
    path.write_bytes("title: A\nsummary: K\xf8benhavn\n".encode("latin-1"))
    _, problems = load_file(path, "s.yml")
    assert [str(p) for p in problems] == [
        "s.yml:2:11: the file is not UTF-8 text (byte 0xf8); save it again with the encoding UTF-8 in your editor"
    ]


def test_control_character_is_located(tmp_path):
    _, problems = load_text("title: A\x07B\n", "f.yml")
    assert str(problems[0]).startswith("f.yml:1:9: the file contains the control character #x0007")


def test_too_large_file(tmp_path):
    path = tmp_path / "big.yml"
    path.write_text("note: " + "x" * MAX_FILE_BYTES + "\n")
    _, problems = load_file(path, "big.yml")
    assert len(problems) == 1 and "split it" in problems[0].message


def test_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.yml"
    path.write_bytes("\ufefftitle: Å\n".encode("utf-8"))
    doc, problems = load_file(path, "bom.yml")
    assert problems == [] and doc.data == {"title": "Å"}


def test_a_quoted_text_over_several_lines_is_not_blamed_for_a_later_error():
    """Only a quote whose text runs on over other fields to where YAML gives up is named as the mistake."""
    text = 'title: "Et langt\n  citat over to linjer"\nsummary: Tema: borgerperspektiv\n'
    _, problems = load_text(text, "f.yml")
    assert [(p.line, p.column) for p in problems] == [(3, 14)]
    assert "put the whole text in quotes" in problems[0].message


def test_a_quote_left_open_is_named_where_it_opens_also_in_a_list():
    text = "id: x\nthemes:\n  - 'Ledelse\n  - Teknologi\nsummary: Det er ledernes' ansvar\n"
    _, problems = load_text(text, "f.yml")
    assert [(p.line, p.column) for p in problems] == [(3, 5)]
    assert "YAML read on to the next quote, on line 5" in problems[0].message


def test_only_an_escape_makes_half_a_character():
    """``\\\\ud800`` in a double-quoted text and ``\\ud800`` in a plain or single-quoted one are the letters
    themselves; a key can hold the half character as well as a value."""
    doc, problems = load_text("a: \"x \\\\ud800\"\nb: x \\ud800\nc: 'x \\ud800'\n", "f.yml")
    assert problems == [] and doc.data == {"a": "x \\ud800", "b": "x \\ud800", "c": "x \\ud800"}
    _, problems = load_text('title: A\n"k\\udc00ey": B\n', "f.yml")
    assert [str(p) for p in problems] == [
        "f.yml:2:3: the code \\udc00 is half of a character, not a whole one, so the text cannot be "
        "shown; remove it, or type the character you meant instead of the code"
    ]


def test_a_text_in_typographic_quotes_is_read_as_if_quoted():
    """Word's quotes around a whole text are taken as quotes (`check` warns); quotes inside a text, or in
    straight quotes, are the text's own."""
    source = 'a: “Borgerperspektiv”\nb: ”09:00”\nc: «x»\nd: “A” og “B”\ne: "“citat”"\n'
    doc, problems = load_text(source, "f.yml")
    assert problems == []
    assert doc.data == {"a": "Borgerperspektiv", "b": "09:00", "c": "x", "d": "“A” og “B”", "e": "“citat”"}
    assert doc.typographic == {("a",): "“…”", ("b",): "”…”", ("c",): "«…»"}


def test_a_text_in_typographic_quotes_with_a_colon_names_the_quote():
    _, problems = load_text("title: “Rolle: leder”\n", "f.yml")
    assert [str(p) for p in problems] == [
        "f.yml:1:14: YAML syntax error: the text starts with “, a typographic "
        "quote (as Word writes it), which YAML does not read as a quote; write straight quotes around the text "
        'instead: "..."'
    ]
    _, problems = load_text("items:\n  - ”Rolle: leder”\n", "f.yml")
    assert [str(p) for p in problems] == [
        "f.yml:2:5: items[0]: the text ”Rolle: leder” reads as the field '”Rolle', because ” is a typographic quote "
        "(as Word writes it), which YAML does not read as a quote, and the text holds ': '; write straight quotes "
        'around the text instead: "..."'
    ]
