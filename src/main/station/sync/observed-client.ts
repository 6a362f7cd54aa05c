import type { Resource } from 'fhir/r4';
import type { FederalClient, SearchParams } from '../../adapters/federal/client';
import { toFederalError } from '../../adapters/federal/errors';

/**
 * The federal client with every request's outcome reported, so the circuit breaker judges the
 * backend by its requests (a batch is several): answered (a refusal is an answer too) or failed
 * (network, timeout, 5xx, unreadable, or credentials/URL refused, which the worker treats as the
 * backend being unusable).
 */
export function observedClient(client: FederalClient, record: (answered: boolean) => void): FederalClient {
  const watch = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      const result = await run();
      record(true);
      return result;
    } catch (error) {
      const e = toFederalError(error, 'request');
      record(!(e.transient || e.kind === 'auth' || e.kind === 'config'));
      throw error;
    }
  };
  return {
    baseUrl: client.baseUrl,
    ping: () => watch(() => client.ping()),
    transaction: (bundle) => watch(() => client.transaction(bundle)),
    search: <T extends Resource = Resource>(resourceType: string, params: SearchParams, maxResults?: number) =>
      watch(() => client.search<T>(resourceType, params, maxResults)),
    count: (resourceType, params) => watch(() => client.count(resourceType, params)),
    close: () => client.close(),
  };
}
