"""A candidate's own profile, the use cases: read, change, export, erase. Nobody else reads it here."""
from service import attraction
from service.domain import Invalid
from service.queries import Connection, candidates
from service.schemas.auth import UserRead
from service.schemas.candidates import ProfileUpdate

REQUIRED = ("full_name", "email", "accepts_invitations", "language")  # a profile keeps these: they may change, not go
EXPORT_FILENAME = "ecotalent-my-data.json"  # the name the API and the page give the download


def _profile(conn: Connection, user: UserRead) -> dict:
    """The signed-in candidate's profile: it is there (erasing it signs the account out for good)."""
    profile = candidates.get_candidate(conn, user.own_candidate_id)
    assert profile is not None, user.id
    return profile


def read(conn: Connection, user: UserRead) -> dict:
    return _profile(conn, user)


def update(conn: Connection, user: UserRead, body: ProfileUpdate) -> dict:
    """Changes the fields sent; the profile must stay consistent with what is stored (a region only in Italy)."""
    changes = body.model_dump(exclude_unset=True)
    places = changes.pop("places", None)
    current = _profile(conn, user)
    country = changes.get("current_country", current["current_country"])
    region = changes.get("current_region", current["current_region"])
    if region and country and country != "IT":
        raise Invalid("candidate.region_needs_italy", field="current_region")
    for required in REQUIRED:
        if required in changes and changes[required] is None:
            raise Invalid("candidate.field_required", field=required, name=required)
    candidates.update_candidate(conn, user.own_candidate_id, changes)
    if places is not None:
        candidates.replace_places(conn, user.own_candidate_id, places)
    return _profile(conn, user)


def export(conn: Connection, user: UserRead) -> dict:
    """Everything ecotalent holds about the candidate."""
    return candidates.export_candidate(conn, user.own_candidate_id)


def erase(conn: Connection, user: UserRead) -> dict:
    """Erases the profile and account; applications stay only as anonymous counts (with the origin the
    attracted-talent report needs, computed before the places go)."""
    anonymised = candidates.erase_candidate(conn, user.own_candidate_id, attraction.origins_before_erasure(conn, user.own_candidate_id))
    return {"erased": True, "applications_anonymised": anonymised}
