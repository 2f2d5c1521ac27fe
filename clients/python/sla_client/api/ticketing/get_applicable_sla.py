from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.applicable_sla import ApplicableSla
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    customer: str,
    service: None | str | Unset = UNSET,
    priority: None | str | Unset = UNSET,
    opened_at: None | str | Unset = UNSET,
    agreement: None | Unset | UUID = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["customer"] = customer

    json_service: None | str | Unset
    if isinstance(service, Unset):
        json_service = UNSET
    else:
        json_service = service
    params["service"] = json_service

    json_priority: None | str | Unset
    if isinstance(priority, Unset):
        json_priority = UNSET
    else:
        json_priority = priority
    params["priority"] = json_priority

    json_opened_at: None | str | Unset
    if isinstance(opened_at, Unset):
        json_opened_at = UNSET
    else:
        json_opened_at = opened_at
    params["opened_at"] = json_opened_at

    json_agreement: None | str | Unset
    if isinstance(agreement, Unset):
        json_agreement = UNSET
    elif isinstance(agreement, UUID):
        json_agreement = str(agreement)
    else:
        json_agreement = agreement
    params["agreement"] = json_agreement

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/sla/applicable",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApplicableSla | Problem | None:
    if response.status_code == 200:
        response_200 = ApplicableSla.from_dict(response.json())

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

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ApplicableSla | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    customer: str,
    service: None | str | Unset = UNSET,
    priority: None | str | Unset = UNSET,
    opened_at: None | str | Unset = UNSET,
    agreement: None | Unset | UUID = UNSET,
) -> Response[ApplicableSla | Problem]:
    """Which SLA applies to a ticket and when each target is due; other query parameters are ticket
    attributes

     The ticketing hot path: which agreement and version apply to a ticket of this customer, service and
    priority opened at `opened_at`, and when each target is due, with warning times, the calendar used
    and an explanation. Any other query parameter is a ticket attribute matched against the targets.

    Args:
        customer (str):
        service (None | str | Unset):
        priority (None | str | Unset):
        opened_at (None | str | Unset):
        agreement (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApplicableSla | Problem]
    """

    kwargs = _get_kwargs(
        customer=customer,
        service=service,
        priority=priority,
        opened_at=opened_at,
        agreement=agreement,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    customer: str,
    service: None | str | Unset = UNSET,
    priority: None | str | Unset = UNSET,
    opened_at: None | str | Unset = UNSET,
    agreement: None | Unset | UUID = UNSET,
) -> ApplicableSla | Problem | None:
    """Which SLA applies to a ticket and when each target is due; other query parameters are ticket
    attributes

     The ticketing hot path: which agreement and version apply to a ticket of this customer, service and
    priority opened at `opened_at`, and when each target is due, with warning times, the calendar used
    and an explanation. Any other query parameter is a ticket attribute matched against the targets.

    Args:
        customer (str):
        service (None | str | Unset):
        priority (None | str | Unset):
        opened_at (None | str | Unset):
        agreement (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApplicableSla | Problem
    """

    return sync_detailed(
        client=client,
        customer=customer,
        service=service,
        priority=priority,
        opened_at=opened_at,
        agreement=agreement,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    customer: str,
    service: None | str | Unset = UNSET,
    priority: None | str | Unset = UNSET,
    opened_at: None | str | Unset = UNSET,
    agreement: None | Unset | UUID = UNSET,
) -> Response[ApplicableSla | Problem]:
    """Which SLA applies to a ticket and when each target is due; other query parameters are ticket
    attributes

     The ticketing hot path: which agreement and version apply to a ticket of this customer, service and
    priority opened at `opened_at`, and when each target is due, with warning times, the calendar used
    and an explanation. Any other query parameter is a ticket attribute matched against the targets.

    Args:
        customer (str):
        service (None | str | Unset):
        priority (None | str | Unset):
        opened_at (None | str | Unset):
        agreement (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApplicableSla | Problem]
    """

    kwargs = _get_kwargs(
        customer=customer,
        service=service,
        priority=priority,
        opened_at=opened_at,
        agreement=agreement,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    customer: str,
    service: None | str | Unset = UNSET,
    priority: None | str | Unset = UNSET,
    opened_at: None | str | Unset = UNSET,
    agreement: None | Unset | UUID = UNSET,
) -> ApplicableSla | Problem | None:
    """Which SLA applies to a ticket and when each target is due; other query parameters are ticket
    attributes

     The ticketing hot path: which agreement and version apply to a ticket of this customer, service and
    priority opened at `opened_at`, and when each target is due, with warning times, the calendar used
    and an explanation. Any other query parameter is a ticket attribute matched against the targets.

    Args:
        customer (str):
        service (None | str | Unset):
        priority (None | str | Unset):
        opened_at (None | str | Unset):
        agreement (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApplicableSla | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            customer=customer,
            service=service,
            priority=priority,
            opened_at=opened_at,
            agreement=agreement,
        )
    ).parsed
