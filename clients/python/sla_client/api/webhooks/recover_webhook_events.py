import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.recover_out import RecoverOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    subscription_id: UUID,
    *,
    since: datetime.datetime,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    json_since = since.isoformat()
    params["since"] = json_since

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/webhooks/{subscription_id}/recover".format(
            subscription_id=quote(str(subscription_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | RecoverOut | None:
    if response.status_code == 202:
        response_202 = RecoverOut.from_dict(response.json())

        return response_202

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
) -> Response[Problem | RecoverOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    subscription_id: UUID,
    *,
    client: AuthenticatedClient,
    since: datetime.datetime,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | RecoverOut]:
    """Queue again, in order, every event since `since` that this subscription missed (written while it was
    disabled, or failed for good)

     Queue again, in order, every event since `since` that this subscription missed (written while it was
    disabled, or failed for good).

    Args:
        subscription_id (UUID):
        since (datetime.datetime):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RecoverOut]
    """

    kwargs = _get_kwargs(
        subscription_id=subscription_id,
        since=since,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    subscription_id: UUID,
    *,
    client: AuthenticatedClient,
    since: datetime.datetime,
    idempotency_key: str | Unset = UNSET,
) -> Problem | RecoverOut | None:
    """Queue again, in order, every event since `since` that this subscription missed (written while it was
    disabled, or failed for good)

     Queue again, in order, every event since `since` that this subscription missed (written while it was
    disabled, or failed for good).

    Args:
        subscription_id (UUID):
        since (datetime.datetime):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RecoverOut
    """

    return sync_detailed(
        subscription_id=subscription_id,
        client=client,
        since=since,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    subscription_id: UUID,
    *,
    client: AuthenticatedClient,
    since: datetime.datetime,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | RecoverOut]:
    """Queue again, in order, every event since `since` that this subscription missed (written while it was
    disabled, or failed for good)

     Queue again, in order, every event since `since` that this subscription missed (written while it was
    disabled, or failed for good).

    Args:
        subscription_id (UUID):
        since (datetime.datetime):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RecoverOut]
    """

    kwargs = _get_kwargs(
        subscription_id=subscription_id,
        since=since,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    subscription_id: UUID,
    *,
    client: AuthenticatedClient,
    since: datetime.datetime,
    idempotency_key: str | Unset = UNSET,
) -> Problem | RecoverOut | None:
    """Queue again, in order, every event since `since` that this subscription missed (written while it was
    disabled, or failed for good)

     Queue again, in order, every event since `since` that this subscription missed (written while it was
    disabled, or failed for good).

    Args:
        subscription_id (UUID):
        since (datetime.datetime):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RecoverOut
    """

    return (
        await asyncio_detailed(
            subscription_id=subscription_id,
            client=client,
            since=since,
            idempotency_key=idempotency_key,
        )
    ).parsed
