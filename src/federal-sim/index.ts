export { startFederalSim, type FederalSim, type FederalSimOptions, type SimStats, type SimTlsOptions } from './server';
export { NO_FAULTS, parseFaults, type Faults } from './faults';
