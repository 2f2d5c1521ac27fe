from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.feed_token_out import FeedTokenOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    feed_token_id: UUID,
    *,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/feed-tokens/{feed_token_id}/revoke".format(
            feed_token_id=quote(str(feed_token_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> FeedTokenOut | Problem | None:
    if response.status_code == 200:
        response_200 = FeedTokenOut.from_dict(response.json())

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
) -> Response[FeedTokenOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    feed_token_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> Response[FeedTokenOut | Problem]:
    """Revoke a calendar feed token: feeds using it answer 401 at once

     Revoke one of the caller's party's feed tokens: feeds using it answer 401 at once. Another party's
    token answers 404 like a missing one.

    Args:
        feed_token_id (UUID):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FeedTokenOut | Problem]
    """

    kwargs = _get_kwargs(
        feed_token_id=feed_token_id,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    feed_token_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> FeedTokenOut | Problem | None:
    """Revoke a calendar feed token: feeds using it answer 401 at once

     Revoke one of the caller's party's feed tokens: feeds using it answer 401 at once. Another party's
    token answers 404 like a missing one.

    Args:
        feed_token_id (UUID):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FeedTokenOut | Problem
    """

    return sync_detailed(
        feed_token_id=feed_token_id,
        client=client,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    feed_token_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> Response[FeedTokenOut | Problem]:
    """Revoke a calendar feed token: feeds using it answer 401 at once

     Revoke one of the caller's party's feed tokens: feeds using it answer 401 at once. Another party's
    token answers 404 like a missing one.

    Args:
        feed_token_id (UUID):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FeedTokenOut | Problem]
    """

    kwargs = _get_kwargs(
        feed_token_id=feed_token_id,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    feed_token_id: UUID,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> FeedTokenOut | Problem | None:
    """Revoke a calendar feed token: feeds using it answer 401 at once

     Revoke one of the caller's party's feed tokens: feeds using it answer 401 at once. Another party's
    token answers 404 like a missing one.

    Args:
        feed_token_id (UUID):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FeedTokenOut | Problem
    """

    return (
        await asyncio_detailed(
            feed_token_id=feed_token_id,
            client=client,
            idempotency_key=idempotency_key,
        )
    ).parsed
