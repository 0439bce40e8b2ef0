"""Recording the non-hiring impact indicators on pages (issue 14, item 5): collaboration projects and
contracts, company investments, revenue streams and savings, each with its evidence. HR officers record
for their own institution, the hub for any (or none); both see what was recorded. The rules are
service.indicators.record's, the same as POST /indicators."""
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError
from starlette.datastructures import FormData

from models.indicators import RECORDED, quarter_label
from service import indicators
from service.deps import Conn
from service.domain import Forbidden, Invalid
from service.messages import Message
from service.queries import indicators as queries
from service.schemas.auth import UserRead
from service.schemas.indicators import IndicatorRecord
from service.web.i18n import language_of
from service.web.render import PostedForm, field_errors, page, text
from service.web.session import PageError, SignInRequired, WebUser

router = APIRouter(prefix="/app/indicators")


def _recorder(request: Request, user: WebUser) -> UserRead:
    if user is None:
        raise SignInRequired(request.url.path)
    if user.role not in ("hub", "hr"):
        raise PageError(403, Message("indicator.roles"))
    return user


Recorder = Annotated[UserRead, Depends(_recorder)]


def _number(value: str | None, language: str) -> str | None:
    """A figure as people type it, for the schema to check: with both marks the last one is the decimal
    (1.234,5 and 1,234.5); a lone comma is the decimal in Italian (1234,5) and grouping in English (1,234)."""
    if not value or "," not in value:
        return value
    if "." in value:
        decimal = "," if value.rfind(",") > value.rfind(".") else "."
    else:
        decimal = "," if language == "it" else "."
    grouping = "." if decimal == "," else ","
    return value.replace(grouping, "").replace(",", ".")


def _payload(form: FormData, language: str) -> dict:
    """The form as POST /indicators's body: a field left empty is absent (so 'required' names it)."""
    given = {"indicator": text(form, "indicator"), "quarter": text(form, "quarter"), "value": _number(text(form, "value"), language),
             "description": text(form, "description"), "evidence": text(form, "evidence")}
    payload: dict[str, object] = {k: v for k, v in given.items() if v is not None}
    payload["partner_ids"] = [p for p in form.getlist("partner_ids") if isinstance(p, str) and p.strip()]
    if text(form, "institution_id"):
        payload["institution_id"] = text(form, "institution_id")
    return payload


def _form_page(request: Request, conn, user: UserRead, form: dict, errors: dict, status_code: int = 200,
               recorded: int | None = None):
    institutions = queries.institution_choices(conn)
    return page(request, "indicators.html", user, status_code=status_code, form=form, errors=errors, recorded=recorded,
                indicators=list(RECORDED), institutions=institutions, institution_names={i["id"]: i["name"] for i in institutions},
                records=indicators.recent(conn, user))


@router.get("")
def indicator_form(request: Request, conn: Conn, user: Recorder, recorded: int | None = None):
    return _form_page(request, conn, user, {"partner_ids": [], "quarter": quarter_label(date.today())}, {}, recorded=recorded)


@router.post("")
def record_indicator(request: Request, conn: Conn, user: Recorder, form: PostedForm):
    payload = _payload(form, language_of(request))
    shown = payload | {"value": text(form, "value")}  # the figure as it was typed
    try:
        body = IndicatorRecord.model_validate(payload)
    except ValidationError as exc:
        return _form_page(request, conn, user, shown, field_errors(exc), status_code=422)
    try:
        with conn.transaction():  # a refusal leaves nothing behind
            recorded = indicators.record(conn, user, body)
    except Forbidden as exc:
        raise PageError(403, exc.message) from None
    except Invalid as exc:
        return _form_page(request, conn, user, shown, {exc.field or "": exc.message}, status_code=422)
    return RedirectResponse(f"/app/indicators?recorded={recorded['id']}#recorded", status_code=303)
