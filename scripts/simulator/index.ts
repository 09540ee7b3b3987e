// The simulator's public API, for the demo, Playwright fixtures, the fleet simulation and benchmarks.
export { startSimulator, type Simulator, type SimulatorOptions } from './server';
export {
  createOperation,
  toWire,
  type DayKey,
  type DayStats,
  type Operation,
  type OperationOptions,
  type SimAgent,
  type WireStat,
} from './data';
export { ERRORS, type WireAgent } from './envelope';
export { type Fault, type FaultKind } from './faults';
export { API_PATH, type LogEntry } from './api';
export { agentsKpiPath, simRequest, type SimRequest, type SimResponse } from './client';
export { addDays, dayKeyIn, hms } from './calendar';
