// User-facing sentences of the local area. Add entries as { en, vi }; reference them with t('id').
import type { MessageTable } from './table';

export const LOCAL_MESSAGES = {
} satisfies MessageTable;
