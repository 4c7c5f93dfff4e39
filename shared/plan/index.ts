// The plan as a graph (dependencies) and its live forecast with the critical path. Pure.
export * from './graph';
export * from './explicit';
export * from './forecast';
