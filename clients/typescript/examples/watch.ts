// Follows a DocStream server's documents and prints one JSON line per event as it comes: every document that exists
// (the snapshot), then snapshot_complete, then each document created, updated or deleted, and a progress heartbeat
// when nothing happens. A document larger than one message arrives as a change without its document, a header and
// chunks, and is put back together. When the stream breaks (the connection drops, the server restarts) it opens the
// watch again with the last resume token, so no event is missed or printed twice.
// Usage: node dist/examples/watch.js [ADDRESS] [--heartbeat SECONDS] [--max-changes N] [--retries N]
//   ADDRESS or DOCSTREAM_ADDRESS, e.g. http://127.0.0.1:50051; --heartbeat asks for progress after that much silence
//   (0.1 to 600, else the server's 30); --max-changes stops after N changes, else it runs until Ctrl+C; --retries is
//   how many reconnections in a row it tries before it gives up (10).
import { parseArgs } from "node:util";
import { setTimeout as sleep } from "node:timers/promises";
import { fromBinary } from "@bufbuild/protobuf";
import { durationFromMs } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import { Http2SessionManager } from "@connectrpc/connect-node";
import { DocumentSchema, type Document } from "../src/gen/docstream/v1/document_pb.js";
import {
  DocumentChange_Type,
  type DocumentChange,
  type WatchDocumentsResponse,
} from "../src/gen/docstream/v1/document_service_pb.js";
import { baseUrl, createDocumentServiceClient } from "../src/client.js";

const FIRST_DELAY_MS = 500;
const LONGEST_DELAY_MS = 10_000;

const { values: options, positionals } = parseArgs({
  options: { heartbeat: { type: "string" }, "max-changes": { type: "string" }, retries: { type: "string", default: "10" } },
  allowPositionals: true,
});
const address = positionals[0] ?? process.env.DOCSTREAM_ADDRESS;
const maxChanges = options["max-changes"] === undefined ? Infinity : Number(options["max-changes"]);
const heartbeatSeconds = options.heartbeat === undefined ? undefined : Number(options.heartbeat);
const maxRetries = Number(options.retries);
if (!address || !(maxChanges > 0) || (heartbeatSeconds !== undefined && !(heartbeatSeconds > 0)) || !(maxRetries >= 0)) {
  console.error("usage: watch ADDRESS (or set DOCSTREAM_ADDRESS) [--heartbeat SECONDS] [--max-changes N] [--retries N]");
  process.exit(2);
}
// Left out, the server's default applies.
const heartbeatInterval = heartbeatSeconds === undefined ? undefined : durationFromMs(heartbeatSeconds * 1000);

/** Prints one event as a line of JSON. */
function print(event: string, position: bigint, fields: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ event, ...fields, position: Number(position) }));
}

/** A change whose document is coming in chunks, and the chunks so far. */
interface PendingChange {
  change: DocumentChange;
  chunks: Uint8Array[];
}

/**
 * Prints what `message` completes and returns the change it completed, if any: a change with its document (or a
 * deletion), or the last chunk of a large one. Keeps the change of a large document in `pending` until then.
 */
function handle(message: WatchDocumentsResponse, pending: { current?: PendingChange }): DocumentChange | undefined {
  const event = message.event;
  let completed: { change: DocumentChange; document?: Document } | undefined;
  switch (event.case) {
    case "change":
      if (event.value.document === undefined && event.value.type !== DocumentChange_Type.DELETED) {
        pending.current = { change: event.value, chunks: [] };
      } else {
        completed = { change: event.value, document: event.value.document };
      }
      break;
    case "chunk":
      if (!pending.current) {
        throw new Error(`a chunk of ${event.value.name} came without its change`);
      }
      pending.current.chunks.push(event.value.data);
      if (event.value.lastChunk) {
        completed = { change: pending.current.change, document: fromBinary(DocumentSchema, Buffer.concat(pending.current.chunks)) };
        pending.current = undefined;
      }
      break;
    case "snapshotComplete":
      print("snapshot_complete", message.position);
      break;
    case "progress":
      print("progress", message.position);
      break;
    // "largeDocument" only announces the chunks; an event this example does not know is skipped.
  }
  if (!completed) {
    return undefined;
  }
  const { change, document } = completed;
  // raw_bytes is the size of the text received, which only the whole document has (a large one's header has none).
  const content = document ? { title: document.title, raw_bytes: document.rawContent.length } : {};
  print("change", message.position, { type: DocumentChange_Type[change.type], name: change.name, ...content });
  return change;
}

const connection = new Http2SessionManager(baseUrl(address));
const client = createDocumentServiceClient(address, connection, process.env.DOCSTREAM_API_KEY);
let resumeToken = "";
let changes = 0;
let failures = 0;
watching: while (true) {
  // A resumed watch sends a large document again from its change (each piece carries the token of the event before),
  // so what a broken stream left half-assembled is dropped with it.
  const pending: { current?: PendingChange } = {};
  let problem: string;
  try {
    for await (const message of client.watchDocuments({ resumeToken, heartbeatInterval })) {
      failures = 0;
      resumeToken = message.resumeToken;
      if (handle(message, pending) && ++changes >= maxChanges) {
        break watching;
      }
    }
    // A watch never ends by itself: the stream was cut somewhere on the way.
    problem = "the server ended the watch";
  } catch (e) {
    const error = ConnectError.from(e);
    // Connect reports a connection that died under the stream as CANCELED ("stream closed with error code CANCEL")
    // and a refused one as UNAVAILABLE; anything else (a bad token, a pruned history) is the server's answer.
    problem = `${Code[error.code]}: ${error.rawMessage}`;
    if (error.code !== Code.Unavailable && error.code !== Code.Canceled) {
      console.error(`watch failed: ${problem}`);
      process.exit(1);
    }
  }
  if (failures >= maxRetries) {
    console.error(`watch failed: ${problem}; gave up after ${maxRetries} retries in a row`);
    process.exit(1);
  }
  failures++;
  const delay = Math.min(LONGEST_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - 1));
  const from = resumeToken ? "from the last resume token" : "from the start";
  console.error(`watch broke (${problem}); reconnecting ${from} in ${delay / 1000} s (retry ${failures} of ${maxRetries})`);
  await sleep(delay);
}
// Leaving the watch early keeps its connection, and so Node, alive: close it.
connection.abort();
