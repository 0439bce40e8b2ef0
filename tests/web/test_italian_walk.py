"""Each kind of user walks their pages in Italian, and no page shows an untranslated message.

What "untranslated" means is decided by the catalog, not by guessing English words. Two checks run on
every page the walk opens:

1. **The catalog's own misses.** Every text the pages write goes through the Italian catalog
   (``_``, ``ngettext`` and ``say`` in the templates, message codes through ``service.messages``).
   The catalog logs each text it is asked for and does not hold (``service.web.i18n``, logger
   ``ecotalent.i18n``): a message id that was never extracted, English that is not a message id
   at all (a pydantic ``msg``, an API ``detail``), or an already translated text translated again.
   The server runs in this process, so the test collects those warnings while each page renders.
2. **English renderings of catalog messages.** For every message of ``messages.pot`` whose Italian
   differs from its English, the English (its ``{fields}`` matching any text) is looked for in the
   page's visible text, its ``<option>``, ``title``, ``aria-label``, ``placeholder`` and ``alt`` texts.
   This catches English that reached the page without the catalog: the API's ``detail`` shown as it
   is, a template that hard-codes a sentence the catalog has. Data are not messages: a text of at
   most three words (a label such as "Research contract") counts only as a whole line, so a
   position titled "Research contract in photonics" is not mistaken for it; elements marked
   with another ``lang`` (the language switch) are left out.
3. **Vocabulary values without their words.** A value of the vocabularies (``i18n.LABELS``: contract
   types, stages, statuses...) written as its code, like ``contratto_di_ricerca`` or ``phd_scholarship``,
   outside a ``<code>`` element (where the pages name fields on purpose), and message codes
   (``service.messages``) written as themselves, as a message object's repr would show them.

A hard-coded English text the catalog has never seen can escape both checks; the catalog
completeness test (test_i18n.py) and these two cover what codes make checkable.

The walk follows, from each user's navigation, every link to a page of the app (one page per path
shape, ids taken from the data), then does what produces messages: a search with results, an absurd
search, forms posted with wrong values so validation errors show, the import of a file with a bad row.
"""
import logging
import re
import string
from collections import deque
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from babel.messages.pofile import read_po

from service.messages import MESSAGES
from service.web import i18n
from tests.web.actions import sign_in

POT = i18n.LOCALE_DIR / "messages.pot"
PO = i18n.LOCALE_DIR / "it" / "LC_MESSAGES" / "messages.po"
MAX_PAGES = 40  # per user: one page per path shape keeps the walk short
# Downloads (files, not pages) and actions are not walked.
SKIPPED = re.compile(r"^/app/(language/|signout$|profile/export$|hub/indicators\.csv$|hub/charts/)|\.(csv|json|pdf|xml|atom)$")
ABSURD = "zzqxv kwpfj brrrmx"


