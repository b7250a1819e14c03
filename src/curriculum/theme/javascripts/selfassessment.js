/* Self-assessment in a wheel (see curriculum.visuals, kind: wheel).
 *
 * The ratings stay in this browser (localStorage). Nothing is sent anywhere. Two rounds (e.g. kick-off
 * and kick-out) are kept side by side; the wheel beside the questions (both its drawings, wide and
 * narrow) fills in the round being answered and draws the other round as a dashed outline on top.
 * Saving them in a file, opening that file again and printing them is the logbook's (logbook.js, on
 * "Min logbog"): one file holds the logbook and the wheels.
 * All words come from the page (data-msg-* attributes), none are written here.
 */
(function () {
  "use strict";

  var VERSION = 1;

  // Where a wheel's rounds are stored: under the course's and the run's key (the page's data-storage-key),
  // so two courses or runs on one host never share answers. The logbook (logbook.js) reads and exports
  // them through this.
  function storageKey(tool, prefix) { return (prefix || "curriculum") + ":selfassessment:" + tool; }
  window.courseSelfAssessment = { key: storageKey };

  function setup(form) {
    var tool = form.getAttribute("data-course-assess");
    var scale = parseInt(form.getAttribute("data-scale"), 10) || 5;
    var wheels = document.querySelectorAll("svg[data-course-wheel='" + tool + "']");
    var table = document.getElementById(form.getAttribute("data-wheel") + "-table");
    var key = storageKey(tool, form.getAttribute("data-storage-key"));
    var status = form.querySelector(".course-assess__status");
    var areas = Array.prototype.map.call(form.querySelectorAll("fieldset[data-area]"), function (f) {
      return f.getAttribute("data-area");
    });
    var rounds = Array.prototype.map.call(form.querySelectorAll("input[name$='-round']"), function (i) {
      return i.value;
    });

    function empty() {
      var state = { version: VERSION, tool: tool, current: rounds[0], rounds: {} };
      rounds.forEach(function (r) { state.rounds[r] = {}; });
      return state;
    }

    function clean(data) {
      // What is stored, kept to known rounds, known areas and whole numbers on the scale.
      if (!data || typeof data !== "object" || data.tool !== tool || !data.rounds ||
          typeof data.rounds !== "object") {
        return null;
      }
      var state = empty();
      rounds.forEach(function (r) {
        var given = Object.prototype.hasOwnProperty.call(data.rounds, r) ? data.rounds[r] : null;
        areas.forEach(function (a) {
          var v = given && typeof given === "object" ? given[a] : undefined;
          if (typeof v === "number" && v % 1 === 0 && v >= 1 && v <= scale) { state.rounds[r][a] = v; }
        });
      });
      if (rounds.indexOf(String(data.current)) >= 0) { state.current = String(data.current); }
      return state;
    }

    function load() {
      try {
        return clean(JSON.parse(window.localStorage.getItem(key))) || empty();
      } catch (e) {
        return empty();
      }
    }

    function save() {
      try {
        window.localStorage.setItem(key, JSON.stringify(state));
        return true;
      } catch (e) {
        return false;  // storage full or blocked: the page still works for this visit
      }
    }

    function say(name) {
      status.textContent = form.getAttribute("data-msg-" + name) || "";
    }

    function show() {
      var current = state.rounds[state.current] || {};
      var other = rounds.filter(function (r) { return r !== state.current; })[0];
      var previous = other ? state.rounds[other] : {};
      form.querySelector("input[name$='-round'][value='" + state.current + "']").checked = true;
      areas.forEach(function (a) {
        var fieldset = form.querySelector("fieldset[data-area='" + a + "']");
        Array.prototype.forEach.call(fieldset.querySelectorAll("input"), function (input) {
          input.checked = String(current[a]) === input.value;
        });
        Array.prototype.forEach.call(wheels, function (wheel) {
          var group = wheel.querySelector("g[data-area='" + a + "']");
          Array.prototype.forEach.call(group.querySelectorAll(".course-wheel__cell"), function (cell) {
            var level = parseInt(cell.getAttribute("data-level"), 10);
            cell.classList.toggle("is-current", level <= (current[a] || 0));
          });
          Array.prototype.forEach.call(wheel.querySelectorAll(".course-wheel__other[data-area='" + a + "']"),
            function (outline) {
              outline.classList.toggle("is-other", outline.getAttribute("data-level") === String(previous[a]));
            });
        });
        if (table) {
          rounds.forEach(function (r) {
            var td = table.querySelector("[data-round='" + r + "'][data-area='" + a + "']");
            if (td) { td.textContent = state.rounds[r][a] ? String(state.rounds[r][a]) : form.getAttribute("data-not-rated"); }
          });
        }
      });
    }

    var state = load();

    form.addEventListener("change", function (event) {
      var input = event.target;
      if (input.type === "radio" && /-round$/.test(input.name)) {
        state.current = input.value;
      } else if (input.type === "radio") {
        var area = input.closest("fieldset[data-area]").getAttribute("data-area");
        state.rounds[state.current][area] = parseInt(input.value, 10);
        if (save()) { say("saved"); }
      }
      save();
      show();
    });

    form.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (!button) { return; }
      if (button.getAttribute("data-action") === "clear") {
        state = empty();
        try { window.localStorage.removeItem(key); } catch (e) { /* nothing stored */ }
        show();
        say("cleared");
      }
    });

    // Opened on "Min logbog" in another tab, or there before coming back: show what is stored now.
    function reload() { state = load(); show(); }
    window.addEventListener("storage", function (event) { if (event.key === key) { reload(); } });
    window.addEventListener("pageshow", function (event) { if (event.persisted) { reload(); } });

    form.querySelector(".course-assess__actions").hidden = false;
    show();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-course-assess]"), setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
