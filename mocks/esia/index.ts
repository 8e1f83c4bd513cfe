/** The ESIA simulator: core, transports, protocol pieces a test may want. */
export { EsiaSimulator } from './simulator.ts';
export type { EsiaOptions, TokenResponse } from './simulator.ts';
export { DEMO_CLIENT_ID, ClientRegistry } from './clients.ts';
export { ClientRegistrationSchema } from './client-schema.ts';
export type { ClientRegistration, Profile } from './clients.ts';
export { EsiaError, ESIA_ERROR_CODES, errorJson } from './errors.ts';
export type { EsiaErrorCode } from './errors.ts';
export { v1Message, v2Message } from './signature.ts';
export { formatEsiaTimestamp } from './timestamp.ts';
export { DEFAULT_ISSUER, SANDBOX_CLAIM, accountLevel, sandboxMismatch } from './tokens.ts';
export { KeyRing } from './keys.ts';
export type { StoredKey } from './keys.ts';
export { encodePermissions } from './permissions.ts';
export { DEMO_CLIENT_CERTIFICATE, DEMO_CLIENT_CERTIFICATE_HASH, DEMO_CLIENT_PRIVATE_KEY, signAsDemoClient } from './demo-client.ts';
export { certificateHashOf } from './certificate-hash.ts';
export { TRAPS } from './traps.ts';
export type { Trap } from './traps.ts';
