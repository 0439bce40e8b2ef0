"""Matches and their explanations."""
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from models.taxonomy import CareerStage, ContractType, RemoteOption
from service.schemas.candidates import CandidateBrief
from service.schemas.common import DatabaseId, MessageRead, RegionCode, ResearchField


class ExplanationPart(BaseModel):
    signal: str = Field(description="semantic, text, skills, field, stage, experience, salary, location, crowding, or "
                                    "semantic_estimate (a post not embedded yet: the median similarity of the results holding as much of the words)")
    weight: float
    value: float = Field(description="the signal's own score, 0 to 1 (for crowding: the congestion price)")
    contribution: float = Field(description="weight x value; the contributions add up to the score")


class Explanation(BaseModel):
    score: float
    parts: list[ExplanationPart]
    matched_skills: list[str]
    missing_skills: list[str]
    salary: dict = Field(description="offered and expected pay, the verdict in English and its verdict_message")
    location: dict = Field(description="the position's region and remote option, the verdict and its verdict_message")
    pending: list[str] = Field(default_factory=list, description="signals not known yet (semantic: a profile or post "
                                                                 "waiting for its vector); their parts count 0 for now")


class Relevance(BaseModel):
    score: float = Field(description="how well the result answers the query: its similarity to it and the share of its words")
    parts: list[ExplanationPart]
    words_in: list[Literal["it", "en"]] = Field(
        default_factory=list, description="positions: the languages whose title holds some of the query's words")
    meaning_of: Literal["it", "en"] | None = Field(
        default=None, description="positions: the language of the text the query's meaning was compared with")


class PositionBrief(BaseModel):
    id: int
    institution_id: int
    institution_name: str
    title_en: str | None
    title_it: str | None
    career_stage: str
    contract_type: str
    region: str | None
    city: str | None
    remote: str
    openings: int
    deadline: date | None
    salary_gross_eur_year: float | None


class PositionMatch(BaseModel):
    position: PositionBrief
    relevance: Relevance | None = Field(default=None, description="searches only: what ranks the result")
    explanation: Explanation | None = Field(
        description="a signed-in candidate's fit to the position; else the relevance (none when browsing without words)")


class CandidateMatch(BaseModel):
    candidate: CandidateBrief
    relevance: Relevance | None = Field(default=None, description="searches only: what ranks the result")
    explanation: Explanation


class PositionMatchPage(BaseModel):
    items: list[PositionMatch]
    total: int
    limit: int
    offset: int
    profile_embedded: bool | None = Field(default=None, description="false while your profile waits to be embedded")
    suggestions: list[str] = Field(default_factory=list, description="what to add to your profile to fit better")
    suggestion_messages: list[MessageRead] = Field(default_factory=list, description="the suggestions as message codes")
    hints: list[str] = Field(default_factory=list, description="searches that found nothing: what to change")
    hint_messages: list[MessageRead] = Field(default_factory=list, description="the hints as message codes")


class CandidateMatchPage(BaseModel):
    items: list[CandidateMatch]
    total: int
    limit: int
    offset: int
    position_embedded: bool | None = None
    hints: list[str] = Field(default_factory=list, description="searches that found nothing: what to change")
    hint_messages: list[MessageRead] = Field(default_factory=list, description="the hints as message codes")


# How a list of positions is ordered (service.queries.matching.SORTS): the query's relevance or the profile's
# fit (the default), the soonest deadline, the best pay, the newest post. Orders other than relevance sort only
# the results that passed the relevance floor; a list without words or profile (browsing) is newest first.
PositionSort = Literal["relevance", "deadline", "pay", "newest"]


class PositionFilterFields(BaseModel):
    """The filters a list of positions takes: the search and matches pages, their API and saved searches."""
    regions: list[RegionCode] | None = Field(default=None, max_length=30, description="only positions in these NUTS-2 regions")
    remote: RemoteOption | None = None
    contract_type: ContractType | None = None
    field: ResearchField | None = None
    institution_id: DatabaseId | None = None
    min_salary_eur_year: Annotated[float, Field(gt=0, le=10_000_000)] | None = Field(
        default=None, description="gross per year to the person")


class PositionMatchFilters(PositionFilterFields):
    crowding: bool = Field(default=True, description="congestion-aware re-ranking (spreads candidates over unfilled posts)")
    sort: PositionSort = Field(
        default="relevance", description="relevance (best fit or most relevant first), deadline (soonest first), "
                                         "pay (highest first) or newest; only results above the relevance floor are sorted")
    limit: int = Field(default=20, ge=1, le=100)
    offset: int = Field(default=0, ge=0, le=199)


class CandidateMatchFilters(BaseModel):
    regions: list[RegionCode] | None = Field(default=None, description="candidates living in these NUTS-2 regions")
    career_stage: CareerStage | None = None
    field: ResearchField | None = None
    min_years_experience: Annotated[float, Field(ge=0, le=60)] | None = None
    limit: int = Field(default=20, ge=1, le=100)
    offset: int = Field(default=0, ge=0, le=199)
