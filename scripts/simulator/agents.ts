// Agents and their names as a Latin American contact center has them: accents, compound
// surnames, a few very long ones. Hostile names test that the extension treats every name as
// untrusted text.
import { int, pick, rng } from './random';

const FIRST = (
  'María José, Andrés, Sofía, Sebastián, Valentina, José Ángel, Camila, Nicolás, ' +
  'Luciana, Joaquín, Ximena, Martín, Isabella, Iván, Daniela, Julián, Mónica, ' +
  'Raúl, Verónica, Óscar, Inés, Ramón, Lucía, Hernán, João, Conceição, Luís, ' +
  'Gonçalo, Antônio, Sebastião, Íris, Mário, Begoña, Jesús, Ángela, Ñuflo'
).split(', ');

const LAST = (
  'Gómez, Rodríguez, Martínez, Hernández, López, Pérez, Sánchez, Ramírez, Díaz, ' +
  'Muñoz, Álvarez, Jiménez, Suárez, Peña, Castaño, Ordóñez, Gutiérrez, Núñez, ' +
  'Ibáñez, Beltrán, Gonçalves, Araújo, Conceição, Magalhães, Simões, Damião'
).split(', ');

// Names long enough to break a layout that assumes short names.
const LONG = [
  'María de los Ángeles Villavicencio-Santacruz de la Torre y Castañeda',
  'João Pedro de Albuquerque Cavalcanti Gonçalves da Silveira Magalhães',
  'José Gregorio Hernández-Ibáñez del Sagrado Corazón de Jesús Ordóñez',
] as const;

/** An ordinary name for agent number `index`, drawn from `next`. */
function ordinaryName(index: number, next: () => number): string {
  const long = LONG[Math.floor(index / 17)];
  if (index % 17 === 16 && long !== undefined) return long;
  const first = pick(next, FIRST);
  return int(next, 0, 2) === 0
    ? `${first} ${pick(next, LAST)}`
    : `${first} ${pick(next, LAST)} ${pick(next, LAST)}`;
}

const BIDI = 'Ana \u202Egnp.exe\u202C Ruiz';
const TEN_THOUSAND = 'Zoë Ñandú-Łópez '.repeat(700).slice(0, 10_000);

/** The hostile names, placed on fixed agent positions when `hostileNames` is on. */
const HOSTILE_NAMES: readonly string[] = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  BIDI,
  TEN_THOUSAND,
];

/** One simulated agent. `dni` is fake but shaped like the real, personal, field. */
export interface SimAgent {
  id: string;
  name: string;
  dni: string;
  /** Logged in but never scoring: every day is zero (or missing). */
  alwaysIdle: boolean;
  /** Agents sharing a tie group score the same points on every day they work. */
  tieGroup: string;
}

/** The operation's agents, ids from 1001; deterministic for a seed. */
export function makeAgents(count: number, seed: number, hostile: boolean): SimAgent[] {
  const hostileAt = [2, 5, 9, 13];
  return Array.from({ length: count }, (_, i) => {
    const id = String(1001 + i);
    const r = rng(seed, 'agent', id);
    const slot = i % 12;
    // Positions 4-6 and 9-10 of every dozen share points with the first of their run.
    const leader =
      slot >= 4 && slot <= 6 ? i - (slot - 4) : slot >= 9 && slot <= 10 ? i - (slot - 9) : i;
    const hostileIndex = hostile ? hostileAt.indexOf(i) : -1;
    return {
      id,
      name: HOSTILE_NAMES[hostileIndex] ?? ordinaryName(i, r),
      dni: String(int(r, 1, 9)) + String(int(r, 0, 999_999_999)).padStart(9, '0'),
      alwaysIdle: i % 15 === 14,
      tieGroup: String(1001 + leader),
    };
  });
}
