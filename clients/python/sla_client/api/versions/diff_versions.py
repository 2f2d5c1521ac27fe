from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.version_diff import VersionDiff
from ...types import UNSET, Response


def _get_kwargs(
    agreement_id: UUID,
    number: int,
    *,
    against: int,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["against"] = against

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/agreements/{agreement_id}/versions/{number}/diff".format(
            agreement_id=quote(str(agreement_id), safe=""),
            number=quote(str(number), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | VersionDiff | None:
    if response.status_code == 200:
        response_200 = VersionDiff.from_dict(response.json())

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | VersionDiff]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    agreement_id: UUID,
    number: int,
    *,
    client: AuthenticatedClient,
    against: int,
) -> Response[Problem | VersionDiff]:
    """What changed from version `against` to this one, by clause key

     The clauses added, removed and changed from version `against` to this one, by clause key.

    Args:
        agreement_id (UUID):
        number (int): A version number: 1, 2, …
        against (int): A version number: 1, 2, …

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | VersionDiff]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        number=number,
        against=against,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agreement_id: UUID,
    number: int,
    *,
    client: AuthenticatedClient,
    against: int,
) -> Problem | VersionDiff | None:
    """What changed from version `against` to this one, by clause key

     The clauses added, removed and changed from version `against` to this one, by clause key.

    Args:
        agreement_id (UUID):
        number (int): A version number: 1, 2, …
        against (int): A version number: 1, 2, …

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | VersionDiff
    """

    return sync_detailed(
        agreement_id=agreement_id,
        number=number,
        client=client,
        against=against,
    ).parsed


async def asyncio_detailed(
    agreement_id: UUID,
    number: int,
    *,
    client: AuthenticatedClient,
    against: int,
) -> Response[Problem | VersionDiff]:
    """What changed from version `against` to this one, by clause key

     The clauses added, removed and changed from version `against` to this one, by clause key.

    Args:
        agreement_id (UUID):
        number (int): A version number: 1, 2, …
        against (int): A version number: 1, 2, …

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | VersionDiff]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        number=number,
        against=against,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agreement_id: UUID,
    number: int,
    *,
    client: AuthenticatedClient,
    against: int,
) -> Problem | VersionDiff | None:
    """What changed from version `against` to this one, by clause key

     The clauses added, removed and changed from version `against` to this one, by clause key.

    Args:
        agreement_id (UUID):
        number (int): A version number: 1, 2, …
        against (int): A version number: 1, 2, …

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | VersionDiff
    """

    return (
        await asyncio_detailed(
            agreement_id=agreement_id,
            number=number,
            client=client,
            against=against,
        )
    ).parsed
