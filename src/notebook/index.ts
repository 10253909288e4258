// What the rest of the product uses from the notebook area.
export {
  generateNotebook,
  generateAuthToken,
  findTemplateDir,
  NOTEBOOK_FILE_NAMES,
  UPSTREAM,
  V3_BACKBONE,
  V3_SDK,
  V1_CODECS,
  notebookModelOf,
  type NotebookModel,
  type GeneratedNotebook,
  type NotebookOptions,
  type NotebookTarget,
  type NotebookDevice,
  type NotebookTunnel,
} from './generateNotebook';
export { pyLiteral } from './pyLiteral';
