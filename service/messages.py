"""Every sentence a user can read, as a code with named parameters (issue 11).

A layer that refuses or warns says *which* message and with *what* figures: ``Message("position.
not_found", {"position_id": 7})``. It never writes the sentence, so no other layer has to read one
back. The API answers the code, the parameters and the English (``detail``); the pages render the
code in the reader's language through the gettext catalog, where the English text below is the
message id and plural forms come from the catalog's own rules.

To add a message: a code here with its English (named ``{parameters}``; a ``plural`` and the
``count`` parameter that chooses between them when a number decides the grammar; ``{name:amount}``,
``{name:signed}`` or ``{name:count}`` where a number is written as money, a change or a count), then
``pybabel extract`` / ``update`` / ``compile`` as the README says, and its Italian in the ``.po``.
"""
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from gettext import NullTranslations
from typing import Any, Protocol

from models.said import Said


@dataclass(frozen=True)
class Text:
    """The English of one message: its gettext id, and its plural when a count decides the grammar."""

    singular: str
    plural: str | None = None
    count: str | None = None  # the parameter whose value picks singular or plural

    def __post_init__(self) -> None:
        if (self.plural is None) != (self.count is None):
            raise ValueError(f"{self.singular!r}: a plural needs the parameter that counts, and only then")


# How a parameter is written, named in the message itself like a format spec: ``{low:amount}``
# (others: ids and names as they are, floats with their digits, dates as the language writes them).
# The API carries the bare number; how to write it belongs to the sentence, so it is in the catalog.
AMOUNT = "amount"    # a sum of money in whole euros, grouped: 39,129
SIGNED = "signed"    # a change, with its sign and one decimal: +4.0, -19.4
COUNT = "count"      # a count, grouped: 2,889 (ids stay ungrouped: they are names, not quantities)
MONEY = "money"      # a sum of money in whole euros with its unit, as the page writes money: €39,129 or 39.129 €

