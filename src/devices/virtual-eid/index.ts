export { VirtualEidCard, CardPulledError, BELGIAN_EID_ATR, UNKNOWN_CARD_ATR, EID_FILE_IDS } from './card';
export type { VirtualEidOptions, EidFileName } from './card';
export { VpcdLink, VPCD_DEFAULT_PORT } from './vpcd-link';
export type { VpcdLinkOptions } from './vpcd-link';
export { VIRTUAL_PEOPLE, virtualPerson, identityFile, addressFile, photoFile } from './people';
export type { VirtualPerson } from './people';
export { encodeTlvFile } from './tlv';
export { inProcessTransmit } from './in-process';
