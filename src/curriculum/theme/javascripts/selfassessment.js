/* Self-assessment in a wheel (see curriculum.visuals, kind: wheel).
 *
 * The ratings stay in this browser: localStorage, and a file the participant saves and
 * opens again. Nothing is sent anywhere. Two rounds (e.g. kick-off and kick-out) are
 * kept side by side; every drawing of the wheel (wide, narrow and the small one beside the form) fills
 * in the round being answered and draws the other round as a dashed outline on top.
 * Opening a file replaces only the rounds it has ratings for and keeps the others.
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
      // Keep only known rounds, known areas and whole numbers on the scale. ``rated`` lists the
      // rounds with at least one rating: the rounds a file really holds (an exported file also
      // names the rounds that were still empty). A logbook file (logbook.js) holds the wheels under "wheels".
      if (data && data.wheels && typeof data.wheels === "object" && data.wheels[tool]) { data = data.wheels[tool]; }
      if (!data || typeof data !== "object" || data.tool !== tool || !data.rounds ||
          typeof data.rounds !== "object") {
        return null;
      }
      var state = empty();
      state.rated = [];
      rounds.forEach(function (r) {
        var given = Object.prototype.hasOwnProperty.call(data.rounds, r) ? data.rounds[r] : null;
        areas.forEach(function (a) {
          var v = given && typeof given === "object" ? given[a] : undefined;
          if (typeof v === "number" && v % 1 === 0 && v >= 1 && v <= scale) { state.rounds[r][a] = v; }
        });
        if (Object.keys(state.rounds[r]).length) { state.rated.push(r); }
      });
      if (rounds.indexOf(String(data.current)) >= 0) { state.current = String(data.current); }
      return state;
    }

    function merge(data) {
      // An imported file replaces only the rounds it has ratings for; the other rounds made in this
      // browser stay (importing the kick-off file keeps the kick-out ratings, and the other way round).
      data.rated.forEach(function (r) { state.rounds[r] = data.rounds[r]; });
      return data.rated;
    }

    function roundNames(list) {
      return list.map(function (r) {
        var input = form.querySelector("input[name$='-round'][value='" + r + "']");
        var label = input && input.closest("label");
        return label ? label.textContent.trim() : r;
      }).join(", ");
    }

    function load() {
      try {
        var stored = clean(JSON.parse(window.localStorage.getItem(key))) || empty();
        delete stored.rated;
        return stored;
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

    function say(name, value) {
      var text = form.getAttribute("data-msg-" + name) || "";
      status.textContent = value ? text.replace("{file}", value).replace("{rounds}", value) : text;
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
      } else if (input.type === "file" && input.files && input.files[0]) {
        var reader = new FileReader();
        reader.onload = function () {
          var data = null;
          try { data = clean(JSON.parse(String(reader.result))); } catch (e) { data = null; }
          if (data && data.rated.length) {
            var merged = merge(data);
            save();
            say("imported", roundNames(merged));
          } else {
            say(data ? "import-empty" : "import-failed");
          }
          show();
          input.value = "";
        };
        reader.readAsText(input.files[0]);
        return;
      }
      save();
      show();
    });

    form.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (!button) { return; }
      var action = button.getAttribute("data-action");
      if (action === "export") {
        var name = tool + "-" + new Date().toISOString().slice(0, 10) + ".json";
        var blob = new Blob([JSON.stringify(state, null, 2) + "\n"], { type: "application/json" });
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = name;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
        say("exported", name);
      } else if (action === "print") {
        window.print();
      } else if (action === "clear") {
        state = empty();
        try { window.localStorage.removeItem(key); } catch (e) { /* nothing stored */ }
        show();
        say("cleared");
      }
    });

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
