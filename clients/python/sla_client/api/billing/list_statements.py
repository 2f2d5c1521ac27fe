from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.billing_statements import BillingStatements
from ...models.list_statements_format_type_1 import ListStatementsFormatType1
from ...models.list_statements_format_type_2_type_1 import ListStatementsFormatType2Type1
from ...models.list_statements_format_type_3_type_1 import ListStatementsFormatType3Type1
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    customer: str,
    period: str,
    format_: ListStatementsFormatType1
    | ListStatementsFormatType2Type1
    | ListStatementsFormatType3Type1
    | None
    | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["customer"] = customer

    params["period"] = period

    json_format_: None | str | Unset
    if isinstance(format_, Unset):
        json_format_ = UNSET
    elif isinstance(format_, ListStatementsFormatType1):
        json_format_ = format_.value
    elif isinstance(format_, ListStatementsFormatType2Type1):
        json_format_ = format_.value
    elif isinstance(format_, ListStatementsFormatType3Type1):
        json_format_ = format_.value
    else:
        json_format_ = format_
    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/billing/statements",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BillingStatements | Problem | None:
    if response.status_code == 200:
        response_200 = BillingStatements.from_dict(response.json())

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
) -> Response[BillingStatements | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    customer: str,
    period: str,
    format_: ListStatementsFormatType1
    | ListStatementsFormatType2Type1
    | ListStatementsFormatType3Type1
    | None
    | Unset = UNSET,
) -> Response[BillingStatements | Problem]:
    """The billing pull: a customer's statements for a period; Accept: text/csv or format=csv for CSV

     The billing pull: a customer's agreed costs and service credits per agreement for one month.
    `Accept: text/csv` (or `format=csv`) answers CSV with a totals row.

    Args:
        customer (str):
        period (str):
        format_ (ListStatementsFormatType1 | ListStatementsFormatType2Type1 |
            ListStatementsFormatType3Type1 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BillingStatements | Problem]
    """

    kwargs = _get_kwargs(
        customer=customer,
        period=period,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    customer: str,
    period: str,
    format_: ListStatementsFormatType1
    | ListStatementsFormatType2Type1
    | ListStatementsFormatType3Type1
    | None
    | Unset = UNSET,
) -> BillingStatements | Problem | None:
    """The billing pull: a customer's statements for a period; Accept: text/csv or format=csv for CSV

     The billing pull: a customer's agreed costs and service credits per agreement for one month.
    `Accept: text/csv` (or `format=csv`) answers CSV with a totals row.

    Args:
        customer (str):
        period (str):
        format_ (ListStatementsFormatType1 | ListStatementsFormatType2Type1 |
            ListStatementsFormatType3Type1 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BillingStatements | Problem
    """

    return sync_detailed(
        client=client,
        customer=customer,
        period=period,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    customer: str,
    period: str,
    format_: ListStatementsFormatType1
    | ListStatementsFormatType2Type1
    | ListStatementsFormatType3Type1
    | None
    | Unset = UNSET,
) -> Response[BillingStatements | Problem]:
    """The billing pull: a customer's statements for a period; Accept: text/csv or format=csv for CSV

     The billing pull: a customer's agreed costs and service credits per agreement for one month.
    `Accept: text/csv` (or `format=csv`) answers CSV with a totals row.

    Args:
        customer (str):
        period (str):
        format_ (ListStatementsFormatType1 | ListStatementsFormatType2Type1 |
            ListStatementsFormatType3Type1 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BillingStatements | Problem]
    """

    kwargs = _get_kwargs(
        customer=customer,
        period=period,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    customer: str,
    period: str,
    format_: ListStatementsFormatType1
    | ListStatementsFormatType2Type1
    | ListStatementsFormatType3Type1
    | None
    | Unset = UNSET,
) -> BillingStatements | Problem | None:
    """The billing pull: a customer's statements for a period; Accept: text/csv or format=csv for CSV

     The billing pull: a customer's agreed costs and service credits per agreement for one month.
    `Accept: text/csv` (or `format=csv`) answers CSV with a totals row.

    Args:
        customer (str):
        period (str):
        format_ (ListStatementsFormatType1 | ListStatementsFormatType2Type1 |
            ListStatementsFormatType3Type1 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BillingStatements | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            customer=customer,
            period=period,
            format_=format_,
        )
    ).parsed
