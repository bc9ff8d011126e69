/** `{"email":[[[…"x"…]]]}` nested `levels` deep: the shape that overflowed the validation pipe. */
export function deeplyNested(levels: number, field = 'email'): string {
  return `{"${field}":${'['.repeat(levels)}"x"${']'.repeat(levels)}}`;
}
