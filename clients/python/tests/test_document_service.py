"""The generated Python client against a live DocStream server with the sample corpus: set DOCSTREAM_ADDRESS."""

import hashlib
import os
import unittest
from pathlib import Path

import grpc

from docstream_client import connect, document_service_pb2, error_details, error_details_pb2, rpc_status

SAMPLES = Path(__file__).resolve().parents[3] / "samples" / "news"
BASIC = document_service_pb2.DOCUMENT_VIEW_BASIC


def document_name(raw):
    """The resource name the server gives raw bytes: `documents/` and the first 32 hex digits of their SHA-256."""
    return "documents/" + hashlib.sha256(raw).hexdigest()[:32]


class DocumentServiceTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        address = os.environ.get("DOCSTREAM_ADDRESS")
        if not address:
            raise RuntimeError("Set DOCSTREAM_ADDRESS to a running DocStream server, e.g. http://127.0.0.1:50051")
        cls.channel, cls.client = connect(address)

    @classmethod
    def tearDownClass(cls):
        cls.channel.close()

    def stream_names(self, resume_token="", stop_after=None):
        """Names of the documents in a StreamDocuments stream, in order, and the last resume token seen."""
        names, last_token = [], ""
        request = document_service_pb2.StreamDocumentsRequest(view=BASIC, resume_token=resume_token)
        stream = self.client.StreamDocuments(request)
        for received, message in enumerate(stream, start=1):
            frame = message.WhichOneof("frame")
            if frame == "document":
                names.append(message.document.name)
            elif frame == "large_document":
                names.append(message.large_document.metadata.name)
            last_token = message.resume_token
            if received == stop_after:
                stream.cancel()
                break
        return names, last_token

    def test_get_document_sample_by_name_returns_raw_bytes_and_title(self):
        raw = next(SAMPLES.glob("002_*.txt")).read_bytes()

        document = self.client.GetDocument(document_service_pb2.GetDocumentRequest(name=document_name(raw)))

        self.assertEqual(document.title, "بوتين يعرض المساعدة لإنهاء التصعيد في المنطقة")
        self.assertEqual(document.raw_content, raw)
        self.assertEqual(document.size_bytes, len(raw))

    def test_list_documents_followed_to_the_last_page_gives_every_document_once_in_order(self):
        pages, page_token = [], ""
        while True:
            page = self.client.ListDocuments(document_service_pb2.ListDocumentsRequest(page_size=2, page_token=page_token))
            self.assertLessEqual(len(page.documents), 2)
            pages.append([d.name for d in page.documents])
            page_token = page.next_page_token
            if not page_token:
                break

        paged = [name for page in pages for name in page]
        everything = [d.name for d in self.client.ListDocuments(document_service_pb2.ListDocumentsRequest(page_size=1000)).documents]
        self.assertGreaterEqual(len(pages), 3, "five samples in pages of two take at least three pages")
        self.assertEqual(paged, everything)
        self.assertEqual(len(set(paged)), len(paged))
        for sample in SAMPLES.glob("*.txt"):
            self.assertIn(document_name(sample.read_bytes()), paged, sample.name)

    def test_stream_documents_resumed_after_two_messages_has_no_gap_and_no_duplicate(self):
        full, _ = self.stream_names()
        self.assertGreaterEqual(len(full), 5)

        first, token = self.stream_names(stop_after=2)
        self.assertEqual(len(first), 2)
        self.assertTrue(token)
        rest, _ = self.stream_names(resume_token=token)

        self.assertEqual(first + rest, full)
        self.assertEqual(len(set(first + rest)), len(full))

    def test_get_document_malformed_name_is_invalid_argument_with_error_details(self):
        with self.assertRaises(grpc.RpcError) as raised:
            self.client.GetDocument(document_service_pb2.GetDocumentRequest(name="bad"))
        error = raised.exception

        self.assertEqual(error.code(), grpc.StatusCode.INVALID_ARGUMENT)
        self.assertEqual(rpc_status(error).code, grpc.StatusCode.INVALID_ARGUMENT.value[0])
        [bad_request] = error_details(error, error_details_pb2.BadRequest)
        self.assertEqual([v.field for v in bad_request.field_violations], ["name"])
        [error_info] = error_details(error, error_details_pb2.ErrorInfo)
        self.assertEqual(error_info.reason, "NAME_INVALID")

    def test_search_documents_word_of_one_sample_finds_it_with_the_match_marked(self):
        raw = next(SAMPLES.glob("002_*.txt")).read_bytes()

        hits = list(self.client.SearchDocuments(document_service_pb2.SearchDocumentsRequest(query="قرغيزستان")))

        self.assertEqual([hit.name for hit in hits], [document_name(raw)])
        self.assertIn("[قرغيزستان]", hits[0].snippet)


if __name__ == "__main__":
    unittest.main()
