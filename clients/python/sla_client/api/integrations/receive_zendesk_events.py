from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.delivery_receipt import DeliveryReceipt
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    integration: None | Unset | UUID = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_integration: None | str | Unset
    if isinstance(integration, Unset):
        json_integration = UNSET
    elif isinstance(integration, UUID):
        json_integration = str(integration)
    else:
        json_integration = integration
    params["integration"] = json_integration

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/integrations/zendesk/events",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DeliveryReceipt | Problem | None:
    if response.status_code == 200:
        response_200 = DeliveryReceipt.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

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
) -> Response[DeliveryReceipt | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    integration: None | Unset | UUID = UNSET,
) -> Response[DeliveryReceipt | Problem]:
    """Zendesk's ticket event webhooks, signed by Zendesk

     Where a Zendesk webhook subscribed to ticket events (`zen:event-type:ticket.*`) delivers, with
    `?integration=<id>`. Verified with `X-Zendesk-Webhook-Signature` (base64 HMAC-SHA256 of the
    `X-Zendesk-Webhook-Signature-Timestamp` value and the body); a bad or stale (over 5 minutes)
    signature is refused with 401 and nothing is stored. Creation, priority and status changes and
    comments become ticket events through the integration's mapping, with the idempotency and clocks of
    `POST /v1/tickets/events`. Authenticated by the signature, not a token.

    Args:
        integration (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeliveryReceipt | Problem]
    """

    kwargs = _get_kwargs(
        integration=integration,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    integration: None | Unset | UUID = UNSET,
) -> DeliveryReceipt | Problem | None:
    """Zendesk's ticket event webhooks, signed by Zendesk

     Where a Zendesk webhook subscribed to ticket events (`zen:event-type:ticket.*`) delivers, with
    `?integration=<id>`. Verified with `X-Zendesk-Webhook-Signature` (base64 HMAC-SHA256 of the
    `X-Zendesk-Webhook-Signature-Timestamp` value and the body); a bad or stale (over 5 minutes)
    signature is refused with 401 and nothing is stored. Creation, priority and status changes and
    comments become ticket events through the integration's mapping, with the idempotency and clocks of
    `POST /v1/tickets/events`. Authenticated by the signature, not a token.

    Args:
        integration (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeliveryReceipt | Problem
    """

    return sync_detailed(
        client=client,
        integration=integration,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    integration: None | Unset | UUID = UNSET,
) -> Response[DeliveryReceipt | Problem]:
    """Zendesk's ticket event webhooks, signed by Zendesk

     Where a Zendesk webhook subscribed to ticket events (`zen:event-type:ticket.*`) delivers, with
    `?integration=<id>`. Verified with `X-Zendesk-Webhook-Signature` (base64 HMAC-SHA256 of the
    `X-Zendesk-Webhook-Signature-Timestamp` value and the body); a bad or stale (over 5 minutes)
    signature is refused with 401 and nothing is stored. Creation, priority and status changes and
    comments become ticket events through the integration's mapping, with the idempotency and clocks of
    `POST /v1/tickets/events`. Authenticated by the signature, not a token.

    Args:
        integration (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeliveryReceipt | Problem]
    """

    kwargs = _get_kwargs(
        integration=integration,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    integration: None | Unset | UUID = UNSET,
) -> DeliveryReceipt | Problem | None:
    """Zendesk's ticket event webhooks, signed by Zendesk

     Where a Zendesk webhook subscribed to ticket events (`zen:event-type:ticket.*`) delivers, with
    `?integration=<id>`. Verified with `X-Zendesk-Webhook-Signature` (base64 HMAC-SHA256 of the
    `X-Zendesk-Webhook-Signature-Timestamp` value and the body); a bad or stale (over 5 minutes)
    signature is refused with 401 and nothing is stored. Creation, priority and status changes and
    comments become ticket events through the integration's mapping, with the idempotency and clocks of
    `POST /v1/tickets/events`. Authenticated by the signature, not a token.

    Args:
        integration (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeliveryReceipt | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            integration=integration,
        )
    ).parsed
