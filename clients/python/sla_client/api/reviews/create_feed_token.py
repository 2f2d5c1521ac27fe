from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.feed_token_create import FeedTokenCreate
from ...models.feed_token_created import FeedTokenCreated
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: FeedTokenCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/feed-tokens",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> FeedTokenCreated | Problem | None:
    if response.status_code == 201:
        response_201 = FeedTokenCreated.from_dict(response.json())

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
) -> Response[FeedTokenCreated | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: FeedTokenCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[FeedTokenCreated | Problem]:
    """Create a calendar feed token for the caller's party; the token is shown this once

     Create a long-lived calendar feed token for the caller's party: it reads the party's agreements'
    review feeds (`…/reviews.ics?feed_token=…`) and nothing else. The answer holds the token, shown this
    once; only its hash is kept.

    Args:
        idempotency_key (str | Unset):
        body (FeedTokenCreate): Request body: feed token create

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FeedTokenCreated | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: FeedTokenCreate,
    idempotency_key: str | Unset = UNSET,
) -> FeedTokenCreated | Problem | None:
    """Create a calendar feed token for the caller's party; the token is shown this once

     Create a long-lived calendar feed token for the caller's party: it reads the party's agreements'
    review feeds (`…/reviews.ics?feed_token=…`) and nothing else. The answer holds the token, shown this
    once; only its hash is kept.

    Args:
        idempotency_key (str | Unset):
        body (FeedTokenCreate): Request body: feed token create

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FeedTokenCreated | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: FeedTokenCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[FeedTokenCreated | Problem]:
    """Create a calendar feed token for the caller's party; the token is shown this once

     Create a long-lived calendar feed token for the caller's party: it reads the party's agreements'
    review feeds (`…/reviews.ics?feed_token=…`) and nothing else. The answer holds the token, shown this
    once; only its hash is kept.

    Args:
        idempotency_key (str | Unset):
        body (FeedTokenCreate): Request body: feed token create

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FeedTokenCreated | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: FeedTokenCreate,
    idempotency_key: str | Unset = UNSET,
) -> FeedTokenCreated | Problem | None:
    """Create a calendar feed token for the caller's party; the token is shown this once

     Create a long-lived calendar feed token for the caller's party: it reads the party's agreements'
    review feeds (`…/reviews.ics?feed_token=…`) and nothing else. The answer holds the token, shown this
    once; only its hash is kept.

    Args:
        idempotency_key (str | Unset):
        body (FeedTokenCreate): Request body: feed token create

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FeedTokenCreated | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
