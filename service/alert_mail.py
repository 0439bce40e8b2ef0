"""The alert e-mail of one saved search, in the candidate's language: each new position, why it fits, its link."""
from dataclasses import dataclass

from service.links import position_url
from service.web.i18n import N_, Formats, gettext, message_renderer, ngettext

INTRO_WORDS = N_("New positions match your saved search \u201c{q}\u201d:")
INTRO_MATCHES = N_("New positions fit your profile (your saved search \u201cmy matches\u201d):")
FIT = N_("Fit: {score}.")
HAVE = N_("Skills you have: {skills}.")
MISSING = N_("Skills it asks for that your profile lacks: {skills}.")
WHY_FREQUENCY = {"instant": N_("You receive these alerts as soon as positions open."),
                 "daily": N_("You receive these alerts at most once a day."),
                 "weekly": N_("You receive these alerts at most once a week.")}
STOP = N_("Stop these alerts: {link}")


@dataclass(frozen=True)
class AlertMail:
    subject: str
    text: str


def _title(position: dict, language: str) -> str:
    first, second = ("title_it", "title_en") if language == "it" else ("title_en", "title_it")
    return position.get(first) or position.get(second) or ""


def compose(public_url: str, language: str, search: dict, items: list[tuple[dict, dict]], unsubscribe_url: str) -> AlertMail:
    """``items``: (position row, its explanation as service.matching.explanation gives it), best first."""
    _, _n, formats = gettext(language), ngettext(language), Formats(language)
    say = message_renderer(language, formats)
    lines = [_(INTRO_WORDS, q=search["q"]) if search["q"] else _(INTRO_MATCHES), ""]
    for number, (position, why) in enumerate(items, start=1):
        place = ", ".join(p for p in (position["institution_name"], position.get("city")) if p)
        lines.append(f"{number}. {_title(position, language)} \u2014 {place}")
        reasons = [_(FIT, score=formats.percent(why["score"]))]
        if why["matched_skills"]:
            reasons.append(_(HAVE, skills=", ".join(why["matched_skills"])))
        if why["missing_skills"]:
            reasons.append(_(MISSING, skills=", ".join(why["missing_skills"])))
        for detail in (why["location"], why["salary"]):
            if detail.get("verdict_message"):
                reasons.append(say(detail["verdict_message"]).rstrip(".") + ".")
        lines.append("   " + " ".join(reasons))
        lines.append("   " + position_url(public_url, position["id"], "alert"))
        lines.append("")
    lines += [_(WHY_FREQUENCY[search["frequency"]]), _(STOP, link=unsubscribe_url), ""]
    subject = _n("ecotalent: {n} new position for your saved search", "ecotalent: {n} new positions for your saved search",
                 len(items))
    return AlertMail(subject, "\n".join(lines))
