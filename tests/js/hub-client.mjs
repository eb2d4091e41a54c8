// A grpc-js client that loads only the .proto and calls the real CityRisk hub (not a stub): it publishes the
// envelope it is given, reads it back with Get, receives it on a Subscribe stream (the hub writes deliveries
// serialized once for all subscribers), and sends an invalid one to read the problems trailer.
// Usage: node hub-client.mjs ARGS_JSON_FILE  (address, token, envelope in protobuf JSON form)
// Prints one JSON line per case; the .NET test judges them.
import { readFileSync } from "node:fs";
import { Exchange, ProblemsType, grpc } from "./grpc-common.mjs";

const { address, token, envelope } = JSON.parse(readFileSync(process.argv[2], "utf8"));
const client = new Exchange(address, grpc.credentials.createInsecure());
const metadata = () => {
  const m = new grpc.Metadata();
  m.set("authorization", `Bearer ${token}`);
  return m;
};
const deadline = () => ({ deadline: new Date(Date.now() + 20000) });
const unary = (method, request) => new Promise((resolve) => client[method](request, metadata(), deadline(), (error, response) => resolve({ error, response })));
const report = (name, fields) => console.log(JSON.stringify({ case: name, ...fields }));

const published = await unary("publish", { envelope });
report("publish", { code: published.error?.code ?? 0, details: published.error?.details ?? "", cursor: published.response?.cursor });

const got = await unary("get", { message: { sender: envelope.sender, id: envelope.id } });
report("get", { code: got.error?.code ?? 0, id: got.response?.envelope?.id, payload: got.response?.envelope?.payload?.toString("base64") });

const delivered = await new Promise((resolve) => {
  const call = client.subscribe({ fromBeginning: true }, metadata(), deadline());
  let headers = {};
  call.on("metadata", (m) => { headers = m.getMap(); });
  call.on("data", (delivery) => {
    if (delivery.envelope?.id === envelope.id) {
      resolve({ code: 0, cursor: delivery.cursor, payload: delivery.envelope.payload.toString("base64"), level: delivery.envelope.level, startCursor: headers["cityrisk-start-cursor"] });
      call.cancel();
    }
  });
  call.on("error", (error) => resolve({ code: error.code, details: error.details }));
});
report("subscribe", delivered);

const invalid = await unary("publish", { envelope: { ...envelope, id: `${envelope.id}-invalid`, payload: Buffer.from("{}") } });
const trailer = invalid.error?.metadata?.get("cityrisk-problems-bin")?.[0];
const problems = trailer ? ProblemsType.decode(trailer).problems.map((p) => p.code) : [];
report("publish-invalid", { code: invalid.error?.code ?? 0, problems });

const anonymous = await new Promise((resolve) => client.get({ message: { sender: envelope.sender, id: envelope.id } }, new grpc.Metadata(), deadline(), (error) => resolve(error)));
report("unauthenticated", { code: anonymous?.code ?? 0 });
client.close();
