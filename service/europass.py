"""Europass CVs (the XML of Europass' CV editor, SkillsPassport 3.x) read into proposed profile fields:
name, headline, skills, languages and the work and education history as CV text. Nothing is saved
here: the candidate confirms the proposal (service.web.pages.cv, or PATCH /candidates/me).

The XML is parsed with entities left unresolved, no network and no DTD: a file cannot make the parser
read another file or a URL."""
import re

from lxml import etree

from service.domain import Invalid

MAX_SKILLS = 30
MAX_SKILL_LENGTH = 80
_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
_TAG = re.compile(r"<[^>]+>")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _children(element, name: str) -> list:
    return [child for child in element if _local(child) == name]


def _path(element, *names: str):
    """The first element down the path of local names (namespaces ignored), or None."""
    for name in names:
        found = _children(element, name) if element is not None else []
        element = found[0] if found else None
    return element


def _text(element, *names: str) -> str:
    found = _path(element, *names)
    return _plain(found.text) if found is not None and found.text else ""


def _plain(value: str) -> str:
    """Europass keeps rich text as escaped HTML: its text, one line per paragraph or item."""
    value = re.sub(r"(?i)<br\s*/?>|</p>|</li>", "\n", value)
    lines = [" ".join(_TAG.sub(" ", line).split()) for line in value.splitlines()]
    return "\n".join(line for line in lines if line)


def _period(element) -> str:
    def when(node) -> str:
        if node is None:
            return ""
        year, month = node.get("year", "").strip("-"), node.get("month", "").strip("-")
        return f"{month.zfill(2)}/{year}" if year and month else year
    start, end = when(_path(element, "Period", "From")), when(_path(element, "Period", "To"))
    current = _path(element, "Period", "Current")
    end = end or ("now" if current is not None and (current.text or "").strip() == "true" else "")
    return f"{start}–{end}" if start and end else start


def _level(proficiency) -> str | None:
    """The lowest of the self-assessed levels (listening, reading, speaking, writing): what holds for all."""
    levels = [(child.text or "").strip().upper() for child in (proficiency if proficiency is not None else [])]
    levels = [level for level in levels if level in _LEVELS]
    return min(levels, key=_LEVELS.index) if levels else None


def _skills(learner) -> list[str]:
    found: list[str] = []
    for kind in ("Computer", "JobRelated", "Organisational", "Communication", "Other"):
        text = _text(learner, "Skills", kind, "Description")
        for item in re.split(r"[,;\n•]", text):
            item = item.strip(" .-:")
            if item and len(item) <= MAX_SKILL_LENGTH and item.lower() not in {s.lower() for s in found}:
                found.append(item)
    return found[:MAX_SKILLS]


def _history(learner) -> str:
    lines = []
    work = _path(learner, "WorkExperienceList")
    for job in _children(work, "WorkExperience") if work is not None else []:
        head = " — ".join(p for p in (_text(job, "Position", "Label"), _text(job, "Employer", "Name")) if p)
        lines.append(" ".join(p for p in (_period(job), head) if p))
        if _text(job, "Activities"):
            lines.append(_text(job, "Activities"))
    education = _path(learner, "EducationList")
    studies = _children(education, "Education") if education is not None else []
    if studies and lines:
        lines.append("")
    for study in studies:
        head = " — ".join(p for p in (_text(study, "Title"), _text(study, "Organisation", "Name")) if p)
        lines.append(" ".join(p for p in (_period(study), head) if p))
        if _text(study, "Activities"):
            lines.append(_text(study, "Activities"))
    return "\n".join(lines).strip()


def _items(learner, container: str, item: str) -> list:
    found = _path(learner, "Skills", "Linguistic", container)
    return _children(found, item) if found is not None else []


def read(content: bytes) -> dict:
    """The proposed profile fields of a Europass XML CV (only those it gives); Invalid when the file is
    not XML or not a Europass CV."""
    try:
        root = etree.fromstring(content, _parser())
    except etree.XMLSyntaxError as exc:
        raise Invalid("europass.not_xml", field="file", reason=str(exc.msg or exc)[:200]) from exc
    learner = root if _local(root) == "LearnerInfo" else _path(root, "LearnerInfo")
    if learner is None:
        raise Invalid("europass.not_europass", field="file")
    name = " ".join(p for p in (_text(learner, "Identification", "PersonName", "FirstName"),
                                _text(learner, "Identification", "PersonName", "Surname")) if p)
    languages = []
    for tongue in _items(learner, "MotherTongueList", "MotherTongue"):
        code = _text(tongue, "Description", "Code").lower()
        if len(code) == 2:
            languages.append({"language": code, "level": "native"})
    for foreign in _items(learner, "ForeignLanguageList", "ForeignLanguage"):
        code, level = _text(foreign, "Description", "Code").lower(), _level(_path(foreign, "ProficiencyLevel"))
        if len(code) == 2 and level and code not in {lang["language"] for lang in languages}:
            languages.append({"language": code, "level": level})
    proposal = {"full_name": name[:300] or None, "headline": _text(learner, "Headline", "Description", "Label")[:300] or None,
                "skills": _skills(learner), "languages": languages, "cv_text": _history(learner)[:20_000] or None}
    return proposal
