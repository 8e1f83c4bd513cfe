/** A client system's registration, declared once: it checks `POST|PUT /sim/clients`, sandbox specs, snapshots and the config file. */
import { z } from 'zod';
import { zodProblem } from '../http/problem.ts';

export const ClientRegistrationSchema = z.strictObject({
  clientId: z.string().regex(/^[A-Za-z0-9_.-]{2,64}$/, 'expected 2–64 latin letters, digits, "_", "-" or "."'),
  redirectUris: z.array(z.url({ message: 'expected an absolute URL' })).max(20),
  scopes: z.array(z.string().max(64)).max(100).default([]),
  /** PEM (SPKI or certificate) or JWK of the key that verifies client_secret; RSA or EC P-256. */
  publicKey: z.union([z.string().max(16_384), z.record(z.string(), z.unknown())]).optional(),
});

/** The first problem of a failed check, as one line naming the field. */
export function registrationProblem(error: z.ZodError): string {
  return zodProblem(error, undefined, ['clientId', 'redirectUris', 'scopes', 'publicKey']);
}
