export { bondPaymentRunWorkflow, bondPaymentWorkflow } from './payment-workflows';
