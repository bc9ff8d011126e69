import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { validateXML } from 'xmllint-wasm';

/** The official IATI 2.03 schemas, kept in the repository beside this file (override with IATI_XSD_DIR). */
const XSD_DIR = process.env.IATI_XSD_DIR ?? resolve(__dirname, 'iati-2.03');

/** Validates an activity file against iati-activities-schema.xsd; returns the error messages. */
export async function validateIatiActivities(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const [schema, common, xmlXsd] = await Promise.all(
    ['iati-activities-schema.xsd', 'iati-common.xsd', 'xml.xsd'].map((name) =>
      readFile(join(XSD_DIR, name), 'utf8'),
    ),
  );
  const result = await validateXML({
    xml: [{ fileName: 'iati-activities.xml', contents: xml }],
    schema: [{ fileName: 'iati-activities-schema.xsd', contents: schema }],
    preload: [
      { fileName: 'iati-common.xsd', contents: common },
      { fileName: 'xml.xsd', contents: xmlXsd },
    ],
    maxMemoryPages: 4096,
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}
