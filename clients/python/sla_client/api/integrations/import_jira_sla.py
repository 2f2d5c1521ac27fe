from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.jira_import_out import JiraImportOut
from ...models.jira_sla_import import JiraSlaImport
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    agreement_id: UUID,
    *,
    body: JiraSlaImport,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/agreements/{agreement_id}/import/jsm".format(
            agreement_id=quote(str(agreement_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> JiraImportOut | Problem | None:
    if response.status_code == 200:
        response_200 = JiraImportOut.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[JiraImportOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    agreement_id: UUID,
    *,
    client: AuthenticatedClient,
    body: JiraSlaImport,
    idempotency_key: str | Unset = UNSET,
) -> Response[JiraImportOut | Problem]:
    """Jira Service Management SLA goals and calendars into the draft, or proposed as a new version

     Jira Service Management SLA goals in the shape `export/jira` answers (`slas` with start, pause and
    stop conditions and goals: JQL, goal time, calendar; `calendars` with working time and holidays)
    become `service_level` and `schedule` clauses: goals return to the clause and target their `from`
    names (else `jsm-slas`), calendars to their `key` (else `jsm-calendar-<name>`). Applied to the draft
    or proposed as a new version; an existing clause keeps its title. What cannot be mapped (JQL beyond
    `=`/`in` joined by AND, goals not in hours and minutes, other start/stop or pause conditions) is in
    `unmapped` with the reason.

    Args:
        agreement_id (UUID):
        idempotency_key (str | Unset):
        body (JiraSlaImport): Jira sla import

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[JiraImportOut | Problem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agreement_id: UUID,
    *,
    client: AuthenticatedClient,
    body: JiraSlaImport,
    idempotency_key: str | Unset = UNSET,
) -> JiraImportOut | Problem | None:
    """Jira Service Management SLA goals and calendars into the draft, or proposed as a new version

     Jira Service Management SLA goals in the shape `export/jira` answers (`slas` with start, pause and
    stop conditions and goals: JQL, goal time, calendar; `calendars` with working time and holidays)
    become `service_level` and `schedule` clauses: goals return to the clause and target their `from`
    names (else `jsm-slas`), calendars to their `key` (else `jsm-calendar-<name>`). Applied to the draft
    or proposed as a new version; an existing clause keeps its title. What cannot be mapped (JQL beyond
    `=`/`in` joined by AND, goals not in hours and minutes, other start/stop or pause conditions) is in
    `unmapped` with the reason.

    Args:
        agreement_id (UUID):
        idempotency_key (str | Unset):
        body (JiraSlaImport): Jira sla import

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        JiraImportOut | Problem
    """

    return sync_detailed(
        agreement_id=agreement_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    agreement_id: UUID,
    *,
    client: AuthenticatedClient,
    body: JiraSlaImport,
    idempotency_key: str | Unset = UNSET,
) -> Response[JiraImportOut | Problem]:
    """Jira Service Management SLA goals and calendars into the draft, or proposed as a new version

     Jira Service Management SLA goals in the shape `export/jira` answers (`slas` with start, pause and
    stop conditions and goals: JQL, goal time, calendar; `calendars` with working time and holidays)
    become `service_level` and `schedule` clauses: goals return to the clause and target their `from`
    names (else `jsm-slas`), calendars to their `key` (else `jsm-calendar-<name>`). Applied to the draft
    or proposed as a new version; an existing clause keeps its title. What cannot be mapped (JQL beyond
    `=`/`in` joined by AND, goals not in hours and minutes, other start/stop or pause conditions) is in
    `unmapped` with the reason.

    Args:
        agreement_id (UUID):
        idempotency_key (str | Unset):
        body (JiraSlaImport): Jira sla import

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[JiraImportOut | Problem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agreement_id: UUID,
    *,
    client: AuthenticatedClient,
    body: JiraSlaImport,
    idempotency_key: str | Unset = UNSET,
) -> JiraImportOut | Problem | None:
    """Jira Service Management SLA goals and calendars into the draft, or proposed as a new version

     Jira Service Management SLA goals in the shape `export/jira` answers (`slas` with start, pause and
    stop conditions and goals: JQL, goal time, calendar; `calendars` with working time and holidays)
    become `service_level` and `schedule` clauses: goals return to the clause and target their `from`
    names (else `jsm-slas`), calendars to their `key` (else `jsm-calendar-<name>`). Applied to the draft
    or proposed as a new version; an existing clause keeps its title. What cannot be mapped (JQL beyond
    `=`/`in` joined by AND, goals not in hours and minutes, other start/stop or pause conditions) is in
    `unmapped` with the reason.

    Args:
        agreement_id (UUID):
        idempotency_key (str | Unset):
        body (JiraSlaImport): Jira sla import

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        JiraImportOut | Problem
    """

    return (
        await asyncio_detailed(
            agreement_id=agreement_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
