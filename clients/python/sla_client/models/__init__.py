"""Contains all the data models used in inputs/outputs"""

from .agreement_create import AgreementCreate
from .agreement_out import AgreementOut
from .agreement_out_page import AgreementOutPage
from .agreement_ref import AgreementRef
from .agreement_reviews import AgreementReviews
from .agreement_status import AgreementStatus
from .agreement_update import AgreementUpdate
from .api_client_created import ApiClientCreated
from .api_client_out import ApiClientOut
from .api_client_out_page import ApiClientOutPage
from .applicable_explanation import ApplicableExplanation
from .applicable_sla import ApplicableSla
from .applicable_target import ApplicableTarget
from .approval_decision import ApprovalDecision
from .approval_out import ApprovalOut
from .attainment import Attainment
from .attainment_evidence import AttainmentEvidence
from .attempt_out import AttemptOut
from .attempt_out_page import AttemptOutPage
from .attempt_out_response_headers_type_0 import AttemptOutResponseHeadersType0
from .billing_statements import BillingStatements
from .breach_ref import BreachRef
from .burn_rate_alert import BurnRateAlert
from .burn_rate_view import BurnRateView
from .calendar_input import CalendarInput
from .calendar_update import CalendarUpdate
from .calendar_used import CalendarUsed
from .calendar_view import CalendarView
from .calendar_view_page import CalendarViewPage
from .clause_change import ClauseChange
from .clause_change_after import ClauseChangeAfter
from .clause_change_before import ClauseChangeBefore
from .clause_kind import ClauseKind
from .clauses_out import ClausesOut
from .client_create import ClientCreate
from .clock_status import ClockStatus
from .clock_step import ClockStep
from .clock_view import ClockView
from .closed_date import ClosedDate
from .closed_period import ClosedPeriod
from .closure import Closure
from .closure_input import ClosureInput
from .comment_input import CommentInput
from .compliance_window_out import ComplianceWindowOut
from .contact import Contact
from .cost_clause_input import CostClauseInput
from .cost_clause_out import CostClauseOut
from .cost_terms import CostTerms
from .credit import Credit
from .credit_outcome import CreditOutcome
from .credit_status import CreditStatus
from .credit_tier import CreditTier
from .credit_tier_reached import CreditTierReached
from .decided_by import DecidedBy
from .decision import Decision
from .decision_out import DecisionOut
from .delivered_event import DeliveredEvent
from .delivery_receipt import DeliveryReceipt
from .delivery_receipt_ignored_item import DeliveryReceiptIgnoredItem
from .delivery_receipt_tickets_item import DeliveryReceiptTicketsItem
from .dispute_detail import DisputeDetail
from .dispute_entry_kind import DisputeEntryKind
from .dispute_open import DisputeOpen
from .dispute_out import DisputeOut
from .dispute_out_page import DisputeOutPage
from .dispute_resolution_clause_input import DisputeResolutionClauseInput
from .dispute_resolution_clause_out import DisputeResolutionClauseOut
from .dispute_resolution_terms import DisputeResolutionTerms
from .dispute_role import DisputeRole
from .dispute_stage import DisputeStage
from .dispute_status import DisputeStatus
from .dispute_subject import DisputeSubject
from .error_budget_view import ErrorBudgetView
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
from .event_client_revoked import EventClientRevoked
from .event_client_revoked_data import EventClientRevokedData
from .event_credit_computed import EventCreditComputed
from .event_credit_computed_data import EventCreditComputedData
from .event_dispute_acknowledged import EventDisputeAcknowledged
from .event_dispute_acknowledged_data import EventDisputeAcknowledgedData
from .event_dispute_acknowledged_data_escalation import EventDisputeAcknowledgedDataEscalation
from .event_dispute_commented import EventDisputeCommented
from .event_dispute_commented_data import EventDisputeCommentedData
from .event_dispute_commented_data_escalation import EventDisputeCommentedDataEscalation
from .event_dispute_escalated import EventDisputeEscalated
from .event_dispute_escalated_data import EventDisputeEscalatedData
from .event_dispute_escalated_data_escalation import EventDisputeEscalatedDataEscalation
from .event_dispute_opened import EventDisputeOpened
from .event_dispute_opened_data import EventDisputeOpenedData
from .event_dispute_opened_data_escalation import EventDisputeOpenedDataEscalation
from .event_dispute_rejected import EventDisputeRejected
from .event_dispute_rejected_data import EventDisputeRejectedData
from .event_dispute_rejected_data_escalation import EventDisputeRejectedDataEscalation
from .event_dispute_resolved import EventDisputeResolved
from .event_dispute_resolved_data import EventDisputeResolvedData
from .event_dispute_resolved_data_escalation import EventDisputeResolvedDataEscalation
from .event_dispute_withdrawn import EventDisputeWithdrawn
from .event_dispute_withdrawn_data import EventDisputeWithdrawnData
from .event_dispute_withdrawn_data_escalation import EventDisputeWithdrawnDataEscalation
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
from .event_report_published import EventReportPublished
from .event_report_published_data import EventReportPublishedData
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
from .event_slo_budget_exhausted import EventSloBudgetExhausted
from .event_slo_budget_exhausted_data import EventSloBudgetExhaustedData
from .event_slo_burn_rate_high import EventSloBurnRateHigh
from .event_slo_burn_rate_high_data import EventSloBurnRateHighData
from .event_slo_recovered import EventSloRecovered
from .event_slo_recovered_data import EventSloRecoveredData
from .event_type_out import EventTypeOut
from .event_type_out_page import EventTypeOutPage
from .event_type_out_schema import EventTypeOutSchema
from .event_webhook_delivery_exhausted import EventWebhookDeliveryExhausted
from .event_webhook_delivery_exhausted_data import EventWebhookDeliveryExhaustedData
from .event_webhook_disabled import EventWebhookDisabled
from .event_webhook_disabled_data import EventWebhookDisabledData
from .event_webhook_failing import EventWebhookFailing
from .event_webhook_failing_data import EventWebhookFailingData
from .event_webhook_test import EventWebhookTest
from .event_webhook_test_data import EventWebhookTestData
from .evidence_input import EvidenceInput
from .evidence_kind import EvidenceKind
from .evidence_out import EvidenceOut
from .feed_token_create import FeedTokenCreate
from .feed_token_created import FeedTokenCreated
from .feed_token_out import FeedTokenOut
from .feed_token_out_page import FeedTokenOutPage
from .general_clause_input import GeneralClauseInput
from .general_clause_out import GeneralClauseOut
from .general_terms import GeneralTerms
from .get_health_response_200 import GetHealthResponse200
from .get_jwks_response_200 import GetJwksResponse200
from .get_readiness_response_200 import GetReadinessResponse200
from .holiday_region import HolidayRegion
from .holidays import Holidays
from .holidays_input import HolidaysInput
from .incident_input import IncidentInput
from .incident_kind import IncidentKind
from .incident_view import IncidentView
from .incident_view_page import IncidentViewPage
from .indicator import Indicator
from .indicator_compliance_window import IndicatorComplianceWindow
from .indicator_method import IndicatorMethod
from .indicator_source import IndicatorSource
from .indicator_source_role import IndicatorSourceRole
from .indicator_threshold import IndicatorThreshold
from .indicator_threshold_op import IndicatorThresholdOp
from .indicator_view import IndicatorView
from .indicators_view import IndicatorsView
from .ingest_result import IngestResult
from .integration_create import IntegrationCreate
from .integration_delivery_out import IntegrationDeliveryOut
from .integration_delivery_out_ignored_item import IntegrationDeliveryOutIgnoredItem
from .integration_delivery_out_page import IntegrationDeliveryOutPage
from .integration_kind import IntegrationKind
from .integration_out import IntegrationOut
from .integration_status import IntegrationStatus
from .integration_update import IntegrationUpdate
from .integration_with_secret import IntegrationWithSecret
from .invitation_agreement_out import InvitationAgreementOut
from .invitation_out import InvitationOut
from .invitation_out_page import InvitationOutPage
from .jira_export_out import JiraExportOut
from .jira_export_out_calendars_item import JiraExportOutCalendarsItem
from .jira_goal_out import JiraGoalOut
from .jira_import_out import JiraImportOut
from .jira_import_out_clauses_item import JiraImportOutClausesItem
from .jira_sla_import import JiraSlaImport
from .jira_sla_import_priorities_type_0 import JiraSlaImportPrioritiesType0
from .jira_sla_import_statuses_type_0 import JiraSlaImportStatusesType0
from .jira_sla_import_unmapped_item import JiraSlaImportUnmappedItem
from .jira_sla_out import JiraSlaOut
from .jsm_calendar import JsmCalendar
from .jsm_calendar_public_holidays_type_0 import JsmCalendarPublicHolidaysType0
from .jsm_goal import JsmGoal
from .jsm_holiday import JsmHoliday
from .jsm_sla import JsmSla
from .jsm_working_time import JsmWorkingTime
from .list_statements_format_type_1 import ListStatementsFormatType1
from .list_statements_format_type_2_type_1 import ListStatementsFormatType2Type1
from .list_statements_format_type_3_type_1 import ListStatementsFormatType3Type1
from .mapping import Mapping
from .mapping_agent_replies import MappingAgentReplies
from .mapping_in import MappingIn
from .mapping_in_agent_replies_type_0 import MappingInAgentRepliesType0
from .mapping_in_priorities_type_0 import MappingInPrioritiesType0
from .mapping_in_statuses_type_0 import MappingInStatusesType0
from .mapping_priorities import MappingPriorities
from .mapping_statuses import MappingStatuses
from .me import Me
from .measured_evidence import MeasuredEvidence
from .measurement_batch import MeasurementBatch
from .measurement_input import MeasurementInput
from .measurements_recorded import MeasurementsRecorded
from .membership_input import MembershipInput
from .membership_out import MembershipOut
from .membership_status import MembershipStatus
from .metric import Metric
from .money import Money
from .open_slo_export_out import OpenSloExportOut
from .open_slo_export_out_documents_item import OpenSloExportOutDocumentsItem
from .open_slo_import import OpenSloImport
from .open_slo_import_out import OpenSloImportOut
from .open_slo_import_out_clauses_item import OpenSloImportOutClausesItem
from .open_window import OpenWindow
from .party_create import PartyCreate
from .party_create_external_refs import PartyCreateExternalRefs
from .party_kind import PartyKind
from .party_out import PartyOut
from .party_out_external_refs import PartyOutExternalRefs
from .party_out_page import PartyOutPage
from .party_update import PartyUpdate
from .party_update_external_refs_type_0 import PartyUpdateExternalRefsType0
from .period_comparison import PeriodComparison
from .period_money import PeriodMoney
from .price_line import PriceLine
from .price_line_billing_period import PriceLineBillingPeriod
from .problem import Problem
from .problem_errors_item import ProblemErrorsItem
from .proposal_mode import ProposalMode
from .recover_out import RecoverOut
from .redelivery import Redelivery
from .redelivery_out import RedeliveryOut
from .report_page import ReportPage
from .report_summary import ReportSummary
from .reporting_clause_input import ReportingClauseInput
from .reporting_clause_out import ReportingClauseOut
from .reporting_terms import ReportingTerms
from .resolution_input import ResolutionInput
from .responsibility_clause_input import ResponsibilityClauseInput
from .responsibility_clause_out import ResponsibilityClauseOut
from .responsibility_terms import ResponsibilityTerms
from .review_cancellation import ReviewCancellation
from .review_clause_input import ReviewClauseInput
from .review_clause_out import ReviewClauseOut
from .review_completion import ReviewCompletion
from .review_cycle_input import ReviewCycleInput
from .review_cycle_out import ReviewCycleOut
from .review_cycle_source import ReviewCycleSource
from .review_out import ReviewOut
from .review_outcome import ReviewOutcome
from .review_schedule import ReviewSchedule
from .review_status import ReviewStatus
from .review_terms import ReviewTerms
from .role import Role
from .schedule_clause_input import ScheduleClauseInput
from .schedule_clause_out import ScheduleClauseOut
from .schedule_terms import ScheduleTerms
from .schedule_terms_weekly_windows import ScheduleTermsWeeklyWindows
from .secret_rotation import SecretRotation
from .series_point import SeriesPoint
from .service_credit_clause_input import ServiceCreditClauseInput
from .service_credit_clause_out import ServiceCreditClauseOut
from .service_credit_terms import ServiceCreditTerms
from .service_level_clause_input import ServiceLevelClauseInput
from .service_level_clause_out import ServiceLevelClauseOut
from .service_level_terms import ServiceLevelTerms
from .simulated_amount import SimulatedAmount
from .simulation_link import SimulationLink
from .simulation_range import SimulationRange
from .simulation_view import SimulationView
from .skipped_date import SkippedDate
from .special_hours import SpecialHours
from .special_hours_input import SpecialHoursInput
from .statement import Statement
from .statement_line import StatementLine
from .statement_version import StatementVersion
from .status_note import StatusNote
from .subscription_create import SubscriptionCreate
from .subscription_out import SubscriptionOut
from .subscription_out_page import SubscriptionOutPage
from .subscription_update import SubscriptionUpdate
from .subscription_with_secret import SubscriptionWithSecret
from .target import Target
from .target_attainment import TargetAttainment
from .target_comparison import TargetComparison
from .target_explanation import TargetExplanation
from .target_match import TargetMatch
from .target_match_attributes import TargetMatchAttributes
from .target_outcome import TargetOutcome
from .target_period import TargetPeriod
from .target_time import TargetTime
from .test_result import TestResult
from .ticket_event_batch import TicketEventBatch
from .ticket_event_in import TicketEventIn
from .ticket_event_in_attributes import TicketEventInAttributes
from .ticket_event_type import TicketEventType
from .ticket_match import TicketMatch
from .ticket_ref import TicketRef
from .ticket_sla import TicketSla
from .ticket_view import TicketView
from .time_window import TimeWindow
from .timeline_entry import TimelineEntry
from .timeline_entry_details import TimelineEntryDetails
from .token_request import TokenRequest
from .token_response import TokenResponse
from .total import Total
from .transition import Transition
from .unmapped_item import UnmappedItem
from .usage_input import UsageInput
from .usage_view import UsageView
from .verification_clause_input import VerificationClauseInput
from .verification_clause_out import VerificationClauseOut
from .verification_terms import VerificationTerms
from .version_diff import VersionDiff
from .version_out import VersionOut
from .version_out_page import VersionOutPage
from .version_proposal import VersionProposal
from .version_ref import VersionRef
from .version_status import VersionStatus
from .warning_time import WarningTime
from .week_windows import WeekWindows
from .weekly_windows import WeeklyWindows
from .window import Window
from .window_input import WindowInput
from .zendesk_export_out import ZendeskExportOut
from .zendesk_export_out_schedules_item import ZendeskExportOutSchedulesItem
from .zendesk_export_out_sla_policies_item import ZendeskExportOutSlaPoliciesItem
from .zendesk_import_out import ZendeskImportOut
from .zendesk_import_out_clauses_item import ZendeskImportOutClausesItem
from .zendesk_policy_import import ZendeskPolicyImport
from .zendesk_policy_import_priorities_type_0 import ZendeskPolicyImportPrioritiesType0
from .zendesk_policy_import_schedules_item import ZendeskPolicyImportSchedulesItem
from .zendesk_policy_import_sla_policies_item import ZendeskPolicyImportSlaPoliciesItem
from .zendesk_policy_import_unmapped_item import ZendeskPolicyImportUnmappedItem

