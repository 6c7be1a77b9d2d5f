"""Build the seed and save a screenshot of its page, with the phone call selected, as out/graph.png.

Run from anywhere: `python tests/screenshot.py`. It builds seeds/ into out/ as `kg build` does, opens
out/graph.html from the file system in headless Chromium (Debian's, driven by Playwright) with every
request that is not for a file aborted, clicks the phone-call node so that the panel shows its source
sentences, and writes the picture the README shows. Exits 1 if the page asked for anything else.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.build import run_build  # noqa: E402  (needs the project root on the path)
from tests.test_html import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

TARGET = ROOT / "out" / "graph.png"


def main() -> int:
    """Build, open, click, save; return the exit code."""
    built = run_build([ROOT / "seeds"], ROOT / "out")
    call = next(n for n, a in built.projection.nodes(data=True) if a["type"] == "Llamada telefónica")
    outside: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                   else (outside.append(route.request.url), route.abort()))
        page.goto(built.page.resolve().as_uri())
        page.wait_for_selector("body[data-ready=true]", timeout=30_000)
        x, y = page.evaluate("""(id) => {
            const dom = kg.network.canvasToDOM(kg.network.getPosition(id));
            const box = document.getElementById("mynetwork").getBoundingClientRect();
            return [dom.x + box.left, dom.y + box.top];
        }""", call)
        page.mouse.click(x, y)
        page.mouse.move(1, 1)
        page.screenshot(path=str(TARGET))
        browser.close()
    if outside:
        print(f"the page asked for {outside}", file=sys.stderr)
        return 1
    print(f"wrote {TARGET.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
