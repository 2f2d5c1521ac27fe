from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dispute_out_page import DisputeOutPage
from ...models.dispute_role import DisputeRole
from ...models.dispute_status import DisputeStatus
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    status: DisputeStatus | None | Unset = UNSET,
    agreement_id: None | Unset | UUID = UNSET,
    role: DisputeRole | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, DisputeStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_agreement_id: None | str | Unset
    if isinstance(agreement_id, Unset):
        json_agreement_id = UNSET
    elif isinstance(agreement_id, UUID):
        json_agreement_id = str(agreement_id)
    else:
        json_agreement_id = agreement_id
    params["agreement_id"] = json_agreement_id

    json_role: None | str | Unset
    if isinstance(role, Unset):
        json_role = UNSET
    elif isinstance(role, DisputeRole):
        json_role = role.value
    else:
        json_role = role
    params["role"] = json_role

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/disputes",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DisputeOutPage | Problem | None:
    if response.status_code == 200:
        response_200 = DisputeOutPage.from_dict(response.json())

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
) -> Response[DisputeOutPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    status: DisputeStatus | None | Unset = UNSET,
    agreement_id: None | Unset | UUID = UNSET,
    role: DisputeRole | None | Unset = UNSET,
) -> Response[DisputeOutPage | Problem]:
    """Disputes the caller raised or is named in, newest first

     Disputes the caller's party raised or is the respondent of, newest first.

    Args:
        limit (int | Unset): Page size, 1 to 100 Default: 50.
        cursor (None | str | Unset):
        status (DisputeStatus | None | Unset):
        agreement_id (None | Unset | UUID):
        role (DisputeRole | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DisputeOutPage | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        status=status,
        agreement_id=agreement_id,
        role=role,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    status: DisputeStatus | None | Unset = UNSET,
    agreement_id: None | Unset | UUID = UNSET,
    role: DisputeRole | None | Unset = UNSET,
) -> DisputeOutPage | Problem | None:
    """Disputes the caller raised or is named in, newest first

     Disputes the caller's party raised or is the respondent of, newest first.

    Args:
        limit (int | Unset): Page size, 1 to 100 Default: 50.
        cursor (None | str | Unset):
        status (DisputeStatus | None | Unset):
        agreement_id (None | Unset | UUID):
        role (DisputeRole | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DisputeOutPage | Problem
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        status=status,
        agreement_id=agreement_id,
        role=role,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    status: DisputeStatus | None | Unset = UNSET,
    agreement_id: None | Unset | UUID = UNSET,
    role: DisputeRole | None | Unset = UNSET,
) -> Response[DisputeOutPage | Problem]:
    """Disputes the caller raised or is named in, newest first

     Disputes the caller's party raised or is the respondent of, newest first.

    Args:
        limit (int | Unset): Page size, 1 to 100 Default: 50.
        cursor (None | str | Unset):
        status (DisputeStatus | None | Unset):
        agreement_id (None | Unset | UUID):
        role (DisputeRole | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DisputeOutPage | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        status=status,
        agreement_id=agreement_id,
        role=role,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    status: DisputeStatus | None | Unset = UNSET,
    agreement_id: None | Unset | UUID = UNSET,
    role: DisputeRole | None | Unset = UNSET,
) -> DisputeOutPage | Problem | None:
    """Disputes the caller raised or is named in, newest first

     Disputes the caller's party raised or is the respondent of, newest first.

    Args:
        limit (int | Unset): Page size, 1 to 100 Default: 50.
        cursor (None | str | Unset):
        status (DisputeStatus | None | Unset):
        agreement_id (None | Unset | UUID):
        role (DisputeRole | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DisputeOutPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            status=status,
            agreement_id=agreement_id,
            role=role,
        )
    ).parsed
