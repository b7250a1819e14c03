/* A short title on phones: the header's course title, cut off at 375 px, gives way to the course's short
 * name (modules/course.yml short_name, which the footer names in data-short-title) below 600 px; the
 * full title stays there for screen readers (extra.css). Without JavaScript the full title shows. */
(function () {
  "use strict";

  function apply() {
    var footer = document.querySelector(".course-footer[data-short-title]");
    var title = document.querySelector(".md-header__title .md-header__topic .md-ellipsis");
    var short = footer ? footer.getAttribute("data-short-title") : "";
    if (!title || !short || title.querySelector(".course-short-title")) { return; }
    var long = document.createElement("span");
    long.className = "course-long-title";
    while (title.firstChild) { long.appendChild(title.firstChild); }
    var abbreviated = document.createElement("span");
    abbreviated.className = "course-short-title";
    abbreviated.setAttribute("aria-hidden", "true");
    abbreviated.textContent = short;
    title.appendChild(long);
    title.appendChild(abbreviated);
  }

  // A page's print button (the handbook's): the browser's print dialogue, which also saves a PDF.
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest("button[data-course-print]")) { window.print(); }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", apply);
  } else {
    apply();
  }
})();
