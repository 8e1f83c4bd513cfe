/**
 * Query limits, the same for every engine: the size of the query text (checked before it is
 * parsed), then depth, fields, aliases and introspection (measured on the parsed document before
 * graphql-js validates it — its own rules are quadratic in repeated fields and take seconds on a
 * 32 KiB document). Every field counts, `__typename` and introspection included; `__schema` and
 * `__type` expand to (part of) the whole schema, so an operation may hold one. Introspection is
 * not held to the depth limit (the standard introspection query is 15 deep through `ofType`);
 * graphql-js's MaxIntrospectionDepthRule bounds its nesting of lists instead.
 *
 * Wiring: `limitsRule()` is a validation rule (both engines list it); `enforceLimits()` adds
 * Mercurius's preParsing/preValidation hooks and `requestLimits()` checks a request for the
 * @apollo/server route, so that an over-limit query is refused before it is parsed or validated.
 */
import { createHash } from 'node:crypto';
import { GraphQLError, Kind, parse, type ASTVisitor, type DocumentNode, type SelectionSetNode, type ValidationContext } from 'graphql';

export const MAX_DEPTH = 10;
export const MAX_FIELDS = 400;
export const MAX_ALIASES = 100;
/** `__schema` and `__type` fields per operation: a GraphQL client introspects with one `__schema`. */
export const MAX_INTROSPECTION = 1;
/** Query text in UTF-8 bytes; the standard introspection query is under 2 KiB. */
export const MAX_QUERY_BYTES = 32 * 1024;

export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxFields: number;
  readonly maxAliases: number;
  readonly maxIntrospection: number;
  readonly maxBytes: number;
}

export const QUERY_LIMITS: QueryLimits = {
  maxDepth: MAX_DEPTH,
  maxFields: MAX_FIELDS,
  maxAliases: MAX_ALIASES,
  maxIntrospection: MAX_INTROSPECTION,
  maxBytes: MAX_QUERY_BYTES,
};

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/** The query text over the size limit, as an error; null when it fits. Linear in the text, never parses it. */
export function querySizeError(source: string, limits: Pick<QueryLimits, 'maxBytes'> = QUERY_LIMITS): GraphQLError | null {
  const { maxBytes } = limits;
  const nesting = nestingOf(source);
  if (nesting > MAX_NESTING)
    return new GraphQLError(`Query nests ${nesting} levels of braces, more than the limit of ${MAX_NESTING}`, {
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'nesting', maxNesting: MAX_NESTING, nesting },
    });
  // A UTF-8 byte count is at least the UTF-16 length and at most three times it.
  if (source.length * 3 <= maxBytes) return null;
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes <= maxBytes) return null;
  return new GraphQLError(`Query is ${bytes} bytes, more than the limit of ${maxBytes} bytes`, {
    extensions: { code: 'QUERY_TOO_LARGE', limit: 'size', maxBytes, bytes },
  });
}

/**
 * How deep `{`, `(` and `[` nest in a query text (strings and comments skipped), read before any
 * parser recurses into it: graphql-js's parser would overflow the stack on a few thousand levels.
 */
const MAX_NESTING = 64;

function nestingOf(source: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '#') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '"') {
      for (i++; i < source.length && source[i] !== '"'; i++) if (source[i] === '\\') i++;
    } else if (c === '{' || c === '(' || c === '[') {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > MAX_NESTING) return deepest;
    } else if (c === '}' || c === ')' || c === ']') depth--;
  }
  return deepest;
}

/** What one selection set costs, its fragments expanded: fields and aliases written, depth below it, introspection roots. */
interface Cost {
  readonly depth: number;
  readonly fields: number;
  readonly aliases: number;
  readonly introspection: number;
}

const NOTHING: Cost = { depth: 0, fields: 0, aliases: 0, introspection: 0 };

/**
 * Measures every operation and fragment of a document, each fragment once (memoised), so a
 * fragment spread many times costs its size each time without being walked each time: linear in
 * the document, however many fields it expands to.
 */
