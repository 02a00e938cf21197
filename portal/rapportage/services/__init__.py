"""Writes of the reports app, one module per subject.

- rapporten: request, render, publish and correct reports (the pipeline)
- berichten: the outbox of publication notices to the raad
- brieven: the college's letter in a raadsinformatiebrief
- notities: raadsleden's notes on published reports
- begroting: budget years of the ingroeimodel, commitments and payments
"""

from portal.rapportage.services.rapporten import (
    MAX_ATTEMPTS,
    TRANSIENT_ERRORS,
    enqueue,
    enqueue_for_sweep,
    lease,
    notify_ready,
    rapport_claim,
    rapport_correct,
    rapport_process,
    rapport_publish,
    rapport_request,
    rapport_requeue_stuck,
    rapport_rerender,
    rapport_retry,
    render_html,
)

__all__ = [
    "MAX_ATTEMPTS",
    "TRANSIENT_ERRORS",
    "enqueue",
    "enqueue_for_sweep",
    "lease",
    "notify_ready",
    "rapport_claim",
    "rapport_correct",
    "rapport_process",
    "rapport_publish",
    "rapport_request",
    "rapport_requeue_stuck",
    "rapport_rerender",
    "rapport_retry",
    "render_html",
]
