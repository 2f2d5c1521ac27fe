from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_client_created import ApiClientCreated
from ...models.client_create import ClientCreate
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    party_id: UUID,
    *,
    body: ClientCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/parties/{party_id}/clients".format(
            party_id=quote(str(party_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiClientCreated | Problem | None:
    if response.status_code == 201:
        response_201 = ApiClientCreated.from_dict(response.json())

        return response_201

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
) -> Response[ApiClientCreated | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    party_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ClientCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[ApiClientCreated | Problem]:
    """Create an API client (operator); the secret is shown once

     The operator creates an API client for a party; the answer holds the client secret, shown this once.

    Args:
        party_id (UUID):
        idempotency_key (str | Unset):
        body (ClientCreate): Request body: client create

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiClientCreated | Problem]
    """

    kwargs = _get_kwargs(
        party_id=party_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    party_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ClientCreate,
    idempotency_key: str | Unset = UNSET,
) -> ApiClientCreated | Problem | None:
    """Create an API client (operator); the secret is shown once

     The operator creates an API client for a party; the answer holds the client secret, shown this once.

    Args:
        party_id (UUID):
        idempotency_key (str | Unset):
        body (ClientCreate): Request body: client create

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiClientCreated | Problem
    """

    return sync_detailed(
        party_id=party_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    party_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ClientCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[ApiClientCreated | Problem]:
    """Create an API client (operator); the secret is shown once

     The operator creates an API client for a party; the answer holds the client secret, shown this once.

    Args:
        party_id (UUID):
        idempotency_key (str | Unset):
        body (ClientCreate): Request body: client create

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiClientCreated | Problem]
    """

    kwargs = _get_kwargs(
        party_id=party_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    party_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ClientCreate,
    idempotency_key: str | Unset = UNSET,
) -> ApiClientCreated | Problem | None:
    """Create an API client (operator); the secret is shown once

     The operator creates an API client for a party; the answer holds the client secret, shown this once.

    Args:
        party_id (UUID):
        idempotency_key (str | Unset):
        body (ClientCreate): Request body: client create

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiClientCreated | Problem
    """

    return (
        await asyncio_detailed(
            party_id=party_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