function measureDocument(document: DocumentNode): Cost {
  const fragments = new Map<string, SelectionSetNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition.selectionSet);
  }
  // Keyed by name and whether the spread sits under __schema/__type (there it adds no depth).
  const memo = new Map<string, Cost>();

  const fragmentCost = (name: string, introspecting: boolean): Cost => {
    const key = `${introspecting ? 'i' : 'o'}:${name}`;
    const known = memo.get(key);
    if (known) return known;
    const selectionSet = fragments.get(name);
    if (!selectionSet) return NOTHING;
    memo.set(key, NOTHING); // a cycle (refused by NoFragmentCyclesRule later) counts once
    const cost = selectionCost(selectionSet, introspecting);
    memo.set(key, cost);
    return cost;
  };

  const selectionCost = (selectionSet: SelectionSetNode, introspecting: boolean): Cost => {
    let depth = 0;
    let fields = 0;
    let aliases = 0;
    let introspection = 0;
    for (const selection of selectionSet.selections) {
      let inner: Cost;
      if (selection.kind === Kind.FIELD) {
        const root = INTROSPECTION_ROOTS.has(selection.name.value);
        const below = root || introspecting;
        const sub = selection.selectionSet ? selectionCost(selection.selectionSet, below) : NOTHING;
        inner = {
          depth: below ? 1 : 1 + sub.depth,
          fields: 1 + sub.fields,
          aliases: (selection.alias ? 1 : 0) + sub.aliases,
          introspection: (root ? 1 : 0) + sub.introspection,
        };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = selectionCost(selection.selectionSet, introspecting);
      } else {
        inner = fragmentCost(selection.name.value, introspecting);
      }
      depth = Math.max(depth, inner.depth);
      fields += inner.fields;
      aliases += inner.aliases;
      introspection += inner.introspection;
    }
    return { depth, fields, aliases, introspection };
  };

  // The largest operation or fragment, its fragments expanded — and everything written in the
  // document, which graphql-js's validation walks whether used or not (several operations, unused fragments).
  let depth = 0;
  let fields = 0;
  let aliases = 0;
  let introspection = 0;
  let writtenFields = 0;
  let writtenAliases = 0;
  const countWritten = (selectionSet: SelectionSetNode): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        writtenFields += 1;
        if (selection.alias) writtenAliases += 1;
      }
      if (selection.kind !== Kind.FRAGMENT_SPREAD && selection.selectionSet) countWritten(selection.selectionSet);
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION && definition.kind !== Kind.FRAGMENT_DEFINITION) continue;
    countWritten(definition.selectionSet);
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      // On its own a fragment only costs validation (its fields); depth and introspection count where it is spread.
      const cost = fragmentCost(definition.name.value, false);
      fields = Math.max(fields, cost.fields);
      aliases = Math.max(aliases, cost.aliases);
      continue;
    }
    const cost = selectionCost(definition.selectionSet, false);
    depth = Math.max(depth, cost.depth);
    fields = Math.max(fields, cost.fields);
    aliases = Math.max(aliases, cost.aliases);
    introspection = Math.max(introspection, cost.introspection);
  }
  return { depth, fields: Math.max(fields, writtenFields), aliases: Math.max(aliases, writtenAliases), introspection };
}

/**
 * The first limit a parsed document breaks, as an error stating the limit and the measured value;
 * null when within every limit. Depth and fields keep the code they always had
 * (GRAPHQL_VALIDATION_FAILED, told apart by `extensions.limit`); aliases and introspection are
 * QUERY_TOO_COMPLEX.
 */
