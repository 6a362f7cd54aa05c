import type { screeningMethods } from '../../../shared/api/screening';
import { DoseDeskError } from '../../../shared/errors';
import type { StationContext } from '../base/context';
import type { CallInfo, HandlersFor } from '../base/handlers';
import { checkedSsin } from '../identity/citizens';
import { addQuestion, changeQuestion, listQuestions, questionsForPerson, recordScreening, retire, type ScreeningDeps, type Vaccinator } from './screenings';

/** Who edited a question, as the record keeps it. */
const editor = (call: CallInfo): string => call.staff?.displayName ?? 'station';

/** The screening is recorded in the name of the signed-in vaccinator, who needs a NIHDI number (the "not vaccinated" record names it). */
function vaccinatorOf(call: CallInfo): Vaccinator {
  const staff = call.staff;
  if (!staff?.nihdi) throw new DoseDeskError('screening.no_nihdi');
  return { nihdi: staff.nihdi, name: staff.displayName };
}

/** The handlers of screening.* methods; `deps` connects the person's products and the "not vaccinated" record (booking). */
export function screeningHandlers(ctx: StationContext, deps: ScreeningDeps): HandlersFor<typeof screeningMethods> {
  const db = ctx.db;
  const now = () => ctx.clock.now();
  return {
    'screening.list': (a) => listQuestions(db, a.includeRetired ?? false),
    'screening.questionsFor': (a) => questionsForPerson(db, deps, checkedSsin(a.ssin, now(), 'document'), a.productCode ?? null, now()),
    'screening.add': (a, call) => addQuestion(db, a, editor(call), now()),
    'screening.change': (a, call) => {
      const { id, ...input } = a;
      return changeQuestion(db, id, input, editor(call), now());
    },
    'screening.retire': (a, call) => retire(db, a.id, editor(call), now()),
    'screening.record': (a, call) => {
      const vaccinator = vaccinatorOf(call);
      const ssin = checkedSsin(a.ssin, now(), a.person ? 'document' : 'typed');
      return recordScreening(db, deps, { ...a, ssin }, { vaccinator, stationId: ctx.settings.get().stationId, language: call.language }, now());
    },
  };
}
