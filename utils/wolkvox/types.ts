/** The agents_kpi answer as wolkvox sends it: every number is a string. */

export interface WireStat {
  date: string;
  points: string;
  hits: string;
  calls: string;
  aht_time: string;
  acw_time: string;
  occupancy: string;
  login_time: string;
}

export interface WireAgent {
  agent_id: string;
  agent_name: string;
  /** National ID: personal data, dropped by the parser and never stored. */
  agent_dni?: string;
  stats: WireStat[];
}

export interface WireEnvelope {
  code: string | number;
  error: unknown;
  msg: string;
  data: WireAgent[];
}
