// The bundled schema's validator, compiled by `npm run docs` (schema.ts `validatorSource`).
import type { ValidateFunction } from 'ajv/dist/2020';
declare const validate: ValidateFunction;
export default validate;
