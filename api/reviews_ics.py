"""An agreement's reviews as an RFC 5545 feed (`GET /v1/agreements/{id}/reviews.ics`), for calendars and portals.

Rendering belongs to the REST edge: the reviews use cases answer rows and know no transport or format.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Alarm, Calendar
from icalendar import Event as CalendarEvent

from db.models import Agreement, Review
from db.values import ReviewStatus
from services.agreements.states import OPEN_REVIEW as OPEN


def reviews_calendar(agreement: Agreement, reviews: list[Review], *, now: datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//SLA API//Reviews//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Reviews of {agreement.reference}")
    for review in reviews:
        entry = CalendarEvent()
        entry.add("uid", f"review-{review.id}@sla-api")
        entry.add("dtstamp", now)
        entry.add("dtstart", review.due_at)
        entry.add("duration", timedelta(hours=1))
        entry.add("summary", f"SLA review: {agreement.reference} {agreement.title}")
        entry.add("status", "CANCELLED" if review.status == ReviewStatus.CANCELLED else "CONFIRMED")
        lines = [f"Status: {review.status}"]
        if review.outcome:
            lines.append(f"Outcome: {review.outcome}")
        if review.findings:
            lines.append(f"Findings: {review.findings}")
        if review.participants:
            lines.append("Participants: " + ", ".join(review.participants))
        entry.add("description", "\n".join(lines))
        entry.add("sequence", review.row_version)
        # Only a review still to be held warns ahead of its date.
        if review.notice_at < review.due_at and review.status in OPEN:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", "SLA review coming up")
            alarm.add("trigger", review.notice_at - review.due_at)
            entry.add_component(alarm)
        calendar.add_component(entry)
    feed: bytes = calendar.to_ical()
    return feed
