/**
 * The GraphQL error codes edusim answers with (`extensions.code`), one union for every engine.
 */
import { GraphQLError } from 'graphql';

export type EdusimErrorCode =
  | 'UNAUTHENTICATED'
  | 'ACCOUNT_NOT_CONFIRMED'
  | 'CONSENT_REQUIRED'
  | 'ROLE_CHOICE_REQUIRED'
  | 'FORBIDDEN'
  | 'NOT_IN_REGISTRY'
  | 'DIARY_UNAVAILABLE'
  | 'DIARY_CONTRACT_VIOLATION'
  | 'BAD_USER_INPUT'
  | 'GRAPHQL_VALIDATION_FAILED';

export function edusimError(code: EdusimErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}
