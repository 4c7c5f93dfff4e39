// Checklist work. Nothing is ever changed in place: unticking is its own event, with a reason.
import { z } from 'zod';

const itemId = z.string().min(1).max(200);

export const checklistEventPayloads = {
  'checklist.checked': z.object({
    itemId,
    note: z.string().max(4000).nullable(),
    /** Sign-off items record who approved (may differ from who ticked). */
    approver: z.string().max(200).nullable(),
  }),
  'checklist.unchecked': z.object({ itemId, reason: z.string().max(4000).nullable() }),
  'checklist.noted': z.object({ itemId, text: z.string().min(1).max(4000) }),
} as const;
