import { ValueTransformer } from 'typeorm';

/** bigint columns of integer cents ↔ TypeScript bigint (pg returns bigint as a string). */
export const CENTS_TRANSFORMER: ValueTransformer = {
  to: (value: bigint | null | undefined) =>
    value === null || value === undefined ? value : value.toString(),
  from: (value: string | null) => (value === null ? null : BigInt(value)),
};