# code -> English. Codes are dotted: the subject first, then what happened.
MESSAGES: dict[str, Text] = {
    # --- hiring: positions, imports, applications, salary checks -------------------------------------------
    "position.title_required": Text("give a title in Italian (title_it), English (title_en) or both"),
    "position.description_required": Text("give a description in Italian (description_it), English (description_en) or both"),
    "position.salary_range": Text("salary_min ({low}) is above salary_max ({high})"),
    "position.deadline_before_opening": Text("deadline ({deadline}) is before opening_date ({opening})"),
    "position.open_past_deadline": Text("a position cannot be open with a deadline in the past ({deadline})"),
    "application.hire_needs_start_date": Text("a hire needs its start_date"),
    "application.start_date_only_for_hire": Text("start_date belongs only to a change to 'hired'"),
    "position.not_found": Text("position {position_id} does not exist or is not visible to you"),
    "position.not_open": Text("position {id} does not exist or is not open for applications"),
    "position.other_institution": Text("you can only change positions of your own institution"),
    "application.not_found": Text("application {application_id} does not exist or is not visible to you"),
    "application.duplicate": Text("you applied to this position already (application {id})"),
    "application.hub_sees_aggregates": Text("the hub sees applications only as aggregates: GET /hub/overview"),
    "application.parties_only": Text("only candidates and HR officers see applications; you are signed in as '{role}'"),
    "application.changed_meanwhile": Text("the application was changed by someone else meanwhile: reload it and retry"),
    "application.already_final": Text("the application is already '{stage}' and cannot change any more"),
    "application.same_stage": Text("the application is already in stage '{stage}'"),
    "application.candidate_only_withdraws": Text("a candidate can only withdraw an application"),
    "application.only_candidate_withdraws": Text("only the candidate can withdraw an application"),
    "application.hire_after_offer": Text("an application can be marked 'hired' only after an 'offer'"),
    "application.no_going_back": Text("an application cannot move back from '{current}' to '{target}'"),
    "import.too_large": Text("the file is over {max_mib} MiB"),
    "import.not_utf8": Text("the file is not UTF-8 text (byte {byte} is not valid)"),
    "import.unknown_format": Text("name the file *.csv or *.json so its format is known"),
    "import.no_rows": Text("the file has no rows"),
    "import.too_many_rows": Text("the file has {rows} rows; split it into files of at most {max_rows}"),
    "import.too_many_digits": Text("a number in the file has {digits} digits; numbers here have at most {max_digits}"),
    "import.too_deep": Text("the JSON is nested too deeply: a file of positions has at most {max_nesting} levels "
                            "(a list of objects, their lists of languages)"),
    "import.invalid_json": Text("the JSON is not valid: {reason} at line {line}, column {column}"),
    "import.not_a_list": Text('the JSON must be a list of positions, e.g. [{{"title_en": ...}}, ...]'),
    "import.no_header": Text("the CSV has no header row"),
    "import.unreadable_csv": Text("the CSV cannot be read at line {line}: {reason}"),
    "import.row_not_object": Text("each row must be an object with position fields"),
    "import.row_extra_cells": Text("the row has more cells than the header's {columns}"),
    "import.row_refused": Text("the database refused the row: {reason}"),
    "import.rejected": Text("{rejected} row of {received} was refused, so none was imported",
                            "{rejected} rows of {received} were refused, so none was imported", "rejected"),
    "invitation.position_not_open": Text("position {position_id} is not open for applications: invite to an open one"),
    "invitation.turned_off": Text("this candidate does not take invitations (they turned them off in their profile)"),
    "invitation.already_applied": Text("this candidate has applied to the position already: see its applications"),
    "invitation.duplicate": Text("this candidate was invited to this position already"),
    "application.bulk_refused": Text("nothing was changed: the application of {name} (number {application_id}) "
                                     "cannot make this move"),
    "application.bulk_repeated": Text("an application is listed more than once: list each once"),
    "review.hr_only": Text("only HR officers review applications; you are signed in as '{role}'"),
    "review.other_position": Text("the application is to another position than {position_id}: act on each board apart"),
    "review.erased": Text("the candidate has erased their data: the application can no longer be rated"),
    "cv.too_large": Text("the file is over {max_mib} MiB: upload a smaller PDF"),
    "cv.empty": Text("the file is empty: choose your CV as a PDF file"),
    "cv.not_pdf": Text("the file is not a PDF: save or export your CV as PDF and upload that"),
    "cv.encrypted": Text("the PDF is protected by a password: upload a copy without protection"),
    "cv.unreadable": Text("the PDF cannot be read: export it again from your editor, or paste your CV as text"),
    "cv.none": Text("there is no CV file here"),
    "europass.not_xml": Text("the file is not well-formed XML ({reason}): export your CV from Europass as XML"),
    "europass.not_europass": Text("the file is XML but not a Europass CV (it has no LearnerInfo)"),
    "candidate.not_found": Text("candidate {candidate_id} does not exist or is not visible to you"),
    "portal.not_xml": Text("the file is not well-formed XML: {reason} (line {line})"),
    "portal.internal_dtd": Text("the file declares a DTD or entities of its own: remove the [...] part of its "
                                "<!DOCTYPE>; a file of calls follows the portal's rmp.dtd only"),
    "portal.entity": Text("the file refers to the entity &{name}; (line {line}), which rmp.dtd does not declare: "
                          "write the character itself"),
    "portal.not_valid": Text("the file does not follow the portal's rmp.dtd: {reason} (line {line})"),
    "portal.unknown_term": Text("<{element}> holds '{value}', which is not one of: {allowed}"),
    "portal.bad_date": Text("<{element}> holds '{value}': write dates as DD/MM/YYYY"),
    "portal.other_institution": Text("you can only export or import the positions of your own institution"),
    "portal.hr_or_hub_only": Text("only HR officers and the hub office can export positions; you are signed in as '{role}'"),
    "salary.models_fitting": Text("the salary models are being fitted: retry in a minute"),
    "salary.models_too_little_data": Text("the salary models cannot be fitted: too few positions with a salary"),
    "salary.models_failed": Text("the salary models could not be fitted: see the service log"),

    # --- people and the hub: candidates, matching, hub reports, accounts, deployment ------------------------
    "place.ends_before_start": Text("end_date ({end}) is before start_date ({start})"),
    "place.region_abroad": Text("region is a NUTS-2 code of Italy: leave it empty for a place abroad"),
    "candidate.region_abroad": Text("current_region is a NUTS-2 code of Italy: leave it empty when current_country is not IT"),
    "candidate.consent_required": Text("consent must be true: a profile cannot be kept without it"),
    "account.hr_needs_institution": Text("an HR officer belongs to one institution: give institution_id (see GET /institutions)"),
    "account.hub_has_no_institution": Text("a hub account belongs to no institution: leave institution_id out"),
    "day.out_of_range": Text("dates go from {first} to {last}; {day} is outside"),
    "day.format": Text("write dates as YYYY-MM-DD"),
    "day.no_such_day": Text("write dates as YYYY-MM-DD, an existing day"),
    "candidate.region_needs_italy": Text("current_region is a NUTS-2 code of Italy: clear it, or set current_country to IT"),
    "candidate.field_required": Text("{name} cannot be removed"),
    "match.other_institution": Text("you can only see candidates for your own institution's positions"),
    "hub.period_reversed": Text("the period starts ({first}) after it ends ({last})"),
    "hub.period_too_long": Text("ask for at most ten years at a time"),
    "twin.scenario_bad_institutions": Text("scenario '{scenario}': write the partners as ids separated by commas"),
    "twin.scenario_unknown_institution": Text("scenario '{scenario}': there is no partner with id {institution_id}"),
    "twin.shared_needs_two": Text("scenario '{scenario}': a shared call needs at least two partners"),
    "twin.scenario_bad_figure": Text("scenario '{scenario}': a raise is 0 to 200 percent, an extension 1 to 365 days"),
    "twin.scenario_unknown": Text("'{scenario}' is not a scenario: write pay_raise:PERCENT[:IDS], abroad[:IDS], "
                                  "extend:DAYS[:IDS] or shared:IDS"),
    "twin.months_range": Text("the twin simulates from {low} to {high} months"),
    "twin.runs_range": Text("the twin makes from 1 to {high} runs"),
    "twin.too_many_scenarios": Text("run at most {high} scenarios at a time"),
    "twin.start_first_of_month": Text("the twin starts on the first day of a month"),
    "indicator.quarter_format": Text("write quarters like 2026-Q3, from {first} to {last}"),
    "indicator.period": Text("the first quarter (from) must not come after the last (to), and they are at most ten years apart"),
    "indicator.roles": Text("only the hub and HR officers record impact indicators"),
    "indicator.own_institution": Text("you record indicators for your own institution only"),
    "indicator.no_institution": Text("no institution with id {institution_id}"),
    "indicator.synergy_partners": Text("a collaboration needs at least two different partners: list them in partner_ids"),
    "saved_search.not_found": Text("saved search {saved_search_id} does not exist or is not yours"),
    "saved_search.too_many": Text("you have {limit} saved searches already: delete one first"),
    "saved_search.unsubscribe_invalid": Text("this unsubscribe link is not valid: copy the whole link from the e-mail"),
    "institution.not_found": Text("institution {institution_id} does not exist or is not visible to you"),
    "auth.sign_in_first": Text("sign in first: POST /auth/token with your email and password, "
                               "then send the token as 'Authorization: Bearer ...'"),
    "auth.token_invalid": Text("the access token is invalid, has expired or was signed out: sign in again at POST /auth/token"),
    "auth.wrong_credentials": Text("wrong email or password"),
    "auth.throttled": Text("too many attempts: try again in {minutes} minute", "too many attempts: try again in {minutes} minutes",
                           "minutes"),
    "auth.email_taken": Text("an account with this email exists already: sign in, or reset your password at POST /auth/reset-request"),
    "auth.wrong_password": Text("the current password is wrong"),
    "auth.reset_requested": Text("if an account has this email, a link to choose a new password is on its way to it"),
    "auth.reset_token_invalid": Text("this reset link is unknown, used already or expired: ask for a new one"),
    "auth.busy": Text("too many sign-ins at once: try again in a few seconds"),
    "role.hub_only": Text("only the hub office can do this; you are signed in as '{role}'"),
    "role.hr_only": Text("only an HR officer can do this; you are signed in as '{role}'"),
    "role.candidate_only": Text("only a candidate can do this; you are signed in as '{role}'"),
    "role.admin_only": Text("only an administrator can do this; you are signed in as '{role}'"),
    "role.admin_or_hub_only": Text("only an administrator or the hub office can do this; you are signed in as '{role}'"),
    "setup.ecosystem_exists": Text("an ecosystem named '{name}' already exists (id {ecosystem_id})"),
    "setup.no_ecosystem": Text("ecosystem {ecosystem_id} does not exist"),
    "setup.institution_exists": Text("'{name}' already exists in ecosystem {ecosystem_id} (institution {institution_id})"),
    "setup.no_institution": Text("institution {institution_id} does not exist"),
    "setup.email_exists": Text("an account with email {email} exists already"),
    # what the database refused that no schema caught (service.errors); {reason} is PostgreSQL's own message
    "data.duplicate": Text("this already exists: {reason}"),
    "data.unknown_reference": Text("this refers to something that does not exist: {reason}"),
    "data.inconsistent": Text("the data is not consistent: {reason}"),
    "data.value_refused": Text("a value was not accepted: {reason}"),
    "database.no_connection": Text("the database did not give a connection in time (it may be down or restarting): "
                                   "try again in {seconds} s"),
    "database.too_slow": Text("the database took too long to answer: try again in {seconds} s"),
    "database.unavailable": Text("the database is unavailable: try again in {seconds} s"),
    "database.queue_full": Text("the service is busy: {waiting} requests are already waiting for the database: "
                                "try again in {seconds} s"),
    "database.no_slot": Text("the service is busy: no database connection was free within {timeout_s} s: try again in {seconds} s"),

    # --- explanations, verdicts and advice: codes that models/ conclude (models.said) ------------------------
    "salary.unknown": Text("unknown"),
    "salary.meets_expectation": Text("meets expectation"),
    "salary.below_expectation": Text("{percent}% below expectation"),
    "location.remote": Text("remote work"),
    "location.unknown": Text("unknown"),
    "location.home_region": Text("where you live"),
    "location.mobility_region": Text("a region you would move to"),
    "location.hybrid_elsewhere": Text("hybrid work, outside your regions"),
    "location.elsewhere": Text("outside the regions you would move to"),
    # the same places, told to an HR office about a candidate
    "location.about_candidate.remote": Text("remote work"),
    "location.about_candidate.unknown": Text("unknown"),
    "location.about_candidate.home_region": Text("where the candidate lives"),
    "location.about_candidate.mobility_region": Text("a region the candidate would move to"),
    "location.about_candidate.hybrid_elsewhere": Text("hybrid work, outside the candidate's regions"),
    "location.about_candidate.elsewhere": Text("outside the regions the candidate would move to"),
    "tip.add_skill": Text("add '{skill}' if you have it: {count} of your top openings asks for it",
                          "add '{skill}' if you have it: {count} of your top openings ask for it", "count"),
    "tip.pay_below_expectation": Text("{count} of your top {top} openings pays below your expected salary",
                                      "{count} of your top {top} openings pay below your expected salary", "count"),
    "tip.outside_regions": Text("{count} of your top {top} openings is outside the regions you would move to: "
                                "add regions to widen your search",
                                "{count} of your top {top} openings are outside the regions you would move to: "
                                "add regions to widen your search", "count"),
    # a search that found nothing: what to change
    "search.hint.fewer_words": Text("use fewer words, or more general ones: the role or the topic alone"),
    "search.hint.other_language": Text("try the same search in English or in Italian"),
    "search.hint.remove_filter": Text("remove a filter: every result must satisfy all of them"),
    "salary.below_market": Text("below the ecosystem's market for this role: the pay posted is {posted:money} a year gross for "
                                "full time, while nine comparable posts in ten pay at least {low:money} a year"),
    "salary.below_median": Text("lower than what half of comparable posts in the ecosystem pay: {median:money} a year gross "
                                "for full time or more; posts paying less are filled less often"),
    # The fill evidence in plain words, for the HR office drafting a post (the statistics stay in the hub's report).
    "fill.advice.helps": Text("in the ecosystem, posts paying about a tenth more were filled more often: about {per_hundred:count} "
                              "more in every 100 posts"),
    "fill.advice.unclear": Text("the ecosystem's past posts do not show whether paying more helps to fill a post"),
    "fill.advice.too_little_data": Text("too few posts have closed yet to tell whether paying more helps to fill one"),
    "salary.reference_interval": Text("holds four comparable posts in five"),
    "fill.effect": Text("a 10% premium goes with {effect:signed} points of fill probability (interval at 95%: {low:signed} to {high:signed}; "
                        "{n:count} closed positions)"),
    "fill.effect_unsupported": Text("the data cannot support a claim: a 10% premium goes with {effect:signed} points of fill "
                                    "probability, but its interval at 95%, {low:signed} to {high:signed}, includes no effect "
                                    "({n:count} closed positions)"),
    "fill.too_little_data": Text("the data cannot support a claim: {n:count} closed positions with a salary, {filled:count} of them filled"),
    "applicants.effect": Text("a 10% premium goes with {effect:signed}% applicants per opening (interval at 95%: {low:signed}% to {high:signed}%)"),
    "applicants.effect_unsupported": Text("the data cannot support a claim: {effect:signed}% applicants per opening, "
                                          "interval at 95%: {low:signed}% to {high:signed}%"),
    "applicants.too_little_data": Text("the data cannot support a claim: {n:count} positions, {applications:count} applications"),
    "comparison.too_little_data": Text("the data cannot support a claim: only {ecosystems:count} ecosystem has enough data to compare",
                                       "the data cannot support a claim: only {ecosystems:count} ecosystems have enough data to compare", "ecosystems"),
    # The fill forecast (models.forecast, service.forecast) and what an HR office can change (models.levers).
    "forecast.summary": Text("{percent:count}% likely to be filled by its deadline"),
    "forecast.too_few_closed": Text("too few positions have closed to forecast filling: {positions:count} closed, {need:count} needed"),
    "forecast.hr_or_hub_only": Text("only the position's HR office and the hub see its fill forecast"),
    "forecast.position_not_open": Text("position {position_id} is not open: its forecast is for open positions only"),
    "forecast.too_little_data": Text("the data cannot support a claim: {train:count} positions closed before the split and "
                                     "{test:count} after it, while the backtest needs {need_train:count} and {need_test:count}"),
    "forecast.beats_baselines": Text("the forecast beats both baselines on {test:count} later positions: Brier score {brier} "
                                     "against {base} for the base rate and {pool} for pool size alone"),
    "forecast.not_better_than_baselines": Text("the data cannot support a claim that the forecast beats both baselines: "
                                               "Brier score {brier} against {base} for the base rate and {pool} for pool size "
                                               "alone, on {test:count} later positions"),
    "lever.pay_to_median": Text("paying the ecosystem's median for the role: {points:signed} points, to {probability:count}% (interval at 95%: {low:signed} to {high:signed})"),
    "lever.pay_to_median.unsupported": Text("paying the ecosystem's median for the role: the data cannot support a claim ({points:signed} points; interval at 95%: {low:signed} to {high:signed})"),
    "lever.extend_deadline": Text("moving the deadline 30 days later: {points:signed} points, to {probability:count}% (interval at 95%: {low:signed} to {high:signed})"),
    "lever.extend_deadline.unsupported": Text("moving the deadline 30 days later: the data cannot support a claim ({points:signed} points; interval at 95%: {low:signed} to {high:signed})"),
    "lever.open_hybrid": Text("allowing hybrid work: {points:signed} points, to {probability:count}% (interval at 95%: {low:signed} to {high:signed})"),
    "lever.open_hybrid.unsupported": Text("allowing hybrid work: the data cannot support a claim ({points:signed} points; interval at 95%: {low:signed} to {high:signed})"),
    "lever.open_remote": Text("allowing remote work: {points:signed} points, to {probability:count}% (interval at 95%: {low:signed} to {high:signed})"),
    "lever.open_remote.unsupported": Text("allowing remote work: the data cannot support a claim ({points:signed} points; interval at 95%: {low:signed} to {high:signed})"),
    "lever.drop_language": Text("dropping a language requirement: {points:signed} points, to {probability:count}% (interval at 95%: {low:signed} to {high:signed})"),
    "lever.drop_language.unsupported": Text("dropping a language requirement: the data cannot support a claim ({points:signed} points; interval at 95%: {low:signed} to {high:signed})"),
    "lever.publish_abroad": Text("publishing in English and abroad (EURAXESS, through the MUR portal): {points:signed} points, to {probability:count}% (interval at 95%: {low:signed} to {high:signed})"),
    "lever.publish_abroad.unsupported": Text("publishing in English and abroad (EURAXESS, through the MUR portal): the data cannot support a claim ({points:signed} points; interval at 95%: {low:signed} to {high:signed})"),
    # why the allocation leaves an opening unfilled (models.allocation, service.allocation)
    "allocation.career_stage": Text("career stage"),
    "allocation.language": Text("language: fitting candidates do not speak what it requires"),
    "allocation.salary_below_expectations": Text("salary below what fitting candidates expect"),
    "allocation.location": Text("location: fitting candidates would not move there"),
    "allocation.no_one_fits": Text("no current candidate has it among their {top_k} best matches by content (field and topic)"),
    "allocation.outcompeted": Text("its fitting candidates fill other openings better"),
    "allocation.thin_pool": Text("its field has fewer fitting candidates than openings"),
    "allocation.no_profiles": Text("no active candidate has a profile yet"),
    # background jobs (service.jobs)
    "job.not_found": Text("job {job_id} does not exist or is not visible to you"),
    "job.unknown_kind": Text("there is no kind of job called '{kind}'"),
    "job.role_not_allowed": Text("a '{role}' account cannot start a job of kind '{kind}'"),
    "job.failed": Text("job {job_id} stopped on an unexpected error; start it again, and tell the administrator if it fails again"),
    "job.interrupted": Text("the service stopped while this job ran; start it again"),

    # --- input fields: what pydantic finds wrong with one field (service.validation) --------------------------
    "field.required": Text("This field is required."),
    "field.too_long": Text("This is too long: at most {max_length} character.", "This is too long: at most {max_length} characters.", "max_length"),
    "field.too_many": Text("Too many entries: at most {max_length}."),
    "field.too_short": Text("Write at least {min_length} character.", "Write at least {min_length} characters.", "min_length"),
    "field.choose_option": Text("Choose one of the options."),
    "field.number": Text("Enter a number."),
    "field.finite_number": Text("Enter a finite number."),
    "field.whole_number": Text("Enter a whole number."),
    "field.above": Text("Enter a number above {gt}."),
    "field.at_least": Text("Enter a number of at least {ge}."),
    "field.at_most": Text("Enter a number of at most {le}."),
    "field.below": Text("Enter a number below {lt}."),
    "field.date": Text("Enter a date."),
    "field.format": Text("This does not have the expected format."),
    "field.email": Text("Enter an email address."),
    "field.yes_or_no": Text("Answer yes or no."),
    "field.list": Text("Give a list of values."),
    "field.object": Text("Give the fields of an object."),
    "field.text": Text("Enter text."),
    "field.unexpected": Text("This field is not expected here."),
    "field.invalid": Text("This value is not accepted."),
}