__all__ = (
    "AgreementCreate",
    "AgreementOut",
    "AgreementOutPage",
    "AgreementRef",
    "AgreementReviews",
    "AgreementStatus",
    "AgreementUpdate",
    "ApiClientCreated",
    "ApiClientOut",
    "ApiClientOutPage",
    "ApplicableExplanation",
    "ApplicableSla",
    "ApplicableTarget",
    "ApprovalDecision",
    "ApprovalOut",
    "Attainment",
    "AttainmentEvidence",
    "AttemptOut",
    "AttemptOutPage",
    "AttemptOutResponseHeadersType0",
    "BillingStatements",
    "BreachRef",
    "BurnRateAlert",
    "BurnRateView",
    "CalendarInput",
    "CalendarUpdate",
    "CalendarUsed",
    "CalendarView",
    "CalendarViewPage",
    "ClauseChange",
    "ClauseChangeAfter",
    "ClauseChangeBefore",
    "ClauseKind",
    "ClausesOut",
    "ClientCreate",
    "ClockStatus",
    "ClockStep",
    "ClockView",
    "ClosedDate",
    "ClosedPeriod",
    "Closure",
    "ClosureInput",
    "CommentInput",
    "ComplianceWindowOut",
    "Contact",
    "CostClauseInput",
    "CostClauseOut",
    "CostTerms",
    "Credit",
    "CreditOutcome",
    "CreditStatus",
    "CreditTier",
    "CreditTierReached",
    "DecidedBy",
    "Decision",
    "DecisionOut",
    "DeliveredEvent",
    "DeliveryReceipt",
    "DeliveryReceiptIgnoredItem",
    "DeliveryReceiptTicketsItem",
    "DisputeDetail",
    "DisputeEntryKind",
    "DisputeOpen",
    "DisputeOut",
    "DisputeOutPage",
    "DisputeResolutionClauseInput",
    "DisputeResolutionClauseOut",
    "DisputeResolutionTerms",
    "DisputeRole",
    "DisputeStage",
    "DisputeStatus",
    "DisputeSubject",
    "ErrorBudgetView",
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
    "EventClientRevoked",
    "EventClientRevokedData",
    "EventCreditComputed",
    "EventCreditComputedData",
    "EventDisputeAcknowledged",
    "EventDisputeAcknowledgedData",
    "EventDisputeAcknowledgedDataEscalation",
    "EventDisputeCommented",
    "EventDisputeCommentedData",
    "EventDisputeCommentedDataEscalation",
    "EventDisputeEscalated",
    "EventDisputeEscalatedData",
    "EventDisputeEscalatedDataEscalation",
    "EventDisputeOpened",
    "EventDisputeOpenedData",
    "EventDisputeOpenedDataEscalation",
    "EventDisputeRejected",
    "EventDisputeRejectedData",
    "EventDisputeRejectedDataEscalation",
    "EventDisputeResolved",
    "EventDisputeResolvedData",
    "EventDisputeResolvedDataEscalation",
    "EventDisputeWithdrawn",
    "EventDisputeWithdrawnData",
    "EventDisputeWithdrawnDataEscalation",
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
    "EventReportPublished",
    "EventReportPublishedData",
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
    "EventSloBudgetExhausted",
    "EventSloBudgetExhaustedData",
    "EventSloBurnRateHigh",
    "EventSloBurnRateHighData",
    "EventSloRecovered",
    "EventSloRecoveredData",
    "EventTypeOut",
    "EventTypeOutPage",
    "EventTypeOutSchema",
    "EventWebhookDeliveryExhausted",
    "EventWebhookDeliveryExhaustedData",
    "EventWebhookDisabled",
    "EventWebhookDisabledData",
    "EventWebhookFailing",
    "EventWebhookFailingData",
    "EventWebhookTest",
    "EventWebhookTestData",
    "EvidenceInput",
    "EvidenceKind",
    "EvidenceOut",
    "FeedTokenCreate",
    "FeedTokenCreated",
    "FeedTokenOut",
    "FeedTokenOutPage",
    "GeneralClauseInput",
    "GeneralClauseOut",
    "GeneralTerms",
    "GetHealthResponse200",
    "GetJwksResponse200",
    "GetReadinessResponse200",
    "HolidayRegion",
    "Holidays",
    "HolidaysInput",
    "IncidentInput",
    "IncidentKind",
    "IncidentView",
    "IncidentViewPage",
    "Indicator",
    "IndicatorComplianceWindow",
    "IndicatorMethod",
    "IndicatorSource",
    "IndicatorSourceRole",
    "IndicatorsView",
    "IndicatorThreshold",
    "IndicatorThresholdOp",
    "IndicatorView",
    "IngestResult",
    "IntegrationCreate",
    "IntegrationDeliveryOut",
    "IntegrationDeliveryOutIgnoredItem",
    "IntegrationDeliveryOutPage",
    "IntegrationKind",
    "IntegrationOut",
    "IntegrationStatus",
    "IntegrationUpdate",
    "IntegrationWithSecret",
    "InvitationAgreementOut",
    "InvitationOut",
    "InvitationOutPage",
    "JiraExportOut",
    "JiraExportOutCalendarsItem",
    "JiraGoalOut",
    "JiraImportOut",
    "JiraImportOutClausesItem",
    "JiraSlaImport",
    "JiraSlaImportPrioritiesType0",
    "JiraSlaImportStatusesType0",
    "JiraSlaImportUnmappedItem",
    "JiraSlaOut",
    "JsmCalendar",
    "JsmCalendarPublicHolidaysType0",
    "JsmGoal",
    "JsmHoliday",
    "JsmSla",
    "JsmWorkingTime",
    "ListStatementsFormatType1",
    "ListStatementsFormatType2Type1",
    "ListStatementsFormatType3Type1",
    "Mapping",
    "MappingAgentReplies",
    "MappingIn",
    "MappingInAgentRepliesType0",
    "MappingInPrioritiesType0",
    "MappingInStatusesType0",
    "MappingPriorities",
    "MappingStatuses",
    "Me",
    "MeasuredEvidence",
    "MeasurementBatch",
    "MeasurementInput",
    "MeasurementsRecorded",
    "MembershipInput",
    "MembershipOut",
    "MembershipStatus",
    "Metric",
    "Money",
    "OpenSloExportOut",
    "OpenSloExportOutDocumentsItem",
    "OpenSloImport",
    "OpenSloImportOut",
    "OpenSloImportOutClausesItem",
    "OpenWindow",
    "PartyCreate",
    "PartyCreateExternalRefs",
    "PartyKind",
    "PartyOut",
    "PartyOutExternalRefs",
    "PartyOutPage",
    "PartyUpdate",
    "PartyUpdateExternalRefsType0",
    "PeriodComparison",
    "PeriodMoney",
    "PriceLine",
    "PriceLineBillingPeriod",
    "Problem",
    "ProblemErrorsItem",
    "ProposalMode",
    "RecoverOut",
    "Redelivery",
    "RedeliveryOut",
    "ReportingClauseInput",
    "ReportingClauseOut",
    "ReportingTerms",
    "ReportPage",
    "ReportSummary",
    "ResolutionInput",
    "ResponsibilityClauseInput",
    "ResponsibilityClauseOut",
    "ResponsibilityTerms",
    "ReviewCancellation",
    "ReviewClauseInput",
    "ReviewClauseOut",
    "ReviewCompletion",
    "ReviewCycleInput",
    "ReviewCycleOut",
    "ReviewCycleSource",
    "ReviewOut",
    "ReviewOutcome",
    "ReviewSchedule",
    "ReviewStatus",
    "ReviewTerms",
    "Role",
    "ScheduleClauseInput",
    "ScheduleClauseOut",
    "ScheduleTerms",
    "ScheduleTermsWeeklyWindows",
    "SecretRotation",
    "SeriesPoint",
    "ServiceCreditClauseInput",
    "ServiceCreditClauseOut",
    "ServiceCreditTerms",
    "ServiceLevelClauseInput",
    "ServiceLevelClauseOut",
    "ServiceLevelTerms",
    "SimulatedAmount",
    "SimulationLink",
    "SimulationRange",
    "SimulationView",
    "SkippedDate",
    "SpecialHours",
    "SpecialHoursInput",
    "Statement",
    "StatementLine",
    "StatementVersion",
    "StatusNote",
    "SubscriptionCreate",
    "SubscriptionOut",
    "SubscriptionOutPage",
    "SubscriptionUpdate",
    "SubscriptionWithSecret",
    "Target",
    "TargetAttainment",
    "TargetComparison",
    "TargetExplanation",
    "TargetMatch",
    "TargetMatchAttributes",
    "TargetOutcome",
    "TargetPeriod",
    "TargetTime",
    "TestResult",
    "TicketEventBatch",
    "TicketEventIn",
    "TicketEventInAttributes",
    "TicketEventType",
    "TicketMatch",
    "TicketRef",
    "TicketSla",
    "TicketView",
    "TimelineEntry",
    "TimelineEntryDetails",
    "TimeWindow",
    "TokenRequest",
    "TokenResponse",
    "Total",
    "Transition",
    "UnmappedItem",
    "UsageInput",
    "UsageView",
    "VerificationClauseInput",
    "VerificationClauseOut",
    "VerificationTerms",
    "VersionDiff",
    "VersionOut",
    "VersionOutPage",
    "VersionProposal",
    "VersionRef",
    "VersionStatus",
    "WarningTime",
    "WeeklyWindows",
    "WeekWindows",
    "Window",
    "WindowInput",
    "ZendeskExportOut",
    "ZendeskExportOutSchedulesItem",
    "ZendeskExportOutSlaPoliciesItem",
    "ZendeskImportOut",
    "ZendeskImportOutClausesItem",
    "ZendeskPolicyImport",
    "ZendeskPolicyImportPrioritiesType0",
    "ZendeskPolicyImportSchedulesItem",
    "ZendeskPolicyImportSlaPoliciesItem",
    "ZendeskPolicyImportUnmappedItem",
)
