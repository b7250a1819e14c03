"""Screenshots of a built site's main pages at a phone's and a desktop's width, in both palettes.

    python scripts/screenshots.py SITE OUT [DOCS]   (make screenshots: site/ into screenshots/ and docs/screenshots/)

Into OUT (for review, not committed): every page of ``PAGES``, whole, as OUT/<width>/<name>.png in the
light palette and OUT/<width>/<name>-dark.png in the dark one. Into DOCS (committed, shown in docs/look.md):
the top of the four pages of ``SHOWN`` at each width, light, as DOCS/<name>-<width>.png, made small (a
palette of at most 128 colours, Pillow's PNG optimiser): a reader sees what a participant sees first.

Debian's headless Chromium (curriculum.headless), the site served on loopback, nothing fetched from
elsewhere.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

from curriculum.headless import ARGS, CHROMIUM, serve

#: A phone (an iPhone's 375 px) and a laptop, each with the height of its first screen.
WIDTHS = {375: 740, 1280: 800}
# The pages a reviewer looks at first: name -> path on the site.
PAGES = {
    "forside": "",
    "session-borgerperspektiv": "sessioner/borgerperspektiv/",
    "vaerktoejskassen": "vaerktoejer/",
    "radar": "vaerktoejer/teknologiradar/",
    "hjul": "vaerktoejer/kompetencehjulet/",
    "brugerrejsen": "vaerktoejer/brugerrejsen/",
    "adfaerdsdesign": "vaerktoejer/adfaerdsdesign/",
    "teknostress": "vaerktoejer/teknostress/",
    "grundbehov": "vaerktoejer/psykologiske-grundbehov/",
    "sammenligning": "vaerktoejer/topstyret-og-bottom-up/",
    "evaluering": "evaluering/",
    "litteratur": "litteratur/",
    "om-forloebet": "om-forloebet/",
}
#: The pages shown in the documentation: the front page, a session, the radar and the toolbox; and how much of
#: each page's top they show at each width (about two screens on a phone, one and a bit on a laptop).
SHOWN = ("forside", "session-borgerperspektiv", "radar", "vaerktoejskassen")
SHOWN_HEIGHT = {375: 1500, 1280: 1000}


def small_png(data: bytes) -> bytes:
    """A screenshot as a palette PNG: a fraction of the size, the text as sharp (a page has few colours)."""
    image = Image.open(io.BytesIO(data)).convert("RGB")
    out = io.BytesIO()
    image.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        out, format="PNG", optimize=True
    )
    return out.getvalue()


def main(site: Path, out: Path, docs: Path | None = None) -> int:
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing (install Debian's chromium)", file=sys.stderr)
        return 1
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            for width, height in WIDTHS.items():
                for scheme in ("light", "dark"):
                    context = browser.new_context(
                        viewport={"width": width, "height": height}, color_scheme=scheme, service_workers="block"
                    )
                    context.route(lambda url: not url.startswith(base), lambda route: route.abort())
                    page = context.new_page()
                    (out / str(width)).mkdir(parents=True, exist_ok=True)
                    for name, path in PAGES.items():
                        if not (site / path / "index.html").exists():
                            continue
                        page.goto(base + path, wait_until="load")
                        target = out / str(width) / (f"{name}.png" if scheme == "light" else f"{name}-{scheme}.png")
                        page.screenshot(path=str(target), full_page=True)
                        print(target)
                        if docs is not None and scheme == "light" and name in SHOWN:
                            docs.mkdir(parents=True, exist_ok=True)
                            shown = docs / f"{name}-{width}.png"
                            top = {"x": 0, "y": 0, "width": width, "height": SHOWN_HEIGHT[width]}
                            shown.write_bytes(small_png(page.screenshot(full_page=True, clip=top)))
                            print(shown)
                    context.close()
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]) if len(sys.argv) > 3 else None))
