"""The admin console in a real browser (headless Chromium through Selenium), against the fleet
running on the sandbox with 10,000 ConnectWise companies. Started by scripts/browser-test.sh,
which passes everything through the environment:

  CONSOLE_URL, CONSOLE_USER, CONSOLE_PASSWORD_FILE   the console and its operator
  BRIDGECTL                                          the bridgectl executable (fleet env set)
  SANDBOX_ACRONIS, SANDBOX_CONNECTWISE               the sandbox's listeners (control API)
  TARGET_COMPANY_NAME, HOSTILE_NAME                  a company to map, the hostile company name
  SCREENSHOTS                                        folder for one screenshot per tab

Each step prints what it checked; the first failed check ends the run with its reason."""

import json
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

URL = os.environ["CONSOLE_URL"].rstrip("/")
USER = os.environ["CONSOLE_USER"]
PASSWORD = open(os.environ["CONSOLE_PASSWORD_FILE"]).read().strip()
BRIDGECTL = os.environ["BRIDGECTL"]
ACRONIS = os.environ["SANDBOX_ACRONIS"].rstrip("/")
CONNECTWISE = os.environ["SANDBOX_CONNECTWISE"].rstrip("/")
TARGET = os.environ["TARGET_COMPANY_NAME"]
HOSTILE = os.environ["HOSTILE_NAME"]
SHOTS = os.environ["SCREENSHOTS"]


DRIVER = None


def fail(what):
    print(f"FAILED: {what}", flush=True)
    if DRIVER is not None:
        print(f"   at {DRIVER.current_url}; the page is in {os.path.join(SHOTS, 'failure.html')}", flush=True)
        with open(os.path.join(SHOTS, "failure.html"), "w") as page:
            page.write(DRIVER.page_source)
        DRIVER.save_screenshot(os.path.join(SHOTS, "failure.png"))
    sys.exit(1)


def check(condition, what):
    if not condition:
        fail(what)
    print(f"ok: {what}", flush=True)


