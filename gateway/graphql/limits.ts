/** Query depth and cost limits as validation rules, the same for every engine. */
import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';

export const MAX_DEPTH = 10;
export const MAX_FIELDS = 400;

function measure(
  selectionSet: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  depth: number,
  seen: Set<string>,
): { depth: number; fields: number } {
  if (!selectionSet) return { depth, fields: 0 };
  let maxDepth = depth;
  let fields = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      const inner = measure(selection.selectionSet, fragments, depth + 1, seen);
      maxDepth = Math.max(maxDepth, inner.depth);
      fields += 1 + inner.fields;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const inner = measure(selection.selectionSet, fragments, depth, seen);
      maxDepth = Math.max(maxDepth, inner.depth);
      fields += inner.fields;
    } else {
      const name = selection.name.value;
      const fragment = fragments[name];
      if (!fragment || seen.has(name)) continue;
      const inner = measure(fragment.selectionSet, fragments, depth, new Set([...seen, name]));
      maxDepth = Math.max(maxDepth, inner.depth);
      fields += inner.fields;
    }
  }
  return { depth: maxDepth, fields };
}

export function limitsRule(maxDepth = MAX_DEPTH, maxFields = MAX_FIELDS): (context: ValidationContext) => ASTVisitor {
  return (context) => ({
    OperationDefinition(node) {
      const fragments = Object.fromEntries(
        context
          .getDocument()
          .definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
          .map((d) => [d.name.value, d]),
      );
      const { depth, fields } = measure(node.selectionSet, fragments, 0, new Set());
      if (depth > maxDepth) {
        context.reportError(
          new GraphQLError(`Query depth ${depth} exceeds the limit of ${maxDepth}`, {
            nodes: [node],
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth', maxDepth },
          }),
        );
      }
      if (fields > maxFields) {
        context.reportError(
          new GraphQLError(`Query selects ${fields} fields, more than the limit of ${maxFields}`, {
            nodes: [node],
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost', maxFields },
          }),
        );
      }
    },
  });
}
