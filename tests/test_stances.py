"""The stances have one table (factcheck/model/stances.py); what else names them must agree."""

from __future__ import annotations

from typing import get_args

from factcheck.model.claims import Claim
from factcheck.model.stances import STANCE_IDS, STANCES, Stance
from factcheck.model.verdicts import scale
from factcheck.outputs.claim_schema import claim_schema
from factcheck.reading.field_table import STANCES as VALID_STANCES


def test_every_stance_is_worded_for_readers():
    assert get_args(Stance) == STANCE_IDS
    for stance in STANCES.values():
        assert stance.heading and stance.relation


def test_the_model_groups_evidence_in_the_table_order():
    claim = Claim.__new__(Claim)
    object.__setattr__(claim, "evidence", [])
    assert tuple(claim.evidence_by_stance()) == STANCE_IDS


def test_validation_and_schema_accept_exactly_the_table():
    assert VALID_STANCES == STANCE_IDS
    assert str(list(STANCE_IDS)) in str(claim_schema(scale()))
