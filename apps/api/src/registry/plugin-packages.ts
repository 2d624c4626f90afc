/**
 * Whether a registry entry's `kind` names an installed plugin package (SPEC 7 discovery).
 *
 * The hook the YAML validation calls for every entry. Plugin packages are not discovered yet, so
 * every kind is accepted; when the SDK's discovery lands this answers from the discovered packages
 * and `plugins validate` / sync start rejecting kinds nothing provides.
 */
export function isKnownKind(kind: string): boolean {
  return kind.length > 0;
}
