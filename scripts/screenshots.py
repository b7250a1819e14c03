"""Full-page screenshots of a built site's main pages at a phone's and a desktop's width, for review.

    python scripts/screenshots.py SITE OUT   (make screenshots: site/ into screenshots/)

Debian's headless Chromium (curriculum.headless), the site served on loopback, nothing fetched from
elsewhere. Each page is written as OUT/<width>/<name>.png.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from curriculum.headless import ARGS, CHROMIUM, serve

WIDTHS = (375, 1280)
# The pages a reviewer looks at first: name -> path on the site.
PAGES = {
    "forside": "",
    "session-borgerperspektiv": "sessioner/borgerperspektiv/",
    "radar": "vaerktoejer/teknologiradar/",
    "hjul": "vaerktoejer/kompetencehjulet/",
    "brugerrejsen": "vaerktoejer/brugerrejsen/",
    "adfaerdsdesign": "vaerktoejer/adfaerdsdesign/",
    "teknostress": "vaerktoejer/teknostress/",
    "grundbehov": "vaerktoejer/psykologiske-grundbehov/",
    "sammenligning": "vaerktoejer/topstyret-og-bottom-up/",
    "evaluering": "evaluering/",
    "litteratur": "litteratur/",
}


def main(site: Path, out: Path) -> int:
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing (install Debian's chromium)", file=sys.stderr)
        return 1
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            for width in WIDTHS:
                context = browser.new_context(viewport={"width": width, "height": 900}, service_workers="block")
                context.route(lambda url: not url.startswith(base), lambda route: route.abort())
                page = context.new_page()
                (out / str(width)).mkdir(parents=True, exist_ok=True)
                for name, path in PAGES.items():
                    if not (site / path / "index.html").exists():
                        continue
                    page.goto(base + path, wait_until="load")
                    target = out / str(width) / f"{name}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(target)
                context.close()
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
