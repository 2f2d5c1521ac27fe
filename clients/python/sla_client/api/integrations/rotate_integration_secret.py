from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.integration_with_secret import IntegrationWithSecret
from ...models.problem import Problem
from ...models.secret_rotation import SecretRotation
from ...types import UNSET, Response, Unset


def _get_kwargs(
    integration_id: UUID,
    *,
    body: SecretRotation,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/integrations/{integration_id}/rotate-secret".format(
            integration_id=quote(str(integration_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> IntegrationWithSecret | Problem | None:
    if response.status_code == 200:
        response_200 = IntegrationWithSecret.from_dict(response.json())

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
) -> Response[IntegrationWithSecret | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    integration_id: UUID,
    *,
    client: AuthenticatedClient,
    body: SecretRotation,
    idempotency_key: str | Unset = UNSET,
) -> Response[IntegrationWithSecret | Problem]:
    """A new signing secret; older ones verify until their grace (24 hours) ends

     A new signing secret (given, or generated for Jira), shown once; older secrets keep verifying for 24
    hours so the tool can be switched over without refused deliveries.

    Args:
        integration_id (UUID):
        idempotency_key (str | Unset):
        body (SecretRotation): Secret rotation

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IntegrationWithSecret | Problem]
    """

    kwargs = _get_kwargs(
        integration_id=integration_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    integration_id: UUID,
    *,
    client: AuthenticatedClient,
    body: SecretRotation,
    idempotency_key: str | Unset = UNSET,
) -> IntegrationWithSecret | Problem | None:
    """A new signing secret; older ones verify until their grace (24 hours) ends

     A new signing secret (given, or generated for Jira), shown once; older secrets keep verifying for 24
    hours so the tool can be switched over without refused deliveries.

    Args:
        integration_id (UUID):
        idempotency_key (str | Unset):
        body (SecretRotation): Secret rotation

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IntegrationWithSecret | Problem
    """

    return sync_detailed(
        integration_id=integration_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    integration_id: UUID,
    *,
    client: AuthenticatedClient,
    body: SecretRotation,
    idempotency_key: str | Unset = UNSET,
) -> Response[IntegrationWithSecret | Problem]:
    """A new signing secret; older ones verify until their grace (24 hours) ends

     A new signing secret (given, or generated for Jira), shown once; older secrets keep verifying for 24
    hours so the tool can be switched over without refused deliveries.

    Args:
        integration_id (UUID):
        idempotency_key (str | Unset):
        body (SecretRotation): Secret rotation

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IntegrationWithSecret | Problem]
    """

    kwargs = _get_kwargs(
        integration_id=integration_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    integration_id: UUID,
    *,
    client: AuthenticatedClient,
    body: SecretRotation,
    idempotency_key: str | Unset = UNSET,
) -> IntegrationWithSecret | Problem | None:
    """A new signing secret; older ones verify until their grace (24 hours) ends

     A new signing secret (given, or generated for Jira), shown once; older secrets keep verifying for 24
    hours so the tool can be switched over without refused deliveries.

    Args:
        integration_id (UUID):
        idempotency_key (str | Unset):
        body (SecretRotation): Secret rotation

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IntegrationWithSecret | Problem
    """

    return (
        await asyncio_detailed(
            integration_id=integration_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