class Misses(logging.Handler):
    """The catalog's warnings about texts it does not hold, while the walk runs."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.texts.append(record.getMessage())

    def take(self) -> list[str]:
        taken, self.texts = self.texts, []
        return taken


@pytest.fixture
def misses():
    handler, logger = Misses(), logging.getLogger("ecotalent.i18n")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


def _words(text: str) -> int:
    return len(re.findall(r"[A-Za-z]+", text))


def english_patterns() -> list[tuple[str, re.Pattern]]:
    """(English, pattern) for every catalog message whose Italian is another text: a message of at
    most three literal words must be a whole line; a longer one may sit inside a line."""
    with PO.open("rb") as file:
        italian = {m.id: m.string for m in read_po(file) if m.id}
    with POT.open("rb") as file:
        template = read_po(file)
    patterns = []
    for message in template:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = italian.get(message.id) or ()
        strings = strings if isinstance(strings, tuple) else (strings,)
        for english in ids:
            if english in strings:  # the same in both languages ("PhD", "FTE"): nothing to find
                continue
            parts, literal = [], ""
            for text, name, _spec, _conv in string.Formatter().parse(english):
                parts.append(r"\s+".join(re.escape(w) for w in text.split(" ")) if text else "")
                literal += text
                if name is not None:
                    parts.append(r".+?")
            has_fields = "{" in english.replace("{{", "")
            if _words(literal) < (2 if has_fields else 1):
                continue  # "{n}" or "{n} km": nothing that is English by itself
            body = "".join(parts)
            if _words(literal) <= 3 and not has_fields:
                patterns.append((english, re.compile(rf"^\s*{body}\s*[.:]?\s*$")))
            else:
                patterns.append((english, re.compile(body)))
    return patterns


VISIBLE_TEXT = """() => {
  document.querySelectorAll('details').forEach(d => d.open = true);
  const other = [...document.querySelectorAll('[lang]')].filter(e => e !== document.documentElement && e.lang !== 'it');
  const shown = other.map(e => [e, e.style.display]);
  other.forEach(e => e.style.display = 'none');
  const lines = document.body.innerText.split('\\n');
  shown.forEach(([e, display]) => e.style.display = display);
  for (const e of document.querySelectorAll('option, [title], [aria-label], [placeholder], img[alt]')) {
    if (e.closest('[lang]:not([lang="it"])')) continue;
    if (e.tagName === 'OPTION') lines.push(e.textContent);
    for (const a of ['title', 'aria-label', 'placeholder', 'alt']) if (e.getAttribute(a)) lines.push(e.getAttribute(a));
  }
  lines.push(document.title);
  return lines.map(l => l.trim()).filter(l => l);
}"""
# The same visible text without <code> elements (field names such as start_date are shown on purpose).
WITHOUT_CODE = VISIBLE_TEXT.replace("'[lang]')].filter(e => e !== document.documentElement && e.lang !== 'it')",
                                    "'[lang], code')].filter(e => e !== document.documentElement && e.lang !== 'it')")
VOCABULARY = re.compile(r"(?<![\w.])(" + "|".join(sorted(
    [re.escape(v) for v in i18n.LABELS if "_" in v] + [re.escape(code) for code in MESSAGES],
    key=len, reverse=True)) + r")(?![\w.])")


class Walk:
    """Opens pages as one user and records every untranslated message found on them."""

    def __init__(self, page, who: str, misses: Misses, patterns):
        self.page, self.who, self.misses, self.patterns = page, who, misses, patterns
        self.problems: list[str] = []
        self.seen: list[str] = []

    def english(self) -> list[str]:
        """The catalog's English found in the page's visible texts."""
        return [f"English {english!r} in {line!r}" for line in self.page.evaluate(VISIBLE_TEXT)
                for english, pattern in self.patterns if pattern.search(line)]

    def codes(self) -> list[str]:
        """Vocabulary values shown as their codes."""
        return [f"the code {m.group(0)!r} in {line!r}" for line in self.page.evaluate(WITHOUT_CODE)
                for m in VOCABULARY.finditer(line)]

    def check(self, what: str) -> None:
        assert self.page.evaluate("document.documentElement.lang") == "it", f"{what} is not in Italian"
        self.seen.append(what)
        self.problems += [f"{self.who} {what}: {text}" for text in self.misses.take() + self.english() + self.codes()]

    def finish(self) -> None:
        assert not self.problems, "untranslated messages on Italian pages:\n" + "\n".join(dict.fromkeys(self.problems))

    def open(self, path: str) -> None:
        response = self.page.goto(path)
        assert response is not None and response.status < 500, f"{self.who} {path}: {response and response.status}"
        self.check(path)

    def submit(self, what: str, form_selector: str, fill=None, refused: bool = True) -> None:
        """Posts a form as it is after ``fill`` (the browser's own checks off: the server's messages are
        the point); a refused form must show what is wrong."""
        form = self.page.locator(form_selector).first
        form.evaluate("f => f.noValidate = true")
        if fill:
            fill(form)
        with self.page.expect_navigation():
            form.evaluate("f => f.requestSubmit()")
        if refused:
            assert self.page.locator("[role=alert], .error").count() > 0, f"{self.who} {what}: no error shown"
        self.check(what)

    def crawl(self) -> list[str]:
        """Every page of the app linked from the navigation, and from those pages, one per path shape."""
        start = self.page.url
        queue = deque(self._links())
        shapes = set()
        while queue and len(shapes) < MAX_PAGES:
            path = queue.popleft()
            shape = re.sub(r"\d+", "{id}", path)
            if shape in shapes:
                continue
            shapes.add(shape)
            self.open(path)
            queue.extend(self._links())
        self.page.goto(start)
        self.misses.take()
        return sorted(shapes)

    def _links(self) -> list[str]:
        hrefs = self.page.eval_on_selector_all("a[href]:not([download])", "links => links.map(a => a.getAttribute('href'))")
        paths = []
        for href in hrefs:
            parts = urlsplit(href)
            if parts.netloc or not parts.path.startswith("/app") or SKIPPED.match(parts.path) or "offset=" in parts.query:
                continue
            paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
        return paths

    def first_link(self, pattern: str) -> str:
        """The first link on the page whose path matches (ids come from the data)."""
        for path in self._links():
            if re.fullmatch(pattern, path.split("?")[0]):
                return path
        raise AssertionError(f"{self.who}: no link like {pattern} on {self.page.url}")


@pytest.fixture
def walk(new_page, misses):
    patterns = english_patterns()

    def make(who: str, email: str | None = None, locale: str = "it-IT") -> Walk:
        page = new_page(locale=locale)
        if email:
            sign_in(page, email)
        else:
            page.goto("/app")
        misses.take()  # signing in is walked on its own below
        return Walk(page, who, misses, patterns)

    return make


def test_patterns_find_the_english_of_a_message_and_not_data():
    found = dict(english_patterns())
    assert found["Sign in"].search("Sign in") and not found["Sign in"].search("Sign in to apply for the opening now")
    wrong = found["wrong email or password"]
    assert wrong.search("wrong email or password") and not wrong.search("email o password sbagliate")
    throttled = found["too many attempts: try again in {minutes} minutes"]
    assert throttled.search("too many attempts: try again in 15 minutes")
    assert "PhD" not in found or found["PhD"].search("Dottorato") is None


def test_the_checks_see_english_pages_and_untranslated_texts(walk, misses):
    """The walk's two checks can fail: an English page shows the catalog's English, and a text the
    catalog does not hold is reported when a page asks for it."""
    english = walk("control", "candidate1@demo.example", locale="en-GB")
    english.page.goto("/app/search?q=x")
    found = english.english()
    assert any("'Search openings'" in f for f in found) and any("Type at least two characters" in f for f in found), found
    assert not misses.take()  # English needs no catalog
    english.page.set_content('<html lang="it"><body><p>Contract: contratto_di_ricerca</p><code>start_date</code></body></html>')
    assert english.codes() == ["the code 'contratto_di_ricerca' in 'Contract: contratto_di_ricerca'"]
    english.page.set_content('<html lang="it"><body><p>Message(code=\'field.required\', params={})</p></body></html>')
    assert english.codes() == ["the code 'field.required' in \"Message(code='field.required', params={})\""]
    i18n.message_renderer("it", i18n.Formats("it"))("a sentence no catalog holds")
    assert any("a sentence no catalog holds" in text for text in misses.take())


def _search(walk: Walk, mode: str, words: str) -> None:
    walk.page.goto(f"/app/{mode}")
    walk.page.locator("#f-q").fill(words)
    with walk.page.expect_navigation():
        walk.page.locator("form[role=search]").evaluate("f => f.requestSubmit()")
    walk.check(f"/app/{mode}?q={words}")


def test_an_anonymous_visitor_walks_the_pages_in_italian(walk):
    anonymous = walk("anonymous")
    anonymous.open("/app")
    anonymous.crawl()
    _search(anonymous, "search", "fotonica")
    assert anonymous.page.locator("li.result").count() > 0, "the search found nothing: the walk needs results"
    position = anonymous.first_link(r"/app/positions/\d+")
    _search(anonymous, "search", ABSURD)
    anonymous.open(position)
    anonymous.open("/app/search?q=x")  # too short a query: a field error

    anonymous.open("/app/signin")
    anonymous.submit("sign-in with a wrong password", "form[action='/app/signin']", lambda f: (
        f.locator("#f-email").fill("candidate1@demo.example"), f.locator("#f-password").fill("not the password")))
    anonymous.open("/app/register")
    anonymous.submit("registration with wrong values", "form[action='/app/register']", lambda f: (
        f.locator("input[name=email]").fill("not an email"), f.locator("input[name=password]").fill("short")))
    anonymous.open("/app/register")
    anonymous.submit("registration with a taken email", "form[action='/app/register']", lambda f: (
        f.locator("input[name=full_name]").fill("Chi Già C'è"), f.locator("input[name=email]").fill("hub@demo.example"),
        f.locator("input[name=password]").fill("a long enough password"), f.locator("input[name=consent]").check()))
    anonymous.open("/app/forgot")
    anonymous.submit("password reset without an email", "form[action='/app/forgot']")
    anonymous.open("/app/reset?token=not-a-token")
    anonymous.submit("password reset with a bad token", "form[action='/app/reset']", lambda f: (
        f.locator("input[name=password]").fill("a long enough password")))
    anonymous.open("/app/positions/999999999")  # no such position: the not-found page
    anonymous.open("/app/matches")  # a candidate's page: sign in first
    anonymous.finish()


def test_a_candidate_walks_the_pages_in_italian(walk):
    candidate = walk("candidate", "candidate1@demo.example")
    shapes = candidate.crawl()
    assert {"/app/matches", "/app/search", "/app/applications", "/app/profile"} <= set(shapes), shapes
    candidate.open("/app/matches")
    position = candidate.first_link(r"/app/positions/\d+")
    candidate.open(position)
    _search(candidate, "search", "machine learning")
    assert candidate.page.locator("li.result").count() > 0
    _search(candidate, "search", ABSURD)
    candidate.open("/app/profile")
    candidate.submit("profile with wrong values", "form[action='/app/profile']", lambda f: (
        f.locator("#f-expected_salary_eur_year").fill("-5"), f.locator("#f-place-0-country").fill("ZZZ"),
        f.locator("#f-place-0-start_date").fill("2030-13-45")))
    candidate.open("/app/profile/erase")
    candidate.submit("erasure without the confirmation word", "form[action='/app/profile/erase']")
    candidate.open("/app/hr/positions")  # another role's page
    candidate.finish()


def test_an_hr_office_walks_the_pages_in_italian(walk, tmp_path):
    hr = walk("hr", "hr.unige@demo.example")
    shapes = hr.crawl()
    assert {"/app/hr/positions", "/app/hr/positions/new", "/app/hr/import", "/app/hr/positions/{id}"} <= set(shapes), shapes
    hr.open("/app/hr/positions")
    position = hr.first_link(r"/app/hr/positions/\d+")
    for page in ("", "/edit", "/candidates", "/applications", "/close"):
        hr.open(position + page)
    hr.open("/app/hr/positions/new")
    hr.submit("a new position with wrong values", "form[action='/app/hr/positions/new']", lambda f: (
        f.locator("input[name=salary_min]").fill("50000"), f.locator("input[name=salary_max]").fill("20000"),
        f.locator("input[name=deadline]").fill("2020-01-01")))
    hr.open(position + "/edit")
    hr.submit("an edit that clears the title", f"form[action='{position}/edit']", lambda f: (
        f.locator("input[name=title_it]").fill(""), f.locator("input[name=title_en]").fill("")))

    bad = Path(tmp_path) / "positions.csv"
    bad.write_text("title_en,description_en,contract_type,career_stage,openings,salary_min,deadline\n"
                   "Postdoc in photonics,Integrated photonics for sensing.,contratto_di_ricerca,R2,1,32000,2030-01-01\n"
                   "Researcher,No such stage.,research_contract,R9,zero,-5,2030-02-31\n", encoding="utf-8")
    for mode in ("all_or_nothing", "per_row"):
        hr.open("/app/hr/import")
        hr.page.locator("#f-file").set_input_files(str(bad))
        hr.page.locator(f"input[name=mode][value={mode}]").check()
        with hr.page.expect_navigation():
            hr.page.locator("form[action='/app/hr/import']").evaluate("f => f.requestSubmit()")
        assert hr.page.locator("table").count() > 0, "the import page lists no rejected row"
        hr.check(f"import of a bad row ({mode})")
    hr.open("/app/hr/import")
    hr.submit("import without a file", "form[action='/app/hr/import']")
    hr.open("/app/hub")  # another role's page
    hr.finish()


def test_the_hub_walks_the_pages_in_italian(walk):
    hub = walk("hub", "hub@demo.example")
    shapes = hub.crawl()
    assert "/app/hub" in shapes, shapes
    hub.open("/app/hub?by=region")
    hub.open("/app/hub?start=2026-13-45")
    hub.open("/app/hub?start=2026-06-01&end=2025-01-01")
    hub.open("/app/hub")
    hub.submit("the allocation", "form[action='/app/hub/allocation']", refused=False)
    hub.open("/app/hub")
    hub.submit("the allocation with a wrong raise", "form[action='/app/hub/allocation']", lambda f: (
        f.locator("input[name=salary_raise_percent]").fill("900")))
    hub.open("/app/profile")  # a candidate's page
    hub.finish()
