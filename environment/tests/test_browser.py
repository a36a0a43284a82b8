"""The classic Notebook UI in a real browser: Debian's Chromium, headless, driven by Selenium.

What a reader does in the first minutes, checked end to end: the project's Jupyter server (Debian's
jupyter-notebook) with the Java kernel from JUPYTER_PATH, a COPY of notebook 00 (the committed file is
never opened), Run All, the plot, Tab completion, a compile error, and opening a notebook without
touching it. Screenshots go to build/browser/.

Needs the Debian packages chromium, chromium-driver and python3-selenium (environment/apt.txt); a
missing one fails the test with the install line instead of skipping it, so `make test` cannot pass
without having opened the browser.

Chromium is started with a fresh profile and every background service off: on a machine without
internet access its component updater, sync and QUIC probes otherwise stall or refuse connections.
"""
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "00_getting_started.ipynb"
SHOTS = ROOT / "build" / "browser"
RUN_ALL_TIMEOUT = 600      # notebook 00 takes ~10 s on an idle 2-core machine; shared CI machines are slower
KERNEL_TIMEOUT = 120

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--window-size=1400,1800"]

try:
    from selenium import webdriver
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:  # reported by the fixture below, as a failure
    webdriver = None


def _require_tools():
    missing = []
    if webdriver is None:
        missing.append("python3-selenium")
    if not shutil.which("chromium"):
        missing.append("chromium")
    if not shutil.which("chromedriver"):
        missing.append("chromium-driver")
    if not shutil.which("jupyter-notebook"):
        missing.append("jupyter-notebook")
    if missing:
        pytest.fail("the browser test needs Debian packages: sudo apt-get install -y " + " ".join(missing),
                    pytrace=False)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(kernel_json, tmp_path_factory):
    """A Notebook server on a free localhost port, with a token, serving a folder of copies."""
    _require_tools()
    base = tmp_path_factory.mktemp("browser")
    work = base / "notebooks"
    work.mkdir()
    shutil.copy(ROOT / "notebooks" / "setup.jsh", work)
    for name in ("run_all.ipynb", "open_only.ipynb"):
        shutil.copy(NOTEBOOK, work / name)
    token = os.urandom(16).hex()
    port = _free_port()
    env = dict(os.environ)
    # Only the project's kernelspec (JUPYTER_PATH) and nothing from the user's own Jupyter config.
    env.update(JUPYTER_CONFIG_DIR=str(base / "config"), JUPYTER_DATA_DIR=str(base / "data"),
               JUPYTER_RUNTIME_DIR=str(base / "runtime"), BROWSER="true")
    env["JUPYTER_PATH"] = str(kernel_json.parent.parent.parent)
    cmd = ["jupyter-notebook", "--no-browser", "--ip=127.0.0.1", f"--port={port}", "--port-retries=0",
           f"--NotebookApp.token={token}", f"--notebook-dir={work}"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    log = open(base / "server.log", "w")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("jupyter-notebook did not start:\n" + (base / "server.log").read_text())
        time.sleep(0.3)
    yield {"url": url, "token": token, "dir": work, "log": base / "server.log"}
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    log.close()


@pytest.fixture(scope="module")
def browser(server):
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    driver.set_script_timeout(30)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _wait(driver, condition, timeout, what):
    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.25).until(lambda d: condition(d))
    except TimeoutException:
        pytest.fail(f"timed out after {timeout} s waiting for {what}", pytrace=False)


def _open(driver, server, name):
    driver.get(f"{server['url']}/notebooks/{name}?token={server['token']}")
    _wait(driver, lambda d: d.execute_script(
        "return window.Jupyter !== undefined && Jupyter.notebook !== undefined && Jupyter.notebook._fully_loaded"
        " && Jupyter.notebook.kernel !== null && Jupyter.notebook.kernel.info_reply !== undefined"
        " && Jupyter.notebook.kernel.info_reply.language_info !== undefined"),
        KERNEL_TIMEOUT, f"{name} to load and its kernel to start")
    _wait_idle(driver, KERNEL_TIMEOUT)


def _wait_idle(driver, timeout):
    _wait(driver, lambda d: d.execute_script(
        "return $('#kernel_indicator_icon').hasClass('kernel_idle_icon') && !Jupyter.notebook.kernel_busy"),
        timeout, "the kernel indicator to show idle")


def _leave(driver):
    """Navigates away without a 'leave page?' prompt (the notebook is a throw-away copy)."""
    driver.execute_script("window.onbeforeunload = null;")
    driver.get("about:blank")


def _shot(driver, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / name))


def _type_in_new_cell(driver, text):
    """Adds a code cell at the bottom and types into it with real key events; returns its index."""
    index = driver.execute_script(
        "var nb = Jupyter.notebook; nb.insert_cell_at_bottom('code'); var i = nb.ncells() - 1;"
        "nb.select(i); nb.edit_mode(); nb.get_cell(i).element[0].scrollIntoView(); return i;")
    cell = driver.execute_script(f"return Jupyter.notebook.get_cell({index}).element[0]")
    area = cell.find_element(By.CSS_SELECTOR, ".CodeMirror textarea")
    area.send_keys(text)
    return index, area


