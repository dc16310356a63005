"""Follows a DocStream server's documents and prints one JSON line per event as it comes.

First every document that exists (the snapshot), then snapshot_complete, then each document created, updated or
deleted, and a progress heartbeat when nothing happens. A document larger than one message arrives as a change without
its document, a header and chunks, and is put back together. When the stream breaks (the connection drops, the server
restarts) the watch is opened again with the last resume token, so no event is missed or printed twice.

Usage, from clients/python after ./generate.sh:
    /usr/bin/python3 -m examples.watch [ADDRESS] [--heartbeat SECONDS] [--max-changes N] [--retries N]
ADDRESS or DOCSTREAM_ADDRESS, e.g. http://127.0.0.1:50051; --heartbeat asks for progress after that much silence (0.1
to 600, else the server's 30); --max-changes stops after N changes, else it runs until Ctrl+C; --retries is how many
reconnections in a row it tries before it gives up (10).
"""

import argparse
import json
import os
import sys
import time

import grpc
from docstream_client import connect, document_pb2, document_service_pb2

FIRST_DELAY_SECONDS = 0.5
LONGEST_DELAY_SECONDS = 10.0

# gRPC waits up to two minutes between attempts to reach a server that went away, and fails calls at once meanwhile;
# a watch wants the restarted server found within a couple of seconds.
CHANNEL_OPTIONS = [("grpc.initial_reconnect_backoff_ms", 500), ("grpc.max_reconnect_backoff_ms", 2000)]

_Type = document_service_pb2.DocumentChange.Type


def print_event(event, position, **fields):
    """Prints one event as a line of JSON, at once (stdout to a pipe is otherwise buffered)."""
    print(json.dumps({"event": event, **fields, "position": position}, ensure_ascii=False), flush=True)


class Watch:
    """One WatchDocuments call read as events; keeps the change of a large document until its last chunk."""

    def __init__(self):
        self.pending_change = None
        self.chunks = []

    def handle(self, message):
        """Prints what `message` completes; returns True when it completed a change."""
        event = message.WhichOneof("event")
        if event == "change":
            change = message.change
            if not change.HasField("document") and change.type != _Type.TYPE_DELETED:
                self.pending_change, self.chunks = change, []
                return False
            self.print_change(change, change.document if change.HasField("document") else None, message.position)
            return True
        if event == "chunk":
            if self.pending_change is None:
                raise ValueError(f"a chunk of {message.chunk.name} came without its change")
            self.chunks.append(message.chunk.data)
            if not message.chunk.last_chunk:
                return False
            document = document_pb2.Document.FromString(b"".join(self.chunks))
            self.print_change(self.pending_change, document, message.position)
            self.pending_change, self.chunks = None, []
            return True
        if event in ("snapshot_complete", "progress"):
            print_event(event, message.position)
        # large_document only announces the chunks; an event this example does not know is skipped.
        return False

    @staticmethod
    def print_change(change, document, position):
        # raw_bytes is the size of the text received, which only the whole document has (a large one's header has none).
        content = {"title": document.title, "raw_bytes": len(document.raw_content)} if document is not None else {}
        print_event("change", position, type=_Type.Name(change.type).removeprefix("TYPE_"), name=change.name, **content)


def main():
    parser = argparse.ArgumentParser(prog="watch", description="Follow a DocStream server's documents as they change.")
    parser.add_argument("address", nargs="?", default=os.environ.get("DOCSTREAM_ADDRESS"))
    parser.add_argument("--heartbeat", type=float, help="seconds of silence before the server sends progress")
    parser.add_argument("--max-changes", type=int, help="stop after this many changes (default: run until Ctrl+C)")
    parser.add_argument("--retries", type=int, default=10, help="reconnections in a row before giving up (default: 10)")
    args = parser.parse_args()
    if not args.address:
        parser.error("give the server's ADDRESS or set DOCSTREAM_ADDRESS")
    if (args.max_changes is not None and args.max_changes < 1) or (args.heartbeat is not None and not args.heartbeat > 0):
        parser.error("--max-changes and --heartbeat must be more than 0")
    if args.retries < 0:
        parser.error("--retries must be 0 or more")
    request = document_service_pb2.WatchDocumentsRequest()
    if args.heartbeat is not None:
        # Left out, the server's default applies.
        request.heartbeat_interval.FromMilliseconds(round(args.heartbeat * 1000))

    channel, client = connect(args.address, options=CHANNEL_OPTIONS, api_key=os.environ.get("DOCSTREAM_API_KEY"))
    resume_token = ""
    changes = 0
    failures = 0
    with channel:
        while True:
            # A resumed watch sends a large document again from its change (each piece carries the token of the event
            # before), so what a broken stream left half-assembled is dropped with it.
            watch = Watch()
            try:
                request.resume_token = resume_token
                for message in client.WatchDocuments(request):
                    failures = 0
                    resume_token = message.resume_token
                    if watch.handle(message):
                        changes += 1
                        if changes == args.max_changes:
                            return
                # A watch never ends by itself: the stream was cut somewhere on the way.
                problem = "the server ended the watch"
            except grpc.RpcError as error:
                problem = f"{error.code().name}: {error.details()}"
                # UNAVAILABLE: the connection dropped or was refused; anything else (a bad token, a pruned history) is
                # the server's answer, which a retry would only repeat.
                if error.code() != grpc.StatusCode.UNAVAILABLE:
                    sys.exit(f"watch failed: {problem}")
            if failures >= args.retries:
                sys.exit(f"watch failed: {problem}; gave up after {args.retries} retries in a row")
            failures += 1
            delay = min(LONGEST_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** (failures - 1))
            where = "from the last resume token" if resume_token else "from the start"
            print(f"watch broke ({problem}); reconnecting {where} in {delay:g} s (retry {failures} of {args.retries})",
                  file=sys.stderr, flush=True)
            time.sleep(delay)


if __name__ == "__main__":
    main()
