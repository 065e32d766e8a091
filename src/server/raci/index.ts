// The RACI matrix with history: parties, recorded changes, and the matrix as of any instant.
export { AS_OF_HINT, formatDay, formatInstant, parseAsOf, type AsOf } from './as-of';
export { RACI_CATALOG, RACI_DEFAULTS } from './defaults';
export { requireRaciEditor, type RaciActor } from './editor';
export { raciHistory, type RaciHistoryChange, type RaciHistoryEntry } from './history';
export { raciForControl, raciMatrixAsOf, type ControlRaci, type RaciView } from './matrix';
export { filterRaciRows, LETTER_FILTERS, parseRaciRowFilter, raciRows, type LetterFilter, type RaciRow, type RaciRowFilter } from './matrix-rows';
export { addParty, archiveParty, ensureDefaultParties, listParties, partyIdFromName, renameParty, type RaciPartyView } from './parties';
export { describeLetters, lettersField, planRowEdit, type PlannedChange, type RowEdit } from './plan-row-edit';
export { raciEditSchema, recordRaciChange, recordRaciChanges, type RecordedRaciEdit } from './record-raci-change';
