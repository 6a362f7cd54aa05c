import type { Migration } from '../migration';
import { m001Foundation } from './001-foundation';
import { m002Vaccines } from './002-vaccines';
import { m003Citizens } from './003-citizens';
import { m004Calendar } from './004-calendar';
import { m005Capacity } from './005-capacity';
import { m006Doses } from './006-doses';
import { m007Appointments } from './007-appointments';
import { m008Vials } from './008-vials';
import { m009ProductChanges } from './009-product-changes';
import { m010PrintQueue } from './010-print-queue';
import { m020Sync } from './020-sync';
import { m021CentreSync } from './021-centre-sync';
import { m030Checkins } from './030-checkins';
import { m040Staff } from './040-staff';
import { m041Audit } from './041-audit';
import { m042Retention } from './042-retention';
import { m043SlotUnitsOwnerCovering } from './043-slot-units-owner-covering';
import { m044StaffNihdiChanges } from './044-staff-nihdi-changes';
import { m045StaffPinReset } from './045-staff-pin-reset';
import { m050CentreImports } from './050-centre-imports';
import { m051AppointmentsOpenDay } from './051-appointments-open-day';
import { m052NotGiven } from './052-not-given';
import { m053DoseAdministration } from './053-dose-administration';
import { m054VialWaste } from './054-vial-waste-standby-calls';
import { m055RekeyedDoses } from './055-rekeyed-doses';
import { m057SessionBooths } from './057-session-booths';
import { m058InvitationKeyWithdrawn } from './058-invitation-key-withdrawn';
import { m060CitizenMessages } from './060-citizen-messages';
import { m062Observations } from './062-observations';
import { m063DoseReactions } from './063-dose-reactions';
import { m064DoseRules } from './064-dose-rules';
import { m065Screening } from './065-screening';
import { m066Visits } from './066-visits';
import { m067SlotUnitsWithoutRowid } from './067-slot-units-without-rowid';

/**
 * Every migration, in order. Append only: a released migration is never edited. Numbers were
 * reserved per capability during the first build (1-9 foundation and booking, 10-19 printing,
 * 20-29 sync, 30-39 identification and check-in, 40-49 security and audit); the
 * `schema_migrations` ledger applies a lower-numbered migration that landed later, so a database
 * never skips one. New migrations take the next free number in their capability's range, or above
 * the highest one.
 */
export const MIGRATIONS: readonly Migration[] = [m001Foundation, m002Vaccines, m003Citizens, m004Calendar, m005Capacity, m006Doses, m007Appointments, m008Vials, m009ProductChanges, m010PrintQueue, m020Sync, m021CentreSync, m030Checkins, m040Staff, m041Audit, m042Retention, m043SlotUnitsOwnerCovering, m044StaffNihdiChanges, m045StaffPinReset, m050CentreImports, m051AppointmentsOpenDay, m052NotGiven, m053DoseAdministration, m054VialWaste, m055RekeyedDoses, m057SessionBooths, m058InvitationKeyWithdrawn, m060CitizenMessages, m062Observations, m063DoseReactions, m064DoseRules, m065Screening, m066Visits, m067SlotUnitsWithoutRowid];
