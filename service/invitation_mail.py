"""The e-mail of an invitation to apply, in the candidate's language: who invites, to what, and the link
that counts an application from it for the "invite" channel."""
from service.links import position_url
from service.web.i18n import N_, Formats, gettext, title_in

SUBJECT = N_("{institution} invites you to apply: {title}")
INTRO = N_("Hello {name},")
BODY = N_("{institution} read your ecotalent profile and invites you to apply to this position:")
DEADLINE = N_("Applications close on {date}.")
THEIR_WORDS = N_("Their message:")
STOP = N_("You receive invitations because your profile allows them; turn them off in your profile: {link}")


def compose(public_url: str, language: str, invitation: dict, candidate: dict) -> tuple[str, str]:
    """(subject, text) of the invitation e-mail."""
    _, fmt = gettext(language), Formats(language)
    title = title_in(invitation, language)
    lines = [_(INTRO, name=candidate["full_name"]), "",
             _(BODY, institution=invitation["institution_name"]), "",
             f"  {title}", f"  {position_url(public_url, invitation['position_id'], 'invite')}", ""]
    if invitation["deadline"]:
        lines += [_(DEADLINE, date=fmt.date(invitation["deadline"])), ""]
    if invitation["message"]:
        lines += [_(THEIR_WORDS), "", invitation["message"], ""]
    lines += [_(STOP, link=public_url.rstrip("/") + "/app/profile"), ""]
    return _(SUBJECT, institution=invitation["institution_name"], title=title), "\n".join(lines)
