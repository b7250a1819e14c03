/* The participant's logbook (curriculum.logbook): prompts on the session pages, "Min logbog"
 * and the buddy meetings' sheets.
 *
 * Everything stays in this browser: localStorage, under a key scoped to the course and the run
 * that the page names (data-logbook-course, data-logbook-run), so two courses or two runs on one
 * host never mix. Nothing is sent anywhere and nothing goes into the address. Every field is kept
 * with the time it was last changed; importing a file takes a text only where this browser has
 * none or an older one, and says how many newer texts it kept. The file holds the logbook and the
 * competence wheel's rounds (selfassessment.js), in one versioned format: the one file of the run that
 * saves all the participant's answers (the wheel's page links here to save, open and print them).
 * All words come from the page (data-msg-* attributes), none are written here.
 */
(function () {
  "use strict";

  var FORMAT = "course-logbook";
  var VERSION = 1;
  var FIELD = /^[a-z0-9][a-z0-9:-]{0,160}$/;
  var MOMENT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
  var MAX_TEXT = 100000;
  var DELAY = 500;  // ms of quiet typing before a save

  var first = null;   // the page's first logbook element: it names the course and the run
  var scope = null;
  var key = null;
  var memory = null;  // the logbook of this visit when the browser lets nothing be stored

  function msg(root, name) { return root.getAttribute("data-msg-" + name) || first.getAttribute("data-msg-" + name) || ""; }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  function say(root, name, values) {
    var status = root.querySelector(".course-logbook__status");
    if (status) { status.textContent = fill(msg(root, name), values || {}); }
  }

  // ------------------------------------------------------------------ storage

  function cleanFields(given) {
    // The fields of a stored logbook or a file, or null when anything in them is not as written here.
    if (!given || typeof given !== "object" || Array.isArray(given)) { return null; }
    var fields = {};
    var names = Object.keys(given);
    for (var i = 0; i < names.length; i++) {
      var entry = given[names[i]];
      if (!FIELD.test(names[i]) || !entry || typeof entry !== "object" || typeof entry.text !== "string" ||
          entry.text.length > MAX_TEXT || typeof entry.saved !== "string" || !MOMENT.test(entry.saved)) {
        return null;
      }
      fields[names[i]] = { text: entry.text, saved: entry.saved };
    }
    return fields;
  }

  function storable() {
    try {
      window.localStorage.setItem(key + ":probe", "1");
      window.localStorage.removeItem(key + ":probe");
      return true;
    } catch (e) {
      return false;
    }
  }

  function load() {
    if (memory) { return memory; }
    try {
      var stored = JSON.parse(window.localStorage.getItem(key));
      return (stored && cleanFields(stored.fields)) || {};
    } catch (e) {
      return {};
    }
  }

  function store(fields) {
    try {
      window.localStorage.setItem(key, JSON.stringify({ format: FORMAT, version: VERSION, fields: fields }));
      memory = null;
      return true;
    } catch (e) {
      memory = fields;  // the page keeps working for this visit
      unavailable();
      return false;
    }
  }

  function unavailable() {
    Array.prototype.forEach.call(document.querySelectorAll(".course-logbook__unavailable"), function (p) {
      p.hidden = false;
    });
  }

  // The competence wheel's rounds: stored by selfassessment.js under its own key.
  function wheelKey(tool) {
    var api = window.courseSelfAssessment;
    return api && api.key ? api.key(tool, scope.storage) : (scope.storage || "curriculum") + ":selfassessment:" + tool;
  }

  function wheelTables() {
    return Array.prototype.slice.call(document.querySelectorAll("table[data-logbook-wheel]"));
  }

  function loadWheel(tool) {
    try {
      var state = JSON.parse(window.localStorage.getItem(wheelKey(tool)));
      return state && typeof state === "object" && state.rounds && typeof state.rounds === "object" ? state : null;
    } catch (e) {
      return null;
    }
  }

  function cleanWheel(table, given) {
    // The rounds of a file that hold ratings, kept to the table's rounds, areas and scale; null if damaged.
    if (!given || typeof given !== "object" || !given.rounds || typeof given.rounds !== "object") { return null; }
    var scale = parseInt(table.getAttribute("data-scale"), 10) || 5;
    var rounds = {};
    Array.prototype.forEach.call(table.querySelectorAll("td[data-round]"), function (td) {
      var round = td.getAttribute("data-round");
      var area = td.getAttribute("data-area");
      var ratings = given.rounds[round];
      var value = ratings && typeof ratings === "object" ? ratings[area] : undefined;
      if (typeof value === "number" && value % 1 === 0 && value >= 1 && value <= scale) {
        rounds[round] = rounds[round] || {};
        rounds[round][area] = value;
      }
    });
    return rounds;
  }

  // ------------------------------------------------------------------- showing

  function paintWheel(tool, state) {
    // The participant's own wheel on "Min logbog", as the wheel's page draws it (selfassessment.js): the
    // round filled in last is filled, the first other round is a dashed outline on top.
    var current = (state && state.rounds[state.current]) || {};
    var others = state ? Object.keys(state.rounds).filter(function (r) { return r !== String(state.current); }) : [];
    var previous = others.length ? state.rounds[others.sort()[0]] || {} : {};
    Array.prototype.forEach.call(document.querySelectorAll("svg[data-course-wheel='" + tool + "']"), function (svg) {
      Array.prototype.forEach.call(svg.querySelectorAll(".course-wheel__cell"), function (cell) {
        var rated = current[cell.closest("g[data-area]").getAttribute("data-area")] || 0;
        cell.classList.toggle("is-current", parseInt(cell.getAttribute("data-level"), 10) <= rated);
      });
      Array.prototype.forEach.call(svg.querySelectorAll(".course-wheel__other"), function (outline) {
        var rated = previous[outline.getAttribute("data-area")];
        outline.classList.toggle("is-other", outline.getAttribute("data-level") === String(rated));
      });
    });
  }

  function show() {
    var fields = load();
    Array.prototype.forEach.call(document.querySelectorAll("[data-logbook-show]"), function (el) {
      var entry = fields[el.getAttribute("data-logbook-show")];
      var text = entry ? entry.text : "";
      var choices = el.getAttribute("data-logbook-choices");
      if (choices && text) { text = choices.split("|")[parseInt(text, 10) - 1] || ""; }
      var empty = !text.trim();
      el.classList.toggle("is-empty", empty);
      el.textContent = "";
      if (!empty) {
        el.textContent = text;
      } else if (el.hasAttribute("data-logbook-empty")) {
        el.textContent = el.getAttribute("data-logbook-empty");
      } else if (!el.classList.contains("course-logbook__written")) {
        var span = document.createElement("span");
        span.className = "course-logbook__empty";
        span.textContent = msg(first, "empty");
        el.appendChild(span);
      }
    });
    // a group of fields with nothing in any of them is said to be empty once, not field by field
    Array.prototype.forEach.call(document.querySelectorAll(".course-logbook__entries"), function (list) {
      var texts = list.querySelectorAll("[data-logbook-show]:not(.course-logbook__goal)");
      list.classList.toggle("is-empty", Array.prototype.every.call(texts, function (el) {
        return el.classList.contains("is-empty");
      }));
    });
    wheelTables().forEach(function (table) {
      var state = loadWheel(table.getAttribute("data-logbook-wheel"));
      paintWheel(table.getAttribute("data-logbook-wheel"), state);
      var none = table.getAttribute("data-not-rated") || table.querySelector("td[data-round]").textContent;
      table.setAttribute("data-not-rated", none);
      Array.prototype.forEach.call(table.querySelectorAll("td[data-round]"), function (td) {
        var ratings = state && state.rounds[td.getAttribute("data-round")];
        var value = ratings ? ratings[td.getAttribute("data-area")] : undefined;
        td.textContent = typeof value === "number" ? String(value) : none;
      });
    });
  }

  // ----------------------------------------------------------- a session's page

  function setupForm(root) {
    var fields = load();
    var dirty = {};
    var timer = null;

    function put() {
      Array.prototype.forEach.call(root.querySelectorAll("[data-logbook-field]"), function (input) {
        var entry = fields[input.getAttribute("data-logbook-field")];
        var text = entry ? entry.text : "";
        if (input.type === "radio") {
          input.checked = text !== "" && input.value === text;
        } else if (document.activeElement !== input) {
          input.value = text;
        }
      });
    }

    function flush() {
      if (timer) { clearTimeout(timer); timer = null; }
      var names = Object.keys(dirty);
      if (!names.length) { return; }
      // Only the fields changed here are written over what is stored: another tab's texts stay.
      var stored = load();
      names.forEach(function (name) { stored[name] = fields[name]; });
      dirty = {};
      fields = stored;
      if (store(fields)) {
        var now = new Date();
        var time = now.toLocaleTimeString(document.documentElement.lang || undefined,
                                          { hour: "2-digit", minute: "2-digit" });
        say(root, "saved", { time: time });
      } else {
        say(root, "save-failed");
      }
    }

    function changed(input) {
      var name = input.getAttribute("data-logbook-field");
      fields[name] = { text: input.value, saved: new Date().toISOString() };
      dirty[name] = true;
    }

    root.addEventListener("input", function (event) {
      var input = event.target;
      if (!input.hasAttribute || !input.hasAttribute("data-logbook-field") || input.type === "radio") { return; }
      changed(input);
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(function () { flush(); show(); }, DELAY);
    });
    root.addEventListener("change", function (event) {
      var input = event.target;
      if (!input.hasAttribute || !input.hasAttribute("data-logbook-field")) { return; }
      if (input.type === "radio") { changed(input); }
      flush();
      show();
    });
    // A closed tab or a page left while typing: save what is not saved yet.
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") { flush(); }
    });
    // Written in another tab: show it here, except in the field being typed in.
    window.addEventListener("storage", function (event) {
      if (event.key === key) { fields = load(); put(); show(); }
    });
    put();
  }

  // -------------------------------------------------------------- "Min logbog"

  function download(name, text) {
    var blob = new Blob([text], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  function exported() {
    var wheels = {};
    wheelTables().forEach(function (table) {
      var tool = table.getAttribute("data-logbook-wheel");
      var state = loadWheel(tool);
      if (state) { wheels[tool] = state; }
    });
    return { format: FORMAT, version: VERSION, course: scope.course, run: scope.run,
             exported: new Date().toISOString(), fields: load(), wheels: wheels };
  }

  function importText(root, text) {
    var data = null;
    try { data = JSON.parse(text); } catch (e) { data = null; }
    if (data && typeof data === "object" && data.format === undefined && typeof data.tool === "string") {
      // a file the wheel saved on its own (an earlier version of selfassessment.js): its rounds, for this
      // course and run
      var wheels = {};
      wheels[data.tool] = data;
      data = { format: FORMAT, version: VERSION, course: scope.course, run: scope.run, fields: {}, wheels: wheels };
    }
    if (!data || typeof data !== "object" || data.format !== FORMAT || typeof data.version !== "number") {
      return say(root, "import-damaged");
    }
    if (data.version > VERSION) { return say(root, "import-newer"); }
    if (data.course !== scope.course || data.run !== scope.run) {
      return say(root, "import-other-run", { run: String(data.run || "") });
    }
    var incoming = cleanFields(data.fields);
    var tables = wheelTables();
    var wheels = {};
    var damaged = !incoming || (data.wheels !== undefined && (!data.wheels || typeof data.wheels !== "object"));
    tables.forEach(function (table) {
      var tool = table.getAttribute("data-logbook-wheel");
      if (!damaged && data.wheels && data.wheels[tool] !== undefined) {
        wheels[tool] = cleanWheel(table, data.wheels[tool]);
        if (!wheels[tool]) { damaged = true; }
      }
    });
    if (damaged) { return say(root, "import-damaged"); }

    var fields = load();
    var updated = 0;
    var kept = 0;
    Object.keys(incoming).forEach(function (name) {
      var mine = fields[name];
      var theirs = incoming[name];
      if (!theirs.text.trim() || (mine && mine.text === theirs.text)) { return; }  // an empty text never wins
      if (!mine || !mine.text.trim() || theirs.saved > mine.saved) {
        fields[name] = theirs;
        updated += 1;
      } else {
        kept += 1;  // newer text in this browser: never overwritten
      }
    });
    var stored = store(fields);
    Object.keys(wheels).forEach(function (tool) {
      // as the wheel itself imports: the file's rounds with ratings replace those rounds only
      var state = loadWheel(tool) || { version: 1, tool: tool, current: "1", rounds: {} };
      Object.keys(wheels[tool]).forEach(function (round) {
        state.rounds[round] = wheels[tool][round];
        updated += 1;
      });
      try { window.localStorage.setItem(wheelKey(tool), JSON.stringify(state)); } catch (e) { stored = false; }
    });
    show();
    if (!stored) { return say(root, "save-failed"); }
    if (!updated && !kept) { return say(root, "import-nothing"); }
    var status = root.querySelector(".course-logbook__status");
    status.textContent = fill(msg(root, "imported"), { count: updated }) +
      (kept ? " " + fill(msg(root, "imported-kept"), { kept: kept }) : "");
  }

  function setupPage(root) {
    var confirm = root.querySelector(".course-logbook__confirm");
    var deleteButton = root.querySelector("[data-logbook-action='delete']");

    root.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-logbook-action]");
      if (!button) { return; }
      var action = button.getAttribute("data-logbook-action");
      if (action === "export") {
        var day = new Date().toISOString().slice(0, 10);
        var name = fill(msg(root, "file"), { course: scope.course.toLowerCase(), run: scope.run, date: day })
          .replace(/[^A-Za-z0-9._-]+/g, "-");
        download(name, JSON.stringify(exported(), null, 2) + "\n");
        say(root, "exported", { file: name });
      } else if (action === "print") {
        window.print();
      } else if (action === "delete") {
        confirm.hidden = false;
        confirm.querySelector("[data-logbook-action='delete-yes']").focus();
      } else if (action === "delete-yes" || action === "delete-no") {
        if (action === "delete-yes") {
          try {
            window.localStorage.removeItem(key);
            wheelTables().forEach(function (table) {
              window.localStorage.removeItem(wheelKey(table.getAttribute("data-logbook-wheel")));
            });
          } catch (e) { /* nothing could be stored either */ }
          memory = null;
          show();
        }
        confirm.hidden = true;
        deleteButton.focus();
        say(root, action === "delete-yes" ? "deleted" : "delete-cancelled");
      }
    });

    root.addEventListener("change", function (event) {
      var input = event.target;
      if (input.type !== "file" || !input.files || !input.files[0]) { return; }
      var reader = new FileReader();
      reader.onload = function () {
        importText(root, String(reader.result));
        input.value = "";
      };
      reader.onerror = function () {
        say(root, "import-damaged");
        input.value = "";
      };
      reader.readAsText(input.files[0]);
    });

    root.querySelector(".course-logbook__actions").hidden = false;
    window.addEventListener("storage", show);
  }

  function start() {
    first = document.querySelector("[data-course-logbook], [data-course-logbook-page], [data-course-logbook-sheet]");
    if (!first) { return; }
    scope = { course: first.getAttribute("data-logbook-course"), run: first.getAttribute("data-logbook-run"),
              storage: first.getAttribute("data-storage-key") };
    key = "course-logbook:" + encodeURIComponent(scope.course) + ":" + encodeURIComponent(scope.run);
    if (!storable()) { unavailable(); }
    Array.prototype.forEach.call(document.querySelectorAll("[data-course-logbook]"), setupForm);
    Array.prototype.forEach.call(document.querySelectorAll("[data-course-logbook-page]"), setupPage);
    show();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
