// User-facing sentences of the text area. Add entries as { en, vi }; reference them with t('id').
import type { MessageTable } from './table';

export const TEXT_MESSAGES = {
} satisfies MessageTable;
