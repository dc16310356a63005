"""Streams every document of a DocStream server and prints one title a line.

Usage, from clients/python after ./generate.sh:
    /usr/bin/python3 -m examples.stream_titles [ADDRESS]    (or set DOCSTREAM_ADDRESS; e.g. http://127.0.0.1:50051)
A server that needs credentials gets the API key (or JWT) in DOCSTREAM_API_KEY.
"""

import os
import sys

from docstream_client import connect, document_service_pb2


def main():
    address = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("DOCSTREAM_ADDRESS")
    if not address:
        sys.exit("usage: stream_titles ADDRESS (or set DOCSTREAM_ADDRESS)")

    channel, client = connect(address, api_key=os.environ.get("DOCSTREAM_API_KEY"))
    with channel:
        request = document_service_pb2.StreamDocumentsRequest(view=document_service_pb2.DOCUMENT_VIEW_BASIC)
        for message in client.StreamDocuments(request):
            # A document too large for one message comes as a header with its metadata, then chunks with no title.
            frame = message.WhichOneof("frame")
            if frame == "document":
                print(message.document.title)
            elif frame == "large_document":
                print(message.large_document.metadata.title)


if __name__ == "__main__":
    main()
