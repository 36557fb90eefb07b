import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  MEDIA_PACK_ID,
  VIDEO_SECONDS,
  VIDEO_STEP_ID,
  writeMediaPack,
} from '../../test/support/media-pack';
import { runExport } from './run-export';
import {
  CLINIC,
  CHECK_IN_PACK,
  completedPayload,
  openExportVault,
  PACK,
  saveSnapshot,
  storedRowOf,
  storePayload,
} from './export-test-fixtures';
import {
  DEFAULT_PACK_ID,
  defaultResourcesDir,
  loadPack,
  packSnapshot,
  type Pack,
} from '../content';
import type {
  Bundle,
  BundleEntry,
  Consent,
  DocumentReference,
  Observation,
  QuestionnaireResponse,
} from './fhir-types';
import { nameUuid, transactionBundle } from './fhir-writer';
import { BulkDataWriter } from './fhir-bulk';
import type { ExportTarget } from './export-folder';
import { buildRecordDocument } from './record-document';
import { expectValid, fhirValidator, readBulkExport } from './fhir-test-fixtures';
import { useTempRoot } from '../vault/vault-test-fixtures';
import { localDay } from '../../src-shared/clinic-time';

function references(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    value.forEach((item) => references(item, found));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, member] of Object.entries(value)) {
      if (key === 'reference' && typeof member === 'string') {
        found.push(member);
      } else {
        references(member, found);
      }
    }
  }
  return found;
}

/** The default pack with its acknowledgements step marked as consent to `treatment`, loaded from a copy in `root`. */
function markedPack(root: string, treatment: string): Pack {
  const dir = path.join(root, 'content', DEFAULT_PACK_ID);
  fs.cpSync(path.join(defaultResourcesDir(), 'content', DEFAULT_PACK_ID), dir, { recursive: true });
  const file = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    locales: string[];
    steps: { kind: string; consentTo?: Record<string, string> }[];
  };
  for (const step of manifest.steps) {
    if (step.kind === 'acknowledge') {
      step.consentTo = Object.fromEntries(manifest.locales.map((locale) => [locale, treatment]));
    }
  }
  fs.writeFileSync(file, JSON.stringify(manifest));
  return loadPack(dir);
}

/**
 * Exports `payloads` (of `pack`) as FHIR Bulk Data, every NDJSON line validated on its own, and
 * reads the resources back as one collection (fullUrl `<Type>/<id>`, as references name them).
 */
async function exportBundle(
  root: string,
  dataDir: string,
  payloadsOf: (kioskId: string) => ReturnType<typeof completedPayload>[],
  pack?: Pack,
): Promise<Bundle> {
  const { vault, unlock } = openExportVault(dataDir);
  try {
    if (pack) {
      saveSnapshot(vault, pack);
    }
    payloadsOf(vault.kioskId).forEach((payload) => {
      storePayload(vault, payload);
    });
    const out = path.join(root, 'out');
    fs.mkdirSync(out);
    const now = new Date('2025-03-06T12:00:00.000Z');
    const options = { vault, unlock, clinic: CLINIC, folder: out, actor: 'staff:test', now };
    const fhir = await runExport({ ...options, request: { format: 'fhir' } });
    return readBulkExport(path.join(out, fhir.folderName), fhirValidator()).bundle;
  } finally {
    unlock.wipe();
    vault.close();
  }
}

function resourcesOf<T extends BundleEntry['resource']['resourceType']>(
  bundle: Bundle,
  type: T,
): Extract<BundleEntry['resource'], { resourceType: T }>[] {
  return bundle.entry.flatMap((entry) =>
    entry.resource.resourceType === type
      ? [entry.resource as Extract<BundleEntry['resource'], { resourceType: T }>]
      : [],
  );
}