def eventually(what, probe, timeout=90, every=1.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            value = probe()
        except WebDriverException as error:
            if not node_left_page(error):
                raise
            value = None  # The page was replaced while it was read: look again.
        if value:
            print(f"ok: {what}", flush=True)
            return value
        time.sleep(every)
    fail(f"{what} (not within {timeout} s)")


def bridgectl(*arguments):
    result = subprocess.run([BRIDGECTL, *arguments], capture_output=True, text=True)
    return result.returncode, result.stdout + result.stderr


def sandbox(base, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read().decode()
        return json.loads(text) if text else None


def submit(driver, button):
    """Clicks a submit button and waits for the page it leads to (the server may take a while:
    bcrypt, a slowed login, an API call)."""
    page = driver.find_element(By.TAG_NAME, "html")
    button.click()
    WebDriverWait(driver, 60).until(lambda _: left_document(page))


def left_document(element):
    """True once the element is no longer in the page. Chromium reports a node that left the
    document mid-navigation either as a stale element or, in a race, as an inspector error
    ("Node with given id does not belong to the document"); both mean the old page is gone."""
    try:
        element.is_enabled()
        return False
    except WebDriverException as error:
        if node_left_page(error):
            return True
        raise


def node_left_page(error):
    return isinstance(error, StaleElementReferenceException) or any(
        text in str(error) for text in ("does not belong to the document", "No node with given id"))


def no_alert(driver):
    try:
        driver.switch_to.alert
        return False
    except NoAlertPresentException:
        return True


def shot(driver, name):
    path = os.path.join(SHOTS, f"{name}.png")
    driver.save_screenshot(path)
    print(f"   screenshot {path}", flush=True)


def main():
    os.makedirs(SHOTS, exist_ok=True)
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(120)
    global DRIVER
    DRIVER = driver
    try:
        run(driver)
    finally:
        driver.quit()


def run(driver):
    # Every page but the login page needs a session.
    driver.get(URL + "/companies")
    check(driver.current_url.endswith("/login"), "an unauthenticated page sends the browser to the login page")
    shot(driver, "login")
    driver.find_element(By.NAME, "name").send_keys(USER)
    driver.find_element(By.NAME, "password").send_keys("not the password")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form.login button"))
    check("Wrong operator name or password." in driver.page_source, "a wrong password is refused")
    driver.find_element(By.NAME, "name").clear()
    driver.find_element(By.NAME, "name").send_keys(USER)
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form.login button"))
    check(driver.current_url == URL + "/", "logged in, on the summary")
    cookie = driver.get_cookie("psa_bridge_session")
    check(cookie is not None and cookie.get("httpOnly") and cookie.get("sameSite") == "Strict",
          "the session cookie is HttpOnly and SameSite=Strict")
    check(driver.execute_script("return document.cookie").find("psa_bridge_session") < 0, "script cannot read the session cookie")
    total = driver.find_element(By.ID, "accounts-total").text
    check(total == "10000", f"the summary counts 10,000 accounts ({total})")
    shot(driver, "summary")

    # The hostile name is text everywhere, and runs nothing.
    driver.get(URL + "/companies?q=" + urllib.parse.quote("alert(1)"))
    names = [cell.text for cell in driver.find_elements(By.CSS_SELECTOR, ".name")]
    check(HOSTILE in names, "the hostile company name is shown as written")
    check(no_alert(driver), "no script ran")
    check(len(driver.find_elements(By.TAG_NAME, "script")) == 0, "the page holds no script element")
    check("&lt;script&gt;alert(1)&lt;/script&gt;" in driver.page_source, "the name is escaped in the page")
    shot(driver, "company-mapping-hostile")

    # Search a company by name and map it to a new tenant; the provisioner makes it Mapped.
    driver.get(URL + "/companies")
    box = driver.find_element(By.NAME, "q")
    box.send_keys(TARGET)
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form.filters button"))
    rows = driver.find_elements(By.CSS_SELECTOR, "tbody tr")
    row = next((r for r in rows if r.find_element(By.CSS_SELECTOR, ".name").text == TARGET), None)
    check(row is not None, f"the search finds {TARGET!r} among 10,000 companies")
    company_id = row.get_attribute("id").removeprefix("company-")
    submit(driver, row.find_element(By.XPATH, ".//button[contains(., 'Map to a new tenant')]"))
    check("Ready for mapping to a new tenant" in driver.page_source, "the company is queued for a new tenant")

    def mapped():
        driver.get(URL + "/companies?status=mapped&q=" + urllib.parse.quote(TARGET))
        return any(r.get_attribute("id") == f"company-{company_id}" for r in driver.find_elements(By.CSS_SELECTOR, "tbody tr"))
    eventually(f"company {company_id} becomes Mapped after the provisioner runs", mapped)
    status = driver.find_element(By.CSS_SELECTOR, f"#company-{company_id} td.status").text
    check(status.startswith("Mapped"), f"its status reads Mapped ({status})")
    tenant_id = driver.find_element(By.CSS_SELECTOR, f"#company-{company_id} .id").text
    shot(driver, "company-mapping")

    # A ticket setting edited in the console is what bridgectl settings show prints.
    driver.get(URL + "/settings/tickets")
    area = driver.find_element(By.CSS_SELECTOR, "#section-tickets textarea")
    settings = json.loads(area.get_attribute("value"))
    settings["newTicketAfterDays"] = {"enabled": True, "days": 4}
    area.clear()
    area.send_keys(json.dumps(settings, indent=2))
    submit(driver, driver.find_element(By.XPATH, "//button[contains(., 'Save tickets')]"))
    check("Saved tickets: settings version" in driver.page_source, "the ticket setting is saved as a new version")
    code, shown = bridgectl("settings", "show", "--json")
    document = json.loads(shown[shown.index("{"):])
    check(code == 0 and document["tickets"]["newTicketAfterDays"] == {"enabled": True, "days": 4},
          "bridgectl settings show prints the edited ticket setting")
    shot(driver, "ticket-creation")

    # Other tabs render.
    for path, name in (("/settings/connection", "integration-settings"), ("/settings/products", "product-mapping"),
                       ("/settings/provisioning", "provisioning"), (f"/preview?company={company_id}", "preview")):
        driver.get(URL + path)
        check(driver.find_element(By.TAG_NAME, "h1").text != "" and no_alert(driver), f"{path} renders")
        shot(driver, name)

    # A ticket create the PSA refused (400) is dead-lettered; replayed from the console it makes the ticket.
    sandbox(CONNECTWISE, "POST", "/_sandbox/faults/next",
            {"count": 1, "status": 400, "method": "POST", "pathContains": "/service/tickets"})
    alert = sandbox(ACRONIS, "POST", "/_sandbox/acronis/alerts",
                    {"type": "NoBackupForXDays", "tenant": tenant_id, "details": {"resourceName": "SRV-BROWSER"}})
    bridgectl("sync", "now")

    def dead_letter():
        driver.get(URL + "/dead-letters")
        count = driver.find_element(By.ID, "dead-letter-count").text
        return count != "0" and count
    eventually("the refused ticket create is a dead letter", dead_letter, timeout=120)
    shot(driver, "dead-letters")
    submit(driver, driver.find_element(By.XPATH, "//button[contains(., 'Replay')]"))
    check("replayed to its work queue" in driver.page_source, "the dead letter is replayed")

    def ticket():
        found = sandbox(CONNECTWISE, "GET", "/_sandbox/tickets?externalRef=" + urllib.parse.quote(alert["id"]))
        tickets = found.get("tickets", found) if isinstance(found, dict) else found
        return tickets if tickets else None
    eventually("the replayed message creates the ticket", ticket)
    driver.get(URL + "/dead-letters")
    check(driver.find_element(By.ID, "dead-letter-count").text == "0", "no dead letter left")

    # The month's audit CSV, downloaded with the session.
    driver.get(URL + "/audit")
    check("console:" + USER in driver.page_source, "the audit shows the operator's changes")
    shot(driver, "audit")
    link = driver.find_element(By.ID, "audit-csv").get_attribute("href")
    request = urllib.request.Request(link, headers={"Cookie": f"psa_bridge_session={cookie['value']}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        csv = response.read().decode()
        disposition = response.headers.get("Content-Disposition", "")
    check(disposition.startswith("attachment;") and csv.startswith("time,"), "the audit CSV downloads")
    check("mapping.request-new-tenant" in csv and "dead-letter.replay" in csv and "settings.apply" in csv,
          "the CSV holds the mapping, the replay and the settings change")
    check(f"console:{USER}" in csv, "each by the operator")

    # Logging out ends the session.
    driver.get(URL + "/")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form.logout button"))
    check(driver.current_url.endswith("/login"), "logged out")
    driver.get(URL + "/")
    check(driver.current_url.endswith("/login"), "the old session no longer opens pages")
    print("browser test: all checks passed", flush=True)


if __name__ == "__main__":
    main()
