// A small grpc-js server of the CityRisk .proto, for the .NET client half to call. Same stub behaviour as
// the .NET tests' stub: ids "slow" wait, an empty payload is INVALID_ARGUMENT with problems, "known" exists,
// Subscribe streams five deliveries after the start cursor, or forever every 20 ms from cursor 1000.
// Usage: node grpc-server.mjs  -> prints "listening PORT" on 127.0.0.1; stops on stdin end or SIGTERM.
import { Exchange, ProblemsType, grpc } from "./grpc-common.mjs";

let cursor = 0;
const published = new Map();

const status = (code, details, metadata) => Object.assign(new Error(details), { code, details, metadata });

const server = new grpc.Server({ "grpc.max_receive_message_length": 64 * 1024 });
server.addService(Exchange.service, {
  publish(call, callback) {
    const envelope = call.request.envelope ?? {};
    if (envelope.id === "slow") {
      const timer = setTimeout(() => callback(null, { cursor: "0", duplicate: false }), 30000);
      call.on("cancelled", () => clearTimeout(timer));
      return;
    }
    if (!envelope.payload || envelope.payload.length === 0) {
      const metadata = new grpc.Metadata();
      const problems = ProblemsType.encode(ProblemsType.fromObject({ problems: [
        { severity: "PROBLEM_SEVERITY_ERROR", code: "DOC-EMPTY", path: "", message: "The document is empty." },
      ] })).finish();
      metadata.set("cityrisk-problems-bin", Buffer.from(problems));
      callback(status(grpc.status.INVALID_ARGUMENT, "The payload is invalid: 1 error.", metadata));
      return;
    }
    const key = `${envelope.sender}/${envelope.id}`;
    if (published.has(key)) {
      callback(null, { cursor: String(published.get(key)), duplicate: true });
      return;
    }
    published.set(key, ++cursor);
    callback(null, { cursor: String(cursor), duplicate: false });
  },
  publishBatch(call, callback) {
    callback(null, { results: call.request.envelopes.map(() => ({ published: { cursor: String(++cursor) } })) });
  },
  get(call, callback) {
    if (call.request.message?.id === "known") {
      callback(null, { cursor: "7", envelope: { id: "known", kind: "alert", sender: call.request.message.sender, payload: Buffer.from("{}") } });
    } else {
      callback(status(grpc.status.NOT_FOUND, "No such message."));
    }
  },
  query(call, callback) {
    const items = [];
    for (let i = 1; i <= call.request.pageSize; i++) items.push({ cursor: String(i), envelope: { id: `m${i}`, kind: "alert" } });
    callback(null, { items, nextPageToken: "" });
  },
  subscribe(call) {
    const start = Number(call.request.afterCursor ?? 0);
    let i = 0;
    // "count:N" streams N deliveries as fast as the stream takes them (the throughput benchmark).
    const count = (call.request.filter?.kinds ?? []).find((k) => k.startsWith("count:"));
    if (count) {
      const total = Number(count.slice(6));
      const pump = () => {
        while (i < total) {
          i++;
          if (!call.write({ cursor: String(i), envelope: { id: `d${i}`, kind: "alert" } })) {
            call.once("drain", pump);
            return;
          }
        }
        call.end();
      };
      pump();
      return;
    }
    if (start === 1000) {
      const timer = setInterval(() => call.write({ cursor: String(start + ++i), envelope: { id: `d${start + i}`, kind: "alert" } }), 20);
      call.on("cancelled", () => clearInterval(timer));
      return;
    }
    for (i = 1; i <= 5; i++) call.write({ cursor: String(start + i), envelope: { id: `d${start + i}`, kind: "alert" } });
    if (call.request.filter?.kinds?.includes("fall-behind")) {
      const metadata = new grpc.Metadata();
      metadata.set("cityrisk-resume-cursor", "5");
      call.emit("error", status(grpc.status.RESOURCE_EXHAUSTED, "The subscriber fell behind.", metadata));
      return;
    }
    call.end();
  },
});

server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) {
    console.error(error);
    process.exit(1);
  }
  console.log(`listening ${port}`);
});

const stop = () => server.tryShutdown(() => process.exit(0));
process.stdin.on("end", stop);
process.stdin.resume();
process.on("SIGTERM", stop);
