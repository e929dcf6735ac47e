"""Live reload for `sitegen serve`: the state a page waits on, and the script served pages get.

The script long-polls the server. When a rebuild finishes, the page reloads; when the content has errors, it shows
them in an overlay above the last good page. Nothing here is written into the built site.
"""

from __future__ import annotations

import re
import threading
from typing import Any

ENDPOINT = "__sitegen/"  # below the base path: ENDPOINT + "wait" and ENDPOINT + "reload.js"
WAIT_SECONDS = 20.0


class SiteState:
    """The build generation the served pages show, and the problems of the latest attempt to rebuild."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self.version = 0  # counts every change of state, rebuilt or not
        self.generation = 0  # counts rebuilds: a page from an older generation reloads
        self.problems: list[str] = []
        self.stale = False  # the content changed but the served site could not be rebuilt from it

    def publish(self, problems: list[str], rebuilt: bool) -> None:
        with self._changed:
            self.version += 1
            self.generation += int(rebuilt)
            self.problems = problems
            self.stale = not rebuilt
            self._changed.notify_all()

    def wait(self, since: int, timeout: float = WAIT_SECONDS) -> dict[str, Any]:
        """The state once it differs from version since, or as it is after timeout."""
        with self._changed:
            self._changed.wait_for(lambda: self.version != since, timeout)
            return {
                "version": self.version,
                "generation": self.generation,
                "problems": list(self.problems),
                "stale": self.stale,
            }


def inject(html: bytes, script_url: str) -> bytes:
    """The page with the reload script added before </body> (or at the end)."""
    tag = f'<script src="{script_url}" data-sitegen-live></script>'.encode()
    closing = list(re.finditer(rb"</body\s*>", html, re.IGNORECASE))
    if not closing:
        return html + tag
    at = closing[-1].start()
    return html[:at] + tag + html[at:]


RELOAD_SCRIPT = """\
(() => {
  const script = document.currentScript;
  const wait = new URL("wait", script.src);
  let version = -1;
  let generation = null;

  function show(problems, stale) {
    let overlay = document.getElementById("sitegen-overlay");
    if (!problems.length) {
      if (overlay) overlay.remove();
      return;
    }
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "sitegen-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "margin:0;padding:1rem 1.25rem;background:#3b0d0c;color:#fff;font:14px/1.5 monospace;" +
        "border-top:4px solid #e5484d;white-space:pre-wrap";
      document.body.append(overlay);
    }
    const heading = document.createElement("strong");
    heading.textContent = stale
      ? "sitegen: the site was not rebuilt; the last good site is shown. Fix these and save:"
      : "sitegen: the site was built without what these problems leave out:";
    const list = document.createElement("div");
    list.textContent = problems.join("\\n");
    overlay.replaceChildren(heading, list);
  }

  async function poll() {
    for (;;) {
      try {
        wait.searchParams.set("since", version);
        const response = await fetch(wait, { cache: "no-store" });
        const state = await response.json();
        if (generation !== null && state.generation !== generation) {
          location.reload();
          return;
        }
        generation = state.generation;
        version = state.version;
        show(state.problems, state.stale);
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  poll();
})();
"""
