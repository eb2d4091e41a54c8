// A grpc-js client that loads only the .proto and calls a CityRisk server (the .NET tests' stub):
// every RPC and each error path. Prints one JSON line per case; the .NET test judges them.
// Usage: node grpc-client.mjs HOST:PORT [CA_PEM_FILE]
import { readFileSync } from "node:fs";
import { Exchange, Health, ProblemsType, grpc } from "./grpc-common.mjs";

const [target, caFile] = process.argv.slice(2);
const credentials = caFile ? grpc.credentials.createSsl(readFileSync(caFile)) : grpc.credentials.createInsecure();
const client = new Exchange(target, credentials, { "grpc.max_receive_message_length": 64 * 1024 * 1024, "grpc.max_send_message_length": 64 * 1024 * 1024 });

const envelope = (id, payload = '{"kind":"alert"}') => ({ envelope: { id, sender: "foshan-em", kind: "alert", payload: Buffer.from(payload) } });
const deadline = (ms) => ({ deadline: new Date(Date.now() + ms) });

function unary(method, request, options = deadline(20000), metadata = new grpc.Metadata()) {
  return new Promise((resolve) => {
    client[method](request, metadata, options, (error, response) => resolve({ error, response }));
  });
}

function report(name, { error, response }, extra = {}) {
  const line = { case: name, code: error ? error.code : 0, details: error ? error.details : "", ...extra };
  if (response) line.response = response;
  console.log(JSON.stringify(line));
}

function stream(request, { cancelAfter, options = deadline(20000) } = {}) {
  return new Promise((resolve) => {
    const cursors = [];
    const call = client.subscribe(request, options);
    call.on("data", (delivery) => {
      cursors.push(Number(delivery.cursor));
      if (cancelAfter && cursors.length === cancelAfter) call.cancel();
    });
    call.on("error", (error) => resolve({ cursors, code: error.code, details: error.details, trailers: error.metadata ? error.metadata.getMap() : {} }));
    call.on("end", () => resolve({ cursors, code: 0, details: "" }));
  });
}

report("publish", await unary("publish", envelope("js-1")));
report("publish-duplicate", await unary("publish", envelope("js-1")));

const invalid = await unary("publish", envelope("js-2", ""));
const problemsBin = invalid.error?.metadata?.get("cityrisk-problems-bin")[0];
const problems = problemsBin ? ProblemsType.toObject(ProblemsType.decode(problemsBin), { enums: String }).problems : [];
report("publish-invalid", invalid, { problems: problems.map((p) => ({ code: p.code, path: p.path, message: p.message, severity: p.severity })) });

report("publish-unauthenticated", await unary("publish", envelope("js-3"), deadline(20000), (() => { const m = new grpc.Metadata(); m.set("authorization", "Bearer wrong"); return m; })()));
report("publish-deadline", await unary("publish", envelope("slow"), deadline(300)));
report("publish-oversize", await unary("publish", envelope("js-big", "x".repeat(70 * 1024))));
report("publish-batch", await unary("publishBatch", { envelopes: [envelope("js-b1").envelope, envelope("js-b2", "").envelope] }));
report("get-found", await unary("get", { message: { sender: "foshan-em", id: "known" } }));
report("get-missing", await unary("get", { message: { sender: "foshan-em", id: "nope" } }));
report("query", await unary("query", { pageSize: 3 }));
report("handler-failure", await unary("publish", envelope("boom")));

const unknown = await new Promise((resolve) => {
  client.makeUnaryRequest("/cityrisk.v1.Exchange/Frobnicate", (x) => x, (x) => x, Buffer.alloc(0), new grpc.Metadata(), deadline(20000), (error, response) => resolve({ error, response }));
});
report("unknown-method", unknown);

const subscribed = await stream({ afterCursor: 10 });
console.log(JSON.stringify({ case: "subscribe", ...subscribed }));
const behind = await stream({ filter: { kinds: ["fall-behind"] } });
console.log(JSON.stringify({ case: "subscribe-fell-behind", cursors: behind.cursors, code: behind.code, resume: behind.trailers["cityrisk-resume-cursor"] ?? null }));
const cancelled = await stream({ afterCursor: 1000 }, { cancelAfter: 3 });
console.log(JSON.stringify({ case: "subscribe-cancelled", cursors: cancelled.cursors, code: cancelled.code }));
const timedOut = await stream({ afterCursor: 1000 }, { options: deadline(300) });
console.log(JSON.stringify({ case: "subscribe-deadline", code: timedOut.code, some: timedOut.cursors.length > 0 }));
report("after-all", await unary("query", { pageSize: 1 }));

const health = new Health(target, credentials);
const check = (service) => new Promise((resolve) => health.check({ service }, deadline(20000), (error, response) => resolve({ error, response })));
report("health-server", await check(""));
report("health-exchange", await check("cityrisk.v1.Exchange"));
report("health-unknown", await check("nope.v1.Nope"));
health.close();

client.close();
