// Which case fields are patient identity (name, birth date, member ID, phone, address, the subscriber): messages,
// logs and reports name these fields but never repeat their values.

export const isIdentityPath = (path: readonly (string | number)[]): boolean => path[0] === 'patient' || (path[0] === 'coverage' && path[1] === 'subscriber');
