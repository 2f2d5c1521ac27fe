import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.agreement_out_page import AgreementOutPage
from ...models.agreement_status import AgreementStatus
from ...models.problem import Problem
from ...models.role import Role
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    status: AgreementStatus | None | Unset = UNSET,
    role: None | Role | Unset = UNSET,
    counter_party: None | Unset | UUID = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,
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
    elif isinstance(status, AgreementStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_role: None | str | Unset
    if isinstance(role, Unset):
        json_role = UNSET
    elif isinstance(role, Role):
        json_role = role.value
    else:
        json_role = role
    params["role"] = json_role

    json_counter_party: None | str | Unset
    if isinstance(counter_party, Unset):
        json_counter_party = UNSET
    elif isinstance(counter_party, UUID):
        json_counter_party = str(counter_party)
    else:
        json_counter_party = counter_party
    params["counter_party"] = json_counter_party

    json_as_of: None | str | Unset
    if isinstance(as_of, Unset):
        json_as_of = UNSET
    elif isinstance(as_of, datetime.datetime):
        json_as_of = as_of.isoformat()
    else:
        json_as_of = as_of
    params["as_of"] = json_as_of

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/agreements",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AgreementOutPage | Problem | None:
    if response.status_code == 200:
        response_200 = AgreementOutPage.from_dict(response.json())

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
) -> Response[AgreementOutPage | Problem]:
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
    status: AgreementStatus | None | Unset = UNSET,
    role: None | Role | Unset = UNSET,
    counter_party: None | Unset | UUID = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,
) -> Response[AgreementOutPage | Problem]:
    """Agreements the caller is a member of, newest first

     Agreements the caller's party is a member of, newest first, filtered by status, the caller's role, a
    counter-party or the agreements in effect at an instant.

    Args:
        limit (int | Unset): Page size, 1 to 100 Default: 50.
        cursor (None | str | Unset):
        status (AgreementStatus | None | Unset):
        role (None | Role | Unset):
        counter_party (None | Unset | UUID):
        as_of (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgreementOutPage | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        status=status,
        role=role,
        counter_party=counter_party,
        as_of=as_of,
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
    status: AgreementStatus | None | Unset = UNSET,
    role: None | Role | Unset = UNSET,
    counter_party: None | Unset | UUID = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,
) -> AgreementOutPage | Problem | None:
    """Agreements the caller is a member of, newest first

     Agreements the caller's party is a member of, newest first, filtered by status, the caller's role, a
    counter-party or the agreements in effect at an instant.

    Args:
        limit (int | Unset): Page size, 1 to 100 Default: 50.
        cursor (None | str | Unset):
        status (AgreementStatus | None | Unset):
        role (None | Role | Unset):
        counter_party (None | Unset | UUID):
        as_of (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgreementOutPage | Problem
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        status=status,
        role=role,
        counter_party=counter_party,
        as_of=as_of,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    status: AgreementStatus | None | Unset = UNSET,
    role: None | Role | Unset = UNSET,
    counter_party: None | Unset | UUID = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,
) -> Response[AgreementOutPage | Problem]:
    """Agreements the caller is a member of, newest first

     Agreements the caller's party is a member of, newest first, filtered by status, the caller's role, a
    counter-party or the agreements in effect at an instant.

    Args:
        limit (int | Unset): Page size, 1 to 100 Default: 50.
        cursor (None | str | Unset):
        status (AgreementStatus | None | Unset):
        role (None | Role | Unset):
        counter_party (None | Unset | UUID):
        as_of (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgreementOutPage | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        status=status,
        role=role,
        counter_party=counter_party,
        as_of=as_of,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    status: AgreementStatus | None | Unset = UNSET,
    role: None | Role | Unset = UNSET,
    counter_party: None | Unset | UUID = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,
) -> AgreementOutPage | Problem | None:
    """Agreements the caller is a member of, newest first

     Agreements the caller's party is a member of, newest first, filtered by status, the caller's role, a
    counter-party or the agreements in effect at an instant.

    Args:
        limit (int | Unset): Page size, 1 to 100 Default: 50.
        cursor (None | str | Unset):
        status (AgreementStatus | None | Unset):
        role (None | Role | Unset):
        counter_party (None | Unset | UUID):
        as_of (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgreementOutPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            status=status,
            role=role,
            counter_party=counter_party,
            as_of=as_of,
        )
    ).parsed
