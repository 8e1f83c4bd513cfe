/** A bad value given to the world: names the value and lists what is accepted. */
export class WorldInputError extends Error {
  override readonly name = 'WorldInputError';

  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly accepted: string,
  ) {
    super(`${field} ${JSON.stringify(value)} is not valid: expected ${accepted}`);
  }
}
