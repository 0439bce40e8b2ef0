"""Every ecotalent value has its portal / EURAXESS word, and the word reads back as the same value."""
import pytest

from models import euraxess
from models.taxonomy import REGIONS, RESEARCH_FIELDS, CareerStage, ContractType, values


@pytest.mark.parametrize("stage", values(CareerStage))
def test_career_stage_maps_to_its_label_and_back(stage):
    label = euraxess.career_stage_label(stage)
    assert label.endswith(f"({stage})")
    assert euraxess.career_stage_of(label) == stage


def test_the_portals_older_career_stage_label_reads_as_r1_and_unknown_labels_as_none():
    assert euraxess.career_stage_of("Early stage researcher or 0-4 yrs (Post graduate)") == "R1"
    assert euraxess.career_stage_of("Junior") is None


@pytest.mark.parametrize("field", RESEARCH_FIELDS)
def test_research_field_maps_to_euraxess_names_and_back(field):
    main, sub = euraxess.research_field_names(field)
    assert euraxess.research_field_of(main, sub) == field


def test_every_research_field_has_a_mapping_and_no_other_value_does():
    assert set(euraxess.RESEARCH_FIELD_NAMES) == set(RESEARCH_FIELDS)


def test_a_sub_field_we_do_not_distinguish_reads_as_its_main_field():
    assert euraxess.research_field_of("Engineering", "Electrical engineering") == "engineering"
    assert euraxess.research_field_of("Engineering", "Materials engineering") == "materials_science"
    assert euraxess.research_field_of("Astronomy") is None


@pytest.mark.parametrize("contract", values(ContractType))
def test_contract_type_maps_to_a_job_type_and_back_and_to_a_euraxess_term(contract):
    assert euraxess.contract_type_of(euraxess.job_type(contract)) == contract
    term = euraxess.contract_term(contract)
    assert term in euraxess.CONTRACT_TERM_VALUES
    assert contract in euraxess.contract_types_of_term(term)


def test_every_euraxess_contract_term_covers_some_contract_type():
    covered = {c for term in euraxess.CONTRACT_TERM_VALUES for c in euraxess.contract_types_of_term(term)}
    assert covered == set(values(ContractType))
    assert all(euraxess.contract_types_of_term(term) for term in euraxess.CONTRACT_TERM_VALUES)
    assert euraxess.contract_types_of_term("Freelance") == ()


@pytest.mark.parametrize("hours", [36.0, 40.0, 18.0, 30.0])
def test_job_status_reads_back_as_hours_of_the_same_status(hours):
    status = euraxess.job_status(hours)
    assert status in euraxess.JOB_STATUSES
    back = euraxess.hours_of_job_status(status)
    assert back is not None and euraxess.job_status(back) == status
    assert euraxess.hours_of_job_status("Sometimes") is None


@pytest.mark.parametrize("basis", ["gross_person", "employer_cost"])
def test_salary_basis_maps_and_back(basis):
    assert euraxess.salary_basis_of(euraxess.salary_basis_term(basis)) == basis


@pytest.mark.parametrize("code", list(REGIONS))
def test_region_maps_to_its_name_and_back(code):
    assert euraxess.region_of(euraxess.region_name(code)) == code
    assert euraxess.region_of(code) == code


def test_summary_cuts_at_a_word_and_keeps_short_texts_whole():
    assert euraxess.summary("  Two   words ") == "Two words"
    cut = euraxess.summary("word " * 100, max_chars=30)
    assert len(cut) <= 30 and cut.endswith("word…")


def test_the_portals_professor_job_types_read_as_other_and_unknown_ones_as_none():
    assert euraxess.contract_type_of("Professore di prima fascia") == "other"
    assert euraxess.contract_type_of("Bidello") is None
