import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationStatus } from '../../shared/api/station';
import { brusselsDay } from '../i18n/format';
import { DayPlanPanel } from './supervisor/DayPlanPanel';
import { CapacityPanel } from './supervisor/CapacityPanel';
import { CalendarPanel } from './supervisor/CalendarPanel';
import { ImportPanel } from './supervisor/ImportPanel';
import { CentreFilePanel } from './supervisor/CentreFilePanel';
import { VialsStandbyPanel } from './supervisor/VialsStandbyPanel';
import { SyncPanel } from './supervisor/SyncPanel';
import { PrintersPanel } from './supervisor/PrintersPanel';
import { ReportPanel } from './supervisor/ReportPanel';
import { StaffPanel } from './supervisor/StaffPanel';
import { VaccinesPanel } from './supervisor/VaccinesPanel';
import { RulesPanel } from './supervisor/RulesPanel';
import { MessagesPanel } from './supervisor/MessagesPanel';
import { UnderObservationPanel } from './supervisor/UnderObservationPanel';
import { ScreeningPanel } from './supervisor/ScreeningPanel';
import { SettingsScreen } from './SettingsScreen';
import { StationOverview } from './StationOverview';

const SECTIONS = ['day', 'observation', 'calendar', 'capacity', 'imports', 'vials', 'sync', 'printers', 'messages', 'report', 'staff', 'vaccines', 'rules', 'screening', 'settings'] as const;
type Section = (typeof SECTIONS)[number];

/** Supervisor: the day (plan, vials, standby), the calendar, capacity per station, the centre's spreadsheets, sync and review, printers, the report, settings. */
export function SupervisorScreen({ status }: { status: StationStatus | null }) {
  const { t } = useTranslation();
  const [section, setSection] = useState<Section>('day');
  const [date, setDate] = useState(() => brusselsDay(status?.now ?? new Date()));
  return (
    <div className="supervisor">
      <nav className="sub-nav" aria-label={t('ui.supervisor.sections')}>
        {SECTIONS.map((s) => (
          <button key={s} type="button" aria-current={section === s ? 'page' : undefined} onClick={() => setSection(s)} data-testid={`section-${s}`}>
            {t(`ui.supervisor.section.${s}`)}
          </button>
        ))}
      </nav>
      <div className="supervisor-body">
        {section === 'day' ? <DayPlanPanel date={date} onDate={setDate} /> : null}
        {section === 'observation' ? <UnderObservationPanel /> : null}
        {section === 'calendar' ? <CalendarPanel date={date} onDate={setDate} /> : null}
        {section === 'capacity' ? <CapacityPanel date={date} onDate={setDate} /> : null}
        {section === 'imports' ? <ImportPanel /> : null}
        {section === 'vials' ? <VialsStandbyPanel /> : null}
        {section === 'sync' ? <SyncPanel /> : null}
        {section === 'printers' ? <PrintersPanel /> : null}
        {section === 'messages' ? <MessagesPanel /> : null}
        {section === 'report' ? <ReportPanel date={date} onDate={setDate} /> : null}
        {section === 'staff' ? <StaffPanel /> : null}
        {section === 'vaccines' ? <VaccinesPanel /> : null}
        {section === 'rules' ? <RulesPanel /> : null}
        {section === 'screening' ? <ScreeningPanel /> : null}
        {section === 'settings' ? (
          <>
            <SettingsScreen />
            <CentreFilePanel status={status} />
            <StationOverview status={status} />
          </>
        ) : null}
      </div>
    </div>
  );
}
