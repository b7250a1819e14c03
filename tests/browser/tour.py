"""One visit to every page of a built site in one colour scheme, recording what a test may ask about.

Each page is loaded once per scheme in a shared page of one browser context; the checks (accessibility,
requests, console, links) then read the record instead of loading the page again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from . import axe

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


@dataclass
class Visit:
    path: str  # URL path relative to the site's root, e.g. 'sessioner/kick-off/'
    status: int | None = None  # HTTP status of the page itself
    scheme: str = ""  # the palette Material shows (data-md-color-scheme): 'default' or 'slate'
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    axe: dict = field(default_factory=dict)
    links: list[str] = field(default_factory=list)  # every <a href>, resolved to an absolute URL
    ids: set[str] = field(default_factory=set)  # every id (and <a name>) in the page once loaded
    csp_violations: list[str] = field(default_factory=list)  # Content-Security-Policy reports
    lang: str = ""  # the page's language as the browser has it (<html lang>)
    layout: dict = field(default_factory=dict)  # LAYOUT's measurements, when the tour takes them


def is_local(url: str, base_url: str) -> bool:
    """True for the test server itself and for URLs that make no network request (data:, blob:, about:)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return (parts.scheme, parts.netloc) == tuple(urlsplit(base_url)[:2])


SCROLL = """() => {
  const root = document.documentElement;
  const wide = Array.from(document.querySelectorAll('body *'))
    .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1)
    .slice(0, 5)
    .map(e => e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className.trim()
                                         ? '.' + e.className.trim().split(/\\s+/).join('.') : ''));
  return {scroll: root.scrollWidth, client: root.clientWidth, wide};
}"""

# What a page shows at this width: pictures and tables that leave their column or scroll in a box of their
# own, and the size every shown SVG text is drawn at (its font size times the picture's scale).
MEASURE = """() => {
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/)[0] : '');
  const column = document.querySelector('.md-content__inner') || document.body;
  const edge = column.getBoundingClientRect();
  const shown = e => e.checkVisibility ? e.checkVisibility() : e.getClientRects().length > 0;
  const out = [];
  for (const e of document.querySelectorAll('.md-content figure, .md-content table, .md-content svg')) {
    if (!shown(e)) continue;
    const r = e.getBoundingClientRect();
    if (r.left < edge.left - 1 || r.right > edge.right + 1) out.push(`${name(e)} ${Math.round(r.left)}..${Math.round(r.right)} in ${Math.round(edge.left)}..${Math.round(edge.right)}`);
  }
  for (const e of document.querySelectorAll('.md-content *')) {
    const cs = getComputedStyle(e);
    if (!['auto', 'scroll'].includes(cs.overflowX) || !shown(e)) continue;
    if (e.scrollWidth > e.clientWidth + 1) out.push(`${name(e)} scrolls sideways (${e.scrollWidth} > ${e.clientWidth})`);
  }
  const texts = [];
  for (const svg of document.querySelectorAll('.md-content svg')) {
    if (!shown(svg)) continue;
    const scale = svg.getScreenCTM().a;
    for (const t of svg.querySelectorAll('text')) {
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      texts.push({where: name(svg.closest('figure') || svg), text: t.textContent.trim().slice(0, 30), px});
    }
  }
  return {out, texts};
}"""


# Both, as one record: {'widths': SCROLL's, 'out': ..., 'texts': ...}.
LAYOUT = f"() => ({{widths: ({SCROLL})(), ...({MEASURE})()}})"


# A condition to wait for (page.wait_for_function(CHECKED, arg=selector)): a function, never a string, which the
# page would evaluate itself once the first test fails, and its Content-Security-Policy refuses (no 'unsafe-eval').
CHECKED = "selector => document.querySelector(selector) !== null"


_LINKS_AND_IDS = """() => ({
  links: Array.from(document.querySelectorAll('a[href], area[href]'), a => a.href),
  ids: Array.from(document.querySelectorAll('[id]'), e => e.id)
       .concat(Array.from(document.querySelectorAll('a[name]'), a => a.name)),
})"""


# Every securitypolicyviolation event of a page, kept where the tour can read it after the load (an init
# script is run by the browser's DevTools protocol, which the page's own policy does not govern).
_COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
  `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile || ''}:${e.lineNumber})`));
"""


def tour(
    browser,
    base_url: str,
    paths: list[str],
    color_scheme: str,
    viewport: dict[str, int] = DESKTOP,
    *,
    layout: bool = False,
    audited: list[str] | None = None,
) -> dict[str, Visit]:
    """Visit every page in ``paths`` with prefers-color-scheme set to ``color_scheme`` ('light' or 'dark'),
    in a window of ``viewport`` (a desktop's, or ``PHONE``: 375 px wide); with ``layout``, also measure
    what test_layout.py checks at this width (LAYOUT). axe audits every page, or those of ``audited``."""
    context = browser.new_context(color_scheme=color_scheme, viewport=viewport, service_workers="block")
    # Nothing may leave the machine even where a network exists: other hosts are answered with an error
    # (the request is still recorded below, and the failed load is logged as a console error).
    context.route(lambda url: not is_local(url, base_url), lambda route: route.abort())
    visits = {path: Visit(path) for path in paths}
    current: list[Visit] = []

    def now() -> Visit:
        return current[-1]

    def on_console(message):
        if message.type == "error":
            location = message.location.get("url", "") if message.location else ""
            now().console_errors.append(f"{message.text} [{location}]")

    def on_worker(worker):
        worker.on("console", on_console)

    context.add_init_script(_COLLECT_VIOLATIONS)
    context.on("request", lambda request: now().requests.append(request.url))
    context.on("console", on_console)
    page = context.new_page()
    page.on("pageerror", lambda error: now().console_errors.append(f"uncaught: {error}"))
    page.on("worker", on_worker)
    try:
        for path in paths:
            visit = visits[path]
            current.append(visit)
            response = page.goto(base_url + path, wait_until="load")
            visit.status = response.status if response else None
            visit.scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme') || ''")
            if audited is None or path in audited:
                visit.axe = axe.audit(page)
            found = page.evaluate(_LINKS_AND_IDS)
            visit.links, visit.ids = found["links"], set(found["ids"])
            visit.csp_violations = page.evaluate("window.__cspViolations || []")
            visit.lang = page.evaluate("document.documentElement.lang")
            if layout:
                visit.layout = page.evaluate(LAYOUT)
        page.wait_for_timeout(300)  # late events (e.g. the search worker's) still land on the last page
    finally:
        context.close()
    return visits
