// User-facing sentences of the remote area. Add entries as { en, vi }; reference them with t('id').
import type { MessageTable } from './table';

export const REMOTE_MESSAGES = {
} satisfies MessageTable;