@dataclass(frozen=True)
class Message:
    """A sentence to show, not yet written: which one, and its parameters (numbers, dates, names)."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in MESSAGES:
            raise KeyError(f"unknown message code {self.code!r}: add it to service.messages.MESSAGES")


class Translations(Protocol):
    """What rendering needs of a catalog: gettext's two lookups (stdlib and Babel both have them)."""

    def gettext(self, message: str) -> str: ...
    def ngettext(self, singular: str, plural: str, n: int) -> str: ...


ENGLISH: Translations = NullTranslations()  # the message ids are the English


def write_english(value: Any, kind: str | None = None) -> str:
    """A parameter as the API's English writes it: amounts and counts grouped, changes signed."""
    if kind == AMOUNT:
        return f"{float(value):,.0f}"
    if kind == SIGNED:
        return f"{float(value):+.1f}"
    if kind == COUNT:
        return f"{int(value):,}"
    if kind == MONEY:
        return f"€{float(value):,.0f}"
    return str(value)


ParamWriter = Callable[[Any, "str | None"], str]


def render(message: Message, translations: Translations = ENGLISH, write: ParamWriter = write_english) -> str:
    """The message written in the catalog's language; ``write(value, kind)`` writes each parameter
    (the pages pass one that writes numbers, money and dates the language's way)."""
    text = MESSAGES[message.code]
    if text.plural is not None and text.count is not None:
        template = translations.ngettext(text.singular, text.plural, int(message.params[text.count]))
    else:
        template = translations.gettext(text.singular)
    return _Filler(write).format(template, **message.params)


class _Filler(string.Formatter):
    """str.format, with each field written by ``write(value, kind)``: ``{low:amount}`` is kind "amount"."""

    def __init__(self, write: ParamWriter):
        self.write = write

    def format_field(self, value: Any, format_spec: str) -> str:
        return self.write(value, format_spec or None)


def english(message: Message) -> str:
    return render(message)


def said(conclusion: Said) -> Message:
    """A model's conclusion (models.said) as a message of the catalog."""
    return Message(conclusion.code, dict(conclusion.params))


def for_api(message: Message) -> dict:
    """A message as the use cases answer it beside its English: the code and the parameters (the
    routers' JSON encoding writes dates as ISO; the pages write them in the reader's language)."""
    return {"code": message.code, "params": dict(message.params)}
