#!/usr/bin/env python3
"""Drives the console in headless Chromium (Debian's `chromium`) through the closed loop, only by
filling forms and clicking, as six people on desktop and phone-sized windows, and fails on any
page error, console error, error response or missing text. Saves a screenshot of every step.

    python3 scripts/browser-test.py http://127.0.0.1:8080 screenshots/

Needs `chromium` and the `websocket-client` and `html5lib` packages (pip install websocket-client
html5lib). Speaks the Chrome DevTools Protocol directly: no test framework, no Node. Every HTML page
the browser loads is also parsed by html5lib in strict mode: a parse error fails the run.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import html5lib
import websocket

PASSWORD = "Zibo-Demo-2026!"


def png(path, width=64, height=48):
    """A small valid PNG (a colour gradient), made without any imaging library."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"".join(bytes((x * 4 % 256, y * 5 % 256, 128)) for x in range(width)) for y in range(height))
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(data)
DESKTOP = (1920, 1080)
PHONE = (390, 844)


class Browser:
    def __init__(self, shots):
        self.shots = shots
        self.profile = tempfile.mkdtemp(prefix="fg-chromium-")
        import socket
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        binary = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
        if not binary:
            raise SystemExit("chromium is not installed (apt-get install -y chromium)")
        self.process = subprocess.Popen(
            [binary, "--headless=new", "--no-sandbox", "--disable-gpu", f"--remote-debugging-port={self.port}", "--no-first-run",
             f"--user-data-dir={self.profile}", "--hide-scrollbars", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        for _ in range(100):
            try:
                pages = json.load(urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json"))
                page = next(p for p in pages if p["type"] == "page")
                break
            except Exception:
                time.sleep(0.2)
        else:
            raise SystemExit("chromium did not start")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30)
        self.next_id = 0
        self.events = []
        self.problems = []
        self.documents = []  # (requestId, url) of HTML documents, to validate
        self.validated = 0
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(domain + ".enable")

    def send(self, method, params=None):
        self.next_id += 1
        ident = self.next_id
        self.ws.send(json.dumps({"id": ident, "method": method, "params": params or {}}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.observe(message)

    def observe(self, message):
        method = message.get("method")
        params = message.get("params", {})
        if method == "Runtime.exceptionThrown":
            self.problems.append("page exception: " + json.dumps(params.get("exceptionDetails", {}))[:300])
        elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
            self.problems.append("console error: " + json.dumps(params.get("args"))[:300])
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            self.problems.append(f"browser error: {entry.get('text')} {entry.get('url', '')}")
        elif method == "Network.responseReceived":
            response = params.get("response", {})
            if params.get("type") == "Document" and "text/html" in response.get("mimeType", ""):
                self.documents.append((params["requestId"], response.get("url")))
            if response.get("status", 0) >= 400 and params.get("type") in ("Document", "Stylesheet", "Script", "Image"):
                self.problems.append(f"HTTP {response['status']} for {response.get('url')}")
        self.events.append(message)

    def viewport(self, size):
        self.send("Emulation.setDeviceMetricsOverride", {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": size == PHONE})

    def origin(self):
        return self.js("performance.timeOrigin")

    def settle(self, before, timeout=30):
        """Waits until a new document (not the one whose timeOrigin was `before`) has loaded: a load
        event left over from an earlier page must not count. Then validates what was loaded."""
        end = time.time() + timeout
        while time.time() < end:
            try:
                # The browser's own first page (about:blank) may finish loading late: never count it.
                if self.origin() != before and self.js("document.readyState") == "complete" and self.url() != "about:blank":
                    self.validate_documents()
                    return
            except RuntimeError:
                pass
            time.sleep(0.05)
        raise RuntimeError("no new page loaded")

    def validate_documents(self):
        """Parses every HTML document loaded since the last call with html5lib, strictly."""
        pending, self.documents = self.documents, []
        for request_id, url in pending:
            try:
                body = self.send("Network.getResponseBody", {"requestId": request_id})
            except RuntimeError:
                continue  # a redirect has no body
            text = body.get("body", "")
            if not text.strip():
                continue
            parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
            try:
                parser.parse(text)
                self.validated += 1
            except Exception as error:
                line = getattr(parser, "errors", [])[:1]
                self.problems.append(f"invalid HTML at {url}: {error} {line}")

    def go(self, url):
        before = self.origin()
        self.send("Page.navigate", {"url": url})
        self.settle(before)

    def js(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"script failed: {expression[:120]}: {result['exceptionDetails'].get('text')}")
        return result.get("result", {}).get("value")

    def click_and_wait(self, expression):
        """Runs `expression` (which clicks or submits) and waits for the next page."""
        before = self.origin()
        self.send("Runtime.evaluate", {"expression": expression})
        self.settle(before)

    def text(self):
        return self.js("document.body.innerText")

    def url(self):
        return self.js("location.href")

    def press(self, key, code=None, keycode=0, text=None):
        for kind in ("keyDown", "keyUp"):
            event = {"type": kind, "key": key, "code": code or key, "windowsVirtualKeyCode": keycode}
            if text and kind == "keyDown":
                event["text"] = text
            self.send("Input.dispatchKeyEvent", event)

    def attach(self, selector, path):
        """Puts a file into a file input, as a person choosing a photo would."""
        document = self.send("DOM.getDocument")["root"]["nodeId"]
        node = self.send("DOM.querySelector", {"nodeId": document, "selector": selector})["nodeId"]
        self.send("DOM.setFileInputFiles", {"nodeId": node, "files": [path]})

    def shot(self, name):
        data = self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})["data"]
        import base64
        with open(os.path.join(self.shots, name + ".png"), "wb") as f:
            f.write(base64.b64decode(data))

    def close(self):
        try:
            self.ws.close()
        finally:
            import signal
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            self.process.wait(10)
            shutil.rmtree(self.profile, ignore_errors=True)


def main(base, shots):
    os.makedirs(shots, exist_ok=True)
    grid = json.load(urllib.request.urlopen(base + "/api/v1/regions/370303001005132"))["region"]
    lon, lat = grid["centroid"]
    b = Browser(shots)
    try:
        return run(b, base, shots, lon, lat)
    except Exception:
        # Leave evidence: where the browser was and what it showed.
        try:
            print("at", b.url(), "showing:", (b.text() or "")[:300].replace("\n", " "))
            b.shot("failure")
        except Exception:
            pass
        raise
    finally:
        b.close()


def run(b, base, shots, lon, lat):
    failures = []
    timings = []

    def expect(condition, what):
        if not condition:
            failures.append(what)
            print("FAIL", what)

    def sign_in(username, size=DESKTOP):
        b.send("Network.clearBrowserCookies")
        b.viewport(size)
        b.go(base + "/console")
        expect("/console/login" in b.url(), f"{username}: the console sends a signed-out visitor to sign in (at {b.url()})")
        b.js(f"document.querySelector('input[name=username]').value = {json.dumps(username)}")
        b.js(f"document.querySelector('input[name=password]').value = {json.dumps(PASSWORD)}")
        b.click_and_wait("document.querySelector('form button[type=submit]').click()")
        expect("/console/login" not in b.url(), f"{username}: signed in")

    photo = os.path.join(b.profile, "photo.png")
    png(photo)

    def step(username, case_url, kind, fill="", size=DESKTOP, shot=None):
        sign_in(username, size)
        start = time.time()
        b.go(case_url)
        timings.append(time.time() - start)
        has = b.js(f"!!document.querySelector('form[action$=\"/step/{kind}\"]')")
        expect(has, f"{username}: the case page offers {kind}")
        if not has:
            b.shot(f"missing-{kind}")
            return
        b.js(f"document.querySelector('form[action$=\"/step/{kind}\"]').closest('details').open = true")
        if fill:
            b.js(fill)
        if b.js(f"!!document.querySelector('form[action$=\"/step/{kind}\"] input[type=file]')"):
            b.attach(f'form[action$="/step/{kind}"] input[type=file]', photo)
        if shot:
            b.shot(shot + "-form")
        b.click_and_wait(f"document.querySelector('form[action$=\"/step/{kind}\"] button[type=submit]').click()")
        expect("/console" in b.url() and "已办理" in b.text(), f"{username}: {kind} was taken ({b.url()})")
        if shot:
            b.shot(shot)

    # 1. The inspector reports on a phone: class search, location, photo-less report.
    sign_in("inspector", PHONE)
    b.shot("01-inspector-queue-phone")
    b.go(base + "/console/report")
    b.shot("02-inspector-report-form-phone")
    b.js("var f = document.getElementById('class-filter'); f.value = '06'; f.dispatchEvent(new Event('input'))")
    b.js("var s = document.getElementById('class'); if (!s.value) { s.value = s.querySelector('option:not([hidden])').value }")
    b.js("document.querySelector('textarea[name=description]').value = '人行道上堆放建筑垃圾（浏览器测试）'")
    b.js(f"document.getElementById('lon').value = '{lon:.6f}'; document.getElementById('lat').value = '{lat:.6f}'")
    b.click_and_wait("document.querySelector('form.report button[type=submit]').click()")
    text = b.text()
    expect("已上报" in text, "inspector: the report was filed as a case")
    case_url = b.url().split("?")[0]
    expect("/console/cases/" in case_url, "inspector: the new case's page opened")
    b.shot("03-inspector-case-phone")

    # 2. Through the loop by clicking, each person on their own screen.
    step("shift-leader", case_url, "file", shot="04-shift-leader-file")
    sign_in("dispatcher")
    b.go(base + "/console?status=filed")
    expect("建议：" in b.text(), "dispatcher: the queue names the suggested department")
    b.shot("04b-dispatcher-filing-queue")
    step("dispatcher", case_url, "dispatch", fill="document.querySelector('select[name=department_id]').value = 'dept-zd-sanitation'", shot="05-dispatcher-dispatch")
    step("zd-handler", case_url, "feedback", fill="document.querySelector('form[action$=\"/step/feedback\"] textarea[name=result]').value = '已清运完毕'", size=PHONE, shot="06-handler-feedback-phone")
    step("operator", case_url, "request_check", shot="07-operator-request-check")
    step("inspector", case_url, "check", size=PHONE, shot="08-inspector-check-phone")
    step("shift-leader", case_url, "close", shot="09-shift-leader-close")
    expect("已结案" in b.text(), "the case is closed at the end of the loop")

    # 3. Lists and the English switch.
    sign_in("dispatcher")
    b.shot("10-dispatcher-queue")
    b.go(base + "/console/cases?overdue=true")
    b.shot("11-dispatcher-overdue-cases")
    b.click_and_wait("document.querySelector('.who a[href^=\"/console/lang\"]').click()")
    expect("My queue" in b.text() or "Cases" in b.text(), "the English switch changes the words")
    b.shot("12-dispatcher-english")
    b.click_and_wait("document.querySelector('.who a[href^=\"/console/lang\"]').click()")
    b.go(base + "/evaluations")
    b.shot("13-public-evaluations")

    # 4. The leader's dashboard and the one map, zoomed in by clicking.
    sign_in("leader")
    start = time.time()
    b.go(base + "/console/dashboard")
    print(f"dashboard (first view, evaluations computed): {(time.time() - start) * 1000:.0f} ms")
    expect("今日上报" in b.text(), "leader: the dashboard shows today's intake")
    b.shot("14-leader-dashboard")
    b.go(base + "/console/map")
    expect(b.js("document.querySelectorAll('#map path').length") >= 8, "the map draws the districts")
    b.shot("15-leader-map-city")
    b.go(base + "/console/map?region=370303001")
    b.shot("16-leader-map-subdistrict")
    b.click_and_wait("document.querySelector('#map a').dispatchEvent(new MouseEvent('click', {bubbles: true}))")
    b.shot("17-leader-map-zoomed")
    expect(b.js("location.search.includes('bbox=') && document.querySelectorAll('#map path').length > 0"), "the zoomed map shows the clicked region's area")
    b.go(base + "/console/map?region=370303001005&components=1")
    expect(b.js("document.querySelectorAll('#map .components rect').length") > 0, "the components layer draws the demo components")
    b.shot("17a-leader-map-components")

    # 5. The keyboard alone reaches the skip link first and then every step form of a case.
    sign_in("shift-leader")
    b.go(case_url)
    b.press("Tab", "Tab", 9)
    expect(b.js("document.activeElement.className") == "skip", "keyboard: the first Tab reaches the skip link")
    reached = False
    for _ in range(60):
        b.press("Tab", "Tab", 9)
        if b.js("document.activeElement.tagName") == "SUMMARY":
            reached = True
            break
    expect(reached, "keyboard: Tab reaches the step forms")
    if reached:
        b.press("Enter", "Enter", 13, "\r")
        expect(b.js("document.activeElement.parentElement.open") is True, "keyboard: Enter opens a step form")
    b.shot("17b-keyboard-step-open")

    # 6. The evaluator's ranking, and the cases behind a figure by clicking it.
    sign_in("evaluator")
    expect("/console/evaluation" in b.url(), "evaluator: the console opens on the evaluation")
    b.shot("17c-evaluator-ranking")
    if b.js("!!document.querySelector('a[href^=\"/console/evaluation/cases\"]')"):
        b.click_and_wait("document.querySelector('a[href^=\"/console/evaluation/cases\"]').click()")
        expect("/console/evaluation/cases" in b.url(), "evaluator: a count opens its cases")
        b.shot("17d-evaluator-drill-down")

    # 7. Administration pages, as the city administrator.
    sign_in("admin")
    for i, path in enumerate(["regions", "regions?code=370303001005", "catalogue", "responsibility", "deadlines", "users", "audit"]):
        b.go(base + "/console/admin/" + path)
        expect("<table" in b.js("document.body.innerHTML") or "empty" in b.js("document.body.innerHTML"), f"admin page {path} shows its table")
        b.shot(f"{18 + i}-admin-{path.split('?')[0]}")

    # 8. A wrong password is refused with a message, not a crash.
    b.send("Network.clearBrowserCookies")
    b.go(base + "/console/login")
    b.js("document.querySelector('input[name=username]').value = 'no-such-person'; document.querySelector('input[name=password]').value = 'wrong-password'")
    b.click_and_wait("document.querySelector('form button[type=submit]').click()")
    expect("用户名或密码错误" in b.text(), "a wrong password shows a clear message")

    for p in b.problems:
        failures.append(p)
        print("FAIL", p)
    if timings:
        print(f"case page loads: {len(timings)}, slowest {max(timings) * 1000:.0f} ms (browser, including rendering)")
    print(f"{b.validated} HTML pages parsed strictly; {len(os.listdir(shots))} screenshots in {shots}; {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1].rstrip("/"), sys.argv[2]))
