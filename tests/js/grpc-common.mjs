// Shared loading of the CityRisk wire contract for the grpc-js peers: only the .proto files, nothing of .NET.
import { fileURLToPath } from "node:url";
import path from "node:path";
import grpc from "@grpc/grpc-js";
import protoLoader from "@grpc/proto-loader";
import protobuf from "protobufjs";

const here = path.dirname(fileURLToPath(import.meta.url));
export const protoRoot = path.resolve(here, "..", "..", "protos");
const files = ["cityrisk/v1/exchange.proto", "grpc/health/v1/health.proto"];

const definition = protoLoader.loadSync(files, { includeDirs: [protoRoot], keepCase: false, longs: String, enums: String, defaults: true, oneofs: true });
export const loaded = grpc.loadPackageDefinition(definition);
export const Exchange = loaded.cityrisk.v1.Exchange;
export const Health = loaded.grpc.health.v1.Health;

const root = new protobuf.Root();
root.resolvePath = (_, target) => path.join(protoRoot, target);
root.loadSync(files);
export const ProblemsType = root.lookupType("cityrisk.v1.Problems");
export { grpc };
