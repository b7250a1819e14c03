/* "What is next?" on the front page: the next session (or the one under way) and each buddy
 * group's next meeting, worked out in the browser from the dates in the page, so the box stays
 * right without a rebuild. Without JavaScript the box stays hidden and the full programme shows.
 * Reads: .course-card[data-course-start][data-course-end] (one per session, in run order) and
 * #course-buddy-meetings li[data-course-group][data-course-start][data-course-end]. Makes no requests. */
(function () {
  "use strict";

  function when(el, name) {
    var value = Date.parse(el.getAttribute(name));
    return isNaN(value) ? null : value;
  }

  function show(el, visible) {
    if (visible) { el.removeAttribute("hidden"); } else { el.setAttribute("hidden", ""); }
  }

  function sessionSummary(card) {
    var out = document.createDocumentFragment();
    var link = card.querySelector("h3 a:not(.headerlink)");
    var time = card.querySelector(".course-when");
    if (link) { out.appendChild(link.cloneNode(true)); }
    if (time) { out.appendChild(document.createTextNode(", " + time.textContent.trim())); }
    return out;
  }

  function render() {
    var box = document.getElementById("course-next");
    if (!box) { return; }
    var now = Date.now();
    var cards = Array.prototype.slice.call(document.querySelectorAll(".course-card[data-course-start][data-course-end]"));
    var current = null;
    var upcoming = null;
    cards.forEach(function (card) {
      var start = when(card, "data-course-start");
      var end = when(card, "data-course-end");
      if (start === null || end === null) { return; }
      if (start <= now && now < end && !current) { current = card; }
      if (start > now && !upcoming) { upcoming = card; }
    });
    var slots = {
      now: box.querySelector('[data-course-next="now"]'),
      session: box.querySelector('[data-course-next="session"]'),
      done: box.querySelector('[data-course-next="done"]'),
      buddy: box.querySelector('[data-course-next="buddy"]')
    };
    [["now", current], ["session", upcoming]].forEach(function (pair) {
      var slot = slots[pair[0]];
      if (!slot) { return; }
      var span = slot.querySelector("span");
      while (span.firstChild) { span.removeChild(span.firstChild); }
      if (pair[1]) { span.appendChild(sessionSummary(pair[1])); }
      show(slot, !!pair[1]);
    });
    if (slots.done) { show(slots.done, !current && !upcoming); }

    // Each group's next meeting that has not ended yet, in time order.
    var nextByGroup = {};
    document.querySelectorAll("#course-buddy-meetings li[data-course-group]").forEach(function (li) {
      var end = when(li, "data-course-end");
      var start = when(li, "data-course-start");
      var group = li.getAttribute("data-course-group");
      if (end === null || end <= now) { return; }
      if (!nextByGroup[group] || start < nextByGroup[group].start) {
        nextByGroup[group] = { start: start, li: li };
      }
    });
    var found = Object.keys(nextByGroup).map(function (k) { return nextByGroup[k]; })
      .sort(function (a, b) { return a.start - b.start; });
    if (slots.buddy) {
      var list = slots.buddy.querySelector("ul");
      while (list.firstChild) { list.removeChild(list.firstChild); }
      found.forEach(function (item) {
        var li = document.createElement("li");
        li.textContent = item.li.textContent;
        list.appendChild(li);
      });
      var more = document.querySelector("a.course-buddy-link");
      if (found.length && more) {
        var li = document.createElement("li");
        li.appendChild(more.cloneNode(true));
        list.appendChild(li);
      }
      show(slots.buddy, found.length > 0);
    }
    // Material's admonition look only once filled: its CSS would override the hidden attribute.
    box.classList.add("admonition", "tip");
    show(box, true);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(render);  // Material for MkDocs: also after instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", render);
  } else {
    render();
  }
})();
