// A minimal in-memory hub of the CityRisk .proto in grpc-js: the baseline the load run compares our hub with.
// Publish appends to an array (idempotent on sender + id) and fans out to every live subscriber; Subscribe
// streams from now; Get and Query answer from the array. No authentication, validation or scope: it is the
// floor of what a hub must do, on equal terms with our hub's in-memory store.
// Usage: node grpc-hub.mjs  -> prints "listening PORT"; stops on stdin end or SIGTERM.
import { Exchange, grpc } from "./grpc-common.mjs";

const log = [];
const index = new Map();
const subscribers = new Set();

const server = new grpc.Server({ "grpc.max_receive_message_length": 4 * 1024 * 1024 });
server.addService(Exchange.service, {
  publish(call, callback) {
    const envelope = call.request.envelope;
    const key = `${envelope.sender}/${envelope.id}`;
    if (index.has(key)) {
      callback(null, { cursor: String(index.get(key)), duplicate: true });
      return;
    }
    log.push(envelope);
    const cursor = log.length;
    index.set(key, cursor);
    const delivery = { cursor: String(cursor), envelope };
    for (const subscriber of subscribers) subscriber.write(delivery);
    callback(null, { cursor: String(cursor), duplicate: false });
  },
  publishBatch(call, callback) {
    callback(null, { results: [] });
  },
  get(call, callback) {
    const cursor = index.get(`${call.request.message?.sender}/${call.request.message?.id}`);
    if (!cursor) callback(Object.assign(new Error("No such message."), { code: grpc.status.NOT_FOUND }));
    else callback(null, { cursor: String(cursor), envelope: log[cursor - 1] });
  },
  query(call, callback) {
    callback(null, { items: log.slice(0, call.request.pageSize || 100).map((envelope, i) => ({ cursor: String(i + 1), envelope })), nextPageToken: "" });
  },
  subscribe(call) {
    subscribers.add(call);
    const leave = () => subscribers.delete(call);
    call.on("cancelled", leave);
    call.on("close", leave);
    call.on("error", leave);
  },
});

server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) {
    console.error(error);
    process.exit(1);
  }
  console.log(`listening ${port}`);
});

process.stdin.on("end", () => { server.forceShutdown(); process.exit(0); });
process.stdin.resume();
process.on("SIGTERM", () => { server.forceShutdown(); process.exit(0); });
