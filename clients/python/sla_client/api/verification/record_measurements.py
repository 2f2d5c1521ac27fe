from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.measurement_batch import MeasurementBatch
from ...models.measurements_recorded import MeasurementsRecorded
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    agreement_id: UUID,
    *,
    body: MeasurementBatch,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/agreements/{agreement_id}/measurements".format(
            agreement_id=quote(str(agreement_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> MeasurementsRecorded | Problem | None:
    if response.status_code == 201:
        response_201 = MeasurementsRecorded.from_dict(response.json())

        return response_201

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
) -> Response[MeasurementsRecorded | Problem]:
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
    body: MeasurementBatch,
    idempotency_key: str | Unset = UNSET,
) -> Response[MeasurementsRecorded | Problem]:
    """Post SLI measurements (ratio windows or threshold samples) as the indicator's data source

     The data source a `verification` clause names for an indicator (its party role, and API client when
    the clause names one) posts a batch of measurements: ratio windows `{indicator, window_start,
    window_end, good, total}` or threshold samples `{indicator, at, value}`. Idempotent per indicator
    and window: the same figures again change nothing, other figures are a 409. Data for a closed
    billing period is refused (409). New data is evaluated against the indicator's burn-rate alerts and
    error budget, and `slo.burn_rate_high`, `slo.budget_exhausted` and `slo.recovered` are emitted once
    per episode.

    Args:
        agreement_id (UUID):
        idempotency_key (str | Unset):
        body (MeasurementBatch): Measurement batch

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MeasurementsRecorded | Problem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agreement_id: UUID,
    *,
    client: AuthenticatedClient,
    body: MeasurementBatch,
    idempotency_key: str | Unset = UNSET,
) -> MeasurementsRecorded | Problem | None:
    """Post SLI measurements (ratio windows or threshold samples) as the indicator's data source

     The data source a `verification` clause names for an indicator (its party role, and API client when
    the clause names one) posts a batch of measurements: ratio windows `{indicator, window_start,
    window_end, good, total}` or threshold samples `{indicator, at, value}`. Idempotent per indicator
    and window: the same figures again change nothing, other figures are a 409. Data for a closed
    billing period is refused (409). New data is evaluated against the indicator's burn-rate alerts and
    error budget, and `slo.burn_rate_high`, `slo.budget_exhausted` and `slo.recovered` are emitted once
    per episode.

    Args:
        agreement_id (UUID):
        idempotency_key (str | Unset):
        body (MeasurementBatch): Measurement batch

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MeasurementsRecorded | Problem
    """

    return sync_detailed(
        agreement_id=agreement_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    agreement_id: UUID,
    *,
    client: AuthenticatedClient,
    body: MeasurementBatch,
    idempotency_key: str | Unset = UNSET,
) -> Response[MeasurementsRecorded | Problem]:
    """Post SLI measurements (ratio windows or threshold samples) as the indicator's data source

     The data source a `verification` clause names for an indicator (its party role, and API client when
    the clause names one) posts a batch of measurements: ratio windows `{indicator, window_start,
    window_end, good, total}` or threshold samples `{indicator, at, value}`. Idempotent per indicator
    and window: the same figures again change nothing, other figures are a 409. Data for a closed
    billing period is refused (409). New data is evaluated against the indicator's burn-rate alerts and
    error budget, and `slo.burn_rate_high`, `slo.budget_exhausted` and `slo.recovered` are emitted once
    per episode.

    Args:
        agreement_id (UUID):
        idempotency_key (str | Unset):
        body (MeasurementBatch): Measurement batch

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MeasurementsRecorded | Problem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agreement_id: UUID,
    *,
    client: AuthenticatedClient,
    body: MeasurementBatch,
    idempotency_key: str | Unset = UNSET,
) -> MeasurementsRecorded | Problem | None:
    """Post SLI measurements (ratio windows or threshold samples) as the indicator's data source

     The data source a `verification` clause names for an indicator (its party role, and API client when
    the clause names one) posts a batch of measurements: ratio windows `{indicator, window_start,
    window_end, good, total}` or threshold samples `{indicator, at, value}`. Idempotent per indicator
    and window: the same figures again change nothing, other figures are a 409. Data for a closed
    billing period is refused (409). New data is evaluated against the indicator's burn-rate alerts and
    error budget, and `slo.burn_rate_high`, `slo.budget_exhausted` and `slo.recovered` are emitted once
    per episode.

    Args:
        agreement_id (UUID):
        idempotency_key (str | Unset):
        body (MeasurementBatch): Measurement batch

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MeasurementsRecorded | Problem
    """

    return (
        await asyncio_detailed(
            agreement_id=agreement_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
