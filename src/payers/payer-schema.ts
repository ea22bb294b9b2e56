// The payer profile format: who the packet goes to and how, as versioned YAML data validated here.
import { z } from 'zod';

const text = (max = 300) => z.string().trim().min(1).max(max);

export const payerProfileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'must be lower-case letters, digits and dashes' }),
  /** Date this profile's data was last revised (YYYY-MM-DD). */
  version: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date written YYYY-MM-DD' }),
  displayName: text(120),
  lineOfBusiness: z.enum(['commercial', 'medicare-ffs', 'medicare-advantage', 'medicaid', 'chip', 'exchange', 'any']).default('any'),
  /** Addressee of the letter and the fax. */
  recipient: text(200).default('Utilization Management Department'),
  address: z.strictObject({ line1: text(), line2: text().optional(), city: text(), state: text(2), postalCode: text(10) }).optional(),
  phone: text(40).optional(),
  fax: text(40).optional(),
  /** Overrides the confidentiality notice printed on the cover. */
  confidentialityNotice: text(2000).optional(),
  notes: text(2000).optional(),
});

export type PayerProfile = z.output<typeof payerProfileSchema> & {
  /** Folder the profile was loaded from; its .hbs files override the shared templates. */
  dir: string;
};
