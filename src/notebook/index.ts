// What the rest of the product uses from the notebook area (the CLI's notebook command reads its module directly).
export { generateNotebook, generateAuthToken } from './generateNotebook';
