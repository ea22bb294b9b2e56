// The packet options of a run of many cases (`batch`, `queue submit`), from their command-line flags.
import type { BatchTask } from '../../batch/batch-worker.js';

export interface PacketFlags {
  date?: string;
  payers?: string[];
  templates?: string[];
  force?: boolean;
  attachments?: 'merge' | 'list';
  allowOutside?: boolean;
  maxAttachmentMb?: number;
  maxAttachmentPages?: number;
}

export function batchGenerateOptions(opts: PacketFlags): BatchTask['options'] {
  return {
    ...(opts.date ? { date: opts.date } : {}),
    payerDirs: opts.payers ?? [],
    templateDirs: opts.templates ?? [],
    force: opts.force ?? false,
    attachments: opts.attachments ?? 'merge',
    allowOutside: opts.allowOutside ?? false,
    ...(opts.maxAttachmentMb ? { maxAttachmentBytes: Math.round(opts.maxAttachmentMb * 1024 * 1024) } : {}),
    ...(opts.maxAttachmentPages ? { maxAttachmentPages: opts.maxAttachmentPages } : {}),
  };
}
