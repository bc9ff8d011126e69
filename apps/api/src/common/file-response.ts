import { ApiOkResponse } from '@nestjs/swagger';

/** A route that streams a file: its 200 is a binary body in one of these media types. */
export function ApiFileResponse(description: string, ...mediaTypes: string[]) {
  const schema = { type: 'string', format: 'binary' } as const;
  return ApiOkResponse({
    description,
    content: Object.fromEntries(mediaTypes.map((type) => [type, { schema }])),
  });
}
