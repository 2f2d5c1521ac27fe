from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.simulation_range import SimulationRange
from ...models.simulation_view import SimulationView
from ...types import UNSET, Response, Unset


def _get_kwargs(
    agreement_id: UUID,
    number: int,
    *,
    body: None | SimulationRange,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/agreements/{agreement_id}/versions/{number}/simulate".format(
            agreement_id=quote(str(agreement_id), safe=""),
            number=quote(str(number), safe=""),
        ),
    }

    if isinstance(body, SimulationRange):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SimulationView | None:
    if response.status_code == 200:
        response_200 = SimulationView.from_dict(response.json())

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
) -> Response[Problem | SimulationView]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    agreement_id: UUID,
    number: int,
    *,
    client: AuthenticatedClient,
    body: None | SimulationRange,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | SimulationView]:
    """What the version would have given over recorded months, beside the accepted version

     Replay the recorded ticket events and incidents of a range of months (`from`, `to` as `YYYY-MM`;
    default the last three completed months) against the version's targets, calendars, credit tiers and
    price lines, beside what the accepted version gives for the same range: per target and month the
    clocks due, met and breached, the attainment, the breaches the version adds or removes (with their
    tickets), and per month the charges, credits and totals and their difference. Read-only: nothing is
    stored, no event is emitted. For the provider, the customer and the operator.

    Args:
        agreement_id (UUID):
        number (int): A version number: 1, 2, …
        idempotency_key (str | Unset):
        body (None | SimulationRange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SimulationView]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        number=number,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agreement_id: UUID,
    number: int,
    *,
    client: AuthenticatedClient,
    body: None | SimulationRange,
    idempotency_key: str | Unset = UNSET,
) -> Problem | SimulationView | None:
    """What the version would have given over recorded months, beside the accepted version

     Replay the recorded ticket events and incidents of a range of months (`from`, `to` as `YYYY-MM`;
    default the last three completed months) against the version's targets, calendars, credit tiers and
    price lines, beside what the accepted version gives for the same range: per target and month the
    clocks due, met and breached, the attainment, the breaches the version adds or removes (with their
    tickets), and per month the charges, credits and totals and their difference. Read-only: nothing is
    stored, no event is emitted. For the provider, the customer and the operator.

    Args:
        agreement_id (UUID):
        number (int): A version number: 1, 2, …
        idempotency_key (str | Unset):
        body (None | SimulationRange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SimulationView
    """

    return sync_detailed(
        agreement_id=agreement_id,
        number=number,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    agreement_id: UUID,
    number: int,
    *,
    client: AuthenticatedClient,
    body: None | SimulationRange,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | SimulationView]:
    """What the version would have given over recorded months, beside the accepted version

     Replay the recorded ticket events and incidents of a range of months (`from`, `to` as `YYYY-MM`;
    default the last three completed months) against the version's targets, calendars, credit tiers and
    price lines, beside what the accepted version gives for the same range: per target and month the
    clocks due, met and breached, the attainment, the breaches the version adds or removes (with their
    tickets), and per month the charges, credits and totals and their difference. Read-only: nothing is
    stored, no event is emitted. For the provider, the customer and the operator.

    Args:
        agreement_id (UUID):
        number (int): A version number: 1, 2, …
        idempotency_key (str | Unset):
        body (None | SimulationRange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SimulationView]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        number=number,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agreement_id: UUID,
    number: int,
    *,
    client: AuthenticatedClient,
    body: None | SimulationRange,
    idempotency_key: str | Unset = UNSET,
) -> Problem | SimulationView | None:
    """What the version would have given over recorded months, beside the accepted version

     Replay the recorded ticket events and incidents of a range of months (`from`, `to` as `YYYY-MM`;
    default the last three completed months) against the version's targets, calendars, credit tiers and
    price lines, beside what the accepted version gives for the same range: per target and month the
    clocks due, met and breached, the attainment, the breaches the version adds or removes (with their
    tickets), and per month the charges, credits and totals and their difference. Read-only: nothing is
    stored, no event is emitted. For the provider, the customer and the operator.

    Args:
        agreement_id (UUID):
        number (int): A version number: 1, 2, …
        idempotency_key (str | Unset):
        body (None | SimulationRange):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SimulationView
    """

    return (
        await asyncio_detailed(
            agreement_id=agreement_id,
            number=number,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
