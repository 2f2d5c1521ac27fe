from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.open_slo_export_out import OpenSloExportOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    agreement_id: UUID,
    *,
    version: int | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_version: int | None | Unset
    if isinstance(version, Unset):
        json_version = UNSET
    else:
        json_version = version
    params["version"] = json_version

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/agreements/{agreement_id}/export/openslo".format(
            agreement_id=quote(str(agreement_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OpenSloExportOut | Problem | None:
    if response.status_code == 200:
        response_200 = OpenSloExportOut.from_dict(response.json())

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
) -> Response[OpenSloExportOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    agreement_id: UUID,
    *,
    client: AuthenticatedClient,
    version: int | None | Unset = UNSET,
) -> Response[OpenSloExportOut | Problem]:
    """The measurable targets as OpenSLO v1 documents

     Availability targets and ticket targets with a compliance target as OpenSLO v1 `Service`, `SLI` and
    `SLO` documents (calendar-month windows in the agreement's time zone), as YAML and as JSON objects;
    importing the YAML gives the same targets.

    Args:
        agreement_id (UUID):
        version (int | None | Unset): A version number

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OpenSloExportOut | Problem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        version=version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agreement_id: UUID,
    *,
    client: AuthenticatedClient,
    version: int | None | Unset = UNSET,
) -> OpenSloExportOut | Problem | None:
    """The measurable targets as OpenSLO v1 documents

     Availability targets and ticket targets with a compliance target as OpenSLO v1 `Service`, `SLI` and
    `SLO` documents (calendar-month windows in the agreement's time zone), as YAML and as JSON objects;
    importing the YAML gives the same targets.

    Args:
        agreement_id (UUID):
        version (int | None | Unset): A version number

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OpenSloExportOut | Problem
    """

    return sync_detailed(
        agreement_id=agreement_id,
        client=client,
        version=version,
    ).parsed


async def asyncio_detailed(
    agreement_id: UUID,
    *,
    client: AuthenticatedClient,
    version: int | None | Unset = UNSET,
) -> Response[OpenSloExportOut | Problem]:
    """The measurable targets as OpenSLO v1 documents

     Availability targets and ticket targets with a compliance target as OpenSLO v1 `Service`, `SLI` and
    `SLO` documents (calendar-month windows in the agreement's time zone), as YAML and as JSON objects;
    importing the YAML gives the same targets.

    Args:
        agreement_id (UUID):
        version (int | None | Unset): A version number

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OpenSloExportOut | Problem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        version=version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agreement_id: UUID,
    *,
    client: AuthenticatedClient,
    version: int | None | Unset = UNSET,
) -> OpenSloExportOut | Problem | None:
    """The measurable targets as OpenSLO v1 documents

     Availability targets and ticket targets with a compliance target as OpenSLO v1 `Service`, `SLI` and
    `SLO` documents (calendar-month windows in the agreement's time zone), as YAML and as JSON objects;
    importing the YAML gives the same targets.

    Args:
        agreement_id (UUID):
        version (int | None | Unset): A version number

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OpenSloExportOut | Problem
    """

    return (
        await asyncio_detailed(
            agreement_id=agreement_id,
            client=client,
            version=version,
        )
    ).parsed
