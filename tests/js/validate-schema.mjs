// Validates JSON documents against a CityRisk JSON Schema with ajv, an implementation independent of .NET.
// Usage: node validate-schema.mjs SCHEMA FILE... ; exit 0 when every file is valid.
import { readFileSync } from "node:fs";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";

const [schemaPath, ...files] = process.argv.slice(2);
if (!schemaPath || files.length === 0) {
  console.error("usage: node validate-schema.mjs SCHEMA FILE...");
  process.exit(2);
}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
// NJsonSchema writes .NET number formats; they carry no constraint for a validator.
for (const format of ["int32", "int64", "double", "decimal"]) {
  ajv.addFormat(format, { type: "number", validate: () => true });
}
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));

let invalid = 0;
for (const file of files) {
  if (!validate(JSON.parse(readFileSync(file, "utf8")))) {
    invalid++;
    console.log(`${file}: invalid`);
    for (const error of validate.errors) {
      console.log(`  ${error.instancePath || "/"} ${error.message}`);
    }
  }
}
console.log(`${files.length - invalid} valid, ${invalid} invalid`);
process.exit(invalid === 0 ? 0 : 1);
