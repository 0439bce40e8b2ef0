"""The alert e-mail of one saved search, in the candidate's language: each new position, why it fits, its link."""
from dataclasses import dataclass
from urllib.parse import urlencode

from service.links import position_url
from service.messages import Message
from service.web.i18n import N_, Formats, gettext, labeller, message_renderer, ngettext, title_in

INTRO_WORDS = N_("New positions match your saved search \u201c{q}\u201d:")
INTRO_MATCHES = N_("New positions fit your profile (your saved search \u201cmy matches\u201d):")
FIT = N_("Fit: {score}.")
HAVE = N_("Skills you have: {skills}.")
MISSING = N_("Skills it asks for that your profile lacks: {skills}.")
WHY_FREQUENCY = {"instant": N_("You receive these alerts as soon as positions open."),
                 "daily": N_("You receive these alerts at most once a day."),
                 "weekly": N_("You receive these alerts at most once a week.")}
STOP = N_("Stop these alerts: {link}")
SEE_MORE = {True: "/app/search", False: "/app/matches"}


@dataclass(frozen=True)
class Why:
    """Why a position fits, as an alert says it: the fit's score (0 to 1), the skills, the pay and place verdicts."""
    score: float
    matched_skills: list[str]
    missing_skills: list[str]
    verdicts: list[tuple[str, Message]]  # ("salary" or "location", what the match says of it)


@dataclass(frozen=True)
class AlertMail:
    subject: str
    text: str


class Composer:
    """Writes alert e-mails in one language (its catalog and formats are looked up once, for many e-mails)."""

    def __init__(self, public_url: str, language: str):
        self.public_url, self._ = public_url, gettext(language)
        self.language, self._n = language, ngettext(language)
        self._say, self._label = message_renderer(language, Formats(language)), labeller(self._)
        self._said: dict[tuple, str] = {}  # the few verdicts, written once each (thousands of e-mails repeat them)
        self._links: dict[int, str] = {}

    def say(self, about: str, message: Message) -> str:
        """"Salary: meets your expectation." in the language."""
        key = (about, message.code, tuple(sorted((k, repr(v)) for k, v in message.params.items())))
        if key not in self._said:
            self._said[key] = f"{self._label(about)}: {self._say(message).rstrip('.')}."
        return self._said[key]

    def link(self, position_id: int) -> str:
        if position_id not in self._links:
            self._links[position_id] = position_url(self.public_url, position_id, "alert")
        return self._links[position_id]

    def compose(self, search: dict, items: list[tuple[dict, Why]], more: int, unsubscribe_url: str) -> AlertMail:
        """``items``: (position row, why it fits), in the order to list them; ``more``: the new positions
        that match too but are not listed (the search or matches page shows them)."""
        _ = self._
        lines = [_(INTRO_WORDS, q=search["q"]) if search["q"] else _(INTRO_MATCHES), ""]
        for number, (position, why) in enumerate(items, start=1):
            place = ", ".join(p for p in (position["institution_name"], position.get("city")) if p)
            lines.append(f"{number}. {title_in(position, self.language)} \u2014 {place}")
            reasons = [_(FIT, score=f"{round(why.score * 100)}%")]
            if why.matched_skills:
                reasons.append(_(HAVE, skills=", ".join(why.matched_skills)))
            if why.missing_skills:
                reasons.append(_(MISSING, skills=", ".join(why.missing_skills)))
            reasons += [self.say(about, verdict) for about, verdict in why.verdicts]
            lines.append("   " + " ".join(reasons))
            lines.append("   " + self.link(position["id"]))
            lines.append("")
        if more:
            page = self.public_url.rstrip("/") + SEE_MORE[bool(search["q"])]
            page += f"?{urlencode({'q': search['q']})}" if search["q"] else ""
            lines += [self._n("And {n} more new position matches: {link}", "And {n} more new positions match: {link}",
                              more, link=page), ""]
        lines += [_(WHY_FREQUENCY[search["frequency"]]), _(STOP, link=unsubscribe_url), ""]
        subject = self._n("ecotalent: {n} new position for your saved search",
                          "ecotalent: {n} new positions for your saved search", len(items) + more)
        return AlertMail(subject, "\n".join(lines))