@pytest.fixture(scope="module")
def run_all(browser, server):
    """Opens the copy, clears the committed outputs, runs all cells; returns the seconds Run All took."""
    _open(browser, server, "run_all.ipynb")
    browser.execute_script("Jupyter.notebook.clear_all_output();")
    assert browser.find_elements(By.CSS_SELECTOR, ".output_png img") == []
    started = time.monotonic()
    browser.execute_script("Jupyter.notebook.execute_all_cells();")
    prompts = "return Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code').map(c => c.input_prompt_number);"
    _wait(browser, lambda d: all(isinstance(p, int) for p in d.execute_script(prompts))
          or (not any(p == "*" for p in d.execute_script(prompts))
              and d.execute_script("return !Jupyter.notebook.kernel_busy")),
          RUN_ALL_TIMEOUT, "Run All to finish")
    seconds = time.monotonic() - started
    _wait_idle(browser, KERNEL_TIMEOUT)
    return seconds


def test_run_all_shows_java_kernel_idle_with_no_error_and_the_plot(browser, server, run_all, kernel_json):
    spec = json.loads(kernel_json.read_text())
    shown = browser.find_element(By.CSS_SELECTOR, "#kernel_indicator .kernel_indicator_name").text
    assert shown == spec["display_name"] and "Java" in shown
    assert browser.execute_script("return Jupyter.notebook.kernel.name") == "java"
    assert browser.execute_script("return Jupyter.notebook.metadata.language_info.name") == "java"
    assert browser.find_element(By.ID, "kernel_indicator_icon").get_attribute("class").split().count(
        "kernel_idle_icon") == 1

    prompts = browser.execute_script(
        "return Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code').map(c => c.input_prompt_number);")
    assert prompts and all(isinstance(p, int) for p in prompts), f"not every cell ran: {prompts}"
    errors = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".output_error")]
    assert errors == []
    text = "\n".join(e.text for e in browser.find_elements(By.CSS_SELECTOR, ".output_text"))
    assert "[CLAIM PASS]" in text and "[CLAIM FAIL]" not in text

    images = browser.find_elements(By.CSS_SELECTOR, ".output_png img")
    assert len(images) == 1
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", images[0])
    assert images[0].is_displayed()
    width, height = browser.execute_script(
        "return [arguments[0].naturalWidth, arguments[0].naturalHeight];", images[0])
    assert width >= 200 and height >= 150, (width, height)
    _shot(browser, "00_run_all.png")
    print(f"\nRun All of notebook 00 in Chromium: {run_all:.1f} s")


def test_tab_after_nd4j_dot_offers_kernel_completions(browser, run_all):
    _index, area = _type_in_new_cell(browser, "Nd4j.")
    area.send_keys(Keys.TAB)
    options = _wait(browser, lambda d: [o.text for o in d.find_elements(By.CSS_SELECTOR, "#complete select option")],
                    30, "the completion list")
    assert any(o.startswith("zeros") for o in options), options[:20]
    assert any(o.startswith("randn") for o in options), options[:20]
    _shot(browser, "00_completion.png")
    area.send_keys(Keys.ESCAPE)


def test_compile_error_shows_a_readable_message(browser, run_all):
    index, area = _type_in_new_cell(browser, 'int answer = "forty-two";')
    area.send_keys(Keys.SHIFT, Keys.ENTER)
    _wait(browser, lambda d: isinstance(d.execute_script(
        f"return Jupyter.notebook.get_cell({index}).input_prompt_number"), int), 60, "the error cell to run")
    cell = browser.execute_script(f"return Jupyter.notebook.get_cell({index}).element[0]")
    errors = cell.find_elements(By.CSS_SELECTOR, ".output_error")
    assert len(errors) == 1
    message = errors[0].text
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", errors[0])
    _shot(browser, "00_compile_error.png")
    assert "incompatible types" in message and "String cannot be converted to int" in message, message
    assert 'int answer = "forty-two";' in message, message       # the offending source line is quoted
    assert "\x1b" not in message and "[0;3" not in message, repr(message)   # no raw ANSI codes
    assert len(message.splitlines()) <= 10, message                         # no kernel stack trace
    _wait_idle(browser, KERNEL_TIMEOUT)


def _display_name_differs(committed, kernel_json):
    spec = json.loads(kernel_json.read_text())
    return committed.metadata.get("kernelspec", {}).get("display_name") != spec["display_name"]


def test_opening_a_notebook_leaves_it_unmodified(browser, server, kernel_json):
    path = server["dir"] / "open_only.ipynb"
    before = path.read_bytes()
    _open(browser, server, "open_only.ipynb")
    # Autosave every second instead of every two minutes: a notebook the UI considers changed is rewritten.
    browser.execute_script("Jupyter.notebook.set_autosave_interval(1000);")
    time.sleep(3)
    dirty = browser.execute_script("return Jupyter.notebook.dirty")
    status = browser.find_element(By.CSS_SELECTOR, "#save_widget span.autosave_status").text
    metadata = browser.execute_script("return Jupyter.notebook.metadata")
    _shot(browser, "00_opened.png")
    browser.execute_script("Jupyter.notebook.kernel.kill();")
    _leave(browser)
    time.sleep(1)
    after = path.read_bytes()
    if before == after and not dirty and "unsaved" not in status:
        return
    committed = nbformat.reads(before.decode(), as_version=4)
    changed = sorted(k for k in set(committed.metadata) | set(metadata)
                     if committed.metadata.get(k) != metadata.get(k))
    detail = (f"dirty={dirty}, status={status!r}, file changed={before != after}, metadata keys changed: {changed}; "
              f"committed kernelspec {committed.metadata.get('kernelspec')}, in the UI {metadata.get('kernelspec')}")
    if changed == ["kernelspec"] and _display_name_differs(committed, kernel_json):
        pytest.xfail("known (issue 10, kernel engineer): the notebooks' kernelspec display name differs from the "
                     "installed kernel's, so the UI rewrites it; " + detail)
    pytest.fail("opening the notebook changed it: " + detail, pytrace=False)
