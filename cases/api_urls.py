from __future__ import annotations

from django.urls import path

from cases import api, api_approvals, api_assignments, api_evidence, api_parties

urlpatterns = [
    path("cases/", api.CaseListView.as_view(), name="api-case-list"),
    path("cases/<int:case_id>/", api.CaseDetailView.as_view(), name="api-case-detail"),
    path("cases/assignment/", api_assignments.BatchAssignmentView.as_view(),
         name="api-case-batch-assignment"),
    path("cases/<int:case_id>/assignment/", api_assignments.CaseAssignmentView.as_view(),
         name="api-case-assignment"),
    path("cases/<int:case_id>/timeline/", api.CaseTimelineView.as_view(),
         name="api-case-timeline"),
    path("cases/<int:case_id>/transitions/<slug:name>/", api.CaseTransitionView.as_view(),
         name="api-case-transition"),
    path("cases/<int:case_id>/evidence/", api_evidence.CaseEvidenceView.as_view(),
         name="api-case-evidence"),
    path("cases/<int:case_id>/evidence/<int:item_id>/",
         api_evidence.CaseEvidenceItemView.as_view(), name="api-case-evidence-item"),
    path("cases/<int:case_id>/transitions/<slug:name>/submit/",
         api_approvals.SubmitForApprovalView.as_view(), name="api-case-submit"),
    path("approvals/", api_approvals.ApprovalListView.as_view(), name="api-approval-list"),
    path("approvals/<int:approval_id>/", api_approvals.ApprovalDetailView.as_view(),
         name="api-approval-detail"),
    path("approvals/<int:approval_id>/transitions/<slug:name>/",
         api_approvals.ApprovalTransitionView.as_view(), name="api-approval-transition"),
    path("parties/", api_parties.PartyListView.as_view(), name="api-party-list"),
    path("parties/<int:party_id>/", api_parties.PartyDetailView.as_view(),
         name="api-party-detail"),
    path("agents/", api_parties.AgentListView.as_view(), name="api-agent-list"),
    path("rights/", api_parties.RightListView.as_view(), name="api-right-list"),
    path("rights/<int:right_id>/", api_parties.RightDetailView.as_view(),
         name="api-right-detail"),
]
