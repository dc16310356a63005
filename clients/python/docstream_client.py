"""A Python client for docstream.v1.DocumentService over gRPC.

The messages and stubs are generated from protos/ by generate.sh into generated/; this module puts that directory on
the import path, opens a channel, and decodes the google.rpc error details the server sends.
"""

import collections
import sys
from pathlib import Path

_GENERATED = Path(__file__).resolve().parent / "generated"
if not (_GENERATED / "docstream" / "v1" / "document_service_pb2_grpc.py").exists():
    raise ImportError(f"{_GENERATED} has no generated code; run {_GENERATED.parent / 'generate.sh'} first")
sys.path.insert(0, str(_GENERATED))

import grpc  # noqa: E402
from docstream.v1 import document_pb2, document_service_pb2, document_service_pb2_grpc  # noqa: E402
from google.rpc import error_details_pb2, status_pb2  # noqa: E402

__all__ = ["connect", "document_pb2", "document_service_pb2", "error_details", "error_details_pb2", "rpc_status", "target"]

_STATUS_DETAILS_KEY = "grpc-status-details-bin"


def target(address):
    """The gRPC channel target for `http://host:port` or `host:port` (the server listens without TLS)."""
    return address.removeprefix("http://")


def connect(address, options=(), api_key=None):
    """A channel to the DocStream server at `address` and a DocumentService stub on it; close the channel when done.

    `options` are gRPC channel arguments, e.g. `[("grpc.max_reconnect_backoff_ms", 2000)]`. `api_key` (an API key or
    a JWT), for a server that needs credentials, is sent on every call as `authorization: Bearer <api_key>`.
    """
    channel = grpc.insecure_channel(target(address), options=options)
    calls = grpc.intercept_channel(channel, _BearerToken(api_key)) if api_key else channel
    return channel, document_service_pb2_grpc.DocumentServiceStub(calls)


class _CallDetails(
    collections.namedtuple("_CallDetails", ("method", "timeout", "metadata", "credentials", "wait_for_ready", "compression")),
    grpc.ClientCallDetails,
):
    pass


class _BearerToken(
    grpc.UnaryUnaryClientInterceptor,
    grpc.UnaryStreamClientInterceptor,
    grpc.StreamUnaryClientInterceptor,
    grpc.StreamStreamClientInterceptor,
):
    """Adds `authorization: Bearer <token>` to every call."""

    def __init__(self, token):
        self._header = ("authorization", f"Bearer {token}")

    def _with_header(self, details):
        return _CallDetails(
            details.method,
            details.timeout,
            [*(details.metadata or ()), self._header],
            details.credentials,
            details.wait_for_ready,
            getattr(details, "compression", None),
        )

    def intercept_unary_unary(self, continuation, details, request):
        return continuation(self._with_header(details), request)

    def intercept_unary_stream(self, continuation, details, request):
        return continuation(self._with_header(details), request)

    def intercept_stream_unary(self, continuation, details, request_iterator):
        return continuation(self._with_header(details), request_iterator)

    def intercept_stream_stream(self, continuation, details, request_iterator):
        return continuation(self._with_header(details), request_iterator)


def rpc_status(error):
    """The google.rpc.Status in a failed call's grpc-status-details-bin trailer, or None when it has none."""
    for key, value in error.trailing_metadata() or ():
        if key == _STATUS_DETAILS_KEY:
            return status_pb2.Status.FromString(value)
    return None


def error_details(error, message_type):
    """The details of type `message_type` (e.g. error_details_pb2.BadRequest) that a failed call carries."""
    status = rpc_status(error)
    found = []
    for detail in status.details if status else ():
        if detail.Is(message_type.DESCRIPTOR):
            message = message_type()
            detail.Unpack(message)
            found.append(message)
    return found
