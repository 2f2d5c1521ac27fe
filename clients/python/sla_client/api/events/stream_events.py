from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    type_: list[str] | None | Unset = UNSET,
    last_event_id: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(last_event_id, Unset):
        headers["Last-Event-ID"] = last_event_id

    params: dict[str, Any] = {}

    json_type_: list[str] | None | Unset
    if isinstance(type_, Unset):
        json_type_ = UNSET
    elif isinstance(type_, list):
        json_type_ = type_

    else:
        json_type_ = type_
    params["type"] = json_type_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/events/stream",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Problem | None:
    if response.status_code == 200:
        response_200 = cast(Any, response.text)
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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    type_: list[str] | None | Unset = UNSET,
    last_event_id: None | str | Unset = UNSET,
) -> Response[Any | Problem]:
    """The caller's events as Server-Sent Events, as they are committed

     The caller's events as Server-Sent Events (`text/event-stream`), sent as they are committed: the
    same events and role filtering as `GET /v1/events`, filtered by `type`. Each message's `event` is
    the event type, `data` the event as JSON and `id` a cursor: send it back as `Last-Event-ID` to
    resume after it. A `: heartbeat` comment comes when idle; the stream ends with a `stream.closed`
    message when the token expires or its API client is revoked.

    Args:
        type_ (list[str] | None | Unset):
        last_event_id (None | str | Unset): Resume after this event: the `id` of the last event
            received (browsers send it again on reconnect). Without it the stream starts with the
            events committed after it opened.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        type_=type_,
        last_event_id=last_event_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    type_: list[str] | None | Unset = UNSET,
    last_event_id: None | str | Unset = UNSET,
) -> Any | Problem | None:
    """The caller's events as Server-Sent Events, as they are committed

     The caller's events as Server-Sent Events (`text/event-stream`), sent as they are committed: the
    same events and role filtering as `GET /v1/events`, filtered by `type`. Each message's `event` is
    the event type, `data` the event as JSON and `id` a cursor: send it back as `Last-Event-ID` to
    resume after it. A `: heartbeat` comment comes when idle; the stream ends with a `stream.closed`
    message when the token expires or its API client is revoked.

    Args:
        type_ (list[str] | None | Unset):
        last_event_id (None | str | Unset): Resume after this event: the `id` of the last event
            received (browsers send it again on reconnect). Without it the stream starts with the
            events committed after it opened.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return sync_detailed(
        client=client,
        type_=type_,
        last_event_id=last_event_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    type_: list[str] | None | Unset = UNSET,
    last_event_id: None | str | Unset = UNSET,
) -> Response[Any | Problem]:
    """The caller's events as Server-Sent Events, as they are committed

     The caller's events as Server-Sent Events (`text/event-stream`), sent as they are committed: the
    same events and role filtering as `GET /v1/events`, filtered by `type`. Each message's `event` is
    the event type, `data` the event as JSON and `id` a cursor: send it back as `Last-Event-ID` to
    resume after it. A `: heartbeat` comment comes when idle; the stream ends with a `stream.closed`
    message when the token expires or its API client is revoked.

    Args:
        type_ (list[str] | None | Unset):
        last_event_id (None | str | Unset): Resume after this event: the `id` of the last event
            received (browsers send it again on reconnect). Without it the stream starts with the
            events committed after it opened.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        type_=type_,
        last_event_id=last_event_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    type_: list[str] | None | Unset = UNSET,
    last_event_id: None | str | Unset = UNSET,
) -> Any | Problem | None:
    """The caller's events as Server-Sent Events, as they are committed

     The caller's events as Server-Sent Events (`text/event-stream`), sent as they are committed: the
    same events and role filtering as `GET /v1/events`, filtered by `type`. Each message's `event` is
    the event type, `data` the event as JSON and `id` a cursor: send it back as `Last-Event-ID` to
    resume after it. A `: heartbeat` comment comes when idle; the stream ends with a `stream.closed`
    message when the token expires or its API client is revoked.

    Args:
        type_ (list[str] | None | Unset):
        last_event_id (None | str | Unset): Resume after this event: the `id` of the last event
            received (browsers send it again on reconnect). Without it the stream starts with the
            events committed after it opened.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            type_=type_,
            last_event_id=last_event_id,
        )
    ).parsed
