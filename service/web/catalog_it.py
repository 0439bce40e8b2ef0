"""Italian for every English message of the pages (see service.web.i18n)."""

ITALIAN: dict[str, str] = {
}