describe('FHIR export', () => {
  const temp = useTempRoot();
  let schema: (definition: string) => ValidateFunction;
  beforeAll(() => {
    schema = fhirValidator();
  });

  it('the validator catches a broken resource (so a pass below means something)', () => {
    const consent = schema('Consent');
    expect(consent({ resourceType: 'Consent', scope: {}, category: [], status: 'nonsense' })).toBe(
      false,
    );
    expect(
      schema('')({
        resourceType: 'Bundle',
        type: 'collection',
        entry: [{ resource: { resourceType: 'Patient', birthDate: '1985-13-45' } }],
      }),
    ).toBe(false);
  });

  it('writes the Bulk Data layout: NDJSON per type, every line valid R4, each PDF a file its DocumentReference names', async () => {
    const { vault, unlock } = openExportVault(temp.dataDir);
    try {
      const payloads = [
        completedPayload({ kioskId: vault.kioskId, wrongFirst: true }),
        completedPayload({ kioskId: vault.kioskId, fullName: 'Prince' }),
        completedPayload({
          kioskId: vault.kioskId,
          fullName: 'José María de la Cruz "Pepe" <b>',
          startedAt: '2025-03-05T08:00:00.000Z',
        }),
      ];
      payloads.forEach((payload) => {
        storePayload(vault, payload);
      });
      const out = path.join(temp.root, 'out');
      fs.mkdirSync(out);
      const now = new Date('2025-03-06T12:00:00.000Z');
      const options = { vault, unlock, clinic: CLINIC, folder: out, actor: 'staff:test', now };
      const fhir = await runExport({ ...options, request: { format: 'fhir' } });
      const folder = path.join(out, fhir.folderName);
      const pdfNames = payloads.map(
        (payload) =>
          `${localDay(payload.submittedAt, CLINIC.timeZone)}-${payload.submissionId}.pdf`,
      );
      expect([...fhir.files].sort()).toEqual(
        [
          'DocumentReference.ndjson',
          'Observation.ndjson',
          'Organization.ndjson',
          'Patient.ndjson',
          'Provenance.ndjson',
          'QuestionnaireResponse.ndjson',
          'manifest.json',
          ...pdfNames,
        ].sort(),
      );
      // Every line validated against the R4 schema of its type, one line at a time.
      const { bundle } = readBulkExport(folder, schema);

      // Every id is a distinct name-based UUID, and every reference resolves to a resource.
      const fullUrls = bundle.entry.map((entry) => entry.fullUrl);
      expect(new Set(fullUrls).size).toBe(fullUrls.length);
      for (const url of fullUrls) {
        expect(url).toMatch(
          /^[A-Za-z]+\/[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        );
      }
      const refs = references(bundle.entry.map((entry) => entry.resource));
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) {
        expect(fullUrls, ref).toContain(ref);
      }

      const types = bundle.entry.map((entry) => entry.resource.resourceType);
      expect(types.filter((type) => type === 'Organization')).toHaveLength(1);
      expect(types.filter((type) => type === 'Patient')).toHaveLength(3);
      expect(types.filter((type) => type === 'DocumentReference')).toHaveLength(3);
      // The default pack's statements are understanding, not consent to a treatment.
      expect(types.filter((type) => type === 'Consent')).toHaveLength(0);
      // Per submission: acknowledgements, comprehension, PHQ-9 and GAD-7.
      expect(types.filter((type) => type === 'QuestionnaireResponse')).toHaveLength(12);
      expect(types.filter((type) => type === 'Observation')).toHaveLength(6);
      // The signature, one per signed record, on the Patient's behalf over the signed document.
      expect(types.filter((type) => type === 'Provenance')).toHaveLength(3);
      // Every resource but the clinic's carries a business identifier made from the submission
      // id alone (no client data), never equal to a resource id (a server replaces those).
      for (const entry of bundle.entry) {
        const { resource } = entry;
        if (resource.resourceType === 'Organization' || resource.resourceType === 'Provenance') {
          continue;
        }
        const identifiers = Array.isArray(resource.identifier)
          ? resource.identifier
          : [resource.identifier];
        expect(identifiers.length, entry.fullUrl).toBeGreaterThan(0);
        for (const identifier of identifiers) {
          expect(identifier.value).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
          expect(entry.fullUrl).not.toContain(identifier.value.slice('urn:uuid:'.length));
        }
      }

      // The same PDF the PDF export writes is the signed record's document.
      const pdfExport = await runExport({
        ...options,
        now: new Date('2025-03-06T12:00:01.000Z'),
        request: { format: 'pdf' },
      });
      for (const payload of payloads) {
        const document = bundle.entry.find(
          (entry) =>
            entry.resource.resourceType === 'DocumentReference' &&
            entry.resource.identifier[0]?.value === `urn:uuid:${payload.submissionId}`,
        )?.resource as DocumentReference;
        const patientUrl = `Patient/${nameUuid(`submission:${payload.submissionId}:patient`)}`;
        expect(document.status).toBe('current');
        expect(document.subject.reference).toBe(patientUrl);
        expect(document.date).toBe(payload.submittedAt);
        expect(document.content).toHaveLength(1);
        const attachment = document.content[0]?.attachment as
          | (Partial<DocumentReference['content'][number]['attachment']> & { url?: string })
          | undefined;
        // The PDF is a file of the export, named by the attachment, not carried in it.
        expect(attachment?.data).toBeUndefined();
        const pdf = fs.readFileSync(path.join(folder, attachment?.url ?? ''));
        expect(attachment?.contentType).toBe('application/pdf');
        expect(attachment?.size).toBe(pdf.length);
        expect(attachment?.hash).toBe(createHash('sha1').update(pdf).digest('base64'));
        const exported = fs.readFileSync(
          path.join(
            out,
            pdfExport.folderName,
            `${localDay(payload.submittedAt, CLINIC.timeZone)}-${payload.submissionId}.pdf`,
          ),
        );
        expect(pdf.equals(exported)).toBe(true);

        const responses = bundle.entry.flatMap((entry) =>
          entry.resource.resourceType === 'QuestionnaireResponse' &&
          entry.resource.subject.reference === patientUrl
            ? [entry.resource]
            : [],
        );
        const acknowledgements = responses[0];
        expect(acknowledgements?.item).toEqual(
          payload.acknowledgements.map((statement) => ({
            linkId: `${statement.stepId}.${statement.statementId}`,
            text: statement.text,
            answer: [{ valueBoolean: true }],
          })),
        );

        const patient = bundle.entry.find((entry) => entry.fullUrl === patientUrl)?.resource;
        expect(patient).toMatchObject({
          resourceType: 'Patient',
          name: [{ text: payload.identity.fullName }],
          birthDate: payload.identity.dateOfBirth,
        });

        const response = responses[1] as QuestionnaireResponse;
        expect(response.status).toBe('completed');
        expect(response.authored).toBe(payload.submittedAt);
        expect(response.item.map((item) => item.text)).toEqual(
          payload.checks.map((check) => check.question),
        );
        expect(response.item.map((item) => item.item?.length)).toEqual(
          payload.checks.map((check) => check.attempts.length),
        );
        const firstAttempt = response.item[0]?.item?.[0]?.answer?.[0];
        expect(firstAttempt?.valueString).toBe(payload.checks[0]?.attempts[0]?.optionLabel);
        expect(firstAttempt?.item?.map((item) => item.answer?.[0])).toEqual([
          { valueBoolean: payload.checks[0]?.attempts[0]?.correct },
          { valueDateTime: payload.checks[0]?.attempts[0]?.at },
        ]);
      }
      const names = bundle.entry.flatMap((entry) =>
        entry.resource.resourceType === 'Patient' ? entry.resource.name : [],
      );
      // Oldest first: the wrong first answers made Ada's session the longer one.
      expect(names).toEqual([
        { text: 'Prince' },
        { text: 'Ada Lovelace', family: 'Lovelace', given: ['Ada'] },
        {
          text: 'José María de la Cruz "Pepe" <b>',
          family: '<b>',
          given: ['José', 'María', 'de', 'la', 'Cruz', '"Pepe"'],
        },
      ]);
    } finally {
      unlock.wipe();
      vault.close();
    }
  });

  it('writes each questionnaire as a QuestionnaireResponse of LOINC codes, and each total as an Observation derived from it', async () => {
    let payload: ReturnType<typeof completedPayload> | undefined;
    const bundle = await exportBundle(temp.root, temp.dataDir, (kioskId) => {
      payload = completedPayload({ kioskId });
      return [payload];
    });
    for (const entry of bundle.entry) {
      expectValid(schema(entry.resource.resourceType), entry.resource, entry.fullUrl);
    }
    const sealed = payload?.questionnaires ?? [];
    const responses = resourcesOf(bundle, 'QuestionnaireResponse').filter(
      (response) => response.questionnaire !== undefined,
    );
    expect(responses.map((response) => response.questionnaire)).toEqual([
      'http://loinc.org/q/44249-1',
      'http://loinc.org/q/69737-5',
    ]);
    const [phq9, gad7] = responses;
    expect(phq9?.authored).toBe(sealed[0]?.answeredAt);
    expect(phq9?.status).toBe('completed');
    expect(phq9?.subject.reference).toBe(
      `Patient/${nameUuid(`submission:${payload?.submissionId ?? ''}:patient`)}`,
    );
    expect(phq9?.item.map((item) => item.linkId).slice(0, 2)).toEqual(['44250-9', '44255-8']);
    const firstSealed = sealed[0]?.items[0];
    expect(phq9?.item[0]?.answer).toEqual([
      {
        valueCoding: {
          system: 'http://loinc.org',
          code: firstSealed?.answer?.code,
          display: firstSealed?.answer?.label,
        },
      },
    ]);
    expect(firstSealed?.answer?.code).toMatch(/^LA\d+-\d$/);
    expect(gad7?.item).toHaveLength(sealed[1]?.items.filter((item) => item.answer).length ?? -1);

    const observations = resourcesOf(bundle, 'Observation');
    expect(observations.map((observation) => observation.code.coding?.[0])).toEqual([
      { system: 'http://loinc.org', code: '44261-6', display: sealed[0]?.totals[0]?.label },
      { system: 'http://loinc.org', code: '70274-6', display: sealed[1]?.totals[0]?.label },
    ]);
    const urlOf = (response: QuestionnaireResponse | undefined): string | undefined =>
      bundle.entry.find((entry) => entry.resource === response)?.fullUrl;
    observations.forEach((observation: Observation, index) => {
      const total = sealed[index]?.totals[0];
      expect(observation.status).toBe('final');
      expect(observation.category[0]?.coding?.[0]?.code).toBe('survey');
      expect(observation.valueInteger).toBe(total?.score);
      expect(Number.isInteger(observation.valueInteger)).toBe(true);
      expect(observation.interpretation).toEqual([{ text: total?.band }]);
      expect(observation.effectiveDateTime).toBe(sealed[index]?.answeredAt);
      expect(observation.subject.reference).toBe(phq9?.subject.reference);
      expect(observation.derivedFrom).toEqual([{ reference: urlOf(responses[index]) }]);
    });
  });

  it('makes a Consent to the named treatment, its source the signed record, only for a step the pack marks', async () => {
    const pack = markedPack(temp.root, 'ketamine treatment');
    let payload: ReturnType<typeof completedPayload> | undefined;
    const bundle = await exportBundle(
      temp.root,
      temp.dataDir,
      (kioskId) => {
        payload = completedPayload({ kioskId, pack });
        return [payload];
      },
      pack,
    );
    for (const entry of bundle.entry) {
      expectValid(schema(entry.resource.resourceType), entry.resource, entry.fullUrl);
    }
    const consents: Consent[] = resourcesOf(bundle, 'Consent');
    expect(consents).toHaveLength(1);
    const [consent] = consents;
    const submissionId = payload?.submissionId ?? '';
    expect(consent?.status).toBe('active');
    expect(consent?.scope.coding?.[0]).toMatchObject({
      system: 'http://terminology.hl7.org/CodeSystem/consentscope',
      code: 'treatment',
    });
    expect(consent?.category[0]?.coding?.[0]).toMatchObject({
      system: 'http://loinc.org',
      code: '59284-0',
    });
    // ppc-1: a policy or a policyRule; ppc-5: a treatment consent names its patient.
    expect(consent?.policyRule.coding?.[0]?.code).toBe('OPTIN');
    expect(consent?.patient.reference).toBe(
      `Patient/${nameUuid(`submission:${submissionId}:patient`)}`,
    );
    expect(consent?.dateTime).toBe(payload?.submittedAt);
    expect(consent?.provision.type).toBe('permit');
    expect(consent?.provision.code).toEqual([{ text: 'ketamine treatment' }]);
    expect(consent?.provision.provision?.map((p) => p.code?.[0]?.text)).toEqual(
      payload?.acknowledgements.map((a) => a.text),
    );
    const document = bundle.entry.find(
      (entry) => entry.resource.resourceType === 'DocumentReference',
    );
    expect(consent?.sourceReference).toEqual({ reference: document?.fullUrl });
  });

  it('exports a check-in without a signature as valid R4: its answers and PDF, no acknowledgements, no Consent', async () => {
    const bundle = await exportBundle(
      temp.root,
      temp.dataDir,
      (kioskId) => [completedPayload({ kioskId, pack: CHECK_IN_PACK })],
      CHECK_IN_PACK,
    );
    for (const entry of bundle.entry) {
      expectValid(schema(entry.resource.resourceType), entry.resource, entry.fullUrl);
    }
    expect(resourcesOf(bundle, 'Consent')).toHaveLength(0);
    const responses = resourcesOf(bundle, 'QuestionnaireResponse');
    expect(
      responses.some((response) => response.identifier.value.includes('acknowledgements')),
    ).toBe(false);
    expect(responses.map((response) => response.questionnaire)).toEqual(
      expect.arrayContaining(['http://loinc.org/q/44249-1', 'http://loinc.org/q/69737-5']),
    );
    const [document] = resourcesOf(bundle, 'DocumentReference');
    expect(document?.type.text).toBe('Kiosk record: answers, without a signature');
    expect(document?.description).toMatch(/^Check-in record /);
  });

  it('exports the videos watched as a valid R4 QuestionnaireResponse of seconds and completion', async () => {
    const dir = path.join(temp.root, MEDIA_PACK_ID);
    writeMediaPack(dir, inject('mediaCacheDir'));
    const pack = loadPack(dir);
    const bundle = await exportBundle(
      temp.root,
      temp.dataDir,
      (kioskId) => [completedPayload({ kioskId, pack })],
      pack,
    );
    for (const entry of bundle.entry) {
      expectValid(schema(entry.resource.resourceType), entry.resource, entry.fullUrl);
    }
    const videos = resourcesOf(bundle, 'QuestionnaireResponse').find((response) =>
      response.item.some((item) => item.linkId === VIDEO_STEP_ID),
    );
    expect(videos?.item).toEqual([
      {
        linkId: VIDEO_STEP_ID,
        text: 'A short video',
        item: [
          {
            linkId: `${VIDEO_STEP_ID}.seconds-watched`,
            text: 'Seconds of the video watched',
            answer: [{ valueDecimal: VIDEO_SECONDS }],
          },
          {
            linkId: `${VIDEO_STEP_ID}.watched-to-end`,
            text: 'Watched to the end',
            answer: [{ valueBoolean: true }],
          },
        ],
      },
    ]);
    const patient = bundle.entry.find((entry) => entry.resource.resourceType === 'Patient');
    expect(videos?.subject).toEqual({ reference: patient?.fullUrl });
  });

  it('keeps a per-submission transaction Bundle, valid R4, for a FHIR server to take in one go', () => {
    const payload = completedPayload();
    const record = buildRecordDocument({
      row: storedRowOf(payload),
      payload,
      snapshot: { content: packSnapshot(PACK), hash: PACK.hash },
      clinic: CLINIC,
    });
    const pdf = Buffer.from('%PDF-1.7 stand-in');
    const header = {
      bundleId: nameUuid('push:test'),
      timestamp: payload.submittedAt,
      clinic: CLINIC,
    };
    const bundle = transactionBundle(header, record, pdf);
    expectValid(schema('Bundle'), bundle, 'transaction Bundle');
    expect(bundle.type).toBe('transaction');
    for (const entry of bundle.entry) {
      expectValid(schema(entry.resource.resourceType), entry.resource, entry.fullUrl);
      expect(entry.request).toMatchObject({ method: 'POST', url: entry.resource.resourceType });
      // A conditional create: a second push of the same record creates nothing.
      expect(entry.request?.ifNoneExist, entry.fullUrl).toMatch(/^(identifier|_tag|name)=/);
    }
    const refs = references(bundle.entry.map((entry) => entry.resource));
    const fullUrls = bundle.entry.map((entry) => entry.fullUrl);
    for (const ref of refs) {
      expect(fullUrls, ref).toContain(ref);
    }
  });

  it('continues a resource type in a second NDJSON file rather than let one grow past its limit', async () => {
    const files = new Map<string, string>();
    const target: ExportTarget = {
      files: [],
      openFile: (name) => {
        files.set(name, '');
        return Promise.resolve({
          name,
          write: (chunk) => {
            files.set(name, (files.get(name) ?? '') + Buffer.from(chunk).toString('utf8'));
            return Promise.resolve();
          },
          commit: () => Promise.resolve({ name, bytes: 0, sha256: '' }),
        });
      },
      writeFile: (name) => {
        files.set(name, '(pdf)');
        return Promise.resolve({ name, bytes: 0, sha256: '' });
      },
    };
    const header = {
      bundleId: nameUuid('export:test'),
      timestamp: '2025-03-06T12:00:00.000Z',
      clinic: CLINIC,
    };
    const bulk = await BulkDataWriter.start(target, header, 20_000);
    for (const payload of [completedPayload(), completedPayload(), completedPayload()]) {
      const record = buildRecordDocument({
        row: storedRowOf(payload),
        payload,
        snapshot: { content: packSnapshot(PACK), hash: PACK.hash },
        clinic: CLINIC,
      });
      await bulk.add(record, Buffer.from('%PDF'), `${payload.submissionId}.pdf`);
    }
    await bulk.finish();
    const responses = [...files.keys()].filter((name) => name.startsWith('QuestionnaireResponse'));
    expect(responses.length).toBeGreaterThan(1);
    expect(responses).toContain('QuestionnaireResponse.2.ndjson');
    for (const name of responses) {
      const text = files.get(name) ?? '';
      // Over the limit only when one line alone is longer than it.
      const longest = Math.max(...text.split('\n').map((line) => Buffer.byteLength(line) + 1));
      expect(Buffer.byteLength(text), name).toBeLessThanOrEqual(Math.max(20_000, longest));
      for (const line of text.trimEnd().split('\n')) {
        expectValid(schema('QuestionnaireResponse'), JSON.parse(line), name);
      }
    }
  });
});
