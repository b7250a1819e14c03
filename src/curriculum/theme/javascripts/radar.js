/* The technology radar (see curriculum.visuals, kind: radar): pointing at or focusing a blip's number
 * on the picture or its name beside it lights up both, and the blip's name shows as a tooltip. Without
 * JavaScript the tooltip still shows on hover and focus (CSS); only the light on the other side is lost.
 */
(function () {
  "use strict";

  function light(event, on) {
    var item = event.target.closest && event.target.closest("[data-course-blip]");
    if (!item) { return; }
    var figure = item.closest(".course-radar");
    var blip = item.getAttribute("data-course-blip");
    Array.prototype.forEach.call(figure.querySelectorAll("[data-course-blip]"), function (other) {
      if (other.getAttribute("data-course-blip") === blip) { other.classList.toggle("is-hot", on); }
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("figure.course-radar"), function (figure) {
      figure.addEventListener("mouseover", function (e) { light(e, true); });
      figure.addEventListener("mouseout", function (e) { light(e, false); });
      figure.addEventListener("focusin", function (e) { light(e, true); });
      figure.addEventListener("focusout", function (e) { light(e, false); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
