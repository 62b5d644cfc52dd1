"""Open one page in a DevTools session and report what a reader's browser would meet."""

import base64
import time
from pathlib import Path
from urllib.parse import urldefrag

IMAGES = """Array.from(document.images).map(i => ({
  src: (i.currentSrc || i.src).slice(0, 40), w: i.naturalWidth, done: i.complete,
  hidden: i.className.indexOf('hidden') >= 0}))"""
LAYOUT = """({scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
  height: document.documentElement.scrollHeight})"""


def _drain(devtools, seen):
    while not devtools.events.empty():
        seen.append(devtools.events.get_nowait())


def visit(
    devtools, page: Path, *, width=1100, height=900, screenshot: Path | None = None, max_height=9000
) -> dict:
    """Load ``page`` from disk; return console errors, requests, images (every frame), layout."""
    target = devtools.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = devtools.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        devtools.send(f"{domain}.enable", session=session)
    devtools.send(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        session,
    )
    seen: list = []
    _drain(devtools, [])
    url = page.resolve().as_uri()
    devtools.send("Page.navigate", {"url": url}, session)
    devtools.wait_for("Page.loadEventFired", session, timeout=60, seen=seen)
    time.sleep(0.3)  # late console messages (e.g. from a frame) arrive just after load
    _drain(devtools, seen)
    mine = [e for e in seen if e.get("sessionId") == session]
    errors = []
    for event in mine:
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            errors.append(
                "console: "
                + " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            )
        elif method == "Runtime.exceptionThrown":
            errors.append(
                "exception: "
                + params["exceptionDetails"].get("text", "")
                + " "
                + str(params["exceptionDetails"].get("exception", {}).get("description", ""))
            )
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            errors.append("log: " + params["entry"].get("text", ""))
    requests = [e["params"]["request"]["url"] for e in mine if e["method"] == "Network.requestWillBeSent"]
    contexts = [e["params"]["context"] for e in mine if e["method"] == "Runtime.executionContextCreated"]
    images, frames = [], 0
    for context in contexts:
        if not context.get("auxData", {}).get("isDefault"):
            continue
        try:
            result = devtools.send(
                "Runtime.evaluate",
                {"expression": IMAGES, "returnByValue": True, "contextId": context["id"]},
                session,
            )
        except Exception:  # noqa: BLE001 - a context destroyed by navigation (about:blank) has nothing to check
            continue
        frames += 1
        images += result["result"].get("value", [])
    layout = devtools.send("Runtime.evaluate", {"expression": LAYOUT, "returnByValue": True}, session)[
        "result"
    ]["value"]
    if screenshot is not None:
        clip = {"x": 0, "y": 0, "width": width, "height": min(layout["height"], max_height), "scale": 1}
        shot = devtools.send(
            "Page.captureScreenshot",
            {"format": "png", "captureBeyondViewport": True, "clip": clip},
            session,
            timeout=60,
        )
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        screenshot.write_bytes(base64.b64decode(shot["data"]))
    devtools.send("Target.closeTarget", {"targetId": target})
    return {
        "url": url,
        "errors": errors,
        "requests": requests,
        "images": images,
        "frames": frames,
        "layout": layout,
    }


def outside(requests, allowed) -> list:
    """Requests for anything but the allowed files and inline data."""
    allowed = {urldefrag(a)[0] for a in allowed}
    return [r for r in requests if not r.startswith(("data:", "about:")) and urldefrag(r)[0] not in allowed]
