import { readTestEnv } from './test-env';

Object.assign(process.env, readTestEnv());
