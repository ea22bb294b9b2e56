// The map from a payer form's field names to case data, as YAML next to the form in the payer's folder.
import { z } from 'zod';

export const FORM_FORMATS = ['text', 'date', 'longDate', 'phone', 'fullName', 'label', 'upper', 'join', 'checkbox', 'radio'] as const;

const field = z.strictObject({
  /** Dotted path into the packet data: case fields (`patient.memberId`, `items.0.hcpcs`) or derived ones (`packet.patientName`). */
  from: z.string().min(1).optional(),
  /** A fixed value instead of `from`. */
  value: z.union([z.string(), z.boolean(), z.number()]).optional(),
  format: z.enum(FORM_FORMATS).default('text'),
  /** checkbox: checked when the value equals this (default: when it is truthy). */
  when: z.union([z.string(), z.boolean(), z.number()]).optional(),
  /** radio: case value → the form's option name. */
  options: z.record(z.string(), z.string()).optional(),
  /** Used when the data has no value. */
  default: z.string().optional(),
  /** Longest text to write (longer values are cut with "…" and reported). */
  maxLength: z.number().int().positive().optional(),
});

export const formMapSchema = z.strictObject({
  /** Fill, then flatten the form into page content (recommended: submitted packets must not be editable). */
  flatten: z.boolean().default(true),
  fields: z.record(z.string(), field),
});

export type FormMap = z.output<typeof formMapSchema>;
export type FormFieldMap = FormMap['fields'][string];
