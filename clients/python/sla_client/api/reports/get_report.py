from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    agreement_id: UUID,
    period: str,
    *,
    format_: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_format_: None | str | Unset
    if isinstance(format_, Unset):
        json_format_ = UNSET
    else:
        json_format_ = format_
    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/agreements/{agreement_id}/reports/{period}".format(
            agreement_id=quote(str(agreement_id), safe=""),
            period=quote(str(period), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | str | None:
    if response.status_code == 200:
        response_200 = cast(str, response.json())
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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    agreement_id: UUID,
    period: str,
    *,
    client: AuthenticatedClient,
    format_: None | str | Unset = UNSET,
) -> Response[Problem | str]:
    """One period's service report: JSON, a self-contained HTML page or PDF (by Accept)

     One completed period's service report (`YYYY-MM`), frozen when published, by `Accept`:
    `application/json` (the report with the SHA-256 of its canonical JSON), `text/html` (a self-
    contained page with inline SVG charts) or `application/pdf`. Other types are a 406. Third parties
    read their own rendering, without any cost or credit figure.

    Args:
        agreement_id (UUID):
        period (str):
        format_ (None | str | Unset): json, html or pdf: overrides `Accept`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | str]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        period=period,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agreement_id: UUID,
    period: str,
    *,
    client: AuthenticatedClient,
    format_: None | str | Unset = UNSET,
) -> Problem | str | None:
    """One period's service report: JSON, a self-contained HTML page or PDF (by Accept)

     One completed period's service report (`YYYY-MM`), frozen when published, by `Accept`:
    `application/json` (the report with the SHA-256 of its canonical JSON), `text/html` (a self-
    contained page with inline SVG charts) or `application/pdf`. Other types are a 406. Third parties
    read their own rendering, without any cost or credit figure.

    Args:
        agreement_id (UUID):
        period (str):
        format_ (None | str | Unset): json, html or pdf: overrides `Accept`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | str
    """

    return sync_detailed(
        agreement_id=agreement_id,
        period=period,
        client=client,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    agreement_id: UUID,
    period: str,
    *,
    client: AuthenticatedClient,
    format_: None | str | Unset = UNSET,
) -> Response[Problem | str]:
    """One period's service report: JSON, a self-contained HTML page or PDF (by Accept)

     One completed period's service report (`YYYY-MM`), frozen when published, by `Accept`:
    `application/json` (the report with the SHA-256 of its canonical JSON), `text/html` (a self-
    contained page with inline SVG charts) or `application/pdf`. Other types are a 406. Third parties
    read their own rendering, without any cost or credit figure.

    Args:
        agreement_id (UUID):
        period (str):
        format_ (None | str | Unset): json, html or pdf: overrides `Accept`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | str]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        period=period,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agreement_id: UUID,
    period: str,
    *,
    client: AuthenticatedClient,
    format_: None | str | Unset = UNSET,
) -> Problem | str | None:
    """One period's service report: JSON, a self-contained HTML page or PDF (by Accept)

     One completed period's service report (`YYYY-MM`), frozen when published, by `Accept`:
    `application/json` (the report with the SHA-256 of its canonical JSON), `text/html` (a self-
    contained page with inline SVG charts) or `application/pdf`. Other types are a 406. Third parties
    read their own rendering, without any cost or credit figure.

    Args:
        agreement_id (UUID):
        period (str):
        format_ (None | str | Unset): json, html or pdf: overrides `Accept`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | str
    """

    return (
        await asyncio_detailed(
            agreement_id=agreement_id,
            period=period,
            client=client,
            format_=format_,
        )
    ).parsed
