// Placeholder until the owning issue lands its implementation; it says so plainly instead of pretending.
import { UserError } from '../core/errors';
import type { CliCommand } from './command';

export const command: CliCommand = {
  summary: '(not available in this build yet)',
  help: 'This command is not available in this build yet.',
  async run() {
    throw new UserError('This command is not available in this build yet.', 'internal');
  },
};
