export { InputError, locate } from '../traces/input-error.ts';
