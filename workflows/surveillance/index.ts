export { surveillanceScanWorkflow } from './surveillance-workflow';
