export function governance(): string {
  return 'governance';
}
