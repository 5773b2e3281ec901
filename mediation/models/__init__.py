"""Models of mediation (行政调解) and judicial confirmation (司法确认), one module per
concept."""

from __future__ import annotations

from .agreement import Agreement, AgreementSignature, AgreementTerm, MediationSession
from .confirmation import ConfirmationCase
from .mediation import MediationCase
from .reference import Court, DisputeType

__all__ = [
    "Agreement",
    "AgreementSignature",
    "AgreementTerm",
    "ConfirmationCase",
    "Court",
    "DisputeType",
    "MediationCase",
    "MediationSession",
]
