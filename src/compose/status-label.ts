// How the letters name a criterion's result: the criteria table, the appeal letter and the peer-to-peer sheet.
export const STATUS_LABEL = { met: 'Met', 'not-met': 'Not met', unknown: 'Not documented' } as const;
