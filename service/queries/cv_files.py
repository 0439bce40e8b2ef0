"""Candidates' uploaded CV files (PDF, in PostgreSQL: migration 0014)."""
from service.queries import Connection


def save(conn: Connection, candidate_id: int, filename: str, content: bytes, extracted_text: str | None) -> None:
    """Stores the candidate's CV file, replacing the one before."""
    conn.execute(
        "INSERT INTO cv_files (candidate_id, filename, content_type, size_bytes, content, extracted_text)"
        " VALUES (%s, %s, 'application/pdf', %s, %s, %s)"
        " ON CONFLICT (candidate_id) DO UPDATE SET filename = EXCLUDED.filename, size_bytes = EXCLUDED.size_bytes,"
        " content = EXCLUDED.content, extracted_text = EXCLUDED.extracted_text, uploaded_at = now()",
        (candidate_id, filename, len(content), content, extracted_text))


def metadata(conn: Connection, candidate_id: int) -> dict | None:
    """The file's name, type, size, upload time and the text read from it; not its bytes."""
    return conn.execute(
        "SELECT filename, content_type, size_bytes, uploaded_at, extracted_text FROM cv_files WHERE candidate_id = %s",
        (candidate_id,)).fetchone()


def content(conn: Connection, candidate_id: int) -> dict | None:
    return conn.execute("SELECT filename, content_type, content FROM cv_files WHERE candidate_id = %s",
                        (candidate_id,)).fetchone()


def delete(conn: Connection, candidate_id: int) -> bool:
    return bool(conn.execute("DELETE FROM cv_files WHERE candidate_id = %s", (candidate_id,)).rowcount)
