/* The front page at a glance: the "what is next" box and the position in the programme, worked out
 * in the browser from the dates in the page, so both stay right without a rebuild.
 *
 * - The box (#course-next): the session under way, the next session (date, time, place, join link), or
 *   that the course is over; during the course (first session to last) also the reader's own buddy
 *   group's next meeting. The group is chosen once from the run's groups and kept in this browser's
 *   localStorage under the course's and the run's key that the page names (data-storage-key), as
 *   logbook.js and selfassessment.js do; nothing is sent anywhere.
 * - The programme (.course-programme__item[data-course-start][data-course-end]): past sessions are marked
 *   "Afholdt", the one under way or the next one gets its word and aria-current="step".
 * Without JavaScript the box stays hidden and the whole programme shows, unmarked. All words come from
 * the page (data-msg-*). Makes no requests. */
(function () {
  "use strict";

  // Named twice on the front page (see overrides/main.html): only the first copy to run does the work.
  if (window.courseNextLoaded) { return; }
  window.courseNextLoaded = true;

  var memory = {};  // the chosen group when the browser lets nothing be stored

  function when(el, name) {
    var value = Date.parse(el.getAttribute(name));
    return isNaN(value) ? null : value;
  }

  function show(el, visible) {
    if (!el) { return; }
    if (visible) { el.removeAttribute("hidden"); } else { el.setAttribute("hidden", ""); }
  }

  function empty(el) {
    while (el.firstChild) { el.removeChild(el.firstChild); }
  }

  function storageKey(box) {
    // Under the course's and the run's key (data-storage-key), like the logbook and the wheel.
    return (box.getAttribute("data-storage-key") || "curriculum") + ":buddy-group";
  }

  function chosenGroup(box) {
    var key = storageKey(box);
    try {
      var stored = window.localStorage.getItem(key);
      if (stored !== null) { return stored; }
    } catch (e) { /* storage blocked: this visit only */ }
    return memory[key] || "";
  }

  function choose(box, group) {
    var key = storageKey(box);
    memory[key] = group;
    try {
      if (group) { window.localStorage.setItem(key, group); } else { window.localStorage.removeItem(key); }
    } catch (e) { /* storage blocked: this visit only */ }
  }

  // "Workshop 1: Forståelsesrammer, onsdag 17. april 2024, kl. 09.00–15.00 · Odense · Deltag online"
  function sessionSummary(item) {
    var out = document.createDocumentFragment();
    var format = item.querySelector(".course-programme__format");
    var link = item.querySelector("a.course-programme__title");
    var place = item.querySelector(".course-programme__place");
    var join = item.querySelector("a.course-programme__join");
    if (format) { out.appendChild(document.createTextNode(format.textContent.trim() + ": ")); }
    if (link) {
      var copy = link.cloneNode(true);
      copy.className = "";
      out.appendChild(copy);
    }
    var line = document.createElement("span");
    line.className = "course-next__when";
    line.appendChild(document.createTextNode((item.getAttribute("data-course-when") || "") +
      (place ? " · " + place.textContent.trim() : "") +
      (item.getAttribute("data-course-example") ? " " + item.getAttribute("data-course-example") : "")));
    if (join) {
      var joinCopy = join.cloneNode(true);
      joinCopy.className = "";
      line.appendChild(document.createTextNode(" · "));
      line.appendChild(joinCopy);
    }
    out.appendChild(line);
    return out;
  }

  function markProgramme(items, now, box) {
    var marked = false;
    items.forEach(function (item) {
      var start = when(item, "data-course-start");
      var end = when(item, "data-course-end");
      var status = item.querySelector("[data-course-status]");
      var word = "";
      item.classList.remove("is-past", "is-current", "is-next");
      item.removeAttribute("aria-current");
      if (start === null || end === null) { return; }
      if (end <= now) {
        word = "past";
        item.classList.add("is-past");
      } else if (!marked) {
        marked = true;
        word = start <= now ? "current" : "upcoming";
        item.classList.add(start <= now ? "is-current" : "is-next");
        item.setAttribute("aria-current", "step");
      }
      if (status) { status.textContent = word ? box.getAttribute("data-msg-" + word) || "" : ""; }
    });
  }

  function renderBuddy(box, slot, now, during) {
    if (!slot) { return; }
    var select = slot.querySelector("select");
    var meetingLine = slot.querySelector('[data-course-buddy="meeting"]');
    var none = slot.querySelector('[data-course-buddy="none"]');
    var chooser = slot.querySelector('[data-course-buddy="choose"]');
    var change = slot.querySelector('[data-course-buddy="change"]');
    var group = chosenGroup(box);
    var known = select && Array.prototype.some.call(select.options, function (o) { return o.value && o.value === group; });
    if (!known) { group = ""; }
    if (select) { select.value = group; }
    var next = null;
    if (group) {
      document.querySelectorAll("#course-buddy-meetings li[data-course-group]").forEach(function (li) {
        var end = when(li, "data-course-end");
        if (li.getAttribute("data-course-group") !== group || end === null || end <= now) { return; }
        if (!next || when(li, "data-course-start") < when(next, "data-course-start")) { next = li; }
      });
    }
    if (meetingLine) {
      var span = meetingLine.querySelector("span");
      empty(span);
      if (next) {
        Array.prototype.forEach.call(next.childNodes, function (node) { span.appendChild(node.cloneNode(true)); });
      }
      show(meetingLine, !!next);
    }
    show(none, !!group && !next);
    show(chooser, !group || slot.getAttribute("data-changing") === "true");
    show(change, !!group && slot.getAttribute("data-changing") !== "true");
    show(slot, during);
  }

  function render() {
    var box = document.getElementById("course-next");
    if (!box) { return; }
    var now = Date.now();
    var items = Array.prototype.slice.call(
      document.querySelectorAll(".course-programme__item[data-course-start][data-course-end]"));
    var current = null;
    var upcoming = null;
    items.forEach(function (item) {
      var start = when(item, "data-course-start");
      var end = when(item, "data-course-end");
      if (start === null || end === null) { return; }
      if (start <= now && now < end && !current) { current = item; }
      if (start > now && !upcoming) { upcoming = item; }
    });
    markProgramme(items, now, box);
    [["now", current], ["session", upcoming]].forEach(function (pair) {
      var slot = box.querySelector('[data-course-next="' + pair[0] + '"]');
      if (!slot) { return; }
      var span = slot.querySelector("span");
      empty(span);
      if (pair[1]) { span.appendChild(sessionSummary(pair[1])); }
      show(slot, !!pair[1]);
    });
    show(box.querySelector('[data-course-next="done"]'), !current && !upcoming);

    // The buddy meeting: from the first session's start to the last session's end.
    var first = items.length ? when(items[0], "data-course-start") : null;
    var last = items.length ? when(items[items.length - 1], "data-course-end") : null;
    var during = first !== null && last !== null && first <= now && now < last;
    renderBuddy(box, box.querySelector('[data-course-next="buddy"]'), now, during);
    show(box, true);
  }

  function wire() {
    var box = document.getElementById("course-next");
    if (!box) { return; }
    var slot = box.querySelector('[data-course-next="buddy"]');
    if (slot && !slot.getAttribute("data-wired")) {
      slot.setAttribute("data-wired", "true");
      var select = slot.querySelector("select");
      var change = slot.querySelector('[data-course-buddy="change"]');
      var actions = slot.querySelector(".course-next__actions");
      var all = document.querySelector("a.course-buddy-link");
      if (all && actions) {
        var copy = all.cloneNode(true);
        copy.classList.remove("course-buddy-link");
        copy.textContent = box.getAttribute("data-msg-buddy-all") || copy.textContent;
        actions.appendChild(copy);
      }
      if (select) {
        select.addEventListener("change", function () {
          choose(box, select.value);
          slot.setAttribute("data-changing", "false");
          render();
          var line = slot.querySelector('[data-course-buddy="meeting"]:not([hidden]), [data-course-buddy="none"]:not([hidden])');
          if (select.value && line) {
            line.setAttribute("tabindex", "-1");  // tell keyboard and screen-reader users what was found
            line.focus();
          }
        });
      }
      if (change) {
        change.addEventListener("click", function () {
          slot.setAttribute("data-changing", "true");
          render();
          if (select) { select.focus(); }
        });
      }
    }
    render();
  }

  // At once when the box is already in the page (this script is at the end of the body), so that it is
  // shown before the page is first drawn and nothing below it moves (no layout shift); again when
  // Material's document$ says a page was loaded (also after instant navigation).
  if (document.getElementById("course-next")) { wire(); }
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(wire);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
})();
