// Streams every document of a DocStream server and prints one title a line.
// Usage: node dist/examples/stream-titles.js [ADDRESS]   (or set DOCSTREAM_ADDRESS; e.g. http://127.0.0.1:50051)
// A server that needs credentials gets the API key (or JWT) in DOCSTREAM_API_KEY.
import { DocumentView } from "../src/gen/docstream/v1/document_service_pb.js";
import { createDocumentServiceClient } from "../src/client.js";

const address = process.argv[2] ?? process.env.DOCSTREAM_ADDRESS;
if (!address) {
  console.error("usage: stream-titles ADDRESS (or set DOCSTREAM_ADDRESS)");
  process.exit(2);
}

const client = createDocumentServiceClient(address, undefined, process.env.DOCSTREAM_API_KEY);
for await (const message of client.streamDocuments({ view: DocumentView.BASIC })) {
  // A document too large for one message comes as a header with its metadata, then chunks that carry no title.
  switch (message.frame.case) {
    case "document":
      console.log(message.frame.value.title);
      break;
    case "largeDocument":
      console.log(message.frame.value.metadata?.title ?? "");
      break;
  }
}
