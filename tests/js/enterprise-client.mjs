// A grpc-js insurer and regulator that load only the .proto and call the real CityRisk hub's enterprise RPCs: the
// insurer queries (with a total), gets a profile by its entity key and streams the export under its grant; the
// regulator reads the audit those reads left. Usage: node enterprise-client.mjs ARGS_JSON_FILE (address, insurerToken,
// regulatorToken, owner, creditCode, hiddenCode). Prints one JSON line per case; the .NET test judges them.
import { readFileSync } from "node:fs";
import { Exchange, grpc } from "./grpc-common.mjs";

const { address, insurerToken, regulatorToken, owner, creditCode, hiddenCode } = JSON.parse(readFileSync(process.argv[2], "utf8"));
const client = new Exchange(address, grpc.credentials.createInsecure());
const as = (token) => {
  const m = new grpc.Metadata();
  m.set("authorization", `Bearer ${token}`);
  return m;
};
const deadline = () => ({ deadline: new Date(Date.now() + 20000) });
const unary = (method, request, token) => new Promise((resolve) => client[method](request, as(token), deadline(), (error, response) => resolve({ error, response })));
const report = (name, fields) => console.log(JSON.stringify({ case: name, ...fields }));

const query = await unary("queryEnterprises", { industries: ["C26"], includeTotal: true, pageSize: 10 }, insurerToken);
report("query", {
  code: query.error?.code ?? 0,
  codes: (query.response?.items ?? []).map((i) => i.envelope.entity.id),
  total: query.response?.total ?? null,
  riskScore: query.response?.items?.[0]?.riskScore ?? null,
  grant: query.response?.items?.[0]?.grant?.id ?? null,
});

const got = await unary("get", { entity: { kind: "enterprise-profile", owner, id: creditCode } }, insurerToken);
report("get", { code: got.error?.code ?? 0, id: got.response?.envelope?.entity?.id ?? null });
const hidden = await unary("get", { entity: { kind: "enterprise-profile", owner, id: hiddenCode } }, insurerToken);
report("get-hidden", { code: hidden.error?.code ?? 0 });

const exported = await new Promise((resolve) => {
  const rows = [];
  const call = client.exportEnterprises({ industries: ["C26"] }, as(insurerToken), deadline());
  call.on("data", (page) => rows.push(...page.rows));
  call.on("end", () => resolve({ code: 0, rows: rows.length, first: rows[0] ? { creditCode: rows[0].creditCode, periodFrom: rows[0].periodFrom, riskScore: rows[0].riskScore ?? null } : null }));
  call.on("error", (error) => resolve({ code: error.code, details: error.details }));
});
report("export", exported);

const audit = await unary("queryEnterpriseAudit", { creditCode }, regulatorToken);
report("audit", { code: audit.error?.code ?? 0, via: (audit.response?.entries ?? []).map((e) => e.via) });
const insurerAudit = await unary("queryEnterpriseAudit", {}, insurerToken);
report("audit-by-insurer", { code: insurerAudit.error?.code ?? 0 });
client.close();
