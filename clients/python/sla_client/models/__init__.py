"""Contains all the data models used in inputs/outputs"""

from .agreement_create import AgreementCreate
from .agreement_out import AgreementOut
from .agreement_out_page import AgreementOutPage
from .agreement_ref import AgreementRef
from .agreement_reviews import AgreementReviews
from .agreement_update import AgreementUpdate
from .api_client_created import ApiClientCreated
from .api_client_out import ApiClientOut
from .applicable_sla import ApplicableSla
from .applicable_sla_explanation import ApplicableSlaExplanation
from .applicable_target import ApplicableTarget
from .applicable_target_explanation import ApplicableTargetExplanation
from .approval_out import ApprovalOut
from .attainment import Attainment
from .attempt_out import AttemptOut
from .attempt_out_page import AttemptOutPage
from .attempt_out_response_headers_type_0 import AttemptOutResponseHeadersType0
from .calendar_input import CalendarInput
from .calendar_out import CalendarOut
from .calendar_out_page import CalendarOutPage
from .calendar_update import CalendarUpdate
from .calendar_used import CalendarUsed
from .clause_change import ClauseChange
from .clause_change_after import ClauseChangeAfter
from .clause_change_before import ClauseChangeBefore
from .clauses_out import ClausesOut
from .client_create import ClientCreate
from .clock_out import ClockOut
from .clock_out_history_item import ClockOutHistoryItem
from .closed_period import ClosedPeriod
from .closure import Closure
from .closure_input import ClosureInput
from .closure_out import ClosureOut
from .comment_input import CommentInput
from .contact import Contact
from .contact_role_type_0 import ContactRoleType0
from .cost_clause_input import CostClauseInput
from .cost_clause_out import CostClauseOut
from .cost_terms import CostTerms
from .credit_tier import CreditTier
from .decision import Decision
from .dispute_detail import DisputeDetail
from .dispute_open import DisputeOpen
from .dispute_open_about import DisputeOpenAbout
from .dispute_out import DisputeOut
from .dispute_out_page import DisputeOutPage
from .dispute_resolution_clause_input import DisputeResolutionClauseInput
from .dispute_resolution_clause_out import DisputeResolutionClauseOut
from .dispute_resolution_terms import DisputeResolutionTerms
from .dispute_stage import DisputeStage
from .escalation_clause_input import EscalationClauseInput
from .escalation_clause_out import EscalationClauseOut
from .escalation_level import EscalationLevel
from .escalation_level_channel import EscalationLevelChannel
from .escalation_terms import EscalationTerms
from .escalation_time import EscalationTime
from .escalation_time_to_type_0 import EscalationTimeToType0
from .event_actor import EventActor
from .event_agreement_activated import EventAgreementActivated
from .event_agreement_activated_data import EventAgreementActivatedData
from .event_agreement_amended import EventAgreementAmended
from .event_agreement_amended_data import EventAgreementAmendedData
from .event_agreement_created import EventAgreementCreated
from .event_agreement_created_data import EventAgreementCreatedData
from .event_agreement_expiring import EventAgreementExpiring
from .event_agreement_expiring_data import EventAgreementExpiringData
from .event_agreement_resumed import EventAgreementResumed
from .event_agreement_resumed_data import EventAgreementResumedData
from .event_agreement_suspended import EventAgreementSuspended
from .event_agreement_suspended_data import EventAgreementSuspendedData
from .event_agreement_terminated import EventAgreementTerminated
from .event_agreement_terminated_data import EventAgreementTerminatedData
from .event_agreement_updated import EventAgreementUpdated
from .event_agreement_updated_data import EventAgreementUpdatedData
from .event_agreement_version_approved import EventAgreementVersionApproved
from .event_agreement_version_approved_data import EventAgreementVersionApprovedData
from .event_agreement_version_proposed import EventAgreementVersionProposed
from .event_agreement_version_proposed_data import EventAgreementVersionProposedData
from .event_agreement_version_rejected import EventAgreementVersionRejected
from .event_agreement_version_rejected_data import EventAgreementVersionRejectedData
from .event_agreement_version_withdrawn import EventAgreementVersionWithdrawn
from .event_agreement_version_withdrawn_data import EventAgreementVersionWithdrawnData
from .event_attainment_period_closed import EventAttainmentPeriodClosed
from .event_attainment_period_closed_data import EventAttainmentPeriodClosedData
from .event_credit_computed import EventCreditComputed
from .event_credit_computed_data import EventCreditComputedData
from .event_dispute_acknowledged import EventDisputeAcknowledged
from .event_dispute_acknowledged_data import EventDisputeAcknowledgedData
from .event_dispute_commented import EventDisputeCommented
from .event_dispute_commented_data import EventDisputeCommentedData
from .event_dispute_escalated import EventDisputeEscalated
from .event_dispute_escalated_data import EventDisputeEscalatedData
from .event_dispute_opened import EventDisputeOpened
from .event_dispute_opened_data import EventDisputeOpenedData
from .event_dispute_rejected import EventDisputeRejected
from .event_dispute_rejected_data import EventDisputeRejectedData
from .event_dispute_resolved import EventDisputeResolved
from .event_dispute_resolved_data import EventDisputeResolvedData
from .event_dispute_withdrawn import EventDisputeWithdrawn
from .event_dispute_withdrawn_data import EventDisputeWithdrawnData
from .event_invitation_accepted import EventInvitationAccepted
from .event_invitation_accepted_data import EventInvitationAcceptedData
from .event_invitation_declined import EventInvitationDeclined
from .event_invitation_declined_data import EventInvitationDeclinedData
from .event_out import EventOut
from .event_out_data import EventOutData
from .event_out_page import EventOutPage
from .event_party_created import EventPartyCreated
from .event_party_created_data import EventPartyCreatedData
from .event_party_invited import EventPartyInvited
from .event_party_invited_data import EventPartyInvitedData
from .event_party_updated import EventPartyUpdated
from .event_party_updated_data import EventPartyUpdatedData
from .event_review_cancelled import EventReviewCancelled
from .event_review_cancelled_data import EventReviewCancelledData
from .event_review_completed import EventReviewCompleted
from .event_review_completed_data import EventReviewCompletedData
from .event_review_due import EventReviewDue
from .event_review_due_data import EventReviewDueData
from .event_review_overdue import EventReviewOverdue
from .event_review_overdue_data import EventReviewOverdueData
from .event_review_scheduled import EventReviewScheduled
from .event_review_scheduled_data import EventReviewScheduledData
from .event_sla_breach_retracted import EventSlaBreachRetracted
from .event_sla_breach_retracted_data import EventSlaBreachRetractedData
from .event_sla_breached import EventSlaBreached
from .event_sla_breached_data import EventSlaBreachedData
from .event_sla_met import EventSlaMet
from .event_sla_met_data import EventSlaMetData
from .event_sla_met_retracted import EventSlaMetRetracted
from .event_sla_met_retracted_data import EventSlaMetRetractedData
from .event_sla_warning import EventSlaWarning
from .event_sla_warning_data import EventSlaWarningData
from .evidence_input import EvidenceInput
from .evidence_out import EvidenceOut
from .general_clause_input import GeneralClauseInput
from .general_clause_out import GeneralClauseOut
from .general_terms import GeneralTerms
from .get_health_response_200 import GetHealthResponse200
from .get_jwks_response_200 import GetJwksResponse200
from .get_readiness_response_200 import GetReadinessResponse200
from .holidays import Holidays
from .holidays_input import HolidaysInput
from .holidays_out import HolidaysOut
from .incident_input import IncidentInput
from .incident_input_kind import IncidentInputKind
from .incident_out import IncidentOut
from .ingest_result import IngestResult
from .invitation_agreement_out import InvitationAgreementOut
from .invitation_out import InvitationOut
from .invitation_out_page import InvitationOutPage
from .list_agreements_role_type_1 import ListAgreementsRoleType1
from .list_agreements_role_type_2_type_1 import ListAgreementsRoleType2Type1
from .list_agreements_role_type_3_type_1 import ListAgreementsRoleType3Type1
from .list_agreements_status_type_1 import ListAgreementsStatusType1
from .list_agreements_status_type_2_type_1 import ListAgreementsStatusType2Type1
from .list_agreements_status_type_3_type_1 import ListAgreementsStatusType3Type1
from .list_disputes_role_type_1 import ListDisputesRoleType1
from .list_disputes_role_type_2_type_1 import ListDisputesRoleType2Type1
from .list_disputes_role_type_3_type_1 import ListDisputesRoleType3Type1
from .list_disputes_status_type_1 import ListDisputesStatusType1
from .list_disputes_status_type_2_type_1 import ListDisputesStatusType2Type1
from .list_disputes_status_type_3_type_1 import ListDisputesStatusType3Type1
from .list_invitations_status_type_1 import ListInvitationsStatusType1
from .list_invitations_status_type_2_type_1 import ListInvitationsStatusType2Type1
from .list_invitations_status_type_3_type_1 import ListInvitationsStatusType3Type1
from .list_statements_format_type_1 import ListStatementsFormatType1
from .list_statements_format_type_2_type_1 import ListStatementsFormatType2Type1
from .list_statements_format_type_3_type_1 import ListStatementsFormatType3Type1
from .me import Me
from .membership_input import MembershipInput
from .membership_input_role import MembershipInputRole
from .membership_out import MembershipOut
from .money import Money
from .party_create import PartyCreate
from .party_create_external_refs import PartyCreateExternalRefs
from .party_create_kind import PartyCreateKind
from .party_out import PartyOut
from .party_out_external_refs import PartyOutExternalRefs
from .party_out_page import PartyOutPage
from .party_update import PartyUpdate
from .party_update_external_refs_type_0 import PartyUpdateExternalRefsType0
from .party_update_kind_type_0 import PartyUpdateKindType0
from .price_line import PriceLine
from .price_line_billing_period import PriceLineBillingPeriod
from .problem import Problem
from .problem_errors_item import ProblemErrorsItem
from .recover_out import RecoverOut
from .redelivery import Redelivery
from .redelivery_out import RedeliveryOut
from .reporting_clause_input import ReportingClauseInput
from .reporting_clause_out import ReportingClauseOut
from .reporting_terms import ReportingTerms
from .resolution_input import ResolutionInput
from .responsibility_clause_input import ResponsibilityClauseInput
from .responsibility_clause_out import ResponsibilityClauseOut
from .responsibility_terms import ResponsibilityTerms
from .responsibility_terms_role import ResponsibilityTermsRole
from .review_cancellation import ReviewCancellation
from .review_clause_input import ReviewClauseInput
from .review_clause_out import ReviewClauseOut
from .review_completion import ReviewCompletion
from .review_completion_amendment_type_0 import ReviewCompletionAmendmentType0
from .review_completion_outcome import ReviewCompletionOutcome
from .review_cycle_input import ReviewCycleInput
from .review_cycle_out import ReviewCycleOut
from .review_out import ReviewOut
from .review_schedule import ReviewSchedule
from .review_terms import ReviewTerms
from .schedule_clause_input import ScheduleClauseInput
from .schedule_clause_out import ScheduleClauseOut
from .schedule_terms import ScheduleTerms
from .schedule_terms_weekly_windows import ScheduleTermsWeeklyWindows
from .service_credit_clause_input import ServiceCreditClauseInput
from .service_credit_clause_out import ServiceCreditClauseOut
from .service_credit_terms import ServiceCreditTerms
from .service_level_clause_input import ServiceLevelClauseInput
from .service_level_clause_out import ServiceLevelClauseOut
from .service_level_terms import ServiceLevelTerms
from .special_hours_input import SpecialHoursInput
from .special_hours_out import SpecialHoursOut
from .status_note import StatusNote
from .subscription_create import SubscriptionCreate
from .subscription_out import SubscriptionOut
from .subscription_update import SubscriptionUpdate
from .subscription_with_secret import SubscriptionWithSecret
from .target import Target
from .target_attainment import TargetAttainment
from .target_attainment_evidence import TargetAttainmentEvidence
from .target_match import TargetMatch
from .target_match_attributes import TargetMatchAttributes
from .target_metric import TargetMetric
from .target_time import TargetTime
from .test_result import TestResult
from .ticket_event_batch import TicketEventBatch
from .ticket_event_in import TicketEventIn
from .ticket_event_in_attributes import TicketEventInAttributes
from .ticket_event_in_type import TicketEventInType
from .ticket_out import TicketOut
from .ticket_out_match import TicketOutMatch
from .ticket_ref import TicketRef
from .ticket_sla import TicketSla
from .timeline_entry import TimelineEntry
from .timeline_entry_details import TimelineEntryDetails
from .token_request import TokenRequest
from .token_response import TokenResponse
from .transition import Transition
from .usage_input import UsageInput
from .usage_out import UsageOut
from .verification_clause_input import VerificationClauseInput
from .verification_clause_out import VerificationClauseOut
from .verification_terms import VerificationTerms
from .version_diff import VersionDiff
from .version_out import VersionOut
from .version_proposal import VersionProposal
from .version_proposal_mode import VersionProposalMode
from .version_ref import VersionRef
from .warning_time import WarningTime
from .weekly_windows import WeeklyWindows
from .weekly_windows_out import WeeklyWindowsOut
from .window import Window
from .window_input import WindowInput
from .window_out import WindowOut

