// Runs against a live DocStream server with the sample corpus (samples/news): set DOCSTREAM_ADDRESS.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { Code, ConnectError } from "@connectrpc/connect";
import { fromBinary } from "@bufbuild/protobuf";
import { anyUnpack } from "@bufbuild/protobuf/wkt";
import { DocumentView } from "../src/gen/docstream/v1/document_service_pb.js";
import { BadRequestSchema, ErrorInfoSchema } from "../src/gen/google/rpc/error_details_pb.js";
import { StatusSchema } from "../src/gen/google/rpc/status_pb.js";
import { createDocumentServiceClient } from "../src/client.js";

const address = process.env.DOCSTREAM_ADDRESS;
if (!address) {
  throw new Error("Set DOCSTREAM_ADDRESS to a running DocStream server, e.g. http://127.0.0.1:50051");
}
const client = createDocumentServiceClient(address);

// Compiled to dist/test/, four levels below the repository root.
const samples = new URL("../../../../samples/news/", import.meta.url);

/** The resource name the server gives raw bytes: `documents/` and the first 32 hex digits of their SHA-256. */
function documentName(raw: Uint8Array): string {
  return "documents/" + createHash("sha256").update(raw).digest("hex").slice(0, 32);
}

function sampleFile(prefix: string): Uint8Array {
  const file = readdirSync(samples).find((f) => f.startsWith(prefix));
  assert.ok(file, `no sample starting with ${prefix}`);
  return new Uint8Array(readFileSync(new URL(file, samples)));
}

/** Names of every document in a StreamDocuments stream, in order, with the stream's last resume token. */
async function streamNames(resumeToken = "", stopAfter = Infinity): Promise<{ names: string[]; lastToken: string }> {
  const names: string[] = [];
  let lastToken = "";
  let received = 0;
  for await (const message of client.streamDocuments({ view: DocumentView.BASIC, resumeToken })) {
    if (message.frame.case === "document") {
      names.push(message.frame.value.name);
    } else if (message.frame.case === "largeDocument") {
      names.push(message.frame.value.metadata?.name ?? "");
    }
    lastToken = message.resumeToken;
    if (++received === stopAfter) {
      break;
    }
  }
  return { names, lastToken };
}

test("GetDocument returns a sample's raw bytes and parsed title", async () => {
  const raw = sampleFile("002_");

  const document = await client.getDocument({ name: documentName(raw) });

  assert.equal(document.title, "بوتين يعرض المساعدة لإنهاء التصعيد في المنطقة");
  assert.deepEqual(document.rawContent, raw);
  assert.equal(document.sizeBytes, BigInt(raw.length));
});

test("ListDocuments followed page by page to the end gives every document once, in order", async () => {
  const pages: string[][] = [];
  let pageToken = "";
  do {
    const page = await client.listDocuments({ pageSize: 2, pageToken });
    assert.ok(page.documents.length <= 2, "a page is never longer than page_size");
    pages.push(page.documents.map((d) => d.name));
    pageToken = page.nextPageToken;
  } while (pageToken !== "");

  const paged = pages.flat();
  const all = (await client.listDocuments({ pageSize: 1000 })).documents.map((d) => d.name);
  assert.ok(pages.length >= 3, `five samples in pages of two take at least three pages, got ${pages.length}`);
  assert.deepEqual(paged, all);
  assert.equal(new Set(paged).size, paged.length);
  for (const file of readdirSync(samples)) {
    assert.ok(paged.includes(documentName(readFileSync(new URL(file, samples)))), `${file} is listed`);
  }
});

test("StreamDocuments resumed from the last token after two messages continues with no gap and no duplicate", async () => {
  const full = await streamNames();
  assert.ok(full.names.length >= 5, "the stream holds at least the five samples");

  const first = await streamNames("", 2);
  assert.equal(first.names.length, 2);
  assert.notEqual(first.lastToken, "");
  const rest = await streamNames(first.lastToken);

  const resumed = [...first.names, ...rest.names];
  assert.deepEqual(resumed, full.names);
  assert.equal(new Set(resumed).size, resumed.length);
});

test("GetDocument with a malformed name fails with INVALID_ARGUMENT and google.rpc details", async () => {
  const error = await client.getDocument({ name: "bad" }).then(
    () => assert.fail("GetDocument(\"bad\") succeeded"),
    (e: unknown) => ConnectError.from(e),
  );

  assert.equal(error.code, Code.InvalidArgument);
  const [badRequest] = error.findDetails(BadRequestSchema);
  assert.equal(badRequest?.fieldViolations[0]?.field, "name");
  const [errorInfo] = error.findDetails(ErrorInfoSchema);
  assert.equal(errorInfo?.reason, "NAME_INVALID");

  // The same details, decoded by hand from the trailer they travel in.
  const trailer = error.metadata.get("grpc-status-details-bin");
  assert.ok(trailer, "the grpc-status-details-bin trailer is present");
  const status = fromBinary(StatusSchema, Buffer.from(trailer, "base64"));
  assert.equal(status.code, Code.InvalidArgument);
  const unpacked = status.details.map((d) => anyUnpack(d, BadRequestSchema)).find((d) => d !== undefined);
  assert.equal(unpacked?.fieldViolations[0]?.field, "name");
});

test("SearchDocuments finds the one sample that mentions a word and marks the match", async () => {
  // Only sample 002 mentions قرغيزستان.
  const hits = [];
  for await (const hit of client.searchDocuments({ query: "قرغيزستان" })) {
    hits.push(hit);
  }

  assert.equal(hits.length, 1);
  assert.equal(hits[0].name, documentName(sampleFile("002_")));
  assert.match(hits[0].snippet, /\[قرغيزستان\]/);
});
