// What the rest of the product uses from the notebook area.
export {
  generateNotebook,
  generateAuthToken,
  findTemplateDir,
  NOTEBOOK_FILE_NAMES,
  UPSTREAM,
  type GeneratedNotebook,
  type NotebookOptions,
  type NotebookTarget,
  type NotebookDevice,
  type NotebookTunnel,
} from './generateNotebook';
export { pyLiteral } from './pyLiteral';
