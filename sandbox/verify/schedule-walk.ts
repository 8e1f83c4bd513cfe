/**
 * Reading a diary's answer as far as it goes: the schools, classes and lessons of whatever came,
 * each only when it is an object, so a check can look at the parts that are there even when
 * others are off the contract.
 */
export type Json = Record<string, unknown>;

const objects = (value: unknown): Json[] =>
  Array.isArray(value) ? value.filter((item): item is Json => typeof item === 'object' && item !== null && !Array.isArray(item)) : [];

export interface WalkedLesson {
  /** `school[0].class[1].lesson[4]`: where it is in the answer. */
  readonly path: string;
  readonly lesson: Json;
  readonly class: Json;
}

export function schoolsOf(body: unknown): Json[] {
  return typeof body === 'object' && body !== null ? objects((body as Json)['school']) : [];
}

export function lessonsOf(body: unknown): WalkedLesson[] {
  const found: WalkedLesson[] = [];
  schoolsOf(body).forEach((school, s) =>
    objects(school['class']).forEach((cls, c) =>
      objects(cls['lesson']).forEach((lesson, l) => found.push({ path: `school[${s}].class[${c}].lesson[${l}]`, lesson, class: cls })),
    ),
  );
  return found;
}

/** A field as a string, or undefined. */
export function text(object: Json | undefined, key: string): string | undefined {
  const value = object?.[key];
  return typeof value === 'string' ? value : undefined;
}

export function child(object: Json | undefined, key: string): Json | undefined {
  const value = object?.[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

export function children(object: Json | undefined, key: string): Json[] {
  return objects(object?.[key]);
}