export function documentLimitError(document: DocumentNode, limits: QueryLimits = QUERY_LIMITS): GraphQLError | null {
  const measured = measureDocument(document);
  // In the order they are checked: the first broken one is reported.
  const checks = [
    {
      limit: 'introspection',
      value: measured.introspection,
      max: limits.maxIntrospection,
      maxKey: 'maxIntrospection',
      code: 'QUERY_TOO_COMPLEX',
      message: `Query selects ${measured.introspection} introspection fields (__schema, __type), more than the limit of ${limits.maxIntrospection}`,
    },
    {
      limit: 'aliases',
      value: measured.aliases,
      max: limits.maxAliases,
      maxKey: 'maxAliases',
      code: 'QUERY_TOO_COMPLEX',
      message: `Query uses ${measured.aliases} aliases, more than the limit of ${limits.maxAliases}`,
    },
    {
      limit: 'depth',
      value: measured.depth,
      max: limits.maxDepth,
      maxKey: 'maxDepth',
      code: 'GRAPHQL_VALIDATION_FAILED',
      message: `Query depth ${measured.depth} exceeds the limit of ${limits.maxDepth}`,
    },
    {
      limit: 'cost',
      value: measured.fields,
      max: limits.maxFields,
      maxKey: 'maxFields',
      code: 'GRAPHQL_VALIDATION_FAILED',
      message: `Query selects ${measured.fields} fields, more than the limit of ${limits.maxFields}`,
    },
  ] as const;
  const broken = checks.find((c) => c.value > c.max);
  if (!broken) return null;
  const measure = broken.limit === 'cost' ? 'fields' : broken.limit;
  return new GraphQLError(broken.message, { extensions: { code: broken.code, limit: broken.limit, [broken.maxKey]: broken.max, [measure]: broken.value } });
}

/** The limits as a validation rule (for any engine that only takes rules; the hooks below refuse earlier). */
export function limitsRule(limits: QueryLimits = QUERY_LIMITS): (context: ValidationContext) => ASTVisitor {
  return (context) => ({
    Document(node) {
      const error = documentLimitError(node, limits);
      if (error) context.reportError(error);
    },
  });
}

/** Mercurius's error for a refused request: status 400, the GraphQL error in `errors` (as its validation errors are). */
function refusal(error: GraphQLError): Error {
  return Object.assign(new Error(error.message), { statusCode: 400, errors: [error] });
}

interface MercuriusHooks {
  addHook(name: 'preParsing' | 'preValidation', hook: (...args: never[]) => Promise<void>): void;
}

/** Mercurius: the size before parsing, the rest before validation (a cached, already validated query skips both). */
export function enforceLimits(graphql: MercuriusHooks, limits: QueryLimits = QUERY_LIMITS): void {
  graphql.addHook('preParsing', (async (_schema: unknown, source: string) => {
    const error = querySizeError(source, limits);
    if (error) throw refusal(error);
  }) as never);
  graphql.addHook('preValidation', (async (_schema: unknown, document: DocumentNode) => {
    let error: GraphQLError | null = null;
    try {
      error = documentLimitError(document, limits);
    } catch {
      // Not a document's shape (Mercurius also takes a JSON-encoded AST as the query): graphql-js answers it, as before.
    }
    if (error) throw refusal(error);
  }) as never);
}

/**
 * @apollo/server refuses whatever its plugins throw with a 500, so its route checks the request
 * before handing it over: `over(request.body)` (or the query string's parameters for GET) gives
 * the error to answer with 400, or null. The text is parsed for the check (syntax errors are left
 * to Apollo); the hashes of the last texts found within the limits are kept, so a client's
 * repeated queries are parsed once here.
 */
export function requestLimits(limits: QueryLimits = QUERY_LIMITS, remembered = 1000): (params: unknown) => GraphQLError | null {
  const within = new Set<string>();
  const check = (query: string): GraphQLError | null => {
    const sizeError = querySizeError(query, limits);
    if (sizeError) return sizeError;
    const key = createHash('sha256').update(query).digest('base64');
    if (within.has(key)) return null;
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch {
      return null;
    }
    const error = documentLimitError(document, limits);
    if (error) return error;
    if (within.size >= remembered) within.delete(within.values().next().value as string);
    within.add(key);
    return null;
  };
  return (params) => {
    for (const one of Array.isArray(params) ? params : [params]) {
      const query = (one as { query?: unknown } | null | undefined)?.query;
      const error = typeof query === 'string' ? check(query) : null;
      if (error) return error;
    }
    return null;
  };
}
