/** Latin American IANA zones offered for the operation, north to south. */
export const LATAM_TIME_ZONES = [
  'America/Tijuana',
  'America/Hermosillo',
  'America/Mazatlan',
  'America/Mexico_City',
  'America/Monterrey',
  'America/Cancun',
  'America/Guatemala',
  'America/El_Salvador',
  'America/Tegucigalpa',
  'America/Managua',
  'America/Costa_Rica',
  'America/Panama',
  'America/Havana',
  'America/Santo_Domingo',
  'America/Puerto_Rico',
  'America/Bogota',
  'America/Caracas',
  'America/Guayaquil',
  'America/Lima',
  'America/La_Paz',
  'America/Manaus',
  'America/Asuncion',
  'America/Santiago',
  'America/Argentina/Buenos_Aires',
  'America/Montevideo',
  'America/Sao_Paulo',
] as const;

/** "America/Bogota (GMT-5)": the zone and its offset now, as the UI language writes it. */
export function zoneLabel(zone: string, locale: string, now: number): string {
  try {
    const parts = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'shortOffset' })
      .formatToParts(now)
      .find((p) => p.type === 'timeZoneName');
    const city = zone.split('/').at(-1)!.replace(/_/g, ' ');
    return parts ? `${city} (${parts.value}) — ${zone}` : zone;
  } catch {
    return zone;
  }
}
