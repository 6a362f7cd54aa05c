import type { CapabilityStatement } from 'fhir/r4';
import { SEARCH_PARAMS } from './search';

/** What the stand-in says it can do, in the shape clients (and fhir-kit's CapabilityTool) read. */
export function capabilityStatement(baseUrl: string, now: Date): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: now.toISOString(),
    kind: 'instance',
    software: { name: 'DoseDesk federal stand-in' },
    implementation: { description: 'Stand-in of the federal vaccination backend, for tests and demos', url: baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json'],
    rest: [
      {
        mode: 'server',
        interaction: [{ code: 'transaction' }, { code: 'batch' }],
        resource: Object.entries(SEARCH_PARAMS).map(([type, params]) => ({
          type,
          interaction: [{ code: 'read' }, { code: 'vread' }, { code: 'create' }, { code: 'update' }, { code: 'search-type' }],
          versioning: 'versioned',
          conditionalCreate: true,
          conditionalUpdate: true,
          searchParam: [
            { name: 'identifier', type: 'token' },
            { name: '_id', type: 'token' },
            ...Object.entries(params).map(([name, kind]) => ({ name, type: kind as 'token' | 'reference' | 'date' })),
          ],
        })),
      },
    ],
  };
}