__all__ = (
    "AgreementCreate",
    "AgreementOut",
    "AgreementOutPage",
    "AgreementRef",
    "AgreementReviews",
    "AgreementUpdate",
    "ApiClientCreated",
    "ApiClientOut",
    "ApplicableSla",
    "ApplicableSlaExplanation",
    "ApplicableTarget",
    "ApplicableTargetExplanation",
    "ApprovalOut",
    "Attainment",
    "AttemptOut",
    "AttemptOutPage",
    "AttemptOutResponseHeadersType0",
    "CalendarInput",
    "CalendarOut",
    "CalendarOutPage",
    "CalendarUpdate",
    "CalendarUsed",
    "ClauseChange",
    "ClauseChangeAfter",
    "ClauseChangeBefore",
    "ClausesOut",
    "ClientCreate",
    "ClockOut",
    "ClockOutHistoryItem",
    "ClosedPeriod",
    "Closure",
    "ClosureInput",
    "ClosureOut",
    "CommentInput",
    "Contact",
    "ContactRoleType0",
    "CostClauseInput",
    "CostClauseOut",
    "CostTerms",
    "CreditTier",
    "Decision",
    "DisputeDetail",
    "DisputeOpen",
    "DisputeOpenAbout",
    "DisputeOut",
    "DisputeOutPage",
    "DisputeResolutionClauseInput",
    "DisputeResolutionClauseOut",
    "DisputeResolutionTerms",
    "DisputeStage",
    "EscalationClauseInput",
    "EscalationClauseOut",
    "EscalationLevel",
    "EscalationLevelChannel",
    "EscalationTerms",
    "EscalationTime",
    "EscalationTimeToType0",
    "EventActor",
    "EventAgreementActivated",
    "EventAgreementActivatedData",
    "EventAgreementAmended",
    "EventAgreementAmendedData",
    "EventAgreementCreated",
    "EventAgreementCreatedData",
    "EventAgreementExpiring",
    "EventAgreementExpiringData",
    "EventAgreementResumed",
    "EventAgreementResumedData",
    "EventAgreementSuspended",
    "EventAgreementSuspendedData",
    "EventAgreementTerminated",
    "EventAgreementTerminatedData",
    "EventAgreementUpdated",
    "EventAgreementUpdatedData",
    "EventAgreementVersionApproved",
    "EventAgreementVersionApprovedData",
    "EventAgreementVersionProposed",
    "EventAgreementVersionProposedData",
    "EventAgreementVersionRejected",
    "EventAgreementVersionRejectedData",
    "EventAgreementVersionWithdrawn",
    "EventAgreementVersionWithdrawnData",
    "EventAttainmentPeriodClosed",
    "EventAttainmentPeriodClosedData",
    "EventCreditComputed",
    "EventCreditComputedData",
    "EventDisputeAcknowledged",
    "EventDisputeAcknowledgedData",
    "EventDisputeCommented",
    "EventDisputeCommentedData",
    "EventDisputeEscalated",
    "EventDisputeEscalatedData",
    "EventDisputeOpened",
    "EventDisputeOpenedData",
    "EventDisputeRejected",
    "EventDisputeRejectedData",
    "EventDisputeResolved",
    "EventDisputeResolvedData",
    "EventDisputeWithdrawn",
    "EventDisputeWithdrawnData",
    "EventInvitationAccepted",
    "EventInvitationAcceptedData",
    "EventInvitationDeclined",
    "EventInvitationDeclinedData",
    "EventOut",
    "EventOutData",
    "EventOutPage",
    "EventPartyCreated",
    "EventPartyCreatedData",
    "EventPartyInvited",
    "EventPartyInvitedData",
    "EventPartyUpdated",
    "EventPartyUpdatedData",
    "EventReviewCancelled",
    "EventReviewCancelledData",
    "EventReviewCompleted",
    "EventReviewCompletedData",
    "EventReviewDue",
    "EventReviewDueData",
    "EventReviewOverdue",
    "EventReviewOverdueData",
    "EventReviewScheduled",
    "EventReviewScheduledData",
    "EventSlaBreached",
    "EventSlaBreachedData",
    "EventSlaBreachRetracted",
    "EventSlaBreachRetractedData",
    "EventSlaMet",
    "EventSlaMetData",
    "EventSlaMetRetracted",
    "EventSlaMetRetractedData",
    "EventSlaWarning",
    "EventSlaWarningData",
    "EvidenceInput",
    "EvidenceOut",
    "GeneralClauseInput",
    "GeneralClauseOut",
    "GeneralTerms",
    "GetHealthResponse200",
    "GetJwksResponse200",
    "GetReadinessResponse200",
    "Holidays",
    "HolidaysInput",
    "HolidaysOut",
    "IncidentInput",
    "IncidentInputKind",
    "IncidentOut",
    "IngestResult",
    "InvitationAgreementOut",
    "InvitationOut",
    "InvitationOutPage",
    "ListAgreementsRoleType1",
    "ListAgreementsRoleType2Type1",
    "ListAgreementsRoleType3Type1",
    "ListAgreementsStatusType1",
    "ListAgreementsStatusType2Type1",
    "ListAgreementsStatusType3Type1",
    "ListDisputesRoleType1",
    "ListDisputesRoleType2Type1",
    "ListDisputesRoleType3Type1",
    "ListDisputesStatusType1",
    "ListDisputesStatusType2Type1",
    "ListDisputesStatusType3Type1",
    "ListInvitationsStatusType1",
    "ListInvitationsStatusType2Type1",
    "ListInvitationsStatusType3Type1",
    "ListStatementsFormatType1",
    "ListStatementsFormatType2Type1",
    "ListStatementsFormatType3Type1",
    "Me",
    "MembershipInput",
    "MembershipInputRole",
    "MembershipOut",
    "Money",
    "PartyCreate",
    "PartyCreateExternalRefs",
    "PartyCreateKind",
    "PartyOut",
    "PartyOutExternalRefs",
    "PartyOutPage",
    "PartyUpdate",
    "PartyUpdateExternalRefsType0",
    "PartyUpdateKindType0",
    "PriceLine",
    "PriceLineBillingPeriod",
    "Problem",
    "ProblemErrorsItem",
    "RecoverOut",
    "Redelivery",
    "RedeliveryOut",
    "ReportingClauseInput",
    "ReportingClauseOut",
    "ReportingTerms",
    "ResolutionInput",
    "ResponsibilityClauseInput",
    "ResponsibilityClauseOut",
    "ResponsibilityTerms",
    "ResponsibilityTermsRole",
    "ReviewCancellation",
    "ReviewClauseInput",
    "ReviewClauseOut",
    "ReviewCompletion",
    "ReviewCompletionAmendmentType0",
    "ReviewCompletionOutcome",
    "ReviewCycleInput",
    "ReviewCycleOut",
    "ReviewOut",
    "ReviewSchedule",
    "ReviewTerms",
    "ScheduleClauseInput",
    "ScheduleClauseOut",
    "ScheduleTerms",
    "ScheduleTermsWeeklyWindows",
    "ServiceCreditClauseInput",
    "ServiceCreditClauseOut",
    "ServiceCreditTerms",
    "ServiceLevelClauseInput",
    "ServiceLevelClauseOut",
    "ServiceLevelTerms",
    "SpecialHoursInput",
    "SpecialHoursOut",
    "StatusNote",
    "SubscriptionCreate",
    "SubscriptionOut",
    "SubscriptionUpdate",
    "SubscriptionWithSecret",
    "Target",
    "TargetAttainment",
    "TargetAttainmentEvidence",
    "TargetMatch",
    "TargetMatchAttributes",
    "TargetMetric",
    "TargetTime",
    "TestResult",
    "TicketEventBatch",
    "TicketEventIn",
    "TicketEventInAttributes",
    "TicketEventInType",
    "TicketOut",
    "TicketOutMatch",
    "TicketRef",
    "TicketSla",
    "TimelineEntry",
    "TimelineEntryDetails",
    "TokenRequest",
    "TokenResponse",
    "Transition",
    "UsageInput",
    "UsageOut",
    "VerificationClauseInput",
    "VerificationClauseOut",
    "VerificationTerms",
    "VersionDiff",
    "VersionOut",
    "VersionProposal",
    "VersionProposalMode",
    "VersionRef",
    "WarningTime",
    "WeeklyWindows",
    "WeeklyWindowsOut",
    "Window",
    "WindowInput",
    "WindowOut",
)
