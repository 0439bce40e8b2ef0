"""Candidates' CV files, the use cases: a candidate uploads a PDF (its text is read into a proposal
they confirm before it becomes their CV text); the file is served to them and to the HR offices of
positions they applied to, nobody else."""
import io
import logging
import warnings

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from service import applications
from service.domain import Invalid, NotFound, TooLarge
from service.queries import Connection, cv_files
from service.schemas.auth import UserRead

MAX_CV_BYTES = 5 * 1024 * 1024
MAX_PAGES = 50  # pages read for the proposed text
MAX_TEXT = 20_000  # the CV text's own limit (schemas.common.LongText)
log = logging.getLogger(__name__)


def read_limited(file, limit: int = MAX_CV_BYTES) -> bytes:
    """The upload's bytes; TooLarge past the limit (read no further than one byte over)."""
    content = file.read(limit + 1)
    if len(content) > limit:
        raise TooLarge("cv.too_large", field="file", max_mib=limit // 2**20)
    return content


def extract_text(content: bytes) -> str:
    """The text of a PDF's pages, blank runs squeezed, within the CV text's limit; Invalid when the
    bytes are no PDF, the PDF is encrypted or cannot be read."""
    if not content.startswith(b"%PDF-"):
        raise Invalid("cv.not_pdf", field="file")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a damaged file's warnings: its text is read as far as it goes
            reader = PdfReader(io.BytesIO(content), strict=False)
            if reader.is_encrypted:
                raise Invalid("cv.encrypted", field="file")
            pages = [page.extract_text() or "" for page in reader.pages[:MAX_PAGES]]
    except Invalid:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        log.info("unreadable PDF: %s", exc)
        raise Invalid("cv.unreadable", field="file") from exc
    lines = [" ".join(line.split()) for page in pages for line in page.splitlines()]
    text = "\n".join(line for line in lines if line).strip()
    return text[:MAX_TEXT]


def _clean_name(filename: str | None) -> str:
    name = (filename or "cv.pdf").replace("\\", "/").rsplit("/", 1)[-1].strip()
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '"') or "cv.pdf"
    return name[-200:]


def upload(conn: Connection, user: UserRead, filename: str | None, content: bytes) -> dict:
    """Keeps the candidate's PDF (replacing the one before) and the text read from it, proposed as
    their CV text; their profile does not change until they confirm it."""
    if not content:
        raise Invalid("cv.empty", field="file")
    if len(content) > MAX_CV_BYTES:
        raise TooLarge("cv.too_large", field="file", max_mib=MAX_CV_BYTES // 2**20)
    text = extract_text(content)
    cv_files.save(conn, user.own_candidate_id, _clean_name(filename), content, text or None)
    found = cv_files.metadata(conn, user.own_candidate_id)
    assert found is not None  # saved just above, in this transaction
    return found


def metadata_of(conn: Connection, user: UserRead) -> dict | None:
    """The candidate's CV file as metadata, None when they have none."""
    return cv_files.metadata(conn, user.own_candidate_id)


def mine(conn: Connection, user: UserRead) -> dict:
    found = cv_files.metadata(conn, user.own_candidate_id)
    if found is None:
        raise NotFound("cv.none")
    return found


def remove(conn: Connection, user: UserRead) -> None:
    if not cv_files.delete(conn, user.own_candidate_id):
        raise NotFound("cv.none")


def own_file(conn: Connection, user: UserRead) -> dict:
    found = cv_files.content(conn, user.own_candidate_id)
    if found is None:
        raise NotFound("cv.none")
    return found


def file_of_application(conn: Connection, user: UserRead, application_id: int) -> dict:
    """The CV file of who applied, for the office the application was sent to (or the candidate
    themself); anyone else, or no file: not found."""
    application = applications.get(conn, user, application_id)
    found = cv_files.content(conn, application["candidate_id"]) if application["candidate_id"] else None
    if found is None:
        raise NotFound("cv.none")
    return found
