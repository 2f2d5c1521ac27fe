from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.ticket_sla import TicketSla
from ...types import Response


def _get_kwargs(
    source: str,
    external_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/tickets/{source}/{external_id}/sla".format(
            source=quote(str(source), safe=""),
            external_id=quote(str(external_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | TicketSla | None:
    if response.status_code == 200:
        response_200 = TicketSla.from_dict(response.json())

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

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | TicketSla]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    source: str,
    external_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | TicketSla]:
    """A ticket's SLA clocks and their histories

     A ticket's SLA clocks (due times, pauses, outcome) and their histories.

    Args:
        source (str):
        external_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TicketSla]
    """

    kwargs = _get_kwargs(
        source=source,
        external_id=external_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    source: str,
    external_id: str,
    *,
    client: AuthenticatedClient,
) -> Problem | TicketSla | None:
    """A ticket's SLA clocks and their histories

     A ticket's SLA clocks (due times, pauses, outcome) and their histories.

    Args:
        source (str):
        external_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TicketSla
    """

    return sync_detailed(
        source=source,
        external_id=external_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    source: str,
    external_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | TicketSla]:
    """A ticket's SLA clocks and their histories

     A ticket's SLA clocks (due times, pauses, outcome) and their histories.

    Args:
        source (str):
        external_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TicketSla]
    """

    kwargs = _get_kwargs(
        source=source,
        external_id=external_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    source: str,
    external_id: str,
    *,
    client: AuthenticatedClient,
) -> Problem | TicketSla | None:
    """A ticket's SLA clocks and their histories

     A ticket's SLA clocks (due times, pauses, outcome) and their histories.

    Args:
        source (str):
        external_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TicketSla
    """

    return (
        await asyncio_detailed(
            source=source,
            external_id=external_id,
            client=client,
        )
    ).parsed
