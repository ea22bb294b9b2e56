// The API's bodies as zod schemas: the route handlers check what they read and type what they answer with them, and
// the OpenAPI document is generated from these same schemas (openapi-document.ts), so the two never drift.
import { z } from 'zod';

const place = z.object({ file: z.string(), line: z.number().int().optional(), column: z.number().int().optional() });

export const diagnosticSchema = z
  .object({
    code: z.string().meta({ description: 'Stable id `stage/slug`, e.g. `validate/npi-check-digit`.' }),
    severity: z.enum(['error', 'warning', 'info']),
    message: z.string().meta({ description: "What is wrong, in a coordinator's words." }),
    path: z.array(z.union([z.string(), z.number()])).optional().meta({ description: 'The case field, e.g. ["prescriber", "npi"].' }),
    place: place.optional().meta({ description: 'Where in the case text (line and column), when it was sent as text.' }),
    hint: z.string().optional().meta({ description: 'What to do next.' }),
    data: z.record(z.string(), z.unknown()).optional().meta({ description: 'Machine-readable detail, e.g. `appealDeadlines` on `preflight/appeal-deadline`.' }),
  })
  .meta({ description: 'One finding, exactly as `authpack --format json` prints it.' });

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'The first error diagnostic\'s code, or a `serve/...` code.' }),
      message: z.string(),
      diagnostics: z.array(diagnosticSchema),
      requestId: z.string().optional().meta({ description: 'Given for 500: the server logged the failure under this id.' }),
    }),
  })
  .meta({ description: 'Every error answer has this shape.' });

export const validateVerdictSchema = z
  .object({ ok: z.boolean().meta({ description: 'True when no diagnostic is an error.' }), diagnostics: z.array(diagnosticSchema) })
  ;

const criterionSchema = z.object({
  id: z.string(),
  title: z.string().meta({ description: "The criterion as the payer's policy words it (or a faithful summary)." }),
  status: z.enum(['met', 'not-met', 'not-shown']),
  evidence: z.string().meta({ description: 'What the case shows, in words.' }),
  note: z.string().optional(),
  caveat: z.string().optional(),
  paths: z.array(z.array(z.union([z.string(), z.number()]))).meta({ description: 'Case fields the evidence comes from.' }),
  documents: z.array(z.number().int()).meta({ description: 'Indexes of the attachments that document it.' }),
  unconfirmed: z.string().optional(),
});

export const checkVerdictSchema = z
  .object({
    ok: z.boolean().meta({ description: 'True when no diagnostic is an error (the CLI `check` would exit 0).' }),
    diagnostics: z.array(diagnosticSchema),
    caseId: z.string().optional(),
    requestKind: z.string().optional(),
    payer: z
      .object({
        id: z.string(),
        displayName: z.string(),
        applies: z.boolean().meta({ description: "Whether the profile's policy covers an item of this case." }),
        scope: z.string(),
        policy: z.object({ number: z.string(), title: z.string(), revision: z.string().optional(), lastChecked: z.string(), unconfirmed: z.string().optional() }).optional(),
      })
      .optional(),
    criteria: z.array(criterionSchema),
    modifiers: z.array(z.object({ item: z.number().int(), code: z.string(), suggested: z.array(z.string()), listed: z.array(z.string()), reason: z.string().optional(), pending: z.array(z.string()).optional() })),
    timeframe: z.array(z.object({ message: z.string(), hint: z.string().optional() })).meta({ description: 'The decision clock(s) that apply to this request; on an appeal, its filing deadline (the diagnostic `preflight/appeal-deadline` carries the deadlines as `data`).' }),
  })
  ;

export const payerSummarySchema = z
  .object({
    id: z.string(),
    displayName: z.string(),
    lineOfBusiness: z.string(),
    scope: z.string().meta({ description: 'What the profile covers, in words.' }),
    policy: z.object({ number: z.string(), title: z.string(), revision: z.string().optional(), lastChecked: z.string() }).optional(),
  })
  ;

export const importResultSchema = z
  .object({
    case: z.record(z.string(), z.unknown()).meta({ description: 'The case as far as the FHIR data carries it; gaps are null.' }),
    gaps: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), field: z.string(), message: z.string() })),
    report: z.object({
      mapped: z.array(z.object({ field: z.string(), from: z.string(), element: z.string() })),
      ignored: z.array(z.object({ resource: z.string(), element: z.string().optional(), reason: z.string() })),
      gaps: z.array(z.object({ field: z.string(), reason: z.string() })),
    }),
    attachments: z
      .array(z.object({ file: z.string(), contentType: z.string(), data: z.string().meta({ description: 'The file, base64.' }) }))
      .meta({ description: 'Attachments the bundle carried inline, at the paths the case gives them: send them back as files with the case.' }),
  })
  ;

export const healthSchema = z.object({
  status: z.literal('ok'),
  /** With `serve --redis` only: renders go to the job queue, and whether its Redis answers. */
  renders: z.literal('queue').optional(),
  queue: z.string().optional(),
  redis: z.enum(['up', 'down']).optional(),
});

export const starterQuerySchema = z.object({ kind: z.enum(['device', 'drug', 'procedure']).default('device') });
const flag = z.enum(['0', '1', 'true', 'false']).optional();
export const packetQuerySchema = z.object({
  force: flag.meta({ description: 'Render a DRAFT packet despite preflight errors instead of answering 422.' }),
  fhir: flag.meta({ description: 'Answer the Da Vinci PAS request Bundle (application/fhir+json) that carries the packet.' }),
});

export type ValidateVerdict = z.infer<typeof validateVerdictSchema>;
export type CheckVerdict = z.infer<typeof checkVerdictSchema>;
export type PayerSummary = z.infer<typeof payerSummarySchema>;
export type ImportResultBody = z.infer<typeof importResultSchema>;
export const isOn = (v: string | undefined): boolean => v === '1' || v === 'true';
