// User-facing sentences of the ui area. Add entries as { en, vi }; reference them with t('id').
import type { MessageTable } from './table';

export const UI_MESSAGES = {
} satisfies MessageTable;
