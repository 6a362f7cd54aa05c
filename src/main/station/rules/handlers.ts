import type { rulesMethods } from '../../../shared/api/rules';
import type { StationContext } from '../base/context';
import type { HandlersFor } from '../base/handlers';
import { localDateOf } from '../../../domain/time/local-time';
import { ruleInForce } from '../../../domain/vaccines/rules';
import { addRuleVersion, ruleVersions } from './rules';

/** The handlers of rules.* methods. */
export function rulesHandlers(ctx: StationContext): HandlersFor<typeof rulesMethods> {
  const db = ctx.db;
  const now = () => ctx.clock.now();
  return {
    'rules.list': () => {
      const today = localDateOf(now());
      const versions = ruleVersions(db);
      const inForce = new Set(versions.map((v) => ruleInForce(versions, v.productCode, today)?.id));
      return { today, versions: versions.map((v) => ({ ...v, inForce: inForce.has(v.id) })) };
    },
    // The version names the signed-in supervisor; only what the rule says comes from the arguments.
    'rules.addVersion': (a, call) => {
      const today = localDateOf(now());
      const added = addRuleVersion(db, a, call.staff?.displayName ?? 'station', now());
      return { ...added, inForce: added.validFrom === today };
    },
  };
}
