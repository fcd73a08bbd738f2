// The bundled schema's validator, compiled ahead of time by `npm run docs` (scripts/gen-docs.ts `validatorSource`).
import type { ValidateFunction } from 'ajv/dist/2020';
declare const validate: ValidateFunction;
export default validate;
