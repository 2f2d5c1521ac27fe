import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.indicators_view import IndicatorsView
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    agreement_id: UUID,
    *,
    as_of: datetime.datetime | None | Unset = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    resolution: str | Unset = "PT1H",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_as_of: None | str | Unset
    if isinstance(as_of, Unset):
        json_as_of = UNSET
    elif isinstance(as_of, datetime.datetime):
        json_as_of = as_of.isoformat()
    else:
        json_as_of = as_of
    params["as_of"] = json_as_of

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    elif isinstance(from_, datetime.datetime):
        json_from_ = from_.isoformat()
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    elif isinstance(to, datetime.datetime):
        json_to = to.isoformat()
    else:
        json_to = to
    params["to"] = json_to

    params["resolution"] = resolution

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/agreements/{agreement_id}/indicators".format(
            agreement_id=quote(str(agreement_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> IndicatorsView | Problem | None:
    if response.status_code == 200:
        response_200 = IndicatorsView.from_dict(response.json())

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
) -> Response[IndicatorsView | Problem]:
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
    as_of: datetime.datetime | None | Unset = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    resolution: str | Unset = "PT1H",
) -> Response[IndicatorsView | Problem]:
    """Each indicator's attainment, error budget and burn rates; a series with from, to and resolution

     Each measured indicator of the version in effect (that the caller's role may see): attainment in its
    compliance window against the objective, the error budget remaining, the burn rate over each alert's
    long and short windows, the open alert episodes; with `from` and `to`, a series at `resolution`.

    Args:
        agreement_id (UUID):
        as_of (datetime.datetime | None | Unset):
        from_ (datetime.datetime | None | Unset):
        to (datetime.datetime | None | Unset):
        resolution (str | Unset):  Default: 'PT1H'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IndicatorsView | Problem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        as_of=as_of,
        from_=from_,
        to=to,
        resolution=resolution,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agreement_id: UUID,
    *,
    client: AuthenticatedClient,
    as_of: datetime.datetime | None | Unset = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    resolution: str | Unset = "PT1H",
) -> IndicatorsView | Problem | None:
    """Each indicator's attainment, error budget and burn rates; a series with from, to and resolution

     Each measured indicator of the version in effect (that the caller's role may see): attainment in its
    compliance window against the objective, the error budget remaining, the burn rate over each alert's
    long and short windows, the open alert episodes; with `from` and `to`, a series at `resolution`.

    Args:
        agreement_id (UUID):
        as_of (datetime.datetime | None | Unset):
        from_ (datetime.datetime | None | Unset):
        to (datetime.datetime | None | Unset):
        resolution (str | Unset):  Default: 'PT1H'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IndicatorsView | Problem
    """

    return sync_detailed(
        agreement_id=agreement_id,
        client=client,
        as_of=as_of,
        from_=from_,
        to=to,
        resolution=resolution,
    ).parsed


async def asyncio_detailed(
    agreement_id: UUID,
    *,
    client: AuthenticatedClient,
    as_of: datetime.datetime | None | Unset = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    resolution: str | Unset = "PT1H",
) -> Response[IndicatorsView | Problem]:
    """Each indicator's attainment, error budget and burn rates; a series with from, to and resolution

     Each measured indicator of the version in effect (that the caller's role may see): attainment in its
    compliance window against the objective, the error budget remaining, the burn rate over each alert's
    long and short windows, the open alert episodes; with `from` and `to`, a series at `resolution`.

    Args:
        agreement_id (UUID):
        as_of (datetime.datetime | None | Unset):
        from_ (datetime.datetime | None | Unset):
        to (datetime.datetime | None | Unset):
        resolution (str | Unset):  Default: 'PT1H'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IndicatorsView | Problem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        as_of=as_of,
        from_=from_,
        to=to,
        resolution=resolution,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agreement_id: UUID,
    *,
    client: AuthenticatedClient,
    as_of: datetime.datetime | None | Unset = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    resolution: str | Unset = "PT1H",
) -> IndicatorsView | Problem | None:
    """Each indicator's attainment, error budget and burn rates; a series with from, to and resolution

     Each measured indicator of the version in effect (that the caller's role may see): attainment in its
    compliance window against the objective, the error budget remaining, the burn rate over each alert's
    long and short windows, the open alert episodes; with `from` and `to`, a series at `resolution`.

    Args:
        agreement_id (UUID):
        as_of (datetime.datetime | None | Unset):
        from_ (datetime.datetime | None | Unset):
        to (datetime.datetime | None | Unset):
        resolution (str | Unset):  Default: 'PT1H'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IndicatorsView | Problem
    """

    return (
        await asyncio_detailed(
            agreement_id=agreement_id,
            client=client,
            as_of=as_of,
            from_=from_,
            to=to,
            resolution=resolution,
        )
    ).parsed
